//! 期间报告 (R5.5, S17 第二十条, S9 四.4, S11 三.3): the department's month, quarter or year for leadership — every
//! KPI against its target, the previous period and the industry average with its trend; what the tickets were
//! about and the products repaired most (the defect feedback for the product departments); SLA breaches; bad
//! reviews; the complaints analysed by cause, product and unit; providers' fines; assessment outcomes; corrective
//! actions open and overdue — and the manager's own text (findings, proposals, the complaints' lessons).
//!
//! A report is drafted from the data as it stands (`compute`), then issued: the figures are kept as computed, with
//! what they were computed from (`Basis`), and never change afterwards, whatever data arrives later. The draft
//! (the manager's text while it is written) and the issued report are two records, each with the period's own id
//! (`draft_id`, `issued_id`) so two devices drafting the same month write one draft: a draft saved late — a stale
//! tab, a file from a device that had not heard of the issue — never touches the issued record, which is written
//! once (two devices issuing at once keep both as a conflict to settle).
//!
//! Owns: `ReportBody` and its parts, `PeriodReport` (the record), `compute`, `ReportDraft`, the ids. Must not:
//! hold texts of its own (i18n names kinds, measures and causes) or compute a KPI (`kpi::engine` does).

use serde::{Deserialize, Serialize};

use super::assessment::cycle::Assessment;
use super::calendar::{Calendar, Date, Instant};
use super::corrective::Status;
use super::dataset::Dataset;
use super::error::{Checked, Field, Problem, Problems};
use super::ids::Id;
use super::kpi::engine::{self, Filter, Inputs};
use super::kpi::facts::Facts;
use super::kpi::{Aggregate, Kpi, KpiSettings, TargetStanding};
use super::money::Fen;
use super::period::{Period, PeriodKind};
use super::provider_inputs::ComplaintCause;
use super::provider_statement;
use super::ratio::Ratio;
use super::sla::{self, Measure, Policy};
use super::sorting;
use super::ticket::{Kind, Ticket};
use crate::domain::ticket::intake::TEXT_MAX;

/// How many periods a KPI's trend shows, the report's own the last.
pub const TREND_PERIODS: usize = 6;
/// How many product models, categories or units a ranking lists.
pub const TOP: usize = 10;
/// How many SLA breaches and bad reviews are listed one by one (all are counted).
pub const LISTED: usize = 30;

/// A KPI's sums in one period: the value is `numerator / denominator` (a total's is the numerator).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Figure {
    pub numerator: u64,
    pub denominator: u64,
}

impl Figure {
    pub fn value(self, kpi: Kpi) -> Option<Ratio> {
        match kpi.aggregate() {
            Aggregate::Sum => Ratio::of(self.numerator, 1),
            _ => Ratio::of(self.numerator, self.denominator),
        }
    }
}

/// One KPI of the report.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KpiLine {
    pub kpi: Kpi,
    /// The last `TREND_PERIODS` periods, oldest first: the report's period is the last, the one before it the
    /// previous period.
    pub trend: Vec<Figure>,
    pub target: Option<u64>,
    pub industry: Option<u64>,
}

impl KpiLine {
    pub fn current(&self) -> Figure {
        self.trend.last().copied().unwrap_or_default()
    }

    pub fn previous(&self) -> Figure {
        match self.trend.len() {
            0 | 1 => Figure::default(),
            n => self.trend[n - 2],
        }
    }

    pub fn standing(&self) -> TargetStanding {
        self.kpi
            .standing(self.current().value(self.kpi), self.target)
    }
}

/// A clock that missed its deadline within the period.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Breach {
    pub ticket: Id,
    /// 工单号 (empty for a ticket registered before tickets had numbers).
    pub number: String,
    pub measure: Measure,
    pub deadline: Instant,
    /// When it was done, late; `None`: still not done when the report was computed.
    pub done_at: Option<Instant>,
}

/// A survey answered within the period that is a bad review (R4.5).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BadReview {
    pub ticket: Id,
    pub number: String,
    pub overall: u8,
    /// The engineer's name as it was (the report outlives renames).
    pub engineer: String,
    pub answered_at: Instant,
}

