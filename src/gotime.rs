//! Go `time` formatting in the local zone, without a time-zone crate.
//!
//! pprof prints profile times with `time.Unix(0, n).Format(...)` and
//! `time.Time.String()`, both in Go's idea of the local zone, so the zone
//! is resolved the way Go's `initLocal` does it: `TZ` unset reads
//! `/etc/localtime`; `TZ=""` and `TZ=UTC` mean UTC; `TZ=Name` or `TZ=:Name`
//! reads `Name` from the system zoneinfo directories (or the file itself
//! when it is an absolute path); anything unreadable falls back to UTC.
//! A Go binary may also find `$GOROOT/lib/time/zoneinfo.zip` on a machine
//! with a Go toolchain; that last resort is not modelled.
//!
//! TZif files are read like Go's `LoadLocationFromTZData` (v1, or the
//! 64-bit v2+ block), and times after the last transition use the POSIX
//! TZ footer with Go's `tzset` rules (all forms Go accepts: `J`, day-of-year
//! and `M` rules, `<+03>`-style names, default DST offset and rules).

use std::sync::OnceLock;

/// One local time type: abbreviation, seconds east of UTC, DST flag.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ZoneType {
    name: String,
    offset: i64,
    is_dst: bool,
}

/// A loaded time zone (Go's `Location`).
#[derive(Debug, Clone, Default)]
pub struct Zone {
    types: Vec<ZoneType>,
    /// Transition times (Unix seconds) and the type that starts at each.
    transitions: Vec<(i64, usize)>,
    /// POSIX TZ string for times after the last transition.
    extend: String,
}

/// Local wall-clock fields of an instant, as Go computes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub nanosecond: u32,
    /// Seconds east of UTC.
    pub offset: i64,
    /// Zone abbreviation (`UTC`, `EST`, `+0530`-style from tzdata, or
    /// empty when the zone data has none).
    pub abbrev: String,
}

const ZONE_DIRS: [&str; 4] =
    ["/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo"];

impl Zone {
    /// UTC, also Go's fallback whenever the local zone cannot be loaded.
    pub fn utc() -> Zone {
        Zone::default()
    }

    /// Resolves the local zone from a `TZ` value (`None` = unset), as Go's
    /// `initLocal` does.
    pub fn from_tz(tz: Option<&str>) -> Zone {
        let loaded = match tz {
            None => Zone::from_file("/etc/localtime"),
            Some("") => None,
            Some(tz) => {
                let tz = tz.strip_prefix(':').unwrap_or(tz);
                if tz.starts_with('/') {
                    Zone::from_file(tz)
                } else if !tz.is_empty() && tz != "UTC" {
                    ZONE_DIRS.iter().find_map(|dir| Zone::from_file(&format!("{dir}/{tz}")))
                } else {
                    None
                }
            }
        };
        loaded.unwrap_or_else(Zone::utc)
    }

    /// Reads and parses a TZif file; `None` if unreadable or malformed.
    pub fn from_file(path: &str) -> Option<Zone> {
        let data = std::fs::read(path).ok()?;
        Zone::from_tzif(&data)
    }

    /// Parses TZif data as Go's `LoadLocationFromTZData`.
    pub fn from_tzif(data: &[u8]) -> Option<Zone> {
        let mut r = Reader { data, pos: 0 };
        if r.take(4)? != b"TZif" {
            return None;
        }
        let version = match r.take(16)?[0] {
            0 => 1,
            b'2' => 2,
            b'3' => 3,
            _ => return None,
        };
        let mut counts = r.counts()?;
        let mut size = 4;
        if version > 1 {
            let [ut, sw, leap, time, zone, chars] = counts;
            r.take(time * 4 + time + zone * 6 + chars + leap * 8 + sw + ut + 4 + 16)?;
            counts = r.counts()?;
            size = 8;
        }
        let [n_ut, n_sw, n_leap, n_time, n_zone, n_char] = counts;
        let times = r.take(n_time * size)?;
        let indices = r.take(n_time)?;
        let zonedata = r.take(n_zone * 6)?;
        let abbrev = r.take(n_char)?;
        r.take(n_leap * (size + 4))?;
        r.take(n_sw)?;
        r.take(n_ut)?;
        let rest = &data[r.pos..];
        let extend = if rest.len() > 2 && rest[0] == b'\n' && rest[rest.len() - 1] == b'\n' {
            String::from_utf8_lossy(&rest[1..rest.len() - 1]).into_owned()
        } else {
            String::new()
        };
        if n_zone == 0 {
            return None;
        }
        let mut types = Vec::with_capacity(n_zone);
        for z in zonedata.chunks_exact(6) {
            let offset = i32::from_be_bytes([z[0], z[1], z[2], z[3]]) as i64;
            let idx = z[5] as usize;
            if idx >= abbrev.len() {
                return None;
            }
            let tail = &abbrev[idx..];
            let end = tail.iter().position(|&b| b == 0).unwrap_or(tail.len());
            types.push(ZoneType {
                name: String::from_utf8_lossy(&tail[..end]).into_owned(),
                offset,
                is_dst: z[4] != 0,
            });
        }
        let mut transitions = Vec::with_capacity(n_time.max(1));
        for (i, t) in times.chunks_exact(size).enumerate() {
            let when = if size == 4 {
                i32::from_be_bytes([t[0], t[1], t[2], t[3]]) as i64
            } else {
                i64::from_be_bytes([t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]])
            };
            let idx = indices[i] as usize;
            if idx >= types.len() {
                return None;
            }
            transitions.push((when, idx));
        }
        if transitions.is_empty() {
            // Go's fake transition covering all time (fixed zones).
            transitions.push((i64::MIN, 0));
        }
        Some(Zone { types, transitions, extend })
    }

    /// Go's `Location.lookup`: (abbreviation, offset) in effect at `sec`.
    fn lookup(&self, sec: i64) -> (String, i64) {
        if self.types.is_empty() {
            return ("UTC".to_string(), 0);
        }
        let tx = &self.transitions;
        if sec < tx[0].0 {
            let z = &self.types[self.first_zone()];
            return (z.name.clone(), z.offset);
        }
        // Last transition at or before sec.
        let lo = tx.partition_point(|&(when, _)| when <= sec) - 1;
        let z = &self.types[tx[lo].1];
        if lo == tx.len() - 1
            && !self.extend.is_empty()
            && let Some((name, offset)) = tzset(&self.extend, sec)
        {
            return (name, offset);
        }
        (z.name.clone(), z.offset)
    }

    /// Go's `lookupFirstZone`: the type used before the first transition.
    fn first_zone(&self) -> usize {
        let used = self.transitions.iter().any(|&(_, i)| i == 0);
        if !used {
            return 0;
        }
        if let Some(&(_, first)) = self.transitions.first()
            && self.types[first].is_dst
            && let Some(zi) = (0..first).rev().find(|&zi| !self.types[zi].is_dst)
        {
            return zi;
        }
        self.types.iter().position(|z| !z.is_dst).unwrap_or(0)
    }

    /// Wall-clock fields of `time.Unix(0, nanos)` in this zone.
    pub fn local_time(&self, nanos: i64) -> LocalTime {
        let sec = nanos.div_euclid(1_000_000_000);
        let nsec = nanos.rem_euclid(1_000_000_000) as u32;
        let (abbrev, offset) = self.lookup(sec);
        let local = sec + offset;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        LocalTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs / 60 % 60) as u32,
            second: (secs % 60) as u32,
            nanosecond: nsec,
            offset,
            abbrev,
        }
    }

    /// Layout `2006-01-02 15:04:05 MST`.
    pub fn format_time_header(&self, nanos: i64) -> String {
        let t = self.local_time(nanos);
        format!("{} {}", date_time(&t), zone_name(&t))
    }

    /// Layout `Jan 2, 2006 at 3:04pm (MST)` (pprof before 2024-10).
    pub fn format_time_header_legacy(&self, nanos: i64) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let t = self.local_time(nanos);
        let hour12 = match t.hour % 12 {
            0 => 12,
            h => h,
        };
        let ampm = if t.hour >= 12 { "pm" } else { "am" };
        format!(
            "{} {}, {} at {}:{:02}{} ({})",
            MONTHS[(t.month - 1) as usize],
            t.day,
            year_str(t.year),
            hour12,
            t.minute,
            ampm,
            zone_name(&t)
        )
    }

    /// Go's `Time.String()` without the monotonic clock reading:
    /// `2006-01-02 15:04:05.999999999 -0700 MST`.
    pub fn format_time_string(&self, nanos: i64) -> String {
        let t = self.local_time(nanos);
        let mut s = date_time(&t);
        if t.nanosecond != 0 {
            let frac = format!("{:09}", t.nanosecond);
            s.push('.');
            s.push_str(frac.trim_end_matches('0'));
        }
        s.push(' ');
        s.push_str(&numeric_offset(t.offset));
        s.push(' ');
        s.push_str(&zone_name(&t));
        s
    }
}

/// Go's 4-digit (at least) year, with a sign for years before 0.
fn year_str(year: i64) -> String {
    if year < 0 { format!("-{:04}", -year) } else { format!("{year:04}") }
}

fn date_time(t: &LocalTime) -> String {
    format!("{}-{:02}-{:02} {:02}:{:02}:{:02}", year_str(t.year), t.month, t.day, t.hour, t.minute, t.second)
}

/// `-0700`: hours and minutes of the offset (seconds dropped, as Go does).
fn numeric_offset(offset: i64) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let m = offset.abs() / 60;
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// Go's `MST` layout element: the abbreviation, or `-0700` when empty.
fn zone_name(t: &LocalTime) -> String {
    if t.abbrev.is_empty() { numeric_offset(t.offset) } else { t.abbrev.clone() }
}

/// Proleptic Gregorian date from days since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days before the first of `month` in a non-leap year.
fn days_before(month: i64) -> i64 {
    const CUM: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    CUM[(month - 1) as usize]
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    fn counts(&mut self) -> Option<[usize; 6]> {
        let mut n = [0usize; 6];
        for c in &mut n {
            let b = self.take(4)?;
            *c = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
        }
        Some(n)
    }
}

/// A transition rule of a POSIX TZ string.
#[derive(Clone, Copy)]
enum Rule {
    /// `Jn`: day 1..=365, February 29 never counted.
    Julian(i64, i64),
    /// `n`: zero-based day of year, February 29 counted.
    DayOfYear(i64, i64),
    /// `Mm.w.d`: day `d` of week `w` (5 = last) of month `m`.
    MonthWeekDay { mon: i64, week: i64, day: i64, time: i64 },
}

/// Go's `tzset`: (abbreviation, offset) that the POSIX TZ string `s`
/// gives for Unix second `sec`; `None` if Go would reject the string.
fn tzset(s: &str, sec: i64) -> Option<(String, i64)> {
    let (mut std_name, s) = tzset_name(s)?;
    let (std_off, s) = tzset_offset(s)?;
    let mut std_offset = -std_off;
    if s.is_empty() || s.starts_with(',') {
        return Some((std_name, std_offset));
    }
    let (mut dst_name, mut s) = tzset_name(s)?;
    let mut dst_offset;
    if s.is_empty() || s.starts_with(',') {
        dst_offset = std_offset + 3600;
    } else {
        let (off, rest) = tzset_offset(s)?;
        dst_offset = -off;
        s = rest;
    }
    let s = if s.is_empty() { ",M3.2.0,M11.1.0" } else { s };
    let s = s.strip_prefix([',', ';'])?;
    let (start_rule, s) = tzset_rule(s)?;
    let s = s.strip_prefix(',')?;
    let (end_rule, s) = tzset_rule(s)?;
    if !s.is_empty() {
        return None;
    }

    let days = sec.div_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let mut yday = days_before(month as i64) + day as i64;
    if is_leap(year) && month > 2 {
        yday += 1;
    }
    // Go uses a truncating remainder here.
    let ysec = (yday - 1) * 86_400 + sec % 86_400;

    let mut start = rule_time(year, start_rule, std_offset);
    let mut end = rule_time(year, end_rule, dst_offset);
    if end < start {
        std::mem::swap(&mut start, &mut end);
        std::mem::swap(&mut std_name, &mut dst_name);
        std::mem::swap(&mut std_offset, &mut dst_offset);
    }
    if ysec < start || ysec >= end { Some((std_name, std_offset)) } else { Some((dst_name, dst_offset)) }
}

