//! The event engine: files, loads, cancel, clear, queries, detail and export, as one controller
//! over two injected traits: a byte source per file (the worker reads `File.slice`, tests read
//! memory) and a clock (time, and a pause that lets other messages in).
//!
//! Everything runs on one thread, but the async parts (a load, a detail, an export) interleave
//! with every other message at each await. So each of them notes the engine's generation when it
//! starts and checks it again after every await: a Clear (which starts a new generation) makes
//! them stop without touching the new state. Within a generation, rows never move (see `store`),
//! files are only appended, and each load keeps to its own file: nothing in flight can index a
//! stale row or mix two loads.

use super::change::{self, Change};
use super::export;
use super::extract::{RangeExtractor, SpanCollector};
use super::gzip::{Checkpoint, Gunzip, GzError};
use super::load::{FileLoader, FileProblem, FileReport, Limits};
use super::protocol::{
    DetailError, DetailOk, ExportError, ExportFormat, HistoryEntry, Progress, QueryAnswer, RowsAnswer,
};
use super::query::Filter;
use super::store::{Field, Store, FIELDS};
use std::cell::RefCell;
use std::collections::{BTreeSet, VecDeque};
use std::rc::Rc;

pub use crate::effects::{Clock, LocalFuture};

/// Where a file's bytes come from.
pub trait ByteSource {
    /// The file's name, for the report.
    fn name(&self) -> String;
    /// Its size in bytes.
    fn size(&self) -> u64;
    /// Bytes `[start, end)`; fewer only at the end of the file. The error is a message for people.
    /// The engine never asks past `size()`, nor for more than `READ_CHUNK` bytes at once (one
    /// event, at most `split::MAX_EVENT_BYTES`, for a detail), so a reader may size its buffer to the
    /// request.
    fn read(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>>;
    /// The first of bytes `[start, end)`, at least one unless the file ends at `start`: how a load
    /// and an export read a file, front to back, `READ_CHUNK` at a time, going on from where each
    /// read ended (a reader may hand over what it has, so the parse starts sooner). All of them
    /// unless a reader says otherwise.
    fn read_some(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>> {
        self.read(start, end)
    }
    /// The engine is done reading for now (a file loaded, stopped or cancelled; an export's or a
    /// detail's reads of it ended): let go of any stream or buffer held for the next read. Only
    /// the handle stays, for a later detail or export. A later `read` opens again.
    fn release(&self) {}
}

/// Releases a source when a use of it ends, on every path (an early return after a Clear too).
struct Reading(Rc<dyn ByteSource>);

impl std::ops::Deref for Reading {
    type Target = Rc<dyn ByteSource>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        self.0.release();
    }
}

/// Bytes asked of a source at a time while loading or exporting.
pub const READ_CHUNK: u64 = 4 << 20;
/// Progress goes out at most this often while loading (five times a second). Each notice redraws
/// the page, on the core the parse shares with it on a two-core machine: at every 100 ms, a
/// 100k-event file loaded in 315 ms (median of seven fresh browsers, alternating), at 200 ms in
/// 281 ms.
pub const PROGRESS_EVERY_MS: f64 = 200.0;
/// Export text goes out in pieces of about this size.
pub const EXPORT_PIECE: usize = 1 << 20;
/// CSV rows written between pauses.
const CSV_ROWS_PER_PAUSE: usize = 20_000;

struct FileEntry {
    source: Rc<dyn ByteSource>,
    gzip: bool,
    checkpoints: Rc<Vec<Checkpoint>>,
    report: FileReport,
}

#[derive(Default)]
struct Batch {
    bytes_total: u64,
    bytes_read: u64,
    started_ms: f64,
    elapsed_ms: Option<f64>,
}

struct State {
    generation: u64,
    store: Store,
    files: Vec<FileEntry>,
    queue: VecDeque<usize>,
    /// The generation whose pump is running, if any.
    pump: Option<u64>,
    /// Files below this index were cancelled (loads added after a Cancel are not).
    cancelled_below: usize,
    batch: Batch,
    /// Reports changed since the last progress notice.
    dirty: BTreeSet<usize>,
    last_notice_ms: f64,
    /// The last query's rows, for paging.
    selection: (u64, Rc<Vec<u32>>),
}

impl State {
    fn new(generation: u64) -> Self {
        State {
            generation,
            store: Store::new(),
            files: Vec::new(),
            queue: VecDeque::new(),
            pump: None,
            cancelled_below: 0,
            batch: Batch::default(),
            dirty: BTreeSet::new(),
            last_notice_ms: f64::NEG_INFINITY,
            selection: (0, Rc::new(Vec::new())),
        }
    }
}

/// Told (generation, file, name) before the engine reads a file.
type ReadingHook = Box<dyn Fn(u64, u32, &str)>;

/// The engine. Share it as `Rc<Engine>`; spawn `pump` after `add_files`.
pub struct Engine {
    state: RefCell<State>,
    /// `add_files` calls so far (one per Load request), across Clears: the page counts the Loads
    /// it sent, and a load is not over while one has not arrived.
    loads: std::cell::Cell<u64>,
    clock: Rc<dyn Clock>,
    notify: Box<dyn Fn(Progress)>,
    /// Told (generation, file, name) before a file is first read.
    reading: RefCell<Option<ReadingHook>>,
    limits: Limits,
}

impl Engine {
    /// A new engine; `notify` gets every progress notice.
    pub fn new(clock: Rc<dyn Clock>, limits: Limits, notify: impl Fn(Progress) + 'static) -> Rc<Self> {
        Rc::new(Engine {
            state: RefCell::new(State::new(0)),
            loads: std::cell::Cell::new(0),
            clock,
            notify: Box::new(notify),
            reading: RefCell::new(None),
            limits,
        })
    }

