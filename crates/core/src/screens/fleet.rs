//! Many buckets at once: which buckets (pasted in any form people copy, or the buckets the loaded
//! events name), their access tracking and access-time lifecycle rules read six at a time, and
//! tracking switched on (or off) across them after a plan the person confirms.
//!
//! The credentials, endpoint override and addressing style are the tracking view's; the region is
//! each bucket's. The model decides every call; the shell runs [`Command::Check`] with a
//! [`Session`](crate::oss::session::Session) and feeds back [`Event::Checked`].

use super::{Env, Screen};
use crate::oss::access_monitor::AccessMonitorStatus;
use crate::oss::credentials::Credentials;
use crate::oss::error::OssCode;
use crate::oss::place::{oss_host_region, BucketPlace};
use crate::oss::request::BucketTarget;
use crate::oss::session::{Checked, Failure, Intent};
use crate::oss::validate;
use std::collections::{BTreeMap, VecDeque};

/// Calls in flight at once.
pub const CONCURRENCY: usize = 6;
/// Buckets a fleet holds.
pub const MAX_BUCKETS: usize = 1000;

/// What went wrong with a bucket, in the terms the table filters by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No answer the page may read: the bucket's CORS rule lacks this page's origin (or the
    /// network is down).
    Cors,
    /// AccessDenied: the RAM policy lacks the action.
    Denied,
    /// NoSuchBucket.
    Missing,
    /// Asked in the wrong region, and the right one could not be used (`Some`: the endpoint OSS
    /// named, when it is not an OSS endpoint or a second redirect).
    Region(Option<String>),
    /// Disabling is refused: a lifecycle rule is based on last access time.
    Locked,
    /// The credentials expired or were refused (the run stopped).
    Credentials(String),
    /// Any other OSS error code, or a failure of another kind (its code).
    Other(String),
}

impl Problem {
    /// The stable name (`data-problem`): `cors`, `denied`, `missing`, `region`, `locked`, or
    /// the OSS error code.
    pub fn key(&self) -> &str {
        match self {
            Problem::Cors => "cors",
            Problem::Denied => "denied",
            Problem::Missing => "missing",
            Problem::Region(_) => "region",
            Problem::Locked => "locked",
            Problem::Credentials(code) | Problem::Other(code) => code,
        }
    }
}

/// The last tracking change of a bucket found in the loaded events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenChange {
    pub who: String,
    pub at_ms: i64,
    pub failed: bool,
}

/// One bucket of the fleet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub bucket: String,
    pub region: String,
    /// The status read (`None`: not read, or the read failed).
    pub status: Option<AccessMonitorStatus>,
    /// How many lifecycle rules count from the last access time (`None`: not read).
    pub access_time_rules: Option<usize>,
    pub problem: Option<Problem>,
    /// The region the bucket was first asked in, when OSS said it is in another.
    pub moved_from: Option<String>,
    /// A call for this bucket is queued or in flight.
    pub busy: bool,
    /// Switched by the last run (and confirmed by reading back).
    pub switched: bool,
    pub last_change: Option<SeenChange>,
}

impl Row {
    fn new(bucket: String, region: String) -> Self {
        Row {
            bucket,
            region,
            status: None,
            access_time_rules: None,
            problem: None,
            moved_from: None,
            busy: false,
            switched: false,
            last_change: None,
        }
    }
}

/// A line that names no bucket, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based.
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// What a pasted line names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub bucket: String,
    pub region: Option<String>,
}

/// The fields of a CSV or tab-separated line, unquoted (`"a","b"`, `a, b` or `a<TAB>b`).
fn fields(line: &str) -> Vec<String> {
    let sep = if line.contains('\t') && !line.contains(',') { '\t' } else { ',' };
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => out.push(std::mem::take(&mut field).trim().to_string()),
            c => field.push(c),
        }
    }
    out.push(field.trim().to_string());
    out
}

