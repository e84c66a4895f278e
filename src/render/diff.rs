//! `pa diff` views: a table with a sign on every delta, coloured growth
//! and shrinkage on a terminal, and JSON/CSV with the raw numbers.

use std::io::{self, Write};

use crate::measurement::scaled_label;
use crate::profile::Profile;
use crate::render::table::{csv_field, json_string, terminal_safe};
use crate::report::diff::{Diff, DiffRow, Presence};

/// Times and durations of both sides, for the header.
pub struct SideMeta {
    pub base_time: i64,
    pub base_duration: i64,
    pub new_time: i64,
    pub new_duration: i64,
}

impl SideMeta {
    pub fn of(base: &Profile, new: &Profile) -> SideMeta {
        SideMeta {
            base_time: base.time_nanos,
            base_duration: base.duration_nanos,
            new_time: new.time_nanos,
            new_duration: new.duration_nanos,
        }
    }
}

fn value(v: i64, unit: &str) -> String {
    scaled_label(v, unit, "auto")
}

/// A signed value: `+1.50MB`, `-20ms`, `0`.
fn signed(v: i64, unit: &str) -> String {
    let s = value(v, unit);
    if v > 0 { format!("+{s}") } else { s }
}

/// A signed percentage of `total` with one decimal.
fn signed_pct(v: i64, total: i64) -> String {
    if total == 0 {
        return if v == 0 { "0%".into() } else { "new".into() };
    }
    let p = v as f64 / total as f64 * 100.0;
    let s = crate::gofmt::fmt_f(p, 1);
    if s == "0.0" || s == "-0.0" {
        "0%".into()
    } else if p > 0.0 {
        format!("+{s}%")
    } else {
        format!("{s}%")
    }
}

fn side_line(what: &str, time: i64, duration: i64) -> String {
    let mut s = what.to_string();
    if time != 0 {
        s.push_str(&format!(" {}", crate::gotime::format_time_header(time)));
    }
    if duration != 0 {
        s.push_str(&format!(", duration {}", value(duration, "nanoseconds")));
    }
    s
}

/// The header: `inuse_space 12.4MB → 19.1MB (+6.7MB, +54.0%)`.
pub fn headline(d: &Diff) -> String {
    let u = &d.sample_unit;
    let delta = d.new_total - d.base_total;
    format!(
        "{} {} → {} ({}, {})",
        d.sample_type,
        value(d.base_total, u),
        value(d.new_total, u),
        signed(delta, u),
        signed_pct(delta, d.base_total)
    )
}

fn marker(r: &DiffRow) -> &'static str {
    match r.presence {
        Presence::Both => "",
        Presence::New => " [new]",
        Presence::Gone => " [gone]",
    }
}

pub fn table(w: &mut dyn Write, d: &Diff, m: &SideMeta, n: usize, cum: bool, color: bool) -> io::Result<()> {
    let u = &d.sample_unit;
    writeln!(w, "{}", headline(d))?;
    writeln!(w, "{}", side_line("base:", m.base_time, m.base_duration))?;
    writeln!(w, "{}", side_line("new: ", m.new_time, m.new_duration))?;
    let _ = cum;
    let rows: Vec<&DiffRow> = d.rows.iter().take(n).collect();
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            [
                value(r.base_flat, u),
                value(r.new_flat, u),
                signed(r.delta_flat(), u),
                signed_pct(r.delta_flat(), d.base_total),
                value(r.base_cum, u),
                value(r.new_cum, u),
                signed(r.delta_cum(), u),
                signed_pct(r.delta_cum(), d.base_total),
            ]
        })
        .collect();
    let heads = ["base flat", "new flat", "Δ flat", "Δ flat%", "base cum", "new cum", "Δ cum", "Δ cum%"];
    let mut widths: Vec<usize> = heads.iter().map(|h| h.chars().count()).collect();
    for c in &cells {
        for (i, s) in c.iter().enumerate() {
            widths[i] = widths[i].max(s.chars().count());
        }
    }
    let mut head = String::new();
    for (i, h) in heads.iter().enumerate() {
        head.push_str(&crate::gofmt::pad_left(h, widths[i]));
        head.push_str("  ");
    }
    head.push_str("name");
    writeln!(w, "{head}")?;
    for (r, c) in rows.iter().zip(&cells) {
        let mut line = String::new();
        for (i, s) in c.iter().enumerate() {
            line.push_str(&crate::gofmt::pad_left(s, widths[i]));
            line.push_str("  ");
        }
        line.push_str(&terminal_safe(&r.name));
        line.push_str(marker(r));
        let delta = if cum { r.delta_cum() } else { r.delta_flat() };
        if color && delta != 0 {
            // Growth red, shrinkage green: in a leak hunt growth is the news.
            let code = if delta > 0 { "31" } else { "32" };
            writeln!(w, "\x1b[{code}m{line}\x1b[0m")?;
        } else {
            writeln!(w, "{line}")?;
        }
    }
    if d.rows.len() > rows.len() {
        writeln!(w, "({} more rows; -n 0 shows all)", d.rows.len() - rows.len())?;
    }
    Ok(())
}

pub fn json(w: &mut dyn Write, d: &Diff, m: &SideMeta, n: usize) -> io::Result<()> {
    write!(
        w,
        "{{\"type\":{},\"unit\":{},\"base_total\":{},\"new_total\":{},\"delta_total\":{},\"headline\":{},",
        json_string(&d.sample_type),
        json_string(&d.sample_unit),
        d.base_total,
        d.new_total,
        d.new_total - d.base_total,
        json_string(&headline(d))
    )?;
    write!(
        w,
        "\"base_time_nanos\":{},\"base_duration_nanos\":{},\"new_time_nanos\":{},\"new_duration_nanos\":{},\"rows\":[",
        m.base_time, m.base_duration, m.new_time, m.new_duration
    )?;
    for (i, r) in d.rows.iter().take(n).enumerate() {
        if i > 0 {
            write!(w, ",")?;
        }
        let presence = match r.presence {
            Presence::Both => "both",
            Presence::New => "new",
            Presence::Gone => "gone",
        };
        write!(
            w,
            "{{\"name\":{},\"presence\":\"{}\",\"base_flat\":{},\"new_flat\":{},\"delta_flat\":{},\"delta_flat_percent\":{},\"base_cum\":{},\"new_cum\":{},\"delta_cum\":{},\"delta_cum_percent\":{}}}",
            json_string(&r.name),
            presence,
            r.base_flat,
            r.new_flat,
            r.delta_flat(),
            json_string(&signed_pct(r.delta_flat(), d.base_total)),
            r.base_cum,
            r.new_cum,
            r.delta_cum(),
            json_string(&signed_pct(r.delta_cum(), d.base_total)),
        )?;
    }
    writeln!(w, "]}}")
}

pub fn csv(w: &mut dyn Write, d: &Diff, n: usize) -> io::Result<()> {
    writeln!(w, "name,presence,base_flat,new_flat,delta_flat,base_cum,new_cum,delta_cum")?;
    for r in d.rows.iter().take(n) {
        let presence = match r.presence {
            Presence::Both => "both",
            Presence::New => "new",
            Presence::Gone => "gone",
        };
        writeln!(
            w,
            "{},{},{},{},{},{},{},{}",
            csv_field(&crate::profile::rawbytes::display(&r.name)),
            presence,
            r.base_flat,
            r.new_flat,
            r.delta_flat(),
            r.base_cum,
            r.new_cum,
            r.delta_cum()
        )?;
    }
    Ok(())
}
