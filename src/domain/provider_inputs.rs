//! What a service provider's period is judged on besides the tickets (R7.1, seed S18 二.1–2.1.5): platform
//! reviews (entered, or imported from a platform's CSV export), complaints against the provider with their cause,
//! and peak-event incidents. The system's own bad reviews and false records are not here: they are read from the
//! tickets, so nothing is typed twice.
//!
//! Owns: `ProviderInput` (one record per item, last writer wins per field), its kinds, the hand-entry draft and
//! its check, and matching an imported review to its ticket (by order number, else phone + address). Must not:
//! decide what counts or costs (`provider_reviews`, `penalties`, `provider_statement`) or read files (the CSV is
//! parsed in `sync::review_csv`).

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::contact::{address_key, is_phone, normalise_phone};
use super::dataset::Dataset;
use super::error::{Checked, Field, Problem, Problems, required_text};
use super::ids::Id;
use super::inputs::required_date;
use super::org::Affiliation;
use super::provider_reviews::WorkKind;
use super::sorting;
use super::ticket::{Kind, Ticket};
use crate::domain::ticket::intake::{ORDER_NUMBER_MAX, SHORT_MAX, TEXT_MAX, optional_text};

/// One item entered against a provider, on the day it happened.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProviderInput {
    pub provider: Id,
    pub day: Date,
    /// The ticket it is about, if known (a platform review's matched order; a complaint's ticket).
    pub ticket: Option<Id>,
    pub detail: InputDetail,
    /// The review's text, the complaint's or the incident's description.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InputDetail {
    /// 电商平台网页评价 of 1 or 2 stars.
    PlatformReview(PlatformReview),
    /// 投诉 against the provider.
    Complaint {
        cause: ComplaintCause,
        /// 情节严重: the provider is flagged for disqualification (取消资格).
        serious: bool,
    },
    /// Understaffing at a peak event causing late service.
    PeakIncident { event: PeakEvent },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlatformReview {
    /// The platform's name as the user calls it (京东, 天猫, …): the CSV mapping is remembered per platform.
    pub platform: String,
    pub order_number: String,
    pub phone: String,
    pub address: String,
    /// 1 or 2.
    pub stars: u8,
    pub kind: ReviewedWork,
    /// Why the review is clearly about something other than the installation service (2.1.5.1), once judged so.
    pub not_about_service: Option<String>,
}

/// What the reviewed order was for, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewedWork {
    Installation,
    Repair,
}

slugs!(ReviewedWork {
    Installation => "Installation",
    Repair => "Repair",
});

impl ReviewedWork {
    pub fn work(self) -> WorkKind {
        match self {
            ReviewedWork::Installation => WorkKind::Installation,
            ReviewedWork::Repair => WorkKind::Repair,
        }
    }

    /// An installation ticket's work is installation; anything else a provider does on site is a repair.
    pub fn of_ticket(kind: Kind) -> ReviewedWork {
        match kind {
            Kind::Installation => ReviewedWork::Installation,
            _ => ReviewedWork::Repair,
        }
    }
}

/// The four causes of S18 that carry the complaint fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintCause {
    /// 服务不及时
    Late,
    /// 违反操作规范
    BreachOfRules,
    /// 服务质量差
    PoorQuality,
    /// 未出示收费标准
    FeesNotShown,
}

slugs!(ComplaintCause {
    Late => "Late",
    BreachOfRules => "BreachOfRules",
    PoorQuality => "PoorQuality",
    FeesNotShown => "FeesNotShown",
});

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "name", rename_all = "snake_case")]
pub enum PeakEvent {
    /// “6.18”
    June18,
    /// “双11”
    Double11,
    /// Another promotion, by name (双12, 年货节 …).
    Other(String),
}

/// Who a ticket's work belongs to: the provider of its assigned engineer, if that engineer works for one.
pub fn provider_of(ticket: &Ticket, data: &Dataset) -> Option<Id> {
    let staff = data.staff.get(ticket.assignee?)?;
    match staff.affiliation {
        Affiliation::Provider(provider) => Some(provider),
        _ => None,
    }
}

/// How an imported review found its ticket, or why it did not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    ByOrderNumber(Id),
    ByPhoneAndAddress(Id),
    /// No ticket has the order number, nor the phone and address.
    NoTicket,
    /// Several tickets have the phone and address and none the order number: which one is not guessed.
    Ambiguous {
        count: usize,
    },
}

