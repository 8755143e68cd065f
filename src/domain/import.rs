//! What importing a file's records would do (R9.3), before anything is written: per kind, how many records
//! are new, updated, unchanged or newly in conflict; the conflicts named (which record and field, or which ticket
//! and event, and what was kept); the records refused and why; and the data as it would be.
//!
//! Owns: `Preview`, `Found`, `Refused` and `preview`. Pure: the worker module runs it on the device's data and the
//! file's records; the page shows it and, on the user's word, stores `merged` in one write. Must not: read files
//! (`sync::format`) or write anything.

use super::access::User;
use super::assessment::cycle::Cycle;
use super::assessment::scheme::Scheme;
use super::calendar::{Calendar, Instant};
use super::clock::Stamp;
use super::conflicts::{field_conflicts, ticket_conflicts};
use super::dataset::{Change, Dataset, KINDS};
use super::fast_hash::FastSet;
use super::ids::{DeviceId, Id};
use super::inputs::{CostLine, SalesVolume, TrainingSession};
use super::kpi::KpiSettings;
use super::org::{OrgUnit, Provider, Staff};
use super::record::{Fields, MergeOutcome, Versioned};
use super::settings::ServiceSettings;
use super::sorting;
use super::survey::SurveySettings;
use super::ticket::TicketRefusal;

/// One kind's records in a file, by what merging them does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindCount {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Changed, and now in a conflict it was not in before.
    pub conflicting: u64,
}

impl KindCount {
    pub fn total(&self) -> u64 {
        self.new + self.updated + self.unchanged + self.conflicting
    }

    /// Several kinds' counts added up.
    pub fn sum<'a>(counts: impl IntoIterator<Item = &'a KindCount>) -> KindCount {
        counts
            .into_iter()
            .fold(KindCount::default(), |sum, c| KindCount {
                new: sum.new + c.new,
                updated: sum.updated + c.updated,
                unchanged: sum.unchanged + c.unchanged,
                conflicting: sum.conflicting + c.conflicting,
            })
    }

    /// Whether merging changed nothing: no record new, updated or newly in conflict.
    pub fn is_nothing_new(&self) -> bool {
        self.new + self.updated + self.conflicting == 0
    }
}

/// A conflict an import brings: something merging could not settle silently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// The same field of a record was changed on two devices: the later write's value is kept, the other listed.
    Field {
        kind: String,
        id: Id,
        label: String,
        field: String,
        kept: Stamp,
        other: Stamp,
    },
    /// A ticket event that does not fit where the merged history puts it (two engineers both resolved offline):
    /// kept in the timeline, not applied; `after` is the applied event just before it.
    Ticket {
        ticket: Id,
        /// The customer and the product, as the ticket's registration says.
        label: String,
        event: Id,
        event_stamp: Stamp,
        refusal: TicketRefusal,
        after: Option<Id>,
    },
}

/// A record of the file that is not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// Its place in the file (from 0).
    pub index: usize,
    pub kind: String,
    pub id: Id,
    pub reason: Refusing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusing {
    /// Its stamp is more than a day ahead of the importing device's clock: a device with a wrong clock would win
    /// every later edit of the record.
    FromTheFuture,
    /// An event with the id of another event of a different owner or content: two writes under one name.
    ClashingEvent,
}

/// What importing would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// One per kind, in `KINDS` order.
    pub counts: Vec<(&'static str, KindCount)>,
    pub conflicts: Vec<Found>,
    pub refused: Vec<Refused>,
    /// The data with every record not refused merged in.
    pub merged: Dataset,
}

impl Preview {
    /// Whether the file brings nothing this device does not have.
    pub fn nothing_new(&self) -> bool {
        KindCount::sum(self.counts.iter().map(|(_, c)| c)).is_nothing_new()
    }
}

/// One line of a device's import audit (R9.4): who imported which file, from which device, when, and what it
/// brought — or that the last import was undone. Kept on the device beside the data, not in it (undoing an import
/// restores the data exactly, and the audit must still say it happened).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: Instant,
    /// The signed-in user's name as it was then.
    pub by: String,
    pub what: Audited,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Audited {
    Imported {
        /// The file's name as chosen.
        file: String,
        /// The exporting device's name and id, and when it exported.
        device: String,
        device_id: DeviceId,
        exported_at: Instant,
        new: u64,
        updated: u64,
        unchanged: u64,
        conflicting: u64,
        refused: u64,
    },
    Undone,
    /// The retention period ran out for these tickets' customers: their personal data was removed, and with it the
    /// backup of the last import (which held it).
    Anonymised {
        tickets: u64,
    },
}

