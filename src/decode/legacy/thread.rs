//! Threadz dumps: `--- threadz N ---` or a first `--- Thread <hex> (name:
//! <name>/<tid>) stack: ---` header, then each thread's PCs; one sample per
//! thread, `same as previous thread` adding to the previous one.

use std::sync::LazyLock;

use regex::bytes::Regex;

use super::heap::parse_hex_addresses;
use super::maps::parse_additional_sections;
use super::scan::{Scanner, contains, is_memory_map_sentinel, is_space_or_comment, trim_space};
use super::{Builder, Fail, Kind, PResult, RawSample, quote_line, vt};

static THREADZ_START: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)--- threadz \d+ ---").expect("valid regex"));
static THREAD_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)--- Thread ([[:xdigit:]]+) \(name: (.*)/(\d+)\) stack: ---").expect("valid regex")
});

pub(crate) fn parse(data: &[u8]) -> PResult<(Builder, Kind)> {
    let mut s = Scanner::new(data);
    while s.scan() && is_space_or_comment(s.text()) {}
    let mut line: Vec<u8> = s.text().to_vec();
    let mut line_no = s.line_no();
    if THREADZ_START.is_match(&line) {
        // Skip to the first thread (or the memory map).
        while s.scan() {
            line = s.text().to_vec();
            line_no = s.line_no();
            if is_memory_map_sentinel(&line) || line.starts_with(b"-") {
                break;
            }
        }
    } else if !THREAD_START.is_match(&line) {
        return Err(Fail::unrecognized());
    }

    let mut b = Builder {
        sample_types: vec![vt("thread", "count")],
        period_type: vt("thread", "count"),
        period: 1,
        ..Default::default()
    };
    while !is_memory_map_sentinel(&line) {
        if line.starts_with(b"---- no stack trace for") {
            break;
        }
        if !THREAD_START.is_match(&line) {
            return Err(Fail::Unrecognized(Some(format!(
                "line {line_no}: expected a thread header, found {}",
                quote_line(&line)
            ))));
        }
        let (next, next_no, addrs) = parse_thread_sample(&mut s)?;
        line = next;
        line_no = next_no;
        if addrs.is_empty() {
            // `same as previous thread` (or no PCs): one more of the last.
            if let Some(prev) = b.samples.last_mut() {
                prev.values[0] = prev.values[0].wrapping_add(1);
            }
            continue;
        }
        let locs = b.stack(&addrs, false);
        b.samples.push(RawSample { locs, values: vec![1], ..Default::default() });
    }
    parse_additional_sections(&mut s, &mut b);
    b.cleanup_duplicate_locations();
    Ok((b, Kind::Threadz))
}

/// pprof's `parseThreadSample`: the addresses of one thread's stack, up to
/// the next `---` line, which is returned (with its number) as the next
/// header. No addresses for `same as previous thread`.
fn parse_thread_sample(s: &mut Scanner) -> PResult<(Vec<u8>, usize, Vec<u64>)> {
    let mut line: &[u8] = b"";
    let mut line_no = s.line_no();
    let mut same_as_previous = false;
    let mut addrs = Vec::new();
    while s.scan() {
        line = trim_space(s.text());
        line_no = s.line_no();
        if line.is_empty() {
            continue;
        }
        if line.starts_with(b"---") {
            break;
        }
        if contains(line, b"same as previous thread") {
            same_as_previous = true;
            continue;
        }
        let more = parse_hex_addresses(line).map_err(|a| {
            Fail::Malformed(format!("line {line_no}: address {a} out of range in {}", quote_line(line)))
        })?;
        addrs.extend(more);
    }
    if same_as_previous {
        addrs.clear();
    }
    Ok((line.to_vec(), line_no, addrs))
}
