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

use std::collections::HashSet;

use crate::domain::calendar::{Date, Instant};
use crate::domain::dataset::Dataset;
use crate::domain::ids::Id;
use crate::domain::period::Period;
use crate::domain::ratio::Ratio;
use crate::domain::survey::Aspect;
use crate::domain::ticket::{Channel, Kind};

use super::facts::{ClockOutcome, Day, Dims, Facts, Flags, NONE, Row, date_of, day_of};
use super::{Aggregate, Breakdown, Kpi};
use crate::domain::sorting;

/// What the engine reads.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub facts: &'a Facts,
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
    /// `unit` and every unit below it.
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
}

/// An index no row has: a filter on an id the facts never saw matches nothing.
const NEVER: u32 = NONE - 1;

/// The filter in the facts' indices.
struct Matcher {
    staff: Option<u32>,
    units: Option<Vec<bool>>,
    provider: Option<u32>,
    category: Option<u32>,
    kind: Option<Kind>,
    channel: Option<Channel>,
}

impl Matcher {
    fn new(filter: &Filter, facts: &Facts) -> Matcher {
        let index = |table: &[Id], want: Option<Id>| {
            want.map(|id| {
                table
                    .iter()
                    .position(|t| *t == id)
                    .map_or(NEVER, |i| i as u32)
            })
        };
        Matcher {
            staff: index(&facts.staff, filter.staff),
            units: filter
                .units
                .as_ref()
                .map(|set| facts.units.iter().map(|u| set.contains(u)).collect()),
            provider: index(&facts.providers, filter.provider),
            category: filter.category.as_ref().map(|name| {
                facts
                    .categories
                    .iter()
                    .position(|c| c == name.trim())
                    .map_or(NEVER, |i| i as u32)
            }),
            kind: filter.kind,
            channel: filter.channel,
        }
    }

    fn matches(&self, dims: &Dims) -> bool {
        let same = |want: Option<u32>, have: u32| want.is_none_or(|w| w == have);
        same(self.staff, dims.staff)
            && same(self.provider, dims.provider)
            && same(self.category, dims.category)
            && self
                .units
                .as_ref()
                .is_none_or(|units| units.get(dims.unit as usize).copied().unwrap_or(false))
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

/// Keys are small dense indices (customers, households, engineers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Once {
    Always,
    /// The numerator counts once per key (K6: one bad review per customer and period, R7.2).
    NumeratorPer(u32),
    /// The item counts once per key; later ones are left out (K9: one per customer).
    WholePer(u32),
    /// The denominator counts once per key (K13: engineers).
    DenominatorPer(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Counted(Count),
    LeftOut(Reason),
}

/// When an item belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    Day(Day),
    /// A whole month: in a period only when the period holds all of it.
    Span(Day, Day),
}

impl When {
    fn first_day(self) -> Day {
        match self {
            When::Day(day) | When::Span(day, _) => day,
        }
    }

    fn within(self, (first, last): (Day, Day)) -> bool {
        match self {
            When::Day(day) => first <= day && day <= last,
            When::Span(from, to) => first <= from && to <= last,
        }
    }

    fn overlaps(self, (first, last): (Day, Day)) -> bool {
        match self {
            When::Day(day) => first <= day && day <= last,
            When::Span(from, to) => from <= last && first <= to,
        }
    }
}

/// A figure's sums.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub numerator: u64,
    pub denominator: u64,
    /// The keys already counted (a bit per index).
    seen: Vec<u64>,
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

    /// Marks `key` seen; whether it was new.
    fn first_time(&mut self, key: u32) -> bool {
        let (word, bit) = ((key / 64) as usize, 1u64 << (key % 64));
        if word >= self.seen.len() {
            self.seen.resize(word + 1, 0);
        }
        let new = self.seen[word] & bit == 0;
        self.seen[word] |= bit;
        new
    }

