#![no_main]
//! The event engine as a controller: a fuzz-chosen sequence of loads, clears, cancels, queries, pages, details and exports, interleaved at every await.
//! The body is `console_core::fuzzing::engine::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::fuzzing::engine::exercise(data);
});
