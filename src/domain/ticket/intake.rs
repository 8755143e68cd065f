//! What the intake form and the ticket's action forms hand over, and their checks: text as typed in, a
//! `Registration`, `Quote` or `ServiceReport` out, or every problem found, each on its field (R2.3, R2.6, R2.7).
//!
//! Owns: `RegistrationDraft` (a phone that is one, a purchase date not in the future, a requested visit not in
//! the past, the warranty end from the term when not given), `LineDraft` (a priced line; never a negative
//! amount), the report draft, and a complaint's promise and result told (`PromiseDraft`, `InformDraft`). Must
//! not: decide whether the ticket's state allows the event (that is `Ticket::check`) or do IO.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::{Calendar, Date, Instant};
use crate::domain::contact::{is_phone, normalise_phone};
use crate::domain::error::{Checked, Field, Problem, Problems, required_text};
use crate::domain::ids::Id;
use crate::domain::money::Fen;
use crate::domain::provider_inputs::ComplaintCause;
use crate::domain::ticket::{
    Channel, Customer, Happening, Kind, Priority, Product, QuoteLine, QuoteLineKind, QuoteStatus,
    Registration, ServiceReport, Signature, Ticket, Told,
};

pub const TEXT_MAX: usize = 2_000;
pub const SHORT_MAX: usize = 100;
/// An order number's longest: platforms' are 16–20 digits; room for prefixes.
pub const ORDER_NUMBER_MAX: usize = 40;
/// A requested visit may be up to this far in the past (the time it takes to type the form).
const VISIT_GRACE_MS: i64 = 5 * 60_000;

/// The intake form as typed (kept as a draft while the agent is away from the form).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationDraft {
    pub name: String,
    pub phone: String,
    pub address: String,
    pub category: String,
    pub model: String,
    pub serial: String,
    /// "YYYY-MM-DD" or empty.
    pub purchase_date: String,
    /// "YYYY-MM-DD" or empty: then the purchase date plus the warranty term.
    pub warranty_end: String,
    pub description: String,
    pub kind: Option<Kind>,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    /// A `datetime-local` value or empty.
    pub requested_visit: String,
    pub unit: Option<Id>,
    pub order_number: String,
}

impl RegistrationDraft {
    /// The registration received `now`, or every problem.
    pub fn check(
        &self,
        now: Instant,
        calendar: &Calendar,
        warranty_months: u32,
    ) -> Checked<Registration> {
        let mut problems = Problems::default();
        let name = required_text(&self.name, SHORT_MAX, Field::Customer, &mut problems);
        let phone = normalise_phone(&self.phone);
        if self.phone.trim().is_empty() {
            problems.add(Field::Phone, Problem::Required);
        } else if !is_phone(&self.phone) {
            problems.add(Field::Phone, Problem::InvalidPhone);
        }
        let address = optional_text(&self.address, SHORT_MAX, Field::Address, &mut problems);
        let category = optional_text(&self.category, SHORT_MAX, Field::Category, &mut problems);
        let model = optional_text(&self.model, SHORT_MAX, Field::Model, &mut problems);
        let serial = optional_text(&self.serial, SHORT_MAX, Field::Serial, &mut problems);
        let description = required_text(
            &self.description,
            TEXT_MAX,
            Field::Description,
            &mut problems,
        );
        let today = calendar.local_date(now);
        let purchase_date = optional_date(&self.purchase_date, Field::PurchaseDate, &mut problems);
        if purchase_date.is_some_and(|date| date > today) {
            problems.add(Field::PurchaseDate, Problem::DateInFuture);
        }
        let given_end = optional_date(&self.warranty_end, Field::WarrantyEnd, &mut problems);
        if let (Some(end), Some(purchase)) = (given_end, purchase_date)
            && end < purchase
        {
            problems.add(Field::WarrantyEnd, Problem::WarrantyEndsBeforePurchase);
        }
        let warranty_end = given_end
            .or_else(|| purchase_date.map(|date| date.add_months(warranty_months).add_days(-1)));
        let requested_visit = match self.requested_visit.trim() {
            "" => None,
            text => match calendar.parse_local(text) {
                None => {
                    problems.add(Field::RequestedVisit, Problem::InvalidDateTime);
                    None
                }
                Some(at) if at < now - VISIT_GRACE_MS => {
                    problems.add(Field::RequestedVisit, Problem::TimeInPast);
                    None
                }
                Some(at) => Some(at),
            },
        };
        let order_number = optional_text(
            &self.order_number,
            ORDER_NUMBER_MAX,
            Field::OrderNumber,
            &mut problems,
        );
        let kind = required_choice(self.kind, Field::Kind, &mut problems);
        let priority = required_choice(self.priority, Field::Priority, &mut problems);
        let channel = required_choice(self.channel, Field::Channel, &mut problems);
        problems.finish(|| Registration {
            customer: Customer {
                name,
                phone,
                address,
            },
            product: Product {
                category,
                model,
                serial,
                purchase_date,
                warranty_end,
            },
            description,
            kind: kind.unwrap_or(Kind::Repair),
            priority: priority.unwrap_or(Priority::Normal),
            channel: channel.unwrap_or(Channel::Phone),
            received_at: now,
            requested_visit,
            unit: self.unit,
            order_number,
            // Given by the device that saves it (`ticket::number::next`).
            number: String::new(),
        })
    }
}

