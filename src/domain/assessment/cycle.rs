//! One person's assessment in one cycle (R6.5, S21 第13–17条, S8, S2 5.5) as immutable events folded into its stage —
//! the same shape as a ticket: events are a set that merges by union, folded in stamp order; an event that does
//! not fit where it lands (two devices acted at once) is kept as a conflict, never dropped.
//!
//! The way through: the person fills the 工作目标计划表 → the superior approves (or returns it with a reason) → HR
//! files it; adjusting the plan sends it back for approval and is counted. The superior scores the 工作业绩评估表,
//! the raters their 综合能力评估表; HR compiles the 绩效考核结果处理表 (freezing the KPI figures), which is approved
//! in turn by 上级主管 → 职能部门经理 → 人力资源总监 → 总经理 — each may return it with a reason, back to scoring. The
//! superior may adjust the result with a reason at their step (the computed score is kept). HR publishes (公示); the
//! person may appeal within the cycle's window; the committee decides finally; HR archives, after which nothing
//! changes — a correction is a new assessment that names the one it corrects.
//!
//! Owns: `AssessmentEvent`, `AssessmentStep` (what happened), `Stage`, `stage_after` (the transition table), `Assessment` (the fold: plan, entries, ratings, approvals,
//! adjustment, appeal, conflicts), `Assessment::check` ("may this happen now?"), `Actor` and `may` (who may do
//! which step), and the result as the person may see it (rater means, never who gave which). Must not: read the
//! clock (the caller passes the time) or store anything; the org is read only to propose a person's raters
//! (`default_raters`) — whether an actor may take a step is decided on the relation the caller passes.

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::composite::RaterScores;
use super::exact::{Exact, Shown};
use super::grade::Band;
use super::rule::Entry;
use super::scheme::{Scheme, Source};
use super::sheet::{Given, SheetResult, score_sheet};
use crate::domain::access::Role;
use crate::domain::calendar::{Date, Instant};
use crate::domain::clock::Stamp;
use crate::domain::dataset::{Change, Dataset};
use crate::domain::event_log::{EventLog, LogEvent};
use crate::domain::ids::{DeviceId, Id};
use crate::domain::record::Versioned;
use crate::domain::sorting;

/// 考核周期: HR opens one for a scheme and a period; each person in it has an `Assessment`. The scheme is copied in
/// when the cycle opens, so editing the scheme later changes no cycle already running.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cycle {
    pub name: String,
    pub scheme: Scheme,
    pub period: CyclePeriod,
    /// Days after publication within which the person may appeal.
    pub appeal_days: u32,
    /// When the plans should be filed, the forms scored and the results approved (the cycle board marks what is
    /// late).
    pub plans_due: Date,
    pub forms_due: Date,
    pub results_due: Date,
}

/// Which period of the scheme's cadence: `part` is the month (1–12), the quarter (1–4) or the half (1–2) of
/// `year`, and 0 for a yearly cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CyclePeriod {
    pub year: i32,
    pub part: u8,
}

impl LogEvent for AssessmentEvent {
    fn id(&self) -> Id {
        self.id
    }

    fn owner(&self) -> Id {
        self.assessment
    }

    fn stamp(&self) -> Stamp {
        self.stamp
    }
}

/// Every assessment's events.
pub type AssessmentLog = EventLog<AssessmentEvent>;

/// Every assessment folded with its cycle's scheme (one whose cycle is unknown here — not yet synced — is left
/// out until it arrives).
pub fn fold_all(data: &Dataset) -> Vec<Assessment> {
    data.assessments
        .owners()
        .filter_map(|(_, events)| {
            // The opening event names the cycle, and so the scheme and the appeal window.
            let cycle = events.iter().find_map(|e| match e.what {
                AssessmentStep::Opened { cycle, .. } => Some(cycle),
                _ => None,
            })?;
            let cycle = data.cycles.get(cycle)?;
            Assessment::fold(events, &cycle.scheme, cycle.appeal_days)
        })
        .collect()
}

