//! The business calendar (R3.2): civil dates, a display time zone, working hours, weekends, public holidays and
//! make-up working days (调休), or 24×7 — and the arithmetic the service levels need: is a day a working day,
//! how many business minutes lie between two instants, which instant is N business minutes or the close of the
//! N-th working day after another.
//!
//! Must not: read the clock or the system time zone; instants are UTC milliseconds and the offset is a setting.
//! Dates are computed with integer civil-calendar arithmetic, so no date library is needed here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// UTC milliseconds since the Unix epoch.
pub type Instant = i64;

pub const MINUTE_MS: i64 = 60_000;
pub const DAY_MINUTES: i64 = 24 * 60;

/// A civil date (proleptic Gregorian), shown and stored as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Monday = 0 … Sunday = 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Weekday(pub u8);

impl Weekday {
    /// The weekday of the day `day` days after 1970-01-01, a Thursday (3 when Monday is 0).
    fn of_day(day: i64) -> Weekday {
        Weekday((day + 3).rem_euclid(7) as u8)
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// `YYYY-MM-DD`, nothing else.
    /// The first and last day a date typed into a form may be (a purchase in 0001 is a typo).
    pub const TYPED_FIRST: Date = Date {
        year: 1990,
        month: 1,
        day: 1,
    };
    pub const TYPED_LAST: Date = Date {
        year: 2099,
        month: 12,
        day: 31,
    };

    /// Whether a typed date is within `TYPED_FIRST..=TYPED_LAST`.
    pub fn is_plausible(self) -> bool {
        (Date::TYPED_FIRST..=Date::TYPED_LAST).contains(&self)
    }

    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn weekday(self) -> Weekday {
        Weekday::of_day(self.days_since_epoch())
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The same day `months` later; a day the month lacks becomes its last (01-31 + 1 month = 02-28).
    pub fn add_months(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {text}")))
    }
}

/// When a working day's service hours are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "mode")]
pub enum Hours {
    /// 24×7: every minute of every day counts; weekends and holidays do not stop the clock (S6).
    AllDay,
    /// Office hours on working days, in minutes after local midnight: `[start, end)`.
    Office { start_minute: u16, end_minute: u16 },
}

/// The calendar a service-level clock runs on. Holidays and make-up days change through methods, so the day
/// index the deadline loops read (one array look-up per day instead of a date conversion and two tree searches)
/// always follows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "CalendarFields")]
pub struct Calendar {
    /// The display and business time zone, minutes east of UTC (China: +480).
    pub utc_offset_minutes: i32,
    pub hours: Hours,
    /// Monday … Sunday: which weekdays are working days when neither a holiday nor a make-up day says otherwise.
    pub working_weekdays: [bool; 7],
    /// Public holidays (放假), by date, with their name.
    holidays: BTreeMap<Date, String>,
    /// Weekend days that are worked instead (调休上班).
    make_up_days: BTreeSet<Date>,
    /// Derived from the two above.
    #[serde(skip)]
    specials: SpecialDays,
}

/// The stored form of a calendar.
#[derive(Deserialize)]
struct CalendarFields {
    utc_offset_minutes: i32,
    hours: Hours,
    working_weekdays: [bool; 7],
    holidays: BTreeMap<Date, String>,
    make_up_days: BTreeSet<Date>,
}

impl From<CalendarFields> for Calendar {
    fn from(fields: CalendarFields) -> Calendar {
        Calendar::from_parts(
            fields.utc_offset_minutes,
            fields.hours,
            fields.working_weekdays,
            fields.holidays,
            fields.make_up_days,
        )
    }
}

impl Calendar {
    /// A calendar from its stored parts (the day index is built here, never stored).
    pub fn from_parts(
        utc_offset_minutes: i32,
        hours: Hours,
        working_weekdays: [bool; 7],
        holidays: BTreeMap<Date, String>,
        make_up_days: BTreeSet<Date>,
    ) -> Calendar {
        let mut calendar = Calendar {
            utc_offset_minutes,
            hours,
            working_weekdays,
            holidays,
            make_up_days,
            specials: SpecialDays::default(),
        };
        calendar.reindex();
        calendar
    }
}

/// Holidays and make-up days by day number, from the first to the last of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct SpecialDays {
    first: i64,
    /// 0: an ordinary day (the weekday decides), 1: a holiday, 2: a make-up working day.
    kinds: Vec<u8>,
}

const HOLIDAY: u8 = 1;
const MAKE_UP: u8 = 2;

impl Calendar {
    /// Every minute counts.
    pub fn always(utc_offset_minutes: i32) -> Calendar {
        Calendar {
            utc_offset_minutes,
            hours: Hours::AllDay,
            working_weekdays: [true; 7],
            holidays: BTreeMap::new(),
            make_up_days: BTreeSet::new(),
            specials: SpecialDays::default(),
        }
    }

