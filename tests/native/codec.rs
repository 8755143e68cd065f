//! The stored encoding (`codec`): every kind of record and every ticket event round-trips exactly; the layout of
//! a record is pinned byte for byte (a stored layout is forever); cut-off or random bytes are an error, never a
//! panic; and it is several times smaller than the JSON it replaces.

use std::collections::BTreeSet;
use std::sync::Arc;

use aftersales::codec::{CodecError, from_bytes, to_bytes};
use aftersales::domain::access::{Role, User};
use aftersales::domain::assessment::cycle::{
    ApprovalStep, AssessmentEvent, AssessmentStep, Goal, Relation,
};
use aftersales::domain::assessment::exact::{Exact, Shown};
use aftersales::domain::assessment::rule::{Entry, Rule};
use aftersales::domain::assessment::scheme::built_in;
use aftersales::domain::calendar::{Calendar, Date, Hours};
use aftersales::domain::clock::Stamp;
use aftersales::domain::dataset::Change;
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::inputs::{CostKind, CostLine, Month, SalesVolume, TrainingSession};
use aftersales::domain::kpi::{Kpi, KpiSettings};
use aftersales::domain::money::Fen;
use aftersales::domain::org::{
    Affiliation, Certificate, Employment, OrgUnit, Position, Provider, Staff, UnitKind,
};
use aftersales::domain::pin::PinHash;
use aftersales::domain::record::Versioned;
use aftersales::domain::settings::ServiceSettings;
use aftersales::domain::survey::{
    Aspect, LinkToken, Satisfaction, SecondResponse, SurveyLink, SurveyResponse, SurveySettings,
    SurveyTemplate, Via,
};
use aftersales::domain::ticket::intake::RegistrationDraft;
use aftersales::domain::ticket::{
    Happening, Kind, Quote, QuoteLine, QuoteLineKind, Registration, ServiceReport, Signature,
    TicketEvent,
};
use proptest::prelude::*;

use crate::ticket::{TICKET, at, event, registration};

fn versioned<T>(n: u128, deleted: bool, body: T) -> Versioned<T> {
    Versioned {
        id: Id::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n),
        stamp: Stamp {
            wall_ms: 1_764_300_000_000 + n as u64,
            counter: n as u32,
            device: DeviceId::from_u128(u128::MAX - n),
        },
        deleted,
        body,
        history: None,
    }
}

fn report() -> ServiceReport {
    ServiceReport {
        work_done: "更换压缩机启动电容，测试制冷正常".into(),
        lines: vec![
            QuoteLine {
                kind: QuoteLineKind::Part,
                description: "启动电容 35μF".into(),
                quantity: 1,
                unit_price: Fen(3_550),
            },
            QuoteLine {
                kind: QuoteLineKind::Travel,
                description: "上门".into(),
                quantity: 2,
                unit_price: Fen(-1),
            },
        ],
        signed_by: "张女士".into(),
        signature: Some(Signature {
            width: 600,
            height: 200,
            strokes: vec![vec![[0, 0], [-32_768, 32_767], [12, -7]], vec![]],
        }),
    }
}

fn response() -> SurveyResponse {
    SurveyResponse {
        template_version: 3,
        ratings: vec![(Aspect::Attitude, 5), (Aspect::Other("上门准时".into()), 1)],
        overall: 2,
        solved: Some(false),
        satisfaction: Some(Satisfaction::Dissatisfied),
        comment: "等了三天".into(),
        answered_at: at(30),
        via: Via::Receipt,
        replaces_earlier: true,
    }
}

