//! `pa collect`: what a continuous profiler does, into a directory. On each
//! tick it fetches the chosen profiles from a Go server, checks that each
//! decodes, writes it atomically under a sortable name and deletes the
//! oldest beyond `--keep`. A failed fetch is logged and tried again next
//! tick; it never stops the collection and never leaves a partial file.
//!
//! Names are `KIND-NNNN.pb.gz` (one sequence number per tick, shared by
//! the kinds so the files of one tick pair up, continuing after the
//! highest number already in the directory so a restart never overwrites)
//! or, with `--names time`, `KIND-YYYYMMDDTHHMMSSZ.pb.gz` in UTC. Rotation
//! only ever touches files that match these patterns.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::{Args, ValueEnum};

use crate::commands::io_error;
use crate::commands::ticker::{self, Next, Schedule, Ticker};
use crate::decode::{self, Format, human_bytes};
use crate::error::{Error, Result};
use crate::render::watch::rfc3339_utc;
use crate::source::FetchOptions;
use crate::source::cli::{HttpArgs, parse_duration, pprof_index, profile_target, write_atomic};
use crate::source::http::{self, Ui};
use crate::source::url::Target;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Names {
    /// heap-0001.pb.gz, heap-0002.pb.gz, ... (after the highest number in DIR)
    Seq,
    /// heap-20261122T001400Z.pb.gz (UTC, to the second)
    Time,
}

/// Save profiles on a schedule into a directory, keeping the newest N
#[derive(Args, Debug)]
#[command(mut_arg("seconds", |a| a.hide(true)))]
#[command(mut_arg("timeout", |a| a.help("Give up on a fetch after this long (30s, 2m); default: --every (at least 1s, at most 60s), for --cpu 1.5x its length, plus 5s")))]
pub struct CollectArgs {
    /// The server: host:port, or a URL of its /debug/pprof/ index or of a profile under it
    #[arg(value_name = "URL")]
    pub url: String,

    /// Where to save the profiles (created if missing)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,

    /// Time between ticks, on a fixed schedule (30s, 1m, 5m)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "60s")]
    pub every: Duration,

    /// Stop after this long (1h, 24h); no tick starts after it
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
    pub for_: Option<Duration>,

    /// Stop after N ticks
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Profiles saved each tick, comma-separated: heap, goroutine, allocs, mutex, block, threadcreate (none: only --cpu)
    #[arg(long, value_name = "LIST", default_value = "heap,goroutine")]
    pub profiles: String,

    /// Also a CPU profile this long each tick (whole seconds, shorter than --every)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub cpu: Option<Duration>,

    /// Keep only the newest N files of each profile (older ones pa named are deleted)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub keep: Option<u64>,

    /// File names: a sequence number or a UTC time
    #[arg(long, value_enum, default_value = "seq")]
    pub names: Names,

    #[command(flatten)]
    pub http: HttpArgs,
}

/// The profiles `--profiles` may name (Go's snapshot profiles).
pub const SNAPSHOT_KINDS: [&str; 6] = ["heap", "goroutine", "allocs", "mutex", "block", "threadcreate"];

/// The extensions pa gives saved files, by what the server sent.
const EXTENSIONS: [&str; 3] = ["pb.gz", "pb", "txt"];

/// The part of a name that orders the files of one kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stamp {
    Seq(u64),
    /// `YYYYMMDDTHHMMSSZ`, which sorts as time does.
    Time(String),
}

/// `heap-0007.pb.gz`; sequence numbers have at least four digits.
pub fn file_name(kind: &str, stamp: &Stamp, ext: &str) -> String {
    match stamp {
        Stamp::Seq(n) => format!("{kind}-{n:04}.{ext}"),
        Stamp::Time(t) => format!("{kind}-{t}.{ext}"),
    }
}

/// The kind and stamp of a file pa could have written, or None for any
/// other file (which pa then never touches).
pub fn parse_name(file: &str) -> Option<(&str, Stamp)> {
    let stem = EXTENSIONS.iter().find_map(|e| file.strip_suffix(e)?.strip_suffix('.'))?;
    let (kind, stamp) = stem.rsplit_once('-')?;
    if kind != "cpu" && !SNAPSHOT_KINDS.contains(&kind) {
        return None;
    }
    let b = stamp.as_bytes();
    if b.len() >= 4 && b.iter().all(u8::is_ascii_digit) {
        let n: u64 = stamp.parse().ok()?;
        // Only the canonical spelling: `heap-01.pb.gz` is someone else's.
        return (format!("{n:04}") == stamp).then_some((kind, Stamp::Seq(n)));
    }
    let is_time = b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[9..15].iter().all(u8::is_ascii_digit);
    is_time.then(|| (kind, Stamp::Time(stamp.to_string())))
}

