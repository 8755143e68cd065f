//! The sampling audit's draw and findings (R5.4, S16 考核方法: regular sampling of service records): which closed
//! tickets a reviewer checks — a number or a share of a population, drawn with a seed so the same draw can be
//! made again and shown to the person audited — what a reviewer can find, and the sample's conformity.
//!
//! Owns: `SampleSize`, `draw` (seeded with `random::SplitMix64`, independent of the order the population arrives
//! in), `FindingKind`, `conformity`, the audit as a record (`Audit`: whom, which period, the draw's seed and
//! sample, each review) with its rules (`population`, `AuditDraft::check`: one audit of a person and period under
//! way at a time, `ReviewDraft::check`). Must not: decide who may audit (`access`) or turn findings into a KPI
//! (the KPI engine reads the reviews).

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::assessment::exact::Weight;
use super::calendar::Calendar;
use super::dataset::Dataset;
use super::error::{Checked, Field, Problem, Problems};
use super::ids::Id;
use super::org::Affiliation;
use super::period::Period;
use super::random::SplitMix64;
use super::ratio::Ratio;
use super::sorting;
use super::ticket::Ticket;
use crate::domain::ticket::intake::TEXT_MAX;
use crate::domain::ticket::state::State;

/// How much of the population to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum SampleSize {
    /// This many tickets (all of them when there are fewer).
    Count(u32),
    /// This share of them, rounded half up, at least one of a population that has any.
    Share(Weight),
}

impl SampleSize {
    /// How many of `population` tickets the sample takes.
    pub fn of(self, population: usize) -> usize {
        match self {
            SampleSize::Count(count) => (count as usize).min(population),
            SampleSize::Share(share) => {
                if population == 0 {
                    return 0;
                }
                // `Weight` is hundredths of a percent: `Weight::WHOLE` (10 000) is everyone.
                let whole = u128::from(Weight::WHOLE.0);
                let scaled = population as u128 * u128::from(share.0);
                let taken = ((2 * scaled + whole) / (2 * whole)) as usize;
                taken.clamp(1, population)
            }
        }
    }
}

/// The sample of `population` (ticket ids) of `size` drawn with `seed`: the same seed and population give the same
/// sample, whatever order the population is listed in. In the order drawn.
pub fn draw(population: &[Id], size: SampleSize, seed: u64) -> Vec<Id> {
    let mut pool: Vec<Id> = population.to_vec();
    sorting::natural(&mut pool);
    pool.dedup();
    let taken = size.of(pool.len());
    let mut random = SplitMix64::new(seed);
    // A partial Fisher–Yates shuffle: the first `taken` places, each filled from what is left.
    for place in 0..taken {
        let left = (pool.len() - place) as u64;
        let pick = place + random.below(left) as usize;
        pool.swap(place, pick);
    }
    pool.truncate(taken);
    pool
}

/// What a reviewer found wrong with a sampled ticket (R5.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The service record misses something it must hold.
    RecordIncomplete,
    /// The fee standard was not shown to the customer (S11, the provider rules' 未出示收费标准).
    FeeStandardNotShown,
    /// The service report carries no customer signature.
    ReportWithoutSignature,
    /// A service level was missed.
    Late,
    Other,
}

slugs!(FindingKind {
    RecordIncomplete => "RecordIncomplete",
    FeeStandardNotShown => "FeeStandardNotShown",
    ReportWithoutSignature => "ReportWithoutSignature",
    Late => "Late",
    Other => "Other",
});

/// The sample's conformity: conforming reviews over all reviews recorded (`None` before any).
pub fn conformity(reviews: impl IntoIterator<Item = bool>) -> Option<Ratio> {
    let (conforming, reviewed) = reviews
        .into_iter()
        .fold((0u64, 0u64), |(c, n), ok| (c + u64::from(ok), n + 1));
    Ratio::of(conforming, reviewed)
}

