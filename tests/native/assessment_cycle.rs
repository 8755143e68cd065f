//! The assessment cycle (R6.5) as events: a supervisor's quarter from plan to archive — a returned plan, an
//! adjusted one, the forms, a compile refused while incomplete, a return in the approval chain, the superior's
//! adjustment, publication, an appeal that changes the grade, the archive that freezes it and the correction that
//! follows — then the appeal window, who may do what, and two devices acting at once.

use aftersales::domain::access::Role;
use aftersales::domain::assessment::cycle::{
    Actor, ApprovalStep, Assessment, AssessmentEvent, AssessmentRefusal, AssessmentStep, Goal,
    Relation, ScoreSource, Stage, may,
};
use aftersales::domain::assessment::exact::{Exact, Shown};
use aftersales::domain::assessment::rule::Entry;
use aftersales::domain::assessment::scheme::{Scheme, built_in};
use aftersales::domain::clock::Stamp;
use aftersales::domain::ids::{DeviceId, Id};
use expect_test::expect;

const DAY: i64 = 24 * 60 * 60 * 1000;
pub(crate) const ASSESSMENT: Id = Id::from_u128(0xA55);
pub(crate) const CYCLE: Id = Id::from_u128(0xC1C);
const PERSON: Id = Id::from_u128(0x50);
pub(crate) const BOSS: Id = Id::from_u128(0xB0);
pub(crate) const PEER: Id = Id::from_u128(0x51);
const TEAM: [Id; 2] = [Id::from_u128(0x60), Id::from_u128(0x61)];
pub(crate) const HR: Id = Id::from_u128(0x4B);
pub(crate) const APPEAL_DAYS: u32 = 7;

/// A cycle of 2026's quarter `part` for `scheme`, with plans, forms and results due on days 10, 92 and 100 of the
/// events' clock (the events happen within the first days).
pub(crate) fn quarter_cycle(
    scheme: Scheme,
    part: u8,
) -> aftersales::domain::assessment::cycle::Cycle {
    use aftersales::domain::assessment::cycle::{Cycle, CyclePeriod};
    use aftersales::domain::calendar::Date;
    Cycle {
        name: format!("2026年第{part}季度"),
        scheme,
        period: CyclePeriod { year: 2026, part },
        appeal_days: APPEAL_DAYS,
        plans_due: Date::from_days_since_epoch(10),
        forms_due: Date::from_days_since_epoch(92),
        results_due: Date::from_days_since_epoch(100),
    }
}

/// 售后服务主管/专员 季度考核: 0 问题解决率 (KPI, ≥ 98), 1 客户满意度 (KPI, ≥ 95), 2 工作目标完成情况 (manual),
/// 3–6 rated by the raters.
pub(crate) fn scheme() -> Scheme {
    built_in().remove(2)
}

pub(crate) fn event(n: u64, by: Id, day: i64, what: AssessmentStep) -> AssessmentEvent {
    AssessmentEvent {
        id: Id::from_u128(0xE000 + u128::from(n)),
        assessment: ASSESSMENT,
        stamp: Stamp {
            wall_ms: n,
            counter: 0,
            device: DeviceId::from_u128(1),
        },
        at: day * DAY,
        by,
        what,
    }
}

pub(crate) fn exact(text: &str) -> Exact {
    Exact::parse(text, 4).unwrap()
}

fn goals(texts: &[&str]) -> Vec<Goal> {
    texts
        .iter()
        .map(|g| Goal {
            goal: g.to_string(),
            measure: "季度末检查".into(),
        })
        .collect()
}

pub(crate) fn rated(relation: Relation, score: &str) -> AssessmentStep {
    AssessmentStep::Rated {
        relation,
        scores: (3..7).map(|at| (at, exact(score))).collect(),
    }
}

pub(crate) fn scored(score: &str) -> AssessmentStep {
    AssessmentStep::PerformanceScored {
        entries: vec![(
            2,
            Entry::Score {
                score: exact(score),
                reason: String::new(),
            },
        )],
    }
}

fn compiled() -> AssessmentStep {
    AssessmentStep::Compiled {
        kpis: vec![
            (0, Entry::Value(exact("96"))),
            (1, Entry::Value(exact("93"))),
        ],
    }
}

fn approved(step: ApprovalStep) -> AssessmentStep {
    AssessmentStep::Approved { step }
}