impl Match {
    pub fn ticket(&self) -> Option<Id> {
        match *self {
            Match::ByOrderNumber(id) | Match::ByPhoneAndAddress(id) => Some(id),
            _ => None,
        }
    }
}

/// Finds imported reviews' tickets: built once over every ticket, asked once per row.
pub struct TicketFinder {
    by_order: super::fast_hash::FastMap<String, Id>,
    by_customer: super::fast_hash::FastMap<(String, String), Vec<Id>>,
}

impl TicketFinder {
    pub fn new<'a>(tickets: impl IntoIterator<Item = &'a Ticket>) -> TicketFinder {
        let mut finder = TicketFinder {
            by_order: Default::default(),
            by_customer: Default::default(),
        };
        for ticket in tickets {
            let registration = &ticket.registration;
            let order = registration.order_number.trim();
            if !order.is_empty() {
                finder.by_order.insert(order.to_string(), ticket.id);
            }
            let customer = &registration.customer;
            finder
                .by_customer
                .entry((
                    normalise_phone(&customer.phone),
                    address_key(&customer.address),
                ))
                .or_default()
                .push(ticket.id);
        }
        finder
    }

    /// The order number first; else the one ticket of that phone and address.
    pub fn find(&self, order_number: &str, phone: &str, address: &str) -> Match {
        if let Some(&id) = self.by_order.get(order_number.trim()) {
            return Match::ByOrderNumber(id);
        }
        let key = (normalise_phone(phone), address_key(address));
        match self.by_customer.get(&key).map(Vec::as_slice) {
            _ if key.0.is_empty() || key.1.is_empty() => Match::NoTicket,
            Some([one]) => Match::ByPhoneAndAddress(*one),
            Some(many) if many.len() > 1 => Match::Ambiguous { count: many.len() },
            _ => Match::NoTicket,
        }
    }
}

/// Which kind of item the entry form is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    PlatformReview,
    Complaint,
    PeakIncident,
}

slugs!(InputKind {
    PlatformReview => "PlatformReview",
    Complaint => "Complaint",
    PeakIncident => "PeakIncident",
});

/// What the entry form hands over, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InputDraft {
    pub provider: Option<Id>,
    /// "YYYY-MM-DD".
    pub day: String,
    pub ticket: Option<Id>,
    /// The provider whose engineer worked `ticket` (`provider_of`), if any: an item is only tied to its own
    /// provider's ticket.
    pub ticket_provider: Option<Id>,
    pub text: String,
    pub platform: String,
    pub order_number: String,
    pub phone: String,
    pub address: String,
    /// "1" or "2".
    pub stars: String,
    pub reviewed: Option<ReviewedWork>,
    /// Set: the review is judged to be about something else, for this reason.
    pub not_about_service: String,
    pub cause: Option<ComplaintCause>,
    pub serious: bool,
    pub event: Option<PeakEvent>,
}

