//! The browser's `Transport`: performs a signed request with `fetch`, exactly as described — the
//! URL byte for byte (it is signed), every header as given, nothing added — and never follows a
//! redirect (it would carry the token to another host). gloo-net's builder rewrites the query
//! string, which breaks the signature, so this talks to web-sys directly.

use super::js::error_text;
use console_core::effects::LocalFuture;
use console_core::oss::cors_rule::EXPOSE_HEADERS;
use console_core::oss::request::{HttpRequest, HttpResponse};
use console_core::oss::transport::{Transport, TransportError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials, RequestInit, RequestMode, RequestRedirect};

/// Requests with no answer after this long are abandoned.
const TIMEOUT_MS: i32 = 30_000;

/// `fetch`, for signed OSS requests.
#[derive(Clone, Copy, Debug, Default)]
pub struct FetchTransport;

impl Transport for FetchTransport {
    fn send<'a>(&'a self, req: &'a HttpRequest) -> LocalFuture<'a, Result<HttpResponse, TransportError>> {
        Box::pin(send(req))
    }
}

/// The global scope's timers and `fetch`: the page's window, or the worker's scope (the worker
/// fetches a trail's objects itself).
enum Scope {
    Window(web_sys::Window),
    Worker(web_sys::WorkerGlobalScope),
}

impl Scope {
    fn get() -> Option<Scope> {
        let global = js_sys::global();
        if let Some(w) = global.dyn_ref::<web_sys::Window>() {
            return Some(Scope::Window(w.clone()));
        }
        global.dyn_into::<web_sys::WorkerGlobalScope>().ok().map(Scope::Worker)
    }

    fn set_timeout(&self, f: &js_sys::Function, ms: i32) -> Result<i32, JsValue> {
        match self {
            Scope::Window(w) => w.set_timeout_with_callback_and_timeout_and_arguments_0(f, ms),
            Scope::Worker(w) => w.set_timeout_with_callback_and_timeout_and_arguments_0(f, ms),
        }
    }

    fn clear_timeout(&self, handle: i32) {
        match self {
            Scope::Window(w) => w.clear_timeout_with_handle(handle),
            Scope::Worker(w) => w.clear_timeout_with_handle(handle),
        }
    }

    fn fetch(&self, request: &web_sys::Request) -> js_sys::Promise {
        match self {
            Scope::Window(w) => w.fetch_with_request(request),
            Scope::Worker(w) => w.fetch_with_request(request),
        }
    }
}

/// Keeps a timer that aborts a request; dropping it cancels the timer.
struct Deadline {
    scope: std::rc::Rc<Scope>,
    handle: i32,
    _abort: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for Deadline {
    fn drop(&mut self) {
        self.scope.clear_timeout(self.handle);
    }
}

fn build_error(e: JsValue) -> TransportError {
    TransportError::Network(error_text(&e))
}

/// Headers the transport hands on: the ones the console's CORS rule exposes, and those every
/// CORS answer shows (`Content-Length`: the object's size as stored, even when the browser
/// decodes a `Content-Encoding`).
const READ_HEADERS: &[&str] = &["content-type", "content-length", "content-encoding"];

async fn send(req: &HttpRequest) -> Result<HttpResponse, TransportError> {
    let scope = std::rc::Rc::new(Scope::get().ok_or_else(|| TransportError::Network("no window".into()))?);
    let init = RequestInit::new();
    init.set_method(&req.method);
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_redirect(RequestRedirect::Manual);
    let headers = web_sys::Headers::new().map_err(build_error)?;
    for (name, value) in &req.headers {
        headers.set(name, value).map_err(build_error)?;
    }
    init.set_headers(&headers);
    if let Some(body) = &req.body {
        init.set_body(&JsValue::from_str(body));
    }
    let controller = web_sys::AbortController::new().map_err(build_error)?;
    init.set_signal(Some(&controller.signal()));
    let abort = {
        let controller = controller.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || controller.abort())
    };
    let handle = scope.set_timeout(abort.as_ref().unchecked_ref(), TIMEOUT_MS).map_err(build_error)?;
    let _deadline = Deadline { scope: scope.clone(), handle, _abort: abort };
    let request = web_sys::Request::new_with_str_and_init(&req.url, &init).map_err(build_error)?;
    let failed = |e: JsValue| {
        if controller.signal().aborted() {
            TransportError::Timeout
        } else {
            TransportError::Network(error_text(&e))
        }
    };
    let response: web_sys::Response =
        JsFuture::from(scope.fetch(&request)).await.map_err(failed)?.dyn_into().map_err(build_error)?;
    if response.type_() == web_sys::ResponseType::Opaqueredirect {
        return Err(TransportError::Redirect);
    }
    let mut out = HttpResponse { status: response.status(), ..Default::default() };
    for name in EXPOSE_HEADERS.iter().chain(READ_HEADERS) {
        if let Ok(Some(v)) = response.headers().get(name) {
            out.headers.push((name.to_string(), v));
        }
    }
    out.body = match req.read_limit {
        None => {
            let buffer = JsFuture::from(response.array_buffer().map_err(build_error)?).await.map_err(failed)?;
            js_sys::Uint8Array::new(&buffer).to_vec()
        }
        Some(limit) => read_capped(&response, limit, &controller).await.map_err(|e| match e {
            Capped::TooLarge => TransportError::TooLarge { limit },
            Capped::Failed(e) => failed(e),
        })?,
    };
    Ok(out)
}

enum Capped {
    TooLarge,
    Failed(JsValue),
}

/// The body as it arrives (after the browser's decoding), stopping as soon as it passes `limit`:
/// a small object sent with `Content-Encoding: gzip` may inflate to gigabytes.
async fn read_capped(
    response: &web_sys::Response,
    limit: u64,
    controller: &web_sys::AbortController,
) -> Result<Vec<u8>, Capped> {
    let declared = response.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<u64>().ok());
    let encoded = response.headers().get("content-encoding").ok().flatten().is_some_and(|v| !v.is_empty());
    if declared.is_some_and(|n| n > limit) && !encoded {
        controller.abort();
        return Err(Capped::TooLarge);
    }
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    // The declared length is the server's word: reserve no more than a few MB on it.
    let mut out: Vec<u8> = Vec::with_capacity(declared.unwrap_or(0).min(limit).min(8 << 20) as usize);
    loop {
        let result = JsFuture::from(reader.read()).await.map_err(Capped::Failed)?;
        let done = js_sys::Reflect::get(&result, &"done".into()).map(|d| d.is_truthy()).unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value = js_sys::Reflect::get(&result, &"value".into()).unwrap_or(JsValue::UNDEFINED);
        let Ok(chunk) = value.dyn_into::<js_sys::Uint8Array>() else { return Ok(out) };
        if out.len() as u64 + chunk.length() as u64 > limit {
            // Stop the download, not only the reading.
            let _ = reader.cancel();
            controller.abort();
            return Err(Capped::TooLarge);
        }
        let at = out.len();
        out.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut out[at..]);
    }
}
