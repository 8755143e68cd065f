//! The shell: provides `AppState`, starts the store, and shows one of the gates — opening, failed, first start
//! (create the administrator), choose a user — or the header, navigation and routed screens.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use crate::domain::access::Action;
use crate::i18n::{self, Key};
use crate::store::{BackendKind, StoreError};
use crate::ui::boot;
use crate::ui::components::toast::ToastArea;
use crate::ui::components::user_chooser::UserChooser;
use crate::ui::routes::{
    assessment::AssessmentHome,
    assessment_detail::AssessmentPage,
    assessment_print::AssessmentPrintPage,
    cycle_board::{CycleBoardPage, OpenCyclePage},
    dashboard::DashboardPage,
    kpi_detail::KpiDetailPage,
    kpi_inputs::{CostsPage, SalesPage, TrainingPage},
    kpi_targets::KpiTargetsPage,
    not_found::NotFound,
    org::OrgPage,
    providers::{ProviderEditor, ProvidersPage},
    scheme_editor::{SchemeEditorPage, SchemesPage},
    service_levels::ServiceLevelsPage,
    service_report::{ReportFormPage, ReportPrintPage},
    settings::SettingsPage,
    staff_form::StaffEditor,
    survey::{KioskScreen, PublicSurveyPage},
    survey_list::SurveyListPage,
    survey_settings::SurveySettingsPage,
    surveys::ReceiptImportPage,
    ticket_detail::TicketPage,
    ticket_new::NewTicketPage,
    tickets::TicketsPage,
    unit_form::UnitEditor,
    users::{UserEditor, UsersPage},
    welcome::Welcome,
};
use crate::ui::state::{AppState, KioskSession, LoadState, tr, use_app_state};
use crate::ui::sync;

/// Which screen the shell shows.
#[derive(Clone, Debug, PartialEq)]
enum Gate {
    Opening,
    Failed(StoreError),
    FirstStart,
    ChooseUser,
    Signed,
    /// Kiosk mode: only the survey of one ticket.
    Kiosk(KioskSession),
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    // A survey link opened on a customer's phone: the survey alone, no store, no staff data.
    if window()
        .location()
        .pathname()
        .is_ok_and(|path| path == "/survey")
    {
        return view! { <main class="main"><PublicSurveyPage /></main> }.into_any();
    }
    spawn_local(boot::start(state));
    sync::listen(state);
    boot::register_service_worker();
    // Live SLA figures: time left and overdue move on while a screen stays open.
    set_interval(
        move || state.now.set(crate::platform::now_ms() as i64),
        std::time::Duration::from_secs(30),
    );
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        document().set_title(Key::AppTitle.text(lang));
    });
    view! {
        <Router>
            <Shell />
        </Router>
    }
    .into_any()
}

#[component]
fn Shell() -> impl IntoView {
    let state = use_app_state();
    let gate = Memo::new(move |_| match (state.load.get(), state.kiosk.get()) {
        (LoadState::Opening, _) => Gate::Opening,
        (LoadState::Failed(error), _) => Gate::Failed(error),
        (LoadState::Ready(_), Some(session)) => Gate::Kiosk(session),
        (LoadState::Ready(_), None) if state.data.with(|d| d.users.live_count() == 0) => {
            Gate::FirstStart
        }
        (LoadState::Ready(_), None)
            if state.choosing_user.get() || state.current_user().is_none() =>
        {
            Gate::ChooseUser
        }
        (LoadState::Ready(_), None) => Gate::Signed,
    });
    view! {
        <Show when=move || !matches!(gate.get(), Gate::Kiosk(_))>
            <Header signed=Signal::derive(move || gate.get() == Gate::Signed) />
        </Show>
        <StorageWarning />
        <main class="main" id="main">
            {move || match gate.get() {
                Gate::Opening => view! { <p class="main__status">{tr(Key::Loading)}</p> }.into_any(),
                Gate::Failed(error) => {
                    view! {
                        <section class="panel panel--refusal" role="alert">
                            <p>{move || i18n::store_error(state.lang.get(), &error)}</p>
                        </section>
                    }
                        .into_any()
                }
                Gate::FirstStart => view! { <Welcome /> }.into_any(),
                Gate::ChooseUser => view! { <UserChooser /> }.into_any(),
                Gate::Signed => view! { <AppRoutes /> }.into_any(),
                Gate::Kiosk(session) => view! { <KioskScreen session=session /> }.into_any(),
            }}
        </main>
        <ToastArea />
    }
}

