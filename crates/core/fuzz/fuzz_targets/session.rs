#![no_main]
//! The access-tracking session over a scripted transport whose answers echo the secret and token.
//! The body is `console_core::fuzzing::session::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::fuzzing::session::exercise(data);
});
