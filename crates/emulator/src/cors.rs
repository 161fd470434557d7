//! CORS as OSS applies it: the first rule whose origin matches decides. The emulator has one
//! rule: its origins, the methods below, any requested header, and the exposed headers below.

use crate::http::{Request, Response};
use crate::sanitize;

/// Methods of the emulator's rule.
pub const ALLOWED_METHODS: &str = "GET, PUT, HEAD, POST, DELETE";
/// Headers a browser client needs to read: request id and EC for errors, `x-oss-err` for HEAD
/// errors, ETag and Content-Range for objects and ranges, Content-Encoding to know whether the
/// browser already inflated a body, the CRC for integrity checks.
pub const EXPOSE_HEADERS: &str = "x-oss-request-id, x-oss-ec, x-oss-err, x-oss-server-time, ETag, Content-Range, \
                                  Content-Encoding, Content-Length, Accept-Ranges, Last-Modified, \
                                  x-oss-object-type, x-oss-storage-class";
/// How long browsers may cache a preflight answer (seconds): not at all, so a test that changes
/// the allowed origins sees the change on the next request.
pub const MAX_AGE: &str = "0";

/// Whether `origin` matches a rule pattern with at most one `*`.
pub fn origin_matches(pattern: &str, origin: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == origin,
        Some((pre, post)) => {
            origin.len() >= pre.len() + post.len() && origin.starts_with(pre) && origin.ends_with(post)
        }
    }
}

/// The allowed origin, if `req` has a well-formed Origin that matches a rule.
pub fn allowed_origin<'a>(origins: &[String], req: &'a Request) -> Option<&'a str> {
    let origin = sanitize::origin(req.header("origin")?)?;
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

/// The preflight answer when the origin and method are allowed, `None` otherwise. Requested
/// headers are echoed (every header is allowed), cleaned first.
pub fn preflight(origins: &[String], req: &Request) -> Option<Response> {
    let method = req.header("access-control-request-method").unwrap_or_default();
    if !ALLOWED_METHODS.split(", ").any(|m| m == method) {
        return None;
    }
    let origin = allowed_origin(origins, req)?;
    let headers = sanitize::header_list(req.header("access-control-request-headers").unwrap_or_default());
    Some(
        Response::empty(200)
            .with("Access-Control-Allow-Origin", origin)
            .with("Access-Control-Allow-Methods", ALLOWED_METHODS)
            .with("Access-Control-Allow-Headers", headers)
            .with("Access-Control-Expose-Headers", EXPOSE_HEADERS)
            .with("Access-Control-Max-Age", MAX_AGE)
            .with("Vary", "Origin"),
    )
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

    #[test]
    fn a_malformed_origin_is_never_echoed() {
        let req = Request {
            headers: vec![
                ("origin".into(), "http://a\u{7}b".into()),
                ("access-control-request-method".into(), "GET".into()),
            ],
            ..Default::default()
        };
        assert!(preflight(&["*".into()], &req).is_none());
    }
}
