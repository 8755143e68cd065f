//! Who may do what (R10.1): the roles of local users, the actions the app offers, and `can(role, action)`.
//!
//! Owns: `Role`, `Action`, the permission table, the `User` record (a local login on a shared tablet, optionally
//! linked to a staff member, with an optional salted PIN hash), its form check, and the rule that the last
//! administrator cannot be removed or demoted. Must not: hash PINs itself (that is `pin`) or touch storage.

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::dataset::Dataset;
use super::error::{Checked, Field, Problem, Problems, required_text};
use super::ids::Id;
use super::org::NAME_MAX;
use super::pin::{PinHash, is_valid_pin};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 客服
    Agent,
    /// 工程师 / 售后服务专员
    Engineer,
    /// 售后服务主管
    Supervisor,
    /// 售后服务经理
    Manager,
    /// 人力资源
    HumanResources,
    /// 总经理
    GeneralManager,
    /// 考核委员会
    Committee,
    /// 系统管理员
    Admin,
}

slugs!(Role {
    Agent => "Agent",
    Engineer => "Engineer",
    Supervisor => "Supervisor",
    Manager => "Manager",
    HumanResources => "HumanResources",
    GeneralManager => "GeneralManager",
    Committee => "Committee",
    Admin => "Admin",
});

/// Everything the app lets someone do that not everyone may. Later features add theirs here, and to the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// See units, staff and providers.
    ViewOrg,
    /// Create, change and remove units and staff.
    EditOrg,
    /// Create, change and remove service providers.
    EditProviders,
    /// Create, change and remove local users and their PINs.
    ManageUsers,
    /// Device settings that affect everyone (storage, calendar later).
    EditSettings,
    /// Approve assessment results in the approval chain.
    ApproveResults,
    /// Decide appeals and re-reviews.
    DecideAppeals,
    /// See tickets and their customers.
    ViewTickets,
    /// Register a new ticket (intake); add a note to one.
    RegisterTickets,
    /// 受理 / verify or reject a complaint; respond to the customer.
    TriageTickets,
    /// 派工 / 转派: assign and reassign engineers.
    DispatchTickets,
    /// The engineer's work: visits, quotes and the customer's answer to them, service reports, resolving.
    WorkTickets,
    /// 挂起 / 恢复: waiting for parts (the engineer) or for the customer (the agent).
    HoldTickets,
    /// 回访 / 走访: plan and record follow-ups after the work is done.
    FollowUpTickets,
    /// The customer's confirmation, closing and reopening.
    CloseTickets,
    /// 作废: void a ticket (also marking a false record).
    VoidTickets,
    /// Edit the business calendar and the SLA policy.
    EditServiceLevels,
    /// Hand a customer the survey (kiosk mode, survey link) and import receipt codes.
    CollectSurveys,
    /// Edit the survey template and what a second response does.
    EditSurveys,
    /// See the KPI dashboard and the explanations behind its figures.
    ViewKpis,
    /// Enter sales volumes, cost lines and training sessions (the KPIs' other inputs).
    EditKpiInputs,
    /// Set KPI targets and industry averages.
    EditKpiTargets,
    /// Create and change assessment schemes (R6.1).
    EditSchemes,
    /// Run assessment cycles: open one, change raters, file plans, compile, publish, archive (HR).
    RunCycles,
    /// Export the data one's role may see to a file (an engineer carries the day's work to the office).
    ExportData,
    /// Import a file (merged after a preview), undo the last import, and settle the conflicts merging leaves.
    ImportData,
    /// Carry out the retention period the settings set (R10.2): every device anonymises what is due, whoever is
    /// signed in, so personal data does not outstay it on a device only engineers use.
    ApplyRetention,
    /// Take part in an assessment: one's own plan, the forms one is asked to fill, an appeal. Whether a step is
    /// this person's is decided on the assessment (`assessment::cycle::may`).
    Assess,
    /// See service providers' statements, fines and the inputs behind them (not engineers' or agents' business).
    ViewProviderFines,
    /// Enter platform reviews (by hand or from a platform's file), complaints against providers and peak-event
    /// incidents.
    EnterProviderInputs,
    /// Set the penalty rules and issue (or correct) providers' statements.
    IssueStatements,
    /// Set or change one's own PIN (the current one first, when there is one): every signed-in user, on their own
    /// record only.
    ChangeOwnPin,
    /// See a customer's full phone number to call them: whoever serves customers (an engineer only on the tickets
    /// assigned to them — `ticket::actions::may_reveal_phone`). Everyone else sees it masked (S11 四.2.3).
    CallCustomers,
    /// See the quality records: self-assessments, sampling audits, corrective actions, period reports.
    ViewQuality,
    /// Make them: assess against the checklist (and edit it), draw and review samples, open corrective actions.
    ManageQuality,
    /// Close a corrective action one owns, with what was done (anyone may own one).
    CloseOwnActions,
    /// Write the period report's findings and proposals and issue it: the department's manager (R5.5, S17 第二十条).
    WriteReports,
}

