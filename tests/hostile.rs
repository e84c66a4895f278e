//! Hostile input (docs/bad-input.md): whatever a pod or an attacker hands
//! pa, it answers with exit code 0, 1 or 2, at most one line on stderr that
//! names the source, no panic, bounded time and memory, and no name that
//! turns into a terminal escape or markup. `tests/bad_input.rs` has the
//! decoder rules; this file has the rest, and a deterministic mutation
//! smoke of every parser (the fuzz targets' short version, see fuzz/).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use pa::decode::proto::pb;
use prost::Message;

// ---------------------------------------------------------------- helpers

/// A fresh directory, removed when dropped.
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tempdir() -> TempDir {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d =
        std::env::temp_dir().join(format!("pa-hostile-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    std::fs::create_dir_all(&d).unwrap();
    TempDir(d)
}

fn pa_cmd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pa"));
    c.env("NO_COLOR", "1").env_remove("COLUMNS");
    c
}

fn run(args: &[&str]) -> Output {
    pa_cmd().args(args).stdin(Stdio::null()).output().expect("run pa")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The error contract: exit `want`, nothing on stdout, one line on stderr
/// naming `source`, no panic.
fn assert_error(o: &Output, want: i32, source: &str, what: &str) {
    let e = stderr(o);
    assert_eq!(code(o), want, "exit code; stderr: {e}");
    assert!(o.stdout.is_empty(), "stdout must be empty: {:?}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(e.lines().count(), 1, "want one line on stderr: {e:?}");
    assert!(e.starts_with("pa: "), "{e:?}");
    assert!(e.contains(source), "the message must name {source:?}: {e:?}");
    assert!(e.contains(what), "the message must say {what:?}: {e:?}");
    assert!(!e.contains("panicked"), "{e}");
}

fn assert_ok(o: &Output) -> String {
    assert_eq!(code(o), 0, "stderr: {}", stderr(o));
    assert!(!stderr(o).contains("panicked"));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write(dir: &Path, name: &str, data: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p.to_string_lossy().into_owned()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A profile with one function and one location per name (ids 1..), and
/// the given samples (location ids leaf first, one value each).
fn profile(names: &[&[u8]], samples: &[(Vec<u64>, i64)]) -> pb::Profile {
    let mut st: Vec<Vec<u8>> = vec![b"".to_vec(), b"samples".to_vec(), b"count".to_vec(), b"main.go".to_vec()];
    let mut p = pb::Profile { sample_type: vec![pb::ValueType { r#type: 1, unit: 2 }], ..Default::default() };
    for (i, n) in names.iter().enumerate() {
        let id = i as u64 + 1;
        st.push(n.to_vec());
        let name = st.len() as i64 - 1;
        p.function.push(pb::Function { id, name, system_name: name, filename: 3, start_line: 1 });
        p.location.push(pb::Location {
            id,
            line: vec![pb::Line { function_id: id, line: 10, column: 0 }],
            ..Default::default()
        });
    }
    p.string_table = st;
    p.sample = samples
        .iter()
        .map(|(locs, v)| pb::Sample { location_id: locs.clone(), value: vec![*v], label: vec![] })
        .collect();
    p
}

fn small() -> pb::Profile {
    profile(&[b"main.leaf", b"main.main"], &[(vec![1, 2], 5), (vec![2], 3)])
}

/// Any control character a terminal acts on: C0 but newline and tab, DEL
/// and C1 (0x9b is a one-byte CSI).
fn controls(out: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(out)
        .chars()
        .filter(|&c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{9b}')
        .collect()
}

// ---------------------------------------------------------- classes of input

#[test]
fn truncated_protobuf() {
    let data = small().encode_to_vec();
    // Every prefix through the decoder: an error or a smaller profile, no panic.
    for n in 0..data.len() {
        let _ = pa::decode::decode("cut.pb", &data[..n], 1 << 20);
    }
    let dir = tempdir();
    let f = write(&dir, "cut.pb", &data[..data.len() - 3]);
    assert_error(&run(&["top", &f]), 1, "cut.pb", "profile");
}

#[test]
fn negative_values() {
    let dir = tempdir();
    let p = profile(&[b"main.gone", b"main.main"], &[(vec![1, 2], -7), (vec![2], 10)]);
    let f = write(&dir, "neg.pb", &p.encode_to_vec());
    let out = assert_ok(&run(&["top", "--format", "pprof", &f]));
    assert!(out.contains("main.gone"), "{out}");
    assert!(out.contains("-7"), "{out}");
    let j: serde_json::Value = serde_json::from_str(&assert_ok(&run(&["top", "--format", "json", &f]))).unwrap();
    assert_eq!(j["total"], 17);
}

#[test]
fn zero_samples() {
    let dir = tempdir();
    // No samples at all, and samples that are all zero.
    for (name, p) in
        [("none.pb", profile(&[b"main.main"], &[])), ("zeros.pb", profile(&[b"main.main"], &[(vec![1], 0)]))]
    {
        let f = write(&dir, name, &p.encode_to_vec());
        for args in [&["top", "--format", "pprof"][..], &["top", "--format", "json"], &["info"], &["pprof", "-traces"]]
        {
            let mut a = args.to_vec();
            a.push(&f);
            let o = run(&a);
            assert_eq!(code(&o), 0, "{name} {args:?}: {}", stderr(&o));
        }
    }
}

#[test]
fn no_sample_types() {
    let dir = tempdir();
    let mut p = profile(&[b"main.main"], &[]);
    p.sample_type.clear();
    let f = write(&dir, "notypes.pb", &p.encode_to_vec());
    let o = run(&["top", "--format", "pprof", &f]);
    assert_error(&o, 1, "notypes.pb", "empty common sample type list");
    assert_eq!(code(&run(&["info", &f])), 0);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempdir();
    let f = write(&dir, "ok.pb", &small().encode_to_vec());
    for args in [
        &["top", "--max-bytes", "12Q", &f][..],
        &["top", "--no-such-flag", &f],
        &["top", "-i", "nonesuch", &f],
        &["top", "--focus", "(", &f],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
    }
}

#[test]
fn max_bytes_caps_plain_files_and_stdin() {
    let dir = tempdir();
    let f = write(&dir, "big.pb", &small().encode_to_vec());
    assert_error(&run(&["top", "--max-bytes", "10", &f]), 1, "big.pb", "raise the limit with --max-bytes");
    let mut c = pa_cmd()
        .args(["top", "--max-bytes", "10", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = c.stdin.take().unwrap().write_all(&small().encode_to_vec());
    assert_error(&c.wait_with_output().unwrap(), 1, "-", "--max-bytes");
}

// ------------------------------------------------------------- gzip bombs

/// Deflate blocks for `mib` MiB of zeros: after a full flush the
/// compressor starts afresh, so one flushed MiB repeats byte for byte.
fn zeros_deflate(mib: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut c = Compress::new(Compression::best(), false);
    let zeros = vec![0u8; 1 << 20];
    let block = |c: &mut Compress, flush| {
        let mut out = Vec::with_capacity(1 << 16);
        c.compress_vec(&zeros, &mut out, flush).unwrap();
        assert!(out.len() < out.capacity());
        out
    };
    let first = block(&mut c, FlushCompress::Full);
    let again = block(&mut c, FlushCompress::Full);
    assert_eq!(again, block(&mut c, FlushCompress::Full), "flushed blocks repeat");
    let mut d = first;
    for _ in 1..mib {
        d.extend_from_slice(&again);
    }
    // An empty final block.
    let mut end = Vec::with_capacity(64);
    c.compress_vec(&[], &mut end, FlushCompress::Finish).unwrap();
    d.extend_from_slice(&end);
    d
}

/// One gzip member inflating to `mib` MiB of zeros (CRC left wrong: the cap
/// refuses it long before the trailer).
fn bomb_single(mib: usize) -> Vec<u8> {
    let mut g = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    g.extend(zeros_deflate(mib));
    g.extend_from_slice(&0u32.to_le_bytes());
    g.extend_from_slice(&((mib as u64) << 20).to_le_bytes()[..4]);
    g
}

/// `members` gzip members of 1 MiB of zeros each.
fn bomb_multi(members: usize) -> Vec<u8> {
    gzip(&vec![0u8; 1 << 20]).repeat(members)
}

/// Runs pa under an address-space limit, so that allocating the bomb's
/// inflated size would fail the test rather than the machine.
fn run_limited(limit_mib: u64, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", limit_mib << 10))
        .arg(env!("CARGO_BIN_EXE_pa"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (o, start.elapsed())
}

#[test]
fn gzip_bombs_are_refused_in_bounded_memory() {
    // Both bombs inflate to 4.1 GiB (more than 2^32 bytes); each is ~4 MiB.
    let dir = tempdir();
    let single = bomb_single(4200);
    let multi = bomb_multi(4200);
    assert!(single.len() < 8 << 20 && multi.len() < 8 << 20);
    for (name, data) in [("bomb1.pb.gz", single), ("bombn.pb.gz", multi)] {
        let f = write(&dir, name, &data);
        // A small cap keeps the debug build fast; memory must stay near it.
        let (o, took) = run_limited(400, &["top", "--max-bytes", "16M", &f]);
        assert_error(&o, 1, name, "gzip stream inflates to more than 16.0 MiB (--max-bytes)");
        assert!(stderr(&o).contains("raise the limit with --max-bytes"));
        assert!(took < Duration::from_secs(60), "{name}: {took:?}");
        // The library refuses it the same way, one byte past the cap.
        let e = pa::decode::gunzip(&data, 1 << 20).unwrap_err();
        assert!(e.contains("more than 1.0 MiB"), "{e}");
    }
    // pa goroutines has the same cap.
    let f = write(&dir, "bomb.txt.gz", &bomb_multi(64));
    let (o, _) = run_limited(400, &["goroutines", "--max-bytes", "16777216", &f]);
    assert_error(&o, 1, "bomb.txt.gz", "--max-bytes");
}

/// The default cap (512 MiB) on a 4 GiB bomb: slow in a debug build, so
/// run it with `cargo test --release --test hostile -- --ignored`.
#[test]
#[ignore]
fn gzip_bomb_default_cap() {
    let dir = tempdir();
    for (name, data) in [("bomb1.pb.gz", bomb_single(4200)), ("bombn.pb.gz", bomb_multi(4200))] {
        let f = write(&dir, name, &data);
        let (o, took) = run_limited(1024, &["top", &f]);
        assert_error(&o, 1, name, "more than 512.0 MiB (--max-bytes)");
        eprintln!("{name}: refused in {took:?}");
        assert!(took < Duration::from_secs(5), "{name}: {took:?}");
    }
}

#[test]
fn gunzip_cap_is_exact() {
    let data = vec![7u8; 300_000];
    let gz = gzip(&data);
    assert_eq!(pa::decode::gunzip(&gz, 300_000).unwrap(), data);
    assert!(pa::decode::gunzip(&gz, 299_999).unwrap_err().contains("--max-bytes"));
    // Several members, and a lying ISIZE trailer.
    let mut two = gz.clone();
    two.extend_from_slice(&gz);
    assert_eq!(pa::decode::gunzip(&two, 600_000).unwrap().len(), 600_000);
    let n = two.len();
    two[n - 4..].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(pa::decode::gunzip(&two, 1 << 30).is_err(), "the size check of the last member fails");
    assert_eq!(pa::decode::DEFAULT_MAX_BYTES, 512 << 20);
}

#[test]
fn counts_are_checked_before_allocating() {
    // 100,000 sample types and 100,000 empty samples: 400 KB that once
    // asked for 80 GB (their product) before the count check refused it.
    let n = 100_000;
    let mut data = b"\x0a\x00".repeat(n);
    data.extend(b"\x12\x00".repeat(n));
    data.extend(b"\x32\x00");
    let dir = tempdir();
    let f = write(&dir, "amp.pb", &data);
    let (o, took) = run_limited(1024, &["top", &f]);
    assert_error(&o, 1, "amp.pb", "mismatch: sample has 0 values vs. 100000 types");
    assert!(took < Duration::from_secs(30), "{took:?}");
    // A length prefix far past the end, and a huge packed count.
    for (name, bytes) in [
        ("len.pb", b"\x32\xff\xff\xff\xff\x0f".to_vec()),
        ("packed.pb", b"\x12\x0a\x0a\x08\xff\xff\xff\xff\xff\xff\xff\x7f".to_vec()),
    ] {
        let f = write(&dir, name, &bytes);
        let (o, _) = run_limited(1024, &["top", &f]);
        assert_error(&o, 1, name, "");
    }
}

#[test]
fn values_that_overflow_when_summed() {
    // Found by the `legacy` fuzz target: sums of huge values overflowed
    // (a panic in a debug build). pprof's int64 sums wrap; so do pa's.
    let big = i64::MAX - 1;
    let p = profile(
        &[b"main.a", b"main.main", b"main.b", b"main.c"],
        &[
            (vec![1, 2], big),
            (vec![1, 2], big),
            (vec![2], big),
            (vec![4, 2], big),
            (vec![3, 2], i64::MIN),
            (vec![3], i64::MIN + 1),
        ],
    );
    let dir = tempdir();
    let f = write(&dir, "huge.pb", &p.encode_to_vec());
    for args in [
        &["top", "--format", "pprof"][..],
        &["top", "--format", "table"],
        &["top", "--format", "json"],
        &["top", "--format", "csv"],
        &["pprof", "-traces"],
        &["pprof", "-tree"],
        &["pprof", "-peek", "main"],
        &["info"],
        &["flame", "--folded"],
        &["flame", "--text"],
    ] {
        let mut a = args.to_vec();
        a.push(&f);
        let o = run(&a);
        assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
        assert!(matches!(code(&o), 0 | 1), "{args:?}: {}", stderr(&o));
    }
    let o = run(&["diff", "--base", &f, &f]);
    assert!(!stderr(&o).contains("panicked"), "diff: {}", stderr(&o));
}

// ---------------------------------------------------------- sheer size

#[test]
fn a_100k_frame_stack() {
    const N: usize = 100_000;
    let names: Vec<Vec<u8>> = (0..N).map(|i| format!("main.f{i}").into_bytes()).collect();
    let refs: Vec<&[u8]> = names.iter().map(|n| n.as_slice()).collect();
    let stack: Vec<u64> = (1..=N as u64).collect();
    let p = profile(&refs, &[(stack, 3)]);
    let dir = tempdir();
    let f = write(&dir, "deep.pb.gz", &gzip(&p.encode_to_vec()));
    let start = Instant::now();
    for args in [
        &["top", "--format", "pprof"][..],
        &["top", "--format", "json"],
        &["pprof", "-traces"],
        &["pprof", "-tree", "-nodecount=10"],
        &["info"],
        &["diff", "--format", "json"],
    ] {
        let mut a = args.to_vec();
        if args[0] == "diff" {
            a.extend(["--base", &f]);
        }
        a.push(&f);
        assert_ok(&run(&a));
    }
    let flame = dir.join("deep.svg");
    let o = run(&["flame", "-o", flame.to_str().unwrap(), &f]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let folded = assert_ok(&run(&["flame", "--folded", &f]));
    assert_eq!(folded.matches(';').count(), N - 1);
    assert!(start.elapsed() < Duration::from_secs(120), "{:?}", start.elapsed());
}

#[test]
fn a_million_tiny_samples() {
    const N: usize = 1_000_000;
    let names: Vec<Vec<u8>> = (0..100).map(|i| format!("main.f{i}").into_bytes()).collect();
    let refs: Vec<&[u8]> = names.iter().map(|n| n.as_slice()).collect();
    let samples: Vec<(Vec<u64>, i64)> = (0..N).map(|i| (vec![(i % 100) as u64 + 1, 1], 1)).collect();
    let p = profile(&refs, &samples);
    let dir = tempdir();
    let f = write(&dir, "many.pb.gz", &gzip(&p.encode_to_vec()));
    let start = Instant::now();
    let out = assert_ok(&run(&["top", "--format", "pprof", &f]));
    assert!(out.contains("of 1000000 total"), "{out}");
    assert_ok(&run(&["flame", "--folded", &f]));
    assert!(start.elapsed() < Duration::from_secs(120), "{:?}", start.elapsed());
}

// ------------------------------------------------ names that try to escape

const EVIL: [&[u8]; 8] = [
    b"main.</text><script>x</script>&amp;\"'",
    b"\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07",
    b"\x1b[2J\x1b[31mred",
    b"c1\xc2\x9b31mcsi",
    b"a,b\"c\r\n=1+2",
    b"=HYPERLINK(\"x\")",
    b"bad\xff\xfeutf8",
    b"bell\x07back\x08space\x7fdel",
];

fn evil_profile() -> pb::Profile {
    let mut names: Vec<&[u8]> = EVIL.to_vec();
    names.push(b"main.main");
    let root = names.len() as u64;
    let samples: Vec<(Vec<u64>, i64)> = (1..root).map(|i| (vec![i, root], i as i64 * 10)).collect();
    let mut p = profile(&names, &samples);
    // A label with markup and an escape, too.
    let k = p.string_table.len() as i64;
    p.string_table.push(b"evil\x1b[1m".to_vec());
    p.string_table.push(b"<b>\x1b]0;title\x07</b>".to_vec());
    p.sample[0].label.push(pb::Label { key: k, str: k + 1, num: 0, num_unit: 0 });
    p.comment.push(k + 1);
    p
}

#[test]
fn names_in_the_terminal_table_json_and_csv() {
    let dir = tempdir();
    let f = write(&dir, "evil.pb", &evil_profile().encode_to_vec());
    let table = run(&["top", "--format", "table", "-n", "0", &f]);
    assert_ok(&table);
    assert_eq!(controls(&table.stdout), Vec::<char>::new(), "table");
    assert!(String::from_utf8_lossy(&table.stdout).contains("</text><script>x</script>&amp;\"'"));

    let json = run(&["top", "--format", "json", "-n", "0", &f]);
    let j: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    let names: Vec<&str> = j["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"\x1b[2J\x1b[31mred"), "{names:?}");
    assert!(names.contains(&"bad\u{FFFD}\u{FFFD}utf8"), "{names:?}");
    assert!(names.contains(&"a,b\"c\r\n=1+2"), "{names:?}");
    assert_eq!(controls(&json.stdout), Vec::<char>::new(), "JSON escapes them");

    let csv = run(&["top", "--format", "csv", "-n", "0", &f]);
    let text = assert_ok(&csv);
    assert_eq!(controls(&csv.stdout), Vec::<char>::new(), "csv");
    assert!(text.contains("\"a,b\"\"c"), "quoted per RFC 4180: {text}");
    assert!(text.contains("'=HYPERLINK"), "formula defused: {text}");
    // Every record has the header's nine fields.
    let records = text.lines().filter(|l| !l.is_empty()).count();
    assert_eq!(records, names.len() + 1, "a header and one line per row: {text}");
}

/// Runs pa on a pseudo-terminal (util-linux `script`), where pprof-format
/// reports must not pass names through raw.
fn on_terminal(args: &[&str]) -> Option<Vec<u8>> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("no `script`: terminal checks skipped");
        return None;
    }
    let mut cmd = String::new();
    for a in std::iter::once(env!("CARGO_BIN_EXE_pa")).chain(args.iter().copied()) {
        cmd.push_str(&format!("'{}' ", a.replace('\'', r"'\''")));
    }
    let o = Command::new("script")
        .args(["-qefc", &cmd, "/dev/null"])
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stdout));
    // The pty turns \n into \r\n.
    Some(String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n").into_bytes())
}

#[test]
fn names_never_reach_a_terminal_raw() {
    let dir = tempdir();
    let f = write(&dir, "evil.pb", &evil_profile().encode_to_vec());
    let runs: Vec<Vec<&str>> = vec![
        vec!["top", &f],
        vec!["top", "--format", "pprof", &f],
        vec!["top", "--format", "csv", &f],
        vec!["pprof", "-top", &f],
        vec!["pprof", "-traces", &f],
        vec!["pprof", "-tree", &f],
        vec!["pprof", "-tags", &f],
        vec!["pprof", "-raw", &f],
        vec!["pprof", "-comments", &f],
        vec!["pprof", "-peek", ".", &f],
        vec!["info", &f],
        vec!["info", "--dump", &f],
        vec!["diff", "--base", &f, &f],
        vec!["diff", "--format", "pprof", "--base", &f, &f],
        vec!["diff", "--format", "csv", "--base", &f, &f],
        vec!["flame", "--text", &f],
        vec!["flame", "--folded", &f],
    ];
    for args in runs {
        let Some(out) = on_terminal(&args) else { return };
        let text = String::from_utf8_lossy(&out);
        assert_eq!(controls(&out), Vec::<char>::new(), "{args:?}: {text}");
        assert!(!text.contains("panicked"), "{args:?}: {text}");
    }
}

#[test]
fn pprof_format_off_a_terminal_keeps_the_bytes() {
    // Piped, pa prints what go tool pprof prints: the original bytes.
    let dir = tempdir();
    let f = write(&dir, "evil.pb", &evil_profile().encode_to_vec());
    let o = run(&["pprof", "-top", &f]);
    assert_ok(&o);
    let out = o.stdout;
    assert!(out.windows(6).any(|w| w == b"bad\xff\xfeu"));
}

#[test]
fn names_in_svg_are_markup_safe() {
    let dir = tempdir();
    let f = write(&dir, "evil.pb", &evil_profile().encode_to_vec());
    let svg = dir.join("evil.svg");
    let o = run(&["flame", "-o", svg.to_str().unwrap(), "--title", "<t>\x1b[1m", &f]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(&svg).unwrap();
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&text, opts).expect("well-formed SVG");
    // inferno's own script is the only one; the name is text in a title.
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("script")).count(), 1, "no element from a name");
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("title") && n.text().is_some_and(|t| t.contains("</text><script>x</script>&amp"))),
        "the name shows as text"
    );
    assert_eq!(controls(text.as_bytes()), Vec::<char>::new());
}

#[test]
fn goroutine_names_never_reach_the_terminal_raw() {
    let dump = "goroutine 1 [chan receive\x1b[31m, 5 minutes]:\n\
                main.\x1b]0;pwned\x07evil(0x1)\n\
                \t/src/<script>/\x1b[2Jmain.go:10 +0x1\n\
                created by main.\u{9b}start in goroutine 0\n\
                \t/src/main.go:3 +0x2\n";
    let dir = tempdir();
    let f = write(&dir, "g.txt", dump.as_bytes());
    for args in [&["goroutines"][..], &["goroutines", "--raw"], &["goroutines", "--full"], &["goroutines", "--json"]] {
        let mut a = args.to_vec();
        a.push(&f);
        let o = run(&a);
        let text = assert_ok(&o);
        assert_eq!(controls(&o.stdout), Vec::<char>::new(), "{args:?}: {text}");
        if let Some(out) = on_terminal(&a) {
            assert_eq!(controls(&out), Vec::<char>::new(), "{args:?} on a terminal");
        }
    }
}

#[test]
fn error_messages_carry_no_escapes() {
    let dir = tempdir();
    // A recognized text header, then a broken line the message quotes.
    let f = write(&dir, "bad.txt", b"heap profile: 1: 2 [3: 4] @ heap/2\n1: 2 [\x1b[31m\x07 @ 0x1\n");
    let o = run(&["top", &f]);
    assert_eq!(code(&o), 1);
    assert_eq!(controls(&o.stderr), Vec::<char>::new(), "{}", stderr(&o));
    // Text that is no profile: the message quotes its start.
    let f = write(&dir, "esc.txt", b"\x1b]0;owned\x07hello\n");
    let o = run(&["top", &f]);
    assert_error(&o, 1, "esc.txt", "unrecognized profile format");
    assert_eq!(controls(&o.stderr), Vec::<char>::new(), "{}", stderr(&o));
    // A source name with an escape in it.
    let f = write(&dir, "name\x1b[2J.pb", b"");
    let o = run(&["top", &f]);
    assert_eq!(code(&o), 1);
    assert_eq!(controls(&o.stderr), Vec::<char>::new(), "{}", stderr(&o));
}

#[test]
fn drop_frames_with_non_ascii_names() {
    // Found by the `proto` fuzz target: pprof's name simplification sliced
    // a name in the middle of a multi-byte character.
    assert_eq!(pa::transform::simplify_func("main.日本(x)"), "main.日本");
    assert_eq!(pa::transform::simplify_func("é(anonymous namespace)::f(int)"), "é(anonymous namespace)::f");
    let mut p = profile(&["main.日本".as_bytes(), b"main.main\xff"], &[(vec![1, 2], 5)]);
    p.string_table.push(b"runtime\\..*".to_vec());
    p.drop_frames = p.string_table.len() as i64 - 1;
    let dir = tempdir();
    let f = write(&dir, "nonascii.pb", &p.encode_to_vec());
    let out = assert_ok(&run(&["top", "--format", "pprof", &f]));
    assert!(out.contains("main.日本"), "{out}");
}

// ------------------------------------------------------- files written

#[test]
fn a_failed_command_leaves_no_output_file() {
    let dir = tempdir();
    let bad = write(&dir, "bad.pb.gz", b"\x1f\x8b\x08\x00junk");
    let svg = dir.join("out.svg");
    let o = run(&["flame", "-o", svg.to_str().unwrap(), &bad]);
    assert_error(&o, 1, "bad.pb.gz", "gzip");
    let saved = dir.join("saved.pb.gz");
    let o = run(&["fetch", "-o", saved.to_str().unwrap(), &bad]);
    assert_error(&o, 1, "bad.pb.gz", "gzip");
    let names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["bad.pb.gz".to_string()], "nothing else written");
}

// --------------------------------------- mutation smoke (fuzzing, short)

/// xorshift64*: the same inputs on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: [&[u8]; 10] = [
    b"\xff\xff\xff\xff\x0f",
    b"\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01",
    b"\x00",
    b"\n",
    b" @ ",
    b"0x",
    b"(",
    b"\xe6\x97\xa5",
    b"goroutine 1 [",
    b"--- ",
];

/// One mutation of `seed`: flip, insert, delete, splice or repeat a span.
fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut d = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(d.len() + 1);
        match rng.below(6) {
            0 if !d.is_empty() => {
                let i = at.min(d.len() - 1);
                d[i] ^= 1 << rng.below(8);
            }
            1 if !d.is_empty() => {
                let i = at.min(d.len() - 1);
                d[i] = rng.next() as u8;
            }
            2 => {
                let end = (at + 1 + rng.below(16)).min(d.len());
                d.drain(at..end);
            }
            3 => {
                let ins = INTERESTING[rng.below(INTERESTING.len())];
                d.splice(at..at, ins.iter().copied());
            }
            4 if !d.is_empty() => {
                let from = rng.below(d.len());
                let span: Vec<u8> = d[from..(from + 1 + rng.below(32)).min(d.len())].to_vec();
                d.splice(at..at, span);
            }
            _ => d.truncate(at),
        }
    }
    d
}

fn seeds(paths: &[&str]) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for p in paths {
        let data = std::fs::read(root.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
        let data = if pa::decode::is_gzip(&data) { pa::decode::gunzip(&data, 1 << 26).unwrap() } else { data };
        // Small seeds keep every run fast; a prefix is a fine seed.
        out.push(data[..data.len().min(8 << 10)].to_vec());
    }
    out
}

/// Runs `f` on `n` mutations of the seeds; each call must return within a
/// generous bound (a hang would show as a slow case).
fn smoke(name: &str, seeds: &[Vec<u8>], n: usize, f: impl Fn(&[u8])) {
    let mut rng = Rng(0x5eed_0000 ^ name.len() as u64);
    let start = Instant::now();
    for i in 0..n {
        let seed = &seeds[i % seeds.len()];
        let input = mutate(&mut rng, seed);
        let t = Instant::now();
        f(&input);
        assert!(t.elapsed() < Duration::from_secs(2), "{name}: input {i} took {:?}: {input:?}", t.elapsed());
    }
    assert!(start.elapsed() < Duration::from_secs(60), "{name}: {:?}", start.elapsed());
}

#[test]
fn smoke_protobuf_decoder() {
    let mut s = seeds(&["testdata/profiles/cpu.pb.gz", "testdata/profiles/heap-1.pb.gz"]);
    s.push(small().encode_to_vec());
    s.push(evil_profile().encode_to_vec());
    smoke("proto", &s, 2000, |d| {
        if let Ok(p) = pa::decode::proto::decode(d) {
            let _ = pa::profile::dump::to_string(&p);
            let _ = pa::driver::finish_profiles(&Default::default(), p, None);
        }
    });
}

#[test]
fn smoke_legacy_parsers() {
    let s = seeds(&[
        "testdata/profiles/heap-2.debug1.txt",
        "testdata/profiles/block.debug1.txt",
        "testdata/profiles/mutex.debug1.txt",
        "testdata/profiles/goroutine.debug1.txt",
        "testdata/profiles/threadcreate.debug1.txt",
    ]);
    let mut s = s;
    // The binary CPU format: header words, one sample, the trailer, a map.
    let words: [u64; 11] = [0, 3, 0, 10000, 0, 1, 2, 0x401000, 0x402000, 0, 1];
    let mut cpu: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    cpu.extend_from_slice(&[0u8; 8]);
    cpu.extend_from_slice(b"00400000-00500000 r-xp 00000000 00:00 0 /bin/x\n");
    s.push(cpu);
    s.push(b"--- contention:\ncycles/second=1000\n10 2 @ 0x1 0x2\n".to_vec());
    s.push(b"--- threadz 1 ---\n\n--- Thread 1 (name: main/1) stack: ---\n  PC: 0x1 0x2\n".to_vec());
    smoke("legacy", &s, 2000, |d| {
        for opts in [pa::decode::legacy::Options::pprof(), pa::decode::legacy::Options::symbolized()] {
            if let Ok(p) = pa::decode::legacy::parse(d, opts) {
                let _ = pa::profile::dump::to_string(&p.profile);
            }
        }
    });
}

#[test]
fn smoke_goroutine_dumps() {
    let s = seeds(&[
        "testdata/goroutines/dumps/go1.23.debug2.txt",
        "testdata/goroutines/dumps/go1.27.debug1.txt",
        "testdata/goroutines/dumps/go1.23.panic.log",
        "testdata/goroutines/dumps/go1.26.debug0.pb.gz",
    ]);
    smoke("goroutines", &s, 2000, |d| {
        if let Ok(dump) = pa::goroutines::forms::load("fuzz", d.to_vec(), 1 << 20) {
            let sel = pa::goroutines::group::filter(&dump, &Default::default());
            let o = pa::goroutines::group::Options {
                group_by: pa::goroutines::group::GroupBy::Stack,
                match_func: false,
                depth: None,
                filters: Default::default(),
            };
            let groups = pa::goroutines::group::group(&dump, &sel, &o);
            let _ = pa::goroutines::json::write(&mut std::io::sink(), &dump, &groups, &o, sel.len());
        }
    });
}

#[test]
fn smoke_gzip_and_decode() {
    let mut s = seeds(&["testdata/profiles/mutex.debug1.txt"]);
    s.push(gzip(&small().encode_to_vec()));
    // A small bomb: four members of 64 KiB of zeros, over the 64 KiB cap.
    s.push(gzip(&vec![0u8; 1 << 16]).repeat(4));
    smoke("decode", &s, 1000, |d| match pa::decode::decode("fuzz", d, 1 << 16) {
        Ok(_) => {}
        Err(e) => {
            let line = e.to_string();
            assert!(!line.contains('\n') && line.starts_with("fuzz: "), "{line:?}");
        }
    });
}

#[test]
fn smoke_urls() {
    let s: Vec<Vec<u8>> = [
        "localhost:6060",
        "http://user:pw@host:8080/debug/pprof/profile?seconds=5&x=%41",
        "https+insecure://[::1]:443/debug/pprof/heap",
        "host/path?q",
        "1m30s",
        "512M",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    smoke("url", &s, 2000, |d| {
        let s = String::from_utf8_lossy(d);
        let _ = pa::source::url::looks_like_url(&s);
        let _ = pa::source::url::parse_query(&s);
        let _ = pa::source::url::percent_decode(&s, true);
        let _ = pa::source::cli::parse_size(&s);
        let _ = pa::source::cli::parse_duration(&s);
        if let Some(t) = pa::source::url::parse_spec(&s, Some(3), None) {
            let _ = (t.url.redacted(), t.url.wire(), t.url.join("../x?y#z"));
        }
    });
}
