//! Exact numbers for assessment (R6.4): scores, indicator values, targets and weights, never floating point.
//!
//! Owns: `Exact` — a non-negative fraction kept in lowest terms, so a mean of three raters (x / 3) stays exact until
//! the one rounding — `Shown`, a score as shown (hundredths, rounded half up once), and `Weight`, a share in
//! hundredths of a percent (100 % = 10 000). Must not: know what a score means (rules, grades) or format for a
//! language beyond the plain digits every language shows alike.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, Mul};

use serde::{Deserialize, Serialize};

/// A non-negative fraction in lowest terms; the denominator is never 0. In JSON (an export) it is the text
/// "numerator/denominator" ("7" for a whole number): exact, readable, and checked when read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Exact {
    numerator: u128,
    denominator: u128,
}

impl From<Exact> for String {
    fn from(value: Exact) -> String {
        match value.denominator {
            1 => value.numerator.to_string(),
            d => format!("{}/{d}", value.numerator),
        }
    }
}

impl TryFrom<String> for Exact {
    type Error = String;
    /// "n/d" or "n", digits only, a denominator that is not 0: reduced to lowest terms.
    fn try_from(text: String) -> Result<Exact, String> {
        let (numerator, denominator) = text.split_once('/').unwrap_or((&text, "1"));
        let number = |part: &str| match part.bytes().all(|b| b.is_ascii_digit()) {
            true => part.parse::<u128>().ok(),
            false => None,
        };
        number(numerator)
            .zip(number(denominator))
            .and_then(|(n, d)| Exact::ratio(n, d))
            .ok_or_else(|| format!("not an exact number: {text:?}"))
    }
}

impl Exact {
    pub const ZERO: Exact = Exact {
        numerator: 0,
        denominator: 1,
    };
    pub const HUNDRED: Exact = Exact {
        numerator: 100,
        denominator: 1,
    };

    pub fn whole(value: u64) -> Exact {
        Exact::ratio(u128::from(value), 1).expect("1 is not 0")
    }

    /// `numerator / denominator`; `None` when the denominator is 0.
    pub fn ratio(numerator: u128, denominator: u128) -> Option<Exact> {
        if denominator == 0 {
            return None;
        }
        let divisor = gcd(numerator, denominator);
        Some(Exact {
            numerator: numerator / divisor,
            denominator: denominator / divisor,
        })
    }

    /// `value` hundredths (a score as shown, back as a number).
    pub fn hundredths(value: u64) -> Exact {
        Exact::ratio(u128::from(value), 100).expect("100 is not 0")
    }

    /// A decimal as typed — digits, at most one point, at most `max_places` after it; spaces around are ignored.
    pub fn parse(text: &str, max_places: u32) -> Option<Exact> {
        let text = text.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty()
            || !digits_only(whole)
            || !digits_only(fraction)
            || fraction.len() as u32 > max_places
            || whole.len() + fraction.len() > 30
        {
            return None;
        }
        let scale = 10u128.pow(fraction.len() as u32);
        let whole: u128 = match whole.is_empty() {
            true => 0,
            false => whole.parse().ok()?,
        };
        let fraction: u128 = match fraction.is_empty() {
            true => 0,
            false => fraction.parse().ok()?,
        };
        Exact::ratio(whole.checked_mul(scale)?.checked_add(fraction)?, scale)
    }

    pub fn numerator(&self) -> u128 {
        self.numerator
    }

    pub fn denominator(&self) -> u128 {
        self.denominator
    }

    pub fn is_zero(&self) -> bool {
        self.numerator == 0
    }

    fn sum(self, other: Exact) -> Exact {
        let denominator = lcm(self.denominator, other.denominator);
        Exact::ratio(
            self.numerator * (denominator / self.denominator)
                + other.numerator * (denominator / other.denominator),
            denominator,
        )
        .expect("a product of denominators is not 0")
    }

    /// `self − other`, or 0 when `other` is larger (a score never goes below nothing).
    pub fn saturating_sub(self, other: Exact) -> Exact {
        if self <= other {
            return Exact::ZERO;
        }
        let denominator = lcm(self.denominator, other.denominator);
        Exact::ratio(
            self.numerator * (denominator / self.denominator)
                - other.numerator * (denominator / other.denominator),
            denominator,
        )
        .expect("a product of denominators is not 0")
    }

