//! The last failure: what happened, what to do, the signature comparison, the CORS rule.

use super::state::{Comparison, ErrorView};
use crate::services::clipboard;
use console_core::oss::diff;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub error: ErrorView,
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
                <thead><tr><th>{ "Ours" }</th><th>{ "OSS's" }</th></tr></thead>
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

fn comparison(c: &Comparison) -> Html {
    html! {
        <div class="comparison" data-testid="signature-comparison">
            { side_by_side("Canonical request", &c.ours_canonical, c.theirs_canonical.as_deref(), "compare-canonical") }
            { side_by_side("String to sign", &c.ours_string_to_sign, c.theirs_string_to_sign.as_deref(), "compare-string-to-sign") }
            <p class="hint">{ "If both sides are identical, the secret is wrong: only the AccessKeySecret is not visible in these strings." }</p>
        </div>
    }
}

#[function_component(ErrorPanel)]
pub fn error_panel(p: &Props) -> Html {
    let e = &p.error;
    let copied = use_state(|| false);
    let copy = {
        let (rule, copied) = (e.cors_rule.clone().unwrap_or_default(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            clipboard::copy(&rule);
            copied.set(true);
        })
    };
    html! {
        <section class="card error-box" role="alert" data-testid="last-error">
            <h3>
                <code data-testid="last-error-code">{ e.code.clone() }</code>
                { " " }{ e.summary.clone() }
            </h3>
            <p data-testid="last-error-advice">{ e.advice.clone() }</p>
            <p class="hint">
                if let Some(id) = &e.request_id { { format!("Request ID {id}") } }
                if let Some(ec) = &e.ec { { format!(" · EC {ec}") } }
            </p>
            if let Some(c) = &e.comparison { { comparison(c) } }
            if let Some(rule) = &e.cors_rule {
                <div data-testid="cors-help">
                    <h4>{ "CORS rule for this bucket" }</h4>
                    <pre data-testid="cors-rule">{ rule.clone() }</pre>
                    <button type="button" onclick={copy} data-testid="copy-cors-rule">{ if *copied { "Copied" } else { "Copy rule" } }</button>
                </div>
            }
        </section>
    }
}