/// The first sequence number for this run: one past the highest any pa
/// file in the directory carries, so a restart continues the series.
pub fn next_seq<'a>(files: impl IntoIterator<Item = &'a str>) -> u64 {
    files
        .into_iter()
        .filter_map(parse_name)
        .filter_map(|(_, s)| match s {
            Stamp::Seq(n) => Some(n),
            Stamp::Time(_) => None,
        })
        .max()
        .map_or(1, |n| n.saturating_add(1))
}

/// The files of `kind` to delete so that the newest `keep` remain: only
/// pa's names in the scheme in use, oldest first.
pub fn to_remove<'a>(files: impl IntoIterator<Item = &'a str>, kind: &str, names: Names, keep: usize) -> Vec<String> {
    let mut mine: Vec<(Stamp, &str)> = files
        .into_iter()
        .filter_map(|f| {
            let (k, s) = parse_name(f)?;
            let same_scheme = matches!((&s, names), (Stamp::Seq(_), Names::Seq) | (Stamp::Time(_), Names::Time));
            (k == kind && same_scheme).then_some((s, f))
        })
        .collect();
    mine.sort();
    let excess = mine.len().saturating_sub(keep);
    mine[..excess].iter().map(|(_, f)| f.to_string()).collect()
}

/// `20261122T001400Z`.
pub fn time_stamp(unix_secs: i64) -> String {
    let t = crate::gotime::Zone::utc().local_time(unix_secs.saturating_mul(1_000_000_000));
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}Z", t.year, t.month, t.day, t.hour, t.minute, t.second)
}

/// The kinds of `--profiles`, in order, without repeats.
pub fn parse_profiles(list: &str) -> std::result::Result<Vec<&'static str>, String> {
    let mut out: Vec<&'static str> = Vec::new();
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if item == "none" {
            continue;
        }
        let Some(k) = SNAPSHOT_KINDS.iter().find(|k| **k == item) else {
            let hint = if matches!(item, "cpu" | "profile") { " (a CPU profile: --cpu 15s)" } else { "" };
            return Err(format!(
                "--profiles: unknown profile {item:?}{hint}; choose from {}",
                SNAPSHOT_KINDS.join(", ")
            ));
        };
        if !out.contains(k) {
            out.push(k);
        }
    }
    Ok(out)
}

fn files_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
        .unwrap_or_default()
}

/// One profile to fetch each tick.
struct Job {
    kind: &'static str,
    target: Target,
}

