//! Service tickets (R2), event-sourced: a ticket is the fold of its immutable events in clock order.
//!
//! Owns: the registration (R2.1–R2.3), the events, quotes in fen with their warranty rule (R2.6), and `Ticket`,
//! the fold — state, assignee, holds, visits, first response, resolution, reopen count, and the conflicts met
//! while replaying (an event illegal at its merged position stays in the timeline and is reported, never
//! dropped). `Ticket::check` answers, before an event is appended, whether it may be — with the same rules the
//! fold uses, so the two cannot disagree. Must not: know who may act (that is `access`), compute SLA clocks
//! (that is `sla`) or do IO.

pub mod actions;
pub mod dispatch;
pub mod intake;
pub mod list;
pub mod log;
pub mod number;
pub mod state;
pub mod worklist;

use crate::domain::slug::slugs;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, Date, Instant};
use super::clock::Stamp;
use super::ids::Id;
use super::money::Fen;
use super::provider_inputs::ComplaintCause;
use super::sorting;
use super::survey::{SurveyLink, SurveyResponse};
use crate::domain::ticket::state::{IllegalStep, State, Step, next_state};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    Email,
    OnlineForm,
    WeChat,
    ECommerce,
    WalkIn,
    SalesReferral,
}

slugs!(Channel {
    Phone => "Phone",
    Email => "Email",
    OnlineForm => "OnlineForm",
    WeChat => "WeChat",
    ECommerce => "ECommerce",
    WalkIn => "WalkIn",
    SalesReferral => "SalesReferral",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 安装调试
    Installation,
    /// 维修
    Repair,
    /// 更换
    Replacement,
    /// 退货
    Return,
    /// 咨询 / 技术支持
    Consultation,
    /// 投诉
    Complaint,
    /// 客户培训
    Training,
    /// 回访 / 走访
    FollowUp,
}

slugs!(Kind {
    Installation => "Installation",
    Repair => "Repair",
    Replacement => "Replacement",
    Return => "Return",
    Consultation => "Consultation",
    Complaint => "Complaint",
    Training => "Training",
    FollowUp => "FollowUp",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

slugs!(Priority {
    Low => "Low",
    Normal => "Normal",
    High => "High",
    Urgent => "Urgent",
});

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Customer {
    pub name: String,
    pub phone: String,
    pub address: String,
}

impl Customer {
    /// Whether this is what anonymising left (`retention`): no name, pseudonyms for the phone and address.
    pub fn is_anonymous(&self) -> bool {
        self.name.is_empty() && self.phone.starts_with(super::retention::PSEUDONYM_PREFIX)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Product {
    /// The product category (空调, 洗衣机, …): what an engineer's certificate must cover (R1.5).
    #[serde(default)]
    pub category: String,
    pub model: String,
    pub serial: String,
    pub purchase_date: Option<Date>,
    /// The last day of the warranty.
    pub warranty_end: Option<Date>,
}

impl Product {
    /// In warranty on `day`: on or before the warranty's last day. Unknown warranty counts as out of warranty, so
    /// the customer sees a quote rather than a surprise bill.
    pub fn in_warranty(&self, day: Date) -> bool {
        self.warranty_end.is_some_and(|end| day <= end)
    }
}

/// What intake records (R2.3).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Registration {
    pub customer: Customer,
    pub product: Product,
    pub description: String,
    pub kind: Kind,
    pub priority: Priority,
    pub channel: Channel,
    pub received_at: Instant,
    pub requested_visit: Option<Instant>,
    /// The org unit (region, team) responsible.
    pub unit: Option<Id>,
    /// The sales order's number (订单号) the customer bought under, empty if none was given: how a platform's
    /// review finds its ticket (S18). Added by schema 6.
    #[serde(default)]
    pub order_number: String,
    /// 工单号 (`ticket::number`), written at intake and never changed; empty for a ticket registered before schema
    /// 7 gave tickets numbers.
    #[serde(default)]
    pub number: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteLineKind {
    /// 备品备件, from the price list.
    Part,
    Labour,
    Travel,
}

slugs!(QuoteLineKind {
    Part => "Part",
    Labour => "Labour",
    Travel => "Travel",
});

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QuoteLine {
    pub kind: QuoteLineKind,
    pub description: String,
    pub quantity: u32,
    pub unit_price: Fen,
}

/// An out-of-warranty quote (R2.6): the customer accepts it before work starts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quote {
    pub lines: Vec<QuoteLine>,
}

impl Quote {
    /// The sum of quantity × unit price; `None` on overflow.
    pub fn total(&self) -> Option<Fen> {
        line_total(&self.lines)
    }
}

fn line_total(lines: &[QuoteLine]) -> Option<Fen> {
    lines.iter().try_fold(Fen::ZERO, |sum, line| {
        sum.checked_add(line.unit_price.checked_mul(line.quantity)?)
    })
}

/// Lines that can be priced: no negative price and a total that fits.
fn lines_valid(lines: &[QuoteLine]) -> bool {
    lines.iter().all(|l| l.unit_price >= Fen::ZERO) && line_total(lines).is_some()
}

/// A customer's signature drawn on the tablet: strokes of points in a `width` × `height` box, kept as data
/// (small, mergeable, printable as SVG) rather than as an image.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Signature {
    pub width: u16,
    pub height: u16,
    pub strokes: Vec<Vec<[i16; 2]>>,
}

impl Signature {
    /// A signature needs ink: at least one stroke with two points.
    pub fn has_ink(&self) -> bool {
        self.strokes.iter().any(|stroke| stroke.len() >= 2)
    }
}

/// 售后服务报告单 (R2.7): one per visit — the work done, the parts used and the fees, and the customer's
/// confirmation (their name and signature).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServiceReport {
    pub work_done: String,
    /// Parts used, labour and travel, priced from the price list.
    pub lines: Vec<QuoteLine>,
    pub signed_by: String,
    pub signature: Option<Signature>,
}

impl ServiceReport {
    /// The value of the parts and work, `None` on overflow.
    pub fn total(&self) -> Option<Fen> {
        line_total(&self.lines)
    }

    /// What the customer pays: nothing in warranty (R2.6: repaired or replaced free), the total otherwise.
    pub fn charge(&self, out_of_warranty: bool) -> Option<Fen> {
        match out_of_warranty {
            true => self.total(),
            false => Some(Fen::ZERO),
        }
    }
}

/// A follow-up visit or call (回访 / 走访, R2.9): planned for a time, later recorded with its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub planned_for: Instant,
    pub purpose: String,
    pub done_at: Option<Instant>,
    pub outcome: Option<String>,
    /// Opened by a bad review (1–2 ★ or 不满意) rather than planned: the supervisor calls the customer back and
    /// deals with it (S9 四.2). Derived from the survey, not stored; planned for the time of the answer.
    pub after_bad_review: bool,
}

/// What happened to a ticket. Stored externally tagged (`{"assigned": {…}}`): serde's internally tagged form
/// buffers every event through an intermediate value, which costs time and tens of KB of wasm.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Happening {
    /// Shared: every fold of the ticket points at the one registration instead of copying its texts.
    Registered(Arc<Registration>),
    /// A first answer to the customer (a call back) without triage yet.
    Responded {
        note: String,
    },
    /// 受理; for a complaint, verified as valid.
    Triaged {
        note: String,
    },
    /// A complaint found not to hold, with the reason.
    Rejected {
        reason: String,
    },
    Assigned {
        engineer: Id,
    },
    Reassigned {
        engineer: Id,
        reason: String,
    },
    VisitScheduled {
        at: Instant,
    },
    Arrived,
    QuoteIssued(Quote),
    QuoteAccepted,
    QuoteDeclined {
        reason: String,
    },
    /// The solution, with the report of the visit that solved it when there was one.
    Resolved {
        solution: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        report: Option<Box<ServiceReport>>,
    },
    /// The report of a visit that did not (yet) resolve the ticket, e.g. waiting for a part.
    Reported(Box<ServiceReport>),
    FollowUpPlanned {
        at: Instant,
        purpose: String,
    },
    FollowUpDone {
        outcome: String,
    },
    Confirmed,
    Closed,
    Held {
        reason: String,
    },
    Resumed,
    Reopened {
        reason: String,
    },
    /// 作废; `false_record` marks a record found to be false (S18 2.1.2).
    Voided {
        reason: String,
        false_record: bool,
    },
    Noted {
        text: String,
    },
    /// A survey link handed to the customer: its token authenticates the receipt code that comes back (R4.3).
    SurveyLinked(Box<SurveyLink>),
    /// The customer's satisfaction survey (R4), from the kiosk or imported from a receipt code.
    Surveyed(Box<SurveyResponse>),
    /// The customer's personal data removed after the retention period (R10.2; `retention`): the ticket's name,
    /// phone and address, the name and signature on its service reports, and the comment of its survey responses. Every event of the ticket is held
    /// without them from then on, on every device — an older copy arriving later is taken without them too — so
    /// it merges like a deletion. The customer and the household become pseudonyms, the same for all of one
    /// customer's tickets, so every figure counted per customer stays the same.
    Anonymised {
        customer: String,
        household: String,
    },
    /// Someone working the ticket showed the customer's full phone number, to call them (S11 四.2.3: the number is
    /// masked for everyone else). Changes nothing; it is there so the timeline says who saw the number and when.
    PhoneRevealed,
    /// A complaint that cannot be solved at once: the last day by which its solution was promised to the customer
    /// (S9 四.2), which the SLA table then watches (`sla::Measure::Promised`). A later promise replaces it.
    /// Added by schema 9.
    Promised {
        by: Date,
        note: String,
    },
    /// A complaint's customer told its result (S9 四.4: 将处理结果告知顾客): how, with the cause the complaint
    /// was found to have. A complaint closes only after it (`Ticket::check`). Added by schema 9.
    Informed {
        how: Told,
        cause: Option<ComplaintCause>,
        note: String,
    },
}

