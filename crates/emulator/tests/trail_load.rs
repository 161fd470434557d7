//! The trail-bucket controller (`console_core::trail::bucket`) against the real emulator over
//! TCP: discover, plan and load the demo trails, and compare with an independent reading of what
//! the emulator seeded (`/__emulator/trail`) and of what it served (`/__emulator/requests`).
//! The transport is blocking I/O inside the future: enough for a test, never for the app.

mod common;

use common::{control, demo_creds, exchange};
use console_core::effects::{Clock, LocalFuture};
use console_core::i18n::Lang;
use console_core::oss::credentials::Credentials;
use console_core::oss::demo;
use console_core::oss::encode;
use console_core::oss::request::{Addressing, BucketTarget, HttpRequest, HttpResponse};
use console_core::oss::retry::RetryPolicy;
use console_core::oss::session::Session;
use console_core::oss::transport::{Transport, TransportError};
use console_core::tasks::Cancel;
use console_core::trail::bucket::{DateRange, Options, Plan, PlannedFile, RegionFolder, TrailBucket};
use console_core::trail::bucket_load::{LoadEnd, LoadReport, ObjectSink};
use oss_emulator::{spawn, State, TrailConfig};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const FIRST_DAY: i64 = 1_761_868_800_000; // 2025-10-31: the seeded days cross a month end
const BACKOFF_MS: u64 = 20;

fn start() -> SocketAddr {
    let config = TrailConfig { first_day_ms: FIRST_DAY, days: 3, ..TrailConfig::ending_on(0) };
    spawn("127.0.0.1:0", State::with_trail(&config)).unwrap().0
}

/// Run a future on this thread (the controller's futures are local, like the browser's).
fn block_on<T>(fut: impl Future<Output = T>) -> T {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::thread::park_timeout(Duration::from_millis(50)),
        }
    }
}

/// Sends exactly the request described, one connection each, and reads the whole answer (up to the
/// request's `read_limit`).
struct Tcp(SocketAddr);

impl Transport for Tcp {
    fn send<'a>(&'a self, req: &'a HttpRequest) -> LocalFuture<'a, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let rest = req.url.strip_prefix("http://").ok_or(TransportError::Network("not http".into()))?;
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            let mut head = format!("{} /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n", req.method);
            for (name, value) in &req.headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            match exchange(self.0, head.as_bytes()) {
                // As the browser's transport: no more than the request's limit is read.
                Some(r) if req.read_limit.is_some_and(|limit| r.body.len() as u64 > limit) => {
                    Err(TransportError::TooLarge { limit: req.read_limit.unwrap_or_default() })
                }
                Some(r) => Ok(HttpResponse { status: r.status, headers: r.headers, body: r.body }),
                None => Err(TransportError::Network("the connection closed without an answer".into())),
            }
        })
    }
}

/// Real time; sleeps really sleep and are recorded.
#[derive(Default)]
struct WallClock {
    slept: RefCell<Vec<u64>>,
}

impl Clock for WallClock {
    fn now_ms(&self) -> f64 {
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as f64
    }
    fn sleep(&self, ms: u64) -> LocalFuture<'_, ()> {
        self.slept.borrow_mut().push(ms);
        std::thread::sleep(Duration::from_millis(ms));
        Box::pin(async {})
    }
}

/// Reads each object as the engine would: gunzip, a JSON array, its events counted.
#[derive(Default)]
struct Counting {
    keys: RefCell<Vec<String>>,
    bytes: RefCell<u64>,
    events: RefCell<u64>,
}

impl ObjectSink for Counting {
    fn object<'a>(&'a self, file: &'a PlannedFile, bytes: Vec<u8>) -> LocalFuture<'a, ()> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
        let events: Vec<Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(events.len() as u64, file.expected_events, "{}", file.key);
        *self.events.borrow_mut() += events.len() as u64;
        *self.bytes.borrow_mut() += bytes.len() as u64;
        self.keys.borrow_mut().push(file.key.clone());
        Box::pin(async {})
    }
}

