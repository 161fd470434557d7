//! Loading progress (with Cancel) and the per-file load report.

use super::state::Loading;
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::format::{bytes, count, decimal};
use console_core::i18n::{Lang, Msg};
use console_core::trail::load::FileReport;
use yew::prelude::*;

/// Files listed one by one before the rest are counted.
const SHOWN_FILES: usize = 50;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub load: Loading,
    pub on_cancel: Callback<()>,
}

/// Where a file stands, for the words and for `data-state`.
fn file_state(f: &FileReport) -> (&'static str, &'static str) {
    if f.not_read && f.error.is_some() {
        ("not-read", "warn-text")
    } else if f.cancelled {
        ("cancelled", "warn-text")
    } else if !f.done {
        ("reading", "")
    } else if f.error.is_some() {
        ("problem", "bad-text")
    } else {
        ("loaded", "ok-text")
    }
}

fn file_item(lang: Lang, f: &FileReport) -> Html {
    let (state, class) = file_state(f);
    let (read, size) = (bytes(lang, f.bytes_read), bytes(lang, f.size));
    let status = lang.t(match state {
        "not-read" => Key::FileNotRead,
        "cancelled" => Key::FileCancelled,
        "reading" => Key::FileReading { read: &read, size: &size },
        "problem" => Key::FileProblem,
        _ => Key::FileLoaded,
    });
    let format = if f.format.is_empty() { "…".to_string() } else { lang.text(&Msg::Format(&f.format)) };
    html! {
        <li data-file={f.name.clone()} data-format={f.format.clone()} data-events={f.events.to_string()}
            data-duplicates={f.duplicates.to_string()} data-skipped={f.skipped.to_string()}
            data-error={f.error.as_ref().map(|e| e.to_string()).unwrap_or_default()} data-done={f.done.to_string()}
            data-state={state}>
            <div class="report-line">
                <strong class="file-name">{ f.name.clone() }</strong>
                <span class="hint">{ format!(" {size} · {format}") }</span>
                { " · " }<span class={class}>{ status }</span>
                <span>{ lang.t(Key::FileEvents(&count(lang, f.events))) }</span>
                if f.duplicates > 0 { <span class="hint">{ lang.t(Key::FileDuplicates(&count(lang, f.duplicates))) }</span> }
                if f.skipped > 0 { <span class="warn-text">{ lang.t(Key::FileSkipped(&count(lang, f.skipped))) }</span> }
            </div>
            if let Some(e) = &f.error {
                <div class="bad-text" data-testid="file-problem">
                    { lang.text(&Msg::FileProblem(e)) }
                    if f.events > 0 && !f.not_read { { lang.t(Key::EventsBeforeKept(&count(lang, f.events))) } }
                </div>
            }
            if !f.skips.is_empty() {
                <details>
                    <summary>{ lang.t(Key::SkippedEntries(f.skips.len())) }</summary>
                    <ul class="skips">
                        { for f.skips.iter().map(|s| html! {
                            <li data-line={s.line.to_string()} data-offset={s.offset.to_string()}>
                                { lang.t(Key::SkipAt { line: s.line, offset: s.offset, reason: &lang.text(&Msg::Skip(&s.reason)) }) }
                            </li>
                        }) }
                    </ul>
                </details>
            }
        </li>
    }
}

#[function_component(LoadReport)]
pub fn load_report(p: &Props) -> Html {
    let lang = use_lang();
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
    let progress_text = lang.t(Key::LoadProgress {
        read: &bytes(lang, pr.bytes_read),
        total: &bytes(lang, pr.bytes_total),
        events: &count(lang, pr.events),
        seconds: &decimal(lang, pr.elapsed_ms as f64 / 1000.0),
    });
    html! {
        <section class="card" aria-labelledby="report-title">
            if pr.loading {
                <div class="progress" data-testid="load-progress" data-bytes-read={pr.bytes_read.to_string()}
                     data-bytes-total={pr.bytes_total.to_string()} data-events={pr.events.to_string()}>
                    <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow={format!("{pct:.0}")}
                         aria-valuetext={progress_text.clone()} aria-label={lang.t(Key::LoadProgressLabel)}>
                        <div class="fill" style={format!("width:{pct:.1}%")} />
                    </div>
                    <span>{ progress_text }</span>
                    <button type="button" onclick={cancel} data-testid="load-cancel">{ lang.t(Key::Cancel) }</button>
                </div>
            }
            <h3 id="report-title">{ lang.t(Key::FilesHeading(pr.files.len())) }</h3>
            <ul class="load-report" data-testid="load-report">
                { for shown.iter().map(|f| file_item(lang, f)) }
            </ul>
            if hidden > 0 {
                <p class="hint" data-testid="load-report-more">{ lang.t(Key::MoreFiles(&count(lang, hidden as u64))) }</p>
            }
        </section>
    }
}
