//! The assessment's paper forms, printable (R6.5, S21 附表): 工作目标计划表 (the plan), 工作业绩评估表 (the superior's
//! form), 综合能力评估表 (the raters' means — never who gave which) and 绩效考核结果处理表 (the result with its
//! approvals and the final grade), laid out like the paper ones with signature lines, each exported as CSV or XLSX
//! top to bottom as on paper (R6.7). One `PaperSheet` per form is both what the page lays out and what the file
//! holds.
//!
//! Must not: show more than the viewer's sight allows (the person: their plan, and the result once published).

use crate::domain::slug::slugs;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::domain::assessment::cycle::{ApprovalStep, Assessment, Cycle, Relation};
use crate::domain::assessment::exact::{Exact, Shown};
use crate::domain::assessment::moves::{self, Sight};
use crate::domain::assessment::scheme::Source;
use crate::domain::assessment::sheet::{How, SheetResult};
use crate::domain::dataset::Dataset;
use crate::domain::org::Affiliation;
use crate::export::{Cell, Table};
use crate::i18n::assessment::{
    approval_step_name, final_line, outcome_line, period_name, relation_name,
};
use crate::i18n::{self, Key, Lang, position_name};
use crate::ui::components::export::ExportButtons;
use crate::ui::routes::assessment::home::{fold_all_one, viewer};
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

slugs!(Paper {
    Plan => "Plan",
    Performance => "Performance",
    Ability => "Ability",
    Result => "Result",
});

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
        // A form the scheme has nothing for (no manual or no rated indicator) is not one of its forms.
        // Nor is the result form before HR has compiled it.
        let has_lines = match paper {
            Paper::Performance => cycle.scheme.has_source(Source::Manual),
            Paper::Ability => cycle.scheme.has_source(Source::Raters),
            Paper::Result => assessment.stage.compiled(),
            Paper::Plan => true,
        };
        if !has_lines {
            return view! { <NotFound /> }.into_any();
        }
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
    let id = assessment.id;
    let content = Memo::new(move |_| paper_sheet(state, &assessment, &cycle, &sheet, paper));
    let export = Signal::derive(move || content.with(export_table));
    view! {
        <article class="paper" data-page="assessment-print" data-paper=paper.slug().to_string()>
            {move || content.with(paper_view)}
            <div class="paper__sign">
                <span>{move || i18n::labelled(state.lang.get(), state.t(Key::SignedPerson), "________")}</span>
                <span>{move || i18n::labelled(state.lang.get(), state.t(Key::SignedSuperior), "________")}</span>
                <span>{move || i18n::labelled(state.lang.get(), state.t(Key::SignedDate), "________")}</span>
            </div>
            <div class="paper__actions no-print">
                <button type="button" class="button button--primary" name="print" on:click=move |_| { let _ = window().print(); }>
                    {tr(Key::Print)}
                </button>
                <ExportButtons name=paper.file_name() table=export />
                <a class="button" href=format!("/assessment/a/{id}")>{tr(Key::Back)}</a>
            </div>
        </article>
    }
}

impl Paper {
    fn title(self) -> Key {
        match self {
            Paper::Plan => Key::PlanFormTitle,
            Paper::Performance => Key::PerformanceFormTitle,
            Paper::Ability => Key::AbilityFormTitle,
            Paper::Result => Key::ResultFormTitle,
        }
    }

    /// The exported file's name (and its sheet's).
    fn file_name(self) -> &'static str {
        match self {
            Paper::Plan => "assessment-plan",
            Paper::Performance => "assessment-performance",
            Paper::Ability => "assessment-ability",
            Paper::Result => "assessment-result",
        }
    }
}

/// One labelled line of a form; `fact` names it for `data-fact`.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    label: String,
    value: String,
    fact: Option<&'static str>,
}

impl Line {
    fn new(label: String, value: String) -> Line {
        Line {
            label,
            value,
            fact: None,
        }
    }

    fn fact(self, fact: &'static str) -> Line {
        Line {
            fact: Some(fact),
            ..self
        }
    }
}

