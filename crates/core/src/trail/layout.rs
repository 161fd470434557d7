//! Where ActionTrail puts its files in an OSS bucket, both ways: the facts a key carries
//! (region, time, event count, size, MD5: enough to plan a load before downloading anything),
//! and a deterministic generator of a whole trail bucket for the emulator, tests and benchmarks.
//!
//! ```text
//! single-account: <prefix>/AliyunLogs/Actiontrail/<RegionId>/<YYYY>/<MM>/<DD>/<file>
//! multi-account : <prefix>/AliyunLogs/Actiontrail/<rd_id>/<accountid>/<RegionId>/<YYYY>/<MM>/<DD>/<file>
//! file          : Actiontrail_<RegionId>_<YYYYMMDDHHMMSS>_1002_<EventCount>_<FileSize>_<md5>.gz
//! ```
//! Each file is a gzip of a JSON array of events on one line; FileSize is the size of the `.gz`
//! object and md5 the hex MD5 of it. Date folders are UTC.

use super::gen::{self, Rng};
use crate::oss::encode;
use crate::time::UtcDateTime;
use md5::{Digest, Md5};
use serde_json::{json, Value};

/// The folder of ordinary trail events.
pub const EVENT_TYPE: &str = "Actiontrail";
/// The folder of Insight events (not ordinary events: loaders skip it).
pub const INSIGHT_EVENT_TYPE: &str = "Actiontrail-Insight";
/// The fixed field after the time in every file name seen so far.
pub const FORMAT_ID: &str = "1002";

const DAY_MS: i64 = 86_400_000;
const WINDOW_MS: i64 = 5 * 60_000;

/// The `<rd_id>/<accountid>/` levels of a multi-account trail.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Member {
    pub rd_id: String,
    pub account_id: String,
}

/// What a trail file's key says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailKey {
    /// The trail's key prefix without a trailing `/`; empty when the trail has none.
    pub prefix: String,
    /// `Actiontrail` or `Actiontrail-Insight`.
    pub event_type: String,
    pub member: Option<Member>,
    pub region: String,
    /// The time in the file name (UTC), Unix milliseconds.
    pub time_ms: i64,
    pub event_count: u64,
    /// The size of the `.gz` object in bytes.
    pub file_size: u64,
    /// Hex MD5 of the object.
    pub md5: String,
}

fn join_prefix(prefix: &str) -> String {
    let p = prefix.trim_matches('/');
    if p.is_empty() {
        String::new()
    } else {
        format!("{p}/")
    }
}

/// The folder listing one region of a trail: `<prefix>/AliyunLogs/Actiontrail/[<rd>/<acct>/]<region>/`.
pub fn region_prefix(prefix: &str, event_type: &str, member: Option<&Member>, region: &str) -> String {
    let member = member.map(|m| format!("{}/{}/", m.rd_id, m.account_id)).unwrap_or_default();
    format!("{}AliyunLogs/{event_type}/{member}{region}/", join_prefix(prefix))
}

/// The folder of one UTC day (`day_ms` is any instant of that day).
pub fn day_prefix(prefix: &str, event_type: &str, member: Option<&Member>, region: &str, day_ms: i64) -> String {
    let t = UtcDateTime::from_unix_millis(day_ms);
    format!("{}{:04}/{:02}/{:02}/", region_prefix(prefix, event_type, member, region), t.year, t.month, t.day)
}

impl TrailKey {
    /// The object key for these facts.
    pub fn to_key(&self) -> String {
        let t = UtcDateTime::from_unix_millis(self.time_ms);
        format!(
            "{}{}_{}_{:04}{:02}{:02}{:02}{:02}{:02}_{FORMAT_ID}_{}_{}_{}.gz",
            day_prefix(&self.prefix, &self.event_type, self.member.as_ref(), &self.region, self.time_ms),
            self.event_type,
            self.region,
            t.year,
            t.month,
            t.day,
            t.hour,
            t.minute,
            t.second,
            self.event_count,
            self.file_size,
            self.md5
        )
    }
}

