//! The ticket list (R2.8, R3.3) and the commands a role is offered (R2.4, R10.1), as readable tables: a fixture
//! of tickets in, the rows a filter and sort select and their SLA badges out; and, for each state a ticket can
//! be in, the buttons each role sees.

use std::sync::Arc;

use aftersales::domain::access::Role;
use aftersales::domain::calendar::{Calendar, Date, Instant};
use aftersales::domain::clock::Stamp;
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::sla::Policy;
use aftersales::domain::ticket::actions::offered;
use aftersales::domain::ticket::list::{
    Badge, Filter, Row, Sort, StateFilter, customer_history, known_customer, select,
};
use aftersales::domain::ticket::state::State;
use aftersales::domain::ticket::{
    Channel, Customer, Happening, Kind, Priority, Product, Registration, Ticket, TicketEvent,
};
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
    table(&select(
        rows,
        &filter,
        sort,
        &calendar(),
        |_| true,
        engineer_name,
    ))
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
        registered   Agent           Respond Triage Assign Hold Note
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

/// Issue 17: dispatching a ticket nobody has triaged yet is one form — it records the triage, then the
/// assignment, both on the timeline, checked together; a ticket already triaged records the assignment alone, and
/// what one step refuses (a voided ticket) refuses the whole.
#[test]
fn assigning_an_untriaged_ticket_triages_it_first() {
    use aftersales::domain::ticket::actions::steps_of;
    let now = at(48);
    let registered = ticket(
        9,
        registration(
            9,
            "赵女士",
            "13812340000",
            Kind::Repair,
            Priority::Normal,
            0,
        ),
        vec![],
    );
    let assign = Happening::Assigned { engineer: ENGINEER };
    let steps = steps_of(&registered, assign.clone());
    let names: Vec<&str> = steps.iter().map(Happening::name).collect();
    assert_eq!(names, ["Triaged", "Assigned"]);
    assert!(registered.check_all(&steps, now).is_ok());
    assert!(
        registered.check(&assign, now).is_err(),
        "alone it is refused"
    );
    let after = ticket(
        9,
        registration(
            9,
            "赵女士",
            "13812340000",
            Kind::Repair,
            Priority::Normal,
            0,
        ),
        steps,
    );
    assert_eq!(after.state, State::Assigned);
    assert_eq!(after.assignee, Some(ENGINEER));
    assert_eq!(
        steps_of(&after, assign.clone()).len(),
        1,
        "a triaged ticket is only assigned"
    );
    let voided = ticket(
        9,
        registration(
            9,
            "赵女士",
            "13812340000",
            Kind::Repair,
            Priority::Normal,
            0,
        ),
        vec![Happening::Voided {
            reason: "重复".into(),
            false_record: false,
        }],
    );
    assert!(voided.check_all(&steps_of(&voided, assign), now).is_err());
}

fn engineer_name(id: Id) -> String {
    match id == ENGINEER {
        true => "陈工".into(),
        false => "?".into(),
    }
}

