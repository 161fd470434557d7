//! The first screen's entry (built by Trunk as a separate wasm; see `oss_console::first`).

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    oss_console::first::start();
}

/// Called by the page's loader once the app has taken the first screen's place.
#[wasm_bindgen]
pub fn stop() {
    oss_console::first::stop();
}