fn digits<T: std::str::FromStr>(s: &str, len: Option<usize>) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || len.is_some_and(|l| s.len() != l) {
        return None;
    }
    s.parse().ok()
}

fn parse_compact_time(s: &str) -> Option<i64> {
    if s.len() != 14 {
        return None;
    }
    let n = |r: std::ops::Range<usize>| -> Option<u32> { digits(s.get(r)?, None) };
    let t = UtcDateTime {
        year: n(0..4)? as i64,
        month: n(4..6)?,
        day: n(6..8)?,
        hour: n(8..10)?,
        minute: n(10..12)?,
        second: n(12..14)?,
        millis: 0,
    };
    if !(1..=12).contains(&t.month) || !(1..=31).contains(&t.day) || t.hour > 23 || t.minute > 59 || t.second > 60 {
        return None;
    }
    Some(t.to_unix_millis())
}

/// Read a trail file's key; `None` for anything that is not one (other objects, folders,
/// a name whose region differs from its folder's).
pub fn parse_key(key: &str) -> Option<TrailKey> {
    let parts: Vec<&str> = key.split('/').collect();
    // The last `AliyunLogs` whose tail has the right shape: a prefix may itself contain the word.
    (0..parts.len()).rev().filter(|&i| parts[i] == "AliyunLogs").find_map(|i| parse_tail(&parts[..i], &parts[i + 1..]))
}

fn parse_tail(prefix: &[&str], tail: &[&str]) -> Option<TrailKey> {
    let (event_type, member, rest) = match tail.len() {
        6 => (tail[0], None, &tail[1..]),
        8 => (tail[0], Some(Member { rd_id: tail[1].into(), account_id: tail[2].into() }), &tail[3..]),
        _ => return None,
    };
    let [region, year, month, day, file] = rest else { return None };
    if event_type.is_empty() || region.is_empty() || member.as_ref().is_some_and(|m| m.rd_id.is_empty()) {
        return None;
    }
    let (_, _, _) = (digits::<u32>(year, Some(4))?, digits::<u32>(month, Some(2))?, digits::<u32>(day, Some(2))?);
    let stem = file.strip_suffix(".gz")?;
    let fields: Vec<&str> = stem.split('_').collect();
    let [kind, file_region, time, format_id, count, size, md5] = fields[..] else { return None };
    if kind != event_type || file_region != *region || digits::<u32>(format_id, None).is_none() {
        return None;
    }
    if md5.len() != 32 || !md5.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some(TrailKey {
        prefix: prefix.join("/"),
        event_type: event_type.into(),
        member,
        region: (*region).into(),
        time_ms: parse_compact_time(time)?,
        event_count: digits(count, None)?,
        file_size: digits(size, None)?,
        md5: md5.to_ascii_lowercase(),
    })
}

/// What kind of object the generator wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectKind {
    /// An ordinary trail file: what a loader reads.
    Trail,
    /// An `Actiontrail-Insight` file: laid out like a trail file, but not events to load.
    Insight,
    /// Anything else a bucket may hold (a manifest, a README): a loader must skip it.
    Other,
}

/// One generated object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailObject {
    pub key: String,
    pub body: Vec<u8>,
    pub kind: ObjectKind,
    /// Events inside (0 for [`ObjectKind::Other`]).
    pub event_count: u64,
    /// When it was delivered (Unix ms): the name's time for trail files.
    pub time_ms: i64,
}

/// Access-tracking and lifecycle events to weave into a trail, about these buckets, in this
/// region, so a console can show a bucket's history from a loaded trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BucketHistory {
    pub region: String,
    pub buckets: Vec<String>,
    /// Buckets where disabling tracking is refused (lifecycle rules on access time): their
    /// `PutBucketAccessMonitor` with `Disabled` carries `AccessMonitorDisableNotAllowed`.
    pub locked: Vec<String>,
}

