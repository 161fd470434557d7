//! The seeded trail buckets over real TCP, with requests signed by `console-core`: listing by
//! date folders and with continuation tokens, objects that hold what their names say, ranges,
//! lifecycle, and the control calls trail-loading tests use (scoped faults, the request log,
//! gzip encoding, the seeded listing).

mod common;

use base64::Engine;
use common::{control, exchange, request, signed, Resp};
use console_core::oss::{demo, encode};
use console_core::time::{parse_http_date, parse_iso8601};
use console_core::trail::layout;
use oss_emulator::{spawn, Shared, State, TrailConfig};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read;
use std::net::SocketAddr;

const FIRST_DAY: i64 = 1_761_955_200_000; // 2025-11-01

fn config() -> TrailConfig {
    TrailConfig { first_day_ms: FIRST_DAY, days: 2, ..TrailConfig::ending_on(0) }
}

fn start() -> (SocketAddr, Shared) {
    spawn("127.0.0.1:0", State::with_trail(&config())).unwrap()
}

fn list(addr: SocketAddr, bucket: &str, params: &[(&str, &str)]) -> Resp {
    let mut all = vec![("list-type", "2")];
    all.extend_from_slice(params);
    let query = all
        .iter()
        .map(|(k, v)| format!("{}={}", encode::query_component(k), encode::query_component(v)))
        .collect::<Vec<_>>()
        .join("&");
    let r = signed(addr, "GET", bucket, None, &query, &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    r
}

fn gunzip(bytes: &[u8]) -> String {
    let mut s = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut s).unwrap();
    s
}

/// The seeded objects as the control API lists them.
fn seeded(addr: SocketAddr, bucket: &str) -> Value {
    control(addr, "GET", &format!("trail?bucket={bucket}"))["buckets"][0].clone()
}

