#![no_main]
//! OSS answers read directly: error bodies, ServerTime and the clock correction, access-monitor and lifecycle configurations.
//! The body is `console_core::fuzzing::responses::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::fuzzing::responses::exercise(data);
});
