//! Number and size formatting for people.

/// `1234567` → `1,234,567`.
pub fn count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes with a binary unit: `1.5 MB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// `2026-11-01 08:24:43` (UTC).
pub fn utc(ms: i64) -> String {
    console_core::time::UtcDateTime::from_unix_millis(ms)
        .iso8601_extended()
        .replace('T', " ")
        .trim_end_matches('Z')
        .to_string()
}

/// The same instant in the browser's time zone.
pub fn local_time(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(d.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

/// A bucket size for people: `5 minutes`, `1 hour`, `1 day`.
pub fn duration(ms: i64) -> String {
    let (n, unit) = match ms {
        x if x % 86_400_000 == 0 => (x / 86_400_000, "day"),
        x if x % 3_600_000 == 0 => (x / 3_600_000, "hour"),
        x if x % 60_000 == 0 => (x / 60_000, "minute"),
        x => (x / 1000, "second"),
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// Characters of a value shown in facets, chips and links (the whole value stays in the title
/// and in the filter).
pub const SHOWN_CHARS: usize = 120;

/// `s` cut to `max` characters with an ellipsis.
pub fn ellipsis(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