/// The four approvals of the 绩效考核结果处理表, in order (S21 第17条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApprovalStep {
    /// 上级主管: the person's direct superior.
    Superior,
    /// 职能部门经理
    DepartmentManager,
    /// 人力资源总监
    HrDirector,
    /// 总经理
    GeneralManager,
}

impl ApprovalStep {
    pub const CHAIN: [ApprovalStep; 4] = [
        ApprovalStep::Superior,
        ApprovalStep::DepartmentManager,
        ApprovalStep::HrDirector,
        ApprovalStep::GeneralManager,
    ];

    pub fn next(self) -> Option<ApprovalStep> {
        let at = ApprovalStep::CHAIN.iter().position(|s| *s == self)?;
        ApprovalStep::CHAIN.get(at + 1).copied()
    }
}

/// A rater's relation to the assessed person (R6.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    Superior,
    Peer,
    Subordinate,
}

slugs!(Relation {
    Superior => "Superior",
    Peer => "Peer",
    Subordinate => "Subordinate",
});

/// One line of the 工作目标计划表.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Goal {
    pub goal: String,
    /// How it is measured / what counts as done.
    pub measure: String,
}

/// What happened to an assessment. Indicator positions (`u32`) are the cycle's scheme's.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AssessmentStep {
    /// HR opens the person's assessment in a cycle; `corrects` names an archived one this corrects.
    Opened {
        cycle: Id,
        person: Id,
        corrects: Option<Id>,
    },
    PlanSubmitted {
        goals: Vec<Goal>,
    },
    PlanApproved,
    PlanReturned {
        reason: String,
    },
    PlanFiled,
    /// The plan changed after approval: approved and filed again, and counted.
    PlanAdjusted {
        goals: Vec<Goal>,
        reason: String,
    },
    /// The superior's 工作业绩评估表: entries of the manual indicators (a later one replaces an earlier per indicator).
    PerformanceScored {
        entries: Vec<(u32, Entry)>,
    },
    /// One rater's 综合能力评估表 (the rater is the event's `by`; a later one of theirs replaces the earlier).
    Rated {
        relation: Relation,
        scores: Vec<(u32, Exact)>,
    },
    /// HR compiles the 绩效考核结果处理表, freezing the KPI indicators' entries.
    Compiled {
        kpis: Vec<(u32, Entry)>,
    },
    /// Who is asked to fill the 综合能力评估表, and as what (derived from the org when the cycle opens; HR may
    /// change it before compiling). A later list replaces the earlier.
    RatersAssigned {
        raters: Vec<(Id, Relation)>,
    },
    Approved {
        step: ApprovalStep,
    },
    Returned {
        step: ApprovalStep,
        reason: String,
    },
    /// The superior changes the result at their approval (S8 第七条): the computed score is kept beside it.
    Adjusted {
        score: Shown,
        reason: String,
    },
    Published,
    Appealed {
        reason: String,
    },
    /// The committee's final decision: the score stands (`None`) or becomes `score`.
    AppealDecided {
        score: Option<Shown>,
        reason: String,
    },
    Archived,
}

