//! Request descriptions: what the browser must send, exactly, and the signing behind it.

use super::credentials::Credentials;
use super::encode;
use super::sign::{self, Signed, SigningInput, PRODUCT_OSS};
use super::validate::{self, Endpoint, InputError};
use base64::Engine;
use md5::{Digest, Md5};

/// How the bucket appears in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Addressing {
    /// `https://bucket.oss-region.aliyuncs.com/` (OSS's default).
    #[default]
    VirtualHosted,
    /// `http://host:port/bucket/` (emulators and gateways).
    PathStyle,
}

/// A checked bucket, region and endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BucketTarget {
    pub bucket: String,
    pub region: String,
    pub endpoint: Endpoint,
    pub addressing: Addressing,
}

impl BucketTarget {
    /// Check the form fields. An empty endpoint means the region's public endpoint.
    pub fn new(bucket: &str, region: &str, endpoint: &str, addressing: Addressing) -> Result<Self, InputError> {
        let bucket = bucket.trim();
        validate::bucket(bucket)?;
        let region = validate::region(region)?;
        let endpoint = if endpoint.trim().is_empty() {
            validate::endpoint(&super::regions::default_endpoint(&region))?
        } else {
            validate::endpoint(endpoint)?
        };
        if addressing == Addressing::VirtualHosted && endpoint.host_is_ip() {
            return Err(InputError::VirtualHostedNeedsName(endpoint.host.clone()));
        }
        Ok(BucketTarget { bucket: bucket.to_string(), region, endpoint, addressing })
    }

    /// The origin requests go to (what the bucket's CORS rule and this page talk to).
    pub fn origin(&self) -> String {
        match self.addressing {
            Addressing::VirtualHosted => self.endpoint.origin_with_prefix(&format!("{}.", self.bucket)),
            Addressing::PathStyle => self.endpoint.origin_with_prefix(""),
        }
    }

    /// The full URL of a bucket-level call with the given wire query.
    pub fn url(&self, wire_query: &str) -> String {
        self.object_url(None, wire_query)
    }

    /// The full URL of a call on `key` (or on the bucket), with the given wire query.
    pub fn object_url(&self, key: Option<&str>, wire_query: &str) -> String {
        let key = key.map(encode::path).unwrap_or_default();
        let path = match self.addressing {
            Addressing::VirtualHosted => format!("/{key}"),
            Addressing::PathStyle => format!("/{}/{key}", self.bucket),
        };
        if wire_query.is_empty() {
            format!("{}{path}", self.origin())
        } else {
            format!("{}{path}?{wire_query}", self.origin())
        }
    }
}

/// Build the wire query from (name, value) pairs: strict RFC 3986, bare names for `None`.
pub fn wire_query(params: &[(&str, Option<&str>)]) -> String {
    params
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{}={}", encode::query_component(k), encode::query_component(v)),
            None => encode::query_component(k),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// base64(MD5(body)), the `Content-MD5` value.
pub fn content_md5(body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(body))
}

/// A request ready to send: every header here is sent as is, and nothing else may be added.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub signed: Signed,
    /// The most response body bytes to read (after the browser's decoding of any
    /// `Content-Encoding`); past it the transport stops reading and fails with `TooLarge`.
    pub read_limit: Option<u64>,
}

impl std::fmt::Debug for HttpRequest {
    /// Header names only: the values include the security token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>())
            .field("body", &self.body.as_ref().map(|b| b.len()))
            .field("read_limit", &self.read_limit)
            .finish_non_exhaustive()
    }
}

/// Build and sign a bucket-level request. `Content-Type: application/xml` and `Content-MD5` are
/// always set, as the SDKs do (fetch would otherwise add a Content-Type we did not sign).
pub fn bucket_request(
    target: &BucketTarget,
    method: &str,
    params: &[(&str, Option<&str>)],
    body: Option<String>,
    creds: &Credentials,
    now_ms: i64,
) -> HttpRequest {
    signed_request(target, method, None, params, &[], body, creds, now_ms)
}

