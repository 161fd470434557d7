//! Component tests of the shell in headless Chromium (`wasm-bindgen-test`).
#![cfg(target_arch = "wasm32")]

use oss_console::route::Route;
use oss_console::{panic_panel, App};
use wasm_bindgen::JsCast;
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
    let ids: Vec<String> = (0..tabs.length())
        .filter_map(|i| tabs.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-testid"))
        .collect();
    assert_eq!(ids, ["tab-tracking", "tab-events", "insights-tab", "fleet-tab"]);

    window.location().set_hash("/events").unwrap();
    // hashchange fires asynchronously.
    yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    settle().await;
    assert!(shown("events") && !shown("tracking"));
    let selected = root.query_selector("[aria-selected=true]").unwrap().unwrap();
    assert_eq!(selected.get_attribute("data-testid").as_deref(), Some("tab-events"));
}

fn set_html_lang(tag: &str) {
    let document = web_sys::window().unwrap().document().unwrap();
    document.document_element().unwrap().set_attribute("lang", tag).unwrap();
}

#[wasm_bindgen_test]
fn panic_panel_shows_the_message() {
    set_html_lang("en");
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

#[wasm_bindgen_test]
fn the_panic_panel_speaks_the_page_language() {
    set_html_lang("zh-CN");
    panic_panel::show("boom");
    let document = web_sys::window().unwrap().document().unwrap();
    let text = document.get_element_by_id("panic-panel").unwrap().text_content().unwrap();
    assert!(text.contains("内部错误") && text.contains("boom"), "{text}");
    set_html_lang("en");
    panic_panel::show("boom");
    let text = document.get_element_by_id("panic-panel").unwrap().text_content().unwrap();
    assert!(text.contains("internal error"), "{text}");
}

#[wasm_bindgen_test]
async fn the_language_switch_rewrites_the_page_and_html_lang() {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    storage.set_item("oss-console.lang", "en").unwrap();
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    let html_lang = || window.document().unwrap().document_element().unwrap().get_attribute("lang");
    let text_of = |testid: &str| {
        root.query_selector(&format!("[data-testid={testid}]"))
            .unwrap()
            .expect(testid)
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(html_lang().as_deref(), Some("en"));
    let (tab, footer) = (text_of("tab-tracking"), text_of("footer"));
    let switch: web_sys::HtmlElement =
        root.query_selector("[data-testid=lang-switch]").unwrap().unwrap().dyn_into().unwrap();
    switch.click();
    settle().await;
    assert_eq!(html_lang().as_deref(), Some("zh-CN"));
    assert_eq!(storage.get_item("oss-console.lang").unwrap().as_deref(), Some("zh"));
    let zh_tab = text_of("tab-tracking");
    assert_ne!(zh_tab, tab);
    assert!(zh_tab.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh_tab}");
    assert_ne!(text_of("footer"), footer);
    switch.click();
    settle().await;
    assert_eq!(html_lang().as_deref(), Some("en"));
    assert_eq!(text_of("tab-tracking"), tab);
    storage.remove_item("oss-console.lang").unwrap();
}

/// The first screen (`oss_console::first`, a wasm of its own) is what the page shows at
/// `#/tracking` until the app has loaded; the app then takes its place, with what was typed. It
/// has to draw exactly the page the app draws at first, in either language, or the page would
/// jump when the app arrives (and a field found again by its place would be the wrong one).
#[wasm_bindgen_test]
async fn the_first_screen_draws_the_page_the_app_draws_at_first() {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    window.location().set_hash("/tracking").unwrap();
    for code in ["en", "zh"] {
        storage.set_item("oss-console.lang", code).unwrap();
        let app = fresh_root();
        yew::Renderer::<App>::with_root(app.clone()).render();
        let first = fresh_root();
        yew::Renderer::<oss_console::first::FirstScreen>::with_root(first.clone()).render();
        settle().await;
        // The page's loader finds each control again in the app by its test id or id.
        let controls = first.query_selector_all("button, summary, input, select, textarea").unwrap();
        assert!(controls.length() > 10);
        for i in 0..controls.length() {
            let el: web_sys::Element = controls.item(i).unwrap().dyn_into().unwrap();
            let key = match el.get_attribute("data-testid") {
                Some(testid) => format!("[data-testid=\"{testid}\"]"),
                None => format!("#{}", el.id()),
            };
            assert!(key != "#", "{code}: no test id or id: {}", el.outer_html());
            // The first with that key is this one (the loader takes the first).
            assert_eq!(first.query_selector(&key).unwrap(), Some(el.clone()), "{code}: {key} is not unique");
        }
        let (a, f) = (app.inner_html(), first.inner_html());
        assert!(a.contains("data-testid=\"cred-access-key-id\"") && a.contains("data-testid=\"cold-card\""), "{a}");
        if a != f {
            let at = a.bytes().zip(f.bytes()).take_while(|(x, y)| x == y).count();
            let near = |s: &str| s.get(at.saturating_sub(200)..(at + 200).min(s.len())).unwrap_or(s).to_string();
            panic!("{code}: the pages differ at byte {at}:\n app:   {}\n first: {}", near(&a), near(&f));
        }
        app.remove();
        first.remove();
    }
    storage.remove_item("oss-console.lang").unwrap();
}

mod redraw_wait {
    //! A facet click's redraw waits for its answer (a frame of "pending" then the answer is one
    //! redraw too many), but never longer than `REDRAW_WAIT_MS`: the explorer's own provider, with
    //! a view under it, and the worker's answers given by hand.
    use super::fresh_root;
    use console_core::screens::explorer::REDRAW_WAIT_MS;
    use console_core::trail::field::Field;
    use console_core::trail::protocol::{Progress, QueryAnswer, Response};
    use console_core::trail::query::QueryResult;
    use oss_console::explorer::state::{Action, ExplorerState};
    use oss_console::explorer::{use_explorer, ExplorerProvider};
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::time::Duration;
    use wasm_bindgen_test::*;
    use yew::prelude::*;

    /// The explorer's state, as the view last saw it (read later, it is the latest).
    #[derive(Clone, Default)]
    struct Handle(Rc<RefCell<Option<UseReducerHandle<ExplorerState>>>>);

    impl PartialEq for Handle {
        fn eq(&self, other: &Self) -> bool {
            Rc::ptr_eq(&self.0, &other.0)
        }
    }

    #[derive(Properties, PartialEq)]
    struct Props {
        handle: Handle,
    }

    #[function_component(Probe)]
    fn probe(p: &Props) -> Html {
        html! {
            <ExplorerProvider events_active={false} url_view={None}>
                <View handle={p.handle.clone()} />
            </ExplorerProvider>
        }
    }

    /// Draws what a view of the explorer would: the selection and whether it is pending.
    #[function_component(View)]
    fn view(p: &Props) -> Html {
        let state = use_explorer().state;
        *p.handle.0.borrow_mut() = Some(state.clone());
        html! {
            <p id="probe" data-selected={state.selected.to_string()} data-pending={(!state.result_is_current()).to_string()} />
        }
    }

    fn answer(id: u64, selected: usize) -> Action {
        Action::Worker(Response::Result {
            answer: QueryAnswer { id, result: QueryResult::default(), rows: vec![], selected },
            query_ms: 1.0,
        })
    }

    fn progress(loading: bool) -> Action {
        Action::Worker(Response::Progress(Progress { files: 1, events: 100, loading, ..Default::default() }))
    }

    async fn wait(ms: u64) {
        yew::platform::time::sleep(Duration::from_millis(ms)).await;
    }

    #[wasm_bindgen_test]
    async fn the_answer_is_drawn_with_the_click_and_a_late_one_after_the_wait() {
        let root = fresh_root();
        let handle = Handle::default();
        yew::Renderer::<Probe>::with_root_and_props(root.clone(), Props { handle: handle.clone() }).render();
        wait(5).await;
        let state = handle.0.borrow().clone().expect("rendered");
        let send = |a: Action| state.dispatcher().dispatch(a);
        let shown = || {
            let p = root.query_selector("#probe").unwrap().expect("drawn");
            (p.get_attribute("data-selected").unwrap(), p.get_attribute("data-pending").unwrap())
        };
        send(Action::Worker(Response::Ready));
        send(progress(true));
        send(progress(false));
        send(answer(1, 100));
        wait(5).await;
        assert_eq!(shown(), ("100".into(), "false".into()), "the first answer");

        // A click: its query goes out at once, and the page keeps the answer it shows.
        let click = || Action::ToggleValue { field: Field::EventName, value: "PutBucket".into(), exclude: false };
        send(click());
        assert_eq!(state.query_id, 2, "asked before any redraw");
        wait(5).await;
        assert_eq!(shown(), ("100".into(), "false".into()), "the view keeps the answer it shows while the next is due");
        // The answer: drawn at once, with the click.
        send(answer(2, 7));
        wait(5).await;
        assert_eq!(shown(), ("7".into(), "false".into()));

        // An answer that takes longer than the wait: the query is shown pending after it.
        send(click());
        wait(u64::from(REDRAW_WAIT_MS) + 40).await;
        assert_eq!(shown(), ("7".into(), "true".into()), "pending, once the wait ran out");
        send(answer(3, 100));
        wait(5).await;
        assert_eq!(shown(), ("100".into(), "false".into()));
    }
}