/// The complaints received within the period, analysed (S9 四.4).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Complaints {
    pub received: u32,
    /// Found not to hold.
    pub rejected: u32,
    /// Verified later than the 3 working days.
    pub verified_late: u32,
    /// With a solution day promised to the customer, and of those solved after it (or still not, past it).
    pub promised: u32,
    pub promise_broken: u32,
    /// Solved, and the customer told the result.
    pub told: u32,
    /// Solved, the customer not (yet) told.
    pub untold: u32,
    /// The complaints whose customer was told, by the cause found then (`None`: another cause), most first.
    pub by_cause: Vec<(Option<ComplaintCause>, u32)>,
    /// By product category and by unit, most first (at most `TOP` each).
    pub by_category: Vec<(String, u32)>,
    pub by_unit: Vec<(String, u32)>,
}

/// A provider's fine of a statement of the period (R7.4), as issued.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fine {
    pub provider: String,
    pub period: Period,
    pub version: u32,
    pub total: Fen,
}

/// An assessment cycle's results published within the period: how many of each grade.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CycleOutcome {
    pub cycle: String,
    pub grades: Vec<(String, u32)>,
}

/// A corrective action still open when the report was computed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OpenAction {
    pub action: Id,
    pub what: String,
    pub owner: String,
    pub due: Date,
    pub overdue: bool,
}

/// What a report's figures were computed from: enough to tell, later, that data arrived after it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Basis {
    pub computed_at: Instant,
    pub tickets: u32,
    pub events: u64,
    /// The newest event's clock time, if any.
    pub latest_event: Option<Instant>,
}

/// A report's figures: the same whether drafted or issued.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportBody {
    pub period: Period,
    pub kpis: Vec<KpiLine>,
    /// Tickets received by kind, most first.
    pub kinds: Vec<(Kind, u32)>,
    /// Repair tickets received by product model ("category model"), most first: the defect feedback.
    pub repairs: Vec<(String, u32)>,
    /// Breaches by clock, and the first `LISTED` by deadline.
    pub breach_counts: Vec<(Measure, u32)>,
    pub breaches: Vec<Breach>,
    pub bad_review_count: u32,
    pub bad_reviews: Vec<BadReview>,
    pub complaints: Complaints,
    pub fines: Vec<Fine>,
    pub outcomes: Vec<CycleOutcome>,
    pub open_actions: Vec<OpenAction>,
    /// Corrective actions closed within the period.
    pub actions_closed: u32,
    pub basis: Basis,
}

/// An issue of a report: its figures as they were, who issued it and when.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Issued {
    pub body: ReportBody,
    pub by: Option<Id>,
    pub by_name: String,
    pub at: Instant,
}

/// The record: a period's report with the manager's text, and once issued its figures (never changed after).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PeriodReport {
    pub period: Period,
    /// 主要发现.
    pub findings: String,
    /// 改进建议.
    pub proposals: String,
    /// The complaints' lessons (S9 四.4: 吸取教训, 提出改进措施).
    pub lessons: String,
    /// Boxed: most records of a dataset are far smaller than a report's figures.
    pub issued: Option<Box<Issued>>,
}

/// The periods a report covers.
pub const REPORT_KINDS: [PeriodKind; 3] =
    [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year];

/// What `compute` reads: the data, its folded tickets and KPI facts, the assessments folded, the service levels.
#[derive(Clone, Copy)]
pub struct ReportInputs<'a> {
    pub data: &'a Dataset,
    pub tickets: &'a [Ticket],
    pub facts: &'a Facts,
    pub assessments: &'a [Assessment],
    pub settings: &'a KpiSettings,
    pub policy: &'a Policy,
    pub calendar: &'a Calendar,
    pub now: Instant,
}

