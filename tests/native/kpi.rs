//! The KPI engine (R5) on a small company month whose every figure was worked out by hand (the comments on the
//! fixture say what each ticket is to each KPI): March 2026, compared with February, including the edges — a
//! voided ticket, a ticket reopened in the next period, a survey answered after the period, an answer that is
//! overdue (and, earlier, not yet due), a period with no data, the same customer's second bad review.

use std::sync::Arc;

use aftersales::domain::calendar::{Calendar, Date, Instant};
use aftersales::domain::clock::Stamp;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::inputs::{CostKind, CostLine, Month, SalesVolume, TrainingSession};
use aftersales::domain::kpi::engine::{self, Added, Filter, Inputs, Item, Reason};
use aftersales::domain::kpi::facts::Facts;
use aftersales::domain::kpi::{Breakdown, Kpi, KpiSettings, TargetStanding, Unit, parse_threshold};
use aftersales::domain::money::Fen;
use aftersales::domain::period::Period;
use aftersales::domain::ratio::Ratio;
use aftersales::domain::sampling::{Audit, Auditee, FindingKind, Review, SampleSize};
use aftersales::domain::sla::Policy;
use aftersales::domain::survey::{Aspect, SurveyResponse, Via};
use aftersales::domain::ticket::{
    Channel, Customer, Happening, Kind, Priority, Product, Registration, TicketEvent,
};

use crate::common::versioned;

const E1: Id = Id::from_u128(0xE1);
const E2: Id = Id::from_u128(0xE2);

pub(crate) fn calendar() -> Calendar {
    Calendar::china_default()
}

pub(crate) fn local(text: &str) -> Instant {
    calendar().parse_local(text).expect("a local time")
}

pub(crate) fn ticket_id(n: u128) -> Id {
    Id::from_u128(0x7000 + n)
}

/// The events of ticket `n`: registered at `received`, then each step at its local time.
pub(crate) fn ticket(
    n: u128,
    kind: Kind,
    (phone, address): (&str, &str),
    received: &str,
    steps: Vec<(&str, Happening)>,
) -> Vec<TicketEvent> {
    let registration = Registration {
        customer: Customer {
            name: format!("顾客{n}"),
            phone: phone.into(),
            address: address.into(),
        },
        product: Product {
            category: "空调".into(),
            model: "KF-35GW".into(),
            serial: format!("SN-{n}"),
            purchase_date: Date::parse("2025-01-01"),
            warranty_end: Date::parse("2030-01-01"),
        },
        description: "不制冷".into(),
        kind,
        priority: Priority::Normal,
        channel: Channel::Phone,
        received_at: local(received),
        requested_visit: None,
        unit: None,
        order_number: String::new(),
        number: String::new(),
    };
    let first = (received, Happening::Registered(Arc::new(registration)));
    std::iter::once(first)
        .chain(steps)
        .enumerate()
        .map(|(i, (when, what))| TicketEvent {
            id: Id::from_u128(0x10_0000 * n + i as u128),
            ticket: ticket_id(n),
            stamp: Stamp {
                wall_ms: local(when) as u64,
                counter: i as u32,
                device: DeviceId::from_u128(1),
            },
            at: local(when),
            by: None,
            what,
        })
        .collect()
}

fn text(s: &str) -> String {
    s.into()
}

pub(crate) fn triaged() -> Happening {
    Happening::Triaged { note: text("") }
}

pub(crate) fn assigned(engineer: Id) -> Happening {
    Happening::Assigned { engineer }
}

pub(crate) fn resolved() -> Happening {
    Happening::Resolved {
        solution: text("修好"),
        report: None,
    }
}

pub(crate) fn surveyed(overall: u8, answered: &str) -> Happening {
    Happening::Surveyed(Box::new(SurveyResponse {
        template_version: 1,
        ratings: vec![(Aspect::Attitude, overall.max(3)), (Aspect::Skill, overall)],
        overall,
        solved: Some(true),
        satisfaction: None,
        comment: String::new(),
        answered_at: local(answered),
        via: Via::Kiosk,
        replaces_earlier: false,
    }))
}

