//! What this tab remembers: the credentials, if the user opts in (sessionStorage; never
//! localStorage), and the endpoints (which ones the user confirmed; the clock corrections).

use console_core::oss::credentials::Credentials;
use console_core::oss::place::Endpoints;

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

thread_local! {
    /// The tab's one record of endpoints: origins confirmed (also kept in sessionStorage, so a
    /// reload keeps them) and clock corrections (memory only), shared by every view.
    static ENDPOINTS: std::cell::RefCell<Option<Endpoints>> = const { std::cell::RefCell::new(None) };
}

/// Endpoints outside the OSS domains the user confirmed in this tab (origins; not secret).
fn confirmed_list() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(CONFIRMED_KEY).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Read or change the tab's endpoints.
pub fn with_endpoints<T>(f: impl FnOnce(&mut Endpoints) -> T) -> T {
    ENDPOINTS.with(|e| {
        let mut e = e.borrow_mut();
        f(e.get_or_insert_with(|| Endpoints::with_confirmed(confirmed_list())))
    })
}

/// Remember, for this tab, that the user confirmed `origin`.
pub fn confirm(origin: &str) {
    let list: Vec<String> = with_endpoints(|e| {
        e.confirm(origin);
        e.confirmed().map(str::to_string).collect()
    });
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&list)) {
        let _ = s.set_item(CONFIRMED_KEY, &text);
    }
}

/// Keep the clock correction `origin` taught, for every view.
pub fn learn_offset(origin: &str, offset_ms: i64) {
    with_endpoints(|e| e.learn(origin, offset_ms));
}
