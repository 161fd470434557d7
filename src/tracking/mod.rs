//! The "Access tracking" view: credentials, bucket, status switch, errors, request log.

mod bucket_card;
mod credentials_card;
mod error_panel;
pub mod flow;
mod request_log;
pub mod state;
mod status_card;

use crate::services::session;
use bucket_card::BucketCard;
use console_core::oss::access_monitor::AccessMonitorStatus;
use credentials_card::CredentialsCard;
use error_panel::ErrorPanel;
use request_log::RequestLog;
use state::TrackingState;
use status_card::StatusCard;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

#[function_component(TrackingView)]
pub fn tracking_view() -> Html {
    let state = use_reducer(|| TrackingState::initial(session::recall()));
    // Guards against a second click landing before the busy state re-renders.
    let in_flight = use_mut_ref(|| Rc::new(Cell::new(false)));

    // Per-tab memory only when asked for; otherwise make sure nothing lingers.
    {
        let creds = state.credentials();
        use_effect_with((creds, state.remember), |(creds, remember)| {
            if *remember && !creds.access_key_id.is_empty() {
                session::remember(creds);
            } else {
                session::forget();
            }
        });
    }

    let run = {
        let (state, in_flight) = (state.clone(), in_flight.borrow().clone());
        move |desired: Option<AccessMonitorStatus>| {
            if in_flight.get() || !state.idle() {
                return;
            }
            in_flight.set(true);
            let (snapshot, dispatch, in_flight) = ((*state).clone(), state.dispatcher(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match desired {
                    None => flow::refresh(snapshot, dispatch).await,
                    Some(d) => flow::switch(snapshot, d, dispatch).await,
                }
                in_flight.set(false);
            });
        }
    };
    let on_refresh = {
        let run = run.clone();
        Callback::from(move |_| run(None))
    };
    let on_switch = Callback::from(move |d| run(Some(d)));

    html! {
        <div class="tracking">
            <h2>{ "Access tracking" }</h2>
            <p class="hint">{ "Read and switch a bucket's access tracking (GetBucketAccessMonitor / PutBucketAccessMonitor). Requests are signed here with OSS Signature V4 and go only to the endpoint below." }</p>
            <div class="tracking-grid">
                <div>
                    <CredentialsCard state={state.clone()} />
                    <BucketCard state={state.clone()} />
                </div>
                <div>
                    <StatusCard status={state.status} busy={state.busy.clone()} {on_refresh} {on_switch} />
                    if let Some(e) = &state.last_error { <ErrorPanel error={e.clone()} /> }
                    if let Some(id) = &state.last_request_id {
                        <p class="hint">{ "Last request ID: " }<code data-testid="last-request-id">{ id.clone() }</code></p>
                    }
                    <RequestLog entries={state.log.clone()} />
                </div>
            </div>
        </div>
    }
}
