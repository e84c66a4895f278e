//! `heap profile:` text: Go's heap and allocs profiles (`debug=1`), C++
//! heapz (v1, v2) and heapprofile, growthz and fragmentationz, with pprof's
//! unsampling of sampled allocation counts (pprof.md §4.3), and the
//! `# runtime.MemStats` block Go appends.

use std::sync::LazyLock;

use regex::bytes::Regex;

use super::maps::parse_additional_sections;
use super::scan::{Scanner, is_memory_map_sentinel, is_space_or_comment, trim_space};
use super::symbols::Symbolizer;
use super::{Builder, Fail, Kind, Options, PResult, RawSample, quote_line, vt};
use crate::profile::LabelSet;

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)/?(\d*)")
        .expect("valid regex")
});
static SAMPLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)").expect("valid regex"));
static GROWTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?").expect("valid regex")
});
static FRAGMENTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?").expect("valid regex")
});
static HEX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)0x[0-9a-f]+").expect("valid regex"));

/// The `# runtime.MemStats` block at the end of a Go heap profile: each
/// `# Name = value` line, in order, with the value as printed (most are
/// integers; `Stack` and `MSpan` are `inuse / sys` pairs, `PauseNs` is a
/// list, `GCCPUFraction` a float, `DebugGC` a bool).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemStats {
    pub fields: Vec<(String, String)>,
}

impl MemStats {
    /// The value printed for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    /// The value of `name` as an integer (the first number of a pair).
    pub fn get_u64(&self, name: &str) -> Option<u64> {
        let v = self.get(name)?;
        let first = v.split_whitespace().next()?;
        first.parse().ok()
    }
}

/// How the header says samples were taken.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sampling {
    None,
    /// Poisson sampling with an average rate: values are unsampled.
    V2,
}

pub(crate) fn parse_any(data: &[u8], opts: Options) -> PResult<(Builder, Kind)> {
    let mut s = Scanner::new(data);
    if !s.scan() {
        return Err(Fail::unrecognized());
    }
    let line = s.text();
    let mut b = Builder { period_type: vt("space", "bytes"), ..Default::default() };
    let (sampling, has_alloc, kind) = if HEADER.is_match(line) {
        let (sampling, period, has_alloc) = parse_header(line)?;
        b.period = period;
        (sampling, has_alloc, Kind::Heap)
    } else if GROWTH.is_match(line) {
        b.period = 1;
        (Sampling::None, false, Kind::Growth)
    } else if FRAGMENTATION.is_match(line) {
        b.period = 1;
        (Sampling::None, false, Kind::Fragmentation)
    } else {
        return Err(Fail::unrecognized());
    };
    b.sample_types = if has_alloc {
        // Alloc first, so that the default (last) type is inuse_space.
        vec![
            vt("alloc_objects", "count"),
            vt("alloc_space", "bytes"),
            vt("inuse_objects", "count"),
            vt("inuse_space", "bytes"),
        ]
    } else {
        vec![vt("objects", "count"), vt("space", "bytes")]
    };

    let mut sym = Symbolizer::default();
    let mut memstats: Option<MemStats> = None;
    let mut in_memstats = false;
    while s.scan() {
        let line = trim_space(s.text());
        if is_space_or_comment(line) {
            if line == b"# runtime.MemStats" {
                in_memstats = true;
                memstats.get_or_insert_with(MemStats::default);
            } else if in_memstats {
                match memstats_field(line) {
                    Some(f) => memstats.get_or_insert_with(MemStats::default).fields.push(f),
                    None => in_memstats = false,
                }
            } else if opts.symbolize {
                sym.offer(&mut b, line);
            }
            continue;
        }
        in_memstats = false;
        if is_memory_map_sentinel(line) {
            break;
        }
        let (values, block_size, addrs) = parse_sample(line, b.period, sampling, has_alloc)
            .map_err(|m| Fail::Malformed(format!("line {}: {m}", s.line_no())))?;
        let locs = b.stack(&addrs, true);
        let mut labels = LabelSet::default();
        labels.nums.push(("bytes".to_string(), vec![block_size], Vec::new()));
        b.samples.push(RawSample { locs, values, labels });
        if opts.symbolize {
            let i = b.samples.len() - 1;
            sym.start(&mut b, i);
        }
    }
    sym.flush(&mut b);
    parse_additional_sections(&mut s, &mut b);
    b.memstats = memstats;
    Ok((b, kind))
}

/// `# Name = value` of the MemStats block.
fn memstats_field(line: &[u8]) -> Option<(String, String)> {
    let rest = trim_space(line.strip_prefix(b"#")?);
    let eq = rest.windows(3).position(|w| w == b" = ")?;
    let name = trim_space(&rest[..eq]);
    if name.is_empty() || !name.iter().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let value = trim_space(&rest[eq + 3..]);
    Some((String::from_utf8_lossy(name).into_owned(), String::from_utf8_lossy(value).into_owned()))
}

