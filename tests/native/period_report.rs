//! The period report (R5.5) on a small November: every part computed from a fixture whose figures can be checked
//! by reading it, shown as a table; issuing (only once the period is over, with findings and proposals written)
//! and the rule that an issued report never changes, whatever data arrives later.

use std::sync::Arc;

use aftersales::domain::access::Role;
use aftersales::domain::calendar::{Date, Instant};
use aftersales::domain::corrective::{CorrectiveAction, Source, Status};
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::error::{Field, Problem};
use aftersales::domain::ids::Id;
use aftersales::domain::kpi::facts::Facts;
use aftersales::domain::kpi::{Kpi, KpiSettings};
use aftersales::domain::period::Period;
use aftersales::domain::period_report::{
    ReportBody, ReportDraft, ReportInputs, compute, draft_id, draft_report, issued_id,
    issued_report,
};
use aftersales::domain::provider_inputs::ComplaintCause;
use aftersales::domain::sla::Policy;
use aftersales::domain::ticket::{Happening, Kind, TicketEvent, Told};
use expect_test::expect;

use crate::common::{user, versioned};
use crate::kpi::{assigned, calendar, local, resolved, surveyed, ticket, triaged};

const ENGINEER: Id = Id::from_u128(0xE1);
const NOVEMBER: Period = Period::Month {
    year: 2026,
    month: 11,
};

/// Ticket `n` of `kind` for a product `category model`.
fn of_product(
    n: u128,
    kind: Kind,
    product: (&str, &str),
    received: &str,
    steps: Vec<(&str, Happening)>,
) -> Vec<TicketEvent> {
    let phone = format!("1380000{n:04}");
    let mut events = ticket(n, kind, (&phone, "某路1号"), received, steps);
    if let Happening::Registered(registration) = &mut events[0].what {
        let registration = Arc::make_mut(registration);
        registration.product.category = product.0.into();
        registration.product.model = product.1.into();
        registration.number = format!("2611{n:02}-A1-01");
    }
    events
}

fn closed() -> Happening {
    Happening::Closed
}

