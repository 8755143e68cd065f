//! Service-level clocks (R3) as tables: fixtures of ticket events in, each clock's deadline and standing out,
//! on the China calendar with the default policy (first response 24 h, complaint verified in 3 working days,
//! on site by the requested time, resolution per kind) — including a hold that stops the clock.

use std::sync::Arc;

use aftersales::domain::calendar::{Calendar, Date, Instant, MINUTE_MS};
use aftersales::domain::clock::Stamp;
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::sla::{ClockStanding, Policy, Target, clocks};
use aftersales::domain::ticket::{
    Channel, Customer, Happening, Kind, Priority, Product, Registration, Ticket, TicketEvent,
};
use expect_test::expect;

fn cal() -> Calendar {
    Calendar::china_default()
}

/// "YYYY-MM-DD HH:MM" in +08:00.
fn t(text: &str) -> Instant {
    let (day, time) = text.split_once(' ').unwrap();
    let (h, m) = time.split_once(':').unwrap();
    cal().instant(
        Date::parse(day).unwrap(),
        h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap(),
    )
}

fn show(at: Instant) -> String {
    let c = cal();
    let day = c.local_date(at);
    let minutes = (at - c.instant(day, 0)) / MINUTE_MS;
    format!("{day} {:02}:{:02}", minutes / 60, minutes % 60)
}

fn hours(ms: i64) -> String {
    format!("{}h{:02}", ms / 3_600_000, ms % 3_600_000 / 60_000)
}

fn ticket(
    kind: Kind,
    priority: Priority,
    received: &str,
    requested: Option<&str>,
    steps: &[(&str, Happening)],
) -> Ticket {
    let mut events = vec![(
        received,
        Happening::Registered(Arc::new(Registration {
            customer: Customer {
                name: "李先生".into(),
                phone: "13900001111".into(),
                address: "杭州".into(),
            },
            product: Product {
                category: "空调".into(),
                model: "X1".into(),
                serial: "S1".into(),
                purchase_date: None,
                warranty_end: Date::parse("2027-01-01"),
            },
            description: "故障".into(),
            kind,
            priority,
            channel: Channel::Phone,
            received_at: t(received),
            requested_visit: requested.map(t),
            unit: None,
            order_number: String::new(),
            number: String::new(),
        })),
    )];
    events.extend(steps.iter().cloned());
    let events: Vec<TicketEvent> = events
        .into_iter()
        .enumerate()
        .map(|(n, (when, what))| TicketEvent {
            id: Id::from_u128(n as u128 + 1),
            ticket: Id::from_u128(99),
            stamp: Stamp {
                wall_ms: t(when) as u64,
                counter: n as u32,
                device: DeviceId::from_u128(1),
            },
            at: t(when),
            by: None,
            what,
        })
        .collect();
    let ticket = Ticket::fold(&events, &cal()).unwrap();
    assert!(ticket.conflicts.is_empty(), "{:?}", ticket.conflicts);
    ticket
}

fn table(ticket: &Ticket, now: &str) -> String {
    clocks(ticket, &Policy::default(), &cal(), t(now))
        .iter()
        .map(|c| {
            let standing = match c.standing {
                ClockStanding::Met { margin_ms } => format!("met, {} to spare", hours(margin_ms)),
                ClockStanding::Breached { late_ms } => format!("BREACHED, {} late", hours(late_ms)),
                ClockStanding::Running { left_ms } => format!("running, {} left", hours(left_ms)),
                ClockStanding::Overdue { by_ms } => format!("OVERDUE by {}", hours(by_ms)),
                ClockStanding::Paused { left_ms } => format!("paused, {} left", hours(left_ms)),
            };
            format!(
                "{:<22} due {}  {standing}\n",
                format!("{:?}", c.measure),
                show(c.deadline)
            )
        })
        .collect()
}

fn note(text: &str) -> String {
    text.to_string()
}

