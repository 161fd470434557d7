//! Loading one file: sniff gzip, inflate as a stream, split, parse, add to the store, and keep a
//! report of what happened (format, counts, the first few skipped entries with their position).

use super::gzip::{is_gzip, Checkpoint, Gunzip};
use super::parse::{parse_event, ParseError, Wrapping};
use super::split::{Container, Piece, SkipReason, Splitter};
use super::store::{Added, SourceRef, Store};
use serde::{Deserialize, Serialize};

/// How many skipped entries a report lists (all are counted).
pub const SKIP_NOTES: usize = 8;
/// Gzip checkpoints every this many decompressed bytes (for re-reading single events).
pub const CHECKPOINT_EVERY: u64 = 8 << 20;

/// One skipped entry and where it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipNote {
    pub reason: String,
    pub line: u64,
    pub offset: u64,
}

/// What loading a file did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub name: String,
    pub size: u64,
    pub gzip: bool,
    pub format: String,
    pub events: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub skips: Vec<SkipNote>,
    /// A problem that stopped reading this file (events before it are kept).
    pub error: Option<String>,
    pub bytes_read: u64,
    pub done: bool,
    pub cancelled: bool,
}

/// Loads one file fed in chunks.
pub struct FileLoader {
    file: u32,
    gz: Option<Gunzip>,
    sniffed: bool,
    /// The first byte, held until a second one shows whether this is gzip.
    head: Vec<u8>,
    splitter: Splitter,
    report: FileReport,
    wrapped_seen: bool,
    cloudtrail_seen: bool,
    stopped: bool,
    decoded: u64,
}

struct Ctx<'a> {
    file: u32,
    store: &'a mut Store,
    report: &'a mut FileReport,
    wrapped_seen: &'a mut bool,
    cloudtrail_seen: &'a mut bool,
    container: Container,
}

impl Ctx<'_> {
    fn skip(&mut self, reason: String, line: u64, offset: u64) {
        self.report.skipped += 1;
        if self.report.skips.len() < SKIP_NOTES {
            self.report.skips.push(SkipNote { reason, line, offset });
        }
    }

    fn object(&mut self, bytes: &[u8], offset: u64, line: u64) {
        match parse_event(bytes) {
            Ok(p) => {
                *self.wrapped_seen |= p.wrapping == Wrapping::JsonString;
                *self.cloudtrail_seen |= p.fields.cloudtrail;
                let source = SourceRef { file: self.file, offset, len: bytes.len() as u32, wrapping: p.wrapping };
                match self.store.add(&p, source) {
                    Added::New => self.report.events += 1,
                    Added::Duplicate => self.report.duplicates += 1,
                }
            }
            Err(ParseError::Json(e))
                if matches!(self.container, Container::Lines | Container::Object) && bytes.contains(&b'\n') =>
            {
                // JSON lines where one line is broken swallow the next lines: try them one by one.
                let mut at = 0usize;
                for (k, l) in bytes.split(|&b| b == b'\n').enumerate() {
                    let trimmed = l.trim_ascii();
                    if !trimmed.is_empty() {
                        if trimmed.starts_with(b"{") && parse_event(trimmed).is_ok() {
                            self.object(trimmed, offset + at as u64, line + k as u64);
                        } else {
                            self.skip(format!("not valid JSON ({e})"), line + k as u64, offset + at as u64);
                        }
                    }
                    at += l.len() + 1;
                }
            }
            Err(e) => self.skip(e.to_string(), line, offset),
        }
    }
}

impl FileLoader {
    /// Start loading file number `file` (its index for re-reading events later).
    pub fn new(file: u32, name: &str, size: u64) -> Self {
        FileLoader {
            file,
            gz: None,
            sniffed: false,
            head: Vec::new(),
            splitter: Splitter::new(),
            report: FileReport { name: name.to_string(), size, ..Default::default() },
            wrapped_seen: false,
            cloudtrail_seen: false,
            stopped: false,
            decoded: 0,
        }
    }

    /// The report so far.
    pub fn report(&self) -> &FileReport {
        &self.report
    }

