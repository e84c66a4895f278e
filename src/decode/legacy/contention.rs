//! Contention profiles in text form: Go's mutex and block profiles at
//! `debug=1` (`--- mutex:`, `--- contention:`) and C++ contentionz
//! (`--- contentionz `), with their `key = value` preamble.

use std::sync::LazyLock;

use regex::bytes::Regex;

use super::heap::parse_hex_addresses;
use super::maps::parse_additional_sections;
use super::scan::{Scanner, is_space_or_comment, trim_space};
use super::symbols::Symbolizer;
use super::{Builder, Fail, Kind, Options, PResult, RawSample, quote_line, vt};

static SAMPLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)(\d+) *(\d+) @([ x0-9a-f]*)").expect("valid regex"));

pub(crate) fn parse(data: &[u8], opts: Options) -> PResult<(Builder, Kind)> {
    let mut s = Scanner::new(data);
    if !s.scan() {
        return Err(Fail::unrecognized());
    }
    let first = s.text();
    if !(first.starts_with(b"--- contentionz ")
        || first.starts_with(b"--- mutex:")
        || first.starts_with(b"--- contention:"))
    {
        return Err(Fail::unrecognized());
    }
    let mut b = Builder {
        period_type: vt("contentions", "count"),
        period: 1,
        sample_types: vec![vt("contentions", "count"), vt("delay", "nanoseconds")],
        ..Default::default()
    };

    // The `key = value` preamble; keys pprof does not know (or Java's
    // `format` and `resolution`) mean this is not a profile for this parser.
    let mut cpu_hz = 0i64;
    while s.scan() {
        let line = trim_space(s.text());
        if is_space_or_comment(line) {
            continue;
        }
        if line.starts_with(b"---") {
            break;
        }
        let Some(eq) = line.iter().position(|&c| c == b'=') else {
            break;
        };
        let key = trim_space(&line[..eq]);
        let val = trim_space(&line[eq + 1..]);
        let bad_value = || Fail::Unrecognized(Some(format!("line {}: bad value in {}", s.line_no(), quote_line(line))));
        match key {
            b"cycles/second" => cpu_hz = super::parse_int(val, 0).ok_or_else(bad_value)?,
            b"sampling period" => b.period = super::parse_int(val, 0).ok_or_else(bad_value)?,
            b"ms since reset" => {
                let ms = super::parse_int(val, 0).ok_or_else(bad_value)?;
                b.duration_nanos = ms.wrapping_mul(1000).wrapping_mul(1000);
            }
            b"discarded samples" => {}
            // Java's keys: the Java parser's turn.
            b"format" | b"resolution" => return Err(Fail::unrecognized()),
            _ => {
                return Err(Fail::Unrecognized(Some(format!(
                    "line {}: unknown key {} in a contention profile header",
                    s.line_no(),
                    quote_line(key)
                ))));
            }
        }
    }

    let mut sym = Symbolizer::default();
    loop {
        let line = trim_space(s.text());
        if line.starts_with(b"---") {
            break;
        }
        if !is_space_or_comment(line) {
            let (values, addrs) = parse_sample(line, b.period, cpu_hz).map_err(|f| match f {
                SampleError::Unrecognized => {
                    Fail::Unrecognized(Some(format!("line {}: bad sample line {}", s.line_no(), quote_line(line))))
                }
                SampleError::Malformed(m) => Fail::Malformed(format!("line {}: {m}", s.line_no())),
            })?;
            let locs = b.stack(&addrs, true);
            b.samples.push(RawSample { locs, values, ..Default::default() });
            if opts.symbolize {
                let i = b.samples.len() - 1;
                sym.start(&mut b, i);
            }
        } else if opts.symbolize {
            sym.offer(&mut b, line);
        }
        if !s.scan() {
            break;
        }
    }
    sym.flush(&mut b);
    parse_additional_sections(&mut s, &mut b);
    Ok((b, Kind::Contention))
}

enum SampleError {
    Unrecognized,
    Malformed(String),
}

/// pprof's `parseContentionSample`: `<delay cycles> <count> @ addrs`,
/// unsampled with the period and converted to nanoseconds with the clock
/// rate when both are known. Values come back as (contentions, delay).
fn parse_sample(line: &[u8], period: i64, cpu_hz: i64) -> Result<(Vec<i64>, Vec<u64>), SampleError> {
    let c = SAMPLE.captures(line).ok_or(SampleError::Unrecognized)?;
    let out_of_range = |n: &[u8]| {
        SampleError::Malformed(format!(
            "bad sample line {}: {} out of range",
            quote_line(line),
            String::from_utf8_lossy(n)
        ))
    };
    let mut v1 = super::parse_int(&c[1], 10).ok_or_else(|| out_of_range(&c[1]))?;
    let mut v2 = super::parse_int(&c[2], 10).ok_or_else(|| out_of_range(&c[2]))?;
    if period > 0 {
        if cpu_hz > 0 {
            let cpu_ghz = cpu_hz as f64 / 1e9;
            v1 = crate::profile::merge::go_f64_to_i64(v1 as f64 * period as f64 / cpu_ghz);
        }
        v2 = v2.wrapping_mul(period);
    }
    let addrs = parse_hex_addresses(&c[3]).map_err(|a| {
        SampleError::Malformed(format!("bad sample line {}: address {a} out of range", quote_line(line)))
    })?;
    Ok((vec![v2, v1], addrs))
}