/// One of every ticket event (the encoder's `match` is exhaustive, so a new variant cannot be forgotten there;
/// this list makes the decoder read each one back).
fn every_happening() -> Vec<Happening> {
    let reason = || "客户要求".to_string();
    vec![
        Happening::Registered(Arc::new(Registration {
            order_number: "3120261105000017".into(),
            number: "261105-KMT-07".into(),
            ..registration(Kind::Complaint, "2027-06-01")
        })),
        Happening::Responded {
            note: "已致电".into(),
        },
        Happening::Triaged {
            note: String::new(),
        },
        Happening::Rejected { reason: reason() },
        Happening::Assigned {
            engineer: Id::from_u128(0xE),
        },
        Happening::Reassigned {
            engineer: Id::from_u128(0xF),
            reason: reason(),
        },
        Happening::VisitScheduled { at: at(26) },
        Happening::Arrived,
        Happening::QuoteIssued(Quote {
            lines: report().lines,
        }),
        Happening::QuoteAccepted,
        Happening::QuoteDeclined { reason: reason() },
        Happening::Resolved {
            solution: "更换电容".into(),
            report: Some(Box::new(report())),
        },
        Happening::Resolved {
            solution: String::new(),
            report: None,
        },
        Happening::Reported(Box::new(report())),
        Happening::FollowUpPlanned {
            at: at(-5),
            purpose: "回访".into(),
        },
        Happening::FollowUpDone {
            outcome: "满意".into(),
        },
        Happening::Confirmed,
        Happening::Closed,
        Happening::Held { reason: reason() },
        Happening::Resumed,
        Happening::Reopened { reason: reason() },
        Happening::Voided {
            reason: reason(),
            false_record: true,
        },
        Happening::Noted {
            text: "a note with \"quotes\" and\nnew lines".into(),
        },
        Happening::SurveyLinked(Box::new(SurveyLink {
            token: LinkToken([0xA5; 16]),
            template: SurveyTemplate::default(),
        })),
        Happening::Surveyed(Box::new(response())),
    ]
}

pub(crate) fn every_change() -> Vec<Change> {
    let mut office = Calendar::china_default();
    office.hours = Hours::Office {
        start_minute: 8 * 60 + 30,
        end_minute: 17 * 60 + 30,
    };
    office.set_holiday(Date::parse("2026-10-01").unwrap(), "国庆节".into());
    let mut changes = vec![
        Change::Unit(versioned(
            1,
            false,
            OrgUnit {
                name: "华东大区".into(),
                kind: UnitKind::Region,
                parent: Some(Id::from_u128(7)),
            },
        )),
        Change::Unit(versioned(
            2,
            true,
            OrgUnit {
                name: String::new(),
                kind: UnitKind::Company,
                parent: None,
            },
        )),
        Change::Staff(versioned(
            3,
            false,
            Staff {
                number: "E-007".into(),
                name: "李工".into(),
                position: Position::Engineer,
                affiliation: Affiliation::Provider(Id::from_u128(9)),
                superior: Some(Id::from_u128(4)),
                employment: Employment::Probation,
                phone: "13900001111".into(),
                certificates: vec![Certificate {
                    category: "制冷".into(),
                    number: "C-1".into(),
                    expires: Date::parse("2027-12-31").unwrap(),
                }],
            },
        )),
        Change::Provider(versioned(
            4,
            false,
            Provider {
                name: "速修服务公司".into(),
                contact: "王经理".into(),
                phone: "021-5555".into(),
                region: None,
            },
        )),
        Change::User(versioned(
            5,
            false,
            User {
                name: "管理员".into(),
                role: Role::Admin,
                staff: None,
                pin: Some(PinHash {
                    salt: "c2FsdA".into(),
                    rounds: 60_000,
                    hash: "aGFzaA".into(),
                }),
            },
        )),
        Change::Settings(versioned(
            6,
            false,
            ServiceSettings {
                calendar: office,
                ..ServiceSettings::default()
            },
        )),
        Change::Survey(versioned(
            7,
            false,
            SurveySettings {
                template: SurveyTemplate {
                    version: 9,
                    aspects: vec![Aspect::Skill, Aspect::Other("准时".into())],
                    asks_solved: false,
                    asks_satisfaction: true,
                    asks_comment: false,
                },
                second_response: SecondResponse::Replace,
            },
        )),
    ];
    changes.extend([
        Change::Sales(versioned(
            8,
            false,
            SalesVolume {
                category: "空调".into(),
                month: Month {
                    year: 2026,
                    month: 3,
                },
                units: 1_250,
            },
        )),
        Change::Cost(versioned(
            9,
            false,
            CostLine {
                day: Date::parse("2026-03-09").unwrap(),
                kind: CostKind::Travel,
                amount: Fen(5_050),
                ticket: Some(Id::from_u128(0x70)),
                unit: None,
                note: "出差".into(),
            },
        )),
        Change::Training(versioned(
            10,
            false,
            TrainingSession {
                title: "新品培训".into(),
                planned: Date::parse("2026-03-15").unwrap(),
                held: None,
                unit: Some(Id::from_u128(3)),
                attendees: 12,
                attended: Vec::new(),
                certificate: None,
            },
        )),
        Change::KpiSettings(versioned(
            11,
            false,
            KpiSettings {
                min_sample: Some(20),
                ..KpiSettings::default()
            }
            .with_target(Kpi::Satisfaction, Some(900))
            .with_target(Kpi::Accuracy, None)
            .with_industry(Kpi::Workload, Some(125)),
        )),
    ]);
    for (n, what) in every_happening().into_iter().enumerate() {
        let mut e = event(n as u128, 2, n as i64, what);
        e.by = (n % 2 == 0).then(|| Id::from_u128(0xB));
        changes.push(Change::TicketEvent(e));
    }
    changes.extend(every_assessment_record());
    // Appended after the records frozen in `tests/fixtures/stored` (`frozen::FROZEN_RECORDS`): append, never edit.
    changes.push(edited_on_two_devices());
    changes.extend(with_retention());
    changes.extend(with_provider_assessment());
    changes.push(phone_revealed());
    changes.extend(quality_records());
    changes.extend(schema_9_records());
    changes
}

