//! A local OSS emulator for the access-monitor calls: verifies V4 signatures from the request
//! as received, answers like OSS (status, `<Error>` XML, `x-oss-request-id`, `x-oss-ec`), applies
//! a CORS rule, and has fault switches and a control API (`/__emulator/…`) for tests.

pub mod cors;
pub mod http;
pub mod oss;

use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One emulated bucket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub tracking_enabled: bool,
    /// Has a lifecycle rule based on last access time (so tracking cannot be disabled).
    pub access_time_lifecycle: bool,
}

/// An access key the emulator knows.
#[derive(Clone, Debug)]
pub struct Key {
    pub secret: String,
    /// Required token, for STS keys.
    pub token: Option<String>,
    pub expired: bool,
}

/// Faults to inject into the next OSS requests (not control calls).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    pub delay_ms: u64,
    /// Answer this status (5xx) to the next `count` requests.
    pub status: Option<u16>,
    /// Close the connection without answering the next `count` requests.
    pub drop: bool,
    pub count: u32,
}

/// Everything the emulator holds.
#[derive(Clone, Debug)]
pub struct State {
    pub region: String,
    pub buckets: BTreeMap<String, Bucket>,
    pub keys: BTreeMap<String, Key>,
    /// Allowed origins (`*` allowed, one wildcard per entry); empty: CORS off.
    pub cors_origins: Vec<String>,
    /// Added to the real clock: lets tests make the browser look skewed.
    pub clock_offset_ms: i64,
    pub faults: Faults,
    pub requests_served: u64,
    next_request_id: u64,
}

impl State {
    /// The demo setup `scripts/run.sh` and the tests use.
    pub fn demo() -> Self {
        use console_core::oss::demo;
        let mut buckets = BTreeMap::new();
        buckets.insert(demo::BUCKET.to_string(), Bucket { tracking_enabled: false, access_time_lifecycle: false });
        buckets.insert(demo::LOCKED_BUCKET.to_string(), Bucket { tracking_enabled: true, access_time_lifecycle: true });
        let mut keys = BTreeMap::new();
        let demo_key =
            Key { secret: demo::ACCESS_KEY_SECRET.into(), token: Some(demo::SECURITY_TOKEN.into()), expired: false };
        keys.insert(demo::ACCESS_KEY_ID.to_string(), demo_key.clone());
        keys.insert(demo::EXPIRED_ACCESS_KEY_ID.to_string(), Key { expired: true, ..demo_key });
        State {
            region: demo::REGION.into(),
            buckets,
            keys,
            cors_origins: vec!["*".into()],
            clock_offset_ms: 0,
            faults: Faults::default(),
            requests_served: 0,
            next_request_id: 0,
        }
    }

    /// A fresh `x-oss-request-id` (24 uppercase hex digits, like OSS).
    pub fn request_id(&mut self) -> String {
        self.next_request_id += 1;
        format!("E{:023X}", self.next_request_id)
    }

    /// The emulator's "now" in Unix ms.
    pub fn now_ms(&self) -> i64 {
        let real = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
        real + self.clock_offset_ms
    }
}

/// Shared state behind a lock, cloned into each connection's thread.
pub type Shared = Arc<Mutex<State>>;

/// Serve forever on `listener`, one thread per connection.
pub fn serve(listener: TcpListener, state: Shared) {
    for stream in listener.incoming().flatten() {
        let state = state.clone();
        std::thread::spawn(move || handle_connection(stream, &state));
    }
}

/// Start on `addr` in a background thread; returns the bound address (for tests: port 0).
pub fn spawn(addr: &str, state: State) -> std::io::Result<(std::net::SocketAddr, Shared)> {
    let listener = TcpListener::bind(addr)?;
    let local = listener.local_addr()?;
    let shared = Arc::new(Mutex::new(state));
    let s = shared.clone();
    std::thread::spawn(move || serve(listener, s));
    Ok((local, shared))
}

fn handle_connection(mut stream: TcpStream, state: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let req = match http::read_request(&mut stream) {
        Ok(Some(req)) => req,
        Ok(None) => return,
        Err(_) => {
            let _ = http::write_response(&mut stream, &http::Response::new(400, "text/plain", "bad request"));
            return;
        }
    };
    let outcome = oss::handle(state, &req);
    match outcome {
        oss::Outcome::Respond { response, delay_ms } => {
            if delay_ms > 0 {
                std::thread::sleep(Duration::from_millis(delay_ms));
            }
            if !req.path.starts_with("/__emulator") {
                println!("{} {}{} -> {}", req.method, req.header("host").unwrap_or("-"), req.path, response.status);
            }
            let _ = http::write_response(&mut stream, &response);
        }
        oss::Outcome::Drop => {
            println!("{} {} -> connection dropped (fault)", req.method, req.path);
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}
