//! Loading a trail straight from the OSS bucket it is delivered to, as one controller over the
//! session's transport and an injected clock:
//!
//! 1. [`TrailBucket::discover`] lists `<prefix>/AliyunLogs/Actiontrail/` one folder level at a
//!    time (`delimiter=/`) to find the region folders, single-account or under
//!    `<rd_id>/<accountid>/` levels. `Actiontrail-Insight` is a sibling folder and never listed.
//! 2. [`TrailBucket::plan`] lists each chosen region's UTC day folders in a date range and keeps
//!    the keys that are trail files: the plan says files, bytes and expected events (from the
//!    file names) per region and day before anything is downloaded.
//! 3. [`TrailBucket::load`] (in `bucket_load`) fetches the planned objects.
//!
//! Every listing paginates with continuation tokens and retries passing failures. A plan only
//! holds keys found under the day folders of its range, so nothing outside the range is fetched.

use super::layout::{self, Member, EVENT_TYPE};
use crate::effects::Clock;
use crate::oss::error::Operation;
use crate::oss::list_objects::{self, ListParams, ObjectSummary, MAX_KEYS};
use crate::oss::retry::{exchange_with_retries, RetryError, RetryPolicy};
use crate::oss::session::{Failure, NotOss, Session};
use crate::tasks::{map_bounded, Cancel};
use crate::time::UtcDateTime;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The most requests in flight at once (listings and object reads).
pub const MAX_CONCURRENCY: usize = 8;
/// The longest date range one plan may cover.
pub const MAX_DAYS: u32 = 366;
/// The most pages one listing may take (a million keys at 100 a page): past that a server is
/// looping, not listing.
pub const MAX_PAGES: u32 = 10_000;
/// The most keys and folders one listing may hold. A trail day folder of one region holds a few
/// hundred files; a listing past this is not a trail.
pub const MAX_LISTED: u64 = 200_000;
/// The longest key OSS allows, in bytes.
pub const MAX_KEY_BYTES: usize = 1023;
/// The largest object one PutObject can write: a trail file listed bigger is not one.
pub const MAX_OBJECT_BYTES: u64 = 5 << 30;
/// The most events one trail file can hold (far more than ActionTrail writes to one file).
pub const MAX_FILE_EVENTS: u64 = 10_000_000;
/// Keys named in the plan's skipped list at most (all are counted).
pub const SKIPPED_NAMED: usize = 20;

const DAY_MS: i64 = 86_400_000;

/// How the controller talks to the bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Requests in flight at once (1 to [`MAX_CONCURRENCY`]).
    pub concurrency: usize,
    /// `max-keys` of each listing page (1 to 1000).
    pub page_size: u32,
    /// Retries of listings and object reads.
    pub retry: RetryPolicy,
}

impl Default for Options {
    fn default() -> Self {
        Options { concurrency: 6, page_size: MAX_KEYS, retry: RetryPolicy::default() }
    }
}

/// One region folder of the trail: `…/Actiontrail/[<rd_id>/<accountid>/]<region>/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct RegionFolder {
    /// The member account, in the multi-account layout.
    pub member: Option<Member>,
    pub region: String,
}

impl RegionFolder {
    fn sort_key(&self) -> (Option<(&str, &str)>, &str) {
        (self.member.as_ref().map(|m| (m.rd_id.as_str(), m.account_id.as_str())), &self.region)
    }
}

impl Ord for RegionFolder {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for RegionFolder {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl RegionFolder {
    /// `cn-hangzhou`, or `1892171716718765/cn-hangzhou` in the multi-account layout.
    pub fn label(&self) -> String {
        match &self.member {
            Some(m) => format!("{}/{}", m.account_id, self.region),
            None => self.region.clone(),
        }
    }
}

/// What [`TrailBucket::discover`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discovery {
    /// The folder that was listed: `<prefix>/AliyunLogs/Actiontrail/`.
    pub root: String,
    /// Every region folder, sorted (accounts first, then regions).
    pub folders: Vec<RegionFolder>,
}

impl Discovery {
    /// Whether the trail uses the multi-account layout (`<rd_id>/<accountid>/` levels).
    pub fn multi_account(&self) -> bool {
        self.folders.iter().any(|f| f.member.is_some())
    }