/// How far ahead of this device's clock a stamp may be: clocks drift, a day does not.
pub const FUTURE_SLACK_MS: u64 = 24 * 60 * 60 * 1000;

/// Merges `incoming` (a file's records, in file order) into a copy of `current` and says what that did, with
/// `now_ms` this device's clock.
pub fn preview(
    current: &Dataset,
    incoming: Vec<Change>,
    calendar: &Calendar,
    now_ms: u64,
) -> Preview {
    preview_reporting(current, incoming, calendar, now_ms, &mut |_, _| {})
}

/// How many records are merged between two reports of progress.
pub const REPORT_EVERY: usize = 2_000;

/// `preview`, telling `merged` (records merged, of how many) as it goes.
pub fn preview_reporting(
    current: &Dataset,
    incoming: Vec<Change>,
    calendar: &Calendar,
    now_ms: u64,
    merged_so_far: &mut dyn FnMut(usize, usize),
) -> Preview {
    let total = incoming.len();
    let mut merged = current.clone();
    let mut counts: Vec<(&'static str, KindCount)> =
        KINDS.iter().map(|k| (*k, KindCount::default())).collect();
    let mut refused = Vec::new();
    let mut conflicts = Vec::new();
    let mut touched_tickets = FastSet::default();
    for (index, change) in incoming.into_iter().enumerate() {
        if index % REPORT_EVERY == 0 {
            merged_so_far(index, total);
        }
        let kind = change.kind();
        if change.stamp().wall_ms > now_ms.saturating_add(FUTURE_SLACK_MS) {
            refused.push(Refused {
                index,
                kind: kind.to_string(),
                id: change.id(),
                reason: Refusing::FromTheFuture,
            });
            continue;
        }
        if clashes(&merged, &change) {
            refused.push(Refused {
                index,
                kind: kind.to_string(),
                id: change.id(),
                reason: Refusing::ClashingEvent,
            });
            continue;
        }
        let ticket = match &change {
            Change::TicketEvent(e) => Some(e.ticket),
            _ => None,
        };
        let before = record_conflicts(&merged, &change);
        let applied = merged.apply(change.clone());
        let count = &mut counts
            .iter_mut()
            .find(|(k, _)| *k == kind)
            .expect("every kind is counted")
            .1;
        match applied {
            MergeOutcome::Inserted => count.new += 1,
            MergeOutcome::Updated => count.updated += 1,
            MergeOutcome::Unchanged => count.unchanged += 1,
            MergeOutcome::Conflicted => count.conflicting += 1,
        }
        if applied == MergeOutcome::Inserted
            && let Some(ticket) = ticket
        {
            touched_tickets.insert(ticket);
        }
        if applied == MergeOutcome::Conflicted {
            conflicts.extend(
                record_conflicts(&merged, &change)
                    .into_iter()
                    .filter(|now| !before.iter().any(|was| same_conflict(was, now))),
            );
        }
    }
    conflicts.extend(new_ticket_conflicts(
        current,
        &merged,
        &touched_tickets,
        calendar,
    ));
    Preview {
        counts,
        conflicts,
        refused,
        merged,
    }
}

/// Whether an incoming event reuses the id of a different event held here (an event never changes once written,
/// but for the personal data an anonymisation removes).
fn clashes(data: &Dataset, change: &Change) -> bool {
    match change {
        Change::TicketEvent(e) => data
            .tickets
            .events(e.ticket)
            .iter()
            .any(|held| held.id == e.id && !held.is_copy_of(e)),
        Change::AssessmentEvent(e) => data
            .assessments
            .events(e.assessment)
            .iter()
            .any(|held| held.id == e.id && held != e),
        _ => false,
    }
}

/// The field conflicts of the record `change` names, as `data` holds it (none for an event).
fn record_conflicts(data: &Dataset, change: &Change) -> Vec<Found> {
    fn of<T: Fields + Labelled>(kind: &str, version: Option<&Versioned<T>>) -> Vec<Found> {
        version.map_or_else(Vec::new, |v| field_conflicts(kind, v))
    }
    let (id, kind) = (change.id(), change.kind());
    match change {
        Change::Unit(_) => of(kind, data.units.version(id)),
        Change::Staff(_) => of(kind, data.staff.version(id)),
        Change::Provider(_) => of(kind, data.providers.version(id)),
        Change::User(_) => of(kind, data.users.version(id)),
        Change::Settings(_) => of(kind, data.settings.version(id)),
        Change::Survey(_) => of(kind, data.survey_settings.version(id)),
        Change::Sales(_) => of(kind, data.sales.version(id)),
        Change::Cost(_) => of(kind, data.costs.version(id)),
        Change::Training(_) => of(kind, data.training.version(id)),
        Change::KpiSettings(_) => of(kind, data.kpi_settings.version(id)),
        Change::Scheme(_) => of(kind, data.schemes.version(id)),
        Change::Cycle(_) => of(kind, data.cycles.version(id)),
        Change::ProviderInput(_) => of(kind, data.provider_inputs.version(id)),
        Change::PenaltyRules(_) => of(kind, data.penalty_rules.version(id)),
        Change::Statement(_) => of(kind, data.statements.version(id)),
        Change::Checklist(_) => of(kind, data.checklists.version(id)),
        Change::SelfAssessment(_) => of(kind, data.self_assessments.version(id)),
        Change::Audit(_) => of(kind, data.audits.version(id)),
        Change::CorrectiveAction(_) => of(kind, data.corrective_actions.version(id)),
        Change::PeriodReport(_) => of(kind, data.period_reports.version(id)),
        Change::TicketEvent(_) | Change::AssessmentEvent(_) => Vec::new(),
    }
}

/// Whether two field conflicts are the same (a rename in the same merge changes the label, not the conflict).
fn same_conflict(a: &Found, b: &Found) -> bool {
    match (a, b) {
        (
            Found::Field {
                field: f1,
                kept: k1,
                other: o1,
                ..
            },
            Found::Field {
                field: f2,
                kept: k2,
                other: o2,
                ..
            },
        ) => (f1, k1, o1) == (f2, k2, o2),
        _ => a == b,
    }
}

/// How a record is named in a list of conflicts: its name where it has one (the kind says the rest).
pub trait Labelled {
    fn label(&self) -> String;
}

impl Labelled for OrgUnit {
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl Labelled for Staff {
    fn label(&self) -> String {
        format!("{} {}", self.number, self.name)
    }
}

impl Labelled for Provider {
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl Labelled for User {
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl Labelled for ServiceSettings {
    fn label(&self) -> String {
        String::new()
    }
}

impl Labelled for SurveySettings {
    fn label(&self) -> String {
        String::new()
    }
}

impl Labelled for KpiSettings {
    fn label(&self) -> String {
        String::new()
    }
}

impl Labelled for SalesVolume {
    fn label(&self) -> String {
        format!(
            "{} {}-{:02}",
            self.category, self.month.year, self.month.month
        )
    }
}

impl Labelled for CostLine {
    fn label(&self) -> String {
        format!("{} {}", self.day, self.note)
    }
}

impl Labelled for TrainingSession {
    fn label(&self) -> String {
        self.title.clone()
    }
}

impl Labelled for Scheme {
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl Labelled for Cycle {
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl Labelled for super::provider_inputs::ProviderInput {
    fn label(&self) -> String {
        format!(
            "{} {}",
            self.day,
            self.text.chars().take(20).collect::<String>()
        )
    }
}

impl Labelled for super::penalties::PenaltyRules {
    fn label(&self) -> String {
        self.from.to_string()
    }
}

impl Labelled for super::provider_statement::Statement {
    fn label(&self) -> String {
        format!(
            "{} {} v{}",
            self.provider_name,
            self.body.period.key(),
            self.version
        )
    }
}

impl Labelled for super::checklist::Checklist {
    fn label(&self) -> String {
        format!("{} v{}", self.name, self.version)
    }
}

impl Labelled for super::checklist::SelfAssessment {
    fn label(&self) -> String {
        format!("{} {}", self.name, self.day)
    }
}

impl Labelled for super::sampling::Audit {
    fn label(&self) -> String {
        format!("{} {}", self.period.key(), self.reviewer_name)
    }
}

impl Labelled for super::corrective::CorrectiveAction {
    fn label(&self) -> String {
        self.what.clone()
    }
}

impl Labelled for super::period_report::PeriodReport {
    fn label(&self) -> String {
        self.period.key()
    }
}

/// Conflicts in the touched tickets' folds that were not there before the import.
fn new_ticket_conflicts(
    before: &Dataset,
    after: &Dataset,
    tickets: &FastSet<Id>,
    calendar: &Calendar,
) -> Vec<Found> {
    let mut ids: Vec<Id> = tickets.iter().copied().collect();
    sorting::natural(&mut ids);
    let mut found = Vec::new();
    for ticket in ids {
        let old: Vec<Id> = before
            .tickets
            .fold(ticket, calendar)
            .map(|t| t.conflicts.iter().map(|c| c.event).collect())
            .unwrap_or_default();
        if let Some(folded) = after.tickets.fold(ticket, calendar) {
            found.extend(ticket_conflicts(&after.tickets, &folded, |event| {
                !old.contains(&event)
            }));
        }
    }
    found
}
