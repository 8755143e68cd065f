//! The assessment's paper forms, printable (R6.5, S21 附表): 工作目标计划表 (the plan), 工作业绩评估表 (the superior's
//! form), 综合能力评估表 (the raters' means — never who gave which) and 绩效考核结果处理表 (the result with its
//! approvals and the final grade), laid out like the paper ones with signature lines.
//!
//! Must not: show more than the viewer's sight allows (the person: their plan, and the result once published).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::domain::assessment::cycle::{ApprovalStep, Assessment, Cycle, Relation};
use crate::domain::assessment::moves::{self, Sight};
use crate::domain::assessment::outcome::{OutcomeRules, outcome_of};
use crate::domain::assessment::scheme::Source;
use crate::domain::assessment::sheet::{How, SheetResult};
use crate::i18n::Key;
use crate::i18n::assessment::{
    approval_step_name, final_line, outcome_line, period_name, relation_name,
};
use crate::i18n::position_name;
use crate::ui::routes::assessment::{fold_all_one, viewer};
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::{route_id, staff_name, unit_name};
use crate::ui::state::{AppState, tr, use_app_state};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Paper {
    Plan,
    Performance,
    Ability,
    Result,
}

#[component]
pub fn AssessmentPrintPage() -> impl IntoView {
    let state = use_app_state();
    let id = route_id();
    let params = use_params_map();
    let paper = Memo::new(move |_| match params.with(|p| p.get("form")).as_deref() {
        Some("plan") => Some(Paper::Plan),
        Some("performance") => Some(Paper::Performance),
        Some("ability") => Some(Paper::Ability),
        Some("result") => Some(Paper::Result),
        _ => None,
    });
    move || {
        let found = match id.get() {
            Some(Ok(id)) => state
                .data
                .with(|d| fold_all_one(d, d.assessments.events(id))),
            _ => None,
        };
        let (Some((assessment, cycle)), Some(paper), Some(viewer)) =
            (found, paper.get(), viewer(state))
        else {
            return view! { <NotFound /> }.into_any();
        };
        let sight = state.data.with(|d| moves::sight(viewer, &assessment, d));
        let sheet = match (sight, paper) {
            (Sight::Everything, _) => assessment.computed(&cycle.scheme),
            (Sight::Own, Paper::Plan) => assessment.computed(&cycle.scheme),
            (Sight::Own, Paper::Result) => match assessment.person_view(&cycle.scheme) {
                Some(view) => view.sheet,
                None => return view! { <NotFound /> }.into_any(),
            },
            _ => return view! { <NotFound /> }.into_any(),
        };
        view! { <PaperForm assessment=assessment cycle=cycle paper=paper sheet=sheet /> }.into_any()
    }
}

#[component]
fn PaperForm(
    assessment: Assessment,
    cycle: Cycle,
    paper: Paper,
    sheet: SheetResult,
) -> impl IntoView {
    let state = use_app_state();
    let title = match paper {
        Paper::Plan => Key::PlanFormTitle,
        Paper::Performance => Key::PerformanceFormTitle,
        Paper::Ability => Key::AbilityFormTitle,
        Paper::Result => Key::ResultFormTitle,
    };
    let header = header_rows(state, &assessment, &cycle);
    let body = match paper {
        Paper::Plan => plan_body(&assessment).into_any(),
        Paper::Performance => indicator_body(&cycle, &sheet, |s| s == Source::Manual).into_any(),
        Paper::Ability => ability_body(state, &assessment, &cycle, &sheet).into_any(),
        Paper::Result => result_body(state, &assessment, &cycle, &sheet).into_any(),
    };
    let id = assessment.id;
    view! {
        <article class="paper" data-page="assessment-print" data-paper=format!("{paper:?}")>
            <h1 class="paper__title">{tr(title)}</h1>
            {header}
            {body}
            <div class="paper__sign">
                <span>{tr(Key::SignedPerson)}"：________"</span>
                <span>{tr(Key::SignedSuperior)}"：________"</span>
                <span>{tr(Key::SignedDate)}"：________"</span>
            </div>
            <div class="paper__actions no-print">
                <button type="button" class="button button--primary" name="print" on:click=move |_| { let _ = window().print(); }>
                    {tr(Key::Print)}
                </button>
                <a class="button" href=format!("/assessment/a/{id}")>{tr(Key::Back)}</a>
            </div>
        </article>
    }
}

