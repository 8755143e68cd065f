//! 用户与权限: the local users of this tablet (and every device it syncs with), their roles, linked staff member
//! and PIN. Only an administrator reaches this screen; the last administrator cannot be removed or demoted.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::access::{Action, PinChange, Role, UserDraft, user_removal_problem};
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::pin::PinHash;
use crate::i18n::{self, Key};
use crate::platform;
use crate::ui::components::form::{
    DeleteButton, FormActions, FormErrors, FormField, RecordProblem, SelectInput, TextInput,
    id_value, value_id,
};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::{EditorRoute, deletion, remove, save, staff_name};
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn UsersPage() -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        state.data.with(|d| {
            d.users
                .live()
                .map(|(id, u)| {
                    (
                        id,
                        u.name.clone(),
                        u.role,
                        staff_name(d, u.staff),
                        u.pin.is_some(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Guarded action=Action::ManageUsers>
            <section class="panel" data-page="users">
                <header class="panel__header">
                    <h1>{tr(Key::Users)}</h1>
                    <a class="button button--primary" href="/users/new" data-action="add-user">
                        {tr(Key::AddUser)}
                    </a>
                </header>
                <div class="table-wrap">
                    <table class="table" data-table="users">
                        <thead>
                            <tr>
                                <th>{tr(Key::UserName)}</th>
                                <th>{tr(Key::RoleLabel)}</th>
                                <th>{tr(Key::LinkedStaff)}</th>
                                <th>"PIN"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || rows.get() key=|row| row.clone() let:row>
                                <tr data-user=row.1.clone()>
                                    <td>
                                        <a href=format!("/users/{}", row.0)>{row.1.clone()}</a>
                                    </td>
                                    <td>{move || i18n::role_name(state.lang.get(), row.2)}</td>
                                    <td>{row.3.clone()}</td>
                                    <td>{move || state.t(if row.4 { Key::HasPin } else { Key::NoPin })}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </div>
            </section>
        </Guarded>
    }
}

#[component]
pub fn UserEditor() -> impl IntoView {
    view! {
        <EditorRoute
            action=Action::ManageUsers
            exists=|data, id| data.users.contains(id)
            form=|id| view! { <UserForm id=id /> }.into_any()
        />
    }
}

fn role_value(role: Role) -> String {
    role.slug().to_string()
}

#[component]
fn UserForm(id: Option<Id>) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    // What the form opened on: a save writes only the fields changed since (another tab's changes are kept).
    let opened = id.and_then(|id| {
        state
            .data
            .with_untracked(|d| d.users.live_version(id).cloned())
    });
    let existing = opened.as_ref().map(|v| v.body.clone());
    let record_id = id.unwrap_or_else(platform::new_id);
    let had_pin = existing.as_ref().is_some_and(|u| u.pin.is_some());
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or_default(),
    );
    let role = RwSignal::new(role_value(
        existing.as_ref().map_or(Role::Engineer, |u| u.role),
    ));
    let staff = RwSignal::new(id_value(existing.as_ref().and_then(|u| u.staff)));
    let pin = RwSignal::new(String::new());
    let pin_confirm = RwSignal::new(String::new());
    let clear_pin = RwSignal::new(false);
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);

    let role_options = Signal::derive(move || {
        let lang = state.lang.get();
        Role::ALL
            .iter()
            .map(|r| (role_value(*r), i18n::role_name(lang, *r).to_string()))
            .collect::<Vec<_>>()
    });
    let staff_options = Signal::derive(move || {
        let mut options = vec![(String::new(), state.t(Key::NoSuperior).to_string())];
        state.data.with(|d| {
            options.extend(
                d.staff
                    .live()
                    .map(|(sid, s)| (sid.to_string(), format!("{} {}", s.number, s.name))),
            )
        });
        options
    });

    let back = navigate.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = UserDraft {
            name: name.get_untracked(),
            role: Role::ALL
                .into_iter()
                .find(|r| role_value(*r) == role.get_untracked())
                .unwrap_or(Role::Engineer),
            staff: value_id(&staff.get_untracked()),
            pin: pin.get_untracked(),
            pin_confirm: pin_confirm.get_untracked(),
            clear_pin: clear_pin.get_untracked(),
        };
        match state.data.with_untracked(|d| draft.check(record_id, d)) {
            Err(problems) => errors.set(problems),
            Ok((mut user, pin_change)) => {
                errors.set(Vec::new());
                match pin_change {
                    PinChange::Keep => {}
                    PinChange::Clear => user.pin = None,
                    PinChange::Set(pin) => {
                        user.pin = Some(PinHash::new(&pin, platform::random_bytes()))
                    }
                }
                let back = back.clone();
                save(
                    state,
                    Action::ManageUsers,
                    Change::User(state.edited(record_id, opened.as_ref(), user)),
                    saving,
                    move || back("/users", Default::default()),
                );
            }
        }
    };
    let delete = move || {
        let navigate = navigate.clone();
        let removal = state.data.with_untracked(|d| {
            deletion(
                state,
                user_removal_problem(record_id, d),
                d.users.live_version(record_id),
                Change::User,
            )
        });
        remove(
            state,
            Action::ManageUsers,
            removal,
            errors,
            saving,
            move || navigate("/users", Default::default()),
        );
    };

    view! {
        <section class="panel" data-page="user-form">
            <h1>{move || state.t(if id.is_some() { Key::EditUser } else { Key::AddUser })}</h1>
            <form class="form form--grid" on:submit=submit novalidate>
                <FormField label=Key::UserName field=Field::Name errors=errors>
                    <TextInput name="name" value=name autofocus=true />
                </FormField>
                <FormField label=Key::RoleLabel field=Field::Role errors=errors>
                    <SelectInput name="role" value=role options=role_options />
                </FormField>
                <FormField label=Key::LinkedStaff field=Field::Staff errors=errors>
                    <SelectInput name="staff" value=staff options=staff_options />
                </FormField>
                <FormField
                    label=Key::PinLabel
                    field=Field::Pin
                    errors=errors
                    hint=if had_pin { Key::PinKeepHint } else { Key::PinLabel }
                >
                    <TextInput name="pin" value=pin kind="password" numeric=true />
                </FormField>
                <FormField label=Key::PinConfirm field=Field::PinConfirm errors=errors>
                    <TextInput name="pin-confirm" value=pin_confirm kind="password" numeric=true />
                </FormField>
                <Show when=move || had_pin>
                    <label class="check">
                        <input type="checkbox" name="clear-pin" bind:checked=clear_pin />
                        <span>{tr(Key::ClearPin)}</span>
                    </label>
                </Show>
                <RecordProblem errors=errors />
                <FormActions saving=saving cancel_href="/users" />
            </form>
            <DeleteButton editing=id.is_some() on_delete=delete />
        </section>
    }
}
