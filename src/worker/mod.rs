//! The web worker that owns the event store (the Perfetto model: heavy data off the main
//! thread). It reads files in slices, inflates gzip as a stream, reports progress, and answers
//! queries with only what the page shows.

mod files;

use console_core::trail::export::{self, CSV_HEADER};
use console_core::trail::extract::{RangeExtractor, SpanCollector};
use console_core::trail::gzip::{Checkpoint, Gunzip};
use console_core::trail::load::{FileLoader, FileReport};
use console_core::trail::protocol::{ExportFormat, Progress, Request, Response};
use console_core::trail::store::{Field, Store, FIELDS};
use files::read_slice;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Bytes read per `File.slice`.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
/// Export messages carry about this many bytes.
const EXPORT_CHUNK: usize = 1 << 20;
/// Progress is posted at most this often while loading (ms).
const PROGRESS_EVERY_MS: f64 = 100.0;

#[derive(Default)]
struct Engine {
    store: Store,
    files: Vec<web_sys::File>,
    gzip: Vec<bool>,
    checkpoints: Vec<Vec<Checkpoint>>,
    reports: Vec<FileReport>,
    queue: VecDeque<usize>,
    /// The report of the file being read.
    current: Option<FileReport>,
    selection: Vec<u32>,
    loading: bool,
    batch_bytes: u64,
    batch_read: u64,
    batch_started: f64,
    /// How long the last finished batch took.
    batch_elapsed_ms: Option<u64>,
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
    static CANCEL: Cell<bool> = const { Cell::new(false) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Sub-millisecond time for query figures (`performance.now()`).
fn now_precise() -> f64 {
    js_sys::Reflect::get(&scope(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map(|p| p.now())
        .unwrap_or_else(now)
}

fn wasm_bytes() -> u64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as u64)
        .unwrap_or(0)
}

fn post(r: &Response) {
    if let Ok(json) = serde_json::to_string(r) {
        let _ = scope().post_message(&JsValue::from_str(&json));
    }
}

/// Install the message handler and say hello.
pub fn start() {
    console_error_panic_hook::set_once();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(handle);
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&Response::Ready);
}

fn handle(e: MessageEvent) {
    let data = e.data();
    let msg = js_sys::Reflect::get(&data, &"msg".into()).ok().and_then(|m| m.as_string()).unwrap_or_default();
    let req: Request = match serde_json::from_str(&msg) {
        Ok(r) => r,
        Err(err) => return post(&Response::Failure { message: format!("bad request to the worker: {err}") }),
    };
    match req {
        Request::Load => {
            let files: Vec<web_sys::File> = js_sys::Reflect::get(&data, &"files".into())
                .ok()
                .map(|f| js_sys::Array::from(&f).iter().filter_map(|f| f.dyn_into().ok()).collect())
                .unwrap_or_default();
            let start_loop = ENGINE.with(|e| {
                let mut e = e.borrow_mut();
                if !e.loading {
                    e.batch_bytes = 0;
                    e.batch_read = 0;
                    e.batch_started = now();
                    e.batch_elapsed_ms = None;
                }
                for f in files {
                    e.batch_bytes += f.size() as u64;
                    e.files.push(f);
                    e.gzip.push(false);
                    e.checkpoints.push(Vec::new());
                    let idx = e.files.len() - 1;
                    e.queue.push_back(idx);
                }
                let start = !e.loading;
                e.loading = true;
                start
            });
            if start_loop {
                CANCEL.with(|c| c.set(false));
                wasm_bindgen_futures::spawn_local(run_loads());
            }
        }
        Request::Cancel => CANCEL.with(|c| c.set(true)),
        Request::Clear => {
            let loading = ENGINE.with(|e| e.borrow().loading);
            if loading {
                CANCEL.with(|c| c.set(true));
            }
            ENGINE.with(|e| *e.borrow_mut() = Engine { loading, ..Engine::default() });
            post_progress();
        }
        Request::Query { id, filter, facet_limit, rows, desc } => {
            let started = now_precise();
            let response = ENGINE.with(|e| {
                let mut e = e.borrow_mut();
                let (result, selection) = e.store.query_select(&filter, facet_limit, 120);
                let page = e.store.rows(&selection, 0, rows, desc);
                let selected = selection.len();
                e.selection = selection;
                Response::Result { id, result, rows: page, selected, query_ms: now_precise() - started }
            });
            post(&response);
        }
        Request::Rows { id, offset, limit, desc } => {
            let rows = ENGINE.with(|e| {
                let e = e.borrow();
                e.store.rows(&e.selection, offset, limit, desc)
            });
            post(&Response::Rows { id, offset, rows });
        }
        Request::Detail { id, event_id } => wasm_bindgen_futures::spawn_local(detail(id, event_id)),
        Request::Export { id, format } => wasm_bindgen_futures::spawn_local(export(id, format)),
    }
}

fn progress() -> Progress {
    ENGINE.with(|e| {
        let e = e.borrow();
        let mut files = e.reports.clone();
        files.extend(e.current.clone());
        let errors = e.store.col(Field::ErrorCode).iter().filter(|&&c| c != 0).count() as u64;
        Progress {
            files,
            bytes_total: e.batch_bytes,
            bytes_read: e.batch_read,
            events: e.store.len() as u64,
            errors,
            loading: e.loading,
            elapsed_ms: e.batch_elapsed_ms.unwrap_or(if e.loading {
                (now() - e.batch_started).max(0.0) as u64
            } else {
                0
            }),
            wasm_bytes: wasm_bytes(),
        }
    })
}

fn post_progress() {
    post(&Response::Progress(progress()));
}

async fn run_loads() {
    let mut last_post = 0.0;
    while let Some(idx) = ENGINE.with(|e| e.borrow_mut().queue.pop_front()) {
        let file = ENGINE.with(|e| e.borrow().files[idx].clone());
        let size = file.size();
        let mut loader = FileLoader::new(idx as u32, &file.name(), size as u64);
        let mut pos = 0.0;
        let mut read_error = None;
        while pos < size {
            if CANCEL.with(|c| c.get()) {
                loader.cancel();
                break;
            }
            let end = (pos + CHUNK).min(size);
            match read_slice(&file, pos, end).await {
                Ok(bytes) => ENGINE.with(|e| {
                    let mut e = e.borrow_mut();
                    loader.feed(&bytes, &mut e.store);
                    e.batch_read += bytes.len() as u64;
                    e.current = Some(loader.report().clone());
                }),
                Err(err) => {
                    read_error =
                        Some(format!("the browser could not read this file ({err}); the events before it are kept"));
                    break;
                }
            }
            pos = end;
            if loader.stopped() {
                break;
            }
            if now() - last_post > PROGRESS_EVERY_MS {
                last_post = now();
                post_progress();
            }
        }
        ENGINE.with(|e| {
            let mut e = e.borrow_mut();
            let (mut report, checkpoints) = loader.finish(&mut e.store);
            if read_error.is_some() {
                report.error = read_error;
            }
            e.batch_read += size as u64 - report.bytes_read.min(size as u64);
            e.gzip[idx] = report.gzip;
            e.checkpoints[idx] = checkpoints;
            e.current = None;
            e.reports.push(report);
        });
        if CANCEL.with(|c| c.get()) {
            // Files still queued are not read; say so in their reports.
            ENGINE.with(|e| {
                let mut e = e.borrow_mut();
                while let Some(i) = e.queue.pop_front() {
                    let f = e.files[i].clone();
                    e.reports.push(FileReport {
                        name: f.name(),
                        size: f.size() as u64,
                        cancelled: true,
                        done: true,
                        format: "not read".into(),
                        ..Default::default()
                    });
                }
            });
        }
    }
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        e.store.finalize();
        e.loading = false;
        e.batch_elapsed_ms = Some((now() - e.batch_started).max(0.0) as u64);
    });
    CANCEL.with(|c| c.set(false));
    post_progress();
}

