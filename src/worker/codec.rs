//! The one definition of how page ↔ worker messages look on the wire: a JSON `Request` or
//! `Response` under one key, with the files (page → worker) or a piece of export text
//! (worker → page) beside it. Both sides use these functions; no key name appears anywhere else.

use console_core::trail::protocol::{Request, Response};
use wasm_bindgen::{JsCast, JsValue};

const MSG: &str = "msg";
const FILES: &str = "files";
const TEXT: &str = "text";

/// Why a message could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("the message has no {0:?} text")]
    Missing(&'static str),
    #[error("the message is not understood: {0}")]
    Json(String),
}

fn object(msg: &str) -> js_sys::Object {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &MSG.into(), &JsValue::from_str(msg));
    o
}

fn text_of(v: &JsValue, key: &'static str) -> Option<String> {
    js_sys::Reflect::get(v, &key.into()).ok().and_then(|m| m.as_string())
}

/// A request, with the files to load beside it.
pub fn encode_request(req: &Request, files: &[web_sys::File]) -> JsValue {
    let json = serde_json::to_string(req).unwrap_or_default();
    let o = object(&json);
    if !files.is_empty() {
        let array: js_sys::Array = files.iter().collect();
        let _ = js_sys::Reflect::set(&o, &FILES.into(), &array);
    }
    o.into()
}

/// A request and its files.
pub fn decode_request(v: &JsValue) -> Result<(Request, Vec<web_sys::File>), CodecError> {
    let msg = text_of(v, MSG).ok_or(CodecError::Missing(MSG))?;
    let req = serde_json::from_str(&msg).map_err(|e| CodecError::Json(e.to_string()))?;
    let files = js_sys::Reflect::get(v, &FILES.into())
        .ok()
        .filter(|f| f.is_object())
        .map(|f| js_sys::Array::from(&f).iter().filter_map(|f| f.dyn_into().ok()).collect())
        .unwrap_or_default();
    Ok((req, files))
}

/// A response, with a piece of export text beside it.
pub fn encode_response(resp: &Response, text: Option<&str>) -> JsValue {
    let json = serde_json::to_string(resp).unwrap_or_default();
    let o = object(&json);
    if let Some(t) = text {
        let _ = js_sys::Reflect::set(&o, &TEXT.into(), &JsValue::from_str(t));
    }
    o.into()
}

/// A response and its text.
pub fn decode_response(v: &JsValue) -> Result<(Response, Option<String>), CodecError> {
    let msg = text_of(v, MSG).ok_or(CodecError::Missing(MSG))?;
    let resp = serde_json::from_str(&msg).map_err(|e| CodecError::Json(e.to_string()))?;
    Ok((resp, text_of(v, TEXT)))
}
