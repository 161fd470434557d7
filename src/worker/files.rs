//! Reading a `File` (or any Blob): sequential reads through the file's byte stream into one
//! reused buffer (a BYOB reader), so reading a 1 GB file does not leave hundreds of buffers for
//! the garbage collector; random reads (re-reading one event) slice the file.
//!
//! Memory follows what is being read, not how many files are known: the buffer is sized to the
//! read (at most `BUFFER`), and the stream and its buffer are let go when the file has been read
//! to its end or the engine releases it. A known file then costs only its `File` handle.
//!
//! A big file is read ahead on a thread of its own (`file_reader.js`, a worker of this worker):
//! read here, each piece would wait for the browser to deliver it while nothing is parsed, about
//! a fifth of a 745 MB load. Its first megabyte is read here at once while the thread starts on
//! the rest, and a thread is kept started for the next big file.

use crate::services::js::{error_text, OwnedWorker};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, ReadableStreamByobReader};

/// Bytes asked of the stream at a time, at most (the engine's `READ_CHUNK`).
const BUFFER: u64 = console_core::trail::engine::READ_CHUNK;
/// Files up to this size are read whole in one synchronous call when asked for whole: a trail is
/// thousands of small files, and setting up a stream per file costs more than the read (the read
/// itself, about 0.6 ms a file in Chromium here, is the browser's and the same either way).
const SMALL_WHOLE: u64 = 1 << 20;

/// Bytes `[start, end)` of `blob`, by slicing it.
pub async fn read_slice(blob: &web_sys::Blob, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let part = blob.slice_with_f64_and_f64(start, end).map_err(|e| error_text(&e))?;
    let buf = JsFuture::from(part.array_buffer()).await.map_err(|e| error_text(&e))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// A stream over a file from some position, and the buffer it reads into.
struct Stream {
    reader: ReadableStreamByobReader,
    pos: u64,
    buffer: Option<js_sys::ArrayBuffer>,
}

thread_local! {
    /// Bytes taken from reader threads so far (reported with the worker's progress).
    static READ_AHEAD: Cell<u64> = const { Cell::new(0) };
}

/// Bytes this worker has taken from reader threads so far.
pub fn read_ahead_bytes() -> u64 {
    READ_AHEAD.with(Cell::get)
}

/// Where the reader thread's script is (beside this worker's, where Trunk copies it).
const READER_URL: &str = "./file_reader.js";
/// Files with at least this much left to read are read ahead on the reader thread.
const AHEAD_FROM: u64 = 4 * BUFFER;
/// The bytes read here at once when a file starts being read ahead, and the size of the
/// thread's first piece: fewer than a piece, so the parse starts sooner (a synchronous read of a
/// whole 4 MB piece took 15–20 ms of a 100k-event load before the parse could start).
const FIRST: u64 = 1 << 20;
/// Pieces the reader thread may have read whose buffers are not back yet.
const AHEAD: u32 = 3;
/// How long a read waits for the reader thread's next piece before this worker reads the rest of
/// the file itself. A thread that ends without an error event (killed for memory, say) would
/// otherwise leave the load waiting for good; a 4 MB piece of a picked file takes milliseconds.
const PATIENCE_MS: i32 = 10_000;

/// What the reader thread sent: a piece of the file (`done`: the file ends with it), or that it
/// stopped (why does not matter here: the worker reads the rest itself).
enum Piece {
    Bytes { bytes: js_sys::Uint8Array, done: bool },
    Stopped,
}

#[derive(Default)]
struct Inbox {
    pieces: VecDeque<Piece>,
    /// Resolves the read waiting for the next piece.
    waiting: Option<js_sys::Function>,
}

/// The reader thread stopped, or could not be given a buffer back.
struct Stopped;

/// A file read ahead on the reader thread from some position. Dropping it ends the thread (and
/// starts a spare one for the next big file).
struct ReadAhead {
    reader: Thread,
    /// The position of the next byte the reads here take.
    pos: u64,
    /// A piece partly taken, from this offset.
    head: Option<(js_sys::Uint8Array, u32, bool)>,
}

impl Drop for ReadAhead {
    fn drop(&mut self) {
        start_spare_reader();
    }
}

/// A reader thread started and waiting for a file, with where its messages go.
struct Thread {
    thread: OwnedWorker,
    inbox: Rc<RefCell<Inbox>>,
}

thread_local! {
    /// A reader thread started ahead of need: a thread takes 20–40 ms to start, and a load would
    /// wait that long for its first piece.
    static SPARE: RefCell<Option<Thread>> = const { RefCell::new(None) };
}

/// Start a reader thread now, for the next big file (once the worker has nothing else to do).
pub fn start_spare_reader() {
    if SPARE.with(|s| s.borrow().is_none()) {
        let thread = Thread::spawn();
        SPARE.with(|s| *s.borrow_mut() = thread);
    }
}

impl Thread {
    /// A new reader thread (`None`: no thread could be started here).
    fn spawn() -> Option<Thread> {
        let worker = web_sys::Worker::new(READER_URL).ok()?;
        let inbox = Rc::new(RefCell::new(Inbox::default()));
        let arrived = |inbox: &Rc<RefCell<Inbox>>, piece: Piece| {
            let wake = {
                let mut inbox = inbox.borrow_mut();
                inbox.pieces.push_back(piece);
                inbox.waiting.take()
            };
            if let Some(wake) = wake {
                let _ = wake.call0(&JsValue::NULL);
            }
        };
        let on_message = {
            let inbox = inbox.clone();
            move |e: MessageEvent| {
                let data = e.data();
                let field = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
                let piece = match field("bytes").dyn_into::<js_sys::ArrayBuffer>() {
                    Ok(buffer) => {
                        let len = field("len").as_f64().unwrap_or(0.0).clamp(0.0, buffer.byte_length() as f64) as u32;
                        let bytes = js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, 0, len);
                        Piece::Bytes { bytes, done: field("done").is_truthy() }
                    }
                    Err(_) => Piece::Stopped,
                };
                arrived(&inbox, piece);
            }
        };
        let on_error = {
            let inbox = inbox.clone();
            move |e: web_sys::Event| {
                // Handled here (the rest is read in this worker): not an error of the page.
                e.prevent_default();
                arrived(&inbox, Piece::Stopped);
            }
        };
        Some(Thread { thread: OwnedWorker::new(worker, on_message, on_error), inbox })
    }
}

