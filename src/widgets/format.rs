//! Numbers, sizes and times for people, in the page's language (the browser's `Intl`).

use console_core::i18n::Lang;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

thread_local! {
    /// `Intl.NumberFormat(..).format` per (language, fraction digits): facets format hundreds of
    /// counts per render, and building a formatter each time is the slow part.
    static FORMATS: RefCell<Vec<((Lang, u32), js_sys::Function)>> = const { RefCell::new(Vec::new()) };
}

fn format_number(lang: Lang, fraction_digits: u32, v: f64) -> String {
    let f = FORMATS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, f)) = cache.iter().find(|(k, _)| *k == (lang, fraction_digits)) {
            return f.clone();
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &JsValue::from(fraction_digits));
        let locales = js_sys::Array::of1(&JsValue::from_str(lang.tag()));
        let f = js_sys::Intl::NumberFormat::new(&locales, &options).format();
        cache.push(((lang, fraction_digits), f.clone()));
        f
    });
    f.call1(&JsValue::NULL, &JsValue::from_f64(v)).ok().and_then(|s| s.as_string()).unwrap_or_else(|| v.to_string())
}

/// Build the language's number formatter now. The page's first `Intl.NumberFormat` loads the
/// language's data, tens of milliseconds of the main thread: called once the page is idle, so that
/// this is not paid by the first redraw that shows a figure (a load's first progress, while the
/// worker parses on the other core).
pub fn prepare(lang: Lang) {
    format_number(lang, 1, 0.0);
}

/// A whole number with the language's grouping: `1,234,567` (both languages group by thousands
/// with a comma; written here, not by `Intl`, since a facet redraw formats hundreds of counts and
/// each call into `Intl` cost about 10 µs).
pub fn count(_lang: Lang, n: u64) -> String {
    console_core::i18n::grouped(n)
}

/// A number with at most one decimal: `1.5`.
pub fn decimal(lang: Lang, v: f64) -> String {
    format_number(lang, 1, v)
}

/// Bytes with a binary unit: `1.5 MB`.
pub fn bytes(lang: Lang, n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{} B", count(lang, n))
    } else {
        format!("{} {}", decimal(lang, v), UNITS[u])
    }
}

/// `2026-11-01 08:24:43` (UTC; the same in every language).
pub fn utc(ms: i64) -> String {
    console_core::time::UtcDateTime::from_unix_millis(ms)
        .iso8601_extended()
        .replace('T', " ")
        .trim_end_matches('Z')
        .to_string()
}

/// The same instant in the browser's time zone, written the language's way.
pub fn local_time(lang: Lang, ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(d.to_locale_string(lang.tag(), &wasm_bindgen::JsValue::UNDEFINED))
}

/// A unit of a histogram bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A bucket size as a count of its largest whole unit: 5 minutes, 1 hour, 1 day.
pub fn duration_parts(ms: i64) -> (i64, TimeUnit) {
    match ms {
        x if x % 86_400_000 == 0 => (x / 86_400_000, TimeUnit::Day),
        x if x % 3_600_000 == 0 => (x / 3_600_000, TimeUnit::Hour),
        x if x % 60_000 == 0 => (x / 60_000, TimeUnit::Minute),
        x => (x / 1000, TimeUnit::Second),
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn numbers_follow_the_language() {
        assert_eq!(count(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(count(Lang::Zh, 1_234_567), "1,234,567");
        // Counts are grouped without Intl: the same as Intl's, in both languages.
        for n in [0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, 123_456_789, 9_007_199_254_740_991] {
            for lang in [Lang::En, Lang::Zh] {
                assert_eq!(count(lang, n), format_number(lang, 0, n as f64), "{n}");
            }
        }
        assert_eq!(bytes(Lang::En, 1536), "1.5 KB");
        assert_eq!(bytes(Lang::En, 12), "12 B");
        assert_eq!(decimal(Lang::En, 2.25), "2.3");
        assert_eq!(decimal(Lang::Zh, 1234.0), "1,234");
        assert_eq!(duration_parts(300_000), (5, TimeUnit::Minute));
        // The local time is written differently in each language.
        assert_ne!(local_time(Lang::En, 1_700_000_000_000), local_time(Lang::Zh, 1_700_000_000_000));
    }
}
