//! A tiny single-threaded executor for the controller targets: the futures under test only wait
//! on gates the target itself opens, so polling every task until none moves is enough (no wakers
//! needed), and the fuzzer decides what runs between two polls.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Counts steps taken behind gates, so the executor can tell a stalled round from a busy one.
pub type Steps = Rc<Cell<u64>>;

/// Tasks spawned and not yet finished.
#[derive(Default)]
pub struct Tasks {
    pending: Vec<Pin<Box<dyn Future<Output = ()>>>>,
}

/// Rounds of polling after which a task that keeps moving counts as a livelock.
const MAX_ROUNDS: usize = 1_000_000;

impl Tasks {
    /// Add a task (not polled until `run`).
    pub fn spawn(&mut self, f: impl Future<Output = ()> + 'static) {
        self.pending.push(Box::pin(f));
    }

    /// How many have not finished.
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    /// Whether all have finished.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Poll every task until a whole round finishes none and takes no step.
    pub fn run(&mut self, steps: &Steps) {
        let mut cx = Context::from_waker(Waker::noop());
        for _ in 0..MAX_ROUNDS {
            let before = (steps.get(), self.pending.len());
            self.pending.retain_mut(|f| f.as_mut().poll(&mut cx).is_pending());
            if (steps.get(), self.pending.len()) == before {
                return;
            }
        }
        panic!("tasks still moving after {MAX_ROUNDS} rounds: a livelock");
    }
}

/// Run a future that never waits on anything outside itself.
pub fn block_on<T>(f: impl Future<Output = T>) -> T {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("a future that should be ready at once kept waiting");
}
