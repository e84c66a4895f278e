//! Go's count profiles in text form (`goroutine`, `threadcreate` at
//! `debug=1`): `<name> profile: total N`, then `N @ 0x… 0x…` lines.

use std::sync::LazyLock;

use regex::bytes::Regex;

use super::maps::parse_additional_sections;
use super::scan::{Scanner, fields, is_space_or_comment};
use super::symbols::Symbolizer;
use super::{Builder, Fail, Kind, Options, PResult, RawSample, quote_line, vt};
use crate::profile::rawbytes;

static START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)\A(\S+) profile: total \d+\z").expect("valid regex"));
static SAMPLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)\A(\d+) @(( 0x[0-9a-f]+)+)\z").expect("valid regex"));

pub(crate) fn parse(data: &[u8], opts: Options) -> PResult<(Builder, Kind)> {
    let mut s = Scanner::new(data);
    while s.scan() && is_space_or_comment(s.text()) {}
    let Some(c) = START.captures(s.text()) else {
        return Err(Fail::unrecognized());
    };
    let name = rawbytes::decode(&c[1]);
    let mut b = Builder {
        period_type: vt(&name, "count"),
        period: 1,
        sample_types: vec![vt(&name, "count")],
        ..Default::default()
    };
    let mut sym = Symbolizer::default();
    while s.scan() {
        let line = s.text();
        if is_space_or_comment(line) {
            if opts.symbolize {
                sym.offer(&mut b, line);
            }
            continue;
        }
        if line.starts_with(b"---") {
            break;
        }
        let bad = || Fail::Malformed(format!("line {}: bad sample line {}", s.line_no(), quote_line(line)));
        let c = SAMPLE.captures(line).ok_or_else(bad)?;
        let n = super::parse_int(&c[1], 0).ok_or_else(bad)?;
        let mut addrs = Vec::new();
        for f in fields(&c[2]) {
            addrs.push(super::parse_uint(f, 0).ok_or_else(bad)?);
        }
        let locs = b.stack(&addrs, true);
        b.samples.push(RawSample { locs, values: vec![n], ..Default::default() });
        if opts.symbolize {
            let i = b.samples.len() - 1;
            sym.start(&mut b, i);
        }
    }
    sym.flush(&mut b);
    parse_additional_sections(&mut s, &mut b);
    Ok((b, Kind::Count))
}