#[test]
fn date_folders_list_like_actiontrail_delivers_them() {
    let (addr, _) = start();
    let bucket = demo::TRAIL_BUCKET;
    let level =
        |prefix: &str| list(addr, bucket, &[("prefix", prefix), ("delimiter", "/")]).xml_all("Prefix")[1..].to_vec();
    let root = format!("{}/AliyunLogs/", demo::TRAIL_PREFIX);
    assert_eq!(level(&root), [format!("{root}Actiontrail-Insight/"), format!("{root}Actiontrail/")]);
    let trail = format!("{root}Actiontrail/");
    let regions = level(&trail);
    assert_eq!(
        regions,
        demo::TRAIL_REGIONS
            .iter()
            .map(|r| format!("{trail}{r}/"))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );
    let cn = format!("{trail}{}/", demo::REGION);
    assert_eq!(level(&cn), [format!("{cn}2025/")]);
    assert_eq!(level(&format!("{cn}2025/")), [format!("{cn}2025/11/")]);
    assert_eq!(level(&format!("{cn}2025/11/")), [format!("{cn}2025/11/01/"), format!("{cn}2025/11/02/")]);

    // A day folder holds that day's files, and the decoy the control listing calls "other".
    let day = format!("{cn}2025/11/02/");
    let r = list(addr, bucket, &[("prefix", &day), ("max-keys", "1000")]);
    let listed: Vec<String> = r.xml_all("Key");
    let expected: Vec<String> = seeded(addr, bucket)["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["key"].as_str().unwrap().starts_with(&day))
        .map(|o| o["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(r.xml("KeyCount").unwrap(), listed.len().to_string());
    assert!(listed.len() > 150, "five-minute files: {}", listed.len());
    for key in &listed {
        let k = layout::parse_key(key).unwrap();
        assert_eq!((k.region.as_str(), k.event_type.as_str()), (demo::REGION, layout::EVENT_TYPE));
        assert_eq!(
            &console_core::time::UtcDateTime::from_unix_millis(k.time_ms).iso8601_extended()[..10],
            "2025-11-02"
        );
    }
    // Contents carry what a browser needs to plan: size, ETag, dates as OSS writes them.
    let sizes = r.xml_all("Size");
    let dates = r.xml_all("LastModified");
    for (i, key) in listed.iter().enumerate() {
        assert_eq!(sizes[i], layout::parse_key(key).unwrap().file_size.to_string());
        assert!(parse_iso8601(&dates[i]).is_some() && dates[i].ends_with(".000Z"), "{}", dates[i]);
    }
    assert_eq!(r.xml_all("Type").iter().filter(|t| *t == "Normal").count(), listed.len());
}

#[test]
fn continuation_tokens_cover_the_bucket_once() {
    let (addr, _) = start();
    for bucket in [demo::TRAIL_BUCKET, demo::ORG_TRAIL_BUCKET] {
        let expected: Vec<String> = seeded(addr, bucket)["objects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["key"].as_str().unwrap().to_string())
            .collect();
        let mut keys = Vec::new();
        let mut token: Option<String> = None;
        let mut pages = 0;
        loop {
            let mut params = vec![("max-keys", "250"), ("encoding-type", "url")];
            if let Some(t) = &token {
                params.push(("continuation-token", t.as_str()));
            }
            let r = list(addr, bucket, &params);
            pages += 1;
            let page: Vec<String> = r.xml_all("Key").iter().map(|k| encode::percent_decode(k)).collect();
            assert!(page.len() <= 250);
            assert_eq!(r.xml("KeyCount").unwrap(), page.len().to_string());
            keys.extend(page);
            match r.xml("NextContinuationToken") {
                Some(t) => {
                    assert_eq!(r.xml("IsTruncated").as_deref(), Some("true"));
                    token = Some(encode::percent_decode(&t));
                }
                None => {
                    assert_eq!(r.xml("IsTruncated").as_deref(), Some("false"));
                    break;
                }
            }
        }
        assert_eq!(keys, expected, "{bucket}: every key once, in order");
        assert_eq!(pages, expected.len().div_ceil(250));
    }
    // start-after is exclusive; a made-up token is refused.
    let all = list(addr, demo::TRAIL_BUCKET, &[("max-keys", "3")]).xml_all("Key");
    let after = list(addr, demo::TRAIL_BUCKET, &[("max-keys", "2"), ("start-after", &all[0])]);
    assert_eq!(after.xml_all("Key"), all[1..3]);
    assert_eq!(after.xml("StartAfter").as_deref(), Some(all[0].as_str()));
    let q = "list-type=2&continuation-token=bm90LWEtdG9rZW4%3D";
    let bad = signed(addr, "GET", demo::TRAIL_BUCKET, None, q, &[]);
    assert_eq!((bad.status, bad.xml("Code").as_deref()), (400, Some("InvalidArgument")));
    for max in ["0", "1001", "ten"] {
        let r = signed(addr, "GET", demo::TRAIL_BUCKET, None, &format!("list-type=2&max-keys={max}"), &[]);
        assert_eq!((r.status, r.xml("ArgumentName").as_deref()), (400, Some("max-keys")), "{max}");
    }
}

#[test]
fn url_encoding_carries_keys_xml_cannot() {
    let (addr, _) = start();
    let r = list(addr, demo::TRAIL_BUCKET, &[("prefix", "misc/"), ("encoding-type", "url"), ("delimiter", "/")]);
    assert_eq!(r.xml("EncodingType").as_deref(), Some("url"));
    assert_eq!(r.xml("Prefix").as_deref(), Some("misc%2F"));
    assert_eq!(r.xml("Delimiter").as_deref(), Some("%2F"));
    let keys: BTreeSet<String> = r.xml_all("Key").iter().map(|k| encode::percent_decode(k)).collect();
    let want: BTreeSet<String> = oss_emulator::seed::AWKWARD_KEYS
        .iter()
        .filter(|k| k.matches('/').count() == 1)
        .map(|k| k.to_string())
        .collect();
    assert_eq!(keys, want);
    assert!(r.xml_all("Key").iter().all(|k| !k.contains(' ') && !k.contains('&') && !k.contains('\t')));
    assert_eq!(encode::percent_decode(&r.xml_all("Prefix")[1]), "misc/日志/");
    // Each of them can be fetched by the key the listing gave.
    for key in oss_emulator::seed::AWKWARD_KEYS {
        let got = signed(addr, "GET", demo::TRAIL_BUCKET, Some(key), "", &[]);
        assert_eq!((got.status, got.text()), (200, format!("not a trail file: {key}\n")), "{key}");
    }
}

#[test]
fn every_trail_file_holds_what_its_name_says() {
    let (addr, _) = start();
    for bucket in [demo::TRAIL_BUCKET, demo::ORG_TRAIL_BUCKET] {
        let listing = seeded(addr, bucket);
        let objects = listing["objects"].as_array().unwrap();
        let trail: Vec<&Value> = objects.iter().filter(|o| o["kind"] == "trail").collect();
        assert_eq!(listing["files"], trail.len());
        // Every 7th file, to keep the test quick while crossing regions, days and accounts.
        for o in trail.iter().step_by(7) {
            let key = o["key"].as_str().unwrap();
            let k = layout::parse_key(key).unwrap();
            let r = signed(addr, "GET", bucket, Some(key), "", &[]);
            assert_eq!(r.status, 200);
            assert_eq!(r.body.len() as u64, k.file_size);
            assert_eq!(encode::hex(&md5_digest(&r.body)), k.md5);
            assert_eq!(r.header("etag").unwrap(), format!("\"{}\"", k.md5.to_uppercase()));
            let text = gunzip(&r.body);
            let events: Vec<Value> = serde_json::from_str(&text).unwrap();
            assert_eq!(events.len() as u64, k.event_count);
            assert_eq!(o["events"], k.event_count);
            let window = k.time_ms - k.time_ms.rem_euclid(300_000);
            for e in &events {
                assert_eq!(e["acsRegion"], k.region.as_str());
                let t = parse_iso8601(e["eventTime"].as_str().unwrap()).unwrap();
                assert!((window..window + 300_000).contains(&t));
                if let Some(m) = &k.member {
                    assert!(e["userIdentity"].get("accountId").is_none_or(|a| *a == m.account_id.as_str()));
                }
            }
        }
        if bucket == demo::ORG_TRAIL_BUCKET {
            assert_eq!(listing["layout"], "multi-account");
            let accounts: BTreeSet<&str> = trail.iter().map(|o| o["account"].as_str().unwrap()).collect();
            assert_eq!(accounts, demo::ORG_TRAIL_ACCOUNTS.iter().copied().collect());
            assert!(trail.len() < 1000, "smaller than the main trail");
        } else {
            assert!(trail.len() > 1000, "two days, three regions: {}", trail.len());
            let kinds: BTreeSet<&str> = objects.iter().map(|o| o["kind"].as_str().unwrap()).collect();
            assert_eq!(kinds, ["insight", "other", "trail"].into_iter().collect());
        }
    }
}

fn md5_digest(b: &[u8]) -> Vec<u8> {
    use md5::Digest;
    md5::Md5::digest(b).to_vec()
}

#[test]
fn the_demo_buckets_history_is_in_the_trail() {
    let (_, state) = start();
    let objects: Vec<(String, bytes::Bytes)> = {
        let st = state.lock().unwrap();
        st.seeded.trail.iter().map(|(k, o)| (k.clone(), o.body.clone())).collect()
    };
    let mut names = BTreeSet::new();
    for (key, body) in
        objects.iter().filter(|(k, _)| layout::parse_key(k).is_some_and(|k| k.event_type == "Actiontrail"))
    {
        let events: Vec<Value> = serde_json::from_str(&gunzip(body)).unwrap();
        for e in events {
            let bucket = e["referencedResources"]["ACS::OSS::Bucket"][0].as_str().unwrap_or_default().to_string();
            if bucket == demo::BUCKET || bucket == demo::LOCKED_BUCKET {
                assert!(key.contains(&format!("/{}/", demo::REGION)));
                assert_eq!(e["acsRegion"], demo::REGION);
                names.insert((e["eventName"].as_str().unwrap().to_string(), bucket));
            }
        }
    }
    for name in ["PutBucketAccessMonitor", "GetBucketAccessMonitor", "PutBucketLifecycle", "DeleteBucketLifecycle"] {
        for bucket in [demo::BUCKET, demo::LOCKED_BUCKET] {
            assert!(names.contains(&(name.to_string(), bucket.to_string())), "{name} on {bucket}");
        }
    }
}

#[test]
fn ranges_heads_and_missing_keys() {
    let (addr, state) = start();
    let (key, size) = {
        let st = state.lock().unwrap();
        let (k, o) = st.seeded.trail.iter().find(|(k, _)| k.ends_with(".gz")).unwrap();
        (k.clone(), o.body.len())
    };
    let get = |extra: &[(&str, &str)]| signed(addr, "GET", demo::TRAIL_BUCKET, Some(&key), "", extra);
    let whole = get(&[]);
    let part = get(&[("range", "bytes=2-11")]);
    assert_eq!((part.status, part.body.len()), (206, 10));
    assert_eq!(part.header("content-range"), Some(format!("bytes 2-11/{size}").as_str()));
    assert_eq!(part.body, whole.body[2..12]);
    let tail = get(&[("range", "bytes=-4")]);
    assert_eq!(tail.body, whole.body[size - 4..]);
    for invalid in [format!("bytes=0-{size}"), format!("bytes={size}-"), "bytes=5-1".into(), "pages=1-2".into()] {
        let r = get(&[("range", &invalid)]);
        assert_eq!((r.status, r.body.len()), (200, size), "{invalid}: the whole object");
        assert_eq!(r.header("content-range"), None);
    }
    let r = get(&[("range", &format!("bytes={size}-")), ("x-oss-range-behavior", "standard")]);
    assert_eq!((r.status, r.xml("Code").as_deref()), (416, Some("InvalidRange")));
    let r = get(&[("range", "bytes=1-999999"), ("x-oss-range-behavior", "standard")]);
    assert_eq!(r.header("content-range"), Some(format!("bytes 1-{}/{size}", size - 1).as_str()));

    let head = signed(addr, "HEAD", demo::TRAIL_BUCKET, Some(&key), "", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), Some(size.to_string().as_str()));
    assert_eq!(head.header("etag"), whole.header("etag"));
    let modified = parse_http_date(head.header("last-modified").unwrap()).unwrap();
    assert!((FIRST_DAY..FIRST_DAY + 2 * 86_400_000).contains(&modified));

    let missing = signed(addr, "GET", demo::TRAIL_BUCKET, Some("actiontrail/nope.gz"), "", &[]);
    assert_eq!((missing.status, missing.xml("Code").as_deref()), (404, Some("NoSuchKey")));
    assert_eq!(missing.xml("Key").as_deref(), Some("actiontrail/nope.gz"));
    let missing_head = signed(addr, "HEAD", demo::TRAIL_BUCKET, Some("actiontrail/nope.gz"), "", &[]);
    assert_eq!(missing_head.status, 404);
    assert!(missing_head.body.is_empty());
    let err = base64::engine::general_purpose::STANDARD.decode(missing_head.header("x-oss-err").unwrap()).unwrap();
    assert!(String::from_utf8(err).unwrap().contains("<Code>NoSuchKey</Code>"));
}

#[test]
fn lifecycle_rules_and_the_lock_they_cause() {
    let (addr, _) = start();
    let locked = signed(addr, "GET", demo::LOCKED_BUCKET, None, "lifecycle", &[]);
    assert_eq!(locked.status, 200);
    assert_eq!(locked.xml_all("IsAccessTime"), ["true", "false"]);
    assert!(locked.xml("AtimeBase").is_some());
    let none = signed(addr, "GET", demo::BUCKET, None, "lifecycle", &[]);
    assert_eq!((none.status, none.xml("Code").as_deref()), (404, Some("NoSuchLifecycle")));
    assert_eq!(none.xml("BucketName").as_deref(), Some(demo::BUCKET));
    let trail = signed(addr, "GET", demo::TRAIL_BUCKET, None, "lifecycle", &[]);
    assert_eq!(trail.xml_all("IsAccessTime"), ["false"]);
    assert_eq!(trail.xml("Expiration").map(|e| e.contains("<Days>180</Days>")), Some(true));

    // Without its access-time rule, demo-locked can be disabled.
    let disable = |addr: SocketAddr| {
        use console_core::oss::request::{bucket_request, Addressing, BucketTarget};
        let target = BucketTarget::new(
            demo::LOCKED_BUCKET,
            demo::REGION,
            &format!("http://127.0.0.1:{}", addr.port()),
            Addressing::PathStyle,
        )
        .unwrap();
        let body = "<AccessMonitorConfiguration><Status>Disabled</Status></AccessMonitorConfiguration>";
        let query = console_core::oss::access_monitor::QUERY;
        let req = bucket_request(&target, "PUT", query, Some(body.into()), &common::demo_creds(), common::now());
        let mut bytes = format!(
            "PUT /{}/?accessmonitor HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
            demo::LOCKED_BUCKET,
            body.len()
        );
        for (n, v) in &req.headers {
            bytes.push_str(&format!("{n}: {v}\r\n"));
        }
        bytes.push_str("\r\n");
        bytes.push_str(body);
        exchange(addr, bytes.as_bytes()).unwrap()
    };
    assert_eq!(disable(addr).xml("Code").as_deref(), Some("AccessMonitorDisableNotAllowed"));
    control(addr, "POST", &format!("bucket?name={}&lifecycle=0", demo::LOCKED_BUCKET));
    assert_eq!(disable(addr).status, 200);
    assert_eq!(signed(addr, "GET", demo::LOCKED_BUCKET, None, "lifecycle", &[]).xml_all("IsAccessTime"), ["false"]);
}

#[test]
fn scoped_faults_and_the_request_log() {
    let (addr, state) = start();
    let keys: Vec<String> = state.lock().unwrap().seeded.trail.iter().take(20).map(|(k, _)| k.clone()).collect();
    let flaky = &keys[5];
    let name = flaky.rsplit('/').next().unwrap();
    control(addr, "POST", &format!("faults?status=503&count=2&path_contains={}", encode::query_component(name)));
    let statuses: Vec<u16> = keys
        .iter()
        .chain([flaky, flaky])
        .map(|k| signed(addr, "GET", demo::TRAIL_BUCKET, Some(k), "", &[]).status)
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == 503).count(), 2);
    assert_eq!(statuses[5], 503);
    assert_eq!(statuses.last(), Some(&200), "the fault was for two requests only");
    // A bucket-level call does not match the object's text.
    control(addr, "POST", &format!("faults?status=500&count=5&path_contains={}", encode::query_component(name)));
    assert_eq!(list(addr, demo::TRAIL_BUCKET, &[("max-keys", "1")]).status, 200);

    let log = control(addr, "GET", &format!("requests?bucket={}", demo::TRAIL_BUCKET));
    let entries = log["requests"].as_array().unwrap();
    assert_eq!(entries.len(), keys.len() + 2);
    let for_flaky: Vec<u64> =
        entries.iter().filter(|e| e["key"] == flaky.as_str()).map(|e| e["status"].as_u64().unwrap()).collect();
    assert_eq!(for_flaky, [503, 503, 200]);
    assert!(entries.iter().all(|e| e["method"] == "GET" && e["requestId"].as_str().unwrap().len() == 24));
    signed(addr, "GET", demo::TRAIL_BUCKET, Some(&keys[0]), "", &[("range", "bytes=0-3")]);
    let log = control(addr, "GET", "requests");
    assert_eq!(log["requests"].as_array().unwrap().last().unwrap()["range"], "bytes=0-3");
    control(addr, "POST", "requests/clear");
    assert_eq!(control(addr, "GET", "requests")["requests"].as_array().unwrap().len(), 0);

    // Dropped connections are logged with status 0.
    control(addr, "POST", &format!("faults?drop=1&count=1&path_contains={}", encode::query_component(name)));
    let bytes = format!(
        "GET /{}/{} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        demo::TRAIL_BUCKET,
        encode::path(flaky)
    );
    assert!(exchange(addr, bytes.as_bytes()).is_none(), "closed without an answer");
    let log = control(addr, "GET", "requests");
    assert_eq!(log["requests"][0]["status"], 0);
}

#[test]
fn gzip_content_encoding_switch() {
    let (addr, state) = start();
    let (gz, json) = {
        let st = state.lock().unwrap();
        let gz = st.seeded.trail.iter().find(|(k, _)| k.ends_with(".gz")).unwrap().0.clone();
        let json = st.seeded.trail.iter().find(|(k, _)| k.ends_with(".json")).unwrap().0.clone();
        (gz, json)
    };
    let encoding = |key: &str| {
        signed(addr, "GET", demo::TRAIL_BUCKET, Some(key), "", &[]).header("content-encoding").map(str::to_string)
    };
    assert_eq!(encoding(&gz), None);
    assert_eq!(control(addr, "POST", "content-encoding?gzip=1")["gzipEncoding"], true);
    assert_eq!(encoding(&gz).as_deref(), Some("gzip"));
    assert_eq!(encoding(&json), None, "only gzip files");
    control(addr, "POST", "content-encoding?gzip=0");
    assert_eq!(encoding(&gz), None);
}

#[test]
fn browsers_can_read_objects_with_exactly_the_consoles_cors_rule() {
    let (addr, state) = start();
    let key = state.lock().unwrap().seeded.trail.iter().next().unwrap().0.clone();
    let origin = "http://127.0.0.1:8080";
    let r = signed(addr, "GET", demo::TRAIL_BUCKET, Some(&key), "", &[("origin", origin)]);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    // By default only the console's own origins: another page may not read the answer.
    for other in ["http://evil.example", "http://127.0.0.1:8081", "null"] {
        let r = signed(addr, "GET", demo::TRAIL_BUCKET, Some(&key), "", &[("origin", other)]);
        assert_eq!(r.header("access-control-allow-origin"), None, "{other}");
    }
    let r = signed(addr, "GET", demo::TRAIL_BUCKET, Some(&key), "", &[("origin", "http://localhost:8080")]);
    assert_eq!(r.header("access-control-allow-origin"), Some("http://localhost:8080"));
    let exposed = r.header("access-control-expose-headers").unwrap().to_ascii_lowercase();
    for h in console_core::oss::cors_rule::EXPOSE_HEADERS {
        assert!(exposed.contains(h), "{h} exposed");
    }
    let preflight = |method: &str, headers: &str| {
        request(
            addr,
            "OPTIONS",
            &format!("127.0.0.1:{}", addr.port()),
            &format!("/{}/{}", demo::TRAIL_BUCKET, encode::path(&key)),
            &[
                ("Origin".into(), origin.into()),
                ("Access-Control-Request-Method".into(), method.into()),
                ("Access-Control-Request-Headers".into(), headers.into()),
            ],
        )
    };
    // What the console sends for an object read passes the rule it shows users...
    let ok = preflight("GET", &console_core::oss::cors_rule::REQUEST_HEADERS.join(","));
    assert_eq!(ok.status, 200);
    assert!(ok.header("access-control-allow-methods").unwrap().contains("GET"));
    // ...and what the rule does not list is refused, as OSS refuses it.
    assert_eq!(preflight("GET", "authorization,range,x-oss-date").status, 403);
    assert_eq!(preflight("DELETE", "authorization").status, 403);
}

#[test]
fn the_seeded_trail_is_deterministic_and_configurable() {
    let a = State::with_trail(&config());
    let b = State::with_trail(&TrailConfig { ..config() });
    let same: Vec<_> = a.seeded.trail.iter().map(|(k, o)| (k.clone(), o.body.clone())).collect();
    let again: Vec<_> = b.seeded.trail.iter().map(|(k, o)| (k.clone(), o.body.clone())).collect();
    assert_eq!(same, again);
    let reseeded = State::with_trail(&TrailConfig { seed: 99, ..config() });
    let other: Vec<String> = reseeded.seeded.trail.iter().map(|(k, _)| k.clone()).collect();
    assert_ne!(other, same.iter().map(|x| x.0.clone()).collect::<Vec<_>>());
    let one_day = State::with_trail(&TrailConfig { days: 1, regions: vec!["eu-central-1".into()], ..config() });
    let days: BTreeSet<String> = one_day
        .seeded
        .trail
        .iter()
        .filter_map(|(k, _)| layout::parse_key(k))
        .map(|k| {
            format!(
                "{}/{}",
                k.region,
                &console_core::time::UtcDateTime::from_unix_millis(k.time_ms).iso8601_extended()[..10]
            )
        })
        .collect();
    assert_eq!(days.into_iter().collect::<Vec<_>>(), ["eu-central-1/2025-11-01"]);

    // The control listing's totals are the objects' own.
    let (addr, _) = start();
    let listing = seeded(addr, demo::TRAIL_BUCKET);
    let trail: Vec<&Value> = listing["objects"].as_array().unwrap().iter().filter(|o| o["kind"] == "trail").collect();
    assert_eq!(listing["bytes"].as_u64(), Some(trail.iter().map(|o| o["size"].as_u64().unwrap()).sum::<u64>()));
    assert_eq!(listing["events"].as_u64(), Some(trail.iter().map(|o| o["events"].as_u64().unwrap()).sum::<u64>()));
    let state = control(addr, "GET", "state");
    assert_eq!(state["trail"]["firstDay"], "2025-11-01");
    assert_eq!(state["trail"]["days"], 2);
}
