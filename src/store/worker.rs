//! The page's side of the worker module (`worker/`): data of an older schema is read there, so the JSON reader
//! (serde's deserializers for every record) is not in the page's bundle. The worker is started on first need,
//! answers one request and is terminated; its files are precached by the service worker, so this works offline.
//!
//! Must not: decide anything — the request and the answer are `store::older`'s. Browser-only.

use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::older::{OlderData, dataset_of, request};
use super::{StoreError, Stored};
use crate::domain::dataset::Dataset;

/// The worker's loader: trunk writes it unhashed next to `index.html` (`data-loader-shim`).
pub const WORKER_LOADER: &str = "/worker_loader.js";

/// Reads older data in the worker module.
pub struct InWorker;

impl OlderData for InWorker {
    async fn read(&self, stored: &Stored, found: u32) -> Result<Dataset, StoreError> {
        let reply = ask(crate::jobs::older_data(request(stored, found))).await?;
        dataset_of(&reply)
    }
}

/// Starts the worker, waits for its "ready", sends `message` (a `jobs` request), and returns its one answer.
pub async fn ask(message: Vec<u8>) -> Result<Vec<u8>, StoreError> {
    ask_reporting(message, |_| {}).await
}

/// `ask`, handing each progress message the worker posts before its answer to `progress`.
pub async fn ask_reporting(
    message: Vec<u8>,
    progress: impl Fn(String) + 'static,
) -> Result<Vec<u8>, StoreError> {
    ask_with(message, None, progress)
        .await
        .map(|(answer, _)| answer)
}

/// `ask_reporting`, with `file` sent beside the request as it is (a `Blob` is passed by reference: the page never
/// copies a chosen file) and the file the worker answers with, if any (an export's), as a `Blob`.
pub async fn ask_with(
    message: Vec<u8>,
    file: Option<web_sys::Blob>,
    progress: impl Fn(String) + 'static,
) -> Result<(Vec<u8>, Option<web_sys::Blob>), StoreError> {
    let failed = |what: &str, error: JsValue| {
        StoreError::Failed(format!(
            "worker {what}: {}",
            error.as_string().unwrap_or_else(|| format!("{error:?}"))
        ))
    };
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker =
        Worker::new_with_options(WORKER_LOADER, &options).map_err(|e| failed("start", e))?;
    let progress = std::rc::Rc::new(progress);
    let answer = Promise::new(&mut |resolve: Function, reject: Function| {
        let message = message.clone();
        let file = file.clone();
        let sender = worker.clone();
        // Both handlers live as long as the worker does (it answers once and is terminated below).
        let progress = progress.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            match data.as_string() {
                Some(text) if text == "ready" => {
                    let request = Uint8Array::from(message.as_slice());
                    let _ = match &file {
                        Some(file) => sender.post_message(&js_sys::Array::of2(&request, file)),
                        None => sender.post_message(&request),
                    };
                }
                Some(text) => progress(text),
                None => {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                }
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&event.message()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_message.forget();
        on_error.forget();
    });
    let reply = JsFuture::from(answer).await;
    worker.terminate();
    let reply = reply.map_err(|e| failed("failed", e))?;
    let (answer, file) = match reply.dyn_ref::<js_sys::Array>() {
        Some(parts) => (parts.get(0), parts.get(1).dyn_into::<web_sys::Blob>().ok()),
        None => (reply, None),
    };
    answer
        .dyn_into::<Uint8Array>()
        .map(|array| (array.to_vec(), file))
        .map_err(|e| failed("answered no bytes", e))
}
