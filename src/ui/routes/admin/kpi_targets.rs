//! 指标目标 (R5, R5.2): each KPI's target (the seed's where it gives one: satisfaction ≥ 95 %, accuracy ≥ 98 %, …)
//! and the industry average the dashboard compares with, typed in the unit the figure is shown in. One record
//! for the whole company, merged like any other.
//!
//! Must not: read numbers itself (`domain::kpi::check_thresholds` does).

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::kpi::{Direction, KPI_SETTINGS_ID, Kpi, KpiSettings, check_thresholds};
use crate::i18n::kpi::{kpi_name, steps_input};
use crate::i18n::{self, Key};
use crate::ui::components::form::{FormErrors, FormField, TextInput};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::save;
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn KpiTargetsPage() -> impl IntoView {
    view! {
        <Guarded action=Action::EditKpiTargets>
            <TargetsForm />
        </Guarded>
    }
}

#[component]
fn TargetsForm() -> impl IntoView {
    let state = use_app_state();
    let settings = state.data.with_untracked(|d| d.kpi_settings());
    // What the form shows, as it was stored: a save writes only the fields changed since (another device's changes
    // are kept); the form stays open, so each save moves it on to what it saved.
    let stored = move || {
        state.data.with_untracked(|d| {
            d.kpi_settings
                .version_or_defaults(KPI_SETTINGS_ID, KpiSettings::default)
        })
    };
    let opened = StoredValue::new(stored());
    let fields: Vec<(RwSignal<String>, RwSignal<String>)> = Kpi::ALL
        .iter()
        .map(|kpi| {
            let unit = kpi.unit();
            let text = |steps: Option<u64>| steps.map(|s| steps_input(unit, s)).unwrap_or_default();
            (
                RwSignal::new(text(settings.target(*kpi))),
                RwSignal::new(text(settings.industry(*kpi))),
            )
        })
        .collect();
    let min_sample = RwSignal::new(settings.min_sample().to_string());
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let submit = {
        let fields = fields.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed: Vec<(String, String)> = fields
                .iter()
                .map(|(t, i)| (t.get_untracked(), i.get_untracked()))
                .collect();
            match check_thresholds(&typed, &min_sample.get_untracked()) {
                Err(problems) => errors.set(problems),
                Ok(settings) => {
                    errors.set(Vec::new());
                    save(
                        state,
                        Action::EditKpiTargets,
                        Change::KpiSettings(state.edited(
                            KPI_SETTINGS_ID,
                            Some(&opened.get_value()),
                            settings,
                        )),
                        saving,
                        move || opened.set_value(stored()),
                    );
                }
            }
        }
    };
    let problem = move |field: usize| {
        move || {
            errors.with(|list| {
                list.iter()
                    .find(|e| e.field == Field::Threshold(field))
                    .map(|e| i18n::problem(state.lang.get(), &e.problem))
            })
        }
    };
    view! {
        <section class="panel" data-page="kpi-targets">
            <p><a class="button button--quiet" href="/kpi">{"← "}{tr(Key::BackToDashboard)}</a></p>
            <h1>{tr(Key::KpiTargetsTitle)}</h1>
            <p class="muted">{tr(Key::KpiTargetsIntro)}</p>
            <form class="form" on:submit=submit novalidate>
                <div class="table-wrap">
                    <table class="table">
                        <thead><tr>
                            <th>{tr(Key::KpiColumn)}</th><th>{tr(Key::TargetLabel)}</th><th>{tr(Key::IndustryLabel)}</th>
                        </tr></thead>
                        <tbody>
                            {Kpi::ALL.into_iter().zip(fields).enumerate().map(|(i, (kpi, (target, industry)))| {
                                let sign = match kpi.direction() {
                                    Direction::HigherIsBetter => "≥",
                                    Direction::LowerIsBetter => "≤",
                                };
                                view! {
                                    <tr data-kpi=kpi.slug()>
                                        <th scope="row">{kpi.code()}" "{move || kpi_name(state.lang.get(), kpi)}</th>
                                        <td>
                                            <label class="threshold">
                                                <span aria-hidden="true">{sign}</span>
                                                <input class="input" name=format!("target-{}", kpi.slug()) inputmode="decimal"
                                                    aria-label=move || format!("{} {}", kpi_name(state.lang.get(), kpi), state.t(Key::TargetLabel))
                                                    bind:value=target />
                                            </label>
                                            <span class="field__error" role="alert">{problem(2 * i)}</span>
                                        </td>
                                        <td>
                                            <input class="input" name=format!("industry-{}", kpi.slug()) inputmode="decimal"
                                                aria-label=move || format!("{} {}", kpi_name(state.lang.get(), kpi), state.t(Key::IndustryLabel))
                                                bind:value=industry />
                                            <span class="field__error" role="alert">{problem(2 * i + 1)}</span>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <FormField label=Key::MinSampleLabel field=Field::MinSample errors=errors hint=Key::MinSampleHint>
                    <TextInput name="min-sample" value=min_sample numeric=true />
                </FormField>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" name="save" disabled=move || saving.get()>{tr(Key::Save)}</button>
                </div>
            </form>
        </section>
    }
}