/// How a complaint's customer was told the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Told {
    Phone,
    Visit,
    /// A text or WeChat message.
    Message,
    Letter,
}

slugs!(Told {
    Phone => "Phone",
    Visit => "Visit",
    Message => "Message",
    Letter => "Letter",
});

impl Happening {
    /// The variant's name, for test hooks and styling (`Debug` would drag every field's formatter along).
    pub fn name(&self) -> &'static str {
        match self {
            Happening::Registered(_) => "Registered",
            Happening::Responded { .. } => "Responded",
            Happening::Triaged { .. } => "Triaged",
            Happening::Rejected { .. } => "Rejected",
            Happening::Assigned { .. } => "Assigned",
            Happening::Reassigned { .. } => "Reassigned",
            Happening::VisitScheduled { .. } => "VisitScheduled",
            Happening::Arrived => "Arrived",
            Happening::QuoteIssued(_) => "QuoteIssued",
            Happening::QuoteAccepted => "QuoteAccepted",
            Happening::QuoteDeclined { .. } => "QuoteDeclined",
            Happening::Resolved { .. } => "Resolved",
            Happening::Reported(_) => "Reported",
            Happening::FollowUpPlanned { .. } => "FollowUpPlanned",
            Happening::FollowUpDone { .. } => "FollowUpDone",
            Happening::Confirmed => "Confirmed",
            Happening::Closed => "Closed",
            Happening::Held { .. } => "Held",
            Happening::Resumed => "Resumed",
            Happening::Reopened { .. } => "Reopened",
            Happening::Voided { .. } => "Voided",
            Happening::Noted { .. } => "Noted",
            Happening::SurveyLinked(_) => "SurveyLinked",
            Happening::Surveyed(_) => "Surveyed",
            Happening::Anonymised { .. } => "Anonymised",
            Happening::PhoneRevealed => "PhoneRevealed",
            Happening::Promised { .. } => "Promised",
            Happening::Informed { .. } => "Informed",
        }
    }

    /// The state-machine step this is, if it changes the state.
    pub fn step(&self) -> Option<Step> {
        match self {
            Happening::Registered(_)
            | Happening::Responded { .. }
            | Happening::QuoteIssued(_)
            | Happening::QuoteAccepted
            | Happening::QuoteDeclined { .. }
            | Happening::Reported(_)
            | Happening::FollowUpPlanned { .. }
            | Happening::FollowUpDone { .. }
            | Happening::Noted { .. }
            | Happening::SurveyLinked(_)
            | Happening::Surveyed(_)
            | Happening::Anonymised { .. }
            | Happening::PhoneRevealed
            | Happening::Promised { .. }
            | Happening::Informed { .. } => None,
            Happening::Triaged { .. } => Some(Step::Triage),
            Happening::Rejected { .. } => Some(Step::Reject),
            Happening::Assigned { .. } => Some(Step::Assign),
            Happening::Reassigned { .. } => Some(Step::Reassign),
            Happening::VisitScheduled { .. } | Happening::Arrived => Some(Step::Work),
            Happening::Resolved { .. } => Some(Step::Resolve),
            Happening::Confirmed => Some(Step::Confirm),
            Happening::Closed => Some(Step::Close),
            Happening::Held { .. } => Some(Step::Hold),
            Happening::Resumed => Some(Step::Resume),
            Happening::Reopened { .. } => Some(Step::Reopen),
            Happening::Voided { .. } => Some(Step::Void),
        }
    }
}