/// The report of `period` from the data as it stands at `inputs.now`.
pub fn compute(inputs: ReportInputs<'_>, period: Period) -> ReportBody {
    let ReportInputs {
        data,
        tickets,
        calendar,
        now,
        ..
    } = inputs;
    let in_period = |at: Instant| period.contains(calendar.local_date(at));
    let received: Vec<&Ticket> = tickets
        .iter()
        .filter(|t| in_period(t.registration.received_at))
        .collect();
    let staff_name = |id: Option<Id>| {
        id.and_then(|id| data.staff.get(id))
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };

    let kinds = ranked(received.iter().map(|t| t.registration.kind), usize::MAX);
    let repairs = ranked(
        received
            .iter()
            .filter(|t| t.registration.kind == Kind::Repair)
            .map(|t| {
                let product = &t.registration.product;
                format!("{} {}", product.category.trim(), product.model.trim())
                    .trim()
                    .to_string()
            })
            .filter(|model| !model.is_empty()),
        TOP,
    );

    let mut breaches: Vec<Breach> = tickets
        .iter()
        .filter(|t| calendar.local_date(t.registration.received_at) <= period.last_day())
        .flat_map(|t| {
            sla::clocks(t, inputs.policy, calendar, now)
                .into_iter()
                .filter(|c| c.standing.is_breach() && in_period(c.deadline))
                .map(|c| Breach {
                    ticket: t.id,
                    number: t.registration.number.clone(),
                    measure: c.measure,
                    deadline: c.deadline,
                    done_at: c.done_at,
                })
        })
        .collect();
    sorting::by_key(&mut breaches, |b| (b.deadline, b.ticket, b.measure));
    let breach_counts = ranked(breaches.iter().map(|b| b.measure), usize::MAX);
    breaches.truncate(LISTED);

    let mut bad_reviews: Vec<BadReview> = tickets
        .iter()
        .filter_map(|t| {
            let survey = t.survey.as_ref()?;
            (survey.is_bad_review() && in_period(survey.answered_at)).then(|| BadReview {
                ticket: t.id,
                number: t.registration.number.clone(),
                overall: survey.overall,
                engineer: staff_name(t.assignee),
                answered_at: survey.answered_at,
            })
        })
        .collect();
    sorting::by_key(&mut bad_reviews, |r| (r.answered_at, r.ticket));
    let bad_review_count = bad_reviews.len() as u32;
    bad_reviews.truncate(LISTED);

    ReportBody {
        period,
        kpis: kpi_lines(inputs, period),
        kinds,
        repairs,
        breach_counts,
        breaches,
        bad_review_count,
        bad_reviews,
        complaints: complaints(inputs, &received),
        fines: fines(data, period),
        outcomes: outcomes(inputs, period),
        open_actions: open_actions(inputs, period),
        actions_closed: data
            .corrective_actions
            .live()
            .filter(|(_, a)| matches!(a.status, Status::Closed { on, .. } if period.contains(on)))
            .count() as u32,
        basis: Basis {
            computed_at: now,
            tickets: tickets.len() as u32,
            events: data.tickets.event_count() as u64,
            latest_event: data
                .tickets
                .all_events()
                .map(|e| e.stamp.wall_ms as Instant)
                .max(),
        },
    }
}

fn kpi_lines(inputs: ReportInputs<'_>, period: Period) -> Vec<KpiLine> {
    let periods = period.trailing(TREND_PERIODS);
    let figures = engine::totals_of(
        &Kpi::ALL,
        Inputs {
            facts: inputs.facts,
            now: inputs.now,
        },
        &Filter::default(),
        &periods,
    );
    Kpi::ALL
        .into_iter()
        .zip(figures)
        .map(|(kpi, totals)| KpiLine {
            kpi,
            trend: totals
                .iter()
                .map(|t| Figure {
                    numerator: t.numerator,
                    denominator: t.denominator,
                })
                .collect(),
            target: inputs.settings.target(kpi),
            industry: inputs.settings.industry(kpi),
        })
        .collect()
}

