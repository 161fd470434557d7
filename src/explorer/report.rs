//! Loading progress (with Cancel) and the per-file load report.

use super::state::Loading;
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::format::{bytes, count, decimal};
use console_core::i18n::{Lang, Msg};
use console_core::trail::load::{FileReport, FormatKind};
use yew::prelude::*;

/// Files listed one by one before the rest are counted.
const SHOWN_FILES: usize = 50;
/// Files with something to say (a problem, skipped entries, cut short) listed at most; the rest
/// are counted. Files not read at all are named in one list of their own.
const SHOWN_NOTES: usize = 200;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub load: Loading,
    pub on_cancel: Callback<()>,
}

/// Where a file stands. The order is the summary line's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FileState {
    Loaded,
    Problem,
    Reading,
    Waiting,
    /// Cut short by a Cancel (what was read is kept).
    Cancelled,
    /// Never read: cancelled before its turn, or the store was full.
    NotRead,
}

impl FileState {
    const ALL: [FileState; 6] = [
        FileState::Loaded,
        FileState::Problem,
        FileState::Reading,
        FileState::Waiting,
        FileState::Cancelled,
        FileState::NotRead,
    ];

    fn of(f: &FileReport) -> FileState {
        if f.not_read {
            FileState::NotRead
        } else if f.cancelled {
            FileState::Cancelled
        } else if !f.done && f.bytes_read == 0 {
            FileState::Waiting
        } else if !f.done {
            FileState::Reading
        } else if f.error.is_some() {
            FileState::Problem
        } else {
            FileState::Loaded
        }
    }

    /// The `data-state` of a file's row.
    fn attr(self) -> &'static str {
        ["loaded", "problem", "reading", "waiting", "cancelled", "not-read"][self as usize]
    }

    fn class(self) -> &'static str {
        ["ok-text", "bad-text", "", "", "warn-text", "warn-text"][self as usize]
    }
}

fn file_item(lang: Lang, f: &FileReport) -> Html {
    let state = FileState::of(f);
    let (read, size) = (bytes(lang, f.bytes_read), bytes(lang, f.size));
    let status = lang.t(match state {
        FileState::NotRead => Key::FileNotRead,
        FileState::Cancelled => Key::FileCancelled,
        FileState::Reading => Key::FileReading { read: &read, size: &size },
        FileState::Waiting => Key::FileWaiting,
        FileState::Problem => Key::FileProblem,
        FileState::Loaded => Key::FileLoaded,
    });
    let class = state.class();
    let format =
        if f.format.kind == FormatKind::Unknown { "…".to_string() } else { lang.text(&Msg::Format(&f.format)) };
    html! {
        <li data-file={f.name.clone()} data-format={f.format.to_string()} data-events={f.events.to_string()}
            data-duplicates={f.duplicates.to_string()} data-skipped={f.skipped.to_string()}
            data-error={f.error.as_ref().map(|e| e.to_string()).unwrap_or_default()} data-done={f.done.to_string()}
            data-state={state.attr()}>
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
    // Many small files (a dropped week, a trail from its bucket): list the first ones, the one
    // being read and those with something to say; count the rest by state, and name every file
    // that was not read.
    let mut tally = Tally::default();
    let (mut shown, mut not_read) = (Vec::new(), Vec::new());
    let (mut hidden, mut waiting, mut unlisted_notes) = (0usize, 0usize, 0usize);
    for (i, f) in pr.files.iter().enumerate() {
        let state = FileState::of(f);
        tally.0[state as usize] += 1;
        if f.not_read {
            not_read.push(f);
        }
        let noted = f.error.is_some() || f.cancelled || f.skipped > 0;
        if i < SHOWN_FILES || state == FileState::Reading {
            shown.push(f);
        } else if f.not_read {
            // Named in the list of files not read.
        } else if noted && shown.len() < SHOWN_FILES + SHOWN_NOTES {
            shown.push(f);
        } else if noted {
            unlisted_notes += 1;
        } else if state == FileState::Waiting {
            waiting += 1;
        } else {
            hidden += 1;
        }
    }
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
            <p data-testid="load-summary" data-loaded={tally.of(FileState::Loaded)} data-problems={tally.of(FileState::Problem)}
               data-reading={tally.of(FileState::Reading)} data-waiting={tally.of(FileState::Waiting)}
               data-cancelled={tally.of(FileState::Cancelled)} data-not-read={tally.of(FileState::NotRead)}>
                { tally.line(lang) }
            </p>
            if !not_read.is_empty() {
                <details class="not-read" data-testid="load-not-read" data-count={not_read.len().to_string()}>
                    <summary class="warn-text">{ lang.t(Key::FilesNotRead(&count(lang, not_read.len() as u64))) }</summary>
                    <pre tabindex="0">{ not_read_lines(lang, &not_read) }</pre>
                </details>
            }
            <ul class="load-report" data-testid="load-report">
                { for shown.iter().map(|f| file_item(lang, f)) }
            </ul>
            if hidden > 0 {
                <p class="hint" data-testid="load-report-more">{ lang.t(Key::MoreFiles(&count(lang, hidden as u64))) }</p>
            }
            if waiting > 0 {
                <p class="hint" data-testid="load-report-waiting">{ lang.t(Key::FilesWaiting(&count(lang, waiting as u64))) }</p>
            }
            if unlisted_notes > 0 {
                <p class="warn-text">{ lang.t(Key::MoreNotedFiles(&count(lang, unlisted_notes as u64))) }</p>
            }
        </section>
    }
}

/// How many files are in each state (indexed by `FileState`).
#[derive(Default)]
struct Tally([usize; 6]);

impl Tally {
    fn of(&self, state: FileState) -> String {
        self.0[state as usize].to_string()
    }

    /// "1,200 loaded · 1 reading · 799 waiting", the states that have files.
    fn line(&self, lang: Lang) -> String {
        FileState::ALL
            .iter()
            .filter(|&&state| self.0[state as usize] > 0)
            .map(|&state| {
                let n = count(lang, self.0[state as usize] as u64);
                lang.t(match state {
                    FileState::Loaded => Key::TallyLoaded(&n),
                    FileState::Problem => Key::TallyProblems(&n),
                    FileState::Reading => Key::TallyReading(&n),
                    FileState::Waiting => Key::TallyWaiting(&n),
                    FileState::Cancelled => Key::TallyCancelled(&n),
                    FileState::NotRead => Key::TallyNotRead(&n),
                })
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// One line per file not read: its name and why.
fn not_read_lines(lang: Lang, files: &[&FileReport]) -> String {
    files
        .iter()
        .map(|f| match &f.error {
            Some(e) => format!("{}\t{}", f.name, lang.text(&Msg::FileProblem(e))),
            None => format!("{}\t{}", f.name, lang.t(Key::FileCancelled)),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
