//! `pa watch`: a leak shows as a trend, not a snapshot. Polls a Go
//! server's `heap?debug=1` (its `# runtime.MemStats` block) and
//! `goroutine?debug=1` (the total) on a fixed schedule and prints the
//! series: a live table on a terminal, CSV or JSON lines otherwise.
//!
//! Failures: the first poll must get everything, so a wrong URL or a
//! missing endpoint is an error at once rather than a stream of empty
//! rows. After that a failed fetch is one line on stderr (on the terminal,
//! a line in the table) and the row carries empty fields for what it could
//! not get; a poll that got nothing writes no row.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::{Args, ValueEnum};

use crate::commands::io_error;
use crate::commands::ticker::{self, Next, ScheduleArgs, Ticker};
use crate::decode::{self, legacy};
use crate::driver::{self, Config, Sources};
use crate::error::{Error, Result};
use crate::render::terminal;
use crate::render::watch::{self as view, Column, Growth, Unit};
use crate::source::FetchOptions;
use crate::source::cli::{HttpArgs, pprof_index, profile_target};
use crate::source::http::{self, Ui};
use crate::source::url::Target;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WatchFormat {
    /// A live table redrawn in place (the default on a terminal)
    Table,
    /// A header, then one row per poll (the default otherwise)
    Csv,
    /// One JSON object per poll, one per line
    Json,
}

#[derive(Args, Debug)]
#[command(mut_arg("seconds", ticker::hide_seconds))]
#[command(mut_arg("timeout", |a| a.help("Give up on a poll's fetch after this long (5s, 1m); default: --every (at least 1s, at most 60s) plus 5s")))]
#[command(mut_arg("every", |a| a.help("Time between polls, on a fixed schedule (500ms, 10s, 1m; at least 100ms)").default_value("10s")))]
#[command(mut_arg("for_", |a| a.help("Stop after this long (10m, 1h); no poll starts after it")))]
#[command(mut_arg("count", |a| a.help("Stop after N polls")))]
pub struct WatchArgs {
    /// The server: host:port, or a URL of its /debug/pprof/ index or of a profile under it
    #[arg(value_name = "URL")]
    pub url: String,

    #[command(flatten)]
    pub schedule: ScheduleArgs,

    /// Output; default: table on a terminal, csv otherwise
    #[arg(long, value_enum)]
    pub format: Option<WatchFormat>,

    /// Also follow the N functions whose in-use bytes grew most since the first poll
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub top: Option<u32>,

    /// Add RSS and VMS of this process, read from /proc/PID/status (it must be visible: same host or a shared PID namespace)
    #[arg(long, value_name = "PID")]
    pub pid: Option<u32>,

    #[command(flatten)]
    pub http: HttpArgs,
}

/// The shortest `--every`: each poll's heap?debug=1 makes the Go runtime
/// stop the world to read its MemStats (and goroutine?debug=1 stops it to
/// walk the stacks), so polling faster would slow the server being watched.
pub const MIN_EVERY: Duration = Duration::from_millis(100);

/// MemStats fields, in the order of the columns.
const MEMSTATS: [(&str, Column); 8] = [
    ("HeapAlloc", col("heap_alloc", "HeapAlloc", Unit::Bytes, true)),
    ("HeapInuse", col("heap_inuse", "HeapInuse", Unit::Bytes, false)),
    ("HeapIdle", col("heap_idle", "HeapIdle", Unit::Bytes, false)),
    ("HeapReleased", col("heap_released", "HeapReleased", Unit::Bytes, false)),
    ("HeapSys", col("heap_sys", "HeapSys", Unit::Bytes, false)),
    ("Sys", col("sys", "Sys", Unit::Bytes, false)),
    ("HeapObjects", col("heap_objects", "HeapObjects", Unit::Count, false)),
    ("TotalAlloc", col("total_alloc", "TotalAlloc", Unit::Bytes, false)),
];
const ALLOC_RATE: Column = col("alloc_rate", "alloc rate", Unit::BytesPerSec, false);
const NUM_GC: Column = col("num_gc", "NumGC", Unit::Count, true);
const GOROUTINES: Column = col("goroutines", "goroutines", Unit::Count, true);
const RSS: Column = col("rss", "RSS", Unit::Bytes, true);
const VMS: Column = col("vms", "VMS", Unit::Bytes, false);

