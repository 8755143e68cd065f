//! 工单列表 (R2.8, R3.3): search, filters, sort, "my tickets", an SLA badge per row, virtual scrolling so ten
//! thousand tickets stay smooth. Customer phones are masked (R10.2).
//!
//! Must not: compute a badge or decide what matches (`domain::ticket_list` does); it only lays rows out.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::calendar::Date;
use crate::domain::contact::mask_phone;
use crate::domain::ids::Id;
use crate::domain::org::unit_ancestors;
use crate::domain::ticket_list::{Badge, Filter, Row, Sort, StateFilter, select};
use crate::domain::ticket_state::State;
use crate::i18n::Key;
use crate::i18n::tickets::{KINDS, customer_name, duration, kind_name, priority_name, state_name};
use crate::ui::components::form::{SelectInput, value_id};
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::routes::{staff_filter_options, staff_name, unit_options};
use crate::ui::state::{tr, use_app_state};

/// Height of one row in pixels: the virtual list places rows by it.
const ROW_HEIGHT: u32 = 64;

#[component]
pub fn TicketsPage() -> impl IntoView {
    let state = use_app_state();
    let text = RwSignal::new(String::new());
    let state_filter = RwSignal::new("open".to_string());
    let kind = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    // `?overdue=1`: the dashboard's link to the tickets past a service level.
    let overdue = RwSignal::new(
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get_str("overdue") == Some("1")),
    );
    let mine = RwSignal::new(false);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let sort = RwSignal::new("newest".to_string());

    let my_staff = Memo::new(move |_| state.current_user().and_then(|(_, u)| u.staff));
    let rows = Memo::new(move |_| {
        let now = state.now.get();
        state.settings.with(|settings| {
            state.tickets.with(|tickets| {
                tickets
                    .0
                    .iter()
                    .map(|t| Row::new(t, &settings.policy, &settings.calendar, now))
                    .collect::<Vec<_>>()
            })
        })
    });
    let filter = Memo::new(move |_| Filter {
        text: text.get(),
        state: match state_filter.get().as_str() {
            "all" => StateFilter::All,
            "open" => StateFilter::Open,
            other => State::ALL
                .into_iter()
                .find(|s| format!("{s:?}") == other)
                .map_or(StateFilter::Open, StateFilter::Only),
        },
        kind: KINDS.into_iter().find(|k| format!("{k:?}") == kind.get()),
        assignee: match mine.get() {
            true => my_staff.get().or(Some(crate::domain::ids::Id::NIL)),
            false => value_id(&assignee.get()),
        },
        unit: value_id(&unit.get()),
        overdue_only: overdue.get(),
        from: Date::parse(&from.get()),
        to: Date::parse(&to.get()),
    });
    let shown = Memo::new(move |_| {
        let sort = match sort.get().as_str() {
            "oldest" => Sort::Oldest,
            "urgency" => Sort::Urgency,
            "priority" => Sort::Priority,
            _ => Sort::Newest,
        };
        let filter = filter.get();
        state.data.with(|data| {
            state.settings.with(|settings| {
                rows.with(|rows| {
                    let in_unit = |ticket_unit: Option<Id>| match (filter.unit, ticket_unit) {
                        (Some(chosen), Some(unit)) => {
                            unit == chosen || unit_ancestors(unit, data).contains(&chosen)
                        }
                        _ => false,
                    };
                    select(rows, &filter, sort, &settings.calendar, in_unit)
                        .into_iter()
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
        })
    });

    let state_options = move || {
        let lang = state.lang.get();
        let mut options = vec![
            ("open".to_string(), state.t(Key::OpenTickets).to_string()),
            ("all".to_string(), state.t(Key::AllStates).to_string()),
        ];
        options.extend(
            State::ALL
                .into_iter()
                .map(|s| (format!("{s:?}"), state_name(lang, s).to_string())),
        );
        options
    };
    let kind_options = move || {
        let lang = state.lang.get();
        let mut options = vec![(String::new(), state.t(Key::AllKinds).to_string())];
        options.extend(
            KINDS
                .into_iter()
                .map(|k| (format!("{k:?}"), kind_name(lang, k).to_string())),
        );
        options
    };
    let assignee_options = move || staff_filter_options(state, Key::AnyAssignee);
    let unit_choices = move || {
        let mut options = vec![(String::new(), state.t(Key::AnyUnit).to_string())];
        options.extend(state.data.with(unit_options));
        options
    };
    let sort_options = move || {
        vec![
            ("newest".to_string(), state.t(Key::SortNewest).to_string()),
            ("oldest".to_string(), state.t(Key::SortOldest).to_string()),
            ("urgency".to_string(), state.t(Key::SortUrgency).to_string()),
            (
                "priority".to_string(),
                state.t(Key::SortPriority).to_string(),
            ),
        ]
    };
    let count = move || shown.with(Vec::len);

    view! {
        <section class="panel panel--list" data-page="tickets">
            <header class="panel__header">
                <h1>{tr(Key::Tickets)}</h1>
                <Show when=move || state.can(Action::RegisterTickets)>
                    <a class="button button--primary" href="/tickets/new" data-action="new-ticket">
                        {tr(Key::NewTicket)}
                    </a>
                </Show>
            </header>
            <div class="filters" role="search">
                <input class="input filters__search" type="search" name="search"
                    placeholder=tr(Key::SearchTickets)
                    aria-label=tr(Key::SearchTickets)
                    on:input=move |ev| text.set(event_target_value(&ev))
                    prop:value=move || text.get() />
                <SelectInput name="state" value=state_filter options=Signal::derive(state_options) label=Key::State />
                <SelectInput name="kind" value=kind options=Signal::derive(kind_options) label=Key::Kind />
                <SelectInput name="assignee" value=assignee options=Signal::derive(assignee_options) label=Key::Assignee />
                <SelectInput name="unit" value=unit options=Signal::derive(unit_choices) label=Key::Unit />
                <label class="filters__date">
                    <span>{tr(Key::ReceivedFrom)}</span>
                    <input class="input" type="date" name="from" bind:value=from />
                </label>
                <label class="filters__date">
                    <span>{tr(Key::ReceivedTo)}</span>
                    <input class="input" type="date" name="to" bind:value=to />
                </label>
                <label class="check">
                    <input type="checkbox" name="overdue" bind:checked=overdue />
                    {tr(Key::OverdueOnly)}
                </label>
                <label class="check">
                    <input type="checkbox" name="mine" bind:checked=mine />
                    {tr(Key::MyTickets)}
                </label>
                <SelectInput name="sort" value=sort options=Signal::derive(sort_options) label=Key::SortBy />
            </div>
            <p class="muted" data-fact="ticket-count" aria-live="polite">
                {move || crate::i18n::tickets::ticket_count(state.lang.get(), count())}
            </p>
            <Show when=move || { count() != 0 } fallback=move || view! { <p class="muted">{tr(Key::NoTicketsMatch)}</p> }>
                <VirtualList
                    len=Signal::derive(count)
                    row_height=ROW_HEIGHT
                    label=Signal::derive(move || state.t(Key::Tickets).to_string())
                    row=move |index| {
                        let row = shown.with(|rows| rows.get(index).cloned());
                        row.map(|row| view! { <TicketRow row=row /> }.into_any())
                            .unwrap_or_else(|| ().into_any())
                    }
                />
            </Show>
        </section>
    }
}

#[component]
fn TicketRow(row: Row) -> impl IntoView {
    let state = use_app_state();
    let lang = move || state.lang.get();
    let engineer = state.data.with_untracked(|d| staff_name(d, row.assignee));
    let received = state
        .settings
        .with_untracked(|s| s.calendar.format_local(row.received_at, ' '));
    let badge = row.badge;
    view! {
        <a class="ticket-row" href=format!("/tickets/{}", row.id) data-ticket=row.id.to_string()
            class:ticket-row--overdue=row.is_overdue()>
            <span class="ticket-row__main">
                <strong class="ticket-row__customer">{customer_name(state.lang.get_untracked(), &row.registration.customer)}</strong>
                <span class="ticket-row__phone">
                    <span class="ticket-row__number" data-fact="number">{row.registration.number.clone()}</span>
                    {mask_phone(&row.registration.customer.phone)}
                </span>
                <span class="ticket-row__text">{row.registration.description.clone()}</span>
            </span>
            <span class="ticket-row__meta">
                <span class="badge" data-state=format!("{:?}", row.state)>{move || state_name(lang(), row.state)}</span>
                <span>{move || kind_name(lang(), row.kind)}</span>
                <span>{move || priority_name(lang(), row.priority)}</span>
                {(row.reopen_count > 0).then(|| view! { <span class="badge badge--warning">{tr(Key::Reopened)}</span> })}
                {(row.conflicts > 0).then(|| view! { <span class="badge badge--danger">{tr(Key::Conflicts)}</span> })}
            </span>
            <span class="ticket-row__side">
                <SlaBadge badge=badge />
                <span class="muted">{received}</span>
                <span class="muted">{engineer}</span>
            </span>
        </a>
    }
}

/// The one SLA figure of a ticket: time left, overdue, paused, met or breached.
#[component]
pub fn SlaBadge(badge: Option<Badge>) -> impl IntoView {
    let state = use_app_state();
    let text = move || {
        let lang = state.lang.get();
        match badge {
            None => String::new(),
            Some(Badge::Overdue { by_ms }) => {
                format!("{} {}", state.t(Key::OverdueBy), duration(lang, by_ms))
            }
            Some(Badge::Due { left_ms }) => {
                format!("{} {}", state.t(Key::TimeLeft), duration(lang, left_ms))
            }
            Some(Badge::Paused { left_ms }) => {
                format!("{} {}", state.t(Key::Paused), duration(lang, left_ms))
            }
            Some(Badge::Breached) => state.t(Key::SlaBreached).to_string(),
            Some(Badge::Met) => state.t(Key::SlaMet).to_string(),
        }
    };
    let modifier = match badge {
        Some(Badge::Overdue { .. } | Badge::Breached) => "sla sla--late",
        Some(Badge::Due { left_ms }) if left_ms < 4 * 3_600_000 => "sla sla--soon",
        Some(Badge::Paused { .. }) => "sla sla--paused",
        _ => "sla",
    };
    view! { <span class=modifier data-sla=badge.map(badge_name).unwrap_or_default()>{text}</span> }
}

fn badge_name(badge: Badge) -> &'static str {
    match badge {
        Badge::Overdue { .. } => "Overdue",
        Badge::Due { .. } => "Due",
        Badge::Paused { .. } => "Paused",
        Badge::Breached => "Breached",
        Badge::Met => "Met",
    }
}
