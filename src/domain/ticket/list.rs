//! The ticket list (R2.8, R3.3): one row per ticket with its SLA badge, and the search, filters and sorts of the
//! list screen; also each customer's service history (R2.3), found by phone number.
//!
//! Owns: `Row` (what the list shows and searches, computed once per ticket), `Badge` (the one SLA figure a row
//! shows: the most urgent clock), `Filter`, `Sort`, `select`, and `customer_history` / `known_customer`. Must
//! not: format for display (the screen does, in the user's language) or do IO.

use crate::domain::slug::slugs;
use std::sync::Arc;

use crate::domain::calendar::{Calendar, Date, Instant};
use crate::domain::contact::normalise_phone;
use crate::domain::ids::Id;
use crate::domain::sla::{ClockStanding, Policy, clocks};
use crate::domain::sorting;
use crate::domain::ticket::state::State;
use crate::domain::ticket::{Customer, Kind, Priority, Product, Registration, Ticket};

/// The SLA figure of a row: the most urgent of the ticket's clocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Badge {
    /// A clock is past its deadline (the largest overrun).
    Overdue { by_ms: i64 },
    /// The nearest deadline of the running clocks.
    Due { left_ms: i64 },
    /// On hold: the clock stands still with this much left.
    Paused { left_ms: i64 },
    /// Every clock stopped; at least one too late.
    Breached,
    /// Every clock stopped in time.
    Met,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: Id,
    pub received_at: Instant,
    /// Shared with the ticket: customer, product and description without copying them.
    pub registration: Arc<Registration>,
    pub kind: Kind,
    pub priority: Priority,
    pub state: State,
    pub assignee: Option<Id>,
    pub unit: Option<Id>,
    pub reopen_count: u32,
    pub conflicts: usize,
    /// None for a voided ticket (it has no clocks).
    pub badge: Option<Badge>,
    /// The earliest deadline still running, for sorting by urgency.
    pub next_deadline: Option<Instant>,
    /// Lower-cased text the search box looks in: ticket number (with and without its dashes), customer, phone,
    /// serial, order number, model, description.
    haystack: String,
}

impl Row {
    pub fn new(ticket: &Ticket, policy: &Policy, calendar: &Calendar, now: Instant) -> Row {
        let registration = &ticket.registration;
        let clocks = clocks(ticket, policy, calendar, now);
        let mut worst_overdue = None;
        let mut next = None;
        let mut paused = None;
        let mut breached = false;
        for clock in &clocks {
            match clock.standing {
                ClockStanding::Overdue { by_ms } => {
                    worst_overdue = worst_overdue.max(Some(by_ms));
                }
                ClockStanding::Running { .. } => {
                    next = Some(next.map_or(clock.deadline, |d: Instant| d.min(clock.deadline)));
                }
                ClockStanding::Paused { left_ms } => {
                    paused = Some(paused.map_or(left_ms, |p: i64| p.min(left_ms)));
                }
                ClockStanding::Breached { .. } => breached = true,
                ClockStanding::Met { .. } => {}
            }
        }
        let badge = match (worst_overdue, next, paused) {
            _ if clocks.is_empty() => None,
            (Some(by_ms), _, _) => Some(Badge::Overdue { by_ms }),
            (None, Some(deadline), _) => Some(Badge::Due {
                left_ms: deadline - now,
            }),
            (None, None, Some(left_ms)) => Some(Badge::Paused { left_ms }),
            (None, None, None) if breached => Some(Badge::Breached),
            (None, None, None) => Some(Badge::Met),
        };
        let number_unbroken = registration.number.replace('-', "");
        let haystack = [
            registration.number.as_str(),
            number_unbroken.as_str(),
            registration.customer.name.as_str(),
            registration.customer.phone.as_str(),
            registration.product.serial.as_str(),
            registration.order_number.as_str(),
            registration.product.model.as_str(),
            registration.product.category.as_str(),
            registration.description.as_str(),
        ]
        .join("\u{1f}")
        .to_lowercase();
        Row {
            id: ticket.id,
            received_at: registration.received_at,
            registration: Arc::clone(registration),
            kind: registration.kind,
            priority: registration.priority,
            state: ticket.state,
            assignee: ticket.assignee,
            unit: registration.unit,
            reopen_count: ticket.reopen_count,
            conflicts: ticket.conflicts.len(),
            badge,
            next_deadline: next,
            haystack,
        }
    }

    pub fn is_overdue(&self) -> bool {
        matches!(self.badge, Some(Badge::Overdue { .. }))
    }
}

