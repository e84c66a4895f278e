//! `pa collect`: what a continuous profiler does, into a directory. On each
//! tick it fetches the chosen profiles from a Go server, checks that each
//! decodes, writes it atomically under a sortable name and deletes the
//! oldest beyond `--keep`. A failed fetch is logged and tried again next
//! tick; it never stops the collection and never leaves a partial file.
//!
//! Names are `KIND-NNNN.pb.gz` (one sequence number per tick, shared by
//! the kinds so the files of one tick pair up, continuing after the
//! highest number already in the directory so a restart never overwrites)
//! or, with `--names time`, `KIND-YYYYMMDDTHHMMSSZ.pb.gz` in UTC, the
//! second the tick was scheduled for. A name is never reused: a tick whose
//! number or second a file already has moves on to the next free one (a
//! restart within the same second, a second pa collect in the directory),
//! and a file that appears while a profile is fetched is not replaced.
//! Rotation only ever touches files that match these patterns.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use clap::{Args, ValueEnum};

use crate::commands::io_error;
use crate::commands::ticker::{self, Next, ScheduleArgs, Ticker};
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

#[derive(Args, Debug)]
#[command(mut_arg("seconds", ticker::hide_seconds))]
#[command(mut_arg("timeout", |a| a.help("Give up on a fetch after this long (30s, 2m); default: --every (at most 60s), for --cpu 1.5x its length, plus 5s")))]
#[command(mut_arg("every", |a| a.help("Time between ticks, on a fixed schedule (30s, 1m, 5m; at least 1s)").default_value("60s")))]
#[command(mut_arg("for_", |a| a.help("Stop after this long (1h, 24h); no tick starts after it")))]
pub struct CollectArgs {
    /// The server: host:port, or a URL of its /debug/pprof/ index or of a profile under it
    #[arg(value_name = "URL")]
    pub url: String,

    /// Where to save the profiles (created if missing)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,

    #[command(flatten)]
    pub schedule: ScheduleArgs,

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

/// The shortest `--every`: each tick writes files (a tick a second already
/// fills a directory fast), `--names time` names them to the second, and
/// Go stops the world for a goroutine profile.
pub const MIN_EVERY: Duration = Duration::from_secs(1);

/// The extensions pa gives saved files, by what the server sent.
const EXTENSIONS: [&str; 3] = ["pb.gz", "pb", "txt"];

/// The part of a name that orders the files of one kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
/// file in the directory carries, so a restart continues the series; None
/// when that is past the last number (a number that wrapped to 0 would
/// sort first and be the first --keep deletes).
pub fn next_seq<'a>(files: impl IntoIterator<Item = &'a str>) -> Option<u64> {
    files
        .into_iter()
        .filter_map(parse_name)
        .filter_map(|(_, s)| match s {
            Stamp::Seq(n) => Some(n),
            Stamp::Time(_) => None,
        })
        .max()
        .map_or(Some(1), |n| n.checked_add(1))
}

/// Why a run stops (or does not start) when the numbers are used up.
fn numbers_used_up(dir: &str) -> Error {
    Error::input(dir, format!("no sequence number left after {}: move the files away or use --names time", u64::MAX))
}

/// The stamp of a tick: sequence number `n`, or the UTC second `n` (Unix
/// time).
pub fn stamp_for(names: Names, n: u64) -> Stamp {
    match names {
        Names::Seq => Stamp::Seq(n),
        Names::Time => Stamp::Time(time_stamp(i64::try_from(n).unwrap_or(i64::MAX))),
    }
}

