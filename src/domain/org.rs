//! The organisation (R1): org units as a tree, staff with their superiors, and outside service providers.
//!
//! Owns: the record bodies (`OrgUnit`, `Staff`, `Provider`), the drafts a form produces and their checks
//! (names, unique staff numbers, no cycles in the unit tree or the superior chain, references that exist),
//! the rules for removing a record, the tree as rows for display, and the rater relations that follow from
//! the org (R1.3). Must not: read or write storage, or decide who may edit (that is `access`).

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::contact::is_phone;
use super::dataset::Dataset;
use super::error::{Checked, Field, Problem, Problems, required_text};
use super::ids::Id;

pub const NAME_MAX: usize = 50;
pub const STAFF_NUMBER_MAX: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Company,
    Department,
    Team,
    Region,
}

slugs!(UnitKind {
    Company => "Company",
    Department => "Department",
    Team => "Team",
    Region => "Region",
});

/// A node of the org tree: company → department → team / region.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrgUnit {
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<Id>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// 客服
    CustomerService,
    /// 售后服务专员
    Specialist,
    /// 工程师 (staff or a provider's)
    Engineer,
    /// 售后服务主管
    Supervisor,
    /// 售后服务经理
    Manager,
    /// 销售总监 — the manager's superior (S3 第5条)
    SalesDirector,
    /// 人力资源
    HumanResources,
    /// 总经理
    GeneralManager,
    Other,
}

slugs!(Position {
    CustomerService => "CustomerService",
    Specialist => "Specialist",
    Engineer => "Engineer",
    Supervisor => "Supervisor",
    Manager => "Manager",
    SalesDirector => "SalesDirector",
    HumanResources => "HumanResources",
    GeneralManager => "GeneralManager",
    Other => "Other",
});

impl Position {
    /// Whether tickets can be dispatched to someone in this position (engineers, specialists, supervisors).
    pub fn takes_tickets(self) -> bool {
        matches!(
            self,
            Position::Engineer | Position::Specialist | Position::Supervisor
        )
    }
}

/// 正式 or 试用: probation staff are not assessed by the regular scheme (S8 第六条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Employment {
    Formal,
    Probation,
}

slugs!(Employment {
    Formal => "Formal",
    Probation => "Probation",
});

/// Where a person belongs: an org unit of the company, or an outside service provider (R1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Affiliation {
    Unit(Id),
    Provider(Id),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Staff {
    /// 工号, unique among live staff.
    pub number: String,
    pub name: String,
    pub position: Position,
    pub affiliation: Affiliation,
    pub superior: Option<Id>,
    pub employment: Employment,
    #[serde(default)]
    pub phone: String,
    /// 持证上岗 (R1.5, S10 7.1): which product categories this person is certified for, until when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Certificate>,
}

/// A certificate for one product category, valid through `expires`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Certificate {
    pub category: String,
    pub number: String,
    pub expires: Date,
}

/// Why assigning a ticket to someone deserves a second look (R1.5): a warning, not a refusal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CertificateWarning {
    /// No certificate names the ticket's product category.
    Missing { category: String },
    /// The certificate for the category ran out on this day.
    Expired { category: String, on: Date },
}

impl Staff {
    /// Whether this person may be sent to a `category` product on `day` without a warning. A ticket without a
    /// category needs no certificate.
    pub fn certificate_warning(&self, category: &str, day: Date) -> Option<CertificateWarning> {
        let category = category.trim();
        if category.is_empty() {
            return None;
        }
        let latest = self
            .certificates
            .iter()
            .filter(|c| c.category.trim() == category)
            .map(|c| c.expires)
            .max();
        match latest {
            None => Some(CertificateWarning::Missing {
                category: category.into(),
            }),
            Some(expires) if expires < day => Some(CertificateWarning::Expired {
                category: category.into(),
                on: expires,
            }),
            Some(_) => None,
        }
    }

    /// Probation staff are left out of the regular assessment scheme.
    pub fn in_regular_assessment(&self) -> bool {
        self.employment == Employment::Formal
    }
}

/// 服务商: an outside company whose engineers do service work and which is assessed as a party (R1.4, S18).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Provider {
    pub name: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub phone: String,
    /// The unit (usually a region) the provider serves.
    pub region: Option<Id>,
}

/// What the unit form hands over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitDraft {
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<Id>,
}

/// What the staff form hands over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffDraft {
    pub number: String,
    pub name: String,
    pub position: Position,
    pub affiliation: Option<Affiliation>,
    pub superior: Option<Id>,
    pub employment: Employment,
    pub phone: String,
    pub certificates: Vec<CertificateDraft>,
}

