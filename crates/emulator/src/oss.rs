//! The OSS side of the emulator: routing, authentication, the access-monitor calls, errors.

use crate::cors;
use crate::http::{Request, Response};
use crate::{Faults, Shared, State};
use console_core::oss::access_monitor::{AccessMonitorConfiguration, AccessMonitorStatus};
use console_core::oss::encode::percent_decode;
use console_core::oss::request::content_md5;
use console_core::oss::sign;
use console_core::oss::xml;
use console_core::time::{parse_iso8601, UtcDateTime};

/// What to do with a connection.
pub enum Outcome {
    Respond { response: Response, delay_ms: u64 },
    Drop,
}

const MAX_SKEW_MS: i64 = 15 * 60 * 1000;

/// An OSS error to render.
struct OssError {
    status: u16,
    code: &'static str,
    message: String,
    ec: &'static str,
    extras: Vec<(&'static str, String)>,
}

impl OssError {
    fn new(status: u16, code: &'static str, message: impl Into<String>, ec: &'static str) -> Self {
        OssError { status, code, message: message.into(), ec, extras: vec![] }
    }

    fn extra(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.extras.push((name, value.into()));
        self
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn error_response(e: &OssError, request_id: &str, host: &str) -> Response {
    let mut body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{}</Code>\n  <Message>{}</Message>\n  \
         <RequestId>{request_id}</RequestId>\n  <HostId>{}</HostId>\n",
        e.code,
        escape(&e.message),
        escape(host)
    );
    for (name, value) in &e.extras {
        body.push_str(&format!("  <{name}>{}</{name}>\n", escape(value)));
    }
    if !e.ec.is_empty() {
        body.push_str(&format!(
            "  <EC>{0}</EC>\n  <RecommendDoc>https://api.aliyun.com/troubleshoot?q={0}</RecommendDoc>\n",
            e.ec
        ));
    }
    body.push_str("</Error>\n");
    let mut r = Response::new(e.status, "application/xml", body);
    if !e.ec.is_empty() {
        r = r.with("x-oss-ec", e.ec);
    }
    r
}

fn common_headers(resp: Response, request_id: &str, now_ms: i64) -> Response {
    let t = UtcDateTime::from_unix_millis(now_ms);
    resp.with("Server", "AliyunOSS")
        .with("x-oss-request-id", request_id)
        .with("x-oss-server-time", "1")
        .with("Date", t.iso8601_extended())
}

/// Handle one request against the shared state.
pub fn handle(state: &Shared, req: &Request) -> Outcome {
    let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(rest) = req.path.strip_prefix("/__emulator/") {
        return Outcome::Respond { response: control(&mut st, rest, req), delay_ms: 0 };
    }
    st.requests_served += 1;
    let delay_ms = st.faults.delay_ms;
    let is_preflight = req.method == "OPTIONS";
    // Faults hit actual requests only: a failed preflight would look like a CORS problem instead.
    if !is_preflight && st.faults.count > 0 {
        if st.faults.drop {
            st.faults.count -= 1;
            return Outcome::Drop;
        }
        if let Some(status) = st.faults.status {
            st.faults.count -= 1;
            let id = st.request_id();
            let now = st.now_ms();
            let e = OssError::new(
                status,
                "InternalError",
                "We encountered an internal error. Please try again.",
                "0000-00000000",
            );
            let resp =
                cors::decorate(common_headers(error_response(&e, &id, host(req)), &id, now), &st.cors_origins, req);
            return Outcome::Respond { response: resp, delay_ms };
        }
    }
    let response = if is_preflight { preflight(&mut st, req) } else { actual(&mut st, req) };
    Outcome::Respond { response, delay_ms }
}

fn host(req: &Request) -> &str {
    req.header("host").unwrap_or("localhost")
}

fn preflight(st: &mut State, req: &Request) -> Response {
    let id = st.request_id();
    let now = st.now_ms();
    let method = req.header("access-control-request-method").unwrap_or_default();
    let allowed_method = cors::ALLOWED_METHODS.split(", ").any(|m| m == method);
    match cors::allowed_origin(&st.cors_origins, req) {
        Some(origin) if allowed_method => common_headers(Response::new(200, "", Vec::new()), &id, now)
            .with("Access-Control-Allow-Origin", origin)
            .with("Access-Control-Allow-Methods", cors::ALLOWED_METHODS)
            .with("Access-Control-Allow-Headers", req.header("access-control-request-headers").unwrap_or_default())
            .with("Access-Control-Expose-Headers", cors::EXPOSE_HEADERS)
            .with("Access-Control-Max-Age", "0")
            .with("Vary", "Origin"),
        _ => {
            let e = OssError::new(
                403,
                "AccessForbidden",
                "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, \
                 request method / Access-Control-Request-Method or Access-Control-Request-Headers are not \
                 whitelisted by the resource's CORS spec.",
                "0003-00000001",
            );
            common_headers(error_response(&e, &id, host(req)), &id, now)
        }
    }
}

/// (bucket, key) from a virtual-hosted Host header or a path-style path.
fn locate(req: &Request) -> (Option<String>, Option<String>) {
    let host = host(req);
    let hostname = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host);
    let path = req.path.trim_start_matches('/');
    if let Some(bucket) = hostname.strip_suffix(".localhost") {
        let key = (!path.is_empty()).then(|| percent_decode(path));
        return (Some(bucket.to_string()), key);
    }
    match path.split_once('/') {
        Some((bucket, key)) => (Some(bucket.to_string()), (!key.is_empty()).then(|| percent_decode(key))),
        None if !path.is_empty() => (Some(path.to_string()), None),
        None => (None, None),
    }
}

fn actual(st: &mut State, req: &Request) -> Response {
    let id = st.request_id();
    let now = st.now_ms();
    let resp = match respond(st, req, now) {
        Ok(resp) => resp,
        Err(e) => error_response(&e, &id, host(req)),
    };
    cors::decorate(common_headers(resp, &id, now), &st.cors_origins, req)
}

fn respond(st: &mut State, req: &Request, now: i64) -> Result<Response, OssError> {
    let (bucket, key) = locate(req);
    authenticate(st, req, bucket.as_deref(), key.as_deref(), now)?;
    let Some(bucket) = bucket else {
        return Err(OssError::new(
            501,
            "NotImplemented",
            "The local emulator implements only the access-monitor calls.",
            "",
        ));
    };
    let subresources: Vec<&str> = req.query.split('&').map(|p| p.split('=').next().unwrap_or_default()).collect();
    if key.is_some() || !subresources.contains(&"accessmonitor") {
        return Err(OssError::new(
            501,
            "NotImplemented",
            "The local emulator implements only GetBucketAccessMonitor and PutBucketAccessMonitor.",
            "",
        ));
    }
    let Some(b) = st.buckets.get_mut(&bucket) else {
        return Err(OssError::new(404, "NoSuchBucket", "The specified bucket does not exist.", "0015-00000101")
            .extra("BucketName", bucket));
    };
    match req.method.as_str() {
        "GET" => {
            let status = if b.tracking_enabled { "Enabled" } else { "Disabled" };
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
                        "InvalidDigest",
                        "The Content-MD5 you specified is not valid.",
                        "0016-00000206",
                    ));
                }
            }
            let body = String::from_utf8_lossy(&req.body);
            let malformed = || {
                OssError::new(
                    400,
                    "MalformedXML",
                    "The XML you provided was not well-formed or did not validate against our published schema.",
                    "0036-00000002",
                )
            };
            let config: AccessMonitorConfiguration =
                xml::parse(&body, "AccessMonitorConfiguration").map_err(|_| malformed())?;
            if config.status == AccessMonitorStatus::Disabled && b.access_time_lifecycle {
                return Err(OssError::new(
                    400,
                    "AccessMonitorDisableNotAllowed",
                    "Access monitor can not be disabled while lifecycle rules based on last access time exist.",
                    "0036-00000005",
                ));
            }
            b.tracking_enabled = config.status == AccessMonitorStatus::Enabled;
            Ok(Response::new(200, "", Vec::new()))
        }
        _ => Err(OssError::new(
            405,
            "MethodNotAllowed",
            "The specified method is not allowed against this resource.",
            "",
        )),
    }
}