const A: (&str, &str) = ("13800000001", "甲路1号");
const B: (&str, &str) = ("13800000002", "乙路2号");
const C: (&str, &str) = ("13800000003", "丙路3号");
const D: (&str, &str) = ("13800000004", "丁路4号");
const E: (&str, &str) = ("13800000005", "戊路5号");

/// Seven tickets, sales, costs and training. Policy: answer within 24 h; repairs resolved within 3 working
/// days, complaints verified within 3 and resolved within 5; office hours 09:00–18:00.
fn fixture() -> Dataset {
    let tickets = [
        // T1 repair (customer A): answered after 1 h (met), fixed at the first visit 03-03 within target,
        // confirmed, 5 ★ on 03-04, closed 03-05; one follow-up visit done 03-10.
        ticket(
            1,
            Kind::Repair,
            A,
            "2026-03-02 09:00",
            vec![
                ("2026-03-02 10:00", triaged()),
                ("2026-03-02 10:05", assigned(E1)),
                ("2026-03-03 09:30", Happening::Arrived),
                ("2026-03-03 15:00", resolved()),
                ("2026-03-03 15:10", Happening::Confirmed),
                ("2026-03-04 10:00", surveyed(5, "2026-03-04 10:00")),
                ("2026-03-05 09:00", Happening::Closed),
                (
                    "2026-03-04 10:10",
                    Happening::FollowUpPlanned {
                        at: local("2026-03-10 10:00"),
                        purpose: text("回访"),
                    },
                ),
                (
                    "2026-03-10 10:30",
                    Happening::FollowUpDone {
                        outcome: text("正常"),
                    },
                ),
            ],
        ),
        // T2 repair (customer B): answered after 27 h (late; 12 business hours), resolved 03-09, 2 ★ on 03-10
        // (a bad review), reopened 04-02 and resolved again 04-03 — so March's first-time fix counts it as not
        // fixed, and its completion (latest resolution) belongs to April.
        ticket(
            2,
            Kind::Repair,
            B,
            "2026-03-05 09:00",
            vec![
                ("2026-03-06 12:00", triaged()),
                ("2026-03-06 12:05", assigned(E1)),
                ("2026-03-09 09:00", Happening::Arrived),
                ("2026-03-09 11:00", resolved()),
                ("2026-03-10 09:00", surveyed(2, "2026-03-10 09:00")),
                (
                    "2026-04-02 09:00",
                    Happening::Reopened {
                        reason: text("又坏了"),
                    },
                ),
                ("2026-04-02 14:00", Happening::Arrived),
                ("2026-04-03 10:00", resolved()),
            ],
        ),
        // T3 complaint (customer C): answered after 1 h, verified 03-12 (deadline 03-13 18:00: met), resolved
        // 03-13 (not confirmed), 4 ★ answered 04-01 — after the period.
        ticket(
            3,
            Kind::Complaint,
            C,
            "2026-03-10 10:00",
            vec![
                (
                    "2026-03-10 11:00",
                    Happening::Responded {
                        note: text("已致电"),
                    },
                ),
                ("2026-03-12 16:00", triaged()),
                ("2026-03-12 16:05", assigned(E2)),
                ("2026-03-13 09:00", Happening::Arrived),
                ("2026-03-13 10:00", resolved()),
                ("2026-04-01 10:00", surveyed(4, "2026-04-01 10:00")),
            ],
        ),
        // T4 installation (customer D), voided the next day: left out of everything.
        ticket(
            4,
            Kind::Installation,
            D,
            "2026-03-20 10:00",
            vec![(
                "2026-03-21 09:00",
                Happening::Voided {
                    reason: text("重复登记"),
                    false_record: false,
                },
            )],
        ),
        // T5 repair (customer E) received in February (answered in 1 h), visited twice, resolved 03-02 after its
        // deadline (02-28 18:00 — 02-28 is a make-up working day), confirmed: in March for K3, K4, K10, K13.
        ticket(
            5,
            Kind::Repair,
            E,
            "2026-02-25 10:00",
            vec![
                ("2026-02-25 11:00", triaged()),
                ("2026-02-25 11:05", assigned(E2)),
                ("2026-02-26 10:00", Happening::Arrived),
                ("2026-03-02 10:00", Happening::Arrived),
                ("2026-03-02 12:00", resolved()),
                ("2026-03-02 12:30", Happening::Confirmed),
            ],
        ),
        // T6 consultation (customer E again: a returning customer) at 22:00 on 03-30, never answered: overdue
        // from 03-31 22:00.
        ticket(6, Kind::Consultation, E, "2026-03-30 22:00", vec![]),
        // T7 repair (customer B at the same address again): answered in 30 min, fixed first time 03-26, 1 ★ —
        // B's second bad review this period, counted once (R7.2).
        ticket(
            7,
            Kind::Repair,
            B,
            "2026-03-25 09:00",
            vec![
                ("2026-03-25 09:30", triaged()),
                ("2026-03-25 09:35", assigned(E1)),
                ("2026-03-26 09:00", Happening::Arrived),
                ("2026-03-26 10:00", resolved()),
                ("2026-03-27 09:00", surveyed(1, "2026-03-27 09:00")),
            ],
        ),
    ];
    let mut data = Dataset::default();
    for event in tickets.into_iter().flatten() {
        data.apply(Change::TicketEvent(event));
    }
    let month = |year, month| Month { year, month };
    let day = |text| Date::parse(text).expect("a date");
    let records = [
        Change::Sales(versioned(
            101,
            1,
            SalesVolume {
                category: "空调".into(),
                month: month(2026, 3),
                units: 1000,
            },
        )),
        Change::Sales(versioned(
            102,
            1,
            SalesVolume {
                category: "空调".into(),
                month: month(2026, 2),
                units: 800,
            },
        )),
        Change::Cost(versioned(201, 1, cost("2026-03-03", 120, Some(1)))),
        Change::Cost(versioned(202, 1, cost("2026-03-09", 50, Some(2)))),
        Change::Cost(versioned(203, 1, cost("2026-02-27", 80, Some(5)))),
        Change::Training(versioned(301, 1, session(day("2026-03-15"), true))),
        Change::Training(versioned(302, 1, session(day("2026-03-28"), false))),
        Change::Training(versioned(303, 1, session(day("2026-04-10"), true))),
    ];
    for change in records {
        data.apply(change);
    }
    // Two sampling audits: the first reviewed T1 as not conforming and T2 (never closed) as conforming; the later
    // one reviewed T1 again, as conforming. K14 reads T1's latest review only (T2 is not closed).
    let review = |ticket: u128, conforming: bool| Review {
        ticket: ticket_id(ticket),
        conforming,
        kind: (!conforming).then_some(FindingKind::RecordIncomplete),
        note: String::new(),
    };
    for (id, stamp, reviews) in [
        (401, 1, vec![review(1, false), review(2, true)]),
        (402, 2, vec![review(1, true)]),
    ] {
        data.apply(Change::Audit(versioned(
            id,
            stamp,
            Audit {
                auditee: Auditee::Engineer(E1),
                period: MARCH,
                size: SampleSize::Count(2),
                seed: 1,
                population: 2,
                sample: vec![ticket_id(1), ticket_id(2)],
                reviews,
                reviewer: Id::NIL,
                reviewer_name: String::new(),
                finished: false,
            },
        )));
    }
    data
}

