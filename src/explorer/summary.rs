//! The summary strip: events, filtered events, time span, errors, identities, IPs, buckets.

use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::format::{count, utc};
use console_core::trail::query::Summary;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub summary: Summary,
}

/// Where the queries stand: the latest sent, the one whose answer is drawn, and whether that
/// answer is not yet for the filter as it is now. Given apart from the rest of the explorer's
/// state so that it is drawn at once, also while the rest waits for an answer on its way
/// (`hooks::use_drawn_revision`): the figures' `data-pending` (tests wait on it) never says
/// "settled" while a query is out.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QueryProgress {
    pub query_id: u64,
    pub result_id: u64,
    pub pending: bool,
}

#[function_component(SummaryStrip)]
pub fn summary_strip(p: &Props) -> Html {
    let lang = use_lang();
    let progress = use_context::<QueryProgress>().unwrap_or_default();
    let s = &p.summary;
    let span = match (s.first_ms, s.last_ms) {
        (Some(a), Some(b)) => format!("{} → {}", utc(a), utc(b)),
        _ => "—".into(),
    };
    let (qid, rid) = (progress.query_id.to_string(), progress.result_id.to_string());
    let pending = progress.pending.to_string();
    let kpi = |label: String, value: String, testid: &'static str, n: u64| {
        html! {
            <div class="kpi">
                <span class="label">{ label }</span>
                <span class="value" data-testid={testid} data-count={n.to_string()} data-query-id={qid.clone()}
                      data-result-id={rid.clone()} data-pending={pending.clone()}>{ value }</span>
            </div>
        }
    };
    let n = |x: u64| count(lang, x);
    html! {
        <section class="summary" data-testid="summary" aria-label={lang.t(Key::SummaryLabel)}>
            { kpi(lang.t(Key::KpiEvents), lang.t(Key::KpiOf { n: &n(s.filtered), total: &n(s.total) }), "filtered-count", s.filtered) }
            { kpi(lang.t(Key::KpiErrors), n(s.errors), "summary-errors", s.errors) }
            { kpi(lang.t(Key::KpiIdentities), n(s.identities), "summary-identities", s.identities) }
            { kpi(lang.t(Key::KpiSourceIps), n(s.source_ips), "summary-ips", s.source_ips) }
            { kpi(lang.t(Key::KpiBuckets), n(s.buckets), "summary-buckets", s.buckets) }
            <div class="kpi wide"><span class="label">{ lang.t(Key::KpiSpan) }</span><span class="value" data-testid="summary-span">{ span }</span></div>
        </section>
    }
}
