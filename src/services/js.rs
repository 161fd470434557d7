//! Text for a JavaScript error value (an `Error`, a string, or anything with a `message`), a
//! worker this code started, held with its handlers, and work put off until the page is idle.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// What went wrong, in words, from whatever JavaScript threw or rejected with.
pub fn error_text(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .or_else(|| js_sys::Reflect::get(v, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}

/// A worker this code started, with its message and error handlers: dropping it detaches them
/// (no message reaches a dropped handler) and ends the worker.
pub struct OwnedWorker {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl OwnedWorker {
    /// Hold `worker`, handing its messages and its errors to these.
    pub fn new(
        worker: web_sys::Worker,
        on_message: impl FnMut(web_sys::MessageEvent) + 'static,
        on_error: impl FnMut(web_sys::Event) + 'static,
    ) -> Self {
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(on_message);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(on_error);
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        OwnedWorker { worker, _on_message: on_message, _on_error: on_error }
    }

    pub fn worker(&self) -> &web_sys::Worker {
        &self.worker
    }
}

impl Drop for OwnedWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// Run `f` once the page has nothing else to do (`requestIdleCallback`); never, where there is no
/// window.
pub fn when_idle(f: impl FnOnce() + 'static) {
    if let Some(w) = web_sys::window() {
        let _ = w.request_idle_callback(Closure::once_into_js(f).unchecked_ref());
    }
}
