//! The KPI engine (R5): every figure of the registry computed from the facts, the sales, cost and training
//! records and the current time — the same records give the same figures on every device (R5.3) — and, from the
//! very same classification, its explanation (R5.1): the items counted with what each added, and the items left
//! out with the reason.
//!
//! How it works: each KPI classifies each item once, independent of any period — the day it belongs to and
//! either what it adds (numerator, denominator) or why it is left out. A figure is the sum over the items whose
//! day falls in the period; a trend is one pass with a bucket per period; an explanation keeps the items.
//! Attribution, per KPI (the explanation's formula text says the same):
//! - received day: K1, K2, K7, K9 (a ticket not yet answered is judged once its answer is overdue);
//! - first resolution: K3 (a reopen later, in whatever period, shows the fix did not hold);
//! - latest resolution: K4, K10, K11's tickets, K13;
//! - the answer's day: K5, K6 (a survey answered after the period belongs to the next);
//! - sales by month: K7/K8 per units sold count only months wholly in the period;
//! - the cost line's day, the training session's planned day, the follow-up's day.
//!
//! Must not: format anything (i18n shows values via `Unit`), or keep state between calls.

use std::collections::{HashMap, HashSet};

use crate::domain::calendar::{Date, Instant};
use crate::domain::dataset::Dataset;
use crate::domain::ids::Id;
use crate::domain::inputs::Month;
use crate::domain::period::Period;
use crate::domain::ratio::Ratio;
use crate::domain::survey::Aspect;
use crate::domain::ticket::{Channel, Kind};

use super::facts::{ClockOutcome, Dims, Facts, Row};
use super::{Aggregate, Breakdown, Kpi};

/// What the engine reads.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub facts: &'a Facts,
    pub data: &'a Dataset,
    /// Judges clocks still running: an answer not given by its deadline is late from then on.
    pub now: Instant,
}

/// Which items a figure is over, besides the period. Every filter set must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub staff: Option<Id>,
    /// A unit and every unit under it.
    pub units: Option<HashSet<Id>>,
    pub provider: Option<Id>,
    pub category: Option<String>,
    pub kind: Option<Kind>,
    pub channel: Option<Channel>,
}

impl Filter {
    /// Only `unit` and the units below it.
    pub fn unit_and_below(unit: Id, data: &Dataset) -> HashSet<Id> {
        let mut below: HashSet<Id> = HashSet::from([unit]);
        loop {
            let before = below.len();
            for (id, u) in data.units.live() {
                if u.parent.is_some_and(|p| below.contains(&p)) {
                    below.insert(id);
                }
            }
            if below.len() == before {
                return below;
            }
        }
    }

    fn matches(&self, dims: &Dims, categories: &[String]) -> bool {
        let same = |want: Option<Id>, have: Option<Id>| want.is_none() || want == have;
        same(self.staff, dims.staff)
            && same(self.provider, dims.provider)
            && self
                .units
                .as_ref()
                .is_none_or(|units| dims.unit.is_some_and(|u| units.contains(&u)))
            && self.category.as_ref().is_none_or(|want| {
                dims.category
                    .is_some_and(|c| categories.get(c as usize) == Some(want))
            })
            && (self.kind.is_none() || self.kind == dims.kind)
            && (self.channel.is_none() || self.channel == dims.channel)
    }
}

/// What a figure is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    Ticket(Id),
    Sales(Id),
    Cost(Id),
    Training(Id),
}

/// Why an item is not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// It belongs to another period: the day it is counted on.
    OutsidePeriod(Date),
    /// A sales month only partly inside the period.
    PartMonth,
    Voided,
    /// A complaint found not to hold.
    Rejected,
    NotAnswered,
    /// The clock is still running and not yet overdue.
    NotDueYet,
    /// On hold: the clock stands still.
    Paused,
    NotResolved,
    NoSurvey,
    /// The same customer's first ticket of the period counts for them.
    SameCustomer,
    /// Resolved with nobody assigned.
    NoEngineer,
}

/// What one item adds, and whether it may add only once per key within a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Count {
    numerator: u64,
    denominator: u64,
    once: Once,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Once {
    Always,
    /// The numerator counts once per key (K6: one bad review per customer and period, R7.2).
    NumeratorPer(u128),
    /// The item counts once per key; later ones are left out (K9: one per customer).
    WholePer(u128),
    /// The denominator counts once per key (K13: engineers).
    DenominatorPer(u128),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Counted(Count),
    LeftOut(Reason),
}

