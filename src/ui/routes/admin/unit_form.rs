//! Create, edit, move (change the parent) and delete an org unit. The domain refuses a move under the unit
//! itself or one of its sub-units, and a deletion while sub-units or staff remain.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::access::Action;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::org::{UnitDraft, UnitKind, unit_removal_problem};
use crate::i18n::{self, Key};
use crate::platform;
use crate::ui::components::form::{
    DeleteButton, FormActions, FormErrors, FormField, RecordProblem, SelectInput, TextInput,
    id_value, value_id,
};
use crate::ui::routes::{EditorRoute, deletion, query_id, remove, save, unit_options};
use crate::ui::state::use_app_state;

#[component]
pub fn UnitEditor() -> impl IntoView {
    view! {
        <EditorRoute
            action=Action::EditOrg
            exists=|data, id| data.units.contains(id)
            form=|id| view! { <UnitForm id=id /> }.into_any()
        />
    }
}

fn kind_value(kind: UnitKind) -> String {
    kind.slug().to_string()
}

#[component]
fn UnitForm(id: Option<Id>) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    // What the form opened on: a save writes only the fields changed since (another tab's changes are kept).
    let opened = id.and_then(|id| {
        state
            .data
            .with_untracked(|d| d.units.live_version(id).cloned())
    });
    let existing = opened.as_ref().map(|v| v.body.clone());
    let record_id = id.unwrap_or_else(platform::new_id);
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or_default(),
    );
    let kind = RwSignal::new(kind_value(
        existing.as_ref().map_or(UnitKind::Team, |u| u.kind),
    ));
    let parent = RwSignal::new(id_value(
        existing
            .as_ref()
            .map_or_else(|| query_id("parent"), |u| u.parent),
    ));
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);

    let kind_options = Signal::derive(move || {
        let lang = state.lang.get();
        UnitKind::ALL
            .iter()
            .map(|k| (kind_value(*k), i18n::unit_kind_name(lang, *k).to_string()))
            .collect::<Vec<_>>()
    });
    let parent_options = Signal::derive(move || {
        let mut options = vec![(String::new(), state.t(Key::TopLevel).to_string())];
        options.extend(
            state
                .data
                .with(unit_options)
                .into_iter()
                .filter(|(value, _)| *value != record_id.to_string()),
        );
        options
    });

    let back = navigate.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen_kind = UnitKind::ALL
            .into_iter()
            .find(|k| kind_value(*k) == kind.get_untracked())
            .unwrap_or(UnitKind::Team);
        let draft = UnitDraft {
            name: name.get_untracked(),
            kind: chosen_kind,
            parent: value_id(&parent.get_untracked()),
        };
        match state.data.with_untracked(|d| draft.check(record_id, d)) {
            Err(problems) => errors.set(problems),
            Ok(unit) => {
                errors.set(Vec::new());
                let back = back.clone();
                save(
                    state,
                    Action::EditOrg,
                    Change::Unit(state.edited(record_id, opened.as_ref(), unit)),
                    saving,
                    move || back(&format!("/org?unit={record_id}"), Default::default()),
                );
            }
        }
    };
    let delete = move || {
        let navigate = navigate.clone();
        let removal = state.data.with_untracked(|d| {
            deletion(
                state,
                unit_removal_problem(record_id, d),
                d.units.live_version(record_id),
                Change::Unit,
            )
        });
        remove(state, Action::EditOrg, removal, errors, saving, move || {
            navigate("/org", Default::default())
        });
    };

    view! {
        <section class="panel" data-page="unit-form">
            <h1>{move || state.t(if id.is_some() { Key::EditUnit } else { Key::AddUnit })}</h1>
            <form class="form" on:submit=submit novalidate>
                <FormField label=Key::UnitName field=Field::Name errors=errors>
                    <TextInput name="name" value=name autofocus=true />
                </FormField>
                <FormField label=Key::UnitKindLabel field=Field::Kind errors=errors>
                    <SelectInput name="kind" value=kind options=kind_options />
                </FormField>
                <FormField label=Key::ParentUnit field=Field::Parent errors=errors>
                    <SelectInput name="parent" value=parent options=parent_options />
                </FormField>
                <RecordProblem errors=errors />
                <FormActions saving=saving cancel_href="/org" />
            </form>
            <DeleteButton editing=id.is_some() on_delete=delete />
        </section>
    }
}
