//! "Use the local emulator": fills in the emulator's demo credentials, but asks first when the
//! fields hold other credentials (someone's real ones are not replaced by a stray click).

use crate::credentials::{use_credentials, CredAction};
use crate::i18n::{use_lang, Key, Tr};
use console_core::oss::demo;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub label: String,
    pub testid: &'static str,
    /// Drawn as a link (in running text) rather than a button.
    #[prop_or_default]
    pub link: bool,
    /// Once the demo credentials are in: point the form at the emulator.
    pub on_used: Callback<()>,
}

#[function_component(UseDemoButton)]
pub fn use_demo_button(p: &Props) -> Html {
    let lang = use_lang();
    let creds = use_credentials();
    let asking = use_state(|| false);
    let entered = creds.credentials().access_key_id;
    let apply = {
        let (creds, on_used, asking) = (creds.clone(), p.on_used.clone(), asking.clone());
        move || {
            asking.set(false);
            creds.dispatch(CredAction::UseDemo);
            on_used.emit(());
        }
    };
    let onclick = {
        let (apply, asking, entered) = (apply.clone(), asking.clone(), entered.clone());
        Callback::from(move |_: MouseEvent| {
            if entered.is_empty() || entered == demo::ACCESS_KEY_ID {
                apply();
            } else {
                asking.set(true);
            }
        })
    };
    let on_replace = Callback::from(move |_: MouseEvent| apply());
    let on_keep = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    html! {
        <>
            <button type="button" class={classes!(p.link.then_some("link"))} {onclick} data-testid={p.testid}>{ p.label.clone() }</button>
            if *asking {
                <span class="notice warn demo-confirm" role="alert" data-testid="demo-confirm">
                    { lang.t(Key::DemoReplaces(&entered)) }{ " " }
                    <button type="button" onclick={on_replace} data-testid="demo-replace">{ lang.t(Key::DemoReplace) }</button>{ " " }
                    <button type="button" onclick={on_keep} data-testid="demo-keep">{ lang.t(Key::DemoKeep) }</button>
                </span>
            }
        </>
    }
}
