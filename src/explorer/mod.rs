//! The "Events" view: load ActionTrail files into the worker and explore them.

mod chips;
mod detail;
mod facets;
mod histogram;
mod loader;
mod report;
pub mod state;
mod summary;
mod table;
mod toolbar;

use crate::services::engine::{self, EngineHandle};
use crate::services::hash;
use crate::widgets::format::count;
use chips::FilterChips;
use console_core::trail::protocol::{ExportFormat, Request, Response};
use console_core::trail::query::Filter;
use console_core::trail::share;
use console_core::trail::store::Field;
use detail::EventDetail;
use facets::Facets;
use histogram::TimeHistogram;
use loader::Loader;
use report::LoadReport;
use state::{Action, ExplorerState};
use std::cell::Cell;
use summary::SummaryStrip;
use table::{EventTable, PAGE};
use toolbar::Toolbar;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where Trunk puts the sample trail.
const SAMPLE_URL: &str = "./sample-trail.json.gz";
/// Facet values fetched per field (the cards show fewer until "show more").
const FACET_LIMIT: usize = 50;

/// The query part of an `#/events?…` hash.
fn hash_query() -> String {
    let h = hash::current();
    match h.split_once('?') {
        Some((path, q)) if path.trim_start_matches('#') == "/events" => q.to_string(),
        _ => String::new(),
    }
}

fn is_typing(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable")
        })
        .unwrap_or(false)
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Whether the Events tab is shown (keyboard shortcuts and the URL belong to it then).
    pub active: bool,
}

