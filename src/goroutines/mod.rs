//! `pa goroutines`: goroutine dumps and profiles, grouped by normalized
//! stack (goroutines.md §4). Reads `?debug=2` traceback text, crash dumps
//! in logs, `?debug=1` text and `?debug=0` protobuf (delta profiles too),
//! Go 1.19 through 1.27.
//!
//! Pipeline: `forms` (bytes → `model::Dump`, with `text` for tracebacks and
//! `infer` for states the form does not carry) → `group` (filters, keys,
//! aggregates) → `render` (terminal) or `json`.

pub mod forms;
pub mod group;
pub mod infer;
pub mod json;
pub mod model;
pub mod quote;
pub mod render;
pub mod text;

use std::collections::HashMap;
use std::io::{IsTerminal, Write};

use regex::Regex;

use crate::error::{Error, Result};
use crate::source::{self, FetchOptions};
use group::{Filters, GroupBy, LabelFilter, Options};
use model::{Dump, Kind};

// Flags of `pa goroutines`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct GoroutinesArgs {
    /// Dump or profile: FILE, `-` for stdin, or (soon) HOST:PORT / URL.
    /// debug=2 text, a crash log, debug=1 text or debug=0 protobuf, gzipped
    /// or not. A text dump plus a debug=0/1 profile of the same process:
    /// the profile's labels are merged into the dump's groups. Several
    /// sources of one form are added up.
    /// Without SOURCE, stdin is read when it is not a terminal.
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,

    /// Group by: stack, leaf, user (first non-stdlib frame), start
    /// (outermost frame), state, creator, label:KEY.
    #[arg(short = 'g', long, value_name = "KEY", default_value = "stack")]
    pub group_by: String,
    /// Frame comparison for stack grouping: line or func.
    #[arg(long = "match", value_name = "line|func", default_value = "line")]
    pub match_level: String,
    /// Group on the innermost N frames only.
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,

    /// Keep goroutines with a frame (function or file:line) matching RE.
    #[arg(short = 'm', long = "match-frame", value_name = "RE")]
    pub match_frame: Option<String>,
    /// Drop goroutines with a frame matching RE.
    #[arg(short = 'x', long, value_name = "RE")]
    pub exclude: Option<String>,
    /// Keep goroutines whose state (exact or inferred) matches RE, anchored.
    #[arg(long, value_name = "RE")]
    pub state: Option<String>,
    /// Keep goroutines with label KEY, KEY=VALUE or KEY=~RE (repeatable; all must hold).
    #[arg(long, value_name = "K[=V|=~RE]")]
    pub label: Vec<String>,
    /// Keep goroutines whose creator (function or file:line) matches RE (debug=2).
    #[arg(long, value_name = "RE")]
    pub creator: Option<String>,
    /// Keep goroutines waiting at least this long, e.g. 10m, 1h (debug=2; minute granularity).
    #[arg(long, value_name = "DURATION")]
    pub min_wait: Option<String>,
    /// Hide groups of fewer than N goroutines.
    #[arg(long, value_name = "N")]
    pub min_count: Option<i64>,
    /// Hide groups whose frames are all stdlib or runtime.
    #[arg(long)]
    pub hide_std: bool,

    /// Order: count, wait or name.
    #[arg(short = 's', long, value_name = "count|wait|name", default_value = "count")]
    pub sort: String,
    /// Show only the first N groups.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Frame lines per group after collapsing.
    #[arg(short = 'n', long, value_name = "N", default_value_t = 4)]
    pub frames: usize,
    /// Every frame, uncollapsed, with full paths.
    #[arg(long)]
    pub full: bool,
    /// One line per group: count, state, wait, first user frame.
    #[arg(long, conflicts_with_all = ["full", "json", "raw"])]
    pub oneline: bool,
    /// List goroutine ids (debug=2).
    #[arg(long)]
    pub ids: bool,
    /// Show creators' goroutine ids, `in goroutine N` (Go >= 1.21 dumps).
    #[arg(long)]
    pub parents: bool,
    /// When to colour: auto, always, never (auto: a terminal and no NO_COLOR).
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: String,
    /// Output width (default: $COLUMNS, the terminal's, else 100).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,

    /// JSON (schema in the README).
    #[arg(long, conflicts_with = "raw")]
    pub json: bool,
    /// One representative debug=2 block per group, as a smaller dump.
    #[arg(long)]
    pub raw: bool,

    /// Merge the labels of this debug=0/1 profile into a text dump.
    #[arg(long, value_name = "SOURCE")]
    pub labels_from: Option<String>,
    /// Fetch options for URLs (and the size cap for every source).
    #[command(flatten)]
    pub fetch: crate::source::cli::HttpArgs,
}

