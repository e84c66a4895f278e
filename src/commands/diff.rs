//! `pa diff`: what changed between two profiles, as one table of base,
//! new and signed deltas; `--format pprof` prints go tool pprof's
//! `-top -diff_base` instead.

use std::io::{IsTerminal, Write};

use clap::Args;

use crate::commands::top::{FetchArgs, ShapeArgs};
use crate::driver::{self, Config, Sources};
use crate::error::{Error, Result};
use crate::profile::Profile;
use crate::profile::merge::{self, DiffSides};
use crate::render;
use crate::report::OutputFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Table,
    Pprof,
    Json,
    Csv,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  pa diff --base heap-1.pb.gz heap-2.pb.gz
  pa diff --base before.pb.gz after.pb.gz -i alloc_space -n 30 --cum
  pa diff --base a1.pb.gz --base a2.pb.gz b1.pb.gz b2.pb.gz   # merged on each side
  pa diff --base old.pb.gz --normalize new.pb.gz              # compare shapes, not volumes")]
pub struct DiffArgs {
    /// The newer profiles (merged): files, - for stdin, or URLs
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<String>,
    /// The base profile (repeatable; merged)
    #[arg(long, value_name = "BASE", required = true)]
    pub base: Vec<String>,
    /// How many rows to show (0 = all)
    #[arg(short = 'n', long = "nodecount", value_name = "N", default_value_t = 20)]
    pub nodecount: i64,
    /// Sort by the change in cumulative value instead of flat
    #[arg(long)]
    pub cum: bool,
    /// Scale the new profile to the base's total first (compare shapes, not volumes)
    #[arg(long)]
    pub normalize: bool,
    /// Output: table (default), pprof (go tool pprof -top -diff_base), json, csv
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    #[command(flatten)]
    pub shape: ShapeArgs,
    #[command(flatten)]
    pub fetch: FetchArgs,
}

fn type_list(p: &Profile) -> String {
    let v: Vec<String> = p.sample_types.iter().map(|t| format!("{}/{}", t.ty, t.unit)).collect();
    format!("[{}]", v.join(" "))
}

/// Refuses pairs that share no sample type (a heap profile against a CPU
/// profile) with both sides' types in the message.
fn check_comparable(base: &Profile, new: &Profile) -> Result<()> {
    let common = new.sample_types.iter().any(|t| base.sample_types.iter().any(|b| b.ty == t.ty));
    if !common {
        return Err(Error::msg(format!(
            "cannot compare profiles of different types: the base has {} and the new profile has {}",
            type_list(base),
            type_list(new)
        )));
    }
    Ok(())
}

pub fn run(a: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let sources = Sources::for_pa(&a.sources, &a.base, true, a.normalize, a.shape.all_frames, a.fetch.options());
    let (new, base) = driver::load_sides(&sources)?;
    let base = base.ok_or_else(|| Error::usage("no base profile"))?;
    check_comparable(&base, &new)?;
    let meta = render::diff::SideMeta::of(&base, &new);
    let mut cfg = Config { format: OutputFormat::Text, ..Config::default() };
    a.shape.apply(&mut cfg);
    cfg.cum = a.cum;
    cfg.nodecount = a.nodecount;
    let mut warn = |m: String| {
        let _ = writeln!(err, "{m}");
    };
    let mut buf = Vec::new();
    match a.format {
        DiffFormat::Pprof => {
            let combined = driver::finish_profiles(&sources, new, Some(base))?;
            let mut rpt = driver::build_report(combined, cfg, &mut warn)?;
            render::pprof::text(&mut buf, &mut rpt).map_err(crate::commands::io_error)?;
            return out.write_all(&crate::profile::rawbytes::for_stdout(&buf)).map_err(crate::commands::io_error);
        }
        f => {
            // The two sides without the combined profile pprof would split
            // again (merge::diff_sides says when that is the same).
            let diff = match merge::diff_sides(new, base, sources.normalize).map_err(Error::msg)? {
                DiffSides::Split { new, base } => {
                    let new = driver::finish_profiles(&sources, *new, None)?;
                    let base = driver::finish_profiles(&sources, *base, None)?;
                    crate::report::diff::compute_sides(base, new, &cfg, a.cum, &mut warn)?
                }
                DiffSides::Combined(combined) => {
                    let combined = driver::finish_profiles(&sources, *combined, None)?;
                    crate::report::diff::compute(&combined, &cfg, a.cum, &mut warn)?
                }
            };
            let n = if a.nodecount > 0 { a.nodecount as usize } else { usize::MAX };
            let color = f == DiffFormat::Table
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            match f {
                DiffFormat::Table => render::diff::table(&mut buf, &diff, &meta, n, a.cum, color),
                DiffFormat::Json => render::diff::json(&mut buf, &diff, &meta, n),
                _ => render::diff::csv(&mut buf, &diff, n),
            }
            .map_err(crate::commands::io_error)?;
        }
    }
    out.write_all(&buf).map_err(crate::commands::io_error)
}
