//! The lifecycle editor: last-access-time rules added, edited, disabled and deleted, the change
//! reviewed rule by rule, confirmed, and written without losing any other rule. The model is
//! `console_core::screens::lifecycle` (it decides); this renders it and runs its two calls
//! (`Session::read_lifecycle_config`, `Session::write_lifecycle`), sending their log to the
//! tracking view's request log.

use super::flow;
use crate::i18n::{use_lang, Key, Tr};
use crate::screen::{use_runner, Runner, Sends};
use crate::services::clock::BrowserClock;
use crate::services::fetch::FetchTransport;
use crate::services::tab;
use crate::widgets::announcer::Announcer;
use console_core::i18n::Lang;
use console_core::oss::error::Operation;
use console_core::oss::lifecycle_config::{self as lc, AtimeRule, Node, RuleChange, StorageClass};
use console_core::oss::place::endpoint_origin;
use console_core::oss::session::{Failed, Intent, LifecycleWrite, Session};
use console_core::screens::lifecycle::{Command, Editor, Ended, Event, Stage};
use console_core::screens::tracking::Event as TrackingEvent;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The editor's model and what runs its calls. Cloning shares the model.
#[derive(Clone, PartialEq)]
pub struct EditorScreen {
    runner: Runner<Editor>,
    tracking: flow::Screen,
    announcer: Announcer,
    lang: Lang,
}

impl EditorScreen {
    /// The model as it is now (to render).
    pub fn now(&self) -> Editor {
        self.runner.now().clone()
    }

    fn announce_end(&self) {
        let ended = self.runner.now().ended.clone();
        if let Some(e) = ended {
            self.announcer.say(result_text(self.lang, &e));
        }
    }
}

impl Sends for EditorScreen {
    type Event = Event;
    fn send(&self, event: Event) {
        for c in self.runner.update(event) {
            let screen = self.clone();
            match c {
                Command::Read { call, target, credentials, offset_ms } => {
                    wasm_bindgen_futures::spawn_local(async move {
                        let origin = endpoint_origin(&target);
                        let session = Session::new(&FetchTransport, &BrowserClock, target, credentials, offset_ms);
                        let out = session.read_lifecycle_config().await;
                        if out.offset_ms != offset_ms {
                            tab::learn_offset(&origin, out.offset_ms);
                        }
                        screen.tracking.send(TrackingEvent::Logged(out.log));
                        screen.send(Event::Read { call, result: out.result });
                        if screen.runner.now().stage == Stage::Closed {
                            screen.announce_end();
                        }
                    });
                }
                Command::Write { call, target, credentials, offset_ms, base, new } => {
                    wasm_bindgen_futures::spawn_local(async move {
                        let origin = endpoint_origin(&target);
                        let session = Session::new(&FetchTransport, &BrowserClock, target, credentials, offset_ms);
                        let out = session.write_lifecycle(&base, &new).await;
                        if out.offset_ms != offset_ms {
                            tab::learn_offset(&origin, out.offset_ms);
                        }
                        let op = out.failed_operation().unwrap_or(Operation::PutBucketLifecycle);
                        let written =
                            matches!(out.result, Ok(LifecycleWrite::Written { .. } | LifecycleWrite::Unverified(_)));
                        screen.tracking.send(TrackingEvent::Logged(out.log));
                        screen.send(Event::Written {
                            call,
                            result: out.result.map_err(|failure| Failed { op, failure }),
                        });
                        screen.announce_end();
                        // The rules card and the status show what is there now.
                        if written {
                            screen.tracking.send(TrackingEvent::Ask(Intent::Read));
                        }
                    });
                }
            }
        }
    }
}

/// The editor, kept for the page's life.
#[hook]
pub fn use_editor(tracking: flow::Screen, announcer: Announcer, lang: Lang) -> EditorScreen {
    let creds = crate::credentials::use_credentials();
    let runner = use_runner(creds, Editor::default);
    EditorScreen { runner, tracking, announcer, lang }
}