/// pprof's `parseHeapHeader`: sampling, period (the sampling rate) and
/// whether alloc columns are present.
fn parse_header(line: &[u8]) -> PResult<(Sampling, i64, bool)> {
    let c = HEADER.captures(line).ok_or_else(Fail::unrecognized)?;
    let g = |i: usize| c.get(i).map_or(&b""[..], |m| m.as_bytes());
    let mut period = 0i64;
    if !g(6).is_empty() {
        period = super::parse_int(g(6), 10).ok_or_else(Fail::unrecognized)?;
    }
    let has_alloc = (g(3) != g(1) && g(3) != b"0") || (g(4) != g(2) && g(4) != b"0");
    match g(5) {
        b"heapz_v2" | b"heap_v2" => Ok((Sampling::V2, period, has_alloc)),
        b"heapprofile" => Ok((Sampling::None, 1, has_alloc)),
        // The Go runtime writes twice its MemProfileRate.
        b"heap" => Ok((Sampling::V2, period / 2, has_alloc)),
        kind => Err(Fail::Unrecognized(Some(format!("line 1: unknown heap profile kind {}", quote_line(kind))))),
    }
}

/// pprof's `parseHeapSample`: values (alloc pair first when present),
/// the average block size, and the stack addresses.
fn parse_sample(
    line: &[u8],
    rate: i64,
    sampling: Sampling,
    include_alloc: bool,
) -> Result<(Vec<i64>, i64, Vec<u64>), String> {
    let Some(c) = SAMPLE.captures(line) else {
        return Err(format!("bad sample line {}", quote_line(line)));
    };
    let g = |i: usize| c.get(i).map_or(&b""[..], |m| m.as_bytes());
    let mut values = Vec::with_capacity(4);
    let mut block_size = 0i64;
    let mut add = |count: &[u8], size: &[u8], what: &str| -> Result<(), String> {
        let bad =
            |n: &[u8]| format!("bad sample line {}: {} out of range", quote_line(line), String::from_utf8_lossy(n));
        let mut count = super::parse_int(count, 10).ok_or_else(|| bad(count))?;
        let mut size = super::parse_int(size, 10).ok_or_else(|| bad(size))?;
        if count == 0 && size != 0 {
            return Err(format!("{what} count was 0 but {what} bytes was {size}: {}", quote_line(line)));
        }
        if count != 0 {
            block_size = size.wrapping_div(count);
            if sampling == Sampling::V2 {
                (count, size) = scale_heap_sample(count, size, rate);
            }
        }
        values.push(count);
        values.push(size);
        Ok(())
    };
    if include_alloc {
        add(g(3), g(4), "allocation")?;
    }
    add(g(1), g(2), "inuse")?;
    let addrs = parse_hex_addresses(g(5))
        .map_err(|a| format!("bad sample line {}: address {a} out of range", quote_line(line)))?;
    Ok((values, block_size, addrs))
}

/// pprof's `parseHexAddresses`: every `0x…` in the text; `Err` with the
/// first one that does not fit 64 bits.
pub(crate) fn parse_hex_addresses(s: &[u8]) -> Result<Vec<u64>, String> {
    HEX.find_iter(s)
        .map(|m| super::parse_uint(m.as_bytes(), 0).ok_or_else(|| String::from_utf8_lossy(m.as_bytes()).into_owned()))
        .collect()
}

/// pprof's `scaleHeapSample`: the expected true count and size of a
/// sample taken with probability `1 - exp(-size/rate)` per allocation.
pub(crate) fn scale_heap_sample(count: i64, size: i64, rate: i64) -> (i64, i64) {
    if count == 0 || size == 0 {
        return (0, 0);
    }
    if rate <= 1 {
        // Everything sampled (1), or unknown (< 1): leave as is.
        return (count, size);
    }
    let avg = size as f64 / count as f64;
    let scale = 1.0 / (1.0 - (-avg / rate as f64).exp());
    (
        crate::profile::merge::go_f64_to_i64(count as f64 * scale),
        crate::profile::merge::go_f64_to_i64(size as f64 * scale),
    )
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// Unsampled values printed by pprof's legacy heap parser for
    /// pseudo-random samples (testdata/dump/regen.sh): the float arithmetic
    /// must agree to the last truncated unit.
    #[test]
    fn unsampling_matches_pprof() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/dump/expected/scaleheap.txt.gz");
        let gz = std::fs::read(path).expect("scaleheap.txt.gz");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).expect("gunzip");
        let mut n = 0;
        for line in text.lines() {
            let v: Vec<i64> = line.split(' ').map(|f| f.parse().expect("number")).collect();
            let (count, size, rate) = (v[0], v[1], v[2]);
            assert_eq!(scale_heap_sample(count, size, rate), (v[3], v[4]), "{line}");
            n += 1;
        }
        assert_eq!(n, 5000);
    }

    #[test]
    fn memstats_fields() {
        let data = b"heap profile: 1: 8 [1: 8] @ heap/2\n1: 8 [1: 8] @ 0x1\n\n# runtime.MemStats\n# Alloc = 8881848\n# Stack = 294912 / 294912\n# PauseNs = [1 2 0]\n# DebugGC = false\n";
        let p = super::super::parse(data, Options::pprof()).expect("parse");
        let m = p.memstats.expect("memstats");
        assert_eq!(m.get("Alloc"), Some("8881848"));
        assert_eq!(m.get_u64("Alloc"), Some(8881848));
        assert_eq!(m.get_u64("Stack"), Some(294912));
        assert_eq!(m.get("PauseNs"), Some("[1 2 0]"));
        assert_eq!(m.get("DebugGC"), Some("false"));
        assert_eq!(m.fields.len(), 4);
    }
}
