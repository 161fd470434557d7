//! Loading a trail from its bucket, against a fake OSS bucket (a `Transport` that answers
//! ListObjectsV2 and GetObject from memory, paginates with URL-encoded tokens, and fails on
//! script) and a test clock that records every backoff. The emulator crate's `trail_load` test
//! drives the same controller against the real emulator over TCP.

use console_core::effects::{Clock, LocalFuture};
use console_core::i18n::Lang;
use console_core::oss::credentials::Credentials;
use console_core::oss::encode;
use console_core::oss::request::{Addressing, BucketTarget, HttpRequest, HttpResponse};
use console_core::oss::retry::RetryPolicy;
use console_core::oss::session::{LogEntry, Session};
use console_core::oss::transport::{Transport, TransportError};
use console_core::tasks::Cancel;
use console_core::time::UtcDateTime;
use console_core::trail::bucket::{
    DateRange, Discovery, LeftOut, Options, Plan, PlanProgress, PlannedFile, RegionFolder, TrailBucket, TrailError,
};
use console_core::trail::bucket_load::{LoadEnd, LoadProgress, LoadReport, ObjectSink};
use console_core::trail::layout::{Member, TrailKey, EVENT_TYPE, INSIGHT_EVENT_TYPE};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::future::poll_fn;
use std::task::Poll;

const SECRET: &str = "Secret/With+Chars=0";
const TOKEN: &str = "CAIS+Token/Value==";
const NOW: f64 = 1_763_640_000_000.0;
const DAY: i64 = 86_400_000;
/// Tokens need URL encoding (`+`, `/`, `=`, a space): a client that does not decode them loses
/// its place.
const TOKEN_TAIL: &str = " +/=";

fn day_ms(day: &str) -> i64 {
    let (y, m, d) = (&day[0..4], &day[5..7], &day[8..10]);
    UtcDateTime {
        year: y.parse().unwrap(),
        month: m.parse().unwrap(),
        day: d.parse().unwrap(),
        hour: 0,
        minute: 0,
        second: 0,
        millis: 0,
    }
    .to_unix_millis()
}

/// A canned failure for one try.
#[derive(Clone, Debug)]
enum Fault {
    Status(u16, &'static str),
    Timeout,
    NoResponse,
}

/// An OSS bucket in memory.
#[derive(Default)]
struct FakeBucket {
    objects: BTreeMap<String, Vec<u8>>,
    /// Keys (and common prefixes) per listing page, whatever `max-keys` says.
    page: usize,
    /// Failures served (in order) before a key's object.
    object_faults: RefCell<HashMap<String, VecDeque<Fault>>>,
    /// What GetObject serves instead of the stored bytes (as a browser hands over an object sent
    /// with `Content-Encoding: gzip`: inflated, not the size listed).
    served_instead: HashMap<String, Vec<u8>>,
    /// Failures served (in order) before listings answer.
    list_faults: RefCell<VecDeque<Fault>>,
    /// A broken server: listings return every key, whatever the prefix.
    ignore_prefix: bool,
    /// Sizes listed instead of the stored bytes' length.
    listed_size: HashMap<String, u64>,
    /// `Content-Length` sent with an object instead of its stored size.
    content_length: HashMap<String, u64>,
    /// Polls each answer stays pending (so requests overlap).
    delay_polls: usize,
    sent: RefCell<Vec<HttpRequest>>,
    in_flight: Cell<usize>,
    peak: Cell<usize>,
}

struct InFlight<'a>(&'a Cell<usize>);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

fn answer(status: u16, body: String) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("x-oss-request-id".into(), "6731E8F1A4B2C3D4E5F60718".into())],
        body: body.into_bytes(),
    }
}

fn error(status: u16, code: &str) -> HttpResponse {
    answer(
        status,
        format!(
            "<Error><Code>{code}</Code><Message>m</Message><RequestId>RID</RequestId><HostId>h</HostId><EC>0000-1</EC></Error>"
        ),
    )
}

/// The path (decoded) and query pairs (decoded) of a virtual-hosted URL.
fn split_url(url: &str) -> (String, HashMap<String, String>) {
    let rest = url.split_once(".aliyuncs.com").unwrap().1;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (encode::percent_decode(k), encode::percent_decode(v))
        })
        .collect();
    (encode::percent_decode(path.trim_start_matches('/')), pairs)
}

impl FakeBucket {
    fn new(keys: impl IntoIterator<Item = String>) -> Self {
        let objects = keys.into_iter().map(|k| (k.clone(), format!("bytes of {k}").into_bytes())).collect();
        FakeBucket { objects, page: 1000, ..Default::default() }
    }

    fn fail(&self, key: &str, faults: &[Fault]) {
        self.object_faults.borrow_mut().insert(key.to_string(), faults.iter().cloned().collect());
    }

    /// Object keys fetched, in order.
    fn gets(&self) -> Vec<String> {
        self.sent.borrow().iter().map(|r| split_url(&r.url)).filter(|(p, _)| !p.is_empty()).map(|(p, _)| p).collect()
    }

    /// Query pairs of every listing, in order.
    fn listings(&self) -> Vec<HashMap<String, String>> {
        self.sent.borrow().iter().map(|r| split_url(&r.url)).filter(|(p, _)| p.is_empty()).map(|(_, q)| q).collect()
    }

