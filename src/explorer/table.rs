//! The event table, virtualized: only the rows in view are in the DOM; pages of rows come from
//! the worker as the view scrolls. Sortable by time both ways.
//!
//! An ARIA grid: the scrolling box is the grid (one tab stop), its header row and its rows sit in
//! row groups, and the keyboard cursor (`j`/`k`, arrows) is the grid's active descendant, so a
//! screen reader reads the row the cursor is on.
//!
//! The box is as tall as the window allows; the columns are the person's choice (remembered in
//! this browser) and each is as wide as the values shown in it need.

use super::state::Action;
use crate::i18n::{use_lang, Key, Tr};
use crate::services::storage;
use crate::widgets::bucket_link::BucketLink;
use crate::widgets::format::utc;
use console_core::i18n::Lang;
use console_core::trail::field::Field;
use console_core::trail::query::Row;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Row height in px (fixed, so positions are arithmetic).
pub const ROW_H: f64 = 28.0;
/// Height of the header row (it stays on top while the rows scroll under it).
const HEAD_H: f64 = 34.0;
/// The rows' part of the box: the window's height less room for the page's header, at least
/// ten rows.
fn view_height(window_h: f64) -> f64 {
    (window_h - 150.0 - HEAD_H).max(10.0 * ROW_H)
}

/// A column of the table (the time is always shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Time,
    Event,
    Identity,
    AccessKeyId,
    SourceIp,
    Region,
    Bucket,
    Result,
    ErrorMessage,
    RequestId,
    UserAgent,
}

/// Every column, in the table's order, and whether it is shown until the person chooses.
const COLUMNS: &[(Column, bool)] = &[
    (Column::Time, true),
    (Column::Event, true),
    (Column::Identity, true),
    (Column::AccessKeyId, false),
    (Column::SourceIp, true),
    (Column::Region, true),
    (Column::Bucket, true),
    (Column::Result, true),
    (Column::ErrorMessage, false),
    (Column::RequestId, false),
    (Column::UserAgent, false),
];

/// Where the chosen columns are remembered (not a secret).
const COLUMNS_PREF: &str = "oss-console.columns";

impl Column {
    /// A stable name (the preference and the test hooks).
    pub fn key(self) -> &'static str {
        match self {
            Column::Time => "time",
            Column::Event => "eventName",
            Column::Identity => "userName",
            Column::AccessKeyId => "accessKeyId",
            Column::SourceIp => "sourceIpAddress",
            Column::Region => "acsRegion",
            Column::Bucket => "bucket",
            Column::Result => "errorCode",
            Column::ErrorMessage => "errorMessage",
            Column::RequestId => "requestId",
            Column::UserAgent => "userAgent",
        }
    }

    fn label(self, lang: Lang) -> String {
        match self {
            Column::Time => lang.t(Key::ColumnTime),
            Column::Event => lang.t(Key::ColumnEvent),
            Column::Identity => lang.t(Key::ColumnIdentity),
            Column::AccessKeyId => Field::AccessKeyId.label(lang).into(),
            Column::SourceIp => lang.t(Key::ColumnSourceIp),
            Column::Region => lang.t(Key::ColumnRegion),
            Column::Bucket => lang.t(Key::ColumnBucket),
            Column::Result => lang.t(Key::ColumnResult),
            Column::ErrorMessage => lang.t(Key::ColumnErrorMessage),
            Column::RequestId => lang.t(Key::ColumnRequestId),
            Column::UserAgent => Field::UserAgent.label(lang).into(),
        }
    }

    /// The row's text in this column (the result column says "OK" when there is no error).
    fn text(self, r: &Row) -> &str {
        match self {
            Column::Time => "0000-00-00 00:00:00",
            Column::Event => &r.event_name,
            Column::Identity => &r.identity,
            Column::AccessKeyId => &r.access_key_id,
            Column::SourceIp => &r.source_ip,
            Column::Region => &r.region,
            Column::Bucket => &r.bucket,
            Column::Result => &r.error_code,
            Column::ErrorMessage => &r.error_message,
            Column::RequestId => &r.request_id,
            Column::UserAgent => &r.user_agent,
        }
    }

    /// Room beside the text: the sensitive badge, the bucket's link.
    fn extra_px(self) -> f64 {
        match self {
            Column::Event => 70.0,
            Column::Bucket => 40.0,
            _ => 0.0,
        }
    }
}

