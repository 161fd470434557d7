//! The "Events" view: load ActionTrail files into the worker and explore them.

mod chips;
mod detail;
mod facets;
mod histogram;
pub mod hooks;
mod loader;
mod report;
pub mod state;
mod summary;
mod table;
mod toolbar;
mod trail_flow;
mod trail_source;
pub mod trail_state;

use crate::services::engine;
use crate::widgets::format::count;
use chips::FilterChips;
use console_core::trail::protocol::{ExportFormat, Request};
use console_core::trail::share::ViewState;
use detail::EventDetail;
use facets::Facets;
use histogram::TimeHistogram;
use hooks::{use_engine, use_shortcuts, use_url_sync, EngineBridge};
use loader::Loader;
use report::LoadReport;
use state::{Action, ExplorerState, Worker};
use summary::SummaryStrip;
use table::{EventTable, PAGE};
use toolbar::Toolbar;
use trail_source::TrailSource;
use yew::prelude::*;

/// Where Trunk puts the sample trail.
const SAMPLE_URL: &str = "./sample-trail.json.gz";
/// Facet values fetched per field (the cards show fewer until "show more").
const FACET_LIMIT: usize = 50;

/// Whether the page was opened with test hooks (`?test-hooks`): shows a control that makes the
/// worker crash, so the end-to-end tests can check the page recovers.
fn test_hooks() -> bool {
    web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|s| s.contains("test-hooks"))
}

/// The explorer's model and its worker, shared by the views (the tracking view asks the loaded
/// events for a bucket's history).
#[derive(Clone, PartialEq)]
pub struct Explorer {
    pub state: UseReducerHandle<ExplorerState>,
    pub bridge: EngineBridge,
}

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    /// Whether the Events tab is shown: the worker starts the first time it is.
    pub events_active: bool,
    /// The events state in the URL at start-up.
    pub url_view: Option<ViewState>,
    pub children: Html,
}

/// Holds the explorer's state and worker for everything inside it.
#[function_component(ExplorerProvider)]
pub fn explorer_provider(p: &ProviderProps) -> Html {
    let state = use_reducer(|| ExplorerState::from_view(p.url_view.clone().unwrap_or_default()));
    let bridge = use_engine(p.events_active, state.dispatcher());
    let explorer = Explorer { state, bridge };
    html! { <ContextProvider<Explorer> context={explorer}>{ p.children.clone() }</ContextProvider<Explorer>> }
}

/// The page's explorer.
#[hook]
pub fn use_explorer() -> Explorer {
    use_context::<Explorer>().expect("ExplorerProvider wraps the app")
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Whether the Events tab is shown (keyboard shortcuts and the URL belong to it then).
    pub active: bool,
    /// The events state in the URL (`None` while another view is shown).
    pub url_view: Option<ViewState>,
}

