//! Command-line pieces for sources: the HTTP options every command takes
//! (`HttpArgs`, to flatten), and the two commands that are only about
//! fetching: `pa fetch` (save a profile, atomically) and `pa list` (what a
//! `/debug/pprof/` index offers).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::FetchOptions;
use super::http::{self, Ui};
use super::url::{self, Target, Url};
use crate::decode;
use crate::error::{Error, Result};

// How sources are fetched; flatten into every command that reads profiles.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct HttpArgs {
    /// For a URL: collect a timed profile (CPU, trace, delta heap/allocs)
    /// for N seconds; sets seconds=N on the URL, as pprof does
    #[arg(long, value_name = "N")]
    pub seconds: Option<u64>,

    /// For a URL: give up after this long (30, 90s, 2m); default 1.5x
    /// --seconds, else 60s, plus 5s
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,

    /// For a URL: extra request header, "Name: value" (repeatable)
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    /// Refuse a profile larger than this, downloaded or inflated (512M, 2G)
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_bytes: Option<u64>,
}

impl HttpArgs {
    pub fn fetch_options(&self) -> FetchOptions {
        let mut o = FetchOptions::default();
        if let Some(m) = self.max_bytes {
            o.max_bytes = m;
        }
        o.seconds = self.seconds;
        o.timeout = self.timeout;
        o.headers = self.headers.clone();
        o
    }
}

// `pa fetch`: save a profile (usually from a URL) to a file to look at or
// diff later.
#[derive(clap::Args, Debug, Clone)]
pub struct FetchArgs {
    /// The profile: http[s]://..., host:port[/path], a file or - for stdin
    #[arg(value_name = "SOURCE")]
    pub source: String,

    /// Where to write it (- for stdout); default NAME.NNN.pb.gz in the
    /// current directory, NAME being the profile's (cpu, heap, ...)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Save the bytes as they came, without checking that they are a profile
    #[arg(long)]
    pub raw: bool,

    #[command(flatten)]
    pub http: HttpArgs,
}

// `pa list`: the profiles a Go server's `/debug/pprof/` index offers.
#[derive(clap::Args, Debug, Clone)]
pub struct ListArgs {
    /// The server: host:port, or the URL of its /debug/pprof/ page
    #[arg(value_name = "URL")]
    pub source: String,

    #[command(flatten)]
    pub http: HttpArgs,
}

/// Runs `pa fetch`. Writes the profile to `-o` (atomically: a failed fetch
/// never leaves a partial or truncated file) or to `stdout` for `-o -`; the
/// "Saved ..." line goes to stderr.
pub fn run_fetch(args: &FetchArgs, stdout: &mut dyn Write) -> Result<()> {
    let opts = args.http.fetch_options();
    fetch_with(args, &opts, &Ui::stderr(&opts), stdout)
}

/// `run_fetch` with the options and the UI given (tests use it).
pub fn fetch_with(args: &FetchArgs, opts: &FetchOptions, ui: &Ui, stdout: &mut dyn Write) -> Result<()> {
    let is_url = args.source != "-" && std::fs::metadata(&args.source).is_err() && url::looks_like_url(&args.source);
    let (name, data, profile_name) = if is_url {
        let target = http::target_for(&args.source, opts)?;
        let fetched = http::fetch(&target, opts, ui)?;
        let name = target.url.redacted();
        if !args.raw && http::looks_like_html(&fetched.body) {
            return Err(Error::input(name, "the server sent an HTML page, not a profile (save it anyway with --raw)"));
        }
        (name, fetched.body, profile_name_of(&target.url))
    } else {
        let data = super::read(&args.source, opts)?;
        let stem = Path::new(&args.source)
            .file_name()
            .and_then(|s| s.to_str())
            .map(|s| s.split('.').next().unwrap_or(s).to_string())
            .filter(|s| !s.is_empty() && args.source != "-")
            .unwrap_or_else(|| "profile".into());
        (args.source.clone(), data, stem)
    };

    let what = if args.raw {
        "raw".to_string()
    } else {
        let d = decode::decode(&name, &data, opts.max_bytes)?;
        format!("{}{}", d.format.name(), if d.gzipped { ", gzipped" } else { "" })
    };
    let size = decode::human_bytes(data.len() as u64);
    match &args.output {
        Some(p) if p.as_os_str() == "-" => {
            stdout
                .write_all(&data)
                .and_then(|_| stdout.flush())
                .map_err(|e| Error::msg(format!("writing stdout: {e}")))?;
        }
        Some(p) => {
            write_atomic(p, &data).map_err(|e| Error::input(p.display().to_string(), e))?;
            ui.info(&format!("Saved profile in {} ({size}, {what})", p.display()));
        }
        None => {
            let ext = if decode::is_gzip(&data) {
                "pb.gz"
            } else if what.starts_with("pprof protobuf") {
                "pb"
            } else {
                "txt"
            };
            let p = write_new(Path::new("."), &profile_name, ext, &data)?;
            ui.info(&format!("Saved profile in {} ({size}, {what})", p.display()));
        }
    }
    Ok(())
}

