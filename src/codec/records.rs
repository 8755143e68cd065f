//! The stored layout of every record, one line per type: fields in order, enum variants with their tags.
//!
//! A layout here is a stored format: changing one (a field added, removed or moved, a tag reused) needs a store
//! schema bump and a migration. New enum variants take new tags; a retired tag is never given to another variant.

use super::{Codec, CodecError, Reader, Writer};
use crate::domain::access::{Role, User};
use crate::domain::assessment::composite::RaterWeights;
use crate::domain::assessment::cycle::{
    ApprovalStep, AssessmentEvent, AssessmentStep, Cycle, CyclePeriod, Goal, Relation,
};
use crate::domain::assessment::exact::{Exact, Shown, Weight};
use crate::domain::assessment::grade::{Band, GradeScale};
use crate::domain::assessment::outcome::{BandOutcome, OutcomeRules, SalaryProposal};
use crate::domain::assessment::rule::{Entry, Rule, ScoreBand};
use crate::domain::assessment::scheme::{Cadence, Indicator, Scheme, Source};
use crate::domain::calendar::{Calendar, Date, Hours, Weekday};
use crate::domain::clock::Stamp;
use crate::domain::dataset::Change;
use crate::domain::ids::{DeviceId, Id};
use crate::domain::import::{AuditEntry, Audited, Found, KindCount, Refused, Refusing};
use crate::domain::inputs::{
    CostKind, CostLine, Month, Qualification, SalesVolume, TrainingSession,
};
use crate::domain::kpi::{Kpi, KpiSettings};
use crate::domain::money::Fen;
use crate::domain::org::{
    Affiliation, Certificate, Employment, OrgUnit, Position, Provider, Staff, UnitKind,
};
use crate::domain::pin::PinHash;
use crate::domain::record::{Fields, History, Sibling, Versioned, Write};
use crate::domain::selection::{Exporter, Selection};
use crate::domain::settings::{PriceItem, ServiceSettings};
use crate::domain::sla::{Policy, ResolutionRule, Target};
use crate::domain::survey::{
    Aspect, LinkToken, Satisfaction, SecondResponse, SurveyLink, SurveyResponse, SurveySettings,
    SurveyTemplate, Via,
};
use crate::domain::ticket::TicketRefusal;
use crate::domain::ticket::intake::RegistrationDraft;
use crate::domain::ticket::state::{IllegalStep, State as TicketState, Step as TicketStep};
use crate::domain::ticket::{
    Channel, Customer, Happening, Kind, Priority, Product, Quote, QuoteLine, QuoteLineKind,
    Registration, ServiceReport, Signature, TicketEvent, Told,
};

// Ids are their 16 bytes, big-endian (as the UUID is written).
impl Codec for Id {
    fn encode(&self, out: &mut Writer) {
        out.raw(&self.as_u128().to_be_bytes());
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(Id::from_u128(u128::from_be_bytes(input.array()?)))
    }
}

impl Codec for DeviceId {
    fn encode(&self, out: &mut Writer) {
        out.raw(&self.as_u128().to_be_bytes());
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(DeviceId::from_u128(u128::from_be_bytes(input.array()?)))
    }
}

// A date is its day number since 1970-01-01.
impl Codec for Date {
    fn encode(&self, out: &mut Writer) {
        out.signed(self.days_since_epoch());
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        const LIMIT: i64 = 3_000_000; // ± ~8,000 years: far beyond any date the app accepts
        match input.signed()? {
            days if (-LIMIT..=LIMIT).contains(&days) => Ok(Date::from_days_since_epoch(days)),
            _ => Err(CodecError::Overflow),
        }
    }
}

impl Codec for Calendar {
    fn encode(&self, out: &mut Writer) {
        self.utc_offset_minutes.encode(out);
        self.hours.encode(out);
        self.working_weekdays.encode(out);
        self.holidays().encode(out);
        self.make_up_days().encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(Calendar::from_parts(
            Codec::decode(input)?,
            Codec::decode(input)?,
            Codec::decode(input)?,
            Codec::decode(input)?,
            Codec::decode(input)?,
        ))
    }
}

impl Codec for Fen {
    fn encode(&self, out: &mut Writer) {
        self.0.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        i64::decode(input).map(Fen)
    }
}

impl Codec for Weekday {
    fn encode(&self, out: &mut Writer) {
        self.0.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        u8::decode(input).map(Weekday)
    }
}