const fn col(key: &'static str, label: &'static str, unit: Unit, summary: bool) -> Column {
    Column { key, label, unit, summary }
}

/// The columns, in order: the MemStats fields, the allocation rate, NumGC,
/// goroutines, then RSS and VMS with `--pid`.
pub fn columns(with_pid: bool) -> Vec<Column> {
    let mut c: Vec<Column> = MEMSTATS.iter().map(|(_, c)| *c).collect();
    c.extend([ALLOC_RATE, NUM_GC, GOROUTINES]);
    if with_pid {
        c.extend([RSS, VMS]);
    }
    c
}

pub fn run(a: &WatchArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    ticker::refuse_seconds(&a.http, "--every sets the interval (pa watch polls snapshots)")?;
    let schedule =
        a.schedule.schedule(MIN_EVERY, "each poll makes the Go runtime stop the world to read its MemStats")?;
    let mut opts = a.http.fetch_options();
    opts.quiet = true;
    let timeout = schedule.fetch_timeout(opts.timeout);
    let index = pprof_index(&a.url)?;
    let heap = profile_target(&index, "heap", &[("debug", "1")], None, timeout);
    let goroutine = profile_target(&index, "goroutine", &[("debug", "1")], None, timeout);
    if let Some(pid) = a.pid {
        proc_memory(pid).map_err(|m| Error::usage(pid_problem(pid, &m)))?;
    }
    let format =
        a.format.unwrap_or(if std::io::stdout().is_terminal() { WatchFormat::Table } else { WatchFormat::Csv });
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let ui = Ui::new(false, false, Box::new(std::io::sink()));
    let cols = columns(a.pid.is_some());
    let mut st = State::new(cols.len());
    let title_base = format!("pa watch {} · every {}", index.redacted(), http::go_duration(schedule.every));

    ticker::catch_interrupts();
    let mut ticker = Ticker::start(schedule);
    let mut drawn = 0usize;
    while let Next::Tick { .. } = ticker.wait() {
        let poll = poll_once(&heap, &goroutine, a.pid, a.top.is_some(), &opts, &ui);
        let problems = poll.problems();
        if st.polls == 0 {
            if !problems.is_empty() {
                return Err(poll.into_error().unwrap_or_else(|| Error::msg("the first poll failed")));
            }
            // The header only once there is data, so a wrong URL leaves stdout empty.
            if format == WatchFormat::Csv {
                out.write_all(view::csv_header(&cols).as_bytes()).map_err(io_error)?;
            }
        }
        let row = st.add(&poll, a.top.map(|n| n as usize));
        report_problems(format, &mut st, poll.unix_ms, &problems, err)?;
        let top = a.top.map(|_| st.top.as_slice());
        match (format, &row) {
            (WatchFormat::Csv, Some(row)) => out.write_all(view::csv_row(poll.unix_ms, row).as_bytes()),
            (WatchFormat::Json, Some(row)) => out.write_all(view::json_row(poll.unix_ms, &cols, row, top).as_bytes()),
            _ => Ok(()),
        }
        .and_then(|_| out.flush())
        .map_err(io_error)?;
        // Every poll redraws, a failed one too: its status line is the
        // news, and a frozen table would hide that the server went away.
        if format == WatchFormat::Table {
            let title = format!(
                "{title_base} · poll {}{} · {} · {}",
                st.polls,
                failed_text(st.failed),
                ticker::elapsed_text(ticker.elapsed()),
                &view::rfc3339_utc(poll.unix_ms)[11..19]
            );
            let v = view::View {
                title: &title,
                columns: &cols,
                first: &st.first,
                latest: &st.latest,
                history: &st.history,
                top,
                status: st.status.as_deref(),
                width: terminal::columns(None),
                height: terminal::rows(),
                color,
            };
            let lines = view::table(&v);
            out.write_all(view::redraw(drawn, &lines).as_bytes()).and_then(|_| out.flush()).map_err(io_error)?;
            drawn = lines.len();
        }
    }
    let line = view::summary(
        st.polls,
        &format!("{}{}", ticker::elapsed_text(ticker.elapsed()), failed_text(st.failed)),
        &cols,
        &st.first,
        &st.latest,
        a.top.map(|_| st.top.as_slice()),
    );
    writeln!(err, "{line}").map_err(io_error)
}

