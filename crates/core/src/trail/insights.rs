//! Insights: what is unusual in the loaded events, found in the tab, deterministically, with a
//! rule for each kind (the README lists them):
//!
//! - **Call rate**: per event name, and per identity × event name, a time bucket far above its own
//!   baseline (the median and MAD of every bucket of the loaded span, empty ones included).
//! - **Error rate**: the same for failing calls, per identity and per error code.
//! - **First seen**: an AccessKey ID, identity, source IP or region that first appears in the last
//!   day, after at least three days of events without it, and writes or does something sensitive.
//! - **Destructive burst**: many deletes, or permission changes, by one identity in ten minutes.
//! - **Sensitive change**: a bucket made public, lifecycle rules changed, access tracking switched.
//!
//! Each says what was seen against what was expected, its window and subject, and a severity,
//! and carries the explorer filter that shows its events.

use super::query::Filter;
use super::store::{Field, FxBuild, Store};
use serde::{Deserialize, Serialize};

type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// What kind of unusual thing an insight is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    CallRate,
    ErrorRate,
    FirstSeen,
    DestructiveBurst,
    SensitiveChange,
}

impl Kind {
    /// The stable name (test hooks, README).
    pub fn key(self) -> &'static str {
        match self {
            Kind::CallRate => "call-rate",
            Kind::ErrorRate => "error-rate",
            Kind::FirstSeen => "first-seen",
            Kind::DestructiveBurst => "destructive-burst",
            Kind::SensitiveChange => "sensitive-change",
        }
    }
}

/// How much it deserves a look; ordered, the highest last (sort descending for display).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// What a destructive burst or a sensitive change was made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Deletes,
    PermissionChanges,
    MadePublic,
    LifecycleChanged,
    TrackingSwitched,
}

/// The numbers behind an insight, by kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Evidence {
    /// Events in the window's busiest bucket against the median bucket (`bucket_ms` long).
    Rate { seen: u64, median: f64, bucket_ms: i64 },
    /// First seen at `from`; since then `events`, of which `writes` writes and `sensitive`
    /// sensitive operations; `baseline_days` of events before without it.
    New { events: u64, writes: u64, sensitive: u64, baseline_days: u64 },
    /// `count` of `action` in the window; `usual`: the identity's average per such window.
    Burst { action: Action, count: u64, usual: f64 },
    /// `count` successful changes of this kind on `buckets` buckets by `identities` identities;
    /// `last_by`: who made the last one.
    Change { action: Action, count: u64, buckets: u64, identities: u64, last_by: String },
}

/// One insight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Insight {
    pub kind: Kind,
    pub severity: Severity,
    /// The subject: a field and its value.
    pub field: Field,
    pub value: String,
    /// A second subject (the event name of an identity × event name rate).
    pub also: Option<(Field, Vec<String>)>,
    /// The window, Unix ms: inclusive start, exclusive end.
    pub from_ms: i64,
    pub to_ms: i64,
    pub evidence: Evidence,
    /// Ranks insights of one severity (bigger first).
    pub score: f64,
}

impl Insight {
    /// The explorer filter that shows this insight's events.
    pub fn filter(&self) -> Filter {
        let include = match &self.also {
            // More names of the same change: one include of all of them.
            Some((f, values)) if *f == self.field => vec![(*f, values.clone())],
            Some((f, values)) => vec![(self.field, vec![self.value.clone()]), (*f, values.clone())],
            None => vec![(self.field, vec![self.value.clone()])],
        };
        Filter {
            include,
            from_ms: Some(self.from_ms),
            to_ms: Some(self.to_ms),
            errors_only: self.kind == Kind::ErrorRate,
            ..Filter::default()
        }
    }
}

/// The insights over a store, most severe first, at most [`MAX_INSIGHTS`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    pub list: Vec<Insight>,
    /// How many were found before the cap.
    pub found: usize,
    /// The rate buckets' length.
    pub bucket_ms: i64,
    /// How many events they were computed over.
    pub events: u64,
}

/// At most this many insights are listed.
pub const MAX_INSIGHTS: usize = 50;

