//! Legacy formats against pprof's own parser: for every input `X` in the
//! shared conformance data (`../shared/conformance/pprof/legacy`), the dump
//! of pa's parse must equal `X.string`, the `Profile.String()` of pprof's
//! parse, byte for byte. Without that directory the test fails unless
//! `PA_NO_SHARED=1` is set (then it says that it did not run).

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
