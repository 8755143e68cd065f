//! A customer's contact details compared and shown: what counts as a phone number, how it is masked in lists
//! (R10.2: 138****1234), and an address reduced to what tells two apart.
//!
//! Must not: store anything about a person.

/// Digits only, as entered without spaces, dashes or a leading +86.
pub fn normalise_phone(raw: &str) -> String {
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
    match digits.strip_prefix("86") {
        Some(rest) if digits.len() == 13 && raw.trim_start().starts_with('+') => rest.to_string(),
        _ => digits,
    }
}

/// A mainland mobile (11 digits starting with 1) or a landline with area code (7–12 digits starting with 0),
/// or a 400/800 hotline (10 digits). Only digits, spaces, dashes, parentheses and a leading + are allowed.
pub fn is_phone(raw: &str) -> bool {
    let allowed = raw.trim().chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    let digits = normalise_phone(raw);
    let mobile = digits.len() == 11 && digits.starts_with('1');
    let landline = (8..=12).contains(&digits.len()) && digits.starts_with('0');
    let hotline = digits.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"));
    allowed && (mobile || landline || hotline)
}

/// Keeps the first three and last four digits: 13812341234 → 138****1234.
pub fn mask_phone(raw: &str) -> String {
    if raw.starts_with(super::retention::PSEUDONYM_PREFIX) {
        return "—".into();
    }
    let digits = normalise_phone(raw);
    let count = digits.chars().count();
    if count < 8 {
        return "*".repeat(count);
    }
    format!(
        "{}{}{}",
        &digits[..3],
        "*".repeat(count - 7),
        &digits[count - 4..]
    )
}

/// An address compared as its letters and digits, lower case: "上海市 浦东新区, 1号" = "上海市浦东新区1号" (the same
/// customer, S18 2.1.4).
pub fn address_key(address: &str) -> String {
    address
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_as_people_write_them() {
        let table = [
            ("13812341234", true),
            ("138-1234-1234", true),
            ("+86 138 1234 1234", true),
            ("010-12345678", true),
            ("0755 8888 6666", true),
            ("400-820-8820", true),
            ("1381234123", false),
            ("23812341234", false),
            ("phone", false),
            ("", false),
            ("138123412a4", false),
        ];
        for (raw, expected) in table {
            assert_eq!(is_phone(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn masks_keep_three_and_four_digits() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("+86 138 1234 1234"), "138****1234");
        assert_eq!(mask_phone("010-12345678"), "010****5678");
        assert_eq!(mask_phone("123"), "***");
    }
}
