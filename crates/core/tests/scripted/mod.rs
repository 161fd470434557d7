//! What the session and screen tests share: a transport that answers from a script, a clock
//! that stands still, the demo credentials and target, and OSS-shaped bodies.
#![allow(dead_code)]

use console_core::effects::{Clock, LocalFuture};
use console_core::oss::credentials::Credentials;
use console_core::oss::request::{Addressing, BucketTarget, HttpRequest, HttpResponse};
use console_core::oss::transport::{Transport, TransportError};
use console_core::time::UtcDateTime;
use std::cell::RefCell;
use std::collections::VecDeque;

pub const SECRET: &str = "Secret/With+Chars=0";
pub const TOKEN: &str = "CAIS+Token/Value==";
pub const NOW: i64 = 1_763_640_000_000; // 2025-11-20T12:00:00Z

pub struct Script {
    pub answers: RefCell<VecDeque<Result<HttpResponse, TransportError>>>,
    pub sent: RefCell<Vec<HttpRequest>>,
}

impl Script {
    pub fn new(answers: Vec<Result<HttpResponse, TransportError>>) -> Self {
        Script { answers: RefCell::new(answers.into()), sent: RefCell::new(Vec::new()) }
    }
}

impl Transport for Script {
    fn send<'a>(&'a self, req: &'a HttpRequest) -> LocalFuture<'a, Result<HttpResponse, TransportError>> {
        self.sent.borrow_mut().push(req.clone());
        let answer = self.answers.borrow_mut().pop_front().expect("a scripted answer for every request");
        Box::pin(async move { answer })
    }
}

pub struct Fixed;

impl Clock for Fixed {
    fn now_ms(&self) -> f64 {
        NOW as f64
    }
    fn sleep(&self, _ms: u64) -> LocalFuture<'_, ()> {
        Box::pin(async {})
    }
}

pub fn creds() -> Credentials {
    Credentials {
        access_key_id: "STS.KeyId".into(),
        access_key_secret: SECRET.into(),
        security_token: Some(TOKEN.into()),
        expiration_ms: None,
    }
}

/// A bucket of the local emulator, as the tracking view's form holds it.
pub fn emulator_place(bucket: &str) -> console_core::oss::place::BucketPlace {
    console_core::oss::place::BucketPlace {
        bucket: bucket.into(),
        endpoint: "http://127.0.0.1:9000".into(),
        addressing: Addressing::PathStyle,
        ..Default::default()
    }
}

/// A screen's update with these credentials and no confirmed endpoint.
pub fn update<S: console_core::screens::Screen>(screen: &mut S, event: S::Event) -> Vec<S::Command> {
    let (c, endpoints) = (creds(), console_core::oss::place::Endpoints::default());
    screen.update(event, console_core::screens::Env { credentials: &c, endpoints: &endpoints })
}

pub fn target() -> BucketTarget {
    BucketTarget::new("demo-bucket", "cn-hangzhou", "", Addressing::VirtualHosted).unwrap()
}

pub fn xml(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse {
        status,
        headers: vec![
            ("x-oss-request-id".into(), "6731E8F1A4B2C3D4E5F60718".into()),
            ("content-type".into(), "application/xml".into()),
        ],
        body: body.as_bytes().to_vec(),
    })
}

pub fn status_body(s: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessMonitorConfiguration><Status>{s}</Status></AccessMonitorConfiguration>")
}

pub fn error_body(code: &str, extra: &str) -> String {
    format!("<Error><Code>{code}</Code><Message>m</Message><RequestId>RID</RequestId><HostId>h</HostId>{extra}<EC>0000-1</EC></Error>")
}

pub fn skew_body(server_ms: i64) -> String {
    let t = UtcDateTime::from_unix_millis(server_ms).iso8601_millis();
    error_body("RequestTimeTooSkewed", &format!("<RequestTime>x</RequestTime><ServerTime>{t}</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>"))
}

pub fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    futures_executor::block_on(f)
}