/// Runs `pa goroutines`, writing the report to `out`.
pub fn run(args: GoroutinesArgs, out: &mut dyn Write) -> Result<()> {
    let fetch = args.fetch.fetch_options();
    let opts = options(&args)?;
    let dump = load_all(&args, &fetch)?;
    check_form(&args, &opts, &dump)?;

    let selected = group::filter(&dump, &opts.filters);
    let mut groups = group::group(&dump, &selected, &opts);
    if let Some(n) = args.min_count {
        groups.retain(|g| g.count >= n);
    }
    if args.hide_std {
        groups.retain(|g| {
            let r = &dump.goroutines[g.representative() as usize];
            !dump.stack(r).iter().all(|&f| dump.frames[f as usize].std)
        });
    }
    group::sort(&dump, &mut groups, &args.sort);
    let shown = match args.top {
        Some(n) => n.min(groups.len()),
        None => groups.len(),
    };
    let res = if args.json {
        json::write(out, &dump, &groups[..shown], &opts, selected.len())
    } else if args.raw {
        render::raw(out, &dump, &groups[..shown])
    } else {
        let style = render::Style {
            color: use_color(&args.color)?,
            width: width(args.width),
            frames: args.frames.max(1),
            full: args.full,
            oneline: args.oneline,
            ids: args.ids,
            parents: args.parents,
        };
        render::text(out, &dump, &groups, shown, &style)
    };
    res.map_err(|e| Error::msg(format!("writing output: {e}")))
}

fn options(args: &GoroutinesArgs) -> Result<Options> {
    let group_by = GroupBy::parse(&args.group_by).map_err(Error::usage)?;
    let match_func = match args.match_level.as_str() {
        "line" => false,
        "func" => true,
        m => return Err(Error::usage(format!("unknown --match {m:?}: use line or func"))),
    };
    if !matches!(args.sort.as_str(), "count" | "wait" | "name") {
        return Err(Error::usage(format!("unknown --sort {:?}: use count, wait or name", args.sort)));
    }
    if args.depth == Some(0) {
        return Err(Error::usage("--depth must be at least 1"));
    }
    let mut f = Filters {
        frame: args.match_frame.as_deref().map(|r| compile("--match-frame", r)).transpose()?,
        exclude: args.exclude.as_deref().map(|r| compile("--exclude", r)).transpose()?,
        state: args.state.as_deref().map(|r| compile("--state", &format!("^(?:{r})$"))).transpose()?,
        creator: args.creator.as_deref().map(|r| compile("--creator", r)).transpose()?,
        ..Default::default()
    };
    for l in &args.label {
        f.labels.push(if let Some((k, re)) = l.split_once("=~") {
            LabelFilter::Re(k.to_string(), compile("--label", re)?)
        } else if let Some((k, v)) = l.split_once('=') {
            LabelFilter::Eq(k.to_string(), v.to_string())
        } else {
            LabelFilter::Has(l.clone())
        });
    }
    if let Some(w) = &args.min_wait {
        let secs = parse_duration(w).map_err(|m| Error::usage(format!("--min-wait: {m}")))?;
        // Waits are whole minutes, floored: "3 minutes" means >= 3m.
        f.min_wait_minutes = Some(secs.div_ceil(60) as u32);
    }
    Ok(Options { group_by, match_func, depth: args.depth, filters: f })
}

