//! Loading progress (with Cancel) and the per-file load report.

use super::state::Loading;
use crate::widgets::format::{bytes, count};
use console_core::trail::load::FileReport;
use yew::prelude::*;

/// Files listed one by one before the rest are counted.
const SHOWN_FILES: usize = 50;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub load: Loading,
    pub on_cancel: Callback<()>,
}

fn file_item(f: &FileReport) -> Html {
    let status = if f.not_read && f.error.is_some() {
        html! { <span class="warn-text">{ "not read" }</span> }
    } else if f.cancelled {
        html! { <span class="warn-text">{ "cancelled" }</span> }
    } else if !f.done {
        html! { <span>{ format!("reading… {} of {}", bytes(f.bytes_read), bytes(f.size)) }</span> }
    } else if f.error.is_some() {
        html! { <span class="bad-text">{ "problem" }</span> }
    } else {
        html! { <span class="ok-text">{ "loaded" }</span> }
    };
    html! {
        <li data-file={f.name.clone()} data-format={f.format.clone()} data-events={f.events.to_string()}
            data-duplicates={f.duplicates.to_string()} data-skipped={f.skipped.to_string()}
            data-error={f.error.as_ref().map(|e| e.to_string()).unwrap_or_default()} data-done={f.done.to_string()}>
            <div class="report-line">
                <strong class="file-name">{ f.name.clone() }</strong>
                <span class="hint">{ format!(" {} · {}", bytes(f.size), if f.format.is_empty() { "…" } else { &f.format }) }</span>
                { " · " }{ status }
                <span>{ format!(" · {} events", count(f.events)) }</span>
                if f.duplicates > 0 { <span class="hint">{ format!(" · {} duplicates", count(f.duplicates)) }</span> }
                if f.skipped > 0 { <span class="warn-text">{ format!(" · {} skipped", count(f.skipped)) }</span> }
            </div>
            if let Some(e) = &f.error {
                <div class="bad-text">
                    { e.to_string() }
                    if f.events > 0 && !f.not_read { { format!("; the {} events before it are kept", count(f.events)) } }
                </div>
            }
            if !f.skips.is_empty() {
                <details>
                    <summary>{ format!("Skipped entries (first {})", f.skips.len()) }</summary>
                    <ul class="skips">
                        { for f.skips.iter().map(|s| html! {
                            <li>{ format!("line {} (byte {}): {}", s.line, s.offset, s.reason) }</li>
                        }) }
                    </ul>
                </details>
            }
        </li>
    }
}

#[function_component(LoadReport)]
pub fn load_report(p: &Props) -> Html {
    let pr = &p.load;
    let cancel = {
        let cb = p.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    // Many small files (a trail from its bucket): list the first ones and every one with a
    // problem, count the rest.
    let shown: Vec<&FileReport> = pr
        .files
        .iter()
        .enumerate()
        .filter(|(i, f)| *i < SHOWN_FILES || f.error.is_some() || f.cancelled || f.skipped > 0 || !f.done)
        .map(|(_, f)| f)
        .collect();
    let hidden = pr.files.len() - shown.len();
    let pct = if pr.bytes_total > 0 { (pr.bytes_read as f64 / pr.bytes_total as f64 * 100.0).min(100.0) } else { 0.0 };
    html! {
        <section class="card" aria-labelledby="report-title">
            if pr.loading {
                <div class="progress" data-testid="load-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                     aria-valuenow={format!("{pct:.0}")} data-bytes-read={pr.bytes_read.to_string()}
                     data-bytes-total={pr.bytes_total.to_string()} data-events={pr.events.to_string()}>
                    <div class="bar"><div class="fill" style={format!("width:{pct:.1}%")} /></div>
                    <span>{ format!("Reading {} of {} · {} events · {:.1} s", bytes(pr.bytes_read), bytes(pr.bytes_total), count(pr.events), pr.elapsed_ms as f64 / 1000.0) }</span>
                    <button type="button" onclick={cancel} data-testid="load-cancel">{ "Cancel" }</button>
                </div>
            }
            <h3 id="report-title">{ format!("Files ({})", pr.files.len()) }</h3>
            <ul class="load-report" data-testid="load-report">
                { for shown.iter().map(|f| file_item(f)) }
            </ul>
            if hidden > 0 {
                <p class="hint" data-testid="load-report-more">{ format!("…and {} more files, loaded without problems.", count(hidden as u64)) }</p>
            }
        </section>
    }
}
