//! Queries over the store: a filter → counts, per-field value counts, a time histogram, pages of
//! rows. The selection comes first (off a field's postings for a facet click, else from a pass
//! over the columns); the histogram and the facets are then counted over it, or taken from the
//! unfiltered counts when most rows pass.

use super::store::{clip, merge_in_time_order, with_ids, Field, Ids, Store, FIELDS};
use serde::{Deserialize, Serialize};

/// What to keep. Within a field, included values are OR'd; across fields, AND'd. Excluded
/// values are removed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub include: Vec<(Field, Vec<String>)>,
    #[serde(default)]
    pub exclude: Vec<(Field, Vec<String>)>,
    /// Inclusive start, Unix ms.
    #[serde(default)]
    pub from_ms: Option<i64>,
    /// Exclusive end, Unix ms.
    #[serde(default)]
    pub to_ms: Option<i64>,
    /// Free text, matched case-insensitively against every value of the event.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub errors_only: bool,
    #[serde(default)]
    pub sensitive_only: bool,
}

impl Filter {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self == &Filter::default()
    }

    fn list(&mut self, exclude: bool) -> &mut Vec<(Field, Vec<String>)> {
        if exclude {
            &mut self.exclude
        } else {
            &mut self.include
        }
    }

    /// Whether `value` of `field` is included (or excluded).
    pub fn has(&self, field: Field, value: &str, exclude: bool) -> bool {
        let list = if exclude { &self.exclude } else { &self.include };
        list.iter().any(|(f, vs)| *f == field && vs.iter().any(|v| v == value))
    }

    /// Add or remove `value` of `field` in the include (or exclude) set. A value is never both
    /// included and excluded: adding to one side removes it from the other.
    pub fn toggle(&mut self, field: Field, value: &str, exclude: bool) {
        if self.has(field, value, exclude) {
            self.remove(field, value, exclude);
            return;
        }
        self.remove(field, value, !exclude);
        let list = self.list(exclude);
        match list.iter_mut().find(|(f, _)| *f == field) {
            Some((_, vs)) => vs.push(value.to_string()),
            None => list.push((field, vec![value.to_string()])),
        }
    }

    /// Remove one value (and the field's entry once it is empty).
    pub fn remove(&mut self, field: Field, value: &str, exclude: bool) {
        let list = self.list(exclude);
        for (f, vs) in list.iter_mut() {
            if *f == field {
                vs.retain(|v| v != value);
            }
        }
        list.retain(|(_, vs)| !vs.is_empty());
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    #[test]
    fn toggle_include_exclude() {
        let mut f = Filter::default();
        f.toggle(Field::EventName, "A", false);
        f.toggle(Field::EventName, "B", false);
        assert_eq!(f.include, vec![(Field::EventName, vec!["A".to_string(), "B".to_string()])]);
        f.toggle(Field::EventName, "A", true);
        assert!(f.has(Field::EventName, "A", true) && !f.has(Field::EventName, "A", false));
        f.toggle(Field::EventName, "B", false);
        assert!(f.include.is_empty());
        f.toggle(Field::EventName, "A", true);
        assert!(f.is_empty());
    }
}

/// Counts for one value of a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueCount {
    pub value: String,
    pub count: u64,
    /// For a bucket: the region of its events (`acsRegion`), to open it in the tracking view.
    pub region: Option<String>,
}

/// A field's breakdown: the top values, and how many events have other values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub field: Field,
    pub top: Vec<ValueCount>,
    pub other: u64,
    pub distinct: u64,
}

/// The histogram: `counts[k]` events (of which `errors[k]` failed) in
/// `[start + k*bucket, start + (k+1)*bucket)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Histogram {
    pub start_ms: i64,
    pub bucket_ms: i64,
    pub counts: Vec<u64>,
    pub errors: Vec<u64>,
}

/// Totals for the summary strip.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub total: u64,
    pub filtered: u64,
    pub errors: u64,
    pub first_ms: Option<i64>,
    pub last_ms: Option<i64>,
    pub identities: u64,
    pub source_ips: u64,
    pub buckets: u64,
}

/// Everything a filter change redraws.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryResult {
    pub summary: Summary,
    pub facets: Vec<Facet>,
    pub histogram: Histogram,
}