impl AssessmentStep {
    /// HR's own steps, which run the cycle: open, assign raters, file, compile, publish, archive.
    pub fn runs_the_cycle(&self) -> bool {
        matches!(
            self,
            AssessmentStep::Opened { .. }
                | AssessmentStep::RatersAssigned { .. }
                | AssessmentStep::PlanFiled
                | AssessmentStep::Compiled { .. }
                | AssessmentStep::Published
                | AssessmentStep::Archived
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AssessmentEvent {
    pub id: Id,
    pub assessment: Id,
    pub stamp: Stamp,
    pub at: Instant,
    /// The staff member who did it.
    pub by: Id,
    pub what: AssessmentStep,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Opened: the person writes their plan.
    Planning,
    PlanAwaitingApproval,
    PlanApproved,
    /// Plan filed: the forms are out.
    Scoring,
    /// Compiled; waiting for this approval.
    Approving(ApprovalStep),
    /// Every approval given: HR may publish.
    Approved,
    Published,
    Appealed,
    Decided,
    Archived,
}

impl Stage {
    /// The stage's stable name in the page's test hooks (`slug`'s rule: written out, not derived from the variant).
    pub fn slug(self) -> &'static str {
        match self {
            Stage::Planning => "Planning",
            Stage::PlanAwaitingApproval => "PlanAwaitingApproval",
            Stage::PlanApproved => "PlanApproved",
            Stage::Scoring => "Scoring",
            Stage::Approving(ApprovalStep::Superior) => "Approving(Superior)",
            Stage::Approving(ApprovalStep::DepartmentManager) => "Approving(DepartmentManager)",
            Stage::Approving(ApprovalStep::HrDirector) => "Approving(HrDirector)",
            Stage::Approving(ApprovalStep::GeneralManager) => "Approving(GeneralManager)",
            Stage::Approved => "Approved",
            Stage::Published => "Published",
            Stage::Appealed => "Appealed",
            Stage::Decided => "Decided",
            Stage::Archived => "Archived",
        }
    }
}

/// The cycle's transition table, as `ticket::state::next_state` is the ticket's: the stage `step` leads to from
/// `stage`, or `None` where it is not taken then. What else a step needs — the rater's place, scores in range, a
/// complete sheet, the appeal window — the fold checks on top of it (`Assessment::check`).
pub fn stage_after(stage: Stage, step: &AssessmentStep) -> Option<Stage> {
    use Stage::*;
    match (stage, step) {
        (Archived, _) | (_, AssessmentStep::Opened { .. }) => None,
        (Planning, AssessmentStep::PlanSubmitted { .. }) => Some(PlanAwaitingApproval),
        (PlanAwaitingApproval, AssessmentStep::PlanApproved) => Some(PlanApproved),
        (PlanAwaitingApproval, AssessmentStep::PlanReturned { .. }) => Some(Planning),
        (PlanApproved, AssessmentStep::PlanFiled) => Some(Scoring),
        (PlanApproved | Scoring, AssessmentStep::PlanAdjusted { .. }) => Some(PlanAwaitingApproval),
        (Scoring, AssessmentStep::PerformanceScored { .. } | AssessmentStep::Rated { .. }) => {
            Some(Scoring)
        }
        (
            Planning | PlanAwaitingApproval | PlanApproved | Scoring,
            AssessmentStep::RatersAssigned { .. },
        ) => Some(stage),
        (Scoring, AssessmentStep::Compiled { .. }) => Some(Approving(ApprovalStep::Superior)),
        (Approving(due), AssessmentStep::Approved { step }) if *step == due => {
            Some(step.next().map_or(Approved, Approving))
        }
        (Approving(due), AssessmentStep::Returned { step, .. }) if *step == due => Some(Scoring),
        (Approving(ApprovalStep::Superior), AssessmentStep::Adjusted { .. }) => Some(stage),
        (Approved, AssessmentStep::Published) => Some(Published),
        (Published, AssessmentStep::Appealed { .. }) => Some(Appealed),
        (Appealed, AssessmentStep::AppealDecided { .. }) => Some(Decided),
        (Published | Decided, AssessmentStep::Archived) => Some(Archived),
        _ => None,
    }
}

impl Stage {
    /// Whether HR has compiled the 绩效考核结果处理表 (it exists from then on, whatever followed).
    pub fn compiled(self) -> bool {
        !matches!(
            self,
            Stage::Planning | Stage::PlanAwaitingApproval | Stage::PlanApproved | Stage::Scoring
        )
    }
}

/// Why a step may not happen now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssessmentRefusal {
    /// Not at this stage.
    NotNow(Stage),
    /// The first event must open the assessment, and only the first.
    Opening,
    /// A reason, a goal or a decision must be written.
    TextRequired,
    /// An indicator position the scheme does not have, or of another source.
    NoSuchIndicator(u32),
    /// Compiling with an indicator still unscored (its position).
    Incomplete(u32),
    ScoreAbove100,
    /// The approval given is not the one due.
    WrongStep(ApprovalStep),
    /// A form from someone not asked to rate, or rating as another relation than asked.
    NotARater,
    /// The appeal window closed at this time.
    AppealClosed {
        closed_at: Instant,
    },
    /// Archived: nothing changes; correct with a new assessment.
    Archived,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedStep {
    pub event: Id,
    pub refusal: AssessmentRefusal,
}

/// A rater's latest scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating {
    pub rater: Id,
    pub relation: Relation,
    pub scores: Vec<(u32, Exact)>,
}

/// An approval or a return, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub step: ApprovalStep,
    pub by: Id,
    pub at: Instant,
    /// `Some(reason)` for a return.
    pub returned: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub id: Id,
    pub cycle: Id,
    pub person: Id,
    pub corrects: Option<Id>,
    pub stage: Stage,
    pub goals: Vec<Goal>,
    /// Plan adjustments after the first approval (S21 第14条: counted).
    pub plan_adjustments: u32,
    /// The last reason the plan was returned, while it is being rewritten.
    pub plan_returned: Option<String>,
    pub performance: Vec<(u32, Entry)>,
    /// Who is asked to rate, and as what.
    pub raters: Vec<(Id, Relation)>,
    pub ratings: Vec<Rating>,
    pub kpis: Vec<(u32, Entry)>,
    pub decisions: Vec<Decision>,
    pub adjustment: Option<(Shown, String)>,
    pub published_at: Option<Instant>,
    pub appeal: Option<String>,
    pub decision: Option<(Option<Shown>, String)>,
    pub conflicts: Vec<RefusedStep>,
}

