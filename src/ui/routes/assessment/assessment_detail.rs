//! One person's assessment (R6.5): where it stands, and the forms that are the signed-in user's now — the person's
//! 工作目标计划表 and appeal, the superior's review and 工作业绩评估表, each rater's 综合能力评估表, HR's filing, rater
//! list, compile, publication and archive, the approval chain, the committee's decision — with the score explained
//! to those who may see it (the person: only once published, only rater means).
//!
//! Must not: decide what is allowed (`moves`, `cycle::may`, `Assessment::check`) or compute a score (`sheet`).

use leptos::prelude::*;

use crate::domain::assessment::cycle::{Assessment, AssessmentStep, Cycle};
use crate::domain::assessment::exact::Shown;
use crate::domain::assessment::moves::{self, Move, Sight};
use crate::domain::assessment::scheme::Source;
use crate::domain::assessment::sheet::SheetResult;
use crate::i18n::assessment::{
    approval_step_name, final_line, indicator_line, outcome_line, period_name, relation_name,
    stage_name, total_line,
};
use crate::i18n::{self, Key};
use crate::ui::routes::assessment::assessment_forms::{
    AppealForm, ApprovalForm, CompileForm, CorrectionButton, DecideForm, PerformanceForm, PlanForm,
    RateForm, RatersForm, ReviewPlanForm, StepButton,
};
use crate::ui::routes::assessment::home::{fold_all_one, viewer};
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::{route_id, staff_name};
use crate::ui::state::{AppState, tr, use_app_state};

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let state = use_app_state();
    let id = route_id();
    let found = Memo::new(move |_| {
        let Some(Ok(id)) = id.get() else {
            return None;
        };
        state
            .data
            .with(|d| fold_all_one(d, d.assessments.events(id)))
    });
    move || {
        let Some((assessment, cycle)) = found.get() else {
            return view! { <NotFound /> }.into_any();
        };
        let Some(viewer) = viewer(state) else {
            return view! { <NotFound /> }.into_any();
        };
        let sight = state.data.with(|d| moves::sight(viewer, &assessment, d));
        let now = state.now.get();
        let moves = state
            .data
            .with(|d| moves::moves(viewer, &assessment, &cycle, d, now));
        view! { <AssessmentView assessment=assessment cycle=cycle sight=sight moves=moves /> }
            .into_any()
    }
}

#[component]
fn AssessmentView(
    assessment: Assessment,
    cycle: Cycle,
    sight: Sight,
    moves: Vec<Move>,
) -> impl IntoView {
    let state = use_app_state();
    let id = assessment.id;
    let person = state
        .data
        .with_untracked(|d| staff_name(d, Some(assessment.person)));
    let stage = assessment.stage;
    let period = {
        let (cadence, p) = (cycle.scheme.cadence, cycle.period);
        move || period_name(state.lang.get(), cadence, p)
    };
    if sight == Sight::Nothing {
        return view! {
            <section class="panel panel--refusal" role="alert" data-page="assessment-refused">
                <p>{tr(Key::NotYourAssessment)}</p>
            </section>
        }
        .into_any();
    }
    let forms = moves
        .iter()
        .map(|m| form_for(*m, &assessment, &cycle))
        .collect_view();
    let everything = sight == Sight::Everything;
    let own = sight == Sight::Own;
    let plan = (everything || own).then(|| plan_section(&assessment));
    let result = match sight {
        Sight::Everything => Some(result_section(
            assessment.computed(&cycle.scheme),
            &assessment,
            &cycle,
        )),
        Sight::Own => assessment
            .person_view(&cycle.scheme)
            .map(|view| result_section(view.sheet.clone(), &assessment, &cycle)),
        _ => None,
    };
    // Raters only where the scheme has rated indicators: otherwise no one is asked for a form.
    let raters = (everything && cycle.scheme.has_raters()).then(|| raters_section(&assessment));
    let history = everything.then(|| decisions_section(&assessment));
    let prints = (everything || own).then(|| {
        let result_ready = stage.compiled() && (everything || assessment.visible_to_person());
        view! {
            <nav class="panel__actions no-print" aria-label=tr(Key::PrintForms)>
                <a class="button" href=format!("/assessment/a/{id}/print/plan") data-action="print-plan">{tr(Key::PlanFormTitle)}</a>
                // A form only where the scheme has its indicators (a sheet of KPIs alone has neither).
                {(everything && cycle.scheme.has_source(Source::Manual)).then(|| view! {
                    <a class="button" href=format!("/assessment/a/{id}/print/performance") data-action="print-performance">{tr(Key::PerformanceFormTitle)}</a>
                })}
                {(everything && cycle.scheme.has_source(Source::Raters)).then(|| view! {
                    <a class="button" href=format!("/assessment/a/{id}/print/ability") data-action="print-ability">{tr(Key::AbilityFormTitle)}</a>
                })}
                {result_ready.then(|| view! {
                    <a class="button" href=format!("/assessment/a/{id}/print/result") data-action="print-result">{tr(Key::ResultFormTitle)}</a>
                })}
            </nav>
        }
    });
    let conflicts = assessment.conflicts.len();
    view! {
        <section class="panel" data-page="assessment-detail" data-stage=stage.slug().to_string()>
            <header class="panel__header">
                <h1>{person}" · "{cycle.name.clone()}</h1>
                <a class="button button--quiet" href="/assessment">{tr(Key::NavAssessment)}</a>
            </header>
            <dl class="facts">
                <dt>{tr(Key::Scheme)}</dt><dd>{cycle.scheme.name.clone()}</dd>
                <dt>{tr(Key::Period)}</dt><dd>{period}</dd>
                <dt>{tr(Key::Stage)}</dt><dd data-fact="stage">{move || stage_name(state.lang.get(), stage)}</dd>
            </dl>
            {assessment.corrects.map(|old| view! {
                <p class="banner" data-fact="corrects">
                    {tr(Key::CorrectionOf)}" "<a href=format!("/assessment/a/{old}")>{tr(Key::ResultFormTitle)}</a>
                </p>
            })}
            {(conflicts > 0 && everything).then(|| view! {
                <p class="banner banner--warning" role="alert">{tr(Key::AssessmentConflicts)}" "{conflicts}</p>
            })}
            {prints}
            {plan}
            {forms}
            {raters}
            {result}
            {history}
        </section>
    }
    .into_any()
}

