//! The service settings everyone shares (R3): the business calendar, the SLA policy and the warranty term. One
//! record, merged last-writer-wins like any other, so an edit on one tablet reaches the others.
//!
//! Owns: `ServiceSettings` with the seed's defaults (and the price list quotes are made from), and the checks of what the settings screen hands over (a
//! holiday needs a name, a target must be a positive amount, working hours must open before they close). Must
//! not: compute deadlines (that is `calendar` and `sla`) or do IO.

use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, DAY_MINUTES, Date, Hours};
use super::error::{Field, FieldError, Problem};
use super::ids::Id;
use super::money::Fen;
use super::sla::{Policy, Target};
use super::ticket::QuoteLineKind;

/// The id of the one settings record.
pub const SETTINGS_ID: Id = Id::from_u128(0x5e77_1765);

/// Longest target a policy accepts, in its own unit (a year of hours; 250 working days).
pub const TARGET_MAX: u32 = 8_760;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSettings {
    pub calendar: Calendar,
    pub policy: Policy,
    /// Warranty term from the purchase date when a product's warranty end is not given.
    pub warranty_months: u32,
    /// 备品备件价格表 and the fee standard (R2.6, S18 2.1.6): what quotes and reports are priced from.
    #[serde(default = "default_price_list")]
    pub price_list: Vec<PriceItem>,
    /// How many months after a ticket's closing its customer's personal data is kept (R10.2, PIPL Art. 19); 0:
    /// kept until someone sets a period (`retention`).
    #[serde(default)]
    pub retention_months: u32,
}

/// One entry of the price list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceItem {
    pub kind: QuoteLineKind,
    pub name: String,
    pub unit_price: Fen,
}

/// The fee standard a new company starts from: a call-out fee and an hour of labour.
fn default_price_list() -> Vec<PriceItem> {
    vec![
        PriceItem {
            kind: QuoteLineKind::Travel,
            name: "上门服务费".into(),
            unit_price: Fen::yuan(50),
        },
        PriceItem {
            kind: QuoteLineKind::Labour,
            name: "维修工时".into(),
            unit_price: Fen::yuan(80),
        },
    ]
}

/// A new price-list entry as typed: a name not yet in the list, a price in yuan that is not negative.
pub fn check_price_item(
    list: &[PriceItem],
    kind: QuoteLineKind,
    name: &str,
    price: &str,
) -> Result<PriceItem, Vec<FieldError>> {
    let mut problems = Vec::new();
    let name = super::text::cleaned(name);
    let name = name.as_str();
    if name.is_empty() {
        problems.push(FieldError::new(Field::Name, Problem::Required));
    } else if list.iter().any(|item| item.name == name) {
        problems.push(FieldError::new(Field::Name, Problem::DuplicateName));
    }
    let unit_price = match Fen::parse_yuan(price) {
        Some(price) if price < Fen::ZERO => {
            problems.push(FieldError::new(Field::Price, Problem::NegativeAmount));
            Fen::ZERO
        }
        Some(price) if price > Fen::PRICE_MAX => {
            problems.push(FieldError::new(
                Field::Price,
                Problem::AmountTooLarge {
                    max: Fen::PRICE_MAX,
                },
            ));
            Fen::ZERO
        }
        Some(price) => price,
        None => {
            problems.push(FieldError::new(Field::Price, Problem::InvalidAmount));
            Fen::ZERO
        }
    };
    match problems.is_empty() {
        true => Ok(PriceItem {
            kind,
            name: name.to_string(),
            unit_price,
        }),
        false => Err(problems),
    }
}

/// The entry a typed line description names, if any.
pub fn price_of<'a>(list: &'a [PriceItem], description: &str) -> Option<&'a PriceItem> {
    let description = description.trim();
    list.iter().find(|item| item.name == description)
}

impl Default for ServiceSettings {
    fn default() -> Self {
        ServiceSettings {
            calendar: Calendar::china_default(),
            policy: Policy::default(),
            warranty_months: 12,
            price_list: default_price_list(),
            retention_months: 0,
        }
    }
}

