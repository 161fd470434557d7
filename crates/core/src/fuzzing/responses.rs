//! Target `responses`: OSS answers read directly: `<Error>` bodies (`error::from_response`, the
//! advice for every call, `clock_correction` from `ServerTime`), the access-monitor
//! configuration, and lifecycle configurations, as generated documents bent (see `xml`) or raw
//! bytes. Checks that nothing panics and the typed results keep their promises.

use super::xml::{access_monitor_body, error_body, lifecycle_body};
use super::Choices;
use crate::i18n::Lang;
use crate::oss::access_monitor::{self, AccessMonitorStatus};
use crate::oss::error::{clock_correction, from_response, Operation, ResponseError};
use crate::oss::lifecycle;
use crate::oss::request::HttpResponse;
use crate::oss::xml::root_name;
use crate::time::parse_iso8601;

/// What a browser's clock can say (JavaScript dates span ±8.64e15 ms).
const JS_DATE_LIMIT_MS: i64 = 8_640_000_000_000_000;

const OPERATIONS: &[Operation] = &[
    Operation::GetBucketAccessMonitor,
    Operation::PutBucketAccessMonitor,
    Operation::GetBucketLifecycle,
    Operation::ListObjectsV2,
    Operation::GetObject,
];

/// A status a server (or a proxy) may answer with.
pub fn status(c: &mut Choices) -> u16 {
    match c.byte() % 4 {
        0 => *c.pick(&[0, 100, 204, 299, 300, 302, 304, 399, 999, u16::MAX]),
        1 => 200,
        _ => *c.pick(&[400, 403, 404, 409, 416, 500, 502, 503]),
    }
}

/// Response headers: the request id and EC OSS sends, odd names and values.
pub fn headers(c: &mut Choices, echo: &[String]) -> Vec<(String, String)> {
    let mut h = Vec::new();
    for _ in 0..c.below(4) {
        let name = *c.pick(&["x-oss-request-id", "X-Oss-Request-Id", "x-oss-ec", "content-type", "date", "x-oss-err"]);
        let value = if !echo.is_empty() && c.chance(30) { c.pick(echo).clone() } else { c.odd_text(40) };
        h.push((name.to_string(), value));
    }
    h
}

/// A body: generated for `kind`, an error, or raw bytes.
pub fn body(c: &mut Choices, kind: u8, now_ms: i64, echo: &[String]) -> Vec<u8> {
    match c.byte() % 8 {
        0 => c.bytes(512).to_vec(),
        1 => error_body(c, now_ms, echo),
        2 => format!("<!DOCTYPE html><html><body>{}</body></html>", c.odd_text(32)).into_bytes(),
        3 => Vec::new(),
        _ => match kind % 2 {
            0 => access_monitor_body(c),
            _ => lifecycle_body(c),
        },
    }
}

/// Run one case; panics only on a broken promise.
pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    let now = 1_744_895_318_000 + c.below(400 * 86_400_000) as i64;
    let status = status(&mut c);
    let headers = headers(&mut c, &[]);
    let kind = c.byte();
    let body = match kind % 3 {
        0 => error_body(&mut c, now, &[]),
        _ => body(&mut c, kind, now, &[]),
    };
    let text = String::from_utf8_lossy(&body);
    let _ = root_name(&text);
    let resp = HttpResponse { status, headers, body: body.clone() };

    let err = from_response(status, &text, resp.request_id(), resp.header("x-oss-ec"));
    let _ = err.to_string();
    if let ResponseError::Service(e) = &err {
        assert!(!e.code.is_empty(), "a service error without a code");
        assert_eq!(e.status, status);
        for (&op, &lang) in OPERATIONS.iter().flat_map(|op| Lang::ALL.iter().map(move |l| (op, l))) {
            assert!(!e.advice(lang, op).is_empty(), "no {lang:?} advice for {} on {op:?}", e.code);
        }
        let _ = e.oss_code().as_str().len();
        let local = if c.flag() { now } else { (c.edgy_i64()).clamp(-JS_DATE_LIMIT_MS, JS_DATE_LIMIT_MS) };
        if let Some(correction) = clock_correction(e, local) {
            let server = e.server_time.as_deref().and_then(parse_iso8601);
            assert_eq!(server, local.checked_add(correction), "the correction does not land on ServerTime");
        }
        let redacted = e.redacted(&|s: &str| s.replace('a', ""));
        assert_eq!(redacted.status, e.status);
    }

    match access_monitor::parse_get_response(&resp) {
        Ok(s) => {
            assert!((200..300).contains(&status), "a {status} answer read as a status");
            assert!(matches!(s, AccessMonitorStatus::Enabled | AccessMonitorStatus::Disabled));
        }
        Err(e) => {
            let _ = e.code();
        }
    }
    let put = access_monitor::parse_put_response(&resp);
    assert_eq!(put.is_ok(), (200..300).contains(&status), "put read {status} as {put:?}");

    if let Ok(rules) = lifecycle::parse(&text) {
        assert!(rules.len() <= text.matches("Rule").count(), "more rules than <Rule> elements");
        for r in &rules {
            let _ = r.access_time();
        }
    }
}