fn cost(day: &str, yuan: i64, ticket: Option<u128>) -> CostLine {
    CostLine {
        day: Date::parse(day).expect("a date"),
        kind: CostKind::Parts,
        amount: Fen::yuan(yuan),
        ticket: ticket.map(ticket_id),
        unit: None,
        note: String::new(),
    }
}

fn session(planned: Date, held: bool) -> TrainingSession {
    TrainingSession {
        title: "新品培训".into(),
        planned,
        held: held.then_some(planned),
        unit: None,
        attendees: 8,
        attended: Vec::new(),
        certificate: None,
    }
}

fn facts(data: &Dataset) -> Facts {
    let tickets = data.tickets.fold_all(&calendar());
    Facts::new(&tickets, data, &Policy::default(), &calendar())
}

const MARCH: Period = Period::Month {
    year: 2026,
    month: 3,
};

/// A value as shown: "60.0%", "3.6h", "¥42.50", "—" for no data.
fn shown(kpi: Kpi, value: Option<Ratio>) -> String {
    let unit = kpi.unit();
    let Some(steps) = unit.shown(value) else {
        return "—".into();
    };
    let places = unit.decimals();
    let number = match places {
        0 => steps.to_string(),
        _ => format!(
            "{}.{:0width$}",
            steps / 10u64.pow(places),
            steps % 10u64.pow(places),
            width = places as usize
        ),
    };
    match unit {
        Unit::Percent | Unit::PercentFine => format!("{number}%"),
        Unit::Hours => format!("{number}h"),
        Unit::Stars => format!("{number}★"),
        Unit::Fen => Fen(steps as i64).to_string(),
        Unit::Count | Unit::PerPerson => number,
    }
}

