//! OSS error responses as typed values, each with advice a person can act on.

use super::xml::{self, Element, XmlError};

/// The `<Error>` body OSS returns, with the code-specific extras.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServiceError {
    /// The HTTP status (not in the body).
    pub status: u16,
    pub code: String,
    pub message: String,
    pub request_id: String,
    pub host_id: String,
    pub ec: String,
    pub recommend_doc: String,
    // SignatureDoesNotMatch (V4 and V1)
    pub canonical_request: Option<String>,
    pub string_to_sign: Option<String>,
    pub oss_access_key_id: Option<String>,
    pub signature_provided: Option<String>,
    // RequestTimeTooSkewed
    pub server_time: Option<String>,
    pub request_time: Option<String>,
    pub max_allowed_skew_milliseconds: Option<String>,
    // NoSuchBucket
    pub bucket_name: Option<String>,
    // AccessDenied for a bucket asked for at another region's endpoint: the one to use.
    pub endpoint: Option<String>,
}

impl ServiceError {
    /// Read the fields of an `<Error>` element (the first of each; the ones it lacks stay empty).
    fn from_element(e: &Element) -> ServiceError {
        let text = |name: &str| e.text_of(name).unwrap_or_default().to_string();
        let opt = |name: &str| e.text_of(name).map(str::to_string);
        // The signature texts keep their own line breaks and spaces: they are compared line by line.
        let raw = |name: &str| e.child(name).map(|c| c.text.clone());
        ServiceError {
            status: 0,
            code: text("Code"),
            message: text("Message"),
            request_id: text("RequestId"),
            host_id: text("HostId"),
            ec: text("EC"),
            recommend_doc: text("RecommendDoc"),
            canonical_request: raw("CanonicalRequest"),
            string_to_sign: raw("StringToSign"),
            oss_access_key_id: opt("OSSAccessKeyId"),
            signature_provided: opt("SignatureProvided"),
            server_time: opt("ServerTime"),
            request_time: opt("RequestTime"),
            max_allowed_skew_milliseconds: opt("MaxAllowedSkewMilliseconds"),
            bucket_name: opt("BucketName"),
            endpoint: opt("Endpoint"),
        }
    }
}

/// The OSS calls the console makes: one home for their names and RAM actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    GetBucketAccessMonitor,
    PutBucketAccessMonitor,
    GetBucketLifecycle,
    PutBucketLifecycle,
    ListObjectsV2,
    GetObject,
    GetObjectMeta,
}

impl Operation {
    /// The API name, as OSS documents it.
    pub fn name(self) -> &'static str {
        match self {
            Operation::GetBucketAccessMonitor => "GetBucketAccessMonitor",
            Operation::PutBucketAccessMonitor => "PutBucketAccessMonitor",
            Operation::GetBucketLifecycle => "GetBucketLifecycle",
            Operation::PutBucketLifecycle => "PutBucketLifecycle",
            Operation::ListObjectsV2 => "ListObjectsV2",
            Operation::GetObject => "GetObject",
            Operation::GetObjectMeta => "GetObjectMeta",
        }
    }

    /// The RAM action that allows it.
    pub fn ram_action(self) -> &'static str {
        match self {
            Operation::GetBucketAccessMonitor => "oss:GetBucketAccessMonitor",
            Operation::PutBucketAccessMonitor => "oss:PutBucketAccessMonitor",
            Operation::GetBucketLifecycle => "oss:GetBucketLifecycle",
            Operation::PutBucketLifecycle => "oss:PutBucketLifecycle",
            Operation::ListObjectsV2 => "oss:ListObjects",
            Operation::GetObject => "oss:GetObject",
            // GetObjectMeta is allowed by the same action as GetObject.
            Operation::GetObjectMeta => "oss:GetObject",
        }
    }
}