/// A complaint's promised day and its result told (new events), a training session with its attendees and the
/// certificate it gives, and an issued period report with every part filled (schema 9).
fn schema_9_records() -> Vec<Change> {
    use aftersales::domain::inputs::Qualification;
    use aftersales::domain::period::Period;
    use aftersales::domain::period_report::{
        BadReview, Basis, Breach, Complaints, CycleOutcome, Figure, Fine, Issued, KpiLine,
        OpenAction, PeriodReport, ReportBody,
    };
    use aftersales::domain::provider_inputs::ComplaintCause;
    use aftersales::domain::sla::Measure;
    use aftersales::domain::ticket::{Kind, Told};
    let mut promised = event(
        0x9b,
        2,
        42,
        Happening::Promised {
            by: Date::parse("2026-12-10").unwrap(),
            note: "备件到货后上门".into(),
        },
    );
    promised.by = Some(Id::from_u128(0xB));
    let informed = event(
        0x9c,
        2,
        43,
        Happening::Informed {
            how: Told::Phone,
            cause: Some(ComplaintCause::Late),
            note: "客户认可".into(),
        },
    );
    let training = TrainingSession {
        title: "变频空调维修认证".into(),
        planned: Date::parse("2026-11-05").unwrap(),
        held: Some(Date::parse("2026-11-06").unwrap()),
        unit: Some(Id::from_u128(3)),
        attendees: 2,
        attended: vec![Id::from_u128(0x20), Id::from_u128(0x21)],
        certificate: Some(Qualification {
            category: "空调".into(),
            expires: Date::parse("2028-11-05").unwrap(),
        }),
    };
    let period = Period::Month {
        year: 2026,
        month: 11,
    };
    let body = ReportBody {
        period,
        kpis: vec![KpiLine {
            kpi: Kpi::Satisfaction,
            trend: vec![
                Figure {
                    numerator: 90,
                    denominator: 100,
                },
                Figure {
                    numerator: 47,
                    denominator: 50,
                },
            ],
            target: Some(950),
            industry: Some(920),
        }],
        kinds: vec![(Kind::Repair, 40), (Kind::Complaint, 3)],
        repairs: vec![("空调 KFR-35GW".into(), 7)],
        breach_counts: vec![(Measure::Resolution, 2), (Measure::Promised, 1)],
        breaches: vec![Breach {
            ticket: Id::from_u128(2),
            number: "261120-A1-01".into(),
            measure: Measure::Promised,
            deadline: 1_764_000_000_000,
            done_at: None,
        }],
        bad_review_count: 1,
        bad_reviews: vec![BadReview {
            ticket: Id::from_u128(2),
            number: "261120-A1-01".into(),
            overall: 2,
            engineer: "陈伟".into(),
            answered_at: 1_764_100_000_000,
        }],
        complaints: Complaints {
            received: 3,
            rejected: 1,
            verified_late: 0,
            promised: 1,
            promise_broken: 1,
            told: 1,
            untold: 0,
            by_cause: vec![(Some(ComplaintCause::Late), 1), (None, 1)],
            by_category: vec![("空调".into(), 3)],
            by_unit: vec![("华东区".into(), 2)],
        },
        fines: vec![Fine {
            provider: "安装服务商甲".into(),
            period,
            version: 1,
            total: Fen(20_000),
        }],
        outcomes: vec![CycleOutcome {
            cycle: "2026年第三季度考核".into(),
            grades: vec![("优".into(), 1), ("良".into(), 3)],
        }],
        open_actions: vec![OpenAction {
            action: Id::from_u128(0x9a04),
            what: "补齐报告单签字".into(),
            owner: "王经理".into(),
            due: Date::parse("2026-12-15").unwrap(),
            overdue: false,
        }],
        actions_closed: 1,
        basis: Basis {
            computed_at: 1_764_900_000_000,
            tickets: 41,
            events: 300,
            latest_event: Some(1_764_899_000_000),
        },
    };
    let report = PeriodReport {
        period,
        findings: "响应及时率下降".into(),
        proposals: "增加华东区人手".into(),
        lessons: "备件先行".into(),
        issued: Some(Box::new(Issued {
            body,
            by: Some(Id::from_u128(5)),
            by_name: "王经理".into(),
            at: 1_764_900_000_000,
        })),
    };
    vec![
        Change::TicketEvent(promised),
        Change::TicketEvent(informed),
        Change::Training(versioned(0x9b01, false, training)),
        Change::PeriodReport(versioned(0x9b02, false, report)),
    ]
}

