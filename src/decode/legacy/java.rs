//! The Java legacy forms: `--- heapz 1 ---` and `--- contentionz 1 ---`
//! text with `key = value` attributes, and the binary CPU format with the
//! Java flag; all end with a symbol table `0xADDR function (file:line)`.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::bytes::Regex;

use super::cpu::{Word, parse_samples};
use super::heap::{parse_hex_addresses, scale_heap_sample};
use super::scan::trim_space;
use super::{Builder, Fail, Kind, PResult, RawSample, quote_line, vt};
use crate::profile::{LabelSet, Line, rawbytes};

static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)([\w ]+)=([\w ]+)").expect("valid regex"));
static SAMPLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u) *(\d+) +(\d+) +@ +([ x0-9a-f]*)").expect("valid regex"));
static LOCATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)^\s*0x([[:xdigit:]]+)\s+(.*)\s*$").expect("valid regex"));
static FILE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)^(.*)\s+\((.+):(-?[[:digit:]]+)\)$").expect("valid regex"));
static PATH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)^(.*)\s+\((.*)\)$").expect("valid regex"));

#[derive(Clone, Copy, PartialEq, Eq)]
enum JavaType {
    Heap,
    Contention,
}

/// The Java CPU profile: the binary samples (addresses not adjusted), then
/// the symbol table.
pub(crate) fn cpu_profile(all: &[u8], rest: &[u8], period: i64, word: Word) -> PResult<Builder> {
    let mut b = Builder {
        period: period.wrapping_mul(1000),
        period_type: vt("cpu", "nanoseconds"),
        sample_types: vec![vt("samples", "count"), vt("cpu", "nanoseconds")],
        ..Default::default()
    };
    let rest = parse_samples(all, rest, word, false, &mut b)?;
    parse_locations(rest.unwrap_or(b""), &mut b)?;
    strip_addresses(&mut b);
    Ok(b)
}

pub(crate) fn parse(data: &[u8]) -> PResult<(Builder, Kind)> {
    let Some(nl) = data.iter().position(|&c| c == b'\n') else {
        return Err(Fail::unrecognized());
    };
    let (ty, kind) = match trim_space(&data[..nl]) {
        b"--- heapz 1 ---" => (JavaType::Heap, Kind::JavaHeap),
        b"--- contentionz 1 ---" => (JavaType::Contention, Kind::JavaContention),
        _ => return Err(Fail::unrecognized()),
    };
    let mut b = Builder::default();
    // Lines are counted for messages: the header is line 1.
    let rest = &data[nl + 1..];
    let (rest, line_no) = parse_header(ty, rest, 2, &mut b)?;
    let rest = parse_samples_text(ty, rest, line_no, &mut b)?;
    parse_locations(rest, &mut b)?;
    strip_addresses(&mut b);
    Ok((b, kind))
}

/// Complete lines (ending in `\n`) of `b` from the start, with their
/// offsets: what pprof's Java parsers iterate over (a last line without
/// a newline is left for the next stage).
fn complete_lines(b: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let nl = b[pos..].iter().position(|&c| c == b'\n')?;
        let start = pos;
        pos += nl + 1;
        Some((start, &b[start..start + nl]))
    })
}

/// The `key = value` attributes; returns the rest of the text (from the
/// first line that is not one) and its line number.
fn parse_header<'a>(ty: JavaType, b: &'a [u8], first_line: usize, p: &mut Builder) -> PResult<(&'a [u8], usize)> {
    let mut consumed = 0;
    let mut next_line = first_line;
    for (line_no, (start, raw)) in (first_line..).zip(complete_lines(b)) {
        let line = trim_space(raw);
        next_line = line_no + 1;
        if !line.is_empty() {
            let Some(c) = ATTRIBUTE.captures(line) else {
                return Ok((&b[start..], line_no));
            };
            let attr = trim_space(&c[1]);
            let value = trim_space(&c[2]);
            let bad = |what: &str| {
                Fail::Malformed(format!("line {line_no}: failed to parse attribute {}: {what}", quote_line(line)))
            };
            match (ty, attr) {
                (_, b"format") => {
                    if value != b"java" {
                        return Err(Fail::unrecognized());
                    }
                }
                (JavaType::Heap, b"resolution") => {
                    let unit = rawbytes::decode(value);
                    p.sample_types = vec![vt("inuse_objects", "count"), vt("inuse_space", &unit)];
                }
                (JavaType::Contention, b"resolution") => {
                    let unit = rawbytes::decode(value);
                    p.sample_types = vec![vt("contentions", "count"), vt("delay", &unit)];
                }
                (JavaType::Contention, b"sampling period") => {
                    p.period_type = vt("contentions", "count");
                    p.period = super::parse_int(value, 0).ok_or_else(|| bad("bad number"))?;
                }
                (JavaType::Contention, b"ms since reset") => {
                    let ms = super::parse_int(value, 0).ok_or_else(|| bad("bad number"))?;
                    p.duration_nanos = ms.wrapping_mul(1000).wrapping_mul(1000);
                }
                _ => return Err(Fail::unrecognized()),
            }
        }
        consumed = start + raw.len() + 1;
    }
    Ok((&b[consumed..], next_line))
}

