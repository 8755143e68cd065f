//! The standards checklist and its self-assessments as records (R8.1): the seed's clauses, an assessment's score
//! over its own copy of the clauses, shortfalls, finishing, the editor's checks, two assessments compared; and the
//! sampling audit as a record (R5.4): its population, the draw under way refused, reviews and finishing.

use aftersales::domain::assessment::exact::Exact;
use aftersales::domain::calendar::{Calendar, Date};
use aftersales::domain::checklist::{
    AssessmentDraft, Checklist, ChecklistDraft, Entry, SEED_CHECKLIST_ID, SelfAssessment, compare,
};
use aftersales::domain::error::{Field, Problem};
use aftersales::domain::ids::Id;
use aftersales::domain::period::Period;
use aftersales::domain::sampling::{
    self, AuditDraft, Auditee, FindingKind, ReviewDraft, SampleSize, parse_size,
};
use aftersales::domain::standards::{Band, Finding, Indicator, Special};

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn problems<T: std::fmt::Debug>(
    checked: Result<T, Vec<aftersales::domain::error::FieldError>>,
) -> Vec<(Field, Problem)> {
    checked
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect()
}

#[test]
fn the_seed_checklist_holds_the_seeds_clauses_in_the_standards_groups() {
    let list = Checklist::seed();
    let numbers: Vec<&str> = list.clauses.iter().map(|c| c.number.as_str()).collect();
    for number in [
        "5.1.7.2", "5.1.7.3", "5.2.1.1", "5.2.1.2", "5.2.1.3", "5.2.1.4", "5.2.1.5", "5.2.2.1",
        "5.2.2.2", "5.2.3.2", "5.2.4.1",
    ] {
        assert!(numbers.contains(&number), "{number} missing");
    }
    // Three clauses are checked on a sample: staff qualification, service records, complaint resolution.
    let sampled: Vec<Indicator> = list
        .clauses
        .iter()
        .filter(|c| c.sampled)
        .map(|c| c.indicator)
        .collect();
    assert_eq!(
        sampled,
        [
            Indicator::Staffing,
            Indicator::Repair,
            Indicator::ComplaintHandling
        ]
    );
    assert_eq!(list.version, 1);
    assert!(
        list.clauses
            .iter()
            .all(|c| c.points > 0 && !c.requirement.is_empty())
    );
    // The draft of the seed reads back to the seed, one version up.
    let again = ChecklistDraft::of(&list).check(&list).unwrap();
    assert_eq!(again.clauses, list.clauses);
    assert_eq!(again.version, 2);
}

/// The e2e case on the seed's clauses: 5.2.1.1 does not conform (4 points lost), the sampled 5.2.4.3 at
/// 80 % (4 × 4/5 = 3.2), 5.1.7.3 not applicable (3 points out); the rest conform.
/// Applicable = 58 − 3 = 55; earned = 55 − 4 − 0.8 = 50.2; result = 50.2 / 55 × 100 = 1004/11 = 91.27… → ★★★★.
#[test]
fn an_assessment_scores_its_findings_and_lists_its_shortfalls() {
    let list = Checklist::seed();
    assert_eq!(list.total_points(), 58);
    let start = SelfAssessment::start(
        SEED_CHECKLIST_ID,
        &list,
        day("2026-11-30"),
        Id::from_u128(5),
        "王经理",
    );
    assert_eq!(start.unassessed(), list.clauses.len());
    let mut entries: Vec<Entry> = list
        .clauses
        .iter()
        .map(|c| Entry {
            finding: Some(match c.number.as_str() {
                "5.2.1.1" => Finding::NotConforming,
                "5.2.4.3" => Finding::Sampled {
                    checked: 5,
                    not_conforming: 1,
                },
                "5.1.7.3" => Finding::NotApplicable,
                _ => Finding::Conforming,
            }),
            evidence: format!("查阅 {}", c.evidence),
        })
        .collect();
    let draft = AssessmentDraft {
        entries: entries.clone(),
        specials: vec![],
        finish: true,
    };
    let done = draft.check(&start).unwrap();
    assert!(done.finished);
    let score = done.score();
    assert_eq!(score.applicable, Exact::whole(55));
    assert_eq!(score.earned, Exact::ratio(251, 5).unwrap());
    assert_eq!(score.result, Exact::ratio(1004, 11));
    assert_eq!(
        score.total.map(|t| t.shown().0),
        Some(9127),
        "91.27 as shown"
    );
    assert_eq!(score.band, Some(Band::FourStars));
    let short: Vec<&str> = done
        .shortfalls()
        .into_iter()
        .map(|i| done.clauses[i].number.as_str())
        .collect();
    assert_eq!(short, ["5.2.1.1", "5.2.4.3"]);

    // A finished assessment no longer changes.
    assert_eq!(
        problems(draft.check(&done)),
        [(Field::Record, Problem::AlreadyClosed)]
    );
    // Finishing needs every clause assessed; a sample must hold together; a special needs its reason, one bonus.
    entries[0].finding = None;
    entries[3].finding = Some(Finding::Sampled {
        checked: 2,
        not_conforming: 3,
    });
    let bad = AssessmentDraft {
        entries,
        specials: vec![
            Special::Bonus {
                reason: "示范".into(),
            },
            Special::Bonus { reason: " ".into() },
        ],
        finish: true,
    };
    assert_eq!(
        problems(bad.check(&start)),
        [
            (Field::Line(3), Problem::OutOfRange { min: 0, max: 2 }),
            (Field::Special(1), Problem::OneSpecialBonus),
            (Field::Special(1), Problem::Required),
            (Field::Line(0), Problem::Required),
        ]
    );
}

