//! The CORS rule a bucket needs before this page can call it.

/// Methods the console uses: GET (access tracking, lifecycle, listing, objects), PUT, and HEAD
/// (an object's last access time, `GetObjectMeta`).
pub const METHODS: &[&str] = &["GET", "PUT", "HEAD"];

/// Request headers the console sends (all must be allowed by the bucket's rule).
/// `x-oss-allow-same-action-overlap` goes with a lifecycle write over rules that already overlap.
pub const REQUEST_HEADERS: &[&str] = &[
    "authorization",
    "content-md5",
    "content-type",
    "x-oss-allow-same-action-overlap",
    "x-oss-content-sha256",
    "x-oss-date",
    "x-oss-security-token",
];

/// Response headers the console reads (must be exposed). The one list: the rule shown, the
/// browser transport and the emulator's CORS all use it.
pub const EXPOSE_HEADERS: &[&str] = &["x-oss-request-id", "x-oss-ec", "x-oss-last-access-time"];

/// Whether a preflight's `Access-Control-Request-Headers` asks only for headers the rule allows.
pub fn allows_request_headers(list: &str) -> bool {
    list.split(',')
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .all(|h| REQUEST_HEADERS.contains(&h.as_str()))
}

/// The `PutBucketCors` XML allowing `origin` to read and switch access tracking.
pub fn rule_xml(origin: &str) -> String {
    let mut xml = String::from("<CORSConfiguration>\n  <CORSRule>\n");
    xml.push_str(&format!("    <AllowedOrigin>{origin}</AllowedOrigin>\n"));
    for m in METHODS {
        xml.push_str(&format!("    <AllowedMethod>{m}</AllowedMethod>\n"));
    }
    for h in REQUEST_HEADERS {
        xml.push_str(&format!("    <AllowedHeader>{h}</AllowedHeader>\n"));
    }
    for h in EXPOSE_HEADERS {
        xml.push_str(&format!("    <ExposeHeader>{h}</ExposeHeader>\n"));
    }
    xml.push_str("    <MaxAgeSeconds>600</MaxAgeSeconds>\n  </CORSRule>\n  <ResponseVary>false</ResponseVary>\n</CORSConfiguration>\n");
    xml
}

#[cfg(test)]
mod tests {
    #[test]
    fn rule_names_origin_methods_headers() {
        let x = super::rule_xml("http://127.0.0.1:8080");
        assert!(x.contains("<AllowedOrigin>http://127.0.0.1:8080</AllowedOrigin>"));
        assert!(x.contains("<AllowedMethod>PUT</AllowedMethod>"));
        assert!(x.contains("<AllowedMethod>HEAD</AllowedMethod>"));
        assert!(x.contains("<ExposeHeader>x-oss-last-access-time</ExposeHeader>"));
        assert!(x.contains("<AllowedHeader>x-oss-security-token</AllowedHeader>"));
        assert!(x.contains("<ExposeHeader>x-oss-request-id</ExposeHeader>"));
        assert!(super::allows_request_headers("authorization,content-md5, X-OSS-Date"));
        assert!(!super::allows_request_headers("authorization,x-oss-user-agent"));
    }
}