    /// Adds one item; `None` when it is left out as a duplicate of the same key.
    fn add(&mut self, count: Count) -> Option<Added> {
        let added = match count.once {
            Once::NumeratorPer(key) if count.numerator > 0 && !self.first_time(key) => {
                Added::NumeratorAlreadyCounted {
                    denominator: count.denominator,
                }
            }
            Once::WholePer(key) if !self.first_time(key) => return None,
            Once::DenominatorPer(key) => Added::Fully {
                numerator: count.numerator,
                denominator: u64::from(self.first_time(key)),
            },
            Once::Always | Once::NumeratorPer(_) | Once::WholePer(_) => Added::Fully {
                numerator: count.numerator,
                denominator: count.denominator,
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
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// Not assigned / not given.
    None,
    Id(Id),
    Category(String),
    Kind(Kind),
    Channel(Channel),
}

/// A figure with what it is made of (R5.1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    pub totals: Totals,
    /// Items counted, in the order counted, with the day each belongs to and what it added.
    pub counted: Vec<(Item, Date, Added)>,
    /// Items of the period left out, with why.
    pub left_out: Vec<(Item, Reason)>,
}

/// Which item an entry is, by position in the facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Row(u32),
    Cost(u32),
    Sales(u32),
    Training(u32),
}

/// Every figure of `kpis` for each of `periods`, in one pass over the facts: `result[k][p]`.
pub fn totals_of(
    kpis: &[Kpi],
    inputs: Inputs<'_>,
    filter: &Filter,
    periods: &[Period],
) -> Vec<Vec<Totals>> {
    let spans = spans(periods);
    let mut out = vec![vec![Totals::default(); periods.len()]; kpis.len()];
    visit(
        kpis,
        inputs,
        filter,
        window(&spans),
        &mut |k, _, _, when: When, outcome: Outcome| {
            if let Outcome::Counted(count) = outcome
                && let Some(bucket) = spans.iter().position(|span| when.within(*span))
            {
                out[k][bucket].add(count);
            }
        },
    );
    out
}

/// The figure of `kpi` for each of `periods`.
pub fn totals(kpi: Kpi, inputs: Inputs<'_>, filter: &Filter, periods: &[Period]) -> Vec<Totals> {
    totals_of(&[kpi], inputs, filter, periods)
        .pop()
        .expect("one KPI")
}

/// The figure of `kpi` in `period` for each group of `by`, ordered by group.
pub fn groups(
    kpi: Kpi,
    inputs: Inputs<'_>,
    filter: &Filter,
    period: Period,
    by: Breakdown,
) -> Vec<(Group, Totals)> {
    groups_of(&[kpi], inputs, filter, period, by)
        .pop()
        .expect("one KPI")
}

/// Each of `kpis` in `period` broken down by `by`, in one pass: `result[k]` is the groups of `kpis[k]` that
/// counted anything, ordered by group.
pub fn groups_of(
    kpis: &[Kpi],
    inputs: Inputs<'_>,
    filter: &Filter,
    period: Period,
    by: Breakdown,
) -> Vec<Vec<(Group, Totals)>> {
    let span = span(period);
    let facts = inputs.facts;
    // Groups by dense index: the table's entries, then "not given" last.
    let size = match by {
        Breakdown::Staff => facts.staff.len(),
        Breakdown::Unit => facts.units.len(),
        Breakdown::Provider => facts.providers.len(),
        Breakdown::Product => facts.categories.len(),
        Breakdown::Kind => Kind::ALL.len(),
        Breakdown::Channel => Channel::ALL.len(),
    };
    let slot = |dims: &Dims| {
        let index = match by {
            Breakdown::Staff => dims.staff,
            Breakdown::Unit => dims.unit,
            Breakdown::Provider => dims.provider,
            Breakdown::Product => dims.category,
            Breakdown::Kind => dims.kind.map_or(NONE, |k| k as u32),
            Breakdown::Channel => dims.channel.map_or(NONE, |c| c as u32),
        };
        (index as usize).min(size)
    };
    let mut out = vec![vec![Totals::default(); size + 1]; kpis.len()];
    visit(
        kpis,
        inputs,
        filter,
        span,
        &mut |k, _, dims: &Dims, when: When, outcome| {
            if let Outcome::Counted(count) = outcome
                && when.within(span)
            {
                out[k][slot(dims)].add(count);
            }
        },
    );
    let group = |index: usize| {
        let id = |table: &[Id]| Group::Id(table[index]);
        match by {
            _ if index == size => Group::None,
            Breakdown::Staff => id(&facts.staff),
            Breakdown::Unit => id(&facts.units),
            Breakdown::Provider => id(&facts.providers),
            Breakdown::Product => Group::Category(facts.categories[index].clone()),
            Breakdown::Kind => Group::Kind(Kind::ALL[index]),
            Breakdown::Channel => Group::Channel(Channel::ALL[index]),
        }
    };
    out.into_iter()
        .map(|slots| {
            let mut groups: Vec<(Group, Totals)> = slots
                .into_iter()
                .enumerate()
                .filter(|(_, totals)| totals.numerator > 0 || totals.denominator > 0)
                .map(|(index, totals)| (group(index), totals))
                .collect();
            sorting::by(&mut groups, |a, b| a.0.cmp(&b.0));
            groups
        })
        .collect()
}

/// The figure of `kpi` in `period` with every item counted and every item of the period left out, and why.
pub fn explain(kpi: Kpi, inputs: Inputs<'_>, filter: &Filter, period: Period) -> Explanation {
    let span = span(period);
    let facts = inputs.facts;
    let mut explanation = Explanation::default();
    visit(
        &[kpi],
        inputs,
        filter,
        span,
        &mut |_, source: Source, _, when: When, outcome: Outcome| {
            let item = match source {
                Source::Row(i) => Item::Ticket(facts.ids[i as usize]),
                Source::Cost(i) => Item::Cost(facts.costs[i as usize].id),
                Source::Sales(i) => Item::Sales(facts.sales[i as usize].id),
                Source::Training(i) => Item::Training(facts.training[i as usize].id),
            };
            let near = match source {
                Source::Row(i) => facts.rows[i as usize].touches(span.0, span.1),
                _ => when.overlaps(span),
            };
            match (outcome, when.within(span)) {
                (Outcome::Counted(count), true) => match explanation.totals.add(count) {
                    Some(added) => {
                        explanation
                            .counted
                            .push((item, date_of(when.first_day()), added))
                    }
                    None => explanation.left_out.push((item, Reason::SameCustomer)),
                },
                (Outcome::LeftOut(reason), true) => explanation.left_out.push((item, reason)),
                (_, false) if near => {
                    let reason = match when {
                        When::Span(..) => Reason::PartMonth,
                        When::Day(day) => Reason::OutsidePeriod(date_of(day)),
                    };
                    explanation.left_out.push((item, reason));
                }
                (_, false) => {}
            }
        },
    );
    explanation
}

/// K5 by dimension: the mean stars of each aspect over the responses answered in `period` (R11.2 "satisfaction
/// by dimension"), in the facts' order of aspects.
pub fn aspect_means(inputs: Inputs<'_>, filter: &Filter, period: Period) -> Vec<(Aspect, Totals)> {
    let facts = inputs.facts;
    let matcher = Matcher::new(filter, facts);
    let span = span(period);
    let mut out: Vec<(Aspect, Totals)> = facts
        .aspects
        .iter()
        .map(|a| (a.clone(), Totals::default()))
        .collect();
    for (row, aspect, stars) in &facts.ratings {
        let row = &facts.rows[*row as usize];
        let answered = row.answered.is_some_and(|d| When::Day(d).within(span));
        if answered && !row.flags.has(Flags::VOIDED) && matcher.matches(&row.dims) {
            out[*aspect as usize].1.add(Count {
                numerator: u64::from(*stars),
                denominator: 1,
                once: Once::Always,
            });
        }
    }
    out.retain(|(_, totals)| totals.denominator > 0);
    out
}

fn span(period: Period) -> (Day, Day) {
    (day_of(period.first_day()), day_of(period.last_day()))
}

fn spans(periods: &[Period]) -> Vec<(Day, Day)> {
    periods.iter().map(|p| span(*p)).collect()
}

/// The days from the first period's first to the last one's last.
fn window(spans: &[(Day, Day)]) -> (Day, Day) {
    let first = spans.iter().map(|s| s.0).min().unwrap_or(Day::MAX);
    let last = spans.iter().map(|s| s.1).max().unwrap_or(Day::MIN);
    (first, last)
}

/// Every item the `kpis` read, within `filter`: which KPI (by position), which item, its dims, when it belongs and
/// its outcome. Each row is read once for all the KPIs; tickets with nothing in the window `first..=last` are
/// skipped, and so are follow-ups, cost lines, training sessions and sales months outside it.
fn visit(
    kpis: &[Kpi],
    inputs: Inputs<'_>,
    filter: &Filter,
    (first, last): (Day, Day),
    emit: &mut dyn FnMut(usize, Source, &Dims, When, Outcome),
) {
    let facts = inputs.facts;
    let matcher = Matcher::new(filter, facts);
    // Like tickets, the other items are read only when they fall in the window (a year of cost lines is 60k).
    let within = |day: Day| first <= day && day <= last;
    let reads_tickets = kpis.iter().any(|k| {
        !matches!(
            k,
            Kpi::CostTotal | Kpi::TrainingCompletion | Kpi::SampleConformity
        )
    });
    if reads_tickets {
        for (i, row) in facts.rows.iter().enumerate() {
            // A ticket belongs to a KPI on a day it was received, resolved or answered: one with none of these in
            // the window adds nothing (nor is it listed), whatever the KPI.
            if !row.touches(first, last) || !matcher.matches(&row.dims) {
                continue;
            }
            for (k, kpi) in kpis.iter().enumerate() {
                classify(*kpi, row, inputs.now, &mut |when, outcome| {
                    emit(k, Source::Row(i as u32), &row.dims, when, outcome)
                });
            }
        }
    }
    for (k, kpi) in kpis.iter().enumerate() {
        match kpi {
            Kpi::Visits => {
                for (row, day) in &facts.follow_ups {
                    let dims = &facts.rows[*row as usize].dims;
                    if within(*day) && matcher.matches(dims) {
                        emit(k, Source::Row(*row), dims, When::Day(*day), one());
                    }
                }
            }
            Kpi::ComplaintsPerSales | Kpi::RepairRate | Kpi::ReturnRate => {
                for (i, sales) in facts.sales.iter().enumerate() {
                    let dims = Dims {
                        category: sales.category,
                        ..Dims::default()
                    };
                    if sales.first <= last && first <= sales.last && matcher.matches(&dims) {
                        let count = Count {
                            numerator: 0,
                            denominator: sales.units,
                            once: Once::Always,
                        };
                        emit(
                            k,
                            Source::Sales(i as u32),
                            &dims,
                            When::Span(sales.first, sales.last),
                            Outcome::Counted(count),
                        );
                    }
                }
            }
            Kpi::CostPerTicket | Kpi::CostTotal => {
                for (i, line) in facts.costs.iter().enumerate() {
                    if within(line.day) && matcher.matches(&line.dims) {
                        let count = Count {
                            numerator: line.amount,
                            denominator: 0,
                            once: Once::Always,
                        };
                        emit(
                            k,
                            Source::Cost(i as u32),
                            &line.dims,
                            When::Day(line.day),
                            Outcome::Counted(count),
                        );
                    }
                }
            }
            Kpi::SampleConformity => {
                for (row, day, conforming) in &facts.reviews {
                    let dims = &facts.rows[*row as usize].dims;
                    if within(*day) && matcher.matches(dims) {
                        emit(
                            k,
                            Source::Row(*row),
                            dims,
                            When::Day(*day),
                            share(*conforming),
                        );
                    }
                }
            }
            Kpi::TrainingCompletion => {
                for (i, session) in facts.training.iter().enumerate() {
                    let dims = Dims {
                        unit: session.unit,
                        ..Dims::default()
                    };
                    if within(session.planned) && matcher.matches(&dims) {
                        // Planned for a day still to come (or today): not missed yet.
                        let outcome = match session.held || session.due <= inputs.now {
                            true => share(session.held),
                            false => Outcome::LeftOut(Reason::NotDueYet),
                        };
                        emit(
                            k,
                            Source::Training(i as u32),
                            &dims,
                            When::Day(session.planned),
                            outcome,
                        );
                    }
                }
            }
            _ => {}
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
        ClockOutcome::Absent => Outcome::LeftOut(Reason::NotAnswered),
    }
}

/// The kinds whose work is a repair on site (K3).
fn is_repair_work(kind: Option<Kind>) -> bool {
    matches!(
        kind,
        Some(Kind::Repair | Kind::Replacement | Kind::Installation)
    )
}

/// What `row` is to `kpi`: nothing (not emitted), or when it belongs and its outcome. One compiled copy for every
/// caller (a `dyn` sink): the page's bundle carries this match once.
#[inline(never)]
fn classify(kpi: Kpi, row: &Row, now: Instant, emit: &mut dyn FnMut(When, Outcome)) {
    let received = When::Day(row.received);
    let flags = row.flags;
    let kind = row.dims.kind;
    if flags.has(Flags::VOIDED) {
        let relevant = match kpi {
            Kpi::FirstTimeFix | Kpi::RepeatRepair => is_repair_work(kind),
            Kpi::ComplaintOnTime | Kpi::ComplaintsPerSales => kind == Some(Kind::Complaint),
            Kpi::RepairRate => kind == Some(Kind::Repair),
            Kpi::ReturnRate => kind == Some(Kind::Return),
            Kpi::Visits | Kpi::CostTotal | Kpi::TrainingCompletion | Kpi::SampleConformity => false,
            _ => true,
        };
        if relevant {
            emit(received, Outcome::LeftOut(Reason::Voided));
        }
        return;
    }
    let rejected = flags.has(Flags::REJECTED);
    // The latest resolution, for the KPIs counted on it.
    let on_resolution =
        |emit: &mut dyn FnMut(When, Outcome), counted: Outcome| match (rejected, row.resolved) {
            (true, _) => emit(received, Outcome::LeftOut(Reason::Rejected)),
            (false, None) => emit(received, Outcome::LeftOut(Reason::NotResolved)),
            (false, Some(day)) => emit(When::Day(day), counted),
        };
    let survey =
        |count: Count, emit: &mut dyn FnMut(When, Outcome)| match (row.answered, row.resolved) {
            (Some(day), _) => emit(When::Day(day), Outcome::Counted(count)),
            (None, Some(day)) if flags.has(Flags::WORK_DONE) => {
                emit(When::Day(day), Outcome::LeftOut(Reason::NoSurvey))
            }
            (None, _) => {}
        };
    match kpi {
        Kpi::ResponseOnTime => emit(received, clock_outcome(row.response.outcome(now))),
        Kpi::ResponseHours => match row.response_business_ms {
            Some(ms) => emit(
                received,
                Outcome::Counted(Count {
                    numerator: ms,
                    denominator: 1,
                    once: Once::Always,
                }),
            ),
            None => emit(received, Outcome::LeftOut(Reason::NotAnswered)),
        },
        Kpi::Resolution => match rejected {
            true => emit(received, Outcome::LeftOut(Reason::Rejected)),
            false => emit(received, share(flags.has(Flags::WORK_DONE))),
        },
        Kpi::FirstTimeFix | Kpi::RepeatRepair if is_repair_work(kind) => {
            let repeated = flags.has(Flags::REOPENED) || row.arrivals > 1;
            match row.first_resolved {
                Some(day) => emit(
                    When::Day(day),
                    share(repeated == (kpi == Kpi::RepeatRepair)),
                ),
                None => emit(received, Outcome::LeftOut(Reason::NotResolved)),
            }
        }
        Kpi::OnTimeCompletion => on_resolution(emit, clock_outcome(row.resolution.outcome(now))),
        Kpi::Accuracy => on_resolution(emit, share(flags.has(Flags::CONFIRMED))),
        Kpi::Satisfaction => survey(
            Count {
                numerator: u64::from(flags.has(Flags::SATISFIED)),
                denominator: 1,
                once: Once::Always,
            },
            emit,
        ),
        Kpi::MeanRating => survey(
            Count {
                numerator: u64::from(row.overall),
                denominator: 1,
                once: Once::Always,
            },
            emit,
        ),
        Kpi::BadReviews => survey(
            Count {
                numerator: u64::from(flags.has(Flags::BAD_REVIEW)),
                denominator: 1,
                once: Once::NumeratorPer(row.household),
            },
            emit,
        ),
        Kpi::ComplaintRate => emit(received, share(kind == Some(Kind::Complaint))),
        Kpi::ComplaintOnTime if kind == Some(Kind::Complaint) => {
            emit(received, clock_outcome(row.verification.outcome(now)))
        }
        Kpi::ComplaintsPerSales if kind == Some(Kind::Complaint) => emit(received, one()),
        Kpi::RepairRate if kind == Some(Kind::Repair) => emit(received, one()),
        Kpi::ReturnRate if kind == Some(Kind::Return) => emit(received, one()),
        Kpi::ReturningCustomers => emit(
            received,
            Outcome::Counted(Count {
                numerator: u64::from(flags.has(Flags::RETURNING)),
                denominator: 1,
                once: Once::WholePer(row.customer),
            }),
        ),
        Kpi::CostPerTicket => {
            if let Some(day) = row.resolved.filter(|_| !rejected) {
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
        // Follow-up visits come from the facts' follow-up table; a 回访 ticket resolved is a visit too.
        Kpi::Visits => {
            if kind == Some(Kind::FollowUp)
                && let Some(day) = row.resolved
            {
                emit(When::Day(day), one());
            }
        }
        Kpi::Workload => match (row.resolved.filter(|_| !rejected), row.dims.staff) {
            (Some(day), NONE) => emit(When::Day(day), Outcome::LeftOut(Reason::NoEngineer)),
            (Some(day), engineer) => emit(
                When::Day(day),
                Outcome::Counted(Count {
                    numerator: 1,
                    denominator: 1,
                    once: Once::DenominatorPer(engineer),
                }),
            ),
            (None, _) => {}
        },
        Kpi::FirstTimeFix
        | Kpi::RepeatRepair
        | Kpi::ComplaintOnTime
        | Kpi::ComplaintsPerSales
        | Kpi::RepairRate
        | Kpi::ReturnRate
        | Kpi::CostTotal
        | Kpi::TrainingCompletion
        | Kpi::SampleConformity => {}
    }
}
