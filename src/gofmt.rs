//! Go `fmt` number formatting, byte for byte.
//!
//! pprof's text reports are built with `fmt.Sprintf("%.2f")`, `"%5.2g"` and
//! `"%-Ns"`, and `pa` must print the same bytes. Rust's exact float
//! formatting (`{:.N}` and `{:.Ne}`) already rounds the exact binary value
//! with ties to even, like Go's `strconv`, so only the parts that differ are
//! written here: NaN/Inf spelling, `%g`'s layout rules, and rune-counted
//! padding.

/// Go's spelling of the non-finite values, which Rust spells `NaN`/`inf`.
fn non_finite(v: f64) -> Option<&'static str> {
    if v.is_nan() {
        Some("NaN")
    } else if v == f64::INFINITY {
        Some("+Inf")
    } else if v == f64::NEG_INFINITY {
        Some("-Inf")
    } else {
        None
    }
}

/// Go `%.Nf`.
///
/// Rust's `{:.N}` agrees with Go on finite values (exact value, ties to
/// even, `-0.00` kept for negative values that round to zero); the unit
/// tests pin that down with vectors printed by Go.
pub fn fmt_f(v: f64, prec: usize) -> String {
    if let Some(s) = non_finite(v) {
        return s.to_string();
    }
    format!("{v:.prec$}")
}

/// Decimal digits of `|v|` rounded to `sig` significant digits, with
/// trailing zeros removed, and the decimal exponent of the first digit.
///
/// Zero yields `("0", 0)`.
fn sig_digits(v: f64, sig: usize) -> (Vec<u8>, i32) {
    let s = format!("{:.*e}", sig.saturating_sub(1), v.abs());
    split_sci(&s)
}

/// Shortest round-trip digits of `|v|` (Go's `-1` precision), trimmed.
///
/// Rust finds the shortest length, but when two candidates of that length
/// are equally close it may pick the upper one, where Go picks the one
/// closest to (or, on a tie, even with) the exact value; so the digits are
/// redone with exact rounding and kept if they still round-trip.
fn shortest_digits(v: f64) -> (Vec<u8>, i32) {
    let a = v.abs();
    let short = format!("{a:e}");
    let (digits, exp) = split_sci(&short);
    let exact = format!("{:.*e}", digits.len() - 1, a);
    if exact.parse::<f64>() == Ok(a) {
        return split_sci(&exact);
    }
    (digits, exp)
}

/// Splits Rust's `d.ddde±x` into trimmed digits and exponent.
fn split_sci(s: &str) -> (Vec<u8>, i32) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    (digits, exp)
}

/// Go's `%e`-style tail used by `%g`: `d[.ddd]e±XX`, with `prec` digits
/// after the point at most (digits are already trimmed).
fn layout_e(out: &mut String, digits: &[u8], exp: i32, frac: usize) {
    out.push(digits[0] as char);
    if frac > 0 {
        out.push('.');
        for i in 1..=frac {
            out.push(*digits.get(i).unwrap_or(&b'0') as char);
        }
    }
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push('0');
    }
    out.push_str(&e.to_string());
}

/// Go's `%f`-style layout of trimmed digits whose first digit has decimal
/// exponent `exp`, with `frac` digits after the point.
fn layout_f(out: &mut String, digits: &[u8], exp: i32, frac: usize) {
    let dp = exp + 1; // digits before the decimal point
    let digit_at =
        |i: i64| -> char { if i >= 0 && (i as usize) < digits.len() { digits[i as usize] as char } else { '0' } };
    if dp > 0 {
        for i in 0..dp as i64 {
            out.push(digit_at(i));
        }
    } else {
        out.push('0');
    }
    if frac > 0 {
        out.push('.');
        for i in 0..frac as i64 {
            out.push(digit_at(dp as i64 + i));
        }
    }
}

/// Shared `%g` layout: `eprec` is the exponent threshold, `prec` the
/// requested significant digits (Go's strconv `formatDigits`, case 'g').
fn layout_g(v: f64, digits: &[u8], exp: i32, prec: usize, eprec: usize) -> String {
    let mut out = String::new();
    if v.is_sign_negative() {
        out.push('-');
    }
    let nd = digits.len();
    if exp < -4 || exp >= eprec as i32 {
        let p = prec.min(nd);
        layout_e(&mut out, digits, exp, p.saturating_sub(1));
    } else {
        let dp = exp + 1;
        let p = if prec as i64 > dp as i64 { nd } else { prec };
        let frac = (p as i64 - dp as i64).max(0) as usize;
        layout_f(&mut out, digits, exp, frac);
    }
    out
}

