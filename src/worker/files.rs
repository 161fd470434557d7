//! Reading a slice of a `File` (or any Blob) without reading the rest.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

fn js_text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| js_sys::Reflect::get(v, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}

/// Bytes `[start, end)` of `blob`.
pub async fn read_slice(blob: &web_sys::Blob, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let part = blob.slice_with_f64_and_f64(start, end).map_err(|e| js_text(&e))?;
    let buf = JsFuture::from(part.array_buffer()).await.map_err(|e| js_text(&e))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
