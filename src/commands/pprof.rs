//! `pa pprof`: go tool pprof's own command line (Go `flag` syntax: `-f`,
//! `--f`, `-f=v`, `-f v`; booleans take `-f=false`) for the text reports,
//! with stdout byte-identical to go tool pprof.
//!
//! Differences, on purpose: flags may also follow the sources (pprof
//! would take them as more sources), `-` reads stdin, and a report flag is
//! required (there is no interactive mode).

use std::io::Write;

use crate::driver::{self, Config, Sources};
use crate::error::{Error, Result};
use crate::render;
use crate::report::OutputFormat;
use crate::transform::Granularity;

const STRING_FLAGS: &[&str] = &[
    "diff_base",
    "base",
    "symbolize",
    "buildid",
    "add_comment",
    "tools",
    "output",
    "focus",
    "ignore",
    "hide",
    "show",
    "show_from",
    "prune_from",
    "tagfocus",
    "tagignore",
    "tagshow",
    "taghide",
    "unit",
    "sample_index",
    "source_path",
    "trim_path",
    "peek",
    "tagroot",
    "tagleaf",
    "list",
    "disasm",
    "weblist",
    "http",
];
const INT_FLAGS: &[&str] = &["timeout", "seconds", "nodecount"];
const FLOAT_FLAGS: &[&str] = &["divide_by", "nodefraction", "edgefraction"];
const BOOL_FLAGS: &[&str] = &[
    "all_frames",
    "inuse_space",
    "inuse_objects",
    "alloc_space",
    "alloc_objects",
    "total_delay",
    "contentions",
    "mean_delay",
    "no_browser",
    "call_tree",
    "relative_percentages",
    "compact_labels",
    "intel_syntax",
    "mean",
    "normalize",
    "drop_negative",
    "trim",
    "noinlines",
    "showcolumns",
    "flat",
    "cum",
    "functions",
    "filefunctions",
    "files",
    "lines",
    "addresses",
    // Report formats.
    "text",
    "top",
    "traces",
    "tree",
    "tags",
    "raw",
    "comments",
];
/// Formats pa prints; every other format flag is refused by name.
const SUPPORTED_FORMATS: &[&str] = &["text", "top", "traces", "tree", "tags", "raw", "comments", "peek"];
/// go tool pprof's report flags for outputs pa does not draw: the boolean
/// ones, then the ones taking a regex (`-list=RE`, also in STRING_FLAGS).
const UNSUPPORTED: &[&str] = &[
    "topproto",
    "dot",
    "svg",
    "png",
    "pdf",
    "ps",
    "gif",
    "eog",
    "evince",
    "gv",
    "web",
    "callgrind",
    "kcachegrind",
    "proto",
    "list",
    "disasm",
    "weblist",
];

#[derive(Debug, Default)]
struct Parsed {
    values: Vec<(String, String)>,
    args: Vec<String>,
}

