//! "From an OSS bucket": name the trail's bucket and a UTC date range, see the plan (files,
//! bytes, expected events per region and day), then load it into the explorer. Uses the page's
//! credentials (typed or pasted in the tracking view).

use super::hooks::EngineBridge;
use super::state::{Action, ExplorerState};
use super::trail_flow;
use super::trail_state::TrailPanel;
use super::trail_state::{region_label, TrailAction, TrailBusy, TrailField, TrailIntent};
use crate::credentials::{use_credentials, CredAction};
use crate::services::clock;
use crate::services::session as tab;
use crate::tracking::flow::page_origin;
use crate::widgets::confirm_endpoint::ConfirmEndpoint;
use crate::widgets::format::{bytes, count};
use console_core::oss::regions::{default_endpoint, REGIONS};
use console_core::oss::request::Addressing;
use console_core::oss::validate;
use console_core::tasks::Cancel;
use console_core::trail::bucket::{Totals, TrailError};
use console_core::trail::bucket_load::LoadEnd;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub panel: TrailPanel,
    pub dispatch: UseReducerDispatcher<ExplorerState>,
    pub bridge: EngineBridge,
    /// Events loaded so far (for the progress line).
    pub events: u64,
}

fn totals_line(t: &Totals) -> String {
    format!("{} files · {} · {} events expected", count(t.files as u64), bytes(t.bytes), count(t.events))
}

