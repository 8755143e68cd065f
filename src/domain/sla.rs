//! Service levels (R3): policies per kind and priority, and each ticket's clocks on the business calendar —
//! deadline, met or breached, time left or overdue — with the clock stopped while the ticket is on hold.
//!
//! Owns: `Target` (clock hours, business hours, or working days), `Policy` with the seed's defaults (first
//! response ≤ 24 h, S9 六.1 / S11; complaint verified ≤ 3 working days, S9 四.2; on site by the customer's
//! requested time, S13 三.4; a resolution target per kind), and `clocks`. Must not: store any of it — clocks
//! are computed from the ticket's events and the calendar every time (R5.3: same records, same figures).

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, Instant, MINUTE_MS};
use super::ticket::{Kind, Priority, Ticket};
use crate::domain::ticket::state::State;

const HOUR_MS: i64 = 60 * MINUTE_MS;

/// How long a promise is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "amount")]
pub enum Target {
    /// Hours on the wall clock.
    ClockHours(u32),
    /// Hours inside the calendar's working hours.
    BusinessHours(u32),
    /// By the close of the N-th working day after the day it started.
    WorkingDays(u32),
}

/// A resolution target for a kind, optionally for one priority only (the more specific rule wins).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResolutionRule {
    pub kind: Kind,
    pub priority: Option<Priority>,
    pub target: Target,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Policy {
    pub first_response: Target,
    pub complaint_verification: Target,
    /// Whether the customer's requested visit time is a deadline for being on site.
    pub on_site_by_requested_time: bool,
    pub resolution: Vec<ResolutionRule>,
    /// For a kind no rule names.
    pub default_resolution: Target,
}

impl Default for Policy {
    fn default() -> Self {
        let rule = |kind, priority, target| ResolutionRule {
            kind,
            priority,
            target,
        };
        Policy {
            first_response: Target::ClockHours(24),
            complaint_verification: Target::WorkingDays(3),
            on_site_by_requested_time: true,
            resolution: vec![
                rule(Kind::Repair, Some(Priority::Urgent), Target::ClockHours(24)),
                rule(Kind::Repair, None, Target::WorkingDays(3)),
                rule(Kind::Installation, None, Target::WorkingDays(2)),
                rule(Kind::Replacement, None, Target::WorkingDays(5)),
                rule(Kind::Return, None, Target::WorkingDays(5)),
                rule(Kind::Consultation, None, Target::BusinessHours(8)),
                rule(Kind::Complaint, None, Target::WorkingDays(5)),
                rule(Kind::Training, None, Target::WorkingDays(10)),
                rule(Kind::FollowUp, None, Target::WorkingDays(5)),
            ],
            default_resolution: Target::WorkingDays(5),
        }
    }
}

impl Policy {
    pub fn resolution_target(&self, kind: Kind, priority: Priority) -> Target {
        let exact = self
            .resolution
            .iter()
            .find(|r| r.kind == kind && r.priority == Some(priority));
        let for_kind = || {
            self.resolution
                .iter()
                .find(|r| r.kind == kind && r.priority.is_none())
        };
        exact
            .or_else(for_kind)
            .map_or(self.default_resolution, |r| r.target)
    }
}

/// What a clock measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    FirstResponse,
    ComplaintVerification,
    OnSite,
    Resolution,
    /// A complaint's solution by the day promised to the customer (`Happening::Promised`): the end of that day.
    Promised,
}

slugs!(Measure {
    FirstResponse => "FirstResponse",
    ComplaintVerification => "ComplaintVerification",
    OnSite => "OnSite",
    Resolution => "Resolution",
    Promised => "Promised",
});

/// Where a clock stands at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockStanding {
    /// Done in time, this much before the deadline.
    Met { margin_ms: i64 },
    /// Done, but this much late.
    Breached { late_ms: i64 },
    /// Not done yet; this much wall time is left.
    Running { left_ms: i64 },
    /// Not done and past the deadline by this much.
    Overdue { by_ms: i64 },
    /// Not done and on hold: the clock stands still.
    Paused { left_ms: i64 },
}

