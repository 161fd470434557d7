//! The body of the `requests` fuzz target (`crates/emulator/fuzz`), shared with
//! `tests/fuzz_regressions.rs`: a fuzz-chosen sequence of requests against one emulator state,
//! each built from choices (method; path-style or virtual-hosted address of a real or odd bucket
//! and key; the access-monitor, lifecycle and ListObjectsV2 calls with their parameters, tokens
//! from earlier pages included; `Range` headers; CORS preflights; bodies; the control API;
//! unsigned, V4- or V1-signed with the demo key, or signed wrong), passed through the same
//! conversion the server does (`hyper` parts → `Request`, `Response` → `hyper`) when `hyper`
//! accepts them, and straight to `oss::handle` otherwise. Checks that nothing panics and that every
//! answer is one the console can read: a sendable status and headers, errors that parse as OSS
//! errors, listings and configurations that parse, ranges that match their bodies.

use crate::http::{Request, Response};
use crate::oss::{self, Outcome};
use crate::{control, server, Shared, State, TrailConfig};
use base64::Engine;
use bytes::Bytes;
use console_core::fuzzing::{xml, Choices};
use console_core::oss::encode::{path as encode_path, query_component};
use console_core::oss::error::{from_response, ResponseError};
use console_core::oss::request::content_md5;
use console_core::oss::{access_monitor, demo, lifecycle, list_objects, sign, sign_v1};
use std::sync::{Arc, Mutex, OnceLock};

/// The state every case starts from: the demo buckets over a small seeded trail.
fn base() -> &'static State {
    static BASE: OnceLock<State> = OnceLock::new();
    BASE.get_or_init(|| {
        State::with_trail(&TrailConfig {
            first_day_ms: 1_761_955_200_000,
            days: 1,
            seed: 3,
            regions: vec!["cn-hangzhou".into()],
            history_region: demo::REGION.into(),
        })
    })
}

/// What earlier answers gave that later requests may use.
#[derive(Default)]
struct Memory {
    tokens: Vec<String>,
}

fn bucket_name(c: &mut Choices, st: &State) -> String {
    match c.byte() % 6 {
        0 => c.odd_text(20),
        _ => {
            let names: Vec<&String> = st.buckets.keys().collect();
            c.pick(&names).to_string()
        }
    }
}

fn object_key(c: &mut Choices, st: &State, bucket: &str) -> Option<String> {
    match c.byte() % 4 {
        0 => None,
        1 => Some(c.odd_text(24)),
        _ => {
            let store = &st.buckets.get(bucket)?.objects;
            let n = store.len();
            (n > 0).then(|| store.iter().nth(c.below(n)).map(|(k, _)| k.clone())).flatten()
        }
    }
}

fn range_header(c: &mut Choices) -> String {
    let num = |c: &mut Choices| match c.byte() % 4 {
        0 => u64::MAX.to_string(),
        1 => c.pick(&["", "-", "x", "00", "18446744073709551616", " 3"]).to_string(),
        _ => c.below(5000).to_string(),
    };
    match c.byte() % 5 {
        0 => format!("bytes={}-{}", num(c), num(c)),
        1 => format!("bytes=-{}", num(c)),
        2 => format!("bytes={}-", num(c)),
        3 => format!("bytes={}-{},{}-{}", num(c), num(c), num(c), num(c)),
        _ => c.odd_text(24),
    }
}

fn list_query(c: &mut Choices, memory: &Memory) -> Vec<(String, Option<String>)> {
    let mut q = vec![("list-type".to_string(), Some("2".to_string()))];
    for _ in 0..c.below(5) {
        let (k, v) = match c.byte() % 7 {
            0 => ("prefix", c.pick(&["", "actiontrail/", "misc/", "a", "\u{FFFF}"]).to_string()),
            1 => ("delimiter", c.pick(&["/", "", "%", "-", "ail"]).to_string()),
            2 => {
                let t = if !memory.tokens.is_empty() && c.chance(70) {
                    c.pick(&memory.tokens).clone()
                } else {
                    let raw = format!("{}:{}", c.pick(&["k", "p", "x", ""]), c.odd_text(12));
                    base64::engine::general_purpose::STANDARD.encode(raw)
                };
                ("continuation-token", t)
            }
            3 => ("start-after", c.odd_text(16)),
            4 => ("max-keys", c.pick(&["1", "2", "1000", "1001", "0", "-1", "99999999999999999999", ""]).to_string()),
            5 => ("encoding-type", c.pick(&["url", "", "base64"]).to_string()),
            _ => ("fetch-owner", c.pick(&["true", "false"]).to_string()),
        };
        q.push((k.to_string(), Some(v)));
    }
    q
}