/// One immutable event of one ticket: who, when, what (R2.5).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TicketEvent {
    pub id: Id,
    pub ticket: Id,
    pub stamp: Stamp,
    /// When it happened, as the person recording it said (usually the device's time).
    pub at: Instant,
    /// The local user who recorded it.
    pub by: Option<Id>,
    pub what: Happening,
}

impl TicketEvent {
    /// Whether `other` is this event as written, allowing for either having had the customer's personal data
    /// removed since (`Happening::Anonymised`).
    pub fn is_copy_of(&self, other: &TicketEvent) -> bool {
        if self == other {
            return true;
        }
        // Only where one of the two had its personal data removed: two copies that differ in a customer's name with
        // both still holding it are two different events under one id.
        if !self.what.is_without_personal_data() && !other.what.is_without_personal_data() {
            return false;
        }
        let blank = |event: &TicketEvent| {
            let mut event = event.clone();
            event.what.remove_personal_data("", "");
            event
        };
        blank(self) == blank(other)
    }

    /// This event without what `by` (an anonymisation) removes. `true` if it changed.
    pub(crate) fn redact_by(&mut self, by: &TicketEvent) -> bool {
        match &by.what {
            Happening::Anonymised {
                customer,
                household,
            } if self.what.carries_personal_data() => {
                self.what.remove_personal_data(customer, household)
            }
            _ => false,
        }
    }
}

