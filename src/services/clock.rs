//! The browser clock: Unix milliseconds, and timers.

use console_core::effects::{Clock, LocalFuture};

/// Now, per this computer's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// How far the browser's time zone is ahead of UTC at the instant `at_ms` (daylight saving
/// time included), in ms.
pub fn local_offset_ms(at_ms: i64) -> i64 {
    let minutes = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at_ms as f64)).get_timezone_offset();
    // getTimezoneOffset is UTC minus local.
    -(minutes as i64) * 60_000
}

/// The instant whose local wall-clock reading is `wall_ms` (a local time read as if it were UTC).
pub fn from_local_wall(wall_ms: i64) -> i64 {
    let guess = wall_ms - local_offset_ms(wall_ms);
    wall_ms - local_offset_ms(guess)
}

/// An offset as `+08:00` / `-05:30`.
pub fn offset_text(offset_ms: i64) -> String {
    let minutes = offset_ms.abs() / 60_000;
    format!("{}{:02}:{:02}", if offset_ms < 0 { '-' } else { '+' }, minutes / 60, minutes % 60)
}

/// `Date.now()` and `setTimeout`, for the core's controllers.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }
    fn sleep(&self, ms: u64) -> LocalFuture<'_, ()> {
        Box::pin(gloo_timers::future::TimeoutFuture::new(ms.min(u32::MAX as u64) as u32))
    }
}
