//! The emulator driven by the official OSS Python SDK V2 (`alibabacloud-oss-v2`, the real-world
//! client it must satisfy) over real TCP: the access-monitor sample's calls in both addressing
//! styles and both signature versions, the errors the SDK must be able to read, the trail
//! bucket's listing (the SDK's paginator) and objects (ranges), and lifecycle rules.
//!
//! Needs `python3` with `alibabacloud-oss-v2` (scripts/setup.sh installs it).

use console_core::oss::demo;
use console_core::trail::layout::{self, ObjectKind};
use oss_emulator::{spawn, Shared, State, TrailConfig};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::io::Write;
use std::net::SocketAddr;
use std::process::{Command, Stdio};

/// 2025-11-01, two days: fixed, so the trail is the same on every run.
fn config() -> TrailConfig {
    TrailConfig { first_day_ms: 1_761_955_200_000, days: 2, ..TrailConfig::ending_on(0) }
}

fn start() -> (SocketAddr, Shared) {
    spawn("127.0.0.1:0", State::with_trail(&config())).unwrap()
}

/// A step for the driver, with the demo STS credentials.
fn step(op: &str, args: Value) -> Value {
    json!({ "op": op, "args": args, "ak": demo::ACCESS_KEY_ID, "sk": demo::ACCESS_KEY_SECRET,
            "token": demo::SECURITY_TOKEN, "style": "virtual", "signature": "v4" })
}

fn with(mut step: Value, field: &str, value: Value) -> Value {
    step[field] = value;
    step
}

/// Run the steps through the SDK against `http://localhost:<port>`.
fn drive(addr: SocketAddr, steps: &[Value]) -> Vec<Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sdk/drive.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 must be installed (scripts/setup.sh test installs the SDK)");
    let input = json!({ "endpoint": format!("http://localhost:{}", addr.port()), "steps": steps });
    child.stdin.take().unwrap().write_all(input.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the SDK driver failed (is alibabacloud-oss-v2 installed? run scripts/setup.sh test):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results.len(), steps.len());
    results
}

fn ok(r: &Value) -> &Value {
    assert!(r.get("ok").is_some(), "expected success, the SDK reported {r}");
    &r["ok"]
}

/// Assert the SDK read an OSS error with this code, status and EC, and a request id that is the
/// one in the `x-oss-request-id` header.
fn assert_error(r: &Value, code: &str, status: u64, ec: &str) {
    let e = r.get("error").unwrap_or_else(|| panic!("expected an OSS error {code}, the SDK reported {r}"));
    assert_eq!(e["code"], code, "{r}");
    assert_eq!(e["status"], status, "{r}");
    assert_eq!(e["ec"], ec, "{r}");
    let id = e["request_id"].as_str().unwrap();
    assert_eq!(id.len(), 24, "{r}");
    assert_eq!(e["header_request_id"], id, "{r}");
    // The SDK parsed the Date header (it used to fail here with "Invalid HTTP datetime").
    assert!(e["timestamp"].as_str().unwrap().contains("+00:00"), "{r}");
}

fn monitor(bucket: &str) -> Value {
    json!({ "bucket": bucket })
}

fn monitor_put(bucket: &str, status: &str) -> Value {
    json!({ "bucket": bucket, "status": status })
}