    /// Have `f` told (generation, file, name) each time a file is about to be read, before any
    /// of it is: the one thing the page needs to know if reading it kills the worker.
    pub fn on_reading(&self, f: impl Fn(u64, u32, &str) + 'static) {
        *self.reading.borrow_mut() = Some(Box::new(f));
    }

    /// Queue files to load (added to what is loaded) and send a notice of them. Then spawn `pump`.
    pub fn add_files(&self, sources: Vec<Rc<dyn ByteSource>>) {
        self.loads.set(self.loads.get() + 1);
        let mut s = self.state.borrow_mut();
        if s.pump.is_none() {
            s.batch = Batch { started_ms: self.clock.now_ms(), ..Batch::default() };
        }
        for source in sources {
            let (name, size) = (source.name(), source.size());
            s.batch.bytes_total += size;
            let idx = s.files.len();
            s.files.push(FileEntry {
                source,
                gzip: false,
                checkpoints: Rc::new(Vec::new()),
                report: FileReport { name, size, ..FileReport::default() },
            });
            s.queue.push_back(idx);
            s.dirty.insert(idx);
        }
        drop(s);
        // Say at once that a load started (and which files it has), however fast it ends.
        self.notice(false);
    }

    /// Stop loading the files queued so far (what was read is kept).
    pub fn cancel(&self) {
        let mut s = self.state.borrow_mut();
        s.cancelled_below = s.files.len();
    }

    /// Forget everything. Loads, details and exports in flight stop at their next step.
    pub fn clear(&self) {
        {
            let mut s = self.state.borrow_mut();
            let generation = s.generation + 1;
            *s = State::new(generation);
        }
        self.notice(true);
    }

    /// The current generation (changes on every Clear).
    pub fn generation(&self) -> u64 {
        self.state.borrow().generation
    }

    /// Number of events loaded.
    pub fn len(&self) -> usize {
        self.state.borrow().store.len()
    }

    /// Whether no events are loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether a load is running.
    pub fn loading(&self) -> bool {
        let s = self.state.borrow();
        s.pump == Some(s.generation) || !s.queue.is_empty()
    }

    /// Every file's report so far.
    pub fn reports(&self) -> Vec<FileReport> {
        self.state.borrow().files.iter().map(|f| f.report.clone()).collect()
    }

    fn progress(&self, all: bool) -> Progress {
        let mut s = self.state.borrow_mut();
        let loading = s.pump == Some(s.generation) || !s.queue.is_empty();
        let dirty = std::mem::take(&mut s.dirty);
        let updates = if all {
            s.files.iter().enumerate().map(|(i, f)| (i as u32, f.report.clone())).collect()
        } else {
            dirty.into_iter().filter_map(|i| s.files.get(i).map(|f| (i as u32, f.report.clone()))).collect()
        };
        let elapsed = match s.batch.elapsed_ms {
            Some(e) => e,
            None if loading => (self.clock.now_ms() - s.batch.started_ms).max(0.0),
            None => 0.0,
        };
        Progress {
            generation: s.generation,
            files: s.files.len() as u32,
            updates,
            bytes_total: s.batch.bytes_total,
            bytes_read: s.batch.bytes_read,
            events: s.store.len() as u64,
            errors: s.store.errors(),
            loading,
            elapsed_ms: elapsed as u64,
            wasm_bytes: 0,
            loads: self.loads.get(),
            read_ahead: 0,
        }
    }

