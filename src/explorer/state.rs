//! The events screen's state and reducer. The store lives in the worker; this holds only what
//! is on screen, and the wanted filter (an effect turns each change into one query).

use console_core::trail::protocol::{ExportFormat, Progress, Response};
use console_core::trail::query::{Filter, QueryResult, Row};
use console_core::trail::share::ViewState;
use console_core::trail::store::Field;
use std::rc::Rc;
use yew::Reducible;

/// The selected event as the worker sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub event_id: String,
    pub json: Result<String, String>,
    pub fields: Vec<(Field, String)>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ExplorerState {
    pub ready: bool,
    pub failure: Option<String>,
    pub progress: Progress,
    /// The wanted filter and order (what the URL and the controls show).
    pub filter: Filter,
    pub desc: bool,
    pub result: Option<QueryResult>,
    /// A page of rows of the current query, starting at `rows_offset`.
    pub rows: Vec<Row>,
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
    pub notice: Option<String>,
    /// How long the worker took for the last query.
    pub query_ms: Option<f64>,
    /// Facets showing more values.
    pub expanded: Vec<Field>,
}

pub enum Action {
    Worker(Response),
    Queried(u64),
    Failure(String),
    Notice(Option<String>),
    SetFilter(Filter),
    /// From the URL (a link, back/forward).
    SetView(ViewState),
    Select(Option<String>),
    Cursor(Option<usize>),
    SetDesc(bool),
    Exporting(Option<(u64, ExportFormat)>),
    ToggleExpanded(Field),
}

impl ExplorerState {
    /// Start from what the URL says.
    pub fn from_view(v: ViewState) -> Self {
        ExplorerState { filter: v.filter, desc: v.desc, selected_event: v.selected, ..Default::default() }
    }

    /// The state a link should carry.
    pub fn view(&self) -> ViewState {
        ViewState { filter: self.filter.clone(), desc: self.desc, selected: self.selected_event.clone() }
    }

    /// The cached row at a position of the selection, if fetched.
    pub fn row_at(&self, pos: usize) -> Option<&Row> {
        pos.checked_sub(self.rows_offset).and_then(|k| self.rows.get(k))
    }
}

impl Reducible for ExplorerState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Worker(r) => match r {
                Response::Ready => s.ready = true,
                Response::Progress(p) => {
                    if p.events == 0 && !p.loading {
                        s.result = None;
                        s.rows.clear();
                        s.selected = 0;
                        s.detail = None;
                        s.cursor = None;
                    }
                    s.progress = p;
                }
                Response::Result { id, result, rows, selected, query_ms } if id == s.query_id => {
                    s.result_id = id;
                    s.query_ms = Some(query_ms);
                    s.result = Some(result);
                    s.rows = rows;
                    s.rows_offset = 0;
                    s.selected = selected;
                    s.cursor = s.cursor.filter(|&c| c < selected);
                }
                Response::Rows { id, offset, rows } if id == s.query_id => {
                    s.rows = rows;
                    s.rows_offset = offset;
                }
                Response::Detail { event_id, json, fields, error, .. }
                    if s.selected_event.as_deref() == Some(&event_id) =>
                {
                    s.detail = Some(Detail { event_id, json: json.ok_or_else(|| error.unwrap_or_default()), fields });
                }
                Response::Failure { message } => s.failure = Some(message),
                _ => {}
            },
            Action::Queried(id) => s.query_id = id,
            Action::Failure(m) => s.failure = Some(m),
            Action::Notice(n) => s.notice = n,
            Action::SetFilter(f) => {
                if s.filter != f {
                    s.filter = f;
                    s.cursor = None;
                }
            }
            Action::SetView(v) => {
                if s.selected_event != v.selected {
                    s.detail = None;
                }
                s.filter = v.filter;
                s.desc = v.desc;
                s.selected_event = v.selected;
            }
            Action::Select(id) => {
                if s.selected_event != id {
                    s.detail = None;
                }
                s.selected_event = id;
            }
            Action::Cursor(c) => s.cursor = c,
            Action::SetDesc(d) => {
                s.desc = d;
                s.cursor = None;
            }
            Action::Exporting(e) => s.exporting = e,
            Action::ToggleExpanded(f) => {
                if let Some(i) = s.expanded.iter().position(|x| *x == f) {
                    s.expanded.remove(i);
                } else {
                    s.expanded.push(f);
                }
            }
        }
        Rc::new(s)
    }
}
