#![no_main]
//! Event files built from generated events bent field by field (times, types, escapes, nesting, wrappers, containers, gzip members), through the loader, queries and exports.
//! The body is `console_core::fuzzing::events::exercise`, shared with the regression tests.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    console_core::fuzzing::events::exercise(data);
});