/// Whose closed tickets an audit samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Auditee {
    /// One engineer's tickets.
    Engineer(Id),
    /// The tickets of every engineer of a unit and the units below it.
    Unit(Id),
    /// The tickets of a service provider's engineers.
    Provider(Id),
}

/// The reviewer's verdict on one sampled ticket.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Review {
    pub ticket: Id,
    pub conforming: bool,
    /// What was wrong (only when not conforming).
    pub kind: Option<FindingKind>,
    pub note: String,
}

/// A sampling audit: whose tickets, which period, how the sample was drawn, the sample, and the reviews so far.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Audit {
    pub auditee: Auditee,
    pub period: Period,
    pub size: SampleSize,
    /// The draw's seed: with the same closed tickets, `draw` gives the same sample again.
    pub seed: u64,
    /// How many closed tickets the sample was drawn from.
    pub population: u32,
    /// The sampled tickets, in the order drawn.
    pub sample: Vec<Id>,
    /// One per sampled ticket reviewed so far (the latest verdict on a ticket replaces an earlier one).
    pub reviews: Vec<Review>,
    /// The user who reviews, and their name then.
    pub reviewer: Id,
    pub reviewer_name: String,
    /// Every sampled ticket reviewed and the audit closed: nothing changes after.
    pub finished: bool,
}

impl Audit {
    /// The review of `ticket`, if any.
    pub fn review_of(&self, ticket: Id) -> Option<&Review> {
        self.reviews.iter().find(|r| r.ticket == ticket)
    }

    /// Sampled tickets not reviewed yet.
    pub fn unreviewed(&self) -> usize {
        self.sample
            .iter()
            .filter(|t| self.review_of(**t).is_none())
            .count()
    }

    /// The share of reviewed tickets that conform.
    pub fn conformity(&self) -> Option<Ratio> {
        conformity(self.reviews.iter().map(|r| r.conforming))
    }

    /// The audit with `review` recorded (replacing an earlier review of its ticket).
    pub fn with_review(&self, review: Review) -> Audit {
        let mut audit = self.clone();
        audit.reviews.retain(|r| r.ticket != review.ticket);
        audit.reviews.push(review);
        audit
    }
}

/// Whether `ticket`'s engineer is the auditee (or of its unit and below, or its provider).
fn audited(ticket: &Ticket, auditee: Auditee, data: &Dataset, units: &[Id]) -> bool {
    let Some(engineer) = ticket.assignee else {
        return false;
    };
    match auditee {
        Auditee::Engineer(id) => engineer == id,
        Auditee::Unit(_) => data.staff.get(engineer).is_some_and(
            |s| matches!(s.affiliation, Affiliation::Unit(unit) if units.contains(&unit)),
        ),
        Auditee::Provider(provider) => data
            .staff
            .get(engineer)
            .is_some_and(|s| s.affiliation == Affiliation::Provider(provider)),
    }
}

/// The tickets an audit of `auditee` over `period` draws from: closed in the period (on the calendar's days), not
/// voided, worked by the auditee.
pub fn population(
    tickets: &[Ticket],
    auditee: Auditee,
    period: Period,
    data: &Dataset,
    calendar: &Calendar,
) -> Vec<Id> {
    let units: Vec<Id> = match auditee {
        Auditee::Unit(unit) => super::kpi::engine::Filter::unit_and_below(unit, data)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    let (first, last) = (period.first_day(), period.last_day());
    tickets
        .iter()
        .filter(|t| t.state == State::Closed)
        .filter(|t| {
            t.closed_at
                .map(|at| calendar.local_date(at))
                .is_some_and(|day| first <= day && day <= last)
        })
        .filter(|t| audited(t, auditee, data, &units))
        .map(|t| t.id)
        .collect()
}

/// What the new-audit form hands over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditDraft {
    pub auditee: Option<Auditee>,
    pub period: Period,
    /// "5" (tickets) or "10%" (a share).
    pub size: String,
    pub seed: u64,
}

