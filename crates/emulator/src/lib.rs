//! A local OSS emulator: verifies V4 and V1 signatures from the request as received, answers
//! like OSS (status, `<Error>` XML, `x-oss-request-id`, `x-oss-ec`, HTTP dates), serves the
//! access-monitor and lifecycle calls, ListObjectsV2 and GetObject over seeded ActionTrail trail
//! buckets, applies a CORS rule, and has fault switches and a control API (`/__emulator/…`).

pub mod auth;
pub mod control;
pub mod cors;
pub mod errors;
pub mod fuzzing;
pub mod http;
pub mod lifecycle;
pub mod list;
pub mod object;
pub mod oss;
pub mod sanitize;
pub mod seed;
pub mod server;
pub mod store;

pub use seed::TrailConfig;
pub use server::{run, spawn, spawn_with, Limits};

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};
use store::ObjectStore;

/// One emulated bucket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub tracking_enabled: bool,
    /// When tracking was last enabled (Unix ms): `AtimeBase` of access-time lifecycle rules.
    pub tracking_enabled_at_ms: i64,
    /// Lifecycle rules; empty answers `NoSuchLifecycle`.
    pub lifecycle: Vec<lifecycle::Rule>,
    pub objects: Arc<ObjectStore>,
    /// Its own region, when not the emulator's: asked at another region's endpoint (a request
    /// signed for another region), it answers AccessDenied naming its endpoint, as OSS does.
    pub region: Option<String>,
    /// Whether its CORS rule allows the console's origins (`false`: no CORS headers at all).
    pub cors: bool,
    /// The demo credentials may not touch it (AccessDenied, as a RAM policy without it).
    pub denied: bool,
    /// The configuration a PutBucketLifecycle wrote, kept element for element (it replaces
    /// `lifecycle` once written).
    pub lifecycle_written: Option<console_core::oss::lifecycle_config::Node>,
}

impl Bucket {
    /// A bucket without objects or lifecycle rules.
    pub fn new(tracking_enabled: bool) -> Self {
        Bucket {
            tracking_enabled,
            tracking_enabled_at_ms: 0,
            lifecycle: vec![],
            objects: Arc::default(),
            region: None,
            cors: true,
            denied: false,
            lifecycle_written: None,
        }
    }

    /// Has a lifecycle rule based on last access time (so tracking cannot be disabled).
    pub fn has_access_time_rule(&self) -> bool {
        match &self.lifecycle_written {
            Some(written) => console_core::oss::lifecycle_config::has_access_time(written),
            None => self.lifecycle.iter().any(lifecycle::Rule::is_access_time),
        }
    }

    /// Add the demo access-time rule (and enable tracking, which such a rule needs), or remove
    /// every access-time rule.
    pub fn set_access_time_rule(&mut self, on: bool) {
        self.lifecycle.retain(|r| !r.is_access_time());
        if on {
            self.lifecycle.insert(0, lifecycle::Rule::access_time_demo());
            self.tracking_enabled = true;
        }
    }
}

/// The buckets for the many-buckets view: `fleet-01` … `fleet-20` in the emulator's region
/// (every third enabled; 07 and 14 locked by an access-time rule), `fleet-sh-01` and
/// `fleet-sh-02` in cn-shanghai, `fleet-denied` (the demo credentials may not touch it) and
/// `fleet-nocors` (no CORS rule for any origin).
fn fleet(buckets: &mut BTreeMap<String, Bucket>) {
    for i in 1..=20 {
        let mut b = Bucket::new(i % 3 == 0);
        if i == 7 || i == 14 {
            b.set_access_time_rule(true);
        }
        buckets.insert(format!("fleet-{i:02}"), b);
    }
    for i in 1..=2 {
        let mut b = Bucket::new(i == 2);
        b.region = Some("cn-shanghai".into());
        buckets.insert(format!("fleet-sh-{i:02}"), b);
    }
    buckets.insert("fleet-denied".into(), Bucket { denied: true, ..Bucket::new(false) });
    buckets.insert("fleet-nocors".into(), Bucket { cors: false, ..Bucket::new(true) });
}

/// The cold-data bucket: a few thousand objects of varied sizes, storage classes and last access
/// times, tracking on, and a lifecycle configuration holding every element a client must keep.
pub const COLD_BUCKET: &str = "demo-cold";

/// Objects in [`COLD_BUCKET`].
pub const COLD_OBJECTS: usize = 3000;

