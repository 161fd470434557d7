//! The location hash: read it, replace it, and listen for changes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The current `location.hash` (with its `#`), or empty.
pub fn current() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Go to `hash` (without `#`), adding a history entry.
pub fn set(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Replace an unknown hash path by `path` without adding a history entry.
pub fn replace_path_if_unknown(path: &str) {
    if crate::route::Route::is_known_hash(&current()) {
        return;
    }
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{path}")));
        }
    }
}

/// Keeps a `hashchange` listener alive; dropping it removes the listener.
pub struct HashListener {
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for HashListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback("hashchange", self.closure.as_ref().unchecked_ref());
        }
    }
}

/// Call `f` with the new hash each time it changes.
pub fn on_change(mut f: impl FnMut(String) + 'static) -> Option<HashListener> {
    let window = web_sys::window()?;
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| f(current()));
    window.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref()).ok()?;
    Some(HashListener { closure })
}
