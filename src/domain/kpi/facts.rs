//! What the KPIs read of each ticket, derived once per change of the data: local days, SLA deadlines, who and
//! where (engineer, unit, provider, product category, kind, channel), the survey in force, the customer. The
//! engine then computes every figure from these rows quickly, and the same rows on every device (R5.3).
//!
//! Owns: `Facts`, `Row`, `Dims`, `ClockFact`. Must not: decide what a KPI counts (that is `engine`), or depend on
//! the current time — a row holds deadlines, and the engine compares them with `now`.

use std::collections::HashMap;

use crate::domain::calendar::{Calendar, Date, Instant};
use crate::domain::contact::normalise_phone;
use crate::domain::dataset::Dataset;
use crate::domain::ids::Id;
use crate::domain::org::Affiliation;
use crate::domain::sla::{self, Measure, Policy};
use crate::domain::survey::{Aspect, Satisfaction};
use crate::domain::ticket::{Channel, Kind, Ticket};
use crate::domain::ticket_state::State;

/// Where a ticket (or a cost line, a sales figure, a training session) belongs, for filters and breakdowns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dims {
    /// The engineer (the assignee).
    pub staff: Option<Id>,
    /// The unit responsible: the ticket's, else the engineer's.
    pub unit: Option<Id>,
    /// The engineer's service provider, when an outside one.
    pub provider: Option<Id>,
    /// The product category, as an index into `Facts::categories`.
    pub category: Option<u32>,
    pub kind: Option<Kind>,
    pub channel: Option<Channel>,
}

/// An SLA clock as the KPIs need it: its deadline and when (if) its goal was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockFact {
    pub deadline: Instant,
    pub done_at: Option<Instant>,
    /// Not done and on hold: its deadline moves on while the hold lasts, so it is not judged.
    pub paused: bool,
}

/// How a clock stands at a moment, for a KPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockOutcome {
    Met,
    /// Done late, or not done and past its deadline.
    Missed,
    Paused,
    NotDueYet,
}

impl ClockFact {
    pub fn outcome(&self, now: Instant) -> ClockOutcome {
        match self.done_at {
            Some(done) if done <= self.deadline => ClockOutcome::Met,
            Some(_) => ClockOutcome::Missed,
            None if self.paused => ClockOutcome::Paused,
            None if now > self.deadline => ClockOutcome::Missed,
            None => ClockOutcome::NotDueYet,
        }
    }
}

/// The survey in force, as the KPIs read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyFact {
    pub answered: Date,
    pub overall: u8,
    /// 4–5 stars, or 满意 where the three-level question was asked (it then decides).
    pub satisfied: bool,
    pub bad_review: bool,
    pub ratings: Vec<(Aspect, u8)>,
}

/// One ticket, as the KPIs read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: Id,
    pub dims: Dims,
    pub received: Date,
    pub voided: bool,
    /// A complaint found not to hold: closed without a resolution.
    pub rejected: bool,
    /// Resolved, confirmed or closed now.
    pub work_done: bool,
    pub first_resolved: Option<Date>,
    pub resolved: Option<Date>,
    pub confirmed: bool,
    pub reopened: bool,
    pub arrivals: u32,
    pub response: Option<ClockFact>,
    /// Business milliseconds from receipt to the first answer.
    pub response_business_ms: Option<u64>,
    pub verification: Option<ClockFact>,
    pub resolution: Option<ClockFact>,
    pub survey: Option<SurveyFact>,
    /// The customer (by phone), as an index.
    pub customer: u32,
    /// The customer at an address (phone + address: "the same customer" of R7.2), as an index.
    pub household: u32,
    /// The customer had a ticket received before this one.
    pub returning: bool,
    /// Follow-up visits done, by local day.
    pub follow_ups_done: Vec<Date>,
}

impl Row {
    /// Whether anything of this ticket happened on a day in `first..=last` (received, resolved, answered): then an
    /// explanation of that span lists it, counted or left out.
    pub fn touches(&self, first: Date, last: Date) -> bool {
        let within = |day: Date| first <= day && day <= last;
        within(self.received)
            || self.first_resolved.is_some_and(within)
            || self.resolved.is_some_and(within)
            || self.survey.as_ref().is_some_and(|s| within(s.answered))
            || self.follow_ups_done.iter().any(|d| within(*d))
    }
}

