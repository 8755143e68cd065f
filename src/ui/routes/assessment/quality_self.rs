//! One standards self-assessment (售后服务标准检查表, R8): the clauses as the paper form lists them (number,
//! requirement, evidence documents, responsible unit, points), a finding and an evidence note for each, the
//! special deductions and bonus with their reasons, the score as it stands (each group's, the result, the band
//! and stars), saved as it goes and finished once every clause is assessed; then each clause that lost points
//! with its corrective actions. Printable like the paper form.
//!
//! Must not: score or check (`domain::checklist`, `domain::standards`).

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::checklist::{AssessmentDraft, Entry, SelfAssessment};
use crate::domain::corrective::Source;
use crate::domain::dataset::Change;
use crate::domain::error::{Field, FieldError};
use crate::domain::ids::Id;
use crate::domain::standards::{Finding, Special};
use crate::export::{Cell, Table};
use crate::i18n::quality::{
    band_text, finding_choices, finding_text, group_name, indicator_name, points_text,
};
use crate::i18n::{self, Key};
use crate::ui::components::export::ExportButtons;
use crate::ui::components::form::{FormErrors, RecordProblem};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::assessment::quality::{SourceActions, progress_key};
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::{route_id, save_saying};
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn SelfAssessmentPage() -> impl IntoView {
    let state = use_app_state();
    let id = route_id();
    // Rebuilt only when another assessment is opened, or this one is finished elsewhere.
    let found = Memo::new(move |_| {
        let id = id.get()?.ok()?;
        state.data.with(|d| {
            d.self_assessments
                .live_version(id)
                .map(|v| (id, v.body.finished))
        })
    });
    view! {
        <Guarded action=Action::ViewQuality>
            {move || match found.get() {
                None => view! { <NotFound /> }.into_any(),
                Some((id, _)) => view! { <AssessmentForm id=id /> }.into_any(),
            }}
        </Guarded>
    }
}

/// One clause's inputs.
#[derive(Clone, Copy)]
struct ClauseInputs {
    finding: RwSignal<String>,
    checked: RwSignal<String>,
    not_conforming: RwSignal<String>,
    evidence: RwSignal<String>,
}

impl ClauseInputs {
    fn of(entry: &Entry) -> ClauseInputs {
        let (kind, checked, not_conforming) = match entry.finding {
            None => ("", String::new(), String::new()),
            Some(Finding::Conforming) => ("conforming", String::new(), String::new()),
            Some(Finding::NotConforming) => ("not_conforming", String::new(), String::new()),
            Some(Finding::NotApplicable) => ("not_applicable", String::new(), String::new()),
            Some(Finding::Sampled {
                checked,
                not_conforming,
            }) => ("sampled", checked.to_string(), not_conforming.to_string()),
        };
        ClauseInputs {
            finding: RwSignal::new(kind.into()),
            checked: RwSignal::new(checked),
            not_conforming: RwSignal::new(not_conforming),
            evidence: RwSignal::new(entry.evidence.clone()),
        }
    }

    /// The entry as typed; counts that do not read as numbers read as 0 (the check then says so).
    fn entry(&self) -> Entry {
        let count = |s: RwSignal<String>| s.get().trim().parse::<u32>().unwrap_or(0);
        Entry {
            finding: match self.finding.get().as_str() {
                "conforming" => Some(Finding::Conforming),
                "not_conforming" => Some(Finding::NotConforming),
                "not_applicable" => Some(Finding::NotApplicable),
                "sampled" => Some(Finding::Sampled {
                    checked: count(self.checked),
                    not_conforming: count(self.not_conforming),
                }),
                _ => None,
            },
            evidence: self.evidence.get(),
        }
    }
}