/// One table row. Values are cut to `ROW_VALUE_CHARS` for display; the detail has them whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub event_id: String,
    pub time_ms: i64,
    pub event_name: String,
    pub identity: String,
    pub source_ip: String,
    pub region: String,
    pub bucket: String,
    pub error_code: String,
    pub sensitive: bool,
    /// Shown when the person adds their columns.
    pub access_key_id: String,
    pub error_message: String,
    pub request_id: String,
    pub user_agent: String,
}

/// Table cells carry at most this many bytes of a value.
pub const ROW_VALUE_BYTES: usize = 256;

/// Bucket sizes the histogram chooses from.
pub const BUCKETS_MS: &[i64] = &[
    60_000,
    5 * 60_000,
    15 * 60_000,
    30 * 60_000,
    3_600_000,
    3 * 3_600_000,
    6 * 3_600_000,
    12 * 3_600_000,
    86_400_000,
    7 * 86_400_000,
];

/// Times outside ±10,000 years are clamped (a link can carry any i64).
pub const TIME_LIMIT_MS: i64 = 315_537_897_600_000;

/// The smallest bucket giving at most `max_buckets` over `span_ms`.
pub fn bucket_size(span_ms: i64, max_buckets: i64) -> i64 {
    let max_buckets = max_buckets.max(1);
    BUCKETS_MS.iter().copied().find(|b| span_ms / b < max_buckets).unwrap_or(7 * 86_400_000)
}

/// A filter compiled against a store's dictionaries.
struct Compiled {
    /// Per field: allowed ids (None: no include filter on this field).
    include: Vec<Option<Vec<bool>>>,
    exclude: Vec<Option<Vec<bool>>>,
    /// The search text, lowercase (None: no search).
    text: Option<String>,
    range: Option<(i64, i64)>,
    errors_only: bool,
    sensitive_only: bool,
}

fn id_set(store: &Store, field: Field, values: &[String], into: &mut Option<Vec<bool>>) {
    let dict = store.dict(field);
    let set = into.get_or_insert_with(|| vec![false; dict.len()]);
    for v in values {
        if let Some(id) = dict.id(v) {
            set[id as usize] = true;
        }
    }
}

impl Compiled {
    /// The one field this filter constrains, when it constrains nothing else (no time range,
    /// preset, search or other field): every row then passes or fails only that field's filter.
    fn only_field(&self) -> Option<usize> {
        if self.range.is_some() || self.errors_only || self.sensitive_only || self.text.is_some() {
            return None;
        }
        let mut fields = (0..FIELDS.len()).filter(|&i| self.include[i].is_some() || self.exclude[i].is_some());
        match (fields.next(), fields.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        }
    }

    fn new(store: &Store, f: &Filter) -> Self {
        let mut include: Vec<Option<Vec<bool>>> = vec![None; FIELDS.len()];
        for (field, values) in &f.include {
            id_set(store, *field, values, &mut include[field.index()]);
        }
        let mut exclude: Vec<Option<Vec<bool>>> = vec![None; FIELDS.len()];
        for (field, values) in &f.exclude {
            id_set(store, *field, values, &mut exclude[field.index()]);
        }
        let needle = f.text.trim().to_lowercase().replace('\0', "");
        let range = (f.from_ms.is_some() || f.to_ms.is_some()).then(|| {
            let from = f.from_ms.unwrap_or(i64::MIN).clamp(-TIME_LIMIT_MS, TIME_LIMIT_MS);
            let to = f.to_ms.unwrap_or(i64::MAX).clamp(-TIME_LIMIT_MS, TIME_LIMIT_MS);
            (from, to)
        });
        Compiled {
            include,
            exclude,
            text: (!needle.is_empty()).then_some(needle),
            range,
            errors_only: f.errors_only,
            sensitive_only: f.sensitive_only,
        }
    }
}

/// A histogram worked out for rows: its shape (start, bucket size, buckets), the counts and
/// errors per bucket, and the errors in all.
#[derive(Clone, Debug)]
pub(super) struct HistCounts {
    shape: (i64, i64, usize),
    counts: Vec<u64>,
    errors_by_bucket: Vec<u64>,
    errors: u64,
}

