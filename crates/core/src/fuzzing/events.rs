//! Target `events`: a structure-aware event file (see `event_file`) through the whole read path:
//! sniff → gunzip → split → parse → store, fed in fuzz-chosen chunk sizes under fuzz-chosen
//! limits, then queried with filters built from the loaded values and exported.

use super::check;
use super::event_file::event_file;
use super::Choices;
use crate::trail::export;
use crate::trail::load::{FileLoader, FileProblem, Limits, SKIP_NOTES};
use crate::trail::store::Store;

/// Limits as the app sets them, or small enough that the caps are reached.
pub fn limits(c: &mut Choices) -> Limits {
    let mut l = Limits::default();
    if c.chance(20) {
        l.max_events = c.below(20);
    }
    if c.chance(10) {
        l.max_inflated_bytes = c.below(1 << 16) as u64;
    }
    if c.chance(10) {
        l.max_inflate_ratio = c.below(8) as u64;
        l.ratio_after_bytes = c.below(4096) as u64;
    }
    l
}

/// Run one case; panics only on a broken promise.
pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    let limits = limits(&mut c);
    let file = event_file(&mut c, 40);
    let mut store = Store::new();
    let mut loader = FileLoader::new(0, "fuzz.json", file.bytes.len() as u64, limits);
    let mut pos = 0;
    while pos < file.bytes.len() && !loader.stopped() {
        let end = pos.saturating_add(c.size(1 << 16)).min(file.bytes.len());
        loader.feed(&file.bytes[pos..end], &mut store);
        pos = end;
    }
    let (report, _checkpoints) = loader.finish(&mut store);
    store.finalize();

    // The report tells what happened, and agrees with the store.
    assert!(report.done);
    assert_eq!(report.events as usize, store.len(), "report and store disagree");
    assert!(store.len() <= limits.max_events, "{} events over a cap of {}", store.len(), limits.max_events);
    assert!(report.skips.len() <= SKIP_NOTES && report.skipped >= report.skips.len() as u64);
    assert_ne!(report.format.kind, crate::trail::load::FormatKind::Unknown);
    if !file.bytes.is_empty() && !report.gzip {
        assert_ne!(report.error, Some(FileProblem::Empty), "a {}-byte file reported empty", file.bytes.len());
    }
    assert_eq!(store.order().len(), store.len(), "finish leaves the store ordered");
    if file.exact {
        check::spans(&store, &file.plain);
    }

    for _ in 0..c.range(1, 3) {
        let filter = check::filter_from(&mut c, &store);
        let (offset, limit) = (c.below(store.len() + 3), c.below(64));
        check::query(&store, &filter, c.below(12), offset, limit, c.flag());
        let selection = store.select(&filter);
        let mut csv = export::csv_header();
        for &row in selection.iter().take(50) {
            csv.push_str(&export::csv_row(&store, row as usize));
        }
        check::csv_export(&csv, selection.len().min(50));
    }
}
