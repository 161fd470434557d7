//! The selected event: its full JSON, pretty-printed, with copy; its field values are links
//! into filters.

use super::state::{Action, Detail};
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::bucket_link::BucketLink;
use crate::widgets::copy_button::CopyButton;
use crate::widgets::format::{ellipsis, SHOWN_CHARS};
use crate::widgets::identity_link::{self, IdentityLink};
use console_core::i18n::Msg;
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
    let lang = use_lang();
    // A selected event's detail comes into view (a link from another view, a row far below).
    let section = use_node_ref();
    {
        let section = section.clone();
        use_effect_with(p.event_id.clone(), move |_| {
            if let Some(el) = section.cast::<web_sys::Element>() {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    }
    let close = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::Select(None)))
    };
    let body = match &p.detail {
        None => html! { <p class="hint">{ lang.t(Key::DetailReading) }</p> },
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
                        <span class="label">{ f.label(lang) }</span>
                        <button type="button" class="link" onclick={include} data-testid="detail-filter"
                                data-field={f.key()} data-value={v.clone()} title={lang.t(Key::DetailFilterTitle { field: f.label(lang), value: &v })}>
                            { ellipsis(&v, SHOWN_CHARS) }
                        </button>
                        if f == Field::Bucket { { " " }<BucketLink bucket={v.clone()} region={region.clone()} /> }
                        if identity_link::links(f) { { " " }<IdentityLink field={f} value={v.clone()} /> }
                    </li>
                }
            });
            let json = match d.result.as_ref().map(|ok| &ok.json) {
                Ok(j) => html! {
                    <>
                        <CopyButton text={j.clone()} label={lang.t(Key::CopyJson)} testid="copy-event-json" />
                        <pre class="json" data-testid="event-detail-json" tabindex="0" aria-label={lang.t(Key::EventJson)}>{ j.clone() }</pre>
                    </>
                },
                Err(e) => html! {
                    <p class="bad-text" data-testid="event-detail-error">{ lang.t(Key::DetailUnreadable(&lang.text(&Msg::Detail(e)))) }</p>
                },
            };
            html! { <><ul class="detail-fields">{ for fields }</ul>{ json }</> }
        }
    };
    html! {
        // A section, not an aside: it belongs to the events view's main content.
        <section ref={section} class="card detail" data-testid="event-detail" data-event-id={p.event_id.clone()} aria-labelledby="detail-title">
            <div class="detail-head">
                <h3 id="detail-title">{ lang.t(Key::DetailTitle) }<code>{ p.event_id.clone() }</code></h3>
                <button type="button" onclick={close} aria-label={lang.t(Key::CloseDetail)} data-testid="close-detail">{ "×" }</button>
            </div>
            { body }
        </section>
    }
}
