//! The browser clock: Unix milliseconds, and timers.

use console_core::effects::{Clock, LocalFuture};

/// Now, per this computer's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
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
