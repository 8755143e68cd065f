//! Assessment schemes (R6.1, R6.2): the list — those saved here and the seed's built-in ones, each a template — and
//! the editor: name, cadence, positions and pilot units, the indicator sheet with each indicator's source and
//! scoring rule, the 360° weights and the grade bands with what each leads to (bonus, salary, promotion, training,
//! nomination), with the weight total live as the user types ("权重合计 95%" until it is 100 %).
//!
//! Must not: check a scheme itself (`SchemeDraft::check` parses and checks it) or change a running cycle (a cycle
//! keeps the copy it was opened with).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::access::Action;
use crate::domain::assessment::exact::Weight;
use crate::domain::assessment::outcome::SalaryProposal;
use crate::domain::assessment::scheme::{Cadence, Scheme, Source, built_in};
use crate::domain::assessment::scheme_draft::{
    BandDraft, IndicatorDraft, RuleDraft, SchemeDraft, bands_of, bands_text,
};
use crate::domain::dataset::Change;
use crate::domain::error::{Field, FieldError};
use crate::domain::ids::Id;
use crate::domain::kpi::Kpi;
use crate::domain::org::Position;
use crate::domain::sorting;
use crate::i18n::assessment::cadence_name;
use crate::i18n::kpi::kpi_name;
use crate::i18n::{self, Key, position_name};
use crate::platform;
use crate::ui::components::form::{FormErrors, LabelledInput, RecordProblem};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::{deletion, remove, route_id, save, unit_options};
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn SchemesPage() -> impl IntoView {
    let state = use_app_state();
    let stored = Memo::new(move |_| {
        let mut list: Vec<(Id, Scheme)> = state
            .data
            .with(|d| d.schemes.live().map(|(id, s)| (id, s.clone())).collect());
        sorting::by(&mut list, |a, b| a.1.name.cmp(&b.1.name));
        list
    });
    let row = move |href: String, scheme: &Scheme, action: Key| {
        let cadence = scheme.cadence;
        let positions = scheme.positions.clone();
        view! {
            <tr data-scheme=scheme.name.clone()>
                <td>{scheme.name.clone()}</td>
                <td>{move || cadence_name(state.lang.get(), cadence)}</td>
                <td>{move || i18n::listed(state.lang.get(), &positions.iter().map(|p| position_name(state.lang.get(), *p)).collect::<Vec<_>>())}</td>
                <td class="number">{scheme.indicators.len()}</td>
                <td><a class="button button--quiet" href=href>{tr(action)}</a></td>
            </tr>
        }
    };
    view! {
        <Guarded action=Action::EditSchemes>
            <section class="panel" data-page="schemes">
                <header class="panel__header">
                    <h1>{tr(Key::Schemes)}</h1>
                    <a class="button button--primary" href="/assessment/schemes/new" data-action="new-scheme">{tr(Key::NewScheme)}</a>
                </header>
                <div class="table-wrap">
                    <table class="table" data-table="schemes">
                        <thead><tr>
                            <th>{tr(Key::SchemeName)}</th><th>{tr(Key::Cadence)}</th><th>{tr(Key::PositionLabel)}</th>
                            <th class="number">{tr(Key::Indicators)}</th><th></th>
                        </tr></thead>
                        <tbody>
                            {move || stored.get().iter().map(|(id, s)| row(format!("/assessment/schemes/{id}"), s, Key::Edit)).collect_view()}
                        </tbody>
                    </table>
                </div>
                <h2>{tr(Key::BuiltInSchemes)}</h2>
                <p class="muted">{tr(Key::BuiltInHint)}</p>
                <div class="table-wrap">
                    <table class="table" data-table="built-in-schemes">
                        <tbody>
                            {built_in().iter().enumerate().map(|(n, s)| row(format!("/assessment/schemes/new?from=b{n}"), s, Key::UseAsTemplate)).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        </Guarded>
    }
}

/// `/assessment/schemes/new` (optionally `?from=b2` for a built-in or `?from=<id>` for a saved one) or
/// `/assessment/schemes/:id`.
#[component]
pub fn SchemeEditorPage() -> impl IntoView {
    let state = use_app_state();
    let id = route_id();
    let query = use_query_map();
    move || {
        let template = query.with_untracked(|q| q.get("from"));
        let start = match id.get() {
            Some(Ok(id)) => state
                .data
                .with_untracked(|d| d.schemes.get(id).cloned())
                .map(|scheme| (Some(id), scheme)),
            Some(Err(())) => None,
            None => Some((None, template_scheme(state, template.as_deref()))),
        };
        match start {
            Some((id, scheme)) => view! {
                <Guarded action=Action::EditSchemes>
                    <SchemeForm id=id start=SchemeDraft::from_scheme(&scheme) />
                </Guarded>
            }
            .into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    }
}

/// The scheme a new one starts from: a built-in (`b<n>`), a saved one (its id), or the first built-in's shape with
/// nothing in it.
fn template_scheme(state: crate::ui::state::AppState, from: Option<&str>) -> Scheme {
    let builtins = built_in();
    let found = from.and_then(|f| match f.strip_prefix('b') {
        Some(n) => n
            .parse::<usize>()
            .ok()
            .and_then(|n| builtins.get(n).cloned()),
        None => f
            .parse::<Id>()
            .ok()
            .and_then(|id| state.data.with_untracked(|d| d.schemes.get(id).cloned())),
    });
    found.unwrap_or_else(|| {
        let mut blank = builtins[2].clone();
        blank.name = String::new();
        blank.indicators.truncate(1);
        blank
    })
}

/// The rule kinds as the select offers them.
const RULE_KINDS: [&str; 6] = [
    "proportional",
    "inverse",
    "banded",
    "deduction",
    "manual",
    "pass_fail",
];

fn rule_kind(rule: &RuleDraft) -> &'static str {
    match rule {
        RuleDraft::Proportional { .. } => "proportional",
        RuleDraft::Inverse { .. } => "inverse",
        RuleDraft::Banded { .. } => "banded",
        RuleDraft::Deduction { .. } => "deduction",
        RuleDraft::Manual { .. } => "manual",
        RuleDraft::PassFail => "pass_fail",
    }
}

fn rule_of_kind(kind: &str) -> RuleDraft {
    match kind {
        "inverse" => RuleDraft::Inverse { cap: "120".into() },
        "banded" => RuleDraft::Banded {
            higher_is_better: true,
            bands: vec![("90".into(), "100".into()), ("80".into(), "80".into())],
            otherwise: "0".into(),
        },
        "deduction" => RuleDraft::Deduction {
            full: "100".into(),
            per: "10".into(),
            floor: "0".into(),
        },
        "manual" => RuleDraft::Manual {
            reason_below: "60".into(),
        },
        "pass_fail" => RuleDraft::PassFail,
        _ => RuleDraft::Proportional { cap: "120".into() },
    }
}

fn rule_kind_name(kind: &str) -> Key {
    match kind {
        "inverse" => Key::RuleInverse,
        "banded" => Key::RuleBanded,
        "deduction" => Key::RuleDeduction,
        "manual" => Key::RuleManual,
        "pass_fail" => Key::RulePassFail,
        _ => Key::RuleProportional,
    }
}

/// A source as the select keeps it: "manual", "raters" or "kpi:<n>" (the KPI's position in `Kpi::ALL`).
fn source_value(source: Source) -> String {
    match source {
        Source::Manual => "manual".into(),
        Source::Raters => "raters".into(),
        Source::Kpi(kpi) => format!(
            "kpi:{}",
            Kpi::ALL.iter().position(|k| *k == kpi).unwrap_or(0)
        ),
    }
}

fn source_of(value: &str) -> Source {
    match value {
        "raters" => Source::Raters,
        v => match v.strip_prefix("kpi:").and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n < Kpi::ALL.len() => Source::Kpi(Kpi::ALL[n]),
            _ => Source::Manual,
        },
    }
}