    /// Send a progress notice (with every report when `all`).
    pub fn notice(&self, all: bool) {
        let p = self.progress(all);
        self.state.borrow_mut().last_notice_ms = self.clock.now_ms();
        (self.notify)(p);
    }

    fn notice_paced(&self) {
        let due = self.clock.now_ms() - self.state.borrow().last_notice_ms >= PROGRESS_EVERY_MS;
        if due {
            self.notice(false);
        }
    }

    /// Load the queued files, one after another. Returns at once if a load is already running
    /// in this generation, so it is always safe to spawn after `add_files`.
    pub async fn pump(self: Rc<Self>) {
        let generation = {
            let mut s = self.state.borrow_mut();
            if s.pump == Some(s.generation) {
                return;
            }
            s.pump = Some(s.generation);
            s.generation
        };
        loop {
            let next = {
                let mut s = self.state.borrow_mut();
                if s.generation != generation {
                    return;
                }
                s.queue.pop_front()
            };
            let Some(idx) = next else { break };
            if !self.load_file(generation, idx).await {
                return;
            }
            self.notice_paced();
        }
        {
            let mut s = self.state.borrow_mut();
            if s.generation != generation {
                return;
            }
            s.pump = None;
            s.batch.elapsed_ms = Some((self.clock.now_ms() - s.batch.started_ms).max(0.0));
            s.store.finalize();
        }
        self.notice(false);
    }

    /// Load one file; false if the generation changed under it (then nothing was touched).
    async fn load_file(&self, generation: u64, idx: usize) -> bool {
        let (source, skip) = {
            let mut s = self.state.borrow_mut();
            let why = if idx < s.cancelled_below {
                Some(None)
            } else if s.store.len() >= self.limits.max_events {
                Some(Some(FileProblem::StoreFull { limit: self.limits.max_events }))
            } else {
                None
            };
            let skip = why.is_some();
            if let Some(why) = why {
                let report = &s.files[idx].report;
                let (name, size) = (report.name.clone(), report.size);
                s.files[idx].report = FileReport::not_read(&name, size, why);
                s.batch.bytes_read += size;
                s.dirty.insert(idx);
            }
            (entry_source(&s.files[idx]), skip)
        };
        if skip {
            return true;
        }
        let name = source.name();
        if let Some(tell) = &*self.reading.borrow() {
            tell(generation, idx as u32, &name);
        }
        let source = Reading(source);
        let size = source.size();
        let mut loader = FileLoader::new(idx as u32, &name, size, self.limits);
        let mut pos = 0;
        let mut reserved = false;
        while pos < size {
            let end = (pos + READ_CHUNK).min(size);
            let read = source.read_some(pos, end).await;
            let mut s = self.state.borrow_mut();
            if s.generation != generation {
                return false;
            }
            if idx < s.cancelled_below {
                loader.cancel();
                break;
            }
            match read {
                Ok(bytes) if bytes.is_empty() => {
                    loader.read_failed("the file ended before its stated size".into());
                    break;
                }
                Ok(bytes) => {
                    pos += bytes.len() as u64;
                    s.batch.bytes_read += bytes.len() as u64;
                    loader.feed(&bytes, &mut s.store);
                    if !reserved {
                        reserved = true;
                        let room = self.limits.max_events.saturating_sub(s.store.len());
                        let (events, text) = estimated_room(size, loader.report().gzip, room);
                        s.store.reserve(events, text);
                    }
                    s.files[idx].report = loader.report().clone();
                    s.dirty.insert(idx);
                }
                Err(e) => {
                    loader.read_failed(e);
                    break;
                }
            }
            if loader.stopped() {
                break;
            }
            drop(s);
            self.notice_paced();
        }
        let mut s = self.state.borrow_mut();
        if s.generation != generation {
            return false;
        }
        let (report, checkpoints) = loader.finish(&mut s.store);
        let read = report.bytes_read.min(size);
        s.batch.bytes_read += size - read;
        let entry = &mut s.files[idx];
        entry.gzip = report.gzip;
        entry.checkpoints = Rc::new(checkpoints);
        entry.report = report;
        s.dirty.insert(idx);
        true
    }

