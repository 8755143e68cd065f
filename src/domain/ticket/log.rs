//! Every ticket's events: an `EventLog` of `TicketEvent`s, and folding them into `Ticket`s.
//!
//! Owns: `TicketLog` and its folds, and `FoldedTickets` — every ticket folded, kept with what it was folded from so
//! that the next fold after an edit refolds only the tickets whose events changed (issue 19: at 100,000 tickets a
//! whole fold is 180 ms natively, on every save). Must not: decide whether an event may be appended (that is
//! `Ticket::check`) or do IO.

use std::ops::Deref;

use crate::domain::calendar::Calendar;
use crate::domain::clock::Stamp;
use crate::domain::event_log::{EventLog, Lineage, LogEvent};
use crate::domain::ids::Id;
use crate::domain::ticket::{Happening, Ticket, TicketEvent};

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

    /// The ticket's number (工单号) as registered; `None` for an unknown ticket or one registered before numbers.
    pub fn number_of(&self, ticket: Id) -> Option<&str> {
        crate::domain::ticket::number::registered_number(self.events(ticket))
            .map(|(number, _)| number)
    }

    /// The ticket a typed reference names: its number (工单号, as shown everywhere) or its id (what a link from the
    /// ticket fills in). `None` when no ticket here has it.
    pub fn find_reference(&self, typed: &str) -> Option<Id> {
        let typed = typed.trim();
        if let Some(id) = typed
            .parse::<Id>()
            .ok()
            .filter(|id| self.contains_ticket(*id))
        {
            return Some(id);
        }
        self.owners().map(|(id, _)| id).find(|id| {
            self.number_of(*id)
                .is_some_and(|number| number.eq_ignore_ascii_case(typed))
        })
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

/// Every ticket as its events make it, in id order (as `fold_all` gives them), with what they were folded from.
#[derive(Clone, Debug, Default)]
pub struct FoldedTickets {
    tickets: Vec<Ticket>,
    basis: Option<Basis>,
}

/// What a fold was made from: a log (its lineage and revision then) and the calendar the clocks ran on.
#[derive(Clone, Debug)]
struct Basis {
    lineage: Lineage,
    revision: u64,
    calendar: Calendar,
}

impl Deref for FoldedTickets {
    type Target = [Ticket];

    fn deref(&self) -> &[Ticket] {
        &self.tickets
    }
}

impl FoldedTickets {
    /// Every ticket of `log`, folded.
    pub fn fold(log: &TicketLog, calendar: &Calendar) -> FoldedTickets {
        FoldedTickets {
            tickets: log.fold_all(calendar),
            basis: Some(Basis {
                lineage: log.lineage(),
                revision: log.revision(),
                calendar: calendar.clone(),
            }),
        }
    }

    /// Whether this fold is of `log` as it is now, on `calendar`: nothing to refold.
    pub fn is_current(&self, log: &TicketLog, calendar: &Calendar) -> bool {
        self.basis.as_ref().is_some_and(|basis| {
            basis.lineage == log.lineage()
                && basis.revision == log.revision()
                && basis.calendar == *calendar
        })
    }

    /// This fold brought up to `log` as it is now: only the tickets whose events changed since are folded again,
    /// when it was folded from this same log on the same calendar; otherwise every ticket is.
    pub fn refolded(mut self, log: &TicketLog, calendar: &Calendar) -> FoldedTickets {
        let since = match &self.basis {
            Some(basis) if basis.lineage == log.lineage() && basis.calendar == *calendar => {
                basis.revision
            }
            _ => return FoldedTickets::fold(log, calendar),
        };
        for (id, events) in log.owners_changed_after(since) {
            let at = self.tickets.binary_search_by_key(&id, |t| t.id);
            match (at, Ticket::fold(events, calendar)) {
                (Ok(at), Some(ticket)) => self.tickets[at] = ticket,
                (Ok(at), None) => {
                    self.tickets.remove(at);
                }
                (Err(at), Some(ticket)) => self.tickets.insert(at, ticket),
                (Err(_), None) => {}
            }
        }
        if let Some(basis) = &mut self.basis {
            basis.revision = log.revision();
        }
        self
    }
}
