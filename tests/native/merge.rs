//! Property tests of the merge (R9.3): whatever three devices did — edits of some fields of a
//! record over what they had, deletions, taking in each other's data in any order — and whatever ticket events they
//! wrote, merging their datasets is idempotent (A+A = A), commutative (A+B = B+A) and associative
//! ((A+B)+C = A+(B+C)), and devices that exchange everything converge.

use aftersales::domain::clock::{Hlc, Stamp};
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::org::{OrgUnit, UnitKind};
use aftersales::domain::record::Versioned;
use aftersales::domain::ticket::{Happening, TicketEvent};
use proptest::prelude::*;

/// What one device does in a history: edit some fields of one of a few records (creating it if it has none),
/// delete one, or take in another device's data (as an import does).
#[derive(Clone, Debug)]
enum Op {
    Edit { record: u128, fields: u8 },
    Delete { record: u128 },
    Receive { from: usize },
}

fn op() -> impl Strategy<Value = (usize, Op)> {
    let op = prop_oneof![
        4 => (0u128..3, 1u8..8).prop_map(|(record, fields)| Op::Edit { record, fields }),
        1 => (0u128..3).prop_map(|record| Op::Delete { record }),
        2 => (0usize..DEVICES).prop_map(|from| Op::Receive { from }),
    ];
    (0usize..DEVICES, op)
}

const DEVICES: usize = 3;

/// The devices' datasets after `ops`, each device with its own clock; the wall clock advances every other step,
/// so stamps tie on wall time and the counter and device decide.
fn run(ops: &[(usize, Op)]) -> Vec<Dataset> {
    let mut devices: Vec<(Dataset, Hlc)> = (0..DEVICES)
        .map(|d| {
            (
                Dataset::default(),
                Hlc::new(DeviceId::from_u128(d as u128 + 1)),
            )
        })
        .collect();
    for (step, (device, op)) in ops.iter().enumerate() {
        let now = step as u64 / 2;
        match op {
            Op::Edit { record, fields } => {
                let (data, clock) = &mut devices[*device];
                let id = Id::from_u128(*record);
                let stamp = clock.tick(now);
                let version = match data.units.version(id) {
                    Some(current) => {
                        let mut body = current.body.clone();
                        if fields & 1 != 0 {
                            body.name = format!("{device}.{step}");
                        }
                        if fields & 2 != 0 {
                            body.kind = [UnitKind::Team, UnitKind::Region][step % 2];
                        }
                        if fields & 4 != 0 {
                            body.parent = Some(Id::from_u128(step as u128));
                        }
                        current.edited(body, stamp)
                    }
                    None => Versioned::new(
                        id,
                        stamp,
                        OrgUnit {
                            name: format!("{device}.{step}"),
                            kind: UnitKind::Team,
                            parent: None,
                        },
                    ),
                };
                data.apply(Change::Unit(version));
            }
            Op::Delete { record } => {
                let (data, clock) = &mut devices[*device];
                let stamp = clock.tick(now);
                if let Some(current) = data.units.live_version(Id::from_u128(*record)) {
                    let deletion = current.deleted_at(stamp);
                    data.apply(Change::Unit(deletion));
                }
            }
            Op::Receive { from } => {
                let incoming = devices[*from].0.clone();
                let (data, clock) = &mut devices[*device];
                data.merge(&incoming);
                if let Some(latest) = data.latest_stamp() {
                    clock.observe(latest, now);
                }
            }
        }
    }
    devices.into_iter().map(|(data, _)| data).collect()
}

/// Three devices' datasets after a random history of edits, deletions and exchanges.
pub(crate) fn devices() -> impl Strategy<Value = Vec<Dataset>> {
    prop::collection::vec(op(), 0..40).prop_map(|ops| run(&ops))
}

/// An event of one of a few tickets: events are immutable, so one id always carries the same event, and two
/// devices holding it hold the same write.
fn ticket_event() -> impl Strategy<Value = Change> {
    (0u128..12).prop_map(|n| {
        let ticket = Id::from_u128(0x7000 + n % 3);
        Change::TicketEvent(TicketEvent {
            id: Id::from_u128(0x9000 + n),
            ticket,
            stamp: Stamp {
                wall_ms: (n % 4) as u64,
                counter: 0,
                device: DeviceId::from_u128(1 + n % 2),
            },
            at: n as i64,
            by: None,
            what: Happening::Noted {
                text: format!("note {n}"),
            },
        })
    })
}

/// Three devices' datasets after one history, each with some ticket events as well. (One history: a stamp names
/// one write, as it does between real devices, where one device never issues the same stamp twice.)
fn three_devices() -> impl Strategy<Value = [Dataset; 3]> {
    (
        devices(),
        prop::collection::vec(prop::collection::vec(ticket_event(), 0..12), 3),
    )
        .prop_map(|(devices, events)| {
            let mut out: [Dataset; 3] = Default::default();
            for (i, data) in out.iter_mut().enumerate() {
                *data = devices[i].clone();
                for event in &events[i] {
                    data.apply(event.clone());
                }
            }
            out
        })
}

fn merged(a: &Dataset, b: &Dataset) -> Dataset {
    let mut out = a.clone();
    out.merge(b);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn merging_is_idempotent([a, _, _] in three_devices()) {
        prop_assert_eq!(merged(&a, &a), a);
    }

    #[test]
    fn merging_is_commutative([a, b, _] in three_devices()) {
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
    }

    #[test]
    fn merging_is_associative([a, b, c] in three_devices()) {
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Whatever the history, devices that exchange everything end up equal, and every edit of a field on one device
    /// that no later edit of that field replaced is there.
    #[test]
    fn devices_that_exchange_everything_hold_the_same_data(ops in prop::collection::vec(op(), 0..40)) {
        let mut all = run(&ops);
        let mut everything = Dataset::default();
        for data in &all {
            everything.merge(data);
        }
        for data in &mut all {
            for other in run(&ops) {
                data.merge(&other);
            }
            prop_assert_eq!(&*data, &everything);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A log keeps its latest stamp as events arrive, duplicates included and in any order: it is the greatest of
    /// the events it holds, as merged; and dropping it owner by owner (`drop_owners`, whole data no longer used)
    /// counts down to nothing.
    #[test]
    fn a_log_keeps_the_latest_stamp_of_its_events(events in prop::collection::vec(ticket_event(), 0..30), slice in 1usize..3) {
        let mut data = Dataset::default();
        for event in &events {
            data.apply(event.clone());
        }
        let walked = data.tickets.all_events().map(|e| e.stamp).max();
        prop_assert_eq!(data.tickets.latest_stamp(), walked);
        let mut merged = Dataset::default();
        merged.merge(&data);
        prop_assert_eq!(merged.tickets.latest_stamp(), walked);
        let mut owners = data.tickets.owner_count();
        while data.tickets.drop_owners(slice) {
            owners -= slice;
            prop_assert_eq!(data.tickets.owner_count(), owners);
            prop_assert_eq!(data.tickets.event_count(), data.tickets.all_events().count());
        }
        prop_assert_eq!(data.tickets.event_count(), 0);
        prop_assert_eq!(data.tickets.latest_stamp(), None);
    }
}
