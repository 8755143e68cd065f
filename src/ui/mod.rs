//! The Leptos app: the shell (header, navigation, gates for loading / first start / choosing a user), the
//! routes, and the shared widgets. Screens read `AppState` and call domain functions; they never hold rules.

mod app;
mod boot;
pub mod components;
pub mod routes;
pub mod state;
pub mod sync;

pub use app::App;