/// What a write (or the read) ended with, in a sentence.
fn result_text(lang: Lang, e: &Ended) -> String {
    match e {
        Ended::Ok => lang.t(Key::LcOk),
        Ended::Changed => lang.t(Key::LcChangedSince),
        Ended::Mismatch => lang.t(Key::LcMismatch),
        Ended::Unverified(f) => lang.t(Key::LcUnverified(&f.failure.summary(lang))),
        Ended::Invalid(_) => lang.t(Key::LcInvalidTitle),
        Ended::Failed(f) => lang.t(Key::LcFailed(&f.failure.summary(lang))),
    }
}

/// A rule in a sentence when the editor understands it, else its XML.
fn rule_body(lang: Lang, node: &Node) -> Html {
    match AtimeRule::from_node(node) {
        Some(r) => html! {
            <span>
                { if r.prefix.is_empty() { lang.t(Key::RuleWholeBucket) } else { lang.t(Key::RulePrefix(&r.prefix)) } }
                { " · " }
                { lang.t(if r.enabled { Key::RuleEnabled } else { Key::RuleDisabled }) }
                { " · " }
                { lang.t(Key::LcRuleSummary(&r)) }
            </span>
        },
        None => html! { <pre class="lc-xml" tabindex="0">{ lc::element_xml(node) }</pre> },
    }
}

fn tags_text(tags: &[(String, String)]) -> String {
    tags.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ")
}

