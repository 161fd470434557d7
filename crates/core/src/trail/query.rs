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
    BUCKETS_MS
        .iter()
        .copied()
        .find(|b| span_ms / b < max_buckets)
        .unwrap_or(*BUCKETS_MS.last().unwrap_or(&86_400_000))
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
        let needle = f.text.trim().to_lowercase();
        let text = (!needle.is_empty()).then(|| needle.clone().into_bytes());
        let text_ids = FIELDS
            .iter()
            .map(|&field| {
                let d = store.dict(field);
                if needle.is_empty() {
                    Vec::new()
                } else {
                    (0..d.len() as u32)
                        .map(|id| id != 0 && d.lower(id).contains(&needle))
                        .collect()
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

/// Row filtering: the rows are checked by `passes_except`, which reports which field filters
/// fail (so facets can count "everything but my own filter").
struct Matcher<'a> {
    store: &'a Store,
    c: Compiled,
    finder: Option<memmem::Finder<'a>>,
}

/// A value of `fails` meaning "more than one field filter failed".
const MANY: usize = usize::MAX;
/// A value of `fails` meaning "a non-field condition failed" (time, text, presets).
const BASE: usize = usize::MAX - 1;

impl<'a> Matcher<'a> {
    fn new(store: &'a Store, f: &Filter) -> Self {
        let c = Compiled::new(store, f);
        let finder = c.text.as_ref().map(|t| memmem::Finder::new(t).into_owned());
        Matcher { store, c, finder }
    }

    /// None: the row passes. Some(field index): only that field's filter fails. Some(BASE or
    /// MANY): it fails otherwise.
    fn check(&self, i: usize) -> Option<usize> {
        let s = self.store;
        let t = s.times[i];
        if t < self.c.range.0 || t >= self.c.range.1 {
            return Some(BASE);
        }
        if self.c.errors_only && s.col(Field::ErrorCode)[i] == 0 {
            return Some(BASE);
        }
        if self.c.sensitive_only && !s.sensitive[i] {
            return Some(BASE);
        }
        if let Some(finder) = &self.finder {
            let in_cols = FIELDS
                .iter()
                .any(|&f| self.c.text_ids[f as usize][s.col(f)[i] as usize]);
            if !in_cols && !self.c.message_ids[s.error_message_id(i) as usize] && finder.find(s.text_of(i)).is_none() {
                return Some(BASE);
            }
        }
        let mut failed = None;
        for &f in &FIELDS {
            let id = s.col(f)[i] as usize;
            let inc_fail = self.c.include[f as usize].as_ref().is_some_and(|set| !set[id]);
            let exc_fail = self.c.exclude[f as usize].as_ref().is_some_and(|set| set[id]);
            if inc_fail || exc_fail {
                if failed.is_some() {
                    return Some(MANY);
                }
                failed = Some(f as usize);
            }
        }
        failed
    }
}

impl Store {
    /// Run a filter: summary, top-`facet_limit` values per field, and a histogram of at most
    /// `max_buckets` buckets over the filter's time range (or the data's span).
    pub fn query(&self, filter: &Filter, facet_limit: usize, max_buckets: i64) -> QueryResult {
        self.query_select(filter, facet_limit, max_buckets).0
    }

    /// `query`, plus the matching rows in time order (one pass for both).
    pub fn query_select(&self, filter: &Filter, facet_limit: usize, max_buckets: i64) -> (QueryResult, Vec<u32>) {
        let m = Matcher::new(self, filter);
        let mut selection = Vec::new();
        let mut counts: Vec<Vec<u64>> = FIELDS.iter().map(|&f| vec![0; self.dict(f).len()]).collect();
        let (first, last) = (self.times.first().copied(), self.times.last().copied());
        let span_start = filter.from_ms.or(first).unwrap_or(0);
        let span_end = filter.to_ms.or(last.map(|l| l + 1)).unwrap_or(span_start + 1);
        let bucket_ms = bucket_size((span_end - span_start).max(1), max_buckets);
        let start_ms = span_start - span_start.rem_euclid(bucket_ms);
        let nbuckets = (((span_end - start_ms) + bucket_ms - 1) / bucket_ms).clamp(1, max_buckets * 2) as usize;
        let mut hist = vec![0u64; nbuckets];
        let mut hist_err = vec![0u64; nbuckets];
        let mut summary = Summary {
            total: self.len() as u64,
            ..Default::default()
        };
        let err_col = self.col(Field::ErrorCode);
        for i in 0..self.len() {
            match m.check(i) {
                None => {
                    selection.push(i as u32);
                    summary.filtered += 1;
                    for (k, &f) in FIELDS.iter().enumerate() {
                        counts[k][self.col(f)[i] as usize] += 1;
                    }
                    let t = self.times[i];
                    summary.first_ms = Some(summary.first_ms.map_or(t, |x: i64| x.min(t)));
                    summary.last_ms = Some(summary.last_ms.map_or(t, |x: i64| x.max(t)));
                    let b = ((t - start_ms) / bucket_ms).clamp(0, nbuckets as i64 - 1) as usize;
                    hist[b] += 1;
                    if err_col[i] != 0 {
                        summary.errors += 1;
                        hist_err[b] += 1;
                    }
                }
                Some(k) if k < FIELDS.len() => counts[k][self.col(FIELDS[k])[i] as usize] += 1,
                Some(_) => {}
            }
        }
        // Distinct values among the filtered events. A field's facet counts ignore its own filter,
        // so they answer this only when the field is unfiltered; otherwise count again.
        let distinct_of = |f: Field, m: &Matcher| -> u64 {
            if m.c.include[f as usize].is_none() && m.c.exclude[f as usize].is_none() {
                counts[f as usize].iter().skip(1).filter(|&&c| c > 0).count() as u64
            } else {
                let mut seen = vec![false; self.dict(f).len()];
                for i in 0..self.len() {
                    if m.check(i).is_none() {
                        seen[self.col(f)[i] as usize] = true;
                    }
                }
                seen.iter().skip(1).filter(|&&s| s).count() as u64
            }
        };
        summary.identities = distinct_of(Field::UserName, &m);
        summary.source_ips = distinct_of(Field::SourceIpAddress, &m);
        summary.buckets = distinct_of(Field::Bucket, &m);
        let facets = FIELDS
            .iter()
            .enumerate()
            .map(|(k, &f)| {
                let mut values: Vec<(u32, u64)> = counts[k]
                    .iter()
                    .enumerate()
                    .filter(|(_, &c)| c > 0)
                    .map(|(id, &c)| (id as u32, c))
                    .collect();
                values.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| self.dict(f).get(a.0).cmp(self.dict(f).get(b.0)))
                });
                let distinct = values.len() as u64;
                let other = values.iter().skip(facet_limit).map(|v| v.1).sum();
                let top = values
                    .iter()
                    .take(facet_limit)
                    .map(|&(id, count)| ValueCount {
                        value: self.dict(f).get(id).to_string(),
                        count,
                    })
                    .collect();
                Facet {
                    field: f,
                    top,
                    other,
                    distinct,
                }
            })
            .collect();
        let histogram = Histogram {
            start_ms,
            bucket_ms,
            counts: hist,
            errors: hist_err,
        };
        (
            QueryResult {
                summary,
                facets,
                histogram,
            },
            selection,
        )
    }

    /// The rows passing `filter`, in time order.
    pub fn select(&self, filter: &Filter) -> Vec<u32> {
        let m = Matcher::new(self, filter);
        (0..self.len())
            .filter(|&i| m.check(i).is_none())
            .map(|i| i as u32)
            .collect()
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
