//! 满意度问卷设置 (R4.1, R4.4): the survey template — which aspects are rated in stars, in which order, and the
//! optional questions — with a live preview of what the customer will see, and what a second response to a
//! ticket does. Saving makes a new template version; answers keep the version they were given on.
//!
//! Must not: validate the template (`SurveyTemplate::check_edit` does) or number versions.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::survey::{
    Aspect, MAX_ASPECTS, SURVEY_SETTINGS_ID, SecondResponse, SurveySettings, SurveyTemplate, Via,
};
use crate::i18n::surveys::aspect_name;
use crate::i18n::{self, Key};
use crate::ui::components::form::{FormActions, FormErrors, RecordProblem, SelectInput};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::save;
use crate::ui::routes::service::survey::SurveyForm;
use crate::ui::state::{tr, use_app_state};

/// The built-in aspects a row can be, by select value; "other" is one the company names.
const BUILT_IN: [(&str, Aspect); 3] = [
    ("attitude", Aspect::Attitude),
    ("skill", Aspect::Skill),
    ("timeliness", Aspect::Timeliness),
];
const OTHER: &str = "other";

/// One aspect row of the editor: which aspect, and the name typed when it is the company's own.
#[derive(Clone, Copy)]
struct AspectRow {
    kind: RwSignal<String>,
    name: RwSignal<String>,
}

impl AspectRow {
    fn new(aspect: &Aspect) -> AspectRow {
        let (kind, name) = match aspect {
            Aspect::Other(name) => (OTHER.to_string(), name.clone()),
            builtin => (code(builtin).to_string(), String::new()),
        };
        AspectRow {
            kind: RwSignal::new(kind),
            name: RwSignal::new(name),
        }
    }

    fn aspect(&self) -> Aspect {
        let kind = self.kind.get();
        BUILT_IN
            .iter()
            .find(|(code, _)| *code == kind)
            .map(|(_, aspect)| aspect.clone())
            .unwrap_or_else(|| Aspect::Other(self.name.get()))
    }
}

fn code(aspect: &Aspect) -> &'static str {
    BUILT_IN
        .iter()
        .find(|(_, a)| a == aspect)
        .map_or(OTHER, |(code, _)| code)
}

#[component]
pub fn SurveySettingsPage() -> impl IntoView {
    view! {
        <Guarded action=Action::EditSurveys>
            <SurveySettingsForm />
        </Guarded>
    }
}

