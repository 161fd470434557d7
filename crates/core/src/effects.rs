//! The effects the core's controllers need, as small injected traits: the shell implements them
//! with the browser (fetch, `File.slice`, timers), tests with memory and a controllable clock.

use std::future::Future;
use std::pin::Pin;

/// A future that stays on this thread (the browser has one; so do the controllers).
pub type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Time, injected.
pub trait Clock {
    /// Unix milliseconds by this computer's clock.
    fn now_ms(&self) -> f64;
    /// Wait `ms` milliseconds; `sleep(0)` lets other work (incoming messages) run first.
    fn sleep(&self, ms: u64) -> LocalFuture<'_, ()>;
}