/// How many of `rows` have each value id of `col`. Four interleaved tallies, summed at the end:
/// with few distinct values one counter is hit row after row, and each add would wait for the
/// last.
fn count_ids(col: &Ids, rows: &[u32], values: usize) -> Vec<u64> {
    let mut part = vec![[0u32; 4]; values];
    with_ids!(col, col => {
        let mut chunks = rows.chunks_exact(4);
        for c in &mut chunks {
            for k in 0..4 {
                part[col[c[k] as usize] as usize][k] += 1;
            }
        }
        for &r in chunks.remainder() {
            part[col[r as usize] as usize][0] += 1;
        }
    });
    part.iter().map(|p| p.iter().map(|&x| u64::from(x)).sum()).collect()
}

/// Per-row state of a query: passes, fails only one field's filter, or fails.
const PASS: u8 = 0;
const FAIL: u8 = 255;

impl Store {
    /// One byte per ordered row: `PASS`, `k + 1` when only field `k`'s filter fails (so its
    /// facet still counts the row), or `FAIL`. Column by column, so each pass is a tight loop.
    fn row_states(&self, c: &Compiled) -> Vec<u8> {
        let n = self.order().len();
        let mut st = vec![PASS; n];
        if let Some((from, to)) = c.range {
            for (s, &t) in st.iter_mut().zip(&self.times[..n]) {
                if t < from || t >= to {
                    *s = FAIL;
                }
            }
        }
        if c.errors_only {
            with_ids!(self.col(Field::ErrorCode), col => {
                for (s, &e) in st.iter_mut().zip(&col[..n]) {
                    if e == 0 {
                        *s = FAIL;
                    }
                }
            });
        }
        if c.sensitive_only {
            for (s, &x) in st.iter_mut().zip(&self.sensitive[..n]) {
                if !x {
                    *s = FAIL;
                }
            }
        }
        if let Some(needle) = &c.text {
            let hit = self.search(needle, n, self.search_cache());
            for (s, h) in st.iter_mut().zip(hit) {
                if !h {
                    *s = FAIL;
                }
            }
        }
        for &field in FIELDS {
            let (inc, exc) = (&c.include[field.index()], &c.exclude[field.index()]);
            if inc.is_none() && exc.is_none() {
                continue;
            }
            let mark = field.index() as u8 + 1;
            with_ids!(self.col(field), col => {
                for (s, &id) in st.iter_mut().zip(&col[..n]) {
                    let fails = inc.as_ref().is_some_and(|set| !set[id as usize])
                        || exc.as_ref().is_some_and(|set| set[id as usize]);
                    if fails {
                        *s = if *s == PASS { mark } else { FAIL };
                    }
                }
            });
        }
        st
    }

    /// Run a filter: summary, top-`facet_limit` values per field, and a histogram of at most
    /// `max_buckets` buckets over the filter's time range (or the data's span).
    pub fn query(&self, filter: &Filter, facet_limit: usize, max_buckets: i64) -> QueryResult {
        self.query_select(filter, facet_limit, max_buckets).0
    }

