//! Credential fields, the paste box, expiry countdown, Clear and "remember for this tab".

use crate::credentials::{use_credentials, CredAction, CredField, CredentialsHandle};
use crate::i18n::{use_lang, Key, Tr};
use crate::services::clock;
use crate::widgets::format::TimeUnit;
use console_core::i18n::{Lang, Msg};
use console_core::screens::tracking::Field;
use console_core::time::UtcDateTime;
use gloo_timers::callback::Interval;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct SecretProps {
    label: String,
    testid: &'static str,
    value: String,
    field: CredField,
    state: CredentialsHandle,
    /// Named as missing by the last read or switch.
    invalid: bool,
}

/// A masked input with show/hide.
#[function_component(SecretInput)]
fn secret_input(p: &SecretProps) -> Html {
    let lang = use_lang();
    let shown = use_state(|| false);
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let oninput = {
        let (state, field) = (p.state.clone(), p.field);
        Callback::from(move |e: InputEvent| {
            state.dispatch(CredAction::Set(field, e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let id = format!("f-{}", p.testid);
    html! {
        <div>
            <label for={id.clone()}>{ p.label.clone() }</label>
            <div class="secret-row">
                <input id={id} type={if *shown { "text" } else { "password" }} value={p.value.clone()} {oninput}
                       aria-invalid={p.invalid.to_string()}
                       autocomplete="off" spellcheck="false" data-testid={p.testid} />
                // The name says what a press does, and holds the visible word (WCAG label in name).
                <button type="button" onclick={toggle}
                        aria-label={lang.t(if *shown { Key::HideField(&p.label) } else { Key::ShowField(&p.label) })}
                        data-testid={format!("{}-visibility", p.testid)} data-shown={shown.to_string()}>
                    { lang.t(if *shown { Key::Hide } else { Key::Show }) }
                </button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ExpiryProps {
    expiration_ms: i64,
}

/// "Expires in 42:10", ticking every second.
#[function_component(ExpiryCountdown)]
fn expiry_countdown(p: &ExpiryProps) -> Html {
    let lang = use_lang();
    let now = use_state(clock::now_ms);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(1000, move || now.set(clock::now_ms()));
            move || drop(interval)
        });
    }
    let left = (p.expiration_ms - *now) / 1000;
    let at = UtcDateTime::from_unix_millis(p.expiration_ms).iso8601_extended();
    let (class, text) = if left <= 0 {
        ("bad-text", lang.t(Key::CredExpired(&fmt_duration(lang, -left))))
    } else {
        (if left < 300 { "warn-text" } else { "ok-text" }, lang.t(Key::CredExpiresIn(&fmt_duration(lang, left))))
    };
    // The countdown ticks every second: not a live region (it would be read out each time).
    html! {
        <p class={class} data-testid="cred-expiry" data-expires-in={left.to_string()} title={lang.t(Key::CredExpiration(&at))}>
            { text }{ format!(" ({at})") }
        </p>
    }
}

/// The start of an AccessKeyId, enough to recognise it: `STS.NUgYr…`.
fn short_key(id: &str) -> String {
    crate::widgets::format::ellipsis(id, 9)
}

/// `2025-04-17 14:08 UTC`.
fn utc_minute(ms: i64) -> String {
    let t = UtcDateTime::from_unix_millis(ms);
    format!("{:04}-{:02}-{:02} {:02}:{:02} UTC", t.year, t.month, t.day, t.hour, t.minute)
}

/// A countdown (`42:10`, `3:05:09`) within two days; past that, words ("3 days", "2 years").
fn fmt_duration(lang: Lang, secs: i64) -> String {
    let days = secs / 86_400;
    let span = match days {
        d if d >= 730 => Some((d / 365, TimeUnit::Year)),
        d if d >= 60 => Some((d / 30, TimeUnit::Month)),
        d if d >= 2 => Some((d, TimeUnit::Day)),
        _ => None,
    };
    if let Some(span) = span {
        return lang.t(Key::Span(span));
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Fields the last read or switch found empty.
    pub missing: Vec<Field>,
}

#[function_component(CredentialsCard)]
pub fn credentials_card(p: &Props) -> Html {
    let missing = |f: Field| p.missing.contains(&f);
    let lang = use_lang();
    let state = use_credentials();
    let s = &*state;
    let paste_ref = use_node_ref();
    let on_paste_apply = {
        let (state, paste_ref) = (state.clone(), paste_ref.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            // The pasted secret should not linger in a second place on the page.
            if console_core::oss::credentials::parse_pasted(&text).is_ok() {
                area.set_value("");
            }
            state.dispatch(CredAction::Paste(text));
        })
    };
    let on_id = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.dispatch(CredAction::Set(CredField::Id, e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(CredAction::Clear))
    };
    let on_remember = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.dispatch(CredAction::SetRemember(e.target_unchecked_into::<HtmlInputElement>().checked()))
        })
    };
    let paste_placeholder = lang.t(Key::CredPastePlaceholder);
    html! {
        <section class="card" aria-labelledby="cred-title">
            <h3 id="cred-title">{ lang.t(Key::CredTitle) }</h3>
            <div class="row">
                <div>
                    <label for="f-cred-id">{ lang.t(Key::AccessKeyIdLabel) }</label>
                    <input id="f-cred-id" value={s.access_key_id.clone()} oninput={on_id} autocomplete="off"
                           aria-invalid={missing(Field::AccessKeyId).to_string()}
                           spellcheck="false" data-testid="cred-access-key-id" placeholder="STS.…" />
                </div>
                <SecretInput label={lang.t(Key::AccessKeySecretLabel)} testid="cred-access-key-secret" value={s.access_key_secret.clone()}
                             field={CredField::Secret} state={state.clone()} invalid={missing(Field::AccessKeySecret)} />
            </div>
            <SecretInput label={lang.t(Key::SecurityTokenLabel)} testid="cred-security-token" value={s.security_token.clone()}
                         field={CredField::Token} state={state.clone()} invalid={missing(Field::SecurityToken)} />
            if let Some(exp) = s.expiration_ms {
                <ExpiryCountdown expiration_ms={exp} />
            }
            <details class="paste" open={s.access_key_id.is_empty()}>
                <summary data-testid="cred-paste-toggle">{ lang.t(Key::CredPasteSummary) }</summary>
                <textarea ref={paste_ref} rows="4" data-testid="cred-paste" aria-label={lang.t(Key::CredPasteLabel)} spellcheck="false"
                          placeholder={paste_placeholder} />
                <button type="button" onclick={on_paste_apply} data-testid="cred-paste-apply">{ lang.t(Key::CredPasteApply) }</button>
            </details>
            { match &s.paste_feedback {
                    Some(Ok(f)) => html! {
                        <p class="ok-text" role="status" data-testid="cred-paste-result" data-ok="true">
                            { lang.t(Key::CredPasted {
                                from: *f,
                                key: &short_key(&s.access_key_id),
                                expires: s.expiration_ms.map(utc_minute).as_deref(),
                            }) }
                        </p>
                    },
                    Some(Err(e)) => html! {
                        <p class="bad-text" role="status" data-testid="cred-paste-result" data-ok="false">{ lang.text(&Msg::Paste(e)) }</p>
                    },
                    None => html! {},
                } }
            <div class="row cred-actions">
                <label class="inline">
                    <input type="checkbox" checked={s.remember} onchange={on_remember} data-testid="cred-remember" />
                    { lang.t(Key::CredRemember) }
                </label>
                <button type="button" onclick={on_clear} data-testid="cred-clear">{ lang.t(Key::CredClear) }</button>
            </div>
            <p class="hint">{ lang.t(Key::CredHint) }</p>
        </section>
    }
}