    /// The regions found, sorted, each once.
    pub fn regions(&self) -> Vec<String> {
        self.folders.iter().map(|f| f.region.clone()).collect::<BTreeSet<_>>().into_iter().collect()
    }

    /// The member accounts found (multi-account layout), in folder order, each once.
    pub fn accounts(&self) -> Vec<Member> {
        let mut accounts: Vec<Member> = Vec::new();
        for m in self.folders.iter().filter_map(|f| f.member.as_ref()) {
            if !accounts.contains(m) {
                accounts.push(m.clone());
            }
        }
        accounts
    }

    /// The folders of these regions and account ids; an empty list means all of them.
    pub fn select(&self, regions: &[String], accounts: &[String]) -> Vec<RegionFolder> {
        self.folders
            .iter()
            .filter(|f| regions.is_empty() || regions.contains(&f.region))
            .filter(|f| accounts.is_empty() || f.member.as_ref().is_none_or(|m| accounts.contains(&m.account_id)))
            .cloned()
            .collect()
    }
}

/// Why a date range was refused (`Display` is the English; `Lang::text(&Msg::Range(..))` gives
/// every language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RangeError {
    /// `which` is `from` or `to`; `value` what was typed (at most 40 characters).
    BadDate {
        which: &'static str,
        value: String,
    },
    Reversed {
        from: String,
        to: String,
    },
    TooLong {
        days: i64,
    },
}

impl std::error::Error for RangeError {}

/// A range of UTC days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateRange {
    /// Days since 1970-01-01.
    first: i64,
    last: i64,
}

fn parse_day(which: &'static str, s: &str) -> Result<i64, RangeError> {
    let bad = || RangeError::BadDate { which, value: s.chars().take(40).collect() };
    let t = s.trim();
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = t.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else { return Err(bad()) };
    let dt = UtcDateTime { year: year as i64, month, day, hour: 0, minute: 0, second: 0, millis: 0 };
    // Only a real calendar day survives the round trip (2025-02-30 becomes March).
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || UtcDateTime::from_unix_millis(dt.to_unix_millis()) != dt
    {
        return Err(bad());
    }
    Ok(dt.to_unix_millis().div_euclid(DAY_MS))
}

fn day_text(day: i64) -> String {
    let t = UtcDateTime::from_unix_millis(day * DAY_MS);
    format!("{:04}-{:02}-{:02}", t.year, t.month, t.day)
}

impl DateRange {
    /// From `YYYY-MM-DD` to `YYYY-MM-DD`, both UTC and included.
    pub fn parse(from: &str, to: &str) -> Result<Self, RangeError> {
        let (first, last) = (parse_day("from", from)?, parse_day("to", to)?);
        if last < first {
            return Err(RangeError::Reversed { from: day_text(first), to: day_text(last) });
        }
        let days = last - first + 1;
        if days > MAX_DAYS as i64 {
            return Err(RangeError::TooLong { days });
        }
        Ok(DateRange { first, last })
    }

    /// The first day, `YYYY-MM-DD`.
    pub fn from(&self) -> String {
        day_text(self.first)
    }

    /// The last day, `YYYY-MM-DD`.
    pub fn to(&self) -> String {
        day_text(self.last)
    }

    /// How many days.
    pub fn day_count(&self) -> u32 {
        (self.last - self.first + 1) as u32
    }

    /// Each day's start, Unix milliseconds, in order.
    pub fn days_ms(&self) -> impl Iterator<Item = i64> {
        (self.first..=self.last).map(|d| d * DAY_MS)
    }

