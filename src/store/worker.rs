//! The page's side of the worker module (`worker/`): data of an older schema is read there, so the JSON reader
//! (serde's deserializers for every record) is not in the page's bundle, and the work over the whole data (exports,
//! imports) runs there, off the page's thread. The worker is started on need, answers one request (or, kept as a
//! `WorkerSession`, a few in turn) and is terminated; its files are precached by the service worker, so this works
//! offline.
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
    WorkerSession::start()
        .await?
        .ask(message, file, progress)
        .await
}

/// A worker module kept for several requests, one at a time (an import's preview, then writing it: the merge stays
/// in the worker between them); ended when dropped.
pub struct WorkerSession {
    worker: Worker,
}

impl WorkerSession {
    /// Starts the worker and waits until it is ready.
    pub async fn start() -> Result<Self, StoreError> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker =
            Worker::new_with_options(WORKER_LOADER, &options).map_err(|e| failed("start", e))?;
        let session = WorkerSession { worker };
        session.answer(|_| {}).await?;
        Ok(session)
    }

    /// Sends `message` (with `file` beside it) and returns the worker's answer (with the file it answers with).
    pub async fn ask(
        &self,
        message: Vec<u8>,
        file: Option<web_sys::Blob>,
        progress: impl Fn(String) + 'static,
    ) -> Result<(Vec<u8>, Option<web_sys::Blob>), StoreError> {
        let request = Uint8Array::from(message.as_slice());
        let answer = self.answer(progress);
        match &file {
            Some(file) => self
                .worker
                .post_message(&js_sys::Array::of2(&request, file)),
            None => self.worker.post_message(&request),
        }
        .map_err(|e| failed("send", e))?;
        let reply = answer.await?;
        let (answer, file) = match reply.dyn_ref::<js_sys::Array>() {
            Some(parts) => (parts.get(0), parts.get(1).dyn_into::<web_sys::Blob>().ok()),
            None => (reply, None),
        };
        answer
            .dyn_into::<Uint8Array>()
            .map(|array| (array.to_vec(), file))
            .map_err(|e| failed("answered no bytes", e))
    }

    /// The worker's next message that is not progress ("ready", or an answer); progress goes to `progress`. The
    /// handlers are set before it returns (so nothing posted after is missed) and removed once it has resolved.
    fn answer<P: Fn(String) + 'static>(
        &self,
        progress: P,
    ) -> impl std::future::Future<Output = Result<JsValue, StoreError>> + use<P> {
        let worker = self.worker.clone();
        let progress = std::rc::Rc::new(progress);
        let (on_message, on_error) = (
            std::rc::Rc::new(std::cell::RefCell::new(None)),
            std::rc::Rc::new(std::cell::RefCell::new(None)),
        );
        let promise = Promise::new(&mut |resolve: Function, reject: Function| {
            let progress = progress.clone();
            let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                match data.as_string() {
                    Some(text) if text != "ready" => progress(text),
                    _ => {
                        let _ = resolve.call1(&JsValue::NULL, &data);
                    }
                }
            });
            let failing = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&event.message()));
            });
            worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
            worker.set_onerror(Some(failing.as_ref().unchecked_ref()));
            *on_message.borrow_mut() = Some(handler);
            *on_error.borrow_mut() = Some(failing);
        });
        let worker = self.worker.clone();
        async move {
            let settled = JsFuture::from(promise).await;
            worker.set_onmessage(None);
            worker.set_onerror(None);
            drop((on_message, on_error));
            settled.map_err(|e| failed("failed", e))
        }
    }
}

impl Drop for WorkerSession {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn failed(what: &str, error: JsValue) -> StoreError {
    StoreError::Failed(format!(
        "worker {what}: {}",
        error.as_string().unwrap_or_else(|| format!("{error:?}"))
    ))
}
