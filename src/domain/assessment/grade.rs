//! Grades (R6.4): bands of the shown score, each with its label, from the highest down.
//!
//! Owns: `GradeScale` (the seed's three label sets built in, bands editable), `Band`, choosing a grade for a score as
//! shown, and the check of an edited scale. Must not: round (the score arrives as `Shown`, rounded once) or decide
//! what a grade leads to (that is `outcome`).

use serde::{Deserialize, Serialize};

use super::exact::Shown;
use crate::domain::error::{Checked, Field, Problem, Problems};

/// One grade: reached from `from` (inclusive, as shown) up to the next band's `from`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Band {
    pub label: String,
    pub from: Shown,
    /// Whether this grade passes: two results in a row that do not flag a dismissal review (R6.6, S2 6.2).
    pub passes: bool,
}

/// The bands, highest first; the last starts at 0, so every score has a grade.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GradeScale {
    bands: Vec<Band>,
}

impl Default for GradeScale {
    /// 优 ≥ 90, 良 ≥ 80, 中 ≥ 70, 较差 ≥ 60, 差 below (S21 第19条).
    fn default() -> Self {
        GradeScale::of(&[
            ("优", 90, true),
            ("良", 80, true),
            ("中", 70, true),
            ("较差", 60, true),
            ("差", 0, false),
        ])
    }
}

impl GradeScale {
    /// 优秀/良好/合格/待提升/不合格 (S2 4.1; the seed gives no bands: the S21 ones are used).
    pub fn five_levels() -> GradeScale {
        GradeScale::of(&[
            ("优秀", 90, true),
            ("良好", 80, true),
            ("合格", 70, true),
            ("待提升", 60, true),
            ("不合格", 0, false),
        ])
    }

    /// 优秀/良好/一般/不合格 (S14; bands 90/75/60 where the seed gives none).
    pub fn four_levels() -> GradeScale {
        GradeScale::of(&[
            ("优秀", 90, true),
            ("良好", 75, true),
            ("一般", 60, true),
            ("不合格", 0, false),
        ])
    }

    fn of(bands: &[(&str, u64, bool)]) -> GradeScale {
        GradeScale {
            bands: bands
                .iter()
                .map(|(label, from, passes)| Band {
                    label: label.to_string(),
                    from: Shown(from * 100),
                    passes: *passes,
                })
                .collect(),
        }
    }

    /// An edited scale: labels given and distinct, bands strictly falling, the last from 0.
    pub fn new(bands: Vec<Band>) -> Checked<GradeScale> {
        let mut problems = Problems::default();
        if bands.is_empty() {
            problems.add(Field::Grades, Problem::Required);
        }
        for (index, band) in bands.iter().enumerate() {
            if band.label.trim().is_empty() {
                problems.add(Field::Grades, Problem::Required);
            } else if bands[..index]
                .iter()
                .any(|b| b.label.trim() == band.label.trim())
            {
                problems.add(Field::Grades, Problem::DuplicateName);
            }
            if index > 0 && band.from >= bands[index - 1].from {
                problems.add(Field::Grades, Problem::BandsNotFalling);
            }
        }
        if bands.last().is_some_and(|b| b.from != Shown(0)) {
            problems.add(Field::Grades, Problem::LowestBandFromZero);
        }
        problems.finish(|| GradeScale { bands })
    }

    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The grade of a score as shown: the first band it reaches.
    pub fn grade(&self, score: Shown) -> &Band {
        self.bands
            .iter()
            .find(|band| score >= band.from)
            .or(self.bands.last())
            .expect("a scale has bands")
    }

    /// The band's position, 0 the highest (outcomes are configured per position).
    pub fn rank(&self, score: Shown) -> usize {
        self.bands
            .iter()
            .position(|band| score >= band.from)
            .unwrap_or(self.bands.len() - 1)
    }
}
