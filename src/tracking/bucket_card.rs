//! Bucket, region, endpoint and addressing style.

use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::bucket_fields::BucketFields;
use console_core::oss::place::{BucketPlace, PlaceEdit};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub place: BucketPlace,
    pub on_edit: Callback<PlaceEdit>,
    /// "Use the local emulator".
    pub on_emulator: Callback<MouseEvent>,
    /// The bucket and region named as missing.
    pub missing: (bool, bool),
}

#[function_component(BucketCard)]
pub fn bucket_card(p: &Props) -> Html {
    let lang = use_lang();
    html! {
        <section class="card" aria-labelledby="bucket-title">
            <h3 id="bucket-title">{ lang.t(Key::BucketCardTitle) }</h3>
            <BucketFields prefix="" bucket_label={lang.t(Key::BucketName)} bucket_placeholder="my-bucket"
                          place={p.place.clone()} on_edit={p.on_edit.clone()} missing={p.missing} />
            <p class="hint">
                { lang.t(Key::NoAccount) }
                <button type="button" onclick={p.on_emulator.clone()} data-testid="use-emulator">{ lang.t(Key::UseEmulator) }</button>
                { lang.t(Key::EmulatorHint) }
            </p>
        </section>
    }
}
