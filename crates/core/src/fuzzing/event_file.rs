//! Event files built from fuzz choices: real generated events (`trail::gen`) bent field by field
//! (times, types, sizes, escapes, nesting), wrapped as SLS or LookupEvents rows, put in every
//! container the loader reads, and sometimes gzipped with odd headers and several members.

use super::choices::Choices;
use crate::trail::gen::{self, Format, Rng};
use crate::trail::gzip::is_gzip;
use serde_json::{json, Map, Value};
use std::io::Write;

/// A file to load, and the text it decompresses to.
pub struct EventFile {
    /// The bytes as a user would drop them.
    pub bytes: Vec<u8>,
    /// The text inside (equal to `bytes` unless gzipped).
    pub plain: Vec<u8>,
    /// Whether what the loader reads is `plain` or a prefix of it (a damaged checksum or a cut
    /// still is; a header whose extra field lies about its length, or garbage after the last
    /// member that happens to start a new one, may inflate to anything).
    pub exact: bool,
}

/// Keys a real event has (ActionTrail and CloudTrail), the ones a mutation aims at.
const KEYS: &[&str] = &[
    "eventId",
    "eventTime",
    "eventName",
    "eventSource",
    "eventType",
    "eventRW",
    "acsRegion",
    "serviceName",
    "requestId",
    "sourceIpAddress",
    "userAgent",
    "errorCode",
    "errorMessage",
    "userIdentity",
    "referencedResources",
    "requestParameters",
    "eventAttributes",
    "additionalEventData",
    "resourceName",
    "__time__",
    "event",
    "CloudTrailEvent",
    "eventID",
    "awsRegion",
    "sourceIPAddress",
    "readOnly",
    "Records",
    "Events",
];
const IDENTITY_KEYS: &[&str] = &["type", "userName", "principalId", "accessKeyId", "accountId", "arn"];

/// A JSON value that tends to break a lenient reader.
pub fn odd_value(c: &mut Choices, depth: u32) -> Value {
    match c.byte() % 14 {
        0 => Value::String(c.odd_time()),
        1 => Value::String(c.odd_text(64)),
        2 => json!(*c.pick(&[f64::MAX, -0.0, 1e-300, 0.5, -1e308])),
        3 => json!(*c.pick(&[u64::MAX, 0, 1 << 53, 18_446_744_073_709_551_615])),
        4 => json!(*c.pick(&[i64::MIN, -1, i64::MAX])),
        5 => Value::Bool(c.flag()),
        6 => Value::Null,
        7 if depth < 4 => Value::Array((0..c.below(4)).map(|_| odd_value(c, depth + 1)).collect()),
        8 if depth < 4 => {
            let mut m = Map::new();
            for _ in 0..c.below(4) {
                let k = if c.flag() { c.pick(KEYS).to_string() } else { c.odd_text(12) };
                m.insert(k, odd_value(c, depth + 1));
            }
            Value::Object(m)
        }
        9 => {
            // Deep nesting: past serde_json's recursion limit sometimes.
            let n = c.range(1, 300);
            let mut v = Value::String("deep".into());
            for k in 0..n {
                v = if k % 2 == 0 { Value::Array(vec![v]) } else { json!({ "a": v }) };
            }
            v
        }
        10 => Value::String(c.pick(&["é", "x", "中", "\\", "\"", "\0"]).repeat(c.range(1, 20_000))),
        11 => Value::String(String::new()),
        _ => Value::String(c.pick(&["PutBucket", "AccessDenied", "alice", "cn-hangzhou", "203.0.113.10"]).to_string()),
    }
}

