//! Form building blocks: a labelled field that shows its translated problem right under the input, text inputs
//! and selects bound to signals, and the form's action row.
//!
//! Must not: validate (the domain drafts do) or save (screens call `AppState::commit`).

use leptos::prelude::*;

use crate::domain::error::{Field, FieldError};
use crate::i18n::{self, Key};
use crate::ui::state::{tr, use_app_state};

/// The problems a form's last check found.
pub type FormErrors = RwSignal<Vec<FieldError>>;

/// A label, the input(s) given as children, an optional hint, and the problem with this field, if any.
#[component]
pub fn FormField(
    label: Key,
    field: Field,
    errors: FormErrors,
    #[prop(optional)] hint: Option<Key>,
    /// Marks the label (`*`, and "required" for screen readers); the domain check still decides.
    #[prop(optional)]
    required: bool,
    children: Children,
) -> impl IntoView {
    let state = use_app_state();
    let message = move || {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| i18n::problem(state.lang.get(), &e.problem))
        })
    };
    // Typing in the field takes its problem away at once (the next save checks again): a problem stays only while
    // it is true of what the field shows.
    let fixed = move |_| clear_problem(errors, field);
    view! {
        <label class="field" class:field--invalid=move || message().is_some() on:input=fixed on:change=fixed>
            <span class="field__label">
                {tr(label)}
                {required.then(|| view! { <abbr class="field__required" title=tr(Key::RequiredField)>"*"</abbr> })}
            </span>
            {children()}
            {hint.map(|hint| view! { <span class="field__hint">{tr(hint)}</span> })}
            <span class="field__error" role="alert" data-field=format!("{field:?}")>
                {message}
            </span>
        </label>
    }
}

/// `field` changed (typed in, answered): its problem goes. A field removed while it has the cursor (another tab's
/// save rebuilt the screen) fires `change` after its form is gone: then there is nothing to clear (`try_…`, never a
/// panic).
pub fn clear_problem(errors: FormErrors, field: Field) {
    if errors.try_with_untracked(|list| list.iter().any(|e| e.field == field)) == Some(true) {
        errors.try_update(|list| list.retain(|e| e.field != field));
    }
}

/// A text input bound to `value`.
#[component]
pub fn TextInput(
    name: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] numeric: bool,
    /// A number with a decimal point (scores, weights): the keyboard offers the point.
    #[prop(optional)]
    decimal: bool,
) -> impl IntoView {
    let mode = match (numeric, decimal) {
        (_, true) => "decimal",
        (true, false) => "numeric",
        _ => "text",
    };
    view! {
        <input
            class="input"
            type=kind
            name=name
            autofocus=autofocus
            inputmode=mode
            autocomplete="off"
            bind:value=value
        />
    }
}

/// A label above one input bound to `value`, for the step forms whose problems are the step's, not a field's.
#[component]
pub fn LabelledInput(
    label: Key,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] numeric: bool,
    #[prop(optional)] decimal: bool,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field__label">{tr(label)}</span>
            <TextInput name=name value=value kind=kind numeric=numeric decimal=decimal />
        </label>
    }
}

/// A select whose options are `(value, label)` pairs; `value` holds the chosen option's value. `label` names it
/// for screen readers when it stands without a visible label (filters).
#[component]
pub fn SelectInput(
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] label: Option<Key>,
) -> impl IntoView {
    view! {
        <select class="input" name=name aria-label=label.map(tr)
            on:change=move |ev| value.set(event_target_value(&ev))>
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(option, label)| {
                        let chosen = option.clone();
                        view! {
                            <option value=option prop:selected=move || value.get() == chosen>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// Save and cancel, with the save button disabled while saving.
#[component]
pub fn FormActions(saving: RwSignal<bool>, #[prop(into)] cancel_href: String) -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="form__actions">
            <button type="submit" class="button button--primary" name="save" disabled=move || saving.get()>
                {move || if saving.get() { state.t(Key::Saving) } else { state.t(Key::Save) }}
            </button>
            <a class="button" href=cancel_href>
                {tr(Key::Cancel)}
            </a>
        </div>
    }
}

/// An `Option<Id>` as a select value: "" for none.
pub fn id_value(id: Option<crate::domain::ids::Id>) -> String {
    id.map(|id| id.to_string()).unwrap_or_default()
}

/// A select value back to an `Option<Id>`.
pub fn value_id(value: &str) -> Option<crate::domain::ids::Id> {
    value.parse().ok()
}

/// A problem with the record as a whole (e.g. a deletion that is refused), shown above the form's actions.
#[component]
pub fn RecordProblem(errors: FormErrors) -> impl IntoView {
    let state = use_app_state();
    let message = move || {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == Field::Record)
                .map(|e| i18n::problem(state.lang.get(), &e.problem))
        })
    };
    view! {
        <p class="form__problem" role="alert" data-field="Record">
            {message}
        </p>
    }
}

/// The delete button of an editor, shown only when editing an existing record.
#[component]
pub fn DeleteButton(editing: bool, on_delete: impl Fn() + 'static) -> impl IntoView {
    editing.then(|| {
        view! {
            <button class="button button--danger" name="delete" on:click=move |_| on_delete()>
                {tr(Key::Delete)}
            </button>
        }
    })
}
