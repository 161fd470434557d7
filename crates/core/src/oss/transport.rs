//! Sending a signed request: the one effect an OSS controller needs besides the clock.

use super::request::{HttpRequest, HttpResponse};
use crate::effects::LocalFuture;

/// Why no response can be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The browser refused it or the network failed; a browser cannot tell a CORS refusal from
    /// an unreachable host. The text is the browser's, redacted before anyone sees it.
    #[error("no response ({0})")]
    Network(String),
    /// The server answered with a redirect, which a signed request never follows.
    #[error("the endpoint answered with a redirect")]
    Redirect,
    /// No answer in time.
    #[error("no answer in time")]
    Timeout,
    /// The body went past the request's `read_limit` (bytes after the browser's decoding); reading
    /// stopped there.
    #[error("the answer is larger than {limit} bytes")]
    TooLarge { limit: u64 },
}

/// Performs exactly the request described: the URL byte for byte, every header as given,
/// nothing added, redirects not followed.
pub trait Transport {
    /// Send `req` and read the whole response, or at most `req.read_limit` bytes of its body.
    fn send<'a>(&'a self, req: &'a HttpRequest) -> LocalFuture<'a, Result<HttpResponse, TransportError>>;
}
