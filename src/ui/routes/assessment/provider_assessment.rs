//! 服务商考评 (R7): every provider's week or month at a glance — completed tickets, bad reviews counted and
//! excluded, the bad-review rate, complaints, fines, the disqualification flag and whether the statement is
//! issued — sortable, with the fines' trend over the last twelve periods; each row opens the provider's statement.
//! Also what the provider screens share: the period in the URL, the provider facts derived from the data.
//!
//! Must not: compute a statement (`domain::provider_statement` does) or decide who may see fines (`access`).

use crate::domain::slug::slugs;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::access::Action;
use crate::domain::calendar::Date;
use crate::domain::ids::Id;
use crate::domain::money::Fen;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::provider_statement::{Overview, ProviderFacts, overview};
use crate::domain::sorting;
use crate::export::{Cell, Table};
use crate::i18n::kpi::{period_label, period_tick};
use crate::i18n::providers::{fine_on_chart, fines_trend_title, rate_text};
use crate::i18n::{Key, Lang};
use crate::ui::components::chart::{Point, TrendChart};
use crate::ui::components::export::ExportButtons;
use crate::ui::components::guard::Guarded;
use crate::ui::state::{AppState, Shared, tr, use_app_state};

/// The providers' facts, derived once per change of the data (every provider screen reads them).
pub fn provider_facts(state: AppState) -> Memo<Shared<ProviderFacts>> {
    Memo::new(move |_| {
        let calendar = state.settings.with(|s| s.calendar.clone());
        state.tickets.with(|tickets| {
            state.data.with(|data| {
                // `make bench` reads this measure (with `statements:month`).
                crate::platform::timed("statements:facts", || {
                    Shared(Arc::new(ProviderFacts::new(data, &tickets.0, &calendar)))
                })
            })
        })
    })
}

/// Today, in the company's time zone.
pub fn today(state: AppState) -> Date {
    state
        .settings
        .with(|s| s.calendar.local_date(state.now.get()))
}

/// The period in the URL (`?p=m2026-11`, `?p=w2026-11-16`), else the last month that has ended: statements are
/// drawn up for a period that is over.
pub fn period_from_query(state: AppState) -> Memo<Period> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .with(|q| q.get("p"))
            .and_then(|key| Period::from_key(&key))
            .filter(|p| matches!(p, Period::Week { .. } | Period::Month { .. }))
            .unwrap_or_else(|| Period::containing(PeriodKind::Month, today(state)).previous())
    })
}

/// Where a screen shows a period: `path?p=<key>` (the overview, the entry list) or `path/<key>` (a statement).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodLink {
    Query(&'static str),
    Path(Id),
}

impl PeriodLink {
    pub fn href(self, period: Period) -> String {
        match self {
            PeriodLink::Query(path) => format!("{path}?p={}", period.key()),
            PeriodLink::Path(provider) => {
                format!("/assessment/providers/{provider}/{}", period.key())
            }
        }
    }
}