/// `s` without `prefix` at its start, in any case.
fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// Read one pasted line: `my-bucket`, `oss://my-bucket/prefix`, `my-bucket.oss-cn-hangzhou.aliyuncs.com`,
/// an OSS URL, `bucket,region` (CSV or tab-separated, quoted or not, more columns ignored: the
/// view's own export reads back), or an `acs:oss:<region>:<account>:<bucket>` resource name.
pub fn parse_line(line: &str) -> Result<Named, String> {
    let t = line.trim();
    // A URL's query may hold commas: only a line that does not start like a URL is CSV.
    let url_like = ["oss://", "http://", "https://", "acs:"].iter().any(|p| strip_prefix_ci(t, p).is_some());
    if !url_like && (t.contains(',') || t.contains('\t')) {
        let f = fields(t);
        let named = parse_line(f.first().map(String::as_str).unwrap_or_default())?;
        let region = f.get(1).map(String::as_str).unwrap_or_default();
        if region.is_empty() {
            return Ok(named);
        }
        let region = validate::region(region).map_err(|e| format!("region {region:?}: {e:?}"))?;
        return Ok(Named { bucket: named.bucket, region: Some(region) });
    }
    let t = t.trim_matches(|c| c == '"' || c == '\'');
    if let Some(rest) = strip_prefix_ci(t, "oss://") {
        return checked(rest.split('/').next().unwrap_or_default(), None);
    }
    if let Some(rest) = strip_prefix_ci(t, "acs:oss:") {
        // acs:oss:<region>:<account>:<bucket>[/key]
        let parts: Vec<&str> = rest.splitn(3, ':').collect();
        let bucket = parts.get(2).and_then(|b| b.split('/').next()).unwrap_or_default();
        let region = parts.first().filter(|r| !r.is_empty() && **r != "*").map(|r| r.to_string());
        return checked(bucket, region);
    }
    let (host_part, from_url) = match strip_prefix_ci(t, "https://").or_else(|| strip_prefix_ci(t, "http://")) {
        Some(rest) => (rest.split(['/', '?', '#']).next().unwrap_or_default(), true),
        None => (t, false),
    };
    if !from_url && t.contains(':') {
        return Err("not a bucket name, an oss:// or OSS URL, or a bucket,region line".into());
    }
    let host = host_part.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default().to_ascii_lowercase();
    if let Some(region) = oss_host_region(&host) {
        // bucket.oss-<region>.aliyuncs.com
        let (bucket, rest) = host.split_once('.').unwrap_or_default();
        if !rest.starts_with("oss-") {
            return Err("an endpoint without a bucket name in front".into());
        }
        return checked(bucket, Some(region));
    }
    if from_url {
        return Err("a URL that is not an OSS bucket's".into());
    }
    checked(&host, None)
}

fn checked(bucket: &str, region: Option<String>) -> Result<Named, String> {
    validate::bucket(bucket).map_err(|e| format!("not a bucket name ({e:?})"))?;
    let region = match region {
        Some(r) => Some(validate::region(&r).map_err(|e| format!("region {r:?}: {e:?}"))?),
        None => None,
    };
    Ok(Named { bucket: bucket.to_string(), region })
}

/// Read pasted text: what each line names, and the lines that name nothing (blank lines and a
/// `bucket,region` header are skipped).
pub fn parse(text: &str) -> (Vec<Named>, Vec<BadLine>) {
    let mut named = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        let header = fields(t).first().is_some_and(|f| f.eq_ignore_ascii_case("bucket"));
        if t.is_empty() || t.starts_with('#') || header {
            continue;
        }
        match parse_line(t) {
            Ok(n) => named.push(n),
            Err(reason) => bad.push(BadLine { line: i + 1, text: t.chars().take(200).collect(), reason }),
        }
    }
    (named, bad)
}

/// What a run does to each bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    Read,
    Switch(AccessMonitorStatus),
}

impl RunKind {
    fn intent(self) -> Intent {
        match self {
            RunKind::Read => Intent::Read,
            RunKind::Switch(s) => Intent::Switch(s),
        }
    }
}

/// A run over some buckets, bounded to [`CONCURRENCY`] calls at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub kind: RunKind,
    queue: VecDeque<String>,
    in_flight: BTreeMap<u64, String>,
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    pub cancelled: bool,
}

impl Run {
    /// Nothing queued and nothing in flight.
    pub fn finished(&self) -> bool {
        self.queue.is_empty() && self.in_flight.is_empty()
    }

    /// Calls in flight now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }
}

/// "Enable (or disable) on all shown", before it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub target: AccessMonitorStatus,
    /// Buckets a switch changes.
    pub change: Vec<String>,
    /// Already as asked: no request is sent to them.
    pub same: Vec<String>,
    /// Cannot be switched, and why (unknown status counts: read them first).
    pub blocked: Vec<(String, Option<Problem>)>,
}

/// Why a run stopped early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// The credentials expired or were refused: no call after that one is sent.
    Credentials(String),
    /// The form is not usable (empty credentials, an unconfirmed endpoint): nothing was sent.
    Form(Failure),
}