/// ` (2 failed)` after the count of polls, in the title and the summary.
fn failed_text(failed: u64) -> String {
    if failed == 0 { String::new() } else { format!(" ({failed} failed)") }
}

/// Problems go to stderr off the terminal; on it, into the table's status
/// line (a line on stderr would break the redraw).
fn report_problems(
    format: WatchFormat,
    st: &mut State,
    now_ms: i64,
    problems: &[String],
    err: &mut dyn Write,
) -> Result<()> {
    let stamp = view::rfc3339_utc(now_ms);
    if format == WatchFormat::Table {
        st.status = (!problems.is_empty()).then(|| format!("{}: {}", &stamp[11..19], problems.join("; ")));
        return Ok(());
    }
    for p in problems {
        writeln!(err, "pa watch: {stamp}: {p}").map_err(io_error)?;
    }
    Ok(())
}

/// What `--pid` reports when the process's memory cannot be read.
fn pid_problem(pid: u32, m: &str) -> String {
    format!("--pid {pid}: {m}")
}

/// What one poll got.
struct Poll {
    heap: Result<HeapPoint>,
    goroutines: Result<u64>,
    /// With `--pid`: RSS and VMS, or why they could not be read.
    memory: Option<std::result::Result<(u64, u64), String>>,
    /// When the heap answer (with its MemStats) came: the row's time and,
    /// for the allocation rate, the same moment on the monotonic clock, so
    /// the rate is TotalAlloc's growth over the gap the rows show.
    at: Instant,
    unix_ms: i64,
}

impl Poll {
    /// The first thing that failed, if anything did.
    fn into_error(self) -> Option<Error> {
        if let Err(e) = self.heap {
            return Some(e);
        }
        if let Err(e) = self.goroutines {
            return Some(e);
        }
        match self.memory {
            Some(Err(m)) => Some(Error::msg(m)),
            _ => None,
        }
    }

    fn problems(&self) -> Vec<String> {
        let mut v = Vec::new();
        if let Err(e) = &self.heap {
            v.push(e.to_string());
        }
        if let Err(e) = &self.goroutines {
            v.push(e.to_string());
        }
        if let Some(Err(m)) = &self.memory {
            v.push(m.clone());
        }
        v
    }
}

struct HeapPoint {
    memstats: legacy::MemStats,
    /// With `--top`: in-use bytes per function (flat).
    inuse: Option<HashMap<String, i64>>,
}

fn poll_once(heap: &Target, goroutine: &Target, pid: Option<u32>, top: bool, opts: &FetchOptions, ui: &Ui) -> Poll {
    let heap_body = fetch_body(heap, opts, ui);
    let at = Instant::now();
    let unix_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    let heap_point = heap_body.and_then(|b| parse_heap(&heap.url.redacted(), &b, opts.max_bytes, top));
    let goroutines = fetch_body(goroutine, opts, ui).and_then(|b| {
        goroutine_total(&b).ok_or_else(|| {
            Error::input(goroutine.url.redacted(), "no `goroutine profile: total N` line: not Go's goroutine?debug=1")
        })
    });
    let memory = pid.map(|pid| proc_memory(pid).map_err(|m| pid_problem(pid, &m)));
    Poll { heap: heap_point, goroutines, memory, at, unix_ms }
}

