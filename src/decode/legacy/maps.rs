//! The memory-map sections of legacy profiles (`/proc/self/maps` lines and
//! the briefer `start-end file (@offset) buildid` form), pprof's heuristics
//! for them (merging split mappings, finding the main binary), and the
//! renumbering every legacy parser ends with.

use std::sync::LazyLock;

use regex::bytes::Regex;

use super::Builder;
use super::scan::{Scanner, is_memory_map_sentinel};
use crate::profile::Mapping;
use crate::profile::rawbytes;

// Pieces of the two line forms pprof accepts. ASCII classes, as in Go.
const HEX_RANGE: &str = r"\s*(?:0x)?([[:xdigit:]]+)[\s-]?\s*(?:0x)?([[:xdigit:]]+):?";
const PERM: &str = r"(?:\s+([-rwxp]+))?";

static PROC_MAPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u)^{HEX_RANGE}{PERM}(?:\s+([[:xdigit:]]+))?\s+[[:xdigit:]]+:[[:xdigit:]]+\s+[[:digit:]]+(?:\s+(\S+))?"
    ))
    .expect("valid regex")
});

static BRIEF_MAPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u)^{HEX_RANGE}{PERM}(?:\s+(\S+))?(?:\s+\(@([[:xdigit:]]+)\))?(?:\s+([[:xdigit:]]+))?"))
        .expect("valid regex")
});

/// A glog prefix (`... file.cc:123] `) in front of a line.
static LOG_INFO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)^[^\[\]]+:[0-9]+]\s").expect("valid regex"));

/// Shared-library file names.
static LIB: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)([.]so$|[.]so[._][0-9]+)").expect("valid regex"));

enum Entry {
    Mapping(Mapping),
    /// A non-executable mapping: skipped.
    Skip,
    /// Not a mapping line.
    Unrecognized,
}

fn parse_entry(l: &[u8]) -> Entry {
    let (start, end, perm, offset, file, build_id);
    if let Some(c) = PROC_MAPS.captures(l) {
        start = c.get(1);
        end = c.get(2);
        perm = c.get(3);
        offset = c.get(4);
        file = c.get(5);
        build_id = None;
    } else if let Some(c) = BRIEF_MAPS.captures(l) {
        start = c.get(1);
        end = c.get(2);
        perm = c.get(3);
        file = c.get(4);
        offset = c.get(5);
        build_id = c.get(6);
    } else {
        return Entry::Unrecognized;
    }
    fn text<'t>(m: Option<regex::bytes::Match<'t>>) -> &'t [u8] {
        m.map_or(&b""[..], |m| m.as_bytes())
    }
    let perm = text(perm);
    if !perm.is_empty() && !perm.contains(&b'x') {
        return Entry::Skip;
    }
    let mut m = Mapping {
        file: rawbytes::decode(text(file)),
        build_id: rawbytes::decode(text(build_id)),
        ..Default::default()
    };
    let Some(s) = super::parse_uint(text(start), 16) else {
        return Entry::Unrecognized;
    };
    let Some(e) = super::parse_uint(text(end), 16) else {
        return Entry::Unrecognized;
    };
    m.start = s;
    m.limit = e;
    let offset = text(offset);
    if !offset.is_empty() {
        match super::parse_uint(offset, 16) {
            Some(o) => m.offset = o,
            None => return Entry::Unrecognized,
        }
    }
    Entry::Mapping(m)
}

/// Go's `strings.Replacer` over `$name` → value pairs: at each position
/// the first pair (in order) whose key matches wins.
fn replace(line: &[u8], pairs: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    if pairs.is_empty() {
        return line.to_vec();
    }
    let mut out = Vec::with_capacity(line.len());
    let mut i = 0;
    'outer: while i < line.len() {
        for (k, v) in pairs {
            if line[i..].starts_with(k) {
                out.extend_from_slice(v);
                i += k.len();
                continue 'outer;
            }
        }
        out.push(line[i]);
        i += 1;
    }
    out
}

/// Parses the rest of `s` as a memory map: mapping lines are kept,
/// `name=value` lines define `$name` for later lines, anything else is
/// ignored.
pub(crate) fn parse_proc_maps(s: &mut Scanner) -> Vec<Mapping> {
    let mut out = Vec::new();
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    while s.scan() {
        let raw = s.text();
        let raw = match LOG_INFO.find(raw) {
            Some(m) => &raw[m.end()..],
            None => raw,
        };
        let line = replace(raw, &pairs);
        match parse_entry(&line) {
            Entry::Mapping(m) => out.push(m),
            Entry::Skip => {}
            Entry::Unrecognized => {
                if let Some(eq) = line.iter().position(|&b| b == b'=') {
                    let mut key = b"$".to_vec();
                    key.extend_from_slice(super::scan::trim_space(&line[..eq]));
                    let val = super::scan::trim_space(&line[eq + 1..]).to_vec();
                    pairs.push((key, val));
                }
            }
        }
    }
    out
}

