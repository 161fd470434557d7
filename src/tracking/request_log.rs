//! Every call: method, URL, status, request id, duration, and the signing details (redacted).

use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::copy_button::CopyButton;
use crate::widgets::format::{decimal, utc};
use console_core::i18n::Lang;
use console_core::oss::session::LogNote;
use console_core::screens::tracking::Logged;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub entries: Vec<Logged>,
    /// Empty the log.
    pub on_clear: Callback<MouseEvent>,
}

fn note_text(lang: Lang, n: &LogNote) -> String {
    match n {
        LogNote::ClockCorrected { offset_ms, server_time } => {
            let seconds = *offset_ms as f64 / 1000.0;
            let sign = if seconds >= 0.0 { "+" } else { "−" };
            let offset = format!("{sign}{}", decimal(lang, seconds.abs().round()));
            lang.t(Key::NoteClockCorrected { offset: &offset, server_time })
        }
        LogNote::NoResponse => lang.t(Key::NoteNoResponse),
        LogNote::Redirect => lang.t(Key::NoteRedirect),
        LogNote::Timeout => lang.t(Key::NoteTimeout),
        LogNote::TooLarge => lang.t(Key::NoteTooLarge),
    }
}

#[function_component(RequestLog)]
pub fn request_log(p: &Props) -> Html {
    let lang = use_lang();
    html! {
        <section class="card" aria-labelledby="log-title">
            <h3 id="log-title">{ lang.t(Key::RequestLog(p.entries.len())) }</h3>
            if p.entries.is_empty() {
                <p class="hint">{ lang.t(Key::RequestLogEmpty) }</p>
            } else {
                <button type="button" onclick={p.on_clear.clone()} data-testid="request-log-clear">{ lang.t(Key::ClearLog) }</button>
            }
            <ol class="request-log" data-testid="request-log" reversed=true>
                { for p.entries.iter().map(|logged| {
                    let (id, e) = (logged.id, &logged.entry);
                    let outcome = match (e.status, &e.error_code) {
                        (Some(s), None) => html! { <span class="ok-text">{ s }</span> },
                        (Some(s), Some(code)) => html! { <span class="bad-text">{ format!("{s} {code}") }</span> },
                        (None, _) => html! { <span class="bad-text">{ lang.t(Key::NoResponse) }</span> },
                    };
                    html! {
                        <li key={id} data-testid="request-log-entry" data-operation={e.operation.name()} data-status={e.status.map(|s| s.to_string()).unwrap_or_default()}
                            data-error-code={e.error_code.clone().unwrap_or_default()} data-method={e.method.clone()}>
                            <div class="log-line">
                                <span class="mono hint" data-testid="log-time">{ utc(e.at_ms as i64) }{ " UTC " }</span>
                                <strong>{ e.method.clone() }</strong>{ " " }
                                <code class="url">{ e.url.clone() }</code>{ " → " }{ outcome }
                                <span class="hint">{ lang.t(Key::DurationMs(&decimal(lang, e.duration_ms.round()))) }</span>
                                if let Some(id) = &e.request_id { <span class="hint">{ format!(" · {id}") }</span> }
                            </div>
                            if let Some(note) = &e.note { <div class="warn-text" data-testid="log-note">{ note_text(lang, note) }</div> }
                            <details data-testid="log-commands">
                                <summary>{ lang.t(Key::CopyAsCommand) }</summary>
                                <p class="hint">{ lang.t(Key::CommandsNoSecrets) }</p>
                                <div class="row command-copy">
                                    <CopyButton text={e.curl.clone()} label={lang.t(Key::CopyAsCurl)} testid="copy-curl" />
                                    if let Some(cmd) = &e.ossutil {
                                        <CopyButton text={cmd.clone()} label={lang.t(Key::CopyAsOssutil)} testid="copy-ossutil" />
                                    }
                                </div>
                                <pre data-testid="log-curl" tabindex="0">{ e.curl.clone() }</pre>
                                if let Some(cmd) = &e.ossutil { <pre data-testid="log-ossutil" tabindex="0">{ cmd.clone() }</pre> }
                            </details>
                            <details>
                                <summary>{ lang.t(Key::SigningDetails(e.operation.name())) }</summary>
                                <h4>{ lang.t(Key::CanonicalRequest) }</h4>
                                <pre data-testid="log-canonical-request" tabindex="0">{ e.canonical_request.clone() }</pre>
                                <h4>{ lang.t(Key::StringToSign) }</h4>
                                <pre tabindex="0">{ e.string_to_sign.clone() }</pre>
                                <h4>{ lang.t(Key::SignedHeaders) }</h4>
                                <pre tabindex="0">{ e.signed_headers.join(";") }</pre>
                                <h4>{ lang.t(Key::AuthorizationHeader) }</h4>
                                <pre tabindex="0">{ e.authorization.clone() }</pre>
                                if let Some(body) = &e.body {
                                    <h4>{ lang.t(Key::BodySent) }</h4>
                                    <pre tabindex="0" data-testid="log-body">{ body.clone() }</pre>
                                }
                            </details>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
