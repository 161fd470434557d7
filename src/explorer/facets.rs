//! Breakdowns per field: top values with counts; click keeps only a value (OR within a field),
//! the − button or Alt-click excludes it; "show more" lists more values.
//!
//! Each card is one tab stop: the arrow keys (and Home, End) move between its controls, and Tab
//! leaves for the next card, coming back to the control last used.

use super::state::Action;
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::bucket_link::BucketLink;
use crate::widgets::format::{count, ellipsis, SHOWN_CHARS};
use crate::widgets::identity_link::{self, IdentityLink};
use console_core::trail::query::{Facet, Filter, QueryResult};
use console_core::trail::store::Field;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Arrow keys inside a card: move focus to the previous or next control, and make it the card's
/// one tab stop (a roving tabindex, kept in the page, not in the model).
fn rove(e: KeyboardEvent) {
    let step: i64 = match e.key().as_str() {
        "ArrowDown" | "ArrowRight" => 1,
        "ArrowUp" | "ArrowLeft" => -1,
        "Home" => i64::MIN / 2,
        "End" => i64::MAX / 2,
        _ => return,
    };
    // Yew delegates events from its root: the card is found from the key's target.
    let card = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("section.facet").ok().flatten());
    let Some(card) = card else { return };
    let Ok(list) = card.query_selector_all("button, a[href]") else { return };
    let controls: Vec<web_sys::HtmlElement> =
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect();
    let active = gloo::utils::document().active_element();
    let Some(at) = controls.iter().position(|c| active.as_ref().is_some_and(|a| a == c.as_ref() as &web_sys::Element))
    else {
        return;
    };
    e.prevent_default();
    let to = (at as i64).saturating_add(step).clamp(0, controls.len() as i64 - 1) as usize;
    for c in &controls {
        c.set_tab_index(-1);
    }
    controls[to].set_tab_index(0);
    let _ = controls[to].focus();
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The query whose facets these are (shared: compared by pointer first).
    pub result: Rc<QueryResult>,
    pub filter: Filter,
    pub expanded: Vec<Field>,
    pub on_action: Callback<Action>,
}

/// Values shown before "show more".
pub const SHOWN: usize = 8;

#[derive(Properties, PartialEq)]
struct CardProps {
    facet: Facet,
    /// This field's included and excluded values (the rest of the filter does not matter here).
    included: Vec<String>,
    excluded: Vec<String>,
    expanded: bool,
    on_action: Callback<Action>,
}

/// One field's card: re-rendered only when its own values or filter change.
#[function_component(FacetCard)]
fn facet_card(p: &CardProps) -> Html {
    let lang = use_lang();
    // The card keeps one tab stop: after a render that removed the control holding it (the
    // arrows moved it there), its first value takes it again.
    let card = use_node_ref();
    {
        let card = card.clone();
        use_effect(move || {
            if let Some(el) = card.cast::<web_sys::Element>() {
                let has_stop = el.query_selector("[tabindex='0']").ok().flatten().is_some();
                if !has_stop {
                    if let Some(first) = el
                        .query_selector(".facet-include")
                        .ok()
                        .flatten()
                        .and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        first.set_tab_index(0);
                    }
                }
            }
        });
    }
    let facet = &p.facet;
    let expanded = p.expanded;
    let limit = if expanded { usize::MAX } else { SHOWN };
    let max = facet.top.first().map(|v| v.count).unwrap_or(1).max(1);
    let field = facet.field;
    let hidden = facet.top.len().saturating_sub(limit) as u64 + facet.distinct.saturating_sub(facet.top.len() as u64);
    let items = facet.top.iter().take(limit).enumerate().map(|(i, v)| {
        // The card's tab stop until the arrows move it: its first value.
        let tabindex = if i == 0 { "0" } else { "-1" };
        let included = p.included.contains(&v.value);
        let excluded = p.excluded.contains(&v.value);
        let label = if v.value.is_empty() { lang.t(Key::NoneValue) } else { ellipsis(&v.value, SHOWN_CHARS) };
        let include = {
            let (cb, value) = (p.on_action.clone(), v.value.clone());
            Callback::from(move |e: MouseEvent| {
                cb.emit(Action::ToggleValue { field, value: value.clone(), exclude: e.alt_key() })
            })
        };
        let exclude = {
            let (cb, value) = (p.on_action.clone(), v.value.clone());
            Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleValue { field, value: value.clone(), exclude: true }))
        };
        let pct = v.count as f64 / max as f64 * 100.0;
        html! {
            // Keyed by value: when the counts reorder the values, their nodes move instead of each
            // being rewritten with another value's attributes.
            <li key={v.value.clone()} class={classes!("facet-value", included.then_some("included"), excluded.then_some("excluded"))}>
                <button type="button" class="facet-include" onclick={include} data-value={v.value.clone()} {tabindex}
                        data-count={v.count.to_string()} aria-pressed={included.to_string()}
                        title={lang.t(Key::FacetIncludeTitle(&label))}>
                    <span class="facet-bar" style={format!("width:{pct:.1}%")} />
                    <span class="facet-label">{ label.clone() }</span>
                    <span class="facet-count">{ count(lang, v.count) }</span>
                </button>
                <button type="button" class="facet-exclude" onclick={exclude} aria-pressed={excluded.to_string()} tabindex="-1"
                        aria-label={lang.t(Key::FacetHide(&label))} title={lang.t(Key::FacetHide(&label))} data-exclude={v.value.clone()}>{ "−" }</button>
                if field == Field::Bucket && !v.value.is_empty() {
                    <BucketLink bucket={v.value.clone()} region={v.region.clone()} in_group=true />
                }
                if identity_link::links(field) && !v.value.is_empty() {
                    <IdentityLink {field} value={v.value.clone()} in_group=true compact=true />
                }
            </li>
        }
    });
    let more = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleExpanded(field)))
    };
    html! {
        <section ref={card} class="card facet" data-testid={format!("facet-{}", field.key())} aria-labelledby={format!("facet-title-{}", field.key())}
                 onkeydown={Callback::from(rove)} aria-describedby="facet-keys">
            <h3 id={format!("facet-title-{}", field.key())}>{ field.label(lang) }<span class="hint">{ format!(" · {}", count(lang, facet.distinct)) }</span></h3>
            <ul>{ for items }</ul>
            if hidden > 0 || expanded {
                <button type="button" class="link" onclick={more} data-testid={format!("facet-more-{}", field.key())} tabindex="-1"
                        aria-expanded={expanded.to_string()}>
                    { if expanded { lang.t(Key::ShowFewer) } else { lang.t(Key::ShowMore(&count(lang, hidden))) } }
                </button>
            }
        </section>
    }
}

#[function_component(Facets)]
pub fn facets(p: &Props) -> Html {
    let values = |list: &Vec<(Field, Vec<String>)>, f: Field| -> Vec<String> {
        list.iter().filter(|(x, _)| *x == f).flat_map(|(_, vs)| vs.iter().cloned()).collect()
    };
    let lang = use_lang();
    html! {
        <div class="facets">
            <p id="facet-keys" class="visually-hidden">{ lang.t(Key::FacetKeys) }</p>
            { for p.result.facets.iter().map(|f| html! {
                <FacetCard key={f.field.key()} facet={f.clone()} included={values(&p.filter.include, f.field)}
                           excluded={values(&p.filter.exclude, f.field)} expanded={p.expanded.contains(&f.field)}
                           on_action={p.on_action.clone()} />
            }) }
        </div>
    }
}