/// The stored bytes of one event, unwrapped.
async fn event_bytes(row: usize) -> Result<Vec<u8>, String> {
    let (file, source, gzip, checkpoints) = ENGINE.with(|e| {
        let e = e.borrow();
        let s = e.store.sources[row];
        let f = s.file as usize;
        (e.files[f].clone(), s, e.gzip[f], e.checkpoints[f].clone())
    });
    let (start, end) = (source.offset, source.offset + source.len as u64);
    let raw = if gzip {
        let mut x = RangeExtractor::new(&checkpoints, start, end);
        loop {
            let p = x.input_pos() as f64;
            if p >= file.size() {
                return Err("the file ended before the event".into());
            }
            let chunk = read_slice(&file, p, (p + (1 << 20) as f64).min(file.size())).await?;
            if x.feed(&chunk).map_err(|e| e.to_string())? {
                break x.into_bytes();
            }
        }
    } else {
        read_slice(&file, start as f64, end as f64).await?
    };
    Ok(export::event_json(&raw, source.wrapping))
}

async fn detail(id: u64, event_id: String) {
    let row = ENGINE.with(|e| e.borrow().store.find(&event_id));
    let response = match row {
        None => Response::Detail {
            id,
            event_id,
            json: None,
            fields: vec![],
            error: Some("this event is not loaded".into()),
        },
        Some(row) => {
            let fields = ENGINE.with(|e| {
                let e = e.borrow();
                FIELDS.iter().map(|&f| (f, e.store.value(f, row).to_string())).filter(|(_, v)| !v.is_empty()).collect()
            });
            match event_bytes(row).await {
                Ok(bytes) => Response::Detail { id, event_id, json: Some(export::pretty(&bytes)), fields, error: None },
                Err(err) => Response::Detail { id, event_id, json: None, fields, error: Some(err) },
            }
        }
    };
    post(&response);
}

