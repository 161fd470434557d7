//! The events screen. The store lives in the worker; this holds what is on screen, what the
//! person wants (filter, order, selection, search text), where loading stands and the worker's
//! health. Events are intents ("toggle this value", "set the search text", "move the cursor") or
//! what the worker said, applied to the latest state; `update` also decides which requests the
//! worker gets ([`Command`]): a query whenever the filter, the order or the loaded events change
//! (its id assigned here, so an older answer never overwrites a newer one), the selected event's
//! detail, and rows for the keyboard cursor.

use crate::trail::insights::{BucketSeen, Insights, Profile};
use crate::trail::load::FileReport;
use crate::trail::protocol::{DetailError, DetailOk, ExportError, ExportFormat, HistoryEntry, Progress, Response};
use crate::trail::query::{Filter, QueryResult, Row};
use crate::trail::recovery::Dropped;
use crate::trail::share::ViewState;
use crate::trail::store::Field;
use std::rc::Rc;

/// Facet values a query asks for per field (the cards show fewer until "show more").
pub const FACET_LIMIT: usize = 50;
/// Rows a query or a page of rows asks for.
pub const PAGE: usize = 100;

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
    /// Bytes the worker has read ahead on its reader thread (see `Progress::read_ahead`).
    pub read_ahead: u64,
    /// Load requests the page sent to this worker, and how many it has taken: a load is running
    /// while one is on its way, whatever an older notice says.
    pub sent: u64,
    pub taken: u64,
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
        self.read_ahead = p.read_ahead;
        self.taken = p.loads;
        self.loading = p.loading || self.sent > self.taken;
    }
}

/// A bucket's access-tracking and lifecycle events in the loaded events (newest first).
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// The request it answers (answers to older ones are not shown over it).
    pub id: u64,
    pub bucket: String,
    pub events: Rc<Vec<HistoryEntry>>,
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
        /// The view's filters were cleared: the worker stopped again before answering a query
        /// after its restart, and a query may be what stops it.
        filter_dropped: bool,
    },
    /// The events were cleared: `events` from `files` files; Undo loads the same files again.
    Cleared {
        events: u64,
        files: usize,
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
pub struct Explorer {
    pub worker: Worker,
    pub load: Loading,
    /// The applied filter and order (what the URL, the chips and the query use).
    pub filter: Filter,
    pub desc: bool,
    /// What is typed in the search box (applied to `filter.text` as it is typed).
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
    /// The insights over the loaded events, once asked for (the Insights view is shown).
    pub insights: Option<Rc<InsightsAnswer>>,
    /// Who did what, for the identity or AccessKey the Insights view shows.
    pub profile: Option<Rc<ProfileAnswer>>,
    /// The buckets the loaded events name (for the many-buckets view), once asked for.
    pub buckets_seen: Option<Rc<Vec<BucketSeen>>>,
    /// Whether the many-buckets view is shown, and the events its buckets were asked for.
    buckets_wanted: bool,
    buckets_asked: Option<(u64, u64)>,
    buckets_id: u64,
    /// Whether the Insights view is shown (insights are computed only for it).
    insights_wanted: bool,
    /// The events the insights were asked for: (events, generation), and the request's id.
    insights_asked: Option<(u64, u64)>,
    insights_id: u64,
    /// The profile shown, and what it was asked for.
    profile_wanted: Option<(Field, String)>,
    profile_asked: Option<(Field, String, u64, u64)>,
    profile_id: u64,
    /// Whether the "From an OSS bucket" panel is loading a trail (its own screen,
    /// [`trail_source`](super::trail_source), says so).
    pub trail_loading: bool,
    /// What the latest query was for: a change of any of it makes a new query.
    queried: Option<QueryKey>,
    /// The query sent and not answered yet. One at a time: changes made meanwhile (keystrokes,
    /// clicks) become one query, sent when this one is answered, so the worker never works
    /// through a queue of queries nobody waits for any more.
    in_flight: Option<u64>,
    /// The selected event whose detail was asked for, and for which loaded events.
    detail_asked: Option<(String, u64, u64)>,
    /// The rows asked for the cursor: (query id, offset).
    rows_asked: Option<(u64, usize)>,
    /// The worker restarted and has not answered a query since.
    unanswered_restart: bool,
    /// A query was sent since the last restart.
    asked_since_restart: bool,
    /// The view's filters were cleared at the last restart.
    filter_dropped: bool,
    /// Rows the table needs (scrolling), not asked for yet.
    rows_wanted: Option<usize>,
}

/// The insights and how long the worker took.
#[derive(Clone, Debug, PartialEq)]
pub struct InsightsAnswer {
    /// The request it answers.
    pub id: u64,
    pub insights: Insights,
    pub ms: f64,
}

/// A profile as answered (`profile: None`: nothing loaded has that value).
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileAnswer {
    pub field: Field,
    pub value: String,
    pub profile: Option<Profile>,
}

/// What a query answers for.
#[derive(Clone, Debug, PartialEq)]
struct QueryKey {
    filter: Filter,
    desc: bool,
    events: u64,
    generation: Option<u64>,
}

/// A request for the worker, decided by [`Explorer::update`].
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// `Request::Query` with this id (the model takes only its answer).
    Query { id: u64, filter: Filter, facet_limit: usize, rows: usize, desc: bool },
    /// `Request::Rows` of the latest query.
    Rows { offset: usize, limit: usize, desc: bool },
    /// `Request::Detail` for the selected event.
    Detail { event_id: String },
    /// `Request::Insights` (the model takes only the answer with this id).
    Insights { id: u64 },
    /// `Request::Profile`.
    Profile { id: u64, field: Field, value: String },
    /// `Request::Buckets`.
    Buckets { id: u64 },
}