fn parse_tags(text: &str) -> Vec<(String, String)> {
    text.split([',', '，'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| match t.split_once('=') {
            Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
            None => (t.to_string(), String::new()),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub screen: EditorScreen,
    /// The model as it is now (a change redraws the editor).
    pub model: Editor,
    /// As the tracking view last read it (`None`: not known; OSS has the last word).
    pub tracking_enabled: Option<bool>,
}

#[function_component(LifecycleEditor)]
pub fn lifecycle_editor(p: &Props) -> Html {
    let lang = use_lang();
    let screen = p.screen.clone();
    let m = &p.model;
    let busy = matches!(m.stage, Stage::Reading | Stage::Writing);

    // The form's fields: each change is the form's rule with one part changed.
    let form_input = |set: fn(&mut AtimeRule, String)| {
        let screen = screen.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let form = screen.runner.now().form.clone();
            if let Some(mut r) = form {
                set(&mut r, value);
                screen.send(Event::Form(r));
            }
        })
    };
    let form_check = |set: fn(&mut AtimeRule, bool)| {
        let screen = screen.clone();
        Callback::from(move |e: web_sys::Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let form = screen.runner.now().form.clone();
            if let Some(mut r) = form {
                set(&mut r, on);
                screen.send(Event::Form(r));
            }
        })
    };
    let on_tags = {
        let screen = screen.clone();
        Callback::from(move |e: web_sys::Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let form = screen.runner.now().form.clone();
            if let Some(mut r) = form {
                r.tags = parse_tags(&value);
                screen.send(Event::Form(r));
            }
        })
    };
    let on_class = {
        let screen = screen.clone();
        Callback::from(move |e: web_sys::Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let form = screen.runner.now().form.clone();
            if let (Some(mut r), Some(class)) = (form, StorageClass::parse(&value)) {
                r.storage_class = class;
                // Back to Standard when read is for IA only.
                r.return_to_std &= class == StorageClass::IA;
                screen.send(Event::Form(r));
            }
        })
    };
    let on_save = screen.callback(|e: SubmitEvent| {
        e.prevent_default();
        Event::SaveRule
    });
    let on_drop = screen.callback(|_: MouseEvent| Event::DropForm);
    let on_new = screen.callback(|_: MouseEvent| Event::NewRule);
    let on_review = {
        let (screen, enabled) = (screen.clone(), p.tracking_enabled);
        Callback::from(move |_: MouseEvent| screen.send(Event::Review { tracking_enabled: enabled != Some(false) }))
    };
    let on_back = screen.callback(|_: MouseEvent| Event::BackToEdit);
    let on_apply = screen.callback(|_: MouseEvent| Event::Apply);
    let on_confirm = screen.callback(|_: MouseEvent| Event::Confirm);
    let on_close = screen.callback(|_: MouseEvent| Event::Close);
    let on_enable_tracking = {
        let tracking = screen.tracking.clone();
        Callback::from(move |_: MouseEvent| {
            tracking.send(TrackingEvent::Ask(Intent::Switch(
                console_core::oss::access_monitor::AccessMonitorStatus::Enabled,
            )))
        })
    };

    let rules = m.draft.as_ref().map(lc::rules).unwrap_or_default();
    let editing = m.stage == Stage::Editing;
    let rule_list = html! {
        <ul class="lifecycle lc-rules" data-testid="lc-rules">
            { for rules.iter().map(|r| {
                let id = r.id.clone();
                // Not while a rule is in the form (it would be replaced, or undo the change).
                let actions = r.editable.as_ref().filter(|_| editing && m.form.is_none()).map(|rule| {
                    let (edit_id, toggle_id, delete_id) = (id.clone(), id.clone(), id.clone());
                    let on = !rule.enabled;
                    html! {
                        <span class="lc-actions">
                            <button type="button" class="link" onclick={screen.callback(move |_: MouseEvent| Event::EditRule(edit_id.clone()))}
                                    aria-label={format!("{} {id}", lang.t(Key::LcEditRule))} data-testid="lc-edit-rule">{ lang.t(Key::LcEditRule) }</button>
                            <button type="button" class="link" onclick={screen.callback(move |_: MouseEvent| Event::SetEnabled(toggle_id.clone(), on))}
                                    aria-label={format!("{} {id}", lang.t(if on { Key::LcEnable } else { Key::LcDisable }))} data-testid="lc-toggle-rule">{ lang.t(if on { Key::LcEnable } else { Key::LcDisable }) }</button>
                            <button type="button" class="link" onclick={screen.callback(move |_: MouseEvent| Event::DeleteRule(delete_id.clone()))}
                                    aria-label={format!("{} {id}", lang.t(Key::LcDelete))} data-testid="lc-delete-rule">{ lang.t(Key::LcDelete) }</button>
                        </span>
                    }
                });
                html! {
                    <li data-rule-id={id.clone()} data-editable={r.editable.is_some().to_string()}>
                        <strong>{ if id.is_empty() { lang.t(Key::RuleNoId) } else { id.clone() } }</strong>
                        { " " }
                        if let Some(a) = actions { { a } }
                        <div class="hint">
                            if r.editable.is_some() {
                                { rule_body(lang, &r.node) }
                            } else {
                                <details>
                                    <summary>{ lang.t(Key::LcReadOnly) }</summary>
                                    <pre class="lc-xml" tabindex="0">{ lc::element_xml(&r.node) }</pre>
                                </details>
                            }
                        </div>
                    </li>
                }
            }) }
        </ul>
    };

    let form = m.form.as_ref().filter(|_| editing).map(|r| {
        let title = match &m.editing {
            Some(id) => lang.t(Key::LcFormEdit(id)),
            None => lang.t(Key::LcFormNew),
        };
        let class = r.storage_class;
        html! {
            <form class="lc-form" onsubmit={on_save} data-testid="lc-form">
                <fieldset>
                    <legend>{ title }</legend>
                    <label>{ lang.t(Key::LcRuleId) }
                        <input type="text" value={r.id.clone()} oninput={form_input(|r, v| r.id = v)} data-testid="lc-rule-id" maxlength="255" />
                    </label>
                    <label>{ lang.t(Key::LcPrefix) }
                        <input type="text" value={r.prefix.clone()} oninput={form_input(|r, v| r.prefix = v)} data-testid="lc-prefix"
                               spellcheck="false" autocomplete="off" />
                    </label>
                    <label>{ lang.t(Key::LcTags) }
                        <input type="text" value={tags_text(&r.tags)} onchange={on_tags} data-testid="lc-tags" spellcheck="false" />
                    </label>
                    <label>{ lang.t(Key::LcDays) }
                        // A cleared field is 0 days, shown empty (the form says what to fix).
                        <input type="number" min="1" step="1" inputmode="numeric"
                               value={if r.days == 0 { String::new() } else { r.days.to_string() }}
                               oninput={form_input(|r, v| r.days = v.trim().parse().unwrap_or(0))} data-testid="lc-days" />
                    </label>
                    <label>{ lang.t(Key::LcStorageClass) }
                        <select onchange={on_class} data-testid="lc-storage-class">
                            { for [StorageClass::IA, StorageClass::Archive, StorageClass::ColdArchive].into_iter().map(|c| html! {
                                <option value={c.as_str()} selected={c == class}>{ lang.t(Key::LcClass(c)) }</option>
                            }) }
                        </select>
                    </label>
                    <label class="inline">
                        <input type="checkbox" checked={r.return_to_std} disabled={class != StorageClass::IA}
                               onchange={form_check(|r, on| r.return_to_std = on)} data-testid="lc-return-to-standard" />
                        { lang.t(Key::LcReturnToStandard) }
                    </label>
                    <label class="inline">
                        <input type="checkbox" checked={r.allow_small_file} onchange={form_check(|r, on| r.allow_small_file = on)}
                               data-testid="lc-allow-small-file" />
                        { lang.t(Key::LcAllowSmallFile) }
                    </label>
                    <label class="inline">
                        <input type="checkbox" checked={r.enabled} onchange={form_check(|r, on| r.enabled = on)} data-testid="lc-enabled" />
                        { lang.t(Key::LcEnabled) }
                    </label>
                    if let Some(problem) = &m.form_problem {
                        <p class="bad-text" role="alert" data-testid="lc-form-problem">{ lang.t(Key::LcFormProblem(problem)) }</p>
                    }
                    <div class="row">
                        <button type="submit" data-testid="lc-save-rule">{ lang.t(Key::LcSaveRule) }</button>
                        <button type="button" onclick={on_drop} data-testid="lc-drop-form">{ lang.t(Key::LcDropForm) }</button>
                    </div>
                </fieldset>
            </form>
        }
    });

    let diff = match &m.stage {
        Stage::Reviewing(changes) | Stage::Confirming(changes) => {
            let before = m.shown.as_ref().map(|n| lc::rules(n).len()).unwrap_or(0);
            let after = rules.len();
            let unchanged = changes.iter().filter(|c| matches!(c, RuleChange::Unchanged(_))).count();
            let nothing = changes.iter().all(|c| matches!(c, RuleChange::Unchanged(_)));
            let confirming = matches!(m.stage, Stage::Confirming(_));
            html! {
                <div class="lc-diff" data-testid="lc-diff" data-rules-before={before.to_string()}
                     data-rules-after={after.to_string()} data-rules-unchanged={unchanged.to_string()}>
                    <h4>{ lang.t(Key::LcDiffTitle { before, after, unchanged }) }</h4>
                    <ul class="lc-changes">
                        { for changes.iter().map(|c| match c {
                            RuleChange::Unchanged(id) => html! {
                                <li data-change="unchanged" data-rule-id={id.clone()}>
                                    <strong>{ id.clone() }</strong>{ " — " }{ lang.t(Key::LcUnchanged) }
                                </li>
                            },
                            RuleChange::Added(n) => html! {
                                <li data-change="added" data-rule-id={n.text_of("ID").unwrap_or_default()} class="lc-added">
                                    <strong>{ lang.t(Key::LcAdded) }{ ": " }{ n.text_of("ID").unwrap_or_default() }</strong>
                                    <div>{ rule_body(lang, n) }</div>
                                </li>
                            },
                            RuleChange::Removed(n) => html! {
                                <li data-change="removed" data-rule-id={n.text_of("ID").unwrap_or_default()} class="lc-removed">
                                    <strong>{ lang.t(Key::LcRemoved) }{ ": " }{ n.text_of("ID").unwrap_or_default() }</strong>
                                    <div>{ rule_body(lang, n) }</div>
                                </li>
                            },
                            RuleChange::Changed { before, after } => html! {
                                <li data-change="changed" data-rule-id={after.text_of("ID").unwrap_or_default()}>
                                    <strong>{ lang.t(Key::LcChanged) }{ ": " }{ after.text_of("ID").unwrap_or_default() }</strong>
                                    <div class="lc-before-after">
                                        <div><span class="hint">{ lang.t(Key::LcBefore) }</span>{ rule_body(lang, before) }</div>
                                        <div><span class="hint">{ lang.t(Key::LcAfter) }</span>{ rule_body(lang, after) }</div>
                                    </div>
                                </li>
                            },
                            RuleChange::Outside => html! { <li data-change="outside">{ lang.t(Key::LcOutside) }</li> },
                        }) }
                    </ul>
                    if nothing {
                        <p class="hint" data-testid="lc-nothing-changed">{ lang.t(Key::LcNothingChanged) }</p>
                    }
                    if confirming {
                        <div class="lc-confirm" role="group" aria-labelledby="lc-confirm-text">
                            <p id="lc-confirm-text" class="warn-text">{ lang.t(Key::LcConfirmText { bucket: m.bucket(), rules: after }) }</p>
                            <div class="row">
                                <button type="button" class="primary" onclick={on_confirm} data-testid="lc-confirm">{ lang.t(Key::LcConfirm) }</button>
                                <button type="button" onclick={on_back.clone()} data-testid="lc-back">{ lang.t(Key::LcBack) }</button>
                            </div>
                        </div>
                    } else {
                        <div class="row">
                            <button type="button" onclick={on_apply} disabled={nothing} data-testid="lc-apply">{ lang.t(Key::LcApply) }</button>
                            <button type="button" onclick={on_back} data-testid="lc-back">{ lang.t(Key::LcBack) }</button>
                        </div>
                    }
                </div>
            }
        }
        _ => Html::default(),
    };

    let result = m.ended.as_ref().map(|e| {
        let ok = matches!(e, Ended::Ok);
        let details = match e {
            Ended::Invalid(list) => html! {
                <>
                    <ul>{ for list.iter().map(|i| html! { <li>{ lang.t(Key::LcInvalid(i)) }</li> }) }</ul>
                    if list.contains(&lc::Invalid::TrackingOff) {
                        <button type="button" onclick={on_enable_tracking} data-testid="lc-enable-tracking">{ lang.t(Key::LcEnableTracking) }</button>
                    }
                </>
            },
            Ended::Failed(Failed { op, failure }) | Ended::Unverified(Failed { op, failure }) => html! {
                <p class="hint">{ failure.advice(lang, *op, &flow::page_origin()) }</p>
            },
            _ => Html::default(),
        };
        html! {
            <div class={if ok { "ok-text" } else { "warn-text" }} role="status" data-testid="lc-result"
                 data-ok={ok.to_string()} data-reason={e.reason()}>
                <p>{ result_text(lang, e) }</p>
                { details }
            </div>
        }
    });

    html! {
        <div class="lc-editor" data-testid="lc-editor" aria-busy={busy.to_string()} data-stage={match m.stage {
            Stage::Closed => "closed",
            Stage::Reading => "reading",
            Stage::Editing => "editing",
            Stage::Reviewing(_) => "reviewing",
            Stage::Confirming(_) => "confirming",
            Stage::Writing => "writing",
        }}>
            <p class="hint">{ lang.t(Key::LcIntro) }</p>
            if m.stage == Stage::Reading { <p class="spinner">{ lang.t(Key::LcReading) }</p> }
            if m.stage == Stage::Writing { <p class="spinner" data-testid="lc-writing">{ lang.t(Key::LcWriting) }</p> }
            { result.unwrap_or_default() }
            if m.draft.is_some() { { rule_list } }
            { form.unwrap_or_default() }
            if !busy && !matches!(m.stage, Stage::Reviewing(_) | Stage::Confirming(_)) {
                <div class="row">
                    if editing && m.form.is_none() {
                        <button type="button" onclick={on_new} data-testid="lc-new-rule">{ lang.t(Key::LcNewRule) }</button>
                    }
                    if editing {
                        <button type="button" class="primary" onclick={on_review} data-testid="lc-review">{ lang.t(Key::LcReview) }</button>
                    }
                    <button type="button" onclick={on_close} data-testid="lc-close">{ lang.t(Key::LcClose) }</button>
                </div>
            }
            { diff }
        </div>
    }
}