/// November 2026 (policy: answer within 24 h; repairs resolved within 3 working days; complaints verified within
/// 3 and resolved within 5; office hours 09:00–18:00):
/// 1. repair 空调 KF-35GW, solved on time, 5 ★;
/// 2. repair 空调 KF-35GW, solved on 11-16, past its 3 working days (11-11): a resolution breach; 2 ★: a bad review;
/// 3. repair 洗衣机 XQB-70, still open: its resolution deadline (11-13) passed — a breach not yet done;
/// 4. complaint about 空调, promised for 11-14, solved on 11-17 (the promise broken), the customer told (cause:
///    late service), closed;
/// 5. complaint about 空调, rejected;
/// 6. consultation on 11-27, answered but not solved within its 8 business hours: a breach not yet done;
/// 7. repair received in October: not November's.
fn fixture() -> Dataset {
    let tickets = [
        of_product(
            1,
            Kind::Repair,
            ("空调", "KF-35GW"),
            "2026-11-02 10:00",
            vec![
                ("2026-11-02 10:30", triaged()),
                ("2026-11-02 11:00", assigned(ENGINEER)),
                ("2026-11-03 10:00", Happening::Arrived),
                ("2026-11-03 12:00", resolved()),
                ("2026-11-03 13:00", surveyed(5, "2026-11-03 13:00")),
            ],
        ),
        of_product(
            2,
            Kind::Repair,
            ("空调", "KF-35GW"),
            "2026-11-06 10:00",
            vec![
                ("2026-11-06 10:30", triaged()),
                ("2026-11-06 11:00", assigned(ENGINEER)),
                ("2026-11-16 10:00", Happening::Arrived),
                ("2026-11-16 12:00", resolved()),
                ("2026-11-16 13:00", surveyed(2, "2026-11-16 13:00")),
            ],
        ),
        of_product(
            3,
            Kind::Repair,
            ("洗衣机", "XQB-70"),
            "2026-11-10 10:00",
            vec![
                ("2026-11-10 10:30", triaged()),
                ("2026-11-10 11:00", assigned(ENGINEER)),
            ],
        ),
        of_product(
            4,
            Kind::Complaint,
            ("空调", "KF-35GW"),
            "2026-11-10 09:30",
            vec![
                ("2026-11-10 10:00", triaged()),
                (
                    "2026-11-10 10:05",
                    Happening::Promised {
                        by: Date::parse("2026-11-14").unwrap(),
                        note: "备件".into(),
                    },
                ),
                ("2026-11-10 11:00", assigned(ENGINEER)),
                ("2026-11-17 10:00", Happening::Arrived),
                ("2026-11-17 12:00", resolved()),
                (
                    "2026-11-17 15:00",
                    Happening::Informed {
                        how: Told::Phone,
                        cause: Some(ComplaintCause::Late),
                        note: String::new(),
                    },
                ),
                ("2026-11-17 16:00", closed()),
            ],
        ),
        of_product(
            5,
            Kind::Complaint,
            ("空调", "KF-26GW"),
            "2026-11-11 09:30",
            vec![(
                "2026-11-11 10:00",
                Happening::Rejected {
                    reason: "非质量问题".into(),
                },
            )],
        ),
        of_product(
            6,
            Kind::Consultation,
            ("", ""),
            "2026-11-27 09:30",
            vec![(
                "2026-11-27 10:00",
                Happening::Responded {
                    note: String::new(),
                },
            )],
        ),
        of_product(
            7,
            Kind::Repair,
            ("空调", "KF-35GW"),
            "2026-10-20 10:00",
            vec![],
        ),
    ];
    let mut data = Dataset::default();
    for event in tickets.into_iter().flatten() {
        data.apply(Change::TicketEvent(event));
    }
    data.apply(user(0x5, "王经理", Role::Manager));
    let action = |what: &str, due: &str, status| CorrectiveAction {
        what: what.into(),
        owner: Id::from_u128(0x5),
        due: Date::parse(due).unwrap(),
        opened: Date::parse("2026-11-01").unwrap(),
        source: Source::ComplaintAnalysis { period: NOVEMBER },
        status,
    };
    data.apply(Change::CorrectiveAction(versioned(
        0xA1,
        1,
        action("备件提前备货", "2026-11-30", Status::Open),
    )));
    data.apply(Change::CorrectiveAction(versioned(
        0xA2,
        2,
        action("回访差评客户", "2026-12-20", Status::Open),
    )));
    // Opened after November: not November's (the report lists actions opened by the period's end) — unless it is
    // a measure from November's complaints analysis, opened while the report is written.
    data.apply(Change::CorrectiveAction(versioned(
        0xA4,
        4,
        CorrectiveAction {
            opened: Date::parse("2026-12-02").unwrap(),
            source: Source::Clause {
                assessment: Id::from_u128(0x5A),
                clause: "5.2.1.1".into(),
            },
            ..action("十二月的新措施", "2026-12-31", Status::Open)
        },
    )));
    data.apply(Change::CorrectiveAction(versioned(
        0xA5,
        5,
        CorrectiveAction {
            opened: Date::parse("2026-12-03").unwrap(),
            ..action("投诉分析的改进措施", "2027-01-15", Status::Open)
        },
    )));
    data.apply(Change::CorrectiveAction(versioned(
        0xA3,
        3,
        action(
            "补签报告",
            "2026-11-20",
            Status::Closed {
                on: Date::parse("2026-11-18").unwrap(),
                note: "已补签".into(),
            },
        ),
    )));
    data
}

fn report_of(data: &Dataset, now: Instant) -> ReportBody {
    let calendar = calendar();
    let policy = Policy::default();
    let tickets = data.tickets.fold_all(&calendar);
    let facts = Facts::new(&tickets, data, &policy, &calendar);
    let settings = KpiSettings::default();
    compute(
        ReportInputs {
            data,
            tickets: &tickets,
            facts: &facts,
            assessments: &[],
            settings: &settings,
            policy: &policy,
            calendar: &calendar,
            now,
        },
        NOVEMBER,
    )
}

