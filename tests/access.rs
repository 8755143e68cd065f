//! The permission table (R10.1) as a readable grid, checked against an expected snapshot: a change to who may do
//! what shows up here as a diff of the grid.

use aftersales::domain::access::{Action, Role, can};
use expect_test::expect;

fn grid() -> String {
    let mut out = format!("{:<15}", "");
    for role in Role::ALL {
        out += &format!("{:>6}", short(role));
    }
    out += "\n";
    for action in Action::ALL {
        out += &format!("{:<15}", format!("{action:?}"));
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
        ViewOrg           yes   yes   yes   yes   yes   yes   yes   yes
        EditOrg             -     -     -   yes   yes     -     -   yes
        EditProviders       -     -   yes   yes     -     -     -   yes
        ManageUsers         -     -     -     -     -     -     -   yes
        EditSettings        -     -     -   yes     -     -     -   yes
        ApproveResults      -     -   yes   yes   yes   yes     -     -
        DecideAppeals       -     -     -     -     -     -   yes     -
    "#]]
    .assert_eq(&grid());
}

#[test]
fn an_engineer_cannot_approve_results_or_edit_staff() {
    assert!(!can(Role::Engineer, Action::ApproveResults));
    assert!(!can(Role::Engineer, Action::EditOrg));
    assert!(can(Role::Engineer, Action::ViewOrg));
}