impl ClockStanding {
    pub fn is_breach(self) -> bool {
        matches!(
            self,
            ClockStanding::Breached { .. } | ClockStanding::Overdue { .. }
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub measure: Measure,
    pub start: Instant,
    pub deadline: Instant,
    pub done_at: Option<Instant>,
    pub standing: ClockStanding,
}

/// The clocks of `ticket` at `now`. A voided ticket has none; a clock whose goal no longer applies (a rejected
/// complaint has no resolution) is left out.
pub fn clocks(ticket: &Ticket, policy: &Policy, calendar: &Calendar, now: Instant) -> Vec<Clock> {
    if ticket.state == State::Voided {
        return Vec::new();
    }
    let registration = &ticket.registration;
    let start = registration.received_at;
    // A hold still open has lasted until now.
    let holds = || {
        ticket
            .holds
            .iter()
            .map(|(from, to)| (*from, to.unwrap_or(now).max(*from)))
    };
    let on_hold = ticket.state == State::OnHold;
    let clock = |measure, deadline: Instant, done_at: Option<Instant>| {
        let standing = match done_at {
            Some(done) if done <= deadline => ClockStanding::Met {
                margin_ms: deadline - done,
            },
            Some(done) => ClockStanding::Breached {
                late_ms: done - deadline,
            },
            None if now > deadline => ClockStanding::Overdue {
                by_ms: now - deadline,
            },
            None if on_hold => ClockStanding::Paused {
                left_ms: deadline - now,
            },
            None => ClockStanding::Running {
                left_ms: deadline - now,
            },
        };
        Clock {
            measure,
            start,
            deadline,
            done_at,
            standing,
        }
    };
    // Only holds that began before the goal was reached stop its clock.
    let due = |target, done_at: Option<Instant>| {
        let relevant = holds().filter(|(from, _)| done_at.is_none_or(|done| *from < done));
        deadline(calendar, start, target, relevant)
    };
    let mut out = vec![clock(
        Measure::FirstResponse,
        due(policy.first_response, ticket.first_response_at),
        ticket.first_response_at,
    )];
    if registration.kind == Kind::Complaint {
        let verification = due(policy.complaint_verification, ticket.verified_at);
        out.push(clock(
            Measure::ComplaintVerification,
            verification,
            ticket.verified_at,
        ));
    }
    if let Some(requested) = registration
        .requested_visit
        .filter(|_| policy.on_site_by_requested_time)
    {
        out.push(clock(Measure::OnSite, requested, ticket.arrived_at));
    }
    let rejected = ticket.closed_at.is_some() && ticket.resolved_at.is_none();
    if !rejected {
        let target = policy.resolution_target(registration.kind, registration.priority);
        out.push(clock(
            Measure::Resolution,
            due(target, ticket.resolved_at),
            ticket.resolved_at,
        ));
    }
    if let Some(day) = ticket.promised_by.filter(|_| !rejected) {
        // The customer was promised a day, not business hours: holds do not move it.
        let end_of_day = calendar.instant(day.add_days(1), 0) - 1;
        out.push(clock(Measure::Promised, end_of_day, ticket.resolved_at));
    }
    out
}

/// The deadline of `target` counted from `start`, pushed back by every hold that began before it, by the hold's
/// length measured the way the target counts time.
pub fn deadline(
    calendar: &Calendar,
    start: Instant,
    target: Target,
    holds: impl IntoIterator<Item = (Instant, Instant)>,
) -> Instant {
    let mut due = match target {
        Target::ClockHours(hours) => start + i64::from(hours) * HOUR_MS,
        Target::BusinessHours(hours) => calendar.add_business_ms(start, i64::from(hours) * HOUR_MS),
        Target::WorkingDays(days) => calendar.close_of_working_day_after(start, days),
    };
    for (from, to) in holds {
        if from >= due {
            continue;
        }
        due = match target {
            Target::ClockHours(_) => due + (to - from),
            Target::BusinessHours(_) | Target::WorkingDays(_) => {
                calendar.add_business_ms(due, calendar.business_ms_between(from, to))
            }
        };
    }
    due
}
