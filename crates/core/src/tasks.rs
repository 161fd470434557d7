//! Running local futures a few at a time, and cancelling them: the two things a controller that
//! fetches many objects needs, without an async runtime (the browser is the executor; tests use
//! a plain `block_on`).

use crate::effects::LocalFuture;
use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};

/// A cancel flag the shell keeps and the controller checks between requests. Cloning shares it.
/// Cancelling also wakes whatever [`run_bounded`] is waiting, so in-flight work is dropped at
/// once instead of when its next answer arrives.
#[derive(Clone, Default)]
pub struct Cancel(Rc<CancelState>);

#[derive(Default)]
struct CancelState {
    cancelled: Cell<bool>,
    wakers: RefCell<Vec<Waker>>,
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Cancel").field(&self.is_cancelled()).finish()
    }
}

/// At most this many wakers are kept: more means a caller registers from many places at once.
const MAX_WAKERS: usize = 16;

impl Cancel {
    /// A fresh, uncancelled flag.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ask the work to stop: nothing more starts, in-flight work is dropped.
    pub fn cancel(&self) {
        self.0.cancelled.set(true);
        let wakers = std::mem::take(&mut *self.0.wakers.borrow_mut());
        for w in wakers {
            w.wake();
        }
    }

    /// Whether `other` is this same token (a clone of it), not merely another one.
    pub fn same(&self, other: &Cancel) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.get()
    }

    fn register(&self, waker: &Waker) {
        let mut wakers = self.0.wakers.borrow_mut();
        if !wakers.iter().any(|w| w.will_wake(waker)) {
            if wakers.len() == MAX_WAKERS {
                wakers.remove(0);
            }
            wakers.push(waker.clone());
        }
    }
}

/// How a [`run_bounded`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finished {
    /// Every item's task ran to its end.
    All,
    /// Cancelled: the tasks still running were dropped and no more were started.
    Cancelled,
}

/// Run `task(item)` for every item, at most `limit` at once (at least one), starting them in
/// order. Stops as soon as `cancel` is set: running tasks are dropped, no more start.
pub async fn run_bounded<'a, T>(
    items: impl IntoIterator<Item = T>,
    limit: usize,
    cancel: &Cancel,
    mut task: impl FnMut(T) -> LocalFuture<'a, ()>,
) -> Finished {
    let limit = limit.max(1);
    let mut items = items.into_iter();
    let mut more = true;
    let mut running: Vec<LocalFuture<'a, ()>> = Vec::with_capacity(limit);
    let finished = poll_fn(|cx| {
        cancel.register(cx.waker());
        loop {
            if cancel.is_cancelled() {
                return Poll::Ready(Finished::Cancelled);
            }
            while more && running.len() < limit {
                match items.next() {
                    Some(item) => running.push(task(item)),
                    None => more = false,
                }
            }
            if running.is_empty() {
                return Poll::Ready(Finished::All);
            }
            let before = running.len();
            let mut i = 0;
            while i < running.len() {
                if running[i].as_mut().poll(cx).is_ready() {
                    drop(running.swap_remove(i));
                } else {
                    i += 1;
                }
                // A task may cancel (a sink that has had enough): stop polling the others.
                if cancel.is_cancelled() {
                    return Poll::Ready(Finished::Cancelled);
                }
            }
            // Nothing finished: every task is waiting and has registered its waker.
            if running.len() == before {
                return Poll::Pending;
            }
        }
    })
    .await;
    // Dropping the pending tasks here (not when the caller drops us) keeps "cancelled means
    // nothing more runs" true even if the caller holds on to something.
    drop(running);
    finished
}

/// Like [`run_bounded`], collecting each item's result in item order; `None` when cancelled.
pub async fn map_bounded<'a, T, R: 'a>(
    items: Vec<T>,
    limit: usize,
    cancel: &Cancel,
    task: impl Fn(T) -> LocalFuture<'a, R> + 'a,
) -> Option<Vec<R>> {
    let n = items.len();
    let results: Rc<RefCell<Vec<Option<R>>>> = Rc::new(RefCell::new((0..n).map(|_| None).collect()));
    let task = Rc::new(task);
    let finished = run_bounded(items.into_iter().enumerate(), limit, cancel, |(i, item)| {
        let (results, task) = (results.clone(), task.clone());
        Box::pin(async move {
            let r = task(item).await;
            results.borrow_mut()[i] = Some(r);
        })
    })
    .await;
    if finished == Finished::Cancelled {
        return None;
    }
    let results = std::mem::take(&mut *results.borrow_mut());
    results.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::task::Context;

    /// Pending `n` times (waking itself), then ready.
    fn after_polls(n: usize) -> impl Future<Output = ()> {
        let mut left = n;
        poll_fn(move |cx| {
            if left == 0 {
                Poll::Ready(())
            } else {
                left -= 1;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
    }

    #[test]
    fn never_more_than_the_limit_and_every_item_runs() {
        let (now, peak, done) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)), Rc::new(RefCell::new(Vec::new())));
        let finished = futures_executor::block_on(run_bounded(0..20, 3, &Cancel::new(), |i| {
            let (now, peak, done) = (now.clone(), peak.clone(), done.clone());
            Box::pin(async move {
                now.set(now.get() + 1);
                peak.set(peak.get().max(now.get()));
                after_polls(i % 4 + 1).await;
                now.set(now.get() - 1);
                done.borrow_mut().push(i);
            })
        }));
        assert_eq!(finished, Finished::All);
        assert_eq!(peak.get(), 3);
        let mut done = done.borrow().clone();
        done.sort();
        assert_eq!(done, (0..20).collect::<Vec<_>>());
    }

    #[test]
    fn cancel_from_outside_drops_waiting_tasks_and_starts_nothing_more() {
        let cancel = Cancel::new();
        let started = Rc::new(Cell::new(0));
        let mut fut = Box::pin(run_bounded(0..10, 2, &cancel, |_| {
            let started = started.clone();
            Box::pin(async move {
                started.set(started.get() + 1);
                std::future::pending::<()>().await;
            })
        }));
        let waker = futures_task::noop_waker();
        let mut cx = Context::from_waker(&waker);
        assert!(fut.as_mut().poll(&mut cx).is_pending());
        assert_eq!(started.get(), 2);
        cancel.cancel();
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(Finished::Cancelled));
        assert_eq!(started.get(), 2);
    }

    #[test]
    fn map_keeps_item_order() {
        let out = futures_executor::block_on(map_bounded(vec![3, 1, 2], 2, &Cancel::new(), |n| {
            Box::pin(async move {
                after_polls(n).await;
                n * 10
            })
        }));
        assert_eq!(out, Some(vec![30, 10, 20]));
    }
}
