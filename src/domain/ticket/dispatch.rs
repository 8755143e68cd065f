//! Who to dispatch a ticket to (派工): the people who can take it, those who fit best first — working in the
//! ticket's unit (its region, a unit under it, or a provider serving it), certified for the product's category,
//! with the fewest open tickets; supervisors, who can take a ticket but mostly should not, last.
//!
//! Owns: the candidates and their order, with the facts that ordered them (the screen says them). Must not: refuse
//! anyone (an uncertified engineer is still offered, with the warning `org::Staff::certificate_warning` gives) or
//! know about the screen.

use crate::domain::calendar::Date;
use crate::domain::dataset::Dataset;
use crate::domain::fast_hash::FastMap;
use crate::domain::ids::Id;
use crate::domain::org::{Affiliation, Position, unit_ancestors};
use crate::domain::sorting;
use crate::domain::ticket::Ticket;

/// One person who could take the ticket, with why they are where they are in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub staff: Id,
    /// Works in the ticket's unit, below it or above it (a region's engineer for a ticket of one of its teams), or
    /// for a provider serving it. False when the ticket has no unit.
    pub in_unit: bool,
    /// Holds a valid certificate for the ticket's product category (true when the ticket names none).
    pub certified: bool,
    /// Tickets assigned to them and not yet resolved.
    pub open_load: usize,
    pub supervisor: bool,
}

/// Everyone who may be dispatched `ticket` (engineers, specialists, supervisors), the best fit first: engineers
/// before supervisors, then in the unit, then certified, then the fewest open tickets, then by staff number.
pub fn candidates(
    ticket: &Ticket,
    tickets: &[Ticket],
    data: &Dataset,
    today: Date,
) -> Vec<Candidate> {
    let mut load: FastMap<Id, usize> = FastMap::default();
    for other in tickets {
        if let Some(engineer) = other.assignee
            && other.state.being_worked_on()
        {
            *load.entry(engineer).or_default() += 1;
        }
    }
    let unit = ticket.registration.unit;
    let related = |of: Option<Id>| match (unit, of) {
        (Some(unit), Some(theirs)) => {
            theirs == unit
                || unit_ancestors(unit, data).contains(&theirs)
                || unit_ancestors(theirs, data).contains(&unit)
        }
        _ => false,
    };
    let category = &ticket.registration.product.category;
    let mut found: Vec<(Candidate, &str)> = data
        .staff
        .live()
        .filter(|(_, s)| s.position.takes_tickets())
        .map(|(id, s)| {
            let works_in = match s.affiliation {
                Affiliation::Unit(theirs) => Some(theirs),
                Affiliation::Provider(provider) => {
                    data.providers.get(provider).and_then(|p| p.region)
                }
            };
            (
                Candidate {
                    staff: id,
                    in_unit: related(works_in),
                    certified: s.certificate_warning(category, today).is_none(),
                    open_load: load.get(&id).copied().unwrap_or(0),
                    supervisor: s.position == Position::Supervisor,
                },
                s.number.as_str(),
            )
        })
        .collect();
    sorting::by(&mut found, |(a, a_number), (b, b_number)| {
        let key = |c: &Candidate| (c.supervisor, !c.in_unit, !c.certified, c.open_load);
        (key(a), a_number).cmp(&(key(b), b_number))
    });
    found.into_iter().map(|(candidate, _)| candidate).collect()
}
