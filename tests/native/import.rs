//! What importing does, before it is done (`domain::import`, R9.3), and what an export carries
//! (`domain::selection`, R9.2): counts per kind, conflicts named, refusals with their reason, the same file twice
//! bringing nothing new, A then B equal to B then A; selections that hold exactly the tickets they say, whole.

use std::collections::BTreeSet;

use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::access::Role;
use aftersales::domain::calendar::{Calendar, Date};
use aftersales::domain::clock::Stamp;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::import::{Found, KindCount, Refusing, preview};
use aftersales::domain::org::Staff;
use aftersales::domain::selection::{Exporter, Selection, select};
use aftersales::domain::ticket::state::{IllegalStep, State, Step};
use aftersales::domain::ticket::{Happening, Kind};

use crate::common::{fixture_org, id};
use crate::ticket::{TICKET, calendar, event, registration};

/// A clock far after every fixture's stamps.
const NOW: u64 = 1_900_000_000_000;

pub(crate) fn stamp(wall_ms: u64, device: u128) -> Stamp {
    Stamp {
        wall_ms,
        counter: 0,
        device: DeviceId::from_u128(device),
    }
}

fn count(preview: &aftersales::domain::import::Preview, kind: &str) -> KindCount {
    preview
        .counts
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, c)| *c)
        .unwrap()
}

pub(crate) fn data_of(changes: impl IntoIterator<Item = Change>) -> Dataset {
    let mut data = Dataset::default();
    for change in changes {
        data.apply(change);
    }
    data
}

#[test]
fn a_first_import_is_all_new_and_the_same_file_again_brings_nothing() {
    let file: Vec<Change> = fixture_org().changes().collect();
    let first = preview(&Dataset::default(), file.clone(), &calendar(), NOW);
    assert_eq!(
        count(&first, "staff").new,
        fixture_org().staff.len_with_tombstones() as u64
    );
    assert_eq!(
        count(&first, "unit").total(),
        fixture_org().units.len_with_tombstones() as u64
    );
    assert!(!first.nothing_new());
    assert_eq!(first.merged, fixture_org());

    let again = preview(&first.merged, file, &calendar(), NOW);
    assert!(again.nothing_new());
    assert_eq!(
        count(&again, "staff").unchanged,
        fixture_org().staff.len_with_tombstones() as u64
    );
    assert_eq!(again.merged, first.merged);
}

/// Staff member 10 of the fixture org, as a device that opened it edits it at `wall_ms`.
pub(crate) fn staff_edit(
    data: &Dataset,
    device: u128,
    wall_ms: u64,
    edit: impl FnOnce(&mut Staff),
) -> Change {
    let opened = data.staff.version(id(10)).unwrap();
    let mut body = opened.body.clone();
    edit(&mut body);
    Change::Staff(opened.edited(body, stamp(wall_ms, device)))
}

#[test]
fn two_devices_editing_one_person_keep_both_fields_and_name_the_field_both_changed() {
    let base = fixture_org();
    let tablet = staff_edit(&base, 0xA, 5_000, |s| {
        s.phone = "13900000001".into();
        s.name = "周总监（平板）".into();
    });
    let office = staff_edit(&base, 0xB, 6_000, |s| s.name = "周总监（办公室）".into());
    let on_tablet = data_of(base.changes().chain([tablet.clone()]));
    let on_office = data_of(base.changes().chain([office.clone()]));

    let at_office = preview(&on_office, vec![tablet.clone()], &calendar(), NOW);
    let at_tablet = preview(&on_tablet, vec![office.clone()], &calendar(), NOW);
    assert_eq!(
        at_office.merged, at_tablet.merged,
        "A then B equals B then A"
    );
    let person = at_office.merged.staff.get(id(10)).unwrap();
    assert_eq!(person.phone, "13900000001", "the tablet's phone survives");
    assert_eq!(person.name, "周总监（办公室）", "the later name is kept");
    assert_eq!(count(&at_office, "staff").conflicting, 1);
    match at_office.conflicts.as_slice() {
        [
            Found::Field {
                kind,
                field,
                kept,
                other,
                label,
                ..
            },
        ] => {
            assert_eq!((kind.as_str(), field.as_str()), ("staff", "name"));
            assert_eq!((kept.wall_ms, other.wall_ms), (6_000, 5_000));
            assert!(label.contains("周总监（办公室）"), "{label}");
        }
        other => panic!("{other:?}"),
    }
    let conflicts: Vec<String> = at_office
        .merged
        .staff
        .version(id(10))
        .unwrap()
        .conflicts()
        .map(|s| s.body.name.clone())
        .collect();
    assert_eq!(
        conflicts,
        ["周总监（平板）"],
        "the other value is kept beside the record"
    );
}