impl Happening {
    /// Whether it holds a customer's personal data: the registration, a service report's signature.
    fn carries_personal_data(&self) -> bool {
        matches!(
            self,
            Happening::Registered(_)
                | Happening::Resolved {
                    report: Some(_),
                    ..
                }
                | Happening::Reported(_)
                | Happening::Surveyed(_)
        )
    }

    /// Whether it is one that held personal data and holds it no more (an anonymised registration or report).
    fn is_without_personal_data(&self) -> bool {
        let unsigned = |r: &ServiceReport| r.signed_by.is_empty() && r.signature.is_none();
        match self {
            Happening::Registered(registration) => registration.customer.is_anonymous(),
            Happening::Resolved {
                report: Some(report),
                ..
            } => unsigned(report),
            Happening::Reported(report) => unsigned(report),
            Happening::Surveyed(response) => response.comment.is_empty(),
            _ => false,
        }
    }

    /// Puts the pseudonyms in place of the customer's name, phone and address, and removes the name and signature
    /// of a report and the comment of a survey response. `true` if anything changed.
    fn remove_personal_data(&mut self, customer: &str, household: &str) -> bool {
        let unsign = |report: &mut ServiceReport| {
            let changed = !report.signed_by.is_empty() || report.signature.is_some();
            report.signed_by.clear();
            report.signature = None;
            changed
        };
        match self {
            Happening::Registered(registration) => {
                let anonymous = Customer {
                    name: String::new(),
                    phone: customer.to_string(),
                    address: household.to_string(),
                };
                let changed = registration.customer != anonymous;
                if changed {
                    Arc::make_mut(registration).customer = anonymous;
                }
                changed
            }
            Happening::Resolved {
                report: Some(report),
                ..
            } => unsign(report),
            Happening::Reported(report) => unsign(report),
            // The customer's own words may name them or give a number: the stars stay, the text goes.
            Happening::Surveyed(response) => {
                let changed = !response.comment.is_empty();
                response.comment.clear();
                changed
            }
            _ => false,
        }
    }
}

/// Why an event may not be appended, or why a merged event was not applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TicketRefusal {
    Illegal(IllegalStep),
    /// Only a complaint is verified or rejected as such.
    NotAComplaint,
    /// Out of warranty: work starts only after the customer accepted a quote.
    QuoteNotAccepted,
    /// There is no open quote to accept or decline.
    NoQuote,
    /// A quote line with a negative price, or a total that overflows.
    BadQuote,
    /// The ticket already has its registration, or the first event is not one.
    Registration,
    /// A reason, a solution or a note must be written.
    TextRequired,
    /// A service report belongs to a visit: the ticket must be in progress.
    NotInProgress,
    /// A report with a negative price or an overflowing total.
    BadReport,
    /// There is no planned follow-up to record.
    NoFollowUp,
    /// A voided ticket takes notes only.
    Voided,
    /// Not while the ticket is in this state (a quote needs an assigned, open ticket; a follow-up and a survey
    /// come after the work is done).
    NotWhile(State),
    /// The ticket already has its survey response (R4.4: one per ticket unless the settings say a second one
    /// replaces it).
    AlreadySurveyed,
    /// A rating outside 1–5 stars.
    BadSurvey,
    /// The customer's personal data was removed after the retention period: the ticket takes notes only (there is
    /// no one left to visit, call back or survey).
    Anonymised,
    /// A complaint closes only after its customer was told the result (S9 四.4).
    ResultNotTold,
}

