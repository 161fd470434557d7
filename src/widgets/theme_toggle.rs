//! The light/dark switch in the header.

use crate::i18n::{use_lang, Key, Tr};
use crate::services::theme::{self, Theme};
use yew::prelude::*;

#[function_component(ThemeToggle)]
pub fn theme_toggle() -> Html {
    let lang = use_lang();
    let current = use_state(theme::effective);
    use_effect_with((), |_| theme::apply_stored());
    let onclick = {
        let current = current.clone();
        Callback::from(move |_: MouseEvent| {
            let next = current.flipped();
            theme::choose(next);
            current.set(next);
        })
    };
    let dark = *current == Theme::Dark;
    // The button is pressed while the page is dark; its name says what it does.
    html! {
        <button class="theme-toggle" type="button" {onclick} title={lang.t(Key::ThemeDarkTitle)}
                aria-pressed={dark.to_string()} data-testid="theme-toggle">
            { lang.t(Key::ThemeDark) }
        </button>
    }
}
