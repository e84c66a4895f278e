//! pprof's `measurement` package: unit tables, scaling, value labels and
//! percentages.
//!
//! Every number in a text report goes through these functions, so they
//! keep pprof's quirks on purpose: byte units are binary multiples with
//! decimal-looking names, there are no minutes or days, unit lookup strips
//! one trailing `s` by *byte* length (so the `μs` alias never matches), and
//! float arithmetic is done in the same order as Go to get the same bits.

use crate::gofmt::{fmt_f, fmt_g, pad_left};

/// A unit: its printed name, the spellings that select it (already
/// lower-cased and without the plural `s`), and its size in base units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub canonical: &'static str,
    aliases: &'static [&'static str],
    pub factor: f64,
}

/// The kinds of unit pprof can convert between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitType {
    Bytes,
    Time,
    Gcu,
}

const fn unit(canonical: &'static str, aliases: &'static [&'static str], factor: f64) -> Unit {
    Unit { canonical, aliases, factor }
}

const BYTE_UNITS: &[Unit] = &[
    unit("B", &["b", "byte"], 1.0),
    unit("kB", &["kb", "kbyte", "kilobyte"], (1u64 << 10) as f64),
    unit("MB", &["mb", "mbyte", "megabyte"], (1u64 << 20) as f64),
    unit("GB", &["gb", "gbyte", "gigabyte"], (1u64 << 30) as f64),
    unit("TB", &["tb", "tbyte", "terabyte"], (1u64 << 40) as f64),
    unit("PB", &["pb", "pbyte", "petabyte"], (1u64 << 50) as f64),
];

const TIME_UNITS: &[Unit] = &[
    unit("ns", &["ns", "nanosecond"], 1.0),
    unit("us", &["μs", "us", "microsecond"], 1e3),
    unit("ms", &["ms", "millisecond"], 1e6),
    unit("s", &["s", "sec", "second"], 1e9),
    unit("hrs", &["hour", "hr"], 3.6e12),
];

const GCU_UNITS: &[Unit] = &[
    unit("n*GCU", &["nanogcu"], 1e-9),
    unit("u*GCU", &["microgcu"], 1e-6),
    unit("m*GCU", &["milligcu"], 1e-3),
    unit("GCU", &["gcu"], 1.0),
    unit("k*GCU", &["kilogcu"], 1e3),
    unit("M*GCU", &["megagcu"], 1e6),
    unit("G*GCU", &["gigagcu"], 1e9),
    unit("T*GCU", &["teragcu"], 1e12),
    unit("P*GCU", &["petagcu"], 1e15),
];

/// Unit types in pprof's lookup order (the first type that knows the
/// source unit wins).
pub const UNIT_TYPES: [UnitType; 3] = [UnitType::Bytes, UnitType::Time, UnitType::Gcu];

impl UnitType {
    pub fn units(self) -> &'static [Unit] {
        match self {
            UnitType::Bytes => BYTE_UNITS,
            UnitType::Time => TIME_UNITS,
            UnitType::Gcu => GCU_UNITS,
        }
    }

    /// The unit used when the target unit is not of this type, or when
    /// auto-scaling finds nothing ≥ 1.
    pub fn default_unit(self) -> Unit {
        match self {
            UnitType::Bytes => BYTE_UNITS[0],
            UnitType::Time => unit("s", &[], 1e9),
            UnitType::Gcu => unit("GCU", &[], 1.0),
        }
    }

    /// pprof's `sniffUnit`: the unit of this type that `name` spells.
    pub fn sniff(self, name: &str) -> Option<Unit> {
        let mut lower = go_to_lower(name);
        if lower.len() > 2 && lower.ends_with('s') {
            lower.pop();
        }
        self.units().iter().find(|u| u.aliases.contains(&lower.as_str())).copied()
    }

    /// Largest unit not bigger than `value` (in base units); `None` when
    /// even the smallest unit is bigger (zero, negatives, tiny values).
    fn auto_scale(self, value: f64) -> Option<(f64, &'static str)> {
        let mut best: Option<Unit> = None;
        for u in self.units() {
            if u.factor >= best.map_or(0.0, |b| b.factor) && value / u.factor >= 1.0 {
                best = Some(*u);
            }
        }
        best.map(|u| (value / u.factor, u.canonical))
    }

    /// pprof's `convertUnit`; `None` when `from` is not of this type.
    fn convert(self, value: i64, from: &str, to: &str) -> Option<(f64, &'static str)> {
        let from = self.sniff(from)?;
        let v = value as f64 * from.factor;
        let default = self.default_unit();
        if to == "minimum" || to == "auto" {
            return Some(self.auto_scale(v).unwrap_or((v / default.factor, default.canonical)));
        }
        Some(match self.sniff(to) {
            Some(t) => (v / t.factor, t.canonical),
            None => (v / default.factor, default.canonical),
        })
    }
}

/// Go's `strings.ToLower`, rune by rune (Rust's `to_lowercase` treats a
/// final sigma and a few multi-rune mappings differently).
fn go_to_lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect()
}

/// The unit type that recognises `unit`, if any.
///
/// Numeric tag filters (`-tagfocus=1mb:2gb`) only compare values whose
/// units are of the same type; this tells the caller which type that is.
pub fn unit_type_of(unit: &str) -> Option<UnitType> {
    UNIT_TYPES.into_iter().find(|ut| ut.sniff(unit).is_some())
}

/// pprof's `Scale`: `value` in unit `from`, converted to `to`.
///
/// `to` may be `minimum`/`auto` (pick a readable unit), a unit of the same
/// type, or anything else (the type's default unit). When no type knows
/// `from` the value is returned unchanged, with unit `""` for the
/// "uninteresting" targets and `to` otherwise.
pub fn scale(value: i64, from: &str, to: &str) -> (f64, String) {
    // Go negates and recurses unless the negation overflows, in which case
    // i64::MIN goes through the loop as a negative number.
    if value < 0 && value.wrapping_neg() > 0 {
        let (v, u) = scale(-value, from, to);
        return (-v, u);
    }
    for ut in UNIT_TYPES {
        if let Some((v, u)) = ut.convert(value, from, to) {
            return (v, u.to_string());
        }
    }
    match to {
        "count" | "sample" | "unit" | "minimum" | "auto" => (value as f64, String::new()),
        _ => (value as f64, to.to_string()),
    }
}

/// pprof's `ScaledLabel`: `%.2f` of the scaled value, without a trailing
/// `.00`, with the unit appended; anything printing as zero is `"0"`.
pub fn scaled_label(value: i64, from: &str, to: &str) -> String {
    let (v, u) = scale(value, from, to);
    let mut s = fmt_f(v, 2);
    if s.ends_with(".00") {
        s.truncate(s.len() - 3);
    }
    if s == "0" || s == "-0" {
        return "0".to_string();
    }
    s.push_str(&u);
    s
}

/// pprof's `Label`: the value auto-scaled to a readable unit.
pub fn label(value: i64, unit: &str) -> String {
    scaled_label(value, unit, "auto")
}