impl Codec for LinkToken {
    fn encode(&self, out: &mut Writer) {
        out.raw(&self.0);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        input.array().map(LinkToken)
    }
}

// The records and what they hold.
codec_struct!(Stamp {
    wall_ms,
    counter,
    device
});
codec_struct!(Write { stamp, over });
codec_struct!(Sibling<T> { field, write, body });
codec_struct!(History<T> { writes, siblings });

/// The stored schema that added each record's field writes (records merge field by field): a record written before
/// was written whole.
const FIELD_WRITES_SINCE: u32 = 4;

impl<T: Codec + Fields> Codec for Versioned<T> {
    fn encode(&self, out: &mut Writer) {
        self.id.encode(out);
        self.stamp.encode(out);
        self.deleted.encode(out);
        self.body.encode(out);
        self.history.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let id = Codec::decode(input)?;
        let stamp = Codec::decode(input)?;
        let deleted = Codec::decode(input)?;
        let body = Codec::decode(input)?;
        let history: Option<Box<History<T>>> = match input.schema() >= FIELD_WRITES_SINCE {
            true => Codec::decode(input)?,
            false => None,
        };
        let version = Versioned {
            id,
            stamp,
            deleted,
            body,
            history,
        }
        .upgraded();
        // Field writes that do not fit the kind would index past its fields.
        match version.fits_its_kind() {
            true => Ok(version),
            false => Err(CodecError::Invalid {
                type_name: "Versioned",
            }),
        }
    }
}
codec_enum!(Change {
    0 => Unit(v),
    1 => Staff(v),
    2 => Provider(v),
    3 => User(v),
    4 => Settings(v),
    5 => Survey(v),
    6 => TicketEvent(e),
    7 => Sales(v),
    8 => Cost(v),
    9 => Training(v),
    10 => KpiSettings(v),
    11 => Scheme(v),
    12 => Cycle(v),
    13 => AssessmentEvent(e),
    14 => ProviderInput(v),
    15 => PenaltyRules(v),
    16 => Statement(v),
    17 => Checklist(v),
    18 => SelfAssessment(v),
    19 => Audit(v),
    20 => CorrectiveAction(v),
    21 => PeriodReport(v),
});

codec_enum!(UnitKind { 0 => Company(), 1 => Department(), 2 => Team(), 3 => Region() });
codec_struct!(OrgUnit { name, kind, parent });
codec_enum!(Position {
    0 => CustomerService(),
    1 => Specialist(),
    2 => Engineer(),
    3 => Supervisor(),
    4 => Manager(),
    5 => SalesDirector(),
    6 => HumanResources(),
    7 => GeneralManager(),
    8 => Other(),
});
codec_enum!(Employment { 0 => Formal(), 1 => Probation() });
codec_enum!(Affiliation { 0 => Unit(id), 1 => Provider(id) });
codec_struct!(Certificate {
    category,
    number,
    expires
});
codec_struct!(Staff {
    number,
    name,
    position,
    affiliation,
    superior,
    employment,
    phone,
    certificates
});
codec_struct!(Provider {
    name,
    contact,
    phone,
    region
});

codec_enum!(Role {
    0 => Agent(),
    1 => Engineer(),
    2 => Supervisor(),
    3 => Manager(),
    4 => HumanResources(),
    5 => GeneralManager(),
    6 => Committee(),
    7 => Admin(),
});
codec_struct!(PinHash { salt, rounds, hash });
codec_struct!(User {
    name,
    role,
    staff,
    pin
});

codec_enum!(Hours { 0 => AllDay(), 1 => Office { start_minute, end_minute } });
codec_enum!(Target { 0 => ClockHours(n), 1 => BusinessHours(n), 2 => WorkingDays(n) });
codec_struct!(ResolutionRule {
    kind,
    priority,
    target
});
codec_struct!(Policy {
    first_response,
    complaint_verification,
    on_site_by_requested_time,
    resolution,
    default_resolution,
});
codec_struct!(PriceItem {
    kind,
    name,
    unit_price
});
/// The stored schema that added the retention period to the service settings.
const RETENTION_SINCE: u32 = 5;

