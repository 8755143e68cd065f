//! The administration page (the org, providers, users, settings, the KPI inputs and targets, the data exchange): its
//! screens, one module each, and its `PAGE`.

pub mod conflicts;
pub mod data;
pub mod kpi_inputs;
pub mod kpi_targets;
pub mod org;
pub mod providers;
pub mod service_levels;
pub mod settings;
pub mod staff_form;
pub mod survey_settings;
pub mod unit_form;
pub mod users;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use crate::ui::areas::{Area, Page, after_history, leave_for_kiosk, welcome};
use crate::ui::routes::not_found::NotFound;

/// The administration page.
pub const PAGE: Page = Page {
    area: Area::Admin,
    routes: admin_routes,
    kiosk: leave_for_kiosk,
    first_start: admin_first_start,
    public: |_| None,
};

/// A first start on the administration page: at the data screen, setting the device up from an export file;
/// elsewhere the welcome.
fn admin_first_start() -> AnyView {
    use crate::ui::routes::admin::data::FirstImport;
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    match path == "/data" || path.starts_with("/data/") {
        true => view! { <FirstImport /> }.into_any(),
        false => welcome(),
    }
}

fn admin_routes() -> AnyView {
    use self::{
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