/// The error codes the console explains; anything else is `Other`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OssCode {
    AccessDenied,
    AccessForbidden,
    AccessMonitorDisableNotAllowed,
    InternalError,
    InvalidAccessKeyId,
    InvalidArgument,
    InvalidDigest,
    InvalidRange,
    InvalidSecurityToken,
    MalformedXml,
    MethodNotAllowed,
    NoSuchBucket,
    NoSuchKey,
    NoSuchLifecycle,
    NotImplemented,
    RequestTimeTooSkewed,
    SecurityTokenExpired,
    ServiceUnavailable,
    SignatureDoesNotMatch,
    Other(String),
}

/// Every code `OssCode` names, with its text (tests and docs walk this list).
pub const KNOWN_CODES: &[(&str, OssCode)] = &[
    ("AccessDenied", OssCode::AccessDenied),
    ("AccessForbidden", OssCode::AccessForbidden),
    ("AccessMonitorDisableNotAllowed", OssCode::AccessMonitorDisableNotAllowed),
    ("InternalError", OssCode::InternalError),
    ("InvalidAccessKeyId", OssCode::InvalidAccessKeyId),
    ("InvalidArgument", OssCode::InvalidArgument),
    ("InvalidDigest", OssCode::InvalidDigest),
    ("InvalidRange", OssCode::InvalidRange),
    ("InvalidSecurityToken", OssCode::InvalidSecurityToken),
    ("MalformedXML", OssCode::MalformedXml),
    ("MethodNotAllowed", OssCode::MethodNotAllowed),
    ("NoSuchBucket", OssCode::NoSuchBucket),
    ("NoSuchKey", OssCode::NoSuchKey),
    ("NoSuchLifecycle", OssCode::NoSuchLifecycle),
    ("NotImplemented", OssCode::NotImplemented),
    ("RequestTimeTooSkewed", OssCode::RequestTimeTooSkewed),
    ("SecurityTokenExpired", OssCode::SecurityTokenExpired),
    ("ServiceUnavailable", OssCode::ServiceUnavailable),
    ("SignatureDoesNotMatch", OssCode::SignatureDoesNotMatch),
];

impl OssCode {
    /// The code for OSS's text (`InvalidSecurityToken.Expired` and friends count as their base).
    pub fn parse(code: &str) -> OssCode {
        let base = match code {
            "InvalidSecurityToken.Expired" | "InvalidSecurityToken.Malformed" => "InvalidSecurityToken",
            c => c,
        };
        KNOWN_CODES.iter().find(|(t, _)| *t == base).map(|(_, c)| c.clone()).unwrap_or(OssCode::Other(code.into()))
    }

    /// The code as OSS writes it.
    pub fn as_str(&self) -> &str {
        match self {
            OssCode::Other(s) => s,
            known => KNOWN_CODES.iter().find(|(_, c)| c == known).map(|(t, _)| *t).unwrap_or_default(),
        }
    }
}

/// Anything that went wrong between sending a request and having a typed result.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    #[error("OSS answered {} {}: {}", .0.status, .0.code, .0.message)]
    Service(Box<ServiceError>),
    #[error("OSS answered HTTP {status} with a body that is not an OSS error ({detail})")]
    Unexpected { status: u16, detail: String },
    #[error("The response to a successful call could not be read: {0}")]
    BadBody(String),
}

impl ResponseError {
    /// The OSS error code, if OSS sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ResponseError::Service(e) => Some(&e.code),
            _ => None,
        }
    }
}

/// Turn a non-2xx response into an error. `header_request_id` / `header_ec` fill gaps in the body.
pub fn from_response(
    status: u16,
    body: &str,
    header_request_id: Option<&str>,
    header_ec: Option<&str>,
) -> ResponseError {
    match xml::parse(body, "Error").map(|root| ServiceError::from_element(&root)) {
        Ok(mut e) if !e.code.is_empty() => {
            e.status = status;
            if e.request_id.is_empty() {
                e.request_id = header_request_id.unwrap_or_default().to_string();
            }
            if e.ec.is_empty() {
                e.ec = header_ec.unwrap_or_default().to_string();
            }
            ResponseError::Service(Box::new(e))
        }
        Ok(_) => ResponseError::Unexpected { status, detail: "an <Error> without a <Code>".into() },
        Err(XmlError::Empty) => ResponseError::Unexpected { status, detail: "empty body".into() },
        Err(e) => ResponseError::Unexpected { status, detail: e.to_string() },
    }
}