fn form_for(m: Move, assessment: &Assessment, cycle: &Cycle) -> AnyView {
    let id = assessment.id;
    match m {
        Move::WritePlan => view! { <PlanForm id=id goals=assessment.goals.clone() adjust=false /> }.into_any(),
        Move::AdjustPlan => view! { <PlanForm id=id goals=assessment.goals.clone() adjust=true /> }.into_any(),
        Move::ReviewPlan => view! { <ReviewPlanForm id=id /> }.into_any(),
        Move::FilePlan => view! { <StepButton id=id step=AssessmentStep::PlanFiled label=Key::FilePlan name="file-plan" /> }.into_any(),
        Move::AssignRaters => view! { <RatersForm id=id assessment=assessment.clone() /> }.into_any(),
        Move::ScorePerformance => view! { <PerformanceForm id=id assessment=assessment.clone() scheme=cycle.scheme.clone() /> }.into_any(),
        Move::Rate(relation) => view! { <RateForm id=id relation=relation assessment=assessment.clone() scheme=cycle.scheme.clone() /> }.into_any(),
        Move::Compile => view! { <CompileForm id=id assessment=assessment.clone() cycle=cycle.clone() /> }.into_any(),
        Move::Approve(step) => view! { <ApprovalForm id=id step=step /> }.into_any(),
        Move::Publish => view! { <StepButton id=id step=AssessmentStep::Published label=Key::Publish name="publish" /> }.into_any(),
        Move::Appeal => view! { <AppealForm id=id closes=assessment.appeal_closes(cycle.appeal_days) /> }.into_any(),
        Move::DecideAppeal => view! { <DecideForm id=id /> }.into_any(),
        Move::Archive => view! { <StepButton id=id step=AssessmentStep::Archived label=Key::Archive name="archive" /> }.into_any(),
        Move::OpenCorrection => view! { <CorrectionButton archived=assessment.clone() /> }.into_any(),
    }
}

