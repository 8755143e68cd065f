//! What the KPIs read, derived once per change of the data: a compact row per ticket — local days as day numbers,
//! SLA outcomes, who and where as small indices, the survey in force, the customer — plus the cost lines, sales
//! figures and training sessions in the same shape. The engine computes every figure from these in one pass over
//! memory that fits the cache (R5.3: the same rows on every device give the same figures).
//!
//! Owns: `Facts`, `Row`, `Dims`, `Clock`. Must not: decide what a KPI counts (that is `engine`), or depend on
//! the current time — a running clock keeps its deadline, and the engine compares it with `now`.

use crate::domain::calendar::{Calendar, Date, Instant};
use crate::domain::contact::normalise_phone;
use crate::domain::dataset::Dataset;
use crate::domain::fast_hash::FastMap;
use crate::domain::ids::Id;
use crate::domain::org::Affiliation;
use crate::domain::sla::{self, Measure, Policy};
use crate::domain::sorting;
use crate::domain::survey::{Aspect, Satisfaction};
use crate::domain::ticket::log::FoldedTickets;
use crate::domain::ticket::state::State;
use crate::domain::ticket::{Channel, Kind, Ticket};

/// A local day as its number since 1970-01-01 (`Date::days_since_epoch`): one comparison instead of three.
pub type Day = i32;

/// "Not given" for an index of `Dims`.
pub const NONE: u32 = u32::MAX;

pub fn day_of(date: Date) -> Day {
    date.days_since_epoch() as Day
}

pub fn date_of(day: Day) -> Date {
    Date::from_days_since_epoch(i64::from(day))
}

/// Where a ticket (or a cost line, a sales figure, a training session) belongs, for filters and breakdowns, as
/// indices into the `Facts` tables (`NONE` when not given).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Dims {
    /// The engineer (the assignee), into `Facts::staff`.
    pub staff: u32,
    /// The unit responsible — the ticket's, else the engineer's — into `Facts::units`.
    pub unit: u32,
    /// The engineer's outside service provider, into `Facts::providers`.
    pub provider: u32,
    /// The product category, into `Facts::categories`.
    pub category: u32,
    pub kind: Option<Kind>,
    pub channel: Option<Channel>,
}

impl Default for Dims {
    fn default() -> Self {
        Dims {
            staff: NONE,
            unit: NONE,
            provider: NONE,
            category: NONE,
            kind: None,
            channel: None,
        }
    }
}

/// An SLA clock as the KPIs need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// The ticket has no such clock (a voided ticket, a rejected complaint's resolution).
    Absent,
    Met,
    /// Done after its deadline.
    Late,
    /// Not done and on hold: its deadline moves on while the hold lasts, so it is not judged.
    Paused,
    /// Not done: missed once `now` passes the deadline.
    Running {
        deadline: Instant,
    },
}

/// How a clock stands at a moment, for a KPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockOutcome {
    Absent,
    Met,
    /// Done late, or not done and past its deadline.
    Missed,
    Paused,
    NotDueYet,
}

impl Clock {
    pub fn outcome(self, now: Instant) -> ClockOutcome {
        match self {
            Clock::Absent => ClockOutcome::Absent,
            Clock::Met => ClockOutcome::Met,
            Clock::Late => ClockOutcome::Missed,
            Clock::Paused => ClockOutcome::Paused,
            Clock::Running { deadline } if now > deadline => ClockOutcome::Missed,
            Clock::Running { .. } => ClockOutcome::NotDueYet,
        }
    }
}

/// One ticket, as the KPIs read it. Kept small (the engine reads 100k of them per figure set).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub dims: Dims,
    pub received: Day,
    pub first_resolved: Option<Day>,
    /// The latest resolution.
    pub resolved: Option<Day>,
    /// The answer's day of the survey in force.
    pub answered: Option<Day>,
    pub response: Clock,
    pub verification: Clock,
    pub resolution: Clock,
    /// Business milliseconds from receipt to the first answer.
    pub response_business_ms: Option<u64>,
    /// The customer (by phone), as an index.
    pub customer: u32,
    /// The customer at an address (phone + address: "the same customer" of R7.2), as an index.
    pub household: u32,
    /// Overall stars of the survey in force (0 without one).
    pub overall: u8,
    /// On-site arrivals, at most 255.
    pub arrivals: u8,
    pub flags: Flags,
}

/// Yes/no facts of a ticket, packed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags(u16);

