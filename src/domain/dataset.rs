//! Everything the app knows, as one value: a collection per record kind.
//!
//! Owns: `Dataset`, `Change` (one new version of one record — the unit of the store's log, of an export and of
//! a merge), applying a change, listing every version for a snapshot, and a form's save against the record as it
//! stands (`changed_underneath`, `rebased`). Must not: validate (the drafts do
//! that before a change is made) or do IO.

use serde::{Deserialize, Serialize};

use super::access::User;
use super::assessment::cycle::{AssessmentEvent, AssessmentLog, Cycle};
use super::assessment::scheme::Scheme;
use super::checklist::{Checklist, SelfAssessment};
use super::clock::Stamp;
use super::corrective::CorrectiveAction;
use super::ids::Id;
use super::inputs::{CostLine, SalesVolume, TrainingSession};
use super::kpi::{KPI_SETTINGS_ID, KpiSettings};
use super::org::{OrgUnit, Provider, Staff};
use super::penalties::PenaltyRules;
use super::period_report::PeriodReport;
use super::provider_inputs::ProviderInput;
use super::provider_statement::Statement;
use super::record::{Collection, Fields, MergeOutcome, Versioned, record_fields};
use super::sampling::Audit;
use super::settings::{SETTINGS_ID, ServiceSettings};
use super::survey::{SURVEY_SETTINGS_ID, SurveySettings};
use super::ticket::TicketEvent;
use crate::domain::ticket::log::TicketLog;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    pub units: Collection<OrgUnit>,
    pub staff: Collection<Staff>,
    pub providers: Collection<Provider>,
    pub users: Collection<User>,
    /// The one `ServiceSettings` record (id `SETTINGS_ID`), once someone has changed the defaults.
    pub settings: Collection<ServiceSettings>,
    /// The one `SurveySettings` record (id `SURVEY_SETTINGS_ID`), once someone has changed the defaults.
    pub survey_settings: Collection<SurveySettings>,
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
    /// Platform reviews, complaints and peak-event incidents entered against service providers (R7.1).
    pub provider_inputs: Collection<ProviderInput>,
    /// The penalty amounts and the year's bad-review rule, each set in force from its day (R7.3).
    pub penalty_rules: Collection<PenaltyRules>,
    /// Providers' issued statements (R7.4): never changed once written.
    pub statements: Collection<Statement>,
    /// The standards checklist, once edited (the seed's until then: `Dataset::checklist`).
    pub checklists: Collection<Checklist>,
    /// Standards self-assessments (R8).
    pub self_assessments: Collection<SelfAssessment>,
    /// Sampling audits (R5.4).
    pub audits: Collection<Audit>,
    /// Corrective actions (R8.2, R5.5).
    pub corrective_actions: Collection<CorrectiveAction>,
    /// Period reports (R5.5): drafts with the manager's text, and the issued ones (never changed).
    pub period_reports: Collection<PeriodReport>,
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
    ProviderInput(Versioned<ProviderInput>),
    PenaltyRules(Versioned<PenaltyRules>),
    /// Written once, when issued.
    Statement(Versioned<Statement>),
    Checklist(Versioned<Checklist>),
    SelfAssessment(Versioned<SelfAssessment>),
    Audit(Versioned<Audit>),
    CorrectiveAction(Versioned<CorrectiveAction>),
    PeriodReport(Versioned<PeriodReport>),
}

