//! `pa top`: the everyday command. Off a terminal (or with `--format
//! pprof`) it prints exactly what `go tool pprof -top -nodecount=20` prints
//! for the same options; on a terminal a table with the same rows.

use std::io::{IsTerminal, Write};

use clap::Args;

use crate::driver::{self, Config, Sources};
use crate::error::{Error, Result};
use crate::render;
use crate::report::OutputFormat;
use crate::transform::Granularity;

// Options shared by the commands that shape a profile (top, diff, flame).
#[derive(Args, Debug, Clone, Default)]
pub struct ShapeArgs {
    /// Sample type to show, by name or number (e.g. alloc_space, 0)
    #[arg(short = 'i', long = "sample-index", value_name = "TYPE")]
    pub sample_index: Option<String>,
    /// Show mean values per sample (divides by the first value, e.g. delay/contentions)
    #[arg(long)]
    pub mean: bool,
    /// Only samples with a frame matching REGEX (function, file or binary name)
    #[arg(long, value_name = "REGEX")]
    pub focus: Option<String>,
    /// Drop samples with a frame matching REGEX
    #[arg(long, value_name = "REGEX")]
    pub ignore: Option<String>,
    /// Remove frames matching REGEX from the stacks (their time goes to the caller)
    #[arg(long, value_name = "REGEX")]
    pub hide: Option<String>,
    /// Keep only frames matching REGEX
    #[arg(long, value_name = "REGEX")]
    pub show: Option<String>,
    /// Cut each stack above the root-most frame matching REGEX
    #[arg(long = "show-from", value_name = "REGEX")]
    pub show_from: Option<String>,
    /// Cut each stack below the frame matching REGEX (its callees merge into it)
    #[arg(long = "prune-from", value_name = "REGEX")]
    pub prune_from: Option<String>,
    /// Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)
    #[arg(long, value_name = "FILTER")]
    pub tagfocus: Option<String>,
    /// Drop samples whose labels match ([key=]regex,... or a numeric range)
    #[arg(long, value_name = "FILTER")]
    pub tagignore: Option<String>,
    /// Keep only label keys matching REGEX
    #[arg(long, value_name = "REGEX")]
    pub tagshow: Option<String>,
    /// Remove label keys matching REGEX
    #[arg(long, value_name = "REGEX")]
    pub taghide: Option<String>,
    /// What one row is: functions, filefunctions, files, lines or addresses
    #[arg(short = 'g', long, value_name = "G", value_parser = ["functions", "filefunctions", "files", "lines", "addresses"])]
    pub granularity: Option<String>,
    /// Charge inlined functions to their caller
    #[arg(long)]
    pub noinlines: bool,
    /// Unit for values: minimum (default), auto, or one like ms, s, kb, mb
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Divide every value by F before printing (percentages unchanged)
    #[arg(long = "divide-by", value_name = "F")]
    pub divide_by: Option<f64>,
    /// Percentages relative to what the filters keep, not the whole profile
    #[arg(long = "relative-percentages")]
    pub relative_percentages: bool,
    /// Strip these path prefixes (colon-separated) from file names
    #[arg(long = "trim-path", value_name = "PREFIXES")]
    pub trim_path: Option<String>,
    /// Ignore the profile's drop_frames/keep_frames
    #[arg(long = "all-frames")]
    pub all_frames: bool,
}

impl ShapeArgs {
    pub fn apply(&self, cfg: &mut Config) {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        cfg.sample_index = s(&self.sample_index);
        cfg.mean = self.mean;
        cfg.focus = s(&self.focus);
        cfg.ignore = s(&self.ignore);
        cfg.hide = s(&self.hide);
        cfg.show = s(&self.show);
        cfg.show_from = s(&self.show_from);
        cfg.prune_from = s(&self.prune_from);
        cfg.tagfocus = s(&self.tagfocus);
        cfg.tagignore = s(&self.tagignore);
        cfg.tagshow = s(&self.tagshow);
        cfg.taghide = s(&self.taghide);
        cfg.granularity = self.granularity.as_deref().and_then(Granularity::parse);
        cfg.noinlines = self.noinlines;
        if let Some(u) = &self.unit {
            cfg.unit = u.clone();
        }
        if let Some(d) = self.divide_by {
            cfg.divide_by = d;
        }
        cfg.relative_percentages = self.relative_percentages;
        cfg.trim_path = s(&self.trim_path);
    }
}

