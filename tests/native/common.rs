//! Helpers shared by the native test binaries: a fixture org, stamps, and a tiny executor for the store's
//! futures (the in-memory backend completes at once, so polling is enough).

#![allow(dead_code)]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use aftersales::domain::access::{Role, User};
use aftersales::domain::clock::Stamp;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::org::{Affiliation, Employment, OrgUnit, Position, Staff, UnitKind};
use aftersales::domain::record::Versioned;

pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

pub const DEVICE: DeviceId = DeviceId::from_u128(0xD1);

pub fn stamp(wall_ms: u64) -> Stamp {
    Stamp {
        wall_ms,
        counter: 0,
        device: DEVICE,
    }
}

pub fn id(n: u128) -> Id {
    Id::from_u128(n)
}

pub fn versioned<T>(n: u128, wall_ms: u64, body: T) -> Versioned<T> {
    Versioned {
        id: id(n),
        stamp: stamp(wall_ms),
        deleted: false,
        history: None,
        body,
    }
}

pub fn unit(n: u128, name: &str, kind: UnitKind, parent: Option<u128>) -> Change {
    Change::Unit(versioned(
        n,
        n as u64,
        OrgUnit {
            name: name.into(),
            kind,
            parent: parent.map(id),
        },
    ))
}

pub fn person(
    n: u128,
    number: &str,
    name: &str,
    position: Position,
    unit: u128,
    superior: Option<u128>,
) -> Change {
    Change::Staff(versioned(
        n,
        n as u64,
        Staff {
            number: number.into(),
            name: name.into(),
            position,
            affiliation: Affiliation::Unit(id(unit)),
            superior: superior.map(id),
            employment: Employment::Formal,
            phone: String::new(),
            certificates: Vec::new(),
        },
    ))
}

pub fn user(n: u128, name: &str, role: Role) -> Change {
    Change::User(versioned(
        n,
        n as u64,
        User {
            name: name.into(),
            role,
            staff: None,
            pin: None,
        },
    ))
}

/// 公司 → 售后服务部 → 华东区, 华南区; a sales director over a manager over two supervisors with engineers.
pub fn fixture_org() -> Dataset {
    let mut data = Dataset::default();
    let changes = [
        unit(1, "星河电器", UnitKind::Company, None),
        unit(2, "售后服务部", UnitKind::Department, Some(1)),
        unit(3, "华东区", UnitKind::Region, Some(2)),
        unit(4, "华南区", UnitKind::Region, Some(2)),
        person(10, "S001", "周总监", Position::SalesDirector, 1, None),
        person(11, "S002", "王经理", Position::Manager, 2, Some(10)),
        person(12, "S003", "李主管", Position::Supervisor, 3, Some(11)),
        person(13, "S004", "赵主管", Position::Supervisor, 4, Some(11)),
        person(14, "S005", "陈工", Position::Engineer, 3, Some(12)),
        person(15, "S006", "刘工", Position::Engineer, 3, Some(12)),
        user(20, "管理员", Role::Admin),
    ];
    for change in changes {
        data.apply(change);
    }
    data
}

/// A cycle of 2026's third quarter for `scheme`, with a seven-day appeal window.
pub fn third_quarter(
    scheme: aftersales::domain::assessment::scheme::Scheme,
) -> aftersales::domain::assessment::cycle::Cycle {
    use aftersales::domain::assessment::cycle::{Cycle, CyclePeriod};
    use aftersales::domain::calendar::Date;
    Cycle {
        name: "2026年第3季度".into(),
        scheme,
        period: CyclePeriod {
            year: 2026,
            part: 3,
        },
        appeal_days: 7,
        plans_due: Date::parse("2026-07-10").unwrap(),
        forms_due: Date::parse("2026-10-08").unwrap(),
        results_due: Date::parse("2026-10-20").unwrap(),
    }
}