/// A certificate as typed: category, number, expiry ("YYYY-MM-DD").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CertificateDraft {
    pub category: String,
    pub number: String,
    pub expires: String,
}

/// What the provider form hands over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderDraft {
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub region: Option<Id>,
}

impl UnitDraft {
    /// Checks the unit as it would be saved under `id` (a new id for a new unit).
    pub fn check(&self, id: Id, data: &Dataset) -> Checked<OrgUnit> {
        let mut problems = Problems::default();
        let name = required_text(&self.name, NAME_MAX, Field::Name, &mut problems);
        if let Some(parent) = self.parent {
            if parent == id {
                problems.add(Field::Parent, Problem::ParentIsSelf);
            } else if !data.units.contains(parent) {
                problems.add(Field::Parent, Problem::UnknownReference);
            } else if unit_ancestors(parent, data).contains(&id) {
                problems.add(Field::Parent, Problem::ParentIsDescendant);
            }
        }
        problems.finish(|| OrgUnit {
            name,
            kind: self.kind,
            parent: self.parent,
        })
    }
}

impl StaffDraft {
    /// Checks the person as they would be saved under `id`.
    pub fn check(&self, id: Id, data: &Dataset) -> Checked<Staff> {
        let mut problems = Problems::default();
        let number = required_text(&self.number, STAFF_NUMBER_MAX, Field::Number, &mut problems);
        let name = required_text(&self.name, NAME_MAX, Field::Name, &mut problems);
        let number_taken = !number.is_empty()
            && data
                .staff
                .live()
                .any(|(other, s)| other != id && s.number.eq_ignore_ascii_case(&number));
        if number_taken {
            problems.add(
                Field::Number,
                Problem::DuplicateStaffNumber {
                    number: number.clone(),
                },
            );
        }
        match self.affiliation {
            None => problems.add(Field::Affiliation, Problem::Required),
            Some(Affiliation::Unit(unit)) if !data.units.contains(unit) => {
                problems.add(Field::Affiliation, Problem::UnknownReference)
            }
            Some(Affiliation::Provider(provider)) if !data.providers.contains(provider) => {
                problems.add(Field::Affiliation, Problem::UnknownReference)
            }
            Some(_) => {}
        }
        if let Some(superior) = self.superior {
            if superior == id {
                problems.add(Field::Superior, Problem::SuperiorIsSelf);
            } else if !data.staff.contains(superior) {
                problems.add(Field::Superior, Problem::UnknownReference);
            } else if let Some(chain) = superior_cycle(id, superior, data) {
                problems.add(Field::Superior, Problem::SuperiorCycle { chain });
            }
        }
        let phone = self.phone.trim().to_string();
        if !phone.is_empty() && !is_phone(&phone) {
            problems.add(Field::Phone, Problem::InvalidPhone);
        }
        let certificates: Vec<Certificate> = self
            .certificates
            .iter()
            .enumerate()
            .filter_map(|(index, draft)| {
                let category = draft.category.trim().to_string();
                let expires = Date::parse(draft.expires.trim());
                if category.is_empty() {
                    problems.add(Field::Certificate(index), Problem::Required);
                } else if expires.is_none() {
                    problems.add(Field::Certificate(index), Problem::InvalidDate);
                }
                Some(Certificate {
                    category,
                    number: draft.number.trim().to_string(),
                    expires: expires?,
                })
            })
            .collect();
        let affiliation = self.affiliation;
        problems.finish(|| Staff {
            number,
            name,
            position: self.position,
            affiliation: affiliation.expect("checked above"),
            superior: self.superior,
            employment: self.employment,
            phone,
            certificates,
        })
    }
}

impl ProviderDraft {
    pub fn check(&self, id: Id, data: &Dataset) -> Checked<Provider> {
        let mut problems = Problems::default();
        let name = required_text(&self.name, NAME_MAX, Field::Name, &mut problems);
        if !name.is_empty()
            && data
                .providers
                .live()
                .any(|(other, p)| other != id && p.name == name)
        {
            problems.add(Field::Name, Problem::DuplicateName);
        }
        let contact = self.contact.trim().to_string();
        if contact.chars().count() > NAME_MAX {
            problems.add(Field::Contact, Problem::TooLong { max: NAME_MAX });
        }
        let phone = self.phone.trim().to_string();
        if !phone.is_empty() && !is_phone(&phone) {
            problems.add(Field::Phone, Problem::InvalidPhone);
        }
        if self
            .region
            .is_some_and(|region| !data.units.contains(region))
        {
            problems.add(Field::Affiliation, Problem::UnknownReference);
        }
        problems.finish(|| Provider {
            name,
            contact,
            phone,
            region: self.region,
        })
    }
}

