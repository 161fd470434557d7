//! The light/dark switch in the header.

use crate::services::theme::{self, Theme};
use yew::prelude::*;

#[function_component(ThemeToggle)]
pub fn theme_toggle() -> Html {
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
    let label = if dark { "Switch to light theme" } else { "Switch to dark theme" };
    html! {
        <button class="theme-toggle" type="button" {onclick}
                aria-label={label} title={label}
                aria-pressed={dark.to_string()} data-testid="theme-toggle">
            { if dark { "☀ Light" } else { "☾ Dark" } }
        </button>
    }
}
