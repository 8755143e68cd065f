//! The cycle board (R6.5 screens): where each person's assessment stands, whose move it is, what is late, and how
//! the grades fall.
//!
//! Owns: `Waiting` (whose move), `BoardRow`, `board` and `distribution`. Must not: change anything, or show a result
//! before it is published to anyone but those running the cycle (the screens decide who sees the board).

use super::cycle::{ApprovalStep, Assessment, Cycle, Stage};
use super::exact::Shown;
use crate::domain::calendar::{Date, Instant};
use crate::domain::ids::Id;

/// Whose move it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Waiting {
    /// The assessed person: the plan.
    Person,
    /// The direct superior: approving the plan, or their form.
    Superior,
    /// The superior's and the raters' forms, then HR's compile.
    Forms,
    Approver(ApprovalStep),
    /// HR: filing, publishing, archiving.
    HumanResources,
    /// Published: the appeal window is open.
    AppealWindow,
    Committee,
    Nobody,
}

impl Waiting {
    /// Whose move, as the board's test hooks name it (`slug`'s rule: written out, not derived from the variant).
    pub fn slug(self) -> &'static str {
        match self {
            Waiting::Person => "Person",
            Waiting::Superior => "Superior",
            Waiting::Forms => "Forms",
            Waiting::Approver(ApprovalStep::Superior) => "Approver(Superior)",
            Waiting::Approver(ApprovalStep::DepartmentManager) => "Approver(DepartmentManager)",
            Waiting::Approver(ApprovalStep::HrDirector) => "Approver(HrDirector)",
            Waiting::Approver(ApprovalStep::GeneralManager) => "Approver(GeneralManager)",
            Waiting::HumanResources => "HumanResources",
            Waiting::AppealWindow => "AppealWindow",
            Waiting::Committee => "Committee",
            Waiting::Nobody => "Nobody",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardRow {
    pub assessment: Id,
    pub person: Id,
    pub stage: Stage,
    pub waiting: Waiting,
    /// Past the cycle's date for this phase.
    pub overdue: bool,
    /// The score that stands, once compiled.
    pub score: Option<Shown>,
    pub grade: Option<String>,
    /// Events two devices wrote at once that did not fit (someone should look).
    pub conflicts: usize,
}

/// One row per assessment of `cycle`, in the order given; `now` decides whether the appeal window is over and
/// `today` what is late.
pub fn board<'a>(
    cycle: &Cycle,
    assessments: impl IntoIterator<Item = &'a Assessment>,
    today: Date,
    now: Instant,
) -> Vec<BoardRow> {
    assessments
        .into_iter()
        .map(|a| {
            use Stage::*;
            let (waiting, due) = match a.stage {
                Planning => (Waiting::Person, Some(cycle.plans_due)),
                PlanAwaitingApproval => (Waiting::Superior, Some(cycle.plans_due)),
                PlanApproved => (Waiting::HumanResources, Some(cycle.plans_due)),
                // Once every form is in, the compile is HR's to do.
                Scoring => match a.forms_in(&cycle.scheme) {
                    true => (Waiting::HumanResources, Some(cycle.forms_due)),
                    false => (Waiting::Forms, Some(cycle.forms_due)),
                },
                Approving(step) => (Waiting::Approver(step), Some(cycle.results_due)),
                Approved => (Waiting::HumanResources, Some(cycle.results_due)),
                Published => match a.appeal_open_until(cycle.appeal_days, now) {
                    Some(_) => (Waiting::AppealWindow, None),
                    None => (Waiting::HumanResources, None),
                },
                Appealed => (Waiting::Committee, None),
                Decided => (Waiting::HumanResources, None),
                Archived => (Waiting::Nobody, None),
            };
            let compiled = !matches!(
                a.stage,
                Planning | PlanAwaitingApproval | PlanApproved | Scoring
            );
            let score = compiled
                .then(|| a.final_score(&cycle.scheme).map(|(s, _)| s))
                .flatten();
            BoardRow {
                assessment: a.id,
                person: a.person,
                stage: a.stage,
                waiting,
                overdue: due.is_some_and(|due| today > due),
                score,
                grade: score.map(|s| cycle.scheme.grades.grade(s).label.clone()),
                conflicts: a.conflicts.len(),
            }
        })
        .collect()
}

/// How many rows have each grade of the cycle's scale (highest first), counting those with a score.
pub fn distribution(cycle: &Cycle, rows: &[BoardRow]) -> Vec<(String, usize)> {
    cycle
        .scheme
        .grades
        .bands()
        .iter()
        .map(|band| {
            let count = rows
                .iter()
                .filter(|r| r.grade.as_deref() == Some(band.label.as_str()))
                .count();
            (band.label.clone(), count)
        })
        .collect()
}