/// When an item belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    Day(Date),
    /// A whole month: in a period only when the period holds all of it.
    Month(Month),
}

impl When {
    fn day(self) -> Date {
        match self {
            When::Day(day) => day,
            When::Month(month) => month.first_day(),
        }
    }
}

/// A figure's sums.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub numerator: u64,
    pub denominator: u64,
    seen: HashSet<u128>,
}

/// How a counted item entered the sums.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    /// As it is.
    Fully { numerator: u64, denominator: u64 },
    /// In the denominator only: the same customer's bad review already counts this period.
    NumeratorAlreadyCounted { denominator: u64 },
}

impl Totals {
    /// The value: `None` with nothing to divide by (never 0 % or NaN); a total over nothing is 0.
    pub fn value(&self, kpi: Kpi) -> Option<Ratio> {
        match kpi.aggregate() {
            Aggregate::Sum => Ratio::of(self.numerator, 1),
            _ => Ratio::of(self.numerator, self.denominator),
        }
    }

    /// Adds one item; `None` when it is left out as a duplicate of the same key.
    fn add(&mut self, count: Count) -> Option<Added> {
        let added = match count.once {
            Once::Always => Added::Fully {
                numerator: count.numerator,
                denominator: count.denominator,
            },
            Once::NumeratorPer(key) if count.numerator > 0 && !self.seen.insert(key) => {
                Added::NumeratorAlreadyCounted {
                    denominator: count.denominator,
                }
            }
            Once::NumeratorPer(_) => Added::Fully {
                numerator: count.numerator,
                denominator: count.denominator,
            },
            Once::WholePer(key) if !self.seen.insert(key) => return None,
            Once::WholePer(_) => Added::Fully {
                numerator: count.numerator,
                denominator: count.denominator,
            },
            Once::DenominatorPer(key) => Added::Fully {
                numerator: count.numerator,
                denominator: u64::from(self.seen.insert(key)) * count.denominator.max(1),
            },
        };
        let (numerator, denominator) = match added {
            Added::Fully {
                numerator,
                denominator,
            } => (numerator, denominator),
            Added::NumeratorAlreadyCounted { denominator } => (0, denominator),
        };
        self.numerator += numerator;
        self.denominator += denominator;
        Some(added)
    }
}

/// One group of a breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// Not assigned / not given.
    None,
    Id(Id),
    /// A product category, by index into `categories`.
    Category(u32),
    Kind(Kind),
    Channel(Channel),
}

/// A figure with what it is made of (R5.1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    pub totals: Totals,
    /// Items counted, in the order counted, with what each added.
    pub counted: Vec<(Item, Date, Added)>,
    /// Items left out, with why.
    pub left_out: Vec<(Item, Reason)>,
    /// Product category names, for `Group::Category` (the facts' categories, then those only sales name).
    pub categories: Vec<String>,
}

/// The figure of `kpi` for each of `periods` (one pass over the items).
pub fn totals(kpi: Kpi, inputs: Inputs<'_>, filter: &Filter, periods: &[Period]) -> Vec<Totals> {
    let spans: Vec<(Date, Date)> = periods
        .iter()
        .map(|p| (p.first_day(), p.last_day()))
        .collect();
    let mut out = vec![Totals::default(); periods.len()];
    let categories = category_names(inputs);
    visit(kpi, inputs, filter, &categories, |_, _, when, outcome| {
        if let Outcome::Counted(count) = outcome
            && let Some(bucket) = spans.iter().position(|span| holds(*span, when))
        {
            out[bucket].add(count);
        }
    });
    out
}

/// The figure of `kpi` in `period` for each group of `by`, with the product category names.
pub fn groups(
    kpi: Kpi,
    inputs: Inputs<'_>,
    filter: &Filter,
    period: Period,
    by: Breakdown,
) -> (Vec<(Group, Totals)>, Vec<String>) {
    let span = (period.first_day(), period.last_day());
    let categories = category_names(inputs);
    let mut out: HashMap<Group, Totals> = HashMap::new();
    visit(
        kpi,
        inputs,
        filter,
        &categories,
        |_, dims, when, outcome| {
            if let Outcome::Counted(count) = outcome
                && holds(span, when)
            {
                out.entry(group_of(by, dims)).or_default().add(count);
            }
        },
    );
    let mut out: Vec<(Group, Totals)> = out.into_iter().collect();
    out.sort_by_key(|(group, _)| *group);
    (out, categories)
}

