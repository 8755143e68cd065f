//! A service provider's statement of a week or a month (R7.3–R7.4, seed S18 二.2): every item that costs
//! it — counted bad reviews, false records, complaints, peak-event incidents — with the rule and the amount, every
//! bad review excluded with the rule that excluded it and what it was merged into, and the total; then issued
//! (frozen: a later change of the inputs or the rules does not change it; a correction is a new version linked to
//! the one it corrects).
//!
//! Owns: `ProviderFacts` (what the tickets say about each provider, read in one pass per data change),
//! `StatementBody` (a statement's content, the same whether drafted or issued), `Statement` (the issued record),
//! `Overview` rows and the checks that keep an issued statement as issued. Must not: decide which reviews count
//! (`provider_reviews`), what the amounts are (`penalties`) or what an input is (`provider_inputs`).

use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, Date, Instant};
use super::contact::mask_phone;
use super::dataset::Dataset;
use super::error::Problem;
use super::fast_hash::FastMap;
use super::ids::Id;
use super::money::Fen;
use super::penalties::{PenaltyRules, RateBand, in_force, per_bad_review};
use super::period::Period;
use super::provider_inputs::{
    ComplaintCause, InputDetail, PeakEvent, PlatformReview, ReviewedWork, provider_of,
};
use super::provider_reviews::{BadReview, Origin, Rule, Source, Verdict, deduplicate};
use super::ratio::Ratio;
use super::sorting;
use super::ticket::{Channel, Ticket};
use crate::domain::ticket::state::State;

/// Where an item comes from: a ticket (a system review, a false record) or an entered input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum ItemSource {
    Ticket(Id),
    Input(Id),
}

/// What a line is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Item {
    /// 差评 (2.1.5): the system's survey or a platform's review.
    BadReview {
        from_platform: bool,
        /// The platform's name; empty for the system's survey.
        platform: String,
        stars: u8,
    },
    /// 虚假用户信息 (2.1.2).
    FalseRecord,
    Complaint {
        cause: ComplaintCause,
        serious: bool,
    },
    PeakIncident {
        event: PeakEvent,
    },
}

/// One item of a statement.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Line {
    pub item: Item,
    pub day: Date,
    pub source: ItemSource,
    /// The order number, else the customer's masked phone: what the provider finds the order by. Never the
    /// customer's name or full phone (an issued statement outlives the retention period).
    pub reference: String,
    /// The review's text, the complaint's or the incident's description, the voiding reason.
    pub detail: String,
    pub amount: Fen,
}

/// A bad review that does not count, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Excluded {
    pub review: Line,
    pub rule: Rule,
    /// The review it was merged into (none for 2.1.5.1).
    pub into: Option<ItemSource>,
    /// The reason the user recorded (2.1.5.1).
    pub reason: String,
}

/// A statement's content.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StatementBody {
    pub provider: Id,
    pub period: Period,
    /// The rules applied: those in force on the period's first day.
    pub rules: PenaltyRules,
    /// Whether they are the seed's (nobody had set any).
    pub seed_rules: bool,
    /// Tickets of the provider's engineers resolved in the period (the bad-review rate's denominator).
    pub completed: u32,
    /// The band of the year's rule that priced the bad reviews, if it is by rate.
    pub band: Option<RateBand>,
    pub lines: Vec<Line>,
    pub excluded: Vec<Excluded>,
    pub total: Fen,
}

impl StatementBody {
    pub fn counted_bad_reviews(&self) -> u32 {
        self.lines
            .iter()
            .filter(|l| matches!(l.item, Item::BadReview { .. }))
            .count() as u32
    }

    /// Counted bad reviews over completed tickets; `None` over nothing.
    pub fn bad_review_rate(&self) -> Option<Ratio> {
        Ratio::of(
            u64::from(self.counted_bad_reviews()),
            u64::from(self.completed),
        )
    }

    pub fn complaints(&self) -> u32 {
        self.lines
            .iter()
            .filter(|l| matches!(l.item, Item::Complaint { .. }))
            .count() as u32
    }

    /// A serious complaint flags the provider for disqualification (取消资格).
    pub fn disqualification(&self) -> bool {
        self.lines
            .iter()
            .any(|l| matches!(l.item, Item::Complaint { serious: true, .. }))
    }