fn target(addr: SocketAddr, bucket: &str) -> BucketTarget {
    BucketTarget::new(bucket, demo::REGION, &format!("http://127.0.0.1:{}", addr.port()), Addressing::PathStyle)
        .unwrap()
}

fn options() -> Options {
    Options { concurrency: 6, page_size: 100, retry: RetryPolicy { max_tries: 3, backoff_ms: BACKOFF_MS } }
}

/// What the emulator seeded: its trail files, keyed by key.
fn seeded(addr: SocketAddr, bucket: &str) -> BTreeMap<String, Value> {
    let listing = control(addr, "GET", &format!("trail?bucket={bucket}"));
    listing["buckets"][0]["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "trail")
        .map(|o| (o["key"].as_str().unwrap().to_string(), o.clone()))
        .collect()
}

/// The object requests the emulator served for `bucket`: (key, status), oldest first.
fn served(addr: SocketAddr, bucket: &str) -> Vec<(String, u64)> {
    let log = control(addr, "GET", &format!("requests?bucket={bucket}"));
    log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["key"].as_str().unwrap().to_string(), e["status"].as_u64().unwrap()))
        .collect()
}

/// Files, bytes and events of these seeded objects, and per (region, day).
type Counts = (usize, u64, u64);
fn counts<'a>(objects: impl Iterator<Item = &'a Value>) -> (Counts, BTreeMap<(String, String), Counts>) {
    let mut total = (0, 0, 0);
    let mut groups: BTreeMap<(String, String), Counts> = BTreeMap::new();
    for o in objects {
        let (size, events) = (o["size"].as_u64().unwrap(), o["events"].as_u64().unwrap());
        for c in [
            &mut total,
            groups.entry((o["region"].as_str().unwrap().into(), o["day"].as_str().unwrap().into())).or_default(),
        ] {
            *c = (c.0 + 1, c.1 + size, c.2 + events);
        }
    }
    (total, groups)
}

fn plan_counts(plan: &Plan) -> (Counts, BTreeMap<(String, String), Counts>) {
    let t = plan.totals;
    let groups = plan
        .by_region_day
        .iter()
        .map(|s| ((s.region.clone(), s.day.clone()), (s.totals.files, s.totals.bytes, s.totals.events)))
        .collect();
    ((t.files, t.bytes, t.events), groups)
}

fn plan(trail: &TrailBucket<'_>, folders: &[RegionFolder], from: &str, to: &str) -> Plan {
    block_on(trail.plan(folders, &DateRange::parse(from, to).unwrap(), &Cancel::new(), &|_| {})).unwrap()
}

fn load(trail: &TrailBucket<'_>, plan: &Plan, sink: &Counting) -> LoadReport {
    block_on(trail.load(plan, sink, &Cancel::new()))
}

