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
    let header = export::csv_header();
    let width = csv_cells(&header).len();
    for &i in selection.iter().take(3) {
        let line = export::csv_row(&store, i as usize);
        let cells = csv_cells(&line);
        assert_eq!(cells.len(), width, "{line:?}");
        for cell in cells {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a formula cell: {cell:?}");
        }
    }
    // Valid JSON keeps its meaning through the detail view's minify and pretty.
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        let shown = export::pretty(&export::minify(body));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&shown).ok(), Some(value));
    }
}

/// The cells of one CSV line written by `export` (every cell quoted, `""` inside), unquoted;
/// panics on a line that is not that shape.
fn csv_cells(line: &str) -> Vec<String> {
    let body = line.strip_suffix("\r\n").expect("a CSV line ends with CRLF");
    let mut chars = body.chars().peekable();
    let mut cells = Vec::new();
    loop {
        assert_eq!(chars.next(), Some('"'), "every cell is quoted: {line:?}");
        let mut cell = String::new();
        loop {
            match chars.next() {
                Some('"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                Some('"') => break,
                Some(c) => cell.push(c),
                None => panic!("an unterminated cell in {line:?}"),
            }
        }
        cells.push(cell);
        match chars.next() {
            Some(',') => {}
            None => return cells,
            Some(c) => panic!("{c:?} after a cell in {line:?}"),
        }
    }
}