/// Week or month, the period before and after, as links to where the screen shows them.
#[component]
pub fn PeriodNav(period: Memo<Period>, link: PeriodLink) -> impl IntoView {
    let state = use_app_state();
    let href = move |p: Period| link.href(p);
    let kind_link = move |kind: PeriodKind, key: Key| {
        let target = move || {
            let p = period.get();
            match p.kind() == Some(kind) {
                true => p,
                // The same days seen the other way: the month of the week's Monday, the month's last week (so
                // far).
                false => match kind {
                    PeriodKind::Month => Period::containing(kind, p.first_day()),
                    _ => Period::containing(kind, p.last_day().min(today(state))),
                },
            }
        };
        view! {
            <a class="button" class:button--primary=move || period.get().kind() == Some(kind)
                href=move || href(target()) data-period-kind=kind.slug().to_string()>{tr(key)}</a>
        }
    };
    view! {
        <nav class="period-nav" aria-label=tr(Key::PeriodChoice)>
            {kind_link(PeriodKind::Week, Key::Weekly)}
            {kind_link(PeriodKind::Month, Key::Monthly)}
            <a class="button" data-action="previous-period" href=move || href(period.get().previous())
                aria-label=tr(Key::PreviousPeriod)>"‹"</a>
            <strong class="period-nav__label" data-fact="period">
                {move || period_label(state.lang.get(), &period.get())}
            </strong>
            <a class="button" data-action="next-period" href=move || href(period.get().next())
                aria-label=tr(Key::NextPeriod)>"›"</a>
        </nav>
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Name,
    Completed,
    Counted,
    Excluded,
    Rate,
    Complaints,
    Fines,
}

slugs!(Column {
    Name => "name",
    Completed => "completed",
    Counted => "counted",
    Excluded => "excluded",
    Rate => "rate",
    Complaints => "complaints",
    Fines => "fines",
});

/// The rows in `column`'s order (descending for figures, by name for names); ties by name.
fn sorted(mut rows: Vec<(String, Overview)>, column: Column) -> Vec<(String, Overview)> {
    sorting::by(&mut rows, |(a_name, a), (b_name, b)| {
        let by = match column {
            Column::Name => std::cmp::Ordering::Equal,
            Column::Completed => b.completed.cmp(&a.completed),
            Column::Counted => b.counted.cmp(&a.counted),
            Column::Excluded => b.excluded.cmp(&a.excluded),
            Column::Rate => match (&a.rate, &b.rate) {
                (Some(a), Some(b)) => b.compare(a),
                (a, b) => b.is_some().cmp(&a.is_some()),
            },
            Column::Complaints => b.complaints.cmp(&a.complaints),
            Column::Fines => b.fines.cmp(&a.fines),
        };
        by.then_with(|| a_name.cmp(b_name))
    });
    rows
}

fn status_key(issued: Option<bool>) -> Key {
    match issued {
        None => Key::StatementDraft,
        Some(false) => Key::StatementIssued,
        Some(true) => Key::StatementChangedSinceIssue,
    }
}

#[component]
pub fn ProvidersAssessedPage() -> impl IntoView {
    let state = use_app_state();
    let period = period_from_query(state);
    let facts = provider_facts(state);
    let rows = Memo::new(move |_| {
        let period = period.get();
        let facts = facts.get();
        state.tickets.with(|tickets| {
            state.data.with(|data| {
                crate::platform::timed("statements:month", || {
                    overview(&facts.0, data, &tickets.0, period)
                })
                .into_iter()
                .map(|row| {
                    let name = data
                        .providers
                        .get(row.provider)
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    (name, row)
                })
                .collect::<Vec<_>>()
            })
        })
    });
    let column = RwSignal::new(Column::Fines);
    let shown = Memo::new(move |_| sorted(rows.get(), column.get()));
    let trend_provider = RwSignal::new(None::<Id>);
    let trend = Memo::new(move |_| {
        let facts = facts.get();
        let lang = state.lang.get();
        let only = trend_provider.get();
        state.tickets.with(|tickets| {
            state.data.with(|data| {
                let periods = period.get().trailing(12);
                periods
                    .iter()
                    .enumerate()
                    .map(|(i, &p)| {
                        let before = i.checked_sub(1).and_then(|i| periods.get(i));
                        let fines = overview(&facts.0, data, &tickets.0, p)
                            .into_iter()
                            .filter(|row| only.is_none_or(|id| id == row.provider))
                            .map(|row| row.fines)
                            .fold(Fen::ZERO, |sum, f| sum.checked_add(f).unwrap_or(sum));
                        Point {
                            label: period_tick(lang, &p, before),
                            steps: Some(fines.0.max(0) as u64),
                            text: fine_on_chart(fines),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let trend_title = Signal::derive(move || {
        let periods = period.get().trailing(12);
        fines_trend_title(state.lang.get(), &periods[0], &periods[periods.len() - 1])
    });
    let table = Signal::derive(move || overview_table(state.lang.get(), &shown.get()));
    let header = move |label: Key, col: Column| {
        view! {
            <th scope="col" aria-sort=move || if column.get() == col { "descending" } else { "none" }>
                <button type="button" class="table__sort" name=format!("sort-{}", col.slug())
                    on:click=move |_| column.set(col)>{tr(label)}</button>
            </th>
        }
    };
    view! {
        <Guarded action=Action::ViewProviderFines>
            <section class="panel" data-page="providers-assessed">
                <header class="panel__header">
                    <h1>{tr(Key::ProvidersAssessed)}</h1>
                    <div class="panel__actions">
                        <Show when=move || state.can(Action::EnterProviderInputs)>
                            <a class="button" href=move || format!("/assessment/providers/inputs?p={}", period.get().key())
                                data-action="inputs">{tr(Key::ProviderInputs)}</a>
                            <a class="button" href="/assessment/providers/import" data-action="import-reviews">
                                {tr(Key::ImportPlatformReviews)}</a>
                        </Show>
                        <a class="button" href="/assessment/providers/rules" data-action="rules">{tr(Key::PenaltyRules)}</a>
                    </div>
                </header>
                <p class="muted">{tr(Key::ProvidersAssessedIntro)}</p>
                <PeriodNav period=period link=PeriodLink::Query("/assessment/providers") />
                {move || match shown.with(Vec::is_empty) {
                    true => view! { <p class="muted empty" data-empty="providers">{tr(Key::NoProvidersYet)}</p> }.into_any(),
                    false => view! {
                        <div class="table-wrap">
                            <table class="table" data-table="providers-assessed">
                                <thead><tr>
                                    {header(Key::ProviderName, Column::Name)}
                                    {header(Key::CompletedTickets, Column::Completed)}
                                    {header(Key::BadReviewsCounted, Column::Counted)}
                                    {header(Key::BadReviewsExcluded, Column::Excluded)}
                                    {header(Key::BadReviewRate, Column::Rate)}
                                    {header(Key::Complaints, Column::Complaints)}
                                    {header(Key::Fines, Column::Fines)}
                                    <th scope="col">{tr(Key::Disqualification)}</th>
                                    <th scope="col">{tr(Key::Statement)}</th>
                                </tr></thead>
                                <tbody>
                                    {move || shown.get().into_iter().map(|(name, row)| {
                                        let href = format!("/assessment/providers/{}/{}", row.provider, period.get().key());
                                        view! {
                                            <tr data-provider=name.clone()>
                                                <th scope="row">
                                                    <a href=href.clone()>{name.clone()}</a>
                                                    // Upright, the flag's column gives way: the flag goes by the name.
                                                    {row.disqualification.then(|| view! { " " <span class="badge badge--bad only-narrow">{tr(Key::DisqualificationFlag)}</span> })}
                                                </th>
                                                <td class="number" data-fact="completed">{row.completed}</td>
                                                <td class="number" data-fact="counted">{row.counted}</td>
                                                <td class="number" data-fact="excluded">{row.excluded}</td>
                                                <td class="number" data-fact="rate">{rate_text(row.rate)}</td>
                                                <td class="number" data-fact="complaints">{row.complaints}</td>
                                                <td class="number" data-fact="fines">{row.fines.to_string()}</td>
                                                <td data-fact="disqualification">
                                                    {row.disqualification.then(|| view! { <span class="badge badge--bad">{tr(Key::DisqualificationFlag)}</span> })}
                                                </td>
                                                <td><a href=href data-fact="status">{tr(status_key(row.issued))}</a></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <ExportButtons name="providers" table=table
                            file=Signal::derive(move || format!("providers-{}", period.get().key())) />
                    }.into_any(),
                }}
                <section class="panel__section" data-section="fines-trend">
                    <h2>{move || trend_title.get()}</h2>
                    <div class="form__row">
                        <label class="field">
                            <span class="field__label">{tr(Key::FinesTrendOf)}</span>
                            <select class="input trend-select" name="trend-provider" on:change=move |ev| {
                                trend_provider.set(event_target_value(&ev).parse().ok());
                            }>
                                <option value="">{tr(Key::AllProviders)}</option>
                                {move || rows.get().into_iter().map(|(name, row)| view! {
                                    <option value=row.provider.to_string()>{name}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    </div>
                    <TrendChart
                        points=Signal::derive(move || trend.get())
                        target=Signal::derive(|| None)
                        target_text=Signal::derive(String::new)
                        title=trend_title
                        tick_text=|fen: u64| crate::domain::money::Fen(fen as i64).to_string()
                    />
                </section>
            </section>
        </Guarded>
    }
}

/// The overview as a file: one row per provider.
fn overview_table(lang: Lang, rows: &[(String, Overview)]) -> Table {
    let mut table = Table::new(
        [
            Key::ProviderName,
            Key::CompletedTickets,
            Key::BadReviewsCounted,
            Key::BadReviewsExcluded,
            Key::BadReviewRatePercent,
            Key::Complaints,
            Key::Fines,
            Key::Disqualification,
            Key::Statement,
        ]
        .into_iter()
        .map(|k| k.text(lang).to_string())
        .collect(),
    );
    for (name, row) in rows {
        table.push(vec![
            Cell::Text(name.clone()),
            Cell::number(i64::from(row.completed)),
            Cell::number(i64::from(row.counted)),
            Cell::number(i64::from(row.excluded)),
            match row.rate {
                Some(rate) => Cell::Decimal {
                    steps: rate.scaled(10_000) as i64,
                    places: 2,
                },
                None => Cell::Empty,
            },
            Cell::number(i64::from(row.complaints)),
            Cell::Decimal {
                steps: row.fines.0,
                places: 2,
            },
            Cell::Text(match row.disqualification {
                true => Key::DisqualificationFlag.text(lang).to_string(),
                false => String::new(),
            }),
            Cell::Text(status_key(row.issued).text(lang).to_string()),
        ]);
    }
    table
}
