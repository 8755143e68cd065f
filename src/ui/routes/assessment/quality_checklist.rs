//! The standards checklist (售后服务标准检查表, R8.1) as the department keeps it: each clause's number, requirement,
//! GB/T 27922 indicator, points, evidence documents, responsible unit and whether it is checked on a sample —
//! edited and saved as its next version (a self-assessment keeps the copy it was made with); and two
//! self-assessments side by side, clause by clause.
//!
//! Must not: check what is typed (`ChecklistDraft::check`) or score (`checklist::compare`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::access::Action;
use crate::domain::checklist::{ChecklistDraft, ClauseDraft, SEED_CHECKLIST_ID, compare};
use crate::domain::dataset::{Change, Dataset};
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::standards::Indicator;
use crate::i18n::quality::{
    changed_clauses, clause_count, finding_text, indicator_name, points_text,
};
use crate::i18n::{self, Key};
use crate::ui::components::form::{FormErrors, FormField, RecordProblem};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::save_saying;
use crate::ui::state::{tr, use_app_state};

/// One clause's inputs.
#[derive(Clone, Copy)]
struct ClauseRow {
    key: u64,
    number: RwSignal<String>,
    requirement: RwSignal<String>,
    indicator: RwSignal<String>,
    points: RwSignal<String>,
    evidence: RwSignal<String>,
    unit: RwSignal<String>,
    sampled: RwSignal<bool>,
}

impl ClauseRow {
    fn of(key: u64, draft: ClauseDraft) -> ClauseRow {
        ClauseRow {
            key,
            number: RwSignal::new(draft.number),
            requirement: RwSignal::new(draft.requirement),
            indicator: RwSignal::new(
                draft
                    .indicator
                    .and_then(|i| Indicator::ALL.iter().position(|x| *x == i))
                    .map(|i| i.to_string())
                    .unwrap_or_default(),
            ),
            points: RwSignal::new(draft.points),
            evidence: RwSignal::new(draft.evidence),
            unit: RwSignal::new(draft.unit),
            sampled: RwSignal::new(draft.sampled),
        }
    }

    fn draft(&self) -> ClauseDraft {
        ClauseDraft {
            number: self.number.get_untracked(),
            requirement: self.requirement.get_untracked(),
            indicator: self
                .indicator
                .with_untracked(|v| v.parse::<usize>().ok())
                .and_then(|i| Indicator::ALL.get(i).copied()),
            points: self.points.get_untracked(),
            evidence: self.evidence.get_untracked(),
            unit: self.unit.get_untracked(),
            sampled: self.sampled.get_untracked(),
        }
    }
}

#[component]
pub fn ChecklistPage() -> impl IntoView {
    view! {
        <Guarded action=Action::ViewQuality>
            <ChecklistEditor />
        </Guarded>
    }
}

