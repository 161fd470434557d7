//! Past this tab: the current filter as a Log Service (SLS) query for the trail's logstore, a
//! link that opens it in the SLS console once a project and logstore are given (remembered; not
//! secrets), and as ActionTrail LookupEvents attributes, with what could not be carried over.
//! The translation is `console_core::trail::handoff`; this only shows it.

use crate::i18n::{use_lang, Key, Tr};
use crate::services::{clock, storage};
use crate::widgets::copy_button::CopyButton;
use crate::widgets::format::utc;
use console_core::i18n::{Lang, Msg};
use console_core::trail::handoff::{lookup_events, sls_console_url, sls_query, ConsoleSite, SlsNote, TimeNote, Window};
use console_core::trail::query::Filter;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

const PROJECT_KEY: &str = "oss-console.sls-project";
const LOGSTORE_KEY: &str = "oss-console.sls-logstore";
const SITE_KEY: &str = "oss-console.sls-site";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub filter: Filter,
    /// The first and last event time of the events shown (Unix ms), once known.
    #[prop_or_default]
    pub span: Option<(i64, i64)>,
}

fn site_code(site: ConsoleSite) -> &'static str {
    match site {
        ConsoleSite::China => "china",
        ConsoleSite::International => "intl",
    }
}

/// The stored console site, else the one of the page's language.
fn initial_site(lang: Lang) -> ConsoleSite {
    match storage::get_pref(SITE_KEY).as_deref() {
        Some("china") => ConsoleSite::China,
        Some("intl") => ConsoleSite::International,
        _ if lang == Lang::Zh => ConsoleSite::China,
        _ => ConsoleSite::International,
    }
}

/// A remembered text field: its value, and a handler that keeps it and stores it.
fn remembered(state: &UseStateHandle<String>, key: &'static str) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        storage::set_pref(key, v.trim());
        state.set(v);
    })
}

fn window_text(lang: Lang, w: &Window) -> String {
    match (w.from, w.to) {
        (Some(from), Some(to)) => {
            lang.t(Key::WindowClosed { from: &utc(from * 1000), to: &utc(to * 1000), from_s: from, to_s: to })
        }
        (from, to) => lang.t(Key::WindowOpen {
            from: from.map(|s| utc(s * 1000)).as_deref(),
            to: to.map(|s| utc(s * 1000)).as_deref(),
        }),
    }
}