impl Flags {
    pub const VOIDED: u16 = 1;
    /// A complaint found not to hold: closed without a resolution.
    pub const REJECTED: u16 = 1 << 1;
    /// Resolved, confirmed or closed now.
    pub const WORK_DONE: u16 = 1 << 2;
    pub const CONFIRMED: u16 = 1 << 3;
    pub const REOPENED: u16 = 1 << 4;
    /// The customer had a ticket received before this one.
    pub const RETURNING: u16 = 1 << 5;
    /// 4–5 stars, or 满意 where the three-level question was asked (it then decides).
    pub const SATISFIED: u16 = 1 << 6;
    pub const BAD_REVIEW: u16 = 1 << 7;

    pub fn has(self, flag: u16) -> bool {
        self.0 & flag != 0
    }

    /// Every flag as one number (kept with a snapshot: `codec::facts`).
    pub fn bits(self) -> u16 {
        self.0
    }

    pub fn from_bits(bits: u16) -> Flags {
        Flags(bits)
    }

    fn with(self, flag: u16, on: bool) -> Flags {
        match on {
            true => Flags(self.0 | flag),
            false => self,
        }
    }
}

impl Row {
    /// Whether anything of this ticket happened on a day in `first..=last` (received, resolved, answered): then an
    /// explanation of that span lists it, counted or left out.
    pub fn touches(&self, first: Day, last: Day) -> bool {
        let within = |day: Day| first <= day && day <= last;
        within(self.received)
            || self.first_resolved.is_some_and(within)
            || self.resolved.is_some_and(within)
            || self.answered.is_some_and(within)
    }
}

/// A cost line as K11 reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostFact {
    pub id: Id,
    pub day: Day,
    /// Fen, never negative.
    pub amount: u64,
    /// The ticket's dims when it names one, with the line's own unit if given.
    pub dims: Dims,
}

/// Units sold of a category in a month (K7, K8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalesFact {
    pub id: Id,
    pub first: Day,
    pub last: Day,
    pub units: u64,
    pub category: u32,
}

/// A training session as K12 reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingFact {
    pub id: Id,
    pub planned: Day,
    /// The end of the planned day: until then a session not yet held is not a missed one.
    pub due: Instant,
    pub held: bool,
    pub unit: u32,
}

/// Every ticket's row (oldest receipt first) with its id, the other inputs, and the tables the indices point to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub rows: Vec<Row>,
    /// The ticket of each row.
    pub ids: Vec<Id>,
    /// Each survey's star rating per aspect: (row, aspect index into `aspects`, stars).
    pub ratings: Vec<(u32, u8, u8)>,
    pub aspects: Vec<Aspect>,
    /// Follow-up visits done: (row, day).
    pub follow_ups: Vec<(u32, Day)>,
    /// Sampling audits' reviews, the latest per ticket: (row, the day the ticket was closed, conforming).
    pub reviews: Vec<(u32, Day, bool)>,
    pub costs: Vec<CostFact>,
    pub sales: Vec<SalesFact>,
    pub training: Vec<TrainingFact>,
    pub staff: Vec<Id>,
    pub units: Vec<Id>,
    pub providers: Vec<Id>,
    pub categories: Vec<String>,
    /// Where each ticket's row is.
    pub index: FastMap<Id, u32>,
}

/// The sampling audits' reviews as the quality KPI reads them: per reviewed ticket that has a row and was closed,
/// its latest review (audits in stamp order, a later one's verdict replacing an earlier one's).
fn reviews(
    tickets: &[Ticket],
    data: &Dataset,
    index: &FastMap<Id, u32>,
    day: &dyn Fn(Instant) -> Day,
) -> Vec<(u32, Day, bool)> {
    let mut audits: Vec<_> = data.audits.versions().filter(|v| !v.deleted).collect();
    if audits.is_empty() {
        return Vec::new();
    }
    sorting::by_key(&mut audits, |v| v.stamp);
    let mut latest: FastMap<Id, bool> = FastMap::default();
    for audit in audits {
        for review in &audit.body.reviews {
            latest.insert(review.ticket, review.conforming);
        }
    }
    let mut out: Vec<(u32, Day, bool)> = tickets
        .iter()
        .filter_map(|t| {
            let conforming = *latest.get(&t.id)?;
            Some((*index.get(&t.id)?, day(t.closed_at?), conforming))
        })
        .collect();
    sorting::natural(&mut out);
    out
}

