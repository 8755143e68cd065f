//! The worker module's side of the store (R11.3): a job that names the IndexedDB database instead of carrying
//! what is stored (`StoreSource::IndexedDb`) has it read here, in the worker's thread; an import's merge is kept
//! here between its preview and the user's word, and written here — so the page never carries the whole data to
//! the worker nor the merged data back, and never holds its thread for either.
//!
//! Owns: the worker's one kept import. Must not: decide anything (`jobs` and `sync::work` do). Browser-only.

use std::cell::RefCell;

use super::idb::IdbBackend;
use super::{Backend, Store, StoreError, Stored};
use crate::jobs::{self, Answer};
use crate::sync::work::ImportWrite;

thread_local! {
    /// The import this worker previewed last, until it is written (or the page ends the worker: cancelled).
    static KEPT: RefCell<Option<ImportWrite>> = const { RefCell::new(None) };
}

/// Answers one request in the worker: reads the database it names first, keeps an import's write, and writes the
/// kept import when asked.
pub async fn answer(request: Vec<u8>, file: Option<Vec<u8>>, post: &mut dyn FnMut(&str)) -> Answer {
    if let Some((database, audit)) = jobs::write_import_of(&request) {
        let result = match KEPT.with(|kept| kept.borrow_mut().take()) {
            Some(write) => write_import(&database, write, audit).await,
            None => Err(StoreError::Failed(
                "no import was previewed in this worker".into(),
            )),
        };
        return Answer {
            reply: jobs::written_reply(result),
            ..Answer::default()
        };
    }
    if jobs::is_derive(&request) {
        let result = match jobs::database_to_read(&request) {
            Some(database) => derive(&database).await,
            None => Err(StoreError::Failed("no database named".into())),
        };
        return Answer {
            reply: jobs::derived_reply(result),
            ..Answer::default()
        };
    }
    let read = match jobs::database_to_read(&request) {
        Some(database) => Some(load(&database).await),
        None => None,
    };
    // An export's checksum over a file of up to hundreds of MB: the browser's native SHA-256, where it has one.
    if jobs::is_export(&request) {
        return match jobs::export_unsealed(&request, read, post) {
            Ok(unsealed) => jobs::export_answer(match web_sha256(unsealed.body()).await {
                Some(sha256) => unsealed.seal(sha256),
                None => unsealed.seal_here(),
            }),
            Err(refused) => Answer {
                reply: refused,
                ..Answer::default()
            },
        };
    }
    let mut answer = jobs::answer_in_worker(&request, read, file, post);
    if let Some(write) = answer.kept.take() {
        KEPT.with(|kept| *kept.borrow_mut() = Some(write));
    }
    answer
}

/// The SHA-256 of `bytes` by the worker's WebCrypto, or `None` where it has none (an insecure context) or fails.
async fn web_sha256(bytes: &[u8]) -> Option<[u8; 32]> {
    use wasm_bindgen::JsCast;
    let scope: web_sys::WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    let subtle = scope.crypto().ok()?.subtle();
    // WebCrypto copies the bytes when called, before anything here can move the wasm memory.
    let view = unsafe { js_sys::Uint8Array::view(bytes) };
    let digest = subtle.digest_with_str_and_buffer_source("SHA-256", &view);
    let digest = wasm_bindgen_futures::JsFuture::from(digest.ok()?)
        .await
        .ok()?;
    js_sys::Uint8Array::new(&digest).to_vec().try_into().ok()
}

/// What the database holds, read in one transaction.
async fn load(database: &str) -> Result<Stored, StoreError> {
    let backend = IdbBackend::open(database, || {}).await?;
    let stored = backend.load().await;
    backend.close();
    stored
}

/// Derives the KPI facts of what `database` holds and keeps them beside it, if it still holds that then
/// (`store::derived`).
async fn derive(database: &str) -> Result<bool, StoreError> {
    let backend = IdbBackend::open(database, || {}).await?;
    let kept = match backend.load().await {
        Ok(stored) => match super::derived::derive(&stored) {
            Some(sealed) => backend.write_derived(sealed).await,
            None => Ok(false),
        },
        Err(error) => Err(error),
    };
    backend.close();
    kept
}

/// Writes a previewed import (`Store::import`: refused when the snapshot changed since the preview read it).
async fn write_import(
    database: &str,
    write: ImportWrite,
    audit: Vec<u8>,
) -> Result<(), StoreError> {
    let store = Store::writing_only(IdbBackend::open(database, || {}).await?);
    let written = store
        .import(write.before, write.after, write.covers, write.read, audit)
        .await;
    store.into_backend().close();
    written
}
