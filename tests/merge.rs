//! Merging, base handling and the text dump against pprof's own profile
//! package: every case in testdata/dump/cases is decoded, combined like the
//! Go oracle combines it and dumped; the dump must equal the expected file
//! byte for byte.
//!
//! Cases reading the shared conformance data need
//! `../shared/conformance/pprof` next to the repository; without it the test
//! fails unless `PA_NO_SHARED=1` is set, in which case those cases are
//! skipped (and the test says so).

use std::path::{Path, PathBuf};

use pa::decode;
use pa::gotime::Zone;
use pa::profile::{Profile, dump, merge};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared_dir() -> PathBuf {
    root().join("../shared/conformance/pprof")
}

fn load(path: &Path) -> Result<Profile, String> {
    let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    decode::decode(&path.display().to_string(), &data, decode::DEFAULT_MAX_BYTES)
        .map(|d| d.profile)
        .map_err(|e| e.message)
}

fn run_case(mode: &str, args: &[PathBuf], flags: &[String]) -> Result<String, String> {
    let dump = |p: Profile| dump::to_string_in(&p, &Zone::utc());
    match mode {
        "scale" => {
            let mut ps = args.iter().map(|a| load(a)).collect::<Result<Vec<_>, _>>()?;
            merge::scale_profiles(&mut ps)?;
            Ok(ps.into_iter().map(dump).collect())
        }
        "dump" => {
            assert_eq!(args.len(), 1, "dump cases take one input");
            load(&args[0]).map(dump)
        }
        "merge" => {
            let ps = args.iter().map(|a| load(a)).collect::<Result<Vec<_>, _>>()?;
            merge::merge(ps).map(dump)
        }
        "base" => {
            let src = load(&args[0])?;
            let base = load(&args[1])?;
            merge::apply_base(src, base, flags.iter().any(|f| f == "-diff"), flags.iter().any(|f| f == "-normalize"))
                .map(dump)
        }
        _ => panic!("unknown mode {mode}"),
    }
}

#[test]
fn dump_merge_and_base_match_pprof() {
    let dir = root().join("testdata/dump");
    let cases = std::fs::read_to_string(dir.join("cases")).expect("testdata/dump/cases");
    let have_shared = shared_dir().is_dir();
    let no_shared_ok = std::env::var("PA_NO_SHARED").as_deref() == Ok("1");
    let (mut passed, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    for line in cases.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let out = words.next().unwrap();
        let mode = words.next().expect("mode");
        let mut flags = Vec::new();
        let mut args = Vec::new();
        let mut uses_shared = false;
        for w in words {
            if w.starts_with('-') {
                flags.push(w.to_string());
            } else if let Some(rest) = w.strip_prefix("@shared/") {
                uses_shared = true;
                args.push(shared_dir().join(rest));
            } else {
                args.push(root().join(w));
            }
        }
        if uses_shared && !have_shared {
            if no_shared_ok {
                skipped += 1;
                continue;
            }
            panic!(
                "{} is missing (needed by case {out}); set PA_NO_SHARED=1 to skip these cases",
                shared_dir().display()
            );
        }
        let mut want = std::fs::read_to_string(dir.join("expected").join(out)).expect(out);
        // Where pa words an error its own way (naming the line at fault),
        // `<case>.pa-error` holds pa's message; pprof's file says that
        // pprof fails too.
        let pa_error = dir.join("expected").join(format!("{out}.pa-error"));
        if want.starts_with("ERROR:") && pa_error.exists() {
            want = std::fs::read_to_string(&pa_error).expect("pa-error");
        }
        let got = match run_case(mode, &args, &flags) {
            Ok(text) => text,
            Err(e) => format!("ERROR: {e}\n"),
        };
        if got == want {
            passed += 1;
        } else {
            let diff_at = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(got.lines().count().min(want.lines().count()));
            failures.push(format!(
                "{out}: first difference at line {}:\n  got:  {:?}\n  want: {:?}",
                diff_at + 1,
                got.lines().nth(diff_at).unwrap_or("<end>"),
                want.lines().nth(diff_at).unwrap_or("<end>")
            ));
        }
    }
    if skipped > 0 {
        eprintln!("PA_NO_SHARED=1: {skipped} cases using the shared conformance data did not run");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        failures.len() + passed,
        failures.join("\n")
    );
    eprintln!("{passed} cases match pprof");
}
