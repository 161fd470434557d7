//! ListObjectsV2 (`GET /?list-type=2`): the request, and its `ListBucketResult` answer read
//! safely. `encoding-type=url` is always sent (keys may hold bytes XML 1.0 cannot carry), and the
//! fields OSS then encodes are decoded, as the official SDKs do when the answer says
//! `EncodingType=url`.

use super::credentials::Credentials;
use super::encode;
use super::request::{signed_request, BucketTarget, HttpRequest};
use quick_xml::events::Event;
use quick_xml::Reader;

/// The most keys OSS returns in one answer (and the most `max-keys` may ask for).
pub const MAX_KEYS: u32 = 1000;
/// Answers above this are not read: 1,000 keys of 1,023 bytes each, URL-encoded, fit easily.
pub const MAX_BODY_BYTES: usize = 8 << 20;
/// Elements nested deeper than this are not an OSS listing.
const MAX_DEPTH: usize = 8;

/// What to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListParams {
    /// Only keys starting with this.
    pub prefix: String,
    /// Group keys by this after the prefix into common prefixes (`/` lists one folder level).
    pub delimiter: Option<String>,
    /// Where the previous page ended (its `NextContinuationToken`).
    pub continuation_token: Option<String>,
    /// Only keys after this one.
    pub start_after: Option<String>,
    /// Keys (and common prefixes) per page, 1 to [`MAX_KEYS`]; `None`: OSS's default (100).
    pub max_keys: Option<u32>,
}

impl ListParams {
    /// The query pairs of the call (owned; `list-type=2` and `encoding-type=url` always).
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![("list-type", "2".to_string()), ("encoding-type", "url".to_string())];
        q.push(("prefix", self.prefix.clone()));
        if let Some(d) = self.delimiter.as_ref().filter(|d| !d.is_empty()) {
            q.push(("delimiter", d.clone()));
        }
        if let Some(t) = self.continuation_token.as_ref().filter(|t| !t.is_empty()) {
            q.push(("continuation-token", t.clone()));
        }
        if let Some(s) = self.start_after.as_ref().filter(|s| !s.is_empty()) {
            q.push(("start-after", s.clone()));
        }
        if let Some(n) = self.max_keys {
            q.push(("max-keys", n.clamp(1, MAX_KEYS).to_string()));
        }
        q
    }
}

/// `GET /?list-type=2&…` on the bucket, signed.
pub fn request(target: &BucketTarget, params: &ListParams, creds: &Credentials, now_ms: i64) -> HttpRequest {
    let query = params.query();
    let pairs: Vec<(&str, Option<&str>)> = query.iter().map(|(k, v)| (*k, Some(v.as_str()))).collect();
    signed_request(target, "GET", None, &pairs, &[], None, creds, now_ms)
}

/// One object in a listing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectSummary {
    /// The key, decoded.
    pub key: String,
    /// Bytes, as stored.
    pub size: u64,
    /// As OSS wrote it (ISO 8601, UTC).
    pub last_modified: String,
    /// As OSS wrote it (quotes included).
    pub etag: String,
    /// `Standard`, `IA`, `Archive`, … as listed.
    pub storage_class: String,
}

/// One page of a listing, with every encoded field decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListPage {
    pub name: String,
    pub prefix: String,
    pub delimiter: String,
    pub start_after: String,
    pub continuation_token: String,
    /// What to send as `continuation-token` for the next page, when truncated.
    pub next_continuation_token: Option<String>,
    pub is_truncated: bool,
    /// Keys plus common prefixes on this page, as OSS counted them.
    pub key_count: Option<u64>,
    pub max_keys: Option<u64>,
    /// `url` when the fields were encoded (and have been decoded here).
    pub encoding_type: String,
    pub contents: Vec<ObjectSummary>,
    /// The folders one level down (each ends with the delimiter).
    pub common_prefixes: Vec<String>,
}

/// Why a listing answer could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error("the listing is empty")]
    Empty,
    #[error("the listing is {0} bytes, more than an OSS listing page can be")]
    TooLarge(usize),
    #[error("the listing is not XML ({0})")]
    NotXml(String),
    #[error("expected <ListBucketResult> but the answer's root element is <{0}>")]
    WrongRoot(String),
    #[error("<{field}> is not a number: {value:?}")]
    BadNumber { field: &'static str, value: String },
    #[error("<IsTruncated> is neither true nor false: {0:?}")]
    BadFlag(String),
    #[error("the listing says there is more (IsTruncated) but gives no NextContinuationToken")]
    NoContinuationToken,
}

