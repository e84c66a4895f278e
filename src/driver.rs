//! The pipeline every report command runs, in pprof's order (pprof.md
//! §1.1): fetch and merge the sources, apply the base, drop frames, then
//! compute the total, filter, aggregate and hand over to a report.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::profile::{Profile, merge};
use crate::report::{self, OutputFormat, Report};
use crate::source::{self, FetchOptions};
use crate::transform::{self, Filters, Granularity, TagFilter};

/// Where the profiles come from and how they are combined.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub sources: Vec<String>,
    pub bases: Vec<String>,
    pub diff_base: bool,
    pub normalize: bool,
    /// `-all_frames`: ignore the profile's drop_frames/keep_frames.
    pub all_frames: bool,
    /// `-symbolize=none` skips pprof's name simplification step.
    pub symbolize_none: bool,
    pub add_comment: Option<String>,
    pub fetch: FetchOptions,
    /// Read the `#` symbol lines of Go's debug=1 text profiles (pa's own
    /// commands); off for `pa pprof`, which must show what pprof shows.
    pub text_symbols: bool,
}

impl Sources {
    /// The sources of pa's own commands (top, diff, flame): text profiles
    /// read with their `#` symbol lines, no comment added, names simplified
    /// as pprof does.
    pub fn for_pa(
        sources: &[String],
        bases: &[String],
        diff_base: bool,
        normalize: bool,
        all_frames: bool,
        fetch: FetchOptions,
    ) -> Sources {
        Sources {
            sources: sources.to_vec(),
            bases: bases.to_vec(),
            diff_base,
            normalize,
            all_frames,
            symbolize_none: false,
            add_comment: None,
            fetch,
            text_symbols: true,
        }
    }
}

/// Loads and merges several sources (pprof's merge rules).
pub fn load_all(specs: &[String], s: &Sources) -> Result<Profile> {
    let legacy = if s.text_symbols {
        crate::decode::legacy::Options::symbolized()
    } else {
        crate::decode::legacy::Options::pprof()
    };
    let mut profiles = Vec::with_capacity(specs.len());
    for spec in specs {
        let data = source::read(spec, &s.fetch)?;
        let name = source::display_name(spec, &s.fetch);
        profiles.push(crate::decode::decode_with(&name, &data, s.fetch.max_bytes, legacy)?.profile);
    }
    merge::merge(profiles).map_err(|e| {
        let e = Error::msg(format!("problem fetching source profiles: {e}"));
        // One source: name it, as every other input error does.
        if let [spec] = specs { e.with_source(&source::display_name(spec, &s.fetch)) } else { e }
    })
}

/// pprof's `fetchProfiles` minus the network saving: merged sources, the
/// base applied, names simplified, drop_frames applied.
pub fn fetch_profiles(s: &Sources) -> Result<Profile> {
    if s.sources.is_empty() {
        return Err(Error::usage("no profile source specified"));
    }
    if s.normalize && s.bases.is_empty() {
        return Err(Error::usage("must have base profile to normalize by"));
    }
    let (p, base) = load_sides(s)?;
    finish_profiles(s, p, base)
}

/// The merged sources and the merged bases (if any). When both sides are
/// files they are read on two threads: decoding one big profile keeps
/// about one and a half cores busy, so two overlap well. URLs and stdin
/// are read in order, so that progress lines and prompts do not mix.
pub fn load_sides(s: &Sources) -> Result<(Profile, Option<Profile>)> {
    if s.bases.is_empty() {
        return Ok((load_all(&s.sources, s)?, None));
    }
    let all_files = s.sources.iter().chain(&s.bases).all(|spec| spec != "-" && std::path::Path::new(spec).is_file());
    if !all_files {
        let p = load_all(&s.sources, s)?;
        return Ok((p, Some(load_all(&s.bases, s)?)));
    }
    let (p, base) = std::thread::scope(|sc| {
        let base = sc.spawn(|| load_all(&s.bases, s));
        let p = load_all(&s.sources, s);
        (p, base.join())
    });
    // The sources' error first, as when they are read in order.
    let p = p?;
    let base = base.map_err(|_| Error::msg("internal error: reading the base failed"))??;
    Ok((p, Some(base)))
}

