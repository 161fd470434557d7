//! The events screen's state and reducer. The store lives in the worker; this holds only what
//! is on screen.

use console_core::trail::protocol::{ExportFormat, Progress, Response};
use console_core::trail::query::{Filter, QueryResult, Row};
use std::rc::Rc;
use yew::Reducible;

/// The selected event's JSON as the worker sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub event_id: String,
    pub json: Result<String, String>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ExplorerState {
    pub ready: bool,
    pub failure: Option<String>,
    pub progress: Progress,
    pub filter: Filter,
    pub result: Option<QueryResult>,
    /// The first rows of the current query (the table asks for more as it scrolls).
    pub rows: Vec<Row>,
    pub rows_offset: usize,
    pub selected: usize,
    /// Id of the latest query sent: older answers are ignored.
    pub query_id: u64,
    pub desc: bool,
    pub selected_event: Option<String>,
    pub detail: Option<Detail>,
    pub exporting: Option<(u64, ExportFormat)>,
    pub notice: Option<String>,
}

pub enum Action {
    Worker(Response),
    /// A query was sent with this id and filter.
    Queried(u64, Filter),
    Failure(String),
    Notice(Option<String>),
    Select(Option<String>),
    SetDesc(bool),
    Exporting(Option<(u64, ExportFormat)>),
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
                        s.selected_event = None;
                        s.detail = None;
                    }
                    s.progress = p;
                }
                Response::Result {
                    id,
                    result,
                    rows,
                    selected,
                } if id == s.query_id => {
                    s.result = Some(result);
                    s.rows = rows;
                    s.rows_offset = 0;
                    s.selected = selected;
                }
                Response::Rows { id, offset, rows } if id == s.query_id => {
                    s.rows = rows;
                    s.rows_offset = offset;
                }
                Response::Detail {
                    event_id, json, error, ..
                } if s.selected_event.as_deref() == Some(&event_id) => {
                    s.detail = Some(Detail {
                        event_id,
                        json: json.ok_or_else(|| error.unwrap_or_default()),
                    });
                }
                Response::Failure { message } => s.failure = Some(message),
                _ => {}
            },
            Action::Queried(id, filter) => {
                s.query_id = id;
                s.filter = filter;
            }
            Action::Failure(m) => s.failure = Some(m),
            Action::Notice(n) => s.notice = n,
            Action::Select(id) => {
                if s.selected_event != id {
                    s.detail = None;
                }
                s.selected_event = id;
            }
            Action::SetDesc(d) => s.desc = d,
            Action::Exporting(e) => s.exporting = e,
        }
        Rc::new(s)
    }
}
