//! The permission table (R10.1) as a readable grid, checked against an expected snapshot: a change to who may do
//! what shows up here as a diff of the grid.

use aftersales::domain::access::{Action, Role, can};
use expect_test::expect;

fn grid() -> String {
    let mut out = format!("{:<18}", "");
    for role in Role::ALL {
        out += &format!("{:>6}", short(role));
    }
    out += "\n";
    for action in Action::ALL {
        out += &format!("{:<18}", format!("{action:?}"));
        for role in Role::ALL {
            out += &format!("{:>6}", if can(role, action) { "yes" } else { "-" });
        }
        out += "\n";
    }
    out
}

fn short(role: Role) -> &'static str {
    match role {
        Role::Agent => "agent",
        Role::Engineer => "eng",
        Role::Supervisor => "sup",
        Role::Manager => "mgr",
        Role::HumanResources => "hr",
        Role::GeneralManager => "gm",
        Role::Committee => "comm",
        Role::Admin => "admin",
    }
}

#[test]
fn permission_table() {
    expect![[r#"
                           agent   eng   sup   mgr    hr    gm  comm admin
        ViewOrg              yes   yes   yes   yes   yes   yes   yes   yes
        EditOrg                -     -     -   yes   yes     -     -   yes
        EditProviders          -     -   yes   yes     -     -     -   yes
        ManageUsers            -     -     -     -     -     -     -   yes
        EditSettings           -     -     -   yes     -     -     -   yes
        ApproveResults         -     -   yes   yes   yes   yes     -     -
        DecideAppeals          -     -     -     -     -     -   yes     -
        ViewTickets          yes   yes   yes   yes   yes   yes     -   yes
        RegisterTickets      yes   yes   yes   yes     -     -     -   yes
        TriageTickets        yes     -   yes   yes     -     -     -   yes
        DispatchTickets      yes     -   yes   yes     -     -     -   yes
        WorkTickets            -   yes   yes   yes     -     -     -     -
        HoldTickets          yes   yes   yes   yes     -     -     -   yes
        FollowUpTickets      yes   yes   yes   yes     -     -     -   yes
        CloseTickets         yes     -   yes   yes     -     -     -   yes
        VoidTickets            -     -   yes   yes     -     -     -   yes
        EditServiceLevels      -     -     -   yes     -     -     -   yes
        CollectSurveys       yes   yes   yes   yes     -     -     -   yes
        EditSurveys            -     -     -   yes     -     -     -   yes
        ViewKpis             yes   yes   yes   yes   yes   yes   yes   yes
        EditKpiInputs          -     -   yes   yes     -     -     -   yes
        EditKpiTargets         -     -     -   yes     -     -     -   yes
        EditSchemes            -     -     -   yes   yes     -     -   yes
        RunCycles              -     -     -     -   yes     -     -   yes
        ExportData           yes   yes   yes   yes   yes   yes   yes   yes
        ImportData             -     -   yes   yes     -     -     -   yes
        ApplyRetention       yes   yes   yes   yes   yes   yes   yes   yes
        Assess               yes   yes   yes   yes   yes   yes   yes   yes
        ViewProviderFines      -     -   yes   yes   yes   yes     -   yes
        EnterProviderInputs     -     -   yes   yes     -     -     -   yes
        IssueStatements        -     -     -   yes     -     -     -   yes
        ChangeOwnPin         yes   yes   yes   yes   yes   yes   yes   yes
        CallCustomers        yes   yes   yes   yes     -     -     -     -
        ViewQuality            -     -   yes   yes   yes   yes     -   yes
        ManageQuality          -     -   yes   yes     -     -     -     -
        CloseOwnActions      yes   yes   yes   yes   yes   yes   yes   yes
        WriteReports           -     -     -   yes     -     -     -     -
    "#]]
    .assert_eq(&grid());
}

#[test]
fn an_engineer_cannot_approve_results_or_edit_staff() {
    assert!(!can(Role::Engineer, Action::ApproveResults));
    assert!(!can(Role::Engineer, Action::EditOrg));
    assert!(can(Role::Engineer, Action::ViewOrg));
}

#[test]
fn with_nobody_signed_in_only_the_first_user_may_be_created_or_a_file_imported() {
    use aftersales::domain::access::permitted;
    use aftersales::domain::dataset::Dataset;
    let empty = Dataset::default();
    assert!(permitted(None, Action::ManageUsers, &empty));
    assert!(
        permitted(None, Action::ImportData, &empty),
        "a new tablet starts from the office's file"
    );
    assert!(!permitted(None, Action::EditOrg, &empty));
    assert!(!permitted(None, Action::ExportData, &empty));
    let mut with_admin = Dataset::default();
    with_admin.apply(aftersales::domain::dataset::Change::User(
        aftersales::domain::record::Versioned {
            id: aftersales::domain::ids::Id::from_u128(1),
            stamp: aftersales::domain::clock::Stamp {
                wall_ms: 1,
                counter: 0,
                device: aftersales::domain::ids::DeviceId::from_u128(1),
            },
            deleted: false,
            history: None,
            body: aftersales::domain::access::User {
                name: "管理员".into(),
                role: Role::Admin,
                staff: None,
                pin: None,
            },
        },
    ));
    assert!(!permitted(None, Action::ManageUsers, &with_admin));
    assert!(!permitted(None, Action::ImportData, &with_admin));
    assert!(permitted(
        Some(Role::Admin),
        Action::ManageUsers,
        &with_admin
    ));
    assert!(!permitted(
        Some(Role::Engineer),
        Action::ManageUsers,
        &with_admin
    ));
}