/// Bands as typed in one field: "2:100, 5:80, 10:60".
type Row = (usize, RwSignal<IndicatorDraft>);

#[component]
fn SchemeForm(id: Option<Id>, start: SchemeDraft) -> impl IntoView {
    // What the form opened on: a save writes only the fields changed since (another tab's changes are kept).
    let state = use_app_state();
    let opened = id.and_then(|id| {
        state
            .data
            .with_untracked(|d| d.schemes.live_version(id).cloned())
    });
    let navigate = use_navigate();
    let name = RwSignal::new(start.name.clone());
    let cadence = RwSignal::new(start.cadence);
    let yearly = RwSignal::new(start.yearly_from_quarters);
    let positions = RwSignal::new(start.positions.clone());
    let units = RwSignal::new(start.units.clone());
    let rows: RwSignal<Vec<Row>> = RwSignal::new(
        start
            .indicators
            .iter()
            .cloned()
            .enumerate()
            .map(|(n, d)| (n, RwSignal::new(d)))
            .collect(),
    );
    let [superior, peer, subordinate, superior_of_two] = [
        start.superior.clone(),
        start.peer.clone(),
        start.subordinate.clone(),
        start.superior_of_two.clone(),
    ]
    .map(RwSignal::new);
    let grades: RwSignal<Vec<(usize, RwSignal<BandDraft>)>> = RwSignal::new(
        start
            .grades
            .iter()
            .cloned()
            .enumerate()
            .map(|(n, b)| (n, RwSignal::new(b)))
            .collect(),
    );
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let draft = move || SchemeDraft {
        name: name.get(),
        cadence: cadence.get(),
        yearly_from_quarters: yearly.get(),
        positions: positions.get(),
        units: units.get(),
        indicators: rows.with(|r| r.iter().map(|(_, d)| d.get()).collect()),
        superior: superior.get(),
        peer: peer.get(),
        subordinate: subordinate.get(),
        superior_of_two: superior_of_two.get(),
        grades: grades.with(|g| g.iter().map(|(_, b)| b.get()).collect()),
    };
    let total = Memo::new(move |_| {
        rows.with(|r| {
            Weight::total(
                r.iter()
                    .filter_map(|(_, d)| d.with(|d| Weight::parse(&d.weight))),
            )
        })
    });
    let error_of = move |field: Field| {
        move || {
            errors.with(|list| {
                list.iter()
                    .find(|e| e.field == field)
                    .map(|e| i18n::problem(state.lang.get(), &e.problem))
            })
        }
    };
    let add_row = move |_| {
        rows.update(|r| {
            let key = r.iter().map(|(k, _)| k + 1).max().unwrap_or(0);
            r.push((
                key,
                RwSignal::new(IndicatorDraft {
                    dimension: String::new(),
                    name: String::new(),
                    weight: String::new(),
                    target: String::new(),
                    rule: RuleDraft::Manual {
                        reason_below: "60".into(),
                    },
                    source: Source::Manual,
                }),
            ))
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft().check() {
            Err(found) => {
                errors.set(found);
                // The first problem in view (issue 17: the refusal was off-screen, below the sheet).
                crate::platform::scroll_and_focus(
                    ".field--invalid, .form__problem:not(:empty), [role=alert]:not(:empty)",
                );
            }
            Ok(scheme) => {
                errors.set(Vec::new());
                let record = id.unwrap_or_else(platform::new_id);
                let navigate = navigate.clone();
                save(
                    state,
                    Action::EditSchemes,
                    Change::Scheme(state.edited(record, opened.as_ref(), scheme)),
                    saving,
                    move || navigate("/assessment/schemes", Default::default()),
                );
            }
        }
    };
    let navigate_back = use_navigate();
    let on_delete = move || {
        let Some(id) = id else { return };
        let live = state
            .data
            .with_untracked(|d| d.schemes.live_version(id).cloned());
        let change = deletion(state, None, live.as_ref(), Change::Scheme);
        let navigate = navigate_back.clone();
        remove(
            state,
            Action::EditSchemes,
            change,
            errors,
            saving,
            move || navigate("/assessment/schemes", Default::default()),
        );
    };
    let unit_choices = move || state.data.with(unit_options);
    let numbered = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <section class="panel" data-page="scheme-editor">
            <h1>{tr(if id.is_some() { Key::EditScheme } else { Key::NewScheme })}</h1>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span class="field__label">{tr(Key::SchemeName)}</span>
                    <input class="input" name="scheme-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                    <span class="field__error" role="alert" data-field="Name">{error_of(Field::Name)}</span>
                </label>
                <div class="form__row">
                    <label class="field">
                        <span class="field__label">{tr(Key::Cadence)}</span>
                        <select class="input" name="cadence" on:change=move |ev| {
                            let c = match event_target_value(&ev).as_str() {
                                "monthly" => Cadence::Monthly,
                                "half" => Cadence::HalfYearly,
                                "yearly" => Cadence::Yearly,
                                _ => Cadence::Quarterly,
                            };
                            cadence.set(c);
                        }>
                            {[(Cadence::Monthly, "monthly"), (Cadence::Quarterly, "quarterly"), (Cadence::HalfYearly, "half"), (Cadence::Yearly, "yearly")]
                                .into_iter().map(|(c, v)| view! {
                                    <option value=v selected=move || cadence.get() == c>{move || cadence_name(state.lang.get(), c)}</option>
                                }).collect_view()}
                        </select>
                    </label>
                    <label class="check">
                        <input type="checkbox" name="yearly-from-quarters" prop:checked=move || yearly.get()
                            on:change=move |ev| yearly.set(event_target_checked(&ev)) />
                        {tr(Key::YearlyFromQuarters)}
                    </label>
                </div>
                <fieldset class="field">
                    <legend class="field__label">{tr(Key::PositionLabel)}</legend>
                    <div class="checklist checklist--inline">
                        {Position::ALL.into_iter().map(|p| view! {
                            <label class="check">
                                <input type="checkbox" name="position" value=p.slug().to_string() prop:checked=move || positions.with(|l| l.contains(&p))
                                    on:change=move |ev| { let on = event_target_checked(&ev); positions.update(|l| { l.retain(|x| *x != p); if on { l.push(p); } }); } />
                                {move || position_name(state.lang.get(), p)}
                            </label>
                        }).collect_view()}
                    </div>
                    <span class="field__error" role="alert" data-field="Position">{error_of(Field::Position)}</span>
                </fieldset>
                <details class="field">
                    <summary class="field__label">{tr(Key::PilotUnits)}</summary>
                    <div class="checklist">
                        {move || unit_choices().into_iter().map(|(value, label)| {
                            let unit: Option<Id> = value.parse().ok();
                            view! {
                                <label class="check" data-unit=label.trim_start_matches('\u{3000}').to_string()>
                                    <input type="checkbox" name="unit" prop:checked=move || unit.is_some_and(|u| units.with(|l| l.contains(&u)))
                                        on:change=move |ev| { let on = event_target_checked(&ev); if let Some(u) = unit { units.update(|l| { l.retain(|x| *x != u); if on { l.push(u); } }); } } />
                                    {label.clone()}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </details>
                <h2>{tr(Key::Indicators)}</h2>
                <p class="weight-total" data-total=move || total.get().0.to_string() class:weight-total--off=move || total.get() != Weight::WHOLE>
                    {tr(Key::WeightTotal)}" "{move || total.get().to_string()}
                </p>
                <span class="field__error" role="alert" data-field="Weights">{error_of(Field::Weights)}</span>
                <div class="table-wrap">
                    <table class="table table--form table--stack" data-table="indicators">
                        <thead><tr>
                            <th>{tr(Key::Dimension)}</th><th>{tr(Key::Indicator)}</th><th>{tr(Key::Weight)}</th>
                            <th>{tr(Key::Source)}</th><th>{tr(Key::Rule)}</th><th>{tr(Key::Target)}</th><th></th>
                        </tr></thead>
                        <tbody>
                            <For each=numbered key=|(_, (k, _))| *k let:item>
                                <IndicatorRow at=item.0 row=item.1 rows=rows errors=errors />
                            </For>
                        </tbody>
                    </table>
                </div>
                <button type="button" class="button" name="add-indicator" on:click=add_row>{tr(Key::AddIndicator)}</button>
                <h2>{tr(Key::RaterWeightsTitle)}</h2>
                <div class="form__row">
                    {[(Key::RelSuperior, "w-superior", superior), (Key::RelPeer, "w-peer", peer), (Key::RelSubordinate, "w-subordinate", subordinate), (Key::SuperiorOfTwo, "w-superior-of-two", superior_of_two)]
                        .into_iter().map(|(label, name, value)| view! {
                            <LabelledInput label=label name=name value=value decimal=true />
                        }).collect_view()}
                </div>
                <span class="field__error" role="alert" data-field="RaterWeights">{error_of(Field::RaterWeights)}</span>
                <h2>{tr(Key::GradeBands)}</h2>
                <div class="table-wrap">
                    <table class="table table--form table--stack" data-table="grades">
                        <thead><tr>
                            <th>{tr(Key::Grade)}</th><th>{tr(Key::FromScore)}</th><th>{tr(Key::Passes)}</th>
                            <th>{tr(Key::BonusCoefficient)}</th><th>{tr(Key::SalaryProposalTitle)}</th>
                            <th>{tr(Key::PromotionEligible)}</th><th>{tr(Key::TrainingRequired)}</th><th>{tr(Key::Nomination)}</th>
                        </tr></thead>
                        <tbody>
                            {move || grades.get().into_iter().map(|(at, band)| view! {
                                <GradeRow band=band error=error_of(Field::Outcome(at)) />
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <span class="field__error" role="alert" data-field="Grades">{error_of(Field::Grades)}</span>
                <RecordProblem errors=errors />
                <div class="form__actions">
                    <button type="submit" class="button button--primary" name="save" disabled=move || saving.get()>{tr(Key::Save)}</button>
                    <a class="button" href="/assessment/schemes">{tr(Key::Cancel)}</a>
                    {id.map(|_| view! {
                        <button type="button" class="button button--danger" name="delete" on:click=move |_| on_delete()>{tr(Key::Delete)}</button>
                    })}
                </div>
            </form>
        </section>
    }
}

/// One grade: its label, where it starts, whether it passes, and what it leads to (R6.6).
#[component]
fn GradeRow(
    band: RwSignal<BandDraft>,
    error: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    // The whole cell is the check box's label, so the finger has a 44 px target and a screen reader its column.
    let check = move |name: &'static str,
                      column: Key,
                      get: fn(&BandDraft) -> bool,
                      set: fn(&mut BandDraft, bool)| {
        view! {
            <td data-label=tr(column)><label class="check check--cell">
                <input type="checkbox" name=name aria-label=tr(column) prop:checked=move || band.with(get)
                    on:change=move |ev| band.update(|b| set(b, event_target_checked(&ev))) />
            </label></td>
        }
    };
    let salaries = [
        (SalaryProposal::Raise, "raise", Key::SalaryRaise),
        (SalaryProposal::Keep, "keep", Key::SalaryKeep),
        (SalaryProposal::Review, "review", Key::SalaryReview),
    ];
    view! {
        <tr data-band=move || band.with(|b| b.label.clone())>
            <td data-label=tr(Key::Grade)><input class="input" name="band-label" aria-label=tr(Key::Grade) prop:value=move || band.with(|b| b.label.clone())
                on:input=move |ev| band.update(|b| b.label = event_target_value(&ev)) /></td>
            <td data-label=tr(Key::FromScore)><input class="input input--number" name="band-from" aria-label=tr(Key::FromScore) inputmode="decimal" prop:value=move || band.with(|b| b.from.clone())
                on:input=move |ev| band.update(|b| b.from = event_target_value(&ev)) /></td>
            {check("band-passes", Key::Passes, |b| b.passes, |b, on| b.passes = on)}
            <td data-label=tr(Key::BonusCoefficient)>
                <input class="input input--number" name="band-bonus" aria-label=tr(Key::BonusCoefficient) inputmode="decimal" prop:value=move || band.with(|b| b.bonus.clone())
                    on:input=move |ev| band.update(|b| b.bonus = event_target_value(&ev)) />
                <span class="field__error" role="alert" data-field="Outcome">{error}</span>
            </td>
            <td data-label=tr(Key::SalaryProposalTitle)><select class="input" name="band-salary" aria-label=tr(Key::SalaryProposalTitle)
                on:change=move |ev| { let value = event_target_value(&ev); band.update(|b| if let Some((s, _, _)) = salaries.iter().find(|(_, v, _)| *v == value) { b.salary = *s }) }>
                {salaries.into_iter().map(|(salary, value, label)| view! {
                    <option value=value selected=move || band.with(|b| b.salary == salary)>{tr(label)}</option>
                }).collect_view()}
            </select></td>
            {check("band-promotion", Key::PromotionEligible, |b| b.promotion_eligible, |b, on| b.promotion_eligible = on)}
            {check("band-training", Key::TrainingRequired, |b| b.training_required, |b, on| b.training_required = on)}
            {check("band-nomination", Key::Nomination, |b| b.nomination, |b, on| b.nomination = on)}
        </tr>
    }
}

/// One indicator of the sheet: its texts, weight, source, rule (with the rule's own figures) and target.
#[component]
fn IndicatorRow(
    at: usize,
    row: Row,
    rows: RwSignal<Vec<Row>>,
    errors: FormErrors,
) -> impl IntoView {
    let state = use_app_state();
    let (key, draft) = row;
    // Each cell says its column (`data-label`): below tablet-landscape width the row stacks into a card.
    let text = move |get: fn(&IndicatorDraft) -> String,
                     set: fn(&mut IndicatorDraft, String),
                     name: &'static str,
                     column: Key| {
        view! {
            <td data-label=tr(column)>
                <input class="input" name=name aria-label=tr(column) prop:value=move || draft.with(get)
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev))) />
            </td>
        }
    };
    let problem = move || {
        errors.with(|list| {
            list.iter()
                .find(|e: &&FieldError| e.field == Field::Indicator(at))
                .map(|e| i18n::problem(state.lang.get(), &e.problem))
        })
    };
    let rule_fields = move || {
        let rule = draft.with(|d| d.rule.clone());
        let set = move |f: fn(&mut RuleDraft, String)| {
            move |ev: leptos::ev::Event| draft.update(|d| f(&mut d.rule, event_target_value(&ev)))
        };
        let field = |label: Key,
                     name: &'static str,
                     value: String,
                     on: Box<dyn Fn(leptos::ev::Event)>| {
            view! {
                <label class="inline-field">{tr(label)}<input class="input input--number" name=name prop:value=value on:input=on /></label>
            }
        };
        match rule {
            RuleDraft::Proportional { cap } | RuleDraft::Inverse { cap } => field(Key::Cap, "cap", cap, Box::new(set(|r, v| if let RuleDraft::Proportional { cap } | RuleDraft::Inverse { cap } = r { *cap = v }))).into_any(),
            RuleDraft::Banded { bands, otherwise, higher_is_better } => view! {
                <label class="inline-field">{tr(Key::Bands)}<input class="input" name="bands" prop:value=bands_text(&bands)
                    on:change=move |ev| draft.update(|d| if let RuleDraft::Banded { bands, .. } = &mut d.rule { *bands = bands_of(&event_target_value(&ev)) }) /></label>
                {field(Key::Otherwise, "otherwise", otherwise, Box::new(set(|r, v| if let RuleDraft::Banded { otherwise, .. } = r { *otherwise = v })))}
                <label class="check"><input type="checkbox" name="higher-is-better" prop:checked=higher_is_better
                    on:change=move |ev| draft.update(|d| if let RuleDraft::Banded { higher_is_better, .. } = &mut d.rule { *higher_is_better = event_target_checked(&ev) }) />{tr(Key::HigherIsBetter)}</label>
            }.into_any(),
            RuleDraft::Deduction { full, per, floor } => view! {
                {field(Key::FullScore, "full", full, Box::new(set(|r, v| if let RuleDraft::Deduction { full, .. } = r { *full = v })))}
                {field(Key::PerOccurrence, "per", per, Box::new(set(|r, v| if let RuleDraft::Deduction { per, .. } = r { *per = v })))}
                {field(Key::Floor, "floor", floor, Box::new(set(|r, v| if let RuleDraft::Deduction { floor, .. } = r { *floor = v })))}
            }.into_any(),
            RuleDraft::Manual { reason_below } => field(Key::ReasonBelow, "reason-below", reason_below, Box::new(set(|r, v| if let RuleDraft::Manual { reason_below } = r { *reason_below = v }))).into_any(),
            RuleDraft::PassFail => ().into_any(),
        }
    };
    // Whether the rule compares with a target: a memo, so typing in the row does not rebuild the target's input.
    let has_target = Memo::new(move |_| {
        draft.with(|d| {
            matches!(
                d.rule,
                RuleDraft::Proportional { .. } | RuleDraft::Inverse { .. }
            )
        })
    });
    view! {
        <tr data-indicator=at>
            {text(|d| d.dimension.clone(), |d, v| d.dimension = v, "dimension", Key::Dimension)}
            {text(|d| d.name.clone(), |d, v| d.name = v, "indicator-name", Key::Indicator)}
            {text(|d| d.weight.clone(), |d, v| d.weight = v, "weight", Key::Weight)}
            <td data-label=tr(Key::Source)>
                <select class="input" name="source" aria-label=tr(Key::Source) on:change=move |ev| draft.update(|d| d.source = source_of(&event_target_value(&ev)))>
                    <option value="manual" selected=move || draft.with(|d| d.source == Source::Manual)>{tr(Key::SourceManual)}</option>
                    <option value="raters" selected=move || draft.with(|d| d.source == Source::Raters)>{tr(Key::SourceRaters)}</option>
                    {Kpi::ALL.into_iter().map(|kpi| {
                        let value = source_value(Source::Kpi(kpi));
                        view! { <option value=value selected=move || draft.with(|d| d.source == Source::Kpi(kpi))>{move || format!("KPI · {}", kpi_name(state.lang.get(), kpi))}</option> }
                    }).collect_view()}
                </select>
            </td>
            <td class="cell--rule" data-label=tr(Key::Rule)>
                <select class="input" name="rule" aria-label=tr(Key::Rule) on:change=move |ev| draft.update(|d| d.rule = rule_of_kind(&event_target_value(&ev)))>
                    {RULE_KINDS.into_iter().map(|kind| view! {
                        <option value=kind selected=move || draft.with(|d| rule_kind(&d.rule) == kind)>{tr(rule_kind_name(kind))}</option>
                    }).collect_view()}
                </select>
                <div class="rule-fields">{rule_fields}</div>
            </td>
            // A target only where the rule compares with one (a manual score or a deduction has none to set).
            {move || match has_target.get() {
                true => text(|d| d.target.clone(), |d, v| d.target = v, "target", Key::Target).into_any(),
                false => view! { <td data-label=tr(Key::Target) class="muted" data-no-target="">"—"</td> }.into_any(),
            }}
            <td class="table__row-action cell--row-end">
                <button type="button" class="button button--quiet" name="remove-indicator"
                    on:click=move |_| rows.update(|r| r.retain(|(k, _)| *k != key))>{tr(Key::Delete)}</button>
                <span class="field__error" role="alert" data-field=format!("Indicator({at})")>{problem}</span>
            </td>
        </tr>
    }
}