/// The lifecycle configuration of [`COLD_BUCKET`]: an access-time rule beside rules with
/// `Filter`/`Not`, `Tag`, `NoncurrentVersionTransition`, `AbortMultipartUpload` and an element
/// from a later release.
pub const COLD_LIFECYCLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration>
  <Rule><ID>logs to IA after 30 days unread</ID><Prefix>data/logs/</Prefix><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime><ReturnToStdWhenVisit>true</ReturnToStdWhenVisit><AllowSmallFile>false</AllowSmallFile></Transition></Rule>
  <Rule><ID>reports, except held</ID><Prefix>data/reports/</Prefix><Tag><Key>team</Key><Value>finance</Value></Tag><Filter><Not><Prefix>data/reports/keep/</Prefix><Tag><Key>hold</Key><Value>yes</Value></Tag></Not></Filter><Status>Enabled</Status><Expiration><Days>365</Days></Expiration><AbortMultipartUpload><Days>7</Days></AbortMultipartUpload></Rule>
  <Rule><ID>old versions</ID><Prefix>data/backup/</Prefix><Status>Enabled</Status><NoncurrentVersionTransition><NoncurrentDays>60</NoncurrentDays><StorageClass>Archive</StorageClass></NoncurrentVersionTransition><NoncurrentVersionExpiration><NoncurrentDays>365</NoncurrentDays></NoncurrentVersionExpiration><FutureElement mode="strict">kept as is</FutureElement></Rule>
</LifecycleConfiguration>"#;

fn cold(now_ms: i64) -> Bucket {
    const DAY: i64 = 86_400_000;
    static ZEROS: std::sync::OnceLock<bytes::Bytes> = std::sync::OnceLock::new();
    let zeros = ZEROS.get_or_init(|| bytes::Bytes::from(vec![0u8; 8 << 20])).clone();
    let mut x: u64 = 0xc01d_5eed;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n.max(1)
    };
    let mut objects = ObjectStore::default();
    for i in 0..COLD_OBJECTS {
        let dept = ["logs", "media", "backup", "reports"][next(4) as usize];
        let size = match next(100) {
            0..=79 => 1024 + next(63 * 1024),
            80..=96 => (64 << 10) + next(2 << 20),
            _ => (2 << 20) + next(6 << 20),
        } as usize;
        let class = match next(100) {
            0..=69 => "Standard",
            70..=84 => "IA",
            85..=94 => "Archive",
            _ => "ColdArchive",
        };
        let access = (next(100) >= 12).then(|| now_ms - next(500) as i64 * DAY - next(DAY as u64) as i64);
        let modified = access.unwrap_or(now_ms) - next(200) as i64 * DAY - DAY;
        let key = format!("data/{dept}/{i:05}.bin");
        objects.insert(key.clone(), store::Object::shared(&key, zeros.slice(..size), modified, class, access));
    }
    let mut b = Bucket::new(true);
    b.tracking_enabled_at_ms = now_ms - 400 * DAY;
    b.objects = Arc::new(objects);
    b.lifecycle_written = console_core::oss::lifecycle_config::parse(COLD_LIFECYCLE).ok();
    b
}

/// An access key the emulator knows.
#[derive(Clone, Debug)]
pub struct Key {
    pub secret: String,
    /// Required token, for STS keys.
    pub token: Option<String>,
    pub expired: bool,
}

/// Faults to inject into OSS requests (not control calls, not preflights).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// Delay every matching request by this much (whatever `count` says).
    pub delay_ms: u64,
    /// Answer this status (5xx) to the next `count` matching requests.
    pub status: Option<u16>,
    /// Close the connection without answering the next `count` matching requests.
    pub drop: bool,
    pub count: u32,
    /// Only requests whose path, in path-style form `/<bucket>/<key>` and decoded, contains this.
    pub path_contains: Option<String>,
}

/// One object request served, for tests (`/__emulator/requests`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Served {
    pub method: String,
    pub bucket: String,
    pub key: String,
    /// The `Range` header as sent, if any.
    pub range: Option<String>,
    pub status: u16,
    pub request_id: String,
}

