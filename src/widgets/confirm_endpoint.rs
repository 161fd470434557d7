//! The go-ahead for an endpoint outside the OSS domains: what will be sent there, and a choice.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub origin: String,
    pub access_key_id: String,
    /// `true`: send; `false`: cancel.
    pub on_answer: Callback<bool>,
}

#[function_component(ConfirmEndpoint)]
pub fn confirm_endpoint(p: &Props) -> Html {
    let answer = |yes: bool| {
        let cb = p.on_answer.clone();
        Callback::from(move |_: MouseEvent| cb.emit(yes))
    };
    html! {
        <section class="card warn-box" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text"
                 data-testid="endpoint-confirm" data-origin={p.origin.clone()}>
            <h3 id="confirm-title">{ format!("Send signed requests to {}?", p.origin) }</h3>
            <p id="confirm-text">
                { "This endpoint is not an OSS domain (*.aliyuncs.com) or this computer. Each request sent there carries your AccessKeyId " }
                <code>{ p.access_key_id.clone() }</code>
                { ", your SecurityToken, and a signature that could be replayed against OSS for 15 minutes. Continue only if you run this endpoint or trust it (an OSS-compatible gateway, a proxy you control). Your answer is remembered for this endpoint in this tab." }
            </p>
            <div class="row">
                <button type="button" class="primary" onclick={answer(true)} data-testid="endpoint-confirm-yes">{ format!("Send to {}", p.origin) }</button>
                <button type="button" onclick={answer(false)} data-testid="endpoint-confirm-no">{ "Cancel" }</button>
            </div>
        </section>
    }
}
