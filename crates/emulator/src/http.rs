//! The request and response the OSS logic works on: plain values, independent of the HTTP crate
//! (`server.rs` converts), so handlers are simple functions that are easy to test.

use bytes::Bytes;

/// A request as received: raw target, lowercase header names, body.
#[derive(Debug, Default, Clone)]
pub struct Request {
    pub method: String,
    /// The path without the query, still percent-encoded.
    pub path: String,
    /// The query string exactly as received, without `?`.
    pub query: String,
    /// Lowercase names; values as received (bytes that are not UTF-8 become U+FFFD).
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Request {
    /// A header's value by lowercase name (the first, if repeated).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The `Host` header, or `localhost` when a client sent none.
    pub fn host(&self) -> &str {
        self.header("host").unwrap_or("localhost")
    }
}

/// A response to write.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Response {
    /// A response with a body and content type (no `Content-Type` when the body is empty).
    pub fn new(status: u16, content_type: &str, body: impl Into<Bytes>) -> Self {
        let mut r = Response { status, headers: vec![], body: body.into() };
        if !r.body.is_empty() {
            r.headers.push(("Content-Type".into(), content_type.into()));
        }
        r
    }

    /// An empty response.
    pub fn empty(status: u16) -> Self {
        Response { status, headers: vec![], body: Bytes::new() }
    }

    /// Add a header.
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A header's value by (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}
