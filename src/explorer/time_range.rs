//! The time range, set from the keyboard: From and To typed in UTC (a day, a minute or a second),
//! and presets (the last hour, 24 hours, 7 days, or every loaded event). The histogram's drag
//! sets the same range.

use super::state::Action;
use crate::i18n::{use_lang, Key, Tr};
use crate::services::clock;
use crate::widgets::format::utc;
use console_core::time::parse_typed_utc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    pub on_action: Callback<Action>,
}

const HOUR: i64 = 3_600_000;

#[function_component(TimeRange)]
pub fn time_range(p: &Props) -> Html {
    let lang = use_lang();
    let shown = |ms: Option<i64>| ms.map(utc).unwrap_or_default();
    let from = use_state(|| shown(p.from_ms));
    let to = use_state(|| shown(p.to_ms));
    let bad = use_state(|| false);
    // The fields follow the range when it changes elsewhere (the histogram, a chip, a link).
    {
        let (from, to, bad) = (from.clone(), to.clone(), bad.clone());
        use_effect_with((p.from_ms, p.to_ms), move |(f, t)| {
            from.set(shown(*f));
            to.set(shown(*t));
            bad.set(false);
        });
    }
    let typed = |field: &UseStateHandle<String>| {
        let field = field.clone();
        Callback::from(move |e: InputEvent| field.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let apply = {
        let (from, to, bad, cb) = (from.clone(), to.clone(), bad.clone(), p.on_action.clone());
        move || {
            let parse = |s: &str| if s.trim().is_empty() { Ok(None) } else { parse_typed_utc(s).map(Some).ok_or(()) };
            match (parse(&from), parse(&to)) {
                (Ok(from), Ok(to)) => {
                    bad.set(false);
                    // An empty end is open: the loaded events' edge.
                    cb.emit(Action::SetTypedRange { from, to });
                }
                _ => bad.set(true),
            }
        }
    };
    let onkeydown = {
        let apply = apply.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                apply();
            }
        })
    };
    let on_apply = Callback::from(move |_: MouseEvent| apply());
    let preset = |hours: Option<i64>| {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| match hours {
            Some(h) => {
                let now = clock::now_ms();
                cb.emit(Action::SetRange(now - h * HOUR, now));
            }
            None => cb.emit(Action::ClearRange),
        })
    };
    html! {
        <div class="row time-range" role="group" aria-label={lang.t(Key::TimeRangeLabel)} data-testid="time-range">
            <label class="inline">{ lang.t(Key::RangeFrom) }
                <input value={(*from).clone()} oninput={typed(&from)} onkeydown={onkeydown.clone()} placeholder="2025-11-01 08:00"
                       spellcheck="false" data-testid="range-from" aria-invalid={bad.to_string()} size="16" />
            </label>
            <label class="inline">{ lang.t(Key::RangeTo) }
                <input value={(*to).clone()} oninput={typed(&to)} {onkeydown} placeholder="2025-11-02"
                       spellcheck="false" data-testid="range-to" aria-invalid={bad.to_string()} size="16" />
            </label>
            <button type="button" onclick={on_apply} data-testid="range-apply">{ lang.t(Key::RangeApply) }</button>
            <button type="button" onclick={preset(Some(1))} data-testid="range-last-hour">{ lang.t(Key::RangeLastHour) }</button>
            <button type="button" onclick={preset(Some(24))} data-testid="range-last-day">{ lang.t(Key::RangeLastDay) }</button>
            <button type="button" onclick={preset(Some(24 * 7))} data-testid="range-last-week">{ lang.t(Key::RangeLastWeek) }</button>
            <button type="button" onclick={preset(None)} data-testid="range-all">{ lang.t(Key::RangeAll) }</button>
            if *bad {
                <span class="bad-text" role="status" data-testid="range-error">{ lang.t(Key::RangeBad) }</span>
            }
        </div>
    }
}