    /// `query`, plus the matching rows in time order. Only rows ordered by the last `finalize`
    /// are considered.
    pub fn query_select(&self, filter: &Filter, facet_limit: usize, max_buckets: i64) -> (QueryResult, Vec<u32>) {
        let c = Compiled::new(self, filter);
        let order = self.order();
        let n = order.len();
        // One field's include or exclude alone (a facet click): the selection is read off that
        // field's column, and the rows' states are worked out only if a facet needs them.
        let only = c.only_field();
        let mut st = if only.is_some() { Vec::new() } else { self.row_states(&c) };
        let max_buckets = max_buckets.clamp(1, 10_000);
        let (first, last) =
            (order.first().map(|&i| self.times[i as usize]), order.last().map(|&i| self.times[i as usize]));
        let span_start = c.range.map(|r| r.0).or(first).unwrap_or(0).max(-TIME_LIMIT_MS);
        let span_end =
            c.range.map(|r| r.1).or(last.map(|l| l.saturating_add(1))).unwrap_or(span_start.saturating_add(1));
        let span_end = span_end.min(TIME_LIMIT_MS).max(span_start.saturating_add(1));
        let bucket_ms = bucket_size(span_end - span_start, max_buckets);
        let start_ms = span_start - span_start.rem_euclid(bucket_ms);
        let nbuckets = ((span_end - start_ms) / bucket_ms + 1).clamp(1, max_buckets * 2) as usize;
        let mut summary = Summary { total: order.len() as u64, ..Default::default() };
        let unfiltered = filter.is_empty();
        let selection: Vec<u32> = if unfiltered {
            order.to_vec()
        } else if let Some(rows) = only.and_then(|i| self.included_rows(i, &c)) {
            rows
        } else if let Some(i) = only {
            // The field's column read directly, once per width: this scans every row.
            let (inc, exc) = (&c.include[i], &c.exclude[i]);
            with_ids!(self.col(FIELDS[i]), col => order
                .iter()
                .copied()
                .filter(|&row| {
                    let id = col[row as usize] as usize;
                    !(inc.as_ref().is_some_and(|set| !set[id]) || exc.as_ref().is_some_and(|set| set[id]))
                })
                .collect())
        } else {
            order.iter().copied().filter(|&row| st[row as usize] == PASS).collect()
        };
        let shape = (start_ms, bucket_ms, nbuckets);
        let counted = if unfiltered {
            let mut kept = self.unfiltered_hist().borrow_mut();
            match kept.as_ref().filter(|h| h.shape == shape) {
                Some(h) => h.clone(),
                None => kept.insert(self.hist_counts(&selection, shape)).clone(),
            }
        } else {
            self.hist_counts(&selection, shape)
        };
        summary.errors = counted.errors;
        summary.filtered = selection.len() as u64;
        summary.first_ms = selection.first().map(|&i| self.times[i as usize]);
        summary.last_ms = selection.last().map(|&i| self.times[i as usize]);
        let mut facets = Vec::with_capacity(FIELDS.len());
        let small = selection.len() * 4 < n;
        // The rows' states after all when the facets below need them: most rows selected, or the
        // unfiltered counts out of date.
        if let Some(i) = only {
            let stale = self.base_counts()[i].len() != self.dict(FIELDS[i]).len();
            if !small || stale {
                st = self.row_states(&c);
            }
        }
        let have_states = st.len() == n;
        // The rows that do not pass, when they are few (most rows pass).
        let failing: Option<Vec<u32>> = (have_states && selection.len() * 4 > n * 3)
            .then(|| st.iter().enumerate().filter(|(_, &s)| s != PASS).map(|(r, _)| r as u32).collect());
        for &f in FIELDS {
            let col = self.col(f);
            let own = f.index() as u8 + 1;
            // Only a field with its own include or exclude can hold rows back from its facet
            // (taken as so when the states were not worked out).
            let own_marks = (c.include[f.index()].is_some() || c.exclude[f.index()].is_some())
                && (!have_states || st.contains(&own));
            let base_ok = self.base_counts()[f.index()].len() == self.dict(f).len();
            let counts = if unfiltered {
                self.base_counts()[f.index()].clone()
            } else if base_ok && only == Some(f.index()) {
                // Only this field's own filter: its facet counts every row, as unfiltered.
                self.base_counts()[f.index()].clone()
            } else if let Some(failing) = failing.as_ref().filter(|_| base_ok) {
                // Most rows pass: the unfiltered counts less the few rows that do not count here.
                let mut counts = self.base_counts()[f.index()].clone();
                for &r in failing {
                    if st[r as usize] != own {
                        counts[col.get(r as usize) as usize] -= 1;
                    }
                }
                counts
            } else if !own_marks && small {
                // Few rows selected and none held back by this field's own filter: count them.
                count_ids(col, &selection, self.dict(f).len())
            } else {
                // Rows that fail only this field's own filter still count in its facet.
                let mut counts = vec![0u64; self.dict(f).len()];
                with_ids!(col, col => {
                    for (&s, &id) in st.iter().zip(&col[..n]) {
                        if s == PASS || s == own {
                            counts[id as usize] += 1;
                        }
                    }
                });
                counts
            };
            if matches!(f, Field::UserName | Field::SourceIpAddress | Field::Bucket) {
                // Distinct values among the filtered events (the facet counts ignore the field's
                // own filter, so count those separately when it has one).
                let distinct = if own_marks {
                    let mut seen = vec![false; counts.len()];
                    with_ids!(col, col => {
                        for &i in &selection {
                            seen[col[i as usize] as usize] = true;
                        }
                    });
                    seen.iter().skip(1).filter(|&&b| b).count() as u64
                } else {
                    counts.iter().skip(1).filter(|&&c| c > 0).count() as u64
                };
                match f {
                    Field::UserName => summary.identities = distinct,
                    Field::SourceIpAddress => summary.source_ips = distinct,
                    _ => summary.buckets = distinct,
                }
            }
            facets.push(self.facet(f, &counts, facet_limit));
        }
        let histogram = Histogram { start_ms, bucket_ms, counts: counted.counts, errors: counted.errors_by_bucket };
        (QueryResult { summary, facets, histogram }, selection)
    }

