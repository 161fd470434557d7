//! The access-tracking session: read and switch a bucket's tracking, and read its lifecycle
//! rules, over an injected transport and clock. It builds and signs each request, interprets the
//! answer, corrects the clock once when OSS says it is skewed (and retries once; a second skew is
//! an error, never a loop), and returns a typed outcome with its log entries. Every string that
//! leaves here (log, failure, server text) has the secret and the token redacted.
//!
//! One call is a small state machine:
//! `Send → (2xx → Done) | (RequestTimeTooSkewed, first time → Correct → Send) | (else → Failed)`.

use super::access_monitor::{self, AccessMonitorStatus};
use super::cors_rule;
use super::credentials::{Credentials, Redactor};
use super::error::{self, Operation, OssCode, ResponseError, ServiceError};
use super::lifecycle::{self, LifecycleRule};
use super::lifecycle_config;
use super::place::BucketPlace;
use super::request::{BucketTarget, HttpRequest, HttpResponse};
use super::transport::{Transport, TransportError};
use super::validate::{self, InputError, Trust};
use crate::effects::Clock;
use std::cell::{Cell, RefCell};

/// What the user typed: credentials and bucket form, unchecked. (`Debug` hides the secrets: see
/// [`Credentials`].)
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Form {
    pub credentials: Credentials,
    pub place: BucketPlace,
}

/// Our signing strings for a request that failed (redacted), to show beside the server's.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sent {
    pub canonical_request: String,
    pub string_to_sign: String,
}

/// An answer that did not come from OSS.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NotOss {
    /// A redirect (never followed: it would carry the token elsewhere).
    Redirect,
    /// An HTML page (a proxy, a captive portal, a web server).
    Html { status: u16 },
    /// Anything else that is not an OSS answer.
    Unexpected { status: u16, detail: String },
}

/// Why a call did not give its result.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Failure {
    /// The form is not valid (nothing was sent).
    Input(InputError),
    /// The endpoint is outside the OSS domains and loopback, and the user has not confirmed it
    /// (nothing was sent).
    Unconfirmed { origin: String },
    /// No response the page may read: CORS refused it or the network is down (the browser cannot
    /// tell which).
    NoResponse { origin: String, detail: String },
    /// No answer in time.
    Timeout { origin: String },
    /// OSS answered with an error.
    Oss { error: Box<ServiceError>, sent: Box<Sent> },
    /// Something answered, but not like OSS.
    NotOss(NotOss),
    /// OSS answered 2xx but the body cannot be read.
    BadBody { detail: String, request_id: Option<String> },
    /// The server said its time is `server_time`, more than [`MAX_CLOCK_CORRECTION_MS`] from this
    /// computer's: the clock was not moved (an endpoint could otherwise push the signing date, and
    /// with it the signature's validity, forward).
    ClockTooFar { offset_ms: i64, server_time: String },
    /// The body was not what the call may read: not the size listed, or past the cap.
    Body(BodyProblem),
}

/// What was wrong with a body.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BodyProblem {
    /// `Content-Length` says `sent` bytes; the listing said `listed` (the object changed since).
    SizeChanged { listed: u64, sent: u64 },
    /// More than `limit` bytes arrived (counted after the browser's decoding of
    /// `Content-Encoding`): reading stopped there.
    TooLarge { limit: u64 },
}

/// The largest clock correction a server's `ServerTime` may cause: a day.
pub const MAX_CLOCK_CORRECTION_MS: i64 = 86_400_000;

impl Failure {
    /// A short code for the log and tests: the OSS code, or what kind of failure.
    pub fn code(&self) -> String {
        match self {
            Failure::Input(_) => "InvalidInput".into(),
            Failure::Unconfirmed { .. } => "EndpointNotConfirmed".into(),
            Failure::NoResponse { .. } => "NoResponse".into(),
            Failure::Timeout { .. } => "Timeout".into(),
            Failure::Oss { error, .. } => error.code.clone(),
            Failure::NotOss(_) => "NotOss".into(),
            Failure::BadBody { .. } => "BadResponse".into(),
            Failure::ClockTooFar { .. } => "ClockTooFar".into(),
            Failure::Body(BodyProblem::SizeChanged { .. }) => "SizeChanged".into(),
            Failure::Body(BodyProblem::TooLarge { .. }) => "TooLarge".into(),
        }
    }

    /// The OSS code, typed, when OSS answered.
    pub fn oss_code(&self) -> Option<OssCode> {
        match self {
            Failure::Oss { error, .. } => Some(error.oss_code()),
            _ => None,
        }
    }