impl ReadAhead {
    /// The reader thread on `file` from `start` (`None`: no thread could be started here): the
    /// spare one if there is one, else a new one.
    fn open(file: &web_sys::File, start: u64) -> Option<ReadAhead> {
        // An idle thread sends nothing: one that did has failed (its script, say).
        let spare = SPARE.with(|s| s.borrow_mut().take()).filter(|t| t.inbox.borrow().pieces.is_empty());
        let reader = match spare {
            Some(t) => t,
            None => Thread::spawn()?,
        };
        let ask = js_sys::Object::new();
        for (k, v) in [
            ("file", JsValue::from(file)),
            ("start", JsValue::from(start as f64)),
            ("chunk", JsValue::from(BUFFER as f64)),
            ("first", JsValue::from(FIRST as f64)),
            ("ahead", JsValue::from(AHEAD)),
        ] {
            js_sys::Reflect::set(&ask, &k.into(), &v).ok()?;
        }
        reader.thread.worker().post_message(&ask).ok()?;
        Some(ReadAhead { reader, pos: start, head: None })
    }

    /// The next piece, once the reader thread has sent it; `Stopped` if none came for
    /// `PATIENCE_MS`.
    async fn next(&self) -> Piece {
        loop {
            if let Some(piece) = self.reader.inbox.borrow_mut().pieces.pop_front() {
                return piece;
            }
            let inbox = self.reader.inbox.clone();
            let mut timer = None;
            let arrival = js_sys::Promise::new(&mut |resolve, _| {
                timer =
                    super::scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, PATIENCE_MS).ok();
                inbox.borrow_mut().waiting = Some(resolve);
            });
            let _ = JsFuture::from(arrival).await;
            if let Some(timer) = timer {
                super::scope().clear_timeout_with_handle(timer);
            }
            let mut inbox = self.reader.inbox.borrow_mut();
            if inbox.pieces.is_empty() {
                // Woken by the timer: nothing came all that time.
                inbox.waiting = None;
                return Piece::Stopped;
            }
        }
    }

    /// Up to `want` bytes, from the next piece only (a load's reads take what comes: a piece is
    /// then taken whole, copied once), and whether the file ended with them.
    async fn read(&mut self, want: usize) -> Result<(Vec<u8>, bool), Stopped> {
        if want == 0 {
            return Ok((Vec::new(), false));
        }
        loop {
            let (bytes, from, done) = match self.head.take() {
                Some(head) => head,
                None => match self.next().await {
                    Piece::Bytes { bytes, done } => (bytes, 0, done),
                    Piece::Stopped => return Err(Stopped),
                },
            };
            let n = (bytes.length() - from).min(u32::try_from(want).unwrap_or(u32::MAX));
            let out = bytes.subarray(from, from + n).to_vec();
            if from + n < bytes.length() {
                self.head = Some((bytes, from + n, done));
            } else if !done {
                // Taken: its buffer goes back (moved, not copied) for the thread to read into.
                // A buffer that cannot go back would leave the thread one piece short for good.
                let buffer = bytes.buffer();
                self.reader
                    .thread
                    .worker()
                    .post_message_with_transfer(&buffer, &js_sys::Array::of1(&buffer))
                    .map_err(|_| Stopped)?;
            }
            self.pos += u64::from(n);
            READ_AHEAD.with(|r| r.set(r.get() + u64::from(n)));
            if !out.is_empty() || done {
                return Ok((out, done && self.head.is_none()));
            }
        }
    }
}

