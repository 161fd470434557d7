//! The selected event: its full JSON, pretty-printed, with copy; its field values are links
//! into filters.

use super::state::{Action, Detail};
use crate::services::clipboard;
use crate::widgets::bucket_link::BucketLink;
use crate::widgets::format::{ellipsis, SHOWN_CHARS};
use console_core::trail::store::Field;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub event_id: String,
    pub detail: Option<Detail>,
    /// Gets `ToggleValue` (a field value clicked) and `Select(None)` (close).
    pub on_action: Callback<Action>,
}

#[function_component(EventDetail)]
pub fn event_detail(p: &Props) -> Html {
    let copied = use_state(|| false);
    {
        let copied = copied.clone();
        use_effect_with(p.event_id.clone(), move |_| copied.set(false));
    }
    let close = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::Select(None)))
    };
    let body = match &p.detail {
        None => html! { <p class="hint" role="status">{ "Reading the event from its file…" }</p> },
        Some(d) => {
            let fields = d.result.as_ref().map(|ok| ok.fields.clone()).unwrap_or_default();
            let region = fields.iter().find(|(f, _)| *f == Field::AcsRegion).map(|(_, v)| v.clone());
            let fields = fields.into_iter().map(|(f, v)| {
                let include = {
                    let (cb, v) = (p.on_action.clone(), v.clone());
                    Callback::from(move |e: MouseEvent| {
                        cb.emit(Action::ToggleValue { field: f, value: v.clone(), exclude: e.alt_key() })
                    })
                };
                html! {
                    <li>
                        <span class="label">{ f.label() }</span>
                        <button type="button" class="link" onclick={include} data-testid="detail-filter"
                                data-field={f.key()} data-value={v.clone()} title={format!("Show only {} = {v} (Alt-click: hide)", f.label())}>
                            { ellipsis(&v, SHOWN_CHARS) }
                        </button>
                        if f == Field::Bucket { { " " }<BucketLink bucket={v.clone()} region={region.clone()} /> }
                    </li>
                }
            });
            let json = match d.result.as_ref().map(|ok| &ok.json) {
                Ok(j) => {
                    let copy = {
                        let (j, copied) = (j.clone(), copied.clone());
                        Callback::from(move |_: MouseEvent| {
                            clipboard::copy(&j);
                            copied.set(true);
                        })
                    };
                    html! {
                        <>
                            <button type="button" onclick={copy} data-testid="copy-event-json">{ if *copied { "Copied" } else { "Copy JSON" } }</button>
                            <pre class="json" data-testid="event-detail-json" tabindex="0">{ j.clone() }</pre>
                        </>
                    }
                }
                Err(e) => {
                    html! { <p class="bad-text" role="alert">{ format!("The event could not be read from its file: {e}") }</p> }
                }
            };
            html! { <><ul class="detail-fields">{ for fields }</ul>{ json }</> }
        }
    };
    html! {
        <aside class="card detail" data-testid="event-detail" data-event-id={p.event_id.clone()} aria-label="Event detail">
            <div class="detail-head">
                <h3>{ "Event " }<code>{ p.event_id.clone() }</code></h3>
                <button type="button" onclick={close} aria-label="Close detail (Esc)" data-testid="close-detail">{ "×" }</button>
            </div>
            { body }
        </aside>
    }
}
