//! The control API for tests and the README (`/__emulator/<call>`): state, reset, CORS, clock,
//! faults, buckets, the log of object requests, gzip encoding, the seeded trail.
//!
//! Not drivable cross-site: every call needs the header `x-emulator-control: 1` (which a page
//! cannot send to another origin without a preflight, and preflights are refused here) and a
//! loopback `Host` (which defeats DNS rebinding). Anything else gets 403.

use crate::http::{Request, Response};
use crate::oss::query_pairs;
use crate::store::Object;
use crate::{Faults, State};
use console_core::oss::demo;
use console_core::time::UtcDateTime;
use console_core::trail::layout::{self, ObjectKind};
use serde_json::{json, Value};

/// The header every control call must carry, with the value `1`.
pub const HEADER: &str = "x-emulator-control";

/// The furthest `POST clock` shifts the clock (a century either way: ample for skew tests, and
/// far from where adding it to the real clock could overflow).
pub const MAX_CLOCK_OFFSET_MS: i64 = 100 * 366 * 86_400_000;

/// Whether a `Host` header names this machine by a loopback name or address.
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, port)) if port.is_empty() || port.strip_prefix(':').is_some_and(is_port) => ip,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((h, port)) if is_port(port) => h,
            Some(_) => return false,
            None => host,
        }
    };
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => name.eq_ignore_ascii_case("localhost"),
    }
}

fn is_port(p: &str) -> bool {
    !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
}

fn refuse(why: &str) -> Response {
    Response::new(403, "application/json", json!({ "error": why }).to_string())
}

fn json_ok(v: Value) -> Response {
    Response::new(200, "application/json", v.to_string())
}