/// How many served object requests the log keeps (oldest dropped first).
pub const LOG_CAPACITY: usize = 100_000;

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
    /// Serve trail files with `Content-Encoding: gzip` (clients must sniff, not assume).
    pub gzip_encoding: bool,
    pub requests_served: u64,
    /// Object requests served, newest last.
    pub log: VecDeque<Served>,
    /// Entries dropped from the front of `log`.
    pub log_dropped: u64,
    /// Connections refused because all slots were taken.
    pub connections_refused: u64,
    pub seeded: Arc<seed::Seeded>,
    /// What a reset goes back to (see [`State::keep_as_baseline`]).
    baseline: Option<Arc<State>>,
    next_request_id: u64,
}

impl State {
    /// The demo setup `scripts/run.sh` and the tests use, with the default trail (ending today).
    pub fn demo() -> Self {
        Self::with_trail(&TrailConfig::ending_on(real_now_ms()))
    }

    /// The demo setup with a given seeded trail.
    pub fn with_trail(config: &TrailConfig) -> Self {
        Self::from_seeded(seed::seeded(config))
    }

    /// The demo setup over already seeded trail buckets (what a reset goes back to).
    pub fn from_seeded(seeded: Arc<seed::Seeded>) -> Self {
        use console_core::oss::demo;
        let mut buckets = BTreeMap::new();
        buckets.insert(demo::BUCKET.to_string(), Bucket::new(false));
        let mut locked = Bucket::new(true);
        locked.lifecycle = vec![lifecycle::Rule::access_time_demo(), lifecycle::Rule::ordinary_demo("tmp/", 7)];
        buckets.insert(demo::LOCKED_BUCKET.to_string(), locked);
        let mut trail = Bucket::new(false);
        trail.lifecycle = vec![lifecycle::Rule::ordinary_demo(&format!("{}/", demo::TRAIL_PREFIX), 180)];
        trail.objects = seeded.trail.clone();
        buckets.insert(demo::TRAIL_BUCKET.to_string(), trail);
        let mut org = Bucket::new(false);
        org.objects = seeded.org.clone();
        buckets.insert(demo::ORG_TRAIL_BUCKET.to_string(), org);
        fleet(&mut buckets);
        buckets.insert(COLD_BUCKET.into(), cold(real_now_ms()));
        let mut keys = BTreeMap::new();
        let demo_key =
            Key { secret: demo::ACCESS_KEY_SECRET.into(), token: Some(demo::SECURITY_TOKEN.into()), expired: false };
        keys.insert(demo::ACCESS_KEY_ID.to_string(), demo_key.clone());
        keys.insert(demo::EXPIRED_ACCESS_KEY_ID.to_string(), Key { expired: true, ..demo_key });
        State {
            region: demo::REGION.into(),
            buckets,
            keys,
            // Only the console's own origins, as a bucket's CORS rule should be (`--cors-origin`
            // or the `cors` control changes it).
            cors_origins: demo::CONSOLE_ORIGINS.iter().map(|o| o.to_string()).collect(),
            clock_offset_ms: 0,
            faults: Faults::default(),
            gzip_encoding: false,
            requests_served: 0,
            log: VecDeque::new(),
            log_dropped: 0,
            connections_refused: 0,
            seeded,
            baseline: None,
            next_request_id: 0,
        }
    }

    /// Make the current setup (command-line buckets, region, CORS) what a reset returns to.
    pub fn keep_as_baseline(&mut self) {
        self.baseline = None;
        self.baseline = Some(Arc::new(self.clone()));
    }

    /// Back to the baseline (or the demo setup), keeping the seeded trail. Request ids keep
    /// counting, so they stay unique for the process.
    pub fn reset(&mut self) {
        let next_request_id = self.next_request_id;
        let baseline = self.baseline.take();
        *self = match &baseline {
            Some(b) => State::clone(b),
            None => State::from_seeded(self.seeded.clone()),
        };
        self.baseline = baseline;
        self.next_request_id = next_request_id;
    }

    /// A fresh `x-oss-request-id` (24 uppercase hex digits, like OSS).
    pub fn request_id(&mut self) -> String {
        self.next_request_id += 1;
        format!("E{:023X}", self.next_request_id)
    }

    /// The emulator's "now" in Unix ms.
    pub fn now_ms(&self) -> i64 {
        real_now_ms() + self.clock_offset_ms
    }

    /// Record an object request.
    pub fn record(&mut self, served: Served) {
        if self.log.len() >= LOG_CAPACITY {
            self.log.pop_front();
            self.log_dropped += 1;
        }
        self.log.push_back(served);
    }
}

fn real_now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Shared state behind a lock, cloned into each connection's task.
pub type Shared = Arc<Mutex<State>>;