/// The list in the URL (issue 17: coming back to the list found it reset): every filter and the sort written as
/// parameters and read back the same; defaults write nothing; what does not read is the default.
#[test]
fn the_url_keeps_the_list_as_it_was() {
    use aftersales::domain::ticket::list::ListQuery;
    let query = ListQuery {
        filter: Filter {
            text: "张 138".into(),
            state: StateFilter::Only(State::Resolved),
            kind: Some(Kind::Complaint),
            assignee: None,
            unassigned: true,
            unit: Some(Id::from_u128(0x77)),
            overdue_only: true,
            from: Date::parse("2026-03-01"),
            to: Date::parse("2026-03-31"),
        },
        mine: false,
        sort: Sort::Engineer,
    };
    let params = query.to_params();
    let written: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    expect![[r#"
        q=张 138
        state=Resolved
        kind=Complaint
        assignee=none
        unit=00000000-0000-0000-0000-000000000077
        overdue=1
        from=2026-03-01
        to=2026-03-31
        sort=engineer"#]]
    .assert_eq(&written.join("\n"));
    let read = ListQuery::from_params(|name| {
        params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    });
    assert_eq!(read, query);
    assert!(ListQuery::default().to_params().is_empty());
    let mine = ListQuery {
        filter: Filter {
            assignee: Some(ENGINEER),
            ..Filter::default()
        },
        mine: true,
        sort: Sort::Newest,
    };
    assert_eq!(
        mine.to_params(),
        [("mine", "1".to_string())],
        "mine, not a person's id"
    );
    let nonsense = ListQuery::from_params(|name| match name {
        "state" => Some("Sleeping"),
        "sort" => Some("sideways"),
        "from" => Some("yesterday"),
        "assignee" => Some("nobody"),
        _ => None,
    });
    assert_eq!(nonsense, ListQuery::default());
}

#[test]
fn nobody_dispatched_and_sorted_by_any_column() {
    let rows = rows(at(48));
    expect![[r#"
        张女士      Repair       Registered    Normal    overdue 24h
        李经理      Consultation Triaged       Low       overdue 21h
    "#]]
    .assert_eq(&pick(
        &rows,
        Filter {
            unassigned: true,
            ..Filter::default()
        },
        Sort::Oldest,
    ));
    expect![[r#"
        张女士      Installation OnHold        Urgent    paused, 48h left
        张女士      Repair       Registered    Normal    overdue 24h
        李经理      Consultation Triaged       Low       overdue 21h
        王先生      Complaint    Assigned      High      due in 129h
    "#]]
    .assert_eq(&pick(&rows, Filter::default(), Sort::Customer));
    expect![[r#"
        张女士      Installation OnHold        Urgent    paused, 48h left
        王先生      Complaint    Assigned      High      due in 129h
        李经理      Consultation Triaged       Low       overdue 21h
        张女士      Repair       Registered    Normal    overdue 24h
    "#]]
    .assert_eq(&pick(&rows, Filter::default(), Sort::Engineer));
    expect![[r#"
        张女士      Repair       Registered    Normal    overdue 24h
        李经理      Consultation Triaged       Low       overdue 21h
        王先生      Complaint    Assigned      High      due in 129h
        张女士      Installation OnHold        Urgent    paused, 48h left
    "#]]
    .assert_eq(&pick(&rows, Filter::default(), Sort::State));
}

/// "Open" in the list is still being worked on: a resolved ticket waits for the customer and has its own filter.
#[test]
fn open_means_not_yet_resolved() {
    let table: Vec<String> = State::ALL
        .into_iter()
        .map(|s| format!("{:<11} {}", format!("{s:?}"), s.being_worked_on()))
        .collect();
    expect![[r#"
        Registered  true
        Triaged     true
        Assigned    true
        InProgress  true
        Resolved    false
        Confirmed   false
        Closed      false
        OnHold      true
        Voided      false"#]]
    .assert_eq(&table.join("\n"));
}

/// A consultation answered and resolved by phone, then surveyed with `stars` overall (and `follow_up` recorded).
fn surveyed(n: u128, stars: u8, follow_up: bool) -> Ticket {
    use aftersales::domain::survey::{SurveyResponse, Via};
    let mut steps = vec![
        Happening::Triaged {
            note: String::new(),
        },
        Happening::Assigned { engineer: ENGINEER },
        Happening::Arrived,
        Happening::Resolved {
            solution: "电话指导".into(),
            report: None,
        },
        Happening::Surveyed(Box::new(SurveyResponse {
            template_version: 1,
            ratings: Vec::new(),
            overall: stars,
            solved: Some(true),
            satisfaction: None,
            comment: String::new(),
            answered_at: at(10 + n as i64),
            via: Via::Kiosk,
            replaces_earlier: false,
        })),
    ];
    if follow_up {
        steps.push(Happening::FollowUpDone {
            outcome: "已致歉".into(),
        });
    }
    ticket(
        n,
        registration(
            n,
            &format!("顾客{n}"),
            "13700000000",
            Kind::Consultation,
            Priority::Normal,
            n as i64,
        ),
        steps,
    )
}

/// Each role's home (issue 17): an engineer's day, the queue nobody is dispatched to, the service levels at risk,
/// and the bad reviews waiting for their follow-up — a 2★ answer opens one, a follow-up call closes it, a 4★ opens
/// none.
#[test]
fn the_home_lists_each_roles_work() {
    use aftersales::domain::ticket::worklist::worklist;
    let mut tickets = fixture();
    tickets.push(surveyed(6, 2, false));
    tickets.push(surveyed(7, 1, true));
    tickets.push(surveyed(8, 4, false));
    // Confirmed by the customer, not yet surveyed: no longer the engineer's work (the review found such tickets
    // counted as "to visit"), but waiting for its survey.
    tickets.push(ticket(
        9,
        registration(9, "顾客9", "13600000000", Kind::Repair, Priority::Normal, 0),
        vec![
            Happening::Triaged {
                note: String::new(),
            },
            Happening::Assigned { engineer: ENGINEER },
            Happening::Arrived,
            Happening::Resolved {
                solution: "修好".into(),
                report: None,
            },
            Happening::Confirmed,
        ],
    ));
    let bad = tickets.iter().find(|t| t.id == Id::from_u128(6)).unwrap();
    assert!(bad.bad_review_follow_up_open());
    assert!(
        !tickets[tickets.len() - 2].bad_review_follow_up_open(),
        "called back"
    );
    let names = |rows: &[Row]| -> String {
        rows.iter()
            .map(|r| r.registration.customer.name.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let list = worklist(
        &tickets,
        Some(ENGINEER),
        &Policy::default(),
        &calendar(),
        at(48),
    );
    let table = format!(
        "mine: {} (to visit {}, overdue {})\nawaiting survey: {}\nunassigned: {}\nat risk: {}\nbad reviews: {}",
        names(&list.mine),
        list.to_visit,
        list.overdue,
        names(&list.awaiting_survey),
        names(&list.unassigned),
        names(&list.at_risk),
        names(&list.bad_reviews),
    );
    expect![[r#"
        mine: 王先生 张女士 (to visit 2, overdue 0)
        awaiting survey: 顾客9
        unassigned: 张女士 李经理
        at risk: 张女士 李经理
        bad reviews: 顾客6"#]]
    .assert_eq(&table);
    let nobody = worklist(&tickets, None, &Policy::default(), &calendar(), at(48));
    assert!(nobody.mine.is_empty() && nobody.awaiting_survey.is_empty());
    assert_eq!(names(&nobody.bad_reviews), "顾客6");
}

/// Dispatch offers who fits first (issue 17): engineers before supervisors, in the ticket's region, certified for
/// its product, with the fewest open tickets.
#[test]
fn dispatch_offers_who_fits_first() {
    use aftersales::domain::dataset::Change;
    use aftersales::domain::org::{Certificate, Position};
    use aftersales::domain::ticket::dispatch::candidates;
    let mut data = crate::common::fixture_org();
    let certified = |change: Change| match change {
        Change::Staff(mut v) => {
            v.stamp.wall_ms += 1_000;
            v.body.certificates = vec![Certificate {
                category: "空调".into(),
                number: "AC-1".into(),
                expires: Date::parse("2030-01-01").unwrap(),
            }];
            Change::Staff(v)
        }
        other => other,
    };
    data.apply(certified(crate::common::person(
        15,
        "S006",
        "刘工",
        Position::Engineer,
        3,
        Some(12),
    )));
    data.apply(certified(crate::common::person(
        16,
        "S007",
        "孙工",
        Position::Engineer,
        4,
        Some(13),
    )));
    let in_east = |n: u128, hours: i64| {
        let mut r = registration(
            n,
            "顾客",
            "13700000000",
            Kind::Repair,
            Priority::Normal,
            hours,
        );
        r.unit = Some(Id::from_u128(3));
        r
    };
    let busy = ticket(
        40,
        in_east(40, 0),
        vec![
            Happening::Triaged {
                note: String::new(),
            },
            Happening::Assigned {
                engineer: Id::from_u128(15),
            },
        ],
    );
    let new = ticket(41, in_east(41, 5), vec![]);
    let all = vec![busy, new.clone()];
    let table: Vec<String> = candidates(&new, &all, &data, Date::parse("2026-03-09").unwrap())
        .iter()
        .map(|c| {
            format!(
                "{:<4} in unit {:<5} certified {:<5} open {} supervisor {}",
                data.staff.get(c.staff).unwrap().name,
                c.in_unit,
                c.certified,
                c.open_load,
                c.supervisor
            )
        })
        .collect();
    expect![[r#"
        刘工   in unit true  certified true  open 1 supervisor false
        陈工   in unit true  certified false open 0 supervisor false
        孙工   in unit false certified true  open 0 supervisor false
        李主管  in unit true  certified false open 0 supervisor true
        赵主管  in unit false certified false open 0 supervisor true"#]]
    .assert_eq(&table.join("\n"));
}
