//! "From an OSS bucket": name the trail's bucket and a UTC date range, see the plan (files,
//! bytes, expected events per region and day), then load it into the explorer. Uses the page's
//! credentials (typed or pasted in the tracking view).

use super::hooks::WorkerBridge;
use super::state::ExplorerState;
use super::trail_flow::{end_text, totals_line, use_trail_screen};
use crate::credentials::use_credentials;
use crate::i18n::{use_lang, Key, Tr};
use crate::screen::Sends;
use crate::services::clock;
use crate::tracking::flow::page_origin;
use crate::widgets::announcer::use_announcer;
use crate::widgets::bucket_fields::BucketFields;
use crate::widgets::confirm_endpoint::ConfirmEndpoint;
use crate::widgets::format::{bytes, count, decimal};
use crate::widgets::use_demo::UseDemoButton;
use console_core::i18n::{Lang, Msg};
use console_core::screens::trail_source::{region_label, Busy, Event as TrailEvent, Intent};
use console_core::trail::bucket::{Totals, TrailError};
use console_core::trail::bucket_load::LoadEnd;
use std::collections::BTreeMap;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub dispatch: UseReducerDispatcher<ExplorerState>,
    pub bridge: WorkerBridge,
    /// Events loaded so far (for the progress line).
    pub events: u64,
    /// Whether the worker is still reading what was handed to it.
    pub reading: bool,
}

