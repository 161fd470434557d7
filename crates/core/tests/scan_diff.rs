//! `parse_event_fast` against the reference `parse_event`: generated trails in every format, the
//! documented samples, hand-written edge cases, and mutations of real events.

use console_core::trail::gen::{self, Format};
use console_core::trail::parse::{parse_event, ParseError};
use console_core::trail::scan::{differential, parse_event_fast};
use console_core::trail::split::{Piece, Splitter};

const FORMATS: [Format; 6] =
    [Format::Array, Format::Ndjson, Format::Lookup, Format::SlsLines, Format::CloudTrail, Format::Single];

#[track_caller]
fn same(bytes: &[u8]) {
    if let Err(e) = differential(bytes) {
        panic!("{e}");
    }
}

/// The objects the splitter finds in a whole file.
fn objects(file: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut sp = Splitter::boundaries_only();
    sp.feed(file, &mut |p| {
        if let Piece::Object { bytes, .. } | Piece::Parsed { bytes, .. } = p {
            out.push(bytes.to_vec());
        }
    });
    sp.finish(&mut |p| {
        if let Piece::Object { bytes, .. } | Piece::Parsed { bytes, .. } = p {
            out.push(bytes.to_vec());
        }
    });
    out
}

fn generated(format: Format, n: u64, seed: u64) -> Vec<Vec<u8>> {
    objects(&gen::trail(format, n, seed, 3))
}

#[test]
fn every_generated_format_and_many_seeds() {
    for format in FORMATS {
        for seed in 0..12 {
            let events = generated(format, 60, seed);
            assert!(!events.is_empty(), "{format:?}");
            for e in &events {
                same(e);
                assert!(parse_event_fast(e).is_ok(), "{format:?}: {}", String::from_utf8_lossy(e));
            }
        }
    }
}

#[test]
fn documented_samples() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        same(&data);
        for e in objects(&data) {
            same(&e);
            assert!(parse_event_fast(&e).is_ok());
            n += 1;
        }
    }
    assert!(n >= 9, "{n} samples");
}

/// Values of every JSON type and many spellings, to put wherever a value goes.
const VALUES: &[&str] = &[
    r#""x""#,
    r#""""#,
    r#"" ""#,
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1",
    "-1",
    "1.0",
    "-1.5",
    "1e3",
    "1E+3",
    "1e-3",
    "2.5e-308",
    "1e-400",
    "-1e-400",
    "1e308",
    "1e309",
    "-1e400",
    "0.1",
    "123456789012345678",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "-18446744073709551616",
    "123456789012345678901234567890",
    "1.7976931348623157e308",
    "0.30000000000000004",
    "3.141592653589793238462643383279",
    "100000000000000000000000.5e-5",
    "00",
    "01",
    "-",
    "1.",
    ".5",
    "1e",
    "1e+",
    "+1",
    "NaN",
    "Infinity",
    "nul",
    "tru",
    "True",
    "[]",
    "{}",
    r#"["a",1,null,true,{"b":"c"}]"#,
    r#"{"a":"b","c":[1,2,{"d":"e"}],"f":null}"#,
    r#"{"a":1,"a":2}"#,
    r#"[1,]"#,
    r#"{"a":1,}"#,
    r#"[,1]"#,
    r#"{,}"#,
    r#"{"a"}"#,
    r#"{"a":}"#,
    r#"{1:2}"#,
    r#"[1 2]"#,
    r#""\u00e9\u4e2d\ud83d\ude00""#,
    r#""\uD83D\uDE00""#,
    r#""\ud800""#,
    r#""\udc00""#,
    r#""\ud800\u0041""#,
    r#""\ud800\n""#,
    r#""\ud800\ud800""#,
    r#""\u12""#,
    r#""\u12G4""#,
    r#""\x41""#,
    r#""\"\\\/\b\f\n\r\t""#,
    r#""a\u0000b""#,
    "\"tab\there\"",
    "\"nl\nhere\"",
    "\"\u{7f}del\"",
    "\"é中😀\"",
    "\"AWS::S3::Bucket\"",
    r#""{\"eventId\":\"in\",\"eventTime\":\"2024-02-02T00:00:00Z\"}""#,
    r#"" {}""#,
    r#""{""#,
    r#"{"SensitiveAction":true}"#,
    r#"{"SensitiveAction":"true","z":1.0,"a":[1e3,-0,"\u00e9"]}"#,
    r#"{"SensitiveAction":false,"SensitiveAction":"true"}"#,
    r#"{"type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b1"}"#,
    r#"[{"ARN":"arn:aws:s3:::b2","type":"AWS::S3::Bucket"},{"type":"x","ARN":"arn:1"}]"#,
    r#"{"bucketName":["b3",4,{"bucketName":"b4"}],"BucketName":"b5","ACS::OSS::Bucket":"b6"}"#,
    r#"{"ACS::OSS::Bucket":["","b7",["b8"]]}"#,
    r#"{"type":{"a":1},"ARN":["x"]}"#,
    r#"{"ty\u0070e":"AWS::S3::Bucket","\u0041RN":"arn:aws:s3:::esc"}"#,
];

