//! The screens, one module each, and the few helpers they share (saving a form, confirming a deletion, the
//! options of the common selects).

pub mod not_found;
pub mod org;
pub mod providers;
pub mod settings;
pub mod staff_form;
pub mod unit_form;
pub mod users;
pub mod welcome;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use crate::domain::access::Action;
use crate::domain::dataset::{Change, Dataset};
use crate::domain::ids::Id;
use crate::domain::org::unit_tree;
use crate::i18n::{Key, Lang};
use crate::ui::state::AppState;

/// Saves `change` and, once it is durably stored, says so and runs `after` (usually: go back to the list).
/// A refused or failed save leaves the form as it is, with the reason in the toast.
pub fn save(
    state: AppState,
    action: Action,
    change: Change,
    saving: RwSignal<bool>,
    after: impl FnOnce() + 'static,
) {
    saving.set(true);
    spawn_local(async move {
        let saved = state.commit(action, change).await;
        saving.set(false);
        if saved.is_ok() {
            state.notify(Key::Saved.text(state.lang.get_untracked()));
            after();
        }
    });
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

pub fn unit_name(data: &Dataset, id: Option<Id>) -> String {
    id.and_then(|id| data.units.version(id))
        .map(|v| v.body.name.clone())
        .unwrap_or_default()
}