#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/") view=TicketsPage />
            <Route path=path!("/tickets") view=TicketsPage />
            <Route path=path!("/tickets/new") view=NewTicketPage />
            <Route path=path!("/tickets/:id") view=TicketPage />
            <Route path=path!("/tickets/:id/report") view=ReportFormPage />
            <Route path=path!("/tickets/:id/reports/:event") view=ReportPrintPage />
            <Route path=path!("/kpi") view=DashboardPage />
            <Route path=path!("/kpi/:kpi") view=KpiDetailPage />
            <Route path=path!("/inputs/sales") view=SalesPage />
            <Route path=path!("/inputs/costs") view=CostsPage />
            <Route path=path!("/inputs/training") view=TrainingPage />
            <Route path=path!("/settings/kpi") view=KpiTargetsPage />
            <Route path=path!("/assessment") view=AssessmentHome />
            <Route path=path!("/assessment/schemes") view=SchemesPage />
            <Route path=path!("/assessment/schemes/new") view=SchemeEditorPage />
            <Route path=path!("/assessment/schemes/:id") view=SchemeEditorPage />
            <Route path=path!("/assessment/cycles/new") view=OpenCyclePage />
            <Route path=path!("/assessment/cycles/:id") view=CycleBoardPage />
            <Route path=path!("/assessment/a/:id") view=AssessmentPage />
            <Route path=path!("/assessment/a/:id/print/:form") view=AssessmentPrintPage />
            <Route path=path!("/surveys") view=SurveyListPage />
            <Route path=path!("/surveys/import") view=ReceiptImportPage />
            <Route path=path!("/org") view=OrgPage />
            <Route path=path!("/org/units/new") view=UnitEditor />
            <Route path=path!("/org/units/:id") view=UnitEditor />
            <Route path=path!("/org/staff/new") view=StaffEditor />
            <Route path=path!("/org/staff/:id") view=StaffEditor />
            <Route path=path!("/providers") view=ProvidersPage />
            <Route path=path!("/providers/new") view=ProviderEditor />
            <Route path=path!("/providers/:id") view=ProviderEditor />
            <Route path=path!("/users") view=UsersPage />
            <Route path=path!("/users/new") view=UserEditor />
            <Route path=path!("/users/:id") view=UserEditor />
            <Route path=path!("/settings") view=SettingsPage />
            <Route path=path!("/settings/service-levels") view=ServiceLevelsPage />
            <Route path=path!("/settings/surveys") view=SurveySettingsPage />
        </Routes>
    }
}

#[component]
fn Header(signed: Signal<bool>) -> impl IntoView {
    let state = use_app_state();
    let user_label = move || {
        state.current_user().map(|(_, user)| {
            format!(
                "{} · {}",
                user.name,
                i18n::role_name(state.lang.get(), user.role)
            )
        })
    };
    view! {
        <header class="topbar">
            <a class="topbar__title" href="/">
                {tr(Key::AppTitle)}
            </a>
            <Show when=move || signed.get()>
                <nav class="topbar__nav" aria-label=tr(Key::MainNav)>
                    <Show when=move || state.can(Action::ViewTickets)>
                        <A href="/tickets">{tr(Key::NavTickets)}</A>
                    </Show>
                    <Show when=move || state.can(Action::ViewTickets)>
                        <A href="/surveys">{tr(Key::NavSurveys)}</A>
                    </Show>
                    <A href="/kpi">{tr(Key::NavKpis)}</A>
                    <A href="/assessment">{tr(Key::NavAssessment)}</A>
                    <A href="/org">{tr(Key::NavOrg)}</A>
                    <A href="/providers">{tr(Key::NavProviders)}</A>
                    <Show when=move || state.can(Action::ManageUsers)>
                        <A href="/users">{tr(Key::NavUsers)}</A>
                    </Show>
                    <A href="/settings">{tr(Key::NavSettings)}</A>
                </nav>
            </Show>
            <div class="topbar__tools">
                <button
                    class="button button--quiet"
                    name="language"
                    lang=move || state.lang.get().other().code()
                    on:click=move |_| state.set_lang(state.lang.get_untracked().other())
                >
                    {tr(Key::LanguageSwitch)}
                </button>
                <Show when=move || signed.get()>
                    <button
                        class="button button--quiet topbar__user"
                        name="switch-user"
                        title=tr(Key::SwitchUser)
                        on:click=move |_| state.choosing_user.set(true)
                    >
                        {user_label}
                    </button>
                </Show>
            </div>
        </header>
    }
}

/// The localStorage fallback is small: say so on every screen while it is in use.
#[component]
fn StorageWarning() -> impl IntoView {
    let state = use_app_state();
    view! {
        <Show when=move || state.load.get() == LoadState::Ready(BackendKind::LocalStorage)>
            <p class="banner banner--warning" role="alert">
                {tr(Key::LocalStorageWarning)}
            </p>
        </Show>
    }
}
