//! A copy button that says whether the copy worked: "Copied", or that the text has to be selected
//! by hand (the clipboard needs a secure context and the page's focus).

use crate::i18n::{use_lang, Key, Tr};
use crate::services::clipboard;
use crate::widgets::announcer::use_announcer;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
    /// The button's words before a copy.
    pub label: String,
    pub testid: &'static str,
}

/// Where the last copy stands (`data-copied`: `""`, `done`, `failed`).
#[derive(Clone, Copy, PartialEq)]
enum State {
    Idle,
    Done,
    Failed,
}

#[function_component(CopyButton)]
pub fn copy_button(p: &Props) -> Html {
    let lang = use_lang();
    let state = use_state(|| State::Idle);
    // Other text to copy: the button is ready again.
    {
        let state = state.clone();
        use_effect_with(p.text.clone(), move |_| state.set(State::Idle));
    }
    let announcer = use_announcer();
    let onclick = {
        let (state, text) = (state.clone(), p.text.clone());
        Callback::from(move |_: MouseEvent| {
            let (state, text, announcer) = (state.clone(), text.clone(), announcer.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let copied = clipboard::copy(&text).await;
                state.set(if copied { State::Done } else { State::Failed });
                announcer.say(lang.t(if copied { Key::Copied } else { Key::CopyFailed }));
            });
        })
    };
    let (words, data) = match *state {
        State::Idle => (p.label.clone(), ""),
        State::Done => (lang.t(Key::Copied), "done"),
        State::Failed => (lang.t(Key::CopyFailed), "failed"),
    };
    html! {
        <button type="button" class="copy" {onclick} data-testid={p.testid} data-copied={data}>{ words }</button>
    }
}
