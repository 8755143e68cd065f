//! Every ticket's events, as the set they are: merging two devices' histories is the union of their events
//! (DESIGN.md "Data"), so applying an event is idempotent, commutative and associative by construction.
//!
//! Owns: `TicketLog` (events grouped by ticket, each ticket's kept in clock-stamp order so two logs holding the
//! same events are equal whatever order they arrived in) and folding them all into `Ticket`s. Must not: decide
//! whether an event may be appended (that is `Ticket::check`) or do IO.

use std::collections::BTreeMap;

use super::calendar::Calendar;
use super::ids::Id;
use super::ticket::{Ticket, TicketEvent};

#[derive(Clone, Debug, Default)]
pub struct TicketLog {
    by_ticket: BTreeMap<Id, Vec<TicketEvent>>,
    event_count: usize,
}

impl PartialEq for TicketLog {
    /// Two logs are equal when they hold the same events (the count follows from them).
    fn eq(&self, other: &Self) -> bool {
        self.by_ticket == other.by_ticket
    }
}

impl Eq for TicketLog {}

impl TicketLog {
    /// Adds `event` unless it is already held; `true` if it was new. An event never changes once written, so a
    /// copy has the same ticket, stamp and id, and lands on itself in its ticket's sorted events: no set of every
    /// id is needed (keeping one cost an eighth of opening 100k tickets in cache misses).
    pub fn insert(&mut self, event: TicketEvent) -> bool {
        let events = self.by_ticket.entry(event.ticket).or_default();
        let key = (event.stamp, event.id);
        let at = events.partition_point(|e| (e.stamp, e.id) < key);
        if events.get(at).is_some_and(|e| (e.stamp, e.id) == key) {
            return false;
        }
        events.insert(at, event);
        self.event_count += 1;
        true
    }

    /// One ticket's events in clock-stamp order (empty for an unknown ticket).
    pub fn events(&self, ticket: Id) -> &[TicketEvent] {
        self.by_ticket.get(&ticket).map_or(&[], Vec::as_slice)
    }

    pub fn contains_ticket(&self, ticket: Id) -> bool {
        self.by_ticket.contains_key(&ticket)
    }

    /// Every event, ticket by ticket.
    pub fn all_events(&self) -> impl Iterator<Item = &TicketEvent> + '_ {
        self.by_ticket.values().flatten()
    }

    pub fn event_count(&self) -> usize {
        self.event_count
    }

    pub fn ticket_count(&self) -> usize {
        self.by_ticket.len()
    }

    /// Every ticket as its events make it (a ticket whose registration has not arrived yet is left out).
    pub fn fold_all(&self, calendar: &Calendar) -> Vec<Ticket> {
        self.by_ticket
            .values()
            .filter_map(|events| Ticket::fold(events, calendar))
            .collect()
    }

    pub fn fold(&self, ticket: Id, calendar: &Calendar) -> Option<Ticket> {
        Ticket::fold(self.events(ticket), calendar)
    }
}