fn control_request(c: &mut Choices) -> (String, String, String, Vec<(String, String)>) {
    let (method, call, query) = match c.byte() % 11 {
        0 => ("GET", "state", String::new()),
        1 => ("POST", "reset", String::new()),
        2 => ("POST", "cors", format!("origins={}", query_component(&c.odd_text(24)))),
        3 => ("POST", "clock", format!("offset_ms={}", c.edgy_i64())),
        4 => {
            let q = format!(
                "status={}&count={}&drop={}&delay_ms=0&path_contains={}",
                c.pick(&["500", "503", "99", "600", "x"]),
                c.pick(&["1", "2", "0", "4294967296"]),
                c.pick(&["0", "1", "true"]),
                query_component(&c.odd_text(8)),
            );
            ("POST", "faults", q)
        }
        5 => (
            "POST",
            "bucket",
            format!("name={}&status=Enabled&lifecycle={}", query_component(&c.odd_text(12)), c.flag()),
        ),
        6 => ("GET", "requests", format!("bucket={}", query_component(&c.odd_text(12)))),
        7 => ("POST", "content-encoding", format!("gzip={}", c.flag())),
        8 => ("GET", "trail", String::new()),
        9 => (
            "GET",
            "objects",
            format!("bucket={}&prefix={}", c.pick(&["demo-cold", "nope", ""]), query_component(&c.odd_text(8))),
        ),
        _ => ("POST", "requests/clear", String::new()),
    };
    let mut headers =
        vec![("host".to_string(), c.pick(&["127.0.0.1:9000", "localhost", "[::1]:9000", "evil.example"]).to_string())];
    if c.chance(90) {
        headers.push((control::HEADER.to_string(), "1".to_string()));
    }
    (method.to_string(), format!("/__emulator/{call}"), query, headers)
}

/// Build one request, signed (or not) against the state's clock.
fn request(c: &mut Choices, st: &State, memory: &Memory) -> Request {
    if c.chance(8) {
        let (method, path, query, headers) = control_request(c);
        return Request { method, path, query, headers, body: Bytes::new() };
    }
    let method = match c.byte() % 8 {
        0 => c.odd_text(8),
        1 => "HEAD".to_string(),
        2 => "PUT".to_string(),
        3 => "OPTIONS".to_string(),
        _ => "GET".to_string(),
    };
    let bucket = bucket_name(c, st);
    let key = object_key(c, st, &bucket);
    let query: Vec<(String, Option<String>)> = if key.is_some() {
        Vec::new()
    } else {
        match c.byte() % 5 {
            0 => vec![("accessmonitor".into(), None)],
            1 => vec![("lifecycle".into(), None)],
            2 | 3 => list_query(c, memory),
            _ => vec![(c.odd_text(12), c.flag().then(|| c.odd_text(12)))],
        }
    };
    let wire = query
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{}={}", query_component(k), query_component(v)),
            None => query_component(k),
        })
        .collect::<Vec<_>>()
        .join("&");
    let virtual_hosted = c.flag();
    let (host, path) = match (virtual_hosted, &key) {
        (true, k) => {
            (format!("{bucket}.localhost:9000"), format!("/{}", k.as_deref().map(encode_path).unwrap_or_default()))
        }
        (false, k) => (
            "127.0.0.1:9000".to_string(),
            format!("/{}/{}", encode_path(&bucket), k.as_deref().map(encode_path).unwrap_or_default()),
        ),
    };
    let mut headers = vec![("host".to_string(), host)];
    let mut body = Bytes::new();
    if c.chance(30) {
        headers.push(("range".into(), range_header(c)));
        if c.flag() {
            headers.push(("x-oss-range-behavior".into(), "standard".into()));
        }
    }
    if c.chance(30) {
        headers.push(("origin".into(), c.pick(&["http://127.0.0.1:8080", "null", "http://a\u{7}b"]).to_string()));
    }
    if method == "OPTIONS" {
        headers.push(("access-control-request-method".into(), c.pick(&["GET", "PUT", "DELETE", ""]).to_string()));
        headers.push(("access-control-request-headers".into(), c.odd_text(40)));
    }
    if method == "PUT" {
        body = Bytes::from(if c.flag() { xml::access_monitor_body(c) } else { c.bytes(64).to_vec() });
        if c.chance(70) {
            let md5 = if c.flag() { content_md5(&body) } else { c.odd_text(24) };
            headers.push(("content-md5".into(), md5));
        }
    }
    for _ in 0..c.below(2) {
        headers.push((c.odd_text(12).to_ascii_lowercase(), c.odd_text(24)));
    }
    sign_request(c, st, &method, &bucket, key.as_deref(), &wire, &mut headers);
    Request { method, path, query: wire, headers, body }
}