    /// Mainland China: +08:00, Monday to Friday 09:00–18:00, with the official holidays and make-up days that
    /// ship with the app (2025 and 2026: `CHINA_SCHEDULE`, the same as `data/cn-public-holidays.json`).
    pub fn china_default() -> Calendar {
        let mut calendar = Calendar {
            utc_offset_minutes: 8 * 60,
            hours: Hours::Office {
                start_minute: 9 * 60,
                end_minute: 18 * 60,
            },
            working_weekdays: [true, true, true, true, true, false, false],
            holidays: BTreeMap::new(),
            make_up_days: BTreeSet::new(),
            specials: SpecialDays::default(),
        };
        calendar.add_schedule(&OfficialSchedule::from_table(CHINA_SCHEDULE));
        calendar
    }

    /// Adds a published schedule (the next year's is published each November).
    pub fn add_schedule(&mut self, schedule: &OfficialSchedule) {
        for year in schedule.years.values() {
            for holiday in &year.holidays {
                let mut date = holiday.from;
                while date <= holiday.to {
                    self.holidays.insert(date, holiday.name.clone());
                    date = date.add_days(1);
                }
            }
            self.make_up_days
                .extend(year.make_up_working_days.iter().copied());
        }
        self.reindex();
    }

    pub fn holidays(&self) -> &BTreeMap<Date, String> {
        &self.holidays
    }

    pub fn make_up_days(&self) -> &BTreeSet<Date> {
        &self.make_up_days
    }

    pub fn set_holiday(&mut self, date: Date, name: String) {
        self.holidays.insert(date, name);
        self.reindex();
    }

    pub fn remove_holiday(&mut self, date: Date) {
        self.holidays.remove(&date);
        self.reindex();
    }

    pub fn add_make_up_day(&mut self, date: Date) {
        self.make_up_days.insert(date);
        self.reindex();
    }

    pub fn remove_make_up_day(&mut self, date: Date) {
        self.make_up_days.remove(&date);
        self.reindex();
    }

    fn reindex(&mut self) {
        let days = self
            .holidays
            .keys()
            .chain(&self.make_up_days)
            .map(|d| d.days_since_epoch());
        let (Some(first), Some(last)) = (days.clone().min(), days.max()) else {
            self.specials = SpecialDays::default();
            return;
        };
        let mut kinds = vec![0u8; (last - first + 1) as usize];
        for date in self.holidays.keys() {
            kinds[(date.days_since_epoch() - first) as usize] = HOLIDAY;
        }
        // A day that is both (refused by the settings screen, possible in merged data): worked, as 调休 says.
        for date in &self.make_up_days {
            kinds[(date.days_since_epoch() - first) as usize] = MAKE_UP;
        }
        self.specials = SpecialDays { first, kinds };
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        self.is_working(date.days_since_epoch())
    }

