//! Start-up IO: open the store (IndexedDB, else localStorage with a warning), ask the browser to keep the data
//! (`navigator.storage.persist()`), and register the service worker. Must not: run before the app is mounted, or
//! hold any rule.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::store::idb::{DATABASE, IdbBackend};
use crate::store::local::LocalBackend;
use crate::store::worker::InWorker;
use crate::store::{AnyBackend, CURRENT_SCHEMA, Store, StoreError};
use crate::ui::state::{AppState, LoadState, Persistence};

/// Opens the store and hands it to the state; then asks for persistent storage.
pub async fn start(state: AppState) {
    let timing = crate::platform::Timing::start("store:open");
    let opened = open_store().await;
    timing.end();
    match opened {
        Ok((store, data, history)) => state.attach(store, data, history),
        Err(error) => state.load.set(LoadState::Failed(error)),
    }
    state.persistence.set(request_persistence().await);
}

async fn open_store() -> Result<
    (
        Store<AnyBackend>,
        crate::domain::dataset::Dataset,
        crate::store::history::History,
    ),
    StoreError,
> {
    // Data of an older schema is read in the worker module, so its JSON reader stays out of this bundle.
    let idb = IdbBackend::open(DATABASE, reload_page).await;
    let backend = match idb {
        Ok(backend) => AnyBackend::IndexedDb(backend),
        Err(StoreError::Unavailable(_)) => {
            AnyBackend::LocalStorage(LocalBackend::open("aftersales.data")?)
        }
        Err(other) => return Err(other),
    };
    Store::open_opening(backend, CURRENT_SCHEMA, &InWorker).await
}

/// What the store holds, read as it is without opening it: for the unreadable-data screen's salvage.
pub async fn stored_as_is() -> Result<crate::store::Stored, StoreError> {
    use crate::store::Backend;
    match IdbBackend::open(DATABASE, reload_page).await {
        Ok(backend) => backend.load().await,
        Err(StoreError::Unavailable(_)) => LocalBackend::open("aftersales.data")?.load().await,
        Err(other) => Err(other),
    }
}

/// Another tab upgraded the database structure: this one reloads to run the new code.
fn reload_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

async fn request_persistence() -> Persistence {
    let Some(window) = web_sys::window() else {
        return Persistence::Unknown;
    };
    let Ok(storage) = js_sys::Reflect::get(&window.navigator(), &"storage".into()) else {
        return Persistence::Unknown;
    };
    let Some(manager) = storage.dyn_ref::<web_sys::StorageManager>() else {
        return Persistence::Unknown;
    };
    let answer = match manager.persist() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(error) => Err(error),
    };
    match answer.ok().and_then(|value| value.as_bool()) {
        Some(true) => Persistence::Granted,
        Some(false) => Persistence::Denied,
        None => Persistence::Unknown,
    }
}

/// Registers `/sw.js`, which caches the app so it starts without a network.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Not offered outside a secure context (plain HTTP from a LAN name): the app runs without it.
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let _ = navigator.service_worker().register("/sw.js");
}
