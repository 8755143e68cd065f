//! Shows its children only to a user whose role may take `action`; everyone else reads why not. The same
//! permission is checked again when saving (`AppState::commit`), so hiding is never the only protection.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::i18n::Key;
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn Guarded(action: Action, children: ChildrenFn) -> impl IntoView {
    let state = use_app_state();
    view! {
        <Show
            when=move || state.can(action)
            fallback=move || {
                view! {
                    <section class="panel panel--refusal" role="alert" data-refused="true">
                        <p>{tr(Key::NoAccess)}</p>
                        <button class="button" on:click=move |_| state.choosing_user.set(true)>
                            {tr(Key::SwitchUser)}
                        </button>
                    </section>
                }
            }
        >
            {children()}
        </Show>
    }
}
