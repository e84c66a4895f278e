//! `pa watch`'s outputs: CSV and JSON lines for a pipe (one row per poll,
//! raw integers, so a spreadsheet or `jq` gets exact values), and the live
//! terminal table (human units, change since the first poll, a sparkline
//! per metric), redrawn in place.

use crate::decode::human_bytes;
use crate::render::table::{csv_field, json_string, terminal_safe};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Bytes,
    Count,
    BytesPerSec,
}

/// One metric: its CSV/JSON key, its label on the terminal and in the
/// summary, and whether the summary line mentions it.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    pub summary: bool,
}

/// A function whose in-use bytes changed between the first poll and the
/// latest one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Growth {
    pub name: String,
    pub first: i64,
    pub latest: i64,
}

impl Growth {
    pub fn delta(&self) -> i64 {
        self.latest.saturating_sub(self.first)
    }
}

/// `2026-11-22T00:14:00.250Z`: RFC 3339 in UTC with milliseconds, since
/// polls can be less than a second apart.
pub fn rfc3339_utc(unix_ms: i64) -> String {
    let t = crate::gotime::Zone::utc().local_time(unix_ms.saturating_mul(1_000_000));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year,
        t.month,
        t.day,
        t.hour,
        t.minute,
        t.second,
        t.nanosecond / 1_000_000
    )
}

pub fn csv_header(cols: &[Column]) -> String {
    let mut s = String::from("time");
    for c in cols {
        s.push(',');
        s.push_str(c.key);
    }
    s.push('\n');
    s
}

/// One CSV row; a value the poll could not get is an empty field.
pub fn csv_row(unix_ms: i64, values: &[Option<u64>]) -> String {
    let mut s = csv_field(&rfc3339_utc(unix_ms));
    for v in values {
        s.push(',');
        if let Some(v) = v {
            s.push_str(&v.to_string());
        }
    }
    s.push('\n');
    s
}

/// One JSON object on one line; a value the poll could not get is null.
/// `top` (with `--top`) lists the functions that grew most so far.
pub fn json_row(unix_ms: i64, cols: &[Column], values: &[Option<u64>], top: Option<&[Growth]>) -> String {
    let mut parts = vec![format!("\"time\":{}", json_string(&rfc3339_utc(unix_ms)))];
    for (c, v) in cols.iter().zip(values) {
        let v = v.map_or_else(|| "null".to_string(), |v| v.to_string());
        parts.push(format!("{}:{v}", json_string(c.key)));
    }
    if let Some(top) = top {
        let items: Vec<String> = top
            .iter()
            .map(|g| {
                format!("{{\"function\":{},\"inuse\":{},\"growth\":{}}}", json_string(&g.name), g.latest, g.delta())
            })
            .collect();
        parts.push(format!("\"top\":[{}]", items.join(",")));
    }
    format!("{{{}}}\n", parts.join(","))
}

/// The eight bars, scaled from the smallest to the largest value shown, so
/// a slow leak shows as a slope however large the heap; a flat series is
/// all low bars, a missing value a space. `from_zero` scales from 0
/// instead, for rates, whose level matters more than their jitter.
pub fn sparkline(values: &[Option<u64>], from_zero: bool) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let present = values.iter().flatten();
    let (Some(&min), Some(&max)) = (present.clone().min(), present.max()) else {
        return " ".repeat(values.len());
    };
    let min = if from_zero { 0 } else { min };
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if max == min => BARS[0],
            Some(v) => BARS[(((v - min) as f64 / (max - min) as f64) * 7.0).round() as usize],
        })
        .collect()
}

pub fn format_value(unit: Unit, v: u64) -> String {
    match unit {
        Unit::Bytes => human_bytes(v),
        Unit::Count => v.to_string(),
        Unit::BytesPerSec => format!("{}/s", human_bytes(v)),
    }
}

/// `+3.9 MiB`, `-12`, `0`; empty for a rate (a change of a rate since the
/// start says little).
pub fn format_delta(unit: Unit, first: u64, latest: u64) -> String {
    if unit == Unit::BytesPerSec {
        return String::new();
    }
    let (sign, abs) = match latest.cmp(&first) {
        std::cmp::Ordering::Equal => return "0".into(),
        std::cmp::Ordering::Greater => ('+', latest - first),
        std::cmp::Ordering::Less => ('-', first - latest),
    };
    match unit {
        Unit::Bytes => format!("{sign}{}", human_bytes(abs)),
        _ => format!("{sign}{abs}"),
    }
}