    fn list(&self, q: &HashMap<String, String>) -> HttpResponse {
        let prefix = q.get("prefix").cloned().unwrap_or_default();
        let delimiter = q.get("delimiter").cloned().unwrap_or_default();
        let url = q.get("encoding-type").map(String::as_str) == Some("url");
        let after = match q.get("continuation-token") {
            None => None,
            Some(t) => match t.strip_prefix("after:").and_then(|k| k.strip_suffix(TOKEN_TAIL)) {
                Some(k) => Some(k.to_string()),
                None => return error(400, "InvalidArgument"),
            },
        };
        // (is a common prefix, text), in key order, each once.
        let mut entries: Vec<(bool, String)> = Vec::new();
        for key in self.objects.keys() {
            let entry = match key.strip_prefix(prefix.as_str()) {
                None if self.ignore_prefix => (false, key.clone()),
                None => continue,
                Some(rest) => match (!delimiter.is_empty()).then(|| rest.find(delimiter.as_str())).flatten() {
                    Some(i) => (true, key[..prefix.len() + i + delimiter.len()].to_string()),
                    None => (false, key.clone()),
                },
            };
            if entries.last() != Some(&entry) {
                entries.push(entry);
            }
        }
        entries.retain(|(_, s)| after.as_ref().is_none_or(|a| s > a));
        let truncated = entries.len() > self.page;
        entries.truncate(self.page);
        let enc = |s: &str| if url { encode::query_component(s) } else { s.replace('&', "&amp;").replace('<', "&lt;") };
        let mut x = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult><Name>trail</Name><Prefix>{}</Prefix>",
            enc(&prefix)
        );
        if url {
            x.push_str("<EncodingType>url</EncodingType>");
        }
        x.push_str(&format!("<IsTruncated>{truncated}</IsTruncated><KeyCount>{}</KeyCount>", entries.len()));
        if let (true, Some((_, last))) = (truncated, entries.last()) {
            x.push_str(&format!(
                "<NextContinuationToken>{}</NextContinuationToken>",
                enc(&format!("after:{last}{TOKEN_TAIL}"))
            ));
        }
        for (is_prefix, s) in &entries {
            if *is_prefix {
                x.push_str(&format!("<CommonPrefixes><Prefix>{}</Prefix></CommonPrefixes>", enc(s)));
            } else {
                let size = self.listed_size.get(s).copied().unwrap_or(self.objects[s].len() as u64);
                x.push_str(&format!(
                    "<Contents><Key>{}</Key><LastModified>2025-11-01T00:00:00.000Z</LastModified>\
                     <ETag>&quot;ABC&quot;</ETag><Size>{size}</Size></Contents>",
                    enc(s)
                ));
            }
        }
        x.push_str("</ListBucketResult>");
        answer(200, x)
    }

    fn serve(&self, req: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let (path, query) = split_url(&req.url);
        let fault = if path.is_empty() {
            self.list_faults.borrow_mut().pop_front()
        } else {
            self.object_faults.borrow_mut().get_mut(&path).and_then(|f| f.pop_front())
        };
        match fault {
            Some(Fault::Status(status, code)) => return Ok(error(status, code)),
            Some(Fault::Timeout) => return Err(TransportError::Timeout),
            Some(Fault::NoResponse) => return Err(TransportError::Network(format!("Failed to fetch {TOKEN}"))),
            None => {}
        }
        if path.is_empty() {
            assert_eq!(query.get("list-type").map(String::as_str), Some("2"));
            return Ok(self.list(&query));
        }
        let Some(stored) = self.objects.get(&path) else { return Ok(error(404, "NoSuchKey")) };
        let length = self.content_length.get(&path).copied().unwrap_or(stored.len() as u64);
        let mut headers = vec![("content-length".into(), length.to_string())];
        let body = match self.served_instead.get(&path) {
            Some(body) => {
                headers.push(("content-encoding".into(), "gzip".into()));
                body.clone()
            }
            None => stored.clone(),
        };
        // As the browser's transport does: no more than the request's limit is read.
        if req.read_limit.is_some_and(|limit| body.len() as u64 > limit) {
            return Err(TransportError::TooLarge { limit: req.read_limit.unwrap_or_default() });
        }
        Ok(HttpResponse { status: 200, headers, body })
    }
}

impl Transport for FakeBucket {
    fn send<'a>(&'a self, req: &'a HttpRequest) -> LocalFuture<'a, Result<HttpResponse, TransportError>> {
        self.sent.borrow_mut().push(req.clone());
        self.in_flight.set(self.in_flight.get() + 1);
        self.peak.set(self.peak.get().max(self.in_flight.get()));
        let guard = InFlight(&self.in_flight);
        let mut left = self.delay_polls;
        Box::pin(async move {
            poll_fn(|cx| {
                if left == 0 {
                    return Poll::Ready(());
                }
                left -= 1;
                cx.waker().wake_by_ref();
                Poll::Pending
            })
            .await;
            let result = self.serve(req);
            drop(guard);
            result
        })
    }
}

/// Time stands still except in sleeps, which return at once and are recorded.
#[derive(Default)]
struct TestClock {
    slept: RefCell<Vec<u64>>,
    advanced: Cell<f64>,
}

impl Clock for TestClock {
    fn now_ms(&self) -> f64 {
        NOW + self.advanced.get()
    }
    fn sleep(&self, ms: u64) -> LocalFuture<'_, ()> {
        self.slept.borrow_mut().push(ms);
        self.advanced.set(self.advanced.get() + ms as f64);
        Box::pin(async {})
    }
}

/// Keeps what it is given; cancels after `cancel_after` objects if asked.
#[derive(Default)]
struct Sink {
    objects: RefCell<Vec<(String, Vec<u8>)>>,
    progress: RefCell<Vec<LoadProgress>>,
    log: RefCell<Vec<LogEntry>>,
    cancel_after: Option<(usize, Cancel)>,
}

impl ObjectSink for Sink {
    fn object<'a>(&'a self, file: &'a PlannedFile, bytes: Vec<u8>) -> LocalFuture<'a, ()> {
        self.objects.borrow_mut().push((file.key.clone(), bytes));
        if let Some((n, cancel)) = &self.cancel_after {
            if self.objects.borrow().len() == *n {
                cancel.cancel();
            }
        }
        Box::pin(async {})
    }
    fn progress(&self, p: &LoadProgress) {
        self.progress.borrow_mut().push(*p);
    }
    fn log(&self, entries: Vec<LogEntry>) {
        self.log.borrow_mut().extend(entries);
    }
}

fn creds() -> Credentials {
    Credentials {
        access_key_id: "STS.KeyId".into(),
        access_key_secret: SECRET.into(),
        security_token: Some(TOKEN.into()),
        expiration_ms: None,
    }
}

