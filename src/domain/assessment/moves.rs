//! Who sees what of one assessment, and which forms are theirs to fill now (R6.3, R6.5 screens): the rules behind
//! "a rater sees only the forms given to them; a person sees their own results after publication" and behind each
//! user's list of things waiting for them.
//!
//! Owns: `Viewer` (the signed-in user as it concerns assessments), `actor` (their `Actor` on one assessment),
//! `Sight` and `sight`, `Move` and `moves`. Must not: decide whether a step fits the events (that is
//! `Assessment::check`) or word anything.

use super::cycle::{Actor, ApprovalStep, Assessment, AssessmentStep, Cycle, Relation, Stage, may};
use super::scheme::Source;
use crate::domain::access::Role;
use crate::domain::calendar::Instant;
use crate::domain::dataset::Dataset;
use crate::domain::ids::Id;

/// The signed-in user: their role, and the staff member their login belongs to (if any).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub role: Role,
    pub staff: Option<Id>,
}

/// `viewer` as it concerns `assessment`: whether they are the assessed person, and their relation to that person —
/// as the assessment's rater list has it, else as the org gives it (the direct superior).
pub fn actor(viewer: Viewer, assessment: &Assessment, data: &Dataset) -> Actor {
    let is_person = viewer.staff == Some(assessment.person);
    let listed = viewer.staff.and_then(|me| {
        assessment
            .raters
            .iter()
            .find(|(rater, _)| *rater == me)
            .map(|(_, relation)| *relation)
    });
    let org_superior = viewer.staff.is_some()
        && data.staff.get(assessment.person).and_then(|p| p.superior) == viewer.staff;
    Actor {
        role: viewer.role,
        is_person,
        relation: listed.or(org_superior.then_some(Relation::Superior)),
    }
}

/// How much of an assessment a viewer may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sight {
    /// Those who run, approve or decide it, and the direct superior: every form, every rating, the result.
    Everything,
    /// The assessed person: their plan and where it stands; the result (rater means only) once published.
    Own,
    /// A peer or subordinate rater: their own 综合能力评估表, nothing else.
    RaterForm(Relation),
    Nothing,
}

/// What `viewer` may see of `assessment`. The person's own view comes first: an HR officer or a manager being
/// assessed sees their own assessment as any person does, never who rated them how.
pub fn sight(viewer: Viewer, assessment: &Assessment, data: &Dataset) -> Sight {
    let actor = actor(viewer, assessment, data);
    if actor.is_person {
        return Sight::Own;
    }
    let runs = matches!(
        viewer.role,
        Role::HumanResources | Role::Admin | Role::GeneralManager | Role::Manager | Role::Committee
    );
    match actor.relation {
        _ if runs => Sight::Everything,
        Some(Relation::Superior) => Sight::Everything,
        Some(relation) => Sight::RaterForm(relation),
        None => Sight::Nothing,
    }
}

/// A form or a decision a viewer may take on an assessment now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Move {
    /// The person: the 工作目标计划表 (also after it was returned).
    WritePlan,
    /// The person: change an approved plan (approved again, and counted).
    AdjustPlan,
    /// The superior: approve the plan or return it with a reason.
    ReviewPlan,
    /// HR: file the approved plan, which sends out the forms.
    FilePlan,
    /// HR: change who rates (before compiling).
    AssignRaters,
    /// The superior: the 工作业绩评估表 (the manual indicators).
    ScorePerformance,
    /// A listed rater: their 综合能力评估表.
    Rate(Relation),
    /// HR: compile the 绩效考核结果处理表.
    Compile,
    /// This approval of the chain: approve or return (the superior may also adjust the score).
    Approve(ApprovalStep),
    /// HR: publish (公示).
    Publish,
    /// The person: appeal while the window is open.
    Appeal,
    /// The committee: the final decision on an appeal.
    DecideAppeal,
    /// HR: archive (after the appeal window, or the committee's decision).
    Archive,
    /// HR: open a correction of an archived assessment (a new one that names it), unless one is open already.
    OpenCorrection,
}

impl Move {
    /// Whether it waits for this viewer (the list of things to do); adjusting a plan, changing raters and appealing
    /// are choices, not tasks.
    pub fn is_task(self) -> bool {
        !matches!(
            self,
            Move::AdjustPlan | Move::AssignRaters | Move::Appeal | Move::OpenCorrection
        )
    }
}