/// The quarter, step by step: who did what, on which day.
pub(crate) fn quarter() -> Vec<(Id, i64, AssessmentStep)> {
    use ApprovalStep::*;
    vec![
        (
            HR,
            0,
            AssessmentStep::Opened {
                cycle: CYCLE,
                person: PERSON,
                corrects: None,
            },
        ),
        (
            HR,
            0,
            AssessmentStep::RatersAssigned {
                raters: vec![
                    (BOSS, Relation::Superior),
                    (PEER, Relation::Peer),
                    (TEAM[0], Relation::Subordinate),
                    (TEAM[1], Relation::Subordinate),
                ],
            },
        ),
        (
            PERSON,
            1,
            AssessmentStep::PlanSubmitted {
                goals: goals(&["一次修复率提升到92%"]),
            },
        ),
        (
            BOSS,
            2,
            AssessmentStep::PlanReturned {
                reason: "目标需量化到每月".into(),
            },
        ),
        (
            PERSON,
            3,
            AssessmentStep::PlanSubmitted {
                goals: goals(&["每月一次修复率 ≥ 92%", "培训2次"]),
            },
        ),
        (BOSS, 4, AssessmentStep::PlanApproved),
        (HR, 5, AssessmentStep::PlanFiled),
        (
            PERSON,
            40,
            AssessmentStep::PlanAdjusted {
                goals: goals(&["每月一次修复率 ≥ 90%", "培训2次"]),
                reason: "新品上市".into(),
            },
        ),
        (BOSS, 41, AssessmentStep::PlanApproved),
        (HR, 42, AssessmentStep::PlanFiled),
        (BOSS, 90, scored("88")),
        (BOSS, 90, rated(Relation::Superior, "85")),
        (PEER, 91, rated(Relation::Peer, "70")),
        (TEAM[0], 91, rated(Relation::Subordinate, "90")),
        (TEAM[1], 92, rated(Relation::Subordinate, "80")),
        (
            HR,
            93,
            AssessmentStep::Compiled {
                kpis: vec![(0, Entry::Value(exact("96")))],
            },
        ),
        (HR, 93, compiled()),
        (BOSS, 94, approved(Superior)),
        (Id::from_u128(0x3A), 95, approved(DepartmentManager)),
        (
            HR,
            96,
            AssessmentStep::Returned {
                step: HrDirector,
                reason: "满意度数据需复核".into(),
            },
        ),
        (HR, 97, compiled()),
        (
            BOSS,
            98,
            AssessmentStep::Adjusted {
                score: Shown(8000),
                reason: "季度内完成重大项目".into(),
            },
        ),
        (BOSS, 98, approved(Superior)),
        (Id::from_u128(0x3A), 99, approved(DepartmentManager)),
        (HR, 99, approved(HrDirector)),
        (Id::from_u128(0x6E), 100, approved(GeneralManager)),
        (HR, 101, AssessmentStep::Published),
        (
            PERSON,
            103,
            AssessmentStep::Appealed {
                reason: "调整理由与事实不符".into(),
            },
        ),
        (
            Id::from_u128(0xCC),
            110,
            AssessmentStep::AppealDecided {
                score: Some(Shown(9050)),
                reason: "复核后重新评分".into(),
            },
        ),
        (HR, 111, AssessmentStep::Archived),
        (BOSS, 112, scored("60")),
    ]
}