/// Sign like a client would: V4 or V1 with the demo key (or another, or a skewed clock), or not.
fn sign_request(
    c: &mut Choices,
    st: &State,
    method: &str,
    bucket: &str,
    key: Option<&str>,
    query: &str,
    headers: &mut Vec<(String, String)>,
) {
    let how = c.byte() % 8;
    if how == 0 {
        return;
    }
    if how == 1 {
        headers.push(("authorization".into(), c.odd_text(40)));
        return;
    }
    let mut creds = console_core::oss::credentials::Credentials {
        access_key_id: demo::ACCESS_KEY_ID.into(),
        access_key_secret: demo::ACCESS_KEY_SECRET.into(),
        security_token: Some(demo::SECURITY_TOKEN.into()),
        expiration_ms: None,
    };
    match c.byte() % 8 {
        0 => creds.access_key_id = demo::EXPIRED_ACCESS_KEY_ID.into(),
        1 => creds.access_key_secret = "wrong".into(),
        2 => creds.security_token = None,
        3 => creds.access_key_id = c.odd_text(16),
        _ => {}
    }
    let skew = if c.chance(10) { c.edgy_i64() } else { 0 };
    let now = st.now_ms().saturating_add(skew);
    let own: Vec<(String, String)> = headers.iter().filter(|(n, _)| n != "host").cloned().collect();
    let signed = if how < 6 {
        let input = sign::SigningInput {
            method,
            bucket: Some(bucket),
            key,
            query,
            headers: &own,
            region: if c.chance(90) { &st.region } else { "cn-beijing" },
            product: sign::PRODUCT_OSS,
            additional_headers: &[],
        };
        sign::sign(&input, &creds, now).headers
    } else {
        let input = sign_v1::SigningInput {
            method,
            bucket: Some(bucket),
            key,
            query,
            headers: &own,
            extra_subresources: crate::auth::V1_EXTRA_SUBRESOURCES,
        };
        sign_v1::sign(&input, &creds, now).headers
    };
    headers.retain(|(n, _)| n == "host");
    headers.extend(signed);
}

/// The server's own conversions, when `hyper` accepts what was built (as it would have parsed it).
fn through_hyper(req: &Request) -> Option<Request> {
    let uri = if req.query.is_empty() { req.path.clone() } else { format!("{}?{}", req.path, req.query) };
    let mut b = hyper::Request::builder().method(req.method.as_str()).uri(uri);
    for (n, v) in &req.headers {
        b = b.header(n.as_str(), v.as_str());
    }
    let (parts, _) = b.body(()).ok()?.into_parts();
    Some(server::to_request(&parts, req.body.clone()))
}

