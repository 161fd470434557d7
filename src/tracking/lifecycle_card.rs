//! The bucket's lifecycle rules; those based on last access time are why OSS refuses to turn
//! access tracking off.

use super::state::Lifecycle;
use crate::tracking::flow::page_origin;
use console_core::oss::error::Operation;
use console_core::oss::lifecycle::LifecycleRule;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lifecycle: Lifecycle,
}

fn rule_text(r: &LifecycleRule) -> String {
    let mut parts = Vec::new();
    for t in &r.transitions {
        let basis = if t.access_time { "last access" } else { "last modification" };
        let days = t.days.map(|d| format!("{d} days")).unwrap_or_else(|| "a date".into());
        let which = if t.noncurrent { "previous versions" } else { "objects" };
        parts.push(format!("{which} move to {} {days} after {basis}", t.storage_class));
    }
    if let Some(d) = r.expiration_days {
        parts.push(format!("deleted {d} days after last modification"));
    }
    if parts.is_empty() {
        parts.push("no transition or expiration".into());
    }
    parts.join("; ")
}

#[function_component(LifecycleCard)]
pub fn lifecycle_card(p: &Props) -> Html {
    let body = match &p.lifecycle {
        Lifecycle::Unknown => html! { <p class="hint">{ "Read the status to see the bucket's lifecycle rules." }</p> },
        Lifecycle::Failed(f) => html! {
            <p class="warn-text" data-testid="lifecycle-error">
                { format!("{}. {}", f.summary(), f.advice(Operation::GetBucketLifecycle, &page_origin())) }
            </p>
        },
        Lifecycle::Rules(rules) if rules.is_empty() => html! {
            <>
                <p class="hint" data-testid="lifecycle-none">{ "No lifecycle rules." }</p>
                <ul class="lifecycle" data-testid="lifecycle-rules"></ul>
            </>
        },
        Lifecycle::Rules(rules) => {
            let blocking = rules.iter().filter(|r| r.access_time() && r.enabled).count();
            html! {
                <>
                    if blocking > 0 {
                        <p class="warn-text">{ format!("{blocking} rule(s) count from the last access time: access tracking cannot be turned off while they exist.") }</p>
                    }
                    <ul class="lifecycle" data-testid="lifecycle-rules">
                        { for rules.iter().map(|r| html! {
                            <li data-access-time={r.access_time().to_string()} data-rule-id={r.id.clone()}>
                                <strong>{ if r.id.is_empty() { "(no id)".to_string() } else { r.id.clone() } }</strong>
                                { format!(" · {} · {}", if r.prefix.is_empty() { "whole bucket".to_string() } else { format!("prefix {}", r.prefix) }, if r.enabled { "enabled" } else { "disabled" }) }
                                if r.access_time() { <span class="badge" title="Based on last access time">{ "last access" }</span> }
                                <div class="hint">{ rule_text(r) }</div>
                            </li>
                        }) }
                    </ul>
                </>
            }
        }
    };
    html! {
        <section class="card" aria-labelledby="lifecycle-title" data-testid="lifecycle-card">
            <h3 id="lifecycle-title">{ "Lifecycle rules" }</h3>
            { body }
        </section>
    }
}
