//! The columnar event store: one column of interned ids per indexed field, times, event ids, a
//! lowercase search text per event, and where each event's JSON is in its file (for the detail
//! view and export, which re-read it instead of keeping a second copy in memory).

use super::parse::{Parsed, Wrapping};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A fast non-cryptographic hasher (FxHash-style) for interning and dedup: keys are not
/// attacker-chosen in a way that matters here (a slow file only slows its own load).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(n as u64);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = BuildHasherDefault<FxHasher>;

/// The fields the explorer can break down and filter by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    EventName,
    ServiceName,
    IdentityType,
    UserName,
    AccessKeyId,
    SourceIpAddress,
    AcsRegion,
    Bucket,
    ErrorCode,
    #[serde(rename = "eventRW")]
    EventRw,
    EventType,
    UserAgent,
}

/// Every field, in display order.
pub const FIELDS: [Field; 12] = [
    Field::EventName,
    Field::ServiceName,
    Field::IdentityType,
    Field::UserName,
    Field::AccessKeyId,
    Field::SourceIpAddress,
    Field::AcsRegion,
    Field::Bucket,
    Field::ErrorCode,
    Field::EventRw,
    Field::EventType,
    Field::UserAgent,
];

impl Field {
    /// The name used in test ids, URLs and CSV headers.
    pub fn key(self) -> &'static str {
        match self {
            Field::EventName => "eventName",
            Field::ServiceName => "serviceName",
            Field::IdentityType => "identityType",
            Field::UserName => "userName",
            Field::AccessKeyId => "accessKeyId",
            Field::SourceIpAddress => "sourceIpAddress",
            Field::AcsRegion => "acsRegion",
            Field::Bucket => "bucket",
            Field::ErrorCode => "errorCode",
            Field::EventRw => "eventRW",
            Field::EventType => "eventType",
            Field::UserAgent => "userAgent",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Field::EventName => "Event",
            Field::ServiceName => "Service",
            Field::IdentityType => "Identity type",
            Field::UserName => "Identity",
            Field::AccessKeyId => "AccessKey ID",
            Field::SourceIpAddress => "Source IP",
            Field::AcsRegion => "Region",
            Field::Bucket => "Bucket",
            Field::ErrorCode => "Error code",
            Field::EventRw => "Read/Write",
            Field::EventType => "Event type",
            Field::UserAgent => "User agent",
        }
    }

    /// The field for a key, if any.
    pub fn from_key(key: &str) -> Option<Field> {
        FIELDS.iter().copied().find(|f| f.key() == key)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Interned strings of one field; id 0 is "absent".
#[derive(Debug, Default, Clone)]
pub struct Dict {
    map: HashMap<Box<str>, u32, FxBuild>,
    strings: Vec<Box<str>>,
    lower: Vec<Box<str>>,
}

impl Dict {
    fn new() -> Self {
        Dict { map: HashMap::default(), strings: vec!["".into()], lower: vec!["".into()] }
    }

    fn intern(&mut self, s: Option<&str>) -> u32 {
        let Some(s) = s.filter(|s| !s.is_empty()) else { return 0 };
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.into());
        self.lower.push(s.to_lowercase().into());
        self.map.insert(s.into(), id);
        id
    }

    /// The id of `s`, if seen.
    pub fn id(&self, s: &str) -> Option<u32> {
        if s.is_empty() {
            return Some(0);
        }
        self.map.get(s).copied()
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
}

/// Where an event's JSON is: a byte range in a file's (decompressed) stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// The store. Rows are in load order until `finalize` sorts them by time.
#[derive(Debug)]
pub struct Store {
    pub times: Vec<i64>,
    cols: Vec<Vec<u32>>,
    dicts: Vec<Dict>,
    id_bytes: Vec<u8>,
    id_ends: Vec<u32>,
    error_messages: Dict,
    error_message_col: Vec<u32>,
    pub sensitive: Vec<bool>,
    text: Vec<u8>,
    text_ends: Vec<u64>,
    pub sources: Vec<SourceRef>,
    seen: HashSet<u64, FxBuild>,
    sorted: bool,
    /// Per field, how many rows have each value (the unfiltered facets), set by `finalize`.
    base_counts: Vec<Vec<u64>>,
}

impl Default for Store {
    fn default() -> Self {
        Self::new()
    }
}

/// FNV-1a, for the dedup set (64 bits: collisions among millions of ids are negligible).
fn hash_id(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
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
            cols: (0..FIELDS.len()).map(|_| Vec::new()).collect(),
            dicts: (0..FIELDS.len()).map(|_| Dict::new()).collect(),
            id_bytes: Vec::new(),
            id_ends: Vec::new(),
            error_messages: Dict::new(),
            error_message_col: Vec::new(),
            sensitive: Vec::new(),
            text: Vec::new(),
            text_ends: Vec::new(),
            sources: Vec::new(),
            seen: HashSet::default(),
            sorted: true,
            base_counts: Vec::new(),
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

    /// Add a parsed event unless its eventId is already here.
    pub fn add(&mut self, p: &Parsed<'_>, source: SourceRef) -> Added {
        let f = &p.fields;
        let id = f.event_id.as_deref().unwrap_or_default();
        let key = if id.is_empty() {
            // No id: identify by content position, so it is never merged with another.
            hash_id(&format!("\u{0}{}:{}", source.file, source.offset))
        } else {
            hash_id(id)
        };
        if !self.seen.insert(key) {
            return Added::Duplicate;
        }
        let identity = f.user_name.as_deref().or(f.principal_id.as_deref());
        let bucket = f.buckets.first().map(|b| b.as_ref());
        let values: [Option<&str>; 12] = [
            f.event_name.as_deref(),
            f.service_name.as_deref(),
            f.identity_type.as_deref(),
            identity,
            f.access_key_id.as_deref(),
            f.source_ip.as_deref(),
            f.acs_region.as_deref(),
            bucket,
            f.error_code.as_deref(),
            f.event_rw.as_deref(),
            f.event_type.as_deref(),
            f.user_agent.as_deref(),
        ];
        for (i, v) in values.iter().enumerate() {
            let id = self.dicts[i].intern(*v);
            self.cols[i].push(id);
        }
        if self.times.last().is_some_and(|&t| t > p.time_ms) {
            self.sorted = false;
        }
        self.base_counts.clear();
        self.times.push(p.time_ms);
        self.id_bytes.extend_from_slice(id.as_bytes());
        self.id_ends.push(self.id_bytes.len() as u32);
        let msg = self.error_messages.intern(f.error_message.as_deref());
        self.error_message_col.push(msg);
        let name = f.event_name.as_deref().unwrap_or_default();
        let public_acl = name == "PutBucketAcl" && f.extra.contains("public-read");
        self.sensitive.push(f.sensitive_attribute || public_acl || SENSITIVE_EVENTS.contains(&name));
        // Search text: what is not in a column (the columns are searched through their dicts).
        for part in [
            Some(id),
            f.event_source.as_deref(),
            f.principal_id.as_deref(),
            f.request_id.as_deref().filter(|r| *r != id),
        ]
        .into_iter()
        .flatten()
        .chain(f.buckets.iter().skip(1).map(|b| b.as_ref()))
        .chain(std::iter::once(f.extra.as_str()))
        {
            if !part.is_empty() {
                self.text.push(b' ');
                self.text.extend(part.bytes().map(|b| b.to_ascii_lowercase()));
            }
        }
        // A terminator no search text contains, so one scan over all rows never matches across two.
        self.text.push(0);
        self.text_ends.push(self.text.len() as u64);
        self.sources.push(source);
        Added::New
    }

    /// Sort rows by time (stable: equal times keep load order) and count each field's values.
    /// Call after a load.
    pub fn finalize(&mut self) {
        self.sort_by_time();
        self.base_counts = FIELDS
            .iter()
            .map(|&f| {
                let mut counts = vec![0u64; self.dict(f).len()];
                for &id in self.col(f) {
                    counts[id as usize] += 1;
                }
                counts
            })
            .collect();
    }

    /// Unfiltered value counts per field (empty until `finalize`).
    pub fn base_counts(&self) -> &[Vec<u64>] {
        &self.base_counts
    }

    fn sort_by_time(&mut self) {
        if self.sorted {
            return;
        }
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_by_key(|&i| self.times[i as usize]);
        let perm = |v: &Vec<u32>| order.iter().map(|&i| v[i as usize]).collect::<Vec<u32>>();
        self.cols = self.cols.iter().map(perm).collect();
        self.error_message_col = perm(&self.error_message_col);
        self.times = order.iter().map(|&i| self.times[i as usize]).collect();
        self.sensitive = order.iter().map(|&i| self.sensitive[i as usize]).collect();
        self.sources = order.iter().map(|&i| self.sources[i as usize]).collect();
        let (mut ids, mut id_ends) = (Vec::with_capacity(self.id_bytes.len()), Vec::with_capacity(self.len()));
        let (mut text, mut text_ends) = (Vec::with_capacity(self.text.len()), Vec::with_capacity(self.len()));
        for &i in &order {
            ids.extend_from_slice(self.event_id(i as usize).as_bytes());
            id_ends.push(ids.len() as u32);
            text.extend_from_slice(self.text_of(i as usize));
            text_ends.push(text.len() as u64);
        }
        (self.id_bytes, self.id_ends, self.text, self.text_ends) = (ids, id_ends, text, text_ends);
        self.sorted = true;
    }

    /// Whether rows are in time order.
    pub fn is_sorted(&self) -> bool {
        self.sorted
    }

    /// The column of a field.
    pub fn col(&self, f: Field) -> &[u32] {
        &self.cols[f.index()]
    }

    /// The dictionary of a field.
    pub fn dict(&self, f: Field) -> &Dict {
        &self.dicts[f.index()]
    }

    /// A field's value for row `i` ("" when absent).
    pub fn value(&self, f: Field, i: usize) -> &str {
        self.dicts[f.index()].get(self.cols[f.index()][i])
    }

    /// The eventId of row `i`.
    pub fn event_id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.id_ends[i - 1] as usize };
        std::str::from_utf8(&self.id_bytes[start..self.id_ends[i] as usize]).unwrap_or_default()
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

    /// The lowercase search text of row `i` (beyond the columns).
    pub fn text_of(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.text_ends[i - 1] as usize };
        &self.text[start..self.text_ends[i] as usize]
    }

    /// The whole search text and each row's end offset in it.
    pub fn text_parts(&self) -> (&[u8], &[u64]) {
        (&self.text, &self.text_ends)
    }

    /// Row of an eventId, if loaded (a linear scan: used for one selected event at a time).
    pub fn find(&self, event_id: &str) -> Option<usize> {
        if !self.seen.contains(&hash_id(event_id)) {
            return None;
        }
        (0..self.len()).find(|&i| self.event_id(i) == event_id)
    }

    /// Approximate heap bytes held (for the load report and benchmarks).
    pub fn heap_bytes(&self) -> usize {
        let dicts: usize = self.dicts.iter().map(|d| d.strings.iter().map(|s| s.len() * 3 + 48).sum::<usize>()).sum();
        self.len() * (8 + 4 * 12 + 4 + 4 + 1 + 8 + 24 + 16) + self.id_bytes.len() + self.text.len() + dicts
    }
}
