//! 设置: the interface language (kept on this device), where the data lives and whether the browser agreed to keep
//! it (persistent storage), this device's id and its code in ticket numbers (changed here when another device's
//! tickets carry it too), record counts, the ways to the business rules (service levels, survey, KPI targets), and
//! the honest limit of local data.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::i18n::{Key, Lang};
use crate::platform;
use crate::store::BackendKind;
use crate::ui::state::{LoadState, Persistence, tr, use_app_state};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app_state();
    let storage = move || match state.load.get() {
        LoadState::Ready(BackendKind::IndexedDb) => state.t(Key::StorageIdb),
        LoadState::Ready(BackendKind::LocalStorage) => state.t(Key::StorageLocal),
        _ => state.t(Key::StorageMemory),
    };
    let persistence = move || match state.persistence.get() {
        Persistence::Granted => state.t(Key::PersistGranted),
        Persistence::Denied => state.t(Key::PersistDenied),
        Persistence::Unknown => state.t(Key::PersistUnknown),
    };
    let device = platform::device_id().to_string();
    let records = move || state.data.with(|d| d.record_count());
    let lang_button = move |lang: Lang, label: &'static str| {
        view! {
            <button
                class="button"
                class:button--primary=move || state.lang.get() == lang
                name=format!("lang-{}", lang.code())
                aria-pressed=move || (state.lang.get() == lang).to_string()
                on:click=move |_| state.set_lang(lang)
            >
                {label}
            </button>
        }
    };
    // The demo company is on this device while its users (stamped by the demo's device) are.
    let is_demo = move || {
        state.data.with(|d| {
            d.users
                .versions()
                .any(|v| v.stamp.device == crate::demo::DEMO_DEVICE)
        })
    };
    let clearing = RwSignal::new(false);
    let clear = move |_| {
        let lang = state.lang.get_untracked();
        if !window()
            .confirm_with_message(Key::DemoClearConfirm.text(lang))
            .unwrap_or(false)
        {
            return;
        }
        clearing.set(true);
        leptos::task::spawn_local(async move {
            if state
                .replace_data(crate::domain::dataset::Dataset::default())
                .await
                .is_ok()
            {
                state.notify(Key::DemoCleared.text(lang));
            }
            clearing.set(false);
        });
    };
    view! {
        <section class="panel" data-page="settings">
            <h1>{tr(Key::Settings)}</h1>
            <div class="panel__section" data-section="device">
                <h2>{tr(Key::ThisDevice)}</h2>
                <dl class="facts">
                    <dt>{tr(Key::LanguageLabel)}</dt>
                    <dd class="facts__buttons">{lang_button(Lang::Zh, Lang::Zh.own_name())} {lang_button(Lang::En, Lang::En.own_name())}</dd>
                    <dt>{tr(Key::StorageLabel)}</dt>
                    <dd data-fact="storage">{storage}</dd>
                    <dt>{tr(Key::PersistLabel)}</dt>
                    <dd data-fact="persistence">
                        {persistence}
                        <Show when=move || state.persistence.get() == Persistence::Denied>
                            " " <a href="/data">{tr(Key::ExportBackup)}</a>
                        </Show>
                    </dd>
                    <dt>{tr(Key::RecordsLabel)}</dt>
                    <dd data-fact="records">{records}</dd>
                    <dt>{tr(Key::DeviceLabel)}</dt>
                    <dd class="mono" data-fact="device">{device}</dd>
                </dl>
            </div>
            <div class="panel__section" data-section="ticket-numbers">
                <h2>{tr(Key::TicketNumbersTitle)}</h2>
                <DeviceCode />
            </div>
            <Show when=move || state.can(Action::EditServiceLevels) || state.can(Action::EditSurveys) || state.can(Action::EditKpiTargets)>
                <div class="panel__section" data-section="rules">
                    <h2>{tr(Key::BusinessRules)}</h2>
                    <div class="panel__actions">
                        <Show when=move || state.can(Action::EditServiceLevels)>
                            <a class="button" href="/settings/service-levels" data-action="service-levels">{tr(Key::ServiceLevelsLink)}</a>
                        </Show>
                        <Show when=move || state.can(Action::EditSurveys)>
                            <a class="button" href="/settings/surveys" data-action="survey-settings">{tr(Key::SurveySettingsLink)}</a>
                        </Show>
                        <Show when=move || state.can(Action::EditKpiTargets)>
                            <a class="button" href="/settings/kpi" data-action="kpi-targets">{tr(Key::KpiTargetsLink)}</a>
                        </Show>
                    </div>
                </div>
            </Show>
            <p class="muted">{tr(Key::PrivacyNote)}</p>
        </section>
        <Show when=move || state.can(Action::ManageUsers) && is_demo()>
            <section class="panel" data-page="demo-clear">
                <h2>{tr(Key::DemoTitle)}</h2>
                <p>{tr(Key::DemoClearIntro)}</p>
                <button class="button button--danger" name="clear-demo" on:click=clear disabled=move || clearing.get()>
                    {tr(Key::DemoClear)}
                </button>
            </section>
        </Show>
    }
}

/// This device's code in ticket numbers: shown to everyone, with a warning when another device's tickets carry it;
/// whoever edits the settings may choose another (three letters of the alphabet no other device uses).
#[component]
fn DeviceCode() -> impl IntoView {
    use crate::domain::ticket::number::{numbers, parse_code, used_elsewhere};
    let state = use_app_state();
    let device = platform::device_id();
    let code = RwSignal::new(platform::device_code());
    let shared = move || {
        state
            .data
            .with(|d| used_elsewhere(numbers(&d.tickets), &code.get(), device))
    };
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(chosen) = parse_code(&typed.get_untracked()) else {
            problem.set(Some(Key::DeviceCodeInvalid));
            return;
        };
        if state
            .data
            .with_untracked(|d| used_elsewhere(numbers(&d.tickets), &chosen, device))
        {
            problem.set(Some(Key::DeviceCodeTaken));
            return;
        }
        match platform::write_pref(platform::DEVICE_CODE_PREF, &chosen) {
            Ok(()) => {
                problem.set(None);
                typed.set(String::new());
                code.set(chosen);
                state.notify(state.t(Key::Saved));
            }
            Err(error) => {
                state.fail(crate::i18n::store_error(state.lang.get_untracked(), &error));
            }
        }
    };
    view! {
        <dl class="facts">
            <dt>{tr(Key::DeviceCodeLabel)}</dt>
            <dd class="mono" data-fact="device-code">{move || code.get()}</dd>
        </dl>
        <Show when=shared>
            <p class="banner banner--warning" role="alert" data-fact="device-code-shared">{tr(Key::DeviceCodeShared)}</p>
        </Show>
        <Show when=move || state.can(Action::EditSettings)>
            <form class="form" on:submit=change novalidate>
                <label class="field">
                    <span class="field__label">{tr(Key::ChangeDeviceCode)}</span>
                    <input class="input input--short" name="device-code" maxlength="3" autocapitalize="characters"
                        bind:value=typed aria-describedby="device-code-hint" />
                    <span class="field__hint" id="device-code-hint">{tr(Key::DeviceCodeHint)}</span>
                    <span class="field__error" role="alert" data-field="DeviceCode">{move || problem.get().map(|k| state.t(k))}</span>
                </label>
                <div class="form__actions">
                    <button type="submit" class="button" name="save-device-code">{tr(Key::Save)}</button>
                </div>
            </form>
        </Show>
    }
}
