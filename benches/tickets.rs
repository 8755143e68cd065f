//! Replaying tickets: 100k tickets' events (about 8 each) folded into their states and SLA clocks on the China
//! calendar — issue 3's budget is ≤ 100 ms native — and their snapshot read back, in the stored binary encoding
//! and, for comparison, as the JSON of schema 1. Run with `make bench`.

use std::sync::Arc;

use std::hint::black_box;

use aftersales::codec;
use aftersales::domain::calendar::{Calendar, Date, Instant};
use aftersales::domain::clock::Stamp;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::sla::{Policy, clocks};
use aftersales::domain::ticket::{
    Channel, Customer, Happening, Kind, Priority, Product, Registration, Ticket, TicketEvent,
};
use aftersales::store::CHUNK_RECORDS;
use aftersales::store::CURRENT_SCHEMA;
use aftersales::store::snapshot as store_snapshot;
use criterion::{Criterion, criterion_group, criterion_main};

const HOUR: i64 = 3_600_000;

/// A small deterministic generator (xorshift), so every run replays the same history.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

fn history(count: u64, calendar: &Calendar) -> Vec<Vec<TicketEvent>> {
    let mut rng = Rng(0x5EED);
    let year_start = calendar.instant(Date::parse("2025-01-01").unwrap(), 0);
    let kinds = [
        Kind::Repair,
        Kind::Installation,
        Kind::Complaint,
        Kind::Consultation,
        Kind::Return,
    ];
    (0..count)
        .map(|n| {
            let ticket = Id::from_u128(u128::from(n) << 32);
            let received = year_start + (rng.next(360 * 24) as i64) * HOUR;
            let kind = kinds[rng.next(kinds.len() as u64) as usize];
            let mut at = received;
            let mut seq = 0u128;
            let mut event = |what: Happening, at: Instant| {
                seq += 1;
                TicketEvent {
                    id: Id::from_u128((u128::from(n) << 32) + seq),
                    ticket,
                    stamp: Stamp {
                        wall_ms: at as u64,
                        counter: seq as u32,
                        device: DeviceId::from_u128(1),
                    },
                    at,
                    by: None,
                    what,
                }
            };
            let mut events = vec![event(
                Happening::Registered(Arc::new(Registration {
                    customer: Customer {
                        name: format!("客户{n}"),
                        phone: format!("139{n:08}"),
                        address: "上海".into(),
                    },
                    product: Product {
                        category: "空调".into(),
                        model: "KF-35".into(),
                        serial: format!("SN{n}"),
                        purchase_date: None,
                        warranty_end: Date::parse("2027-12-31"),
                    },
                    description: "不制冷".into(),
                    kind,
                    priority: Priority::Normal,
                    channel: Channel::Phone,
                    received_at: received,
                    requested_visit: Some(received + 24 * HOUR),
                    unit: None,
                    order_number: String::new(),
                    number: String::new(),
                })),
                at,
            )];
            let mut step = |what: Happening, hours: u64, events: &mut Vec<TicketEvent>| {
                at += (1 + rng.next(hours)) as i64 * HOUR;
                events.push(event(what, at));
            };
            step(
                Happening::Triaged {
                    note: String::new(),
                },
                30,
                &mut events,
            );
            step(
                Happening::Assigned {
                    engineer: Id::from_u128(7),
                },
                4,
                &mut events,
            );
            step(Happening::Arrived, 48, &mut events);
            if n % 5 == 0 {
                step(
                    Happening::Held {
                        reason: "等待配件".into(),
                    },
                    2,
                    &mut events,
                );
                step(Happening::Resumed, 72, &mut events);
            }
            step(
                Happening::Resolved {
                    solution: "更换配件".into(),
                    report: None,
                },
                8,
                &mut events,
            );
            step(Happening::Confirmed, 24, &mut events);
            step(Happening::Closed, 24, &mut events);
            if n % 17 == 0 {
                step(
                    Happening::Reopened {
                        reason: "又坏了".into(),
                    },
                    200,
                    &mut events,
                );
            }
            events
        })
        .collect()
}

