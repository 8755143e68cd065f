//! What the KPIs need that tickets do not give (R5: K7, K8, K11, K12): units sold per product category and month,
//! the department's cost lines, and training sessions planned and held. Each is a record (last writer wins) with
//! its own screen.
//!
//! Owns: `SalesVolume`, `CostLine`, `TrainingSession`, their drafts and checks (a month that exists, a whole number
//! of units, an amount in yuan that is more than nothing, one sales figure per category and month). Must not:
//! compute figures (the KPI engine does) or do IO.

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::dataset::Dataset;
use super::error::{Checked, Field, Problem, Problems, required_text};
use super::ids::Id;
use super::money::Fen;
use super::org::{Certificate, Staff};
use super::sorting;
use crate::domain::ticket::intake::{SHORT_MAX, TEXT_MAX};

/// Most units a sales figure accepts (a typo guard, not a business limit).
pub const UNITS_MAX: u32 = 100_000_000;
/// The largest single cost line: ¥10,000,000.00.
pub const COST_MAX: Fen = Fen(1_000_000_000);

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u8,
}

impl Month {
    /// Reads "2026-03" (what `<input type=month>` gives).
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        let year: i32 = year.parse().ok().filter(|y| (1900..=2999).contains(y))?;
        let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(Month { year, month })
    }

    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).expect("a month's first day")
    }

    pub fn last_day(self) -> Date {
        self.first_day().add_months(1).add_days(-1)
    }

    pub fn of(day: Date) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }
}

/// Units of one product category sold in one month: the base of 返修率, 退货率 and complaints per sales.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SalesVolume {
    /// The product category, as tickets name it (空调, 洗衣机, …).
    pub category: String,
    pub month: Month,
    pub units: u32,
}

/// What a cost line is for (S14 成本控制).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    /// 备件 used under warranty and other parts the company pays for.
    Parts,
    Labour,
    Travel,
    Other,
}

slugs!(CostKind {
    Parts => "Parts",
    Labour => "Labour",
    Travel => "Travel",
    Other => "Other",
});

/// One cost the department bore, on a day, for a ticket or for a unit.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CostLine {
    pub day: Date,
    pub kind: CostKind,
    pub amount: Fen,
    /// The ticket it was spent on, if one.
    pub ticket: Option<Id>,
    /// The unit that bore it (region, team).
    pub unit: Option<Id>,
    pub note: String,
}

/// A training session of the plan (S14 培训计划完成率): planned for a day, held on a day or not (yet).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TrainingSession {
    pub title: String,
    pub planned: Date,
    pub held: Option<Date>,
    /// The unit whose staff it trains.
    pub unit: Option<Id>,
    /// How many attended: the count typed before schema 9 listed them; `attended.len()` since.
    pub attendees: u32,
    /// Who attended (staff), since schema 9 (R1.5, S15: who was trained, not only how many).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attended: Vec<Id>,
    /// The certificate the session gives each attendee (added to their staff record when saved), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<Qualification>,
}

/// A certificate a training session gives: the product category it covers, valid through `expires`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Qualification {
    pub category: String,
    pub expires: Date,
}

impl TrainingSession {
    /// How many attended: the people listed, or the count typed before they were listed.
    pub fn attendance(&self) -> u32 {
        match self.attended.is_empty() {
            true => self.attendees,
            false => self.attended.len() as u32,
        }
    }
}

/// The sales form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SalesDraft {
    pub category: String,
    /// "YYYY-MM".
    pub month: String,
    pub units: String,
}

impl SalesDraft {
    /// The figure as it would be saved under `id`; a second figure for the same category and month is refused
    /// (edit the one there).
    pub fn check(&self, id: Id, data: &Dataset) -> Checked<SalesVolume> {
        let mut problems = Problems::default();
        let category = required_text(&self.category, SHORT_MAX, Field::Category, &mut problems);
        let month = Month::parse(&self.month);
        match month {
            None if self.month.trim().is_empty() => problems.add(Field::Date, Problem::Required),
            None => problems.add(Field::Date, Problem::InvalidDate),
            Some(_) => {}
        }
        let units = whole_number(&self.units, UNITS_MAX, Field::Units, &mut problems);
        if let Some(month) = month
            && data
                .sales
                .live()
                .any(|(other, s)| other != id && s.month == month && s.category == category)
        {
            problems.add(Field::Category, Problem::DuplicateName);
        }
        problems.finish(|| SalesVolume {
            category,
            month: month.expect("checked"),
            units,
        })
    }
}