impl Codec for ServiceSettings {
    fn encode(&self, out: &mut Writer) {
        self.calendar.encode(out);
        self.policy.encode(out);
        self.warranty_months.encode(out);
        self.price_list.encode(out);
        self.retention_months.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(ServiceSettings {
            calendar: Codec::decode(input)?,
            policy: Codec::decode(input)?,
            warranty_months: Codec::decode(input)?,
            price_list: Codec::decode(input)?,
            retention_months: match input.schema() >= RETENTION_SINCE {
                true => Codec::decode(input)?,
                false => 0,
            },
        })
    }
}

codec_enum!(Aspect { 0 => Attitude(), 1 => Skill(), 2 => Timeliness(), 3 => Other(name) });
codec_enum!(Satisfaction { 0 => Satisfied(), 1 => FairlySatisfied(), 2 => Dissatisfied() });
codec_enum!(Via { 0 => Kiosk(), 1 => Receipt() });
codec_enum!(SecondResponse { 0 => Refuse(), 1 => Replace() });
codec_struct!(SurveyTemplate {
    version,
    aspects,
    asks_solved,
    asks_satisfaction,
    asks_comment
});
codec_struct!(SurveyResponse {
    template_version,
    ratings,
    overall,
    solved,
    satisfaction,
    comment,
    answered_at,
    via,
    replaces_earlier,
});
codec_struct!(SurveyLink { token, template });
codec_struct!(SurveySettings {
    template,
    second_response
});

codec_enum!(Channel {
    0 => Phone(),
    1 => Email(),
    2 => OnlineForm(),
    3 => WeChat(),
    4 => ECommerce(),
    5 => WalkIn(),
    6 => SalesReferral(),
});
codec_enum!(Kind {
    0 => Installation(),
    1 => Repair(),
    2 => Replacement(),
    3 => Return(),
    4 => Consultation(),
    5 => Complaint(),
    6 => Training(),
    7 => FollowUp(),
});
codec_enum!(Priority { 0 => Low(), 1 => Normal(), 2 => High(), 3 => Urgent() });
codec_struct!(Customer {
    name,
    phone,
    address
});
codec_struct!(Product {
    category,
    model,
    serial,
    purchase_date,
    warranty_end
});
/// The stored schema that added a ticket's order number.
const ORDER_NUMBER_SINCE: u32 = 6;
/// The stored schema that added a ticket's number (`ticket::number`).
const TICKET_NUMBER_SINCE: u32 = 7;

codec_struct!(Registration {
    customer,
    product,
    description,
    kind,
    priority,
    channel,
    received_at,
    requested_visit,
    unit,
    order_number @ ORDER_NUMBER_SINCE,
    number @ TICKET_NUMBER_SINCE,
});
codec_enum!(QuoteLineKind { 0 => Part(), 1 => Labour(), 2 => Travel() });
codec_struct!(QuoteLine {
    kind,
    description,
    quantity,
    unit_price
});
codec_struct!(Quote { lines });
codec_struct!(Signature {
    width,
    height,
    strokes
});
codec_struct!(ServiceReport {
    work_done,
    lines,
    signed_by,
    signature
});
codec_enum!(Happening {
    0 => Registered(registration),
    1 => Responded { note },
    2 => Triaged { note },
    3 => Rejected { reason },
    4 => Assigned { engineer },
    5 => Reassigned { engineer, reason },
    6 => VisitScheduled { at },
    7 => Arrived(),
    8 => QuoteIssued(quote),
    9 => QuoteAccepted(),
    10 => QuoteDeclined { reason },
    11 => Resolved { solution, report },
    12 => Reported(report),
    13 => FollowUpPlanned { at, purpose },
    14 => FollowUpDone { outcome },
    15 => Confirmed(),
    16 => Closed(),
    17 => Held { reason },
    18 => Resumed(),
    19 => Reopened { reason },
    20 => Voided { reason, false_record },
    21 => Noted { text },
    22 => SurveyLinked(link),
    23 => Surveyed(response),
    24 => Anonymised { customer, household },
    25 => PhoneRevealed(),
    26 => Promised { by, note },
    27 => Informed { how, cause, note },
});
codec_enum!(Told { 0 => Phone(), 1 => Visit(), 2 => Message(), 3 => Letter() });
codec_struct!(TicketEvent {
    id,
    ticket,
    stamp,
    at,
    by,
    what
});

