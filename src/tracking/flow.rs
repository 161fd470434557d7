//! The calls behind Refresh and the switch: build with `console-core`, send with `services`,
//! retry once after a clock correction, log every call, and turn failures into `ErrorView`s.

use super::state::{Action, Comparison, ErrorView, LogEntry, TrackingState};
use crate::services::{clock, fetch};
use console_core::oss::access_monitor::{self, AccessMonitorStatus};
use console_core::oss::cors_rule;
use console_core::oss::credentials::{redact, Credentials};
use console_core::oss::error::{self, Operation, ResponseError, ServiceError};
use console_core::oss::request::{BucketTarget, HttpRequest, HttpResponse};
use console_core::oss::validate;
use yew::UseReducerDispatcher;

type Dispatch = UseReducerDispatcher<TrackingState>;

fn input_error(message: String) -> Box<ErrorView> {
    Box::new(ErrorView {
        code: "InvalidInput".into(),
        summary: "Check the form".into(),
        advice: message,
        request_id: None,
        ec: None,
        cors_rule: None,
        comparison: None,
    })
}

/// Validate the form into a target and credentials.
pub fn prepare(s: &TrackingState) -> Result<(BucketTarget, Credentials), Box<ErrorView>> {
    let creds = s.credentials();
    validate::credentials(
        &creds.access_key_id,
        &creds.access_key_secret,
        creds.security_token.as_deref().unwrap_or(""),
    )
    .map_err(|e| input_error(e.to_string()))?;
    let target =
        BucketTarget::new(&s.bucket, &s.region, &s.endpoint, s.addressing).map_err(|e| input_error(e.to_string()))?;
    Ok((target, creds))
}

/// This page's origin, for the CORS rule.
pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

struct Secrets(Vec<String>);

impl Secrets {
    fn of(c: &Credentials) -> Self {
        let mut v = vec![c.access_key_secret.clone()];
        v.extend(c.security_token.clone());
        Secrets(v)
    }
    fn redact(&self, text: &str) -> String {
        let refs: Vec<&str> = self.0.iter().map(String::as_str).collect();
        redact(text, &refs)
    }
}

fn log_entry(
    op: Operation,
    req: &HttpRequest,
    resp: Option<&HttpResponse>,
    code: Option<String>,
    ms: f64,
    secrets: &Secrets,
) -> LogEntry {
    LogEntry {
        id: 0,
        operation: match op {
            Operation::GetBucketAccessMonitor => "GetBucketAccessMonitor",
            Operation::PutBucketAccessMonitor => "PutBucketAccessMonitor",
        },
        method: req.method.clone(),
        url: req.url.clone(),
        status: resp.map(|r| r.status),
        request_id: resp.and_then(|r| r.request_id().map(str::to_string)),
        error_code: code,
        duration_ms: ms,
        canonical_request: secrets.redact(&req.signed.canonical_request),
        string_to_sign: secrets.redact(&req.signed.string_to_sign),
        signed_headers: req.signed.signed_headers.clone(),
        authorization: req.signed.authorization.clone(),
        note: None,
    }
}

fn service_error_view(e: &ServiceError, op: Operation, req: &HttpRequest, secrets: &Secrets) -> ErrorView {
    let comparison = (e.code == "SignatureDoesNotMatch").then(|| Comparison {
        ours_canonical: secrets.redact(&req.signed.canonical_request),
        theirs_canonical: e.canonical_request.as_deref().map(|t| secrets.redact(t)),
        ours_string_to_sign: secrets.redact(&req.signed.string_to_sign),
        theirs_string_to_sign: e.string_to_sign.as_deref().map(|t| secrets.redact(t)),
    });
    ErrorView {
        code: e.code.clone(),
        summary: format!("{} {}: {}", e.status, e.code, e.message),
        advice: e.advice(op),
        request_id: Some(e.request_id.clone()).filter(|r| !r.is_empty()),
        ec: Some(e.ec.clone()).filter(|r| !r.is_empty()),
        cors_rule: (e.code == "AccessForbidden").then(|| cors_rule::rule_xml(&page_origin())),
        comparison,
    }
}

fn network_error_view(target: &BucketTarget, detail: &str) -> ErrorView {
    let origin = page_origin();
    ErrorView {
        code: "NetworkError".into(),
        summary: format!("No response from {}", target.origin()),
        advice: format!(
            "The browser got no answer it may show to this page. Either (1) the bucket's CORS rules do not allow \
             this page's origin {origin}: add the rule below to the bucket (OSS console → the bucket → Content \
             Security → CORS, or `ossutil cors --method put`), or (2) the endpoint cannot be reached: check the \
             network, the endpoint and the region. The browser does not say which of the two it was ({detail})."
        ),
        request_id: None,
        ec: None,
        cors_rule: Some(cors_rule::rule_xml(&origin)),
        comparison: None,
    }
}