fn target() -> BucketTarget {
    BucketTarget::new("trail", "cn-hangzhou", "", Addressing::VirtualHosted).unwrap()
}

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    futures_executor::block_on(f)
}

/// A trail file's key; `n` makes names distinct within a day.
fn file_key(prefix: &str, member: Option<&Member>, region: &str, day: &str, n: i64, events: u64) -> String {
    TrailKey {
        prefix: prefix.into(),
        event_type: EVENT_TYPE.into(),
        member: member.cloned(),
        region: region.into(),
        time_ms: day_ms(day) + n * 300_000 + 240_000,
        event_count: events,
        file_size: 100 + n as u64,
        md5: format!("{:032x}", n as u128 * 7919 + events as u128),
    }
    .to_key()
}

fn days_between(from: &str, to: &str) -> Vec<String> {
    let (a, b) = (day_ms(from), day_ms(to));
    (0..=(b - a) / DAY)
        .map(|i| UtcDateTime::from_unix_millis(a + i * DAY).iso8601_extended()[..10].to_string())
        .collect()
}

/// A single-account trail under `prefix`: `per_day` files a day in each region, events 1..=per_day.
fn single_account(prefix: &str, regions: &[&str], from: &str, to: &str, per_day: i64) -> Vec<String> {
    let mut keys = Vec::new();
    for r in regions {
        for d in days_between(from, to) {
            for n in 0..per_day {
                keys.push(file_key(prefix, None, r, &d, n, n as u64 + 1));
            }
        }
    }
    keys
}

/// Objects a loader must never plan, around a trail under `prefix` with a day `day` in `region`.
fn decoys(prefix: &str, region: &str, day: &str) -> Vec<String> {
    let (y, m, d) = (&day[0..4], &day[5..7], &day[8..10]);
    let folder = format!("{prefix}/AliyunLogs/Actiontrail/{region}/{y}/{m}/{d}/");
    let insight = TrailKey {
        prefix: prefix.into(),
        event_type: INSIGHT_EVENT_TYPE.into(),
        member: None,
        region: region.into(),
        time_ms: day_ms(day) + 3_600_000,
        event_count: 1,
        file_size: 10,
        md5: "0123456789abcdef0123456789abcdef".into(),
    }
    .to_key();
    vec![
        insight,
        format!("{folder}manifest.json"),
        format!("{folder}notes 100%+ sure&v=1 日志.txt"),
        // A file named for another region, in this region's folder.
        format!("{folder}Actiontrail_cn-beijing_{y}{m}{d}000451_1002_3_300_0123456789abcdef0123456789abcdef.gz"),
        // A whole trail layout nested inside a day folder: a deeper folder, not this day's files.
        file_key(&format!("{folder}copy"), None, region, day, 0, 5),
        format!("{prefix}/README.txt"),
        format!("{prefix}/AliyunLogs/Actiontrail/stray.gz"),
    ]
}

fn session<'a>(fake: &'a FakeBucket, clock: &'a TestClock) -> Session<'a> {
    Session::new(fake, clock, target(), creds(), 0)
}

fn options(concurrency: usize) -> Options {
    Options { concurrency, page_size: 1000, retry: RetryPolicy { max_tries: 3, backoff_ms: 500 } }
}

fn discover(trail: &TrailBucket<'_>) -> Result<Discovery, TrailError> {
    run(trail.discover(&Cancel::new()))
}

fn plan(trail: &TrailBucket<'_>, folders: &[RegionFolder], from: &str, to: &str) -> Result<Plan, TrailError> {
    run(trail.plan(folders, &DateRange::parse(from, to).unwrap(), &Cancel::new(), &|_| {}))
}

fn load(trail: &TrailBucket<'_>, plan: &Plan, sink: &Sink) -> LoadReport {
    run(trail.load(plan, sink, &Cancel::new()))
}

fn region(r: &str) -> RegionFolder {
    RegionFolder { member: None, region: r.into() }
}

#[test]
fn discovery_finds_the_regions_of_a_single_account_trail_page_by_page() {
    let prefix = "org_2025/trail-a";
    let mut keys =
        single_account(prefix, &["cn-hangzhou", "cn-shanghai", "ap-southeast-1"], "2025-10-30", "2025-11-02", 2);
    keys.extend(decoys(prefix, "cn-hangzhou", "2025-11-01"));
    // A trail under another prefix in the same bucket.
    keys.extend(single_account("other", &["eu-central-1"], "2025-11-01", "2025-11-01", 1));
    let mut fake = FakeBucket::new(keys);
    fake.page = 1;
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, &format!("/{prefix}/AliyunLogs/Actiontrail/")).with_options(options(6));
    assert_eq!(trail.root(), "org_2025/trail-a/AliyunLogs/Actiontrail/");
    let d = discover(&trail).unwrap();
    assert_eq!(d.regions(), ["ap-southeast-1", "cn-hangzhou", "cn-shanghai"]);
    assert!(!d.multi_account());
    assert_eq!(d.folders.len(), 3);
    let listings = fake.listings();
    // Three pages for the regions (one a page), then each region's years.
    assert!(listings.len() >= 6, "{}", listings.len());
    for q in &listings {
        assert_eq!(q.get("encoding-type").map(String::as_str), Some("url"));
        assert_eq!(q.get("delimiter").map(String::as_str), Some("/"));
        let p = &q["prefix"];
        assert!(p.starts_with("org_2025/trail-a/AliyunLogs/Actiontrail/"), "{p}");
    }
    assert_eq!(listings.iter().filter(|q| q.contains_key("continuation-token")).count(), listings.len() - 4);
    assert!(fake.gets().is_empty(), "discovery downloads nothing");
    assert_eq!(d.select(&["cn-shanghai".into()], &[]), [region("cn-shanghai")]);
}