#[test]
fn a_complaint_with_a_late_visit_and_a_hold_waiting_for_parts() {
    let complaint = ticket(
        Kind::Complaint,
        Priority::Normal,
        "2025-11-28 10:00",
        Some("2025-11-29 10:00"),
        &[
            (
                "2025-11-28 12:00",
                Happening::Triaged {
                    note: note("核实属实"),
                },
            ),
            (
                "2025-11-28 13:00",
                Happening::Assigned {
                    engineer: Id::from_u128(7),
                },
            ),
            ("2025-12-01 10:00", Happening::Arrived),
            (
                "2025-12-01 11:00",
                Happening::Held {
                    reason: note("等待配件"),
                },
            ),
            ("2025-12-03 11:00", Happening::Resumed),
            (
                "2025-12-04 16:00",
                Happening::Resolved {
                    solution: note("更换主板"),
                    report: None,
                },
            ),
        ],
    );
    // Resolution: 5 working days from Fri 11-28 close Fri 12-05 18:00; the hold (Mon 11:00 → Wed 11:00) took 18
    // business hours, which push the deadline to Tue 12-09 18:00.
    expect![[r#"
        FirstResponse          due 2025-11-29 10:00  met, 22h00 to spare
        ComplaintVerification  due 2025-12-03 18:00  met, 126h00 to spare
        OnSite                 due 2025-11-29 10:00  BREACHED, 48h00 late
        Resolution             due 2025-12-09 18:00  met, 122h00 to spare
    "#]]
    .assert_eq(&table(&complaint, "2025-12-05 09:00"));
}

#[test]
fn open_tickets_run_pause_and_go_overdue() {
    // Received the evening before 国庆节: 3 working days are 10-09, 10-10 and the 调休 Saturday 10-11.
    let unanswered = ticket(
        Kind::Repair,
        Priority::Normal,
        "2025-09-30 17:00",
        None,
        &[],
    );
    expect![[r#"
        FirstResponse          due 2025-10-01 17:00  OVERDUE by 6h00
        Resolution             due 2025-10-11 18:00  running, 235h00 left
    "#]]
    .assert_eq(&table(&unanswered, "2025-10-01 23:00"));

    let waiting = ticket(
        Kind::Repair,
        Priority::Urgent,
        "2025-12-01 09:00",
        None,
        &[
            ("2025-12-01 09:30", Happening::Triaged { note: note("") }),
            (
                "2025-12-01 10:00",
                Happening::Held {
                    reason: note("等客户在家"),
                },
            ),
        ],
    );
    // Urgent repair: 24 clock hours; on hold since 10:00, so at 20:00 the resolution deadline has moved by 10 h.
    // The first response came before the hold, so the hold does not move its deadline.
    expect![[r#"
        FirstResponse          due 2025-12-02 09:00  met, 23h30 to spare
        Resolution             due 2025-12-02 19:00  paused, 23h00 left
    "#]]
    .assert_eq(&table(&waiting, "2025-12-01 20:00"));
}

#[test]
fn resolution_targets_follow_kind_then_priority() {
    let policy = Policy::default();
    assert_eq!(
        policy.resolution_target(Kind::Repair, Priority::Urgent),
        Target::ClockHours(24)
    );
    assert_eq!(
        policy.resolution_target(Kind::Repair, Priority::Low),
        Target::WorkingDays(3)
    );
    assert_eq!(
        policy.resolution_target(Kind::Consultation, Priority::Urgent),
        Target::BusinessHours(8)
    );
}

#[test]
fn a_voided_ticket_has_no_clocks_and_a_rejected_complaint_no_resolution_clock() {
    let voided = ticket(
        Kind::Repair,
        Priority::Normal,
        "2025-12-01 09:00",
        None,
        &[(
            "2025-12-01 10:00",
            Happening::Voided {
                reason: note("重复登记"),
                false_record: false,
            },
        )],
    );
    assert!(clocks(&voided, &Policy::default(), &cal(), t("2025-12-10 09:00")).is_empty());
    let rejected = ticket(
        Kind::Complaint,
        Priority::Normal,
        "2025-12-01 09:00",
        None,
        &[(
            "2025-12-02 10:00",
            Happening::Rejected {
                reason: note("不属实"),
            },
        )],
    );
    let measures: Vec<_> = clocks(&rejected, &Policy::default(), &cal(), t("2025-12-10 09:00"))
        .iter()
        .map(|c| c.measure)
        .collect();
    assert_eq!(
        format!("{measures:?}"),
        "[FirstResponse, ComplaintVerification]"
    );
}
