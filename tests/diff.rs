//! `pa diff` on real pairs of profiles: every delta agrees with the
//! pprof-mode numbers (`pa top --diff-base`, whose pprof layout the golden
//! tests hold to go tool pprof byte for byte), new/gone rows are what each
//! side has, identical inputs give an all-zero diff, and profiles of
//! different types are refused.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn pa(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pa"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata"))
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .output()
        .expect("run pa");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = pa(args);
    assert_eq!(code, 0, "pa {args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("pa {args:?}: bad JSON {e}: {out}"))
}

/// name → (flat, cum) from `pa top --format json`.
fn top_rows(v: &Value) -> HashMap<String, (i64, i64)> {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap().to_string(), (r["flat"].as_i64().unwrap(), r["cum"].as_i64().unwrap())))
        .collect()
}

const PAIRS: &[(&str, &str, &str)] = &[
    ("profiles/heap-1.pb.gz", "profiles/heap-2.pb.gz", "inuse_space"),
    ("profiles/heap-1.pb.gz", "profiles/heap-2.pb.gz", "alloc_space"),
    ("profiles/cpu.pb.gz", "profiles/cpu-2.pb.gz", ""),
    ("profiles/mutex-1.pb.gz", "profiles/mutex-2.pb.gz", ""),
];

#[test]
fn deltas_agree_with_pprof_diff_base_numbers() {
    for (base, new, si) in PAIRS {
        let mut top = vec!["top", "--format", "json", "-n", "0", "--nodefraction", "0", "--diff-base", base, new];
        let mut diff = vec!["diff", "--format", "json", "-n", "0", "--base", base, new];
        if !si.is_empty() {
            top.extend(["-i", si]);
            diff.extend(["-i", si]);
        }
        let pprof_rows = top_rows(&json(&top));
        let d = json(&diff);
        let rows = d["rows"].as_array().unwrap();
        assert!(!rows.is_empty());
        let mut checked = 0;
        for r in rows {
            let name = r["name"].as_str().unwrap();
            let (df, dc) = (r["delta_flat"].as_i64().unwrap(), r["delta_cum"].as_i64().unwrap());
            match pprof_rows.get(name) {
                Some(&(f, c)) => {
                    assert_eq!((df, dc), (f, c), "{base} → {new} [{si}] {name}");
                    checked += 1;
                }
                // pprof drops nodes whose net flat and cum are both zero.
                None => assert_eq!((df, dc), (0, 0), "{base} → {new} [{si}] {name} missing from pprof mode"),
            }
        }
        assert_eq!(checked, pprof_rows.len(), "{base} → {new}: every pprof-mode node has a diff row");
    }
}

#[test]
fn new_and_gone_rows_are_what_each_side_has() {
    let (base, new) = ("profiles/heap-1.pb.gz", "profiles/heap-2.pb.gz");
    let base_rows = top_rows(&json(&["top", "--format", "json", "-n", "0", "--nodefraction", "0", base]));
    let new_rows = top_rows(&json(&["top", "--format", "json", "-n", "0", "--nodefraction", "0", new]));
    let d = json(&["diff", "--format", "json", "-n", "0", "--base", base, new]);
    let (mut news, mut gones) = (0, 0);
    for r in d["rows"].as_array().unwrap() {
        let name = r["name"].as_str().unwrap();
        let get = |k: &str| r[k].as_i64().unwrap();
        match r["presence"].as_str().unwrap() {
            "new" => {
                news += 1;
                assert!(!base_rows.contains_key(name) && new_rows.contains_key(name), "{name}");
                assert_eq!((get("base_flat"), get("base_cum")), (0, 0));
            }
            "gone" => {
                gones += 1;
                assert!(base_rows.contains_key(name) && !new_rows.contains_key(name), "{name}");
                assert_eq!((get("new_flat"), get("new_cum")), (0, 0));
            }
            _ => {
                assert_eq!(base_rows.get(name), Some(&(get("base_flat"), get("base_cum"))), "{name}");
                assert_eq!(new_rows.get(name), Some(&(get("new_flat"), get("new_cum"))), "{name}");
            }
        }
    }
    assert!(news > 0 && gones > 0, "this pair has both new ({news}) and gone ({gones}) functions");
    assert_eq!(d["base_total"], json(&["top", "--format", "json", base])["total"]);
    assert_eq!(d["new_total"], json(&["top", "--format", "json", new])["total"]);
}