#[test]
fn discovery_finds_member_accounts_and_their_regions_in_the_multi_account_layout() {
    let rd = "rd-3fUxQk";
    let a = Member { rd_id: rd.into(), account_id: "1892171716718765".into() };
    let b = Member { rd_id: rd.into(), account_id: "1523446112330987".into() };
    let mut keys = Vec::new();
    for (m, regions) in [(&a, vec!["cn-hangzhou", "cn-shanghai"]), (&b, vec!["cn-hangzhou"])] {
        for r in regions {
            for d in days_between("2025-11-01", "2025-11-02") {
                keys.push(file_key("org-trail", Some(m), r, &d, 0, 4));
                keys.push(file_key("org-trail", Some(m), r, &d, 1, 6));
            }
        }
    }
    keys.push("org-trail/AliyunLogs/Actiontrail-Insight/rd-3fUxQk/1892171716718765/cn-hangzhou/2025/11/01/x.gz".into());
    let mut fake = FakeBucket::new(keys);
    fake.page = 2;
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "org-trail");
    let d = discover(&trail).unwrap();
    assert!(d.multi_account());
    let labels: Vec<String> = d.folders.iter().map(RegionFolder::label).collect();
    assert_eq!(
        labels,
        ["1523446112330987/cn-hangzhou", "1892171716718765/cn-hangzhou", "1892171716718765/cn-shanghai"]
    );
    assert_eq!(d.accounts(), [b.clone(), a.clone()]);
    assert_eq!(d.regions(), ["cn-hangzhou", "cn-shanghai"]);

    // Narrowed to one account: only its files, with the account on each.
    let only_a = d.select(&[], std::slice::from_ref(&a.account_id));
    assert_eq!(only_a.len(), 2);
    let p = plan(&trail, &only_a, "2025-11-01", "2025-11-02").unwrap();
    assert_eq!((p.totals.files, p.totals.events), (8, 40));
    assert!(p.files.iter().all(|f| f.account() == Some(a.account_id.as_str())));
    let all = plan(&trail, &d.folders, "2025-11-02", "2025-11-02").unwrap();
    assert_eq!(all.totals.files, 6);
    // Subtotals per (region, day) add the accounts together.
    let sub: Vec<(String, String, usize)> =
        all.by_region_day.iter().map(|s| (s.day.clone(), s.region.clone(), s.totals.files)).collect();
    assert_eq!(sub, [("2025-11-02".into(), "cn-hangzhou".into(), 4), ("2025-11-02".into(), "cn-shanghai".into(), 2)]);
    assert!(fake.listings().iter().all(|q| !q["prefix"].contains("Insight")));
}

#[test]
fn the_plan_holds_exactly_the_trail_files_of_the_range_across_a_year_boundary() {
    let regions = ["cn-hangzhou", "ap-southeast-1"];
    let mut keys = single_account("actiontrail", &regions, "2024-12-29", "2025-01-03", 5);
    keys.extend(decoys("actiontrail", "cn-hangzhou", "2024-12-31"));
    keys.extend(decoys("actiontrail", "cn-hangzhou", "2025-01-01"));
    let mut fake = FakeBucket::new(keys);
    fake.page = 3; // five files and the decoys a day: every day folder takes pages
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "actiontrail");
    let seen: RefCell<Vec<PlanProgress>> = RefCell::new(Vec::new());
    let range = DateRange::parse("2024-12-30", "2025-01-02").unwrap();
    let folders = [region("cn-hangzhou"), region("ap-southeast-1")];
    let p = run(trail.plan(&folders, &range, &Cancel::new(), &|p| seen.borrow_mut().push(*p))).unwrap();

    // 2 regions x 4 days x 5 files, events 1..=5 per day.
    assert_eq!((p.totals.files, p.totals.events), (40, 2 * 4 * 15));
    assert_eq!(p.totals.bytes, p.files.iter().map(|f| f.size).sum::<u64>());
    assert_eq!(p.totals.bytes, p.files.iter().map(|f| fake.objects[&f.key].len() as u64).sum::<u64>(), "listed sizes");
    let days: BTreeSet<&str> = p.files.iter().map(|f| f.day.as_str()).collect();
    assert_eq!(days.into_iter().collect::<Vec<_>>(), ["2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02"]);
    for f in &p.files {
        assert!(f.key.contains(&format!("/{}/{}/", f.region, f.day.replace('-', "/"))), "{}", f.key);
        assert!(range.contains_ms(f.time_ms));
        assert!(f.name().starts_with("Actiontrail_"));
    }
    // The manifest, the note and the misnamed file were listed and left out; Insight, the stray
    // file and the nested copy were never listed.
    assert_eq!((p.skipped.not_trail, p.skipped.unusual, p.skipped.implausible), (2 * 3, 0, 0));
    assert_eq!(p.by_region_day.len(), 8);
    assert!(p.by_region_day.iter().all(|s| s.totals.files == 5 && s.totals.events == 15));
    assert_eq!(p.by_region_day[0].day, "2024-12-30");
    assert!(p.files.windows(2).all(|w| w[0].time_ms <= w[1].time_ms), "in time order");

    // Only the range's day folders were listed.
    let listed: BTreeSet<String> = fake.listings().iter().map(|q| q["prefix"].clone()).collect();
    let expected: BTreeSet<String> = regions
        .iter()
        .flat_map(|r| {
            ["2024/12/30", "2024/12/31", "2025/01/01", "2025/01/02"]
                .map(|d| format!("actiontrail/AliyunLogs/Actiontrail/{r}/{d}/"))
        })
        .collect();
    assert_eq!(listed, expected);
    let progress = seen.borrow();
    assert_eq!(progress.first().map(|p| (p.folders_listed, p.folders_total)), Some((0, 8)));
    assert_eq!(progress.last().map(|p| (p.folders_listed, p.found)), Some((8, p.totals)));
    assert!(fake.gets().is_empty(), "planning downloads nothing");
}

#[test]
fn one_day_ranges_and_month_ends_include_both_ends() {
    let keys = single_account("t", &["cn-hangzhou"], "2024-02-27", "2024-03-02", 2);
    let fake = FakeBucket::new(keys);
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "t");
    let days =
        |p: &Plan| p.files.iter().map(|f| f.day.clone()).collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>();
    let p = plan(&trail, &[region("cn-hangzhou")], "2024-02-28", "2024-03-01").unwrap();
    assert_eq!(days(&p), ["2024-02-28", "2024-02-29", "2024-03-01"]);
    let p = plan(&trail, &[region("cn-hangzhou")], "2024-02-29", "2024-02-29").unwrap();
    assert_eq!((days(&p), p.totals.files), (vec!["2024-02-29".to_string()], 2));
    let p = plan(&trail, &[region("cn-hangzhou")], "2024-03-03", "2024-03-09").unwrap();
    assert_eq!(p.totals.files, 0, "days with no folder plan nothing");
    assert!(p.by_region_day.is_empty());
}

