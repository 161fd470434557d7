#![no_main]
//! `parse_event_fast` against the reference `parse_event` on any bytes: the raw bytes, the bytes
//! as a value inside a valid event, and wrapped as an SLS `event` string (`scan::fuzz_body`).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = console_core::trail::scan::fuzz_body(data) {
        panic!("{e}");
    }
});
