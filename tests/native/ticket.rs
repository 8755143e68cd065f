//! Service tickets as event folds (R2.4–R2.6): a complaint's whole life and its reopening, an out-of-warranty
//! repair that needs an accepted quote, holds, refusals, and two devices' merged histories with a conflict.

use std::sync::Arc;

use aftersales::domain::calendar::{Calendar, Date, Instant};
use aftersales::domain::clock::Stamp;
use aftersales::domain::error::{Problem, Problems};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::money::Fen;
use aftersales::domain::ticket::intake::{check_lines, report_lines_to_start};
use aftersales::domain::ticket::state::{IllegalStep, State, Step};
use aftersales::domain::ticket::{
    Channel, Customer, Happening, Kind, Priority, Product, Quote, QuoteLine, QuoteLineKind,
    QuoteStatus, RefusedEvent, Registration, ServiceReport, Signature, Ticket, TicketEvent,
    TicketRefusal, in_order,
};

pub(crate) const TICKET: Id = Id::from_u128(0x7000);
const ENGINEER_A: Id = Id::from_u128(0xA);
const HOUR: i64 = 3_600_000;

pub(crate) fn calendar() -> Calendar {
    Calendar::china_default()
}

/// 2025-11-28 10:00 +08:00 plus `hours`.
pub(crate) fn at(hours: i64) -> Instant {
    calendar().instant(Date::parse("2025-11-28").unwrap(), 10 * 60) + hours * HOUR
}

pub(crate) fn registration(kind: Kind, warranty_end: &str) -> Registration {
    Registration {
        customer: Customer {
            name: "张女士".into(),
            phone: "13812341234".into(),
            address: "上海市浦东新区".into(),
        },
        product: Product {
            category: "空调".into(),
            model: "KF-35GW".into(),
            serial: "SN-0001".into(),
            purchase_date: Date::parse("2023-06-01"),
            warranty_end: Date::parse(warranty_end),
        },
        description: "空调不制冷".into(),
        kind,
        priority: Priority::Normal,
        channel: Channel::Phone,
        received_at: at(0),
        requested_visit: Some(at(26)),
        unit: None,
        order_number: String::new(),
        number: String::new(),
    }
}

/// Event `n` at hour `hours`, written on `device`.
pub(crate) fn event(n: u128, device: u128, hours: i64, what: Happening) -> TicketEvent {
    TicketEvent {
        id: Id::from_u128(0x1000 + n),
        ticket: TICKET,
        stamp: Stamp {
            wall_ms: at(hours) as u64,
            counter: 0,
            device: DeviceId::from_u128(device),
        },
        at: at(hours),
        by: None,
        what,
    }
}

fn text(s: &str) -> String {
    s.to_string()
}

#[test]
fn a_complaint_from_phone_call_to_closure_and_a_reopening_that_counts_against_first_time_fix() {
    let mut events = vec![
        event(
            1,
            1,
            0,
            Happening::Registered(Arc::new(registration(Kind::Complaint, "2026-06-01"))),
        ),
        event(
            2,
            1,
            2,
            Happening::Triaged {
                note: text("核实属实"),
            },
        ),
        event(
            3,
            1,
            3,
            Happening::Assigned {
                engineer: ENGINEER_A,
            },
        ),
        event(4, 1, 4, Happening::VisitScheduled { at: at(26) }),
        event(5, 1, 26, Happening::Arrived),
        event(
            6,
            1,
            27,
            Happening::Resolved {
                solution: text("更换电容"),
                report: None,
            },
        ),
        event(7, 1, 27, Happening::Confirmed),
        event(8, 1, 28, Happening::Closed),
    ];
    let ticket = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(ticket.state, State::Closed);
    assert_eq!(
        (ticket.first_response_at, ticket.verified_at),
        (Some(at(2)), Some(at(2)))
    );
    assert_eq!(ticket.assignee, Some(ENGINEER_A));
    assert_eq!(ticket.visits, [at(26), at(26)]);
    assert!(ticket.fixed_first_time());
    assert!(ticket.conflicts.is_empty());

    events.push(event(
        9,
        1,
        100,
        Happening::Reopened {
            reason: text("一周后又不制冷"),
        },
    ));
    let reopened = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(reopened.state, State::InProgress);
    assert_eq!(reopened.reopen_count, 1);
    assert!(
        !reopened.fixed_first_time(),
        "a reopened ticket is a repeat repair"
    );
    assert_eq!(
        in_order(&events).len(),
        9,
        "every event stays in the timeline"
    );
}

