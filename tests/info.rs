//! `pa info`: the facts it prints come from the profile itself (checked
//! against the text of the debug=1 file and against `pa pprof -raw`).

use std::path::Path;
use std::process::Command;

fn pa(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pa"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata"))
        .env("TZ", "UTC")
        .output()
        .expect("run pa");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn heap_text_memstats_come_from_the_file() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/profiles/heap-2.debug1.txt"))
            .unwrap();
    let field = |name: &str| -> String {
        let prefix = format!("# {name} = ");
        text.lines().find_map(|l| l.strip_prefix(&prefix)).unwrap_or_else(|| panic!("{name} in file")).to_string()
    };
    let (code, out, err) = pa(&["info", "--format", "json", "profiles/heap-2.debug1.txt"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v[0];
    assert_eq!(f["format"], "heap profile (text)");
    assert_eq!(
        f["sample types"],
        "alloc_objects/count, alloc_space/bytes, inuse_objects/count, inuse_space/bytes [default]"
    );
    for name in ["HeapAlloc", "HeapSys", "HeapIdle", "HeapReleased", "HeapInuse"] {
        let shown = f[format!("MemStats.{name}")].as_str().unwrap();
        assert!(shown.ends_with(&format!("({})", field(name))), "{name}: {shown}");
    }
    assert_eq!(f["MemStats.NumGC"].as_str().unwrap(), field("NumGC"));
}

#[test]
fn protobuf_facts_match_the_raw_dump() {
    let (code, out, err) = pa(&["info", "--format", "json", "profiles/cpu.pb.gz"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v[0];
    assert_eq!(f["format"], "pprof protobuf (gzipped)");
    let (_, raw, _) = pa(&["pprof", "-raw", "profiles/cpu.pb.gz"]);
    let samples = raw
        .lines()
        .skip_while(|l| !l.starts_with("Samples:"))
        .skip(2)
        .take_while(|l| !l.starts_with("Locations"))
        .filter(|l| !l.starts_with("                "))
        .count();
    assert_eq!(f["samples"].as_str().unwrap(), samples.to_string());
    let period = raw.lines().find_map(|l| l.strip_prefix("Period: ")).unwrap();
    assert!(f["period"].as_str().unwrap().starts_with(period));
    assert!(f["sample types"].as_str().unwrap().ends_with("cpu/nanoseconds [default]"));
}

#[test]
fn dump_is_the_string_layout() {
    let (code, out, _) = pa(&["info", "--dump", "profiles/mutex.pb.gz"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("PeriodType: contentions count\n") || out.contains("\nPeriodType: "), "{out}");
    assert!(out.contains("\nSamples:\n") && out.contains("\nLocations\n") && out.contains("\nMappings\n"), "{out}");
}
