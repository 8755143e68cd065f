//! What can be wrong with what a user entered or asked for.
//!
//! Owns: `Field` (which input the problem belongs to, so the UI shows it next to that field) and `Problem`
//! (what is wrong, with the figures the message needs). Must not: hold message text — `i18n` turns a
//! `Problem` into a sentence in the user's language.

/// The input a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Number,
    Kind,
    Parent,
    Position,
    Affiliation,
    Superior,
    Employment,
    Phone,
    Contact,
    Role,
    Staff,
    Pin,
    PinConfirm,
    /// The PIN one has now, asked before one's own PIN changes.
    CurrentPin,
    Customer,
    Address,
    Category,
    Model,
    Serial,
    OrderNumber,
    PurchaseDate,
    WarrantyEnd,
    Description,
    Priority,
    Channel,
    RequestedVisit,
    Unit,
    /// A priced line of a quote or report, by its position.
    Line(usize),
    WorkDone,
    SignedBy,
    Signature,
    /// A reason, solution or note.
    Text,
    Engineer,
    /// A planned time (visit, follow-up).
    When,
    Date,
    Opens,
    Closes,
    FirstResponse,
    Verification,
    DefaultResolution,
    /// A resolution rule of the SLA policy, by its position.
    Resolution(usize),
    WarrantyMonths,
    RetentionMonths,
    Price,
    Certificate(usize),
    /// A survey's overall rating.
    Overall,
    /// A survey's "was the problem solved?".
    Solved,
    /// A survey's 满意 / 基本满意 / 不满意.
    Satisfaction,
    /// A receipt code being imported.
    Receipt,
    /// A number of units (sold, attending).
    Units,
    /// A KPI's target or industry average, by the KPI's position in `Kpi::ALL`.
    Threshold(usize),
    /// The smallest sample a figure is judged on (the KPI settings).
    MinSample,
    /// The record as a whole (e.g. a deletion that is not allowed).
    Record,
    /// An assessment sheet's weights as a whole.
    Weights,
    /// An assessment sheet's indicator, by its position.
    Indicator(usize),
    /// The 360° weights (superior, peers, subordinates).
    RaterWeights,
    /// A grade scale's bands.
    Grades,
    /// What a grade leads to, by the band's position.
    Outcome(usize),
    /// An export's period: its first and last day.
    PeriodFrom,
    PeriodTo,
    /// An assessment cycle's period (its year and part), the days its appeals stay open, the people in it.
    CyclePeriod,
    AppealDays,
    People,
    /// An export's passphrase, and the same typed again.
    Passphrase,
    PassphraseConfirm,
    Provider,
    Platform,
    Stars,
    Reason,
    Cause,
    Event,
    FalseRecordFine,
    ComplaintFine,
    PeakFine,
    PerReviewFine,
    Band(usize),
    BandFine(usize),
    /// A self-assessment's special deduction or bonus, by its position.
    Special(usize),
    /// Who a sampling audit or corrective action is for or by.
    Owner,
    /// A due day.
    Due,
    /// A sample's size.
    SampleSize,
    /// A period report's findings, proposals and complaints' lessons.
    Findings,
    Proposals,
    Lessons,
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    /// A passphrase shorter than `min` characters.
    PassphraseTooShort {
        min: usize,
    },
    /// The passphrase typed again differs.
    PassphraseMismatch,
    /// A period whose last day comes before its first.
    PeriodEndsBeforeStart,
    TooLong {
        max: usize,
    },
    DuplicateStaffNumber {
        number: String,
    },
    DuplicateName,
    SuperiorIsSelf,
    /// Making this person the superior would make someone their own superior; `chain` is the loop, by name.
    SuperiorCycle {
        chain: Vec<String>,
    },
    ParentIsSelf,
    /// The chosen parent lies inside the unit being moved.
    ParentIsDescendant,
    UnknownReference,
    UnitHasChildren {
        count: usize,
    },
    UnitHasStaff {
        count: usize,
    },
    StaffHasSubordinates {
        count: usize,
    },
    ProviderHasEngineers {
        count: usize,
    },
    InvalidPhone,
    PinFormat,
    PinMismatch,
    PinWrong,
    /// Too many wrong PINs: the next try is allowed after this many milliseconds.
    PinLocked {
        wait_ms: u64,
    },
    /// A PIN try could not be counted (the device's storage is full), so it is refused unchecked.
    PinNotCounted,
    /// Signing in could not be kept on this device (its storage is full).
    SignInNotKept,
    LastAdmin,
    NotPermitted,
    InvalidDate,
    /// A typed date outside `Date::TYPED_FIRST..=Date::TYPED_LAST`.
    DateOutOfRange,
    InvalidDateTime,
    InvalidTime,
    DateInFuture,
    TimeInPast,
    /// A due day before today.
    DateInPast,
    /// A corrective action (or other task) already closed.
    AlreadyClosed,
    WarrantyEndsBeforePurchase,
    /// A certificate that runs out on or before the day it was gained.
    ExpiresBeforeGained,
    InvalidQuantity,
    /// Not a number of the field's unit, with at most `decimals` places.
    InvalidNumber {
        decimals: u32,
    },
    InvalidAmount,
    NegativeAmount,
    /// Above the most such an amount may be (a typo, not a department's money).
    AmountTooLarge {
        max: super::money::Fen,
    },
    SignatureMissing,
    DayIsHoliday,
    DayIsMakeUpDay,
    ClosesBeforeOpening,
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// The ticket's state or rules do not allow this now.
    TicketRefused(super::ticket::TicketRefusal),
    /// A receipt code that was not accepted.
    Receipt(super::receipt::ReceiptError),
    /// Weights that do not total 100 %: `total` in hundredths of a percent.
    WeightsTotal {
        total: u32,
    },
    WeightZero,
    /// Every 360° fallback rests on the superior's score: its weight may not be 0.
    SuperiorWeightZero,
    /// A rule that compares with a target, and no target.
    TargetRequired,
    /// A rater form's indicator must be scored by hand.
    RatersScoreByHand,
    /// A KPI's figure is not typed in: its rule must compute the score.
    KpiNotTyped,
    CapBelow100,
    ScoreAbove100,
    FloorAboveFull,
    /// A grade scale's bands must fall from the highest.
    BandsNotFalling,
    LowestBandFromZero,
    /// A bonus coefficient above `OutcomeRules::MAX_BONUS`.
    BonusAboveMax,
    /// A standards self-assessment takes at most one special bonus point (R8.2).
    OneSpecialBonus,
    /// Outcome rules that do not give one outcome per grade.
    OutcomePerGrade,
    /// A platform review without an order number or the customer's phone and address.
    OrderOrCustomerRequired,
    /// An item tied to a ticket that the chosen provider's engineers did not work.
    TicketOfAnotherProvider,
    /// A typed ticket reference (a number or an id) that names no ticket here.
    NoSuchTicket,
    /// 3 stars and up are not a bad review.
    NotABadReview {
        stars: u8,
    },
    /// Another set of penalty rules starts on the same day.
    RulesSameDay,
    BandsNotRising,
    /// The period's statement is issued: it is corrected by a new version, never changed.
    StatementIssued,
    /// A statement is issued once its period is over.
    PeriodNotOver,
    /// A sampling audit of the same person and period is under way: it is finished (or removed) first, never
    /// silently replaced by a new draw.
    AuditUnderWay,
    /// Nothing to draw a sample from: no ticket closed in the period for whom the audit is.
    NothingToSample,
    /// The period's report is issued: it stays as issued.
    ReportIssued,
    /// Moving a promise made to a customer needs the reason written.
    ReasonForChange,
    /// A period report is issued once its period is over.
    ReportPeriodNotOver,
}

/// A problem with the input it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError { field, problem }
    }
}

/// The result of checking a draft: the valid record, or every problem found (not just the first).
pub type Checked<T> = Result<T, Vec<FieldError>>;

/// Collects problems while a draft is checked.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl From<Vec<FieldError>> for Problems {
    fn from(found: Vec<FieldError>) -> Self {
        Problems(found)
    }
}

impl Problems {
    pub fn add(&mut self, field: Field, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    /// Every problem found, in the order found (to move them to other fields).
    pub fn errors(self) -> Vec<FieldError> {
        self.0
    }

    /// `value` if nothing was found, else every problem.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Checked<T> {
        match self.0.is_empty() {
            true => Ok(value()),
            false => Err(self.0),
        }
    }
}

/// Cleans `raw` (`text::cleaned`: no direction or stray control characters, nothing invisible at its ends) and
/// checks it is present and at most `max` characters long.
pub fn required_text(raw: &str, max: usize, field: Field, problems: &mut Problems) -> String {
    let text = super::text::cleaned(raw);
    if text.is_empty() {
        problems.add(field, Problem::Required);
    } else if text.chars().count() > max {
        problems.add(field, Problem::TooLong { max });
    }
    text
}
