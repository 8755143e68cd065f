//! What a provider's failures cost (R7.3, seed S18 2.1.2, 2.1.5, the complaint and peak-event fines): the
//! amounts in 分 and the year's bad-review rule, each set of rules in force from a day until a later one, so a
//! statement of last year still computes last year's way.
//!
//! Owns: `PenaltyRules` (a record per set, last writer wins per field), `BadReviewRule`, the seed's defaults,
//! `in_force` and the rules form's check. Must not: count or de-duplicate anything (`provider_statement`,
//! `provider_reviews`) or round: every amount is whole 分, a rate is compared exactly.

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::dataset::Dataset;
use super::error::{Checked, Field, Problem, Problems};
use super::ids::Id;
use super::inputs::required_date;
use super::money::{Fen, parse_hundredths};
use super::ratio::Ratio;

/// The most one fine may be: ¥1,000,000.00 — more is a typo.
pub const FINE_MAX: Fen = Fen(100_000_000);
/// How many rate bands a rule may have.
pub const BANDS_MAX: usize = 10;

/// The amounts in force from `from` until the next set's `from`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PenaltyRules {
    pub from: Date,
    /// Per ticket voided as a false record (虚假用户信息, 2.1.2).
    pub false_record: Fen,
    /// Per complaint of the four causes.
    pub complaint: Fen,
    /// Per peak-event incident (6.18, 双11).
    pub peak_incident: Fen,
    pub bad_reviews: BadReviewRule,
}

/// The year's bad-review rule ("按当年最新满意度考核规则", 2.1.5).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum BadReviewRule {
    /// No rule set yet: bad reviews are counted and shown, and cost nothing.
    Unset,
    /// The same amount for every counted bad review.
    PerReview(Fen),
    /// An amount per counted bad review by how high the period's bad-review rate is: the highest band whose
    /// threshold the rate exceeds applies; at or below the lowest, nothing. Thresholds rise.
    RateBands(Vec<RateBand>),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RateBand {
    /// The rate this band starts above, in hundredths of a percent (250 = 2.50 %).
    pub above_basis_points: u32,
    pub per_review: Fen,
}

impl PenaltyRules {
    /// S18's amounts, in force until someone sets others: 1,000 元 per false record, 2,000 元 per complaint and per
    /// peak-event incident; the bad-review rule is the year's and has no default.
    pub fn seed() -> PenaltyRules {
        PenaltyRules {
            from: Date::new(2000, 1, 1).expect("a date"),
            false_record: Fen::yuan(1_000),
            complaint: Fen::yuan(2_000),
            peak_incident: Fen::yuan(2_000),
            bad_reviews: BadReviewRule::Unset,
        }
    }
}

/// What one counted bad review costs in a period of `rate` (counted bad reviews over completed tickets; `None`
/// when the provider completed nothing), and the band that decided it.
pub fn per_bad_review(rule: &BadReviewRule, rate: Option<Ratio>) -> (Fen, Option<RateBand>) {
    match rule {
        BadReviewRule::Unset => (Fen::ZERO, None),
        BadReviewRule::PerReview(amount) => (*amount, None),
        BadReviewRule::RateBands(bands) => {
            // Every bad review over no completed work is above any band.
            let above = |band: &RateBand| match rate {
                None => true,
                Some(rate) => rate
                    .compare(
                        &Ratio::of(u64::from(band.above_basis_points), 10_000)
                            .expect("a denominator"),
                    )
                    .is_gt(),
            };
            match bands.iter().rev().find(|band| above(band)) {
                Some(band) => (band.per_review, Some(band.clone())),
                None => (Fen::ZERO, None),
            }
        }
    }
}

/// The rules in force on `day`: the live set with the latest `from` on or before it (the later written if two
/// share a day), else the seed's. The id is `None` for the seed's.
pub fn in_force(data: &Dataset, day: Date) -> (Option<Id>, PenaltyRules) {
    data.penalty_rules
        .live()
        .filter(|(_, rules)| rules.from <= day)
        .max_by_key(|(id, rules)| (rules.from, data.penalty_rules.version(*id).map(|v| v.stamp)))
        .map(|(id, rules)| (Some(id), rules.clone()))
        .unwrap_or_else(|| (None, PenaltyRules::seed()))
}

/// Which bad-review rule the form sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadReviewChoice {
    Unset,
    PerReview,
    RateBands,
}

slugs!(BadReviewChoice {
    Unset => "Unset",
    PerReview => "PerReview",
    RateBands => "RateBands",
});

/// The rules form as typed: amounts in yuan, rates in percent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PenaltyDraft {
    pub from: String,
    pub false_record: String,
    pub complaint: String,
    pub peak_incident: String,
    pub choice: BadReviewChoice,
    pub per_review: String,
    /// (rate above, in percent; amount per review, in yuan), lowest first.
    pub bands: Vec<(String, String)>,
}