/// Handle `/__emulator/<what>`.
pub fn handle(st: &mut State, what: &str, req: &Request) -> Response {
    if req.header(HEADER) != Some("1") {
        return refuse("control calls need the header x-emulator-control: 1");
    }
    if !is_loopback_host(req.header("host").unwrap_or_default()) {
        return refuse("control calls must use a loopback Host (127.0.0.1, localhost or [::1])");
    }
    let pairs = query_pairs(&req.query);
    let param = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let flag = |name: &str| param(name).map(|v| v == "1" || v == "true");
    match (req.method.as_str(), what) {
        ("GET", "state") => json_ok(state_json(st)),
        ("POST", "reset") => {
            st.reset();
            json_ok(state_json(st))
        }
        ("POST", "cors") => {
            let origins = param("origins").unwrap_or_default();
            st.cors_origins = origins.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
            json_ok(state_json(st))
        }
        ("POST", "clock") => {
            let offset: i64 = param("offset_ms").and_then(|v| v.parse().ok()).unwrap_or(0);
            // Added to the real clock on every request: an offset near the i64 limits overflowed.
            st.clock_offset_ms = offset.clamp(-MAX_CLOCK_OFFSET_MS, MAX_CLOCK_OFFSET_MS);
            json_ok(state_json(st))
        }
        ("POST", "faults") => {
            let status = match param("status").map(str::parse::<u16>) {
                None => None,
                Some(Ok(s)) if (100..=599).contains(&s) => Some(s),
                Some(_) => return Response::new(400, "text/plain", "status= must be an HTTP status (100-599)"),
            };
            st.faults = Faults {
                delay_ms: param("delay_ms").and_then(|v| v.parse().ok()).unwrap_or(0).min(600_000),
                status,
                drop: flag("drop").unwrap_or(false),
                count: param("count").and_then(|v| v.parse().ok()).unwrap_or(1),
                path_contains: param("path_contains").filter(|t| !t.is_empty()).map(str::to_string),
            };
            json_ok(state_json(st))
        }
        ("POST", "bucket") => {
            let Some(name) = param("name").filter(|n| !n.is_empty()) else {
                return Response::new(400, "text/plain", "name= is required");
            };
            let b = st.buckets.entry(name.to_string()).or_insert_with(|| crate::Bucket::new(false));
            if let Some(s) = param("status") {
                b.tracking_enabled = s == "Enabled";
            }
            if let Some(on) = flag("lifecycle") {
                b.set_access_time_rule(on);
            }
            json_ok(state_json(st))
        }
        ("GET", "objects") => {
            // What a scan should find: every object under a prefix with its size, storage class
            // and last access time (Unix ms, null when it has none).
            let Some(b) = param("bucket").and_then(|name| st.buckets.get(name)) else {
                return Response::new(400, "text/plain", "bucket= must name a bucket");
            };
            let prefix = param("prefix").unwrap_or_default();
            let objects: Vec<Value> = b
                .objects
                .from(prefix)
                .take_while(|(k, _)| k.starts_with(prefix))
                .map(|(k, o)| {
                    json!({ "key": k, "size": o.body.len(), "storageClass": o.storage_class,
                            "lastAccessMs": o.last_access_ms })
                })
                .collect();
            json_ok(json!({ "objects": objects, "trackingEnabled": b.tracking_enabled }))
        }
        ("GET", "requests") => {
            let bucket = param("bucket");
            let entries: Vec<Value> = st
                .log
                .iter()
                .filter(|s| bucket.is_none_or(|b| b == s.bucket))
                .map(|s| {
                    json!({ "method": s.method, "bucket": s.bucket, "key": s.key, "range": s.range,
                            "status": s.status, "requestId": s.request_id })
                })
                .collect();
            json_ok(json!({ "requests": entries, "dropped": st.log_dropped }))
        }
        ("POST", "requests/clear") => {
            st.log.clear();
            st.log_dropped = 0;
            json_ok(json!({ "requests": [], "dropped": 0 }))
        }
        ("POST", "content-encoding") => {
            st.gzip_encoding = flag("gzip").unwrap_or(false);
            json_ok(state_json(st))
        }
        ("POST", "bomb") => {
            // Replace an object's body with gzip that inflates to `inflates_to` bytes of zeros
            // (a gzip bomb; served with Content-Encoding: gzip, the browser inflates it).
            let (Some(bucket), Some(key)) = (param("bucket"), param("key")) else {
                return Response::new(400, "text/plain", "bucket= and key= are required");
            };
            let size: u64 = match param("inflates_to").map(str::parse) {
                Some(Ok(n)) if n <= MAX_BOMB_BYTES => n,
                _ => return Response::new(400, "text/plain", "inflates_to= must be a number of bytes up to 4 GB"),
            };
            let Some(b) = st.buckets.get_mut(bucket) else {
                return Response::new(404, "text/plain", "no such bucket");
            };
            let Some(old) = b.objects.get(key).cloned() else {
                return Response::new(404, "text/plain", "no such object");
            };
            let body = gzip_of_zeros(size);
            let objects = std::sync::Arc::make_mut(&mut b.objects);
            objects.insert(key.to_string(), Object::new(key, body, old.last_modified_ms, old.kind, old.event_count));
            json_ok(state_json(st))
        }
        ("GET", "trail") => json_ok(trail_json(st, param("bucket"))),
        _ => Response::new(404, "text/plain", "unknown control call: see crates/emulator/README.md"),
    }
}

/// The largest gzip bomb the control API makes.
const MAX_BOMB_BYTES: u64 = 4 << 30;

/// Gzip of `n` zero bytes (about a thousandth of `n`).
fn gzip_of_zeros(n: u64) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(block.len() as u64) as usize;
        // Writing to memory cannot fail.
        let _ = gz.write_all(&block[..k]);
        left -= k as u64;
    }
    gz.finish().unwrap_or_default()
}

fn day(ms: i64) -> String {
    UtcDateTime::from_unix_millis(ms).iso8601_extended()[..10].to_string()
}

