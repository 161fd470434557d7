//! The "Access tracking" view: credentials, bucket, status switch, lifecycle rules, errors,
//! request log. Renders the screen's model (`console_core::screens::tracking`) and sends it the
//! person's intents; `flow` runs its commands. No decision lives here.

mod bucket_card;
mod cold_card;
mod credentials_card;
mod error_panel;
pub mod flow;
mod history_card;
mod lifecycle_card;
mod lifecycle_editor;
mod request_log;
mod status_card;

use crate::credentials::use_credentials;
use crate::i18n::{use_lang, Key, Tr};
use crate::route::TrackingLink;
use crate::screen::Sends;
use crate::widgets::announcer::use_announcer;
use crate::widgets::confirm_endpoint::ConfirmEndpoint;
use bucket_card::BucketCard;
use cold_card::ColdCard;
use console_core::i18n::Lang;
use console_core::oss::access_monitor::AccessMonitorStatus;
use console_core::oss::session::Intent;
use console_core::screens::lifecycle::{Event as EditorEvent, Prefill, Stage};
use console_core::screens::tracking::{Event, Field, Tracking};
use credentials_card::CredentialsCard;
use error_panel::ErrorPanel;
use history_card::HistoryCard;
use lifecycle_card::LifecycleCard;
use lifecycle_editor::LifecycleEditor;
use request_log::RequestLog;
use status_card::StatusCard;
use yew::prelude::*;

/// The tracking view's bucket place, read by the views that call OSS with its endpoint override
/// and addressing style (the many-buckets view). The tracking view writes it as it renders.
#[derive(Clone, Default)]
pub struct SharedPlace(pub std::rc::Rc<std::cell::RefCell<console_core::oss::place::BucketPlace>>);

impl PartialEq for SharedPlace {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// A bucket named in the URL (from the explorer's "Access tracking for this bucket").
    pub link: TrackingLink,
}

