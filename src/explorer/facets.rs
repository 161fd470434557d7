//! Breakdowns per field: top values with counts; click keeps only a value (OR within a field),
//! the − button or Alt-click excludes it; "show more" lists more values.

use super::state::Action;
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::bucket_link::BucketLink;
use crate::widgets::format::{count, ellipsis, SHOWN_CHARS};
use console_core::trail::query::{Facet, Filter, QueryResult};
use console_core::trail::store::Field;
use std::rc::Rc;
use yew::prelude::*;

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
    let facet = &p.facet;
    let expanded = p.expanded;
    let limit = if expanded { usize::MAX } else { SHOWN };
    let max = facet.top.first().map(|v| v.count).unwrap_or(1).max(1);
    let field = facet.field;
    let hidden = facet.top.len().saturating_sub(limit) as u64 + facet.distinct.saturating_sub(facet.top.len() as u64);
    let items = facet.top.iter().take(limit).map(|v| {
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
            <li class={classes!("facet-value", included.then_some("included"), excluded.then_some("excluded"))}>
                <button type="button" class="facet-include" onclick={include} data-value={v.value.clone()}
                        data-count={v.count.to_string()} aria-pressed={included.to_string()}
                        title={lang.t(Key::FacetIncludeTitle(&label))}>
                    <span class="facet-bar" style={format!("width:{pct:.1}%")} />
                    <span class="facet-label">{ label.clone() }</span>
                    <span class="facet-count">{ count(lang, v.count) }</span>
                </button>
                <button type="button" class="facet-exclude" onclick={exclude} aria-pressed={excluded.to_string()}
                        aria-label={lang.t(Key::FacetHide(&label))} title={lang.t(Key::FacetHide(&label))} data-exclude={v.value.clone()}>{ "−" }</button>
                if field == Field::Bucket && !v.value.is_empty() {
                    <BucketLink bucket={v.value.clone()} region={v.region.clone()} />
                }
            </li>
        }
    });
    let more = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleExpanded(field)))
    };
    html! {
        <section class="card facet" data-testid={format!("facet-{}", field.key())} aria-labelledby={format!("facet-title-{}", field.key())}>
            <h3 id={format!("facet-title-{}", field.key())}>{ field.label(lang) }<span class="hint">{ format!(" · {}", count(lang, facet.distinct)) }</span></h3>
            <ul>{ for items }</ul>
            if hidden > 0 || expanded {
                <button type="button" class="link" onclick={more} data-testid={format!("facet-more-{}", field.key())}
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
    html! {
        <div class="facets">
            { for p.result.facets.iter().map(|f| html! {
                <FacetCard key={f.field.key()} facet={f.clone()} included={values(&p.filter.include, f.field)}
                           excluded={values(&p.filter.exclude, f.field)} expanded={p.expanded.contains(&f.field)}
                           on_action={p.on_action.clone()} />
            }) }
        </div>
    }
}