/// `cpu` for `/debug/pprof/profile`, else the last path segment.
fn profile_name_of(u: &Url) -> String {
    let last = u.path.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string();
    let clean: String = last.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    match clean.as_str() {
        "profile" => "cpu".into(),
        "" => "profile".into(),
        _ => clean,
    }
}

/// The name `pa fetch` and `pa collect` know the writer by; the rule for
/// devices, pipes and symlinks lives in one place, `commands::write_output`.
pub fn write_atomic(path: &Path, data: &[u8]) -> std::result::Result<(), String> {
    crate::commands::write_output(path, data)
}

/// Saves under the first free `NAME.NNN.EXT` in `dir`, as pprof numbers
/// its saved profiles.
fn write_new(dir: &Path, name: &str, ext: &str, data: &[u8]) -> Result<PathBuf> {
    for n in 1..10000 {
        let p = dir.join(format!("{name}.{n:03}.{ext}"));
        if p.exists() {
            continue;
        }
        write_atomic(&p, data).map_err(|e| Error::input(p.display().to_string(), e))?;
        return Ok(p);
    }
    Err(Error::msg(format!("no free file name {name}.NNN.{ext} in {}; use -o", dir.display())))
}

/// One row of a `/debug/pprof/` index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub name: String,
    /// None for the handlers that are not counted profiles (profile, trace, ...).
    pub count: Option<u64>,
    pub description: String,
}

/// Runs `pa list`: the table goes to `stdout`.
pub fn run_list(args: &ListArgs, stdout: &mut dyn Write) -> Result<()> {
    let opts = args.http.fetch_options();
    let mut ui = Ui::stderr(&opts);
    ui.info = false;
    list_with(args, &opts, &ui, stdout)
}

/// `run_list` with the options and UI given (tests use it).
pub fn list_with(args: &ListArgs, opts: &FetchOptions, ui: &Ui, stdout: &mut dyn Write) -> Result<()> {
    let u = pprof_index(&args.source)?;
    let target = Target { deadline: url::deadline(None, opts.timeout), duration: None, url: u };
    let fetched = http::fetch(&target, opts, ui)?;
    let html = String::from_utf8_lossy(&fetched.body);
    let entries = parse_index(&html);
    if entries.is_empty() {
        return Err(Error::input(target.url.redacted(), "this page is not a net/http/pprof index (no profile table)"));
    }
    let base = command_base(&target.url);
    let rows: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            let count = e.count.map(|c| c.to_string()).unwrap_or_default();
            (e.name.clone(), count, command_for(e, &base, &target.url, opts.seconds))
        })
        .collect();
    let w0 = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max("PROFILE".len());
    let w1 = rows.iter().map(|r| r.1.len()).max().unwrap_or(0).max("COUNT".len());
    let mut out = String::new();
    out.push_str(&format!("{:<w0$}  {:>w1$}  {}\n", "PROFILE", "COUNT", "COMMAND"));
    for (n, c, cmd) in &rows {
        out.push_str(&format!("{n:<w0$}  {c:>w1$}  {cmd}\n"));
    }
    stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
        .map_err(|e| Error::msg(format!("writing stdout: {e}")))?;
    if !opts.headers.is_empty() {
        ui.info("(add your -H options to these commands)");
    }
    Ok(())
}

/// The `/debug/pprof/` index a spec points at, in any of the forms the
/// other commands take (`host:port`, `http://host:port`, a URL of the
/// index or of one profile under it); `pa watch` and `pa collect` derive
/// every profile URL from it.
pub fn pprof_index(spec: &str) -> Result<Url> {
    let mut u = url::parse_url_spec(spec).ok_or_else(|| {
        Error::input(
            spec,
            url::unsupported_scheme(spec)
                .unwrap_or_else(|| "not a URL: give host:port or http[s]://host:port/debug/pprof/".into()),
        )
    })?;
    u.path = index_path(&u.path);
    u.query.clear();
    Ok(u)
}