/// Someone showed the customer's phone to call them (schema 7).
fn phone_revealed() -> Change {
    let mut revealed = event(0x9a, 2, 41, Happening::PhoneRevealed);
    revealed.by = Some(Id::from_u128(0xB));
    Change::TicketEvent(revealed)
}

/// A provider's inputs of each kind, penalty rules by rate band and an issued statement (schema 6).
fn with_provider_assessment() -> [Change; 5] {
    use aftersales::domain::penalties::{BadReviewRule, PenaltyRules, RateBand};
    use aftersales::domain::period::Period;
    use aftersales::domain::provider_inputs::{
        ComplaintCause, InputDetail, PeakEvent, PlatformReview, ProviderInput, ReviewedWork,
    };
    use aftersales::domain::provider_reviews::Rule as ReviewRule;
    use aftersales::domain::provider_statement::{
        Excluded, Item, ItemSource, Line, Statement, StatementBody,
    };
    let provider = Id::from_u128(4);
    let day = Date::parse("2026-11-11").unwrap();
    let input = |n: u128, detail: InputDetail, text: &str| {
        Change::ProviderInput(versioned(
            n,
            false,
            ProviderInput {
                provider,
                day,
                ticket: n.is_multiple_of(2).then(|| Id::from_u128(0x70)),
                detail,
                text: text.into(),
            },
        ))
    };
    let rules = PenaltyRules {
        from: Date::parse("2026-01-01").unwrap(),
        false_record: Fen(100_000),
        complaint: Fen(200_000),
        peak_incident: Fen(200_000),
        bad_reviews: BadReviewRule::RateBands(vec![
            RateBand {
                above_basis_points: 100,
                per_review: Fen(5_000),
            },
            RateBand {
                above_basis_points: 250,
                per_review: Fen(10_000),
            },
        ]),
    };
    let line = Line {
        item: Item::BadReview {
            from_platform: true,
            platform: "京东".into(),
            stars: 1,
        },
        day,
        source: ItemSource::Input(Id::from_u128(0x5a01)),
        reference: "3120261111000001".into(),
        detail: "安装师傅迟到两小时".into(),
        amount: Fen(10_000),
    };
    [
        input(
            0x5a01,
            InputDetail::PlatformReview(PlatformReview {
                platform: "京东".into(),
                order_number: "3120261111000001".into(),
                phone: "13812341234".into(),
                address: "上海市浦东新区".into(),
                stars: 1,
                kind: ReviewedWork::Installation,
                not_about_service: Some("评价的是物流".into()),
            }),
            "送货太慢",
        ),
        input(
            0x5a02,
            InputDetail::Complaint {
                cause: ComplaintCause::FeesNotShown,
                serious: true,
            },
            "未出示收费标准，多收费",
        ),
        input(
            0x5a03,
            InputDetail::PeakIncident {
                event: PeakEvent::Other("双12".into()),
            },
            "人手不足，延误三天",
        ),
        Change::PenaltyRules(versioned(0x5a04, false, rules.clone())),
        Change::Statement(versioned(
            0x5a05,
            false,
            Statement {
                body: StatementBody {
                    provider,
                    period: Period::Month {
                        year: 2026,
                        month: 11,
                    },
                    rules,
                    seed_rules: false,
                    completed: 40,
                    band: Some(RateBand {
                        above_basis_points: 250,
                        per_review: Fen(10_000),
                    }),
                    lines: vec![line.clone()],
                    excluded: vec![Excluded {
                        review: Line {
                            source: ItemSource::Ticket(Id::from_u128(0x70)),
                            ..line
                        },
                        rule: ReviewRule::SystemDuplicatedByPlatform,
                        into: Some(ItemSource::Input(Id::from_u128(0x5a01))),
                        reason: String::new(),
                    }],
                    total: Fen(10_000),
                },
                provider_name: "速修服务公司".into(),
                version: 2,
                corrects: Some(Id::from_u128(0x5a06)),
                reason: "漏录一条投诉".into(),
                issued_by: Some(Id::from_u128(5)),
                issuer_name: "管理员".into(),
                issued_at: 1_764_000_000_000,
            },
        )),
    ]
}

