//! 绩效考核 home (R6): what waits for the signed-in user (their plan, the forms they are asked to fill, the approvals
//! and decisions that are theirs), their own published results, and — for those who run assessments — the cycles.
//! Also the helpers every assessment screen shares: the viewer, the folded assessments, and taking a step.
//!
//! Must not: decide who may do what or whether a step fits (`domain::assessment::moves` and `cycle` do).

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::assessment::board::{Waiting, board};
use crate::domain::assessment::cycle::{Assessment, AssessmentStep, Stage, fold_all, may};
use crate::domain::assessment::history::{
    needs_dismissal_review, results_among, under_way_among, yearly_grade, yearly_of,
};
use crate::domain::assessment::moves::{self, Viewer, action_of, tasks};
use crate::domain::assessment::scheme::Cadence;
use crate::domain::calendar::Instant;
use crate::domain::dataset::{Change, Dataset};
use crate::domain::error::Problem;
use crate::domain::ids::Id;
use crate::domain::sorting;
use crate::i18n::assessment::{move_name, period_name, stage_name};
use crate::i18n::{self, Key};
use crate::platform;
use crate::ui::routes::{save, staff_name};
use crate::ui::state::{AppState, Shared, tr, use_app_state};

/// The signed-in user as assessments see them (tracked).
pub fn viewer(state: AppState) -> Option<Viewer> {
    state.current_user().map(|(_, user)| Viewer {
        role: user.role,
        staff: user.staff,
    })
}

/// Every assessment folded (derived from the data).
pub fn folded(state: AppState) -> Memo<Shared<Vec<Assessment>>> {
    Memo::new(move |_| Shared(std::sync::Arc::new(state.data.with(fold_all))))
}

/// Who a step is recorded as taken by: the signed-in user's staff member, else the login itself (an administrator
/// with no staff record).
pub fn acting_id(state: AppState) -> Option<Id> {
    state
        .current_user()
        .map(|(id, user)| user.staff.unwrap_or(id))
}

/// Why `step` cannot be taken on assessment `id` by the signed-in user now, in words — or the event to save.
pub fn prepare_step(
    state: AppState,
    data: &Dataset,
    id: Id,
    step: AssessmentStep,
) -> Result<Change, String> {
    let lang = state.lang.get_untracked();
    let refused = |problem: Problem| i18n::problem(lang, &problem);
    let (Some(viewer), Some(by)) = (untracked(|| viewer(state)), untracked(|| acting_id(state)))
    else {
        return Err(refused(Problem::NotPermitted));
    };
    let events = data.assessments.events(id);
    let found = fold_all_one(data, events);
    let Some((assessment, cycle)) = found else {
        return Err(refused(Problem::NotPermitted));
    };
    if !may(moves::actor(viewer, &assessment, data), &step) {
        return Err(refused(Problem::NotPermitted));
    }
    let now = platform::now_ms() as Instant;
    if let Err(refusal) = assessment.check(&step, by, now, &cycle.scheme, cycle.appeal_days) {
        return Err(i18n::assessment::refusal_text(lang, &refusal));
    }
    Ok(Change::AssessmentEvent(
        state.assessment_event(id, by, step),
    ))
}

fn untracked<T>(f: impl FnOnce() -> T) -> T {
    leptos::prelude::untrack(f)
}

/// One assessment folded with its cycle.
pub fn fold_all_one(
    data: &Dataset,
    events: &[crate::domain::assessment::cycle::AssessmentEvent],
) -> Option<(Assessment, crate::domain::assessment::cycle::Cycle)> {
    let cycle_id = events.iter().find_map(|e| match e.what {
        AssessmentStep::Opened { cycle, .. } => Some(cycle),
        _ => None,
    })?;
    let cycle = data.cycles.get(cycle_id)?.clone();
    let assessment = Assessment::fold(events, &cycle.scheme, cycle.appeal_days)?;
    Some((assessment, cycle))
}

/// Takes `step` on assessment `id`: refused in `problem` (nothing saved) when it is not the user's or does not fit
/// now; otherwise saved, then `after` runs.
pub fn take_step(
    state: AppState,
    id: Id,
    step: AssessmentStep,
    problem: RwSignal<Option<String>>,
    saving: RwSignal<bool>,
    after: impl FnOnce() + 'static,
) {
    let action = action_of(&step);
    match state
        .data
        .with_untracked(|data| prepare_step(state, data, id, step))
    {
        Err(text) => problem.set(Some(text)),
        Ok(change) => {
            problem.set(None);
            save(state, action, change, saving, after);
        }
    }
}

/// The problem of a step form, above its buttons.
#[component]
pub fn StepProblem(problem: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="form__problem" role="alert" data-problem="step">
            {move || problem.get()}
        </p>
    }
}