/// One priced line as typed: part, labour or travel; quantity; unit price in yuan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineDraft {
    pub kind: QuoteLineKind,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
}

impl LineDraft {
    pub fn new(kind: QuoteLineKind) -> LineDraft {
        LineDraft {
            kind,
            description: String::new(),
            quantity: "1".into(),
            unit_price: String::new(),
        }
    }
}

impl LineDraft {
    /// A priced line as a form shows it, to start from (`check_lines` reads it back to the same line).
    pub fn of(line: &QuoteLine) -> LineDraft {
        LineDraft {
            kind: line.kind,
            description: line.description.clone(),
            quantity: line.quantity.to_string(),
            unit_price: line.unit_price.to_yuan_text(),
        }
    }
}

/// What a service report's charged lines start from: the quote the customer accepted (the work and price agreed,
/// changed in the form only where the work turned out different); none without one.
pub fn report_lines_to_start(ticket: &Ticket) -> Vec<LineDraft> {
    match (&ticket.quote, ticket.quote_status) {
        (Some(quote), QuoteStatus::Accepted) => quote.lines.iter().map(LineDraft::of).collect(),
        _ => Vec::new(),
    }
}

/// Lines from their drafts; a problem names the line (`Field::Line(index)`).
pub fn check_lines(lines: &[LineDraft], problems: &mut Problems) -> Vec<QuoteLine> {
    lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let field = Field::Line(index);
            let description = line.description.trim().to_string();
            if description.is_empty() {
                problems.add(field, Problem::Required);
            }
            let quantity = match line.quantity.trim().parse::<u32>() {
                Ok(q) if (1..=10_000).contains(&q) => q,
                _ => {
                    problems.add(field, Problem::InvalidQuantity);
                    1
                }
            };
            let unit_price = match Fen::parse_yuan(&line.unit_price) {
                Some(price) if price < Fen::ZERO => {
                    problems.add(field, Problem::NegativeAmount);
                    Fen::ZERO
                }
                Some(price) if price > Fen::PRICE_MAX => {
                    problems.add(
                        field,
                        Problem::AmountTooLarge {
                            max: Fen::PRICE_MAX,
                        },
                    );
                    Fen::ZERO
                }
                Some(price) => price,
                None => {
                    problems.add(field, Problem::InvalidAmount);
                    Fen::ZERO
                }
            };
            QuoteLine {
                kind: line.kind,
                description,
                quantity,
                unit_price,
            }
        })
        .collect()
}

/// A quote needs at least one line, each valid.
pub fn check_quote(lines: &[LineDraft]) -> Checked<Vec<QuoteLine>> {
    let mut problems = Problems::default();
    if lines.is_empty() {
        problems.add(Field::Record, Problem::Required);
    }
    let checked = check_lines(lines, &mut problems);
    problems.finish(|| checked)
}

/// The service report form as typed, with the signature drawn.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportDraft {
    pub work_done: String,
    pub lines: Vec<LineDraft>,
    pub signed_by: String,
    pub signature: Option<Signature>,
}