fn quote(price_yuan: i64) -> Quote {
    Quote {
        lines: vec![
            QuoteLine {
                kind: QuoteLineKind::Part,
                description: text("压缩机电容"),
                quantity: 2,
                unit_price: Fen::yuan(price_yuan),
            },
            QuoteLine {
                kind: QuoteLineKind::Labour,
                description: text("维修工时"),
                quantity: 1,
                unit_price: Fen(8_050),
            },
            QuoteLine {
                kind: QuoteLineKind::Travel,
                description: text("上门"),
                quantity: 1,
                unit_price: Fen::yuan(30),
            },
        ],
    }
}

/// A repair registered at hour 0, triaged at 1 and assigned to engineer A at 2.
fn assigned_repair(warranty_end: &str) -> Vec<TicketEvent> {
    vec![
        event(
            1,
            1,
            0,
            Happening::Registered(Arc::new(registration(Kind::Repair, warranty_end))),
        ),
        event(2, 1, 1, Happening::Triaged { note: text("") }),
        event(
            3,
            1,
            2,
            Happening::Assigned {
                engineer: ENGINEER_A,
            },
        ),
    ]
}

#[test]
fn out_of_warranty_work_waits_for_an_accepted_quote() {
    let events = assigned_repair("2025-06-01");
    let ticket = Ticket::fold(&events, &calendar()).unwrap();
    assert!(ticket.out_of_warranty);
    assert_eq!(
        ticket.check(&Happening::Arrived, at(3)),
        Err(TicketRefusal::QuoteNotAccepted)
    );
    assert_eq!(
        ticket.check(&Happening::QuoteAccepted, at(3)),
        Err(TicketRefusal::NoQuote)
    );
    assert_eq!(
        ticket.check(&Happening::QuoteIssued(quote(-1)), at(3)),
        Err(TicketRefusal::BadQuote)
    );
    assert_eq!(
        quote(45).total(),
        Some(Fen(9_000 + 8_050 + 3_000)),
        "2 × ¥45 + ¥80.50 + ¥30 in fen"
    );

    let mut events = events;
    events.push(event(4, 1, 3, Happening::QuoteIssued(quote(45))));
    events.push(event(5, 1, 4, Happening::QuoteAccepted));
    let quoted = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(quoted.quote_status, QuoteStatus::Accepted);
    assert_eq!(quoted.check(&Happening::Arrived, at(5)), Ok(()));
    assert!(!quoted.visit_waits_for_quote());
}

