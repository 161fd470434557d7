//! The active filters as removable chips, and "clear all".

use super::state::Action;
use crate::widgets::format::{ellipsis, utc, SHOWN_CHARS};
use console_core::trail::query::Filter;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub filter: Filter,
    pub on_action: Callback<Action>,
}

#[function_component(FilterChips)]
pub fn filter_chips(p: &Props) -> Html {
    let f = &p.filter;
    let mut chips: Vec<(String, Box<dyn Fn() -> Action>)> = Vec::new();
    for exclude in [false, true] {
        let list = if exclude { &f.exclude } else { &f.include };
        for (field, values) in list {
            for v in values {
                let shown = if v.is_empty() { "(none)".to_string() } else { ellipsis(v, SHOWN_CHARS) };
                let (field, value) = (*field, v.clone());
                chips.push((
                    format!("{} {} {}", field.label(), if exclude { "≠" } else { "=" }, shown),
                    Box::new(move || Action::RemoveValue { field, value: value.clone(), exclude }),
                ));
            }
        }
    }
    if f.from_ms.is_some() || f.to_ms.is_some() {
        let label = format!(
            "Time {} → {}",
            f.from_ms.map(utc).unwrap_or_else(|| "…".into()),
            f.to_ms.map(utc).unwrap_or_else(|| "…".into())
        );
        chips.push((label, Box::new(|| Action::ClearRange)));
    }
    if !f.text.is_empty() {
        chips.push((format!("Text “{}”", ellipsis(&f.text, SHOWN_CHARS)), Box::new(|| Action::ClearText)));
    }
    if f.errors_only {
        chips.push(("Errors only".into(), Box::new(|| Action::TogglePreset(super::state::Preset::ErrorsOnly))));
    }
    if f.sensitive_only {
        chips.push((
            "Sensitive operations".into(),
            Box::new(|| Action::TogglePreset(super::state::Preset::SensitiveOnly)),
        ));
    }
    let clear = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::ClearFilters))
    };
    html! {
        <div class="chips" data-testid="filter-chips" aria-label="Active filters">
            { for chips.into_iter().map(|(label, action)| {
                let cb = p.on_action.clone();
                let onclick = Callback::from(move |_: MouseEvent| cb.emit(action()));
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
