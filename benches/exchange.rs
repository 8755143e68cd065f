//! The worker module's file work over the demo company scaled to 100,000 tickets, natively (the budgets put an
//! export at ≤ 1.5 s and an import at ≤ 3 s in the browser at 4×; the browser's figures are `e2e/tests/bench.rs`'s).
//! Prints each step of an export of everything and of the preview of the file a tablet brings in the evening (the
//! last month and a day's new tickets) once, then criterion's medians of the two whole jobs. Run with `make bench`.

use std::hint::black_box;
use std::time::Instant;

use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::access::Role;
use aftersales::domain::calendar::{Calendar, Date};
use aftersales::domain::dataset::Dataset;
use aftersales::domain::ids::DeviceId;
use aftersales::domain::import;
use aftersales::domain::selection::{Exporter, Selection, select};
use aftersales::store::{CHUNK_RECORDS, CURRENT_SCHEMA, StoreSource, Stored, snapshot};
use aftersales::sync::format::{self, DeviceInfo, Origin};
use aftersales::sync::work::{self, ExportRequest, ImportRequest};
use criterion::{Criterion, criterion_group, criterion_main};

/// Runs `step`, printing how long it took.
fn timed<T>(what: &str, step: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = step();
    println!("  {what}: {:.0} ms", started.elapsed().as_secs_f64() * 1e3);
    value
}

fn exchange(c: &mut Criterion) {
    let calendar = Calendar::china_default();
    let now = calendar.instant(Date::parse("2026-11-28").unwrap(), 17 * 60);
    let company = |seed, tickets| {
        generate(
            DemoSpec {
                seed,
                tickets,
                ..DemoSpec::company(now)
            },
            &calendar,
        )
    };
    let mut data = Dataset::default();
    for change in company(1, 100_000) {
        data.apply(change);
    }
    let (admin, user) = data
        .users
        .live()
        .find(|(_, u)| u.role == Role::Admin)
        .map(|(id, u)| (id, u.clone()))
        .unwrap();
    let exporter = Exporter {
        role: user.role,
        user: admin,
        staff: user.staff,
    };
    let stored = Stored {
        unread: None,
        generation: 0,
        schema_version: Some(CURRENT_SCHEMA),
        chunks: snapshot::encode(&data, CHUNK_RECORDS).chunks,
        log: Vec::new(),
        damaged: Vec::new(),
    };
    let stored_mb = stored.chunks.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    let origin = |selection| Origin {
        device: DeviceInfo {
            id: DeviceId::from_u128(0x0FF1CE),
            name: "办公室".into(),
        },
        exported_at: now,
        exported_by: user.name.clone(),
        selection,
    };

    println!("export of everything, {stored_mb:.0} MB stored, step by step:");
    let decoded = timed("decode the store", || {
        snapshot::decode(&stored.chunks, std::iter::empty(), CURRENT_SCHEMA).unwrap()
    });
    let records = timed("select what the administrator sees", || {
        select(&decoded, &Selection::All, exporter, &calendar)
    });
    let count = records.len();
    let file = timed("write the JSON (with its SHA-256)", || {
        format::write(&origin(Selection::All), records)
    });
    println!("  {count} records, {:.0} MB", file.len() as f64 / 1e6);
    drop((decoded, file));

    // The evening's file: the last month as the office has it and a tablet's day of new tickets.
    let today = calendar.local_date(now);
    let month = select(
        &data,
        &Selection::Period {
            from: today.add_days(-30),
            to: today,
        },
        exporter,
        &calendar,
    );
    let day = company(99, 300)
        .into_iter()
        .filter(|c| c.kind() == "ticket_event");
    let evening = format::write(
        &origin(Selection::All),
        month.into_iter().chain(day).collect(),
    );
    println!(
        "import preview of a {:.0} MB file into it, step by step:",
        evening.len() as f64 / 1e6
    );
    let parsed = timed("read and check the file", || {
        format::read(evening.as_bytes()).unwrap()
    });
    let current = timed("decode the store", || {
        snapshot::decode(&stored.chunks, std::iter::empty(), CURRENT_SCHEMA).unwrap()
    });
    let preview = timed("merge (every record through the domain's checks)", || {
        import::preview(&current, parsed.records, &calendar, now as u64)
    });
    timed("encode the merged and the backup snapshots", || {
        (
            snapshot::encode(&current, CHUNK_RECORDS).chunks,
            snapshot::encode(&preview.merged, CHUNK_RECORDS).chunks,
        )
    });
    drop((current, preview));

    let export_request = ExportRequest {
        source: StoreSource::Sent(stored.clone()),
        device: DeviceId::from_u128(0x0FF1CE),
        device_name: "办公室".into(),
        at: now,
        by: user.name.clone(),
        exporter,
        selection: Selection::All,
        passphrase: None,
    };
    let import_request = ImportRequest {
        source: StoreSource::Sent(stored.clone()),
        file: evening.into_bytes(),
        passphrase: None,
        now,
    };
    let mut group = c.benchmark_group("exchange");
    group.sample_size(10);
    group.bench_function("export of everything, 100k tickets", |b| {
        b.iter(|| work::export(black_box(&export_request), &stored).unwrap())
    });
    group.bench_function(
        "import preview of the evening's file into 100k tickets",
        |b| b.iter(|| work::preview_import(black_box(&import_request), &stored).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, exchange);
criterion_main!(benches);