/// Options for fetching sources (URLs, size cap): the same for every command.
pub use crate::source::cli::HttpArgs as FetchArgs;

impl FetchArgs {
    pub fn options(&self) -> crate::source::FetchOptions {
        self.fetch_options()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TopFormat {
    Pprof,
    Table,
    Json,
    Csv,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  pa top heap.pb.gz
  pa top -n 50 --cum -i alloc_space heap.pb.gz
  pa top --focus 'mypkg\\.' --hide '^runtime\\.' --granularity lines cpu.pb.gz
  curl -s localhost:6060/debug/pprof/heap | pa top -
  pa top --base heap-1.pb.gz heap-2.pb.gz")]
pub struct TopArgs {
    /// Profiles: files, - for stdin, or URLs; several are merged
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<String>,
    /// How many rows to show (0 = all above --nodefraction)
    #[arg(short = 'n', long = "nodecount", value_name = "N", default_value_t = 20)]
    pub nodecount: i64,
    /// Sort by cumulative value instead of flat
    #[arg(long)]
    pub cum: bool,
    /// Hide rows whose cum is below this fraction of the total
    #[arg(long, value_name = "F", default_value_t = 0.005)]
    pub nodefraction: f64,
    /// Subtract this profile (repeatable; merged): stacks in both cancel out
    #[arg(long, value_name = "BASE", conflicts_with = "diff_base")]
    pub base: Vec<String>,
    /// Compare with this profile (repeatable); percentages of the base total
    #[arg(long = "diff-base", value_name = "BASE")]
    pub diff_base: Vec<String>,
    /// Scale the profile to the base's total before subtracting
    #[arg(long)]
    pub normalize: bool,
    /// Output: pprof (default off a terminal), table (default on one), json, csv
    #[arg(long, value_enum)]
    pub format: Option<TopFormat>,
    #[command(flatten)]
    pub shape: ShapeArgs,
    #[command(flatten)]
    pub fetch: FetchArgs,
}

pub fn run(a: &TopArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let bases = if a.base.is_empty() { &a.diff_base } else { &a.base };
    let sources =
        Sources::for_pa(&a.sources, bases, !a.diff_base.is_empty(), a.normalize, a.shape.all_frames, a.fetch.options());
    let mut cfg = Config { format: OutputFormat::Text, ..Config::default() };
    a.shape.apply(&mut cfg);
    cfg.nodecount = a.nodecount;
    cfg.cum = a.cum;
    cfg.nodefraction = a.nodefraction;
    let prof = driver::fetch_profiles(&sources)?;
    let mut warn = |m: String| {
        let _ = writeln!(err, "{m}");
    };
    let mut rpt = driver::build_report(prof, cfg, &mut warn)?;
    let format = a.format.unwrap_or(if std::io::stdout().is_terminal() { TopFormat::Table } else { TopFormat::Pprof });
    let mut buf = Vec::new();
    match format {
        TopFormat::Pprof => render::pprof::text(&mut buf, &mut rpt),
        TopFormat::Table => render::table::top(&mut buf, &mut rpt),
        TopFormat::Json => render::table::top_json(&mut buf, &mut rpt),
        TopFormat::Csv => render::table::top_csv(&mut buf, &mut rpt),
    }
    .map_err(|e| Error::msg(e.to_string()))?;
    crate::commands::leave_for_exit(rpt);
    if format == TopFormat::Pprof {
        return out.write_all(&crate::profile::rawbytes::for_stdout(&buf)).map_err(crate::commands::io_error);
    }
    out.write_all(&buf).map_err(crate::commands::io_error)
}
