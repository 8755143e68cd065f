//! Assessment cycles (R6.5): HR opens one — a scheme, a period, the due dates and the appeal window, and who is in
//! it (the scheme's roster, with those left out and why) — and follows it on the board: each person's stage, whose
//! move it is, what is late, the scores and grades with their distribution, HR's steps for everyone at once, and the
//! result table as CSV or Excel.
//!
//! Must not: decide who is assessed (`roster`), whose move it is (`board`) or whether a step fits (the fold).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::domain::access::Action;
use crate::domain::assessment::board::{BoardRow, Waiting, board, distribution};
use crate::domain::assessment::cycle::{AssessmentStep, Opening, Stage, open_cycle};
use crate::domain::assessment::cycle_draft::CycleDraft;
use crate::domain::assessment::history::{needs_dismissal_review, results_among};
use crate::domain::assessment::kpi_source::last_finished;
use crate::domain::assessment::roster::{Excluded, roster};
use crate::domain::assessment::scheme::{Scheme, built_in};
use crate::domain::calendar::Instant;
use crate::domain::dataset::{Change, Dataset};
use crate::domain::error::{Field, Problem};
use crate::domain::ids::Id;
use crate::domain::sorting;
use crate::export::{Cell, Table};
use crate::i18n::assessment::{cadence_name, period_name, stage_name, waiting_name};
use crate::i18n::{self, Key, position_name};
use crate::platform;
use crate::ui::components::chart::{Bar, BarChart};
use crate::ui::components::export::ExportButtons;
use crate::ui::components::form::LabelledInput;
use crate::ui::components::guard::Guarded;
use crate::ui::routes::assessment::assessment_forms::kpi_figures;
use crate::ui::routes::assessment::home::{acting_id, folded, prepare_step};
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::{route_id, staff_name};
use crate::ui::state::{AppState, tr, use_app_state};

/// The schemes HR may open a cycle with: those saved here, then the built-in ones (`b0`… by position).
pub fn scheme_choices(data: &Dataset) -> Vec<(String, Scheme)> {
    let mut choices: Vec<(String, Scheme)> = data
        .schemes
        .live()
        .map(|(id, s)| (id.to_string(), s.clone()))
        .collect();
    sorting::by(&mut choices, |a, b| a.1.name.cmp(&b.1.name));
    choices.extend(
        built_in()
            .into_iter()
            .enumerate()
            .map(|(n, s)| (format!("b{n}"), s)),
    );
    choices
}

#[component]
pub fn OpenCyclePage() -> impl IntoView {
    view! {
        <Guarded action=Action::RunCycles>
            <OpenCycleForm />
        </Guarded>
    }
}