/// The cost form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostDraft {
    /// "YYYY-MM-DD".
    pub day: String,
    pub kind: CostKind,
    /// Yuan, as typed.
    pub amount: String,
    /// The ticket as typed: its number (工单号), or its id as a link from the ticket fills it in; empty for none.
    pub ticket: String,
    pub unit: Option<Id>,
    pub note: String,
}

impl CostDraft {
    pub fn check(&self, data: &Dataset) -> Checked<CostLine> {
        let mut problems = Problems::default();
        let day = required_date(&self.day, Field::Date, &mut problems);
        let amount = match Fen::parse_yuan(&self.amount) {
            None if self.amount.trim().is_empty() => {
                problems.add(Field::Price, Problem::Required);
                Fen::ZERO
            }
            None => {
                problems.add(Field::Price, Problem::InvalidAmount);
                Fen::ZERO
            }
            Some(fen) if fen <= Fen::ZERO => {
                problems.add(Field::Price, Problem::NegativeAmount);
                fen
            }
            Some(fen) if fen > COST_MAX => {
                problems.add(Field::Price, Problem::AmountTooLarge { max: COST_MAX });
                fen
            }
            Some(fen) => fen,
        };
        // A reference that names no ticket is said, not dropped: the cost would otherwise be saved unlinked.
        let ticket = match self.ticket.trim() {
            "" => None,
            typed => {
                let found = data.tickets.find_reference(typed);
                if found.is_none() {
                    problems.add(Field::Record, Problem::NoSuchTicket);
                }
                found
            }
        };
        if self.unit.is_some_and(|u| !data.units.contains(u)) {
            problems.add(Field::Unit, Problem::UnknownReference);
        }
        let note = self.note.trim().to_string();
        if note.chars().count() > TEXT_MAX {
            problems.add(Field::Text, Problem::TooLong { max: TEXT_MAX });
        }
        problems.finish(|| CostLine {
            day: day.expect("checked"),
            kind: self.kind,
            amount,
            ticket,
            unit: self.unit,
            note,
        })
    }
}

/// The training form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrainingDraft {
    pub title: String,
    pub planned: String,
    /// Empty while not held.
    pub held: String,
    pub unit: Option<Id>,
    /// The count, for a session whose attendees are not listed.
    pub attendees: String,
    /// The staff who attended; when given, the count is theirs.
    pub attended: Vec<Id>,
    /// The product category of the certificate the session gives; empty for none.
    pub category: String,
    /// The certificate's last valid day ("YYYY-MM-DD").
    pub expires: String,
}