/// A rate bucket must hold at least this many calls (errors) to be an outlier.
pub const MIN_CALLS: u64 = 30;
pub const MIN_ERRORS: u64 = 15;
/// ... and this many times the median bucket (at least 1).
pub const MIN_RATIO: f64 = 10.0;
/// ... and this many robust standard deviations (1.4826 × MAD, at least 1) above the median.
pub const MIN_Z: f64 = 8.0;
/// Rates need this many buckets of baseline.
pub const MIN_BUCKETS: usize = 12;
/// A series busy in at least this many buckets must also be [`MIN_RATIO`] times the median of
/// its busy buckets (so a job that runs daily is not an outlier every day).
pub const MIN_BUSY: usize = 3;
/// Rates are not looked for over more buckets than this (a span of about 23 years by the hour).
pub const MAX_BUCKETS: usize = 200_000;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
/// First seen: the recent part of the span, and the baseline it needs before.
pub const RECENT_MS: i64 = DAY;
pub const BASELINE_MS: i64 = 3 * DAY;
/// Bursts: the window, and how many make one.
pub const BURST_MS: i64 = 10 * 60_000;
pub const BURST_DELETES: u64 = 50;
pub const BURST_PERMISSIONS: u64 = 10;

/// Windows are whole seconds (what ISO 8601 times in links and test hooks say exactly): the
/// second an event is in, and the end of the second after the last one.
fn second_start(t: i64) -> i64 {
    t.div_euclid(1000) * 1000
}
fn second_end(t: i64) -> i64 {
    (t.div_euclid(1000) + 1) * 1000
}

/// Event names that delete.
fn is_delete(lower: &str) -> bool {
    lower.starts_with("delete") && !lower.ends_with("policy") || lower == "abortmultipartupload"
}

/// Event names that change who may do what.
fn is_permission_change(lower: &str) -> bool {
    [
        "putbucketacl",
        "putobjectacl",
        "putbucketpolicy",
        "deletebucketpolicy",
        "deletepublicaccessblock",
        "putpublicaccessblock",
        "putbucketpublicaccessblock",
        "deletebucketpublicaccessblock",
    ]
    .contains(&lower)
}

/// The rate bucket for a span: an hour for two days or more, else the finest of a minute, five,
/// fifteen or an hour that leaves at most 200 buckets.
pub fn bucket_for(span_ms: i64) -> i64 {
    if span_ms >= 2 * DAY {
        return HOUR;
    }
    [60_000, 5 * 60_000, 15 * 60_000, HOUR].into_iter().find(|b| span_ms / b <= 200).unwrap_or(HOUR)
}

/// The median of a multiset given as (value, how many), `total` of them in all.
fn weighted_median(mut values: Vec<(f64, usize)>, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    values.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    // The values at ranks (total - 1) / 2 and total / 2, averaged.
    let at = |rank: usize| {
        let mut seen = 0;
        for &(v, n) in &values {
            seen += n;
            if rank < seen {
                return v;
            }
        }
        values.last().map_or(0.0, |v| v.0)
    };
    (at((total - 1) / 2) + at(total / 2)) / 2.0
}

/// Median and MAD of `n` buckets of which the listed ones are not empty (the empty ones are
/// counted, not stored: a span of centuries costs no more than a day).
fn median_mad(counts: &[u32], n: usize) -> (f64, f64) {
    let zeros = n.saturating_sub(counts.len());
    let total = zeros + counts.len();
    let mut values: Vec<(f64, usize)> = counts.iter().map(|&c| (c as f64, 1)).collect();
    values.push((0.0, zeros));
    let median = weighted_median(values, total);
    let mut dev: Vec<(f64, usize)> = counts.iter().map(|&c| ((c as f64 - median).abs(), 1)).collect();
    dev.push((median, zeros));
    (median, weighted_median(dev, total))
}

/// Per key, the non-empty buckets in time order: (bucket, count).
type Series<K> = FxHashMap<K, Vec<(u32, u32)>>;

fn bump<K: std::hash::Hash + Eq>(series: &mut Series<K>, key: K, bucket: u32) {
    let v = series.entry(key).or_default();
    match v.last_mut() {
        Some((b, c)) if *b == bucket => *c += 1,
        _ => v.push((bucket, 1)),
    }
}

