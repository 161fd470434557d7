//! "Many buckets": access tracking read and switched across an account's buckets. The model is
//! `console_core::screens::fleet` (it decides every call); this renders it, runs its calls with
//! the page's credentials and the tracking view's endpoint and addressing style, and feeds the
//! results back.

use crate::credentials::use_credentials;
use crate::explorer::state::Action;
use crate::explorer::use_explorer;
use crate::i18n::{use_lang, Key, Tr};
use crate::screen::{use_runner, Runner, Sends};
use crate::services::clock::BrowserClock;
use crate::services::fetch::FetchTransport;
use crate::services::{tab, worker_handle};
use crate::tracking::flow::page_origin;
use crate::tracking::SharedPlace;
use crate::widgets::copy_button::CopyButton;
use crate::widgets::format::{count, utc};
use console_core::oss::access_monitor::AccessMonitorStatus;
use console_core::oss::place::{endpoint_origin, BucketPlace};
use console_core::oss::session::Session;
use console_core::screens::fleet::{self, Command, Event, Fleet, Problem, Row, RunKind, SeenChange, Stopped};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The fleet's model and what runs its calls. Cloning shares the model.
#[derive(Clone, PartialEq)]
struct Screen {
    runner: Runner<Fleet>,
}

impl Sends for Screen {
    type Event = Event;
    fn send(&self, event: Event) {
        for Command::Check { call, bucket: _, intent, target, credentials, offset_ms } in self.runner.update(event) {
            let screen = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let origin = endpoint_origin(&target);
                let session = Session::new(&FetchTransport, &BrowserClock, target, credentials, offset_ms);
                let checked = session.check(intent).await;
                // A clock correction learned here serves every view.
                if checked.offset_ms != offset_ms {
                    tab::learn_offset(&origin, checked.offset_ms);
                }
                screen.send(Event::Checked { call, checked: Box::new(checked) });
            });
        }
    }
}

/// Which rows the table shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    All,
    Enabled,
    Disabled,
    Unknown,
    Problems,
}

/// What the table is sorted by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    Bucket,
    Region,
    Status,
    Problem,
}

/// The last tracking switch of each bucket the loaded events name.
fn seen_changes(seen: &[console_core::trail::insights::BucketSeen]) -> Vec<(String, SeenChange)> {
    seen.iter()
        .filter_map(|b| {
            let (who, at_ms, failed) = b.last_change.clone()?;
            Some((b.bucket.clone(), SeenChange { who, at_ms, failed }))
        })
        .collect()
}

fn status_key(r: &Row) -> &'static str {
    r.status.map(|s| s.as_str()).unwrap_or("unknown")
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub active: bool,
}