#[test]
fn the_service_report_starts_from_the_accepted_quote_only() {
    let events = assigned_repair("2025-06-01");
    let issued = [
        events.clone(),
        vec![event(4, 1, 3, Happening::QuoteIssued(quote(45)))],
    ]
    .concat();
    let issued = Ticket::fold(&issued, &calendar()).unwrap();
    assert!(issued.visit_waits_for_quote());
    assert!(
        report_lines_to_start(&issued).is_empty(),
        "not accepted yet"
    );
    let accepted = [
        events,
        vec![
            event(4, 1, 3, Happening::QuoteIssued(quote(45))),
            event(5, 1, 4, Happening::QuoteAccepted),
        ],
    ]
    .concat();
    let accepted = Ticket::fold(&accepted, &calendar()).unwrap();
    let drafts = report_lines_to_start(&accepted);
    let shown: Vec<String> = drafts
        .iter()
        .map(|d| {
            format!(
                "{:?} {} × {} @ {}",
                d.kind, d.description, d.quantity, d.unit_price
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "Part 压缩机电容 × 2 @ 45.00",
            "Labour 维修工时 × 1 @ 80.50",
            "Travel 上门 × 1 @ 30.00"
        ]
    );
    // Read back, they are the quote's lines to the fen.
    let mut problems = Problems::default();
    let lines = check_lines(&drafts, &mut problems);
    assert_eq!(problems.finish(|| ()), Ok(()));
    assert_eq!(Some(&lines), accepted.quote.as_ref().map(|q| &q.lines));
}

#[test]
fn in_warranty_repairs_need_no_quote_and_the_last_warranty_day_still_counts() {
    let events = assigned_repair("2025-11-28");
    let ticket = Ticket::fold(&events, &calendar()).unwrap();
    assert!(!ticket.out_of_warranty);
    assert_eq!(ticket.check(&Happening::Arrived, at(3)), Ok(()));
}

#[test]
fn a_hold_stops_and_resumes_where_it_was_and_needs_a_reason() {
    let mut events = assigned_repair("2026-06-01");
    events.extend([
        event(
            4,
            1,
            3,
            Happening::Held {
                reason: text("等待配件"),
            },
        ),
        event(5, 1, 50, Happening::Resumed),
    ]);
    let ticket = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(ticket.state, State::Assigned);
    assert_eq!(ticket.holds, [(at(3), Some(at(50)))]);
    assert_eq!(
        ticket.check(&Happening::Held { reason: text("  ") }, at(51)),
        Err(TicketRefusal::TextRequired)
    );
    assert_eq!(
        ticket.check(&Happening::Confirmed, at(51)),
        Err(TicketRefusal::Illegal(IllegalStep {
            state: State::Assigned,
            step: Step::Confirm
        }))
    );
}

#[test]
fn only_a_complaint_can_be_rejected_and_a_rejection_closes_it() {
    let repair = Ticket::fold(
        &[event(
            1,
            1,
            0,
            Happening::Registered(Arc::new(registration(Kind::Repair, "2026-06-01"))),
        )],
        &calendar(),
    )
    .unwrap();
    assert_eq!(
        repair.check(
            &Happening::Rejected {
                reason: text("不属实")
            },
            at(1)
        ),
        Err(TicketRefusal::NotAComplaint)
    );

    let rejected = Ticket::fold(
        &[
            event(
                1,
                1,
                0,
                Happening::Registered(Arc::new(registration(Kind::Complaint, "2026-06-01"))),
            ),
            event(
                2,
                1,
                30,
                Happening::Rejected {
                    reason: text("经核实，故障系人为损坏"),
                },
            ),
        ],
        &calendar(),
    )
    .unwrap();
    assert_eq!(rejected.state, State::Closed);
    assert_eq!(rejected.verified_at, Some(at(30)));
}

#[test]
fn two_engineers_resolving_offline_merge_into_one_resolution_and_a_reported_conflict() {
    let shared = vec![
        event(
            1,
            1,
            0,
            Happening::Registered(Arc::new(registration(Kind::Repair, "2026-06-01"))),
        ),
        event(2, 1, 1, Happening::Triaged { note: text("") }),
        event(
            3,
            1,
            2,
            Happening::Assigned {
                engineer: ENGINEER_A,
            },
        ),
        event(4, 1, 3, Happening::Arrived),
    ];
    // Both engineers' tablets were offline: A resolved at hour 5, B (who came along) at hour 6.
    let mut device_a = shared.clone();
    device_a.push(event(
        10,
        2,
        5,
        Happening::Resolved {
            solution: text("清洗滤网"),
            report: None,
        },
    ));
    let mut device_b = shared.clone();
    device_b.push(event(
        20,
        3,
        4,
        Happening::Noted {
            text: text("B 工程师协助"),
        },
    ));
    device_b.push(event(
        21,
        3,
        6,
        Happening::Resolved {
            solution: text("更换风扇"),
            report: None,
        },
    ));

    let union_ab: Vec<TicketEvent> = device_a.iter().chain(device_b.iter()).cloned().collect();
    let union_ba: Vec<TicketEvent> = device_b.iter().chain(device_a.iter()).cloned().collect();
    let merged = Ticket::fold(&union_ab, &calendar()).unwrap();
    assert_eq!(
        merged,
        Ticket::fold(&union_ba, &calendar()).unwrap(),
        "the merge does not depend on order"
    );

    assert_eq!(
        in_order(&union_ab).len(),
        7,
        "the shared events count once; nothing is dropped"
    );
    assert_eq!(merged.state, State::Resolved);
    assert_eq!(
        merged.resolved_at,
        Some(at(5)),
        "the earlier resolution stands"
    );
    assert_eq!(
        merged.conflicts,
        [RefusedEvent {
            event: Id::from_u128(0x1000 + 21),
            refusal: TicketRefusal::Illegal(IllegalStep {
                state: State::Resolved,
                step: Step::Resolve
            })
        }],
        "the later resolution is kept in the timeline and reported"
    );
}

fn signed_report(work: &str, price_yuan: i64) -> Box<ServiceReport> {
    Box::new(ServiceReport {
        work_done: text(work),
        lines: vec![QuoteLine {
            kind: QuoteLineKind::Part,
            description: text("电容"),
            quantity: 1,
            unit_price: Fen::yuan(price_yuan),
        }],
        signed_by: text("张女士"),
        signature: Some(Signature {
            width: 600,
            height: 200,
            strokes: vec![vec![[1, 1], [40, 30]]],
        }),
    })
}

#[test]
fn a_report_per_visit_then_follow_ups_after_the_work_and_a_voided_ticket_takes_notes_only() {
    let mut events = assigned_repair("2026-06-01");
    assert_eq!(
        Ticket::fold(&events, &calendar())
            .unwrap()
            .check(&Happening::Reported(signed_report("检测", 0)), at(3)),
        Err(TicketRefusal::NotInProgress),
        "a report belongs to a visit"
    );
    events.push(event(4, 1, 3, Happening::Arrived));
    events.push(event(
        5,
        1,
        4,
        Happening::Reported(signed_report("检测，等配件", 0)),
    ));
    events.push(event(6, 1, 5, Happening::Arrived));
    let before = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(
        before.check(&Happening::Reported(signed_report("更换", -1)), at(6)),
        Err(TicketRefusal::BadReport)
    );
    assert_eq!(
        before.check(
            &Happening::FollowUpPlanned {
                at: at(100),
                purpose: text("回访")
            },
            at(6)
        ),
        Err(TicketRefusal::NotWhile(State::InProgress)),
        "a follow-up comes after the work"
    );
    events.push(event(
        7,
        1,
        6,
        Happening::Resolved {
            solution: text("更换电容"),
            report: Some(signed_report("更换电容", 35)),
        },
    ));
    events.push(event(
        8,
        1,
        7,
        Happening::FollowUpPlanned {
            at: at(170),
            purpose: text("一周后回访使用情况"),
        },
    ));
    let resolved = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(
        resolved.reports,
        [Id::from_u128(0x1005), Id::from_u128(0x1007)]
    );
    assert_eq!(resolved.follow_ups.len(), 1);
    assert_eq!(resolved.follow_ups[0].done_at, None);
    events.push(event(
        9,
        1,
        170,
        Happening::FollowUpDone {
            outcome: text("客户满意"),
        },
    ));
    let followed = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(followed.follow_ups[0].done_at, Some(at(170)));
    assert_eq!(
        followed.check(
            &Happening::FollowUpDone {
                outcome: text("再次")
            },
            at(171)
        ),
        Err(TicketRefusal::NoFollowUp)
    );
    assert_eq!(
        followed.check(&Happening::QuoteIssued(quote(10)), at(171)),
        Err(TicketRefusal::NotWhile(State::Resolved))
    );

    events.push(event(
        10,
        1,
        171,
        Happening::Voided {
            reason: text("重复登记"),
            false_record: true,
        },
    ));
    let voided = Ticket::fold(&events, &calendar()).unwrap();
    assert!(voided.false_record);
    assert_eq!(
        voided.check(&Happening::Reported(signed_report("x", 0)), at(172)),
        Err(TicketRefusal::Voided)
    );
    assert_eq!(
        voided.check(
            &Happening::Noted {
                text: text("已告知客户")
            },
            at(172)
        ),
        Ok(())
    );
}

/// Who sees the customer's full phone (S11 四.2.3): whoever serves customers, an engineer only on a ticket
/// assigned to them, nobody once the customer is anonymised; the reveal changes nothing but the timeline.
#[test]
fn the_phone_is_revealed_to_whoever_works_the_ticket_and_the_reveal_is_recorded() {
    use aftersales::domain::access::Role;
    use aftersales::domain::ticket::actions::{may_reveal_phone, phone_revealed_to};
    let events = assigned_repair("2030-01-01");
    let ticket = Ticket::fold(&events, &calendar()).unwrap();
    let other_engineer = Some(Id::from_u128(0xB));
    let table: Vec<String> = [
        (Role::Agent, None),
        (Role::Engineer, Some(ENGINEER_A)),
        (Role::Engineer, other_engineer),
        (Role::Engineer, None),
        (Role::Supervisor, None),
        (Role::Manager, None),
        (Role::HumanResources, None),
        (Role::GeneralManager, None),
        (Role::Committee, None),
        (Role::Admin, None),
    ]
    .into_iter()
    .map(|(role, staff)| {
        let who = match staff {
            Some(s) if s == ENGINEER_A => format!("{role:?} (assigned)"),
            Some(_) => format!("{role:?} (another)"),
            None => format!("{role:?}"),
        };
        format!("{who:<22} {}", may_reveal_phone(&ticket, role, staff))
    })
    .collect();
    expect_test::expect![[r#"
        Agent                  true
        Engineer (assigned)    true
        Engineer (another)     false
        Engineer               false
        Supervisor             true
        Manager                true
        HumanResources         false
        GeneralManager         false
        Committee              false
        Admin                  false"#]]
    .assert_eq(&table.join("\n"));

    let user = Some(Id::from_u128(0x51));
    assert!(!phone_revealed_to(&events, user));
    let mut revealed = events.clone();
    let mut reveal = event(4, 1, 3, Happening::PhoneRevealed);
    reveal.by = user;
    revealed.push(reveal);
    assert!(phone_revealed_to(&revealed, user));
    assert!(!phone_revealed_to(&revealed, Some(Id::from_u128(0x52))));
    let after = Ticket::fold(&revealed, &calendar()).unwrap();
    assert_eq!(after.state, ticket.state, "the reveal changes nothing");
    assert!(after.conflicts.is_empty());

    let mut anonymised = revealed.clone();
    anonymised.push(event(
        5,
        1,
        4,
        Happening::Anonymised {
            customer: "000001".into(),
            household: "#1".into(),
        },
    ));
    let gone = Ticket::fold(&anonymised, &calendar()).unwrap();
    assert!(!may_reveal_phone(&gone, Role::Agent, None));
    assert_eq!(
        gone.check(&Happening::PhoneRevealed, at(5)),
        Err(TicketRefusal::Anonymised)
    );
}

/// The schedule form proposes a visit (issue 17: the time had no default): the customer's requested time while it
/// is ahead, else one business hour from now on the hour — across the evening to the next working morning.
#[test]
fn a_visit_is_proposed_at_the_asked_time_or_the_next_business_hour() {
    use aftersales::domain::ticket::actions::suggested_visit;
    let cal = calendar();
    let minute = 60_000;
    let shown = |at: Instant| cal.format_local(at, ' ');
    // 2025-11-28 is a Friday; a ticket whose customer asked for no time.
    let mut none_asked = registration(Kind::Repair, "2030-01-01");
    none_asked.requested_visit = None;
    let events = vec![event(1, 1, 0, Happening::Registered(Arc::new(none_asked)))];
    let ticket = Ticket::fold(&events, &cal).unwrap();
    assert_eq!(
        shown(suggested_visit(&ticket, &cal, at(0) + 20 * minute)),
        "2025-11-28 12:00"
    );
    assert_eq!(
        shown(suggested_visit(&ticket, &cal, at(7) + 40 * minute)),
        "2025-12-01 10:00",
        "Friday 17:40 → Monday"
    );
    let mut asked = registration(Kind::Repair, "2030-01-01");
    asked.requested_visit = Some(at(3));
    let events = vec![event(1, 1, 0, Happening::Registered(Arc::new(asked)))];
    let ticket = Ticket::fold(&events, &cal).unwrap();
    assert_eq!(
        suggested_visit(&ticket, &cal, at(1)),
        at(3),
        "as the customer asked"
    );
    assert_eq!(
        shown(suggested_visit(&ticket, &cal, at(4))),
        "2025-11-28 15:00",
        "that time has passed"
    );
}

/// S9 四.2–四.4: a complaint not solved at once gets a promised day the SLA table watches; once solved, it closes
/// only after the customer was told the result — a rule for new events: a complaint closed before the rule
/// existed (the first test's) stays closed.
#[test]
fn a_complaint_is_promised_a_day_and_closes_only_after_the_customer_is_told() {
    use aftersales::domain::access::Role;
    use aftersales::domain::provider_inputs::ComplaintCause;
    use aftersales::domain::sla::{ClockStanding, Measure, Policy, clocks};
    use aftersales::domain::ticket::Told;
    use aftersales::domain::ticket::actions::{Command, offered};
    use aftersales::domain::ticket::intake::{InformDraft, PromiseDraft};
    let today = calendar().local_date(at(0));
    let mut events = vec![
        event(
            1,
            1,
            0,
            Happening::Registered(Arc::new(registration(Kind::Complaint, "2026-06-01"))),
        ),
        event(
            2,
            1,
            1,
            Happening::Triaged {
                note: text("属实")
            },
        ),
    ];
    let verified = Ticket::fold(&events, &calendar()).unwrap();
    // The promise form: a day from today on; the day is the event's.
    let past = PromiseDraft {
        day: today.add_days(-1).to_string(),
        note: String::new(),
    };
    assert_eq!(
        past.check(today, None).unwrap_err()[0].problem,
        Problem::DateInPast
    );
    let promise = PromiseDraft {
        day: today.add_days(3).to_string(),
        note: text("等备件"),
    }
    .check(today, None)
    .unwrap();
    assert_eq!(verified.check(&promise, at(2)), Ok(()));
    // Moving the day promised says why; the same day again needs no reason.
    let moved = PromiseDraft {
        day: today.add_days(5).to_string(),
        note: String::new(),
    };
    assert_eq!(
        moved.check(today, Some(today.add_days(3))).unwrap_err()[0].problem,
        Problem::ReasonForChange
    );
    let kept = PromiseDraft {
        day: today.add_days(3).to_string(),
        note: String::new(),
    };
    assert!(kept.check(today, Some(today.add_days(3))).is_ok());
    events.push(event(3, 1, 2, promise));
    events.push(event(
        4,
        1,
        3,
        Happening::Assigned {
            engineer: ENGINEER_A,
        },
    ));
    events.push(event(5, 1, 4, Happening::Arrived));
    // Solved five days on: two days past the promised day's end.
    events.push(event(
        6,
        1,
        5 * 24,
        Happening::Resolved {
            solution: text("更换主板"),
            report: None,
        },
    ));
    let solved = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(solved.promised_by, Some(today.add_days(3)));
    let promised = clocks(&solved, &Policy::default(), &calendar(), at(6 * 24))
        .into_iter()
        .find(|c| c.measure == Measure::Promised)
        .expect("the promised day is watched");
    assert_eq!(
        promised.deadline,
        calendar().instant(today.add_days(4), 0) - 1
    );
    assert!(matches!(promised.standing, ClockStanding::Breached { .. }));

    // Not closed until told; the button is not offered, and the reason is the one the screen says.
    assert_eq!(
        solved.check(&Happening::Closed, at(121)),
        Err(TicketRefusal::ResultNotTold)
    );
    assert!(!offered(&solved, Role::Supervisor, at(121)).contains(&Command::Close));
    assert!(offered(&solved, Role::Supervisor, at(121)).contains(&Command::Inform));
    let untold = InformDraft::default().check().unwrap_err();
    let fields: Vec<_> = untold.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            aftersales::domain::error::Field::Contact,
            aftersales::domain::error::Field::Category
        ],
        "how and the cause are chosen"
    );
    let told = InformDraft {
        how: Some(Told::Phone),
        cause: Some(Some(ComplaintCause::Late)),
        note: String::new(),
    }
    .check()
    .unwrap();
    events.push(event(7, 1, 122, told));
    let told = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(told.complaint_cause, Some(ComplaintCause::Late));
    assert!(!told.result_untold());
    assert_eq!(told.check(&Happening::Closed, at(123)), Ok(()));

    // Reopened and solved again: the customer is told again before it closes.
    events.push(event(8, 1, 123, Happening::Closed));
    events.push(event(
        9,
        1,
        124,
        Happening::Reopened {
            reason: text("又坏了"),
        },
    ));
    events.push(event(
        10,
        1,
        125,
        Happening::Resolved {
            solution: text("再修"),
            report: None,
        },
    ));
    let again = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(
        again.check(&Happening::Closed, at(126)),
        Err(TicketRefusal::ResultNotTold)
    );
    assert!(again.conflicts.is_empty());
    // A stale tab's close arriving now is kept but not applied: the ticket stays solved, a conflict to look at.
    events.push(event(11, 2, 126, Happening::Closed));
    let stale = Ticket::fold(&events, &calendar()).unwrap();
    assert_eq!(stale.state, State::Resolved);
    assert_eq!(stale.conflicts[0].refusal, TicketRefusal::ResultNotTold);
}

/// A promise and a result told belong to complaints, a promise while it is being worked on, the result once it is
/// solved.
#[test]
fn only_a_complaint_takes_a_promise_and_a_result_told_each_at_its_time() {
    let repair = Ticket::fold(
        &[event(
            1,
            1,
            0,
            Happening::Registered(Arc::new(registration(Kind::Repair, "2026-06-01"))),
        )],
        &calendar(),
    )
    .unwrap();
    let promise = Happening::Promised {
        by: calendar().local_date(at(48)),
        note: String::new(),
    };
    assert_eq!(
        repair.check(&promise, at(1)),
        Err(TicketRefusal::NotAComplaint)
    );
    let complaint = Ticket::fold(
        &[event(
            1,
            1,
            0,
            Happening::Registered(Arc::new(registration(Kind::Complaint, "2026-06-01"))),
        )],
        &calendar(),
    )
    .unwrap();
    assert_eq!(
        complaint.check(&promise, at(1)),
        Err(TicketRefusal::NotWhile(State::Registered)),
        "verified first"
    );
    let told = Happening::Informed {
        how: aftersales::domain::ticket::Told::Visit,
        cause: None,
        note: String::new(),
    };
    assert_eq!(
        complaint.check(&told, at(1)),
        Err(TicketRefusal::NotWhile(State::Registered))
    );
}