fn fetch_body(t: &Target, opts: &FetchOptions, ui: &Ui) -> Result<Vec<u8>> {
    let f = http::fetch(t, opts, ui)?;
    if http::looks_like_html(&f.body) {
        return Err(Error::input(t.url.redacted(), "the server sent an HTML page, not a profile"));
    }
    Ok(f.body)
}

fn parse_heap(name: &str, body: &[u8], max: u64, top: bool) -> Result<HeapPoint> {
    let legacy_opts = if top { legacy::Options::symbolized() } else { legacy::Options::pprof() };
    let d = decode::decode_with(name, body, max, legacy_opts)?;
    let memstats = d.memstats.ok_or_else(|| {
        Error::input(name, "no `# runtime.MemStats` block: not Go's heap?debug=1 text (is it a Go program?)")
    })?;
    let inuse = if top { Some(inuse_by_function(d.profile).map_err(|e| e.with_source(name))?) } else { None };
    Ok(HeapPoint { memstats, inuse })
}

/// In-use bytes per function, flat, as `pa top -i inuse_space` counts them.
fn inuse_by_function(p: crate::profile::Profile) -> Result<HashMap<String, i64>> {
    let s = Sources::for_pa(&[], &[], false, false, false, FetchOptions::default());
    let p = driver::finish_profiles(&s, p, None)?;
    let cfg = Config { sample_index: "inuse_space".into(), ..Config::default() };
    let mut rpt = driver::build_report(p, cfg, &mut |_| {})?;
    let g = rpt.full_graph();
    let mut m = HashMap::with_capacity(g.nodes.len());
    for n in &g.nodes {
        *m.entry(n.name.clone()).or_insert(0i64) += n.flat_value();
    }
    Ok(m)
}

/// The total of Go's `goroutine?debug=1` header, `goroutine profile: total N`.
pub fn goroutine_total(body: &[u8]) -> Option<u64> {
    let first = body.split(|&b| b == b'\n').next()?;
    let text = std::str::from_utf8(first).ok()?.trim();
    text.strip_prefix("goroutine profile: total ")?.trim().parse().ok()
}

/// RSS and VMS in bytes from `/proc/PID/status`.
fn proc_memory(pid: u32) -> std::result::Result<(u64, u64), String> {
    let path = format!("/proc/{pid}/status");
    let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "no such process here (not running, or in another PID namespace: a pod needs shareProcessNamespace)".into()
        }
        std::io::ErrorKind::PermissionDenied => format!("{path}: permission denied"),
        _ => format!("{path}: {e}"),
    })?;
    parse_proc_status(&text).ok_or_else(|| format!("{path} has no VmRSS/VmSize lines (a kernel thread?)"))
}

/// `VmRSS:  1234 kB` and `VmSize: ...` of a `/proc/PID/status` text.
pub fn parse_proc_status(text: &str) -> Option<(u64, u64)> {
    let field = |name: &str| -> Option<u64> {
        let line = text.lines().find(|l| l.starts_with(name))?;
        let mut it = line[name.len()..].split_whitespace();
        let n: u64 = it.next()?.parse().ok()?;
        match it.next() {
            Some("kB") => n.checked_mul(1024),
            None => Some(n),
            Some(_) => None,
        }
    };
    Some((field("VmRSS:")?, field("VmSize:")?))
}

/// The functions whose in-use bytes grew most from `first` to `latest`,
/// largest growth first (ties by name), at most `n`; shrinking or
/// unchanged functions are left out.
pub fn grew_most(first: &HashMap<String, i64>, latest: &HashMap<String, i64>, n: usize) -> Vec<Growth> {
    let mut v: Vec<Growth> = latest
        .iter()
        .map(|(name, &l)| Growth { name: name.clone(), first: first.get(name).copied().unwrap_or(0), latest: l })
        .filter(|g| g.delta() > 0)
        .collect();
    v.sort_by(|a, b| b.delta().cmp(&a.delta()).then_with(|| a.name.cmp(&b.name)));
    v.truncate(n);
    v
}