/// One generated event, bent field by field.
fn event(c: &mut Choices, rng: &mut Rng, i: u64) -> String {
    let time = if c.chance(20) {
        c.edgy_i64().clamp(-8_640_000_000_000_000, 8_640_000_000_000_000)
    } else {
        gen::START_MS + i as i64 * 60_000
    };
    let text = gen::event_json(rng, i, time);
    let Ok(Value::Object(mut m)) = serde_json::from_str::<Value>(&text) else {
        return text;
    };
    for _ in 0..c.below(4) {
        match c.byte() % 6 {
            0 | 1 => {
                let k = c.pick(KEYS).to_string();
                m.insert(k, odd_value(c, 0));
            }
            2 => {
                let k = *c.pick(KEYS);
                m.remove(k);
            }
            3 => {
                let v = if c.flag() { Value::String(c.odd_time()) } else { odd_value(c, 0) };
                m.insert("eventTime".into(), v);
            }
            4 => {
                let k = c.pick(IDENTITY_KEYS).to_string();
                let v = odd_value(c, 1);
                match m.get_mut("userIdentity") {
                    Some(Value::Object(id)) => {
                        id.insert(k, v);
                    }
                    _ => {
                        m.insert("userIdentity".into(), json!({ k: v }));
                    }
                }
            }
            _ => {
                let v = odd_value(c, 1);
                let place = match c.byte() % 3 {
                    0 => json!({ "ACS::OSS::Bucket": v }),
                    1 => json!({ "SensitiveAction": v }),
                    _ => json!({ "x-oss-acl": v }),
                };
                let k = *c.pick(&["referencedResources", "eventAttributes", "requestParameters"]);
                m.insert(k.into(), place);
            }
        }
    }
    let mut out = Value::Object(m).to_string();
    for _ in 0..c.below(3) {
        text_mutation(c, &mut out);
    }
    out
}

/// A mutation of serialized JSON: broken escapes, duplicate keys, cuts, raw bytes.
fn text_mutation(c: &mut Choices, s: &mut String) {
    let at = c.below(s.len() + 1);
    let at = (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
    match c.byte() % 6 {
        0 => {
            let bad =
                *c.pick(&["\\u12", "\\ud800", "\\udc00\\ud800", "\\x", "\\", "\"", "\\u0000", "\u{1}", "\\uZZZZ"]);
            s.insert_str(at, bad);
        }
        1 => {
            if let Some(p) = s.find('{') {
                let dup = format!("\"eventTime\":{},", Value::String(c.odd_time()));
                s.insert_str(p + 1, &dup);
            }
        }
        2 => s.truncate(at),
        3 => {
            let raw = c.text(8);
            s.insert_str(at, &raw);
        }
        4 => {
            // The same event twice (a duplicate eventId).
            let copy = s.clone();
            s.push('\n');
            s.push_str(&copy);
        }
        _ => s.insert_str(at, c.pick::<&str>(&["\n", "\r\n", "}", "{", "]", "[", ",", ":"])),
    }
}

/// The event as a JSON string inside a wrapper row (SLS `event`, LookupEvents `CloudTrailEvent`).
fn wrapped(c: &mut Choices, e: String) -> String {
    let time = match c.byte() % 4 {
        0 => json!("1761955200"),
        1 => json!(c.edgy_i64()),
        2 => Value::String(c.odd_text(20)),
        _ => json!(1_761_955_200),
    };
    let v = match c.byte() % 4 {
        0 => json!({ "__time__": time, "__topic__": "actiontrail_audit_event", "event": e }),
        1 => json!({ "CloudTrailEvent": e, "EventId": c.odd_text(8) }),
        2 => json!({ "event": e, "CloudTrailEvent": c.odd_text(8) }),
        // The event as an object where a string belongs.
        _ => json!({ "event": serde_json::from_str::<Value>(&e).unwrap_or(Value::Null), "__time__": time }),
    };
    v.to_string()
}

fn container(c: &mut Choices, events: &[String]) -> Vec<u8> {
    let sep = *c.pick(&[",", ",\n", " , ", ",,", "\n", ",\r\n  "]);
    let list = events.join(sep);
    let text = match c.byte() % 8 {
        0 => format!("[{list}]"),
        1 => format!("[\n  {list}\n,]"),
        2 => format!(r#"{{"RequestId":"r","Events":[{list}],"NextToken":"","Extra":[[{{}}]]}}"#),
        3 => format!(r#"{{"Other":{{"Events":[1]}},"Records":[{list}]}}"#),
        4 => events.join(*c.pick(&["\n", "\r\n", "\n\n", "", " "])),
        5 => events.first().cloned().unwrap_or_default(),
        6 => format!("{}{}{}", c.odd_text(8), events.join("\n"), c.odd_text(8)),
        _ => format!("\u{FEFF}{}", events.join("\n")),
    };
    text.into_bytes()
}

/// Member header flags (RFC 1952).
const FHCRC: u8 = 2;
const FEXTRA: u8 = 4;
const FNAME: u8 = 8;
const FCOMMENT: u8 = 16;

fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(level));
    e.write_all(data).expect("in-memory write");
    e.finish().expect("in-memory write")
}

/// One gzip member with a header built from choices: every optional field, long names,
/// reserved flag bits, wrong header and body checksums. False if the header lies about the
/// length of its extra field.
fn member(c: &mut Choices, data: &[u8], out: &mut Vec<u8>) -> bool {
    let mut honest = true;
    let flags = if c.chance(60) { 0 } else { c.byte() };
    let start = out.len();
    out.extend_from_slice(&[0x1f, 0x8b, 8, flags]);
    out.extend_from_slice(&c.u64().to_le_bytes()[..4]);
    out.extend_from_slice(&[c.byte(), c.byte()]);
    if flags & FEXTRA != 0 {
        let extra = c.bytes(32).to_vec();
        let stated = if c.chance(20) { c.below(65_536) as u16 } else { extra.len() as u16 };
        honest &= stated as usize == extra.len();
        out.extend_from_slice(&stated.to_le_bytes());
        out.extend_from_slice(&extra);
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let long = if c.chance(10) { c.range(1, 80_000) } else { 0 };
            out.extend(std::iter::repeat_n(b'n', long));
            out.extend(c.bytes(16).iter().filter(|&&b| b != 0));
            out.push(0);
        }
    }
    if flags & FHCRC != 0 {
        let crc = crc32fast::hash(&out[start..]) as u16;
        let crc = if c.chance(20) { crc ^ 1 } else { crc };
        out.extend_from_slice(&crc.to_le_bytes());
    }
    out.extend(deflate(data, c.below(10) as u32));
    let crc = crc32fast::hash(data);
    let crc = if c.chance(5) { crc ^ 0x100 } else { crc };
    let size = if c.chance(5) { data.len() as u32 + 1 } else { data.len() as u32 };
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    honest
}