    /// Whether there is nothing on it at all.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.excluded.is_empty()
    }

    /// Whether the data now says something else than `issued` did: any item, amount, rule or figure — not what the
    /// retention rule's anonymisation changes while every figure stays: how an item's customer is shown
    /// ("139****5678" becomes "—") and a system review's survey comment (removed with the customer's data).
    pub fn differs_from(&self, issued: &StatementBody) -> bool {
        let without_references = |body: &StatementBody| {
            let mut body = body.clone();
            for line in body
                .lines
                .iter_mut()
                .chain(body.excluded.iter_mut().map(|e| &mut e.review))
            {
                line.reference.clear();
                if matches!(
                    line.item,
                    Item::BadReview {
                        from_platform: false,
                        ..
                    }
                ) {
                    line.detail.clear();
                }
            }
            body
        };
        self != issued && without_references(self) != without_references(issued)
    }
}

/// An issued statement: what was issued, by whom and when; never changed afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Statement {
    pub body: StatementBody,
    /// The provider's name when issued.
    pub provider_name: String,
    /// 1 for the first issue of the period, then one more per correction.
    pub version: u32,
    /// The statement this one corrects.
    pub corrects: Option<Id>,
    /// Why it was corrected (empty for a first issue).
    pub reason: String,
    pub issued_by: Option<Id>,
    pub issuer_name: String,
    pub issued_at: Instant,
}

/// What a ticket says about its provider; a day is a local day number (days since 1970-01-01: compared as numbers,
/// turned into a date only for a line that shows).
#[derive(Clone, Copy, Debug)]
enum Fact {
    /// Resolved (first) on this day.
    Completed(i64),
    /// Its survey in force is a bad review answered on this day.
    SystemBadReview { day: i64, ticket: usize },
    /// Voided as a false record on this day.
    FalseRecord { day: i64, ticket: usize },
}

/// Every provider's facts from the tickets, read once per data change (a fact names its ticket by its place in
/// the tickets it was read from: a statement is asked with the same tickets); a statement of any period then
/// reads only its provider's.
#[derive(Clone, Debug, Default)]
pub struct ProviderFacts {
    /// Each provider's slot in `facts`.
    slot: FastMap<Id, usize>,
    facts: Vec<Vec<Fact>>,
    /// The place of each ticket an input names.
    place: FastMap<Id, usize>,
    /// Each provider's inputs (the statements of many providers then do not each read every input).
    inputs: FastMap<Id, Vec<Id>>,
}

impl ProviderFacts {
    pub fn new(data: &Dataset, tickets: &[Ticket], calendar: &Calendar) -> ProviderFacts {
        let mut slot: FastMap<Id, usize> = FastMap::default();
        let mut facts: Vec<Vec<Fact>> = Vec::new();
        // One lookup per engineer, not per ticket: the engineer's provider's slot.
        let mut slot_of_staff: FastMap<Id, Option<usize>> = FastMap::default();
        let mut inputs: FastMap<Id, Vec<Id>> = FastMap::default();
        let mut named: FastMap<Id, usize> = FastMap::default();
        for (id, input) in data.provider_inputs.live() {
            inputs.entry(input.provider).or_default().push(id);
            if let Some(ticket) = input.ticket {
                named.insert(ticket, usize::MAX);
            }
        }
        let mut place = named;
        for (index, ticket) in tickets.iter().enumerate() {
            if !place.is_empty()
                && let Some(at) = place.get_mut(&ticket.id)
            {
                *at = index;
            }
            let Some(assignee) = ticket.assignee else {
                continue;
            };
            let found = *slot_of_staff.entry(assignee).or_insert_with(|| {
                provider_of(ticket, data).map(|provider| {
                    *slot.entry(provider).or_insert_with(|| {
                        facts.push(Vec::new());
                        facts.len() - 1
                    })
                })
            });
            let Some(at) = found else {
                continue;
            };
            let facts = &mut facts[at];
            if ticket.state == State::Voided {
                if ticket.false_record
                    && let Some(at) = ticket.closed_at
                {
                    facts.push(Fact::FalseRecord {
                        day: calendar.local_day(at),
                        ticket: index,
                    });
                }
                continue;
            }
            if let Some(at) = ticket.first_resolved_at {
                facts.push(Fact::Completed(calendar.local_day(at)));
            }
            if let Some(survey) = ticket.survey.as_ref().filter(|s| s.is_bad_review()) {
                facts.push(Fact::SystemBadReview {
                    day: calendar.local_day(survey.answered_at),
                    ticket: index,
                });
            }
        }
        place.retain(|_, i| *i != usize::MAX);
        ProviderFacts {
            slot,
            facts,
            place,
            inputs,
        }
    }

