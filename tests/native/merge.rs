//! Property tests of the merge (R9.3, DESIGN.md "Data"): whatever versions and ticket events two or three devices
//! wrote, merging their datasets is idempotent (A+A = A), commutative (A+B = B+A) and associative
//! ((A+B)+C = A+(B+C)).

use aftersales::domain::clock::Stamp;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::org::{OrgUnit, UnitKind};
use aftersales::domain::record::Versioned;
use aftersales::domain::ticket::{Happening, TicketEvent};
use proptest::prelude::*;

/// A version of one of a few records (so that devices collide), at a small range of times (so that stamps tie
/// on wall time and the counter and device decide). A stamp names one write, so what a version says (its body,
/// whether it is a deletion) follows from its id and stamp: two devices holding the same stamp hold the same write.
fn version() -> impl Strategy<Value = Change> {
    (0u128..6, 0u64..5, 0u32..3, 1u128..4).prop_map(|(id, wall_ms, counter, device)| {
        Change::Unit(Versioned {
            id: Id::from_u128(id),
            stamp: Stamp {
                wall_ms,
                counter,
                device: DeviceId::from_u128(device),
            },
            deleted: (id + wall_ms as u128 + counter as u128 + device).is_multiple_of(4),
            body: OrgUnit {
                name: format!("{id}:{wall_ms}.{counter}@{device}"),
                kind: UnitKind::Team,
                parent: None,
            },
        })
    })
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

/// A device's dataset: some versions and ticket events applied in the order generated.
fn device() -> impl Strategy<Value = Dataset> {
    prop::collection::vec(prop_oneof![version(), ticket_event()], 0..30).prop_map(|changes| {
        let mut data = Dataset::default();
        for change in changes {
            data.apply(change);
        }
        data
    })
}

fn merged(a: &Dataset, b: &Dataset) -> Dataset {
    let mut out = a.clone();
    out.merge(b);
    out
}

proptest! {
    #[test]
    fn merging_is_idempotent(a in device()) {
        prop_assert_eq!(merged(&a, &a), a);
    }

    #[test]
    fn merging_is_commutative(a in device(), b in device()) {
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
    }

    #[test]
    fn merging_is_associative(a in device(), b in device(), c in device()) {
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
    }
}
