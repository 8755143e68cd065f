//! The choice a form's save waits for when another tab or device changed one of its fields since the form
//! opened (`Dataset::changed_underneath`, held in `AppState::held_save`): a dialog naming each such field and,
//! where it is a text, the value it holds now; "keep my changes", "keep theirs" (the form's other changes are
//! saved either way) or back to the form, nothing saved.
//!
//! Must not: decide what is stale or build the saved version (`domain::record`, `Dataset::rebased`).

use leptos::html;
use leptos::prelude::*;

use crate::i18n::{Key, sync::underneath_line};
use crate::ui::state::use_app_state;

#[component]
pub fn UnderneathChoice() -> impl IntoView {
    let state = use_app_state();
    let choose = move |keep_theirs: Option<bool>| {
        let Some(held) = state.held_save.try_update(Option::take).flatten() else {
            return;
        };
        if let Some(keep_theirs) = keep_theirs {
            (held.resume)(state.rebased(held.change, keep_theirs));
        }
    };
    let first = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if let Some(button) = first.get() {
            let _ = button.focus();
        }
    });
    move || {
        let lang = state.lang.get();
        let fields: Vec<_> = state.held_save.with(|held| {
            held.iter()
                .flat_map(|h| h.underneath.iter())
                .map(|u| (u.field, underneath_line(lang, u.field, u.theirs.as_deref())))
                .collect()
        });
        (!fields.is_empty()).then(|| view! {
            <div class="dialog-backdrop">
                <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="underneath-title" data-underneath="">
                    <h2 id="underneath-title">{Key::UnderneathTitle.text(lang)}</h2>
                    <p>{Key::UnderneathIntro.text(lang)}</p>
                    <ul class="dialog__list">
                        {fields.into_iter().map(|(field, line)| view! { <li data-field=field>{line}</li> }).collect_view()}
                    </ul>
                    <p class="dialog__note">{Key::UnderneathTheirsNote.text(lang)}</p>
                    <div class="dialog__actions">
                        <button class="button button--primary" type="button" name="keep-mine" node_ref=first
                            on:click=move |_| choose(Some(false))>{Key::UnderneathKeepMine.text(lang)}</button>
                        <button class="button" type="button" name="keep-theirs"
                            on:click=move |_| choose(Some(true))>{Key::UnderneathKeepTheirs.text(lang)}</button>
                        <button class="button button--quiet" type="button" name="back-to-form"
                            on:click=move |_| choose(None)>{Key::UnderneathBack.text(lang)}</button>
                    </div>
                </div>
            </div>
        })
    }
}
