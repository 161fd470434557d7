//! Messages between the page and the worker that owns the engine, and their one wire form
//! ([`to_wire`] / [`from_wire`]: postcard, compact and without field names, so the page carries
//! no JSON reader for them). Files and export text travel beside them.

use super::bucket::Plan;
use super::bucket_load::{FileFailure, LoadEnd, LoadProgress};
use super::gzip::GzError;
use super::load::FileReport;
use super::query::{Filter, QueryResult, Row};
use super::store::Field;
use crate::oss::session::Form;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Json,
    Ndjson,
}

impl ExportFormat {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Ndjson => "ndjson",
        }
    }

    /// MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv",
            ExportFormat::Json => "application/json",
            ExportFormat::Ndjson => "application/x-ndjson",
        }
    }
}

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Request {
    /// Load the files sent beside this message (added to what is loaded).
    Load,
    /// Stop loading the files sent so far (what was read is kept).
    Cancel,
    /// Forget everything.
    Clear,
    /// Counts, facets, histogram and the first page of rows.
    Query { id: u64, filter: Filter, facet_limit: usize, rows: usize, desc: bool },
    /// Another page of the last query's rows.
    Rows { offset: usize, limit: usize, desc: bool },
    /// One event's full JSON.
    Detail { id: u64, event_id: String },
    /// The events `filter` selects, streamed back in pieces.
    Export { id: u64, format: ExportFormat, filter: Filter },
    /// A bucket's access-tracking and lifecycle events (for the tracking view).
    History { id: u64, bucket: String },
    /// What is unusual in the loaded events.
    Insights { id: u64 },
    /// Who did what: one identity's or AccessKey's activity.
    Profile { id: u64, field: Field, value: String },
    /// Every bucket the loaded events name (the many-buckets view).
    Buckets { id: u64 },
    /// Fetch a trail's planned objects from its bucket, here in the worker (the page never
    /// holds an object's body), and send each back as a file beside `TrailFetched`. `Cancel` and
    /// `Clear` stop it.
    LoadTrail(Box<TrailLoad>),
    /// Test hook: make the worker fail as a bug would (checks that the page recovers).
    Crash,
    /// Test hook: fail as a bug would whenever a file whose name starts with `name` is read (from
    /// now on, in this worker), as a file that kills the worker does.
    CrashOnRead { name: String },
}

/// What the worker needs to load a trail from its bucket. The credentials cross once per load;
/// `Debug` hides the secret and token (see `Credentials`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrailLoad {
    /// The page's id for this load: every answer about it carries it, so the page can drop the
    /// answers of a load it no longer wants (one it cleared).
    pub id: u64,
    pub form: Form,
    /// The endpoint origin the user confirmed, if it is outside the OSS domains.
    pub confirmed: Option<String>,
    /// The trail's key prefix.
    pub prefix: String,
    pub plan: Plan,
    /// The clock correction the page learned while listing.
    pub offset_ms: i64,
}

/// Where loading stands. `updates` holds only the file reports that changed since the last
/// notice (all of them after a Clear); `generation` changes on every Clear.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub generation: u64,
    /// How many files this generation has.
    pub files: u32,
    pub updates: Vec<(u32, FileReport)>,
    pub bytes_total: u64,
    pub bytes_read: u64,
    pub events: u64,
    pub errors: u64,
    pub loading: bool,
    pub elapsed_ms: u64,
    /// The worker's wasm memory (it only grows, so this is also its peak).
    #[serde(default)]
    pub wasm_bytes: u64,
    /// Load requests this worker has taken so far (across Clears).
    #[serde(default)]
    pub loads: u64,
    /// Bytes of files this worker had read ahead on a thread of its own so far (the host's
    /// figure, like `wasm_bytes`).
    #[serde(default)]
    pub read_ahead: u64,
}

/// The answer to a query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryAnswer {
    pub id: u64,
    pub result: QueryResult,
    pub rows: Vec<Row>,
    pub selected: usize,
}

/// One event of a bucket's history, with what it asked for when it is a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub row: Row,
    pub change: Option<super::change::Change>,
}

/// A page of the last query's rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowsAnswer {
    /// The query these rows belong to.
    pub id: u64,
    pub offset: usize,
    pub rows: Vec<Row>,
}

/// One event, read back from its file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailOk {
    /// The event's JSON, pretty-printed.
    pub json: String,
    /// Its indexed values (for click-to-filter).
    pub fields: Vec<(Field, String)>,
}

/// Why an event could not be shown (`Display` is the English; `Lang::text(&Msg::Detail(..))`
/// gives every language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DetailError {
    NotLoaded,
    Cleared,
    /// What the browser said.
    Read(String),
    FileEnded,
    Gzip(GzError),
}

impl std::error::Error for DetailError {}

/// Why an export stopped (`Display` is the English; `Lang::text(&Msg::Export(..))` gives every
/// language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExportError {
    Cleared,
    /// What the browser said.
    Read(String),
    Gzip(GzError),
}