/// The sample lines `<size/delay> <count> @ addrs`; returns the rest of the
/// text (from the first line that is not a sample).
fn parse_samples_text<'a>(ty: JavaType, b: &'a [u8], first_line: usize, p: &mut Builder) -> PResult<&'a [u8]> {
    let mut consumed = 0;
    for (line_no, (start, raw)) in (first_line..).zip(complete_lines(b)) {
        let line = trim_space(raw);
        if !line.is_empty() {
            let Some(c) = SAMPLE.captures(line) else {
                return Ok(&b[start..]);
            };
            let bad = |what: String| Fail::Malformed(format!("line {line_no}: {what}: {}", quote_line(line)));
            let addrs = parse_hex_addresses(&c[3]).map_err(|a| bad(format!("address {a} out of range")))?;
            let locs = addrs.iter().map(|&a| p.location(a)).collect();
            // Count first, then size (or delay): reversed in the text.
            let mut v0 = super::parse_int(&c[2], 0).ok_or_else(|| bad("bad count".to_string()))?;
            let mut v1 = super::parse_int(&c[1], 0).ok_or_else(|| bad("bad value".to_string()))?;
            let mut labels = LabelSet::default();
            match ty {
                JavaType::Heap => {
                    const JAVA_HEAPZ_SAMPLING_RATE: i64 = 524288;
                    if v0 == 0 {
                        return Err(bad("second value must be non-zero".to_string()));
                    }
                    labels.nums.push(("bytes".to_string(), vec![v1.wrapping_div(v0)], Vec::new()));
                    (v0, v1) = scale_heap_sample(v0, v1, JAVA_HEAPZ_SAMPLING_RATE);
                }
                JavaType::Contention => {
                    if p.period != 0 {
                        v0 = v0.wrapping_mul(p.period);
                        v1 = v1.wrapping_mul(p.period);
                    }
                }
            }
            p.samples.push(RawSample { locs, values: vec![v0, v1], labels });
        }
        consumed = start + raw.len() + 1;
    }
    Ok(&b[consumed..])
}

/// The symbol table: `0xADDR function (file:line)`, `0xADDR function
/// (library path)`, a JIT stub, or a bare name (`GC`, `VM`). Symbolized
/// locations lose their address, then everything is renumbered.
fn parse_locations(b: &[u8], p: &mut Builder) -> PResult<()> {
    let mut fns: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut by_addr: HashMap<u64, usize> = HashMap::new();
    for (i, l) in p.locations.iter().enumerate() {
        by_addr.entry(l.address).or_insert(i);
    }
    for (n, raw) in b.split(|&c| c == b'\n').enumerate() {
        let line = trim_space(raw);
        if line.is_empty() {
            continue;
        }
        let Some(c) = LOCATION.captures(line) else {
            continue;
        };
        let Some(addr) = super::parse_uint(&c[1], 16) else {
            return Err(Fail::Malformed(format!(
                "symbol table line {}: address out of range: {}",
                n + 1,
                quote_line(line)
            )));
        };
        let Some(&li) = by_addr.get(&addr) else {
            continue;
        };
        let rest = &c[2];
        let (func, file, line_no): (&[u8], &[u8], i64) = if let Some(fl) = FILE_LINE.captures(rest) {
            let n = super::parse_int(&fl[3], 10).filter(|&n| n > 0).unwrap_or(0);
            (fl.get(1).map_or(&b""[..], |m| m.as_bytes()), fl.get(2).map_or(&b""[..], |m| m.as_bytes()), n)
        } else if let Some(fp) = PATH.captures(rest) {
            let path = fp.get(2).map_or(&b""[..], |m| m.as_bytes());
            (fp.get(1).map_or(&b""[..], |m| m.as_bytes()), base_name(path), 0)
        } else if super::scan::contains(rest, b"generated stub/JIT") {
            (b"STUB", b"", 0)
        } else {
            (rest, b"", 0)
        };
        let fi = match fns.get(func) {
            Some(&fi) => fi,
            None => {
                let fi = p.functions.len();
                let name = rawbytes::decode(func);
                p.functions.push(crate::profile::Function {
                    id: 0,
                    name: name.clone(),
                    system_name: name,
                    filename: rawbytes::decode(file),
                    start_line: 0,
                });
                fns.insert(func.to_vec(), fi);
                fi
            }
        };
        let loc = &mut p.locations[li];
        loc.lines = vec![Line { function: fi as u32, line: line_no, column: 0 }];
        loc.address = 0;
    }
    p.remap_locations();
    p.remap_functions();
    p.remap_mappings();
    Ok(())
}

/// Go's `filepath.Base`.
fn base_name(path: &[u8]) -> &[u8] {
    if path.is_empty() {
        return b".";
    }
    let mut p = path;
    while p.len() > 1 && p.ends_with(b"/") {
        p = &p[..p.len() - 1];
    }
    if p == b"/" {
        return b"/";
    }
    match p.iter().rposition(|&c| c == b'/') {
        Some(i) => &p[i + 1..],
        None => p,
    }
}

/// pprof aggregates Java profiles without addresses (and columns).
fn strip_addresses(p: &mut Builder) {
    for l in &mut p.locations {
        l.address = 0;
        for ln in &mut l.lines {
            ln.column = 0;
        }
    }
}
