//! The events screen's model and reducer. The store lives in the worker; this holds what is on
//! screen, what the user wants (filter, order, selection, search text) and where loading stands.
//! Actions are intents ("toggle this value", "set the search text", "move the cursor"), applied to
//! the latest state, so no callback ever acts on a stale copy.

use console_core::trail::load::FileReport;
use console_core::trail::protocol::{DetailError, DetailOk, ExportError, ExportFormat, Progress, Response};
use console_core::trail::query::{Filter, QueryResult, Row};
use console_core::trail::recovery::Dropped;
use console_core::trail::share::ViewState;
use console_core::trail::store::Field;
use std::rc::Rc;
use yew::Reducible;

/// The selected event as the worker sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub event_id: String,
    pub result: Result<DetailOk, DetailError>,
}

/// Where loading stands, rebuilt from the worker's progress notices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loading {
    /// The worker's generation these reports belong to (`None`: take the next notice whole).
    pub generation: Option<u64>,
    /// Notices from generations before this one are stale (sent before a Clear was handled).
    pub min_generation: u64,
    /// Shared: every action clones the state, and a trail can have thousands of files.
    pub files: Rc<Vec<FileReport>>,
    pub bytes_total: u64,
    pub bytes_read: u64,
    pub events: u64,
    pub errors: u64,
    pub loading: bool,
    pub elapsed_ms: u64,
    pub wasm_bytes: u64,
}

impl Loading {
    fn apply(&mut self, p: Progress) {
        if p.generation < self.min_generation {
            return;
        }
        let files = Rc::make_mut(&mut self.files);
        if self.generation != Some(p.generation) {
            files.clear();
            self.generation = Some(p.generation);
        }
        files.resize(p.files as usize, FileReport::default());
        for (i, report) in p.updates {
            if let Some(slot) = files.get_mut(i as usize) {
                *slot = report;
            }
        }
        self.bytes_total = p.bytes_total;
        self.bytes_read = p.bytes_read;
        self.events = p.events;
        self.errors = p.errors;
        self.loading = p.loading;
        self.elapsed_ms = p.elapsed_ms;
        self.wasm_bytes = p.wasm_bytes;
    }
}

/// A bucket's access-tracking and lifecycle events in the loaded events (newest first).
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub bucket: String,
    pub events: Rc<Vec<Row>>,
    pub total: u64,
}

/// The worker's health, as the page sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Worker {
    /// Not started yet (the events view was never shown).
    #[default]
    Idle,
    Starting,
    Ready,
    /// It died (`reason`: what the browser said); a new one is starting and the files are being
    /// reloaded, except `dropped`, the files that stopped it twice, and `before` events had
    /// been loaded before the first death.
    Recovering {
        reason: String,
        files: usize,
        dropped: Vec<Dropped>,
        before: u64,
    },
    /// It died again while recovering, or could not start.
    Failed(WorkerFailure),
}

/// Why events cannot be loaded at all.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerFailure {
    /// The browser would not start the worker (what it said).
    CouldNotStart(String),
    /// It stopped this many times in a row; the last time for `reason`.
    DiedTooOften { times: u32, reason: String },
}

/// A message above the explorer, written in the page's language when shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The shipped sample could not be fetched (what the browser said).
    SampleFailed(String),
    Exporting,
    Exported {
        events: u64,
        format: ExportFormat,
    },
    ExportStopped(ExportError),
    /// After a worker restart, the events reloaded, how many there were before, and the files
    /// left out (each stopped the worker twice).
    Restarted {
        events: u64,
        before: u64,
        dropped: Vec<Dropped>,
    },
    /// The worker did not understand a request (a bug; what it said).
    BadRequest(String),
    /// A message from the worker could not be read (a bug; why).
    Unreadable(String),
}

/// A preset filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    ErrorsOnly,
    SensitiveOnly,
}