#[test]
fn access_monitor_sample_calls_in_both_styles_and_signatures() {
    let (addr, state) = start();
    for style in ["virtual", "path"] {
        for signature in ["v4", "v1"] {
            let s = |op: &str, args: Value| {
                with(with(step(op, args), "style", style.into()), "signature", signature.into())
            };
            let r = drive(
                addr,
                &[
                    s("get_access_monitor", monitor(demo::BUCKET)),
                    s("put_access_monitor", monitor_put(demo::BUCKET, "Enabled")),
                    s("get_access_monitor", monitor(demo::BUCKET)),
                    s("put_access_monitor", monitor_put(demo::BUCKET, "Disabled")),
                    s("get_access_monitor", monitor(demo::BUCKET)),
                ],
            );
            let ctx = format!("{style} {signature}");
            let host = if style == "virtual" { format!("{}.localhost", demo::BUCKET) } else { "localhost".into() };
            assert!(r.iter().all(|x| x["hosts"] == json!([host])), "the SDK used {style} addressing: {r:?}");
            assert_eq!(ok(&r[0])["status"], "Disabled", "{ctx}");
            assert_eq!(ok(&r[1])["status_code"], 200, "{ctx}");
            assert_eq!(ok(&r[2])["status"], "Enabled", "{ctx}");
            assert_eq!(ok(&r[4])["status"], "Disabled", "{ctx}");
            let ids: BTreeSet<&str> = r.iter().map(|x| ok(x)["request_id"].as_str().unwrap()).collect();
            assert_eq!(ids.len(), 5, "every answer has its own request id ({ctx})");
        }
    }
    assert!(!state.lock().unwrap().buckets[demo::BUCKET].tracking_enabled);
}

#[test]
fn errors_are_readable_by_the_sdk() {
    let (addr, state) = start();
    for style in ["virtual", "path"] {
        let s = |op: &str, args: Value| with(step(op, args), "style", style.into());
        let wrong_secret = with(s("get_access_monitor", monitor(demo::BUCKET)), "sk", "not-the-secret".into());
        let wrong_secret_v1 = with(wrong_secret.clone(), "signature", "v1".into());
        let expired = with(s("get_access_monitor", monitor(demo::BUCKET)), "ak", demo::EXPIRED_ACCESS_KEY_ID.into());
        let r = drive(
            addr,
            &[
                s("put_access_monitor", monitor_put(demo::LOCKED_BUCKET, "Disabled")),
                s("get_access_monitor", monitor("no-such-bucket")),
                wrong_secret,
                wrong_secret_v1,
                s("put_access_monitor", monitor_put(demo::BUCKET, "On")),
                expired,
            ],
        );
        assert_error(&r[0], "AccessMonitorDisableNotAllowed", 400, "0036-00000005");
        assert_error(&r[1], "NoSuchBucket", 404, "0015-00000101");
        assert_eq!(r[1]["error"]["fields"]["BucketName"], "no-such-bucket");
        assert_error(&r[2], "SignatureDoesNotMatch", 403, "0002-00000201");
        assert!(r[2]["error"]["fields"]["StringToSign"].as_str().unwrap().starts_with("OSS4-HMAC-SHA256\n"));
        assert_error(&r[3], "SignatureDoesNotMatch", 403, "0002-00000040");
        assert!(r[3]["error"]["fields"]["StringToSign"].as_str().unwrap().ends_with(&format!("/{}/", demo::BUCKET)));
        assert_error(&r[4], "MalformedXML", 400, "0036-00000002");
        assert_error(&r[5], "InvalidAccessKeyId", 403, "0002-00000007");
    }
    let st = state.lock().unwrap();
    assert!(st.buckets[demo::LOCKED_BUCKET].tracking_enabled, "the refused disable changed nothing");
    assert!(!st.buckets[demo::BUCKET].tracking_enabled, "the malformed body changed nothing");
}

fn trail_keys(state: &Shared, prefix: &str) -> Vec<(String, usize, String)> {
    let st = state.lock().unwrap();
    st.seeded
        .trail
        .iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .map(|(k, o)| (k.clone(), o.body.len(), o.etag.clone()))
        .collect()
}

fn all_keys(pages: &[Value]) -> Vec<String> {
    pages.iter().flat_map(|p| p["keys"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string())).collect()
}

