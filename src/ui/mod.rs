//! The Leptos app: the shell (header, navigation, gates for loading / first start / choosing a user), the
//! routes, and the shared widgets. Screens read `AppState` and call domain functions; they never hold rules.

mod app;
pub mod areas;
mod boot;
pub mod components;
pub mod deferred;
pub mod derived;
mod retention;
pub mod routes;
mod salvage;
pub mod state;
pub mod sync;

pub use app::{App, AppProps};

/// Lets the browser paint and handle input before long work continues (a resolved promise would not: it runs
/// before the next frame): resolves in a task of its own (a timeout of 0), after whatever the browser has waiting.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
