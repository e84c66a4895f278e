//! pa's own views of a top report: a terminal table, JSON and CSV. Same
//! rows and numbers as the pprof layout; names are made safe for each
//! output (no control characters on a terminal, proper escaping in JSON
//! and CSV).

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, TableComponent, presets};

use crate::measurement::percentage;
use crate::report::{Report, text_items};

/// Replaces control characters (ANSI/OSC escapes included) by `?` so a
/// name from a hostile profile cannot drive the terminal.
pub fn terminal_safe(s: &str) -> String {
    let s = crate::profile::rawbytes::display(s);
    if !s.chars().any(|c| c.is_control()) {
        return s.into_owned();
    }
    s.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// JSON string literal.
pub fn json_string(s: &str) -> String {
    let s = crate::profile::rawbytes::display(s);
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // C1 controls too (U+009B is a CSI to some terminals).
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// CSV field (RFC 4180 quoting), with a leading `'` defused for formulas.
/// CSV has no escapes, and it is often read on a terminal: control
/// characters become `?` as in [`terminal_safe`].
pub fn csv_field(s: &str) -> String {
    let s = terminal_safe(s);
    let s = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() { format!("'{s}") } else { s };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

fn bar(frac: f64, width: usize) -> String {
    let frac = frac.clamp(0.0, 1.0);
    let eighths = (frac * width as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    let rest = eighths % 8;
    let mut s = "█".repeat(full);
    if rest > 0 {
        s.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][rest]);
    }
    s
}

fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The terminal view: the header lines, then a table.
pub fn top(w: &mut dyn Write, rpt: &mut Report) -> io::Result<()> {
    let (items, labels) = text_items(rpt);
    for l in &labels {
        writeln!(w, "{}", terminal_safe(l))?;
    }
    let mut t = Table::new();
    t.load_preset(presets::UTF8_HORIZONTAL_ONLY);
    t.remove_style(TableComponent::HorizontalLines);
    t.remove_style(TableComponent::MiddleIntersections);
    t.remove_style(TableComponent::LeftBorderIntersections);
    t.remove_style(TableComponent::RightBorderIntersections);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if !color_enabled() {
        t.force_no_tty();
    }
    t.set_header(vec!["flat", "flat%", "sum%", "cum", "cum%", "", "name"]);
    let mut sum = 0i64;
    for it in &items {
        sum = sum.wrapping_add(it.flat);
        let frac = if rpt.total != 0 { (it.flat as f64 / rpt.total as f64).abs() } else { 0.0 };
        let mut name = terminal_safe(&it.name);
        if !it.inline_label.is_empty() {
            name.push(' ');
            name.push_str(it.inline_label);
        }
        t.add_row(vec![
            Cell::new(&it.flat_format).set_alignment(CellAlignment::Right),
            Cell::new(percentage(it.flat, rpt.total).trim()).set_alignment(CellAlignment::Right),
            Cell::new(percentage(sum, rpt.total).trim()).set_alignment(CellAlignment::Right),
            Cell::new(&it.cum_format).set_alignment(CellAlignment::Right),
            Cell::new(percentage(it.cum, rpt.total).trim()).set_alignment(CellAlignment::Right),
            Cell::new(bar(frac, 10)),
            Cell::new(name),
        ]);
    }
    writeln!(w, "{t}")
}

/// Every row with raw and formatted values, for scripts.
pub fn top_json(w: &mut dyn Write, rpt: &mut Report) -> io::Result<()> {
    let (items, labels) = text_items(rpt);
    let total = rpt.total;
    write!(w, "{{\"type\":{},", json_string(&rpt.options.sample_type))?;
    write!(w, "\"sample_unit\":{},", json_string(&rpt.options.sample_unit))?;
    write!(w, "\"unit\":{},", json_string(&rpt.options.output_unit))?;
    write!(w, "\"total\":{},\"total_format\":{},", total, json_string(&rpt.format_value(total)))?;
    let ls: Vec<String> = labels.iter().map(|l| json_string(l)).collect();
    write!(w, "\"labels\":[{}],\"rows\":[", ls.join(","))?;
    let mut sum = 0i64;
    for (i, it) in items.iter().enumerate() {
        sum = sum.wrapping_add(it.flat);
        if i > 0 {
            write!(w, ",")?;
        }
        write!(
            w,
            "{{\"name\":{},\"inline\":{},\"flat\":{},\"flat_format\":{},\"flat_percent\":{},\"sum_percent\":{},\"cum\":{},\"cum_format\":{},\"cum_percent\":{}}}",
            json_string(&it.name),
            json_string(it.inline_label.trim_matches(['(', ')'])),
            it.flat,
            json_string(&it.flat_format),
            json_string(percentage(it.flat, total).trim()),
            json_string(percentage(sum, total).trim()),
            it.cum,
            json_string(&it.cum_format),
            json_string(percentage(it.cum, total).trim()),
        )?;
    }
    writeln!(w, "]}}")
}

pub fn top_csv(w: &mut dyn Write, rpt: &mut Report) -> io::Result<()> {
    let (items, _) = text_items(rpt);
    let total = rpt.total;
    writeln!(w, "name,inline,flat,flat_format,flat_percent,sum_percent,cum,cum_format,cum_percent")?;
    let mut sum = 0i64;
    for it in &items {
        sum = sum.wrapping_add(it.flat);
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{}",
            csv_field(&it.name),
            it.inline_label.trim_matches(['(', ')']),
            it.flat,
            csv_field(&it.flat_format),
            percentage(it.flat, total).trim(),
            percentage(sum, total).trim(),
            it.cum,
            csv_field(&it.cum_format),
            percentage(it.cum, total).trim(),
        )?;
    }
    Ok(())
}