    /// Whether the UTC day of `ms` is in the range.
    pub fn contains_ms(&self, ms: i64) -> bool {
        (self.first..=self.last).contains(&ms.div_euclid(DAY_MS))
    }
}

/// One object the plan will fetch.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlannedFile {
    pub key: String,
    /// Bytes, from the listing.
    pub size: u64,
    /// Events, from the file name.
    pub expected_events: u64,
    pub region: String,
    /// The UTC day folder it was listed in, `YYYY-MM-DD`.
    pub day: String,
    /// The member account (multi-account layout).
    pub member: Option<Member>,
    /// The time in the file name, Unix milliseconds.
    pub time_ms: i64,
    /// From the listing.
    pub etag: String,
}

impl PlannedFile {
    /// The member account id, if any.
    pub fn account(&self) -> Option<&str> {
        self.member.as_ref().map(|m| m.account_id.as_str())
    }

    /// The file name (the key's last part), for reports.
    pub fn name(&self) -> &str {
        self.key.rsplit('/').next().unwrap_or(&self.key)
    }
}

/// Files, bytes and expected events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Totals {
    pub files: usize,
    pub bytes: u64,
    pub events: u64,
}

impl Totals {
    /// Sizes come from the listing and event counts from file names: outside numbers, so the
    /// sums saturate instead of wrapping (or panicking) on a hostile listing.
    pub fn add(&mut self, f: &PlannedFile) {
        self.files += 1;
        self.bytes = self.bytes.saturating_add(f.size);
        self.events = self.events.saturating_add(f.expected_events);
    }
}

/// The totals of one region on one day (all accounts together).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DaySubtotal {
    pub region: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    pub totals: Totals,
}

/// Why a listed key was left out of the plan.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LeftOut {
    /// A `.` or `..` segment: a browser would rewrite the request's path, so the signature
    /// would not match and the object read would be another.
    DotSegment,
    /// Longer than OSS allows ([`MAX_KEY_BYTES`]).
    KeyTooLong { bytes: usize },
    /// A listed size no trail file can have ([`MAX_OBJECT_BYTES`]).
    ImplausibleSize { size: u64 },
    /// An event count in the name no trail file can hold ([`MAX_FILE_EVENTS`]).
    ImplausibleEvents { events: u64 },
}

/// Why a key is not requested, if it is not.
pub fn unusual_key(key: &str) -> Option<LeftOut> {
    if key.len() > MAX_KEY_BYTES {
        return Some(LeftOut::KeyTooLong { bytes: key.len() });
    }
    key.split('/').any(|seg| seg == "." || seg == "..").then_some(LeftOut::DotSegment)
}

/// What the plan's listings held and left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// Objects in the day folders that are not trail files (a manifest, a note).
    pub not_trail: usize,
    /// Keys and folders never requested ([`unusual_key`]).
    pub unusual: usize,
    /// Trail files with an implausible listed size or event count.
    pub implausible: usize,
    /// The first [`SKIPPED_NAMED`] unusual or implausible keys, with why.
    pub named: Vec<(String, LeftOut)>,
}

impl Skipped {
    /// Everything left out.
    pub fn total(&self) -> usize {
        self.not_trail + self.unusual + self.implausible
    }

    fn note(&mut self, key: String, why: LeftOut) {
        match why {
            LeftOut::DotSegment | LeftOut::KeyTooLong { .. } => self.unusual += 1,
            LeftOut::ImplausibleSize { .. } | LeftOut::ImplausibleEvents { .. } => self.implausible += 1,
        }
        if self.named.len() < SKIPPED_NAMED {
            // A key is at most MAX_KEY_BYTES when named whole; a longer one is cut.
            let key = if key.len() > MAX_KEY_BYTES { key.chars().take(200).chain(['…']).collect() } else { key };
            self.named.push((key, why));
        }
    }