#[test]
fn editing_the_checklist_never_changes_an_assessment_made_with_it() {
    let list = Checklist::seed();
    let made = SelfAssessment::start(
        SEED_CHECKLIST_ID,
        &list,
        day("2026-11-30"),
        Id::from_u128(5),
        "王经理",
    );
    let mut draft = ChecklistDraft::of(&list);
    draft.clauses[0].points = "10".into();
    draft.clauses.pop();
    let edited = draft.check(&list).unwrap();
    assert_eq!(edited.version, 2);
    assert_eq!(edited.clauses[0].points, 10);
    assert_eq!(made.clauses, list.clauses, "the assessment keeps its copy");

    // The editor's checks, each on its clause.
    let mut bad = ChecklistDraft::of(&list);
    bad.name = " ".into();
    bad.clauses[1].number = bad.clauses[0].number.clone();
    bad.clauses[2].points = "0".into();
    bad.clauses[3].requirement = String::new();
    assert_eq!(
        problems(bad.check(&list)),
        [
            (Field::Name, Problem::Required),
            (Field::Line(1), Problem::DuplicateName),
            (Field::Line(2), Problem::OutOfRange { min: 1, max: 100 }),
            (Field::Line(3), Problem::Required),
        ]
    );
}

#[test]
fn two_assessments_compare_clause_by_clause() {
    let list = Checklist::seed();
    let with = |findings: &[(&str, Finding)]| {
        let mut made =
            SelfAssessment::start(SEED_CHECKLIST_ID, &list, day("2026-11-30"), Id::NIL, "");
        for (clause, entry) in made.clauses.iter().zip(made.entries.iter_mut()) {
            entry.finding = findings
                .iter()
                .find(|(n, _)| *n == clause.number)
                .map(|(_, f)| *f)
                .or(Some(Finding::Conforming));
        }
        made
    };
    let before = with(&[("5.2.1.1", Finding::NotConforming)]);
    let mut after = with(&[("5.2.2.1", Finding::NotConforming)]);
    after.clauses.retain(|c| c.number != "5.3.1.1");
    after.entries.truncate(after.clauses.len());
    let rows = compare(&before, &after);
    let changed: Vec<(String, Option<u64>, Option<u64>)> = rows
        .iter()
        .filter(|r| r.changed())
        .map(|r| {
            let earned = |side: &Option<(Option<Finding>, Option<Exact>)>| {
                side.and_then(|(_, e)| e).map(|e| e.shown().0 / 100)
            };
            (r.number.clone(), earned(&r.before), earned(&r.after))
        })
        .collect();
    let want: Vec<(String, Option<u64>, Option<u64>)> = vec![
        ("5.2.1.1".into(), Some(0), Some(4)),
        ("5.2.2.1".into(), Some(4), Some(0)),
        ("5.3.1.1".into(), Some(4), None),
    ];
    assert_eq!(changed, want);
}