slugs!(Action {
    ViewOrg => "ViewOrg",
    EditOrg => "EditOrg",
    EditProviders => "EditProviders",
    ManageUsers => "ManageUsers",
    EditSettings => "EditSettings",
    ApproveResults => "ApproveResults",
    DecideAppeals => "DecideAppeals",
    ViewTickets => "ViewTickets",
    RegisterTickets => "RegisterTickets",
    TriageTickets => "TriageTickets",
    DispatchTickets => "DispatchTickets",
    WorkTickets => "WorkTickets",
    HoldTickets => "HoldTickets",
    FollowUpTickets => "FollowUpTickets",
    CloseTickets => "CloseTickets",
    VoidTickets => "VoidTickets",
    EditServiceLevels => "EditServiceLevels",
    CollectSurveys => "CollectSurveys",
    EditSurveys => "EditSurveys",
    ViewKpis => "ViewKpis",
    EditKpiInputs => "EditKpiInputs",
    EditKpiTargets => "EditKpiTargets",
    EditSchemes => "EditSchemes",
    RunCycles => "RunCycles",
    ExportData => "ExportData",
    ImportData => "ImportData",
    ApplyRetention => "ApplyRetention",
    Assess => "Assess",
    ViewProviderFines => "ViewProviderFines",
    EnterProviderInputs => "EnterProviderInputs",
    IssueStatements => "IssueStatements",
    ChangeOwnPin => "ChangeOwnPin",
    CallCustomers => "CallCustomers",
    ViewQuality => "ViewQuality",
    ManageQuality => "ManageQuality",
    CloseOwnActions => "CloseOwnActions",
    WriteReports => "WriteReports",
});

/// The permission table, one line per action.
pub fn can(role: Role, action: Action) -> bool {
    use Role::*;
    match action {
        Action::ViewOrg => true,
        Action::EditOrg => matches!(role, Manager | HumanResources | Admin),
        Action::EditProviders => matches!(role, Supervisor | Manager | Admin),
        Action::ManageUsers => matches!(role, Admin),
        Action::EditSettings => matches!(role, Manager | Admin),
        Action::ApproveResults => {
            matches!(role, Supervisor | Manager | HumanResources | GeneralManager)
        }
        Action::DecideAppeals => matches!(role, Committee),
        Action::ViewTickets => !matches!(role, Committee),
        Action::RegisterTickets => matches!(role, Agent | Engineer | Supervisor | Manager | Admin),
        Action::TriageTickets | Action::CloseTickets => {
            matches!(role, Agent | Supervisor | Manager | Admin)
        }
        Action::DispatchTickets => matches!(role, Agent | Supervisor | Manager | Admin),
        Action::WorkTickets => matches!(role, Engineer | Supervisor | Manager),
        Action::HoldTickets | Action::FollowUpTickets => {
            matches!(role, Agent | Engineer | Supervisor | Manager | Admin)
        }
        Action::VoidTickets => matches!(role, Supervisor | Manager | Admin),
        Action::EditServiceLevels | Action::EditSurveys => matches!(role, Manager | Admin),
        Action::CollectSurveys => matches!(role, Agent | Engineer | Supervisor | Manager | Admin),
        Action::ViewKpis => true,
        Action::EditKpiInputs => matches!(role, Supervisor | Manager | Admin),
        Action::EditKpiTargets => matches!(role, Manager | Admin),
        Action::EditSchemes => matches!(role, Manager | HumanResources | Admin),
        Action::RunCycles => matches!(role, HumanResources | Admin),
        Action::ExportData => true,
        Action::ImportData => matches!(role, Supervisor | Manager | Admin),
        Action::ApplyRetention => true,
        Action::Assess => true,
        Action::ViewProviderFines => {
            matches!(
                role,
                Supervisor | Manager | HumanResources | GeneralManager | Admin
            )
        }
        Action::EnterProviderInputs => matches!(role, Supervisor | Manager | Admin),
        Action::IssueStatements => matches!(role, Manager | Admin),
        Action::ChangeOwnPin => true,
        Action::CallCustomers => matches!(role, Agent | Engineer | Supervisor | Manager),
        Action::ViewQuality => {
            matches!(
                role,
                Supervisor | Manager | HumanResources | GeneralManager | Admin
            )
        }
        Action::ManageQuality => matches!(role, Supervisor | Manager),
        Action::WriteReports => matches!(role, Manager),
        Action::CloseOwnActions => true,
    }
}