    fn product(self, other: Exact) -> Exact {
        // Cross-reduce first so the products stay small.
        let a = gcd(self.numerator, other.denominator);
        let b = gcd(other.numerator, self.denominator);
        Exact::ratio(
            (self.numerator / a) * (other.numerator / b),
            (self.denominator / b) * (other.denominator / a),
        )
        .expect("denominators are not 0")
    }

    /// `self / other`; `None` for a division by 0.
    pub fn checked_div(self, other: Exact) -> Option<Exact> {
        if other.is_zero() {
            return None;
        }
        Some(self.product(Exact {
            numerator: other.denominator,
            denominator: other.numerator,
        }))
    }

    /// The arithmetic mean; `None` for no values.
    pub fn mean(values: &[Exact]) -> Option<Exact> {
        let sum = values.iter().fold(Exact::ZERO, |sum, v| sum + *v);
        sum.checked_div(Exact::whole(values.len() as u64))
    }

    /// `self × weight` (a share: 40 % of 80 is 32).
    pub fn share(self, weight: Weight) -> Exact {
        self * weight.as_fraction()
    }

    /// Rounded once, half up, to two places: the score as shown (89.995 → 90.00).
    pub fn shown(self) -> Shown {
        let scaled = self.numerator * 100;
        let whole = scaled / self.denominator;
        let rest = scaled % self.denominator;
        let up = u128::from(rest * 2 >= self.denominator);
        Shown(u64::try_from(whole + up).unwrap_or(u64::MAX))
    }
}

impl Add for Exact {
    type Output = Exact;

    fn add(self, other: Exact) -> Exact {
        self.sum(other)
    }
}

impl Mul for Exact {
    type Output = Exact;

    fn mul(self, other: Exact) -> Exact {
        self.product(other)
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.numerator * other.denominator).cmp(&(other.numerator * self.denominator))
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Exact {
    /// Up to four places, trailing zeros dropped; a value needing more is shown rounded half up after "≈", so an
    /// explanation never passes a rounded figure off as exact.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scaled = self.numerator * 10_000;
        let mut ten_thousandths = scaled / self.denominator;
        let rest = scaled % self.denominator;
        if rest * 2 >= self.denominator {
            ten_thousandths += 1;
        }
        let about = if rest == 0 { "" } else { "≈" };
        let whole = ten_thousandths / 10_000;
        let fraction = ten_thousandths % 10_000;
        let text = match fraction {
            0 => format!("{about}{whole}"),
            _ => {
                let digits = format!("{fraction:04}");
                format!("{about}{whole}.{}", digits.trim_end_matches('0'))
            }
        };
        f.pad(&text)
    }
}

/// A score as shown: hundredths, after the one rounding. The grade is decided on this (R6.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Shown(pub u64);

impl Shown {
    pub const HUNDRED: Shown = Shown(10_000);

    pub fn as_exact(self) -> Exact {
        Exact::hundredths(self.0)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{}.{:02}", self.0 / 100, self.0 % 100))
    }
}

/// A share in hundredths of a percent: `Weight(4000)` is 40 %, `Weight(1250)` 12.5 %.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Weight(pub u32);

impl Weight {
    pub const WHOLE: Weight = Weight(10_000);

    pub fn percent(value: u32) -> Weight {
        Weight(value * 100)
    }

    /// A percentage as typed ("12.5"), at most two places, at most 100.
    pub fn parse(text: &str) -> Option<Weight> {
        Weight::parse_up_to(text, Weight::WHOLE)
    }

    /// A percentage as typed, at most two places, at most `max` (a bonus coefficient may pass 100 %).
    pub fn parse_up_to(text: &str, max: Weight) -> Option<Weight> {
        let value = Exact::parse(text.trim().trim_end_matches('%'), 2)?;
        let hundredths = value * Exact::HUNDRED;
        (hundredths.denominator == 1 && hundredths.numerator <= u128::from(max.0))
            .then_some(Weight(hundredths.numerator as u32))
    }

    pub fn as_fraction(self) -> Exact {
        Exact::ratio(u128::from(self.0), 10_000).expect("10 000 is not 0")
    }

    pub fn total(weights: impl IntoIterator<Item = Weight>) -> Weight {
        Weight(weights.into_iter().map(|w| w.0).sum())
    }
}

impl fmt::Display for Weight {
    /// "40%", "12.5%", "33.33%".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 100;
        f.pad(&match self.0 % 100 {
            0 => format!("{whole}%"),
            part if part % 10 == 0 => format!("{whole}.{}%", part / 10),
            part => format!("{whole}.{part:02}%"),
        })
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

fn lcm(a: u128, b: u128) -> u128 {
    a / gcd(a, b) * b
}
