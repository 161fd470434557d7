//! Web storage for non-secret preferences (localStorage) and opt-in per-tab state (sessionStorage).

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Read a non-secret preference.
pub fn get_pref(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Store a non-secret preference; storage being unavailable (private mode) is not an error.
pub fn set_pref(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}
