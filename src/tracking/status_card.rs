//! Enabled / Disabled, the switch, and Refresh.

use console_core::oss::access_monitor::AccessMonitorStatus;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub status: Option<AccessMonitorStatus>,
    pub busy: Option<&'static str>,
    pub on_refresh: Callback<()>,
    pub on_switch: Callback<AccessMonitorStatus>,
}

#[function_component(StatusCard)]
pub fn status_card(p: &Props) -> Html {
    let text = p.status.map(|s| s.as_str()).unwrap_or("Unknown");
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
    html! {
        <section class="card status-card" aria-labelledby="status-title" aria-busy={busy.to_string()}>
            <h3 id="status-title">{ "Access tracking" }</h3>
            <div class="status-row">
                <span class={class} data-testid="tracking-status" aria-live="polite">{ text }</span>
                <button type="button" role="switch" class="switch" aria-checked={checked.to_string()}
                        aria-label="Access tracking" data-testid="tracking-toggle"
                        disabled={busy || p.status.is_none()} onclick={switch}
                        title={if p.status.is_none() { "Read the status first" } else if checked { "Turn access tracking off" } else { "Turn access tracking on" }}>
                    <span class="knob" />
                </button>
                <button type="button" onclick={refresh} disabled={busy} data-testid="tracking-refresh">{ "Read status" }</button>
                if let Some(b) = p.busy {
                    <span class="spinner" role="status" data-testid="tracking-busy">{ b }</span>
                }
            </div>
            <p class="hint">{ "When enabled, OSS records each object's last access time, which lifecycle rules can use (e.g. move objects not read for 30 days to IA storage)." }</p>
        </section>
    }
}