    fn merge(&mut self, other: Skipped) {
        self.not_trail += other.not_trail;
        self.unusual += other.unusual;
        self.implausible += other.implausible;
        let room = SKIPPED_NAMED.saturating_sub(self.named.len());
        self.named.extend(other.named.into_iter().take(room));
    }
}

/// What a load will fetch, before anything is downloaded.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    pub range: DateRange,
    /// The region folders listed.
    pub folders: Vec<RegionFolder>,
    /// Sorted by the time in their names, then key.
    pub files: Vec<PlannedFile>,
    pub totals: Totals,
    /// Per (region, day), sorted by day then region; days with no files are left out.
    pub by_region_day: Vec<DaySubtotal>,
    /// What the day folders held that is not loaded.
    pub skipped: Skipped,
}

impl Plan {
    fn new(range: DateRange, folders: Vec<RegionFolder>, mut files: Vec<PlannedFile>, skipped: Skipped) -> Plan {
        files.sort_by(|a, b| (a.time_ms, &a.key).cmp(&(b.time_ms, &b.key)));
        files.dedup_by(|a, b| a.key == b.key);
        let mut totals = Totals::default();
        let mut groups: BTreeMap<(String, String), Totals> = BTreeMap::new();
        for f in &files {
            totals.add(f);
            groups.entry((f.day.clone(), f.region.clone())).or_default().add(f);
        }
        let by_region_day =
            groups.into_iter().map(|((day, region), totals)| DaySubtotal { region, day, totals }).collect();
        Plan { range, folders, files, totals, by_region_day, skipped }
    }

    /// A plan of only these files (by index into `files`), e.g. to load again what failed.
    pub fn subset(&self, indices: &[usize]) -> Plan {
        let files = indices.iter().filter_map(|&i| self.files.get(i).cloned()).collect();
        Plan::new(self.range, self.folders.clone(), files, Skipped::default())
    }
}

/// How far planning has got: day folders listed, and what they held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanProgress {
    pub folders_listed: usize,
    pub folders_total: usize,
    pub found: Totals,
}

/// Why discovery or planning stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum TrailError {
    /// The date range is not valid (nothing was listed).
    Range(RangeError),
    /// No region was chosen (nothing was listed).
    NoFolders,
    /// Nothing under the trail's folder: wrong prefix or bucket.
    NoTrail { looked_in: String },
    /// A listing failed, after its retries.
    List { prefix: String, failure: Failure },
    /// A listing answered, but not as OSS lists: it was not followed further.
    Listing { prefix: String, problem: ListingProblem },
    /// The user cancelled.
    Cancelled,
}

impl TrailError {
    /// A short code for the log and tests.
    pub fn code(&self) -> String {
        match self {
            TrailError::Range(_) => "InvalidRange".into(),
            TrailError::NoFolders => "NoRegion".into(),
            TrailError::NoTrail { .. } => "NoTrail".into(),
            TrailError::List { failure, .. } => failure.code(),
            TrailError::Listing { problem, .. } => problem.code().into(),
            TrailError::Cancelled => "Cancelled".into(),
        }
    }

    /// The failure behind it, when a request failed (for the request id and CORS rule).
    pub fn failure(&self) -> Option<&Failure> {
        match self {
            TrailError::List { failure, .. } => Some(failure),
            _ => None,
        }
    }
}

/// How a listing strayed from what OSS does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListingProblem {
    /// Page `page` gave a continuation token an earlier page of the same listing gave.
    TokenRepeated { page: u32 },
    /// On page `page`, `key` did not sort after the key (or folder) before it.
    OutOfOrder { page: u32, key: String },
    /// More than `cap` of `what` in one listing.
    TooLong { what: Listed, cap: u64 },
}

/// What a listing counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listed {
    Pages,
    Keys,
}

impl ListingProblem {
    /// A short code for the log and tests.
    pub fn code(&self) -> &'static str {
        match self {
            ListingProblem::TokenRepeated { .. } => "ListingRepeats",
            ListingProblem::OutOfOrder { .. } => "ListingOutOfOrder",
            ListingProblem::TooLong { .. } => "ListingTooLong",
        }
    }
}