    /// The statement of `provider` for `period` as it stands now; `tickets` are those the facts were read from.
    pub fn statement(
        &self,
        data: &Dataset,
        tickets: &[Ticket],
        provider: Id,
        period: Period,
    ) -> StatementBody {
        let (rules_id, rules) = in_force(data, period.first_day());
        // The period's ends once, not per fact (a month's last day is date arithmetic).
        let (first, last) = (period.first_day(), period.last_day());
        let within = |day: Date| first <= day && day <= last;
        let (first_n, last_n) = (first.days_since_epoch(), last.days_since_epoch());
        let within_n = |day: i64| first_n <= day && day <= last_n;
        let mut completed = 0u32;
        // Candidates for the de-duplication, beside the line each would be.
        let mut reviews: Vec<(BadReview, Line)> = Vec::new();
        let mut lines: Vec<Line> = Vec::new();
        let facts = self
            .slot
            .get(&provider)
            .map(|&at| self.facts[at].as_slice());
        for fact in facts.into_iter().flatten() {
            match *fact {
                Fact::Completed(day) => completed += u32::from(within_n(day)),
                Fact::SystemBadReview { day, ticket } if within_n(day) => {
                    let day = Date::from_days_since_epoch(day);
                    let ticket = &tickets[ticket];
                    let registration = &ticket.registration;
                    let survey = ticket.survey.as_ref().expect("a bad review's survey");
                    let source = ItemSource::Ticket(ticket.id);
                    reviews.push((
                        BadReview {
                            id: key(source),
                            source: Source::System,
                            kind: ReviewedWork::of_ticket(registration.kind).work(),
                            origin: match registration.channel {
                                Channel::ECommerce => Origin::Online,
                                _ => Origin::Offline,
                            },
                            phone: registration.customer.phone.clone(),
                            address: registration.customer.address.clone(),
                            not_about_service: None,
                        },
                        Line {
                            item: Item::BadReview {
                                from_platform: false,
                                platform: String::new(),
                                stars: survey.overall,
                            },
                            day,
                            source,
                            reference: reference(
                                &registration.order_number,
                                &registration.customer.phone,
                            ),
                            detail: survey.comment.clone(),
                            amount: Fen::ZERO,
                        },
                    ));
                }
                Fact::FalseRecord { day, ticket } if within_n(day) => {
                    let day = Date::from_days_since_epoch(day);
                    let ticket = &tickets[ticket];
                    lines.push(Line {
                        item: Item::FalseRecord,
                        day,
                        source: ItemSource::Ticket(ticket.id),
                        reference: reference(
                            &ticket.registration.order_number,
                            &ticket.registration.customer.phone,
                        ),
                        detail: ticket.void_reason.clone(),
                        amount: rules.false_record,
                    });
                }
                _ => {}
            }
        }
        let ticket_of =
            |id: Option<Id>| id.and_then(|id| self.place.get(&id)).map(|&i| &tickets[i]);
        let inputs = self.inputs.get(&provider).into_iter().flatten();
        for (id, input) in inputs.filter_map(|&id| Some((id, data.provider_inputs.get(id)?))) {
            if input.provider != provider || !within(input.day) {
                continue;
            }
            let source = ItemSource::Input(id);
            match &input.detail {
                InputDetail::PlatformReview(review) => reviews.push((
                    BadReview {
                        id: key(source),
                        source: Source::Platform,
                        kind: review.kind.work(),
                        origin: Origin::Online,
                        // An imported review found its ticket: the customer is the ticket's (the platform's copy
                        // is masked, and not kept).
                        phone: customer_of(review, ticket_of(input.ticket)).0,
                        address: customer_of(review, ticket_of(input.ticket)).1,
                        not_about_service: review.not_about_service.clone(),
                    },
                    Line {
                        item: Item::BadReview {
                            from_platform: true,
                            platform: review.platform.clone(),
                            stars: review.stars,
                        },
                        day: input.day,
                        source,
                        reference: reference(
                            &review.order_number,
                            &customer_of(review, ticket_of(input.ticket)).0,
                        ),
                        detail: input.text.clone(),
                        amount: Fen::ZERO,
                    },
                )),
                InputDetail::Complaint { cause, serious } => lines.push(Line {
                    item: Item::Complaint {
                        cause: *cause,
                        serious: *serious,
                    },
                    day: input.day,
                    source,
                    reference: ticket_of(input.ticket)
                        .map(|t| {
                            reference(&t.registration.order_number, &t.registration.customer.phone)
                        })
                        .unwrap_or_default(),
                    detail: input.text.clone(),
                    amount: rules.complaint,
                }),
                InputDetail::PeakIncident { event } => lines.push(Line {
                    item: Item::PeakIncident {
                        event: event.clone(),
                    },
                    day: input.day,
                    source,
                    reference: String::new(),
                    detail: input.text.clone(),
                    amount: rules.peak_incident,
                }),
            }
        }
        // The same reviews in the same order give the same verdicts on every device.
        sorting::by(&mut reviews, |a, b| {
            (a.1.day, &a.0.id).cmp(&(b.1.day, &b.0.id))
        });
        let candidates: Vec<BadReview> = reviews.iter().map(|(r, _)| r.clone()).collect();
        let verdicts = deduplicate(&candidates);
        let counted = verdicts.iter().filter(|v| **v == Verdict::Counted).count();
        let rate = Ratio::of(counted as u64, u64::from(completed));
        let (price, band) = per_bad_review(&rules.bad_reviews, rate);
        let mut excluded = Vec::new();
        for ((review, mut line), verdict) in reviews.into_iter().zip(verdicts) {
            match verdict {
                Verdict::Counted => {
                    line.amount = price;
                    lines.push(line);
                }
                Verdict::Excluded { rule, into } => excluded.push(Excluded {
                    review: line,
                    rule,
                    into: into.as_deref().and_then(source_of_key),
                    reason: review.not_about_service.unwrap_or_default(),
                }),
            }
        }
        sorting::by_key(&mut lines, |l| (order(&l.item), l.day, l.source));
        let total = lines
            .iter()
            .try_fold(Fen::ZERO, |sum, line| sum.checked_add(line.amount))
            .unwrap_or(Fen(i64::MAX));
        StatementBody {
            provider,
            period,
            rules,
            seed_rules: rules_id.is_none(),
            completed,
            band,
            lines,
            excluded,
            total,
        }
    }
}

