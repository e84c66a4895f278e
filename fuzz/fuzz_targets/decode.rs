//! The whole decode step as a source goes through it: gzip sniffing and
//! streamed inflation under a cap, protobuf, then the legacy formats, then
//! the "what is this" message for anything else.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

/// Small, so that a bomb among the inputs is refused quickly.
const MAX_BYTES: u64 = 1 << 20;

fuzz_target!(|data: &[u8]| {
    match pa::decode::decode("fuzz", data, MAX_BYTES) {
        Ok(d) => common::exercise(d.profile),
        Err(e) => {
            // The error contract: one line, naming the source.
            let line = e.to_string();
            assert!(!line.contains('\n'), "{line:?}");
            assert!(line.starts_with("fuzz: "), "{line:?}");
        }
    }
});