/// The figure of `kpi` in `period` with every item counted and every item of the period left out, and why.
pub fn explain(kpi: Kpi, inputs: Inputs<'_>, filter: &Filter, period: Period) -> Explanation {
    let span = (period.first_day(), period.last_day());
    let categories = category_names(inputs);
    let mut explanation = Explanation::default();
    visit(
        kpi,
        inputs,
        filter,
        &categories,
        |item, _, when, outcome| {
            let inside = holds(span, when);
            let near = match (item, when) {
                (Item::Ticket(id), _) => inputs
                    .facts
                    .row(id)
                    .is_some_and(|row| row.touches(span.0, span.1)),
                (_, When::Month(month)) => {
                    month.first_day() <= span.1 && span.0 <= month.last_day()
                }
                (_, When::Day(_)) => false,
            };
            match (outcome, inside) {
                (Outcome::Counted(count), true) => match explanation.totals.add(count) {
                    Some(added) => explanation.counted.push((item, when.day(), added)),
                    None => explanation.left_out.push((item, Reason::SameCustomer)),
                },
                (Outcome::LeftOut(reason), true) => explanation.left_out.push((item, reason)),
                (_, false) if near => {
                    let reason = match when {
                        When::Month(_) => Reason::PartMonth,
                        When::Day(day) => Reason::OutsidePeriod(day),
                    };
                    explanation.left_out.push((item, reason));
                }
                (_, false) => {}
            }
        },
    );
    explanation.categories = categories;
    explanation
}

/// K5 by dimension: the mean stars of each aspect over the responses answered in `period` (R11.2 "satisfaction
/// by dimension"); the overall rating is K5's own mean.
pub fn aspect_means(inputs: Inputs<'_>, filter: &Filter, period: Period) -> Vec<(Aspect, Totals)> {
    let mut out: Vec<(Aspect, Totals)> = Vec::new();
    for row in &inputs.facts.rows {
        let Some(survey) = row.survey.as_ref() else {
            continue;
        };
        if row.voided
            || !period.contains(survey.answered)
            || !filter.matches(&row.dims, &inputs.facts.categories)
        {
            continue;
        }
        for (aspect, stars) in &survey.ratings {
            let count = Count {
                numerator: u64::from(*stars),
                denominator: 1,
                once: Once::Always,
            };
            match out.iter_mut().find(|(a, _)| a == aspect) {
                Some((_, totals)) => {
                    totals.add(count);
                }
                None => {
                    let mut totals = Totals::default();
                    totals.add(count);
                    out.push((aspect.clone(), totals));
                }
            }
        }
    }
    out
}

fn holds((first, last): (Date, Date), when: When) -> bool {
    match when {
        When::Day(day) => first <= day && day <= last,
        When::Month(month) => first <= month.first_day() && month.last_day() <= last,
    }
}

fn group_of(by: Breakdown, dims: &Dims) -> Group {
    let id = |id: Option<Id>| id.map_or(Group::None, Group::Id);
    match by {
        Breakdown::Staff => id(dims.staff),
        Breakdown::Unit => id(dims.unit),
        Breakdown::Provider => id(dims.provider),
        Breakdown::Product => dims.category.map_or(Group::None, Group::Category),
        Breakdown::Kind => dims.kind.map_or(Group::None, Group::Kind),
        Breakdown::Channel => dims.channel.map_or(Group::None, Group::Channel),
    }
}

/// The facts' product categories, then those only the sales figures name.
fn category_names(inputs: Inputs<'_>) -> Vec<String> {
    let mut names = inputs.facts.categories.clone();
    for (_, sales) in inputs.data.sales.live() {
        if !names.contains(&sales.category) {
            names.push(sales.category.clone());
        }
    }
    names
}