impl Parsed {
    fn get(&self, name: &str) -> Option<&str> {
        self.values.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    fn bool(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v == "true")
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    // Go's strconv.ParseBool.
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

fn parse(args: &[String]) -> Result<Parsed> {
    let mut out = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            out.args.extend(args[i..].iter().cloned());
            break;
        }
        if a.len() < 2 || !a.starts_with('-') {
            out.args.push(a.clone());
            continue;
        }
        let body = a.strip_prefix("--").unwrap_or(&a[1..]);
        if body.is_empty() || body.starts_with('-') || body.starts_with('=') {
            return Err(Error::usage(format!("bad flag syntax: {a}")));
        }
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        if BOOL_FLAGS.contains(&name) || (UNSUPPORTED.contains(&name) && !STRING_FLAGS.contains(&name)) {
            let v = match inline {
                Some(v) => parse_bool(&v)
                    .ok_or_else(|| Error::usage(format!("invalid boolean value {v:?} for -{name}: parse error")))?,
                None => true,
            };
            out.values.push((name.to_string(), v.to_string()));
            continue;
        }
        if STRING_FLAGS.contains(&name) || INT_FLAGS.contains(&name) || FLOAT_FLAGS.contains(&name) {
            let v = match inline {
                Some(v) => v,
                None => {
                    if i >= args.len() {
                        return Err(Error::usage(format!("flag needs an argument: -{name}")));
                    }
                    i += 1;
                    args[i - 1].clone()
                }
            };
            if INT_FLAGS.contains(&name) && v.parse::<i64>().is_err() {
                return Err(Error::usage(format!("invalid value {v:?} for flag -{name}: parse error")));
            }
            if FLOAT_FLAGS.contains(&name) && v.parse::<f64>().is_err() {
                return Err(Error::usage(format!("invalid value {v:?} for flag -{name}: parse error")));
            }
            out.values.push((name.to_string(), v));
            continue;
        }
        return Err(Error::usage(format!(
            "flag provided but not defined: -{name} (see `pa pprof -help` for the flags pa supports)"
        )));
    }
    Ok(out)
}

pub const HELP: &str = "\
usage: pa pprof <format> [options] [-base=BASE | -diff_base=BASE] SOURCE...

go tool pprof's command line for its text reports, with the same output.
SOURCE is a file (gzipped or raw protobuf, or a legacy text profile), `-`
for stdin, or a URL.

Formats (exactly one):
  -top, -text        Top entries in text form
  -traces            Every sample with its stack and labels
  -tree              A text rendering of the call graph
  -peek=REGEX        Callers and callees of functions matching REGEX
  -tags              Label values and their share of the profile
  -raw               The profile in pprof's raw text form
  -comments          The profile's comments

Options: -sample_index, -inuse_space, -inuse_objects, -alloc_space,
  -alloc_objects, -total_delay, -contentions, -mean_delay, -mean, -unit,
  -divide_by, -nodecount, -nodefraction, -edgefraction, -trim,
  -flat, -cum, -functions, -filefunctions, -files, -lines, -addresses,
  -noinlines, -showcolumns, -focus, -ignore, -hide, -show, -show_from,
  -prune_from, -tagfocus, -tagignore, -tagshow, -taghide,
  -relative_percentages, -compact_labels, -drop_negative, -trim_path,
  -source_path, -base, -diff_base, -normalize, -all_frames, -symbolize,
  -add_comment, -output, -seconds, -timeout.

Not supported (refused by name): -dot, -svg and other graph images,
  -callgrind, -proto, -topproto, -list, -disasm, -weblist, -http,
  -tagroot, -tagleaf.

Examples:
  pa pprof -top -sample_index=inuse_objects -nodecount=10 heap.pb.gz
  pa pprof -traces cpu.pb.gz
  pa pprof -peek='mypkg\\.Handler' cpu.pb.gz
  pa pprof -top -diff_base=heap-1.pb.gz heap-2.pb.gz
  curl -s localhost:6060/debug/pprof/heap | pa pprof -top -
";