#[function_component(FleetView)]
pub fn fleet_view(p: &Props) -> Html {
    let lang = use_lang();
    let creds = use_credentials();
    let explorer = use_explorer();
    let shared = use_context::<SharedPlace>().unwrap_or_default();
    let runner = use_runner(creds.clone(), Fleet::default);
    let screen = Screen { runner };
    let f = screen.runner.now().clone();
    let text = use_state(String::new);
    let filter = use_state(String::new);
    let show = use_state(|| Show::All);
    let sort = use_state(|| Sort::Bucket);
    {
        let dispatch = explorer.state.dispatcher();
        use_effect_with(p.active, move |shown| dispatch.dispatch(Action::ShowFleet(*shown)));
    }
    // What the loaded events say about each bucket's last switch, whenever it is known.
    {
        let screen = screen.clone();
        use_effect_with(explorer.state.buckets_seen.clone(), move |seen| {
            if let Some(seen) = seen {
                screen.send(Event::SeenChanges(seen_changes(seen)));
            }
        });
    }
    let place = move || -> BucketPlace { shared.0.borrow().clone() };

    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let on_add = {
        let (screen, text, place) = (screen.clone(), text.clone(), place.clone());
        Callback::from(move |_: MouseEvent| {
            screen.send(Event::Add { text: (*text).clone(), region: place().region });
            text.set(String::new());
        })
    };
    let seen = explorer.state.buckets_seen.clone();
    let on_from_events = {
        let (screen, seen) = (screen.clone(), seen.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(seen) = &seen {
                screen.send(Event::AddFromEvents(
                    seen.iter().map(|b| (b.bucket.clone(), Some(b.region.clone()).filter(|r| !r.is_empty()))).collect(),
                ));
                screen.send(Event::SeenChanges(seen_changes(seen)));
            }
        })
    };
    let on_read = {
        let (screen, place) = (screen.clone(), place.clone());
        Callback::from(move |_: MouseEvent| screen.send(Event::Read { place: place() }))
    };
    let on_cancel = screen.callback(|_: MouseEvent| Event::Cancel);
    let on_retry = {
        let (screen, place) = (screen.clone(), place.clone());
        Callback::from(move |_: MouseEvent| screen.send(Event::RetryFailed { place: place() }))
    };
    let on_confirm = {
        let (screen, place) = (screen.clone(), place.clone());
        Callback::from(move |_: MouseEvent| screen.send(Event::Confirm { place: place() }))
    };
    let on_drop_plan = screen.callback(|_: MouseEvent| Event::DropPlan);
    let on_clear = screen.callback(|_: MouseEvent| Event::Clear);

    // The rows shown: filtered, then sorted.
    let needle = filter.trim().to_ascii_lowercase();
    let mut rows: Vec<&Row> = f
        .rows
        .iter()
        .filter(|r| needle.is_empty() || r.bucket.contains(&needle) || r.region.contains(&needle))
        .filter(|r| match *show {
            Show::All => true,
            Show::Enabled => r.status == Some(AccessMonitorStatus::Enabled),
            Show::Disabled => r.status == Some(AccessMonitorStatus::Disabled),
            Show::Unknown => r.status.is_none(),
            Show::Problems => r.problem.is_some(),
        })
        .collect();
    match *sort {
        Sort::Bucket => rows.sort_by(|a, b| a.bucket.cmp(&b.bucket)),
        Sort::Region => rows.sort_by(|a, b| a.region.cmp(&b.region).then(a.bucket.cmp(&b.bucket))),
        Sort::Status => rows.sort_by(|a, b| status_key(a).cmp(status_key(b)).then(a.bucket.cmp(&b.bucket))),
        Sort::Problem => rows.sort_by(|a, b| {
            let k = |r: &Row| r.problem.as_ref().map(|p| p.key().to_string()).unwrap_or_default();
            k(b).cmp(&k(a)).then(a.bucket.cmp(&b.bucket))
        }),
    }
    let shown: Vec<String> = rows.iter().map(|r| r.bucket.clone()).collect();
    let plan_switch = |target: AccessMonitorStatus| {
        let (screen, shown) = (screen.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| screen.send(Event::PlanSwitch { target, shown: shown.clone() }))
    };
    // The CSV of the rows shown, in their order, made when asked for (not at every render).
    let on_export = {
        let (runner, shown) = (screen.runner.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            let model = runner.now();
            let rows: Vec<Row> =
                shown.iter().filter_map(|b| model.rows.iter().find(|r| &r.bucket == b).cloned()).collect();
            let parts = js_sys::Array::of1(&fleet::csv(&rows).into());
            worker_handle::download(&parts, "oss-buckets-access-tracking.csv", "text/csv");
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_show = {
        let show = show.clone();
        Callback::from(move |e: web_sys::Event| {
            show.set(match e.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                "Enabled" => Show::Enabled,
                "Disabled" => Show::Disabled,
                "unknown" => Show::Unknown,
                "problems" => Show::Problems,
                _ => Show::All,
            })
        })
    };
    let sort_by = |s: Sort| {
        let sort = sort.clone();
        Callback::from(move |_: MouseEvent| sort.set(s))
    };
    let running = f.running();
    let progress = f.run.as_ref().map(|run| {
        let kind = match run.kind {
            RunKind::Read => lang.t(Key::FleetReading),
            RunKind::Switch(s) => lang.t(Key::FleetSwitching(s)),
        };
        html! {
            <p class={classes!("progress-line", running.then_some("spinner"))} role="status" data-testid="fleet-progress"
               data-done={run.finished().to_string()} data-total={run.total.to_string()} data-failed={run.failed.to_string()}>
                { lang.t(Key::FleetProgress { kind: &kind, done: &count(lang, run.done as u64), total: &count(lang, run.total as u64),
                    failed: &count(lang, run.failed as u64), cancelled: run.cancelled }) }
            </p>
        }
    });
    let stopped = f.stopped.as_ref().map(|s| {
        let words = match s {
            Stopped::Credentials(code) => lang.t(Key::FleetStoppedCredentials(code)),
            Stopped::Form(failure) => lang.t(Key::FleetStoppedForm(&failure.summary(lang))),
        };
        html! { <div class="error-box" role="alert" data-testid="fleet-stopped">{ words }</div> }
    });
    let plan = f.plan.as_ref().map(|plan| {
        html! {
            <div class="card fleet-plan" data-testid="fleet-plan" data-target={plan.target.as_str()} data-change={plan.change.len().to_string()}
                 data-same={plan.same.len().to_string()} data-blocked={plan.blocked.len().to_string()} role="region" aria-label={lang.t(Key::FleetPlanTitle)}>
                <h3>{ lang.t(Key::FleetPlanTitle) }</h3>
                <p>{ lang.t(Key::FleetPlan { target: plan.target, change: plan.change.len(), same: plan.same.len(), blocked: plan.blocked.len() }) }</p>
                if !plan.change.is_empty() {
                    <p class="mono fleet-names">{ plan.change.join(", ") }</p>
                }
                if !plan.blocked.is_empty() {
                    <ul class="fleet-blocked">
                        { for plan.blocked.iter().map(|(b, why)| html! {
                            <li><code>{ b.clone() }</code>{ " — " }{ match why { Some(p) => problem_text(lang, p), None => lang.t(Key::FleetNotRead) } }</li>
                        }) }
                    </ul>
                }
                <div class="row fleet-actions">
                    <button type="button" class="primary" onclick={on_confirm} disabled={plan.change.is_empty()} data-testid="fleet-confirm">
                        { lang.t(Key::FleetConfirm { target: plan.target, n: plan.change.len() }) }
                    </button>
                    <button type="button" onclick={on_drop_plan} data-testid="fleet-plan-cancel">{ lang.t(Key::FleetDropPlan) }</button>
                </div>
            </div>
        }
    });
    let unreachable = fleet::unreachable(&f.rows);
    let script_target = f.plan.as_ref().map(|p| p.target).or(f.last_target).unwrap_or(AccessMonitorStatus::Enabled);
    let scripts = (!unreachable.is_empty()).then(|| {
        let place = place();
        let script = fleet::script(&f.rows, &place, script_target);
        let cors = fleet::cors_script(&f.rows, &place, &page_origin());
        let download = |text: String, name: &'static str| {
            Callback::from(move |_: MouseEvent| {
                worker_handle::download(&js_sys::Array::of1(&text.clone().into()), name, "text/x-shellscript")
            })
        };
        html! {
            <section class="card" aria-labelledby="fleet-script-title">
                <h3 id="fleet-script-title">{ lang.t(Key::FleetScriptTitle(unreachable.len())) }</h3>
                <p class="hint">{ lang.t(Key::FleetScriptHint) }</p>
                <div class="row fleet-actions">
                    <CopyButton text={script.clone()} label={lang.t(Key::FleetCopyScript)} testid="fleet-script-copy" />
                    <button type="button" onclick={download(script.clone(), "access-tracking.sh")}>{ lang.t(Key::FleetDownload) }</button>
                </div>
                <pre data-testid="fleet-script" tabindex="0">{ script }</pre>
                <h4>{ lang.t(Key::FleetCorsTitle) }</h4>
                <div class="row fleet-actions">
                    <CopyButton text={cors.clone()} label={lang.t(Key::FleetCopyCors)} testid="fleet-cors-copy" />
                    <button type="button" onclick={download(cors.clone(), "console-cors.sh")}>{ lang.t(Key::FleetDownload) }</button>
                </div>
                <pre data-testid="fleet-cors-script" tabindex="0">{ cors }</pre>
            </section>
        }
    });
    let has_seen = seen.as_ref().is_some_and(|s| !s.is_empty());
    let header = |s: Sort, label: String| {
        html! {
            <th scope="col" aria-sort={match (*sort == s, s) { (false, _) => "none", (true, Sort::Problem) => "descending", _ => "ascending" }}>
                <button type="button" class="link" onclick={sort_by(s)}>{ label }</button>
            </th>
        }
    };
    html! {
        <div class="fleet">
            <h2>{ lang.t(Key::FleetHeading) }</h2>
            <p class="hint">{ lang.t(Key::FleetIntro) }</p>
            <section class="card" aria-labelledby="fleet-add-title">
                <h3 id="fleet-add-title">{ lang.t(Key::FleetAddTitle) }</h3>
                <label for="fleet-input">{ lang.t(Key::FleetInputLabel) }</label>
                <textarea id="fleet-input" rows="5" value={(*text).clone()} oninput={on_text} spellcheck="false"
                          placeholder={"my-bucket\noss://logs-bucket/prefix/\nmedia.oss-cn-shanghai.aliyuncs.com\narchive,cn-beijing"}
                          data-testid="fleet-input" />
                <div class="row fleet-actions">
                    <button type="button" class="primary" onclick={on_add} disabled={text.trim().is_empty()} data-testid="fleet-add">{ lang.t(Key::FleetAdd) }</button>
                    <button type="button" onclick={on_from_events} disabled={!has_seen} data-testid="fleet-from-events"
                            title={(!has_seen).then(|| lang.t(Key::FleetFromEventsNone))}>
                        { lang.t(Key::FleetFromEvents(seen.as_ref().map_or(0, |s| s.len()))) }
                    </button>
                </div>
                if !f.bad_lines.is_empty() {
                    <div class="notice warn" role="status" data-testid="fleet-bad-lines" data-count={f.bad_lines.len().to_string()}>
                        <p>{ lang.t(Key::FleetBadLines(f.bad_lines.len())) }</p>
                        <ul>{ for f.bad_lines.iter().map(|b| html! { <li>{ format!("{}: ", b.line) }<code>{ b.text.clone() }</code>{ " — " }{ b.reason.clone() }</li> }) }</ul>
                    </div>
                }
                if f.merged > 0 || f.dropped > 0 {
                    <p class="hint" role="status">{ lang.t(Key::FleetMerged { merged: f.merged, dropped: f.dropped }) }</p>
                }
            </section>
            <div class="row fleet-actions">
                <button type="button" class="primary" onclick={on_read} disabled={running || f.rows.is_empty()} data-testid="fleet-read">{ lang.t(Key::FleetRead) }</button>
                <button type="button" onclick={on_cancel} disabled={!running} data-testid="fleet-cancel">{ lang.t(Key::FleetCancel) }</button>
                <button type="button" onclick={plan_switch(AccessMonitorStatus::Enabled)} disabled={running || shown.is_empty()} data-testid="fleet-enable-all">{ lang.t(Key::FleetEnableAll) }</button>
                <button type="button" onclick={plan_switch(AccessMonitorStatus::Disabled)} disabled={running || shown.is_empty()} data-testid="fleet-disable-all">{ lang.t(Key::FleetDisableAll) }</button>
                <button type="button" onclick={on_retry} disabled={running || f.failed().is_empty()} data-testid="fleet-retry-failed">{ lang.t(Key::FleetRetryFailed(f.failed().len())) }</button>
                <button type="button" onclick={on_export} disabled={rows.is_empty()} data-testid="fleet-export">{ lang.t(Key::FleetExport) }</button>
                <button type="button" onclick={on_clear} disabled={running || f.rows.is_empty()} data-testid="fleet-clear">{ lang.t(Key::FleetClear) }</button>
            </div>
            { for stopped }
            { for progress }
            { for plan }
            <section class="card fleet-table-card" aria-labelledby="fleet-table-title">
                <h3 id="fleet-table-title">{ lang.t(Key::FleetTableTitle { shown: rows.len(), total: f.rows.len() }) }</h3>
                <div class="row fleet-filters">
                    <label class="inline">{ lang.t(Key::FleetFilter) }
                        <input type="search" value={(*filter).clone()} oninput={on_filter} data-testid="fleet-filter" />
                    </label>
                    <label class="inline">{ lang.t(Key::FleetShow) }
                        <select onchange={on_show} data-testid="fleet-show">
                            <option value="all" selected={*show == Show::All}>{ lang.t(Key::FleetShowAll) }</option>
                            <option value="Enabled" selected={*show == Show::Enabled}>{ lang.t(Key::StatusText(Some(AccessMonitorStatus::Enabled))) }</option>
                            <option value="Disabled" selected={*show == Show::Disabled}>{ lang.t(Key::StatusText(Some(AccessMonitorStatus::Disabled))) }</option>
                            <option value="unknown" selected={*show == Show::Unknown}>{ lang.t(Key::StatusText(None)) }</option>
                            <option value="problems" selected={*show == Show::Problems}>{ lang.t(Key::FleetShowProblems) }</option>
                        </select>
                    </label>
                </div>
                if f.rows.is_empty() {
                    <p class="hint">{ lang.t(Key::FleetEmpty) }</p>
                } else {
                    <div class="fleet-scroll">
                        <table class="fleet-table">
                            <thead><tr>
                                { header(Sort::Bucket, lang.t(Key::ColumnBucket)) }
                                { header(Sort::Region, lang.t(Key::ColumnRegion)) }
                                { header(Sort::Status, lang.t(Key::FleetStatus)) }
                                <th scope="col">{ lang.t(Key::FleetAccessTimeRules) }</th>
                                <th scope="col">{ lang.t(Key::FleetLastChange) }</th>
                                { header(Sort::Problem, lang.t(Key::FleetProblem)) }
                            </tr></thead>
                            <tbody>
                                { for rows.iter().map(|r| row_html(lang, r)) }
                            </tbody>
                        </table>
                    </div>
                }
            </section>
            { for scripts }
        </div>
    }
}