// The worker's replies about an import (`sync::work`): what merging a file would do.
codec_enum!(TicketState {
    0 => Registered(),
    1 => Triaged(),
    2 => Assigned(),
    3 => InProgress(),
    4 => Resolved(),
    5 => Confirmed(),
    6 => Closed(),
    7 => OnHold(),
    8 => Voided(),
});
codec_enum!(TicketStep {
    0 => Triage(),
    1 => Reject(),
    2 => Assign(),
    3 => Reassign(),
    4 => Work(),
    5 => Resolve(),
    6 => Confirm(),
    7 => Close(),
    8 => Hold(),
    9 => Resume(),
    10 => Reopen(),
    11 => Void(),
});
codec_struct!(IllegalStep { state, step });
codec_enum!(TicketRefusal {
    0 => Illegal(step),
    1 => NotAComplaint(),
    2 => QuoteNotAccepted(),
    3 => NoQuote(),
    4 => BadQuote(),
    5 => Registration(),
    6 => TextRequired(),
    7 => NotInProgress(),
    8 => BadReport(),
    9 => NoFollowUp(),
    10 => Voided(),
    11 => NotWhile(state),
    12 => AlreadySurveyed(),
    13 => BadSurvey(),
    14 => Anonymised(),
    15 => ResultNotTold(),
});
codec_struct!(KindCount {
    new,
    updated,
    unchanged,
    conflicting
});
codec_enum!(Found {
    0 => Field { kind, id, label, field, kept, other },
    1 => Ticket { ticket, label, event, event_stamp, refusal, after },
});
codec_enum!(Refusing { 0 => FromTheFuture(), 1 => ClashingEvent() });
codec_struct!(Refused {
    index,
    kind,
    id,
    reason
});
codec_enum!(Selection {
    0 => All(),
    1 => Period { from, to },
    2 => Unit { unit },
    3 => Surveys(),
});
codec_struct!(Exporter { role, user, staff });

// A device's import audit (beside the data, not in it).
codec_struct!(AuditEntry { at, by, what });
codec_enum!(Audited {
    0 => Imported {
        file,
        device,
        device_id,
        exported_at,
        new,
        updated,
        unchanged,
        conflicting,
        refused
    },
    1 => Undone(),
    2 => Anonymised { tickets },
});

// What the new-ticket screen keeps on the device between visits; a draft kept before the order number existed
// ends without one.
impl Codec for RegistrationDraft {
    fn encode(&self, out: &mut Writer) {
        self.name.encode(out);
        self.phone.encode(out);
        self.address.encode(out);
        self.category.encode(out);
        self.model.encode(out);
        self.serial.encode(out);
        self.purchase_date.encode(out);
        self.warranty_end.encode(out);
        self.description.encode(out);
        self.kind.encode(out);
        self.priority.encode(out);
        self.channel.encode(out);
        self.requested_visit.encode(out);
        self.unit.encode(out);
        self.order_number.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(RegistrationDraft {
            name: Codec::decode(input)?,
            phone: Codec::decode(input)?,
            address: Codec::decode(input)?,
            category: Codec::decode(input)?,
            model: Codec::decode(input)?,
            serial: Codec::decode(input)?,
            purchase_date: Codec::decode(input)?,
            warranty_end: Codec::decode(input)?,
            description: Codec::decode(input)?,
            kind: Codec::decode(input)?,
            priority: Codec::decode(input)?,
            channel: Codec::decode(input)?,
            requested_visit: Codec::decode(input)?,
            unit: Codec::decode(input)?,
            order_number: match input.is_empty() {
                true => String::new(),
                false => Codec::decode(input)?,
            },
        })
    }
}

codec_struct!(Month { year, month });
codec_struct!(SalesVolume {
    category,
    month,
    units
});
codec_enum!(CostKind { 0 => Parts(), 1 => Labour(), 2 => Travel(), 3 => Other() });
codec_struct!(CostLine {
    day,
    kind,
    amount,
    ticket,
    unit,
    note
});
/// The stored schema that listed a training session's attendees and the certificate it gives.
const ATTENDED_SINCE: u32 = 9;
codec_struct!(Qualification { category, expires });
codec_struct!(TrainingSession {
    title,
    planned,
    held,
    unit,
    attendees,
    attended @ ATTENDED_SINCE,
    certificate @ ATTENDED_SINCE,
});
codec_enum!(Kpi {
    0 => ResponseOnTime(),
    1 => ResponseHours(),
    2 => Resolution(),
    3 => FirstTimeFix(),
    4 => RepeatRepair(),
    5 => OnTimeCompletion(),
    6 => Satisfaction(),
    7 => MeanRating(),
    8 => BadReviews(),
    9 => ComplaintRate(),
    10 => ComplaintsPerSales(),
    11 => ComplaintOnTime(),
    12 => RepairRate(),
    13 => ReturnRate(),
    14 => ReturningCustomers(),
    15 => Accuracy(),
    16 => CostPerTicket(),
    17 => CostTotal(),
    18 => TrainingCompletion(),
    19 => Visits(),
    20 => Workload(),
    21 => SampleConformity(),
});
/// The stored schema that added the KPI settings' minimum sample.
const MIN_SAMPLE_SINCE: u32 = 7;
codec_struct!(KpiSettings {
    targets,
    industry,
    min_sample @ MIN_SAMPLE_SINCE,
});