/// Keys the parser treats specially, in both spellings where it matters.
const KEYS: &[&str] = &[
    "eventId",
    "eventID",
    "requestId",
    "requestID",
    "eventTime",
    "eventName",
    "serviceName",
    "eventSource",
    "eventType",
    "eventRW",
    "acsRegion",
    "awsRegion",
    "sourceIpAddress",
    "sourceIPAddress",
    "userAgent",
    "errorCode",
    "errorMessage",
    "__time__",
    "event",
    "CloudTrailEvent",
    "userIdentity",
    "referencedResources",
    "resources",
    "requestParameters",
    "eventAttributes",
    "readOnly",
    "eventVersion",
    "isGlobal",
    "apiVersion",
    "eventCategory",
    "recipientAccountId",
    "__topic__",
    "__source__",
    "additionalEventData",
    "type",
    "arn",
    "userName",
];

#[test]
fn every_value_under_every_key() {
    for key in KEYS {
        for v in VALUES {
            for base in [
                r#"{"eventId":"a","eventTime":"2024-01-01T00:00:00Z",%}"#,
                r#"{%,"eventId":"a","eventTime":"2024-01-01T00:00:00Z"}"#,
                r#"{"eventName":"n",%}"#,
                r#"{"eventId":"a","eventTime":"2024-01-01T00:00:00Z","userIdentity":{"userName":"u",%}}"#,
                r#"{"eventTime":"2024-01-01T00:00:00Z","userIdentity":{%,"userName":"u"}}"#,
                r#"{"eventId":"a","eventTime":"2024-01-01T00:00:00Z","requestParameters":{%}}"#,
                r#"{"eventId":"a","eventTime":"2024-01-01T00:00:00Z","resources":[{%}]}"#,
                r#"{"eventId":"a","eventTime":"2024-01-01T00:00:00Z","referencedResources":{"ACS::OSS::Bucket":[{%}]}}"#,
                r#"{"eventId":"a","eventTime":"2024-01-01T00:00:00Z","other":[{%}]}"#,
            ] {
                same(base.replace('%', &format!(r#""{key}":{v}"#)).as_bytes());
            }
        }
    }
}

#[test]
fn whole_object_edge_cases() {
    let ok = r#"{"eventId":"a","eventTime":"2024-01-01T00:00:00Z"}"#;
    let cases: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"{}".to_vec(),
        b" { } ".to_vec(),
        b"[]".to_vec(),
        b"null".to_vec(),
        b"\"x\"".to_vec(),
        b"1".to_vec(),
        b"{".to_vec(),
        b"}".to_vec(),
        format!("\u{feff}{ok}").into_bytes(),
        format!("{ok} ").into_bytes(),
        format!(" \t\r\n{ok}\n\r\t ").into_bytes(),
        format!("{ok}x").into_bytes(),
        format!("{ok},").into_bytes(),
        format!("{ok}{ok}").into_bytes(),
        format!("{ok}\u{a0}").into_bytes(),
        format!("\u{a0}{ok}").into_bytes(),
        b"{\"eventId\"\t:\n\"a\" ,\r\"eventTime\" : \"2024-01-01T00:00:00Z\" }".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\"\x0c}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"x\":\"\xff\"}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventVersion\":\"\xff\"}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"x\xc3\":1}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"isGlobal\":{\"\xc3\":\"\xed\xa0\x80\"}}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventName\":{\"\xc3\":1}}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventName\":{\"k\":\"\xc3\"}}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventName\":[\"\\ud800\",1e999]}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"userIdentity\":[\"\\ud800\",1e999]}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"userIdentity\":\"\\ud800\"}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"userIdentity\":1e999}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventVersion\":1e999}".to_vec(),
        b"{\"event\\u0049d\":\"esc\",\"event\\u0054ime\":\"2024-01-01T00:00:00Z\"}".to_vec(),
        b"{\"eventId\":\"a\",\"eventId\":\"b\",\"eventTime\":\"2024-01-01T00:00:00Z\"}".to_vec(),
        b"{\"eventId\":\"a\",\"eventId\":null,\"eventTime\":\"2024-01-01T00:00:00Z\"}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"userIdentity\":{\"arn\":\"x\",\"userName\":\"y\",\"arn\":\"z\"}}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"userIdentity\":{\"userName\":\"\",\"arn\":\"z\"}}".to_vec(),
        b"{\"eventId\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"readOnly\":\"true\",\"eventRW\":null}".to_vec(),
        b"{\"eventID\":\"a\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"userIdentity\":{\"type\":\"Root\"},\"eventSource\":\"s3.x\"}".to_vec(),
        b"{\"eventTime\":\"1628498960\"}".to_vec(),
        b"{\"eventTime\":1628498960}".to_vec(),
        b"{\"eventTime\":-1}".to_vec(),
        b"{\"eventTime\":\"yesterday\"}".to_vec(),
        b"{\"eventTime\":\"\"}".to_vec(),
        b"{\"requestId\":\"r\"}".to_vec(),
        b"{\"__time__\":\"1628498960\",\"event\":\"{\\\"eventId\\\":\\\"in\\\"}\"}".to_vec(),
        b"{\"__time__\":1628498960,\"event\":\"{\\\"eventId\\\":\\\"in\\\"}\"}".to_vec(),
        b"{\"__time__\":\"1628498960\",\"event\":\"{\\\"eventId\\\":\\\"in\\\"} x\"}".to_vec(),
        b"{\"__time__\":\"1628498960\",\"event\":\"{}\"}".to_vec(),
        b"{\"event\":\"{\\\"event\\\":\\\"{\\\\\\\"eventId\\\\\\\":1}\\\",\\\"eventName\\\":2}\"}".to_vec(),
        b"{\"event\":\"\\u00a0{\\\"eventId\\\":\\\"in\\\"}\",\"eventId\":\"o\",\"eventTime\":\"2024-01-01T00:00:00Z\"}".to_vec(),
        b"{\"event\":\" \\n{\\\"eventId\\\":\\\"in\\\",\\\"eventTime\\\":\\\"2024-01-01T00:00:00Z\\\"}\"}".to_vec(),
        b"{\"CloudTrailEvent\":\"{\\\"eventID\\\":\\\"in\\\",\\\"eventTime\\\":\\\"2024-01-01T00:00:00Z\\\",\\\"x\\\":\\\"\\\\ud800\\\"}\"}".to_vec(),
        b"{\"event\":\"{\\\"eventId\\\":\\\"in\\\",\\\"eventTime\\\":\\\"2024-01-01T00:00:00Z\\\"}\",\"event\":\"no\"}".to_vec(),
        b"{\"event\":\"{\\\"eventId\\\":\\\"a\\\"}\",\"event\":\"{\\\"eventId\\\":\\\"b\\\",\\\"eventTime\\\":\\\"2024-01-01T00:00:00Z\\\"}\"}".to_vec(),
    ];
    for c in &cases {
        same(c);
    }
    // Errors of the right kind, not only the same as the reference.
    assert!(matches!(parse_event_fast(b"{}"), Err(ParseError::NotAnEvent)));
    assert!(matches!(parse_event_fast(b"{\"eventId\":\"a\"}"), Err(ParseError::NoTime)));
    assert!(matches!(parse_event_fast(b"{\"eventTime\":\"x\"}"), Err(ParseError::BadTime(_))));
    assert!(matches!(parse_event_fast(b"{\"eventId\":\"a\",}"), Err(ParseError::Json(_))));
}

/// Nesting at and around serde_json's recursion limit, in checked and in skipped positions.
#[test]
fn nesting_depth() {
    for depth in [1usize, 2, 100, 125, 126, 127, 128, 129, 130, 1000, 20000] {
        for key in ["x", "eventName", "userIdentity", "requestParameters", "eventAttributes", "eventVersion"] {
            for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
                let v = format!("{}1{}", open.repeat(depth), close.repeat(depth));
                same(format!(r#"{{"eventId":"a","eventTime":"2024-01-01T00:00:00Z","{key}":{v}}}"#).as_bytes());
                let unclosed = format!("{}1{}", open.repeat(depth), close.repeat(depth - 1));
                same(format!(r#"{{"eventId":"a","eventTime":"2024-01-01T00:00:00Z","{key}":{unclosed}}}"#).as_bytes());
            }
        }
    }
    let deep = format!("{{\"eventId\":\"a\",\"x\":{}1{}}}", "[".repeat(5000), "]".repeat(5000));
    assert!(parse_event_fast(deep.as_bytes()).is_err());
}

/// Strings without escapes are borrowed from the input, as the reference borrows them.
#[test]
fn plain_strings_are_borrowed() {
    use std::borrow::Cow;
    let e = &generated(Format::Array, 1, 7)[0];
    let f = parse_event_fast(e).unwrap().fields;
    for v in [&f.event_id, &f.event_name, &f.event_time, &f.user_agent, &f.acs_region, &f.user_name] {
        assert!(matches!(v, Some(Cow::Borrowed(_))), "{v:?}");
    }
    let f = parse_event_fast(br#"{"eventId":"a\"b","eventTime":"2024-01-01T00:00:00Z"}"#).unwrap().fields;
    assert_eq!(f.event_id.as_deref(), Some("a\"b"));
    assert!(matches!(f.event_id, Some(Cow::Owned(_))));
}

/// Where the values, keys and strings of a valid JSON text are (byte ranges, nested ones too).
#[derive(Default)]
struct Spans {
    values: Vec<(usize, usize)>,
    keys: Vec<(usize, usize)>,
    strings: Vec<(usize, usize)>,
}

fn spans(b: &[u8]) -> Spans {
    fn ws(b: &[u8], i: &mut usize) {
        while *i < b.len() && b" \t\r\n".contains(&b[*i]) {
            *i += 1;
        }
    }
    fn string(b: &[u8], i: &mut usize) {
        *i += 1;
        while b[*i] != b'"' {
            *i += if b[*i] == b'\\' { 2 } else { 1 };
        }
        *i += 1;
    }
    fn value(b: &[u8], i: &mut usize, s: &mut Spans) {
        ws(b, i);
        let start = *i;
        match b[*i] {
            b'{' | b'[' => {
                let close = if b[*i] == b'{' { b'}' } else { b']' };
                *i += 1;
                ws(b, i);
                while b[*i] != close {
                    if close == b'}' {
                        ws(b, i);
                        let k = *i;
                        string(b, i);
                        s.keys.push((k, *i));
                        ws(b, i);
                        *i += 1; // ':'
                    }
                    value(b, i, s);
                    ws(b, i);
                    if b[*i] == b',' {
                        *i += 1;
                    }
                    ws(b, i);
                }
                *i += 1;
            }
            b'"' => {
                string(b, i);
                s.strings.push((start, *i));
            }
            _ => {
                while !b",}] \t\r\n".contains(&b[*i]) {
                    *i += 1;
                }
            }
        }
        s.values.push((start, *i));
    }
    let mut s = Spans::default();
    let mut i = 0;
    value(b, &mut i, &mut s);
    s.values.pop(); // the whole object
    s
}

fn splice(b: &[u8], (start, end): (usize, usize), with: &[u8]) -> Vec<u8> {
    [&b[..start], with, &b[end..]].concat()
}

/// A string's content with every character as a `\u` escape (surrogate pairs beyond the BMP).
fn all_escaped(s: &str) -> String {
    let mut out = String::from("\"");
    for u in s.encode_utf16() {
        out.push_str(&format!("\\u{u:04x}"));
    }
    out.push('"');
    out
}

/// Also check the mutated event inside an SLS wrapper (`"event"` holding it as a JSON string).
fn same_plain_and_wrapped(bytes: &[u8]) {
    same(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        let sls = serde_json::json!({"__time__": "1700000000", "event": s}).to_string();
        same(sls.as_bytes());
    }
}

fn mutation_events() -> Vec<Vec<u8>> {
    let mut events = Vec::new();
    for (format, seed) in [(Format::Array, 1), (Format::Array, 2), (Format::CloudTrail, 3), (Format::Lookup, 4)] {
        events.extend(generated(format, 40, seed).into_iter().step_by(10));
    }
    events.push(include_bytes!("data/create-bucket-assumed-role.json").to_vec());
    events.push(include_bytes!("data/delete-bucket-ram-user-accesskey.json").to_vec());
    events.push(generated(Format::SlsLines, 1, 5).remove(0));
    events
}

/// Real events, mutated value by value and key by key: other types, escapes, bad strings.
#[test]
fn mutated_values_and_keys() {
    let mut checks = 0;
    for e in mutation_events() {
        let sp = spans(&e);
        for &span in &sp.values {
            for v in VALUES {
                same_plain_and_wrapped(&splice(&e, span, v.as_bytes()));
                checks += 1;
            }
        }
        for &span in &sp.keys {
            for k in KEYS {
                same_plain_and_wrapped(&splice(&e, span, format!("\"{k}\"").as_bytes()));
            }
            let key = std::str::from_utf8(&e[span.0 + 1..span.1 - 1]).unwrap();
            same_plain_and_wrapped(&splice(&e, span, all_escaped(key).as_bytes()));
            checks += KEYS.len() + 1;
        }
        for &(start, end) in &sp.strings {
            let content = &e[start + 1..end - 1];
            let Ok(text) = std::str::from_utf8(content) else { continue };
            let mid = start + 1 + content.len() / 2;
            let mut variants: Vec<Vec<u8>> = vec![splice(&e, (start, end), all_escaped(text).as_bytes())];
            for insert in [
                &b"\\n"[..],
                b"\\/",
                b"\\\"",
                b"\\u00e9",
                b"\\ud83d\\ude00",
                b"\\ud83d",
                b"\\x",
                b"\x01",
                b"\xff",
                b"\xc3",
                b"\xe2\x82",
            ] {
                variants.push(splice(&e, (mid, mid), insert));
            }
            for v in &variants {
                same_plain_and_wrapped(v);
            }
            checks += variants.len();
        }
    }
    assert!(checks > 10_000, "{checks} checks");
}

/// Real events, truncated everywhere and with bytes replaced, deleted and doubled.
#[test]
fn mutated_bytes() {
    const BYTES: &[u8] = b"\"\\{}[],: \n\t0-.eE+u1ntfa\x00\x1f\x7f\x80\xbf\xc3\xed\xf4\xff";
    let mut checks = 0;
    for (n, e) in mutation_events().into_iter().enumerate() {
        // Every position for a few events, every seventh (rotating) for the rest: debug builds are slow.
        let step = if n % 4 == 0 { 1 } else { 7 };
        for i in (n % step..e.len()).step_by(step) {
            same(&e[..i]);
            same(&splice(&e, (i, i + 1), b""));
            same(&splice(&e, (i, i), &e[i..i + 1]));
            for &b in BYTES {
                same(&splice(&e, (i, i + 1), &[b]));
            }
            checks += 3 + BYTES.len();
        }
    }
    assert!(checks > 50_000, "{checks} checks");
}

/// Parsing in place (`parse_event_at`, the one-pass prototype) finds the same events, and the
/// same ends, as the splitter followed by the reference parser; and agrees on every prefix of a
/// mutated event.
#[test]
fn parsing_in_place() {
    use console_core::trail::scan::{parse_event_at, prefix_differential};
    for seed in 0..4 {
        let data = gen::trail(Format::Array, 200, seed, 3);
        let text = std::str::from_utf8(&data).ok();
        let mut starts = Vec::new();
        let mut sp = Splitter::boundaries_only();
        sp.feed(&data, &mut |p| {
            if let Piece::Object { bytes, offset, .. } = p {
                starts.push((offset as usize, bytes.len()));
            }
        });
        for (start, len) in starts {
            let (got, end, newlines) = parse_event_at(&data, text, start).unwrap();
            assert_eq!(end, start + len);
            assert_eq!(newlines, data[start..end].iter().filter(|&&b| b == b'\n').count() as u64);
            assert_eq!(got.unwrap(), parse_event(&data[start..end]).unwrap());
        }
    }
    // Line breaks between the tokens of an event, as a pretty-printed file has them, are counted
    // (the splitter's line numbers after it come from the count).
    let pretty = b"{\n  \"eventId\": \"a\",\r\n  \"eventTime\" :\n\"2026-01-01T00:00:00Z\",\n  \"requestParameters\": {\n \"x\": [1,\n 2]\n }\n}\n\n,";
    assert!(matches!(parse_event_at(pretty, std::str::from_utf8(pretty).ok(), 0), Ok((Ok(_), _, 8))));
    assert_eq!(prefix_differential(pretty), Ok(()));
    for e in mutation_events() {
        for cut in [e.len(), e.len() - 1, e.len() / 2] {
            let mut v = e[..cut].to_vec();
            v.extend_from_slice(b" ,{\"eventId\":1} garbage");
            if let Err(d) = prefix_differential(&v) {
                panic!("{d}");
            }
        }
    }
}
