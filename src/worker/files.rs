//! Reading a slice of a `File` (or any Blob) without reading the rest.

use crate::services::js::error_text;
use wasm_bindgen_futures::JsFuture;

/// Bytes `[start, end)` of `blob`.
pub async fn read_slice(blob: &web_sys::Blob, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let part = blob.slice_with_f64_and_f64(start, end).map_err(|e| error_text(&e))?;
    let buf = JsFuture::from(part.array_buffer()).await.map_err(|e| error_text(&e))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