/// Everything on the events screen.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ExplorerState {
    pub worker: Worker,
    pub load: Loading,
    /// The applied filter and order (what the URL, the chips and the query use).
    pub filter: Filter,
    pub desc: bool,
    /// What is typed in the search box (applied to `filter.text` after a pause in typing).
    pub search_input: String,
    /// Shared (cheap to clone, and equal by pointer first), like the rows.
    pub result: Option<Rc<QueryResult>>,
    /// A page of rows of the current query, starting at `rows_offset`.
    pub rows: Rc<Vec<Row>>,
    pub rows_offset: usize,
    pub selected: usize,
    /// Id of the latest query sent: older answers are ignored.
    pub query_id: u64,
    /// Id of the query whose answer is shown.
    pub result_id: u64,
    pub selected_event: Option<String>,
    /// Keyboard cursor: a position in the selection.
    pub cursor: Option<usize>,
    pub detail: Option<Detail>,
    pub exporting: Option<(u64, ExportFormat)>,
    pub notice: Option<Notice>,
    /// How long the worker took for the last query.
    pub query_ms: Option<f64>,
    /// Facets showing more values.
    pub expanded: Vec<Field>,
    /// The last bucket history asked for (the tracking view shows it).
    pub history: Option<History>,
    /// Whether the "From an OSS bucket" panel is loading a trail (its model is
    /// `console_core::screens::trail_source`, run by `trail_flow`).
    pub trail_loading: bool,
}

pub enum Action {
    // From the worker bridge.
    WorkerStarting,
    Worker(Response),
    WorkerDied {
        reason: String,
        files: usize,
        dropped: Vec<Dropped>,
        before: u64,
    },
    WorkerFailed(WorkerFailure),
    // Requests the page sent.
    Queried(u64),
    ClearRequested,
    Exporting(Option<(u64, ExportFormat)>),
    Notice(Option<Notice>),
    // Intents.
    ToggleValue {
        field: Field,
        value: String,
        exclude: bool,
    },
    RemoveValue {
        field: Field,
        value: String,
        exclude: bool,
    },
    SetRange(i64, i64),
    ClearRange,
    ClearText,
    TogglePreset(Preset),
    ClearFilters,
    SetSearchInput(String),
    ApplySearch,
    SetDesc(bool),
    Select(Option<String>),
    /// Move the keyboard cursor by this many rows.
    MoveCursor(i64),
    /// Put the cursor on a row and select its event (a click).
    Pick {
        pos: usize,
        event_id: String,
    },
    /// Open the event under the cursor.
    OpenCursor,
    /// Esc: close the detail, drop the cursor.
    Escape,
    ToggleExpanded(Field),
    /// From the URL (a link, back/forward).
    SetView(ViewState),
    /// The "From an OSS bucket" panel.
    TrailLoading(bool),
}

impl ExplorerState {
    /// Start from what the URL says.
    pub fn from_view(v: ViewState) -> Self {
        ExplorerState {
            search_input: v.filter.text.clone(),
            filter: v.filter,
            desc: v.desc,
            selected_event: v.selected,
            ..Default::default()
        }
    }

    /// The state a link should carry.
    pub fn view(&self) -> ViewState {
        ViewState { filter: self.filter.clone(), desc: self.desc, selected: self.selected_event.clone() }
    }

    /// The cached row at a position of the selection, if fetched.
    pub fn row_at(&self, pos: usize) -> Option<&Row> {
        pos.checked_sub(self.rows_offset).and_then(|k| self.rows.get(k))
    }

    /// Whether queries can be answered now.
    /// Whether the events can be queried: loaded, and no load running (a trail loading from its
    /// bucket counts until its last object is in).
    pub fn can_query(&self) -> bool {
        self.worker == Worker::Ready && !self.load.loading && !self.trail_loading && self.load.events > 0
    }

    fn set_filter(&mut self, f: Filter) {
        if self.filter != f {
            self.filter = f;
            self.cursor = None;
        }
    }

    fn forget_answers(&mut self) {
        self.history = None;
        self.result = None;
        self.rows = Rc::default();
        self.rows_offset = 0;
        self.selected = 0;
        self.detail = None;
        self.cursor = None;
        self.exporting = None;
    }
}

