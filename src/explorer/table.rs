//! The event table, virtualized: only the rows in view are in the DOM; pages of rows come from
//! the worker as the view scrolls. Sortable by time both ways.
//!
//! An ARIA grid: the scrolling box is the grid (one tab stop), its header row and its rows sit in
//! row groups, and the keyboard cursor (`j`/`k`, arrows) is the grid's active descendant, so a
//! screen reader reads the row the cursor is on.

use super::state::Action;
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::bucket_link::BucketLink;
use crate::widgets::format::utc;
use console_core::trail::query::Row;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Row height in px (fixed, so positions are arithmetic).
pub const ROW_H: f64 = 28.0;
/// Height of the rows' part of the box.
const VIEW_H: f64 = 448.0;
/// Height of the header row (it stays on top while the rows scroll under it).
const HEAD_H: f64 = 34.0;
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
    /// Gets `Pick` (a click on a row), `SetDesc` (the sort button) and `MoveCursor` (arrows).
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
        use_effect_with(p.cursor, move |cursor| {
            if let (Some(c), Some(el)) = (cursor, scroll_ref.cast::<HtmlElement>()) {
                let y = *c as f64 * ROW_H;
                let st = el.scroll_top() as f64;
                if y < st {
                    el.set_scroll_top(y as i32);
                } else if y + ROW_H > st + VIEW_H {
                    el.set_scroll_top((y + ROW_H - VIEW_H) as i32);
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
    let visible = (VIEW_H / ROW_H) as usize + 2;
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
        let (cb, desc) = (p.on_action.clone(), p.desc);
        Callback::from(move |_: MouseEvent| cb.emit(Action::SetDesc(!desc)))
    };
    // Arrows move the cursor like j/k while the grid has focus.
    let onkeydown = {
        let cb = p.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            let delta = match e.key().as_str() {
                "ArrowDown" => 1,
                "ArrowUp" => -1,
                "PageDown" => (VIEW_H / ROW_H) as i64,
                "PageUp" => -((VIEW_H / ROW_H) as i64),
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
                         {style} {onclick} data-event-id={r.event_id.clone()} data-pos={pos.to_string()}
                         aria-selected={selected.to_string()} aria-rowindex={rowindex}>
                        <span role="gridcell" class="c-time">{ utc(r.time_ms) }</span>
                        <span role="gridcell" class="c-event">
                            { r.event_name.clone() }
                            if r.sensitive { <span class="badge" title={sensitive.clone()} aria-label={sensitive.clone()} role="img">{ "!" }</span> }
                        </span>
                        <span role="gridcell" class="c-identity">{ r.identity.clone() }</span>
                        <span role="gridcell" class="c-ip">{ r.source_ip.clone() }</span>
                        <span role="gridcell" class="c-region">{ r.region.clone() }</span>
                        <span role="gridcell" class="c-bucket">
                            { r.bucket.clone() }
                            if !r.bucket.is_empty() { { " " }<BucketLink bucket={r.bucket.clone()} region={Some(r.region.clone()).filter(|x| !x.is_empty())} /> }
                        </span>
                        <span role="gridcell" class={classes!("c-result", (!r.error_code.is_empty()).then_some("bad-text"))}>
                            { if r.error_code.is_empty() { ok.clone() } else { r.error_code.clone() } }
                        </span>
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
    // The cursor row, when it is rendered, is what a screen reader reads.
    let active = p.cursor.filter(|c| (first..last).contains(c)).map(row_id);
    html! {
        <section class="card table-card" aria-labelledby="events-table-title">
            <h3 id="events-table-title" class="visually-hidden">{ lang.t(Key::TableTitle) }</h3>
            <div ref={scroll_ref} role="grid" class="table tbody" style={format!("height:{}px", VIEW_H + HEAD_H)} {onscroll}
                 {onkeydown} tabindex="0" aria-labelledby="events-table-title" aria-rowcount={(p.total + 1).to_string()}
                 aria-activedescendant={active} aria-describedby="events-table-keys"
                 data-testid="event-table" data-total={p.total.to_string()}>
                <div role="rowgroup" class="thead-group">
                    <div role="row" class="thead" aria-rowindex="1">
                        <span role="columnheader" class="c-time" aria-sort={if p.desc { "descending" } else { "ascending" }}>
                            <button type="button" class="link" onclick={sort} data-testid="sort-time" data-desc={p.desc.to_string()}
                                    title={lang.t(if p.desc { Key::SortOldestFirst } else { Key::SortNewestFirst })}>
                                { lang.t(Key::ColumnTime) }<span aria-hidden="true">{ if p.desc { " ▼" } else { " ▲" } }</span>
                            </button>
                        </span>
                        <span role="columnheader" class="c-event">{ lang.t(Key::ColumnEvent) }</span>
                        <span role="columnheader" class="c-identity">{ lang.t(Key::ColumnIdentity) }</span>
                        <span role="columnheader" class="c-ip">{ lang.t(Key::ColumnSourceIp) }</span>
                        <span role="columnheader" class="c-region">{ lang.t(Key::ColumnRegion) }</span>
                        <span role="columnheader" class="c-bucket">{ lang.t(Key::ColumnBucket) }</span>
                        <span role="columnheader" class="c-result">{ lang.t(Key::ColumnResult) }</span>
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