/// Go `%.Ng`: `N` significant digits (0 means 1), exponent form iff the
/// decimal exponent is < -4 or >= N, trailing zeros dropped.
pub fn fmt_g(v: f64, prec: usize) -> String {
    if let Some(s) = non_finite(v) {
        return s.to_string();
    }
    let prec = prec.max(1);
    let (digits, exp) = sig_digits(v, prec);
    layout_g(v, &digits, exp, prec, prec)
}

/// Go `%v` (and bare `%g`) of a float64: shortest round-trip digits,
/// exponent form iff the decimal exponent is < -4 or >= 6 (Go's fixed
/// threshold when no precision is given, whatever the digit count).
pub fn fmt_v(v: f64) -> String {
    if let Some(s) = non_finite(v) {
        return s.to_string();
    }
    let (digits, exp) = shortest_digits(v);
    layout_g(v, &digits, exp, digits.len(), 6)
}

/// Go `%Ns`: right-aligned in at least `width` runes.
pub fn pad_left(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        return s.to_string();
    }
    let mut out = " ".repeat(width - n);
    out.push_str(s);
    out
}

/// Go `%-Ns`: left-aligned in at least `width` runes.
pub fn pad_right(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        return s.to_string();
    }
    let mut out = s.to_string();
    out.push_str(&" ".repeat(width - n));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Printed by Go: for each value, %.2f, %.0f, %.4f, %.2g, %.1g, %.6g,
    // %.0g, %v and %5.2g%% (pprof's small-percentage form).
    #[allow(clippy::type_complexity, clippy::approx_constant)]
    const VECTORS: &[(f64, &str, &str, &str, &str, &str, &str, &str, &str, &str)] = &[
        (0_f64, "0.00", "0", "0.0000", "0", "0", "0", "0", "0", "    0%"),
        (0.125_f64, "0.12", "0", "0.1250", "0.12", "0.1", "0.125", "0.1", "0.125", " 0.12%"),
        (0.375_f64, "0.38", "0", "0.3750", "0.38", "0.4", "0.375", "0.4", "0.375", " 0.38%"),
        (2.675_f64, "2.67", "3", "2.6750", "2.7", "3", "2.675", "3", "2.675", "  2.7%"),
        (124.465_f64, "124.47", "124", "124.4650", "1.2e+02", "1e+02", "124.465", "1e+02", "124.465", "1.2e+02%"),
        (
            1e+21_f64,
            "1000000000000000000000.00",
            "1000000000000000000000",
            "1000000000000000000000.0000",
            "1e+21",
            "1e+21",
            "1e+21",
            "1e+21",
            "1e+21",
            "1e+21%",
        ),
        (-0.001_f64, "-0.00", "-0", "-0.0010", "-0.001", "-0.001", "-0.001", "-0.001", "-0.001", "-0.001%"),
        (-0.005_f64, "-0.01", "-0", "-0.0050", "-0.005", "-0.005", "-0.005", "-0.005", "-0.005", "-0.005%"),
        (0.005_f64, "0.01", "0", "0.0050", "0.005", "0.005", "0.005", "0.005", "0.005", "0.005%"),
        (0.015_f64, "0.01", "0", "0.0150", "0.015", "0.01", "0.015", "0.01", "0.015", "0.015%"),
        (0.025_f64, "0.03", "0", "0.0250", "0.025", "0.03", "0.025", "0.03", "0.025", "0.025%"),
        (1.005_f64, "1.00", "1", "1.0050", "1", "1", "1.005", "1", "1.005", "    1%"),
        (99.995_f64, "100.00", "100", "99.9950", "1e+02", "1e+02", "99.995", "1e+02", "99.995", "1e+02%"),
        (
            1e+22_f64,
            "10000000000000000000000.00",
            "10000000000000000000000",
            "10000000000000000000000.0000",
            "1e+22",
            "1e+22",
            "1e+22",
            "1e+22",
            "1e+22",
            "1e+22%",
        ),
        (
            1.23456789125e+08_f64,
            "123456789.12",
            "123456789",
            "123456789.1250",
            "1.2e+08",
            "1e+08",
            "1.23457e+08",
            "1e+08",
            "1.23456789125e+08",
            "1.2e+08%",
        ),
        (5e-324_f64, "0.00", "0", "0.0000", "4.9e-324", "5e-324", "4.94066e-324", "5e-324", "5e-324", "4.9e-324%"),
        (
            f64::MAX,
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00",
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368",
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.0000",
            "1.8e+308",
            "2e+308",
            "1.79769e+308",
            "2e+308",
            "1.7976931348623157e+308",
            "1.8e+308%",
        ),
        (f64::NAN, "NaN", "NaN", "NaN", "NaN", "NaN", "NaN", "NaN", "NaN", "  NaN%"),
        (f64::INFINITY, "+Inf", "+Inf", "+Inf", "+Inf", "+Inf", "+Inf", "+Inf", "+Inf", " +Inf%"),
        (f64::NEG_INFINITY, "-Inf", "-Inf", "-Inf", "-Inf", "-Inf", "-Inf", "-Inf", "-Inf", " -Inf%"),
        (-0.0, "-0.00", "-0", "-0.0000", "-0", "-0", "-0", "-0", "-0", "   -0%"),
        (0.5_f64, "0.50", "0", "0.5000", "0.5", "0.5", "0.5", "0.5", "0.5", "  0.5%"),
        (1.5_f64, "1.50", "2", "1.5000", "1.5", "2", "1.5", "2", "1.5", "  1.5%"),
        (2.5_f64, "2.50", "2", "2.5000", "2.5", "2", "2.5", "2", "2.5", "  2.5%"),
        (-2.5_f64, "-2.50", "-2", "-2.5000", "-2.5", "-2", "-2.5", "-2", "-2.5", " -2.5%"),
        (1e-07_f64, "0.00", "0", "0.0000", "1e-07", "1e-07", "1e-07", "1e-07", "1e-07", "1e-07%"),
        (3.14159265358979_f64, "3.14", "3", "3.1416", "3.1", "3", "3.14159", "3", "3.14159265358979", "  3.1%"),
        (
            1.0000000000000002e+15_f64,
            "1000000000000000.25",
            "1000000000000000",
            "1000000000000000.2500",
            "1e+15",
            "1e+15",
            "1e+15",
            "1e+15",
            "1.0000000000000002e+15",
            "1e+15%",
        ),
        (8.52_f64, "8.52", "9", "8.5200", "8.5", "9", "8.52", "9", "8.52", "  8.5%"),
        (72.727272727_f64, "72.73", "73", "72.7273", "73", "7e+01", "72.7273", "7e+01", "72.727272727", "   73%"),
        (0.996_f64, "1.00", "1", "0.9960", "1", "1", "0.996", "1", "0.996", "    1%"),
        (0.028_f64, "0.03", "0", "0.0280", "0.028", "0.03", "0.028", "0.03", "0.028", "0.028%"),
        (0.0064_f64, "0.01", "0", "0.0064", "0.0064", "0.006", "0.0064", "0.006", "0.0064", "0.0064%"),
        (0.0042_f64, "0.00", "0", "0.0042", "0.0042", "0.004", "0.0042", "0.004", "0.0042", "0.0042%"),
        (1.2e-05_f64, "0.00", "0", "0.0000", "1.2e-05", "1e-05", "1.2e-05", "1e-05", "1.2e-05", "1.2e-05%"),
        (0.99_f64, "0.99", "1", "0.9900", "0.99", "1", "0.99", "1", "0.99", " 0.99%"),
        (0.9_f64, "0.90", "1", "0.9000", "0.9", "0.9", "0.9", "0.9", "0.9", "  0.9%"),
        (100_f64, "100.00", "100", "100.0000", "1e+02", "1e+02", "100", "1e+02", "100", "1e+02%"),
        (1e-05_f64, "0.00", "0", "0.0000", "1e-05", "1e-05", "1e-05", "1e-05", "1e-05", "1e-05%"),
        (0.0001_f64, "0.00", "0", "0.0001", "0.0001", "0.0001", "0.0001", "0.0001", "0.0001", "0.0001%"),
        (123456_f64, "123456.00", "123456", "123456.0000", "1.2e+05", "1e+05", "123456", "1e+05", "123456", "1.2e+05%"),
        (
            1.234567e+06_f64,
            "1234567.00",
            "1234567",
            "1234567.0000",
            "1.2e+06",
            "1e+06",
            "1.23457e+06",
            "1e+06",
            "1.234567e+06",
            "1.2e+06%",
        ),
        (
            0.000123456_f64,
            "0.00",
            "0",
            "0.0001",
            "0.00012",
            "0.0001",
            "0.000123456",
            "0.0001",
            "0.000123456",
            "0.00012%",
        ),
        (99.5_f64, "99.50", "100", "99.5000", "1e+02", "1e+02", "99.5", "1e+02", "99.5", "1e+02%"),
        (9.95_f64, "9.95", "10", "9.9500", "9.9", "1e+01", "9.95", "1e+01", "9.95", "  9.9%"),
        (0.95_f64, "0.95", "1", "0.9500", "0.95", "0.9", "0.95", "0.9", "0.95", " 0.95%"),
        (0.095_f64, "0.10", "0", "0.0950", "0.095", "0.1", "0.095", "0.1", "0.095", "0.095%"),
        (
            1e+100_f64,
            "10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.00",
            "10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104",
            "10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.0000",
            "1e+100",
            "1e+100",
            "1e+100",
            "1e+100",
            "1e+100",
            "1e+100%",
        ),
        (
            -1.25e-07_f64,
            "-0.00",
            "-0",
            "-0.0000",
            "-1.2e-07",
            "-1e-07",
            "-1.25e-07",
            "-1e-07",
            "-1.25e-07",
            "-1.2e-07%",
        ),
        (
            1.0000001e+21_f64,
            "1000000099999999983616.00",
            "1000000099999999983616",
            "1000000099999999983616.0000",
            "1e+21",
            "1e+21",
            "1e+21",
            "1e+21",
            "1.0000001e+21",
            "1e+21%",
        ),
        (100.05_f64, "100.05", "100", "100.0500", "1e+02", "1e+02", "100.05", "1e+02", "100.05", "1e+02%"),
        (99.95_f64, "99.95", "100", "99.9500", "1e+02", "1e+02", "99.95", "1e+02", "99.95", "1e+02%"),
        (138.82_f64, "138.82", "139", "138.8200", "1.4e+02", "1e+02", "138.82", "1e+02", "138.82", "1.4e+02%"),
        (
            3207.5234_f64,
            "3207.52",
            "3208",
            "3207.5234",
            "3.2e+03",
            "3e+03",
            "3207.52",
            "3e+03",
            "3207.5234",
            "3.2e+03%",
        ),
        (0.00999_f64, "0.01", "0", "0.0100", "0.01", "0.01", "0.00999", "0.01", "0.00999", " 0.01%"),
        (0.0001_f64, "0.00", "0", "0.0001", "0.0001", "0.0001", "0.0001", "0.0001", "0.0001", "0.0001%"),
        (0.00011_f64, "0.00", "0", "0.0001", "0.00011", "0.0001", "0.00011", "0.0001", "0.00011", "0.00011%"),
        (
            1234.5678_f64,
            "1234.57",
            "1235",
            "1234.5678",
            "1.2e+03",
            "1e+03",
            "1234.57",
            "1e+03",
            "1234.5678",
            "1.2e+03%",
        ),
    ];

    #[test]
    fn matches_go_vectors() {
        for &(v, f2, f0, f4, g2, g1, g6, g0, gv, pct) in VECTORS {
            assert_eq!(fmt_f(v, 2), f2, "%.2f of {v:?}");
            assert_eq!(fmt_f(v, 0), f0, "%.0f of {v:?}");
            assert_eq!(fmt_f(v, 4), f4, "%.4f of {v:?}");
            assert_eq!(fmt_g(v, 2), g2, "%.2g of {v:?}");
            assert_eq!(fmt_g(v, 1), g1, "%.1g of {v:?}");
            assert_eq!(fmt_g(v, 6), g6, "%.6g of {v:?}");
            assert_eq!(fmt_g(v, 0), g0, "%.0g of {v:?}");
            assert_eq!(fmt_v(v), gv, "%v of {v:?}");
            assert_eq!(format!("{}%", pad_left(&fmt_g(v, 2), 5)), pct, "%5.2g%% of {v:?}");
        }
    }

    #[test]
    fn long_precisions() {
        assert_eq!(fmt_f(0.1, 20), "0.10000000000000000555");
        assert_eq!(fmt_g(0.1, 17), "0.10000000000000001");
        assert_eq!(fmt_g(0.1, 25), "0.1000000000000000055511151");
    }

    #[test]
    fn padding_counts_runes() {
        assert_eq!(pad_left("ab", 5), "   ab");
        assert_eq!(pad_right("μé", 5), "μé   ");
        assert_eq!(pad_left("abcd", 2), "abcd");
        assert_eq!(pad_right("abcd", 2), "abcd");
        assert_eq!(pad_left("μé", 4), "  μé");
    }
}