// Each record kind's fields, the unit of merging (`record::Fields`): two devices that change different fields of a
// record both keep their change. A field here is a whole value (a scheme's indicator sheet, a cycle's copy of its
// scheme, the KPI targets), changed together.
record_fields!(OrgUnit { name, kind, parent });
record_fields!(Staff {
    number,
    name,
    position,
    affiliation,
    superior,
    employment,
    phone,
    certificates
});
record_fields!(Provider {
    name,
    contact,
    phone,
    region
});
record_fields!(User {
    name,
    role,
    staff,
    pin
});
record_fields!(ServiceSettings {
    calendar,
    policy,
    warranty_months,
    price_list,
    retention_months
});
record_fields!(SurveySettings {
    template,
    second_response
});
record_fields!(SalesVolume {
    category,
    month,
    units
});
record_fields!(CostLine {
    day,
    kind,
    amount,
    ticket,
    unit,
    note
});
record_fields!(TrainingSession {
    title,
    planned,
    held,
    unit,
    attendees,
    attended,
    certificate
});
record_fields!(KpiSettings {
    targets,
    industry,
    min_sample
});
record_fields!(Scheme {
    name,
    cadence,
    yearly_from_quarters,
    positions,
    units,
    indicators,
    raters,
    grades,
    outcomes
});
record_fields!(Cycle {
    name,
    scheme,
    period,
    appeal_days,
    plans_due,
    forms_due,
    results_due
});
record_fields!(ProviderInput {
    provider,
    day,
    ticket,
    detail,
    text
});
record_fields!(PenaltyRules {
    from,
    false_record,
    complaint,
    peak_incident,
    bad_reviews
});
record_fields!(Statement {
    body,
    provider_name,
    version,
    corrects,
    reason,
    issued_by,
    issuer_name,
    issued_at
});
record_fields!(Checklist {
    name,
    version,
    clauses
});
record_fields!(SelfAssessment {
    checklist,
    name,
    version,
    clauses,
    day,
    assessor,
    assessor_name,
    entries,
    specials,
    finished
});
record_fields!(Audit {
    auditee,
    period,
    size,
    seed,
    population,
    sample,
    reviews,
    reviewer,
    reviewer_name,
    finished
});
record_fields!(CorrectiveAction {
    what,
    owner,
    due,
    opened,
    source,
    status
});
record_fields!(PeriodReport {
    period,
    findings,
    proposals,
    lessons,
    issued
});

/// Every kind of change by its name — the `kind` an export writes (serde's tag) and the key of its counts.
pub const KINDS: [&str; 22] = [
    "unit",
    "staff",
    "provider",
    "user",
    "settings",
    "survey",
    "ticket_event",
    "sales",
    "cost",
    "training",
    "kpi_settings",
    "scheme",
    "cycle",
    "assessment_event",
    "provider_input",
    "penalty_rules",
    "statement",
    "checklist",
    "self_assessment",
    "audit",
    "corrective_action",
    "period_report",
];

/// `Underneath::field` when the record itself was deleted since the form opened.
pub const DELETED: &str = "deleted";

/// A field a form changed that another tab or device wrote since the form opened (`Dataset::changed_underneath`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Underneath {
    /// The field's name (`Fields::NAMES`), or `DELETED`.
    pub field: &'static str,
    /// The form's value, where it is a text.
    pub mine: Option<String>,
    /// The value written underneath, where it is a text.
    pub theirs: Option<String>,
}

