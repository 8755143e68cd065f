//! The service page (tickets, surveys, the KPIs: what the tablets use every day): its screens, one module each, and
//! its `PAGE` — the routes, the kiosk's survey and the customer's survey link.

pub mod dashboard;
pub mod home;
pub mod kpi_detail;
pub mod kpi_scope;
pub mod service_report;
pub mod survey;
pub mod survey_list;
pub mod surveys;
pub mod ticket_detail;
pub mod ticket_new;
pub mod tickets;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use crate::ui::areas::{Area, Page, after, after_history, welcome};
use crate::ui::components::history::{NeedsHistory, needs_facts};
use crate::ui::routes::not_found::NotFound;
use crate::ui::state::KioskSession;

/// The service page: tickets, surveys, the KPIs.
pub const PAGE: Page = Page {
    area: Area::Service,
    routes: service_routes,
    kiosk: service_kiosk,
    first_start: welcome,
    public: survey_link,
};

fn service_kiosk(session: KioskSession) -> AnyView {
    use crate::ui::routes::service::survey::KioskScreen;
    view! {
        <NeedsHistory>
            <KioskScreen session=session />
        </NeedsHistory>
    }
    .into_any()
}

/// A survey link opened on a customer's phone (`/survey`): the survey alone.
fn survey_link(path: &str) -> Option<AnyView> {
    use crate::ui::routes::service::survey::PublicSurveyPage;
    // No store is opened for it: it reads nothing stored.
    (path == "/survey").then(|| view! { <PublicSurveyPage /> }.into_any())
}

fn service_routes() -> AnyView {
    use self::{
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
