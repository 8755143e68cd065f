//! The org rules (R1) on a fixture organisation: the unit tree, moves, staff checks, removals and rater relations.

use crate::common::{fixture_org, id, person, unit};
use aftersales::domain::access::{PinChange, Role, UserDraft};
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::error::{Field, FieldError, Problem};
use aftersales::domain::org::{
    Affiliation, CertificateDraft, Employment, Position, Staff, StaffDraft, UnitDraft, UnitKind,
    raters, staff_removal_problem, unit_removal_problem, unit_tree,
};

fn tree_text(data: &Dataset) -> String {
    unit_tree(data)
        .iter()
        .map(|row| {
            format!(
                "{}{}\n",
                "  ".repeat(row.depth),
                data.units.get(row.id).unwrap().name
            )
        })
        .collect()
}

fn staff_draft(number: &str, name: &str, unit: u128, superior: Option<u128>) -> StaffDraft {
    StaffDraft {
        number: number.into(),
        name: name.into(),
        position: Position::Engineer,
        affiliation: Some(Affiliation::Unit(id(unit))),
        superior: superior.map(id),
        employment: Employment::Probation,
        phone: String::new(),
        certificates: Vec::new(),
    }
}

fn problems<T: std::fmt::Debug>(result: Result<T, Vec<FieldError>>) -> Vec<(Field, Problem)> {
    result
        .expect_err("the draft should be refused")
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect()
}

#[test]
fn the_tree_lists_units_depth_first_in_creation_order() {
    let data = fixture_org();
    assert_eq!(
        tree_text(&data),
        "星河电器\n  售后服务部\n    华东区\n    华南区\n"
    );
}

#[test]
fn a_unit_cannot_move_under_itself_or_its_own_descendant() {
    let data = fixture_org();
    let move_to = |parent: u128| UnitDraft {
        name: "售后服务部".into(),
        kind: UnitKind::Department,
        parent: Some(id(parent)),
    };
    assert_eq!(
        problems(move_to(2).check(id(2), &data)),
        [(Field::Parent, Problem::ParentIsSelf)]
    );
    assert_eq!(
        problems(move_to(3).check(id(2), &data)),
        [(Field::Parent, Problem::ParentIsDescendant)]
    );
    assert_eq!(
        problems(move_to(99).check(id(2), &data)),
        [(Field::Parent, Problem::UnknownReference)]
    );

    // A legal move: 华南区 under 华东区.
    let mut data = data;
    let moved = UnitDraft {
        name: "华南区".into(),
        kind: UnitKind::Region,
        parent: Some(id(3)),
    }
    .check(id(4), &data)
    .unwrap();
    data.apply(aftersales::domain::dataset::Change::Unit(
        crate::common::versioned(4, 100, moved),
    ));
    assert_eq!(
        tree_text(&data),
        "星河电器\n  售后服务部\n    华东区\n      华南区\n"
    );
}

#[test]
fn a_unit_whose_parent_was_deleted_elsewhere_still_shows_as_a_root() {
    let mut data = fixture_org();
    data.apply(unit(30, "维修一组", UnitKind::Team, Some(77)));
    assert!(
        tree_text(&data).ends_with("维修一组\n"),
        "{}",
        tree_text(&data)
    );
}

#[test]
fn staff_checks_report_every_problem_next_to_its_field() {
    let data = fixture_org();
    let empty = staff_draft(" ", "", 3, None);
    let mut empty = empty;
    empty.affiliation = None;
    empty.phone = "12345".into();
    assert_eq!(
        problems(empty.check(id(50), &data)),
        [
            (Field::Number, Problem::Required),
            (Field::Name, Problem::Required),
            (Field::Affiliation, Problem::Required),
            (Field::Phone, Problem::InvalidPhone),
        ]
    );
    assert_eq!(
        problems(staff_draft("s005", "新人", 3, None).check(id(50), &data)),
        [(
            Field::Number,
            Problem::DuplicateStaffNumber {
                number: "s005".into()
            }
        )]
    );
    assert_eq!(
        problems(staff_draft("S100", "新人", 3, Some(50)).check(id(50), &data)),
        [(Field::Superior, Problem::SuperiorIsSelf)]
    );
}

#[test]
fn a_superior_that_would_close_a_loop_is_refused_with_the_loop_named() {
    let data = fixture_org();
    // 王经理 (11) reporting to 陈工 (14), who reports to 李主管 (12), who reports to 王经理.
    let draft = StaffDraft {
        position: Position::Manager,
        ..staff_draft("S002", "王经理", 2, Some(14))
    };
    assert_eq!(
        problems(draft.check(id(11), &data)),
        [(
            Field::Superior,
            Problem::SuperiorCycle {
                chain: vec![
                    "王经理".into(),
                    "陈工".into(),
                    "李主管".into(),
                    "王经理".into()
                ]
            }
        )]
    );
}

#[test]
fn keeping_ones_own_staff_number_is_not_a_duplicate() {
    let data = fixture_org();
    let staff = staff_draft("S005", "陈工", 3, Some(12))
        .check(id(14), &data)
        .unwrap();
    assert_eq!(staff.number, "S005");
    assert!(
        !staff.in_regular_assessment(),
        "probation staff are outside the regular scheme"
    );
}

