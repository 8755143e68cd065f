//! The app's pages (ARCHITECTURE.md, "One page per area"): the service page (tickets, surveys, the KPIs), the
//! assessment page (绩效考核) and the administration page (the org, providers, users, settings, the KPI inputs and
//! targets) are three WebAssembly bundles sharing the IndexedDB data, so none downloads the others' screens. Each
//! bundle's `main` picks its `Page`; this module says which paths belong to which page (the servers and the service
//! worker route by the same rule) and holds each area's routes.
//!
//! Must not: hold screens (`routes`) or state (`state`).

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use crate::ui::components::history::{NeedsHistory, needs_facts, needs_history};
use crate::ui::routes::not_found::NotFound;
use crate::ui::state::KioskSession;

/// One page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Service,
    Assessment,
    Admin,
}

/// The administration page's paths, each with everything under it: rarely visited, set up once and kept (and the
/// data exchange: once a day, by file).
pub const ADMIN_PATHS: [&str; 6] = [
    "/org",
    "/providers",
    "/users",
    "/settings",
    "/inputs",
    "/data",
];

impl Area {
    /// The page a path belongs to: `/assessment` and everything under it is the assessment page, `ADMIN_PATHS`
    /// and everything under them the administration page, every other path the service page.
    pub fn of_path(path: &str) -> Area {
        let under = |prefix: &str| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        match () {
            _ if under("/assessment") => Area::Assessment,
            _ if ADMIN_PATHS.iter().any(|p| under(p)) => Area::Admin,
            _ => Area::Service,
        }
    }

    /// The HTML file that is this page (what a server answers for any of its paths).
    pub fn html(self) -> &'static str {
        match self {
            Area::Service => "index.html",
            Area::Assessment => "assessment.html",
            Area::Admin => "admin.html",
        }
    }
}

/// `rel` for a link to `path` from the page showing it: "external" when the path is another page's, so the router
/// leaves the click to the browser, which loads that page (the router would otherwise look for the path among this
/// page's routes). Every link that may cross pages says `rel=rel_for(href)`.
pub fn rel_for(path: &str) -> Option<&'static str> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    (Area::of_path(path) != expect_context::<Page>().area).then_some("external")
}

/// What a page's bundle brings: which area it is, its routes, what it shows in kiosk mode and on a first start (no
/// users yet), and a screen for an outsider at a path of its own (no store, no sign-in), if the path is one.
#[derive(Clone, Copy)]
pub struct Page {
    pub area: Area,
    pub routes: fn() -> AnyView,
    pub kiosk: fn(KioskSession) -> AnyView,
    pub first_start: fn() -> AnyView,
    pub public: fn(&str) -> Option<AnyView>,
}

/// The service page: tickets, surveys, the KPIs.
pub const SERVICE: Page = Page {
    area: Area::Service,
    routes: service_routes,
    kiosk: service_kiosk,
    first_start: welcome,
    public: survey_link,
};

/// The assessment page.
pub const ASSESSMENT: Page = Page {
    area: Area::Assessment,
    routes: assessment_routes,
    kiosk: leave_for_kiosk,
    first_start: welcome,
    public: |_| None,
};

/// The administration page.
pub const ADMIN: Page = Page {
    area: Area::Admin,
    routes: admin_routes,
    kiosk: leave_for_kiosk,
    first_start: admin_first_start,
    public: |_| None,
};

/// A first start: create the administrator (or load the demo, or go to the data screen to start from a file).
fn welcome() -> AnyView {
    use crate::ui::routes::welcome::Welcome;
    view! { <Welcome /> }.into_any()
}

/// A first start on the administration page: at the data screen, setting the device up from an export file;
/// elsewhere the welcome.
fn admin_first_start() -> AnyView {
    use crate::ui::routes::data::FirstImport;
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    match path == "/data" || path.starts_with("/data/") {
        true => view! { <FirstImport /> }.into_any(),
        false => welcome(),
    }
}

fn service_kiosk(session: KioskSession) -> AnyView {
    use crate::ui::routes::survey::KioskScreen;
    view! {
        <NeedsHistory>
            <KioskScreen session=session />
        </NeedsHistory>
    }
    .into_any()
}

/// A survey link opened on a customer's phone (`/survey`): the survey alone.
fn survey_link(path: &str) -> Option<AnyView> {
    use crate::ui::routes::survey::PublicSurveyPage;
    // No store is opened for it: it reads nothing stored.
    (path == "/survey").then(|| view! { <PublicSurveyPage /> }.into_any())
}

/// A device locked into a survey belongs on the service page, which shows the survey.
fn leave_for_kiosk(_: KioskSession) -> AnyView {
    let _ = window().location().replace("/");
    ().into_any()
}

/// `screen`, shown once what it needs is there: `needs` is `components::history`'s `needs_history` or `needs_facts`.
fn after<V: IntoView + 'static>(
    needs: fn(ChildrenFn) -> AnyView,
    screen: fn() -> V,
) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || needs(std::sync::Arc::new(move || (move || screen()).into_any()))
}

/// `screen` once the tickets' history is read.
fn after_history<V: IntoView + 'static>(
    screen: fn() -> V,
) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    after(needs_history, screen)
}