/// User regexes, with Go's syntax and ASCII classes (`pa::goregex`).
fn compile(flag: &str, re: &str) -> Result<Regex> {
    crate::goregex::compile(re).map_err(|e| Error::usage(format!("{flag}: bad regular expression {re:?}: {e}")))
}

/// Go's duration syntax (`90s`, `10m`, `1h30m`, `1.5h`) in whole seconds.
pub fn parse_duration(s: &str) -> std::result::Result<u64, String> {
    let mut rest = s.trim();
    if rest.is_empty() {
        return Err("empty duration".into());
    }
    let mut total = 0f64;
    while !rest.is_empty() {
        let n = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if n == 0 {
            return Err(format!("bad duration {s:?} (use e.g. 90s, 10m, 1h30m)"));
        }
        let v: f64 = rest[..n].parse().map_err(|_| format!("bad number in duration {s:?}"))?;
        rest = &rest[n..];
        let u = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let mult = match &rest[..u] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            "" => return Err(format!("missing unit in duration {s:?} (use e.g. 90s, 10m, 1h)")),
            unit => return Err(format!("unknown unit {unit:?} in duration {s:?}")),
        };
        total += v * mult;
        rest = &rest[u..];
    }
    Ok(total.ceil() as u64)
}

/// The hint printed when an option needs a debug=2 dump.
fn needs_debug2(what: &str, why: &str) -> Error {
    Error::usage(format!(
        "{what} needs {why}, which only ?debug=2 dumps (or crash dumps) contain; fetch /debug/pprof/goroutine?debug=2"
    ))
}

fn check_form(args: &GoroutinesArgs, o: &Options, d: &Dump) -> Result<()> {
    if d.kind().is_text() {
        return Ok(());
    }
    if args.min_wait.is_some() {
        return Err(needs_debug2("--min-wait", "wait times"));
    }
    if args.creator.is_some() {
        return Err(needs_debug2("--creator", "creators"));
    }
    if o.group_by == GroupBy::Creator {
        return Err(needs_debug2("--group-by creator", "creators"));
    }
    if args.ids {
        return Err(needs_debug2("--ids", "goroutine ids"));
    }
    if args.parents {
        return Err(needs_debug2("--parents", "parent goroutine ids"));
    }
    if args.raw {
        return Err(needs_debug2("--raw", "the traceback text"));
    }
    Ok(())
}

fn read_dump(spec: &str, fetch: &FetchOptions) -> Result<Dump> {
    let data = source::read(spec, fetch)?;
    forms::load(spec, data, fetch.max_bytes)
}

