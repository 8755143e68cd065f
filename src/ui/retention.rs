//! Carrying out the retention period on this device (R10.2; the rule is `domain::retention`): once the data
//! is open with its tickets' history and someone is signed in, and again each new day while a page stays open or when the period changes,
//! the customers whose period ran out are anonymised (`AppState::apply_retention`) and a toast says how many
//! tickets. Must not: decide what is due.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::calendar::Date;
use crate::domain::ids::Id;
use crate::i18n::tickets::anonymised_toast;
use crate::ui::state::{AppState, HistoryState, LoadState};

/// Runs the retention rule whenever the signed-in user, the period or the day changes.
pub fn keep(state: AppState) {
    Effect::new(move |last: Option<Option<(Id, u32, Date)>>| {
        let ready = matches!(state.load.get(), LoadState::Ready(_))
            && state.history.with(|h| *h == HistoryState::Read);
        let months = state.settings.with(|s| s.retention_months);
        let today = state
            .settings
            .with_untracked(|s| s.calendar.local_date(state.now.get()));
        let run = state
            .user
            .get()
            .filter(|_| ready && months > 0)
            .map(|user| (user, months, today));
        if run.is_some() && run != last.flatten() {
            spawn_local(async move {
                if let Ok((tickets, reviews)) = state.apply_retention().await
                    && tickets + reviews > 0
                {
                    state.notify(anonymised_toast(
                        state.lang.get_untracked(),
                        tickets,
                        reviews,
                    ));
                }
            });
        }
        run
    });
}
