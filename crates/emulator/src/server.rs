//! The HTTP layer: hyper (HTTP/1.1, keep-alive) on a small tokio runtime, with bounds so a
//! misbehaving client cannot hang or exhaust the emulator:
//! - at most `max_connections` at once; the next ones get `503` and are closed;
//! - request heads are limited in size (`431` past `max_header_bytes`) and must arrive within
//!   `header_timeout`, which also closes idle keep-alive connections (slowloris, idle sockets);
//! - bodies are limited in size (`413`) and must arrive within `body_timeout`;
//! - a client that stops reading is dropped after `write_timeout`.

use crate::http::{Request, Response};
use crate::oss::{self, Outcome};
use crate::{Shared, State};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::StatusCode;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{timeout, Sleep};

/// Bounds on what clients may make the emulator hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_connections: usize,
    /// Time to receive a whole request head; also how long an idle connection stays open.
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub write_timeout: Duration,
    /// Request line plus headers, in bytes (at least 8 KiB).
    pub max_header_bytes: usize,
    pub max_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 256,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(30),
            max_header_bytes: 64 * 1024,
            max_body_bytes: 1024 * 1024,
        }
    }
}

/// Serve on `listener` until the process ends (blocks the calling thread).
pub fn run(listener: std::net::TcpListener, state: Shared, limits: Limits) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(accept_loop(listener, state, limits))
}

/// Start on `addr` in a background thread; returns the bound address (for tests: port 0).
pub fn spawn(addr: &str, state: State) -> io::Result<(SocketAddr, Shared)> {
    spawn_with(addr, state, Limits::default())
}

/// [`spawn`] with explicit limits.
pub fn spawn_with(addr: &str, state: State, limits: Limits) -> io::Result<(SocketAddr, Shared)> {
    let listener = std::net::TcpListener::bind(addr)?;
    let local = listener.local_addr()?;
    let shared = Arc::new(Mutex::new(state));
    let s = shared.clone();
    std::thread::spawn(move || {
        if let Err(e) = run(listener, s, limits) {
            eprintln!("oss-emulator: {e}");
        }
    });
    Ok((local, shared))
}

async fn accept_loop(listener: std::net::TcpListener, state: Shared, limits: Limits) -> io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let limits = Arc::new(limits);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: wait for some to be released.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        match slots.clone().try_acquire_owned() {
            Ok(permit) => {
                tokio::spawn(serve_connection(stream, state.clone(), limits.clone(), permit));
            }
            Err(_) => {
                lock(&state).connections_refused += 1;
                // Refused sockets are released within two seconds, so a flood cannot pile them up.
                tokio::spawn(refuse(stream, limits.max_connections, limits.write_timeout.min(Duration::from_secs(2))));
            }
        }
    }
}

fn lock(state: &Shared) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|p| p.into_inner())
}

/// Answer `503` to a connection over the limit, then close it (all within `within`).
async fn refuse(mut stream: TcpStream, max: usize, within: Duration) {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>ServiceUnavailable</Code>\n  <Message>The local \
         emulator serves at most {max} connections at once.</Message>\n  <EC>{0}</EC>\n</Error>\n",
        crate::errors::UNDOCUMENTED_EC
    );
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: \
         close\r\nRetry-After: 1\r\n\r\n",
        body.len()
    );
    let _ = timeout(within, async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await?;
        // Read what the client sent so closing does not reset the connection before it reads
        // the answer; bounded in time and size.
        let mut sink = [0u8; 4096];
        let mut total = 0;
        while total < 64 * 1024 {
            match stream.read(&mut sink).await {
                Ok(0) | Err(_) => break,
                Ok(n) => total += n,
            }
        }
        io::Result::Ok(())
    })
    .await;
}

