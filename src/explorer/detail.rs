//! The selected event: its full JSON, pretty-printed, with copy; its field values are links
//! into filters.

use super::state::Detail;
use crate::services::clipboard;
use console_core::trail::store::Field;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub event_id: String,
    pub detail: Option<Detail>,
    pub on_filter: Callback<(Field, String, bool)>,
    pub on_close: Callback<()>,
}

#[function_component(EventDetail)]
pub fn event_detail(p: &Props) -> Html {
    let copied = use_state(|| false);
    {
        let copied = copied.clone();
        use_effect_with(p.event_id.clone(), move |_| copied.set(false));
    }
    let close = {
        let cb = p.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let body = match &p.detail {
        None => html! { <p class="hint" role="status">{ "Reading the event from its file…" }</p> },
        Some(d) => {
            let fields = d.fields.iter().map(|(f, v)| {
                let include = {
                    let (cb, f, v) = (p.on_filter.clone(), *f, v.clone());
                    Callback::from(move |e: MouseEvent| cb.emit((f, v.clone(), e.alt_key())))
                };
                html! {
                    <li>
                        <span class="label">{ f.label() }</span>
                        <button type="button" class="link" onclick={include} data-testid="detail-filter"
                                data-field={f.key()} data-value={v.clone()} title={format!("Show only {} = {v} (Alt-click: hide)", f.label())}>
                            { v.clone() }
                        </button>
                    </li>
                }
            });
            let json = match &d.json {
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
