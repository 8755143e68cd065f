//! 工单列表 (R2.8, R3.3): search, filters, sort by any column, "my tickets", an SLA badge per row, virtual scrolling
//! so ten thousand tickets stay smooth, and the rows shown exported as CSV or a spreadsheet. The filters and the
//! sort live in the URL (`ListQuery`), so coming back to the list — or sharing its link — finds it as it was, at the
//! same scroll position. Customer phones are masked (R10.2).
//!
//! Must not: compute a badge or decide what matches (`domain::ticket::list` does); it only lays rows out.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::calendar::Date;
use crate::domain::contact::mask_phone;
use crate::domain::ids::Id;
use crate::domain::org::unit_ancestors;
use crate::domain::ticket::Kind;
use crate::domain::ticket::list::{Badge, Filter, ListQuery, Row, Sort, StateFilter, select};
use crate::domain::ticket::state::State;
use crate::export::{Cell, Table};
use crate::i18n::Key;
use crate::i18n::tickets::{customer_name, duration, kind_name, priority_name, state_name};
use crate::ui::components::export::ExportButtons;
use crate::ui::components::form::{SelectInput, id_value, value_id};
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::routes::{staff_filter_options, staff_name, unit_name, unit_options};
use crate::ui::state::{tr, use_app_state};

/// Height of one row in pixels: the virtual list places rows by it.
pub const ROW_HEIGHT: u32 = 76;

thread_local! {
    /// The list's last query and scroll position, so coming back to the same list opens where it was left.
    static LEFT_AT: std::cell::RefCell<(String, u32)> = const { std::cell::RefCell::new((String::new(), 0)) };
}

