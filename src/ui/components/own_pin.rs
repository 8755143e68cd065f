//! 我的 PIN: the signed-in user sets or changes their own PIN — the current one first when there is one (its wrong
//! tries counted like the chooser's, `AppState::check_pin`), then the new one twice. Shown in the chooser for whoever
//! is signed in and wherever a step needs a PIN the user does not have yet (the kiosk).
//!
//! Must not: decide what a valid PIN is (`access::OwnPinDraft::check`) or touch anything of the user but the PIN.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::access::{Action, OwnPinDraft};
use crate::domain::dataset::Change;
use crate::domain::error::{Field, FieldError};
use crate::domain::pin::PinHash;
use crate::i18n::Key;
use crate::platform;
use crate::ui::components::form::{FormErrors, FormField, TextInput};
use crate::ui::state::{PinPrompt, tr, use_app_state};

/// The form; `done` runs once the new PIN is stored, `cancel` when the user gives up (no button without it).
#[component]
pub fn OwnPinForm(
    /// Why the PIN is asked for here, shown above the fields.
    intro: Key,
    #[prop(into)] done: Callback<()>,
    #[prop(optional, into)] cancel: Option<Callback<()>>,
) -> impl IntoView {
    let state = use_app_state();
    let current = RwSignal::new(String::new());
    let new_pin = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = FormErrors::default();
    let busy = RwSignal::new(false);
    let has_pin = move || {
        state
            .current_user()
            .is_some_and(|(_, user)| user.pin.is_some())
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((id, user)) = state.current_user() else {
            return;
        };
        let draft = OwnPinDraft {
            pin: new_pin.get_untracked(),
            confirm: confirm.get_untracked(),
        };
        let pin = match draft.check() {
            Ok(pin) => pin,
            Err(problems) => return errors.set(problems),
        };
        let typed_current = current.get_untracked();
        current.set(String::new());
        busy.set(true);
        spawn_local(async move {
            if user.pin.is_some()
                && let Err(problem) = state.check_pin(id, &typed_current, PinPrompt::OwnPin).await
            {
                busy.try_set(false);
                errors.set(vec![FieldError::new(Field::CurrentPin, problem)]);
                return;
            }
            let opened = state
                .data
                .with_untracked(|d| d.users.live_version(id).cloned());
            let mut changed = user.clone();
            changed.pin = Some(PinHash::new(&pin, platform::random_bytes()));
            let change = Change::User(state.edited(id, opened.as_ref(), changed));
            let saved = state.commit(Action::ChangeOwnPin, change).await;
            busy.try_set(false);
            if saved.is_ok() {
                errors.set(Vec::new());
                new_pin.set(String::new());
                confirm.set(String::new());
                state.notify(state.t(Key::OwnPinSaved));
                done.run(());
            }
        });
    };
    view! {
        <form class="form own-pin" data-form="own-pin" on:submit=submit novalidate>
            <p class="field__hint">{tr(intro)}</p>
            <Show when=has_pin>
                <FormField label=Key::CurrentPin field=Field::CurrentPin errors=errors required=true>
                    <TextInput name="current-pin" value=current kind="password" numeric=true autofocus=true />
                </FormField>
            </Show>
            <FormField label=Key::NewPin field=Field::Pin errors=errors required=true>
                <TextInput name="new-pin" value=new_pin kind="password" numeric=true autofocus=!has_pin() />
            </FormField>
            <FormField label=Key::PinConfirm field=Field::PinConfirm errors=errors required=true>
                <TextInput name="new-pin-confirm" value=confirm kind="password" numeric=true />
            </FormField>
            <div class="form__actions">
                <button type="submit" class="button button--primary" name="save-own-pin" disabled=move || busy.get()>
                    {tr(Key::SaveOwnPin)}
                </button>
                {cancel.map(|cancel| view! {
                    <button type="button" class="button" name="cancel-own-pin" on:click=move |_| cancel.run(())>
                        {tr(Key::Cancel)}
                    </button>
                })}
            </div>
        </form>
    }
}