/// What happens to the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
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
    /// Clear; `files` of the events can be loaded again (Undo).
    ClearRequested {
        files: usize,
    },
    /// Files went to the worker (a Load request).
    FilesSent,
    /// The table shows rows from `offset` it does not have (scrolling).
    NeedRows {
        offset: usize,
    },
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
    /// A range typed end by end (`None`: open at that end).
    SetTypedRange {
        from: Option<i64>,
        to: Option<i64>,
    },
    ClearRange,
    ClearText,
    TogglePreset(Preset),
    ClearFilters,
    SetSearchInput(String),
    ApplySearch,
    /// The sort button: the other order than the model's (not the one drawn, which a click's
    /// redraw may not have reached yet).
    ToggleDesc,
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
    /// The Insights view is shown (or not), with the identity or AccessKey whose activity it
    /// shows, if any.
    ShowInsights {
        shown: bool,
        profile: Option<(Field, String)>,
    },
    /// The many-buckets view is shown (or not): it lists the buckets the events name.
    ShowFleet(bool),
}

/// The longest the page leaves a change undrawn while its query's answer is on the way (see
/// [`Explorer::redraw_can_wait`]): well under the tenth of a second in which a response still
/// feels immediate.
pub const REDRAW_WAIT_MS: u32 = 50;

/// Of a state the page drew: its latest query, and whether the answer drawn was that query's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drawn {
    pub query_id: u64,
    pub current: bool,
}