#[component]
fn OpenCycleForm() -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let choices = Memo::new(move |_| state.data.with(scheme_choices));
    let chosen = RwSignal::new(String::new());
    let scheme = Memo::new(move |_| {
        let key = chosen.get();
        choices.with(|c| c.iter().find(|(k, _)| *k == key).map(|(_, s)| s.clone()))
    });
    let today = state
        .settings
        .with_untracked(|s| s.calendar.local_date(platform::now_ms() as Instant));
    let year = RwSignal::new(String::new());
    let part = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let plans_due = RwSignal::new(today.add_days(7).to_string());
    let forms_due = RwSignal::new(today.add_days(14).to_string());
    let results_due = RwSignal::new(today.add_days(21).to_string());
    let appeal_days = RwSignal::new("5".to_string());
    let unticked: RwSignal<Vec<Id>> = RwSignal::new(Vec::new());
    let problem = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    // Choosing a scheme proposes the period just finished and a name; both stay editable.
    Effect::new(move |_| {
        if let Some(scheme) = scheme.get() {
            let period = last_finished(scheme.cadence, today);
            year.set(period.year.to_string());
            part.set(period.part.to_string());
            let lang = state.lang.get_untracked();
            name.set(format!(
                "{} {}",
                period_name(lang, scheme.cadence, period),
                scheme.name
            ));
            unticked.set(Vec::new());
        }
    });
    let people = Memo::new(move |_| {
        scheme
            .get()
            .map(|s| state.data.with(|d| roster(&s, d)))
            .unwrap_or_default()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let fail = |p: Problem| problem.set(Some(i18n::problem(lang, &p)));
        let skipped = unticked.get_untracked();
        let chosen: Vec<Id> = people.with_untracked(|r| {
            r.included
                .iter()
                .copied()
                .filter(|p| !skipped.contains(p))
                .collect()
        });
        let draft = CycleDraft {
            year: year.get_untracked(),
            part: part.get_untracked(),
            name: name.get_untracked(),
            plans_due: plans_due.get_untracked(),
            forms_due: forms_due.get_untracked(),
            results_due: results_due.get_untracked(),
            appeal_days: appeal_days.get_untracked(),
        };
        let cycle = match draft.check(scheme.get_untracked(), &chosen) {
            Ok(cycle) => cycle,
            // The form says its first problem (nobody chosen in words of its own).
            Err(problems) => {
                let first = problems.first().map(|p| (p.field, p.problem.clone()));
                return match first {
                    Some((Field::People, _)) => {
                        problem.set(Some(state.t(Key::NobodyChosen).to_string()))
                    }
                    Some((_, found)) => fail(found),
                    None => {}
                };
            }
        };
        let Some(by) = acting_id(state) else {
            return fail(Problem::NotPermitted);
        };
        problem.set(None);
        let changes = state.data.with_untracked(|d| {
            open_cycle(
                Opening {
                    cycle,
                    people: &chosen,
                    by,
                    at: platform::now_ms() as Instant,
                },
                d,
                platform::new_id,
                || state.next_stamp(),
            )
        });
        let cycle_id = match changes.first() {
            Some(Change::Cycle(v)) => v.id,
            _ => return,
        };
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let saved = state.commit_all(Action::RunCycles, changes).await;
            saving.try_set(false);
            if saved.is_ok() {
                state.notify(Key::Saved.text(state.lang.get_untracked()));
                navigate(
                    &format!("/assessment/cycles/{cycle_id}"),
                    Default::default(),
                );
            }
        });
    };
    view! {
        <section class="panel" data-page="open-cycle">
            <h1>{tr(Key::OpenCycle)}</h1>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span class="field__label">{tr(Key::Scheme)}</span>
                    <select class="input" name="scheme" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">{tr(Key::ChooseOne)}</option>
                        {move || choices.get().into_iter().map(|(key, s)| {
                            let builtin = key.starts_with('b');
                            let label = move || {
                                let lang = state.lang.get();
                                let named = i18n::with_reason(lang, &s.name, cadence_name(lang, s.cadence));
                                format!("{named}{}", if builtin { state.t(Key::BuiltIn) } else { "" })
                            };
                            view! { <option value=key>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <div class="form__row">
                    <LabelledInput label=Key::Year name="year" value=year numeric=true />
                    <LabelledInput label=Key::PeriodPart name="part" value=part numeric=true />
                </div>
                <LabelledInput label=Key::CycleName name="cycle-name" value=name />
                <div class="form__row">
                    <LabelledInput label=Key::PlansDue name="plans-due" value=plans_due kind="date" />
                    <LabelledInput label=Key::FormsDue name="forms-due" value=forms_due kind="date" />
                    <LabelledInput label=Key::ResultsDue name="results-due" value=results_due kind="date" />
                    <LabelledInput label=Key::AppealDays name="appeal-days" value=appeal_days numeric=true />
                </div>
                <h2>{tr(Key::People)}</h2>
                {move || {
                    let r = people.get();
                    let included = r.included.into_iter().map(|person| {
                        let (label, position) = state.data.with_untracked(|d| {
                            let s = d.staff.get(person);
                            (s.map(|s| format!("{} {}", s.number, s.name)).unwrap_or_default(), s.map(|s| s.position))
                        });
                        let name = staff_name_untracked(state, person);
                        view! {
                            <li>
                                <label class="check" data-person=name>
                                    <input type="checkbox" name="person" prop:checked=move || !unticked.get().contains(&person)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            unticked.update(|u| { u.retain(|p| *p != person); if !on { u.push(person); } });
                                        } />
                                    {label}" · "{move || position.map(|p| position_name(state.lang.get(), p)).unwrap_or_default()}
                                </label>
                            </li>
                        }
                    }).collect_view();
                    let excluded = r.excluded.into_iter().map(|(person, why)| {
                        let name = staff_name_untracked(state, person);
                        let why = move || state.t(match why { Excluded::Probation => Key::ProbationNote, Excluded::OutsidePilot => Key::OutsidePilot });
                        view! { <li data-excluded=name.clone()>{name.clone()}" — "{why}</li> }
                    }).collect_view();
                    view! {
                        <ul class="checklist" data-list="roster">{included}</ul>
                        <ul class="muted" data-list="excluded">{excluded}</ul>
                    }
                }}
                <p class="form__problem" role="alert" data-problem="open-cycle">{move || problem.get()}</p>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" name="open" disabled=move || saving.get()>
                        {tr(Key::OpenCycle)}
                    </button>
                    <a class="button" href="/assessment">{tr(Key::Cancel)}</a>
                </div>
            </form>
        </section>
    }
}

fn staff_name_untracked(state: AppState, id: Id) -> String {
    state.data.with_untracked(|d| staff_name(d, Some(id)))
}

/// HR's steps for everyone at once, each taken only where it fits now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bulk {
    File,
    Compile,
    Publish,
    Archive,
}

impl Bulk {
    /// Whether the step is one to take for the board's `row` now: compiling once every form is in (it may still
    /// find a KPI figure missing), archiving once the appeal window is over or the appeal decided.
    fn applies_to(self, row: &BoardRow) -> bool {
        match self {
            Bulk::File => row.stage == Stage::PlanApproved,
            Bulk::Compile => row.stage == Stage::Scoring && row.waiting == Waiting::HumanResources,
            Bulk::Publish => row.stage == Stage::Approved,
            Bulk::Archive => {
                matches!(row.stage, Stage::Published | Stage::Decided)
                    && row.waiting == Waiting::HumanResources
            }
        }
    }
}

#[component]
pub fn CycleBoardPage() -> impl IntoView {
    let state = use_app_state();
    let id = route_id();
    let all = folded(state);
    let cycle = Memo::new(move |_| match id.get() {
        Some(Ok(id)) => state
            .data
            .with(|d| d.cycles.get(id).cloned().map(|c| (id, c))),
        _ => None,
    });
    let rows = Memo::new(move |_| {
        let (id, cycle) = cycle.get()?;
        let now = state.now.get();
        let today = state.settings.with(|s| s.calendar.local_date(now));
        let mut rows =
            all.with(|all| board(&cycle, all.0.iter().filter(|a| a.cycle == id), today, now));
        state
            .data
            .with(|d| sorting::by_key(&mut rows, |r| staff_name(d, Some(r.person))));
        Some(rows)
    });
    let sees = move || {
        state.can(Action::RunCycles)
            || state.can(Action::ApproveResults)
            || state.can(Action::DecideAppeals)
            || state.can(Action::EditSchemes)
    };
    let problem = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let bulk = move |what: Bulk| {
        let Some((_, cycle)) = cycle.get_untracked() else {
            return;
        };
        let Some(rows) = rows.get_untracked() else {
            return;
        };
        let now = state.now.get_untracked();
        let mut changes = Vec::new();
        let mut skipped = Vec::new();
        for row in &rows {
            if !what.applies_to(row) {
                continue;
            }
            let step = match (what, row.stage) {
                (Bulk::File, Stage::PlanApproved) => AssessmentStep::PlanFiled,
                (Bulk::Publish, Stage::Approved) => AssessmentStep::Published,
                (Bulk::Archive, Stage::Published | Stage::Decided) => AssessmentStep::Archived,
                (Bulk::Compile, Stage::Scoring) => {
                    let Some(a) = all.with_untracked(|all| {
                        all.0.iter().find(|a| a.id == row.assessment).cloned()
                    }) else {
                        continue;
                    };
                    let figures = kpi_figures(state, &a, &cycle, now);
                    match figures.iter().all(|(_, e)| e.is_some()) {
                        true => AssessmentStep::Compiled {
                            kpis: figures
                                .into_iter()
                                .filter_map(|(at, e)| e.map(|e| (at, e)))
                                .collect(),
                        },
                        false => {
                            skipped.push(staff_name_untracked(state, row.person));
                            continue;
                        }
                    }
                }
                _ => continue,
            };
            match state
                .data
                .with_untracked(|d| prepare_step(state, d, row.assessment, step))
            {
                Ok(change) => changes.push(change),
                Err(why) => skipped.push(i18n::with_reason(
                    state.lang.get_untracked(),
                    &staff_name_untracked(state, row.person),
                    &why,
                )),
            }
        }
        problem.set((!skipped.is_empty()).then(|| {
            format!(
                "{} {}",
                state.t(Key::NotDoneFor),
                i18n::listed(state.lang.get_untracked(), &skipped)
            )
        }));
        if changes.is_empty() {
            return;
        }
        saving.set(true);
        let done = changes.len();
        spawn_local(async move {
            let saved = state.commit_all(Action::RunCycles, changes).await;
            saving.try_set(false);
            if saved.is_ok() {
                // How many it was done for (the ones it was not are listed above the board).
                state.notify(i18n::assessment::bulk_done(
                    state.lang.get_untracked(),
                    done,
                ));
            }
        });
    };
    // A bulk step is offered only while some assessment is at its stage, with how many are (a button that could
    // do nothing said "saved" for none).
    let waiting = move |what: Bulk| {
        rows.with(|rows| {
            rows.as_ref()
                .map_or(0, |rows| rows.iter().filter(|r| what.applies_to(r)).count())
        })
    };
    let bulk_button = move |what: Bulk, label: Key, name: &'static str| {
        view! {
            <button type="button" class="button" name=name disabled=move || saving.get() on:click=move |_| bulk(what)
                class:hidden=move || waiting(what) == 0>
                {move || format!("{} ({})", state.t(label), waiting(what))}
            </button>
        }
    };
    let any_bulk = move || {
        [Bulk::File, Bulk::Compile, Bulk::Publish, Bulk::Archive]
            .into_iter()
            .any(|what| waiting(what) > 0)
    };
    move || {
        let Some((cycle_id, cycle)) = cycle.get() else {
            return view! { <NotFound /> }.into_any();
        };
        if !sees() {
            return view! { <section class="panel panel--refusal" role="alert"><p>{tr(Key::NotPermittedHere)}</p></section> }.into_any();
        }
        let rows = rows.get().unwrap_or_default();
        let bars = distribution(&cycle, &rows)
            .into_iter()
            .map(|(label, count)| Bar {
                label: label.clone(),
                steps: count as u64,
                text: count.to_string(),
                href: None,
                tone: "",
            })
            .collect::<Vec<_>>();
        let people = rows.len();
        let graded = rows.iter().filter(|r| r.grade.is_some()).count();
        let table = results_table(state, &rows);
        let period = (cycle.scheme.cadence, cycle.period);
        // Bars are shares of everyone in the cycle, so an early grade does not fill the chart.
        let everyone = Some(people as u64);
        view! {
            <section class="panel" data-page="cycle-board" data-cycle=cycle_id.to_string()>
                <header class="panel__header">
                    <h1>{cycle.name.clone()}</h1>
                    <a class="button button--quiet" href="/assessment">{tr(Key::NavAssessment)}</a>
                </header>
                <dl class="facts">
                    <dt>{tr(Key::Scheme)}</dt><dd>{cycle.scheme.name.clone()}</dd>
                    <dt>{tr(Key::Period)}</dt><dd>{move || period_name(state.lang.get(), period.0, period.1)}</dd>
                    <dt>{tr(Key::PlansDue)}</dt><dd>{cycle.plans_due.to_string()}</dd>
                    <dt>{tr(Key::FormsDue)}</dt><dd>{cycle.forms_due.to_string()}</dd>
                    <dt>{tr(Key::ResultsDue)}</dt><dd>{cycle.results_due.to_string()}</dd>
                    <dt>{tr(Key::AppealDays)}</dt><dd>{cycle.appeal_days}</dd>
                </dl>
                <Show when=move || state.can(Action::RunCycles) && any_bulk()>
                    <div class="panel__actions" data-actions="bulk">
                        {bulk_button(Bulk::File, Key::FileApprovedPlans, "file-all")}
                        {bulk_button(Bulk::Compile, Key::CompileReady, "compile-all")}
                        {bulk_button(Bulk::Publish, Key::PublishApproved, "publish-all")}
                        {bulk_button(Bulk::Archive, Key::ArchiveReady, "archive-all")}
                    </div>
                    <p class="form__problem" role="alert" data-problem="bulk">{move || problem.get()}</p>
                </Show>
                <div class="table-wrap">
                    <table class="table" data-table="board">
                        <thead><tr>
                            <th>{tr(Key::StaffName)}</th><th>{tr(Key::Stage)}</th><th>{tr(Key::WaitingFor)}</th>
                            <th class="number">{tr(Key::Score)}</th><th>{tr(Key::Grade)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.iter().cloned().map(|row| {
                                let review = all.with_untracked(|all| state.data.with_untracked(|d| {
                                    needs_dismissal_review(&results_among(row.person, &all.0, d), &cycle.scheme.name)
                                }));
                                board_row(state, row, review)
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <h2>{tr(Key::GradeDistribution)}</h2>
                <p class="muted" data-fact="graded">{move || i18n::assessment::graded_of(state.lang.get(), graded, people)}</p>
                <BarChart bars=Signal::derive(move || bars.clone()) full=everyone title=Signal::derive(move || state.t(Key::GradeDistribution).to_string()) />
                <ExportButtons name="assessment-results" table=Signal::derive(move || table.clone()) />
            </section>
        }
        .into_any()
    }
}

/// One person's row; `review`: two failing results in a row of this scheme (this one included, once published), so
/// HR starts a dismissal review.
fn board_row(state: AppState, row: BoardRow, review: bool) -> impl IntoView {
    let name = staff_name_untracked(state, row.person);
    let (stage, waiting) = (row.stage, row.waiting);
    view! {
        <tr data-person=name.clone() data-stage=stage.slug().to_string() data-waiting=row.waiting.slug().to_string()
            class:row--overdue=row.overdue>
            <td><a href=format!("/assessment/a/{}", row.assessment)>{name.clone()}</a></td>
            <td>{move || stage_name(state.lang.get(), stage)}
                {row.overdue.then(|| view! { " "<span class="badge badge--danger">{tr(Key::Late)}</span> })}
                {(row.conflicts > 0).then(|| view! { " "<span class="badge badge--warning">{tr(Key::AssessmentConflicts)}</span> })}
                {review.then(|| view! { " "<span class="badge badge--danger" data-flag="dismissal-review">{tr(Key::DismissalReview)}</span> })}
            </td>
            <td>{move || match waiting { Waiting::Nobody => String::new(), w => waiting_name(state.lang.get(), w) }}</td>
            <td class="number" data-score=row.score.map(|s| s.to_string()).unwrap_or_default()>{row.score.map(|s| s.to_string())}</td>
            <td data-grade=row.grade.clone().unwrap_or_default()>{row.grade.clone()}</td>
        </tr>
    }
}

/// The result table as exported: staff number, name, position, stage, score and grade.
fn results_table(state: AppState, rows: &[BoardRow]) -> Table {
    let lang = state.lang.get_untracked();
    let mut table = Table::new(
        [
            Key::StaffNumber,
            Key::StaffName,
            Key::PositionLabel,
            Key::Stage,
            Key::Score,
            Key::Grade,
        ]
        .map(|k| k.text(lang).to_string())
        .to_vec(),
    );
    state.data.with_untracked(|d| {
        for row in rows {
            let staff = d.staff.version(row.person).map(|v| &v.body);
            table.push(vec![
                Cell::Text(staff.map(|s| s.number.clone()).unwrap_or_default()),
                Cell::Text(staff_name(d, Some(row.person))),
                Cell::Text(
                    staff
                        .map(|s| position_name(lang, s.position).to_string())
                        .unwrap_or_default(),
                ),
                Cell::Text(stage_name(lang, row.stage)),
                row.score.map_or(Cell::Empty, |s| Cell::Decimal {
                    steps: s.0 as i64,
                    places: 2,
                }),
                Cell::Text(row.grade.clone().unwrap_or_default()),
            ]);
        }
    });
    table
}
