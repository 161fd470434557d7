//! A visible error panel for panics: a panic aborts the wasm app, so say so instead of a dead page.

use crate::i18n::{Key, Tr};
use crate::services::lang;
use wasm_bindgen::JsCast;

/// Install the panic hook: log to the console, then show the panel.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Put the panic panel on the page (idempotent: a second panic replaces the text).
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let panel = match document.get_element_by_id("panic-panel") {
        Some(panel) => panel,
        None => {
            let Ok(panel) = document.create_element("div") else {
                return;
            };
            panel.set_id("panic-panel");
            let _ = panel.set_attribute("role", "alert");
            let _ = panel.set_attribute("data-testid", "panic-panel");
            if let Some(body) = document.body() {
                let _ = body.prepend_with_node_1(&panel);
            }
            panel
        }
    };
    let Ok(panel) = panel.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    panel.set_inner_text("");
    // The app is gone: the language is what it last put on `<html lang>`.
    let lang = lang::current();
    let title = document.create_element("strong").ok();
    if let Some(title) = title {
        title.set_text_content(Some(&lang.t(Key::PanicTitle)));
        let _ = panel.append_child(&title);
    }
    if let Ok(p) = document.create_element("p") {
        p.set_text_content(Some(&lang.t(Key::PanicBody)));
        let _ = panel.append_child(&p);
    }
    if let Ok(pre) = document.create_element("pre") {
        pre.set_text_content(Some(message));
        let _ = panel.append_child(&pre);
    }
}
