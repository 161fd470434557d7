//! STS credentials: the three values, and parsing what users paste (STS JSON, env lines).

use crate::i18n::{Lang, Msg};
use crate::time::parse_iso8601;

/// An access key pair with an optional STS token. `Debug` never prints the secret or token.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Credentials {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: Option<String>,
    /// When the STS credentials expire (Unix ms), if known.
    pub expiration_ms: Option<i64>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("security_token", &self.security_token.as_ref().map(|_| "<redacted>"))
            .field("expiration_ms", &self.expiration_ms)
            .finish()
    }
}

/// Why pasted text could not be read as credentials (`Display` is the English;
/// `Lang::text(&Msg::Paste(..))` gives every language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteError {
    Empty,
    JsonWithoutKeys,
    Unrecognized,
    /// One value without the other; `lines`: in environment lines (else JSON keys).
    Incomplete {
        found: &'static str,
        missing: &'static str,
        lines: bool,
    },
}

impl std::fmt::Display for PasteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.text(&Msg::Paste(self)))
    }
}

impl std::error::Error for PasteError {}

/// Which format a paste was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteFormat {
    StsJson,
    EnvLines,
}

/// Read credentials from pasted text: the JSON printed by STS AssumeRole (with or without the
/// outer response, keys in any case style), or env-style lines (`OSS_*`, `ALIBABA_CLOUD_*`,
/// optionally with `export` and quotes).
pub fn parse_pasted(text: &str) -> Result<(Credentials, PasteFormat), PasteError> {
    let text = text.trim().trim_start_matches('\u{feff}');
    if text.is_empty() {
        return Err(PasteError::Empty);
    }
    if text.starts_with('{') {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            return from_json(&value).map(|c| (c, PasteFormat::StsJson));
        }
    }
    from_env_lines(text).map(|c| (c, PasteFormat::EnvLines))
}

fn from_json(value: &serde_json::Value) -> Result<Credentials, PasteError> {
    let obj = value.get("Credentials").or_else(|| value.get("credentials")).unwrap_or(value);
    let field = |names: &[&str]| -> Option<String> {
        names
            .iter()
            .find_map(|n| obj.get(*n))
            .and_then(|v| v.as_str())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let id = field(&["AccessKeyId", "accessKeyId", "access_key_id"]);
    let secret = field(&["AccessKeySecret", "accessKeySecret", "access_key_secret"]);
    let token = field(&["SecurityToken", "securityToken", "security_token", "SessionToken"]);
    let expiration = field(&["Expiration", "expiration"]).and_then(|e| parse_iso8601(&e));
    match (id, secret) {
        (Some(access_key_id), Some(access_key_secret)) => {
            Ok(Credentials { access_key_id, access_key_secret, security_token: token, expiration_ms: expiration })
        }
        (Some(_), None) => {
            Err(PasteError::Incomplete { found: "AccessKeyId", missing: "AccessKeySecret", lines: false })
        }
        (None, Some(_)) => {
            Err(PasteError::Incomplete { found: "AccessKeySecret", missing: "AccessKeyId", lines: false })
        }
        (None, None) => Err(PasteError::JsonWithoutKeys),
    }
}

fn from_env_lines(text: &str) -> Result<Credentials, PasteError> {
    let (mut id, mut secret, mut token) = (None, None, None);
    for line in text.lines() {
        let line = line.trim();
        let line = line.strip_prefix("export ").or_else(|| line.strip_prefix("set ")).unwrap_or(line);
        let line = line.strip_prefix("$env:").unwrap_or(line);
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
        if value.is_empty() {
            continue;
        }
        match name.trim() {
            "OSS_ACCESS_KEY_ID" | "ALIBABA_CLOUD_ACCESS_KEY_ID" | "ALICLOUD_ACCESS_KEY" => id = Some(value),
            "OSS_ACCESS_KEY_SECRET" | "ALIBABA_CLOUD_ACCESS_KEY_SECRET" | "ALICLOUD_SECRET_KEY" => secret = Some(value),
            "OSS_SESSION_TOKEN"
            | "OSS_SECURITY_TOKEN"
            | "ALIBABA_CLOUD_SECURITY_TOKEN"
            | "ALIBABA_CLOUD_SESSION_TOKEN"
            | "ALICLOUD_SECURITY_TOKEN" => token = Some(value),
            _ => {}
        }
    }
    match (id, secret) {
        (Some(access_key_id), Some(access_key_secret)) => {
            Ok(Credentials { access_key_id, access_key_secret, security_token: token, expiration_ms: None })
        }
        (Some(_), None) => {
            Err(PasteError::Incomplete { found: "AccessKeyId", missing: "AccessKeySecret", lines: true })
        }
        (None, Some(_)) => {
            Err(PasteError::Incomplete { found: "AccessKeySecret", missing: "AccessKeyId", lines: true })
        }
        (None, None) => Err(PasteError::Unrecognized),
    }
}

/// Replace every occurrence of the given secrets in `text` (for logs and displayed strings).
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        out = out.replace(s, &format!("<redacted {} chars>", s.chars().count()));
    }
    out
}