impl Assessment {
    /// The assessment its events make (in stamp order), or `None` before it is opened.
    pub fn fold(
        events: &[AssessmentEvent],
        scheme: &Scheme,
        appeal_days: u32,
    ) -> Option<Assessment> {
        let mut ordered: Vec<&AssessmentEvent> = events.iter().collect();
        sorting::by_key(&mut ordered, |e| (e.stamp, e.id));
        ordered.dedup_by_key(|e| e.id);
        let first = ordered.first()?;
        let AssessmentStep::Opened {
            cycle,
            person,
            corrects,
        } = first.what
        else {
            return None;
        };
        let mut assessment = Assessment {
            id: first.assessment,
            cycle,
            person,
            corrects,
            stage: Stage::Planning,
            goals: Vec::new(),
            plan_adjustments: 0,
            plan_returned: None,
            performance: Vec::new(),
            raters: Vec::new(),
            ratings: Vec::new(),
            kpis: Vec::new(),
            decisions: Vec::new(),
            adjustment: None,
            published_at: None,
            appeal: None,
            decision: None,
            conflicts: Vec::new(),
        };
        for event in &ordered[1..] {
            if let Err(refusal) = assessment.apply(event, scheme, appeal_days) {
                assessment.conflicts.push(RefusedStep {
                    event: event.id,
                    refusal,
                });
            }
        }
        Some(assessment)
    }

    /// Whether `what` by `by` at `at` may happen now (the rules of the fold; who may is `may`'s).
    pub fn check(
        &self,
        what: &AssessmentStep,
        by: Id,
        at: Instant,
        scheme: &Scheme,
        appeal_days: u32,
    ) -> Result<(), AssessmentRefusal> {
        let event = AssessmentEvent {
            id: Id::NIL,
            assessment: self.id,
            stamp: Stamp {
                wall_ms: u64::MAX,
                counter: 0,
                device: DeviceId::from_u128(0),
            },
            at,
            by,
            what: what.clone(),
        };
        self.clone().apply(&event, scheme, appeal_days)
    }

    /// When the appeal window closes (published + the cycle's days), once published.
    pub fn appeal_closes(&self, appeal_days: u32) -> Option<Instant> {
        const DAY_MS: i64 = 24 * 60 * 60 * 1000;
        self.published_at
            .map(|at| at + i64::from(appeal_days) * DAY_MS)
    }