/// The first `n` from `want` on whose stamp no file of `kinds` in `files`
/// carries (whatever its extension), so a name is never reused; None when
/// the numbers run out.
pub fn free_stamp<'a>(
    names: Names,
    want: u64,
    kinds: &[&str],
    files: impl IntoIterator<Item = &'a str>,
) -> Option<u64> {
    let taken: HashSet<Stamp> =
        files.into_iter().filter_map(parse_name).filter(|(k, _)| kinds.contains(k)).map(|(_, s)| s).collect();
    let mut n = want;
    while taken.contains(&stamp_for(names, n)) {
        n = n.checked_add(1)?;
    }
    Some(n)
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
    ticker::refuse_seconds(&a.http, "--cpu DURATION adds a CPU profile each tick")?;
    let schedule = a.schedule.schedule(
        MIN_EVERY,
        "each tick saves files, named to the second with --names time, and a goroutine profile stops the Go world",
    )?;
    let kinds = parse_profiles(&a.profiles).map_err(Error::usage)?;
    if let Some(cpu) = a.cpu {
        if cpu < Duration::from_secs(1) || cpu.subsec_nanos() != 0 {
            return Err(Error::usage(format!(
                "--cpu {}: give whole seconds (Go's profile handler takes seconds=N)",
                http::go_duration(cpu)
            )));
        }
        if cpu >= schedule.every {
            return Err(Error::usage(format!(
                "--cpu {} must be shorter than --every {}: each tick spends that long collecting the CPU profile",
                http::go_duration(cpu),
                http::go_duration(schedule.every)
            )));
        }
    }
    if kinds.is_empty() && a.cpu.is_none() {
        return Err(Error::usage("nothing to collect (--profiles none and no --cpu)"));
    }
    let index = pprof_index(&a.url)?;
    let mut opts = a.http.fetch_options();
    opts.quiet = false;
    let timeout = schedule.fetch_timeout(opts.timeout);
    let mut jobs: Vec<Job> =
        kinds.iter().map(|&kind| Job { kind, target: profile_target(&index, kind, &[], None, timeout) }).collect();
    if let Some(cpu) = a.cpu {
        let secs = cpu.as_secs().to_string();
        let target = profile_target(&index, "profile", &[("seconds", &secs)], Some(cpu), opts.timeout);
        jobs.push(Job { kind: "cpu", target });
    }
    let job_kinds: Vec<&str> = jobs.iter().map(|j| j.kind).collect();
    let dir_name = a.dir.display().to_string();
    std::fs::create_dir_all(&a.dir)
        .map_err(|e| Error::input(&dir_name, format!("cannot create the directory: {e}")))?;
    if !a.dir.is_dir() {
        return Err(Error::input(&dir_name, "not a directory"));
    }
    let mut seq = match a.names {
        Names::Seq => {
            next_seq(files_in(&a.dir).iter().map(String::as_str)).ok_or_else(|| numbers_used_up(&dir_name))?
        }
        Names::Time => 0,
    };
    // Informational lines off; the countdown of a CPU profile only on a terminal.
    let mut ui = Ui::stderr(&opts);
    ui.info = false;

    let mut totals = Totals::default();
    let mut used_up = false;
    ticker::catch_interrupts();
    let notice = ticker::notice_on_interrupt("pa collect: stopping after this tick (Ctrl-C again to quit at once)");
    let mut ticker = Ticker::start(schedule);
    while let Next::Tick { index: tick_index, skipped } = ticker.wait() {
        let when =
            rfc3339_utc(std::time::SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_millis() as i64);
        let want = match a.names {
            Names::Seq => seq,
            Names::Time => ticker
                .scheduled_wall(tick_index)
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs()),
        };
        // Before fetching: a CPU profile costs a while and must not be
        // fetched only to find its name taken.
        let files = files_in(&a.dir);
        let Some(n) = free_stamp(a.names, want, &job_kinds, files.iter().map(String::as_str)) else {
            used_up = true;
            break;
        };
        let line = tick(&jobs, n, a, &opts, &ui, &mut totals);
        let late = if skipped > 0 {
            format!(" ({skipped} tick{} skipped: the previous one ran past)", if skipped == 1 { "" } else { "s" })
        } else {
            String::new()
        };
        writeln!(err, "{when} {line}{late}").map_err(io_error)?;
        if a.names == Names::Seq {
            match n.checked_add(1) {
                Some(next) => seq = next,
                None => {
                    used_up = true;
                    break;
                }
            }
        }
    }
    notice.finish();
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
        ticker::elapsed_text(ticker.elapsed()),
        totals.saved,
        if totals.saved == 1 { "" } else { "s" },
        human_bytes(totals.bytes)
    )
    .map_err(io_error)?;
    if used_up {
        return Err(numbers_used_up(&dir_name));
    }
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

