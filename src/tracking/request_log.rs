//! Every call: method, URL, status, request id, duration, and the signing details (redacted).

use super::state::Logged;
use console_core::oss::session::LogNote;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub entries: Vec<Logged>,
}

fn note_text(n: &LogNote) -> String {
    match n {
        LogNote::ClockCorrected { offset_ms, server_time } => format!(
            "Clock differs from OSS by {:+.0} s (ServerTime {server_time}): corrected and retried once",
            *offset_ms as f64 / 1000.0
        ),
        LogNote::NoResponse => "No response: CORS refused or network unreachable".into(),
        LogNote::Redirect => "A redirect: not followed (it would carry the token elsewhere)".into(),
        LogNote::Timeout => "No answer in time".into(),
    }
}

#[function_component(RequestLog)]
pub fn request_log(p: &Props) -> Html {
    html! {
        <section class="card" aria-labelledby="log-title">
            <h3 id="log-title">{ format!("Request log ({})", p.entries.len()) }</h3>
            if p.entries.is_empty() {
                <p class="hint">{ "Requests appear here with their signing details." }</p>
            }
            <ol class="request-log" data-testid="request-log" reversed=true>
                { for p.entries.iter().map(|logged| {
                    let (id, e) = (logged.id, &logged.entry);
                    let outcome = match (e.status, &e.error_code) {
                        (Some(s), None) => html! { <span class="ok-text">{ s }</span> },
                        (Some(s), Some(code)) => html! { <span class="bad-text">{ format!("{s} {code}") }</span> },
                        (None, _) => html! { <span class="bad-text">{ "no response" }</span> },
                    };
                    html! {
                        <li key={id} data-testid="request-log-entry" data-operation={e.operation.name()} data-status={e.status.map(|s| s.to_string()).unwrap_or_default()}
                            data-error-code={e.error_code.clone().unwrap_or_default()}>
                            <div class="log-line">
                                <strong>{ e.method.clone() }</strong>{ " " }
                                <code class="url">{ e.url.clone() }</code>{ " → " }{ outcome }
                                <span class="hint">{ format!(" · {:.0} ms", e.duration_ms) }</span>
                                if let Some(id) = &e.request_id { <span class="hint">{ format!(" · {id}") }</span> }
                            </div>
                            if let Some(note) = &e.note { <div class="warn-text" data-testid="log-note">{ note_text(note) }</div> }
                            <details>
                                <summary>{ format!("Signing details ({})", e.operation.name()) }</summary>
                                <h4>{ "Canonical request" }</h4>
                                <pre data-testid="log-canonical-request">{ e.canonical_request.clone() }</pre>
                                <h4>{ "String to sign" }</h4>
                                <pre>{ e.string_to_sign.clone() }</pre>
                                <h4>{ "Signed headers" }</h4>
                                <pre>{ e.signed_headers.join(";") }</pre>
                                <h4>{ "Authorization" }</h4>
                                <pre>{ e.authorization.clone() }</pre>
                            </details>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
