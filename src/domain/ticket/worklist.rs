//! The work waiting for each role, as the home screen (工作台) lists it: an engineer's day (to visit, overdue,
//! waiting for the customer's survey), the queue nobody is dispatched to yet, the tickets at risk of missing a
//! service level, and the bad reviews waiting for their follow-up (回访/处理, S9 四.2).
//!
//! Owns: which tickets belong in each list and their order. Must not: decide a ticket's state, its clocks or what a
//! bad review is (the fold, `sla` and `survey` do), or know who is signed in beyond the staff id it is given.

use crate::domain::calendar::{Calendar, Instant};
use crate::domain::ids::Id;
use crate::domain::sla::Policy;
use crate::domain::sorting;
use crate::domain::ticket::Ticket;
use crate::domain::ticket::list::{Badge, Row};
use crate::domain::ticket::state::State;

/// A service level due within this much is "at risk" (half a working day).
pub const AT_RISK_MS: i64 = 4 * 3_600_000;
/// A ticket resolved longer ago than this no longer waits for its survey on the engineer's home.
pub const SURVEY_WAIT_MS: i64 = 14 * 24 * 3_600_000;

/// The lists of the home screen, each in the order it is worked through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Worklist {
    /// An engineer's open tickets, the most urgent first (overdue, then the nearest deadline).
    pub mine: Vec<Row>,
    /// Of `mine`: a visit is still to be made (assigned, or in progress before arriving).
    pub to_visit: usize,
    /// Of `mine`: past a service level.
    pub overdue: usize,
    /// The engineer's tickets resolved in the last `SURVEY_WAIT_MS` whose customer has not answered the survey.
    pub awaiting_survey: Vec<Row>,
    /// Registered or triaged, nobody dispatched: the oldest first.
    pub unassigned: Vec<Row>,
    /// Open tickets past a service level or due within `AT_RISK_MS`: the most urgent first.
    pub at_risk: Vec<Row>,
    /// Tickets whose bad review waits for its follow-up: the oldest review first.
    pub bad_reviews: Vec<Row>,
}

/// Whether `ticket`'s customer is still to be asked: its work done within `SURVEY_WAIT_MS`, no answer yet (the
/// engineer's "waiting for a survey", and the ticket screen's survey put first).
pub fn awaits_survey(ticket: &Ticket, now: Instant) -> bool {
    ticket.work_done()
        && ticket.survey.is_none()
        && ticket
            .resolved_at
            .is_some_and(|at| now - at <= SURVEY_WAIT_MS)
}

/// The lists for `staff` (the signed-in person's staff record, for "mine"), over every folded ticket at `now`.
pub fn worklist(
    tickets: &[Ticket],
    staff: Option<Id>,
    policy: &Policy,
    calendar: &Calendar,
    now: Instant,
) -> Worklist {
    let mut list = Worklist::default();
    let mut bad_reviews: Vec<(Instant, Row)> = Vec::new();
    for ticket in tickets {
        // Still being worked on: not resolved, confirmed, closed or voided.
        let open = ticket.state.being_worked_on() && !ticket.anonymised;
        let mine = staff.is_some() && ticket.assignee == staff;
        let awaiting_survey = mine && awaits_survey(ticket, now);
        let bad_review = ticket.bad_review_follow_up_open() && !ticket.anonymised;
        let relevant = open || awaiting_survey || bad_review;
        if !relevant {
            continue;
        }
        let row = Row::new(ticket, policy, calendar, now);
        if bad_review && let Some(survey) = &ticket.survey {
            bad_reviews.push((survey.answered_at, row.clone()));
        }
        if awaiting_survey {
            list.awaiting_survey.push(row.clone());
        }
        if !open {
            continue;
        }
        if mine {
            if ticket.arrived_at.is_none() {
                list.to_visit += 1;
            }
            if row.is_overdue() {
                list.overdue += 1;
            }
            list.mine.push(row.clone());
        }
        if ticket.assignee.is_none() && matches!(ticket.state, State::Registered | State::Triaged) {
            list.unassigned.push(row.clone());
        }
        let at_risk = match row.badge {
            Some(Badge::Overdue { .. }) => true,
            Some(Badge::Due { left_ms }) => left_ms <= AT_RISK_MS,
            _ => false,
        };
        if at_risk {
            list.at_risk.push(row);
        }
    }
    sorting::by_key(&mut list.mine, urgency);
    sorting::by_key(&mut list.at_risk, urgency);
    sorting::by_key(&mut list.unassigned, |row| (row.received_at, row.id));
    sorting::by_key(&mut list.awaiting_survey, |row| (row.received_at, row.id));
    sorting::by_key(&mut bad_reviews, |(answered, row)| (*answered, row.id));
    list.bad_reviews = bad_reviews.into_iter().map(|(_, row)| row).collect();
    list
}

/// Overdue first (the longest overrun first), then the nearest deadline, then the rest by age.
fn urgency(row: &Row) -> (u8, i64, Instant, Id) {
    match row.badge {
        Some(Badge::Overdue { by_ms }) => (0, -by_ms, row.received_at, row.id),
        _ => match row.next_deadline {
            Some(deadline) => (1, deadline, row.received_at, row.id),
            None => (2, 0, row.received_at, row.id),
        },
    }
}