/// The sample size as typed: a whole number of tickets, or a share with "%" (up to two decimals, 0 < share ≤ 100).
pub fn parse_size(text: &str) -> Option<SampleSize> {
    let text = text.trim();
    match text.strip_suffix(['%', '％']) {
        Some(share) => {
            let weight = Weight::parse(share.trim())?;
            (weight.0 > 0).then_some(SampleSize::Share(weight))
        }
        None => match text.parse::<u32>() {
            Ok(count) if count > 0 => Some(SampleSize::Count(count)),
            _ => None,
        },
    }
}

impl AuditDraft {
    /// The new audit, its sample drawn from `population`: refused without an auditee, with a size that does not
    /// read, with nothing to sample, or while an audit of the same auditee and period is under way in `audits`
    /// (finish or remove it first: a draw never silently replaces one).
    pub fn check<'a>(
        &self,
        population: &[Id],
        audits: impl IntoIterator<Item = &'a Audit>,
        reviewer: Id,
        reviewer_name: &str,
    ) -> Checked<Audit> {
        let mut problems = Problems::default();
        if self.auditee.is_none() {
            problems.add(Field::Owner, Problem::Required);
        }
        let size = parse_size(&self.size);
        if size.is_none() {
            problems.add(Field::SampleSize, Problem::OutOfRange { min: 1, max: 100 });
        }
        if self.auditee.is_some() && population.is_empty() {
            problems.add(Field::Owner, Problem::NothingToSample);
        }
        let under_way = audits
            .into_iter()
            .any(|a| !a.finished && Some(a.auditee) == self.auditee && a.period == self.period);
        if under_way {
            problems.add(Field::Record, Problem::AuditUnderWay);
        }
        let size = size.unwrap_or(SampleSize::Count(1));
        problems.finish(|| Audit {
            auditee: self.auditee.unwrap_or(Auditee::Engineer(Id::NIL)),
            period: self.period,
            size,
            seed: self.seed,
            population: population.len() as u32,
            sample: draw(population, size, self.seed),
            reviews: Vec::new(),
            reviewer,
            reviewer_name: reviewer_name.into(),
            finished: false,
        })
    }
}

/// A review as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewDraft {
    pub conforming: Option<bool>,
    pub kind: Option<FindingKind>,
    pub note: String,
}

impl ReviewDraft {
    /// The review of `ticket`: conforming or not must be chosen; a non-conforming one needs its finding's kind
    /// and a note saying what was wrong; refused once the audit is finished or for a ticket not in the sample.
    pub fn check(&self, audit: &Audit, ticket: Id) -> Checked<Review> {
        let mut problems = Problems::default();
        if audit.finished {
            problems.add(Field::Record, Problem::AlreadyClosed);
        }
        if !audit.sample.contains(&ticket) {
            problems.add(Field::Record, Problem::Required);
        }
        let note = super::text::cleaned(&self.note);
        if note.chars().count() > TEXT_MAX {
            problems.add(Field::Text, Problem::TooLong { max: TEXT_MAX });
        }
        match self.conforming {
            None => problems.add(Field::Kind, Problem::Required),
            Some(false) => {
                if self.kind.is_none() {
                    problems.add(Field::Cause, Problem::Required);
                }
                if note.is_empty() {
                    problems.add(Field::Text, Problem::Required);
                }
            }
            Some(true) => {}
        }
        let conforming = self.conforming == Some(true);
        problems.finish(|| Review {
            ticket,
            conforming,
            kind: if conforming { None } else { self.kind },
            note,
        })
    }
}

/// Finishing `audit`: refused while a sampled ticket is not reviewed.
pub fn finish(audit: &Audit) -> Checked<Audit> {
    let mut problems = Problems::default();
    if audit.finished {
        problems.add(Field::Record, Problem::AlreadyClosed);
    }
    if audit.unreviewed() > 0 {
        problems.add(Field::Record, Problem::Required);
    }
    problems.finish(|| Audit {
        finished: true,
        ..audit.clone()
    })
}
