//! Running the panel's List and Load: check the form and the endpoint's trust, then hand the
//! work to `console_core::trail::bucket` with the browser's transport and clock. Each object that
//! arrives becomes a `File` sent to the same worker as a dropped file (gzip sniffed there).

use super::hooks::EngineBridge;
use super::state::{Action, ExplorerState};
use super::trail_state::{TrailAction, TrailForm, TrailIntent};
use crate::services::clock::BrowserClock;
use crate::services::fetch::FetchTransport;
use crate::services::session as tab;
use console_core::effects::{Clock, LocalFuture};
use console_core::oss::credentials::Credentials;
use console_core::oss::session::{prepare, Failure, Form, LogEntry, Session};
use console_core::tasks::Cancel;
use console_core::trail::bucket::{DateRange, Plan, PlannedFile, TrailBucket, TrailError};
use console_core::trail::bucket_load::{LoadProgress, ObjectSink};
use std::cell::{Cell, RefCell};
use yew::UseReducerDispatcher;

type Dispatch = UseReducerDispatcher<ExplorerState>;

/// Progress goes to the view at most this often.
const PROGRESS_EVERY_MS: f64 = 150.0;
/// Objects go to the worker in batches at most this often: a trail is thousands of small
/// objects, and each message to the worker ends in a progress notice the page renders.
const HAND_OVER_EVERY_MS: f64 = 200.0;

fn trail(dispatch: &Dispatch, a: TrailAction) {
    dispatch.dispatch(Action::Trail(a));
}

/// The session form for the panel's fields.
fn session_form(f: &TrailForm, credentials: Credentials) -> Form {
    Form {
        credentials,
        bucket: f.bucket.clone(),
        region: f.region.clone(),
        endpoint: f.endpoint.clone(),
        addressing: f.addressing,
    }
}

/// Check the form; on an unconfirmed endpoint, ask (and return `None`).
fn ready(
    form: &TrailForm,
    creds: Credentials,
    intent: TrailIntent,
    offset_ms: i64,
    dispatch: &Dispatch,
) -> Option<(console_core::oss::request::BucketTarget, Credentials)> {
    match prepare(&session_form(form, creds), &tab::is_confirmed) {
        Ok(v) => Some(v),
        Err(Failure::Unconfirmed { origin }) => {
            trail(dispatch, TrailAction::NeedsConfirmation { origin, then: intent });
            None
        }
        Err(f) => {
            let error = TrailError::List { prefix: String::new(), failure: f };
            trail(dispatch, TrailAction::Planned { plan: Err(error), offset_ms });
            None
        }
    }
}

/// List the trail's folders and plan the date range (nothing is downloaded).
pub async fn list(form: TrailForm, creds: Credentials, offset_ms: i64, cancel: Cancel, dispatch: Dispatch) {
    let range = match DateRange::parse(&form.from, &form.to) {
        Ok(r) => r,
        Err(e) => return trail(&dispatch, TrailAction::Planned { plan: Err(TrailError::Range(e)), offset_ms }),
    };
    let Some((target, creds)) = ready(&form, creds, TrailIntent::List, offset_ms, &dispatch) else { return };
    trail(&dispatch, TrailAction::Listing(Default::default()));
    let (transport, clock) = (FetchTransport, BrowserClock);
    let session = Session::new(&transport, &clock, target, creds, offset_ms);
    let bucket = TrailBucket::new(&session, &clock, &form.prefix);
    let last = Cell::new(0.0);
    let plan = match bucket.discover(&cancel).await {
        Ok(found) => {
            let progress = |p: &_| {
                if clock.now_ms() - last.get() >= PROGRESS_EVERY_MS {
                    last.set(clock.now_ms());
                    trail(&dispatch, TrailAction::Listing(*p));
                }
            };
            bucket.plan(&found.folders, &range, &cancel, &progress).await
        }
        Err(e) => Err(e),
    };
    trail(&dispatch, TrailAction::Planned { plan, offset_ms: session.offset_ms() });
}

/// Hands the objects to the worker as files (in batches), and the progress to the view.
struct ToEngine<'a> {
    bridge: &'a EngineBridge,
    dispatch: &'a Dispatch,
    clock: &'a BrowserClock,
    last: Cell<f64>,
    pending: RefCell<Vec<web_sys::File>>,
    handed_over: Cell<f64>,
}

impl ToEngine<'_> {
    /// Send the objects not yet sent.
    fn hand_over(&self) {
        let files = std::mem::take(&mut *self.pending.borrow_mut());
        self.handed_over.set(self.clock.now_ms());
        if !files.is_empty() {
            self.bridge.load(files);
        }
    }
}

impl ObjectSink for ToEngine<'_> {
    fn object<'a>(&'a self, file: &'a PlannedFile, bytes: Vec<u8>) -> LocalFuture<'a, ()> {
        let array = js_sys::Uint8Array::from(bytes.as_slice());
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
            trail(self.dispatch, TrailAction::Progress(*p));
        }
    }

    fn log(&self, _entries: Vec<LogEntry>) {}
}

/// Fetch the planned objects into the engine.
pub async fn load(
    form: TrailForm,
    plan: Plan,
    creds: Credentials,
    offset_ms: i64,
    cancel: Cancel,
    bridge: EngineBridge,
    dispatch: Dispatch,
) {
    let Some((target, creds)) = ready(&form, creds, TrailIntent::Load, offset_ms, &dispatch) else { return };
    trail(&dispatch, TrailAction::Loading);
    dispatch.dispatch(Action::Notice(None));
    let (transport, clock) = (FetchTransport, BrowserClock);
    let session = Session::new(&transport, &clock, target, creds, offset_ms);
    let bucket = TrailBucket::new(&session, &clock, &form.prefix);
    let sink = ToEngine {
        bridge: &bridge,
        dispatch: &dispatch,
        clock: &clock,
        last: Cell::new(0.0),
        pending: RefCell::new(Vec::new()),
        handed_over: Cell::new(clock.now_ms()),
    };
    let report = bucket.load(&plan, &sink, &cancel).await;
    // Whatever arrived is kept, also when the load was cancelled or stopped.
    sink.hand_over();
    trail(
        &dispatch,
        TrailAction::Loaded {
            failures: report.failures,
            end: report.end,
            progress: report.progress,
            offset_ms: session.offset_ms(),
        },
    );
}
