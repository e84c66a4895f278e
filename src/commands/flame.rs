//! `pa flame`: a flame graph of a profile as an SVG file (inferno), as
//! folded stacks, or as a call tree in the terminal. The data goes through
//! the same pipeline as `pa top` (merge, base, drop_frames, filters,
//! granularity); see `report::stacks` for how stacks are built and
//! `render::flame` for the outputs.

use std::io::{IsTerminal, Write};

use clap::Args;

use crate::commands::top::{FetchArgs, ShapeArgs};
use crate::driver::{self, Config, Sources};
use crate::error::{Error, Result};
use crate::measurement;
use crate::render::flame::{self as fr, Colors, SvgOptions, TextOptions};
use crate::report::stacks::CallTree;
use crate::report::{OutputFormat, Report};

// Draw a flame graph: an SVG file (default), folded stacks or a terminal call tree.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  pa flame cpu.pb.gz > cpu.svg
  pa flame -i alloc_space --focus 'myapp/' heap.pb.gz > allocs.svg
  pa flame --base heap-1.pb.gz heap-2.pb.gz > growth.svg     # differential
  pa flame --icicle localhost:6060 > cpu.svg                  # root at the top
  pa flame --folded cpu.pb.gz | grep ServeHTTP                # folded stacks
  pa flame --text cpu.pb.gz                                   # call tree in the terminal

Differential graphs (--base or --diff-base) have the new profile's shape; a
frame is red when its own value grew since the base and blue when it shrank.
With --folded they print new minus base per stack (signed).

Colours (--colors package): each Go package (import path up to the last /,
then up to the first .) gets a hue from a hash of its name, the same in
every graph.")]
pub struct FlameArgs {
    /// Profiles: files, - for stdin, or URLs; several are merged
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<String>,
    /// Base profile (repeatable; merged): draw a differential flame graph
    #[arg(long, value_name = "BASE", conflicts_with = "diff_base")]
    pub base: Vec<String>,
    /// Like --base, with percentages of the base's total (pprof's -diff_base)
    #[arg(long = "diff-base", value_name = "BASE")]
    pub diff_base: Vec<String>,
    /// Scale the profile to the base's total before comparing
    #[arg(long)]
    pub normalize: bool,
    /// Print folded stacks (frame;frame;... value, root first) instead of an SVG
    #[arg(long, conflicts_with = "text")]
    pub folded: bool,
    /// Print the call tree in the terminal instead of an SVG
    #[arg(long)]
    pub text: bool,
    /// SVG width in pixels (default 1200); with --text, columns (default: the terminal's)
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Merge away frames narrower than this many pixels (keeps huge profiles small)
    #[arg(long = "min-width", value_name = "PX", default_value_t = 0.1)]
    pub min_width: f64,
    /// SVG title (default: type, source and time of the profile)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Root at the top, callees below (like pprof's web view)
    #[arg(long)]
    pub icicle: bool,
    /// Merge stacks by their leaf: leaves at the root, callers above them
    #[arg(long)]
    pub reverse: bool,
    /// Frame colours: package (stable hue per Go package) or an inferno palette
    #[arg(long, value_name = "PALETTE", default_value = "package", value_parser = clap::builder::PossibleValuesParser::new(Colors::NAMES))]
    pub colors: String,
    /// With --text: hide nodes below this percentage of the total
    #[arg(long = "min-percent", value_name = "P", default_value_t = 1.0)]
    pub min_percent: f64,
    /// Write to FILE (atomically) instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<String>,
    #[command(flatten)]
    pub shape: ShapeArgs,
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// "a.pb.gz", or "a.pb.gz + 2 more" for merged sources.
fn sources_name(s: &[String]) -> String {
    match s.len() {
        0 => String::new(),
        1 => s[0].clone(),
        n => format!("{} + {} more", s[0], n - 1),
    }
}

/// The unit inferno prints after each value, and the factor applied to
/// values for it: time is shown in ms when every value is whole
/// milliseconds (CPU profiles), otherwise in µs (rounded); bytes as bytes;
/// counts by the sample type's name.
fn count_unit(rpt: &Report, tree: &CallTree) -> (String, f64) {
    let unit = rpt.options.sample_unit.as_str();
    let ty = rpt.options.sample_type.as_str();
    if let Some(u) = measurement::UnitType::Time.sniff(unit) {
        // u.factor: nanoseconds per unit.
        let ns_per_unit = u.factor;
        let whole_ms = tree.selves_multiple_of(rpt, ns_per_unit, 1e6);
        return if whole_ms { ("ms".into(), ns_per_unit / 1e6) } else { ("µs".into(), ns_per_unit / 1e3) };
    }
    if let Some(u) = measurement::UnitType::Bytes.sniff(unit) {
        return ("bytes".into(), u.factor);
    }
    match unit {
        "" | "count" => (if ty.is_empty() { "samples".into() } else { ty.to_string() }, 1.0),
        u => (u.to_string(), 1.0),
    }
}

fn name_type(granularity: Option<&str>) -> &'static str {
    match granularity {
        Some("lines") => "Line:",
        Some("files") => "File:",
        Some("addresses") => "Address:",
        _ => "Function:",
    }
}

/// Columns for --text: --width, $COLUMNS, the terminal's, else 100.
fn text_columns(flag: Option<usize>) -> usize {
    crate::render::terminal::columns(flag)
}