/// The quality records (schema 8): an edited checklist, a self-assessment with every kind of finding and special,
/// a sampling audit with a conforming and a non-conforming review, an open and a closed corrective action.
fn quality_records() -> Vec<Change> {
    use aftersales::domain::checklist::{self, Checklist, SelfAssessment};
    use aftersales::domain::corrective::{CorrectiveAction, Source, Status};
    use aftersales::domain::period::Period;
    use aftersales::domain::sampling::{Audit, Auditee, FindingKind, Review, SampleSize};
    use aftersales::domain::standards::{Finding, Special};
    let day = Date::parse("2026-11-20").unwrap();
    let mut list = Checklist::seed();
    list.version = 2;
    list.clauses.truncate(4);
    list.clauses[0].points = 5;
    let mut assessment = SelfAssessment::start(
        checklist::SEED_CHECKLIST_ID,
        &list,
        day,
        Id::from_u128(5),
        "王经理",
    );
    let findings = [
        Finding::Sampled {
            checked: 5,
            not_conforming: 1,
        },
        Finding::Conforming,
        Finding::NotConforming,
        Finding::NotApplicable,
    ];
    for (entry, finding) in assessment.entries.iter_mut().zip(findings) {
        entry.finding = Some(finding);
        entry.evidence = "查阅记录".into();
    }
    assessment.specials = vec![
        Special::Deduction {
            reason: "重大投诉一起".into(),
        },
        Special::Bonus {
            reason: "获评省级示范".into(),
        },
    ];
    assessment.finished = true;
    let audit = Audit {
        auditee: Auditee::Engineer(Id::from_u128(0xe)),
        period: Period::Month {
            year: 2026,
            month: 11,
        },
        size: SampleSize::Share(aftersales::domain::assessment::exact::Weight(1_000)),
        seed: 20_261_130,
        population: 40,
        sample: vec![Id::from_u128(0x70), Id::from_u128(0x71)],
        reviews: vec![
            Review {
                ticket: Id::from_u128(0x70),
                conforming: true,
                kind: None,
                note: String::new(),
            },
            Review {
                ticket: Id::from_u128(0x71),
                conforming: false,
                kind: Some(FindingKind::ReportWithoutSignature),
                note: "报告单无顾客签字".into(),
            },
        ],
        reviewer: Id::from_u128(5),
        reviewer_name: "王经理".into(),
        finished: false,
    };
    let action = |id: u128, source: Source, status: Status| {
        Change::CorrectiveAction(versioned(
            id,
            false,
            CorrectiveAction {
                what: "补齐报告单签字".into(),
                owner: Id::from_u128(5),
                due: Date::parse("2026-12-15").unwrap(),
                opened: day,
                source,
                status,
            },
        ))
    };
    vec![
        Change::Checklist(versioned(0x9a01, false, list)),
        Change::SelfAssessment(versioned(0x9a02, false, assessment)),
        Change::Audit(versioned(0x9a03, false, audit)),
        action(
            0x9a04,
            Source::Clause {
                assessment: Id::from_u128(0x9a02),
                clause: "5.2.1.1".into(),
            },
            Status::Open,
        ),
        action(
            0x9a05,
            Source::Audit {
                audit: Id::from_u128(0x9a03),
                ticket: Id::from_u128(0x71),
            },
            Status::Closed {
                on: Date::parse("2026-12-01").unwrap(),
                note: "已培训并补签".into(),
            },
        ),
        action(
            0x9a06,
            Source::ComplaintAnalysis {
                period: Period::Quarter {
                    year: 2026,
                    quarter: 4,
                },
            },
            Status::Open,
        ),
    ]
}

