//! The last failure: what happened, what to do, the signature comparison, the CORS rule.

use super::flow::page_origin;
use crate::services::clipboard;
use console_core::oss::diff;
use console_core::oss::error::{Operation, OssCode};
use console_core::oss::session::Failure;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub operation: Operation,
    pub failure: Failure,
}

fn side_by_side(title: &str, ours: &str, theirs: Option<&str>, testid: &str) -> Html {
    let Some(theirs) = theirs else {
        return html! {
            <div data-testid={testid.to_string()}>
                <h4>{ title }</h4>
                <p class="hint">{ "OSS did not return its version; ours is below." }</p>
                <pre>{ ours }</pre>
            </div>
        };
    };
    let lines = diff::lines(ours, theirs);
    let differing = lines.iter().filter(|l| !l.same).count();
    html! {
        <div data-testid={testid.to_string()}>
            <h4>{ format!("{title}: {differing} line(s) differ") }</h4>
            <table class="sig-diff">
                <thead><tr><th scope="col">{ "Ours" }</th><th scope="col">{ "OSS's" }</th></tr></thead>
                <tbody>
                    { for lines.iter().map(|l| html! {
                        <tr class={if l.same { "same" } else { "differs" }} data-differs={(!l.same).to_string()}>
                            <td><code>{ l.ours.clone().unwrap_or_default() }</code></td>
                            <td><code>{ l.theirs.clone().unwrap_or_default() }</code></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[function_component(ErrorPanel)]
pub fn error_panel(p: &Props) -> Html {
    let f = &p.failure;
    let origin = page_origin();
    let copied = use_state(|| false);
    let rule = f.cors_rule(&origin);
    let copy = {
        let (rule, copied) = (rule.clone().unwrap_or_default(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            clipboard::copy(&rule);
            copied.set(true);
        })
    };
    let comparison = match f {
        Failure::Oss { error, sent } if error.oss_code() == OssCode::SignatureDoesNotMatch => Some(html! {
            <div class="comparison" data-testid="signature-comparison">
                { side_by_side("Canonical request", &sent.canonical_request, error.canonical_request.as_deref(), "compare-canonical") }
                { side_by_side("String to sign", &sent.string_to_sign, error.string_to_sign.as_deref(), "compare-string-to-sign") }
                <p class="hint">{ "If both sides are identical, the secret is wrong: only the AccessKeySecret is not visible in these strings." }</p>
            </div>
        }),
        _ => None,
    };
    let ec = match f {
        Failure::Oss { error, .. } => Some(error.ec.clone()).filter(|e| !e.is_empty()),
        _ => None,
    };
    html! {
        <section class="card error-box" role="alert" data-testid="last-error">
            <h3>
                <code data-testid="last-error-code">{ f.code() }</code>
                { " " }{ f.summary() }
            </h3>
            <p data-testid="last-error-advice">{ f.advice(p.operation, &origin) }</p>
            <p class="hint">
                { format!("{} failed", p.operation.name()) }
                if let Some(id) = f.request_id() { { format!(" · Request ID {id}") } }
                if let Some(ec) = ec { { format!(" · EC {ec}") } }
            </p>
            { for comparison }
            if let Some(rule) = rule {
                <div data-testid="cors-help">
                    <h4>{ "CORS rule for this bucket" }</h4>
                    <pre data-testid="cors-rule">{ rule }</pre>
                    <button type="button" onclick={copy} data-testid="copy-cors-rule">{ if *copied { "Copied" } else { "Copy rule" } }</button>
                </div>
            }
        </section>
    }
}