/// Send the request `build` makes; on RequestTimeTooSkewed correct the clock and retry once.
/// Returns a 2xx response or the error to show.
async fn exchange(
    op: Operation,
    target: &BucketTarget,
    secrets: &Secrets,
    offset_ms: &mut i64,
    dispatch: &Dispatch,
    build: impl Fn(i64) -> HttpRequest,
) -> Result<HttpResponse, Box<ErrorView>> {
    let mut retried = false;
    loop {
        let req = build(clock::now_ms() + *offset_ms);
        let started = clock::now_ms();
        let result = fetch::send(&req).await;
        let ms = (clock::now_ms() - started) as f64;
        let resp = match result {
            Ok(resp) => resp,
            Err(fetch::FetchFailure::Network(detail)) | Err(fetch::FetchFailure::Build(detail)) => {
                let mut entry = log_entry(op, &req, None, Some("NetworkError".into()), ms, secrets);
                entry.note = Some("No response: CORS refused or network unreachable".into());
                dispatch.dispatch(Action::Log(Box::new(entry)));
                return Err(Box::new(network_error_view(target, &detail)));
            }
        };
        if (200..300).contains(&resp.status) {
            dispatch.dispatch(Action::Log(Box::new(log_entry(op, &req, Some(&resp), None, ms, secrets))));
            return Ok(resp);
        }
        let err = error::from_response(resp.status, &resp.body, resp.request_id(), resp.header("x-oss-ec"));
        let mut entry = log_entry(op, &req, Some(&resp), err.code().map(str::to_string), ms, secrets);
        if let ResponseError::Service(e) = &err {
            if let (false, Some(correction)) = (retried, error::clock_correction(e, clock::now_ms())) {
                *offset_ms = correction;
                retried = true;
                entry.note = Some(format!(
                    "Clock differs from OSS by {:+.0} s (ServerTime {}): corrected and retried once",
                    correction as f64 / 1000.0,
                    e.server_time.as_deref().unwrap_or("?")
                ));
                dispatch.dispatch(Action::Log(Box::new(entry)));
                dispatch.dispatch(Action::ClockCorrected(correction));
                continue;
            }
        }
        dispatch.dispatch(Action::Log(Box::new(entry)));
        return Err(Box::new(match err {
            ResponseError::Service(e) => service_error_view(&e, op, &req, secrets),
            other => ErrorView {
                code: format!("HTTP{}", resp.status),
                summary: other.to_string(),
                advice: "The endpoint answered, but not like OSS. Check the endpoint URL and the addressing style."
                    .into(),
                request_id: resp.request_id().map(str::to_string),
                ec: None,
                cors_rule: None,
                comparison: None,
            },
        }));
    }
}

async fn read_status(
    target: &BucketTarget,
    creds: &Credentials,
    offset: &mut i64,
    dispatch: &Dispatch,
) -> Result<AccessMonitorStatus, Box<ErrorView>> {
    let secrets = Secrets::of(creds);
    let resp = exchange(Operation::GetBucketAccessMonitor, target, &secrets, offset, dispatch, |now| {
        access_monitor::get_request(target, creds, now)
    })
    .await?;
    access_monitor::parse_get_response(&resp).map_err(|e| {
        Box::new(ErrorView {
            code: "BadResponse".into(),
            summary: e.to_string(),
            advice: "OSS answered 200 but the body is not an access-monitor configuration. Check the endpoint.".into(),
            request_id: resp.request_id().map(str::to_string),
            ec: None,
            cors_rule: None,
            comparison: None,
        })
    })
}

/// GetBucketAccessMonitor.
pub async fn refresh(snapshot: TrackingState, dispatch: Dispatch) {
    let (target, creds) = match prepare(&snapshot) {
        Ok(v) => v,
        Err(e) => return dispatch.dispatch(Action::Finished { status: None, error: Some(e) }),
    };
    dispatch.dispatch(Action::Start("Reading…".into()));
    let mut offset = snapshot.clock_offset_ms;
    let result = read_status(&target, &creds, &mut offset, &dispatch).await;
    finish(&dispatch, result);
}

/// PutBucketAccessMonitor, then read back to confirm.
pub async fn switch(snapshot: TrackingState, desired: AccessMonitorStatus, dispatch: Dispatch) {
    let (target, creds) = match prepare(&snapshot) {
        Ok(v) => v,
        Err(e) => return dispatch.dispatch(Action::Finished { status: None, error: Some(e) }),
    };
    dispatch.dispatch(Action::Start(match desired {
        AccessMonitorStatus::Enabled => "Enabling…".into(),
        AccessMonitorStatus::Disabled => "Disabling…".into(),
    }));
    let secrets = Secrets::of(&creds);
    // A clock correction during the PUT carries over to the confirming GET.
    let mut offset = snapshot.clock_offset_ms;
    let put = exchange(Operation::PutBucketAccessMonitor, &target, &secrets, &mut offset, &dispatch, |now| {
        access_monitor::put_request(&target, desired, &creds, now)
    })
    .await;
    if let Err(e) = put {
        return dispatch.dispatch(Action::Finished { status: None, error: Some(e) });
    }
    finish(&dispatch, read_status(&target, &creds, &mut offset, &dispatch).await);
}

fn finish(dispatch: &Dispatch, result: Result<AccessMonitorStatus, Box<ErrorView>>) {
    match result {
        Ok(status) => dispatch.dispatch(Action::Finished { status: Some(status), error: None }),
        Err(e) => dispatch.dispatch(Action::Finished { status: None, error: Some(e) }),
    }
}
