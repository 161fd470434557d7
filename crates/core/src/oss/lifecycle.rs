//! GetBucketLifecycle: the rules, and which are based on last access time (those are why OSS
//! refuses to turn access tracking off: `AccessMonitorDisableNotAllowed`).

use super::credentials::Credentials;
use super::request::{bucket_request, BucketTarget, HttpRequest};
use super::xml::{self, Element, XmlError};

/// The query of the call.
pub const QUERY: &[(&str, Option<&str>)] = &[("lifecycle", None)];

/// `GET /?lifecycle`.
pub fn get_request(target: &BucketTarget, creds: &Credentials, now_ms: i64) -> HttpRequest {
    bucket_request(target, "GET", QUERY, None, creds, now_ms)
}

/// One transition (to a storage class) of a rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Transition {
    pub days: Option<u32>,
    pub storage_class: String,
    /// Counted from the last access, not the last modification.
    pub access_time: bool,
    /// Objects move back to Standard when read.
    pub return_to_std_when_visit: bool,
    /// Applies to previous versions.
    pub noncurrent: bool,
}

/// One lifecycle rule, as the tracking view shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LifecycleRule {
    pub id: String,
    /// The key prefix it applies to ("" for the whole bucket).
    pub prefix: String,
    pub enabled: bool,
    pub transitions: Vec<Transition>,
    pub expiration_days: Option<u32>,
}

impl LifecycleRule {
    /// Whether any transition counts from the last access time.
    pub fn access_time(&self) -> bool {
        self.transitions.iter().any(|t| t.access_time)
    }
}

fn flag(e: &Element, name: &str) -> bool {
    e.text_of(name).is_some_and(|s| s.eq_ignore_ascii_case("true"))
}

fn days(e: &Element, name: &str) -> Option<u32> {
    e.text_of(name).and_then(|s| s.parse().ok())
}

/// Read a `LifecycleConfiguration` body.
pub fn parse(body: &str) -> Result<Vec<LifecycleRule>, XmlError> {
    let config = xml::parse(body, "LifecycleConfiguration")?;
    Ok(config
        .all("Rule")
        .map(|r| {
            let transition = |t: &Element, noncurrent: bool| Transition {
                days: days(t, if noncurrent { "NoncurrentDays" } else { "Days" }),
                storage_class: t.text_of("StorageClass").unwrap_or_default().to_string(),
                access_time: flag(t, "IsAccessTime"),
                return_to_std_when_visit: flag(t, "ReturnToStdWhenVisit"),
                noncurrent,
            };
            let mut transitions: Vec<Transition> = r.all("Transition").map(|t| transition(t, false)).collect();
            transitions.extend(r.all("NoncurrentVersionTransition").map(|t| transition(t, true)));
            LifecycleRule {
                id: r.text_of("ID").unwrap_or_default().to_string(),
                prefix: r
                    .text_of("Prefix")
                    .or_else(|| r.child("Filter").and_then(|f| f.text_of("Prefix")))
                    .unwrap_or_default()
                    .to_string(),
                enabled: r.text_of("Status") == Some("Enabled"),
                transitions,
                expiration_days: r.child("Expiration").and_then(|e| days(e, "Days")),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_time_rules_are_found_in_both_kinds_of_transition() {
        let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration>
  <Rule><ID>atime</ID><Prefix>logs/</Prefix><Status>Enabled</Status>
    <Transition><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime>
      <ReturnToStdWhenVisit>false</ReturnToStdWhenVisit></Transition></Rule>
  <Rule><ID>plain</ID><Prefix></Prefix><Status>Disabled</Status>
    <Transition><Days>60</Days><StorageClass>Archive</StorageClass></Transition>
    <Expiration><Days>180</Days></Expiration></Rule>
  <Rule><ID>old versions</ID><Filter><Prefix>v/</Prefix></Filter><Status>Enabled</Status>
    <NoncurrentVersionTransition><NoncurrentDays>10</NoncurrentDays><StorageClass>IA</StorageClass>
      <IsAccessTime>true</IsAccessTime></NoncurrentVersionTransition></Rule>
</LifecycleConfiguration>"#;
        let rules = parse(body).unwrap();
        assert_eq!(
            rules.iter().map(|r| (r.id.as_str(), r.access_time())).collect::<Vec<_>>(),
            [("atime", true), ("plain", false), ("old versions", true)]
        );
        assert_eq!(
            (rules[0].prefix.as_str(), rules[0].enabled, rules[0].transitions[0].days),
            ("logs/", true, Some(30))
        );
        assert_eq!((rules[1].enabled, rules[1].expiration_days), (false, Some(180)));
        assert_eq!((rules[2].prefix.as_str(), rules[2].transitions[0].noncurrent), ("v/", true));
        assert!(parse("<LifecycleConfiguration/>").unwrap().is_empty());
        assert!(parse("<Error><Code>x</Code></Error>").is_err());
    }
}