/// A paper form as content in the reader's language: what the page lays out and what its export writes, so the
/// two never differ.
#[derive(Clone, Debug, PartialEq)]
struct PaperSheet {
    title: String,
    /// The header: who, which period, whose superior — two to a row.
    facts: Vec<Line>,
    /// The form's table: its name (`data-table`), headers and rows.
    grid: (&'static str, Vec<String>, Vec<Vec<Cell>>),
    /// Under the table (the result form): the computed score, adjustment, decision, final result and outcome.
    lines: Vec<Line>,
    /// The final grade's label and the score it was decided on (`data-grade`, `data-score`).
    final_grade: Option<(String, String)>,
    /// Each approval step: the step, who approved, when (the result form).
    approvals: Vec<[String; 3]>,
}

fn paper_sheet(
    state: AppState,
    assessment: &Assessment,
    cycle: &Cycle,
    sheet: &SheetResult,
    paper: Paper,
) -> PaperSheet {
    let lang = state.lang.get();
    let text = |key: Key| key.text(lang).to_string();
    let facts = state
        .data
        .with_untracked(|d| header_facts(lang, d, assessment, cycle));
    let mut form = PaperSheet {
        title: text(paper.title()),
        facts,
        grid: match paper {
            Paper::Plan => plan_grid(lang, assessment),
            Paper::Performance => indicator_grid(lang, cycle, sheet, |s| s == Source::Manual),
            Paper::Ability => ability_grid(lang, assessment, cycle, sheet),
            Paper::Result => indicator_grid(lang, cycle, sheet, |_| true),
        },
        lines: Vec::new(),
        final_grade: None,
        approvals: Vec::new(),
    };
    if paper != Paper::Result {
        return form;
    }
    let computed = sheet.shown.map(|s| s.to_string()).unwrap_or_default();
    form.lines
        .push(Line::new(text(Key::ComputedScore), computed).fact("computed-score"));
    if let Some((score, reason)) = &assessment.adjustment {
        form.lines.push(Line::new(
            text(Key::AdjustedTo),
            format!("{score} — {reason}"),
        ));
    }
    if let Some(reason) = &assessment.appeal {
        form.lines
            .push(Line::new(text(Key::AppealReason), reason.clone()).fact("appeal"));
    }
    if let Some((score, reason)) = &assessment.decision {
        let verdict = match score {
            Some(score) => score.to_string(),
            None => text(Key::ResultStands),
        };
        form.lines.push(
            Line::new(
                text(Key::CommitteeDecision),
                format!("{verdict} — {reason}"),
            )
            .fact("decision"),
        );
    }
    let scheme = &cycle.scheme;
    if let Some(((score, standing), band)) = assessment
        .final_score(scheme)
        .zip(assessment.final_grade(scheme))
    {
        form.lines.push(
            Line::new(
                text(Key::FinalResult),
                final_line(lang, score, standing, &band),
            )
            .fact("final-grade"),
        );
        form.final_grade = Some((band.label.clone(), score.to_string()));
        if let Some(outcome) = scheme.outcome(score) {
            form.lines.push(
                Line::new(text(Key::GradeOutcome), outcome_line(lang, &outcome)).fact("outcome"),
            );
        }
    }
    form.approvals = ApprovalStep::CHAIN
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
            [approval_step_name(lang, *step).to_string(), who, when]
        })
        .collect();
    form
}

fn header_facts(lang: Lang, d: &Dataset, assessment: &Assessment, cycle: &Cycle) -> Vec<Line> {
    let staff = d.staff.version(assessment.person).map(|v| &v.body);
    let unit = staff.and_then(|s| match s.affiliation {
        Affiliation::Unit(u) => Some(u),
        _ => None,
    });
    let superior = assessment
        .raters
        .iter()
        .find(|(_, r)| *r == Relation::Superior)
        .map(|(id, _)| *id);
    let text = |key: Key| key.text(lang).to_string();
    vec![
        Line::new(text(Key::StaffName), staff_name(d, Some(assessment.person))).fact("person"),
        Line::new(
            text(Key::StaffNumber),
            staff.map(|s| s.number.clone()).unwrap_or_default(),
        ),
        Line::new(
            text(Key::PositionLabel),
            staff
                .map(|s| position_name(lang, s.position).to_string())
                .unwrap_or_default(),
        ),
        Line::new(text(Key::Units), unit_name(d, unit)),
        Line::new(
            text(Key::Period),
            period_name(lang, cycle.scheme.cadence, cycle.period),
        ),
        Line::new(text(Key::Superior), staff_name(d, superior)),
    ]
}