fn tzset_name(s: &str) -> Option<(String, &str)> {
    if s.is_empty() {
        return None;
    }
    if let Some(quoted) = s.strip_prefix('<') {
        let end = quoted.find('>')?;
        return Some((quoted[..end].to_string(), &quoted[end + 1..]));
    }
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() || matches!(c, ',' | '-' | '+') {
            if i < 3 {
                return None;
            }
            return Some((s[..i].to_string(), &s[i..]));
        }
    }
    if s.len() < 3 {
        return None;
    }
    Some((s.to_string(), ""))
}

/// `[+-]hh[:mm[:ss]]` in seconds (west-positive, as written).
fn tzset_offset(s: &str) -> Option<(i64, &str)> {
    if s.is_empty() {
        return None;
    }
    let (neg, s) = match s.as_bytes()[0] {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let sign = if neg { -1 } else { 1 };
    let (hours, mut s) = tzset_num(s, 0, 24 * 7)?;
    let mut off = hours * 3600;
    if let Some(r) = s.strip_prefix(':') {
        let (mins, r) = tzset_num(r, 0, 59)?;
        off += mins * 60;
        s = r;
        if let Some(r) = s.strip_prefix(':') {
            let (secs, r) = tzset_num(r, 0, 59)?;
            off += secs;
            s = r;
        }
    }
    Some((sign * off, s))
}

fn tzset_rule(s: &str) -> Option<(Rule, &str)> {
    if let Some(r) = s.strip_prefix('J') {
        let (d, r) = tzset_num(r, 1, 365)?;
        finish_rule(Rule::Julian(d, 0), r)
    } else if let Some(r) = s.strip_prefix('M') {
        let (mon, r) = tzset_num(r, 1, 12)?;
        let r = r.strip_prefix('.')?;
        let (week, r) = tzset_num(r, 1, 5)?;
        let r = r.strip_prefix('.')?;
        let (day, r) = tzset_num(r, 0, 6)?;
        let rule = Rule::MonthWeekDay { mon, week, day, time: 0 };
        finish_rule(rule, r)
    } else {
        let (d, r) = tzset_num(s, 0, 365)?;
        finish_rule(Rule::DayOfYear(d, 0), r)
    }
}

/// Reads a rule's optional `/time` (default 02:00) and stores it.
fn finish_rule(rule: Rule, s: &str) -> Option<(Rule, &str)> {
    let (time, s) = match s.strip_prefix('/') {
        Some(r) => tzset_offset(r)?,
        None => (2 * 3600, s),
    };
    let rule = match rule {
        Rule::Julian(d, _) => Rule::Julian(d, time),
        Rule::DayOfYear(d, _) => Rule::DayOfYear(d, time),
        Rule::MonthWeekDay { mon, week, day, .. } => Rule::MonthWeekDay { mon, week, day, time },
    };
    Some((rule, s))
}

fn tzset_num(s: &str, min: i64, max: i64) -> Option<(i64, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut num = 0i64;
    for b in s[..digits].bytes() {
        num = num * 10 + i64::from(b - b'0');
        if num > max {
            return None;
        }
    }
    if num < min {
        return None;
    }
    Some((num, &s[digits..]))
}

/// Seconds from the start of `year` (UTC) to the rule's transition.
fn rule_time(year: i64, rule: Rule, off: i64) -> i64 {
    let (s, time) = match rule {
        Rule::Julian(day, time) => {
            let mut s = (day - 1) * 86_400;
            if is_leap(year) && day >= 60 {
                s += 86_400;
            }
            (s, time)
        }
        Rule::DayOfYear(day, time) => (day * 86_400, time),
        Rule::MonthWeekDay { mon, week, day, time } => {
            // Zeller's congruence: weekday of the first of `mon`.
            let m1 = (mon + 9) % 12 + 1;
            let yy0 = if mon <= 2 { year - 1 } else { year };
            let yy1 = yy0 / 100;
            let yy2 = yy0 % 100;
            let mut dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7;
            if dow < 0 {
                dow += 7;
            }
            let mut d = day - dow;
            if d < 0 {
                d += 7;
            }
            for _ in 1..week {
                if d + 7 >= days_in(mon, year) {
                    break;
                }
                d += 7;
            }
            d += days_before(mon);
            if is_leap(year) && mon > 2 {
                d += 1;
            }
            (d * 86_400, time)
        }
    };
    s + time - off
}

/// The process's local zone, resolved once from `TZ`.
pub fn local_zone() -> &'static Zone {
    static LOCAL: OnceLock<Zone> = OnceLock::new();
    LOCAL.get_or_init(|| {
        let tz = std::env::var_os("TZ").map(|v| v.to_string_lossy().into_owned());
        Zone::from_tz(tz.as_deref())
    })
}

/// pprof's `Time:` header value (`2006-01-02 15:04:05 MST`, local zone).
pub fn format_time_header(nanos: i64) -> String {
    local_zone().format_time_header(nanos)
}

/// Go's `time.Unix(0, nanos).String()` in the local zone (the `-raw`
/// report's `Time:` line).
pub fn format_time_string(nanos: i64) -> String {
    local_zone().format_time_string(nanos)
}

/// Go's `time.Duration.String()`: `1h2m3.5s`, `250ms`, `1.5µs`, `0s`.
pub fn duration_string(nanos: i64) -> String {
    let neg = nanos < 0;
    let u = nanos.unsigned_abs();
    let mut s = String::new();
    if u < 1_000_000_000 {
        let (prec, unit) = match u {
            0 => return "0s".to_string(),
            1..=999 => (0, "ns"),
            1_000..=999_999 => (3, "µs"),
            _ => (6, "ms"),
        };
        s.push_str(&with_fraction(u, prec));
        s.push_str(unit);
    } else {
        let secs = u / 1_000_000_000;
        let frac = u % 1_000_000_000;
        let (h, m, sec) = (secs / 3600, secs / 60 % 60, secs % 60);
        if h > 0 {
            s.push_str(&format!("{h}h"));
        }
        if secs >= 60 {
            s.push_str(&format!("{m}m"));
        }
        s.push_str(&with_fraction(sec * 1_000_000_000 + frac, 9));
        s.push('s');
    }
    if neg {
        s.insert(0, '-');
    }
    s
}

/// Go `fmt.Sprintf("%.Nv", duration)`: the string cut to `max_runes`
/// runes (pprof's `-raw` prints `Duration: %.4v`, e.g. `4m0.`).
pub fn duration_string_truncated(nanos: i64, max_runes: usize) -> String {
    duration_string(nanos).chars().take(max_runes).collect()
}