#[component]
fn SurveySettingsForm() -> impl IntoView {
    let state = use_app_state();
    let current = state.data.with_untracked(|d| d.survey_settings());
    // What the form shows, as it was stored: a save writes only the fields changed since (another device's changes
    // are kept); the form stays open, so each save moves it on to what it saved.
    let stored = move || {
        state.data.with_untracked(|d| {
            d.survey_settings
                .version_or_defaults(SURVEY_SETTINGS_ID, SurveySettings::default)
        })
    };
    let opened = StoredValue::new(stored());
    let rows = RwSignal::new(
        current
            .template
            .aspects
            .iter()
            .map(AspectRow::new)
            .collect::<Vec<_>>(),
    );
    let asks_solved = RwSignal::new(current.template.asks_solved);
    let asks_satisfaction = RwSignal::new(current.template.asks_satisfaction);
    let asks_comment = RwSignal::new(current.template.asks_comment);
    let second = RwSignal::new(
        match current.second_response {
            SecondResponse::Refuse => "refuse",
            SecondResponse::Replace => "replace",
        }
        .to_string(),
    );
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let version = move || state.data.with(|d| d.survey_settings().template.version);
    let edited = Memo::new(move |_| SurveyTemplate {
        version: version(),
        aspects: rows.with(|rows| rows.iter().map(AspectRow::aspect).collect()),
        asks_solved: asks_solved.get(),
        asks_satisfaction: asks_satisfaction.get(),
        asks_comment: asks_comment.get(),
    });

    let add = move |_| {
        let used: Vec<Aspect> =
            rows.with_untracked(|rows| rows.iter().map(AspectRow::aspect).collect());
        let next = BUILT_IN
            .iter()
            .map(|(_, aspect)| aspect.clone())
            .find(|aspect| !used.contains(aspect))
            .unwrap_or(Aspect::Other(String::new()));
        rows.update(|rows| rows.push(AspectRow::new(&next)));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = state.data.with_untracked(|d| d.survey_settings());
        match current.template.check_edit(edited.get_untracked()) {
            Ok(template) => {
                errors.set(Vec::new());
                let settings = SurveySettings {
                    template,
                    second_response: match second.get_untracked().as_str() {
                        "replace" => SecondResponse::Replace,
                        _ => SecondResponse::Refuse,
                    },
                };
                save(
                    state,
                    Action::EditSurveys,
                    Change::Survey(state.edited(
                        SURVEY_SETTINGS_ID,
                        Some(&opened.get_value()),
                        settings,
                    )),
                    saving,
                    move || opened.set_value(stored()),
                );
            }
            Err(problems) => errors.set(problems),
        }
    };
    let kind_options = move || {
        let lang = state.lang.get();
        let mut options: Vec<(String, String)> = BUILT_IN
            .iter()
            .map(|(code, aspect)| (code.to_string(), aspect_name(lang, aspect)))
            .collect();
        options.push((OTHER.to_string(), Key::AspectOwn.text(lang).to_string()));
        options
    };
    let second_options = move || {
        vec![
            (
                "refuse".to_string(),
                state.t(Key::SecondRefused).to_string(),
            ),
            (
                "replace".to_string(),
                state.t(Key::SecondReplaces).to_string(),
            ),
        ]
    };
    let row_view = move |index: usize, row: AspectRow| {
        let problem = move || {
            errors.with(|list| {
                list.iter()
                    .find(|e| e.field == Field::Line(index))
                    .map(|e| i18n::problem(state.lang.get(), &e.problem))
            })
        };
        let remove = move |_| {
            rows.update(|rows| {
                rows.remove(index);
            });
            errors.set(Vec::new());
        };
        let up = move |_| rows.update(|rows| rows.swap(index - 1, index));
        view! {
            <li class="aspect-row" class:field--invalid=move || problem().is_some() data-aspect=index>
                <SelectInput name="aspect-kind" value=row.kind options=Signal::derive(kind_options) label=Key::AspectName />
                <Show when=move || row.kind.get() == OTHER>
                    <input class="input" type="text" name="aspect-name" maxlength="40" autocomplete="off"
                        aria-label=tr(Key::AspectName) bind:value=row.name />
                </Show>
                <button class="button button--quiet" type="button" name="aspect-up" disabled={index == 0}
                    on:click=up aria-label=tr(Key::MoveUp)>"↑"</button>
                <button class="button button--quiet" type="button" name="aspect-remove" on:click=remove>{tr(Key::RemoveAspect)}</button>
                <span class="field__error" role="alert" data-field=format!("Line({index})")>{problem}</span>
            </li>
        }
    };

    view! {
        <section class="panel" data-page="survey-settings">
            <h1>{tr(Key::SurveySettingsTitle)}</h1>
            <p class="muted">{tr(Key::TemplateVersion)} " " <strong data-fact="template-version">{move || format!("v{}", version())}</strong></p>
            <div class="survey-settings">
                <form class="form" on:submit=submit novalidate>
                    <fieldset class="form__group" data-group="aspects">
                        <legend>{tr(Key::SurveyQuestions)}</legend>
                        <p class="field__hint">{tr(Key::SurveyAspectsHint)}</p>
                        <ol class="aspect-list">
                            {move || rows.get().into_iter().enumerate().map(|(i, row)| row_view(i, row)).collect_view()}
                        </ol>
                        <button class="button" type="button" name="add-aspect" on:click=add
                            disabled={move || rows.with(Vec::len) >= MAX_ASPECTS}>{tr(Key::AddAspect)}</button>
                        <label class="check">
                            <input type="checkbox" name="asks-solved" bind:checked=asks_solved />
                            {tr(Key::AsksSolved)}
                        </label>
                        <label class="check">
                            <input type="checkbox" name="asks-satisfaction" bind:checked=asks_satisfaction />
                            {tr(Key::AsksSatisfaction)}
                        </label>
                        <label class="check">
                            <input type="checkbox" name="asks-comment" bind:checked=asks_comment />
                            {tr(Key::AsksComment)}
                        </label>
                    </fieldset>
                    <fieldset class="form__group">
                        <legend>{tr(Key::SecondResponseSetting)}</legend>
                        <SelectInput name="second-response" value=second options=Signal::derive(second_options) label=Key::SecondResponseSetting />
                    </fieldset>
                    <RecordProblem errors=errors />
                    <FormActions saving=saving cancel_href="/surveys" />
                </form>
                <aside class="survey-settings__preview" aria-label=tr(Key::SurveyPreview) data-section="preview">
                    <h2>{tr(Key::SurveyPreview)}</h2>
                    {move || {
                        let template = edited.get();
                        view! {
                            <SurveyForm template=template via=Via::Kiosk busy=RwSignal::new(true)
                                errors=RwSignal::new(Vec::new()) done=Box::new(|_| {}) />
                        }
                    }}
                </aside>
            </div>
        </section>
    }
}