async fn export(id: u64, format: ExportFormat) {
    let result = match format {
        ExportFormat::Csv => export_csv(id),
        ExportFormat::Json | ExportFormat::Ndjson => export_json(id, format).await,
    };
    let (events, error) = match result {
        Ok(n) => (n, None),
        Err((n, e)) => (n, Some(e)),
    };
    post(&Response::ExportDone { id, format, events, error });
}

fn export_csv(id: u64) -> Result<u64, (u64, String)> {
    ENGINE.with(|e| {
        let e = e.borrow();
        let mut buf = String::from(CSV_HEADER);
        for &i in &e.selection {
            buf.push_str(&export::csv_row(&e.store, i as usize));
            if buf.len() >= EXPORT_CHUNK {
                post(&Response::ExportChunk { id, data: std::mem::take(&mut buf) });
            }
        }
        post(&Response::ExportChunk { id, data: buf });
        Ok(e.selection.len() as u64)
    })
}

/// JSON and NDJSON: each file is read once, in order, and its selected events picked out.
async fn export_json(id: u64, format: ExportFormat) -> Result<u64, (u64, String)> {
    let (by_file, files, gzip) = ENGINE.with(|e| {
        let e = e.borrow();
        let mut by_file: Vec<Vec<(u64, u64, usize)>> = vec![Vec::new(); e.files.len()];
        for &i in &e.selection {
            let s = e.store.sources[i as usize];
            by_file[s.file as usize].push((s.offset, s.len as u64, i as usize));
        }
        for spans in &mut by_file {
            spans.sort_unstable();
        }
        (by_file, e.files.clone(), e.gzip.clone())
    });
    let mut buf = String::new();
    let mut written = 0u64;
    if format == ExportFormat::Json {
        buf.push_str("[\n");
    }
    for (f, spans) in by_file.into_iter().enumerate() {
        if spans.is_empty() {
            continue;
        }
        let wrappings: Vec<_> =
            ENGINE.with(|e| spans.iter().map(|&(_, _, row)| e.borrow().store.sources[row].wrapping).collect());
        let mut collector = SpanCollector::new(spans.iter().map(|&(o, l, _)| (o, l)).collect());
        let mut gz = gzip[f].then(|| Gunzip::new(0));
        let file = &files[f];
        let mut pos = 0.0;
        while pos < file.size() && !collector.done() {
            let end = (pos + CHUNK).min(file.size());
            let chunk = read_slice(file, pos, end).await.map_err(|e| (written, e))?;
            pos = end;
            let data: std::borrow::Cow<[u8]> = match &mut gz {
                Some(g) => {
                    let mut out = Vec::new();
                    g.feed(&chunk, &mut |b| out.extend_from_slice(b)).map_err(|e| (written, e.to_string()))?;
                    out.into()
                }
                None => chunk.as_slice().into(),
            };
            collector.feed(&data, &mut |k: usize, bytes: &[u8]| {
                let json = export::event_json(bytes, wrappings[k]);
                if format == ExportFormat::Json {
                    if written > 0 {
                        buf.push_str(",\n");
                    }
                    buf.push_str(&String::from_utf8_lossy(&json));
                } else {
                    buf.push_str(&String::from_utf8_lossy(&export::minify(&json)));
                    buf.push('\n');
                }
                written += 1;
            });
            if buf.len() >= EXPORT_CHUNK {
                post(&Response::ExportChunk { id, data: std::mem::take(&mut buf) });
            }
        }
    }
    if format == ExportFormat::Json {
        buf.push_str("\n]\n");
    }
    post(&Response::ExportChunk { id, data: buf });
    Ok(written)
}
