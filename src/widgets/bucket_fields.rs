//! Where a bucket is (`console_core::oss::place::BucketPlace`): its name, region (with the list
//! of OSS regions), endpoint (the region's default as placeholder) and addressing style. One form
//! piece for the tracking view and for a trail's bucket.

use crate::i18n::{use_lang, Key, Tr};
use console_core::oss::place::{BucketPlace, PlaceEdit};
use console_core::oss::regions::{default_endpoint, REGIONS};
use console_core::oss::request::Addressing;
use console_core::oss::validate;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Put before every element id and test id: "" or "trail-" (both pieces can be on the page).
    pub prefix: &'static str,
    pub bucket_label: AttrValue,
    pub bucket_placeholder: &'static str,
    pub place: BucketPlace,
    pub on_edit: Callback<PlaceEdit>,
    /// The bucket and region fields named as missing (`aria-invalid`).
    #[prop_or_default]
    pub missing: (bool, bool),
}

#[function_component(BucketFields)]
pub fn bucket_fields(p: &Props) -> Html {
    let lang = use_lang();
    let text = |edit: fn(String) -> PlaceEdit| {
        let on_edit = p.on_edit.clone();
        Callback::from(move |e: InputEvent| on_edit.emit(edit(e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let on_addressing = {
        let on_edit = p.on_edit.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_edit.emit(PlaceEdit::Addressing(if v == "path-style" {
                Addressing::PathStyle
            } else {
                Addressing::VirtualHosted
            }))
        })
    };
    let place = &p.place;
    let region_id = validate::region(&place.region).unwrap_or_else(|_| "cn-hangzhou".into());
    let id = |name: &str| format!("{}{name}", p.prefix);
    html! {
        <>
            <div class="row">
                <div>
                    <label for={id("f-bucket")}>{ p.bucket_label.clone() }</label>
                    <input id={id("f-bucket")} value={place.bucket.clone()} oninput={text(PlaceEdit::Bucket)} spellcheck="false"
                           aria-invalid={p.missing.0.to_string()}
                           data-testid={id("bucket-name")} placeholder={p.bucket_placeholder} />
                </div>
                <div>
                    <label for={id("f-region")}>{ lang.t(Key::Region) }</label>
                    <input id={id("f-region")} list={id("oss-regions")} value={place.region.clone()} oninput={text(PlaceEdit::Region)}
                           aria-invalid={p.missing.1.to_string()}
                           spellcheck="false" data-testid={id("region")} />
                    <datalist id={id("oss-regions")}>
                        { for REGIONS.iter().map(|r| html! { <option value={r.id}>{ r.name(lang) }</option> }) }
                    </datalist>
                </div>
            </div>
            <div class="row">
                <div>
                    <label for={id("f-endpoint")}>{ lang.t(Key::EndpointOptional) }</label>
                    <input id={id("f-endpoint")} value={place.endpoint.clone()} oninput={text(PlaceEdit::Endpoint)} spellcheck="false"
                           data-testid={id("endpoint")} placeholder={default_endpoint(&region_id)} />
                    if let Some(other) = place.mismatched_region() {
                        <p class="warn-text" data-testid={id("endpoint-region-mismatch")} data-region={other.clone()}>
                            { lang.t(Key::EndpointRegionMismatch { endpoint_region: &other, region: &region_id }) }
                        </p>
                    }
                </div>
                <div>
                    <label for={id("f-addressing")}>{ lang.t(Key::AddressingStyle) }</label>
                    <select id={id("f-addressing")} onchange={on_addressing} data-testid={id("addressing-style")}>
                        <option value="virtual-hosted" selected={place.addressing == Addressing::VirtualHosted}>{ lang.t(Key::VirtualHosted) }</option>
                        <option value="path-style" selected={place.addressing == Addressing::PathStyle}>{ lang.t(Key::PathStyle) }</option>
                    </select>
                </div>
            </div>
        </>
    }
}
