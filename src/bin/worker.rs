//! The web-worker entry (built by Trunk as a separate wasm, `data-type="worker"`).

fn main() {
    oss_console::worker::start();
}