impl Change {
    /// The kind's name, one of `KINDS`.
    pub fn kind(&self) -> &'static str {
        KINDS[match self {
            Change::Unit(_) => 0,
            Change::Staff(_) => 1,
            Change::Provider(_) => 2,
            Change::User(_) => 3,
            Change::Settings(_) => 4,
            Change::Survey(_) => 5,
            Change::TicketEvent(_) => 6,
            Change::Sales(_) => 7,
            Change::Cost(_) => 8,
            Change::Training(_) => 9,
            Change::KpiSettings(_) => 10,
            Change::Scheme(_) => 11,
            Change::Cycle(_) => 12,
            Change::AssessmentEvent(_) => 13,
            Change::ProviderInput(_) => 14,
            Change::PenaltyRules(_) => 15,
            Change::Statement(_) => 16,
            Change::Checklist(_) => 17,
            Change::SelfAssessment(_) => 18,
            Change::Audit(_) => 19,
            Change::CorrectiveAction(_) => 20,
            Change::PeriodReport(_) => 21,
        }]
    }

    /// The record as its kind is now, if written when it had fewer fields (`Versioned::upgraded`).
    pub fn upgraded(self) -> Change {
        match self {
            Change::Unit(v) => Change::Unit(v.upgraded()),
            Change::Staff(v) => Change::Staff(v.upgraded()),
            Change::Provider(v) => Change::Provider(v.upgraded()),
            Change::User(v) => Change::User(v.upgraded()),
            Change::Settings(v) => Change::Settings(v.upgraded()),
            Change::Survey(v) => Change::Survey(v.upgraded()),
            Change::Sales(v) => Change::Sales(v.upgraded()),
            Change::Cost(v) => Change::Cost(v.upgraded()),
            Change::Training(v) => Change::Training(v.upgraded()),
            Change::KpiSettings(v) => Change::KpiSettings(v.upgraded()),
            Change::Scheme(v) => Change::Scheme(v.upgraded()),
            Change::Cycle(v) => Change::Cycle(v.upgraded()),
            Change::ProviderInput(v) => Change::ProviderInput(v.upgraded()),
            Change::PenaltyRules(v) => Change::PenaltyRules(v.upgraded()),
            Change::Statement(v) => Change::Statement(v.upgraded()),
            Change::Checklist(v) => Change::Checklist(v.upgraded()),
            Change::SelfAssessment(v) => Change::SelfAssessment(v.upgraded()),
            Change::Audit(v) => Change::Audit(v.upgraded()),
            Change::CorrectiveAction(v) => Change::CorrectiveAction(v.upgraded()),
            Change::PeriodReport(v) => Change::PeriodReport(v.upgraded()),
            event @ (Change::TicketEvent(_) | Change::AssessmentEvent(_)) => event,
        }
    }

    /// Whether a record's names and numbers are within what the app's own forms take (a file's records are held to
    /// this; the longest text of any record is held to `intake::TEXT_MAX` as it is read).
    pub fn within_limits(&self) -> bool {
        use super::org::{NAME_MAX, STAFF_NUMBER_MAX};
        use crate::domain::ticket::intake::SHORT_MAX;
        let fits = |text: &str, max: usize| text.chars().count() <= max;
        match self {
            Change::Unit(v) => fits(&v.body.name, NAME_MAX),
            Change::Staff(v) => {
                fits(&v.body.name, NAME_MAX)
                    && fits(&v.body.number, STAFF_NUMBER_MAX)
                    && fits(&v.body.phone, SHORT_MAX)
            }
            Change::Provider(v) => {
                fits(&v.body.name, NAME_MAX)
                    && fits(&v.body.contact, NAME_MAX)
                    && fits(&v.body.phone, SHORT_MAX)
            }
            Change::User(v) => fits(&v.body.name, NAME_MAX),
            Change::Scheme(v) => fits(&v.body.name, SHORT_MAX),
            Change::Cycle(v) => fits(&v.body.name, SHORT_MAX),
            _ => true,
        }
    }

    /// Whether a record's field writes hold together (`Versioned::is_well_formed`); an event always does.
    pub fn is_well_formed(&self) -> bool {
        match self {
            Change::Unit(v) => v.is_well_formed(),
            Change::Staff(v) => v.is_well_formed(),
            Change::Provider(v) => v.is_well_formed(),
            Change::User(v) => v.is_well_formed(),
            Change::Settings(v) => v.is_well_formed(),
            Change::Survey(v) => v.is_well_formed(),
            Change::Sales(v) => v.is_well_formed(),
            Change::Cost(v) => v.is_well_formed(),
            Change::Training(v) => v.is_well_formed(),
            Change::KpiSettings(v) => v.is_well_formed(),
            Change::Scheme(v) => v.is_well_formed(),
            Change::Cycle(v) => v.is_well_formed(),
            Change::ProviderInput(v) => v.is_well_formed(),
            Change::PenaltyRules(v) => v.is_well_formed(),
            Change::Statement(v) => v.is_well_formed(),
            Change::Checklist(v) => v.is_well_formed(),
            Change::SelfAssessment(v) => v.is_well_formed(),
            Change::Audit(v) => v.is_well_formed(),
            Change::CorrectiveAction(v) => v.is_well_formed(),
            Change::PeriodReport(v) => v.is_well_formed(),
            Change::TicketEvent(_) | Change::AssessmentEvent(_) => true,
        }
    }

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
            Change::ProviderInput(v) => v.id,
            Change::PenaltyRules(v) => v.id,
            Change::Statement(v) => v.id,
            Change::Checklist(v) => v.id,
            Change::SelfAssessment(v) => v.id,
            Change::Audit(v) => v.id,
            Change::CorrectiveAction(v) => v.id,
            Change::PeriodReport(v) => v.id,
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
            Change::ProviderInput(v) => v.stamp,
            Change::PenaltyRules(v) => v.stamp,
            Change::Statement(v) => v.stamp,
            Change::Checklist(v) => v.stamp,
            Change::SelfAssessment(v) => v.stamp,
            Change::Audit(v) => v.stamp,
            Change::CorrectiveAction(v) => v.stamp,
            Change::PeriodReport(v) => v.stamp,
        }
    }
}

