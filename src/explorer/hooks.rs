//! The explorer's effects as custom hooks: the worker's lifecycle (`use_engine`), the URL
//! (`use_url_sync`) and the keyboard (`use_shortcuts`). Each turns the outside world into
//! intents for the reducer, or the reducer's state into requests; none keeps a copy of the state.

use super::state::{Action, Drawn, ExplorerState, Notice, WorkerFailure};
use crate::route::Location;
use crate::services::hash;
use crate::services::worker_handle::{self, WorkerEvent, WorkerHandle};
use crate::worker::codec::Beside;
use console_core::screens::explorer::REDRAW_WAIT_MS;
use console_core::screens::trail_source::Event as TrailEvent;
use console_core::trail::export;
use console_core::trail::protocol::{ExportFormat, Request, Response, TrailLoad};
use console_core::trail::query::Filter;
use console_core::trail::recovery::{Decision, Recovery};
use console_core::trail::share::ViewState;
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

struct Bridge {
    handle: Option<WorkerHandle>,
    /// Every file sent since the last Clear, in order, and the worker's deaths: what a new
    /// worker reloads after a crash, and what is left out (core's policy).
    recovery: Recovery<web_sys::File>,
    /// Export text gathered until the export is done.
    export_parts: js_sys::Array,
    /// The files of the last Clear, for Undo.
    cleared: Vec<web_sys::File>,
    /// The name the export running will download as.
    export_name: String,
    /// The trail panel's screen: the worker's trail progress and end go there.
    trail: Option<Callback<TrailEvent>>,
    /// The trail load whose answers are wanted (none after a Clear).
    trail_load: Option<u64>,
    next_id: u64,
    dispatch: UseReducerDispatcher<ExplorerState>,
}

/// The page's side of the event worker. Started when the events view is first shown; if the
/// worker dies it is started again and the files this page holds are reloaded.
#[derive(Clone)]
pub struct WorkerBridge(Rc<RefCell<Bridge>>);

impl PartialEq for WorkerBridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl WorkerBridge {
    fn new(dispatch: UseReducerDispatcher<ExplorerState>) -> Self {
        WorkerBridge(Rc::new(RefCell::new(Bridge {
            handle: None,
            recovery: Recovery::default(),
            export_parts: js_sys::Array::new(),
            cleared: Vec::new(),
            export_name: String::new(),
            trail: None,
            trail_load: None,
            next_id: 0,
            dispatch,
        })))
    }

    /// A fresh request id.
    pub fn next_id(&self) -> u64 {
        let mut b = self.0.borrow_mut();
        b.next_id += 1;
        b.next_id
    }

    /// Send a request (dropped if the worker is not running).
    pub fn send(&self, req: &Request) {
        if let Some(h) = &self.0.borrow().handle {
            h.send(req);
        }
    }

    /// Load files, added to what is loaded.
    pub fn load(&self, files: Vec<web_sys::File>) {
        self.start();
        let dispatch = {
            let mut b = self.0.borrow_mut();
            if let Some(h) = &b.handle {
                h.load(&files);
            }
            b.recovery.sent(files.into_iter().map(|f| (f.name(), f)));
            b.dispatch.clone()
        };
        dispatch.dispatch(Action::FilesSent);
    }

    /// Export what `filter` keeps, as `format` (downloaded under a name that says what it holds).
    pub fn export(&self, id: u64, format: ExportFormat, filter: Filter) {
        self.0.borrow_mut().export_name = export::file_name(&filter, format.extension());
        self.send(&Request::Export { id, format, filter });
    }

    /// Load again what the last Clear forgot.
    pub fn undo_clear(&self) {
        let files = std::mem::take(&mut self.0.borrow_mut().cleared);
        if !files.is_empty() {
            // The dispatcher out first: nothing of the bridge is borrowed while the model runs
            // (its requests are sent from there).
            let dispatch = self.0.borrow().dispatch.clone();
            dispatch.dispatch(Action::Notice(None));
            self.load(files);
        }
    }

