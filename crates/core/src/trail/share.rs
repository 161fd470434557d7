//! The explorer's state in the URL hash (`#/events?in.eventName=PutBucket&q=deny&sel=…`), so a
//! copied link restores filters, time range, search and the selected event.

use super::query::Filter;
use super::store::Field;
use crate::oss::encode::{percent_decode, query_component};

/// The longest link query read, in bytes: past it the rest is left out (and said so).
pub const MAX_LINK_BYTES: usize = 32 * 1024;
/// The most values of one field a link brings back.
pub const MAX_LINK_VALUES: usize = 100;

/// What [`read`] left out of a link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trimmed {
    /// The link was this many bytes long: only the first [`MAX_LINK_BYTES`] were read.
    pub link_bytes: Option<usize>,
    /// Fields that had more than [`MAX_LINK_VALUES`] values, with how many were left out.
    pub values: Vec<(Field, usize)>,
}

impl Trimmed {
    /// Whether nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.link_bytes.is_none() && self.values.is_empty()
    }
}

/// What a link carries besides the filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewState {
    pub filter: Filter,
    /// Newest first (the default, as in every trail console).
    pub desc: bool,
    pub selected: Option<String>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState { filter: Filter::default(), desc: true, selected: None }
    }
}

fn join(values: &[String]) -> String {
    // Values are encoded one by one, so the separating comma stays unambiguous.
    values.iter().map(|v| query_component(v)).collect::<Vec<_>>().join(",")
}

/// Encode as a query string (no leading `?`); empty for the default view.
pub fn to_query(v: &ViewState) -> String {
    let mut parts = Vec::new();
    for (field, values) in &v.filter.include {
        parts.push(format!("in.{}={}", field.key(), join(values)));
    }
    for (field, values) in &v.filter.exclude {
        parts.push(format!("ex.{}={}", field.key(), join(values)));
    }
    if let Some(from) = v.filter.from_ms {
        parts.push(format!("from={from}"));
    }
    if let Some(to) = v.filter.to_ms {
        parts.push(format!("to={to}"));
    }
    if !v.filter.text.is_empty() {
        parts.push(format!("q={}", query_component(&v.filter.text)));
    }
    if v.filter.errors_only {
        parts.push("errors=1".into());
    }
    if v.filter.sensitive_only {
        parts.push("sensitive=1".into());
    }
    // The order is always written, first (a link cut at its byte cap keeps it): a link from
    // before newest-first was the default says nothing for oldest first, and must keep meaning it.
    if !parts.is_empty() || !v.desc || v.selected.is_some() {
        parts.insert(0, if v.desc { "order=desc" } else { "order=asc" }.into());
    }
    if let Some(sel) = &v.selected {
        parts.push(format!("sel={}", query_component(sel)));
    }
    parts.join("&")
}

/// Decode what `to_query` wrote; unknown or malformed parts are ignored.
pub fn from_query(q: &str) -> ViewState {
    read(q).0
}