impl From<RangeError> for TrailError {
    fn from(e: RangeError) -> Self {
        TrailError::Range(e)
    }
}

/// One folder level: the objects directly in it, the names of the folders in it, and the keys
/// and folders left out.
struct Level {
    objects: Vec<ObjectSummary>,
    children: Vec<String>,
    skipped: Skipped,
}

/// The trail's key prefix as the layout writes it: no slashes around it, and without
/// `/AliyunLogs[/Actiontrail]` if a whole path was pasted.
pub fn normalize_prefix(prefix: &str) -> String {
    let mut p = prefix.trim().trim_matches('/');
    for tail in ["AliyunLogs/Actiontrail", "AliyunLogs"] {
        if p == tail {
            p = "";
        } else if let Some(head) = p.strip_suffix(tail).and_then(|h| h.strip_suffix('/')) {
            p = head.trim_end_matches('/');
        }
    }
    p.to_string()
}

fn is_year(name: &str) -> bool {
    name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit())
}

fn looks_like_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body.iter().skip_while(|b| b.is_ascii_whitespace()).take(15).copied().collect();
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The trail in one bucket, over a session (which signs, sends, corrects the clock and logs).
pub struct TrailBucket<'a> {
    pub(super) session: &'a Session<'a>,
    pub(super) clock: &'a dyn Clock,
    prefix: String,
    pub(super) options: Options,
}

impl<'a> TrailBucket<'a> {
    /// The trail under `prefix` (its OssKeyPrefix; may be empty) in the session's bucket.
    /// `clock` is the one the session uses: it times the backoff between retries.
    pub fn new(session: &'a Session<'a>, clock: &'a dyn Clock, prefix: &str) -> Self {
        TrailBucket { session, clock, prefix: normalize_prefix(prefix), options: Options::default() }
    }

    /// With these options (kept within their bounds).
    pub fn with_options(mut self, options: Options) -> Self {
        self.options = Options {
            concurrency: options.concurrency.clamp(1, MAX_CONCURRENCY),
            page_size: options.page_size.clamp(1, MAX_KEYS),
            retry: options.retry,
        };
        self
    }

    /// The options in force.
    pub fn options(&self) -> Options {
        self.options
    }

    /// The trail's key prefix, normalized (may be empty).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// `<prefix>/AliyunLogs/Actiontrail/`: the folder holding the trail's ordinary events.
    pub fn root(&self) -> String {
        let p = if self.prefix.is_empty() { String::new() } else { format!("{}/", self.prefix) };
        format!("{p}AliyunLogs/{EVENT_TYPE}/")
    }

    fn failed(&self, prefix: &str, e: RetryError) -> TrailError {
        match e {
            RetryError::Failed { failure, .. } => TrailError::List { prefix: prefix.to_string(), failure },
            RetryError::Cancelled => TrailError::Cancelled,
        }
    }

    /// A 2xx listing that cannot be read.
    fn bad_listing(&self, prefix: &str, resp: &crate::oss::request::HttpResponse, detail: String) -> TrailError {
        let failure = if looks_like_html(&resp.body) {
            Failure::NotOss(NotOss::Html { status: resp.status })
        } else {
            Failure::BadBody {
                detail: self.session.redact(&detail),
                request_id: resp.request_id().map(|r| self.session.redact(r)),
            }
        };
        TrailError::List { prefix: prefix.to_string(), failure }
    }