/// One tick: fetch, check and save each profile under stamp `n`, then
/// rotate. Returns the log line (without its time).
fn tick(jobs: &[Job], n: u64, a: &CollectArgs, opts: &FetchOptions, ui: &Ui, totals: &mut Totals) -> String {
    totals.ticks += 1;
    let mut saved = Vec::new();
    let mut failed = Vec::new();
    for job in jobs {
        match save_one(job, a.names, n, &a.dir, opts, ui) {
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

/// Fetches one profile and saves it if it decodes, under stamp `n` or,
/// should a file of that name appear meanwhile, the next free one (a good
/// profile is not thrown away over a name); the file's name and size.
fn save_one(job: &Job, names: Names, n: u64, dir: &Path, opts: &FetchOptions, ui: &Ui) -> Result<(String, u64)> {
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
    let mut n = n;
    for _ in 0..10 {
        let file = file_name(job.kind, &stamp_for(names, n), ext);
        let path = dir.join(&file);
        match write_new(&path, &body) {
            Ok(()) => return Ok((file, body.len() as u64)),
            Err(NewFile::Exists) => {}
            Err(NewFile::Failed(e)) => return Err(Error::input(path.display().to_string(), e)),
        }
        let files = files_in(dir);
        let next = n.checked_add(1).and_then(|w| free_stamp(names, w, &[job.kind], files.iter().map(String::as_str)));
        n = next.ok_or_else(|| numbers_used_up(&dir.display().to_string()))?;
    }
    Err(Error::input(dir.display().to_string(), "other files keep taking the names; not saved"))
}

enum NewFile {
    Exists,
    Failed(String),
}

/// Writes a file at `path` that must not replace one: written whole under
/// a hidden temporary name (through `write_atomic`, as every file pa
/// writes), then hard-linked to `path`, which fails if a file appeared
/// there meanwhile, where a rename would replace it. On a filesystem
/// without hard links, renamed after a last check.
fn write_new(path: &Path, data: &[u8]) -> std::result::Result<(), NewFile> {
    let base = path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{base}.{}.new", std::process::id()));
    write_atomic(&tmp, data).map_err(NewFile::Failed)?;
    let result = match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(NewFile::Exists),
        Err(_) if std::fs::symlink_metadata(path).is_ok() => Err(NewFile::Exists),
        Err(_) => std::fs::rename(&tmp, path).map_err(|e| NewFile::Failed(e.to_string())),
    };
    let _ = std::fs::remove_file(&tmp);
    result
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
        assert_eq!(next_seq(["notes.txt"]), Some(1));
        assert_eq!(next_seq(["heap-0003.pb.gz", "goroutine-0009.pb.gz", "heap-20261122T001400Z.pb.gz"]), Some(10));
        assert_eq!(next_seq(["heap-9999.pb.gz"]), Some(10000));
        assert_eq!(file_name("heap", &Stamp::Seq(10000), "pb.gz"), "heap-10000.pb.gz");
    }

    #[test]
    fn the_last_sequence_number_is_the_last() {
        assert_eq!(next_seq(["heap-18446744073709551614.pb.gz"]), Some(u64::MAX));
        // Never wrapped to 0, which would sort first and be rotated away.
        assert_eq!(next_seq(["heap-0001.pb.gz", "heap-18446744073709551615.pb.gz"]), None);
        assert_eq!(free_stamp(Names::Seq, u64::MAX, &["heap"], ["heap-18446744073709551615.pb"]), None);
    }

    #[test]
    fn a_taken_stamp_moves_on_to_the_next_free_one() {
        let files = ["heap-0004.pb.gz", "cpu-0005.pb.gz", "mutex-0006.pb.gz", "heap-0007.txt"];
        assert_eq!(free_stamp(Names::Seq, 3, &["heap", "cpu"], files), Some(3));
        // 4 and 5 are taken by kinds of this tick; mutex is not one.
        assert_eq!(free_stamp(Names::Seq, 4, &["heap", "cpu"], files), Some(6));
        let t = 1_795_311_413;
        let files = ["heap-20261122T013653Z.pb.gz", "heap-20261122T013654Z.pb", "cpu-20261122T013656Z.pb.gz"];
        assert_eq!(free_stamp(Names::Time, t, &["heap"], files), Some(t + 2));
        assert_eq!(stamp_for(Names::Time, t + 2), Stamp::Time("20261122T013655Z".into()));
        assert_eq!(free_stamp(Names::Time, t, &["goroutine"], files), Some(t));
    }

    #[test]
    fn a_new_file_never_replaces_one() {
        let dir = std::env::temp_dir().join(format!("pa-collect-new-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("heap-0001.pb.gz");
        assert!(write_new(&path, b"first").is_ok());
        assert!(matches!(write_new(&path, b"second"), Err(NewFile::Exists)));
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["heap-0001.pb.gz"], "no temporary file left");
        let _ = std::fs::remove_dir_all(&dir);
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