/// The columns shown: the remembered choice, else the defaults.
fn remembered_columns() -> Vec<Column> {
    match storage::get_pref(COLUMNS_PREF) {
        Some(keys) => {
            let chosen: Vec<&str> = keys.split(',').collect();
            COLUMNS.iter().map(|(c, _)| *c).filter(|c| *c == Column::Time || chosen.contains(&c.key())).collect()
        }
        None => COLUMNS.iter().filter(|(_, shown)| *shown).map(|(c, _)| *c).collect(),
    }
}

/// Each shown column's width in px: what its header and the rows at hand need, within bounds.
fn widths(lang: Lang, columns: &[Column], rows: &[Row]) -> Vec<f64> {
    const CHAR_PX: f64 = 7.4;
    columns
        .iter()
        .map(|&c| {
            let longest = rows.iter().map(|r| c.text(r).chars().count()).max().unwrap_or(0);
            let header = c.label(lang).chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum::<usize>() + 2;
            (longest.max(header) as f64 * CHAR_PX + 16.0 + c.extra_px()).clamp(60.0, 420.0)
        })
        .collect()
}
/// Rows fetched around the view (the model's page).
use console_core::screens::explorer::PAGE;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rows: std::rc::Rc<Vec<Row>>,
    pub offset: usize,
    pub total: usize,
    pub desc: bool,
    pub selected: Option<String>,
    pub cursor: Option<usize>,
    /// Gets `Pick` (a click on a row), `ToggleDesc` (the sort button) and `MoveCursor` (arrows).
    pub on_action: Callback<Action>,
    pub on_need_rows: Callback<usize>,
}

fn row_id(pos: usize) -> String {
    format!("event-row-{pos}")
}