    /// Every page under `prefix` (one level when `by_folder`): the keys and child folder names
    /// under it. Anything the server returns outside `prefix` is dropped.
    async fn list(&self, prefix: &str, by_folder: bool, cancel: &Cancel) -> Result<Level, TrailError> {
        let (target, creds) = (self.session.target(), self.session.credentials());
        let mut level = Level { objects: Vec::new(), children: Vec::new(), skipped: Skipped::default() };
        let mut token: Option<String> = None;
        // Every token given, so a listing that comes back to one stops.
        let mut tokens: HashSet<String> = HashSet::new();
        let (mut last_key, mut last_folder): (Option<String>, Option<String>) = (None, None);
        let (mut pages, mut listed) = (0u32, 0u64);
        let problem = |problem| TrailError::Listing { prefix: prefix.to_string(), problem };
        loop {
            let params = ListParams {
                prefix: prefix.to_string(),
                delimiter: by_folder.then(|| "/".to_string()),
                continuation_token: token.clone(),
                start_after: None,
                max_keys: Some(self.options.page_size),
            };
            let (resp, _) = exchange_with_retries(
                self.session,
                self.clock,
                self.options.retry,
                cancel,
                Operation::ListObjectsV2,
                &|now| list_objects::request(target, &params, creds, now),
                &|_| {},
            )
            .await
            .map_err(|e| self.failed(prefix, e))?;
            let page = list_objects::parse(&resp.body).map_err(|e| self.bad_listing(prefix, &resp, e.to_string()))?;
            pages += 1;
            let next = page.next_continuation_token.filter(|_| page.is_truncated);
            // A token given before: the server is going round (checked first, as a page that
            // repeats an earlier one also goes back in its keys).
            if next.as_ref().is_some_and(|next| !tokens.insert(next.clone())) {
                return Err(problem(ListingProblem::TokenRepeated { page: pages }));
            }
            listed = listed.saturating_add((page.contents.len() + page.common_prefixes.len()) as u64);
            if listed > MAX_LISTED {
                return Err(problem(ListingProblem::TooLong { what: Listed::Keys, cap: MAX_LISTED }));
            }
            // OSS lists in UTF-8 byte order, keys and folders each: a page that goes back is
            // a server repeating itself.
            let out_of_order =
                |key: &str| ListingProblem::OutOfOrder { page: pages, key: key.chars().take(200).collect() };
            for o in page.contents {
                if last_key.as_ref().is_some_and(|last| o.key <= *last) {
                    return Err(problem(out_of_order(&o.key)));
                }
                last_key = Some(o.key.clone());
                if o.key.len() <= prefix.len() || !o.key.starts_with(prefix) {
                    continue;
                }
                match unusual_key(&o.key) {
                    Some(why) => level.skipped.note(o.key, why),
                    None => level.objects.push(o),
                }
            }
            for cp in page.common_prefixes {
                if last_folder.as_ref().is_some_and(|last| cp <= *last) {
                    return Err(problem(out_of_order(&cp)));
                }
                let name = cp.strip_prefix(prefix).and_then(|rest| rest.strip_suffix('/'));
                if let Some(name) = name.filter(|n| !n.is_empty() && !n.contains('/')) {
                    match unusual_key(&cp) {
                        Some(why) => level.skipped.note(cp.clone(), why),
                        None => level.children.push(name.to_string()),
                    }
                }
                last_folder = Some(cp);
            }
            match next {
                None => break,
                Some(_) if pages >= MAX_PAGES => {
                    return Err(problem(ListingProblem::TooLong { what: Listed::Pages, cap: MAX_PAGES as u64 }));
                }
                Some(next) => token = Some(next),
            }
        }
        level.children.sort();
        level.children.dedup();
        Ok(level)
    }