/// Whether whoever is signed in (`role`, or nobody) may take `action` on `data`. On a first start, with no users
/// at all, anyone may create users — that is how the first administrator comes to be — or import a file: a new
/// tablet starts from the office's export, people and all.
pub fn permitted(role: Option<Role>, action: Action, data: &Dataset) -> bool {
    match role {
        Some(role) => can(role, action),
        None => {
            matches!(action, Action::ManageUsers | Action::ImportData)
                && data.users.live_count() == 0
        }
    }
}

/// A local login on this tablet (and every device it syncs with).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct User {
    pub name: String,
    pub role: Role,
    /// The staff member this login belongs to, if any ("my tickets", "my forms").
    pub staff: Option<Id>,
    pub pin: Option<PinHash>,
}

/// What the user form hands over. An empty `pin` keeps the current PIN; `clear_pin` removes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserDraft {
    pub name: String,
    pub role: Role,
    pub staff: Option<Id>,
    pub pin: String,
    pub pin_confirm: String,
    pub clear_pin: bool,
}

/// One's own new PIN, typed twice (the current one is checked by whoever counts the wrong tries).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnPinDraft {
    pub pin: String,
    pub confirm: String,
}

impl OwnPinDraft {
    /// The new PIN, if it is one and was typed the same twice.
    pub fn check(&self) -> Checked<String> {
        let mut problems = Problems::default();
        if self.pin.is_empty() {
            problems.add(Field::Pin, Problem::Required);
        } else if !is_valid_pin(&self.pin) {
            problems.add(Field::Pin, Problem::PinFormat);
        } else if self.pin != self.confirm {
            problems.add(Field::PinConfirm, Problem::PinMismatch);
        }
        problems.finish(|| self.pin.clone())
    }
}

/// What to do with the PIN once the draft is accepted: the caller hashes a new one with a fresh salt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinChange {
    Keep,
    Clear,
    Set(String),
}

impl UserDraft {
    /// Checks the user as it would be saved under `id`. Returns the user (with the PIN as it was) and what to do
    /// with the PIN.
    pub fn check(&self, id: Id, data: &Dataset) -> Checked<(User, PinChange)> {
        let mut problems = Problems::default();
        let name = required_text(&self.name, NAME_MAX, Field::Name, &mut problems);
        if !name.is_empty()
            && data
                .users
                .live()
                .any(|(other, u)| other != id && u.name == name)
        {
            problems.add(Field::Name, Problem::DuplicateName);
        }
        if self.staff.is_some_and(|staff| !data.staff.contains(staff)) {
            problems.add(Field::Staff, Problem::UnknownReference);
        }
        if self.role != Role::Admin && is_last_admin(id, data) {
            problems.add(Field::Role, Problem::LastAdmin);
        }
        let pin_change = match (self.pin.as_str(), self.clear_pin) {
            ("", true) => PinChange::Clear,
            ("", false) => PinChange::Keep,
            (pin, _) if !is_valid_pin(pin) => {
                problems.add(Field::Pin, Problem::PinFormat);
                PinChange::Keep
            }
            (pin, _) if pin != self.pin_confirm => {
                problems.add(Field::PinConfirm, Problem::PinMismatch);
                PinChange::Keep
            }
            (pin, _) => PinChange::Set(pin.to_string()),
        };
        let current_pin = data.users.get(id).and_then(|u| u.pin.clone());
        problems.finish(|| {
            (
                User {
                    name,
                    role: self.role,
                    staff: self.staff,
                    pin: current_pin,
                },
                pin_change,
            )
        })
    }
}

/// Whether `id` is the only live administrator.
pub fn is_last_admin(id: Id, data: &Dataset) -> bool {
    let is_admin = data.users.get(id).is_some_and(|u| u.role == Role::Admin);
    is_admin
        && data
            .users
            .live()
            .filter(|(_, u)| u.role == Role::Admin)
            .count()
            == 1
}

pub fn user_removal_problem(id: Id, data: &Dataset) -> Option<Problem> {
    is_last_admin(id, data).then_some(Problem::LastAdmin)
}