/// The request for profile `name` under `index`, with `query` (e.g.
/// `debug=1`, `seconds=15`); `duration` is how long the server takes to
/// collect it, for pprof's timeout rule.
pub fn profile_target(
    index: &Url,
    name: &str,
    query: &[(&str, &str)],
    duration: Option<Duration>,
    timeout: Option<Duration>,
) -> Target {
    let mut u = index.clone();
    u.path = format!("{}{name}", index.path);
    u.query.clear();
    for (k, v) in query {
        u.query_set(k, v);
    }
    Target { deadline: url::deadline(duration, timeout), duration, url: u }
}

/// `/debug/pprof/` for a bare host, the index above a profile URL, or the
/// path given (with a trailing slash) when it names a mounted index.
fn index_path(path: &str) -> String {
    if path.is_empty() || path == "/" {
        return "/debug/pprof/".into();
    }
    if let Some(i) = path.find("/debug/pprof/") {
        return path[..i + "/debug/pprof/".len()].to_string();
    }
    if path.ends_with('/') { path.to_string() } else { format!("{path}/") }
}

/// How the printed commands name the server: `host:port/...` for plain
/// HTTP without credentials, the full (redacted) URL otherwise.
fn command_base(index: &Url) -> String {
    let mut u = index.clone();
    u.query.clear();
    let s = u.redacted();
    match s.strip_prefix("http://") {
        Some(rest) if u.user.is_none() => rest.to_string(),
        _ => s,
    }
}

fn command_for(e: &IndexEntry, base: &str, index: &Url, seconds: Option<u64>) -> String {
    let url = format!("{base}{}", e.name);
    match e.name.as_str() {
        "goroutine" | "goroutineleak" => format!("pa goroutines {url}"),
        "profile" => {
            let secs = seconds.unwrap_or(url::SERVER_DEFAULT_CPU_SECONDS);
            // `host:port` alone means the CPU profile when the index is the default one.
            let target = if index.path == "/debug/pprof/" && index.scheme == "http" && index.user.is_none() {
                index.authority()
            } else {
                url
            };
            format!("pa top --seconds {secs} {target}   (CPU, takes {secs}s)")
        }
        "trace" => "(execution trace: go tool trace, not a pprof profile)".into(),
        "cmdline" => "(the program's command line, not a profile)".into(),
        "symbol" => "(symbol lookup, not a profile)".into(),
        _ => format!("pa top {url}"),
    }
}

/// Reads the profile table of Go's `net/http/pprof` index page:
/// `<tr><td>COUNT</td><td><a href='NAME?debug=1'>NAME</a></td></tr>` and the
/// `<li><div class=profile-name>NAME: </div> DESC</li>` descriptions.
/// Handlers with no count (profile, trace, cmdline, symbol) get None.
pub fn parse_index(html: &str) -> Vec<IndexEntry> {
    let mut out: Vec<IndexEntry> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<tr>") {
        rest = &rest[i + 4..];
        let row_end = rest.find("</tr>").unwrap_or(rest.len());
        let row = &rest[..row_end];
        let cells: Vec<&str> = row.split("<td>").skip(1).map(|c| c.split("</td>").next().unwrap_or("")).collect();
        if cells.len() >= 2 {
            let count = cells[0].trim().parse::<u64>().ok();
            let name = unescape(&strip_tags(cells[1])).trim().to_string();
            if count.is_some() && !name.is_empty() && !name.contains(char::is_whitespace) {
                out.push(IndexEntry { name, count, description: String::new() });
            }
        }
        rest = &rest[row_end..];
    }
    let mut rest = html;
    let marker = "<div class=profile-name>";
    while let Some(i) = rest.find(marker) {
        rest = &rest[i + marker.len()..];
        let Some(end) = rest.find("</div>") else { break };
        let name = unescape(rest[..end].trim().trim_end_matches(':').trim());
        rest = &rest[end + "</div>".len()..];
        let desc_end = rest.find("</li>").unwrap_or(rest.len());
        let desc = unescape(rest[..desc_end].trim());
        if let Some(e) = out.iter_mut().find(|e| e.name == name) {
            e.description = desc;
        }
    }
    // Go gives the uncounted handlers a count of 0 in the table; they are
    // not profiles with samples, so show no count for them.
    for e in &mut out {
        if matches!(e.name.as_str(), "profile" | "trace" | "cmdline" | "symbol") {
            e.count = None;
        }
    }
    out
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `30` (seconds), or a Go duration: `90s`, `2m`, `1m30s`, `1.5s`, `500ms`.
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    let t = s.trim();
    if let Ok(n) = t.parse::<u64>() {
        return Ok(Duration::from_secs(n));
    }
    let bad = || format!("invalid duration {s:?} (examples: 30, 90s, 2m, 1m30s)");
    let mut total = 0f64;
    let mut rest = t;
    if rest.is_empty() {
        return Err(bad());
    }
    while !rest.is_empty() {
        let num_end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).ok_or_else(bad)?;
        let n: f64 = rest[..num_end].parse().map_err(|_| bad())?;
        rest = &rest[num_end..];
        let unit_end = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let mult = match &rest[..unit_end] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            _ => return Err(bad()),
        };
        total += n * mult;
        rest = &rest[unit_end..];
    }
    if !total.is_finite() || total > 1e9 {
        return Err(bad());
    }
    Ok(Duration::from_secs_f64(total))
}

