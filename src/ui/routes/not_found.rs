//! The page for an address that is no screen.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::state::tr;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="panel" data-page="not-found">
            <h1>{tr(Key::NotFound)}</h1>
            <a class="button" href="/">
                {tr(Key::BackToStart)}
            </a>
        </section>
    }
}
