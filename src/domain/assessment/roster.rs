//! Who a scheme assesses (R6.1, S8 第六条): the live staff in its positions — within its pilot units and the units
//! below them, if it names any — and not on probation; and who was left out, with the reason, so HR sees it.
//!
//! Owns: `Roster`, `Excluded`, `roster`. Must not: open a cycle (the caller records it) or change the org.

use super::scheme::Scheme;
use crate::domain::dataset::Dataset;
use crate::domain::ids::Id;
use crate::domain::org::{Affiliation, unit_ancestors};
use crate::domain::sorting;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Excluded {
    /// 试用 staff are not in the regular cycle.
    Probation,
    /// In the scheme's positions but outside its pilot units.
    OutsidePilot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster {
    pub included: Vec<Id>,
    pub excluded: Vec<(Id, Excluded)>,
}

/// The staff `scheme` applies to, in name order, and those in its positions it leaves out.
pub fn roster(scheme: &Scheme, data: &Dataset) -> Roster {
    let mut staff: Vec<_> = data
        .staff
        .live()
        .filter(|(_, s)| scheme.positions.contains(&s.position))
        .collect();
    sorting::by(&mut staff, |a, b| {
        a.1.name.cmp(&b.1.name).then(a.0.cmp(&b.0))
    });
    let in_pilot = |affiliation: Affiliation| match (scheme.units.is_empty(), affiliation) {
        (true, _) => true,
        (false, Affiliation::Unit(unit)) => {
            scheme.units.contains(&unit)
                || unit_ancestors(unit, data)
                    .iter()
                    .any(|a| scheme.units.contains(a))
        }
        (false, Affiliation::Provider(_)) => false,
    };
    let mut roster = Roster::default();
    for (id, person) in staff {
        match (in_pilot(person.affiliation), person.in_regular_assessment()) {
            (false, _) => roster.excluded.push((id, Excluded::OutsidePilot)),
            (true, false) => roster.excluded.push((id, Excluded::Probation)),
            (true, true) => roster.included.push(id),
        }
    }
    roster
}
