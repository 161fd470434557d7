//! Reading a `File` (or any Blob): sequential reads through the file's byte stream into one
//! reused buffer (a BYOB reader), so reading a 1 GB file does not leave hundreds of buffers for
//! the garbage collector; random reads (re-reading one event) slice the file.
//!
//! Memory follows what is being read, not how many files are known: the buffer is sized to the
//! read (at most `BUFFER`), and the stream and its buffer are let go when the file has been read
//! to its end or the engine releases it. A known file then costs only its `File` handle.

use crate::services::js::error_text;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::ReadableStreamByobReader;

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

/// A file read mostly front to back.
pub struct FileReader {
    file: web_sys::File,
    stream: RefCell<Option<Stream>>,
}

impl FileReader {
    /// A reader of `file`.
    pub fn new(file: web_sys::File) -> Self {
        FileReader { file, stream: RefCell::new(None) }
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

    /// The whole file at once, synchronously (`None`: not possible here, read it as a stream).
    fn read_whole(&self) -> Option<Vec<u8>> {
        let reader = web_sys::FileReaderSync::new().ok()?;
        let buffer = reader.read_as_array_buffer(&self.file).ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    /// Let go of the stream and its buffer (the engine is done with this file for now).
    pub fn release(&self) {
        if let Some(stream) = self.stream.borrow_mut().take() {
            // Closes the file's stream now rather than when the collector finds it.
            let _ = stream.reader.cancel();
        }
    }

    /// Bytes `[start, end)`: from the stream when it is already at `start` (or can start there),
    /// by slicing otherwise (a second reader while one is busy, or no BYOB streams).
    pub async fn read(&self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        // A small file whole: one synchronous read (a worker may block), no stream to set up.
        if start == 0 && end >= self.size() && self.size() <= SMALL_WHOLE {
            if let Some(bytes) = self.read_whole() {
                return Ok(bytes);
            }
        }
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