#[function_component(TrailSource)]
pub fn trail_source(p: &Props) -> Html {
    let creds = use_credentials();
    // The running list or load's cancel handle (a control, not a copy of state).
    let cancel = use_memo((), |_| RefCell::new(Cancel::new()));
    let t = &p.panel;
    let dispatch = p.dispatch.clone();
    let act = {
        let dispatch = dispatch.clone();
        move |a: TrailAction| dispatch.dispatch(Action::Trail(a))
    };
    let field = |f: TrailField| {
        let act = act.clone();
        Callback::from(move |e: InputEvent| {
            act(TrailAction::Set(f, e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let on_addressing = {
        let act = act.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            act(TrailAction::SetAddressing(if v == "path-style" {
                Addressing::PathStyle
            } else {
                Addressing::VirtualHosted
            }));
        })
    };
    let on_emulator = {
        let (act, creds) = (act.clone(), creds.clone());
        Callback::from(move |_: MouseEvent| {
            creds.dispatch(CredAction::UseDemo);
            act(TrailAction::UseEmulator { now_ms: clock::now_ms() });
        })
    };
    let start = {
        let (panel, dispatch, bridge, creds, cancel) =
            (p.panel.clone(), p.dispatch.clone(), p.bridge.clone(), creds.clone(), cancel.clone());
        Rc::new(move |intent: TrailIntent| {
            let t = &panel;
            if t.busy.is_some() {
                return;
            }
            let fresh = Cancel::new();
            *cancel.borrow_mut() = fresh.clone();
            let (form, credentials, offset, dispatch) =
                (t.form.clone(), creds.credentials(), t.offset_ms, dispatch.clone());
            match intent {
                TrailIntent::List => {
                    wasm_bindgen_futures::spawn_local(trail_flow::list(form, credentials, offset, fresh, dispatch));
                }
                TrailIntent::Load => {
                    if let Some(plan) = t.chosen().filter(|p| !p.files.is_empty()) {
                        let bridge = bridge.clone();
                        wasm_bindgen_futures::spawn_local(trail_flow::load(
                            form,
                            plan,
                            credentials,
                            offset,
                            fresh,
                            bridge,
                            dispatch,
                        ));
                    }
                }
            }
        })
    };
    let on_list = {
        let start = start.clone();
        Callback::from(move |_: MouseEvent| start(TrailIntent::List))
    };
    let on_load = {
        let start = start.clone();
        Callback::from(move |_: MouseEvent| start(TrailIntent::Load))
    };
    let on_cancel = {
        let (cancel, bridge) = (cancel.clone(), p.bridge.clone());
        Callback::from(move |_: MouseEvent| {
            cancel.borrow().cancel();
            bridge.send(&console_core::trail::protocol::Request::Cancel);
        })
    };
    let on_confirm = {
        let (start, act, pending) = (start.clone(), act.clone(), t.confirm.clone());
        Callback::from(move |yes: bool| {
            act(TrailAction::CancelConfirmation);
            if let (true, Some((origin, then))) = (yes, pending.clone()) {
                tab::confirm(&origin);
                start(then);
            }
        })
    };

    let region_id = validate::region(&t.form.region).unwrap_or_else(|_| "cn-hangzhou".into());
    let busy = t.busy.is_some();
    let plan_view = t.plan.as_ref().map(|shared| {
        let plan = &shared.0;
        let chosen = t.chosen().map(|c| c.totals).unwrap_or_default();
        let mut regions: BTreeMap<String, Totals> = BTreeMap::new();
        for f in &plan.files {
            let r = regions.entry(region_label(f)).or_default();
            r.files += 1;
            r.bytes += f.size;
            r.events += f.expected_events;
        }
        html! {
            <div class="trail-plan" data-testid="trail-plan" data-files={chosen.files.to_string()}
                 data-bytes={chosen.bytes.to_string()} data-events={chosen.events.to_string()}>
                <p><strong>{ "Plan: " }</strong>{ totals_line(&chosen) }{ format!(" ({} to {}, UTC)", plan.range.from(), plan.range.to()) }</p>
                if plan.files.is_empty() {
                    <p class="hint">{ "No trail files in this date range. Check the prefix and the dates (folders are UTC days)." }</p>
                }
                <fieldset class="trail-regions">
                    <legend>{ "Regions" }</legend>
                    { for regions.iter().map(|(label, totals)| {
                        let on = !t.regions_off.contains(label);
                        let toggle = {
                            let (act, label) = (act.clone(), label.clone());
                            Callback::from(move |_: Event| act(TrailAction::ToggleRegion(label.clone())))
                        };
                        html! {
                            <label class="inline" data-region={label.clone()}>
                                <input type="checkbox" checked={on} onchange={toggle} disabled={busy} />
                                { format!(" {label}: {}", totals_line(totals)) }
                            </label>
                        }
                    }) }
                </fieldset>
                <details>
                    <summary>{ format!("By region and day ({})", plan.by_region_day.len()) }</summary>
                    <table class="plan-days">
                        <thead><tr><th scope="col">{ "Region" }</th><th scope="col">{ "Day (UTC)" }</th><th scope="col">{ "Files" }</th><th scope="col">{ "Size" }</th><th scope="col">{ "Events expected" }</th></tr></thead>
                        <tbody>
                            { for plan.by_region_day.iter().map(|d| html! {
                                <tr><td>{ d.region.clone() }</td><td>{ d.day.clone() }</td><td>{ count(d.totals.files as u64) }</td>
                                    <td>{ bytes(d.totals.bytes) }</td><td>{ count(d.totals.events) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </details>
            </div>
        }
    });
    let progress_view = t.progress.map(|pr| {
        let pct = if pr.files_total > 0 { (pr.files_loaded + pr.files_failed) as f64 / pr.files_total as f64 * 100.0 } else { 0.0 };
        html! {
            <div class="progress" data-testid="trail-progress" data-files-loaded={pr.files_loaded.to_string()}
                 data-files-failed={pr.files_failed.to_string()} data-files-total={pr.files_total.to_string()}
                 data-bytes={pr.bytes_received.to_string()} role="progressbar" aria-valuemin="0" aria-valuemax="100"
                 aria-valuenow={format!("{pct:.0}")}>
                <div class="bar"><div class="fill" style={format!("width:{pct:.1}%")} /></div>
                <span>{ format!("{} of {} files · {} received · {} events read · {:.1} s", count((pr.files_loaded + pr.files_failed) as u64),
                    count(pr.files_total as u64), bytes(pr.bytes_received), count(p.events), pr.elapsed_ms / 1000.0) }</span>
            </div>
        }
    });
    let end_view = t.end.as_ref().map(|end| {
        let text = match end {
            LoadEnd::Complete => "Loaded.".to_string(),
            LoadEnd::Cancelled => "Cancelled: the files read so far are kept.".to_string(),
            LoadEnd::Stopped(f) => format!("Stopped: {}. {}", f.summary(), f.advice(console_core::oss::error::Operation::GetObject, &page_origin())),
        };
        html! { <p class={classes!(matches!(end, LoadEnd::Stopped(_)).then_some("bad-text"))} data-testid="trail-end">{ text }</p> }
    });
    let error_view = t.error.as_ref().map(|e| error_box(&e.0));
    let listing = match &t.busy {
        Some(TrailBusy::Listing(p)) => Some(format!(
            "Listing… {} of {} day folders, {} files found",
            p.folders_listed,
            p.folders_total,
            count(p.found.files as u64)
        )),
        _ => None,
    };
    html! {
        <details class="card trail-source">
            <summary data-testid="trail-source">{ "From an OSS bucket: load a trail straight from the bucket it is delivered to" }</summary>
            if creds.is_empty() {
                <p class="warn-text">{ "Enter STS credentials in the Access tracking view first (they are used here too), or use the local emulator." }</p>
            }
            <div class="row">
                <div>
                    <label for="trail-bucket">{ "Bucket" }</label>
                    <input id="trail-bucket" value={t.form.bucket.clone()} oninput={field(TrailField::Bucket)} spellcheck="false" data-testid="trail-bucket" placeholder="my-trail-bucket" />
                </div>
                <div>
                    <label for="trail-region">{ "Region" }</label>
                    <input id="trail-region" list="trail-regions-list" value={t.form.region.clone()} oninput={field(TrailField::Region)} spellcheck="false" data-testid="trail-region" />
                    <datalist id="trail-regions-list">
                        { for REGIONS.iter().map(|(id, name)| html! { <option value={*id}>{ *name }</option> }) }
                    </datalist>
                </div>
            </div>
            <div class="row">
                <div>
                    <label for="trail-endpoint">{ "Endpoint (optional)" }</label>
                    <input id="trail-endpoint" value={t.form.endpoint.clone()} oninput={field(TrailField::Endpoint)} spellcheck="false"
                           data-testid="trail-endpoint" placeholder={default_endpoint(&region_id)} />
                </div>
                <div>
                    <label for="trail-addressing">{ "Addressing style" }</label>
                    <select id="trail-addressing" onchange={on_addressing} data-testid="trail-addressing-style">
                        <option value="virtual-hosted" selected={t.form.addressing == Addressing::VirtualHosted}>{ "Virtual-hosted (bucket.endpoint)" }</option>
                        <option value="path-style" selected={t.form.addressing == Addressing::PathStyle}>{ "Path-style (endpoint/bucket)" }</option>
                    </select>
                </div>
            </div>
            <div class="row">
                <div>
                    <label for="trail-prefix">{ "Trail key prefix (may be empty)" }</label>
                    <input id="trail-prefix" value={t.form.prefix.clone()} oninput={field(TrailField::Prefix)} spellcheck="false" data-testid="trail-prefix" placeholder="actiontrail" />
                </div>
                <div>
                    <label for="trail-from">{ "From (UTC day)" }</label>
                    <input id="trail-from" type="date" value={t.form.from.clone()} oninput={field(TrailField::From)} data-testid="trail-from" />
                </div>
                <div>
                    <label for="trail-to">{ "To (UTC day, included)" }</label>
                    <input id="trail-to" type="date" value={t.form.to.clone()} oninput={field(TrailField::To)} data-testid="trail-to" />
                </div>
            </div>
            <div class="row trail-actions">
                <button type="button" onclick={on_list} disabled={busy} data-testid="trail-list">{ "List" }</button>
                <button type="button" class="primary" onclick={on_load} disabled={busy || t.chosen().is_none_or(|c| c.files.is_empty())} data-testid="trail-load">{ "Load" }</button>
                <button type="button" onclick={on_cancel} disabled={!busy} data-testid="trail-cancel">{ "Cancel" }</button>
                <button type="button" class="link" onclick={on_emulator} data-testid="trail-use-emulator">{ "Use the local emulator's demo trail" }</button>
            </div>
            if let Some((origin, _)) = &t.confirm {
                <ConfirmEndpoint origin={origin.clone()} access_key_id={creds.credentials().access_key_id} on_answer={on_confirm} />
            }
            if let Some(l) = listing { <p role="status" data-testid="trail-listing">{ l }</p> }
            { for error_view }
            { for plan_view }
            { for progress_view }
            { for end_view }
            if !t.failures.is_empty() {
                <ul class="trail-failures" data-testid="trail-failures">
                    { for t.failures.iter().map(|f| html! {
                        <li data-key={f.key.clone()} data-code={f.code()} data-tries={f.tries.to_string()}>
                            <code>{ f.key.rsplit('/').next().unwrap_or(&f.key).to_string() }</code>
                            { format!(": {} (after {} tries). {}", f.summary(), f.tries, f.advice(&page_origin())) }
                        </li>
                    }) }
                </ul>
            }
        </details>
    }
}

fn error_box(e: &TrailError) -> Html {
    let origin = page_origin();
    let rule = e.failure().and_then(|f| f.cors_rule(&origin));
    html! {
        <div class="error-box" role="alert" data-testid="trail-error" data-code={e.code()}>
            <strong>{ e.summary() }</strong>
            <p>{ e.advice(&origin) }</p>
            if let Some(rule) = rule {
                <h4>{ "CORS rule for this bucket" }</h4>
                <pre data-testid="trail-cors-rule">{ rule }</pre>
            }
        </div>
    }
}