#[test]
fn a_server_that_ignores_the_prefix_cannot_put_other_days_into_the_plan() {
    let keys = single_account("actiontrail", &["cn-hangzhou"], "2025-11-01", "2025-11-05", 3);
    let mut fake = FakeBucket::new(keys);
    fake.ignore_prefix = true;
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "actiontrail");
    let p = plan(&trail, &[region("cn-hangzhou")], "2025-11-03", "2025-11-03").unwrap();
    assert_eq!(p.totals.files, 3);
    assert!(p.files.iter().all(|f| f.day == "2025-11-03" && f.key.contains("/2025/11/03/")));
    let sink = Sink::default();
    load(&trail, &p, &sink);
    assert!(fake.gets().iter().all(|k| k.contains("/2025/11/03/")), "nothing outside the range fetched");
}

#[test]
fn load_fetches_each_planned_object_once_and_hands_its_bytes_to_the_sink() {
    let mut keys = single_account("actiontrail", &["cn-hangzhou", "cn-shanghai"], "2025-11-01", "2025-11-03", 10);
    keys.extend(decoys("actiontrail", "cn-hangzhou", "2025-11-02"));
    let mut fake = FakeBucket::new(keys);
    // One object as a browser hands it over after `Content-Encoding: gzip`: not gzip at all.
    let inflated = file_key("actiontrail", None, "cn-hangzhou", "2025-11-02", 3, 4);
    let json = br#"[{"eventId":"1"},{"eventId":"2"},{"eventId":"3"},{"eventId":"4"}]"#.to_vec();
    fake.served_instead.insert(inflated.clone(), json.clone());
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "actiontrail").with_options(options(6));
    let folders = [region("cn-hangzhou"), region("cn-shanghai")];
    let p = plan(&trail, &folders, "2025-11-02", "2025-11-03").unwrap();
    s.take_log();
    let sink = Sink::default();
    let report = load(&trail, &p, &sink);

    assert_eq!(report.end, LoadEnd::Complete);
    assert!(report.failures.is_empty() && report.not_loaded.is_empty());
    let gets: BTreeSet<String> = fake.gets().into_iter().collect();
    let planned: BTreeSet<String> = p.files.iter().map(|f| f.key.clone()).collect();
    assert_eq!(gets, planned, "the plan's objects, nothing else");
    assert_eq!(fake.gets().len(), planned.len(), "each object once");
    let objects = sink.objects.borrow();
    assert_eq!(objects.len(), p.files.len());
    for (key, bytes) in objects.iter() {
        let served = fake.served_instead.get(key).unwrap_or(&fake.objects[key]);
        assert_eq!(bytes, served, "bytes exactly as they arrived: {key}");
    }
    assert!(planned.contains(&inflated));
    let last = report.progress;
    assert_eq!((last.files_loaded, last.files_failed, last.files_total), (40, 0, 40));
    assert_eq!((last.bytes_loaded, last.events_loaded), (p.totals.bytes, p.totals.events));
    assert_eq!(last.bytes_received, objects.iter().map(|(_, b)| b.len() as u64).sum::<u64>());
    let listed = fake.objects[&inflated].len() as u64;
    assert_eq!(
        last.bytes_received,
        p.totals.bytes - listed + json.len() as u64,
        "inflated bytes, counted as they came"
    );
    assert_eq!(last.in_flight, 0);
    assert_eq!(sink.progress.borrow().last(), Some(&last));
    // Progress only grows.
    assert!(sink.progress.borrow().windows(2).all(|w| w[0].files_loaded <= w[1].files_loaded));
    // Every request of the load reached the sink's log, redacted.
    assert_eq!(sink.log.borrow().len(), 40);
    assert!(s.take_log().is_empty(), "the loader keeps no log");
    let shown = format!("{:?}", sink.log.borrow());
    assert!(!shown.contains(SECRET) && !shown.contains(TOKEN));
}

#[test]
fn passing_failures_are_retried_with_backoff_and_the_rest_load() {
    let keys = single_account("actiontrail", &["cn-hangzhou"], "2025-11-01", "2025-11-01", 12);
    let fake = FakeBucket::new(keys.clone());
    let (twice, always, timeout, dropped) = (&keys[2], &keys[5], &keys[7], &keys[9]);
    let busy = Fault::Status(503, "ServiceUnavailable");
    fake.fail(twice, &[busy.clone(), Fault::Status(500, "InternalError")]);
    fake.fail(always, &[busy.clone(), busy.clone(), busy.clone(), busy.clone()]);
    fake.fail(timeout, &[Fault::Timeout]);
    fake.fail(dropped, &[Fault::NoResponse, Fault::Timeout]);
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "actiontrail").with_options(options(1));
    let p = plan(&trail, &[region("cn-hangzhou")], "2025-11-01", "2025-11-01").unwrap();
    let sink = Sink::default();
    let report = load(&trail, &p, &sink);

    let tries = |k: &str| fake.gets().iter().filter(|g| *g == k).count();
    assert_eq!((tries(twice), tries(timeout), tries(dropped), tries(always)), (3, 2, 3, 3));
    assert_eq!(tries(&keys[0]), 1);
    let loaded: Vec<String> = sink.objects.borrow().iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(loaded.len(), 11);
    assert_eq!(loaded.iter().filter(|k| *k == twice).count(), 1, "handed over once");
    assert!(!loaded.contains(always));
    assert_eq!(report.end, LoadEnd::Complete);
    assert_eq!(report.failures.len(), 1);
    let f = &report.failures[0];
    assert_eq!((f.key.as_str(), f.tries, f.code()), (always.as_str(), 3, "ServiceUnavailable".to_string()));
    assert!(f.advice(Lang::En, "http://127.0.0.1:8080").contains("Try again"));
    assert!(f.summary(Lang::En).contains("503"));
    assert_eq!(report.not_loaded, [p.files.iter().position(|x| &x.key == always).unwrap()]);
    assert_eq!(report.progress.retries, 2 + 2 + 1 + 2);
    // One slot: the backoffs run in order, doubling per object.
    assert_eq!(*clock.slept.borrow(), [500, 1000, 500, 1000, 500, 500, 1000]);
    assert_eq!((report.progress.files_loaded, report.progress.files_failed), (11, 1));
    // Loading only what failed fetches only that.
    let again = p.subset(&report.not_loaded);
    assert_eq!((again.totals.files, again.files[0].key.as_str()), (1, always.as_str()));
}

