//! Benchmarks of the store's pure parts at the scale the budgets name: encoding and decoding a snapshot of
//! 100k records, and merging two devices' 50k-record sets (last writer wins by hybrid logical clock).
//! Run with `make bench`; criterion prints the medians.

use std::hint::black_box;

use aftersales::domain::clock::Hlc;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::org::{Affiliation, Employment, OrgUnit, Position, Staff, UnitKind};
use aftersales::domain::record::Versioned;
use aftersales::store::{CURRENT_SCHEMA, snapshot};
use criterion::{Criterion, criterion_group, criterion_main};

/// `count` records (one unit per 20 staff) written on `device`, ids from `first`, stamps from `start_ms`.
fn generate(count: u128, first: u128, device: u128, start_ms: u64) -> Dataset {
    let mut clock = Hlc::new(DeviceId::from_u128(device));
    let mut data = Dataset::default();
    for n in first..first + count {
        let stamp = clock.tick(start_ms + (n as u64) / 3);
        let id = Id::from_u128(n);
        let change = match n % 20 {
            0 => Change::Unit(Versioned {
                id,
                stamp,
                deleted: false,
                history: None,
                body: OrgUnit {
                    name: format!("华东区维修{n}组"),
                    kind: UnitKind::Team,
                    parent: None,
                },
            }),
            _ => Change::Staff(Versioned {
                id,
                stamp,
                deleted: n % 97 == 0,
                history: None,
                body: Staff {
                    number: format!("S{n:06}"),
                    name: format!("工程师{n}"),
                    position: Position::Engineer,
                    affiliation: Affiliation::Unit(Id::from_u128(n - n % 20)),
                    superior: None,
                    employment: Employment::Formal,
                    phone: format!("138{:08}", n % 100_000_000),
                    certificates: Vec::new(),
                },
            }),
        };
        data.apply(change);
    }
    data
}

fn snapshot_benches(c: &mut Criterion) {
    let data = generate(100_000, 1, 1, 1_700_000_000_000);
    let chunks = snapshot::encode(&data, aftersales::store::CHUNK_RECORDS).chunks;
    let bytes: usize = chunks.iter().map(Vec::len).sum();
    println!(
        "snapshot of {} records: {} chunks, {:.1} MB",
        data.record_count(),
        chunks.len(),
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function("snapshot encode 100k", |b| {
        b.iter(|| snapshot::encode(black_box(&data), aftersales::store::CHUNK_RECORDS).chunks)
    });
    group.bench_function("snapshot decode 100k", |b| {
        b.iter(|| snapshot::decode(black_box(&chunks), std::iter::empty(), CURRENT_SCHEMA).unwrap())
    });

    // Two devices: 50k records each, half of them the same ids edited on both sides at different times.
    let left = generate(50_000, 1, 1, 1_700_000_000_000);
    let right = generate(50_000, 25_001, 2, 1_700_000_000_500);
    group.bench_function("merge 50k + 50k", |b| {
        b.iter(|| {
            let mut merged = left.clone();
            merged.merge(black_box(&right));
            merged
        })
    });
    group.finish();
}

criterion_group!(benches, snapshot_benches);
criterion_main!(benches);