/// A demo-sized population: the draw, the under-way rule, reviews, conformity, finishing.
#[test]
fn an_audit_draws_once_per_person_and_period_and_closes_when_every_ticket_is_reviewed() {
    let population: Vec<Id> = (0..40).map(|i| Id::from_u128(0x5000 + i)).collect();
    let period = Period::Month {
        year: 2026,
        month: 11,
    };
    let engineer = Auditee::Engineer(Id::from_u128(0xe));
    let draft = AuditDraft {
        auditee: Some(engineer),
        period,
        size: "10%".into(),
        seed: 20_261_130,
    };
    let audit = draft
        .check(&population, [], Id::from_u128(5), "王经理")
        .unwrap();
    assert_eq!(audit.sample.len(), 4);
    assert_eq!(audit.population, 40);
    assert_eq!(
        audit.sample,
        sampling::draw(
            &population,
            SampleSize::Share(aftersales::domain::assessment::exact::Weight(1_000)),
            20_261_130
        ),
        "the same seed draws the same sample"
    );
    // While it is under way, a new draw of the same person and period is refused; another month is not.
    assert_eq!(
        problems(draft.check(&population, [&audit], Id::NIL, "")),
        [(Field::Record, Problem::AuditUnderWay)]
    );
    let next_month = AuditDraft {
        period: Period::Month {
            year: 2026,
            month: 12,
        },
        ..draft.clone()
    };
    assert!(next_month.check(&population, [&audit], Id::NIL, "").is_ok());
    // Nothing to draw from, no auditee, a size that does not read.
    let empty = AuditDraft {
        auditee: None,
        size: "abc".into(),
        ..draft.clone()
    };
    assert_eq!(
        problems(empty.check(&[], [], Id::NIL, "")),
        [
            (Field::Owner, Problem::Required),
            (Field::SampleSize, Problem::OutOfRange { min: 1, max: 100 }),
        ]
    );
    assert_eq!(
        problems(draft.check(&[], [], Id::NIL, "")),
        [(Field::Owner, Problem::NothingToSample)]
    );

    // Reviews: a non-conforming one needs its kind and a note; the latest verdict on a ticket replaces the first.
    let first = audit.sample[0];
    assert_eq!(
        problems(
            ReviewDraft {
                conforming: Some(false),
                kind: None,
                note: String::new()
            }
            .check(&audit, first)
        ),
        [
            (Field::Cause, Problem::Required),
            (Field::Text, Problem::Required)
        ]
    );
    let mut reviewed = audit.clone();
    for (index, ticket) in audit.sample.iter().enumerate() {
        let review = ReviewDraft {
            conforming: Some(index >= 2),
            kind: Some(FindingKind::RecordIncomplete),
            note: "缺少故障描述".into(),
        }
        .check(&reviewed, *ticket)
        .unwrap();
        reviewed = reviewed.with_review(review);
    }
    assert_eq!(
        reviewed
            .conformity()
            .map(|r| (r.numerator(), r.denominator())),
        Some((2, 4))
    );
    assert_eq!(
        reviewed.reviews[2].kind, None,
        "a conforming review has no finding"
    );
    let changed_mind = ReviewDraft {
        conforming: Some(true),
        ..ReviewDraft::default()
    }
    .check(&reviewed, first)
    .unwrap();
    let reviewed = reviewed.with_review(changed_mind);
    assert_eq!(reviewed.reviews.len(), 4);
    assert_eq!(
        reviewed
            .conformity()
            .map(|r| (r.numerator(), r.denominator())),
        Some((3, 4))
    );
    assert!(
        sampling::finish(&audit).is_err(),
        "not every ticket reviewed"
    );
    let done = sampling::finish(&reviewed).unwrap();
    assert!(done.finished);
    assert!(ReviewDraft::default().check(&done, first).is_err());
    // A ticket outside the sample is not reviewed.
    assert!(
        ReviewDraft {
            conforming: Some(true),
            ..ReviewDraft::default()
        }
        .check(&reviewed, Id::from_u128(0x9999))
        .is_err()
    );
}

#[test]
fn a_sample_size_is_a_count_or_a_share() {
    use aftersales::domain::assessment::exact::Weight;
    let cases: Vec<(&str, Option<SampleSize>)> = vec![
        ("5", Some(SampleSize::Count(5))),
        (" 12 ", Some(SampleSize::Count(12))),
        ("10%", Some(SampleSize::Share(Weight(1_000)))),
        ("12.5 %", Some(SampleSize::Share(Weight(1_250)))),
        ("100%", Some(SampleSize::Share(Weight(10_000)))),
        ("0", None),
        ("0%", None),
        ("101%", None),
        ("-3", None),
        ("abc", None),
        ("", None),
    ];
    for (text, want) in cases {
        assert_eq!(parse_size(text), want, "{text:?}");
    }
}

/// The population: tickets closed in the period by the auditee (or their unit, or their provider).
#[test]
fn the_population_is_the_auditees_tickets_closed_in_the_period() {
    let calendar = Calendar::china_default();
    let mut data = aftersales::domain::dataset::Dataset::default();
    let now = calendar.instant(day("2026-11-28"), 17 * 60);
    for change in aftersales::demo::generate(aftersales::demo::DemoSpec::company(now), &calendar) {
        data.apply(change);
    }
    let tickets = data.tickets.fold_all(&calendar);
    let period = Period::Month {
        year: 2026,
        month: 10,
    };
    let engineer = tickets
        .iter()
        .find_map(|t| t.assignee.filter(|_| t.closed_at.is_some()))
        .expect("a closed ticket");
    let mine = sampling::population(
        &tickets,
        Auditee::Engineer(engineer),
        period,
        &data,
        &calendar,
    );
    for id in &mine {
        let t = tickets.iter().find(|t| t.id == *id).unwrap();
        assert_eq!(t.assignee, Some(engineer));
        let closed = calendar.local_date(t.closed_at.unwrap());
        assert!(period.first_day() <= closed && closed <= period.last_day());
    }
    let company = data
        .units
        .live()
        .find(|(_, u)| u.parent.is_none())
        .map(|(id, _)| id)
        .unwrap();
    let all = sampling::population(&tickets, Auditee::Unit(company), period, &data, &calendar);
    assert!(all.len() > mine.len(), "{} > {}", all.len(), mine.len());
    assert!(mine.iter().all(|id| all.contains(id)));
}
