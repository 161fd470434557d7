//! The page's language: the user's stored choice, else the browser's (`navigator.language`);
//! applied to `<html lang>` and the document title. The choice is a preference, not a secret, so
//! it lives in localStorage.

use super::storage;
use console_core::i18n::Lang;

const PREF_KEY: &str = "oss-console.lang";

/// The user's stored choice, if any.
pub fn stored() -> Option<Lang> {
    storage::get_pref(PREF_KEY).as_deref().and_then(Lang::from_code)
}

/// The browser's preferred language.
pub fn browser() -> Lang {
    web_sys::window().and_then(|w| w.navigator().language()).map(|tag| Lang::from_tag(&tag)).unwrap_or_default()
}

/// The language in effect at start-up.
pub fn initial() -> Lang {
    stored().unwrap_or_else(browser)
}

/// Remember `lang` as the user's choice.
pub fn remember(lang: Lang) {
    storage::set_pref(PREF_KEY, lang.code());
}

/// Put `lang` on `<html lang>` and the document title (`title` in that language).
pub fn apply(lang: Lang, title: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
    document.set_title(title);
}

/// The language `<html lang>` says now (for text written outside the app, such as the panic panel).
pub fn current() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}