async fn serve_connection(stream: TcpStream, state: Shared, limits: Arc<Limits>, _slot: OwnedSemaphorePermit) {
    let io = TokioIo::new(WriteDeadline::new(stream, limits.write_timeout));
    let service = {
        let limits = limits.clone();
        service_fn(move |req| handle(req, state.clone(), limits.clone()))
    };
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192))
        .max_header_size(limits.max_header_bytes.max(8192))
        .max_headers(128);
    // The slot is held until the connection ends, however it ends.
    let _ = builder.serve_connection(io, service).await;
}

/// The connection is closed without an answer (a fault, or a body that never came).
#[derive(Debug)]
struct Closed;

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection closed without an answer")
    }
}

impl std::error::Error for Closed {}

pub(crate) fn to_request(parts: &hyper::http::request::Parts, body: Bytes) -> Request {
    let mut headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    if !parts.headers.contains_key(hyper::header::HOST) {
        if let Some(authority) = parts.uri.authority() {
            headers.push(("host".into(), authority.as_str().to_string()));
        }
    }
    Request {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or_default().to_string(),
        headers,
        body,
    }
}

pub(crate) fn to_hyper(r: Response, head: bool) -> hyper::Response<Full<Bytes>> {
    let mut out = hyper::Response::new(Full::new(r.body));
    *out.status_mut() = StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in r.headers {
        // hyper sets Content-Length from the body; only a HEAD answer states it itself.
        if !head && name.eq_ignore_ascii_case("content-length") {
            continue;
        }
        if let (Ok(n), Ok(v)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
            out.headers_mut().append(n, v);
        }
    }
    out
}

fn plain(status: u16, text: &str) -> hyper::Response<Full<Bytes>> {
    to_hyper(Response::new(status, "text/plain", text.to_string()), false)
}

async fn handle(
    req: hyper::Request<Incoming>,
    state: Shared,
    limits: Arc<Limits>,
) -> Result<hyper::Response<Full<Bytes>>, Closed> {
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body_bytes as u64) {
        return Ok(plain(413, "request body too large for the emulator"));
    }
    let body = match timeout(limits.body_timeout, Limited::new(body, limits.max_body_bytes).collect()).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
            return Ok(plain(413, "request body too large for the emulator"));
        }
        Ok(Err(_)) | Err(_) => return Err(Closed),
    };
    let request = to_request(&parts, body);
    let head = request.method == "HEAD";
    match oss::handle(&state, &request) {
        Outcome::Respond { response, delay_ms } => {
            if delay_ms > 0 {
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            }
            if !request.path.starts_with("/__emulator") {
                println!(
                    "{} {}{} -> {}",
                    request.method,
                    crate::sanitize::host(request.host()),
                    crate::sanitize::header_value(&request.path, 512),
                    response.status
                );
            }
            Ok(to_hyper(response, head))
        }
        Outcome::Drop => {
            println!(
                "{} {} -> connection dropped (fault)",
                request.method,
                crate::sanitize::header_value(&request.path, 512)
            );
            Err(Closed)
        }
    }
}

/// A TCP stream whose writes fail once they have been blocked for `timeout`: a client that
/// stops reading its answer cannot hold a connection slot forever.
struct WriteDeadline {
    inner: TcpStream,
    timeout: Duration,
    deadline: Option<Pin<Box<Sleep>>>,
}

impl WriteDeadline {
    fn new(inner: TcpStream, timeout: Duration) -> Self {
        WriteDeadline { inner, timeout, deadline: None }
    }

    /// Called when a write is pending: arm the deadline, and fail once it passes.
    fn poll_deadline<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let timeout = self.timeout;
        let deadline = self.deadline.get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "client stopped reading"))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn track<T>(&mut self, cx: &mut Context<'_>, result: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        match result {
            Poll::Ready(r) => {
                self.deadline = None;
                Poll::Ready(r)
            }
            Poll::Pending => self.poll_deadline(cx),
        }
    }
}

impl AsyncRead for WriteDeadline {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for WriteDeadline {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.track(cx, r)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_flush(cx);
        this.track(cx, r)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