/// Gives each distinct value a small index, in order of first appearance.
struct Interner<K> {
    index: FastMap<K, u32>,
    values: Vec<K>,
}

impl Interner<String> {
    /// The index of a text ("" is `NONE`), allocating only for a new one.
    fn of_text(&mut self, text: &str) -> u32 {
        if text.is_empty() {
            return NONE;
        }
        match self.index.get(text) {
            Some(i) => *i,
            None => self.of(&text.to_string()),
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone> Interner<K> {
    fn new() -> Self {
        Interner {
            index: FastMap::default(),
            values: Vec::new(),
        }
    }

    fn of(&mut self, key: &K) -> u32 {
        if let Some(i) = self.index.get(key) {
            return *i;
        }
        let i = self.values.len() as u32;
        self.values.push(key.clone());
        self.index.insert(key.clone(), i);
        i
    }

    fn of_option(&mut self, key: Option<&K>) -> u32 {
        key.map_or(NONE, |k| self.of(k))
    }
}

impl Facts {
    /// The facts of `data` as it stands: its tickets folded, its own service settings (what the worker module derives
    /// to keep beside the stored data; the page keeps its fold between edits and calls `new`).
    pub fn of_data(data: &Dataset) -> Facts {
        let settings = data.service_settings();
        let folded = FoldedTickets::fold(&data.tickets, &settings.calendar);
        Facts::new(&folded, data, &settings.policy, &settings.calendar)
    }

    pub fn new(tickets: &[Ticket], data: &Dataset, policy: &Policy, calendar: &Calendar) -> Facts {
        // Rows are built in the tickets' own order (their registrations lie in memory in about that order, so
        // reading them in receipt order missed the cache on every ticket), then put in receipt order.
        let mut received: Vec<(Instant, Id)> = Vec::with_capacity(tickets.len());
        let mut staff = Interner::new();
        let mut units = Interner::new();
        let mut providers = Interner::new();
        let mut categories: Interner<String> = Interner::new();
        let mut aspects: Interner<Aspect> = Interner::new();
        let mut customers: FastMap<String, u32> = FastMap::default();
        let mut households: FastMap<(u32, &str), u32> = FastMap::default();
        let mut facts = Facts {
            rows: Vec::with_capacity(tickets.len()),
            ids: Vec::with_capacity(tickets.len()),
            ..Facts::default()
        };
        let day = |at: Instant| day_of(calendar.local_date(at));
        for ticket in tickets {
            let position = facts.rows.len() as u32;
            let registration = &ticket.registration;
            received.push((registration.received_at, ticket.id));
            let category = categories.of_text(registration.product.category.trim());
            let phone = normalise_phone(&registration.customer.phone);
            let next = customers.len() as u32;
            let customer = *customers.entry(phone).or_insert(next);
            let next = households.len() as u32;
            let household = *households
                .entry((customer, registration.customer.address.trim()))
                .or_insert(next);
            let engineer = ticket.assignee.and_then(|id| data.staff.get(id));
            let (engineer_unit, provider) = match engineer.map(|s| s.affiliation) {
                Some(Affiliation::Unit(unit)) => (Some(unit), None),
                Some(Affiliation::Provider(provider)) => (None, Some(provider)),
                None => (None, None),
            };
            let clocks = sla::clocks(ticket, policy, calendar, registration.received_at);
            let clock = |measure: Measure| {
                let Some(c) = clocks.iter().find(|c| c.measure == measure) else {
                    return Clock::Absent;
                };
                match c.done_at {
                    Some(done) if done <= c.deadline => Clock::Met,
                    Some(_) => Clock::Late,
                    None if ticket.state == State::OnHold => Clock::Paused,
                    None => Clock::Running {
                        deadline: c.deadline,
                    },
                }
            };
            let survey = ticket.survey.as_ref();
            if let Some(response) = survey {
                for (aspect, stars) in &response.ratings {
                    facts
                        .ratings
                        .push((position, aspects.of(aspect) as u8, *stars));
                }
            }
            for done in ticket.follow_ups.iter().filter_map(|f| f.done_at) {
                facts.follow_ups.push((position, day(done)));
            }
            let flags = Flags::default()
                .with(Flags::VOIDED, ticket.state == State::Voided)
                .with(
                    Flags::REJECTED,
                    ticket.state == State::Closed && ticket.resolved_at.is_none(),
                )
                .with(Flags::WORK_DONE, ticket.work_done())
                .with(Flags::CONFIRMED, ticket.confirmed_at.is_some())
                .with(Flags::REOPENED, ticket.reopen_count > 0)
                .with(
                    Flags::SATISFIED,
                    survey.is_some_and(|r| match r.satisfaction {
                        Some(answer) => answer == Satisfaction::Satisfied,
                        None => r.overall >= 4,
                    }),
                )
                .with(Flags::BAD_REVIEW, survey.is_some_and(|r| r.is_bad_review()));
            facts.rows.push(Row {
                dims: Dims {
                    staff: staff.of_option(ticket.assignee.as_ref()),
                    unit: units.of_option(registration.unit.or(engineer_unit).as_ref()),
                    provider: providers.of_option(provider.as_ref()),
                    category,
                    kind: Some(registration.kind),
                    channel: Some(registration.channel),
                },
                received: day(registration.received_at),
                first_resolved: ticket.first_resolved_at.map(day),
                resolved: ticket.resolved_at.map(day),
                answered: survey.map(|r| day(r.answered_at)),
                response: clock(Measure::FirstResponse),
                verification: clock(Measure::ComplaintVerification),
                resolution: clock(Measure::Resolution),
                response_business_ms: ticket.first_response_at.map(|answered| {
                    calendar
                        .business_ms_between(registration.received_at, answered)
                        .max(0) as u64
                }),
                customer,
                household,
                overall: survey.map_or(0, |r| r.overall),
                arrivals: ticket.arrivals.min(255) as u8,
                flags,
            });
            facts.ids.push(ticket.id);
        }
        facts.put_in_receipt_order(&received, customers.len());
        facts.index = facts
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i as u32))
            .collect();
        for (id, line) in data.costs.live() {
            let ticket_dims = line
                .ticket
                .and_then(|t| facts.index.get(&t))
                .map(|i| facts.rows[*i as usize].dims)
                .unwrap_or_default();
            let unit = match line.unit {
                Some(unit) => units.of(&unit),
                None => ticket_dims.unit,
            };
            facts.costs.push(CostFact {
                id,
                day: day_of(line.day),
                amount: line.amount.0.max(0) as u64,
                dims: Dims {
                    unit,
                    ..ticket_dims
                },
            });
        }
        facts.reviews = reviews(tickets, data, &facts.index, &day);
        for (id, sales) in data.sales.live() {
            facts.sales.push(SalesFact {
                id,
                first: day_of(sales.month.first_day()),
                last: day_of(sales.month.last_day()),
                units: u64::from(sales.units),
                category: categories.of_text(sales.category.trim()),
            });
        }
        for (id, session) in data.training.live() {
            facts.training.push(TrainingFact {
                id,
                planned: day_of(session.planned),
                due: calendar.instant(session.planned.add_days(1), 0),
                held: session.held.is_some(),
                unit: units.of_option(session.unit.as_ref()),
            });
        }
        facts.staff = staff.values;
        facts.units = units.values;
        facts.providers = providers.values;
        facts.categories = categories.values;
        facts.aspects = aspects.values;
        facts
    }

    /// Puts the rows in receipt order (ties by id) and marks each ticket whose customer had one received before.
    fn put_in_receipt_order(&mut self, received: &[(Instant, Id)], customers: usize) {
        let mut order: Vec<u32> = (0..self.rows.len() as u32).collect();
        sorting::by_key(&mut order, |i| received[*i as usize]);
        let mut position = vec![0u32; order.len()];
        for (new, old) in order.iter().enumerate() {
            position[*old as usize] = new as u32;
        }
        let mut seen = vec![false; customers];
        self.rows = order
            .iter()
            .map(|old| {
                let mut row = self.rows[*old as usize];
                let customer = row.customer as usize;
                row.flags = row.flags.with(Flags::RETURNING, seen[customer]);
                seen[customer] = true;
                row
            })
            .collect();
        self.ids = order.iter().map(|old| self.ids[*old as usize]).collect();
        for (row, _, _) in &mut self.ratings {
            *row = position[*row as usize];
        }
        for (row, _) in &mut self.follow_ups {
            *row = position[*row as usize];
        }
    }

    pub fn row_of(&self, ticket: Id) -> Option<&Row> {
        self.index.get(&ticket).map(|i| &self.rows[*i as usize])
    }
}
