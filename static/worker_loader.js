// Starts the event worker: its wasm-bindgen glue, then its module, passed the way wasm-bindgen
// asks for (an object: the positional form logs a deprecation warning in every worker start).
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });
