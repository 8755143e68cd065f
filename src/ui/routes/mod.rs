//! The screens, one module each, in the folder of their page (`service`, `assessment`, `admin`, each with its
//! `PAGE`; `not_found` and `welcome` serve all three), and the few helpers they share (saving a form, confirming a
//! deletion, the options of the common selects).

pub mod admin;
pub mod assessment;
pub mod not_found;
pub mod service;
pub mod welcome;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use crate::domain::access::Action;
use crate::domain::dataset::{Change, Dataset};
use crate::domain::error::{Field, FieldError, Problem};
use crate::domain::ids::Id;
use crate::domain::org::unit_tree;
use crate::domain::record::{Fields, Versioned};
use crate::domain::sorting;
use crate::i18n::{Key, Lang};
use crate::ui::components::form::{FormErrors, id_value};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::not_found::NotFound;
use crate::ui::state::{AppState, HeldSave, use_app_state};

/// Saves `change` and, once it is durably stored, says so and runs `after` (usually: go back to the list).
/// A refused or failed save leaves the form as it is, with the reason in the toast. A form's save over a field
/// another tab or device changed since the form opened waits for its user to choose which value stays
/// (`components::underneath`).
pub fn save(
    state: AppState,
    action: Action,
    change: Change,
    saving: RwSignal<bool>,
    after: impl FnOnce() + 'static,
) {
    save_boxed(state, action, change, saving, Box::new(after), Key::Saved);
}

/// `save`, its toast saying `done` once written (a step's own words: "corrective action opened").
pub fn save_saying(
    state: AppState,
    action: Action,
    change: Change,
    saving: RwSignal<bool>,
    done: Key,
    after: impl FnOnce() + 'static,
) {
    save_boxed(state, action, change, saving, Box::new(after), done);
}

/// `save` without the generic: one compiled copy of the async save for every form, not one per caller; `done` is
/// what the toast says once it is written.
fn save_boxed(
    state: AppState,
    action: Action,
    change: Change,
    saving: RwSignal<bool>,
    after: Box<dyn FnOnce()>,
    done: Key,
) {
    let underneath = state.data.with_untracked(|d| d.changed_underneath(&change));
    if !underneath.is_empty() {
        // The user chooses first (`components::underneath`), then this save goes on with their choice.
        state.held_save.set(Some(HeldSave {
            change,
            underneath,
            resume: Box::new(move |chosen| save_boxed(state, action, chosen, saving, after, done)),
        }));
        return;
    }
    saving.set(true);
    spawn_local(async move {
        let saved = state.commit(action, change).await;
        saving.try_set(false);
        if saved.is_ok() {
            state.notify(done.text(state.lang.get_untracked()));
            after();
        }
    });
}

/// Deletes a record: refused with the reason (shown above the form's actions) while something depends on it,
/// otherwise after the user confirms, as a tombstone.
pub fn remove(
    state: AppState,
    action: Action,
    (problem, tombstone): (Option<Problem>, Option<Change>),
    errors: FormErrors,
    saving: RwSignal<bool>,
    after: impl FnOnce() + 'static,
) {
    if let Some(problem) = problem {
        errors.set(vec![FieldError::new(Field::Record, problem)]);
        return;
    }
    let Some(tombstone) = tombstone else { return };
    if confirm_delete(state.lang.get_untracked()) {
        save_deletion(state, action, tombstone, saving, after);
    }
}

/// Saves `tombstone` — a deletion the user confirmed — as `save` does, the toast saying it was deleted.
pub fn save_deletion(
    state: AppState,
    action: Action,
    tombstone: Change,
    saving: RwSignal<bool>,
    after: impl FnOnce() + 'static,
) {
    save_boxed(
        state,
        action,
        tombstone,
        saving,
        Box::new(after),
        Key::Deleted,
    );
}

