//! The "Events" view: load ActionTrail files into the worker and explore them.

mod chips;
mod detail;
mod facets;
mod handoff_panel;
mod histogram;
pub mod hooks;
mod loader;
mod report;
pub mod state;
mod summary;
mod table;
mod time_range;
mod toolbar;
mod trail_flow;
mod trail_source;

use crate::i18n::{use_lang, Key, Tr};
use crate::services::worker_handle;
use crate::widgets::announcer::use_announcer;
use crate::widgets::copy_button::CopyButton;
use crate::widgets::format::count;
use chips::FilterChips;
use console_core::trail::protocol::{ExportFormat, Request};
use console_core::trail::share::{Trimmed, ViewState};
use detail::EventDetail;
use facets::Facets;
use handoff_panel::HandoffPanel;
use histogram::TimeHistogram;
use hooks::{use_drawn_revision, use_engine, use_shortcuts, use_url_sync, WorkerBridge};
use loader::Loader;
use report::LoadReport;
use state::{Action, Command, ExplorerState, Notice, Worker};
use summary::{QueryProgress, SummaryStrip};
use table::EventTable;
use time_range::TimeRange;
use toolbar::Toolbar;
use trail_source::TrailSource;
use yew::prelude::*;

/// Where Trunk puts the sample trail.
const SAMPLE_URL: &str = "./sample-trail.json.gz";

/// Whether the page was opened with test hooks (`?test-hooks`): shows a control that makes the
/// worker crash, so the end-to-end tests can check the page recovers.
fn test_hooks() -> bool {
    web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|s| s.contains("test-hooks"))
}

/// The explorer's model and its worker, shared by the views (the tracking view asks the loaded
/// events for a bucket's history).
#[derive(Clone)]
pub struct Explorer {
    /// The latest state (read at each render, so never older than what is drawn).
    pub state: UseReducerHandle<ExplorerState>,
    pub bridge: WorkerBridge,
    /// The state's revision the views draw: they render again when it changes.
    drawn: u64,
}

impl PartialEq for Explorer {
    fn eq(&self, other: &Self) -> bool {
        self.drawn == other.drawn && self.bridge == other.bridge
    }
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
    // The model's requests go to the worker as the model makes them, before the redraw.
    {
        let (state, bridge) = (state.clone(), bridge.clone());
        use_memo((), move |_| state.set_sink(Callback::from(move |c| send_command(&bridge, c))));
    }
    // A click's redraw waits for its answer when that is on its way (at most a few frames), so
    // the page draws once, not "pending" and then the answer. Only where the queries stand (the
    // summary's attributes) is drawn at once.
    let drawn = use_drawn_revision(&state);
    let progress =
        QueryProgress { query_id: state.query_id, result_id: state.result_id, pending: !state.result_is_current() };
    let explorer = Explorer { state, bridge, drawn };
    html! {
        <ContextProvider<QueryProgress> context={progress}>
            <ContextProvider<Explorer> context={explorer}>{ p.children.clone() }</ContextProvider<Explorer>>
        </ContextProvider<QueryProgress>>
    }
}

/// One of the model's requests, to the worker.
fn send_command(bridge: &WorkerBridge, c: Command) {
    bridge.send(&match c {
        Command::Query { id, filter, facet_limit, rows, desc } => {
            Request::Query { id, filter, facet_limit, rows, desc }
        }
        Command::Rows { offset, limit, desc } => Request::Rows { offset, limit, desc },
        Command::Detail { event_id } => Request::Detail { id: bridge.next_id(), event_id },
        Command::Insights { id } => Request::Insights { id },
        Command::Profile { id, field, value } => Request::Profile { id, field, value },
        Command::Buckets { id } => Request::Buckets { id },
    });
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
    /// What the link carried past its caps (said until the link changes).
    #[prop_or_default]
    pub trimmed: Trimmed,
}