/// A bare `HOST:PORT`, `http://…` without `debug=`/`seconds=`, or a
/// `/debug/pprof/` URL: fetched as debug=2 and debug=0 (§4.1).
pub fn expand_url(spec: &str) -> Option<(String, String)> {
    let is_url = spec.starts_with("http://") || spec.starts_with("https://");
    let host_port = !is_url
        && !spec.contains('/')
        && spec
            .rsplit_once(':')
            .is_some_and(|(h, p)| !h.is_empty() && !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && std::fs::metadata(spec).is_err();
    if !is_url && !host_port {
        return None;
    }
    if spec.contains("debug=") || spec.contains("seconds=") {
        return None;
    }
    let mut base = if is_url { spec.to_string() } else { format!("http://{spec}") };
    let path_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path = base[path_start..].find('/').map(|i| &base[path_start + i..]).unwrap_or("");
    if path.is_empty() || path == "/" {
        base = format!("{}/debug/pprof/goroutine", base.trim_end_matches('/'));
    } else if path.trim_end_matches('/').ends_with("/debug/pprof") {
        base = format!("{}/goroutine", base.trim_end_matches('/'));
    }
    let sep = if base.contains('?') { '&' } else { '?' };
    Some((format!("{base}{sep}debug=2"), format!("{base}{sep}debug=0")))
}

fn load_all(args: &GoroutinesArgs, fetch: &FetchOptions) -> Result<Dump> {
    let mut dumps: Vec<Dump> = Vec::new();
    let mut url_label_sources = Vec::new();
    let stdin = ["-".to_string()];
    let sources: &[String] = if args.sources.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err(Error::usage(
                "no SOURCE: give a dump file, `-` for stdin, or pipe one in (e.g. curl -s 'host:6060/debug/pprof/goroutine?debug=2' | pa goroutines)",
            ));
        }
        &stdin
    } else {
        &args.sources
    };
    for spec in sources {
        match expand_url(spec) {
            Some((d2, d0)) => {
                // debug=2 for states, waits and creators; debug=0 for labels.
                match read_dump(&d2, fetch) {
                    Ok(d) => {
                        dumps.push(d);
                        url_label_sources.push(d0);
                    }
                    Err(e2) => match read_dump(&d0, fetch) {
                        Ok(d) => dumps.push(d),
                        Err(_) => return Err(e2),
                    },
                }
            }
            None => dumps.push(read_dump(spec, fetch)?),
        }
    }
    let mut label_dumps: Vec<Dump> = Vec::new();
    for s in url_label_sources {
        // Labels are a bonus: a failure to fetch them is not fatal.
        if let Ok(d) = read_dump(&s, fetch) {
            label_dumps.push(d);
        }
    }
    if let Some(s) = &args.labels_from {
        let d = read_dump(s, fetch)?;
        if d.kind().is_text() {
            return Err(Error::usage(format!(
                "--labels-from {s}: needs a debug=0 or debug=1 profile, this is a traceback dump"
            )));
        }
        label_dumps.push(d);
    }
    // Text dumps first; profiles given as plain sources next to a text
    // dump are label sources.
    let (mut texts, mut profiles): (Vec<Dump>, Vec<Dump>) = dumps.into_iter().partition(|d| d.kind().is_text());
    let mut main = if !texts.is_empty() {
        label_dumps.append(&mut profiles);
        let mut m = texts.remove(0);
        for t in texts {
            absorb(&mut m, t);
        }
        m
    } else {
        let mut m = profiles.remove(0);
        for p in profiles {
            if p.kind() != m.kind() {
                return Err(Error::usage(
                    "sources mix debug=0 and debug=1 profiles; give profiles of one form (or a debug=2 dump plus one profile for its labels)",
                ));
            }
            absorb(&mut m, p);
        }
        if !label_dumps.is_empty() {
            return Err(Error::usage("--labels-from needs a debug=2 dump as the main source"));
        }
        m
    };
    for l in label_dumps {
        merge_labels(&mut main, &l);
    }
    Ok(main)
}

/// Adds another dump of the same kind (goroutines of several replicas).
fn absorb(into: &mut Dump, other: Dump) {
    let map: Vec<u32> = other.frames.iter().map(|f| into.frame_id(&f.func, &f.file, f.line)).collect();
    for g in &other.goroutines {
        let mut ng = g.clone();
        ng.state = into.state_id(&other.states[g.state as usize]);
        ng.labels = into.label_sets.intern(other.label_sets.get(g.labels).to_vec());
        ng.creator = g.creator.map(|(f, p)| (map[f as usize], p));
        ng.raw = (0, 0);
        let frames: Vec<u32> = other.stack(g).iter().map(|&f| map[f as usize]).collect();
        into.push(ng, &frames);
    }
    into.parse_errors += other.parse_errors;
    into.cut_short |= other.cut_short;
    into.delta |= other.delta;
    into.go_min = into.go_min.max(other.go_min);
    into.sources.extend(other.sources);
    into.text.clear();
    into.crashed = None;
    into.classify_std();
}

