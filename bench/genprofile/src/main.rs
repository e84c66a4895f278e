//! Synthetic inputs for pa's benchmark, deterministic for a given seed.
//!
//! `genprofile pprof OUT.pb.gz [options]` writes a gzipped pprof protobuf
//! shaped like a large Go heap profile: four sample types, deep stacks
//! (10-60 frames) drawn as walks over a fixed random call graph whose
//! callees are Zipf-distributed (a few hot functions, a long tail),
//! inlined frames, a numeric `bytes` label on every sample and string
//! labels on some. Stacks are walks, not independent draws, so the call
//! graph has the size of a real program's rather than one edge per frame.
//!
//! `genprofile goroutines OUT.txt --bytes N` writes a `debug=2` goroutine
//! dump of about N bytes.
//!
//! The protobuf is written by hand (no pa, no prost), so this crate builds
//! in seconds and never depends on the code it measures.

use std::io::{BufWriter, Write};

use flate2::Compression;
use flate2::write::GzEncoder;

/// splitmix64: small, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() >> 32) * n) >> 32
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A Zipf-like rank in 0..n (s = 1: rank r with weight about 1/r).
    fn zipf(&mut self, n: u64) -> u64 {
        zipf_from(self.unit(), n)
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn zipf_from(u: f64, n: u64) -> u64 {
    // Inverse CDF of the continuous 1/x law on [1, n+1).
    let r = ((n + 1) as f64).powf(u) as u64;
    r.saturating_sub(1).min(n - 1)
}

/// Protobuf writing: varints, keys, length-delimited submessages.
#[derive(Default)]
struct Buf(Vec<u8>);

impl Buf {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn key(&mut self, field: u32, wire: u32) {
        self.varint(u64::from((field << 3) | wire));
    }
    /// A varint field, omitted when zero as proto3 does.
    fn uint(&mut self, field: u32, v: u64) {
        if v != 0 {
            self.key(field, 0);
            self.varint(v);
        }
    }
    fn int(&mut self, field: u32, v: i64) {
        self.uint(field, v as u64);
    }
    fn bytes(&mut self, field: u32, b: &[u8]) {
        self.key(field, 2);
        self.varint(b.len() as u64);
        self.0.extend_from_slice(b);
    }
    fn packed(&mut self, field: u32, vals: impl Iterator<Item = u64> + Clone) {
        let len: usize = vals.clone().map(varint_len).sum();
        if len == 0 {
            return;
        }
        self.key(field, 2);
        self.varint(len as u64);
        for v in vals {
            self.varint(v);
        }
    }
}

fn varint_len(v: u64) -> usize {
    (64 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

/// Appends `msg` as field `field` of the top-level Profile.
fn emit(out: &mut impl Write, field: u32, msg: &Buf) -> std::io::Result<()> {
    let mut head = Buf::default();
    head.key(field, 2);
    head.varint(msg.0.len() as u64);
    out.write_all(&head.0)?;
    out.write_all(&msg.0)
}

struct Strings {
    list: Vec<String>,
    index: std::collections::HashMap<String, u64>,
}

impl Strings {
    fn new() -> Strings {
        let mut s = Strings { list: Vec::new(), index: Default::default() };
        s.id("");
        s
    }
    fn id(&mut self, s: &str) -> u64 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u64;
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }
}

struct PprofSpec {
    samples: u64,
    functions: u64,
    locations: u64,
    min_depth: u64,
    max_depth: u64,
    seed: u64,
    value_seed: u64,
}

const PKG_WORDS: [&str; 16] = [
    "api", "auth", "cache", "codec", "db", "grpc", "http", "index", "ingest", "kv", "log", "metrics", "query", "rpc",
    "sched", "store",
];
const TYPE_WORDS: [&str; 12] =
    ["Server", "Client", "Conn", "Reader", "Writer", "Pool", "Batch", "Tree", "Table", "Queue", "Encoder", "Handler"];
const VERB_WORDS: [&str; 16] = [
    "Get", "Put", "Scan", "Flush", "Merge", "Encode", "Decode", "Read", "Write", "Serve", "Dispatch", "Lookup",
    "Append", "Compact", "Sync", "Close",
];

fn function_name(f: u64) -> (String, String) {
    let h = mix(f ^ 0x5555);
    let pkg = f / 37;
    let word = PKG_WORDS[(pkg % 16) as usize];
    let path = format!("github.com/acme/platform/internal/{word}{pkg}");
    let ty = TYPE_WORDS[(h % 12) as usize];
    let verb = VERB_WORDS[((h >> 8) % 16) as usize];
    let name = match (h >> 16) & 3 {
        0 => format!("{path}.{verb}{f}"),
        1 => format!("{path}.(*{ty}{}).{verb}{f}", f % 7),
        2 => format!("{path}.{ty}{}.{verb}{f}", f % 5),
        _ => format!("{path}.(*{ty}{}).{verb}{f}.func{}", f % 7, (h >> 20) % 4 + 1),
    };
    let file = format!("/build/src/{path}/{}_{}.go", word, f % 11);
    (name, file)
}

fn gen_pprof(path: &str, spec: &PprofSpec) -> std::io::Result<u64> {
    let file = std::fs::File::create(path)?;
    // Buffered in front of the encoder too, so it deflates large chunks.
    let gz = GzEncoder::new(BufWriter::with_capacity(1 << 20, file), Compression::fast());
    let mut out = BufWriter::with_capacity(1 << 20, gz);
    let mut st = Strings::new();
    let nf = spec.functions.max(1);
    let nl = spec.locations.max(nf);

    // The header first (Go writes sample_type, samples, then the tables).
    let types =
        [("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_objects", "count"), ("inuse_space", "bytes")];
    for (t, u) in types {
        let mut m = Buf::default();
        m.uint(1, st.id(t));
        m.uint(2, st.id(u));
        emit(&mut out, 1, &m)?;
    }

    // Location l belongs to function l for l < nf, then to a Zipf-chosen
    // one; about one location in six has inlined callees above it.
    let func_of = |l: u64| -> u64 {
        if l < nf { l } else { zipf_from((mix(l ^ 0xf00d) >> 11) as f64 / (1u64 << 53) as f64, nf) }
    };
    // Callee j of location l: Zipf over all locations, so a few are hot.
    // The hottest get small ids (Go numbers locations in order of first
    // appearance); the tail is spread over the whole id range.
    // The table is made once: a walk step is then two loads.
    let callees: Vec<[u32; 6]> = (0..nl)
        .map(|l| {
            std::array::from_fn(|j| {
                let u = (mix(l.wrapping_mul(31).wrapping_add(j as u64) ^ 0xbeef) >> 11) as f64 / (1u64 << 53) as f64;
                let r = zipf_from(u, nl);
                (if r < 32 { r } else { (r.wrapping_mul(0x9e37_79b9) + 12345) % nl }) as u32
            })
        })
        .collect();
    let ncallees = |l: u64| -> u64 { 1 + mix(l ^ 0xca11) % 6 };
    // Zipf over 1..=6 callees by a table lookup instead of powf.
    let pick: Vec<[u8; 64]> =
        (1..=6u64).map(|n| std::array::from_fn(|i| zipf_from((i as f64 + 0.5) / 64.0, n) as u8)).collect();
    let roots = 16u64;

    let mut rng = Rng(spec.seed);
    let mut vrng = Rng(spec.value_seed);
    let size_classes: Vec<u64> = (0..64).map(|i| 8 + i * i * 48).collect();
    let handlers: Vec<String> = (0..24).map(|i| format!("/api/v1/{}", PKG_WORDS[i % 16])).collect();
    let k_bytes = st.id("bytes");
    let k_handler = st.id("handler");
    let k_tenant = st.id("tenant");
    let handler_ids: Vec<u64> = handlers.iter().map(|h| st.id(h)).collect();
    let tenant_ids: Vec<u64> = (0..200).map(|i| st.id(&format!("tenant-{i:04}"))).collect();

    let mut stack: Vec<u64> = Vec::with_capacity(64);
    let mut m = Buf::default();
    let mut lab = Buf::default();
    let mut raw = 0u64;
    for _ in 0..spec.samples {
        stack.clear();
        let depth = spec.min_depth + rng.below(spec.max_depth - spec.min_depth + 1);
        let mut cur = rng.zipf(roots) % nl;
        stack.push(cur);
        while (stack.len() as u64) < depth {
            let j = pick[ncallees(cur) as usize - 1][rng.below(64) as usize];
            cur = u64::from(callees[cur as usize][j as usize]);
            stack.push(cur);
        }
        m.0.clear();
        // Leaf first, ids from 1.
        m.packed(1, stack.iter().rev().map(|&l| l + 1));
        let objects = 1 + vrng.zipf(512);
        let size = size_classes[vrng.zipf(64) as usize];
        let live = if vrng.below(5) == 0 { 0 } else { objects / (1 + vrng.below(4)) };
        let v = [objects, objects * size, live, live * size];
        m.packed(2, v.iter().copied());
        lab.0.clear();
        lab.uint(1, k_bytes);
        lab.int(3, size as i64);
        lab.uint(4, k_bytes);
        m.bytes(3, &lab.0);
        if vrng.below(5) < 2 {
            lab.0.clear();
            lab.uint(1, k_handler);
            lab.uint(2, handler_ids[vrng.zipf(24) as usize]);
            m.bytes(3, &lab.0);
            if vrng.below(2) == 0 {
                lab.0.clear();
                lab.uint(1, k_tenant);
                lab.uint(2, tenant_ids[vrng.zipf(200) as usize]);
                m.bytes(3, &lab.0);
            }
        }
        emit(&mut out, 2, &m)?;
        raw += m.0.len() as u64;
    }

    // One mapping: a static Go binary.
    let mut mp = Buf::default();
    mp.uint(1, 1);
    mp.uint(2, 0x400000);
    mp.uint(3, 0x400000 + nl * 64 + 4096);
    mp.uint(5, st.id("/usr/local/bin/platform-server"));
    mp.uint(6, st.id("4c0ffee5badc0de5f00dfeedfacecafe01234567"));
    for f in 7..=10 {
        mp.uint(f, 1);
    }
    emit(&mut out, 3, &mp)?;

    for l in 0..nl {
        m.0.clear();
        m.uint(1, l + 1);
        m.uint(2, 1);
        m.uint(3, 0x400000 + l * 64 + 0x1f);
        let f = func_of(l);
        let h = mix(l ^ 0x11e);
        // Inlined frames come first (innermost), the physical function last.
        let inlined = if h.is_multiple_of(6) { 1 + (h >> 8) % 2 } else { 0 };
        for k in 0..inlined {
            let g = zipf_from((mix(l ^ ((k + 1) << 40)) >> 11) as f64 / (1u64 << 53) as f64, nf);
            lab.0.clear();
            lab.uint(1, g + 1);
            lab.int(2, 10 + ((h >> (12 + k)) % 300) as i64);
            m.bytes(4, &lab.0);
        }
        lab.0.clear();
        lab.uint(1, f + 1);
        lab.int(2, 10 + ((h >> 20) % 400) as i64);
        m.bytes(4, &lab.0);
        emit(&mut out, 4, &m)?;
    }

    for f in 0..nf {
        let (name, file) = function_name(f);
        let n = st.id(&name);
        m.0.clear();
        m.uint(1, f + 1);
        m.uint(2, n);
        m.uint(3, n);
        m.uint(4, st.id(&file));
        m.int(5, 10 + (mix(f) % 300) as i64);
        emit(&mut out, 5, &m)?;
    }

    let period_type = {
        let mut b = Buf::default();
        b.uint(1, st.id("space"));
        b.uint(2, st.id("bytes"));
        b
    };
    for s in &st.list {
        let mut b = Buf::default();
        b.key(6, 2);
        b.varint(s.len() as u64);
        out.write_all(&b.0)?;
        out.write_all(s.as_bytes())?;
    }
    let mut tail = Buf::default();
    tail.int(9, 1_750_000_000_000_000_000);
    tail.int(10, 30_000_000_000);
    out.write_all(&tail.0)?;
    emit(&mut out, 11, &period_type)?;
    let mut tail = Buf::default();
    tail.int(12, 524_288);
    out.write_all(&tail.0)?;
    out.into_inner().map_err(|e| e.into_error())?.finish()?.flush()?;
    Ok(raw)
}

fn gen_goroutines(path: &str, bytes: u64, seed: u64) -> std::io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let mut rng = Rng(seed);
    let states =
        ["chan receive", "select", "IO wait", "semacquire", "sync.Mutex.Lock", "runnable", "sleep", "sync.Cond.Wait"];
    // A few hundred distinct stacks, as a real server has.
    let shapes: Vec<Vec<u64>> = (0..400)
        .map(|_| {
            let d = 4 + rng.below(30);
            (0..d).map(|_| rng.zipf(3000)).collect()
        })
        .collect();
    let mut written = 0u64;
    let mut id = 1u64;
    let mut s = String::with_capacity(8192);
    while written < bytes {
        s.clear();
        let shape = &shapes[rng.zipf(shapes.len() as u64) as usize];
        let state = states[rng.zipf(states.len() as u64) as usize];
        if rng.below(3) == 0 {
            s.push_str(&format!("goroutine {id} [{state}, {} minutes]:\n", 1 + rng.below(90)));
        } else {
            s.push_str(&format!("goroutine {id} [{state}]:\n"));
        }
        for (i, &f) in shape.iter().enumerate() {
            let (name, file) = function_name(f);
            if i == 0 {
                s.push_str("runtime.gopark(0xc000123456?, 0x0?, 0x0?, 0x0?, 0x0?)\n");
                s.push_str("\t/usr/local/go/src/runtime/proc.go:435 +0xce\n");
            }
            s.push_str(&format!(
                "{name}(0xc0{:08x}, 0x{:x})\n\t{file}:{} +0x{:x}\n",
                rng.below(1 << 32),
                rng.below(4096),
                10 + f % 400,
                16 + f % 900
            ));
        }
        let creator = id.saturating_sub(1 + rng.below(id.min(50)));
        let (name, file) = function_name(shape[shape.len() - 1] + 1);
        s.push_str(&format!(
            "created by {name} in goroutine {}\n\t{file}:{} +0x{:x}\n\n",
            creator.max(1),
            20 + id % 300,
            32 + id % 500
        ));
        out.write_all(s.as_bytes())?;
        written += s.len() as u64;
        id += 1;
    }
    out.flush()?;
    Ok(written)
}

const USAGE: &str = "usage:
  genprofile pprof OUT.pb.gz [--preset big|medium|small] [--samples N] [--functions N]
                   [--locations N] [--min-depth N] [--max-depth N] [--seed N] [--value-seed N]
  genprofile goroutines OUT.txt [--bytes N] [--seed N]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("{USAGE}");
        std::process::exit(2);
    }
    let mut opts = std::collections::HashMap::new();
    let mut i = 2;
    while i < args.len() {
        let Some(k) = args[i].strip_prefix("--") else {
            eprintln!("genprofile: unexpected argument {}\n{USAGE}", args[i]);
            std::process::exit(2);
        };
        let Some(v) = args.get(i + 1) else {
            eprintln!("genprofile: --{k} needs a value");
            std::process::exit(2);
        };
        opts.insert(k.to_string(), v.clone());
        i += 2;
    }
    let num = |k: &str, d: u64| -> u64 {
        opts.get(k).map_or(d, |v| {
            v.parse().unwrap_or_else(|_| {
                eprintln!("genprofile: --{k} wants a number, got {v}");
                std::process::exit(2)
            })
        })
    };
    let path = &args[1];
    let result = match args[0].as_str() {
        "pprof" => {
            // Sizes of the measurements: ~200 MB raw with 1.7 M
            // samples and 100 k functions; ~20 MB with 175 k samples.
            let (samples, functions) = match opts.get("preset").map(String::as_str) {
                None | Some("big") => (1_700_000, 100_000),
                Some("medium") => (175_000, 20_000),
                Some("small") => (2_000, 500),
                Some(p) => {
                    eprintln!("genprofile: unknown preset {p}");
                    std::process::exit(2)
                }
            };
            let functions = num("functions", functions);
            let spec = PprofSpec {
                samples: num("samples", samples),
                functions,
                locations: num("locations", functions * 2),
                min_depth: num("min-depth", 10),
                max_depth: num("max-depth", 60).max(num("min-depth", 10)),
                seed: num("seed", 1),
                value_seed: num("value-seed", num("seed", 1)),
            };
            gen_pprof(path, &spec)
        }
        "goroutines" => gen_goroutines(path, num("bytes", 64 << 20), num("seed", 1)),
        c => {
            eprintln!("genprofile: unknown kind {c}\n{USAGE}");
            std::process::exit(2)
        }
    };
    match result {
        Ok(n) => eprintln!("genprofile: wrote {path} ({n} bytes of samples or text)"),
        Err(e) => {
            eprintln!("genprofile: {path}: {e}");
            std::process::exit(1)
        }
    }
}
