//! Reporting periods: the days each kind holds, across month ends, leap years and year ends, and the period
//! before and after — as a table.

use aftersales::domain::calendar::Date;
use aftersales::domain::period::{Period, PeriodKind};
use expect_test::expect;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text} is not a date"))
}

fn row(period: Period) -> String {
    format!(
        "{} – {} ({:>3} days) · before {} – {} · after {} – {}",
        period.first_day(),
        period.last_day(),
        period.days(),
        period.previous().first_day(),
        period.previous().last_day(),
        period.next().first_day(),
        period.next().last_day(),
    )
}

#[test]
fn each_kind_of_period_holds_its_days_and_knows_its_neighbours() {
    let cases = [
        (
            "week of Sun 2026-03-01",
            Period::containing(PeriodKind::Week, date("2026-03-01")),
        ),
        (
            "week of Mon 2025-12-29",
            Period::containing(PeriodKind::Week, date("2025-12-29")),
        ),
        (
            "month 2024-02 (leap)",
            Period::containing(PeriodKind::Month, date("2024-02-10")),
        ),
        (
            "month 2026-01",
            Period::containing(PeriodKind::Month, date("2026-01-31")),
        ),
        (
            "month 2026-12",
            Period::containing(PeriodKind::Month, date("2026-12-01")),
        ),
        (
            "quarter 2026 Q1",
            Period::containing(PeriodKind::Quarter, date("2026-03-31")),
        ),
        (
            "quarter 2026 Q4",
            Period::containing(PeriodKind::Quarter, date("2026-10-01")),
        ),
        (
            "year 2024",
            Period::containing(PeriodKind::Year, date("2024-07-01")),
        ),
        (
            "custom 10 days",
            Period::custom(date("2026-11-25"), date("2026-12-04")).unwrap(),
        ),
    ];
    let table: String = cases
        .iter()
        .map(|(name, period)| format!("{name:<24} {}\n", row(*period)))
        .collect();
    expect![[r#"
        week of Sun 2026-03-01   2026-02-23 – 2026-03-01 (  7 days) · before 2026-02-16 – 2026-02-22 · after 2026-03-02 – 2026-03-08
        week of Mon 2025-12-29   2025-12-29 – 2026-01-04 (  7 days) · before 2025-12-22 – 2025-12-28 · after 2026-01-05 – 2026-01-11
        month 2024-02 (leap)     2024-02-01 – 2024-02-29 ( 29 days) · before 2024-01-01 – 2024-01-31 · after 2024-03-01 – 2024-03-31
        month 2026-01            2026-01-01 – 2026-01-31 ( 31 days) · before 2025-12-01 – 2025-12-31 · after 2026-02-01 – 2026-02-28
        month 2026-12            2026-12-01 – 2026-12-31 ( 31 days) · before 2026-11-01 – 2026-11-30 · after 2027-01-01 – 2027-01-31
        quarter 2026 Q1          2026-01-01 – 2026-03-31 ( 90 days) · before 2025-10-01 – 2025-12-31 · after 2026-04-01 – 2026-06-30
        quarter 2026 Q4          2026-10-01 – 2026-12-31 ( 92 days) · before 2026-07-01 – 2026-09-30 · after 2027-01-01 – 2027-03-31
        year 2024                2024-01-01 – 2024-12-31 (366 days) · before 2023-01-01 – 2023-12-31 · after 2025-01-01 – 2025-12-31
        custom 10 days           2026-11-25 – 2026-12-04 ( 10 days) · before 2026-11-15 – 2026-11-24 · after 2026-12-05 – 2026-12-14
    "#]].assert_eq(&table);
}

#[test]
fn a_period_contains_exactly_its_days_and_a_reversed_range_is_none() {
    let q1 = Period::containing(PeriodKind::Quarter, date("2026-02-14"));
    assert!(q1.contains(date("2026-01-01")) && q1.contains(date("2026-03-31")));
    assert!(!q1.contains(date("2025-12-31")) && !q1.contains(date("2026-04-01")));
    assert_eq!(Period::custom(date("2026-02-02"), date("2026-02-01")), None);
    assert_eq!(q1.kind(), Some(PeriodKind::Quarter));
    assert_eq!(q1.previous().next(), q1);
}

#[test]
fn a_period_reads_back_from_its_url_key_and_nothing_else_does() {
    let periods = [
        Period::containing(PeriodKind::Week, date("2026-03-04")),
        Period::containing(PeriodKind::Month, date("2026-03-04")),
        Period::containing(PeriodKind::Quarter, date("2026-11-30")),
        Period::containing(PeriodKind::Year, date("2026-11-30")),
        Period::custom(date("2026-10-01"), date("2026-10-31")).unwrap(),
    ];
    let keys: Vec<String> = periods.iter().map(Period::key).collect();
    assert_eq!(
        keys,
        [
            "w2026-03-02",
            "m2026-03",
            "q2026-4",
            "y2026",
            "c2026-10-01_2026-10-31"
        ]
    );
    for (period, key) in periods.iter().zip(&keys) {
        assert_eq!(Period::from_key(key), Some(*period));
    }
    for bad in [
        "",
        "w2026-03-04",
        "m2026-13",
        "q2026-5",
        "yabc",
        "c2026-10-31_2026-10-01",
        "x2026",
        "m",
    ] {
        assert_eq!(Period::from_key(bad), None, "{bad}");
    }
    let trend = Period::containing(PeriodKind::Month, date("2026-02-10")).trailing(3);
    let firsts: Vec<String> = trend.iter().map(|p| p.first_day().to_string()).collect();
    assert_eq!(firsts, ["2025-12-01", "2026-01-01", "2026-02-01"]);
}

/// The dashboard opens on the last whole period (issue 17: on the 4th of a month it compared 4 days with 30).
#[test]
fn the_last_complete_period_has_ended() {
    use aftersales::domain::period::{Period, PeriodKind};
    let date = |s| aftersales::domain::calendar::Date::parse(s).unwrap();
    assert_eq!(
        Period::last_complete(PeriodKind::Month, date("2026-12-04")),
        Period::Month {
            year: 2026,
            month: 11
        }
    );
    assert_eq!(
        Period::last_complete(PeriodKind::Month, date("2026-01-31")),
        Period::Month {
            year: 2025,
            month: 12
        }
    );
    assert_eq!(
        Period::last_complete(PeriodKind::Quarter, date("2026-04-01")),
        Period::Quarter {
            year: 2026,
            quarter: 1
        }
    );
}

/// A 12-month trend's labels carry the year where it starts and where it changes (issue 17: "12月 1月" across a new
/// year read as one year).
#[test]
fn trend_labels_name_the_year_where_it_changes() {
    use aftersales::domain::period::Period;
    use aftersales::i18n::Lang;
    use aftersales::i18n::kpi::period_tick;
    let months = Period::Month {
        year: 2026,
        month: 2,
    }
    .trailing(4);
    let ticks = |lang| -> Vec<String> {
        months
            .iter()
            .enumerate()
            .map(|(i, p)| period_tick(lang, p, i.checked_sub(1).and_then(|i| months.get(i))))
            .collect()
    };
    assert_eq!(ticks(Lang::Zh), ["25年11月", "12月", "26年1月", "2月"]);
    assert_eq!(ticks(Lang::En), ["Nov 25", "Dec", "Jan 26", "Feb"]);
}