/// pprof's `Percentage`: always unsigned, `  100%` near 100, two decimals
/// from 1% up, two significant digits below.
pub fn percentage(value: i64, total: i64) -> String {
    let ratio = if total != 0 { (value as f64 / total as f64).abs() * 100.0 } else { 0.0 };
    if (99.95..=100.05).contains(&ratio) {
        "  100%".to_string()
    } else if ratio >= 1.0 {
        format!("{}%", pad_left(&fmt_f(ratio, 2), 5))
    } else {
        format!("{}%", pad_left(&fmt_g(ratio, 2), 5))
    }
}

/// The unit half of pprof's `compatibleValueTypes`: equal strings, or both
/// recognised by one unit type.
pub fn compatible_units(a: &str, b: &str) -> bool {
    a == b || UNIT_TYPES.into_iter().any(|ut| ut.sniff(a).is_some() && ut.sniff(b).is_some())
}

/// pprof's `compatibleValueTypes` on (type, unit) pairs: the types must be
/// equal once one trailing `s` is removed from each, and the units
/// compatible.
pub fn compatible_value_types(a: (&str, &str), b: (&str, &str)) -> bool {
    let t1 = a.0.strip_suffix('s').unwrap_or(a.0);
    let t2 = b.0.strip_suffix('s').unwrap_or(b.0);
    t1 == t2 && compatible_units(a.1, b.1)
}

/// pprof's `CommonValueType` on (type, unit) pairs: the finest of a set of
/// compatible value types, used to rescale profiles before merging.
///
/// `Ok(None)` for fewer than two entries (pprof leaves such profiles
/// alone). On a mismatch, `Err((i, j))` gives the indices of the running
/// finest entry and the incompatible one, so the caller can word pprof's
/// `incompatible types: {...} {...}` error from its own data.
pub fn common_value_type(ts: &[(&str, &str)]) -> Result<Option<usize>, (usize, usize)> {
    if ts.len() <= 1 {
        return Ok(None);
    }
    let mut min = 0;
    for (i, t) in ts.iter().enumerate().skip(1) {
        if !compatible_value_types(ts[min], *t) {
            return Err((min, i));
        }
        if scale(1, t.1, ts[min].1).0 < 1.0 {
            min = i;
        }
    }
    Ok(Some(min))
}

