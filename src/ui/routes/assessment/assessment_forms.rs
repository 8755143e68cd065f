//! The step forms of one assessment, one component each: what the person, the superior, a rater, HR, an approver
//! and the committee fill in. Each parses what was typed at the edge (a number as typed, every problem on its own
//! field), then takes its step through `assessment::take_step`, which refuses — saving nothing — what is not the
//! user's or does not fit now.
//!
//! Must not: score anything (the domain's rules do, and the page explains them) or decide who sees a form.

use leptos::prelude::*;

use crate::domain::assessment::cycle::{
    ApprovalStep, Assessment, AssessmentStep, Cycle, Goal, Relation, default_raters,
    open_correction,
};
use crate::domain::assessment::exact::{Exact, Shown};
use crate::domain::assessment::kpi_source::{cycle_span, kpi_entries, kpi_filter};
use crate::domain::assessment::rule::{Entry, Rule, score};
use crate::domain::assessment::scheme::{Indicator, Scheme, Source};
use crate::domain::calendar::Instant;
use crate::domain::error::Problem;
use crate::domain::ids::Id;
use crate::domain::kpi::engine::Inputs;
use crate::i18n::assessment::{relation_name, rule_error_text};
use crate::i18n::{self, Key, Lang};
use crate::ui::components::form::{LabelledInput, id_value, value_id};
use crate::ui::routes::assessment::home::{StepProblem, acting_id, take_step};
use crate::ui::routes::staff_name;
use crate::ui::state::{tr, use_app_state};

/// Places a typed score or figure may have.
const SCORE_PLACES: u32 = 2;
const VALUE_PLACES: u32 = 4;

/// A form's shell: its title, its fields, the step's problem and its buttons.
#[component]
fn StepForm(title: Key, name: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="subpanel form" data-form=name>
            <h2>{tr(title)}</h2>
            {children()}
        </section>
    }
}

/// One button that takes one step with nothing to fill in (file the plan, publish, archive).
#[component]
pub fn StepButton(id: Id, step: AssessmentStep, label: Key, name: &'static str) -> impl IntoView {
    let state = use_app_state();
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    view! {
        <div class="subpanel form__actions" data-form=name>
            <button class="button button--primary" name=name disabled=move || saving.get()
                on:click=move |_| take_step(state, id, step.clone(), problem, saving, || {})>
                {tr(label)}
            </button>
            <StepProblem problem=problem />
        </div>
    }
}

/// One goal as typed: its key in the list, the goal, how it is measured.
type GoalRow = (usize, RwSignal<String>, RwSignal<String>);

