//! pprof's `Profile.String()` layout (used by `-raw` and `pa info --dump`),
//! byte for byte: header lines, samples with their label lines, locations
//! and mappings (pprof.md §2.12).

use std::fmt::Write;

use super::{LabelSet, Location, Mapping, Profile, rawbytes};
use crate::gotime::{self, Zone};

/// The text dump of a profile, exactly as pprof's `Profile.String()`, with
/// the time in the local zone (Go's `time.Local`).
pub fn to_string(p: &Profile) -> String {
    to_string_in(p, gotime::local_zone())
}

/// [`to_string`] with the time shown in `zone`.
pub fn to_string_in(p: &Profile, zone: &Zone) -> String {
    let mut out = String::new();
    for c in &p.comments {
        let _ = writeln!(out, "Comment: {c}");
    }
    if !p.doc_url.is_empty() {
        let _ = writeln!(out, "Doc: {}", p.doc_url);
    }
    let _ = writeln!(out, "PeriodType: {} {}", p.period_type.ty, p.period_type.unit);
    let _ = writeln!(out, "Period: {}", p.period);
    if p.time_nanos != 0 {
        let _ = writeln!(out, "Time: {}", zone.format_time_string(p.time_nanos));
    }
    if p.duration_nanos != 0 {
        // `%.4v` keeps the first four characters of the duration.
        let d = gotime::duration_string_truncated(p.duration_nanos, 4);
        let _ = writeln!(out, "Duration: {d}");
    }

    out.push_str("Samples:\n");
    let mut header = String::new();
    for st in &p.sample_types {
        let dflt = if st.ty == p.default_sample_type { "[dflt]" } else { "" };
        let _ = write!(header, "{}/{}{} ", st.ty, st.unit, dflt);
    }
    out.push_str(header.trim_matches(is_go_space));
    out.push('\n');
    for i in 0..p.samples.len() {
        for v in p.samples.values(i) {
            let _ = write!(out, " {v:10}");
        }
        out.push_str(": ");
        for &l in p.samples.stack(i) {
            let _ = write!(out, "{} ", p.locations[l as usize].id);
        }
        out.push('\n');
        let labels = p.labels.get(p.samples.labels[i]);
        write_labels(&mut out, labels);
    }

    out.push_str("Locations\n");
    for l in &p.locations {
        write_location(&mut out, p, l);
    }

    out.push_str("Mappings\n");
    for m in &p.mappings {
        write_mapping(&mut out, m);
    }
    out
}

/// `strings.TrimSpace`'s notion of space for the ASCII range and the
/// Unicode spaces Go recognises.
fn is_go_space(c: char) -> bool {
    c.is_whitespace()
}

const LABEL_INDENT: &str = "                ";

fn write_labels(out: &mut String, labels: &LabelSet) {
    if !labels.strs.is_empty() {
        let mut items: Vec<String> = labels.strs.iter().map(|(k, vs)| format!("{k}:[{}]", vs.join(" "))).collect();
        sort_as_bytes(&mut items);
        out.push_str(LABEL_INDENT);
        out.push_str(&items.join(" "));
        out.push('\n');
    }
    if !labels.nums.is_empty() {
        let mut items: Vec<String> = labels
            .nums
            .iter()
            .map(|(k, vs, units)| {
                let vals: Vec<String> = if units.len() == vs.len() {
                    vs.iter().zip(units).map(|(v, u)| format!("{v} {u}")).collect()
                } else {
                    vs.iter().map(|v| v.to_string()).collect()
                };
                format!("{k}:[{}]", vals.join(" "))
            })
            .collect();
        sort_as_bytes(&mut items);
        out.push_str(LABEL_INDENT);
        out.push_str(&items.join(" "));
        out.push('\n');
    }
}

/// Sorts as Go sorts strings: by their bytes, with escaped non-UTF-8
/// bytes compared as the bytes they stand for.
fn sort_as_bytes(items: &mut [String]) {
    if items.iter().any(|s| s.chars().any(|c| rawbytes::raw_byte(c).is_some())) {
        items.sort_by(|a, b| rawbytes::restore(a.as_bytes()).cmp(&rawbytes::restore(b.as_bytes())));
    } else {
        items.sort();
    }
}

fn write_location(out: &mut String, p: &Profile, l: &Location) {
    let mut head = format!("{:6}: {:#x} ", l.id, l.address);
    if let Some(m) = p.mapping_of(l) {
        let _ = write!(head, "M={} ", m.id);
    }
    if l.is_folded {
        head.push_str("[F] ");
    }
    if l.lines.is_empty() {
        out.push_str(&head);
        out.push('\n');
        return;
    }
    for (i, ln) in l.lines.iter().enumerate() {
        if i == 0 {
            out.push_str(&head);
        } else {
            out.push_str("             ");
        }
        let f = &p.functions[ln.function as usize];
        let _ = write!(out, "{} {}:{}:{} s={}", f.name, f.filename, ln.line, ln.column, f.start_line);
        if f.name != f.system_name {
            let _ = write!(out, "({})", f.system_name);
        }
        out.push('\n');
    }
}

fn write_mapping(out: &mut String, m: &Mapping) {
    let mut bits = String::new();
    if m.has_functions {
        bits.push_str("[FN]");
    }
    if m.has_filenames {
        bits.push_str("[FL]");
    }
    if m.has_line_numbers {
        bits.push_str("[LN]");
    }
    if m.has_inline_frames {
        bits.push_str("[IN]");
    }
    let _ = writeln!(out, "{}: {:#x}/{:#x}/{:#x} {} {} {}", m.id, m.start, m.limit, m.offset, m.file, m.build_id, bits);
}
