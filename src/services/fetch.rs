//! Perform a signed request with `fetch`, exactly as described: no header added or dropped.

use console_core::oss::request::{HttpRequest, HttpResponse};
use gloo_net::http::{Method, RequestBuilder};
use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials, RequestMode};

/// Why no response arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchFailure {
    /// `fetch` rejected (TypeError): CORS refused the preflight, or the network is down.
    Network(String),
    /// The request could not even be built (a bug; never expected).
    Build(String),
}

/// Send `req` and read the whole response.
pub async fn send(req: &HttpRequest) -> Result<HttpResponse, FetchFailure> {
    let method = match req.method.as_str() {
        "PUT" => Method::PUT,
        "POST" => Method::POST,
        "DELETE" => Method::DELETE,
        "HEAD" => Method::HEAD,
        _ => Method::GET,
    };
    let mut builder = RequestBuilder::new(&req.url)
        .method(method)
        .mode(RequestMode::Cors)
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .referrer_policy(ReferrerPolicy::NoReferrer);
    for (name, value) in &req.headers {
        builder = builder.header(name, value);
    }
    let request = match &req.body {
        Some(body) => builder.body(body.clone()),
        None => builder.build(),
    }
    .map_err(|e| FetchFailure::Build(e.to_string()))?;
    let response = request.send().await.map_err(|e| FetchFailure::Network(e.to_string()))?;
    let mut headers = Vec::new();
    for name in ["x-oss-request-id", "x-oss-ec", "content-type", "x-oss-server-time"] {
        if let Some(v) = response.headers().get(name) {
            headers.push((name.to_string(), v));
        }
    }
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|e| FetchFailure::Network(e.to_string()))?;
    Ok(HttpResponse { status, headers, body })
}