// Assessment (R6). An exact fraction is its numerator and denominator, each as two varint halves of a u128; one with
// a zero denominator is refused.
impl Codec for Exact {
    fn encode(&self, out: &mut Writer) {
        for value in [self.numerator(), self.denominator()] {
            out.varint((value >> 64) as u64);
            out.varint(value as u64);
        }
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let mut half = || -> Result<u128, CodecError> {
            Ok((u128::from(input.varint()?) << 64) | u128::from(input.varint()?))
        };
        let (numerator, denominator) = (half()?, half()?);
        Exact::ratio(numerator, denominator).ok_or(CodecError::Invalid { type_name: "Exact" })
    }
}

impl Codec for Shown {
    fn encode(&self, out: &mut Writer) {
        self.0.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        u64::decode(input).map(Shown)
    }
}

impl Codec for Weight {
    fn encode(&self, out: &mut Writer) {
        self.0.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        u32::decode(input).map(Weight)
    }
}

// A grade scale is its bands; stored bands that do not make a scale are refused.
impl Codec for GradeScale {
    fn encode(&self, out: &mut Writer) {
        self.bands().to_vec().encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        GradeScale::new(Vec::<Band>::decode(input)?).map_err(|_| CodecError::Invalid {
            type_name: "GradeScale",
        })
    }
}

codec_struct!(Band {
    label,
    from,
    passes
});
codec_struct!(ScoreBand { bound, score });
codec_enum!(Rule {
    0 => Proportional { cap },
    1 => Inverse { cap },
    2 => Banded { higher_is_better, bands, otherwise },
    3 => Deduction { full, per, floor },
    4 => Manual { reason_below },
    5 => PassFail(),
});
codec_enum!(Entry {
    0 => Value(v),
    1 => Count(n),
    2 => Score { score, reason },
    3 => Met(m),
});
codec_enum!(Source { 0 => Kpi(k), 1 => Manual(), 2 => Raters() });
codec_enum!(Cadence { 0 => Monthly(), 1 => Quarterly(), 2 => HalfYearly(), 3 => Yearly() });
codec_struct!(Indicator {
    dimension,
    name,
    weight,
    target,
    rule,
    source
});
codec_struct!(RaterWeights {
    superior,
    peer,
    subordinate,
    superior_of_two
});
codec_enum!(SalaryProposal { 0 => Raise(), 1 => Keep(), 2 => Review() });
codec_struct!(BandOutcome {
    bonus,
    salary,
    promotion_eligible,
    training_required,
    nomination
});
codec_struct!(OutcomeRules { by_band });

/// The stored schema that added a scheme's outcome rules: a scheme written before has none (the seed's apply).
const SCHEME_OUTCOMES_SINCE: u32 = 3;