/// The settings with a retention period, and a ticket's anonymisation (schema 5).
fn with_retention() -> [Change; 2] {
    let mut anonymised = event(
        0x99,
        2,
        40,
        Happening::Anonymised {
            customer: "000001234567890".into(),
            household: "#2".into(),
        },
    );
    anonymised.by = None;
    [
        Change::Settings(versioned(
            0x5e77,
            false,
            ServiceSettings {
                retention_months: 36,
                ..ServiceSettings::default()
            },
        )),
        Change::TicketEvent(anonymised),
    ]
}

/// A provider whose name two devices changed concurrently (one value kept, the other a sibling) and whose phone a
/// third changed: a record with field writes (schema 4).
fn edited_on_two_devices() -> Change {
    let created = versioned(
        90,
        false,
        Provider {
            name: "安达安装".into(),
            contact: "刘工".into(),
            phone: "021-5555".into(),
            region: None,
        },
    );
    let at = |wall_ms: u64, device: u128| Stamp {
        wall_ms,
        counter: 0,
        device: DeviceId::from_u128(device),
    };
    let renamed = |name: &str| Provider {
        name: name.into(),
        ..created.body.clone()
    };
    let mut record = created.edited(renamed("安达安装服务"), at(1_764_400_000_000, 1));
    record.merge(&created.edited(renamed("安达"), at(1_764_400_000_500, 2)));
    let new_phone = Provider {
        phone: "021-6666".into(),
        ..record.body.clone()
    };
    Change::Provider(record.edited(new_phone, at(1_764_500_000_000, 3)))
}

/// Every built-in scheme (with the two rules none of them uses), a cycle, and an assessment event of every kind.
fn every_assessment_record() -> Vec<Change> {
    let mut schemes = built_in();
    schemes[0].indicators[5].rule = Rule::Inverse {
        cap: Exact::whole(120),
    };
    schemes[0].indicators[5].target = Some(Exact::parse("200.5", 2).unwrap());
    schemes[1].indicators[1].rule = Rule::PassFail;
    schemes[1].units = vec![Id::from_u128(3)];
    let mut outcomes = schemes[3].outcome_rules();
    outcomes.by_band[0].bonus = aftersales::domain::assessment::exact::Weight(15_050);
    outcomes.by_band[1].nomination = true;
    schemes[3].outcomes = Some(outcomes);
    let mut changes: Vec<Change> = schemes
        .iter()
        .enumerate()
        .map(|(n, scheme)| Change::Scheme(versioned(20 + n as u128, false, scheme.clone())))
        .collect();
    changes.push(Change::Cycle(versioned(
        30,
        false,
        crate::common::third_quarter(schemes[2].clone()),
    )));
    let third = Exact::ratio(1, 3).unwrap();
    let goals = vec![Goal {
        goal: "一次修复率 ≥ 92%".into(),
        measure: "每月".into(),
    }];
    let steps = vec![
        AssessmentStep::Opened {
            cycle: Id::from_u128(30),
            person: Id::from_u128(0x50),
            corrects: Some(Id::from_u128(0xA0)),
        },
        AssessmentStep::PlanSubmitted {
            goals: goals.clone(),
        },
        AssessmentStep::PlanApproved,
        AssessmentStep::PlanReturned {
            reason: "需量化".into(),
        },
        AssessmentStep::PlanFiled,
        AssessmentStep::PlanAdjusted {
            goals,
            reason: "新品".into(),
        },
        AssessmentStep::PerformanceScored {
            entries: vec![
                (0, Entry::Value(Exact::parse("96.5", 2).unwrap())),
                (1, Entry::Count(3)),
                (
                    2,
                    Entry::Score {
                        score: third,
                        reason: "理由".into(),
                    },
                ),
                (3, Entry::Met(true)),
            ],
        },
        AssessmentStep::Rated {
            relation: Relation::Subordinate,
            scores: vec![(4, Exact::whole(85))],
        },
        AssessmentStep::Compiled { kpis: vec![] },
        AssessmentStep::Approved {
            step: ApprovalStep::HrDirector,
        },
        AssessmentStep::Returned {
            step: ApprovalStep::GeneralManager,
            reason: "复核".into(),
        },
        AssessmentStep::Adjusted {
            score: Shown(8_012),
            reason: "项目".into(),
        },
        AssessmentStep::Published,
        AssessmentStep::Appealed {
            reason: "不服".into(),
        },
        AssessmentStep::AppealDecided {
            score: None,
            reason: "维持".into(),
        },
        AssessmentStep::Archived,
        AssessmentStep::RatersAssigned {
            raters: vec![(Id::from_u128(0x51), Relation::Peer)],
        },
    ];
    assert_eq!(steps.len(), 17, "every kind of assessment event");
    for (n, what) in steps.into_iter().enumerate() {
        changes.push(Change::AssessmentEvent(AssessmentEvent {
            id: Id::from_u128(0xAE00 + n as u128),
            assessment: Id::from_u128(0xA1),
            stamp: Stamp {
                wall_ms: 500 + n as u64,
                counter: 0,
                device: DeviceId::from_u128(2),
            },
            at: -(n as i64),
            by: Id::from_u128(0x4B),
            what,
        }));
    }
    changes
}

