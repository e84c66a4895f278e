//! Each legacy parser (binary CPU, heap/growth/fragmentation, count,
//! threadz, contention, Java, memory maps, `#` symbol lines): the input
//! goes through `pa::decode::legacy::parse`, which tries them in pprof's
//! order, read both as pprof reads it and with pa's symbolization.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pa::decode::legacy::{self, Options};

mod common;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the reading; the rest is the profile.
    let Some((&mode, data)) = data.split_first() else {
        return;
    };
    let opts = if mode & 1 == 0 { Options::pprof() } else { Options::symbolized() };
    if let Ok(parsed) = legacy::parse(data, opts) {
        common::exercise(parsed.profile);
    }
});
