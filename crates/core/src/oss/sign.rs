//! OSS Signature V4 (`OSS4-HMAC-SHA256`) in header mode. Time and credentials are inputs.
//!
//! The pieces (`canonical_request`, `string_to_sign`, `signature`) are public so the emulator can
//! verify a request from what it received, and the UI can show every intermediate string.

use super::credentials::Credentials;
use super::encode;
use crate::time::UtcDateTime;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The algorithm name in the `Authorization` header and the string to sign.
pub const ALGORITHM: &str = "OSS4-HMAC-SHA256";
/// The only payload hash OSS accepts from V4 header signing.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The product in the scope for ordinary OSS.
pub const PRODUCT_OSS: &str = "oss";

/// What is being signed. `headers` are the request's own headers (lowercase names); the signer
/// adds `x-oss-date`, `x-oss-content-sha256`, `x-oss-security-token` and `Authorization`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningInput<'a> {
    pub method: &'a str,
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
    /// The query string exactly as sent (already RFC 3986-encoded), without `?`.
    pub query: &'a str,
    pub headers: &'a [(String, String)],
    /// Region id without `oss-` (`cn-hangzhou`).
    pub region: &'a str,
    pub product: &'a str,
    /// Extra header names to sign beyond the default set (usually none).
    pub additional_headers: &'a [String],
}

/// Everything the signer produced: the headers to send and the strings behind them.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// All headers to send, in order: the input's, then the signer's, `authorization` last.
    pub headers: Vec<(String, String)>,
    pub datetime: String,
    pub scope: String,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signature: String,
    pub authorization: String,
    /// Names of the headers covered by the signature, sorted.
    pub signed_headers: Vec<String>,
    pub additional_headers: Vec<String>,
}

impl std::fmt::Debug for Signed {
    /// Without the headers and the canonical request: they hold the security token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signed")
            .field("datetime", &self.datetime)
            .field("scope", &self.scope)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &self.signature)
            .finish_non_exhaustive()
    }
}

/// Whether OSS V4 signs this (lowercase) header name by default.
pub fn is_default_signed(name: &str) -> bool {
    name.starts_with("x-oss-") || name == "content-type" || name == "content-md5"
}

/// The canonical URI: `/`, `/bucket/` or `/bucket/key`, percent-encoded keeping `/`.
pub fn canonical_uri(bucket: Option<&str>, key: Option<&str>) -> String {
    let mut uri = String::from("/");
    if let Some(b) = bucket {
        uri.push_str(b);
        uri.push('/');
    }
    if let Some(k) = key {
        uri.push_str(k);
    }
    encode::path(&uri)
}

/// The canonical query: the wire query split on `&`, sorted by (name, value), bare names for
/// empty values.
pub fn canonical_query(wire_query: &str) -> String {
    if wire_query.is_empty() {
        return String::new();
    }
    let mut pairs: Vec<(&str, &str)> = wire_query.split('&').map(|p| p.split_once('=').unwrap_or((p, ""))).collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| if v.is_empty() { (*k).to_string() } else { format!("{k}={v}") })
        .collect::<Vec<_>>()
        .join("&")
}

/// The additional headers actually signed: requested, not default-signed, present and non-empty.
pub fn effective_additional_headers(requested: &[String], headers: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = requested
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .filter(|h| !is_default_signed(h))
        .filter(|h| headers.iter().any(|(n, v)| n.eq_ignore_ascii_case(h) && !v.is_empty()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The canonical request. `headers` must already hold `x-oss-date` etc.
pub fn canonical_request(
    method: &str,
    canonical_uri: &str,
    wire_query: &str,
    headers: &[(String, String)],
    additional: &[String],
) -> String {
    let mut signed: Vec<(String, &str)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.as_str()))
        .filter(|(n, _)| is_default_signed(n) || additional.contains(n))
        .collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical_headers: String = signed.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let payload = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("x-oss-content-sha256"))
        .map(|(_, v)| v.as_str())
        .unwrap_or(UNSIGNED_PAYLOAD);
    format!(
        "{method}\n{canonical_uri}\n{}\n{canonical_headers}\n{}\n{payload}",
        canonical_query(wire_query),
        additional.join(";")
    )
}

