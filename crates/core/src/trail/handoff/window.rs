//! The filter's time range as whole Unix seconds, as SLS and LookupEvents take it.

use crate::time::UtcDateTime;
use crate::trail::query::Filter;

/// The latest second the window carries (`9999-12-31T23:59:59Z`), so ISO 8601 keeps four digits.
pub const MAX_UNIX_SECONDS: i64 = 253_402_300_799;

/// The query window in whole Unix seconds, `[from, to)` as SLS takes it [GETLOGS]; `None` is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// What happened to the filter's time range on the way to whole seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeNote {
    /// One or both ends are open: SLS needs both and LookupEvents would use its defaults, so the
    /// caller should pick them (the console link keeps the console's own default range).
    Open,
    /// An end was not on a whole second: the window was widened to whole seconds.
    RoundedOutward,
    /// An end lay before 1970 or after 9999 and was clamped to that range.
    Clamped,
    /// The window holds no second (`from >= to`): SLS rejects `from == to` [GETLOGS].
    Empty,
}

/// Unix ms to seconds, rounding down (start) or up (exclusive end); never overflows.
pub(super) fn to_seconds(ms: i64, round_up: bool) -> (i64, bool, bool) {
    let (q, r) = (ms.div_euclid(1000), ms.rem_euclid(1000));
    let s = if round_up && r != 0 { q + 1 } else { q };
    let clamped = s.clamp(0, MAX_UNIX_SECONDS);
    (clamped, r != 0, clamped != s)
}

/// The filter's `[from_ms, to_ms)` as whole seconds, widened so no event the explorer shows is left out.
pub fn window(filter: &Filter) -> (Window, Vec<TimeNote>) {
    let from = filter.from_ms.map(|ms| to_seconds(ms, false));
    let to = filter.to_ms.map(|ms| to_seconds(ms, true));
    let mut notes = Vec::new();
    if from.is_none() || to.is_none() {
        notes.push(TimeNote::Open);
    }
    let ends = [from, to];
    if ends.iter().flatten().any(|e| e.1) {
        notes.push(TimeNote::RoundedOutward);
    }
    if ends.iter().flatten().any(|e| e.2) {
        notes.push(TimeNote::Clamped);
    }
    let w = Window { from: from.map(|e| e.0), to: to.map(|e| e.0) };
    if let (Some(a), Some(b)) = (w.from, w.to) {
        if a >= b {
            notes.push(TimeNote::Empty);
        }
    }
    (w, notes)
}

/// `2024-05-01T08:00:00Z`, the form LookupEvents and the CLI take for dates [CLI].
pub(super) fn iso8601(seconds: i64) -> String {
    UtcDateTime::from_unix_millis(seconds.clamp(0, MAX_UNIX_SECONDS) * 1000).iso8601_extended()
}