#[function_component(TrailSource)]
pub fn trail_source(p: &Props) -> Html {
    let lang = use_lang();
    let creds = use_credentials();
    let announcer = use_announcer();
    let screen = use_trail_screen(creds.clone(), announcer, lang, p.bridge.clone(), p.dispatch.clone());
    let t = &*screen.now();
    let text = |f: fn(String) -> TrailEvent| {
        let screen = screen.clone();
        Callback::from(move |e: InputEvent| screen.send(f(e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let on_edit = screen.callback(TrailEvent::Edit);
    let on_emulator = screen.callback(|_: ()| TrailEvent::UseEmulator { now_ms: clock::now_ms() });
    let on_list = screen.callback(|_: MouseEvent| TrailEvent::Ask(Intent::List));
    let on_load = screen.callback(|_: MouseEvent| TrailEvent::Ask(Intent::Load));
    let on_cancel = screen.callback(|_: MouseEvent| TrailEvent::Cancel);
    let on_confirm = screen.callback(TrailEvent::Confirm);

    let busy = t.busy.is_some();
    let plan_view = t.plan.as_ref().map(|plan| {
        let chosen = t.chosen().map(|c| c.totals).unwrap_or_default();
        let mut regions: BTreeMap<String, Totals> = BTreeMap::new();
        for f in &plan.files {
            regions.entry(region_label(f)).or_default().add(f);
        }
        let skipped = &plan.skipped;
        html! {
            <div class="trail-plan" data-testid="trail-plan" data-files={chosen.files.to_string()}
                 data-bytes={chosen.bytes.to_string()} data-events={chosen.events.to_string()}>
                <p>
                    <strong>{ lang.t(Key::PlanLabel) }</strong>{ totals_line(lang, &chosen) }
                    { lang.t(Key::PlanRange { from: &plan.range.from(), to: &plan.range.to() }) }
                </p>
                if plan.files.is_empty() {
                    <p class="hint">{ lang.t(Key::PlanEmpty) }</p>
                }
                if skipped.total() > 0 {
                    <p class="hint" data-testid="plan-skipped" data-not-trail={skipped.not_trail.to_string()}
                       data-unusual={skipped.unusual.to_string()} data-implausible={skipped.implausible.to_string()}>
                        { lang.t(Key::PlanSkipped {
                            not_trail: &count(lang, skipped.not_trail as u64),
                            unusual: &count(lang, skipped.unusual as u64),
                            implausible: &count(lang, skipped.implausible as u64),
                        }) }
                    </p>
                    if !skipped.named.is_empty() {
                        <ul class="plan-skipped-keys">
                            { for skipped.named.iter().map(|(key, why)| html! {
                                <li><code>{ key.clone() }</code>{ " — " }{ lang.text(&Msg::LeftOut(why)) }</li>
                            }) }
                        </ul>
                    }
                }
                <fieldset class="trail-regions">
                    <legend>{ lang.t(Key::PlanRegions) }</legend>
                    { for regions.iter().map(|(label, totals)| {
                        let on = !t.regions_off.contains(label);
                        let toggle = {
                            let (screen, label) = (screen.clone(), label.clone());
                            Callback::from(move |_: Event| screen.send(TrailEvent::ToggleRegion(label.clone())))
                        };
                        html! {
                            <label class="inline" data-region={label.clone()}>
                                <input type="checkbox" checked={on} onchange={toggle} disabled={busy} />
                                { format!(" {label}: {}", totals_line(lang, totals)) }
                            </label>
                        }
                    }) }
                </fieldset>
                <details>
                    <summary>{ lang.t(Key::PlanByDay(plan.by_region_day.len())) }</summary>
                    <table class="plan-days">
                        <thead>
                            <tr>
                                <th scope="col">{ lang.t(Key::Region) }</th>
                                <th scope="col">{ lang.t(Key::PlanDay) }</th>
                                <th scope="col">{ lang.t(Key::PlanFiles) }</th>
                                <th scope="col">{ lang.t(Key::PlanSize) }</th>
                                <th scope="col">{ lang.t(Key::PlanEventsExpected) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for plan.by_region_day.iter().map(|d| html! {
                                <tr><td>{ d.region.clone() }</td><td>{ d.day.clone() }</td><td>{ count(lang, d.totals.files as u64) }</td>
                                    <td>{ bytes(lang, d.totals.bytes) }</td><td>{ count(lang, d.totals.events) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </details>
            </div>
        }
    });
    let progress_view = t.progress.map(|pr| {
        let pct = if pr.files_total > 0 { (pr.files_loaded + pr.files_failed) as f64 / pr.files_total as f64 * 100.0 } else { 0.0 };
        let text = lang.t(Key::TrailProgress {
            done: &count(lang, (pr.files_loaded + pr.files_failed) as u64),
            total: &count(lang, pr.files_total as u64),
            received: &bytes(lang, pr.bytes_received),
            events: &count(lang, p.events),
            seconds: &decimal(lang, pr.elapsed_ms / 1000.0),
        });
        html! {
            <div class="progress" data-testid="trail-progress" data-files-loaded={pr.files_loaded.to_string()}
                 data-files-failed={pr.files_failed.to_string()} data-files-total={pr.files_total.to_string()}
                 data-bytes={pr.bytes_received.to_string()}>
                <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow={format!("{pct:.0}")}
                     aria-valuetext={text.clone()} aria-label={lang.t(Key::TrailProgressLabel)}>
                    <div class="fill" style={format!("width:{pct:.1}%")} />
                </div>
                <span>{ text }</span>
            </div>
        }
    });
    let end_view = t.end.as_ref().map(|end| {
        let (kind, bad) = match end {
            LoadEnd::Complete => ("complete", false),
            LoadEnd::Cancelled => ("cancelled", false),
            LoadEnd::Stopped(_) => ("stopped", true),
            LoadEnd::WorkerStopped => ("worker-stopped", true),
        };
        // "Loaded" only once the worker has read every object to its end.
        let text = if matches!(end, LoadEnd::Complete) && p.reading {
            lang.t(Key::TrailFetchedReading)
        } else {
            end_text(lang, end)
        };
        html! { <p class={classes!(bad.then_some("bad-text"))} data-testid="trail-end" data-end={kind} data-reading={p.reading.to_string()}>{ text }</p> }
    });
    let error_view = t.error.as_ref().map(|e| error_box(lang, e));
    let listing = match &t.busy {
        Some(Busy::Listing(p)) => Some(lang.t(Key::TrailListing {
            listed: p.folders_listed,
            total: p.folders_total,
            files: &count(lang, p.found.files as u64),
        })),
        _ => None,
    };
    html! {
        <details class="card trail-source">
            <summary data-testid="trail-source">{ lang.t(Key::TrailSummary) }</summary>
            if creds.is_empty() {
                <p class="warn-text">{ lang.t(Key::TrailNeedsCredentials) }</p>
            }
            <BucketFields prefix="trail-" bucket_label={lang.t(Key::BucketCardTitle)} bucket_placeholder="my-trail-bucket"
                          place={t.place.clone()} {on_edit} />
            <div class="row">
                <div>
                    <label for="trail-prefix">{ lang.t(Key::TrailPrefix) }</label>
                    <input id="trail-prefix" value={t.prefix.clone()} oninput={text(TrailEvent::Prefix)} spellcheck="false" data-testid="trail-prefix" placeholder="actiontrail" />
                </div>
                <div>
                    <label for="trail-from">{ lang.t(Key::TrailFrom) }</label>
                    <input id="trail-from" type="date" value={t.from.clone()} oninput={text(TrailEvent::From)} data-testid="trail-from" />
                </div>
                <div>
                    <label for="trail-to">{ lang.t(Key::TrailTo) }</label>
                    <input id="trail-to" type="date" value={t.to.clone()} oninput={text(TrailEvent::To)} data-testid="trail-to" />
                </div>
            </div>
            <div class="row trail-actions">
                <button type="button" onclick={on_list} disabled={busy} data-testid="trail-list">{ lang.t(Key::TrailList) }</button>
                <button type="button" class="primary" onclick={on_load} disabled={busy || t.chosen().is_none_or(|c| c.files.is_empty())} data-testid="trail-load">{ lang.t(Key::TrailLoad) }</button>
                <button type="button" onclick={on_cancel} disabled={!busy} data-testid="trail-cancel">{ lang.t(Key::Cancel) }</button>
                <UseDemoButton link=true label={lang.t(Key::TrailUseEmulator)} testid="trail-use-emulator" on_used={on_emulator} />
            </div>
            if let Some((origin, _)) = &t.confirm {
                <ConfirmEndpoint origin={origin.clone()} access_key_id={creds.credentials().access_key_id} on_answer={on_confirm} />
            }
            // Updates several times a second: not a live region (the plan is announced once).
            if let Some(l) = listing { <p data-testid="trail-listing">{ l }</p> }
            { for error_view }
            { for plan_view }
            { for progress_view }
            { for end_view }
            if !t.failures.is_empty() {
                <ul class="trail-failures" data-testid="trail-failures">
                    { for t.failures.iter().map(|f| html! {
                        <li data-key={f.key.clone()} data-code={f.code()} data-tries={f.tries.to_string()}>
                            <code>{ f.key.rsplit('/').next().unwrap_or(&f.key).to_string() }</code>
                            { lang.t(Key::TrailFailure { summary: &f.summary(lang), tries: f.tries, advice: &f.advice(lang, &page_origin()) }) }
                        </li>
                    }) }
                </ul>
            }
        </details>
    }
}

fn error_box(lang: Lang, e: &TrailError) -> Html {
    let origin = page_origin();
    let rule = e.failure().and_then(|f| f.cors_rule(&origin));
    // Not a live region: the announcer says the summary once.
    html! {
        <div class="error-box" data-testid="trail-error" data-code={e.code()}>
            <strong>{ e.summary(lang) }</strong>
            <p>{ e.advice(lang, &origin) }</p>
            if let Some(rule) = rule {
                <h4>{ lang.t(Key::CorsRuleTitle) }</h4>
                <pre data-testid="trail-cors-rule" tabindex="0">{ rule }</pre>
            }
        </div>
    }
}
