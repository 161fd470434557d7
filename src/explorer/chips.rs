//! The active filters as removable chips, and "clear all".

use super::state::{Action, Preset};
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::format::{ellipsis, utc, SHOWN_CHARS};
use console_core::trail::query::Filter;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub filter: Filter,
    pub on_action: Callback<Action>,
}

/// One chip: its words, what kind it is (`data-chip`, for tests), and the action that removes it.
type Chip = (String, &'static str, Box<dyn Fn() -> Action>);

#[function_component(FilterChips)]
pub fn filter_chips(p: &Props) -> Html {
    let lang = use_lang();
    let f = &p.filter;
    let mut chips: Vec<Chip> = Vec::new();
    for exclude in [false, true] {
        let list = if exclude { &f.exclude } else { &f.include };
        for (field, values) in list {
            for v in values {
                let shown = if v.is_empty() { lang.t(Key::NoneValue) } else { ellipsis(v, SHOWN_CHARS) };
                let (field, value) = (*field, v.clone());
                chips.push((
                    lang.t(Key::ChipValue { field: field.label(lang), exclude, value: &shown }),
                    if exclude { "exclude" } else { "include" },
                    Box::new(move || Action::RemoveValue { field, value: value.clone(), exclude }),
                ));
            }
        }
    }
    if f.from_ms.is_some() || f.to_ms.is_some() {
        let open = || "…".to_string();
        let label = lang.t(Key::ChipTime {
            from: &f.from_ms.map(utc).unwrap_or_else(open),
            to: &f.to_ms.map(utc).unwrap_or_else(open),
        });
        chips.push((label, "time", Box::new(|| Action::ClearRange)));
    }
    if !f.text.is_empty() {
        chips.push((lang.t(Key::ChipText(&ellipsis(&f.text, SHOWN_CHARS))), "text", Box::new(|| Action::ClearText)));
    }
    if f.errors_only {
        chips.push((lang.t(Key::ErrorsOnly), "errors", Box::new(|| Action::TogglePreset(Preset::ErrorsOnly))));
    }
    if f.sensitive_only {
        chips.push((lang.t(Key::SensitiveOnly), "sensitive", Box::new(|| Action::TogglePreset(Preset::SensitiveOnly))));
    }
    let clear = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::ClearFilters))
    };
    html! {
        <div class="chips" role="group" data-testid="filter-chips" aria-label={lang.t(Key::ActiveFilters)}>
            { for chips.into_iter().map(|(label, kind, action)| {
                let cb = p.on_action.clone();
                let onclick = Callback::from(move |_: MouseEvent| cb.emit(action()));
                html! {
                    <span class="chip" data-chip={kind}>
                        { label.clone() }
                        <button type="button" {onclick} aria-label={lang.t(Key::RemoveFilter(&label))}>{ "×" }</button>
                    </span>
                }
            }) }
            if !f.is_empty() {
                <button type="button" class="link" onclick={clear} data-testid="clear-filters">{ lang.t(Key::ClearAllFilters) }</button>
            }
        </div>
    }
}
