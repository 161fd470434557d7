//! The one definition of how page ↔ worker messages look on the wire: a `Request` or `Response`
//! in its wire form (bytes, see `console_core::trail::protocol::to_wire`) under one key, with the
//! files (page → worker, and fetched trail objects worker → page) or a piece of export text
//! (worker → page) beside it. Both sides use these functions; no key name appears anywhere else.

use console_core::trail::protocol::{from_wire, to_wire, Request, Response, WireError};
use wasm_bindgen::{JsCast, JsValue};

const MSG: &str = "msg";
const FILES: &str = "files";
const TEXT: &str = "text";

/// Why a message could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("the message has no {0:?} bytes")]
    Missing(&'static str),
    #[error(transparent)]
    Wire(#[from] WireError),
}

fn object(msg: &[u8]) -> js_sys::Object {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &MSG.into(), &js_sys::Uint8Array::from(msg));
    o
}

fn bytes_of(v: &JsValue) -> Result<Vec<u8>, CodecError> {
    js_sys::Reflect::get(v, &MSG.into())
        .ok()
        .and_then(|m| m.dyn_into::<js_sys::Uint8Array>().ok())
        .map(|a| a.to_vec())
        .ok_or(CodecError::Missing(MSG))
}

fn text_of(v: &JsValue, key: &'static str) -> Option<String> {
    js_sys::Reflect::get(v, &key.into()).ok().and_then(|m| m.as_string())
}

fn set_files(o: &js_sys::Object, files: &[web_sys::File]) {
    if !files.is_empty() {
        let array: js_sys::Array = files.iter().collect();
        let _ = js_sys::Reflect::set(o, &FILES.into(), &array);
    }
}

fn files_of(v: &JsValue) -> Vec<web_sys::File> {
    js_sys::Reflect::get(v, &FILES.into())
        .ok()
        .filter(|f| f.is_object())
        .map(|f| js_sys::Array::from(&f).iter().filter_map(|f| f.dyn_into().ok()).collect())
        .unwrap_or_default()
}

/// A request, with the files to load beside it.
pub fn encode_request(req: &Request, files: &[web_sys::File]) -> JsValue {
    let o = object(&to_wire(req));
    set_files(&o, files);
    o.into()
}

/// A request and its files.
pub fn decode_request(v: &JsValue) -> Result<(Request, Vec<web_sys::File>), CodecError> {
    let req = from_wire(&bytes_of(v)?)?;
    Ok((req, files_of(v)))
}

/// What travels beside a response.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Beside {
    #[default]
    Nothing,
    /// A piece of export text.
    Text(String),
    /// Trail objects fetched in the worker, as files (the page holds handles, not bytes).
    Files(Vec<web_sys::File>),
}

/// A response, with what travels beside it.
pub fn encode_response(resp: &Response, beside: &Beside) -> JsValue {
    let o = object(&to_wire(resp));
    match beside {
        Beside::Nothing => {}
        Beside::Text(t) => {
            let _ = js_sys::Reflect::set(&o, &TEXT.into(), &JsValue::from_str(t));
        }
        Beside::Files(files) => set_files(&o, files),
    }
    o.into()
}

/// A response and what came beside it.
pub fn decode_response(v: &JsValue) -> Result<(Response, Beside), CodecError> {
    let resp = from_wire(&bytes_of(v)?)?;
    let beside = match text_of(v, TEXT) {
        Some(t) => Beside::Text(t),
        None => match files_of(v) {
            files if files.is_empty() => Beside::Nothing,
            files => Beside::Files(files),
        },
    };
    Ok((resp, beside))
}
