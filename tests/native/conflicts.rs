//! The conflicts screen's list and its settling (`domain::conflicts`, `sync::conflicts`; R9.3): every field
//! two devices changed, with the value kept and the other in words; settling one writes the chosen value over both,
//! so the conflict is gone here and stays gone wherever the older writes arrive; the events of open tickets that
//! did not fit, and none of a closed ticket's.

use aftersales::domain::conflicts::{open_conflicts, settle};
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::import::Found;
use aftersales::domain::org::Employment;
use aftersales::domain::record::MergeOutcome;
use aftersales::domain::ticket::{Happening, Kind};
use aftersales::sync::conflicts::show;

use crate::common::{fixture_org, id};
use crate::import::{data_of, staff_edit, stamp};
use crate::ticket::{calendar, event, registration};

/// The conflicts in `data`, one line each: kind, record, field, kept value | other value (a ticket's: its event).
fn table(data: &Dataset) -> String {
    show(data, open_conflicts(data, &calendar()))
        .iter()
        .map(|shown| match &shown.found {
            Found::Field {
                kind, label, field, ..
            } => format!(
                "{kind} {label} {field}: {} | {}",
                shown.kept_value, shown.other_value
            ),
            Found::Ticket {
                label,
                event,
                after,
                ..
            } => format!("ticket {label}: {event} after {after:?}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The fixture org where a tablet (A, earlier) and the office (B, later) both changed person 10's name, phone and
/// superior, and the tablet alone their position; with both devices' edits.
fn edited_on_two_devices() -> (Dataset, Change, Change) {
    let base = fixture_org();
    let tablet = staff_edit(&base, 0xA, 5_000, |s| {
        s.name = "周总监（平板）".into();
        s.phone = "13900000001".into();
        s.superior = Some(id(12));
        s.employment = Employment::Probation;
    });
    let office = staff_edit(&base, 0xB, 6_000, |s| {
        s.name = "周总监（办公室）".into();
        s.phone = "13800000002".into();
        s.superior = Some(id(13));
    });
    let merged = data_of(base.changes().chain([tablet.clone(), office.clone()]));
    (merged, tablet, office)
}

#[test]
fn each_field_both_devices_changed_is_listed_with_both_values_and_ids_as_names() {
    let (merged, _, _) = edited_on_two_devices();
    assert_eq!(
        merged.staff.get(id(10)).unwrap().employment,
        Employment::Probation,
        "a field only one device changed is no conflict: the change is kept"
    );
    assert_eq!(
        table(&merged),
        "\
staff S001 周总监（办公室） name: 周总监（办公室） | 周总监（平板）
staff S001 周总监（办公室） superior: S004 赵主管 | S003 李主管
staff S001 周总监（办公室） phone: 13800000002 | 13900000001"
    );
}

#[test]
fn settling_writes_the_chosen_value_over_both_and_an_older_copy_does_not_bring_the_conflict_back() {
    let (mut merged, tablet, office) = edited_on_two_devices();
    let conflicts = open_conflicts(&merged, &calendar());
    let Some(Found::Field {
        kind,
        id: record,
        field,
        other,
        ..
    }) = conflicts.first()
    else {
        panic!("{conflicts:?}")
    };
    assert_eq!(field, "name");
    // The supervisor uses the tablet's name.
    let settled = settle(&merged, kind, *record, field, *other, stamp(7_000, 0xC)).unwrap();
    assert_eq!(merged.apply(settled.clone()), MergeOutcome::Updated);
    let person = merged.staff.get(id(10)).unwrap();
    assert_eq!(person.name, "周总监（平板）");
    assert_eq!(person.phone, "13800000002", "the other field is untouched");
    assert!(!table(&merged).contains(" name:"), "{}", table(&merged));
    assert!(table(&merged).contains(" phone:"));

    // Either device's older copy arriving again changes nothing, and a device that had only its own edit takes
    // the settlement whole.
    for older in [&tablet, &office] {
        assert_eq!(merged.apply(older.clone()), MergeOutcome::Unchanged);
    }
    let mut at_office = data_of(fixture_org().changes().chain([office.clone()]));
    at_office.apply(tablet.clone());
    at_office.apply(settled);
    assert_eq!(
        at_office.staff.version(id(10)),
        merged.staff.version(id(10))
    );

    // Keeping the value kept settles too, and changes no value.
    let before = merged.staff.get(id(10)).unwrap().clone();
    for (n, found) in open_conflicts(&merged, &calendar()).into_iter().enumerate() {
        let Found::Field {
            kind, field, kept, ..
        } = found
        else {
            panic!("{found:?}")
        };
        let keep = settle(
            &merged,
            &kind,
            id(10),
            &field,
            kept,
            stamp(8_000 + n as u64, 0xC),
        )
        .unwrap();
        merged.apply(keep);
        assert!(
            settle(&merged, &kind, id(10), &field, kept, stamp(9_000, 0xC)).is_none(),
            "no write of the field has that stamp any more"
        );
    }
    assert_eq!(merged.staff.get(id(10)), Some(&before));
    assert_eq!(table(&merged), "");
    assert!(
        settle(
            &merged,
            "staff",
            id(10),
            "no_such_field",
            stamp(1, 1),
            stamp(9_000, 0xC)
        )
        .is_none()
    );
}

#[test]
fn an_open_tickets_unfit_event_is_listed_and_a_closed_tickets_is_not() {
    let mut data = Dataset::default();
    let steps = [
        Happening::Registered(registration(Kind::Repair, "2027-01-01").into()),
        Happening::Triaged {
            note: String::new(),
        },
        Happening::Assigned { engineer: id(0xA) },
        Happening::VisitScheduled {
            at: crate::ticket::at(3),
        },
        Happening::Arrived,
    ];
    for (n, what) in steps.into_iter().enumerate() {
        data.apply(Change::TicketEvent(event(n as u128 + 1, 1, n as i64, what)));
    }
    for (n, device) in [(10, 1), (11, 2)] {
        data.apply(Change::TicketEvent(event(
            n,
            device,
            6,
            Happening::Resolved {
                solution: format!("方案 {n}"),
                report: None,
            },
        )));
    }
    let listed = table(&data);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.starts_with("ticket "), "{listed}");
    for (n, what) in [(12, Happening::Confirmed), (13, Happening::Closed)] {
        data.apply(Change::TicketEvent(event(n, 1, 8, what)));
    }
    let ticket = data.tickets.fold_all(&calendar()).pop().unwrap();
    assert!(!ticket.state.is_open(), "{:?}", ticket.state);
    assert_eq!(ticket.conflicts.len(), 1, "the timeline still shows it");
    assert_eq!(table(&data), "", "a closed ticket's conflict is not listed");
}