/// Every item `kpi` reads, within `filter`, with its dims, when it belongs and its outcome.
fn visit(
    kpi: Kpi,
    inputs: Inputs<'_>,
    filter: &Filter,
    categories: &[String],
    mut emit: impl FnMut(Item, &Dims, When, Outcome),
) {
    let reads_tickets = !matches!(kpi, Kpi::CostTotal | Kpi::TrainingCompletion);
    if reads_tickets {
        for row in &inputs.facts.rows {
            if filter.matches(&row.dims, categories) {
                classify(kpi, row, inputs.now, &mut |when, outcome| {
                    emit(Item::Ticket(row.id), &row.dims, when, outcome)
                });
            }
        }
    }
    let data = inputs.data;
    if matches!(
        kpi,
        Kpi::ComplaintsPerSales | Kpi::RepairRate | Kpi::ReturnRate
    ) {
        for (id, sales) in data.sales.live() {
            let dims = Dims {
                category: categories
                    .iter()
                    .position(|c| *c == sales.category)
                    .map(|i| i as u32),
                ..Dims::default()
            };
            if filter.matches(&dims, categories) {
                let count = Count {
                    numerator: 0,
                    denominator: u64::from(sales.units),
                    once: Once::Always,
                };
                emit(
                    Item::Sales(id),
                    &dims,
                    When::Month(sales.month),
                    Outcome::Counted(count),
                );
            }
        }
    }
    if matches!(kpi, Kpi::CostPerTicket | Kpi::CostTotal) {
        for (id, line) in data.costs.live() {
            let ticket_dims = line
                .ticket
                .and_then(|t| inputs.facts.row(t))
                .map(|row| row.dims)
                .unwrap_or_default();
            let dims = Dims {
                unit: line.unit.or(ticket_dims.unit),
                ..ticket_dims
            };
            if filter.matches(&dims, categories) {
                let count = Count {
                    numerator: line.amount.0.max(0) as u64,
                    denominator: 0,
                    once: Once::Always,
                };
                emit(
                    Item::Cost(id),
                    &dims,
                    When::Day(line.day),
                    Outcome::Counted(count),
                );
            }
        }
    }
    if kpi == Kpi::TrainingCompletion {
        for (id, session) in data.training.live() {
            let dims = Dims {
                unit: session.unit,
                ..Dims::default()
            };
            if filter.matches(&dims, categories) {
                emit(
                    Item::Training(id),
                    &dims,
                    When::Day(session.planned),
                    share(session.held.is_some()),
                );
            }
        }
    }
}

fn share(yes: bool) -> Outcome {
    Outcome::Counted(Count {
        numerator: u64::from(yes),
        denominator: 1,
        once: Once::Always,
    })
}

/// Counted in the numerator only (over a base of other items).
fn one() -> Outcome {
    Outcome::Counted(Count {
        numerator: 1,
        denominator: 0,
        once: Once::Always,
    })
}

fn clock_outcome(outcome: ClockOutcome) -> Outcome {
    match outcome {
        ClockOutcome::Met => share(true),
        ClockOutcome::Missed => share(false),
        ClockOutcome::Paused => Outcome::LeftOut(Reason::Paused),
        ClockOutcome::NotDueYet => Outcome::LeftOut(Reason::NotDueYet),
    }
}

/// The kinds whose work is a repair on site (K3).
fn is_repair_work(kind: Option<Kind>) -> bool {
    matches!(
        kind,
        Some(Kind::Repair | Kind::Replacement | Kind::Installation)
    )
}