#[test]
fn missing_and_forbidden_objects_fail_at_once_and_say_what_to_do() {
    let keys = single_account("actiontrail", &["cn-hangzhou"], "2025-11-01", "2025-11-01", 6);
    let fake = FakeBucket::new(keys.clone());
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "actiontrail");
    let p = plan(&trail, &[region("cn-hangzhou")], "2025-11-01", "2025-11-01").unwrap();
    fake.fail(&keys[1], &[Fault::Status(404, "NoSuchKey")]);
    fake.fail(&keys[4], &[Fault::Status(403, "AccessDenied")]);
    let sink = Sink::default();
    let report = load(&trail, &p, &sink);
    assert_eq!(report.end, LoadEnd::Complete);
    let by_code: HashMap<String, _> = report.failures.iter().map(|f| (f.code(), f)).collect();
    let gone = by_code["NoSuchKey"];
    assert_eq!(gone.tries, 1);
    assert!(gone.advice(Lang::En, "").contains("not there any more"), "{}", gone.advice(Lang::En, ""));
    let denied = by_code["AccessDenied"];
    assert_eq!(denied.tries, 1);
    assert!(denied.advice(Lang::En, "").contains("oss:GetObject"));
    assert_eq!(sink.objects.borrow().len(), 4);
    assert!(clock.slept.borrow().is_empty(), "nothing was retried");
}

#[test]
fn expired_credentials_stop_the_load_instead_of_failing_every_object() {
    let keys = single_account("actiontrail", &["cn-hangzhou"], "2025-11-01", "2025-11-01", 30);
    let mut fake = FakeBucket::new(keys.clone());
    fake.delay_polls = 2;
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "actiontrail").with_options(options(6));
    let p = plan(&trail, &[region("cn-hangzhou")], "2025-11-01", "2025-11-01").unwrap();
    for k in &keys {
        fake.fail(k, &[Fault::Status(403, "SecurityTokenExpired")]);
    }
    let report = load(&trail, &p, &Sink::default());
    let LoadEnd::Stopped(f) = &report.end else { panic!("{:?}", report.end) };
    assert_eq!(f.code(), "SecurityTokenExpired");
    let gets = fake.gets().len();
    assert!(gets <= 6, "only the requests already in flight: {gets}");
    assert_eq!(report.failures.len(), gets);
    assert_eq!(report.not_loaded.len(), 30);
    assert!(report.failures[0].advice(Lang::En, "").contains("AssumeRole"));
}

#[test]
fn concurrency_is_really_bounded() {
    for (asked, expected) in [(6, 6), (8, 8), (50, 8), (1, 1)] {
        let keys = single_account("actiontrail", &["cn-hangzhou"], "2025-11-01", "2025-11-01", 40);
        let mut fake = FakeBucket::new(keys);
        fake.delay_polls = 3;
        let clock = TestClock::default();
        let s = session(&fake, &clock);
        let trail = TrailBucket::new(&s, &clock, "actiontrail").with_options(options(asked));
        let p = plan(&trail, &[region("cn-hangzhou")], "2025-11-01", "2025-11-01").unwrap();
        fake.peak.set(0);
        let sink = Sink::default();
        let report = load(&trail, &p, &sink);
        assert_eq!(report.progress.files_loaded, 40);
        assert_eq!(fake.peak.get(), expected, "asked for {asked}");
        assert!(sink.progress.borrow().iter().all(|p| p.in_flight <= expected));
    }
}

#[test]
fn cancel_mid_load_starts_nothing_more_and_hands_over_nothing_more() {
    let keys = single_account("actiontrail", &["cn-hangzhou"], "2025-11-01", "2025-11-01", 40);
    let mut fake = FakeBucket::new(keys);
    fake.delay_polls = 2;
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "actiontrail").with_options(options(6));
    let p = plan(&trail, &[region("cn-hangzhou")], "2025-11-01", "2025-11-01").unwrap();
    let cancel = Cancel::new();
    let sink = Sink { cancel_after: Some((5, cancel.clone())), ..Default::default() };
    let report = run(trail.load(&p, &sink, &cancel));
    assert_eq!(report.end, LoadEnd::Cancelled);
    assert_eq!(sink.objects.borrow().len(), 5, "nothing handed over after Cancel");
    let gets = fake.gets().len();
    assert!(gets < 5 + 6, "at most the slots in flight beyond the five: {gets}");
    assert_eq!(fake.in_flight.get(), 0, "requests in flight were dropped");
    assert_eq!(report.progress.files_loaded, 5);
    assert_eq!(report.not_loaded.len(), 35);
    // Cancelled before it starts: nothing is sent.
    let before = fake.sent.borrow().len();
    let cancelled = Cancel::new();
    cancelled.cancel();
    assert_eq!(run(trail.load(&p, &Sink::default(), &cancelled)).end, LoadEnd::Cancelled);
    assert_eq!(run(trail.plan(&[region("cn-hangzhou")], &p.range, &cancelled, &|_| {})), Err(TrailError::Cancelled));
    assert_eq!(fake.sent.borrow().len(), before);
}