/// Which states the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StateFilter {
    /// Still being worked on: not yet resolved (a resolved ticket waiting for the customer's confirmation is
    /// `Only(Resolved)`), not closed or voided.
    #[default]
    Open,
    All,
    Only(State),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all occur in customer, phone, serial, order number, model, category or description.
    pub text: String,
    pub state: StateFilter,
    pub kind: Option<Kind>,
    pub assignee: Option<Id>,
    /// Nobody dispatched yet (`assignee` is then ignored).
    pub unassigned: bool,
    /// The unit and every unit under it (`units` given to `select`).
    pub unit: Option<Id>,
    pub overdue_only: bool,
    /// Received on or after / on or before these local dates.
    pub from: Option<Date>,
    pub to: Option<Date>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    /// Overdue first (most overdue first), then by the nearest deadline; stopped clocks last.
    Urgency,
    /// Urgent first, then newest.
    Priority,
    /// By ticket number (tickets from before numbers last), then newest.
    Number,
    /// By customer name, then newest.
    Customer,
    /// In the order of the state machine (registered … voided), then newest.
    State,
    /// By kind, then newest.
    Kind,
    /// By the engineer's name (`select`'s `engineer_name`), unassigned last, then newest.
    Engineer,
}

slugs!(Sort {
    Newest => "newest",
    Oldest => "oldest",
    Urgency => "urgency",
    Priority => "priority",
    Number => "number",
    Customer => "customer",
    State => "state",
    Kind => "kind",
    Engineer => "engineer",
});

impl Sort {}

/// The list as a URL keeps it: the filter, "my tickets" and the sort. Only what differs from the defaults is
/// written, so a plain `/tickets` is the default list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub filter: Filter,
    /// Only the signed-in engineer's tickets (`filter.assignee` is set from it by the screen).
    pub mine: bool,
    pub sort: Sort,
}

impl ListQuery {
    /// Reads the URL's parameters (`get` answers one by name); anything that does not read is left at its default.
    pub fn from_params<'a>(get: impl Fn(&str) -> Option<&'a str>) -> ListQuery {
        let flag = |name: &str| get(name) == Some("1");
        let state = match get("state") {
            Some("all") => StateFilter::All,
            Some(other) => State::from_slug(other).map_or(StateFilter::Open, StateFilter::Only),
            None => StateFilter::Open,
        };
        let id = |name: &str| get(name).and_then(|text| text.parse::<Id>().ok());
        ListQuery {
            filter: Filter {
                text: get("q").unwrap_or_default().to_string(),
                state,
                kind: get("kind").and_then(Kind::from_slug),
                assignee: id("assignee"),
                unassigned: get("assignee") == Some("none"),
                unit: id("unit"),
                overdue_only: flag("overdue"),
                from: get("from").and_then(Date::parse),
                to: get("to").and_then(Date::parse),
            },
            mine: flag("mine"),
            sort: get("sort").and_then(Sort::from_slug).unwrap_or_default(),
        }
    }

    /// The parameters that differ from the defaults, in a fixed order.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let f = &self.filter;
        let mut params = Vec::new();
        if !f.text.trim().is_empty() {
            params.push(("q", f.text.clone()));
        }
        match f.state {
            StateFilter::Open => {}
            StateFilter::All => params.push(("state", "all".into())),
            StateFilter::Only(state) => params.push(("state", state.slug().to_string())),
        }
        if let Some(kind) = f.kind {
            params.push(("kind", kind.slug().to_string()));
        }
        match (f.unassigned, f.assignee) {
            (true, _) => params.push(("assignee", "none".into())),
            (false, Some(id)) if !self.mine => params.push(("assignee", id.to_string())),
            _ => {}
        }
        if let Some(unit) = f.unit {
            params.push(("unit", unit.to_string()));
        }
        if f.overdue_only {
            params.push(("overdue", "1".into()));
        }
        if self.mine {
            params.push(("mine", "1".into()));
        }
        if let Some(from) = f.from {
            params.push(("from", from.to_string()));
        }
        if let Some(to) = f.to {
            params.push(("to", to.to_string()));
        }
        if self.sort != Sort::Newest {
            params.push(("sort", self.sort.slug().into()));
        }
        params
    }
}