    /// Have the worker fetch a trail's planned objects (it hands each back as a file to load).
    pub fn load_trail(&self, load: TrailLoad) {
        self.start();
        self.0.borrow_mut().trail_load = Some(load.id);
        self.send(&Request::LoadTrail(Box::new(load)));
    }

    /// Whether an answer about trail load `load` is wanted.
    fn wanted(&self, load: u64) -> bool {
        self.0.borrow().trail_load == Some(load)
    }

    /// Where the worker's trail progress and end go.
    pub fn set_trail_sink(&self, sink: Callback<TrailEvent>) {
        self.0.borrow_mut().trail = Some(sink);
    }

    fn to_trail(&self, e: TrailEvent) {
        let sink = self.0.borrow().trail.clone();
        if let Some(sink) = sink {
            sink.emit(e);
        }
    }

    /// Forget every file.
    pub fn clear(&self) {
        let (dispatch, files) = {
            let mut b = self.0.borrow_mut();
            b.cleared = b.recovery.clear();
            // A trail load stops with the Clear (the worker stops it too): what it still
            // sends is not loaded.
            b.trail_load = None;
            (b.dispatch.clone(), b.cleared.len())
        };
        dispatch.dispatch(Action::ClearRequested { files });
        self.to_trail(TrailEvent::Cleared);
        self.send(&Request::Clear);
    }

    fn start(&self) {
        if self.0.borrow().handle.is_some() {
            return;
        }
        let weak = Rc::downgrade(&self.0);
        let dispatch = self.0.borrow().dispatch.clone();
        dispatch.dispatch(Action::WorkerStarting);
        let spawned = WorkerHandle::spawn(move |event| {
            if let Some(inner) = weak.upgrade() {
                WorkerBridge(inner).on_event(event);
            }
        });
        match spawned {
            Ok(h) => {
                if let Some(name) = crash_on_read() {
                    h.send(&Request::CrashOnRead { name });
                }
                let mut b = self.0.borrow_mut();
                b.recovery.worker_started();
                b.handle = Some(h);
            }
            Err(e) => dispatch.dispatch(Action::WorkerFailed(WorkerFailure::CouldNotStart(e))),
        }
    }

    fn on_event(&self, event: WorkerEvent) {
        let dispatch = self.0.borrow().dispatch.clone();
        match event {
            WorkerEvent::Message(r, beside) => match *r {
                Response::ExportChunk { .. } => {
                    if let Beside::Text(text) = beside {
                        self.0.borrow().export_parts.push(&text.into());
                    }
                }
                // Objects the worker fetched: loaded like dropped files, and kept (as handles) to
                // reload into a new worker.
                Response::TrailFetched { load } => {
                    if let (true, Beside::Files(files)) = (self.wanted(load), beside) {
                        self.load(files);
                    }
                }
                Response::TrailProgress { load, progress } => {
                    if self.wanted(load) {
                        self.to_trail(TrailEvent::Progress(progress));
                    }
                }
                Response::TrailLoaded { load, failures, end, progress, offset_ms } => {
                    if self.wanted(load) {
                        self.0.borrow_mut().trail_load = None;
                        self.to_trail(TrailEvent::Loaded { failures, end, progress, offset_ms });
                    }
                }
                Response::ExportDone { format, result, .. } => {
                    let parts = std::mem::replace(&mut self.0.borrow_mut().export_parts, js_sys::Array::new());
                    let notice = match result {
                        Ok(events) => {
                            let name = std::mem::take(&mut self.0.borrow_mut().export_name);
                            worker_handle::download(&parts, &name, format.mime());
                            Notice::Exported { events, format }
                        }
                        Err(e) => Notice::ExportStopped(e),
                    };
                    dispatch.dispatch(Action::Notice(Some(notice)));
                    dispatch.dispatch(Action::Exporting(None));
                }
                r => {
                    match &r {
                        Response::Progress(p) => self.0.borrow_mut().recovery.progress(p),
                        Response::Result { .. } => self.0.borrow_mut().recovery.answered(),
                        // Only for the recovery: nothing on screen changes.
                        Response::Reading { generation, file } => {
                            return self.0.borrow_mut().recovery.started(*generation, *file)
                        }
                        _ => {}
                    }
                    dispatch.dispatch(Action::Worker(r));
                }
            },
            WorkerEvent::Unreadable(why) => {
                dispatch.dispatch(Action::Notice(Some(Notice::Unreadable(why))));
            }
            WorkerEvent::Died(reason) => {
                // Not from inside the dying worker's own callback: its closures go with it.
                let bridge = self.clone();
                wasm_bindgen_futures::spawn_local(async move { bridge.recover(reason) });
            }
        }
    }