/// What trail to generate. Same spec, same keys, bytes and counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailSpec {
    pub prefix: String,
    /// Empty: single-account layout; otherwise one tree per member.
    pub members: Vec<Member>,
    pub regions: Vec<String>,
    /// Any instant of the first UTC day.
    pub first_day_ms: i64,
    pub days: u32,
    pub seed: u64,
    /// Percent of five-minute windows without a file.
    pub empty_percent: u32,
    /// Events per file are 1 to this.
    pub max_events: u32,
    pub history: Option<BucketHistory>,
    /// Add a few objects a loader must skip (Insight files, a manifest, a README).
    pub decoys: bool,
}

// (eventName, RW) of the history script, cycled so every combination appears.
const HISTORY: &[(&str, &str)] = &[
    ("PutBucketAccessMonitor", "Write"),
    ("GetBucketAccessMonitor", "Read"),
    ("PutBucketLifecycle", "Write"),
    ("GetBucketLifecycle", "Read"),
    ("PutBucketAccessMonitor", "Write"),
    ("DeleteBucketLifecycle", "Write"),
];
/// One file in this many (per region) carries a history event.
const HISTORY_EVERY: u64 = 12;

struct Generator<'a> {
    spec: &'a TrailSpec,
    rng: Rng,
    next_id: u64,
    history_step: usize,
    puts: u64,
    files_in_history_region: u64,
}

