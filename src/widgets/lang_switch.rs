//! The language switch in the header: names the other language in that language.

use crate::i18n::{use_lang_context, Key, Tr};
use console_core::i18n::Lang;
use yew::prelude::*;

#[function_component(LangSwitch)]
pub fn lang_switch() -> Html {
    let ctx = use_lang_context();
    let lang = ctx.lang;
    let next = match lang {
        Lang::En => Lang::Zh,
        Lang::Zh => Lang::En,
    };
    let onclick = {
        let set = ctx.set.clone();
        Callback::from(move |_: MouseEvent| set.emit(next))
    };
    let title = lang.t(Key::LangSwitchTitle(next.native_name()));
    html! {
        <button class="lang-switch" type="button" {onclick} data-testid="lang-switch" data-lang={lang.code()}
                title={title}>
            <span lang={next.tag()}>{ next.native_name() }</span>
        </button>
    }
}
