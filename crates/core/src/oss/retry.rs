//! Retrying a call that failed for a passing reason (a 5xx, a timeout, no response), with a
//! backoff through the injected clock, at most a few times. Everything else fails at once: a
//! wrong key or a missing object does not get better by asking again.

use super::error::{Operation, OssCode};
use super::request::{HttpRequest, HttpResponse};
use super::session::{Failure, NotOss, Session};
use crate::effects::Clock;
use crate::tasks::Cancel;

/// How often and how patiently to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries per request, the first included (1 to [`MAX_TRIES`]).
    pub max_tries: u32,
    /// The wait before the second try; each later wait doubles.
    pub backoff_ms: u64,
}

/// The most tries per request.
pub const MAX_TRIES: u32 = 3;

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_tries: MAX_TRIES, backoff_ms: 500 }
    }
}

impl RetryPolicy {
    /// The tries actually allowed (`max_tries` kept within 1 to [`MAX_TRIES`]).
    pub fn tries(&self) -> u32 {
        self.max_tries.clamp(1, MAX_TRIES)
    }

    /// The wait after `failed` tries have failed (1 → `backoff_ms`, 2 → twice that, …).
    pub fn delay_ms(&self, failed: u32) -> u64 {
        self.backoff_ms.saturating_mul(1 << failed.saturating_sub(1).min(16))
    }
}

/// Whether asking again may succeed: OSS or a proxy had a temporary problem (5xx, 429), the
/// answer did not come in time, or no answer came at all.
pub fn retryable(f: &Failure) -> bool {
    let passing = |status: u16| status >= 500 || status == 429;
    match f {
        Failure::Timeout { .. } | Failure::NoResponse { .. } => true,
        Failure::Oss { error, .. } => passing(error.status),
        Failure::NotOss(NotOss::Html { status }) | Failure::NotOss(NotOss::Unexpected { status, .. }) => {
            passing(*status)
        }
        _ => false,
    }
}

/// Whether no other request with these credentials to this bucket can succeed either: the
/// credentials, the signature, the clock or the bucket itself is wrong, or CORS refuses the page.
pub fn fatal_for_all(f: &Failure) -> bool {
    matches!(
        f.oss_code(),
        Some(
            OssCode::InvalidAccessKeyId
                | OssCode::SecurityTokenExpired
                | OssCode::InvalidSecurityToken
                | OssCode::SignatureDoesNotMatch
                | OssCode::RequestTimeTooSkewed
                | OssCode::NoSuchBucket
                | OssCode::AccessForbidden
        )
    ) || matches!(
        f,
        Failure::Input(_)
            | Failure::Unconfirmed { .. }
            | Failure::NotOss(NotOss::Redirect)
            | Failure::ClockTooFar { .. }
    )
}

/// Why a retried call gave no response.
#[derive(Clone, Debug, PartialEq)]
pub enum RetryError {
    /// The last try's failure, and how many tries were made.
    Failed { failure: Failure, tries: u32 },
    /// Cancelled before or between tries.
    Cancelled,
}

/// [`Session::exchange`] with retries: returns the 2xx answer and the tries it took. `on_retry`
/// hears of each failure that will be retried, before the wait.
pub async fn exchange_with_retries(
    session: &Session<'_>,
    clock: &dyn Clock,
    policy: RetryPolicy,
    cancel: &Cancel,
    op: Operation,
    build: &dyn Fn(i64) -> HttpRequest,
    on_retry: &dyn Fn(&Failure),
) -> Result<(HttpResponse, u32), RetryError> {
    let tries = policy.tries();
    let mut tried = 0;
    loop {
        if cancel.is_cancelled() {
            return Err(RetryError::Cancelled);
        }
        tried += 1;
        match session.exchange(op, build).await {
            Ok(resp) => return Ok((resp, tried)),
            Err(failure) if tried < tries && retryable(&failure) => {
                on_retry(&failure);
                clock.sleep(policy.delay_ms(tried)).await;
            }
            Err(failure) => return Err(RetryError::Failed { failure, tries: tried }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oss::error::ServiceError;
    use crate::oss::session::Sent;

    fn oss(status: u16, code: &str) -> Failure {
        Failure::Oss {
            error: Box::new(ServiceError { status, code: code.into(), ..Default::default() }),
            sent: Box::new(Sent { canonical_request: String::new(), string_to_sign: String::new() }),
        }
    }

    #[test]
    fn only_passing_failures_are_retried() {
        assert!(retryable(&oss(503, "ServiceUnavailable")));
        assert!(retryable(&oss(500, "InternalError")));
        assert!(retryable(&Failure::Timeout { origin: "o".into() }));
        assert!(retryable(&Failure::NoResponse { origin: "o".into(), detail: "d".into() }));
        assert!(retryable(&Failure::NotOss(NotOss::Html { status: 502 })));
        assert!(!retryable(&oss(404, "NoSuchKey")));
        assert!(!retryable(&oss(403, "AccessDenied")));
        assert!(!retryable(&Failure::NotOss(NotOss::Redirect)));
        assert!(fatal_for_all(&oss(403, "InvalidAccessKeyId")));
        assert!(!fatal_for_all(&oss(404, "NoSuchKey")));
        assert!(!fatal_for_all(&oss(403, "AccessDenied")), "a bucket policy may deny only some keys");
    }

    #[test]
    fn backoff_doubles_and_tries_are_bounded() {
        let p = RetryPolicy { max_tries: 9, backoff_ms: 200 };
        assert_eq!(p.tries(), 3);
        assert_eq!((p.delay_ms(1), p.delay_ms(2), p.delay_ms(3)), (200, 400, 800));
        assert_eq!(RetryPolicy { max_tries: 0, backoff_ms: 1 }.tries(), 1);
        assert_eq!(RetryPolicy { max_tries: 3, backoff_ms: u64::MAX }.delay_ms(40), u64::MAX);
    }
}