#[component]
pub fn AssessmentHome() -> impl IntoView {
    let state = use_app_state();
    let all = folded(state);
    let todo = Memo::new(move |_| {
        let Some(viewer) = viewer(state) else {
            return Vec::new();
        };
        let now = state.now.get();
        state.data.with(|data| {
            all.with(|all| {
                all.0
                    .iter()
                    .filter_map(|a| {
                        let cycle = data.cycles.get(a.cycle)?;
                        let todo = tasks(viewer, a, cycle, data, now);
                        (!todo.is_empty()).then(|| {
                            (
                                a.id,
                                staff_name(data, Some(a.person)),
                                cycle.name.clone(),
                                todo,
                            )
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let mine = Memo::new(move |_| {
        let staff = viewer(state).and_then(|v| v.staff)?;
        Some(all.with(|all| state.data.with(|data| results_among(staff, &all.0, data))))
    });
    // The person's own assessments before their result: the cycle and where it stands.
    let mine_under_way = Memo::new(move |_| {
        let Some(staff) = viewer(state).and_then(|v| v.staff) else {
            return Vec::new();
        };
        all.with(|all| {
            state.data.with(|data| {
                under_way_among(staff, &all.0)
                    .into_iter()
                    .filter_map(|a| Some((a.id, data.cycles.get(a.cycle)?.name.clone(), a.stage)))
                    .collect::<Vec<_>>()
            })
        })
    });
    // When a published result's appeal window closes, while it is open.
    let appeal_closes = move |assessment: Id| {
        let now = state.now.get_untracked();
        all.with_untracked(|all| {
            state.data.with_untracked(|data| {
                let a = all.0.iter().find(|a| a.id == assessment)?;
                let cycle = data.cycles.get(a.cycle)?;
                let closes = a.appeal_open_until(cycle.appeal_days, now)?;
                (a.stage == Stage::Published).then(|| state.local_time(closes))
            })
        })
    };
    view! {
        <crate::ui::routes::assessment::quality::MyActions />
        <section class="panel" data-page="assessment">
            <header class="panel__header">
                <h1>{tr(Key::NavAssessment)}</h1>
                <div class="panel__actions">
                    <Show when=move || state.can(Action::ViewProviderFines)>
                        <a class="button" href="/assessment/providers" data-action="providers-assessed">{tr(Key::ProvidersAssessed)}</a>
                    </Show>
                    <Show when=move || state.can(Action::EditSchemes)>
                        <a class="button" href="/assessment/schemes" data-action="schemes">{tr(Key::Schemes)}</a>
                    </Show>
                    <Show when=move || state.can(Action::RunCycles)>
                        <a class="button button--primary" href="/assessment/cycles/new" data-action="open-cycle">
                            {tr(Key::OpenCycle)}
                        </a>
                    </Show>
                </div>
            </header>
            <h2>{tr(Key::WaitingForMe)}</h2>
            {move || {
                let rows = todo.get();
                if rows.is_empty() {
                    return view! { <p class="muted empty" data-empty="tasks">{tr(Key::NothingWaiting)}</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="table table--wrap" data-table="tasks">
                            <thead><tr>
                                <th>{tr(Key::StaffName)}</th><th>{tr(Key::Cycle)}</th><th>{tr(Key::ToDo)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(id, person, cycle, todo)| {
                                    let what = move || i18n::listed(state.lang.get(), &todo.iter().map(|m| move_name(state.lang.get(), *m)).collect::<Vec<_>>());
                                    let cycle_name = cycle.clone();
                                    view! {
                                        <tr data-task=person.clone() data-cycle=cycle_name>
                                            <td><a href=format!("/assessment/a/{id}")>{person.clone()}</a></td>
                                            <td>{cycle}</td>
                                            <td>{what}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {move || mine.get().map(|results| {
                let review = results.last().is_some_and(|last| needs_dismissal_review(&results, &last.scheme));
                let no_results = results.is_empty();
                // The year of each quarterly scheme: the mean of the quarters published so far (S21 第12条).
                let mut years: Vec<(String, i32)> = results
                    .iter()
                    .filter(|r| r.cadence == Cadence::Quarterly)
                    .map(|r| (r.scheme.clone(), r.period.year))
                    .collect();
                sorting::natural(&mut years);
                years.dedup();
                let years = years
                    .into_iter()
                    .filter_map(|(scheme, year)| yearly_of(&results, &scheme, year).map(|mean| (scheme, year, mean)))
                    .map(|(scheme, year, mean)| {
                        let grade = state.data.with_untracked(|d| yearly_grade(&results, &scheme, year, d));
                        view! {
                            <tr data-year=year>
                                <td>{scheme}</td><td>{year}" · "{tr(Key::YearResult)}</td>
                                <td class="number">{mean.shown.to_string()}</td>
                                <td data-fact="year-grade">{grade}</td>
                                <td>{move || i18n::assessment::quarters_counted(state.lang.get(), mean.quarters)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    {move || {
                        let under_way = mine_under_way.get();
                        (!under_way.is_empty()).then(|| view! {
                            <h2>{tr(Key::MyAssessmentsUnderWay)}</h2>
                            <ul class="plain-list" data-list="my-under-way">
                                {under_way.into_iter().map(|(id, cycle, stage)| view! {
                                    <li data-stage=stage.slug().to_string()>
                                        <a href=format!("/assessment/a/{id}")>{cycle}" · "{stage_text(state, stage)}</a>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })
                    }}
                    <h2>{tr(Key::MyResults)}</h2>
                    {no_results.then(|| view! { <p class="muted empty">{tr(Key::NoResultsYet)}</p> })}
                    {review.then(|| view! { <p class="banner banner--warning" role="alert">{tr(Key::DismissalReviewFlag)}</p> })}
                    <div class="table-wrap" class:hidden=no_results>
                        <table class="table table--wrap" data-table="my-results">
                            <thead><tr>
                                <th>{tr(Key::Scheme)}</th><th>{tr(Key::Period)}</th><th class="number">{tr(Key::Score)}</th>
                                <th>{tr(Key::Grade)}</th><th></th>
                            </tr></thead>
                            <tbody>
                                {results.into_iter().rev().map(|r| {
                                    let period = move || period_name(state.lang.get(), r.cadence, r.period);
                                    let closes = appeal_closes(r.assessment);
                                    view! {
                                        <tr data-result=r.grade.clone()>
                                            <td><a href=format!("/assessment/a/{}", r.assessment)>{r.scheme.clone()}</a></td>
                                            <td>{period}</td>
                                            <td class="number">{r.score.to_string()}</td>
                                            <td>{r.grade.clone()}</td>
                                            <td data-fact="appeal-closes">{closes.map(|at| view! { {tr(Key::AppealUntil)}" "{at} })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                                {years}
                            </tbody>
                        </table>
                    </div>
                }
            })}
            <Show when=move || state.can(Action::EditSchemes) || state.can(Action::RunCycles) || state.can(Action::ApproveResults) || state.can(Action::DecideAppeals)>
                <h2>{tr(Key::Cycles)}</h2>
                <CycleList all=all />
            </Show>
        </section>
    }
}

/// Every cycle, newest period first: how many are in it, how many are done, how many are late.
#[component]
fn CycleList(all: Memo<Shared<Vec<Assessment>>>) -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        let now = state.now.get();
        state.data.with(|data| {
            let today = state.settings.with(|s| s.calendar.local_date(now));
            let mut rows: Vec<_> = data
                .cycles
                .live()
                .map(|(id, cycle)| {
                    let board = all.with(|all| {
                        board(cycle, all.0.iter().filter(|a| a.cycle == id), today, now)
                    });
                    let done = board
                        .iter()
                        .filter(|r| matches!(r.stage, Stage::Archived))
                        .count();
                    let late = board.iter().filter(|r| r.overdue).count();
                    let waiting_hr = board
                        .iter()
                        .filter(|r| r.waiting == Waiting::HumanResources)
                        .count();
                    (id, cycle.clone(), board.len(), done, late, waiting_hr)
                })
                .collect();
            sorting::by(&mut rows, |a, b| {
                b.1.period.cmp(&a.1.period).then(a.1.name.cmp(&b.1.name))
            });
            rows
        })
    });
    move || {
        let rows = rows.get();
        if rows.is_empty() {
            return view! { <p class="muted empty" data-empty="cycles">{tr(Key::NoCyclesYet)}</p> }
                .into_any();
        }
        view! {
            <div class="table-wrap">
                <table class="table table--wrap" data-table="cycles">
                    <thead><tr>
                        <th>{tr(Key::Cycle)}</th><th>{tr(Key::Scheme)}</th><th class="number">{tr(Key::People)}</th>
                        <th class="number">{tr(Key::Archived)}</th><th class="number">{tr(Key::Late)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(id, cycle, people, done, late, _)| view! {
                            <tr data-cycle=cycle.name.clone()>
                                <td><a href=format!("/assessment/cycles/{id}")>{cycle.name.clone()}</a></td>
                                <td>{cycle.scheme.name.clone()}</td>
                                <td class="number">{people}</td>
                                <td class="number">{done}</td>
                                <td class="number">{late}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any()
    }
}

/// The stage of an assessment, worded (tracked).
pub fn stage_text(state: AppState, stage: Stage) -> impl Fn() -> String {
    move || stage_name(state.lang.get(), stage)
}