/// The fleet screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fleet {
    pub rows: Vec<Row>,
    /// The lines of the last paste that named nothing.
    pub bad_lines: Vec<BadLine>,
    /// Buckets the last paste or import named that were already in the table, or past the cap.
    pub merged: usize,
    pub dropped: usize,
    pub run: Option<Run>,
    pub plan: Option<Plan>,
    pub stopped: Option<Stopped>,
    /// The state the last switch (planned or run) asked for: the script for the unreachable
    /// buckets does the same.
    pub last_target: Option<AccessMonitorStatus>,
    /// The kind of the last run (what "retry failed" repeats) and its failed buckets.
    last: Option<(RunKind, Vec<String>)>,
    /// Where the run's calls go (the tracking view's place when it started).
    run_place: Option<BucketPlace>,
    next_call: u64,
}

/// What happens to the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Pasted text: the buckets it names join the table (`region`: for the names without one,
    /// the tracking view's).
    Add {
        text: String,
        region: String,
    },
    /// The buckets the loaded events name, with the region they name.
    AddFromEvents(Vec<(String, Option<String>)>),
    /// What the loaded events say about each bucket's tracking (bucket → last change).
    SeenChanges(Vec<(String, SeenChange)>),
    /// Read every bucket. `place`: the tracking view's (credentials there, endpoint, addressing).
    Read {
        place: BucketPlace,
    },
    /// Plan a switch of the buckets shown (the table's filter decides which).
    PlanSwitch {
        target: AccessMonitorStatus,
        shown: Vec<String>,
    },
    DropPlan,
    /// Run the plan.
    Confirm {
        place: BucketPlace,
    },
    /// Run the last run again on its failed buckets only.
    RetryFailed {
        place: BucketPlace,
    },
    /// Stop sending; what is in flight still lands.
    Cancel,
    Remove(String),
    Clear,
    /// A call's result.
    Checked {
        call: u64,
        checked: Box<Checked>,
    },
}

/// A call for the shell to make.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Check { call: u64, bucket: String, intent: Intent, target: BucketTarget, credentials: Credentials, offset_ms: i64 },
}

/// The place a fleet bucket is called at: the tracking view's endpoint override is kept unless it
/// is an OSS regional endpoint (of one region: each bucket uses its own region's).
fn place_for(place: &BucketPlace, row: &Row) -> BucketPlace {
    let endpoint = match validate::endpoint(&place.endpoint) {
        Ok(e) if oss_host_region(&e.host).is_some() => String::new(),
        _ => place.endpoint.clone(),
    };
    BucketPlace { bucket: row.bucket.clone(), region: row.region.clone(), endpoint, addressing: place.addressing }
}

impl Fleet {
    fn row_mut(&mut self, bucket: &str) -> Option<&mut Row> {
        self.rows.iter_mut().find(|r| r.bucket == bucket)
    }

    fn add(&mut self, named: Vec<Named>, default_region: &str) {
        self.merged = 0;
        self.dropped = 0;
        for n in named {
            if let Some(row) = self.row_mut(&n.bucket) {
                if let Some(r) = n.region {
                    row.region = r;
                }
                self.merged += 1;
            } else if self.rows.len() >= MAX_BUCKETS {
                self.dropped += 1;
            } else {
                self.rows.push(Row::new(n.bucket, n.region.unwrap_or_else(|| default_region.to_string())));
            }
        }
    }

    /// Whether a run is going.
    pub fn running(&self) -> bool {
        self.run.as_ref().is_some_and(|r| !r.finished())
    }

    /// Buckets whose last run failed (what "retry failed" would run).
    pub fn failed(&self) -> &[String] {
        self.last.as_ref().map(|(_, f)| f.as_slice()).unwrap_or_default()
    }

    fn start(&mut self, kind: RunKind, buckets: Vec<String>, place: &BucketPlace, env: Env<'_>) -> Vec<Command> {
        if self.running() {
            return vec![];
        }
        self.stopped = None;
        self.plan = None;
        // The form is checked once: a run with empty credentials or an unconfirmed endpoint sends nothing.
        if let Some(row) = buckets.first().and_then(|b| self.rows.iter().find(|r| &r.bucket == b)) {
            if let Err(f) = super::prepare_call(&place_for(place, row), env) {
                self.stopped = Some(Stopped::Form(f));
                return vec![];
            }
        }
        for b in &buckets {
            if let Some(row) = self.row_mut(b) {
                row.busy = true;
                row.switched = false;
            }
        }
        self.last = Some((kind, Vec::new()));
        if let RunKind::Switch(target) = kind {
            self.last_target = Some(target);
        }
        self.run_place = Some(place.clone());
        self.run = Some(Run {
            kind,
            total: buckets.len(),
            queue: buckets.into(),
            in_flight: BTreeMap::new(),
            done: 0,
            failed: 0,
            cancelled: false,
        });
        self.pump(place, env)
    }

