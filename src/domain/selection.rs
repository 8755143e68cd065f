//! What an export carries (R9.2): everything, the tickets received in a period, a unit with its sub-units, or
//! the surveys — each with what its records refer to — limited to what the exporting role may see.
//!
//! Owns: `Selection` and `select`. A selection is a subset of the data's current versions (tombstones included), so
//! merging a selected file is merging part of a dataset: every property of the merge holds for it. Whole tickets
//! always (every event of a ticket in it), so a receiving device folds them as the sender does. Must not: write
//! files (`sync::format`) or decide permissions beyond `access::can`.

use serde::{Deserialize, Serialize};

use super::access::{Action, Role, can};
use super::calendar::{Calendar, Date};
use super::corrective::Status;
use super::dataset::{Change, Dataset};
use super::error::{Checked, Field, Problem, Problems};
use super::fast_hash::FastSet;
use super::ids::Id;
use super::inputs::Month;
use super::org::{Affiliation, unit_ancestors};
use super::ticket::Happening;

/// What part of the data a file holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Selection {
    /// Everything the exporting role may see.
    All,
    /// Tickets received in these days (inclusive, on the business calendar), the cost lines, sales months and
    /// training sessions of those days.
    Period { from: Date, to: Date },
    /// A unit with its sub-units: their tickets (registered to them, or worked by their staff), cost lines and
    /// training, and the assessments of their staff.
    Unit { unit: Id },
    /// Every ticket with a survey link or a response, whole.
    Surveys,
}

/// The shortest passphrase an export takes: it is all that stands between the file and a guesser.
pub const PASSPHRASE_MIN: usize = 8;

/// The export form as typed: which selection ("all", "period", "unit", "surveys"), its days or unit, and an optional
/// passphrase typed twice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportDraft {
    pub selection: String,
    pub from: String,
    pub to: String,
    pub unit: Option<Id>,
    pub passphrase: String,
    pub repeat: String,
}

impl ExportDraft {
    /// The selection and the passphrase (none if left empty), or every problem on its field.
    pub fn check(&self) -> Checked<(Selection, Option<String>)> {
        let mut problems = Problems::default();
        let selection = match self.selection.as_str() {
            "period" => {
                let mut day = |text: &str, field| match text.trim() {
                    "" => {
                        problems.add(field, Problem::Required);
                        None
                    }
                    text => Date::parse(text).or_else(|| {
                        problems.add(field, Problem::InvalidDate);
                        None
                    }),
                };
                let from = day(&self.from, Field::PeriodFrom);
                let to = day(&self.to, Field::PeriodTo);
                match (from, to) {
                    (Some(from), Some(to)) if to < from => {
                        problems.add(Field::PeriodTo, Problem::PeriodEndsBeforeStart);
                        None
                    }
                    (Some(from), Some(to)) => Some(Selection::Period { from, to }),
                    _ => None,
                }
            }
            "unit" => match self.unit {
                Some(unit) => Some(Selection::Unit { unit }),
                None => {
                    problems.add(Field::Unit, Problem::Required);
                    None
                }
            },
            "surveys" => Some(Selection::Surveys),
            _ => Some(Selection::All),
        };
        let passphrase = match (self.passphrase.as_str(), self.repeat.as_str()) {
            ("", "") => None,
            (typed, _) if typed.chars().count() < PASSPHRASE_MIN => {
                problems.add(
                    Field::Passphrase,
                    Problem::PassphraseTooShort {
                        min: PASSPHRASE_MIN,
                    },
                );
                None
            }
            (typed, again) if typed != again => {
                problems.add(Field::PassphraseConfirm, Problem::PassphraseMismatch);
                None
            }
            (typed, _) => Some(typed.to_string()),
        };
        problems.finish(|| (selection.unwrap_or(Selection::All), passphrase))
    }
}

/// Who exports: their role decides what they may see, their staff record (and login) what is theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exporter {
    pub role: Role,
    pub user: Id,
    pub staff: Option<Id>,
}

impl Exporter {
    /// Whether the role sees every assessment: those who run, approve or decide them.
    fn sees_assessments(&self) -> bool {
        [
            Action::RunCycles,
            Action::ApproveResults,
            Action::DecideAppeals,
        ]
        .into_iter()
        .any(|action| can(self.role, action))
    }

    /// Whether an event was written by this person (their plan, a form they filled).
    fn wrote(&self, by: Id) -> bool {
        by == self.user || Some(by) == self.staff
    }
}

