//! What merging could not settle silently, in the data as it stands (R9.3; the conflicts screen): records
//! whose same field two devices changed (the value kept and the other), and ticket events that do not fit where
//! the merged history puts them (two engineers both resolved offline) on tickets still open. And settling a
//! record's conflict: the chosen value written over both, on this device, so it merges everywhere as settled.
//!
//! Owns: `open_conflicts` and `settle`. Pure: the worker module lists the conflicts over the whole data (and words
//! the values); the page settles one. Must not: word anything (`i18n::sync`) or store anything.

use super::calendar::Calendar;
use super::clock::Stamp;
use super::dataset::{Change, Dataset, KINDS};
use super::ids::Id;
use super::import::{Found, Labelled};
use super::record::{Collection, Fields, Versioned};
use super::sorting;
use super::ticket::Ticket;
use crate::domain::ticket::log::TicketLog;

/// Every conflict in `data`: records' field conflicts by kind (in `KINDS` order), then id, then field; then the
/// conflicting events of open tickets, oldest ticket first.
pub fn open_conflicts(data: &Dataset, calendar: &Calendar) -> Vec<Found> {
    let mut found = Vec::new();
    fields_of(&mut found, KINDS[0], &data.units);
    fields_of(&mut found, KINDS[1], &data.staff);
    fields_of(&mut found, KINDS[2], &data.providers);
    fields_of(&mut found, KINDS[3], &data.users);
    fields_of(&mut found, KINDS[4], &data.settings);
    fields_of(&mut found, KINDS[5], &data.survey_settings);
    fields_of(&mut found, KINDS[7], &data.sales);
    fields_of(&mut found, KINDS[8], &data.costs);
    fields_of(&mut found, KINDS[9], &data.training);
    fields_of(&mut found, KINDS[10], &data.kpi_settings);
    fields_of(&mut found, KINDS[11], &data.schemes);
    fields_of(&mut found, KINDS[12], &data.cycles);
    fields_of(&mut found, KINDS[14], &data.provider_inputs);
    fields_of(&mut found, KINDS[15], &data.penalty_rules);
    fields_of(&mut found, KINDS[16], &data.statements);
    fields_of(&mut found, KINDS[17], &data.checklists);
    fields_of(&mut found, KINDS[18], &data.self_assessments);
    fields_of(&mut found, KINDS[19], &data.audits);
    fields_of(&mut found, KINDS[20], &data.corrective_actions);
    fields_of(&mut found, KINDS[21], &data.period_reports);
    let mut tickets: Vec<Ticket> = data
        .tickets
        .fold_all(calendar)
        .into_iter()
        .filter(|t| !t.conflicts.is_empty() && t.state.is_open())
        .collect();
    sorting::by_key(&mut tickets, |t| (t.registration.received_at, t.id));
    for ticket in &tickets {
        found.extend(ticket_conflicts(&data.tickets, ticket, |_| true));
    }
    found
}

/// The field conflicts of one kind's live records.
fn fields_of<T: Fields + Labelled>(found: &mut Vec<Found>, kind: &str, records: &Collection<T>) {
    for version in records.versions().filter(|v| !v.deleted) {
        found.extend(field_conflicts(kind, version));
    }
}

/// One record's field conflicts: per sibling whose value differs, the field, the kept write and the other.
pub(crate) fn field_conflicts<T: Fields + Labelled>(
    kind: &str,
    version: &Versioned<T>,
) -> Vec<Found> {
    version
        .conflicts()
        .map(|sibling| {
            let field = usize::from(sibling.field);
            Found::Field {
                kind: kind.to_string(),
                id: version.id,
                label: version.body.label(),
                field: T::NAMES[field].to_string(),
                kept: version.write(field).stamp,
                other: sibling.write.stamp,
            }
        })
        .collect()
}

/// A folded ticket's conflicting events that `wanted` picks, each with the applied event just before it.
pub(crate) fn ticket_conflicts(
    log: &TicketLog,
    ticket: &Ticket,
    wanted: impl Fn(Id) -> bool,
) -> Vec<Found> {
    let events = log.events(ticket.id);
    let refused: Vec<Id> = ticket.conflicts.iter().map(|c| c.event).collect();
    ticket
        .conflicts
        .iter()
        .filter(|c| wanted(c.event))
        .filter_map(|conflict| {
            let at = events.iter().position(|e| e.id == conflict.event)?;
            let after = events[..at]
                .iter()
                .rev()
                .find(|e| !refused.contains(&e.id))
                .map(|e| e.id);
            Some(Found::Ticket {
                ticket: ticket.id,
                label: format!(
                    "{} · {}",
                    ticket.registration.customer.name, ticket.registration.product.model
                ),
                event: conflict.event,
                event_stamp: events[at].stamp,
                refusal: conflict.refusal.clone(),
                after,
            })
        })
        .collect()
}

/// The change that settles record `id`'s (of kind `kind`) conflict on `field` at `stamp`, keeping the value of the
/// write stamped `take` (`Found::Field`'s `kept` or `other`). `None` if there is no such live record, field or
/// write.
pub fn settle(
    data: &Dataset,
    kind: &str,
    id: Id,
    field: &str,
    take: Stamp,
    stamp: Stamp,
) -> Option<Change> {
    fn settled<T: Fields>(
        records: &Collection<T>,
        id: Id,
        field: &str,
        take: Stamp,
        stamp: Stamp,
    ) -> Option<Versioned<T>> {
        let index = T::NAMES.iter().position(|name| *name == field)?;
        records.live_version(id)?.settled(index, take, stamp)
    }
    let at = KINDS.iter().position(|k| *k == kind)?;
    Some(match at {
        0 => Change::Unit(settled(&data.units, id, field, take, stamp)?),
        1 => Change::Staff(settled(&data.staff, id, field, take, stamp)?),
        2 => Change::Provider(settled(&data.providers, id, field, take, stamp)?),
        3 => Change::User(settled(&data.users, id, field, take, stamp)?),
        4 => Change::Settings(settled(&data.settings, id, field, take, stamp)?),
        5 => Change::Survey(settled(&data.survey_settings, id, field, take, stamp)?),
        7 => Change::Sales(settled(&data.sales, id, field, take, stamp)?),
        8 => Change::Cost(settled(&data.costs, id, field, take, stamp)?),
        9 => Change::Training(settled(&data.training, id, field, take, stamp)?),
        10 => Change::KpiSettings(settled(&data.kpi_settings, id, field, take, stamp)?),
        11 => Change::Scheme(settled(&data.schemes, id, field, take, stamp)?),
        12 => Change::Cycle(settled(&data.cycles, id, field, take, stamp)?),
        14 => Change::ProviderInput(settled(&data.provider_inputs, id, field, take, stamp)?),
        15 => Change::PenaltyRules(settled(&data.penalty_rules, id, field, take, stamp)?),
        16 => Change::Statement(settled(&data.statements, id, field, take, stamp)?),
        17 => Change::Checklist(settled(&data.checklists, id, field, take, stamp)?),
        18 => Change::SelfAssessment(settled(&data.self_assessments, id, field, take, stamp)?),
        19 => Change::Audit(settled(&data.audits, id, field, take, stamp)?),
        20 => Change::CorrectiveAction(settled(&data.corrective_actions, id, field, take, stamp)?),
        21 => Change::PeriodReport(settled(&data.period_reports, id, field, take, stamp)?),
        _ => return None,
    })
}
