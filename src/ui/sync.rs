//! Keeping tabs of the same browser in step: after a save, a tab announces it on a BroadcastChannel and the
//! others re-read the store; when another tab signs someone in or locks the device into a survey (both kept in
//! localStorage), the browser's `storage` event makes every tab follow at once. Must not: merge anything itself
//! (the store and domain do).

use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::ui::state::AppState;

const CHANNEL: &str = "aftersales";

thread_local! {
    static CHANNEL_HANDLE: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

/// Tells the other tabs that something was saved.
pub fn announce_change() {
    CHANNEL_HANDLE.with(|channel| {
        if let Some(channel) = channel {
            let _ = channel.post_message(&"changed".into());
        }
    });
}

/// Re-reads the store whenever another tab announces a save.
pub fn listen(state: AppState) {
    CHANNEL_HANDLE.with(|channel| {
        let Some(channel) = channel else { return };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
            spawn_local(async move { state.refresh().await });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
    });
}

/// Follows the device's signed-in user and kiosk lock whenever another tab changes a preference (or clears them
/// all: the event then names no key).
pub fn follow_other_tabs(state: AppState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let prefix = crate::platform::pref_key("");
    let on_storage =
        Closure::<dyn FnMut(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
            if event.key().is_none_or(|key| key.starts_with(&prefix)) {
                let _ = state.follow_device();
            }
        });
    let _ = window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    on_storage.forget();
}
