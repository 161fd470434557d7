//! The columnar event store: one column of interned ids per indexed field, times, event ids, a
//! lowercase search text per event, and where each event's JSON is in its file (for the detail
//! view and export, which re-read it instead of keeping a second copy in memory).
//!
//! Rows are numbered in load order and never move: a row id stays valid until the store is
//! dropped, so a page of rows, a detail or an export in flight can never point at another event.
//! Time order is a separate permutation (`order`), merged in by `finalize`.

pub use super::field::{Field, FIELDS};
use super::parse::{Parsed, Wrapping};
use std::cell::OnceCell;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast non-cryptographic hasher (FxHash-style) for interning and dedup: keys are not
/// attacker-chosen in a way that matters here (a slow file only slows its own load).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

/// FxHash's multiplier.
const FX_K: u64 = 0x517c_c1b7_2722_0a95;

/// FxHash's step: `w` mixed into `h`.
#[inline(always)]
fn fx_step(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(FX_K)
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.0 = fx_step(self.0, word(c, 0));
        }
        for &b in chunks.remainder() {
            self.0 = fx_step(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = fx_step(self.0, n);
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(n as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash maps keyed by ids and hashes.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// One field's value ids by row, as narrow as its dictionary allows: a byte each while it has
/// at most 256 values, two bytes up to 65,536, else four. Most fields have a few dozen values,
/// so at 1M events the twelve columns take about 16 MB instead of 48. A column is widened in
/// place (one copy) when its dictionary outgrows its width.
#[derive(Debug, Clone)]
pub enum Ids {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

/// Runs `$body` with `$c` bound to the column's slice of ids, whatever their width: the body is
/// compiled once per width, so a loop over a column reads it directly (`$c[i] as usize`).
macro_rules! with_ids {
    ($ids:expr, $c:ident => $body:expr) => {
        match $ids {
            $crate::trail::store::Ids::U8($c) => $body,
            $crate::trail::store::Ids::U16($c) => $body,
            $crate::trail::store::Ids::U32($c) => $body,
        }
    };
}
pub(crate) use with_ids;

impl Ids {
    /// Number of rows.
    pub fn len(&self) -> usize {
        with_ids!(self, c => c.len())
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`'s value id.
    #[inline]
    pub fn get(&self, i: usize) -> u32 {
        match self {
            Ids::U8(c) => u32::from(c[i]),
            Ids::U16(c) => u32::from(c[i]),
            Ids::U32(c) => c[i],
        }
    }

    fn push(&mut self, id: u32) {
        match self {
            Ids::U8(c) if id <= u32::from(u8::MAX) => c.push(id as u8),
            Ids::U16(c) if id <= u32::from(u16::MAX) => c.push(id as u16),
            Ids::U32(c) => c.push(id),
            Ids::U8(_) | Ids::U16(_) => {
                self.widen(id);
                self.push(id);
            }
        }
    }

    /// Copy the column into the narrowest width that holds `id`, keeping its reserved room.
    fn widen(&mut self, id: u32) {
        fn copied<T: Copy, W: From<T>>(c: &[T], room: usize) -> Vec<W> {
            let mut w = Vec::with_capacity(room.max(c.len()));
            w.extend(c.iter().map(|&x| W::from(x)));
            w
        }
        let room = with_ids!(&*self, c => c.capacity()).max(1);
        *self = match &*self {
            Ids::U8(c) if id <= u32::from(u16::MAX) => Ids::U16(copied(c, room)),
            Ids::U8(c) => Ids::U32(copied(c, room)),
            Ids::U16(c) => Ids::U32(copied(c, room)),
            Ids::U32(_) => return,
        };
    }

    fn reserve(&mut self, more: usize) {
        with_ids!(self, c => c.reserve(more))
    }

    /// Bytes per row.
    fn width(&self) -> usize {
        match self {
            Ids::U8(_) => 1,
            Ids::U16(_) => 2,
            Ids::U32(_) => 4,
        }
    }
}

/// Interned strings of one field; id 0 is "absent". Each string is kept once: the table holds
/// ids, found by [`hash_str`] and checked against `strings`.
#[derive(Debug, Default, Clone)]
pub struct Dict {
    table: hashbrown::HashTable<u32>,
    strings: Vec<Box<str>>,
    lower: Vec<Box<str>>,
}

/// A string's hash for [`Dict`]: FxHash's step over 8-byte words, seeded with the length, then a
/// full mix (a multiply carries a word's high bytes only upwards, and the table takes its bucket
/// from the low bits: without the mix, values that differ only in their last bytes, such as
/// `10.0.1.100` … `10.0.1.199`, shared a bucket). The last word of a string of 8 bytes or more
/// is its last 8 bytes (overlapping the word before); a shorter string is read as two overlapping
/// halves (or three bytes), so every byte counts and none is copied into a buffer first. A word
/// at a time throughout: `str`'s own `Hash` (through [`FxHasher`]) took the tail a byte at a time
/// and added a 0xff byte, a good part of a load, which looks up about fifteen values per event.
#[inline]
fn hash_str(s: &str) -> u64 {
    let b = s.as_bytes();
    let n = b.len();
    let mut h = (n as u64).wrapping_mul(FX_K);
    if n >= 8 {
        let mut i = 0;
        while i + 8 <= n {
            h = fx_step(h, word(b, i));
            i += 8;
        }
        if i < n {
            h = fx_step(h, word(b, n - 8));
        }
    } else if n >= 4 {
        h = fx_step(h, half(b, 0) << 32 | half(b, n - 4));
    } else if n > 0 {
        h = fx_step(h, u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16);
    }
    // MurmurHash3's finalizer: every bit of `h` reaches the low bits (the bucket) and the top
    // seven (the table's tag).
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Whether `a` and `b` hold the same bytes, compared a word at a time like [`hash_str`] reads
/// them (wasm's `memcmp` goes a byte at a time).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 <= n {
            if word(a, i) != word(b, i) {
                return false;
            }
            i += 8;
        }
        i == n || word(a, n - 8) == word(b, n - 8)
    } else if n >= 4 {
        half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4)
    } else {
        a == b
    }
}

/// The 8 bytes of `b` from `i`, as a number.
#[inline(always)]
fn word(b: &[u8], i: usize) -> u64 {
    // One bounds check, so one 8-byte load: indexing each byte left eight checks and eight byte
    // loads in wasm.
    let w: [u8; 8] = b[i..i + 8].try_into().unwrap_or_default();
    u64::from_le_bytes(w)
}

/// The 4 bytes of `b` from `i`, as a number.
#[inline(always)]
fn half(b: &[u8], i: usize) -> u64 {
    let w: [u8; 4] = b[i..i + 4].try_into().unwrap_or_default();
    u64::from(u32::from_le_bytes(w))
}

impl Dict {
    fn new() -> Self {
        Dict { table: hashbrown::HashTable::new(), strings: vec!["".into()], lower: vec!["".into()] }
    }

    fn intern(&mut self, s: Option<&str>) -> u32 {
        let Some(s) = s.filter(|s| !s.is_empty()) else { return 0 };
        let s = clip(s, MAX_VALUE_BYTES);
        let hash = hash_str(s);
        if let Some(id) = self.find(hash, s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.into());
        self.lower.push(s.to_lowercase().into());
        let strings = &self.strings;
        self.table.insert_unique(hash, id, |&id| hash_str(&strings[id as usize]));
        id
    }

    /// The id of `s`, if seen.
    pub fn id(&self, s: &str) -> Option<u32> {
        if s.is_empty() {
            return Some(0);
        }
        self.find(hash_str(s), s)
    }

    /// The id of `s`, whose hash is `hash`, if seen.
    fn find(&self, hash: u64, s: &str) -> Option<u32> {
        self.table.find(hash, |&id| same_bytes(self.strings[id as usize].as_bytes(), s.as_bytes())).copied()
    }

    /// The string of `id` ("" for absent).
    pub fn get(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }

    /// The lowercase string of `id`.
    pub fn lower(&self, id: u32) -> &str {
        &self.lower[id as usize]
    }

    /// Number of ids, including the absent id 0.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// Whether only the absent id exists.
    pub fn is_empty(&self) -> bool {
        self.strings.len() <= 1
    }

    fn heap_bytes(&self) -> usize {
        // Each value and its lowercase copy (a pointer and length each, and the allocator's own
        // 8 bytes or so), and the table's slots (an id and a control byte).
        let values: usize = self.strings.iter().zip(&self.lower).map(|(s, l)| s.len() + l.len() + 48).sum();
        values + self.table.capacity() * 5
    }
}

/// Values longer than this are cut (at a character boundary) when indexed; the detail view reads
/// the whole event from its file. Keeps a hostile file from filling memory with one value.
pub const MAX_VALUE_BYTES: usize = 4096;
/// The search text keeps at most this much of one event's other values.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Event ids longer than this are kept cut (their hash still covers the whole id).
pub const MAX_ID_BYTES: usize = 1024;

/// `s` cut to at most `max` bytes at a character boundary.
pub fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Where an event's JSON is: a byte range in a file's (decompressed) stream. Packed: one per
/// event, 17 bytes instead of 24 (7 MB at 1M events); its fields are read by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, packed)]
pub struct SourceRef {
    pub file: u32,
    pub offset: u64,
    pub len: u32,
    pub wrapping: Wrapping,
}

/// Event names treated as sensitive (besides `eventAttributes.SensitiveAction`).
pub const SENSITIVE_EVENTS: &[&str] = &[
    "DeleteBucket",
    "PutBucketPolicy",
    "DeleteBucketPolicy",
    "PutBucketAccessMonitor",
    "DeleteBucketLogging",
    "DeleteBucketEncryption",
    "AbortBucketWorm",
    "DeletePublicAccessBlock",
    "PutBucketReplication",
];

/// The store.
#[derive(Debug)]
pub struct Store {
    /// Event time (Unix ms) by row.
    pub times: Vec<i64>,
    cols: Vec<Ids>,
    dicts: Vec<Dict>,
    id_bytes: Vec<u8>,
    id_ends: Vec<u32>,
    /// Request ids that differ from their event's id (most are the same, and kept once).
    req_bytes: Vec<u8>,
    req_ends: Vec<u32>,
    /// Whether each row's requestId is its eventId.
    req_same: Vec<bool>,
    error_messages: Dict,
    error_message_col: Vec<u32>,
    /// Values searched but not broken down (`eventSource`, `principalId`): interned, since they
    /// repeat, and searched through their dictionaries like the fields.
    hidden: [(Dict, Vec<u32>); 2],
    /// Whether each row is a sensitive operation.
    pub sensitive: Vec<bool>,
    /// Whether each event name (by its id) is in [`SENSITIVE_EVENTS`]: found once per name, not
    /// once per event.
    sensitive_names: Vec<bool>,
    /// The rest of each event's values, lowercase (the columns, ids and hidden values are
    /// searched where they are kept).
    text: Vec<u8>,
    text_ends: Vec<u32>,
    /// Where each row's JSON is.
    pub sources: Vec<SourceRef>,
    /// eventId hash → row (also the de-duplication set).
    by_id: HashMap<u32, u32, FxBuild>,
    /// Rows in time order (stable: equal times keep load order), up to `ordered` rows.
    order: Vec<u32>,
    /// Per field, how many rows have each value (the unfiltered facets), up to `ordered` rows.
    base_counts: Vec<Vec<u64>>,
    /// Rows with an error code.
    errors: u64,
    /// The last free-text search, to refine the next one from.
    search_cache: std::cell::RefCell<super::search::SearchCache>,
    /// Per field, each value's rows in time order: built the first time a filter on that field
    /// alone asks for it, and dropped when the order changes.
    postings: Vec<OnceCell<Postings>>,
    /// The unfiltered histogram, once worked out for the order as it is.
    unfiltered_hist: std::cell::RefCell<Option<super::query::HistCounts>>,
}

/// One field's rows grouped by value: the rows with value id `v` are
/// `rows[starts[v]..starts[v + 1]]`, in time order.
#[derive(Debug)]
pub struct Postings {
    starts: Vec<u32>,
    rows: Vec<u32>,
}

impl Postings {
    /// The rows with value id `id`, in time order (none for an id it does not know).
    pub fn rows(&self, id: u32) -> &[u32] {
        let id = id as usize;
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&a), Some(&b)) => &self.rows[a as usize..b as usize],
            _ => &[],
        }
    }
}

impl Default for Store {
    fn default() -> Self {
        Self::new()
    }
}

/// The dedup map's key for an event id: the dictionaries' hash ([`hash_str`]: every byte, a word
/// at a time, then a full mix), cut to 32 bits. FxHash's byte-at-a-time tail, used here before,
/// gave "early-109" and "early-184" one key, and one of the two events was dropped as a
/// duplicate. A key is only where the search starts: a hit is checked against the stored id
/// (`Store::same_event`), so 32 bits are enough, and keep the map's slots at 8 bytes.
fn hash_id(s: &str) -> u32 {
    hash_str(s) as u32
}

/// Two lists of rows, each in time order, as one: by time, then row id (load order), which is
/// the store's own order.
pub(super) fn merge_in_time_order(times: &[i64], a: &[u32], b: &[u32]) -> Vec<u32> {
    let key = |r: u32| (times[r as usize], r);
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if key(b[j]) < key(a[i]) {
            merged.push(b[j]);
            j += 1;
        } else {
            merged.push(a[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&a[i..]);
    merged.extend_from_slice(&b[j..]);
    merged
}

/// The next key to try when a key is taken by another event.
fn next_key(key: u32) -> u32 {
    key.wrapping_add(0x9e37_79b9) ^ 0x2545_f491
}

/// The outcome of adding one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    New,
    Duplicate,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Store {
            times: Vec::new(),
            cols: FIELDS.iter().map(|_| Ids::U8(Vec::new())).collect(),
            dicts: FIELDS.iter().map(|_| Dict::new()).collect(),
            id_bytes: Vec::new(),
            id_ends: Vec::new(),
            req_bytes: Vec::new(),
            req_ends: Vec::new(),
            req_same: Vec::new(),
            error_messages: Dict::new(),
            error_message_col: Vec::new(),
            hidden: [(Dict::new(), Vec::new()), (Dict::new(), Vec::new())],
            sensitive: Vec::new(),
            sensitive_names: Vec::new(),
            text: Vec::new(),
            text_ends: Vec::new(),
            sources: Vec::new(),
            by_id: HashMap::default(),
            order: Vec::new(),
            base_counts: FIELDS.iter().map(|_| vec![0]).collect(),
            errors: 0,
            search_cache: Default::default(),
            postings: FIELDS.iter().map(|_| OnceCell::new()).collect(),
            unfiltered_hist: Default::default(),
        }
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// Number of events with an error code.
    pub fn errors(&self) -> u64 {
        self.errors
    }

    /// Add a parsed event unless its eventId is already here.
    pub fn add(&mut self, p: &Parsed<'_>, source: SourceRef) -> Added {
        let f = &p.fields;
        let id = f.event_id.as_deref().unwrap_or_default();
        let mut key = if id.is_empty() {
            // No id: identify by position in its file, so it is never merged with another.
            hash_id(&format!("\u{0}{}:{}", { source.file }, { source.offset }))
        } else {
            hash_id(id)
        };
        let row = self.len() as u32;
        loop {
            // One lookup that also finds the free place: the table is large and read at random.
            let taken = match self.by_id.entry(key) {
                Entry::Occupied(o) => *o.get(),
                Entry::Vacant(v) => {
                    v.insert(row);
                    break;
                }
            };
            if self.same_event(taken as usize, id, &source) {
                return Added::Duplicate;
            }
            key = next_key(key);
        }
        for &field in FIELDS {
            let id = self.dicts[field.index()].intern(field.value(f));
            self.cols[field.index()].push(id);
        }
        if f.error_code.as_deref().is_some_and(|c| !c.is_empty()) {
            self.errors += 1;
        }
        self.times.push(p.time_ms);
        self.id_bytes.extend_from_slice(clip(id, MAX_ID_BYTES).as_bytes());
        self.id_ends.push(u32::try_from(self.id_bytes.len()).unwrap_or(u32::MAX));
        let request = f.request_id.as_deref().unwrap_or_default();
        let same = !request.is_empty() && same_bytes(request.as_bytes(), id.as_bytes());
        if !same {
            self.req_bytes.extend_from_slice(clip(request, MAX_ID_BYTES).as_bytes());
        }
        self.req_same.push(same);
        self.req_ends.push(u32::try_from(self.req_bytes.len()).unwrap_or(u32::MAX));
        let msg = self.error_messages.intern(f.error_message.as_deref());
        self.error_message_col.push(msg);
        for ((dict, col), v) in self.hidden.iter_mut().zip([f.event_source.as_deref(), f.principal_id.as_deref()]) {
            col.push(dict.intern(v));
        }
        let name = f.event_name.as_deref().unwrap_or_default();
        let public_acl = name == "PutBucketAcl" && f.extra.contains("public-read");
        let names = &self.dicts[Field::EventName.index()];
        let name_id = self.cols[Field::EventName.index()].get(row as usize) as usize;
        if name_id >= self.sensitive_names.len() {
            let known = self.sensitive_names.len();
            self.sensitive_names.extend((known..names.len()).map(|i| SENSITIVE_EVENTS.contains(&names.get(i as u32))));
        }
        self.sensitive.push(f.sensitive_attribute || public_acl || self.sensitive_names[name_id]);
        // Search text: what is kept nowhere else.
        let start = self.text.len();
        for part in std::iter::once(request)
            .filter(|_| !same)
            .chain(f.buckets.iter().skip(1).map(|b| b.as_ref()))
            .chain(std::iter::once(f.extra.as_str()))
        {
            let room = MAX_TEXT_BYTES.saturating_sub(self.text.len() - start);
            if !part.is_empty() && room > 1 {
                self.text.push(b' ');
                let from = self.text.len();
                self.text.extend_from_slice(clip(part, room - 1).as_bytes());
                self.text[from..].make_ascii_lowercase();
            }
        }
        // A terminator no search text contains, so one scan over all rows never matches across two.
        self.text.push(0);
        self.text_ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        self.sources.push(source);
        Added::New
    }

    /// Bring the time order and the unfiltered counts up to date with the rows added since the
    /// last call. Cheap when nothing was added. Merging costs the whole order, so call it before a
    /// query (the engine does, and once a load ends), not after every file.
    pub fn finalize(&mut self) {
        let done = self.order.len();
        let n = self.len();
        if done == n {
            return;
        }
        self.postings = FIELDS.iter().map(|_| OnceCell::new()).collect();
        *self.unfiltered_hist.get_mut() = None;
        // The new rows sorted in place at the end of the order, by (time, row): equal times keep
        // load order, with no scratch buffer.
        let times = &self.times;
        self.order.reserve_exact(n - done);
        self.order.extend(done as u32..n as u32);
        self.order[done..].sort_unstable_by_key(|&i| (times[i as usize], i));
        if done > 0 && times[self.order[done - 1] as usize] > times[self.order[done] as usize] {
            // Merge; on equal times the older row (already ordered, a lower id) goes first.
            let fresh = self.order.split_off(done);
            self.order = merge_in_time_order(times, &self.order, &fresh);
        }
        for &field in FIELDS {
            let counts = &mut self.base_counts[field.index()];
            counts.resize(self.dicts[field.index()].len(), 0);
            with_ids!(&self.cols[field.index()], c => {
                for &id in &c[done..n] {
                    counts[id as usize] += 1;
                }
            });
        }
    }

    /// The last search (kept to refine the next one).
    pub fn search_cache(&self) -> &std::cell::RefCell<super::search::SearchCache> {
        &self.search_cache
    }

    /// Rows in time order (only rows added before the last `finalize`).
    pub fn order(&self) -> &[u32] {
        &self.order
    }

    /// `f`'s rows grouped by value, in time order (only rows ordered by the last `finalize`).
    /// Built on first use: one pass over the order, and 4 bytes a row.
    pub fn postings(&self, f: Field) -> &Postings {
        self.postings[f.index()].get_or_init(|| {
            let counts = &self.base_counts[f.index()];
            let mut starts = Vec::with_capacity(counts.len() + 1);
            let mut at = 0u32;
            starts.push(0);
            for &c in counts {
                at += c as u32;
                starts.push(at);
            }
            let mut next = starts.clone();
            let mut rows = vec![0u32; self.order.len()];
            with_ids!(&self.cols[f.index()], col => {
                for &row in &self.order {
                    let id = col[row as usize] as usize;
                    rows[next[id] as usize] = row;
                    next[id] += 1;
                }
            });
            Postings { starts, rows }
        })
    }

    /// The unfiltered histogram kept for the order as it is (the caller checks its shape).
    pub(super) fn unfiltered_hist(&self) -> &std::cell::RefCell<Option<super::query::HistCounts>> {
        &self.unfiltered_hist
    }

    /// Unfiltered value counts per field, as of the last `finalize`.
    pub fn base_counts(&self) -> &[Vec<u64>] {
        &self.base_counts
    }

    /// Whether every row is in the time order.
    pub fn is_sorted(&self) -> bool {
        self.order.len() == self.len()
    }

    /// The column of a field, by row.
    pub fn col(&self, f: Field) -> &Ids {
        &self.cols[f.index()]
    }

    /// The dictionary of a field.
    pub fn dict(&self, f: Field) -> &Dict {
        &self.dicts[f.index()]
    }

    /// A field's value for row `i` ("" when absent).
    pub fn value(&self, f: Field, i: usize) -> &str {
        self.dicts[f.index()].get(self.cols[f.index()].get(i))
    }

    /// The eventId of row `i` (cut to `MAX_ID_BYTES`).
    pub fn event_id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.id_ends[i - 1] as usize };
        std::str::from_utf8(&self.id_bytes[start..self.id_ends[i] as usize]).unwrap_or_default()
    }

    /// The requestId of row `i` (cut to `MAX_ID_BYTES`; "" when the event has none).
    pub fn request_id(&self, i: usize) -> &str {
        if self.req_same[i] {
            return self.event_id(i);
        }
        let start = if i == 0 { 0 } else { self.req_ends[i - 1] as usize };
        std::str::from_utf8(&self.req_bytes[start..self.req_ends[i] as usize]).unwrap_or_default()
    }

    /// The errorMessage dictionary.
    pub fn error_messages(&self) -> &Dict {
        &self.error_messages
    }

    /// The errorMessage id of row `i`.
    pub fn error_message_id(&self, i: usize) -> u32 {
        self.error_message_col[i]
    }

    /// The errorMessage of row `i`.
    pub fn error_message(&self, i: usize) -> &str {
        self.error_messages.get(self.error_message_col[i])
    }

    /// The lowercase search text of row `i` (beyond the columns, ids and hidden values).
    pub fn text_of(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.text_ends[i - 1] as usize };
        &self.text[start..self.text_ends[i] as usize]
    }

    /// The whole search text and each row's end offset in it.
    pub fn text_parts(&self) -> (&[u8], &[u32]) {
        (&self.text, &self.text_ends)
    }

    /// All event ids and each row's end offset in them.
    pub fn id_parts(&self) -> (&[u8], &[u32]) {
        (&self.id_bytes, &self.id_ends)
    }

    /// The searched-but-not-broken-down values: (dictionary, column) for `eventSource` and
    /// `principalId`.
    pub fn hidden(&self) -> &[(Dict, Vec<u32>); 2] {
        &self.hidden
    }

    /// Make room for `more` events and `text` bytes of their search text, so loading a big file
    /// does not copy every column as it grows (the worker's memory never shrinks: each doubling
    /// leaves the old copy behind, written and so resident). Room reserved and not used is never
    /// written, and costs address space, not memory.
    pub fn reserve(&mut self, more: usize, text: usize) {
        self.times.reserve(more);
        for c in &mut self.cols {
            c.reserve(more);
        }
        for (_, c) in &mut self.hidden {
            c.reserve(more);
        }
        self.id_bytes.reserve(more * 36);
        self.id_ends.reserve(more);
        self.req_ends.reserve(more);
        self.req_same.reserve(more);
        self.error_message_col.reserve(more);
        self.sensitive.reserve(more);
        self.text.reserve(text);
        self.text_ends.reserve(more);
        self.sources.reserve(more);
        self.by_id.reserve(more);
    }

    /// Row of an eventId, if loaded.
    pub fn find(&self, event_id: &str) -> Option<usize> {
        if event_id.is_empty() {
            return None;
        }
        let mut key = hash_id(event_id);
        loop {
            let row = *self.by_id.get(&key)? as usize;
            if self.event_id(row) == clip(event_id, MAX_ID_BYTES) {
                return Some(row);
            }
            key = next_key(key);
        }
    }

    /// Whether row `row` is the event with id `id` (or, with no id, the one at `source`).
    fn same_event(&self, row: usize, id: &str, source: &SourceRef) -> bool {
        let stored = self.event_id(row);
        if id.is_empty() {
            stored.is_empty() && self.sources[row].file == source.file && self.sources[row].offset == source.offset
        } else {
            stored == clip(id, MAX_ID_BYTES)
        }
    }

    /// Approximate heap bytes held (for the load report and benchmarks).
    pub fn heap_bytes(&self) -> usize {
        let dicts: usize =
            self.dicts.iter().chain(self.hidden.iter().map(|h| &h.0)).map(Dict::heap_bytes).sum::<usize>()
                + self.error_messages.heap_bytes();
        let columns: usize = self.cols.iter().map(Ids::width).sum();
        let per_row = 8 + columns + 4 * 2 + 4 + 4 + 1 + 4 + std::mem::size_of::<SourceRef>() + 4 + 24 + 4 + 1;
        self.len() * per_row + self.id_bytes.len() + self.req_bytes.len() + self.text.len() + dicts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::parse::parse_event;

    fn add(store: &mut Store, json: &str, offset: u64) -> Added {
        let p = parse_event(json.as_bytes()).unwrap();
        store.add(&p, SourceRef { file: 0, offset, len: json.len() as u32, wrapping: Wrapping::None })
    }

    fn ev(id: &str, time: &str) -> String {
        format!(r#"{{"eventId":"{id}","eventTime":"{time}","eventName":"E{id}"}}"#)
    }

    #[test]
    fn request_ids_are_kept_as_written_and_once_when_they_are_the_event_id() {
        let mut s = Store::new();
        add(&mut s, r#"{"eventId":"A1","requestId":"A1","eventTime":"2026-01-01T00:00:00Z"}"#, 0);
        add(&mut s, r#"{"eventId":"B2","requestId":"5F1E-Req","eventTime":"2026-01-01T00:00:00Z"}"#, 100);
        add(&mut s, r#"{"eventId":"C3","eventTime":"2026-01-01T00:00:00Z"}"#, 200);
        assert_eq!((s.request_id(0), s.request_id(1), s.request_id(2)), ("A1", "5F1E-Req", ""));
        assert_eq!(s.req_bytes.len(), "5F1E-Req".len());
    }

    #[test]
    fn rows_keep_their_ids_and_order_is_merged_by_time() {
        let mut s = Store::new();
        add(&mut s, &ev("b", "2024-01-01T00:00:02Z"), 0);
        add(&mut s, &ev("a", "2024-01-01T00:00:01Z"), 1);
        s.finalize();
        assert_eq!(s.order(), &[1, 0]);
        assert_eq!(add(&mut s, &ev("a", "2024-01-01T00:00:09Z"), 2), Added::Duplicate);
        add(&mut s, &ev("c", "2024-01-01T00:00:00Z"), 3);
        add(&mut s, &ev("d", "2024-01-01T00:00:02Z"), 4);
        assert!(!s.is_sorted());
        s.finalize();
        assert!(s.is_sorted());
        // Row ids are load order; equal times keep load order.
        assert_eq!((0..s.len()).map(|i| s.event_id(i)).collect::<Vec<_>>(), ["b", "a", "c", "d"]);
        assert_eq!(s.order(), &[2, 1, 0, 3]);
        assert_eq!(s.find("d"), Some(3));
        assert_eq!(s.find("zz"), None);
        let counts = &s.base_counts()[Field::EventName.index()];
        assert_eq!(counts.iter().sum::<u64>(), 4);
    }

    #[test]
    fn ids_whose_keys_collide_are_both_kept_and_both_found() {
        // Two ids the old FxHash gave one key.
        let mut s = Store::new();
        assert_eq!(add(&mut s, &ev("early-109", "2024-01-01T00:00:01Z"), 0), Added::New);
        assert_eq!(add(&mut s, &ev("early-184", "2024-01-01T00:00:02Z"), 1), Added::New);
        // A key taken by another event (forced here: the new key spreads these ids) moves the
        // next one on, and both are found; the same id again is still a duplicate.
        let taken = hash_id("c");
        s.by_id.insert(taken, 0);
        assert_eq!(add(&mut s, &ev("c", "2024-01-01T00:00:03Z"), 2), Added::New);
        assert_eq!(add(&mut s, &ev("c", "2024-01-01T00:00:04Z"), 3), Added::Duplicate);
        assert_eq!((s.find("early-109"), s.find("early-184"), s.find("c")), (Some(0), Some(1), Some(2)));
        // Events with no id are told apart by where they are, even under one key.
        let bare = |offset| format!(r#"{{"eventTime":"2024-01-01T00:00:0{offset}Z"}}"#);
        assert_eq!(add(&mut s, &bare(4), 4), Added::New);
        assert_eq!(add(&mut s, &bare(4), 4), Added::Duplicate);
        s.by_id.insert(hash_id("\u{0}0:5"), 3);
        assert_eq!(add(&mut s, &bare(5), 5), Added::New);
        assert_eq!(s.len(), 5);
    }

    #[test]
    fn values_that_differ_only_at_their_end_spread_over_the_low_bits() {
        // The table's bucket is the hash's low bits: families of values that differ in their last
        // byte or two must not share a few buckets.
        let families: [Vec<String>; 3] = [
            (100..200).map(|i| format!("10.0.1.{i}")).collect(),
            (0..100).map(|i| format!("bucket-{i:02}")).collect(),
            (0..5000).map(|i| format!("value-{i}")).collect(),
        ];
        for family in &families {
            let buckets: std::collections::HashSet<u64> = family.iter().map(|v| hash_str(v) & 0xffff).collect();
            assert!(buckets.len() * 100 >= family.len() * 90, "{} values in {} buckets", family.len(), buckets.len());
        }
    }

    #[test]
    fn a_string_hashes_every_one_of_its_bytes() {
        for n in 1..40 {
            let a: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            for k in 0..n {
                let mut b = a.clone().into_bytes();
                b[k] = b'Z';
                assert_ne!(hash_str(&a), hash_str(&String::from_utf8(b).unwrap()), "byte {k} of {a}");
            }
        }
    }

    #[test]
    fn bytes_are_the_same_only_when_every_byte_is() {
        for n in 0..40 {
            let a: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "{n} bytes");
            assert!(!same_bytes(&a, &[a.as_slice(), b"x"].concat()), "{n} bytes and one more");
            for k in 0..n {
                let mut b = a.clone();
                b[k] = b'Z';
                assert!(!same_bytes(&a, &b), "byte {k} of {n}");
            }
        }
    }

    #[test]
    fn sensitive_operations_are_flagged_by_name_whenever_the_name_was_first_seen() {
        let mut s = Store::new();
        let names = ["GetObject", "DeleteBucket", "GetObject", "PutBucketPolicy", "DeleteBucket", "DeleteBucketX"];
        for (i, name) in names.iter().enumerate() {
            let json = format!(r#"{{"eventId":"e{i}","eventTime":"2026-01-01T00:00:00Z","eventName":"{name}"}}"#);
            add(&mut s, &json, i as u64 * 100);
        }
        // Flagged by the action's own attribute too, whatever its name.
        add(
            &mut s,
            r#"{"eventId":"e9","eventTime":"2026-01-01T00:00:00Z","eventName":"GetObject","eventAttributes":{"SensitiveAction":"true"}}"#,
            900,
        );
        add(&mut s, r#"{"eventId":"e10","eventTime":"2026-01-01T00:00:00Z"}"#, 1000);
        assert_eq!(s.sensitive, [false, true, false, true, true, false, true, false]);
    }

    #[test]
    fn a_dictionary_keeps_each_value_once_and_finds_it_again() {
        let mut d = Dict::new();
        // Values a word apart, ending in zero bytes, one a prefix of another, long and cut.
        let long = "x".repeat(MAX_VALUE_BYTES + 10);
        let values: Vec<String> =
            ["a", "a\0", "a\0\0\0\0\0\0\0", "a\0\0\0\0\0\0\0\0", "abcdefgh", "abcdefghi", "数据", long.as_str()]
                .iter()
                .map(|s| s.to_string())
                .chain((0..5000).map(|i| format!("value-{i}")))
                .collect();
        let ids: Vec<u32> = values.iter().map(|v| d.intern(Some(v))).collect();
        assert_eq!(ids, (1..=values.len() as u32).collect::<Vec<_>>(), "each value is new once");
        for (v, &id) in values.iter().zip(&ids) {
            assert_eq!(d.intern(Some(v)), id);
            assert_eq!(d.get(id), clip(v, MAX_VALUE_BYTES));
            assert_eq!(d.id(d.get(id)), Some(id));
        }
        assert_eq!(d.get(ids[7]).len(), MAX_VALUE_BYTES);
        assert_eq!((d.intern(None), d.intern(Some("")), d.id("")), (0, 0, Some(0)));
        assert_eq!(d.id("never"), None);
        assert_eq!(d.lower(d.id("abcdefgh").unwrap()), "abcdefgh");
    }

    #[test]
    fn columns_widen_as_their_dictionaries_grow_and_keep_every_value() {
        let mut s = Store::new();
        for i in 0..70_000u32 {
            let json = format!(
                r#"{{"eventId":"e{i}","eventTime":"2024-01-01T00:00:00Z","eventName":"N{}","userIdentity":{{"userName":"u{i}"}},"sourceIPAddress":"10.0.{}.{}"}}"#,
                i % 7,
                i / 1000 % 256,
                i % 1000 % 256
            );
            add(&mut s, &json, u64::from(i));
        }
        // A byte while a field has at most 256 values (with "absent"), two up to 65,536, else four.
        let width = |f: Field| s.col(f).width();
        assert_eq!((width(Field::EventName), width(Field::SourceIpAddress), width(Field::UserName)), (1, 2, 4));
        for i in [0usize, 254, 255, 256, 65_534, 65_535, 65_536, 69_999] {
            assert_eq!(s.value(Field::UserName, i), format!("u{i}"));
            assert_eq!(s.value(Field::EventName, i), format!("N{}", i % 7));
        }
        assert!((0..70_000).all(|i| s.value(Field::UserName, i) == format!("u{i}")));
        s.finalize();
        let f = crate::trail::query::Filter {
            include: vec![(Field::UserName, vec!["u65536".into(), "u3".into()])],
            ..Default::default()
        };
        assert_eq!(s.select(&f), [3, 65_536]);
        assert_eq!(s.query_select(&f, 10, 10).1, [3, 65_536]);
    }

    #[test]
    fn huge_values_are_cut_at_a_character_boundary() {
        let mut s = Store::new();
        let long = "中".repeat(MAX_VALUE_BYTES);
        let json =
            format!(r#"{{"eventId":"x","eventTime":"2024-01-01T00:00:00Z","eventName":"{long}","note":"{long}"}}"#);
        add(&mut s, &json, 0);
        let name = s.value(Field::EventName, 0);
        assert!(name.len() <= MAX_VALUE_BYTES && name.len() > MAX_VALUE_BYTES - 3 && name.starts_with('中'));
        assert!(s.text_of(0).len() <= MAX_TEXT_BYTES + 1);
        assert_eq!(clip("héllo", 2), "h");
    }
}
