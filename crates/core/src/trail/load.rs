//! Loading one file: sniff gzip, inflate as a stream, split, parse, add to the store, and keep a
//! report of what happened (format, counts, the first few skipped entries with their position,
//! and the problem that stopped it, if any). Nothing here can stop another file from loading.

use super::gzip::{is_gzip, Checkpoint, Gunzip, GzError};
use super::parse::{parse_event, ParseError, Parsed, Wrapping};
use super::split::{Container, Piece, SkipReason, Splitter};
use super::store::{Added, SourceRef, Store};
use crate::effects::Clock;
use serde::{Deserialize, Serialize};

/// How many skipped entries a report lists (all are counted).
pub const SKIP_NOTES: usize = 8;
/// Gzip checkpoints every this many decompressed bytes (for re-reading single events).
pub const CHECKPOINT_EVERY: u64 = 8 << 20;
/// Bytes looked at before deciding a file is text.
const SNIFF_BYTES: usize = 512;

/// Resource caps for loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Events the store may hold; past it, loading stops and says so.
    pub max_events: usize,
    /// Decompressed bytes one gzip file may produce.
    pub max_inflated_bytes: u64,
    /// Past `ratio_after_bytes` of output, decompressed/compressed may not exceed this (a real
    /// trail compresses about 10:1; a gzip bomb 1000:1).
    pub max_inflate_ratio: u64,
    pub ratio_after_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_events: 4_000_000,
            max_inflated_bytes: 16 << 30,
            max_inflate_ratio: 200,
            ratio_after_bytes: 64 << 20,
        }
    }
}

/// Why an entry of a file was skipped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Skip {
    /// The structure around events (not an object, cut short, too large).
    Split(SkipReason),
    /// An object that is not an event.
    Parse(ParseError),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Split(r) => r.fmt(f),
            Skip::Parse(e) => e.fmt(f),
        }
    }
}

/// One skipped entry and where it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipNote {
    pub reason: Skip,
    pub line: u64,
    pub offset: u64,
}

/// Known kinds of binary file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BinaryKind {
    Zip,
    Zstd,
    Snappy,
    Bzip2,
    Xz,
    SevenZip,
    NestedGzip,
    Pdf,
    Png,
    Jpeg,
    Parquet,
    Program,
    Sqlite,
    Utf16,
}

/// Each kind by its first bytes.
const SIGNATURES: &[(&[u8], BinaryKind)] = &[
    (b"PK\x03\x04", BinaryKind::Zip),
    (b"\x28\xb5\x2f\xfd", BinaryKind::Zstd),
    (b"\xff\x06\x00\x00sNaPpY", BinaryKind::Snappy),
    (b"BZh", BinaryKind::Bzip2),
    (b"\xfd7zXZ\x00", BinaryKind::Xz),
    (b"7z\xbc\xaf\x27\x1c", BinaryKind::SevenZip),
    (b"\x1f\x8b", BinaryKind::NestedGzip),
    (b"%PDF", BinaryKind::Pdf),
    (b"\x89PNG", BinaryKind::Png),
    (b"\xff\xd8\xff", BinaryKind::Jpeg),
    (b"PAR1", BinaryKind::Parquet),
    (b"\x7fELF", BinaryKind::Program),
    (b"SQLite format 3\x00", BinaryKind::Sqlite),
    (b"\xff\xfe", BinaryKind::Utf16),
    (b"\xfe\xff", BinaryKind::Utf16),
];

impl std::fmt::Display for BinaryKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BinaryKind::Zip => "a ZIP archive: unzip it and drop the files inside",
            BinaryKind::Zstd => {
                "zstd-compressed data (SLS downloads are often .zst): decompress it with `zstd -d` first"
            }
            BinaryKind::Snappy => "snappy-compressed data (SLS shipping can write it): decompress it first",
            BinaryKind::Bzip2 => "bzip2-compressed data: decompress it with `bunzip2` first",
            BinaryKind::Xz => "xz-compressed data: decompress it with `xz -d` first",
            BinaryKind::SevenZip => "a 7-Zip archive: extract it first",
            BinaryKind::NestedGzip => "gzip inside gzip: decompress it once, then drop the result",
            BinaryKind::Pdf => "a PDF document",
            BinaryKind::Png => "a PNG image",
            BinaryKind::Jpeg => "a JPEG image",
            BinaryKind::Parquet => "a Parquet file",
            BinaryKind::Program => "a program (ELF)",
            BinaryKind::Sqlite => "an SQLite database",
            BinaryKind::Utf16 => "UTF-16 text: save it as UTF-8 and drop it again",
        })
    }
}

