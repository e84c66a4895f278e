//! `pa pprof`'s command line and `pa top`'s views: local-time headers
//! against go tool pprof run in other time zones, refused flags, usage
//! errors, and the terminal/JSON/CSV views carrying the pprof rows.

use std::path::{Path, PathBuf};
use std::process::Command;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

fn pa_env(args: &[&str], tz: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pa"))
        .args(args)
        .current_dir(testdata())
        .env("TZ", tz)
        .env("NO_COLOR", "1")
        .output()
        .expect("run pa");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn pa(args: &[&str]) -> (i32, String, String) {
    pa_env(args, "UTC")
}

#[test]
fn time_header_in_other_time_zones_matches_go() {
    let cases = std::fs::read_to_string(testdata().join("tz/cases.txt")).unwrap();
    let mut n = 0;
    for line in cases.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, tz, args) = (cols[0], cols[1], cols[2]);
        let mut argv = vec!["pprof"];
        argv.extend(args.split(' '));
        let (code, out, err) = pa_env(&argv, tz);
        assert_eq!(code, 0, "{name}: {err}");
        let want = std::fs::read_to_string(testdata().join(format!("tz/{name}.txt"))).unwrap();
        if Path::new("/usr/share/zoneinfo").join(tz).exists() {
            assert_eq!(out, want, "{name} (TZ={tz})");
        } else {
            // No zone database (a distroless pod): pa falls back to UTC.
            assert!(out.contains(" UTC\n") || out.contains(" +0000 UTC\n"), "{name}: {out}");
        }
        n += 1;
    }
    assert_eq!(n, 4);
}