/// `v / 10^prec` with the fraction's trailing zeros (and a bare point)
/// dropped, as Go's `fmtFrac` + `fmtInt`.
fn with_fraction(v: u64, prec: u32) -> String {
    let p = 10u64.pow(prec);
    let (int, frac) = (v / p, v % p);
    if frac == 0 {
        return int.to_string();
    }
    let digits = format!("{:0width$}", frac, width = prec as usize);
    format!("{int}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Printed by Go for time.Unix(0, n) with the TZ value in each block:
    // (n, Format("2006-01-02 15:04:05 MST"), String(),
    //  Format("Jan 2, 2006 at 3:04pm (MST)")).
    type Row = (i64, &'static str, &'static str, &'static str);

    const TZ_UNSET: &[Row] = &[
        (0, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (1, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00.000000001 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (
            1506718679123456789,
            "2017-09-29 20:57:59 UTC",
            "2017-09-29 20:57:59.123456789 +0000 UTC",
            "Sep 29, 2017 at 8:57pm (UTC)",
        ),
        (
            1506718679000000000,
            "2017-09-29 20:57:59 UTC",
            "2017-09-29 20:57:59 +0000 UTC",
            "Sep 29, 2017 at 8:57pm (UTC)",
        ),
        (
            1795310040500000000,
            "2026-11-22 01:14:00 UTC",
            "2026-11-22 01:14:00.5 +0000 UTC",
            "Nov 22, 2026 at 1:14am (UTC)",
        ),
        (-1, "1969-12-31 23:59:59 UTC", "1969-12-31 23:59:59.999999999 +0000 UTC", "Dec 31, 1969 at 11:59pm (UTC)"),
        (
            -2208988800000000000,
            "1900-01-01 00:00:00 UTC",
            "1900-01-01 00:00:00 +0000 UTC",
            "Jan 1, 1900 at 12:00am (UTC)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 15:06:40 UTC",
            "1811-07-23 15:06:40 +0000 UTC",
            "Jul 23, 1811 at 3:06pm (UTC)",
        ),
        (
            4102444800000000000,
            "2100-01-01 00:00:00 UTC",
            "2100-01-01 00:00:00 +0000 UTC",
            "Jan 1, 2100 at 12:00am (UTC)",
        ),
        (
            4133980799999999999,
            "2100-12-31 23:59:59 UTC",
            "2100-12-31 23:59:59.999999999 +0000 UTC",
            "Dec 31, 2100 at 11:59pm (UTC)",
        ),
        (
            4118000000000000000,
            "2100-06-30 00:53:20 UTC",
            "2100-06-30 00:53:20 +0000 UTC",
            "Jun 30, 2100 at 12:53am (UTC)",
        ),
        (
            1710054000000000000,
            "2024-03-10 07:00:00 UTC",
            "2024-03-10 07:00:00 +0000 UTC",
            "Mar 10, 2024 at 7:00am (UTC)",
        ),
        (
            1710050400000000000,
            "2024-03-10 06:00:00 UTC",
            "2024-03-10 06:00:00 +0000 UTC",
            "Mar 10, 2024 at 6:00am (UTC)",
        ),
        (
            1730613600000000000,
            "2024-11-03 06:00:00 UTC",
            "2024-11-03 06:00:00 +0000 UTC",
            "Nov 3, 2024 at 6:00am (UTC)",
        ),
        (
            1730617200000000000,
            "2024-11-03 07:00:00 UTC",
            "2024-11-03 07:00:00 +0000 UTC",
            "Nov 3, 2024 at 7:00am (UTC)",
        ),
        (
            1743868800000000000,
            "2025-04-05 16:00:00 UTC",
            "2025-04-05 16:00:00 +0000 UTC",
            "Apr 5, 2025 at 4:00pm (UTC)",
        ),
        (
            1759593600000000000,
            "2025-10-04 16:00:00 UTC",
            "2025-10-04 16:00:00 +0000 UTC",
            "Oct 4, 2025 at 4:00pm (UTC)",
        ),
        (
            1711846800000000000,
            "2024-03-31 01:00:00 UTC",
            "2024-03-31 01:00:00 +0000 UTC",
            "Mar 31, 2024 at 1:00am (UTC)",
        ),
        (
            1729990800000000000,
            "2024-10-27 01:00:00 UTC",
            "2024-10-27 01:00:00 +0000 UTC",
            "Oct 27, 2024 at 1:00am (UTC)",
        ),
        (
            2534023007990000000,
            "2050-04-19 23:16:47 UTC",
            "2050-04-19 23:16:47.99 +0000 UTC",
            "Apr 19, 2050 at 11:16pm (UTC)",
        ),
        (
            i64::MAX,
            "2262-04-11 23:47:16 UTC",
            "2262-04-11 23:47:16.854775807 +0000 UTC",
            "Apr 11, 2262 at 11:47pm (UTC)",
        ),
        (
            i64::MIN,
            "1677-09-21 00:12:43 UTC",
            "1677-09-21 00:12:43.145224192 +0000 UTC",
            "Sep 21, 1677 at 12:12am (UTC)",
        ),
        (1000000, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00.001 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (
            1500000000000000000,
            "2017-07-14 02:40:00 UTC",
            "2017-07-14 02:40:00 +0000 UTC",
            "Jul 14, 2017 at 2:40am (UTC)",
        ),
    ];

    const TZ_EMPTY: &[Row] = &[
        (0, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (1, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00.000000001 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (
            1506718679123456789,
            "2017-09-29 20:57:59 UTC",
            "2017-09-29 20:57:59.123456789 +0000 UTC",
            "Sep 29, 2017 at 8:57pm (UTC)",
        ),
        (
            1506718679000000000,
            "2017-09-29 20:57:59 UTC",
            "2017-09-29 20:57:59 +0000 UTC",
            "Sep 29, 2017 at 8:57pm (UTC)",
        ),
        (
            1795310040500000000,
            "2026-11-22 01:14:00 UTC",
            "2026-11-22 01:14:00.5 +0000 UTC",
            "Nov 22, 2026 at 1:14am (UTC)",
        ),
        (-1, "1969-12-31 23:59:59 UTC", "1969-12-31 23:59:59.999999999 +0000 UTC", "Dec 31, 1969 at 11:59pm (UTC)"),
        (
            -2208988800000000000,
            "1900-01-01 00:00:00 UTC",
            "1900-01-01 00:00:00 +0000 UTC",
            "Jan 1, 1900 at 12:00am (UTC)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 15:06:40 UTC",
            "1811-07-23 15:06:40 +0000 UTC",
            "Jul 23, 1811 at 3:06pm (UTC)",
        ),
        (
            4102444800000000000,
            "2100-01-01 00:00:00 UTC",
            "2100-01-01 00:00:00 +0000 UTC",
            "Jan 1, 2100 at 12:00am (UTC)",
        ),
        (
            4133980799999999999,
            "2100-12-31 23:59:59 UTC",
            "2100-12-31 23:59:59.999999999 +0000 UTC",
            "Dec 31, 2100 at 11:59pm (UTC)",
        ),
        (
            4118000000000000000,
            "2100-06-30 00:53:20 UTC",
            "2100-06-30 00:53:20 +0000 UTC",
            "Jun 30, 2100 at 12:53am (UTC)",
        ),
        (
            1710054000000000000,
            "2024-03-10 07:00:00 UTC",
            "2024-03-10 07:00:00 +0000 UTC",
            "Mar 10, 2024 at 7:00am (UTC)",
        ),
        (
            1710050400000000000,
            "2024-03-10 06:00:00 UTC",
            "2024-03-10 06:00:00 +0000 UTC",
            "Mar 10, 2024 at 6:00am (UTC)",
        ),
        (
            1730613600000000000,
            "2024-11-03 06:00:00 UTC",
            "2024-11-03 06:00:00 +0000 UTC",
            "Nov 3, 2024 at 6:00am (UTC)",
        ),
        (
            1730617200000000000,
            "2024-11-03 07:00:00 UTC",
            "2024-11-03 07:00:00 +0000 UTC",
            "Nov 3, 2024 at 7:00am (UTC)",
        ),
        (
            1743868800000000000,
            "2025-04-05 16:00:00 UTC",
            "2025-04-05 16:00:00 +0000 UTC",
            "Apr 5, 2025 at 4:00pm (UTC)",
        ),
        (
            1759593600000000000,
            "2025-10-04 16:00:00 UTC",
            "2025-10-04 16:00:00 +0000 UTC",
            "Oct 4, 2025 at 4:00pm (UTC)",
        ),
        (
            1711846800000000000,
            "2024-03-31 01:00:00 UTC",
            "2024-03-31 01:00:00 +0000 UTC",
            "Mar 31, 2024 at 1:00am (UTC)",
        ),
        (
            1729990800000000000,
            "2024-10-27 01:00:00 UTC",
            "2024-10-27 01:00:00 +0000 UTC",
            "Oct 27, 2024 at 1:00am (UTC)",
        ),
        (
            2534023007990000000,
            "2050-04-19 23:16:47 UTC",
            "2050-04-19 23:16:47.99 +0000 UTC",
            "Apr 19, 2050 at 11:16pm (UTC)",
        ),
        (
            i64::MAX,
            "2262-04-11 23:47:16 UTC",
            "2262-04-11 23:47:16.854775807 +0000 UTC",
            "Apr 11, 2262 at 11:47pm (UTC)",
        ),
        (
            i64::MIN,
            "1677-09-21 00:12:43 UTC",
            "1677-09-21 00:12:43.145224192 +0000 UTC",
            "Sep 21, 1677 at 12:12am (UTC)",
        ),
        (1000000, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00.001 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (
            1500000000000000000,
            "2017-07-14 02:40:00 UTC",
            "2017-07-14 02:40:00 +0000 UTC",
            "Jul 14, 2017 at 2:40am (UTC)",
        ),
    ];

    const TZ_UTC: &[Row] = &[
        (0, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (1, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00.000000001 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (
            1506718679123456789,
            "2017-09-29 20:57:59 UTC",
            "2017-09-29 20:57:59.123456789 +0000 UTC",
            "Sep 29, 2017 at 8:57pm (UTC)",
        ),
        (
            1506718679000000000,
            "2017-09-29 20:57:59 UTC",
            "2017-09-29 20:57:59 +0000 UTC",
            "Sep 29, 2017 at 8:57pm (UTC)",
        ),
        (
            1795310040500000000,
            "2026-11-22 01:14:00 UTC",
            "2026-11-22 01:14:00.5 +0000 UTC",
            "Nov 22, 2026 at 1:14am (UTC)",
        ),
        (-1, "1969-12-31 23:59:59 UTC", "1969-12-31 23:59:59.999999999 +0000 UTC", "Dec 31, 1969 at 11:59pm (UTC)"),
        (
            -2208988800000000000,
            "1900-01-01 00:00:00 UTC",
            "1900-01-01 00:00:00 +0000 UTC",
            "Jan 1, 1900 at 12:00am (UTC)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 15:06:40 UTC",
            "1811-07-23 15:06:40 +0000 UTC",
            "Jul 23, 1811 at 3:06pm (UTC)",
        ),
        (
            4102444800000000000,
            "2100-01-01 00:00:00 UTC",
            "2100-01-01 00:00:00 +0000 UTC",
            "Jan 1, 2100 at 12:00am (UTC)",
        ),
        (
            4133980799999999999,
            "2100-12-31 23:59:59 UTC",
            "2100-12-31 23:59:59.999999999 +0000 UTC",
            "Dec 31, 2100 at 11:59pm (UTC)",
        ),
        (
            4118000000000000000,
            "2100-06-30 00:53:20 UTC",
            "2100-06-30 00:53:20 +0000 UTC",
            "Jun 30, 2100 at 12:53am (UTC)",
        ),
        (
            1710054000000000000,
            "2024-03-10 07:00:00 UTC",
            "2024-03-10 07:00:00 +0000 UTC",
            "Mar 10, 2024 at 7:00am (UTC)",
        ),
        (
            1710050400000000000,
            "2024-03-10 06:00:00 UTC",
            "2024-03-10 06:00:00 +0000 UTC",
            "Mar 10, 2024 at 6:00am (UTC)",
        ),
        (
            1730613600000000000,
            "2024-11-03 06:00:00 UTC",
            "2024-11-03 06:00:00 +0000 UTC",
            "Nov 3, 2024 at 6:00am (UTC)",
        ),
        (
            1730617200000000000,
            "2024-11-03 07:00:00 UTC",
            "2024-11-03 07:00:00 +0000 UTC",
            "Nov 3, 2024 at 7:00am (UTC)",
        ),
        (
            1743868800000000000,
            "2025-04-05 16:00:00 UTC",
            "2025-04-05 16:00:00 +0000 UTC",
            "Apr 5, 2025 at 4:00pm (UTC)",
        ),
        (
            1759593600000000000,
            "2025-10-04 16:00:00 UTC",
            "2025-10-04 16:00:00 +0000 UTC",
            "Oct 4, 2025 at 4:00pm (UTC)",
        ),
        (
            1711846800000000000,
            "2024-03-31 01:00:00 UTC",
            "2024-03-31 01:00:00 +0000 UTC",
            "Mar 31, 2024 at 1:00am (UTC)",
        ),
        (
            1729990800000000000,
            "2024-10-27 01:00:00 UTC",
            "2024-10-27 01:00:00 +0000 UTC",
            "Oct 27, 2024 at 1:00am (UTC)",
        ),
        (
            2534023007990000000,
            "2050-04-19 23:16:47 UTC",
            "2050-04-19 23:16:47.99 +0000 UTC",
            "Apr 19, 2050 at 11:16pm (UTC)",
        ),
        (
            i64::MAX,
            "2262-04-11 23:47:16 UTC",
            "2262-04-11 23:47:16.854775807 +0000 UTC",
            "Apr 11, 2262 at 11:47pm (UTC)",
        ),
        (
            i64::MIN,
            "1677-09-21 00:12:43 UTC",
            "1677-09-21 00:12:43.145224192 +0000 UTC",
            "Sep 21, 1677 at 12:12am (UTC)",
        ),
        (1000000, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00.001 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (
            1500000000000000000,
            "2017-07-14 02:40:00 UTC",
            "2017-07-14 02:40:00 +0000 UTC",
            "Jul 14, 2017 at 2:40am (UTC)",
        ),
    ];

    const TZ_AMERICA_NEW_YORK: &[Row] = &[
        (0, "1969-12-31 19:00:00 EST", "1969-12-31 19:00:00 -0500 EST", "Dec 31, 1969 at 7:00pm (EST)"),
        (1, "1969-12-31 19:00:00 EST", "1969-12-31 19:00:00.000000001 -0500 EST", "Dec 31, 1969 at 7:00pm (EST)"),
        (
            1506718679123456789,
            "2017-09-29 16:57:59 EDT",
            "2017-09-29 16:57:59.123456789 -0400 EDT",
            "Sep 29, 2017 at 4:57pm (EDT)",
        ),
        (
            1506718679000000000,
            "2017-09-29 16:57:59 EDT",
            "2017-09-29 16:57:59 -0400 EDT",
            "Sep 29, 2017 at 4:57pm (EDT)",
        ),
        (
            1795310040500000000,
            "2026-11-21 20:14:00 EST",
            "2026-11-21 20:14:00.5 -0500 EST",
            "Nov 21, 2026 at 8:14pm (EST)",
        ),
        (-1, "1969-12-31 18:59:59 EST", "1969-12-31 18:59:59.999999999 -0500 EST", "Dec 31, 1969 at 6:59pm (EST)"),
        (
            -2208988800000000000,
            "1899-12-31 19:00:00 EST",
            "1899-12-31 19:00:00 -0500 EST",
            "Dec 31, 1899 at 7:00pm (EST)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 10:10:38 LMT",
            "1811-07-23 10:10:38 -0456 LMT",
            "Jul 23, 1811 at 10:10am (LMT)",
        ),
        (
            4102444800000000000,
            "2099-12-31 19:00:00 EST",
            "2099-12-31 19:00:00 -0500 EST",
            "Dec 31, 2099 at 7:00pm (EST)",
        ),
        (
            4133980799999999999,
            "2100-12-31 18:59:59 EST",
            "2100-12-31 18:59:59.999999999 -0500 EST",
            "Dec 31, 2100 at 6:59pm (EST)",
        ),
        (
            4118000000000000000,
            "2100-06-29 20:53:20 EDT",
            "2100-06-29 20:53:20 -0400 EDT",
            "Jun 29, 2100 at 8:53pm (EDT)",
        ),
        (
            1710054000000000000,
            "2024-03-10 03:00:00 EDT",
            "2024-03-10 03:00:00 -0400 EDT",
            "Mar 10, 2024 at 3:00am (EDT)",
        ),
        (
            1710050400000000000,
            "2024-03-10 01:00:00 EST",
            "2024-03-10 01:00:00 -0500 EST",
            "Mar 10, 2024 at 1:00am (EST)",
        ),
        (
            1730613600000000000,
            "2024-11-03 01:00:00 EST",
            "2024-11-03 01:00:00 -0500 EST",
            "Nov 3, 2024 at 1:00am (EST)",
        ),
        (
            1730617200000000000,
            "2024-11-03 02:00:00 EST",
            "2024-11-03 02:00:00 -0500 EST",
            "Nov 3, 2024 at 2:00am (EST)",
        ),
        (
            1743868800000000000,
            "2025-04-05 12:00:00 EDT",
            "2025-04-05 12:00:00 -0400 EDT",
            "Apr 5, 2025 at 12:00pm (EDT)",
        ),
        (
            1759593600000000000,
            "2025-10-04 12:00:00 EDT",
            "2025-10-04 12:00:00 -0400 EDT",
            "Oct 4, 2025 at 12:00pm (EDT)",
        ),
        (
            1711846800000000000,
            "2024-03-30 21:00:00 EDT",
            "2024-03-30 21:00:00 -0400 EDT",
            "Mar 30, 2024 at 9:00pm (EDT)",
        ),
        (
            1729990800000000000,
            "2024-10-26 21:00:00 EDT",
            "2024-10-26 21:00:00 -0400 EDT",
            "Oct 26, 2024 at 9:00pm (EDT)",
        ),
        (
            2534023007990000000,
            "2050-04-19 19:16:47 EDT",
            "2050-04-19 19:16:47.99 -0400 EDT",
            "Apr 19, 2050 at 7:16pm (EDT)",
        ),
        (
            i64::MAX,
            "2262-04-11 19:47:16 EDT",
            "2262-04-11 19:47:16.854775807 -0400 EDT",
            "Apr 11, 2262 at 7:47pm (EDT)",
        ),
        (
            i64::MIN,
            "1677-09-20 19:16:41 LMT",
            "1677-09-20 19:16:41.145224192 -0456 LMT",
            "Sep 20, 1677 at 7:16pm (LMT)",
        ),
        (1000000, "1969-12-31 19:00:00 EST", "1969-12-31 19:00:00.001 -0500 EST", "Dec 31, 1969 at 7:00pm (EST)"),
        (
            1500000000000000000,
            "2017-07-13 22:40:00 EDT",
            "2017-07-13 22:40:00 -0400 EDT",
            "Jul 13, 2017 at 10:40pm (EDT)",
        ),
    ];

    const TZ_ASIA_KOLKATA: &[Row] = &[
        (0, "1970-01-01 05:30:00 IST", "1970-01-01 05:30:00 +0530 IST", "Jan 1, 1970 at 5:30am (IST)"),
        (1, "1970-01-01 05:30:00 IST", "1970-01-01 05:30:00.000000001 +0530 IST", "Jan 1, 1970 at 5:30am (IST)"),
        (
            1506718679123456789,
            "2017-09-30 02:27:59 IST",
            "2017-09-30 02:27:59.123456789 +0530 IST",
            "Sep 30, 2017 at 2:27am (IST)",
        ),
        (
            1506718679000000000,
            "2017-09-30 02:27:59 IST",
            "2017-09-30 02:27:59 +0530 IST",
            "Sep 30, 2017 at 2:27am (IST)",
        ),
        (
            1795310040500000000,
            "2026-11-22 06:44:00 IST",
            "2026-11-22 06:44:00.5 +0530 IST",
            "Nov 22, 2026 at 6:44am (IST)",
        ),
        (-1, "1970-01-01 05:29:59 IST", "1970-01-01 05:29:59.999999999 +0530 IST", "Jan 1, 1970 at 5:29am (IST)"),
        (
            -2208988800000000000,
            "1900-01-01 05:21:10 MMT",
            "1900-01-01 05:21:10 +0521 MMT",
            "Jan 1, 1900 at 5:21am (MMT)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 21:00:08 LMT",
            "1811-07-23 21:00:08 +0553 LMT",
            "Jul 23, 1811 at 9:00pm (LMT)",
        ),
        (
            4102444800000000000,
            "2100-01-01 05:30:00 IST",
            "2100-01-01 05:30:00 +0530 IST",
            "Jan 1, 2100 at 5:30am (IST)",
        ),
        (
            4133980799999999999,
            "2101-01-01 05:29:59 IST",
            "2101-01-01 05:29:59.999999999 +0530 IST",
            "Jan 1, 2101 at 5:29am (IST)",
        ),
        (
            4118000000000000000,
            "2100-06-30 06:23:20 IST",
            "2100-06-30 06:23:20 +0530 IST",
            "Jun 30, 2100 at 6:23am (IST)",
        ),
        (
            1710054000000000000,
            "2024-03-10 12:30:00 IST",
            "2024-03-10 12:30:00 +0530 IST",
            "Mar 10, 2024 at 12:30pm (IST)",
        ),
        (
            1710050400000000000,
            "2024-03-10 11:30:00 IST",
            "2024-03-10 11:30:00 +0530 IST",
            "Mar 10, 2024 at 11:30am (IST)",
        ),
        (
            1730613600000000000,
            "2024-11-03 11:30:00 IST",
            "2024-11-03 11:30:00 +0530 IST",
            "Nov 3, 2024 at 11:30am (IST)",
        ),
        (
            1730617200000000000,
            "2024-11-03 12:30:00 IST",
            "2024-11-03 12:30:00 +0530 IST",
            "Nov 3, 2024 at 12:30pm (IST)",
        ),
        (
            1743868800000000000,
            "2025-04-05 21:30:00 IST",
            "2025-04-05 21:30:00 +0530 IST",
            "Apr 5, 2025 at 9:30pm (IST)",
        ),
        (
            1759593600000000000,
            "2025-10-04 21:30:00 IST",
            "2025-10-04 21:30:00 +0530 IST",
            "Oct 4, 2025 at 9:30pm (IST)",
        ),
        (
            1711846800000000000,
            "2024-03-31 06:30:00 IST",
            "2024-03-31 06:30:00 +0530 IST",
            "Mar 31, 2024 at 6:30am (IST)",
        ),
        (
            1729990800000000000,
            "2024-10-27 06:30:00 IST",
            "2024-10-27 06:30:00 +0530 IST",
            "Oct 27, 2024 at 6:30am (IST)",
        ),
        (
            2534023007990000000,
            "2050-04-20 04:46:47 IST",
            "2050-04-20 04:46:47.99 +0530 IST",
            "Apr 20, 2050 at 4:46am (IST)",
        ),
        (
            i64::MAX,
            "2262-04-12 05:17:16 IST",
            "2262-04-12 05:17:16.854775807 +0530 IST",
            "Apr 12, 2262 at 5:17am (IST)",
        ),
        (
            i64::MIN,
            "1677-09-21 06:06:11 LMT",
            "1677-09-21 06:06:11.145224192 +0553 LMT",
            "Sep 21, 1677 at 6:06am (LMT)",
        ),
        (1000000, "1970-01-01 05:30:00 IST", "1970-01-01 05:30:00.001 +0530 IST", "Jan 1, 1970 at 5:30am (IST)"),
        (
            1500000000000000000,
            "2017-07-14 08:10:00 IST",
            "2017-07-14 08:10:00 +0530 IST",
            "Jul 14, 2017 at 8:10am (IST)",
        ),
    ];

    const TZ_AUSTRALIA_LORD_HOWE: &[Row] = &[
        (0, "1970-01-01 10:00:00 AEST", "1970-01-01 10:00:00 +1000 AEST", "Jan 1, 1970 at 10:00am (AEST)"),
        (1, "1970-01-01 10:00:00 AEST", "1970-01-01 10:00:00.000000001 +1000 AEST", "Jan 1, 1970 at 10:00am (AEST)"),
        (
            1506718679123456789,
            "2017-09-30 07:27:59 +1030",
            "2017-09-30 07:27:59.123456789 +1030 +1030",
            "Sep 30, 2017 at 7:27am (+1030)",
        ),
        (
            1506718679000000000,
            "2017-09-30 07:27:59 +1030",
            "2017-09-30 07:27:59 +1030 +1030",
            "Sep 30, 2017 at 7:27am (+1030)",
        ),
        (
            1795310040500000000,
            "2026-11-22 12:14:00 +11",
            "2026-11-22 12:14:00.5 +1100 +11",
            "Nov 22, 2026 at 12:14pm (+11)",
        ),
        (-1, "1970-01-01 09:59:59 AEST", "1970-01-01 09:59:59.999999999 +1000 AEST", "Jan 1, 1970 at 9:59am (AEST)"),
        (
            -2208988800000000000,
            "1900-01-01 10:00:00 AEST",
            "1900-01-01 10:00:00 +1000 AEST",
            "Jan 1, 1900 at 10:00am (AEST)",
        ),
        (
            -5000000000000000000,
            "1811-07-24 01:43:00 LMT",
            "1811-07-24 01:43:00 +1036 LMT",
            "Jul 24, 1811 at 1:43am (LMT)",
        ),
        (
            4102444800000000000,
            "2100-01-01 11:00:00 +11",
            "2100-01-01 11:00:00 +1100 +11",
            "Jan 1, 2100 at 11:00am (+11)",
        ),
        (
            4133980799999999999,
            "2101-01-01 10:59:59 +11",
            "2101-01-01 10:59:59.999999999 +1100 +11",
            "Jan 1, 2101 at 10:59am (+11)",
        ),
        (
            4118000000000000000,
            "2100-06-30 11:23:20 +1030",
            "2100-06-30 11:23:20 +1030 +1030",
            "Jun 30, 2100 at 11:23am (+1030)",
        ),
        (
            1710054000000000000,
            "2024-03-10 18:00:00 +11",
            "2024-03-10 18:00:00 +1100 +11",
            "Mar 10, 2024 at 6:00pm (+11)",
        ),
        (
            1710050400000000000,
            "2024-03-10 17:00:00 +11",
            "2024-03-10 17:00:00 +1100 +11",
            "Mar 10, 2024 at 5:00pm (+11)",
        ),
        (
            1730613600000000000,
            "2024-11-03 17:00:00 +11",
            "2024-11-03 17:00:00 +1100 +11",
            "Nov 3, 2024 at 5:00pm (+11)",
        ),
        (
            1730617200000000000,
            "2024-11-03 18:00:00 +11",
            "2024-11-03 18:00:00 +1100 +11",
            "Nov 3, 2024 at 6:00pm (+11)",
        ),
        (
            1743868800000000000,
            "2025-04-06 02:30:00 +1030",
            "2025-04-06 02:30:00 +1030 +1030",
            "Apr 6, 2025 at 2:30am (+1030)",
        ),
        (
            1759593600000000000,
            "2025-10-05 03:00:00 +11",
            "2025-10-05 03:00:00 +1100 +11",
            "Oct 5, 2025 at 3:00am (+11)",
        ),
        (
            1711846800000000000,
            "2024-03-31 12:00:00 +11",
            "2024-03-31 12:00:00 +1100 +11",
            "Mar 31, 2024 at 12:00pm (+11)",
        ),
        (
            1729990800000000000,
            "2024-10-27 12:00:00 +11",
            "2024-10-27 12:00:00 +1100 +11",
            "Oct 27, 2024 at 12:00pm (+11)",
        ),
        (
            2534023007990000000,
            "2050-04-20 09:46:47 +1030",
            "2050-04-20 09:46:47.99 +1030 +1030",
            "Apr 20, 2050 at 9:46am (+1030)",
        ),
        (
            i64::MAX,
            "2262-04-12 10:17:16 +1030",
            "2262-04-12 10:17:16.854775807 +1030 +1030",
            "Apr 12, 2262 at 10:17am (+1030)",
        ),
        (
            i64::MIN,
            "1677-09-21 10:49:03 LMT",
            "1677-09-21 10:49:03.145224192 +1036 LMT",
            "Sep 21, 1677 at 10:49am (LMT)",
        ),
        (1000000, "1970-01-01 10:00:00 AEST", "1970-01-01 10:00:00.001 +1000 AEST", "Jan 1, 1970 at 10:00am (AEST)"),
        (
            1500000000000000000,
            "2017-07-14 13:10:00 +1030",
            "2017-07-14 13:10:00 +1030 +1030",
            "Jul 14, 2017 at 1:10pm (+1030)",
        ),
    ];

    const TZ_EUROPE_DUBLIN: &[Row] = &[
        (0, "1970-01-01 01:00:00 IST", "1970-01-01 01:00:00 +0100 IST", "Jan 1, 1970 at 1:00am (IST)"),
        (1, "1970-01-01 01:00:00 IST", "1970-01-01 01:00:00.000000001 +0100 IST", "Jan 1, 1970 at 1:00am (IST)"),
        (
            1506718679123456789,
            "2017-09-29 21:57:59 IST",
            "2017-09-29 21:57:59.123456789 +0100 IST",
            "Sep 29, 2017 at 9:57pm (IST)",
        ),
        (
            1506718679000000000,
            "2017-09-29 21:57:59 IST",
            "2017-09-29 21:57:59 +0100 IST",
            "Sep 29, 2017 at 9:57pm (IST)",
        ),
        (
            1795310040500000000,
            "2026-11-22 01:14:00 GMT",
            "2026-11-22 01:14:00.5 +0000 GMT",
            "Nov 22, 2026 at 1:14am (GMT)",
        ),
        (-1, "1970-01-01 00:59:59 IST", "1970-01-01 00:59:59.999999999 +0100 IST", "Jan 1, 1970 at 12:59am (IST)"),
        (
            -2208988800000000000,
            "1899-12-31 23:34:39 DMT",
            "1899-12-31 23:34:39 -0025 DMT",
            "Dec 31, 1899 at 11:34pm (DMT)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 14:41:19 LMT",
            "1811-07-23 14:41:19 -0025 LMT",
            "Jul 23, 1811 at 2:41pm (LMT)",
        ),
        (
            4102444800000000000,
            "2100-01-01 00:00:00 GMT",
            "2100-01-01 00:00:00 +0000 GMT",
            "Jan 1, 2100 at 12:00am (GMT)",
        ),
        (
            4133980799999999999,
            "2100-12-31 23:59:59 GMT",
            "2100-12-31 23:59:59.999999999 +0000 GMT",
            "Dec 31, 2100 at 11:59pm (GMT)",
        ),
        (
            4118000000000000000,
            "2100-06-30 01:53:20 IST",
            "2100-06-30 01:53:20 +0100 IST",
            "Jun 30, 2100 at 1:53am (IST)",
        ),
        (
            1710054000000000000,
            "2024-03-10 07:00:00 GMT",
            "2024-03-10 07:00:00 +0000 GMT",
            "Mar 10, 2024 at 7:00am (GMT)",
        ),
        (
            1710050400000000000,
            "2024-03-10 06:00:00 GMT",
            "2024-03-10 06:00:00 +0000 GMT",
            "Mar 10, 2024 at 6:00am (GMT)",
        ),
        (
            1730613600000000000,
            "2024-11-03 06:00:00 GMT",
            "2024-11-03 06:00:00 +0000 GMT",
            "Nov 3, 2024 at 6:00am (GMT)",
        ),
        (
            1730617200000000000,
            "2024-11-03 07:00:00 GMT",
            "2024-11-03 07:00:00 +0000 GMT",
            "Nov 3, 2024 at 7:00am (GMT)",
        ),
        (
            1743868800000000000,
            "2025-04-05 17:00:00 IST",
            "2025-04-05 17:00:00 +0100 IST",
            "Apr 5, 2025 at 5:00pm (IST)",
        ),
        (
            1759593600000000000,
            "2025-10-04 17:00:00 IST",
            "2025-10-04 17:00:00 +0100 IST",
            "Oct 4, 2025 at 5:00pm (IST)",
        ),
        (
            1711846800000000000,
            "2024-03-31 02:00:00 IST",
            "2024-03-31 02:00:00 +0100 IST",
            "Mar 31, 2024 at 2:00am (IST)",
        ),
        (
            1729990800000000000,
            "2024-10-27 01:00:00 GMT",
            "2024-10-27 01:00:00 +0000 GMT",
            "Oct 27, 2024 at 1:00am (GMT)",
        ),
        (
            2534023007990000000,
            "2050-04-20 00:16:47 IST",
            "2050-04-20 00:16:47.99 +0100 IST",
            "Apr 20, 2050 at 12:16am (IST)",
        ),
        (
            i64::MAX,
            "2262-04-12 00:47:16 IST",
            "2262-04-12 00:47:16.854775807 +0100 IST",
            "Apr 12, 2262 at 12:47am (IST)",
        ),
        (
            i64::MIN,
            "1677-09-20 23:47:22 LMT",
            "1677-09-20 23:47:22.145224192 -0025 LMT",
            "Sep 20, 1677 at 11:47pm (LMT)",
        ),
        (1000000, "1970-01-01 01:00:00 IST", "1970-01-01 01:00:00.001 +0100 IST", "Jan 1, 1970 at 1:00am (IST)"),
        (
            1500000000000000000,
            "2017-07-14 03:40:00 IST",
            "2017-07-14 03:40:00 +0100 IST",
            "Jul 14, 2017 at 3:40am (IST)",
        ),
    ];

    const TZ_AMERICA_SAO_PAULO: &[Row] = &[
        (0, "1969-12-31 21:00:00 -03", "1969-12-31 21:00:00 -0300 -03", "Dec 31, 1969 at 9:00pm (-03)"),
        (1, "1969-12-31 21:00:00 -03", "1969-12-31 21:00:00.000000001 -0300 -03", "Dec 31, 1969 at 9:00pm (-03)"),
        (
            1506718679123456789,
            "2017-09-29 17:57:59 -03",
            "2017-09-29 17:57:59.123456789 -0300 -03",
            "Sep 29, 2017 at 5:57pm (-03)",
        ),
        (
            1506718679000000000,
            "2017-09-29 17:57:59 -03",
            "2017-09-29 17:57:59 -0300 -03",
            "Sep 29, 2017 at 5:57pm (-03)",
        ),
        (
            1795310040500000000,
            "2026-11-21 22:14:00 -03",
            "2026-11-21 22:14:00.5 -0300 -03",
            "Nov 21, 2026 at 10:14pm (-03)",
        ),
        (-1, "1969-12-31 20:59:59 -03", "1969-12-31 20:59:59.999999999 -0300 -03", "Dec 31, 1969 at 8:59pm (-03)"),
        (
            -2208988800000000000,
            "1899-12-31 20:53:32 LMT",
            "1899-12-31 20:53:32 -0306 LMT",
            "Dec 31, 1899 at 8:53pm (LMT)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 12:00:12 LMT",
            "1811-07-23 12:00:12 -0306 LMT",
            "Jul 23, 1811 at 12:00pm (LMT)",
        ),
        (
            4102444800000000000,
            "2099-12-31 21:00:00 -03",
            "2099-12-31 21:00:00 -0300 -03",
            "Dec 31, 2099 at 9:00pm (-03)",
        ),
        (
            4133980799999999999,
            "2100-12-31 20:59:59 -03",
            "2100-12-31 20:59:59.999999999 -0300 -03",
            "Dec 31, 2100 at 8:59pm (-03)",
        ),
        (
            4118000000000000000,
            "2100-06-29 21:53:20 -03",
            "2100-06-29 21:53:20 -0300 -03",
            "Jun 29, 2100 at 9:53pm (-03)",
        ),
        (
            1710054000000000000,
            "2024-03-10 04:00:00 -03",
            "2024-03-10 04:00:00 -0300 -03",
            "Mar 10, 2024 at 4:00am (-03)",
        ),
        (
            1710050400000000000,
            "2024-03-10 03:00:00 -03",
            "2024-03-10 03:00:00 -0300 -03",
            "Mar 10, 2024 at 3:00am (-03)",
        ),
        (
            1730613600000000000,
            "2024-11-03 03:00:00 -03",
            "2024-11-03 03:00:00 -0300 -03",
            "Nov 3, 2024 at 3:00am (-03)",
        ),
        (
            1730617200000000000,
            "2024-11-03 04:00:00 -03",
            "2024-11-03 04:00:00 -0300 -03",
            "Nov 3, 2024 at 4:00am (-03)",
        ),
        (
            1743868800000000000,
            "2025-04-05 13:00:00 -03",
            "2025-04-05 13:00:00 -0300 -03",
            "Apr 5, 2025 at 1:00pm (-03)",
        ),
        (
            1759593600000000000,
            "2025-10-04 13:00:00 -03",
            "2025-10-04 13:00:00 -0300 -03",
            "Oct 4, 2025 at 1:00pm (-03)",
        ),
        (
            1711846800000000000,
            "2024-03-30 22:00:00 -03",
            "2024-03-30 22:00:00 -0300 -03",
            "Mar 30, 2024 at 10:00pm (-03)",
        ),
        (
            1729990800000000000,
            "2024-10-26 22:00:00 -03",
            "2024-10-26 22:00:00 -0300 -03",
            "Oct 26, 2024 at 10:00pm (-03)",
        ),
        (
            2534023007990000000,
            "2050-04-19 20:16:47 -03",
            "2050-04-19 20:16:47.99 -0300 -03",
            "Apr 19, 2050 at 8:16pm (-03)",
        ),
        (
            i64::MAX,
            "2262-04-11 20:47:16 -03",
            "2262-04-11 20:47:16.854775807 -0300 -03",
            "Apr 11, 2262 at 8:47pm (-03)",
        ),
        (
            i64::MIN,
            "1677-09-20 21:06:15 LMT",
            "1677-09-20 21:06:15.145224192 -0306 LMT",
            "Sep 20, 1677 at 9:06pm (LMT)",
        ),
        (1000000, "1969-12-31 21:00:00 -03", "1969-12-31 21:00:00.001 -0300 -03", "Dec 31, 1969 at 9:00pm (-03)"),
        (
            1500000000000000000,
            "2017-07-13 23:40:00 -03",
            "2017-07-13 23:40:00 -0300 -03",
            "Jul 13, 2017 at 11:40pm (-03)",
        ),
    ];

    const TZ__EUROPE_DUBLIN: &[Row] = &[
        (0, "1970-01-01 01:00:00 IST", "1970-01-01 01:00:00 +0100 IST", "Jan 1, 1970 at 1:00am (IST)"),
        (1, "1970-01-01 01:00:00 IST", "1970-01-01 01:00:00.000000001 +0100 IST", "Jan 1, 1970 at 1:00am (IST)"),
        (
            1506718679123456789,
            "2017-09-29 21:57:59 IST",
            "2017-09-29 21:57:59.123456789 +0100 IST",
            "Sep 29, 2017 at 9:57pm (IST)",
        ),
        (
            1506718679000000000,
            "2017-09-29 21:57:59 IST",
            "2017-09-29 21:57:59 +0100 IST",
            "Sep 29, 2017 at 9:57pm (IST)",
        ),
        (
            1795310040500000000,
            "2026-11-22 01:14:00 GMT",
            "2026-11-22 01:14:00.5 +0000 GMT",
            "Nov 22, 2026 at 1:14am (GMT)",
        ),
        (-1, "1970-01-01 00:59:59 IST", "1970-01-01 00:59:59.999999999 +0100 IST", "Jan 1, 1970 at 12:59am (IST)"),
        (
            -2208988800000000000,
            "1899-12-31 23:34:39 DMT",
            "1899-12-31 23:34:39 -0025 DMT",
            "Dec 31, 1899 at 11:34pm (DMT)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 14:41:19 LMT",
            "1811-07-23 14:41:19 -0025 LMT",
            "Jul 23, 1811 at 2:41pm (LMT)",
        ),
        (
            4102444800000000000,
            "2100-01-01 00:00:00 GMT",
            "2100-01-01 00:00:00 +0000 GMT",
            "Jan 1, 2100 at 12:00am (GMT)",
        ),
        (
            4133980799999999999,
            "2100-12-31 23:59:59 GMT",
            "2100-12-31 23:59:59.999999999 +0000 GMT",
            "Dec 31, 2100 at 11:59pm (GMT)",
        ),
        (
            4118000000000000000,
            "2100-06-30 01:53:20 IST",
            "2100-06-30 01:53:20 +0100 IST",
            "Jun 30, 2100 at 1:53am (IST)",
        ),
        (
            1710054000000000000,
            "2024-03-10 07:00:00 GMT",
            "2024-03-10 07:00:00 +0000 GMT",
            "Mar 10, 2024 at 7:00am (GMT)",
        ),
        (
            1710050400000000000,
            "2024-03-10 06:00:00 GMT",
            "2024-03-10 06:00:00 +0000 GMT",
            "Mar 10, 2024 at 6:00am (GMT)",
        ),
        (
            1730613600000000000,
            "2024-11-03 06:00:00 GMT",
            "2024-11-03 06:00:00 +0000 GMT",
            "Nov 3, 2024 at 6:00am (GMT)",
        ),
        (
            1730617200000000000,
            "2024-11-03 07:00:00 GMT",
            "2024-11-03 07:00:00 +0000 GMT",
            "Nov 3, 2024 at 7:00am (GMT)",
        ),
        (
            1743868800000000000,
            "2025-04-05 17:00:00 IST",
            "2025-04-05 17:00:00 +0100 IST",
            "Apr 5, 2025 at 5:00pm (IST)",
        ),
        (
            1759593600000000000,
            "2025-10-04 17:00:00 IST",
            "2025-10-04 17:00:00 +0100 IST",
            "Oct 4, 2025 at 5:00pm (IST)",
        ),
        (
            1711846800000000000,
            "2024-03-31 02:00:00 IST",
            "2024-03-31 02:00:00 +0100 IST",
            "Mar 31, 2024 at 2:00am (IST)",
        ),
        (
            1729990800000000000,
            "2024-10-27 01:00:00 GMT",
            "2024-10-27 01:00:00 +0000 GMT",
            "Oct 27, 2024 at 1:00am (GMT)",
        ),
        (
            2534023007990000000,
            "2050-04-20 00:16:47 IST",
            "2050-04-20 00:16:47.99 +0100 IST",
            "Apr 20, 2050 at 12:16am (IST)",
        ),
        (
            i64::MAX,
            "2262-04-12 00:47:16 IST",
            "2262-04-12 00:47:16.854775807 +0100 IST",
            "Apr 12, 2262 at 12:47am (IST)",
        ),
        (
            i64::MIN,
            "1677-09-20 23:47:22 LMT",
            "1677-09-20 23:47:22.145224192 -0025 LMT",
            "Sep 20, 1677 at 11:47pm (LMT)",
        ),
        (1000000, "1970-01-01 01:00:00 IST", "1970-01-01 01:00:00.001 +0100 IST", "Jan 1, 1970 at 1:00am (IST)"),
        (
            1500000000000000000,
            "2017-07-14 03:40:00 IST",
            "2017-07-14 03:40:00 +0100 IST",
            "Jul 14, 2017 at 3:40am (IST)",
        ),
    ];

    const TZ__USR_SHARE_ZONEINFO_ASIA_TOKYO: &[Row] = &[
        (0, "1970-01-01 09:00:00 JST", "1970-01-01 09:00:00 +0900 JST", "Jan 1, 1970 at 9:00am (JST)"),
        (1, "1970-01-01 09:00:00 JST", "1970-01-01 09:00:00.000000001 +0900 JST", "Jan 1, 1970 at 9:00am (JST)"),
        (
            1506718679123456789,
            "2017-09-30 05:57:59 JST",
            "2017-09-30 05:57:59.123456789 +0900 JST",
            "Sep 30, 2017 at 5:57am (JST)",
        ),
        (
            1506718679000000000,
            "2017-09-30 05:57:59 JST",
            "2017-09-30 05:57:59 +0900 JST",
            "Sep 30, 2017 at 5:57am (JST)",
        ),
        (
            1795310040500000000,
            "2026-11-22 10:14:00 JST",
            "2026-11-22 10:14:00.5 +0900 JST",
            "Nov 22, 2026 at 10:14am (JST)",
        ),
        (-1, "1970-01-01 08:59:59 JST", "1970-01-01 08:59:59.999999999 +0900 JST", "Jan 1, 1970 at 8:59am (JST)"),
        (
            -2208988800000000000,
            "1900-01-01 09:00:00 JST",
            "1900-01-01 09:00:00 +0900 JST",
            "Jan 1, 1900 at 9:00am (JST)",
        ),
        (
            -5000000000000000000,
            "1811-07-24 00:25:39 LMT",
            "1811-07-24 00:25:39 +0918 LMT",
            "Jul 24, 1811 at 12:25am (LMT)",
        ),
        (
            4102444800000000000,
            "2100-01-01 09:00:00 JST",
            "2100-01-01 09:00:00 +0900 JST",
            "Jan 1, 2100 at 9:00am (JST)",
        ),
        (
            4133980799999999999,
            "2101-01-01 08:59:59 JST",
            "2101-01-01 08:59:59.999999999 +0900 JST",
            "Jan 1, 2101 at 8:59am (JST)",
        ),
        (
            4118000000000000000,
            "2100-06-30 09:53:20 JST",
            "2100-06-30 09:53:20 +0900 JST",
            "Jun 30, 2100 at 9:53am (JST)",
        ),
        (
            1710054000000000000,
            "2024-03-10 16:00:00 JST",
            "2024-03-10 16:00:00 +0900 JST",
            "Mar 10, 2024 at 4:00pm (JST)",
        ),
        (
            1710050400000000000,
            "2024-03-10 15:00:00 JST",
            "2024-03-10 15:00:00 +0900 JST",
            "Mar 10, 2024 at 3:00pm (JST)",
        ),
        (
            1730613600000000000,
            "2024-11-03 15:00:00 JST",
            "2024-11-03 15:00:00 +0900 JST",
            "Nov 3, 2024 at 3:00pm (JST)",
        ),
        (
            1730617200000000000,
            "2024-11-03 16:00:00 JST",
            "2024-11-03 16:00:00 +0900 JST",
            "Nov 3, 2024 at 4:00pm (JST)",
        ),
        (
            1743868800000000000,
            "2025-04-06 01:00:00 JST",
            "2025-04-06 01:00:00 +0900 JST",
            "Apr 6, 2025 at 1:00am (JST)",
        ),
        (
            1759593600000000000,
            "2025-10-05 01:00:00 JST",
            "2025-10-05 01:00:00 +0900 JST",
            "Oct 5, 2025 at 1:00am (JST)",
        ),
        (
            1711846800000000000,
            "2024-03-31 10:00:00 JST",
            "2024-03-31 10:00:00 +0900 JST",
            "Mar 31, 2024 at 10:00am (JST)",
        ),
        (
            1729990800000000000,
            "2024-10-27 10:00:00 JST",
            "2024-10-27 10:00:00 +0900 JST",
            "Oct 27, 2024 at 10:00am (JST)",
        ),
        (
            2534023007990000000,
            "2050-04-20 08:16:47 JST",
            "2050-04-20 08:16:47.99 +0900 JST",
            "Apr 20, 2050 at 8:16am (JST)",
        ),
        (
            i64::MAX,
            "2262-04-12 08:47:16 JST",
            "2262-04-12 08:47:16.854775807 +0900 JST",
            "Apr 12, 2262 at 8:47am (JST)",
        ),
        (
            i64::MIN,
            "1677-09-21 09:31:42 LMT",
            "1677-09-21 09:31:42.145224192 +0918 LMT",
            "Sep 21, 1677 at 9:31am (LMT)",
        ),
        (1000000, "1970-01-01 09:00:00 JST", "1970-01-01 09:00:00.001 +0900 JST", "Jan 1, 1970 at 9:00am (JST)"),
        (
            1500000000000000000,
            "2017-07-14 11:40:00 JST",
            "2017-07-14 11:40:00 +0900 JST",
            "Jul 14, 2017 at 11:40am (JST)",
        ),
    ];

    const TZ_NONEXISTENT_ZONE: &[Row] = &[
        (0, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (1, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00.000000001 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (
            1506718679123456789,
            "2017-09-29 20:57:59 UTC",
            "2017-09-29 20:57:59.123456789 +0000 UTC",
            "Sep 29, 2017 at 8:57pm (UTC)",
        ),
        (
            1506718679000000000,
            "2017-09-29 20:57:59 UTC",
            "2017-09-29 20:57:59 +0000 UTC",
            "Sep 29, 2017 at 8:57pm (UTC)",
        ),
        (
            1795310040500000000,
            "2026-11-22 01:14:00 UTC",
            "2026-11-22 01:14:00.5 +0000 UTC",
            "Nov 22, 2026 at 1:14am (UTC)",
        ),
        (-1, "1969-12-31 23:59:59 UTC", "1969-12-31 23:59:59.999999999 +0000 UTC", "Dec 31, 1969 at 11:59pm (UTC)"),
        (
            -2208988800000000000,
            "1900-01-01 00:00:00 UTC",
            "1900-01-01 00:00:00 +0000 UTC",
            "Jan 1, 1900 at 12:00am (UTC)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 15:06:40 UTC",
            "1811-07-23 15:06:40 +0000 UTC",
            "Jul 23, 1811 at 3:06pm (UTC)",
        ),
        (
            4102444800000000000,
            "2100-01-01 00:00:00 UTC",
            "2100-01-01 00:00:00 +0000 UTC",
            "Jan 1, 2100 at 12:00am (UTC)",
        ),
        (
            4133980799999999999,
            "2100-12-31 23:59:59 UTC",
            "2100-12-31 23:59:59.999999999 +0000 UTC",
            "Dec 31, 2100 at 11:59pm (UTC)",
        ),
        (
            4118000000000000000,
            "2100-06-30 00:53:20 UTC",
            "2100-06-30 00:53:20 +0000 UTC",
            "Jun 30, 2100 at 12:53am (UTC)",
        ),
        (
            1710054000000000000,
            "2024-03-10 07:00:00 UTC",
            "2024-03-10 07:00:00 +0000 UTC",
            "Mar 10, 2024 at 7:00am (UTC)",
        ),
        (
            1710050400000000000,
            "2024-03-10 06:00:00 UTC",
            "2024-03-10 06:00:00 +0000 UTC",
            "Mar 10, 2024 at 6:00am (UTC)",
        ),
        (
            1730613600000000000,
            "2024-11-03 06:00:00 UTC",
            "2024-11-03 06:00:00 +0000 UTC",
            "Nov 3, 2024 at 6:00am (UTC)",
        ),
        (
            1730617200000000000,
            "2024-11-03 07:00:00 UTC",
            "2024-11-03 07:00:00 +0000 UTC",
            "Nov 3, 2024 at 7:00am (UTC)",
        ),
        (
            1743868800000000000,
            "2025-04-05 16:00:00 UTC",
            "2025-04-05 16:00:00 +0000 UTC",
            "Apr 5, 2025 at 4:00pm (UTC)",
        ),
        (
            1759593600000000000,
            "2025-10-04 16:00:00 UTC",
            "2025-10-04 16:00:00 +0000 UTC",
            "Oct 4, 2025 at 4:00pm (UTC)",
        ),
        (
            1711846800000000000,
            "2024-03-31 01:00:00 UTC",
            "2024-03-31 01:00:00 +0000 UTC",
            "Mar 31, 2024 at 1:00am (UTC)",
        ),
        (
            1729990800000000000,
            "2024-10-27 01:00:00 UTC",
            "2024-10-27 01:00:00 +0000 UTC",
            "Oct 27, 2024 at 1:00am (UTC)",
        ),
        (
            2534023007990000000,
            "2050-04-19 23:16:47 UTC",
            "2050-04-19 23:16:47.99 +0000 UTC",
            "Apr 19, 2050 at 11:16pm (UTC)",
        ),
        (
            i64::MAX,
            "2262-04-11 23:47:16 UTC",
            "2262-04-11 23:47:16.854775807 +0000 UTC",
            "Apr 11, 2262 at 11:47pm (UTC)",
        ),
        (
            i64::MIN,
            "1677-09-21 00:12:43 UTC",
            "1677-09-21 00:12:43.145224192 +0000 UTC",
            "Sep 21, 1677 at 12:12am (UTC)",
        ),
        (1000000, "1970-01-01 00:00:00 UTC", "1970-01-01 00:00:00.001 +0000 UTC", "Jan 1, 1970 at 12:00am (UTC)"),
        (
            1500000000000000000,
            "2017-07-14 02:40:00 UTC",
            "2017-07-14 02:40:00 +0000 UTC",
            "Jul 14, 2017 at 2:40am (UTC)",
        ),
    ];

    const TZ_EST5EDT: &[Row] = &[
        (0, "1969-12-31 19:00:00 EST", "1969-12-31 19:00:00 -0500 EST", "Dec 31, 1969 at 7:00pm (EST)"),
        (1, "1969-12-31 19:00:00 EST", "1969-12-31 19:00:00.000000001 -0500 EST", "Dec 31, 1969 at 7:00pm (EST)"),
        (
            1506718679123456789,
            "2017-09-29 16:57:59 EDT",
            "2017-09-29 16:57:59.123456789 -0400 EDT",
            "Sep 29, 2017 at 4:57pm (EDT)",
        ),
        (
            1506718679000000000,
            "2017-09-29 16:57:59 EDT",
            "2017-09-29 16:57:59 -0400 EDT",
            "Sep 29, 2017 at 4:57pm (EDT)",
        ),
        (
            1795310040500000000,
            "2026-11-21 20:14:00 EST",
            "2026-11-21 20:14:00.5 -0500 EST",
            "Nov 21, 2026 at 8:14pm (EST)",
        ),
        (-1, "1969-12-31 18:59:59 EST", "1969-12-31 18:59:59.999999999 -0500 EST", "Dec 31, 1969 at 6:59pm (EST)"),
        (
            -2208988800000000000,
            "1899-12-31 19:00:00 EST",
            "1899-12-31 19:00:00 -0500 EST",
            "Dec 31, 1899 at 7:00pm (EST)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 10:06:40 EST",
            "1811-07-23 10:06:40 -0500 EST",
            "Jul 23, 1811 at 10:06am (EST)",
        ),
        (
            4102444800000000000,
            "2099-12-31 19:00:00 EST",
            "2099-12-31 19:00:00 -0500 EST",
            "Dec 31, 2099 at 7:00pm (EST)",
        ),
        (
            4133980799999999999,
            "2100-12-31 18:59:59 EST",
            "2100-12-31 18:59:59.999999999 -0500 EST",
            "Dec 31, 2100 at 6:59pm (EST)",
        ),
        (
            4118000000000000000,
            "2100-06-29 20:53:20 EDT",
            "2100-06-29 20:53:20 -0400 EDT",
            "Jun 29, 2100 at 8:53pm (EDT)",
        ),
        (
            1710054000000000000,
            "2024-03-10 03:00:00 EDT",
            "2024-03-10 03:00:00 -0400 EDT",
            "Mar 10, 2024 at 3:00am (EDT)",
        ),
        (
            1710050400000000000,
            "2024-03-10 01:00:00 EST",
            "2024-03-10 01:00:00 -0500 EST",
            "Mar 10, 2024 at 1:00am (EST)",
        ),
        (
            1730613600000000000,
            "2024-11-03 01:00:00 EST",
            "2024-11-03 01:00:00 -0500 EST",
            "Nov 3, 2024 at 1:00am (EST)",
        ),
        (
            1730617200000000000,
            "2024-11-03 02:00:00 EST",
            "2024-11-03 02:00:00 -0500 EST",
            "Nov 3, 2024 at 2:00am (EST)",
        ),
        (
            1743868800000000000,
            "2025-04-05 12:00:00 EDT",
            "2025-04-05 12:00:00 -0400 EDT",
            "Apr 5, 2025 at 12:00pm (EDT)",
        ),
        (
            1759593600000000000,
            "2025-10-04 12:00:00 EDT",
            "2025-10-04 12:00:00 -0400 EDT",
            "Oct 4, 2025 at 12:00pm (EDT)",
        ),
        (
            1711846800000000000,
            "2024-03-30 21:00:00 EDT",
            "2024-03-30 21:00:00 -0400 EDT",
            "Mar 30, 2024 at 9:00pm (EDT)",
        ),
        (
            1729990800000000000,
            "2024-10-26 21:00:00 EDT",
            "2024-10-26 21:00:00 -0400 EDT",
            "Oct 26, 2024 at 9:00pm (EDT)",
        ),
        (
            2534023007990000000,
            "2050-04-19 19:16:47 EDT",
            "2050-04-19 19:16:47.99 -0400 EDT",
            "Apr 19, 2050 at 7:16pm (EDT)",
        ),
        (
            i64::MAX,
            "2262-04-11 19:47:16 EDT",
            "2262-04-11 19:47:16.854775807 -0400 EDT",
            "Apr 11, 2262 at 7:47pm (EDT)",
        ),
        (
            i64::MIN,
            "1677-09-20 19:12:43 EST",
            "1677-09-20 19:12:43.145224192 -0500 EST",
            "Sep 20, 1677 at 7:12pm (EST)",
        ),
        (1000000, "1969-12-31 19:00:00 EST", "1969-12-31 19:00:00.001 -0500 EST", "Dec 31, 1969 at 7:00pm (EST)"),
        (
            1500000000000000000,
            "2017-07-13 22:40:00 EDT",
            "2017-07-13 22:40:00 -0400 EDT",
            "Jul 13, 2017 at 10:40pm (EDT)",
        ),
    ];

    const TZ_ETC_GMT_14: &[Row] = &[
        (0, "1970-01-01 14:00:00 +14", "1970-01-01 14:00:00 +1400 +14", "Jan 1, 1970 at 2:00pm (+14)"),
        (1, "1970-01-01 14:00:00 +14", "1970-01-01 14:00:00.000000001 +1400 +14", "Jan 1, 1970 at 2:00pm (+14)"),
        (
            1506718679123456789,
            "2017-09-30 10:57:59 +14",
            "2017-09-30 10:57:59.123456789 +1400 +14",
            "Sep 30, 2017 at 10:57am (+14)",
        ),
        (
            1506718679000000000,
            "2017-09-30 10:57:59 +14",
            "2017-09-30 10:57:59 +1400 +14",
            "Sep 30, 2017 at 10:57am (+14)",
        ),
        (
            1795310040500000000,
            "2026-11-22 15:14:00 +14",
            "2026-11-22 15:14:00.5 +1400 +14",
            "Nov 22, 2026 at 3:14pm (+14)",
        ),
        (-1, "1970-01-01 13:59:59 +14", "1970-01-01 13:59:59.999999999 +1400 +14", "Jan 1, 1970 at 1:59pm (+14)"),
        (
            -2208988800000000000,
            "1900-01-01 14:00:00 +14",
            "1900-01-01 14:00:00 +1400 +14",
            "Jan 1, 1900 at 2:00pm (+14)",
        ),
        (
            -5000000000000000000,
            "1811-07-24 05:06:40 +14",
            "1811-07-24 05:06:40 +1400 +14",
            "Jul 24, 1811 at 5:06am (+14)",
        ),
        (
            4102444800000000000,
            "2100-01-01 14:00:00 +14",
            "2100-01-01 14:00:00 +1400 +14",
            "Jan 1, 2100 at 2:00pm (+14)",
        ),
        (
            4133980799999999999,
            "2101-01-01 13:59:59 +14",
            "2101-01-01 13:59:59.999999999 +1400 +14",
            "Jan 1, 2101 at 1:59pm (+14)",
        ),
        (
            4118000000000000000,
            "2100-06-30 14:53:20 +14",
            "2100-06-30 14:53:20 +1400 +14",
            "Jun 30, 2100 at 2:53pm (+14)",
        ),
        (
            1710054000000000000,
            "2024-03-10 21:00:00 +14",
            "2024-03-10 21:00:00 +1400 +14",
            "Mar 10, 2024 at 9:00pm (+14)",
        ),
        (
            1710050400000000000,
            "2024-03-10 20:00:00 +14",
            "2024-03-10 20:00:00 +1400 +14",
            "Mar 10, 2024 at 8:00pm (+14)",
        ),
        (
            1730613600000000000,
            "2024-11-03 20:00:00 +14",
            "2024-11-03 20:00:00 +1400 +14",
            "Nov 3, 2024 at 8:00pm (+14)",
        ),
        (
            1730617200000000000,
            "2024-11-03 21:00:00 +14",
            "2024-11-03 21:00:00 +1400 +14",
            "Nov 3, 2024 at 9:00pm (+14)",
        ),
        (
            1743868800000000000,
            "2025-04-06 06:00:00 +14",
            "2025-04-06 06:00:00 +1400 +14",
            "Apr 6, 2025 at 6:00am (+14)",
        ),
        (
            1759593600000000000,
            "2025-10-05 06:00:00 +14",
            "2025-10-05 06:00:00 +1400 +14",
            "Oct 5, 2025 at 6:00am (+14)",
        ),
        (
            1711846800000000000,
            "2024-03-31 15:00:00 +14",
            "2024-03-31 15:00:00 +1400 +14",
            "Mar 31, 2024 at 3:00pm (+14)",
        ),
        (
            1729990800000000000,
            "2024-10-27 15:00:00 +14",
            "2024-10-27 15:00:00 +1400 +14",
            "Oct 27, 2024 at 3:00pm (+14)",
        ),
        (
            2534023007990000000,
            "2050-04-20 13:16:47 +14",
            "2050-04-20 13:16:47.99 +1400 +14",
            "Apr 20, 2050 at 1:16pm (+14)",
        ),
        (
            i64::MAX,
            "2262-04-12 13:47:16 +14",
            "2262-04-12 13:47:16.854775807 +1400 +14",
            "Apr 12, 2262 at 1:47pm (+14)",
        ),
        (
            i64::MIN,
            "1677-09-21 14:12:43 +14",
            "1677-09-21 14:12:43.145224192 +1400 +14",
            "Sep 21, 1677 at 2:12pm (+14)",
        ),
        (1000000, "1970-01-01 14:00:00 +14", "1970-01-01 14:00:00.001 +1400 +14", "Jan 1, 1970 at 2:00pm (+14)"),
        (
            1500000000000000000,
            "2017-07-14 16:40:00 +14",
            "2017-07-14 16:40:00 +1400 +14",
            "Jul 14, 2017 at 4:40pm (+14)",
        ),
    ];

    const TZ_AMERICA_SANTIAGO: &[Row] = &[
        (0, "1969-12-31 21:00:00 -03", "1969-12-31 21:00:00 -0300 -03", "Dec 31, 1969 at 9:00pm (-03)"),
        (1, "1969-12-31 21:00:00 -03", "1969-12-31 21:00:00.000000001 -0300 -03", "Dec 31, 1969 at 9:00pm (-03)"),
        (
            1506718679123456789,
            "2017-09-29 17:57:59 -03",
            "2017-09-29 17:57:59.123456789 -0300 -03",
            "Sep 29, 2017 at 5:57pm (-03)",
        ),
        (
            1506718679000000000,
            "2017-09-29 17:57:59 -03",
            "2017-09-29 17:57:59 -0300 -03",
            "Sep 29, 2017 at 5:57pm (-03)",
        ),
        (
            1795310040500000000,
            "2026-11-21 22:14:00 -03",
            "2026-11-21 22:14:00.5 -0300 -03",
            "Nov 21, 2026 at 10:14pm (-03)",
        ),
        (-1, "1969-12-31 20:59:59 -03", "1969-12-31 20:59:59.999999999 -0300 -03", "Dec 31, 1969 at 8:59pm (-03)"),
        (
            -2208988800000000000,
            "1899-12-31 19:17:15 SMT",
            "1899-12-31 19:17:15 -0442 SMT",
            "Dec 31, 1899 at 7:17pm (SMT)",
        ),
        (
            -5000000000000000000,
            "1811-07-23 10:23:55 LMT",
            "1811-07-23 10:23:55 -0442 LMT",
            "Jul 23, 1811 at 10:23am (LMT)",
        ),
        (
            4102444800000000000,
            "2099-12-31 21:00:00 -03",
            "2099-12-31 21:00:00 -0300 -03",
            "Dec 31, 2099 at 9:00pm (-03)",
        ),
        (
            4133980799999999999,
            "2100-12-31 20:59:59 -03",
            "2100-12-31 20:59:59.999999999 -0300 -03",
            "Dec 31, 2100 at 8:59pm (-03)",
        ),
        (
            4118000000000000000,
            "2100-06-29 20:53:20 -04",
            "2100-06-29 20:53:20 -0400 -04",
            "Jun 29, 2100 at 8:53pm (-04)",
        ),
        (
            1710054000000000000,
            "2024-03-10 04:00:00 -03",
            "2024-03-10 04:00:00 -0300 -03",
            "Mar 10, 2024 at 4:00am (-03)",
        ),
        (
            1710050400000000000,
            "2024-03-10 03:00:00 -03",
            "2024-03-10 03:00:00 -0300 -03",
            "Mar 10, 2024 at 3:00am (-03)",
        ),
        (
            1730613600000000000,
            "2024-11-03 03:00:00 -03",
            "2024-11-03 03:00:00 -0300 -03",
            "Nov 3, 2024 at 3:00am (-03)",
        ),
        (
            1730617200000000000,
            "2024-11-03 04:00:00 -03",
            "2024-11-03 04:00:00 -0300 -03",
            "Nov 3, 2024 at 4:00am (-03)",
        ),
        (
            1743868800000000000,
            "2025-04-05 13:00:00 -03",
            "2025-04-05 13:00:00 -0300 -03",
            "Apr 5, 2025 at 1:00pm (-03)",
        ),
        (
            1759593600000000000,
            "2025-10-04 13:00:00 -03",
            "2025-10-04 13:00:00 -0300 -03",
            "Oct 4, 2025 at 1:00pm (-03)",
        ),
        (
            1711846800000000000,
            "2024-03-30 22:00:00 -03",
            "2024-03-30 22:00:00 -0300 -03",
            "Mar 30, 2024 at 10:00pm (-03)",
        ),
        (
            1729990800000000000,
            "2024-10-26 22:00:00 -03",
            "2024-10-26 22:00:00 -0300 -03",
            "Oct 26, 2024 at 10:00pm (-03)",
        ),
        (
            2534023007990000000,
            "2050-04-19 19:16:47 -04",
            "2050-04-19 19:16:47.99 -0400 -04",
            "Apr 19, 2050 at 7:16pm (-04)",
        ),
        (
            i64::MAX,
            "2262-04-11 19:47:16 -04",
            "2262-04-11 19:47:16.854775807 -0400 -04",
            "Apr 11, 2262 at 7:47pm (-04)",
        ),
        (
            i64::MIN,
            "1677-09-20 19:29:58 LMT",
            "1677-09-20 19:29:58.145224192 -0442 LMT",
            "Sep 20, 1677 at 7:29pm (LMT)",
        ),
        (1000000, "1969-12-31 21:00:00 -03", "1969-12-31 21:00:00.001 -0300 -03", "Dec 31, 1969 at 9:00pm (-03)"),
        (
            1500000000000000000,
            "2017-07-13 22:40:00 -04",
            "2017-07-13 22:40:00 -0400 -04",
            "Jul 13, 2017 at 10:40pm (-04)",
        ),
    ];

    fn check(zone: &Zone, rows: &[Row], what: &str) {
        for &(n, header, string, legacy) in rows {
            assert_eq!(zone.format_time_header(n), header, "{what}: header of {n}");
            assert_eq!(zone.format_time_string(n), string, "{what}: String() of {n}");
            assert_eq!(zone.format_time_header_legacy(n), legacy, "{what}: legacy of {n}");
        }
    }

    /// The file Go would read for a TZ value, if it is a named zone.
    fn zone_file(tz: Option<&str>) -> Option<String> {
        let tz = match tz {
            None => return Some("/etc/localtime".to_string()),
            Some(t) => t.strip_prefix(':').unwrap_or(t),
        };
        if tz.is_empty() || tz == "UTC" {
            None
        } else if tz.starts_with('/') {
            Some(tz.to_string())
        } else {
            Some(format!("/usr/share/zoneinfo/{tz}"))
        }
    }

    #[test]
    fn matches_go_in_each_zone() {
        // These vectors were made with the system tzdata; where a zone file
        // is missing, Go (and this module) fall back to UTC.
        let cases: &[(Option<&str>, &[Row])] = &[
            (None, TZ_UNSET),
            (Some(""), TZ_EMPTY),
            (Some("UTC"), TZ_UTC),
            (Some("America/New_York"), TZ_AMERICA_NEW_YORK),
            (Some("Asia/Kolkata"), TZ_ASIA_KOLKATA),
            (Some("Australia/Lord_Howe"), TZ_AUSTRALIA_LORD_HOWE),
            (Some("Europe/Dublin"), TZ_EUROPE_DUBLIN),
            (Some("America/Sao_Paulo"), TZ_AMERICA_SAO_PAULO),
            (Some(":Europe/Dublin"), TZ__EUROPE_DUBLIN),
            (Some("/usr/share/zoneinfo/Asia/Tokyo"), TZ__USR_SHARE_ZONEINFO_ASIA_TOKYO),
            (Some("Nonexistent/Zone"), TZ_NONEXISTENT_ZONE),
            (Some("EST5EDT"), TZ_EST5EDT),
            (Some("Etc/GMT-14"), TZ_ETC_GMT_14),
            (Some("America/Santiago"), TZ_AMERICA_SANTIAGO),
        ];
        for &(tz, rows) in cases {
            let zone = Zone::from_tz(tz);
            let present = zone_file(tz).is_none_or(|f| std::path::Path::new(&f).exists());
            if present {
                check(&zone, rows, &format!("TZ={tz:?}"));
            } else {
                check(&zone, TZ_UTC, &format!("TZ={tz:?} (no zone file: UTC)"));
            }
        }
    }

    #[test]
    fn unreadable_zone_is_utc() {
        check(&Zone::from_tz(Some("Nonexistent/Zone")), TZ_UTC, "missing");
        check(&Zone::from_tz(Some("")), TZ_UTC, "empty");
        assert!(Zone::from_tzif(b"TZif").is_none());
    }

    #[test]
    fn posix_footer_rules() {
        // A zone with no transitions, only a footer, behaves as the footer
        // says; expected values from Go's America/New_York rows above
        // (2024-03-10 and 2024-11-03 transitions).
        let mut data = Vec::new();
        data.extend_from_slice(b"TZif2");
        data.extend_from_slice(&[0; 15]);
        let header = |d: &mut Vec<u8>| {
            for n in [0u32, 0, 0, 0, 1, 4] {
                d.extend_from_slice(&n.to_be_bytes());
            }
        };
        header(&mut data);
        data.extend_from_slice(&(-18000i32).to_be_bytes());
        data.extend_from_slice(&[0, 0]);
        data.extend_from_slice(b"EST\0");
        data.extend_from_slice(b"TZif2");
        data.extend_from_slice(&[0; 15]);
        header(&mut data);
        data.extend_from_slice(&(-18000i32).to_be_bytes());
        data.extend_from_slice(&[0, 0]);
        data.extend_from_slice(b"EST\0");
        data.extend_from_slice(b"\nEST5EDT,M3.2.0,M11.1.0\n");
        let zone = Zone::from_tzif(&data).unwrap();
        let ny: Vec<Row> = TZ_AMERICA_NEW_YORK
            .iter()
            .copied()
            .filter(|r| (1_700_000_000_000_000_000..4_200_000_000_000_000_000).contains(&r.0))
            .collect();
        assert!(!ny.is_empty());
        check(&zone, &ny, "footer-only EST5EDT");
    }

    // Printed by Go: (nanoseconds, Duration.String(), Sprintf("%.4v")).
    const DURATIONS: &[(i64, &str, &str)] = &[
        (0, "0s", "0s"),
        (1, "1ns", "1ns"),
        (999, "999ns", "999n"),
        (1000, "1µs", "1µs"),
        (1500, "1.5µs", "1.5µ"),
        (999999, "999.999µs", "999."),
        (1000000, "1ms", "1ms"),
        (250000000, "250ms", "250m"),
        (999999999, "999.999999ms", "999."),
        (1000000000, "1s", "1s"),
        (1500000000, "1.5s", "1.5s"),
        (59999999999, "59.999999999s", "59.9"),
        (60000000000, "1m0s", "1m0s"),
        (3600000000000, "1h0m0s", "1h0m"),
        (3723500000000, "1h2m3.5s", "1h2m"),
        (3723000000001, "1h2m3.000000001s", "1h2m"),
        (-1, "-1ns", "-1ns"),
        (-1500, "-1.5µs", "-1.5"),
        (-3723500000000, "-1h2m3.5s", "-1h2"),
        (1480000000, "1.48s", "1.48"),
        (240000000000, "4m0s", "4m0s"),
        (i64::MAX, "2562047h47m16.854775807s", "2562"),
        (i64::MIN, "-2562047h47m16.854775808s", "-256"),
        (34560000000000000, "9600h0m0s", "9600"),
    ];

    #[test]
    fn durations_match_go() {
        for &(n, s, s4) in DURATIONS {
            assert_eq!(duration_string(n), s, "{n}");
            assert_eq!(duration_string_truncated(n, 4), s4, "{n}");
        }
    }
}