/// What `row` is to `kpi`: nothing (not emitted), or when it belongs and its outcome (more than one for visits).
fn classify(kpi: Kpi, row: &Row, now: Instant, emit: &mut impl FnMut(When, Outcome)) {
    let received = When::Day(row.received);
    let left_out = |reason| Outcome::LeftOut(reason);
    if row.voided {
        let relevant = match kpi {
            Kpi::FirstTimeFix | Kpi::RepeatRepair => is_repair_work(row.dims.kind),
            Kpi::ComplaintOnTime | Kpi::ComplaintsPerSales => {
                row.dims.kind == Some(Kind::Complaint)
            }
            Kpi::RepairRate => row.dims.kind == Some(Kind::Repair),
            Kpi::ReturnRate => row.dims.kind == Some(Kind::Return),
            _ => true,
        };
        if relevant {
            emit(received, left_out(Reason::Voided));
        }
        return;
    }
    // The latest resolution, for the KPIs counted on it.
    let resolved = |emit: &mut dyn FnMut(When, Outcome), counted: &dyn Fn() -> Outcome| match (
        row.rejected,
        row.resolved,
    ) {
        (true, _) => emit(received, left_out(Reason::Rejected)),
        (false, None) => emit(received, left_out(Reason::NotResolved)),
        (false, Some(day)) => emit(When::Day(day), counted()),
    };
    match kpi {
        Kpi::ResponseOnTime => match row.response {
            Some(clock) => emit(received, clock_outcome(clock.outcome(now))),
            None => emit(received, left_out(Reason::NotAnswered)),
        },
        Kpi::ResponseHours => match row.response_business_ms {
            Some(ms) => emit(
                received,
                Outcome::Counted(Count {
                    numerator: ms,
                    denominator: 1,
                    once: Once::Always,
                }),
            ),
            None => emit(received, left_out(Reason::NotAnswered)),
        },
        Kpi::Resolution => match row.rejected {
            true => emit(received, left_out(Reason::Rejected)),
            false => emit(received, share(row.work_done)),
        },
        Kpi::FirstTimeFix | Kpi::RepeatRepair if is_repair_work(row.dims.kind) => {
            let repeated = row.reopened || row.arrivals > 1;
            match row.first_resolved {
                Some(day) => emit(
                    When::Day(day),
                    share(match kpi {
                        Kpi::FirstTimeFix => !repeated,
                        _ => repeated,
                    }),
                ),
                None => emit(received, left_out(Reason::NotResolved)),
            }
        }
        Kpi::FirstTimeFix | Kpi::RepeatRepair => {}
        Kpi::OnTimeCompletion => resolved(emit, &|| match row.resolution {
            Some(clock) => clock_outcome(clock.outcome(now)),
            None => left_out(Reason::NotResolved),
        }),
        Kpi::Accuracy => resolved(emit, &|| share(row.confirmed)),
        Kpi::Satisfaction | Kpi::MeanRating | Kpi::BadReviews => {
            match (&row.survey, row.resolved) {
                (Some(survey), _) => {
                    let count = match kpi {
                        Kpi::Satisfaction => Count {
                            numerator: u64::from(survey.satisfied),
                            denominator: 1,
                            once: Once::Always,
                        },
                        Kpi::MeanRating => Count {
                            numerator: u64::from(survey.overall),
                            denominator: 1,
                            once: Once::Always,
                        },
                        _ => Count {
                            numerator: u64::from(survey.bad_review),
                            denominator: 1,
                            once: Once::NumeratorPer(u128::from(row.household)),
                        },
                    };
                    emit(When::Day(survey.answered), Outcome::Counted(count));
                }
                (None, Some(day)) if row.work_done => {
                    emit(When::Day(day), left_out(Reason::NoSurvey))
                }
                (None, _) => {}
            }
        }
        Kpi::ComplaintRate => emit(received, share(row.dims.kind == Some(Kind::Complaint))),
        Kpi::ComplaintOnTime if row.dims.kind == Some(Kind::Complaint) => match row.verification {
            Some(clock) => emit(received, clock_outcome(clock.outcome(now))),
            None => emit(received, left_out(Reason::NotAnswered)),
        },
        Kpi::ComplaintOnTime => {}
        Kpi::ComplaintsPerSales if row.dims.kind == Some(Kind::Complaint) => emit(received, one()),
        Kpi::RepairRate if row.dims.kind == Some(Kind::Repair) => emit(received, one()),
        Kpi::ReturnRate if row.dims.kind == Some(Kind::Return) => emit(received, one()),
        Kpi::ComplaintsPerSales | Kpi::RepairRate | Kpi::ReturnRate => {}
        Kpi::ReturningCustomers => emit(
            received,
            Outcome::Counted(Count {
                numerator: u64::from(row.returning),
                denominator: 1,
                once: Once::WholePer(u128::from(row.customer)),
            }),
        ),
        Kpi::CostPerTicket => {
            if let Some(day) = row.resolved.filter(|_| !row.rejected) {
                emit(
                    When::Day(day),
                    Outcome::Counted(Count {
                        numerator: 0,
                        denominator: 1,
                        once: Once::Always,
                    }),
                );
            }
        }
        Kpi::Visits => {
            for day in &row.follow_ups_done {
                emit(When::Day(*day), one());
            }
            if row.dims.kind == Some(Kind::FollowUp)
                && let Some(day) = row.resolved
            {
                emit(When::Day(day), one());
            }
        }
        Kpi::Workload => match (row.resolved.filter(|_| !row.rejected), row.dims.staff) {
            (Some(day), Some(engineer)) => emit(
                When::Day(day),
                Outcome::Counted(Count {
                    numerator: 1,
                    denominator: 1,
                    once: Once::DenominatorPer(engineer.as_u128()),
                }),
            ),
            (Some(day), None) => emit(When::Day(day), left_out(Reason::NoEngineer)),
            (None, _) => {}
        },
        Kpi::CostTotal | Kpi::TrainingCompletion => {}
    }
}