/// Runs `pa pprof ARGS`. Informational lines go to `err`.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    if args.iter().any(|a| a == "-h" || a == "-help" || a == "--help") {
        out.write_all(HELP.as_bytes()).map_err(|e| Error::msg(e.to_string()))?;
        return Ok(());
    }
    let p = parse(args)?;
    let mut warn = |m: String| {
        let _ = writeln!(err, "{m}");
    };

    for f in UNSUPPORTED {
        if p.bool(f) || (p.get(f).is_some() && STRING_FLAGS.contains(f)) {
            return Err(Error::usage(format!(
                "-{f} is not supported by pa pprof; it prints -top, -text, -traces, -tree, -peek, -tags, -raw and -comments (pa flame draws flame graphs)"
            )));
        }
    }
    if p.get("http").is_some_and(|v| !v.is_empty()) {
        return Err(Error::usage("-http is not supported: pa has no web UI; try pa top, pa flame or pa pprof -top"));
    }
    for f in ["tagroot", "tagleaf"] {
        if p.get(f).is_some_and(|v| !v.is_empty()) {
            return Err(Error::usage(format!("-{f} is not supported by pa pprof yet")));
        }
    }

    // The output format.
    let mut formats: Vec<&str> = SUPPORTED_FORMATS.iter().copied().filter(|f| *f != "peek" && p.bool(f)).collect();
    let peek = p.get("peek").filter(|v| !v.is_empty());
    if peek.is_some() {
        formats.push("peek");
    }
    if formats.len() > 1 {
        return Err(Error::usage("must set at most one output format"));
    }
    let Some(&format) = formats.first() else {
        return Err(Error::usage(
            "pa pprof needs a report flag: -top, -text, -traces, -tree, -peek=REGEX, -tags, -raw or -comments (pa has no interactive mode)",
        ));
    };

    let mut cfg = Config {
        format: match format {
            "text" | "top" => OutputFormat::Text,
            "traces" => OutputFormat::Traces,
            "tree" | "peek" => OutputFormat::Tree,
            "tags" => OutputFormat::Tags,
            "raw" => OutputFormat::Raw,
            _ => OutputFormat::Comments,
        },
        ..Config::default()
    };
    cfg.symbol = peek.map(str::to_string);

    // Choice groups: at most one of each.
    let sorts: Vec<&str> = ["cum", "flat"].into_iter().filter(|f| p.bool(f)).collect();
    if sorts.len() > 1 {
        return Err(Error::usage(format!("conflicting options set: [{}]", sorts.join(" "))));
    }
    cfg.cum = sorts.first() == Some(&"cum");
    let grans: Vec<&str> = Granularity::NAMES.into_iter().filter(|f| p.bool(f)).collect();
    if grans.len() > 1 {
        return Err(Error::usage(format!("conflicting options set: [{}]", grans.join(" "))));
    }
    cfg.granularity = grans.first().and_then(|g| Granularity::parse(g));

    let s = |n: &str| p.get(n).unwrap_or("").to_string();
    cfg.focus = s("focus");
    cfg.ignore = s("ignore");
    cfg.hide = s("hide");
    cfg.show = s("show");
    cfg.show_from = s("show_from");
    cfg.prune_from = s("prune_from");
    cfg.tagfocus = s("tagfocus");
    cfg.tagignore = s("tagignore");
    cfg.tagshow = s("tagshow");
    cfg.taghide = s("taghide");
    cfg.trim_path = s("trim_path");
    cfg.source_path = s("source_path");
    if let Some(u) = p.get("unit") {
        cfg.unit = u.to_string();
    }
    if let Some(n) = p.get("nodecount") {
        cfg.nodecount = n.parse().unwrap_or(-1);
    }
    if let Some(f) = p.get("nodefraction") {
        cfg.nodefraction = f.parse().unwrap_or(0.005);
    }
    if let Some(f) = p.get("edgefraction") {
        cfg.edgefraction = f.parse().unwrap_or(0.001);
    }
    if let Some(f) = p.get("divide_by") {
        cfg.divide_by = f.parse().unwrap_or(1.0);
    }
    if let Some(t) = p.get("trim") {
        cfg.trim = t == "true";
    }
    cfg.mean = p.bool("mean");
    cfg.noinlines = p.bool("noinlines");
    cfg.show_columns = p.bool("showcolumns");
    cfg.relative_percentages = p.bool("relative_percentages");
    cfg.compact_labels = p.bool("compact_labels");
    cfg.drop_negative = p.bool("drop_negative");

    // Sample index and the legacy aliases, in pprof's order.
    let mut si = s("sample_index");
    for (flag, ty) in [
        ("total_delay", "delay"),
        ("mean_delay", "delay"),
        ("contentions", "contentions"),
        ("inuse_space", "inuse_space"),
        ("inuse_objects", "inuse_objects"),
        ("alloc_space", "alloc_space"),
        ("alloc_objects", "alloc_objects"),
    ] {
        if p.bool(flag) {
            if si.is_empty() {
                si = ty.to_string();
            } else {
                warn(format!("Multiple value selections, ignoring -{flag}"));
            }
        }
    }
    cfg.sample_index = si;
    if p.bool("mean_delay") {
        cfg.mean = true;
    }

    // Sources.
    let base = p.get("base").filter(|v| !v.is_empty());
    let diff_base = p.get("diff_base").filter(|v| !v.is_empty());
    if base.is_some() && diff_base.is_some() {
        return Err(Error::usage("-base and -diff_base flags cannot both be specified"));
    }
    let mut args = p.args.clone();
    if args.is_empty() {
        return Err(Error::usage("no profile source specified"));
    }
    // pprof takes a first argument that is an executable as the binary.
    if args.len() > 1 && is_executable(&args[0]) {
        warn(format!("{}: taken as the executable; pa does not symbolize from binaries", args[0]));
        args.remove(0);
    }
    let mut fetch = crate::source::FetchOptions::default();
    if let Some(sec) = p.get("seconds").and_then(|v| v.parse::<i64>().ok()).filter(|&v| v > 0) {
        fetch.seconds = Some(sec as u64);
    }
    if let Some(t) = p.get("timeout").and_then(|v| v.parse::<i64>().ok()).filter(|&v| v > 0) {
        fetch.timeout = Some(std::time::Duration::from_secs(t as u64));
    }
    let sources = Sources {
        sources: args,
        bases: base.or(diff_base).map(|b| vec![b.to_string()]).unwrap_or_default(),
        diff_base: diff_base.is_some(),
        normalize: p.bool("normalize"),
        all_frames: p.bool("all_frames"),
        symbolize_none: p
            .get("symbolize")
            .is_some_and(|v| v.split(':').any(|o| o.eq_ignore_ascii_case("none") || o.eq_ignore_ascii_case("no"))),
        add_comment: p.get("add_comment").filter(|v| !v.is_empty()).map(str::to_string),
        fetch,
        text_symbols: false,
    };
    let prof = driver::fetch_profiles(&sources)?;
    let mut rpt = driver::build_report(prof, cfg, &mut warn)?;

    let mut buf: Vec<u8> = Vec::new();
    let res = match rpt.options.format {
        OutputFormat::Text => render::pprof::text(&mut buf, &mut rpt).map(|_| None),
        OutputFormat::Tree => render::pprof::tree(&mut buf, &mut rpt),
        OutputFormat::Traces => render::pprof::traces(&mut buf, &rpt).map(|_| None),
        OutputFormat::Tags => render::pprof::tags(&mut buf, &rpt).map(|_| None),
        OutputFormat::Raw => render::pprof::raw(&mut buf, &rpt).map(|_| None),
        OutputFormat::Comments => render::pprof::comments(&mut buf, &rpt).map(|_| None),
    };
    crate::commands::leave_for_exit(rpt);
    let late_error = res.map_err(|e| Error::msg(e.to_string()))?;
    match p.get("output").filter(|v| !v.is_empty()) {
        Some(path) => {
            let _ = writeln!(err, "Generating report in {path}");
            crate::commands::write_file_atomic(path, &crate::profile::rawbytes::restore(&buf))?;
        }
        None => out.write_all(&crate::profile::rawbytes::for_stdout(&buf)).map_err(crate::commands::io_error)?,
    }
    if let Some(m) = late_error {
        return Err(Error::msg(m));
    }
    Ok(())
}

/// Does the file start like an object file (ELF, Mach-O, PE)?
fn is_executable(path: &str) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    match std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)) {
        Ok(()) => {
            &head == b"\x7fELF"
                || matches!(u32::from_le_bytes(head), 0xfeedface | 0xfeedfacf | 0xcafebabe)
                || head[..2] == *b"MZ"
        }
        Err(_) => false,
    }
}