/// An event that was kept but not applied while replaying, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedEvent {
    pub event: Id,
    pub refusal: TicketRefusal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteStatus {
    None,
    Issued,
    Accepted,
    Declined,
}

slugs!(QuoteStatus {
    None => "None",
    Issued => "Issued",
    Accepted => "Accepted",
    Declined => "Declined",
});

/// A ticket as its events make it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    pub id: Id,
    pub registration: Arc<Registration>,
    pub state: State,
    held_from: Option<State>,
    pub assignee: Option<Id>,
    /// Each hold as `[from, to)`; `to` is `None` while still on hold.
    pub holds: Vec<(Instant, Option<Instant>)>,
    pub visits: Vec<Instant>,
    /// How many times an engineer arrived on site (a second arrival is a repeat visit, K3).
    pub arrivals: u32,
    /// When an engineer first arrived on site.
    pub arrived_at: Option<Instant>,
    pub first_response_at: Option<Instant>,
    /// When a complaint was verified or rejected.
    pub verified_at: Option<Instant>,
    /// The first resolution: the fix a reopen later shows did not hold (K3 counts it in this one's period).
    pub first_resolved_at: Option<Instant>,
    /// The latest resolution.
    pub resolved_at: Option<Instant>,
    pub confirmed_at: Option<Instant>,
    pub closed_at: Option<Instant>,
    pub reopen_count: u32,
    pub quote: Option<Quote>,
    pub quote_status: QuoteStatus,
    /// The events carrying a service report (a `Reported`, or a `Resolved` with its report), in order.
    pub reports: Vec<Id>,
    pub follow_ups: Vec<FollowUp>,
    /// The survey links handed out, oldest first; a receipt from any of them is accepted.
    pub survey_links: Vec<SurveyLink>,
    /// The response in force (R4.4: one per ticket).
    pub survey: Option<SurveyResponse>,
    /// Responses a later one replaced, oldest first: kept in the record, not counted.
    pub replaced_surveys: Vec<SurveyResponse>,
    pub false_record: bool,
    /// Why it was voided (作废), once it is.
    pub void_reason: String,
    /// Out of warranty on the (local) day it was received: repairs then need an accepted quote.
    pub out_of_warranty: bool,
    /// How many distinct events the ticket has, applied or not (the timeline is `in_order` of them).
    pub event_count: usize,
    pub conflicts: Vec<RefusedEvent>,
    /// The customer's personal data was removed (`Happening::Anonymised`).
    pub anonymised: bool,
    /// A complaint's promised last day for its solution, the latest promise (`Happening::Promised`).
    pub promised_by: Option<Date>,
    /// When a complaint's customer was last told its result, and the cause found (`Happening::Informed`).
    pub informed_at: Option<Instant>,
    pub complaint_cause: Option<ComplaintCause>,
}

impl Ticket {
    /// Replays `events` (any order; see `in_order`). The calendar gives the local day of receipt for the
    /// warranty. `None` if no event registers the ticket.
    pub fn fold(events: &[TicketEvent], calendar: &Calendar) -> Option<Ticket> {
        // The dataset keeps each ticket's events ordered and distinct: then there is nothing to sort.
        let sorted = events
            .windows(2)
            .all(|w| (w[0].stamp, w[0].id) < (w[1].stamp, w[1].id));
        match sorted {
            true => Self::fold_ordered(events.iter(), calendar),
            false => Self::fold_ordered(in_order(events).into_iter(), calendar),
        }
    }

