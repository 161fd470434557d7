//! The go-ahead for an endpoint outside the OSS domains: what will be sent there, and a choice.

use crate::i18n::{use_lang, Key, Tr};
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
    let lang = use_lang();
    let answer = |yes: bool| {
        let cb = p.on_answer.clone();
        Callback::from(move |_: MouseEvent| cb.emit(yes))
    };
    // The question takes the focus when it appears (keyboard and screen-reader users land on it),
    // and Escape answers no.
    let yes_ref = use_node_ref();
    {
        let yes_ref = yes_ref.clone();
        use_effect_with(p.origin.clone(), move |_| {
            if let Some(b) = yes_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let onkeydown = {
        let cb = p.on_answer.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                cb.emit(false);
            }
        })
    };
    html! {
        <section class="card warn-box" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text"
                 data-testid="endpoint-confirm" data-origin={p.origin.clone()} {onkeydown}>
            <h3 id="confirm-title">{ lang.t(Key::ConfirmTitle(&p.origin)) }</h3>
            <p id="confirm-text">
                { lang.t(Key::ConfirmBefore) }
                <code>{ p.access_key_id.clone() }</code>
                { lang.t(Key::ConfirmAfter) }
            </p>
            <div class="row">
                <button type="button" class="primary" ref={yes_ref} onclick={answer(true)} data-testid="endpoint-confirm-yes">{ lang.t(Key::ConfirmSend(&p.origin)) }</button>
                <button type="button" onclick={answer(false)} data-testid="endpoint-confirm-no">{ lang.t(Key::Cancel) }</button>
            </div>
        </section>
    }
}
