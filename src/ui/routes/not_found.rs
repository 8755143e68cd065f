//! The page for an address that is no screen.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::state::use_app_state;

#[component]
pub fn NotFound() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="panel" data-page="not-found">
            <h1>{move || state.t(Key::NotFound)}</h1>
            <a class="button" href="/">
                {move || state.t(Key::BackToStart)}
            </a>
        </section>
    }
}