fn state_json(st: &State) -> Value {
    let buckets: serde_json::Map<String, Value> = st
        .buckets
        .iter()
        .map(|(name, b)| {
            (
                name.clone(),
                json!({
                    "status": if b.tracking_enabled { "Enabled" } else { "Disabled" },
                    "accessTimeLifecycle": b.has_access_time_rule(),
                    "lifecycleRules": b.lifecycle.len(),
                    "objects": b.objects.len(),
                    // The configuration a PutBucketLifecycle wrote, as kept (null: none written).
                    "lifecycleXml": b.lifecycle_written.as_ref().map(console_core::oss::lifecycle_config::write),
                }),
            )
        })
        .collect();
    let f = &st.faults;
    let c = &st.seeded.config;
    json!({
        "region": st.region,
        "buckets": buckets,
        "corsOrigins": st.cors_origins,
        "clockOffsetMs": st.clock_offset_ms,
        "faults": { "delayMs": f.delay_ms, "status": f.status, "drop": f.drop, "count": f.count,
                    "pathContains": f.path_contains },
        "gzipEncoding": st.gzip_encoding,
        "requestsServed": st.requests_served,
        "connectionsRefused": st.connections_refused,
        "trail": { "firstDay": day(c.first_day_ms), "days": c.days, "seed": c.seed, "regions": c.regions },
    })
}

/// Every seeded trail object: key, size, events, kind, and what the key says (region, day, account).
fn trail_json(st: &State, only: Option<&str>) -> Value {
    let buckets = [
        (demo::TRAIL_BUCKET, demo::TRAIL_PREFIX, "single-account", &st.seeded.trail),
        (demo::ORG_TRAIL_BUCKET, demo::ORG_TRAIL_PREFIX, "multi-account", &st.seeded.org),
    ];
    let list: Vec<Value> = buckets
        .iter()
        .filter(|(name, ..)| only.is_none_or(|o| o == *name))
        .map(|(name, prefix, shape, store)| {
            let objects: Vec<Value> = store
                .iter()
                .map(|(key, o)| {
                    let parsed = layout::parse_key(key);
                    json!({
                        "key": key,
                        "size": o.body.len(),
                        "events": o.event_count,
                        "kind": match o.kind {
                            ObjectKind::Trail => "trail",
                            ObjectKind::Insight => "insight",
                            ObjectKind::Other => "other",
                        },
                        "region": parsed.as_ref().map(|k| k.region.clone()),
                        "day": parsed.as_ref().map(|k| day(k.time_ms)),
                        "account": parsed.as_ref().and_then(|k| k.member.as_ref()).map(|m| m.account_id.clone()),
                    })
                })
                .collect();
            let trail: Vec<&Value> = objects.iter().filter(|o| o["kind"] == "trail").collect();
            json!({
                "name": name, "prefix": prefix, "layout": shape,
                "files": trail.len(),
                "bytes": trail.iter().filter_map(|o| o["size"].as_u64()).sum::<u64>(),
                "events": trail.iter().filter_map(|o| o["events"].as_u64()).sum::<u64>(),
                "objects": objects,
            })
        })
        .collect();
    let c = &st.seeded.config;
    json!({
        "firstDay": day(c.first_day_ms), "days": c.days, "seed": c.seed, "regions": c.regions,
        "buckets": list,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_offset_at_the_i64_limits_is_clamped() {
        // Found by the `requests` fuzz target: the next request's "now" overflowed.
        let mut st = State::demo();
        for (v, want) in [
            ("9223372036854775807", MAX_CLOCK_OFFSET_MS),
            ("-9223372036854775808", -MAX_CLOCK_OFFSET_MS),
            ("-5000", -5000),
        ] {
            let req = Request {
                method: "POST".into(),
                query: format!("offset_ms={v}"),
                headers: vec![("host".into(), "127.0.0.1:9000".into()), (HEADER.into(), "1".into())],
                ..Default::default()
            };
            assert_eq!(handle(&mut st, "clock", &req).status, 200);
            assert_eq!(st.clock_offset_ms, want);
            assert!(st.now_ms() > 0 || want < 0);
        }
    }

    #[test]
    fn loopback_hosts_only() {
        for ok in ["127.0.0.1:9000", "127.0.0.1", "localhost:9000", "LOCALHOST", "[::1]:9000", "[::1]", "127.1.2.3:1"] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:9000",
            "demo-bucket.localhost:9000",
            "localhost.evil.example",
            "10.0.0.1:9000",
            "[::2]:9000",
            "127.0.0.1:9000:1",
            "127.0.0.1:x",
            "",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }
}