    /// Counts, facets, histogram and the first `rows` rows for `filter`; the selection is kept
    /// for `rows`.
    pub fn query(&self, id: u64, filter: &Filter, facet_limit: usize, rows: usize, desc: bool) -> QueryAnswer {
        let mut s = self.state.borrow_mut();
        s.store.finalize();
        let (result, selection) = s.store.query_select(filter, facet_limit, 120);
        let page = s.store.rows(&selection, 0, rows, desc);
        let selected = selection.len();
        s.selection = (id, Rc::new(selection));
        QueryAnswer { id, result, rows: page, selected }
    }

    /// Another page of the last query's rows (its id, so a late answer can be recognized).
    pub fn rows(&self, offset: usize, limit: usize, desc: bool) -> RowsAnswer {
        let s = self.state.borrow();
        let (id, selection) = &s.selection;
        RowsAnswer { id: *id, offset, rows: s.store.rows(selection, offset, limit, desc) }
    }

    /// A bucket's access-tracking and lifecycle events, newest first (at most `limit`), and their
    /// number.
    pub fn bucket_history(&self, bucket: &str, limit: usize) -> (Vec<super::query::Row>, u64) {
        let mut s = self.state.borrow_mut();
        s.store.finalize();
        s.store.bucket_history(bucket, limit)
    }

    /// What is unusual in the loaded events.
    pub fn insights(&self) -> super::insights::Insights {
        let mut s = self.state.borrow_mut();
        s.store.finalize();
        super::insights::find(&s.store)
    }

    /// Every bucket the loaded events name.
    pub fn buckets_seen(&self) -> Vec<super::insights::BucketSeen> {
        let mut s = self.state.borrow_mut();
        s.store.finalize();
        super::insights::buckets_seen(&s.store)
    }

    /// Who did what: `field` = `value`'s activity.
    pub fn profile(&self, field: Field, value: &str) -> Option<super::insights::Profile> {
        let mut s = self.state.borrow_mut();
        s.store.finalize();
        super::insights::profile(&s.store, field, value)
    }

    /// [`Engine::bucket_history`], each change read back from its file for what it asked for
    /// (a change that cannot be read back is listed without it).
    pub async fn bucket_history_changes(self: Rc<Self>, bucket: &str, limit: usize) -> (Vec<HistoryEntry>, u64) {
        let (rows, total) = self.bucket_history(bucket, limit);
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let change = if !change::is_change(&row.event_name) {
                None
            } else if row.event_name.eq_ignore_ascii_case("DeleteBucketLifecycle") {
                Some(Change::RulesDeleted)
            } else {
                let raw = self.clone().raw_event(&row.event_id).await;
                raw.and_then(|raw| change::of(&row.event_name, &raw))
            };
            out.push(HistoryEntry { row, change });
        }
        (out, total)
    }

    /// One event's JSON as it is in its file (unwrapped), if it is still loaded and readable.
    async fn raw_event(self: Rc<Self>, event_id: &str) -> Option<Vec<u8>> {
        let (generation, source, gzip, checkpoints, src) = {
            let s = self.state.borrow();
            let row = s.store.find(event_id)?;
            let src = s.store.sources[row];
            let file = &s.files[src.file as usize];
            (s.generation, entry_source(file), file.gzip, file.checkpoints.clone(), src)
        };
        let (start, end) = (src.offset, src.offset + src.len as u64);
        let raw = self.event_bytes(generation, source, gzip, checkpoints, start, end).await.ok()?;
        Some(export::event_json(&raw, src.wrapping))
    }

    /// Read `[start, end)` of the decompressed stream of file `f`.
    async fn event_bytes(
        &self,
        generation: u64,
        source: Rc<dyn ByteSource>,
        gzip: bool,
        checkpoints: Rc<Vec<Checkpoint>>,
        start: u64,
        end: u64,
    ) -> Result<Vec<u8>, DetailError> {
        let source = Reading(source);
        if !gzip {
            let bytes = source.read(start, end).await.map_err(DetailError::Read)?;
            self.same_generation(generation)?;
            return Ok(bytes);
        }
        let mut x = RangeExtractor::new(&checkpoints, start, end);
        loop {
            let p = x.input_pos();
            if p >= source.size() {
                return Err(DetailError::FileEnded);
            }
            let chunk = source.read(p, (p + (1 << 20)).min(source.size())).await.map_err(DetailError::Read)?;
            self.same_generation(generation)?;
            if chunk.is_empty() {
                return Err(DetailError::FileEnded);
            }
            if x.feed(&chunk).map_err(DetailError::Gzip)? {
                return Ok(x.into_bytes());
            }
        }
    }

