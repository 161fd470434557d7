//! Every call: method, URL, status, request id, duration, and the signing details (redacted).

use super::state::LogEntry;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub entries: Vec<LogEntry>,
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
                { for p.entries.iter().map(|e| {
                    let outcome = match (e.status, &e.error_code) {
                        (Some(s), None) => html! { <span class="ok-text">{ s }</span> },
                        (Some(s), Some(code)) => html! { <span class="bad-text">{ format!("{s} {code}") }</span> },
                        (None, _) => html! { <span class="bad-text">{ "no response" }</span> },
                    };
                    html! {
                        <li key={e.id} data-testid="request-log-entry" data-status={e.status.map(|s| s.to_string()).unwrap_or_default()}
                            data-error-code={e.error_code.clone().unwrap_or_default()}>
                            <div class="log-line">
                                <strong>{ e.method.clone() }</strong>{ " " }
                                <code class="url">{ e.url.clone() }</code>{ " → " }{ outcome }
                                <span class="hint">{ format!(" · {:.0} ms", e.duration_ms) }</span>
                                if let Some(id) = &e.request_id { <span class="hint">{ format!(" · {id}") }</span> }
                            </div>
                            if let Some(note) = &e.note { <div class="warn-text" data-testid="log-note">{ note.clone() }</div> }
                            <details>
                                <summary>{ format!("Signing details ({})", e.operation) }</summary>
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
