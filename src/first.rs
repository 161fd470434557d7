//! The first screen: `#/tracking` as it is before anything is done in it, in a wasm of its own
//! (`src/bin/first.rs`) that the page loads first. It draws the app's own frame and cards
//! ([`crate::frame`], [`crate::tracking::FirstTrackingView`]) from their starting state, with
//! none of the code behind them (signing, the calls, the lifecycle editor, the event engine, the
//! other views): the first load is this wasm, not the app's.
//!
//! The page's loader (`static/first_loader.js`) fetches the app itself at the first sign of use
//! (a key, a pointer, focus, another view in the address), does in it what was done here (a
//! button pressed here is pressed there, what was typed is typed there), puts the app's page in
//! place of this one, and stops this one ([`stop`]).

use crate::credentials::CredentialsProvider;
use crate::i18n::{use_lang, LangProvider};
use crate::route::Route;
use crate::tracking::FirstTrackingView;
use crate::widgets::announcer::AnnouncerProvider;
use std::cell::RefCell;
use yew::prelude::*;
use yew::AppHandle;

/// The element the first screen is drawn in (the loader replaces it with the app's).
pub const ROOT_ID: &str = "first-screen";

thread_local! {
    /// The first screen, while it runs.
    static RUNNING: RefCell<Option<AppHandle<FirstScreen>>> = const { RefCell::new(None) };
}

/// Draw the first screen in a `<div id="first-screen">` at the end of `<body>`.
pub fn start() {
    crate::panic_panel::install();
    let root = gloo::utils::document().create_element("div").expect("a div");
    root.set_id(ROOT_ID);
    let _ = gloo::utils::body().append_child(&root);
    let handle = yew::Renderer::<FirstScreen>::with_root(root).render();
    RUNNING.with(|r| *r.borrow_mut() = Some(handle));
}

/// Stop the first screen once the app has its place: its components go (with what was typed
/// into them, and the credentials' expiry countdown's timer).
pub fn stop() {
    if let Some(handle) = RUNNING.with(|r| r.borrow_mut().take()) {
        handle.destroy();
    }
}

/// The page as the app draws it at `#/tracking` before anything is done (the same providers,
/// so the same language, theme and remembered credentials; the credentials' memory is only
/// read here).
#[function_component(FirstScreen)]
pub fn first_screen() -> Html {
    html! {
        <LangProvider>
            <AnnouncerProvider>
                <CredentialsProvider keep={false}>
                    <Frame />
                </CredentialsProvider>
            </AnnouncerProvider>
        </LangProvider>
    }
}

#[function_component(Frame)]
fn frame() -> Html {
    let lang = use_lang();
    let none = Html::default;
    crate::frame(lang, Route::Tracking, [html! { <FirstTrackingView /> }, none(), none(), none()])
}