/// Every move `viewer` may take on `assessment` now, in the order of the forms. `now` decides whether the appeal
/// window is open.
pub fn moves(
    viewer: Viewer,
    assessment: &Assessment,
    cycle: &Cycle,
    data: &Dataset,
    now: Instant,
) -> Vec<Move> {
    let actor = actor(viewer, assessment, data);
    let scheme = &cycle.scheme;
    let may_do = |step: AssessmentStep| may(actor, &step);
    let has_source = |wanted: Source| scheme.has_source(wanted);
    let mut moves = Vec::new();
    let before_compiling = !assessment.stage.compiled();
    // Raters are asked only where the scheme has rated indicators.
    if before_compiling
        && has_source(Source::Raters)
        && may_do(AssessmentStep::RatersAssigned { raters: Vec::new() })
    {
        moves.push(Move::AssignRaters);
    }
    let window_open = assessment
        .appeal_open_until(cycle.appeal_days, now)
        .is_some();
    let no_goals = || AssessmentStep::PlanSubmitted { goals: Vec::new() };
    match assessment.stage {
        Stage::Planning if may_do(no_goals()) => moves.push(Move::WritePlan),
        Stage::PlanAwaitingApproval if may_do(AssessmentStep::PlanApproved) => {
            moves.push(Move::ReviewPlan)
        }
        Stage::PlanApproved | Stage::Scoring => {
            if assessment.stage == Stage::PlanApproved && may_do(AssessmentStep::PlanFiled) {
                moves.push(Move::FilePlan);
            }
            let adjust = AssessmentStep::PlanAdjusted {
                goals: Vec::new(),
                reason: String::new(),
            };
            if may_do(adjust) {
                moves.push(Move::AdjustPlan);
            }
            if assessment.stage == Stage::Scoring {
                let performance = AssessmentStep::PerformanceScored {
                    entries: Vec::new(),
                };
                if has_source(Source::Manual) && may_do(performance) {
                    moves.push(Move::ScorePerformance);
                }
                if let Some(me) = viewer.staff {
                    let asked = assessment.raters.iter().filter(|(rater, _)| *rater == me);
                    if has_source(Source::Raters) {
                        moves.extend(asked.map(|(_, relation)| Move::Rate(*relation)));
                    }
                }
                // HR's compile once the forms give it something to compile (`forms_in`: what the board shows as
                // HR's turn; before, the compile could only be refused as incomplete).
                if assessment.forms_in(scheme)
                    && may_do(AssessmentStep::Compiled { kpis: Vec::new() })
                {
                    moves.push(Move::Compile);
                }
            }
        }
        Stage::Approving(step) if may_do(AssessmentStep::Approved { step }) => {
            moves.push(Move::Approve(step))
        }
        Stage::Approved if may_do(AssessmentStep::Published) => moves.push(Move::Publish),
        Stage::Published => {
            if window_open
                && may_do(AssessmentStep::Appealed {
                    reason: String::new(),
                })
            {
                moves.push(Move::Appeal);
            }
            if !window_open && may_do(AssessmentStep::Archived) {
                moves.push(Move::Archive);
            }
        }
        Stage::Appealed
            if may_do(AssessmentStep::AppealDecided {
                score: None,
                reason: String::new(),
            }) =>
        {
            moves.push(Move::DecideAppeal)
        }
        Stage::Decided if may_do(AssessmentStep::Archived) => moves.push(Move::Archive),
        Stage::Archived if may_do(AssessmentStep::Archived) => {
            // An assessment's opening is its first event (events are kept in stamp order).
            let corrected = data.assessments.owners().any(|(_, events)| {
                events.first().is_some_and(|e| {
                    matches!(e.what, AssessmentStep::Opened { corrects: Some(c), .. } if c == assessment.id)
                })
            });
            if !corrected {
                moves.push(Move::OpenCorrection);
            }
        }
        _ => {}
    }
    moves
}

/// The moves that wait for `viewer` — the list of things to do: `moves` without the optional ones, and without a
/// form they already gave (they may still revise it from the assessment).
pub fn tasks(
    viewer: Viewer,
    assessment: &Assessment,
    cycle: &Cycle,
    data: &Dataset,
    now: Instant,
) -> Vec<Move> {
    let scheme = &cycle.scheme;
    let performance_given = scheme
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.source == Source::Manual)
        .all(|(at, _)| {
            assessment
                .performance
                .iter()
                .any(|(i, _)| *i as usize == at)
        });
    let rated =
        |me: Option<Id>| me.is_some_and(|me| assessment.ratings.iter().any(|r| r.rater == me));
    moves(viewer, assessment, cycle, data, now)
        .into_iter()
        .filter(|m| m.is_task())
        .filter(|m| match m {
            Move::ScorePerformance => !performance_given,
            Move::Rate(_) => !rated(viewer.staff),
            _ => true,
        })
        .collect()
}

/// The permission a step needs besides `may` (the coarse check every save makes: `access::can`).
pub fn action_of(step: &AssessmentStep) -> crate::domain::access::Action {
    use crate::domain::access::Action;
    match step {
        _ if step.runs_the_cycle() => Action::RunCycles,
        AssessmentStep::Approved { step, .. } | AssessmentStep::Returned { step, .. }
            if *step != ApprovalStep::Superior =>
        {
            Action::ApproveResults
        }
        AssessmentStep::AppealDecided { .. } => Action::DecideAppeals,
        _ => Action::Assess,
    }
}