/// The rows that pass `filter`, in `sort` order. `in_unit` answers whether a ticket's unit lies in the chosen
/// unit's subtree.
pub fn select<'a>(
    rows: &'a [Row],
    filter: &Filter,
    sort: Sort,
    calendar: &Calendar,
    in_unit: impl Fn(Option<Id>) -> bool,
    engineer_name: impl Fn(Id) -> String,
) -> Vec<&'a Row> {
    let words: Vec<String> = filter
        .text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let phone_words: Vec<String> = words
        .iter()
        .map(|w| normalise_phone(w))
        .filter(|w| w.len() >= 3)
        .collect();
    let mut out: Vec<&Row> = rows
        .iter()
        .filter(|row| match filter.state {
            StateFilter::Open => row.state.being_worked_on(),
            StateFilter::All => true,
            StateFilter::Only(state) => row.state == state,
        })
        .filter(|row| filter.kind.is_none_or(|k| row.kind == k))
        .filter(|row| match filter.unassigned {
            true => row.assignee.is_none(),
            false => filter.assignee.is_none_or(|a| row.assignee == Some(a)),
        })
        .filter(|row| filter.unit.is_none() || in_unit(row.unit))
        .filter(|row| !filter.overdue_only || row.is_overdue())
        .filter(|row| {
            let day = calendar.local_date(row.received_at);
            filter.from.is_none_or(|from| day >= from) && filter.to.is_none_or(|to| day <= to)
        })
        .filter(|row| {
            words.iter().all(|w| row.haystack.contains(w.as_str()))
                || (!phone_words.is_empty()
                    && phone_words
                        .iter()
                        .all(|w| row.registration.customer.phone.contains(w.as_str())))
        })
        .collect();
    match sort {
        Sort::Newest => sorting::by_key(&mut out, |r| (std::cmp::Reverse(r.received_at), r.id)),
        Sort::Oldest => sorting::by_key(&mut out, |r| (r.received_at, r.id)),
        Sort::Urgency => sorting::by_key(&mut out, |r| (urgency(r), r.received_at, r.id)),
        Sort::Priority => sorting::by_key(&mut out, |r| {
            (
                std::cmp::Reverse(r.priority),
                std::cmp::Reverse(r.received_at),
                r.id,
            )
        }),
        Sort::Number => sorting::by(&mut out, |a, b| {
            let key = |r: &Row| {
                (
                    r.registration.number.is_empty(),
                    std::cmp::Reverse(r.received_at),
                    r.id,
                )
            };
            (number_key(a), key(a)).cmp(&(number_key(b), key(b)))
        }),
        Sort::Customer => sorting::by(&mut out, |a, b| {
            let key = |r: &Row| (std::cmp::Reverse(r.received_at), r.id);
            (&a.registration.customer.name, key(a)).cmp(&(&b.registration.customer.name, key(b)))
        }),
        Sort::State => sorting::by_key(&mut out, |r| {
            (r.state, std::cmp::Reverse(r.received_at), r.id)
        }),
        Sort::Kind => sorting::by_key(&mut out, |r| {
            (r.kind, std::cmp::Reverse(r.received_at), r.id)
        }),
        Sort::Engineer => sorting::by_cached_key(&mut out, |r| {
            let name = r.assignee.map(&engineer_name);
            (name.is_none(), name, std::cmp::Reverse(r.received_at), r.id)
        }),
    }
    out
}

/// A number as it sorts: by day, then device code, then sequence as a number (…-99 before …-100).
fn number_key(row: &Row) -> (&str, &str, u32) {
    match crate::domain::ticket::number::parse(&row.registration.number) {
        Some(parts) => (parts.day, parts.code, parts.sequence),
        None => ("", "", 0),
    }
}

/// Smaller is more urgent.
fn urgency(row: &Row) -> (u8, i64) {
    match row.badge {
        Some(Badge::Overdue { by_ms }) => (0, -by_ms),
        Some(Badge::Due { left_ms }) => (1, left_ms),
        Some(Badge::Paused { left_ms }) => (2, left_ms),
        Some(Badge::Breached | Badge::Met) | None => (3, 0),
    }
}

/// A customer's tickets, newest first, found by phone number (any spelling: spaces, dashes, +86).
pub fn customer_history<'a>(tickets: &'a [Ticket], phone: &str) -> Vec<&'a Ticket> {
    let phone = normalise_phone(phone);
    if phone.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<&Ticket> = tickets
        .iter()
        .filter(|t| t.registration.customer.phone == phone)
        .collect();
    sorting::by_key(&mut found, |t| {
        std::cmp::Reverse((t.registration.received_at, t.id))
    });
    found
}

/// What intake can fill in from a known phone number: the customer as last registered and each product they
/// have had serviced (latest registration of each serial or model first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownCustomer {
    pub customer: Customer,
    pub products: Vec<Product>,
    pub tickets: usize,
}

pub fn known_customer(tickets: &[Ticket], phone: &str) -> Option<KnownCustomer> {
    let history = customer_history(tickets, phone);
    let latest = history.first()?;
    let mut products: Vec<Product> = Vec::new();
    for ticket in &history {
        let product = &ticket.registration.product;
        let same = |p: &Product| match product.serial.is_empty() {
            true => p.model == product.model && p.serial.is_empty(),
            false => p.serial == product.serial,
        };
        let named = !product.model.is_empty() || !product.serial.is_empty();
        if named && !products.iter().any(same) {
            products.push(product.clone());
        }
    }
    Some(KnownCustomer {
        customer: latest.registration.customer.clone(),
        products,
        tickets: history.len(),
    })
}
