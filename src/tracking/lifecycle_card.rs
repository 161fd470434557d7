//! The bucket's lifecycle rules; those based on last access time are why OSS refuses to turn
//! access tracking off.

use crate::i18n::{use_lang, Key, Tr};
use crate::tracking::flow::page_origin;
use console_core::i18n::Lang;
use console_core::oss::error::Operation;
use console_core::oss::lifecycle::LifecycleRule;
use console_core::screens::tracking::Lifecycle;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lifecycle: Lifecycle,
    /// Whether the editor is open (or shows how its last write ended): it is drawn instead of
    /// the rules.
    pub open: bool,
    /// "Edit rules".
    pub on_edit: Callback<MouseEvent>,
    /// The editor, drawn when `open`.
    #[prop_or_default]
    pub children: Html,
}

fn rule_text(lang: Lang, r: &LifecycleRule) -> String {
    let mut parts = Vec::new();
    for t in &r.transitions {
        parts.push(lang.t(Key::RuleTransition {
            noncurrent: t.noncurrent,
            class: &t.storage_class,
            days: t.days,
            access_time: t.access_time,
        }));
    }
    if let Some(d) = r.expiration_days {
        parts.push(lang.t(Key::RuleExpiration(d)));
    }
    if parts.is_empty() {
        parts.push(lang.t(Key::RuleNoAction));
    }
    parts.join(&lang.t(Key::ListSeparator))
}

#[function_component(LifecycleCard)]
pub fn lifecycle_card(p: &Props) -> Html {
    let lang = use_lang();
    let body = match &p.lifecycle {
        Lifecycle::Unknown => html! { <p class="hint">{ lang.t(Key::LifecycleUnknown) }</p> },
        Lifecycle::Failed(f) => html! {
            <p class="warn-text" data-testid="lifecycle-error">
                { lang.t(Key::LifecycleFailed { summary: &f.summary(lang), advice: &f.advice(lang, Operation::GetBucketLifecycle, &page_origin()) }) }
            </p>
        },
        Lifecycle::Rules(rules) if rules.is_empty() => html! {
            <>
                <p class="hint" data-testid="lifecycle-none">{ lang.t(Key::LifecycleNone) }</p>
                <ul class="lifecycle" data-testid="lifecycle-rules"></ul>
            </>
        },
        Lifecycle::Rules(rules) => {
            let blocking = rules.iter().filter(|r| r.access_time() && r.enabled).count();
            html! {
                <>
                    if blocking > 0 {
                        <p class="warn-text">{ lang.t(Key::LifecycleBlocking(blocking)) }</p>
                    }
                    <ul class="lifecycle" data-testid="lifecycle-rules">
                        { for rules.iter().map(|r| html! {
                            <li data-access-time={r.access_time().to_string()} data-rule-id={r.id.clone()}>
                                <strong>{ if r.id.is_empty() { lang.t(Key::RuleNoId) } else { r.id.clone() } }</strong>
                                { " · " }
                                { if r.prefix.is_empty() { lang.t(Key::RuleWholeBucket) } else { lang.t(Key::RulePrefix(&r.prefix)) } }
                                { " · " }
                                { lang.t(if r.enabled { Key::RuleEnabled } else { Key::RuleDisabled }) }
                                if r.access_time() {
                                    <span class="badge" title={lang.t(Key::LastAccessBadgeTitle)}>{ lang.t(Key::LastAccessBadge) }</span>
                                }
                                <div class="hint">{ rule_text(lang, r) }</div>
                            </li>
                        }) }
                    </ul>
                </>
            }
        }
    };
    let open = p.open;
    html! {
        <section class="card" aria-labelledby="lifecycle-title" data-testid="lifecycle-card">
            <div class="card-head">
                <h3 id="lifecycle-title">{ lang.t(Key::LifecycleTitle) }</h3>
                if !open {
                    <button type="button" onclick={p.on_edit.clone()} data-testid="lc-edit">
                        { lang.t(Key::LcEdit) }
                    </button>
                }
            </div>
            if open {
                { p.children.clone() }
            } else {
                { body }
            }
        </section>
    }
}