/// Checks a holiday before it is added: a name, and not a make-up working day at the same time.
pub fn check_holiday(calendar: &Calendar, date: Option<Date>, name: &str) -> Vec<FieldError> {
    let mut problems = Vec::new();
    match date {
        None => problems.push(FieldError::new(Field::Date, Problem::Required)),
        Some(date) if calendar.make_up_days().contains(&date) => {
            problems.push(FieldError::new(Field::Date, Problem::DayIsMakeUpDay))
        }
        Some(_) => {}
    }
    if super::text::is_blank(name) {
        problems.push(FieldError::new(Field::Name, Problem::Required));
    }
    problems
}

/// Checks a make-up working day (调休) before it is added: not a holiday at the same time.
pub fn check_make_up_day(calendar: &Calendar, date: Option<Date>) -> Vec<FieldError> {
    match date {
        None => vec![FieldError::new(Field::Date, Problem::Required)],
        Some(date) if calendar.holidays().contains_key(&date) => {
            vec![FieldError::new(Field::Date, Problem::DayIsHoliday)]
        }
        Some(_) => Vec::new(),
    }
}

/// Office hours from "HH:MM" texts: opening before closing, inside one day.
pub fn parse_office_hours(open: &str, close: &str) -> Result<Hours, Vec<FieldError>> {
    let open_minute = parse_clock_time(open);
    let close_minute = parse_clock_time(close);
    let mut problems = Vec::new();
    if open_minute.is_none() {
        problems.push(FieldError::new(Field::Opens, Problem::InvalidTime));
    }
    match (open_minute, close_minute) {
        (_, None) => problems.push(FieldError::new(Field::Closes, Problem::InvalidTime)),
        (Some(open), Some(close)) if close <= open => {
            problems.push(FieldError::new(Field::Closes, Problem::ClosesBeforeOpening))
        }
        _ => {}
    }
    match (open_minute, close_minute, problems.is_empty()) {
        (Some(open), Some(close), true) => Ok(Hours::Office {
            start_minute: open as u16,
            end_minute: close as u16,
        }),
        _ => Err(problems),
    }
}

/// "HH:MM" as minutes after midnight.
pub fn parse_clock_time(text: &str) -> Option<i64> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let hours: i64 = hours.parse().ok()?;
    let minutes: i64 = minutes.parse().ok()?;
    let minute = hours * 60 + minutes;
    ((0..24).contains(&hours) && (0..60).contains(&minutes) && minute < DAY_MINUTES)
        .then_some(minute)
}

/// A target amount typed in a form: a whole number from 1 to `TARGET_MAX`.
pub fn parse_target_amount(text: &str) -> Result<u32, Problem> {
    match text.trim().parse::<u32>() {
        Ok(amount) if (1..=TARGET_MAX).contains(&amount) => Ok(amount),
        _ => Err(Problem::OutOfRange {
            min: 1,
            max: TARGET_MAX as i64,
        }),
    }
}

/// The longest warranty term the settings take: ten years.
pub const WARRANTY_MONTHS_MAX: u32 = 120;

/// The warranty term as typed: 1 to `WARRANTY_MONTHS_MAX` months.
pub fn parse_warranty_months(text: &str) -> Result<u32, FieldError> {
    match text.trim().parse::<u32>() {
        Ok(months) if (1..=WARRANTY_MONTHS_MAX).contains(&months) => Ok(months),
        _ => Err(FieldError::new(
            Field::WarrantyMonths,
            Problem::OutOfRange {
                min: 1,
                max: WARRANTY_MONTHS_MAX as i64,
            },
        )),
    }
}

/// A target from its unit's name and its typed amount.
pub fn target(unit: &str, amount: u32) -> Option<Target> {
    match unit {
        "clock_hours" => Some(Target::ClockHours(amount)),
        "business_hours" => Some(Target::BusinessHours(amount)),
        "working_days" => Some(Target::WorkingDays(amount)),
        _ => None,
    }
}

/// A target's unit name and amount, as the form shows them (the inverse of `target`).
pub fn target_parts(target: Target) -> (&'static str, u32) {
    match target {
        Target::ClockHours(n) => ("clock_hours", n),
        Target::BusinessHours(n) => ("business_hours", n),
        Target::WorkingDays(n) => ("working_days", n),
    }
}
