//! Queries over the store: a filter → counts, per-field value counts, a time histogram, pages of
//! rows. One pass over the columns answers counts, facets and histogram together.

use super::store::{Field, Store, FIELDS};
use memchr::memmem;
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

/// One table row.
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
}

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

/// The smallest bucket giving at most `max_buckets` over `span_ms`.
pub fn bucket_size(span_ms: i64, max_buckets: i64) -> i64 {
    BUCKETS_MS.iter().copied().find(|b| span_ms / b < max_buckets).unwrap_or(*BUCKETS_MS.last().unwrap_or(&86_400_000))
}

/// A filter compiled against a store's dictionaries.
struct Compiled {
    /// Per field: allowed ids (None: no include filter on this field).
    include: Vec<Option<Vec<bool>>>,
    exclude: Vec<Option<Vec<bool>>>,
    /// Per field: ids whose value contains the search text.
    text_ids: Vec<Vec<bool>>,
    /// errorMessage ids containing the search text.
    message_ids: Vec<bool>,
    text: Option<Vec<u8>>,
    range: (i64, i64),
    errors_only: bool,
    sensitive_only: bool,
}

fn id_set(store: &Store, field: Field, values: &[String]) -> Vec<bool> {
    let dict = store.dict(field);
    let mut set = vec![false; dict.len()];
    for v in values {
        if let Some(id) = dict.id(v) {
            set[id as usize] = true;
        }
    }
    set
}

impl Compiled {
    fn new(store: &Store, f: &Filter) -> Self {
        let mut include: Vec<Option<Vec<bool>>> = vec![None; FIELDS.len()];
        for (field, values) in &f.include {
            let set = id_set(store, *field, values);
            include[*field as usize] = Some(match include[*field as usize].take() {
                Some(prev) => prev.iter().zip(&set).map(|(a, b)| *a || *b).collect(),
                None => set,
            });
        }
        let mut exclude: Vec<Option<Vec<bool>>> = vec![None; FIELDS.len()];
        for (field, values) in &f.exclude {
            let set = id_set(store, *field, values);
            exclude[*field as usize] = Some(match exclude[*field as usize].take() {
                Some(prev) => prev.iter().zip(&set).map(|(a, b)| *a || *b).collect(),
                None => set,
            });
        }
        let needle = f.text.trim().to_lowercase().replace('\0', "");
        let text = (!needle.is_empty()).then(|| needle.clone().into_bytes());
        let text_ids = FIELDS
            .iter()
            .map(|&field| {
                let d = store.dict(field);
                if needle.is_empty() {
                    Vec::new()
                } else {
                    (0..d.len() as u32).map(|id| id != 0 && d.lower(id).contains(&needle)).collect()
                }
            })
            .collect();
        let messages = store.error_messages();
        let message_ids = (0..messages.len() as u32)
            .map(|id| id != 0 && !needle.is_empty() && messages.lower(id).contains(&needle))
            .collect();
        Compiled {
            include,
            message_ids,
            exclude,
            text_ids,
            text,
            range: (f.from_ms.unwrap_or(i64::MIN), f.to_ms.unwrap_or(i64::MAX)),
            errors_only: f.errors_only,
            sensitive_only: f.sensitive_only,
        }
    }
}

/// Per-row state of a query: passes, fails only one field's filter, or fails.
const PASS: u8 = 0;
const FAIL: u8 = 255;

impl Store {
    /// The first row at or after `t` (rows are sorted by time).
    fn row_at(&self, t: i64) -> usize {
        self.times.partition_point(|&x| x < t)
    }

