//! The OSS side of the emulator: routing, faults, common headers, and the bucket calls
//! (access monitor, lifecycle, listing); objects are in `object.rs`.

use crate::errors::{self, OssError};
use crate::http::{Request, Response};
use crate::{auth, cors, lifecycle, list, object, sanitize, Served, Shared, State};
use console_core::oss::access_monitor::{parse_configuration, AccessMonitorStatus};
use console_core::oss::encode::percent_decode;
use console_core::oss::error::OssCode;
use console_core::oss::request::content_md5;
use console_core::time::UtcDateTime;

/// What to do with a request.
pub enum Outcome {
    Respond {
        response: Response,
        delay_ms: u64,
    },
    /// Close the connection without answering (an injected fault).
    Drop,
}

/// Headers every OSS answer has. `Date` is an HTTP date, which the SDKs parse.
fn common_headers(resp: Response, request_id: &str, now_ms: i64) -> Response {
    resp.with("Server", "AliyunOSS")
        .with("x-oss-request-id", request_id)
        .with("x-oss-server-time", "1")
        .with("Date", UtcDateTime::from_unix_millis(now_ms).http_date())
}

/// Where a request goes: the bucket and key, from a virtual-hosted `Host` (`<bucket>.localhost`)
/// or a path-style path (`/<bucket>/<key>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub bucket: Option<String>,
    pub key: Option<String>,
}

impl Target {
    /// Locate `req`.
    pub fn of(req: &Request) -> Target {
        let host = req.host();
        let hostname = match host.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => host,
        };
        let path = req.path.strip_prefix('/').unwrap_or(&req.path);
        if let Some(sub) = hostname.strip_suffix(".localhost") {
            let bucket = sub.split('.').next().unwrap_or(sub);
            return Target {
                bucket: (!bucket.is_empty()).then(|| bucket.to_string()),
                key: (!path.is_empty()).then(|| percent_decode(path)),
            };
        }
        match path.split_once('/') {
            Some((bucket, key)) => {
                Target { bucket: Some(percent_decode(bucket)), key: (!key.is_empty()).then(|| percent_decode(key)) }
            }
            None if !path.is_empty() => Target { bucket: Some(percent_decode(path)), key: None },
            None => Target { bucket: None, key: None },
        }
    }

    /// `/<bucket>/<key>` (decoded), what `path_contains` faults match against.
    pub fn path_style(&self) -> String {
        format!("/{}/{}", self.bucket.as_deref().unwrap_or_default(), self.key.as_deref().unwrap_or_default())
    }
}

/// The query as decoded (name, value) pairs.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect()
}

/// Handle one request against the shared state.
pub fn handle(state: &Shared, req: &Request) -> Outcome {
    let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(rest) = req.path.strip_prefix("/__emulator/") {
        return Outcome::Respond { response: crate::control::handle(&mut st, rest, req), delay_ms: 0 };
    }
    st.requests_served += 1;
    let target = Target::of(req);
    let is_preflight = req.method == "OPTIONS";
    // Faults hit actual requests only: a failed preflight would look like a CORS problem instead.
    let matches =
        !is_preflight && st.faults.path_contains.as_deref().is_none_or(|text| target.path_style().contains(text));
    let delay_ms = if matches { st.faults.delay_ms } else { 0 };
    if matches && st.faults.count > 0 {
        if st.faults.drop {
            st.faults.count -= 1;
            if let (Some(bucket), Some(key)) = (&target.bucket, &target.key) {
                // Status 0: the connection was closed without an answer.
                let served = Served {
                    method: sanitize::header_value(&req.method, 16),
                    bucket: bucket.clone(),
                    key: key.clone(),
                    range: req.header("range").map(|r| sanitize::header_value(r, 256)),
                    status: 0,
                    request_id: String::new(),
                };
                st.record(served);
            }
            return Outcome::Drop;
        }
        if let Some(status) = st.faults.status {
            st.faults.count -= 1;
            let e = OssError::new(
                status,
                OssCode::InternalError,
                "We encountered an internal error. Please try again.",
                errors::UNDOCUMENTED_EC,
            );
            let response = finish(&mut st, req, &target, Err(e));
            return Outcome::Respond { response, delay_ms };
        }
    }
    let response = if is_preflight { preflight(&mut st, req) } else { actual(&mut st, req, &target) };
    Outcome::Respond { response, delay_ms }
}

fn preflight(st: &mut State, req: &Request) -> Response {
    let id = st.request_id();
    let now = st.now_ms();
    let allowed = if bucket_cors(st, &Target::of(req)) { cors::preflight(&st.cors_origins, req) } else { None };
    let resp = allowed.unwrap_or_else(|| {
        OssError::new(
            403,
            OssCode::AccessForbidden,
            "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, \
             request method / Access-Control-Request-Method or Access-Control-Request-Headers are not \
             whitelisted by the resource's CORS spec.",
            "0003-00000001",
        )
        .response(&id, req.host(), false)
    });
    common_headers(resp, &id, now)
}