fn decode_field(s: String, url: bool) -> String {
    if url {
        encode::percent_decode(&s)
    } else {
        s
    }
}

fn number(field: &'static str, text: &str) -> Result<u64, ListError> {
    text.trim().parse().map_err(|_| ListError::BadNumber { field, value: text.chars().take(40).collect() })
}

#[derive(Default)]
struct RawPage {
    page: ListPage,
    size: Option<String>,
    key_count: Option<String>,
    max_keys: Option<String>,
    truncated: Option<String>,
    next: Option<String>,
}

fn resolve_reference(name: &str) -> Result<String, ListError> {
    super::xml::resolve_reference(name).map_err(|e| match e {
        super::xml::XmlError::NotXml(why) => ListError::NotXml(why),
        other => ListError::NotXml(other.to_string()),
    })
}

/// Read a `ListBucketResult` body. Never panics; every shape it does not expect is an error.
pub fn parse(body: &[u8]) -> Result<ListPage, ListError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ListError::TooLarge(body.len()));
    }
    let text = std::str::from_utf8(body).map_err(|_| ListError::NotXml("not UTF-8".into()))?;
    if text.trim().is_empty() {
        return Err(ListError::Empty);
    }
    let mut reader = Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut value = String::new();
    let mut raw = RawPage::default();
    let mut object: Option<ObjectSummary> = None;
    let mut seen_root = false;
    loop {
        let event = reader.read_event().map_err(|e| ListError::NotXml(e.to_string()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if path.is_empty() && seen_root => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                return Err(ListError::NotXml(format!("a second root element <{name}>")));
            }
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if path.is_empty() && name != "ListBucketResult" {
                    return Err(ListError::WrongRoot(name));
                }
                if path.len() == MAX_DEPTH {
                    return Err(ListError::NotXml("elements nested too deep".into()));
                }
                seen_root = true;
                path.push(name);
                value.clear();
                if path.len() == 2 && path[1] == "Contents" {
                    object = Some(ObjectSummary::default());
                }
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if path.is_empty() {
                    if name != "ListBucketResult" {
                        return Err(ListError::WrongRoot(name));
                    }
                    seen_root = true;
                    continue;
                }
                // `<Prefix/>`: an element with empty text.
                path.push(name);
                value.clear();
                assign(&path, std::mem::take(&mut value), &mut raw, &mut object)?;
                path.pop();
            }
            Event::Text(t) => {
                let t = t.decode().map_err(|e| ListError::NotXml(e.to_string()))?;
                if path.is_empty() {
                    if !t.trim().is_empty() {
                        return Err(ListError::NotXml("text outside the root element".into()));
                    }
                } else {
                    value.push_str(&t);
                }
            }
            Event::CData(t) => value.push_str(&t.decode().map_err(|e| ListError::NotXml(e.to_string()))?),
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| ListError::NotXml(e.to_string()))?;
                value.push_str(&resolve_reference(&name)?);
            }
            Event::End(_) => {
                assign(&path, std::mem::take(&mut value), &mut raw, &mut object)?;
                path.pop();
            }
            Event::DocType(_) => return Err(ListError::NotXml("DOCTYPE declarations are not accepted".into())),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !seen_root {
        return Err(ListError::NotXml("no element found".into()));
    }
    if !path.is_empty() {
        return Err(ListError::NotXml("the listing ends early".into()));
    }
    finish(raw)
}

/// Store the text of the element that just ended (`path` still includes it).
fn assign(
    path: &[String],
    text: String,
    raw: &mut RawPage,
    object: &mut Option<ObjectSummary>,
) -> Result<(), ListError> {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let page = &mut raw.page;
    match p[..] {
        [_, "Name"] => page.name = text,
        [_, "Prefix"] => page.prefix = text,
        [_, "Delimiter"] => page.delimiter = text,
        [_, "StartAfter"] => page.start_after = text,
        [_, "ContinuationToken"] => page.continuation_token = text,
        [_, "NextContinuationToken"] => raw.next = Some(text),
        [_, "EncodingType"] => page.encoding_type = text.trim().to_string(),
        [_, "IsTruncated"] => raw.truncated = Some(text),
        [_, "KeyCount"] => raw.key_count = Some(text),
        [_, "MaxKeys"] => raw.max_keys = Some(text),
        [_, "Contents"] => {
            if let Some(mut o) = object.take() {
                o.size = number("Size", raw.size.take().as_deref().unwrap_or("0"))?;
                page.contents.push(o);
            }
        }
        [_, "Contents", field] => {
            if let Some(o) = object.as_mut() {
                match field {
                    "Key" => o.key = text,
                    "Size" => raw.size = Some(text),
                    "LastModified" => o.last_modified = text.trim().to_string(),
                    "ETag" => o.etag = text.trim().to_string(),
                    "StorageClass" => o.storage_class = text.trim().to_string(),
                    _ => {}
                }
            }
        }
        [_, "CommonPrefixes", "Prefix"] => page.common_prefixes.push(text),
        _ => {}
    }
    Ok(())
}

