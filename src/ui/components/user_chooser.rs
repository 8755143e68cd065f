//! "Who is using this tablet?": the list of local users; choosing one signs in, after their PIN if they have one.
//! Wrong PINs count per user on this device and the wait grows (`AppState::check_pin`, shared with the kiosk's exit);
//! the wait shown counts down (`counting_down`, also the kiosk's).

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::error::Problem;
use crate::domain::ids::Id;
use crate::i18n::{self, Key};
use crate::ui::components::form::TextInput;
use crate::ui::state::{PinPrompt, tr, use_app_state};

#[component]
pub fn UserChooser() -> impl IntoView {
    let state = use_app_state();
    let chosen: RwSignal<Option<Id>> = RwSignal::new(None);
    let pin = RwSignal::new(String::new());
    let problem: RwSignal<Option<Problem>> = RwSignal::new(None);
    counting_down(problem);
    let users = Memo::new(move |_| {
        state.data.with(|data| {
            data.users
                .live()
                .map(|(id, u)| (id, u.name.clone(), u.role, u.pin.is_some()))
                .collect::<Vec<_>>()
        })
    });
    let can_cancel = move || state.current_user().is_some();

    let choose = move |id: Id, has_pin: bool| {
        problem.set(None);
        pin.set(String::new());
        match has_pin {
            false => {
                if state.sign_in(id).is_err() {
                    chosen.set(Some(id));
                    problem.set(Some(Problem::SignInNotKept));
                }
            }
            true => chosen.set(Some(id)),
        }
    };
    let submit_pin = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = chosen.get_untracked() else {
            return;
        };
        let typed = pin.get_untracked();
        pin.set(String::new());
        leptos::task::spawn_local(async move {
            let signed = state
                .check_pin(id, &typed, PinPrompt::Chooser)
                .await
                .and_then(|()| state.sign_in(id).map_err(|_| Problem::SignInNotKept));
            problem.try_set(signed.err());
        });
    };

    view! {
        <section class="chooser panel" aria-labelledby="chooser-title">
            <h1 id="chooser-title">{tr(Key::WhoIsUsing)}</h1>
            <ul class="chooser__users">
                <For each=move || users.get() key=|(id, name, role, has_pin)| (*id, name.clone(), *role, *has_pin) let:user>
                    <li>
                        <button
                            class="chooser__user button"
                            class:chooser__user--chosen=move || chosen.get() == Some(user.0)
                            data-user=user.1.clone()
                            on:click=move |_| choose(user.0, user.3)
                        >
                            <span class="chooser__name">{user.1.clone()}</span>
                            <span class="chooser__role">{move || i18n::role_name(state.lang.get(), user.2)}</span>
                        </button>
                    </li>
                </For>
            </ul>
            <Show when=move || chosen.get().is_some()>
                <form class="chooser__pin form" on:submit=submit_pin>
                    <label class="field" class:field--invalid=move || problem.get().is_some()>
                        <span class="field__label">
                            {tr(Key::EnterPin)}
                            " · "
                            <strong data-pin-for>{move || chosen.get().and_then(|id| {
                                users.with(|all| all.iter().find(|u| u.0 == id).map(|u| u.1.clone()))
                            })}</strong>
                        </span>
                        <TextInput name="pin" value=pin kind="password" numeric=true autofocus=true />
                        <span class="field__error" role="alert" data-field="Pin">
                            {move || problem.get().map(|p| i18n::problem(state.lang.get(), &p))}
                        </span>
                    </label>
                    <button type="submit" class="button button--primary" name="sign-in">
                        {tr(Key::SignIn)}
                    </button>
                </form>
            </Show>
            <Show when=can_cancel>
                <button class="button" name="cancel-choose" on:click=move |_| state.choosing_user.set(false)>
                    {tr(Key::Cancel)}
                </button>
            </Show>
        </section>
    }
}

/// While `problem` is a PIN back-off, takes a second off its wait every second and clears it when the wait is over:
/// the number a PIN prompt shows is always the time left.
pub fn counting_down(problem: RwSignal<Option<Problem>>) {
    Effect::new(move || {
        if let Some(Problem::PinLocked { wait_ms }) = problem.get() {
            let tick = move || {
                // (`try_update`: the prompt may be gone by then.)
                problem.try_update(|shown| {
                    if *shown == Some(Problem::PinLocked { wait_ms }) {
                        *shown = (wait_ms > 1000).then(|| Problem::PinLocked {
                            wait_ms: wait_ms - 1000,
                        });
                    }
                });
            };
            set_timeout(tick, Duration::from_secs(1));
        }
    });
}