impl Generator<'_> {
    fn event(&mut self, time_ms: i64, region: &str, member: Option<&Member>) -> Value {
        let id = (self.spec.seed << 40) + self.next_id;
        self.next_id += 1;
        let text = gen::event_json(&mut self.rng, id, time_ms);
        let mut v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        v["acsRegion"] = region.into();
        if v["serviceName"] == "Oss" {
            let bucket = v["resourceName"].as_str().unwrap_or("bucket").to_string();
            v["eventSource"] = format!("{bucket}.oss-{region}.aliyuncs.com").into();
        }
        if let (Some(m), Some(identity)) = (member, v.get_mut("userIdentity")) {
            if identity.get("accountId").is_some() {
                identity["accountId"] = m.account_id.as_str().into();
            }
        }
        v
    }

    /// Turn `v` into the next event of the bucket-history script.
    fn history_event(&mut self, v: &mut Value, history: &BucketHistory) {
        let (name, rw) = HISTORY[self.history_step % HISTORY.len()];
        let bucket = &history.buckets[(self.history_step / HISTORY.len()) % history.buckets.len().max(1)];
        self.history_step += 1;
        let region = &history.region;
        v["eventName"] = name.into();
        v["eventRW"] = rw.into();
        v["serviceName"] = "Oss".into();
        if !matches!(v["eventType"].as_str(), Some("ApiCall" | "ConsoleOperation")) {
            v["eventType"] = "ApiCall".into();
        }
        v["eventSource"] = format!("{bucket}.oss-{region}.aliyuncs.com").into();
        v["referencedResources"] = json!({ "ACS::OSS::Bucket": [bucket] });
        v["resourceType"] = "ACS::OSS::Bucket".into();
        v["resourceName"] = bucket.as_str().into();
        if let Some(m) = v.as_object_mut() {
            m.remove("errorCode");
            m.remove("errorMessage");
            m.remove("requestParameters");
            m.remove("eventAttributes");
        }
        match name {
            "PutBucketAccessMonitor" => {
                // Each bucket's turn of the script has two puts: one disables, one enables.
                self.puts += 1;
                let status = if self.puts % 2 == 1 { "Disabled" } else { "Enabled" };
                v["requestParameters"] =
                    json!({ "BucketName": bucket, "AccessMonitorConfiguration": { "Status": status } });
                if status == "Disabled" && history.locked.contains(bucket) {
                    v["errorCode"] = "AccessMonitorDisableNotAllowed".into();
                    v["errorMessage"] =
                        "Access monitor can not be disabled while lifecycle rules based on last access time exist."
                            .into();
                }
            }
            "PutBucketLifecycle" => {
                v["requestParameters"] = json!({ "BucketName": bucket, "LifecycleConfiguration": {
                    "Rule": { "ID": "atime-to-ia", "Status": "Enabled",
                        "Transition": { "Days": 30, "StorageClass": "IA", "IsAccessTime": true } } } });
            }
            _ => v["requestParameters"] = json!({ "BucketName": bucket }),
        }
    }

    fn file(&mut self, region: &str, member: Option<&Member>, window_ms: i64) -> TrailObject {
        // Delivered in the window's last minute; its events happened before, in the window.
        let time_ms = window_ms + 240_000 + self.rng.below(60) as i64 * 1000;
        let n = 1 + (self.rng.below(self.spec.max_events.max(1) as u64) * self.rng.below(100)) / 100;
        let mut times: Vec<i64> =
            (0..n).map(|_| window_ms + self.rng.below((time_ms - window_ms) as u64) as i64).collect();
        times.sort_unstable();
        let mut events: Vec<Value> = times.iter().map(|&t| self.event(t, region, member)).collect();
        if let Some(history) = self.spec.history.as_ref().filter(|h| h.region == region && !h.buckets.is_empty()) {
            if self.files_in_history_region % HISTORY_EVERY == 0 {
                let i = self.rng.below(n) as usize;
                let history = history.clone();
                self.history_event(&mut events[i], &history);
            }
            self.files_in_history_region += 1;
        }
        let json = Value::Array(events).to_string();
        let body = gen::gzip(json.as_bytes());
        let key = TrailKey {
            prefix: self.spec.prefix.clone(),
            event_type: EVENT_TYPE.into(),
            member: member.cloned(),
            region: region.into(),
            time_ms,
            event_count: n,
            file_size: body.len() as u64,
            md5: encode::hex(&Md5::digest(&body)),
        };
        TrailObject { key: key.to_key(), body, kind: ObjectKind::Trail, event_count: n, time_ms }
    }

    fn decoys(&mut self, out: &mut Vec<TrailObject>) {
        let spec = self.spec;
        let Some(region) = spec.regions.first() else { return };
        let first_member = spec.members.first();
        let day = spec.first_day_ms.div_euclid(DAY_MS) * DAY_MS;
        for hour in [3, 15] {
            let time_ms = day + hour * 3_600_000 + 240_000;
            let json = format!(
                r#"[{{"insightType":"ApiCallRateInsight","insightContext":{{"statistics":{{"baseline":{{"average":2.0}},"insight":{{"average":40.0}}}}}},"eventTime":"{}","acsRegion":"{region}"}}]"#,
                UtcDateTime::from_unix_millis(time_ms).iso8601_extended()
            );
            let body = gen::gzip(json.as_bytes());
            let key = TrailKey {
                prefix: spec.prefix.clone(),
                event_type: INSIGHT_EVENT_TYPE.into(),
                member: first_member.cloned(),
                region: region.clone(),
                time_ms,
                event_count: 1,
                file_size: body.len() as u64,
                md5: encode::hex(&Md5::digest(&body)),
            };
            out.push(TrailObject { key: key.to_key(), body, kind: ObjectKind::Insight, event_count: 1, time_ms });
        }
        let folder = day_prefix(&spec.prefix, EVENT_TYPE, first_member, region, day);
        out.push(TrailObject {
            key: format!("{folder}manifest.json"),
            body: br#"{"note":"not a trail file: a loader must skip it","files":[]}"#.to_vec(),
            kind: ObjectKind::Other,
            event_count: 0,
            time_ms: day,
        });
        out.push(TrailObject {
            key: format!("{}README.txt", join_prefix(&spec.prefix)),
            body: b"ActionTrail delivers here.\n".to_vec(),
            kind: ObjectKind::Other,
            event_count: 0,
            time_ms: day,
        });
    }
}