#[function_component(TrackingView)]
pub fn tracking_view(p: &Props) -> Html {
    let lang = use_lang();
    let creds = use_credentials();
    let announcer = use_announcer();
    let screen = flow::use_screen(creds.clone(), announcer.clone(), lang);
    let editor = lifecycle_editor::use_editor(screen.clone(), announcer, lang);
    let t = screen.now();
    // The place, for the many-buckets view (it reads it when a run starts).
    {
        let shared = use_context::<SharedPlace>();
        use_effect_with(t.place.clone(), move |place| {
            if let Some(shared) = shared {
                *shared.0.borrow_mut() = place.clone();
            }
        });
    }

    {
        let screen = screen.clone();
        use_effect_with(p.link.clone(), move |link| {
            if let Some(bucket) = &link.bucket {
                screen.send(Event::OpenBucket { bucket: bucket.clone(), region: link.region.clone() });
                // A link lands at the top of the view: the bucket, its status and its history,
                // not wherever the page it came from was scrolled to.
                if let Some(w) = web_sys::window() {
                    w.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
        });
    }
    // Another bucket (or endpoint, or region) in the form: the editor's configuration is not
    // that bucket's, so it closes (a write always goes to the bucket it was opened on).
    {
        let editor = editor.clone();
        use_effect_with(t.place.clone(), move |_| {
            if editor.now().stage != Stage::Closed {
                editor.send(EditorEvent::Close);
            }
        });
    }
    // New credentials: what was read with the old ones may not hold.
    {
        let screen = screen.clone();
        use_effect_with(creds.credentials(), move |_| screen.send(Event::CredentialsChanged));
    }

    let on_refresh = screen.callback(|_: ()| Event::Ask(Intent::Read));
    let on_switch = screen.callback(|d| Event::Ask(Intent::Switch(d)));
    let on_confirm = screen.callback(Event::Confirm);
    let on_edit = screen.callback(Event::Edit);
    let on_clear_log = screen.callback(|_: MouseEvent| Event::ClearLog);
    let on_emulator = screen.callback(|_: ()| Event::UseEmulator);
    let last_request_id = t.log.iter().find_map(|l| l.entry.request_id.clone());
    let tracking_enabled = t.status.map(|s| s == AccessMonitorStatus::Enabled);
    // "Write a rule for this prefix": the editor opens (or, open, starts a new rule) with it.
    let on_rule = {
        let (editor, place) = (editor.clone(), t.place.clone());
        Callback::from(move |prefill: Prefill| {
            let now = editor.now();
            match now.stage {
                Stage::Closed => editor.send(EditorEvent::Open { place: place.clone(), new_rule: Some(prefill) }),
                // A rule already in the form is not replaced: it is shown, to keep or discard.
                Stage::Editing | Stage::Reviewing(_) | Stage::Confirming(_) if now.form.is_none() => {
                    editor.send(EditorEvent::BackToEdit);
                    editor.send(EditorEvent::NewRuleFrom(prefill));
                }
                _ => {}
            }
            if let Some(card) = gloo::utils::document().get_element_by_id("lifecycle-title") {
                card.scroll_into_view();
            }
        })
    };

    let status = html! {
        <>
            if let Some((origin, _)) = &t.confirm {
                <ConfirmEndpoint origin={origin.clone()} access_key_id={creds.credentials().access_key_id} on_answer={on_confirm} />
            }
            if !t.missing.is_empty() {
                <p class="bad-text" data-testid="missing-fields"
                   data-fields={t.missing.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>().join(",")}>
                    { lang.t(Key::MissingFields(&flow::field_names(lang, &t.missing))) }
                </p>
            }
            <StatusCard status={t.status} busy={t.busy} on_refresh={on_refresh.clone()} {on_switch} />
            if let Some(failed) = &t.last_error { <ErrorPanel operation={failed.op} failure={failed.failure.clone()} /> }
        </>
    };
    let form = html! {
        <>
            <CredentialsCard missing={t.missing.clone()} />
            <BucketCard place={t.place.clone()} {on_edit} {on_emulator}
                        missing={place_missing(&t)} />
        </>
    };
    let model = editor.now();
    let lifecycle_open = model.stage != Stage::Closed || model.ended.is_some();
    let on_lifecycle_edit = {
        let (editor, place, on_read, known) =
            (editor.clone(), t.place.clone(), on_refresh.clone(), tracking_enabled.is_some());
        Callback::from(move |_: MouseEvent| {
            editor.send(EditorEvent::Open { place: place.clone(), new_rule: None });
            // Whether tracking is on decides what may be written: read it too when not known.
            if !known {
                on_read.emit(());
            }
        })
    };
    let more = html! {
        <>
            <LifecycleCard lifecycle={t.lifecycle.clone()} open={lifecycle_open} on_edit={on_lifecycle_edit}>
                <LifecycleEditor screen={editor.clone()} {model} {tracking_enabled} />
            </LifecycleCard>
            <ColdCard place={t.place.clone()} {on_rule} />
            <HistoryCard bucket={t.place.bucket.clone()} />
            if let Some(id) = last_request_id {
                <p class="hint">{ lang.t(Key::LastRequestId) }<code data-testid="last-request-id">{ id }</code></p>
            }
            <RequestLog entries={t.log.clone()} on_clear={on_clear_log} />
        </>
    };
    layout(lang, status, form, more)
}

/// The view around its cards: the heading, the status first (at the top on a phone; on a wide
/// screen the form sits to its left), the form, then the rest.
fn layout(lang: Lang, status: Html, form: Html, more: Html) -> Html {
    html! {
        <div class="tracking">
            <h2>{ lang.t(Key::TrackingHeading) }</h2>
            <p class="hint">{ lang.t(Key::TrackingIntro) }</p>
            <div class="tracking-grid">
                <div class="tracking-status">{ status }</div>
                <div class="tracking-form">{ form }</div>
                <div class="tracking-more">{ more }</div>
            </div>
        </div>
    }
}

/// Whether the bucket and the region are among the fields still missing (the bucket card marks
/// them).
fn place_missing(t: &Tracking) -> (bool, bool) {
    (t.missing.contains(&Field::Bucket), t.missing.contains(&Field::Region))
}

/// The view as it is drawn before anything is done in it: the model's defaults, nothing read,
/// the editor closed, no events loaded. The first screen draws this (with the cards' own code)
/// without the calls, the editor and the event engine behind them, so the first load does not
/// carry them; the app replaces it once loaded. The wasm component tests check that the two
/// draw the same page.
#[function_component(FirstTrackingView)]
pub fn first_tracking_view() -> Html {
    let lang = use_lang();
    let t = Tracking::default();
    let status = html! {
        <StatusCard status={t.status} busy={t.busy} on_refresh={Callback::noop()} on_switch={Callback::noop()} />
    };
    let form = html! {
        <>
            <CredentialsCard missing={t.missing.clone()} />
            <BucketCard place={t.place.clone()} on_edit={Callback::noop()} on_emulator={Callback::noop()} missing={place_missing(&t)} />
        </>
    };
    let more = html! {
        <>
            <LifecycleCard lifecycle={t.lifecycle.clone()} open={false} on_edit={Callback::noop()} />
            { cold_card::first_view(lang, &t.place) }
            <history_card::HistoryBody bucket={t.place.bucket.clone()} history={None} loaded={0} />
            <RequestLog entries={t.log.clone()} on_clear={Callback::noop()} />
        </>
    };
    layout(lang, status, form, more)
}