#[test]
fn removal_is_refused_while_something_depends_on_the_record() {
    let data = fixture_org();
    assert_eq!(
        unit_removal_problem(id(2), &data),
        Some(Problem::UnitHasChildren { count: 2 })
    );
    assert_eq!(
        unit_removal_problem(id(3), &data),
        Some(Problem::UnitHasStaff { count: 3 })
    );
    assert_eq!(
        unit_removal_problem(id(4), &data),
        Some(Problem::UnitHasStaff { count: 1 })
    );
    assert_eq!(
        staff_removal_problem(id(12), &data),
        Some(Problem::StaffHasSubordinates { count: 2 })
    );
    assert_eq!(staff_removal_problem(id(14), &data), None);
}

#[test]
fn rater_relations_follow_from_the_org() {
    let data = fixture_org();
    let supervisor = raters(id(12), &data);
    assert_eq!(supervisor.superior, Some(id(11)));
    assert_eq!(supervisor.peers, [id(13)]);
    assert_eq!(supervisor.subordinates, [id(14), id(15)]);

    let manager = raters(id(11), &data);
    assert_eq!(
        manager.superior,
        Some(id(10)),
        "the manager's superior is the sales director"
    );
    assert!(manager.peers.is_empty());

    let engineer = raters(id(14), &data);
    assert_eq!(engineer.peers, [id(15)]);
    assert!(engineer.subordinates.is_empty());
}

#[test]
fn users_need_a_valid_confirmed_pin_and_one_admin_must_remain() {
    let data = fixture_org();
    let draft = |role, pin: &str, confirm: &str| UserDraft {
        name: "管理员".into(),
        role,
        staff: None,
        pin: pin.into(),
        pin_confirm: confirm.into(),
        clear_pin: false,
    };
    assert_eq!(
        problems(draft(Role::Admin, "12a4", "12a4").check(id(20), &data)),
        [(Field::Pin, Problem::PinFormat)]
    );
    assert_eq!(
        problems(draft(Role::Admin, "1234", "1243").check(id(20), &data)),
        [(Field::PinConfirm, Problem::PinMismatch)]
    );
    assert_eq!(
        problems(draft(Role::Engineer, "", "").check(id(20), &data)),
        [(Field::Role, Problem::LastAdmin)]
    );
    let (user, pin) = draft(Role::Admin, "1234", "1234")
        .check(id(20), &data)
        .unwrap();
    assert_eq!(
        (user.role, pin),
        (Role::Admin, PinChange::Set("1234".into()))
    );
    assert_eq!(
        problems(draft(Role::Agent, "", "").check(id(21), &data)),
        [(Field::Name, Problem::DuplicateName)]
    );
}

#[test]
fn assigning_without_a_valid_certificate_for_the_category_warns() {
    use aftersales::domain::calendar::Date;
    use aftersales::domain::org::{Certificate, CertificateWarning};
    let day = |s| Date::parse(s).unwrap();
    let mut engineer = staff_draft("E100", "陈工", 3, None);
    engineer.certificates = vec![
        CertificateDraft {
            category: "空调".into(),
            number: "AC-01".into(),
            expires: "2026-06-30".into(),
        },
        CertificateDraft {
            category: "洗衣机".into(),
            number: String::new(),
            expires: "30/06/2026".into(),
        },
    ];
    let data = fixture_org();
    let refused = engineer.check(id(90), &data);
    assert!(
        refused.is_err(),
        "an unreadable expiry is refused on its row"
    );
    engineer.certificates.pop();
    let staff = engineer
        .check(id(90), &data)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        staff.certificates,
        [Certificate {
            category: "空调".into(),
            number: "AC-01".into(),
            expires: day("2026-06-30"),
        }]
    );
    assert_eq!(staff.certificate_warning("空调", day("2026-06-30")), None);
    assert_eq!(
        staff.certificate_warning("空调", day("2026-07-01")),
        Some(CertificateWarning::Expired {
            category: "空调".into(),
            on: day("2026-06-30")
        })
    );
    assert_eq!(
        staff.certificate_warning("冰箱", day("2026-01-01")),
        Some(CertificateWarning::Missing {
            category: "冰箱".into()
        })
    );
    assert_eq!(staff.certificate_warning("", day("2026-01-01")), None);
}

/// A moment of device 1 (the stale-form tests' stamps).
fn at(wall_ms: u64) -> aftersales::domain::clock::Stamp {
    aftersales::domain::clock::Stamp {
        wall_ms,
        counter: 0,
        device: aftersales::domain::ids::DeviceId::from_u128(1),
    }
}

/// The staff record a form opened on, in the stale-form tests.
fn engineer_in_a_form() -> aftersales::domain::record::Versioned<Staff> {
    let Change::Staff(opened) = person(5, "E001", "陈工", Position::Engineer, 3, None) else {
        unreachable!()
    };
    opened
}