#[function_component(HandoffPanel)]
pub fn handoff_panel(p: &Props) -> Html {
    let lang = use_lang();
    // With no time range on the filter, SLS gets the span of the events shown (its console would
    // otherwise pick its own default, usually the last 15 minutes).
    let sls = use_memo((p.filter.clone(), p.span), |(filter, span)| match span {
        Some((first, last)) if filter.from_ms.is_none() && filter.to_ms.is_none() => {
            (sls_query(&Filter { from_ms: Some(*first), to_ms: Some(last.saturating_add(1)), ..filter.clone() }), true)
        }
        _ => (sls_query(filter), false),
    });
    let (sls, from_span) = (&sls.0, sls.1);
    let lookup = use_memo(p.filter.clone(), |f| lookup_events(f, clock::now_ms()));
    let project = use_state(|| storage::get_pref(PROJECT_KEY).unwrap_or_default());
    let logstore = use_state(|| storage::get_pref(LOGSTORE_KEY).unwrap_or_default());
    let site = use_state(|| initial_site(lang));
    let on_site = {
        let site = site.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            let s = if v == "china" { ConsoleSite::China } else { ConsoleSite::International };
            storage::set_pref(SITE_KEY, site_code(s));
            site.set(s);
        })
    };
    let (project_name, logstore_name) = (project.trim().to_string(), logstore.trim().to_string());
    let url = (!project_name.is_empty() && !logstore_name.is_empty())
        .then(|| sls_console_url(*site, &project_name, &logstore_name, sls));

    // An open range is what the window line already says; the other time notes go under it.
    let (time_notes, notes): (Vec<&SlsNote>, Vec<&SlsNote>) =
        sls.notes.iter().filter(|n| **n != SlsNote::Time(TimeNote::Open)).partition(|n| matches!(n, SlsNote::Time(_)));
    let note_list = |notes: Vec<String>, testid: &'static str| {
        html! {
            if !notes.is_empty() {
                <ul class="bridge-notes hint" data-testid={testid}>
                    { for notes.into_iter().map(|n| html! { <li>{ n }</li> }) }
                </ul>
            }
        }
    };
    let window = &sls.window;
    html! {
        <details class="card bridge" data-testid="bridge">
            <summary data-testid="bridge-toggle">{ lang.t(Key::BridgeSummary) }</summary>
            <p class="hint">{ lang.t(Key::BridgeIntro) }</p>

            <h4 id="sls-title">{ lang.t(Key::SlsTitle) }</h4>
            <pre class="query" data-testid="sls-query" tabindex="0" aria-labelledby="sls-title">{ sls.query.clone() }</pre>
            <div class="row bridge-actions">
                <CopyButton text={sls.query.clone()} label={lang.t(Key::CopySlsQuery)} testid="copy-sls-query" />
            </div>
            <p data-testid="sls-window" data-from={window.from.map(|s| s.to_string()).unwrap_or_default()}
               data-to={window.to.map(|s| s.to_string()).unwrap_or_default()}>
                <strong>{ lang.t(Key::TimeWindowLabel) }</strong>{ window_text(lang, window) }
                if from_span { { " " }<span class="hint" data-testid="sls-window-span">{ lang.t(Key::WindowFromShown) }</span> }
            </p>
            { note_list(time_notes.iter().map(|n| lang.text(&Msg::SlsNote(n))).collect(), "sls-time-notes") }
            { note_list(notes.iter().map(|n| lang.text(&Msg::SlsNote(n))).collect(), "sls-notes") }

            <div class="row">
                <div>
                    <label for="sls-project">{ lang.t(Key::SlsProject) }</label>
                    <input id="sls-project" value={(*project).clone()} oninput={remembered(&project, PROJECT_KEY)}
                           spellcheck="false" data-testid="sls-project" />
                </div>
                <div>
                    <label for="sls-logstore">{ lang.t(Key::SlsLogstore) }</label>
                    <input id="sls-logstore" value={(*logstore).clone()} oninput={remembered(&logstore, LOGSTORE_KEY)}
                           spellcheck="false" data-testid="sls-logstore" placeholder={lang.t(Key::SlsLogstorePlaceholder)} />
                </div>
                <div>
                    <label for="sls-site">{ lang.t(Key::SlsSite) }</label>
                    <select id="sls-site" onchange={on_site} data-testid="sls-site">
                        <option value="china" selected={*site == ConsoleSite::China}>{ lang.t(Key::SiteChina) }</option>
                        <option value="intl" selected={*site == ConsoleSite::International}>{ lang.t(Key::SiteInternational) }</option>
                    </select>
                </div>
            </div>
            if let Some(href) = url {
                <p>
                    <a {href} target="_blank" rel="noopener noreferrer" class="button" data-testid="open-in-sls">
                        { lang.t(Key::OpenInSls) }<span class="visually-hidden">{ lang.t(Key::NewTab) }</span>
                    </a>
                </p>
            } else {
                <p class="hint" data-testid="open-in-sls-hint">{ lang.t(Key::OpenInSlsHint) }</p>
            }

            <h4 id="lookup-title">{ lang.t(Key::LookupTitle) }</h4>
            if lookup.attributes.is_empty() {
                <p class="hint" data-testid="lookup-attributes" data-count="0">{ lang.t(Key::LookupNoAttributes) }</p>
            } else {
                <ul class="lookup-attributes" data-testid="lookup-attributes" data-count={lookup.attributes.len().to_string()}>
                    { for lookup.attributes.iter().map(|a| html! {
                        <li data-key={a.key.as_str()} data-value={a.value.clone()}>
                            <code>{ a.key.as_str() }</code>{ " = " }<code>{ a.value.clone() }</code>
                        </li>
                    }) }
                </ul>
            }
            <pre class="query" data-testid="lookup-json" tabindex="0" aria-labelledby="lookup-title">{ lookup.to_json() }</pre>
            <div class="row bridge-actions">
                <CopyButton text={lookup.to_json()} label={lang.t(Key::CopyLookupEvents)} testid="copy-lookup-events" />
                <CopyButton text={lookup.to_cli()} label={lang.t(Key::CopyLookupCli)} testid="copy-lookup-cli" />
            </div>
            if !lookup.dropped.is_empty() {
                <p class="warn-text">{ lang.t(Key::LookupDroppedTitle(lookup.dropped.len())) }</p>
                <ul class="lookup-dropped" data-testid="lookup-dropped">
                    { for lookup.dropped.iter().map(|d| html! {
                        <li data-reason={format!("{:?}", d.reason)}>{ lang.text(&Msg::Dropped(d)) }</li>
                    }) }
                </ul>
            }
            { note_list(lookup.notes.iter().map(|n| lang.text(&Msg::LookupNote(n))).collect(), "lookup-notes") }
        </details>
    }
}