/// Gzip `plain` as one or more members, with what follows the last (nothing, garbage, zeros,
/// another magic), or cut short. Also whether it inflates to `plain` or a prefix of it.
fn gzip(c: &mut Choices, plain: &[u8]) -> (Vec<u8>, bool) {
    if c.flag() {
        return (gen::gzip(plain), true);
    }
    let mut out = Vec::new();
    let mut honest = true;
    let members = c.range(1, 4);
    let mut at = 0;
    for k in 0..members {
        let end = if k + 1 == members { plain.len() } else { at + c.below(plain.len() - at + 1) };
        honest &= member(c, &plain[at..end], &mut out);
        at = end;
    }
    match c.byte() % 8 {
        0 => {
            out.extend_from_slice(c.bytes(16));
            honest = false;
        }
        1 => out.extend(std::iter::repeat_n(0, c.range(1, 1024))),
        2 => out.extend_from_slice(&[0x1f, 0x8b]),
        3 => {
            let cut = c.below(out.len() + 1);
            out.truncate(cut);
        }
        _ => {}
    }
    (out, honest)
}

/// Build an event file from choices.
pub fn event_file(c: &mut Choices, max_events: usize) -> EventFile {
    let plain = match c.byte() % 8 {
        // An unmutated trail in one of the generator's formats.
        0 => {
            let format = *c.pick(&[
                Format::Array,
                Format::Ndjson,
                Format::Lookup,
                Format::SlsLines,
                Format::CloudTrail,
                Format::Single,
            ]);
            gen::trail(format, c.range(1, max_events.max(1)) as u64, c.below(1000) as u64, 1)
        }
        // Raw bytes, as the old `load` target fed.
        1 => c.bytes(4096).to_vec(),
        _ => {
            let mut rng = Rng::new(c.below(1000) as u64);
            let n = c.range(1, max_events.max(1));
            let mut events = Vec::with_capacity(n);
            for i in 0..n as u64 {
                let e = event(c, &mut rng, i);
                events.push(if c.chance(15) { wrapped(c, e) } else { e });
            }
            container(c, &events)
        }
    };
    let (bytes, exact) = if c.chance(30) {
        gzip(c, &plain)
    } else {
        // Text that starts like gzip is read as gzip.
        (plain.clone(), !is_gzip(&plain))
    };
    EventFile { bytes, plain, exact }
}