impl std::error::Error for ExportError {}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Response {
    /// The worker started.
    Ready,
    Progress(Progress),
    /// `query_ms`: time the worker spent answering, for the speed figures.
    Result {
        answer: QueryAnswer,
        query_ms: f64,
    },
    Rows(RowsAnswer),
    Detail {
        id: u64,
        event_id: String,
        result: Result<DetailOk, DetailError>,
    },
    /// A piece of export text travels beside this message.
    ExportChunk {
        id: u64,
    },
    ExportDone {
        id: u64,
        format: ExportFormat,
        result: Result<u64, ExportError>,
    },
    /// A bucket's history, newest first; `total` counts all of them.
    History {
        id: u64,
        bucket: String,
        events: Vec<HistoryEntry>,
        total: u64,
    },
    /// The insights, and how long they took.
    Insights {
        id: u64,
        insights: super::insights::Insights,
        ms: f64,
    },
    /// A profile (`None`: no loaded event has that value).
    Profile {
        id: u64,
        field: Field,
        value: String,
        profile: Option<super::insights::Profile>,
    },
    /// The buckets the loaded events name.
    Buckets {
        id: u64,
        buckets: Vec<super::insights::BucketSeen>,
    },
    /// A request the worker could not read.
    BadRequest {
        message: String,
    },
    /// The engine starts reading file `file` (its number in this generation). Tiny and not
    /// rendered: if the worker dies now, the page knows which file it was reading.
    Reading {
        generation: u64,
        file: u32,
    },
    /// Trail objects of load `load` fetched since the last of these travel beside this message,
    /// as files, for the page to load (and to reload into a new worker if this one dies).
    TrailFetched {
        load: u64,
    },
    /// How far trail load `load` has got.
    TrailProgress {
        load: u64,
        progress: LoadProgress,
    },
    /// Trail load `load` ended; `offset_ms` is the clock correction now known.
    TrailLoaded {
        load: u64,
        failures: Vec<FileFailure>,
        end: LoadEnd,
        progress: LoadProgress,
        offset_ms: i64,
    },
}

/// A message in its wire form.
pub fn to_wire<T: Serialize>(msg: &T) -> Vec<u8> {
    // Only a sequence of unknown length fails to serialize, and none of these messages has one;
    // an empty message is read back as an error, never as a wrong message.
    postcard::to_allocvec(msg).unwrap_or_default()
}

/// Why a message could not be read from its wire form.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the message is not understood ({0}); reload the page if this keeps happening")]
pub struct WireError(String);

/// A message from its wire form. Never panics; bytes left over are an error.
pub fn from_wire<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WireError> {
    match postcard::take_from_bytes(bytes) {
        Ok((msg, [])) => Ok(msg),
        Ok((_, rest)) => Err(WireError(format!("{} bytes too many", rest.len()))),
        Err(e) => Err(WireError(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_junk_is_an_error() {
        let r = Request::Query {
            id: 3,
            filter: Filter { include: vec![(Field::EventName, vec!["PutBucket".into()])], ..Default::default() },
            facet_limit: 10,
            rows: 50,
            desc: true,
        };
        assert_eq!(from_wire::<Request>(&to_wire(&r)), Ok(r));
        let d = Response::Detail { id: 1, event_id: "e".into(), result: Err(DetailError::Read("gone".into())) };
        assert_eq!(from_wire::<Response>(&to_wire(&d)), Ok(d));
        let e = Response::ExportDone { id: 2, format: ExportFormat::Csv, result: Ok(5) };
        let mut wire = to_wire(&e);
        assert_eq!(from_wire::<Response>(&wire), Ok(e));
        wire.push(0);
        assert!(from_wire::<Response>(&wire).is_err());
        // A trail load crosses whole; its Debug hides the secret and token.
        let load = Request::LoadTrail(Box::new(TrailLoad {
            id: 1,
            form: Form {
                credentials: crate::oss::credentials::Credentials {
                    access_key_id: "STS.id".into(),
                    access_key_secret: "the-secret-value".into(),
                    security_token: Some("the-token-value".into()),
                    expiration_ms: Some(5),
                },
                place: crate::oss::place::BucketPlace { bucket: "b".into(), ..Default::default() },
            },
            confirmed: None,
            prefix: "p".into(),
            plan: Plan {
                range: super::super::bucket::DateRange::parse("2025-01-01", "2025-01-02").unwrap(),
                folders: vec![],
                files: vec![],
                totals: Default::default(),
                by_region_day: vec![],
                skipped: Default::default(),
            },
            offset_ms: -3,
        }));
        assert_eq!(from_wire::<Request>(&to_wire(&load)), Ok(load.clone()));
        let shown = format!("{load:?}");
        assert!(!shown.contains("the-secret-value") && !shown.contains("the-token-value"), "{shown}");
        for junk in [&[][..], &[0xff; 3], &[7, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]] {
            assert!(from_wire::<Response>(junk).is_err(), "{junk:?}");
            assert!(from_wire::<Request>(junk).is_err(), "{junk:?}");
        }
    }
}