    /// The CORS rule to add, when the failure may be CORS.
    pub fn cors_rule(&self, page_origin: &str) -> Option<String> {
        let cors = matches!(self, Failure::NoResponse { .. }) || self.oss_code() == Some(OssCode::AccessForbidden);
        cors.then(|| cors_rule::rule_xml(page_origin))
    }

    /// OSS's request id, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Failure::Oss { error, .. } => Some(error.request_id.as_str()).filter(|r| !r.is_empty()),
            Failure::BadBody { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

/// Something worth saying about one call in the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogNote {
    /// OSS said the clock is off; the next request carries the corrected time.
    ClockCorrected {
        offset_ms: i64,
        server_time: String,
    },
    NoResponse,
    Redirect,
    Timeout,
    /// The body went past the cap: reading stopped.
    TooLarge,
}

/// One call, as the request log shows it. Strings are redacted.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    pub operation: Operation,
    pub method: String,
    pub url: String,
    /// `None`: no response.
    pub status: Option<u16>,
    pub request_id: Option<String>,
    pub error_code: Option<String>,
    pub duration_ms: f64,
    /// When it was sent, Unix ms by this computer's clock.
    pub at_ms: f64,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signed_headers: Vec<String>,
    pub authorization: String,
    /// The body sent, if any (a lifecycle configuration, a status), redacted.
    pub body: Option<String>,
    /// The same call as a `curl` command (the token left to `$OSS_SESSION_TOKEN`).
    pub curl: String,
    /// The same call as an `ossutil` command, when there is one.
    pub ossutil: Option<String>,
    pub note: Option<LogNote>,
}

/// What a call gave: its result, its log, and the clock correction now known.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome<T> {
    pub result: Result<T, Failure>,
    pub log: Vec<LogEntry>,
    pub offset_ms: i64,
}

impl<T> Outcome<T> {
    /// The call that failed, if one did: the last one logged (every try is logged, the failing
    /// one last), so a switch whose PUT failed after a clock correction is a failed PUT, and one
    /// whose confirming read failed is a failed GET. `None` when nothing failed or nothing was sent.
    pub fn failed_operation(&self) -> Option<Operation> {
        self.result.as_ref().err().and(self.log.last().map(|e| e.operation))
    }
}

/// Check the form, and the endpoint's trust: `confirmed(origin)` says whether the user has
/// confirmed an endpoint outside the OSS domains.
pub fn prepare(form: &Form, confirmed: &dyn Fn(&str) -> bool) -> Result<(BucketTarget, Credentials), Failure> {
    let c = &form.credentials;
    let creds = Credentials {
        access_key_id: c.access_key_id.trim().to_string(),
        access_key_secret: c.access_key_secret.trim().to_string(),
        security_token: c.security_token.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string),
        expiration_ms: c.expiration_ms,
    };
    validate::credentials(
        &creds.access_key_id,
        &creds.access_key_secret,
        creds.security_token.as_deref().unwrap_or(""),
    )
    .map_err(Failure::Input)?;
    let target = form.place.target().map_err(Failure::Input)?;
    if target.endpoint.trust() == Trust::Unknown && !confirmed(&target.endpoint.origin_with_prefix("")) {
        return Err(Failure::Unconfirmed { origin: target.endpoint.origin_with_prefix("") });
    }
    Ok((target, creds))
}

/// Whether a body looks like a web page.
fn is_html(body: &str) -> bool {
    let head = body.trim_start().get(..15).unwrap_or(body.trim_start()).to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// A session with one bucket. Several calls may be in flight at once (listing and object reads
/// share one), so the clock correction and the log live in cells.
pub struct Session<'a> {
    transport: &'a dyn Transport,
    clock: &'a dyn Clock,
    target: BucketTarget,
    creds: Credentials,
    redactor: Redactor,
    offset_ms: Cell<i64>,
    log: RefCell<Vec<LogEntry>>,
}

impl<'a> Session<'a> {
    /// A session; `offset_ms` is a clock correction learned earlier (0 if none).
    pub fn new(
        transport: &'a dyn Transport,
        clock: &'a dyn Clock,
        target: BucketTarget,
        creds: Credentials,
        offset_ms: i64,
    ) -> Self {
        let redactor = Redactor::new(&creds);
        Session {
            transport,
            clock,
            target,
            creds,
            redactor,
            // A correction learned earlier obeys the same bound as a new one.
            offset_ms: Cell::new(if offset_ms.abs() > MAX_CLOCK_CORRECTION_MS { 0 } else { offset_ms }),
            log: RefCell::new(Vec::new()),
        }
    }