pub fn run(a: &FlameArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let svg_mode = !a.folded && !a.text;
    if svg_mode && a.output.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::usage(
            "not writing an SVG to a terminal: redirect it (pa flame ... > out.svg), use -o FILE, or --text",
        ));
    }
    let colors = Colors::parse(&a.colors).ok_or_else(|| Error::usage(format!("unknown --colors {:?}", a.colors)))?;
    let bases = if a.base.is_empty() { &a.diff_base } else { &a.base };
    // Base samples stay apart (pprof::base label) so the tree can tell the
    // new profile's values from the base's; with --base the totals are
    // then the base's too, as with --diff-base.
    let sources =
        Sources::for_pa(&a.sources, bases, !bases.is_empty(), a.normalize, a.shape.all_frames, a.fetch.options());
    let mut cfg = Config { format: OutputFormat::Text, ..Config::default() };
    a.shape.apply(&mut cfg);
    let prof = driver::fetch_profiles(&sources)?;
    let mut warn = |m: String| {
        let _ = writeln!(err, "{m}");
    };
    let rpt = driver::build_report(prof, cfg, &mut warn)?;
    // Only the frames an SVG or the terminal tree shows are built: a huge
    // profile has tens of millions of distinct stack prefixes, a graph a
    // few thousand frames.
    let tree = if a.folded {
        CallTree::build(&rpt, a.reverse)
    } else if a.text {
        let cut = fr::text_cut(rpt.total, a.min_percent);
        CallTree::build_pruned(&rpt, a.reverse, |n, _| fr::text_shown(n, cut))
    } else {
        let width = a.width.unwrap_or(1200);
        CallTree::build_pruned(&rpt, a.reverse, |n, root| n.wide_enough(fr::min_value(root.cum, width, a.min_width)))
    };

    let mut buf = Vec::new();
    if a.folded {
        fr::folded(&mut buf, &tree).map_err(|e| Error::msg(e.to_string()))?;
    } else if a.text {
        let mut header = rpt.profile_labels();
        for f in &rpt.options.active_filters {
            header.push(format!("Active filter: {f}"));
        }
        if tree.differential {
            header.push(format!(
                "Values: new minus base; percentages of the base's total ({})",
                rpt.format_value(rpt.total)
            ));
        }
        let format = |v: i64| rpt.format_value(v);
        let o = TextOptions {
            header,
            total: rpt.total,
            format: &format,
            width: text_columns(a.width),
            min_percent: a.min_percent,
        };
        fr::text(&mut buf, &tree, &o).map_err(|e| Error::msg(e.to_string()))?;
    } else {
        let o = svg_options(a, &rpt, &tree, colors, bases);
        let stats = fr::svg(&mut buf, &tree, &o).map_err(|e| Error::msg(format!("drawing the flame graph: {e}")))?;
        if stats.negative_stacks > 0 {
            warn(format!(
                "{} stacks with negative values are not drawn (use --base for a differential graph)",
                stats.negative_stacks
            ));
        }
    }
    if tree.root().cum == 0 && tree.root().base_cum == 0 {
        warn("no samples left to draw (check the filters and --sample-index)".into());
    }
    match &a.output {
        Some(path) => crate::commands::write_file_atomic(path, &buf),
        None => out.write_all(&buf).map_err(crate::commands::io_error),
    }
}

fn svg_options(a: &FlameArgs, rpt: &Report, tree: &CallTree, colors: Colors, bases: &[String]) -> SvgOptions {
    let p = &rpt.prof;
    let ty = &rpt.options.sample_type;
    let title = match &a.title {
        Some(t) => t.clone(),
        None => {
            let mut t = format!("{ty}: {}", sources_name(&a.sources));
            if !bases.is_empty() {
                t.push_str(&format!(" vs base {}", sources_name(bases)));
            }
            if p.time_nanos != 0 {
                t.push_str(&format!(", {}", crate::gotime::format_time_header(p.time_nanos)));
            }
            if a.reverse {
                t.push_str(" (reversed: merged by leaf)");
            }
            t
        }
    };
    let root = tree.root();
    let mut sub = Vec::new();
    if tree.differential || !bases.is_empty() {
        let delta = root.cum.wrapping_sub(root.base_cum);
        let sign = if delta > 0 { "+" } else { "" };
        sub.push(format!(
            "New {} vs base {} ({sign}{}). Width: new profile; red: grew since base, blue: shrank",
            rpt.format_value(root.cum),
            rpt.format_value(root.base_cum),
            rpt.format_value(delta)
        ));
    } else {
        let shown = root.cum;
        if shown == rpt.total {
            sub.push(format!("Total {}", rpt.format_value(shown)));
        } else {
            sub.push(format!(
                "Showing {} of {} total ({})",
                rpt.format_value(shown),
                rpt.format_value(rpt.total),
                measurement::percentage(shown, rpt.total).trim()
            ));
        }
    }
    if p.duration_nanos != 0 {
        sub.push(format!("duration {}", measurement::label(p.duration_nanos, "nanoseconds")));
    }
    if !rpt.options.active_filters.is_empty() {
        sub.push(rpt.options.active_filters.join(" "));
    }
    let (count_name, factor) = count_unit(rpt, tree);
    SvgOptions {
        title,
        subtitle: Some(sub.join(", ")),
        count_name,
        factor,
        name_type: name_type(a.shape.granularity.as_deref()).into(),
        width: a.width.unwrap_or(1200),
        min_width_px: a.min_width,
        icicle: a.icicle,
        colors,
    }
}
