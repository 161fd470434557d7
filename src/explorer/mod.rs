//! The "Events" view: load ActionTrail files into the worker and explore them.

mod loader;
mod report;
pub mod state;

use crate::services::engine::{self, EngineHandle};
use crate::widgets::format::count;
use console_core::trail::protocol::{Request, Response};
use console_core::trail::query::Filter;
use loader::Loader;
use report::LoadReport;
use state::{Action, ExplorerState};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Where Trunk puts the sample trail.
const SAMPLE_URL: &str = "./sample-trail.json.gz";

/// Shared handle to the worker (None until it starts, or if it failed).
pub type Engine = Rc<RefCell<Option<EngineHandle>>>;

/// Send the current filter as a new query.
pub fn run_query(
    engine: &Engine,
    dispatch: &UseReducerDispatcher<ExplorerState>,
    next_id: u64,
    filter: Filter,
    desc: bool,
) {
    if let Some(e) = engine.borrow().as_ref() {
        dispatch.dispatch(Action::Queried(next_id, filter.clone()));
        e.send(&Request::Query {
            id: next_id,
            filter,
            facet_limit: 10,
            rows: 200,
            desc,
        });
    }
}

#[function_component(EventsView)]
pub fn events_view() -> Html {
    let state = use_reducer(ExplorerState::default);
    let engine: Engine = use_mut_ref(|| None::<EngineHandle>);

    {
        let (engine, dispatch) = (engine.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            let d = dispatch.clone();
            match EngineHandle::spawn(move |r: Response| d.dispatch(Action::Worker(r))) {
                Ok(h) => *engine.borrow_mut() = Some(h),
                Err(e) => dispatch.dispatch(Action::Failure(format!("the event worker could not start: {e}"))),
            }
            let engine = engine.clone();
            move || drop(engine.borrow_mut().take())
        });
    }

    // When a load finishes (or events are cleared), refresh the query.
    {
        let (engine, dispatch) = (engine.clone(), state.dispatcher());
        let (loading, events, qid, filter, desc) = (
            state.progress.loading,
            state.progress.events,
            state.query_id,
            state.filter.clone(),
            state.desc,
        );
        use_effect_with((loading, events), move |(loading, events)| {
            if !*loading && *events > 0 {
                run_query(&engine, &dispatch, qid + 1, filter, desc);
            }
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
        let engine = engine.clone();
        Callback::from(move |_| {
            if let Some(e) = engine.borrow().as_ref() {
                e.send(&Request::Clear);
            }
        })
    };
    let on_cancel = {
        let engine = engine.clone();
        Callback::from(move |_| {
            if let Some(e) = engine.borrow().as_ref() {
                e.send(&Request::Cancel);
            }
        })
    };

    let p = &state.progress;
    let has_events = p.events > 0;
    html! {
        <div class="explorer">
            <div class="explorer-head">
                <h2>{ "Events" }</h2>
                <div class="counts" aria-live="polite">
                    <span data-testid="event-count" data-count={p.events.to_string()}>{ format!("{} events", count(p.events)) }</span>
                    <span class="sep">{ " · " }</span>
                    <span data-testid="error-count" data-count={p.errors.to_string()} class={classes!((p.errors > 0).then_some("bad-text"))}>
                        { format!("{} with errors", count(p.errors)) }
                    </span>
                </div>
            </div>
            if let Some(f) = &state.failure { <div class="error-box" role="alert" data-testid="explorer-failure">{ f.clone() }</div> }
            if let Some(n) = &state.notice { <div class="error-box" role="alert">{ n.clone() }</div> }
            <Loader {on_files} {on_sample} {on_clear} {has_events} loading={p.loading} />
            if !p.files.is_empty() || p.loading {
                <LoadReport progress={p.clone()} {on_cancel} />
            }
            if !has_events && !p.loading {
                <p class="empty-state hint" data-testid="empty-state">
                    { "No events loaded yet. Drop ActionTrail files above (from the trail's OSS bucket, a LookupEvents dump, an SLS export or CloudTrail), or press “Load sample events” to try it." }
                </p>
            }
        </div>
    }
}