/// Gives the goroutines of a text dump the labels of a debug=0/1 profile
/// of the same process, matched by normalized stack: a stack's label sets
/// are handed out in order, as many goroutines each as the profile counts.
/// Approximate by nature (two captures, not one); the dump records the source.
fn merge_labels(d: &mut Dump, p: &Dump) {
    if d.goroutines.iter().any(|g| g.labels != 0) {
        return; // Go 1.26+/1.27 dumps carry their own.
    }
    let mut key = Vec::new();
    // Spelled-out stack → the profile's (label set, goroutines left) for it.
    type Spelled = Vec<(String, u32)>;
    let mut pool: HashMap<Spelled, Vec<(u32, i64)>> = HashMap::new();
    let spell = |d: &Dump, key: &[u32]| -> Vec<(String, u32)> {
        key.iter().map(|&f| (d.frames[f as usize].func.clone(), d.frames[f as usize].line)).collect()
    };
    for g in &p.goroutines {
        if g.labels == 0 || g.count <= 0 {
            continue;
        }
        key.clear();
        key.extend(dedup(p.stack(g)));
        let set = d.label_sets.intern(p.label_sets.get(g.labels).to_vec());
        pool.entry(spell(p, &key)).or_default().push((set, g.count));
    }
    if pool.is_empty() {
        return;
    }
    let mut cache: HashMap<Vec<u32>, Vec<(String, u32)>> = HashMap::new();
    for i in 0..d.goroutines.len() {
        let st: Vec<u32> = dedup(d.stack(&d.goroutines[i])).collect();
        let spelled = cache.entry(st.clone()).or_insert_with(|| spell(d, &st)).clone();
        if let Some(list) = pool.get_mut(&spelled)
            && let Some(first) = list.first_mut()
        {
            d.goroutines[i].labels = first.0;
            first.1 -= 1;
            if first.1 == 0 {
                list.remove(0);
            }
        }
    }
    d.labels_from = Some(p.sources.first().cloned().unwrap_or_default());
}

/// Consecutive repeated frames once (recursion depths differ between forms).
fn dedup(stack: &[u32]) -> impl Iterator<Item = u32> + '_ {
    stack.iter().enumerate().filter(move |(i, f)| *i == 0 || stack[i - 1] != **f).map(|(_, f)| *f)
}

fn use_color(when: &str) -> Result<bool> {
    match when {
        "always" => Ok(true),
        "never" => Ok(false),
        "auto" => Ok(std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true)),
        w => Err(Error::usage(format!("unknown --color {w:?}: use auto, always or never"))),
    }
}

fn width(flag: Option<usize>) -> usize {
    crate::render::terminal::columns(flag)
}

impl Kind {
    /// How the summary names the form.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Debug2 => "debug=2 dump",
            Kind::Crash => "crash dump",
            Kind::Debug1 => "debug=1 profile",
            Kind::Debug0 => "debug=0 profile",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10m"), Ok(600));
        assert_eq!(parse_duration("1h30m"), Ok(5400));
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("1.5h"), Ok(5400));
        assert!(parse_duration("10").is_err());
        assert!(parse_duration("10x").is_err());
    }

    #[test]
    fn urls() {
        assert_eq!(
            expand_url("localhost:6060"),
            Some((
                "http://localhost:6060/debug/pprof/goroutine?debug=2".into(),
                "http://localhost:6060/debug/pprof/goroutine?debug=0".into()
            ))
        );
        assert_eq!(expand_url("http://h:1/debug/pprof/").unwrap().0, "http://h:1/debug/pprof/goroutine?debug=2");
        assert_eq!(expand_url("http://h:1/debug/pprof/goroutine?debug=1"), None);
        assert_eq!(expand_url("dump.txt"), None);
        assert_eq!(expand_url("-"), None);
    }
}