/// What stopped a file (the events read before it are kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "camelCase")]
pub enum FileProblem {
    #[error("the file is empty")]
    Empty,
    #[error("binary data, not events{}", .signature.map(|s| format!(" ({s})")).unwrap_or_default())]
    Binary { signature: Option<BinaryKind> },
    #[error("not an ActionTrail event file: {}", match .first { Some(s) => format!("{} (line {})", s.reason, s.line), None => "no event objects found".into() })]
    NotEvents { first: Option<SkipNote> },
    #[error("{0}")]
    Gzip(GzError),
    #[error("the file ends inside an event (truncated?)")]
    Truncated,
    #[error("it decompresses to more than {} GB: stopped (a gzip bomb?)", .limit >> 30)]
    InflatesTooMuch { limit: u64 },
    #[error("it decompresses over {ratio} times its size: stopped (a gzip bomb?)")]
    InflateRatio { ratio: u64 },
    #[error("the console holds at most {limit} events: loading stopped there; clear or filter before loading more")]
    StoreFull { limit: usize },
    #[error("the browser could not read it ({0})")]
    Read(String),
}

/// What a file turned out to hold (its container as the splitter saw it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FormatKind {
    /// Not known yet (reading has not started).
    #[default]
    Unknown,
    NotRead,
    Binary,
    Empty,
    SlsArray,
    CloudTrailArray,
    JsonArray,
    CloudTrailLookup,
    LookupEvents,
    CloudTrailRecords,
    SlsLog,
    SingleEvent,
    SlsLines,
    Ndjson,
}

/// The format a file was read as: its container, gzipped or not. `Display` is the English
/// (`gzip, NDJSON`); `Lang::text(&Msg::Format(..))` gives every language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FileFormat {
    pub gzip: bool,
    pub kind: FormatKind,
}

impl FormatKind {
    /// The English name (also the `data-format` the report shows).
    pub fn english(self) -> &'static str {
        match self {
            FormatKind::Unknown => "",
            FormatKind::NotRead => "not read",
            FormatKind::Binary => "binary",
            FormatKind::Empty => "empty",
            FormatKind::SlsArray => "SLS logs (JSON array)",
            FormatKind::CloudTrailArray => "CloudTrail events (JSON array)",
            FormatKind::JsonArray => "JSON array",
            FormatKind::CloudTrailLookup => "CloudTrail LookupEvents",
            FormatKind::LookupEvents => "LookupEvents response",
            FormatKind::CloudTrailRecords => "CloudTrail Records",
            FormatKind::SlsLog => "SLS log",
            FormatKind::SingleEvent => "single event",
            FormatKind::SlsLines => "SLS JSON lines",
            FormatKind::Ndjson => "NDJSON",
        }
    }
}

impl std::fmt::Display for FileFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.gzip {
            write!(f, "gzip, {}", self.kind.english())
        } else {
            f.write_str(self.kind.english())
        }
    }
}

/// What loading a file did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub name: String,
    pub size: u64,
    pub gzip: bool,
    pub format: FileFormat,
    pub events: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub skips: Vec<SkipNote>,
    /// A problem that stopped reading this file (events before it are kept).
    pub error: Option<FileProblem>,
    pub bytes_read: u64,
    pub done: bool,
    pub cancelled: bool,
    /// Not read at all (cancelled, cleared or the store was full before its turn).
    #[serde(default)]
    pub not_read: bool,
}

impl FileReport {
    /// A report for a file that was never read.
    pub fn not_read(name: &str, size: u64, why: Option<FileProblem>) -> Self {
        FileReport {
            name: name.to_string(),
            size,
            done: true,
            cancelled: why.is_none(),
            not_read: true,
            error: why,
            format: FileFormat { gzip: false, kind: FormatKind::NotRead },
            ..Default::default()
        }
    }
}

