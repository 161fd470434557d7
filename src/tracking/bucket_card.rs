//! Bucket, region, endpoint and addressing style.

use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::bucket_fields::BucketFields;
use crate::widgets::use_demo::UseDemoButton;
use console_core::oss::place::{BucketPlace, PlaceEdit};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub place: BucketPlace,
    pub on_edit: Callback<PlaceEdit>,
    /// "Use the local emulator", once the demo credentials are in.
    pub on_emulator: Callback<()>,
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
                <UseDemoButton label={lang.t(Key::UseEmulator)} testid="use-emulator" on_used={p.on_emulator.clone()} />
                { lang.t(Key::EmulatorHint) }
            </p>
        </section>
    }
}