pub fn run(a: &CollectArgs, err: &mut dyn Write) -> Result<()> {
    if a.http.seconds.is_some() {
        return Err(Error::usage("--seconds does not apply; --cpu DURATION adds a CPU profile each tick"));
    }
    if a.every.is_zero() {
        return Err(Error::usage("--every must be more than 0"));
    }
    let kinds = parse_profiles(&a.profiles).map_err(Error::usage)?;
    if let Some(cpu) = a.cpu {
        if cpu < Duration::from_secs(1) || cpu.subsec_nanos() != 0 {
            return Err(Error::usage(format!(
                "--cpu {}: give whole seconds (Go's profile handler takes seconds=N)",
                http::go_duration(cpu)
            )));
        }
        if cpu >= a.every {
            return Err(Error::usage(format!(
                "--cpu {} must be shorter than --every {}: each tick spends that long collecting the CPU profile",
                http::go_duration(cpu),
                http::go_duration(a.every)
            )));
        }
    }
    if kinds.is_empty() && a.cpu.is_none() {
        return Err(Error::usage("nothing to collect (--profiles none and no --cpu)"));
    }
    if a.names == Names::Time && a.every < Duration::from_secs(1) {
        return Err(Error::usage("--names time names files to the second: --every must be at least 1s"));
    }
    let index = pprof_index(&a.url)?;
    let mut opts = a.http.fetch_options();
    opts.quiet = false;
    let timeout = opts.timeout.or(Some(a.every.clamp(Duration::from_secs(1), Duration::from_secs(60))));
    let mut jobs: Vec<Job> =
        kinds.iter().map(|&kind| Job { kind, target: profile_target(&index, kind, &[], None, timeout) }).collect();
    if let Some(cpu) = a.cpu {
        let secs = cpu.as_secs().to_string();
        let target = profile_target(&index, "profile", &[("seconds", &secs)], Some(cpu), opts.timeout);
        jobs.push(Job { kind: "cpu", target });
    }
    let dir_name = a.dir.display().to_string();
    std::fs::create_dir_all(&a.dir)
        .map_err(|e| Error::input(&dir_name, format!("cannot create the directory: {e}")))?;
    if !a.dir.is_dir() {
        return Err(Error::input(&dir_name, "not a directory"));
    }
    // Informational lines off; the countdown of a CPU profile only on a terminal.
    let mut ui = Ui::stderr(&opts);
    ui.info = false;

    let mut seq = next_seq(files_in(&a.dir).iter().map(String::as_str));
    let mut totals = Totals::default();
    ticker::catch_interrupts();
    let notice = ticker::notice_on_interrupt("pa collect: stopping after this tick (Ctrl-C again to quit at once)");
    let mut ticker = Ticker::start(Schedule { every: a.every, limit: a.for_, count: a.count });
    while let Next::Tick { skipped, .. } = ticker.wait() {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let stamp = match a.names {
            Names::Seq => Stamp::Seq(seq),
            Names::Time => Stamp::Time(time_stamp(now.as_secs() as i64)),
        };
        seq += 1;
        let line = tick(&jobs, &stamp, a, &opts, &ui, &mut totals);
        let when = rfc3339_utc(now.as_millis() as i64);
        let late = if skipped > 0 {
            format!(" ({skipped} tick{} skipped: the previous one ran past)", if skipped == 1 { "" } else { "s" })
        } else {
            String::new()
        };
        writeln!(err, "{when} {line}{late}").map_err(io_error)?;
    }
    notice.finish();
    let elapsed = Duration::from_secs(ticker.elapsed().as_secs());
    let elapsed = if elapsed.is_zero() { ticker.elapsed() } else { elapsed };
    let failed = match totals.failed {
        0 => String::new(),
        1 => ", 1 fetch failed".into(),
        n => format!(", {n} fetches failed"),
    };
    writeln!(
        err,
        "pa collect: {} tick{} in {}: {} file{} saved ({}) in {dir_name}{failed}",
        totals.ticks,
        if totals.ticks == 1 { "" } else { "s" },
        http::go_duration(Duration::from_millis(elapsed.as_millis() as u64)),
        totals.saved,
        if totals.saved == 1 { "" } else { "s" },
        human_bytes(totals.bytes)
    )
    .map_err(io_error)?;
    if totals.ticks > 0 && totals.saved == 0 {
        return Err(Error::input(
            index.redacted(),
            format!("no profile saved in {} ticks: every fetch failed", totals.ticks),
        ));
    }
    Ok(())
}

#[derive(Default)]
struct Totals {
    ticks: u64,
    saved: u64,
    bytes: u64,
    failed: u64,
}