/// Loads one file fed in chunks.
pub struct FileLoader {
    file: u32,
    limits: Limits,
    gz: Option<Gunzip>,
    sniffed: bool,
    /// The first bytes, held until a second one shows whether this is gzip.
    head: Vec<u8>,
    /// Decoded bytes held until `SNIFF_BYTES` show whether this is text.
    text_head: Option<Vec<u8>>,
    splitter: Splitter,
    report: FileReport,
    wrapped_seen: bool,
    cloudtrail_seen: bool,
    stopped: bool,
    decoded: u64,
    compressed: u64,
}

struct Ctx<'a> {
    file: u32,
    store: &'a mut Store,
    report: &'a mut FileReport,
    wrapped_seen: &'a mut bool,
    cloudtrail_seen: &'a mut bool,
    container: Container,
    max_events: usize,
    full: bool,
}

impl Ctx<'_> {
    fn skip(&mut self, reason: Skip, line: u64, offset: u64) {
        self.report.skipped += 1;
        if self.report.skips.len() < SKIP_NOTES {
            self.report.skips.push(SkipNote { reason, line, offset });
        }
    }

    /// An event parsed (here or in place by the splitter).
    fn parsed(&mut self, parsed: Result<Parsed<'_>, ParseError>, len: usize, offset: u64, line: u64) {
        if self.full {
            return;
        }
        match parsed {
            Ok(p) => {
                if self.store.len() >= self.max_events {
                    self.full = true;
                    return;
                }
                *self.wrapped_seen |= p.wrapping == Wrapping::JsonString;
                *self.cloudtrail_seen |= p.fields.cloudtrail;
                let len = u32::try_from(len).unwrap_or(u32::MAX);
                let source = SourceRef { file: self.file, offset, len, wrapping: p.wrapping };
                match self.store.add(&p, source) {
                    Added::New => self.report.events += 1,
                    Added::Duplicate => self.report.duplicates += 1,
                }
            }
            Err(e) => self.skip(Skip::Parse(e), line, offset),
        }
    }

    /// An object collected by the splitter, to parse here.
    fn object(&mut self, bytes: &[u8], offset: u64, line: u64) {
        if self.full {
            return;
        }
        match parse_event(bytes) {
            Err(ParseError::Json(e))
                if matches!(self.container, Container::Lines | Container::Object) && bytes.contains(&b'\n') =>
            {
                // JSON lines where one line is broken swallow the next lines: try them one by one.
                let mut at = 0usize;
                for (k, l) in bytes.split(|&b| b == b'\n').enumerate() {
                    let trimmed = l.trim_ascii();
                    if !trimmed.is_empty() {
                        let lead = l.len() - l.trim_ascii_start().len();
                        let (o, ln) = (offset + (at + lead) as u64, line + k as u64);
                        if trimmed.starts_with(b"{") && parse_event(trimmed).is_ok() {
                            self.object(trimmed, o, ln);
                        } else {
                            self.skip(Skip::Parse(ParseError::Json(e.clone())), ln, o);
                        }
                    }
                    at += l.len() + 1;
                }
            }
            parsed => self.parsed(parsed, bytes.len(), offset, line),
        }
    }
}

/// The kind of binary data `head` starts with, if it is not text.
pub fn sniff_binary(head: &[u8]) -> Option<Option<BinaryKind>> {
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| head.starts_with(sig)) {
        return Some(Some(*what));
    }
    head.contains(&0).then_some(None)
}

impl FileLoader {
    /// Start loading file number `file` (its index for re-reading events later).
    pub fn new(file: u32, name: &str, size: u64, limits: Limits) -> Self {
        FileLoader {
            file,
            limits,
            gz: None,
            sniffed: false,
            head: Vec::new(),
            text_head: Some(Vec::new()),
            splitter: Splitter::new(),
            report: FileReport { name: name.to_string(), size, ..Default::default() },
            wrapped_seen: false,
            cloudtrail_seen: false,
            stopped: false,
            decoded: 0,
            compressed: 0,
        }
    }

