//! `pa watch` against a real HTTP server on 127.0.0.1 whose heap MemStats,
//! goroutine count and one function's in-use bytes change with every
//! request: every value pa prints is checked against the body that was
//! served for that poll.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Background, Reply, SIGINT, SIGTERM, Server, pa, pa_command, read_testdata, scratch_dir};

/// MemStats fields pa writes, with their CSV keys.
const FIELDS: [(&str, &str); 9] = [
    ("HeapAlloc", "heap_alloc"),
    ("HeapInuse", "heap_inuse"),
    ("HeapIdle", "heap_idle"),
    ("HeapReleased", "heap_released"),
    ("HeapSys", "heap_sys"),
    ("Sys", "sys"),
    ("HeapObjects", "heap_objects"),
    ("TotalAlloc", "total_alloc"),
    ("NumGC", "num_gc"),
];

/// The real Go heap profile of the test data with its MemStats numbers
/// raised by `n` steps (a different step per field) and its first sample
/// (leaf `compress/flate.newFastEnc`) holding `n` objects in use.
fn heap_text(n: u64) -> String {
    let base = String::from_utf8(read_testdata("heap-2.debug1.txt")).unwrap();
    let mut out = String::new();
    let mut first_sample = true;
    for line in base.lines() {
        if first_sample && line.starts_with("0: 0 [1: 139264] @ ") {
            first_sample = false;
            let rest = &line["0: 0 [1: 139264]".len()..];
            out.push_str(&format!("{n}: {} [{}: {}]{rest}\n", n * 139264, n + 1, (n + 1) * 139264));
            continue;
        }
        let field = FIELDS.iter().enumerate().find_map(|(i, (f, _))| {
            let v: u64 = line.strip_prefix(&format!("# {f} = "))?.parse().ok()?;
            Some((f, v + n * (4096 * (i as u64 + 1))))
        });
        match field {
            Some((f, v)) => out.push_str(&format!("# {f} = {v}\n")),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    assert!(!first_sample, "the test data changed: no sample to grow");
    out
}

fn goroutine_text(total: u64) -> String {
    format!("goroutine profile: total {total}\n{total} @ 0x1\n#\t0x1\tmain.worker+0x0\t/src/main.go:1\n\n")
}

/// What the server sent, per endpoint, in order.
#[derive(Default)]
struct Served {
    heap: Vec<String>,
    goroutines: Vec<u64>,
}

/// Heap and goroutine endpoints whose answers change per request;
/// `heap_fails` lists the heap requests answered with a 500.
fn changing_server(heap_fails: &'static [usize]) -> (Server, Arc<Mutex<Served>>) {
    changing_server_with(heap_fails, |_| Duration::ZERO, |t| t)
}

/// `changing_server`, with the n-th goroutine answer delayed by
/// `goroutine_delay(n)` and each heap text passed through `edit`.
fn changing_server_with(
    heap_fails: &'static [usize],
    goroutine_delay: fn(usize) -> Duration,
    edit: fn(String) -> String,
) -> (Server, Arc<Mutex<Served>>) {
    let served = Arc::new(Mutex::new(Served::default()));
    let s = served.clone();
    let server = Server::start(Duration::from_secs(20), move |path, n, _| match path {
        "/debug/pprof/heap" if heap_fails.contains(&n) => Reply::error(500, "could not write heap profile"),
        "/debug/pprof/heap" => {
            let body = edit(heap_text(n as u64));
            s.lock().unwrap().heap.push(body.clone());
            Reply::text(body)
        }
        "/debug/pprof/goroutine" => {
            std::thread::sleep(goroutine_delay(n));
            let total = 40 + 7 * n as u64;
            s.lock().unwrap().goroutines.push(total);
            Reply::text(goroutine_text(total))
        }
        _ => Reply::error(404, "Unknown profile"),
    });
    (server, served)
}

fn memstat(text: &str, field: &str) -> u64 {
    let prefix = format!("# {field} = ");
    text.lines().find_map(|l| l.strip_prefix(&prefix)).unwrap_or_else(|| panic!("{field}")).parse().unwrap()
}

fn csv(out: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut lines = out.lines();
    let header: Vec<String> = lines.next().expect("a header").split(',').map(str::to_string).collect();
    let rows = lines.map(|l| header.iter().cloned().zip(l.split(',').map(str::to_string)).collect()).collect();
    (header, rows)
}

#[test]
fn csv_rows_are_the_values_served_in_order() {
    let (server, served) = changing_server(&[]);
    let url = format!("http://{}/debug/pprof/", server.host_port());
    let r = pa(&["watch", "--every", "200ms", "--count", "4", &url]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (header, rows) = csv(&r.stdout);
    assert_eq!(
        header.join(","),
        "time,heap_alloc,heap_inuse,heap_idle,heap_released,heap_sys,sys,heap_objects,total_alloc,alloc_rate,num_gc,goroutines"
    );
    let served = served.lock().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(served.heap.len(), 4);
    for (i, row) in rows.iter().enumerate() {
        for (field, key) in FIELDS {
            assert_eq!(row[key], memstat(&served.heap[i], field).to_string(), "row {i} {key}");
        }
        assert_eq!(row["goroutines"], served.goroutines[i].to_string(), "row {i}");
        assert!(row["time"].ends_with('Z') && row["time"].len() == "2026-11-22T00:14:00.000Z".len(), "{}", row["time"]);
    }
    // The rate: TotalAlloc's growth over the time between two polls.
    assert_eq!(rows[0]["alloc_rate"], "");
    let step = memstat(&served.heap[1], "TotalAlloc") - memstat(&served.heap[0], "TotalAlloc");
    assert_rates(&rows, step);
    // Timestamps go forward about one interval apart.
    let times: Vec<&str> = rows.iter().map(|r| r["time"].as_str()).collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
    let requests = server.requests();
    assert_eq!(requests[0], "/debug/pprof/heap?debug=1");
    assert_eq!(requests[1], "/debug/pprof/goroutine?debug=1");
    let last = &served.heap[3];
    let summary = r.stderr.lines().last().unwrap();
    assert!(summary.starts_with("pa watch: 4 polls in "), "{summary}");
    let gr = &served.goroutines;
    assert!(summary.contains(&format!("goroutines {} → {} (+{})", gr[0], gr[3], gr[3] - gr[0])), "{summary}");
    let gc = |t: &str| memstat(t, "NumGC");
    assert!(summary.contains(&format!("NumGC {} → {}", gc(&served.heap[0]), gc(last))), "{summary}");
}

/// Milliseconds since the Unix epoch of a row's RFC 3339 UTC time (same
/// day assumed; the tests run for seconds).
fn row_ms(row: &HashMap<String, String>) -> f64 {
    let t = &row["time"]; // 2026-11-22T00:14:00.250Z
    let h: f64 = t[11..13].parse().unwrap();
    let m: f64 = t[14..16].parse().unwrap();
    let s: f64 = t[17..23].parse().unwrap();
    ((h * 60.0 + m) * 60.0 + s) * 1000.0
}

/// Each rate after the first is TotalAlloc's growth (`step` a poll) over
/// the time between the two rows, whatever the machine's load made that
/// gap. The slack covers the rows' millisecond times and a preemption
/// between reading the two clocks; the mismatch it guards against (timing
/// the rate at another moment of the poll) is a whole fetch long.
fn assert_rates(rows: &[HashMap<String, String>], step: u64) {
    for w in rows.windows(2) {
        let rate: f64 = w[1]["alloc_rate"].parse().unwrap();
        let gap = (row_ms(&w[1]) - row_ms(&w[0])) / 1000.0;
        let (lo, hi) = (step as f64 / (gap + 0.015), step as f64 / (gap - 0.015));
        assert!(rate >= lo && rate <= hi, "rate {rate} over {gap}s, step {step}: want {lo}..{hi}");
    }
}

#[test]
fn the_rate_is_over_the_gap_the_rows_show() {
    // Every other goroutine answer is slow: the time of a poll is when the
    // heap answer came, for the row and for the rate alike.
    let (server, served) =
        changing_server_with(&[], |n| Duration::from_millis(if n % 2 == 0 { 250 } else { 0 }), |t| t);
    let r = pa(&["watch", "--every", "400ms", "--count", "4", &server.host_port()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (_, rows) = csv(&r.stdout);
    assert_eq!(rows.len(), 4);
    let served = served.lock().unwrap();
    let step = memstat(&served.heap[1], "TotalAlloc") - memstat(&served.heap[0], "TotalAlloc");
    assert_rates(&rows, step);
}

/// `pa top`'s flat in-use bytes of `func` in a served heap text.
fn pa_top_flat(text: &str, func: &str, name: &str) -> i64 {
    let path = scratch_dir(name).join("heap.txt");
    std::fs::write(&path, text).unwrap();
    let r =
        pa(&["top", "--format", "json", "-n", "0", "--nodefraction", "0", "-i", "inuse_space", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    v["rows"].as_array().unwrap().iter().find(|row| row["name"] == func).map_or(0, |row| row["flat"].as_i64().unwrap())
}

#[test]
fn json_lines_and_top_follow_the_function_that_grew() {
    let (server, served) = changing_server(&[]);
    let r = pa(&["watch", "--format", "json", "--top", "3", "--every", "200ms", "--count", "3", &server.host_port()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<serde_json::Value> = r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let served = served.lock().unwrap();
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row["heap_alloc"], memstat(&served.heap[i], "HeapAlloc"));
        assert_eq!(row["goroutines"], served.goroutines[i]);
    }
    assert!(rows[0]["alloc_rate"].is_null());
    // The first poll is the baseline: nothing has grown yet.
    assert_eq!(rows[0]["top"], serde_json::json!([]));
    let func = "compress/flate.newFastEnc";
    let first = pa_top_flat(&served.heap[0], func, "watch-top-first");
    let last = pa_top_flat(&served.heap[2], func, "watch-top-last");
    assert!(last > first);
    let top = rows[2]["top"].as_array().unwrap();
    assert_eq!(top.len(), 1, "only one function grew: {top:?}");
    assert_eq!(top[0]["function"], func);
    assert_eq!(top[0]["inuse"], last);
    assert_eq!(top[0]["growth"], last - first);
    assert!(r.stderr.contains(&format!("grew most: {func} +")), "{}", r.stderr);
}

#[test]
fn a_failed_poll_is_logged_and_leaves_gaps() {
    let (server, served) = changing_server(&[1]);
    let r = pa(&["watch", "--every", "200ms", "--count", "3", &server.host_port()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (_, rows) = csv(&r.stdout);
    assert_eq!(rows.len(), 3);
    let served = served.lock().unwrap();
    // The heap answers were: request 0, a 500, then request 2.
    assert_eq!(rows[0]["heap_alloc"], memstat(&served.heap[0], "HeapAlloc").to_string());
    assert_eq!(rows[1]["heap_alloc"], "");
    assert_eq!(rows[1]["num_gc"], "");
    assert_eq!(rows[1]["goroutines"], served.goroutines[1].to_string());
    assert_eq!(rows[2]["heap_alloc"], memstat(&served.heap[1], "HeapAlloc").to_string());
    // No rate across the gap's missing value, then one against the last known.
    assert_eq!(rows[1]["alloc_rate"], "");
    assert_ne!(rows[2]["alloc_rate"], "");
    let log: Vec<&str> = r.stderr.lines().filter(|l| l.contains("500")).collect();
    assert_eq!(log.len(), 1, "{}", r.stderr);
    assert!(log[0].contains("/debug/pprof/heap?debug=1: server response: 500 Internal Server Error"), "{}", log[0]);
}

#[test]
fn a_first_poll_that_fails_is_an_error() {
    let server = Server::start(Duration::from_secs(10), |_, _, _| Reply::error(404, "Unknown profile"));
    let r = pa(&["watch", "--every", "200ms", "--count", "3", &server.host_port()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "", "no header without data");
    assert_eq!(
        r.stderr.trim(),
        format!(
            "pa: http://{}/debug/pprof/heap?debug=1: server response: 404 Not Found - Unknown profile",
            server.host_port()
        )
    );
    // An HTML page where the heap text should be.
    let server = Server::start(Duration::from_secs(10), |_, _, _| Reply::text("<!DOCTYPE html><html></html>".into()));
    let r = pa(&["watch", "--count", "1", &server.host_port()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("HTML page"), "{}", r.stderr);
}

#[test]
fn pid_adds_the_processes_memory() {
    let (server, _) = changing_server(&[]);
    let pid = std::process::id().to_string();
    let r = pa(&["watch", "--pid", &pid, "--count", "2", "--every", "200ms", &server.host_port()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (header, rows) = csv(&r.stdout);
    assert_eq!(&header[header.len() - 2..], ["rss", "vms"]);
    for row in &rows {
        let rss: u64 = row["rss"].parse().unwrap();
        let vms: u64 = row["vms"].parse().unwrap();
        assert!(rss > 0 && vms >= rss, "{row:?}");
    }
    // A process that is not there is refused before any poll.
    let r = pa(&["watch", "--pid", "4000000000", "--count", "1", &server.host_port()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("pa: --pid 4000000000: no such process"), "{}", r.stderr);
}

#[test]
fn the_table_is_redrawn_in_place() {
    let (server, served) = changing_server(&[]);
    let r = pa(&["watch", "--format", "table", "--top", "2", "--every", "200ms", "--count", "3", &server.host_port()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Frames after the first move the cursor up over the previous one.
    let frames: Vec<&str> = r.stdout.split("\x1b[J").filter(|f| !f.is_empty()).collect();
    assert_eq!(frames.len(), 3, "{:?}", r.stdout);
    assert!(!frames[0].contains("\x1b[") || frames[0].starts_with("\r\x1b[2K"));
    let first_height = frames[0].matches('\n').count();
    assert!(frames[1].starts_with(&format!("\x1b[{first_height}A")), "{:?}", frames[1]);
    let last = frames[2];
    assert!(last.contains("poll 3"), "{last}");
    let served = served.lock().unwrap();
    let heap_alloc = |i: usize| memstat(&served.heap[i], "HeapAlloc");
    let line = last.lines().find(|l| l.contains("HeapAlloc")).unwrap();
    assert!(line.contains(&pa::decode::human_bytes(heap_alloc(2))), "{line}");
    assert!(line.contains(&format!("+{}", pa::decode::human_bytes(heap_alloc(2) - heap_alloc(0)))), "{line}");
    // Three rising values: the lowest, a middle and the highest bar.
    assert!(line.ends_with("▁▅█"), "{line}");
    assert!(last.contains("compress/flate.newFastEnc"), "{last}");
    assert!(!r.stdout.contains("\x1b[31m"), "NO_COLOR and not a terminal: no colour");
}

#[test]
fn a_server_that_goes_away_shows_in_the_table_and_the_summary() {
    // Two good polls, then every request fails.
    let served = Arc::new(Mutex::new(0usize));
    let s = served.clone();
    let server = Server::start(Duration::from_secs(20), move |path, n, _| match path {
        _ if n >= 2 => Reply::error(500, "shutting down"),
        "/debug/pprof/heap" => {
            *s.lock().unwrap() += 1;
            Reply::text(heap_text(n as u64))
        }
        "/debug/pprof/goroutine" => Reply::text(goroutine_text(40)),
        _ => Reply::error(404, "Unknown profile"),
    });
    // Wide enough for the whole status line.
    let out = pa_command(&["watch", "--format", "table", "--every", "200ms", "--count", "4", &server.host_port()])
        .env("COLUMNS", "300")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    // One frame per poll, the failed ones too, each with its status.
    let frames: Vec<&str> = stdout.split("\x1b[J").filter(|f| !f.is_empty()).collect();
    assert_eq!(frames.len(), 4, "{stdout:?}");
    assert!(frames[1].contains("poll 2 · ") && !frames[1].contains("failed"), "{}", frames[1]);
    assert!(frames[2].contains("poll 3 (1 failed)"), "{}", frames[2]);
    let last = frames[3];
    assert!(last.contains("poll 4 (2 failed)"), "{last}");
    let status = last.lines().last().unwrap();
    assert!(status.contains("/debug/pprof/heap?debug=1: server response: 500"), "{status}");
    assert!(status.contains("/debug/pprof/goroutine?debug=1: server response: 500"), "{status}");
    // The values are still the last ones polled.
    assert!(last.lines().any(|l| l.contains("\x1b[2Kgoroutines ") && l.contains(" 40 ")), "{last}");
    let summary = stderr.lines().last().unwrap();
    assert!(summary.starts_with("pa watch: 4 polls in ") && summary.contains(" (2 failed); "), "{summary}");
    assert_eq!(*served.lock().unwrap(), 2);
}

#[test]
fn function_names_are_terminal_safe_in_the_table() {
    fn evil(t: String) -> String {
        t.replace("compress/flate.newFastEnc", "main.\u{1b}]0;owned\u{7}leak\u{1b}[2J")
    }
    let (server, _) = changing_server_with(&[], |_| Duration::ZERO, evil);
    let r = pa(&["watch", "--format", "table", "--top", "3", "--every", "200ms", "--count", "2", &server.host_port()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let last = r.stdout.split("\x1b[J").filter(|f| !f.is_empty()).last().unwrap();
    assert!(last.contains("main.?]0;owned?leak?[2J"), "{last:?}");
    // The only escapes are pa's own: cursor up, line clear, clear below.
    assert!(!r.stdout.contains('\u{7}') && !r.stdout.contains("\x1b]") && !r.stdout.contains("\x1b[2J"));
    assert!(r.stderr.contains("grew most: main.?]0;owned?leak?[2J +"), "{}", r.stderr);
}

#[test]
fn bad_schedules_are_refused_before_any_poll() {
    let server = Server::start(Duration::from_secs(10), |_, _, _| Reply::error(500, "polled"));
    let addr = server.host_port();
    for (args, msg) in [
        (&["--every", "0"][..], "pa: --every 0s: at least 0.1s (each poll makes the Go runtime stop the world"),
        (&["--every", "50ms"], "pa: --every 0.05s: at least 0.1s"),
        (&["--every", "18446744073709551615"], "pa: --every 5124095576030431h0m15s: at most 24h0m0s"),
        (&["--for", "0"], "pa: --for must be more than 0"),
        (&["--for", "0s", "--every", "1s"], "pa: --for must be more than 0"),
        (&["--seconds", "5"], "pa: --seconds does not apply; --every sets the interval"),
    ] {
        let mut all = vec!["watch"];
        all.extend_from_slice(args);
        all.push(&addr);
        let r = pa(&all);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with(msg), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "");
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}

#[test]
fn for_stops_on_schedule_and_ctrl_c_stops_cleanly() {
    let (server, _) = changing_server(&[]);
    let started = Instant::now();
    let r = pa(&["watch", "--every", "300ms", "--for", "700ms", &server.host_port()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Polls at 0, 300 and 600 ms; none at 900. A slow poll may make the
    // next skip a tick, but not two: 700 ms leave room for two polls.
    let (_, rows) = csv(&r.stdout);
    assert!((2..=3).contains(&rows.len()), "{}", r.stdout);
    assert!(started.elapsed() < Duration::from_secs(5));

    // --for: a backstop should the test fail before the signal.
    let mut child =
        Background::spawn(&mut pa_command(&["watch", "--every", "200ms", "--for", "60s", &server.host_port()]));
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    for _ in 0..3 {
        lines.next().unwrap().unwrap(); // the header and two rows
    }
    child.signal(SIGINT);
    let status = child.wait(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    let err = child.stderr();
    assert!(err.starts_with("pa watch: ") && err.contains(" polls in "), "{err}");
}

/// A Ctrl-C the parent chose to ignore (`nohup`, a script's background
/// job) is not pa's to act on; SIGTERM still stops it cleanly.
#[test]
fn an_ignored_sigint_stays_ignored() {
    let (server, _) = changing_server(&[]);
    let pa_bin = env!("CARGO_BIN_EXE_pa");
    let script = format!("trap '' INT; exec '{pa_bin}' watch --every 200ms --for 60s {}", server.host_port());
    let mut child = Background::spawn(std::process::Command::new("sh").args(["-c", &script]).env("NO_COLOR", "1"));
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    lines.next().unwrap().unwrap(); // the header: pa runs, its handlers are set
    lines.next().unwrap().unwrap();
    child.signal(SIGINT);
    // Still polling: two more rows after the signal.
    for _ in 0..2 {
        lines.next().expect("pa watch stopped on an ignored SIGINT").unwrap();
    }
    assert!(child.running());
    child.signal(SIGTERM);
    assert!(child.wait(Duration::from_secs(5)).success());
    let err = child.stderr();
    assert!(err.starts_with("pa watch: ") && err.contains(" polls in "), "{err}");
}
