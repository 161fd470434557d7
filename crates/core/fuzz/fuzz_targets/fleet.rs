#![no_main]
//! The many-buckets screen: pasted text parsed, then the screen driven by random events.
//! The body is `console_core::fuzzing::fleet::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::fuzzing::fleet::exercise(data);
});
