//! Target `listing`: ListObjectsV2 answers (`oss::list_objects::parse`). A page is generated
//! from choices (keys and common prefixes with non-ASCII and reserved characters, tokens,
//! counts, `encoding-type=url` or not) and written as OSS writes it; then either read back as is,
//! which must give exactly the page written, or bent (the XML mutations of `xml::document`,
//! field values that are not numbers or flags, cuts) or replaced by raw bytes, which must not
//! panic and, when read, keep the reader's promises.

use super::xml::document;
use super::Choices;
use crate::oss::encode::query_component;
use crate::oss::list_objects::{parse, ListError};

/// Characters keys are made of: ASCII that needs escaping or encoding, and non-ASCII.
const KEY_PARTS: &[&str] = &[
    "actiontrail/",
    "AliyunLogs/",
    "2025/11/01/",
    "a",
    "Z",
    "9",
    " ",
    "+",
    "&",
    "<",
    "%",
    "=",
    "中",
    "日志",
    "~",
    ".gz",
    "/",
];

fn key(c: &mut Choices) -> String {
    let mut k = String::new();
    for _ in 0..c.range(1, 6) {
        k.push_str(c.pick::<&str>(KEY_PARTS));
    }
    k
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Run one case; panics only on a broken promise.
pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    if c.chance(10) {
        let _ = parse(c.rest());
        return;
    }
    let url = c.flag();
    let enc = |s: &str| if url { query_component(s) } else { escape(s) };
    let keys: Vec<String> = (0..c.below(6)).map(|_| key(&mut c)).collect();
    let prefixes: Vec<String> = (0..c.below(3)).map(|_| format!("{}/", key(&mut c))).collect();
    let truncated = c.flag();
    let token = truncated.then(|| key(&mut c));
    let prefix = if c.flag() { key(&mut c) } else { String::new() };
    let max_keys = c.range(1, 1000) as u64;
    let mut children: Vec<(String, String)> = vec![
        ("Name".into(), "demo-trail".into()),
        ("Prefix".into(), enc(&prefix)),
        ("MaxKeys".into(), max_keys.to_string()),
        ("Delimiter".into(), enc("/")),
    ];
    if url {
        children.push(("EncodingType".into(), "url".into()));
    }
    children.push(("IsTruncated".into(), truncated.to_string()));
    if let Some(t) = &token {
        children.push(("NextContinuationToken".into(), enc(t)));
    }
    children.push(("KeyCount".into(), (keys.len() + prefixes.len()).to_string()));
    for (i, k) in keys.iter().enumerate() {
        let contents = format!(
            "<Key>{}</Key><LastModified>2025-11-01T00:05:30.000Z</LastModified><ETag>\"5B3C1A\"</ETag>\
             <Type>Normal</Type><Size>{}</Size><StorageClass>Standard</StorageClass>",
            enc(k),
            i * 1000
        );
        children.push(("Contents".into(), contents));
    }
    for p in &prefixes {
        children.push(("CommonPrefixes".into(), format!("<Prefix>{}</Prefix>", enc(p))));
    }

    if c.chance(40) {
        // Bent: whatever comes back must hold together.
        if c.flag() {
            let k = c.below(children.len());
            children[k].1 = c.odd_text(24);
        }
        let body = document(&mut c, "ListBucketResult", &children);
        if let Ok(page) = parse(&body) {
            assert!(!page.is_truncated || page.next_continuation_token.is_some(), "truncated without a token");
        }
        return;
    }
    let inner: String = children.iter().map(|(n, v)| format!("<{n}>{v}</{n}>")).collect();
    let body = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult>{inner}</ListBucketResult>");
    let page = parse(body.as_bytes()).unwrap_or_else(|e: ListError| panic!("a page as OSS writes it ({e}): {body}"));
    assert_eq!(page.contents.iter().map(|o| o.key.clone()).collect::<Vec<_>>(), keys, "{body}");
    assert_eq!(page.common_prefixes, prefixes, "{body}");
    assert_eq!(page.prefix, prefix, "{body}");
    assert_eq!((page.is_truncated, page.next_continuation_token), (truncated, token), "{body}");
    assert_eq!(page.key_count, Some((keys.len() + prefixes.len()) as u64));
    assert_eq!(page.max_keys, Some(max_keys));
    for (i, o) in page.contents.iter().enumerate() {
        assert_eq!(o.size, i as u64 * 1000);
    }
}