#[test]
fn the_single_account_demo_trail_loads_exactly_the_chosen_regions_and_days() {
    let addr = start();
    let (t, clock) = (Tcp(addr), WallClock::default());
    let session = Session::new(&t, &clock, target(addr, demo::TRAIL_BUCKET), demo_creds(), 0);
    let trail = TrailBucket::new(&session, &clock, demo::TRAIL_PREFIX).with_options(options());

    let found = block_on(trail.discover(&Cancel::new())).unwrap();
    assert!(!found.multi_account());
    let mut regions: Vec<String> = demo::TRAIL_REGIONS.iter().map(|r| r.to_string()).collect();
    regions.sort();
    assert_eq!(found.regions(), regions);

    // The user narrows to two regions and two days across the month end.
    let chosen = found.select(&["cn-hangzhou".into(), "ap-southeast-1".into()], &[]);
    let p = plan(&trail, &chosen, "2025-10-31", "2025-11-01");
    let seeded = seeded(addr, demo::TRAIL_BUCKET);
    let in_range: Vec<&Value> = seeded
        .values()
        .filter(|o| ["cn-hangzhou", "ap-southeast-1"].contains(&o["region"].as_str().unwrap()))
        .filter(|o| ["2025-10-31", "2025-11-01"].contains(&o["day"].as_str().unwrap()))
        .collect();
    assert!(in_range.len() > 700, "two regions, two days of five-minute files: {}", in_range.len());
    assert_eq!(plan_counts(&p), counts(in_range.iter().copied()));
    assert_eq!(p.skipped.total(), 1, "the manifest in the first day folder of the first region");

    control(addr, "POST", "requests/clear");
    let sink = Counting::default();
    let report = load(&trail, &p, &sink);
    assert_eq!(report.end, LoadEnd::Complete);
    assert!(report.failures.is_empty(), "{:?}", report.failures.first().map(|f| f.summary(Lang::En)));
    let ((files, bytes, events), _) = counts(in_range.iter().copied());
    assert_eq!((sink.keys.borrow().len(), *sink.bytes.borrow(), *sink.events.borrow()), (files, bytes, events));
    assert_eq!((report.progress.files_loaded, report.progress.bytes_received), (files, bytes));

    // The emulator's own log: each planned object once, answered 200; nothing else.
    let log = served(addr, demo::TRAIL_BUCKET);
    let expected: BTreeSet<&str> = in_range.iter().map(|o| o["key"].as_str().unwrap()).collect();
    assert_eq!(log.len(), expected.len(), "none fetched twice");
    assert_eq!(log.iter().map(|(k, _)| k.as_str()).collect::<BTreeSet<_>>(), expected, "none outside the range");
    assert!(log.iter().all(|(_, s)| *s == 200));
    assert!(clock.slept.borrow().is_empty(), "no retries were needed");
}

#[test]
fn the_multi_account_demo_trail_is_found_and_loaded_per_account() {
    let addr = start();
    let (t, clock) = (Tcp(addr), WallClock::default());
    let session = Session::new(&t, &clock, target(addr, demo::ORG_TRAIL_BUCKET), demo_creds(), 0);
    let trail = TrailBucket::new(&session, &clock, demo::ORG_TRAIL_PREFIX).with_options(options());
    let found = block_on(trail.discover(&Cancel::new())).unwrap();
    assert!(found.multi_account());
    let accounts: BTreeSet<String> = found.accounts().into_iter().map(|m| m.account_id).collect();
    assert_eq!(accounts, demo::ORG_TRAIL_ACCOUNTS.iter().map(|a| a.to_string()).collect());
    assert!(found.accounts().iter().all(|m| m.rd_id == demo::ORG_TRAIL_RD_ID));
    assert_eq!(found.folders.len(), 4, "two accounts, two regions each: {:?}", found.folders);

    let p = plan(&trail, &found.folders, "2025-10-31", "2025-11-02");
    let seeded = seeded(addr, demo::ORG_TRAIL_BUCKET);
    assert_eq!(plan_counts(&p), counts(seeded.values()));
    for f in &p.files {
        assert_eq!(f.account(), seeded[&f.key]["account"].as_str(), "{}", f.key);
    }

    // One account only.
    let one = demo::ORG_TRAIL_ACCOUNTS[0];
    let p1 = plan(&trail, &found.select(&[], &[one.to_string()]), "2025-10-31", "2025-11-02");
    assert_eq!(plan_counts(&p1).0, counts(seeded.values().filter(|o| o["account"] == one)).0);

    control(addr, "POST", "requests/clear");
    let sink = Counting::default();
    let report = load(&trail, &p, &sink);
    assert_eq!(report.end, LoadEnd::Complete);
    assert_eq!((*sink.bytes.borrow(), *sink.events.borrow()), (p.totals.bytes, p.totals.events));
    let log = served(addr, demo::ORG_TRAIL_BUCKET);
    assert_eq!(log.len(), seeded.len());
    assert_eq!(log.iter().map(|(k, _)| k.clone()).collect::<BTreeSet<_>>(), seeded.keys().cloned().collect());
}

