//! The browser clock, in Unix milliseconds.

/// Now, per this computer's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