    fn same_generation(&self, generation: u64) -> Result<(), DetailError> {
        if self.state.borrow().generation == generation {
            Ok(())
        } else {
            Err(DetailError::Cleared)
        }
    }

    /// One event's JSON (pretty) and its indexed values, read back from its file.
    pub async fn detail(self: Rc<Self>, event_id: &str) -> Result<DetailOk, DetailError> {
        let (generation, source, gzip, checkpoints, src, fields) = {
            let s = self.state.borrow();
            let row = s.store.find(event_id).ok_or(DetailError::NotLoaded)?;
            let src = s.store.sources[row];
            let file = &s.files[src.file as usize];
            let fields: Vec<(Field, String)> =
                FIELDS.iter().map(|&f| (f, s.store.value(f, row).to_string())).filter(|(_, v)| !v.is_empty()).collect();
            (s.generation, entry_source(file), file.gzip, file.checkpoints.clone(), src, fields)
        };
        let (start, end) = (src.offset, src.offset + src.len as u64);
        let raw = self.event_bytes(generation, source, gzip, checkpoints, start, end).await?;
        let json = export::pretty(&export::event_json(&raw, src.wrapping));
        Ok(DetailOk { json, fields })
    }

    /// Export the events `filter` selects, as pieces of text handed to `out`; returns how many
    /// events were written. Each file is read once, in order, for JSON and NDJSON.
    pub async fn export(
        self: Rc<Self>,
        format: ExportFormat,
        filter: &Filter,
        out: &mut dyn FnMut(String),
    ) -> Result<u64, ExportError> {
        let (generation, selection) = {
            let mut s = self.state.borrow_mut();
            s.store.finalize();
            (s.generation, s.store.select(filter))
        };
        let mut buf = String::new();
        let written = match format {
            ExportFormat::Csv => self.export_csv(generation, &selection, &mut buf, out).await?,
            ExportFormat::Json | ExportFormat::Ndjson => {
                self.export_json(generation, format, &selection, &mut buf, out).await?
            }
        };
        if !buf.is_empty() {
            out(buf);
        }
        Ok(written)
    }

    fn check(&self, generation: u64) -> Result<(), ExportError> {
        if self.state.borrow().generation == generation {
            Ok(())
        } else {
            Err(ExportError::Cleared)
        }
    }

    async fn export_csv(
        &self,
        generation: u64,
        selection: &[u32],
        buf: &mut String,
        out: &mut dyn FnMut(String),
    ) -> Result<u64, ExportError> {
        buf.push_str(&export::csv_header());
        for rows in selection.chunks(CSV_ROWS_PER_PAUSE) {
            {
                let s = self.state.borrow();
                for &row in rows {
                    buf.push_str(&export::csv_row(&s.store, row as usize));
                    if buf.len() >= EXPORT_PIECE {
                        out(std::mem::take(buf));
                    }
                }
            }
            self.clock.sleep(0).await;
            self.check(generation)?;
        }
        Ok(selection.len() as u64)
    }