impl ServiceError {
    /// The error code, typed.
    pub fn oss_code(&self) -> OssCode {
        OssCode::parse(&self.code)
    }

    /// The RAM resource `op` acts on (`acs:oss:*:*:<bucket>`, objects with `/*`).
    pub fn ram_resource(&self, op: Operation) -> String {
        let bucket = self.bucket_name.as_deref().unwrap_or("<bucket>");
        let objects = if op == Operation::GetObject { "/*" } else { "" };
        format!("acs:oss:*:*:{bucket}{objects}")
    }

    /// The code to look up in the documentation: the EC when OSS sent one (it is more precise).
    pub fn lookup_code(&self) -> &str {
        if self.ec.is_empty() {
            &self.code
        } else {
            &self.ec
        }
    }

    /// A copy with every server-echoed string passed through `redact` (servers echo the token
    /// in their canonical request and string to sign).
    pub fn redacted(&self, redact: &dyn Fn(&str) -> String) -> ServiceError {
        let opt = |o: &Option<String>| o.as_deref().map(redact);
        ServiceError {
            status: self.status,
            code: redact(&self.code),
            message: redact(&self.message),
            request_id: redact(&self.request_id),
            host_id: redact(&self.host_id),
            ec: redact(&self.ec),
            recommend_doc: redact(&self.recommend_doc),
            canonical_request: opt(&self.canonical_request),
            string_to_sign: opt(&self.string_to_sign),
            oss_access_key_id: opt(&self.oss_access_key_id),
            signature_provided: opt(&self.signature_provided),
            server_time: opt(&self.server_time),
            request_time: opt(&self.request_time),
            max_allowed_skew_milliseconds: opt(&self.max_allowed_skew_milliseconds),
            bucket_name: opt(&self.bucket_name),
            endpoint: opt(&self.endpoint),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn no_such_bucket_from_go_sdk_test_body() {
        let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchBucket</Code>
  <Message>The specified bucket does not exist.</Message>
  <RequestId>5C3D9175B6FC201293AD****</RequestId>
  <HostId>test.oss-cn-hangzhou.aliyuncs.com</HostId>
  <BucketName>test</BucketName>
  <EC>0015-00000101</EC>
</Error>"#;
        let ResponseError::Service(e) = from_response(404, body, None, None) else { panic!() };
        assert_eq!(e.status, 404);
        assert_eq!(e.code, "NoSuchBucket");
        assert_eq!(e.ec, "0015-00000101");
        assert_eq!(e.bucket_name.as_deref(), Some("test"));
        assert!(e.advice(Lang::En, Operation::GetBucketAccessMonitor).contains("no bucket named test"));
    }

    #[test]
    fn skew_and_signature_extras() {
        let body = "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message>\
            <RequestId>r</RequestId><HostId>h</HostId><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>\
            <RequestTime>2025-04-17T13:08:38Z</RequestTime><ServerTime>2025-04-17T14:08:38.000Z</ServerTime><EC>0002-00000504</EC></Error>";
        let ResponseError::Service(e) = from_response(403, body, None, None) else { panic!() };
        assert_eq!(e.server_time.as_deref(), Some("2025-04-17T14:08:38.000Z"));
        assert_eq!(e.max_allowed_skew_milliseconds.as_deref(), Some("900000"));

        let body = "<Error><Code>SignatureDoesNotMatch</Code><Message>m</Message><RequestId></RequestId>\
            <CanonicalRequest>GET\n/b/\naccessmonitor</CanonicalRequest><StringToSign>OSS4-HMAC-SHA256\nx</StringToSign></Error>";
        let ResponseError::Service(e) = from_response(403, body, Some("hdr-id"), Some("0002-00000201")) else {
            panic!()
        };
        assert_eq!(e.canonical_request.as_deref(), Some("GET\n/b/\naccessmonitor"));
        assert_eq!(e.request_id, "hdr-id");
        assert_eq!(e.ec, "0002-00000201");
        assert!(e.advice(Lang::En, Operation::PutBucketAccessMonitor).contains("Compare"));
    }

    #[test]
    fn advice_names_the_missing_ram_action() {
        let e = ServiceError { code: "AccessDenied".into(), ..Default::default() };
        assert!(e.advice(Lang::En, Operation::PutBucketAccessMonitor).contains("oss:PutBucketAccessMonitor"));
        assert!(e.advice(Lang::En, Operation::GetBucketAccessMonitor).contains("oss:GetBucketAccessMonitor"));
        let e = ServiceError { code: "AccessMonitorDisableNotAllowed".into(), ..Default::default() };
        assert!(e.advice(Lang::En, Operation::PutBucketAccessMonitor).contains("lifecycle"));
    }

    #[test]
    fn every_known_code_round_trips_and_has_its_own_advice() {
        let mut seen = std::collections::HashSet::new();
        for (text, code) in KNOWN_CODES {
            assert_eq!(OssCode::parse(text), *code);
            assert_eq!(code.as_str(), *text);
            let e = ServiceError { code: text.to_string(), message: "m".into(), ..Default::default() };
            let advice = e.advice(Lang::En, Operation::GetBucketAccessMonitor);
            assert!(!advice.is_empty() && !advice.starts_with("OSS said"), "{text}: {advice}");
            seen.insert(advice);
        }
        // Codes that mean different things get different advice.
        assert!(seen.len() >= KNOWN_CODES.len() - 4, "{seen:?}");
        assert_eq!(OssCode::parse("InvalidSecurityToken.Expired"), OssCode::InvalidSecurityToken);
        assert_eq!(OssCode::parse("Weird"), OssCode::Other("Weird".into()));
        let other =
            ServiceError { code: "Weird".into(), ec: "0000-1".into(), message: "m".into(), ..Default::default() };
        assert!(other.advice(Lang::En, Operation::GetObject).contains("0000-1"));
    }

    #[test]
    fn non_oss_bodies_are_unexpected() {
        for body in ["", "<html>502 Bad Gateway</html>", "{\"error\":1}", "<Error><Message>x</Message></Error>"] {
            assert!(
                matches!(from_response(502, body, None, None), ResponseError::Unexpected { status: 502, .. }),
                "{body}"
            );
        }
    }
}

/// For a `RequestTimeTooSkewed` error: how far to move our clock (ms) so the next request
/// carries the server's time. `local_now_ms` is our clock when the answer arrived.
pub fn clock_correction(err: &ServiceError, local_now_ms: i64) -> Option<i64> {
    if err.oss_code() != OssCode::RequestTimeTooSkewed {
        return None;
    }
    let server = crate::time::parse_iso8601(err.server_time.as_deref()?)?;
    Some(server - local_now_ms)
}

#[cfg(test)]
mod skew_tests {
    use super::*;

    #[test]
    fn correction_from_server_time() {
        let e = ServiceError {
            code: "RequestTimeTooSkewed".into(),
            server_time: Some("2025-04-17T14:08:38.000Z".into()),
            ..Default::default()
        };
        assert_eq!(clock_correction(&e, 1_744_895_318_000), Some(3_600_000));
        let other = ServiceError { code: "AccessDenied".into(), ..e.clone() };
        assert_eq!(clock_correction(&other, 0), None);
        let garbled = ServiceError { server_time: Some("soon".into()), ..e };
        assert_eq!(clock_correction(&garbled, 0), None);
    }
}
