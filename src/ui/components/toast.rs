//! The toast: one short message at the bottom of the screen. Successes fade after a few seconds; errors stay
//! until closed, since they say what was not saved.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::state::{ToastKind, tr, use_app_state};

#[component]
pub fn ToastArea() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| {
        if let Some(toast) = state.toast.get().filter(|t| t.kind == ToastKind::Success) {
            set_timeout(
                move || {
                    state.toast.update(|current| {
                        if current.as_ref() == Some(&toast) {
                            *current = None;
                        }
                    })
                },
                Duration::from_secs(3),
            );
        }
    });
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || {
                state
                    .toast
                    .get()
                    .map(|toast| {
                        let error = toast.kind == ToastKind::Error;
                        let link = toast.link.map(|(href, label)| {
                            view! { <a class="toast__link" href=href>{tr(label)}</a> }
                        });
                        view! {
                            <div class="toast" class:toast--error=error>
                                <span class="toast__text">{toast.text}</span>
                                {link}
                                <button class="toast__close button" on:click=move |_| state.toast.set(None)>
                                    {tr(Key::Close)}
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