/// The series so far.
struct State {
    first: Vec<Option<u64>>,
    latest: Vec<Option<u64>>,
    history: Vec<Vec<Option<u64>>>,
    /// TotalAlloc of the previous poll that had one, and when, for the rate.
    prev_total: Option<(u64, Instant)>,
    first_inuse: Option<HashMap<String, i64>>,
    top: Vec<Growth>,
    /// Polls made, and how many of them failed in part or whole.
    polls: u64,
    failed: u64,
    status: Option<String>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            first: vec![None; n],
            latest: vec![None; n],
            history: Vec::new(),
            prev_total: None,
            first_inuse: None,
            top: Vec::new(),
            polls: 0,
            failed: 0,
            status: None,
        }
    }

    /// Adds a poll; the row, or None when the poll got nothing.
    fn add(&mut self, p: &Poll, top: Option<usize>) -> Option<Vec<Option<u64>>> {
        let at = p.at;
        self.polls += 1;
        if !p.problems().is_empty() {
            self.failed += 1;
        }
        let mut row: Vec<Option<u64>> = Vec::with_capacity(self.first.len());
        let ms = p.heap.as_ref().ok().map(|h| &h.memstats);
        for (name, _) in MEMSTATS {
            row.push(ms.and_then(|m| m.get_u64(name)));
        }
        let total = ms.and_then(|m| m.get_u64("TotalAlloc"));
        let gc = ms.and_then(|m| m.get_u64("NumGC"));
        // A counter that went down means a new process: no rate across it.
        let rate = match (total, self.prev_total) {
            (Some(t), Some((pt, pat))) if t >= pt && at > pat => {
                Some(((t - pt) as f64 / (at - pat).as_secs_f64()).round() as u64)
            }
            _ => None,
        };
        if total.is_some() {
            self.prev_total = total.map(|t| (t, at));
        }
        row.push(rate);
        row.push(gc);
        row.push(p.goroutines.as_ref().ok().copied());
        if let Some(m) = &p.memory {
            let (rss, vms) = m.as_ref().ok().map_or((None, None), |&(r, v)| (Some(r), Some(v)));
            row.extend([rss, vms]);
        }
        if p.heap.is_err() && p.goroutines.is_err() {
            return None;
        }
        if let (Some(n), Some(inuse)) = (top, p.heap.as_ref().ok().and_then(|h| h.inuse.as_ref())) {
            let first = self.first_inuse.get_or_insert_with(|| inuse.clone());
            self.top = grew_most(first, inuse, n);
        }
        for (i, v) in row.iter().enumerate() {
            if v.is_some() {
                self.latest[i] = *v;
                if self.first[i].is_none() {
                    self.first[i] = *v;
                }
            }
        }
        // As many rows as the widest sparkline shows (dropped in batches).
        self.history.push(row.clone());
        if self.history.len() > 2 * view::SPARK_MAX {
            self.history.drain(..view::SPARK_MAX);
        }
        Some(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goroutine_header() {
        assert_eq!(goroutine_total(b"goroutine profile: total 99\n12 @ 0x1\n"), Some(99));
        assert_eq!(goroutine_total(b"goroutine profile: total 7"), Some(7));
        assert_eq!(goroutine_total(b"goroutine 1 [running]:\n"), None);
        assert_eq!(goroutine_total(b""), None);
    }

    #[test]
    fn proc_status() {
        let t = "Name:\tapp\nVmPeak:\t  9000 kB\nVmSize:\t  8000 kB\nVmRSS:\t   1200 kB\n";
        assert_eq!(parse_proc_status(t), Some((1200 * 1024, 8000 * 1024)));
        assert_eq!(parse_proc_status("Name:\tkthreadd\n"), None);
    }

    #[test]
    fn growth_ranks_by_increase_not_size() {
        let m = |v: &[(&str, i64)]| v.iter().map(|(k, x)| (k.to_string(), *x)).collect::<HashMap<_, _>>();
        let first = m(&[("big", 1000), ("leak", 10), ("gone", 50)]);
        let latest = m(&[("big", 1001), ("leak", 500), ("new", 200), ("shrunk", 0)]);
        let g = grew_most(&first, &latest, 2);
        assert_eq!(g.iter().map(|g| (g.name.as_str(), g.delta())).collect::<Vec<_>>(), [("leak", 490), ("new", 200)]);
        assert_eq!(grew_most(&first, &latest, 10).len(), 3);
    }

    fn heap(fields: &[(&str, u64)]) -> Result<HeapPoint> {
        let memstats =
            legacy::MemStats { fields: fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() };
        Ok(HeapPoint { memstats, inuse: None })
    }

    /// A poll whose heap answer came `secs` after `t0`.
    fn poll(t0: Instant, secs: u64, heap: Result<HeapPoint>, goroutines: Result<u64>) -> Poll {
        Poll { heap, goroutines, memory: None, at: t0 + Duration::from_secs(secs), unix_ms: 0 }
    }

    #[test]
    fn rows_rate_and_restarts() {
        let cols = columns(false);
        let ix = |k: &str| cols.iter().position(|c| c.key == k).unwrap();
        let mut st = State::new(cols.len());
        let t0 = Instant::now();
        let p = |total: u64, secs: u64| {
            poll(t0, secs, heap(&[("HeapAlloc", total / 2), ("TotalAlloc", total), ("NumGC", 3)]), Ok(10))
        };
        let r = st.add(&p(1000, 0), None).unwrap();
        assert_eq!(r[ix("heap_alloc")], Some(500));
        assert_eq!(r[ix("alloc_rate")], None);
        assert_eq!(r[ix("heap_idle")], None);
        let r = st.add(&p(3000, 2), None).unwrap();
        assert_eq!(r[ix("alloc_rate")], Some(1000));
        // TotalAlloc went down: a restarted process, no rate.
        let r = st.add(&p(100, 4), None).unwrap();
        assert_eq!(r[ix("alloc_rate")], None);
        assert_eq!(st.first[ix("total_alloc")], Some(1000));
        assert_eq!(st.latest[ix("total_alloc")], Some(100));
        // Nothing fetched: no row, but a poll, and a failed one.
        let none = poll(t0, 6, Err(Error::msg("x")), Err(Error::msg("y")));
        assert!(st.add(&none, None).is_none());
        assert_eq!((st.polls, st.failed), (4, 1));
        // Half fetched: a row with gaps.
        let half = poll(t0, 8, Err(Error::msg("x")), Ok(12));
        let r = st.add(&half, None).unwrap();
        assert_eq!((r[ix("heap_alloc")], r[ix("goroutines")]), (None, Some(12)));
        assert_eq!(st.latest[ix("heap_alloc")], Some(50));
        assert_eq!((st.polls, st.failed), (5, 2));
    }

    #[test]
    fn the_history_is_as_long_as_the_widest_sparkline() {
        let mut st = State::new(columns(false).len());
        let t0 = Instant::now();
        for i in 0..10 * view::SPARK_MAX as u64 {
            st.add(&poll(t0, i, heap(&[("HeapAlloc", i)]), Ok(1)), None).unwrap();
            assert!(st.history.len() >= view::SPARK_MAX.min(i as usize + 1) && st.history.len() <= 2 * view::SPARK_MAX);
        }
        assert_eq!(st.history.last().unwrap()[0], Some(10 * view::SPARK_MAX as u64 - 1));
    }
}