impl ReportDraft {
    /// A report needs the work done, valid lines, and the customer's confirmation: their name and a signature.
    pub fn check(&self) -> Checked<ServiceReport> {
        let mut problems = Problems::default();
        let work_done = required_text(&self.work_done, TEXT_MAX, Field::WorkDone, &mut problems);
        let lines = check_lines(&self.lines, &mut problems);
        let signed_by = required_text(&self.signed_by, SHORT_MAX, Field::SignedBy, &mut problems);
        let signature = self.signature.clone().filter(Signature::has_ink);
        if signature.is_none() {
            problems.add(Field::Signature, Problem::SignatureMissing);
        }
        problems.finish(|| ServiceReport {
            work_done,
            lines,
            signed_by,
            signature,
        })
    }
}

/// A reason, solution or note: required, at most `TEXT_MAX` characters.
pub fn check_text(raw: &str) -> Checked<String> {
    let mut problems = Problems::default();
    let text = required_text(raw, TEXT_MAX, Field::Text, &mut problems);
    problems.finish(|| text)
}

/// A visit or follow-up time: a valid local time, not in the past.
pub fn check_future_time(raw: &str, now: Instant, calendar: &Calendar) -> Checked<Instant> {
    let mut problems = Problems::default();
    let at = match calendar.parse_local(raw) {
        None if raw.trim().is_empty() => {
            problems.add(Field::When, Problem::Required);
            0
        }
        None => {
            problems.add(Field::When, Problem::InvalidDateTime);
            0
        }
        Some(at) if at < now - VISIT_GRACE_MS => {
            problems.add(Field::When, Problem::TimeInPast);
            at
        }
        Some(at) => at,
    };
    problems.finish(|| at)
}

pub(crate) fn optional_text(
    raw: &str,
    max: usize,
    field: Field,
    problems: &mut Problems,
) -> String {
    // As a required text is: an invisible-only value is no value (a zero-width space typed or pasted).
    let text = crate::domain::text::cleaned(raw);
    if text.chars().count() > max {
        problems.add(field, Problem::TooLong { max });
    }
    text
}

fn optional_date(raw: &str, field: Field, problems: &mut Problems) -> Option<Date> {
    match raw.trim() {
        "" => None,
        text => {
            let date = Date::parse(text);
            match date {
                None => problems.add(field, Problem::InvalidDate),
                Some(day) if !day.is_plausible() => problems.add(field, Problem::DateOutOfRange),
                Some(_) => {}
            }
            date
        }
    }
}

fn required_choice<T>(value: Option<T>, field: Field, problems: &mut Problems) -> Option<T> {
    if value.is_none() {
        problems.add(field, Problem::Required);
    }
    value
}

/// A complaint's promise as typed: the last day by which the solution was promised (S9 四.2) and a note.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromiseDraft {
    /// "YYYY-MM-DD".
    pub day: String,
    pub note: String,
}

impl PromiseDraft {
    /// The event; the day is today or later (a promise is about what is still to come). A promise that moves one
    /// already made (`promised`) says why: the service levels watch the day, so it is not moved silently.
    pub fn check(&self, today: Date, promised: Option<Date>) -> Checked<Happening> {
        let mut problems = Problems::default();
        let day = crate::domain::inputs::required_date(&self.day, Field::Date, &mut problems);
        if day.is_some_and(|day| day < today) {
            problems.add(Field::Date, Problem::DateInPast);
        }
        if promised.is_some_and(|before| day != Some(before)) && self.note.trim().is_empty() {
            problems.add(Field::Text, Problem::ReasonForChange);
        }
        let note = optional_text(&self.note, TEXT_MAX, Field::Text, &mut problems);
        problems.finish(|| Happening::Promised {
            by: day.expect("checked"),
            note,
        })
    }
}

/// A complaint's result told to the customer, as typed: how and the cause found (both chosen, so the complaints'
/// analysis by cause counts what was found, not a default) and a note.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InformDraft {
    pub how: Option<Told>,
    /// `None` until chosen; `Some(None)`: a cause other than the four of S18.
    pub cause: Option<Option<ComplaintCause>>,
    pub note: String,
}

impl InformDraft {
    pub fn check(&self) -> Checked<Happening> {
        let mut problems = Problems::default();
        if self.how.is_none() {
            problems.add(Field::Contact, Problem::Required);
        }
        if self.cause.is_none() {
            problems.add(Field::Category, Problem::Required);
        }
        let note = optional_text(&self.note, TEXT_MAX, Field::Text, &mut problems);
        problems.finish(|| Happening::Informed {
            how: self.how.expect("checked"),
            cause: self.cause.expect("checked"),
            note,
        })
    }
}
