//! Money in integer 分 (fen): never floating point (R2.6). Owns `Fen`, its checked arithmetic and its display
//! as yuan with two decimals. Must not: round — every amount is a whole number of fen.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);
    /// The most one price may be (a quote's unit price, a price-list item): ¥1,000,000.00 — more is a typo.
    pub const PRICE_MAX: Fen = Fen(100_000_000);

    pub fn yuan(yuan: i64) -> Fen {
        Fen(yuan * 100)
    }

    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }

    pub fn checked_mul(self, times: u32) -> Option<Fen> {
        self.0.checked_mul(i64::from(times)).map(Fen)
    }

    /// Parses what a person types as yuan: "120", "120.5", "120.50", "1,200.00". At most two decimals.
    pub fn parse_yuan(text: &str) -> Option<Fen> {
        parse_hundredths(text).map(Fen)
    }
}

/// A decimal number as typed with at most two decimals ("120", "-2.5", "1,200.00"), in hundredths: yuan as fen, a
/// percentage as basis points. A comma only groups thousands ("1,200", "12,345,678.90"): "50,00" or "1,5" — a
/// decimal comma — is refused rather than read as 5000 or 15. `None` for anything else or too large a number.
pub fn parse_hundredths(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (grouped, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let groups: Vec<&str> = grouped.split([',', '，']).collect();
    let grouped_by_thousands = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|group| group.len() == 3));
    let whole = groups.concat();
    let valid = grouped_by_thousands
        && !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.len() <= 2
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !valid {
        return None;
    }
    let cents = format!("{fraction:0<2}");
    let value = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents.parse::<i64>().ok()?)?;
    Some(if negative { -value } else { value })
}

impl Fen {
    /// As typed in an amount field: "1234.50" (no symbol, no grouping); `parse_yuan` reads it back.
    pub fn to_yuan_text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl fmt::Display for Fen {
    /// "¥1,234.50"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}¥{grouped}.{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_yuan_become_exact_fen() {
        let table = [
            ("120", Some(12_000)),
            ("120.5", Some(12_050)),
            ("120.05", Some(12_005)),
            ("1,200.00", Some(120_000)),
            ("-3", Some(-300)),
            ("0.1", Some(10)),
            ("1.005", None),
            ("abc", None),
            ("", None),
            (".5", None),
        ];
        for (text, fen) in table {
            assert_eq!(Fen::parse_yuan(text), fen.map(Fen), "{text:?}");
        }
    }

    #[test]
    fn shown_as_yuan_with_grouping() {
        assert_eq!(Fen(123_456_789).to_string(), "¥1,234,567.89");
        assert_eq!(Fen(5).to_string(), "¥0.05");
        assert_eq!(Fen(-100_000).to_string(), "-¥1,000.00");
    }
}
