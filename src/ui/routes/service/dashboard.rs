//! 指标看板 (R5, R11.2): a tile per KPI — value, target and whether it is met, the change from the last period, the
//! industry average — each opening its explanation; a trend chart, a ranking, the service levels met and the
//! satisfaction by dimension. The period and the filters live in the URL (`kpi_scope`).
//!
//! Must not: compute a figure (`domain::kpi::engine` does, over `AppState::facts`); it lays the figures out.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::calendar::Date;
use crate::domain::kpi::engine::{self, Inputs, Totals};
use crate::domain::kpi::{Aggregate, Breakdown, Kpi, TargetStanding, Unit};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::sorting;
use crate::domain::ticket::{Channel, Kind};
use crate::export::{Cell, Table};
use crate::i18n::kpi::{
    breakdown_name, change_text, kpi_name, period_kind_name, period_label, period_tick,
    standing_name, steps_text, value_text, value_text_against,
};
use crate::i18n::surveys::aspect_name;
use crate::i18n::tickets::{channel_name, kind_name};
use crate::i18n::{Key, Lang};
use crate::platform;
use crate::ui::components::chart::{Bar, BarChart, Point, TrendChart};
use crate::ui::components::export::ExportButtons;
use crate::ui::components::form::{id_value, value_id};
use crate::ui::components::guard::Guarded;
use crate::ui::deferred::{Deferred, deferred};
use crate::ui::routes::service::kpi_scope::{Scope, breakdown_slug, group_name, use_scope};
use crate::ui::routes::{staff_filter_options, unit_options};
use crate::ui::state::{tr, use_app_state};

const PERIOD_KINDS: [(&str, Option<PeriodKind>); 5] = [
    ("week", Some(PeriodKind::Week)),
    ("month", Some(PeriodKind::Month)),
    ("quarter", Some(PeriodKind::Quarter)),
    ("year", Some(PeriodKind::Year)),
    ("custom", None),
];

/// How many KPIs one task of a recomputation computes for the tiles: a few, so that no task holds the page for all
/// (R11.3; the `kpi:all` measure is the slices' sum). The tiles render in the last slice's task.
const TILE_SLICE: usize = 4;
const TILE_SLICES: usize = Kpi::ALL.len().div_ceil(TILE_SLICE);

/// One slice of the tiles' figures: its period, each of its KPIs for the period before and this one, and how long
/// computing them took (ms, in the browser).
type TileSlice = (Period, Vec<Vec<Totals>>, f64);

/// The tiles shown, the period they are of (`None` before the first computation) and the scope's query they were
/// computed for: their links open the explanation of the figures shown, not of a scope still being computed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Tiles {
    period: Option<Period>,
    query: String,
    tiles: Vec<Tile>,
}

/// One tile's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    pub kpi: Kpi,
    pub current: Totals,
    pub previous: Totals,
    pub target: Option<u64>,
    pub industry: Option<u64>,
    /// Too few items to judge by (`KpiSettings::small_sample`): said on the tile.
    pub small_sample: bool,
}