/// The report as a reader scans it, one line per fact.
fn table(body: &ReportBody) -> String {
    let calendar = calendar();
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    for kpi in [
        Kpi::Resolution,
        Kpi::OnTimeCompletion,
        Kpi::BadReviews,
        Kpi::ComplaintRate,
    ] {
        let found = body.kpis.iter().find(|l| l.kpi == kpi).unwrap();
        let figure = |f: aftersales::domain::period_report::Figure| {
            format!("{}/{}", f.numerator, f.denominator)
        };
        line(format!(
            "kpi {} now {} before {} trend {}",
            kpi.slug(),
            figure(found.current()),
            figure(found.previous()),
            found.trend.len()
        ));
    }
    line(format!("kinds {:?}", body.kinds));
    line(format!("repairs {:?}", body.repairs));
    line(format!("breaches {:?}", body.breach_counts));
    for b in &body.breaches {
        line(format!(
            "  {} {:?} due {} done {}",
            b.number,
            b.measure,
            calendar.format_local(b.deadline, ' '),
            b.done_at
                .map_or("—".into(), |d| calendar.format_local(d, ' '))
        ));
    }
    line(format!("bad reviews {}", body.bad_review_count));
    for r in &body.bad_reviews {
        line(format!("  {} {}★", r.number, r.overall));
    }
    let c = &body.complaints;
    line(format!(
        "complaints {} rejected {} verified late {} promised {} broken {} told {} untold {}",
        c.received, c.rejected, c.verified_late, c.promised, c.promise_broken, c.told, c.untold
    ));
    line(format!("  by cause {:?}", c.by_cause));
    line(format!("  by category {:?}", c.by_category));
    for a in &body.open_actions {
        line(format!(
            "action {} due {} overdue {}",
            a.what, a.due, a.overdue
        ));
    }
    line(format!("actions closed {}", body.actions_closed));
    line(format!(
        "basis tickets {} events {}",
        body.basis.tickets, body.basis.events
    ));
    out
}