    /// Whether the day `day` days after 1970-01-01 is a working day.
    fn is_working(&self, day: i64) -> bool {
        let special = usize::try_from(day - self.specials.first)
            .ok()
            .and_then(|i| self.specials.kinds.get(i).copied())
            .unwrap_or(0);
        match (self.hours, special) {
            (Hours::AllDay, _) => true,
            (Hours::Office { .. }, MAKE_UP) => true,
            (Hours::Office { .. }, HOLIDAY) => false,
            (Hours::Office { .. }, _) => self.working_weekdays[usize::from(Weekday::of_day(day).0)],
        }
    }

    /// A local date and time as typed in a `datetime-local` input ("2026-10-09T14:30"; a space works too).
    pub fn parse_local(&self, text: &str) -> Option<Instant> {
        let text = text.trim();
        let (date, time) = text.split_once('T').or_else(|| text.split_once(' '))?;
        let date = Date::parse(date)?;
        let (hours, minutes) = time.split_once(':')?;
        let hours: i64 = hours.parse().ok()?;
        let minutes: i64 = minutes.get(..2).unwrap_or(minutes).parse().ok()?;
        ((0..24).contains(&hours) && (0..60).contains(&minutes))
            .then(|| self.instant(date, hours * 60 + minutes))
    }

    /// An instant as local "YYYY-MM-DD HH:MM" (with `separator` between date and time: 'T' for an input).
    pub fn format_local(&self, at: Instant, separator: char) -> String {
        let minutes = self.local_minutes(at);
        let date = Date::from_days_since_epoch(minutes.div_euclid(DAY_MINUTES));
        let minute = minutes.rem_euclid(DAY_MINUTES);
        format!("{date}{separator}{:02}:{:02}", minute / 60, minute % 60)
    }

    /// The local date of an instant.
    pub fn local_date(&self, at: Instant) -> Date {
        Date::from_days_since_epoch(self.local_day(at))
    }

    /// The local day of an instant, as days since 1970-01-01.
    pub fn local_day(&self, at: Instant) -> i64 {
        self.local_minutes(at).div_euclid(DAY_MINUTES)
    }

    /// The UTC instant of a local date and minute of that day.
    pub fn instant(&self, date: Date, minute: i64) -> Instant {
        self.instant_of_day(date.days_since_epoch(), minute)
    }

    fn instant_of_day(&self, day: i64, minute: i64) -> Instant {
        (day * DAY_MINUTES + minute - i64::from(self.utc_offset_minutes)) * MINUTE_MS
    }

    fn local_minutes(&self, at: Instant) -> i64 {
        at.div_euclid(MINUTE_MS) + i64::from(self.utc_offset_minutes)
    }

    /// The service window of a date as UTC instants `[open, close)`, or none on a day off.
    pub fn window(&self, date: Date) -> Option<(Instant, Instant)> {
        self.window_of_day(date.days_since_epoch())
    }

    fn window_of_day(&self, day: i64) -> Option<(Instant, Instant)> {
        let (start, end) = match self.hours {
            Hours::AllDay => (0, DAY_MINUTES),
            Hours::Office {
                start_minute,
                end_minute,
            } => (i64::from(start_minute), i64::from(end_minute)),
        };
        self.is_working(day).then(|| {
            (
                self.instant_of_day(day, start),
                self.instant_of_day(day, end),
            )
        })
    }

    /// Business time between two instants, in milliseconds (0 if `to` is not after `from`).
    pub fn business_ms_between(&self, from: Instant, to: Instant) -> i64 {
        if to <= from {
            return 0;
        }
        (self.local_day(from)..=self.local_day(to))
            .filter_map(|day| self.window_of_day(day))
            .map(|(open, close)| (close.min(to) - open.max(from)).max(0))
            .sum()
    }

    /// The instant at which `business_ms` of business time have passed since `from`.
    pub fn add_business_ms(&self, from: Instant, business_ms: i64) -> Instant {
        let mut left = business_ms.max(0);
        let first = self.local_day(from);
        for day in first..first + MAX_DAYS_SEARCHED {
            if let Some((open, close)) = self.window_of_day(day) {
                let start = open.max(from);
                if start < close {
                    if left <= close - start {
                        return start + left;
                    }
                    left -= close - start;
                }
            }
        }
        from + business_ms // a calendar with no working day at all: fall back to clock time
    }

