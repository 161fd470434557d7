//! STS credentials: the three values, and parsing what users paste (STS JSON, env lines).

use crate::time::parse_iso8601;

/// An access key pair with an optional STS token. `Debug` never prints the secret or token. The
/// wire form (to the worker that loads a trail) carries them: it never leaves the tab.
#[derive(Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
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

/// Replace every occurrence of the given secrets in `text` (for logs and displayed strings), in
/// every form a server may echo them: see [`Redactor`].
pub fn redact(text: &str, secrets: &[&str]) -> String {
    Redactor::of(secrets.iter().copied()).redact(text)
}

/// Shortest fragment of a secret that is redacted on its own: a server may echo a long token cut
/// short (an error message quoting the start of `x-oss-security-token`).
const FRAGMENT: usize = 24;

/// Removes the secret and the token from text shown, copied or logged, including text a server
/// echoes back. A form is found whatever its encoding, even mixed: raw, `%XX` in either case, `+`
/// for a space (or a space for `+`, as a form-decoding server gives it back), JSON `\/` and
/// `\uXXXX`, XML character and entity references; and any run of at least 24 characters of a
/// secret (so a long token quoted in part is gone too).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Redactor {
    /// Per secret (in its canonical form, see [`canonical`], at least 4 characters): the length
    /// of the runs looked for, and every run of that length in it. Made once, used for every text.
    secrets: Vec<(usize, std::collections::HashSet<Vec<u8>>)>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} secrets)", self.secrets.len())
    }
}

/// One byte of decoded text and the span of the original text it came from.
struct Unit {
    byte: u8,
    start: usize,
    end: usize,
}

/// A space and `+` are one character here: form decoding turns one into the other.
fn fold(b: u8) -> u8 {
    if b == b' ' {
        b'+'
    } else {
        b
    }
}

fn hex_value(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    let s = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(s, 16).ok()
}

/// The escape at the start of `rest`, if any, decoded to one ASCII byte, and its length.
fn escape_at(rest: &[u8]) -> Option<(u8, usize)> {
    let ascii = |v: u32| u8::try_from(v).ok().filter(u8::is_ascii);
    match rest.first()? {
        b'%' => {
            let v = hex_value(rest.get(1..3)?)?;
            Some((ascii(v)?, 3))
        }
        b'\\' => match rest.get(1)? {
            b'/' => Some((b'/', 2)),
            b'u' => Some((ascii(hex_value(rest.get(2..6)?)?)?, 6)),
            _ => None,
        },
        b'&' => {
            let semi = rest.iter().take(12).position(|&b| b == b';')?;
            let name = &rest[1..semi];
            let byte = match name {
                b"amp" => b'&',
                b"lt" => b'<',
                b"gt" => b'>',
                b"quot" => b'"',
                b"apos" => b'\'',
                [b'#', b'x' | b'X', hex @ ..] => ascii(hex_value(hex)?)?,
                [b'#', dec @ ..] if !dec.is_empty() && dec.iter().all(u8::is_ascii_digit) => {
                    ascii(std::str::from_utf8(dec).ok()?.parse().ok()?)?
                }
                _ => return None,
            };
            Some((byte, semi + 1))
        }
        _ => None,
    }
}

/// `text` decoded one escape deep, each byte with where it came from.
fn decode(text: &str) -> Vec<Unit> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let (byte, len) = escape_at(&bytes[i..]).unwrap_or((bytes[i], 1));
        out.push(Unit { byte: fold(byte), start: i, end: i + len });
        i += len;
    }
    out
}

/// A secret as it is compared: decoded as text would be (a secret pasted already encoded is
/// still found raw), spaces folded into `+`.
fn canonical(secret: &str) -> Vec<u8> {
    decode(secret).into_iter().map(|u| u.byte).collect()
}

impl Redactor {
    /// A redactor for these credentials' secret and token.
    pub fn new(c: &Credentials) -> Self {
        Self::of(std::iter::once(c.access_key_secret.as_str()).chain(c.security_token.as_deref()))
    }