#[test]
fn every_record_and_every_ticket_event_reads_back_as_written() {
    let changes = every_change();
    let names: BTreeSet<&str> = changes
        .iter()
        .filter_map(|c| match c {
            Change::TicketEvent(e) => Some(e.what.name()),
            _ => None,
        })
        .collect();
    assert_eq!(
        names.len(),
        28,
        "every kind of ticket event is in the fixture"
    );
    for change in changes {
        let bytes = to_bytes(&change);
        assert_eq!(
            from_bytes::<Change>(&bytes),
            Ok(change.clone()),
            "{change:?}"
        );
    }
}

#[test]
fn the_layout_of_a_ticket_event_is_pinned_byte_for_byte() {
    let e = TicketEvent {
        id: Id::from_u128(0x0102),
        ticket: TICKET,
        stamp: Stamp {
            wall_ms: 300,
            counter: 1,
            device: DeviceId::from_u128(2),
        },
        at: -1,
        by: None,
        what: Happening::Reassigned {
            engineer: Id::from_u128(0xE),
            reason: "忙".into(),
        },
    };
    let hex: String = to_bytes(&Change::TicketEvent(e))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    // tag 6 (ticket event) · id · ticket · stamp (wall 300 = ac 02, counter 1, device) · at -1 (zig-zag 01) ·
    // by: none · tag 5 (reassigned) · engineer · reason (3 bytes of UTF-8)
    expect_test::expect!["060000000000000000000000000000010200000000000000000000000000007000ac0201000000000000000000000000000000020100050000000000000000000000000000000e03e5bf99"]
    .assert_eq(&hex);
}

#[test]
fn cut_off_or_padded_bytes_are_an_error_not_a_panic() {
    for change in every_change() {
        let bytes = to_bytes(&change);
        for len in 0..bytes.len() {
            assert!(
                from_bytes::<Change>(&bytes[..len]).is_err(),
                "{len} of {} bytes of {change:?}",
                bytes.len()
            );
        }
        let mut padded = bytes.clone();
        padded.push(0);
        assert_eq!(from_bytes::<Change>(&padded), Err(CodecError::Trailing));
    }
    assert_eq!(
        from_bytes::<Change>(&[22]),
        Err(CodecError::BadTag {
            type_name: "Change",
            tag: 22
        })
    );
}

#[test]
fn the_encoding_is_several_times_smaller_than_json() {
    let changes = every_change();
    let binary: usize = changes.iter().map(|c| to_bytes(c).len()).sum();
    let json: usize = changes
        .iter()
        .map(|c| serde_json::to_string(c).unwrap().len())
        .sum();
    assert!(
        binary * 3 < json,
        "binary {binary} bytes, JSON {json} bytes"
    );
}