/// Check the V4 signature, token and clock, from the request as received.
fn authenticate(st: &State, req: &Request, bucket: Option<&str>, key: Option<&str>, now: i64) -> Result<(), OssError> {
    let Some(auth) = req.header("authorization") else {
        return Err(OssError::new(
            403,
            "AccessDenied",
            "You have no right to access this bucket because of bucket acl.",
            "0003-00000001",
        ));
    };
    let Some(parsed) = sign::parse_authorization(auth) else {
        return Err(OssError::new(400, "InvalidArgument", "Authorization header is invalid.", "0002-00000020"));
    };
    let date_header = req.header("x-oss-date").unwrap_or_default();
    let Some(request_ms) = parse_iso8601(date_header) else {
        return Err(OssError::new(403, "AccessDenied", "Invalid date format in x-oss-date.", "0002-00000012"));
    };
    if (request_ms - now).abs() > MAX_SKEW_MS {
        return Err(OssError::new(
            403,
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
            "0002-00000504",
        )
        .extra("MaxAllowedSkewMilliseconds", MAX_SKEW_MS.to_string())
        .extra("RequestTime", UtcDateTime::from_unix_millis(request_ms).iso8601_extended())
        .extra("ServerTime", UtcDateTime::from_unix_millis(now).iso8601_extended()));
    }
    let Some(known) = st.keys.get(&parsed.access_key_id) else {
        return Err(OssError::new(
            403,
            "InvalidAccessKeyId",
            "The OSS Access Key Id you provided does not exist in our records.",
            "0002-00000002",
        )
        .extra("OSSAccessKeyId", parsed.access_key_id.clone()));
    };
    if known.expired {
        return Err(OssError::new(
            403,
            "InvalidAccessKeyId",
            "The OSS Access Key Id you provided does not exist in our records.",
            "0002-00000007",
        )
        .extra("OSSAccessKeyId", parsed.access_key_id.clone()));
    }
    if let Some(token) = &known.token {
        match req.header("x-oss-security-token") {
            None => {
                return Err(OssError::new(
                    403,
                    "InvalidAccessKeyId",
                    "The security token you provided is missing.",
                    "0002-00000003",
                ))
            }
            Some(t) if t != token => {
                return Err(OssError::new(
                    403,
                    "InvalidSecurityToken",
                    "The security token you provided is invalid.",
                    "0002-00000004",
                ))
            }
            Some(_) => {}
        }
    }
    if req.header("x-oss-content-sha256") != Some(sign::UNSIGNED_PAYLOAD) {
        return Err(OssError::new(
            400,
            "InvalidArgument",
            "x-oss-content-sha256 header is invalid, please set it to UNSIGNED-PAYLOAD.",
            "0002-00000214",
        ));
    }
    let date = &date_header[..8.min(date_header.len())];
    // The server signs with its own region: a request scoped to another region will not match.
    let scope = sign::scope(date, &st.region, &parsed.product);
    let additional = parsed.additional_headers.clone();
    let uri = sign::canonical_uri(bucket, key);
    let canonical = sign::canonical_request(&req.method, &uri, &req.query, &req.headers, &additional);
    let to_sign = sign::string_to_sign(date_header, &scope, &canonical);
    let expected = sign::signature(&known.secret, date, &st.region, &parsed.product, &to_sign);
    if expected != parsed.signature || parsed.date != date {
        return Err(OssError::new(
            403,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
            "0002-00000201",
        )
        .extra("OSSAccessKeyId", parsed.access_key_id.clone())
        .extra("SignatureProvided", parsed.signature.clone())
        .extra("CanonicalRequest", canonical)
        .extra("StringToSign", to_sign));
    }
    Ok(())
}