#[test]
fn listings_retry_passing_failures_and_report_the_rest_with_advice() {
    let keys = single_account("actiontrail", &["cn-hangzhou"], "2025-11-01", "2025-11-01", 2);
    let fake = FakeBucket::new(keys);
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "actiontrail");
    fake.list_faults.borrow_mut().extend([Fault::Status(503, "ServiceUnavailable"), Fault::Timeout]);
    assert_eq!(discover(&trail).unwrap().regions(), ["cn-hangzhou"]);
    assert_eq!(*clock.slept.borrow(), [500, 1000]);

    fake.list_faults.borrow_mut().push_back(Fault::Status(403, "AccessDenied"));
    let e = discover(&trail).unwrap_err();
    assert_eq!(e.code(), "AccessDenied");
    assert!(e.advice(Lang::En, "").contains("oss:ListObjects"), "{}", e.advice(Lang::En, ""));
    assert!(e.summary(Lang::En).contains("actiontrail/AliyunLogs/Actiontrail/"));

    fake.list_faults.borrow_mut().extend([Fault::NoResponse, Fault::NoResponse, Fault::NoResponse]);
    let e = discover(&trail).unwrap_err();
    assert_eq!(e.code(), "NoResponse");
    assert!(e.failure().unwrap().cors_rule("http://127.0.0.1:8080").is_some());
    let shown = format!("{e:?}{}", e.advice(Lang::En, "o"));
    assert!(!shown.contains(TOKEN), "redacted");

    let wrong = TrailBucket::new(&s, &clock, "not-the-prefix");
    let e = discover(&wrong).unwrap_err();
    assert_eq!(e, TrailError::NoTrail { looked_in: "not-the-prefix/AliyunLogs/Actiontrail/".into() });
    assert!(e.advice(Lang::En, "").contains("OssKeyPrefix"));
    assert_eq!(plan(&trail, &[], "2025-11-01", "2025-11-01"), Err(TrailError::NoFolders));
}

/// A server whose listings never end, or are not listings.
struct Broken(&'static str);

impl Transport for Broken {
    fn send<'a>(&'a self, _req: &'a HttpRequest) -> LocalFuture<'a, Result<HttpResponse, TransportError>> {
        let body = self.0.to_string();
        Box::pin(async move { Ok(answer(200, body)) })
    }
}

#[test]
fn unreadable_and_endless_listings_are_errors_not_hangs() {
    let clock = TestClock::default();
    for (body, code) in [
        (
            "<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>same</NextContinuationToken>\
             <CommonPrefixes><Prefix>t/AliyunLogs/Actiontrail/cn-hangzhou/</Prefix></CommonPrefixes></ListBucketResult>",
            "ListingRepeats",
        ),
        ("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>", "BadResponse"),
        ("<!DOCTYPE html><html>Sign in to the Wi-Fi</html>", "NotOss"),
        ("<AccessMonitorConfiguration/>", "BadResponse"),
    ] {
        let t = Broken(body);
        let s = Session::new(&t, &clock, target(), creds(), 0);
        let trail = TrailBucket::new(&s, &clock, "t");
        let e = discover(&trail).unwrap_err();
        assert_eq!(e.code(), code, "{body}: {e:?}");
        assert!(!e.advice(Lang::En, "").is_empty());
    }
}

/// A server that answers listings from a script of pages, in order, whatever is asked.
struct Pages {
    pages: Vec<String>,
    next: Cell<usize>,
}

impl Pages {
    /// Pages of keys under `t/AliyunLogs/Actiontrail/`, each with the next page's token (`tokens[i]`, or
    /// none for the last).
    fn new(pages: &[(&[&str], Option<&str>)]) -> Self {
        let pages = pages
            .iter()
            .map(|(folders, token)| {
                let mut x = format!("<ListBucketResult><IsTruncated>{}</IsTruncated>", token.is_some());
                if let Some(t) = token {
                    x.push_str(&format!("<NextContinuationToken>{t}</NextContinuationToken>"));
                }
                for f in *folders {
                    x.push_str(&format!(
                        "<CommonPrefixes><Prefix>t/AliyunLogs/Actiontrail/{f}/</Prefix></CommonPrefixes>"
                    ));
                }
                x + "</ListBucketResult>"
            })
            .collect();
        Pages { pages, next: Cell::new(0) }
    }
}

impl Transport for Pages {
    fn send<'a>(&'a self, _req: &'a HttpRequest) -> LocalFuture<'a, Result<HttpResponse, TransportError>> {
        let i = self.next.get();
        self.next.set(i + 1);
        let body = self.pages.get(i).cloned().unwrap_or_else(|| panic!("page {i} asked for: the listing did not stop"));
        Box::pin(async move { Ok(answer(200, body)) })
    }
}

#[test]
fn a_listing_that_comes_back_to_an_earlier_token_stops_with_its_own_message() {
    use console_core::trail::bucket::ListingProblem;
    let clock = TestClock::default();
    // A → B → A: each token differs from the one before, yet the listing goes round.
    let t = Pages::new(&[(&["a"], Some("A")), (&["b"], Some("B")), (&["c"], Some("A")), (&["d"], None)]);
    let s = Session::new(&t, &clock, target(), creds(), 0);
    let e = discover(&TrailBucket::new(&s, &clock, "t")).unwrap_err();
    assert_eq!(
        e,
        TrailError::Listing {
            prefix: "t/AliyunLogs/Actiontrail/".into(),
            problem: ListingProblem::TokenRepeated { page: 3 }
        }
    );
    assert_eq!(t.next.get(), 3, "no page asked for after the token came back");
    assert!(e.summary(Lang::En).contains("page 3"), "{}", e.summary(Lang::En));
    assert!(e.advice(Lang::En, "").contains("not a proxy"));
    assert!(e.summary(Lang::Zh).contains("第 3 页"));
}

#[test]
fn a_listing_whose_keys_go_back_stops_naming_the_key() {
    use console_core::trail::bucket::ListingProblem;
    let clock = TestClock::default();
    let t = Pages::new(&[(&["a", "c"], Some("1")), (&["b"], None)]);
    let s = Session::new(&t, &clock, target(), creds(), 0);
    let e = discover(&TrailBucket::new(&s, &clock, "t")).unwrap_err();
    assert_eq!(
        e,
        TrailError::Listing {
            prefix: "t/AliyunLogs/Actiontrail/".into(),
            problem: ListingProblem::OutOfOrder { page: 2, key: "t/AliyunLogs/Actiontrail/b/".into() }
        }
    );
    assert_eq!(e.code(), "ListingOutOfOrder");
    // The same folder twice (a page repeated under a new token) is not increasing either.
    let t = Pages::new(&[(&["a"], Some("1")), (&["a"], None)]);
    let s = Session::new(&t, &clock, target(), creds(), 0);
    assert_eq!(discover(&TrailBucket::new(&s, &clock, "t")).unwrap_err().code(), "ListingOutOfOrder");
}

#[test]
fn keys_with_dot_segments_or_implausible_numbers_are_left_out_named_and_never_requested() {
    let day = "2025-11-01";
    let mut keys = single_account("t", &["cn-hangzhou"], day, day, 3);
    let folder = "t/AliyunLogs/Actiontrail/cn-hangzhou/2025/11/01/";
    // A trail file's name behind `..` and `.`: the browser would request another path.
    let dotted = format!("{folder}../01/{}", keys[0].rsplit('/').next().unwrap());
    let dot = format!("{folder}./x.gz");
    // And a dotted key listed as an object (a listing without folders).
    assert_eq!(console_core::trail::bucket::unusual_key(&dotted), Some(LeftOut::DotSegment));
    assert_eq!(console_core::trail::bucket::unusual_key("a/./b"), Some(LeftOut::DotSegment));
    assert_eq!(console_core::trail::bucket::unusual_key("a/.b/..c/b."), None);
    let long = format!("{folder}{}", "k".repeat(1100));
    keys.extend([dotted.clone(), dot.clone(), long.clone()]);
    let huge = file_key("t", None, "cn-hangzhou", day, 9, 4);
    let many = file_key("t", None, "cn-hangzhou", day, 10, 99_000_000_000);
    keys.extend([huge.clone(), many.clone()]);
    let mut fake = FakeBucket::new(keys);
    fake.listed_size.insert(huge.clone(), 1 << 50);
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "t");
    let p = plan(&trail, &[region("cn-hangzhou")], day, day).unwrap();

    assert_eq!(p.totals.files, 3, "the three ordinary files");
    assert_eq!((p.skipped.unusual, p.skipped.implausible), (3, 2));
    let named: Vec<(&str, String)> = p
        .skipped
        .named
        .iter()
        .map(|(k, why)| (k.as_str(), Lang::En.text(&console_core::i18n::Msg::LeftOut(why))))
        .collect();
    // Listed a folder level at a time, the `.` and `..` folders are left out whole.
    for folder in [format!("{folder}../"), format!("{folder}./")] {
        assert!(named.iter().any(|(k, why)| *k == folder && why.contains(". or ..")), "{named:?}");
    }
    assert!(
        named.iter().any(|(k, why)| k.starts_with(folder) && k.ends_with('…') && why.contains("1,023")),
        "{named:?}"
    );
    assert!(named.iter().any(|(k, why)| *k == huge && why.contains("1,125,899,906,842,624 bytes")), "{named:?}");
    assert!(named.iter().any(|(k, why)| *k == many && why.contains("99,000,000,000 events")), "{named:?}");
    assert!(p.totals.bytes < 1 << 20 && p.totals.events == 6, "no implausible number is summed: {:?}", p.totals);

    let sink = Sink::default();
    let report = load(&trail, &p, &sink);
    assert_eq!(report.end, LoadEnd::Complete);
    let gets = fake.gets();
    assert_eq!(gets.len(), 3);
    assert!(gets.iter().all(|k| !k.contains("/./") && !k.contains("/../") && k.len() < 1023), "{gets:?}");
}

