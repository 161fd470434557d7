#![no_main]
//! Pasted credentials: generated STS JSON and env lines, bent, or any text.
//! The body is `console_core::fuzzing::credentials::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::fuzzing::credentials::exercise(data);
});