#[function_component(EventsView)]
pub fn events_view(p: &Props) -> Html {
    let lang = use_lang();
    let announcer = use_announcer();
    let Explorer { state, bridge, .. } = use_explorer();
    let search_ref = use_node_ref();
    use_url_sync(state.view(), p.active, p.url_view.clone(), state.dispatcher());
    use_shortcuts(p.active, search_ref.clone(), state.dispatcher());

    // Requests the model decided on before the sink was there, sent after the render.
    {
        let (bridge, state) = (bridge.clone(), state.clone());
        use_effect_with(state.queued, move |_| {
            for c in state.take_commands() {
                send_command(&bridge, c);
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
            match worker_handle::bundled_file(SAMPLE_URL, "sample-trail.json.gz").await {
                Ok(f) => on_files.emit(vec![f]),
                Err(e) => dispatch.dispatch(Action::Notice(Some(Notice::SampleFailed(e)))),
            }
        });
    });
    let on_clear = use_callback(bridge.clone(), |_, bridge| bridge.clear());
    let on_undo_clear = {
        let bridge = bridge.clone();
        Callback::from(move |_: MouseEvent| bridge.undo_clear())
    };
    let on_cancel = use_callback(bridge.clone(), |_, bridge| bridge.send(&Request::Cancel));
    let on_need_rows =
        use_callback(state.dispatcher(), |offset: usize, dispatch| dispatch.dispatch(Action::NeedRows { offset }));
    let on_export = use_callback(
        (bridge.clone(), state.dispatcher(), state.filter.clone()),
        |format: ExportFormat, (bridge, dispatch, filter)| {
            let id = bridge.next_id();
            dispatch.dispatch(Action::Exporting(Some((id, format))));
            dispatch.dispatch(Action::Notice(Some(Notice::Exporting)));
            bridge.export(id, format, filter.clone());
        },
    );
    let on_skip = Callback::from(|_: MouseEvent| hooks::focus_table());
    let on_crash = {
        let bridge = bridge.clone();
        Callback::from(move |_: MouseEvent| bridge.send(&Request::Crash))
    };

    // Loading is said when it starts and when it ends, not at every progress notice (a trail
    // from its bucket reaches the worker in many batches: one load until its last object is in).
    {
        let (announcer, load) = (announcer.clone(), state.load.clone());
        use_effect_with(state.load.loading || state.trail_loading, move |loading| {
            if *loading {
                announcer.say(lang.t(Key::AnnounceLoading));
            } else if !load.files.is_empty() {
                let problems = load.files.iter().filter(|f| f.error.is_some()).count() as u64;
                announcer.say(lang.t(Key::AnnounceLoaded {
                    events: count(lang, load.events),
                    files: count(lang, load.files.len() as u64),
                    problems,
                }));
            }
        });
    }
    // When the answer to a changed filter arrives, say how many events it keeps (the first
    // answer after a load is covered by "loaded"). Keyed on the answer, not the filter: the filter
    // changes a render before its query is even sent.
    {
        let (selected, total, filter) = (state.selected as u64, state.load.events, state.filter.clone());
        let latest = state.result_is_current();
        let last = use_mut_ref(|| None::<console_core::trail::query::Filter>);
        use_effect_with(state.result_id, move |_| {
            if latest {
                let before = last.borrow_mut().replace(filter.clone());
                if before.is_some_and(|b| b != filter) && total > 0 {
                    announcer.say(lang.t(Key::AnnounceMatches { n: count(lang, selected), total: count(lang, total) }));
                }
            }
        });
    }

    let load = &state.load;
    let has_events = load.events > 0;
    // The link to this view (filters, order, selection), as the address bar will show it: made
    // when the view changes, not at every progress notice.
    let share_url = (*use_memo(state.view(), |view| {
        let here = web_sys::window().map(|w| w.location());
        let origin = here.as_ref().and_then(|l| l.origin().ok()).unwrap_or_default();
        let path = here.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_default();
        format!("{origin}{path}#{}", crate::route::Location::events_hash(view))
    }))
    .clone();
    let worker_note = match &state.worker {
        Worker::Recovering { reason, files, dropped, .. } => Some(html! {
            <div class="notice warn" role="status" data-testid="worker-recovering"
                 data-dropped={dropped.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join("\n")}>
                { lang.t(Key::WorkerRecovering { reason, files: *files, dropped }) }
            </div>
        }),
        Worker::Failed(failure) => Some(html! {
            <div class="error-box" role="alert" data-testid="explorer-failure">{ lang.t(Key::WorkerFailed(failure)) }</div>
        }),
        _ => None,
    };
    html! {
        <div class="explorer">
            // Past the loader, the search and the time range in one key press (also `t`).
            if has_events {
                <button type="button" class="skip-link" onclick={on_skip} data-testid="skip-to-table">{ lang.t(Key::SkipToTable) }</button>
            }
            <div class="explorer-head">
                <h2>{ lang.t(Key::EventsHeading) }</h2>
                // Changes at every progress notice: not a live region (the announcer says the result).
                <div class="counts">
                    <span data-testid="event-count" data-count={load.events.to_string()} data-wasm-bytes={load.wasm_bytes.to_string()}
                          data-load-ms={load.elapsed_ms.to_string()} data-worker-ready={(state.worker == Worker::Ready).to_string()}
                          data-read-ahead={load.read_ahead.to_string()}>{ lang.t(Key::EventCount(&count(lang, load.events))) }</span>
                    <span class="sep">{ " · " }</span>
                    <span data-testid="error-count" data-count={load.errors.to_string()} class={classes!((load.errors > 0).then_some("bad-text"))}>
                        { lang.t(Key::WithErrors(&count(lang, load.errors))) }
                    </span>
                    if let Some(ms) = state.query_ms {
                        <span class="hint" data-testid="query-time" data-ms={format!("{ms:.2}")} data-query-id={state.query_id.to_string()}>
                            { lang.t(Key::QueryTime(&crate::widgets::format::decimal(lang, ms.round()))) }
                        </span>
                    }
                </div>
                if test_hooks() {
                    <button type="button" class="link" onclick={on_crash} data-testid="test-crash-worker">{ lang.t(Key::TestCrashWorker) }</button>
                }
            </div>
            { for worker_note }
            if !p.trimmed.is_empty() {
                <div class="notice warn" role="status" data-testid="link-trimmed">{ lang.t(Key::LinkTrimmed(&p.trimmed)) }</div>
            }
            if let Some(n) = &state.notice {
                <div class="notice" role="status" data-testid="explorer-notice" data-notice={notice_kind(n)}>
                    { lang.t(Key::Notice(n)) }
                    if matches!(n, Notice::Cleared { .. }) {
                        { " " }
                        <button type="button" class="link" onclick={on_undo_clear} data-testid="undo-clear">{ lang.t(Key::UndoClear) }</button>
                    }
                </div>
            }
            // A link opened before its files are loaded: say which filters wait for them.
            if !has_events && state.filter != console_core::trail::query::Filter::default() {
                <div class="notice" role="status" data-testid="link-waiting">
                    <p>{ lang.t(Key::LinkWaiting) }</p>
                    <FilterChips filter={state.filter.clone()} on_action={on_action.clone()} />
                </div>
            }
            <Loader {on_files} {on_sample} {on_clear} {has_events} loading={load.loading} />
            <TrailSource dispatch={state.dispatcher()} bridge={bridge.clone()} events={load.events} reading={load.loading} />
            if !load.files.is_empty() || load.loading {
                <LoadReport load={load.clone()} {on_cancel} />
            }
            if has_events {
                <Toolbar filter={state.filter.clone()} search_input={state.search_input.clone()} on_action={on_action.clone()}
                         {on_export} exporting={state.exporting.is_some()} search_ref={search_ref.clone()} />
                <TimeRange from_ms={state.filter.from_ms} to_ms={state.filter.to_ms} on_action={on_action.clone()} />
                <div class="row">
                    <FilterChips filter={state.filter.clone()} on_action={on_action.clone()} />
                    <CopyButton text={share_url} label={lang.t(Key::CopyLink)} testid="copy-link" />
                </div>
                <HandoffPanel filter={state.filter.clone()}
                              span={state.result.as_ref().and_then(|r| Some((r.summary.first_ms?, r.summary.last_ms?)))} />
                if let Some(r) = &state.result {
                    <SummaryStrip summary={r.summary.clone()} />
                    <TimeHistogram result={r.clone()} on_action={on_action.clone()} />
                    // The table first (in reading and tab order); the facets sit beside it on a
                    // wide screen and after it on a narrow one.
                    <div class="explore-grid">
                        <div class={classes!("explore-main", state.selected_event.is_some().then_some("with-detail"))}>
                            if state.selected == 0 {
                                <p class="empty-state hint" data-testid="no-matches">{ lang.t(Key::NoMatches) }</p>
                            }
                            <EventTable rows={state.rows.clone()} offset={state.rows_offset} total={state.selected} desc={state.desc}
                                        selected={state.selected_event.clone()} cursor={state.cursor} on_action={on_action.clone()} {on_need_rows} />
                            if let Some(id) = &state.selected_event {
                                <EventDetail event_id={id.clone()} detail={state.detail.clone()} on_action={on_action.clone()} />
                            }
                        </div>
                        <Facets result={r.clone()} filter={state.filter.clone()} expanded={state.expanded.clone()}
                                on_action={on_action.clone()} />
                    </div>
                }
            } else if !load.loading {
                <p class="empty-state hint" data-testid="empty-state">{ lang.t(Key::EmptyState) }</p>
            }
        </div>
    }
}

/// A stable name for each kind of notice (tests read it; the words depend on the language).
fn notice_kind(n: &Notice) -> &'static str {
    match n {
        Notice::SampleFailed(_) => "sample-failed",
        Notice::Exporting => "exporting",
        Notice::Exported { .. } => "exported",
        Notice::ExportStopped(_) => "export-stopped",
        Notice::Restarted { .. } => "restarted",
        Notice::Cleared { .. } => "cleared",
        Notice::BadRequest(_) => "bad-request",
        Notice::Unreadable(_) => "unreadable",
    }
}
