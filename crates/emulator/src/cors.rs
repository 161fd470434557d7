//! CORS as OSS applies it: the first rule whose origin matches decides.

use crate::http::{Request, Response};

/// Methods and exposed headers of the emulator's single rule.
pub const ALLOWED_METHODS: &str = "GET, PUT, HEAD, POST, DELETE";
pub const EXPOSE_HEADERS: &str = "x-oss-request-id, x-oss-ec, ETag";

/// Whether `origin` matches a rule pattern with at most one `*`.
pub fn origin_matches(pattern: &str, origin: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == origin,
        Some((pre, post)) => {
            origin.len() >= pre.len() + post.len() && origin.starts_with(pre) && origin.ends_with(post)
        }
    }
}

/// The allowed origin, if `req`'s Origin matches a rule.
pub fn allowed_origin<'a>(origins: &[String], req: &'a Request) -> Option<&'a str> {
    let origin = req.header("origin")?;
    origins.iter().any(|p| origin_matches(p, origin)).then_some(origin)
}

/// Add the CORS response headers for an actual (non-preflight) request.
pub fn decorate(resp: Response, origins: &[String], req: &Request) -> Response {
    match allowed_origin(origins, req) {
        Some(origin) => resp
            .with("Access-Control-Allow-Origin", origin)
            .with("Access-Control-Allow-Methods", ALLOWED_METHODS)
            .with("Access-Control-Expose-Headers", EXPOSE_HEADERS)
            .with("Vary", "Origin"),
        None => resp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_patterns() {
        assert!(origin_matches("*", "http://127.0.0.1:8080"));
        assert!(origin_matches("http://127.0.0.1:*", "http://127.0.0.1:8080"));
        assert!(origin_matches("https://*.example.com", "https://a.example.com"));
        assert!(!origin_matches("https://*.example.com", "https://example.org"));
        assert!(!origin_matches("http://localhost:8080", "http://localhost:8081"));
    }
}
