//! The KPI facts kept beside the stored data (`store::derived`), on the page: the dashboard takes them at opening and
//! shows its figures before the tickets' history is read; and once the data has been quiet for a few seconds after a
//! change, or after opening found nothing current kept, the worker module derives them again from what is stored
//! and keeps them — off the page's thread, so the next opening finds them.
//!
//! Must not: derive on the page's thread, or decide whether kept facts may be trusted (the store checks their source
//! and build; a change in this tab forgets them at once: `AppState::forget_kept_facts`).

use crate::domain::slug::slugs;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::jobs;
use crate::ui::state::{AppState, Shared};

/// How long the data must stay unchanged before the facts are derived again: a burst of saves derives once.
const QUIET_MS: u64 = 5_000;

/// Where keeping the derived facts stands, as `main[data-derived]` says it (tests and benchmarks wait on it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Derivation {
    /// Nothing asked yet.
    #[default]
    Idle,
    /// The dashboard asked for the kept facts and they are being read (the history's read waits for them: the
    /// first screen before the rest).
    Taking,
    /// The dashboard opened from the kept facts, before the history was read.
    Used,
    /// The facts kept are not those of the data opening read (or none are kept): not asked again this opening.
    Stale,
    /// The worker is deriving.
    Deriving,
    /// The worker kept the facts of what is stored now.
    Kept,
    /// The worker did not keep them: the data changed while it derived (a later change derives again), or the
    /// storage keeps none (localStorage).
    NotKept,
    /// The worker failed (a full disk: nothing is lost, the next opening waits for the history).
    Failed,
}

slugs!(Derivation {
    Idle => "idle",
    Taking => "taking",
    Used => "used",
    Stale => "stale",
    Deriving => "deriving",
    Kept => "kept",
    NotKept => "not-kept",
    Failed => "failed",
});

impl Derivation {}

/// Takes the facts kept beside the data opening read, if they are that data's, for a screen that can show them before
/// the history is read (`components::history::needs_facts`). Asked once per opening: a screen mounted again does not
/// read them again, whatever the answer was.
pub fn take_kept(state: AppState) {
    if state.history_is_read() || state.derivation.get_untracked() != Derivation::Idle {
        return;
    }
    let Some(store) = state.opened_store() else {
        return;
    };
    state.derivation.set(Derivation::Taking);
    spawn_local(async move {
        let kept = store.kept_facts().await;
        if state.derivation.get_untracked() != Derivation::Taking {
            return;
        }
        match kept {
            // Unless the data changed while they were read (then they are another data's).
            Some(facts) if !state.changed_since_opening() && !state.history_is_read() => {
                state.kept_facts.set(Some(Shared(Arc::new(facts))));
                state.derivation.set(Derivation::Used);
            }
            _ => state.derivation.set(Derivation::Idle),
        }
    });
}

/// Whether the kept facts are being read for the first screen (`take_kept`): the history's read waits meanwhile.
pub fn taking(state: AppState) -> bool {
    state.derivation.get_untracked() == Derivation::Taking
}

/// After the history was read at opening: derives unless the facts kept are this data's already, or a change since
/// opening has a derivation scheduled anyway. Reads what is kept only when no screen asked at opening.
pub fn after_history(state: AppState) {
    match state.derivation.get_untracked() {
        _ if state.changed_since_opening() => return,
        Derivation::Used => return,
        Derivation::Stale => return schedule(state),
        _ => {}
    }
    let Some(store) = state.opened_store() else {
        return;
    };
    spawn_local(async move {
        if !store.keeps_facts_of_opened().await {
            schedule(state);
        }
    });
}

/// Derives once the data has been quiet for `QUIET_MS` (a later call moves the moment on).
pub fn schedule(state: AppState) {
    let due = state.next_derivation();
    set_timeout(
        move || {
            if state.derivation_due() == due {
                spawn_local(derive(state, due));
            }
        },
        std::time::Duration::from_millis(QUIET_MS),
    );
}

/// Has the worker module derive the facts of what is stored and keep them.
async fn derive(state: AppState, due: u64) {
    let Some(store) = state.opened_store() else {
        return;
    };
    let Some(database) = store.database().map(str::to_string) else {
        state.derivation.set(Derivation::NotKept);
        return;
    };
    state.derivation.set(Derivation::Deriving);
    let kept = match crate::store::worker::ask(jobs::derive_request(&database)).await {
        Ok(reply) => jobs::derived_of(&reply),
        Err(error) => Err(error),
    };
    // A change made while it derived has its own derivation scheduled; this one's word is stale.
    if state.derivation_due() != due {
        return;
    }
    state.derivation.set(match kept {
        Ok(true) => Derivation::Kept,
        Ok(false) => Derivation::NotKept,
        Err(_) => Derivation::Failed,
    });
}