#[test]
fn november_reported_part_by_part() {
    let body = report_of(&fixture(), local("2026-12-06 09:00"));
    expect![[r#"
        kpi resolution now 3/5 before 0/1 trend 6
        kpi on_time_completion now 2/3 before 0/0 trend 6
        kpi bad_reviews now 1/2 before 0/0 trend 6
        kpi complaint_rate now 2/6 before 0/1 trend 6
        kinds [(Repair, 3), (Complaint, 2), (Consultation, 1)]
        repairs [("空调 KF-35GW", 2), ("洗衣机 XQB-70", 1)]
        breaches [(Resolution, 3), (Promised, 1)]
          261102-A1-01 Resolution due 2026-11-11 18:00 done 2026-11-16 12:00
          261103-A1-01 Resolution due 2026-11-13 18:00 done —
          261104-A1-01 Promised due 2026-11-14 23:59 done 2026-11-17 12:00
          261106-A1-01 Resolution due 2026-11-27 17:30 done —
        bad reviews 1
          261102-A1-01 2★
        complaints 2 rejected 1 verified late 0 promised 1 broken 1 told 1 untold 0
          by cause [(Some(Late), 1)]
          by category [("空调", 2)]
        action 备件提前备货 due 2026-11-30 overdue true
        action 回访差评客户 due 2026-12-20 overdue false
        action 投诉分析的改进措施 due 2027-01-15 overdue false
        actions closed 1
        basis tickets 7 events 28
    "#]]
    .assert_eq(&table(&body));
}

fn draft() -> ReportDraft {
    ReportDraft {
        findings: "华东区维修超时".into(),
        proposals: "增派一名工程师".into(),
        lessons: "承诺日期要留余量".into(),
    }
}

fn manager() -> (Option<Id>, String) {
    (Some(Id::from_u128(0x5)), "王经理".into())
}

#[test]
fn a_report_is_issued_once_its_period_is_over_with_findings_and_proposals() {
    let data = fixture();
    let now = local("2026-11-30 17:00");
    let body = report_of(&data, now);
    let refused = draft()
        .issue(
            None,
            body.clone(),
            manager(),
            now,
            Date::parse("2026-11-30").unwrap(),
        )
        .unwrap_err();
    assert!(
        refused
            .iter()
            .any(|e| e.problem == Problem::ReportPeriodNotOver)
    );

    let empty = ReportDraft::default()
        .issue(
            None,
            body.clone(),
            manager(),
            now,
            Date::parse("2026-12-01").unwrap(),
        )
        .unwrap_err();
    let fields: Vec<Field> = empty.iter().map(|e| e.field).collect();
    assert_eq!(fields, [Field::Findings, Field::Proposals]);

    let issued = draft()
        .issue(
            None,
            body.clone(),
            manager(),
            now,
            Date::parse("2026-12-01").unwrap(),
        )
        .unwrap();
    let record = issued.issued.as_ref().unwrap();
    assert_eq!(record.body, body);
    assert_eq!(record.by_name, "王经理");
    assert_eq!(issued.findings, "华东区维修超时");
}

/// Data arriving after the issue changes what the report would say now, never what was issued; a draft saved later
/// — a stale tab, a file from a device that had not heard of the issue — lands on the draft's record and leaves the
/// issued one as it was; a second issue is refused.
#[test]
fn an_issued_report_stays_as_issued_whatever_arrives_later() {
    let mut data = fixture();
    let now = local("2026-12-01 09:00");
    let body = report_of(&data, now);
    let issued = draft()
        .issue(
            None,
            body.clone(),
            manager(),
            now,
            Date::parse("2026-12-01").unwrap(),
        )
        .unwrap();
    let mut record = versioned(0, 9, issued.clone());
    record.id = issued_id(NOVEMBER);
    data.apply(Change::PeriodReport(record));

    // A late-synced ticket of November arrives.
    for event in of_product(
        8,
        Kind::Repair,
        ("空调", "KF-35GW"),
        "2026-11-25 10:00",
        vec![],
    ) {
        data.apply(Change::TicketEvent(event));
    }
    let now_says = report_of(&data, local("2026-12-02 09:00"));
    assert_ne!(now_says.kinds, body.kinds, "the data now says more");
    let stored = issued_report(&data, NOVEMBER).expect("issued");
    assert_eq!(stored.issued.as_ref().unwrap().body, body);
    assert_eq!(stored.issued.as_ref().unwrap().body.basis.tickets, 7);

    // Another device's draft, saved after the issue (a later stamp), merged in.
    let mut other = fixture();
    let stale = ReportDraft {
        findings: "另一台设备的草稿".into(),
        ..draft()
    }
    .check(NOVEMBER, None)
    .unwrap();
    let mut late = versioned(0, 99, stale);
    late.id = draft_id(NOVEMBER);
    other.apply(Change::PeriodReport(late));
    data.merge(&other);
    assert_eq!(issued_report(&data, NOVEMBER), Some(&issued));
    assert_eq!(
        draft_report(&data, NOVEMBER).map(|d| d.findings.as_str()),
        Some("另一台设备的草稿")
    );

    // Here, once issued: no draft is taken and no second issue.
    let redraft = draft().check(NOVEMBER, Some(&issued)).unwrap_err();
    assert_eq!(redraft[0].problem, Problem::ReportIssued);
    let again = draft()
        .issue(
            Some(&issued),
            body,
            manager(),
            now,
            Date::parse("2026-12-02").unwrap(),
        )
        .unwrap_err();
    assert!(again.iter().any(|e| e.problem == Problem::ReportIssued));
}

#[test]
fn a_periods_report_has_one_id_on_every_device_the_draft_another() {
    assert_eq!(issued_id(NOVEMBER), issued_id(NOVEMBER));
    assert_ne!(issued_id(NOVEMBER), issued_id(NOVEMBER.previous()));
    assert_ne!(issued_id(NOVEMBER), draft_id(NOVEMBER));
}