    /// Send calls until [`CONCURRENCY`] are in flight or nothing is queued.
    fn pump(&mut self, place: &BucketPlace, env: Env<'_>) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(run) = self.run.as_mut() else { return out };
        while run.in_flight.len() < CONCURRENCY && self.stopped.is_none() && !run.cancelled {
            let Some(bucket) = run.queue.pop_front() else { break };
            let Some(row) = self.rows.iter().find(|r| r.bucket == bucket) else { continue };
            match super::prepare_call(&place_for(place, row), env) {
                Ok((target, credentials, offset_ms)) => {
                    self.next_call += 1;
                    run.in_flight.insert(self.next_call, bucket.clone());
                    out.push(Command::Check {
                        call: self.next_call,
                        bucket,
                        intent: run.kind.intent(),
                        target,
                        credentials,
                        offset_ms,
                    });
                }
                Err(f) => {
                    // This bucket's place is not valid (its region, say): its own problem.
                    run.done += 1;
                    run.failed += 1;
                    if let Some((_, failed)) = self.last.as_mut() {
                        failed.push(bucket.clone());
                    }
                    if let Some(row) = self.rows.iter_mut().find(|r| r.bucket == bucket) {
                        row.busy = false;
                        row.problem = Some(Problem::Other(f.code()));
                    }
                }
            }
        }
        out
    }

    /// Apply a call's result to its bucket; a redirect to the right region queues it once more.
    fn checked(&mut self, call: u64, checked: Checked, place: Option<&BucketPlace>) -> bool {
        let Some(run) = self.run.as_mut() else { return false };
        let Some(bucket) = run.in_flight.remove(&call) else { return false };
        let kind = run.kind;
        let Some(row) = self.rows.iter_mut().find(|r| r.bucket == bucket) else { return false };
        let mut requeue = false;
        let problem = checked.failed.as_ref().map(|f| classify(&f.failure));
        match problem {
            None => {
                row.status = checked.status;
                row.problem = None;
                if let Some(Ok(rules)) = &checked.lifecycle {
                    row.access_time_rules = Some(rules.iter().filter(|r| r.access_time()).count());
                }
                if let RunKind::Switch(target) = kind {
                    row.switched = checked.status == Some(target);
                    if !row.switched {
                        row.problem = Some(Problem::Other("NotSwitched".into()));
                    }
                }
            }
            Some(Problem::Region(Some(endpoint))) => {
                // OSS named the right endpoint: ask there once, if it is an OSS endpoint.
                let host =
                    endpoint.split("://").last().unwrap_or_default().split(['/', ':']).next().unwrap_or_default();
                let going = !run.cancelled && self.stopped.is_none();
                match oss_host_region(host) {
                    Some(region) if going && region != row.region && row.moved_from.is_none() && place.is_some() => {
                        row.moved_from = Some(std::mem::replace(&mut row.region, region));
                        requeue = true;
                    }
                    _ => row.problem = Some(Problem::Region(Some(endpoint))),
                }
            }
            Some(Problem::Locked) => {
                row.problem = Some(Problem::Locked);
                row.access_time_rules = row.access_time_rules.or(Some(1));
            }
            Some(p) => {
                if let Problem::Credentials(code) = &p {
                    if self.stopped.is_none() {
                        self.stopped = Some(Stopped::Credentials(code.clone()));
                    }
                }
                row.problem = Some(p);
                row.status = None;
            }
        }
        let failed = row.problem.is_some() && !requeue;
        if requeue {
            run.queue.push_front(bucket);
        } else {
            row.busy = false;
            run.done += 1;
            if failed {
                run.failed += 1;
                if let Some((_, f)) = self.last.as_mut() {
                    f.push(row.bucket.clone());
                }
            }
        }
        if self.stopped.is_some() {
            // Stopped: nothing more is sent; what was queued is left as it was, and counts as
            // failed (a retry with new credentials runs it).
            for b in std::mem::take(&mut run.queue) {
                if let Some(r) = self.rows.iter_mut().find(|r| r.bucket == b) {
                    r.busy = false;
                }
                run.done += 1;
                run.failed += 1;
                if let Some((_, f)) = self.last.as_mut() {
                    f.push(b);
                }
            }
        }
        true
    }

