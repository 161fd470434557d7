//! Running the panel's List and Load: check the form and the endpoint's trust, then list with
//! `console_core::trail::bucket` over the browser's transport and clock here, or hand the load to
//! the worker, which fetches each object itself and hands it back as a file to load like a
//! dropped one (gzip sniffed there).

use super::hooks::EngineBridge;
use super::state::{Action, ExplorerState};
use super::trail_state::{TrailAction, TrailForm, TrailIntent};
use crate::services::clock::BrowserClock;
use crate::services::fetch::FetchTransport;
use crate::services::session as tab;
use console_core::effects::Clock;
use console_core::oss::credentials::Credentials;
use console_core::oss::session::{prepare, Failure, Form, Session};
use console_core::tasks::Cancel;
use console_core::trail::bucket::{DateRange, Plan, TrailBucket, TrailError};
use console_core::trail::protocol::TrailLoad;
use std::cell::Cell;
use yew::UseReducerDispatcher;

type Dispatch = UseReducerDispatcher<ExplorerState>;

/// Listing progress goes to the view at most this often.
const PROGRESS_EVERY_MS: f64 = 150.0;

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

/// Hand the plan to the worker, which fetches the objects itself (`worker::trail`): the page
/// never holds an object's body. Progress and the end come back as worker responses.
pub fn load(form: TrailForm, plan: Plan, creds: Credentials, offset_ms: i64, bridge: EngineBridge, dispatch: Dispatch) {
    let Some((target, creds)) = ready(&form, creds, TrailIntent::Load, offset_ms, &dispatch) else { return };
    trail(&dispatch, TrailAction::Loading);
    dispatch.dispatch(Action::Notice(None));
    let origin = target.endpoint.origin_with_prefix("");
    let confirmed = tab::is_confirmed(&origin).then_some(origin);
    let prefix = form.prefix.clone();
    bridge.load_trail(TrailLoad { form: session_form(&form, creds), confirmed, prefix, plan, offset_ms });
}