/// Build and sign a request on `key` (or the bucket), with extra headers (such as `range`).
#[allow(clippy::too_many_arguments)]
pub fn signed_request(
    target: &BucketTarget,
    method: &str,
    key: Option<&str>,
    params: &[(&str, Option<&str>)],
    extra_headers: &[(&str, &str)],
    body: Option<String>,
    creds: &Credentials,
    now_ms: i64,
) -> HttpRequest {
    let query = wire_query(params);
    let mut headers = vec![
        ("content-type".to_string(), "application/xml".to_string()),
        ("content-md5".to_string(), content_md5(body.as_deref().unwrap_or_default().as_bytes())),
    ];
    headers.extend(extra_headers.iter().map(|(n, v)| (n.to_ascii_lowercase(), v.to_string())));
    let input = SigningInput {
        method,
        bucket: Some(&target.bucket),
        key,
        query: &query,
        headers: &headers,
        region: &target.region,
        product: PRODUCT_OSS,
        additional_headers: &[],
    };
    let signed = sign::sign(&input, creds, now_ms);
    HttpRequest {
        method: method.to_string(),
        url: target.object_url(key, &query),
        headers: signed.headers.clone(),
        body,
        signed,
        read_limit: None,
    }
}

/// A response as the shell received it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct HttpResponse {
    pub status: u16,
    /// Lowercase names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The body as text (lossy: OSS XML is UTF-8).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// A header's value by (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// `x-oss-request-id`, if exposed.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-oss-request-id")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_for_both_addressing_styles() {
        let t = BucketTarget::new("demo", "oss-cn-hangzhou", "", Addressing::VirtualHosted).unwrap();
        assert_eq!(t.url("accessmonitor"), "https://demo.oss-cn-hangzhou.aliyuncs.com/?accessmonitor");
        let t = BucketTarget::new("demo", "cn-hangzhou", "http://localhost:9000", Addressing::VirtualHosted).unwrap();
        assert_eq!(t.url("accessmonitor"), "http://demo.localhost:9000/?accessmonitor");
        let t = BucketTarget::new("demo", "cn-hangzhou", "http://127.0.0.1:9000/", Addressing::PathStyle).unwrap();
        assert_eq!(t.url("accessmonitor"), "http://127.0.0.1:9000/demo/?accessmonitor");
        assert_eq!(t.origin(), "http://127.0.0.1:9000");
        assert_eq!(
            BucketTarget::new("demo", "cn-hangzhou", "http://127.0.0.1:9000", Addressing::VirtualHosted),
            Err(InputError::VirtualHostedNeedsName("127.0.0.1".into()))
        );
    }

    #[test]
    fn object_urls_encode_the_key_in_both_styles() {
        let t = BucketTarget::new("demo", "cn-hangzhou", "http://localhost:9000", Addressing::VirtualHosted).unwrap();
        assert_eq!(t.object_url(Some("a b/c+d.gz"), ""), "http://demo.localhost:9000/a%20b/c%2Bd.gz");
        let t = BucketTarget::new("demo", "cn-hangzhou", "http://127.0.0.1:9000", Addressing::PathStyle).unwrap();
        assert_eq!(t.object_url(Some("k/1.gz"), "x=1"), "http://127.0.0.1:9000/demo/k/1.gz?x=1");
    }

    #[test]
    fn debug_never_prints_the_token() {
        let t = BucketTarget::new("demo", "cn-hangzhou", "", Addressing::VirtualHosted).unwrap();
        let creds = Credentials {
            access_key_id: "STS.id".into(),
            access_key_secret: "the-secret".into(),
            security_token: Some("the-token-value".into()),
            expiration_ms: None,
        };
        let r = bucket_request(&t, "GET", &[("accessmonitor", None)], None, &creds, 0);
        let d = format!("{r:?} {:?}", r.signed);
        assert!(!d.contains("the-token-value") && !d.contains("the-secret"), "{d}");
    }

    #[test]
    fn content_md5_matches_the_sdks() {
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    }

    #[test]
    fn wire_query_is_strict() {
        assert_eq!(wire_query(&[("accessmonitor", None)]), "accessmonitor");
        assert_eq!(wire_query(&[("a b", Some("c+d")), ("e", Some(""))]), "a%20b=c%2Bd&e=");
    }
}