impl Tile {
    pub fn standing(&self) -> TargetStanding {
        self.kpi.standing(self.current.value(self.kpi), self.target)
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <Guarded action=Action::ViewKpis>
            <Dashboard />
        </Guarded>
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let state = use_app_state();
    let (scope, set_scope) = use_scope("/kpi");
    let filter = Memo::new(move |_| {
        let scope = scope.get();
        state.data.with(|d| scope.filter(d))
    });
    let settings = Memo::new(move |_| state.data.with(|d| d.kpi_settings()));
    // Every KPI for two periods, in slices of TILE_SLICE KPIs computed in a task each (`ui::deferred`).
    let slices: [Deferred<TileSlice>; TILE_SLICES] = std::array::from_fn(|slice| {
        let kpis = &Kpi::ALL[slice * TILE_SLICE..((slice + 1) * TILE_SLICE).min(Kpi::ALL.len())];
        deferred(
            move || {
                let period = scope.with(|s| s.period);
                (period, state.now.get(), state.facts.get(), filter.get())
            },
            move |(period, now, facts, filter)| {
                let start = platform::precise_ms();
                let totals = engine::totals_of(
                    kpis,
                    Inputs {
                        facts: &facts.0,
                        now,
                    },
                    &filter,
                    &[period.previous(), period],
                );
                (period, totals, platform::precise_ms() - start)
            },
        )
    });
    let recomputing = move || !slices.iter().all(Deferred::current);
    // The tiles once every slice is of the scope as it is now; meanwhile those shown before.
    let shown = Memo::new(move |last: Option<&Tiles>| {
        if recomputing() {
            return last.cloned().unwrap_or_default();
        }
        let settings = settings.get();
        let (mut period, mut figures, mut spent) = (None, Vec::new(), 0.0);
        for slice in &slices {
            slice.with(|slice| {
                if let Some((of, totals, ms)) = slice {
                    period = Some(*of);
                    figures.extend(totals.iter().cloned());
                    spent += ms;
                }
            });
        }
        // Every KPI for two periods: the figure docs/requirements.md budgets (≤ 50 ms at 4×), read by `make bench`.
        platform::measure_total("kpi:all", spent);
        let tiles = Kpi::ALL
            .into_iter()
            .zip(figures)
            .map(|(kpi, mut pair)| {
                let current = pair.pop().expect("this period");
                let previous = pair.pop().expect("the period before");
                Tile {
                    kpi,
                    previous,
                    target: settings.target(kpi),
                    industry: settings.industry(kpi),
                    small_sample: kpi.aggregate() != Aggregate::Sum
                        && settings.small_sample(current.denominator),
                    current,
                }
            })
            .collect::<Vec<_>>();
        let query = scope.with(Scope::query);
        Tiles {
            period,
            query,
            tiles,
        }
    });
    let tiles = Memo::new(move |_| shown.with(|shown| shown.tiles.clone()));
    let query = Memo::new(move |_| shown.with(|shown| shown.query.clone()));

    view! {
        <crate::ui::routes::assessment::quality::MyActions />
        <section class="panel kpi-dashboard" data-page="kpi-dashboard">
            <div class="section-head">
                <h1>{tr(Key::KpiDashboard)}</h1>
                <nav class="facts__buttons" aria-label=tr(Key::KpiInputs)>
                    <Show when=move || state.can(Action::EditKpiInputs)>
                        <a class="button" href="/inputs/sales">{tr(Key::SalesTitle)}</a>
                        <a class="button" href="/inputs/costs">{tr(Key::CostsTitle)}</a>
                        <a class="button" href="/inputs/training">{tr(Key::TrainingTitle)}</a>
                    </Show>
                    <Show when=move || state.can(Action::EditKpiTargets)>
                        <a class="button" href="/settings/kpi">{tr(Key::KpiTargetsLink)}</a>
                    </Show>
                </nav>
            </div>
            <p class="muted">{tr(Key::KpiDashboardIntro)}</p>
            <ScopeBar scope=scope set_scope=set_scope.clone() />
            <ul class="kpi-tiles" aria-label=tr(Key::KpiDashboard) aria-busy=move || recomputing().to_string()
                data-period=move || shown.with(|shown| shown.period.map(|p| p.key()))>
                {move || {
                    let lang = state.lang.get();
                    let query = query.get();
                    tiles.get().into_iter().map(|tile| view! { <TileView tile=tile lang=lang query=query.clone() /> }).collect_view()
                }}
            </ul>
            <ExportButtons name="kpi" table=Signal::derive(move || tiles_table(state.lang.get(), &tiles.get())) />
        </section>
        <section class="panel">
            <Trend scope=scope set_scope=set_scope.clone() filter=filter settings=settings />
        </section>
        <section class="panel">
            <Ranking scope=scope set_scope=set_scope filter=filter settings=settings />
        </section>
        <div class="kpi-pair">
            <section class="panel">
                <h2>{tr(Key::SlaTitle)}</h2>
                <BarChart
                    bars=Signal::derive(move || sla_bars(state.lang.get(), &tiles.get(), &query.get()))
                    full=Some(1000)
                    title=Signal::derive(move || state.t(Key::SlaTitle).to_string())
                />
                <p><a class="button button--quiet" href="/tickets?overdue=1" data-action="overdue-tickets">{tr(Key::SlaBreachesLink)}</a></p>
            </section>
            <section class="panel">
                <h2>{tr(Key::AspectsTitle)}</h2>
                <Aspects scope=scope filter=filter tiles=tiles />
            </section>
        </div>
    }
}

/// The period (kind, previous / next, or a custom range) and the filters.
#[component]
fn ScopeBar(
    scope: Memo<Scope>,
    set_scope: impl Fn(Scope) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let change = {
        let set_scope = set_scope.clone();
        move |edit: &dyn Fn(&mut Scope)| {
            let mut next = scope.get_untracked();
            edit(&mut next);
            set_scope(next);
        }
    };
    let kind_value = move || {
        let kind = scope.with(|s| s.period.kind());
        PERIOD_KINDS
            .iter()
            .find(|(_, k)| *k == kind)
            .map_or("month", |(v, _)| *v)
    };
    let on_kind = {
        let change = change.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            change(&|s: &mut Scope| {
                let first = s.period.first_day();
                s.period = match PERIOD_KINDS.iter().find(|(v, _)| *v == value) {
                    Some((_, Some(kind))) => Period::containing(*kind, first),
                    _ => Period::custom(first, s.period.last_day()).unwrap_or(s.period),
                };
            })
        }
    };
    let step = {
        let change = change.clone();
        move |forward: bool| {
            let change = change.clone();
            move |_| {
                change(&|s: &mut Scope| {
                    s.period = match forward {
                        true => s.period.next(),
                        false => s.period.previous(),
                    }
                })
            }
        }
    };
    let on_range = {
        let change = change.clone();
        move |end: bool| {
            let change = change.clone();
            move |ev: leptos::ev::Event| {
                let Some(day) = Date::parse(&event_target_value(&ev)) else {
                    return;
                };
                change(&|s: &mut Scope| {
                    let (from, to) = match end {
                        false => (day, s.period.last_day().max(day)),
                        true => (s.period.first_day().min(day), day),
                    };
                    if let Some(period) = Period::custom(from, to) {
                        s.period = period;
                    }
                })
            }
        }
    };
    let select = |name: &'static str,
                  label: Key,
                  options: Signal<Vec<(String, String)>>,
                  value: Signal<String>,
                  apply: fn(&mut Scope, String)| {
        let change = change.clone();
        view! {
            <label class="field field--inline">
                <span class="field__label">{tr(label)}</span>
                <select class="input" name=name on:change=move |ev| {
                    let text = event_target_value(&ev);
                    change(&|s: &mut Scope| apply(s, text.clone()))
                }>
                    {move || options.get().into_iter().map(|(option, text)| {
                        let chosen = option.clone();
                        view! { <option value=option prop:selected=move || value.get() == chosen>{text}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    // Each filter's choices: "any" first (the empty value), then what there is to choose.
    let any_then = move |any: Key, rest: Vec<(String, String)>| {
        let mut options = vec![(String::new(), state.t(any).to_string())];
        options.extend(rest);
        options
    };
    let units = Signal::derive(move || any_then(Key::AnyUnit, state.data.with(unit_options)));
    let providers = Signal::derive(move || {
        let providers = state.data.with(|d| {
            d.providers
                .live()
                .map(|(id, p)| (id.to_string(), p.name.clone()))
                .collect()
        });
        any_then(Key::AnyProvider, providers)
    });
    let products = Signal::derive(move || {
        let categories = state.facts.with(|f| {
            f.0.categories
                .iter()
                .map(|c| (c.clone(), c.clone()))
                .collect()
        });
        any_then(Key::AnyProduct, categories)
    });
    let kinds = Signal::derive(move || {
        let lang = state.lang.get();
        let kinds = Kind::ALL
            .iter()
            .map(|k| (k.slug().to_string(), kind_name(lang, *k).to_string()))
            .collect();
        any_then(Key::AllKinds, kinds)
    });
    let channels = Signal::derive(move || {
        let lang = state.lang.get();
        let channels = Channel::ALL
            .iter()
            .map(|c| (c.slug().to_string(), channel_name(lang, *c).to_string()))
            .collect();
        any_then(Key::AnyChannel, channels)
    });
    let is_custom = move || scope.with(|s| s.period.kind().is_none());
    view! {
        <div class="kpi-scope" role="group" aria-label=tr(Key::PeriodKindLabel)>
            <label class="field field--inline">
                <span class="field__label">{tr(Key::PeriodKindLabel)}</span>
                <select class="input" name="period-kind" on:change=on_kind>
                    {PERIOD_KINDS.into_iter().map(|(value, kind)| view! {
                        <option value=value prop:selected=move || kind_value() == value>
                            {move || period_kind_name(state.lang.get(), kind)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || !is_custom()>
                <div class="kpi-scope__stepper">
                    <button class="button" name="previous-period" on:click=step(false) aria-label=tr(Key::PreviousPeriod)>"‹"</button>
                    <strong class="kpi-scope__period" data-period=move || scope.with(|s| s.period.key())>
                        {move || period_label(state.lang.get(), &scope.with(|s| s.period))}
                    </strong>
                    <button class="button" name="next-period" on:click=step(true) aria-label=tr(Key::NextPeriod)>"›"</button>
                </div>
            </Show>
            <Show when=is_custom>
                <label class="field field--inline">
                    <span class="field__label">{tr(Key::PeriodFrom)}</span>
                    <input class="input" type="date" name="period-from"
                        prop:value=move || scope.with(|s| s.period.first_day().to_string()) on:change=on_range(false) />
                </label>
                <label class="field field--inline">
                    <span class="field__label">{tr(Key::PeriodTo)}</span>
                    <input class="input" type="date" name="period-to"
                        prop:value=move || scope.with(|s| s.period.last_day().to_string()) on:change=on_range(true) />
                </label>
            </Show>
        </div>
        <details class="kpi-scope__filters" open=scope.with_untracked(Scope::filtered)>
            <summary>{tr(Key::ScopeFilters)}</summary>
            <div class="kpi-scope">
                {select("unit", Key::Unit, units, Signal::derive(move || id_value(scope.with(|s| s.unit))),
                    |s, v| s.unit = value_id(&v))}
                {select("staff", Key::Engineer,
                    Signal::derive(move || staff_filter_options(state, Key::AnyEngineer)),
                    Signal::derive(move || id_value(scope.with(|s| s.staff))),
                    |s, v| s.staff = value_id(&v))}
                {select("provider", Key::Providers, providers,
                    Signal::derive(move || id_value(scope.with(|s| s.provider))),
                    |s, v| s.provider = value_id(&v))}
                {select("product", Key::ProductCategory, products,
                    Signal::derive(move || scope.with(|s| s.product.clone().unwrap_or_default())),
                    |s, v| s.product = Some(v).filter(|v| !v.is_empty()))}
                {select("kind", Key::Kind, kinds,
                    Signal::derive(move || scope.with(|s| s.kind.map(|k| k.slug().to_string()).unwrap_or_default())),
                    |s, v| s.kind = Kind::from_slug(&v))}
                {select("channel", Key::Channel, channels,
                    Signal::derive(move || scope.with(|s| s.channel.map(|c| c.slug().to_string()).unwrap_or_default())),
                    |s, v| s.channel = Channel::from_slug(&v))}
            </div>
        </details>
    }
}

#[component]
fn TileView(tile: Tile, lang: Lang, query: String) -> impl IntoView {
    let kpi = tile.kpi;
    let unit = kpi.unit();
    let value = tile.current.value(kpi);
    let standing = tile.standing();
    let modifier = match standing {
        TargetStanding::Met => "met",
        TargetStanding::Missed => "missed",
        TargetStanding::NoTarget | TargetStanding::NoData => "neutral",
    };
    let change = kpi.change(value, tile.previous.value(kpi)).map(|delta| {
        let tone = match kpi.improved(delta) {
            Some(true) => "better",
            Some(false) => "worse",
            None => "same",
        };
        (change_text(lang, unit, delta), tone)
    });
    let comparison = |key: Key, steps: Option<u64>| {
        steps.map(|steps| {
            let sign = match (key, kpi.direction()) {
                (Key::TargetLabel, crate::domain::kpi::Direction::HigherIsBetter) => "≥ ",
                (Key::TargetLabel, crate::domain::kpi::Direction::LowerIsBetter) => "≤ ",
                _ => "",
            };
            view! {
                <span class="kpi-tile__meta">{key.text(lang)}" "{sign}{steps_text(lang, unit, steps)}</span>
            }
        })
    };
    view! {
        <li class=format!("kpi-tile kpi-tile--{modifier}") data-kpi=kpi.slug()>
            <a class="kpi-tile__link" href=format!("/kpi/{}{query}", kpi.slug())>
                <span class="kpi-tile__code">{kpi.code()}</span>
                <span class="kpi-tile__name">{kpi_name(lang, kpi)}</span>
                <span class="kpi-tile__value" data-value=unit.shown(value).map(|s| s.to_string())>
                    {value_text_against(lang, kpi, value, tile.target)}
                </span>
                <span class="kpi-tile__standing">{standing_name(lang, standing)}</span>
                {tile.small_sample.then(|| view! {
                    <span class="kpi-tile__meta kpi-tile__small" data-fact="small-sample">
                        {format!("{} · n = {}", Key::SmallSample.text(lang), tile.current.denominator)}
                    </span>
                })}
                {comparison(Key::TargetLabel, tile.target)}
                {change.map(|(text, tone)| view! {
                    <span class=format!("kpi-tile__change kpi-tile__change--{tone}")>{Key::VsPrevious.text(lang)}" "{text}</span>
                })}
                {comparison(Key::IndustryLabel, tile.industry)}
            </a>
        </li>
    }
}

/// The followed KPI over the twelve periods up to this one.
#[component]
fn Trend(
    scope: Memo<Scope>,
    set_scope: impl Fn(Scope) + Clone + Send + Sync + 'static,
    filter: Memo<crate::domain::kpi::engine::Filter>,
    settings: Memo<crate::domain::kpi::KpiSettings>,
) -> impl IntoView {
    let state = use_app_state();
    // The followed KPI over twelve periods, computed in a task of its own (`ui::deferred`).
    let figures = deferred(
        move || {
            let followed = scope.with(|s| (s.kpi, s.period));
            (followed, state.now.get(), state.facts.get(), filter.get())
        },
        |((kpi, period), now, facts, filter)| {
            let periods = period.trailing(12);
            let totals = engine::totals(
                kpi,
                Inputs {
                    facts: &facts.0,
                    now,
                },
                &filter,
                &periods,
            );
            (kpi, periods, totals)
        },
    );
    let points = Memo::new(move |_| {
        let lang = state.lang.get();
        figures.with(|figures| {
            let Some((kpi, periods, totals)) = figures else {
                return Vec::new();
            };
            periods
                .iter()
                .zip(totals)
                .enumerate()
                .map(|(i, (period, totals))| Point {
                    label: period_tick(lang, period, i.checked_sub(1).and_then(|i| periods.get(i))),
                    steps: kpi.unit().shown(totals.value(*kpi)),
                    text: value_text(lang, *kpi, totals.value(*kpi)),
                })
                .collect::<Vec<_>>()
        })
    });
    let target = Signal::derive(move || settings.with(|s| s.target(scope.with(|s| s.kpi))));
    let on_kpi = move |ev: leptos::ev::Event| {
        if let Some(kpi) = Kpi::from_slug(&event_target_value(&ev)) {
            let mut next = scope.get_untracked();
            next.kpi = kpi;
            if !kpi.breakdowns().contains(&next.by) {
                next.by = kpi.breakdowns()[0];
            }
            set_scope(next);
        }
    };
    view! {
        <div class="section-head">
            <h2>{tr(Key::TrendTitle)}</h2>
            <label class="field field--inline">
                <span class="field__label">{tr(Key::TrendOf)}</span>
                <select class="input" name="trend-kpi" on:change=on_kpi>
                    {Kpi::ALL.into_iter().map(|kpi| view! {
                        <option value=kpi.slug() prop:selected=move || scope.with(|s| s.kpi) == kpi>
                            {move || format!("{} {}", kpi.code(), kpi_name(state.lang.get(), kpi))}
                        </option>
                    }).collect_view()}
                </select>
            </label>
        </div>
        <div class="kpi-figures" aria-busy=move || (!figures.current()).to_string()>
        <TrendChart
            points=Signal::derive(move || points.get())
            target=target
            tick_text=move |steps: u64| steps_text(state.lang.get_untracked(), scope.with_untracked(|s| s.kpi.unit()), steps)
            target_text=Signal::derive(move || {
                let kpi = scope.with(|s| s.kpi);
                target.get().map(|t| format!("{} {}", state.t(Key::TargetLabel), steps_text(state.lang.get(), kpi.unit(), t))).unwrap_or_default()
            })
            title=Signal::derive(move || {
                let (kpi, period) = scope.with(|s| (s.kpi, s.period));
                format!("{} · {}", kpi_name(state.lang.get(), kpi), period_label(state.lang.get(), &period))
            })
        />
        </div>
    }
}

/// The followed KPI per engineer, unit, provider, … best first.
#[component]
fn Ranking(
    scope: Memo<Scope>,
    set_scope: impl Fn(Scope) + Clone + Send + Sync + 'static,
    filter: Memo<crate::domain::kpi::engine::Filter>,
    settings: Memo<crate::domain::kpi::KpiSettings>,
) -> impl IntoView {
    let state = use_app_state();
    // The groups, best first, computed in a task of its own (`ui::deferred`).
    let groups = deferred(
        move || {
            let ranked = scope.with(|s| (s.kpi, s.period, s.by));
            (ranked, state.now.get(), state.facts.get(), filter.get())
        },
        |((kpi, period, by), now, facts, filter)| {
            let mut groups = engine::groups(
                kpi,
                Inputs {
                    facts: &facts.0,
                    now,
                },
                &filter,
                period,
                by,
            );
            sorting::by(&mut groups, |a, b| kpi.rank(a.1.value(kpi), b.1.value(kpi)));
            (kpi, by, groups)
        },
    );
    // The groups with their names, and the KPI and breakdown they are of.
    let rows = Memo::new(move |_| {
        let lang = state.lang.get();
        let not_given = state.t(Key::NotGiven);
        groups.with(|groups| {
            groups.map(|(kpi, by, groups)| {
                let named = state.data.with(|data| {
                    groups
                        .iter()
                        .map(|(group, totals)| {
                            (group_name(lang, data, group, not_given), totals.clone())
                        })
                        .collect::<Vec<_>>()
                });
                (*kpi, *by, named)
            })
        })
    });
    let bars = Memo::new(move |_| {
        let Some((kpi, _, rows)) = rows.get() else {
            return Vec::new();
        };
        let lang = state.lang.get();
        let target = settings.with(|s| s.target(kpi));
        let small = |items: u64| settings.with(|s| s.small_sample(items));
        rows.into_iter()
            .map(|(name, totals)| {
                let value = totals.value(kpi);
                Bar {
                    label: name,
                    steps: kpi.unit().shown(value).unwrap_or(0),
                    text: format!(
                        "{} ({}/{}){}",
                        value_text(lang, kpi, value),
                        totals.numerator,
                        totals.denominator,
                        match small(totals.denominator) {
                            true => format!(" · {}", Key::SmallSample.text(lang)),
                            false => String::new(),
                        }
                    ),
                    href: None,
                    tone: match kpi.standing(value, target) {
                        // Too few to judge: neither good nor bad.
                        _ if small(totals.denominator) => "small",
                        TargetStanding::Met => "good",
                        TargetStanding::Missed => "bad",
                        _ => "",
                    },
                }
            })
            .collect::<Vec<_>>()
    });
    let on_by = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(by) = Breakdown::ALL
            .into_iter()
            .find(|b| breakdown_slug(*b) == value)
        {
            let mut next = scope.get_untracked();
            next.by = by;
            set_scope(next);
        }
    };
    let full = Signal::derive(move || match scope.with(|s| s.kpi.unit()) {
        Unit::Percent => Some(1000),
        Unit::Stars => Some(50),
        _ => None,
    });
    view! {
        <div class="section-head">
            <h2>{tr(Key::RankingTitle)}" · "{move || kpi_name(state.lang.get(), scope.with(|s| s.kpi))}</h2>
            <label class="field field--inline">
                <span class="field__label">{tr(Key::RankBy)}</span>
                <select class="input" name="rank-by" on:change=on_by>
                    {move || scope.with(|s| s.kpi.breakdowns()).iter().map(|by| {
                        let by = *by;
                        view! {
                            <option value=breakdown_slug(by) prop:selected=move || scope.with(|s| s.by) == by>
                                {move || breakdown_name(state.lang.get(), by)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
        </div>
        <div class="kpi-figures" aria-busy=move || (!groups.current()).to_string()>
        <BarChart bars=Signal::derive(move || bars.get()) full=full
            title=Signal::derive(move || format!("{} · {}", state.t(Key::RankingTitle), kpi_name(state.lang.get(), scope.with(|s| s.kpi))))
        />
        </div>
        <ExportButtons name="ranking" table=Signal::derive(move || {
            let lang = state.lang.get();
            let Some((kpi, by, rows)) = rows.get() else {
                return Table::new(Vec::new());
            };
            let mut table = Table::new(vec![
                breakdown_name(lang, by).to_string(),
                kpi_name(lang, kpi).to_string(),
                Key::Numerator.text(lang).to_string(),
                Key::Denominator.text(lang).to_string(),
            ]);
            for (name, totals) in rows {
                table.push(vec![
                    Cell::Text(name),
                    shown_cell(kpi.unit(), kpi.unit().shown(totals.value(kpi))),
                    Cell::number(totals.numerator as i64),
                    Cell::number(totals.denominator as i64),
                ]);
            }
            table
        }) />
    }
}

/// Mean stars per aspect of the responses in the period, and the overall mean (K5).
#[component]
fn Aspects(
    scope: Memo<Scope>,
    filter: Memo<crate::domain::kpi::engine::Filter>,
    tiles: Memo<Vec<Tile>>,
) -> impl IntoView {
    let state = use_app_state();
    // The means per aspect, computed in a task of its own (`ui::deferred`).
    let means = deferred(
        move || {
            let period = scope.with(|s| s.period);
            (period, state.now.get(), state.facts.get(), filter.get())
        },
        |(period, now, facts, filter)| {
            engine::aspect_means(
                Inputs {
                    facts: &facts.0,
                    now,
                },
                &filter,
                period,
            )
        },
    );
    let bars = Memo::new(move |_| {
        let lang = state.lang.get();
        let stars = |totals: &Totals| {
            let value = crate::domain::ratio::Ratio::of(totals.numerator, totals.denominator);
            (
                Unit::Stars.shown(value).unwrap_or(0),
                value_text(lang, Kpi::MeanRating, value),
            )
        };
        let mut bars: Vec<Bar> = means.with(|means| {
            means
                .into_iter()
                .flatten()
                .map(|(aspect, totals)| {
                    let (steps, text) = stars(totals);
                    Bar {
                        label: aspect_name(lang, aspect),
                        steps,
                        text,
                        href: None,
                        tone: "",
                    }
                })
                .collect()
        });
        if let Some(overall) = tiles.with(|t| {
            t.iter()
                .find(|t| t.kpi == Kpi::MeanRating)
                .map(|t| t.current.clone())
        }) {
            let (steps, text) = stars(&overall);
            bars.push(Bar {
                label: state.t(Key::OverallRatingLabel).to_string(),
                steps,
                text,
                href: None,
                tone: "good",
            });
        }
        bars
    });
    view! {
        <div class="kpi-figures" aria-busy=move || (!means.current()).to_string()>
            <BarChart bars=Signal::derive(move || bars.get()) full=Some(50)
                title=Signal::derive(move || state.t(Key::AspectsTitle).to_string()) />
        </div>
    }
}

/// The three service levels of the period as bars of 0–100 %: answered, complaints verified, resolved in time.
fn sla_bars(lang: Lang, tiles: &[Tile], query: &str) -> Vec<Bar> {
    [
        Kpi::ResponseOnTime,
        Kpi::ComplaintOnTime,
        Kpi::OnTimeCompletion,
    ]
    .into_iter()
    .filter_map(|kpi| tiles.iter().find(|t| t.kpi == kpi))
    .map(|tile| {
        let value = tile.current.value(tile.kpi);
        Bar {
            label: kpi_name(lang, tile.kpi).to_string(),
            steps: tile.kpi.unit().shown(value).unwrap_or(0),
            text: format!(
                "{} ({}/{})",
                value_text(lang, tile.kpi, value),
                tile.current.numerator,
                tile.current.denominator
            ),
            href: Some(format!("/kpi/{}{query}", tile.kpi.slug())),
            tone: match tile.standing() {
                TargetStanding::Met => "good",
                TargetStanding::Missed => "bad",
                _ => "",
            },
        }
    })
    .collect()
}

/// The tiles as a table: KPI, value, numerator, denominator, last period, target, industry, standing.
fn tiles_table(lang: Lang, tiles: &[Tile]) -> Table {
    let mut table = Table::new(
        [
            Key::KpiColumn,
            Key::ValueLabel,
            Key::Numerator,
            Key::Denominator,
            Key::PreviousColumn,
            Key::TargetLabel,
            Key::IndustryLabel,
            Key::StandingColumn,
        ]
        .into_iter()
        .map(|k| k.text(lang).to_string())
        .collect(),
    );
    table.headers.insert(0, "code".into());
    for tile in tiles {
        let kpi = tile.kpi;
        let unit = kpi.unit();
        let shown = |steps| shown_cell(unit, steps);
        table.push(vec![
            Cell::Text(kpi.code().into()),
            Cell::Text(kpi_name(lang, kpi).into()),
            shown(unit.shown(tile.current.value(kpi))),
            Cell::number(tile.current.numerator as i64),
            Cell::number(tile.current.denominator as i64),
            shown(unit.shown(tile.previous.value(kpi))),
            shown(tile.target),
            shown(tile.industry),
            Cell::Text(standing_name(lang, tile.standing()).into()),
        ]);
    }
    table
}

/// A value in shown steps as an exact number cell (money in yuan with two places), empty with no data.
pub fn shown_cell(unit: Unit, steps: Option<u64>) -> Cell {
    match steps {
        Some(steps) => Cell::Decimal {
            steps: steps as i64,
            places: match unit {
                Unit::Fen => 2,
                _ => unit.decimals(),
            },
        },
        None => Cell::Empty,
    }
}