/// The outlying windows of one series: runs of adjacent outlying buckets, each as (first bucket,
/// last bucket, busiest count), with the median.
fn outliers(points: &[(u32, u32)], n: usize, min_count: u64) -> (Vec<(u32, u32, u64)>, f64) {
    if !(MIN_BUCKETS..=MAX_BUCKETS).contains(&n) || points.iter().all(|&(_, c)| (c as u64) < min_count) {
        return (Vec::new(), 0.0);
    }
    let counts: Vec<u32> = points.iter().map(|&(_, c)| c).collect();
    let (median, mad) = median_mad(&counts, n);
    let scale = (1.4826 * mad).max(1.0);
    // A series busy in a few buckets only (a daily job) is judged against its busy buckets too.
    let busy_median = if counts.len() >= MIN_BUSY {
        weighted_median(counts.iter().map(|&c| (c as f64, 1)).collect(), counts.len())
    } else {
        0.0
    };
    let mut runs: Vec<(u32, u32, u64)> = Vec::new();
    for &(b, c) in points {
        let c64 = c as u64;
        let out = c64 >= min_count
            && c as f64 >= MIN_RATIO * median.max(1.0)
            && (c as f64 - median) / scale >= MIN_Z
            && c as f64 >= MIN_RATIO * busy_median;
        if !out {
            continue;
        }
        match runs.last_mut() {
            Some((_, last, peak)) if *last + 1 == b => {
                *last = b;
                *peak = (*peak).max(c64);
            }
            _ => runs.push((b, b, c64)),
        }
    }
    (runs, median)
}

fn rate_severity(ratio: f64) -> Severity {
    if ratio >= 50.0 {
        Severity::High
    } else if ratio >= 20.0 {
        Severity::Medium
    } else {
        Severity::Low
    }
}

/// Find the insights in `store` (its time order must be up to date: [`Store::finalize`]).
pub fn find(store: &Store) -> Insights {
    let order = store.order();
    let events = order.len() as u64;
    let (Some(&first), Some(&last)) = (order.first(), order.last()) else {
        return Insights::default();
    };
    let (t0, t1) = (store.times[first as usize], store.times[last as usize]);
    let bucket_ms = bucket_for(t1 - t0);
    let start = t0.div_euclid(bucket_ms) * bucket_ms;
    let n = ((t1 - start) / bucket_ms) as usize + 1;
    let bucket_of = |t: i64| ((t - start) / bucket_ms) as u32;

    let name_col = store.col(Field::EventName);
    let who_col = store.col(Field::UserName);
    let err_col = store.col(Field::ErrorCode);
    let mut by_name: Series<u32> = Default::default();
    let mut by_who_name: Series<(u32, u32)> = Default::default();
    let mut err_by_who: Series<u32> = Default::default();
    let mut err_by_code: Series<u32> = Default::default();
    for &r in order {
        let i = r as usize;
        let b = bucket_of(store.times[i]);
        let (name, who, err) = (name_col.get(i), who_col.get(i), err_col.get(i));
        if name != 0 {
            bump(&mut by_name, name, b);
        }
        if who != 0 && name != 0 {
            bump(&mut by_who_name, (who, name), b);
        }
        if err != 0 {
            bump(&mut err_by_code, err, b);
            if who != 0 {
                bump(&mut err_by_who, who, b);
            }
        }
    }

    let mut list = Vec::new();
    let window = |first: u32, last: u32| (start + first as i64 * bucket_ms, start + (last as i64 + 1) * bucket_ms);
    let mut rates =
        |kind: Kind, field: Field, value: &str, also: Option<(Field, Vec<String>)>, points: &[(u32, u32)], min: u64| {
            let (runs, median) = outliers(points, n, min);
            for (b0, b1, peak) in runs {
                let ratio = peak as f64 / median.max(1.0);
                let (from_ms, to_ms) = window(b0, b1);
                list.push(Insight {
                    kind,
                    severity: rate_severity(ratio),
                    field,
                    value: value.to_string(),
                    also: also.clone(),
                    from_ms,
                    to_ms,
                    evidence: Evidence::Rate { seen: peak, median, bucket_ms },
                    score: ratio,
                });
            }
        };
    let dict = |f: Field, id: u32| store.dict(f).get(id).to_string();
    for (&name, points) in sorted(&by_name) {
        rates(Kind::CallRate, Field::EventName, &dict(Field::EventName, name), None, points, MIN_CALLS);
    }
    for (&(who, name), points) in sorted(&by_who_name) {
        let also = Some((Field::EventName, vec![dict(Field::EventName, name)]));
        rates(Kind::CallRate, Field::UserName, &dict(Field::UserName, who), also, points, MIN_CALLS);
    }
    for (&who, points) in sorted(&err_by_who) {
        rates(Kind::ErrorRate, Field::UserName, &dict(Field::UserName, who), None, points, MIN_ERRORS);
    }
    for (&code, points) in sorted(&err_by_code) {
        rates(Kind::ErrorRate, Field::ErrorCode, &dict(Field::ErrorCode, code), None, points, MIN_ERRORS);
    }
    // A person's burst of one call also raises that call's overall rate: keep the more specific.
    dedupe_rates(&mut list);

    first_seen(store, order, t0, t1, &mut list);
    let before = list.len();
    bursts(store, order, t0, t1, &mut list);
    // A burst of deletes is also a rate of DeleteObject calls: say it once, as the burst.
    let found_bursts: Vec<Insight> = list[before..].to_vec();
    list.retain(|i| {
        !(i.kind == Kind::CallRate
            && found_bursts.iter().any(|b| {
                b.value == i.value
                    && b.from_ms < i.to_ms
                    && i.from_ms < b.to_ms
                    && matches!((&i.also, &b.also), (Some((_, a)), Some((_, bn))) if a.iter().all(|n| bn.contains(n)))
            }))
    });
    changes(store, order, &mut list);

    list.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.score.total_cmp(&a.score))
            .then(a.from_ms.cmp(&b.from_ms))
            .then(a.value.cmp(&b.value))
    });
    let found = list.len();
    list.truncate(MAX_INSIGHTS);
    Insights { list, found, bucket_ms, events }
}

