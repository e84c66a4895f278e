//! Protobuf decoding and model building: `pa::decode::proto::decode` on
//! raw bytes, then the whole report pipeline on what it accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = pa::decode::proto::decode(data) {
        common::exercise(p);
    }
});