    /// The report so far.
    pub fn report(&self) -> &FileReport {
        &self.report
    }

    /// Whether reading stopped (further chunks are ignored).
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Decoded bytes go through here: held until the first `SNIFF_BYTES` show it is text.
    fn text(&mut self, bytes: &[u8], store: &mut Store) {
        if self.stopped || bytes.is_empty() {
            return;
        }
        if let Some(mut head) = self.text_head.take() {
            head.extend_from_slice(bytes);
            if head.len() < SNIFF_BYTES {
                self.text_head = Some(head);
                return;
            }
            return self.sniffed_text(&head, store);
        }
        self.split(bytes, store);
    }

    fn sniffed_text(&mut self, head: &[u8], store: &mut Store) {
        if let Some(signature) = sniff_binary(&head[..head.len().min(SNIFF_BYTES)]) {
            return self.stop(FileProblem::Binary { signature });
        }
        self.split(head, store);
    }

    fn split(&mut self, bytes: &[u8], store: &mut Store) {
        self.decoded += bytes.len() as u64;
        let container = self.splitter.container();
        let mut ctx = Ctx {
            file: self.file,
            store,
            report: &mut self.report,
            wrapped_seen: &mut self.wrapped_seen,
            cloudtrail_seen: &mut self.cloudtrail_seen,
            container,
            max_events: self.limits.max_events,
            full: false,
        };
        self.splitter.feed(bytes, &mut |p| match p {
            Piece::Object { bytes, offset, line } => ctx.object(bytes, offset, line),
            Piece::Parsed { bytes, parsed, offset, line } => ctx.parsed(parsed, bytes.len(), offset, line),
            Piece::Skip { reason, offset, line } => ctx.skip(Skip::Split(reason), line, offset),
        });
        if ctx.full {
            let limit = self.limits.max_events;
            self.stop(FileProblem::StoreFull { limit });
        }
    }

    fn stop(&mut self, why: FileProblem) {
        self.stopped = true;
        if self.report.error.is_none() {
            self.report.error = Some(why);
        }
    }

    /// Feed the next chunk of the file as read from disk.
    pub fn feed(&mut self, chunk: &[u8], store: &mut Store) {
        if self.stopped {
            return;
        }
        self.report.bytes_read += chunk.len() as u64;
        let joined;
        let mut chunk = chunk;
        if !self.sniffed {
            if self.head.len() + chunk.len() < 2 {
                self.head.extend_from_slice(chunk);
                return;
            }
            self.sniffed = true;
            let mut all = std::mem::take(&mut self.head);
            all.extend_from_slice(chunk);
            joined = all;
            chunk = &joined;
            if is_gzip(chunk) {
                self.gz = Some(Gunzip::new(CHECKPOINT_EVERY));
                self.report.gzip = true;
            }
        }
        match self.gz.take() {
            Some(mut gz) => {
                self.compressed += chunk.len() as u64;
                // Inflated bytes go straight to the splitter (64 KB at a time), so a chunk of a
                // highly compressed file never sits in memory whole.
                let limits = self.limits;
                let compressed = self.compressed;
                let mut over = None;
                let result = gz.feed(chunk, &mut |b| {
                    if over.is_some() {
                        return;
                    }
                    let out = self.decoded + self.text_head.as_ref().map_or(0, |h| h.len() as u64) + b.len() as u64;
                    if out > limits.max_inflated_bytes {
                        over = Some(FileProblem::InflatesTooMuch { limit: limits.max_inflated_bytes });
                    } else if out > limits.ratio_after_bytes && out / compressed.max(1) > limits.max_inflate_ratio {
                        over = Some(FileProblem::InflateRatio { ratio: limits.max_inflate_ratio });
                    } else {
                        self.text(b, store);
                    }
                });
                if let Some(problem) = over {
                    self.stop(problem);
                } else if let Err(e) = result {
                    self.stop(FileProblem::Gzip(e));
                }
                self.gz = Some(gz);
            }
            None => self.text(chunk, store),
        }
    }