/// Map entries in key order (hash maps iterate in no fixed order; insights must not depend on it).
fn sorted<K: Ord + Copy, V>(m: &FxHashMap<K, V>) -> Vec<(&K, &V)> {
    let mut v: Vec<(&K, &V)> = m.iter().collect();
    v.sort_unstable_by_key(|(k, _)| **k);
    v
}

/// Drop an event name's call-rate insight when one identity's insight on that name covers the
/// same window and most of its calls.
fn dedupe_rates(list: &mut Vec<Insight>) {
    let specific: Vec<(String, i64, i64, u64)> = list
        .iter()
        .filter(|i| i.kind == Kind::CallRate && i.also.is_some())
        .filter_map(|i| match (&i.also, &i.evidence) {
            (Some((_, names)), Evidence::Rate { seen, .. }) => Some((names[0].clone(), i.from_ms, i.to_ms, *seen)),
            _ => None,
        })
        .collect();
    list.retain(|i| {
        if i.kind != Kind::CallRate || i.also.is_some() {
            return true;
        }
        let Evidence::Rate { seen, .. } = i.evidence else { return true };
        !specific
            .iter()
            .any(|(name, from, to, s)| *name == i.value && *from < i.to_ms && i.from_ms < *to && *s * 2 >= seen)
    });
}

/// Values of identifying fields first seen in the last day, after at least three days without
/// them, that write or do something sensitive.
fn first_seen(store: &Store, order: &[u32], t0: i64, t1: i64, out: &mut Vec<Insight>) {
    let recent = t1 - RECENT_MS;
    if recent - t0 < BASELINE_MS {
        return;
    }
    let rw = store.col(Field::EventRw);
    let write_id = store.dict(Field::EventRw).id("Write");
    for field in [Field::AccessKeyId, Field::UserName, Field::SourceIpAddress, Field::AcsRegion] {
        let col = store.col(field);
        let dict = store.dict(field);
        // Per value: first time, last time, events, writes, sensitive.
        type Seen = (i64, i64, u64, u64, u64);
        let mut seen: Vec<Option<Seen>> = vec![None; dict.len()];
        for &r in order {
            let i = r as usize;
            let v = col.get(i) as usize;
            if v == 0 {
                continue;
            }
            let t = store.times[i];
            let s = seen[v].get_or_insert((t, t, 0, 0, 0));
            s.1 = t;
            s.2 += 1;
            s.3 += u64::from(write_id.is_some_and(|w| rw.get(i) == w));
            s.4 += u64::from(store.sensitive[i]);
        }
        for (v, s) in seen.iter().enumerate() {
            let Some((first, last, events, writes, sensitive)) = *s else { continue };
            if first < recent || (writes == 0 && sensitive == 0) {
                continue;
            }
            let value = dict.get(v as u32);
            // STS AccessKey IDs are new at every session: the identity behind them says more.
            if field == Field::AccessKeyId && value.starts_with("STS.") {
                continue;
            }
            // "Internal" and service names are not callers that can be new.
            if field == Field::SourceIpAddress
                && !value.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '[' || value.contains(':'))
            {
                continue;
            }
            let severity = if sensitive > 0 { Severity::High } else { Severity::Medium };
            out.push(Insight {
                kind: Kind::FirstSeen,
                severity,
                field,
                value: value.to_string(),
                also: None,
                from_ms: second_start(first),
                to_ms: second_end(last),
                evidence: Evidence::New { events, writes, sensitive, baseline_days: ((first - t0) / DAY) as u64 },
                score: (sensitive * 10 + writes) as f64,
            });
        }
    }
}