#[test]
fn every_kpi_of_a_hand_computed_month_and_the_month_before() {
    let data = fixture();
    let facts = facts(&data);
    let inputs = Inputs {
        facts: &facts,
        now: local("2026-04-10 12:00"),
    };
    let table: String = Kpi::ALL
        .iter()
        .map(|&kpi| {
            let [february, march] =
                engine::totals(kpi, inputs, &Filter::default(), &[MARCH.previous(), MARCH])
                    .try_into()
                    .expect("two periods");
            format!(
                "{:<3} {:<20} march {:>4}/{:<5} {:>8}   february {:>8}\n",
                kpi.code(),
                kpi.slug(),
                march.numerator,
                march.denominator,
                shown(kpi, march.value(kpi)),
                shown(kpi, february.value(kpi)),
            )
        })
        .collect();
    // Worked out by hand from the fixture's comments (the hours: 1 + 12 + 1 + 0.5 = 14.5 over 4 answers = 3.625,
    // shown 3.6; the stars (5 + 2 + 1) / 3 = 2.67, shown 2.7; February's 1 repair per 800 units = 0.125 %, shown
    // 0.13 % (half up); the cost ¥170 over 4 tickets resolved in March = ¥42.50).
    let expected = "\
K1  response_on_time     march    3/5        60.0%   february   100.0%
K1  response_hours       march 52200000/4         3.6h   february     1.0h
K2  resolution           march    4/5        80.0%   february   100.0%
K3  first_time_fix       march    2/4        50.0%   february        —
K3  repeat_repair        march    2/4        50.0%   february        —
K4  on_time_completion   march    3/4        75.0%   february        —
K5  satisfaction         march    1/3        33.3%   february        —
K5  mean_rating          march    8/3         2.7★   february        —
K6  bad_reviews          march    1/3        33.3%   february        —
K7  complaint_rate       march    1/5        20.0%   february     0.0%
K7  complaints_per_sales march    1/1000     0.10%   february    0.00%
K7  complaint_on_time    march    1/1       100.0%   february        —
K8  repair_rate          march    3/1000     0.30%   february    0.13%
K8  return_rate          march    0/1000     0.00%   february    0.00%
K9  returning_customers  march    1/4        25.0%   february     0.0%
K10 accuracy             march    2/4        50.0%   february        —
K11 cost_per_ticket      march 17000/4       ¥42.50   february        —
K11 cost_total           march 17000/0      ¥170.00   february   ¥80.00
K12 training_completion  march    1/2        50.0%   february        —
K12 visits               march    1/0            1   february        0
K13 workload             march    4/2          2.0   february        —
K14 sample_conformity    march    1/1       100.0%   february        —
";
    assert_eq!(table, expected, "\n{table}");
}