/// What deleting a record would be: refused with `problem` while something depends on it, else the tombstone of
/// its live version (`wrap` names the kind of change).
pub fn deletion<T: Fields>(
    state: AppState,
    problem: Option<Problem>,
    live: Option<&Versioned<T>>,
    wrap: fn(Versioned<T>) -> Change,
) -> (Option<Problem>, Option<Change>) {
    match problem {
        Some(problem) => (Some(problem), None),
        None => (None, live.map(|record| wrap(state.tombstone(record)))),
    }
}

/// An editor's route: refuses roles without `action`; shows `form` for a new record (`/new`) or an existing one,
/// and "no such page" for an id that is not one or is gone.
#[component]
pub fn EditorRoute(
    action: Action,
    exists: fn(&Dataset, Id) -> bool,
    form: fn(Option<Id>) -> AnyView,
) -> impl IntoView {
    let state = use_app_state();
    let id = route_id();
    view! {
        <Guarded action=action>
            {move || match id.get() {
                None => form(None),
                Some(Ok(id)) if state.data.with_untracked(|d| exists(d, id)) => form(Some(id)),
                Some(_) => view! { <NotFound /> }.into_any(),
            }}
        </Guarded>
    }
}

/// Asks before a deletion (the browser's own dialog: large and familiar on a tablet).
pub fn confirm_delete(lang: Lang) -> bool {
    window()
        .confirm_with_message(Key::ConfirmDelete.text(lang))
        .unwrap_or(false)
}

/// The `:id` of an editor route: `None` on a `/new` route, `Some(Err(()))` for an id that is not one.
pub fn route_id() -> Memo<Option<Result<Id, ()>>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .map(|text| text.parse::<Id>().map_err(|_| ()))
    })
}

/// A query parameter holding an id.
pub fn query_id(name: &'static str) -> Option<Id> {
    let query = leptos_router::hooks::use_query_map();
    query
        .with_untracked(|q| q.get(name))
        .and_then(|text| text.parse().ok())
}

/// Every live staff member as a select option ("number name"), after an "any" option worded by `any`.
/// The people tickets go to (engineers, specialists, supervisors), by staff number, after "any".
pub fn staff_filter_options(state: AppState, any: Key) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), state.t(any).to_string())];
    state.data.with(|d| {
        let mut people: Vec<_> = d
            .staff
            .live()
            .filter(|(_, s)| s.position.takes_tickets())
            .collect();
        sorting::by(&mut people, |(_, a), (_, b)| a.number.cmp(&b.number));
        options.extend(
            people
                .into_iter()
                .map(|(id, s)| (id_value(Some(id)), format!("{} {}", s.number, s.name))),
        );
    });
    options
}

/// Every live unit as a select option, indented by its depth in the tree.
pub fn unit_options(data: &Dataset) -> Vec<(String, String)> {
    unit_tree(data)
        .into_iter()
        .filter_map(|row| {
            let unit = data.units.get(row.id)?;
            Some((
                row.id.to_string(),
                format!("{}{}", "\u{3000}".repeat(row.depth), unit.name),
            ))
        })
        .collect()
}

/// A record's name for display, live or deleted (a deleted record keeps its last name).
pub fn staff_name(data: &Dataset, id: Option<Id>) -> String {
    id.and_then(|id| data.staff.version(id))
        .map(|v| v.body.name.clone())
        .unwrap_or_default()
}

/// The company's name for the head of paper forms: the company unit's (none when the org has no company unit).
pub fn company_name(data: &Dataset) -> String {
    use crate::domain::org::UnitKind;
    data.units
        .live()
        .find(|(_, u)| u.kind == UnitKind::Company)
        .map(|(_, u)| u.name.clone())
        .unwrap_or_default()
}

pub fn unit_name(data: &Dataset, id: Option<Id>) -> String {
    id.and_then(|id| data.units.version(id))
        .map(|v| v.body.name.clone())
        .unwrap_or_default()
}