impl Dataset {
    /// Merges one change in: a record field by field, an event as a set member.
    pub fn apply(&mut self, change: Change) -> MergeOutcome {
        let event = |new: bool| match new {
            true => MergeOutcome::Inserted,
            false => MergeOutcome::Unchanged,
        };
        match change {
            Change::Unit(v) => self.units.apply(v),
            Change::Staff(v) => self.staff.apply(v),
            Change::Provider(v) => self.providers.apply(v),
            Change::User(v) => self.users.apply(v),
            Change::Settings(v) => self.settings.apply(v),
            Change::Survey(v) => self.survey_settings.apply(v),
            Change::TicketEvent(e) => event(self.tickets.insert(e)),
            Change::Sales(v) => self.sales.apply(v),
            Change::Cost(v) => self.costs.apply(v),
            Change::Training(v) => self.training.apply(v),
            Change::KpiSettings(v) => self.kpi_settings.apply(v),
            Change::Scheme(v) => self.schemes.apply(v),
            Change::Cycle(v) => self.cycles.apply(v),
            Change::AssessmentEvent(e) => event(self.assessments.insert(e)),
            Change::ProviderInput(v) => self.provider_inputs.apply(v),
            Change::PenaltyRules(v) => self.penalty_rules.apply(v),
            Change::Statement(v) => self.statements.apply(v),
            Change::Checklist(v) => self.checklists.apply(v),
            Change::SelfAssessment(v) => self.self_assessments.apply(v),
            Change::Audit(v) => self.audits.apply(v),
            Change::CorrectiveAction(v) => self.corrective_actions.apply(v),
            Change::PeriodReport(v) => self.period_reports.apply(v),
        }
    }

    /// The fields of `change` — a form's save (`Versioned::edited`) — that another tab or device wrote since the
    /// form opened, to another value (`Versioned::changed_underneath`), each with the form's value and the value
    /// here now where they are texts. Empty for an event, a new record, or a save nothing changed underneath.
    pub fn changed_underneath(&self, change: &Change) -> Vec<Underneath> {
        fn of<T: Fields>(records: &Collection<T>, saved: &Versioned<T>) -> Vec<Underneath> {
            let Some(current) = records.version(saved.id) else {
                return Vec::new();
            };
            saved
                .changed_underneath(current)
                .into_iter()
                .map(|field| Underneath {
                    field: T::NAMES.get(field).copied().unwrap_or(DELETED),
                    mine: saved.body.field_text(field).map(str::to_string),
                    theirs: current.body.field_text(field).map(str::to_string),
                })
                .collect()
        }
        match change {
            Change::Unit(v) => of(&self.units, v),
            Change::Staff(v) => of(&self.staff, v),
            Change::Provider(v) => of(&self.providers, v),
            Change::User(v) => of(&self.users, v),
            Change::Settings(v) => of(&self.settings, v),
            Change::Survey(v) => of(&self.survey_settings, v),
            Change::Sales(v) => of(&self.sales, v),
            Change::Cost(v) => of(&self.costs, v),
            Change::Training(v) => of(&self.training, v),
            Change::KpiSettings(v) => of(&self.kpi_settings, v),
            Change::Scheme(v) => of(&self.schemes, v),
            Change::Cycle(v) => of(&self.cycles, v),
            Change::ProviderInput(v) => of(&self.provider_inputs, v),
            Change::PenaltyRules(v) => of(&self.penalty_rules, v),
            Change::Statement(v) => of(&self.statements, v),
            Change::Checklist(v) => of(&self.checklists, v),
            Change::SelfAssessment(v) => of(&self.self_assessments, v),
            Change::Audit(v) => of(&self.audits, v),
            Change::CorrectiveAction(v) => of(&self.corrective_actions, v),
            Change::PeriodReport(v) => of(&self.period_reports, v),
            Change::TicketEvent(_) | Change::AssessmentEvent(_) => Vec::new(),
        }
    }