fn finish(raw: RawPage) -> Result<ListPage, ListError> {
    let mut page = raw.page;
    let url = page.encoding_type.eq_ignore_ascii_case("url");
    page.is_truncated = match raw.truncated.as_deref().map(str::trim) {
        None => false,
        Some(t) if t.eq_ignore_ascii_case("true") => true,
        Some(t) if t.eq_ignore_ascii_case("false") => false,
        Some(t) => return Err(ListError::BadFlag(t.chars().take(40).collect())),
    };
    page.key_count = raw.key_count.as_deref().map(|v| number("KeyCount", v)).transpose()?;
    page.max_keys = raw.max_keys.as_deref().map(|v| number("MaxKeys", v)).transpose()?;
    page.next_continuation_token = raw.next.filter(|t| !t.is_empty()).map(|t| decode_field(t, url));
    if page.is_truncated && page.next_continuation_token.is_none() {
        return Err(ListError::NoContinuationToken);
    }
    page.prefix = decode_field(std::mem::take(&mut page.prefix), url);
    page.delimiter = decode_field(std::mem::take(&mut page.delimiter), url);
    page.start_after = decode_field(std::mem::take(&mut page.start_after), url);
    page.continuation_token = decode_field(std::mem::take(&mut page.continuation_token), url);
    for o in &mut page.contents {
        o.key = decode_field(std::mem::take(&mut o.key), url);
    }
    for p in &mut page.common_prefixes {
        *p = decode_field(std::mem::take(p), url);
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oss::request::Addressing;

    fn creds() -> Credentials {
        Credentials {
            access_key_id: "STS.id".into(),
            access_key_secret: "secret".into(),
            security_token: Some("token".into()),
            expiration_ms: None,
        }
    }

    #[test]
    fn the_request_always_asks_for_url_encoding_and_encodes_its_values() {
        let t = BucketTarget::new("trail", "cn-hangzhou", "", Addressing::VirtualHosted).unwrap();
        let p = ListParams {
            prefix: "a b/AliyunLogs/Actiontrail/".into(),
            delimiter: Some("/".into()),
            continuation_token: Some("tok+/=".into()),
            start_after: Some("a b/x".into()),
            max_keys: Some(5000),
        };
        let r = request(&t, &p, &creds(), 0);
        assert_eq!(
            r.url,
            "https://trail.oss-cn-hangzhou.aliyuncs.com/?list-type=2&encoding-type=url\
             &prefix=a%20b%2FAliyunLogs%2FActiontrail%2F&delimiter=%2F&continuation-token=tok%2B%2F%3D\
             &start-after=a%20b%2Fx&max-keys=1000"
        );
        assert_eq!(r.method, "GET");
        let bare = request(&t, &ListParams::default(), &creds(), 0);
        assert_eq!(bare.url, "https://trail.oss-cn-hangzhou.aliyuncs.com/?list-type=2&encoding-type=url&prefix=");
    }

    #[test]
    fn an_encoded_page_is_decoded_field_by_field() {
        // Shaped like OSS's documented ListObjectsV2 answer with encoding-type=url.
        let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>examplebucket</Name>
  <Prefix>a%20b%2F</Prefix>
  <StartAfter>a%20b%2F0</StartAfter>
  <ContinuationToken>CgJi%2B%3D</ContinuationToken>
  <MaxKeys>3</MaxKeys>
  <Delimiter>%2F</Delimiter>
  <EncodingType>url</EncodingType>
  <IsTruncated>true</IsTruncated>
  <NextContinuationToken>Cg%2Fx%2By%3D%3D</NextContinuationToken>
  <KeyCount>3</KeyCount>
  <Contents>
    <Key>a%20b%2F%E6%97%A5%E5%BF%97%2B1.gz</Key>
    <LastModified>2025-11-01T00:04:51.000Z</LastModified>
    <ETag>&quot;5B3C1A2E053D763E1B002CC607C5A0FE&quot;</ETag>
    <Type>Normal</Type>
    <Size>1146</Size>
    <StorageClass>Standard</StorageClass>
    <Owner><ID>1</ID><DisplayName>1</DisplayName></Owner>
  </Contents>
  <Contents><Key>a%20b%2F100%25.txt</Key><Size>0</Size></Contents>
  <CommonPrefixes><Prefix>a%20b%2Fsub%20dir%2F</Prefix></CommonPrefixes>
</ListBucketResult>"#;
        let p = parse(body.as_bytes()).unwrap();
        assert_eq!(p.prefix, "a b/");
        assert_eq!(p.start_after, "a b/0");
        assert_eq!(p.continuation_token, "CgJi+=");
        assert_eq!(p.delimiter, "/");
        assert_eq!(p.next_continuation_token.as_deref(), Some("Cg/x+y=="));
        assert!(p.is_truncated);
        assert_eq!((p.key_count, p.max_keys), (Some(3), Some(3)));
        assert_eq!(p.contents.len(), 2);
        assert_eq!(p.contents[0].key, "a b/日志+1.gz");
        assert_eq!(p.contents[0].size, 1146);
        assert_eq!(p.contents[0].etag, "\"5B3C1A2E053D763E1B002CC607C5A0FE\"");
        assert_eq!(p.contents[0].last_modified, "2025-11-01T00:04:51.000Z");
        assert_eq!(p.contents[1].key, "a b/100%.txt");
        assert_eq!(p.common_prefixes, ["a b/sub dir/"]);
    }

    #[test]
    fn without_encoding_type_nothing_is_decoded() {
        let body = "<ListBucketResult><Prefix>p%20</Prefix><IsTruncated>false</IsTruncated>\
            <Contents><Key>p%20x &amp; y&#x4E2D;</Key><Size>7</Size></Contents></ListBucketResult>";
        let p = parse(body.as_bytes()).unwrap();
        assert_eq!(p.prefix, "p%20");
        assert_eq!(p.contents[0].key, "p%20x & y中");
        assert!(!p.is_truncated);
        assert_eq!(parse(b"<ListBucketResult/>").unwrap(), ListPage::default());
    }

    #[test]
    fn hostile_and_broken_bodies_are_typed_errors() {
        assert_eq!(parse(b"  "), Err(ListError::Empty));
        assert_eq!(parse(&vec![b' '; MAX_BODY_BYTES + 1]), Err(ListError::TooLarge(MAX_BODY_BYTES + 1)));
        assert_eq!(parse(b"<Error><Code>AccessDenied</Code></Error>"), Err(ListError::WrongRoot("Error".into())));
        assert!(matches!(parse(b"<html><body>hi</body></html>"), Err(ListError::WrongRoot(_))));
        assert!(matches!(parse(b"not xml"), Err(ListError::NotXml(_))));
        assert!(matches!(parse(b"\xff\xfe<ListBucketResult/>"), Err(ListError::NotXml(_))));
        let xxe = br#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><ListBucketResult/>"#;
        assert!(matches!(parse(xxe), Err(ListError::NotXml(_))));
        assert!(matches!(
            parse(b"<ListBucketResult><Contents><Key>&x;</Key></Contents></ListBucketResult>"),
            Err(ListError::NotXml(_))
        ));
        assert!(matches!(parse(b"<ListBucketResult><Contents>"), Err(ListError::NotXml(_))));
        assert!(matches!(parse(b"<ListBucketResult/><ListBucketResult/>"), Err(ListError::NotXml(_))));
        let deep = format!("<ListBucketResult>{}{}</ListBucketResult>", "<n>".repeat(5000), "</n>".repeat(5000));
        assert!(matches!(parse(deep.as_bytes()), Err(ListError::NotXml(_))));
        assert_eq!(
            parse(b"<ListBucketResult><Contents><Key>k</Key><Size>-1</Size></Contents></ListBucketResult>"),
            Err(ListError::BadNumber { field: "Size", value: "-1".into() })
        );
        assert_eq!(
            parse(b"<ListBucketResult><IsTruncated>maybe</IsTruncated></ListBucketResult>"),
            Err(ListError::BadFlag("maybe".into()))
        );
        assert_eq!(
            parse(b"<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>"),
            Err(ListError::NoContinuationToken)
        );
        assert!(matches!(
            parse(b"<ListBucketResult><KeyCount>x</KeyCount></ListBucketResult>"),
            Err(ListError::BadNumber { .. })
        ));
        assert!(matches!(
            parse(b"<ListBucketResult><Prefix>&#0;</Prefix></ListBucketResult>"),
            Err(ListError::NotXml(_))
        ));
    }
}
