//! The "Insights" view: what is unusual in the loaded events (computed by the worker, rules in
//! `console_core::trail::insights`), each opening its events in the explorer; and who did what,
//! for one identity or AccessKey.

use crate::explorer::state::Action;
use crate::explorer::use_explorer;
use crate::i18n::{use_lang, Key, Tr};
use crate::route::{Location, Route};
use crate::widgets::format::{count, decimal, utc};
use console_core::time::UtcDateTime;
use console_core::trail::insights::{Insight, Profile};
use console_core::trail::query::Filter;
use console_core::trail::share::ViewState;
use console_core::trail::store::Field;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Whether the view is shown (insights are computed only then).
    pub active: bool,
    /// The identity or AccessKey whose activity is shown.
    pub profile: Option<(Field, String)>,
}

/// `#/events?…` showing `filter`, newest first.
fn events_link(filter: Filter) -> String {
    format!("#{}", Location::events_hash(&ViewState { filter, desc: true, selected: None }))
}

fn iso(ms: i64) -> String {
    UtcDateTime::from_unix_millis(ms).iso8601_extended()
}

#[function_component(InsightsView)]
pub fn insights_view(p: &Props) -> Html {
    let lang = use_lang();
    let explorer = use_explorer();
    let state = &explorer.state;
    {
        let dispatch = state.dispatcher();
        use_effect_with((p.active, p.profile.clone()), move |(shown, profile)| {
            dispatch.dispatch(Action::ShowInsights { shown: *shown, profile: profile.clone() });
        });
    }
    let loaded = state.load.events;
    let body = if loaded == 0 {
        html! {
            <p class="empty-state hint" data-testid="insights" data-done="false" data-count="0">
                { lang.t(Key::InsightsNoEvents) }{ " " }
                <a href={format!("#{}", Route::Events.path())}>{ lang.t(Key::TabEvents) }</a>
            </p>
        }
    } else {
        match &state.insights {
            Some(a) => {
                let done = state.insights_done();
                let list = &a.insights.list;
                html! {
                    <section class="card" aria-labelledby="insights-list-title" data-testid="insights" data-done={done.to_string()}
                             data-count={list.len().to_string()} data-found={a.insights.found.to_string()}
                             data-ms={format!("{:.1}", a.ms)} aria-busy={(!done).to_string()}>
                        <h3 id="insights-list-title">{ lang.t(Key::InsightsSummary {
                            shown: list.len(), found: a.insights.found,
                            events: &count(lang, a.insights.events), ms: &decimal(lang, a.ms.round()),
                        }) }</h3>
                        if list.is_empty() {
                            <p class="hint">{ lang.t(Key::InsightsNone) }</p>
                        }
                        <ol class="insights-list">
                            { for list.iter().map(|i| html! { <InsightItem insight={i.clone()} /> }) }
                        </ol>
                    </section>
                }
            }
            None => html! {
                <p class="hint spinner" data-testid="insights" data-done="false" data-count="0" role="status">{ lang.t(Key::InsightsComputing) }</p>
            },
        }
    };
    html! {
        <div class="insights-view">
            <h2>{ lang.t(Key::InsightsHeading) }</h2>
            <p class="hint">{ lang.t(Key::InsightsIntro) }</p>
            if let Some((field, value)) = &p.profile {
                <ProfileCard field={*field} value={value.clone()} answer={state.profile.clone()} />
            }
            { body }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    insight: Insight,
}

#[function_component(InsightItem)]
fn insight_item(p: &ItemProps) -> Html {
    let lang = use_lang();
    let i = &p.insight;
    let who = matches!(i.field, Field::UserName | Field::AccessKeyId);
    html! {
        <li class={classes!("insight", format!("sev-{}", i.severity.key()))} data-testid="insight" data-kind={i.kind.key()}
            data-field={i.field.key()} data-value={i.value.clone()} data-from={iso(i.from_ms)} data-to={iso(i.to_ms)}
            data-severity={i.severity.key()}>
            <div class="insight-head">
                <span class={classes!("severity", i.severity.key())}>{ lang.t(Key::Severity(i.severity)) }</span>
                <span class="hint">{ lang.t(Key::InsightKind(i.kind)) }</span>
            </div>
            <p class="insight-title"><strong>{ lang.t(Key::InsightTitle(i)) }</strong></p>
            <p class="hint">
                { lang.t(Key::InsightEvidence(i)) }{ " " }
                { lang.t(Key::InsightWindow { from: &utc(i.from_ms), to: &utc(i.to_ms) }) }
            </p>
            <div class="row insight-actions">
                <a class="button" href={events_link(i.filter())} data-testid="insight-apply">{ lang.t(Key::InsightApply) }</a>
                if who {
                    <a href={format!("#{}", Location::profile_hash(i.field, &i.value))} data-testid="insight-who">{ lang.t(Key::WhoDidWhat) }</a>
                }
            </div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct ProfileProps {
    field: Field,
    value: String,
    answer: Option<std::rc::Rc<console_core::screens::explorer::ProfileAnswer>>,
}

/// Who did what: the subject's operations, buckets, addresses and regions, first and last seen,
/// its error share and its activity over the loaded span.
#[function_component(ProfileCard)]
fn profile_card(p: &ProfileProps) -> Html {
    let lang = use_lang();
    let label = p.field.label(lang);
    let answer = p.answer.as_ref().filter(|a| a.field == p.field && a.value == p.value);
    let body = match answer.map(|a| &a.profile) {
        None => html! { <p class="hint spinner" role="status">{ lang.t(Key::InsightsComputing) }</p> },
        Some(None) => html! { <p class="hint">{ lang.t(Key::ProfileNone { field: label, value: &p.value }) }</p> },
        Some(Some(profile)) => profile_body(lang, p.field, profile),
    };
    let filter = Filter { include: vec![(p.field, vec![p.value.clone()])], ..Filter::default() };
    html! {
        <section class="card profile" data-testid="identity-view" data-identity={p.value.clone()} data-field={p.field.key()}
                 data-events={answer.and_then(|a| a.profile.as_ref()).map(|x| x.events.to_string()).unwrap_or_default()}
                 aria-labelledby="profile-title">
            <div class="detail-head">
                <h3 id="profile-title">{ lang.t(Key::ProfileTitle { field: label, value: &p.value }) }</h3>
                <a href={format!("#{}", Route::Insights.path())} data-testid="identity-view-close">{ lang.t(Key::ProfileClose) }</a>
            </div>
            { body }
            <a class="button" href={events_link(filter)} data-testid="identity-view-events">{ lang.t(Key::ProfileShowEvents) }</a>
        </section>
    }
}

fn profile_body(lang: console_core::i18n::Lang, field: Field, p: &Profile) -> Html {
    let n = |x: u64| count(lang, x);
    let max = p.activity.iter().copied().max().unwrap_or(1).max(1) as f64;
    let bars = p.activity.iter().enumerate().map(|(k, &c)| {
        let h = c as f64 / max * 100.0;
        let at = p.activity_from_ms + k as i64 * p.activity_bucket_ms;
        html! { <span class="bar" style={format!("height:{h:.0}%")} title={format!("{} · {}", utc(at), n(c))} /> }
    });
    html! {
        <>
            <p data-testid="identity-summary">{ lang.t(Key::ProfileSummary {
                events: &n(p.events), errors: &n(p.errors), writes: &n(p.writes), sensitive: &n(p.sensitive),
                first: &utc(p.first_ms), last: &utc(p.last_ms),
            }) }</p>
            <h4>{ lang.t(Key::ProfileActivity) }</h4>
            <div class="profile-activity" role="img" aria-label={lang.t(Key::ProfileActivity)}>{ for bars }</div>
            <div class="profile-top">
                { for p.top.iter().filter(|(_, v)| !v.is_empty()).map(|(f, values)| html! {
                    <div class="profile-field" data-field={f.key()}>
                        <h4>{ f.label(lang) }</h4>
                        <ul>
                            { for values.iter().map(|(v, c)| {
                                let filter = Filter { include: vec![(field, vec![p.value.clone()]), (*f, vec![v.clone()])], ..Filter::default() };
                                html! { <li><a href={events_link(filter)}>{ v.clone() }</a>{ " " }<span class="hint">{ n(*c) }</span></li> }
                            }) }
                        </ul>
                    </div>
                }) }
            </div>
        </>
    }
}