fn actual(st: &mut State, req: &Request, target: &Target) -> Response {
    let now = st.now_ms();
    let result = auth::authenticate(st, req, target.bucket.as_deref(), target.key.as_deref(), now)
        .and_then(|()| respond(st, req, target, now));
    finish(st, req, target, result)
}

/// Common headers, CORS, the error rendering, and the log of object requests.
fn finish(st: &mut State, req: &Request, target: &Target, result: Result<Response, OssError>) -> Response {
    let id = st.request_id();
    let now = st.now_ms();
    let resp = result.unwrap_or_else(|e| e.response(&id, req.host(), req.method == "HEAD"));
    if let (Some(bucket), Some(key)) = (&target.bucket, &target.key) {
        st.record(Served {
            method: sanitize::header_value(&req.method, 16),
            bucket: bucket.clone(),
            key: key.clone(),
            range: req.header("range").map(|r| sanitize::header_value(r, 256)),
            status: resp.status,
            request_id: id.clone(),
        });
    }
    let resp = common_headers(resp, &id, now);
    if bucket_cors(st, target) {
        cors::decorate(resp, &st.cors_origins, req)
    } else {
        resp
    }
}

/// Whether the bucket a request is for has the console's CORS rule (requests for no bucket, or
/// for one that does not exist, follow the emulator's rule).
fn bucket_cors(st: &State, target: &Target) -> bool {
    target.bucket.as_ref().and_then(|b| st.buckets.get(b)).is_none_or(|b| b.cors)
}

fn respond(st: &mut State, req: &Request, target: &Target, now: i64) -> Result<Response, OssError> {
    let Some(bucket_name) = &target.bucket else {
        return Err(errors::not_implemented("ListBuckets (service-level calls)"));
    };
    let gzip_encoding = st.gzip_encoding;
    let Some(bucket) = st.buckets.get_mut(bucket_name) else {
        return Err(errors::no_such_bucket(bucket_name));
    };
    if bucket.denied {
        return Err(OssError::new(
            403,
            OssCode::AccessDenied,
            "You have no right to access this bucket because of the RAM policy.",
            "0003-00000301",
        )
        .extra("BucketName", bucket_name.as_str()));
    }
    if let Some(key) = &target.key {
        let pairs = query_pairs(&req.query);
        if req.method == "HEAD" && pairs.iter().any(|(k, _)| k == "objectMeta") {
            return match bucket.objects.get(key) {
                Some(o) => Ok(object::meta(o, bucket.tracking_enabled)),
                None => Err(errors::no_such_key(key)),
            };
        }
        return match req.method.as_str() {
            "GET" | "HEAD" => match bucket.objects.get(key) {
                Some(o) => object::get(req, key, o, gzip_encoding),
                None => Err(errors::no_such_key(key)),
            },
            _ => Err(errors::not_implemented(&format!("{} on objects", sanitize::header_value(&req.method, 16)))),
        };
    }
    let pairs = query_pairs(&req.query);
    let has = |name: &str| pairs.iter().any(|(k, _)| k == name);
    if has("accessmonitor") {
        return access_monitor(bucket, req, now);
    }
    if has("lifecycle") {
        return lifecycle_call(bucket, bucket_name, req);
    }
    if pairs.iter().any(|(k, v)| k == "list-type" && v == "2") {
        return match req.method.as_str() {
            "GET" => list::list(bucket_name, &bucket.objects, &list::params(&pairs)?),
            _ => Err(errors::method_not_allowed()),
        };
    }
    Err(errors::not_implemented("this bucket call (it serves accessmonitor, lifecycle and list-type=2)"))
}

