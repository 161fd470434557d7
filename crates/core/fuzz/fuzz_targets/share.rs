#![no_main]
//! Share links: decoded, run through a loaded store and the SLS / ActionTrail bridges.
//! The body is `console_core::fuzzing::share::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::fuzzing::share::exercise(data);
});