    /// Start a new worker and reload the files, as core's recovery policy decides.
    fn recover(&self, reason: String) {
        let (dispatch, decision, dropped, before) = {
            let mut b = self.0.borrow_mut();
            b.handle = None;
            b.export_parts = js_sys::Array::new();
            let decision = b.recovery.died(&reason);
            let dropped = b.recovery.dropped().to_vec();
            (b.dispatch.clone(), decision, dropped, b.recovery.events_before().unwrap_or(0))
        };
        // A trail load in the dead worker ends with it; what it handed over is kept.
        self.0.borrow_mut().trail_load = None;
        self.to_trail(TrailEvent::WorkerStopped);
        let files = match decision {
            Decision::GiveUp { times } => {
                dispatch.dispatch(Action::WorkerFailed(WorkerFailure::DiedTooOften { times, reason }));
                return;
            }
            Decision::Restart { reload, .. } => reload,
        };
        dispatch.dispatch(Action::WorkerDied { reason, files: files.len(), dropped, before });
        self.start();
        if !files.is_empty() {
            if let Some(h) = &self.0.borrow().handle {
                h.load(&files);
            }
            dispatch.dispatch(Action::FilesSent);
        }
    }
}

/// Test hook: `?test-hooks&crash-on-read=NAME` makes every worker fail when it reads a file whose
/// name starts with NAME, as a file that kills the worker would (the recovery's end-to-end test).
fn crash_on_read() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let mut pairs = search.trim_start_matches('?').split('&');
    if !pairs.clone().any(|p| p == "test-hooks") {
        return None;
    }
    let raw = pairs.find_map(|p| p.strip_prefix("crash-on-read="))?;
    js_sys::decode_uri_component(raw).ok().map(String::from).filter(|n| !n.is_empty())
}

/// The revision of the explorer's state the views draw: the latest, except while a change waits
/// for its query's answer (the model's `redraw_can_wait`), for at most `REDRAW_WAIT_MS`. The
/// answer is then drawn with the change in one frame, instead of a frame of "pending" first
/// whose work on the page delays the answer's.
#[hook]
pub fn use_drawn_revision(state: &ExplorerState) -> u64 {
    struct Gate {
        revision: u64,
        drawn: Drawn,
        /// The end of the wait, while one runs (dropping it cancels it).
        timer: Option<Timeout>,
        /// The wait ran out: draw what there is.
        expired: Rc<Cell<bool>>,
    }
    let gate =
        use_mut_ref(|| Gate { revision: state.revision, drawn: state.drawn(), timer: None, expired: Rc::default() });
    let redraw = use_force_update();
    let mut g = gate.borrow_mut();
    if g.revision != state.revision {
        if !g.expired.get() && state.redraw_can_wait(g.drawn) {
            if g.timer.is_none() {
                let expired = g.expired.clone();
                g.timer = Some(Timeout::new(REDRAW_WAIT_MS, move || {
                    expired.set(true);
                    redraw.force_update();
                }));
            }
        } else {
            g.revision = state.revision;
            g.drawn = state.drawn();
            g.timer = None;
            g.expired.set(false);
        }
    }
    g.revision
}

/// The event worker, started the first time `active` is true.
#[hook]
pub fn use_engine(active: bool, dispatch: UseReducerDispatcher<ExplorerState>) -> WorkerBridge {
    let bridge = (*use_memo((), move |_| WorkerBridge::new(dispatch))).clone();
    {
        let bridge = bridge.clone();
        use_effect_with(active, move |active| {
            if *active {
                bridge.start();
            }
        });
    }
    {
        let bridge = bridge.clone();
        use_effect_with((), move |_| move || drop(bridge.0.borrow_mut().handle.take()));
    }
    bridge
}

