//! "Who did what": a link from an identity or AccessKey ID value in the explorer to its activity
//! in the Insights view.

use crate::i18n::{use_lang, Key, Tr};
use crate::route::Location;
use console_core::trail::store::Field;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// `UserName` or `AccessKeyId`.
    pub field: Field,
    pub value: String,
    /// Inside a group reached with the arrow keys (a facet card, the table): not a tab stop.
    #[prop_or_default]
    pub in_group: bool,
    /// Drawn as an arrow (its name stays "Who did what: …" for screen readers), where a row of
    /// values has no room for words.
    #[prop_or_default]
    pub compact: bool,
}

/// Whether a field's values get the link.
pub fn links(field: Field) -> bool {
    matches!(field, Field::UserName | Field::AccessKeyId)
}

#[function_component(IdentityLink)]
pub fn identity_link(p: &Props) -> Html {
    let lang = use_lang();
    let href = format!("#{}", Location::profile_hash(p.field, &p.value));
    // Inside a table row or a facet button: the click is the link's alone.
    let onclick = Callback::from(|e: MouseEvent| e.stop_propagation());
    let label = lang.t(Key::WhoDidWhatLabel(&p.value));
    html! {
        <a class="identity-link" {href} {onclick} data-testid="open-identity" data-field={p.field.key()} data-identity={p.value.clone()}
           title={label.clone()} aria-label={label} tabindex={p.in_group.then_some("-1")}>
            if p.compact { <span aria-hidden="true">{ "↗" }</span> } else { { lang.t(Key::WhoDidWhat) } }
        </a>
    }
}