    /// `change` — a form's save — written over the record as it stands here now, stamped `stamp`
    /// (`Versioned::rebased`): what the form saves once its user chose between their value and the one written
    /// underneath (`keep_theirs`). An event or a new record is returned as it is.
    pub fn rebased(&self, change: Change, keep_theirs: bool, stamp: Stamp) -> Change {
        fn of<T: Fields>(
            records: &Collection<T>,
            saved: Versioned<T>,
            keep_theirs: bool,
            stamp: Stamp,
        ) -> Versioned<T> {
            match records.version(saved.id) {
                Some(current) => saved.rebased(current, keep_theirs, stamp),
                None => saved,
            }
        }
        match change {
            Change::Unit(v) => Change::Unit(of(&self.units, v, keep_theirs, stamp)),
            Change::Staff(v) => Change::Staff(of(&self.staff, v, keep_theirs, stamp)),
            Change::Provider(v) => Change::Provider(of(&self.providers, v, keep_theirs, stamp)),
            Change::User(v) => Change::User(of(&self.users, v, keep_theirs, stamp)),
            Change::Settings(v) => Change::Settings(of(&self.settings, v, keep_theirs, stamp)),
            Change::Survey(v) => Change::Survey(of(&self.survey_settings, v, keep_theirs, stamp)),
            Change::Sales(v) => Change::Sales(of(&self.sales, v, keep_theirs, stamp)),
            Change::Cost(v) => Change::Cost(of(&self.costs, v, keep_theirs, stamp)),
            Change::Training(v) => Change::Training(of(&self.training, v, keep_theirs, stamp)),
            Change::KpiSettings(v) => {
                Change::KpiSettings(of(&self.kpi_settings, v, keep_theirs, stamp))
            }
            Change::Scheme(v) => Change::Scheme(of(&self.schemes, v, keep_theirs, stamp)),
            Change::Cycle(v) => Change::Cycle(of(&self.cycles, v, keep_theirs, stamp)),
            Change::ProviderInput(v) => {
                Change::ProviderInput(of(&self.provider_inputs, v, keep_theirs, stamp))
            }
            Change::PenaltyRules(v) => {
                Change::PenaltyRules(of(&self.penalty_rules, v, keep_theirs, stamp))
            }
            Change::Statement(v) => Change::Statement(of(&self.statements, v, keep_theirs, stamp)),
            Change::Checklist(v) => Change::Checklist(of(&self.checklists, v, keep_theirs, stamp)),
            Change::SelfAssessment(v) => {
                Change::SelfAssessment(of(&self.self_assessments, v, keep_theirs, stamp))
            }
            Change::Audit(v) => Change::Audit(of(&self.audits, v, keep_theirs, stamp)),
            Change::CorrectiveAction(v) => {
                Change::CorrectiveAction(of(&self.corrective_actions, v, keep_theirs, stamp))
            }
            Change::PeriodReport(v) => {
                Change::PeriodReport(of(&self.period_reports, v, keep_theirs, stamp))
            }
            event @ (Change::TicketEvent(_) | Change::AssessmentEvent(_)) => event,
        }
    }