/// Every ticket's row, oldest receipt first, with the names the indices point to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub rows: Vec<Row>,
    /// Product categories, by index (`Dims::category`).
    pub categories: Vec<String>,
    /// Where each ticket's row is, by ticket id.
    pub index: HashMap<Id, usize>,
}

impl Facts {
    pub fn new(tickets: &[Ticket], data: &Dataset, policy: &Policy, calendar: &Calendar) -> Facts {
        let mut order: Vec<&Ticket> = tickets.iter().collect();
        order.sort_by_key(|t| (t.registration.received_at, t.id));
        let mut categories: Vec<String> = Vec::new();
        let mut category_index: HashMap<&str, u32> = HashMap::new();
        let mut customers: HashMap<String, u32> = HashMap::new();
        let mut households: HashMap<(String, String), u32> = HashMap::new();
        let mut rows = Vec::with_capacity(order.len());
        for ticket in order {
            let registration = &ticket.registration;
            let category = match registration.product.category.trim() {
                "" => None,
                name => Some(*category_index.entry(name).or_insert_with(|| {
                    categories.push(name.to_string());
                    (categories.len() - 1) as u32
                })),
            };
            let phone = normalise_phone(&registration.customer.phone);
            let next = customers.len() as u32;
            let (customer, returning) = match customers.get(&phone) {
                Some(index) => (*index, true),
                None => {
                    customers.insert(phone.clone(), next);
                    (next, false)
                }
            };
            let next = households.len() as u32;
            let household = *households
                .entry((phone, registration.customer.address.trim().to_string()))
                .or_insert(next);
            let engineer = ticket.assignee.and_then(|id| data.staff.get(id));
            let (engineer_unit, provider) = match engineer.map(|s| s.affiliation) {
                Some(Affiliation::Unit(unit)) => (Some(unit), None),
                Some(Affiliation::Provider(provider)) => (None, Some(provider)),
                None => (None, None),
            };
            let clocks = sla::clocks(ticket, policy, calendar, registration.received_at);
            let clock = |measure: Measure| {
                clocks
                    .iter()
                    .find(|c| c.measure == measure)
                    .map(|c| ClockFact {
                        deadline: c.deadline,
                        done_at: c.done_at,
                        paused: c.done_at.is_none() && ticket.state == State::OnHold,
                    })
            };
            let day = |at: Instant| calendar.local_date(at);
            rows.push(Row {
                id: ticket.id,
                dims: Dims {
                    staff: ticket.assignee,
                    unit: registration.unit.or(engineer_unit),
                    provider,
                    category,
                    kind: Some(registration.kind),
                    channel: Some(registration.channel),
                },
                received: day(registration.received_at),
                voided: ticket.state == State::Voided,
                rejected: ticket.closed_at.is_some()
                    && ticket.resolved_at.is_none()
                    && ticket.state == State::Closed,
                work_done: ticket.work_done(),
                first_resolved: ticket.first_resolved_at.map(day),
                resolved: ticket.resolved_at.map(day),
                confirmed: ticket.confirmed_at.is_some(),
                reopened: ticket.reopen_count > 0,
                arrivals: ticket.arrivals,
                response: clock(Measure::FirstResponse),
                response_business_ms: ticket.first_response_at.map(|answered| {
                    calendar
                        .business_ms_between(registration.received_at, answered)
                        .max(0) as u64
                }),
                verification: clock(Measure::ComplaintVerification),
                resolution: clock(Measure::Resolution),
                survey: ticket.survey.as_ref().map(|response| SurveyFact {
                    answered: day(response.answered_at),
                    overall: response.overall,
                    satisfied: match response.satisfaction {
                        Some(answer) => answer == Satisfaction::Satisfied,
                        None => response.overall >= 4,
                    },
                    bad_review: response.is_bad_review(),
                    ratings: response.ratings.clone(),
                }),
                customer,
                household,
                returning,
                follow_ups_done: ticket
                    .follow_ups
                    .iter()
                    .filter_map(|f| f.done_at.map(day))
                    .collect(),
            });
        }
        let index = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        Facts {
            rows,
            categories,
            index,
        }
    }

    pub fn category_index(&self, name: &str) -> Option<u32> {
        self.categories
            .iter()
            .position(|c| c == name.trim())
            .map(|i| i as u32)
    }

    pub fn row(&self, ticket: Id) -> Option<&Row> {
        self.index.get(&ticket).map(|i| &self.rows[*i])
    }
}
