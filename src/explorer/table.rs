//! The event table, virtualized: only the rows in view are in the DOM; pages of rows come from
//! the worker as the view scrolls. Sortable by time both ways.

use super::state::Action;
use crate::widgets::bucket_link::BucketLink;
use crate::widgets::format::utc;
use console_core::trail::query::Row;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Row height in px (fixed, so positions are arithmetic).
pub const ROW_H: f64 = 28.0;
const VIEW_H: f64 = 448.0;
/// Rows fetched around the view.
pub const PAGE: usize = 100;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rows: std::rc::Rc<Vec<Row>>,
    pub offset: usize,
    pub total: usize,
    pub desc: bool,
    pub selected: Option<String>,
    pub cursor: Option<usize>,
    /// Gets `Pick` (a click on a row) and `SetDesc` (the sort button).
    pub on_action: Callback<Action>,
    pub on_need_rows: Callback<usize>,
}

#[function_component(EventTable)]
pub fn event_table(p: &Props) -> Html {
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
    // Keep the keyboard cursor in view.
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
    let rows = (first..last).map(|pos| {
        let y = pos as f64 * ROW_H;
        let style = format!("top:{y}px;height:{ROW_H}px");
        match pos.checked_sub(p.offset).and_then(|k| p.rows.get(k)) {
            Some(r) => {
                let selected = p.selected.as_deref() == Some(&r.event_id);
                let cursor = p.cursor == Some(pos);
                let onclick = {
                    let (cb, id) = (p.on_action.clone(), r.event_id.clone());
                    Callback::from(move |_: MouseEvent| cb.emit(Action::Pick { pos, event_id: id.clone() }))
                };
                html! {
                    <div role="row" class={classes!("trow", selected.then_some("selected"), cursor.then_some("cursor"), (!r.error_code.is_empty()).then_some("failed"))}
                         {style} {onclick} data-event-id={r.event_id.clone()} data-pos={pos.to_string()}
                         aria-selected={selected.to_string()} aria-rowindex={(pos + 2).to_string()}>
                        <span role="gridcell" class="c-time">{ utc(r.time_ms) }</span>
                        <span role="gridcell" class="c-event">{ r.event_name.clone() }if r.sensitive { <span class="badge" title="Sensitive operation">{ "!" }</span> }</span>
                        <span role="gridcell" class="c-identity">{ r.identity.clone() }</span>
                        <span role="gridcell" class="c-ip">{ r.source_ip.clone() }</span>
                        <span role="gridcell" class="c-region">{ r.region.clone() }</span>
                        <span role="gridcell" class="c-bucket">
                            { r.bucket.clone() }
                            if !r.bucket.is_empty() { { " " }<BucketLink bucket={r.bucket.clone()} region={Some(r.region.clone()).filter(|x| !x.is_empty())} /> }
                        </span>
                        <span role="gridcell" class={classes!("c-result", (!r.error_code.is_empty()).then_some("bad-text"))}>
                            { if r.error_code.is_empty() { "OK".to_string() } else { r.error_code.clone() } }
                        </span>
                    </div>
                }
            }
            None => html! { <div role="row" class="trow loading" {style}><span role="gridcell">{ "…" }</span></div> },
        }
    });
    html! {
        <section class="card table-card" aria-label="Events">
            <div role="grid" aria-rowcount={(p.total + 1).to_string()} class="table">
                <div role="row" class="thead">
                    <span role="columnheader" class="c-time">
                        <button type="button" class="link" onclick={sort} data-testid="sort-time"
                                aria-label={if p.desc { "Time, newest first; sort oldest first" } else { "Time, oldest first; sort newest first" }}>
                            { if p.desc { "Time (UTC) ▼" } else { "Time (UTC) ▲" } }
                        </button>
                    </span>
                    <span role="columnheader" class="c-event">{ "Event" }</span>
                    <span role="columnheader" class="c-identity">{ "Identity" }</span>
                    <span role="columnheader" class="c-ip">{ "Source IP" }</span>
                    <span role="columnheader" class="c-region">{ "Region" }</span>
                    <span role="columnheader" class="c-bucket">{ "Bucket" }</span>
                    <span role="columnheader" class="c-result">{ "Result" }</span>
                </div>
                <div ref={scroll_ref} class="tbody" style={format!("height:{VIEW_H}px")} {onscroll}
                     data-testid="event-table" data-total={p.total.to_string()} tabindex="0">
                    <div class="spacer" style={format!("height:{}px", p.total as f64 * ROW_H)}>
                        { for rows }
                    </div>
                </div>
            </div>
        </section>
    }
}
