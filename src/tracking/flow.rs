//! Running what the user asked for: check the form and the endpoint's trust, then hand the call
//! to `console_core::oss::session` with the browser's transport and clock, and record the outcome.
//! No retry or error logic lives here.

use super::state::{Action, Intent, TrackingState};
use crate::services::clock::BrowserClock;
use crate::services::fetch::FetchTransport;
use crate::services::session as tab;
use console_core::oss::credentials::Credentials;
use console_core::oss::session::{prepare, Failure, Form, Session};
use yew::UseReducerDispatcher;

type Dispatch = UseReducerDispatcher<TrackingState>;

/// This page's origin, for the CORS rule.
pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The form as the session wants it.
pub fn form(s: &TrackingState, credentials: Credentials) -> Form {
    Form {
        credentials,
        bucket: s.bucket.clone(),
        region: s.region.clone(),
        endpoint: s.endpoint.clone(),
        addressing: s.addressing,
    }
}

/// Run `intent` for `form`; after a read that worked, and after any switch, also read the
/// lifecycle rules (they are what blocks disabling).
pub async fn run(form: Form, offset_ms: i64, intent: Intent, dispatch: Dispatch) {
    let (target, creds) = match prepare(&form, &tab::is_confirmed) {
        Ok(v) => v,
        Err(Failure::Unconfirmed { origin }) => {
            return dispatch.dispatch(Action::NeedsConfirmation { origin, then: intent });
        }
        Err(f) => {
            let failure = Some((intent.operation(), f));
            return dispatch.dispatch(Action::Finished {
                status: None,
                failure,
                lifecycle: None,
                log: vec![],
                offset_ms,
            });
        }
    };
    dispatch.dispatch(Action::Start(intent));
    let session = Session::new(&FetchTransport, &BrowserClock, target, creds, offset_ms);
    let mut outcome = match intent {
        Intent::Read => session.read_status().await,
        Intent::Switch(d) => session.switch(d).await,
    };
    // The call that failed, from the session's log (a corrected clock adds a try to the log, so
    // its length says nothing about which call it was).
    let last_op = outcome.failed_operation().unwrap_or(intent.operation());
    let lifecycle = if outcome.result.is_ok() || intent != Intent::Read {
        let l = session.read_lifecycle().await;
        outcome.log.extend(l.log);
        outcome.offset_ms = l.offset_ms;
        Some(l.result)
    } else {
        None
    };
    let (status, failure) = match outcome.result {
        Ok(s) => (Some(s), None),
        Err(f) => (None, Some((last_op, f))),
    };
    dispatch.dispatch(Action::Finished { status, failure, lifecycle, log: outcome.log, offset_ms: outcome.offset_ms });
}