    /// The close of business on the `n`-th working day after the day of `from` (that day itself not counted):
    /// "verify within 3 working days" of a complaint received on `from`.
    pub fn close_of_working_day_after(&self, from: Instant, n: u32) -> Instant {
        let first = self.local_day(from) + 1;
        let mut counted = 0;
        for day in first..first + MAX_DAYS_SEARCHED {
            if let Some((_, close)) = self.window_of_day(day) {
                counted += 1;
                if counted >= n {
                    return close;
                }
            }
        }
        from + i64::from(n) * DAY_MINUTES * MINUTE_MS
    }
}

/// How far ahead a deadline is searched: ten years of days, far beyond any service level.
const MAX_DAYS_SEARCHED: i64 = 3_660;

/// A published holiday schedule, as in `data/cn-public-holidays.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialSchedule {
    pub years: BTreeMap<String, YearSchedule>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSchedule {
    pub holidays: Vec<HolidayRange>,
    pub make_up_working_days: Vec<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayRange {
    pub name: String,
    pub from: Date,
    pub to: Date,
}

/// A schedule as a table: per year, the holidays (name, first day, last day) and the make-up working days.
pub type ScheduleTable = [(
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
    &'static [&'static str],
)];

/// The official schedules that ship with the app, as published by the State Council General Office (国务院办公厅
/// 关于部分节假日安排的通知: 国办发明电〔2024〕12号 of 2024-11-12 for 2025; the notice of 2025-11-04 for 2026).
/// The same facts as `data/cn-public-holidays.json` (a native test holds them equal); a table here so that the
/// app needs no JSON reader to start.
pub const CHINA_SCHEDULE: &ScheduleTable = &[
    (
        "2025",
        &[
            ("元旦", "2025-01-01", "2025-01-01"),
            ("春节", "2025-01-28", "2025-02-04"),
            ("清明节", "2025-04-04", "2025-04-06"),
            ("劳动节", "2025-05-01", "2025-05-05"),
            ("端午节", "2025-05-31", "2025-06-02"),
            ("国庆节、中秋节", "2025-10-01", "2025-10-08"),
        ],
        &[
            "2025-01-26",
            "2025-02-08",
            "2025-04-27",
            "2025-09-28",
            "2025-10-11",
        ],
    ),
    (
        "2026",
        &[
            ("元旦", "2026-01-01", "2026-01-03"),
            ("春节", "2026-02-15", "2026-02-23"),
            ("清明节", "2026-04-04", "2026-04-06"),
            ("劳动节", "2026-05-01", "2026-05-05"),
            ("端午节", "2026-06-19", "2026-06-21"),
            ("中秋节", "2026-09-25", "2026-09-27"),
            ("国庆节", "2026-10-01", "2026-10-07"),
        ],
        &[
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ],
    ),
];

impl OfficialSchedule {
    /// The schedule in JSON, as `data/cn-public-holidays.json` publishes it.
    pub fn parse(json: &str) -> Result<OfficialSchedule, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// The schedule a table holds. Panics on a date that is not one: the tables are constants, tested.
    pub fn from_table(table: &ScheduleTable) -> OfficialSchedule {
        let date = |text: &str| Date::parse(text).expect("a date in the schedule table");
        OfficialSchedule {
            years: table
                .iter()
                .map(|(year, holidays, make_up)| {
                    let schedule = YearSchedule {
                        holidays: holidays
                            .iter()
                            .map(|(name, from, to)| HolidayRange {
                                name: name.to_string(),
                                from: date(from),
                                to: date(to),
                            })
                            .collect(),
                        make_up_working_days: make_up.iter().map(|d| date(d)).collect(),
                    };
                    (year.to_string(), schedule)
                })
                .collect(),
        }
    }
}
