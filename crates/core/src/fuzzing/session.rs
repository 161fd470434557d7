//! Target `session`: the access-tracking session (`oss::session::Session`) over a scripted
//! transport that answers each request with fuzz-chosen statuses, headers and bodies (errors,
//! skews with odd `ServerTime`s, web pages, redirects, network failures), many of which echo the
//! secret and the token back in every form. Checks that no call panics or loops (a skew is
//! corrected at most once per request), and that nothing the session gives out (results,
//! failures with their summary and advice, log entries) holds the secret or the token.

use super::executor::block_on;
use super::responses::{body, headers, status};
use super::Choices;
use crate::effects::{Clock, LocalFuture};
use crate::i18n::Lang;
use crate::oss::access_monitor::AccessMonitorStatus;
use crate::oss::credentials::Credentials;
use crate::oss::encode::query_component;
use crate::oss::error::Operation;
use crate::oss::request::{Addressing, BucketTarget, HttpRequest, HttpResponse};
use crate::oss::session::{Failure, Outcome, Session};
use crate::oss::transport::{Transport, TransportError};
use crate::trail::gen::Rng;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// Answers in order; past the script, a network failure.
struct Script {
    answers: RefCell<VecDeque<Result<HttpResponse, TransportError>>>,
    sent: Cell<usize>,
}

impl Transport for Script {
    fn send<'a>(&'a self, _req: &'a HttpRequest) -> LocalFuture<'a, Result<HttpResponse, TransportError>> {
        self.sent.set(self.sent.get() + 1);
        let answer = self.answers.borrow_mut().pop_front().unwrap_or(Err(TransportError::Network("offline".into())));
        Box::pin(async move { answer })
    }
}

struct Fixed(f64);

impl Clock for Fixed {
    fn now_ms(&self) -> f64 {
        self.0
    }
    fn sleep(&self, _ms: u64) -> LocalFuture<'_, ()> {
        Box::pin(async {})
    }
}

const SECRET_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

fn secret_like(seed: u64, len: usize) -> String {
    let mut rng = Rng::new(seed);
    (0..len).map(|_| *rng.pick(SECRET_CHARS) as char).collect()
}

/// Every string the caller can show, log or copy from an outcome.
fn shown<T: std::fmt::Debug>(o: &Outcome<T>, op: Operation) -> Vec<String> {
    let mut out = vec![format!("{o:?}")];
    if let Err(f) = &o.result {
        for lang in Lang::ALL {
            out.push(f.summary(lang));
            out.push(f.advice(lang, op, "http://127.0.0.1:8080"));
            if let Failure::Oss { error, .. } = f {
                out.push(error.advice(lang, op));
            }
        }
        out.push(f.code());
        out.extend(f.request_id().map(str::to_string));
        out.extend(f.cors_rule("http://127.0.0.1:8080"));
        if let Failure::Oss { sent, .. } = f {
            out.push(format!("{}\n{}", sent.canonical_request, sent.string_to_sign));
        }
    }
    for e in &o.log {
        out.push(format!("{} {} {} {}", e.url, e.canonical_request, e.string_to_sign, e.authorization));
    }
    out
}

/// Run one case; panics only on a broken promise.
pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    let seed = c.u64();
    let secret = secret_like(seed, 30);
    let token = format!("CAIS{}", secret_like(seed ^ 7, c.range(12, 400)));
    let creds = Credentials {
        access_key_id: "STS.NUgYrLnoC".into(),
        access_key_secret: secret.clone(),
        security_token: Some(token.clone()),
        expiration_ms: None,
    };
    let mut echo = Vec::new();
    for s in [&secret, &token] {
        echo.extend([s.clone(), query_component(s), format!("x-oss-security-token:{s}\n")]);
    }
    let now = 1_744_895_318_000 + c.below(400 * 86_400_000) as i64;
    let mut answers = VecDeque::new();
    for _ in 0..c.range(1, 6) {
        let answer = match c.byte() % 8 {
            0 => Err(TransportError::Network(format!("TypeError: {}", c.pick(&echo)))),
            1 => Err(TransportError::Timeout),
            2 => Err(TransportError::Redirect),
            k => {
                let status = status(&mut c);
                let headers = headers(&mut c, &echo);
                let body = body(&mut c, k, now, &echo);
                Ok(HttpResponse { status, headers, body })
            }
        };
        answers.push_back(answer);
    }
    let script = Script { answers: RefCell::new(answers), sent: Cell::new(0) };
    let clock = Fixed(now as f64);
    let addressing = if c.flag() { Addressing::VirtualHosted } else { Addressing::PathStyle };
    let endpoint = *c.pick(&["", "http://localhost:9000", "https://oss-cn-hangzhou.aliyuncs.com"]);
    let Ok(target) = BucketTarget::new("demo-bucket", "cn-hangzhou", endpoint, addressing) else { return };
    let offset = if c.chance(20) { (c.below(7200) as i64 - 3600) * 1000 } else { 0 };
    let session = Session::new(&script, &clock, target, creds, offset);

    let mut texts = Vec::new();
    let calls = match c.byte() % 3 {
        0 => {
            let o = block_on(session.read_status());
            texts.extend(shown(&o, Operation::GetBucketAccessMonitor));
            2
        }
        1 => {
            let want = if c.flag() { AccessMonitorStatus::Enabled } else { AccessMonitorStatus::Disabled };
            let o = block_on(session.switch(want));
            texts.extend(shown(&o, Operation::PutBucketAccessMonitor));
            4
        }
        _ => {
            let o = block_on(session.read_lifecycle());
            texts.extend(shown(&o, Operation::GetBucketLifecycle));
            2
        }
    };
    // A skew is corrected once per request: never a loop.
    assert!(script.sent.get() <= calls, "{} requests for one call", script.sent.get());
    texts.push(session.redact(&format!("{secret} {token}")));
    for t in &texts {
        for s in [&secret, &token] {
            assert!(!t.contains(s.as_str()), "the session gave out a secret: {t}");
            let encoded = query_component(s);
            assert!(encoded == *s || !t.contains(&encoded), "the session gave out an encoded secret: {t}");
        }
    }
}
