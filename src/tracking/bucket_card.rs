//! Bucket, region, endpoint and addressing style.

use super::state::{Action, BucketField, TrackingState};
use crate::credentials::{use_credentials, CredAction};
use crate::i18n::{use_lang, Key, Tr};
use console_core::oss::regions::{default_endpoint, REGIONS};
use console_core::oss::request::Addressing;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<TrackingState>,
}

#[function_component(BucketCard)]
pub fn bucket_card(p: &Props) -> Html {
    let lang = use_lang();
    let s = &*p.state;
    let field = |f: BucketField| {
        let state = p.state.clone();
        Callback::from(move |e: InputEvent| {
            state.dispatch(Action::SetField(f, e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let on_addressing = {
        let state = p.state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            state.dispatch(Action::SetAddressing(if v == "path-style" {
                Addressing::PathStyle
            } else {
                Addressing::VirtualHosted
            }));
        })
    };
    let creds = use_credentials();
    let on_emulator = {
        let state = p.state.clone();
        Callback::from(move |_: MouseEvent| {
            creds.dispatch(CredAction::UseDemo);
            state.dispatch(Action::UseEmulator);
        })
    };
    let region_id = console_core::oss::validate::region(&s.region).unwrap_or_else(|_| "cn-hangzhou".into());
    html! {
        <section class="card" aria-labelledby="bucket-title">
            <h3 id="bucket-title">{ lang.t(Key::BucketCardTitle) }</h3>
            <div class="row">
                <div>
                    <label for="f-bucket">{ lang.t(Key::BucketName) }</label>
                    <input id="f-bucket" value={s.bucket.clone()} oninput={field(BucketField::Bucket)} spellcheck="false"
                           data-testid="bucket-name" placeholder="my-bucket" />
                </div>
                <div>
                    <label for="f-region">{ lang.t(Key::Region) }</label>
                    <input id="f-region" list="oss-regions" value={s.region.clone()} oninput={field(BucketField::Region)}
                           spellcheck="false" data-testid="region" />
                    <datalist id="oss-regions">
                        { for REGIONS.iter().map(|r| html! { <option value={r.id}>{ r.name(lang) }</option> }) }
                    </datalist>
                </div>
            </div>
            <div class="row">
                <div>
                    <label for="f-endpoint">{ lang.t(Key::EndpointOptional) }</label>
                    <input id="f-endpoint" value={s.endpoint.clone()} oninput={field(BucketField::Endpoint)} spellcheck="false"
                           data-testid="endpoint" placeholder={default_endpoint(&region_id)} />
                </div>
                <div>
                    <label for="f-addressing">{ lang.t(Key::AddressingStyle) }</label>
                    <select id="f-addressing" onchange={on_addressing} data-testid="addressing-style">
                        <option value="virtual-hosted" selected={s.addressing == Addressing::VirtualHosted}>{ lang.t(Key::VirtualHosted) }</option>
                        <option value="path-style" selected={s.addressing == Addressing::PathStyle}>{ lang.t(Key::PathStyle) }</option>
                    </select>
                </div>
            </div>
            <p class="hint">
                { lang.t(Key::NoAccount) }
                <button type="button" onclick={on_emulator} data-testid="use-emulator">{ lang.t(Key::UseEmulator) }</button>
                { lang.t(Key::EmulatorHint) }
            </p>
        </section>
    }
}