/// What the console reads from an answer holds.
fn check(req: &Request, resp: &Response) {
    assert!((100..=599).contains(&resp.status), "status {}", resp.status);
    for (n, v) in &resp.headers {
        assert!(
            hyper::header::HeaderName::from_bytes(n.as_bytes()).is_ok()
                && hyper::header::HeaderValue::from_str(v).is_ok(),
            "header {n}: {v:?} cannot be sent"
        );
    }
    let _ = server::to_hyper(resp.clone(), req.method == "HEAD");
    if req.path.starts_with("/__emulator/") {
        return;
    }
    let text = String::from_utf8_lossy(&resp.body);
    let head = req.method == "HEAD";
    if resp.status >= 300 {
        let xml = if head {
            let b64 = resp.header("x-oss-err").expect("a HEAD error has x-oss-err");
            let raw = base64::engine::general_purpose::STANDARD.decode(b64).expect("x-oss-err is base64");
            String::from_utf8(raw).expect("x-oss-err is UTF-8")
        } else {
            text.to_string()
        };
        match from_response(resp.status, &xml, resp.header("x-oss-request-id"), resp.header("x-oss-ec")) {
            ResponseError::Service(e) => assert!(!e.code.is_empty()),
            other => panic!("the console cannot read this error ({other}): {xml}"),
        }
        return;
    }
    if head || (resp.status != 200 && resp.status != 206) {
        return;
    }
    let pairs = oss::query_pairs(&req.query);
    let has = |k: &str| pairs.iter().any(|(n, _)| n == k);
    if let Some(range) = resp.header("Content-Range") {
        let (span, size) = range.trim_start_matches("bytes ").split_once('/').expect("Content-Range has a size");
        let (a, b) = span.split_once('-').expect("Content-Range has a span");
        let (a, b, size): (u64, u64, u64) = (a.parse().unwrap(), b.parse().unwrap(), size.parse().unwrap());
        assert!(a <= b && b < size, "Content-Range {range}");
        assert_eq!(resp.body.len() as u64, b - a + 1, "Content-Range {range} with a {}-byte body", resp.body.len());
    } else if has("accessmonitor") && req.method == "GET" {
        let r = console_core::oss::request::HttpResponse { status: 200, headers: vec![], body: resp.body.to_vec() };
        access_monitor::parse_get_response(&r).expect("the console reads the access monitor status");
    } else if has("lifecycle") && req.method == "GET" {
        lifecycle::parse(&text).expect("the console reads the lifecycle rules");
    } else if has("list-type") && req.method == "GET" {
        // The console's own reader: every key decoded back under the prefix asked for.
        let page = list_objects::parse(&resp.body)
            .unwrap_or_else(|e| panic!("the console cannot read this listing ({e}): {text}"));
        let prefix = pairs.iter().find(|(k, _)| k == "prefix").map(|(_, v)| v.as_str()).unwrap_or_default();
        for key in page.contents.iter().map(|o| &o.key).chain(&page.common_prefixes) {
            assert!(key.starts_with(prefix), "{key:?} listed under prefix {prefix:?}");
        }
        let listed = (page.contents.len() + page.common_prefixes.len()) as u64;
        assert_eq!(page.key_count, Some(listed), "KeyCount");
    }
}

/// Run one case; panics only on a broken promise.
pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    let shared: Shared = Arc::new(Mutex::new(base().clone()));
    let mut memory = Memory::default();
    for _ in 0..c.range(1, 8) {
        let req = {
            let st = shared.lock().unwrap_or_else(|p| p.into_inner());
            request(&mut c, &st, &memory)
        };
        let req = if c.chance(70) { through_hyper(&req).unwrap_or(req) } else { req };
        match oss::handle(&shared, &req) {
            Outcome::Respond { response, .. } => {
                check(&req, &response);
                let text = String::from_utf8_lossy(&response.body);
                if let Some((_, rest)) = text.split_once("<NextContinuationToken>") {
                    if let Some((token, _)) = rest.split_once('<') {
                        memory.tokens.push(token.replace("&amp;", "&"));
                    }
                }
            }
            Outcome::Drop => {}
        }
    }
}