    /// The bucket this session talks to.
    pub fn target(&self) -> &BucketTarget {
        &self.target
    }

    /// The credentials (for building requests).
    pub fn credentials(&self) -> &Credentials {
        &self.creds
    }

    /// Redact the secret and token from any text.
    pub fn redact(&self, text: &str) -> String {
        self.redactor.redact(text)
    }

    /// The clock correction now known.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.get()
    }

    /// The log entries so far, taken.
    pub fn take_log(&self) -> Vec<LogEntry> {
        std::mem::take(&mut self.log.borrow_mut())
    }

    fn now(&self) -> i64 {
        self.clock.now_ms() as i64
    }

    fn entry(&self, op: Operation, req: &HttpRequest, resp: Option<&HttpResponse>, at_ms: f64, ms: f64) -> LogEntry {
        LogEntry {
            operation: op,
            method: req.method.clone(),
            url: self.redact(&req.url),
            status: resp.map(|r| r.status),
            request_id: resp.and_then(|r| r.request_id()).map(|r| self.redact(r)),
            error_code: None,
            duration_ms: ms,
            at_ms,
            canonical_request: self.redact(&req.signed.canonical_request),
            string_to_sign: self.redact(&req.signed.string_to_sign),
            signed_headers: req.signed.signed_headers.clone(),
            authorization: self.redact(&req.signed.authorization),
            body: req.body.as_deref().map(|b| self.redact(b)),
            // Redacted as well: the token is already left out, and nothing else may show a secret.
            curl: self.redact(&super::cli::curl(req)),
            ossutil: super::cli::ossutil(op, &self.target, req.body.as_deref()).map(|c| self.redact(&c)),
            note: None,
        }
    }

    /// Send the request `build(now)` makes, with the clock correction applied; on
    /// RequestTimeTooSkewed correct the clock from OSS's `ServerTime` and send once more.
    /// Returns the 2xx response, or the failure.
    pub async fn exchange(&self, op: Operation, build: &dyn Fn(i64) -> HttpRequest) -> Result<HttpResponse, Failure> {
        let origin = self.target.origin();
        let mut corrected = false;
        loop {
            let req = build(self.now() + self.offset_ms.get());
            let started = self.clock.now_ms();
            let result = self.transport.send(&req).await;
            let ms = (self.clock.now_ms() - started).max(0.0);
            let resp = match result {
                Ok(resp) if (300..400).contains(&resp.status) => Err(TransportError::Redirect),
                other => other,
            };
            let resp = match resp {
                Ok(resp) => resp,
                Err(e) => {
                    let mut entry = self.entry(op, &req, None, started, ms);
                    let (note, failure) = match e {
                        TransportError::Network(detail) => (
                            LogNote::NoResponse,
                            Failure::NoResponse { origin: origin.clone(), detail: self.redact(&detail) },
                        ),
                        TransportError::Redirect => (LogNote::Redirect, Failure::NotOss(NotOss::Redirect)),
                        TransportError::Timeout => (LogNote::Timeout, Failure::Timeout { origin: origin.clone() }),
                        TransportError::TooLarge { limit } => {
                            (LogNote::TooLarge, Failure::Body(BodyProblem::TooLarge { limit }))
                        }
                    };
                    entry.error_code = Some(failure.code());
                    entry.note = Some(note);
                    self.log.borrow_mut().push(entry);
                    return Err(failure);
                }
            };
            let mut entry = self.entry(op, &req, Some(&resp), started, ms);
            if (200..300).contains(&resp.status) {
                self.log.borrow_mut().push(entry);
                return Ok(resp);
            }
            let text = resp.text();
            let failure = match error::from_response(resp.status, &text, resp.request_id(), resp.header("x-oss-ec")) {
                ResponseError::Service(e) => {
                    let e = e.redacted(&|s| self.redact(s));
                    let correction = error::clock_correction(&e, self.now());
                    if let Some(offset_ms) = correction.filter(|c| c.abs() > MAX_CLOCK_CORRECTION_MS) {
                        let failure =
                            Failure::ClockTooFar { offset_ms, server_time: e.server_time.clone().unwrap_or_default() };
                        entry.error_code = Some(failure.code());
                        self.log.borrow_mut().push(entry);
                        return Err(failure);
                    }
                    if let (false, Some(correction)) = (corrected, correction) {
                        corrected = true;
                        self.offset_ms.set(correction);
                        entry.error_code = Some(e.code.clone());
                        entry.note = Some(LogNote::ClockCorrected {
                            offset_ms: correction,
                            server_time: e.server_time.clone().unwrap_or_default(),
                        });
                        self.log.borrow_mut().push(entry);
                        continue;
                    }
                    let sent = Sent {
                        canonical_request: self.redact(&req.signed.canonical_request),
                        string_to_sign: self.redact(&req.signed.string_to_sign),
                    };
                    Failure::Oss { error: Box::new(e), sent: Box::new(sent) }
                }
                _ if is_html(&text) => Failure::NotOss(NotOss::Html { status: resp.status }),
                ResponseError::Unexpected { status, detail } => {
                    Failure::NotOss(NotOss::Unexpected { status, detail: self.redact(&detail) })
                }
                ResponseError::BadBody(detail) => Failure::BadBody { detail: self.redact(&detail), request_id: None },
            };
            entry.error_code = Some(failure.code());
            self.log.borrow_mut().push(entry);
            return Err(failure);
        }
    }

    /// A 2xx body that is not what the call returns: a web page, or an unreadable body.
    fn bad_body(&self, resp: &HttpResponse, detail: String) -> Failure {
        if is_html(&resp.text()) {
            Failure::NotOss(NotOss::Html { status: resp.status })
        } else {
            Failure::BadBody { detail: self.redact(&detail), request_id: resp.request_id().map(|r| self.redact(r)) }
        }
    }

    fn outcome<T>(&self, result: Result<T, Failure>) -> Outcome<T> {
        Outcome { result, log: self.take_log(), offset_ms: self.offset_ms() }
    }

    async fn get_status(&self) -> Result<AccessMonitorStatus, Failure> {
        let (t, c) = (&self.target, &self.creds);
        let resp =
            self.exchange(Operation::GetBucketAccessMonitor, &|now| access_monitor::get_request(t, c, now)).await?;
        access_monitor::parse_get_response(&resp).map_err(|e| self.bad_body(&resp, e.to_string()))
    }

    /// GetBucketAccessMonitor.
    pub async fn read_status(&self) -> Outcome<AccessMonitorStatus> {
        let result = self.get_status().await;
        self.outcome(result)
    }

    /// PutBucketAccessMonitor, then read back to confirm (a correction carries over).
    pub async fn switch(&self, desired: AccessMonitorStatus) -> Outcome<AccessMonitorStatus> {
        let (t, c) = (&self.target, &self.creds);
        let put = self
            .exchange(Operation::PutBucketAccessMonitor, &|now| access_monitor::put_request(t, desired, c, now))
            .await;
        let result = match put {
            Ok(_) => self.get_status().await,
            Err(f) => Err(f),
        };
        self.outcome(result)
    }

    /// GetBucketLifecycle (`NoSuchLifecycle` means no rules).
    pub async fn read_lifecycle(&self) -> Outcome<Vec<LifecycleRule>> {
        let (t, c) = (&self.target, &self.creds);
        let result = match self.exchange(Operation::GetBucketLifecycle, &|now| lifecycle::get_request(t, c, now)).await
        {
            Ok(resp) => lifecycle::parse(&resp.text()).map_err(|e| self.bad_body(&resp, e.to_string())),
            Err(f) if f.oss_code() == Some(OssCode::NoSuchLifecycle) => Ok(Vec::new()),
            Err(f) => Err(f),
        };
        self.outcome(result)
    }

    /// GetBucketLifecycle as written (every element kept; `NoSuchLifecycle` is an empty
    /// configuration).
    pub async fn read_lifecycle_config(&self) -> Outcome<lifecycle_config::Node> {
        let result = self.get_lifecycle_config().await;
        self.outcome(result)
    }

    async fn get_lifecycle_config(&self) -> Result<lifecycle_config::Node, Failure> {
        let (t, c) = (&self.target, &self.creds);
        match self.exchange(Operation::GetBucketLifecycle, &|now| lifecycle::get_request(t, c, now)).await {
            Ok(resp) => lifecycle_config::parse(&resp.text()).map_err(|e| self.bad_body(&resp, e.to_string())),
            Err(f) if f.oss_code() == Some(OssCode::NoSuchLifecycle) => {
                Ok(lifecycle_config::Node { name: "LifecycleConfiguration".into(), ..Default::default() })
            }
            Err(f) => Err(f),
        }
    }

    /// Write `new` over a configuration shown as `base`: read it again first and write nothing if
    /// it changed since (another client, another tab); else PutBucketLifecycle (`AtimeBase` left
    /// out, `Content-MD5` signed) and read back to compare with what was written.
    pub async fn write_lifecycle(
        &self,
        base: &lifecycle_config::Node,
        new: &lifecycle_config::Node,
    ) -> Outcome<LifecycleWrite> {
        use lifecycle_config::{diff, for_put, write, RuleChange};
        let unchanged = |a: &lifecycle_config::Node, b: &lifecycle_config::Node| {
            diff(a, b).iter().all(|d| matches!(d, RuleChange::Unchanged(_)))
        };
        let result = async {
            let now_there = self.get_lifecycle_config().await?;
            if !unchanged(base, &now_there) {
                return Ok(LifecycleWrite::Changed(now_there));
            }
            let body = write(&for_put(new));
            let (t, c) = (&self.target, &self.creds);
            // Rules that already overlap were written with OSS's leave to overlap; a write that
            // keeps them asks for it too (the editor refuses any new overlap itself).
            let overlapping = lifecycle_config::validate(base, true)
                .iter()
                .any(|i| matches!(i, lifecycle_config::Invalid::Overlap(..)));
            let headers: &[(&str, &str)] =
                if overlapping { &[("x-oss-allow-same-action-overlap", "true")] } else { &[] };
            self.exchange(Operation::PutBucketLifecycle, &|now| {
                super::request::signed_request(
                    t,
                    "PUT",
                    None,
                    &[("lifecycle", None)],
                    headers,
                    Some(body.clone()),
                    c,
                    now,
                )
            })
            .await?;
            // The PUT went through: a read-back that fails leaves it unverified, not failed.
            match self.get_lifecycle_config().await {
                Ok(back) => {
                    let matches = unchanged(new, &back);
                    Ok(LifecycleWrite::Written { read_back: back, matches })
                }
                Err(failure) => Ok(LifecycleWrite::Unverified(failure)),
            }
        }
        .await;
        self.outcome(result)
    }

    /// What the tracking view asks: read the status, then the lifecycle rules (they are what
    /// blocks disabling); or switch, confirm by reading back, then the rules (also after a
    /// failed switch: a rule is the usual reason). A failure carries the call that failed.
    pub async fn check(&self, intent: Intent) -> Checked {
        let outcome = match intent {
            Intent::Read => self.read_status().await,
            Intent::Switch(d) => self.switch(d).await,
        };
        // The call that failed is the last one logged (a corrected clock adds a try to the log,
        // so its length says nothing about which call it was).
        let op = outcome.failed_operation().unwrap_or(intent.operation());
        let Outcome { result, mut log, mut offset_ms } = outcome;
        let lifecycle = if result.is_ok() || intent != Intent::Read {
            let l = self.read_lifecycle().await;
            log.extend(l.log);
            offset_ms = l.offset_ms;
            Some(l.result)
        } else {
            None
        };
        let (status, failed) = match result {
            Ok(s) => (Some(s), None),
            Err(failure) => (None, Some(Failed { op, failure })),
        };
        Checked { status, failed, lifecycle, log, offset_ms }
    }
}

