//! The bucket's lifecycle rules; those based on last access time are why OSS refuses to turn
//! access tracking off.

use super::lifecycle_editor::{EditorScreen, LifecycleEditor};
use crate::i18n::{use_lang, Key, Tr};
use crate::screen::Sends;
use crate::tracking::flow::page_origin;
use console_core::i18n::Lang;
use console_core::oss::error::Operation;
use console_core::oss::lifecycle::LifecycleRule;
use console_core::oss::place::BucketPlace;
use console_core::screens::lifecycle::{Editor, Event as EditorEvent, Stage};
use console_core::screens::tracking::Lifecycle;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lifecycle: Lifecycle,
    pub editor: EditorScreen,
    /// The editor's model as it is now (a change redraws the card).
    pub model: Editor,
    /// The tracking view's place (the editor opens on it).
    pub place: BucketPlace,
    /// The status as last read (`None`: not read yet).
    pub tracking_enabled: Option<bool>,
    /// Read the bucket's status and rules (the editor opens before they are known).
    pub on_read: Callback<()>,
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
    let e = &p.model;
    let open = e.stage != Stage::Closed || e.ended.is_some();
    let on_edit = {
        let (editor, place, on_read, known) =
            (p.editor.clone(), p.place.clone(), p.on_read.clone(), p.tracking_enabled.is_some());
        Callback::from(move |_: MouseEvent| {
            editor.send(EditorEvent::Open { place: place.clone(), new_rule: None });
            // Whether tracking is on decides what may be written: read it too when not known.
            if !known {
                on_read.emit(());
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="lifecycle-title" data-testid="lifecycle-card">
            <div class="card-head">
                <h3 id="lifecycle-title">{ lang.t(Key::LifecycleTitle) }</h3>
                if !open {
                    <button type="button" onclick={on_edit} data-testid="lc-edit">
                        { lang.t(Key::LcEdit) }
                    </button>
                }
            </div>
            if open {
                <LifecycleEditor screen={p.editor.clone()} model={p.model.clone()} tracking_enabled={p.tracking_enabled} />
            } else {
                { body }
            }
        </section>
    }
}