impl InputDraft {
    /// The item as it would be saved; `today` bounds its day (nothing is entered for tomorrow).
    pub fn check(&self, kind: InputKind, today: Date, data: &Dataset) -> Checked<ProviderInput> {
        let mut problems = Problems::default();
        match self.provider {
            None => problems.add(Field::Provider, Problem::Required),
            Some(id) if !data.providers.contains(id) => {
                problems.add(Field::Provider, Problem::UnknownReference)
            }
            Some(_) => {}
        }
        let day = required_date(&self.day, Field::Date, &mut problems);
        if day.is_some_and(|d| d > today) {
            problems.add(Field::Date, Problem::DateInFuture);
        }
        if self
            .ticket
            .is_some_and(|t| !data.tickets.contains_ticket(t))
        {
            problems.add(Field::Record, Problem::UnknownReference);
        } else if self.ticket.is_some()
            && self.provider.is_some()
            && self.ticket_provider != self.provider
        {
            problems.add(Field::Provider, Problem::TicketOfAnotherProvider);
        }
        let detail = match kind {
            InputKind::PlatformReview => {
                let platform =
                    required_text(&self.platform, SHORT_MAX, Field::Platform, &mut problems);
                let order_number = optional_text(
                    &self.order_number,
                    ORDER_NUMBER_MAX,
                    Field::OrderNumber,
                    &mut problems,
                );
                let phone = self.phone.trim().to_string();
                // A review anonymised by the retention rule keeps its pseudonym as it is (`retention`).
                if !phone.is_empty()
                    && !is_phone(&phone)
                    && !phone.starts_with(super::retention::PSEUDONYM_PREFIX)
                {
                    problems.add(Field::Phone, Problem::InvalidPhone);
                }
                let address =
                    optional_text(&self.address, SHORT_MAX, Field::Address, &mut problems);
                if self.ticket.is_none()
                    && order_number.is_empty()
                    && (phone.is_empty() || address.is_empty())
                {
                    // Without either, the review cannot be told apart from another customer's (2.1.4, 2.1.5.2);
                    // a review tied to its ticket is told apart by the ticket's customer.
                    problems.add(Field::OrderNumber, Problem::OrderOrCustomerRequired);
                }
                let stars = parse_stars(&self.stars, &mut problems);
                let reason = optional_text(
                    &self.not_about_service,
                    TEXT_MAX,
                    Field::Reason,
                    &mut problems,
                );
                // A review that found its ticket keeps none of the customer's details, as an imported one: the
                // ticket has them (and the retention rule removes them there).
                let (phone, address) = match self.ticket {
                    Some(_) => (String::new(), String::new()),
                    None => (normalise_phone(&phone), address),
                };
                InputDetail::PlatformReview(PlatformReview {
                    platform,
                    order_number,
                    phone,
                    address,
                    stars,
                    kind: self.reviewed.unwrap_or(ReviewedWork::Installation),
                    not_about_service: (!reason.is_empty()).then_some(reason),
                })
            }
            InputKind::Complaint => {
                if self.cause.is_none() {
                    problems.add(Field::Cause, Problem::Required);
                }
                InputDetail::Complaint {
                    cause: self.cause.unwrap_or(ComplaintCause::Late),
                    serious: self.serious,
                }
            }
            InputKind::PeakIncident => {
                let event = match &self.event {
                    None => {
                        problems.add(Field::Event, Problem::Required);
                        PeakEvent::Double11
                    }
                    Some(PeakEvent::Other(name)) => PeakEvent::Other(required_text(
                        name,
                        SHORT_MAX,
                        Field::Event,
                        &mut problems,
                    )),
                    Some(event) => event.clone(),
                };
                InputDetail::PeakIncident { event }
            }
        };
        let text = match kind {
            // A review may be stars alone; a complaint or an incident says what happened.
            InputKind::PlatformReview => {
                optional_text(&self.text, TEXT_MAX, Field::Text, &mut problems)
            }
            _ => required_text(&self.text, TEXT_MAX, Field::Text, &mut problems),
        };
        problems.finish(|| ProviderInput {
            provider: self.provider.expect("checked"),
            day: day.expect("checked"),
            ticket: self.ticket,
            detail,
            text,
        })
    }

    /// The form showing `input` (to edit it).
    pub fn of(input: &ProviderInput) -> InputDraft {
        let mut draft = InputDraft {
            provider: Some(input.provider),
            day: input.day.to_string(),
            ticket: input.ticket,
            text: input.text.clone(),
            ..InputDraft::default()
        };
        match &input.detail {
            InputDetail::PlatformReview(review) => {
                draft.platform = review.platform.clone();
                draft.order_number = review.order_number.clone();
                draft.phone = review.phone.clone();
                draft.address = review.address.clone();
                draft.stars = review.stars.to_string();
                draft.reviewed = Some(review.kind);
                draft.not_about_service = review.not_about_service.clone().unwrap_or_default();
            }
            InputDetail::Complaint { cause, serious } => {
                draft.cause = Some(*cause);
                draft.serious = *serious;
            }
            InputDetail::PeakIncident { event } => draft.event = Some(event.clone()),
        }
        draft
    }
}

impl ProviderInput {
    pub fn kind(&self) -> InputKind {
        match self.detail {
            InputDetail::PlatformReview(_) => InputKind::PlatformReview,
            InputDetail::Complaint { .. } => InputKind::Complaint,
            InputDetail::PeakIncident { .. } => InputKind::PeakIncident,
        }
    }
}