fn param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|p| p.split_once('=').or(Some((p, ""))))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| percent_decode(v))
}

/// The control API for tests and the README: state, reset, CORS, clock, faults.
fn control(st: &mut State, what: &str, req: &Request) -> Response {
    let json = |v: serde_json::Value| {
        Response::new(200, "application/json", v.to_string()).with("Access-Control-Allow-Origin", "*")
    };
    match (req.method.as_str(), what) {
        ("GET", "state") => json(state_json(st)),
        ("POST", "reset") => {
            *st = State::demo();
            json(state_json(st))
        }
        ("POST", "cors") => {
            let origins = param(&req.query, "origins").unwrap_or_default();
            st.cors_origins = origins.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
            json(state_json(st))
        }
        ("POST", "clock") => {
            st.clock_offset_ms = param(&req.query, "offset_ms").and_then(|v| v.parse().ok()).unwrap_or(0);
            json(state_json(st))
        }
        ("POST", "faults") => {
            st.faults = Faults {
                delay_ms: param(&req.query, "delay_ms").and_then(|v| v.parse().ok()).unwrap_or(0),
                status: param(&req.query, "status").and_then(|v| v.parse().ok()),
                drop: param(&req.query, "drop").is_some_and(|v| v == "1" || v == "true"),
                count: param(&req.query, "count").and_then(|v| v.parse().ok()).unwrap_or(1),
            };
            json(state_json(st))
        }
        ("POST", "bucket") => {
            let (Some(name), status) = (param(&req.query, "name"), param(&req.query, "status")) else {
                return Response::new(400, "text/plain", "name= is required");
            };
            let b = st
                .buckets
                .entry(name)
                .or_insert(crate::Bucket { tracking_enabled: false, access_time_lifecycle: false });
            if let Some(s) = status {
                b.tracking_enabled = s == "Enabled";
            }
            if let Some(l) = param(&req.query, "lifecycle") {
                b.access_time_lifecycle = l == "1" || l == "true";
            }
            json(state_json(st))
        }
        _ => Response::new(404, "text/plain", "unknown control call: see crates/emulator/README.md"),
    }
}

fn state_json(st: &State) -> serde_json::Value {
    let buckets: serde_json::Map<String, serde_json::Value> = st
        .buckets
        .iter()
        .map(|(name, b)| {
            (
                name.clone(),
                serde_json::json!({
                    "status": if b.tracking_enabled { "Enabled" } else { "Disabled" },
                    "accessTimeLifecycle": b.access_time_lifecycle,
                }),
            )
        })
        .collect();
    serde_json::json!({
        "region": st.region,
        "buckets": buckets,
        "corsOrigins": st.cors_origins,
        "clockOffsetMs": st.clock_offset_ms,
        "requestsServed": st.requests_served,
    })
}