#[component]
fn ChecklistEditor() -> impl IntoView {
    let state = use_app_state();
    let current = Memo::new(move |_| state.data.with(Dataset::checklist));
    let name = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<ClauseRow>::new());
    let next_key = StoredValue::new(0u64);
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let editable = move || state.can(Action::ManageQuality);
    // The checklist as the form opened it: a save over a version another tab or device saved since asks first.
    let opened = StoredValue::new(None);
    let load = move || {
        let list = current.get_untracked();
        name.set(list.name.clone());
        let draft = ChecklistDraft::of(&list);
        // Fresh keys: the list redraws its rows, bound to these inputs (not the ones before a cancel).
        let first = next_key.get_value();
        rows.set(
            draft
                .clauses
                .into_iter()
                .enumerate()
                .map(|(i, c)| ClauseRow::of(first + i as u64, c))
                .collect(),
        );
        next_key.set_value(first + rows.with_untracked(Vec::len) as u64);
        opened.set_value(
            state
                .data
                .with_untracked(|d| d.checklists.version(SEED_CHECKLIST_ID).cloned()),
        );
        errors.set(Vec::new());
    };
    load();
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| r.push(ClauseRow::of(key, ClauseDraft::default())));
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ChecklistDraft {
            name: name.get_untracked(),
            clauses: rows.with_untracked(|r| r.iter().map(ClauseRow::draft).collect()),
        };
        let before = current.get_untracked();
        match draft.check(&before) {
            Err(problems) => errors.set(problems),
            // Nothing changed: no new version.
            Ok(list) if list.name == before.name && list.clauses == before.clauses => {
                errors.set(Vec::new());
                state.notify(state.t(Key::ChecklistUnchanged).to_string());
            }
            Ok(list) => {
                errors.set(Vec::new());
                let change = Change::Checklist(state.edited(
                    SEED_CHECKLIST_ID,
                    opened.get_value().as_ref(),
                    list,
                ));
                save_saying(
                    state,
                    Action::ManageQuality,
                    change,
                    saving,
                    Key::ChecklistSaved,
                    load,
                );
            }
        }
    };
    let row_problem = move |index: usize| {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == Field::Line(index))
                .map(|e| i18n::problem(state.lang.get(), &e.problem))
        })
    };
    let numbered = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    let indicators = Signal::derive(move || {
        let lang = state.lang.get();
        std::iter::once((String::new(), "—".to_string()))
            .chain(
                Indicator::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (i.to_string(), indicator_name(lang, *x).to_string())),
            )
            .collect::<Vec<_>>()
    });
    view! {
        <section class="panel" data-page="checklist">
            <header class="section-head">
                <h1>{tr(Key::ChecklistTitle)}</h1>
                <a class="button" href="/assessment/quality">{tr(Key::Quality)}</a>
            </header>
            <p class="muted" data-fact="checklist-version">
                {move || current.with(|c| format!("{} v{} · {} · {}", c.name, c.version, clause_count(state.lang.get(), c.clauses.len()), points_total(&c.clauses)))}
            </p>
            <p class="muted">{tr(Key::ChecklistIntro)}</p>
            <form class="form" on:submit=save novalidate>
                <FormField label=Key::ChecklistName field=Field::Name errors=errors required=true>
                    <input class="input" name="checklist-name" bind:value=name disabled=move || !editable() />
                </FormField>
                <ol class="clause-editor" data-list="clauses">
                    <For each=numbered key=|(i, r)| (*i, r.key) let:item>
                        {
                            let (index, row) = item;
                            view! {
                                <li class="clause-editor__clause" data-clause=move || row.number.get() class:field--invalid=move || row_problem(index).is_some()>
                                    <div class="clause-editor__grid">
                                        <label class="field"><span class="field__label">{tr(Key::ClauseNumber)}</span>
                                            <input class="input" name="number" bind:value=row.number disabled=move || !editable() /></label>
                                        <label class="field clause-editor__wide"><span class="field__label">{tr(Key::Requirement)}</span>
                                            <textarea class="input" name="requirement" rows="2" bind:value=row.requirement disabled=move || !editable()></textarea></label>
                                        <label class="field"><span class="field__label">{tr(Key::IndicatorLabel)}</span>
                                            <select class="input" name="indicator" disabled=move || !editable()
                                                on:change=move |ev| row.indicator.set(event_target_value(&ev))>
                                                {move || indicators.get().into_iter().map(|(value, label)| {
                                                    let chosen = value.clone();
                                                    view! { <option value=value prop:selected=move || row.indicator.get() == chosen>{label}</option> }
                                                }).collect_view()}
                                            </select></label>
                                        <label class="field"><span class="field__label">{tr(Key::Points)}</span>
                                            <input class="input" name="points" inputmode="numeric" bind:value=row.points disabled=move || !editable() /></label>
                                        <label class="field clause-editor__wide"><span class="field__label">{tr(Key::EvidenceDocuments)}</span>
                                            <input class="input" name="evidence" bind:value=row.evidence disabled=move || !editable() /></label>
                                        <label class="field"><span class="field__label">{tr(Key::ResponsibleUnit)}</span>
                                            <input class="input" name="unit" bind:value=row.unit disabled=move || !editable() /></label>
                                        <label class="check"><input type="checkbox" name="sampled" bind:checked=row.sampled disabled=move || !editable() />{tr(Key::SampledClause)}</label>
                                    </div>
                                    <span class="field__error" role="alert" data-field=format!("Line({index})")>{move || row_problem(index)}</span>
                                    <Show when=editable>
                                        <button type="button" class="button button--quiet" name="remove-clause"
                                            on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>{tr(Key::RemoveClause)}</button>
                                    </Show>
                                </li>
                            }
                        }
                    </For>
                </ol>
                <RecordProblem errors=errors />
                <Show when=editable>
                    <div class="form__actions">
                        <button type="button" class="button" name="add-clause" on:click=add>{tr(Key::AddClause)}</button>
                        <button type="submit" class="button button--primary" name="save-checklist" disabled=move || saving.get()>{tr(Key::SaveNewVersion)}</button>
                        <button type="button" class="button" name="reset-checklist" on:click=move |_| load()>{tr(Key::Cancel)}</button>
                    </div>
                </Show>
            </form>
        </section>
    }
}