    fn plan(&mut self, target: AccessMonitorStatus, shown: Vec<String>) {
        self.last_target = Some(target);
        let mut plan = Plan { target, change: vec![], same: vec![], blocked: vec![] };
        for b in shown {
            let Some(row) = self.rows.iter().find(|r| r.bucket == b) else { continue };
            match (row.status, &row.problem) {
                (Some(s), _) if s == target => plan.same.push(b),
                (_, Some(p)) if *p != Problem::Locked || target == AccessMonitorStatus::Disabled => {
                    plan.blocked.push((b, Some(p.clone())))
                }
                (None, _) => plan.blocked.push((b, None)),
                (Some(_), _) if target == AccessMonitorStatus::Disabled && row.access_time_rules.unwrap_or(0) > 0 => {
                    plan.blocked.push((b, Some(Problem::Locked)))
                }
                (Some(_), _) => plan.change.push(b),
            }
        }
        self.plan = Some(plan);
    }
}

/// A failure, as the table says it.
pub fn classify(f: &Failure) -> Problem {
    match f {
        Failure::NoResponse { .. } => Problem::Cors,
        Failure::Oss { error, .. } => match error.oss_code() {
            OssCode::AccessDenied if error.endpoint.is_some() => Problem::Region(error.endpoint.clone()),
            OssCode::AccessDenied => Problem::Denied,
            OssCode::NoSuchBucket => Problem::Missing,
            OssCode::AccessMonitorDisableNotAllowed => Problem::Locked,
            // Wrong for every bucket alike: stop rather than fail them one by one.
            OssCode::InvalidAccessKeyId
            | OssCode::SecurityTokenExpired
            | OssCode::InvalidSecurityToken
            | OssCode::SignatureDoesNotMatch
            | OssCode::RequestTimeTooSkewed => Problem::Credentials(error.code.clone()),
            _ => Problem::Other(error.code.clone()),
        },
        Failure::ClockTooFar { .. } => Problem::Credentials(f.code()),
        other => Problem::Other(other.code()),
    }
}

impl Screen for Fleet {
    type Event = Event;
    type Command = Command;

    fn update(&mut self, event: Event, env: Env<'_>) -> Vec<Command> {
        match event {
            Event::Add { text, region } => {
                let (named, bad) = parse(&text);
                self.bad_lines = bad;
                let region = validate::region(&region).unwrap_or_else(|_| "cn-hangzhou".into());
                self.add(named, &region);
                vec![]
            }
            Event::AddFromEvents(buckets) => {
                self.bad_lines.clear();
                let named = buckets
                    .into_iter()
                    .filter_map(|(b, r)| checked(&b, r.filter(|r| validate::region(r).is_ok())).ok())
                    .collect();
                self.add(named, "cn-hangzhou");
                vec![]
            }
            Event::SeenChanges(changes) => {
                for (bucket, change) in changes {
                    if let Some(row) = self.row_mut(&bucket) {
                        row.last_change = Some(change);
                    }
                }
                vec![]
            }
            Event::Read { place } => {
                let all = self.rows.iter().map(|r| r.bucket.clone()).collect();
                self.start(RunKind::Read, all, &place, env)
            }
            Event::PlanSwitch { target, shown } => {
                if !self.running() {
                    self.plan(target, shown);
                }
                vec![]
            }
            Event::DropPlan => {
                self.plan = None;
                vec![]
            }
            Event::Confirm { place } => match self.plan.take() {
                Some(plan) if !plan.change.is_empty() => {
                    self.start(RunKind::Switch(plan.target), plan.change, &place, env)
                }
                _ => vec![],
            },
            Event::RetryFailed { place } => match self.last.clone() {
                Some((kind, failed)) if !failed.is_empty() => self.start(kind, failed, &place, env),
                _ => vec![],
            },
            Event::Cancel => {
                if let Some(run) = self.run.as_mut() {
                    run.cancelled = true;
                    for b in std::mem::take(&mut run.queue) {
                        if let Some(r) = self.rows.iter_mut().find(|r| r.bucket == b) {
                            r.busy = false;
                        }
                    }
                }
                vec![]
            }
            Event::Remove(bucket) => {
                if !self.running() {
                    self.rows.retain(|r| r.bucket != bucket);
                }
                vec![]
            }
            Event::Clear => {
                if !self.running() {
                    *self = Fleet::default();
                }
                vec![]
            }
            Event::Checked { call, checked } => {
                let place = self.run_place.clone();
                if self.checked(call, *checked, place.as_ref()) {
                    place.map(|p| self.pump(&p, env)).unwrap_or_default()
                } else {
                    vec![]
                }
            }
        }
    }
}