/// Removes the secret and the token from text shown, copied or logged, including text a server
/// echoes back (raw or percent-encoded).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} forms)", self.secrets.len())
    }
}

impl Redactor {
    /// A redactor for these credentials' secret and token.
    pub fn new(c: &Credentials) -> Self {
        let mut secrets = Vec::new();
        for s in std::iter::once(c.access_key_secret.as_str()).chain(c.security_token.as_deref()) {
            if s.len() >= 4 {
                secrets.push(s.to_string());
                let encoded = super::encode::query_component(s);
                if encoded != s {
                    secrets.push(encoded);
                }
            }
        }
        // Longest first, so a form that contains another is replaced whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Redactor { secrets }
    }

    /// `text` with every form of the secret and token replaced.
    pub fn redact(&self, text: &str) -> String {
        let refs: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
        redact(text, &refs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sts_assume_role_response_whole_and_inner() {
        let whole = r#"{"RequestId":"6894B13B","AssumedRoleUser":{"Arn":"acs:ram::1:role/x/y","AssumedRoleId":"3"},
            "Credentials":{"SecurityToken":"CAIS+tok/==","AccessKeyId":"STS.NUgYrLnoC","AccessKeySecret":"sk123",
            "Expiration":"2025-04-17T14:08:38Z"}}"#;
        let (c, f) = parse_pasted(whole).unwrap();
        assert_eq!(f, PasteFormat::StsJson);
        assert_eq!(c.access_key_id, "STS.NUgYrLnoC");
        assert_eq!(c.access_key_secret, "sk123");
        assert_eq!(c.security_token.as_deref(), Some("CAIS+tok/=="));
        assert_eq!(c.expiration_ms, Some(1_744_898_918_000));
        let inner =
            r#"{"AccessKeyId":"STS.a","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2025-04-17T14:08:38Z"}"#;
        assert_eq!(parse_pasted(inner).unwrap().0.access_key_id, "STS.a");
    }

    #[test]
    fn env_lines_in_both_namings() {
        let oss = "export OSS_ACCESS_KEY_ID=STS.a\nexport OSS_ACCESS_KEY_SECRET=\"s\"\r\nOSS_SESSION_TOKEN='t+/='\n";
        let (c, f) = parse_pasted(oss).unwrap();
        assert_eq!(f, PasteFormat::EnvLines);
        assert_eq!((c.access_key_id.as_str(), c.access_key_secret.as_str()), ("STS.a", "s"));
        assert_eq!(c.security_token.as_deref(), Some("t+/="));
        let ali =
            "ALIBABA_CLOUD_ACCESS_KEY_ID=id\nALIBABA_CLOUD_ACCESS_KEY_SECRET=sec\nALIBABA_CLOUD_SECURITY_TOKEN=tok";
        let (c, _) = parse_pasted(ali).unwrap();
        assert_eq!(c.security_token.as_deref(), Some("tok"));
    }

    #[test]
    fn bad_pastes_say_what_is_missing() {
        assert_eq!(parse_pasted("  "), Err(PasteError::Empty));
        assert_eq!(parse_pasted("hello world"), Err(PasteError::Unrecognized));
        assert_eq!(parse_pasted(r#"{"foo":1}"#), Err(PasteError::JsonWithoutKeys));
        assert!(matches!(parse_pasted("OSS_ACCESS_KEY_ID=x"), Err(PasteError::Incomplete { .. })));
        assert!(matches!(parse_pasted(r#"{"AccessKeyId":"x"}"#), Err(PasteError::Incomplete { .. })));
    }

    #[test]
    fn debug_and_redact_hide_secrets() {
        let c = Credentials {
            access_key_id: "AK".into(),
            access_key_secret: "supersecret".into(),
            security_token: Some("tokentoken".into()),
            expiration_ms: None,
        };
        let d = format!("{c:?}");
        assert!(!d.contains("supersecret") && !d.contains("tokentoken"), "{d}");
        let r = redact("x-oss-security-token:tokentoken\n", &["tokentoken"]);
        assert_eq!(r, "x-oss-security-token:<redacted 10 chars>\n");
        let tricky = Credentials { security_token: Some("CAIS+tok/en==".into()), ..c };
        let r = Redactor::new(&tricky);
        let echoed = "token CAIS+tok/en== or CAIS%2Btok%2Fen%3D%3D and supersecret";
        let out = r.redact(echoed);
        assert!(!out.contains("CAIS") && !out.contains("supersecret"), "{out}");
        assert!(!format!("{r:?}").contains("CAIS"));
    }
}
