//! The business calendar (R3.2) on the shipped China calendar (+08:00, Mon–Fri 09:00–18:00, the official 2025 and
//! 2026 holidays and make-up days): deadlines across a weekend, across 国庆节 with its 调休 Saturday, and across a
//! year boundary, as a table of local times.

use aftersales::domain::calendar::{Calendar, Date, Instant, MINUTE_MS};
use expect_test::expect;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text} is not a date"))
}

/// "YYYY-MM-DD HH:MM" local → instant.
fn at(calendar: &Calendar, text: &str) -> Instant {
    let (day, time) = text.split_once(' ').unwrap();
    let (h, m) = time.split_once(':').unwrap();
    calendar.instant(
        date(day),
        h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap(),
    )
}

/// Instant → "YYYY-MM-DD HH:MM" local, with the weekday.
fn show(calendar: &Calendar, instant: Instant) -> String {
    let day = calendar.local_date(instant);
    let minutes = (instant - calendar.instant(day, 0)) / MINUTE_MS;
    let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][usize::from(day.weekday().0)];
    format!("{day} {:02}:{:02} {weekday}", minutes / 60, minutes % 60)
}

const HOUR_MS: i64 = 60 * MINUTE_MS;

#[test]
fn deadlines_on_the_china_calendar() {
    let cal = Calendar::china_default();
    let mut table = String::new();
    let cases = [
        ("3 working days", "2025-11-28 10:00", "across a weekend"),
        (
            "3 working days",
            "2025-09-26 10:00",
            "the 调休 Sunday 09-28 counts",
        ),
        (
            "3 working days",
            "2025-09-30 10:00",
            "across 国庆节, ending on the 调休 Saturday",
        ),
        (
            "3 working days",
            "2025-12-31 10:00",
            "across the new year, the 调休 Sunday 01-04 counts",
        ),
        (
            "3 working days",
            "2025-11-29 10:00",
            "received on a Saturday",
        ),
        ("24 business h", "2025-11-28 16:00", "across a weekend"),
        (
            "24 business h",
            "2025-11-29 10:00",
            "received on a Saturday",
        ),
        ("24 business h", "2025-09-30 17:00", "across 国庆节"),
        ("24 business h", "2025-11-28 20:00", "received after hours"),
    ];
    for (target, from, why) in cases {
        let start = at(&cal, from);
        let deadline = match target {
            "3 working days" => cal.close_of_working_day_after(start, 3),
            _ => cal.add_business_ms(start, 24 * HOUR_MS),
        };
        table += &format!(
            "{target:<15} from {}  →  {}   ({why})\n",
            show(&cal, start),
            show(&cal, deadline)
        );
    }
    expect![[r#"
        3 working days  from 2025-11-28 10:00 Fri  →  2025-12-03 18:00 Wed   (across a weekend)
        3 working days  from 2025-09-26 10:00 Fri  →  2025-09-30 18:00 Tue   (the 调休 Sunday 09-28 counts)
        3 working days  from 2025-09-30 10:00 Tue  →  2025-10-11 18:00 Sat   (across 国庆节, ending on the 调休 Saturday)
        3 working days  from 2025-12-31 10:00 Wed  →  2026-01-06 18:00 Tue   (across the new year, the 调休 Sunday 01-04 counts)
        3 working days  from 2025-11-29 10:00 Sat  →  2025-12-03 18:00 Wed   (received on a Saturday)
        24 business h   from 2025-11-28 16:00 Fri  →  2025-12-03 13:00 Wed   (across a weekend)
        24 business h   from 2025-11-29 10:00 Sat  →  2025-12-03 15:00 Wed   (received on a Saturday)
        24 business h   from 2025-09-30 17:00 Tue  →  2025-10-11 14:00 Sat   (across 国庆节)
        24 business h   from 2025-11-28 20:00 Fri  →  2025-12-03 15:00 Wed   (received after hours)
    "#]]
    .assert_eq(&table);
}

#[test]
fn business_time_between_skips_nights_weekends_and_holidays() {
    let cal = Calendar::china_default();
    let minutes =
        |from: &str, to: &str| cal.business_ms_between(at(&cal, from), at(&cal, to)) / MINUTE_MS;
    assert_eq!(minutes("2025-09-30 17:00", "2025-10-09 10:00"), 120);
    assert_eq!(minutes("2025-11-28 17:30", "2025-12-01 09:30"), 60);
    assert_eq!(minutes("2025-11-29 08:00", "2025-11-30 20:00"), 0);
    assert_eq!(
        minutes("2025-12-01 10:00", "2025-12-01 09:00"),
        0,
        "backwards is nothing, not negative"
    );
}

#[test]
fn working_days_follow_the_official_schedule() {
    let cal = Calendar::china_default();
    let table = [
        ("2025-09-28", true),  // Sunday, 调休上班
        ("2025-10-01", false), // 国庆节
        ("2025-10-08", false), // 国庆节 (last day)
        ("2025-10-11", true),  // Saturday, 调休上班
        ("2025-11-29", false), // an ordinary Saturday
        ("2026-01-02", false), // 元旦
        ("2026-01-04", true),  // Sunday, 调休上班
        ("2026-02-14", true),  // Saturday before 春节, 调休上班
        ("2026-02-23", false), // 春节 (last day)
        ("2026-10-10", true),  // Saturday after 国庆节, 调休上班
    ];
    for (day, working) in table {
        assert_eq!(cal.is_working_day(date(day)), working, "{day}");
    }
    assert_eq!(
        cal.holidays().get(&date("2026-10-07")).map(String::as_str),
        Some("国庆节")
    );
}

#[test]
fn a_24x7_calendar_counts_every_minute() {
    let cal = Calendar::always(8 * 60);
    let start = at(&cal, "2025-09-30 17:00");
    assert_eq!(
        cal.add_business_ms(start, 24 * HOUR_MS),
        start + 24 * HOUR_MS
    );
    assert_eq!(
        show(&cal, cal.close_of_working_day_after(start, 3)),
        "2025-10-04 00:00 Sat"
    );
}

#[test]
fn civil_dates_round_trip_and_know_their_weekday() {
    for days in -800_000..800_000i64 {
        if days % 997 != 0 {
            continue;
        }
        let date = Date::from_days_since_epoch(days);
        assert_eq!(date.days_since_epoch(), days, "{date}");
        assert_eq!(
            Date::parse(&date.to_string()),
            Some(date).filter(|d| (0..=9999).contains(&d.year()))
        );
    }
    assert_eq!(
        date("2026-11-28").weekday().0,
        5,
        "2026-11-28 is a Saturday"
    );
    assert_eq!(date("2024-02-29").add_days(365), date("2025-02-28"));
    assert_eq!(Date::parse("2025-02-29"), None);
    assert_eq!(Date::parse("2025-2-1"), None);
    let cal = Calendar::china_default();
    let just_before_midnight_utc = at(&cal, "2026-01-01 07:30");
    assert_eq!(
        cal.local_date(just_before_midnight_utc - 8 * HOUR_MS),
        date("2025-12-31")
    );
}

#[test]
fn edited_and_stored_calendars_answer_from_their_holidays() {
    let mut cal = Calendar::china_default();
    let monday = Date::parse("2026-12-07").unwrap();
    let saturday = Date::parse("2026-12-12").unwrap();
    assert!(cal.is_working_day(monday) && !cal.is_working_day(saturday));
    cal.set_holiday(monday, "公司庆典".into());
    cal.add_make_up_day(saturday);
    assert!(!cal.is_working_day(monday) && cal.is_working_day(saturday));

    let stored = serde_json::to_string(&cal).unwrap();
    let back: Calendar = serde_json::from_str(&stored).unwrap();
    assert_eq!(back, cal, "the day index is rebuilt on reading");
    assert!(!back.is_working_day(monday) && back.is_working_day(saturday));

    cal.remove_holiday(monday);
    cal.remove_make_up_day(saturday);
    assert!(cal.is_working_day(monday) && !cal.is_working_day(saturday));
    assert_eq!(cal, Calendar::china_default());
}

/// The schedule the app ships as a table is the published one in `data/cn-public-holidays.json`.
#[test]
fn the_shipped_schedule_table_is_the_published_json() {
    use aftersales::domain::calendar::{CHINA_SCHEDULE, OfficialSchedule};
    let published = OfficialSchedule::parse(include_str!("../../data/cn-public-holidays.json"))
        .expect("the published schedule reads");
    assert_eq!(OfficialSchedule::from_table(CHINA_SCHEDULE), published);
}
