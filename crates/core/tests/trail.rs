//! The event engine end to end on the host: every format, gzip, dedup, bad input, and every
//! query checked against a brute-force reading of the same events with `serde_json::Value`.

use console_core::time::parse_iso8601;
use console_core::trail::gen::{self, Format};
use console_core::trail::load::{load_bytes, FileReport};
use console_core::trail::query::Filter;
use console_core::trail::store::{Field, Store, FIELDS};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const FORMATS: [(Format, &str); 6] = [
    (Format::Array, "JSON array"),
    (Format::Ndjson, "NDJSON"),
    (Format::Lookup, "LookupEvents response"),
    (Format::SlsLines, "SLS JSON lines"),
    (Format::CloudTrail, "CloudTrail Records"),
    (Format::Single, "single event"),
];

fn load(files: &[(&str, Vec<u8>)]) -> (Store, Vec<FileReport>) {
    let mut store = Store::new();
    let reports =
        files.iter().enumerate().map(|(i, (name, b))| load_bytes(&mut store, i as u32, name, b, 64 * 1024)).collect();
    (store, reports)
}

#[test]
fn every_format_plain_and_gzipped() {
    for (fmt, label) in FORMATS {
        let n = if fmt == Format::Single { 1 } else { 500 };
        let plain = gen::trail(fmt, n, 7, 3);
        let (store, r) = load(&[("f.json", plain.clone()), ("f.json.gz", gen::gzip(&plain))]);
        assert_eq!(r[0].format.to_string(), label, "{fmt:?}");
        assert_eq!(r[1].format.to_string(), format!("gzip, {label}"), "{fmt:?}");
        assert_eq!((r[0].events, r[0].skipped, &r[0].error), (n, 0, &None), "{fmt:?}: {:?}", r[0].skips);
        // Same events again, gzipped: all duplicates.
        assert_eq!((r[1].events, r[1].duplicates), (0, n), "{fmt:?}");
        assert_eq!(store.len() as u64, n);
        assert!(store.is_sorted());
    }
}

#[test]
fn the_documented_samples_load() {
    let all = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/all-documented-oss-events.json")).unwrap();
    let one =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/delete-bucket-ram-user-console.json")).unwrap();
    let (store, r) = load(&[("all.json", all), ("one.json", one)]);
    assert_eq!(r[0].format.to_string(), "JSON array");
    assert_eq!(r[0].events, 8);
    assert_eq!((r[1].format.to_string().as_str(), r[1].events, r[1].duplicates), ("single event", 0, 1));
    assert_eq!(store.dict(Field::Bucket).get(store.col(Field::Bucket).get(0)), "test-123");
    let names: Vec<&str> = (0..store.len()).map(|i| store.value(Field::EventName, i)).collect();
    assert_eq!(names.iter().filter(|n| **n == "DeleteBucket").count(), 4);
}

#[test]
fn chunk_size_does_not_change_anything() {
    let data = gen::trail(Format::Lookup, 300, 3, 1);
    let gz = gen::gzip(&data);
    let reference = {
        let mut s = Store::new();
        load_bytes(&mut s, 0, "x", &data, usize::MAX);
        (0..s.len()).map(|i| s.row(i)).collect::<Vec<_>>()
    };
    for chunk in [1, 3, 64, 1000, 65536] {
        for bytes in [&data, &gz] {
            let mut s = Store::new();
            let r = load_bytes(&mut s, 0, "x", bytes, chunk);
            assert_eq!(r.events, 300, "chunk {chunk}");
            assert_eq!((0..s.len()).map(|i| s.row(i)).collect::<Vec<_>>(), reference, "chunk {chunk}");
        }
    }
}

#[test]
fn dedup_across_files_and_formats() {
    let a = gen::trail(Format::Array, 200, 11, 1);
    let nd = gen::trail(Format::Ndjson, 300, 11, 1); // the same first 200 events, and 100 more
    let (store, r) = load(&[("a.json", a), ("b.ndjson", nd)]);
    assert_eq!((r[0].events, r[1].events, r[1].duplicates), (200, 100, 200));
    assert_eq!(store.len(), 300);
}