    /// When the appeal window closes, while it is still open at `now` (the board's "appeal window", a person's
    /// appeal form and their result's deadline all ask this).
    pub fn appeal_open_until(&self, appeal_days: u32, now: Instant) -> Option<Instant> {
        self.appeal_closes(appeal_days)
            .filter(|closes| now <= *closes)
    }

    fn apply(
        &mut self,
        event: &AssessmentEvent,
        scheme: &Scheme,
        appeal_days: u32,
    ) -> Result<(), AssessmentRefusal> {
        let stage = self.stage;
        if stage == Stage::Archived {
            return Err(AssessmentRefusal::Archived);
        }
        require_text(&event.what)?;
        let Some(next) = stage_after(stage, &event.what) else {
            return Err(match (stage, &event.what) {
                (_, AssessmentStep::Opened { .. }) => AssessmentRefusal::Opening,
                (
                    Stage::Approving(due),
                    AssessmentStep::Approved { .. } | AssessmentStep::Returned { .. },
                ) => AssessmentRefusal::WrongStep(due),
                _ => AssessmentRefusal::NotNow(stage),
            });
        };
        // What a step needs beyond the table, and what it records.
        match &event.what {
            AssessmentStep::Opened { .. }
            | AssessmentStep::PlanApproved
            | AssessmentStep::PlanFiled => {}
            AssessmentStep::PlanSubmitted { goals } => {
                self.goals = goals.clone();
                self.plan_returned = None;
            }
            AssessmentStep::PlanReturned { reason } => self.plan_returned = Some(reason.clone()),
            AssessmentStep::PlanAdjusted { goals, .. } => {
                self.goals = goals.clone();
                self.plan_adjustments += 1;
            }
            AssessmentStep::PerformanceScored { entries } => {
                for (at, _) in entries {
                    expect_source(scheme, *at, |s| s == Source::Manual)?;
                }
                for (at, entry) in entries {
                    self.performance.retain(|(i, _)| i != at);
                    self.performance.push((*at, entry.clone()));
                }
            }
            AssessmentStep::Rated { relation, scores } => {
                if !self.raters.contains(&(event.by, *relation)) {
                    return Err(AssessmentRefusal::NotARater);
                }
                for (at, score) in scores {
                    expect_source(scheme, *at, |s| s == Source::Raters)?;
                    if *score > Exact::HUNDRED {
                        return Err(AssessmentRefusal::ScoreAbove100);
                    }
                }
                self.ratings.retain(|r| r.rater != event.by);
                self.ratings.push(Rating {
                    rater: event.by,
                    relation: *relation,
                    scores: scores.clone(),
                });
            }
            AssessmentStep::RatersAssigned { raters } => {
                if raters.iter().any(|(rater, _)| *rater == self.person) {
                    return Err(AssessmentRefusal::NotARater);
                }
                // A form already given by someone no longer asked no longer counts.
                self.ratings
                    .retain(|r| raters.contains(&(r.rater, r.relation)));
                self.raters = raters.clone();
            }
            AssessmentStep::Compiled { kpis } => {
                for (at, _) in kpis {
                    expect_source(scheme, *at, |s| matches!(s, Source::Kpi(_)))?;
                }
                let mut compiled = self.clone();
                compiled.kpis = kpis.clone();
                let result = compiled.computed(scheme);
                if let Some(at) = result.indicators.iter().position(|r| r.score.is_none()) {
                    return Err(AssessmentRefusal::Incomplete(at as u32));
                }
                self.kpis = kpis.clone();
                self.adjustment = None;
            }
            AssessmentStep::Approved { step } | AssessmentStep::Returned { step, .. } => {
                // Approved: on to the next step, or done; returned: back to scoring, to be compiled again.
                let returned = match &event.what {
                    AssessmentStep::Returned { reason, .. } => Some(reason.clone()),
                    _ => None,
                };
                self.decisions.push(Decision {
                    step: *step,
                    by: event.by,
                    at: event.at,
                    returned,
                });
            }
            AssessmentStep::Adjusted { score, reason } => {
                if *score > Shown::HUNDRED {
                    return Err(AssessmentRefusal::ScoreAbove100);
                }
                self.adjustment = Some((*score, reason.clone()));
            }
            AssessmentStep::Published => self.published_at = Some(event.at),
            AssessmentStep::Appealed { reason } => {
                let closes = self.appeal_closes(appeal_days).expect("published");
                if event.at > closes {
                    return Err(AssessmentRefusal::AppealClosed { closed_at: closes });
                }
                self.appeal = Some(reason.clone());
            }
            AssessmentStep::AppealDecided { score, reason } => {
                if score.is_some_and(|s| s > Shown::HUNDRED) {
                    return Err(AssessmentRefusal::ScoreAbove100);
                }
                self.decision = Some((*score, reason.clone()));
            }
            AssessmentStep::Archived => {
                // Published and undisputed: archived once the appeal window is over.
                let window_over = self
                    .appeal_closes(appeal_days)
                    .is_some_and(|closes| event.at > closes);
                if stage == Stage::Published && !window_over {
                    return Err(AssessmentRefusal::NotNow(stage));
                }
            }
        }
        self.stage = next;
        Ok(())
    }