    fn fold_ordered<'a>(
        ordered: impl Iterator<Item = &'a TicketEvent> + Clone,
        calendar: &Calendar,
    ) -> Option<Ticket> {
        let (first, registered) = ordered
            .clone()
            .enumerate()
            .find(|(_, e)| matches!(e.what, Happening::Registered(_)))?;
        let Happening::Registered(registration) = &registered.what else {
            return None;
        };
        let out_of_warranty = !registration
            .product
            .in_warranty(calendar.local_date(registration.received_at));
        let mut ticket = Ticket {
            id: registered.ticket,
            registration: registration.clone(),
            state: State::Registered,
            held_from: None,
            assignee: None,
            holds: Vec::new(),
            visits: Vec::new(),
            arrivals: 0,
            arrived_at: None,
            first_response_at: None,
            verified_at: None,
            first_resolved_at: None,
            resolved_at: None,
            confirmed_at: None,
            closed_at: None,
            reopen_count: 0,
            quote: None,
            quote_status: QuoteStatus::None,
            reports: Vec::new(),
            follow_ups: Vec::new(),
            survey_links: Vec::new(),
            survey: None,
            replaced_surveys: Vec::new(),
            false_record: false,
            void_reason: String::new(),
            out_of_warranty,
            event_count: ordered.clone().count(),
            conflicts: Vec::new(),
            anonymised: false,
            promised_by: None,
            informed_at: None,
            complaint_cause: None,
        };
        for (index, event) in ordered.enumerate() {
            if index != first
                && let Err(refusal) = ticket.apply(event)
            {
                ticket.conflicts.push(RefusedEvent {
                    event: event.id,
                    refusal,
                });
            }
        }
        Some(ticket)
    }

    /// Whether `what` may be recorded next, at `at`: the rules the fold applies, and those only a new event must
    /// meet (`new_event_rules`).
    pub fn check(&self, what: &Happening, at: Instant) -> Result<(), TicketRefusal> {
        self.check_all(std::slice::from_ref(what), at)
    }

    /// Whether `steps` may be recorded next, one after the other, at `at`: the first refusal, if any.
    pub fn check_all(&self, steps: &[Happening], at: Instant) -> Result<(), TicketRefusal> {
        let mut next = self.clone();
        steps.iter().try_for_each(|what| {
            next.new_event_rules(what)?;
            next.apply_happening(what, at, Id::NIL)
        })
    }

    /// Rules a new event must meet that the fold does not hold history to, because they came later than events
    /// already written (schema 9): a complaint closes only after its customer was told the result. (Once a
    /// complaint's customer has been told, the fold holds its later closes to it too: `guard`.)
    fn new_event_rules(&self, what: &Happening) -> Result<(), TicketRefusal> {
        match what {
            Happening::Closed if self.result_untold() => Err(TicketRefusal::ResultNotTold),
            _ => Ok(()),
        }
    }

    /// A solved complaint whose customer has not been told the result since it was (last) solved.
    pub fn result_untold(&self) -> bool {
        self.registration.kind == Kind::Complaint
            && self
                .resolved_at
                .is_some_and(|solved| self.informed_at.is_none_or(|told| told < solved))
    }

    fn apply(&mut self, event: &TicketEvent) -> Result<(), TicketRefusal> {
        self.apply_happening(&event.what, event.at, event.id)
    }

    fn apply_happening(
        &mut self,
        what: &Happening,
        at: Instant,
        event: Id,
    ) -> Result<(), TicketRefusal> {
        require_text(what)?;
        self.guard(what)?;
        if let Some(step) = what.step() {
            let next =
                next_state(self.state, self.held_from, step).map_err(TicketRefusal::Illegal)?;
            if step == Step::Hold {
                self.held_from = Some(self.state);
            }
            self.state = next;
        }
        match what {
            Happening::Registered(_) => return Err(TicketRefusal::Registration),
            Happening::Responded { .. } => self.responded(at),
            Happening::Triaged { .. } | Happening::Rejected { .. } => {
                self.responded(at);
                if self.registration.kind == Kind::Complaint {
                    self.verified_at = Some(at);
                }
                if matches!(what, Happening::Rejected { .. }) {
                    self.closed_at = Some(at);
                }
            }
            Happening::Assigned { engineer } | Happening::Reassigned { engineer, .. } => {
                self.assignee = Some(*engineer)
            }
            Happening::VisitScheduled { at: visit } => self.visits.push(*visit),
            Happening::Arrived => {
                self.visits.push(at);
                self.arrivals += 1;
                self.arrived_at.get_or_insert(at);
            }
            Happening::QuoteIssued(quote) => {
                self.quote = Some(quote.clone());
                self.quote_status = QuoteStatus::Issued;
            }
            Happening::QuoteAccepted => self.quote_status = QuoteStatus::Accepted,
            Happening::QuoteDeclined { .. } => self.quote_status = QuoteStatus::Declined,
            Happening::Resolved { report, .. } => {
                self.first_resolved_at.get_or_insert(at);
                self.resolved_at = Some(at);
                if report.is_some() {
                    self.reports.push(event);
                }
            }
            Happening::Reported(_) => self.reports.push(event),
            Happening::FollowUpPlanned {
                at: planned,
                purpose,
            } => self.follow_ups.push(FollowUp {
                planned_for: *planned,
                purpose: purpose.clone(),
                done_at: None,
                outcome: None,
                after_bad_review: false,
            }),
            Happening::FollowUpDone { outcome } => {
                // A bad review's follow-up is the one a call deals with first.
                let open = |f: &FollowUp| f.done_at.is_none();
                let index = self
                    .follow_ups
                    .iter()
                    .position(|f| open(f) && f.after_bad_review)
                    .or_else(|| self.follow_ups.iter().position(open));
                if let Some(open) = index.and_then(|i| self.follow_ups.get_mut(i)) {
                    open.done_at = Some(at);
                    open.outcome = Some(outcome.clone());
                }
            }
            Happening::Confirmed => self.confirmed_at = Some(at),
            Happening::Closed => self.closed_at = Some(at),
            Happening::Held { .. } => self.holds.push((at, None)),
            Happening::Resumed => {
                if let Some(open) = self.holds.last_mut().filter(|(_, to)| to.is_none()) {
                    open.1 = Some(at.max(open.0));
                }
                self.held_from = None;
            }
            Happening::Reopened { .. } => {
                self.reopen_count += 1;
                self.confirmed_at = None;
                self.closed_at = None;
            }
            Happening::Voided {
                false_record,
                reason,
            } => {
                self.false_record = *false_record;
                self.void_reason = reason.clone();
                self.closed_at = Some(at);
            }
            Happening::Noted { .. } | Happening::PhoneRevealed => {}
            Happening::Promised { by, .. } => self.promised_by = Some(*by),
            Happening::Informed { cause, .. } => {
                self.informed_at = Some(at);
                self.complaint_cause = *cause;
            }
            Happening::Anonymised { .. } => self.anonymised = true,
            Happening::SurveyLinked(link) => self.survey_links.push((**link).clone()),
            Happening::Surveyed(response) => {
                // A bad review opens a follow-up, unless one it opened is still open.
                if response.is_bad_review() && !self.bad_review_follow_up_open() {
                    self.follow_ups.push(FollowUp {
                        planned_for: response.answered_at,
                        purpose: String::new(),
                        done_at: None,
                        outcome: None,
                        after_bad_review: true,
                    });
                }
                if let Some(earlier) = self.survey.replace((**response).clone()) {
                    self.replaced_surveys.push(earlier);
                }
            }
        }
        Ok(())
    }

    /// Whether the visit (and so the repair) waits for the customer to accept a quote: work on the product out
    /// of warranty, and no quote accepted yet.
    pub fn visit_waits_for_quote(&self) -> bool {
        let repairs = matches!(
            self.registration.kind,
            Kind::Repair | Kind::Replacement | Kind::Installation
        );
        self.out_of_warranty && repairs && self.quote_status != QuoteStatus::Accepted
    }

    /// Rules beyond the state table.
    fn guard(&self, what: &Happening) -> Result<(), TicketRefusal> {
        match what {
            Happening::Noted { .. } | Happening::Anonymised { .. } => Ok(()),
            _ if self.anonymised => Err(TicketRefusal::Anonymised),
            _ if self.state == State::Voided && what.step().is_none() => Err(TicketRefusal::Voided),
            Happening::Rejected { .. }
            | Happening::Promised { .. }
            | Happening::Informed { .. }
                if self.registration.kind != Kind::Complaint =>
            {
                Err(TicketRefusal::NotAComplaint)
            }
            // A promise is made while the complaint is being worked on; the result is told once it is solved.
            Happening::Promised { .. }
                if !self.state.being_worked_on() || self.state == State::Registered =>
            {
                Err(TicketRefusal::NotWhile(self.state))
            }
            Happening::Informed { .. } if !self.work_done() => {
                Err(TicketRefusal::NotWhile(self.state))
            }
            // A complaint handled under this rule (its customer told once) is held to it in the fold too: a close
            // from a stale tab or device after a reopen, before the customer was told again, is a conflict.
            Happening::Closed if self.informed_at.is_some() && self.result_untold() => {
                Err(TicketRefusal::ResultNotTold)
            }
            Happening::VisitScheduled { .. } | Happening::Arrived
                if self.visit_waits_for_quote() =>
            {
                Err(TicketRefusal::QuoteNotAccepted)
            }
            Happening::QuoteIssued(_)
                if !matches!(
                    self.state,
                    State::Assigned | State::InProgress | State::OnHold
                ) =>
            {
                Err(TicketRefusal::NotWhile(self.state))
            }
            Happening::FollowUpPlanned { .. }
            | Happening::SurveyLinked(_)
            | Happening::Surveyed(_)
                if !self.work_done() =>
            {
                Err(TicketRefusal::NotWhile(self.state))
            }
            Happening::Surveyed(response)
                if !(1..=5).contains(&response.overall)
                    || response.ratings.iter().any(|(_, s)| !(1..=5).contains(s)) =>
            {
                Err(TicketRefusal::BadSurvey)
            }
            Happening::Surveyed(response)
                if self.survey.is_some() && !response.replaces_earlier =>
            {
                Err(TicketRefusal::AlreadySurveyed)
            }
            Happening::QuoteIssued(quote) => {
                match quote.lines.is_empty() || !lines_valid(&quote.lines) {
                    true => Err(TicketRefusal::BadQuote),
                    false => Ok(()),
                }
            }
            Happening::Reported(_) if self.state != State::InProgress => {
                Err(TicketRefusal::NotInProgress)
            }
            Happening::Reported(report)
            | Happening::Resolved {
                report: Some(report),
                ..
            } if !lines_valid(&report.lines) => Err(TicketRefusal::BadReport),
            Happening::FollowUpDone { .. }
                if self.follow_ups.iter().all(|f| f.done_at.is_some()) =>
            {
                Err(TicketRefusal::NoFollowUp)
            }
            Happening::QuoteAccepted | Happening::QuoteDeclined { .. }
                if self.quote_status != QuoteStatus::Issued =>
            {
                Err(TicketRefusal::NoQuote)
            }
            _ => Ok(()),
        }
    }

    /// Whether a bad review's follow-up waits to be done.
    pub fn bad_review_follow_up_open(&self) -> bool {
        self.follow_ups
            .iter()
            .any(|f| f.after_bad_review && f.done_at.is_none())
    }

    /// Resolved, confirmed or closed: what follow-ups and surveys wait for.
    pub fn work_done(&self) -> bool {
        matches!(
            self.state,
            State::Resolved | State::Confirmed | State::Closed
        )
    }

    /// 差评 on the response in force (R4.5).
    pub fn bad_review(&self) -> bool {
        self.survey
            .as_ref()
            .is_some_and(SurveyResponse::is_bad_review)
    }

    fn responded(&mut self, at: Instant) {
        self.first_response_at.get_or_insert(at);
    }

    /// Resolved without a reopen and with at most one visit on site (K3 一次修复).
    pub fn fixed_first_time(&self) -> bool {
        self.resolved_at.is_some() && self.reopen_count == 0 && self.arrivals <= 1
    }
}

/// A ticket's timeline: its events in clock-stamp order, each once (two devices' copies of one event are one).
/// The fold replays exactly this order, and the screen shows it.
pub fn in_order(events: &[TicketEvent]) -> Vec<&TicketEvent> {
    let mut ordered: Vec<&TicketEvent> = events.iter().collect();
    sorting::by_key(&mut ordered, |e| (e.stamp, e.id));
    ordered.dedup_by_key(|e| e.id);
    ordered
}

fn require_text(what: &Happening) -> Result<(), TicketRefusal> {
    let text = match what {
        Happening::Rejected { reason }
        | Happening::Reassigned { reason, .. }
        | Happening::QuoteDeclined { reason }
        | Happening::Held { reason }
        | Happening::Reopened { reason }
        | Happening::Voided { reason, .. } => reason,
        Happening::Resolved { solution, .. } => solution,
        Happening::Reported(report) => &report.work_done,
        Happening::FollowUpPlanned { purpose, .. } => purpose,
        Happening::FollowUpDone { outcome } => outcome,
        Happening::Noted { text } => text,
        _ => return Ok(()),
    };
    match text.trim().is_empty() {
        true => Err(TicketRefusal::TextRequired),
        false => Ok(()),
    }
}