/// A platform's bad review has 1 or 2 stars; anything else is not one (3 stars and up are not bad reviews).
pub fn parse_stars(raw: &str, problems: &mut Problems) -> u8 {
    // Platforms write "1", "1星", "★★" or "1.0"; people "一星", "两星" or full-width "１".
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '一' => '1',
            '二' | '两' => '2',
            '三' => '3',
            '四' => '4',
            '五' => '5',
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    let stars = match digits.trim_end_matches('星').trim_end_matches(".0") {
        "" => {
            problems.add(Field::Stars, Problem::Required);
            return 1;
        }
        "★" => Some(1),
        "★★" => Some(2),
        text => text.parse::<u8>().ok(),
    };
    match stars {
        Some(n @ 1..=2) => n,
        Some(n @ 3..=5) => {
            problems.add(Field::Stars, Problem::NotABadReview { stars: n });
            n
        }
        _ => {
            problems.add(Field::Stars, Problem::OutOfRange { min: 1, max: 2 });
            1
        }
    }
}

/// What a column of a platform's file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    OrderNumber,
    Phone,
    Address,
    Stars,
    Text,
    Date,
}

slugs!(ColumnRole {
    OrderNumber => "OrderNumber",
    Phone => "Phone",
    Address => "Address",
    Stars => "Stars",
    Text => "Text",
    Date => "Date",
});

impl ColumnRole {
    /// Header words platforms use for it, most specific first.
    fn words(self) -> &'static [&'static str] {
        match self {
            ColumnRole::OrderNumber => &["订单编号", "订单号", "子订单", "order"],
            ColumnRole::Phone => &["手机", "电话", "联系方式", "phone", "mobile"],
            ColumnRole::Address => &["收货地址", "地址", "address"],
            ColumnRole::Stars => &["星级", "评分", "评价等级", "star", "rating", "score"],
            ColumnRole::Text => &["评价内容", "内容", "评价", "comment", "review", "text"],
            ColumnRole::Date => &["评价时间", "时间", "日期", "date", "time"],
        }
    }
}

/// Which column (by its place in the header) holds what.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewColumns(pub Vec<(ColumnRole, usize)>);

impl ReviewColumns {
    pub fn of(&self, role: ColumnRole) -> Option<usize> {
        self.0.iter().find(|(r, _)| *r == role).map(|(_, i)| *i)
    }

    pub fn set(&mut self, role: ColumnRole, column: Option<usize>) {
        self.0.retain(|(r, _)| *r != role);
        if let Some(column) = column {
            self.0.push((role, column));
        }
    }

    /// A first guess from the header's words; each column used once.
    pub fn guess(header: &[String]) -> ReviewColumns {
        let mut columns = ReviewColumns::default();
        let mut taken: Vec<usize> = Vec::new();
        for role in ColumnRole::ALL {
            let found = role.words().iter().find_map(|word| {
                header.iter().enumerate().find_map(|(i, name)| {
                    (!taken.contains(&i) && name.to_lowercase().contains(word)).then_some(i)
                })
            });
            if let Some(i) = found {
                taken.push(i);
                columns.set(role, Some(i));
            }
        }
        columns
    }

    /// The columns as header names (what a device remembers per platform: the same export maps again).
    pub fn names(&self, header: &[String]) -> Vec<(ColumnRole, String)> {
        self.0
            .iter()
            .filter_map(|(role, i)| header.get(*i).map(|name| (*role, name.clone())))
            .collect()
    }

    /// The remembered names found in `header`; a name no longer there is left unmapped.
    pub fn from_names(names: &[(ColumnRole, String)], header: &[String]) -> ReviewColumns {
        let mut columns = ReviewColumns::default();
        for (role, name) in names {
            columns.set(*role, header.iter().position(|h| h == name));
        }
        columns
    }

    /// What must be mapped before rows can be read: the stars and the date, and the order number or else the
    /// phone and the address.
    pub fn missing(&self) -> Vec<ColumnRole> {
        let mut missing: Vec<ColumnRole> = [ColumnRole::Stars, ColumnRole::Date]
            .into_iter()
            .filter(|r| self.of(*r).is_none())
            .collect();
        if self.of(ColumnRole::OrderNumber).is_none() {
            missing.extend(
                [ColumnRole::Phone, ColumnRole::Address]
                    .into_iter()
                    .filter(|r| self.of(*r).is_none()),
            );
        }
        missing
    }
}