impl Codec for Scheme {
    fn encode(&self, out: &mut Writer) {
        self.name.encode(out);
        self.cadence.encode(out);
        self.yearly_from_quarters.encode(out);
        self.positions.encode(out);
        self.units.encode(out);
        self.indicators.encode(out);
        self.raters.encode(out);
        self.grades.encode(out);
        self.outcomes.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(Scheme {
            name: Codec::decode(input)?,
            cadence: Codec::decode(input)?,
            yearly_from_quarters: Codec::decode(input)?,
            positions: Codec::decode(input)?,
            units: Codec::decode(input)?,
            indicators: Codec::decode(input)?,
            raters: Codec::decode(input)?,
            grades: Codec::decode(input)?,
            outcomes: match input.schema() >= SCHEME_OUTCOMES_SINCE {
                true => Codec::decode(input)?,
                false => None,
            },
        })
    }
}
codec_struct!(CyclePeriod { year, part });
codec_struct!(Cycle {
    name,
    scheme,
    period,
    appeal_days,
    plans_due,
    forms_due,
    results_due
});
codec_enum!(ApprovalStep {
    0 => Superior(),
    1 => DepartmentManager(),
    2 => HrDirector(),
    3 => GeneralManager(),
});
codec_enum!(Relation { 0 => Superior(), 1 => Peer(), 2 => Subordinate() });
codec_struct!(Goal { goal, measure });
codec_enum!(AssessmentStep {
    0 => Opened { cycle, person, corrects },
    1 => PlanSubmitted { goals },
    2 => PlanApproved(),
    3 => PlanReturned { reason },
    4 => PlanFiled(),
    5 => PlanAdjusted { goals, reason },
    6 => PerformanceScored { entries },
    7 => Rated { relation, scores },
    8 => Compiled { kpis },
    9 => Approved { step },
    10 => Returned { step, reason },
    11 => Adjusted { score, reason },
    12 => Published(),
    13 => Appealed { reason },
    14 => AppealDecided { score, reason },
    15 => Archived(),
    16 => RatersAssigned { raters },
});
codec_struct!(AssessmentEvent {
    id,
    assessment,
    stamp,
    at,
    by,
    what
});

// The service providers' assessment (schema 6), apart: its `Rule`, `Item` and `Line` are not the assessment's.
mod providers {
    use crate::domain::penalties::{BadReviewRule, PenaltyRules, RateBand};
    use crate::domain::period::Period;
    use crate::domain::provider_inputs::{
        ComplaintCause, InputDetail, PeakEvent, PlatformReview, ProviderInput, ReviewedWork,
    };
    use crate::domain::provider_reviews::Rule;
    use crate::domain::provider_statement::{
        Excluded, Item, ItemSource, Line, Statement, StatementBody,
    };

    codec_enum!(ReviewedWork { 0 => Installation(), 1 => Repair() });
    codec_enum!(ComplaintCause { 0 => Late(), 1 => BreachOfRules(), 2 => PoorQuality(), 3 => FeesNotShown() });
    codec_enum!(PeakEvent { 0 => June18(), 1 => Double11(), 2 => Other(name) });
    codec_struct!(PlatformReview {
        platform,
        order_number,
        phone,
        address,
        stars,
        kind,
        not_about_service
    });
    codec_enum!(InputDetail {
        0 => PlatformReview(review),
        1 => Complaint { cause, serious },
        2 => PeakIncident { event },
    });
    codec_struct!(ProviderInput {
        provider,
        day,
        ticket,
        detail,
        text
    });
    codec_struct!(RateBand {
        above_basis_points,
        per_review
    });
    codec_enum!(BadReviewRule { 0 => Unset(), 1 => PerReview(amount), 2 => RateBands(bands) });
    codec_struct!(PenaltyRules {
        from,
        false_record,
        complaint,
        peak_incident,
        bad_reviews
    });
    codec_enum!(Period {
        0 => Week { monday },
        1 => Month { year, month },
        2 => Quarter { year, quarter },
        3 => Year { year },
        4 => Custom { from, to },
    });
    codec_enum!(ItemSource { 0 => Ticket(id), 1 => Input(id) });
    codec_enum!(Item {
        0 => BadReview { from_platform, platform, stars },
        1 => FalseRecord(),
        2 => Complaint { cause, serious },
        3 => PeakIncident { event },
    });
    codec_struct!(Line {
        item,
        day,
        source,
        reference,
        detail,
        amount
    });
    codec_enum!(Rule {
        0 => NotAboutService(),
        1 => OfflineDuplicate(),
        2 => SystemDuplicatedByPlatform(),
        3 => SameCustomerRepair(),
        4 => SameCustomerOnce(),
    });
    codec_struct!(Excluded {
        review,
        rule,
        into,
        reason
    });
    codec_struct!(StatementBody {
        provider,
        period,
        rules,
        seed_rules,
        completed,
        band,
        lines,
        excluded,
        total
    });
    codec_struct!(Statement {
        body,
        provider_name,
        version,
        corrects,
        reason,
        issued_by,
        issuer_name,
        issued_at
    });
}

