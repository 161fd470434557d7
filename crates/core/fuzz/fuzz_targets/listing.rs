#![no_main]
//! ListObjectsV2 answers: pages written as OSS writes them (read back exactly), bent, or raw.
//! The body is `console_core::fuzzing::listing::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::fuzzing::listing::exercise(data);
});