    /// What each indicator was given so far: the superior's entries, the raters' scores by relation, the KPI figures
    /// compiled.
    pub fn given(&self, scheme: &Scheme) -> Vec<Given> {
        (0..scheme.indicators.len() as u32)
            .map(|at| match scheme.indicators[at as usize].source {
                Source::Manual => entry_at(&self.performance, at),
                Source::Kpi(_) => entry_at(&self.kpis, at),
                Source::Raters => {
                    let mut scores = RaterScores::default();
                    for rating in &self.ratings {
                        if let Some((_, score)) = rating.scores.iter().find(|(i, _)| *i == at) {
                            match rating.relation {
                                Relation::Superior => scores.superior.push(*score),
                                Relation::Peer => scores.peers.push(*score),
                                Relation::Subordinate => scores.subordinates.push(*score),
                            }
                        }
                    }
                    Given::Raters(scores)
                }
            })
            .collect()
    }

    /// Whether the forms give every indicator that is not a KPI its score — the superior's entries, at least one
    /// rating where the sheet is rated — so that HR may compile (the compile's own test, `AssessmentRefusal::Incomplete`,
    /// with the KPI figures still to come). While scoring, HR's compile is then what is waited for.
    pub fn forms_in(&self, scheme: &Scheme) -> bool {
        let result = self.computed(scheme);
        scheme
            .indicators
            .iter()
            .zip(&result.indicators)
            .all(|(indicator, scored)| {
                matches!(indicator.source, Source::Kpi(_)) || scored.score.is_some()
            })
    }

    /// The sheet as computed from what was given (before any adjustment or appeal).
    pub fn computed(&self, scheme: &Scheme) -> SheetResult {
        score_sheet(scheme, &self.given(scheme))
    }

    /// The score that stands, and why: the committee's decision, else the superior's adjustment, else the computed
    /// score.
    pub fn final_score(&self, scheme: &Scheme) -> Option<(Shown, ScoreSource)> {
        if let Some((Some(score), _)) = &self.decision {
            return Some((*score, ScoreSource::Appeal));
        }
        if let Some((score, _)) = &self.adjustment {
            return Some((*score, ScoreSource::Adjusted));
        }
        self.computed(scheme)
            .shown
            .map(|s| (s, ScoreSource::Computed))
    }

    /// The grade of the score that stands.
    pub fn final_grade(&self, scheme: &Scheme) -> Option<Band> {
        self.final_score(scheme)
            .map(|(score, _)| scheme.grades.grade(score).clone())
    }

    /// Whether the person may see their result (after publication).
    pub fn visible_to_person(&self) -> bool {
        self.published_at.is_some()
    }

