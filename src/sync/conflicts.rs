//! The conflicts as the screens show them (R9.3): each `domain::conflicts` finding with the two values of a
//! field conflict written out — the one kept and the other — as short text: strings as they are, record ids as the
//! record's name, anything larger as its fields in a line, a PIN never. Run in the worker module (it holds the JSON
//! writer), for the conflicts screen and the import preview.
//!
//! Owns: `Shown`, `show` and the conflicts screen's request (`list`). Must not: decide what a conflict is
//! (`domain::conflicts`) or word anything in a language (`i18n::sync`).

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::domain::clock::Stamp;
use crate::domain::conflicts::open_conflicts;
use crate::domain::dataset::Dataset;
use crate::domain::ids::Id;
use crate::domain::import::{Found, Labelled};
use crate::domain::record::{Collection, Fields};
use crate::store::{StoreError, Stored};

use super::work::decode;

/// A conflict with, for a field conflict, the value kept and the other value in words (empty for a ticket's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub found: Found,
    pub kept_value: String,
    pub other_value: String,
}

/// The longest a value is shown (in characters) before it is cut with "…".
pub const VALUE_CHARS: usize = 120;

/// Every conflict in what the store holds, shown.
pub fn list(stored: &Stored) -> Result<Vec<Shown>, StoreError> {
    let data = decode(stored)?;
    let calendar = data.service_settings().calendar;
    let found = open_conflicts(&data, &calendar);
    Ok(show(&data, found))
}

/// `found` (conflicts in `data`) with their values.
pub fn show(data: &Dataset, found: Vec<Found>) -> Vec<Shown> {
    let names = Names::of(data);
    found
        .into_iter()
        .map(|found| {
            let (kept_value, other_value) = match &found {
                Found::Field {
                    kind,
                    id,
                    field,
                    other,
                    ..
                } => values(data, kind, *id, field, *other)
                    .map(|(kept, other)| (names.text(field, &kept), names.text(field, &other)))
                    .unwrap_or_default(),
                Found::Ticket { .. } => Default::default(),
            };
            Shown {
                found,
                kept_value,
                other_value,
            }
        })
        .collect()
}

/// The kept value of record `id`'s `field` and the value of its sibling write stamped `other`, as JSON.
fn values(data: &Dataset, kind: &str, id: Id, field: &str, other: Stamp) -> Option<(Value, Value)> {
    fn of<T: Fields + Serialize>(
        records: &Collection<T>,
        id: Id,
        field: &str,
        other: Stamp,
    ) -> Option<(Value, Value)> {
        let index = T::NAMES.iter().position(|name| *name == field)?;
        let version = records.version(id)?;
        let sibling = version
            .siblings()
            .iter()
            .find(|s| usize::from(s.field) == index && s.write.stamp == other)?;
        let pick = |body: &T| serde_json::to_value(body).ok()?.get(field).cloned();
        Some((pick(&version.body)?, pick(&sibling.body)?))
    }
    match kind {
        "unit" => of(&data.units, id, field, other),
        "staff" => of(&data.staff, id, field, other),
        "provider" => of(&data.providers, id, field, other),
        "user" => of(&data.users, id, field, other),
        "settings" => of(&data.settings, id, field, other),
        "survey" => of(&data.survey_settings, id, field, other),
        "sales" => of(&data.sales, id, field, other),
        "cost" => of(&data.costs, id, field, other),
        "training" => of(&data.training, id, field, other),
        "kpi_settings" => of(&data.kpi_settings, id, field, other),
        "scheme" => of(&data.schemes, id, field, other),
        "cycle" => of(&data.cycles, id, field, other),
        "provider_input" => of(&data.provider_inputs, id, field, other),
        "penalty_rules" => of(&data.penalty_rules, id, field, other),
        "statement" => of(&data.statements, id, field, other),
        "checklist" => of(&data.checklists, id, field, other),
        "self_assessment" => of(&data.self_assessments, id, field, other),
        "audit" => of(&data.audits, id, field, other),
        "corrective_action" => of(&data.corrective_actions, id, field, other),
        "period_report" => of(&data.period_reports, id, field, other),
        _ => None,
    }
}

/// The names of the records a value may refer to by id.
struct Names(HashMap<String, String>);

impl Names {
    fn of(data: &Dataset) -> Names {
        fn add<T: Fields + Labelled>(names: &mut HashMap<String, String>, records: &Collection<T>) {
            for version in records.versions() {
                names.insert(version.id.to_string(), version.body.label());
            }
        }
        let mut names = HashMap::new();
        add(&mut names, &data.units);
        add(&mut names, &data.staff);
        add(&mut names, &data.providers);
        add(&mut names, &data.users);
        add(&mut names, &data.schemes);
        add(&mut names, &data.cycles);
        Names(names)
    }

    /// A value of field `field` in a line of at most `VALUE_CHARS` characters.
    fn text(&self, field: &str, value: &Value) -> String {
        if field == "pin" {
            return "••••".into();
        }
        let mut line = String::new();
        self.write(value, &mut line);
        match line.chars().count() > VALUE_CHARS {
            true => line.chars().take(VALUE_CHARS - 1).chain(['…']).collect(),
            false => line,
        }
    }

    /// Values one after the other, separated by commas, each after its key if it has one.
    fn write_all<'a>(
        &self,
        items: impl Iterator<Item = (Option<&'a String>, &'a Value)>,
        out: &mut String,
    ) {
        for (i, (key, item)) in items.enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if let Some(key) = key {
                out.push_str(key);
                out.push_str(": ");
            }
            self.write(item, out);
        }
    }

    fn write(&self, value: &Value, out: &mut String) {
        match value {
            Value::Null => out.push('—'),
            Value::String(s) => out.push_str(self.0.get(s).unwrap_or(s)),
            Value::Bool(b) => out.push_str(&b.to_string()),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::Array(items) => {
                out.push('[');
                self.write_all(items.iter().map(|item| (None, item)), out);
                out.push(']');
            }
            Value::Object(fields) => {
                self.write_all(fields.iter().map(|(key, item)| (Some(key), item)), out)
            }
        }
    }
}
