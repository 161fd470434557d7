//! Loading a trail from its bucket, part two: fetch a plan's objects a few at a time, retry the
//! passing failures, and hand each object's bytes to a sink as it arrives.
//!
//! Per object: `Wait for a slot → GetObject → (2xx → sink) | (5xx, timeout, no response, tries
//! left → backoff → GetObject) | (else → failed)`. Each planned object is fetched until one try
//! succeeds, so none twice on success, and nothing outside the plan. Bytes go to the sink as they
//! came (gzip or already inflated by `Content-Encoding`: the engine sniffs) and are not kept.
//! Cancel stops everything at once: requests in flight are dropped, none start.

use super::bucket::{Plan, PlannedFile, TrailBucket};
use crate::effects::LocalFuture;
use crate::oss::credentials::Credentials;
use crate::oss::error::Operation;
use crate::oss::request::{signed_request, BucketTarget, HttpRequest, HttpResponse};
use crate::oss::retry::{exchange_with_retries, fatal_for_all, RetryError};
use crate::oss::session::{BodyProblem, Failure, LogEntry};
use crate::tasks::{run_bounded, Cancel, Finished};
use std::cell::RefCell;

/// The most bytes read of one object, whatever its listed size: no trail file comes near it.
pub const MAX_OBJECT_READ: u64 = 1 << 30;
/// What any object may reach as it arrives, however small it was listed (a browser inflates a
/// body sent with `Content-Encoding: gzip` before the page sees it).
pub const MIN_READ_CAP: u64 = 64 << 20;
/// How many times its listed size an object may reach as it arrives (a real trail inflates
/// about 10:1; a gzip bomb 1000:1).
pub const MAX_ARRIVED_RATIO: u64 = 50;

/// The most bytes read of an object listed at `listed` bytes: reading stops past it, and the
/// object fails with `BodyProblem::TooLarge`.
pub fn read_cap(listed: u64) -> u64 {
    listed.saturating_mul(MAX_ARRIVED_RATIO).clamp(MIN_READ_CAP, MAX_OBJECT_READ)
}

/// Where loaded objects go (the event engine, in the app).
pub trait ObjectSink {
    /// One object's bytes, as they arrived, with its planned file. The loader keeps no copy.
    /// The load waits for this before its slot takes the next object (backpressure).
    fn object<'a>(&'a self, file: &'a PlannedFile, bytes: Vec<u8>) -> LocalFuture<'a, ()>;
    /// How far the load has got; called after every change (throttle in the view if needed).
    fn progress(&self, _progress: &LoadProgress) {}
    /// The session's request log entries, as they happen: the loader takes them from the
    /// session so its log does not grow with the load.
    fn log(&self, _entries: Vec<LogEntry>) {}
}

/// How far a load has got. Bytes and events count planned sizes and the names' event counts,
/// so they add up to the plan's totals; `bytes_received` is what actually arrived.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LoadProgress {
    pub files_total: usize,
    pub files_loaded: usize,
    pub files_failed: usize,
    /// Requests on the wire now.
    pub in_flight: usize,
    pub bytes_total: u64,
    pub bytes_loaded: u64,
    /// Bytes handed to the sink (differs from `bytes_loaded` when objects arrive inflated).
    pub bytes_received: u64,
    pub events_total: u64,
    /// Expected events of the loaded files (the engine counts the real ones).
    pub events_loaded: u64,
    /// Tries that failed for a passing reason and were retried.
    pub retries: u32,
    pub elapsed_ms: f64,
}

impl LoadProgress {
    /// Files neither loaded nor failed yet.
    pub fn files_left(&self) -> usize {
        self.files_total.saturating_sub(self.files_loaded + self.files_failed)
    }
}

/// One object that could not be loaded.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FileFailure {
    /// Its index in the plan's files.
    pub index: usize,
    pub key: String,
    /// Tries made (1 when the failure was not worth retrying).
    pub tries: u32,
    pub failure: Failure,
}

impl FileFailure {
    /// The OSS code, or what kind of failure (`NoSuchKey`, `AccessDenied`, `Timeout`…).
    pub fn code(&self) -> String {
        self.failure.code()
    }
}

/// How a load ended.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum LoadEnd {
    /// Every planned object was tried.
    Complete,
    /// The user cancelled: in-flight requests were dropped, nothing more started.
    Cancelled,
    /// A failure no other object could escape (credentials, signature, clock, bucket, CORS):
    /// nothing more started. It is also among the failures.
    Stopped(Failure),
    /// The worker fetching the objects stopped (a bug or the browser): what it had handed over
    /// is kept; loading again fetches the rest (events already loaded are not counted twice).
    WorkerStopped,
}

/// What a load did.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadReport {
    pub progress: LoadProgress,
    /// In the order they happened.
    pub failures: Vec<FileFailure>,
    pub end: LoadEnd,
    /// Indices of the planned files not loaded (failed, cancelled or not started), for
    /// [`Plan::subset`] and "load the rest".
    pub not_loaded: Vec<usize>,
}

