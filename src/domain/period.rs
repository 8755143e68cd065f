//! Reporting periods (R5, R6.1): a week (Monday to Sunday), a month, a quarter, a year or a custom range of days
//! — which days each holds, the period before it (for "change from last period") and the one after.
//!
//! Owns: `Period`, `PeriodKind`. Must not: decide which instants fall on which day (the calendar's `local_date`
//! does, in the company's time zone) or compute figures (the KPI engine does).

use super::calendar::Date;
use crate::domain::slug::slugs;

/// The kinds of period a screen offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    Week,
    Month,
    Quarter,
    Year,
}

slugs!(PeriodKind {
    Week => "week",
    Month => "month",
    Quarter => "quarter",
    Year => "year",
});

/// A span of whole local days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Period {
    /// The ISO week that starts on this Monday.
    Week {
        monday: Date,
    },
    Month {
        year: i32,
        month: u8,
    },
    Quarter {
        year: i32,
        quarter: u8,
    },
    Year {
        year: i32,
    },
    /// Any range of days, `from` ≤ `to`.
    Custom {
        from: Date,
        to: Date,
    },
}

impl Period {
    /// The last period of `kind` that has ended by `day` (the month before this one): what a dashboard opens on,
    /// so its change against the period before compares two whole periods.
    pub fn last_complete(kind: PeriodKind, day: Date) -> Period {
        Period::containing(kind, day).previous()
    }

    /// The period of `kind` that holds `day`.
    pub fn containing(kind: PeriodKind, day: Date) -> Period {
        match kind {
            PeriodKind::Week => Period::Week {
                monday: day.add_days(-i64::from(day.weekday().0)),
            },
            PeriodKind::Month => Period::Month {
                year: day.year(),
                month: day.month(),
            },
            PeriodKind::Quarter => Period::Quarter {
                year: day.year(),
                quarter: (day.month() - 1) / 3 + 1,
            },
            PeriodKind::Year => Period::Year { year: day.year() },
        }
    }

    /// A custom range; `None` when `to` is before `from`.
    pub fn custom(from: Date, to: Date) -> Option<Period> {
        (from <= to).then_some(Period::Custom { from, to })
    }

    pub fn first_day(&self) -> Date {
        let first_of =
            |year: i32, month: u8| Date::new(year, month, 1).expect("a month's first day");
        match *self {
            Period::Week { monday } => monday,
            Period::Month { year, month } => first_of(year, month),
            Period::Quarter { year, quarter } => first_of(year, (quarter - 1) * 3 + 1),
            Period::Year { year } => first_of(year, 1),
            Period::Custom { from, .. } => from,
        }
    }

    pub fn last_day(&self) -> Date {
        match *self {
            Period::Week { monday } => monday.add_days(6),
            Period::Month { .. } => self.first_day().add_months(1).add_days(-1),
            Period::Quarter { .. } => self.first_day().add_months(3).add_days(-1),
            Period::Year { .. } => self.first_day().add_months(12).add_days(-1),
            Period::Custom { to, .. } => to,
        }
    }

    pub fn contains(&self, day: Date) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// How many days it holds.
    pub fn days(&self) -> i64 {
        self.last_day().days_since_epoch() - self.first_day().days_since_epoch() + 1
    }

    /// The period just before, of the same kind; for a custom range, the same number of days just before it.
    pub fn previous(&self) -> Period {
        self.shifted(-1)
    }

    pub fn next(&self) -> Period {
        self.shifted(1)
    }

    fn shifted(&self, step: i64) -> Period {
        // The first day of the month `months` away from the first month of this period.
        let by_months = |months: i64| {
            let first = self.first_day();
            let index = i64::from(first.year()) * 12 + i64::from(first.month() - 1) + months;
            let moved = Date::new(
                index.div_euclid(12) as i32,
                (index.rem_euclid(12) + 1) as u8,
                1,
            )
            .expect("a month's first day");
            Period::containing(self.kind().expect("a month or a quarter"), moved)
        };
        match *self {
            Period::Week { monday } => Period::Week {
                monday: monday.add_days(7 * step),
            },
            Period::Month { .. } => by_months(step),
            Period::Quarter { .. } => by_months(3 * step),
            Period::Year { year } => Period::Year {
                year: year + step as i32,
            },
            Period::Custom { from, to } => {
                let length = self.days();
                Period::Custom {
                    from: from.add_days(length * step),
                    to: to.add_days(length * step),
                }
            }
        }
    }

    /// The kind, or `None` for a custom range.
    pub fn kind(&self) -> Option<PeriodKind> {
        match self {
            Period::Week { .. } => Some(PeriodKind::Week),
            Period::Month { .. } => Some(PeriodKind::Month),
            Period::Quarter { .. } => Some(PeriodKind::Quarter),
            Period::Year { .. } => Some(PeriodKind::Year),
            Period::Custom { .. } => None,
        }
    }
}

impl Period {
    /// A short text for URLs: `w2026-10-05`, `m2026-10`, `q2026-4`, `y2026`, `c2026-10-01_2026-10-31`.
    pub fn key(&self) -> String {
        match *self {
            Period::Week { monday } => format!("w{monday}"),
            Period::Month { year, month } => format!("m{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => format!("q{year:04}-{quarter}"),
            Period::Year { year } => format!("y{year:04}"),
            Period::Custom { from, to } => format!("c{from}_{to}"),
        }
    }

    /// Reads `key`'s text back; `None` for anything else (a week must start on a Monday).
    pub fn from_key(text: &str) -> Option<Period> {
        let (tag, rest) = text.split_at_checked(1)?;
        let year_and = |rest: &str| -> Option<(i32, u8)> {
            let (year, n) = rest.split_once('-')?;
            Some((year.parse().ok()?, n.parse().ok()?))
        };
        match tag {
            "w" => {
                let monday = Date::parse(rest)?;
                (monday.weekday().0 == 0).then_some(Period::Week { monday })
            }
            "m" => {
                let (year, month) = year_and(rest)?;
                Date::new(year, month, 1).map(|_| Period::Month { year, month })
            }
            "q" => {
                let (year, quarter) = year_and(rest)?;
                ((1..=4).contains(&quarter) && Date::new(year, 1, 1).is_some())
                    .then_some(Period::Quarter { year, quarter })
            }
            "y" => {
                let year: i32 = rest.parse().ok()?;
                Date::new(year, 1, 1).map(|_| Period::Year { year })
            }
            "c" => {
                let (from, to) = rest.split_once('_')?;
                Period::custom(Date::parse(from)?, Date::parse(to)?)
            }
            _ => None,
        }
    }

    /// The `count` periods of the same kind ending with this one, oldest first (a trend's x axis).
    pub fn trailing(&self, count: usize) -> Vec<Period> {
        let mut periods = vec![*self];
        while periods.len() < count {
            periods.insert(0, periods[0].previous());
        }
        periods
    }
}