#[test]
fn bad_input_is_reported_and_valid_events_kept() {
    let good = String::from_utf8(gen::trail(Format::Ndjson, 5, 1, 1)).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    let cases: Vec<(&str, Vec<u8>, u64, &str)> = vec![
        ("empty", vec![], 0, "empty"),
        ("whitespace", b"  \n\n ".to_vec(), 0, "no event objects"),
        ("truncated", format!("[{},{},{{\"eventId\":\"x", lines[0], lines[1]).into_bytes(), 2, "truncated"),
        ("not events", br#"{"users":[{"name":"a"}],"count":1}"#.to_vec(), 0, "not an ActionTrail event file"),
        ("binary", vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3], 0, "binary"),
        ("corrupt gzip", { let mut g = gen::gzip(good.as_bytes()); let n = g.len(); g[n / 2] ^= 0xff; g[n / 2 + 1] ^= 0x55; g }, u64::MAX, "gzip"),
        ("gzip of garbage", gen::gzip(&[7u8; 3000]), 0, "not an ActionTrail event file"),
        ("mixed ndjson", format!("{}\n{{\"eventId\": broken\n{}\nnot json\n{}\n", lines[0], lines[1], lines[2]).into_bytes(), 3, ""),
        ("missing fields", br#"[{"eventId":"a","eventName":"X"},{"eventId":"b","eventTime":"2024-01-01T00:00:00Z"},{"eventTime":"2024-01-01T00:00:00Z","eventName":7}]"#.to_vec(), 2, ""),
        ("bom crlf", format!("\u{feff}{}\r\n{}\r\n", lines[0], lines[1]).into_bytes(), 2, ""),
        ("deep junk", format!("[{{\"eventId\":\"d\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"x\":{}0{}}}, {}]", "[".repeat(100_000), "]".repeat(100_000), lines[3]).into_bytes(), 1, ""),
        ("unbalanced", format!("{}\n{{\"eventId\":\"u\",\"a\":{{{{{{\n{}\n", lines[0], lines[4]).into_bytes(), 2, ""),
        ("array of scalars", b"[1,2,\"three\",null]".to_vec(), 0, "where an event object was expected"),
    ];
    for (name, bytes, expect_events, message) in cases {
        let mut s = Store::new();
        let r = load_bytes(&mut s, 0, name, &bytes, 4096);
        if expect_events != u64::MAX {
            assert_eq!(r.events, expect_events, "{name}: {r:?}");
        }
        if !message.is_empty() {
            let skips: Vec<String> = r.skips.iter().map(|s| s.reason.to_string()).collect();
            let text = format!("{} {skips:?}", r.error.as_ref().map(|e| e.to_string()).unwrap_or_default());
            assert!(text.contains(message), "{name}: expected {message:?} in {text}");
        }
        assert_eq!(s.len() as u64, r.events, "{name}");
    }
    // The corrupt gzip says so, and keeps what came before the damage.
    let mut big = gen::gzip(&gen::trail(Format::Ndjson, 20_000, 2, 1));
    let n = big.len();
    for b in &mut big[n / 2..n / 2 + 64] {
        *b ^= 0xA5;
    }
    let mut s = Store::new();
    let r = load_bytes(&mut s, 0, "big.gz", &big, 65536);
    assert!(r.error.as_ref().is_some_and(|e| e.to_string().contains("gzip")), "{r:?}");
    assert!(r.events > 1000 && r.events < 20_000, "{}", r.events);
}

#[test]
fn an_object_over_the_size_limit_is_skipped_not_buffered_forever() {
    let huge = format!("{{\"eventId\":\"h\",\"pad\":\"{}\"}}\n", "x".repeat(17 << 20));
    let good = String::from_utf8(gen::trail(Format::Ndjson, 3, 4, 1)).unwrap();
    let mut s = Store::new();
    let r = load_bytes(&mut s, 0, "huge", format!("{huge}{good}").as_bytes(), 1 << 20);
    assert_eq!(r.events, 3, "{r:?}");
    assert!(r.skips[0].reason.to_string().contains("MB"), "{r:?}");
}

// ---- queries against a brute-force reading --------------------------------------------------

/// The facet fields of one event, read with serde_json::Value (independent of the loader).
fn brute_fields(v: &Value) -> BTreeMap<Field, String> {
    let s = |p: &str| v.pointer(p).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let identity = match s("/userIdentity/userName") {
        u if !u.is_empty() => u,
        _ => s("/userIdentity/principalId"),
    };
    let bucket =
        v.pointer("/referencedResources/ACS::OSS::Bucket/0").and_then(|x| x.as_str()).unwrap_or("").to_string();
    BTreeMap::from([
        (Field::EventName, s("/eventName")),
        (Field::ServiceName, s("/serviceName")),
        (Field::IdentityType, s("/userIdentity/type")),
        (Field::UserName, identity),
        (Field::AccessKeyId, s("/userIdentity/accessKeyId")),
        (Field::SourceIpAddress, s("/sourceIpAddress")),
        (Field::AcsRegion, s("/acsRegion")),
        (Field::Bucket, bucket),
        (Field::ErrorCode, s("/errorCode")),
        (Field::EventRw, s("/eventRW")),
        (Field::EventType, s("/eventType")),
        (Field::UserAgent, s("/userAgent")),
    ])
}

struct Brute {
    events: Vec<(Value, BTreeMap<Field, String>, i64, String)>,
}

impl Brute {
    fn new(ndjson: &[u8]) -> Self {
        let events = ndjson
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| {
                let v: Value = serde_json::from_slice(l).unwrap();
                let f = brute_fields(&v);
                let t = parse_iso8601(v["eventTime"].as_str().unwrap()).unwrap();
                let text = String::from_utf8(l.to_vec()).unwrap().to_lowercase();
                (v, f, t, text)
            })
            .collect();
        Brute { events }
    }

    fn passes(&self, e: &(Value, BTreeMap<Field, String>, i64, String), f: &Filter, skip: Option<Field>) -> bool {
        let (v, fields, t, text) = e;
        let inc = f.include.iter().filter(|(k, _)| Some(*k) != skip).all(|(k, vals)| vals.contains(&fields[k]));
        let exc = f.exclude.iter().filter(|(k, _)| Some(*k) != skip).all(|(k, vals)| !vals.contains(&fields[k]));
        let time = f.from_ms.is_none_or(|a| *t >= a) && f.to_ms.is_none_or(|b| *t < b);
        let err = !f.errors_only || !fields[&Field::ErrorCode].is_empty();
        let needle = f.text.trim().to_lowercase();
        // Values only: the raw line also has keys, so look the needle up in the values.
        let txt = needle.is_empty() || (text.contains(&needle) && values_contain(v, &needle));
        inc && exc && time && err && txt
    }
}

