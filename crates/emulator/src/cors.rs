//! CORS as OSS applies it: the first rule whose origin matches decides. The emulator's rule is
//! exactly the one the console tells users to add (`console_core::oss::cors_rule`), with its own
//! origins: so a browser test that passes here passes against a bucket with that rule.

use crate::http::{Request, Response};
use crate::sanitize;
use console_core::oss::cors_rule;

fn allowed_methods() -> String {
    cors_rule::METHODS.join(", ")
}

fn expose_headers() -> String {
    cors_rule::EXPOSE_HEADERS.join(", ")
}
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
            .with("Access-Control-Allow-Methods", allowed_methods())
            .with("Access-Control-Expose-Headers", expose_headers())
            .with("Vary", "Origin"),
        None => resp,
    }
}

/// The preflight answer when the origin, method and requested headers are allowed, `None`
/// otherwise (then OSS answers 403 AccessForbidden). Allowed headers are echoed, cleaned first.
pub fn preflight(origins: &[String], req: &Request) -> Option<Response> {
    let method = req.header("access-control-request-method").unwrap_or_default();
    if !cors_rule::METHODS.contains(&method) {
        return None;
    }
    let origin = allowed_origin(origins, req)?;
    let requested = req.header("access-control-request-headers").unwrap_or_default();
    if !cors_rule::allows_request_headers(requested) {
        return None;
    }
    let headers = sanitize::header_list(requested);
    Some(
        Response::empty(200)
            .with("Access-Control-Allow-Origin", origin)
            .with("Access-Control-Allow-Methods", allowed_methods())
            .with("Access-Control-Allow-Headers", headers)
            .with("Access-Control-Expose-Headers", expose_headers())
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