    /// The rows of a filter that includes a few values of one field and nothing else, read off
    /// that field's postings (None when the values are a quarter of the rows or more: then the
    /// facets need every row's state, and scanning the column costs no more).
    fn included_rows(&self, i: usize, c: &Compiled) -> Option<Vec<u32>> {
        let (Some(set), None) = (&c.include[i], &c.exclude[i]) else { return None };
        let base = &self.base_counts()[i];
        if base.len() != self.dict(FIELDS[i]).len() {
            return None;
        }
        let ids: Vec<u32> = set.iter().enumerate().filter(|(_, &on)| on).map(|(id, _)| id as u32).collect();
        let total: u64 = ids.iter().map(|&id| base[id as usize]).sum();
        if ids.len() > 8 || total.saturating_mul(4) >= self.order().len() as u64 {
            return None;
        }
        let postings = self.postings(FIELDS[i]);
        // Each value's rows are in time order; merged, they are in the order's own order.
        let mut rows: Vec<u32> = Vec::new();
        for &id in &ids {
            let more = postings.rows(id);
            rows = if rows.is_empty() { more.to_vec() } else { merge_in_time_order(&self.times, &rows, more) };
        }
        Some(rows)
    }

    /// The histogram of rows in time order, with its errors: rows come in time order, so the
    /// bucket only moves forward and its end is stepped, not divided out for each row.
    fn hist_counts(&self, rows: &[u32], shape: (i64, i64, usize)) -> HistCounts {
        let (start_ms, bucket_ms, nbuckets) = shape;
        let mut counts = vec![0u64; nbuckets];
        let mut errors_by_bucket = vec![0u64; nbuckets];
        let mut errors = 0;
        let (mut b, mut edge) = (0usize, start_ms.saturating_add(bucket_ms));
        with_ids!(self.col(Field::ErrorCode), err_col => {
            for &row in rows {
                let t = self.times[row as usize];
                while t >= edge && b + 1 < nbuckets {
                    b += 1;
                    edge = edge.saturating_add(bucket_ms);
                }
                counts[b] += 1;
                if err_col[row as usize] != 0 {
                    errors_by_bucket[b] += 1;
                    errors += 1;
                }
            }
        });
        HistCounts { shape, counts, errors_by_bucket, errors }
    }

    /// The top values of one field from its counts: partial selection, so a field with millions
    /// of distinct values costs a linear pass, not a sort.
    fn facet(&self, f: Field, counts: &[u64], limit: usize) -> Facet {
        let dict = self.dict(f);
        let mut values: Vec<(u32, u64)> =
            counts.iter().enumerate().filter(|(_, &c)| c > 0).map(|(id, &c)| (id as u32, c)).collect();
        let distinct = values.len() as u64;
        let total: u64 = values.iter().map(|v| v.1).sum();
        let better = |a: &(u32, u64), b: &(u32, u64)| b.1.cmp(&a.1).then_with(|| dict.get(a.0).cmp(dict.get(b.0)));
        if values.len() > limit {
            if limit == 0 {
                values.clear();
            } else {
                values.select_nth_unstable_by(limit - 1, better);
                values.truncate(limit);
            }
        }
        values.sort_unstable_by(better);
        let shown: u64 = values.iter().map(|v| v.1).sum();
        let regions = if f == Field::Bucket { self.bucket_regions(&values) } else { Vec::new() };
        let top = values
            .iter()
            .enumerate()
            .map(|(k, &(id, count))| ValueCount {
                value: dict.get(id).to_string(),
                count,
                region: regions.get(k).copied().flatten().map(str::to_string),
            })
            .collect();
        Facet { field: f, top, other: total - shown, distinct }
    }

