//! The fuzz target's body, shared with the regression tests that replay what the fuzzer found:
//! any bytes, loaded in chunks (sometimes gzipped), then queried and exported. Must never panic,
//! and checks what a person relies on: the report counts what the store holds, a page of rows
//! has its length and order, CSV lines have the header's cells, quoted and never a formula, and
//! valid JSON keeps its meaning through the detail view's minify and pretty.

use super::export;
use super::gen;
use super::load::{FileLoader, Limits};
use super::query::Filter;
use super::store::Store;
use crate::fuzzing::check;

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
    store.finalize();
    assert_eq!(report.events as usize, store.len());
    let text = String::from_utf8_lossy(&body[..body.len().min(6)]).into_owned();
    let filter = Filter { text, errors_only: ctl & 1 == 1, ..Default::default() };
    let (result, selection) = store.query_select(&filter, 5, 50);
    assert_eq!(result.summary.filtered as usize, selection.len());
    // A page of rows: as many as asked (or left), in the order asked.
    let desc = ctl & 2 == 2;
    let rows = store.rows(&selection, 0, 3, desc);
    assert_eq!(rows.len(), selection.len().min(3));
    for pair in rows.windows(2) {
        let (a, b) = (pair[0].time_ms, pair[1].time_ms);
        assert!(if desc { a >= b } else { a <= b }, "rows out of order: {a} then {b}");
    }
    // CSV: every line has the header's cells, each quoted, none a formula.
    let shown = selection.len().min(3);
    let mut csv = export::csv_header();
    for &i in &selection[..shown] {
        csv.push_str(&export::csv_row(&store, i as usize));
    }
    check::csv_export(&csv, shown);
    // Valid JSON keeps its meaning through the detail view's minify and pretty.
    check::minify_keeps_meaning(body);
    check::pretty_keeps_meaning(&export::minify(body));
}