#[test]
fn an_object_that_grows_past_its_cap_or_changed_since_listing_is_named_and_the_rest_load() {
    use console_core::trail::bucket_load::{read_cap, MIN_READ_CAP};
    let keys = single_account("t", &["cn-hangzhou"], "2025-11-02", "2025-11-02", 4);
    let mut fake = FakeBucket::new(keys.clone());
    // A small gzip object the browser inflates (Content-Encoding: gzip) to past its cap.
    let bomb = keys[1].clone();
    fake.served_instead.insert(bomb.clone(), vec![b' '; (MIN_READ_CAP + 1) as usize]);
    // An object written again after the listing: its Content-Length is not the listed size.
    let changed = keys[2].clone();
    fake.content_length.insert(changed.clone(), 7);
    let clock = TestClock::default();
    let s = session(&fake, &clock);
    let trail = TrailBucket::new(&s, &clock, "t").with_options(options(2));
    let p = plan(&trail, &[region("cn-hangzhou")], "2025-11-02", "2025-11-02").unwrap();
    let sink = Sink::default();
    let report = load(&trail, &p, &sink);

    assert_eq!(report.end, LoadEnd::Complete, "one object's problem stops nothing else");
    let failed: BTreeMap<&str, String> = report.failures.iter().map(|f| (f.key.as_str(), f.code())).collect();
    assert_eq!(
        failed,
        BTreeMap::from([(bomb.as_str(), "TooLarge".to_string()), (changed.as_str(), "SizeChanged".to_string())])
    );
    for f in &report.failures {
        assert_eq!(f.tries, 1, "not retried: {}", f.key);
        assert!(!f.summary(Lang::En).is_empty() && !f.advice(Lang::En, "").is_empty());
    }
    let got: BTreeSet<String> = sink.objects.borrow().iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(got, BTreeSet::from([keys[0].clone(), keys[3].clone()]));
    assert_eq!(report.not_loaded.len(), 2);
    // Every object was asked for with its cap.
    assert!(fake
        .sent
        .borrow()
        .iter()
        .filter(|r| !split_url(&r.url).0.is_empty())
        .all(|r| r.read_limit == Some(read_cap(100))));
    assert_eq!(read_cap(0), MIN_READ_CAP);
    assert_eq!(read_cap(u64::MAX), console_core::trail::bucket_load::MAX_OBJECT_READ);
}
