//! OSS Signature V1 (`Authorization: OSS <AccessKeyId>:<base64 HMAC-SHA1>`) in header mode.
//!
//! OSS still accepts V1 and older SDKs and tools send it. The pieces are public so the emulator
//! can verify a request from what it received. Unlike V4, V1 signs only a fixed whitelist of
//! query parameters (plus those an operation declares), with values decoded, and the key
//! unencoded.

use super::credentials::Credentials;
use super::encode;
use crate::time::UtcDateTime;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// The scheme word in the `Authorization` header (`OSS ak:signature`).
pub const SCHEME: &str = "OSS";

/// Query parameters V1 always signs: the official SDKs' list (Python `SignerV1`, Go
/// `requiredSignedParametersMap`). Anything else is signed only if the operation declares it.
pub const SIGNED_SUBRESOURCES: &[&str] = &[
    "acl",
    "bucketInfo",
    "location",
    "stat",
    "delete",
    "append",
    "tagging",
    "objectMeta",
    "uploads",
    "uploadId",
    "partNumber",
    "security-token",
    "position",
    "response-content-type",
    "response-content-language",
    "response-expires",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "restore",
    "callback",
    "callback-var",
    "versions",
    "versioning",
    "versionId",
    "sequential",
    "continuation-token",
    "regionList",
    "cloudboxes",
    "symlink",
    "resourceGroup",
];

/// What is being signed. `headers` are the request's own headers; the signer adds `date`,
/// `x-oss-security-token` (when there is a token) and `authorization`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningInput<'a> {
    pub method: &'a str,
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
    /// The query string exactly as sent, without `?`.
    pub query: &'a str,
    pub headers: &'a [(String, String)],
    /// Parameters this operation signs beyond [`SIGNED_SUBRESOURCES`] (e.g. `lifecycle`).
    pub extra_subresources: &'a [&'a str],
}

/// Everything the V1 signer produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// All headers to send: the input's, then `date`, the token, `authorization` last.
    pub headers: Vec<(String, String)>,
    pub date: String,
    pub canonical_resource: String,
    pub string_to_sign: String,
    pub signature: String,
    pub authorization: String,
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// `/bucket/key` (unencoded) plus `?` and the signed parameters, decoded and sorted.
pub fn canonical_resource(
    bucket: Option<&str>,
    key: Option<&str>,
    wire_query: &str,
    extra_subresources: &[&str],
) -> String {
    let mut out = String::from("/");
    if let Some(b) = bucket {
        out.push_str(b);
        out.push('/');
    }
    if let Some(k) = key {
        out.push_str(k);
    }
    let mut pairs: Vec<(String, String)> = wire_query
        .split('&')
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(k, v)| (encode::percent_decode(k), encode::percent_decode(v)))
        .filter(|(k, _)| SIGNED_SUBRESOURCES.contains(&k.as_str()) || extra_subresources.contains(&k.as_str()))
        .collect();
    if !pairs.is_empty() {
        pairs.sort();
        let parts: Vec<String> =
            pairs.into_iter().map(|(k, v)| if v.is_empty() { k } else { format!("{k}={v}") }).collect();
        out.push('?');
        out.push_str(&parts.join("&"));
    }
    out
}

/// Every `x-oss-*` header as `name:value\n`, names lowercased, sorted by name.
pub fn canonical_oss_headers(headers: &[(String, String)]) -> String {
    let mut oss: Vec<(String, &str)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.as_str()))
        .filter(|(n, _)| n.starts_with("x-oss-"))
        .collect();
    oss.sort_by(|a, b| a.0.cmp(&b.0));
    oss.iter().map(|(n, v)| format!("{n}:{v}\n")).collect()
}

/// The date line: `x-oss-date` when present (browsers cannot set `Date`), else `Date`.
pub fn date_line(headers: &[(String, String)]) -> &str {
    header(headers, "x-oss-date").filter(|v| !v.is_empty()).or_else(|| header(headers, "date")).unwrap_or_default()
}

/// `VERB\nContent-MD5\nContent-Type\nDate\nCanonicalizedOSSHeaders` + `CanonicalizedResource`.
pub fn string_to_sign(method: &str, headers: &[(String, String)], canonical_resource: &str) -> String {
    format!(
        "{method}\n{}\n{}\n{}\n{}{canonical_resource}",
        header(headers, "content-md5").unwrap_or_default(),
        header(headers, "content-type").unwrap_or_default(),
        date_line(headers),
        canonical_oss_headers(headers)
    )
}

/// base64(HMAC-SHA1(secret, string to sign)).
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Sign `input` with `creds` at `now_ms` (Unix milliseconds). The token goes in
/// `x-oss-security-token`, as OSS documents it (so it is signed).
pub fn sign(input: &SigningInput<'_>, creds: &Credentials, now_ms: i64) -> Signed {
    let date = UtcDateTime::from_unix_millis(now_ms).http_date();
    let mut headers: Vec<(String, String)> = input
        .headers
        .iter()
        .filter(|(n, _)| !matches!(n.to_ascii_lowercase().as_str(), "date" | "x-oss-security-token" | "authorization"))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect();
    headers.push(("date".into(), date.clone()));
    if let Some(token) = creds.security_token.as_deref().filter(|t| !t.is_empty()) {
        headers.push(("x-oss-security-token".into(), token.to_string()));
    }
    let canonical_resource = canonical_resource(input.bucket, input.key, input.query, input.extra_subresources);
    let string_to_sign = string_to_sign(input.method, &headers, &canonical_resource);
    let signature = signature(&creds.access_key_secret, &string_to_sign);
    let authorization = format!("{SCHEME} {}:{signature}", creds.access_key_id);
    headers.push(("authorization".into(), authorization.clone()));
    Signed { headers, date, canonical_resource, string_to_sign, signature, authorization }
}

