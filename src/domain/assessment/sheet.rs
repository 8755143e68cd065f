//! One person's filled indicator sheet for one period (R6.2–R6.4): every indicator scored, weighed and added up;
//! the total rounded once and graded on that shown value — and all of it as an explanation.
//!
//! Owns: `Given` (what each indicator received: an entry, or the raters' scores), `score_sheet` and `SheetResult`
//! (per indicator: what it got, the rule applied or the 360° composite, its weight and contribution; the exact total,
//! the shown score and the grade), and `yearly_mean` (the year from its quarters). Must not: gather the entries (the
//! cycle and the KPI engine do) or hide less than it should: rater scores arrive as means only.

use super::composite::{Composite, RaterScores, composite};
use super::exact::{Exact, Shown};
use super::grade::Band;
use super::rule::{Entry, RuleError, ScoreBasis, score};
use super::scheme::{Scheme, Source};

/// What one indicator received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Given {
    /// Nothing yet.
    Nothing,
    Entry(Entry),
    /// The raters' scores by relation (for a `Source::Raters` indicator).
    Raters(RaterScores),
}

/// How one indicator's score came about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum How {
    Rule(ScoreBasis),
    Raters(Composite),
    /// Not scored: nothing given yet, the superior has not rated, or what was given cannot be scored.
    Missing,
    Refused(RuleError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorResult {
    pub score: Option<Exact>,
    pub how: How,
    /// `score × weight`: what it adds to the total.
    pub contribution: Option<Exact>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetResult {
    /// In the scheme's indicator order.
    pub indicators: Vec<IndicatorResult>,
    /// The exact total, once every indicator is scored.
    pub total: Option<Exact>,
    /// The total rounded once, half up, to two places: what is shown, printed and graded.
    pub shown: Option<Shown>,
    pub grade: Option<Band>,
}

impl SheetResult {
    pub fn is_complete(&self) -> bool {
        self.total.is_some()
    }
}

/// Scores `given` (one per indicator of `scheme`, in its order; missing ones count as nothing given).
pub fn score_sheet(scheme: &Scheme, given: &[Given]) -> SheetResult {
    let indicators: Vec<IndicatorResult> = scheme
        .indicators
        .iter()
        .enumerate()
        .map(|(at, indicator)| {
            let given = given.get(at).unwrap_or(&Given::Nothing);
            let (score, how) = match (indicator.source, given) {
                (_, Given::Nothing) => (None, How::Missing),
                (Source::Raters, Given::Raters(scores)) => match composite(scores, scheme.raters) {
                    Some(composite) => (Some(composite.value), How::Raters(composite)),
                    None => (None, How::Missing),
                },
                (Source::Raters, Given::Entry(_)) | (_, Given::Raters(_)) => {
                    (None, How::Refused(RuleError::WrongEntry))
                }
                (_, Given::Entry(entry)) => match score(&indicator.rule, indicator.target, entry) {
                    Ok((score, applied)) => (Some(score), How::Rule(applied)),
                    Err(error) => (None, How::Refused(error)),
                },
            };
            IndicatorResult {
                score,
                how,
                contribution: score.map(|s| s.share(indicator.weight)),
            }
        })
        .collect();
    let total = indicators
        .iter()
        .try_fold(Exact::ZERO, |sum, result| Some(sum + result.contribution?));
    let shown = total.map(Exact::shown);
    let grade = shown.map(|shown| scheme.grades.grade(shown).clone());
    SheetResult {
        indicators,
        total,
        shown,
        grade,
    }
}

/// The year's result from its quarters' shown scores (S21 第12条: their arithmetic mean). A quarter the person was
/// not assessed in (not yet employed, on probation, on leave) is left out — the mean is over the quarters there
/// are, and `quarters` says how many — and a year with none has no result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearlyMean {
    pub value: Exact,
    pub shown: Shown,
    pub quarters: usize,
}

pub fn yearly_mean(quarters: &[Option<Shown>; 4]) -> Option<YearlyMean> {
    let assessed: Vec<Exact> = quarters.iter().flatten().map(|s| s.as_exact()).collect();
    let value = Exact::mean(&assessed)?;
    Some(YearlyMean {
        value,
        shown: value.shown(),
        quarters: assessed.len(),
    })
}
