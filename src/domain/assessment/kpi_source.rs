//! Filling a sheet's KPI indicators from the KPI engine (R6.2): for the person and the cycle's period, each
//! `Source::Kpi` indicator gets the KPI's figure in the unit it is shown in (95.3 for 95.3 %, hours for hours, money
//! in fen) —
//! or, under a deduction rule, how many the KPI counted (bad reviews, say).
//!
//! Whose figures: an engineer's own tickets (the engineer they were assigned to); anyone else's — supervisors,
//! managers, specialists, agents — their org unit and the units below it, since their KPIs are their team's.
//!
//! Owns: `cycle_span` (a cycle's period as days), `kpi_filter` and `kpi_entries`. Must not: score (the rules do) or
//! decide what a missing figure means — an indicator without one stays unfilled, and the compile says which.

use super::cycle::CyclePeriod;
use super::exact::Exact;
use super::rule::{Entry, Rule};
use super::scheme::{Cadence, Scheme, Source};
use crate::domain::calendar::Date;
use crate::domain::dataset::Dataset;
use crate::domain::ids::Id;
use crate::domain::kpi::engine::{self, Filter, Inputs};
use crate::domain::kpi::{Aggregate, Kpi};
use crate::domain::org::{Affiliation, Position};
use crate::domain::period::Period;

/// The days a cycle covers: its month, quarter, half or year; `None` for a part the cadence does not have.
pub fn cycle_span(cadence: Cadence, period: CyclePeriod) -> Option<Period> {
    let CyclePeriod { year, part } = period;
    match (cadence, part) {
        (Cadence::Monthly, 1..=12) => Some(Period::Month { year, month: part }),
        (Cadence::Quarterly, 1..=4) => Some(Period::Quarter {
            year,
            quarter: part,
        }),
        (Cadence::HalfYearly, 1 | 2) => {
            let first_month = if part == 1 { 1 } else { 7 };
            let from = Date::new(year, first_month, 1)?;
            let to = Date::new(year, first_month + 5, if part == 1 { 30 } else { 31 })?;
            Period::custom(from, to)
        }
        (Cadence::Yearly, 0) => Some(Period::Year { year }),
        _ => None,
    }
}

/// The last period of `cadence` that ended before `today` — what HR opens a cycle for by default (the quarter
/// just finished, last month, last year).
pub fn last_finished(cadence: Cadence, today: Date) -> CyclePeriod {
    let (year, month) = (today.year(), today.month());
    let back = |part: u8, parts: u8| match part {
        1 => CyclePeriod {
            year: year - 1,
            part: parts,
        },
        _ => CyclePeriod {
            year,
            part: part - 1,
        },
    };
    match cadence {
        Cadence::Monthly => back(month, 12),
        Cadence::Quarterly => back((month - 1) / 3 + 1, 4),
        Cadence::HalfYearly => back((month - 1) / 6 + 1, 2),
        Cadence::Yearly => CyclePeriod {
            year: year - 1,
            part: 0,
        },
    }
}

/// Whose tickets a person's KPIs are over: an engineer's own, anyone else's unit and below.
pub fn kpi_filter(person: Id, data: &Dataset) -> Filter {
    let Some(staff) = data.staff.get(person) else {
        return Filter {
            staff: Some(person),
            ..Filter::default()
        };
    };
    match (staff.position, staff.affiliation) {
        (Position::Engineer, _) | (_, Affiliation::Provider(_)) => Filter {
            staff: Some(person),
            ..Filter::default()
        },
        (_, Affiliation::Unit(unit)) => Filter {
            units: Some(Filter::unit_and_below(unit, data)),
            ..Filter::default()
        },
    }
}

/// Each KPI indicator of `scheme` (by position) with its entry for `filter` over `period`, or `None` where the
/// KPI has no figure (nothing to divide by: no surveys, no tickets).
pub fn kpi_entries(
    scheme: &Scheme,
    inputs: Inputs<'_>,
    filter: &Filter,
    period: Period,
) -> Vec<(u32, Option<Entry>)> {
    let wanted: Vec<(u32, Kpi, bool)> = scheme
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(at, indicator)| match indicator.source {
            Source::Kpi(kpi) => Some((
                at as u32,
                kpi,
                matches!(indicator.rule, Rule::Deduction { .. }),
            )),
            _ => None,
        })
        .collect();
    let kpis: Vec<Kpi> = wanted.iter().map(|(_, kpi, _)| *kpi).collect();
    let totals = engine::totals_of(&kpis, inputs, filter, &[period]);
    wanted
        .into_iter()
        .zip(totals)
        .map(|((at, kpi, counts), mut figures)| {
            let totals = figures.pop().expect("one period");
            let entry = match counts {
                true => Some(Entry::Count(totals.numerator)),
                false => in_unit(kpi, totals.value(kpi)).map(Entry::Value),
            };
            (at, entry)
        })
        .collect()
}

/// A KPI's exact value in the unit it is shown in.
fn in_unit(kpi: Kpi, value: Option<crate::domain::ratio::Ratio>) -> Option<Exact> {
    let value = value?;
    let unit = kpi.unit();
    let (factor, per) = (unit.factor(), unit.per());
    let (numerator, denominator) = match kpi.aggregate() {
        Aggregate::Sum => (value.numerator(), 1),
        _ => (value.numerator(), value.denominator()),
    };
    Exact::ratio(
        u128::from(numerator) * u128::from(factor),
        u128::from(denominator) * u128::from(per),
    )
}