proptest! {
    #[test]
    fn any_bytes_decode_to_a_value_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = from_bytes::<Change>(&bytes);
        let _ = from_bytes::<RegistrationDraft>(&bytes);
    }

    #[test]
    fn any_texts_and_numbers_read_back(
        text in ".*",
        wall_ms in any::<u64>(),
        counter in any::<u32>(),
        at in any::<i64>(),
        fen in any::<i64>(),
        days in -1_000_000i64..1_000_000,
    ) {
        let change = Change::TicketEvent(TicketEvent {
            id: Id::from_u128(u128::from(counter)),
            ticket: Id::from_u128(u128::MAX),
            stamp: Stamp { wall_ms, counter, device: DeviceId::from_u128(0) },
            at,
            by: Some(Id::NIL),
            what: Happening::QuoteIssued(Quote {
                lines: vec![QuoteLine {
                    kind: QuoteLineKind::Labour,
                    description: text.clone(),
                    quantity: counter,
                    unit_price: Fen(fen),
                }],
            }),
        });
        prop_assert_eq!(from_bytes::<Change>(&to_bytes(&change)), Ok(change));
        let date = Date::from_days_since_epoch(days);
        prop_assert_eq!(from_bytes::<Date>(&to_bytes(&date)), Ok(date));
    }
}

/// `Dataset::latest_stamp` reads every kind's stamps in place: whichever kind holds the newest stamp, it is found
/// (a kind left out there would let this device's clock fall behind a record it holds).
#[test]
fn the_latest_stamp_is_found_in_every_kind_of_record() {
    use aftersales::domain::dataset::Dataset;
    let changes = every_change();
    for newest in 0..changes.len() {
        let mut data = Dataset::default();
        for (i, change) in changes.iter().enumerate() {
            let mut change = change.clone();
            let wall_ms = if i == newest {
                9_000_000
            } else {
                1_000 + i as u64
            };
            match &mut change {
                Change::TicketEvent(e) => e.stamp.wall_ms = wall_ms,
                Change::Unit(v) => v.stamp.wall_ms = wall_ms,
                Change::Staff(v) => v.stamp.wall_ms = wall_ms,
                Change::Provider(v) => v.stamp.wall_ms = wall_ms,
                Change::User(v) => v.stamp.wall_ms = wall_ms,
                Change::Settings(v) => v.stamp.wall_ms = wall_ms,
                Change::Survey(v) => v.stamp.wall_ms = wall_ms,
                Change::Sales(v) => v.stamp.wall_ms = wall_ms,
                Change::Cost(v) => v.stamp.wall_ms = wall_ms,
                Change::Training(v) => v.stamp.wall_ms = wall_ms,
                Change::KpiSettings(v) => v.stamp.wall_ms = wall_ms,
                Change::Scheme(v) => v.stamp.wall_ms = wall_ms,
                Change::Cycle(v) => v.stamp.wall_ms = wall_ms,
                Change::AssessmentEvent(e) => e.stamp.wall_ms = wall_ms,
                Change::ProviderInput(v) => v.stamp.wall_ms = wall_ms,
                Change::PenaltyRules(v) => v.stamp.wall_ms = wall_ms,
                Change::Statement(v) => v.stamp.wall_ms = wall_ms,
                Change::Checklist(v) => v.stamp.wall_ms = wall_ms,
                Change::SelfAssessment(v) => v.stamp.wall_ms = wall_ms,
                Change::Audit(v) => v.stamp.wall_ms = wall_ms,
                Change::CorrectiveAction(v) => v.stamp.wall_ms = wall_ms,
                Change::PeriodReport(v) => v.stamp.wall_ms = wall_ms,
            }
            data.apply(change);
        }
        assert_eq!(
            data.latest_stamp().map(|s| s.wall_ms),
            Some(9_000_000),
            "the newest is {:?}",
            changes[newest].id()
        );
    }
}

#[test]
fn stored_assessment_numbers_that_do_not_hold_together_are_refused() {
    use aftersales::domain::assessment::grade::{Band, GradeScale};
    // A fraction over 0: numerator 1 (halves 0, 1), denominator 0 (halves 0, 0).
    assert_eq!(
        from_bytes::<Exact>(&[0, 1, 0, 0]),
        Err(CodecError::Invalid { type_name: "Exact" })
    );
    assert_eq!(
        from_bytes::<Exact>(&to_bytes(&Exact::ratio(2, 6).unwrap())),
        Ok(Exact::ratio(1, 3).unwrap())
    );
    // Bands written out of order.
    let bands = vec![
        Band {
            label: "A".into(),
            from: Shown(0),
            passes: true,
        },
        Band {
            label: "B".into(),
            from: Shown(5_000),
            passes: true,
        },
    ];
    assert_eq!(
        from_bytes::<GradeScale>(&to_bytes(&bands)),
        Err(CodecError::Invalid {
            type_name: "GradeScale"
        })
    );
}
