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

/// Keeps a timer that aborts a request; dropping it cancels the timer.
struct Deadline {
    handle: i32,
    _abort: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.handle);
        }
    }
}

fn build_error(e: JsValue) -> TransportError {
    TransportError::Network(error_text(&e))
}

async fn send(req: &HttpRequest) -> Result<HttpResponse, TransportError> {
    let window = web_sys::window().ok_or_else(|| TransportError::Network("no window".into()))?;
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
    let handle = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.as_ref().unchecked_ref(), TIMEOUT_MS)
        .map_err(build_error)?;
    let _deadline = Deadline { handle, _abort: abort };
    let request = web_sys::Request::new_with_str_and_init(&req.url, &init).map_err(build_error)?;
    let failed = |e: JsValue| {
        if controller.signal().aborted() {
            TransportError::Timeout
        } else {
            TransportError::Network(error_text(&e))
        }
    };
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_request(&request)).await.map_err(failed)?.dyn_into().map_err(build_error)?;
    if response.type_() == web_sys::ResponseType::Opaqueredirect {
        return Err(TransportError::Redirect);
    }
    let mut out = HttpResponse { status: response.status(), ..Default::default() };
    for name in EXPOSE_HEADERS.iter().chain(&["content-type"]) {
        if let Ok(Some(v)) = response.headers().get(name) {
            out.headers.push((name.to_string(), v));
        }
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(build_error)?).await.map_err(failed)?;
    out.body = js_sys::Uint8Array::new(&buffer).to_vec();
    Ok(out)
}