/// The rest of `fetchProfiles` once the sides are loaded: the base applied,
/// names simplified, drop_frames applied, the comment added.
pub fn finish_profiles(s: &Sources, mut p: Profile, base: Option<Profile>) -> Result<Profile> {
    if let Some(base) = base {
        p = merge::apply_base(p, base, s.diff_base, s.normalize).map_err(Error::msg)?;
    }
    if s.all_frames {
        p.drop_frames.clear();
        p.keep_frames.clear();
    }
    if !s.symbolize_none {
        transform::simplify_demangled_names(&mut p);
    }
    transform::remove_uninteresting(&mut p).map_err(Error::msg)?;
    crate::timing::mark("profile: base, names, drop_frames");
    unsource_mappings(&mut p);
    if let Some(c) = &s.add_comment {
        p.comments.push(c.clone());
    }
    Ok(p)
}

/// pprof clears mapping files that are absolute URLs (remote sources).
fn unsource_mappings(p: &mut Profile) {
    for m in &mut p.mappings {
        if m.build_id.is_empty() {
            let f = &m.file;
            if let Some(i) = f.find(':') {
                let scheme = &f[..i];
                if i > 0
                    && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                {
                    m.file.clear();
                }
            }
        }
    }
}

/// Everything that shapes one report, in pprof's configuration terms.
#[derive(Debug, Clone)]
pub struct Config {
    pub format: OutputFormat,
    pub sample_index: String,
    pub mean: bool,
    pub divide_by: f64,
    pub unit: String,
    pub cum: bool,
    pub nodecount: i64,
    pub nodefraction: f64,
    pub edgefraction: f64,
    pub trim: bool,
    pub granularity: Option<Granularity>,
    pub noinlines: bool,
    pub show_columns: bool,
    pub relative_percentages: bool,
    pub compact_labels: bool,
    pub drop_negative: bool,
    pub focus: String,
    pub ignore: String,
    pub hide: String,
    pub show: String,
    pub show_from: String,
    pub prune_from: String,
    pub tagfocus: String,
    pub tagignore: String,
    pub tagshow: String,
    pub taghide: String,
    pub trim_path: String,
    pub source_path: String,
    /// `-peek` regex.
    pub symbol: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            format: OutputFormat::Text,
            sample_index: String::new(),
            mean: false,
            divide_by: 1.0,
            unit: "minimum".into(),
            cum: false,
            nodecount: -1,
            nodefraction: 0.005,
            edgefraction: 0.001,
            trim: true,
            granularity: None,
            noinlines: false,
            show_columns: false,
            relative_percentages: false,
            compact_labels: false,
            drop_negative: false,
            focus: String::new(),
            ignore: String::new(),
            hide: String::new(),
            show: String::new(),
            show_from: String::new(),
            prune_from: String::new(),
            tagfocus: String::new(),
            tagignore: String::new(),
            tagshow: String::new(),
            taghide: String::new(),
            trim_path: String::new(),
            source_path: String::new(),
            symbol: None,
        }
    }
}

fn regex_option(name: &str, v: &str) -> Result<Option<regex::Regex>> {
    if v.is_empty() {
        return Ok(None);
    }
    crate::goregex::compile(v).map(Some).map_err(|e| Error::usage(format!("parsing {name} regexp: {e}")))
}

fn tag_option(name: &str, v: &str, warn: &mut dyn FnMut(String)) -> Result<Option<TagFilter>> {
    if v.is_empty() {
        return Ok(None);
    }
    let (f, note) = TagFilter::compile(name, v).map_err(Error::usage)?;
    if let Some(n) = note {
        warn(n);
    }
    Ok(Some(f))
}

