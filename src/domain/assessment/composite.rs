//! The 360° composite (R6.3, S21 第18条): superior mean × 40 % + peer mean × 30 % + subordinate mean × 30 %, with the
//! seed's fallbacks — no peers: superior 60 % + subordinates 40 %; no subordinates: superior 60 % + peers 40 %;
//! neither: superior 100 %.
//!
//! Owns: `RaterWeights` (configurable: the three-way split totalling 100 %, and the superior's share when only one other
//! group rated), `RaterScores` (one indicator's scores by relation) and `composite` — which fallback applied and the
//! weights used, for the explanation. Must not: know who the raters are (the org gives them, `org::raters`) or show
//! who gave which score (the explanation carries means only).

use serde::{Deserialize, Serialize};

use super::exact::{Exact, Weight};
use crate::domain::error::{Checked, Field, Problem, Problems};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RaterWeights {
    pub superior: Weight,
    pub peer: Weight,
    pub subordinate: Weight,
    /// The superior's share when only peers or only subordinates rated besides (the seed's 60 %; they get the rest).
    pub superior_of_two: Weight,
}

impl Default for RaterWeights {
    fn default() -> Self {
        RaterWeights {
            superior: Weight::percent(40),
            peer: Weight::percent(30),
            subordinate: Weight::percent(30),
            superior_of_two: Weight::percent(60),
        }
    }
}

impl RaterWeights {
    /// Edited weights: the three must total exactly 100 %, and the superior's shares may not be 0 (every fallback
    /// rests on the superior).
    pub fn new(
        superior: Weight,
        peer: Weight,
        subordinate: Weight,
        superior_of_two: Weight,
    ) -> Checked<RaterWeights> {
        let mut problems = Problems::default();
        let total = Weight::total([superior, peer, subordinate]);
        if total != Weight::WHOLE {
            problems.add(
                Field::RaterWeights,
                Problem::WeightsTotal { total: total.0 },
            );
        }
        if superior == Weight(0) || superior_of_two == Weight(0) || superior_of_two > Weight::WHOLE
        {
            problems.add(Field::RaterWeights, Problem::SuperiorWeightZero);
        }
        problems.finish(|| RaterWeights {
            superior,
            peer,
            subordinate,
            superior_of_two,
        })
    }
}

/// One indicator's scores by the rater's relation to the assessed person (who gave which is not kept here).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RaterScores {
    pub superior: Vec<Exact>,
    pub peers: Vec<Exact>,
    pub subordinates: Vec<Exact>,
}

/// Which of the four situations applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fallback {
    /// Superior, peers and subordinates all rated.
    AllThree,
    NoPeers,
    NoSubordinates,
    SuperiorOnly,
}

/// The composite and how it was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composite {
    pub value: Exact,
    pub fallback: Fallback,
    /// The weights used, after the fallback: superior, peers, subordinates.
    pub weights: (Weight, Weight, Weight),
    pub superior_mean: Exact,
    pub peer_mean: Option<Exact>,
    pub subordinate_mean: Option<Exact>,
}

/// The composite of `scores` under `weights`; `None` while the superior has not rated (the superior's score is the
/// one no fallback replaces).
pub fn composite(scores: &RaterScores, weights: RaterWeights) -> Option<Composite> {
    let superior_mean = Exact::mean(&scores.superior)?;
    let peer_mean = Exact::mean(&scores.peers);
    let subordinate_mean = Exact::mean(&scores.subordinates);
    let RaterWeights {
        superior,
        peer,
        subordinate,
        superior_of_two: of_two,
    } = weights;
    let other_of_two = Weight(Weight::WHOLE.0.saturating_sub(of_two.0));
    let (fallback, used) = match (peer_mean, subordinate_mean) {
        (Some(_), Some(_)) => (Fallback::AllThree, (superior, peer, subordinate)),
        (None, Some(_)) => (Fallback::NoPeers, (of_two, Weight(0), other_of_two)),
        (Some(_), None) => (Fallback::NoSubordinates, (of_two, other_of_two, Weight(0))),
        (None, None) => (
            Fallback::SuperiorOnly,
            (Weight::WHOLE, Weight(0), Weight(0)),
        ),
    };
    let value = superior_mean.share(used.0)
        + peer_mean.unwrap_or(Exact::ZERO).share(used.1)
        + subordinate_mean.unwrap_or(Exact::ZERO).share(used.2);
    Some(Composite {
        value,
        fallback,
        weights: used,
        superior_mean,
        peer_mean,
        subordinate_mean,
    })
}