fn header_rows(state: AppState, assessment: &Assessment, cycle: &Cycle) -> AnyView {
    let (name, number, position, unit) = state.data.with_untracked(|d| {
        let staff = d.staff.version(assessment.person).map(|v| v.body.clone());
        let unit = staff.as_ref().and_then(|s| match s.affiliation {
            crate::domain::org::Affiliation::Unit(u) => Some(u),
            _ => None,
        });
        (
            staff_name(d, Some(assessment.person)),
            staff.as_ref().map(|s| s.number.clone()).unwrap_or_default(),
            staff.map(|s| s.position),
            unit_name(d, unit),
        )
    });
    let superior = state.data.with_untracked(|d| {
        let boss = assessment
            .raters
            .iter()
            .find(|(_, r)| *r == Relation::Superior)
            .map(|(id, _)| *id);
        staff_name(d, boss)
    });
    let (cadence, period) = (cycle.scheme.cadence, cycle.period);
    view! {
        <table class="paper__grid">
            <tr><th>{tr(Key::StaffName)}</th><td data-fact="person">{name}</td><th>{tr(Key::StaffNumber)}</th><td>{number}</td></tr>
            <tr><th>{tr(Key::PositionLabel)}</th><td>{move || position.map(|p| position_name(state.lang.get(), p)).unwrap_or_default()}</td>
                <th>{tr(Key::Units)}</th><td>{unit}</td></tr>
            <tr><th>{tr(Key::Period)}</th><td>{move || period_name(state.lang.get(), cadence, period)}</td>
                <th>{tr(Key::Superior)}</th><td>{superior}</td></tr>
        </table>
    }
    .into_any()
}

