//! Copy text to the clipboard (best effort: the API needs a secure context or localhost).

/// Copy `text`; failures are silent because the text stays selectable on the page.
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}