    /// Mark the load as cancelled by the user (what was read is kept).
    pub fn cancel(&mut self) {
        self.report.cancelled = true;
        self.stopped = true;
    }

    /// Record that the file could not be read further.
    pub fn read_failed(&mut self, why: String) {
        self.stop(FileProblem::Read(why));
    }

    /// The file has ended: finish the report; also returns the gzip checkpoints. The store's
    /// time order is not brought up to date here (`Store::finalize`, before a query): once per
    /// load, not once per file, since merging after each of thousands of files out of time
    /// order costs the whole order each time.
    pub fn finish(mut self, store: &mut Store) -> (FileReport, Vec<Checkpoint>) {
        if !self.sniffed && !self.head.is_empty() {
            // A one-byte file.
            let head = std::mem::take(&mut self.head);
            self.sniffed = true;
            self.text(&head, store);
        }
        if let Some(head) = self.text_head.take() {
            if !head.is_empty() && !self.stopped {
                self.sniffed_text(&head, store);
            }
        }
        if !self.stopped {
            if let Some(gz) = &self.gz {
                if let Err(e) = gz.finish() {
                    self.stop(FileProblem::Gzip(e));
                }
            }
        }
        if !self.stopped || matches!(self.report.error, Some(FileProblem::Gzip(_))) {
            let mut skips = Vec::new();
            self.splitter.finish(&mut |p| {
                if let Piece::Skip { reason, offset, line } = p {
                    skips.push((reason, offset, line));
                }
            });
            for (reason, offset, line) in skips {
                self.report.skipped += 1;
                if self.report.skips.len() < SKIP_NOTES {
                    self.report.skips.push(SkipNote { reason: Skip::Split(reason), line, offset });
                }
                if reason == SkipReason::Truncated && self.report.error.is_none() {
                    self.report.error = Some(FileProblem::Truncated);
                }
            }
        }
        self.report.format = self.format();
        if self.report.error.is_none()
            && self.report.events == 0
            && self.report.duplicates == 0
            && !self.report.cancelled
        {
            self.report.error = Some(if self.decoded == 0 {
                FileProblem::Empty
            } else {
                FileProblem::NotEvents { first: self.report.skips.first().cloned() }
            });
        }
        self.report.done = true;
        let checkpoints = self.gz.as_mut().map(|g| g.take_checkpoints()).unwrap_or_default();
        (self.report, checkpoints)
    }

    fn format(&self) -> FileFormat {
        let kind = match self.splitter.container() {
            Container::Empty if matches!(self.report.error, Some(FileProblem::Binary { .. })) => FormatKind::Binary,
            Container::Empty => FormatKind::Empty,
            Container::Array if self.wrapped_seen => FormatKind::SlsArray,
            Container::Array if self.cloudtrail_seen => FormatKind::CloudTrailArray,
            Container::Array => FormatKind::JsonArray,
            Container::Events if self.wrapped_seen => FormatKind::CloudTrailLookup,
            Container::Events => FormatKind::LookupEvents,
            Container::Records => FormatKind::CloudTrailRecords,
            Container::Object if self.wrapped_seen => FormatKind::SlsLog,
            Container::Object => FormatKind::SingleEvent,
            Container::Lines if self.wrapped_seen => FormatKind::SlsLines,
            Container::Lines => FormatKind::Ndjson,
        };
        FileFormat { gzip: self.report.gzip, kind }
    }
}

/// Load a whole in-memory file (tests, benchmarks) in `chunk`-byte pieces, with default limits.
pub fn load_bytes(store: &mut Store, file: u32, name: &str, bytes: &[u8], chunk: usize) -> FileReport {
    load_bytes_with(store, file, name, bytes, chunk, Limits::default())
}

/// `load_bytes` with explicit limits.
pub fn load_bytes_with(
    store: &mut Store,
    file: u32,
    name: &str,
    bytes: &[u8],
    chunk: usize,
    limits: Limits,
) -> FileReport {
    let mut l = FileLoader::new(file, name, bytes.len() as u64, limits);
    for c in bytes.chunks(chunk.max(1)) {
        l.feed(c, store);
        if l.stopped() {
            break;
        }
    }
    let report = l.finish(store).0;
    store.finalize();
    report
}