impl PenaltyDraft {
    /// The form showing `rules`.
    pub fn of(rules: &PenaltyRules) -> PenaltyDraft {
        let percent = |bp: u32| format!("{}.{:02}", bp / 100, bp % 100);
        let (choice, per_review, bands) = match &rules.bad_reviews {
            BadReviewRule::Unset => (BadReviewChoice::Unset, String::new(), Vec::new()),
            BadReviewRule::PerReview(amount) => (
                BadReviewChoice::PerReview,
                amount.to_yuan_text(),
                Vec::new(),
            ),
            BadReviewRule::RateBands(bands) => (
                BadReviewChoice::RateBands,
                String::new(),
                bands
                    .iter()
                    .map(|b| (percent(b.above_basis_points), b.per_review.to_yuan_text()))
                    .collect(),
            ),
        };
        PenaltyDraft {
            from: rules.from.to_string(),
            false_record: rules.false_record.to_yuan_text(),
            complaint: rules.complaint.to_yuan_text(),
            peak_incident: rules.peak_incident.to_yuan_text(),
            choice,
            per_review,
            bands,
        }
    }

    /// The rules as they would be saved under `id`: every amount a whole number of 分 from 0 to `FINE_MAX`, a
    /// rate from 0 to 100 %, thresholds rising, one set per day.
    pub fn check(&self, id: Id, data: &Dataset) -> Checked<PenaltyRules> {
        let mut problems = Problems::default();
        let from = required_date(&self.from, Field::Date, &mut problems);
        if let Some(day) = from
            && data
                .penalty_rules
                .live()
                .any(|(other, rules)| other != id && rules.from == day)
        {
            problems.add(Field::Date, Problem::RulesSameDay);
        }
        let false_record = fine(&self.false_record, Field::FalseRecordFine, &mut problems);
        let complaint = fine(&self.complaint, Field::ComplaintFine, &mut problems);
        let peak_incident = fine(&self.peak_incident, Field::PeakFine, &mut problems);
        let bad_reviews = match self.choice {
            BadReviewChoice::Unset => BadReviewRule::Unset,
            BadReviewChoice::PerReview => BadReviewRule::PerReview(fine(
                &self.per_review,
                Field::PerReviewFine,
                &mut problems,
            )),
            BadReviewChoice::RateBands => {
                if self.bands.is_empty() {
                    problems.add(Field::Band(0), Problem::Required);
                }
                if self.bands.len() > BANDS_MAX {
                    problems.add(
                        Field::Band(BANDS_MAX),
                        Problem::OutOfRange {
                            min: 1,
                            max: BANDS_MAX as i64,
                        },
                    );
                }
                let mut bands: Vec<RateBand> = Vec::new();
                for (i, (rate, amount)) in self.bands.iter().enumerate() {
                    let above = match parse_hundredths(rate.trim().trim_end_matches('%')) {
                        None if rate.trim().is_empty() => {
                            problems.add(Field::Band(i), Problem::Required);
                            None
                        }
                        Some(bp @ 0..=10_000) => Some(bp as u32),
                        _ => {
                            problems.add(Field::Band(i), Problem::OutOfRange { min: 0, max: 100 });
                            None
                        }
                    };
                    if let Some(above) = above
                        && bands.last().is_some_and(|b| b.above_basis_points >= above)
                    {
                        problems.add(Field::Band(i), Problem::BandsNotRising);
                    }
                    let above = above.unwrap_or(0);
                    let per_review = fine(amount, Field::BandFine(i), &mut problems);
                    bands.push(RateBand {
                        above_basis_points: above,
                        per_review,
                    });
                }
                BadReviewRule::RateBands(bands)
            }
        };
        problems.finish(|| PenaltyRules {
            from: from.expect("checked"),
            false_record,
            complaint,
            peak_incident,
            bad_reviews,
        })
    }
}

/// A fine as typed in yuan: required, a number, not negative, at most `FINE_MAX`.
fn fine(raw: &str, field: Field, problems: &mut Problems) -> Fen {
    match Fen::parse_yuan(raw) {
        None if raw.trim().is_empty() => {
            problems.add(field, Problem::Required);
            Fen::ZERO
        }
        None => {
            problems.add(field, Problem::InvalidAmount);
            Fen::ZERO
        }
        Some(fen) if fen < Fen::ZERO => {
            problems.add(field, Problem::NegativeAmount);
            Fen::ZERO
        }
        Some(fen) if fen > FINE_MAX => {
            problems.add(field, Problem::AmountTooLarge { max: FINE_MAX });
            Fen::ZERO
        }
        Some(fen) => fen,
    }
}
