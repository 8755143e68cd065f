//! 服务商: the outside service providers (R1.4) with their contact, region and engineer count; create, edit and
//! delete (refused while engineers remain). Their engineers are staff whose affiliation is the provider.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::access::Action;
use crate::domain::contact::mask_phone;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::org::{Affiliation, ProviderDraft, provider_removal_problem};
use crate::i18n::Key;
use crate::platform;
use crate::ui::components::form::{
    DeleteButton, FormActions, FormErrors, FormField, RecordProblem, SelectInput, TextInput,
    id_value, value_id,
};
use crate::ui::components::link::MaybeLink;
use crate::ui::routes::{EditorRoute, deletion, remove, save, unit_name, unit_options};
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn ProvidersPage() -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        state.data.with(|d| {
            d.providers
                .live()
                .map(|(id, p)| {
                    let engineers = d
                        .staff
                        .live()
                        .filter(|(_, s)| s.affiliation == Affiliation::Provider(id))
                        .count();
                    (id, p.clone(), unit_name(d, p.region), engineers)
                })
                .collect::<Vec<_>>()
        })
    });
    let can_edit = move || state.can(Action::EditProviders);
    view! {
        <section class="panel" data-page="providers">
            <header class="panel__header">
                <h1>{tr(Key::Providers)}</h1>
                <Show when=can_edit>
                    <a class="button button--primary" href="/providers/new" data-action="add-provider">
                        {tr(Key::AddProvider)}
                    </a>
                </Show>
            </header>
            <Show when=move || !rows.get().is_empty() fallback=move || view! { <p class="muted empty">{tr(Key::NoProvidersYet)}</p> }>
                <div class="table-wrap">
                    <table class="table" data-table="providers">
                        <thead>
                            <tr>
                                <th>{tr(Key::ProviderName)}</th>
                                <th>{tr(Key::Contact)}</th>
                                <th>{tr(Key::Phone)}</th>
                                <th>{tr(Key::Region)}</th>
                                <th>{tr(Key::Engineers)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || rows.get() key=|row| (row.0, row.1.clone(), row.2.clone(), row.3) let:row>
                                <tr data-provider=row.1.name.clone()>
                                    <td>
                                        <MaybeLink href=format!("/providers/{}", row.0) text=row.1.name.clone() linked=Signal::derive(can_edit) />
                                    </td>
                                    <td>{row.1.contact.clone()}</td>
                                    <td>{if row.1.phone.is_empty() { String::new() } else { mask_phone(&row.1.phone) }}</td>
                                    <td>{row.2.clone()}</td>
                                    <td class="number">{row.3}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

#[component]
pub fn ProviderEditor() -> impl IntoView {
    view! {
        <EditorRoute
            action=Action::EditProviders
            exists=|data, id| data.providers.contains(id)
            form=|id| view! { <ProviderForm id=id /> }.into_any()
        />
    }
}

#[component]
fn ProviderForm(id: Option<Id>) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    // What the form opened on: a save writes only the fields changed since (another tab's changes are kept).
    let opened = id.and_then(|id| {
        state
            .data
            .with_untracked(|d| d.providers.live_version(id).cloned())
    });
    let existing = opened.as_ref().map(|v| v.body.clone());
    let record_id = id.unwrap_or_else(platform::new_id);
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    );
    let contact = RwSignal::new(
        existing
            .as_ref()
            .map(|p| p.contact.clone())
            .unwrap_or_default(),
    );
    let phone = RwSignal::new(
        existing
            .as_ref()
            .map(|p| p.phone.clone())
            .unwrap_or_default(),
    );
    let region = RwSignal::new(id_value(existing.as_ref().and_then(|p| p.region)));
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let region_options = Signal::derive(move || {
        let mut options = vec![(String::new(), state.t(Key::ChooseOne).to_string())];
        options.extend(state.data.with(unit_options));
        options
    });

    let back = navigate.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ProviderDraft {
            name: name.get_untracked(),
            contact: contact.get_untracked(),
            phone: phone.get_untracked(),
            region: value_id(&region.get_untracked()),
        };
        match state.data.with_untracked(|d| draft.check(record_id, d)) {
            Err(problems) => errors.set(problems),
            Ok(provider) => {
                errors.set(Vec::new());
                let back = back.clone();
                save(
                    state,
                    Action::EditProviders,
                    Change::Provider(state.edited(record_id, opened.as_ref(), provider)),
                    saving,
                    move || back("/providers", Default::default()),
                );
            }
        }
    };
    let delete = move || {
        let navigate = navigate.clone();
        let removal = state.data.with_untracked(|d| {
            deletion(
                state,
                provider_removal_problem(record_id, d),
                d.providers.live_version(record_id),
                Change::Provider,
            )
        });
        remove(
            state,
            Action::EditProviders,
            removal,
            errors,
            saving,
            move || navigate("/providers", Default::default()),
        );
    };

    view! {
        <section class="panel" data-page="provider-form">
            <h1>{move || state.t(if id.is_some() { Key::EditProvider } else { Key::AddProvider })}</h1>
            <form class="form form--grid" on:submit=submit novalidate>
                <FormField label=Key::ProviderName field=Field::Name errors=errors>
                    <TextInput name="name" value=name autofocus=true />
                </FormField>
                <FormField label=Key::Contact field=Field::Contact errors=errors>
                    <TextInput name="contact" value=contact />
                </FormField>
                <FormField label=Key::Phone field=Field::Phone errors=errors>
                    <TextInput name="phone" value=phone kind="tel" />
                </FormField>
                <FormField label=Key::Region field=Field::Affiliation errors=errors>
                    <SelectInput name="region" value=region options=region_options />
                </FormField>
                <RecordProblem errors=errors />
                <FormActions saving=saving cancel_href="/providers" />
            </form>
            <DeleteButton editing=id.is_some() on_delete=delete />
        </section>
    }
}