#[test]
fn identical_inputs_give_an_all_zero_diff() {
    let d = json(&["diff", "--format", "json", "-n", "0", "--base", "profiles/cpu.pb.gz", "profiles/cpu.pb.gz"]);
    let rows = d["rows"].as_array().unwrap();
    assert!(rows.len() > 10);
    for r in rows {
        assert_eq!(r["delta_flat"].as_i64(), Some(0), "{r}");
        assert_eq!(r["delta_cum"].as_i64(), Some(0), "{r}");
        assert_eq!(r["presence"].as_str(), Some("both"));
    }
    assert_eq!(d["delta_total"].as_i64(), Some(0));
    let (code, table, _) = pa(&["diff", "--base", "profiles/cpu.pb.gz", "profiles/cpu.pb.gz"]);
    assert_eq!(code, 0);
    assert!(table.starts_with("cpu 2.84s → 2.84s (0, 0%)\n"), "{table}");
}

#[test]
fn the_table_signs_every_delta_and_marks_new_rows() {
    let (code, out, err) = pa(&["diff", "--base", "profiles/heap-1.pb.gz", "profiles/heap-2.pb.gz", "-n", "0"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("inuse_space "), "{out}");
    let rows: Vec<&str> = out.lines().skip(4).collect();
    assert!(rows.iter().any(|l| l.ends_with(" [new]")));
    assert!(rows.iter().any(|l| l.ends_with(" [gone]")));
    for l in rows {
        let cols: Vec<&str> = l.split_whitespace().collect();
        // Δ flat and Δ cum: a sign unless zero.
        for d in [cols[2], cols[6]] {
            assert!(d == "0" || d.starts_with('+') || d.starts_with('-'), "{l}");
        }
    }
}

#[test]
fn pprof_format_is_the_diff_base_top() {
    let (code, a, _) = pa(&["diff", "--format", "pprof", "--base", "profiles/heap-1.pb.gz", "profiles/heap-2.pb.gz"]);
    assert_eq!(code, 0);
    let (code, b, _) =
        pa(&["pprof", "-top", "-nodecount=20", "-diff_base=profiles/heap-1.pb.gz", "profiles/heap-2.pb.gz"]);
    assert_eq!(code, 0);
    assert_eq!(a, b);
}

#[test]
fn different_profile_types_are_refused() {
    let (code, out, err) = pa(&["diff", "--base", "profiles/cpu.pb.gz", "profiles/heap-2.pb.gz"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("[samples/count cpu/nanoseconds]") && err.contains("inuse_space/bytes"), "{err}");
}

#[test]
fn timing_marks_from_both_decoding_threads_reach_stderr() {
    // Both sides are files, so they are decoded on two threads, and each
    // writes its timing marks to stderr: stderr must not stay locked by
    // the main thread meanwhile (it once hung here).
    let d = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/profiles");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pa"))
        .args(["diff", "--base", &format!("{d}/heap-1.pb.gz"), &format!("{d}/heap-2.pb.gz")])
        .env("PA_TIMING", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run pa");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pa diff with PA_TIMING=1 did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err).expect("read");
    assert!(status.success(), "{err}");
    // Each side decoded as it inflates, on its own thread.
    assert_eq!(err.matches("decode: tables and checks").count(), 2, "{err}");
    assert!(err.lines().last().is_some_and(|l| l.ends_with("done")), "{err}");
}
