//! The service providers' statements over the demo company scaled to 100,000 tickets, every ticket worked by one
//! of 50 providers with twenty platform reviews and a complaint each in the month (`demo::with_providers`): the
//! issue budgets "a month's statements for 50 providers" at ≤ 50 ms at 4× CPU in the browser (`make bench`'s
//! browser part measures that); natively, the two parts the overview needs — the providers' facts (one pass over
//! the tickets, once per change of the data) and the 50 statements of a month from them.

use aftersales::demo::{DemoSpec, generate, with_providers};
use aftersales::domain::calendar::{Calendar, Date};
use aftersales::domain::dataset::Dataset;
use aftersales::domain::period::{Period, PeriodKind};
use aftersales::domain::provider_statement::{ProviderFacts, overview};
use criterion::{Criterion, criterion_group, criterion_main};

fn statements(c: &mut Criterion) {
    let calendar = Calendar::china_default();
    let now = calendar.instant(Date::parse("2026-11-28").unwrap(), 17 * 60);
    let spec = DemoSpec {
        tickets: 100_000,
        ..DemoSpec::company(now)
    };
    let mut data = Dataset::default();
    for change in with_providers(generate(spec, &calendar), 50, now, &calendar) {
        data.apply(change);
    }
    let tickets = data.tickets.fold_all(&calendar);
    let month = Period::containing(PeriodKind::Month, Date::parse("2026-10-15").unwrap());
    let facts = ProviderFacts::new(&data, &tickets, &calendar);
    let rows = overview(&facts, &data, &tickets, month);
    println!(
        "{} tickets, {} providers, {} inputs; October: {} counted and {} excluded bad reviews, fines {}",
        tickets.len(),
        rows.len(),
        data.provider_inputs.live_count(),
        rows.iter().map(|r| r.counted).sum::<u32>(),
        rows.iter().map(|r| r.excluded).sum::<u32>(),
        rows.iter()
            .map(|r| r.fines)
            .fold(aftersales::domain::money::Fen::ZERO, |a, b| {
                a.checked_add(b).unwrap()
            })
    );
    let mut group = c.benchmark_group("providers");
    group.sample_size(10);
    group.bench_function("providers' facts of 100k folded tickets", |b| {
        b.iter(|| ProviderFacts::new(&data, &tickets, &calendar))
    });
    group.bench_function("a month's statements for 52 providers, 100k tickets", |b| {
        b.iter(|| overview(&facts, &data, &tickets, month).len())
    });
    group.bench_function("both: facts and the month's statements", |b| {
        b.iter(|| {
            let facts = ProviderFacts::new(&data, &tickets, &calendar);
            overview(&facts, &data, &tickets, month).len()
        })
    });
    group.finish();
}

criterion_group!(benches, statements);
criterion_main!(benches);