/// GetBucketLifecycle, PutBucketLifecycle, DeleteBucketLifecycle. A written configuration is kept
/// element for element and read back with `AtimeBase` added to its access-time rules, as OSS does.
fn lifecycle_call(bucket: &mut crate::Bucket, bucket_name: &str, req: &Request) -> Result<Response, OssError> {
    use console_core::oss::lifecycle_config as lc;
    let no_rules = || {
        OssError::new(404, OssCode::NoSuchLifecycle, "No Row found in Lifecycle Table.", errors::UNDOCUMENTED_EC)
            .extra("BucketName", bucket_name)
    };
    let atime_base_s = bucket.tracking_enabled_at_ms / 1000;
    match req.method.as_str() {
        "GET" => match &bucket.lifecycle_written {
            Some(tree) => {
                Ok(Response::new(200, "application/xml", lc::write(&lc::with_atime_base(tree, atime_base_s))))
            }
            None if bucket.lifecycle.is_empty() => Err(no_rules()),
            None => Ok(Response::new(200, "application/xml", lifecycle::xml(&bucket.lifecycle, atime_base_s))),
        },
        "PUT" => {
            let Ok(body) = std::str::from_utf8(&req.body) else { return Err(errors::malformed_xml()) };
            if let Some(md5) = req.header("content-md5") {
                if md5 != console_core::oss::request::content_md5(&req.body) {
                    return Err(OssError::new(
                        400,
                        OssCode::InvalidDigest,
                        "The Content-MD5 you specified was invalid.",
                        "0016-00000203",
                    ));
                }
            }
            let tree = lc::parse(body).map_err(|_| errors::malformed_xml())?;
            let rules = lc::rules(&tree);
            if rules.is_empty() {
                return Err(errors::malformed_xml());
            }
            if lc::for_put(&tree) != tree {
                return Err(errors::invalid_argument(
                    "AtimeBase is returned by reads and cannot be written.",
                    "AtimeBase",
                    "",
                ));
            }
            // Overlapping prefixes are allowed only when the request says so.
            let overlap_ok =
                req.header("x-oss-allow-same-action-overlap").is_some_and(|v| v.eq_ignore_ascii_case("true"));
            let refused = lc::validate(&tree, bucket.tracking_enabled)
                .into_iter()
                .find(|i| !(overlap_ok && matches!(i, lc::Invalid::Overlap(..))));
            if let Some(invalid) = refused {
                return Err(match invalid {
                    lc::Invalid::TrackingOff => OssError::new(
                        400,
                        OssCode::InvalidArgument,
                        "Lifecycle rules based on last access time need access tracking enabled (PutBucketAccessMonitor).",
                        "0014-00000016",
                    ),
                    other => errors::invalid_argument(format!("The lifecycle configuration is not valid: {other:?}."), "LifecycleConfiguration", ""),
                });
            }
            bucket.lifecycle_written = Some(tree);
            bucket.lifecycle.clear();
            Ok(Response::empty(200))
        }
        "DELETE" => {
            bucket.lifecycle_written = None;
            bucket.lifecycle.clear();
            Ok(Response::empty(204))
        }
        _ => Err(errors::method_not_allowed()),
    }
}

fn access_monitor(bucket: &mut crate::Bucket, req: &Request, now: i64) -> Result<Response, OssError> {
    match req.method.as_str() {
        "GET" => {
            let status = if bucket.tracking_enabled { "Enabled" } else { "Disabled" };
            Ok(Response::new(
                200,
                "application/xml",
                format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessMonitorConfiguration>\n  <Status>{status}</Status>\n</AccessMonitorConfiguration>\n"),
            ))
        }
        "PUT" => {
            if let Some(md5) = req.header("content-md5") {
                if md5 != content_md5(&req.body) {
                    return Err(OssError::new(
                        400,
                        OssCode::InvalidDigest,
                        "The Content-MD5 you specified is not valid.",
                        "0016-00000206",
                    ));
                }
            }
            let body = String::from_utf8_lossy(&req.body);
            let status = parse_configuration(&body).map_err(|_| errors::malformed_xml())?;
            if status == AccessMonitorStatus::Disabled && bucket.has_access_time_rule() {
                return Err(OssError::new(
                    400,
                    OssCode::AccessMonitorDisableNotAllowed,
                    "Access monitor can not be disabled while lifecycle rules based on last access time exist.",
                    "0036-00000005",
                ));
            }
            let enable = status == AccessMonitorStatus::Enabled;
            if enable && !bucket.tracking_enabled {
                bucket.tracking_enabled_at_ms = now;
            }
            bucket.tracking_enabled = enable;
            Ok(Response::empty(200))
        }
        _ => Err(errors::method_not_allowed()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(host: &str, path: &str) -> Request {
        Request { path: path.into(), headers: vec![("host".into(), host.into())], ..Default::default() }
    }

    #[test]
    fn locates_both_addressing_styles() {
        let t = Target::of(&req("demo-trail.localhost:9000", "/a%20b/c.gz"));
        assert_eq!((t.bucket.as_deref(), t.key.as_deref()), (Some("demo-trail"), Some("a b/c.gz")));
        let t = Target::of(&req("127.0.0.1:9000", "/demo-trail/a%20b/c.gz"));
        assert_eq!((t.bucket.as_deref(), t.key.as_deref()), (Some("demo-trail"), Some("a b/c.gz")));
        assert_eq!(t.path_style(), "/demo-trail/a b/c.gz");
        let t = Target::of(&req("localhost:9000", "/demo-trail/"));
        assert_eq!((t.bucket.as_deref(), t.key), (Some("demo-trail"), None));
        let t = Target::of(&req("localhost:9000", "/"));
        assert_eq!((t.bucket, t.key), (None, None));
        let t = Target::of(&req("[::1]:9000", "/b"));
        assert_eq!(t.bucket.as_deref(), Some("b"));
    }

    #[test]
    fn query_pairs_decode() {
        assert_eq!(
            query_pairs("list-type=2&prefix=a%2Fb&&delimiter"),
            [("list-type".into(), "2".into()), ("prefix".into(), "a/b".into()), ("delimiter".into(), String::new())]
        );
    }
}