    /// What the assessed person sees, once published: the sheet (rater scores only as the means of each group), the
    /// score that stands and why, the grade, and the reasons given — never who gave which score (S20 匿名).
    pub fn person_view(&self, scheme: &Scheme) -> Option<PersonView> {
        if !self.visible_to_person() {
            return None;
        }
        let (score, standing) = self.final_score(scheme)?;
        Some(PersonView {
            sheet: self.computed(scheme),
            score,
            standing,
            grade: scheme.grades.grade(score).clone(),
            adjustment_reason: self.adjustment.as_ref().map(|(_, r)| r.clone()),
            appeal: self.appeal.clone(),
            decision_reason: self.decision.as_ref().map(|(_, r)| r.clone()),
        })
    }
}

/// The assessed person's view of their published result. It holds no rater ids by construction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonView {
    pub sheet: SheetResult,
    pub score: Shown,
    pub standing: ScoreSource,
    pub grade: Band,
    pub adjustment_reason: Option<String>,
    pub appeal: Option<String>,
    pub decision_reason: Option<String>,
}

/// Where the standing score comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreSource {
    Computed,
    Adjusted,
    Appeal,
}

fn entry_at(entries: &[(u32, Entry)], at: u32) -> Given {
    entries
        .iter()
        .find(|(i, _)| *i == at)
        .map_or(Given::Nothing, |(_, e)| Given::Entry(e.clone()))
}

fn expect_source(
    scheme: &Scheme,
    at: u32,
    fits: impl Fn(Source) -> bool,
) -> Result<(), AssessmentRefusal> {
    match scheme.indicators.get(at as usize) {
        Some(indicator) if fits(indicator.source) => Ok(()),
        _ => Err(AssessmentRefusal::NoSuchIndicator(at)),
    }
}

fn require_text(what: &AssessmentStep) -> Result<(), AssessmentRefusal> {
    let missing = match what {
        AssessmentStep::PlanSubmitted { goals } | AssessmentStep::PlanAdjusted { goals, .. }
            if goals.is_empty() || goals.iter().any(|g| g.goal.trim().is_empty()) =>
        {
            true
        }
        AssessmentStep::PlanReturned { reason }
        | AssessmentStep::PlanAdjusted { reason, .. }
        | AssessmentStep::Returned { reason, .. }
        | AssessmentStep::Adjusted { reason, .. }
        | AssessmentStep::Appealed { reason }
        | AssessmentStep::AppealDecided { reason, .. } => reason.trim().is_empty(),
        _ => false,
    };
    match missing {
        true => Err(AssessmentRefusal::TextRequired),
        false => Ok(()),
    }
}

/// Who is acting, as it concerns this assessment: their role, whether they are the assessed person, and their
/// relation to that person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    pub is_person: bool,
    /// As this assessment's rater list has them (`Assessment::raters`), else as the org gives it (R1.3): the list
    /// is what HR settled, so a rater HR added from another team rates as listed.
    pub relation: Option<Relation>,
}

/// Whether `actor` may take `step` (the fold decides whether it fits now).
pub fn may(actor: Actor, step: &AssessmentStep) -> bool {
    let superior = actor.relation == Some(Relation::Superior);
    let hr = matches!(actor.role, Role::HumanResources | Role::Admin);
    // Exhaustive on purpose (a new step must be given its actor here); the HR arm is `AssessmentStep::runs_the_cycle`'s list.
    match step {
        AssessmentStep::Opened { .. }
        | AssessmentStep::RatersAssigned { .. }
        | AssessmentStep::PlanFiled
        | AssessmentStep::Compiled { .. }
        | AssessmentStep::Published
        | AssessmentStep::Archived => hr,
        AssessmentStep::PlanSubmitted { .. }
        | AssessmentStep::PlanAdjusted { .. }
        | AssessmentStep::Appealed { .. } => actor.is_person,
        AssessmentStep::PlanApproved
        | AssessmentStep::PlanReturned { .. }
        | AssessmentStep::PerformanceScored { .. }
        | AssessmentStep::Adjusted { .. } => superior,
        AssessmentStep::Rated { relation, .. } => {
            actor.relation == Some(*relation) && !actor.is_person
        }
        AssessmentStep::Approved { step } | AssessmentStep::Returned { step, .. } => match step {
            ApprovalStep::Superior => superior,
            ApprovalStep::DepartmentManager => actor.role == Role::Manager && !actor.is_person,
            ApprovalStep::HrDirector => actor.role == Role::HumanResources && !actor.is_person,
            ApprovalStep::GeneralManager => actor.role == Role::GeneralManager && !actor.is_person,
        },
        AssessmentStep::AppealDecided { .. } => actor.role == Role::Committee && !actor.is_person,
    }
}

