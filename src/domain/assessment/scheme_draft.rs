//! The scheme editor's form (R6.1, R6.2), parsed at the edge: every number as typed, turned into a `Scheme` or into
//! every problem on its field — and the live weight total the editor shows while the user types.
//!
//! Owns: `SchemeDraft`, `IndicatorDraft`, `RuleDraft`, `BandDraft` (a grade and what it leads to); `from_scheme` (to
//! edit one), `live_total` and `check`. Must not: store anything or decide who may edit schemes (`access`).

use super::composite::RaterWeights;
use super::exact::{Exact, Weight};
use super::grade::{Band, GradeScale};
use super::outcome::{BandOutcome, OutcomeRules, SalaryProposal};
use super::rule::{Rule, ScoreBand};
use super::scheme::{Cadence, Indicator, Scheme, Source};
use crate::domain::error::{Checked, Field, FieldError, Problem, Problems};
use crate::domain::ids::Id;
use crate::domain::org::Position;

/// Places a typed number may have: weights and scores to hundredths, targets and values to four places.
const SCORE_PLACES: u32 = 2;
const VALUE_PLACES: u32 = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleDraft {
    Proportional {
        cap: String,
    },
    Inverse {
        cap: String,
    },
    Banded {
        higher_is_better: bool,
        /// (bound, score) as typed.
        bands: Vec<(String, String)>,
        otherwise: String,
    },
    Deduction {
        full: String,
        per: String,
        floor: String,
    },
    Manual {
        reason_below: String,
    },
    PassFail,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorDraft {
    pub dimension: String,
    pub name: String,
    pub weight: String,
    pub target: String,
    pub rule: RuleDraft,
    pub source: Source,
}

/// One grade as edited: its band, and what it leads to (R6.6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BandDraft {
    pub label: String,
    pub from: String,
    pub passes: bool,
    /// The bonus coefficient in percent, as typed.
    pub bonus: String,
    pub salary: SalaryProposal,
    pub promotion_eligible: bool,
    pub training_required: bool,
    pub nomination: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemeDraft {
    pub name: String,
    pub cadence: Cadence,
    pub yearly_from_quarters: bool,
    pub positions: Vec<Position>,
    pub units: Vec<Id>,
    pub indicators: Vec<IndicatorDraft>,
    pub superior: String,
    pub peer: String,
    pub subordinate: String,
    pub superior_of_two: String,
    pub grades: Vec<BandDraft>,
}

impl SchemeDraft {
    /// The form filled with `scheme`, to be edited.
    pub fn from_scheme(scheme: &Scheme) -> SchemeDraft {
        let number = |value: Exact| value.to_string();
        let weight = |w: Weight| w.to_string().trim_end_matches('%').to_string();
        SchemeDraft {
            name: scheme.name.clone(),
            cadence: scheme.cadence,
            yearly_from_quarters: scheme.yearly_from_quarters,
            positions: scheme.positions.clone(),
            units: scheme.units.clone(),
            indicators: scheme
                .indicators
                .iter()
                .map(|i| IndicatorDraft {
                    dimension: i.dimension.clone(),
                    name: i.name.clone(),
                    weight: weight(i.weight),
                    target: i.target.map(number).unwrap_or_default(),
                    rule: match &i.rule {
                        Rule::Proportional { cap } => RuleDraft::Proportional { cap: number(*cap) },
                        Rule::Inverse { cap } => RuleDraft::Inverse { cap: number(*cap) },
                        Rule::Banded {
                            higher_is_better,
                            bands,
                            otherwise,
                        } => RuleDraft::Banded {
                            higher_is_better: *higher_is_better,
                            bands: bands
                                .iter()
                                .map(|b| (number(b.bound), number(b.score)))
                                .collect(),
                            otherwise: number(*otherwise),
                        },
                        Rule::Deduction { full, per, floor } => RuleDraft::Deduction {
                            full: number(*full),
                            per: number(*per),
                            floor: number(*floor),
                        },
                        Rule::Manual { reason_below } => RuleDraft::Manual {
                            reason_below: number(*reason_below),
                        },
                        Rule::PassFail => RuleDraft::PassFail,
                    },
                    source: i.source,
                })
                .collect(),
            superior: weight(scheme.raters.superior),
            peer: weight(scheme.raters.peer),
            subordinate: weight(scheme.raters.subordinate),
            superior_of_two: weight(scheme.raters.superior_of_two),
            grades: scheme
                .grades
                .bands()
                .iter()
                .zip(scheme.outcome_rules().by_band)
                .map(|(b, outcome)| BandDraft {
                    label: b.label.clone(),
                    from: b.from.to_string(),
                    passes: b.passes,
                    bonus: weight(outcome.bonus),
                    salary: outcome.salary,
                    promotion_eligible: outcome.promotion_eligible,
                    training_required: outcome.training_required,
                    nomination: outcome.nomination,
                })
                .collect(),
        }
    }

    /// The total of the weights typed so far (those that read as weights), for the editor's live display.
    pub fn live_total(&self) -> Weight {
        Weight::total(
            self.indicators
                .iter()
                .filter_map(|i| Weight::parse(&i.weight)),
        )
    }

    /// The scheme the form describes, or every problem, each on its field.
    pub fn check(&self) -> Checked<Scheme> {
        let mut problems = Problems::default();
        let indicators: Vec<Option<Indicator>> = self
            .indicators
            .iter()
            .enumerate()
            .map(|(at, draft)| indicator(draft, Field::Indicator(at), &mut problems))
            .collect();
        let mut weight = |text: &str| {
            let parsed = Weight::parse(text);
            if parsed.is_none() {
                problems.add(
                    Field::RaterWeights,
                    Problem::InvalidNumber {
                        decimals: SCORE_PLACES,
                    },
                );
            }
            parsed
        };
        let rater_weights = (
            weight(&self.superior),
            weight(&self.peer),
            weight(&self.subordinate),
            weight(&self.superior_of_two),
        );
        let bands: Vec<Option<Band>> = self
            .grades
            .iter()
            .map(|b| {
                let from = Exact::parse(&b.from, SCORE_PLACES).filter(|f| *f <= Exact::HUNDRED);
                if from.is_none() {
                    problems.add(
                        Field::Grades,
                        Problem::InvalidNumber {
                            decimals: SCORE_PLACES,
                        },
                    );
                }
                from.map(|from| Band {
                    label: b.label.trim().to_string(),
                    from: from.shown(),
                    passes: b.passes,
                })
            })
            .collect();
        let outcomes: Vec<Option<BandOutcome>> = self
            .grades
            .iter()
            .enumerate()
            .map(|(at, b)| {
                let bonus = Weight::parse_up_to(&b.bonus, OutcomeRules::MAX_BONUS);
                if bonus.is_none() {
                    problems.add(Field::Outcome(at), Problem::BonusAboveMax);
                }
                Some(BandOutcome {
                    bonus: bonus?,
                    salary: b.salary,
                    promotion_eligible: b.promotion_eligible,
                    training_required: b.training_required,
                    nomination: b.nomination,
                })
            })
            .collect();
        let mut found: Vec<FieldError> = match problems.finish(|| ()) {
            Ok(()) => Vec::new(),
            Err(found) => found,
        };
        let raters = match rater_weights {
            (Some(a), Some(b), Some(c), Some(d)) => match RaterWeights::new(a, b, c, d) {
                Ok(weights) => Some(weights),
                Err(more) => {
                    found.extend(more);
                    None
                }
            },
            _ => None,
        };
        let grades = match bands.into_iter().collect::<Option<Vec<Band>>>() {
            Some(bands) => match GradeScale::new(bands) {
                Ok(scale) => Some(scale),
                Err(more) => {
                    found.extend(more);
                    None
                }
            },
            None => None,
        };
        let indicators = indicators.into_iter().collect::<Option<Vec<Indicator>>>();
        let outcomes = outcomes.into_iter().collect::<Option<Vec<BandOutcome>>>();
        let (Some(indicators), Some(raters), Some(grades), Some(by_band), true) =
            (indicators, raters, grades, outcomes, found.is_empty())
        else {
            // The whole-sheet checks still run on what did parse, so the weight total is reported at once.
            if self.live_total() != Weight::WHOLE && !self.indicators.is_empty() {
                found.push(FieldError::new(
                    Field::Weights,
                    Problem::WeightsTotal {
                        total: self.live_total().0,
                    },
                ));
            }
            return Err(found);
        };
        Scheme {
            name: crate::domain::text::cleaned(&self.name),
            cadence: self.cadence,
            yearly_from_quarters: self.yearly_from_quarters && self.cadence == Cadence::Quarterly,
            positions: self.positions.clone(),
            units: self.units.clone(),
            indicators,
            raters,
            grades,
            outcomes: Some(OutcomeRules { by_band }),
        }
        .check()
    }
}

fn indicator(draft: &IndicatorDraft, field: Field, problems: &mut Problems) -> Option<Indicator> {
    let mut number = |text: &str, places: u32| {
        let parsed = Exact::parse(text, places);
        if parsed.is_none() {
            problems.add(field, Problem::InvalidNumber { decimals: places });
        }
        parsed
    };
    let weight = Weight::parse(&draft.weight);
    let target = match draft.target.trim().is_empty() {
        true => Some(None),
        false => number(&draft.target, VALUE_PLACES).map(Some),
    };
    let rule = match &draft.rule {
        RuleDraft::Proportional { cap } => {
            number(cap, SCORE_PLACES).map(|cap| Rule::Proportional { cap })
        }
        RuleDraft::Inverse { cap } => number(cap, SCORE_PLACES).map(|cap| Rule::Inverse { cap }),
        RuleDraft::Banded {
            higher_is_better,
            bands,
            otherwise,
        } => {
            let rows: Vec<Option<ScoreBand>> = bands
                .iter()
                .map(|(bound, score)| {
                    let bound = number(bound, VALUE_PLACES);
                    let score = number(score, SCORE_PLACES);
                    Some(ScoreBand {
                        bound: bound?,
                        score: score?,
                    })
                })
                .collect();
            let otherwise = number(otherwise, SCORE_PLACES);
            match (rows.into_iter().collect::<Option<Vec<_>>>(), otherwise) {
                (Some(bands), Some(otherwise)) => Some(Rule::Banded {
                    higher_is_better: *higher_is_better,
                    bands,
                    otherwise,
                }),
                _ => None,
            }
        }
        RuleDraft::Deduction { full, per, floor } => {
            let (full, per, floor) = (
                number(full, SCORE_PLACES),
                number(per, SCORE_PLACES),
                number(floor, SCORE_PLACES),
            );
            Some(Rule::Deduction {
                full: full?,
                per: per?,
                floor: floor?,
            })
        }
        RuleDraft::Manual { reason_below } => {
            number(reason_below, SCORE_PLACES).map(|reason_below| Rule::Manual { reason_below })
        }
        RuleDraft::PassFail => Some(Rule::PassFail),
    };
    if weight.is_none() {
        problems.add(
            field,
            Problem::InvalidNumber {
                decimals: SCORE_PLACES,
            },
        );
    }
    Some(Indicator {
        dimension: draft.dimension.trim().to_string(),
        name: crate::domain::text::cleaned(&draft.name),
        weight: weight?,
        target: target?,
        rule: rule?,
        source: draft.source,
    })
}

/// A banded rule's bands as one line of text: `bound:score, bound:score`.
pub fn bands_text(bands: &[(String, String)]) -> String {
    bands
        .iter()
        .map(|(bound, score)| format!("{bound}:{score}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The bands typed as one line of text, half-width or full-width separators alike (a Chinese keyboard types `，`
/// and `：`); a part without a colon is a bound with no score yet (the draft's check names it).
pub fn bands_of(text: &str) -> Vec<(String, String)> {
    text.split([',', '，'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once([':', '：']) {
            Some((bound, score)) => (bound.trim().to_string(), score.trim().to_string()),
            None => (part.to_string(), String::new()),
        })
        .collect()
}
