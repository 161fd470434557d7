//! What a change to a bucket's access tracking or lifecycle rules asked for, read from its
//! event's `requestParameters`: the tracking status, or the lifecycle rules' IDs. The bucket's
//! history shows it beside who and when.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What one write event asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// `PutBucketAccessMonitor`: the status asked for (`Enabled` or `Disabled`).
    Tracking(String),
    /// `PutBucketLifecycle`: the IDs of the rules written (the whole configuration: any rule not
    /// listed was removed). A rule without an ID is "".
    Rules(Vec<String>),
    /// `DeleteBucketLifecycle`: every rule removed.
    RulesDeleted,
}

/// The most rule IDs kept per event (a configuration holds at most 1,000).
const MAX_IDS: usize = 1000;
/// The most characters kept of one value.
const MAX_VALUE_CHARS: usize = 255;

/// The writes this module reads, by their event name (any case).
const WRITES: [&str; 3] = ["PutBucketAccessMonitor", "PutBucketLifecycle", "DeleteBucketLifecycle"];

/// Whether `event_name` is a change this module reads (so its event is worth reading back).
pub fn is_change(event_name: &str) -> bool {
    WRITES.iter().any(|w| w.eq_ignore_ascii_case(event_name))
}

/// The change `event` (its JSON) asked for, when it is a write this module knows and its
/// parameters say.
pub fn of(event_name: &str, event: &[u8]) -> Option<Change> {
    let name = *WRITES.iter().find(|w| w.eq_ignore_ascii_case(event_name))?;
    if name == "DeleteBucketLifecycle" {
        return Some(Change::RulesDeleted);
    }
    let v: Value = serde_json::from_slice(event).ok()?;
    let params = match v.get("requestParameters")? {
        // Some services log the parameters as a JSON string.
        Value::String(s) => serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone())),
        other => other.clone(),
    };
    match name {
        "PutBucketAccessMonitor" => {
            let status = match &params {
                Value::String(xml) => tag_values(xml, "Status").into_iter().next(),
                _ => find(&params, "AccessMonitorConfiguration")
                    .and_then(|c| find(c, "Status"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            }?;
            Some(Change::Tracking(clip(&status)))
        }
        _ => {
            let ids = match &params {
                Value::String(xml) => tag_values(xml, "ID"),
                _ => {
                    let rules = find(&params, "LifecycleConfiguration").and_then(|c| find(c, "Rule"))?;
                    let list = match rules {
                        Value::Array(a) => a.iter().collect(),
                        one => vec![one],
                    };
                    list.into_iter()
                        .map(|r| find(r, "ID").and_then(Value::as_str).unwrap_or_default().to_string())
                        .collect()
                }
            };
            Some(Change::Rules(ids.iter().take(MAX_IDS).map(|s| clip(s)).collect()))
        }
    }
}

/// A key of an object, in any case (`Status`, `status`).
fn find<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
}

/// The text of each `<tag>…</tag>` in `xml` (a body logged as it was sent).
fn tag_values(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else { break };
        out.push(after[..end].to_string());
        rest = &after[end + close.len()..];
        if out.len() >= MAX_IDS {
            break;
        }
    }
    out
}

fn clip(s: &str) -> String {
    s.chars().take(MAX_VALUE_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_and_rule_ids_asked_for_are_read_in_every_shape() {
        let put = br#"{"eventName":"PutBucketAccessMonitor","requestParameters":{"BucketName":"b","AccessMonitorConfiguration":{"Status":"Disabled"}}}"#;
        assert_eq!(of("PutBucketAccessMonitor", put), Some(Change::Tracking("Disabled".into())));
        let as_string = br#"{"requestParameters":"{\"AccessMonitorConfiguration\":{\"Status\":\"Enabled\"}}"}"#;
        assert_eq!(of("PutBucketAccessMonitor", as_string), Some(Change::Tracking("Enabled".into())));
        let xml = br#"{"requestParameters":"<AccessMonitorConfiguration><Status>Enabled</Status></AccessMonitorConfiguration>"}"#;
        assert_eq!(of("PutBucketAccessMonitor", xml), Some(Change::Tracking("Enabled".into())));

        let one =
            br#"{"requestParameters":{"LifecycleConfiguration":{"Rule":{"ID":"atime-to-ia","Status":"Enabled"}}}}"#;
        assert_eq!(of("PutBucketLifecycle", one), Some(Change::Rules(vec!["atime-to-ia".into()])));
        let two = br#"{"requestParameters":{"LifecycleConfiguration":{"Rule":[{"ID":"a"},{"Status":"Enabled"}]}}}"#;
        assert_eq!(of("PutBucketLifecycle", two), Some(Change::Rules(vec!["a".into(), String::new()])));
        assert_eq!(of("DeleteBucketLifecycle", b"not json"), Some(Change::RulesDeleted));
        // Event names in any case, as some trails write them.
        assert_eq!(of("putbucketaccessmonitor", put), Some(Change::Tracking("Disabled".into())));
        assert!(is_change("PUTBUCKETLIFECYCLE") && !is_change("GetBucketLifecycle"));
    }

    #[test]
    fn what_is_not_said_is_not_guessed() {
        assert_eq!(of("PutBucketAccessMonitor", br#"{"requestParameters":{"BucketName":"b"}}"#), None);
        assert_eq!(of("PutBucketLifecycle", br#"{"eventName":"PutBucketLifecycle"}"#), None);
        assert_eq!(of("GetBucketAccessMonitor", br#"{"requestParameters":{}}"#), None);
        assert_eq!(of("PutBucketAccessMonitor", b"\xff garbage"), None);
        assert_eq!(of("PutBucketLifecycle", br#"{"requestParameters":"<ID>unclosed"}"#), Some(Change::Rules(vec![])));
    }
}
