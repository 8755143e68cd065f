//! The ticket list (R2.8, R3.3) and the commands a role is offered (R2.4, R10.1), as readable tables: a fixture
//! of tickets in, the rows a filter and sort select and their SLA badges out; and, for each state a ticket can
//! be in, the buttons each role sees.

use std::sync::Arc;

use aftersales::domain::access::Role;
use aftersales::domain::calendar::{Calendar, Date, Instant};
use aftersales::domain::clock::Stamp;
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::sla::Policy;
use aftersales::domain::ticket::{
    Channel, Customer, Happening, Kind, Priority, Product, Registration, Ticket, TicketEvent,
};
use aftersales::domain::ticket_actions::offered;
use aftersales::domain::ticket_list::{
    Badge, Filter, Row, Sort, StateFilter, customer_history, known_customer, select,
};
use aftersales::domain::ticket_state::State;
use expect_test::expect;

const HOUR: i64 = 3_600_000;
const ENGINEER: Id = Id::from_u128(0xE1);

fn calendar() -> Calendar {
    Calendar::china_default()
}

/// Monday 2026-03-09 09:00 +08:00 plus `hours`.
fn at(hours: i64) -> Instant {
    calendar().instant(Date::parse("2026-03-09").unwrap(), 9 * 60) + hours * HOUR
}

fn registration(
    n: u128,
    name: &str,
    phone: &str,
    kind: Kind,
    priority: Priority,
    hours: i64,
) -> Registration {
    Registration {
        customer: Customer {
            name: name.into(),
            phone: phone.into(),
            address: String::new(),
        },
        product: Product {
            category: "空调".into(),
            model: format!("KF-{n}"),
            serial: format!("SN-{n:04}"),
            purchase_date: None,
            warranty_end: Date::parse("2027-01-01"),
        },
        description: format!("问题 {n}"),
        kind,
        priority,
        channel: Channel::Phone,
        received_at: at(hours),
        requested_visit: None,
        unit: None,
        order_number: format!("JD{n:06}"),
        number: String::new(),
    }
}

/// A ticket registered at `hours` and then taken through `steps`, one hour apart.
fn ticket(n: u128, registration: Registration, steps: Vec<Happening>) -> Ticket {
    let start = (registration.received_at - at(0)) / HOUR;
    let mut events = vec![Happening::Registered(Arc::new(registration))];
    events.extend(steps);
    let events: Vec<TicketEvent> = events
        .into_iter()
        .enumerate()
        .map(|(i, what)| {
            let when = at(start + i as i64);
            TicketEvent {
                id: Id::from_u128(n * 100 + i as u128),
                ticket: Id::from_u128(n),
                stamp: Stamp {
                    wall_ms: when as u64,
                    counter: 0,
                    device: DeviceId::from_u128(1),
                },
                at: when,
                by: None,
                what,
            }
        })
        .collect();
    Ticket::fold(&events, &calendar()).unwrap()
}

fn fixture() -> Vec<Ticket> {
    let triage = || Happening::Triaged {
        note: String::new(),
    };
    let assign = || Happening::Assigned { engineer: ENGINEER };
    vec![
        ticket(
            1,
            registration(
                1,
                "张女士",
                "13812345678",
                Kind::Repair,
                Priority::Normal,
                0,
            ),
            vec![],
        ),
        ticket(
            2,
            registration(
                2,
                "王先生",
                "021-68881234",
                Kind::Complaint,
                Priority::High,
                2,
            ),
            vec![triage(), assign()],
        ),
        ticket(
            3,
            registration(
                3,
                "张女士",
                "13812345678",
                Kind::Installation,
                Priority::Urgent,
                30,
            ),
            vec![
                triage(),
                assign(),
                Happening::Held {
                    reason: "等配件".into(),
                },
            ],
        ),
        ticket(
            4,
            registration(
                4,
                "李经理",
                "13900001111",
                Kind::Consultation,
                Priority::Low,
                4,
            ),
            vec![triage(), Happening::Closed],
        ),
    ]
}