/// Per identity, the busiest ten minutes of deletes and of permission changes.
fn bursts(store: &Store, order: &[u32], t0: i64, t1: i64, out: &mut Vec<Insight>) {
    let names = store.dict(Field::EventName);
    let kind_of: Vec<Option<Action>> = (0..names.len() as u32)
        .map(|id| {
            let n = names.lower(id);
            if is_permission_change(n) {
                Some(Action::PermissionChanges)
            } else if is_delete(n) {
                Some(Action::Deletes)
            } else {
                None
            }
        })
        .collect();
    let (name_col, who_col) = (store.col(Field::EventName), store.col(Field::UserName));
    let mut times: FxHashMap<(u32, bool), Vec<i64>> = FxHashMap::default();
    for &r in order {
        let i = r as usize;
        if who_col.get(i) == 0 {
            continue;
        }
        if let Some(a) = kind_of[name_col.get(i) as usize] {
            times.entry((who_col.get(i), a == Action::Deletes)).or_default().push(store.times[i]);
        }
    }
    let windows = (((t1 - t0) / BURST_MS) + 1) as f64;
    for (&(who, deletes), ts) in sorted(&times) {
        let (action, min) =
            if deletes { (Action::Deletes, BURST_DELETES) } else { (Action::PermissionChanges, BURST_PERMISSIONS) };
        // The busiest window: two pointers over the sorted times.
        let (mut best, mut at, mut lo) = (0usize, 0usize, 0usize);
        for hi in 0..ts.len() {
            while ts[hi] - ts[lo] >= BURST_MS {
                lo += 1;
            }
            if hi + 1 - lo > best {
                best = hi + 1 - lo;
                at = lo;
            }
        }
        let count = best as u64;
        let usual = ts.len() as f64 / windows;
        if count < min || (count as f64) < 5.0 * usual.max(1.0) {
            continue;
        }
        let (from_ms, to_ms) = (second_start(ts[at]), second_end(ts[at + best - 1]));
        let names: Vec<String> = {
            let mut v: Vec<String> = order
                .iter()
                .map(|&r| r as usize)
                .filter(|&i| who_col.get(i) == who && store.times[i] >= from_ms && store.times[i] < to_ms)
                .filter(|&i| kind_of[name_col.get(i) as usize] == Some(action))
                .map(|i| names.get(name_col.get(i)).to_string())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let severity = if count >= 2 * min || names.iter().any(|n| n == "DeleteBucket") {
            Severity::High
        } else {
            Severity::Medium
        };
        out.push(Insight {
            kind: Kind::DestructiveBurst,
            severity,
            field: Field::UserName,
            value: store.dict(Field::UserName).get(who).to_string(),
            also: Some((Field::EventName, names)),
            from_ms,
            to_ms,
            evidence: Evidence::Burst { action, count, usual },
            score: count as f64,
        });
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The sensitive changes that went through, one insight per kind of change.
fn changes(store: &Store, order: &[u32], out: &mut Vec<Insight>) {
    let names = store.dict(Field::EventName);
    let (name_col, who_col, err_col, bucket_col) = (
        store.col(Field::EventName),
        store.col(Field::UserName),
        store.col(Field::ErrorCode),
        store.col(Field::Bucket),
    );
    let action_of = |i: usize| -> Option<Action> {
        match names.lower(name_col.get(i)) {
            // A public ACL: its parameters name one (as the store's sensitive flag reads them).
            "putbucketacl" if contains(store.text_of(i), b"public-read") => Some(Action::MadePublic),
            "putbucketlifecycle" | "deletebucketlifecycle" => Some(Action::LifecycleChanged),
            "putbucketaccessmonitor" => Some(Action::TrackingSwitched),
            _ => None,
        }
    };
    struct Acc {
        count: u64,
        first: i64,
        last: i64,
        last_by: u32,
        last_name: u32,
        buckets: std::collections::BTreeSet<u32>,
        who: std::collections::BTreeSet<u32>,
        names: std::collections::BTreeSet<u32>,
    }
    let mut acc: Vec<(Action, Acc)> = Vec::new();
    for &r in order {
        let i = r as usize;
        if err_col.get(i) != 0 {
            continue;
        }
        let Some(a) = action_of(i) else { continue };
        let t = store.times[i];
        let pos = match acc.iter().position(|(x, _)| *x == a) {
            Some(p) => p,
            None => {
                acc.push((
                    a,
                    Acc {
                        count: 0,
                        first: t,
                        last: t,
                        last_by: 0,
                        last_name: 0,
                        buckets: Default::default(),
                        who: Default::default(),
                        names: Default::default(),
                    },
                ));
                acc.len() - 1
            }
        };
        let e = &mut acc[pos].1;
        e.count += 1;
        e.last = t;
        e.last_by = who_col.get(i);
        e.last_name = name_col.get(i);
        e.buckets.insert(bucket_col.get(i));
        e.who.insert(who_col.get(i));
        e.names.insert(name_col.get(i));
    }
    for (action, e) in acc {
        let severity = match action {
            Action::MadePublic => Severity::High,
            Action::LifecycleChanged => Severity::Medium,
            _ => Severity::Low,
        };
        // The subject is the last change's name; the other names of the same change
        // (DeleteBucketLifecycle beside PutBucketLifecycle) are in its filter too.
        let mut values: Vec<String> = e.names.iter().map(|&n| names.get(n).to_string()).collect();
        values.sort();
        let value = names.get(e.last_name).to_string();
        let also = (values.len() > 1).then_some((Field::EventName, values));
        out.push(Insight {
            kind: Kind::SensitiveChange,
            severity,
            field: Field::EventName,
            value,
            also,
            from_ms: second_start(e.first),
            to_ms: second_end(e.last),
            evidence: Evidence::Change {
                action,
                count: e.count,
                buckets: e.buckets.iter().filter(|&&b| b != 0).count() as u64,
                identities: e.who.iter().filter(|&&w| w != 0).count() as u64,
                last_by: store.dict(Field::UserName).get(e.last_by).to_string(),
            },
            score: e.count as f64,
        });
    }
}

/// Who did what: one identity's (or AccessKey's) activity in the loaded events.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub field: Option<Field>,
    pub value: String,
    pub events: u64,
    pub errors: u64,
    pub writes: u64,
    pub sensitive: u64,
    pub first_ms: i64,
    pub last_ms: i64,
    /// The most used values of each breakdown, with counts, most first.
    pub top: Vec<(Field, Vec<(String, u64)>)>,
    /// Events per bucket of `activity_bucket_ms` from `activity_from_ms`, over the loaded span.
    pub activity: Vec<u64>,
    pub activity_from_ms: i64,
    pub activity_bucket_ms: i64,
}

/// Values listed per breakdown in a profile.
pub const PROFILE_TOP: usize = 10;
/// Bars in a profile's activity.
pub const PROFILE_BARS: i64 = 48;

/// The breakdowns a profile shows for a subject field.
fn profile_fields(field: Field) -> Vec<Field> {
    let all = [
        Field::EventName,
        Field::Bucket,
        Field::SourceIpAddress,
        Field::AcsRegion,
        Field::AccessKeyId,
        Field::UserName,
        Field::ErrorCode,
        Field::UserAgent,
    ];
    all.into_iter().filter(|f| *f != field).collect()
}

/// The profile of `field` = `value` (an identity or an AccessKey ID), or `None` when no loaded
/// event has it.
pub fn profile(store: &Store, field: Field, value: &str) -> Option<Profile> {
    let id = store.dict(field).id(value).filter(|&id| id != 0)?;
    let order = store.order();
    let (&first, &last) = (order.first()?, order.last()?);
    let (t0, t1) = (store.times[first as usize], store.times[last as usize]);
    let bucket_ms = ((t1 - t0) / PROFILE_BARS + 1).max(1);
    let col = store.col(field);
    let fields = profile_fields(field);
    let mut counts: Vec<FxHashMap<u32, u64>> = fields.iter().map(|_| FxHashMap::default()).collect();
    let mut p = Profile {
        field: Some(field),
        value: value.to_string(),
        first_ms: i64::MAX,
        last_ms: i64::MIN,
        activity: vec![0; PROFILE_BARS as usize + 1],
        activity_from_ms: t0,
        activity_bucket_ms: bucket_ms,
        ..Profile::default()
    };
    let (err, rw) = (store.col(Field::ErrorCode), store.col(Field::EventRw));
    let write_id = store.dict(Field::EventRw).id("Write");
    for &r in order {
        let i = r as usize;
        if col.get(i) != id {
            continue;
        }
        let t = store.times[i];
        p.events += 1;
        p.errors += u64::from(err.get(i) != 0);
        p.writes += u64::from(write_id.is_some_and(|w| rw.get(i) == w));
        p.sensitive += u64::from(store.sensitive[i]);
        p.first_ms = p.first_ms.min(t);
        p.last_ms = p.last_ms.max(t);
        p.activity[((t - t0) / bucket_ms) as usize] += 1;
        for (k, f) in fields.iter().enumerate() {
            let v = store.col(*f).get(i);
            if v != 0 {
                *counts[k].entry(v).or_default() += 1;
            }
        }
    }
    p.top = fields
        .iter()
        .zip(counts)
        .map(|(&f, c)| {
            let mut v: Vec<(String, u64)> =
                c.into_iter().map(|(id, n)| (store.dict(f).get(id).to_string(), n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(PROFILE_TOP);
            (f, v)
        })
        .collect();
    Some(p)
}

/// A bucket the loaded events name: the region its latest event names, and its latest
/// `PutBucketAccessMonitor` (who, when, whether it failed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketSeen {
    pub bucket: String,
    pub region: String,
    pub last_change: Option<(String, i64, bool)>,
}

/// Every bucket the loaded events name, by name.
pub fn buckets_seen(store: &Store) -> Vec<BucketSeen> {
    let names = store.dict(Field::EventName);
    let switch: Vec<bool> =
        (0..names.len() as u32).map(|id| names.get(id).eq_ignore_ascii_case("PutBucketAccessMonitor")).collect();
    let (bucket_col, region_col, name_col, who_col, err_col) = (
        store.col(Field::Bucket),
        store.col(Field::AcsRegion),
        store.col(Field::EventName),
        store.col(Field::UserName),
        store.col(Field::ErrorCode),
    );
    // Per bucket id: (latest region id, latest switch row).
    let mut seen: Vec<Option<(u32, Option<usize>)>> = vec![None; store.dict(Field::Bucket).len()];
    for &r in store.order() {
        let i = r as usize;
        let b = bucket_col.get(i) as usize;
        if b == 0 {
            continue;
        }
        let e = seen[b].get_or_insert((0, None));
        if region_col.get(i) != 0 {
            e.0 = region_col.get(i);
        }
        if switch[name_col.get(i) as usize] {
            e.1 = Some(i);
        }
    }
    let mut out: Vec<BucketSeen> = seen
        .iter()
        .enumerate()
        .filter_map(|(b, s)| {
            let (region, change) = (*s)?;
            Some(BucketSeen {
                bucket: store.dict(Field::Bucket).get(b as u32).to_string(),
                region: store.dict(Field::AcsRegion).get(region).to_string(),
                last_change: change.map(|i| {
                    (store.dict(Field::UserName).get(who_col.get(i)).to_string(), store.times[i], err_col.get(i) != 0)
                }),
            })
        })
        .collect();
    out.sort_by(|a, b| a.bucket.cmp(&b.bucket));
    out
}
