//! Bucket lifecycle rules, as GetBucketLifecycle returns them. Rules with `IsAccessTime=true`
//! are why OSS refuses to disable access tracking (`AccessMonitorDisableNotAllowed`).

use crate::sanitize::xml_text;

/// A storage-class transition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub days: u32,
    pub storage_class: String,
    /// Counted from the last access time rather than the last modification.
    pub is_access_time: bool,
    pub return_to_std_when_visit: bool,
}

/// One lifecycle rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    pub prefix: String,
    pub expiration_days: Option<u32>,
    pub transition: Option<Transition>,
}

impl Rule {
    /// Whether the rule is based on last access time.
    pub fn is_access_time(&self) -> bool {
        self.transition.as_ref().is_some_and(|t| t.is_access_time)
    }

    /// The rule `demo-locked` has (and `--bucket NAME:lifecycle` or the control API gives).
    pub fn access_time_demo() -> Rule {
        Rule {
            id: "atime transition to IA".into(),
            prefix: "logs/".into(),
            expiration_days: None,
            transition: Some(Transition {
                days: 30,
                storage_class: "IA".into(),
                is_access_time: true,
                return_to_std_when_visit: false,
            }),
        }
    }

    /// An ordinary rule: expire after `days`, moving to IA after 30 days by modification time.
    pub fn ordinary_demo(prefix: &str, days: u32) -> Rule {
        Rule {
            id: format!("expire after {days} days"),
            prefix: prefix.into(),
            expiration_days: Some(days),
            transition: Some(Transition {
                days: 30,
                storage_class: "IA".into(),
                is_access_time: false,
                return_to_std_when_visit: false,
            }),
        }
    }
}

/// The `LifecycleConfiguration` document. `atime_base_s` is when access tracking was enabled
/// (OSS adds it as `AtimeBase` to access-time rules).
pub fn xml(rules: &[Rule], atime_base_s: i64) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LifecycleConfiguration>\n");
    for r in rules {
        out.push_str(&format!(
            "  <Rule>\n    <ID>{}</ID>\n    <Prefix>{}</Prefix>\n    <Status>Enabled</Status>\n",
            xml_text(&r.id),
            xml_text(&r.prefix)
        ));
        if let Some(t) = &r.transition {
            out.push_str(&format!(
                "    <Transition>\n      <Days>{}</Days>\n      <StorageClass>{}</StorageClass>\n      \
                 <IsAccessTime>{}</IsAccessTime>\n",
                t.days,
                xml_text(&t.storage_class),
                t.is_access_time
            ));
            if t.is_access_time {
                out.push_str(&format!(
                    "      <ReturnToStdWhenVisit>{}</ReturnToStdWhenVisit>\n",
                    t.return_to_std_when_visit
                ));
            }
            out.push_str("    </Transition>\n");
        }
        if let Some(days) = r.expiration_days {
            out.push_str(&format!("    <Expiration>\n      <Days>{days}</Days>\n    </Expiration>\n"));
        }
        if r.is_access_time() {
            out.push_str(&format!("    <AtimeBase>{atime_base_s}</AtimeBase>\n"));
        }
        out.push_str("  </Rule>\n");
    }
    out.push_str("</LifecycleConfiguration>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_time_rules_carry_atime_base() {
        let x = xml(&[Rule::access_time_demo(), Rule::ordinary_demo("", 180)], 1_631_698_332);
        assert_eq!(x.matches("<Rule>").count(), 2);
        assert_eq!(x.matches("<AtimeBase>1631698332</AtimeBase>").count(), 1);
        assert!(x.contains("<IsAccessTime>true</IsAccessTime>"));
        assert!(x.contains("<IsAccessTime>false</IsAccessTime>"));
        assert!(x.contains("<Expiration>\n      <Days>180</Days>"));
    }
}
