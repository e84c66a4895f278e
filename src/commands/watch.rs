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
use crate::commands::ticker::{self, Next, Schedule, Ticker};
use crate::decode::{self, legacy};
use crate::driver::{self, Config, Sources};
use crate::error::{Error, Result};
use crate::render::watch::{self as view, Column, Growth, Unit};
use crate::source::FetchOptions;
use crate::source::cli::{HttpArgs, parse_duration, pprof_index, profile_target};
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

/// Poll heap MemStats, goroutines (and a process's RSS) over time
#[derive(Args, Debug)]
#[command(mut_arg("seconds", |a| a.hide(true)))]
#[command(mut_arg("timeout", |a| a.help("Give up on a poll's fetch after this long (5s, 1m); default: --every (at least 1s, at most 60s) plus 5s")))]
pub struct WatchArgs {
    /// The server: host:port, or a URL of its /debug/pprof/ index or of a profile under it
    #[arg(value_name = "URL")]
    pub url: String,

    /// Time between polls, on a fixed schedule (500ms, 10s, 1m)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "10s")]
    pub every: Duration,

    /// Stop after this long (10m, 1h); no poll starts after it
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
    pub for_: Option<Duration>,

    /// Stop after N polls
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

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

/// The sparklines keep at most this many rows.
const HISTORY: usize = 256;

pub fn run(a: &WatchArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    if a.http.seconds.is_some() {
        return Err(Error::usage("--seconds does not apply (it polls snapshots); --every sets the interval"));
    }
    if a.every.is_zero() {
        return Err(Error::usage("--every must be more than 0"));
    }
    let mut opts = a.http.fetch_options();
    opts.quiet = true;
    // A hung server should cost about one interval, not pprof's minute.
    let timeout = opts.timeout.or(Some(a.every.clamp(Duration::from_secs(1), Duration::from_secs(60))));
    let index = pprof_index(&a.url)?;
    let heap = profile_target(&index, "heap", &[("debug", "1")], None, timeout);
    let goroutine = profile_target(&index, "goroutine", &[("debug", "1")], None, timeout);
    if let Some(pid) = a.pid {
        proc_memory(pid).map_err(|m| Error::usage(format!("--pid {pid}: {m}")))?;
    }
    let format =
        a.format.unwrap_or(if std::io::stdout().is_terminal() { WatchFormat::Table } else { WatchFormat::Csv });
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let ui = Ui::new(false, false, Box::new(std::io::sink()));
    let cols = columns(a.pid.is_some());
    let mut st = State::new(cols.len());
    let title_base = format!("pa watch {} · every {}", index.redacted(), http::go_duration(a.every));

    ticker::catch_interrupts();
    let mut ticker = Ticker::start(Schedule { every: a.every, limit: a.for_, count: a.count });
    let mut drawn = 0usize;
    while let Next::Tick { .. } = ticker.wait() {
        let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
        let poll = poll_once(&heap, &goroutine, a.pid, a.top.is_some(), &opts, &ui);
        if st.polls == 0 {
            if !poll.problems().is_empty() {
                return Err(poll.into_error().unwrap_or_else(|| Error::msg("the first poll failed")));
            }
            // The header only once there is data, so a wrong URL leaves stdout empty.
            if format == WatchFormat::Csv {
                out.write_all(view::csv_header(&cols).as_bytes()).map_err(io_error)?;
            }
        }
        let Some(row) = st.add(&poll, Instant::now(), a.top.map(|n| n as usize)) else {
            report_problems(format, &mut st, now_ms, &poll.problems(), err)?;
            continue;
        };
        report_problems(format, &mut st, now_ms, &poll.problems(), err)?;
        let top = a.top.map(|_| st.top.as_slice());
        match format {
            WatchFormat::Csv => out.write_all(view::csv_row(now_ms, &row).as_bytes()),
            WatchFormat::Json => out.write_all(view::json_row(now_ms, &cols, &row, top).as_bytes()),
            WatchFormat::Table => Ok(()),
        }
        .and_then(|_| out.flush())
        .map_err(io_error)?;
        if format == WatchFormat::Table {
            let title = format!(
                "{title_base} · poll {} · {} · {}",
                st.polls,
                elapsed_text(ticker.elapsed()),
                &view::rfc3339_utc(now_ms)[11..19]
            );
            let v = view::View {
                title: &title,
                columns: &cols,
                first: &st.first,
                latest: &st.latest,
                history: &st.history,
                top,
                status: st.status.as_deref(),
                width: crate::render::terminal::columns(None),
                color,
            };
            let lines = view::table(&v);
            out.write_all(view::redraw(drawn, &lines).as_bytes()).and_then(|_| out.flush()).map_err(io_error)?;
            drawn = lines.len();
        }
    }
    let line = view::summary(
        st.polls,
        &elapsed_text(ticker.elapsed()),
        &cols,
        &st.first,
        &st.latest,
        a.top.map(|_| st.top.as_slice()),
    );
    writeln!(err, "{line}").map_err(io_error)
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

/// `2m10s`, to the tenth of a second below a minute.
fn elapsed_text(d: Duration) -> String {
    let d = if d >= Duration::from_secs(60) {
        Duration::from_secs(d.as_secs())
    } else {
        Duration::from_millis(d.as_millis() as u64 / 100 * 100)
    };
    http::go_duration(d)
}

/// What one poll got.
struct Poll {
    heap: Result<HeapPoint>,
    goroutines: Result<u64>,
    /// With `--pid`: RSS and VMS, or why they could not be read.
    memory: Option<std::result::Result<(u64, u64), String>>,
    pid: Option<u32>,
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
            Some(Err(m)) => Some(Error::msg(format!("--pid {}: {m}", self.pid.unwrap_or(0)))),
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
            v.push(format!("--pid {}: {m}", self.pid.unwrap_or(0)));
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
    let heap_point = fetch_body(heap, opts, ui).and_then(|b| parse_heap(&heap.url.redacted(), &b, opts.max_bytes, top));
    let goroutines = fetch_body(goroutine, opts, ui).and_then(|b| {
        goroutine_total(&b).ok_or_else(|| {
            Error::input(goroutine.url.redacted(), "no `goroutine profile: total N` line: not Go's goroutine?debug=1")
        })
    });
    Poll { heap: heap_point, goroutines, memory: pid.map(proc_memory), pid }
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
    polls: u64,
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
            status: None,
        }
    }