/// A day as platforms write it: "2026-11-05", "2026/11/5 10:23:11", "2026.11.05", "2026年11月5日".
pub fn parse_loose_day(text: &str) -> Option<Date> {
    let day = text.trim().split([' ', 'T']).next()?;
    // A sign or a stray separator first is no date ("-2026-11-05").
    if !day.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = day
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [year, month, day] => Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?),
        _ => None,
    }
}

/// The id an imported review is stored under: made from what makes it the same review (its ticket, stars, day and
/// text), so two tabs or two devices importing the same export at once write one record each, not two.
pub fn imported_review_id(input: &ProviderInput) -> Id {
    let stars: &[u8] = match &input.detail {
        InputDetail::PlatformReview(review) => &[review.stars],
        _ => &[],
    };
    Id::derived(&[
        b"aftersales imported review\0",
        &input.ticket.map_or(0, |t| t.as_u128()).to_be_bytes(),
        stars,
        input.day.to_string().as_bytes(),
        &[0],
        input.text.as_bytes(),
    ])
}

/// Why a row of a platform's file is not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// Its cells do not match the header's count.
    Misshapen { cells: usize, expected: usize },
    /// Cells that do not read (each with its problem).
    Invalid(Vec<(ColumnRole, super::error::Problem)>),
    /// No ticket has its order number, nor its phone and address.
    NoTicket,
    /// Several tickets share its phone and address (and none its order number).
    Ambiguous { count: usize },
    /// Its ticket was not worked by a provider's engineer.
    NotAProvidersTicket,
    /// The same review is stored already (imported before, or entered by hand), under this platform's name —
    /// another name when the same export was imported as "JD" once and "京东" again.
    AlreadyImported { platform: String },
    /// The same review appears earlier in the file.
    RepeatedInFile { line: u64 },
}

/// One row of the file and what importing does with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedRow {
    pub line: u64,
    /// The ticket it was matched to and how.
    pub matched: Match,
    pub outcome: Result<ProviderInput, Skipped>,
}

