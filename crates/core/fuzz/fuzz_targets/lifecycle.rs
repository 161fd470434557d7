#![no_main]
//! Lifecycle configurations kept as written: parse, write, read back, edit.
//! The body is `console_core::fuzzing::lifecycle::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::fuzzing::lifecycle::exercise(data);
});