impl Reducible for ExplorerState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::WorkerStarting => {
                if !matches!(s.worker, Worker::Recovering { .. }) {
                    s.worker = Worker::Starting;
                }
            }
            Action::WorkerDied { reason, files, dropped, before } => {
                s.worker = Worker::Recovering { reason, files, dropped, before };
                // The new worker starts over at generation 0: take its first notice whole.
                s.load = Loading { loading: files > 0, ..Loading::default() };
                s.forget_answers();
            }
            Action::WorkerFailed(reason) => {
                s.worker = Worker::Failed(reason);
                s.load.loading = false;
            }
            Action::Worker(r) => match r {
                // After a recovery the notice stays until the reload has finished.
                Response::Ready if !matches!(s.worker, Worker::Recovering { .. }) => s.worker = Worker::Ready,
                Response::Progress(p) => {
                    let was_loading = s.load.loading;
                    s.load.apply(p);
                    if let Worker::Recovering { dropped, before, .. } = &s.worker {
                        if !s.load.loading {
                            let (dropped, before) = (dropped.clone(), *before);
                            s.worker = Worker::Ready;
                            s.notice = Some(Notice::Restarted { events: s.load.events, before, dropped });
                        }
                    }
                    if s.load.events == 0 && !s.load.loading {
                        s.forget_answers();
                    }
                    if was_loading && !s.load.loading {
                        s.cursor = None;
                    }
                }
                Response::Result { answer, query_ms } if answer.id == s.query_id => {
                    s.result_id = answer.id;
                    s.query_ms = Some(query_ms);
                    s.result = Some(Rc::new(answer.result));
                    s.rows = Rc::new(answer.rows);
                    s.rows_offset = 0;
                    s.selected = answer.selected;
                    s.cursor = s.cursor.filter(|&c| c < answer.selected);
                }
                Response::Rows(page) if page.id == s.query_id => {
                    s.rows = Rc::new(page.rows);
                    s.rows_offset = page.offset;
                }
                Response::Detail { event_id, result, .. } if s.selected_event.as_deref() == Some(&event_id) => {
                    s.detail = Some(Detail { event_id, result });
                }
                Response::History { bucket, events, total, .. } => {
                    s.history = Some(History { bucket, events: Rc::new(events), total });
                }
                Response::BadRequest { message } => s.notice = Some(Notice::BadRequest(message)),
                _ => {}
            },
            Action::Queried(id) => s.query_id = id,
            Action::ClearRequested => {
                s.load = Loading { min_generation: s.load.generation.map_or(0, |g| g + 1), ..Loading::default() };
                s.forget_answers();
            }
            Action::Exporting(e) => s.exporting = e,
            Action::Notice(n) => s.notice = n,
            Action::ToggleValue { field, value, exclude } => {
                let mut f = s.filter.clone();
                f.toggle(field, &value, exclude);
                s.set_filter(f);
            }
            Action::RemoveValue { field, value, exclude } => {
                let mut f = s.filter.clone();
                f.remove(field, &value, exclude);
                s.set_filter(f);
            }
            Action::SetRange(from, to) => {
                let f = Filter { from_ms: Some(from.min(to)), to_ms: Some(from.max(to)), ..s.filter.clone() };
                s.set_filter(f);
            }
            Action::ClearRange => {
                let f = Filter { from_ms: None, to_ms: None, ..s.filter.clone() };
                s.set_filter(f);
            }
            Action::ClearText => {
                s.search_input.clear();
                let f = Filter { text: String::new(), ..s.filter.clone() };
                s.set_filter(f);
            }
            Action::TogglePreset(p) => {
                let mut f = s.filter.clone();
                match p {
                    Preset::ErrorsOnly => f.errors_only = !f.errors_only,
                    Preset::SensitiveOnly => f.sensitive_only = !f.sensitive_only,
                }
                s.set_filter(f);
            }
            Action::ClearFilters => {
                s.search_input.clear();
                s.set_filter(Filter::default());
            }
            Action::SetSearchInput(text) => s.search_input = text,
            Action::ApplySearch => {
                let text = s.search_input.trim().to_string();
                let f = Filter { text, ..s.filter.clone() };
                s.set_filter(f);
            }
            Action::SetDesc(d) => {
                if s.desc != d {
                    s.desc = d;
                    s.cursor = None;
                }
            }
            Action::Select(id) => {
                if s.selected_event != id {
                    s.detail = None;
                }
                s.selected_event = id;
            }
            Action::MoveCursor(delta) => {
                if s.selected > 0 {
                    let last = s.selected as i64 - 1;
                    s.cursor = Some(match s.cursor {
                        None => 0,
                        Some(c) => (c as i64 + delta).clamp(0, last) as usize,
                    });
                }
            }
            Action::Pick { pos, event_id } => {
                s.cursor = Some(pos);
                if s.selected_event.as_deref() != Some(&event_id) {
                    s.detail = None;
                }
                s.selected_event = Some(event_id);
            }
            Action::OpenCursor => {
                if let Some(id) = s.cursor.and_then(|c| s.row_at(c)).map(|r| r.event_id.clone()) {
                    if s.selected_event.as_deref() != Some(&id) {
                        s.detail = None;
                    }
                    s.selected_event = Some(id);
                }
            }
            Action::Escape => {
                s.selected_event = None;
                s.detail = None;
                s.cursor = None;
            }
            Action::ToggleExpanded(f) => {
                if let Some(i) = s.expanded.iter().position(|x| *x == f) {
                    s.expanded.remove(i);
                } else {
                    s.expanded.push(f);
                }
            }
            Action::TrailLoading(on) => s.trail_loading = on,
            Action::SetView(v) => {
                if s.selected_event != v.selected {
                    s.detail = None;
                }
                if s.filter.text != v.filter.text {
                    s.search_input = v.filter.text.clone();
                }
                s.set_filter(v.filter);
                s.desc = v.desc;
                s.selected_event = v.selected;
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(s: ExplorerState, a: Action) -> ExplorerState {
        (*Rc::new(s).reduce(a)).clone()
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_facet_click_made_while_typing_survives_the_debounce() {
        let mut s = ExplorerState::default();
        s = reduce(s, Action::SetSearchInput("ali".into()));
        // The click lands before the debounce fires...
        s = reduce(s, Action::ToggleValue { field: Field::EventName, value: "PutBucket".into(), exclude: false });
        // ...and the debounced search is applied to the latest state, keeping it.
        s = reduce(s, Action::ApplySearch);
        assert_eq!(s.filter.text, "ali");
        assert!(s.filter.has(Field::EventName, "PutBucket", false));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn stale_progress_from_before_a_clear_is_ignored() {
        let mut s = ExplorerState::default();
        let p = |generation, files, events| Progress {
            generation,
            files,
            events,
            updates: (0..files).map(|i| (i, FileReport { name: format!("f{i}"), ..Default::default() })).collect(),
            ..Default::default()
        };
        s = reduce(s, Action::Worker(Response::Progress(p(0, 2, 10))));
        assert_eq!(s.load.files.len(), 2);
        s = reduce(s, Action::ClearRequested);
        s = reduce(s, Action::Worker(Response::Progress(p(0, 3, 15))));
        assert!(s.load.files.is_empty(), "a notice sent before the worker handled the clear");
        s = reduce(s, Action::Worker(Response::Progress(p(1, 0, 0))));
        s = reduce(s, Action::Worker(Response::Progress(p(1, 1, 4))));
        assert_eq!((s.load.files.len(), s.load.events), (1, 4));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn the_cursor_moves_within_the_selection() {
        let mut s = ExplorerState { selected: 3, ..Default::default() };
        s = reduce(s, Action::MoveCursor(1));
        assert_eq!(s.cursor, Some(0));
        for _ in 0..5 {
            s = reduce(s, Action::MoveCursor(1));
        }
        assert_eq!(s.cursor, Some(2));
        s = reduce(s, Action::MoveCursor(-7));
        assert_eq!(s.cursor, Some(0));
        s = reduce(s, Action::Escape);
        assert_eq!(s.cursor, None);
    }
}
