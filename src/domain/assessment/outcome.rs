//! What a result leads to (R6.6, S2 6.1–6.2): by grade, a bonus coefficient, a salary proposal, promotion eligibility,
//! mandatory training and an excellent-employee nomination; and, over a person's results, the flag for a dismissal
//! review after two failing results in a row.
//!
//! Owns: `OutcomeRules` (one `BandOutcome` per band of a scale, highest first, edited with the scheme), their defaults
//! from the seed, and `dismissal_review`; a scheme answers what a score leads to (`Scheme::outcome`). Must not: pay or
//! promote anyone — these are proposals HR acts on.

use serde::{Deserialize, Serialize};

use super::exact::Weight;
use super::grade::GradeScale;

/// A proposal for the salary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SalaryProposal {
    /// One step up the scale.
    Raise,
    Keep,
    /// A review towards one step down.
    Review,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BandOutcome {
    /// The bonus is the base bonus × this (120 % for the best grade).
    pub bonus: Weight,
    pub salary: SalaryProposal,
    pub promotion_eligible: bool,
    pub training_required: bool,
    /// Proposed as an excellent employee (优秀员工提名).
    pub nomination: bool,
}

/// One outcome per band of a scale, in its order (highest first).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OutcomeRules {
    pub by_band: Vec<BandOutcome>,
}

impl OutcomeRules {
    /// The highest bonus coefficient a grade may carry: three times the base bonus.
    pub const MAX_BONUS: Weight = Weight(30_000);

    /// The seed's rules laid on any scale: the best grade gets 120 % of the bonus, a raise, promotion eligibility and
    /// a nomination; the second 100 % and promotion eligibility (S2: 优秀和良好 → bonus and promotion chances); the
    /// middle ones 80 %; the second lowest 50 % and training; the lowest none, training and a salary review
    /// (S2 6.2: 待提升、不合格 → training and coaching).
    pub fn default_for(scale: &GradeScale) -> OutcomeRules {
        let count = scale.bands().len();
        let by_band = (0..count)
            .map(|rank| {
                let lowest = rank + 1 == count;
                let second_lowest = rank + 2 == count && count > 2;
                BandOutcome {
                    bonus: Weight::percent(match rank {
                        _ if lowest => 0,
                        _ if second_lowest => 50,
                        0 => 120,
                        1 => 100,
                        _ => 80,
                    }),
                    salary: match rank {
                        0 => SalaryProposal::Raise,
                        _ if lowest => SalaryProposal::Review,
                        _ => SalaryProposal::Keep,
                    },
                    promotion_eligible: rank <= 1 && !lowest && !second_lowest,
                    training_required: lowest || second_lowest,
                    nomination: rank == 0,
                }
            })
            .collect();
        OutcomeRules { by_band }
    }
}

/// Whether a person's results (oldest first; `passes` of each result's grade) call for a dismissal review: the last
/// two both failed (S2 6.2 "多次考核结果不合格", R6.6 "twice in a row").
pub fn dismissal_review(passes: &[bool]) -> bool {
    matches!(passes, [.., false, false])
}
