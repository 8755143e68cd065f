//! Scoring rules (R6.2): how an indicator's value becomes a score out of 100, and why.
//!
//! Owns: `Rule` (proportional to target and capped, inverse for lower-is-better, a banded table, a deduction per
//! occurrence with a floor, a manual score with a reason required below a threshold, pass/fail), `Entry` (what an
//! indicator was given), `score` and `ScoreBasis` — the explanation of the score in data. Must not: weigh the score
//! (that is the sheet's) or fetch a KPI (the caller passes the value).

use serde::{Deserialize, Serialize};

use super::exact::Exact;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    /// `value ÷ target × 100`, never above `cap` (e.g. 100, or 120 to reward beating the target).
    Proportional { cap: Exact },
    /// Lower is better: `target ÷ value × 100`, never above `cap`; a value of 0 earns the cap.
    Inverse { cap: Exact },
    /// A table: the first band the value reaches gives its score — from above (`higher_is_better`: value ≥ the
    /// band's bound) or from below (value ≤ the bound) — and a value reaching none scores `otherwise`.
    Banded {
        higher_is_better: bool,
        bands: Vec<ScoreBand>,
        otherwise: Exact,
    },
    /// `full − per × occurrences`, never below `floor`.
    Deduction {
        full: Exact,
        per: Exact,
        floor: Exact,
    },
    /// A score typed by a person (0–100); one below `reason_below` needs a written reason.
    Manual { reason_below: Exact },
    /// Met: 100; not met: 0.
    PassFail,
}

/// One row of a banded table: a value reaching `bound` scores `score`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScoreBand {
    pub bound: Exact,
    pub score: Exact,
}

/// What an indicator was given for one person and period.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Entry {
    /// A measured value: a KPI's figure or a figure typed in, in the indicator's unit.
    Value(Exact),
    /// How many times it happened (deductions).
    Count(u64),
    /// A score typed by a person, with the reason they gave (may be empty).
    Score {
        score: Exact,
        reason: String,
    },
    Met(bool),
}

/// Why an entry could not be scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleError {
    /// The rule needs a target and the indicator has none.
    NoTarget,
    /// The rule scores another kind of entry (a count given to a proportional rule, …).
    WrongEntry,
    /// A typed score above 100.
    ScoreAbove100,
    /// A typed score below the rule's threshold without a reason.
    ReasonRequired { below: Exact },
}

/// How the score came about, for the explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScoreBasis {
    Proportional {
        value: Exact,
        target: Exact,
        capped: bool,
    },
    Inverse {
        value: Exact,
        target: Exact,
        capped: bool,
    },
    /// The band reached, by position, or `None` for "otherwise".
    Banded {
        value: Exact,
        band: Option<usize>,
    },
    Deduction {
        occurrences: u64,
        floored: bool,
    },
    Manual {
        reason: String,
    },
    PassFail {
        met: bool,
    },
}

/// The score (0 to the rule's cap) of `entry` under `rule` with `target`, and how it came about.
pub fn score(
    rule: &Rule,
    target: Option<Exact>,
    entry: &Entry,
) -> Result<(Exact, ScoreBasis), RuleError> {
    match (rule, entry) {
        (Rule::Proportional { cap }, Entry::Value(value)) => {
            let target = target.ok_or(RuleError::NoTarget)?;
            let raw = (*value * Exact::HUNDRED)
                .checked_div(target)
                .ok_or(RuleError::NoTarget)?;
            let capped = raw > *cap;
            Ok((
                raw.min(*cap),
                ScoreBasis::Proportional {
                    value: *value,
                    target,
                    capped,
                },
            ))
        }
        (Rule::Inverse { cap }, Entry::Value(value)) => {
            let target = target.ok_or(RuleError::NoTarget)?;
            let raw = (target * Exact::HUNDRED)
                .checked_div(*value)
                .unwrap_or(*cap);
            let capped = raw >= *cap;
            Ok((
                raw.min(*cap),
                ScoreBasis::Inverse {
                    value: *value,
                    target,
                    capped,
                },
            ))
        }
        (
            Rule::Banded {
                higher_is_better,
                bands,
                otherwise,
            },
            Entry::Value(value),
        ) => {
            let reached = bands.iter().position(|band| match higher_is_better {
                true => *value >= band.bound,
                false => *value <= band.bound,
            });
            let score = reached.map_or(*otherwise, |at| bands[at].score);
            Ok((
                score,
                ScoreBasis::Banded {
                    value: *value,
                    band: reached,
                },
            ))
        }
        (Rule::Deduction { full, per, floor }, Entry::Count(occurrences)) => {
            let deducted = full.saturating_sub(*per * Exact::whole(*occurrences));
            let floored = deducted < *floor;
            Ok((
                deducted.max(*floor),
                ScoreBasis::Deduction {
                    occurrences: *occurrences,
                    floored,
                },
            ))
        }
        (Rule::Manual { reason_below }, Entry::Score { score, reason }) => {
            if *score > Exact::HUNDRED {
                return Err(RuleError::ScoreAbove100);
            }
            if score < reason_below && reason.trim().is_empty() {
                return Err(RuleError::ReasonRequired {
                    below: *reason_below,
                });
            }
            Ok((
                *score,
                ScoreBasis::Manual {
                    reason: reason.trim().to_string(),
                },
            ))
        }
        (Rule::PassFail, Entry::Met(met)) => Ok((
            match met {
                true => Exact::HUNDRED,
                false => Exact::ZERO,
            },
            ScoreBasis::PassFail { met: *met },
        )),
        _ => Err(RuleError::WrongEntry),
    }
}

impl Rule {
    /// Whether the rule compares with a target (a sheet refuses such an indicator without one).
    pub fn needs_target(&self) -> bool {
        matches!(self, Rule::Proportional { .. } | Rule::Inverse { .. })
    }

    /// Whether a person types the score (the only rule a rater form can feed).
    pub fn is_manual(&self) -> bool {
        matches!(self, Rule::Manual { .. })
    }

    /// A manual score out of 100; below 60 needs a reason (the seed's 较差 line).
    pub fn manual() -> Rule {
        Rule::Manual {
            reason_below: Exact::whole(60),
        }
    }

    pub fn proportional() -> Rule {
        Rule::Proportional {
            cap: Exact::HUNDRED,
        }
    }

    pub fn inverse() -> Rule {
        Rule::Inverse {
            cap: Exact::HUNDRED,
        }
    }
}