/// pprof's `parseAdditionalSections`: skips to a memory-map sentinel (the
/// current line may be one) and reads the map after it.
pub(crate) fn parse_additional_sections(s: &mut Scanner, b: &mut Builder) {
    while !is_memory_map_sentinel(s.text()) && s.scan() {}
    parse_memory_map(s, b);
}

/// pprof's `ParseMemoryMapFromScanner`: reads the map, massages it and
/// renumbers locations, functions and mappings.
pub(crate) fn parse_memory_map(s: &mut Scanner, b: &mut Builder) {
    let ms = parse_proc_maps(s);
    b.mappings.extend(ms);
    massage_mappings(b);
    b.remap_locations();
    b.remap_functions();
    b.remap_mappings();
}

/// pprof's `massageMappings`: merges adjacent pieces of one mapping and
/// moves the main binary first.
pub(crate) fn massage_mappings(b: &mut Builder) {
    debug_assert!(b.locations.iter().all(|l| l.mapping.is_none()));
    if b.mappings.len() > 1 {
        let mut merged: Vec<Mapping> = Vec::with_capacity(b.mappings.len());
        for m in std::mem::take(&mut b.mappings) {
            if let Some(last) = merged.last_mut()
                && adjacent(last, &m)
            {
                last.limit = m.limit;
                if !m.file.is_empty() {
                    last.file = m.file;
                }
                if !m.build_id.is_empty() {
                    last.build_id = m.build_id;
                }
                continue;
            }
            merged.push(m);
        }
        b.mappings = merged;
    }
    for i in 0..b.mappings.len() {
        let file = b.mappings[i].file.replace("(deleted)", "");
        let file = file.trim();
        if file.is_empty() || LIB.is_match(file.as_bytes()) || file.starts_with('[') {
            continue;
        }
        b.mappings.swap(0, i);
        break;
    }
    for (i, m) in b.mappings.iter_mut().enumerate() {
        m.id = i as u64 + 1;
    }
}

/// Whether `m2` continues `m1` (same file and build id when both are
/// known, touching address ranges, consistent offsets).
fn adjacent(m1: &Mapping, m2: &Mapping) -> bool {
    if !m1.file.is_empty() && !m2.file.is_empty() && m1.file != m2.file {
        return false;
    }
    if !m1.build_id.is_empty() && !m2.build_id.is_empty() && m1.build_id != m2.build_id {
        return false;
    }
    if m1.limit != m2.start {
        return false;
    }
    if m1.offset != 0 && m2.offset != 0 {
        let offset = m1.offset.wrapping_add(m1.limit.wrapping_sub(m1.start));
        if offset != m2.offset {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(l: &str) -> Option<(u64, u64, u64, String, String)> {
        match parse_entry(l.as_bytes()) {
            Entry::Mapping(m) => Some((m.start, m.limit, m.offset, m.file, m.build_id)),
            _ => None,
        }
    }

    #[test]
    fn mapping_lines() {
        // As pprof's ParseProcMaps reads them (checked with Go).
        assert_eq!(
            entry("00400000-02e00000 r-xp 00000000 00:00 0 /foo/bin"),
            Some((0x400000, 0x2e00000, 0, "/foo/bin".into(), "".into()))
        );
        assert_eq!(entry("02e00000-02e8a000 r--p 02a00000 00:00 0 /foo/bin"), None);
        assert_eq!(
            entry("0x40000-0x80000 /path/to/binary (@FF00) abc123456"),
            Some((0x40000, 0x80000, 0xff00, "/path/to/binary".into(), "abc123456".into()))
        );
        assert_eq!(
            entry("  7f5e5435c000-7f5e5435e000: /lib/libdl-2.15.so"),
            Some((0x7f5e5435c000, 0x7f5e5435e000, 0, "/lib/libdl-2.15.so".into(), "".into()))
        );
    }

    #[test]
    fn replacer_prefers_earlier_pairs() {
        let pairs = vec![(b"$a".to_vec(), b"1".to_vec()), (b"$ab".to_vec(), b"2".to_vec())];
        assert_eq!(replace(b"x$ab$a", &pairs), b"x1b1".to_vec());
    }
}
