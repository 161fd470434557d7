//! Opt-in per-tab memory of credentials (sessionStorage; never localStorage).

use console_core::oss::credentials::Credentials;

const KEY: &str = "oss-console.credentials";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keep the credentials for this tab only (the user ticked "remember for this tab").
pub fn remember(c: &Credentials) {
    let value = serde_json::json!({
        "AccessKeyId": c.access_key_id,
        "AccessKeySecret": c.access_key_secret,
        "SecurityToken": c.security_token,
        "ExpirationMs": c.expiration_ms,
    });
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &value.to_string());
    }
}

/// Forget them.
pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}

/// What this tab remembered, if the user opted in earlier.
pub fn recall() -> Option<Credentials> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(Credentials {
        access_key_id: v["AccessKeyId"].as_str()?.to_string(),
        access_key_secret: v["AccessKeySecret"].as_str()?.to_string(),
        security_token: v["SecurityToken"].as_str().map(str::to_string),
        expiration_ms: v["ExpirationMs"].as_i64(),
    })
}

const CONFIRMED_KEY: &str = "oss-console.confirmed-endpoints";

/// Endpoints outside the OSS domains the user confirmed in this tab (origins; not secret).
fn confirmed_list() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(CONFIRMED_KEY).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Whether the user confirmed sending signed requests to `origin` in this tab.
pub fn is_confirmed(origin: &str) -> bool {
    confirmed_list().iter().any(|o| o == origin)
}

/// Remember, for this tab, that the user confirmed `origin`.
pub fn confirm(origin: &str) {
    let mut list = confirmed_list();
    if !list.iter().any(|o| o == origin) {
        list.push(origin.to_string());
    }
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&list)) {
        let _ = s.set_item(CONFIRMED_KEY, &text);
    }
}