/// pprof's `generateRawReport`: overrides per command, options, total,
/// filters (before or after the total, per -relative_percentages) and
/// aggregation. Warnings (pprof's stderr lines) go to `warn`.
pub fn build_report(mut p: Profile, mut cfg: Config, warn: &mut dyn FnMut(String)) -> Result<Report> {
    let (units, ignored) = transform::num_label_units(&p);
    for (k, us) in ignored {
        warn(format!("For tag {} used unit {}, also encountered unit(s) {}", k, units[&k], us.join(", ")));
    }
    // applyCommandOverrides
    let mut trim = cfg.trim;
    match cfg.format {
        OutputFormat::Text => {
            if cfg.nodecount == -1 {
                cfg.nodecount = 0;
            }
        }
        _ => {
            if cfg.symbol.is_some() {
                trim = false;
            }
            if cfg.nodecount == -1 {
                cfg.nodecount = 80;
            }
        }
    }
    if cfg.format == OutputFormat::Raw {
        trim = false;
        cfg.granularity = Some(Granularity::Addresses);
    }
    if !trim {
        cfg.nodecount = 0;
        cfg.nodefraction = 0.0;
        cfg.edgefraction = 0.0;
    }

    let filters = Filters {
        focus: regex_option("focus", &cfg.focus)?,
        ignore: regex_option("ignore", &cfg.ignore)?,
        hide: regex_option("hide", &cfg.hide)?,
        show: regex_option("show", &cfg.show)?,
        show_from: regex_option("show_from", &cfg.show_from)?,
        tagfocus: tag_option("tagfocus", &cfg.tagfocus, warn)?,
        tagignore: tag_option("tagignore", &cfg.tagignore, warn)?,
        prune_from: regex_option("prune_from", &cfg.prune_from)?,
        tagshow: regex_option("tagshow", &cfg.tagshow)?,
        taghide: regex_option("taghide", &cfg.taghide)?,
    };
    if cfg.relative_percentages {
        transform::apply_focus(&mut p, &filters, &units, warn);
    }
    // reportOptions
    if p.sample_types.is_empty() {
        return Err(Error::msg("profile has no samples"));
    }
    let index = p.sample_index(&cfg.sample_index).map_err(Error::usage)?;
    let st = p.sample_types[index].clone();
    if cfg.divide_by == 0.0 {
        return Err(Error::usage("zero divisor specified"));
    }
    let mut active = Vec::new();
    for (k, v) in [
        ("focus", &cfg.focus),
        ("ignore", &cfg.ignore),
        ("hide", &cfg.hide),
        ("show", &cfg.show),
        ("show_from", &cfg.show_from),
        ("tagfocus", &cfg.tagfocus),
        ("tagignore", &cfg.tagignore),
        ("tagshow", &cfg.tagshow),
        ("taghide", &cfg.taghide),
    ] {
        if !v.is_empty() {
            active.push(format!("{k}={v}"));
        }
    }
    let symbol = match &cfg.symbol {
        Some(s) => {
            Some(crate::goregex::compile(s).map_err(|e| Error::usage(format!("parsing argument regexp {s}: {e}")))?)
        }
        None => None,
    };
    let options = report::Options {
        format: cfg.format,
        cum_sort: cfg.cum,
        drop_negative: cfg.drop_negative,
        compact_labels: cfg.compact_labels,
        ratio: 1.0 / cfg.divide_by,
        nodecount: cfg.nodecount,
        nodefraction: cfg.nodefraction,
        edgefraction: cfg.edgefraction,
        active_filters: active,
        num_label_units: units.clone(),
        value_index: index,
        mean: cfg.mean,
        sample_type: if cfg.mean { format!("mean_{}", st.ty) } else { st.ty.clone() },
        sample_unit: st.unit.clone(),
        output_unit: cfg.unit.clone(),
        symbol,
        trim_path: cfg.trim_path.clone(),
        source_path: cfg.source_path.clone(),
    };
    let total = report::compute_total(&p, index, cfg.mean);
    if !cfg.relative_percentages {
        transform::apply_focus(&mut p, &filters, &units, warn);
    }
    let granularity = cfg.granularity.unwrap_or(Granularity::Functions);
    crate::timing::mark("report: total and filters");
    transform::aggregate(&mut p, granularity, cfg.noinlines, cfg.show_columns);
    crate::timing::mark("report: granularity");
    Ok(Report { prof: p, total, options })
}

/// The numeric-label units, exposed for callers that print labels.
pub fn label_units(p: &Profile) -> HashMap<String, String> {
    transform::num_label_units(p).0
}