    /// Whether reading stopped on an error (further chunks are ignored).
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    fn text(&mut self, bytes: &[u8], store: &mut Store) {
        if self.stopped {
            return;
        }
        if self.decoded == 0 && !bytes.is_empty() {
            let head = &bytes[..bytes.len().min(1024)];
            if head.contains(&0) {
                self.stop("this is not a text file (binary data); drop ActionTrail JSON or .gz files".into());
                return;
            }
        }
        self.decoded += bytes.len() as u64;
        let container = self.splitter.container();
        let mut ctx = Ctx {
            file: self.file,
            store,
            report: &mut self.report,
            wrapped_seen: &mut self.wrapped_seen,
            cloudtrail_seen: &mut self.cloudtrail_seen,
            container,
        };
        self.splitter.feed(bytes, &mut |p| {
            ctx.container = container;
            match p {
                Piece::Object { bytes, offset, line } => ctx.object(bytes, offset, line),
                Piece::Skip { reason, offset, line } => ctx.skip(reason.to_string(), line, offset),
            }
        });
    }

    fn stop(&mut self, why: String) {
        self.stopped = true;
        self.report.error = Some(why);
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
                // Inflated bytes go straight to the splitter (64 KB at a time), so a chunk of a
                // highly compressed file never sits in memory whole.
                let result = gz.feed(chunk, &mut |b| self.text(b, store));
                if let Err(e) = result {
                    let kept = if self.report.events > 0 { "; the events before it are kept" } else { "" };
                    self.stop(format!("{e}{kept}"));
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

    /// The file has ended: finish the report; also returns the gzip checkpoints. Call
    /// `Store::finalize` once the whole batch of files is loaded.
    pub fn finish(mut self, store: &mut Store) -> (FileReport, Vec<Checkpoint>) {
        if !self.sniffed && !self.head.is_empty() {
            // A one-byte file.
            let head = std::mem::take(&mut self.head);
            self.sniffed = true;
            self.text(&head, store);
        }
        if !self.stopped {
            if let Some(gz) = &self.gz {
                if let Err(e) = gz.finish() {
                    self.report.error = Some(e.to_string());
                }
            }
            let mut skips = Vec::new();
            self.splitter.finish(&mut |p| {
                if let Piece::Skip { reason, offset, line } = p {
                    skips.push((reason, offset, line));
                }
            });
            for (reason, offset, line) in skips {
                self.report.skipped += 1;
                if self.report.skips.len() < SKIP_NOTES {
                    self.report.skips.push(SkipNote { reason: reason.to_string(), line, offset });
                }
                if reason == SkipReason::Truncated && self.report.error.is_none() {
                    self.report.error =
                        Some("the file ends inside an event (truncated?); the events before it are kept".into());
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
                "the file is empty".into()
            } else if let Some(first) = self.report.skips.first() {
                format!("not an ActionTrail event file: {} (line {})", first.reason, first.line)
            } else {
                "not an ActionTrail event file: no event objects found".into()
            });
        }
        self.report.done = true;
        let checkpoints = self.gz.as_mut().map(|g| g.take_checkpoints()).unwrap_or_default();
        (self.report, checkpoints)
    }

    fn format(&self) -> String {
        let base = match self.splitter.container() {
            Container::Empty => "empty",
            Container::Array if self.wrapped_seen => "SLS logs (JSON array)",
            Container::Array if self.cloudtrail_seen => "CloudTrail events (JSON array)",
            Container::Array => "JSON array",
            Container::Events if self.wrapped_seen => "CloudTrail LookupEvents",
            Container::Events => "LookupEvents response",
            Container::Records => "CloudTrail Records",
            Container::Object if self.wrapped_seen => "SLS log",
            Container::Object => "single event",
            Container::Lines if self.wrapped_seen => "SLS JSON lines",
            Container::Lines => "NDJSON",
        };
        if self.report.gzip {
            format!("gzip, {base}")
        } else {
            base.to_string()
        }
    }
}

/// Load a whole in-memory file (tests, benchmarks) in `chunk`-byte pieces.
pub fn load_bytes(store: &mut Store, file: u32, name: &str, bytes: &[u8], chunk: usize) -> FileReport {
    let mut l = FileLoader::new(file, name, bytes.len() as u64);
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
