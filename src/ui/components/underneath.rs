//! The choice a form's save waits for when another tab or device changed one of its fields since the form
//! opened (`Dataset::changed_underneath`, held in `AppState::held_save`): a dialog naming each such field and,
//! where it is a text, the value it holds now; "keep my changes", "keep theirs" (the form's other changes are
//! saved either way) or back to the form, nothing saved. A field written again while the dialog is open is asked
//! again before anything is saved.
//!
//! Must not: decide what is stale or build the saved version (`domain::record`, `Dataset::rebased`).

use leptos::html;
use leptos::prelude::*;

use crate::domain::dataset::DELETED;
use crate::i18n::{Key, sync::underneath_line};
use crate::ui::state::use_app_state;

#[component]
pub fn UnderneathChoice() -> impl IntoView {
    let state = use_app_state();
    let shown = move || state.held_save.with(Option::is_some);
    let choose = move |keep_theirs: Option<bool>| {
        let Some(mut held) = state.held_save.try_update(Option::take).flatten() else {
            return;
        };
        // Written again while the dialog was open (a third tab): the choice is asked again, as things stand now.
        let now = state
            .data
            .with_untracked(|d| d.changed_underneath(&held.change));
        // (Nothing left to ask — the third write made both the same —: it goes on.)
        if keep_theirs.is_some() && now != held.underneath {
            let ask_again = !now.is_empty();
            held.underneath = now;
            if ask_again {
                state.held_save.set(Some(held));
                return;
            }
        }
        let deleted = held.underneath.iter().any(|u| u.field == DELETED);
        match keep_theirs {
            // Left deleted: nothing of the form is written into a record nobody sees.
            Some(true) if deleted => state.notify(state.t(Key::UnderneathLeftDeleted)),
            Some(keep_theirs) => (held.resume)(state.rebased(held.change, keep_theirs)),
            None => {}
        }
    };
    // A modal `<dialog>`: over everything, the page behind it inert, focus on its first button, Escape = back.
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move || {
        let open = shown();
        if let Some(dialog) = dialog.get() {
            match (open, dialog.open()) {
                (true, false) => {
                    let _ = dialog.show_modal();
                }
                (false, true) => dialog.close(),
                _ => {}
            }
        }
    });
    let content = move || {
        let lang = state.lang.get();
        let deleted = state.held_save.with(|held| {
            held.iter()
                .flat_map(|h| h.underneath.iter())
                .any(|u| u.field == DELETED)
        });
        let fields: Vec<_> = state.held_save.with(|held| {
            held.iter()
                .flat_map(|h| h.underneath.iter())
                .map(|u| {
                    (
                        u.field,
                        underneath_line(lang, u.field, u.mine.as_deref(), u.theirs.as_deref()),
                    )
                })
                .collect()
        });
        (!fields.is_empty()).then(|| view! {
            <h2 id="underneath-title">{Key::UnderneathTitle.text(lang)}</h2>
            <p>{Key::UnderneathIntro.text(lang)}</p>
            <ul class="dialog__list">
                {fields.into_iter().map(|(field, line)| view! { <li data-field=field>{line}</li> }).collect_view()}
            </ul>
            {(!deleted).then(|| view! { <p class="dialog__note">{Key::UnderneathTheirsNote.text(lang)}</p> })}
            <div class="dialog__actions">
                <button class="button button--primary" type="button" name="keep-mine"
                    on:click=move |_| choose(Some(false))>{Key::UnderneathKeepMine.text(lang)}</button>
                <button class="button" type="button" name="keep-theirs"
                    on:click=move |_| choose(Some(true))>{Key::UnderneathKeepTheirs.text(lang)}</button>
                <button class="button button--quiet" type="button" name="back-to-form"
                    on:click=move |_| choose(None)>{Key::UnderneathBack.text(lang)}</button>
            </div>
        })
    };
    view! {
        <dialog class="dialog" node_ref=dialog aria-labelledby="underneath-title"
            data-underneath=move || shown().then_some("")
            on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); choose(None); }>
            {content}
        </dialog>
    }
}
