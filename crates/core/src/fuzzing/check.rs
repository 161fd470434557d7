//! What the fuzz targets assert: the promises a user relies on, checked after each step.

use crate::trail::export;
use crate::trail::parse::parse_event;
use crate::trail::query::{Filter, TIME_LIMIT_MS};
use crate::trail::store::{clip, Field, Store, FIELDS, MAX_ID_BYTES};

/// A query's answer is consistent with the store: no more rows than events, counts that add
/// up, every selected event inside the time range, pages of the right length.
pub fn query(store: &Store, filter: &Filter, facet_limit: usize, offset: usize, limit: usize, desc: bool) {
    let (result, selection) = store.query_select(filter, facet_limit, 120);
    let n = selection.len();
    assert!(n <= store.len(), "a query selected {n} of {} events", store.len());
    assert_eq!(result.summary.filtered as usize, n);
    assert_eq!(result.summary.total as usize, store.order().len());
    assert_eq!(result.histogram.counts.iter().sum::<u64>(), n as u64, "the histogram lost events");
    assert!(result.summary.errors <= n as u64);
    for f in &result.facets {
        assert!(f.top.len() <= facet_limit, "facet {:?} shows {} of {facet_limit}", f.field, f.top.len());
    }
    if filter.from_ms.is_some() || filter.to_ms.is_some() {
        let from = filter.from_ms.unwrap_or(i64::MIN).clamp(-TIME_LIMIT_MS, TIME_LIMIT_MS);
        let to = filter.to_ms.unwrap_or(i64::MAX).clamp(-TIME_LIMIT_MS, TIME_LIMIT_MS);
        for &row in &selection {
            let t = store.times[row as usize];
            assert!(from <= t && t < to, "event at {t} selected for [{from}, {to})");
        }
    }
    assert!(selection.windows(2).all(|w| store.times[w[0] as usize] <= store.times[w[1] as usize]));
    let rows = store.rows(&selection, offset, limit, desc);
    assert_eq!(rows.len(), limit.min(n.saturating_sub(offset)), "page at {offset}+{limit} of {n}");
    assert_eq!(store.select(filter), selection, "select and query_select disagree");
}

/// Every stored event points at its own JSON in `stream` (what the detail view and exports read
/// back): the span is inside the stream, parses as an event, and has the stored event's id.
pub fn spans(store: &Store, stream: &[u8]) {
    for (row, src) in store.sources.iter().enumerate() {
        let start = usize::try_from(src.offset).expect("offset fits");
        let bytes = stream.get(start..start + src.len as usize).unwrap_or_else(|| {
            panic!("row {row}: span {start}+{} outside the {}-byte stream", { src.len }, stream.len())
        });
        assert!(bytes.first() == Some(&b'{') && bytes.last() == Some(&b'}'), "row {row}: span is not an object");
        let parsed = parse_event(bytes).unwrap_or_else(|e| panic!("row {row}: its span does not parse again: {e}"));
        let id = parsed.fields.event_id.as_deref().unwrap_or_default();
        if !id.is_empty() {
            assert_eq!(store.event_id(row), clip(id, MAX_ID_BYTES), "row {row}: span holds another event");
        }
        let json = export::event_json(bytes, src.wrapping);
        minify_keeps_meaning(&json);
        pretty_keeps_meaning(&json);
    }
}

/// Minifying valid JSON gives the same value.
pub fn minify_keeps_meaning(json: &[u8]) {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(json) {
        let small = export::minify(json);
        let again = serde_json::from_slice::<serde_json::Value>(&small);
        assert_eq!(again.ok(), Some(v), "minify changed {:?}", String::from_utf8_lossy(json));
    }
}

/// The detail view's layout of valid JSON reads back as the same value (the view keeps every
/// token as written, so no number is rounded and no key dropped).
pub fn pretty_keeps_meaning(json: &[u8]) {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(json) {
        let shown = export::pretty(json);
        let again = serde_json::from_str::<serde_json::Value>(&shown);
        assert_eq!(again.ok(), Some(v), "pretty changed {:?}", String::from_utf8_lossy(json));
    }
}

/// CSV as RFC 4180 reads it (quoted cells; `""` is a quote). `None` if not well formed.
pub fn csv_records(text: &str) -> Option<Vec<Vec<String>>> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let mut record = Vec::new();
        loop {
            if chars.next()? != '"' {
                return None;
            }
            let mut cell = String::new();
            loop {
                match chars.next()? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => break,
                    c => cell.push(c),
                }
            }
            record.push(cell);
            match chars.next()? {
                ',' => continue,
                '\r' if chars.next()? == '\n' => break,
                _ => return None,
            }
        }
        records.push(record);
    }
    Some(records)
}

/// An export as CSV: the header and `rows` records, each with every column, every cell quoted
/// and none a spreadsheet would run as a formula.
pub fn csv_export(text: &str, rows: usize) {
    let records = csv_records(text).unwrap_or_else(|| panic!("CSV not well formed: {text:?}"));
    assert_eq!(records.len(), rows + 1, "CSV has {} records for {rows} events", records.len());
    let columns = FIELDS.len() + 3;
    for r in &records {
        assert_eq!(r.len(), columns, "a CSV record with {} cells: {r:?}", r.len());
        for cell in r {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula cell {cell:?}");
        }
    }
    assert_eq!(records[0][2], Field::EventName.key());
}

/// A filter built from what the store holds (so includes and excludes hit), plus odd text and a
/// time range at the limits.
pub fn filter_from(c: &mut super::Choices, store: &Store) -> Filter {
    let mut f = Filter::default();
    for _ in 0..c.below(4) {
        let field = *c.pick(FIELDS);
        let dict = store.dict(field);
        let mut values = Vec::new();
        for _ in 0..c.range(1, 3) {
            values.push(if c.chance(70) && !dict.is_empty() {
                dict.get(c.below(dict.len()) as u32).to_string()
            } else {
                c.odd_text(16)
            });
        }
        if c.flag() {
            f.exclude.push((field, values));
        } else {
            f.include.push((field, values));
        }
    }
    if c.chance(40) {
        f.from_ms = Some(c.edgy_i64());
    }
    if c.chance(40) {
        f.to_ms = Some(c.edgy_i64());
    }
    if c.chance(30) {
        f.text = if c.flag() && !store.is_empty() {
            // A piece of a real value, so the search finds something.
            let v = store.value(*c.pick(FIELDS), c.below(store.len()));
            let a = c.below(v.len() + 1);
            let b = a + c.below(v.len() - a + 1);
            String::from_utf8_lossy(&v.as_bytes()[a..b]).into_owned()
        } else {
            c.odd_text(24)
        };
    }
    f.errors_only = c.chance(10);
    f.sensitive_only = c.chance(10);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_reader_reads_what_export_writes_and_refuses_junk() {
        let text = format!("{}\"a\"\"b\",\"x\r\ny\"\r\n", export::csv_header());
        let r = csv_records(&text).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[1], ["a\"b", "x\r\ny"]);
        for junk in ["a,b\r\n", "\"a\"", "\"a\",b\r\n", "\"a\"\n"] {
            assert_eq!(csv_records(junk), None, "{junk:?}");
        }
    }
}
