//! The bridge to the event worker: spawn it, send requests (files travel beside them), hand
//! every response to a callback, and report the worker's death (a trap or a crash kills it;
//! the explorer then starts a new one and reloads its files).

use crate::worker::codec;
use console_core::trail::protocol::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where Trunk's loader shim for the worker lands in dist/.
const WORKER_URL: &str = "./worker_loader.js";

/// What the worker says, or that it died.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerEvent {
    /// A response, with what came beside it (export text, fetched trail objects).
    Message(Box<Response>, codec::Beside),
    /// A message this page could not read (a bug: the two sides disagree).
    Unreadable(String),
    /// The worker stopped (an uncaught error or trap); nothing more will come from it.
    Died(String),
}

/// Messages wait here until the worker says Ready, after its warm-up (about half a second): a
/// message that arrives before the worker has installed its handler would be dropped.
struct Outbox {
    ready: bool,
    queued: Vec<JsValue>,
}

/// A running worker; dropping it terminates the worker.
pub struct WorkerHandle {
    worker: super::js::OwnedWorker,
    outbox: std::rc::Rc<std::cell::RefCell<Outbox>>,
}

impl WorkerHandle {
    /// Start the worker; `on_event` gets each message it sends, and its death.
    pub fn spawn(on_event: impl Fn(WorkerEvent) + 'static) -> Result<Self, String> {
        let options = web_sys::WorkerOptions::new();
        let worker = web_sys::Worker::new_with_options(WORKER_URL, &options).map_err(|e| super::js::error_text(&e))?;
        let on_event = std::rc::Rc::new(on_event);
        let outbox = std::rc::Rc::new(std::cell::RefCell::new(Outbox { ready: false, queued: Vec::new() }));
        let (cb, ob, w) = (on_event.clone(), outbox.clone(), worker.clone());
        let onmessage = move |e: web_sys::MessageEvent| match codec::decode_response(&e.data()) {
            Ok((Response::Ready, _)) => {
                let queued = {
                    let mut ob = ob.borrow_mut();
                    ob.ready = true;
                    std::mem::take(&mut ob.queued)
                };
                for m in queued {
                    let _ = w.post_message(&m);
                }
                cb(WorkerEvent::Message(Box::new(Response::Ready), codec::Beside::Nothing));
            }
            Ok((r, beside)) => cb(WorkerEvent::Message(Box::new(r), beside)),
            Err(err) => cb(WorkerEvent::Unreadable(err.to_string())),
        };
        let onerror = move |e: web_sys::Event| {
            e.prevent_default();
            let message = js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                // Empty when the browser gives no reason; the page says so in its own words.
                .unwrap_or_default();
            on_event(WorkerEvent::Died(message));
        };
        Ok(WorkerHandle { worker: super::js::OwnedWorker::new(worker, onmessage, onerror), outbox })
    }

    fn post(&self, msg: JsValue) {
        let mut ob = self.outbox.borrow_mut();
        if ob.ready {
            let _ = self.worker.worker().post_message(&msg);
        } else {
            ob.queued.push(msg);
        }
    }

    /// Send a request.
    pub fn send(&self, req: &Request) {
        self.post(codec::encode_request(req, &[]));
    }

    /// Load files (added to what is loaded).
    pub fn load(&self, files: &[web_sys::File]) {
        self.post(codec::encode_request(&Request::Load, files));
    }
}

/// The files of a FileList (drop or file input).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Wrap pasted text as a file, so it goes through the same loader.
pub fn text_file(text: &str, name: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("application/json");
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &opts).ok()
}

/// Fetch a file shipped with the app (the sample trail) as a `File`.
pub async fn bundled_file(path: &str, name: &str) -> Result<web_sys::File, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not a response")?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let blob: web_sys::Blob = wasm_bindgen_futures::JsFuture::from(resp.blob().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not a blob")?;
    let parts = js_sys::Array::of1(&blob);
    web_sys::File::new_with_blob_sequence(&parts, name).map_err(|e| format!("{e:?}"))
}

/// Offer `parts` (strings) as a download named `name`.
pub fn download(parts: &js_sys::Array, name: &str, mime: &str) {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // Revoke later: the download has to start first.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
}