/// Decode what `to_query` wrote, within the caps ([`MAX_LINK_BYTES`], [`MAX_LINK_VALUES`] per
/// field), and say what was left out. Unknown or malformed parts are ignored.
pub fn read(q: &str) -> (ViewState, Trimmed) {
    let mut trimmed = Trimmed::default();
    let mut q = q.trim_start_matches('?');
    if q.is_empty() {
        return (ViewState::default(), trimmed);
    }
    // A link without `order` was written when oldest first was the default.
    let mut v = ViewState { desc: false, ..ViewState::default() };
    if q.len() > MAX_LINK_BYTES {
        trimmed.link_bytes = Some(q.len());
        // Whole parts only: cut at the last `&` within the cap (ASCII, so a char boundary).
        let head = &q.as_bytes()[..MAX_LINK_BYTES];
        q = &q[..head.iter().rposition(|&b| b == b'&').unwrap_or(0)];
    }
    // Values of a field over the cap (included or excluded, however many times the field is
    // repeated): counted without decoding them.
    let mut taken: std::collections::HashMap<(bool, Field), usize> = std::collections::HashMap::new();
    let mut capped = |field: Field, exclude: bool, value: &str| -> Vec<String> {
        let room = taken.entry((exclude, field)).or_default();
        let (values, extra) = split_capped(value, MAX_LINK_VALUES - *room);
        *room += values.len();
        if extra > 0 {
            match trimmed.values.iter_mut().find(|(f, _)| *f == field) {
                Some((_, n)) => *n += extra,
                None => trimmed.values.push((field, extra)),
            }
        }
        values
    };
    for part in q.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        if let Some(field) = key.strip_prefix("in.").and_then(Field::from_key) {
            let values = capped(field, false, value);
            // A repeat past the cap adds nothing (an empty list would match no event).
            if !values.is_empty() {
                v.filter.include.push((field, values));
            }
        } else if let Some(field) = key.strip_prefix("ex.").and_then(Field::from_key) {
            let values = capped(field, true, value);
            if !values.is_empty() {
                v.filter.exclude.push((field, values));
            }
        } else {
            match key {
                "from" => v.filter.from_ms = value.parse().ok(),
                "to" => v.filter.to_ms = value.parse().ok(),
                "q" => v.filter.text = percent_decode(value),
                "errors" => v.filter.errors_only = value == "1",
                "sensitive" => v.filter.sensitive_only = value == "1",
                "order" => v.desc = value == "desc",
                "sel" => v.selected = Some(percent_decode(value)).filter(|s| !s.is_empty()),
                _ => {}
            }
        }
    }
    (v, trimmed)
}