#[function_component(EventsView)]
pub fn events_view(p: &Props) -> Html {
    let state = use_reducer(|| ExplorerState::from_view(share::from_query(&hash_query())));
    let engine = use_mut_ref(|| None::<EngineHandle>);
    let ids = use_mut_ref(|| Cell::new(0u64));
    let export_parts = use_mut_ref(js_sys::Array::new);
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    // The keyboard cursor, updated at once by key presses (renders lag behind fast typing).
    let cursor = use_mut_ref(|| Cell::new(None::<usize>));
    cursor.borrow().set(state.cursor);
    let search_ref = use_node_ref();
    let next_id = {
        let ids = ids.clone();
        move || {
            let c = ids.borrow();
            c.set(c.get() + 1);
            c.get()
        }
    };

    // The worker: started once; export chunks are gathered here, the rest goes to the reducer.
    {
        let (engine, dispatch, parts) = (engine.clone(), state.dispatcher(), export_parts.clone());
        use_effect_with((), move |_| {
            let d = dispatch.clone();
            let on_response = move |r: Response| match r {
                Response::ExportChunk { data, .. } => {
                    parts.borrow().push(&data.into());
                }
                Response::ExportDone { format, events, error, .. } => {
                    let all = std::mem::replace(&mut *parts.borrow_mut(), js_sys::Array::new());
                    match error {
                        None => {
                            engine::download(
                                &all,
                                &format!("actiontrail-events.{}", format.extension()),
                                format.mime(),
                            );
                            d.dispatch(Action::Notice(Some(format!(
                                "Exported {} events as {}.",
                                count(events),
                                format.extension().to_uppercase()
                            ))));
                        }
                        Some(e) => d.dispatch(Action::Notice(Some(format!("The export stopped: {e}")))),
                    }
                    d.dispatch(Action::Exporting(None));
                }
                other => d.dispatch(Action::Worker(other)),
            };
            match EngineHandle::spawn(on_response) {
                Ok(h) => *engine.borrow_mut() = Some(h),
                Err(e) => dispatch.dispatch(Action::Failure(format!("the event worker could not start: {e}"))),
            }
            let engine = engine.clone();
            move || drop(engine.borrow_mut().take())
        });
    }

    let send = {
        let engine = engine.clone();
        move |r: &Request| {
            if let Some(e) = engine.borrow().as_ref() {
                e.send(r);
            }
        }
    };

    // Every change of the wanted filter or order (or a finished load) becomes one query.
    {
        let (send, dispatch, next_id) = (send.clone(), state.dispatcher(), next_id.clone());
        let deps = (state.filter.clone(), state.desc, state.progress.loading, state.progress.events, state.ready);
        use_effect_with(deps, move |(filter, desc, loading, events, ready)| {
            if *ready && !*loading && *events > 0 {
                let id = next_id();
                dispatch.dispatch(Action::Queried(id));
                send(&Request::Query { id, filter: filter.clone(), facet_limit: FACET_LIMIT, rows: PAGE, desc: *desc });
            }
        });
    }

    // The selected event's JSON.
    {
        let send = send.clone();
        let deps = (state.selected_event.clone(), state.progress.loading, state.progress.events);
        use_effect_with(deps, move |(sel, loading, events)| {
            if let (Some(id), false, true) = (sel, *loading, *events > 0) {
                send(&Request::Detail { id: 0, event_id: id.clone() });
            }
        });
    }

    // The URL follows the view while the tab is shown (a new history entry per change)...
    {
        let view = state.view();
        use_effect_with((view, p.active), |(view, active)| {
            if *active {
                let q = share::to_query(view);
                let want = if q.is_empty() { "/events".to_string() } else { format!("/events?{q}") };
                if hash::current().trim_start_matches('#') != want {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_hash(&want);
                    }
                }
            }
        });
    }
    // ...and the view follows the URL (back/forward, a pasted link).
    {
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = hash::on_change(move |h| {
                let Some((path, q)) = h.split_once('?').or(Some((h.as_str(), ""))) else { return };
                if path.trim_start_matches('#') != "/events" {
                    return;
                }
                let s = latest.borrow().clone();
                let v = share::from_query(q);
                if v != s.view() {
                    s.dispatch(Action::SetView(v));
                }
            });
            move || drop(listener)
        });
    }

    // Keyboard: / search, j/k move, Enter opens, Esc clears.
    {
        let (latest, search_ref, send, active, cursor) =
            (latest.clone(), search_ref.clone(), send.clone(), p.active, cursor.clone());
        use_effect_with(active, move |active| {
            let active = *active;
            // Not passive: `/` must not also type a slash into the search box it focuses.
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let listener =
                gloo::events::EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                    if !active || e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    let s = latest.borrow().clone();
                    let typing = is_typing(e);
                    match e.key().as_str() {
                        "/" if !typing => {
                            e.prevent_default();
                            if let Some(i) = search_ref.cast::<web_sys::HtmlElement>() {
                                let _ = i.focus();
                            }
                        }
                        "j" | "k" if !typing && s.selected > 0 => {
                            e.prevent_default();
                            let c = match (cursor.borrow().get(), e.key().as_str()) {
                                (None, _) => 0,
                                (Some(c), "j") => (c + 1).min(s.selected - 1),
                                (Some(c), _) => c.saturating_sub(1),
                            };
                            cursor.borrow().set(Some(c));
                            s.dispatch(Action::Cursor(Some(c)));
                            if s.row_at(c).is_none() {
                                send(&Request::Rows {
                                    id: s.query_id,
                                    offset: c.saturating_sub(PAGE / 2),
                                    limit: PAGE,
                                    desc: s.desc,
                                });
                            }
                        }
                        "Enter" if !typing => {
                            if let Some(row) = cursor.borrow().get().and_then(|c| s.row_at(c)) {
                                e.prevent_default();
                                s.dispatch(Action::Select(Some(row.event_id.clone())));
                            }
                        }
                        "Escape" => {
                            if typing {
                                if let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                                    let _ = el.blur();
                                }
                            }
                            cursor.borrow().set(None);
                            s.dispatch(Action::Select(None));
                            s.dispatch(Action::Cursor(None));
                        }
                        _ => {}
                    }
                });
            move || drop(listener)
        });
    }

    let on_files = {
        let (engine, dispatch) = (engine.clone(), state.dispatcher());
        Callback::from(move |files: Vec<web_sys::File>| {
            dispatch.dispatch(Action::Notice(None));
            if let Some(e) = engine.borrow().as_ref() {
                e.load(&files);
            }
        })
    };
    let on_sample = {
        let (on_files, dispatch) = (on_files.clone(), state.dispatcher());
        Callback::from(move |_| {
            let (on_files, dispatch) = (on_files.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match engine::bundled_file(SAMPLE_URL, "sample-trail.json.gz").await {
                    Ok(f) => on_files.emit(vec![f]),
                    Err(e) => dispatch.dispatch(Action::Notice(Some(format!("The sample could not be loaded ({e})")))),
                }
            });
        })
    };
    let on_clear = {
        let send = send.clone();
        Callback::from(move |_| send(&Request::Clear))
    };
    let on_cancel = {
        let send = send.clone();
        Callback::from(move |_| send(&Request::Cancel))
    };
    let set_filter = {
        let dispatch = state.dispatcher();
        Callback::from(move |f: Filter| dispatch.dispatch(Action::SetFilter(f)))
    };
    let toggle = {
        let (dispatch, filter) = (state.dispatcher(), state.filter.clone());
        Callback::from(move |(field, value, exclude): (Field, String, bool)| {
            let mut f = filter.clone();
            f.toggle(field, &value, exclude);
            dispatch.dispatch(Action::SetFilter(f));
        })
    };
    let on_range = {
        let (dispatch, filter) = (state.dispatcher(), state.filter.clone());
        Callback::from(move |(from, to): (i64, i64)| {
            dispatch.dispatch(Action::SetFilter(Filter { from_ms: Some(from), to_ms: Some(to), ..filter.clone() }))
        })
    };
    let on_expand = {
        let dispatch = state.dispatcher();
        Callback::from(move |f: Field| dispatch.dispatch(Action::ToggleExpanded(f)))
    };
    let on_select = {
        let dispatch = state.dispatcher();
        Callback::from(move |(pos, id): (usize, String)| {
            dispatch.dispatch(Action::Cursor(Some(pos)));
            dispatch.dispatch(Action::Select(Some(id)));
        })
    };
    let on_need_rows = {
        let (send, qid, desc) = (send.clone(), state.query_id, state.desc);
        Callback::from(move |offset: usize| send(&Request::Rows { id: qid, offset, limit: PAGE, desc }))
    };
    let on_sort = {
        let dispatch = state.dispatcher();
        Callback::from(move |desc: bool| dispatch.dispatch(Action::SetDesc(desc)))
    };
    let on_export = {
        let (send, dispatch, next_id) = (send.clone(), state.dispatcher(), next_id.clone());
        Callback::from(move |format: ExportFormat| {
            let id = next_id();
            dispatch.dispatch(Action::Exporting(Some((id, format))));
            dispatch.dispatch(Action::Notice(Some("Exporting…".into())));
            send(&Request::Export { id, format });
        })
    };
    let on_close = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Select(None)))
    };

    let pr = &state.progress;
    let has_events = pr.events > 0;
    html! {
        <div class="explorer">
            <div class="explorer-head">
                <h2>{ "Events" }</h2>
                <div class="counts" aria-live="polite">
                    <span data-testid="event-count" data-count={pr.events.to_string()} data-wasm-bytes={pr.wasm_bytes.to_string()}
                          data-load-ms={pr.elapsed_ms.to_string()}>{ format!("{} events", count(pr.events)) }</span>
                    <span class="sep">{ " · " }</span>
                    <span data-testid="error-count" data-count={pr.errors.to_string()} class={classes!((pr.errors > 0).then_some("bad-text"))}>
                        { format!("{} with errors", count(pr.errors)) }
                    </span>
                    if let Some(ms) = state.query_ms {
                        <span class="hint" data-testid="query-time" data-ms={format!("{ms:.2}")} data-query-id={state.query_id.to_string()}>
                            { format!(" · query {ms:.0} ms") }
                        </span>
                    }
                </div>
            </div>
            if let Some(f) = &state.failure { <div class="error-box" role="alert" data-testid="explorer-failure">{ f.clone() }</div> }
            if let Some(n) = &state.notice { <div class="notice" role="status" data-testid="explorer-notice">{ n.clone() }</div> }
            <Loader {on_files} {on_sample} {on_clear} {has_events} loading={pr.loading} />
            if !pr.files.is_empty() || pr.loading {
                <LoadReport progress={pr.clone()} {on_cancel} />
            }
            if has_events {
                <Toolbar filter={state.filter.clone()} on_change={set_filter.clone()} {on_export}
                         exporting={state.exporting.is_some()} search_ref={search_ref.clone()} />
                <FilterChips filter={state.filter.clone()} on_change={set_filter} />
                if let Some(r) = &state.result {
                    <SummaryStrip summary={r.summary.clone()} query_id={state.query_id} result_id={state.result_id} />
                    <TimeHistogram histogram={r.histogram.clone()} {on_range} />
                    <div class="explore-grid">
                        <Facets facets={r.facets.clone()} filter={state.filter.clone()} expanded={state.expanded.clone()}
                                on_toggle={toggle.clone()} {on_expand} />
                        <div class="explore-main">
                            if state.selected == 0 {
                                <p class="empty-state hint" data-testid="no-matches">{ "No events match these filters. Remove a filter above, or clear them all." }</p>
                            }
                            <EventTable rows={state.rows.clone()} offset={state.rows_offset} total={state.selected} desc={state.desc}
                                        selected={state.selected_event.clone()} cursor={state.cursor} {on_select} {on_need_rows} {on_sort} />
                            if let Some(id) = &state.selected_event {
                                <EventDetail event_id={id.clone()} detail={state.detail.clone()} on_filter={toggle} {on_close} />
                            }
                        </div>
                    </div>
                }
            } else if !pr.loading {
                <p class="empty-state hint" data-testid="empty-state">
                    { "No events loaded yet. Drop ActionTrail files above (from the trail's OSS bucket, a LookupEvents dump, an SLS export or CloudTrail), or press “Load sample events” to try it." }
                </p>
            }
        </div>
    }
}