    /// One byte per row in `lo..hi`: `PASS`, `k + 1` when only field `k`'s filter fails (so its
    /// facet still counts the row), or `FAIL`. Column by column, so each pass is a tight loop.
    fn row_states(&self, f: &Filter) -> (usize, usize, Vec<u8>) {
        let c = Compiled::new(self, f);
        let lo = if c.range.0 == i64::MIN { 0 } else { self.row_at(c.range.0) };
        let hi = if c.range.1 == i64::MAX { self.len() } else { self.row_at(c.range.1) }.max(lo);
        let mut st = vec![PASS; hi - lo];
        if c.errors_only {
            for (s, &e) in st.iter_mut().zip(&self.col(Field::ErrorCode)[lo..hi]) {
                if e == 0 {
                    *s = FAIL;
                }
            }
        }
        if c.sensitive_only {
            for (s, &x) in st.iter_mut().zip(&self.sensitive[lo..hi]) {
                if !x {
                    *s = FAIL;
                }
            }
        }
        if let Some(needle) = &c.text {
            let mut hit = vec![false; hi - lo];
            for &field in &FIELDS {
                let ids = &c.text_ids[field as usize];
                if ids.iter().any(|&b| b) {
                    for (h, &id) in hit.iter_mut().zip(&self.col(field)[lo..hi]) {
                        *h |= ids[id as usize];
                    }
                }
            }
            if c.message_ids.iter().any(|&b| b) {
                for (k, h) in hit.iter_mut().enumerate() {
                    *h |= c.message_ids[self.error_message_id(lo + k) as usize];
                }
            }
            // One scan of the whole search text; hits are mapped to rows as they come (in order).
            let (text, ends) = self.text_parts();
            let (from, to) =
                (if lo == 0 { 0 } else { ends[lo - 1] as usize }, if hi == 0 { 0 } else { ends[hi - 1] as usize });
            let mut row = lo;
            for pos in memmem::find_iter(&text[from..to], needle) {
                let at = (from + pos) as u64;
                while row < hi && ends[row] <= at {
                    row += 1;
                }
                if row < hi {
                    hit[row - lo] = true;
                }
            }
            for (s, h) in st.iter_mut().zip(hit) {
                if !h {
                    *s = FAIL;
                }
            }
        }
        for &field in &FIELDS {
            let (inc, exc) = (&c.include[field as usize], &c.exclude[field as usize]);
            if inc.is_none() && exc.is_none() {
                continue;
            }
            let mark = field as u8 + 1;
            for (s, &id) in st.iter_mut().zip(&self.col(field)[lo..hi]) {
                let fails = inc.as_ref().is_some_and(|set| !set[id as usize])
                    || exc.as_ref().is_some_and(|set| set[id as usize]);
                if fails {
                    *s = if *s == PASS { mark } else { FAIL };
                }
            }
        }
        (lo, hi, st)
    }

    /// Run a filter: summary, top-`facet_limit` values per field, and a histogram of at most
    /// `max_buckets` buckets over the filter's time range (or the data's span).
    pub fn query(&self, filter: &Filter, facet_limit: usize, max_buckets: i64) -> QueryResult {
        self.query_select(filter, facet_limit, max_buckets).0
    }

