//! `pa collect` against a real HTTP server on 127.0.0.1 that serves the
//! real Go profiles of the test data, a different one per request, and
//! fails on purpose: the directory must end up with exactly the files
//! expected, each byte for byte what was served, and never a partial one.

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{Background, Reply, SIGINT, Server, listing, pa, pa_command, read_testdata, scratch_dir};

/// What the server sent with a 200, per path, in order.
type Served = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// heap alternates between two real heap profiles, goroutine and profile
/// (CPU) are real ones; `heap_reply` may override the n-th heap answer.
fn server(heap_reply: fn(usize) -> Option<Reply>) -> (Server, Served) {
    let served: Served = Arc::new(Mutex::new(Vec::new()));
    let s = served.clone();
    let server = Server::start(Duration::from_secs(30), move |path, n, _| {
        let body = match path {
            "/debug/pprof/heap" => {
                if let Some(r) = heap_reply(n) {
                    return r;
                }
                read_testdata(if n % 2 == 0 { "heap-1.pb.gz" } else { "heap-2.pb.gz" })
            }
            "/debug/pprof/goroutine" => read_testdata("goroutine.pb.gz"),
            "/debug/pprof/mutex" => read_testdata("mutex.pb.gz"),
            "/debug/pprof/profile" => read_testdata(if n % 2 == 0 { "cpu.pb.gz" } else { "cpu-2.pb.gz" }),
            _ => return Reply::error(404, "Unknown profile"),
        };
        s.lock().unwrap().push((path.rsplit('/').next().unwrap().to_string(), body.clone()));
        Reply::ok(body)
    });
    (server, served)
}

