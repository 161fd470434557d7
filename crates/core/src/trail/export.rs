//! Export pieces: CSV rows (cells that a spreadsheet would run as formulas are neutralized),
//! one event as compact JSON (for NDJSON), and unwrapping an event stored as a JSON string.

use super::parse::Wrapping;
use super::store::{Field, Store};
use crate::time::UtcDateTime;

/// The CSV header.
pub const CSV_HEADER: &str =
    "eventTime,eventId,eventName,serviceName,identityType,userName,accessKeyId,sourceIpAddress,acsRegion,bucket,errorCode,errorMessage,eventRW,eventType,userAgent\r\n";

/// One CSV cell: quoted when needed; a leading `= + - @` (or tab/CR) gets a `'` so spreadsheets
/// show it instead of evaluating it.
pub fn csv_cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{v}") } else { v.to_string() };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// Row `i` as a CSV line (with CRLF, per RFC 4180).
pub fn csv_row(store: &Store, i: usize) -> String {
    let t = UtcDateTime::from_unix_millis(store.times[i]).iso8601_extended();
    let cells = [
        t.as_str(),
        store.event_id(i),
        store.value(Field::EventName, i),
        store.value(Field::ServiceName, i),
        store.value(Field::IdentityType, i),
        store.value(Field::UserName, i),
        store.value(Field::AccessKeyId, i),
        store.value(Field::SourceIpAddress, i),
        store.value(Field::AcsRegion, i),
        store.value(Field::Bucket, i),
        store.value(Field::ErrorCode, i),
        store.error_message(i),
        store.value(Field::EventRw, i),
        store.value(Field::EventType, i),
        store.value(Field::UserAgent, i),
    ];
    let mut line = cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// The event's own JSON from the bytes stored for it: unwraps SLS / CloudTrail LookupEvents
/// wrappers. Falls back to the bytes as they are.
pub fn event_json(bytes: &[u8], wrapping: Wrapping) -> Vec<u8> {
    if wrapping == Wrapping::JsonString {
        if let Ok(serde_json::Value::Object(m)) = serde_json::from_slice::<serde_json::Value>(bytes) {
            if let Some(serde_json::Value::String(s)) = m.get("event").or_else(|| m.get("CloudTrailEvent")) {
                return s.clone().into_bytes();
            }
        }
    }
    bytes.to_vec()
}

/// Remove insignificant whitespace (one event per line for NDJSON), keeping strings intact.
pub fn minify(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    let (mut in_string, mut escape) = (false, false);
    for &b in json {
        if in_string {
            out.push(b);
            if escape {
                escape = false;
            } else if b == b'\\' {
                escape = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            if b == b'"' {
                in_string = true;
            }
            out.push(b);
        }
    }
    out
}

/// Pretty-print an event for the detail view (falls back to the text as is).
pub fn pretty(json: &[u8]) -> String {
    match serde_json::from_slice::<serde_json::Value>(json) {
        Ok(v) => serde_json::to_string_pretty(&v).unwrap_or_default(),
        Err(_) => String::from_utf8_lossy(json).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_injection_and_quoting() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-cmd"), "'-cmd");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn minify_keeps_strings() {
        assert_eq!(
            minify(b"{ \"a b\" : [1, 2],\n \"c\\\" d\": \"x y\" }"),
            b"{\"a b\":[1,2],\"c\\\" d\":\"x y\"}".to_vec()
        );
    }

    #[test]
    fn unwraps_sls() {
        let sls = br#"{"__time__":"1","event":"{\"eventId\":\"a\"}"}"#;
        assert_eq!(event_json(sls, Wrapping::JsonString), br#"{"eventId":"a"}"#.to_vec());
        assert_eq!(event_json(b"{}", Wrapping::None), b"{}".to_vec());
    }
}
