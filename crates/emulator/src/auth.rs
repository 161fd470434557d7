//! Authentication as OSS does it, from the request as received: signature V4
//! (`OSS4-HMAC-SHA256`) or V1 (`OSS ak:signature`), the STS token, the clock.

use crate::errors::OssError;
use crate::http::Request;
use crate::State;
use console_core::oss::error::OssCode;
use console_core::oss::{sign, sign_v1};
use console_core::time::{parse_http_date, parse_iso8601, UtcDateTime};

/// OSS refuses requests more than 15 minutes off its clock.
pub const MAX_SKEW_MS: i64 = 15 * 60 * 1000;

/// Query parameters V1 signs beyond the SDKs' fixed list, for the calls the emulator serves
/// (the SDKs declare `lifecycle` for the lifecycle operations).
pub const V1_EXTRA_SUBRESOURCES: &[&str] = &["lifecycle"];

enum Scheme {
    V4(sign::ParsedAuthorization),
    V1(sign_v1::ParsedAuthorization),
}

impl Scheme {
    fn access_key_id(&self) -> &str {
        match self {
            Scheme::V4(p) => &p.access_key_id,
            Scheme::V1(p) => &p.access_key_id,
        }
    }
}

fn access_denied(message: &str, ec: &'static str) -> OssError {
    OssError::new(403, OssCode::AccessDenied, message, ec)
}

/// When the request says it was signed: `x-oss-date` (ISO 8601 basic for V4; V1 clients may
/// put an HTTP date there), else `Date`.
fn request_time(req: &Request, v4: bool) -> Option<i64> {
    if v4 {
        return parse_iso8601(req.header("x-oss-date")?);
    }
    match req.header("x-oss-date").filter(|v| !v.is_empty()) {
        Some(v) => parse_http_date(v).or_else(|| parse_iso8601(v)),
        None => parse_http_date(req.header("date")?),
    }
}

/// Check the signature, token and clock. `bucket` and `key` are where the request goes.
pub fn authenticate(
    st: &State,
    req: &Request,
    bucket: Option<&str>,
    key: Option<&str>,
    now: i64,
) -> Result<(), OssError> {
    let Some(auth) = req.header("authorization") else {
        return Err(access_denied(
            "You have no right to access this bucket because of bucket acl (the request is not signed).",
            "0003-00000001",
        ));
    };
    let scheme = if let Some(p) = sign::parse_authorization(auth) {
        Scheme::V4(p)
    } else if let Some(p) = sign_v1::parse_authorization(auth) {
        Scheme::V1(p)
    } else {
        return Err(OssError::new(400, OssCode::InvalidArgument, "Authorization header is invalid.", "0002-00000020"));
    };
    let v4 = matches!(scheme, Scheme::V4(_));
    let Some(request_ms) = request_time(req, v4) else {
        return Err(if v4 {
            access_denied("Invalid date format in x-oss-date.", "0002-00000012")
        } else {
            access_denied("OSS authentication requires a valid Date.", "0002-00000012")
        });
    };
    if (request_ms - now).abs() > MAX_SKEW_MS {
        return Err(OssError::new(
            403,
            OssCode::RequestTimeTooSkewed,
            "The difference between the request time and the current time is too large.",
            "0002-00000504",
        )
        .extra("MaxAllowedSkewMilliseconds", MAX_SKEW_MS.to_string())
        .extra("RequestTime", UtcDateTime::from_unix_millis(request_ms).iso8601_extended())
        .extra("ServerTime", UtcDateTime::from_unix_millis(now).iso8601_extended()));
    }
    let ak = scheme.access_key_id().to_string();
    let invalid_key = |ec| {
        OssError::new(
            403,
            OssCode::InvalidAccessKeyId,
            "The OSS Access Key Id you provided does not exist in our records.",
            ec,
        )
        .extra("OSSAccessKeyId", ak.clone())
    };
    let Some(known) = st.keys.get(&ak) else { return Err(invalid_key("0002-00000002")) };
    if known.expired {
        return Err(invalid_key("0002-00000007"));
    }
    if let Some(token) = &known.token {
        // V1 clients differ: OSS documents x-oss-security-token; the Python SDK sends security-token.
        let sent = req.header("x-oss-security-token").or_else(|| if v4 { None } else { req.header("security-token") });
        match sent {
            None => {
                return Err(OssError::new(
                    403,
                    OssCode::InvalidAccessKeyId,
                    "The security token you provided is missing.",
                    "0002-00000003",
                ))
            }
            Some(t) if t != token => {
                return Err(OssError::new(
                    403,
                    OssCode::InvalidSecurityToken,
                    "The security token you provided is invalid.",
                    "0002-00000004",
                ))
            }
            Some(_) => {}
        }
    }
    match scheme {
        Scheme::V4(parsed) => {
            // A bucket of another region, asked at this one (signed for it): OSS names the
            // bucket's own endpoint.
            let own = bucket.and_then(|b| st.buckets.get(b)).and_then(|b| b.region.as_deref());
            let region = own.unwrap_or(&st.region);
            if own.is_some_and(|r| r != parsed.region) {
                return Err(access_denied(
                    "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
                    "0003-00001403",
                )
                .extra("Bucket", bucket.unwrap_or_default().to_string())
                .extra("Endpoint", format!("oss-{region}.aliyuncs.com")));
            }
            verify_v4(req, bucket, key, &parsed, &known.secret, region)
        }
        Scheme::V1(parsed) => verify_v1(req, bucket, key, &parsed, &known.secret),
    }
}