#[test]
fn unsupported_reports_are_refused_by_name() {
    for flag in ["-dot", "-svg", "-callgrind", "-proto", "-list=main", "-disasm=main", "-weblist=x", "-topproto"] {
        let (code, out, err) = pa(&["pprof", flag, "profiles/cpu.pb.gz"]);
        assert_eq!(code, 2, "{flag}: {err}");
        assert!(out.is_empty());
        let name = flag.trim_start_matches('-').split('=').next().unwrap();
        assert!(err.contains(&format!("-{name} is not supported")), "{flag}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let (code, _, err) = pa(&["pprof", "-http=:8080", "profiles/cpu.pb.gz"]);
    assert_eq!(code, 2);
    assert!(err.contains("-http is not supported"), "{err}");
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (&["pprof", "profiles/cpu.pb.gz"], "needs a report flag"),
        (&["pprof", "-top"], "no profile source specified"),
        (&["pprof", "-top", "-nosuchflag", "profiles/cpu.pb.gz"], "flag provided but not defined: -nosuchflag"),
        (&["pprof", "-top", "-traces", "profiles/cpu.pb.gz"], "must set at most one output format"),
        (&["pprof", "-top", "-lines", "-files", "profiles/cpu.pb.gz"], "conflicting options set"),
        (
            &["pprof", "-top", "-base=profiles/cpu.pb.gz", "-diff_base=profiles/cpu.pb.gz", "profiles/cpu-2.pb.gz"],
            "cannot both be specified",
        ),
        (&["pprof", "-top", "-normalize", "profiles/cpu.pb.gz"], "must have base profile to normalize by"),
        (&["pprof", "-top", "-sample_index=9", "profiles/cpu.pb.gz"], "sample_index 9 is outside the range [0..1]"),
        (
            &["pprof", "-top", "-sample_index=foo", "profiles/heap-2.pb.gz"],
            "must be one of: [alloc_objects alloc_space inuse_objects inuse_space]",
        ),
        (&["pprof", "-top", "-divide_by=0", "profiles/cpu.pb.gz"], "zero divisor specified"),
        (&["pprof", "-top", "-focus=(", "profiles/cpu.pb.gz"], "parsing focus regexp"),
        (&["pprof", "-top", "-nodecount=x", "profiles/cpu.pb.gz"], "invalid value"),
    ];
    for (args, want) in cases {
        let (code, out, err) = pa(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn flags_may_follow_the_sources_and_stdin_is_a_source() {
    let (_, a, _) = pa(&["pprof", "-top", "profiles/cpu.pb.gz"]);
    let (_, b, _) = pa(&["pprof", "profiles/cpu.pb.gz", "-top"]);
    assert_eq!(a, b);
    let data = std::fs::read(testdata().join("profiles/cpu.pb.gz")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pa"))
        .args(["pprof", "-top", "-"])
        .env("TZ", "UTC")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&data).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), a);
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let dir = std::env::temp_dir().join(format!("pa-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("report.txt");
    let (code, out, err) = pa(&["pprof", "-top", &format!("-output={}", target.display()), "profiles/cpu.pb.gz"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    assert!(err.starts_with("Generating report in "), "{err}");
    let (_, want, _) = pa(&["pprof", "-top", "profiles/cpu.pb.gz"]);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), want);
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The rows of the pprof layout: (flat, flat%, sum%, cum, cum%, name).
fn pprof_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip_while(|l| !l.trim_start().starts_with("flat  flat%"))
        .skip(1)
        .map(|l| {
            let mut cols: Vec<String> = l.split_whitespace().take(5).map(str::to_string).collect();
            // The name follows the third `%` (cum%) and two spaces.
            let cum_pct = l.match_indices('%').nth(2).expect("three percentages").0;
            cols.push(l[cum_pct + 3..].to_string());
            cols
        })
        .collect()
}

#[test]
fn json_csv_and_table_views_carry_the_pprof_rows() {
    for args in [
        vec!["profiles/heap-2.pb.gz"],
        vec!["-i", "alloc_space", "--cum", "-n", "12", "profiles/heap-2.pb.gz"],
        vec!["--diff-base", "profiles/cpu.pb.gz", "profiles/cpu-2.pb.gz"],
    ] {
        let run = |fmt: &str| {
            let mut a = vec!["top", "--format", fmt];
            a.extend(args.iter().copied());
            let (code, out, err) = pa(&a);
            assert_eq!(code, 0, "{a:?}: {err}");
            out
        };
        let rows = pprof_rows(&run("pprof"));
        assert!(!rows.is_empty());
        let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
        let jrows = json["rows"].as_array().unwrap();
        assert_eq!(jrows.len(), rows.len(), "{args:?}");
        for (r, j) in rows.iter().zip(jrows) {
            assert_eq!(j["flat_format"].as_str().unwrap(), r[0]);
            assert_eq!(j["flat_percent"].as_str().unwrap(), r[1]);
            assert_eq!(j["sum_percent"].as_str().unwrap(), r[2]);
            assert_eq!(j["cum_format"].as_str().unwrap(), r[3]);
            assert_eq!(j["cum_percent"].as_str().unwrap(), r[4]);
            let name = j["name"].as_str().unwrap();
            assert!(r[5].starts_with(name), "{name} vs {}", r[5]);
        }
        let csv = run("csv");
        assert_eq!(csv.lines().count(), rows.len() + 1);
        let table = run("table");
        for j in jrows {
            assert!(table.contains(j["name"].as_str().unwrap()), "table misses {}", j["name"]);
        }
    }
}

#[test]
fn top_help_explains_each_flag() {
    let (code, out, _) = pa(&["top", "--help"]);
    assert_eq!(code, 0);
    for flag in
        ["--sample-index", "--nodecount", "--cum", "--focus", "--granularity", "--unit", "--nodefraction", "--format"]
    {
        let line = out.lines().find(|l| l.contains(flag)).unwrap_or_else(|| panic!("{flag} missing from help"));
        let text = line.split(flag).nth(1).unwrap_or("").trim();
        assert!(text.split_whitespace().count() >= 2, "{flag} has no one-line explanation: {line:?}");
    }
    assert!(out.contains("Examples:"));
}
