//! 工作台 — where each role starts (`/`): an engineer's tickets of the day with their counts (to visit, overdue,
//! waiting for a survey); the agent's intake and the queue nobody is dispatched to; the supervisor's dispatch queue,
//! the service levels at risk and the bad reviews waiting for their follow-up; the manager's KPI dashboard; HR's
//! assessment home (the assessment page); the administrator's ticket list. A role whose home is another screen is
//! taken to that screen's own address, so the navigation marks where they are.
//!
//! Must not: decide what belongs in a list (`domain::ticket::worklist` does) or what a role may do (`access::can`).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;

use crate::domain::access::{Action, Role};
use crate::domain::ticket::list::Row;
use crate::domain::ticket::worklist::{Worklist, worklist};
use crate::i18n::Key;
use crate::ui::components::history::NeedsHistory;
use crate::ui::routes::service::tickets::{ROW_HEIGHT, TicketRow};
use crate::ui::state::{tr, use_app_state};

/// How many rows a list shows before "show all".
const SHOWN: usize = 8;

#[component]
pub fn HomePage() -> impl IntoView {
    let state = use_app_state();
    move || match state.role() {
        Some(Role::Manager | Role::GeneralManager) => {
            view! { <Redirect path="/kpi" options=replace() /> }.into_any()
        }
        Some(Role::HumanResources | Role::Committee) => {
            // Their work is on the assessment page.
            let _ = window().location().replace("/assessment");
            ().into_any()
        }
        Some(role @ (Role::Engineer | Role::Agent | Role::Supervisor)) => {
            view! { <NeedsHistory><Workbench role=role /></NeedsHistory> }.into_any()
        }
        _ => view! { <Redirect path="/tickets" options=replace() /> }.into_any(),
    }
}

/// A redirect that takes the place of "/" in the history (Back does not bounce off it).
fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..NavigateOptions::default()
    }
}

#[component]
fn Workbench(role: Role) -> impl IntoView {
    let state = use_app_state();
    let list = Memo::new(move |_| {
        let now = state.now.get();
        let staff = state.current_user().and_then(|(_, u)| u.staff);
        state.settings.with(|s| {
            state
                .tickets
                .with(|t| worklist(&t.0, staff, &s.policy, &s.calendar, now))
        })
    });
    let name = move || {
        state
            .current_user()
            .map(|(_, u)| u.name)
            .unwrap_or_default()
    };
    view! {
        <crate::ui::routes::assessment::quality::MyActions />
        <section class="panel workbench" data-page="home" data-role=role.slug().to_string()>
            <header class="panel__header">
                <h1>{tr(Key::Workbench)}" · "{name}</h1>
                <Show when=move || state.can(Action::RegisterTickets) && role != Role::Engineer>
                    <a class="button button--primary" href="/tickets/new" data-action="new-ticket">{tr(Key::NewTicket)}</a>
                </Show>
            </header>
            {match role {
                Role::Engineer => view! { <EngineerDay list=list /> }.into_any(),
                _ => view! {
                    <Counts list=list />
                    <Section title=Key::UnassignedQueue slug="unassigned" rows=Signal::derive(move || list.with(|l| l.unassigned.clone()))
                        empty=Key::NothingUnassigned all="/tickets?assignee=none" next=(Key::AllOpenTickets, "/tickets") />
                    <Section title=Key::SlaAtRisk slug="at-risk" rows=Signal::derive(move || list.with(|l| l.at_risk.clone()))
                        empty=Key::NothingAtRisk all="/tickets?overdue=1" next=(Key::AllOpenTickets, "/tickets") />
                    <Section title=Key::BadReviewFollowUps slug="bad-reviews" rows=Signal::derive(move || list.with(|l| l.bad_reviews.clone()))
                        empty=Key::NoBadReviewsWaiting all="/surveys?bad=1" next=(Key::AllResponses, "/surveys") />
                }.into_any(),
            }}
        </section>
    }
}

/// The counts at the top of a supervisor's or agent's home.
#[component]
fn Counts(list: Memo<Worklist>) -> impl IntoView {
    let count = move |pick: fn(&Worklist) -> usize| move || list.with(pick);
    view! {
        <dl class="workbench__counts">
            <div data-count="unassigned"><dt>{tr(Key::UnassignedQueue)}</dt><dd>{count(|l| l.unassigned.len())}</dd></div>
            <div data-count="at-risk"><dt>{tr(Key::SlaAtRisk)}</dt><dd>{count(|l| l.at_risk.len())}</dd></div>
            <div data-count="bad-reviews"><dt>{tr(Key::BadReviewFollowUps)}</dt><dd>{count(|l| l.bad_reviews.len())}</dd></div>
        </dl>
    }
}

/// An engineer's day: the counts, then their open tickets, the most urgent first, and those waiting for a survey.
#[component]
fn EngineerDay(list: Memo<Worklist>) -> impl IntoView {
    let count = move |pick: fn(&Worklist) -> usize| move || list.with(pick);
    view! {
        <dl class="workbench__counts">
            <div data-count="to-visit"><dt>{tr(Key::ToVisit)}</dt><dd>{count(|l| l.to_visit)}</dd></div>
            <div data-count="overdue"><dt>{tr(Key::OverdueMine)}</dt><dd>{count(|l| l.overdue)}</dd></div>
            <div data-count="awaiting-survey"><dt>{tr(Key::AwaitingSurvey)}</dt><dd>{count(|l| l.awaiting_survey.len())}</dd></div>
        </dl>
        <Section title=Key::MyOpenTickets slug="mine" rows=Signal::derive(move || list.with(|l| l.mine.clone()))
            empty=Key::NothingMine all="/tickets?mine=1" next=(Key::AllMyTickets, "/tickets?mine=1&state=all") />
        <Section title=Key::AwaitingSurvey slug="awaiting-survey" rows=Signal::derive(move || list.with(|l| l.awaiting_survey.clone()))
            empty=Key::NothingAwaitingSurvey all="/tickets?mine=1&state=all" next=(Key::AllMyTickets, "/tickets?mine=1&state=all") />
    }
}

/// One list of the home: its first rows, a link to all of them in the ticket list, or what empty means.
#[component]
fn Section(
    title: Key,
    slug: &'static str,
    rows: Signal<Vec<Row>>,
    empty: Key,
    all: &'static str,
    /// Where to look instead when this part is empty: the link's text and address.
    next: (Key, &'static str),
) -> impl IntoView {
    let total = move || rows.with(Vec::len);
    view! {
        <section class="workbench__section" data-list=slug>
            <h2>{tr(title)}" "<span class="badge" data-fact="count">{total}</span></h2>
            <Show when=move || total() != 0 fallback=move || view! {
                <div class="empty" data-empty=slug>
                    <p class="empty__text">{tr(empty)}</p>
                    <a class="button button--quiet" href=next.1 data-action="look-instead">{tr(next.0)}</a>
                </div>
            }>
                <ul class="workbench__rows">
                    {move || rows.get().into_iter().take(SHOWN).map(|row| view! {
                        <li style:height=format!("{ROW_HEIGHT}px")><TicketRow row=row /></li>
                    }).collect_view()}
                </ul>
                <Show when=move || { total() > SHOWN }>
                    <p><a class="button button--quiet" href=all data-action="show-all">{tr(Key::ShowAll)}" ("{total}")"</a></p>
                </Show>
            </Show>
        </section>
    }
}