#[component]
pub fn TicketsPage() -> impl IntoView {
    let state = use_app_state();
    // The URL's filters (`?q=…&state=…&sort=…`): a link from elsewhere, or this list as it was left.
    let opened = leptos_router::hooks::use_query_map()
        .with_untracked(|q| ListQuery::from_params(|name| q.get_str(name)));
    let f = &opened.filter;
    let text = RwSignal::new(f.text.clone());
    let state_filter = RwSignal::new(match f.state {
        StateFilter::Open => "open".to_string(),
        StateFilter::All => "all".to_string(),
        StateFilter::Only(s) => s.slug().to_string(),
    });
    let kind = RwSignal::new(f.kind.map(|k| k.slug().to_string()).unwrap_or_default());
    let assignee = RwSignal::new(match f.unassigned {
        true => UNASSIGNED.to_string(),
        false => id_value(f.assignee),
    });
    let unit = RwSignal::new(id_value(f.unit));
    let overdue = RwSignal::new(f.overdue_only);
    let mine = RwSignal::new(opened.mine);
    let from = RwSignal::new(f.from.map(|d| d.to_string()).unwrap_or_default());
    let to = RwSignal::new(f.to.map(|d| d.to_string()).unwrap_or_default());
    let sort = RwSignal::new(opened.sort.slug().to_string());

    // What "no ticket matches" offers: the list as it opens (the open tickets) — or, when that is what shows
    // nothing, every ticket, closed ones too.
    let clear_filters = move || {
        let as_opened = text.with_untracked(String::is_empty)
            && state_filter.with_untracked(|s| s == "open")
            && [kind, assignee, unit, from, to]
                .iter()
                .all(|filter| filter.with_untracked(String::is_empty))
            && !overdue.get_untracked()
            && !mine.get_untracked();
        text.set(String::new());
        state_filter.set(if as_opened { "all" } else { "open" }.to_string());
        kind.set(String::new());
        assignee.set(String::new());
        unit.set(String::new());
        overdue.set(false);
        mine.set(false);
        from.set(String::new());
        to.set(String::new());
    };

    let my_staff = Memo::new(move |_| state.current_user().and_then(|(_, u)| u.staff));
    let rows = state.ticket_rows;
    let query = Memo::new(move |_| ListQuery {
        filter: Filter {
            text: text.get(),
            state: match state_filter.get().as_str() {
                "all" => StateFilter::All,
                "open" => StateFilter::Open,
                other => State::from_slug(other).map_or(StateFilter::Open, StateFilter::Only),
            },
            kind: Kind::from_slug(&kind.get()),
            assignee: match mine.get() {
                true => my_staff.get().or(Some(crate::domain::ids::Id::NIL)),
                false => value_id(&assignee.get()),
            },
            unassigned: !mine.get() && assignee.get() == UNASSIGNED,
            unit: value_id(&unit.get()),
            overdue_only: overdue.get(),
            from: Date::parse(&from.get()),
            to: Date::parse(&to.get()),
        },
        mine: mine.get(),
        sort: Sort::from_slug(&sort.get()).unwrap_or_default(),
    });
    // The URL follows the filters (replacing, so "back" leaves the list rather than undoing a filter).
    let navigate = leptos_router::hooks::use_navigate();
    let search_of = move |query: &ListQuery| {
        let params: Vec<String> = query
            .to_params()
            .into_iter()
            .map(|(name, value)| format!("{name}={}", encode_component(&value)))
            .collect();
        params.join("&")
    };
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    Effect::new(move |_| {
        let search = query.with(search_of);
        let here = leptos_router::hooks::use_location().search.get_untracked();
        if here.trim_start_matches('?') != search {
            let url = match search.is_empty() {
                true => path.clone(),
                false => format!("{path}?{search}"),
            };
            navigate(
                &url,
                leptos_router::NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    });
    // Back at the list as it was left: at the same place.
    let position = RwSignal::new(LEFT_AT.with(|left| {
        let left = left.borrow();
        match query.with_untracked(search_of) == left.0 {
            true => left.1,
            false => 0,
        }
    }));
    on_cleanup(move || {
        let search = query.with_untracked(search_of);
        let top = position.get_untracked();
        LEFT_AT.with(|left| *left.borrow_mut() = (search, top));
    });
    let shown = Memo::new(move |_| {
        let ListQuery { filter, sort, .. } = query.get();
        state.data.with(|data| {
            state.settings.with(|settings| {
                rows.with(|rows| {
                    let rows = &rows.0;
                    let in_unit = |ticket_unit: Option<Id>| match (filter.unit, ticket_unit) {
                        (Some(chosen), Some(unit)) => {
                            unit == chosen || unit_ancestors(unit, data).contains(&chosen)
                        }
                        _ => false,
                    };
                    let engineer_name = |id: Id| staff_name(data, Some(id));
                    select(
                        rows,
                        &filter,
                        sort,
                        &settings.calendar,
                        in_unit,
                        engineer_name,
                    )
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
                .map(|s| (s.slug().to_string(), state_name(lang, s).to_string())),
        );
        options
    };
    let kind_options = move || {
        let lang = state.lang.get();
        let mut options = vec![(String::new(), state.t(Key::AllKinds).to_string())];
        options.extend(
            Kind::ALL
                .into_iter()
                .map(|k| (k.slug().to_string(), kind_name(lang, k).to_string())),
        );
        options
    };
    let assignee_options = move || {
        let mut options = staff_filter_options(state, Key::AnyAssignee);
        options.insert(
            1,
            (UNASSIGNED.to_string(), state.t(Key::Unassigned).to_string()),
        );
        options
    };
    let unit_choices = move || {
        let mut options = vec![(String::new(), state.t(Key::AnyUnit).to_string())];
        options.extend(state.data.with(unit_options));
        options
    };
    let sort_options = move || {
        Sort::ALL
            .into_iter()
            .map(|sort| {
                (
                    sort.slug().to_string(),
                    state.t(sort_label(sort)).to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let export = Signal::derive(move || {
        let lang = state.lang.get();
        shown.with(|rows| {
            state
                .data
                .with(|data| export_table(lang, data, state, rows))
        })
    });
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
            <Show when=move || { count() != 0 } fallback=move || view! {
                <div class="empty" data-empty="tickets">
                    <p class="empty__text">{tr(Key::NoTicketsMatch)}</p>
                    <button class="button" type="button" name="clear-filters" on:click=move |_| clear_filters()>{tr(Key::ClearFilters)}</button>
                    <Show when=move || state.can(Action::RegisterTickets)>
                        <a class="button button--primary" href="/tickets/new">{tr(Key::NewTicket)}</a>
                    </Show>
                </div>
            }>
                <VirtualList
                    len=Signal::derive(count)
                    position=position
                    row_height=ROW_HEIGHT
                    label=Signal::derive(move || state.t(Key::Tickets).to_string())
                    row=move |index| {
                        let row = shown.with(|rows| rows.get(index).cloned());
                        row.map(|row| view! { <TicketRow row=row /> }.into_any())
                            .unwrap_or_else(|| ().into_any())
                    }
                />
            </Show>
            <ExportButtons name="tickets" table=export />
        </section>
    }
}

#[component]
pub fn TicketRow(row: Row) -> impl IntoView {
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
                <span class="badge" data-state=row.state.slug().to_string()>{move || state_name(lang(), row.state)}</span>
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

/// The assignee filter's value for "nobody dispatched yet".
const UNASSIGNED: &str = "none";

/// A URL query value percent-encoded (what is not a letter, digit or `-_.~`).
fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn sort_label(sort: Sort) -> Key {
    match sort {
        Sort::Newest => Key::SortNewest,
        Sort::Oldest => Key::SortOldest,
        Sort::Urgency => Key::SortUrgency,
        Sort::Priority => Key::SortPriority,
        Sort::Number => Key::TicketNumber,
        Sort::Customer => Key::CustomerName,
        Sort::State => Key::State,
        Sort::Kind => Key::Kind,
        Sort::Engineer => Key::Assignee,
    }
}

/// The rows shown, as a table to export: what each row says, with the phone masked as on screen.
fn export_table(
    lang: crate::i18n::Lang,
    data: &crate::domain::dataset::Dataset,
    state: crate::ui::state::AppState,
    rows: &[Row],
) -> Table {
    let t = |key: Key| key.text(lang).to_string();
    let mut table = Table::new(vec![
        t(Key::TicketNumber),
        t(Key::ReceivedAt),
        t(Key::CustomerName),
        t(Key::CustomerPhone),
        t(Key::Kind),
        t(Key::SortPriority),
        t(Key::State),
        t(Key::ServiceLevels),
        t(Key::Assignee),
        t(Key::Unit),
        t(Key::Description),
    ]);
    for row in rows {
        let r = &row.registration;
        table.rows.push(vec![
            Cell::Text(r.number.clone()),
            Cell::Text(state.local_time(row.received_at)),
            Cell::Text(customer_name(lang, &r.customer).to_string()),
            Cell::Text(mask_phone(&r.customer.phone)),
            Cell::Text(kind_name(lang, row.kind).to_string()),
            Cell::Text(priority_name(lang, row.priority).to_string()),
            Cell::Text(state_name(lang, row.state).to_string()),
            Cell::Text(badge_text(lang, row.badge)),
            Cell::Text(staff_name(data, row.assignee)),
            Cell::Text(unit_name(data, row.unit)),
            Cell::Text(r.description.clone()),
        ]);
    }
    table
}

/// A badge in words (time left, overdue by …).
fn badge_text(lang: crate::i18n::Lang, badge: Option<Badge>) -> String {
    let t = |key: Key| key.text(lang);
    match badge {
        None => String::new(),
        Some(Badge::Overdue { by_ms }) => {
            format!("{} {}", t(Key::OverdueBy), duration(lang, by_ms))
        }
        Some(Badge::Due { left_ms }) => format!("{} {}", t(Key::TimeLeft), duration(lang, left_ms)),
        Some(Badge::Paused { left_ms }) => {
            format!("{} {}", t(Key::Paused), duration(lang, left_ms))
        }
        Some(Badge::Breached) => t(Key::SlaBreached).to_string(),
        Some(Badge::Met) => t(Key::SlaMet).to_string(),
    }
}

/// The one SLA figure of a ticket: time left, overdue, paused, met or breached.
#[component]
pub fn SlaBadge(badge: Option<Badge>) -> impl IntoView {
    let state = use_app_state();
    let text = move || badge_text(state.lang.get(), badge);
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
