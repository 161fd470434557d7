//! OSS XML bodies built from choices: the documented documents (`<Error>`,
//! `AccessMonitorConfiguration`, `LifecycleConfiguration`) with their fields bent (odd text,
//! entities, CDATA, comments, attributes, prefixes, nested or repeated elements, a DOCTYPE,
//! truncation, bytes that are not UTF-8), or arbitrary bytes.

use super::Choices;
use crate::oss::error::KNOWN_CODES;
use crate::time::UtcDateTime;

/// Text for an element, escaped as a server would (or not, sometimes).
pub fn element_text(c: &mut Choices, value: &str) -> String {
    match c.byte() % 8 {
        0 => format!("<![CDATA[{value}]]>"),
        1 => value.chars().map(|ch| format!("&#{};", ch as u32)).collect(),
        2 => format!("{value}&amp;&lt;&#x41;&bogus;"),
        3 => format!("<!-- c -->{value}<?pi x?>"),
        4 => format!("<b>{value}</b>"),
        5 => value.to_string(),
        _ => value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"),
    }
}

/// A document: the XML declaration (or not), the root with `children`, then bent.
pub fn document(c: &mut Choices, root: &str, children: &[(String, String)]) -> Vec<u8> {
    let mut s = String::new();
    match c.byte() % 4 {
        0 => s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        1 => s.push_str("\u{FEFF}<?xml version=\"1.0\"?>"),
        2 if c.chance(20) => s.push_str("<!DOCTYPE r [<!ENTITY x \"boom\">]>"),
        _ => {}
    }
    let attr = if c.chance(10) { " xmlns=\"http://doc.oss-cn-hangzhou.aliyuncs.com\" a=\"&quot;\"" } else { "" };
    s.push_str(&format!("<{root}{attr}>"));
    for (name, text) in children {
        let name = if c.chance(5) { format!("oss:{name}") } else { name.clone() };
        s.push_str(&format!("<{name}>{text}</{name}>"));
        if c.chance(5) {
            s.push_str(&format!("<{name}>{text}</{name}>"));
        }
    }
    if c.chance(5) {
        s.push_str(&"<n>".repeat(c.range(1, 3000)));
    }
    s.push_str(&format!("</{root}>"));
    let mut bytes = s.into_bytes();
    match c.byte() % 10 {
        0 => {
            let cut = c.below(bytes.len() + 1);
            bytes.truncate(cut);
        }
        1 => {
            let at = c.below(bytes.len() + 1);
            let raw = c.bytes(8).to_vec();
            bytes.splice(at..at, raw);
        }
        2 if c.chance(10) => bytes.extend(std::iter::repeat_n(b' ', crate::oss::xml::MAX_BODY_BYTES)),
        _ => {}
    }
    bytes
}

/// A `ServerTime`/`RequestTime` value: what OSS writes, or bent.
pub fn server_time(c: &mut Choices, now_ms: i64) -> String {
    if c.chance(60) {
        let skew = (c.below(200) as i64 - 100) * 60_000;
        UtcDateTime::from_unix_millis(now_ms + skew).iso8601_millis()
    } else {
        c.odd_time()
    }
}

/// An `<Error>` body: a known code (or an odd one), the usual fields, and code-specific extras
/// that may carry `echo` (a server echoing what it was sent).
pub fn error_body(c: &mut Choices, now_ms: i64, echo: &[String]) -> Vec<u8> {
    let code = match c.byte() % 4 {
        0 => c.odd_text(24),
        1 => "RequestTimeTooSkewed".to_string(),
        _ => c.pick(KNOWN_CODES).0.to_string(),
    };
    let mut fields: Vec<(&str, String)> = vec![("Code", code)];
    let names = [
        "Message",
        "RequestId",
        "HostId",
        "EC",
        "RecommendDoc",
        "CanonicalRequest",
        "StringToSign",
        "OSSAccessKeyId",
        "SignatureProvided",
        "ServerTime",
        "RequestTime",
        "MaxAllowedSkewMilliseconds",
        "BucketName",
    ];
    for name in names {
        if c.chance(50) {
            continue;
        }
        let value = match name {
            "ServerTime" | "RequestTime" => server_time(c, now_ms),
            _ if !echo.is_empty() && c.chance(40) => {
                let e = c.pick(echo);
                format!("{}{e}{}", c.odd_text(8), c.odd_text(8))
            }
            _ => c.odd_text(32),
        };
        fields.push((name, value));
    }
    if c.chance(20) {
        // Code not first.
        let k = c.below(fields.len());
        fields.swap(0, k);
    }
    let children: Vec<(String, String)> =
        fields.into_iter().map(|(n, v)| (n.to_string(), element_text(c, &v))).collect();
    let root = if c.chance(5) { "error" } else { "Error" };
    document(c, root, &children)
}

/// An `AccessMonitorConfiguration` body.
pub fn access_monitor_body(c: &mut Choices) -> Vec<u8> {
    let status = match c.byte() % 4 {
        0 => c.odd_text(12),
        1 => "Disabled".to_string(),
        _ => "Enabled".to_string(),
    };
    let status = element_text(c, &status);
    document(c, "AccessMonitorConfiguration", &[("Status".into(), status)])
}

/// A `LifecycleConfiguration` body with a few rules.
pub fn lifecycle_body(c: &mut Choices) -> Vec<u8> {
    let mut rules = Vec::new();
    for _ in 0..c.below(4) {
        let mut r = String::new();
        let days = |c: &mut Choices| match c.byte() % 4 {
            0 => c.pick(&["-1", "4294967296", "99999999999999999999", " 30 ", "1e3", "０"]).to_string(),
            1 => c.odd_text(8),
            _ => c.below(400).to_string(),
        };
        r.push_str(&format!("<ID>{}</ID><Status>{}</Status>", c.odd_text(16), c.pick(&["Enabled", "Disabled", ""])));
        if c.flag() {
            r.push_str(&format!("<Prefix>{}</Prefix>", c.odd_text(16)));
        } else {
            r.push_str(&format!("<Filter><Prefix>{}</Prefix></Filter>", c.odd_text(16)));
        }
        for _ in 0..c.below(3) {
            let tag = *c.pick(&["Transition", "NoncurrentVersionTransition"]);
            let d = *c.pick(&["Days", "NoncurrentDays"]);
            r.push_str(&format!(
                "<{tag}><{d}>{}</{d}><StorageClass>{}</StorageClass><IsAccessTime>{}</IsAccessTime>\
                 <ReturnToStdWhenVisit>{}</ReturnToStdWhenVisit></{tag}>",
                days(c),
                c.pick(&["IA", "Archive", ""]),
                c.pick(&["true", "TRUE", " true ", "false", "1", ""]),
                c.pick(&["true", "false", "x"]),
            ));
        }
        if c.flag() {
            r.push_str(&format!("<Expiration><Days>{}</Days></Expiration>", days(c)));
        }
        if c.chance(20) {
            r.push_str("<AtimeBase>1631698332</AtimeBase>");
        }
        rules.push(("Rule".to_string(), r));
    }
    document(c, "LifecycleConfiguration", &rules)
}