#[test]
fn two_engineers_resolving_one_ticket_offline_is_a_named_ticket_conflict() {
    let opened = [
        event(
            1,
            1,
            0,
            Happening::Registered(registration(Kind::Repair, "2027-01-01").into()),
        ),
        event(
            7,
            1,
            1,
            Happening::Triaged {
                note: String::new(),
            },
        ),
        event(2, 1, 2, Happening::Assigned { engineer: id(0xA) }),
        event(
            3,
            1,
            3,
            Happening::VisitScheduled {
                at: crate::ticket::at(3),
            },
        ),
        event(6, 1, 3, Happening::Arrived),
    ];
    let resolved = |n, device, hours| {
        event(
            n,
            device,
            hours,
            Happening::Resolved {
                solution: format!("方案 {n}"),
                report: None,
            },
        )
    };
    let here = data_of(
        opened
            .iter()
            .cloned()
            .map(Change::TicketEvent)
            .chain([Change::TicketEvent(resolved(4, 1, 4))]),
    );
    let file = vec![Change::TicketEvent(resolved(5, 2, 5))];
    let preview = preview(&here, file, &calendar(), NOW);
    assert_eq!(count(&preview, "ticket_event").new, 1);
    let before = here.tickets.fold(TICKET, &calendar()).unwrap();
    assert!(before.conflicts.is_empty(), "{:?}", before.conflicts);
    match preview.conflicts.as_slice() {
        [
            Found::Ticket {
                ticket,
                event,
                refusal,
                after,
                ..
            },
        ] => {
            assert_eq!((*ticket, *event), (TICKET, Id::from_u128(0x1005)));
            assert_eq!(
                *after,
                Some(Id::from_u128(0x1004)),
                "the resolution that came first"
            );
            assert!(
                matches!(
                    refusal,
                    aftersales::domain::ticket::TicketRefusal::Illegal(IllegalStep {
                        state: State::Resolved,
                        step: Step::Resolve
                    })
                ),
                "{refusal:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn records_from_the_future_and_clashing_events_are_refused_and_the_rest_imported() {
    let base = fixture_org();
    let future = staff_edit(&base, 0xC, NOW + 2 * 24 * 3_600_000, |s| {
        s.phone = "13911112222".into()
    });
    let registered = event(
        1,
        1,
        0,
        Happening::Registered(registration(Kind::Repair, "2027-01-01").into()),
    );
    let mut forged = registered.clone();
    forged.what = Happening::Noted {
        text: "同一个编号，另一件事".into(),
    };
    let here = data_of(base.changes().chain([Change::TicketEvent(registered)]));
    let preview = preview(
        &here,
        vec![
            future,
            Change::TicketEvent(forged),
            fixture_org().changes().next().unwrap(),
        ],
        &calendar(),
        NOW,
    );
    let reasons: Vec<(usize, &str, Refusing)> = preview
        .refused
        .iter()
        .map(|r| (r.index, r.kind.as_str(), r.reason))
        .collect();
    assert_eq!(
        reasons,
        [
            (0, "staff", Refusing::FromTheFuture),
            (1, "ticket_event", Refusing::ClashingEvent)
        ]
    );
    assert_eq!(preview.merged, here, "nothing refused reaches the data");
}

// Selections, on a small demo company.

fn company() -> (Dataset, Calendar) {
    let calendar = Calendar::china_default();
    let now = calendar.instant(Date::parse("2026-11-28").unwrap(), 17 * 60);
    let spec = DemoSpec {
        seed: 7,
        tickets: 400,
        now,
    };
    (data_of(generate(spec, &calendar)), calendar)
}

fn exporter(data: &Dataset, role: Role) -> Exporter {
    let (user, body) = data
        .users
        .live()
        .find(|(_, u)| u.role == role)
        .expect("the demo has every role");
    Exporter {
        role,
        user,
        staff: body.staff,
    }
}

fn tickets_in(changes: &[Change]) -> BTreeSet<Id> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::TicketEvent(e) => Some(e.ticket),
            _ => None,
        })
        .collect()
}

#[test]
fn everything_is_everything_for_those_who_see_everything() {
    let (data, calendar) = company();
    let all = select(
        &data,
        &Selection::All,
        exporter(&data, Role::Admin),
        &calendar,
    );
    assert_eq!(data_of(all), data);
}