fn served_bodies(served: &Served, kind: &str) -> Vec<Vec<u8>> {
    served.lock().unwrap().iter().filter(|(k, _)| k == kind).map(|(_, b)| b.clone()).collect()
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn collect(dir: &Path, extra: &[&str], url: &str) -> common::Run {
    let mut args = vec!["collect", "--dir", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push(url);
    pa(&args)
}

#[test]
fn each_tick_saves_what_was_served_and_a_restart_continues_the_sequence() {
    let (server, served) = server(|_| None);
    // A directory that does not exist yet is created.
    let dir = scratch_dir("collect-seq").join("prof");
    let r = collect(&dir, &["--every", "1s", "--count", "3"], &server.host_port());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        listing(&dir),
        [
            "goroutine-0001.pb.gz",
            "goroutine-0002.pb.gz",
            "goroutine-0003.pb.gz",
            "heap-0001.pb.gz",
            "heap-0002.pb.gz",
            "heap-0003.pb.gz"
        ]
    );
    let heaps = served_bodies(&served, "heap");
    let goroutines = served_bodies(&served, "goroutine");
    for i in 0..3 {
        assert_eq!(read(&dir, &format!("heap-000{}.pb.gz", i + 1)), heaps[i]);
        assert_eq!(read(&dir, &format!("goroutine-000{}.pb.gz", i + 1)), goroutines[i]);
    }
    // Two different profiles were served alternately, so the files differ.
    assert_ne!(read(&dir, "heap-0001.pb.gz"), read(&dir, "heap-0002.pb.gz"));
    // One log line per tick, then the summary.
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{}", r.stderr);
    let size = |b: &[u8]| pa::decode::human_bytes(b.len() as u64);
    assert!(
        lines[0].ends_with(&format!(
            " saved heap-0001.pb.gz ({}), goroutine-0001.pb.gz ({})",
            size(&heaps[0]),
            size(&goroutines[0])
        )),
        "{}",
        lines[0]
    );
    assert!(lines[3].starts_with("pa collect: 3 ticks in ") && lines[3].contains(": 6 files saved"), "{}", lines[3]);
    // No debug=N: what pa asks for is the protobuf form.
    assert_eq!(server.requests()[..2], ["/debug/pprof/heap", "/debug/pprof/goroutine"]);

    // Started again: the numbers go on after the highest in the directory.
    let r = collect(&dir, &["--every", "1s", "--count", "2", "--profiles", "heap"], &server.host_port());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names = listing(&dir);
    assert_eq!(names.len(), 8);
    assert!(names.contains(&"heap-0004.pb.gz".to_string()) && names.contains(&"heap-0005.pb.gz".to_string()));
    assert_eq!(read(&dir, "heap-0001.pb.gz"), heaps[0], "an old file was overwritten");
}

#[test]
fn keep_leaves_the_newest_and_never_touches_other_files() {
    let (server, served) = server(|_| None);
    let dir = scratch_dir("collect-keep");
    let foreign = ["heap.pb.gz", "notes.txt", "heap-01.pb.gz", "mutex-0001.svg"];
    for f in foreign {
        std::fs::write(dir.join(f), f).unwrap();
    }
    let r = collect(&dir, &["--every", "1s", "--count", "4", "--keep", "2"], &server.host_port());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut want: Vec<String> = foreign.iter().map(|s| s.to_string()).collect();
    want.extend(
        ["goroutine-0003.pb.gz", "goroutine-0004.pb.gz", "heap-0003.pb.gz", "heap-0004.pb.gz"].map(String::from),
    );
    want.sort();
    assert_eq!(listing(&dir), want);
    let heaps = served_bodies(&served, "heap");
    assert_eq!(read(&dir, "heap-0004.pb.gz"), heaps[3]);
    assert_eq!(read(&dir, "heap-0003.pb.gz"), heaps[2]);
    for f in foreign {
        assert_eq!(read(&dir, f), f.as_bytes());
    }
    assert!(r.stderr.contains("removed heap-0001.pb.gz, goroutine-0001.pb.gz"), "{}", r.stderr);
}

#[test]
fn a_500_and_a_truncated_body_leave_no_file_and_collection_goes_on() {
    fn heap_reply(n: usize) -> Option<Reply> {
        match n {
            1 => Some(Reply::error(500, "heap profile broke")),
            2 => {
                let full = read_testdata("heap-1.pb.gz");
                Some(Reply::ok(full[..full.len() / 2].to_vec()))
            }
            _ => None,
        }
    }
    let (server, served) = server(heap_reply);
    let dir = scratch_dir("collect-fail");
    let r = collect(&dir, &["--every", "1s", "--count", "4"], &server.host_port());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        listing(&dir),
        [
            "goroutine-0001.pb.gz",
            "goroutine-0002.pb.gz",
            "goroutine-0003.pb.gz",
            "goroutine-0004.pb.gz",
            "heap-0001.pb.gz",
            "heap-0004.pb.gz"
        ],
        "no partial or temporary file"
    );
    let heaps = served_bodies(&served, "heap");
    assert_eq!(heaps.len(), 2);
    assert_eq!(read(&dir, "heap-0004.pb.gz"), heaps[1]);
    let lines: Vec<&str> = r.stderr.lines().collect();
    let url = format!("http://{}/debug/pprof/heap", server.host_port());
    assert!(
        lines[1]
            .contains(&format!("FAILED heap: {url}: server response: 500 Internal Server Error - heap profile broke")),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("saved goroutine-0002.pb.gz"), "{}", lines[1]);
    assert!(lines[2].contains(&format!("FAILED heap: {url}: truncated gzip stream")), "{}", lines[2]);
    assert!(lines[4].ends_with(", 2 fetches failed"), "{}", lines[4]);
}

