//! Exact fractions for figures (R5): a KPI such as 一次修复率 is "this many of that many", kept as the two integers
//! and only rounded — once, half up — when shown. A figure over nothing is no figure: `Ratio::of(_, 0)` is `None`,
//! never 0 % and never NaN.
//!
//! Owns: `Ratio` (compare values exactly, scale and round half up). Must not: format for display (the i18n layer writes
//! "95.3 %" from `percent_tenths`) or use floating point.

use std::cmp::Ordering;

/// `numerator / denominator`, denominator > 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ratio {
    numerator: u64,
    denominator: u64,
}

impl Ratio {
    /// The fraction, or `None` when there is nothing to divide by.
    pub fn of(numerator: u64, denominator: u64) -> Option<Ratio> {
        (denominator > 0).then_some(Ratio {
            numerator,
            denominator,
        })
    }

    pub fn numerator(&self) -> u64 {
        self.numerator
    }

    pub fn denominator(&self) -> u64 {
        self.denominator
    }

    /// `self × factor`, rounded half up to a whole number: `scaled(1000)` of 2/3 is 667.
    pub fn scaled(&self, factor: u64) -> u64 {
        let numerator = u128::from(self.numerator) * u128::from(factor);
        let denominator = u128::from(self.denominator);
        ((2 * numerator + denominator) / (2 * denominator)) as u64
    }

    /// In tenths of a percent, rounded half up: 953 is 95.3 %.
    pub fn percent_tenths(&self) -> u64 {
        self.scaled(1000)
    }

    /// The values compared exactly, by cross-multiplying (2/4 and 1/2 are equal here, though their counts — what
    /// `==` compares, and what an explanation shows — differ).
    pub fn compare(&self, other: &Ratio) -> Ordering {
        let left = u128::from(self.numerator) * u128::from(other.denominator);
        let right = u128::from(other.numerator) * u128::from(self.denominator);
        left.cmp(&right)
    }
}