type Grid = (&'static str, Vec<String>, Vec<Vec<Cell>>);

fn headers(lang: Lang, keys: &[Key]) -> Vec<String> {
    keys.iter().map(|k| k.text(lang).to_string()).collect()
}

/// A score as a cell: two places, exact.
fn score_cell(score: Option<Shown>) -> Cell {
    score.map_or(Cell::Empty, |s| Cell::Decimal {
        steps: s.0 as i64,
        places: 2,
    })
}

fn plan_grid(lang: Lang, assessment: &Assessment) -> Grid {
    let mut columns = vec!["#".to_string()];
    columns.extend(headers(lang, &[Key::Goal, Key::GoalMeasure]));
    let rows = assessment
        .goals
        .iter()
        .enumerate()
        .map(|(n, g)| {
            vec![
                Cell::number(n as i64 + 1),
                Cell::Text(g.goal.clone()),
                Cell::Text(g.measure.clone()),
            ]
        })
        .collect();
    ("plan", columns, rows)
}

/// The indicators of the wanted sources with their weight, score and contribution.
fn indicator_grid(
    lang: Lang,
    cycle: &Cycle,
    sheet: &SheetResult,
    wanted: impl Fn(Source) -> bool,
) -> Grid {
    let columns = headers(
        lang,
        &[
            Key::Dimension,
            Key::Indicator,
            Key::Weight,
            Key::Score,
            Key::Contribution,
        ],
    );
    let rows = cycle
        .scheme
        .indicators
        .iter()
        .zip(&sheet.indicators)
        .filter(|(i, _)| wanted(i.source))
        .map(|(i, r)| {
            vec![
                Cell::Text(i.dimension.clone()),
                Cell::Text(i.name.clone()),
                Cell::Text(i.weight.to_string()),
                score_cell(r.score.map(|s| s.shown())),
                score_cell(r.contribution.map(|c| c.shown())),
            ]
        })
        .collect();
    ("indicators", columns, rows)
}

/// The raters' form: per rated indicator, the mean of each relation and the 360° composite — never a rater's name.
fn ability_grid(lang: Lang, assessment: &Assessment, cycle: &Cycle, sheet: &SheetResult) -> Grid {
    const RELATIONS: [Relation; 3] = [Relation::Superior, Relation::Peer, Relation::Subordinate];
    let mean = |relation: Relation, at: usize| {
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
        score_cell(Exact::mean(&scores).map(|m| m.shown()))
    };
    let mut columns = headers(lang, &[Key::Indicator, Key::Weight]);
    columns.extend(RELATIONS.map(|r| relation_name(lang, r).to_string()));
    columns.push(Key::Composite.text(lang).to_string());
    let rows = cycle
        .scheme
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.source == Source::Raters)
        .map(|(at, i)| {
            let composite = match &sheet.indicators[at].how {
                How::Raters(_) => sheet.indicators[at].score.map(|s| s.shown()),
                _ => None,
            };
            let mut row = vec![Cell::Text(i.name.clone()), Cell::Text(i.weight.to_string())];
            row.extend(RELATIONS.map(|r| mean(r, at)));
            row.push(score_cell(composite));
            row
        })
        .collect();
    ("ability", columns, rows)
}

/// The form laid out like the paper one.
fn paper_view(form: &PaperSheet) -> AnyView {
    let (table, columns, rows) = form.grid.clone();
    let facts: Vec<Vec<Line>> = form.facts.chunks(2).map(<[Line]>::to_vec).collect();
    let (grade, score) = form.final_grade.clone().unwrap_or_default();
    view! {
        <h1 class="paper__title">{form.title.clone()}</h1>
        <table class="paper__grid">
            {facts.into_iter().map(|pair| view! {
                <tr>{pair.into_iter().map(|line| view! {
                    <th>{line.label}</th><td data-fact=line.fact>{line.value}</td>
                }).collect_view()}</tr>
            }).collect_view()}
        </table>
        <table class="paper__grid" data-table=table>
            <thead><tr>{columns.into_iter().map(|c| view! { <th>{c}</th> }).collect_view()}</tr></thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>{row.into_iter().map(grid_cell).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
        {(!form.lines.is_empty()).then(|| view! {
            <table class="paper__grid" data-table="result">
                {form.lines.iter().cloned().map(|line| {
                    let decided = line.fact == Some("final-grade");
                    view! {
                        <tr><th>{line.label}</th>
                            <td data-fact=line.fact data-grade=decided.then(|| grade.clone()) data-score=decided.then(|| score.clone())>{line.value}</td></tr>
                    }
                }).collect_view()}
            </table>
        })}
        {(!form.approvals.is_empty()).then(|| view! {
            <table class="paper__grid" data-table="approval-chain">
                <tbody>
                    {form.approvals.iter().cloned().map(|[step, who, when]| view! {
                        <tr><th>{step}</th><td>{who}</td><td>{when}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
    .into_any()
}

/// A cell on paper: numbers right-aligned, a missing one a dash.
fn grid_cell(cell: Cell) -> impl IntoView {
    match cell {
        Cell::Empty => view! { <td class="number">"—"</td> }.into_any(),
        Cell::Text(text) => view! { <td>{text}</td> }.into_any(),
        Cell::Decimal { steps, places } => {
            view! { <td class="number">{Cell::number_text(steps, places)}</td> }.into_any()
        }
    }
}

/// The form as one sheet, top to bottom as on paper: title, header, the table, the lines under it, the approvals.
fn export_table(form: &PaperSheet) -> Table {
    let mut table = Table::new(vec![form.title.clone()]);
    for pair in form.facts.chunks(2) {
        table.push(
            pair.iter()
                .flat_map(|l| [Cell::Text(l.label.clone()), Cell::Text(l.value.clone())])
                .collect(),
        );
    }
    let (_, columns, rows) = &form.grid;
    table.push(Vec::new());
    table.push(columns.iter().cloned().map(Cell::Text).collect());
    for row in rows {
        table.push(row.clone());
    }
    if !form.lines.is_empty() {
        table.push(Vec::new());
    }
    for line in &form.lines {
        table.push(vec![
            Cell::Text(line.label.clone()),
            Cell::Text(line.value.clone()),
        ]);
    }
    if !form.approvals.is_empty() {
        table.push(Vec::new());
    }
    for approval in &form.approvals {
        table.push(approval.iter().cloned().map(Cell::Text).collect());
    }
    table
}
