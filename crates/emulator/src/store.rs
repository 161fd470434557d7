//! A bucket's objects: immutable after seeding, shared between the state and every reset.

use bytes::Bytes;
use console_core::oss::encode;
use console_core::trail::layout::ObjectKind;
use md5::{Digest, Md5};
use std::collections::BTreeMap;
use std::ops::Bound;

/// One stored object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    pub body: Bytes,
    /// `"<uppercase hex MD5>"`, quotes included, as OSS sends it for simple uploads.
    pub etag: String,
    pub last_modified_ms: i64,
    pub content_type: &'static str,
    pub kind: ObjectKind,
    /// Events inside, for trail files.
    pub event_count: u64,
    /// `Standard`, `IA`, `Archive`, `ColdArchive`.
    pub storage_class: &'static str,
    /// When it was last read (Unix ms), if access tracking has seen it read.
    pub last_access_ms: Option<i64>,
}

impl Object {
    /// An object with its ETag computed and its content type from the key's extension.
    pub fn new(key: &str, body: impl Into<Bytes>, last_modified_ms: i64, kind: ObjectKind, event_count: u64) -> Self {
        let body = body.into();
        let etag = format!("\"{}\"", encode::hex(&Md5::digest(&body)).to_ascii_uppercase());
        let content_type = match key.rsplit_once('.').map(|(_, ext)| ext) {
            Some("json") => "application/json",
            Some("txt") => "text/plain",
            _ => "application/octet-stream",
        };
        Object {
            body,
            etag,
            last_modified_ms,
            content_type,
            kind,
            event_count,
            storage_class: "Standard",
            last_access_ms: None,
        }
    }

    /// An object whose body is a slice of shared bytes (the cold-data bucket's thousands): its
    /// ETag is made from the key, not computed over the body.
    pub fn shared(
        key: &str,
        body: Bytes,
        last_modified_ms: i64,
        storage_class: &'static str,
        last_access_ms: Option<i64>,
    ) -> Self {
        let etag = format!("\"{}\"", encode::hex(&Md5::digest(key.as_bytes())).to_ascii_uppercase());
        Object {
            body,
            etag,
            last_modified_ms,
            content_type: "application/octet-stream",
            kind: ObjectKind::Other,
            event_count: 0,
            storage_class,
            last_access_ms,
        }
    }
}

/// Objects by key, in key order (the order ListObjectsV2 answers in).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectStore {
    objects: BTreeMap<String, Object>,
}

impl ObjectStore {
    /// Add or replace an object.
    pub fn insert(&mut self, key: String, object: Object) {
        self.objects.insert(key, object);
    }

    /// The object at `key`.
    pub fn get(&self, key: &str) -> Option<&Object> {
        self.objects.get(key)
    }

    /// Objects with keys `>= from`, in order.
    pub fn from(&self, from: &str) -> impl Iterator<Item = (&String, &Object)> {
        self.objects.range::<str, _>((Bound::Included(from), Bound::Unbounded))
    }

    /// All objects, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Object)> {
        self.objects.iter()
    }

    /// How many objects.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}