fn problem_text(lang: console_core::i18n::Lang, p: &Problem) -> String {
    match p {
        Problem::Region(endpoint) => lang.t(Key::FleetProblemRegion(endpoint.as_deref())),
        _ => lang.t(Key::FleetProblemText(p)),
    }
}

fn row_html(lang: console_core::i18n::Lang, r: &Row) -> Html {
    let problem = r.problem.as_ref().map(|p| p.key().to_string()).unwrap_or_default();
    let status = status_key(r);
    html! {
        <tr data-testid="fleet-row" data-bucket={r.bucket.clone()} data-region={r.region.clone()} data-status={status}
            data-problem={problem} data-switched={r.switched.to_string()} aria-busy={r.busy.to_string()}>
            <th scope="row"><code>{ r.bucket.clone() }</code></th>
            <td>
                { r.region.clone() }
                if let Some(from) = &r.moved_from {
                    <div class="hint" data-testid="fleet-moved">{ lang.t(Key::FleetMoved { from, to: &r.region }) }</div>
                }
            </td>
            <td class={classes!("status-cell", status.to_ascii_lowercase())}>
                if r.busy { <span class="spinner" aria-hidden="true" /> }
                { lang.t(Key::StatusText(r.status)) }
                if r.switched { <span class="hint">{ " · " }{ lang.t(Key::FleetSwitched) }</span> }
            </td>
            <td>{ r.access_time_rules.map(|n| n.to_string()).unwrap_or_else(|| "—".into()) }</td>
            <td>
                { match &r.last_change {
                    Some(c) => lang.t(Key::FleetSeenChange { who: &c.who, at: &utc(c.at_ms), failed: c.failed }),
                    None => "—".into(),
                } }
            </td>
            <td class={classes!(r.problem.is_some().then_some("bad-text"))}>
                { r.problem.as_ref().map(|p| problem_text(lang, p)).unwrap_or_default() }
            </td>
        </tr>
    }
}
