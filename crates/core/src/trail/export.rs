//! Export pieces: CSV rows (cells that a spreadsheet would run as formulas are neutralized),
//! one event as compact JSON (for NDJSON), and unwrapping an event stored as a JSON string.

use super::parse::Wrapping;
use super::store::{Store, FIELDS};
use crate::time::UtcDateTime;

/// The name an export of `filter` downloads as: `actiontrail-events`, then what the filter keeps
/// (the presets, `filtered` for values or a search, the time range in UTC), then the extension:
/// `actiontrail-events-errors-filtered-20251101T0000Z-20251102T0000Z.csv`.
pub fn file_name(filter: &super::query::Filter, extension: &str) -> String {
    let mut name = String::from("actiontrail-events");
    if filter.errors_only {
        name.push_str("-errors");
    }
    if filter.sensitive_only {
        name.push_str("-sensitive");
    }
    if !filter.include.is_empty() || !filter.exclude.is_empty() || !filter.text.trim().is_empty() {
        name.push_str("-filtered");
    }
    let stamp = |ms: i64| {
        let t = UtcDateTime::from_unix_millis(ms);
        format!("{:04}{:02}{:02}T{:02}{:02}Z", t.year, t.month, t.day, t.hour, t.minute)
    };
    match (filter.from_ms, filter.to_ms) {
        (Some(a), Some(b)) => name.push_str(&format!("-{}-{}", stamp(a), stamp(b))),
        (Some(a), None) => name.push_str(&format!("-from-{}", stamp(a))),
        (None, Some(b)) => name.push_str(&format!("-to-{}", stamp(b))),
        (None, None) => {}
    }
    format!("{name}.{extension}")
}

/// The CSV header: time, id, every field, then the error message.
pub fn csv_header() -> String {
    let mut cells = vec!["eventTime", "eventId"];
    cells.extend(FIELDS.iter().map(|f| f.key()));
    cells.push("errorMessage");
    csv_line(cells)
}

/// One CSV cell, always quoted (so no reader's separator, `,` or `;` or tab, can split it). A
/// value starting with `= + - @`, TAB or CR gets a leading `'`, so spreadsheets show it instead of
/// evaluating it as a formula.
pub fn csv_cell(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 3);
    out.push('"');
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    for c in v.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn csv_line<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = cells.into_iter().map(csv_cell).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// Row `i` as a CSV line (with CRLF, per RFC 4180), in `csv_header`'s column order.
pub fn csv_row(store: &Store, i: usize) -> String {
    let t = UtcDateTime::from_unix_millis(store.times[i]).iso8601_extended();
    let mut cells = vec![t.as_str(), store.event_id(i)];
    cells.extend(FIELDS.iter().map(|&f| store.value(f, i)));
    cells.push(store.error_message(i));
    csv_line(cells)
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
    // Checked with serde (nesting capped at its recursion limit), then laid out token by token:
    // numbers, strings, key order and repeated keys stay exactly as in the file (re-serializing
    // a parsed value would sort the keys, drop a repeated one and round numbers past f64).
    if serde_json::from_slice::<serde::de::IgnoredAny>(json).is_err() {
        return String::from_utf8_lossy(json).into_owned();
    }
    let compact = String::from_utf8_lossy(&minify(json)).into_owned();
    let mut out = String::with_capacity(compact.len() * 2);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let (mut depth, mut in_string, mut escape) = (0usize, false, false);
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escape {
                escape = false;
            } else if c == '\\' {
                escape = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_presets_the_filter_and_the_time_range() {
        use crate::trail::query::Filter;
        use crate::trail::store::Field;
        assert_eq!(file_name(&Filter::default(), "json"), "actiontrail-events.json");
        let f = Filter {
            include: vec![(Field::AcsRegion, vec!["cn-hangzhou".into()])],
            errors_only: true,
            from_ms: Some(1_761_955_200_000),
            to_ms: Some(1_762_041_600_000),
            ..Default::default()
        };
        assert_eq!(file_name(&f, "csv"), "actiontrail-events-errors-filtered-20251101T0000Z-20251102T0000Z.csv");
        let open = Filter { from_ms: Some(1_761_955_200_000), sensitive_only: true, ..Default::default() };
        assert_eq!(file_name(&open, "ndjson"), "actiontrail-events-sensitive-from-20251101T0000Z.ndjson");
    }

    #[test]
    fn csv_injection_and_quoting() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "\"'+1\"");
        assert_eq!(csv_cell("-cmd"), "\"'-cmd\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("\tx"), "\"'\tx\"");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("plain"), "\"plain\"");
        assert_eq!(csv_cell(""), "\"\"");
        // A reader splitting on `;` sees one quoted cell, not a formula after the separator.
        assert_eq!(csv_cell("x;=1+1"), "\"x;=1+1\"");
        assert!(csv_header().starts_with("\"eventTime\",\"eventId\",\"eventName\""));
    }

    #[test]
    fn pretty_keeps_every_token_and_the_key_order_as_written() {
        let json = br#" {"b":1, "a":[1,2,{}],"n":118e119,"big":123456789012345678901234567890,
            "s":"x, y: {z} \" [","e":[],"b":2}"#;
        let want = r#"{
  "b": 1,
  "a": [
    1,
    2,
    {}
  ],
  "n": 118e119,
  "big": 123456789012345678901234567890,
  "s": "x, y: {z} \" [",
  "e": [],
  "b": 2
}"#;
        assert_eq!(pretty(json), want);
        // Not JSON: shown as it is.
        assert_eq!(pretty(b"{\"a\":"), "{\"a\":");
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
