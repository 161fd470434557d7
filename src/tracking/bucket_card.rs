//! Bucket, region, endpoint and addressing style.

use super::state::{Action, BucketField, TrackingState};
use crate::credentials::{use_credentials, CredAction};
use crate::i18n::{use_lang, Key, Tr};
use crate::widgets::bucket_fields::{BucketEdit, BucketFields, BucketPart};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<TrackingState>,
}

#[function_component(BucketCard)]
pub fn bucket_card(p: &Props) -> Html {
    let lang = use_lang();
    let s = &*p.state;
    let on_edit = {
        let state = p.state.clone();
        Callback::from(move |e: BucketEdit| {
            state.dispatch(match e {
                BucketEdit::Text(part, v) => Action::SetField(
                    match part {
                        BucketPart::Bucket => BucketField::Bucket,
                        BucketPart::Region => BucketField::Region,
                        BucketPart::Endpoint => BucketField::Endpoint,
                    },
                    v,
                ),
                BucketEdit::Addressing(a) => Action::SetAddressing(a),
            })
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
    html! {
        <section class="card" aria-labelledby="bucket-title">
            <h3 id="bucket-title">{ lang.t(Key::BucketCardTitle) }</h3>
            <BucketFields prefix="" bucket_label={lang.t(Key::BucketName)} bucket_placeholder="my-bucket"
                          bucket={s.bucket.clone()} region={s.region.clone()} endpoint={s.endpoint.clone()}
                          addressing={s.addressing} {on_edit} />
            <p class="hint">
                { lang.t(Key::NoAccount) }
                <button type="button" onclick={on_emulator} data-testid="use-emulator">{ lang.t(Key::UseEmulator) }</button>
                { lang.t(Key::EmulatorHint) }
            </p>
        </section>
    }
}
