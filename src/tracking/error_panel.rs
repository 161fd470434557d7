//! The last failure: what happened, what to do, the signature comparison, the CORS rule.

use super::flow::page_origin;
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::copy_button::CopyButton;
use console_core::i18n::Lang;
use console_core::oss::diff;
use console_core::oss::error::{Operation, OssCode, ServiceError};
use console_core::oss::session::{Failure, Sent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub operation: Operation,
    pub failure: Failure,
}

fn side_by_side(lang: Lang, title: &str, ours: &str, theirs: Option<&str>, testid: &str) -> Html {
    let Some(theirs) = theirs else {
        return html! {
            <div data-testid={testid.to_string()}>
                <h4>{ title }</h4>
                <p class="hint">{ lang.t(Key::TheirsMissing) }</p>
                <pre>{ ours }</pre>
            </div>
        };
    };
    let lines = diff::lines(ours, theirs);
    let differing = lines.iter().filter(|l| !l.same).count();
    html! {
        <div data-testid={testid.to_string()} data-differing={differing.to_string()}>
            <h4>{ lang.t(Key::LinesDiffer { title, n: differing }) }</h4>
            <table class="sig-diff">
                <thead><tr><th scope="col">{ lang.t(Key::Ours) }</th><th scope="col">{ lang.t(Key::Theirs) }</th></tr></thead>
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

/// What the comparison shows, first: every line the same means the secret is wrong.
fn conclusion(lang: Lang, sent: &Sent, error: &ServiceError) -> Html {
    let differing =
        |ours: &str, theirs: Option<&str>| theirs.map(|t| diff::lines(ours, t).iter().filter(|l| !l.same).count());
    let counts = [
        differing(&sent.canonical_request, error.canonical_request.as_deref()),
        differing(&sent.string_to_sign, error.string_to_sign.as_deref()),
    ];
    let (key, kind) = match counts {
        [Some(0), Some(0)] => (Key::SignatureSecretWrong, "secret"),
        [None, None] => return html! {},
        _ => (Key::SignatureLinesDiffer(counts.iter().flatten().sum()), "lines"),
    };
    html! { <p class="conclusion" data-testid="signature-conclusion" data-conclusion={kind}><strong>{ lang.t(key) }</strong></p> }
}

#[function_component(ErrorPanel)]
pub fn error_panel(p: &Props) -> Html {
    let lang = use_lang();
    let f = &p.failure;
    let origin = page_origin();
    let rule = f.cors_rule(&origin);
    let comparison = match f {
        Failure::Oss { error, sent } if error.oss_code() == OssCode::SignatureDoesNotMatch => Some(html! {
            <div class="comparison" data-testid="signature-comparison">
                { conclusion(lang, sent, error) }
                { side_by_side(lang, &lang.t(Key::CanonicalRequest), &sent.canonical_request, error.canonical_request.as_deref(), "compare-canonical") }
                { side_by_side(lang, &lang.t(Key::StringToSign), &sent.string_to_sign, error.string_to_sign.as_deref(), "compare-string-to-sign") }
                <p class="hint">{ lang.t(Key::SecretWrongHint) }</p>
            </div>
        }),
        _ => None,
    };
    let ec = match f {
        Failure::Oss { error, .. } => Some(error.ec.clone()).filter(|e| !e.is_empty()),
        _ => None,
    };
    // Not a live region: the page's announcer says that the call failed, once.
    html! {
        <section class="card error-box" aria-labelledby="last-error-title" data-testid="last-error" data-code={f.code()}>
            <h3 id="last-error-title">
                <code data-testid="last-error-code">{ f.code() }</code>
                { " " }
                // OSS's own words after the code (the summary would say the code again).
                { match f {
                    Failure::Oss { error, .. } => format!("({}) {}", error.status, error.message),
                    _ => f.summary(lang),
                } }
            </h3>
            <p data-testid="last-error-advice">{ f.advice(lang, p.operation, &origin) }</p>
            <p class="hint">
                { lang.t(Key::OperationFailed(p.operation.name())) }
                if let Some(id) = f.request_id() { { lang.t(Key::RequestIdPart(id)) } }
                if let Some(ec) = ec { { lang.t(Key::EcPart(&ec)) } }
            </p>
            { for comparison }
            if let Some(rule) = rule {
                <div data-testid="cors-help">
                    <h4>{ lang.t(Key::CorsRuleTitle) }</h4>
                    <pre data-testid="cors-rule" tabindex="0">{ rule.clone() }</pre>
                    <CopyButton text={rule} label={lang.t(Key::CopyRule)} testid="copy-cors-rule" />
                </div>
            }
        </section>
    }
}