/// Events in the trail each pass of [`warm_up`] loads.
pub const WARM_UP_EVENTS: u64 = 1000;
/// [`warm_up`] goes on at least this long (milliseconds).
pub const WARM_UP_MIN_MS: f64 = 400.0;
/// [`warm_up`] stops after this long (milliseconds) even if its passes have not settled.
pub const WARM_UP_MAX_MS: f64 = 1000.0;
/// [`warm_up`] makes at most this many passes.
pub const WARM_UP_MAX_PASSES: usize = 40;
/// The pause after each pass: the browser's optimizing compiler works on other threads meanwhile.
pub const WARM_UP_PAUSE_MS: u64 = 20;

/// One pass of the warm-up: load `trail` into a scratch store, query it, and drop it. Returns
/// the events loaded (all of them).
pub fn warm_up_pass(trail: &[u8]) -> usize {
    let mut store = Store::new();
    load_bytes(&mut store, 0, "warm-up", trail, 64 << 10);
    let _ = store.query(&super::query::Filter::default(), 10, 120);
    store.len()
}

/// Whether passes that took `times` (in order) say the code now runs as fast as it will: three
/// passes at least, and the last two each within a fifth and a millisecond of the fastest (a
/// browser may round its timer to a millisecond, and a pass takes about two).
pub fn warmed(times: &[f64]) -> bool {
    let fastest = times.iter().copied().fold(f64::INFINITY, f64::min);
    times.len() >= 3 && times[times.len() - 2..].iter().all(|&t| t <= fastest * 1.2 + 1.0)
}

/// Warm the loader's and the query's code before the first file. The event worker does this
/// when it starts, before it says it is ready: a browser runs new wasm code in a baseline tier
/// first, and compiles the parts that ran a while again, optimized, on other threads. Without it
/// the first file of a fresh worker loads at about half speed (a 100k-event file: 0.50–0.52 s,
/// and 0.26–0.33 s loaded again in the same worker).
///
/// Passes over a generated trail, each followed by a pause that leaves the processor to the
/// optimizing compiler, until their times settle ([`warmed`]) and [`WARM_UP_MIN_MS`] have
/// passed: the pass times settle once the hottest code is optimized, while more of it is still
/// being compiled. At most [`WARM_UP_MAX_MS`] and [`WARM_UP_MAX_PASSES`]. `timer` is a precise
/// clock in milliseconds. Returns each pass's time.
pub async fn warm_up(clock: &dyn Clock, timer: &dyn Fn() -> f64) -> Vec<f64> {
    let trail = super::gen::trail(super::gen::Format::Array, WARM_UP_EVENTS, 1, 30);
    warm_up_with(clock, timer, &mut || {
        warm_up_pass(&trail);
    })
    .await
}

