//! Every enum's slugs (`domain::slug`): each names one value and reads back as it, and the whole set is pinned
//! here — the slugs are in bookmarked URLs and the e2e hooks, so a renamed slug must show as a diff to review,
//! never slip through with a renamed variant.

use expect_test::expect;

use aftersales::domain::access::{Action, Role};
use aftersales::domain::assessment::cycle::Relation;
use aftersales::domain::inputs::CostKind;
use aftersales::domain::kpi::{Breakdown, Kpi};
use aftersales::domain::org::{Employment, Position, UnitKind};
use aftersales::domain::penalties::BadReviewChoice;
use aftersales::domain::period::PeriodKind;
use aftersales::domain::provider_inputs::{ColumnRole, ComplaintCause, InputKind, ReviewedWork};
use aftersales::domain::sampling::FindingKind;
use aftersales::domain::sla::Measure;
use aftersales::domain::standards::{Group, Indicator};
use aftersales::domain::survey::Satisfaction;
use aftersales::domain::ticket::actions::Command;
use aftersales::domain::ticket::list::Sort;
use aftersales::domain::ticket::state::{State, Step};
use aftersales::domain::ticket::{Channel, Kind, Priority, QuoteLineKind, QuoteStatus, Told};
use aftersales::sync::work::Stage;
use aftersales::ui::derived::Derivation;

/// One line per enum, `Type: slug slug …`, after checking each slug reads back as its value and names no other.
macro_rules! slug_table {
    ($($ty:ident),+ $(,)?) => {{
        let mut lines = Vec::new();
        $(
            let mut seen = std::collections::BTreeSet::new();
            for value in $ty::ALL {
                assert_eq!($ty::from_slug(value.slug()), Some(value), "{} {value:?}", stringify!($ty));
                assert!(seen.insert(value.slug()), "{}: {} twice", stringify!($ty), value.slug());
            }
            assert_eq!($ty::from_slug("no such slug"), None);
            let slugs: Vec<&str> = $ty::ALL.iter().map(|v| v.slug()).collect();
            lines.push(format!("{}: {}", stringify!($ty), slugs.join(" ")));
        )+
        lines.join("\n")
    }};
}

#[test]
fn every_slug_reads_back_as_its_value_and_none_changes_unseen() {
    let table = slug_table!(
        Action,
        Role,
        Relation,
        CostKind,
        Breakdown,
        Kpi,
        Employment,
        Position,
        UnitKind,
        BadReviewChoice,
        PeriodKind,
        ColumnRole,
        ComplaintCause,
        InputKind,
        ReviewedWork,
        FindingKind,
        Measure,
        Group,
        Indicator,
        Satisfaction,
        Channel,
        Kind,
        Priority,
        QuoteLineKind,
        QuoteStatus,
        Told,
        Command,
        Sort,
        State,
        Step,
        Stage,
        Derivation,
    );
    expect![[r#"
        Action: ViewOrg EditOrg EditProviders ManageUsers EditSettings ApproveResults DecideAppeals ViewTickets RegisterTickets TriageTickets DispatchTickets WorkTickets HoldTickets FollowUpTickets CloseTickets VoidTickets EditServiceLevels CollectSurveys EditSurveys ViewKpis EditKpiInputs EditKpiTargets EditSchemes RunCycles ExportData ImportData ApplyRetention Assess ViewProviderFines EnterProviderInputs IssueStatements ChangeOwnPin CallCustomers ViewQuality ManageQuality CloseOwnActions WriteReports
        Role: Agent Engineer Supervisor Manager HumanResources GeneralManager Committee Admin
        Relation: Superior Peer Subordinate
        CostKind: Parts Labour Travel Other
        Breakdown: Staff Unit Provider Product Kind Channel
        Kpi: response_on_time response_hours resolution first_time_fix repeat_repair on_time_completion satisfaction mean_rating bad_reviews complaint_rate complaints_per_sales complaint_on_time repair_rate return_rate returning_customers accuracy cost_per_ticket cost_total training_completion visits workload sample_conformity
        Employment: Formal Probation
        Position: CustomerService Specialist Engineer Supervisor Manager SalesDirector HumanResources GeneralManager Other
        UnitKind: Company Department Team Region
        BadReviewChoice: Unset PerReview RateBands
        PeriodKind: week month quarter year
        ColumnRole: OrderNumber Phone Address Stars Text Date
        ComplaintCause: Late BreachOfRules PoorQuality FeesNotShown
        InputKind: PlatformReview Complaint PeakIncident
        ReviewedWork: Installation Repair
        FindingKind: RecordIncomplete FeeStandardNotShown ReportWithoutSignature Late Other
        Measure: FirstResponse ComplaintVerification OnSite Resolution Promised
        Group: ServiceSystem ProductService CustomerService
        Indicator: Organisation Staffing Resources Norms Supervision Improvement ServiceCulture ProductInformation TechnicalSupport Delivery Repair QualityAssurance Recycling CustomerRelations ComplaintHandling
        Satisfaction: Satisfied FairlySatisfied Dissatisfied
        Channel: Phone Email OnlineForm WeChat ECommerce WalkIn SalesReferral
        Kind: Installation Repair Replacement Return Consultation Complaint Training FollowUp
        Priority: Low Normal High Urgent
        QuoteLineKind: Part Labour Travel
        QuoteStatus: None Issued Accepted Declined
        Told: Phone Visit Message Letter
        Command: Respond Triage Reject Assign Reassign ScheduleVisit Arrive IssueQuote AcceptQuote DeclineQuote Report Resolve Confirm Close Hold Resume Reopen PlanFollowUp RecordFollowUp Promise Inform Void Note
        Sort: newest oldest urgency priority number customer state kind engineer
        State: Registered Triaged Assigned InProgress Resolved Confirmed Closed OnHold Voided
        Step: Triage Reject Assign Reassign Work Resolve Confirm Close Hold Resume Reopen Void
        Stage: ReadingFile ReadingDevice Merging Preparing Selecting WritingFile Sealing
        Derivation: idle taking used stale deriving kept not-kept failed"#]].assert_eq(&table);
}
