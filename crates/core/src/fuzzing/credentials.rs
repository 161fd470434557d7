//! Target `credentials`: what users paste into the credentials box. Generated STS AssumeRole
//! JSON (whole response or the inner object, every key style, wrong value types, odd
//! `Expiration` times) and env lines (`export`, `set`, `$env:`, quotes, CRLF, BOM), then bent, or
//! arbitrary text. Checks that parsing never panics, that an unbent paste gives back exactly the
//! values generated, that `Debug` never depends on the secret or token, and that the redactor
//! removes them from any text.

use super::Choices;
use crate::oss::credentials::{parse_pasted, Credentials, PasteError, PasteFormat, Redactor};
use crate::oss::encode::query_component;
use crate::time::{parse_iso8601, UtcDateTime};
use crate::trail::gen::Rng;
use serde_json::{json, Map, Value};

const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A value from the alphabet real keys use, `len` long, from `seed`.
fn key_like(seed: u64, prefix: &str, len: usize, tail: &str) -> String {
    let mut rng = Rng::new(seed);
    let mut s = prefix.to_string();
    s.extend((0..len).map(|_| *rng.pick(BASE64) as char));
    s.push_str(tail);
    s
}

/// What a paste was generated from, when it is a well-formed paste.
struct Expected {
    id: Option<String>,
    secret: Option<String>,
    token: Option<String>,
    expiration_ms: Option<i64>,
    format: PasteFormat,
}

/// STS JSON; also whether every value is a string, and which of id, secret, token and
/// expiration it holds.
fn sts_json(c: &mut Choices, id: &str, secret: &str, token: &str, exp: &str) -> (String, bool, [bool; 4]) {
    let style = c.byte() % 3;
    let name = |pascal: &'static str, camel: &'static str, snake: &'static str| match style {
        0 => pascal,
        1 => camel,
        _ => snake,
    };
    let mut clean = true;
    let mut inner = Map::new();
    let mut present = [false; 4];
    let mut put = |c: &mut Choices, k: usize, key: &str, v: &str| {
        if c.chance(8) || v.is_empty() {
            return; // missing
        }
        present[k] = true;
        let value = if c.chance(8) {
            clean = false;
            super::event_file::odd_value(c, 2)
        } else {
            Value::String(v.to_string())
        };
        inner.insert(key.to_string(), value);
    };
    put(c, 0, name("AccessKeyId", "accessKeyId", "access_key_id"), id);
    put(c, 1, name("AccessKeySecret", "accessKeySecret", "access_key_secret"), secret);
    let token_key = if style == 2 { "security_token" } else { *c.pick(&["SecurityToken", "SessionToken"]) };
    put(c, 2, if style == 1 { "securityToken" } else { token_key }, token);
    put(c, 3, if style == 1 { "expiration" } else { "Expiration" }, exp);
    let inner = Value::Object(inner);
    let whole = match c.byte() % 3 {
        0 => inner,
        1 => json!({
            "RequestId": "6894B13B-6D71-4EF5-88FA-F32781734A7F",
            "AssumedRoleUser": { "Arn": "acs:ram::1:role/x/y", "AssumedRoleId": "3" },
            "Credentials": inner,
        }),
        _ => json!({ "credentials": inner, "RequestId": "r" }),
    };
    let text = if c.flag() { serde_json::to_string_pretty(&whole) } else { serde_json::to_string(&whole) };
    (text.unwrap_or_default(), clean, present)
}

fn env_lines(c: &mut Choices, id: &str, secret: &str, token: &str) -> String {
    let naming = c.byte() % 3;
    let names = match naming {
        0 => ["OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN"],
        1 => ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"],
        _ => ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN"],
    };
    let prefix = *c.pick(&["", "export ", "set ", "$env:", "  export "]);
    let quote = *c.pick(&["", "\"", "'"]);
    let eol = *c.pick(&["\n", "\r\n"]);
    let mut lines: Vec<String> = [id, secret, token]
        .iter()
        .zip(names)
        .filter(|(v, _)| !v.is_empty())
        .map(|(v, n)| format!("{prefix}{n}={quote}{v}{quote}"))
        .collect();
    if c.flag() {
        lines.insert(0, "# from the console".into());
    }
    if c.flag() {
        lines.rotate_left(1);
    }
    let mut text = lines.join(eol);
    if c.flag() {
        text.insert(0, '\u{FEFF}');
    }
    text
}

/// Bend pasted text: cut it, insert odd text, repeat a part.
fn bend(c: &mut Choices, text: &mut String) {
    let at = c.below(text.len() + 1);
    let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    match c.byte() % 3 {
        0 => text.truncate(at),
        1 => text.insert_str(at, &c.odd_text(16)),
        _ => {
            let part = text[at..].to_string();
            text.push_str(&part);
        }
    }
}