#[function_component(EventTable)]
pub fn event_table(p: &Props) -> Html {
    let lang = use_lang();
    let scroll_ref = use_node_ref();
    let top = use_state(|| 0.0f64);
    let columns = use_state(remembered_columns);
    // The box follows the window's height.
    let window_h = use_state(|| web_sys::window().and_then(|w| w.inner_height().ok()?.as_f64()).unwrap_or(800.0));
    {
        let window_h = window_h.clone();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                if let Some(h) = web_sys::window().and_then(|w| w.inner_height().ok()?.as_f64()) {
                    window_h.set(h);
                }
            });
            move || drop(listener)
        });
    }
    let view_h = view_height(*window_h);
    let onscroll = {
        let (top, scroll_ref) = (top.clone(), scroll_ref.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = scroll_ref.cast::<HtmlElement>() {
                top.set(el.scroll_top() as f64);
            }
        })
    };
    // Keep the keyboard cursor in view (below the header).
    {
        let scroll_ref = scroll_ref.clone();
        use_effect_with((p.cursor, view_h as i64), move |(cursor, _)| {
            if let (Some(c), Some(el)) = (cursor, scroll_ref.cast::<HtmlElement>()) {
                let y = *c as f64 * ROW_H;
                let st = el.scroll_top() as f64;
                if y < st {
                    el.set_scroll_top(y as i32);
                } else if y + ROW_H > st + view_h {
                    el.set_scroll_top((y + ROW_H - view_h) as i32);
                }
            }
        });
    }
    // New query: back to the top.
    {
        let (scroll_ref, top) = (scroll_ref.clone(), top.clone());
        use_effect_with((p.total, p.desc), move |_| {
            // Writing scrollTop lays the page out at once: only when it is not at the top.
            if *top != 0.0 {
                if let Some(el) = scroll_ref.cast::<HtmlElement>() {
                    el.set_scroll_top(0);
                }
                top.set(0.0);
            }
        });
    }
    let first = (*top / ROW_H) as usize;
    let visible = (view_h / ROW_H) as usize + 2;
    let last = (first + visible).min(p.total);
    let cached = p.offset..p.offset + p.rows.len();
    {
        // Ask for the page around the view when it is not cached.
        let need = p.total > 0 && (first < cached.start || last > cached.end);
        let want = first.saturating_sub(PAGE / 4);
        let cb = p.on_need_rows.clone();
        use_effect_with((need, want), move |(need, want)| {
            if *need {
                cb.emit(*want);
            }
        });
    }
    let sort = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleDesc))
    };
    // Arrows move the cursor like j/k while the grid has focus.
    let onkeydown = {
        let cb = p.on_action.clone();
        let page = (view_h / ROW_H) as i64;
        Callback::from(move |e: KeyboardEvent| {
            let delta = match e.key().as_str() {
                "ArrowDown" => 1,
                "ArrowUp" => -1,
                "PageDown" => page,
                "PageUp" => -page,
                "Home" => i64::MIN / 2,
                "End" => i64::MAX / 2,
                _ => return,
            };
            e.prevent_default();
            cb.emit(Action::MoveCursor(delta));
        })
    };
    let ok = lang.t(Key::ResultOk);
    let sensitive = lang.t(Key::SensitiveOperation);
    let sensitive_badge = lang.t(Key::SensitiveBadge);
    let shown = (*columns).clone();
    // Measured once per page of rows (scrolling re-renders often; the page changes seldom). The
    // memo keeps its page alive, so a new page is never taken for it by its address.
    let widths = use_memo((std::rc::Rc::as_ptr(&p.rows) as usize, shown.clone(), lang), {
        let rows = p.rows.clone();
        move |(_, shown, lang)| (widths(*lang, shown, &rows), rows)
    })
    .0
    .clone();
    let template: String = widths.iter().map(|w| format!("minmax({w:.0}px,{w:.0}fr) ")).collect();
    let table_w: f64 = widths.iter().sum::<f64>() + 8.0 * widths.len() as f64 + 20.0;
    let cell = |c: Column, r: &Row| -> Html {
        let class = format!("c-{}", c.key());
        match c {
            Column::Time => html! { <span role="gridcell" {class}>{ utc(r.time_ms) }</span> },
            Column::Event => html! {
                <span role="gridcell" {class}>
                    { r.event_name.clone() }
                    if r.sensitive {
                        <span class="badge sensitive" title={sensitive.clone()}>{ sensitive_badge.clone() }</span>
                    }
                </span>
            },
            Column::Bucket => html! {
                <span role="gridcell" {class}>
                    { r.bucket.clone() }
                    if !r.bucket.is_empty() { { " " }<BucketLink bucket={r.bucket.clone()} region={Some(r.region.clone()).filter(|x| !x.is_empty())} in_group=true /> }
                </span>
            },
            Column::Result => html! {
                <span role="gridcell" class={classes!(class, (!r.error_code.is_empty()).then_some("bad-text"))}>
                    { if r.error_code.is_empty() { ok.clone() } else { r.error_code.clone() } }
                </span>
            },
            _ => html! { <span role="gridcell" {class} title={c.text(r).to_string()}>{ c.text(r).to_string() }</span> },
        }
    };
    let rows = (first..last).map(|pos| {
        let y = pos as f64 * ROW_H;
        let style = format!("top:{y}px;height:{ROW_H}px");
        let rowindex = (pos + 2).to_string();
        match pos.checked_sub(p.offset).and_then(|k| p.rows.get(k)) {
            Some(r) => {
                let selected = p.selected.as_deref() == Some(&r.event_id);
                let cursor = p.cursor == Some(pos);
                let onclick = {
                    let (cb, id) = (p.on_action.clone(), r.event_id.clone());
                    Callback::from(move |_: MouseEvent| cb.emit(Action::Pick { pos, event_id: id.clone() }))
                };
                html! {
                    <div role="row" id={row_id(pos)} class={classes!("trow", selected.then_some("selected"), cursor.then_some("cursor"), (!r.error_code.is_empty()).then_some("failed"))}
                         {style} {onclick} data-event-id={r.event_id.clone()} data-pos={pos.to_string()} data-sensitive={r.sensitive.to_string()}
                         aria-selected={selected.to_string()} aria-rowindex={rowindex}>
                        { for shown.iter().map(|&c| cell(c, r)) }
                    </div>
                }
            }
            None => html! {
                <div role="row" id={row_id(pos)} class="trow loading" {style} aria-rowindex={rowindex} aria-busy="true">
                    <span role="gridcell">{ "…" }</span>
                </div>
            },
        }
    });
    let toggle = |c: Column| {
        let columns = columns.clone();
        Callback::from(move |_: Event| {
            let now: Vec<Column> = if columns.contains(&c) {
                columns.iter().copied().filter(|x| *x != c).collect()
            } else {
                COLUMNS.iter().map(|(x, _)| *x).filter(|x| *x == c || columns.contains(x)).collect()
            };
            storage::set_pref(COLUMNS_PREF, &now.iter().map(|c| c.key()).collect::<Vec<_>>().join(","));
            columns.set(now);
        })
    };
    let header = |c: Column| -> Html {
        let class = format!("c-{}", c.key());
        if c == Column::Time {
            html! {
                <span role="columnheader" {class} aria-sort={if p.desc { "descending" } else { "ascending" }}>
                    <button type="button" class="link" onclick={sort.clone()} data-testid="sort-time" data-desc={p.desc.to_string()}
                            title={lang.t(if p.desc { Key::SortOldestFirst } else { Key::SortNewestFirst })}>
                        { lang.t(Key::ColumnTime) }<span aria-hidden="true">{ if p.desc { " ▼" } else { " ▲" } }</span>
                    </button>
                </span>
            }
        } else {
            html! { <span role="columnheader" {class}>{ c.label(lang) }</span> }
        }
    };
    // The cursor row, when it is rendered, is what a screen reader reads.
    let active = p.cursor.filter(|c| (first..last).contains(c)).map(row_id);
    html! {
        <section class="card table-card" aria-labelledby="events-table-title">
            <div class="table-head">
                <h3 id="events-table-title" class="visually-hidden">{ lang.t(Key::TableTitle) }</h3>
                <details class="column-chooser" data-testid="column-chooser">
                    <summary>{ lang.t(Key::ColumnsChoose) }</summary>
                    <fieldset>
                        <legend class="visually-hidden">{ lang.t(Key::ColumnsChoose) }</legend>
                        { for COLUMNS.iter().filter(|(c, _)| *c != Column::Time).map(|&(c, _)| html! {
                            <label class="inline">
                                <input type="checkbox" checked={shown.contains(&c)} onchange={toggle(c)}
                                       data-testid={format!("column-toggle-{}", c.key())} />
                                { c.label(lang) }
                            </label>
                        }) }
                    </fieldset>
                </details>
            </div>
            <div ref={scroll_ref} id="events-table" role="grid" class="table tbody"
                 style={format!("height:{}px;--cols:{template};--table-w:{table_w:.0}px", view_h + HEAD_H)} {onscroll}
                 {onkeydown} tabindex="0" aria-labelledby="events-table-title" aria-rowcount={(p.total + 1).to_string()}
                 aria-colcount={shown.len().to_string()}
                 aria-activedescendant={active} aria-describedby="events-table-keys"
                 data-testid="event-table" data-total={p.total.to_string()}
                 data-columns={shown.iter().map(|c| c.key()).collect::<Vec<_>>().join(",")}>
                <div role="rowgroup" class="thead-group">
                    <div role="row" class="thead" aria-rowindex="1">
                        { for shown.iter().map(|&c| header(c)) }
                    </div>
                </div>
                <div role="rowgroup" class="spacer" style={format!("height:{}px", p.total as f64 * ROW_H)}>
                    { for rows }
                </div>
            </div>
            <p id="events-table-keys" class="visually-hidden">{ lang.t(Key::TableKeys) }</p>
        </section>
    }
}
