//! Messages between the page and the worker that owns the engine. Serialized as JSON by the
//! app's codec; files and export text travel beside them.

use super::gzip::GzError;
use super::load::FileReport;
use super::query::{Filter, QueryResult, Row};
use super::store::Field;
use crate::i18n::{Lang, Msg};
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
#[serde(tag = "type", rename_all = "camelCase")]
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
    /// Test hook: make the worker fail as a bug would (checks that the page recovers).
    Crash,
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
}

/// The answer to a query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryAnswer {
    pub id: u64,
    pub result: QueryResult,
    pub rows: Vec<Row>,
    pub selected: usize,
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
#[serde(tag = "kind", content = "detail", rename_all = "camelCase")]
pub enum DetailError {
    NotLoaded,
    Cleared,
    /// What the browser said.
    Read(String),
    FileEnded,
    Gzip(GzError),
}

impl std::fmt::Display for DetailError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.text(&Msg::Detail(self)))
    }
}

impl std::error::Error for DetailError {}

/// Why an export stopped (`Display` is the English; `Lang::text(&Msg::Export(..))` gives every
/// language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "camelCase")]
pub enum ExportError {
    Cleared,
    /// What the browser said.
    Read(String),
    Gzip(GzError),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.text(&Msg::Export(self)))
    }
}

impl std::error::Error for ExportError {}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
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
        events: Vec<Row>,
        total: u64,
    },
    /// A request the worker could not read.
    BadRequest {
        message: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_json() {
        let r = Request::Query {
            id: 3,
            filter: Filter { include: vec![(Field::EventName, vec!["PutBucket".into()])], ..Default::default() },
            facet_limit: 10,
            rows: 50,
            desc: true,
        };
        let s = serde_json::to_string(&r).unwrap();
        assert!(s.contains("\"type\":\"query\"") && s.contains("\"eventName\""), "{s}");
        assert_eq!(serde_json::from_str::<Request>(&s).unwrap(), r);
        let d = Response::Detail { id: 1, event_id: "e".into(), result: Err(DetailError::Read("gone".into())) };
        let s = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Response>(&s).unwrap(), d);
        let e = Response::ExportDone { id: 2, format: ExportFormat::Csv, result: Ok(5) };
        assert_eq!(serde_json::from_str::<Response>(&serde_json::to_string(&e).unwrap()).unwrap(), e);
    }
}