#[test]
fn a_period_holds_the_tickets_received_in_it_whole() {
    let (data, calendar) = company();
    let (from, to) = (
        Date::parse("2026-10-01").unwrap(),
        Date::parse("2026-10-31").unwrap(),
    );
    let chosen = select(
        &data,
        &Selection::Period { from, to },
        exporter(&data, Role::Manager),
        &calendar,
    );
    let expected: BTreeSet<Id> = data
        .tickets
        .fold_all(&calendar)
        .iter()
        .filter(|t| (from..=to).contains(&calendar.local_date(t.registration.received_at)))
        .map(|t| t.id)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(tickets_in(&chosen), expected);
    let events = chosen
        .iter()
        .filter(|c| matches!(c, Change::TicketEvent(_)))
        .count();
    let whole: usize = expected.iter().map(|t| data.tickets.events(*t).len()).sum();
    assert_eq!(events, whole, "every event of each ticket");
    assert_eq!(
        chosen
            .iter()
            .filter(|c| matches!(c, Change::Staff(_)))
            .count(),
        data.staff.len_with_tombstones(),
        "the people its records name"
    );
}

#[test]
fn surveys_hold_the_tickets_with_a_link_or_a_response() {
    let (data, calendar) = company();
    let chosen = select(
        &data,
        &Selection::Surveys,
        exporter(&data, Role::Supervisor),
        &calendar,
    );
    let expected: BTreeSet<Id> = data
        .tickets
        .fold_all(&calendar)
        .iter()
        .filter(|t| t.survey.is_some() || !t.survey_links.is_empty())
        .map(|t| t.id)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(tickets_in(&chosen), expected);
    assert!(
        !chosen
            .iter()
            .any(|c| matches!(c, Change::Cost(_) | Change::Sales(_)))
    );
}

#[test]
fn a_unit_holds_the_tickets_its_staff_worked_or_that_were_registered_to_it() {
    let (data, calendar) = company();
    let folded = data.tickets.fold_all(&calendar);
    let worked = folded
        .iter()
        .find_map(|t| t.assignee)
        .expect("an assigned ticket");
    let unit = match data.staff.get(worked).unwrap().affiliation {
        aftersales::domain::org::Affiliation::Unit(unit) => unit,
        other => panic!("{other:?}"),
    };
    let chosen = select(
        &data,
        &Selection::Unit { unit },
        exporter(&data, Role::Manager),
        &calendar,
    );
    let in_unit: BTreeSet<Id> = data
        .staff
        .live()
        .filter(|(_, s)| s.affiliation == aftersales::domain::org::Affiliation::Unit(unit))
        .map(|(id, _)| id)
        .collect();
    let chosen_tickets = tickets_in(&chosen);
    for ticket in &folded {
        let ours = ticket.registration.unit == Some(unit)
            || data.tickets.events(ticket.id).iter().any(|e| {
                matches!(&e.what, Happening::Assigned { engineer } | Happening::Reassigned { engineer, .. } if in_unit.contains(engineer))
            });
        assert_eq!(chosen_tickets.contains(&ticket.id), ours, "{:?}", ticket.id);
    }
}

#[test]
fn an_engineer_carries_their_own_assessment_forms_and_no_one_elses() {
    use aftersales::domain::assessment::cycle::{AssessmentEvent, AssessmentStep};
    let (mut data, calendar) = company();
    let engineer = exporter(&data, Role::Engineer);
    let hr = exporter(&data, Role::HumanResources);
    let me = engineer
        .staff
        .expect("the demo's engineer is a staff member");
    let steps = [
        (
            hr.user,
            AssessmentStep::Opened {
                cycle: id(0xC1),
                person: me,
                corrects: None,
            },
        ),
        (me, AssessmentStep::PlanSubmitted { goals: Vec::new() }),
        (hr.user, AssessmentStep::PlanFiled),
    ];
    for (n, (by, what)) in steps.into_iter().enumerate() {
        data.apply(Change::AssessmentEvent(AssessmentEvent {
            id: id(0xE0 + n as u128),
            assessment: id(0xA55),
            stamp: stamp(1_000 + n as u64, 0xA),
            at: 1_000 + n as i64,
            by,
            what,
        }));
    }
    let mine = select(&data, &Selection::All, engineer, &calendar);
    let everything = select(&data, &Selection::All, hr, &calendar);
    for change in &mine {
        if let Change::AssessmentEvent(e) = change {
            assert!(
                e.by == engineer.user || Some(e.by) == engineer.staff,
                "{e:?}"
            );
        }
    }
    // Of the assessment written here (the demo's own cycles are there too: the loop above holds for them).
    let assessment_events = |c: &[Change]| {
        c.iter()
            .filter(|c| matches!(c, Change::AssessmentEvent(e) if e.assessment == id(0xA55)))
            .count()
    };
    assert_eq!(assessment_events(&everything), 3);
    assert_eq!(
        assessment_events(&mine),
        1,
        "the plan the engineer submitted"
    );
    assert_eq!(
        tickets_in(&mine),
        tickets_in(&everything),
        "an engineer sees every ticket"
    );
    let committee = exporter(&data, Role::Committee);
    assert!(tickets_in(&select(&data, &Selection::All, committee, &calendar)).is_empty());
}

