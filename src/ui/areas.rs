//! The app's pages (ARCHITECTURE.md, "One page per area"): the service page (tickets, surveys, KPIs, the org,
//! users and settings) and the assessment page (绩效考核) are two WebAssembly bundles sharing the IndexedDB data, so
//! neither downloads the other's screens. Each bundle's `main` picks its `Area`; this module says which paths
//! belong to which page (the servers and the service worker route by the same rule) and holds each area's routes.
//!
//! Must not: hold screens (`routes`) or state (`state`).

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use crate::ui::routes::not_found::NotFound;
use crate::ui::state::KioskSession;

/// One page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Service,
    Assessment,
}

impl Area {
    /// The page a path belongs to: `/assessment` and everything under it is the assessment page.
    pub fn of_path(path: &str) -> Area {
        match path == "/assessment" || path.starts_with("/assessment/") {
            true => Area::Assessment,
            false => Area::Service,
        }
    }

    /// The HTML file that is this page (what a server answers for any of its paths).
    pub fn html(self) -> &'static str {
        match self {
            Area::Service => "index.html",
            Area::Assessment => "assessment.html",
        }
    }
}

/// What a page's bundle brings: which area it is, its routes, what it shows in kiosk mode, and a screen for an
/// outsider at a path of its own (no store, no sign-in), if the path is one.
#[derive(Clone, Copy)]
pub struct Page {
    pub area: Area,
    pub routes: fn() -> AnyView,
    pub kiosk: fn(KioskSession) -> AnyView,
    pub public: fn(&str) -> Option<AnyView>,
}

/// The service page: everything but assessment.
pub const SERVICE: Page = Page {
    area: Area::Service,
    routes: service_routes,
    kiosk: service_kiosk,
    public: survey_link,
};

/// The assessment page.
pub const ASSESSMENT: Page = Page {
    area: Area::Assessment,
    routes: assessment_routes,
    kiosk: leave_for_kiosk,
    public: |_| None,
};

fn service_kiosk(session: KioskSession) -> AnyView {
    use crate::ui::routes::survey::KioskScreen;
    view! { <KioskScreen session=session /> }.into_any()
}

/// A survey link opened on a customer's phone (`/survey`): the survey alone.
fn survey_link(path: &str) -> Option<AnyView> {
    use crate::ui::routes::survey::PublicSurveyPage;
    (path == "/survey").then(|| view! { <PublicSurveyPage /> }.into_any())
}

/// A device locked into a survey belongs on the service page, which shows the survey.
fn leave_for_kiosk(_: KioskSession) -> AnyView {
    let _ = window().location().replace("/");
    ().into_any()
}

fn service_routes() -> AnyView {
    use crate::ui::routes::{
        dashboard::DashboardPage,
        kpi_detail::KpiDetailPage,
        kpi_inputs::{CostsPage, SalesPage, TrainingPage},
        kpi_targets::KpiTargetsPage,
        org::OrgPage,
        providers::{ProviderEditor, ProvidersPage},
        service_levels::ServiceLevelsPage,
        service_report::{ReportFormPage, ReportPrintPage},
        settings::SettingsPage,
        staff_form::StaffEditor,
        survey_list::SurveyListPage,
        survey_settings::SurveySettingsPage,
        surveys::ReceiptImportPage,
        ticket_detail::TicketPage,
        ticket_new::NewTicketPage,
        tickets::TicketsPage,
        unit_form::UnitEditor,
        users::{UserEditor, UsersPage},
    };
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
    .into_any()
}

fn assessment_routes() -> AnyView {
    use crate::ui::routes::{
        assessment::AssessmentHome,
        assessment_detail::AssessmentPage,
        assessment_print::AssessmentPrintPage,
        cycle_board::{CycleBoardPage, OpenCyclePage},
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
            <Route path=path!("/assessment/a/:id") view=AssessmentPage />
            <Route path=path!("/assessment/a/:id/print/:form") view=AssessmentPrintPage />
        </Routes>
    }
    .into_any()
}