fn plan_body(assessment: &Assessment) -> AnyView {
    let goals = assessment.goals.clone();
    view! {
        <table class="paper__grid" data-table="plan">
            <thead><tr><th>"#"</th><th>{tr(Key::Goal)}</th><th>{tr(Key::GoalMeasure)}</th></tr></thead>
            <tbody>
                {goals.into_iter().enumerate().map(|(n, g)| view! {
                    <tr><td>{n + 1}</td><td>{g.goal}</td><td>{g.measure}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The indicators of one source with their weight, score and contribution.
fn indicator_body(cycle: &Cycle, sheet: &SheetResult, wanted: impl Fn(Source) -> bool) -> AnyView {
    let rows: Vec<_> = cycle
        .scheme
        .indicators
        .iter()
        .zip(&sheet.indicators)
        .filter(|(i, _)| wanted(i.source))
        .map(|(i, r)| {
            (
                i.dimension.clone(),
                i.name.clone(),
                i.weight.to_string(),
                r.score.map(|s| s.shown().to_string()).unwrap_or_default(),
                r.contribution
                    .map(|c| c.shown().to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    view! {
        <table class="paper__grid" data-table="indicators">
            <thead><tr>
                <th>{tr(Key::Dimension)}</th><th>{tr(Key::Indicator)}</th><th>{tr(Key::Weight)}</th>
                <th>{tr(Key::Score)}</th><th>{tr(Key::Contribution)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|(dimension, name, weight, score, contribution)| view! {
                    <tr><td>{dimension}</td><td>{name}</td><td class="number">{weight}</td><td class="number">{score}</td><td class="number">{contribution}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The raters' form: per rated indicator, the mean of each relation and the 360° composite — never a rater's name.
fn ability_body(
    state: AppState,
    assessment: &Assessment,
    cycle: &Cycle,
    sheet: &SheetResult,
) -> AnyView {
    let means = |relation: Relation, at: usize| {
        let scores: Vec<_> = assessment
            .ratings
            .iter()
            .filter(|r| r.relation == relation)
            .filter_map(|r| {
                r.scores
                    .iter()
                    .find(|(i, _)| *i as usize == at)
                    .map(|(_, s)| *s)
            })
            .collect();
        crate::domain::assessment::exact::Exact::mean(&scores)
            .map(|m| m.shown().to_string())
            .unwrap_or_else(|| "—".into())
    };
    let rows: Vec<_> = cycle
        .scheme
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.source == Source::Raters)
        .map(|(at, i)| {
            let composite = match &sheet.indicators[at].how {
                How::Raters(_) => sheet.indicators[at].score.map(|s| s.shown().to_string()),
                _ => None,
            };
            (
                i.name.clone(),
                i.weight.to_string(),
                [Relation::Superior, Relation::Peer, Relation::Subordinate].map(|r| means(r, at)),
                composite.unwrap_or_default(),
            )
        })
        .collect();
    view! {
        <table class="paper__grid" data-table="ability">
            <thead><tr>
                <th>{tr(Key::Indicator)}</th><th>{tr(Key::Weight)}</th>
                {[Relation::Superior, Relation::Peer, Relation::Subordinate].map(|r| view! { <th>{move || relation_name(state.lang.get(), r)}</th> }).collect_view()}
                <th>{tr(Key::Composite)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|(name, weight, means, composite)| view! {
                    <tr><td>{name}</td><td class="number">{weight}</td>
                        {means.into_iter().map(|m| view! { <td class="number">{m}</td> }).collect_view()}
                        <td class="number">{composite}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The result form: every indicator, the computed total, the adjustment, the appeal's decision, the final score and
/// grade, and the approval chain.
fn result_body(
    state: AppState,
    assessment: &Assessment,
    cycle: &Cycle,
    sheet: &SheetResult,
) -> AnyView {
    let indicators = indicator_body(cycle, sheet, |_| true);
    let computed = sheet.shown.map(|s| s.to_string()).unwrap_or_default();
    let final_result = assessment
        .final_score(&cycle.scheme)
        .zip(assessment.final_grade(&cycle.scheme));
    let scale = cycle.scheme.grades.clone();
    let adjustment = assessment.adjustment.clone();
    let decision = assessment.decision.clone();
    let approvals: Vec<(ApprovalStep, String, String)> = ApprovalStep::CHAIN
        .iter()
        .map(|step| {
            let last = assessment
                .decisions
                .iter()
                .rev()
                .find(|d| d.step == *step && d.returned.is_none());
            let who = last
                .map(|d| {
                    state
                        .data
                        .with_untracked(|data| staff_name(data, Some(d.by)))
                })
                .unwrap_or_default();
            let when = last.map(|d| state.local_time(d.at)).unwrap_or_default();
            (*step, who, when)
        })
        .collect();
    view! {
        {indicators}
        <table class="paper__grid" data-table="result">
            <tr><th>{tr(Key::ComputedScore)}</th><td class="number" data-fact="computed-score">{computed}</td></tr>
            {adjustment.map(|(score, reason)| view! {
                <tr><th>{tr(Key::AdjustedTo)}</th><td>{score.to_string()}" — "{reason}</td></tr>
            })}
            {decision.map(|(score, reason)| view! {
                <tr><th>{tr(Key::CommitteeDecision)}</th><td>{score.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}" — "{reason}</td></tr>
            })}
            {final_result.map(|((score, standing), band)| { let label = band.label.clone(); view! {
                <tr><th>{tr(Key::FinalResult)}</th>
                    <td data-fact="final-grade" data-grade=label data-score=score.to_string()>
                        {move || final_line(state.lang.get(), score, standing, &band)}
                    </td></tr>
                {outcome_of(&scale, &OutcomeRules::default_for(&scale), score).cloned().map(|o| view! {
                    <tr><th>{tr(Key::GradeOutcome)}</th><td>{move || outcome_line(state.lang.get(), &o)}</td></tr>
                })}
            }})}
        </table>
        <table class="paper__grid" data-table="approval-chain">
            <tbody>
                {approvals.into_iter().map(|(step, who, when)| view! {
                    <tr><th>{move || approval_step_name(state.lang.get(), step)}</th><td>{who}</td><td>{when}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
