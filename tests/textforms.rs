//! `pa top` on Go's debug=1 text profiles names the same functions, with
//! the same values, as on the protobuf profile the same process wrote at
//! the same moment, up to what the text form cannot carry:
//! - generic functions are one `F[...]` in text and one function per
//!   shape in protobuf, so only non-generic functions are compared;
//! - inlined frames are separate locations in text, so no `(inline)`
//!   markers (not compared);
//! - the text has no default sample type (allocs: compared by name);
//! - block delays are converted from cycles with the text's cycles/second,
//!   so they agree to 0.1%, not to the nanosecond;
//! - goroutine and threadcreate texts hide the runtime frames that the
//!   protobuf names (runtime.gopark, ...), so those are not compared here.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// name → (flat, cum) of every node, generic functions left out.
fn rows(args: &[&str]) -> BTreeMap<String, (i64, i64)> {
    let out = Command::new(env!("CARGO_BIN_EXE_pa"))
        .args(["top", "--format", "json", "-n", "0", "--nodefraction", "0"])
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/profiles"))
        .output()
        .expect("run pa");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap().to_string(), (r["flat"].as_i64().unwrap(), r["cum"].as_i64().unwrap())))
        .filter(|(name, _)| !name.contains('['))
        .collect()
}

#[test]
fn heap_allocs_and_mutex_text_equal_protobuf() {
    for (text, proto, index) in [
        ("heap-2.debug1.txt", "heap-2.pb.gz", "inuse_space"),
        ("heap-2.debug1.txt", "heap-2.pb.gz", "inuse_objects"),
        ("heap-2.debug1.txt", "heap-2.pb.gz", "alloc_space"),
        ("allocs.debug1.txt", "allocs.pb.gz", "alloc_space"),
        ("allocs.debug1.txt", "allocs.pb.gz", "alloc_objects"),
        ("mutex.debug1.txt", "mutex.pb.gz", "delay"),
        ("mutex.debug1.txt", "mutex.pb.gz", "contentions"),
    ] {
        let t = rows(&["-i", index, text]);
        let p = rows(&["-i", index, proto]);
        assert!(t.len() >= 10, "{text}: {t:?}");
        assert!(!t.keys().any(|n| n.contains("<unknown>")), "{text} [{index}]: {t:?}");
        assert_eq!(t, p, "{text} vs {proto} [{index}]");
    }
}

#[test]
fn block_text_agrees_with_protobuf_to_a_tenth_of_a_percent() {
    let t = rows(&["block.debug1.txt"]);
    let p = rows(&["block.pb.gz"]);
    // The text was written just after the protobuf, so it also holds the
    // blocking that writing the protobuf caused; every function of the
    // protobuf is there with the same delay.
    assert!(p.len() >= 10);
    for (name, b) in &p {
        let a = t.get(name).unwrap_or_else(|| panic!("{name} missing from the text form"));
        for (x, y) in [(a.0, b.0), (a.1, b.1)] {
            assert!((x - y).abs() as f64 <= 0.001 * y.abs().max(1) as f64, "{name}: {a:?} vs {b:?}");
        }
    }
}

#[test]
fn goroutine_text_names_the_user_frames() {
    let t = rows(&["goroutine.debug1.txt"]);
    let p = rows(&["goroutine.pb.gz"]);
    // Every function the text shows is in the protobuf with the same cum.
    for (name, (_, cum)) in &t {
        assert!(!name.contains("<unknown>"), "{t:?}");
        assert_eq!(Some(*cum), p.get(name).map(|v| v.1), "{name}");
    }
    assert!(t.contains_key("main.recvForever"), "{t:?}");
}