    /// List each prefix (at most `concurrency` at once), turning each level into `R` as it
    /// arrives so whole listings are not held. Stops starting new listings after a failure.
    async fn list_many<R>(
        &self,
        prefixes: Vec<String>,
        by_folder: bool,
        cancel: &Cancel,
        each: &dyn Fn(usize, Level) -> R,
    ) -> Result<Vec<R>, TrailError> {
        let first_error: RefCell<Option<TrailError>> = RefCell::new(None);
        let n = prefixes.len();
        let out =
            map_bounded(prefixes.into_iter().enumerate().collect(), self.options.concurrency, cancel, |(i, p)| {
                let first_error = &first_error;
                Box::pin(async move {
                    if first_error.borrow().is_some() {
                        return None;
                    }
                    match self.list(&p, by_folder, cancel).await {
                        Ok(level) => Some(each(i, level)),
                        Err(e) => {
                            first_error.borrow_mut().get_or_insert(e);
                            None
                        }
                    }
                })
            })
            .await;
        if let Some(e) = first_error.take() {
            return Err(e);
        }
        let out: Vec<R> = out.ok_or(TrailError::Cancelled)?.into_iter().flatten().collect();
        if out.len() != n {
            return Err(TrailError::Cancelled);
        }
        Ok(out)
    }

    /// Find the trail's region folders, in either layout. The session's log holds the listings.
    pub async fn discover(&self, cancel: &Cancel) -> Result<Discovery, TrailError> {
        let root = self.root();
        let top = self.list(&root, true, cancel).await?;
        if top.children.is_empty() {
            return Err(TrailError::NoTrail { looked_in: root });
        }
        // Below a region come years; below an rd_id come account ids.
        let prefixes: Vec<String> = top.children.iter().map(|c| format!("{root}{c}/")).collect();
        let levels = self.list_many(prefixes, true, cancel, &|_, level| level.children).await?;
        let mut folders = BTreeSet::new();
        let mut accounts = Vec::new();
        for (name, below) in top.children.iter().zip(levels) {
            if below.iter().any(|c| is_year(c)) {
                folders.insert(RegionFolder { member: None, region: name.clone() });
            } else {
                accounts.extend(below.into_iter().map(|a| Member { rd_id: name.clone(), account_id: a }));
            }
        }
        let prefixes: Vec<String> = accounts.iter().map(|m| format!("{root}{}/{}/", m.rd_id, m.account_id)).collect();
        let regions = self.list_many(prefixes, true, cancel, &|_, level| level.children).await?;
        for (member, regions) in accounts.into_iter().zip(regions) {
            for region in regions {
                folders.insert(RegionFolder { member: Some(member.clone()), region });
            }
        }
        if folders.is_empty() {
            return Err(TrailError::NoTrail { looked_in: root });
        }
        Ok(Discovery { root, folders: folders.into_iter().collect() })
    }