/// `date/region/product/aliyun_v4_request`.
pub fn scope(date: &str, region: &str, product: &str) -> String {
    format!("{date}/{region}/{product}/aliyun_v4_request")
}

/// The string to sign for a canonical request.
pub fn string_to_sign(datetime: &str, scope: &str, canonical_request: &str) -> String {
    let hash = Sha256::digest(canonical_request.as_bytes());
    format!("{ALGORITHM}\n{datetime}\n{scope}\n{}", encode::hex(&hash))
}

fn hmac(key: &[u8], msg: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(msg);
    mac.finalize().into_bytes().to_vec()
}

/// The hex signature: the `aliyun_v4` key chain over date, region, product, then the string.
pub fn signature(secret: &str, date: &str, region: &str, product: &str, string_to_sign: &str) -> String {
    let k_date = hmac(format!("aliyun_v4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac(&k_date, region.as_bytes());
    let k_product = hmac(&k_region, product.as_bytes());
    let k_signing = hmac(&k_product, b"aliyun_v4_request");
    encode::hex(&hmac(&k_signing, string_to_sign.as_bytes()))
}

/// Sign `input` with `creds` at `now_ms` (Unix milliseconds, already clock-corrected).
pub fn sign(input: &SigningInput<'_>, creds: &Credentials, now_ms: i64) -> Signed {
    let datetime = UtcDateTime::from_unix_millis(now_ms).iso8601_basic();
    let date = &datetime[..8];
    let mut headers: Vec<(String, String)> = input
        .headers
        .iter()
        .filter(|(n, _)| {
            // The signer owns these; a caller's copy would be sent twice.
            !matches!(
                n.to_ascii_lowercase().as_str(),
                "x-oss-date" | "x-oss-content-sha256" | "x-oss-security-token" | "authorization"
            )
        })
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect();
    headers.push(("x-oss-date".into(), datetime.clone()));
    if let Some(token) = creds.security_token.as_deref().filter(|t| !t.is_empty()) {
        headers.push(("x-oss-security-token".into(), token.to_string()));
    }
    headers.push(("x-oss-content-sha256".into(), UNSIGNED_PAYLOAD.into()));

    let scope = scope(date, input.region, input.product);
    let additional = effective_additional_headers(input.additional_headers, &headers);
    let uri = canonical_uri(input.bucket, input.key);
    let canonical_request = canonical_request(input.method, &uri, input.query, &headers, &additional);
    let string_to_sign = string_to_sign(&datetime, &scope, &canonical_request);
    let signature = signature(&creds.access_key_secret, date, input.region, input.product, &string_to_sign);

    let mut authorization = format!("{ALGORITHM} Credential={}/{scope}", creds.access_key_id);
    if !additional.is_empty() {
        authorization.push_str(",AdditionalHeaders=");
        authorization.push_str(&additional.join(";"));
    }
    authorization.push_str(",Signature=");
    authorization.push_str(&signature);

    let mut signed_headers: Vec<String> =
        headers.iter().map(|(n, _)| n.clone()).filter(|n| is_default_signed(n) || additional.contains(n)).collect();
    signed_headers.sort();
    headers.push(("authorization".into(), authorization.clone()));
    Signed {
        headers,
        datetime,
        scope,
        canonical_request,
        string_to_sign,
        signature,
        authorization,
        signed_headers,
        additional_headers: additional,
    }
}

/// The parts of an `OSS4-HMAC-SHA256` Authorization header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedAuthorization {
    pub access_key_id: String,
    pub date: String,
    pub region: String,
    pub product: String,
    pub additional_headers: Vec<String>,
    pub signature: String,
}

/// Parse an Authorization header as the SDKs write it (also tolerating `, ` separators).
pub fn parse_authorization(value: &str) -> Option<ParsedAuthorization> {
    let rest = value.strip_prefix(ALGORITHM)?.trim_start();
    let (mut credential, mut additional, mut signature) = (None, Vec::new(), None);
    for part in rest.split(',').map(str::trim) {
        if let Some(c) = part.strip_prefix("Credential=") {
            credential = Some(c);
        } else if let Some(a) = part.strip_prefix("AdditionalHeaders=") {
            additional = a.split(';').filter(|s| !s.is_empty()).map(str::to_string).collect();
        } else if let Some(s) = part.strip_prefix("Signature=") {
            signature = Some(s);
        }
    }
    let mut c = credential?.splitn(5, '/');
    let (ak, date, region, product, terminal) = (c.next()?, c.next()?, c.next()?, c.next()?, c.next()?);
    if terminal != "aliyun_v4_request" || ak.is_empty() {
        return None;
    }
    Some(ParsedAuthorization {
        access_key_id: ak.into(),
        date: date.into(),
        region: region.into(),
        product: product.into(),
        additional_headers: additional,
        signature: signature?.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: "ak".into(),
            access_key_secret: "sk".into(),
            security_token: token.map(str::to_string),
            expiration_ms: None,
        }
    }

    #[test]
    fn reference_put_canonical_request() {
        // The PUT from the reference notes, reproduced by the PY and JS signers.
        let headers = vec![
            ("content-md5".to_string(), "j6HsKnyyuLFOmTSZhBs+4Q==".to_string()),
            ("content-type".to_string(), "application/xml".to_string()),
        ];
        let input = SigningInput {
            method: "PUT",
            bucket: Some("examplebucket"),
            key: None,
            query: "accessmonitor",
            headers: &headers,
            region: "cn-hangzhou",
            product: PRODUCT_OSS,
            additional_headers: &[],
        };
        let s = sign(&input, &creds(Some("CAIS+Test/Security=Token+/==")), 1_744_895_318_000);
        assert_eq!(
            s.canonical_request,
            "PUT\n/examplebucket/\naccessmonitor\ncontent-md5:j6HsKnyyuLFOmTSZhBs+4Q==\ncontent-type:application/xml\n\
             x-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20250417T130838Z\n\
             x-oss-security-token:CAIS+Test/Security=Token+/==\n\n\nUNSIGNED-PAYLOAD"
        );
        assert!(s
            .authorization
            .starts_with("OSS4-HMAC-SHA256 Credential=ak/20250417/cn-hangzhou/oss/aliyun_v4_request,Signature="));
        assert_eq!(s.signature.len(), 64);
        assert_eq!(s.headers.last().unwrap().0, "authorization");
    }

    #[test]
    fn no_token_header_without_token() {
        let input = SigningInput {
            method: "GET",
            bucket: Some("b"),
            key: None,
            query: "accessmonitor",
            headers: &[],
            region: "cn-hangzhou",
            product: PRODUCT_OSS,
            additional_headers: &[],
        };
        for token in [None, Some("")] {
            let s = sign(&input, &creds(token), 0);
            assert!(!s.headers.iter().any(|(n, _)| n == "x-oss-security-token"));
        }
    }

    #[test]
    fn canonical_query_sorts_and_bares_empty_values() {
        assert_eq!(canonical_query("b=2&a&c=&a=1"), "a&a=1&b=2&c");
        assert_eq!(canonical_query(""), "");
    }

    #[test]
    fn authorization_parses_back() {
        let p = parse_authorization(
            "OSS4-HMAC-SHA256 Credential=STS.x/20250417/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host;range,Signature=abc",
        )
        .unwrap();
        assert_eq!(p.access_key_id, "STS.x");
        assert_eq!(p.region, "cn-hangzhou");
        assert_eq!(p.additional_headers, vec!["host", "range"]);
        assert_eq!(p.signature, "abc");
        assert!(parse_authorization("OSS ak:sig").is_none());
        assert!(parse_authorization("OSS4-HMAC-SHA256 Credential=a/b/c,Signature=x").is_none());
    }
}
