//! Legacy formats against pprof's own parser: for every input `X` in the
//! shared conformance data (`../shared/conformance/pprof/legacy`), the dump
//! of pa's parse must equal `X.string`, the `Profile.String()` of pprof's
//! parse, byte for byte. Without that directory the test fails unless
//! `PA_NO_SHARED=1` is set (then it says that it did not run).

use std::collections::HashMap;
use std::path::PathBuf;

use pa::decode::{self, legacy};
use pa::gotime::Zone;
use pa::profile::dump;

fn legacy_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/pprof/legacy")
}

fn dump_of(name: &str, data: &[u8], opts: legacy::Options) -> Result<String, String> {
    decode::decode_with(name, data, decode::DEFAULT_MAX_BYTES, opts)
        .map(|d| dump::to_string_in(&d.profile, &Zone::utc()))
        .map_err(|e| e.to_string())
}

#[test]
fn legacy_inputs_match_pprof_string_dumps() {
    let dir = legacy_dir();
    if !dir.is_dir() {
        if std::env::var("PA_NO_SHARED").as_deref() == Ok("1") {
            eprintln!("PA_NO_SHARED=1: {} is missing; the legacy conformance test did not run", dir.display());
            return;
        }
        panic!("{} is missing; set PA_NO_SHARED=1 to skip this test", dir.display());
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("read legacy dir")
        .map(|e| e.expect("dir entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".string"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no inputs in {}", dir.display());
    let mut failures = Vec::new();
    for name in &names {
        let data = std::fs::read(dir.join(name)).expect("read input");
        let want = std::fs::read_to_string(dir.join(format!("{name}.string")))
            .unwrap_or_else(|e| panic!("{name}.string: {e}"));
        for opts in [legacy::Options::pprof(), legacy::Options::symbolized()] {
            match dump_of(name, &data, opts) {
                Ok(got) if got == want => {}
                Ok(got) => {
                    let at = got
                        .lines()
                        .zip(want.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or(got.lines().count().min(want.lines().count()));
                    failures.push(format!(
                        "{name} ({opts:?}): line {}:\n  got:  {:?}\n  want: {:?}",
                        at + 1,
                        got.lines().nth(at).unwrap_or("<end>"),
                        want.lines().nth(at).unwrap_or("<end>")
                    ));
                }
                Err(e) => failures.push(format!("{name} ({opts:?}): {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), names.len() * 2, failures.join("\n"));
    eprintln!("{} legacy inputs match pprof", names.len());
}

fn profiles_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/profiles")
}

fn load_with(path: &std::path::Path, opts: legacy::Options) -> pa::profile::Profile {
    let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    decode::decode_with(&path.display().to_string(), &data, decode::DEFAULT_MAX_BYTES, opts)
        .unwrap_or_else(|e| panic!("{e}"))
        .profile
}

/// Function names with generic type arguments shown as `[...]`: the text
/// form prints them so, the protobuf form spells out the shapes.
fn elide_type_args(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '[' => {
                if depth == 0 {
                    out.push_str("[...]");
                }
                depth += 1;
            }
            ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Each location's (function, file, line) list by address.
fn frames_by_address(p: &pa::profile::Profile) -> HashMap<u64, Vec<(String, String, i64)>> {
    p.locations
        .iter()
        .map(|l| {
            let lines = l
                .lines
                .iter()
                .map(|ln| {
                    let f = &p.functions[ln.function as usize];
                    (elide_type_args(&f.name), f.filename.clone(), ln.line)
                })
                .collect();
            (l.address, lines)
        })
        .collect()
}

/// Go's debug=1 text profiles read with the `#` symbol lines name each
/// address (inlined frames included) as the protobuf profile written by the
/// same process does, and are otherwise the profile pprof reads.
#[test]
fn debug1_symbols_match_the_protobuf_profiles() {
    let pairs = [
        ("goroutine.debug1.txt", "goroutine.pb.gz"),
        ("threadcreate.debug1.txt", "threadcreate.pb.gz"),
        ("heap-2.debug1.txt", "heap-2.pb.gz"),
        ("allocs.debug1.txt", "allocs.pb.gz"),
        ("mutex.debug1.txt", "mutex.pb.gz"),
        ("block.debug1.txt", "block.pb.gz"),
    ];
    for (text, proto) in pairs {
        let text_path = profiles_dir().join(text);
        let sym = load_with(&text_path, legacy::Options::symbolized());
        let plain = load_with(&text_path, legacy::Options::pprof());
        let pb = load_with(&profiles_dir().join(proto), legacy::Options::pprof());

        // Same samples, values and addresses as pprof's reading; each stack
        // is pprof's without the frames Go left out of the `#` lines.
        assert_eq!(sym.samples.len(), plain.samples.len(), "{text}");
        assert_eq!(sym.samples.values, plain.samples.values, "{text}");
        for i in 0..sym.samples.len() {
            let kept: Vec<u32> = plain
                .samples
                .stack(i)
                .iter()
                .copied()
                .filter(|&l| !sym.locations[l as usize].lines.is_empty())
                .collect();
            assert_eq!(sym.samples.stack(i), &kept[..], "{text}: sample {i}");
        }
        let addrs = |p: &pa::profile::Profile| p.locations.iter().map(|l| l.address).collect::<Vec<_>>();
        assert_eq!(addrs(&sym), addrs(&plain), "{text}");
        assert!(plain.functions.is_empty(), "{text}: pprof's reading has no functions");

        // Where the protobuf profile written by the same process has a
        // location at the same address, the names, files and lines agree.
        // (Frames inlined into a call also get pseudo-PCs of their own in
        // these stacks, one level each, so a text location may hold a
        // window of the protobuf location's inlined lines. Addresses only
        // the text has, such as the frames of writing the profiles, are
        // not checked here.)
        let want = frames_by_address(&pb);
        let (mut named, mut checked) = (0, 0);
        for (addr, frames) in frames_by_address(&sym) {
            if frames.is_empty() {
                continue;
            }
            named += 1;
            let Some(w) = want.get(&addr) else { continue };
            checked += 1;
            assert!(
                w.windows(frames.len()).any(|win| win == frames.as_slice()),
                "{text}: at {addr:#x} the text names {frames:?}, {proto} {w:?}"
            );
        }
        assert!(checked * 2 >= named, "{text}: only {checked} of {named} named addresses are in {proto}");
        // Every address the text names is named.
        let text_data = std::fs::read_to_string(&text_path).expect("text");
        let printed: std::collections::HashSet<u64> = text_data
            .lines()
            .filter_map(|l| {
                let mut f = l.strip_prefix("#\t")?.split('\t').filter(|f| !f.is_empty());
                let pc = u64::from_str_radix(f.next()?.strip_prefix("0x")?, 16).ok()?;
                f.next().map(|_| pc)
            })
            .collect();
        for l in &sym.locations {
            if printed.contains(&l.address) {
                assert!(!l.lines.is_empty(), "{text}: {:#x} has a symbol line but no name", l.address);
            }
        }
        assert!(named > 0, "{text}: nothing named");
    }
}

/// The text inputs: Go's debug=1 profiles and the shared legacy text ones.
fn text_inputs() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for name in
        ["heap-2.debug1.txt", "mutex.debug1.txt", "block.debug1.txt", "goroutine.debug1.txt", "threadcreate.debug1.txt"]
    {
        out.push((name.to_string(), std::fs::read(profiles_dir().join(name)).expect("read")));
    }
    let dir = legacy_dir();
    if dir.is_dir() {
        for name in [
            "cppbench.contention",
            "cppbench.growth",
            "cppbench.heap",
            "cppbench.thread",
            "cppbench.thread.all",
            "cppbench.thread.none",
            "go.godoc.thread",
            "gobench.heap",
            "java.contention",
            "java.heap",
        ] {
            out.push((name.to_string(), std::fs::read(dir.join(name)).expect("read")));
        }
    }
    out
}

/// The number after the first `line ` in a message.
fn line_number(msg: &str) -> Option<usize> {
    let rest = &msg[msg.find("line ")? + 5..];
    rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// A text profile cut anywhere after its first line either still parses
/// or fails with one line naming a line of the cut input.
#[test]
fn truncated_text_inputs_fail_naming_the_line() {
    for (name, data) in text_inputs() {
        let first_nl = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
        // Cuts all over the head of the file, and a few further on.
        let head = data.len().min(32 << 10);
        let mut cuts: Vec<usize> = (1..40).map(|i| first_nl + 1 + (head - first_nl - 1) * i / 40).collect();
        cuts.extend((1..10).map(|i| data.len() * i / 10));
        cuts.retain(|&c| c > first_nl && c < data.len());
        for cut in cuts {
            let part = &data[..cut];
            let lines = part.split(|&b| b == b'\n').count();
            for opts in [legacy::Options::pprof(), legacy::Options::symbolized()] {
                if let Err(e) = decode::decode_with(&name, part, decode::DEFAULT_MAX_BYTES, opts) {
                    let msg = e.to_string();
                    assert!(!msg.contains('\n'), "{name} cut at {cut}: {msg:?}");
                    let n = line_number(&msg).unwrap_or_else(|| panic!("{name} cut at {cut}: no line in {msg:?}"));
                    assert!(n >= 1 && n <= lines, "{name} cut at {cut} ({lines} lines): {msg}");
                }
            }
        }
    }
}

/// A bad line in the middle of a text profile is reported with its number.
#[test]
fn malformed_lines_are_named() {
    let cases: [(&str, &str, usize); 6] = [
        ("heap profile: 1: 1 [1: 1] @ heap/2\n1: 1 [1: 1] @ 0x1\n\n1: x [1: 1] @ 0x1\n", "bad sample line", 4),
        ("goroutine profile: total 2\n1 @ 0x1\n# c\n1 @ 0x1 zz\n", "bad sample line", 4),
        ("threadcreate profile: total 1\n1 @ 0x99999999999999999\n", "bad sample line", 2),
        ("--- mutex:\ncycles/second=1000\nsampling period=1\n1 1 @ 0x1\n\nnonsense\n", "bad sample line", 6),
        ("--- contention:\ncycles/second=1000\n1 1 @ 0x1\n2 2 @ 0x123456789abcdef01\n", "out of range", 4),
        ("--- heapz 1 ---\nformat = java\nresolution = bytes\n  10 0 @ 0x1\n", "non-zero", 4),
    ];
    for (text, what, line) in cases {
        let err = decode::decode("x", text.as_bytes(), decode::DEFAULT_MAX_BYTES).err().expect(text).to_string();
        assert!(err.contains(what), "{text:?}: {err}");
        assert_eq!(line_number(&err), Some(line), "{text:?}: {err}");
    }
}