/// Lines in the order of the form: bad reviews, false records, complaints, incidents.
fn order(item: &Item) -> u8 {
    match item {
        Item::BadReview { .. } => 0,
        Item::FalseRecord => 1,
        Item::Complaint { .. } => 2,
        Item::PeakIncident { .. } => 3,
    }
}

fn key(source: ItemSource) -> String {
    match source {
        ItemSource::Ticket(id) => format!("t{id}"),
        ItemSource::Input(id) => format!("i{id}"),
    }
}

fn source_of_key(key: &str) -> Option<ItemSource> {
    let (tag, id) = key.split_at_checked(1)?;
    let id = id.parse().ok()?;
    match tag {
        "t" => Some(ItemSource::Ticket(id)),
        "i" => Some(ItemSource::Input(id)),
        _ => None,
    }
}

/// A platform review's customer: as entered, else (an imported review) its ticket's.
fn customer_of(review: &PlatformReview, ticket: Option<&Ticket>) -> (String, String) {
    match (review.phone.is_empty() && review.address.is_empty(), ticket) {
        (true, Some(ticket)) => (
            ticket.registration.customer.phone.clone(),
            ticket.registration.customer.address.clone(),
        ),
        _ => (review.phone.clone(), review.address.clone()),
    }
}

/// What a provider's item is known by on a form or a list: a platform review's order number, else its customer's
/// masked phone (its ticket's when it keeps none); a complaint's ticket's; nothing for an incident.
pub fn input_reference(
    input: &super::provider_inputs::ProviderInput,
    ticket: Option<&Ticket>,
) -> String {
    match &input.detail {
        InputDetail::PlatformReview(review) => {
            reference(&review.order_number, &customer_of(review, ticket).0)
        }
        InputDetail::Complaint { .. } | InputDetail::PeakIncident { .. } => ticket
            .map(|t| reference(&t.registration.order_number, &t.registration.customer.phone))
            .unwrap_or_default(),
    }
}