#[test]
fn an_html_page_is_not_saved_and_nothing_saved_is_an_error() {
    let server = Server::start(Duration::from_secs(10), |_, _, _| Reply {
        status: 200,
        content_type: "text/html",
        body: b"<!DOCTYPE html><html>login</html>".to_vec(),
    });
    let dir = scratch_dir("collect-html");
    let r = collect(&dir, &["--every", "1s", "--count", "2"], &server.host_port());
    assert_eq!(r.code, 1);
    assert!(listing(&dir).is_empty());
    assert!(r.stderr.contains("FAILED heap: ") && r.stderr.contains("it is an HTML page"), "{}", r.stderr);
    assert!(
        r.stderr.trim_end().ends_with(&format!(
            "pa: http://{}/debug/pprof/: no profile saved in 2 ticks: every fetch failed",
            server.host_port()
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn cpu_profiles_and_time_names() {
    let (server, served) = server(|_| None);
    let dir = scratch_dir("collect-cpu");
    let url = format!("http://{}/debug/pprof/", server.host_port());
    let r = collect(
        &dir,
        &["--every", "1100ms", "--count", "2", "--profiles", "mutex", "--cpu", "1s", "--names", "time"],
        &url,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names = listing(&dir);
    assert_eq!(names.len(), 4, "{names:?}");
    let cpus: Vec<&String> = names.iter().filter(|n| n.starts_with("cpu-")).collect();
    let mutexes: Vec<&String> = names.iter().filter(|n| n.starts_with("mutex-")).collect();
    assert_eq!((cpus.len(), mutexes.len()), (2, 2), "{names:?}");
    for n in &names {
        let stamp = n.split_once('-').unwrap().1.strip_suffix(".pb.gz").unwrap();
        assert!(stamp.len() == 16 && &stamp[8..9] == "T" && stamp.ends_with('Z') && stamp.starts_with("20"), "{n}");
    }
    // In time order, each file is what was served for that tick.
    let cpu_bodies = served_bodies(&served, "profile");
    assert_eq!(read(&dir, cpus[0]), cpu_bodies[0]);
    assert_eq!(read(&dir, cpus[1]), cpu_bodies[1]);
    assert!(server.requests().contains(&"/debug/pprof/profile?seconds=1".to_string()), "{:?}", server.requests());
}

#[test]
fn bad_options_are_refused_before_anything_runs() {
    let dir = scratch_dir("collect-usage");
    for (args, msg) in [
        (&["--cpu", "60s"][..], "pa: --cpu 1m0s must be shorter than --every 1m0s"),
        (&["--cpu", "1500ms", "--every", "10s"], "pa: --cpu 1.5s: give whole seconds"),
        (&["--profiles", "heap,cpu"], "pa: --profiles: unknown profile \"cpu\" (a CPU profile: --cpu 15s)"),
        (&["--profiles", "none"], "pa: nothing to collect"),
        (&["--names", "time", "--every", "500ms"], "pa: --every 0.5s: at least 1s (each tick saves files"),
        (&["--every", "0"], "pa: --every 0s: at least 1s"),
        (&["--every", "18446744073709551615"], "pa: --every 5124095576030431h0m15s: at most 24h0m0s"),
        (&["--for", "0"], "pa: --for must be more than 0"),
        (&["--seconds", "5"], "pa: --seconds does not apply; --cpu DURATION adds a CPU profile each tick"),
    ] {
        // A directory that is not there is not created for a refused run.
        let r = collect(&dir.join("new"), args, "127.0.0.1:9");
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with(msg), "{args:?}: {}", r.stderr);
    }
    assert!(listing(&dir).is_empty());
}

#[test]
fn for_stops_the_collection() {
    let (server, _) = server(|_| None);
    let dir = scratch_dir("collect-for");
    let started = Instant::now();
    let r = collect(&dir, &["--every", "1s", "--for", "1500ms"], &server.host_port());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Ticks at 0 and 1 s (a slow first tick may make the second skip), none at 2 s.
    let summary = r.stderr.lines().last().unwrap();
    let ticks: usize = summary.strip_prefix("pa collect: ").unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!((1..=2).contains(&ticks), "{summary}");
    assert_eq!(listing(&dir).len(), 2 * ticks);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn the_last_sequence_number_is_refused_not_wrapped() {
    let (server, _) = server(|_| None);
    let dir = scratch_dir("collect-seq-end");
    std::fs::write(dir.join("heap-18446744073709551615.pb.gz"), "last").unwrap();
    let r = collect(&dir, &["--every", "1s", "--count", "2"], &server.host_port());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim(),
        format!(
            "pa: {}: no sequence number left after 18446744073709551615: move the files away or use --names time",
            dir.display()
        )
    );
    assert!(server.requests().is_empty(), "nothing fetched: {:?}", server.requests());
    assert_eq!(listing(&dir), ["heap-18446744073709551615.pb.gz"]);

    // One number left: one tick uses it, then the run stops and says why.
    std::fs::remove_file(dir.join("heap-18446744073709551615.pb.gz")).unwrap();
    std::fs::write(dir.join("heap-18446744073709551614.pb.gz"), "last but one").unwrap();
    let r = collect(&dir, &["--every", "1s", "--count", "3"], &server.host_port());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        listing(&dir),
        ["goroutine-18446744073709551615.pb.gz", "heap-18446744073709551614.pb.gz", "heap-18446744073709551615.pb.gz"]
    );
    assert!(r.stderr.contains("pa collect: 1 tick in "), "{}", r.stderr);
    assert!(
        r.stderr
            .trim_end()
            .ends_with("no sequence number left after 18446744073709551615: move the files away or use --names time"),
        "{}",
        r.stderr
    );
}

/// `--names time` stamps of the seconds around now, as pa would write them.
fn time_names(kind: &str, from: i64, to: i64) -> Vec<String> {
    (from..=to).map(|t| format!("{kind}-{}.pb.gz", pa::commands::collect::time_stamp(t))).collect()
}

#[test]
fn time_names_that_are_taken_move_on_and_no_profile_is_lost() {
    let (server, served) = server(|_| None);
    let dir = scratch_dir("collect-time-taken");
    // Files of an earlier run (or another pa collect) for the seconds the
    // ticks will be scheduled at, and a few after.
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let taken = time_names("heap", now - 1, now + 4);
    for f in &taken {
        std::fs::write(dir.join(f), "earlier").unwrap();
    }
    let r =
        collect(&dir, &["--every", "1s", "--count", "2", "--profiles", "heap", "--names", "time"], &server.host_port());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("FAILED"), "{}", r.stderr);
    for f in &taken {
        assert_eq!(read(&dir, f), b"earlier", "{f} was overwritten");
    }
    let new: Vec<String> = listing(&dir).into_iter().filter(|f| !taken.contains(f)).collect();
    // Each profile fetched was saved, after the taken seconds, in order.
    let heaps = served_bodies(&served, "heap");
    assert_eq!(heaps.len(), 2);
    assert_eq!(new, time_names("heap", now + 5, now + 6), "{}", r.stderr);
    assert_eq!(read(&dir, &new[0]), heaps[0]);
    assert_eq!(read(&dir, &new[1]), heaps[1]);
}

#[test]
fn ctrl_c_ends_after_the_tick_with_a_summary() {
    let (server, _) = server(|_| None);
    let dir = scratch_dir("collect-sigint");
    // --for: a backstop should the test fail before the signal.
    let mut child = Background::spawn(&mut pa_command(&[
        "collect",
        "--every",
        "1s",
        "--for",
        "60s",
        "--dir",
        dir.to_str().unwrap(),
        &server.host_port(),
    ]));
    let started = Instant::now();
    while listing(&dir).iter().filter(|f| !f.starts_with('.')).count() < 4 {
        assert!(started.elapsed() < Duration::from_secs(10), "no files saved");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.signal(SIGINT);
    let status = child.wait(Duration::from_secs(10));
    assert!(status.success(), "{status:?}");
    let err = child.stderr();
    assert!(err.contains("pa collect: stopping after this tick"), "{err}");
    let summary = err.lines().last().unwrap();
    let ticks: usize = summary.strip_prefix("pa collect: ").unwrap().split(' ').next().unwrap().parse().unwrap();
    // Every tick saved both profiles, and nothing else is in the directory.
    let names = listing(&dir);
    assert_eq!(names.len(), 2 * ticks, "{names:?} {summary}");
    assert!(names.iter().all(|n| n.ends_with(".pb.gz") && !n.starts_with('.')), "{names:?}");
}
