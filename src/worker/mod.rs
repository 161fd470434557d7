//! The web worker that owns the event engine (the Perfetto model: heavy data off the main
//! thread). A thin adapter: it decodes requests, calls `console_core::trail::engine`, and posts
//! the answers. Files are read with `File.slice`; pauses go through `setTimeout`, so messages that
//! arrive during a load or an export are handled in between.

pub mod codec;
mod files;
mod trail;

use console_core::trail::engine::{ByteSource, Clock, Engine, LocalFuture};
use console_core::trail::load::Limits;
use console_core::trail::protocol::{Request, Response};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn wasm_bytes() -> u64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as u64)
        .unwrap_or(0)
}

fn post(r: &Response) {
    post_with(r, &codec::Beside::Nothing);
}

fn post_with(r: &Response, beside: &codec::Beside) {
    let _ = scope().post_message(&codec::encode_response(r, beside));
}

thread_local! {
    /// Test hook (`Request::CrashOnRead`): reading a file whose name starts with this fails as a
    /// bug would.
    static CRASH_ON_READ: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A dropped or picked file.
struct FileSource(files::FileReader);

impl ByteSource for FileSource {
    fn name(&self) -> String {
        self.0.file().name()
    }
    fn size(&self) -> u64 {
        self.0.file().size() as u64
    }
    fn read(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>> {
        Box::pin(self.0.read(start, end))
    }
    fn read_some(&self, start: u64, end: u64) -> LocalFuture<'_, Result<Vec<u8>, String>> {
        Box::pin(self.0.read_some(start, end))
    }
    fn release(&self) {
        self.0.release();
    }
}

/// `Date.now()` and `setTimeout`.
pub(crate) struct WorkerClock;

impl Clock for WorkerClock {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }
    fn sleep(&self, ms: u64) -> LocalFuture<'_, ()> {
        Box::pin(async move {
            let promise = js_sys::Promise::new(&mut |resolve, _| {
                let _ = scope()
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.min(i32::MAX as u64) as i32);
            });
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        })
    }
}

/// Sub-millisecond time for the query figures.
fn precise_now() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

/// Install the message handler and say hello.
pub fn start() {
    console_error_panic_hook::set_once();
    let engine = Engine::new(Rc::new(WorkerClock), Limits::default(), |mut p| {
        p.wasm_bytes = wasm_bytes();
        p.read_ahead = files::read_ahead_bytes();
        post(&Response::Progress(p));
    });
    engine.on_reading(|generation, file, name| {
        post(&Response::Reading { generation, file });
        if CRASH_ON_READ.with(|c| c.borrow().as_deref().is_some_and(|p| name.starts_with(p))) {
            panic!("the page asked this worker to crash reading {name} (test hook)");
        }
    });
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| handle(&engine, &e.data()));
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // The loader's and the query's hot code optimized before the first file (the page keeps its
    // requests until it hears Ready).
    spawn_local(async move {
        console_core::trail::load::warm_up(&WorkerClock, &precise_now).await;
        post(&Response::Ready);
        files::start_spare_reader();
    });
}

fn handle(engine: &Rc<Engine>, data: &JsValue) {
    let (req, files) = match codec::decode_request(data) {
        Ok(v) => v,
        Err(e) => return post(&Response::BadRequest { message: e.to_string() }),
    };
    match req {
        Request::Load => {
            engine.add_files(
                files
                    .into_iter()
                    .map(|f| Rc::new(FileSource(files::FileReader::new(f))) as Rc<dyn ByteSource>)
                    .collect(),
            );
            spawn_local(engine.clone().pump());
        }
        Request::Cancel => {
            trail::stop(false);
            engine.cancel();
        }
        Request::Clear => {
            trail::stop(true);
            engine.clear();
        }
        Request::LoadTrail(load) => trail::start(*load),
        Request::Query { id, filter, facet_limit, rows, desc } => {
            let started = precise_now();
            let answer = engine.query(id, &filter, facet_limit, rows, desc);
            post(&Response::Result { answer, query_ms: precise_now() - started });
        }
        Request::Rows { offset, limit, desc } => post(&Response::Rows(engine.rows(offset, limit, desc))),
        Request::Detail { id, event_id } => {
            let engine = engine.clone();
            spawn_local(async move {
                let result = engine.detail(&event_id).await;
                post(&Response::Detail { id, event_id, result });
            });
        }
        Request::Export { id, format, filter } => {
            let engine = engine.clone();
            spawn_local(async move {
                let chunk = Response::ExportChunk { id };
                let mut out = |text: String| post_with(&chunk, &codec::Beside::Text(text));
                let result = engine.export(format, &filter, &mut out).await;
                post(&Response::ExportDone { id, format, result });
            });
        }
        Request::History { id, bucket } => {
            let engine = engine.clone();
            spawn_local(async move {
                let (events, total) = engine.bucket_history_changes(&bucket, 200).await;
                post(&Response::History { id, bucket, events, total });
            });
        }
        Request::Insights { id } => {
            let started = precise_now();
            let insights = engine.insights();
            post(&Response::Insights { id, insights, ms: precise_now() - started });
        }
        Request::Buckets { id } => post(&Response::Buckets { id, buckets: engine.buckets_seen() }),
        Request::Profile { id, field, value } => {
            let profile = engine.profile(field, &value);
            post(&Response::Profile { id, field, value, profile });
        }
        Request::Crash => panic!("the page asked this worker to crash (test hook)"),
        Request::CrashOnRead { name } => CRASH_ON_READ.with(|c| *c.borrow_mut() = Some(name)),
    }
}