    /// Adds a poll; the row, or None when the poll got nothing.
    fn add(&mut self, p: &Poll, at: Instant, top: Option<usize>) -> Option<Vec<Option<u64>>> {
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
        self.history.push(row.clone());
        if self.history.len() > 2 * HISTORY {
            self.history.drain(..HISTORY);
        }
        self.polls += 1;
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

    #[test]
    fn rows_rate_and_restarts() {
        let cols = columns(false);
        let ix = |k: &str| cols.iter().position(|c| c.key == k).unwrap();
        let mut st = State::new(cols.len());
        let t0 = Instant::now();
        let p = |total: u64| Poll {
            heap: heap(&[("HeapAlloc", total / 2), ("TotalAlloc", total), ("NumGC", 3)]),
            goroutines: Ok(10),
            memory: None,
            pid: None,
        };
        let r = st.add(&p(1000), t0, None).unwrap();
        assert_eq!(r[ix("heap_alloc")], Some(500));
        assert_eq!(r[ix("alloc_rate")], None);
        assert_eq!(r[ix("heap_idle")], None);
        let r = st.add(&p(3000), t0 + Duration::from_secs(2), None).unwrap();
        assert_eq!(r[ix("alloc_rate")], Some(1000));
        // TotalAlloc went down: a restarted process, no rate.
        let r = st.add(&p(100), t0 + Duration::from_secs(4), None).unwrap();
        assert_eq!(r[ix("alloc_rate")], None);
        assert_eq!(st.first[ix("total_alloc")], Some(1000));
        assert_eq!(st.latest[ix("total_alloc")], Some(100));
        // Nothing fetched: no row.
        let none = Poll { heap: Err(Error::msg("x")), goroutines: Err(Error::msg("y")), memory: None, pid: None };
        assert!(st.add(&none, t0 + Duration::from_secs(6), None).is_none());
        assert_eq!(st.polls, 3);
        // Half fetched: a row with gaps.
        let half = Poll { heap: Err(Error::msg("x")), goroutines: Ok(12), memory: None, pid: None };
        let r = st.add(&half, t0 + Duration::from_secs(8), None).unwrap();
        assert_eq!((r[ix("heap_alloc")], r[ix("goroutines")]), (None, Some(12)));
        assert_eq!(st.latest[ix("heap_alloc")], Some(50));
    }
}
