//! Runs the built `pa` binary on every case of `testdata/pprof/cases.txt`
//! (`pa pprof ARGS`) and `testdata/top/cases.txt` (`pa top ARGS`) and
//! compares stdout byte for byte with the goldens that the real current
//! `go tool pprof` produced (see testdata/regen.sh).

use std::path::{Path, PathBuf};
use std::process::Command;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

struct Case {
    name: String,
    args: Vec<String>,
}

fn read_cases(table: &str, column: usize) -> Vec<Case> {
    let text = std::fs::read_to_string(testdata().join(table)).expect("case table");
    let mut cases = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() > column, "bad case line in {table}: {line:?}");
        cases.push(Case {
            name: cols[0].to_string(),
            args: cols[column].split(' ').filter(|a| !a.is_empty()).map(str::to_string).collect(),
        });
    }
    cases
}

/// Runs every case and reports all mismatches at once, with the first
/// differing line of each.
fn run_table(table: &str, golden_dir: &str, subcommand: &str) {
    let cases = read_cases(table, 1);
    assert!(!cases.is_empty(), "{table} has no cases");
    let mut failures = Vec::new();
    for c in &cases {
        let golden_path = testdata().join(golden_dir).join(format!("{}.txt", c.name));
        let want = std::fs::read(&golden_path).unwrap_or_else(|e| panic!("{}: {e}", golden_path.display()));
        let out = Command::new(env!("CARGO_BIN_EXE_pa"))
            .arg(subcommand)
            .args(&c.args)
            .current_dir(testdata())
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .output()
            .expect("run pa");
        if !out.status.success() {
            failures.push(format!(
                "{}: exit {:?}: {}",
                c.name,
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
            continue;
        }
        if out.stdout != want {
            let got = String::from_utf8_lossy(&out.stdout);
            let exp = String::from_utf8_lossy(&want);
            let (n, g, e) = got
                .lines()
                .zip(exp.lines())
                .enumerate()
                .find(|(_, (g, e))| g != e)
                .map(|(i, (g, e))| (i + 1, g.to_string(), e.to_string()))
                .unwrap_or((0, format!("{} lines", got.lines().count()), format!("{} lines", exp.lines().count())));
            failures.push(format!("{}: line {n}:\n    got:  {g:?}\n    want: {e:?}", c.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases in {table} differ from go tool pprof:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    println!("{} cases of {table} match byte for byte", cases.len());
}

#[test]
fn pprof_cases_match_go_tool_pprof() {
    run_table("pprof/cases.txt", "pprof/golden", "pprof");
}

#[test]
fn top_cases_match_go_tool_pprof_top() {
    run_table("top/cases.txt", "top/golden", "top");
}
