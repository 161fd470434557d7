//! Light/dark theme: follows `prefers-color-scheme` unless the user picked one.

use super::storage;

const PREF_KEY: &str = "oss-console.theme";

/// A colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The other theme.
    pub fn flipped(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// The user's stored choice, if any.
pub fn stored() -> Option<Theme> {
    match storage::get_pref(PREF_KEY).as_deref() {
        Some("dark") => Some(Theme::Dark),
        Some("light") => Some(Theme::Light),
        _ => None,
    }
}

/// The theme in effect now.
pub fn effective() -> Theme {
    stored().unwrap_or(if system_prefers_dark() { Theme::Dark } else { Theme::Light })
}

/// Apply a stored choice to `<html data-theme>` (no attribute: follow the system).
pub fn apply_stored() {
    set_attribute(stored());
}

/// Choose `theme`, remember it, and apply it.
pub fn choose(theme: Theme) {
    storage::set_pref(PREF_KEY, theme.as_str());
    set_attribute(Some(theme));
}

fn set_attribute(theme: Option<Theme>) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
        return;
    };
    let _ = match theme {
        Some(t) => root.set_attribute("data-theme", t.as_str()),
        None => root.remove_attribute("data-theme"),
    };
}