fn plan_section(assessment: &Assessment) -> AnyView {
    let goals = assessment.goals.clone();
    let returned = assessment.plan_returned.clone();
    let adjustments = assessment.plan_adjustments;
    view! {
        <section class="subpanel" data-section="plan">
            <h2>{tr(Key::PlanFormTitle)}</h2>
            {returned.map(|reason| view! {
                <p class="banner banner--warning" data-fact="plan-returned">{tr(Key::PlanReturnedBecause)}" "{reason}</p>
            })}
            {match goals.is_empty() {
                true => view! { <p class="muted empty">{tr(Key::NoPlanYet)}</p> }.into_any(),
                false => view! {
                    <ol class="goals">
                        {goals.into_iter().map(|g| view! {
                            <li data-goal=g.goal.clone()><strong>{g.goal.clone()}</strong>{(!g.measure.is_empty()).then(|| format!(" — {}", g.measure))}</li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
            {(adjustments > 0).then(|| view! { <p class="muted">{tr(Key::PlanAdjustments)}" "{adjustments}</p> })}
        </section>
    }
    .into_any()
}

/// Who is asked to rate, and whether they have (names only for those who see everything).
fn raters_section(assessment: &Assessment) -> AnyView {
    let state = use_app_state();
    let rows: Vec<_> = assessment
        .raters
        .iter()
        .map(|(rater, relation)| {
            let done = assessment.ratings.iter().any(|r| r.rater == *rater);
            let name = state.data.with_untracked(|d| staff_name(d, Some(*rater)));
            (name, *relation, done)
        })
        .collect();
    view! {
        <section class="subpanel" data-section="raters">
            <h2>{tr(Key::Raters)}</h2>
            <div class="table-wrap">
                <table class="table" data-table="raters">
                    <tbody>
                        {rows.into_iter().map(|(name, relation, done)| view! {
                            <tr data-rater=name.clone() data-done=done.to_string()>
                                <td>{name.clone()}</td>
                                <td>{move || relation_name(state.lang.get(), relation)}</td>
                                <td>{tr(if done { Key::FormGiven } else { Key::FormOutstanding })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// The sheet explained, line by line: each indicator's value, rule, weight and contribution, the total with its
/// rounding, and the grade band — then the adjustment and the appeal, if any.
fn result_section(sheet: SheetResult, assessment: &Assessment, cycle: &Cycle) -> AnyView {
    let state = use_app_state();
    let scheme = cycle.scheme.clone();
    let final_score = assessment.final_score(&scheme);
    let final_grade = assessment.final_grade(&scheme);
    let adjustment = assessment.adjustment.clone();
    let appeal = assessment.appeal.clone();
    let decision = assessment.decision.clone();
    let lines = {
        let scheme = scheme.clone();
        let sheet = sheet.clone();
        move || {
            let lang = state.lang.get();
            scheme
                .indicators
                .iter()
                .zip(&sheet.indicators)
                .enumerate()
                .map(|(at, (indicator, result))| {
                    let line = indicator_line(lang, indicator, result);
                    view! { <li data-indicator=at>{line}</li> }
                })
                .collect_view()
        }
    };
    let total = {
        let scheme = scheme.clone();
        move || total_line(state.lang.get(), &sheet, &scheme.grades)
    };
    view! {
        <section class="subpanel" data-section="result">
            <h2>{tr(Key::ResultExplained)}</h2>
            <ol class="explain">{lines}</ol>
            <p data-fact="computed">{total}</p>
            {adjustment.map(|(score, reason)| view! {
                <p data-fact="adjustment">{tr(Key::AdjustedTo)}" "{score.to_string()}" — "{reason}</p>
            })}
            {appeal.map(|reason| view! {
                <p data-fact="appeal">{move || i18n::labelled(state.lang.get(), state.t(Key::AppealReason), &reason)}</p>
            })}
            {decision.map(|(score, reason)| view! {
                <p data-fact="decision">{move || decision_line(state, score, &reason)}</p>
            })}
            {final_score.zip(final_grade).map(|((score, standing), band)| {
                let label = band.label.clone();
                let outcome = scheme.outcome(score);
                view! {
                    <p class="result-final" data-fact="final" data-grade=label data-score=score.to_string()>
                        {move || final_line(state.lang.get(), score, standing, &band)}
                    </p>
                    {outcome.map(|o| view! {
                        <p data-fact="outcome">{move || i18n::labelled(state.lang.get(), state.t(Key::GradeOutcome), &outcome_line(state.lang.get(), &o))}</p>
                    })}
                }
            })}
        </section>
    }
    .into_any()
}

/// The committee's decision in words: the score it set, or that the result stands, and why.
pub fn decision_line(state: AppState, score: Option<Shown>, reason: &str) -> String {
    let verdict = match score {
        Some(score) => i18n::labelled(state.lang.get(), state.t(Key::NewScore), &score.to_string()),
        None => state.t(Key::ResultStands).to_string(),
    };
    let text = format!("{verdict} — {reason}");
    i18n::labelled(state.lang.get(), state.t(Key::CommitteeDecision), &text)
}

/// The approval chain as it went: each approval or return, by whom and when.
fn decisions_section(assessment: &Assessment) -> AnyView {
    let state = use_app_state();
    let rows: Vec<_> = assessment.decisions.clone();
    (!rows.is_empty()).then(|| {
        view! {
            <section class="subpanel" data-section="approvals">
                <h2>{tr(Key::ApprovalChain)}</h2>
                <div class="table-wrap">
                    <table class="table" data-table="approvals">
                        <tbody>
                            {rows.into_iter().map(|d| {
                                let name = state.data.with_untracked(|data| staff_name(data, Some(d.by)));
                                let when = state.local_time(d.at);
                                let step = d.step;
                                let returned = d.returned.clone();
                                view! {
                                    <tr>
                                        <td>{move || approval_step_name(state.lang.get(), step)}</td>
                                        <td>{name}</td>
                                        <td>{when}</td>
                                        <td>{match returned {
                                            Some(reason) => view! { <span class="badge badge--warning">{tr(Key::Returned)}" "{reason}</span> }.into_any(),
                                            None => view! { <span class="badge">{tr(Key::Approved)}</span> }.into_any(),
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
    })
    .into_any()
}
