//! Every ticket's events: an `EventLog` of `TicketEvent`s, and folding them into `Ticket`s.
//!
//! Owns: `TicketLog` and its folds. Must not: decide whether an event may be appended (that is `Ticket::check`) or
//! do IO.

use super::calendar::Calendar;
use super::clock::Stamp;
use super::event_log::{EventLog, LogEvent};
use super::ids::Id;
use super::ticket::{Happening, Ticket, TicketEvent};

pub type TicketLog = EventLog<TicketEvent>;

impl LogEvent for TicketEvent {
    fn id(&self) -> Id {
        self.id
    }

    fn owner(&self) -> Id {
        self.ticket
    }

    fn stamp(&self) -> Stamp {
        self.stamp
    }

    fn redacts(&self) -> bool {
        matches!(self.what, Happening::Anonymised { .. })
    }

    fn redact(&mut self, by: &Self) -> bool {
        self.redact_by(by)
    }
}

impl EventLog<TicketEvent> {
    pub fn contains_ticket(&self, ticket: Id) -> bool {
        self.contains_owner(ticket)
    }

    pub fn ticket_count(&self) -> usize {
        self.owner_count()
    }

    /// Every ticket as its events make it (a ticket whose registration has not arrived yet is left out).
    pub fn fold_all(&self, calendar: &Calendar) -> Vec<Ticket> {
        self.owners()
            .filter_map(|(_, events)| Ticket::fold(events, calendar))
            .collect()
    }

    pub fn fold(&self, ticket: Id, calendar: &Calendar) -> Option<Ticket> {
        Ticket::fold(self.events(ticket), calendar)
    }
}