#[function_component(EventsView)]
pub fn events_view(p: &Props) -> Html {
    let Explorer { state, bridge } = use_explorer();
    let search_ref = use_node_ref();
    use_url_sync(state.view(), p.active, p.url_view.clone(), state.dispatcher());
    use_shortcuts(p.active, search_ref.clone(), state.dispatcher());

    // Every change of the wanted filter or order (or a finished load) becomes one query.
    {
        let (bridge, dispatch) = (bridge.clone(), state.dispatcher());
        let deps = (state.filter.clone(), state.desc, state.can_query(), state.load.events, state.load.generation);
        use_effect_with(deps, move |(filter, desc, can_query, _, _)| {
            if *can_query {
                let id = bridge.next_id();
                dispatch.dispatch(Action::Queried(id));
                bridge.send(&Request::Query {
                    id,
                    filter: filter.clone(),
                    facet_limit: FACET_LIMIT,
                    rows: PAGE,
                    desc: *desc,
                });
            }
        });
    }

    // The selected event's JSON.
    {
        let bridge = bridge.clone();
        let deps = (state.selected_event.clone(), state.can_query(), state.load.generation);
        use_effect_with(deps, move |(sel, can_query, _)| {
            if let (Some(event_id), true) = (sel, *can_query) {
                bridge.send(&Request::Detail { id: bridge.next_id(), event_id: event_id.clone() });
            }
        });
    }

    // Rows for the keyboard cursor when it leaves the fetched page.
    {
        let bridge = bridge.clone();
        let missing = state.cursor.filter(|&c| state.row_at(c).is_none());
        use_effect_with((missing, state.query_id, state.desc), move |(missing, _, desc)| {
            if let Some(c) = missing {
                bridge.send(&Request::Rows { offset: c.saturating_sub(PAGE / 2), limit: PAGE, desc: *desc });
            }
        });
    }

    // Stable callbacks: a child whose props did not change skips its render.
    let on_action = use_callback(state.dispatcher(), |a: Action, dispatch| dispatch.dispatch(a));
    let on_files =
        use_callback((bridge.clone(), state.dispatcher()), |files: Vec<web_sys::File>, (bridge, dispatch)| {
            dispatch.dispatch(Action::Notice(None));
            bridge.load(files);
        });
    let on_sample = use_callback((on_files.clone(), state.dispatcher()), |_, (on_files, dispatch)| {
        let (on_files, dispatch) = (on_files.clone(), dispatch.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match engine::bundled_file(SAMPLE_URL, "sample-trail.json.gz").await {
                Ok(f) => on_files.emit(vec![f]),
                Err(e) => dispatch.dispatch(Action::Notice(Some(format!("The sample could not be loaded ({e})")))),
            }
        });
    });
    let on_clear = use_callback(bridge.clone(), |_, bridge| bridge.clear());
    let on_cancel = use_callback(bridge.clone(), |_, bridge| bridge.send(&Request::Cancel));
    let on_need_rows = use_callback((bridge.clone(), state.desc), |offset: usize, (bridge, desc)| {
        bridge.send(&Request::Rows { offset, limit: PAGE, desc: *desc })
    });
    let on_export = use_callback(
        (bridge.clone(), state.dispatcher(), state.filter.clone()),
        |format: ExportFormat, (bridge, dispatch, filter)| {
            let id = bridge.next_id();
            dispatch.dispatch(Action::Exporting(Some((id, format))));
            dispatch.dispatch(Action::Notice(Some("Exporting…".into())));
            bridge.send(&Request::Export { id, format, filter: filter.clone() });
        },
    );
    let on_crash = {
        let bridge = bridge.clone();
        Callback::from(move |_: MouseEvent| bridge.send(&Request::Crash))
    };

    let load = &state.load;
    let has_events = load.events > 0;
    let worker_note = match &state.worker {
        Worker::Recovering { reason, files } => Some(html! {
            <div class="notice warn" role="status" data-testid="worker-recovering">
                { format!("The event worker stopped ({reason}). A new one was started and the {files} file(s) this page holds are being reloaded; your filters and selection are kept.") }
            </div>
        }),
        Worker::Failed(reason) => Some(html! {
            <div class="error-box" role="alert" data-testid="explorer-failure">{ format!("Events cannot be loaded: {reason}.") }</div>
        }),
        _ => None,
    };
    html! {
        <div class="explorer">
            <div class="explorer-head">
                <h2>{ "Events" }</h2>
                <div class="counts" aria-live="polite">
                    <span data-testid="event-count" data-count={load.events.to_string()} data-wasm-bytes={load.wasm_bytes.to_string()}
                          data-load-ms={load.elapsed_ms.to_string()}>{ format!("{} events", count(load.events)) }</span>
                    <span class="sep">{ " · " }</span>
                    <span data-testid="error-count" data-count={load.errors.to_string()} class={classes!((load.errors > 0).then_some("bad-text"))}>
                        { format!("{} with errors", count(load.errors)) }
                    </span>
                    if let Some(ms) = state.query_ms {
                        <span class="hint" data-testid="query-time" data-ms={format!("{ms:.2}")} data-query-id={state.query_id.to_string()}>
                            { format!(" · query {ms:.0} ms") }
                        </span>
                    }
                </div>
                if test_hooks() {
                    <button type="button" class="link" onclick={on_crash} data-testid="test-crash-worker">{ "Crash the worker (test)" }</button>
                }
            </div>
            { for worker_note }
            if let Some(n) = &state.notice { <div class="notice" role="status" data-testid="explorer-notice">{ n.clone() }</div> }
            <Loader {on_files} {on_sample} {on_clear} {has_events} loading={load.loading} />
            <TrailSource panel={state.trail.clone()} dispatch={state.dispatcher()} bridge={bridge.clone()} events={load.events} />
            if !load.files.is_empty() || load.loading {
                <LoadReport load={load.clone()} {on_cancel} />
            }
            if has_events {
                <Toolbar filter={state.filter.clone()} search_input={state.search_input.clone()} on_action={on_action.clone()}
                         {on_export} exporting={state.exporting.is_some()} search_ref={search_ref.clone()} />
                <FilterChips filter={state.filter.clone()} on_action={on_action.clone()} />
                if let Some(r) = &state.result {
                    <SummaryStrip summary={r.summary.clone()} query_id={state.query_id} result_id={state.result_id} />
                    <TimeHistogram result={r.clone()} on_action={on_action.clone()} />
                    <div class="explore-grid">
                        <Facets result={r.clone()} filter={state.filter.clone()} expanded={state.expanded.clone()}
                                on_action={on_action.clone()} />
                        <div class="explore-main">
                            if state.selected == 0 {
                                <p class="empty-state hint" data-testid="no-matches">{ "No events match these filters. Remove a filter above, or clear them all." }</p>
                            }
                            <EventTable rows={state.rows.clone()} offset={state.rows_offset} total={state.selected} desc={state.desc}
                                        selected={state.selected_event.clone()} cursor={state.cursor} on_action={on_action.clone()} {on_need_rows} />
                            if let Some(id) = &state.selected_event {
                                <EventDetail event_id={id.clone()} detail={state.detail.clone()} on_action={on_action.clone()} />
                            }
                        </div>
                    </div>
                }
            } else if !load.loading {
                <p class="empty-state hint" data-testid="empty-state">
                    { "No events loaded yet. Drop ActionTrail files above (from the trail's OSS bucket, a LookupEvents dump, an SLS export or CloudTrail), or press “Load sample events” to try it." }
                </p>
            }
        </div>
    }
}
