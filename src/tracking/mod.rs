//! The "Access tracking" view: credentials, bucket, status switch, lifecycle rules, errors,
//! request log. Renders from the session's outcomes; holds no retry or error logic.

mod bucket_card;
mod credentials_card;
mod error_panel;
pub mod flow;
mod history_card;
mod lifecycle_card;
mod request_log;
pub mod state;
mod status_card;

use crate::credentials::use_credentials;
use crate::i18n::{use_lang, Key, Tr};
use crate::route::TrackingLink;
use crate::services::session as tab;
use crate::widgets::announcer::use_announcer;
use crate::widgets::confirm_endpoint::ConfirmEndpoint;
use bucket_card::BucketCard;
use credentials_card::CredentialsCard;
use error_panel::ErrorPanel;
use history_card::HistoryCard;
use lifecycle_card::LifecycleCard;
use request_log::RequestLog;
use state::{Action, Intent, TrackingState};
use status_card::StatusCard;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// A guard against a second click landing before the busy state has rendered: true while a
/// call started from this view is running.
#[hook]
fn use_single_flight() -> Rc<Cell<bool>> {
    (*use_memo((), |_| Rc::new(Cell::new(false)))).clone()
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// A bucket named in the URL (from the explorer's "Access tracking for this bucket").
    pub link: TrackingLink,
}

#[function_component(TrackingView)]
pub fn tracking_view(p: &Props) -> Html {
    let lang = use_lang();
    let state = use_reducer(TrackingState::default);
    let creds = use_credentials();
    let in_flight = use_single_flight();
    let announcer = use_announcer();

    // Each finished call is said once: the status read, or what failed.
    {
        let (status, error) = (state.status, state.last_error.clone());
        use_effect_with(state.finished, move |finished| {
            if *finished > 0 {
                announcer.say(match &error {
                    Some((op, f)) => {
                        lang.t(Key::AnnounceFailed { op: op.name(), code: &f.code(), summary: &f.summary(lang) })
                    }
                    None => lang.t(Key::AnnounceStatus(status)),
                });
            }
        });
    }

    {
        let dispatch = state.dispatcher();
        use_effect_with(p.link.clone(), move |link| {
            if let Some(bucket) = &link.bucket {
                dispatch.dispatch(Action::OpenBucket { bucket: bucket.clone(), region: link.region.clone() });
            }
        });
    }
    // New credentials: what was read with the old ones may not hold.
    {
        let dispatch = state.dispatcher();
        use_effect_with(creds.credentials(), move |_| dispatch.dispatch(Action::Invalidate));
    }

    let run = {
        let (state, creds, in_flight) = (state.clone(), creds.clone(), in_flight.clone());
        Callback::from(move |intent: Intent| {
            if in_flight.get() || !state.idle() {
                return;
            }
            in_flight.set(true);
            let form = flow::form(&state, creds.credentials());
            let (offset, dispatch, in_flight) = (state.clock_offset_ms, state.dispatcher(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                flow::run(form, offset, intent, dispatch).await;
                in_flight.set(false);
            });
        })
    };
    let on_refresh = {
        let run = run.clone();
        Callback::from(move |_| run.emit(Intent::Read))
    };
    let on_switch = {
        let run = run.clone();
        Callback::from(move |d| run.emit(Intent::Switch(d)))
    };
    let on_confirm = {
        let (run, state) = (run.clone(), state.clone());
        Callback::from(move |yes: bool| {
            let pending = state.confirm.clone();
            state.dispatch(Action::CancelConfirmation);
            if let (true, Some((origin, then))) = (yes, pending) {
                tab::confirm(&origin);
                run.emit(then);
            }
        })
    };
    let last_request_id = state.log.iter().find_map(|l| l.entry.request_id.clone());

    html! {
        <div class="tracking">
            <h2>{ lang.t(Key::TrackingHeading) }</h2>
            <p class="hint">{ lang.t(Key::TrackingIntro) }</p>
            <div class="tracking-grid">
                <div>
                    <CredentialsCard />
                    <BucketCard state={state.clone()} />
                </div>
                <div>
                    if let Some((origin, _)) = &state.confirm {
                        <ConfirmEndpoint origin={origin.clone()} access_key_id={creds.credentials().access_key_id} on_answer={on_confirm} />
                    }
                    <StatusCard status={state.status} busy={state.busy} {on_refresh} {on_switch} />
                    if let Some((op, failure)) = &state.last_error { <ErrorPanel operation={*op} failure={failure.clone()} /> }
                    <LifecycleCard lifecycle={state.lifecycle.clone()} />
                    <HistoryCard bucket={state.bucket.clone()} />
                    if let Some(id) = last_request_id {
                        <p class="hint">{ lang.t(Key::LastRequestId) }<code data-testid="last-request-id">{ id }</code></p>
                    }
                    <RequestLog entries={state.log.clone()} />
                </div>
            </div>
        </div>
    }
}
