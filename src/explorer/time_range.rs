//! The time range, set from the keyboard: From and To typed in UTC or, when the person picks it,
//! in the browser's local time (a day, a minute or a second), and presets (the last hour, 24
//! hours, 7 days, or every loaded event). The histogram's drag sets the same range.

use super::state::Action;
use crate::i18n::{use_lang, Key, Tr};
use crate::services::{clock, storage};
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

/// Whether a typed time names its zone: `Z` or an offset (`+08:00`, `-0530`) after the time.
fn names_zone(s: &str) -> bool {
    match s.trim().split_once(['T', 't', ' ']) {
        Some((_, time)) => time.ends_with(['Z', 'z']) || time.contains(['+', '-']),
        None => false,
    }
}

/// Where the choice of local time is remembered (not a secret).
const LOCAL_PREF: &str = "oss-console.range-local";

#[function_component(TimeRange)]
pub fn time_range(p: &Props) -> Html {
    let lang = use_lang();
    let local = use_state(|| storage::get_pref(LOCAL_PREF).as_deref() == Some("1"));
    let shown = move |local: bool, ms: Option<i64>| {
        ms.map(|ms| if local { utc(ms + clock::local_offset_ms(ms)) } else { utc(ms) }).unwrap_or_default()
    };
    let from = use_state(|| shown(*local, p.from_ms));
    let to = use_state(|| shown(*local, p.to_ms));
    let bad = use_state(|| false);
    // The fields follow the range when it changes elsewhere (the histogram, a chip, a link), and
    // the zone when it is switched.
    {
        let (from, to, bad) = (from.clone(), to.clone(), bad.clone());
        use_effect_with((p.from_ms, p.to_ms, *local), move |(f, t, local)| {
            from.set(shown(*local, *f));
            to.set(shown(*local, *t));
            bad.set(false);
        });
    }
    let on_local = {
        let local = local.clone();
        Callback::from(move |_: Event| {
            storage::set_pref(LOCAL_PREF, if *local { "0" } else { "1" });
            local.set(!*local);
        })
    };
    let zone = if *local {
        lang.t(Key::LocalZone(&clock::offset_text(clock::local_offset_ms(clock::now_ms()))))
    } else {
        "UTC".into()
    };
    let typed = |field: &UseStateHandle<String>| {
        let field = field.clone();
        Callback::from(move |e: InputEvent| field.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let apply = {
        let (from, to, bad, cb, local) = (from.clone(), to.clone(), bad.clone(), p.on_action.clone(), *local);
        move || {
            let parse = |s: &str| -> Result<Option<i64>, ()> {
                if s.trim().is_empty() {
                    return Ok(None);
                }
                let wall = parse_typed_utc(s).ok_or(())?;
                // A time that names its zone (`Z`, `+08:00`) means that instant in either mode.
                Ok(Some(if local && !names_zone(s) { clock::from_local_wall(wall) } else { wall }))
            };
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
        <div class="row time-range" role="group" aria-label={lang.t(Key::TimeRangeLabel(&zone))} data-testid="time-range"
             data-zone={if *local { "local" } else { "utc" }}>
            <label class="inline">{ lang.t(Key::RangeFrom(&zone)) }
                <input value={(*from).clone()} oninput={typed(&from)} onkeydown={onkeydown.clone()} placeholder="2025-11-01 08:00"
                       spellcheck="false" data-testid="range-from" aria-invalid={bad.to_string()} size="16" />
            </label>
            <label class="inline">{ lang.t(Key::RangeTo(&zone)) }
                <input value={(*to).clone()} oninput={typed(&to)} {onkeydown} placeholder="2025-11-02"
                       spellcheck="false" data-testid="range-to" aria-invalid={bad.to_string()} size="16" />
            </label>
            <button type="button" onclick={on_apply} data-testid="range-apply">{ lang.t(Key::RangeApply) }</button>
            <button type="button" onclick={preset(Some(1))} data-testid="range-last-hour">{ lang.t(Key::RangeLastHour) }</button>
            <button type="button" onclick={preset(Some(24))} data-testid="range-last-day">{ lang.t(Key::RangeLastDay) }</button>
            <button type="button" onclick={preset(Some(24 * 7))} data-testid="range-last-week">{ lang.t(Key::RangeLastWeek) }</button>
            <button type="button" onclick={preset(None)} data-testid="range-all">{ lang.t(Key::RangeAll) }</button>
            <label class="inline">
                <input type="checkbox" checked={*local} onchange={on_local} data-testid="range-local" />
                { lang.t(Key::RangeLocal) }
            </label>
            if *bad {
                <span class="bad-text" role="status" data-testid="range-error">{ lang.t(Key::RangeBad) }</span>
            }
        </div>
    }
}
