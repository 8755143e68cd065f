//! Exact fractions for figures: rounding half up once, exact comparison, and no figure over nothing.

use aftersales::domain::ratio::Ratio;
use std::cmp::Ordering;

/// Figures as exact fractions: nothing to divide by is no figure; rounding is half up, once; comparison is exact.
#[test]
fn ratios_round_half_up_compare_exactly_and_refuse_an_empty_denominator() {
    assert_eq!(Ratio::of(3, 0), None, "no data, not 0 % or NaN");
    let cases: [(u64, u64, u64); 6] = [
        (2, 3, 667),   // 66.666… → 66.7 %
        (1, 8, 125),   // 12.5 % exactly
        (1, 2000, 1),  // 0.05 % → 0.1 % (half up)
        (1, 2001, 0),  // 0.0499… % → 0.0 %
        (19, 20, 950), // 95.0 %
        (u64::MAX, u64::MAX, 1000),
    ];
    for (numerator, denominator, tenths) in cases {
        let ratio = Ratio::of(numerator, denominator).unwrap();
        assert_eq!(ratio.percent_tenths(), tenths, "{numerator}/{denominator}");
    }
    let half = Ratio::of(1, 2).unwrap();
    let two_quarters = Ratio::of(2, 4).unwrap();
    assert_eq!(half.compare(&two_quarters), Ordering::Equal);
    assert_ne!(
        half, two_quarters,
        "the counts differ, and an explanation shows them"
    );
    let just_below = Ratio::of(949_999_999, 1_000_000_000).unwrap();
    let target = Ratio::of(95, 100).unwrap();
    assert_eq!(
        just_below.compare(&target),
        Ordering::Less,
        "94.9999999 % misses 95 %"
    );
    assert_eq!(
        just_below.percent_tenths(),
        950,
        "though it shows as 95.0 %"
    );
}