    /// List the day folders of `range` in these region folders and plan what to load.
    /// `progress` hears after each day folder. The session's log holds the listings.
    pub async fn plan(
        &self,
        folders: &[RegionFolder],
        range: &DateRange,
        cancel: &Cancel,
        progress: &dyn Fn(&PlanProgress),
    ) -> Result<Plan, TrailError> {
        let folders: Vec<RegionFolder> = folders.iter().cloned().collect::<BTreeSet<_>>().into_iter().collect();
        if folders.is_empty() {
            return Err(TrailError::NoFolders);
        }
        let jobs: Vec<(&RegionFolder, i64)> =
            folders.iter().flat_map(|f| range.days_ms().map(move |d| (f, d))).collect();
        let prefixes: Vec<String> = jobs
            .iter()
            .map(|(f, d)| layout::day_prefix(&self.prefix, EVENT_TYPE, f.member.as_ref(), &f.region, *d))
            .collect();
        let state = Cell::new(PlanProgress { folders_total: jobs.len(), ..Default::default() });
        progress(&state.get());
        let keep = |i: usize, level: Level| -> (Vec<PlannedFile>, Skipped) {
            let (folder, day_ms) = jobs[i];
            let mut files = Vec::new();
            let mut skipped = level.skipped;
            for o in level.objects {
                match layout::parse_key(&o.key) {
                    Some(k)
                        if k.event_type == EVENT_TYPE
                            && k.prefix == self.prefix
                            && k.region == folder.region
                            && k.member == folder.member
                            && o.key.starts_with(&prefixes[i]) =>
                    {
                        if o.size > MAX_OBJECT_BYTES {
                            skipped.note(o.key, LeftOut::ImplausibleSize { size: o.size });
                            continue;
                        }
                        if k.event_count > MAX_FILE_EVENTS {
                            skipped.note(o.key, LeftOut::ImplausibleEvents { events: k.event_count });
                            continue;
                        }
                        files.push(PlannedFile {
                            key: o.key,
                            size: o.size,
                            expected_events: k.event_count,
                            region: k.region,
                            day: day_text(day_ms.div_euclid(DAY_MS)),
                            member: k.member,
                            time_ms: k.time_ms,
                            etag: o.etag,
                        });
                    }
                    _ => skipped.not_trail += 1,
                }
            }
            let mut p = state.get();
            p.folders_listed += 1;
            for f in &files {
                p.found.add(f);
            }
            state.set(p);
            progress(&p);
            (files, skipped)
        };
        let listed = self.list_many(prefixes.clone(), true, cancel, &keep).await?;
        let mut skipped = Skipped::default();
        let mut files = Vec::new();
        for (f, s) in listed {
            files.extend(f);
            skipped.merge(s);
        }
        Ok(Plan::new(*range, folders, files, skipped))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_of_outside_numbers_saturate() {
        let huge = PlannedFile {
            key: "p/AliyunLogs/Actiontrail/cn-hangzhou/2025/11/01/f.gz".into(),
            size: u64::MAX - 1,
            expected_events: u64::MAX - 1,
            region: "cn-hangzhou".into(),
            day: "2025-11-01".into(),
            member: None,
            time_ms: 0,
            etag: String::new(),
        };
        let mut t = Totals::default();
        t.add(&huge);
        t.add(&huge);
        assert_eq!(t, Totals { files: 2, bytes: u64::MAX, events: u64::MAX });
    }

    #[test]
    fn dates_are_strict_utc_days() {
        let r = DateRange::parse("2024-12-30", " 2025-01-02 ").unwrap();
        assert_eq!((r.from(), r.to(), r.day_count()), ("2024-12-30".into(), "2025-01-02".into(), 4));
        let days: Vec<String> =
            r.days_ms().map(|d| UtcDateTime::from_unix_millis(d).iso8601_extended()[..10].to_string()).collect();
        assert_eq!(days, ["2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02"]);
        assert_eq!(DateRange::parse("2024-02-28", "2024-03-01").unwrap().day_count(), 3, "leap day");
        assert_eq!(DateRange::parse("2025-02-28", "2025-03-01").unwrap().day_count(), 2);
        for bad in ["2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025/01/01", "", "2025-01-01T00"] {
            assert!(
                matches!(DateRange::parse(bad, "2025-12-31"), Err(RangeError::BadDate { which: "from", .. })),
                "{bad}"
            );
        }
        assert_eq!(
            DateRange::parse("2025-01-02", "2025-01-01"),
            Err(RangeError::Reversed { from: "2025-01-02".into(), to: "2025-01-01".into() })
        );
        assert!(DateRange::parse("2024-01-01", "2024-12-31").is_ok(), "a leap year is 366 days");
        assert_eq!(DateRange::parse("2024-01-01", "2025-01-01"), Err(RangeError::TooLong { days: 367 }));
    }

    #[test]
    fn prefixes_are_normalized() {
        assert_eq!(normalize_prefix(" /actiontrail/ "), "actiontrail");
        assert_eq!(normalize_prefix("a/b/AliyunLogs/Actiontrail/"), "a/b");
        assert_eq!(normalize_prefix("trail/AliyunLogs"), "trail");
        assert_eq!(normalize_prefix("AliyunLogs/Actiontrail"), "");
        assert_eq!(normalize_prefix(""), "");
        assert_eq!(normalize_prefix("myAliyunLogs"), "myAliyunLogs");
    }
}
