#![no_main]
//! Any bytes through sniff → (gunzip) → split → parse → store → query → export.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::trail::fuzzing::exercise(data);
});
