//! Component tests of the shell in headless Chromium (`wasm-bindgen-test`).
#![cfg(target_arch = "wasm32")]

use oss_console::route::Route;
use oss_console::{panic_panel, App};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn settle() {
    // Let Yew's scheduler run and effects fire.
    for _ in 0..3 {
        yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

#[wasm_bindgen_test]
fn hash_paths_parse_and_unknown_ones_fall_back() {
    assert_eq!(Route::from_hash("#/events"), Route::Events);
    assert_eq!(Route::from_hash("#/events?f=eventName:PutObject"), Route::Events);
    assert_eq!(Route::from_hash("#/tracking"), Route::Tracking);
    assert_eq!(Route::from_hash(""), Route::Tracking);
    assert_eq!(Route::from_hash("#/nope"), Route::Tracking);
    assert!(Route::is_known_hash("#/events?x=1"));
    assert!(!Route::is_known_hash("#/nope"));
    assert!(!Route::is_known_hash(""));
}

#[wasm_bindgen_test]
async fn app_renders_both_tabs_and_switches_on_hash_change() {
    let window = web_sys::window().unwrap();
    window.location().set_hash("/tracking").unwrap();
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    let shown = |id: &str| {
        let el = root.query_selector(&format!("[data-testid=view-{id}]")).unwrap().expect("view present");
        !el.has_attribute("hidden")
    };
    assert!(shown("tracking") && !shown("events"));
    let tabs = root.query_selector_all("[role=tab]").unwrap();
    assert_eq!(tabs.length(), 2);

    window.location().set_hash("/events").unwrap();
    // hashchange fires asynchronously.
    yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    settle().await;
    assert!(shown("events") && !shown("tracking"));
    let selected = root.query_selector("[aria-selected=true]").unwrap().unwrap();
    assert_eq!(selected.get_attribute("data-testid").as_deref(), Some("tab-events"));
}

#[wasm_bindgen_test]
fn panic_panel_shows_the_message() {
    panic_panel::show("boom: index out of bounds");
    let document = web_sys::window().unwrap().document().unwrap();
    let panel = document.get_element_by_id("panic-panel").expect("panel present");
    let text = panel.text_content().unwrap();
    assert!(text.contains("internal error"), "{text}");
    assert!(text.contains("boom: index out of bounds"), "{text}");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    // A second panic replaces, not duplicates, the panel.
    panic_panel::show("second");
    assert_eq!(document.query_selector_all("#panic-panel").unwrap().length(), 1);
}