#[test]
fn list_objects_v2_paginator_over_the_trail() {
    let (addr, state) = start();
    let root = format!("{}/AliyunLogs/Actiontrail/", demo::TRAIL_PREFIX);
    let day = format!("{root}cn-shanghai/2025/11/02/");
    let r = drive(
        addr,
        &[
            // One day folder, 37 keys a page.
            step("list_all", json!({ "bucket": demo::TRAIL_BUCKET, "prefix": day, "max_keys": 37 })),
            // Regions, two common prefixes a page.
            step("list_all", json!({ "bucket": demo::TRAIL_BUCKET, "prefix": root, "delimiter": "/", "max_keys": 2 })),
            // Keys that only survive with encoding-type=url, which the SDK always asks for.
            step("list_all", json!({ "bucket": demo::TRAIL_BUCKET, "prefix": "misc/", "max_keys": 2 })),
            step("list_all", json!({ "bucket": demo::TRAIL_BUCKET, "prefix": "misc/", "delimiter": "/" })),
            // The same day, path-style and signed with V1 (continuation-token is a V1 subresource).
            with(
                with(
                    step("list_all", json!({ "bucket": demo::TRAIL_BUCKET, "prefix": day, "max_keys": 100 })),
                    "style",
                    "path".into(),
                ),
                "signature",
                "v1".into(),
            ),
            step("list_all", json!({ "bucket": "no-such-bucket" })),
        ],
    );
    let expected = trail_keys(&state, &day);
    assert!(expected.len() > 150, "a day of five-minute files: {}", expected.len());
    let pages = ok(&r[0])["pages"].as_array().unwrap();
    assert_eq!(pages.len(), expected.len().div_ceil(37));
    for p in pages {
        assert!(p["keys"].as_array().unwrap().len() <= 37);
        assert_eq!(p["key_count"], p["keys"].as_array().unwrap().len());
        assert_eq!(p["encoding_type"], "url");
        assert!(p["storage_classes"].as_array().unwrap().iter().all(|c| c == "Standard"));
    }
    let keys = all_keys(pages);
    assert_eq!(keys, expected.iter().map(|e| e.0.clone()).collect::<Vec<_>>(), "every key once, in order");
    let sizes: Vec<u64> =
        pages.iter().flat_map(|p| p["sizes"].as_array().unwrap().iter().map(|s| s.as_u64().unwrap())).collect();
    let etags: Vec<&str> =
        pages.iter().flat_map(|p| p["etags"].as_array().unwrap().iter().map(|s| s.as_str().unwrap())).collect();
    for (i, (key, size, etag)) in expected.iter().enumerate() {
        assert_eq!(sizes[i], *size as u64);
        assert_eq!(etags[i], etag);
        // The name states the size, which is what a planner shows before downloading.
        assert_eq!(layout::parse_key(key).unwrap().file_size, *size as u64);
    }

    let regions: Vec<String> = ok(&r[1])["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["prefixes"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()))
        .collect();
    assert_eq!(ok(&r[1])["pages"].as_array().unwrap().len(), 2);
    assert_eq!(regions, ["ap-southeast-1", "cn-hangzhou", "cn-shanghai"].map(|x| format!("{root}{x}/")));

    let awkward: BTreeSet<String> = all_keys(ok(&r[2])["pages"].as_array().unwrap()).into_iter().collect();
    assert_eq!(awkward, oss_emulator::seed::AWKWARD_KEYS.iter().map(|k| k.to_string()).collect());
    let page = &ok(&r[3])["pages"][0];
    assert_eq!(page["prefixes"], json!(["misc/日志/"]));
    assert_eq!(page["key_count"], oss_emulator::seed::AWKWARD_KEYS.len());

    assert_eq!(all_keys(ok(&r[4])["pages"].as_array().unwrap()), keys);
    assert_error(&r[5], "NoSuchBucket", 404, "0015-00000101");
}

#[test]
fn get_object_with_ranges_and_lifecycle_rules() {
    let (addr, state) = start();
    let (key, size) = {
        let st = state.lock().unwrap();
        let (k, o) = st.seeded.trail.iter().find(|(_, o)| o.kind == ObjectKind::Trail).unwrap();
        (k.clone(), o.body.len())
    };
    let md5 = layout::parse_key(&key).unwrap().md5;
    let get = |args: Value| step("get_object", args);
    let r = drive(
        addr,
        &[
            get(json!({ "bucket": demo::TRAIL_BUCKET, "key": key })),
            get(json!({ "bucket": demo::TRAIL_BUCKET, "key": key, "range": "bytes=0-9" })),
            // Out of range: OSS answers the whole object...
            get(json!({ "bucket": demo::TRAIL_BUCKET, "key": key, "range": format!("bytes=0-{size}") })),
            // ...unless asked for standard behaviour: clamped, or 416 when nothing is left.
            get(
                json!({ "bucket": demo::TRAIL_BUCKET, "key": key, "range": format!("bytes=10-{}", size + 100), "range_behavior": "standard" }),
            ),
            get(
                json!({ "bucket": demo::TRAIL_BUCKET, "key": key, "range": format!("bytes={size}-"), "range_behavior": "standard" }),
            ),
            get(json!({ "bucket": demo::TRAIL_BUCKET, "key": format!("{key}.missing") })),
            with(
                get(json!({ "bucket": demo::TRAIL_BUCKET, "key": key, "range": "bytes=-5" })),
                "signature",
                "v1".into(),
            ),
            step("head_object", json!({ "bucket": demo::TRAIL_BUCKET, "key": key })),
            step("get_lifecycle", monitor(demo::LOCKED_BUCKET)),
            step("get_lifecycle", monitor(demo::TRAIL_BUCKET)),
            step("get_lifecycle", monitor(demo::BUCKET)),
            with(step("get_lifecycle", monitor(demo::LOCKED_BUCKET)), "signature", "v1".into()),
        ],
    );
    let whole = ok(&r[0]);
    assert_eq!((whole["status_code"].as_u64(), whole["len"].as_u64()), (Some(200), Some(size as u64)));
    assert_eq!(whole["md5"], md5.as_str(), "the md5 in the name is the object's");
    assert_eq!(whole["etag"], format!("\"{}\"", md5.to_uppercase()));
    assert!(whole["last_modified"].as_str().unwrap().starts_with("2025-11-01T"));

    let part = ok(&r[1]);
    assert_eq!(part["status_code"], 206);
    assert_eq!(part["content_range"], format!("bytes 0-9/{size}"));
    assert_eq!(part["len"], 10);
    assert!(part["head"].as_str().unwrap().starts_with("1f8b"), "a gzip member");

    assert_eq!((ok(&r[2])["status_code"].as_u64(), ok(&r[2])["len"].as_u64()), (Some(200), Some(size as u64)));
    assert_eq!(ok(&r[3])["status_code"], 206);
    assert_eq!(ok(&r[3])["content_range"], format!("bytes 10-{}/{size}", size - 1));
    assert_error(&r[4], "InvalidRange", 416, oss_emulator::errors::UNDOCUMENTED_EC);
    assert_error(&r[5], "NoSuchKey", 404, oss_emulator::errors::UNDOCUMENTED_EC);
    assert_eq!(ok(&r[6])["content_range"], format!("bytes {}-{}/{size}", size - 5, size - 1));
    assert_eq!(ok(&r[7])["content_length"], size);

    let locked = ok(&r[8])["rules"].as_array().unwrap();
    assert!(locked.iter().any(|x| x["is_access_time"] == true && x["atime_base"].as_i64().is_some()));
    assert!(locked.iter().any(|x| x["is_access_time"] == false));
    let trail = ok(&r[9])["rules"].as_array().unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!((trail[0]["is_access_time"].as_bool(), trail[0]["expiration_days"].as_u64()), (Some(false), Some(180)));
    assert_error(&r[10], "NoSuchLifecycle", 404, oss_emulator::errors::UNDOCUMENTED_EC);
    assert_eq!(ok(&r[11])["rules"], ok(&r[8])["rules"]);

    // Keys that need encoding in the path, signed both ways (V4 encodes the canonical URI, V1
    // signs the key as is), in both addressing styles.
    let mut steps = vec![];
    for key in oss_emulator::seed::AWKWARD_KEYS {
        for (style, signature) in [("virtual", "v4"), ("path", "v1")] {
            let s = get(json!({ "bucket": demo::TRAIL_BUCKET, "key": key }));
            steps.push(with(with(s, "style", style.into()), "signature", signature.into()));
        }
    }
    for (r, s) in drive(addr, &steps).iter().zip(&steps) {
        let key = s["args"]["key"].as_str().unwrap();
        assert_eq!(ok(r)["len"], format!("not a trail file: {key}\n").len(), "{key} {s}");
    }
}

#[test]
fn the_sdk_retries_an_object_that_fails_twice() {
    let (addr, state) = start();
    let keys: Vec<String> = {
        let st = state.lock().unwrap();
        st.seeded.trail.iter().filter(|(_, o)| o.kind == ObjectKind::Trail).take(3).map(|(k, _)| k.clone()).collect()
    };
    let flaky = &keys[1];
    state.lock().unwrap().faults = oss_emulator::Faults {
        status: Some(503),
        count: 2,
        path_contains: Some(flaky.rsplit('/').next().unwrap().to_string()),
        ..Default::default()
    };
    let steps: Vec<Value> = keys
        .iter()
        .map(|k| with(step("get_object", json!({ "bucket": demo::TRAIL_BUCKET, "key": k })), "attempts", 3.into()))
        .collect();
    let r = drive(addr, &steps);
    assert!(r.iter().all(|x| ok(x)["status_code"] == 200));
    let st = state.lock().unwrap();
    let statuses = |k: &str| st.log.iter().filter(|s| s.key == k).map(|s| s.status).collect::<Vec<_>>();
    assert_eq!(statuses(flaky), [503, 503, 200]);
    assert_eq!(statuses(&keys[0]), [200]);
    assert_eq!(statuses(&keys[2]), [200]);
}

#[test]
fn the_sdk_writes_an_access_time_rule_and_reads_an_objects_last_access_time() {
    let (addr, state) = start();
    let (read_key, never_key, size) = {
        let st = state.lock().unwrap();
        let objects = &st.buckets[oss_emulator::COLD_BUCKET].objects;
        let read =
            objects.from("").find(|(_, o)| o.last_access_ms.is_some()).map(|(k, o)| (k.clone(), o.body.len())).unwrap();
        let never = objects.from("").find(|(_, o)| o.last_access_ms.is_none()).map(|(k, _)| k.clone()).unwrap();
        (read.0, never, read.1)
    };
    let rule = |bucket: &str, storage_class: &str, return_to_std: bool| {
        step(
            "put_lifecycle_atime",
            json!({ "bucket": bucket, "id": "sdk atime", "prefix": "data/", "days": 45, "storage_class": storage_class, "return_to_std": return_to_std }),
        )
    };
    let meta = |key: &str| step("get_object_meta", json!({ "bucket": oss_emulator::COLD_BUCKET, "key": key }));
    let r = drive(
        addr,
        &[
            meta(&read_key),
            meta(&never_key),
            rule(oss_emulator::COLD_BUCKET, "IA", true),
            step("get_lifecycle", monitor(oss_emulator::COLD_BUCKET)),
            // Refused as OSS refuses them: back to Standard for Archive; tracking off.
            rule(oss_emulator::COLD_BUCKET, "Archive", true),
            rule(demo::BUCKET, "IA", false),
        ],
    );
    let seen = ok(&r[0]);
    assert_eq!(seen["status_code"], 200);
    assert_eq!(seen["content_length"], size);
    assert!(seen["last_access_time"].as_str().is_some(), "{seen}");
    assert!(ok(&r[1])["last_access_time"].is_null());
    assert_eq!(ok(&r[2])["status_code"], 200);
    let rules = ok(&r[3])["rules"].as_array().unwrap().clone();
    assert_eq!(rules.len(), 1);
    assert_eq!((rules[0]["id"].as_str(), rules[0]["is_access_time"].as_bool()), (Some("sdk atime"), Some(true)));
    assert!(rules[0]["atime_base"].as_i64().is_some());
    assert_eq!(r[4]["error"]["code"], "InvalidArgument", "{}", r[4]);
    assert_eq!(r[5]["error"]["code"], "InvalidArgument", "{}", r[5]);
}