impl Explorer {
    /// Start from what the URL says.
    pub fn from_view(v: ViewState) -> Self {
        Explorer {
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

    /// Whether the insights shown are those of the events loaded now (none newer asked for).
    pub fn insights_done(&self) -> bool {
        let loaded = (self.load.events, self.load.generation.unwrap_or(0));
        self.can_query()
            && self.insights_asked == Some(loaded)
            && self.insights.as_ref().is_some_and(|a| a.id == self.insights_id)
    }

    /// The cached row at a position of the selection, if fetched.
    pub fn row_at(&self, pos: usize) -> Option<&Row> {
        pos.checked_sub(self.rows_offset).and_then(|k| self.rows.get(k))
    }

    /// Whether the answer shown is for the filter and order as they are now (not an older
    /// answer shown while the next query waits, or while queries wait for a load).
    pub fn result_is_current(&self) -> bool {
        self.result.is_some()
            && self.result_id == self.query_id
            && self.queried.as_ref().is_some_and(|k| k.filter == self.filter && k.desc == self.desc)
    }

    /// What the page needs to remember of the state it drew, for [`Explorer::redraw_can_wait`].
    pub fn drawn(&self) -> Drawn {
        Drawn { query_id: self.query_id, current: self.result_is_current() }
    }

    /// Whether the page may leave this state undrawn for a moment: what it drew was a current
    /// answer, and a query sent since has no answer yet. Drawn now, the state would show its
    /// query pending for a frame that the answer, usually in within a few milliseconds, replaces
    /// at once; and the page's work on that frame would hold up the answer's. The page waits for
    /// the answer, at most [`REDRAW_WAIT_MS`], and draws both changes together.
    pub fn redraw_can_wait(&self, drawn: Drawn) -> bool {
        drawn.current && self.query_id != drawn.query_id && self.in_flight == Some(self.query_id) && self.can_query()
    }

    /// Whether the events can be queried: loaded, and no load running (a trail loading from its
    /// bucket counts until its last object is in).
    pub fn can_query(&self) -> bool {
        self.worker == Worker::Ready && !self.load.loading && !self.trail_loading && self.load.events > 0
    }

    /// The reload after a restart is done: say so, with what was left out.
    fn finish_recovery(&mut self) {
        if let Worker::Recovering { dropped, before, .. } = &self.worker {
            let (dropped, before) = (dropped.clone(), *before);
            self.worker = Worker::Ready;
            self.notice = Some(Notice::Restarted {
                events: self.load.events,
                before,
                dropped,
                filter_dropped: self.filter_dropped,
            });
        }
    }

    fn set_filter(&mut self, f: Filter) {
        if self.filter != f {
            self.filter = f;
            self.cursor = None;
        }
    }

    fn forget_answers(&mut self) {
        self.history = None;
        self.insights = None;
        self.profile = None;
        self.buckets_seen = None;
        self.buckets_asked = None;
        self.insights_asked = None;
        self.profile_asked = None;
        self.result = None;
        self.rows = Rc::default();
        self.rows_offset = 0;
        self.selected = 0;
        self.detail = None;
        self.cursor = None;
        self.exporting = None;
    }
}

impl Explorer {
    /// Apply one event; the requests the worker gets now.
    pub fn update(&mut self, event: Event) -> Vec<Command> {
        self.apply(event);
        self.requests()
    }

    /// The requests the state now calls for and has not made yet.
    fn requests(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        if !self.can_query() {
            return out;
        }
        let key = QueryKey {
            filter: self.filter.clone(),
            desc: self.desc,
            events: self.load.events,
            generation: self.load.generation,
        };
        if self.queried.as_ref() != Some(&key) && self.in_flight.is_none() {
            self.query_id += 1;
            self.in_flight = Some(self.query_id);
            self.rows_asked = None;
            self.asked_since_restart = true;
            out.push(Command::Query {
                id: self.query_id,
                filter: key.filter.clone(),
                facet_limit: FACET_LIMIT,
                rows: PAGE,
                desc: key.desc,
            });
            self.queried = Some(key);
        }
        let asked = self.selected_event.clone().map(|id| (id, self.load.events, self.load.generation.unwrap_or(0)));
        if asked.is_some() && self.detail_asked != asked {
            if let Some((event_id, ..)) = asked.clone() {
                out.push(Command::Detail { event_id });
            }
        }
        self.detail_asked = asked;
        // The insights and the profile, once per set of loaded events, when their view is shown.
        let loaded = (self.load.events, self.load.generation.unwrap_or(0));
        if self.insights_wanted && self.insights_asked != Some(loaded) {
            self.insights_id += 1;
            self.insights_asked = Some(loaded);
            out.push(Command::Insights { id: self.insights_id });
        }
        if self.buckets_wanted && self.buckets_asked != Some(loaded) {
            self.buckets_id += 1;
            self.buckets_asked = Some(loaded);
            out.push(Command::Buckets { id: self.buckets_id });
        }
        if let Some((field, value)) = self.profile_wanted.clone() {
            let key = (field, value.clone(), loaded.0, loaded.1);
            if self.profile_asked.as_ref() != Some(&key) {
                self.profile_id += 1;
                self.profile_asked = Some(key);
                out.push(Command::Profile { id: self.profile_id, field, value });
            }
        }
        // Rows the table scrolled to, or around a keyboard cursor outside the page shown (for
        // the shown query only).
        let shown = self.result_id == self.query_id;
        // Kept until the answer shown is the latest: an older one may be on screen while the
        // next query runs, and the rows asked for belong to the next.
        let wanted = if shown { self.rows_wanted.take() } else { None };
        let cursor = self.cursor.filter(|&c| shown && self.row_at(c).is_none()).map(|c| c.saturating_sub(PAGE / 2));
        let offset = wanted.or(cursor.filter(|&o| self.rows_asked != Some((self.query_id, o))));
        if let Some(offset) = offset {
            self.rows_asked = Some((self.query_id, offset));
            out.push(Command::Rows { offset, limit: PAGE, desc: self.desc });
        }
        out
    }

    fn apply(&mut self, event: Event) {
        let s = self;
        match event {
            Event::WorkerStarting => {
                // A new worker answers nothing the old one was asked.
                s.in_flight = None;
                if !matches!(s.worker, Worker::Recovering { .. }) {
                    s.worker = Worker::Starting;
                }
            }
            Event::WorkerDied { reason, files, dropped, before } => {
                // Dead again before a query was answered after the last restart: the view's
                // query may be what stops it, so the restored view does not repeat it.
                s.filter_dropped = s.unanswered_restart && s.asked_since_restart && s.filter != Filter::default();
                if s.filter_dropped {
                    s.filter = Filter::default();
                    s.search_input.clear();
                    s.selected_event = None;
                }
                s.unanswered_restart = true;
                s.asked_since_restart = false;
                s.queried = None;
                s.in_flight = None;
                s.detail_asked = None;
                s.worker = Worker::Recovering { reason, files, dropped, before };
                // The new worker starts over at generation 0: take its first notice whole.
                s.load = Loading { loading: files > 0, ..Loading::default() };
                s.forget_answers();
            }
            Event::WorkerFailed(reason) => {
                s.worker = Worker::Failed(reason);
                s.load.loading = false;
            }
            Event::Worker(r) => match r {
                // The query in flight is answered (answers come in the order asked), or the
                // worker refused a request: the next query may go.
                Response::Result { ref answer, .. } if s.in_flight.is_some_and(|id| answer.id >= id) => {
                    s.in_flight = None;
                    s.apply(Event::Worker(r));
                }
                Response::BadRequest { .. } if s.in_flight.is_some() => {
                    s.in_flight = None;
                    s.apply(Event::Worker(r));
                }
                // After a recovery the notice stays until the reload has finished (at once when
                // there is nothing to reload).
                Response::Ready => match s.worker {
                    Worker::Recovering { .. } if !s.load.loading => s.finish_recovery(),
                    Worker::Recovering { .. } => {}
                    _ => s.worker = Worker::Ready,
                },
                Response::Progress(p) => {
                    let was_loading = s.load.loading;
                    s.load.apply(p);
                    if matches!(s.worker, Worker::Recovering { .. }) && !s.load.loading {
                        s.finish_recovery();
                    }
                    if s.load.events == 0 && !s.load.loading {
                        s.forget_answers();
                    }
                    if was_loading && !s.load.loading {
                        s.cursor = None;
                    }
                }
                Response::Result { answer, query_ms } if answer.id == s.query_id => {
                    s.unanswered_restart = false;
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
                // Histories are read back from the files, so an older one can finish later.
                Response::History { id, bucket, events, total } if s.history.as_ref().is_none_or(|h| h.id < id) => {
                    s.history = Some(History { id, bucket, events: Rc::new(events), total });
                }
                Response::Insights { id, insights, ms } if id == s.insights_id => {
                    s.insights = Some(Rc::new(InsightsAnswer { id, insights, ms }));
                }
                Response::Buckets { id, buckets } if id == s.buckets_id => {
                    s.buckets_seen = Some(Rc::new(buckets));
                }
                Response::Profile { id, field, value, profile } if id == s.profile_id => {
                    s.profile = Some(Rc::new(ProfileAnswer { field, value, profile }));
                }
                Response::BadRequest { message } => s.notice = Some(Notice::BadRequest(message)),
                _ => {}
            },
            Event::FilesSent => {
                s.load.sent += 1;
                s.load.loading = true;
            }
            Event::NeedRows { offset } => s.rows_wanted = Some(offset),
            Event::ClearRequested { files } => {
                let events = s.load.events;
                // Each Clear is the worker's next generation; Loads count on across Clears.
                let min_generation = s.load.generation.map_or(s.load.min_generation + 1, |g| g + 1);
                let (sent, taken) = (s.load.sent, s.load.taken);
                s.load = Loading { min_generation, sent, taken, ..Loading::default() };
                // A notice about the events cleared ("Exported 59 events") is not true any more;
                // what was cleared is said instead, with an undo.
                s.notice = (files > 0).then_some(Notice::Cleared { events, files });
                s.forget_answers();
                s.queried = None;
                // The next query need not wait for one about the events cleared (its late
                // answer is older than the next and is not taken).
                s.in_flight = None;
                s.detail_asked = None;
            }
            Event::Exporting(e) => s.exporting = e,
            Event::Notice(n) => {
                // An answer the page could not read: whatever was in flight will not come.
                if matches!(n, Some(Notice::Unreadable(_))) {
                    s.in_flight = None;
                }
                s.notice = n;
            }
            Event::ToggleValue { field, value, exclude } => {
                let mut f = s.filter.clone();
                f.toggle(field, &value, exclude);
                s.set_filter(f);
            }
            Event::RemoveValue { field, value, exclude } => {
                let mut f = s.filter.clone();
                f.remove(field, &value, exclude);
                s.set_filter(f);
            }
            Event::SetRange(from, to) => {
                let f = Filter { from_ms: Some(from.min(to)), to_ms: Some(from.max(to)), ..s.filter.clone() };
                s.set_filter(f);
            }
            Event::SetTypedRange { from, to } => {
                let (from_ms, to_ms) = match (from, to) {
                    (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
                    ends => ends,
                };
                let f = Filter { from_ms, to_ms, ..s.filter.clone() };
                s.set_filter(f);
            }
            Event::ClearRange => {
                let f = Filter { from_ms: None, to_ms: None, ..s.filter.clone() };
                s.set_filter(f);
            }
            Event::ClearText => {
                s.search_input.clear();
                let f = Filter { text: String::new(), ..s.filter.clone() };
                s.set_filter(f);
            }
            Event::TogglePreset(p) => {
                let mut f = s.filter.clone();
                match p {
                    Preset::ErrorsOnly => f.errors_only = !f.errors_only,
                    Preset::SensitiveOnly => f.sensitive_only = !f.sensitive_only,
                }
                s.set_filter(f);
            }
            Event::ClearFilters => {
                s.search_input.clear();
                s.set_filter(Filter::default());
            }
            Event::SetSearchInput(text) => s.search_input = text,
            Event::ApplySearch => {
                let text = s.search_input.trim().to_string();
                let f = Filter { text, ..s.filter.clone() };
                s.set_filter(f);
            }
            Event::ToggleDesc => {
                s.desc = !s.desc;
                s.cursor = None;
            }
            Event::Select(id) => {
                if s.selected_event != id {
                    s.detail = None;
                }
                s.selected_event = id;
            }
            Event::MoveCursor(delta) => {
                if s.selected > 0 {
                    let last = s.selected as i64 - 1;
                    s.cursor = Some(match s.cursor {
                        None => 0,
                        Some(c) => (c as i64 + delta).clamp(0, last) as usize,
                    });
                }
            }
            Event::Pick { pos, event_id } => {
                s.cursor = Some(pos);
                if s.selected_event.as_deref() != Some(&event_id) {
                    s.detail = None;
                }
                s.selected_event = Some(event_id);
            }
            Event::OpenCursor => {
                if let Some(id) = s.cursor.and_then(|c| s.row_at(c)).map(|r| r.event_id.clone()) {
                    if s.selected_event.as_deref() != Some(&id) {
                        s.detail = None;
                    }
                    s.selected_event = Some(id);
                }
            }
            Event::Escape => {
                s.selected_event = None;
                s.detail = None;
                s.cursor = None;
            }
            Event::ToggleExpanded(f) => {
                if let Some(i) = s.expanded.iter().position(|x| *x == f) {
                    s.expanded.remove(i);
                } else {
                    s.expanded.push(f);
                }
            }
            Event::TrailLoading(on) => s.trail_loading = on,
            Event::ShowFleet(shown) => s.buckets_wanted = shown,
            Event::ShowInsights { shown, profile } => {
                s.insights_wanted = shown;
                if s.profile_wanted != profile {
                    s.profile = None;
                    s.profile_asked = None;
                }
                s.profile_wanted = profile;
            }
            Event::SetView(v) => {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::protocol::{QueryAnswer, RowsAnswer};

    fn progress(generation: u64, files: u32, events: u64, loading: bool) -> Event {
        Event::Worker(Response::Progress(Progress {
            generation,
            files,
            events,
            loading,
            updates: (0..files).map(|i| (i, FileReport { name: format!("f{i}"), ..Default::default() })).collect(),
            ..Default::default()
        }))
    }

    fn answer(id: u64, selected: usize) -> Event {
        Event::Worker(Response::Result {
            answer: QueryAnswer { id, result: QueryResult::default(), rows: vec![], selected },
            query_ms: 1.0,
        })
    }

    fn queries(out: &[Command]) -> Vec<u64> {
        out.iter().filter_map(|c| if let Command::Query { id, .. } = c { Some(*id) } else { None }).collect()
    }

    /// A screen with a ready worker and `events` loaded, its first query answered.
    fn loaded(events: u64) -> Explorer {
        let mut s = Explorer::default();
        s.update(Event::Worker(Response::Ready));
        s.update(progress(0, 1, events, true));
        let out = s.update(progress(0, 1, events, false));
        assert_eq!(queries(&out), [1], "a finished load asks once");
        s.update(answer(1, events as usize));
        s
    }

    fn pick(value: &str) -> Event {
        Event::ToggleValue { field: Field::EventName, value: value.into(), exclude: false }
    }

    #[test]
    fn changes_of_the_view_become_one_query_at_a_time_and_the_latest_view_is_asked_last() {
        let mut s = loaded(100);
        assert_eq!(queries(&s.update(pick("PutBucket"))), [2]);
        // Query 2 in flight: the next changes wait for its answer.
        assert!(s.update(pick("GetObject")).is_empty());
        // The order turned meanwhile: nothing asked yet either.
        assert!(s.update(Event::ToggleDesc).is_empty());
        // 2's answer is shown, and the view as it is now is asked at once.
        let out = s.update(answer(2, 7));
        assert_eq!((s.result_id, s.selected), (2, 7));
        assert!(
            matches!(&out[..], [Command::Query { id: 3, desc: true, filter, .. }] if filter.has(Field::EventName, "GetObject", false)),
            "{out:?}"
        );
        s.update(answer(3, 3));
        assert_eq!((s.result_id, s.selected), (3, 3));
        // An answer to no query in flight (an older worker's) is not shown.
        s.update(answer(2, 50));
        assert_eq!((s.result_id, s.selected), (3, 3));
    }

    #[test]
    fn an_older_history_answer_finishing_later_is_not_shown() {
        let mut s = loaded(10);
        let history = |id, bucket: &str| {
            Event::Worker(Response::History { id, bucket: bucket.into(), events: vec![], total: id })
        };
        s.update(history(5, "new-bucket"));
        s.update(history(4, "old-bucket"));
        assert_eq!(s.history.as_ref().map(|h| h.bucket.as_str()), Some("new-bucket"));
    }

    #[test]
    fn insights_are_asked_once_per_load_while_shown_and_a_stale_answer_is_dropped() {
        use crate::trail::insights::Insights;
        let insights = |out: &[Command]| -> Vec<u64> {
            out.iter().filter_map(|c| if let Command::Insights { id } = c { Some(*id) } else { None }).collect()
        };
        let mut s = loaded(100);
        // Not shown: not computed.
        assert!(insights(&s.update(pick("PutBucket"))).is_empty());
        let shown = |profile| Event::ShowInsights { shown: true, profile };
        assert_eq!(insights(&s.update(shown(None))), [1]);
        // Shown again, nothing new loaded: nothing asked.
        assert!(insights(&s.update(shown(None))).is_empty());
        // More events: asked again; the first answer, now stale, is not shown.
        s.update(progress(0, 2, 200, true));
        assert_eq!(insights(&s.update(progress(0, 2, 200, false))), [2]);
        let answer = |id| {
            Event::Worker(Response::Insights { id, insights: Insights { events: id, ..Insights::default() }, ms: 1.0 })
        };
        s.update(answer(1));
        assert!(s.insights.is_none());
        s.update(answer(2));
        assert_eq!(s.insights.as_ref().map(|a| a.insights.events), Some(2));
        assert!(s.insights_done());
        // More files on their way: the list shown is not done any more.
        s.update(progress(0, 3, 250, true));
        assert!(!s.insights_done());
        assert_eq!(insights(&s.update(progress(0, 3, 250, false))), [3]);
        // A profile: asked when named, again when the name changes, and a Clear forgets both.
        let out = s.update(shown(Some((Field::UserName, "alice".into()))));
        assert_eq!(out, vec![Command::Profile { id: 1, field: Field::UserName, value: "alice".into() }]);
        s.update(Event::Worker(Response::Profile {
            id: 1,
            field: Field::UserName,
            value: "alice".into(),
            profile: None,
        }));
        assert!(s.profile.is_some());
        let out = s.update(shown(Some((Field::AccessKeyId, "LTAI5t".into()))));
        assert!(s.profile.is_none(), "the old name's profile is not shown under the new one");
        assert!(matches!(out.as_slice(), [Command::Profile { id: 2, .. }]));
        s.update(Event::ClearRequested { files: 1 });
        assert!(s.insights.is_none() && s.profile.is_none());
    }

    #[test]
    fn two_clicks_on_the_sort_button_before_an_answer_come_back_to_the_first_order() {
        let mut s = loaded(100);
        assert!(!s.desc);
        assert_eq!(queries(&s.update(Event::ToggleDesc)), [2]);
        assert!(s.desc);
        // The page may not have drawn the first click yet: the second still turns it back.
        assert!(queries(&s.update(Event::ToggleDesc)).is_empty(), "waits for 2's answer");
        assert!(!s.desc);
        let out = s.update(answer(2, 100));
        assert!(matches!(&out[..], [Command::Query { id: 3, desc: false, .. }]), "{out:?}");
    }

    #[test]
    fn a_change_whose_query_is_on_its_way_can_wait_for_the_answer_and_nothing_else_can() {
        let mut s = loaded(100);
        let drawn = s.drawn();
        assert!(drawn.current);
        assert!(!s.redraw_can_wait(drawn), "nothing changed");
        // A click sends a query: the page can wait for its answer instead of drawing "pending".
        assert_eq!(queries(&s.update(pick("PutBucket"))), [2]);
        assert!(s.redraw_can_wait(drawn));
        // A second click while the first is answered: no query yet (it waits), still the same wait.
        assert!(queries(&s.update(pick("GetObject"))).is_empty());
        assert!(s.redraw_can_wait(drawn));
        // The first answer is not the latest view: the next query goes out, the wait goes on.
        assert_eq!(queries(&s.update(answer(2, 10))), [3]);
        assert!(s.redraw_can_wait(drawn));
        s.update(answer(3, 5));
        assert!(!s.redraw_can_wait(drawn), "the answer is in: draw it");
        // What was drawn was itself pending (the wait ran out): the next change is drawn at once.
        let pending = {
            let mut p = s.drawn();
            p.current = false;
            p
        };
        s.update(pick("DeleteBucket"));
        assert!(!s.redraw_can_wait(pending));
        // A change that sends no query (the cursor, a detail) is drawn at once.
        let mut s = loaded(100);
        let drawn = s.drawn();
        s.update(Event::MoveCursor(1));
        assert!(!s.redraw_can_wait(drawn));
        // A worker that dies with the query unanswered: drawn at once.
        s.update(pick("PutBucket"));
        assert!(s.redraw_can_wait(drawn));
        s.update(Event::WorkerDied { reason: "trap".into(), files: 1, dropped: vec![], before: 100 });
        assert!(!s.redraw_can_wait(drawn));
    }

    #[test]
    fn nothing_is_asked_while_loading_and_a_finished_load_asks_again() {
        let mut s = loaded(10);
        let out = s.update(progress(0, 2, 20, true));
        assert!(out.is_empty(), "no query while the worker reads");
        assert!(s.update(pick("PutBucket")).is_empty(), "the filter waits for the load");
        assert_eq!(queries(&s.update(progress(0, 2, 40, false))), [2]);
        s.update(answer(2, 40));
        // A trail loading from its bucket holds queries too.
        s.update(Event::TrailLoading(true));
        assert!(s.update(pick("GetObject")).is_empty());
        assert_eq!(queries(&s.update(Event::TrailLoading(false))), [3]);
    }

    #[test]
    fn the_selected_events_detail_is_asked_once_and_rows_follow_the_cursor() {
        let mut s = loaded(1000);
        let out = s.update(Event::Select(Some("e1".into())));
        assert_eq!(out, vec![Command::Detail { event_id: "e1".into() }]);
        assert!(s.update(Event::SetSearchInput("x".into())).is_empty(), "asked once");
        // The cursor leaves the fetched page (empty here): rows around it, once per place.
        let out = s.update(Event::MoveCursor(1));
        assert_eq!(out, vec![Command::Rows { offset: 0, limit: PAGE, desc: false }]);
        assert!(s.update(Event::SetSearchInput("xy".into())).is_empty());
        s.update(Event::Worker(Response::Rows(RowsAnswer { id: 1, offset: 0, rows: vec![] })));
    }

    #[test]
    fn a_worker_that_dies_again_before_answering_after_a_restart_comes_back_without_the_filter() {
        let mut s = loaded(100);
        s.update(pick("PutBucket"));
        s.update(Event::ApplySearch);
        let died = |s: &mut Explorer| {
            s.update(Event::WorkerDied { reason: "trap".into(), files: 1, dropped: vec![], before: 100 })
        };
        // First death: the view is kept, and asked again once the reload is done.
        died(&mut s);
        assert!(s.filter.has(Field::EventName, "PutBucket", false));
        s.update(Event::Worker(Response::Ready));
        let out = s.update(progress(0, 1, 100, false));
        assert_eq!(queries(&out).len(), 1, "the view's query again");
        assert!(matches!(&out[0], Command::Query { filter, .. } if filter.has(Field::EventName, "PutBucket", false)));
        // It dies again before answering: the query may be the cause; the next view has none.
        died(&mut s);
        assert_eq!(s.filter, Filter::default());
        let out = s.update(progress(0, 1, 100, false));
        assert!(matches!(&out[..], [Command::Query { filter, .. }] if *filter == Filter::default()), "{out:?}");
        assert!(matches!(s.notice, Some(Notice::Restarted { filter_dropped: true, .. })));
        // An answer ends the streak: a later death keeps the view again.
        let id = s.query_id;
        s.update(answer(id, 100));
        s.update(pick("GetObject"));
        died(&mut s);
        assert!(s.filter.has(Field::EventName, "GetObject", false));
    }

    fn progress_after(loads: u64, events: u64, loading: bool) -> Event {
        let Event::Worker(Response::Progress(mut p)) = progress(0, 1, events, loading) else { unreachable!() };
        p.loads = loads;
        Event::Worker(Response::Progress(p))
    }

    #[test]
    fn files_on_their_way_to_the_worker_hold_queries_whatever_an_older_notice_says() {
        let mut s = loaded(10);
        // The page sends a Load; a notice the worker sent before taking it says "not loading".
        s.update(Event::FilesSent);
        assert!(s.update(progress_after(0, 10, false)).is_empty(), "the Load is still on its way");
        assert!(s.update(pick("PutBucket")).is_empty());
        assert!(s.load.loading);
        // The worker took it (its notice counts one Load), read it, and is done: one query.
        assert!(s.update(progress_after(1, 15, true)).is_empty());
        assert_eq!(queries(&s.update(progress_after(1, 20, false))), [2]);
    }

    #[test]
    fn a_file_that_kills_the_worker_during_the_reload_does_not_cost_the_filter() {
        let mut s = loaded(100);
        s.update(pick("PutBucket"));
        let died = |s: &mut Explorer| {
            s.update(Event::WorkerDied { reason: "trap".into(), files: 2, dropped: vec![], before: 100 })
        };
        died(&mut s);
        s.update(Event::FilesSent);
        // Dies again while reloading: no query was asked since the restart, so none is to blame.
        died(&mut s);
        assert!(s.filter.has(Field::EventName, "PutBucket", false));
    }

    #[test]
    fn a_restart_with_nothing_to_reload_ends_when_the_worker_is_ready() {
        let mut s = Explorer::default();
        s.update(Event::Worker(Response::Ready));
        s.update(Event::WorkerDied { reason: "trap".into(), files: 0, dropped: vec![], before: 0 });
        assert!(matches!(s.worker, Worker::Recovering { .. }));
        s.update(Event::Worker(Response::Ready));
        assert_eq!(s.worker, Worker::Ready);
        assert!(matches!(s.notice, Some(Notice::Restarted { events: 0, .. })));
    }

    #[test]
    fn two_clears_in_a_row_keep_out_notices_from_before_either() {
        let mut s = Explorer::default();
        s.update(progress(0, 2, 10, false));
        s.update(Event::ClearRequested { files: 0 });
        s.update(Event::ClearRequested { files: 0 });
        // Generation 1 is the first Clear's: older than the second.
        s.update(progress(1, 3, 15, false));
        assert!(s.load.files.is_empty());
        s.update(progress(2, 1, 4, false));
        assert_eq!(s.load.events, 4);
    }

    #[test]
    fn rows_the_table_scrolls_to_are_asked_for_the_shown_query() {
        let mut s = loaded(1000);
        assert_eq!(
            s.update(Event::NeedRows { offset: 300 }),
            vec![Command::Rows { offset: 300, limit: PAGE, desc: false }]
        );
        // While a newer query has no answer yet, its own first page will come with it.
        s.update(pick("PutBucket"));
        assert!(s.update(Event::NeedRows { offset: 400 }).is_empty());
    }

    #[test]
    fn a_typed_range_keeps_open_ends_open_and_puts_reversed_ends_in_order() {
        let mut s = loaded(10);
        assert_eq!(queries(&s.update(Event::SetTypedRange { from: Some(5_000), to: None })), [2]);
        assert_eq!((s.filter.from_ms, s.filter.to_ms), (Some(5_000), None));
        s.update(Event::SetTypedRange { from: Some(9_000), to: Some(1_000) });
        assert_eq!((s.filter.from_ms, s.filter.to_ms), (Some(1_000), Some(9_000)));
        s.update(Event::SetTypedRange { from: None, to: None });
        assert_eq!((s.filter.from_ms, s.filter.to_ms), (None, None));
    }

    #[test]
    fn a_facet_click_between_typing_and_applying_the_search_is_kept() {
        let mut s = Explorer::default();
        s.update(Event::SetSearchInput("ali".into()));
        // The click lands between the keystroke and the search being applied...
        s.update(pick("PutBucket"));
        // ...and the search is applied to the latest state, keeping it.
        s.update(Event::ApplySearch);
        assert_eq!(s.filter.text, "ali");
        assert!(s.filter.has(Field::EventName, "PutBucket", false));
    }

    #[test]
    fn typing_fast_sends_one_query_at_a_time_and_the_latest_text_when_it_is_answered() {
        let mut s = loaded(100);
        let typed = |s: &mut Explorer, text: &str| {
            s.update(Event::SetSearchInput(text.into()));
            s.update(Event::ApplySearch)
        };
        assert_eq!(queries(&typed(&mut s, "a")), [2], "the first keystroke is asked at once");
        assert!(queries(&typed(&mut s, "al")).is_empty(), "not while one is in flight");
        assert!(queries(&typed(&mut s, "ali")).is_empty());
        // The answer for "a" is shown, and "ali" (only the latest) goes at once.
        let out = s.update(answer(2, 50));
        assert_eq!(s.result_id, 2);
        assert!(matches!(&out[..], [Command::Query { id: 3, filter, .. }] if filter.text == "ali"), "{out:?}");
        assert_ne!(s.query_id, s.result_id, "still pending");
        assert!(!s.result_is_current(), "the answer shown is for \"a\", the box says \"ali\"");
        // Scrolled meanwhile: the rows are asked for the latest query, once it is answered.
        assert!(s.update(Event::NeedRows { offset: 400 }).is_empty());
        let out = s.update(answer(3, 1000));
        assert_eq!(s.result_id, s.query_id);
        assert!(s.result_is_current());
        assert!(matches!(&out[..], [Command::Rows { offset: 400, .. }]), "{out:?}");
        // A query whose answer will not come (a Clear, an answer the page could not read) does
        // not hold back the next.
        assert_eq!(queries(&typed(&mut s, "q")), [4]);
        s.update(Event::ClearRequested { files: 0 });
        assert_eq!(queries(&s.update(progress(1, 1, 10, false))), [5], "not held back by query 4");
        assert!(queries(&typed(&mut s, "qq")).is_empty());
        let out = s.update(Event::Notice(Some(Notice::Unreadable("bad".into()))));
        assert!(matches!(&out[..], [Command::Query { id: 6, filter, .. }] if filter.text == "qq"), "{out:?}");
        s.update(answer(6, 3));
        // A refused request, or a new worker, does not leave the next query waiting forever.
        typed(&mut s, "x");
        s.update(Event::Worker(Response::BadRequest { message: "no".into() }));
        assert_eq!(queries(&typed(&mut s, "xy")), [8]);
        s.update(Event::WorkerStarting);
        s.update(Event::Worker(Response::Ready));
        assert_eq!(queries(&typed(&mut s, "xyz")), [9]);
    }

    #[test]
    fn stale_progress_from_before_a_clear_is_ignored() {
        let mut s = Explorer::default();
        s.update(progress(0, 2, 10, false));
        assert_eq!(s.load.files.len(), 2);
        s.update(Event::ClearRequested { files: 0 });
        s.update(progress(0, 3, 15, false));
        assert!(s.load.files.is_empty(), "a notice sent before the worker handled the clear");
        s.update(progress(1, 0, 0, false));
        s.update(progress(1, 1, 4, false));
        assert_eq!((s.load.files.len(), s.load.events), (1, 4));
    }

    #[test]
    fn the_cursor_moves_within_the_selection() {
        let mut s = Explorer { selected: 3, ..Default::default() };
        s.update(Event::MoveCursor(1));
        assert_eq!(s.cursor, Some(0));
        for _ in 0..5 {
            s.update(Event::MoveCursor(1));
        }
        assert_eq!(s.cursor, Some(2));
        s.update(Event::MoveCursor(-7));
        assert_eq!(s.cursor, Some(0));
        s.update(Event::Escape);
        assert_eq!(s.cursor, None);
    }
}
