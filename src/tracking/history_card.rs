//! The bucket's history in the loaded events: who changed (or read) its access tracking and
//! lifecycle rules, when, from where, what the change asked for (Enabled → Disabled, the rules'
//! IDs), and the result; each links back to the event in the explorer.

use crate::explorer::use_explorer;
use crate::i18n::{use_lang, Key, Tr};
use crate::route::Location;
use crate::widgets::format::{count, utc};
use console_core::i18n::Lang;
use console_core::oss::validate;
use console_core::screens::explorer::History;
use console_core::trail::change::Change;
use console_core::trail::protocol::HistoryEntry;
use console_core::trail::protocol::Request;
use console_core::trail::query::Filter;
use console_core::trail::share::ViewState;
use console_core::trail::store::Field;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub bucket: String,
}

#[function_component(HistoryCard)]
pub fn history_card(p: &Props) -> Html {
    let explorer = use_explorer();
    let state = &explorer.state;
    let bucket = p.bucket.trim().to_string();
    let valid = validate::bucket(&bucket).is_ok();
    {
        let bridge = explorer.bridge.clone();
        let deps = (bucket.clone(), state.load.generation, state.load.events, state.can_query());
        use_effect_with(deps, move |(bucket, _, _, can_query)| {
            if *can_query && valid {
                bridge.send(&Request::History { id: bridge.next_id(), bucket: bucket.clone() });
            }
        });
    }
    let history = state.history.as_ref().filter(|h| h.bucket == bucket && valid).cloned();
    html! { <HistoryBody {bucket} {history} loaded={state.load.events} /> }
}

#[derive(Properties, PartialEq)]
pub struct BodyProps {
    /// The bucket in the form, trimmed.
    pub bucket: String,
    /// Its history, when the engine has answered for it.
    pub history: Option<History>,
    /// How many events are loaded.
    pub loaded: u64,
}

/// The card for a bucket's history as the engine answered it (the first screen draws it with
/// nothing loaded).
#[function_component(HistoryBody)]
pub fn history_body(p: &BodyProps) -> Html {
    let lang = use_lang();
    let bucket = p.bucket.clone();
    let valid = validate::bucket(&bucket).is_ok();
    let history = p.history.as_ref();
    let link = |event_id: &str| {
        let view = ViewState {
            filter: Filter { include: vec![(Field::Bucket, vec![bucket.clone()])], ..Default::default() },
            desc: true,
            selected: Some(event_id.to_string()),
        };
        format!("#{}", Location::events_hash(&view))
    };
    // Changes (writes) by default; the reads (Get…) on request.
    let show_reads = use_state(|| false);
    let on_reads = {
        let show_reads = show_reads.clone();
        Callback::from(move |_: Event| show_reads.set(!*show_reads))
    };
    let is_read = |name: &str| {
        let n = name.to_ascii_lowercase();
        n.starts_with("get") || n.starts_with("list") || n.starts_with("head")
    };
    let reads = history.map_or(0, |h| h.events.iter().filter(|e| is_read(&e.row.event_name)).count());
    let n = |x: u64| count(lang, x);
    let summary = lang.t(match history {
        _ if p.loaded == 0 => Key::HistoryNoEvents,
        None if !valid => Key::HistoryNoBucket,
        None => Key::HistoryLooking,
        Some(h) if h.total == 0 => Key::HistoryNone { bucket: &bucket, loaded: n(p.loaded) },
        Some(h) if h.total as usize > h.events.len() => {
            Key::HistoryNewest { total: n(h.total), shown: n(h.events.len() as u64) }
        }
        Some(h) => Key::HistoryAll(n(h.total)),
    });
    html! {
        <section class="card" aria-labelledby="history-title">
            <h3 id="history-title">{ lang.t(Key::HistoryTitle) }</h3>
            <p class="hint" data-testid="bucket-history-summary">{ summary }</p>
            if reads > 0 {
                <label class="inline">
                    <input type="checkbox" checked={*show_reads} onchange={on_reads} data-testid="history-show-reads" />
                    { lang.t(Key::HistoryShowReads(&n(reads as u64))) }
                </label>
            }
            <ol class="history" data-testid="bucket-history">
                { for history.iter().flat_map(|h| h.events.iter().enumerate()).filter(|(_, h)| *show_reads || !is_read(&h.row.event_name)).map(|(i, h)| {
                    let e = &h.row;
                    let unknown = || lang.t(Key::Unknown);
                    let identity = if e.identity.is_empty() { unknown() } else { e.identity.clone() };
                    let ip = if e.source_ip.is_empty() { unknown() } else { e.source_ip.clone() };
                    // The status before: the newest successful switch older than this one.
                    let older = history.map(|h| &h.events[i + 1..]).unwrap_or_default();
                    let change = h.change.as_ref().map(|c| change_text(lang, c, e.error_code.is_empty(), older));
                    html! {
                        <li data-event-id={e.event_id.clone()}>
                            <span class="mono">{ utc(e.time_ms) }</span>
                            { " · " }<strong>{ e.event_name.clone() }</strong>
                            if let Some(text) = change {
                                { " " }<span class="history-change" data-testid="history-change">{ text }</span>
                            }
                            { lang.t(Key::HistoryBy { identity: &identity, ip: &ip }) }
                            { " · " }
                            if e.error_code.is_empty() { <span class="ok-text">{ lang.t(Key::ResultOk) }</span> } else { <span class="bad-text">{ e.error_code.clone() }</span> }
                            { " · " }<a href={link(&e.event_id)} data-testid="history-open-event">{ lang.t(Key::ShowInEvents) }</a>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

/// What a change asked for, in words: the status from and to (when an older switch says what it
/// was), the rules written, or every rule removed. A refused change says what it asked for.
fn change_text(lang: Lang, change: &Change, succeeded: bool, older: &[HistoryEntry]) -> String {
    match change {
        Change::Tracking(to) if succeeded => {
            let from = older.iter().find_map(|h| match &h.change {
                Some(Change::Tracking(s)) if h.row.error_code.is_empty() => Some(s.as_str()),
                _ => None,
            });
            lang.t(Key::HistoryTrackingChange { from, to })
        }
        Change::Tracking(to) => lang.t(Key::HistoryAsked(to)),
        Change::Rules(ids) => {
            const SHOWN: usize = 5;
            let named: Vec<String> = ids
                .iter()
                .take(SHOWN)
                .map(|id| if id.is_empty() { lang.t(Key::HistoryNoRuleId) } else { id.clone() })
                .collect();
            lang.t(Key::HistoryRules { ids: &named.join(", "), more: ids.len().saturating_sub(SHOWN), succeeded })
        }
        Change::RulesDeleted => lang.t(Key::HistoryRulesDeleted),
    }
}