/// `1048576`, `512K`, `512M`, `2G` (also `KiB`, `MB`, ...: all binary).
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let bad = || format!("invalid size {s:?} (examples: 512M, 2G, 1048576)");
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let n: u64 = t[..split].parse().map_err(|_| bad())?;
    let unit = t[split..].trim().to_ascii_lowercase();
    let shift = match unit.as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(bad()),
    };
    n.checked_mul(1u64 << shift).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes() {
        assert_eq!(parse_duration("30").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("1m30s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert!(parse_duration("abc").is_err());
        assert!(parse_duration("5x").is_err());
        assert_eq!(parse_size("2G").unwrap(), 2 << 30);
        assert_eq!(parse_size("512k").unwrap(), 512 << 10);
        assert!(parse_size("1Q").is_err());
    }

    #[test]
    fn profile_urls_from_any_form_of_the_server() {
        for spec in ["h:6060", "http://h:6060", "http://h:6060/debug/pprof/", "h:6060/debug/pprof/heap?debug=2"] {
            let index = pprof_index(spec).unwrap();
            let t = profile_target(&index, "heap", &[("debug", "1")], None, None);
            assert_eq!(t.url.redacted(), "http://h:6060/debug/pprof/heap?debug=1", "{spec}");
        }
        let index = pprof_index("https://u:p@h/svc/debug/pprof").unwrap();
        let t = profile_target(&index, "profile", &[("seconds", "15")], Some(Duration::from_secs(15)), None);
        assert_eq!(t.url.redacted(), "https://u:xxxxx@h/svc/debug/pprof/profile?seconds=15");
        assert!(pprof_index("ftp://h").is_err());
        assert!(pprof_index("heap.pb.gz").is_err());
    }

    #[test]
    fn index_paths() {
        assert_eq!(index_path(""), "/debug/pprof/");
        assert_eq!(index_path("/debug/pprof/heap"), "/debug/pprof/");
        assert_eq!(index_path("/svc/debug/pprof"), "/svc/debug/pprof/");
        assert_eq!(index_path("/svc/debug/pprof/"), "/svc/debug/pprof/");
    }

    #[test]
    fn go_index_page() {
        let html = "<table>\n<thead><td>Count</td><td>Profile</td></thead>\n\
            <tr><td>12</td><td><a href='allocs?debug=1'>allocs</a></td></tr>\n\
            <tr><td>0</td><td><a href='cmdline?debug=1'>cmdline</a></td></tr>\n\
            <tr><td>7</td><td><a href='goroutine?debug=1'>goroutine</a></td></tr>\n\
            <tr><td>0</td><td><a href='profile?debug=1'>profile</a></td></tr>\n\
            </table>\n<ul>\n<li><div class=profile-name>allocs: </div> A sampling of past memory allocations</li>\n</ul>";
        let e = parse_index(html);
        assert_eq!(e.len(), 4);
        assert_eq!(e[0].name, "allocs");
        assert_eq!(e[0].count, Some(12));
        assert_eq!(e[0].description, "A sampling of past memory allocations");
        assert_eq!(e[1].count, None);
        assert_eq!(e[2].count, Some(7));
        assert_eq!(e[3].count, None);
    }

    #[test]
    fn profile_names() {
        let u = |s: &str| url::parse_spec(s, None, None).unwrap().url;
        assert_eq!(profile_name_of(&u("h:1")), "cpu");
        assert_eq!(profile_name_of(&u("h:1/debug/pprof/heap")), "heap");
    }
}