// Quality management (schema 8): the standards checklist and its self-assessments, sampling audits, corrective
// actions.
mod quality {
    use crate::domain::checklist::{Checklist, Clause, Entry, SelfAssessment};
    use crate::domain::corrective::{CorrectiveAction, Source, Status};
    use crate::domain::sampling::{Audit, Auditee, FindingKind, Review, SampleSize};
    use crate::domain::standards::{Finding, Indicator, Special};

    codec_enum!(Indicator {
        0 => Organisation(),
        1 => Staffing(),
        2 => Resources(),
        3 => Norms(),
        4 => Supervision(),
        5 => Improvement(),
        6 => ServiceCulture(),
        7 => ProductInformation(),
        8 => TechnicalSupport(),
        9 => Delivery(),
        10 => Repair(),
        11 => QualityAssurance(),
        12 => Recycling(),
        13 => CustomerRelations(),
        14 => ComplaintHandling(),
    });
    codec_struct!(Clause {
        number,
        requirement,
        indicator,
        points,
        evidence,
        unit,
        sampled
    });
    codec_struct!(Checklist {
        name,
        version,
        clauses
    });
    codec_enum!(Finding {
        0 => Conforming(),
        1 => NotConforming(),
        2 => Sampled { checked, not_conforming },
        3 => NotApplicable(),
    });
    codec_struct!(Entry { finding, evidence });
    codec_enum!(Special { 0 => Deduction { reason }, 1 => Bonus { reason } });
    codec_struct!(SelfAssessment {
        checklist,
        name,
        version,
        clauses,
        day,
        assessor,
        assessor_name,
        entries,
        specials,
        finished
    });
    codec_enum!(Auditee { 0 => Engineer(id), 1 => Unit(id), 2 => Provider(id) });
    codec_enum!(SampleSize { 0 => Count(n), 1 => Share(w) });
    codec_enum!(FindingKind {
        0 => RecordIncomplete(),
        1 => FeeStandardNotShown(),
        2 => ReportWithoutSignature(),
        3 => Late(),
        4 => Other(),
    });
    codec_struct!(Review {
        ticket,
        conforming,
        kind,
        note
    });
    codec_struct!(Audit {
        auditee,
        period,
        size,
        seed,
        population,
        sample,
        reviews,
        reviewer,
        reviewer_name,
        finished
    });
    codec_enum!(Source {
        0 => Clause { assessment, clause },
        1 => Audit { audit, ticket },
        2 => ComplaintAnalysis { period },
    });
    codec_enum!(Status { 0 => Open(), 1 => Closed { on, note } });
    codec_struct!(CorrectiveAction {
        what,
        owner,
        due,
        opened,
        source,
        status
    });
}

// The period report (schema 9): its figures as computed, kept once issued.
mod report {
    use crate::domain::period_report::{
        BadReview, Basis, Breach, Complaints, CycleOutcome, Figure, Fine, Issued, KpiLine,
        OpenAction, PeriodReport, ReportBody,
    };
    use crate::domain::sla::Measure;

    codec_enum!(Measure {
        0 => FirstResponse(),
        1 => ComplaintVerification(),
        2 => OnSite(),
        3 => Resolution(),
        4 => Promised(),
    });
    codec_struct!(Figure {
        numerator,
        denominator
    });
    codec_struct!(KpiLine {
        kpi,
        trend,
        target,
        industry
    });
    codec_struct!(Breach {
        ticket,
        number,
        measure,
        deadline,
        done_at
    });
    codec_struct!(BadReview {
        ticket,
        number,
        overall,
        engineer,
        answered_at
    });
    codec_struct!(Complaints {
        received,
        rejected,
        verified_late,
        promised,
        promise_broken,
        told,
        untold,
        by_cause,
        by_category,
        by_unit
    });
    codec_struct!(Fine {
        provider,
        period,
        version,
        total
    });
    codec_struct!(CycleOutcome { cycle, grades });
    codec_struct!(OpenAction {
        action,
        what,
        owner,
        due,
        overdue
    });
    codec_struct!(Basis {
        computed_at,
        tickets,
        events,
        latest_event
    });
    codec_struct!(ReportBody {
        period,
        kpis,
        kinds,
        repairs,
        breach_counts,
        breaches,
        bad_review_count,
        bad_reviews,
        complaints,
        fines,
        outcomes,
        open_actions,
        actions_closed,
        basis
    });
    codec_struct!(Issued {
        body,
        by,
        by_name,
        at
    });
    codec_struct!(PeriodReport {
        period,
        findings,
        proposals,
        lessons,
        issued
    });
}