fn complaints(inputs: ReportInputs<'_>, received: &[&Ticket]) -> Complaints {
    let ReportInputs {
        data,
        policy,
        calendar,
        now,
        ..
    } = inputs;
    let complaints: Vec<&Ticket> = received
        .iter()
        .copied()
        .filter(|t| {
            t.registration.kind == Kind::Complaint
                && t.state != crate::domain::ticket::state::State::Voided
        })
        .collect();
    let clock = |t: &Ticket, measure: Measure| {
        sla::clocks(t, policy, calendar, now)
            .into_iter()
            .find(|c| c.measure == measure)
    };
    let count =
        |keep: &dyn Fn(&Ticket) -> bool| complaints.iter().filter(|t| keep(t)).count() as u32;
    let rejected = |t: &Ticket| t.closed_at.is_some() && t.resolved_at.is_none();
    let solved = |t: &Ticket| t.resolved_at.is_some();
    let unit_name = |t: &Ticket| {
        t.registration
            .unit
            .and_then(|u| data.units.get(u))
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    Complaints {
        received: complaints.len() as u32,
        rejected: count(&rejected),
        verified_late: count(&|t| {
            clock(t, Measure::ComplaintVerification).is_some_and(|c| c.standing.is_breach())
        }),
        promised: count(&|t| t.promised_by.is_some()),
        promise_broken: count(&|t| {
            clock(t, Measure::Promised).is_some_and(|c| c.standing.is_breach())
        }),
        told: count(&|t| solved(t) && !t.result_untold()),
        untold: count(&|t| t.result_untold()),
        by_cause: ranked(
            complaints
                .iter()
                .filter(|t| t.informed_at.is_some())
                .map(|t| t.complaint_cause),
            usize::MAX,
        ),
        by_category: ranked(
            complaints
                .iter()
                .map(|t| t.registration.product.category.trim().to_string())
                .filter(|c| !c.is_empty()),
            TOP,
        ),
        by_unit: ranked(
            complaints
                .iter()
                .map(|t| unit_name(t))
                .filter(|u| !u.is_empty()),
            TOP,
        ),
    }
}

/// The providers' statements in force whose period lies within the report's (weeks and months).
fn fines(data: &Dataset, period: Period) -> Vec<Fine> {
    let mut fines: Vec<Fine> = data
        .providers
        .live()
        .flat_map(|(provider, _)| {
            let mut periods: Vec<Period> = data
                .statements
                .live()
                .filter(|(_, s)| {
                    s.body.provider == provider
                        && period.contains(s.body.period.first_day())
                        && period.contains(s.body.period.last_day())
                })
                .map(|(_, s)| s.body.period)
                .collect();
            sorting::by_key(&mut periods, |p| p.first_day());
            periods.dedup();
            periods
                .into_iter()
                .filter_map(move |p| provider_statement::current(data, provider, p))
                .map(|(_, s)| Fine {
                    provider: s.provider_name.clone(),
                    period: s.body.period,
                    version: s.version,
                    total: s.body.total,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    sorting::by(&mut fines, |a, b| {
        (a.period.first_day(), &a.provider).cmp(&(b.period.first_day(), &b.provider))
    });
    fines
}

/// The results published within the period, per cycle: each grade of the cycle's scale with its count.
fn outcomes(inputs: ReportInputs<'_>, period: Period) -> Vec<CycleOutcome> {
    let ReportInputs {
        data,
        assessments,
        calendar,
        ..
    } = inputs;
    let mut cycles: Vec<(Id, &super::assessment::cycle::Cycle)> = data.cycles.live().collect();
    sorting::by(&mut cycles, |a, b| (&a.1.name, a.0).cmp(&(&b.1.name, b.0)));
    cycles
        .into_iter()
        .filter_map(|(id, cycle)| {
            let grades: Vec<String> = assessments
                .iter()
                .filter(|a| {
                    a.cycle == id
                        && a.published_at
                            .is_some_and(|at| period.contains(calendar.local_date(at)))
                })
                .filter_map(|a| a.final_score(&cycle.scheme))
                .map(|(score, _)| cycle.scheme.grades.grade(score).label.clone())
                .collect();
            (!grades.is_empty()).then(|| CycleOutcome {
                cycle: cycle.name.clone(),
                grades: cycle
                    .scheme
                    .grades
                    .bands()
                    .iter()
                    .map(|band| {
                        let count = grades.iter().filter(|g| **g == band.label).count();
                        (band.label.clone(), count as u32)
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The corrective actions still open when the report is computed that were opened by the period's end, or from
/// this period's complaints analysis (its improvement measures, opened while the report is written).
fn open_actions(inputs: ReportInputs<'_>, period: Period) -> Vec<OpenAction> {
    let ReportInputs {
        data,
        calendar,
        now,
        ..
    } = inputs;
    let today = calendar.local_date(now);
    let mut open: Vec<OpenAction> = data
        .corrective_actions
        .live()
        .filter(|(_, a)| {
            let analysed_here = a.source == super::corrective::Source::ComplaintAnalysis { period };
            a.status == Status::Open && (a.opened <= period.last_day() || analysed_here)
        })
        .map(|(id, a)| OpenAction {
            action: id,
            what: a.what.clone(),
            owner: data
                .users
                .get(a.owner)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            due: a.due,
            overdue: a.is_overdue(today),
        })
        .collect();
    sorting::by_key(&mut open, |a| (!a.overdue, a.due, a.action));
    open
}

/// Each value with how many times it occurs, most first (ties in the values' order), at most `top`.
fn ranked<T: Ord>(values: impl Iterator<Item = T>, top: usize) -> Vec<(T, u32)> {
    let mut counts = std::collections::BTreeMap::new();
    for value in values {
        *counts.entry(value).or_insert(0u32) += 1;
    }
    let mut ranked: Vec<(T, u32)> = counts.into_iter().collect();
    sorting::by_key(&mut ranked, |(_, count)| std::cmp::Reverse(*count));
    ranked.truncate(top);
    ranked
}

/// The id of `period`'s issued report: the same on every device.
pub fn issued_id(period: Period) -> Id {
    period_id(b"aftersales period report\0", period)
}

/// The id of `period`'s draft: the same on every device.
pub fn draft_id(period: Period) -> Id {
    period_id(b"aftersales period report draft\0", period)
}

fn period_id(tag: &[u8], period: Period) -> Id {
    Id::derived(&[tag, period.key().as_bytes()])
}

/// `period`'s issued report, if it was issued.
pub fn issued_report(data: &Dataset, period: Period) -> Option<&PeriodReport> {
    data.period_reports
        .get(issued_id(period))
        .filter(|r| r.issued.is_some())
}

/// `period`'s draft, if one was saved.
pub fn draft_report(data: &Dataset, period: Period) -> Option<&PeriodReport> {
    data.period_reports.get(draft_id(period))
}

/// The manager's text as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportDraft {
    pub findings: String,
    pub proposals: String,
    pub lessons: String,
}

impl ReportDraft {
    /// The draft with this text for `period`; refused once the period's report is issued (`issued`). Issuing
    /// (`issue`) needs findings and proposals written.
    pub fn check(&self, period: Period, issued: Option<&PeriodReport>) -> Checked<PeriodReport> {
        let mut problems = Problems::default();
        let text = |raw: &str, field, problems: &mut Problems| {
            crate::domain::ticket::intake::optional_text(raw, TEXT_MAX, field, problems)
        };
        let findings = text(&self.findings, Field::Findings, &mut problems);
        let proposals = text(&self.proposals, Field::Proposals, &mut problems);
        let lessons = text(&self.lessons, Field::Lessons, &mut problems);
        if issued.is_some_and(|r| r.issued.is_some()) {
            problems.add(Field::Record, Problem::ReportIssued);
        }
        problems.finish(|| PeriodReport {
            period,
            findings,
            proposals,
            lessons,
            issued: None,
        })
    }

    /// The report issued with `body`, by `by` at `at` (to be written under `issued_id`): the period must be over on
    /// `today`, it not issued yet (`issued`), and the findings and proposals written (a report to leadership says
    /// what was found and what is proposed).
    pub fn issue(
        &self,
        issued: Option<&PeriodReport>,
        body: ReportBody,
        by: (Option<Id>, String),
        at: Instant,
        today: Date,
    ) -> Checked<PeriodReport> {
        let period = body.period;
        let mut problems = match self.check(period, issued) {
            Ok(_) => Problems::default(),
            Err(found) => Problems::from(found),
        };
        // Written: something visible (`text::cleaned` drops what is not).
        if super::text::cleaned(&self.findings).is_empty() {
            problems.add(Field::Findings, Problem::Required);
        }
        if super::text::cleaned(&self.proposals).is_empty() {
            problems.add(Field::Proposals, Problem::Required);
        }
        if today <= period.last_day() {
            problems.add(Field::Record, Problem::ReportPeriodNotOver);
        }
        let report = self.check(period, None);
        problems.finish(|| {
            let mut report = report.expect("checked");
            report.issued = Some(Box::new(Issued {
                body,
                by: by.0,
                by_name: by.1,
                at,
            }));
            report
        })
    }
}