#[component]
fn AssessmentForm(id: Id) -> impl IntoView {
    let state = use_app_state();
    let stored = state
        .data
        .with_untracked(|d| d.self_assessments.live_version(id).cloned())
        .expect("the assessment is there");
    let opened = StoredValue::new(stored.clone());
    let assessment = stored.body.clone();
    let finished = assessment.finished;
    let editable = move || !finished && state.can(Action::ManageQuality);
    let inputs: Vec<ClauseInputs> = assessment
        .rows()
        .map(|(_, e)| ClauseInputs::of(&e))
        .collect();
    let inputs = StoredValue::new(inputs);
    let specials: RwSignal<Vec<(bool, RwSignal<String>)>> = RwSignal::new(
        assessment
            .specials
            .iter()
            .map(|s| match s {
                Special::Bonus { reason } => (true, RwSignal::new(reason.clone())),
                Special::Deduction { reason } => (false, RwSignal::new(reason.clone())),
            })
            .collect(),
    );
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let base = StoredValue::new(assessment.clone());
    // What the form says now, as an assessment (for the live score): the entries as typed.
    let live = Memo::new(move |_| {
        let mut now = base.get_value();
        now.entries = inputs.with_value(|all| all.iter().map(ClauseInputs::entry).collect());
        now.specials = specials
            .get()
            .iter()
            .map(|(bonus, reason)| match bonus {
                true => Special::Bonus {
                    reason: reason.get(),
                },
                false => Special::Deduction {
                    reason: reason.get(),
                },
            })
            .collect();
        now
    });
    let save = move |finish: bool| {
        let draft = AssessmentDraft {
            entries: live.get_untracked().entries,
            specials: live.get_untracked().specials,
            finish,
        };
        match draft.check(&base.get_value()) {
            Err(problems) => errors.set(problems),
            Ok(saved) => {
                errors.set(Vec::new());
                let change =
                    Change::SelfAssessment(state.edited(id, Some(&opened.get_value()), saved));
                let done = match finish {
                    true => Key::SelfAssessmentFinished,
                    false => Key::SelfAssessmentSaved,
                };
                // Another save from here goes over what this one wrote.
                let moved_on = move || {
                    if let Some(now) = state
                        .data
                        .with_untracked(|d| d.self_assessments.live_version(id).cloned())
                    {
                        opened.set_value(now.clone());
                        base.set_value(now.body);
                    }
                };
                save_saying(state, Action::ManageQuality, change, saving, done, moved_on);
            }
        }
    };
    let problem_at = move |field: Field| {
        move || {
            errors.with(|list| {
                list.iter()
                    .find(|e: &&FieldError| e.field == field)
                    .map(|e| i18n::problem(state.lang.get(), &e.problem))
            })
        }
    };
    let clauses = assessment.clauses.clone();
    view! {
        <div class="no-print statement-nav">
            <a class="button" href="/assessment/quality">{tr(Key::BackToQuality)}</a>
        </div>
        <article class="paper standards-sheet" data-page="self-assessment" data-finished=finished.to_string()>
            <h1 class="paper__title">{assessment.name.clone()}</h1>
            <p class="muted">
                {format!("v{} · {} · ", assessment.version, assessment.day)}
                {tr(Key::Assessor)}" "{assessment.assessor_name.clone()}" · "
                {tr(progress_key(finished))}
            </p>
            <ScorePanel live=live />
            <table class="paper__grid standards-sheet__clauses" data-table="clauses">
                <thead><tr>
                    <th>{tr(Key::Clause)}</th><th>{tr(Key::Requirement)}</th><th class="num">{tr(Key::Points)}</th>
                    <th>{tr(Key::Finding)}</th><th>{tr(Key::EvidenceNote)}</th><th class="num">{tr(Key::Earned)}</th>
                </tr></thead>
                <tbody>
                    {clauses.into_iter().enumerate().map(|(index, clause)| {
                        let input = inputs.with_value(|all| all[index]);
                        let earned = move || {
                            live.with(|a| a.clause_scores().get(index).and_then(|s| s.earned).map(points_text).unwrap_or_else(|| "—".into()))
                        };
                        let indicator = clause.indicator;
                        let (evidence, unit) = (clause.evidence.clone(), clause.unit.clone());
                        view! {
                            <tr data-clause=clause.number.clone()>
                                <td><strong>{clause.number.clone()}</strong><br/>
                                    <span class="muted">{move || indicator_name(state.lang.get(), indicator)}</span></td>
                                <td>{clause.requirement.clone()}
                                    <div class="muted">{move || i18n::labelled(state.lang.get(), state.t(Key::EvidenceDocs), &evidence)}</div>
                                    <div class="muted">{move || i18n::labelled(state.lang.get(), state.t(Key::ResponsibleUnit), &unit)}</div>
                                </td>
                                <td class="num">{clause.points}</td>
                                <td>
                                    {move || match editable() {
                                        false => view! { <span data-fact="finding">{move || finding_text(state.lang.get(), input.entry().finding)}</span> }.into_any(),
                                        true => view! {
                                            <select class="input" name="finding" aria-label=tr(Key::Finding)
                                                on:change=move |ev| input.finding.set(event_target_value(&ev))>
                                                {move || finding_choices(state.lang.get()).into_iter().map(|(value, label)| {
                                                    let chosen = value.clone();
                                                    view! { <option value=value prop:selected=move || input.finding.get() == chosen>{label}</option> }
                                                }).collect_view()}
                                            </select>
                                            <Show when=move || input.finding.get() == "sampled">
                                                <div class="standards-sheet__sample">
                                                    <label class="field"><span class="field__label">{tr(Key::SampledChecked)}</span>
                                                        <input class="input" name="checked" inputmode="numeric" bind:value=input.checked /></label>
                                                    <label class="field"><span class="field__label">{tr(Key::SampledNotConforming)}</span>
                                                        <input class="input" name="not-conforming" inputmode="numeric" bind:value=input.not_conforming /></label>
                                                </div>
                                            </Show>
                                        }.into_any(),
                                    }}
                                    <span class="field__error" role="alert" data-field=format!("Line({index})")>{problem_at(Field::Line(index))}</span>
                                </td>
                                <td>
                                    {move || match editable() {
                                        false => view! { <span>{input.evidence.get()}</span> }.into_any(),
                                        true => view! { <input class="input" name="evidence" aria-label=tr(Key::EvidenceNote) bind:value=input.evidence /> }.into_any(),
                                    }}
                                </td>
                                <td class="num" data-fact="earned">{earned}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <section data-section="specials">
                <h2>{tr(Key::Specials)}</h2>
                {move || (specials.with(Vec::is_empty) && !editable()).then(|| view! { <p class="muted">"—"</p> })}
                <ul class="plain-list">
                    {move || specials.get().into_iter().enumerate().map(|(index, (bonus, reason))| view! {
                        <li class="standards-sheet__special">
                            <span class="badge">{tr(if bonus { Key::SpecialBonus } else { Key::SpecialDeduction })}</span>
                            {move || match editable() {
                                false => view! { <span>{reason.get()}</span> }.into_any(),
                                true => view! {
                                    <input class="input" name="special-reason" aria-label=tr(Key::Reason) bind:value=reason />
                                    <button type="button" class="button button--quiet" name="remove-special"
                                        on:click=move |_| specials.update(|all| { all.remove(index); })>{tr(Key::Remove)}</button>
                                }.into_any(),
                            }}
                            <span class="field__error" role="alert" data-field=format!("Special({index})")>{problem_at(Field::Special(index))}</span>
                        </li>
                    }).collect_view()}
                </ul>
                <Show when=editable>
                    <div class="form__actions no-print">
                        <button type="button" class="button" name="add-deduction"
                            on:click=move |_| specials.update(|all| all.push((false, RwSignal::new(String::new()))))>{tr(Key::AddDeduction)}</button>
                        <button type="button" class="button" name="add-bonus"
                            on:click=move |_| specials.update(|all| all.push((true, RwSignal::new(String::new()))))>{tr(Key::AddBonus)}</button>
                    </div>
                </Show>
            </section>
            <RecordProblem errors=errors />
            <div class="paper__actions no-print">
                <Show when=editable>
                    <button type="button" class="button" name="save" disabled=move || saving.get() on:click=move |_| save(false)>{tr(Key::SaveDraft)}</button>
                    <button type="button" class="button button--primary" name="finish" disabled=move || saving.get() on:click=move |_| save(true)>{tr(Key::FinishSelfAssessment)}</button>
                </Show>
                <button type="button" class="button" name="print" on:click=move |_| { let _ = window().print(); }>{tr(Key::Print)}</button>
                <ExportButtons name="self-assessment" table=Signal::derive(move || checklist_table(state.lang.get(), &live.get()))
                    file=Signal::derive(move || live.with(|a| format!("checklist-{}-v{}", a.day, a.version))) />
            </div>
        </article>
        {finished.then(|| view! { <Shortfalls id=id assessment=assessment.clone() /> })}
    }
}

/// The score of the form as it stands.
#[component]
fn ScorePanel(live: Memo<SelfAssessment>) -> impl IntoView {
    let state = use_app_state();
    view! {
        {move || {
            let lang = state.lang.get();
            let a = live.get();
            let score = a.score();
            let partial = a.unassessed() > 0;
            let shown = |x: Option<crate::domain::assessment::exact::Exact>| x.map(|x| x.shown().to_string()).unwrap_or_else(|| "—".into());
            view! {
                <table class="paper__grid" data-table="score">
                    <tr>
                        <th>{tr(Key::ApplicablePoints)}</th><td data-fact="applicable">{points_text(score.applicable)}</td>
                        <th>{tr(Key::EarnedPoints)}</th><td data-fact="earned">{points_text(score.earned)}</td>
                    </tr>
                    <tr>
                        <th>{tr(Key::ScoreResult)}</th><td data-fact="result">{shown(score.result)}</td>
                        <th>{tr(Key::ScoreTotal)}</th><td data-fact="total">{shown(score.total)}</td>
                    </tr>
                    <tr>
                        <th>{tr(Key::BandLabel)}</th>
                        <td data-fact="band" colspan="3">{score.band.map(|b| band_text(lang, b)).unwrap_or_else(|| "—".into())}
                            {partial.then(|| view! { " "<span class="muted">"("{tr(Key::AssessedSoFar)}")"</span> })}</td>
                    </tr>
                </table>
                <table class="paper__grid" data-table="groups">
                    <caption>{tr(Key::GroupScores)}</caption>
                    {a.group_scores().into_iter().map(|(group, s)| view! {
                        <tr><th>{group_name(lang, group)}</th>
                            <td>{points_text(s.earned)}" / "{points_text(s.applicable)}</td>
                            <td data-fact="group-result">{shown(s.result)}</td></tr>
                    }).collect_view()}
                </table>
            }
        }}
    }
}

/// A finished assessment's clauses that lost points, each with its corrective actions and a form to open one.
#[component]
fn Shortfalls(id: Id, assessment: SelfAssessment) -> impl IntoView {
    let scores = assessment.clause_scores();
    let short: Vec<(String, String, String)> = assessment
        .shortfalls()
        .into_iter()
        .map(|index| {
            let clause = &assessment.clauses[index];
            (
                clause.number.clone(),
                clause.requirement.clone(),
                points_text(scores[index].lost),
            )
        })
        .collect();
    view! {
        <section class="panel no-print" data-section="shortfalls">
            <h2>{tr(Key::Shortfalls)}</h2>
            {match short.is_empty() {
                true => view! { <p class="empty">{tr(Key::NoShortfalls)}</p> }.into_any(),
                false => view! {
                    <ul class="plain-list">
                        {short.into_iter().map(|(number, requirement, lost)| {
                            let source = Source::Clause { assessment: id, clause: number.clone() };
                            let what = format!("{number} {requirement}");
                            view! {
                                <li class="shortfall" data-clause=number.clone()>
                                    <p><strong>{number.clone()}</strong>" "{requirement}" "<span class="badge badge--warning">"−"{lost}</span></p>
                                    <SourceActions source=source what=what />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// The 检查表 as a spreadsheet: each clause with its points, finding, the points earned and the evidence note, then
/// the result. Points stay numbers (hundredths).
fn checklist_table(lang: crate::i18n::Lang, assessment: &SelfAssessment) -> Table {
    let mut table = Table::new(
        [
            Key::ClauseNumber,
            Key::Requirement,
            Key::Points,
            Key::Finding,
            Key::Earned,
            Key::EvidenceNote,
        ]
        .iter()
        .map(|k| k.text(lang).to_string())
        .collect(),
    );
    let points = |exact: crate::domain::assessment::exact::Exact| Cell::Decimal {
        steps: exact.shown().0 as i64,
        places: 2,
    };
    for ((clause, entry), score) in assessment.rows().zip(assessment.clause_scores()) {
        table.push(vec![
            Cell::Text(clause.number.clone()),
            Cell::Text(clause.requirement.clone()),
            Cell::number(i64::from(clause.points)),
            Cell::Text(finding_text(lang, score.finding)),
            score.earned.map_or(Cell::Empty, points),
            Cell::Text(entry.evidence.clone()),
        ]);
    }
    let score = assessment.score();
    table.push(vec![
        Cell::Text(Key::ScoreTotal.text(lang).to_string()),
        Cell::Text(score.band.map(|b| band_text(lang, b)).unwrap_or_default()),
        Cell::Empty,
        Cell::Empty,
        score.total.map_or(Cell::Empty, points),
        Cell::Empty,
    ]);
    table
}