/// Keep the URL and the view in step: the URL follows the view while the tab is shown (a new
/// history entry per change), and the view follows the URL (a pasted link, back/forward).
/// `url_view` is the events state in the URL, `None` while another view is shown.
///
/// `synced` is the view URL and state last agreed on. A change on either side is told from an
/// echo of our own write by comparing with it, so a link that opens the tab is applied, not
/// overwritten by the state it replaces (hashchange events arrive after both sides moved).
#[hook]
pub fn use_url_sync(
    view: ViewState,
    active: bool,
    url_view: Option<ViewState>,
    dispatch: UseReducerDispatcher<ExplorerState>,
) {
    let synced = use_mut_ref(|| None::<ViewState>);
    let write = |view: &ViewState| {
        let want = Location::events_hash(view);
        if hash::current().trim_start_matches('#') != want {
            hash::set(&want);
        }
    };
    {
        let (synced, url) = (synced.clone(), url_view.clone());
        use_effect_with((view.clone(), active), move |(view, active)| {
            // Before the first agreement the URL speaks first (the effect below applies it).
            let first = synced.borrow().is_none() && url.is_some();
            if *active && !first && synced.borrow().as_ref() != Some(view) {
                write(view);
                *synced.borrow_mut() = Some(view.clone());
            }
        });
    }
    let previous = use_mut_ref(|| None::<ViewState>);
    use_effect_with(url_view, move |url_view| {
        let came_from_another_view = previous.borrow().is_none();
        *previous.borrow_mut() = url_view.clone();
        let Some(u) = url_view else { return };
        if synced.borrow().as_ref() == Some(u) {
            // Our own write coming back.
            return;
        }
        if came_from_another_view && *u == ViewState::default() {
            // Switching tabs lands on a bare `#/events`: keep the view; the URL catches up.
            write(&view);
            *synced.borrow_mut() = Some(view.clone());
        } else {
            *synced.borrow_mut() = Some(u.clone());
            if *u != view {
                dispatch.dispatch(Action::SetView(u.clone()));
            }
        }
    });
}

fn is_typing(target: &web_sys::Element) -> bool {
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || target.has_attribute("contenteditable")
}

fn is_control(target: &web_sys::Element) -> bool {
    is_typing(target) || matches!(target.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY")
}

/// Focus the events table (the skip link and `t`), scrolled into view.
pub fn focus_table() {
    if let Some(table) = gloo::utils::document()
        .get_element_by_id("events-table")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        table.scroll_into_view();
        let _ = table.focus();
    }
}

/// Keyboard: `/` search, `t` the table, `j`/`k` move, `Enter` opens the event under the cursor,
/// `Esc` clears.
#[hook]
pub fn use_shortcuts(active: bool, search: NodeRef, dispatch: UseReducerDispatcher<ExplorerState>) {
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
                let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
                let typing = is_typing(&target);
                match e.key().as_str() {
                    "/" if !typing => {
                        e.prevent_default();
                        if let Some(i) = search.cast::<web_sys::HtmlElement>() {
                            let _ = i.focus();
                        }
                    }
                    "t" if !typing => {
                        e.prevent_default();
                        focus_table();
                    }
                    "j" | "k" if !typing => {
                        e.prevent_default();
                        dispatch.dispatch(Action::MoveCursor(if e.key() == "j" { 1 } else { -1 }));
                    }
                    // Enter on a button or link keeps its own meaning.
                    "Enter" if !is_control(&target) => {
                        e.prevent_default();
                        dispatch.dispatch(Action::OpenCursor);
                    }
                    "Escape" => {
                        // In the search box, Escape empties it and drops its filter too.
                        let in_search = search.get().is_some_and(|s| s == *target.as_ref());
                        if typing {
                            if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
                                let _ = el.blur();
                            }
                        }
                        if in_search {
                            dispatch.dispatch(Action::ClearText);
                        }
                        dispatch.dispatch(Action::Escape);
                    }
                    _ => {}
                }
            });
        move || drop(listener)
    });
}