/// The first `cap` comma-separated values, decoded, and how many more there were.
fn split_capped(v: &str, cap: usize) -> (Vec<String>, usize) {
    let mut parts = v.split(',');
    let kept: Vec<String> = parts.by_ref().take(cap).map(percent_decode).collect();
    (kept, parts.count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_awkward_values() {
        let v = ViewState {
            filter: Filter {
                include: vec![
                    (Field::EventName, vec!["PutBucket".into(), "Get,Odd&Name=1".into()]),
                    (Field::ErrorCode, vec!["".into()]),
                ],
                exclude: vec![(Field::UserName, vec!["oss-role:session 1".into(), "中文".into()])],
                from_ms: Some(1_761_955_200_000),
                to_ms: Some(1_762_041_600_000),
                text: "access denied #1".into(),
                errors_only: true,
                sensitive_only: true,
            },
            desc: true,
            selected: Some("6110E64B004C4034363CDC5E".into()),
        };
        let q = to_query(&v);
        assert!(!q.contains(' ') && !q.contains('#'), "{q}");
        assert_eq!(from_query(&q), v);
        assert_eq!(to_query(&ViewState::default()), "");
        assert_eq!(from_query(""), ViewState::default());
    }

    #[test]
    fn a_long_link_or_too_many_values_are_cut_and_said_so() {
        let many: Vec<String> = (0..250).map(|i| format!("v{i}")).collect();
        let v = ViewState {
            filter: Filter {
                include: vec![(Field::EventName, many.clone())],
                exclude: vec![(Field::UserName, many[..120].to_vec())],
                ..Default::default()
            },
            ..Default::default()
        };
        let (read_back, trimmed) = read(&to_query(&v));
        assert_eq!(read_back.filter.include[0].1, many[..MAX_LINK_VALUES]);
        assert_eq!(read_back.filter.exclude[0].1.len(), MAX_LINK_VALUES);
        assert_eq!(trimmed, Trimmed { link_bytes: None, values: vec![(Field::EventName, 150), (Field::UserName, 20)] });
        // A link past the byte cap keeps its whole parts before the cap, and says how long it was.
        let long = format!("errors=1&q={}&order=desc", "x".repeat(MAX_LINK_BYTES));
        let (read_back, trimmed) = read(&long);
        assert!(read_back.filter.errors_only && read_back.filter.text.is_empty() && !read_back.desc);
        assert_eq!(trimmed.link_bytes, Some(long.len()));
        // A field repeated is capped as a whole.
        let part = format!("in.eventName={}", many[..60].join(","));
        let (read_back, trimmed) = read(&format!("{part}&{part}&{part}"));
        assert_eq!(read_back.filter.include.iter().map(|(_, v)| v.len()).collect::<Vec<_>>(), [60, 40]);
        assert_eq!(trimmed.values, vec![(Field::EventName, 80)]);
        // Within the caps nothing is said.
        assert!(read("in.eventName=a,b").1.is_empty());
        // A million commas cost a count, not a million strings.
        let (read_back, trimmed) = read(&format!("in.eventName={}", ",".repeat(30_000)));
        assert_eq!(read_back.filter.include[0].1.len(), MAX_LINK_VALUES);
        assert_eq!(trimmed.values, vec![(Field::EventName, 30_001 - MAX_LINK_VALUES)]);
    }

    /// Links written by the console as it was on 2026-12-04: people have shared these, so they
    /// must keep opening the same view (a renamed key or a changed encoding breaks them all).
    #[test]
    fn links_shared_before_keep_restoring_the_same_view() {
        let fixtures: [(&str, ViewState); 3] = [
            (
                "in.eventName=PutBucketAcl,DeleteBucket&ex.errorCode=AccessDenied&from=1761955200000&to=1762041600000&errors=1&order=desc",
                ViewState {
                    filter: Filter {
                        include: vec![(Field::EventName, vec!["PutBucketAcl".into(), "DeleteBucket".into()])],
                        exclude: vec![(Field::ErrorCode, vec!["AccessDenied".into()])],
                        from_ms: Some(1_761_955_200_000),
                        to_ms: Some(1_762_041_600_000),
                        errors_only: true,
                        ..Filter::default()
                    },
                    desc: true,
                    selected: None,
                },
            ),
            (
                "in.bucket=prod-logs&in.userName=oss-role%3Asession%201&q=access%20denied&sensitive=1&sel=6110E64B004C4034363CDC5E",
                ViewState {
                    filter: Filter {
                        include: vec![
                            (Field::Bucket, vec!["prod-logs".into()]),
                            (Field::UserName, vec!["oss-role:session 1".into()]),
                        ],
                        text: "access denied".into(),
                        sensitive_only: true,
                        ..Filter::default()
                    },
                    desc: false,
                    selected: Some("6110E64B004C4034363CDC5E".into()),
                },
            ),
            (
                "in.sourceIpAddress=203.0.113.9&ex.acsRegion=cn-hangzhou,%E4%B8%AD%E6%96%87&in.accessKeyId=STS.NUgYrLnoC9zbf8xHDDgKxkt2S",
                ViewState {
                    filter: Filter {
                        include: vec![
                            (Field::SourceIpAddress, vec!["203.0.113.9".into()]),
                            (Field::AccessKeyId, vec!["STS.NUgYrLnoC9zbf8xHDDgKxkt2S".into()]),
                        ],
                        exclude: vec![(Field::AcsRegion, vec!["cn-hangzhou".into(), "中文".into()])],
                        ..Filter::default()
                    },
                    desc: false,
                    selected: None,
                },
            ),
        ];
        for (link, view) in fixtures {
            assert_eq!(from_query(link), view, "{link}");
        }
    }

    #[test]
    fn newest_first_is_the_default_and_old_links_keep_their_order() {
        assert!(ViewState::default().desc);
        assert_eq!(to_query(&ViewState { desc: false, ..ViewState::default() }), "order=asc");
        let errors = ViewState { filter: Filter { errors_only: true, ..Filter::default() }, ..ViewState::default() };
        assert_eq!(to_query(&errors), "order=desc&errors=1");
        assert_eq!(from_query("order=desc&errors=1"), errors);
        // Cut at its byte cap, a link keeps its order.
        let long = ViewState {
            filter: Filter { text: "x".repeat(MAX_LINK_BYTES), ..Filter::default() },
            ..ViewState::default()
        };
        assert!(read(&to_query(&long)).0.desc);
        // Written before newest first was the default: no `order` meant oldest first.
        assert!(!from_query("errors=1").desc);
        for v in [errors.clone(), ViewState { desc: false, ..errors }, ViewState::default()] {
            assert_eq!(from_query(&to_query(&v)), v);
        }
    }

    #[test]
    fn junk_is_ignored() {
        let v = from_query("in.nope=1&from=abc&zzz&sel=&in.eventName=");
        assert!(v.filter.include.len() == 1 && v.filter.from_ms.is_none() && v.selected.is_none());
    }
}