fn verify_v4(
    req: &Request,
    bucket: Option<&str>,
    key: Option<&str>,
    parsed: &sign::ParsedAuthorization,
    secret: &str,
    region: &str,
) -> Result<(), OssError> {
    if req.header("x-oss-content-sha256") != Some(sign::UNSIGNED_PAYLOAD) {
        return Err(OssError::new(
            400,
            OssCode::InvalidArgument,
            "x-oss-content-sha256 header is invalid, please set it to UNSIGNED-PAYLOAD.",
            "0002-00000214",
        ));
    }
    let date_header = req.header("x-oss-date").unwrap_or_default();
    let date = date_header.get(..8).unwrap_or_default();
    // The server signs with the bucket's region: a request scoped to another will not match.
    let scope = sign::scope(date, region, &parsed.product);
    let uri = sign::canonical_uri(bucket, key);
    let canonical = sign::canonical_request(&req.method, &uri, &req.query, &req.headers, &parsed.additional_headers);
    let to_sign = sign::string_to_sign(date_header, &scope, &canonical);
    let expected = sign::signature(secret, date, region, &parsed.product, &to_sign);
    if expected != parsed.signature || parsed.date != date {
        return Err(OssError::new(
            403,
            OssCode::SignatureDoesNotMatch,
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

fn verify_v1(
    req: &Request,
    bucket: Option<&str>,
    key: Option<&str>,
    parsed: &sign_v1::ParsedAuthorization,
    secret: &str,
) -> Result<(), OssError> {
    let resource = sign_v1::canonical_resource(bucket, key, &req.query, V1_EXTRA_SUBRESOURCES);
    let to_sign = sign_v1::string_to_sign(&req.method, &req.headers, &resource);
    if sign_v1::signature(secret, &to_sign) != parsed.signature {
        return Err(OssError::new(
            403,
            OssCode::SignatureDoesNotMatch,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
            "0002-00000040",
        )
        .extra("OSSAccessKeyId", parsed.access_key_id.clone())
        .extra("SignatureProvided", parsed.signature.clone())
        .extra("StringToSign", to_sign.clone())
        .extra("StringToSignBytes", sign_v1::string_to_sign_bytes(&to_sign)));
    }
    Ok(())
}