#[test]
fn a_quarter_from_plan_to_archive() {
    let scheme = scheme();
    let steps = quarter();
    let mut events = Vec::new();
    let mut rows = Vec::new();
    for (n, (by, day, what)) in steps.into_iter().enumerate() {
        let label = format!("{what:?}");
        let label: String = label
            .split([' ', '{', '('])
            .next()
            .unwrap_or("")
            .to_string();
        events.push(event(n as u64, by, day, what));
        let a = Assessment::fold(&events, &scheme, APPEAL_DAYS).expect("opened");
        let refused = a
            .conflicts
            .iter()
            .find(|c| c.event == events.last().unwrap().id)
            .map(|c| format!("  refused: {:?}", c.refusal))
            .unwrap_or_default();
        let score = a
            .final_score(&scheme)
            .map(|(s, standing)| format!("  {s} {standing:?}"))
            .unwrap_or_default();
        rows.push(format!(
            "day {day:>3} {label:<18} → {:?}{score}{refused}",
            a.stage
        ));
    }
    expect![[r#"
        day   0 Opened             → Planning
        day   0 RatersAssigned     → Planning
        day   1 PlanSubmitted      → PlanAwaitingApproval
        day   2 PlanReturned       → Planning
        day   3 PlanSubmitted      → PlanAwaitingApproval
        day   4 PlanApproved       → PlanApproved
        day   5 PlanFiled          → Scoring
        day  40 PlanAdjusted       → PlanAwaitingApproval
        day  41 PlanApproved       → PlanApproved
        day  42 PlanFiled          → Scoring
        day  90 PerformanceScored  → Scoring
        day  90 Rated              → Scoring
        day  91 Rated              → Scoring
        day  91 Rated              → Scoring
        day  92 Rated              → Scoring
        day  93 Compiled           → Scoring  refused: Incomplete(1)
        day  93 Compiled           → Approving(Superior)  88.97 Computed
        day  94 Approved           → Approving(DepartmentManager)  88.97 Computed
        day  95 Approved           → Approving(HrDirector)  88.97 Computed
        day  96 Returned           → Scoring  88.97 Computed
        day  97 Compiled           → Approving(Superior)  88.97 Computed
        day  98 Adjusted           → Approving(Superior)  80.00 Adjusted
        day  98 Approved           → Approving(DepartmentManager)  80.00 Adjusted
        day  99 Approved           → Approving(HrDirector)  80.00 Adjusted
        day  99 Approved           → Approving(GeneralManager)  80.00 Adjusted
        day 100 Approved           → Approved  80.00 Adjusted
        day 101 Published          → Published  80.00 Adjusted
        day 103 Appealed           → Appealed  80.00 Adjusted
        day 110 AppealDecided      → Decided  90.50 Appeal
        day 111 Archived           → Archived  90.50 Appeal
        day 112 PerformanceScored  → Archived  90.50 Appeal  refused: Archived
    "#]]
    .assert_eq(&(rows.join("\n") + "\n"));

    let a = Assessment::fold(&events, &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(a.plan_adjustments, 1);
    assert_eq!(a.goals.len(), 2);
    // The computed score is kept beside the adjustment and the decision.
    let computed = a.computed(&scheme);
    assert!(computed.is_complete());
    assert_eq!(a.adjustment.as_ref().map(|(s, _)| *s), Some(Shown(8000)));
    assert_eq!(
        a.final_score(&scheme),
        Some((Shown(9050), ScoreSource::Appeal))
    );
    assert_eq!(a.final_grade(&scheme).unwrap().label, "优");
}

#[test]
fn the_appeal_window_and_the_archive() {
    let scheme = scheme();
    let base = events_through(27); // through publication on day 101
    let a = Assessment::fold(&base, &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(a.stage, Stage::Published);
    let closes = a.appeal_closes(APPEAL_DAYS).unwrap();
    assert_eq!(closes, 108 * DAY);
    let appeal = AssessmentStep::Appealed {
        reason: "不服".into(),
    };
    assert_eq!(
        a.check(&appeal, PERSON, closes, &scheme, APPEAL_DAYS),
        Ok(())
    );
    assert_eq!(
        a.check(&appeal, PERSON, closes + 1, &scheme, APPEAL_DAYS),
        Err(AssessmentRefusal::AppealClosed { closed_at: closes })
    );
    // Archived only once the window is over (with no appeal), and then nothing changes.
    assert_eq!(
        a.check(&AssessmentStep::Archived, HR, closes, &scheme, APPEAL_DAYS),
        Err(AssessmentRefusal::NotNow(Stage::Published))
    );
    let mut archived = base.clone();
    archived.push(event(99, HR, 109, AssessmentStep::Archived));
    let a = Assessment::fold(&archived, &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(a.stage, Stage::Archived);
    assert_eq!(
        a.final_score(&scheme).map(|(_, s)| s),
        Some(ScoreSource::Adjusted)
    );
    for step in [appeal, AssessmentStep::Published, scored("50")] {
        assert_eq!(
            a.check(&step, HR, 120 * DAY, &scheme, APPEAL_DAYS),
            Err(AssessmentRefusal::Archived)
        );
    }
    // A correction is a new assessment naming the archived one.
    let correction = AssessmentEvent {
        assessment: Id::from_u128(0xA56),
        ..event(
            0,
            HR,
            130,
            AssessmentStep::Opened {
                cycle: CYCLE,
                person: PERSON,
                corrects: Some(ASSESSMENT),
            },
        )
    };
    let c = Assessment::fold(&[correction], &scheme, APPEAL_DAYS).unwrap();
    assert_eq!((c.corrects, c.stage), (Some(ASSESSMENT), Stage::Planning));
}

#[test]
fn texts_are_required_and_indicators_must_fit_their_form() {
    let scheme = scheme();
    let events: Vec<AssessmentEvent> = events_through(7);
    let a = Assessment::fold(&events, &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(a.stage, Stage::Scoring);
    let check_by =
        |by: Id, step: AssessmentStep| a.check(&step, by, 50 * DAY, &scheme, APPEAL_DAYS);
    let check = |step: AssessmentStep| check_by(BOSS, step);
    // The superior's form takes manual indicators only; a rater's form rater indicators only; scores ≤ 100.
    let kpi_typed = AssessmentStep::PerformanceScored {
        entries: vec![(0, Entry::Value(exact("99")))],
    };
    assert_eq!(check(kpi_typed), Err(AssessmentRefusal::NoSuchIndicator(0)));
    let off_form = AssessmentStep::Rated {
        relation: Relation::Peer,
        scores: vec![(2, exact("80"))],
    };
    assert_eq!(
        check_by(PEER, off_form),
        Err(AssessmentRefusal::NoSuchIndicator(2))
    );
    assert_eq!(
        check_by(PEER, rated(Relation::Peer, "100.5")),
        Err(AssessmentRefusal::ScoreAbove100)
    );
    assert_eq!(
        check(AssessmentStep::PlanAdjusted {
            goals: goals(&["x"]),
            reason: " ".into()
        }),
        Err(AssessmentRefusal::TextRequired)
    );
    // Compiling before the superior scored: refused, naming the first indicator without a score.
    assert_eq!(check(compiled()), Err(AssessmentRefusal::Incomplete(2)));
}

#[test]
fn a_raters_later_form_replaces_their_earlier_one() {
    let scheme = scheme();
    let mut events: Vec<AssessmentEvent> = events_through(15);
    let before = Assessment::fold(&events, &scheme, APPEAL_DAYS).unwrap();
    events.push(event(50, PEER, 92, rated(Relation::Peer, "100")));
    let after = Assessment::fold(&events, &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(after.ratings.len(), before.ratings.len());
    let peer_score = |a: &Assessment| {
        a.ratings
            .iter()
            .find(|r| r.rater == PEER)
            .map(|r| r.scores[0].1)
    };
    assert_eq!(peer_score(&after), Some(Exact::HUNDRED));
    assert_ne!(peer_score(&before), peer_score(&after));
}

#[test]
fn two_devices_approving_at_once_keep_one_and_report_the_other() {
    let scheme = scheme();
    let mut events: Vec<AssessmentEvent> = events_through(18);
    // The superior approved on two tablets (the second copy is a distinct event, later in stamp order).
    events.push(event(60, BOSS, 94, approved(ApprovalStep::Superior)));
    let reversed: Vec<AssessmentEvent> = events.iter().rev().cloned().collect();
    let a = Assessment::fold(&events, &scheme, APPEAL_DAYS).unwrap();
    let b = Assessment::fold(&reversed, &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(a, b, "the order events arrive in does not matter");
    assert_eq!(a.stage, Stage::Approving(ApprovalStep::DepartmentManager));
    // (the other conflict is HR's first compile, refused while incomplete)
    let second_copy = a
        .conflicts
        .iter()
        .find(|c| c.event == Id::from_u128(0xE000 + 60));
    assert_eq!(
        second_copy.map(|c| &c.refusal),
        Some(&AssessmentRefusal::WrongStep(
            ApprovalStep::DepartmentManager
        ))
    );
    assert_eq!(a.conflicts.len(), 2);
}

#[test]
fn who_may_take_which_step() {
    let actors = [
        (
            "the person",
            Actor {
                role: Role::Engineer,
                is_person: true,
                relation: None,
            },
        ),
        (
            "superior",
            Actor {
                role: Role::Supervisor,
                is_person: false,
                relation: Some(Relation::Superior),
            },
        ),
        (
            "peer",
            Actor {
                role: Role::Engineer,
                is_person: false,
                relation: Some(Relation::Peer),
            },
        ),
        (
            "subordinate",
            Actor {
                role: Role::Engineer,
                is_person: false,
                relation: Some(Relation::Subordinate),
            },
        ),
        (
            "manager",
            Actor {
                role: Role::Manager,
                is_person: false,
                relation: None,
            },
        ),
        (
            "HR",
            Actor {
                role: Role::HumanResources,
                is_person: false,
                relation: None,
            },
        ),
        (
            "GM",
            Actor {
                role: Role::GeneralManager,
                is_person: false,
                relation: None,
            },
        ),
        (
            "committee",
            Actor {
                role: Role::Committee,
                is_person: false,
                relation: None,
            },
        ),
    ];
    let steps = [
        (
            "open",
            AssessmentStep::Opened {
                cycle: CYCLE,
                person: PERSON,
                corrects: None,
            },
        ),
        ("plan", AssessmentStep::PlanSubmitted { goals: vec![] }),
        ("approve plan", AssessmentStep::PlanApproved),
        ("file plan", AssessmentStep::PlanFiled),
        (
            "assign raters",
            AssessmentStep::RatersAssigned { raters: vec![] },
        ),
        ("score", scored("80")),
        ("rate as peer", rated(Relation::Peer, "80")),
        ("compile", compiled()),
        ("approve 1", approved(ApprovalStep::Superior)),
        ("approve 2", approved(ApprovalStep::DepartmentManager)),
        ("approve 3", approved(ApprovalStep::HrDirector)),
        ("approve 4", approved(ApprovalStep::GeneralManager)),
        (
            "adjust",
            AssessmentStep::Adjusted {
                score: Shown(8000),
                reason: "r".into(),
            },
        ),
        ("publish", AssessmentStep::Published),
        ("appeal", AssessmentStep::Appealed { reason: "r".into() }),
        (
            "decide",
            AssessmentStep::AppealDecided {
                score: None,
                reason: "r".into(),
            },
        ),
        ("archive", AssessmentStep::Archived),
    ];
    let rows = steps.iter().map(|(name, step)| {
        let who: Vec<&str> = actors
            .iter()
            .filter(|(_, actor)| may(*actor, step))
            .map(|(who, _)| *who)
            .collect();
        format!("{name:<13} {}", who.join(", "))
    });
    expect![[r#"
        open          HR
        plan          the person
        approve plan  superior
        file plan     HR
        assign raters HR
        score         superior
        rate as peer  peer
        compile       HR
        approve 1     superior
        approve 2     manager
        approve 3     HR
        approve 4     GM
        adjust        superior
        publish       HR
        appeal        the person
        decide        committee
        archive       HR
    "#]]
    .assert_eq(&(rows.collect::<Vec<_>>().join("\n") + "\n"));
}

#[test]
fn the_board_shows_whose_move_it_is_what_is_late_and_how_grades_fall() {
    use aftersales::domain::assessment::board::{board, distribution};
    use aftersales::domain::calendar::Date;
    let scheme = scheme();
    let day = |n: i64| Date::from_days_since_epoch(n);
    let cycle = quarter_cycle(scheme.clone(), 3);
    // The same quarter stopped at different points: opened only; plan filed; every form in (HR's compile is
    // next); approved once; published; archived.
    let stops = [1, 7, 15, 18, 27, 30];
    let assessments: Vec<Assessment> = stops
        .iter()
        .map(|&count| {
            let events: Vec<AssessmentEvent> = events_through(count);
            Assessment::fold(&events, &scheme, APPEAL_DAYS).unwrap()
        })
        .collect();
    let render = |today: i64, now_day: i64| {
        board(&cycle, &assessments, day(today), now_day * DAY)
            .iter()
            .map(|r| {
                format!(
                    "{:<28} {:<34} overdue {:<5} {} {}",
                    format!("{:?}", r.stage),
                    format!("{:?}", r.waiting),
                    r.overdue,
                    r.score.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
                    r.grade.clone().unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    expect![[r#"
        Planning                     Person                             overdue true  - 
        Scoring                      Forms                              overdue true  - 
        Scoring                      HumanResources                     overdue true  - 
        Approving(DepartmentManager) Approver(DepartmentManager)        overdue false 88.97 良
        Published                    AppealWindow                       overdue false 80.00 良
        Archived                     Nobody                             overdue false 90.50 优
    "#]]
    .assert_eq(&render(95, 105));
    // After the window, the published one waits on HR to archive; past the results date, the unapproved is late.
    expect![[r#"
        Planning                     Person                             overdue true  - 
        Scoring                      Forms                              overdue true  - 
        Scoring                      HumanResources                     overdue true  - 
        Approving(DepartmentManager) Approver(DepartmentManager)        overdue true  88.97 良
        Published                    HumanResources                     overdue false 80.00 良
        Archived                     Nobody                             overdue false 90.50 优
    "#]]
    .assert_eq(&render(101, 109));
    let rows = board(&cycle, &assessments, day(95), 105 * DAY);
    let grades = distribution(&cycle, &rows);
    assert_eq!(grades.iter().map(|(_, n)| n).sum::<usize>(), 3);
    assert_eq!(
        grades,
        [("优", 1), ("良", 2), ("中", 0), ("较差", 0), ("差", 0)].map(|(g, n)| (g.to_string(), n))
    );
}

#[test]
fn only_the_raters_asked_may_rate_and_reassigning_drops_the_others_forms() {
    let scheme = scheme();
    let mut events: Vec<AssessmentEvent> = events_through(15);
    let a = Assessment::fold(&events, &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(a.ratings.len(), 4);
    let stranger = Id::from_u128(0x99);
    let check = |a: &Assessment, by: Id, step: AssessmentStep| {
        a.check(&step, by, 92 * DAY, &scheme, APPEAL_DAYS)
    };
    assert_eq!(
        check(&a, stranger, rated(Relation::Peer, "60")),
        Err(AssessmentRefusal::NotARater)
    );
    // The peer may not rate as a subordinate, nor the person rate themself or be made a rater.
    assert_eq!(
        check(&a, PEER, rated(Relation::Subordinate, "60")),
        Err(AssessmentRefusal::NotARater)
    );
    let with_self = AssessmentStep::RatersAssigned {
        raters: vec![(PERSON, Relation::Peer)],
    };
    assert_eq!(check(&a, HR, with_self), Err(AssessmentRefusal::NotARater));
    // HR takes the peer off the list: the peer's form no longer counts (the composite falls back to 60/40).
    events.push(event(
        70,
        HR,
        92,
        AssessmentStep::RatersAssigned {
            raters: vec![
                (BOSS, Relation::Superior),
                (TEAM[0], Relation::Subordinate),
                (TEAM[1], Relation::Subordinate),
            ],
        },
    ));
    let a = Assessment::fold(&events, &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(a.ratings.len(), 3);
    assert!(a.ratings.iter().all(|r| r.rater != PEER));
}

#[test]
fn opening_a_cycle_opens_each_persons_assessment_with_the_orgs_raters() {
    use aftersales::domain::assessment::cycle::{Opening, default_raters, open_cycle};
    use aftersales::domain::clock::Stamp;
    use aftersales::domain::dataset::Dataset;
    let data = crate::common::fixture_org();
    // 李主管 (12): superior 王经理 (11), peer 赵主管 (13), subordinates 陈工 (14) and 刘工 (15).
    assert_eq!(
        default_raters(Id::from_u128(12), &data),
        vec![
            (Id::from_u128(11), Relation::Superior),
            (Id::from_u128(13), Relation::Peer),
            (Id::from_u128(14), Relation::Subordinate),
            (Id::from_u128(15), Relation::Subordinate),
        ]
    );
    let people = [Id::from_u128(12), Id::from_u128(13)];
    let mut n = 0u128;
    let mut t = 0u64;
    let changes = open_cycle(
        Opening {
            cycle: crate::common::third_quarter(scheme()),
            people: &people,
            by: HR,
            at: 0,
        },
        &data,
        || {
            n += 1;
            Id::from_u128(0x1000 + n)
        },
        || {
            t += 1;
            Stamp {
                wall_ms: t,
                counter: 0,
                device: DeviceId::from_u128(1),
            }
        },
    );
    assert_eq!(changes.len(), 1 + 2 * people.len());
    let mut dataset = Dataset::default();
    for change in changes {
        dataset.apply(change);
    }
    assert_eq!(dataset.cycles.live().count(), 1);
    let opened: Vec<Assessment> = dataset
        .assessments
        .owners()
        .map(|(_, events)| Assessment::fold(events, &scheme(), APPEAL_DAYS).unwrap())
        .collect();
    assert_eq!(opened.iter().map(|a| a.person).collect::<Vec<_>>(), people);
    assert!(
        opened
            .iter()
            .all(|a| a.stage == Stage::Planning && a.conflicts.is_empty())
    );
    assert_eq!(opened[0].raters.len(), 4);
}

#[test]
fn a_persons_year_is_the_mean_of_their_published_quarters_and_two_fails_flag_a_review() {
    use aftersales::domain::assessment::history::{needs_dismissal_review, results_of, yearly_of};
    use aftersales::domain::dataset::{Change, Dataset};
    use aftersales::domain::record::Versioned;
    let scheme = scheme();
    let mut data = Dataset::default();
    // Four quarters published with the superior's adjusted scores; Q3 is corrected by a new assessment at 50.00.
    let quarters = [(1, 9000), (2, 8501), (3, 7000), (4, 5900)];
    for (quarter, adjusted) in quarters {
        let cycle = Id::from_u128(0xC00 + quarter);
        data.apply(Change::Cycle(Versioned {
            id: cycle,
            stamp: Stamp {
                wall_ms: 1,
                counter: 0,
                device: DeviceId::from_u128(1),
            },
            deleted: false,
            history: None,
            body: quarter_cycle(scheme.clone(), quarter as u8),
        }));
        let published = |assessment: Id, corrects: Option<Id>, score: u64| {
            events_through(27).into_iter().map(move |mut e| {
                e.assessment = assessment;
                match &mut e.what {
                    AssessmentStep::Opened {
                        cycle: c,
                        corrects: k,
                        ..
                    } => {
                        *c = cycle;
                        *k = corrects;
                    }
                    AssessmentStep::Adjusted { score: s, .. } => *s = Shown(score),
                    _ => {}
                }
                Change::AssessmentEvent(e)
            })
        };
        let original = Id::from_u128(0xA00 + quarter);
        for change in published(original, None, adjusted) {
            data.apply(change);
        }
        if quarter == 3 {
            for change in published(Id::from_u128(0xB03), Some(original), 5000) {
                data.apply(change);
            }
        }
    }
    let results = results_of(PERSON, &data);
    let rows: Vec<String> = results
        .iter()
        .map(|r| format!("{} {} {} {}", r.scheme, r.score, r.grade, r.passes))
        .collect();
    assert_eq!(
        rows,
        [
            "售后服务主管/专员 季度考核 90.00 优 true",
            "售后服务主管/专员 季度考核 85.01 良 true",
            "售后服务主管/专员 季度考核 50.00 差 false",
            "售后服务主管/专员 季度考核 59.00 差 false",
        ]
    );
    // (90 + 85.01 + 50 + 59) / 4 = 71.0025 → 71.00
    let year = yearly_of(&results, &scheme.name, 2026).unwrap();
    assert_eq!((year.quarters, year.shown), (4, Shown(7100)));
    // 71.00 on the scheme's scale is 中 (≥ 70), beside the mean.
    assert_eq!(
        aftersales::domain::assessment::history::yearly_grade(&results, &scheme.name, 2026, &data)
            .as_deref(),
        Some("中")
    );
    assert!(needs_dismissal_review(&results, &scheme.name));
    assert!(!needs_dismissal_review(&results[..3], &scheme.name));
    assert_eq!(yearly_of(&results, &scheme.name, 2025), None);
}

/// The first `count` events of `quarter()`.
fn events_through(count: usize) -> Vec<AssessmentEvent> {
    quarter()
        .into_iter()
        .take(count)
        .enumerate()
        .map(|(n, (by, day, what))| event(n as u64, by, day, what))
        .collect()
}

#[test]
fn the_person_sees_their_result_only_once_published_and_never_who_rated_what() {
    let scheme = scheme();
    let before = Assessment::fold(&events_through(26), &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(before.stage, Stage::Approved);
    assert_eq!(before.person_view(&scheme), None);
    let published = Assessment::fold(&events_through(27), &scheme, APPEAL_DAYS).unwrap();
    let view = published.person_view(&scheme).expect("published");
    assert_eq!(
        (view.score, view.standing),
        (Shown(8000), ScoreSource::Adjusted)
    );
    assert_eq!(view.grade.label, "良");
    assert_eq!(
        view.adjustment_reason.as_deref(),
        Some("季度内完成重大项目")
    );
    // The view's text holds the raters' group means but none of their ids.
    let text = format!("{view:?}");
    for rater in [BOSS, PEER, TEAM[0], TEAM[1]] {
        assert!(!text.contains(&format!("{rater:?}")), "{rater:?} is named");
    }
    assert!(text.contains("superior_mean"));
}

#[test]
fn each_viewer_sees_and_may_fill_only_what_is_theirs_at_each_stage() {
    use aftersales::domain::assessment::moves::{Viewer, moves, sight, tasks};
    use aftersales::domain::dataset::Dataset;
    let scheme = scheme();
    let cycle = quarter_cycle(scheme.clone(), 3);
    let viewers = [
        ("person", Role::Supervisor, Some(PERSON)),
        ("boss", Role::Manager, Some(BOSS)),
        ("peer", Role::Supervisor, Some(PEER)),
        ("team", Role::Engineer, Some(TEAM[0])),
        ("hr", Role::HumanResources, Some(HR)),
        ("gm", Role::GeneralManager, Some(Id::from_u128(0x6E))),
        ("committee", Role::Committee, None),
        ("stranger", Role::Engineer, Some(Id::from_u128(0x999))),
    ];
    let data = Dataset::default();
    // Stops (events so far, day): opened; plan submitted; approved; filed; the superior's two forms given (theirs
    // stay open to revise, no longer a task; the peer's is still to do); compiled; at the HR director; returned
    // and compiled again; approved by all; published on day 101 (window open on 102, closed on 120); appealed;
    // decided; archived (HR may open a correction).
    let stops = [
        (2, 2),
        (3, 3),
        (6, 6),
        (7, 7),
        (12, 90),
        (17, 94),
        (19, 96),
        (21, 97),
        (26, 100),
        (27, 102),
        (27, 120),
        (28, 104),
        (29, 110),
        (30, 112),
    ];
    let mut table = String::new();
    for (count, day) in stops {
        let a = Assessment::fold(&events_through(count), &scheme, APPEAL_DAYS).unwrap();
        table.push_str(&format!("{:?} on day {day}\n", a.stage));
        for (name, role, staff) in viewers {
            let viewer = Viewer { role, staff };
            let all = moves(viewer, &a, &cycle, &data, day * DAY);
            let todo = tasks(viewer, &a, &cycle, &data, day * DAY);
            table.push_str(&format!(
                "  {name:<10} {:<22} moves {all:?} tasks {todo:?}\n",
                format!("{:?}", sight(viewer, &a, &data))
            ));
        }
    }
    expect![[r#"
        Planning on day 2
          person     Own                    moves [WritePlan] tasks [WritePlan]
          boss       Everything             moves [] tasks []
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [AssignRaters] tasks []
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        PlanAwaitingApproval on day 3
          person     Own                    moves [] tasks []
          boss       Everything             moves [ReviewPlan] tasks [ReviewPlan]
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [AssignRaters] tasks []
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        PlanApproved on day 6
          person     Own                    moves [AdjustPlan] tasks []
          boss       Everything             moves [] tasks []
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [AssignRaters, FilePlan] tasks [FilePlan]
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Scoring on day 7
          person     Own                    moves [AdjustPlan] tasks []
          boss       Everything             moves [ScorePerformance, Rate(Superior)] tasks [ScorePerformance, Rate(Superior)]
          peer       RaterForm(Peer)        moves [Rate(Peer)] tasks [Rate(Peer)]
          team       RaterForm(Subordinate) moves [Rate(Subordinate)] tasks [Rate(Subordinate)]
          hr         Everything             moves [AssignRaters] tasks []
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Scoring on day 90
          person     Own                    moves [AdjustPlan] tasks []
          boss       Everything             moves [ScorePerformance, Rate(Superior)] tasks []
          peer       RaterForm(Peer)        moves [Rate(Peer)] tasks [Rate(Peer)]
          team       RaterForm(Subordinate) moves [Rate(Subordinate)] tasks [Rate(Subordinate)]
          hr         Everything             moves [AssignRaters, Compile] tasks [Compile]
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Approving(Superior) on day 94
          person     Own                    moves [] tasks []
          boss       Everything             moves [Approve(Superior)] tasks [Approve(Superior)]
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [] tasks []
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Approving(HrDirector) on day 96
          person     Own                    moves [] tasks []
          boss       Everything             moves [] tasks []
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [Approve(HrDirector)] tasks [Approve(HrDirector)]
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Approving(Superior) on day 97
          person     Own                    moves [] tasks []
          boss       Everything             moves [Approve(Superior)] tasks [Approve(Superior)]
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [] tasks []
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Approved on day 100
          person     Own                    moves [] tasks []
          boss       Everything             moves [] tasks []
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [Publish] tasks [Publish]
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Published on day 102
          person     Own                    moves [Appeal] tasks []
          boss       Everything             moves [] tasks []
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [] tasks []
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Published on day 120
          person     Own                    moves [] tasks []
          boss       Everything             moves [] tasks []
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [Archive] tasks [Archive]
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Appealed on day 104
          person     Own                    moves [] tasks []
          boss       Everything             moves [] tasks []
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [] tasks []
          gm         Everything             moves [] tasks []
          committee  Everything             moves [DecideAppeal] tasks [DecideAppeal]
          stranger   Nothing                moves [] tasks []
        Decided on day 110
          person     Own                    moves [] tasks []
          boss       Everything             moves [] tasks []
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [Archive] tasks [Archive]
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
        Archived on day 112
          person     Own                    moves [] tasks []
          boss       Everything             moves [] tasks []
          peer       RaterForm(Peer)        moves [] tasks []
          team       RaterForm(Subordinate) moves [] tasks []
          hr         Everything             moves [OpenCorrection] tasks []
          gm         Everything             moves [] tasks []
          committee  Everything             moves [] tasks []
          stranger   Nothing                moves [] tasks []
    "#]].assert_eq(&table);
}

#[test]
fn a_correction_is_a_new_assessment_naming_the_archived_one_with_its_raters() {
    use aftersales::domain::assessment::cycle::open_correction;
    use aftersales::domain::dataset::Change;
    let scheme = scheme();
    let decided = Assessment::fold(&events_through(29), &scheme, APPEAL_DAYS).unwrap();
    let mut n = 0u128;
    let mut ids = || {
        n += 1;
        Id::from_u128(0xC0_0000 + n)
    };
    let mut tick = 0u64;
    let mut stamps = || {
        tick += 1;
        Stamp {
            wall_ms: 1_000 + tick,
            counter: 0,
            device: DeviceId::from_u128(2),
        }
    };
    assert_eq!(decided.stage, Stage::Decided);
    assert!(open_correction(&decided, HR, 120 * DAY, &mut ids, &mut stamps).is_none());
    let archived = Assessment::fold(&events_through(30), &scheme, APPEAL_DAYS).unwrap();
    let (id, changes) = open_correction(&archived, HR, 120 * DAY, &mut ids, &mut stamps).unwrap();
    let events: Vec<AssessmentEvent> = changes
        .into_iter()
        .map(|c| match c {
            Change::AssessmentEvent(e) => e,
            other => panic!("{other:?}"),
        })
        .collect();
    let correction = Assessment::fold(&events, &scheme, APPEAL_DAYS).unwrap();
    assert_eq!(correction.id, id);
    assert_ne!(id, archived.id);
    assert_eq!(
        (
            correction.corrects,
            correction.person,
            correction.cycle,
            correction.stage
        ),
        (Some(archived.id), PERSON, CYCLE, Stage::Planning)
    );
    assert_eq!(correction.raters, archived.raters);

    // Until the correction is published, the archived result is the one that stands.
    use aftersales::domain::assessment::history::results_of;
    use aftersales::domain::dataset::Dataset;
    use aftersales::domain::record::Versioned;
    let mut data = Dataset::default();
    data.apply(Change::Cycle(Versioned {
        id: CYCLE,
        stamp: Stamp {
            wall_ms: 1,
            counter: 0,
            device: DeviceId::from_u128(1),
        },
        deleted: false,
        history: None,
        body: quarter_cycle(scheme.clone(), 3),
    }));
    for event in events_through(30).into_iter().chain(events) {
        data.apply(Change::AssessmentEvent(event));
    }
    let results = results_of(PERSON, &data);
    assert_eq!(
        results
            .iter()
            .map(|r| (r.assessment, r.score))
            .collect::<Vec<_>>(),
        vec![(ASSESSMENT, Shown(9050))]
    );
}

/// A scheme without rated indicators asks no raters: HR is not offered to change them (the demo's engineers' sheet
/// listed four raters who could never fill anything in).
#[test]
fn a_scheme_without_rated_indicators_offers_no_raters_to_assign() {
    use aftersales::domain::assessment::moves::{Move, Viewer, moves};
    use aftersales::domain::assessment::scheme::Source;
    use aftersales::domain::dataset::Dataset;
    let mut unrated = scheme();
    unrated.indicators.retain(|i| i.source != Source::Raters);
    let hr = Viewer {
        role: Role::HumanResources,
        staff: Some(HR),
    };
    for scheme in [scheme(), unrated] {
        let rated = scheme.has_raters();
        let cycle = quarter_cycle(scheme.clone(), 3);
        let a = Assessment::fold(&events_through(2), &scheme, APPEAL_DAYS).unwrap();
        let offered = moves(hr, &a, &cycle, &Dataset::default(), 2 * DAY);
        assert_eq!(offered.contains(&Move::AssignRaters), rated, "{offered:?}");
    }
}

/// The open-cycle form's check (`CycleDraft::check`): each case a change to a valid form, and what it finds.
#[test]
fn opening_a_cycle_checks_its_period_dates_appeal_days_name_and_people() {
    use aftersales::domain::assessment::cycle_draft::CycleDraft;
    let quarterly = built_in()
        .into_iter()
        .find(|s| s.cadence == aftersales::domain::assessment::scheme::Cadence::Quarterly)
        .expect("a quarterly scheme");
    let valid = CycleDraft {
        year: "2026".into(),
        part: "3".into(),
        name: "2026年第3季度".into(),
        plans_due: "2026-10-08".into(),
        forms_due: "2026-10-15".into(),
        results_due: "2026-10-22".into(),
        appeal_days: "5".into(),
    };
    let someone = [Id::from_u128(1)];
    type Case = (&'static str, fn(&mut CycleDraft), bool, bool);
    let cases: [Case; 8] = [
        ("as typed", |_| {}, true, true),
        ("no scheme", |_| {}, false, true),
        ("quarter 5", |d| d.part = "5".into(), true, true),
        (
            "year not a number",
            |d| d.year = "二〇二六".into(),
            true,
            true,
        ),
        (
            "a due date not a date",
            |d| d.forms_due = "10/15".into(),
            true,
            true,
        ),
        (
            "appeal days not a number",
            |d| d.appeal_days = "five".into(),
            true,
            true,
        ),
        ("no name", |d| d.name = "  ".into(), true, true),
        ("nobody chosen", |_| {}, true, false),
    ];
    let table: String = cases
        .iter()
        .map(|(case, change, with_scheme, with_people)| {
            let mut draft = valid.clone();
            change(&mut draft);
            let scheme = with_scheme.then(|| quarterly.clone());
            let people: &[Id] = if *with_people { &someone } else { &[] };
            let found = match draft.check(scheme, people) {
                Ok(cycle) => format!(
                    "opens {} {}-{}, appeals {} days",
                    cycle.name, cycle.period.year, cycle.period.part, cycle.appeal_days
                ),
                Err(problems) => problems
                    .iter()
                    .map(|p| format!("{:?} {:?}", p.field, p.problem))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            format!("{case:<26} {found}\n")
        })
        .collect();
    expect![[r#"
        as typed                   opens 2026年第3季度 2026-3, appeals 5 days
        no scheme                  Record Required
        quarter 5                  CyclePeriod OutOfRange { min: 1, max: 4 }
        year not a number          CyclePeriod InvalidNumber { decimals: 0 }
        a due date not a date      Date InvalidDate
        appeal days not a number   AppealDays InvalidQuantity
        no name                    Name Required
        nobody chosen              People Required
    "#]]
    .assert_eq(&table);
}

/// The cycle's transition table (`stage_after`) as a grid: from each stage, the steps taken and where each leads
/// (a step not listed is refused there).
#[test]
fn the_cycles_transition_table_as_a_grid() {
    use aftersales::domain::assessment::cycle::stage_after;
    let text = || "·".to_string();
    let steps = [
        AssessmentStep::Opened {
            cycle: Id::from_u128(1),
            person: Id::from_u128(2),
            corrects: None,
        },
        AssessmentStep::PlanSubmitted { goals: Vec::new() },
        AssessmentStep::PlanApproved,
        AssessmentStep::PlanReturned { reason: text() },
        AssessmentStep::PlanFiled,
        AssessmentStep::PlanAdjusted {
            goals: Vec::new(),
            reason: text(),
        },
        AssessmentStep::PerformanceScored {
            entries: Vec::new(),
        },
        AssessmentStep::Rated {
            relation: Relation::Peer,
            scores: Vec::new(),
        },
        AssessmentStep::RatersAssigned { raters: Vec::new() },
        AssessmentStep::Compiled { kpis: Vec::new() },
        AssessmentStep::Adjusted {
            score: Shown(9_000),
            reason: text(),
        },
        AssessmentStep::Published,
        AssessmentStep::Appealed { reason: text() },
        AssessmentStep::AppealDecided {
            score: None,
            reason: text(),
        },
        AssessmentStep::Archived,
    ];
    let steps: Vec<AssessmentStep> = steps
        .into_iter()
        .chain(ApprovalStep::CHAIN.into_iter().flat_map(|step| {
            [
                AssessmentStep::Approved { step },
                AssessmentStep::Returned {
                    step,
                    reason: text(),
                },
            ]
        }))
        .collect();
    let stages = [
        Stage::Planning,
        Stage::PlanAwaitingApproval,
        Stage::PlanApproved,
        Stage::Scoring,
    ]
    .into_iter()
    .chain(ApprovalStep::CHAIN.map(Stage::Approving))
    .chain([
        Stage::Approved,
        Stage::Published,
        Stage::Appealed,
        Stage::Decided,
        Stage::Archived,
    ]);
    let grid: String = stages
        .map(|stage| {
            let moves: Vec<String> = steps
                .iter()
                .filter_map(|step| {
                    let to = stage_after(stage, step)?;
                    let name = format!("{step:?}");
                    let name = name
                        .split([' ', '(', '{'])
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    let name = match step {
                        AssessmentStep::Approved { step }
                        | AssessmentStep::Returned { step, .. } => {
                            format!("{name}({step:?})")
                        }
                        _ => name,
                    };
                    Some(format!("{name} → {to:?}"))
                })
                .collect();
            format!("{:<36} {}\n", format!("{stage:?}"), moves.join(", "))
        })
        .collect();
    expect![[r#"
        Planning                             PlanSubmitted → PlanAwaitingApproval, RatersAssigned → Planning
        PlanAwaitingApproval                 PlanApproved → PlanApproved, PlanReturned → Planning, RatersAssigned → PlanAwaitingApproval
        PlanApproved                         PlanFiled → Scoring, PlanAdjusted → PlanAwaitingApproval, RatersAssigned → PlanApproved
        Scoring                              PlanAdjusted → PlanAwaitingApproval, PerformanceScored → Scoring, Rated → Scoring, RatersAssigned → Scoring, Compiled → Approving(Superior)
        Approving(Superior)                  Adjusted → Approving(Superior), Approved(Superior) → Approving(DepartmentManager), Returned(Superior) → Scoring
        Approving(DepartmentManager)         Approved(DepartmentManager) → Approving(HrDirector), Returned(DepartmentManager) → Scoring
        Approving(HrDirector)                Approved(HrDirector) → Approving(GeneralManager), Returned(HrDirector) → Scoring
        Approving(GeneralManager)            Approved(GeneralManager) → Approved, Returned(GeneralManager) → Scoring
        Approved                             Published → Published
        Published                            Appealed → Appealed, Archived → Archived
        Appealed                             AppealDecided → Decided
        Decided                              Archived → Archived
        Archived                             
    "#]].assert_eq(&grid);
}
