//! "Access tracking for this bucket": a link from anywhere a bucket appears in the explorer to
//! the tracking view, with the bucket and its region filled in.

use crate::i18n::{use_lang, Key, Tr};
use crate::route::Location;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub bucket: String,
    /// The region of the event(s) it came from (`acsRegion`).
    #[prop_or_default]
    pub region: Option<String>,
    /// Inside a group reached with the arrow keys (a facet card): not a tab stop of its own.
    #[prop_or_default]
    pub in_group: bool,
}

#[function_component(BucketLink)]
pub fn bucket_link(p: &Props) -> Html {
    let lang = use_lang();
    let href = format!("#{}", Location::tracking_hash(&p.bucket, p.region.as_deref()));
    // Inside a table row or a facet button: the click is the link's alone.
    let onclick = Callback::from(|e: MouseEvent| e.stop_propagation());
    let label = lang.t(Key::BucketLinkLabel(&p.bucket));
    html! {
        <a class="bucket-link" {href} {onclick} data-testid="open-in-tracking" data-bucket={p.bucket.clone()}
           data-region={p.region.clone().unwrap_or_default()} title={label.clone()} aria-label={label}
           tabindex={p.in_group.then_some("-1")}>
            { lang.t(Key::BucketLinkText) }
        </a>
    }
}
