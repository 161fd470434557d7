//! Text for a JavaScript error value (an `Error`, a string, or anything with a `message`).

use wasm_bindgen::{JsCast, JsValue};

/// What went wrong, in words, from whatever JavaScript threw or rejected with.
pub fn error_text(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .or_else(|| js_sys::Reflect::get(v, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}