/// What the user asked of a bucket's tracking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    Read,
    Switch(AccessMonitorStatus),
}

impl Intent {
    /// The call that can fail first.
    pub fn operation(self) -> Operation {
        match self {
            Intent::Read => Operation::GetBucketAccessMonitor,
            Intent::Switch(_) => Operation::PutBucketAccessMonitor,
        }
    }
}

/// A call that failed, and which call it was (its advice names that call's RAM action).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed {
    pub op: Operation,
    pub failure: Failure,
}

/// What a lifecycle write did.
#[derive(Clone, Debug, PartialEq)]
pub enum LifecycleWrite {
    /// The configuration changed since it was shown: nothing was written; here it is now.
    Changed(super::lifecycle_config::Node),
    /// Written and read back; `matches`: the rules read back are the ones written.
    Written { read_back: super::lifecycle_config::Node, matches: bool },
    /// Written (OSS took the PUT), but reading the rules back failed: not verified.
    Unverified(Failure),
}

/// What [`Session::check`] gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The status read (after a switch: read back).
    pub status: Option<AccessMonitorStatus>,
    pub failed: Option<Failed>,
    /// The lifecycle rules, when they were read.
    pub lifecycle: Option<Result<Vec<LifecycleRule>, Failure>>,
    pub log: Vec<LogEntry>,
    /// The clock correction now known.
    pub offset_ms: i64,
}
