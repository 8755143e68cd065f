//! The assessment page (绩效考核, the providers' assessment and statements, quality management): its screens, one
//! module each, and its `PAGE`.

pub mod assessment_detail;
pub mod assessment_forms;
pub mod assessment_print;
pub mod cycle_board;
pub mod home;
pub mod penalty_rules;
pub mod period_report;
pub mod provider_assessment;
pub mod provider_inputs;
pub mod provider_statement;
pub mod quality;
pub mod quality_audit;
pub mod quality_checklist;
pub mod quality_self;
pub mod review_import;
pub mod scheme_editor;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use crate::ui::areas::{Area, Page, after_history, leave_for_kiosk, welcome};
use crate::ui::routes::not_found::NotFound;

/// The assessment page.
pub const PAGE: Page = Page {
    area: Area::Assessment,
    routes: assessment_routes,
    kiosk: leave_for_kiosk,
    first_start: welcome,
    public: |_| None,
};

fn assessment_routes() -> AnyView {
    use self::{
        assessment_detail::AssessmentPage,
        assessment_print::AssessmentPrintPage,
        cycle_board::{CycleBoardPage, OpenCyclePage},
        home::AssessmentHome,
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
