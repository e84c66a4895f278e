//! `pa info`: what a profile is: format, sample types (the default marked),
//! period, time, duration, table sizes, comments, drop/keep frames, label
//! keys, and for Go's heap text the `runtime.MemStats` summary.
//! `--dump` prints the parsed profile in pprof's `Profile.String()` layout.

use std::io::Write;

use clap::Args;

use crate::commands::top::FetchArgs;
use crate::decode::{self, Decoded, legacy};
use crate::error::{Error, Result};
use crate::measurement;
use crate::profile::Profile;
use crate::render::table::{json_string, terminal_safe};

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  pa info heap.pb.gz
  pa info heap-debug1.txt          # includes the runtime.MemStats summary
  pa info --format json cpu.pb.gz
  pa info --dump mutex.txt         # the parsed profile, pprof's raw layout")]
pub struct InfoArgs {
    /// Profiles: files, - for stdin, or URLs
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<String>,
    /// Print the parsed profile in pprof's Profile.String() layout instead
    #[arg(long)]
    pub dump: bool,
    /// Read text profiles as go tool pprof does (ignore their # symbol lines)
    #[arg(long = "no-text-symbols")]
    pub no_text_symbols: bool,
    /// Output: text (default) or json
    #[arg(long, value_parser = ["text", "json"], default_value = "text")]
    pub format: String,
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// MemStats fields worth a glance, and whether they count bytes.
const MEMSTATS: &[(&str, bool)] = &[
    ("HeapAlloc", true),
    ("HeapInuse", true),
    ("HeapIdle", true),
    ("HeapReleased", true),
    ("HeapSys", true),
    ("Sys", true),
    ("TotalAlloc", true),
    ("HeapObjects", false),
    ("Mallocs", false),
    ("Frees", false),
    ("NextGC", true),
    ("NumGC", false),
    ("NumForcedGC", false),
    ("GCCPUFraction", false),
    ("MaxRSS", true),
];

fn human(v: u64) -> String {
    measurement::scaled_label(v as i64, "bytes", "auto")
}

struct Facts {
    rows: Vec<(String, String)>,
}

fn facts(name: &str, d: &Decoded) -> Facts {
    let p: &Profile = &d.profile;
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: String| rows.push((k.to_string(), v));
    push("source", name.to_string());
    push("format", format!("{}{}", d.format.name(), if d.gzipped { " (gzipped)" } else { "" }));
    let default = p.sample_index("").ok();
    let types: Vec<String> = p
        .sample_types
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}/{}{}", t.ty, t.unit, if Some(i) == default { " [default]" } else { "" }))
        .collect();
    push("sample types", types.join(", "));
    if !p.period_type.ty.is_empty() || p.period != 0 {
        push("period", format!("{} {}/{}", p.period, p.period_type.ty, p.period_type.unit));
    }
    if p.time_nanos != 0 {
        push("time", crate::gotime::format_time_header(p.time_nanos));
    }
    if p.duration_nanos != 0 {
        push("duration", measurement::label(p.duration_nanos, "nanoseconds"));
    }
    push("samples", p.samples.len().to_string());
    push("locations", p.locations.len().to_string());
    push("functions", p.functions.len().to_string());
    push("mappings", p.mappings.len().to_string());
    if let Some(m) = p.mappings.first()
        && !m.file.is_empty()
    {
        push("main binary", m.file.clone());
    }
    for c in &p.comments {
        push("comment", c.clone());
    }
    if !p.drop_frames.is_empty() {
        push("drop_frames", p.drop_frames.clone());
    }
    if !p.keep_frames.is_empty() {
        push("keep_frames", p.keep_frames.clone());
    }
    let units = crate::driver::label_units(p);
    let mut keys: Vec<String> = Vec::new();
    let mut seen = vec![false; p.labels.len()];
    for &l in &p.samples.labels {
        if std::mem::replace(&mut seen[l as usize], true) {
            continue;
        }
        let set = p.labels.get(l);
        for (k, _) in &set.strs {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        for (k, _, _) in &set.nums {
            let shown = format!("{k} ({})", units.get(k).map(String::as_str).unwrap_or(""));
            if !keys.contains(&shown) {
                keys.push(shown);
            }
        }
    }
    if !keys.is_empty() {
        keys.sort();
        push("label keys", keys.join(", "));
    }
    if let Some(ms) = &d.memstats {
        for (field, bytes) in MEMSTATS {
            if let Some(v) = ms.get(field) {
                let shown = match (bytes, ms.get_u64(field)) {
                    (true, Some(n)) => format!("{} ({n})", human(n)),
                    _ => v.to_string(),
                };
                push(&format!("MemStats.{field}"), shown);
            }
        }
    }
    Facts { rows }
}

pub fn run(a: &InfoArgs, out: &mut dyn Write) -> Result<()> {
    let opts = a.fetch.options();
    let legacy = if a.no_text_symbols { legacy::Options::pprof() } else { legacy::Options::symbolized() };
    let mut buf = Vec::new();
    let mut all = Vec::new();
    for spec in &a.sources {
        let data = crate::source::read(spec, &opts)?;
        let name = crate::source::display_name(spec, &opts);
        let d = decode::decode_with(&name, &data, opts.max_bytes, legacy)?;
        if a.dump {
            buf.extend_from_slice(crate::profile::dump::to_string(&d.profile).as_bytes());
            continue;
        }
        all.push(facts(&name, &d));
    }
    let io = |e: std::io::Error| Error::msg(format!("writing output: {e}"));
    if a.dump {
        return out.write_all(&crate::profile::rawbytes::for_stdout(&buf)).map_err(io);
    }
    if a.format == "json" {
        let items: Vec<String> = all
            .iter()
            .map(|f| {
                // Repeated keys (comments) become arrays.
                let mut keys: Vec<&str> = Vec::new();
                for (k, _) in &f.rows {
                    if !keys.contains(&k.as_str()) {
                        keys.push(k);
                    }
                }
                let fields: Vec<String> = keys
                    .iter()
                    .map(|k| {
                        let vals: Vec<String> =
                            f.rows.iter().filter(|(r, _)| r == k).map(|(_, v)| json_string(v)).collect();
                        let v = if vals.len() == 1 && *k != "comment" {
                            vals[0].clone()
                        } else {
                            format!("[{}]", vals.join(","))
                        };
                        format!("{}:{}", json_string(k), v)
                    })
                    .collect();
                format!("{{{}}}", fields.join(","))
            })
            .collect();
        writeln!(buf, "[{}]", items.join(",")).map_err(io)?;
    } else {
        for (i, f) in all.iter().enumerate() {
            if i > 0 {
                writeln!(buf).map_err(io)?;
            }
            let w = f.rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
            for (k, v) in &f.rows {
                writeln!(buf, "{}  {}", crate::gofmt::pad_right(&format!("{k}:"), w + 1), terminal_safe(v))
                    .map_err(io)?;
            }
        }
    }
    out.write_all(&buf).map_err(io)
}