/// The parts of an `OSS ak:signature` Authorization header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedAuthorization {
    pub access_key_id: String,
    pub signature: String,
}

/// Parse `OSS <AccessKeyId>:<Signature>`; `None` for anything else (including V4 headers).
pub fn parse_authorization(value: &str) -> Option<ParsedAuthorization> {
    let rest = value.strip_prefix(SCHEME)?.strip_prefix(' ')?.trim();
    let (ak, sig) = rest.rsplit_once(':')?;
    if ak.is_empty() || sig.is_empty() || ak.contains(char::is_whitespace) {
        return None;
    }
    Some(ParsedAuthorization { access_key_id: ak.into(), signature: sig.into() })
}

/// The bytes of a string to sign as OSS echoes them in `StringToSignBytes` (`47 45 54 0A …`).
pub fn string_to_sign_bytes(string_to_sign: &str) -> String {
    string_to_sign.bytes().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
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
    fn python_sdk_unit_test_vector() {
        // The vector of the official Python SDK's own `test_v1.py::test_auth_header_1`.
        let headers = vec![
            ("Content-MD5".to_string(), "eB5eJF1ptWaXm4bijSPyxw==".to_string()),
            ("Content-Type".to_string(), "text/html".to_string()),
            ("x-oss-meta-author".to_string(), "alice".to_string()),
            ("x-oss-meta-magic".to_string(), "abracadabra".to_string()),
            ("x-oss-date".to_string(), "Wed, 28 Dec 2022 10:27:41 GMT".to_string()),
        ];
        let resource = canonical_resource(Some("examplebucket"), Some("nelson"), "", &[]);
        let sts = string_to_sign("PUT", &headers, &resource);
        assert_eq!(
            sts,
            "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\n\
             x-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n\
             /examplebucket/nelson"
        );
        assert_eq!(signature("sk", &sts), "kSHKmLxlyEAKtZPkJhG9bZb5k7M=");
    }

    #[test]
    fn only_whitelisted_parameters_are_signed_decoded_and_sorted() {
        assert_eq!(canonical_resource(Some("b"), None, "accessmonitor", &[]), "/b/");
        assert_eq!(canonical_resource(Some("b"), None, "lifecycle", &["lifecycle"]), "/b/?lifecycle");
        assert_eq!(
            canonical_resource(Some("b"), None, "list-type=2&continuation-token=a%2Fb%20c&encoding-type=url&acl", &[]),
            "/b/?acl&continuation-token=a/b c"
        );
        assert_eq!(
            canonical_resource(Some("b"), Some("dir/a b+c"), "versionId=x&uploads", &[]),
            "/b/dir/a b+c?uploads&versionId=x"
        );
        assert_eq!(canonical_resource(None, None, "", &[]), "/");
    }

    #[test]
    fn x_oss_date_replaces_date_and_oss_headers_are_sorted_lowercase() {
        let headers = vec![
            ("Date".to_string(), "Thu, 17 Nov 2005 18:49:58 GMT".to_string()),
            ("X-OSS-Date".to_string(), "Fri, 18 Nov 2005 18:49:58 GMT".to_string()),
            ("x-oss-b".to_string(), "2".to_string()),
        ];
        assert_eq!(date_line(&headers), "Fri, 18 Nov 2005 18:49:58 GMT");
        assert_eq!(canonical_oss_headers(&headers), "x-oss-b:2\nx-oss-date:Fri, 18 Nov 2005 18:49:58 GMT\n");
    }

    #[test]
    fn sign_sets_date_token_and_authorization() {
        let input = SigningInput {
            method: "GET",
            bucket: Some("b"),
            key: None,
            query: "accessmonitor",
            headers: &[],
            extra_subresources: &[],
        };
        let s = sign(&input, &creds(Some("tok")), 1_744_895_318_000);
        assert_eq!(s.date, "Thu, 17 Apr 2025 13:08:38 GMT");
        assert_eq!(s.string_to_sign, "GET\n\n\nThu, 17 Apr 2025 13:08:38 GMT\nx-oss-security-token:tok\n/b/");
        assert_eq!(s.authorization, format!("OSS ak:{}", s.signature));
        assert_eq!(s.headers.last().map(|h| h.0.as_str()), Some("authorization"));
        let s = sign(&input, &creds(Some("")), 0);
        assert!(!s.headers.iter().any(|(n, _)| n == "x-oss-security-token"));
    }

    #[test]
    fn authorization_parses_back() {
        assert_eq!(
            parse_authorization("OSS STS.ak:abc/def+=="),
            Some(ParsedAuthorization { access_key_id: "STS.ak".into(), signature: "abc/def+==".into() })
        );
        for bad in ["OSS4-HMAC-SHA256 Credential=a", "OSS ", "OSS :sig", "OSS ak:", "OSSak:sig", "OSS a k:sig"] {
            assert_eq!(parse_authorization(bad), None, "{bad}");
        }
        assert_eq!(string_to_sign_bytes("GET\n"), "47 45 54 0A");
    }
}
