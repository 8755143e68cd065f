//! The KPI engine over the demo company scaled to 100,000 tickets (the same generator a first start offers):
//! the budgets put "recompute all KPIs over 100k tickets" at ≤ 10 ms native. Measured in three parts, since the
//! app derives them at different times: the per-ticket facts (once per change of the data: fold + SLA clocks are
//! `tickets`' bench), every figure for a month and the month before (what the dashboard's tiles need, on every
//! filter change and every half-minute tick), and the whole dashboard (tiles, a 12-month trend of every figure,
//! a ranking of engineers per figure). Run with `make bench`.

use std::hint::black_box;

use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::calendar::{Calendar, Date};
use aftersales::domain::clock::Stamp;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::kpi::engine::{self, Filter, Inputs};
use aftersales::domain::kpi::facts::Facts;
use aftersales::domain::kpi::{Breakdown, Kpi};
use aftersales::domain::period::{Period, PeriodKind};
use aftersales::domain::ticket::log::FoldedTickets;
use aftersales::domain::ticket::{Happening, TicketEvent};
use aftersales::store::CHUNK_RECORDS;
use aftersales::store::derived;
use aftersales::store::{CURRENT_SCHEMA, snapshot};
use criterion::{Criterion, criterion_group, criterion_main};

fn kpis(c: &mut Criterion) {
    let calendar = Calendar::china_default();
    let now = calendar.instant(Date::parse("2026-11-28").unwrap(), 17 * 60);
    let mut data = Dataset::default();
    let spec = DemoSpec {
        tickets: 100_000,
        ..DemoSpec::company(now)
    };
    for change in generate(spec, &calendar) {
        data.apply(change);
    }
    let tickets = data.tickets.fold_all(&calendar);
    let policy = data.service_settings().policy;
    println!(
        "{} tickets, {} events, {} cost lines",
        tickets.len(),
        data.tickets.event_count(),
        data.costs.live_count()
    );
    let month = Period::containing(PeriodKind::Month, Date::parse("2026-10-15").unwrap());
    let mut group = c.benchmark_group("kpi");
    group.sample_size(10);
    // What opening the dashboard with this data stored costs, stage by stage (the browser adds the IndexedDB
    // read and wasm's slower speed): the snapshot read into the dataset, every ticket folded, the facts.
    let chunks = snapshot::encode(&data, CHUNK_RECORDS).chunks;
    let stored: usize = chunks.iter().map(Vec::len).sum();
    println!(
        "snapshot: {} chunks, {:.1} MB",
        chunks.len(),
        stored as f64 / 1e6
    );
    group.bench_function("open: snapshot decoded into the dataset, 100k demo", |b| {
        b.iter_with_large_drop(|| {
            snapshot::decode(&chunks, std::iter::empty(), CURRENT_SCHEMA).unwrap()
        })
    });
    group.bench_function(
        "open: the latest stamp (moving this device's clock past it)",
        |b| b.iter(|| data.latest_stamp()),
    );
    group.bench_function("open: every ticket folded, 100k demo", |b| {
        b.iter(|| data.tickets.fold_all(&calendar).len())
    });
    group.bench_function("facts of 100k folded tickets", |b| {
        b.iter(|| Facts::new(&tickets, &data, &policy, &calendar).rows.len())
    });
    let facts = Facts::new(&tickets, &data, &policy, &calendar);
    // What the dashboard opens from before the history is read: the facts kept beside the data, decoded.
    let source = derived::Source::default();
    let sealed = derived::seal(&source, &facts);
    println!("kept facts: {:.1} MB", sealed.len() as f64 / 1e6);
    group.bench_function("open: the kept KPI facts decoded, 100k", |b| {
        b.iter_with_large_drop(|| derived::open(&sealed, &source).unwrap())
    });
    let inputs = Inputs { facts: &facts, now };
    let filter = Filter::default();
    group.bench_function(
        "all 21 KPIs, a month and the one before, 100k tickets",
        |b| {
            b.iter(|| {
                engine::totals_of(&Kpi::ALL, inputs, &filter, &[month.previous(), month])
                    .iter()
                    .map(|t| t[1].numerator)
                    .sum::<u64>()
            })
        },
    );
    let year: Vec<Period> = {
        let mut periods = vec![month];
        for _ in 0..11 {
            periods.insert(0, periods[0].previous());
        }
        periods
    };
    group.bench_function(
        "dashboard: tiles + 12-month trends + engineer ranking, 100k",
        |b| {
            b.iter(|| {
                let trends = engine::totals_of(&Kpi::ALL, inputs, &filter, &year);
                let mut sum: u64 = trends.iter().map(|t| t[11].numerator).sum();
                let ranked: Vec<Kpi> = Kpi::ALL
                    .into_iter()
                    .filter(|k| k.breakdowns().contains(&Breakdown::Staff))
                    .collect();
                sum += engine::groups_of(&ranked, inputs, &filter, month, Breakdown::Staff)
                    .iter()
                    .map(|g| g.len() as u64)
                    .sum::<u64>();
                black_box(sum)
            })
        },
    );
    group.bench_function("one explanation (first-time fix, a month), 100k", |b| {
        b.iter(|| {
            engine::explain(Kpi::FirstTimeFix, inputs, &filter, month)
                .counted
                .len()
        })
    });
    // A save's cost beyond its write (budget: one edit ≤ 20 ms): one event applied and the tickets brought up to
    // date, refolding the one ticket it touched (`FoldedTickets::refolded`) where opening folded all 100k.
    let mut folded = FoldedTickets::fold(&data.tickets, &calendar);
    let ticket = folded[folded.len() / 2].id;
    let mut serial = 0u128;
    group.bench_function(
        "save one edit: a note applied and the tickets refolded, 100k",
        |b| {
            b.iter(|| {
                serial += 1;
                data.apply(Change::TicketEvent(TicketEvent {
                    id: Id::from_u128(0xBE_0000_0000 + serial),
                    ticket,
                    stamp: Stamp {
                        wall_ms: now as u64 + serial as u64,
                        counter: 0,
                        device: DeviceId::from_u128(0xBE),
                    },
                    at: now,
                    by: None,
                    what: Happening::Noted {
                        text: "bench".into(),
                    },
                }));
                folded = std::mem::take(&mut folded).refolded(&data.tickets, &calendar);
                black_box(folded.len())
            })
        },
    );
    group.finish();
}

criterion_group!(benches, kpis);
criterion_main!(benches);