/// What importing `rows` (of a file whose header has `width` cells; `misshapen` the rows that did not) from
/// `platform` with `columns` would do, row by row: nothing is written for a row that is skipped, and the rows that
/// are not go in together (`AppState::commit_all`).
#[allow(clippy::too_many_arguments)]
pub fn plan_import(
    rows: &[(u64, Vec<String>)],
    misshapen: &[(u64, usize)],
    width: usize,
    columns: &ReviewColumns,
    platform: &str,
    tickets: &[Ticket],
    data: &Dataset,
    today: Date,
) -> Vec<PlannedRow> {
    let finder = TicketFinder::new(tickets);
    let by_id: super::fast_hash::FastMap<Id, &Ticket> = tickets.iter().map(|t| (t.id, t)).collect();
    // A review is the same review when its ticket (else its order, phone and address), stars, day and text are —
    // whatever the platform was called: an order is placed on one platform, and the same export imported once as
    // "JD" and again as "京东" must not count its bad reviews twice.
    let key = |ticket: Option<Id>, r: &PlatformReview, day: Date, text: &str| {
        let about = match ticket {
            Some(ticket) => format!("{ticket:?}"),
            None => format!("{}\u{1f}{}\u{1f}{}", r.order_number, r.phone, r.address),
        };
        format!("{about}\u{1f}{}\u{1f}{day}\u{1f}{text}", r.stars)
    };
    let stored: super::fast_hash::FastMap<String, &str> = data
        .provider_inputs
        .live()
        .filter_map(|(_, i)| match &i.detail {
            InputDetail::PlatformReview(r) => {
                Some((key(i.ticket, r, i.day, &i.text), r.platform.as_str()))
            }
            _ => None,
        })
        .collect();
    let mut in_file: super::fast_hash::FastMap<String, u64> = Default::default();
    let mut planned: Vec<PlannedRow> = misshapen
        .iter()
        .map(|&(line, cells)| PlannedRow {
            line,
            matched: Match::NoTicket,
            outcome: Err(Skipped::Misshapen {
                cells,
                expected: width,
            }),
        })
        .collect();
    for (line, cells) in rows {
        let cell = |role: ColumnRole| {
            columns
                .of(role)
                .and_then(|i| cells.get(i))
                .map(String::as_str)
                .unwrap_or("")
        };
        let mut problems = Problems::default();
        let stars = parse_stars(cell(ColumnRole::Stars), &mut problems);
        let day = match parse_loose_day(cell(ColumnRole::Date)) {
            None if cell(ColumnRole::Date).is_empty() => {
                problems.add(Field::Date, Problem::Required);
                None
            }
            None => {
                problems.add(Field::Date, Problem::InvalidDate);
                None
            }
            Some(day) if day > today => {
                problems.add(Field::Date, Problem::DateInFuture);
                None
            }
            Some(day) if !day.is_plausible() => {
                problems.add(Field::Date, Problem::DateOutOfRange);
                None
            }
            Some(day) => Some(day),
        };
        let order_number = optional_text(
            cell(ColumnRole::OrderNumber),
            ORDER_NUMBER_MAX,
            Field::OrderNumber,
            &mut problems,
        );
        let phone = cell(ColumnRole::Phone);
        // Platforms mask phones (138****1234): such a phone matches nothing, and is kept as written.
        if !phone.is_empty() && !phone.contains('*') && !is_phone(phone) {
            problems.add(Field::Phone, Problem::InvalidPhone);
        }
        let address = optional_text(
            cell(ColumnRole::Address),
            SHORT_MAX,
            Field::Address,
            &mut problems,
        );
        if order_number.is_empty() && (phone.is_empty() || address.is_empty()) {
            problems.add(Field::OrderNumber, Problem::OrderOrCustomerRequired);
        }
        // A platform's text is taken in as a typed one is: no direction controls or invisible ends.
        let text = optional_text(
            &super::text::cleaned(cell(ColumnRole::Text)),
            TEXT_MAX,
            Field::Text,
            &mut problems,
        );
        let problems: Vec<(ColumnRole, Problem)> = match problems.finish(|| ()) {
            Ok(()) => Vec::new(),
            Err(found) => found
                .into_iter()
                .map(|e| {
                    let role = match e.field {
                        Field::Stars => ColumnRole::Stars,
                        Field::Date => ColumnRole::Date,
                        Field::Phone => ColumnRole::Phone,
                        Field::Address => ColumnRole::Address,
                        Field::Text => ColumnRole::Text,
                        _ => ColumnRole::OrderNumber,
                    };
                    (role, e.problem)
                })
                .collect(),
        };
        if !problems.is_empty() {
            planned.push(PlannedRow {
                line: *line,
                matched: Match::NoTicket,
                outcome: Err(Skipped::Invalid(problems)),
            });
            continue;
        }
        let day = day.expect("checked");
        let matched = finder.find(&order_number, phone, &address);
        let ticket = matched.ticket().and_then(|id| by_id.get(&id).copied());
        // A row that found its ticket keeps none of the customer's details: the ticket has them (and the retention
        // rule removes them there).
        let review = PlatformReview {
            platform: platform.trim().to_string(),
            order_number,
            phone: match ticket {
                Some(_) => String::new(),
                None => normalise_phone(phone),
            },
            address: match ticket {
                Some(_) => String::new(),
                None => address,
            },
            stars,
            kind: ticket.map_or(ReviewedWork::Installation, |t| {
                ReviewedWork::of_ticket(t.registration.kind)
            }),
            not_about_service: None,
        };
        let outcome = match (&matched, ticket) {
            (Match::NoTicket, _) => Err(Skipped::NoTicket),
            (Match::Ambiguous { count }, _) => Err(Skipped::Ambiguous { count: *count }),
            (_, None) => Err(Skipped::NoTicket),
            (_, Some(ticket)) => match provider_of(ticket, data) {
                None => Err(Skipped::NotAProvidersTicket),
                Some(provider) => {
                    let key = key(Some(ticket.id), &review, day, &text);
                    match (in_file.get(&key).copied(), stored.get(&key)) {
                        (Some(line), _) => Err(Skipped::RepeatedInFile { line }),
                        (None, Some(platform)) => Err(Skipped::AlreadyImported {
                            platform: platform.to_string(),
                        }),
                        (None, None) => {
                            in_file.insert(key, *line);
                            Ok(ProviderInput {
                                provider,
                                day,
                                ticket: Some(ticket.id),
                                detail: InputDetail::PlatformReview(review),
                                text,
                            })
                        }
                    }
                }
            },
        };
        planned.push(PlannedRow {
            line: *line,
            matched,
            outcome,
        });
    }
    sorting::by_key(&mut planned, |p| p.line);
    planned
}
