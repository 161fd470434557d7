//! The cold-data scan's controller: list a prefix (every page, up to a cap), choose a sample
//! ([`cold::sample`](super::cold::sample)), and read each chosen object's last access time
//! with `GetObjectMeta` (`HEAD /<key>?objectMeta`), a few at a time, with retries and Cancel.
//! Reads only: nothing here writes to the bucket. Per-object failures are counted, not fatal.

use super::cold::{self, Listed, Sample};
use super::error::Operation;
use super::list_objects::{self, ListParams};
use super::request::signed_request;
use super::retry::{exchange_with_retries, RetryError, RetryPolicy};
use super::session::{Failure, Session};
use crate::effects::Clock;
use crate::tasks::{run_bounded, Cancel};
use crate::time::parse_http_date;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;

/// How a scan runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScanOptions {
    /// Keys listed at most (the scan says so when it stops there).
    pub cap: usize,
    /// Objects read at most.
    pub sample: usize,
    pub page_size: u32,
    /// Reads in flight at once.
    pub concurrency: usize,
    pub retry: RetryPolicy,
    pub seed: u64,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            cap: 200_000,
            sample: 2000,
            page_size: 1000,
            concurrency: 6,
            retry: RetryPolicy::default(),
            seed: 1,
        }
    }
}

/// Where a scan is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanProgress {
    pub listed: usize,
    pub listed_bytes: u64,
    pub to_read: usize,
    pub read: usize,
    pub failed: usize,
}

/// What a scan found (what was read before a Cancel included).
#[derive(Clone, Debug, PartialEq)]
pub struct Scanned {
    pub listed: Vec<Listed>,
    /// The listing stopped at the cap.
    pub capped: bool,
    pub sample: Sample,
    /// Per listed object: `Some(last access)` when read (`Some(None)`: no access time).
    pub read: Vec<Option<Option<i64>>>,
    /// Reads that failed (after retries).
    pub failed: usize,
    pub cancelled: bool,
    /// Every read got no answer the page may read while the listing did: the bucket's CORS rule
    /// lacks HEAD.
    pub head_blocked: bool,
    /// Objects were read but none had an access time: tracking may be new, or the CORS rule does
    /// not expose `x-oss-last-access-time`.
    pub no_access_times: bool,
}

/// Why a scan could not start reading.
#[derive(Clone, Debug, PartialEq)]
pub enum ScanError {
    /// The listing failed.
    List(Failure),
    /// The listing came back to a continuation token it had given before.
    Loop,
    Cancelled,
}

/// Scan `prefix` of the session's bucket.
pub async fn scan(
    session: &Session<'_>,
    clock: &dyn Clock,
    prefix: &str,
    opts: ScanOptions,
    cancel: &Cancel,
    progress: &dyn Fn(ScanProgress),
) -> Result<Scanned, ScanError> {
    let (target, creds) = (session.target(), session.credentials());
    let mut listed: Vec<Listed> = Vec::new();
    let mut p = ScanProgress::default();
    let mut token: Option<String> = None;
    let mut tokens: HashSet<String> = HashSet::new();
    let mut capped = false;
    loop {
        let params = ListParams {
            prefix: prefix.to_string(),
            delimiter: None,
            continuation_token: token.clone(),
            start_after: None,
            max_keys: Some(opts.page_size),
        };
        let got = exchange_with_retries(
            session,
            clock,
            opts.retry,
            cancel,
            Operation::ListObjectsV2,
            &|now| list_objects::request(target, &params, creds, now),
            &|_| {},
        )
        .await;
        let resp = match got {
            Ok((resp, _)) => resp,
            Err(RetryError::Failed { failure, .. }) => return Err(ScanError::List(failure)),
            // Cancelled while listing: what was listed is kept, nothing is read.
            Err(RetryError::Cancelled) if listed.is_empty() => return Err(ScanError::Cancelled),
            Err(RetryError::Cancelled) => break,
        };
        let page = list_objects::parse(&resp.body).map_err(|e| {
            ScanError::List(Failure::BadBody { detail: session.redact(&e.to_string()), request_id: None })
        })?;
        for o in page.contents.into_iter().filter(|o| o.key.starts_with(prefix)) {
            if listed.len() >= opts.cap {
                capped = true;
                break;
            }
            p.listed_bytes = p.listed_bytes.saturating_add(o.size);
            let class = if o.storage_class.is_empty() { "Standard".into() } else { o.storage_class };
            listed.push(Listed { key: o.key, size: o.size, class });
        }
        p.listed = listed.len();
        progress(p);
        match page.next_continuation_token.filter(|_| page.is_truncated && !capped) {
            Some(next) if !tokens.insert(next.clone()) => return Err(ScanError::Loop),
            Some(next) => token = Some(next),
            None => break,
        }
    }
    if cancel.is_cancelled() {
        let sample = cold::sample(&listed, opts.sample, opts.seed);
        let read = vec![None; listed.len()];
        return Ok(Scanned {
            listed,
            capped,
            sample,
            read,
            failed: 0,
            cancelled: true,
            head_blocked: false,
            no_access_times: false,
        });
    }
    let sample = cold::sample(&listed, opts.sample, opts.seed);
    let chosen: Vec<usize> = sample.chosen();
    p.to_read = chosen.len();
    progress(p);
    let read: RefCell<Vec<Option<Option<i64>>>> = RefCell::new(vec![None; listed.len()]);
    let (done, failed, no_answer) = (Cell::new(0usize), Cell::new(0usize), Cell::new(0usize));
    let finished = run_bounded(chosen.iter().copied(), opts.concurrency, cancel, |i| {
        let (key, read, done, failed, no_answer) = (listed[i].key.clone(), &read, &done, &failed, &no_answer);
        Box::pin(async move {
            let got = exchange_with_retries(
                session,
                clock,
                opts.retry,
                cancel,
                Operation::GetObjectMeta,
                &|now| signed_request(target, "HEAD", Some(&key), &[("objectMeta", None)], &[], None, creds, now),
                &|_| {},
            )
            .await;
            match got {
                Ok((resp, _)) => {
                    read.borrow_mut()[i] = Some(resp.header("x-oss-last-access-time").and_then(parse_http_date));
                    done.set(done.get() + 1);
                }
                Err(RetryError::Failed { failure, .. }) => {
                    failed.set(failed.get() + 1);
                    if matches!(failure, Failure::NoResponse { .. }) {
                        no_answer.set(no_answer.get() + 1);
                    }
                }
                Err(RetryError::Cancelled) => {}
            }
            progress(ScanProgress { read: done.get(), failed: failed.get(), ..p });
        })
    })
    .await;
    let read = read.into_inner();
    let n_read = done.get();
    Ok(Scanned {
        no_access_times: n_read > 0 && read.iter().flatten().all(Option::is_none),
        head_blocked: n_read == 0 && no_answer.get() > 0 && no_answer.get() == failed.get(),
        listed,
        capped,
        sample,
        read,
        failed: failed.get(),
        cancelled: finished == crate::tasks::Finished::Cancelled,
    })
}
