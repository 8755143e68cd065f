//! The standards self-assessment's score (R8.2): clause findings, the result over applicable points, specials
//! outside it, the bands at every edge.

use aftersales::domain::assessment::exact::Exact;
use aftersales::domain::error::{Field, Problem, Problems};
use aftersales::domain::standards::{
    Band, Finding, Special, check_findings, check_specials, score,
};

fn points(n: u64) -> Exact {
    Exact::whole(n)
}

/// The hand-computed case: clauses of 6, 4, 5 and 5 points; the 4-point clause does not conform, the
/// 5-point sampled clause has 8 of 10 items conforming, one 5-point clause does not apply.
/// earned = 6 + 0 + 5 × 8/10 = 10 of 15 applicable → 66 2/3; one deduction → 65 2/3; not conforming.
#[test]
fn a_non_conforming_clause_a_sample_at_80_percent_and_one_not_applicable() {
    let clauses = [
        (points(6), Finding::Conforming),
        (points(4), Finding::NotConforming),
        (
            points(5),
            Finding::Sampled {
                checked: 10,
                not_conforming: 2,
            },
        ),
        (points(5), Finding::NotApplicable),
    ];
    let specials = [Special::Deduction {
        reason: "本期重大投诉一起".into(),
    }];
    let got = score(&clauses, &specials);
    assert_eq!(got.earned, points(10));
    assert_eq!(got.applicable, points(15));
    assert_eq!(got.result, Exact::ratio(200, 3));
    assert_eq!(got.total, Exact::ratio(197, 3));
    assert_eq!(got.total.map(|t| t.shown().0), Some(6567), "65.67 as shown");
    assert_eq!(got.band, Some(Band::NotConforming));
}

/// Each band's lower edge and the point just under it, with 100 applicable points (one clause of 100 sampled
/// over 100 items, so the result is the conforming count), then the specials moving a result across an edge.
#[test]
fn the_bands_at_every_edge() {
    let with = |conforming: u32, specials: &[Special]| {
        let clauses = [(
            points(100),
            Finding::Sampled {
                checked: 10_000,
                not_conforming: 10_000 - conforming,
            },
        )];
        let got = score(&clauses, specials);
        (
            got.total.map(|t| t.shown().0),
            got.band,
            got.band.map(Band::stars),
        )
    };
    let bonus = [Special::Bonus {
        reason: "获评省级服务示范单位".into(),
    }];
    let deduction = [Special::Deduction {
        reason: "媒体曝光".into(),
    }];
    let table: Vec<_> = [
        (6_999, &[][..]),
        (7_000, &[][..]),
        (7_999, &[][..]),
        (8_000, &[][..]),
        (8_999, &[][..]),
        (9_000, &[][..]),
        (9_499, &[][..]),
        (9_500, &[][..]),
        (10_000, &[][..]),
        (9_400, &bonus[..]),
        (9_500, &deduction[..]),
        (0, &deduction[..]),
    ]
    .into_iter()
    .map(|(hundredths, specials)| (hundredths, with(hundredths, specials)))
    .collect();
    use Band::*;
    assert_eq!(
        table,
        [
            (6_999, (Some(6_999), Some(NotConforming), Some(0))),
            (7_000, (Some(7_000), Some(Conforming), Some(0))),
            (7_999, (Some(7_999), Some(Conforming), Some(0))),
            (8_000, (Some(8_000), Some(ThreeStars), Some(3))),
            (8_999, (Some(8_999), Some(ThreeStars), Some(3))),
            (9_000, (Some(9_000), Some(FourStars), Some(4))),
            (9_499, (Some(9_499), Some(FourStars), Some(4))),
            (9_500, (Some(9_500), Some(FiveStars), Some(5))),
            (10_000, (Some(10_000), Some(FiveStars), Some(5))),
            // 94 + the bonus point: five stars.
            (9_400, (Some(9_500), Some(FiveStars), Some(5))),
            // 95 − a deduction: four stars.
            (9_500, (Some(9_400), Some(FourStars), Some(4))),
            // Never below 0.
            (0, (Some(0), Some(NotConforming), Some(0))),
        ]
    );
}

#[test]
fn nothing_applicable_is_no_result() {
    let got = score(&[(points(5), Finding::NotApplicable)], &[]);
    assert_eq!((got.result, got.total, got.band), (None, None, None));
}

#[test]
fn a_sample_must_have_checked_something_and_specials_need_a_reason_and_one_bonus_at_most() {
    let mut problems = Problems::default();
    check_findings(
        &[
            Finding::Conforming,
            Finding::Sampled {
                checked: 0,
                not_conforming: 0,
            },
            Finding::Sampled {
                checked: 5,
                not_conforming: 6,
            },
        ],
        &mut problems,
    );
    check_specials(
        &[
            Special::Bonus {
                reason: "示范单位".into(),
            },
            Special::Bonus {
                reason: "又一项".into(),
            },
            Special::Deduction {
                reason: "  ".into(),
            },
        ],
        &mut problems,
    );
    let found: Vec<(Field, Problem)> = problems
        .finish(|| ())
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect();
    assert_eq!(
        found,
        [
            (Field::Line(1), Problem::Required),
            (Field::Line(2), Problem::OutOfRange { min: 0, max: 5 }),
            (Field::Line(1), Problem::OneSpecialBonus),
            (Field::Line(2), Problem::Required),
        ]
    );
}

/// R8.1's totals per group: each group over its own applicable clauses; the whole over all of them.
#[test]
fn totals_per_group_and_overall() {
    use aftersales::domain::standards::{Group, Indicator, group_scores};
    let clauses = [
        (Indicator::ServiceCulture, points(6), Finding::Conforming),
        (
            Indicator::ProductInformation,
            points(4),
            Finding::NotConforming,
        ),
        (
            Indicator::Repair,
            points(5),
            Finding::Sampled {
                checked: 5,
                not_conforming: 1,
            },
        ),
        (
            Indicator::ComplaintHandling,
            points(5),
            Finding::NotApplicable,
        ),
    ];
    let groups: Vec<(Group, Option<u64>)> = group_scores(&clauses)
        .into_iter()
        .map(|(group, s)| (group, s.result.map(|r| r.shown().0)))
        .collect();
    assert_eq!(
        groups,
        [
            (Group::ServiceSystem, Some(10_000)),
            // (0 + 4) of 9.
            (Group::ProductService, Some(4_444)),
            // Only a clause that does not apply: no result.
            (Group::CustomerService, None),
        ]
    );
    let whole: Vec<(Exact, Finding)> = clauses.iter().map(|(_, p, f)| (*p, *f)).collect();
    // (6 + 0 + 4) of 15.
    assert_eq!(score(&whole, &[]).result.map(|r| r.shown().0), Some(6_667));
    // Every indicator is in exactly one group, and every group has indicators.
    for group in Group::ALL {
        assert!(Indicator::ALL.iter().any(|i| i.group() == group));
    }
}