/// Generate every object of a trail bucket, sorted by key.
pub fn generate(spec: &TrailSpec) -> Vec<TrailObject> {
    let mut g =
        Generator { spec, rng: Rng::new(spec.seed), next_id: 0, history_step: 0, puts: 0, files_in_history_region: 0 };
    let members: Vec<Option<&Member>> =
        if spec.members.is_empty() { vec![None] } else { spec.members.iter().map(Some).collect() };
    let first_day = spec.first_day_ms.div_euclid(DAY_MS) * DAY_MS;
    let mut out = Vec::new();
    for member in &members {
        for region in &spec.regions {
            for day in 0..spec.days as i64 {
                let start = first_day + day * DAY_MS;
                for w in 0..DAY_MS / WINDOW_MS {
                    if g.rng.below(100) < spec.empty_percent as u64 {
                        continue;
                    }
                    let window = start + w * WINDOW_MS;
                    out.push(g.file(region, *member, window));
                    // Busy windows are split over two files.
                    if g.rng.below(100) < 4 {
                        out.push(g.file(region, *member, window));
                    }
                }
            }
        }
    }
    if spec.decoys {
        g.decoys(&mut out);
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out.dedup_by(|a, b| a.key == b.key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> TrailSpec {
        TrailSpec {
            prefix: "actiontrail".into(),
            members: vec![],
            regions: vec!["cn-hangzhou".into(), "ap-southeast-1".into()],
            first_day_ms: 1_761_955_200_000 + 5_000, // 2025-11-01, any instant of it
            days: 1,
            seed: 3,
            empty_percent: 20,
            max_events: 20,
            history: Some(BucketHistory {
                region: "cn-hangzhou".into(),
                buckets: vec!["demo-bucket".into(), "demo-locked".into()],
                locked: vec!["demo-locked".into()],
            }),
            decoys: true,
        }
    }

    fn gunzip(b: &[u8]) -> String {
        use std::io::Read;
        let mut s = String::new();
        flate2::read::GzDecoder::new(b).read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn parses_the_documented_real_key() {
        let k = parse_key(
            "actiontrail/AliyunLogs/Actiontrail/ap-southeast-6/2026/09/25/\
             Actiontrail_ap-southeast-6_20260925070451_1002_4_1146_8d2a0f3c4b5e6d7f8091a2b3c4d5e6a9.gz",
        )
        .unwrap();
        assert_eq!(k.prefix, "actiontrail");
        assert_eq!(k.region, "ap-southeast-6");
        assert_eq!((k.event_count, k.file_size), (4, 1146));
        assert_eq!(UtcDateTime::from_unix_millis(k.time_ms).iso8601_extended(), "2026-09-25T07:04:51Z");
        assert_eq!(k.member, None);
    }

    #[test]
    fn keys_round_trip_in_both_layouts_and_without_prefix() {
        for (prefix, member) in [
            ("actiontrail", None),
            ("", None),
            ("a/b", Some(Member { rd_id: "rd-x".into(), account_id: "123".into() })),
        ] {
            let k = TrailKey {
                prefix: prefix.into(),
                event_type: EVENT_TYPE.into(),
                member,
                region: "cn-hangzhou".into(),
                time_ms: 1_761_955_200_000 + 3_723_000,
                event_count: 7,
                file_size: 999,
                md5: "0123456789abcdef0123456789abcdef".into(),
            };
            assert_eq!(parse_key(&k.to_key()), Some(k.clone()), "{}", k.to_key());
        }
        assert!(parse_key("actiontrail/AliyunLogs/Actiontrail/cn-hangzhou/2025/11/01/").is_none());
        assert!(parse_key("actiontrail/AliyunLogs/Actiontrail/cn-hangzhou/2025/11/01/manifest.json").is_none());
        // A file whose name's region is not its folder's.
        assert!(parse_key(
            "p/AliyunLogs/Actiontrail/cn-beijing/2025/11/01/Actiontrail_cn-hangzhou_20251101000000_1002_1_1_0123456789abcdef0123456789abcdef.gz"
        )
        .is_none());
        assert!(parse_key("AliyunLogs/Actiontrail/cn-hangzhou/2025/11/01/Actiontrail_cn-hangzhou_2025110100000_1002_1_1_0123456789abcdef0123456789abcdef.gz").is_none());
    }

    #[test]
    fn every_generated_file_says_truthfully_what_it_holds() {
        let objects = generate(&spec());
        let trail: Vec<_> = objects.iter().filter(|o| o.kind == ObjectKind::Trail).collect();
        // 2 regions x 288 windows, a fifth empty, a few split.
        assert!((400..=520).contains(&trail.len()), "{}", trail.len());
        for o in &trail {
            let k = parse_key(&o.key).unwrap();
            assert_eq!(k.file_size, o.body.len() as u64);
            assert_eq!(k.md5, encode::hex(&Md5::digest(&o.body)));
            let text = gunzip(&o.body);
            assert!(!text.contains('\n'), "one line");
            let events: Vec<Value> = serde_json::from_str(&text).unwrap();
            assert_eq!(events.len() as u64, k.event_count);
            assert!((1..=20).contains(&k.event_count));
            let window = k.time_ms - k.time_ms.rem_euclid(WINDOW_MS);
            for e in &events {
                assert_eq!(e["acsRegion"], k.region.as_str());
                let t = crate::time::parse_iso8601(e["eventTime"].as_str().unwrap()).unwrap();
                assert!((window..window + WINDOW_MS).contains(&t), "{} in {}", e["eventTime"], o.key);
            }
            assert!(o.key.starts_with(&day_prefix("actiontrail", EVENT_TYPE, None, &k.region, k.time_ms)));
        }
        let kinds: Vec<ObjectKind> = objects.iter().map(|o| o.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == ObjectKind::Insight).count(), 2);
        assert_eq!(kinds.iter().filter(|k| **k == ObjectKind::Other).count(), 2);
        assert!(objects.windows(2).all(|w| w[0].key < w[1].key), "sorted, unique");
    }

    #[test]
    fn bucket_history_is_woven_into_its_region() {
        let objects = generate(&spec());
        let mut seen = std::collections::BTreeSet::new();
        let mut refused = 0;
        for o in objects.iter().filter(|o| o.kind == ObjectKind::Trail) {
            let events: Vec<Value> = serde_json::from_str(&gunzip(&o.body)).unwrap();
            for e in events.iter().filter(|e| e["referencedResources"]["ACS::OSS::Bucket"][0].as_str().is_some()) {
                let bucket = e["referencedResources"]["ACS::OSS::Bucket"][0].as_str().unwrap();
                if bucket.starts_with("demo-") {
                    assert_eq!(e["acsRegion"], "cn-hangzhou");
                    seen.insert((e["eventName"].as_str().unwrap().to_string(), bucket.to_string()));
                    refused += usize::from(e["errorCode"] == "AccessMonitorDisableNotAllowed");
                    assert!(bucket == "demo-locked" || e["errorCode"].is_null());
                }
            }
        }
        for name in ["PutBucketAccessMonitor", "GetBucketAccessMonitor", "PutBucketLifecycle", "DeleteBucketLifecycle"]
        {
            for bucket in ["demo-bucket", "demo-locked"] {
                assert!(seen.contains(&(name.to_string(), bucket.to_string())), "{name} on {bucket}");
            }
        }
        assert!(refused > 0, "a refused disable on the locked bucket");
    }

    #[test]
    fn deterministic_and_multi_account() {
        let mut s = spec();
        assert_eq!(generate(&s), generate(&s));
        s.members = vec![
            Member { rd_id: "rd-1".into(), account_id: "111".into() },
            Member { rd_id: "rd-1".into(), account_id: "222".into() },
        ];
        s.regions.truncate(1);
        s.empty_percent = 90;
        let objects = generate(&s);
        let accounts: std::collections::BTreeSet<_> = objects
            .iter()
            .filter(|o| o.kind == ObjectKind::Trail)
            .map(|o| parse_key(&o.key).unwrap().member.unwrap().account_id)
            .collect();
        assert_eq!(accounts.into_iter().collect::<Vec<_>>(), ["111", "222"]);
        let one = objects.iter().find(|o| o.key.contains("/222/cn-hangzhou/") && o.kind == ObjectKind::Trail).unwrap();
        let events: Vec<Value> = serde_json::from_str(&gunzip(&one.body)).unwrap();
        assert!(events.iter().all(|e| e["userIdentity"].get("accountId").is_none_or(|a| a == "222")));
    }
}
