//! The active filters as removable chips, and "clear all".

use crate::widgets::format::utc;
use console_core::trail::query::Filter;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub filter: Filter,
    pub on_change: Callback<Filter>,
}

#[function_component(FilterChips)]
pub fn filter_chips(p: &Props) -> Html {
    let f = &p.filter;
    let mut chips: Vec<(String, Filter)> = Vec::new();
    for exclude in [false, true] {
        let list = if exclude { &f.exclude } else { &f.include };
        for (field, values) in list {
            for v in values {
                let mut next = f.clone();
                next.remove(*field, v, exclude);
                let shown = if v.is_empty() { "(none)" } else { v };
                chips.push((format!("{} {} {}", field.label(), if exclude { "≠" } else { "=" }, shown), next));
            }
        }
    }
    if f.from_ms.is_some() || f.to_ms.is_some() {
        let next = Filter { from_ms: None, to_ms: None, ..f.clone() };
        let label = format!(
            "Time {} → {}",
            f.from_ms.map(utc).unwrap_or_else(|| "…".into()),
            f.to_ms.map(utc).unwrap_or_else(|| "…".into())
        );
        chips.push((label, next));
    }
    if !f.text.is_empty() {
        chips.push((format!("Text “{}”", f.text), Filter { text: String::new(), ..f.clone() }));
    }
    if f.errors_only {
        chips.push(("Errors only".into(), Filter { errors_only: false, ..f.clone() }));
    }
    if f.sensitive_only {
        chips.push(("Sensitive operations".into(), Filter { sensitive_only: false, ..f.clone() }));
    }
    let clear = {
        let cb = p.on_change.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Filter::default()))
    };
    html! {
        <div class="chips" data-testid="filter-chips" aria-label="Active filters">
            { for chips.into_iter().map(|(label, next)| {
                let cb = p.on_change.clone();
                let onclick = Callback::from(move |_: MouseEvent| cb.emit(next.clone()));
                html! {
                    <span class="chip">
                        { label.clone() }
                        <button type="button" {onclick} aria-label={format!("Remove filter {label}")}>{ "×" }</button>
                    </span>
                }
            }) }
            if !f.is_empty() {
                <button type="button" class="link" onclick={clear} data-testid="clear-filters">{ "Clear all filters" }</button>
            }
        </div>
    }
}