/// Why a unit may not be removed now, if it may not.
pub fn unit_removal_problem(id: Id, data: &Dataset) -> Option<Problem> {
    let children = data
        .units
        .live()
        .filter(|(_, u)| u.parent == Some(id))
        .count();
    let members = data
        .staff
        .live()
        .filter(|(_, s)| s.affiliation == Affiliation::Unit(id))
        .count();
    match (children, members) {
        (0, 0) => None,
        (0, count) => Some(Problem::UnitHasStaff { count }),
        (count, _) => Some(Problem::UnitHasChildren { count }),
    }
}

/// Why a person may not be removed now, if they may not: nobody may be left reporting to a removed superior.
pub fn staff_removal_problem(id: Id, data: &Dataset) -> Option<Problem> {
    let count = subordinates(id, data).len();
    (count > 0).then_some(Problem::StaffHasSubordinates { count })
}

pub fn provider_removal_problem(id: Id, data: &Dataset) -> Option<Problem> {
    let count = data
        .staff
        .live()
        .filter(|(_, s)| s.affiliation == Affiliation::Provider(id))
        .count();
    (count > 0).then_some(Problem::ProviderHasEngineers { count })
}

/// The unit's parent, grandparent, … up to the root. Stops if the stored tree has a loop (a merge of two
/// devices' moves can make one) rather than running forever.
pub fn unit_ancestors(id: Id, data: &Dataset) -> Vec<Id> {
    let mut chain = Vec::new();
    let mut next = data.units.get(id).and_then(|u| u.parent);
    while let Some(parent) = next {
        if parent == id || chain.contains(&parent) {
            break;
        }
        chain.push(parent);
        next = data.units.get(parent).and_then(|u| u.parent);
    }
    chain
}

/// If `person` took `superior` as their superior, the loop that would make (names, starting with the person).
fn superior_cycle(person: Id, superior: Id, data: &Dataset) -> Option<Vec<String>> {
    let name = |id: Id| {
        data.staff
            .get(id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    let mut chain = vec![person];
    let mut next = Some(superior);
    while let Some(current) = next {
        if current == person {
            chain.push(person);
            return Some(chain.into_iter().map(name).collect());
        }
        if chain.contains(&current) {
            return None; // an existing loop elsewhere, not one through `person`
        }
        chain.push(current);
        next = data.staff.get(current).and_then(|s| s.superior);
    }
    None
}

/// One line of the org tree as shown: depth-first, children in creation order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeRow {
    pub id: Id,
    pub depth: usize,
}

/// The org tree flattened depth-first. Units whose parent is missing (deleted on another device) show as roots,
/// so nothing disappears from view.
pub fn unit_tree(data: &Dataset) -> Vec<TreeRow> {
    let is_root = |unit: &OrgUnit| unit.parent.is_none_or(|p| !data.units.contains(p));
    let mut rows = Vec::new();
    let mut stack: Vec<TreeRow> = data
        .units
        .live()
        .filter(|(_, u)| is_root(u))
        .map(|(id, _)| TreeRow { id, depth: 0 })
        .collect();
    stack.reverse();
    while let Some(row) = stack.pop() {
        if rows.iter().any(|r: &TreeRow| r.id == row.id) {
            continue;
        }
        let mut children: Vec<TreeRow> = data
            .units
            .live()
            .filter(|(_, u)| u.parent == Some(row.id))
            .map(|(id, _)| TreeRow {
                id,
                depth: row.depth + 1,
            })
            .collect();
        children.reverse();
        rows.push(row);
        stack.extend(children);
    }
    rows
}

pub fn subordinates(id: Id, data: &Dataset) -> Vec<Id> {
    data.staff
        .live()
        .filter(|(_, s)| s.superior == Some(id))
        .map(|(sid, _)| sid)
        .collect()
}

/// Who rates whom in a 360° assessment, as the org gives it (R1.3): the direct superior, the peers (others
/// with the same superior) and the direct subordinates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Raters {
    pub superior: Option<Id>,
    pub peers: Vec<Id>,
    pub subordinates: Vec<Id>,
}

pub fn raters(id: Id, data: &Dataset) -> Raters {
    let superior = data
        .staff
        .get(id)
        .and_then(|s| s.superior)
        .filter(|s| data.staff.contains(*s));
    let peers = match superior {
        None => Vec::new(),
        Some(boss) => subordinates(boss, data)
            .into_iter()
            .filter(|&p| p != id)
            .collect(),
    };
    Raters {
        superior,
        peers,
        subordinates: subordinates(id, data),
    }
}
