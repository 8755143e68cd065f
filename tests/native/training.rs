//! Training attendance (R1.5, S15): a session lists who attended (the count is theirs), gives a certificate for a
//! product category that is added to each attendee's record (or renews the one they hold), and a person's page
//! lists the sessions they attended.

use aftersales::domain::calendar::Date;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::error::{Field, Problem};
use aftersales::domain::ids::Id;
use aftersales::domain::inputs::{TrainingDraft, certified, trainings_of};
use aftersales::domain::org::{Affiliation, Certificate, Employment, Position, Staff};

use crate::common::versioned;

const ANN: Id = Id::from_u128(0x21);
const BO: Id = Id::from_u128(0x22);

fn engineer(name: &str, certificates: Vec<Certificate>) -> Staff {
    Staff {
        number: format!("E-{name}"),
        name: name.into(),
        position: Position::Engineer,
        affiliation: Affiliation::Unit(Id::from_u128(3)),
        superior: None,
        employment: Employment::Formal,
        phone: String::new(),
        certificates,
    }
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn data() -> Dataset {
    let mut data = Dataset::default();
    data.apply(Change::Staff(versioned(0x21, 1, engineer("安", vec![]))));
    data.apply(Change::Staff(versioned(
        0x22,
        2,
        engineer(
            "博",
            vec![Certificate {
                category: "空调".into(),
                number: "OLD-1".into(),
                expires: day("2027-01-31"),
            }],
        ),
    )));
    data
}

fn draft() -> TrainingDraft {
    TrainingDraft {
        title: "变频空调维修认证".into(),
        planned: "2026-11-05".into(),
        held: "2026-11-06".into(),
        unit: None,
        attendees: "99".into(),
        attended: vec![BO, ANN, BO],
        category: "空调".into(),
        expires: "2028-11-05".into(),
    }
}

#[test]
fn the_attendees_listed_are_the_count_and_each_gains_the_certificate() {
    let data = data();
    let session = draft().check(&data, day("2026-12-01")).unwrap();
    let id = Id::from_u128(0x3F2A);
    assert_eq!(session.attended, [ANN, BO], "each once");
    assert_eq!(
        (session.attendees, session.attendance()),
        (2, 2),
        "the list, not the typed 99"
    );

    let ann =
        certified(id, &session, data.staff.get(ANN).unwrap(), ANN).expect("a new certificate");
    assert_eq!(
        ann.certificates,
        [Certificate {
            category: "空调".into(),
            number: "PX-20261106-3F2A-01".into(),
            expires: day("2028-11-05"),
        }]
    );
    // 博's certificate ran to 2027: renewed, not doubled.
    let bo = certified(id, &session, data.staff.get(BO).unwrap(), BO).expect("renewed");
    assert_eq!(bo.certificates.len(), 1);
    assert_eq!(
        (
            bo.certificates[0].number.as_str(),
            bo.certificates[0].expires
        ),
        ("PX-20261106-3F2A-02", day("2028-11-05"))
    );
    // Saved again, nothing changes.
    assert_eq!(certified(id, &session, &bo, BO), None);
}

#[test]
fn a_certificate_needs_attendees_a_held_day_and_an_expiry_after_it() {
    let data = data();
    let problems = |draft: TrainingDraft| -> Vec<(Field, Problem)> {
        draft
            .check(&data, day("2026-12-01"))
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    };
    assert_eq!(
        problems(TrainingDraft {
            attended: vec![],
            attendees: String::new(),
            ..draft()
        }),
        [(Field::Staff, Problem::Required)]
    );
    assert_eq!(
        problems(TrainingDraft {
            expires: "2026-11-06".into(),
            ..draft()
        }),
        [(Field::PeriodTo, Problem::ExpiresBeforeGained)]
    );
    assert_eq!(
        problems(TrainingDraft {
            held: String::new(),
            ..draft()
        }),
        [(Field::When, Problem::Required)],
        "who attended is known once it was held"
    );
    assert_eq!(
        problems(TrainingDraft {
            held: "2026-12-02".into(),
            ..draft()
        }),
        [(Field::When, Problem::DateInFuture)],
        "held by today"
    );
    assert_eq!(
        problems(TrainingDraft {
            attended: vec![Id::from_u128(0x99)],
            ..draft()
        }),
        [(Field::Staff, Problem::UnknownReference)]
    );
    // Without a certificate, a count typed is kept for a session whose attendees are not listed.
    let counted = TrainingDraft {
        attended: vec![],
        category: String::new(),
        expires: String::new(),
        ..draft()
    }
    .check(&data, day("2026-12-01"))
    .unwrap();
    assert_eq!((counted.attendance(), counted.certificate), (99, None));
}

#[test]
fn a_persons_trainings_are_those_they_attended_newest_first() {
    let mut data = data();
    let first = draft().check(&data, day("2026-12-01")).unwrap();
    let later = TrainingDraft {
        title: "安全规范".into(),
        planned: "2026-11-20".into(),
        held: "2026-11-20".into(),
        attended: vec![ANN],
        category: String::new(),
        expires: String::new(),
        ..draft()
    }
    .check(&data, day("2026-12-01"))
    .unwrap();
    data.apply(Change::Training(versioned(0x31, 3, first)));
    data.apply(Change::Training(versioned(0x32, 4, later)));
    let titles = |person| -> Vec<String> {
        trainings_of(&data, person)
            .into_iter()
            .map(|(_, t)| t.title.clone())
            .collect()
    };
    assert_eq!(titles(ANN), ["安全规范", "变频空调维修认证"]);
    assert_eq!(titles(BO), ["变频空调维修认证"]);
}
