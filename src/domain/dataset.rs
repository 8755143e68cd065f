//! Everything the app knows, as one value: a collection per record kind.
//!
//! Owns: `Dataset`, `Change` (one new version of one record — the unit of the store's log, of an export and of
//! a merge), applying a change, and listing every version for a snapshot. Must not: validate (the drafts do
//! that before a change is made) or do IO.

use serde::{Deserialize, Serialize};

use super::access::User;
use super::assessment::cycle::{AssessmentEvent, AssessmentLog, Cycle};
use super::assessment::scheme::Scheme;
use super::clock::Stamp;
use super::ids::Id;
use super::inputs::{CostLine, SalesVolume, TrainingSession};
use super::kpi::{KPI_SETTINGS_ID, KpiSettings};
use super::org::{OrgUnit, Provider, Staff};
use super::record::{Applied, Collection, Versioned};
use super::settings::{SETTINGS_ID, ServiceSettings};
use super::survey::{SURVEY_SETTINGS_ID, SurveySettings};
use super::ticket::TicketEvent;
use super::ticket_log::TicketLog;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    pub units: Collection<OrgUnit>,
    pub staff: Collection<Staff>,
    pub providers: Collection<Provider>,
    pub users: Collection<User>,
    /// The one `ServiceSettings` record (id `SETTINGS_ID`), once someone has changed the defaults.
    pub settings: Collection<ServiceSettings>,
    /// The one `SurveySettings` record (id `SURVEY_SETTINGS_ID`), once someone has changed the defaults.
    pub surveys: Collection<SurveySettings>,
    pub tickets: TicketLog,
    /// Units sold per product category and month (K7, K8).
    pub sales: Collection<SalesVolume>,
    /// The department's cost lines (K11).
    pub costs: Collection<CostLine>,
    /// Training sessions planned and held (K12).
    pub training: Collection<TrainingSession>,
    /// The one `KpiSettings` record (id `KPI_SETTINGS_ID`): targets and industry averages.
    pub kpi_settings: Collection<KpiSettings>,
    /// Assessment schemes (R6.1).
    pub schemes: Collection<Scheme>,
    /// Assessment cycles, each with its scheme as it was when opened.
    pub cycles: Collection<Cycle>,
    /// Every person's assessment in a cycle, as events.
    pub assessments: AssessmentLog,
}

/// One new version of one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Unit(Versioned<OrgUnit>),
    Staff(Versioned<Staff>),
    Provider(Versioned<Provider>),
    User(Versioned<User>),
    Settings(Versioned<ServiceSettings>),
    Survey(Versioned<SurveySettings>),
    /// An event is immutable: it merges as a set member, not by stamp.
    TicketEvent(TicketEvent),
    Sales(Versioned<SalesVolume>),
    Cost(Versioned<CostLine>),
    Training(Versioned<TrainingSession>),
    KpiSettings(Versioned<KpiSettings>),
    Scheme(Versioned<Scheme>),
    Cycle(Versioned<Cycle>),
    /// Immutable, like a ticket event.
    AssessmentEvent(AssessmentEvent),
}

/// What applying a change did, without the record body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Inserted,
    Replaced,
    Ignored,
    Unchanged,
}

impl<T> From<Applied<T>> for Effect {
    fn from(applied: Applied<T>) -> Self {
        match applied {
            Applied::Inserted => Effect::Inserted,
            Applied::Replaced(_) => Effect::Replaced,
            Applied::Ignored(_) => Effect::Ignored,
            Applied::Unchanged => Effect::Unchanged,
        }
    }
}

impl Change {
    pub fn id(&self) -> Id {
        match self {
            Change::Unit(v) => v.id,
            Change::Staff(v) => v.id,
            Change::Provider(v) => v.id,
            Change::User(v) => v.id,
            Change::Settings(v) => v.id,
            Change::Survey(v) => v.id,
            Change::TicketEvent(e) => e.id,
            Change::Sales(v) => v.id,
            Change::Cost(v) => v.id,
            Change::Training(v) => v.id,
            Change::KpiSettings(v) => v.id,
            Change::Scheme(v) => v.id,
            Change::Cycle(v) => v.id,
            Change::AssessmentEvent(e) => e.id,
        }
    }

    pub fn stamp(&self) -> Stamp {
        match self {
            Change::Unit(v) => v.stamp,
            Change::Staff(v) => v.stamp,
            Change::Provider(v) => v.stamp,
            Change::User(v) => v.stamp,
            Change::Settings(v) => v.stamp,
            Change::Survey(v) => v.stamp,
            Change::TicketEvent(e) => e.stamp,
            Change::Sales(v) => v.stamp,
            Change::Cost(v) => v.stamp,
            Change::Training(v) => v.stamp,
            Change::KpiSettings(v) => v.stamp,
            Change::Scheme(v) => v.stamp,
            Change::Cycle(v) => v.stamp,
            Change::AssessmentEvent(e) => e.stamp,
        }
    }
}