#[test]
fn an_answer_not_yet_due_is_left_out_until_it_is_overdue() {
    let data = fixture();
    let facts = facts(&data);
    let at = |now: &str| Inputs {
        facts: &facts,
        now: local(now),
    };
    let response = |now: &str| {
        let explanation = engine::explain(Kpi::ResponseOnTime, at(now), &Filter::default(), MARCH);
        let t6 = explanation
            .left_out
            .iter()
            .find(|(item, _)| *item == Item::Ticket(ticket_id(6)))
            .map(|(_, reason)| *reason);
        (
            explanation.totals.numerator,
            explanation.totals.denominator,
            t6,
        )
    };
    // T6 arrived 03-30 22:00: its answer is due 03-31 22:00.
    assert_eq!(
        response("2026-03-31 12:00"),
        (3, 4, Some(Reason::NotDueYet))
    );
    assert_eq!(response("2026-03-31 22:01"), (3, 5, None));
}

/// The explanation behind 一次修复率 and 客户满意度 in March: the same items as the figure, each with what it
/// added, and everything of the period left out with why.
#[test]
fn a_figure_explains_itself_with_the_tickets_counted_and_left_out() {
    let data = fixture();
    let facts = facts(&data);
    let inputs = Inputs {
        facts: &facts,
        now: local("2026-04-10 12:00"),
    };
    let describe = |kpi: Kpi| {
        let explanation = engine::explain(kpi, inputs, &Filter::default(), MARCH);
        let name = |item: &Item| match item {
            Item::Ticket(id) => format!("T{}", id.as_u128() - 0x7000),
            other => format!("{other:?}"),
        };
        let counted: Vec<String> = explanation
            .counted
            .iter()
            .map(|(item, day, added)| {
                let added = match added {
                    Added::Fully {
                        numerator,
                        denominator,
                    } => format!("{numerator}/{denominator}"),
                    Added::NumeratorAlreadyCounted { denominator } => {
                        format!("0/{denominator} (same customer)")
                    }
                };
                format!("{} {day} {added}", name(item))
            })
            .collect();
        let left_out: Vec<String> = explanation
            .left_out
            .iter()
            .map(|(item, reason)| format!("{} {reason:?}", name(item)))
            .collect();
        format!(
            "{}/{}\n  counted: {}\n  left out: {}\n",
            explanation.totals.numerator,
            explanation.totals.denominator,
            counted.join(", "),
            left_out.join(", ")
        )
    };
    expect_test::expect![[r#"
        2/4
          counted: T5 2026-03-02 0/1, T1 2026-03-03 1/1, T2 2026-03-09 0/1, T7 2026-03-26 1/1
          left out: T4 Voided
    "#]]
    .assert_eq(&describe(Kpi::FirstTimeFix));
    expect_test::expect![[r#"
        1/3
          counted: T1 2026-03-04 1/1, T2 2026-03-10 0/1, T7 2026-03-27 0/1
          left out: T5 NoSurvey, T3 OutsidePeriod(Date { year: 2026, month: 4, day: 1 }), T4 Voided
    "#]]
    .assert_eq(&describe(Kpi::Satisfaction));
    expect_test::expect![[r#"
        1/3
          counted: T1 2026-03-04 0/1, T2 2026-03-10 1/1, T7 2026-03-27 0/1 (same customer)
          left out: T5 NoSurvey, T3 OutsidePeriod(Date { year: 2026, month: 4, day: 1 }), T4 Voided
    "#]]
    .assert_eq(&describe(Kpi::BadReviews));
}

#[test]
fn a_figure_breaks_down_by_engineer_and_filters_by_engineer() {
    let data = fixture();
    let facts = facts(&data);
    let inputs = Inputs {
        facts: &facts,
        now: local("2026-04-10 12:00"),
    };
    let groups = engine::groups(
        Kpi::FirstTimeFix,
        inputs,
        &Filter::default(),
        MARCH,
        Breakdown::Staff,
    );
    let table: Vec<(Id, u64, u64)> = groups
        .iter()
        .map(|(group, totals)| {
            let engine::Group::Id(id) = group else {
                panic!("every repair has an engineer")
            };
            (*id, totals.numerator, totals.denominator)
        })
        .collect();
    // E1: T1 yes, T2 no, T7 yes; E2: T5 no.
    assert_eq!(table, vec![(E1, 2, 3), (E2, 0, 1)]);
    // By kind (the groups are indexed by the enums' declaration order).
    for (i, kind) in Kind::ALL.iter().enumerate() {
        assert_eq!(*kind as usize, i);
    }
    for (i, channel) in Channel::ALL.iter().enumerate() {
        assert_eq!(*channel as usize, i);
    }
    let by_kind: Vec<(engine::Group, u64, u64)> = engine::groups(
        Kpi::ComplaintRate,
        inputs,
        &Filter::default(),
        MARCH,
        Breakdown::Kind,
    )
    .into_iter()
    .map(|(group, totals)| (group, totals.numerator, totals.denominator))
    .collect();
    assert_eq!(
        by_kind,
        vec![
            (engine::Group::Kind(Kind::Repair), 0, 3),
            (engine::Group::Kind(Kind::Consultation), 0, 1),
            (engine::Group::Kind(Kind::Complaint), 1, 1),
        ]
    );
    let only_e2 = Filter {
        staff: Some(E2),
        ..Filter::default()
    };
    let [workload] = engine::totals(Kpi::Workload, inputs, &only_e2, &[MARCH])
        .try_into()
        .expect("one period");
    // E2 resolved T3 and T5 in March: 2 tickets, 1 engineer.
    assert_eq!((workload.numerator, workload.denominator), (2, 1));
}

#[test]
fn an_empty_period_has_no_data_never_zero_percent() {
    let data = fixture();
    let facts = facts(&data);
    let inputs = Inputs {
        facts: &facts,
        now: local("2026-04-10 12:00"),
    };
    let empty = Period::Year { year: 2024 };
    for kpi in Kpi::ALL {
        let [totals] = engine::totals(kpi, inputs, &Filter::default(), &[empty])
            .try_into()
            .expect("one period");
        let expected = match kpi {
            // A total of nothing is nothing: ¥0.00 and no visits.
            Kpi::CostTotal | Kpi::Visits => Some(Ratio::of(0, 1).expect("over one")),
            _ => None,
        };
        assert_eq!(totals.value(kpi), expected, "{kpi:?}");
        assert_eq!(
            kpi.standing(totals.value(kpi), KpiSettings::default().target(kpi)),
            match expected {
                Some(_) => TargetStanding::NoTarget,
                None => TargetStanding::NoData,
            },
            "{kpi:?}"
        );
    }
}

#[test]
fn a_target_is_compared_exactly_and_typed_in_the_unit_shown() {
    // 949,999 of 1,000,000 shows as 95.0 % but misses a 95.0 % target.
    let almost = Ratio::of(949_999, 1_000_000);
    assert_eq!(Unit::Percent.shown(almost), Some(950));
    assert_eq!(
        Kpi::Satisfaction.standing(almost, Some(950)),
        TargetStanding::Missed
    );
    assert_eq!(
        Kpi::Satisfaction.standing(Ratio::of(19, 20), Some(950)),
        TargetStanding::Met
    );
    // Lower is better: 24.0 h is within a 24.0 h target, 24.000001 h is not.
    let hours = |ms| Ratio::of(ms, 1);
    assert_eq!(
        Kpi::ResponseHours.standing(hours(86_400_000), Some(240)),
        TargetStanding::Met
    );
    assert_eq!(
        Kpi::ResponseHours.standing(hours(86_400_001), Some(240)),
        TargetStanding::Missed
    );
    let cases = [
        (Unit::Percent, "95", Some(950)),
        (Unit::Percent, "95.5%", Some(955)),
        (Unit::Percent, "95.55", None),
        (Unit::PercentFine, "0.25", Some(25)),
        (Unit::Hours, "24", Some(240)),
        (Unit::Stars, "4.5", Some(45)),
        (Unit::Fen, "42.5", Some(4250)),
        (Unit::Count, "12", Some(12)),
        (Unit::Count, "1.5", None),
        (Unit::Percent, "-5", None),
        (Unit::Percent, "abc", None),
    ];
    for (unit, typed, steps) in cases {
        assert_eq!(parse_threshold(unit, typed), steps, "{unit:?} {typed}");
    }
    let settings = KpiSettings::default()
        .with_target(Kpi::Satisfaction, Some(900))
        .with_target(Kpi::Accuracy, None)
        .with_industry(Kpi::ComplaintRate, Some(40));
    assert_eq!(settings.target(Kpi::Satisfaction), Some(900));
    assert_eq!(settings.target(Kpi::Accuracy), None);
    assert_eq!(settings.target(Kpi::FirstTimeFix), Some(900));
    assert_eq!(settings.industry(Kpi::ComplaintRate), Some(40));
    // Setting a target back to its default leaves nothing stored.
    assert_eq!(
        settings
            .with_target(Kpi::Satisfaction, Some(950))
            .with_target(Kpi::Accuracy, Some(980))
            .targets,
        vec![]
    );
}

#[test]
fn a_change_and_a_ranking_follow_the_kpi_s_direction() {
    let r = |n, d| Ratio::of(n, d);
    // 80.0 % → 85.0 %: +50 steps (5.0 points), better for satisfaction; the same rise is worse for bad reviews.
    assert_eq!(Kpi::Satisfaction.change(r(17, 20), r(4, 5)), Some(50));
    assert_eq!(Kpi::Satisfaction.improved(50), Some(true));
    assert_eq!(Kpi::BadReviews.improved(50), Some(false));
    assert_eq!(Kpi::BadReviews.improved(0), None);
    assert_eq!(Kpi::Satisfaction.change(r(1, 2), None), None);
    let mut values = vec![r(1, 3), None, r(2, 3), r(1, 2)];
    values.sort_by(|a, b| Kpi::Satisfaction.rank(*a, *b));
    assert_eq!(values, vec![r(2, 3), r(1, 2), r(1, 3), None]);
    values.sort_by(|a, b| Kpi::BadReviews.rank(*a, *b));
    assert_eq!(values, vec![r(1, 3), r(1, 2), r(2, 3), None]);
}

#[test]
fn targets_and_industry_averages_are_checked_as_typed() {
    use aftersales::domain::error::{Field, Problem};
    use aftersales::domain::kpi::check_thresholds;
    let mut typed: Vec<(String, String)> = Kpi::ALL
        .iter()
        .map(|k| {
            let target = KpiSettings::default()
                .target(*k)
                .map(|t| aftersales::i18n::kpi::steps_input(k.unit(), t))
                .unwrap_or_default();
            (target, String::new())
        })
        .collect();
    // Unchanged, the defaults store nothing.
    assert_eq!(check_thresholds(&typed, "10"), Ok(KpiSettings::default()));
    assert_eq!(check_thresholds(&typed, ""), Ok(KpiSettings::default()));
    let satisfaction = Kpi::ALL
        .iter()
        .position(|k| *k == Kpi::Satisfaction)
        .unwrap();
    let cost = Kpi::ALL
        .iter()
        .position(|k| *k == Kpi::CostPerTicket)
        .unwrap();
    typed[satisfaction] = ("92.5".into(), "90".into());
    typed[cost] = ("45.50".into(), "abc".into());
    let problems = check_thresholds(&typed, "-1").unwrap_err();
    assert_eq!(
        problems
            .iter()
            .map(|p| (p.field, p.problem.clone()))
            .collect::<Vec<_>>(),
        vec![
            (
                Field::MinSample,
                Problem::OutOfRange {
                    min: 0,
                    max: 10_000
                }
            ),
            (
                Field::Threshold(2 * cost + 1),
                Problem::InvalidNumber { decimals: 2 }
            )
        ]
    );
    typed[cost].1 = String::new();
    typed[0].0 = String::new();
    let settings = check_thresholds(&typed, "5").unwrap();
    assert_eq!(settings.min_sample(), 5);
    assert!(settings.small_sample(4) && !settings.small_sample(5) && !settings.small_sample(0));
    assert_eq!(settings.target(Kpi::Satisfaction), Some(925));
    assert_eq!(settings.industry(Kpi::Satisfaction), Some(900));
    assert_eq!(settings.target(Kpi::CostPerTicket), Some(4550));
    assert_eq!(
        settings.target(Kpi::ALL[0]),
        None,
        "an emptied target is no target"
    );
}

/// A training session planned for a day still to come is not a missed one (issue 17: K12 read 0 % for a month of
/// sessions planned ahead); once its day is over without it being held, it is.
#[test]
fn training_planned_ahead_is_not_missed_until_its_day_is_over() {
    let mut data = fixture();
    data.apply(Change::Training(versioned(
        304,
        1,
        session(Date::parse("2026-04-20").unwrap(), false),
    )));
    let facts = facts(&data);
    let april = aftersales::domain::period::Period::Month {
        year: 2026,
        month: 4,
    };
    let at = |now: &str| {
        let explanation = engine::explain(
            Kpi::TrainingCompletion,
            Inputs {
                facts: &facts,
                now: local(now),
            },
            &Filter::default(),
            april,
        );
        (
            explanation.totals.numerator,
            explanation.totals.denominator,
            explanation.left_out.len(),
        )
    };
    assert_eq!(
        at("2026-04-10 12:00"),
        (1, 1, 1),
        "the 20th is still to come"
    );
    assert_eq!(at("2026-04-20 17:00"), (1, 1, 1), "its day is not over");
    assert_eq!(at("2026-04-21 00:00"), (1, 2, 0), "missed");
}

/// A figure is never shown on its target when it misses it (issue 17: "4.5 ★ 未达标 · 目标 ≥ 4.5"): the digit that
/// decides is shown.
#[test]
fn a_figure_rounded_onto_its_target_shows_the_digit_that_decides() {
    use aftersales::domain::kpi::Unit;
    use aftersales::domain::ratio::Ratio;
    let stars = |n, d| Unit::Stars.shown_against(Ratio::of(n, d), Some(45));
    assert_eq!(stars(446, 100), Some((446, 2)), "4.46 misses 4.5");
    assert_eq!(stars(9, 2), Some((45, 1)), "4.5 is 4.5");
    assert_eq!(stars(444, 100), Some((44, 1)), "4.4 shows the miss already");
    assert_eq!(
        stars(44_999, 10_000),
        Some((44_999, 4)),
        "as many digits as it takes"
    );
    let percent = Unit::Percent.shown_against(Ratio::of(9_496, 10_000), Some(950));
    assert_eq!(percent, Some((9_496, 2)), "94.96 % against 95.0 %");
    assert_eq!(
        Unit::Percent.shown_against(Ratio::of(9_496, 10_000), None),
        Some((950, 1)),
        "no target, no extra digit"
    );
}