fn service_routes() -> AnyView {
    use crate::ui::routes::{
        dashboard::DashboardPage,
        home::HomePage,
        kpi_detail::KpiDetailPage,
        service_report::{ReportFormPage, ReportPrintPage},
        survey_list::SurveyListPage,
        surveys::ReceiptImportPage,
        ticket_detail::TicketPage,
        ticket_new::NewTicketPage,
        tickets::TicketsPage,
    };
    // Every screen of the service page reads the tickets; the KPI dashboard reads only their facts, which may be kept
    // beside the data (`needs_facts`), and a manager's home is the dashboard (`HomePage` waits for the rest).
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/") view=HomePage />
            <Route path=path!("/tickets") view=after_history(TicketsPage) />
            <Route path=path!("/tickets/new") view=after_history(NewTicketPage) />
            <Route path=path!("/tickets/:id") view=after_history(TicketPage) />
            <Route path=path!("/tickets/:id/report") view=after_history(ReportFormPage) />
            <Route path=path!("/tickets/:id/reports/:event") view=after_history(ReportPrintPage) />
            <Route path=path!("/kpi") view=after(needs_facts, DashboardPage) />
            <Route path=path!("/kpi/:kpi") view=after_history(KpiDetailPage) />
            <Route path=path!("/surveys") view=after_history(SurveyListPage) />
            <Route path=path!("/surveys/import") view=after_history(ReceiptImportPage) />
        </Routes>
    }
    .into_any()
}

fn admin_routes() -> AnyView {
    use crate::ui::routes::{
        conflicts::ConflictsPage,
        data::DataPage,
        kpi_inputs::{CostsPage, SalesPage, TrainingPage},
        kpi_targets::KpiTargetsPage,
        org::OrgPage,
        providers::{ProviderEditor, ProvidersPage},
        service_levels::ServiceLevelsPage,
        settings::SettingsPage,
        staff_form::StaffEditor,
        survey_settings::SurveySettingsPage,
        unit_form::UnitEditor,
        users::{UserEditor, UsersPage},
    };
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/inputs/sales") view=after_history(SalesPage) />
            <Route path=path!("/inputs/costs") view=after_history(CostsPage) />
            <Route path=path!("/inputs/training") view=after_history(TrainingPage) />
            <Route path=path!("/settings/kpi") view=KpiTargetsPage />
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
            <Route path=path!("/settings") view=after_history(SettingsPage) />
            <Route path=path!("/settings/service-levels") view=after_history(ServiceLevelsPage) />
            <Route path=path!("/settings/surveys") view=SurveySettingsPage />
            <Route path=path!("/data") view=after_history(DataPage) />
            <Route path=path!("/data/conflicts") view=after_history(ConflictsPage) />
        </Routes>
    }
    .into_any()
}

fn assessment_routes() -> AnyView {
    use crate::ui::routes::{
        assessment::AssessmentHome,
        assessment_detail::AssessmentPage,
        assessment_print::AssessmentPrintPage,
        cycle_board::{CycleBoardPage, OpenCyclePage},
        penalty_rules::PenaltyRulesPage,
        period_report::{ReportListPage, ReportPage},
        provider_assessment::ProvidersAssessedPage,
        provider_inputs::ProviderInputsPage,
        provider_statement::ProviderStatementPage,
        quality::QualityPage,
        quality_audit::AuditPage,
        quality_checklist::{ChecklistPage, ComparePage},
        quality_self::SelfAssessmentPage,
        review_import::ReviewImportPage,
        scheme_editor::{SchemeEditorPage, SchemesPage},
    };
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/assessment") view=AssessmentHome />
            <Route path=path!("/assessment/schemes") view=SchemesPage />
            <Route path=path!("/assessment/schemes/new") view=SchemeEditorPage />
            <Route path=path!("/assessment/schemes/:id") view=SchemeEditorPage />
            <Route path=path!("/assessment/cycles/new") view=OpenCyclePage />
            <Route path=path!("/assessment/cycles/:id") view=CycleBoardPage />
            <Route path=path!("/assessment/a/:id") view=after_history(AssessmentPage) />
            <Route path=path!("/assessment/a/:id/print/:form") view=after_history(AssessmentPrintPage) />
            <Route path=path!("/assessment/providers") view=after_history(ProvidersAssessedPage) />
            <Route path=path!("/assessment/quality") view=after_history(QualityPage) />
            <Route path=path!("/assessment/reports") view=after_history(ReportListPage) />
            <Route path=path!("/assessment/reports/:period") view=after_history(ReportPage) />
            <Route path=path!("/assessment/quality/self/:id") view=SelfAssessmentPage />
            <Route path=path!("/assessment/quality/audit/:id") view=after_history(AuditPage) />
            <Route path=path!("/assessment/quality/checklist") view=ChecklistPage />
            <Route path=path!("/assessment/quality/compare") view=ComparePage />
            <Route path=path!("/assessment/providers/inputs") view=after_history(ProviderInputsPage) />
            <Route path=path!("/assessment/providers/import") view=after_history(ReviewImportPage) />
            <Route path=path!("/assessment/providers/rules") view=PenaltyRulesPage />
            <Route path=path!("/assessment/providers/:id/:period") view=after_history(ProviderStatementPage) />
        </Routes>
    }
    .into_any()
}