impl Dataset {
    pub fn apply(&mut self, change: Change) -> Effect {
        match change {
            Change::Unit(v) => self.units.apply(v).into(),
            Change::Staff(v) => self.staff.apply(v).into(),
            Change::Provider(v) => self.providers.apply(v).into(),
            Change::User(v) => self.users.apply(v).into(),
            Change::Settings(v) => self.settings.apply(v).into(),
            Change::Survey(v) => self.surveys.apply(v).into(),
            Change::TicketEvent(e) => match self.tickets.insert(e) {
                true => Effect::Inserted,
                false => Effect::Unchanged,
            },
            Change::Sales(v) => self.sales.apply(v).into(),
            Change::Cost(v) => self.costs.apply(v).into(),
            Change::Training(v) => self.training.apply(v).into(),
            Change::KpiSettings(v) => self.kpi_settings.apply(v).into(),
            Change::Scheme(v) => self.schemes.apply(v).into(),
            Change::Cycle(v) => self.cycles.apply(v).into(),
            Change::AssessmentEvent(e) => match self.assessments.insert(e) {
                true => Effect::Inserted,
                false => Effect::Unchanged,
            },
        }
    }

    /// Every current version, tombstones included, kind by kind: a snapshot of the whole dataset.
    pub fn changes(&self) -> impl Iterator<Item = Change> + '_ {
        let units = self.units.versions().cloned().map(Change::Unit);
        let staff = self.staff.versions().cloned().map(Change::Staff);
        let providers = self.providers.versions().cloned().map(Change::Provider);
        let users = self.users.versions().cloned().map(Change::User);
        let settings = self.settings.versions().cloned().map(Change::Settings);
        let surveys = self.surveys.versions().cloned().map(Change::Survey);
        let events = self.tickets.all_events().cloned().map(Change::TicketEvent);
        let sales = self.sales.versions().cloned().map(Change::Sales);
        let costs = self.costs.versions().cloned().map(Change::Cost);
        let training = self.training.versions().cloned().map(Change::Training);
        let kpi_settings = self
            .kpi_settings
            .versions()
            .cloned()
            .map(Change::KpiSettings);
        let schemes = self.schemes.versions().cloned().map(Change::Scheme);
        let cycles = self.cycles.versions().cloned().map(Change::Cycle);
        let assessments = self
            .assessments
            .all_events()
            .cloned()
            .map(Change::AssessmentEvent);
        units
            .chain(staff)
            .chain(providers)
            .chain(users)
            .chain(settings)
            .chain(surveys)
            .chain(events)
            .chain(sales)
            .chain(costs)
            .chain(training)
            .chain(kpi_settings)
            .chain(schemes)
            .chain(cycles)
            .chain(assessments)
    }

    /// The settings in force: the stored record, or the defaults while nobody has changed them.
    pub fn service_settings(&self) -> ServiceSettings {
        self.settings.get(SETTINGS_ID).cloned().unwrap_or_default()
    }

    /// The survey template and rules in force: the stored record, or the built-in defaults.
    pub fn survey_settings(&self) -> SurveySettings {
        self.surveys
            .get(SURVEY_SETTINGS_ID)
            .cloned()
            .unwrap_or_default()
    }

    /// The KPI targets and industry averages in force.
    pub fn kpi_settings(&self) -> KpiSettings {
        self.kpi_settings
            .get(KPI_SETTINGS_ID)
            .cloned()
            .unwrap_or_default()
    }

    /// Merges another dataset into this one, record by record, last writer wins.
    pub fn merge(&mut self, other: &Dataset) {
        for change in other.changes() {
            self.apply(change);
        }
    }

    /// The greatest stamp in the data, so a device's clock can be moved past it on open. Reads the stamps in
    /// place (going through `changes` would clone every record and event to read one field).
    pub fn latest_stamp(&self) -> Option<Stamp> {
        fn stamps<T: Clone + PartialEq>(c: &Collection<T>) -> impl Iterator<Item = Stamp> + '_ {
            c.versions().map(|v| v.stamp)
        }
        stamps(&self.units)
            .chain(stamps(&self.staff))
            .chain(stamps(&self.providers))
            .chain(stamps(&self.users))
            .chain(stamps(&self.settings))
            .chain(stamps(&self.surveys))
            .chain(self.tickets.all_events().map(|e| e.stamp))
            .chain(stamps(&self.sales))
            .chain(stamps(&self.costs))
            .chain(stamps(&self.training))
            .chain(stamps(&self.kpi_settings))
            .chain(stamps(&self.schemes))
            .chain(stamps(&self.cycles))
            .chain(self.assessments.all_events().map(|e| e.stamp))
            .max()
    }

    pub fn record_count(&self) -> usize {
        self.units.len_with_tombstones()
            + self.staff.len_with_tombstones()
            + self.providers.len_with_tombstones()
            + self.users.len_with_tombstones()
            + self.settings.len_with_tombstones()
            + self.surveys.len_with_tombstones()
            + self.tickets.event_count()
            + self.sales.len_with_tombstones()
            + self.costs.len_with_tombstones()
            + self.training.len_with_tombstones()
            + self.kpi_settings.len_with_tombstones()
            + self.schemes.len_with_tombstones()
            + self.cycles.len_with_tombstones()
            + self.assessments.event_count()
    }
}
