//! A form above a list of records (the KPI inputs, a provider's inputs, the penalty rules): the record the form
//! holds, saving what the domain's check makes of it as a version that writes only the fields changed, opening a
//! record from the list, and the save and delete buttons.
//!
//! Must not: check what is typed (the domain's drafts do) or know what a record is.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::dataset::{Change, Dataset};
use crate::domain::error::Checked;
use crate::domain::ids::Id;
use crate::domain::record::{Fields, Versioned};
use crate::i18n::Key;
use crate::platform;
use crate::ui::components::form::FormErrors;
use crate::ui::routes::{confirm_delete, save, save_deletion};
use crate::ui::state::{tr, use_app_state};

/// A form above a list of records: which record the form holds (none: a new one), the problems of its last
/// check, and whether a save is under way; saving a checked record, opening one from the list, and the form's
/// buttons. `action` is the permission saving and deleting need.
pub struct RecordForm<T: Send + Sync + 'static> {
    action: Action,
    /// The record as the form opened it: a save writes only the fields changed since.
    pub editing: RwSignal<Option<Versioned<T>>>,
    pub errors: FormErrors,
    pub saving: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for RecordForm<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for RecordForm<T> {}

impl<T: Fields + Send + Sync + 'static> RecordForm<T> {
    pub fn new(action: Action) -> Self {
        RecordForm {
            action,
            editing: RwSignal::new(None),
            errors: RwSignal::new(Vec::new()),
            saving: RwSignal::new(false),
        }
    }

    /// Empties the form for a new record (the fields are the caller's).
    pub fn clear(self) {
        self.editing.set(None);
        self.errors.set(Vec::new());
    }

    /// Saves what the domain's `check` makes of the form — given the id the record is saved under: the one held, or
    /// a new one — as a version of that record, then runs `reset`; or shows the problems and saves nothing.
    pub fn save_checked(
        self,
        check: impl FnOnce(Id, &Dataset) -> Checked<T>,
        change: impl FnOnce(Versioned<T>) -> Change,
        reset: impl FnOnce() + 'static,
    ) {
        let state = use_app_state();
        let opened = self.editing.get_untracked();
        let id = opened.as_ref().map_or_else(platform::new_id, |v| v.id);
        match state.data.with_untracked(|d| check(id, d)) {
            Err(problems) => {
                self.errors.set(problems);
                // The first problem may be above the fold (the save button is at the form's end).
                platform::scroll_and_focus(".field--invalid, .form__problem:not(:empty)");
            }
            Ok(body) => {
                save(
                    state,
                    self.action,
                    change(state.edited(id, opened.as_ref(), body)),
                    self.saving,
                    reset,
                );
            }
        }
    }

    /// Marks `record` as the one the form holds (its fields filled by the caller).
    pub fn opened(self, record: Versioned<T>) {
        self.errors.set(Vec::new());
        self.editing.set(Some(record));
    }

    /// At the form's top, while it holds a record opened from the list: that it does, and a way out (`cancel`).
    pub fn notice(self, cancel: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
        let editing = self.editing;
        view! {
            <Show when=move || editing.with(Option::is_some)>
                <div class="banner banner--info form__wide form__editing" role="status" data-editing="record">
                    <span>{tr(Key::EditingRecord)}</span>
                    <button type="button" class="button" name="cancel-edit-top" on:click=move |_| cancel()>{tr(Key::CancelEditing)}</button>
                </div>
            </Show>
        }
    }

    /// Save, and — for a record opened from the list — delete after a confirmation.
    pub fn actions(
        self,
        tombstone: impl Fn(Id) -> Option<Change> + Copy + Send + Sync + 'static,
        reset: impl Fn() + Copy + Send + Sync + 'static,
    ) -> impl IntoView {
        let state = use_app_state();
        let RecordForm {
            action,
            editing,
            saving,
            ..
        } = self;
        view! {
            <div class="form__actions">
                <button type="submit" class="button button--primary" name="save" disabled=move || saving.get()>{tr(Key::Save)}</button>
                <Show when=move || editing.with(Option::is_some)>
                    <button type="button" class="button" name="cancel-edit" on:click=move |_| reset()>{tr(Key::CancelEditing)}</button>
                    <button type="button" class="button button--danger" name="delete" on:click=move |_| {
                        let Some(id) = editing.with_untracked(|v| v.as_ref().map(|v| v.id)) else { return };
                        if let Some(change) = tombstone(id)
                            && confirm_delete(state.lang.get_untracked())
                        {
                            save_deletion(state, action, change, saving, reset);
                        }
                    }>{tr(Key::Delete)}</button>
                </Show>
            </div>
        }
    }
}