fn table(rows: &[&Row]) -> String {
    rows.iter()
        .map(|r| {
            let badge = match r.badge {
                Some(Badge::Overdue { by_ms }) => format!("overdue {}h", by_ms / HOUR),
                Some(Badge::Due { left_ms }) => format!("due in {}h", left_ms / HOUR),
                Some(Badge::Paused { left_ms }) => format!("paused, {}h left", left_ms / HOUR),
                Some(Badge::Breached) => "breached".into(),
                Some(Badge::Met) => "met".into(),
                None => "-".into(),
            };
            format!(
                "{:<8} {:<12} {:<13} {:<9} {badge}\n",
                r.registration.customer.name,
                format!("{:?}", r.kind),
                format!("{:?}", r.state),
                format!("{:?}", r.priority),
            )
        })
        .collect()
}

fn rows(now: Instant) -> Vec<Row> {
    fixture()
        .iter()
        .map(|t| Row::new(t, &Policy::default(), &calendar(), now))
        .collect()
}

fn pick(rows: &[Row], filter: Filter, sort: Sort) -> String {
    table(&select(rows, &filter, sort, &calendar(), |_| true))
}

#[test]
fn open_tickets_by_urgency_with_their_badges() {
    // Wednesday 09:00: ticket 1 never got a first response (24 h passed), ticket 3 is on hold.
    let rows = rows(at(48));
    expect![[r#"
        张女士      Repair       Registered    Normal    overdue 24h
        李经理      Consultation Triaged       Low       overdue 21h
        王先生      Complaint    Assigned      High      due in 129h
        张女士      Installation OnHold        Urgent    paused, 48h left
    "#]]
    .assert_eq(&pick(&rows, Filter::default(), Sort::Urgency));
    expect![[r#"
        张女士      Installation OnHold        Urgent    paused, 48h left
        李经理      Consultation Triaged       Low       overdue 21h
        王先生      Complaint    Assigned      High      due in 129h
        张女士      Repair       Registered    Normal    overdue 24h
    "#]]
    .assert_eq(&pick(
        &rows,
        Filter {
            state: StateFilter::All,
            ..Filter::default()
        },
        Sort::Newest,
    ));
}

#[test]
fn search_filters_and_my_tickets() {
    let rows = rows(at(48));
    let only = |filter: Filter| pick(&rows, filter, Sort::Oldest);
    // A phone typed with spaces finds both of 张女士's tickets (stored without them).
    expect![[r#"
        张女士      Repair       Registered    Normal    overdue 24h
        张女士      Installation OnHold        Urgent    paused, 48h left
    "#]]
    .assert_eq(&only(Filter {
        text: "138 1234".into(),
        ..Filter::default()
    }));
    expect![[r#"
        王先生      Complaint    Assigned      High      due in 129h
    "#]]
    .assert_eq(&only(Filter {
        text: "sn-0002".into(),
        ..Filter::default()
    }));
    // The platform's order number finds its ticket too.
    expect![[r#"
        王先生      Complaint    Assigned      High      due in 129h
    "#]]
    .assert_eq(&only(Filter {
        text: "jd000002".into(),
        ..Filter::default()
    }));
    expect![[r#"
        王先生      Complaint    Assigned      High      due in 129h
        张女士      Installation OnHold        Urgent    paused, 48h left
    "#]]
    .assert_eq(&only(Filter {
        assignee: Some(ENGINEER),
        ..Filter::default()
    }));
    expect![[r#"
        张女士      Repair       Registered    Normal    overdue 24h
        李经理      Consultation Triaged       Low       overdue 21h
    "#]]
    .assert_eq(&only(Filter {
        overdue_only: true,
        ..Filter::default()
    }));
    expect![[r#"
        张女士      Installation OnHold        Urgent    paused, 48h left
    "#]]
    .assert_eq(&only(Filter {
        from: Date::parse("2026-03-10"),
        to: Date::parse("2026-03-10"),
        state: StateFilter::Only(State::OnHold),
        ..Filter::default()
    }));
}

#[test]
fn a_known_phone_brings_back_the_customer_and_their_products() {
    let tickets = fixture();
    let history = customer_history(&tickets, "+86 138-1234-5678");
    assert_eq!(
        history.len(),
        2,
        "any spelling of the number finds the history"
    );
    assert_eq!(history[0].id, Id::from_u128(3), "newest first");
    let known = known_customer(&tickets, "13812345678").unwrap();
    assert_eq!(known.customer.name, "张女士");
    assert_eq!(
        known
            .products
            .iter()
            .map(|p| p.serial.as_str())
            .collect::<Vec<_>>(),
        ["SN-0003", "SN-0001"]
    );
    assert!(known_customer(&tickets, "13700000000").is_none());
}

#[test]
fn the_commands_each_role_is_offered_in_each_state() {
    let now = at(48);
    let registration = || {
        registration(
            9,
            "赵女士",
            "13812340000",
            Kind::Repair,
            Priority::Normal,
            0,
        )
    };
    let triage = || Happening::Triaged {
        note: String::new(),
    };
    let assign = || Happening::Assigned { engineer: ENGINEER };
    let arrive = || Happening::Arrived;
    let resolve = || Happening::Resolved {
        solution: "修好".into(),
        report: None,
    };
    let stages: Vec<(&str, Vec<Happening>)> = vec![
        ("registered", vec![]),
        ("triaged", vec![triage()]),
        ("assigned", vec![triage(), assign()]),
        ("in progress", vec![triage(), assign(), arrive()]),
        (
            "on hold",
            vec![
                triage(),
                assign(),
                Happening::Held {
                    reason: "等件".into(),
                },
            ],
        ),
        ("resolved", vec![triage(), assign(), arrive(), resolve()]),
        (
            "closed",
            vec![triage(), assign(), arrive(), resolve(), Happening::Closed],
        ),
        (
            "voided",
            vec![Happening::Voided {
                reason: "重复".into(),
                false_record: false,
            }],
        ),
    ];
    let mut out = String::new();
    for (name, steps) in stages {
        let ticket = ticket(9, registration(), steps);
        for role in [Role::Agent, Role::Engineer, Role::HumanResources] {
            let commands: Vec<String> = offered(&ticket, role, now)
                .iter()
                .map(|c| format!("{c:?}"))
                .collect();
            out += &format!(
                "{name:<12} {:<15} {}\n",
                format!("{role:?}"),
                commands.join(" ")
            );
        }
    }
    expect![[r#"
        registered   Agent           Respond Triage Hold Note
        registered   Engineer        Hold Note
        registered   HumanResources  
        triaged      Agent           Assign Hold Note
        triaged      Engineer        Hold Note
        triaged      HumanResources  
        assigned     Agent           Reassign Hold Note
        assigned     Engineer        ScheduleVisit Arrive IssueQuote Hold Note
        assigned     HumanResources  
        in progress  Agent           Reassign Hold Note
        in progress  Engineer        ScheduleVisit Arrive IssueQuote Report Resolve Hold Note
        in progress  HumanResources  
        on hold      Agent           Resume Note
        on hold      Engineer        IssueQuote Resume Note
        on hold      HumanResources  
        resolved     Agent           Confirm Close Reopen PlanFollowUp Note
        resolved     Engineer        PlanFollowUp Note
        resolved     HumanResources  
        closed       Agent           Reopen PlanFollowUp Note
        closed       Engineer        PlanFollowUp Note
        closed       HumanResources  
        voided       Agent           Note
        voided       Engineer        Note
        voided       HumanResources  
    "#]]
    .assert_eq(&out);
}