#[test]
fn the_export_form_is_checked_field_by_field() {
    use aftersales::domain::error::{Field, Problem};
    use aftersales::domain::selection::{ExportDraft, PASSPHRASE_MIN};
    let draft =
        |selection: &str, from: &str, to: &str, passphrase: &str, repeat: &str| ExportDraft {
            selection: selection.into(),
            from: from.into(),
            to: to.into(),
            unit: None,
            passphrase: passphrase.into(),
            repeat: repeat.into(),
        };
    let problems = |d: ExportDraft| -> Vec<(Field, Problem)> {
        d.check()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    };
    assert_eq!(
        draft("all", "", "", "", "").check(),
        Ok((Selection::All, None))
    );
    assert_eq!(
        draft(
            "period",
            "2026-10-01",
            "2026-10-31",
            "晚上八点在老地方见面",
            "晚上八点在老地方见面"
        )
        .check(),
        Ok((
            Selection::Period {
                from: Date::parse("2026-10-01").unwrap(),
                to: Date::parse("2026-10-31").unwrap()
            },
            Some("晚上八点在老地方见面".to_string())
        ))
    );
    assert_eq!(
        problems(draft("period", "", "2026-13-01", "", "")),
        [
            (Field::PeriodFrom, Problem::Required),
            (Field::PeriodTo, Problem::InvalidDate)
        ]
    );
    assert_eq!(
        problems(draft("period", "2026-10-31", "2026-10-01", "", "")),
        [(Field::PeriodTo, Problem::PeriodEndsBeforeStart)]
    );
    assert_eq!(
        problems(draft("unit", "", "", "", "")),
        [(Field::Unit, Problem::Required)]
    );
    assert_eq!(
        problems(draft("surveys", "", "", "short", "short")),
        [(
            Field::Passphrase,
            Problem::PassphraseTooShort {
                min: PASSPHRASE_MIN
            }
        )]
    );
    assert_eq!(
        problems(draft("surveys", "", "", "long enough", "long enougH")),
        [(Field::PassphraseConfirm, Problem::PassphraseMismatch)]
    );
}

/// Two copies of one ticket event that differ in the customer's name, neither anonymised, are two writes under one
/// name: refused (found by the attack review). A copy differing only in what an anonymisation removed is not.
#[test]
fn an_event_differing_only_in_personal_data_is_refused_unless_anonymised() {
    let registered = event(
        1,
        1,
        0,
        Happening::Registered(registration(Kind::Repair, "2027-01-01").into()),
    );
    let here = data_of([Change::TicketEvent(registered.clone())]);
    let mut renamed = registered.clone();
    if let Happening::Registered(r) = &mut renamed.what {
        std::sync::Arc::make_mut(r).customer.name = "别人".into();
    }
    let refused = preview(&here, vec![Change::TicketEvent(renamed)], &calendar(), NOW);
    assert_eq!(refused.refused.len(), 1);
    assert_eq!(refused.refused[0].reason, Refusing::ClashingEvent);

    let mut anonymous = registered;
    if let Happening::Registered(r) = &mut anonymous.what {
        let customer = &mut std::sync::Arc::make_mut(r).customer;
        customer.name.clear();
        customer.phone = "000001234567890".into();
        customer.address = "#1".into();
    }
    let taken = preview(
        &here,
        vec![Change::TicketEvent(anonymous)],
        &calendar(),
        NOW,
    );
    assert!(taken.refused.is_empty());
}

/// A provider's fines are for those who assess providers: an engineer's or an agent's file carries none of the
/// providers' inputs, rules or statements; a manager's carries them, within the period chosen.
#[test]
fn an_engineer_s_file_carries_nothing_of_the_providers_fines() {
    let (data, calendar) = company();
    let kinds = |role: Role, selection: &Selection| -> BTreeSet<&'static str> {
        select(&data, selection, exporter(&data, role), &calendar)
            .iter()
            .map(Change::kind)
            .filter(|k| ["provider_input", "penalty_rules", "statement"].contains(k))
            .collect()
    };
    assert!(data.provider_inputs.live_count() > 0 && data.penalty_rules.live_count() > 0);
    assert_eq!(kinds(Role::Engineer, &Selection::All), BTreeSet::new());
    assert_eq!(kinds(Role::Agent, &Selection::All), BTreeSet::new());
    assert_eq!(
        kinds(Role::Manager, &Selection::All),
        BTreeSet::from(["provider_input", "penalty_rules"])
    );
    // A period long past holds the rules, none of the month's inputs.
    let (from, to) = (
        Date::parse("2025-01-01").unwrap(),
        Date::parse("2025-01-31").unwrap(),
    );
    assert_eq!(
        kinds(Role::Manager, &Selection::Period { from, to }),
        BTreeSet::from(["penalty_rules"])
    );
}