    /// `query`, plus the matching rows in time order.
    pub fn query_select(&self, filter: &Filter, facet_limit: usize, max_buckets: i64) -> (QueryResult, Vec<u32>) {
        let (lo, hi, st) = self.row_states(filter);
        let (first, last) = (self.times.first().copied(), self.times.last().copied());
        let span_start = filter.from_ms.or(first).unwrap_or(0);
        let span_end = filter.to_ms.or(last.map(|l| l + 1)).unwrap_or(span_start + 1);
        let bucket_ms = bucket_size((span_end - span_start).max(1), max_buckets);
        let start_ms = span_start - span_start.rem_euclid(bucket_ms);
        let nbuckets = (((span_end - start_ms) + bucket_ms - 1) / bucket_ms).clamp(1, max_buckets * 2) as usize;
        let mut hist = vec![0u64; nbuckets];
        let mut hist_err = vec![0u64; nbuckets];
        let mut summary = Summary { total: self.len() as u64, ..Default::default() };
        let mut selection = Vec::new();
        // Rows that fail only field k's own filter still count in field k's facet.
        let mut only_fails: Vec<Vec<u32>> = vec![Vec::new(); FIELDS.len()];
        let err_col = &self.col(Field::ErrorCode)[lo..hi];
        let times = &self.times[lo..hi];
        for (k, &s) in st.iter().enumerate() {
            if s == PASS {
                selection.push((lo + k) as u32);
                let t = times[k];
                let b = ((t - start_ms) / bucket_ms).clamp(0, nbuckets as i64 - 1) as usize;
                hist[b] += 1;
                if err_col[k] != 0 {
                    hist_err[b] += 1;
                    summary.errors += 1;
                }
            } else if s != FAIL {
                only_fails[(s - 1) as usize].push((lo + k) as u32);
            }
        }
        summary.filtered = selection.len() as u64;
        summary.first_ms = selection.first().map(|&i| self.times[i as usize]);
        summary.last_ms = selection.last().map(|&i| self.times[i as usize]);
        let mut facets = Vec::with_capacity(FIELDS.len());
        // No filter at all: every field's counts were taken once when the load finished.
        let unfiltered = filter.is_empty() && self.base_counts().len() == FIELDS.len();
        for &f in &FIELDS {
            let mut distinct_filtered = 0u64;
            let counts = if unfiltered {
                self.base_counts()[f as usize].clone()
            } else {
                let col = self.col(f);
                let mut counts = vec![0u64; self.dict(f).len()];
                for &i in selection.iter().chain(&only_fails[f as usize]) {
                    counts[col[i as usize] as usize] += 1;
                }
                counts
            };
            // Distinct values among the filtered events (the facet counts ignore the field's own
            // filter, so count those separately when it has one).
            if matches!(f, Field::UserName | Field::SourceIpAddress | Field::Bucket) {
                if only_fails[f as usize].is_empty() {
                    distinct_filtered = counts.iter().skip(1).filter(|&&c| c > 0).count() as u64;
                } else {
                    let mut seen = vec![false; counts.len()];
                    for &i in &selection {
                        seen[self.col(f)[i as usize] as usize] = true;
                    }
                    distinct_filtered = seen.iter().skip(1).filter(|&&b| b).count() as u64;
                }
            }
            match f {
                Field::UserName => summary.identities = distinct_filtered,
                Field::SourceIpAddress => summary.source_ips = distinct_filtered,
                Field::Bucket => summary.buckets = distinct_filtered,
                _ => {}
            }
            let mut values: Vec<(u32, u64)> =
                counts.iter().enumerate().filter(|(_, &c)| c > 0).map(|(id, &c)| (id as u32, c)).collect();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| self.dict(f).get(a.0).cmp(self.dict(f).get(b.0))));
            let distinct = values.len() as u64;
            let other = values.iter().skip(facet_limit).map(|v| v.1).sum();
            let top = values
                .iter()
                .take(facet_limit)
                .map(|&(id, count)| ValueCount { value: self.dict(f).get(id).to_string(), count })
                .collect();
            facets.push(Facet { field: f, top, other, distinct });
        }
        let histogram = Histogram { start_ms, bucket_ms, counts: hist, errors: hist_err };
        (QueryResult { summary, facets, histogram }, selection)
    }

    /// The rows passing `filter`, in time order.
    pub fn select(&self, filter: &Filter) -> Vec<u32> {
        let (lo, _, st) = self.row_states(filter);
        st.iter().enumerate().filter(|(_, &s)| s == PASS).map(|(k, _)| (lo + k) as u32).collect()
    }

    /// Table rows for positions `offset..offset+limit` of `selection` (newest first if `desc`).
    pub fn rows(&self, selection: &[u32], offset: usize, limit: usize, desc: bool) -> Vec<Row> {
        let n = selection.len();
        (offset..(offset + limit).min(n))
            .map(|k| selection[if desc { n - 1 - k } else { k }] as usize)
            .map(|i| self.row(i))
            .collect()
    }

    /// One row.
    pub fn row(&self, i: usize) -> Row {
        Row {
            event_id: self.event_id(i).to_string(),
            time_ms: self.times[i],
            event_name: self.value(Field::EventName, i).to_string(),
            identity: self.value(Field::UserName, i).to_string(),
            source_ip: self.value(Field::SourceIpAddress, i).to_string(),
            region: self.value(Field::AcsRegion, i).to_string(),
            bucket: self.value(Field::Bucket, i).to_string(),
            error_code: self.value(Field::ErrorCode, i).to_string(),
            sensitive: self.sensitive[i],
        }
    }
}
