//! Keeping tabs of the same browser in step: after a save, a tab announces it on a BroadcastChannel and the
//! others re-read the store. Must not: merge anything itself (the store and domain do).

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
