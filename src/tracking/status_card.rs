//! Enabled / Disabled, the switch, and Refresh.

use crate::i18n::{use_lang, Key, Tr};
use console_core::oss::access_monitor::AccessMonitorStatus;
use console_core::oss::session::Intent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub status: Option<AccessMonitorStatus>,
    /// The call in flight, if any.
    pub busy: Option<Intent>,
    pub on_refresh: Callback<()>,
    pub on_switch: Callback<AccessMonitorStatus>,
}

#[function_component(StatusCard)]
pub fn status_card(p: &Props) -> Html {
    let lang = use_lang();
    let checked = p.status == Some(AccessMonitorStatus::Enabled);
    let busy = p.busy.is_some();
    let refresh = {
        let cb = p.on_refresh.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let switch = {
        let (cb, status) = (p.on_switch.clone(), p.status);
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = status {
                cb.emit(s.toggled());
            }
        })
    };
    let class = match p.status {
        Some(AccessMonitorStatus::Enabled) => "status enabled",
        Some(AccessMonitorStatus::Disabled) => "status disabled",
        None => "status unknown",
    };
    let busy_text = p.busy.map(|i| {
        lang.t(match i {
            Intent::Read => Key::BusyReading,
            Intent::Switch(AccessMonitorStatus::Enabled) => Key::BusyEnabling,
            Intent::Switch(_) => Key::BusyDisabling,
        })
    });
    let title = lang.t(match p.status {
        None => Key::ReadStatusFirst,
        Some(_) if checked => Key::TurnTrackingOff,
        Some(_) => Key::TurnTrackingOn,
    });
    // The result is announced by the page's live region once a call ends, not here.
    html! {
        <section class="card status-card" aria-labelledby="status-title" aria-busy={busy.to_string()}>
            <h3 id="status-title">{ lang.t(Key::TrackingHeading) }</h3>
            <div class="status-row">
                <span class={class} data-testid="tracking-status" data-status={p.status.map(|s| s.as_str()).unwrap_or_default()}>
                    { lang.t(Key::StatusText(p.status)) }
                </span>
                <button type="button" role="switch" class="switch" aria-checked={checked.to_string()}
                        aria-label={lang.t(Key::TrackingHeading)} data-testid="tracking-toggle"
                        disabled={busy || p.status.is_none()} onclick={switch} {title}>
                    <span class="knob" />
                </button>
                <button type="button" onclick={refresh} disabled={busy} data-testid="tracking-refresh">{ lang.t(Key::ReadStatus) }</button>
                if let Some(b) = busy_text {
                    <span class="spinner" data-testid="tracking-busy">{ b }</span>
                }
            </div>
            <p class="hint">{ lang.t(Key::StatusHint) }</p>
        </section>
    }
}