/// One tick: fetch, check and save each profile, then rotate. Returns the
/// log line (without its time).
fn tick(jobs: &[Job], stamp: &Stamp, a: &CollectArgs, opts: &FetchOptions, ui: &Ui, totals: &mut Totals) -> String {
    totals.ticks += 1;
    let mut saved = Vec::new();
    let mut failed = Vec::new();
    for job in jobs {
        match save_one(job, stamp, &a.dir, opts, ui) {
            Ok((name, size)) => {
                totals.saved += 1;
                totals.bytes += size;
                saved.push(format!("{name} ({})", human_bytes(size)));
            }
            Err(e) => {
                totals.failed += 1;
                failed.push(format!("{}: {e}", job.kind));
            }
        }
    }
    let mut removed = Vec::new();
    if let Some(keep) = a.keep {
        let files = files_in(&a.dir);
        for job in jobs {
            for f in to_remove(files.iter().map(String::as_str), job.kind, a.names, keep as usize) {
                match std::fs::remove_file(a.dir.join(&f)) {
                    Ok(()) => removed.push(f),
                    Err(e) => failed.push(format!("removing {f}: {e}")),
                }
            }
        }
    }
    let mut parts = Vec::new();
    if saved.is_empty() {
        parts.push("saved nothing".to_string());
    } else {
        parts.push(format!("saved {}", saved.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", removed.join(", ")));
    }
    if !failed.is_empty() {
        parts.push(format!("FAILED {}", failed.join("; ")));
    }
    parts.join("; ")
}

/// Fetches one profile and saves it if it decodes; the file's name and size.
fn save_one(job: &Job, stamp: &Stamp, dir: &Path, opts: &FetchOptions, ui: &Ui) -> Result<(String, u64)> {
    let name = job.target.url.redacted();
    let fetched = http::fetch(&job.target, opts, ui)?;
    let body = fetched.body;
    let d = decode::decode(&name, &body, opts.max_bytes)?;
    let ext = if decode::is_gzip(&body) {
        "pb.gz"
    } else if d.format == Format::Protobuf {
        "pb"
    } else {
        "txt"
    };
    let file = file_name(job.kind, stamp, ext);
    let path = dir.join(&file);
    if path.exists() {
        return Err(Error::input(path.display().to_string(), "already exists; not overwritten"));
    }
    write_atomic(&path, &body).map_err(|e| Error::input(path.display().to_string(), e))?;
    Ok((file, body.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (kind, stamp, ext) in [
            ("heap", Stamp::Seq(1), "pb.gz"),
            ("goroutine", Stamp::Seq(12345), "pb"),
            ("cpu", Stamp::Time("20261122T001400Z".into()), "pb.gz"),
            ("threadcreate", Stamp::Seq(30), "txt"),
        ] {
            let f = file_name(kind, &stamp, ext);
            assert_eq!(parse_name(&f), Some((kind, stamp)), "{f}");
        }
        assert_eq!(file_name("heap", &Stamp::Seq(7), "pb.gz"), "heap-0007.pb.gz");
    }

    #[test]
    fn other_files_are_not_pas() {
        for f in [
            "heap.pb.gz",
            "heap-01.pb.gz",
            "heap-00001.pb.gz",
            "heap-0001.pb.gz.tmp",
            ".heap-0001.pb.gz.123.0.tmp",
            "notes-0001.pb.gz",
            "heap-0001.svg",
            "heap-2026-11-22.pb.gz",
            "heap-20261122T0014Z.pb.gz",
            "my-heap-0001.txt",
        ] {
            assert_eq!(parse_name(f), None, "{f}");
        }
    }

    #[test]
    fn sequence_continues_after_the_highest() {
        assert_eq!(next_seq(["notes.txt"]), 1);
        assert_eq!(next_seq(["heap-0003.pb.gz", "goroutine-0009.pb.gz", "heap-20261122T001400Z.pb.gz"]), 10);
        assert_eq!(next_seq(["heap-9999.pb.gz"]), 10000);
        assert_eq!(file_name("heap", &Stamp::Seq(10000), "pb.gz"), "heap-10000.pb.gz");
    }

    #[test]
    fn rotation_keeps_the_newest_of_one_kind_only() {
        let files = [
            "heap-0010.pb.gz",
            "heap-0009.pb.gz",
            "heap-10000.pb.gz",
            "goroutine-0001.pb.gz",
            "heap-0002.txt",
            "heap-20261122T001400Z.pb.gz",
            "heap.pb.gz",
            "README",
        ];
        assert_eq!(to_remove(files, "heap", Names::Seq, 2), ["heap-0002.txt", "heap-0009.pb.gz"]);
        assert!(to_remove(files, "goroutine", Names::Seq, 2).is_empty());
        assert!(to_remove(files, "heap", Names::Time, 1).is_empty());
        let times = ["cpu-20261122T001500Z.pb.gz", "cpu-20261122T001400Z.pb.gz", "cpu-20261121T235900Z.pb.gz"];
        assert_eq!(
            to_remove(times, "cpu", Names::Time, 1),
            ["cpu-20261121T235900Z.pb.gz", "cpu-20261122T001400Z.pb.gz"]
        );
    }

    #[test]
    fn time_stamps_are_utc_to_the_second() {
        assert_eq!(time_stamp(1_795_311_413), "20261122T013653Z");
        assert_eq!(time_stamp(0), "19700101T000000Z");
    }

    #[test]
    fn profile_lists() {
        assert_eq!(parse_profiles("heap,goroutine").unwrap(), ["heap", "goroutine"]);
        assert_eq!(parse_profiles(" mutex , heap,mutex").unwrap(), ["mutex", "heap"]);
        assert!(parse_profiles("none").unwrap().is_empty());
        assert!(parse_profiles("cpu").unwrap_err().contains("--cpu"));
        assert!(parse_profiles("heap,bogus").unwrap_err().contains("bogus"));
    }
}