/// Run one case; panics only on a broken promise.
pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    let seed = c.u64();
    let sts = c.flag();
    let id = if sts { key_like(seed, "STS.", 26, "") } else { key_like(seed, "LTAI5t", 18, "") };
    let secret = key_like(seed ^ 1, "", 30, "");
    let token = if sts { key_like(seed ^ 2, "CAIS", c.range(16, 600), "=") } else { String::new() };
    let exp_ms = 1_744_895_318_000 + (seed % 10_000_000) as i64 * 1000;
    let (mut text, expected) = match c.byte() % 4 {
        0 => (c.text(512), None),
        k => {
            let exp =
                if c.chance(70) { UtcDateTime::from_unix_millis(exp_ms).iso8601_extended() } else { c.odd_time() };
            let (text, clean, present, format) = if k == 1 {
                let (t, clean, present) = sts_json(&mut c, &id, &secret, &token, &exp);
                (t, clean, present, PasteFormat::StsJson)
            } else {
                let present = [true, true, !token.is_empty(), false];
                (env_lines(&mut c, &id, &secret, &token), true, present, PasteFormat::EnvLines)
            };
            let value = |k: usize, v: &str| present[k].then(|| v.to_string());
            let expected = Expected {
                id: value(0, &id),
                secret: value(1, &secret),
                token: value(2, &token),
                expiration_ms: value(3, exp.trim()).and_then(|e| parse_iso8601(&e)),
                format,
            };
            (text, clean.then_some(expected))
        }
    };
    let bent = c.chance(40);
    if bent {
        bend(&mut c, &mut text);
    }
    let result = parse_pasted(&text);
    match &result {
        Ok((cr, _)) => {
            assert!(!cr.access_key_id.is_empty() && !cr.access_key_secret.is_empty(), "empty key accepted");
            debug_hides_secrets(cr);
            redactor_removes(cr);
        }
        Err(e) => assert!(!e.to_string().contains(&secret)),
    }
    if let (false, Some(x)) = (bent, expected) {
        match (&x.id, &x.secret) {
            (Some(id), Some(secret)) => {
                let (cr, format) = result.unwrap_or_else(|e| panic!("a clean paste was refused ({e}): {text}"));
                assert_eq!(format, x.format);
                assert_eq!((&cr.access_key_id, &cr.access_key_secret), (id, secret), "{text}");
                assert_eq!(cr.security_token, x.token, "{text}");
                assert_eq!(cr.expiration_ms, x.expiration_ms, "{text}");
            }
            (Some(_), None) | (None, Some(_)) => {
                assert!(matches!(result, Err(PasteError::Incomplete { .. })), "{result:?} for {text}")
            }
            (None, None) => assert!(result.is_err(), "no keys, yet {result:?} for {text}"),
        }
    }
}

/// `Debug` is the same whatever the secret and token are.
fn debug_hides_secrets(cr: &Credentials) {
    let other = Credentials {
        access_key_secret: "x".into(),
        security_token: cr.security_token.as_ref().map(|_| "y".into()),
        ..cr.clone()
    };
    assert_eq!(format!("{cr:?}"), format!("{other:?}"), "Debug shows the secret or token");
}

/// Text with the secret and token in every form a server echoes loses them all. Only for values
/// shaped like real ones (16+ characters of base64): a short or odd value can occur in the
/// redaction marker itself.
fn redactor_removes(cr: &Credentials) {
    let real = |s: &str| s.len() >= 16 && s.bytes().all(|b| BASE64.contains(&b) || b == b'=' || b == b'.');
    let mut secrets = vec![cr.access_key_secret.as_str()];
    secrets.extend(cr.security_token.as_deref());
    if !secrets.iter().all(|s| real(s)) {
        return;
    }
    let forms = |s: &str| {
        [
            s.to_string(),
            query_component(s),
            query_component(s).replace("%2B", "%2b").replace("%2F", "%2f").replace("%3D", "%3d"),
            s.replace('+', " "),
            s.replace('/', "\\/"),
            s.replace('+', "&#43;").replace('/', "&#x2F;"),
        ]
    };
    let text: String = secrets.iter().flat_map(|s| forms(s)).map(|f| format!("[{f}] {f}{f}\n")).collect();
    let out = Redactor::new(cr).redact(&text);
    for s in secrets {
        for f in forms(s) {
            assert!(!out.contains(&f), "redacted text still holds a secret: {out}");
        }
    }
}