    async fn export_json(
        &self,
        generation: u64,
        format: ExportFormat,
        selection: &[u32],
        buf: &mut String,
        out: &mut dyn FnMut(String),
    ) -> Result<u64, ExportError> {
        // Per file, the selected events' spans in file order; files are only ever appended.
        let (by_file, files) = {
            let s = self.state.borrow();
            let mut by_file: Vec<Vec<(u64, u64, super::parse::Wrapping)>> = vec![Vec::new(); s.files.len()];
            for &row in selection {
                let src = s.store.sources[row as usize];
                by_file[src.file as usize].push((src.offset, src.len as u64, src.wrapping));
            }
            for spans in &mut by_file {
                spans.sort_unstable_by_key(|s| s.0);
            }
            let files: Vec<(Rc<dyn ByteSource>, bool)> = s.files.iter().map(|f| (entry_source(f), f.gzip)).collect();
            (by_file, files)
        };
        let json = format == ExportFormat::Json;
        let mut written = 0u64;
        if json {
            buf.push_str("[\n");
        }
        for (spans, (source, gzip)) in by_file.into_iter().zip(files) {
            if spans.is_empty() {
                continue;
            }
            let source = Reading(source);
            let mut collector = SpanCollector::new(spans.iter().map(|&(o, l, _)| (o, l)).collect());
            let mut gz = gzip.then(|| Gunzip::new(0));
            let mut pos = 0;
            let size = source.size();
            while pos < size && !collector.done() {
                let chunk = source.read_some(pos, (pos + READ_CHUNK).min(size)).await.map_err(ExportError::Read)?;
                self.check(generation)?;
                if chunk.is_empty() {
                    break;
                }
                pos += chunk.len() as u64;
                let mut emit = |k: usize, bytes: &[u8]| {
                    let event = export::event_json(bytes, spans[k].2);
                    if json {
                        if written > 0 {
                            buf.push_str(",\n");
                        }
                        buf.push_str(&String::from_utf8_lossy(&event));
                    } else {
                        buf.push_str(&String::from_utf8_lossy(&export::minify(&event)));
                        buf.push('\n');
                    }
                    written += 1;
                    if buf.len() >= EXPORT_PIECE {
                        out(std::mem::take(buf));
                    }
                };
                match &mut gz {
                    // Inflated pieces go straight to the collector: a highly compressed chunk
                    // never sits in memory whole.
                    Some(g) => match g.feed(&chunk, &mut |b| collector.feed(b, &mut emit)) {
                        Ok(()) => {}
                        // Damage past the last selected event (a bad checksum, trailing junk)
                        // stopped its load there too: what was loaded still exports.
                        Err(_) if collector.done() => break,
                        Err(e) => return Err(ExportError::Gzip(e)),
                    },
                    None => collector.feed(&chunk, &mut emit),
                }
            }
        }
        if json {
            buf.push_str("\n]\n");
        }
        Ok(written)
    }
}

/// Room to reserve for a file of `size` bytes when at most `room` more events can be kept: events
/// (a trail event is 600–900 bytes of JSON and gzip shrinks it about ten times; rounded up, so
/// big loads rarely grow their columns) and bytes of search text (an eighth of the JSON, 9% in the
/// generator's events, and at most 128 bytes for each event that can still be kept: a huge file
/// reserves no more than the events cap allows). Too little for the text doubled its buffer
/// mid-load, and the old one stayed in the worker's memory: about 60 MB at 1M events.
fn estimated_room(size: u64, gzip: bool, room: usize) -> (usize, usize) {
    let plain = if gzip { size.saturating_mul(10) } else { size };
    let at_most = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let events = at_most(plain / 600).min(room);
    (events, at_most(plain / 8).min(events.saturating_mul(128)))
}

fn entry_source(f: &FileEntry) -> Rc<dyn ByteSource> {
    f.source.clone()
}

/// A file held in memory (tests, benchmarks, pasted text).
pub struct MemorySource {
    pub name: String,
    pub bytes: Rc<Vec<u8>>,
}

impl MemorySource {
    /// A source over `bytes`.
    pub fn shared(name: &str, bytes: Vec<u8>) -> Rc<dyn ByteSource> {
        Rc::new(MemorySource { name: name.to_string(), bytes: Rc::new(bytes) })
    }
}

impl ByteSource for MemorySource {
    fn name(&self) -> String {
        self.name.clone()
    }
    fn size(&self) -> u64 {
        self.bytes.len() as u64
    }
    fn read(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>> {
        let len = self.bytes.len() as u64;
        let (a, z) = (start.min(len) as usize, end.min(len).max(start.min(len)) as usize);
        let bytes = self.bytes[a..z].to_vec();
        Box::pin(async move { Ok(bytes) })
    }
}

impl From<GzError> for ExportError {
    fn from(e: GzError) -> Self {
        ExportError::Gzip(e)
    }
}

#[cfg(test)]
mod tests {
    use super::estimated_room;

    #[test]
    fn a_file_reserves_room_for_its_events_and_text_within_the_events_cap() {
        // 745 MB of JSON: about 1.3M events, and an eighth of its bytes for their text.
        assert_eq!(estimated_room(745 << 20, false, 4_000_000), (1_301_981, 97_648_640));
        // A 2 GB gzip file with room for ten more events, or a size past any real file, reserves
        // only what ten events could use (it was an eighth of ten times the size: a panic).
        assert_eq!(estimated_room(2 << 30, true, 10), (10, 1_280));
        assert_eq!(estimated_room(u64::MAX, true, 4_000_000), (4_000_000, 512_000_000));
    }
}
