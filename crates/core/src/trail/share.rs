//! The explorer's state in the URL hash (`#/events?in.eventName=PutBucket&q=deny&sel=…`), so a
//! copied link restores filters, time range, search and the selected event.

use super::query::Filter;
use super::store::Field;
use crate::oss::encode::{percent_decode, query_component};

/// What a link carries besides the filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub filter: Filter,
    pub desc: bool,
    pub selected: Option<String>,
}

fn join(values: &[String]) -> String {
    // Values are encoded one by one, so the separating comma stays unambiguous.
    values.iter().map(|v| query_component(v)).collect::<Vec<_>>().join(",")
}

fn split(v: &str) -> Vec<String> {
    v.split(',').map(percent_decode).collect()
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
    if v.desc {
        parts.push("order=desc".into());
    }
    if let Some(sel) = &v.selected {
        parts.push(format!("sel={}", query_component(sel)));
    }
    parts.join("&")
}

/// Decode what `to_query` wrote; unknown or malformed parts are ignored.
pub fn from_query(q: &str) -> ViewState {
    let mut v = ViewState::default();
    for part in q.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        if let Some(field) = key.strip_prefix("in.").and_then(Field::from_key) {
            v.filter.include.push((field, split(value)));
        } else if let Some(field) = key.strip_prefix("ex.").and_then(Field::from_key) {
            v.filter.exclude.push((field, split(value)));
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
    v
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
    fn junk_is_ignored() {
        let v = from_query("in.nope=1&from=abc&zzz&sel=&in.eventName=");
        assert!(v.filter.include.len() == 1 && v.filter.from_ms.is_none() && v.selected.is_none());
    }
}