/// The finest of several units (the one the others are scaled down to
/// when profiles are merged); `None` for fewer than two units, `Err` with
/// both names when two are not compatible.
pub fn common_unit(units: &[&str]) -> Result<Option<String>, String> {
    if units.len() <= 1 {
        return Ok(None);
    }
    let mut min = units[0];
    for &u in &units[1..] {
        if !compatible_units(min, u) {
            return Err(format!("incompatible units: {min} {u}"));
        }
        if scale(1, u, min).0 < 1.0 {
            min = u;
        }
    }
    Ok(Some(min.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Printed by Go running pprof's measurement package:
    // (value, from, to, Scale value, Scale unit, ScaledLabel).
    const SCALE: &[(i64, &str, &str, f64, &str, &str)] = &[
        (0, "nanoseconds", "minimum", 0.0, "s", "0"),
        (1, "nanoseconds", "minimum", 1.0, "ns", "1ns"),
        (-1, "nanoseconds", "minimum", -1.0, "ns", "-1ns"),
        (5, "nanoseconds", "minimum", 5.0, "ns", "5ns"),
        (999, "nanoseconds", "minimum", 999.0, "ns", "999ns"),
        (1000, "nanoseconds", "minimum", 1.0, "us", "1us"),
        (1023, "nanoseconds", "minimum", 1.023, "us", "1.02us"),
        (1024, "nanoseconds", "minimum", 1.024, "us", "1.02us"),
        (1025, "nanoseconds", "minimum", 1.025, "us", "1.02us"),
        (1536, "nanoseconds", "minimum", 1.536, "us", "1.54us"),
        (10000, "nanoseconds", "minimum", 10.0, "us", "10us"),
        (1048576, "nanoseconds", "minimum", 1.048576, "ms", "1.05ms"),
        (1048577, "nanoseconds", "minimum", 1.048577, "ms", "1.05ms"),
        (14993287, "nanoseconds", "minimum", 14.993287, "ms", "14.99ms"),
        (1100000000, "nanoseconds", "minimum", 1.1, "s", "1.10s"),
        (10000000, "nanoseconds", "minimum", 10.0, "ms", "10ms"),
        (1760000000, "nanoseconds", "minimum", 1.76, "s", "1.76s"),
        (-210000000, "nanoseconds", "minimum", -210.0, "ms", "-210ms"),
        (3600000000000, "nanoseconds", "minimum", 1.0, "hrs", "1hrs"),
        (180000000000, "nanoseconds", "minimum", 180.0, "s", "180s"),
        (31536000000000000, "nanoseconds", "minimum", 8760.0, "hrs", "8760hrs"),
        (1125899906842624, "nanoseconds", "minimum", 312.74997412295113, "hrs", "312.75hrs"),
        (4611686018427387904, "nanoseconds", "minimum", 1.2810238940076078e+06, "hrs", "1281023.89hrs"),
        (i64::MAX, "nanoseconds", "minimum", 2.5620477880152157e+06, "hrs", "2562047.79hrs"),
        (i64::MIN, "nanoseconds", "minimum", -9.223372036854776e+09, "s", "-9223372036.85s"),
        (123456789, "nanoseconds", "minimum", 123.456789, "ms", "123.46ms"),
        (5, "nanoseconds", "minimum", 5.0, "ns", "5ns"),
        (4999, "nanoseconds", "minimum", 4.999, "us", "5us"),
        (12345, "nanoseconds", "minimum", 12.345, "us", "12.35us"),
        (0, "nanoseconds", "auto", 0.0, "s", "0"),
        (1, "nanoseconds", "auto", 1.0, "ns", "1ns"),
        (-1, "nanoseconds", "auto", -1.0, "ns", "-1ns"),
        (5, "nanoseconds", "auto", 5.0, "ns", "5ns"),
        (999, "nanoseconds", "auto", 999.0, "ns", "999ns"),
        (1000, "nanoseconds", "auto", 1.0, "us", "1us"),
        (1023, "nanoseconds", "auto", 1.023, "us", "1.02us"),
        (1024, "nanoseconds", "auto", 1.024, "us", "1.02us"),
        (1025, "nanoseconds", "auto", 1.025, "us", "1.02us"),
        (1536, "nanoseconds", "auto", 1.536, "us", "1.54us"),
        (10000, "nanoseconds", "auto", 10.0, "us", "10us"),
        (1048576, "nanoseconds", "auto", 1.048576, "ms", "1.05ms"),
        (1048577, "nanoseconds", "auto", 1.048577, "ms", "1.05ms"),
        (14993287, "nanoseconds", "auto", 14.993287, "ms", "14.99ms"),
        (1100000000, "nanoseconds", "auto", 1.1, "s", "1.10s"),
        (10000000, "nanoseconds", "auto", 10.0, "ms", "10ms"),
        (1760000000, "nanoseconds", "auto", 1.76, "s", "1.76s"),
        (-210000000, "nanoseconds", "auto", -210.0, "ms", "-210ms"),
        (3600000000000, "nanoseconds", "auto", 1.0, "hrs", "1hrs"),
        (180000000000, "nanoseconds", "auto", 180.0, "s", "180s"),
        (31536000000000000, "nanoseconds", "auto", 8760.0, "hrs", "8760hrs"),
        (1125899906842624, "nanoseconds", "auto", 312.74997412295113, "hrs", "312.75hrs"),
        (4611686018427387904, "nanoseconds", "auto", 1.2810238940076078e+06, "hrs", "1281023.89hrs"),
        (i64::MAX, "nanoseconds", "auto", 2.5620477880152157e+06, "hrs", "2562047.79hrs"),
        (i64::MIN, "nanoseconds", "auto", -9.223372036854776e+09, "s", "-9223372036.85s"),
        (123456789, "nanoseconds", "auto", 123.456789, "ms", "123.46ms"),
        (5, "nanoseconds", "auto", 5.0, "ns", "5ns"),
        (4999, "nanoseconds", "auto", 4.999, "us", "5us"),
        (12345, "nanoseconds", "auto", 12.345, "us", "12.35us"),
        (0, "bytes", "minimum", 0.0, "B", "0"),
        (1, "bytes", "minimum", 1.0, "B", "1B"),
        (-1, "bytes", "minimum", -1.0, "B", "-1B"),
        (5, "bytes", "minimum", 5.0, "B", "5B"),
        (999, "bytes", "minimum", 999.0, "B", "999B"),
        (1000, "bytes", "minimum", 1000.0, "B", "1000B"),
        (1023, "bytes", "minimum", 1023.0, "B", "1023B"),
        (1024, "bytes", "minimum", 1.0, "kB", "1kB"),
        (1025, "bytes", "minimum", 1.0009765625, "kB", "1kB"),
        (1536, "bytes", "minimum", 1.5, "kB", "1.50kB"),
        (10000, "bytes", "minimum", 9.765625, "kB", "9.77kB"),
        (1048576, "bytes", "minimum", 1.0, "MB", "1MB"),
        (1048577, "bytes", "minimum", 1.0000009536743164, "MB", "1MB"),
        (14993287, "bytes", "minimum", 14.298712730407715, "MB", "14.30MB"),
        (1100000000, "bytes", "minimum", 1.0244548320770264, "GB", "1.02GB"),
        (10000000, "bytes", "minimum", 9.5367431640625, "MB", "9.54MB"),
        (1760000000, "bytes", "minimum", 1.6391277313232422, "GB", "1.64GB"),
        (-210000000, "bytes", "minimum", -200.2716064453125, "MB", "-200.27MB"),
        (3600000000000, "bytes", "minimum", 3.2741809263825417, "TB", "3.27TB"),
        (180000000000, "bytes", "minimum", 167.63806343078613, "GB", "167.64GB"),
        (31536000000000000, "bytes", "minimum", 28.00959464366315, "PB", "28.01PB"),
        (1125899906842624, "bytes", "minimum", 1.0, "PB", "1PB"),
        (4611686018427387904, "bytes", "minimum", 4096.0, "PB", "4096PB"),
        (i64::MAX, "bytes", "minimum", 8192.0, "PB", "8192PB"),
        (i64::MIN, "bytes", "minimum", -9.223372036854776e+18, "B", "-9223372036854775808B"),
        (123456789, "bytes", "minimum", 117.73756885528564, "MB", "117.74MB"),
        (5, "bytes", "minimum", 5.0, "B", "5B"),
        (4999, "bytes", "minimum", 4.8818359375, "kB", "4.88kB"),
        (12345, "bytes", "minimum", 12.0556640625, "kB", "12.06kB"),
        (0, "bytes", "ms", 0.0, "B", "0"),
        (1, "bytes", "ms", 1.0, "B", "1B"),
        (-1, "bytes", "ms", -1.0, "B", "-1B"),
        (999, "bytes", "ms", 999.0, "B", "999B"),
        (1000, "bytes", "ms", 1000.0, "B", "1000B"),
        (1024, "bytes", "ms", 1024.0, "B", "1024B"),
        (1536, "bytes", "ms", 1536.0, "B", "1536B"),
        (1048576, "bytes", "ms", 1048576.0, "B", "1048576B"),
        (14993287, "bytes", "ms", 14993287.0, "B", "14993287B"),
        (1100000000, "bytes", "ms", 1100000000.0, "B", "1100000000B"),
        (-210000000, "bytes", "ms", -210000000.0, "B", "-210000000B"),
        (3600000000000, "bytes", "ms", 3600000000000.0, "B", "3600000000000B"),
        (31536000000000000, "bytes", "ms", 3.1536e+16, "B", "31536000000000000B"),
        (i64::MAX, "bytes", "ms", 9.223372036854776e+18, "B", "9223372036854775808B"),
        (i64::MIN, "bytes", "ms", -9.223372036854776e+18, "B", "-9223372036854775808B"),
        (0, "nanoseconds", "foo", 0.0, "s", "0"),
        (1, "nanoseconds", "foo", 1e-09, "s", "0"),
        (-1, "nanoseconds", "foo", -1e-09, "s", "0"),
        (999, "nanoseconds", "foo", 9.99e-07, "s", "0"),
        (1000, "nanoseconds", "foo", 1e-06, "s", "0"),
        (1024, "nanoseconds", "foo", 1.024e-06, "s", "0"),
        (1536, "nanoseconds", "foo", 1.536e-06, "s", "0"),
        (1048576, "nanoseconds", "foo", 0.001048576, "s", "0"),
        (14993287, "nanoseconds", "foo", 0.014993287, "s", "0.01s"),
        (1100000000, "nanoseconds", "foo", 1.1, "s", "1.10s"),
        (-210000000, "nanoseconds", "foo", -0.21, "s", "-0.21s"),
        (3600000000000, "nanoseconds", "foo", 3600.0, "s", "3600s"),
        (31536000000000000, "nanoseconds", "foo", 31536000.0, "s", "31536000s"),
        (i64::MAX, "nanoseconds", "foo", 9.223372036854776e+09, "s", "9223372036.85s"),
        (i64::MIN, "nanoseconds", "foo", -9.223372036854776e+09, "s", "-9223372036.85s"),
        (0, "nanoseconds", "ms", 0.0, "ms", "0"),
        (1, "nanoseconds", "ms", 1e-06, "ms", "0"),
        (-1, "nanoseconds", "ms", -1e-06, "ms", "0"),
        (999, "nanoseconds", "ms", 0.000999, "ms", "0"),
        (1000, "nanoseconds", "ms", 0.001, "ms", "0"),
        (1024, "nanoseconds", "ms", 0.001024, "ms", "0"),
        (1536, "nanoseconds", "ms", 0.001536, "ms", "0"),
        (1048576, "nanoseconds", "ms", 1.048576, "ms", "1.05ms"),
        (14993287, "nanoseconds", "ms", 14.993287, "ms", "14.99ms"),
        (1100000000, "nanoseconds", "ms", 1100.0, "ms", "1100ms"),
        (-210000000, "nanoseconds", "ms", -210.0, "ms", "-210ms"),
        (3600000000000, "nanoseconds", "ms", 3600000.0, "ms", "3600000ms"),
        (31536000000000000, "nanoseconds", "ms", 31536000000.0, "ms", "31536000000ms"),
        (i64::MAX, "nanoseconds", "ms", 9.223372036854775e+12, "ms", "9223372036854.78ms"),
        (i64::MIN, "nanoseconds", "ms", -9.223372036854775e+12, "ms", "-9223372036854.78ms"),
        (0, "ns", "us", 0.0, "us", "0"),
        (1, "ns", "us", 0.001, "us", "0"),
        (-1, "ns", "us", -0.001, "us", "0"),
        (999, "ns", "us", 0.999, "us", "1us"),
        (1000, "ns", "us", 1.0, "us", "1us"),
        (1024, "ns", "us", 1.024, "us", "1.02us"),
        (1536, "ns", "us", 1.536, "us", "1.54us"),
        (1048576, "ns", "us", 1048.576, "us", "1048.58us"),
        (14993287, "ns", "us", 14993.287, "us", "14993.29us"),
        (1100000000, "ns", "us", 1100000.0, "us", "1100000us"),
        (-210000000, "ns", "us", -210000.0, "us", "-210000us"),
        (3600000000000, "ns", "us", 3600000000.0, "us", "3600000000us"),
        (31536000000000000, "ns", "us", 31536000000000.0, "us", "31536000000000us"),
        (i64::MAX, "ns", "us", 9.223372036854776e+15, "us", "9223372036854776us"),
        (i64::MIN, "ns", "us", -9.223372036854776e+15, "us", "-9223372036854776us"),
        (0, "microseconds", "s", 0.0, "s", "0"),
        (1, "microseconds", "s", 1e-06, "s", "0"),
        (-1, "microseconds", "s", -1e-06, "s", "0"),
        (999, "microseconds", "s", 0.000999, "s", "0"),
        (1000, "microseconds", "s", 0.001, "s", "0"),
        (1024, "microseconds", "s", 0.001024, "s", "0"),
        (1536, "microseconds", "s", 0.001536, "s", "0"),
        (1048576, "microseconds", "s", 1.048576, "s", "1.05s"),
        (14993287, "microseconds", "s", 14.993287, "s", "14.99s"),
        (1100000000, "microseconds", "s", 1100.0, "s", "1100s"),
        (-210000000, "microseconds", "s", -210.0, "s", "-210s"),
        (3600000000000, "microseconds", "s", 3600000.0, "s", "3600000s"),
        (31536000000000000, "microseconds", "s", 31536000000.0, "s", "31536000000s"),
        (i64::MAX, "microseconds", "s", 9.223372036854775e+12, "s", "9223372036854.78s"),
        (i64::MIN, "microseconds", "s", -9.223372036854775e+12, "s", "-9223372036854.78s"),
        (0, "count", "minimum", 0.0, "", "0"),
        (1, "count", "minimum", 1.0, "", "1"),
        (-1, "count", "minimum", -1.0, "", "-1"),
        (999, "count", "minimum", 999.0, "", "999"),
        (1000, "count", "minimum", 1000.0, "", "1000"),
        (1024, "count", "minimum", 1024.0, "", "1024"),
        (1536, "count", "minimum", 1536.0, "", "1536"),
        (1048576, "count", "minimum", 1048576.0, "", "1048576"),
        (14993287, "count", "minimum", 14993287.0, "", "14993287"),
        (1100000000, "count", "minimum", 1100000000.0, "", "1100000000"),
        (-210000000, "count", "minimum", -210000000.0, "", "-210000000"),
        (3600000000000, "count", "minimum", 3600000000000.0, "", "3600000000000"),
        (31536000000000000, "count", "minimum", 3.1536e+16, "", "31536000000000000"),
        (i64::MAX, "count", "minimum", 9.223372036854776e+18, "", "9223372036854775808"),
        (i64::MIN, "count", "minimum", -9.223372036854776e+18, "", "-9223372036854775808"),
        (0, "count", "count", 0.0, "", "0"),
        (1, "count", "count", 1.0, "", "1"),
        (-1, "count", "count", -1.0, "", "-1"),
        (999, "count", "count", 999.0, "", "999"),
        (1000, "count", "count", 1000.0, "", "1000"),
        (1024, "count", "count", 1024.0, "", "1024"),
        (1536, "count", "count", 1536.0, "", "1536"),
        (1048576, "count", "count", 1048576.0, "", "1048576"),
        (14993287, "count", "count", 14993287.0, "", "14993287"),
        (1100000000, "count", "count", 1100000000.0, "", "1100000000"),
        (-210000000, "count", "count", -210000000.0, "", "-210000000"),
        (3600000000000, "count", "count", 3600000000000.0, "", "3600000000000"),
        (31536000000000000, "count", "count", 3.1536e+16, "", "31536000000000000"),
        (i64::MAX, "count", "count", 9.223372036854776e+18, "", "9223372036854775808"),
        (i64::MIN, "count", "count", -9.223372036854776e+18, "", "-9223372036854775808"),
        (0, "requests", "requests", 0.0, "requests", "0"),
        (1, "requests", "requests", 1.0, "requests", "1requests"),
        (-1, "requests", "requests", -1.0, "requests", "-1requests"),
        (999, "requests", "requests", 999.0, "requests", "999requests"),
        (1000, "requests", "requests", 1000.0, "requests", "1000requests"),
        (1024, "requests", "requests", 1024.0, "requests", "1024requests"),
        (1536, "requests", "requests", 1536.0, "requests", "1536requests"),
        (1048576, "requests", "requests", 1048576.0, "requests", "1048576requests"),
        (14993287, "requests", "requests", 14993287.0, "requests", "14993287requests"),
        (1100000000, "requests", "requests", 1100000000.0, "requests", "1100000000requests"),
        (-210000000, "requests", "requests", -210000000.0, "requests", "-210000000requests"),
        (3600000000000, "requests", "requests", 3600000000000.0, "requests", "3600000000000requests"),
        (31536000000000000, "requests", "requests", 3.1536e+16, "requests", "31536000000000000requests"),
        (i64::MAX, "requests", "requests", 9.223372036854776e+18, "requests", "9223372036854775808requests"),
        (i64::MIN, "requests", "requests", -9.223372036854776e+18, "requests", "-9223372036854775808requests"),
        (0, "requests", "minimum", 0.0, "", "0"),
        (1, "requests", "minimum", 1.0, "", "1"),
        (-1, "requests", "minimum", -1.0, "", "-1"),
        (999, "requests", "minimum", 999.0, "", "999"),
        (1000, "requests", "minimum", 1000.0, "", "1000"),
        (1024, "requests", "minimum", 1024.0, "", "1024"),
        (1536, "requests", "minimum", 1536.0, "", "1536"),
        (1048576, "requests", "minimum", 1048576.0, "", "1048576"),
        (14993287, "requests", "minimum", 14993287.0, "", "14993287"),
        (1100000000, "requests", "minimum", 1100000000.0, "", "1100000000"),
        (-210000000, "requests", "minimum", -210000000.0, "", "-210000000"),
        (3600000000000, "requests", "minimum", 3600000000000.0, "", "3600000000000"),
        (31536000000000000, "requests", "minimum", 3.1536e+16, "", "31536000000000000"),
        (i64::MAX, "requests", "minimum", 9.223372036854776e+18, "", "9223372036854775808"),
        (i64::MIN, "requests", "minimum", -9.223372036854776e+18, "", "-9223372036854775808"),
        (0, "requests", "foo", 0.0, "foo", "0"),
        (1, "requests", "foo", 1.0, "foo", "1foo"),
        (-1, "requests", "foo", -1.0, "foo", "-1foo"),
        (999, "requests", "foo", 999.0, "foo", "999foo"),
        (1000, "requests", "foo", 1000.0, "foo", "1000foo"),
        (1024, "requests", "foo", 1024.0, "foo", "1024foo"),
        (1536, "requests", "foo", 1536.0, "foo", "1536foo"),
        (1048576, "requests", "foo", 1048576.0, "foo", "1048576foo"),
        (14993287, "requests", "foo", 14993287.0, "foo", "14993287foo"),
        (1100000000, "requests", "foo", 1100000000.0, "foo", "1100000000foo"),
        (-210000000, "requests", "foo", -210000000.0, "foo", "-210000000foo"),
        (3600000000000, "requests", "foo", 3600000000000.0, "foo", "3600000000000foo"),
        (31536000000000000, "requests", "foo", 3.1536e+16, "foo", "31536000000000000foo"),
        (i64::MAX, "requests", "foo", 9.223372036854776e+18, "foo", "9223372036854775808foo"),
        (i64::MIN, "requests", "foo", -9.223372036854776e+18, "foo", "-9223372036854775808foo"),
        (0, "samples", "sample", 0.0, "", "0"),
        (1, "samples", "sample", 1.0, "", "1"),
        (-1, "samples", "sample", -1.0, "", "-1"),
        (999, "samples", "sample", 999.0, "", "999"),
        (1000, "samples", "sample", 1000.0, "", "1000"),
        (1024, "samples", "sample", 1024.0, "", "1024"),
        (1536, "samples", "sample", 1536.0, "", "1536"),
        (1048576, "samples", "sample", 1048576.0, "", "1048576"),
        (14993287, "samples", "sample", 14993287.0, "", "14993287"),
        (1100000000, "samples", "sample", 1100000000.0, "", "1100000000"),
        (-210000000, "samples", "sample", -210000000.0, "", "-210000000"),
        (3600000000000, "samples", "sample", 3600000000000.0, "", "3600000000000"),
        (31536000000000000, "samples", "sample", 3.1536e+16, "", "31536000000000000"),
        (i64::MAX, "samples", "sample", 9.223372036854776e+18, "", "9223372036854775808"),
        (i64::MIN, "samples", "sample", -9.223372036854776e+18, "", "-9223372036854775808"),
        (0, "ms", "hrs", 0.0, "hrs", "0"),
        (1, "ms", "hrs", 2.7777777777777776e-07, "hrs", "0"),
        (-1, "ms", "hrs", -2.7777777777777776e-07, "hrs", "0"),
        (999, "ms", "hrs", 0.0002775, "hrs", "0"),
        (1000, "ms", "hrs", 0.0002777777777777778, "hrs", "0"),
        (1024, "ms", "hrs", 0.0002844444444444444, "hrs", "0"),
        (1536, "ms", "hrs", 0.00042666666666666667, "hrs", "0"),
        (1048576, "ms", "hrs", 0.2912711111111111, "hrs", "0.29hrs"),
        (14993287, "ms", "hrs", 4.164801944444444, "hrs", "4.16hrs"),
        (1100000000, "ms", "hrs", 305.55555555555554, "hrs", "305.56hrs"),
        (-210000000, "ms", "hrs", -58.333333333333336, "hrs", "-58.33hrs"),
        (3600000000000, "ms", "hrs", 1000000.0, "hrs", "1000000hrs"),
        (31536000000000000, "ms", "hrs", 8760000000.0, "hrs", "8760000000hrs"),
        (i64::MAX, "ms", "hrs", 2.5620477880152153e+12, "hrs", "2562047788015.22hrs"),
        (i64::MIN, "ms", "hrs", -2.5620477880152153e+12, "hrs", "-2562047788015.22hrs"),
        (0, "seconds", "hour", 0.0, "hrs", "0"),
        (1, "seconds", "hour", 0.0002777777777777778, "hrs", "0"),
        (-1, "seconds", "hour", -0.0002777777777777778, "hrs", "0"),
        (999, "seconds", "hour", 0.2775, "hrs", "0.28hrs"),
        (1000, "seconds", "hour", 0.2777777777777778, "hrs", "0.28hrs"),
        (1024, "seconds", "hour", 0.28444444444444444, "hrs", "0.28hrs"),
        (1536, "seconds", "hour", 0.4266666666666667, "hrs", "0.43hrs"),
        (1048576, "seconds", "hour", 291.2711111111111, "hrs", "291.27hrs"),
        (14993287, "seconds", "hour", 4164.801944444444, "hrs", "4164.80hrs"),
        (1100000000, "seconds", "hour", 305555.55555555556, "hrs", "305555.56hrs"),
        (-210000000, "seconds", "hour", -58333.333333333336, "hrs", "-58333.33hrs"),
        (3600000000000, "seconds", "hour", 1000000000.0, "hrs", "1000000000hrs"),
        (31536000000000000, "seconds", "hour", 8760000000000.0, "hrs", "8760000000000hrs"),
        (i64::MAX, "seconds", "hour", 2.5620477880152155e+15, "hrs", "2562047788015215.50hrs"),
        (i64::MIN, "seconds", "hour", -2.5620477880152155e+15, "hrs", "-2562047788015215.50hrs"),
        (0, "kilobytes", "MB", 0.0, "MB", "0"),
        (1, "kilobytes", "MB", 0.0009765625, "MB", "0"),
        (-1, "kilobytes", "MB", -0.0009765625, "MB", "0"),
        (999, "kilobytes", "MB", 0.9755859375, "MB", "0.98MB"),
        (1000, "kilobytes", "MB", 0.9765625, "MB", "0.98MB"),
        (1024, "kilobytes", "MB", 1.0, "MB", "1MB"),
        (1536, "kilobytes", "MB", 1.5, "MB", "1.50MB"),
        (1048576, "kilobytes", "MB", 1024.0, "MB", "1024MB"),
        (14993287, "kilobytes", "MB", 14641.8818359375, "MB", "14641.88MB"),
        (1100000000, "kilobytes", "MB", 1.07421875e+06, "MB", "1074218.75MB"),
        (-210000000, "kilobytes", "MB", -205078.125, "MB", "-205078.12MB"),
        (3600000000000, "kilobytes", "MB", 3515625000.0, "MB", "3515625000MB"),
        (31536000000000000, "kilobytes", "MB", 30796875000000.0, "MB", "30796875000000MB"),
        (i64::MAX, "kilobytes", "MB", 9.007199254740992e+15, "MB", "9007199254740992MB"),
        (i64::MIN, "kilobytes", "MB", -9.007199254740992e+15, "MB", "-9007199254740992MB"),
        (0, "μs", "ns", 0.0, "ns", "0"),
        (1, "μs", "ns", 1.0, "ns", "1ns"),
        (-1, "μs", "ns", -1.0, "ns", "-1ns"),
        (999, "μs", "ns", 999.0, "ns", "999ns"),
        (1000, "μs", "ns", 1000.0, "ns", "1000ns"),
        (1024, "μs", "ns", 1024.0, "ns", "1024ns"),
        (1536, "μs", "ns", 1536.0, "ns", "1536ns"),
        (1048576, "μs", "ns", 1048576.0, "ns", "1048576ns"),
        (14993287, "μs", "ns", 14993287.0, "ns", "14993287ns"),
        (1100000000, "μs", "ns", 1100000000.0, "ns", "1100000000ns"),
        (-210000000, "μs", "ns", -210000000.0, "ns", "-210000000ns"),
        (3600000000000, "μs", "ns", 3600000000000.0, "ns", "3600000000000ns"),
        (31536000000000000, "μs", "ns", 3.1536e+16, "ns", "31536000000000000ns"),
        (i64::MAX, "μs", "ns", 9.223372036854776e+18, "ns", "9223372036854775808ns"),
        (i64::MIN, "μs", "ns", -9.223372036854776e+18, "ns", "-9223372036854775808ns"),
        (0, "us", "μs", 0.0, "s", "0"),
        (1, "us", "μs", 1e-06, "s", "0"),
        (-1, "us", "μs", -1e-06, "s", "0"),
        (999, "us", "μs", 0.000999, "s", "0"),
        (1000, "us", "μs", 0.001, "s", "0"),
        (1024, "us", "μs", 0.001024, "s", "0"),
        (1536, "us", "μs", 0.001536, "s", "0"),
        (1048576, "us", "μs", 1.048576, "s", "1.05s"),
        (14993287, "us", "μs", 14.993287, "s", "14.99s"),
        (1100000000, "us", "μs", 1100.0, "s", "1100s"),
        (-210000000, "us", "μs", -210.0, "s", "-210s"),
        (3600000000000, "us", "μs", 3600000.0, "s", "3600000s"),
        (31536000000000000, "us", "μs", 31536000000.0, "s", "31536000000s"),
        (i64::MAX, "us", "μs", 9.223372036854775e+12, "s", "9223372036854.78s"),
        (i64::MIN, "us", "μs", -9.223372036854775e+12, "s", "-9223372036854.78s"),
        (0, "hrs", "minimum", 0.0, "s", "0"),
        (1, "hrs", "minimum", 1.0, "hrs", "1hrs"),
        (-1, "hrs", "minimum", -1.0, "hrs", "-1hrs"),
        (999, "hrs", "minimum", 999.0, "hrs", "999hrs"),
        (1000, "hrs", "minimum", 1000.0, "hrs", "1000hrs"),
        (1024, "hrs", "minimum", 1024.0, "hrs", "1024hrs"),
        (1536, "hrs", "minimum", 1536.0, "hrs", "1536hrs"),
        (1048576, "hrs", "minimum", 1048576.0, "hrs", "1048576hrs"),
        (14993287, "hrs", "minimum", 14993287.0, "hrs", "14993287hrs"),
        (1100000000, "hrs", "minimum", 1100000000.0, "hrs", "1100000000hrs"),
        (-210000000, "hrs", "minimum", -210000000.0, "hrs", "-210000000hrs"),
        (3600000000000, "hrs", "minimum", 3600000000000.0, "hrs", "3600000000000hrs"),
        (31536000000000000, "hrs", "minimum", 3.1536e+16, "hrs", "31536000000000000hrs"),
        (i64::MAX, "hrs", "minimum", 9.223372036854776e+18, "hrs", "9223372036854775808hrs"),
        (i64::MIN, "hrs", "minimum", -3.3204139332677193e+22, "s", "-33204139332677192908800s"),
        (0, "HOURS", "auto", 0.0, "s", "0"),
        (1, "HOURS", "auto", 1.0, "hrs", "1hrs"),
        (-1, "HOURS", "auto", -1.0, "hrs", "-1hrs"),
        (999, "HOURS", "auto", 999.0, "hrs", "999hrs"),
        (1000, "HOURS", "auto", 1000.0, "hrs", "1000hrs"),
        (1024, "HOURS", "auto", 1024.0, "hrs", "1024hrs"),
        (1536, "HOURS", "auto", 1536.0, "hrs", "1536hrs"),
        (1048576, "HOURS", "auto", 1048576.0, "hrs", "1048576hrs"),
        (14993287, "HOURS", "auto", 14993287.0, "hrs", "14993287hrs"),
        (1100000000, "HOURS", "auto", 1100000000.0, "hrs", "1100000000hrs"),
        (-210000000, "HOURS", "auto", -210000000.0, "hrs", "-210000000hrs"),
        (3600000000000, "HOURS", "auto", 3600000000000.0, "hrs", "3600000000000hrs"),
        (31536000000000000, "HOURS", "auto", 3.1536e+16, "hrs", "31536000000000000hrs"),
        (i64::MAX, "HOURS", "auto", 9.223372036854776e+18, "hrs", "9223372036854775808hrs"),
        (i64::MIN, "HOURS", "auto", -3.3204139332677193e+22, "s", "-33204139332677192908800s"),
        (0, "gcu", "auto", 0.0, "GCU", "0"),
        (1, "gcu", "auto", 1.0, "GCU", "1GCU"),
        (-1, "gcu", "auto", -1.0, "GCU", "-1GCU"),
        (999, "gcu", "auto", 999.0, "GCU", "999GCU"),
        (1000, "gcu", "auto", 1.0, "k*GCU", "1k*GCU"),
        (1024, "gcu", "auto", 1.024, "k*GCU", "1.02k*GCU"),
        (1536, "gcu", "auto", 1.536, "k*GCU", "1.54k*GCU"),
        (1048576, "gcu", "auto", 1.048576, "M*GCU", "1.05M*GCU"),
        (14993287, "gcu", "auto", 14.993287, "M*GCU", "14.99M*GCU"),
        (1100000000, "gcu", "auto", 1.1, "G*GCU", "1.10G*GCU"),
        (-210000000, "gcu", "auto", -210.0, "M*GCU", "-210M*GCU"),
        (3600000000000, "gcu", "auto", 3.6, "T*GCU", "3.60T*GCU"),
        (31536000000000000, "gcu", "auto", 31.536, "P*GCU", "31.54P*GCU"),
        (i64::MAX, "gcu", "auto", 9223.372036854777, "P*GCU", "9223.37P*GCU"),
        (i64::MIN, "gcu", "auto", -9.223372036854776e+18, "GCU", "-9223372036854775808GCU"),
        (0, "n*GCU", "auto", 0.0, "", "0"),
        (1, "n*GCU", "auto", 1.0, "", "1"),
        (-1, "n*GCU", "auto", -1.0, "", "-1"),
        (999, "n*GCU", "auto", 999.0, "", "999"),
        (1000, "n*GCU", "auto", 1000.0, "", "1000"),
        (1024, "n*GCU", "auto", 1024.0, "", "1024"),
        (1536, "n*GCU", "auto", 1536.0, "", "1536"),
        (1048576, "n*GCU", "auto", 1048576.0, "", "1048576"),
        (14993287, "n*GCU", "auto", 14993287.0, "", "14993287"),
        (1100000000, "n*GCU", "auto", 1100000000.0, "", "1100000000"),
        (-210000000, "n*GCU", "auto", -210000000.0, "", "-210000000"),
        (3600000000000, "n*GCU", "auto", 3600000000000.0, "", "3600000000000"),
        (31536000000000000, "n*GCU", "auto", 3.1536e+16, "", "31536000000000000"),
        (i64::MAX, "n*GCU", "auto", 9.223372036854776e+18, "", "9223372036854775808"),
        (i64::MIN, "n*GCU", "auto", -9.223372036854776e+18, "", "-9223372036854775808"),
        (0, "nanogcu", "auto", 0.0, "GCU", "0"),
        (1, "nanogcu", "auto", 1.0, "n*GCU", "1n*GCU"),
        (-1, "nanogcu", "auto", -1.0, "n*GCU", "-1n*GCU"),
        (999, "nanogcu", "auto", 999.0, "n*GCU", "999n*GCU"),
        (1000, "nanogcu", "auto", 1.0000000000000002, "u*GCU", "1u*GCU"),
        (1024, "nanogcu", "auto", 1.024, "u*GCU", "1.02u*GCU"),
        (1536, "nanogcu", "auto", 1.5360000000000003, "u*GCU", "1.54u*GCU"),
        (1048576, "nanogcu", "auto", 1.048576, "m*GCU", "1.05m*GCU"),
        (14993287, "nanogcu", "auto", 14.993287, "m*GCU", "14.99m*GCU"),
        (1100000000, "nanogcu", "auto", 1.1, "GCU", "1.10GCU"),
        (-210000000, "nanogcu", "auto", -210.00000000000003, "m*GCU", "-210m*GCU"),
        (3600000000000, "nanogcu", "auto", 3.6, "k*GCU", "3.60k*GCU"),
        (31536000000000000, "nanogcu", "auto", 31.536000000000005, "M*GCU", "31.54M*GCU"),
        (i64::MAX, "nanogcu", "auto", 9.223372036854776, "G*GCU", "9.22G*GCU"),
        (i64::MIN, "nanogcu", "auto", -9.223372036854776e+09, "GCU", "-9223372036.85GCU"),
        (0, "milligcus", "GCU", 0.0, "GCU", "0"),
        (1, "milligcus", "GCU", 0.001, "GCU", "0"),
        (-1, "milligcus", "GCU", -0.001, "GCU", "0"),
        (999, "milligcus", "GCU", 0.999, "GCU", "1GCU"),
        (1000, "milligcus", "GCU", 1.0, "GCU", "1GCU"),
        (1024, "milligcus", "GCU", 1.024, "GCU", "1.02GCU"),
        (1536, "milligcus", "GCU", 1.536, "GCU", "1.54GCU"),
        (1048576, "milligcus", "GCU", 1048.576, "GCU", "1048.58GCU"),
        (14993287, "milligcus", "GCU", 14993.287, "GCU", "14993.29GCU"),
        (1100000000, "milligcus", "GCU", 1100000.0, "GCU", "1100000GCU"),
        (-210000000, "milligcus", "GCU", -210000.0, "GCU", "-210000GCU"),
        (3600000000000, "milligcus", "GCU", 3600000000.0, "GCU", "3600000000GCU"),
        (31536000000000000, "milligcus", "GCU", 31536000000000.0, "GCU", "31536000000000GCU"),
        (i64::MAX, "milligcus", "GCU", 9.223372036854776e+15, "GCU", "9223372036854776GCU"),
        (i64::MIN, "milligcus", "GCU", -9.223372036854776e+15, "GCU", "-9223372036854776GCU"),
        (0, "B", "kb", 0.0, "kB", "0"),
        (1, "B", "kb", 0.0009765625, "kB", "0"),
        (-1, "B", "kb", -0.0009765625, "kB", "0"),
        (999, "B", "kb", 0.9755859375, "kB", "0.98kB"),
        (1000, "B", "kb", 0.9765625, "kB", "0.98kB"),
        (1024, "B", "kb", 1.0, "kB", "1kB"),
        (1536, "B", "kb", 1.5, "kB", "1.50kB"),
        (1048576, "B", "kb", 1024.0, "kB", "1024kB"),
        (14993287, "B", "kb", 14641.8818359375, "kB", "14641.88kB"),
        (1100000000, "B", "kb", 1.07421875e+06, "kB", "1074218.75kB"),
        (-210000000, "B", "kb", -205078.125, "kB", "-205078.12kB"),
        (3600000000000, "B", "kb", 3515625000.0, "kB", "3515625000kB"),
        (31536000000000000, "B", "kb", 30796875000000.0, "kB", "30796875000000kB"),
        (i64::MAX, "B", "kb", 9.007199254740992e+15, "kB", "9007199254740992kB"),
        (i64::MIN, "B", "kb", -9.007199254740992e+15, "kB", "-9007199254740992kB"),
        (0, "Bytes", "auto", 0.0, "B", "0"),
        (1, "Bytes", "auto", 1.0, "B", "1B"),
        (-1, "Bytes", "auto", -1.0, "B", "-1B"),
        (999, "Bytes", "auto", 999.0, "B", "999B"),
        (1000, "Bytes", "auto", 1000.0, "B", "1000B"),
        (1024, "Bytes", "auto", 1.0, "kB", "1kB"),
        (1536, "Bytes", "auto", 1.5, "kB", "1.50kB"),
        (1048576, "Bytes", "auto", 1.0, "MB", "1MB"),
        (14993287, "Bytes", "auto", 14.298712730407715, "MB", "14.30MB"),
        (1100000000, "Bytes", "auto", 1.0244548320770264, "GB", "1.02GB"),
        (-210000000, "Bytes", "auto", -200.2716064453125, "MB", "-200.27MB"),
        (3600000000000, "Bytes", "auto", 3.2741809263825417, "TB", "3.27TB"),
        (31536000000000000, "Bytes", "auto", 28.00959464366315, "PB", "28.01PB"),
        (i64::MAX, "Bytes", "auto", 8192.0, "PB", "8192PB"),
        (i64::MIN, "Bytes", "auto", -9.223372036854776e+18, "B", "-9223372036854775808B"),
        (0, "s", "minimum", 0.0, "s", "0"),
        (1, "s", "minimum", 1.0, "s", "1s"),
        (-1, "s", "minimum", -1.0, "s", "-1s"),
        (999, "s", "minimum", 999.0, "s", "999s"),
        (1000, "s", "minimum", 1000.0, "s", "1000s"),
        (1024, "s", "minimum", 1024.0, "s", "1024s"),
        (1536, "s", "minimum", 1536.0, "s", "1536s"),
        (1048576, "s", "minimum", 291.2711111111111, "hrs", "291.27hrs"),
        (14993287, "s", "minimum", 4164.801944444444, "hrs", "4164.80hrs"),
        (1100000000, "s", "minimum", 305555.55555555556, "hrs", "305555.56hrs"),
        (-210000000, "s", "minimum", -58333.333333333336, "hrs", "-58333.33hrs"),
        (3600000000000, "s", "minimum", 1000000000.0, "hrs", "1000000000hrs"),
        (31536000000000000, "s", "minimum", 8760000000000.0, "hrs", "8760000000000hrs"),
        (i64::MAX, "s", "minimum", 2.5620477880152155e+15, "hrs", "2562047788015215.50hrs"),
        (i64::MIN, "s", "minimum", -9.223372036854776e+18, "s", "-9223372036854775808s"),
        (0, "", "", 0.0, "", "0"),
        (1, "", "", 1.0, "", "1"),
        (-1, "", "", -1.0, "", "-1"),
        (999, "", "", 999.0, "", "999"),
        (1000, "", "", 1000.0, "", "1000"),
        (1024, "", "", 1024.0, "", "1024"),
        (1536, "", "", 1536.0, "", "1536"),
        (1048576, "", "", 1048576.0, "", "1048576"),
        (14993287, "", "", 14993287.0, "", "14993287"),
        (1100000000, "", "", 1100000000.0, "", "1100000000"),
        (-210000000, "", "", -210000000.0, "", "-210000000"),
        (3600000000000, "", "", 3600000000000.0, "", "3600000000000"),
        (31536000000000000, "", "", 3.1536e+16, "", "31536000000000000"),
        (i64::MAX, "", "", 9.223372036854776e+18, "", "9223372036854775808"),
        (i64::MIN, "", "", -9.223372036854776e+18, "", "-9223372036854775808"),
        (0, "", "minimum", 0.0, "", "0"),
        (1, "", "minimum", 1.0, "", "1"),
        (-1, "", "minimum", -1.0, "", "-1"),
        (999, "", "minimum", 999.0, "", "999"),
        (1000, "", "minimum", 1000.0, "", "1000"),
        (1024, "", "minimum", 1024.0, "", "1024"),
        (1536, "", "minimum", 1536.0, "", "1536"),
        (1048576, "", "minimum", 1048576.0, "", "1048576"),
        (14993287, "", "minimum", 14993287.0, "", "14993287"),
        (1100000000, "", "minimum", 1100000000.0, "", "1100000000"),
        (-210000000, "", "minimum", -210000000.0, "", "-210000000"),
        (3600000000000, "", "minimum", 3600000000000.0, "", "3600000000000"),
        (31536000000000000, "", "minimum", 3.1536e+16, "", "31536000000000000"),
        (i64::MAX, "", "minimum", 9.223372036854776e+18, "", "9223372036854775808"),
        (i64::MIN, "", "minimum", -9.223372036854776e+18, "", "-9223372036854775808"),
    ];

    // (value, total, Percentage)
    const PERCENTAGE: &[(i64, i64, &str)] = &[
        (0, 0, "    0%"),
        (5, 0, "    0%"),
        (1, 1, "  100%"),
        (9995, 10000, "  100%"),
        (9994, 10000, "99.94%"),
        (10005, 10000, "  100%"),
        (10006, 10000, "100.06%"),
        (-1, 3, "33.33%"),
        (852, 10000, " 8.52%"),
        (7273, 10000, "72.73%"),
        (100, 10000, " 1.00%"),
        (13882, 10000, "138.82%"),
        (320752, 10000, "3207.52%"),
        (5, 1000, "  0.5%"),
        (9, 1000, "  0.9%"),
        (99, 10000, " 0.99%"),
        (28, 100000, "0.028%"),
        (64, 1000000, "0.0064%"),
        (42, 1000000, "0.0042%"),
        (996, 100000, "    1%"),
        (12, 100000000, "1.2e-05%"),
        (1, 7, "14.29%"),
        (-3, -7, "42.86%"),
        (0, 13, "    0%"),
        (12, 13, "92.31%"),
        (1, 13, " 7.69%"),
        (8, 13, "61.54%"),
        (21, 101, "20.79%"),
        (1, 101, " 0.99%"),
    ];

    #[test]
    fn scale_and_label_match_go() {
        for &(v, from, to, sv, su, sl) in SCALE {
            let (got, unit) = scale(v, from, to);
            assert_eq!(got.to_bits(), sv.to_bits(), "Scale({v}, {from:?}, {to:?}) = {got}");
            assert_eq!(unit, su, "Scale({v}, {from:?}, {to:?}) unit");
            assert_eq!(scaled_label(v, from, to), sl, "ScaledLabel({v}, {from:?}, {to:?})");
        }
    }

    #[test]
    fn label_is_auto() {
        assert_eq!(label(1760000000, "nanoseconds"), "1.76s");
        assert_eq!(label(14993287, "bytes"), "14.30MB");
    }

    #[test]
    fn percentage_matches_go() {
        for &(v, t, want) in PERCENTAGE {
            assert_eq!(percentage(v, t), want, "Percentage({v}, {t})");
        }
    }

    #[test]
    fn common_unit_matches_go() {
        // CommonValueType outputs printed by Go (type "x" for every entry).
        let cases: &[(&[&str], Option<Option<&str>>)] = &[
            (&["nanoseconds", "microseconds"], Some(Some("nanoseconds"))),
            (&["ms", "ns", "s"], Some(Some("ns"))),
            (&["bytes", "kilobytes"], Some(Some("bytes"))),
            (&["MB", "kB", "GB"], Some(Some("kB"))),
            (&["count", "count"], Some(Some("count"))),
            (&["count", "bytes"], None),
            (&["s", "hrs"], Some(Some("s"))),
            (&["requests", "requests"], Some(Some("requests"))),
            (&["bytes"], Some(None)),
            (&["gcu", "milligcu"], Some(Some("milligcu"))),
        ];
        for &(units, want) in cases {
            let got = common_unit(units).ok();
            assert_eq!(got, want.map(|o| o.map(str::to_string)), "{units:?}");
            let pairs: Vec<(&str, &str)> = units.iter().map(|u| ("x", *u)).collect();
            let idx = common_value_type(&pairs).ok();
            assert_eq!(idx.map(|o| o.map(|i| units[i])), want, "{units:?}");
        }
    }

    #[test]
    fn value_type_compatibility() {
        // Go: compatibleValueTypes({samples count}, {sample count}) = true,
        // ({cpu ns}, {wall ns}) = false.
        assert!(compatible_value_types(("samples", "count"), ("sample", "count")));
        assert!(!compatible_value_types(("cpu", "ns"), ("wall", "ns")));
        assert!(compatible_units("ms", "hours"));
        assert!(!compatible_units("ms", "bytes"));
    }

    #[test]
    fn unit_types() {
        assert_eq!(unit_type_of("MB"), Some(UnitType::Bytes));
        assert_eq!(unit_type_of("nanoseconds"), Some(UnitType::Time));
        assert_eq!(unit_type_of("milligcus"), Some(UnitType::Gcu));
        // "μs" is three bytes long, so its trailing "s" is stripped first.
        assert_eq!(unit_type_of("μs"), None);
        assert_eq!(unit_type_of("count"), None);
    }
}