    fn of<'a>(secrets: impl Iterator<Item = &'a str>) -> Self {
        let mut canonicals: Vec<Vec<u8>> = secrets.map(canonical).filter(|s| s.len() >= 4).collect();
        canonicals.sort();
        canonicals.dedup();
        let secrets = canonicals
            .into_iter()
            .map(|s| {
                let window = s.len().min(FRAGMENT);
                (window, s.windows(window).map(<[u8]>::to_vec).collect())
            })
            .collect();
        Redactor { secrets }
    }

    /// `text` with every form of the secret and token replaced.
    pub fn redact(&self, text: &str) -> String {
        if self.secrets.is_empty() || text.is_empty() {
            return text.to_string();
        }
        let units = decode(text);
        let decoded: Vec<u8> = units.iter().map(|u| u.byte).collect();
        // Which decoded bytes belong to a secret or to a long enough fragment of one.
        let mut covered = vec![false; units.len()];
        for (window, fragments) in &self.secrets {
            let window = *window;
            if decoded.len() < window {
                continue;
            }
            for (at, w) in decoded.windows(window).enumerate() {
                if fragments.contains(w) {
                    covered[at..at + window].iter_mut().for_each(|c| *c = true);
                }
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut i = 0;
        while i < units.len() {
            if !covered[i] {
                i += 1;
                continue;
            }
            let first = i;
            while i < units.len() && covered[i] {
                i += 1;
            }
            // A fragment of a non-ASCII secret may start or end inside a character: widen it.
            let mut start = units[first].start.max(copied);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = units[i - 1].end;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            out.push_str(&text[copied..start]);
            out.push_str(&format!("<redacted {} chars>", i - first));
            copied = end;
        }
        out.push_str(&text[copied..]);
        out
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

    /// A token shaped like a real one, with `+`, `/` and `=`.
    const TOKEN: &str = "CAIS+tok/en1234567890abcdefGHIJKLmnop+/qrstuvwxYZ0123456789==";

    fn token_redactor() -> Redactor {
        Redactor::new(&Credentials {
            access_key_id: "STS.id".into(),
            access_key_secret: "Secret/With+Plus=".into(),
            security_token: Some(TOKEN.into()),
            expiration_ms: None,
        })
    }

    #[test]
    fn every_echoed_form_of_the_token_is_removed() {
        let r = token_redactor();
        let lower = crate::oss::encode::query_component(TOKEN).replace("%2B", "%2b").replace("%2F", "%2f");
        let forms = [
            TOKEN.to_string(),
            crate::oss::encode::query_component(TOKEN),
            lower,
            TOKEN.replace('+', " "),
            TOKEN.replace('/', "\\/"),
            TOKEN.replace('/', "\\u002F"),
            TOKEN.replace('+', "&#43;").replace('/', "&#x2f;").replace('=', "&#61;"),
            // Mixed: half percent-encoded, half raw.
            format!("{}{}", crate::oss::encode::query_component(&TOKEN[..30]), &TOKEN[30..]),
        ];
        for form in forms {
            let text = format!("<Message>token [{form}] is invalid</Message>");
            let out = r.redact(&text);
            assert!(
                out.starts_with("<Message>token [<redacted") && out.ends_with("chars>] is invalid</Message>"),
                "{out}"
            );
            for piece in TOKEN.as_bytes().chunks(10) {
                assert!(!out.contains(std::str::from_utf8(piece).unwrap()), "{form} left {out}");
            }
        }
        let secret_forms = ["Secret/With+Plus=", "Secret%2FWith%2BPlus%3D", "Secret\\/With Plus&#x3D;"];
        for form in secret_forms {
            assert_eq!(r.redact(&format!("k={form};")), "k=<redacted 17 chars>;", "{form}");
        }
    }

    #[test]
    fn a_long_fragment_of_the_token_is_removed_and_short_ones_are_kept() {
        let r = token_redactor();
        let cut = &TOKEN[6..41];
        let out = r.redact(&format!("SecurityToken {cut}... is expired"));
        assert_eq!(out, "SecurityToken <redacted 35 chars>... is expired");
        // Ordinary words sharing a few characters with the token stay.
        let plain = "The request signature we calculated does not match. CAIS token";
        assert_eq!(r.redact(plain), plain);
        // Text that is not a secret is left byte for byte, escapes included.
        let escaped = "a%2Fb &amp; c\\/d \\u0041 &#unknown; %zz";
        assert_eq!(r.redact(escaped), escaped);
    }

    #[test]
    fn non_ascii_secrets_and_text_never_split_a_character() {
        let r = redact("ключ 密钥ключ密钥ключ密钥ключ密钥ключ и ещё", &["密钥ключ密钥ключ密钥ключ密钥ключ"]);
        assert_eq!(r, "ключ <redacted 56 chars> и ещё");
        // A fragment that starts inside a character takes the whole character.
        let r = redact("ключ 钥ключ密钥ключ密钥ключ密钥ключ и ещё", &["密钥ключ密钥ключ密钥ключ密钥ключ"]);
        assert!(r.starts_with("ключ <redacted") && r.ends_with("> и ещё"), "{r}");
        assert_eq!(redact("é", &["\u{e9}abc"]), "é");
    }
}