fn signed_bytes(v: i64) -> String {
    let s = human_bytes(v.unsigned_abs());
    if v < 0 { format!("-{s}") } else { format!("+{s}") }
}

/// Everything one frame of the live table shows.
pub struct View<'a> {
    pub title: &'a str,
    pub columns: &'a [Column],
    /// Per column, the value of the first poll that had one.
    pub first: &'a [Option<u64>],
    /// Per column, the latest value polled.
    pub latest: &'a [Option<u64>],
    /// The latest rows, oldest first (the sparklines use the tail).
    pub history: &'a [Vec<Option<u64>>],
    /// `--top`: the functions that grew most, largest growth first.
    pub top: Option<&'a [Growth]>,
    /// What went wrong in the latest poll, if anything.
    pub status: Option<&'a str>,
    pub width: usize,
    /// The terminal's lines, if known: the frame stays shorter, since
    /// moving the cursor up over a frame that scrolled off garbles it.
    pub height: Option<usize>,
    pub color: bool,
}

/// The widest a sparkline gets, and so the rows of history worth keeping.
pub const SPARK_MAX: usize = 60;

const LABEL_W: usize = 12;
const VALUE_W: usize = 11;
/// Label, latest and change columns with their gaps.
const FIXED_W: usize = LABEL_W + 2 + VALUE_W + 2 + VALUE_W + 2;