/// A file read mostly front to back.
pub struct FileReader {
    file: web_sys::File,
    stream: RefCell<Option<Stream>>,
    ahead: RefCell<Option<ReadAhead>>,
    /// The reader thread failed on this file: it is read here from then on.
    ahead_failed: Cell<bool>,
}

impl FileReader {
    /// A reader of `file`.
    pub fn new(file: web_sys::File) -> Self {
        FileReader { file, stream: RefCell::new(None), ahead: RefCell::new(None), ahead_failed: Cell::new(false) }
    }

    /// The file.
    pub fn file(&self) -> &web_sys::File {
        &self.file
    }

    fn size(&self) -> u64 {
        self.file.size() as u64
    }

    /// A stream from `start`, with a buffer for reads of up to `want` bytes (within the file).
    fn open(&self, start: u64, want: u64) -> Option<Stream> {
        let part = self.file.slice_with_f64(start as f64).ok()?;
        let reader = ReadableStreamByobReader::new(&part.stream()).ok()?;
        let len = buffer_len(want, self.size().saturating_sub(start));
        Some(Stream { reader, pos: start, buffer: Some(js_sys::ArrayBuffer::new(len)) })
    }

    /// Bytes `[start, end)` at once, synchronously (`None`: not possible here, read them as a
    /// stream).
    fn read_now(&self, start: u64, end: u64) -> Option<Vec<u8>> {
        let part = if start == 0 && end >= self.size() {
            web_sys::Blob::from(self.file.clone())
        } else {
            self.file.slice_with_f64_and_f64(start as f64, end as f64).ok()?
        };
        let buffer = web_sys::FileReaderSync::new().ok()?.read_as_array_buffer(&part).ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    /// Let go of the stream and its buffer (the engine is done with this file for now).
    pub fn release(&self) {
        drop(self.ahead.borrow_mut().take());
        self.close_stream();
    }

    /// Close the file's stream, if one is open, now rather than when the collector finds it.
    fn close_stream(&self) {
        if let Some(stream) = self.stream.borrow_mut().take() {
            let _ = stream.reader.cancel();
        }
    }

    /// Bytes `[start, end)` (one event for a detail, say): from the stream when it is already at
    /// `start` (or can start there), by slicing otherwise (a second reader while one is busy, or
    /// no BYOB streams).
    pub async fn read(&self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        // A small file whole: one synchronous read (a worker may block), no stream to set up.
        if start == 0 && end >= self.size() && self.size() <= SMALL_WHOLE {
            if let Some(bytes) = self.read_now(0, self.size()) {
                return Ok(bytes);
            }
        }
        self.read_stream(start, end).await
    }

    /// The first of bytes `[start, end)`, for a front-to-back read (a load's, an export's): a big
    /// file's from its reader thread, as they come; what [`FileReader::read`] reads otherwise.
    pub async fn read_some(&self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        match self.read_ahead(start, end).await {
            Some(bytes) => bytes,
            None => self.read(start, end).await,
        }
    }

    /// The first of bytes `[start, end)` from the reader thread, when the file has enough left
    /// to read for one (`None`: read here instead); its first megabyte is read here while the
    /// thread starts. What the thread fails to read is read here.
    async fn read_ahead(&self, start: u64, end: u64) -> Option<Result<Vec<u8>, String>> {
        let taken = self.ahead.borrow_mut().take();
        let mut ahead = match taken {
            Some(a) if a.pos == start => a,
            other => {
                // Whole pieces of a big file only: a read near its end is not worth a thread.
                let load = end.saturating_sub(start) >= BUFFER && self.size().saturating_sub(start) >= AHEAD_FROM;
                if !load || self.ahead_failed.get() {
                    *self.ahead.borrow_mut() = other;
                    return None;
                }
                drop(other);
                // The first bytes are read here at once while the thread starts on the rest: the
                // load had nothing to parse until the thread's first piece came (20–50 ms). Fewer
                // than asked (a load's reads take what comes): the parse starts sooner.
                let first = end.min(start + FIRST);
                match ReadAhead::open(&self.file, first) {
                    Some(a) => {
                        *self.ahead.borrow_mut() = Some(a);
                        return Some(match self.read_now(start, first) {
                            Some(bytes) => Ok(bytes),
                            None => {
                                let bytes = self.read_stream(start, first).await;
                                // The thread reads on from here: no stream is kept for it.
                                self.close_stream();
                                bytes
                            }
                        });
                    }
                    None => {
                        self.ahead_failed.set(true);
                        return None;
                    }
                }
            }
        };
        match ahead.read(end.saturating_sub(start) as usize).await {
            Ok((out, ended)) => {
                if !ended && ahead.pos < self.size() {
                    *self.ahead.borrow_mut() = Some(ahead);
                }
                Some(Ok(out))
            }
            Err(Stopped) => {
                // The thread could not go on (or not start): the rest of the file from here.
                drop(ahead);
                self.ahead_failed.set(true);
                Some(self.read_stream(start, end).await)
            }
        }
    }

    /// Bytes `[start, end)` read here, through the file's stream.
    async fn read_stream(&self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        let taken = self.stream.borrow_mut().take();
        let stream = match taken {
            Some(s) if s.pos == start => Some(s),
            other => {
                if let Some(old) = other {
                    let _ = old.reader.cancel();
                }
                self.open(start, end.saturating_sub(start))
            }
        };
        let Some(mut stream) = stream else {
            return read_slice(&self.file, start as f64, end as f64).await;
        };
        let want = end.saturating_sub(start) as usize;
        let mut out = Vec::with_capacity(want);
        let mut ended = false;
        while out.len() < want {
            let buffer = stream.buffer.take().unwrap_or_else(|| {
                js_sys::ArrayBuffer::new(buffer_len((want - out.len()) as u64, self.size().saturating_sub(start)))
            });
            let room = (want - out.len()).min(buffer.byte_length() as usize) as u32;
            let view = js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, 0, room);
            let result =
                JsFuture::from(stream.reader.read_with_array_buffer_view(&view)).await.map_err(|e| error_text(&e))?;
            let done = js_sys::Reflect::get(&result, &"done".into()).map(|d| d.is_truthy()).unwrap_or(true);
            let value = js_sys::Reflect::get(&result, &"value".into()).unwrap_or(JsValue::UNDEFINED);
            let Ok(chunk) = value.dyn_into::<js_sys::Uint8Array>() else {
                ended = true;
                break;
            };
            let n = chunk.length() as usize;
            let at = out.len();
            out.resize(at + n, 0);
            chunk.copy_to(&mut out[at..]);
            // The read hands the buffer back (transferred): the next read fills it again.
            stream.buffer = chunk.buffer().dyn_into::<js_sys::ArrayBuffer>().ok();
            if done || n == 0 {
                ended = true;
                break;
            }
        }
        stream.pos = start + out.len() as u64;
        // At the end the stream is closed: keep nothing. Otherwise keep it for the next read.
        if !ended && stream.pos < self.size() {
            *self.stream.borrow_mut() = Some(stream);
        }
        Ok(out)
    }
}

/// A read buffer's length: the bytes wanted, no more than are left in the file, at most `BUFFER`
/// (at least one byte: a stream cannot read into an empty view).
fn buffer_len(want: u64, left: u64) -> u32 {
    want.min(left).clamp(1, BUFFER) as u32
}