fn replay(c: &mut Criterion) {
    let calendar = Calendar::china_default();
    let policy = Policy::default();
    let tickets = history(100_000, &calendar);
    let events: usize = tickets.iter().map(Vec::len).sum();
    println!("{} tickets, {events} events", tickets.len());
    let now = calendar.instant(Date::parse("2026-01-15").unwrap(), 10 * 60);
    let mut group = c.benchmark_group("tickets");
    group.sample_size(10);
    group.bench_function("fold only, 100k tickets", |b| {
        b.iter(|| {
            tickets
                .iter()
                .map(|events| {
                    Ticket::fold(events, &calendar)
                        .expect("registered")
                        .reopen_count
                })
                .sum::<u32>()
        })
    });
    let folded: Vec<Ticket> = tickets
        .iter()
        .map(|events| Ticket::fold(events, &calendar).unwrap())
        .collect();
    group.bench_function("SLA clocks only, 100k tickets", |b| {
        b.iter(|| {
            folded
                .iter()
                .map(|t| clocks(t, &policy, &calendar, now).len())
                .sum::<usize>()
        })
    });
    group.bench_function("fold + SLA clocks, 100k tickets", |b| {
        b.iter(|| {
            let mut breaches = 0usize;
            for events in &tickets {
                let ticket = Ticket::fold(events, &calendar).expect("registered");
                breaches += clocks(&ticket, &policy, &calendar, now)
                    .iter()
                    .filter(|c| c.standing.is_breach())
                    .count();
            }
            black_box(breaches)
        })
    });
    group.finish();
}

fn snapshot(c: &mut Criterion) {
    let calendar = Calendar::china_default();
    let mut data = Dataset::default();
    for event in history(100_000, &calendar).into_iter().flatten() {
        data.apply(Change::TicketEvent(event));
    }
    let chunks = store_snapshot::encode(&data, CHUNK_RECORDS).chunks;
    let binary: usize = chunks.iter().map(Vec::len).sum();
    let changes: Vec<Change> = data.changes().collect();
    let json: Vec<String> = changes
        .chunks(CHUNK_RECORDS)
        .map(|chunk| serde_json::to_string(chunk).unwrap())
        .collect();
    let json_bytes: usize = json.iter().map(String::len).sum();
    println!(
        "snapshot of 100k tickets ({} events): binary {:.1} MB in {} chunks, JSON {:.1} MB ({:.1}× larger)",
        changes.len(),
        binary as f64 / 1e6,
        chunks.len(),
        json_bytes as f64 / 1e6,
        json_bytes as f64 / binary as f64
    );
    let mut group = c.benchmark_group("snapshot");
    group.sample_size(10);
    group.bench_function("decode 100k tickets, binary", |b| {
        b.iter(|| {
            store_snapshot::decode(black_box(&chunks), std::iter::empty(), CURRENT_SCHEMA).unwrap()
        })
    });
    group.bench_function("decode only (no apply) 100k tickets, binary", |b| {
        b.iter(|| {
            chunks
                .iter()
                .map(|chunk| codec::from_bytes::<Vec<Change>>(chunk).unwrap().len())
                .sum::<usize>()
        })
    });
    group.bench_function(
        "decode 100k tickets, JSON (schema 1, for comparison)",
        |b| {
            b.iter(|| {
                json.iter()
                    .map(|chunk| serde_json::from_str::<Vec<Change>>(chunk).unwrap().len())
                    .sum::<usize>()
            })
        },
    );
    group.bench_function("encode 100k tickets, binary", |b| {
        b.iter(|| store_snapshot::encode(black_box(&data), CHUNK_RECORDS).chunks)
    });
    group.finish();
}

criterion_group!(benches, replay, snapshot);
criterion_main!(benches);
