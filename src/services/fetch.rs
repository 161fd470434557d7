//! Perform a signed request with `fetch`, exactly as described: the URL byte for byte (it is
//! signed), every header as given, nothing added. (gloo-net's builder rewrites the query string,
//! which breaks the signature, so this talks to web-sys directly.)

use super::js::error_text;
use console_core::oss::request::{HttpRequest, HttpResponse};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials, RequestInit, RequestMode};

/// Why no response arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchFailure {
    /// `fetch` rejected (TypeError): CORS refused the preflight, or the network is down.
    Network(String),
    /// The request could not even be built (a bug; never expected).
    Build(String),
}

/// Response headers the console reads (OSS must expose them through CORS).
const READ_HEADERS: &[&str] = &["x-oss-request-id", "x-oss-ec", "content-type"];

/// Send `req` and read the whole response.
pub async fn send(req: &HttpRequest) -> Result<HttpResponse, FetchFailure> {
    let build = |e: JsValue| FetchFailure::Build(error_text(&e));
    let init = RequestInit::new();
    init.set_method(&req.method);
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let headers = web_sys::Headers::new().map_err(build)?;
    for (name, value) in &req.headers {
        headers.set(name, value).map_err(build)?;
    }
    init.set_headers(&headers);
    if let Some(body) = &req.body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = web_sys::Request::new_with_str_and_init(&req.url, &init).map_err(build)?;
    let window = web_sys::window().ok_or_else(|| FetchFailure::Build("no window".into()))?;
    let response =
        JsFuture::from(window.fetch_with_request(&request)).await.map_err(|e| FetchFailure::Network(error_text(&e)))?;
    let response: web_sys::Response = response.dyn_into().map_err(build)?;
    let mut out = HttpResponse { status: response.status(), ..Default::default() };
    for name in READ_HEADERS {
        if let Ok(Some(v)) = response.headers().get(name) {
            out.headers.push((name.to_string(), v));
        }
    }
    let text = response.text().map_err(build)?;
    out.body =
        JsFuture::from(text).await.map_err(|e| FetchFailure::Network(error_text(&e)))?.as_string().unwrap_or_default();
    Ok(out)
}
