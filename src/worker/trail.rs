//! Loading a trail from its bucket, here in the worker: the bucket loader (`console_core::trail::
//! bucket_load`) over the worker's own `fetch`, which stops reading an object past its cap
//! (counted after the browser's decoding of `Content-Encoding`). Each object becomes a `File`
//! (bytes in the browser's blob storage) handed to the page in batches; the page loads them like
//! dropped files and keeps the handles to reload into a new worker if this one dies. The page
//! never holds an object's body. `Cancel` and `Clear` stop the load.

use super::{post, post_with, WorkerClock};
use crate::services::fetch::FetchTransport;
use crate::worker::codec::Beside;
use console_core::effects::{Clock, LocalFuture};
use console_core::oss::session::{prepare, LogEntry, Session};
use console_core::tasks::Cancel;
use console_core::trail::bucket::{PlannedFile, TrailBucket};
use console_core::trail::bucket_load::{LoadEnd, LoadProgress, ObjectSink};
use console_core::trail::protocol::{Response, TrailLoad};
use std::cell::{Cell, RefCell};
use wasm_bindgen_futures::spawn_local;

/// Progress goes to the page at most this often.
const PROGRESS_EVERY_MS: f64 = 150.0;
/// Objects go to the page in batches at most this often: a trail is thousands of small objects,
/// and each batch ends in a progress notice the page renders.
const HAND_OVER_EVERY_MS: f64 = 200.0;

/// The running load: its Cancel, and whether what it fetched is still wanted.
struct Running {
    cancel: Cancel,
    discard: std::rc::Rc<Cell<bool>>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// Stop the running load: Cancel keeps what was fetched (handed over, then the end is posted);
/// Clear (`discard`) drops what has not been handed over yet.
pub fn stop(discard: bool) {
    if let Some(r) = RUNNING.with(|r| r.borrow_mut().take()) {
        r.discard.set(discard);
        r.cancel.cancel();
    }
}

/// Start loading `load`'s plan (a load already running is cancelled first).
pub fn start(load: TrailLoad) {
    stop(false);
    let (cancel, discard) = (Cancel::new(), std::rc::Rc::new(Cell::new(false)));
    RUNNING.with(|r| *r.borrow_mut() = Some(Running { cancel: cancel.clone(), discard: discard.clone() }));
    spawn_local(run(load, cancel, discard));
}

/// Hands the objects to the page as files (in batches), and the progress.
struct ToPage {
    load: u64,
    discard: std::rc::Rc<Cell<bool>>,
    clock: WorkerClock,
    last: Cell<f64>,
    pending: RefCell<Vec<web_sys::File>>,
    handed_over: Cell<f64>,
}

impl ToPage {
    fn hand_over(&self) {
        let files = std::mem::take(&mut *self.pending.borrow_mut());
        self.handed_over.set(self.clock.now_ms());
        if !files.is_empty() && !self.discard.get() {
            post_with(&Response::TrailFetched { load: self.load }, &Beside::Files(files));
        }
    }
}

impl ObjectSink for ToPage {
    fn object<'a>(&'a self, file: &'a PlannedFile, bytes: Vec<u8>) -> LocalFuture<'a, ()> {
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        drop(bytes);
        let parts = js_sys::Array::of1(&array);
        if let Ok(f) = web_sys::File::new_with_u8_array_sequence(&parts, file.name()) {
            self.pending.borrow_mut().push(f);
        }
        if self.clock.now_ms() - self.handed_over.get() >= HAND_OVER_EVERY_MS {
            self.hand_over();
        }
        Box::pin(async {})
    }

    fn progress(&self, p: &LoadProgress) {
        if self.clock.now_ms() - self.last.get() >= PROGRESS_EVERY_MS || p.files_left() == 0 {
            self.last.set(self.clock.now_ms());
            post(&Response::TrailProgress { load: self.load, progress: *p });
        }
    }

    fn log(&self, _entries: Vec<LogEntry>) {}
}

async fn run(load: TrailLoad, cancel: Cancel, discard: std::rc::Rc<Cell<bool>>) {
    let TrailLoad { id, form, confirmed, prefix, plan, offset_ms } = load;
    let confirmed_origin = |origin: &str| confirmed.as_deref() == Some(origin);
    let (target, creds) = match prepare(&form, &confirmed_origin) {
        Ok(v) => v,
        Err(failure) => {
            let progress = LoadProgress { files_total: plan.files.len(), ..Default::default() };
            post(&Response::TrailLoaded {
                load: id,
                failures: Vec::new(),
                end: LoadEnd::Stopped(failure),
                progress,
                offset_ms,
            });
            return;
        }
    };
    let (transport, clock) = (FetchTransport, WorkerClock);
    let session = Session::new(&transport, &clock, target, creds, offset_ms);
    let bucket = TrailBucket::new(&session, &clock, &prefix);
    let sink = ToPage {
        load: id,
        discard,
        clock: WorkerClock,
        last: Cell::new(0.0),
        pending: RefCell::new(Vec::new()),
        handed_over: Cell::new(clock.now_ms()),
    };
    let report = bucket.load(&plan, &sink, &cancel).await;
    // Whatever arrived is kept, also when the load was cancelled or stopped.
    sink.hand_over();
    post(&Response::TrailLoaded {
        load: id,
        failures: report.failures,
        end: report.end,
        progress: report.progress,
        offset_ms: session.offset_ms(),
    });
    RUNNING.with(|r| {
        let mut r = r.borrow_mut();
        if r.as_ref().is_some_and(|running| running.cancel.same(&cancel)) {
            *r = None;
        }
    });
}