    /// Every current version, tombstones included, kind by kind: a snapshot of the whole dataset.
    pub fn changes(&self) -> impl Iterator<Item = Change> + '_ {
        let units = self.units.versions().cloned().map(Change::Unit);
        let staff = self.staff.versions().cloned().map(Change::Staff);
        let providers = self.providers.versions().cloned().map(Change::Provider);
        let users = self.users.versions().cloned().map(Change::User);
        let settings = self.settings.versions().cloned().map(Change::Settings);
        let surveys = self.survey_settings.versions().cloned().map(Change::Survey);
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
        let provider_inputs = self
            .provider_inputs
            .versions()
            .cloned()
            .map(Change::ProviderInput);
        let penalty_rules = self
            .penalty_rules
            .versions()
            .cloned()
            .map(Change::PenaltyRules);
        let statements = self.statements.versions().cloned().map(Change::Statement);
        let checklists = self.checklists.versions().cloned().map(Change::Checklist);
        let self_assessments = self
            .self_assessments
            .versions()
            .cloned()
            .map(Change::SelfAssessment);
        let audits = self.audits.versions().cloned().map(Change::Audit);
        let corrective_actions = self
            .corrective_actions
            .versions()
            .cloned()
            .map(Change::CorrectiveAction);
        let period_reports = self
            .period_reports
            .versions()
            .cloned()
            .map(Change::PeriodReport);
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
            .chain(provider_inputs)
            .chain(penalty_rules)
            .chain(statements)
            .chain(checklists)
            .chain(self_assessments)
            .chain(audits)
            .chain(corrective_actions)
            .chain(period_reports)
    }

    /// The settings in force: the stored record, or the defaults while nobody has changed them.
    pub fn service_settings(&self) -> ServiceSettings {
        self.settings.get(SETTINGS_ID).cloned().unwrap_or_default()
    }

    /// The survey template and rules in force: the stored record, or the built-in defaults.
    pub fn survey_settings(&self) -> SurveySettings {
        self.survey_settings
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

    /// The standards checklist in force: the stored one, or the seed's while nobody has edited it.
    pub fn checklist(&self) -> Checklist {
        self.checklists
            .get(super::checklist::SEED_CHECKLIST_ID)
            .cloned()
            .unwrap_or_else(Checklist::seed)
    }

    /// Merges another dataset into this one: records field by field, events as sets.
    pub fn merge(&mut self, other: &Dataset) {
        for change in other.changes() {
            self.apply(change);
        }
    }

    /// The greatest stamp in the data, so a device's clock can be moved past it on open: each collection and log
    /// keeps its own as changes arrive (walking them all was a long task at 100k tickets).
    pub fn latest_stamp(&self) -> Option<Stamp> {
        [
            self.units.latest_stamp(),
            self.staff.latest_stamp(),
            self.providers.latest_stamp(),
            self.users.latest_stamp(),
            self.settings.latest_stamp(),
            self.survey_settings.latest_stamp(),
            self.tickets.latest_stamp(),
            self.sales.latest_stamp(),
            self.costs.latest_stamp(),
            self.training.latest_stamp(),
            self.kpi_settings.latest_stamp(),
            self.schemes.latest_stamp(),
            self.cycles.latest_stamp(),
            self.assessments.latest_stamp(),
            self.provider_inputs.latest_stamp(),
            self.penalty_rules.latest_stamp(),
            self.statements.latest_stamp(),
            self.checklists.latest_stamp(),
            self.self_assessments.latest_stamp(),
            self.audits.latest_stamp(),
            self.corrective_actions.latest_stamp(),
            self.period_reports.latest_stamp(),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    pub fn record_count(&self) -> usize {
        self.units.len_with_tombstones()
            + self.staff.len_with_tombstones()
            + self.providers.len_with_tombstones()
            + self.users.len_with_tombstones()
            + self.settings.len_with_tombstones()
            + self.survey_settings.len_with_tombstones()
            + self.tickets.event_count()
            + self.sales.len_with_tombstones()
            + self.costs.len_with_tombstones()
            + self.training.len_with_tombstones()
            + self.kpi_settings.len_with_tombstones()
            + self.schemes.len_with_tombstones()
            + self.cycles.len_with_tombstones()
            + self.assessments.event_count()
            + self.provider_inputs.len_with_tombstones()
            + self.penalty_rules.len_with_tombstones()
            + self.statements.len_with_tombstones()
            + self.checklists.len_with_tombstones()
            + self.self_assessments.len_with_tombstones()
            + self.audits.len_with_tombstones()
            + self.corrective_actions.len_with_tombstones()
            + self.period_reports.len_with_tombstones()
    }
}