/// Two tabs editing one staff record (issue 15): the form that opened first saves only what it changed, so the other
/// tab's phone survives its new name; and when both changed the same field, the later save knows it must ask.
#[test]
fn a_stale_form_keeps_the_other_tabs_change_and_asks_about_a_field_both_changed() {
    use aftersales::domain::dataset::Underneath;
    let opened = engineer_in_a_form();
    // Tab A saves a phone number and a position; tab B, opened before, then saves its form (changing what each row
    // says).
    let mut data = Dataset::default();
    data.apply(Change::Staff(opened.clone()));
    data.apply(Change::Staff(opened.edited(
        Staff {
            phone: "13812341234".into(),
            position: Position::Specialist,
            ..opened.body.clone()
        },
        at(2_000_000_000_000),
    )));
    let show = |underneath: &[Underneath]| {
        underneath
            .iter()
            .map(|u| {
                let text = |t: &Option<String>| t.clone().unwrap_or("(not a text)".into());
                format!("{}={} over {}", u.field, text(&u.mine), text(&u.theirs))
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let saved = |staff: &Staff| {
        [&staff.name, &staff.phone].map(|s| s.to_string()).join(" ")
            + &format!(" {:?}", staff.position)
    };
    let cases: Vec<(&str, Staff)> = vec![
        ("nothing changed", opened.body.clone()),
        (
            "a new name",
            Staff {
                name: "陈建国".into(),
                ..opened.body.clone()
            },
        ),
        (
            "the same phone",
            Staff {
                phone: "13812341234".into(),
                ..opened.body.clone()
            },
        ),
        (
            "another phone",
            Staff {
                phone: "13900000000".into(),
                ..opened.body.clone()
            },
        ),
        (
            "another phone and position",
            Staff {
                phone: "13900000000".into(),
                position: Position::Supervisor,
                ..opened.body.clone()
            },
        ),
    ];
    let mut table = String::new();
    for (what, body) in cases {
        let save = Change::Staff(opened.edited(body, at(2_000_000_000_001)));
        let underneath = data.changed_underneath(&save);
        let mut row = format!("{what:<27} | asks: {:<20}", show(&underneath));
        for keep_theirs in [false, true] {
            let mut after = data.clone();
            after.apply(data.rebased(save.clone(), keep_theirs, at(2_000_000_000_002)));
            let version = after.staff.version(opened.id).unwrap();
            assert_eq!(
                version.conflicts().count(),
                0,
                "{what}: a chosen save is no conflict"
            );
            row += &format!(
                " | {}: {}",
                ["mine", "theirs"][keep_theirs as usize],
                saved(&version.body)
            );
        }
        table += row.trim_end();
        table += "\n";
    }
    assert_eq!(
        table,
        "\
nothing changed             | asks:                      | mine: 陈工 13812341234 Specialist | theirs: 陈工 13812341234 Specialist
a new name                  | asks:                      | mine: 陈建国 13812341234 Specialist | theirs: 陈建国 13812341234 Specialist
the same phone              | asks:                      | mine: 陈工 13812341234 Specialist | theirs: 陈工 13812341234 Specialist
another phone               | asks: phone=13900000000 over 13812341234 | mine: 陈工 13900000000 Specialist | theirs: 陈工 13812341234 Specialist
another phone and position  | asks: position=(not a text) over (not a text),phone=13900000000 over 13812341234 | mine: 陈工 13900000000 Supervisor | theirs: 陈工 13812341234 Specialist
"
    );
}

/// A form saved over a record another tab deleted meanwhile (issue 15: it said "saved" and kept nothing anyone
/// could see): the save asks, "keep my changes" restores the record with them, "keep theirs" leaves it deleted.
#[test]
fn a_form_saved_over_a_record_deleted_meanwhile_asks_and_restores_it_with_mine() {
    let opened = engineer_in_a_form();
    let mut data = Dataset::default();
    data.apply(Change::Staff(opened.clone()));
    data.apply(Change::Staff(opened.deleted_at(at(2_000_000_000_000))));
    let save = Change::Staff(opened.edited(
        Staff {
            name: "陈建国".into(),
            ..opened.body.clone()
        },
        at(2_000_000_000_001),
    ));
    let asked: Vec<_> = data
        .changed_underneath(&save)
        .into_iter()
        .map(|u| u.field)
        .collect();
    assert_eq!(asked, [aftersales::domain::dataset::DELETED]);
    let outcome = |keep_theirs: bool| {
        let chosen = data.rebased(save.clone(), keep_theirs, at(2_000_000_000_002));
        // The chosen save goes through the same check before it is written: it must not ask again (issue 15's
        // review: "keep my changes" brought the same question back, over and over).
        assert_eq!(data.changed_underneath(&chosen), [], "asked again");
        let mut after = data.clone();
        after.apply(chosen);
        let version = after.staff.version(opened.id).unwrap().clone();
        assert_eq!(
            version.conflicts().count(),
            0,
            "a chosen save is no conflict"
        );
        after.staff.get(opened.id).map(|s| s.name.clone())
    };
    assert_eq!(outcome(false), Some("陈建国".to_string()), "restored, mine");
    assert_eq!(outcome(true), None, "still deleted");
}