/// The person's 工作目标计划表 (or its adjustment, which needs a reason): goals and how each is measured.
#[component]
pub fn PlanForm(id: Id, goals: Vec<Goal>, adjust: bool) -> impl IntoView {
    let state = use_app_state();
    let start = match goals.is_empty() {
        true => vec![(String::new(), String::new())],
        false => goals.into_iter().map(|g| (g.goal, g.measure)).collect(),
    };
    let rows: RwSignal<Vec<GoalRow>> = RwSignal::new(
        start
            .into_iter()
            .enumerate()
            .map(|(n, (g, m))| (n, RwSignal::new(g), RwSignal::new(m)))
            .collect(),
    );
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let add = move |_| {
        rows.update(|r| {
            let key = r.iter().map(|(k, _, _)| k + 1).max().unwrap_or(0);
            r.push((
                key,
                RwSignal::new(String::new()),
                RwSignal::new(String::new()),
            ));
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let goals: Vec<Goal> = rows.with_untracked(|r| {
            r.iter()
                .map(|(_, g, m)| Goal {
                    goal: g.get_untracked().trim().to_string(),
                    measure: m.get_untracked().trim().to_string(),
                })
                .filter(|g| !g.goal.is_empty() || !g.measure.is_empty())
                .collect()
        });
        let step = match adjust {
            false => AssessmentStep::PlanSubmitted { goals },
            true => AssessmentStep::PlanAdjusted {
                goals,
                reason: reason.get_untracked().trim().to_string(),
            },
        };
        take_step(state, id, step, problem, saving, || {});
    };
    let title = if adjust {
        Key::AdjustPlan
    } else {
        Key::PlanFormTitle
    };
    view! {
        <StepForm title=title name=if adjust { "adjust-plan" } else { "plan" }>
            <form class="form" on:submit=submit>
                <div class="table-wrap">
                    <table class="table table--form" data-table="goals">
                        <thead><tr><th>{tr(Key::Goal)}</th><th>{tr(Key::GoalMeasure)}</th><th></th></tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|(k, _, _)| *k let:row>
                                <tr>
                                    <td><input class="input" name="goal" prop:value=move || row.1.get()
                                        on:input=move |ev| row.1.set(event_target_value(&ev)) /></td>
                                    <td><input class="input" name="measure" prop:value=move || row.2.get()
                                        on:input=move |ev| row.2.set(event_target_value(&ev)) /></td>
                                    <td><button type="button" class="button button--quiet" name="remove-goal"
                                        on:click=move |_| rows.update(|r| r.retain(|(k, _, _)| *k != row.0))>
                                        {tr(Key::Delete)}
                                    </button></td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </div>
                <button type="button" class="button" name="add-goal" on:click=add>{tr(Key::AddGoal)}</button>
                {adjust.then(|| view! {
                    <LabelledInput label=Key::Reason name="reason" value=reason />
                })}
                <StepProblem problem=problem />
                <div class="form__actions">
                    <button type="submit" class="button button--primary" name="submit-plan" disabled=move || saving.get()>
                        {move || state.t(if adjust { Key::SubmitAdjustment } else { Key::SubmitPlan })}
                    </button>
                </div>
            </form>
        </StepForm>
    }
}

/// A reason and a button that takes a step needing it (return a plan, return a result, appeal).
fn reason_text(reason: RwSignal<String>) -> String {
    reason.get_untracked().trim().to_string()
}

/// The superior approves the plan, or returns it with a reason.
#[component]
pub fn ReviewPlanForm(id: Id) -> impl IntoView {
    let state = use_app_state();
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    view! {
        <StepForm title=Key::ReviewPlan name="review-plan">
            <LabelledInput label=Key::ReturnReason name="reason" value=reason />
            <StepProblem problem=problem />
            <div class="form__actions">
                <button class="button button--primary" name="approve-plan" disabled=move || saving.get()
                    on:click=move |_| take_step(state, id, AssessmentStep::PlanApproved, problem, saving, || {})>
                    {tr(Key::Approve)}
                </button>
                <button class="button" name="return-plan" disabled=move || saving.get()
                    on:click=move |_| take_step(state, id, AssessmentStep::PlanReturned { reason: reason_text(reason) }, problem, saving, || {})>
                    {tr(Key::ReturnIt)}
                </button>
            </div>
        </StepForm>
    }
}

/// What is typed for one indicator, as typed.
#[derive(Clone, Copy)]
struct EntryDraft {
    at: u32,
    /// The figure the engine gave (HR's compile), kept exact: while its text is left as shown it is what is frozen
    /// — a figure like 13 ÷ 14 is shown rounded ("≈92.8571"), which no one could type back exactly.
    given: StoredValue<Option<(String, Entry)>>,
    text: RwSignal<String>,
    reason: RwSignal<String>,
    met: RwSignal<bool>,
    problem: RwSignal<Option<String>>,
}

impl EntryDraft {
    fn new(at: u32, entry: Option<&Entry>) -> EntryDraft {
        let (text, reason, met) = match entry {
            Some(Entry::Value(v)) => (v.to_string(), String::new(), false),
            Some(Entry::Count(n)) => (n.to_string(), String::new(), false),
            Some(Entry::Score { score, reason }) => (score.to_string(), reason.clone(), false),
            Some(Entry::Met(met)) => (String::new(), String::new(), *met),
            None => (String::new(), String::new(), false),
        };
        EntryDraft {
            at,
            given: StoredValue::new(entry.map(|entry| (text.clone(), entry.clone()))),
            text: RwSignal::new(text),
            reason: RwSignal::new(reason),
            met: RwSignal::new(met),
            problem: RwSignal::new(None),
        }
    }

    /// The entry the indicator's rule takes, or the problem with what was typed (also the rule's own: a score above
    /// 100, a low score without a reason).
    fn parse(&self, indicator: &Indicator, lang: Lang) -> Result<Entry, String> {
        let text = self.text.get_untracked().trim().to_string();
        let given = self.given.get_value();
        if let Some((shown, entry)) = &given
            && *shown == text
        {
            score(&indicator.rule, indicator.target, entry)
                .map_err(|error| rule_error_text(lang, &error))?;
            return Ok(entry.clone());
        }
        let number = |places: u32| {
            Exact::parse(&text, places)
                .ok_or_else(|| i18n::problem(lang, &Problem::InvalidNumber { decimals: places }))
        };
        let entry = match indicator.rule {
            Rule::PassFail => Entry::Met(self.met.get_untracked()),
            Rule::Deduction { .. } => Entry::Count(
                text.parse()
                    .map_err(|_| i18n::problem(lang, &Problem::InvalidQuantity))?,
            ),
            Rule::Manual { .. } => Entry::Score {
                score: number(SCORE_PLACES)?,
                reason: self.reason.get_untracked().trim().to_string(),
            },
            _ => Entry::Value(number(VALUE_PLACES)?),
        };
        score(&indicator.rule, indicator.target, &entry)
            .map_err(|error| rule_error_text(lang, &error))?;
        Ok(entry)
    }
}

/// Parses every draft, marking each field's problem; all entries, or `None` if any was refused.
fn parse_all(drafts: &[EntryDraft], scheme: &Scheme, lang: Lang) -> Option<Vec<(u32, Entry)>> {
    let mut entries = Vec::new();
    let mut ok = true;
    for draft in drafts {
        match draft.parse(&scheme.indicators[draft.at as usize], lang) {
            Ok(entry) => {
                draft.problem.set(None);
                entries.push((draft.at, entry));
            }
            Err(text) => {
                draft.problem.set(Some(text));
                ok = false;
            }
        }
    }
    ok.then_some(entries)
}

/// One indicator's input, as its rule wants it.
fn entry_field(indicator: &Indicator, draft: EntryDraft) -> AnyView {
    let at = draft.at;
    let input = match indicator.rule {
        Rule::PassFail => view! {
            <label class="check">
                <input type="checkbox" name=format!("met-{at}") prop:checked=move || draft.met.get()
                    on:change=move |ev| draft.met.set(event_target_checked(&ev)) />
                {tr(Key::Met)}
            </label>
        }
        .into_any(),
        Rule::Manual { .. } => view! {
            <input class="input input--number" name=format!("score-{at}") inputmode="decimal"
                prop:value=move || draft.text.get() on:input=move |ev| draft.text.set(event_target_value(&ev)) />
            <input class="input" name=format!("reason-{at}") placeholder=tr(Key::Reason)
                prop:value=move || draft.reason.get() on:input=move |ev| draft.reason.set(event_target_value(&ev)) />
        }
        .into_any(),
        _ => view! {
            <input class="input input--number" name=format!("value-{at}") inputmode="decimal"
                prop:value=move || draft.text.get() on:input=move |ev| draft.text.set(event_target_value(&ev)) />
        }
        .into_any(),
    };
    view! {
        <tr data-indicator=at>
            <td>{indicator.dimension.clone()}</td>
            <td>{indicator.name.clone()}</td>
            <td class="number">{indicator.weight.to_string()}</td>
            <td class="entry">
                {input}
                <span class="field__error" role="alert" data-field=format!("Indicator{at}")>{move || draft.problem.get()}</span>
            </td>
        </tr>
    }
    .into_any()
}

fn entry_table(scheme: &Scheme, drafts: &[EntryDraft]) -> AnyView {
    view! {
        <div class="table-wrap">
            <table class="table table--form" data-table="entries">
                <thead><tr>
                    <th>{tr(Key::Dimension)}</th><th>{tr(Key::Indicator)}</th><th class="number">{tr(Key::Weight)}</th>
                    <th>{tr(Key::Entry)}</th>
                </tr></thead>
                <tbody>
                    {drafts.iter().map(|d| entry_field(&scheme.indicators[d.at as usize], *d)).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A form of entries: the table, the step's problem, and the button that submits it.
fn entry_form(
    table: AnyView,
    problem: RwSignal<Option<String>>,
    saving: RwSignal<bool>,
    (button, label): (&'static str, Key),
    submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> AnyView {
    view! {
        <form class="form" on:submit=submit>
            {table}
            <StepProblem problem=problem />
            <div class="form__actions">
                <button type="submit" class="button button--primary" name=button disabled=move || saving.get()>
                    {tr(label)}
                </button>
            </div>
        </form>
    }
    .into_any()
}

fn drafts_for(
    scheme: &Scheme,
    wanted: impl Fn(Source) -> bool,
    given: impl Fn(u32) -> Option<Entry>,
) -> Vec<EntryDraft> {
    scheme
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| wanted(i.source))
        .map(|(at, _)| EntryDraft::new(at as u32, given(at as u32).as_ref()))
        .collect()
}

/// The superior's 工作业绩评估表: the manual indicators.
#[component]
pub fn PerformanceForm(id: Id, assessment: Assessment, scheme: Scheme) -> impl IntoView {
    let state = use_app_state();
    let drafts = drafts_for(
        &scheme,
        |s| s == Source::Manual,
        |at| {
            assessment
                .performance
                .iter()
                .find(|(i, _)| *i == at)
                .map(|(_, e)| e.clone())
        },
    );
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let table = entry_table(&scheme, &drafts);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(entries) = parse_all(&drafts, &scheme, state.lang.get_untracked()) {
            take_step(
                state,
                id,
                AssessmentStep::PerformanceScored { entries },
                problem,
                saving,
                || {},
            );
        }
    };
    view! {
        <StepForm title=Key::PerformanceFormTitle name="performance">
            {entry_form(table, problem, saving, ("save-performance", Key::Save), submit)}
        </StepForm>
    }
}

/// A rater's 综合能力评估表: a score of 0–100 for each rated indicator (their earlier form filled in, to revise).
#[component]
pub fn RateForm(
    id: Id,
    relation: Relation,
    assessment: Assessment,
    scheme: Scheme,
) -> impl IntoView {
    let state = use_app_state();
    let me = state.current_user().and_then(|(_, u)| u.staff);
    let earlier = assessment
        .ratings
        .iter()
        .find(|r| Some(r.rater) == me)
        .map(|r| r.scores.clone())
        .unwrap_or_default();
    let drafts = drafts_for(
        &scheme,
        |s| s == Source::Raters,
        |at| {
            earlier
                .iter()
                .find(|(i, _)| *i == at)
                .map(|(_, score)| Entry::Score {
                    score: *score,
                    reason: String::new(),
                })
        },
    );
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let table = entry_table(&scheme, &drafts);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(entries) = parse_all(&drafts, &scheme, state.lang.get_untracked()) else {
            return;
        };
        let scores = entries
            .into_iter()
            .filter_map(|(at, entry)| match entry {
                Entry::Score { score, .. } => Some((at, score)),
                _ => None,
            })
            .collect();
        take_step(
            state,
            id,
            AssessmentStep::Rated { relation, scores },
            problem,
            saving,
            || {},
        );
    };
    view! {
        <section class="subpanel form" data-form="rate" data-relation=relation.slug().to_string()>
            <h2>{tr(Key::AbilityFormTitle)}" · "{move || relation_name(state.lang.get(), relation)}</h2>
            <p class="muted">{tr(Key::RaterPrivacy)}</p>
            {entry_form(table, problem, saving, ("save-rating", Key::Save), submit)}
        </section>
    }
}

/// HR changes who rates: the org's list to start with; remove one, add anyone else as peer or subordinate.
#[component]
pub fn RatersForm(id: Id, assessment: Assessment) -> impl IntoView {
    let state = use_app_state();
    let list = RwSignal::new(assessment.raters.clone());
    let person = assessment.person;
    let chosen = RwSignal::new(String::new());
    let relation = RwSignal::new("Peer".to_string());
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let options = move || {
        state.data.with(|d| {
            d.staff
                .live()
                .filter(|(sid, _)| *sid != person)
                .map(|(sid, s)| (id_value(Some(sid)), format!("{} {}", s.number, s.name)))
                .collect::<Vec<_>>()
        })
    };
    let add = move |_| {
        let Some(rater) = value_id(&chosen.get_untracked()) else {
            return;
        };
        let relation = match relation.get_untracked().as_str() {
            "Superior" => Relation::Superior,
            "Subordinate" => Relation::Subordinate,
            _ => Relation::Peer,
        };
        list.update(|l| {
            l.retain(|(r, _)| *r != rater);
            l.push((rater, relation));
        });
    };
    let reset = move |_| list.set(state.data.with_untracked(|d| default_raters(person, d)));
    let save = move |_| {
        take_step(
            state,
            id,
            AssessmentStep::RatersAssigned {
                raters: list.get_untracked(),
            },
            problem,
            saving,
            || {},
        );
    };
    view! {
        <details class="subpanel" data-form="raters">
            <summary>{tr(Key::ChangeRaters)}</summary>
            <ul class="chips">
                {move || list.get().into_iter().map(|(rater, rel)| {
                    let name = state.data.with_untracked(|d| staff_name(d, Some(rater)));
                    view! {
                        <li data-rater=name.clone()>
                            {name.clone()}" · "{move || relation_name(state.lang.get(), rel)}
                            <button type="button" class="button button--quiet" name="remove-rater"
                                on:click=move |_| list.update(|l| l.retain(|(r, _)| *r != rater))>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="form__row">
                <select class="input" name="rater" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">{tr(Key::ChooseOne)}</option>
                    {move || options().into_iter().map(|(v, label)| view! { <option value=v>{label}</option> }).collect_view()}
                </select>
                <select class="input" name="relation" on:change=move |ev| relation.set(event_target_value(&ev))>
                    <option value="Peer">{move || relation_name(state.lang.get(), Relation::Peer)}</option>
                    <option value="Subordinate">{move || relation_name(state.lang.get(), Relation::Subordinate)}</option>
                    <option value="Superior">{move || relation_name(state.lang.get(), Relation::Superior)}</option>
                </select>
                <button type="button" class="button" name="add-rater" on:click=add>{tr(Key::AddRater)}</button>
                <button type="button" class="button button--quiet" name="reset-raters" on:click=reset>{tr(Key::FromTheOrg)}</button>
            </div>
            <StepProblem problem=problem />
            <div class="form__actions">
                <button type="button" class="button button--primary" name="save-raters" disabled=move || saving.get() on:click=save>
                    {tr(Key::Save)}
                </button>
            </div>
        </details>
    }
}

/// The KPI indicators' figures for `assessment` from the KPI engine, for the cycle's period (`None` where the KPI
/// has nothing to count).
pub fn kpi_figures(
    state: crate::ui::state::AppState,
    assessment: &Assessment,
    cycle: &Cycle,
    now: Instant,
) -> Vec<(u32, Option<Entry>)> {
    let Some(period) = cycle_span(cycle.scheme.cadence, cycle.period) else {
        return Vec::new();
    };
    state.facts.with_untracked(|facts| {
        state.data.with_untracked(|data| {
            let filter = kpi_filter(assessment.person, data);
            kpi_entries(
                &cycle.scheme,
                Inputs {
                    facts: &facts.0,
                    now,
                },
                &filter,
                period,
            )
        })
    })
}

/// HR compiles the 绩效考核结果处理表: the KPI figures from the engine, frozen; where a KPI had nothing to count in
/// the period, HR types the figure (and the compile is refused until every indicator has a score).
#[component]
pub fn CompileForm(id: Id, assessment: Assessment, cycle: Cycle) -> impl IntoView {
    let state = use_app_state();
    let now = state.now.get_untracked();
    let figures = kpi_figures(state, &assessment, &cycle, now);
    let scheme = cycle.scheme.clone();
    let drafts: Vec<EntryDraft> = figures
        .iter()
        .map(|(at, entry)| EntryDraft::new(*at, entry.as_ref()))
        .collect();
    let missing = figures.iter().filter(|(_, e)| e.is_none()).count();
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let table = entry_table(&scheme, &drafts);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(kpis) = parse_all(&drafts, &scheme, state.lang.get_untracked()) {
            take_step(
                state,
                id,
                AssessmentStep::Compiled { kpis },
                problem,
                saving,
                || {},
            );
        }
    };
    view! {
        <StepForm title=Key::Compile name="compile">
            <p class="muted">{tr(Key::CompileHint)}</p>
            {(missing > 0).then(|| view! { <p class="banner banner--warning">{tr(Key::KpiWithoutFigure)}</p> })}
            {entry_form(table, problem, saving, ("compile", Key::Compile), submit)}
        </StepForm>
    }
}

/// One approval of the chain: approve, or return with a reason; the direct superior may first adjust the score (a
/// reason required; the computed score is kept beside it).
#[component]
pub fn ApprovalForm(id: Id, step: ApprovalStep) -> impl IntoView {
    let state = use_app_state();
    let reason = RwSignal::new(String::new());
    let adjusted = RwSignal::new(String::new());
    let adjust_reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let adjust = move |_| {
        let lang = state.lang.get_untracked();
        let score = match typed_score(&adjusted.get_untracked(), lang) {
            Ok(Some(score)) => score,
            Ok(None) => return problem.set(Some(i18n::problem(lang, &Problem::Required))),
            Err(text) => return problem.set(Some(text)),
        };
        let step = AssessmentStep::Adjusted {
            score,
            reason: reason_text(adjust_reason),
        };
        take_step(state, id, step, problem, saving, || {});
    };
    view! {
        <StepForm title=Key::ApproveResult name="approve">
            {(step == ApprovalStep::Superior).then(|| view! {
                <div class="form__row" data-form="adjust">
                    <LabelledInput label=Key::AdjustScore name="adjusted" value=adjusted decimal=true />
                    <LabelledInput label=Key::Reason name="adjust-reason" value=adjust_reason />
                    <button type="button" class="button" name="adjust" disabled=move || saving.get() on:click=adjust>
                        {tr(Key::AdjustScore)}
                    </button>
                </div>
            })}
            <LabelledInput label=Key::ReturnReason name="reason" value=reason />
            <StepProblem problem=problem />
            <div class="form__actions">
                <button class="button button--primary" name="approve" disabled=move || saving.get()
                    on:click=move |_| take_step(state, id, AssessmentStep::Approved { step }, problem, saving, || {})>
                    {tr(Key::Approve)}
                </button>
                <button class="button" name="return" disabled=move || saving.get()
                    on:click=move |_| take_step(state, id, AssessmentStep::Returned { step, reason: reason_text(reason) }, problem, saving, || {})>
                    {tr(Key::ReturnIt)}
                </button>
            </div>
        </StepForm>
    }
}

/// The person's appeal, while the window is open.
#[component]
pub fn AppealForm(id: Id, closes: Option<Instant>) -> impl IntoView {
    let state = use_app_state();
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let until = closes.map(|at| state.local_time(at));
    view! {
        <StepForm title=Key::Appeal name="appeal">
            {until.map(|t| view! { <p class="muted">{tr(Key::AppealUntil)}" "{t}</p> })}
            <label class="field">
                <span class="field__label">{tr(Key::AppealReason)}</span>
                <textarea class="input" name="appeal-reason" prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </label>
            <StepProblem problem=problem />
            <div class="form__actions">
                <button class="button button--primary" name="appeal" disabled=move || saving.get()
                    on:click=move |_| take_step(state, id, AssessmentStep::Appealed { reason: reason_text(reason) }, problem, saving, || {})>
                    {tr(Key::Appeal)}
                </button>
            </div>
        </StepForm>
    }
}

/// A score as typed (hundredths at most), rounded to the shown score; `None` when nothing was typed.
fn typed_score(text: &str, lang: Lang) -> Result<Option<Shown>, String> {
    let text = text.trim();
    match text.is_empty() {
        true => Ok(None),
        false => Exact::parse(text, SCORE_PLACES)
            .map(|exact| Some(exact.shown()))
            .ok_or_else(|| {
                i18n::problem(
                    lang,
                    &Problem::InvalidNumber {
                        decimals: SCORE_PLACES,
                    },
                )
            }),
    }
}

/// The committee's final decision: the score stands (left empty) or becomes the one typed; a reason either way.
#[component]
pub fn DecideForm(id: Id) -> impl IntoView {
    let state = use_app_state();
    let score = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let decide = move |_| {
        let lang = state.lang.get_untracked();
        let typed = score.get_untracked().trim().to_string();
        let new_score = match typed_score(&typed, lang) {
            Ok(score) => score,
            Err(text) => return problem.set(Some(text)),
        };
        let step = AssessmentStep::AppealDecided {
            score: new_score,
            reason: reason_text(reason),
        };
        take_step(state, id, step, problem, saving, || {});
    };
    view! {
        <StepForm title=Key::DecideAppeal name="decide">
            <label class="field">
                <span class="field__label">{tr(Key::NewScore)}</span>
                <input class="input input--number" name="decided-score" inputmode="decimal" prop:value=move || score.get()
                    on:input=move |ev| score.set(event_target_value(&ev)) />
                <span class="field__hint">{tr(Key::NewScoreHint)}</span>
            </label>
            <label class="field">
                <span class="field__label">{tr(Key::Reason)}</span>
                <textarea class="input" name="decision-reason" prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </label>
            <StepProblem problem=problem />
            <div class="form__actions">
                <button class="button button--primary" name="decide" disabled=move || saving.get() on:click=decide>
                    {tr(Key::DecideAppeal)}
                </button>
            </div>
        </StepForm>
    }
}

/// HR opens a correction of an archived assessment: a new one of the same person in the same cycle, naming it, with
/// the same raters; the page then shows the new one.
#[component]
pub fn CorrectionButton(archived: Assessment) -> impl IntoView {
    let state = use_app_state();
    let navigate = leptos_router::hooks::use_navigate();
    let saving = RwSignal::new(false);
    let open = move |_| {
        let Some(by) = acting_id(state) else {
            return;
        };
        let at = crate::platform::now_ms() as Instant;
        let Some((id, changes)) =
            open_correction(&archived, by, at, crate::platform::new_id, || {
                state.next_stamp()
            })
        else {
            return;
        };
        saving.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let saved = state
                .commit_all(crate::domain::access::Action::RunCycles, changes)
                .await;
            saving.try_set(false);
            if saved.is_ok() {
                navigate(&format!("/assessment/a/{id}"), Default::default());
            }
        });
    };
    view! {
        <div class="subpanel form__actions" data-form="correction">
            <button class="button" name="open-correction" disabled=move || saving.get() on:click=open>
                {tr(Key::OpenCorrection)}
            </button>
        </div>
    }
}