#[test]
fn a_flaky_object_is_retried_and_a_broken_one_reported_while_the_rest_load() {
    let addr = start();
    let (t, clock) = (Tcp(addr), WallClock::default());
    let session = Session::new(&t, &clock, target(addr, demo::TRAIL_BUCKET), demo_creds(), 0);
    let trail = TrailBucket::new(&session, &clock, demo::TRAIL_PREFIX).with_options(options());
    let folder = RegionFolder { member: None, region: "cn-shanghai".into() };
    let p = plan(&trail, &[folder], "2025-11-02", "2025-11-02");
    assert!(p.totals.files > 150);
    let name = |i: usize| p.files[i].name().to_string();
    let fault = |query: &str, i: usize| {
        control(addr, "POST", "requests/clear");
        control(addr, "POST", &format!("faults?{query}&path_contains={}", encode::query_component(&name(i))));
    };
    let statuses = |log: &[(String, u64)], i: usize| -> Vec<u64> {
        log.iter().filter(|(k, _)| *k == p.files[i].key).map(|(_, s)| *s).collect()
    };

    // Two 503s, then the object: fetched, handed over once.
    fault("status=503&count=2", 10);
    let sink = Counting::default();
    let report = load(&trail, &p, &sink);
    assert_eq!(report.end, LoadEnd::Complete);
    assert!(report.failures.is_empty());
    assert_eq!(sink.keys.borrow().iter().filter(|k| **k == p.files[10].key).count(), 1);
    let log = served(addr, demo::TRAIL_BUCKET);
    assert_eq!(statuses(&log, 10), [503, 503, 200]);
    assert_eq!(log.len(), p.totals.files + 2, "every other object once");
    assert_eq!(*clock.slept.borrow(), [BACKOFF_MS, 2 * BACKOFF_MS]);
    assert_eq!(report.progress.retries, 2);

    // Always 503: three tries, reported with its code and advice; everything else loads.
    fault("status=503&count=100", 20);
    let sink = Counting::default();
    let report = load(&trail, &p, &sink);
    assert_eq!(report.end, LoadEnd::Complete);
    assert_eq!(report.failures.len(), 1);
    let f = &report.failures[0];
    assert_eq!((f.key.as_str(), f.tries, f.code()), (p.files[20].key.as_str(), 3, "InternalError".to_string()));
    assert!(f.summary(Lang::En).contains("503"));
    assert!(f.advice(Lang::En, "http://127.0.0.1:8080").contains("Try again"));
    assert_eq!(report.not_loaded, [20]);
    assert_eq!(sink.keys.borrow().len(), p.totals.files - 1);
    let log = served(addr, demo::TRAIL_BUCKET);
    assert_eq!(statuses(&log, 20), [503, 503, 503]);
    assert_eq!(log.len(), p.totals.files - 1 + 3);

    // A connection closed without an answer: retried like a timeout.
    fault("drop=1&count=1", 30);
    let report = load(&trail, &p, &Counting::default());
    assert!(report.failures.is_empty());
    assert_eq!(statuses(&served(addr, demo::TRAIL_BUCKET), 30), [0, 200]);
    control(addr, "POST", "faults");
}

#[test]
fn a_wrong_secret_is_reported_before_anything_is_planned() {
    let addr = start();
    let (t, clock) = (Tcp(addr), WallClock::default());
    let creds = Credentials { access_key_secret: "not-the-secret".into(), ..demo_creds() };
    let session = Session::new(&t, &clock, target(addr, demo::TRAIL_BUCKET), creds, 0);
    let trail = TrailBucket::new(&session, &clock, demo::TRAIL_PREFIX);
    let e = block_on(trail.discover(&Cancel::new())).unwrap_err();
    assert_eq!(e.code(), "SignatureDoesNotMatch");
    assert!(e.advice(Lang::En, "").contains("AccessKeySecret"), "{}", e.advice(Lang::En, ""));
    assert!(served(addr, demo::TRAIL_BUCKET).is_empty());
}
