//! Messages between the page and the worker that owns the store (serialized as JSON; files
//! travel beside them as `File` objects).

use super::load::FileReport;
use super::query::{Filter, QueryResult, Row};
use super::store::Field;
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
    /// Load the files sent beside this message.
    Load,
    /// Stop the current load (what was read is kept).
    Cancel,
    /// Forget everything.
    Clear,
    /// Counts, facets, histogram and the first page of rows.
    Query { id: u64, filter: Filter, facet_limit: usize, rows: usize, desc: bool },
    /// Another page of the last query's rows.
    Rows { id: u64, offset: usize, limit: usize, desc: bool },
    /// One event's full JSON.
    Detail { id: u64, event_id: String },
    /// The last query's events, streamed back in chunks.
    Export { id: u64, format: ExportFormat },
}

/// Totals while loading.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub files: Vec<FileReport>,
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

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Response {
    /// The worker started.
    Ready,
    Progress(Progress),
    /// `query_ms`: time the worker spent answering, for the speed figures.
    Result {
        id: u64,
        result: QueryResult,
        rows: Vec<Row>,
        selected: usize,
        query_ms: f64,
    },
    Rows {
        id: u64,
        offset: usize,
        rows: Vec<Row>,
    },
    /// One event: its JSON (pretty) and its indexed field values (for click-to-filter).
    Detail {
        id: u64,
        event_id: String,
        json: Option<String>,
        fields: Vec<(Field, String)>,
        error: Option<String>,
    },
    ExportChunk {
        id: u64,
        data: String,
    },
    ExportDone {
        id: u64,
        format: ExportFormat,
        events: u64,
        error: Option<String>,
    },
    /// Something went wrong that is not tied to a request.
    Failure {
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
    }
}