fn values_contain(v: &Value, needle: &str) -> bool {
    match v {
        Value::String(s) => s.to_lowercase().contains(needle),
        Value::Number(n) => n.to_string().contains(needle),
        Value::Array(a) => a.iter().any(|x| values_contain(x, needle)),
        Value::Object(m) => m.iter().any(|(k, x)| {
            !matches!(k.as_str(), "eventVersion" | "isGlobal" | "eventCategory") && values_contain(x, needle)
        }),
        _ => false,
    }
}

fn filters() -> Vec<Filter> {
    let inc = |f: Field, v: &[&str]| (f, v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let day = 86_400_000;
    vec![
        Filter::default(),
        Filter { include: vec![inc(Field::EventName, &["GetBucketInfo"])], ..Default::default() },
        Filter {
            include: vec![
                inc(Field::EventName, &["GetBucketInfo", "PutObject"]),
                inc(Field::AcsRegion, &["cn-hangzhou"]),
            ],
            ..Default::default()
        },
        Filter { exclude: vec![inc(Field::IdentityType, &["system", "root-account"])], ..Default::default() },
        Filter {
            include: vec![inc(Field::Bucket, &["prod-logs"])],
            exclude: vec![inc(Field::EventRw, &["Read"])],
            ..Default::default()
        },
        Filter { errors_only: true, ..Default::default() },
        Filter {
            from_ms: Some(gen::START_MS + day / 2),
            to_ms: Some(gen::START_MS + day + day / 3),
            ..Default::default()
        },
        Filter { text: "deploy-bot".into(), ..Default::default() },
        Filter { text: "PART-0001".into(), ..Default::default() },
        Filter {
            text: "public-read".into(),
            include: vec![inc(Field::EventName, &["PutBucketAcl"])],
            ..Default::default()
        },
        Filter { include: vec![inc(Field::ErrorCode, &[""])], ..Default::default() },
        Filter { include: vec![inc(Field::UserName, &["no-such-user"])], ..Default::default() },
        // One field's filter alone (a facet click): few rows kept, or most.
        Filter { include: vec![inc(Field::UserName, &["deploy-bot"])], ..Default::default() },
        Filter { include: vec![inc(Field::Bucket, &["prod-logs", "no-such-bucket"])], ..Default::default() },
        Filter { exclude: vec![inc(Field::Bucket, &["prod-logs"])], ..Default::default() },
        Filter { exclude: vec![inc(Field::SourceIpAddress, &["203.0.113.7"])], ..Default::default() },
        // Values kept outside the text: eventSource and principalId (interned), error messages,
        // event ids (matched whatever their case), and mixed-case needles.
        Filter { text: "oss-cn-shanghai.aliyuncs".into(), ..Default::default() },
        Filter { text: "OSS.ALIYUNCS.COM".into(), ..Default::default() },
        Filter { text: "394843511024630".into(), ..Default::default() },
        Filter { text: "not authorized".into(), ..Default::default() },
        Filter { text: "6110150".into(), ..Default::default() },
        Filter { text: "61101500".into(), ..Default::default() },
        // Typed on, one key at a time: each search refines the previous hits.
        Filter { text: "p".into(), ..Default::default() },
        Filter { text: "pa".into(), ..Default::default() },
        Filter { text: "par".into(), ..Default::default() },
        Filter { text: "part".into(), ..Default::default() },
        Filter { text: "part-00".into(), ..Default::default() },
        Filter { text: "part-000".into(), ..Default::default() },
        Filter { text: "part-0001x".into(), ..Default::default() },
        Filter { text: "art".into(), ..Default::default() },
    ]
}

#[test]
fn queries_match_a_brute_force_reading() {
    let data = gen::trail(Format::Ndjson, 4000, 21, 3);
    let brute = Brute::new(&data);
    let mut store = Store::new();
    load_bytes(&mut store, 0, "q.ndjson", &data, 100_000);
    // The searches below are not vacuous: each finds some events, and not all.
    for text in
        ["oss-cn-shanghai.aliyuncs", "OSS.ALIYUNCS.COM", "394843511024630", "not authorized", "6110150", "part-00"]
    {
        let n = brute
            .events
            .iter()
            .filter(|e| brute.passes(e, &Filter { text: text.into(), ..Default::default() }, None))
            .count();
        assert!(n > 0 && n < 4000, "{text}: {n}");
    }
    for f in filters() {
        let r = store.query(&f, usize::MAX, 100);
        let expected: Vec<_> = brute.events.iter().filter(|e| brute.passes(e, &f, None)).collect();
        assert_eq!(r.summary.total, 4000);
        assert_eq!(r.summary.filtered, expected.len() as u64, "{f:?}");
        assert_eq!(
            r.summary.errors,
            expected.iter().filter(|e| !e.1[&Field::ErrorCode].is_empty()).count() as u64,
            "{f:?}"
        );
        assert_eq!(r.histogram.counts.iter().sum::<u64>(), expected.len() as u64, "{f:?}");
        // Distinct identities, source IPs and buckets among the filtered events.
        let distinct = |field: Field| {
            expected.iter().map(|e| e.1[&field].clone()).filter(|v| !v.is_empty()).collect::<BTreeSet<_>>().len() as u64
        };
        assert_eq!(
            (r.summary.identities, r.summary.source_ips, r.summary.buckets),
            (distinct(Field::UserName), distinct(Field::SourceIpAddress), distinct(Field::Bucket)),
            "{f:?}"
        );
        // Each histogram bucket holds exactly the events in its time range.
        for (k, &c) in r.histogram.counts.iter().enumerate() {
            let (a, b) = (
                r.histogram.start_ms + k as i64 * r.histogram.bucket_ms,
                r.histogram.start_ms + (k as i64 + 1) * r.histogram.bucket_ms,
            );
            assert_eq!(c, expected.iter().filter(|e| e.2 >= a && e.2 < b).count() as u64, "{f:?} bucket {k}");
        }
        // Facets: each field's counts under every filter but its own.
        for facet in &r.facets {
            let mut counts: BTreeMap<String, u64> = BTreeMap::new();
            for e in brute.events.iter().filter(|e| brute.passes(e, &f, Some(facet.field))) {
                *counts.entry(e.1[&facet.field].clone()).or_default() += 1;
            }
            let got: BTreeMap<String, u64> = facet.top.iter().map(|v| (v.value.clone(), v.count)).collect();
            assert!(got == counts, "{f:?} facet {:?}: {} values vs {} expected", facet.field, got.len(), counts.len());
            assert_eq!(facet.other, 0);
        }
        // Rows: the filtered events in time order, both ways.
        let sel = store.select(&f);
        assert_eq!(store.query_select(&f, 10, 100).1, sel, "{f:?}");
        let mut want: Vec<(i64, String)> =
            expected.iter().map(|e| (e.2, e.0["eventId"].as_str().unwrap().to_string())).collect();
        want.sort_by_key(|w| w.0);
        let rows = store.rows(&sel, 0, usize::MAX, false);
        assert_eq!(
            rows.iter().map(|r| r.time_ms).collect::<Vec<_>>(),
            want.iter().map(|w| w.0).collect::<Vec<_>>(),
            "{f:?}"
        );
        let mut got_ids: Vec<&str> = rows.iter().map(|r| r.event_id.as_str()).collect();
        let mut want_ids: Vec<&str> = want.iter().map(|w| w.1.as_str()).collect();
        got_ids.sort_unstable();
        want_ids.sort_unstable();
        assert_eq!(got_ids, want_ids, "{f:?}");
        let desc = store.rows(&sel, 0, 5, true);
        assert!(desc.windows(2).all(|w| w[0].time_ms >= w[1].time_ms));
    }
}

#[test]
fn a_few_values_of_one_field_select_the_same_rows_however_the_events_came() {
    // Twenty event names, four times in each file (so many rows share a time), and a second file
    // older than the first. A filter on a few names alone is read off that field's postings;
    // they must give the order's own rows, before and after the second file, as a filter that
    // scans the rows does, and as a store that took both files as one (sorted once, not merged).
    let file = |day: u32, tag: &str| -> Vec<u8> {
        (0..400)
            .map(|i| {
                format!(
                    "{{\"eventId\":\"{tag}-{i}\",\"eventTime\":\"2024-05-0{day}T0{}:00:00Z\",\"eventName\":\"N{}\",\"errorCode\":\"{}\"}}\n",
                    i % 4,
                    i % 20,
                    if i % 7 == 0 { "NoSuchKey" } else { "" }
                )
            })
            .collect::<String>()
            .into_bytes()
    };
    let (late, early) = (file(3, "late"), file(2, "early"));
    let names = |ns: &[u32]| Filter {
        include: vec![(Field::EventName, ns.iter().map(|n| format!("N{n}")).collect())],
        ..Default::default()
    };
    let picks = [
        names(&[1]),
        names(&[1, 2]),
        names(&[3, 1, 2]),
        names(&[0, 5, 10, 19]),
        names(&[4, 99]),
        names(&[]),
        Filter::default(),
    ];
    let mut step = Store::new();
    load_bytes(&mut step, 0, "late", &late, 1 << 16);
    for f in &picks {
        let (r, sel) = step.query_select(f, 50, 100);
        assert_eq!(sel, step.select(f), "{f:?}");
        assert_eq!(r.summary.filtered, sel.len() as u64);
    }
    let report = load_bytes(&mut step, 1, "early", &early, 1 << 16);
    // "early-109" and "early-184" once had one key, and one was dropped as a duplicate.
    assert_eq!((report.events, report.duplicates), (400, 0));
    let mut once = Store::new();
    load_bytes(&mut once, 0, "both", &[late.as_slice(), early.as_slice()].concat(), 1 << 16);
    assert_eq!(once.len(), 800);
    for f in &picks {
        let (r, sel) = step.query_select(f, 50, 100);
        assert_eq!(sel, step.select(f), "{f:?}");
        assert_eq!((r, sel), once.query_select(f, 50, 100), "{f:?}");
    }
    let (r, sel) = step.query_select(&picks[2], 50, 100);
    assert_eq!((step.len(), sel.len()), (800, 120), "three names of twenty, in 800 events");
    assert!(sel.windows(2).all(|w| step.times[w[0] as usize] <= step.times[w[1] as usize]));
    assert_eq!(
        r.summary.errors,
        sel.iter().filter(|&&i| !step.value(Field::ErrorCode, i as usize).is_empty()).count() as u64
    );
}

#[test]
fn facet_top_n_and_the_rest() {
    let data = gen::trail(Format::Ndjson, 2000, 5, 2);
    let mut store = Store::new();
    load_bytes(&mut store, 0, "x", &data, 1 << 16);
    let r = store.query(&Filter::default(), 3, 100);
    for facet in &r.facets {
        let total: u64 = facet.top.iter().map(|v| v.count).sum::<u64>() + facet.other;
        assert_eq!(total, 2000, "{:?}", facet.field);
        assert!(facet.top.len() <= 3);
        assert!(facet.top.windows(2).all(|w| w[0].count >= w[1].count));
    }
    let names = &r.facets[FIELDS.iter().position(|f| *f == Field::EventName).unwrap()];
    assert!(names.distinct > 10);
}

#[test]
fn every_identity_type_and_a_few_percent_errors_in_the_generator() {
    let data = gen::trail(Format::Ndjson, 20_000, 9, 7);
    let mut store = Store::new();
    load_bytes(&mut store, 0, "x", &data, 1 << 16);
    let r = store.query(&Filter::default(), 50, 100);
    let types: Vec<&str> = r.facets[2].top.iter().map(|v| v.value.as_str()).collect();
    for t in ["root-account", "ram-user", "assumed-role", "system", "cloudsso-user", "alibaba-cloud-account"] {
        assert!(types.contains(&t), "{t} in {types:?}");
    }
    let pct = r.summary.errors as f64 / 200.0;
    assert!((1.0..6.0).contains(&pct), "{pct}% errors");
    let span = r.summary.last_ms.unwrap() - r.summary.first_ms.unwrap();
    assert!(span > 6 * 86_400_000, "spread over days");
}

#[test]
fn a_buckets_history_is_its_access_tracking_and_lifecycle_events_newest_first() {
    let ev = |id: &str, time: &str, name: &str, bucket: &str| {
        format!(
            r#"{{"eventId":"{id}","eventTime":"{time}","eventName":"{name}","referencedResources":{{"ACS::OSS::Bucket":["{bucket}"]}}}}"#
        )
    };
    let events = [
        ev("1", "2025-11-01T00:00:01Z", "PutBucketAccessMonitor", "b1"),
        ev("2", "2025-11-01T00:00:02Z", "GetBucketInfo", "b1"),
        ev("3", "2025-11-01T00:00:03Z", "putbucketlifecycle", "b1"),
        ev("4", "2025-11-01T00:00:04Z", "PutBucketAccessMonitor", "b2"),
        ev("5", "2025-11-01T00:00:00Z", "DeleteBucketLifecycle", "b1"),
    ];
    let (store, _) = load(&[("h.json", format!("[{}]", events.join(",")).into_bytes())]);
    let (rows, total) = store.bucket_history("b1", 10);
    assert_eq!(total, 3);
    assert_eq!(rows.iter().map(|r| r.event_id.as_str()).collect::<Vec<_>>(), ["3", "1", "5"]);
    assert_eq!(store.bucket_history("b1", 1).0.len(), 1);
    assert_eq!(store.bucket_history("nope", 10), (vec![], 0));
    assert_eq!(store.bucket_history("", 10), (vec![], 0));
}
