#![no_main]
//! A sequence of requests (every bucket call, object reads with ranges, preflights, the control
//! API; signed V4 or V1, signed wrong, or not) through the server's conversions and
//! `oss::handle`. The body is `oss_emulator::fuzzing::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    oss_emulator::fuzzing::exercise(data);
});
