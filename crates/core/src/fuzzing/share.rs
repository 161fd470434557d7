//! Target `share`: share links. A query string built from choices (field includes and excludes
//! with real and odd values, encoded or not, times at the i64 limits, search text, flags, the
//! selected event, junk parts) or arbitrary text goes through `share::from_query`; the filter it
//! gives then runs through a loaded store's queries and pages and through the Log Service and
//! ActionTrail bridges. Checks that a link restores what it carries (decode, encode, decode is
//! stable) and that every answer keeps its promises.

use super::{check, Choices};
use crate::oss::encode::query_component;
use crate::time::parse_iso8601;
use crate::trail::gen::{self, Format};
use crate::trail::handoff::{self, ConsoleSite, TimeNote, MAX_UNIX_SECONDS};
use crate::trail::load::load_bytes;
use crate::trail::share::{from_query, to_query};
use crate::trail::store::{Store, FIELDS};

fn number(c: &mut Choices) -> String {
    match c.byte() % 4 {
        0 => c.edgy_i64().to_string(),
        1 => c.pick(&["+5", "-0", "1e3", "99999999999999999999", " 5", "", "-9223372036854775809", "٣"]).to_string(),
        2 => c.odd_text(12),
        _ => (gen::START_MS + c.below(3 * 86_400_000) as i64).to_string(),
    }
}

fn value(c: &mut Choices, store: &Store) -> String {
    let raw = if c.chance(60) && !store.is_empty() {
        store.value(*c.pick(FIELDS), c.below(store.len())).to_string()
    } else {
        c.odd_text(16)
    };
    if c.chance(70) {
        query_component(&raw)
    } else {
        raw
    }
}

fn link(c: &mut Choices, store: &Store) -> String {
    if c.chance(10) {
        return c.text(256);
    }
    let mut parts = Vec::new();
    for _ in 0..c.below(8) {
        let part = match c.byte() % 12 {
            0 | 1 => {
                let side = if c.flag() { "in" } else { "ex" };
                let key = if c.chance(90) { c.pick(FIELDS).key().to_string() } else { c.odd_text(8) };
                let values: Vec<String> = (0..c.below(4)).map(|_| value(c, store)).collect();
                format!("{side}.{key}={}", values.join(","))
            }
            2 => format!("from={}", number(c)),
            3 => format!("to={}", number(c)),
            4 => format!("q={}", value(c, store)),
            5 => format!("errors={}", c.pick(&["1", "0", "true"])),
            6 => format!("sensitive={}", c.pick(&["1", "0"])),
            7 => format!("order={}", c.pick(&["desc", "asc", ""])),
            8 => format!("sel={}", value(c, store)),
            9 => "in.eventName".to_string(),
            10 => String::new(),
            _ => c.odd_text(12),
        };
        parts.push(part);
    }
    let q = parts.join("&");
    if c.flag() {
        format!("?{q}")
    } else {
        q
    }
}

/// Run one case; panics only on a broken promise.
pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    let format = *c.pick(&[Format::Array, Format::Ndjson, Format::SlsLines]);
    let trail = gen::trail(format, c.range(1, 60) as u64, c.below(100) as u64, 3);
    let mut store = Store::new();
    load_bytes(&mut store, 0, "trail.json", &trail, 4096);

    let q = link(&mut c, &store);
    let view = from_query(&q);
    assert_eq!(from_query(&to_query(&view)), view, "a link does not restore what it carries: {q}");
    let filter = &view.filter;

    let (offset, limit) = match c.byte() % 3 {
        0 => (usize::MAX, usize::MAX),
        1 => (c.below(store.len() + 2), usize::MAX - c.below(2)),
        _ => (c.below(store.len() + 2), c.below(100)),
    };
    check::query(&store, filter, c.below(12), offset, limit, view.desc);
    if let Some(id) = &view.selected {
        let _ = store.find(id);
    }

    let (w, notes) = handoff::window(filter);
    for end in [w.from, w.to].into_iter().flatten() {
        assert!((0..=MAX_UNIX_SECONDS).contains(&end), "window end {end} out of range");
    }
    if !notes.contains(&TimeNote::Clamped) {
        // Widened outward to whole seconds, never narrowed.
        if let (Some(ms), Some(s)) = (filter.from_ms, w.from) {
            assert!(s * 1000 <= ms && ms - s * 1000 < 1000, "from {ms} became {s}");
        }
        if let (Some(ms), Some(s)) = (filter.to_ms, w.to) {
            assert!(s * 1000 >= ms && s * 1000 - ms < 1000, "to {ms} became {s}");
        }
    }
    let sls = handoff::sls_query(filter);
    assert!(!sls.query.is_empty());
    let site = if c.flag() { ConsoleSite::China } else { ConsoleSite::International };
    let url = handoff::sls_console_url(site, &c.odd_text(12), &c.odd_text(12), &sls);
    assert!(!url.contains([' ', '#', '\n', '"']), "unencoded link {url}");

    let lookup = handoff::lookup_events(filter, 1_763_640_000_000);
    assert!(lookup.attributes.len() <= 2, "{} lookup attributes", lookup.attributes.len());
    // Both ends always: the window's where it has them, filled where it is open.
    for (t, s) in [(&lookup.start_time, w.from), (&lookup.end_time, w.to)] {
        let parsed = parse_iso8601(t).expect("lookup times are ISO 8601");
        if let Some(s) = s {
            assert_eq!(parsed, s * 1000, "lookup time {t}");
        }
    }
    assert!(json_has_both_times(&lookup.to_json()), "{}", lookup.to_json());
    let json: serde_json::Value = serde_json::from_str(&lookup.to_json()).expect("lookup JSON parses");
    assert!(json["LookupAttribute"].is_array());
    let _ = lookup.to_cli();
}

fn json_has_both_times(json: &str) -> bool {
    let v: serde_json::Value = serde_json::from_str(json).expect("lookup JSON parses");
    v["StartTime"].is_string() && v["EndTime"].is_string()
}
