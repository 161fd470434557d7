//! Helpers for the emulator's integration tests: raw HTTP over real TCP, and requests signed by
//! `console-core` the way the browser signs them.
#![allow(dead_code)]

use console_core::oss::credentials::Credentials;
use console_core::oss::sign::{self, SigningInput, PRODUCT_OSS};
use console_core::oss::{demo, encode};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A response as read off the socket.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    /// Lowercase names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The text of the first `<tag>` element.
    pub fn xml(&self, tag: &str) -> Option<String> {
        let text = self.text();
        let start = text.find(&format!("<{tag}>"))? + tag.len() + 2;
        let end = text[start..].find(&format!("</{tag}>"))? + start;
        Some(text[start..end].to_string())
    }

    /// The texts of every `<tag>` element.
    pub fn xml_all(&self, tag: &str) -> Vec<String> {
        let text = self.text();
        let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
        text.split(&open).skip(1).filter_map(|s| s.split_once(&close)).map(|(v, _)| v.to_string()).collect()
    }
}

pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

pub fn demo_creds() -> Credentials {
    Credentials {
        access_key_id: demo::ACCESS_KEY_ID.into(),
        access_key_secret: demo::ACCESS_KEY_SECRET.into(),
        security_token: Some(demo::SECURITY_TOKEN.into()),
        expiration_ms: None,
    }
}

/// Parse one HTTP/1.1 response (the whole connection's bytes).
pub fn parse(buf: &[u8]) -> Option<Resp> {
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Resp { status, headers, body: buf[split + 4..].to_vec() })
}

/// Send raw bytes on a new connection and read until the server closes it.
pub fn exchange(addr: SocketAddr, bytes: &[u8]) -> Option<Resp> {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    // The server may answer and close before reading everything (a head too large).
    let _ = s.write_all(bytes);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    parse(&buf)
}

/// One request (`Connection: close`) with these headers; `host` is the Host header.
pub fn request(addr: SocketAddr, method: &str, host: &str, target: &str, headers: &[(String, String)]) -> Resp {
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    exchange(addr, head.as_bytes()).expect("an answer")
}

/// The bytes of a V4-signed request to `bucket` (path-style), `key` if any, with the wire
/// `query` (`Connection: close`, no body).
pub fn signed_request_bytes(
    addr: SocketAddr,
    method: &str,
    bucket: &str,
    key: Option<&str>,
    query: &str,
    extra: &[(&str, &str)],
) -> Vec<u8> {
    let headers: Vec<(String, String)> = extra.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
    let input = SigningInput {
        method,
        bucket: Some(bucket),
        key,
        query,
        headers: &headers,
        region: demo::REGION,
        product: PRODUCT_OSS,
        additional_headers: &[],
    };
    let s = sign::sign(&input, &demo_creds(), now());
    let mut target = format!("/{bucket}/{}", key.map(encode::path).unwrap_or_default());
    if !query.is_empty() {
        target.push('?');
        target.push_str(query);
    }
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n", addr.port());
    for (n, v) in &s.headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// A V4-signed request to `bucket` (path-style), `key` if any, with the wire `query`.
pub fn signed(
    addr: SocketAddr,
    method: &str,
    bucket: &str,
    key: Option<&str>,
    query: &str,
    extra: &[(&str, &str)],
) -> Resp {
    exchange(addr, &signed_request_bytes(addr, method, bucket, key, query, extra)).expect("an answer")
}

/// A control call (with the header it needs).
pub fn control(addr: SocketAddr, method: &str, call: &str) -> serde_json::Value {
    let r = request(
        addr,
        method,
        &format!("127.0.0.1:{}", addr.port()),
        &format!("/__emulator/{call}"),
        &[("x-emulator-control".into(), "1".into())],
    );
    assert_eq!(r.status, 200, "control {call}: {}", r.text());
    serde_json::from_slice(&r.body).unwrap()
}
