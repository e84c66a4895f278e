//! The binary legacy CPU profile (gperftools, Go before 1.9): 32- or 64-bit
//! words in either byte order. Header `0, 3, 0, period_µs, 0` (a third word
//! of 1 means Java), then records `count, depth, pc…`, ended by `0, 1, 0`,
//! then a `/proc/self/maps` text.

use std::collections::HashMap;

use super::maps::parse_memory_map;
use super::scan::Scanner;
use super::{Builder, Fail, Kind, PResult, RawSample, vt};

/// Reads one word; `None` when fewer bytes remain than a word needs
/// (and from then on).
pub(crate) type Word = fn(Option<&[u8]>) -> (u64, Option<&[u8]>);

fn get32l(b: Option<&[u8]>) -> (u64, Option<&[u8]>) {
    match b {
        Some(b) if b.len() >= 4 => (u32::from_le_bytes(b[..4].try_into().expect("4 bytes")) as u64, Some(&b[4..])),
        _ => (0, None),
    }
}

fn get32b(b: Option<&[u8]>) -> (u64, Option<&[u8]>) {
    match b {
        Some(b) if b.len() >= 4 => (u32::from_be_bytes(b[..4].try_into().expect("4 bytes")) as u64, Some(&b[4..])),
        _ => (0, None),
    }
}

fn get64l(b: Option<&[u8]>) -> (u64, Option<&[u8]>) {
    match b {
        Some(b) if b.len() >= 8 => (u64::from_le_bytes(b[..8].try_into().expect("8 bytes")), Some(&b[8..])),
        _ => (0, None),
    }
}

fn get64b(b: Option<&[u8]>) -> (u64, Option<&[u8]>) {
    match b {
        Some(b) if b.len() >= 8 => (u64::from_be_bytes(b[..8].try_into().expect("8 bytes")), Some(&b[8..])),
        _ => (0, None),
    }
}

pub(crate) fn parse(data: &[u8]) -> PResult<(Builder, Kind)> {
    let words: [Word; 4] = [get32l, get32b, get64l, get64b];
    for word in words {
        let (n1, t) = word(Some(data));
        let (n2, t) = word(t);
        let (n3, t) = word(t);
        let (n4, t) = word(t);
        let (n5, t) = word(t);
        let Some(rest) = t else { continue };
        if n1 == 0 && n2 == 3 && n4 > 0 && n5 == 0 {
            match n3 {
                0 => return cpu_profile(data, rest, n4 as i64, word).map(|b| (b, Kind::Cpu)),
                1 => {
                    return super::java::cpu_profile(data, rest, n4 as i64, word).map(|b| (b, Kind::JavaCpu));
                }
                _ => {}
            }
        }
    }
    Err(Fail::unrecognized())
}

fn cpu_profile(all: &[u8], rest: &[u8], period: i64, word: Word) -> PResult<Builder> {
    let mut b = Builder {
        period: period.wrapping_mul(1000),
        period_type: vt("cpu", "nanoseconds"),
        sample_types: vec![vt("samples", "count"), vt("cpu", "nanoseconds")],
        ..Default::default()
    };
    let rest = parse_samples(all, rest, word, true, &mut b)?;

    // A second frame shared by (nearly) all samples is the signal
    // handler's, not the program's: strip it, at most twice.
    let margin = b.samples.len() / 32;
    for _ in 0..2 {
        let mut counts: HashMap<u64, usize> = HashMap::new();
        for s in &b.samples {
            if s.locs.len() > 1 {
                *counts.entry(b.locations[s.locs[1]].address).or_default() += 1;
            }
        }
        let n = b.samples.len();
        if let Some((&addr, _)) = counts.iter().find(|&(_, &c)| c + margin >= n) {
            for s in &mut b.samples {
                if s.locs.len() > 1 && b.locations[s.locs[1]].address == addr {
                    s.locs.remove(1);
                }
            }
        }
    }

    let mut s = Scanner::new(rest.unwrap_or(b""));
    parse_memory_map(&mut s, &mut b);
    b.cleanup_duplicate_locations();
    Ok(b)
}

/// pprof's `parseCPUSamples`: the records up to the end marker, each
/// address but the leaf decremented when `adjust`. Returns what follows
/// the marker (`None` when the words ran out first).
pub(crate) fn parse_samples<'a>(
    all: &[u8],
    data: &'a [u8],
    word: Word,
    adjust: bool,
    b: &mut Builder,
) -> PResult<Option<&'a [u8]>> {
    let mut rest: Option<&'a [u8]> = Some(data);
    while rest.is_some_and(|r| !r.is_empty()) {
        let at = all.len() - rest.map_or(0, |r| r.len());
        let (count, t) = word(rest);
        let (nstk, t) = word(t);
        rest = t;
        let Some(r) = rest else {
            return Err(truncated(at));
        };
        if nstk > (r.len() / 4) as u64 {
            return Err(truncated(at));
        }
        let mut addrs = Vec::with_capacity(nstk as usize);
        for _ in 0..nstk {
            let (a, t) = word(rest);
            addrs.push(a);
            rest = t;
        }
        if count == 0 && nstk == 1 && addrs[0] == 0 {
            break;
        }
        let locs = addrs
            .iter()
            .enumerate()
            .map(|(i, &a)| {
                let a = if adjust && i > 0 { a.wrapping_sub(1) } else { a };
                b.location(a)
            })
            .collect();
        let count = count as i64;
        b.samples.push(RawSample { locs, values: vec![count, count.wrapping_mul(b.period)], ..Default::default() });
    }
    Ok(rest)
}

fn truncated(at: usize) -> Fail {
    Fail::Unrecognized(Some(format!("legacy CPU profile: record at byte {at} runs past the end of the data")))
}