fn points_total(clauses: &[crate::domain::checklist::Clause]) -> String {
    let total: u32 = clauses.iter().map(|c| c.points).sum();
    format!("Σ {total}")
}

/// `/assessment/quality/compare?a=…&b=…`: two self-assessments clause by clause, the changed ones marked.
#[component]
pub fn ComparePage() -> impl IntoView {
    let state = use_app_state();
    let query = use_query_map();
    let pick = move |key: &str| {
        query
            .with(|q| q.get(key))
            .and_then(|v| v.parse::<Id>().ok())
    };
    let pair = Memo::new(move |_| {
        let (a, b) = (pick("a")?, pick("b")?);
        state.data.with(|d| {
            let a = d.self_assessments.get(a)?.clone();
            let b = d.self_assessments.get(b)?.clone();
            // The earlier first.
            Some(match a.day <= b.day {
                true => (a, b),
                false => (b, a),
            })
        })
    });
    view! {
        <Guarded action=Action::ViewQuality>
            <section class="panel" data-page="compare-assessments">
                <header class="section-head">
                    <h1>{tr(Key::CompareAssessments)}</h1>
                    <a class="button" href="/assessment/quality">{tr(Key::Quality)}</a>
                </header>
                {move || match pair.get() {
                    None => view! { <p class="empty">{tr(Key::ChooseTwoAssessments)}</p> }.into_any(),
                    Some((before, after)) => {
                        let lang = state.lang.get();
                        let total = |a: &crate::domain::checklist::SelfAssessment| a.score().total.map(|t| t.shown().to_string()).unwrap_or_else(|| "—".into());
                        let rows = compare(&before, &after);
                        let changed = rows.iter().filter(|r| r.changed()).count();
                        let cell = move |side: Option<(Option<crate::domain::standards::Finding>, Option<crate::domain::assessment::exact::Exact>)>| match side {
                            None => "—".to_string(),
                            Some((finding, earned)) => format!(
                                "{} · {}",
                                finding_text(lang, finding),
                                earned.map(points_text).unwrap_or_else(|| "—".into())
                            ),
                        };
                        view! {
                            <p data-fact="changed-count">{changed_clauses(lang, changed)}</p>
                            <div class="table-wrap">
                                <table class="table table--wrap" data-table="compare">
                                    <thead><tr>
                                        <th>{tr(Key::ClauseNumber)}</th><th>{tr(Key::Requirement)}</th><th class="num">{tr(Key::Points)}</th>
                                        <th>{format!("{} v{}", before.day, before.version)}</th><th>{format!("{} v{}", after.day, after.version)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|r| {
                                            let changed = r.changed();
                                            view! {
                                                <tr data-clause=r.number.clone() data-changed=changed.to_string() class:row--changed=changed>
                                                    <td>{r.number.clone()}</td><td>{r.requirement.clone()}</td><td class="num">{r.points}</td>
                                                    <td>{cell(r.before)}</td><td>{cell(r.after)}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                        <tr><th colspan="3">{tr(Key::ScoreTotal)}</th><td data-fact="total-before">{total(&before)}</td><td data-fact="total-after">{total(&after)}</td></tr>
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                }}
            </section>
        </Guarded>
    }
}
