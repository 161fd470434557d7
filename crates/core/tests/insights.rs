//! Insights on generated trails: a flat trail raises (almost) nothing; each injected anomaly is
//! found, with the right kind, subject and window.

use console_core::trail::gen::{self, Format};
use console_core::trail::insights::{self, Evidence, Insight, Insights, Kind, Severity};
use console_core::trail::load::load_bytes;
use console_core::trail::store::{Field, Store};

const DAY: i64 = 86_400_000;
const HOUR: i64 = 3_600_000;

/// The generator's trails start here (2025-11-01T00:00:00Z).
const START: i64 = 1_761_955_200_000;

fn iso(ms: i64) -> String {
    console_core::time::UtcDateTime::from_unix_millis(ms).iso8601_extended()
}

/// One event, as ActionTrail writes it, with the fields the insights read.
struct Ev<'a> {
    name: &'a str,
    user: &'a str,
    ak: &'a str,
    ip: &'a str,
    error: &'a str,
    rw: &'a str,
    extra: &'a str,
}

const BASE: Ev<'static> =
    Ev { name: "GetObject", user: "alice", ak: "", ip: "203.0.113.10", error: "", rw: "Read", extra: "" };

fn json(id: &str, t: i64, e: &Ev) -> String {
    let ak = if e.ak.is_empty() { String::new() } else { format!(r#","accessKeyId":"{}""#, e.ak) };
    let err =
        if e.error.is_empty() { String::new() } else { format!(r#","errorCode":"{}","errorMessage":"no""#, e.error) };
    format!(
        r#"{{"eventId":"{id}","eventTime":"{}","eventName":"{}","eventRW":"{}","acsRegion":"cn-hangzhou","sourceIpAddress":"{}","userIdentity":{{"type":"ram-user","userName":"{}"{ak}}},"referencedResources":{{"ACS::OSS::Bucket":["prod-logs"]}}{err}{}}}"#,
        iso(t),
        e.name,
        e.rw,
        e.ip,
        e.user,
        e.extra
    )
}

/// `n` copies of `e`, spread evenly over `[from, from + within)`.
fn burst(tag: &str, n: usize, from: i64, within: i64, e: &Ev) -> Vec<String> {
    (0..n).map(|k| json(&format!("{tag}-{k}"), from + within * k as i64 / n as i64, e)).collect()
}

/// A flat generated trail of `days`, plus the `extra` events.
fn insights_of(days: u64, seed: u64, extra: &[String]) -> Insights {
    let mut store = Store::new();
    load_bytes(&mut store, 0, "flat.ndjson", &gen::trail(Format::Ndjson, 20_000, seed, days), 64 * 1024);
    load_bytes(&mut store, 1, "extra.ndjson", extra.join("\n").as_bytes(), 64 * 1024);
    store.finalize();
    insights::find(&store)
}

fn of_kind(i: &Insights, kind: Kind) -> Vec<&Insight> {
    i.list.iter().filter(|x| x.kind == kind).collect()
}

#[test]
fn a_flat_trail_raises_no_rate_burst_or_newcomer() {
    for seed in [1, 2, 3] {
        let i = insights_of(7, seed, &[]);
        for kind in [Kind::CallRate, Kind::ErrorRate, Kind::DestructiveBurst, Kind::FirstSeen] {
            assert!(of_kind(&i, kind).is_empty(), "seed {seed}: {:#?}", of_kind(&i, kind));
        }
        // The generator's own sensitive changes: one summary per kind of change, no more.
        assert!(i.list.len() <= 3, "seed {seed}: {:#?}", i.list);
        assert!(i.list.iter().all(|x| x.kind == Kind::SensitiveChange));
    }
}

#[test]
fn an_identity_calling_one_api_fifty_times_its_usual_rate_is_found_in_its_hour() {
    let at = START + 5 * DAY + 14 * HOUR;
    let e = Ev { user: "mallory", name: "ListObjects", ..BASE };
    let i = insights_of(7, 4, &burst("m", 400, at + 60_000, 40 * 60_000, &e));
    let found: Vec<_> = of_kind(&i, Kind::CallRate);
    let hit = found
        .iter()
        .find(|x| x.field == Field::UserName && x.value == "mallory")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(hit.also, Some((Field::EventName, vec!["ListObjects".to_string()])));
    assert_eq!((hit.from_ms, hit.to_ms), (at, at + HOUR));
    assert!(matches!(hit.evidence, Evidence::Rate { seen: 400, bucket_ms: HOUR, .. }), "{:?}", hit.evidence);
    assert_eq!(hit.severity, Severity::High);
    // The same calls are not said twice (as ListObjects's own rate).
    assert!(!found.iter().any(|x| x.field == Field::EventName && x.value == "ListObjects"), "{found:#?}");
    // Its filter shows exactly those calls.
    let f = hit.filter();
    assert_eq!((f.from_ms, f.to_ms), (Some(at), Some(at + HOUR)));
    assert!(f.include.contains(&(Field::UserName, vec!["mallory".into()])));
}

#[test]
fn an_access_denied_storm_is_found_per_identity_and_per_error_code() {
    let at = START + 3 * DAY + 2 * HOUR;
    let e = Ev { user: "probe", ak: "LTAI5tPROBE", error: "AccessDenied", name: "GetBucketPolicy", ..BASE };
    let i = insights_of(7, 5, &burst("p", 120, at, HOUR, &e));
    let errs = of_kind(&i, Kind::ErrorRate);
    let who =
        errs.iter().find(|x| x.field == Field::UserName && x.value == "probe").unwrap_or_else(|| panic!("{errs:#?}"));
    assert_eq!((who.from_ms, who.to_ms), (at, at + HOUR));
    assert!(who.filter().errors_only);
    let code = errs
        .iter()
        .find(|x| x.field == Field::ErrorCode && x.value == "AccessDenied")
        .unwrap_or_else(|| panic!("{errs:#?}"));
    assert_eq!(code.from_ms, at);
}

#[test]
fn a_new_access_key_writing_on_the_last_day_is_first_seen_and_sensitive_is_high() {
    let at = START + 6 * DAY + 20 * HOUR;
    let write =
        Ev { user: "ci-bot", ak: "LTAI5tNEWKEY01", ip: "198.51.100.77", name: "PutObject", rw: "Write", ..BASE };
    let policy = Ev { name: "PutBucketPolicy", ..write };
    let mut extra = burst("n", 3, at, HOUR, &write);
    extra.extend(burst("q", 1, at + HOUR, 60_000, &policy));
    let i = insights_of(7, 6, &extra);
    let new = of_kind(&i, Kind::FirstSeen);
    for (field, value) in
        [(Field::AccessKeyId, "LTAI5tNEWKEY01"), (Field::UserName, "ci-bot"), (Field::SourceIpAddress, "198.51.100.77")]
    {
        let hit =
            new.iter().find(|x| x.field == field && x.value == value).unwrap_or_else(|| panic!("{field:?} {new:#?}"));
        assert_eq!(hit.severity, Severity::High);
        assert_eq!(hit.from_ms, at);
        assert!(
            matches!(hit.evidence, Evidence::New { events: 4, writes: 4, sensitive: 1, baseline_days: 6 }),
            "{:?}",
            hit.evidence
        );
    }
    // Reads only by a newcomer raise nothing; nor does anything on a trail too short for a baseline.
    let reader = Ev { user: "reader", ak: "LTAI5tREADER", ..BASE };
    assert!(of_kind(&insights_of(7, 6, &burst("r", 5, at, HOUR, &reader)), Kind::FirstSeen).is_empty());
    let early = START + 2 * DAY + 20 * HOUR;
    let mut short = burst("n", 3, early, HOUR, &write);
    short.extend(burst("q", 1, early + HOUR, 60_000, &policy));
    assert!(of_kind(&insights_of(3, 6, &short), Kind::FirstSeen).is_empty());
}

#[test]
fn a_burst_of_deletes_by_one_identity_is_found_in_its_ten_minutes() {
    let at = START + 4 * DAY + 9 * HOUR;
    let e = Ev { user: "eve", name: "DeleteObject", rw: "Write", ..BASE };
    let i = insights_of(7, 7, &burst("d", 150, at, 5 * 60_000, &e));
    let b = of_kind(&i, Kind::DestructiveBurst);
    let hit = b.iter().find(|x| x.value == "eve").unwrap_or_else(|| panic!("{b:#?}"));
    assert_eq!(hit.field, Field::UserName);
    assert!(hit.from_ms >= at && hit.to_ms <= at + 5 * 60_000 + 1000, "{} {}", hit.from_ms, hit.to_ms);
    assert!(matches!(hit.evidence, Evidence::Burst { count: 150, .. }), "{:?}", hit.evidence);
    assert_eq!(hit.severity, Severity::High);
    assert_eq!(hit.also, Some((Field::EventName, vec!["DeleteObject".to_string()])));
    // Not said again as eve's rate of DeleteObject calls.
    assert!(!of_kind(&i, Kind::CallRate).iter().any(|x| x.value == "eve"), "{:#?}", of_kind(&i, Kind::CallRate));
}

#[test]
fn a_bucket_made_public_is_a_high_sensitive_change_with_who_and_when() {
    // After the generated week (whose own public ACLs are counted too): the last one is bob's.
    let at = START + 7 * DAY + HOUR;
    let e = Ev {
        user: "bob",
        name: "PutBucketAcl",
        rw: "Write",
        extra: r#","requestParameters":{"x-oss-acl":"public-read"}"#,
        ..BASE
    };
    let i = insights_of(7, 8, &burst("acl", 1, at, 1, &e));
    let hit = i
        .list
        .iter()
        .find(|x| x.kind == Kind::SensitiveChange && x.value == "PutBucketAcl")
        .unwrap_or_else(|| panic!("{:#?}", i.list));
    assert_eq!(hit.severity, Severity::High);
    assert_eq!(i.list[0], *hit, "the most severe comes first");
    assert!(
        matches!(&hit.evidence, Evidence::Change { count, last_by, .. } if *count >= 1 && last_by == "bob"),
        "{:?}",
        hit.evidence
    );
    assert_eq!(hit.to_ms, at + 1000);
    // Only with bob's: his alone.
    let mut store = Store::new();
    load_bytes(&mut store, 0, "acl.ndjson", json("acl-0", at, &e).as_bytes(), 64 * 1024);
    store.finalize();
    let alone = insights::find(&store);
    assert_eq!(alone.list.len(), 1);
    assert!(matches!(&alone.list[0].evidence, Evidence::Change { count: 1, buckets: 1, identities: 1, .. }));
    assert_eq!((alone.list[0].from_ms, alone.list[0].to_ms), (at, at + 1000));
}

#[test]
fn the_same_events_give_the_same_insights_and_an_empty_store_none() {
    let at = START + 5 * DAY;
    let extra = burst("m", 300, at, 30 * 60_000, &Ev { user: "mallory", name: "ListObjects", ..BASE });
    assert_eq!(insights_of(7, 9, &extra), insights_of(7, 9, &extra));
    let mut empty = Store::new();
    empty.finalize();
    assert_eq!(insights::find(&empty), Insights::default());
}

#[test]
fn short_spans_use_finer_buckets() {
    assert_eq!(insights::bucket_for(3 * DAY), HOUR);
    assert_eq!(insights::bucket_for(DAY), 15 * 60_000);
    assert_eq!(insights::bucket_for(2 * HOUR), 60_000);
}

#[test]
fn an_identitys_profile_lists_what_it_used_and_when() {
    let at = START + 5 * DAY;
    let e = Ev { user: "mallory", ak: "LTAI5tMAL", name: "ListObjects", error: "AccessDenied", ..BASE };
    let mut extra = burst("m", 30, at, HOUR, &e);
    extra.extend(burst("w", 10, at + HOUR, HOUR, &Ev { name: "PutObject", rw: "Write", error: "", ..e }));
    let mut store = Store::new();
    load_bytes(&mut store, 0, "flat.ndjson", &gen::trail(Format::Ndjson, 5_000, 3, 7), 64 * 1024);
    load_bytes(&mut store, 1, "extra.ndjson", extra.join("\n").as_bytes(), 64 * 1024);
    store.finalize();
    let p = insights::profile(&store, Field::UserName, "mallory").expect("mallory is loaded");
    assert_eq!((p.events, p.errors, p.writes), (40, 30, 10));
    assert_eq!(p.first_ms, at);
    assert!(p.last_ms < at + 2 * HOUR);
    let top = |f: Field| p.top.iter().find(|(x, _)| *x == f).map(|(_, v)| v.clone()).unwrap();
    assert_eq!(top(Field::EventName), vec![("ListObjects".to_string(), 30), ("PutObject".to_string(), 10)]);
    assert_eq!(top(Field::AccessKeyId), vec![("LTAI5tMAL".to_string(), 40)]);
    assert_eq!(p.activity.iter().sum::<u64>(), 40);
    assert!(!p.top.iter().any(|(f, _)| *f == Field::UserName), "the subject's own field is not a breakdown");
    // By AccessKey too; nothing for a value not loaded.
    assert_eq!(insights::profile(&store, Field::AccessKeyId, "LTAI5tMAL").unwrap().events, 40);
    assert_eq!(insights::profile(&store, Field::UserName, "nobody"), None);
}

#[test]
fn the_buckets_the_events_name_come_with_their_region_and_last_tracking_switch() {
    let at = START + 2 * DAY;
    let base = Ev { name: "GetObject", ..BASE };
    let switch = Ev { name: "PutBucketAccessMonitor", user: "bob", rw: "Write", ..BASE };
    let failed = Ev { error: "AccessMonitorDisableNotAllowed", user: "carol", ..switch };
    let mut lines = burst("g", 2, at, HOUR, &base);
    lines.extend(burst("s", 1, at + HOUR, 1, &switch));
    lines.extend(burst("f", 1, at + 2 * HOUR, 1, &failed));
    let mut store = Store::new();
    load_bytes(&mut store, 0, "b.ndjson", lines.join("\n").as_bytes(), 64 * 1024);
    store.finalize();
    let seen = insights::buckets_seen(&store);
    assert_eq!(seen.len(), 1);
    assert_eq!((seen[0].bucket.as_str(), seen[0].region.as_str()), ("prod-logs", "cn-hangzhou"));
    assert_eq!(seen[0].last_change, Some(("carol".to_string(), at + 2 * HOUR, true)));
}

#[test]
fn odd_trails_cost_little_and_raise_nothing_false() {
    // An event in the year 1 beside the week: the span is centuries of buckets, not allocated.
    let ancient = r#"{"eventId":"old-1","eventTime":"0001-01-01T00:00:00Z","eventName":"GetObject"}"#.to_string();
    let mut extra = vec![ancient];
    // Events without a name raise no nameless rate.
    let nameless = |k: usize| {
        format!(
            r#"{{"eventId":"nn-{k}","eventTime":"{}","userIdentity":{{"userName":"x"}}}}"#,
            iso(START + 3 * DAY + k as i64 * 1000)
        )
    };
    extra.extend((0..300).map(nameless));
    let i = insights_of(7, 10, &extra);
    assert!(i.list.iter().all(|x| !x.value.is_empty() || x.kind == Kind::SensitiveChange), "{:#?}", i.list);
    let i = insights_of(7, 10, &(0..300).map(nameless).collect::<Vec<_>>());
    assert!(of_kind(&i, Kind::CallRate).is_empty(), "{:#?}", of_kind(&i, Kind::CallRate));
}

#[test]
fn a_daily_job_is_not_an_outlier_every_day_and_sts_keys_are_not_newcomers() {
    let job = Ev { user: "nightly-backup", name: "CopyObject", ..BASE };
    let extra: Vec<String> =
        (0..7).flat_map(|d| burst(&format!("j{d}"), 60, START + d * DAY + 2 * HOUR, 10 * 60_000, &job)).collect();
    let i = insights_of(7, 11, &extra);
    assert!(
        !of_kind(&i, Kind::CallRate).iter().any(|x| x.value == "nightly-backup"),
        "{:#?}",
        of_kind(&i, Kind::CallRate)
    );
    // A role's session key, new on the last day, writing: the key is not reported (its identity is).
    let at = START + 6 * DAY + 20 * HOUR;
    let sts = Ev {
        user: "fresh-role:session",
        ak: "STS.NEWSESSIONKEY",
        ip: "198.51.100.9",
        name: "PutObject",
        rw: "Write",
        ..BASE
    };
    let i = insights_of(7, 11, &burst("s", 3, at, HOUR, &sts));
    let new = of_kind(&i, Kind::FirstSeen);
    assert!(!new.iter().any(|x| x.field == Field::AccessKeyId), "{new:#?}");
    assert!(new.iter().any(|x| x.field == Field::UserName && x.value == "fresh-role:session"), "{new:#?}");
}

#[test]
fn a_private_acl_marked_sensitive_is_not_made_public_and_names_match_in_any_case() {
    let at = START + 7 * DAY + HOUR;
    let private = Ev {
        user: "bob",
        name: "PutBucketAcl",
        rw: "Write",
        extra: r#","eventAttributes":{"SensitiveAction":"true"},"requestParameters":{"x-oss-acl":"private"}"#,
        ..BASE
    };
    let lower = Ev { user: "carol", name: "putbucketlifecycle", rw: "Write", ..BASE };
    let mut store = Store::new();
    let lines = [json("p-1", at, &private), json("l-1", at + 1000, &lower)];
    load_bytes(&mut store, 0, "x.ndjson", lines.join("\n").as_bytes(), 64 * 1024);
    store.finalize();
    let found = insights::find(&store);
    let actions: Vec<String> = found.list.iter().map(|x| format!("{:?}", x.evidence)).collect();
    assert!(!actions.iter().any(|a| a.contains("MadePublic")), "{actions:?}");
    assert!(actions.iter().any(|a| a.contains("LifecycleChanged")), "{actions:?}");
}
