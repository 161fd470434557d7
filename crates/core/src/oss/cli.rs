//! The same call from a terminal: `curl` as the page sent it, and the `ossutil` 2.x command that
//! does the same. Neither carries a secret: the security token is left to the environment
//! variable ossutil reads (`OSS_SESSION_TOKEN`), and ossutil takes the AccessKey pair from its own
//! variables (`OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET`) or configuration.

use super::error::Operation;
use super::request::{Addressing, BucketTarget, HttpRequest};

/// Where the commands expect the security token.
pub const TOKEN_VAR: &str = "OSS_SESSION_TOKEN";

/// The header carrying the security token.
const TOKEN_HEADER: &str = "x-oss-security-token";

/// `s` as one POSIX shell word: single-quoted, a `'` written as `'\''`.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./:=,@%+".contains(&b)) {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The request as `curl` sends it: same method, URL, headers and body, so the signature holds
/// (for the 15 minutes OSS accepts it). The token header reads `$OSS_SESSION_TOKEN`.
pub fn curl(req: &HttpRequest) -> String {
    let mut words = vec!["curl".to_string(), "-X".into(), req.method.clone(), shell_quote(&req.url)];
    for (name, value) in &req.headers {
        words.push("-H".into());
        if name.eq_ignore_ascii_case(TOKEN_HEADER) {
            // Double quotes: the shell puts the variable's value in.
            words.push(format!("\"{name}: ${TOKEN_VAR}\""));
        } else {
            words.push(shell_quote(&format!("{name}: {value}")));
        }
    }
    if let Some(body) = &req.body {
        words.push("--data-binary".into());
        words.push(shell_quote(body));
    }
    join(words)
}

/// The `ossutil` 2.x command for the same call on `target` (`body`: what a PUT sends), or `None`
/// for calls the console makes that have no single command.
pub fn ossutil(op: Operation, target: &BucketTarget, body: Option<&str>) -> Option<String> {
    let mut words = vec!["ossutil".to_string(), "api".into()];
    match op {
        Operation::GetBucketAccessMonitor => words.push("get-bucket-access-monitor".into()),
        Operation::PutBucketAccessMonitor => {
            words.push("put-bucket-access-monitor".into());
            words.push("--access-monitor-configuration".into());
            words.push(shell_quote(body?));
        }
        Operation::GetBucketLifecycle => words.push("get-bucket-lifecycle".into()),
        Operation::PutBucketLifecycle => {
            words.push("put-bucket-lifecycle".into());
            words.push("--lifecycle-configuration".into());
            words.push(shell_quote(body?));
        }
        Operation::ListObjectsV2 | Operation::GetObject | Operation::GetObjectMeta => return None,
    }
    words.extend(["--bucket".into(), shell_quote(&target.bucket), "--region".into(), shell_quote(&target.region)]);
    if target.endpoint.origin_with_prefix("") != super::regions::default_endpoint(&target.region) {
        words.extend(["-e".into(), shell_quote(&target.endpoint.origin_with_prefix(""))]);
    }
    if target.addressing == Addressing::PathStyle {
        words.extend(["--addressing-style".into(), "path".into()]);
    }
    Some(join(words))
}

/// Words on one line while short, else one option a line.
fn join(words: Vec<String>) -> String {
    let line = words.join(" ");
    if line.len() <= 100 {
        return line;
    }
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            // The command and its first words stay on the first line.
            out.push_str(if i > 3 && word.starts_with('-') { " \\\n  " } else { " " });
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oss::access_monitor::{self, AccessMonitorStatus};
    use crate::oss::credentials::Credentials;

    fn target(endpoint: &str, addressing: Addressing) -> BucketTarget {
        BucketTarget::new("examplebucket", "cn-hangzhou", endpoint, addressing).unwrap()
    }

    #[test]
    fn words_are_quoted_for_a_posix_shell() {
        assert_eq!(shell_quote("cn-hangzhou"), "cn-hangzhou");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's $HOME"), r"'it'\''s $HOME'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn curl_sends_what_the_page_sent_with_the_token_left_to_the_environment() {
        let creds = Credentials {
            access_key_id: "STS.NUgYrLnoC9zbf8xHDDgKxkt2S".into(),
            access_key_secret: "the-secret-value-xyz".into(),
            security_token: Some("CAIS-token-value-123".into()),
            expiration_ms: None,
        };
        let t = target("", Addressing::VirtualHosted);
        let req = access_monitor::put_request(&t, AccessMonitorStatus::Enabled, &creds, 1_700_000_000_000);
        let text = curl(&req);
        assert!(!text.contains("CAIS-token-value-123") && !text.contains("the-secret-value-xyz"), "{text}");
        assert!(text.contains("\"x-oss-security-token: $OSS_SESSION_TOKEN\""), "{text}");
        assert!(
            text.starts_with("curl -X PUT 'https://examplebucket.oss-cn-hangzhou.aliyuncs.com/?accessmonitor'"),
            "{text}"
        );
        for (name, value) in req.headers.iter().filter(|(n, _)| n != TOKEN_HEADER) {
            assert!(text.contains(&format!("{name}: {value}")), "{name} missing from {text}");
        }
        assert!(
            text.contains(
                "--data-binary '<AccessMonitorConfiguration><Status>Enabled</Status></AccessMonitorConfiguration>'"
            ),
            "{text}"
        );
    }

    #[test]
    fn ossutil_names_the_bucket_region_and_any_other_endpoint() {
        let t = target("", Addressing::VirtualHosted);
        assert_eq!(
            ossutil(Operation::GetBucketAccessMonitor, &t, None).unwrap(),
            "ossutil api get-bucket-access-monitor --bucket examplebucket --region cn-hangzhou"
        );
        let body = "<AccessMonitorConfiguration><Status>Disabled</Status></AccessMonitorConfiguration>";
        let put = ossutil(Operation::PutBucketAccessMonitor, &t, Some(body)).unwrap();
        assert!(put.contains(&format!("--access-monitor-configuration '{body}'")), "{put}");
        let local = target("http://127.0.0.1:9000", Addressing::PathStyle);
        let get = ossutil(Operation::GetBucketLifecycle, &local, None).unwrap();
        assert!(
            get.ends_with("-e http://127.0.0.1:9000 \\\n  --addressing-style path")
                || get.ends_with("-e http://127.0.0.1:9000 --addressing-style path"),
            "{get}"
        );
        assert_eq!(ossutil(Operation::GetObject, &t, None), None);
    }
}
