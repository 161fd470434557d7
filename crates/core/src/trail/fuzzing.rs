//! The fuzz target's body, shared with the regression tests that replay what the fuzzer found:
//! any bytes, loaded in chunks (sometimes gzipped), then queried and exported. Must never panic.

use super::export;
use super::gen;
use super::load::{FileLoader, Limits};
use super::parse::parse_event;
use super::query::Filter;
use super::store::{Field, Store};

/// Run the whole read path over `data`.
pub fn exercise(data: &[u8]) {
    let (ctl, body) = match data.split_first() {
        Some((c, b)) => (*c, b),
        None => (0, data),
    };
    let chunk = 1 + (ctl as usize % 7) * 13;
    let input = if ctl & 0x80 != 0 { gen::gzip(body) } else { body.to_vec() };
    let mut store = Store::new();
    let mut loader = FileLoader::new(0, "fuzz", input.len() as u64, Limits::default());
    for c in input.chunks(chunk) {
        loader.feed(c, &mut store);
    }
    let (report, _) = loader.finish(&mut store);
    assert_eq!(report.events as usize, store.len());
    let text = String::from_utf8_lossy(&body[..body.len().min(6)]).into_owned();
    let filter = Filter { text, errors_only: ctl & 1 == 1, ..Default::default() };
    let (result, selection) = store.query_select(&filter, 5, 50);
    assert_eq!(result.summary.filtered as usize, selection.len());
    for row in store.rows(&selection, 0, 3, ctl & 2 == 2) {
        let _ = Field::from_key(&row.event_name);
    }
    let _ = export::csv_header();
    for &i in selection.iter().take(3) {
        let _ = export::csv_row(&store, i as usize);
    }
    let _ = parse_event(body);
    let _ = export::pretty(&export::minify(body));
}
