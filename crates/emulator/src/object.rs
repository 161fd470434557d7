//! GetObject and HeadObject, with `Range` as OSS serves it: a valid `bytes=a-b` gives 206 and
//! `Content-Range`; an invalid or unsatisfiable range gives 200 and the whole object, unless the
//! request has `x-oss-range-behavior: standard` (then 416 `InvalidRange`, and an end past the
//! object is clamped). Only the first of several ranges is considered.

use crate::errors::{OssError, UNDOCUMENTED_EC};
use crate::http::{Request, Response};
use crate::store::Object;
use console_core::oss::error::OssCode;
use console_core::time::UtcDateTime;

/// What a `Range` header asks for, before knowing the object's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spec {
    /// `bytes=a-b` or `bytes=a-` (`end` None).
    From { start: u64, end: Option<u64> },
    /// `bytes=-n`: the last n bytes.
    Suffix(u64),
}

fn parse_spec(header: &str) -> Option<Spec> {
    let set = header.trim().strip_prefix("bytes=")?;
    let first = set.split(',').next()?.trim();
    let (a, b) = first.split_once('-')?;
    let num = |s: &str| -> Option<u64> {
        (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    match (a.trim(), b.trim()) {
        ("", n) => Some(Spec::Suffix(num(n)?)),
        (s, "") => Some(Spec::From { start: num(s)?, end: None }),
        (s, e) => {
            let (start, end) = (num(s)?, num(e)?);
            (start <= end).then_some(Spec::From { start, end: Some(end) })
        }
    }
}

/// The outcome of a `Range` header for an object of `size` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Served {
    Whole,
    /// Inclusive byte range.
    Part(u64, u64),
    Unsatisfiable,
}

/// Decide what to serve. `standard` is `x-oss-range-behavior: standard`.
pub fn resolve(range: Option<&str>, size: u64, standard: bool) -> Served {
    let Some(range) = range else { return Served::Whole };
    let Some(spec) = parse_spec(range) else {
        // Syntactically invalid: ignored, as HTTP says and OSS does.
        return Served::Whole;
    };
    let (start, end) = match spec {
        Spec::Suffix(0) => return if standard { Served::Unsatisfiable } else { Served::Whole },
        Spec::Suffix(n) if n > size => {
            if standard {
                (0, size.saturating_sub(1))
            } else {
                return Served::Whole;
            }
        }
        Spec::Suffix(n) => (size - n, size - 1),
        Spec::From { start, end } => (start, end.unwrap_or(u64::MAX)),
    };
    if start >= size {
        return if standard { Served::Unsatisfiable } else { Served::Whole };
    }
    if end >= size {
        let open_ended = matches!(spec, Spec::From { end: None, .. });
        if standard || open_ended {
            return Served::Part(start, size - 1);
        }
        return Served::Whole;
    }
    Served::Part(start, end)
}

/// Answer GET or HEAD for `object`. `gzip_encoding` adds `Content-Encoding: gzip` to `.gz` objects.
pub fn get(req: &Request, key: &str, object: &Object, gzip_encoding: bool) -> Result<Response, OssError> {
    let size = object.body.len() as u64;
    let standard = req.header("x-oss-range-behavior").is_some_and(|v| v.eq_ignore_ascii_case("standard"));
    let served = resolve(req.header("range"), size, standard);
    let head = req.method == "HEAD";
    let (status, body) = match served {
        Served::Whole => (200, object.body.clone()),
        Served::Part(a, b) => (206, object.body.slice(a as usize..(b + 1) as usize)),
        Served::Unsatisfiable => {
            return Err(OssError::new(
                416,
                OssCode::InvalidRange,
                "The requested range cannot be satisfied.",
                UNDOCUMENTED_EC,
            )
            .extra("RangeRequested", req.header("range").unwrap_or_default())
            .extra("ActualObjectSize", size.to_string())
            .extra("Key", key));
        }
    };
    let length = body.len();
    let mut r = if head { Response::empty(status) } else { Response { status, headers: vec![], body } };
    r = r
        .with("Content-Type", object.content_type)
        .with("ETag", object.etag.as_str())
        .with("Last-Modified", UtcDateTime::from_unix_millis(object.last_modified_ms).http_date())
        .with("Accept-Ranges", "bytes")
        .with("x-oss-object-type", "Normal")
        .with("x-oss-storage-class", object.storage_class);
    if head {
        // No body to measure: say how long the GET would be.
        r = r.with("Content-Length", length.to_string());
    }
    if let Served::Part(a, b) = served {
        r = r.with("Content-Range", format!("bytes {a}-{b}/{size}"));
    }
    if gzip_encoding && key.ends_with(".gz") {
        r = r.with("Content-Encoding", "gzip");
    }
    Ok(r)
}

/// GetObjectMeta (`HEAD /<key>?objectMeta`): the size, ETag and times, with
/// `x-oss-last-access-time` when access tracking is on and has seen the object read.
pub fn meta(object: &Object, tracking: bool) -> Response {
    let mut r = Response::empty(200)
        .with("Content-Length", object.body.len().to_string())
        .with("ETag", object.etag.as_str())
        .with("Last-Modified", UtcDateTime::from_unix_millis(object.last_modified_ms).http_date());
    if let (true, Some(t)) = (tracking, object.last_access_ms) {
        r = r.with("x-oss-last-access-time", UtcDateTime::from_unix_millis(t).http_date());
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use Served::*;

    #[test]
    fn ranges_as_oss_serves_them() {
        let cases: &[(&str, bool, Served)] = &[
            ("bytes=0-9", false, Part(0, 9)),
            ("bytes=10-", false, Part(10, 999)),
            ("bytes=-10", false, Part(990, 999)),
            ("bytes=0-999", false, Part(0, 999)),
            // Out of range: the whole object, unless standard behaviour is asked for.
            ("bytes=0-1000", false, Whole),
            ("bytes=0-1000", true, Part(0, 999)),
            ("bytes=1000-2000", false, Whole),
            ("bytes=1000-2000", true, Unsatisfiable),
            ("bytes=-2000", false, Whole),
            ("bytes=-2000", true, Part(0, 999)),
            ("bytes=-0", true, Unsatisfiable),
            // Invalid: ignored either way.
            ("bytes=9-1", true, Whole),
            ("bytes=a-b", true, Whole),
            ("items=0-1", true, Whole),
            ("bytes=", true, Whole),
            ("bytes=--1", true, Whole),
            ("bytes=99999999999999999999999-", true, Whole),
            // Several ranges: the first counts.
            ("bytes=0-1,5-6", false, Part(0, 1)),
        ];
        for (h, standard, want) in cases {
            assert_eq!(resolve(Some(h), 1000, *standard), *want, "{h} standard={standard}");
        }
        assert_eq!(resolve(None, 1000, false), Whole);
        assert_eq!(resolve(Some("bytes=0-0"), 0, false), Whole);
        assert_eq!(resolve(Some("bytes=0-0"), 0, true), Unsatisfiable);
    }
}
