//! Corrective actions (R8.2 "a shortfall opens a corrective action", R5.5, S9 四.4 improvement measures): what is
//! to be done, by whom, by when, where it came from, and its closing note of what was done.
//!
//! Owns: `CorrectiveAction`, `Source`, `Status`, `ActionDraft::check`, `close`, `is_overdue`. Must not: store or
//! merge (the record layer does), or decide who may close one (`access`).

use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::error::{Checked, Field, Problem, Problems, required_text};
use super::ids::Id;
use super::period::Period;
use crate::domain::ticket::intake::{SHORT_MAX, TEXT_MAX};

/// Where an action came from, so a report can group them and a reader can go back to the cause.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Source {
    /// A clause of a standards self-assessment that fell short (its number, e.g. "5.2.1.1").
    Clause { assessment: Id, clause: String },
    /// A finding of a sampling audit on a ticket.
    Audit { audit: Id, ticket: Id },
    /// A complaint analysis's improvement measure.
    ComplaintAnalysis { period: Period },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Status {
    Open,
    /// Done on `on`, with what was done.
    Closed {
        on: Date,
        note: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CorrectiveAction {
    pub what: String,
    /// The user who answers for it (it shows on their home screen).
    pub owner: Id,
    pub due: Date,
    /// The day it was opened.
    pub opened: Date,
    pub source: Source,
    pub status: Status,
}

impl CorrectiveAction {
    /// Open past its due day: shown on its owner's home and in the period report.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status == Status::Open && today > self.due
    }

    /// The action closed on `today` with `note` (required: what was done); refused when already closed.
    pub fn close(&self, note: &str, today: Date) -> Checked<CorrectiveAction> {
        let mut problems = Problems::default();
        if self.status != Status::Open {
            problems.add(Field::Record, Problem::AlreadyClosed);
        }
        let note = required_text(note, TEXT_MAX, Field::Text, &mut problems);
        problems.finish(|| CorrectiveAction {
            status: Status::Closed { on: today, note },
            ..self.clone()
        })
    }
}

/// A new action as typed: what (required, short), the owner (required), the due day (required, not before today).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionDraft {
    pub what: String,
    pub owner: Option<Id>,
    pub due: String,
}

impl ActionDraft {
    pub fn check(&self, source: Source, today: Date) -> Checked<CorrectiveAction> {
        let mut problems = Problems::default();
        let what = required_text(&self.what, SHORT_MAX, Field::Text, &mut problems);
        if self.owner.is_none() {
            problems.add(Field::Owner, Problem::Required);
        }
        let due = match Date::parse(self.due.trim()) {
            Some(due) if due < today => {
                problems.add(Field::Due, Problem::DateInPast);
                due
            }
            Some(due) => due,
            None => {
                problems.add(Field::Due, Problem::Required);
                today
            }
        };
        problems.finish(|| CorrectiveAction {
            what,
            owner: self.owner.unwrap_or(Id::NIL),
            due,
            opened: today,
            source,
            status: Status::Open,
        })
    }
}
