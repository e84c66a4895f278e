//! Bad input never panics and never passes silently: each case gets exactly
//! one line on stderr that names the source and what is wrong, exit code 1,
//! and nothing on stdout.

use std::io::Write;
use std::process::{Command, Stdio};

use pa::decode::proto::pb;
use prost::Message;

fn pa_on_file(name: &str, data: &[u8]) -> (i32, String, Vec<u8>) {
    let dir = tempdir();
    let path = dir.join(name);
    std::fs::write(&path, data).unwrap();
    let out =
        Command::new(env!("CARGO_BIN_EXE_pa")).args(["top", "--format", "pprof"]).arg(&path).output().expect("run pa");
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned(), out.stdout)
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!("pa-bad-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Asserts the error contract and that the message says `what`.
fn assert_one_line_error(name: &str, data: &[u8], what: &str) {
    let (code, stderr, stdout) = pa_on_file(name, data);
    assert_eq!(code, 1, "{name}: exit code; stderr: {stderr}");
    assert!(stdout.is_empty(), "{name}: stdout must be empty, got {:?}", String::from_utf8_lossy(&stdout));
    assert_eq!(stderr.lines().count(), 1, "{name}: want one line on stderr, got {stderr:?}");
    assert!(stderr.starts_with("pa: "), "{name}: {stderr:?}");
    assert!(stderr.contains(name), "{name}: message must name the source: {stderr:?}");
    assert!(stderr.contains(what), "{name}: message must say {what:?}: {stderr:?}");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A small valid profile: two functions, two locations, one sample.
fn valid() -> pb::Profile {
    pb::Profile {
        string_table: ["", "samples", "count", "main", "main.go", "f"].iter().map(|s| s.as_bytes().to_vec()).collect(),
        sample_type: vec![pb::ValueType { r#type: 1, unit: 2 }],
        function: vec![
            pb::Function { id: 1, name: 3, system_name: 3, filename: 4, start_line: 1 },
            pb::Function { id: 2, name: 5, system_name: 5, filename: 4, start_line: 9 },
        ],
        location: vec![
            pb::Location { id: 1, line: vec![pb::Line { function_id: 2, line: 10, column: 0 }], ..Default::default() },
            pb::Location { id: 2, line: vec![pb::Line { function_id: 1, line: 3, column: 0 }], ..Default::default() },
        ],
        sample: vec![pb::Sample { location_id: vec![1, 2], value: vec![5], label: vec![] }],
        ..Default::default()
    }
}

#[test]
fn the_valid_profile_works() {
    let (code, stderr, stdout) = pa_on_file("ok.pb", &valid().encode_to_vec());
    assert_eq!(code, 0, "{stderr}");
    let text = String::from_utf8(stdout).unwrap();
    assert!(text.contains("Showing nodes accounting for 5, 100% of 5 total"), "{text}");
}

#[test]
fn empty_file() {
    assert_one_line_error("empty.pb.gz", b"", "empty input file");
}

#[test]
fn truncated_gzip() {
    let gz = gzip(&valid().encode_to_vec());
    assert_one_line_error("trunc.pb.gz", &gz[..gz.len() / 2], "truncated gzip stream");
}

#[test]
fn gzip_of_nothing() {
    assert_one_line_error("nothing.pb.gz", &gzip(b""), "empty profile");
}

#[test]
fn random_bytes() {
    // A fixed xorshift sequence: the same "random" file every run.
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let data: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    assert_one_line_error("random.bin", &data, "unrecognized profile format");
}

#[test]
fn gzip_of_random_bytes() {
    let data: Vec<u8> = (0..2048u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    assert_one_line_error("random.gz", &gzip(&data), "profile");
}

#[test]
fn html_page() {
    let html =
        b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n";
    assert_one_line_error("page.html", html, "HTML page");
}

#[test]
fn json_document() {
    assert_one_line_error("data.json", br#"{"error": "not a profile", "code": 404}"#, "JSON");
}

#[test]
fn plain_text() {
    assert_one_line_error("notes.txt", b"hello, this is just some text\nand more\n", "unrecognized profile format");
}

#[test]
fn string_table_zero_must_be_empty() {
    let mut p = valid();
    p.string_table[0] = b"x".to_vec();
    assert_one_line_error("st0.pb", &p.encode_to_vec(), "string_table[0]");
}

#[test]
fn function_id_zero() {
    let mut p = valid();
    p.function[0].id = 0;
    assert_one_line_error("fid0.pb", &p.encode_to_vec(), "reserved ID=0");
}

#[test]
fn location_id_zero() {
    let mut p = valid();
    p.location[0].id = 0;
    assert_one_line_error("lid0.pb", &p.encode_to_vec(), "reserved id=0");
}

#[test]
fn mapping_id_zero() {
    let mut p = valid();
    p.mapping.push(pb::Mapping { id: 0, ..Default::default() });
    assert_one_line_error("mid0.pb", &p.encode_to_vec(), "reserved ID=0");
}

#[test]
fn duplicate_function_ids() {
    let mut p = valid();
    p.function[1].id = 1;
    assert_one_line_error("dupf.pb", &p.encode_to_vec(), "multiple functions with same id: 1");
}

#[test]
fn duplicate_location_ids() {
    let mut p = valid();
    p.location[1].id = 1;
    assert_one_line_error("dupl.pb", &p.encode_to_vec(), "multiple locations with same id: 1");
}

#[test]
fn duplicate_mapping_ids() {
    let mut p = valid();
    p.mapping.push(pb::Mapping { id: 4, ..Default::default() });
    p.mapping.push(pb::Mapping { id: 4, ..Default::default() });
    assert_one_line_error("dupm.pb", &p.encode_to_vec(), "multiple mappings with same id: 4");
}

#[test]
fn value_type_count_mismatch() {
    let mut p = valid();
    p.sample[0].value = vec![1, 2];
    assert_one_line_error("mismatch.pb", &p.encode_to_vec(), "sample has 2 values vs. 1 types");
}

#[test]
fn out_of_range_string_index() {
    let mut p = valid();
    p.function[0].name = 99;
    assert_one_line_error("str.pb", &p.encode_to_vec(), "string index 99 out of range");
}

#[test]
fn negative_string_index() {
    let mut p = valid();
    p.sample_type[0].unit = -3;
    assert_one_line_error("negstr.pb", &p.encode_to_vec(), "string index -3 out of range");
}

#[test]
fn out_of_range_location_id() {
    let mut p = valid();
    p.sample[0].location_id = vec![1, 77];
    assert_one_line_error("loc.pb", &p.encode_to_vec(), "location id 77");
}

#[test]
fn out_of_range_function_id() {
    let mut p = valid();
    p.location[0].line[0].function_id = 42;
    assert_one_line_error("fn.pb", &p.encode_to_vec(), "function id 42");
}

#[test]
fn line_without_function() {
    let mut p = valid();
    p.location[0].line[0].function_id = 0;
    assert_one_line_error("nilfn.pb", &p.encode_to_vec(), "has a line with nil function");
}

#[test]
fn samples_without_sample_types() {
    let mut p = valid();
    p.sample_type.clear();
    p.sample[0].value.clear();
    assert_one_line_error("notypes.pb", &p.encode_to_vec(), "missing sample type information");
}

#[test]
fn concatenated_profiles() {
    let mut p = valid();
    p.time_nanos = 1_700_000_000_000_000_000;
    let mut data = p.encode_to_vec();
    data.extend(p.encode_to_vec());
    assert_one_line_error("concat.pb", &data, "concatenated profiles detected");
}

#[test]
fn missing_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_pa")).args(["top", "does-not-exist.pb.gz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim_end(), "pa: does-not-exist.pb.gz: no such file or directory");
}

#[test]
fn invalid_utf8_names_do_not_fail_the_decode() {
    let mut p = valid();
    p.string_table[5] = b"bad\xff\xfe".to_vec();
    let (code, stderr, stdout) = pa_on_file("utf8.pb", &p.encode_to_vec());
    assert_eq!(code, 0, "{stderr}");
    // pprof-compatible output carries the original bytes, as go tool pprof does.
    assert!(stdout.windows(5).any(|w| w == b"bad\xff\xfe"), "{:?}", String::from_utf8_lossy(&stdout));
}

#[test]
fn stdin_reads_gzipped_and_raw() {
    for data in [valid().encode_to_vec(), gzip(&valid().encode_to_vec())] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pa"))
            .args(["top", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&data).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("100% of 5 total"));
    }
}

#[test]
fn closed_pipe_ends_quietly() {
    // Many rows, so that pa is still writing when the reader has gone.
    let mut p = valid();
    let base = p.string_table.len() as i64;
    for i in 0..3000u64 {
        p.string_table.push(format!("fn{i}").into_bytes());
        p.function.push(pb::Function { id: 10 + i, name: base + i as i64, ..Default::default() });
        p.location.push(pb::Location {
            id: 10 + i,
            line: vec![pb::Line { function_id: 10 + i, line: 1, column: 0 }],
            ..Default::default()
        });
        p.sample.push(pb::Sample { location_id: vec![10 + i], value: vec![1 + i as i64], label: vec![] });
    }
    let dir = tempdir();
    let path = dir.join("many.pb");
    std::fs::write(&path, p.encode_to_vec()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pa"))
        .args(["top", "-n", "0", "--nodefraction", "0", "--format", "pprof"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close our end of the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    use std::io::Read;
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
}