impl TrainingDraft {
    /// The session as it would be saved on `today` (a session is held by today, not later).
    pub fn check(&self, data: &Dataset, today: Date) -> Checked<TrainingSession> {
        let mut problems = Problems::default();
        let title = required_text(&self.title, SHORT_MAX, Field::Name, &mut problems);
        let planned = required_date(&self.planned, Field::Date, &mut problems);
        let held = match self.held.trim() {
            "" => None,
            text => match Date::parse(text) {
                Some(day) if day > today => {
                    problems.add(Field::When, Problem::DateInFuture);
                    None
                }
                Some(day) => Some(day),
                None => {
                    problems.add(Field::When, Problem::InvalidDate);
                    None
                }
            },
        };
        let mut attended = self.attended.clone();
        sorting::natural(&mut attended);
        attended.dedup();
        if attended.iter().any(|id| !data.staff.contains(*id)) {
            problems.add(Field::Staff, Problem::UnknownReference);
        }
        if !attended.is_empty() && self.held.trim().is_empty() {
            // Who attended is known only once the session was held.
            problems.add(Field::When, Problem::Required);
        }
        let attendees = match (attended.len(), self.attendees.trim()) {
            (0, "") => 0,
            (0, _) => whole_number(&self.attendees, 100_000, Field::Units, &mut problems),
            (listed, _) => listed as u32,
        };
        if self.unit.is_some_and(|u| !data.units.contains(u)) {
            problems.add(Field::Unit, Problem::UnknownReference);
        }
        let category = super::text::cleaned(&self.category);
        let certificate = match category.is_empty() {
            true => None,
            false => {
                if category.chars().count() > SHORT_MAX {
                    problems.add(Field::Category, Problem::TooLong { max: SHORT_MAX });
                }
                if attended.is_empty() {
                    // A certificate is given to people: list who attended.
                    problems.add(Field::Staff, Problem::Required);
                }
                let expires = required_date(&self.expires, Field::PeriodTo, &mut problems);
                if let (Some(expires), Some(held)) = (expires, held)
                    && expires <= held
                {
                    problems.add(Field::PeriodTo, Problem::ExpiresBeforeGained);
                }
                expires.map(|expires| Qualification {
                    category: category.clone(),
                    expires,
                })
            }
        };
        problems.finish(|| TrainingSession {
            title,
            planned: planned.expect("checked"),
            held,
            unit: self.unit,
            attendees,
            attended,
            certificate,
        })
    }
}

/// What saving `session` (under `id`) does to an attendee's staff record: the session's certificate added, or the
/// one they hold for its category renewed when the session's runs longer; `None` when nothing changes. The
/// certificate's number names the session's day, the session and the attendee's place in it (PX-YYYYMMDD-XXXX-NN).
pub fn certified(id: Id, session: &TrainingSession, staff: &Staff, attendee: Id) -> Option<Staff> {
    let qualification = session.certificate.as_ref()?;
    let held = session.held?;
    let place = session.attended.iter().position(|id| *id == attendee)?;
    let number = format!(
        "PX-{:04}{:02}{:02}-{:04X}-{:02}",
        held.year(),
        held.month(),
        held.day(),
        (id.as_u128() & 0xFFFF) as u16,
        place + 1
    );
    let mut staff = staff.clone();
    match staff
        .certificates
        .iter_mut()
        .find(|c| c.category == qualification.category)
    {
        Some(held) if held.expires >= qualification.expires => return None,
        Some(held) => {
            held.number = number;
            held.expires = qualification.expires;
        }
        None => staff.certificates.push(Certificate {
            category: qualification.category.clone(),
            number,
            expires: qualification.expires,
        }),
    }
    Some(staff)
}

/// The training sessions `person` attended, newest first: what their page lists (R1.5).
pub fn trainings_of(data: &Dataset, person: Id) -> Vec<(Id, &TrainingSession)> {
    let mut found: Vec<(Id, &TrainingSession)> = data
        .training
        .live()
        .filter(|(_, t)| t.attended.contains(&person))
        .collect();
    sorting::by_key(&mut found, |(id, t)| {
        std::cmp::Reverse((t.held, t.planned, *id))
    });
    found
}

pub(crate) fn required_date(raw: &str, field: Field, problems: &mut Problems) -> Option<Date> {
    match Date::parse(raw) {
        Some(day) if !day.is_plausible() => {
            problems.add(field, Problem::DateOutOfRange);
            None
        }
        Some(day) => Some(day),
        None if raw.trim().is_empty() => {
            problems.add(field, Problem::Required);
            None
        }
        None => {
            problems.add(field, Problem::InvalidDate);
            None
        }
    }
}

fn whole_number(raw: &str, max: u32, field: Field, problems: &mut Problems) -> u32 {
    match raw.trim() {
        "" => {
            problems.add(field, Problem::Required);
            0
        }
        text => match text.parse::<u32>() {
            Ok(n) if n <= max => n,
            Ok(_) => {
                problems.add(
                    field,
                    Problem::OutOfRange {
                        min: 0,
                        max: i64::from(max),
                    },
                );
                0
            }
            Err(_) => {
                problems.add(field, Problem::InvalidNumber { decimals: 0 });
                0
            }
        },
    }
}
