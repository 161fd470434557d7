//! Copy text to the clipboard (the API needs a secure context or localhost, and the page's focus).

/// Copy `text`; `false` when the browser refused (the text stays selectable on the page).
pub async fn copy(text: &str) -> bool {
    let Some(w) = web_sys::window() else { return false };
    wasm_bindgen_futures::JsFuture::from(w.navigator().clipboard().write_text(text)).await.is_ok()
}
