//! The first start: no users yet, so whoever holds the tablet creates the administrator (with an optional PIN)
//! and is signed in as them — or loads the demo company (R11.5) to see every screen populated first.

use leptos::prelude::*;

use crate::domain::access::{Action, PinChange, Role, UserDraft};
use crate::domain::dataset::Change;
use crate::domain::error::{Field, Problem};
use crate::domain::pin::PinHash;
use crate::i18n::{self, Key};
use crate::platform;
use crate::ui::components::form::{FormErrors, FormField, TextInput};
use crate::ui::routes::save;
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn Welcome() -> impl IntoView {
    let state = use_app_state();
    let name = RwSignal::new(state.t(Key::DefaultAdminName).to_string());
    let pin = RwSignal::new(String::new());
    let pin_confirm = RwSignal::new(String::new());
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let id = platform::new_id();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = UserDraft {
            name: name.get_untracked(),
            role: Role::Admin,
            staff: None,
            pin: pin.get_untracked(),
            pin_confirm: pin_confirm.get_untracked(),
            clear_pin: false,
        };
        match state.data.with_untracked(|data| draft.check(id, data)) {
            Err(problems) => errors.set(problems),
            Ok((mut user, pin_change)) => {
                errors.set(Vec::new());
                if let PinChange::Set(pin) = pin_change {
                    user.pin = Some(PinHash::new(&pin, platform::random_bytes()));
                }
                save(
                    state,
                    Action::ManageUsers,
                    Change::User(state.edited(id, None, user)),
                    saving,
                    move || {
                        if state.sign_in(id).is_err() {
                            state.fail(i18n::problem(
                                state.lang.get_untracked(),
                                &Problem::SignInNotKept,
                            ));
                        }
                    },
                );
            }
        }
    };

    view! {
        <section class="panel welcome" data-page="welcome">
            <h1>{tr(Key::WelcomeTitle)}</h1>
            <p>{tr(Key::WelcomeIntro)}</p>
            <form class="form" on:submit=submit novalidate>
                <FormField label=Key::UserName field=Field::Name errors=errors>
                    <TextInput name="name" value=name />
                </FormField>
                <FormField label=Key::PinLabel field=Field::Pin errors=errors>
                    <TextInput name="pin" value=pin kind="password" numeric=true />
                </FormField>
                <FormField label=Key::PinConfirm field=Field::PinConfirm errors=errors>
                    <TextInput name="pin-confirm" value=pin_confirm kind="password" numeric=true />
                </FormField>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" name="create-admin" disabled=move || saving.get()>
                        {tr(Key::CreateAdmin)}
                    </button>
                </div>
            </form>
        </section>
        <section class="panel welcome" data-page="start-from-file">
            <h2>{tr(Key::StartFromFileTitle)}</h2>
            <p>{tr(Key::StartFromFileIntro)}</p>
            <a class="button" href="/data" data-action="start-from-file">{tr(Key::StartFromFile)}</a>
        </section>
        <DemoOffer />
    }
}

/// "加载演示公司": a year of generated data (`demo`), written as one snapshot; then the user chooser lists its
/// people (no PINs), so a newcomer can look at every screen as any role.
#[component]
fn DemoOffer() -> impl IntoView {
    let state = use_app_state();
    let loading = RwSignal::new(false);
    let load = move |_| {
        loading.set(true);
        // Generated in the worker module: the page stays responsive and does not carry the generator.
        leptos::task::spawn_local(async move {
            let now = platform::now_ms() as i64;
            let calendar = state.settings.with_untracked(|s| s.calendar.clone());
            let request = crate::jobs::demo_request(crate::demo::DemoSpec::company(now), &calendar);
            let changes = match crate::store::worker::ask(request).await {
                Ok(reply) => crate::jobs::demo_of(&reply),
                Err(error) => Err(format!("{error:?}")),
            };
            match changes {
                Ok(changes) => {
                    let mut data = crate::domain::dataset::Dataset::default();
                    for change in changes {
                        data.apply(change);
                    }
                    if state.replace_data(data).await.is_ok() {
                        state.notify(Key::DemoLoaded.text(state.lang.get_untracked()));
                    }
                }
                Err(reason) => {
                    state.fail(format!(
                        "{}: {reason}",
                        Key::DemoFailed.text(state.lang.get_untracked())
                    ));
                }
            }
            loading.set(false);
        });
    };
    view! {
        <section class="panel welcome" data-page="demo-offer">
            <h2>{tr(Key::DemoTitle)}</h2>
            <p>{tr(Key::DemoIntro)}</p>
            <button class="button" name="load-demo" on:click=load disabled=move || loading.get()>
                {move || match loading.get() {
                    true => state.t(Key::DemoLoading),
                    false => state.t(Key::DemoLoad),
                }}
            </button>
        </section>
    }
}
