//! The form that opens an assessment cycle (R6.5), as typed, and its check: a period the scheme's cadence has, the
//! three due dates, the appeal window in days, a name, and at least one person.
//!
//! Owns: `CycleDraft` and `CycleDraft::check`. Must not: open the cycle (`cycle::open_cycle` writes it) or read the
//! org (the screen passes the people chosen).

use super::cycle::{Cycle, CyclePeriod};
use super::kpi_source::cycle_span;
use super::scheme::{Cadence, Scheme};
use crate::domain::calendar::Date;
use crate::domain::error::{Checked, Field, Problem, Problems};
use crate::domain::ids::Id;

/// The open-cycle form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CycleDraft {
    pub year: String,
    /// The month (1–12), quarter (1–4) or half (1–2); 0 for a yearly cycle.
    pub part: String,
    pub name: String,
    /// "YYYY-MM-DD" each.
    pub plans_due: String,
    pub forms_due: String,
    pub results_due: String,
    pub appeal_days: String,
}

impl CycleDraft {
    /// The cycle to open with `scheme` for `people`, or every problem of the form.
    pub fn check(&self, scheme: Option<Scheme>, people: &[Id]) -> Checked<Cycle> {
        let mut problems = Problems::default();
        if scheme.is_none() {
            problems.add(Field::Record, Problem::Required);
        }
        let period = match (
            self.year.trim().parse::<i32>(),
            self.part.trim().parse::<u8>(),
        ) {
            (Ok(year), Ok(part)) => Some(CyclePeriod { year, part }),
            _ => {
                problems.add(Field::CyclePeriod, Problem::InvalidNumber { decimals: 0 });
                None
            }
        };
        if let (Some(scheme), Some(period)) = (&scheme, period)
            && cycle_span(scheme.cadence, period).is_none()
        {
            let max = match scheme.cadence {
                Cadence::Monthly => 12,
                Cadence::Quarterly => 4,
                Cadence::HalfYearly => 2,
                Cadence::Yearly => 0,
            };
            problems.add(
                Field::CyclePeriod,
                Problem::OutOfRange {
                    min: max.min(1),
                    max,
                },
            );
        }
        let [plans_due, forms_due, results_due] =
            [&self.plans_due, &self.forms_due, &self.results_due].map(|typed| {
                let day = Date::parse(typed.trim());
                if day.is_none() {
                    problems.add(Field::Date, Problem::InvalidDate);
                }
                day
            });
        let appeal_days = self.appeal_days.trim().parse::<u32>().ok();
        if appeal_days.is_none() {
            problems.add(Field::AppealDays, Problem::InvalidQuantity);
        }
        let name = self.name.trim().to_string();
        if name.is_empty() {
            problems.add(Field::Name, Problem::Required);
        }
        if people.is_empty() {
            problems.add(Field::People, Problem::Required);
        }
        problems.finish(|| Cycle {
            name,
            scheme: scheme.expect("checked"),
            period: period.expect("checked"),
            appeal_days: appeal_days.expect("checked"),
            plans_due: plans_due.expect("checked"),
            forms_due: forms_due.expect("checked"),
            results_due: results_due.expect("checked"),
        })
    }
}