/// The changes a file of `selection` carries, in the dataset's order: the org, users and settings always (every
/// record refers to them, and they are small); tickets as the selection says, if the role sees tickets; the KPI
/// inputs of the selection; schemes and cycles (no one's results); and the events of assessments the role sees
/// whole, else only those the exporter wrote (an engineer's rater form reaches HR).
pub fn select(
    data: &Dataset,
    selection: &Selection,
    exporter: Exporter,
    calendar: &Calendar,
) -> Vec<Change> {
    let units = match selection {
        Selection::Unit { unit } => Some(unit_and_below(*unit, data)),
        _ => None,
    };
    let staff_of_units: Option<FastSet<Id>> = units.as_ref().map(|units| {
        data.staff
            .versions()
            .filter(|v| matches!(v.body.affiliation, Affiliation::Unit(u) if units.contains(&u)))
            .map(|v| v.id)
            .collect()
    });
    let tickets: FastSet<Id> = match can(exporter.role, Action::ViewTickets) {
        false => FastSet::default(),
        true => data
            .tickets
            .owners()
            .filter(|(_, events)| {
                let registration = events.iter().find_map(|e| match &e.what {
                    Happening::Registered(r) => Some(r),
                    _ => None,
                });
                match selection {
                    Selection::All => true,
                    Selection::Period { from, to } => registration.is_some_and(|r| {
                        let day = calendar.local_date(r.received_at);
                        *from <= day && day <= *to
                    }),
                    Selection::Unit { .. } => {
                        let (units, staff) = (units.as_ref(), staff_of_units.as_ref());
                        let registered_here = registration
                            .and_then(|r| r.unit)
                            .is_some_and(|u| units.is_some_and(|units| units.contains(&u)));
                        let worked_here = events.iter().any(|e| match &e.what {
                            Happening::Assigned { engineer }
                            | Happening::Reassigned { engineer, .. } => {
                                staff.is_some_and(|s| s.contains(engineer))
                            }
                            _ => false,
                        });
                        registered_here || worked_here
                    }
                    Selection::Surveys => events.iter().any(|e| {
                        matches!(e.what, Happening::SurveyLinked(_) | Happening::Surveyed(_))
                    }),
                }
            })
            .map(|(id, _)| id)
            .collect(),
    };
    let in_period = |day: Date| match selection {
        Selection::Period { from, to } => *from <= day && day <= *to,
        _ => true,
    };
    let of_units = |unit: Option<Id>| match &units {
        Some(units) => unit.is_some_and(|u| units.contains(&u)),
        None => true,
    };
    let month_in_period = |month: Month| match (selection, Date::new(month.year, month.month, 1)) {
        (Selection::Period { from, to }, Some(first)) => {
            first <= *to && first.add_months(1).add_days(-1) >= *from
        }
        (Selection::Period { .. }, None) => false,
        _ => true,
    };
    let inputs = !matches!(selection, Selection::Surveys);
    let sees_fines = can(exporter.role, Action::ViewProviderFines);
    // A unit's file carries the providers serving it (their region in the unit or below).
    let of_provider = |provider: Id| match &units {
        Some(_) => of_units(data.providers.get(provider).and_then(|p| p.region)),
        None => true,
    };
    let overlaps = |period: super::period::Period| match selection {
        Selection::Period { from, to } => period.first_day() <= *to && period.last_day() >= *from,
        _ => true,
    };
    let sees_all = exporter.sees_assessments();
    // The quality records are management's; an action's owner carries their own.
    let sees_quality = can(exporter.role, Action::ViewQuality);
    let assessed_here = |person: Id| staff_of_units.as_ref().is_none_or(|s| s.contains(&person));
    data.changes()
        .filter(|change| match change {
            Change::Unit(_)
            | Change::Staff(_)
            | Change::Provider(_)
            | Change::User(_)
            | Change::Settings(_)
            | Change::Survey(_)
            | Change::KpiSettings(_)
            | Change::Scheme(_)
            | Change::Cycle(_) => true,
            Change::TicketEvent(e) => tickets.contains(&e.ticket),
            Change::Sales(v) => inputs && units.is_none() && month_in_period(v.body.month),
            Change::Cost(v) => {
                inputs
                    && (v.body.ticket.is_some_and(|t| tickets.contains(&t))
                        || in_period(v.body.day) && of_units(v.body.unit))
            }
            Change::Training(v) => inputs && in_period(v.body.planned) && of_units(v.body.unit),
            // A provider's fines are for those who assess providers (never an engineer's or an agent's file).
            Change::PenaltyRules(_) => sees_fines && inputs,
            Change::ProviderInput(v) => {
                sees_fines && inputs && in_period(v.body.day) && of_provider(v.body.provider)
            }
            Change::Statement(v) => {
                sees_fines
                    && inputs
                    && overlaps(v.body.body.period)
                    && of_provider(v.body.body.provider)
            }
            Change::Checklist(_) => inputs && sees_quality,
            Change::SelfAssessment(v) => inputs && sees_quality && in_period(v.body.day),
            Change::Audit(v) => inputs && sees_quality && overlaps(v.body.period),
            Change::CorrectiveAction(v) => {
                inputs
                    && (sees_quality || v.body.owner == exporter.user)
                    && (in_period(v.body.opened) || v.body.status == Status::Open)
            }
            Change::PeriodReport(v) => inputs && sees_quality && overlaps(v.body.period),
            Change::AssessmentEvent(e) => {
                !matches!(selection, Selection::Surveys | Selection::Period { .. })
                    && assessed_here(assessment_person(data, e.assessment).unwrap_or(Id::NIL))
                    && (sees_all || exporter.wrote(e.by))
            }
        })
        .collect()
}

/// The unit and every unit below it (a loop in a merged tree cannot make this run forever: ancestors stop there).
fn unit_and_below(unit: Id, data: &Dataset) -> FastSet<Id> {
    data.units
        .versions()
        .map(|v| v.id)
        .filter(|&id| id == unit || unit_ancestors(id, data).contains(&unit))
        .collect()
}

/// Whose assessment an assessment's events are (its opening event says).
fn assessment_person(data: &Dataset, assessment: Id) -> Option<Id> {
    use super::assessment::cycle::AssessmentStep;
    data.assessments
        .events(assessment)
        .iter()
        .find_map(|e| match &e.what {
            AssessmentStep::Opened { person, .. } => Some(*person),
            _ => None,
        })
}
