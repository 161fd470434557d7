//! Clients that misbehave cannot hang or exhaust the emulator: oversized heads, heads trickled
//! byte by byte (slowloris), many idle connections, a client that stops reading, and malformed
//! requests of every kind. Real TCP, small limits so the tests are quick.

mod common;

use common::{exchange, parse, signed};
use console_core::oss::demo;
use oss_emulator::{spawn_with, Limits, Shared, State, TrailConfig};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn state() -> State {
    State::with_trail(&TrailConfig { first_day_ms: 1_761_955_200_000, days: 1, ..TrailConfig::ending_on(0) })
}

fn start(limits: Limits) -> (SocketAddr, Shared) {
    spawn_with("127.0.0.1:0", state(), limits).unwrap()
}

fn healthy(addr: SocketAddr) -> bool {
    signed(addr, "GET", demo::BUCKET, None, "accessmonitor", &[]).status == 200
}

/// Wait until the server closes `s` (EOF or reset); how long it took, or None past `limit`.
fn closed_within(s: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    s.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    let mut buf = [0u8; 4096];
    while started.elapsed() < limit {
        match s.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn oversized_heads_get_431_at_once() {
    let (addr, _) = start(Limits { max_header_bytes: 16 * 1024, ..Limits::default() });
    let started = Instant::now();
    let big = "x".repeat(1_000_000);
    let r = exchange(
        addr,
        format!("GET /demo-bucket/?accessmonitor HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {big}\r\n\r\n").as_bytes(),
    );
    assert_eq!(r.map(|r| r.status), Some(431));
    let many: String = (0..500).map(|i| format!("X-H{i}: 1\r\n")).collect();
    let r = exchange(addr, format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{many}\r\n").as_bytes());
    assert_eq!(r.map(|r| r.status), Some(431), "too many headers");
    let r = exchange(addr, format!("GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "a".repeat(100_000)).as_bytes());
    assert!(r.is_some_and(|r| (400..500).contains(&r.status)), "a request line too long");
    assert!(started.elapsed() < Duration::from_secs(3), "answered at once: {:?}", started.elapsed());
    assert!(healthy(addr));
}

#[test]
fn trickled_heads_are_cut_off() {
    let (addr, _) = start(Limits { header_timeout: Duration::from_millis(600), ..Limits::default() });
    let mut slow = TcpStream::connect(addr).unwrap();
    let head = b"GET /demo-bucket/?accessmonitor HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    let started = Instant::now();
    let mut cut = None;
    // One byte every 50 ms: each read makes progress, but the head never completes in time.
    for i in 0.. {
        let byte = head.get(i).copied().unwrap_or(b'a');
        if slow.write_all(&[byte]).is_err() {
            cut = Some(started.elapsed());
            break;
        }
        if started.elapsed() > Duration::from_secs(5) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        // Meanwhile other clients are served promptly.
        if i == 5 {
            let t = Instant::now();
            assert!(healthy(addr));
            assert!(t.elapsed() < Duration::from_secs(1));
        }
    }
    let cut = cut.or_else(|| closed_within(&mut slow, Duration::from_secs(1)));
    let cut = cut.expect("the trickling connection was closed");
    assert!(cut < Duration::from_secs(3), "closed after {cut:?}");
    assert!(healthy(addr));
}

#[test]
fn idle_connections_are_bounded_and_reaped() {
    let limits = Limits { max_connections: 8, header_timeout: Duration::from_millis(700), ..Limits::default() };
    let (addr, state) = start(limits);
    let mut idle: Vec<TcpStream> = (0..60).map(|_| TcpStream::connect(addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(100));
    // All slots are held by idle sockets: a new client is told so at once, not left hanging.
    let t = Instant::now();
    let busy = signed(addr, "GET", demo::BUCKET, None, "accessmonitor", &[]);
    assert_eq!(busy.status, 503);
    assert_eq!(busy.xml("Code").as_deref(), Some("ServiceUnavailable"));
    assert!(t.elapsed() < Duration::from_secs(1));
    // The idle ones are closed after the head timeout...
    for s in idle.iter_mut() {
        assert!(closed_within(s, Duration::from_secs(4)).is_some(), "an idle connection stayed open");
    }
    // ...and the emulator serves again.
    assert!(healthy(addr));
    assert!(state.lock().unwrap().connections_refused >= 52);
}

#[test]
fn a_client_that_stops_reading_frees_its_slot() {
    let limits = Limits { max_connections: 1, write_timeout: Duration::from_millis(500), ..Limits::default() };
    let (addr, _) = start(limits);
    // Many pipelined listings (about 300 KB each) that are never read.
    let query = "list-type=2&max-keys=1000";
    let one = {
        let r = common::signed_request_bytes(addr, "GET", demo::TRAIL_BUCKET, None, query, &[]);
        String::from_utf8(r).unwrap().replace("Connection: close\r\n", "")
    };
    let mut hog = TcpStream::connect(addr).unwrap();
    hog.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    let _ = hog.write_all(one.repeat(100).as_bytes());
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(signed(addr, "GET", demo::BUCKET, None, "accessmonitor", &[]).status, 503, "the hog holds the slot");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(healthy(addr), "the slot came back once the hog's writes timed out");
    drop(hog);
}

#[test]
fn malformed_requests_never_panic_it() {
    static PANICKED: AtomicBool = AtomicBool::new(false);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        previous(info);
    }));
    let limits = Limits {
        header_timeout: Duration::from_millis(500),
        body_timeout: Duration::from_millis(500),
        ..Limits::default()
    };
    let (addr, _) = start(limits);
    let host = "Host: 127.0.0.1\r\nConnection: close\r\n";
    let signed_head = |method: &str, bucket: &str, key: Option<&str>, query: &str, extra: &[(&str, &str)]| {
        String::from_utf8(common::signed_request_bytes(addr, method, bucket, key, query, extra)).unwrap()
    };
    let mut cases: Vec<Vec<u8>> = vec![
        b"\x00\x01\x02\xff\r\n\r\n".to_vec(),
        b"GET\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999999\r\n\r\n".to_vec(),
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".to_vec(),
        // A body that never completes: cut off after the body timeout.
        b"PUT /demo-bucket/?accessmonitor HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nshort".to_vec(),
        format!("OPTIONS * HTTP/1.1\r\n{host}\r\n").into_bytes(),
        format!("GET http://demo-bucket.localhost/?accessmonitor HTTP/1.1\r\n{host}\r\n").into_bytes(),
        format!("GET /demo-trail/?list-type=2&max-keys=99999999999999999999999 HTTP/1.1\r\n{host}\r\n").into_bytes(),
        format!("GET /%ff%fe/%zz%%/x?%%%&&==&=&list-type=2 HTTP/1.1\r\n{host}\r\n").into_bytes(),
        b"GET /demo-trail/?accessmonitor HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: a..localhost:99999999\r\nConnection: close\r\n\r\n".to_vec(),
        [format!("GET / HTTP/1.1\r\n{host}X-Bin: ").as_bytes(), b"\xff\xfe\x80", b"\r\nOrigin: \xff\r\n\r\n"].concat(),
        format!("GET / HTTP/1.1\r\n{host}Authorization: OSS4-HMAC-SHA256 Credential=////,Signature=\r\n\r\n").into_bytes(),
        format!("GET / HTTP/1.1\r\n{host}Authorization: OSS :\r\nDate: yesterday\r\n\r\n").into_bytes(),
        format!("GET /demo-bucket/ HTTP/1.1\r\n{host}Authorization: OSS a:b\r\nx-oss-date: 2025-13-45T99:99:99Z\r\n\r\n")
            .into_bytes(),
        format!(
            "GET /demo-bucket/?accessmonitor HTTP/1.1\r\n{host}Authorization: OSS4-HMAC-SHA256 Credential={}/2/3/4/aliyun_v4_request,Signature=00\r\nx-oss-date: 20250101T000000Z\r\n\r\n",
            demo::ACCESS_KEY_ID
        )
        .into_bytes(),
        format!("GET /__emulator/faults?status=abc&delay_ms=-5&count=-1 HTTP/1.1\r\n{host}x-emulator-control: 1\r\n\r\n")
            .into_bytes(),
        format!("POST /__emulator/faults?status=99999 HTTP/1.1\r\n{host}x-emulator-control: 1\r\n\r\n").into_bytes(),
        format!("GET /__emulator/../../etc/passwd HTTP/1.1\r\n{host}x-emulator-control: 1\r\n\r\n").into_bytes(),
    ];
    // Signed, so they reach the OSS logic: odd ranges, queries and bodies.
    let key = "actiontrail/README.txt";
    for (query, extra) in [
        ("", vec![("range", "bytes=18446744073709551615-18446744073709551616")]),
        ("", vec![("range", "bytes=-18446744073709551615")]),
        ("", vec![("range", "bytes=0-0,,,--,5")]),
        ("", vec![("range", "bytes=\u{ff}-1")]),
    ] {
        cases.push(signed_head("GET", demo::TRAIL_BUCKET, Some(key), query, &extra).into_bytes());
    }
    for query in [
        "list-type=2&continuation-token=%FF%FE%00",
        "list-type=2&continuation-token=a3po",
        "list-type=2&prefix=%C3%28&delimiter=%C3%28&start-after=%FF",
        "list-type=2&encoding-type=url&delimiter=&max-keys=1",
        "list-type=2&list-type=3",
        "lifecycle&lifecycle",
    ] {
        cases.push(signed_head("GET", demo::TRAIL_BUCKET, None, query, &[]).into_bytes());
    }
    for body in [&b"\xff\xfe<AccessMonitorConfiguration>"[..], b"<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", b""] {
        let head = signed_head("PUT", demo::BUCKET, None, "accessmonitor", &[("content-type", "application/xml")])
            .replace("Connection: close\r\n", &format!("Connection: close\r\nContent-Length: {}\r\n", body.len()));
        cases.push([head.as_bytes(), body].concat());
    }
    for (i, case) in cases.iter().enumerate() {
        let started = Instant::now();
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = s.write_all(case);
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        assert!(started.elapsed() < Duration::from_secs(4), "case {i} took {:?}", started.elapsed());
        if let Some(r) = parse(&buf) {
            assert!((200..600).contains(&r.status), "case {i}: {}", r.status);
            assert!(r.status != 500, "case {i}: an internal error");
        }
    }
    assert!(healthy(addr));
    assert!(!PANICKED.load(Ordering::SeqCst), "a request made the emulator panic");
}