/// The buckets the browser could not reach (no answer it may read: their CORS rule).
pub fn unreachable(rows: &[Row]) -> Vec<&Row> {
    rows.iter().filter(|r| r.problem == Some(Problem::Cors)).collect()
}

/// A shell script doing with `ossutil` 2.x what the console could not do from the browser for the
/// unreachable buckets: read their tracking, and switch it to `target`. No secret is in it.
pub fn script(rows: &[Row], place: &BucketPlace, target: AccessMonitorStatus) -> String {
    use crate::oss::access_monitor::put_body;
    use crate::oss::cli::{ossutil, TOKEN_VAR};
    use crate::oss::error::Operation;
    let mut out = format!(
        "#!/bin/sh\n# Access tracking for the buckets this browser could not reach.\n# ossutil 2.x reads the credentials from OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and {TOKEN_VAR}.\nset -e\n"
    );
    let targets: Vec<BucketTarget> = unreachable(rows)
        .into_iter()
        .filter_map(|r| {
            let p = place_for(place, r);
            BucketTarget::new(&p.bucket, &p.region, &p.endpoint, p.addressing).ok()
        })
        .collect();
    out.push_str("\n# Read each bucket's status\n");
    for t in &targets {
        if let Some(c) = ossutil(Operation::GetBucketAccessMonitor, t, None) {
            out.push_str(&c.replace(" \\\n  ", " "));
            out.push('\n');
        }
    }
    out.push_str(&format!("\n# Switch it to {}\n", target.as_str()));
    let body = put_body(target);
    for t in &targets {
        if let Some(c) = ossutil(Operation::PutBucketAccessMonitor, t, Some(&body)) {
            out.push_str(&c.replace(" \\\n  ", " "));
            out.push('\n');
        }
    }
    out
}

/// Shell commands adding the console's CORS rule (for `origin`) to the unreachable buckets.
/// `put-bucket-cors` replaces a bucket's rules: the script says to merge first.
pub fn cors_script(rows: &[Row], place: &BucketPlace, origin: &str) -> String {
    use crate::oss::cli::shell_quote;
    let mut out = String::from(
        "#!/bin/sh\n# Adds the console's CORS rule to the buckets this browser could not reach.\n\
         # put-bucket-cors REPLACES a bucket's CORS rules: for a bucket with rules of its own, add\n\
         # them to console-cors.xml first (ossutil api get-bucket-cors --bucket <name> shows them).\nset -e\n",
    );
    out.push_str("cat > console-cors.xml <<'XML'\n");
    out.push_str(&crate::oss::cors_rule::rule_xml(origin));
    out.push_str("XML\n");
    for r in unreachable(rows) {
        let p = place_for(place, r);
        let mut line = format!(
            "ossutil api put-bucket-cors --bucket {} --region {} --cors-configuration file://console-cors.xml",
            shell_quote(&p.bucket),
            shell_quote(&p.region)
        );
        if !p.endpoint.is_empty() {
            line.push_str(&format!(" -e {}", shell_quote(&p.endpoint)));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The table as CSV (cells quoted; formula-like cells neutralised as the event export does).
pub fn csv(rows: &[Row]) -> String {
    let cell = |s: &str| {
        let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
        format!("\"{}\"", s.replace('"', "\"\""))
    };
    let mut out =
        String::from("bucket,region,status,access_time_rules,problem,moved_from,last_change_by,last_change_at\n");
    for r in rows {
        let status = r.status.map(|s| s.as_str()).unwrap_or("unknown");
        let rules = r.access_time_rules.map(|n| n.to_string()).unwrap_or_default();
        let problem = r.problem.as_ref().map(|p| p.key().to_string()).unwrap_or_default();
        let (by, at) = match &r.last_change {
            Some(c) => (c.who.clone(), crate::time::UtcDateTime::from_unix_millis(c.at_ms).iso8601_extended()),
            None => (String::new(), String::new()),
        };
        let fields = [&r.bucket, &r.region, status, &rules, &problem, r.moved_from.as_deref().unwrap_or(""), &by, &at];
        out.push_str(&fields.iter().map(|f| cell(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}
