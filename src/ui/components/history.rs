//! Shows its children — a screen that reads the tickets' history — once the history is read; until then how far
//! reading is (opening reads the records first, so the screens that need only them open at once). `needs_facts`
//! shows the KPI dashboard sooner: from the facts kept beside the stored data (`ui::derived`) when they are the
//! data's, else once the history is read. Must not: read anything itself (`AppState::read_history` and
//! `ui::derived` do).

use leptos::prelude::*;

use crate::i18n::{self, Key};
use crate::ui::state::{AppState, HistoryState, tr, use_app_state};

#[component]
pub fn NeedsHistory(children: ChildrenFn) -> impl IntoView {
    needs_history(children)
}

/// `screen` once the tickets' history is read: a screen that reads the tickets.
pub fn needs_history(screen: ChildrenFn) -> AnyView {
    gate(
        |state| state.history.with(|h| *h == HistoryState::Read),
        screen,
    )
}

/// `screen` once the KPI facts are there: kept beside the data (shown while the history is read: `ui::derived`), or
/// folded from the history.
pub fn needs_facts(screen: ChildrenFn) -> AnyView {
    crate::ui::derived::take_kept(use_app_state());
    gate(
        |state| {
            state.kept_facts.with(Option::is_some)
                || state.history.with(|h| *h == HistoryState::Read)
        },
        screen,
    )
}

/// `screen` once `ready`, meanwhile how far reading the history is. Not generic: a page pays for it once, not per
/// screen, and only the pages whose routes name `needs_facts` link the kept facts' reading.
fn gate(ready: fn(AppState) -> bool, screen: ChildrenFn) -> AnyView {
    let state = use_app_state();
    // Changes only when the screen can show (or stops being able to): the screen is built once, never rebuilt by a
    // progress step or by another tab's save read later.
    let ready = Memo::new(move |_| ready(state));
    (move || match ready.get() {
        true => screen(),
        false => waiting(state),
    })
    .into_any()
}

/// How far reading the history is, or why it stopped; built once, only the figure and the bar follow the reading.
fn waiting(state: AppState) -> AnyView {
    let failed = Memo::new(move |_| {
        state.history.with(|history| match history {
            HistoryState::Failed(error) => Some(error.clone()),
            _ => None,
        })
    });
    let percent = move || state.history.with(HistoryState::percent);
    (move || match failed.get() {
        Some(error) => view! {
            <section class="panel panel--refusal" role="alert" data-history="failed">
                <p>{move || i18n::store_error(state.lang.get(), &error)}</p>
            </section>
        }
        .into_any(),
        None => view! {
            <section class="panel history-reading" role="status" data-history="reading">
                <p>{tr(Key::ReadingHistory)}</p>
                <progress class="history-reading__bar" max="100" value=percent></progress>
                <p class="history-reading__figure">{move || format!("{}%", percent())}</p>
                <p class="history-reading__note">{tr(Key::ReadingHistoryNote)}</p>
            </section>
        }
        .into_any(),
    })
    .into_any()
}