async fn warm_up_with(clock: &dyn Clock, timer: &dyn Fn() -> f64, pass: &mut dyn FnMut()) -> Vec<f64> {
    let started = timer();
    let mut times = Vec::new();
    loop {
        let t = timer();
        pass();
        let now = timer();
        times.push(now - t);
        let elapsed = now - started;
        let settled = warmed(&times) && elapsed >= WARM_UP_MIN_MS;
        if settled || elapsed >= WARM_UP_MAX_MS || times.len() >= WARM_UP_MAX_PASSES {
            break;
        }
        clock.sleep(WARM_UP_PAUSE_MS).await;
    }
    times
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::gen;

    #[test]
    fn a_warm_up_pass_loads_its_whole_trail() {
        let trail = gen::trail(gen::Format::Array, WARM_UP_EVENTS, 1, 30);
        assert_eq!(warm_up_pass(&trail) as u64, WARM_UP_EVENTS);
    }

    #[test]
    fn the_warm_up_stops_once_its_passes_settle() {
        // Times as fresh browser workers measured them: the first pass compiles, then the
        // optimized code arrives.
        assert!(!warmed(&[61.9, 2.9]));
        assert!(!warmed(&[65.9, 15.0, 3.8]));
        assert!(warmed(&[65.9, 15.0, 3.8, 2.3, 3.0]));
        assert!(!warmed(&[48.7, 5.1, 3.9, 2.4, 5.3]));
        assert!(!warmed(&[48.7, 5.1, 3.9, 2.2, 2.2, 6.2]));
        assert!(warmed(&[48.7, 5.1, 3.9, 2.4, 2.2]));
        // A timer in whole milliseconds.
        assert!(warmed(&[62.0, 3.0, 4.0, 2.0, 3.0, 2.0]));
        assert!(!warmed(&[62.0, 3.0, 4.0, 2.0, 4.0, 2.0]));
    }

    /// Time that moves only when told: by a pause, or by a scripted pass.
    #[derive(Default)]
    struct Script {
        now: std::cell::Cell<f64>,
    }

    impl Clock for Script {
        fn now_ms(&self) -> f64 {
            self.now.get()
        }
        fn sleep(&self, ms: u64) -> crate::effects::LocalFuture<'_, ()> {
            self.now.set(self.now.get() + ms as f64);
            Box::pin(async {})
        }
    }

    /// The pass times a warm-up records when its passes take `pass_ms` in turn (then 2 ms each),
    /// and its clock after.
    fn run_warm_up_on(pass_ms: &[f64]) -> (Script, Vec<f64>) {
        let clock = Script::default();
        let mut k = 0;
        let mut pass = || {
            clock.now.set(clock.now.get() + pass_ms.get(k).copied().unwrap_or(2.0));
            k += 1;
        };
        let times = futures_executor::block_on(warm_up_with(&clock, &|| clock.now.get(), &mut pass));
        (clock, times)
    }

    fn run_warm_up(pass_ms: &[f64]) -> Vec<f64> {
        run_warm_up_on(pass_ms).1
    }

    #[test]
    fn the_warm_up_runs_until_settled_and_long_enough_or_out_of_time() {
        // Settled after three passes, but the least time is not up: passes go on until it is
        // (each pass 2 ms and a pause of 20).
        let times = run_warm_up(&[64.0, 3.0, 4.0, 2.0, 2.0]);
        let total: f64 = times.iter().sum::<f64>() + (times.len() - 1) as f64 * WARM_UP_PAUSE_MS as f64;
        assert!((WARM_UP_MIN_MS..WARM_UP_MIN_MS + 22.0).contains(&total), "{total} ms, {times:?}");
        assert_eq!(times[..5], [64.0, 3.0, 4.0, 2.0, 2.0]);
        // Long enough, but not settled: goes on until the last two are near the fastest.
        let times = run_warm_up(&[390.0, 2.0, 9.0, 2.0, 9.0, 2.0, 2.0, 2.0]);
        assert_eq!(times, [390.0, 2.0, 9.0, 2.0, 9.0, 2.0, 2.0]);
        // Passes that never settle stop at the time limit, or at the pass limit.
        let times = run_warm_up(&[400.0, 10.0, 400.0, 10.0, 400.0, 10.0, 400.0, 10.0]);
        assert_eq!(times.len(), 5, "the fifth pass ends past the limit: {times:?}");
        let (clock, times) = run_warm_up_on(&[0.1, 3.0].repeat(WARM_UP_MAX_PASSES));
        assert_eq!(times.len(), WARM_UP_MAX_PASSES);
        let passes: f64 = times.iter().sum();
        let pauses = clock.now.get() - passes;
        assert!(
            (pauses - (WARM_UP_MAX_PASSES - 1) as f64 * WARM_UP_PAUSE_MS as f64).abs() < 1e-6,
            "no pause after the last: {pauses}"
        );
    }

    fn load(bytes: &[u8], limits: Limits) -> (Store, FileReport) {
        let mut store = Store::new();
        let r = load_bytes_with(&mut store, 0, "f", bytes, 4096, limits);
        (store, r)
    }

    #[test]
    fn binary_files_say_what_they_are_never_empty() {
        for (bytes, want) in [
            (&b"PK\x03\x04\x14\x00\x00\x00rest of a zip"[..], Some(BinaryKind::Zip)),
            (&b"\x28\xb5\x2f\xfd\x00\x58\x01\x00"[..], Some(BinaryKind::Zstd)),
            (&b"\x00\x01\x02\x03 no signature but NULs"[..], None),
            (&b"\xff\xfe[\x00{\x00"[..], Some(BinaryKind::Utf16)),
        ] {
            let (store, r) = load(bytes, Limits::default());
            assert_eq!(store.len(), 0);
            match (&r.error, want) {
                (Some(FileProblem::Binary { signature }), w) => assert_eq!(*signature, w),
                other => panic!("{other:?}"),
            }
            assert_eq!(r.format.to_string(), "binary");
            assert!(r.error.as_ref().unwrap().to_string().starts_with("binary data, not events"));
        }
        let (_, r) = load(b"", Limits::default());
        assert_eq!(r.error, Some(FileProblem::Empty));
        // A binary file inside gzip is still binary.
        let (_, r) = load(&gen::gzip(b"\x00\x00\x00\x00"), Limits::default());
        assert!(matches!(r.error, Some(FileProblem::Binary { .. })));
    }

    #[test]
    fn a_gzip_bomb_is_stopped_and_the_events_before_it_kept() {
        let mut data = gen::trail(gen::Format::Ndjson, 50, 1, 1);
        data.extend(std::iter::repeat_n(b' ', 40 << 20));
        let gz = gen::gzip(&data);
        let limits = Limits { ratio_after_bytes: 1 << 20, max_inflate_ratio: 100, ..Limits::default() };
        let (store, r) = load(&gz, limits);
        assert_eq!(store.len(), 50);
        assert_eq!(r.error, Some(FileProblem::InflateRatio { ratio: 100 }));
        let (store, r) = load(&gz, Limits { max_inflated_bytes: 2 << 20, ..Limits::default() });
        assert_eq!(store.len(), 50);
        assert_eq!(r.error, Some(FileProblem::InflatesTooMuch { limit: 2 << 20 }));
    }

    #[test]
    fn the_event_cap_stops_loading_and_keeps_what_fits() {
        let data = gen::trail(gen::Format::Array, 300, 2, 1);
        let (store, r) = load(&data, Limits { max_events: 120, ..Limits::default() });
        assert_eq!(store.len(), 120);
        assert_eq!(r.events, 120);
        assert_eq!(r.error, Some(FileProblem::StoreFull { limit: 120 }));
        assert!(store.is_sorted());
    }

    #[test]
    fn every_problem_crosses_the_worker_boundary() {
        let note = SkipNote { reason: Skip::Split(SkipReason::Truncated), line: 3, offset: 9 };
        for p in [
            FileProblem::Empty,
            FileProblem::Binary { signature: Some(BinaryKind::Zstd) },
            FileProblem::Binary { signature: None },
            FileProblem::NotEvents { first: Some(note) },
            FileProblem::NotEvents { first: None },
            FileProblem::Gzip(GzError::HeaderTooLong),
            FileProblem::Gzip(GzError::Corrupt(7)),
            FileProblem::Truncated,
            FileProblem::InflatesTooMuch { limit: 5 },
            FileProblem::InflateRatio { ratio: 200 },
            FileProblem::StoreFull { limit: 9 },
            FileProblem::Read("NotReadableError".into()),
        ] {
            let report = FileReport { error: Some(p), ..Default::default() };
            let json = serde_json::to_string(&report).unwrap();
            assert_eq!(serde_json::from_str::<FileReport>(&json).unwrap(), report, "{json}");
        }
        for s in [
            Skip::Parse(ParseError::BadTime("x".into())),
            Skip::Parse(ParseError::NoTime),
            Skip::Split(SkipReason::NotAnObject(crate::trail::split::ValueKind::Array)),
        ] {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(serde_json::from_str::<Skip>(&json).unwrap(), s, "{json}");
        }
    }

    #[test]
    fn reports_cross_the_worker_boundary_as_data() {
        let (_, r) = load(b"[{\"eventId\":\"a\",\"eventTime\":\"x\"}, 42]", Limits::default());
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<FileReport>(&json).unwrap(), r);
        assert_eq!(r.skipped, 2);
    }
}