fn fit(s: &str, width: usize) -> String {
    let s = terminal_safe(s);
    if s.chars().count() <= width {
        return s;
    }
    let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// The table's lines, each at most `width` columns wide (so redrawing in
/// place can count lines), colour codes aside.
pub fn table(v: &View) -> Vec<String> {
    let spark_w = v.width.saturating_sub(FIXED_W).min(SPARK_MAX);
    let tail = &v.history[v.history.len().saturating_sub(spark_w)..];
    let mut lines = vec![fit(v.title, v.width)];
    lines.push(
        format!("{:<LABEL_W$}  {:>VALUE_W$}  {:>VALUE_W$}  {}", "", "latest", "since start", "trend")
            .trim_end()
            .to_string(),
    );
    for (i, c) in v.columns.iter().enumerate() {
        let latest = v.latest[i].map(|x| format_value(c.unit, x)).unwrap_or_else(|| "-".into());
        let (delta, growth) = match (v.first[i], v.latest[i]) {
            (Some(f), Some(l)) => (format_delta(c.unit, f, l), l.cmp(&f)),
            _ => (String::new(), std::cmp::Ordering::Equal),
        };
        let delta_cell = format!("{delta:>VALUE_W$}");
        let delta_cell = match growth {
            std::cmp::Ordering::Greater if v.color && c.unit != Unit::BytesPerSec => {
                format!("\x1b[31m{delta_cell}\x1b[0m")
            }
            std::cmp::Ordering::Less if v.color && c.unit != Unit::BytesPerSec => {
                format!("\x1b[32m{delta_cell}\x1b[0m")
            }
            _ => delta_cell,
        };
        let series: Vec<Option<u64>> = tail.iter().map(|r| r.get(i).copied().flatten()).collect();
        let line = format!(
            "{:<LABEL_W$}  {latest:>VALUE_W$}  {delta_cell}  {}",
            c.label,
            sparkline(&series, c.unit == Unit::BytesPerSec)
        );
        lines.push(line.trim_end().to_string());
    }
    if let Some(top) = v.top {
        // Below the metrics: a blank line, the heading and the column
        // names (or "none so far"), the rows, and the status lines; the
        // cursor rests on the line after the frame.
        let status_lines = if v.status.is_some() { 2 } else { 0 };
        let room = v.height.map_or(usize::MAX, |h| h.saturating_sub(lines.len() + 3 + status_lines + 1));
        let shown = &top[..top.len().min(room)];
        lines.push(String::new());
        let heading = if shown.len() < top.len() {
            format!("functions whose in-use bytes grew most since the first poll ({} of {}):", shown.len(), top.len())
        } else {
            "functions whose in-use bytes grew most since the first poll:".to_string()
        };
        lines.push(fit(&heading, v.width));
        let name_w = v.width.saturating_sub(2 * VALUE_W + 4).max(8);
        if top.is_empty() {
            lines.push("  (none so far)".into());
        } else {
            lines.push(format!("{:>VALUE_W$}  {:>VALUE_W$}  function", "growth", "in use"));
        }
        for g in shown {
            lines.push(format!(
                "{:>VALUE_W$}  {:>VALUE_W$}  {}",
                signed_bytes(g.delta()),
                human_bytes(g.latest.max(0) as u64),
                fit(&g.name, name_w)
            ));
        }
    }
    if let Some(s) = v.status {
        lines.push(String::new());
        lines.push(fit(s, v.width));
    }
    lines
}

/// The bytes that replace the previous frame (`previous` lines tall) with
/// `lines`: cursor up, each line cleared and rewritten, anything left
/// below cleared (the new frame may be shorter).
pub fn redraw(previous: usize, lines: &[String]) -> String {
    let mut s = String::new();
    if previous > 0 {
        s.push_str(&format!("\x1b[{previous}A"));
    }
    for l in lines {
        s.push_str("\r\x1b[2K");
        s.push_str(l);
        s.push('\n');
    }
    s.push_str("\x1b[J");
    s
}

/// The line printed at the end: how many polls over how long, and first →
/// latest of the summary metrics (and the top growers with `--top`).
pub fn summary(
    polls: u64,
    elapsed: &str,
    cols: &[Column],
    first: &[Option<u64>],
    latest: &[Option<u64>],
    top: Option<&[Growth]>,
) -> String {
    let mut s = format!("pa watch: {polls} poll{} in {elapsed}", if polls == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    for (i, c) in cols.iter().enumerate() {
        if let (true, Some(f), Some(l)) = (c.summary, first[i], latest[i]) {
            parts.push(format!(
                "{} {} → {} ({})",
                c.label,
                format_value(c.unit, f),
                format_value(c.unit, l),
                format_delta(c.unit, f, l)
            ));
        }
    }
    if !parts.is_empty() {
        s.push_str("; ");
        s.push_str(&parts.join(", "));
    }
    if let Some(top) = top
        && !top.is_empty()
    {
        let grew: Vec<String> =
            top.iter().map(|g| format!("{} {}", terminal_safe(&g.name), signed_bytes(g.delta()))).collect();
        s.push_str("; grew most: ");
        s.push_str(&grew.join(", "));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: [Column; 2] = [
        Column { key: "heap_alloc", label: "HeapAlloc", unit: Unit::Bytes, summary: true },
        Column { key: "goroutines", label: "goroutines", unit: Unit::Count, summary: true },
    ];

    #[test]
    fn sparkline_spans_min_to_max() {
        let v: Vec<Option<u64>> = [10, 20, 80, 45].iter().map(|&x| Some(x)).collect();
        assert_eq!(sparkline(&v, false), "▁▂█▅");
        assert_eq!(sparkline(&[Some(5), Some(5), None, Some(5)], false), "▁▁ ▁");
        assert_eq!(sparkline(&[None, None], false), "  ");
        assert_eq!(sparkline(&[], false), "");
        // Huge values keep their order (no overflow in the scaling).
        assert_eq!(sparkline(&[Some(u64::MAX - 1), Some(0), Some(u64::MAX)], false), "█▁█");
        // A steady rate is a steady level, not noise stretched to full height.
        assert_eq!(sparkline(&[Some(3000), Some(2970), Some(3010)], true), "███");
        assert_eq!(sparkline(&[Some(0), Some(3000)], true), "▁█");
    }

    #[test]
    fn csv_rows_are_raw_values_with_empty_gaps() {
        assert_eq!(csv_header(&COLS), "time,heap_alloc,goroutines\n");
        assert_eq!(csv_row(1_795_311_413_649, &[Some(8856264), None]), "2026-11-22T01:36:53.649Z,8856264,\n");
    }

    #[test]
    fn json_rows_use_null_and_list_growth() {
        let top = [Growth { name: "main.\"x\"".into(), first: 10, latest: 25 }];
        assert_eq!(
            json_row(0, &COLS, &[None, Some(7)], Some(&top)),
            "{\"time\":\"1970-01-01T00:00:00.000Z\",\"heap_alloc\":null,\"goroutines\":7,\
             \"top\":[{\"function\":\"main.\\\"x\\\"\",\"inuse\":25,\"growth\":15}]}\n"
        );
    }

    #[test]
    fn deltas_have_a_sign_and_a_unit() {
        assert_eq!(format_delta(Unit::Bytes, 1024, 3 << 20), "+3.0 MiB");
        assert_eq!(format_delta(Unit::Bytes, 3 << 20, 1024), "-3.0 MiB");
        assert_eq!(format_delta(Unit::Count, 99, 120), "+21");
        assert_eq!(format_delta(Unit::Count, 5, 5), "0");
        assert_eq!(format_delta(Unit::BytesPerSec, 1, 9), "");
    }

    #[test]
    fn the_table_fits_the_width_and_redraws_in_place() {
        let hist: Vec<Vec<Option<u64>>> = (0..100).map(|i| vec![Some(i * 1000), Some(i)]).collect();
        let top = [Growth { name: "x".repeat(200), first: 0, latest: 4096 }];
        let v = View {
            title: "pa watch h:1",
            columns: &COLS,
            first: &[Some(0), Some(0)],
            latest: &[Some(99_000), Some(99)],
            history: &hist,
            top: Some(&top),
            status: Some("last poll failed"),
            width: 70,
            height: None,
            color: false,
        };
        let lines = table(&v);
        assert!(lines.iter().all(|l| l.chars().count() <= 70), "{lines:#?}");
        assert!(lines[2].starts_with("HeapAlloc") && lines[2].contains("+96.7 KiB"), "{}", lines[2]);
        assert!(lines[3].ends_with('█'));
        assert!(lines.iter().any(|l| l.contains("+4.0 KiB")));
        let frame = redraw(3, &lines);
        assert!(frame.starts_with("\x1b[3A\r\x1b[2Kpa watch h:1\n"));
        assert!(frame.ends_with("\x1b[J"));
        assert_eq!(frame.matches('\n').count(), lines.len());
    }

    #[test]
    fn growth_of_extreme_values_saturates() {
        assert_eq!(Growth { name: "f".into(), first: i64::MIN, latest: i64::MAX }.delta(), i64::MAX);
        assert_eq!(Growth { name: "f".into(), first: i64::MAX, latest: i64::MIN }.delta(), i64::MIN);
        assert_eq!(Growth { name: "f".into(), first: 10, latest: 25 }.delta(), 15);
    }

    #[test]
    fn the_top_rows_fit_the_terminal_height() {
        let hist: Vec<Vec<Option<u64>>> = (0..5).map(|i| vec![Some(i), Some(i)]).collect();
        let top: Vec<Growth> = (0..50).map(|i| Growth { name: format!("f{i}"), first: 0, latest: 100 - i }).collect();
        let view = |height, status| View {
            title: "t",
            columns: &COLS,
            first: &[Some(0), Some(0)],
            latest: &[Some(4), Some(4)],
            history: &hist,
            top: Some(&top),
            status,
            width: 80,
            height,
            color: false,
        };
        // Title, header, 2 metrics, blank, heading, column names: 7 fixed
        // lines, and one for the cursor.
        for (height, status, rows) in [(20, None, 12), (20, Some("failed"), 10), (8, None, 0), (3, None, 0)] {
            let lines = table(&view(Some(height), status));
            assert_eq!(
                lines
                    .iter()
                    .filter(|l| l
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| w.starts_with('f') && w[1..].parse::<u32>().is_ok()))
                    .count(),
                rows,
                "{height}: {lines:#?}"
            );
            assert!(lines.len() < height.max(8), "{height}: {lines:#?}");
            assert!(lines[5].contains(&format!("({rows} of 50)")), "{}", lines[5]);
        }
        assert_eq!(table(&view(None, None)).len(), 7 + 50);
    }

    #[test]
    fn summary_line() {
        let s = summary(3, "2s", &COLS, &[Some(1024), Some(4)], &[Some(2048), Some(2)], None);
        assert_eq!(s, "pa watch: 3 polls in 2s; HeapAlloc 1.0 KiB → 2.0 KiB (+1.0 KiB), goroutines 4 → 2 (-2)");
    }
}
