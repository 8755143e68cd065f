//! A person's results across cycles: what stands from each published assessment (a correction replaces the one it
//! corrects), the year's result from a quarterly scheme's quarters (S21 第12条), and whether the latest results call
//! for a dismissal review (R6.6).
//!
//! Owns: `PersonResult`, `results_of`, `yearly_of` and `needs_dismissal_review`. Must not: show results before they
//! are published (only published ones are here) or change anything.

use super::cycle::{Assessment, CyclePeriod, Stage, fold_all};
use super::exact::Shown;
use super::outcome::dismissal_review;
use super::scheme::Cadence;
use super::sheet::{YearlyMean, yearly_mean};
use crate::domain::dataset::Dataset;
use crate::domain::ids::Id;
use crate::domain::sorting;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonResult {
    pub assessment: Id,
    pub cycle: Id,
    pub scheme: String,
    pub cadence: Cadence,
    pub period: CyclePeriod,
    pub score: Shown,
    pub grade: String,
    pub passes: bool,
    /// Archived: final.
    pub archived: bool,
}

/// Every published result of `person`, by period; an assessment is replaced by its correction once the correction
/// is published (until then the archived result stands).
pub fn results_of(person: Id, data: &Dataset) -> Vec<PersonResult> {
    results_among(person, &fold_all(data), data)
}

/// `results_of` over assessments already folded (a screen that has them folds nothing again).
pub fn results_among(person: Id, all: &[Assessment], data: &Dataset) -> Vec<PersonResult> {
    let assessments: Vec<&Assessment> = all.iter().filter(|a| a.person == person).collect();
    let corrected: Vec<Id> = assessments
        .iter()
        .filter(|a| a.published_at.is_some())
        .filter_map(|a| a.corrects)
        .collect();
    let mut results: Vec<PersonResult> = assessments
        .iter()
        .filter(|a| !corrected.contains(&a.id) && a.published_at.is_some())
        .filter_map(|a| {
            let cycle = data.cycles.get(a.cycle)?;
            let (score, _) = a.final_score(&cycle.scheme)?;
            let band = cycle.scheme.grades.grade(score);
            Some(PersonResult {
                assessment: a.id,
                cycle: a.cycle,
                scheme: cycle.scheme.name.clone(),
                cadence: cycle.scheme.cadence,
                period: cycle.period,
                score,
                grade: band.label.clone(),
                passes: band.passes,
                archived: a.stage == Stage::Archived,
            })
        })
        .collect();
    sorting::by(&mut results, |a, b| {
        a.period.cmp(&b.period).then(a.scheme.cmp(&b.scheme))
    });
    results
}

/// `person`'s assessments still under way — opened, not yet published — oldest cycle first: what they see of their
/// own assessment before it has a result (issue 17: it was invisible until publication). In `all`'s order.
pub fn under_way_among(person: Id, all: &[Assessment]) -> Vec<&Assessment> {
    all.iter()
        .filter(|a| a.person == person && a.published_at.is_none())
        .filter(|a| !matches!(a.stage, Stage::Archived))
        .collect()
}

/// The grade of the year's result (issue 17: the mean was shown without it): the mean graded on the scale of the
/// year's latest quarter — the scale the person was last assessed on.
pub fn yearly_grade(
    results: &[PersonResult],
    scheme: &str,
    year: i32,
    data: &Dataset,
) -> Option<String> {
    let mean = yearly_of(results, scheme, year)?;
    let latest = results
        .iter()
        .filter(|r| r.scheme == scheme && r.cadence == Cadence::Quarterly && r.period.year == year)
        .max_by_key(|r| r.period.part)?;
    let cycle = data.cycles.get(latest.cycle)?;
    Some(cycle.scheme.grades.grade(mean.shown).label.clone())
}

/// The year's result of a quarterly scheme (by name) from the quarters there are.
pub fn yearly_of(results: &[PersonResult], scheme: &str, year: i32) -> Option<YearlyMean> {
    let mut quarters = [None; 4];
    for result in results {
        if result.scheme == scheme
            && result.cadence == Cadence::Quarterly
            && result.period.year == year
            && (1..=4).contains(&result.period.part)
        {
            quarters[usize::from(result.period.part - 1)] = Some(result.score);
        }
    }
    yearly_mean(&quarters)
}

/// Whether the last two results of one scheme both failed.
pub fn needs_dismissal_review(results: &[PersonResult], scheme: &str) -> bool {
    let passes: Vec<bool> = results
        .iter()
        .filter(|r| r.scheme == scheme)
        .map(|r| r.passes)
        .collect();
    dismissal_review(&passes)
}