    /// For each (bucket id, _): the region of the newest event with that bucket, if any has one.
    fn bucket_regions(&self, values: &[(u32, u64)]) -> Vec<Option<&str>> {
        let mut want: std::collections::HashMap<u32, usize> =
            values.iter().enumerate().filter(|(_, v)| v.0 != 0).map(|(k, v)| (v.0, k)).collect();
        let mut out = vec![None; values.len()];
        let (buckets, regions) = (self.col(Field::Bucket), self.col(Field::AcsRegion));
        for &row in self.order().iter().rev() {
            if want.is_empty() {
                break;
            }
            let (b, r) = (buckets.get(row as usize), regions.get(row as usize));
            if r != 0 {
                if let Some(k) = want.remove(&b) {
                    out[k] = Some(self.dict(Field::AcsRegion).get(r));
                }
            }
        }
        out
    }

    /// The rows passing `filter`, in time order.
    pub fn select(&self, filter: &Filter) -> Vec<u32> {
        let st = self.row_states(&Compiled::new(self, filter));
        self.order().iter().copied().filter(|&r| st[r as usize] == PASS).collect()
    }

    /// Table rows for positions `offset..offset+limit` of `selection` (newest first if `desc`).
    pub fn rows(&self, selection: &[u32], offset: usize, limit: usize, desc: bool) -> Vec<Row> {
        let n = selection.len();
        let end = offset.saturating_add(limit).min(n);
        (offset.min(end)..end)
            .map(|k| selection[if desc { n - 1 - k } else { k }] as usize)
            .map(|i| self.row(i))
            .collect()
    }

    /// The access-tracking and lifecycle changes (and reads) of one bucket in the loaded events,
    /// newest first: event names containing `AccessMonitor` or `Lifecycle`, in any case. Returns
    /// at most `limit` rows and how many there are.
    pub fn bucket_history(&self, bucket: &str, limit: usize) -> (Vec<Row>, u64) {
        let Some(bucket_id) = self.dict(Field::Bucket).id(bucket).filter(|&id| id != 0) else {
            return (Vec::new(), 0);
        };
        let names = self.dict(Field::EventName);
        let wanted: Vec<bool> = (0..names.len() as u32)
            .map(|id| {
                let n = names.lower(id);
                n.contains("accessmonitor") || n.contains("lifecycle")
            })
            .collect();
        let (bucket_col, name_col) = (self.col(Field::Bucket), self.col(Field::EventName));
        let matching: Vec<u32> = self
            .order()
            .iter()
            .rev()
            .copied()
            .filter(|&r| bucket_col.get(r as usize) == bucket_id && wanted[name_col.get(r as usize) as usize])
            .collect();
        let total = matching.len() as u64;
        (matching.into_iter().take(limit).map(|r| self.row(r as usize)).collect(), total)
    }

    /// One row, its values cut for display.
    pub fn row(&self, i: usize) -> Row {
        let cell = |f: Field| clip(self.value(f, i), ROW_VALUE_BYTES).to_string();
        Row {
            event_id: self.event_id(i).to_string(),
            time_ms: self.times[i],
            event_name: cell(Field::EventName),
            identity: cell(Field::UserName),
            source_ip: cell(Field::SourceIpAddress),
            region: cell(Field::AcsRegion),
            bucket: cell(Field::Bucket),
            error_code: cell(Field::ErrorCode),
            sensitive: self.sensitive[i],
            access_key_id: cell(Field::AccessKeyId),
            error_message: clip(self.error_message(i), ROW_VALUE_BYTES).to_string(),
            request_id: clip(self.request_id(i), ROW_VALUE_BYTES).to_string(),
            user_agent: cell(Field::UserAgent),
        }
    }
}