/// The order number, else the masked phone.
fn reference(order_number: &str, phone: &str) -> String {
    match order_number.trim() {
        "" if phone.is_empty() => String::new(),
        "" => mask_phone(phone),
        order => order.to_string(),
    }
}

/// The statements issued for `provider` and `period`, newest version first.
pub fn issued(data: &Dataset, provider: Id, period: Period) -> Vec<(Id, &Statement)> {
    let mut found: Vec<(Id, &Statement)> = data
        .statements
        .live()
        .filter(|(_, s)| s.body.provider == provider && s.body.period == period)
        .collect();
    sorting::by_key(&mut found, |(_, s)| {
        std::cmp::Reverse((s.version, s.issued_at))
    });
    found
}

/// The statement in force for `provider` and `period`: the newest issued version that nothing corrects.
pub fn current(data: &Dataset, provider: Id, period: Period) -> Option<(Id, &Statement)> {
    let all = issued(data, provider, period);
    all.iter()
        .find(|(id, _)| !all.iter().any(|(_, s)| s.corrects == Some(*id)))
        .copied()
}

/// The id of `provider`'s statement of `period` in its `version`: the same on every device, so two tabs or two
/// offline devices issuing the same version write one record (their difference, if any, a conflict to settle)
/// rather than two statements.
pub fn statement_id(provider: Id, period: Period, version: u32) -> Id {
    Id::derived(&[
        b"aftersales statement\0",
        &provider.as_u128().to_be_bytes(),
        period.key().as_bytes(),
        &version.to_be_bytes(),
    ])
}

/// Whether `statement` may be written as a new record under `id` on `today`: an issued statement is never changed
/// or removed, a period is issued once it is over, and a correction names a statement of the same provider and
/// period and carries its reason.
pub fn check_issue(
    id: Id,
    statement: &Statement,
    data: &Dataset,
    today: Date,
) -> Result<(), Problem> {
    if data.statements.version(id).is_some() {
        return Err(Problem::StatementIssued);
    }
    let period = statement.body.period;
    if !period.first_day().is_plausible() {
        return Err(Problem::DateOutOfRange);
    }
    if period.last_day() > today {
        return Err(Problem::PeriodNotOver);
    }
    match statement.corrects {
        None => match current(data, statement.body.provider, statement.body.period) {
            Some(_) => Err(Problem::StatementIssued),
            None => Ok(()),
        },
        Some(corrected) => {
            let Some(old) = data.statements.get(corrected) else {
                return Err(Problem::UnknownReference);
            };
            if old.body.provider != statement.body.provider
                || old.body.period != statement.body.period
            {
                return Err(Problem::UnknownReference);
            }
            if super::text::cleaned(&statement.reason).is_empty() {
                return Err(Problem::Required);
            }
            Ok(())
        }
    }
}

/// One provider's row of the overview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overview {
    pub provider: Id,
    pub completed: u32,
    pub counted: u32,
    pub excluded: u32,
    pub rate: Option<Ratio>,
    pub complaints: u32,
    pub fines: Fen,
    pub disqualification: bool,
    /// Whether the period's statement has been issued (and whether what it says differs from now).
    pub issued: Option<bool>,
}

/// Every live provider's row for `period`, from statements as they stand (an issued one as issued).
pub fn overview(
    facts: &ProviderFacts,
    data: &Dataset,
    tickets: &[Ticket],
    period: Period,
) -> Vec<Overview> {
    data.providers
        .live()
        .map(|(provider, _)| {
            let now = facts.statement(data, tickets, provider, period);
            let issued = current(data, provider, period);
            let body = issued.map(|(_, s)| &s.body).unwrap_or(&now);
            Overview {
                provider,
                completed: body.completed,
                counted: body.counted_bad_reviews(),
                excluded: body.excluded.len() as u32,
                rate: body.bad_review_rate(),
                complaints: body.complaints(),
                fines: body.total,
                disqualification: body.disqualification(),
                issued: issued.map(|(_, s)| now.differs_from(&s.body)),
            }
        })
        .collect()
}