/// The raters the org gives a person (R6.3, `org::raters`): the direct superior, the peers (same superior) and the
/// direct subordinates — HR may change the list.
pub fn default_raters(person: Id, data: &Dataset) -> Vec<(Id, Relation)> {
    let org = crate::domain::org::raters(person, data);
    org.superior
        .map(|s| (s, Relation::Superior))
        .into_iter()
        .chain(org.peers.into_iter().map(|p| (p, Relation::Peer)))
        .chain(
            org.subordinates
                .into_iter()
                .map(|s| (s, Relation::Subordinate)),
        )
        .collect()
}

/// A cycle as HR opens it: the record, who is in it, who opens it and when.
pub struct Opening<'a> {
    pub cycle: Cycle,
    pub people: &'a [Id],
    /// HR's staff id.
    pub by: Id,
    pub at: Instant,
}

/// What opening a cycle writes: the cycle record, and for each person an assessment opened with its raters
/// assigned from the org. `next_id` and `next_stamp` are the device's (ids, the clock).
pub fn open_cycle(
    opening: Opening<'_>,
    data: &Dataset,
    mut next_id: impl FnMut() -> Id,
    mut next_stamp: impl FnMut() -> Stamp,
) -> Vec<Change> {
    let cycle_id = next_id();
    let mut changes = vec![Change::Cycle(Versioned {
        id: cycle_id,
        stamp: next_stamp(),
        deleted: false,
        history: None,
        body: opening.cycle,
    })];
    for person in opening.people {
        let opened = AssessmentStep::Opened {
            cycle: cycle_id,
            person: *person,
            corrects: None,
        };
        let (_, events) = opening_events(
            [
                opened,
                AssessmentStep::RatersAssigned {
                    raters: default_raters(*person, data),
                },
            ],
            (opening.by, opening.at),
            &mut next_id,
            &mut next_stamp,
        );
        changes.extend(events);
    }
    changes
}

/// A new assessment's first events (`steps`, taken by `by` at `at`), with its new id.
fn opening_events(
    steps: [AssessmentStep; 2],
    (by, at): (Id, Instant),
    mut next_id: impl FnMut() -> Id,
    mut next_stamp: impl FnMut() -> Stamp,
) -> (Id, Vec<Change>) {
    let assessment = next_id();
    let events = steps
        .into_iter()
        .map(|what| {
            Change::AssessmentEvent(AssessmentEvent {
                id: next_id(),
                assessment,
                stamp: next_stamp(),
                at,
                by,
                what,
            })
        })
        .collect();
    (assessment, events)
}

/// What opening a correction of an archived assessment writes (R6.5: archived results never change; a correction
/// is a new assessment of the same person in the same cycle that names the one it corrects, with the same raters,
/// and goes the whole way again). `None` unless `archived` is archived.
pub fn open_correction(
    archived: &Assessment,
    by: Id,
    at: Instant,
    next_id: impl FnMut() -> Id,
    next_stamp: impl FnMut() -> Stamp,
) -> Option<(Id, Vec<Change>)> {
    if archived.stage != Stage::Archived {
        return None;
    }
    let opened = AssessmentStep::Opened {
        cycle: archived.cycle,
        person: archived.person,
        corrects: Some(archived.id),
    };
    let raters = AssessmentStep::RatersAssigned {
        raters: archived.raters.clone(),
    };
    Some(opening_events(
        [opened, raters],
        (by, at),
        next_id,
        next_stamp,
    ))
}