/// `GET /<key>`, signed, reading at most [`read_cap`] of `listed` bytes.
pub fn get_object_request(
    target: &BucketTarget,
    key: &str,
    listed: u64,
    creds: &Credentials,
    now_ms: i64,
) -> HttpRequest {
    let mut req = signed_request(target, "GET", Some(key), &[], &[], None, creds, now_ms);
    req.read_limit = Some(read_cap(listed));
    req
}

/// The object's answer, unless its `Content-Length` says it is not the size listed (it was
/// written again since; with `Content-Encoding` the length is still the stored size).
fn as_listed(resp: HttpResponse, file: &PlannedFile) -> Result<HttpResponse, Failure> {
    match resp.header("content-length").and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(sent) if sent != file.size => Err(Failure::Body(BodyProblem::SizeChanged { listed: file.size, sent })),
        _ => Ok(resp),
    }
}

struct LoadState {
    progress: LoadProgress,
    failures: Vec<FileFailure>,
    loaded: Vec<bool>,
    stopped: Option<Failure>,
}

impl TrailBucket<'_> {
    /// Fetch every file of `plan` (at most `options.concurrency` at once) into `sink`, until
    /// done or `cancel`. Returns what happened to each file; never fails as a whole.
    pub async fn load(&self, plan: &Plan, sink: &dyn ObjectSink, cancel: &Cancel) -> LoadReport {
        let started_ms = self.clock.now_ms();
        let cell = RefCell::new(LoadState {
            progress: LoadProgress {
                files_total: plan.files.len(),
                bytes_total: plan.totals.bytes,
                events_total: plan.totals.events,
                ..Default::default()
            },
            failures: Vec::new(),
            loaded: vec![false; plan.files.len()],
            stopped: None,
        });
        let state = &cell;
        let hand_log = || {
            let entries = self.session.take_log();
            if !entries.is_empty() {
                sink.log(entries);
            }
        };
        let hand_log = &hand_log;
        let notify = &|| {
            let p = {
                let mut s = state.borrow_mut();
                s.progress.elapsed_ms = (self.clock.now_ms() - started_ms).max(0.0);
                s.progress
            };
            sink.progress(&p);
        };
        notify();
        let (target, creds) = (self.session.target(), self.session.credentials());
        let finished =
            run_bounded(plan.files.iter().enumerate(), self.options.concurrency, cancel, move |(i, file)| {
                Box::pin(async move {
                    if state.borrow().stopped.is_some() {
                        return;
                    }
                    state.borrow_mut().progress.in_flight += 1;
                    let on_retry = |_: &Failure| {
                        state.borrow_mut().progress.retries += 1;
                        notify();
                    };
                    let result = exchange_with_retries(
                        self.session,
                        self.clock,
                        self.options.retry,
                        cancel,
                        Operation::GetObject,
                        &|now| get_object_request(target, &file.key, file.size, creds, now),
                        &on_retry,
                    )
                    .await
                    .and_then(|(resp, tries)| {
                        as_listed(resp, file)
                            .map(|resp| (resp, tries))
                            .map_err(|failure| RetryError::Failed { failure, tries })
                    });
                    hand_log();
                    state.borrow_mut().progress.in_flight -= 1;
                    match result {
                        // An answer that lands after Cancel is dropped: the user asked for no more.
                        Ok(_) if cancel.is_cancelled() => {}
                        Ok((resp, _)) => {
                            let bytes = resp.body;
                            {
                                let mut s = state.borrow_mut();
                                s.loaded[i] = true;
                                let p = &mut s.progress;
                                p.files_loaded += 1;
                                // Listed sizes and named counts are outside numbers.
                                p.bytes_loaded = p.bytes_loaded.saturating_add(file.size);
                                p.bytes_received = p.bytes_received.saturating_add(bytes.len() as u64);
                                p.events_loaded = p.events_loaded.saturating_add(file.expected_events);
                            }
                            notify();
                            sink.object(file, bytes).await;
                        }
                        Err(RetryError::Failed { failure, tries }) => {
                            {
                                let mut s = state.borrow_mut();
                                if fatal_for_all(&failure) && s.stopped.is_none() {
                                    s.stopped = Some(failure.clone());
                                }
                                s.progress.files_failed += 1;
                                s.failures.push(FileFailure { index: i, key: file.key.clone(), tries, failure });
                            }
                            notify();
                        }
                        Err(RetryError::Cancelled) => {}
                    }
                })
            })
            .await;
        // Entries of tries whose task was dropped by a cancel during its backoff.
        hand_log();
        let mut s = cell.into_inner();
        s.progress.in_flight = 0;
        s.progress.elapsed_ms = (self.clock.now_ms() - started_ms).max(0.0);
        let end = match (finished, s.stopped) {
            (Finished::Cancelled, _) => LoadEnd::Cancelled,
            (Finished::All, Some(f)) => LoadEnd::Stopped(f),
            (Finished::All, None) => LoadEnd::Complete,
        };
        let not_loaded = s.loaded.iter().enumerate().filter(|(_, l)| !**l).map(|(i, _)| i).collect();
        sink.progress(&s.progress);
        LoadReport { progress: s.progress, failures: s.failures, end, not_loaded }
    }
}
