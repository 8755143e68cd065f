//! A KPI's explanation (R5.1): the formula in words, the value with its numerator and denominator, and every
//! record behind it — those counted with what each added, and those of the period left out with why — each ticket
//! linking to the ticket. The same period and filters as the dashboard it came from (the URL's query).
//!
//! Must not: count anything itself: the list is `engine::explain`, the very classification the figure is summed
//! from.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::domain::access::Action;
use crate::domain::contact::mask_phone;
use crate::domain::ids::Id;
use crate::domain::kpi::engine::{self, Added, Inputs, Item, Reason};
use crate::domain::kpi::{Aggregate, Kpi};
use crate::export::{Cell, Table};
use crate::i18n::kpi::{
    cost_kind_name, denominator_label, kpi_formula, kpi_name, numerator_label, period_label,
    reason_text, standing_name, steps_text, value_text_against,
};
use crate::i18n::tickets::{customer_name, kind_name};
use crate::i18n::{Key, Lang};
use crate::ui::components::export::ExportButtons;
use crate::ui::components::guard::Guarded;
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::service::kpi_scope::use_scope;
use crate::ui::state::{tr, use_app_state};

const ROW_HEIGHT: u32 = 56;

/// One record of the explanation as shown.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    href: Option<String>,
    ticket: Option<Id>,
    title: String,
    detail: String,
    day: String,
    /// What it added ("1 / 1"), or why it was left out.
    note: String,
    numerator: Option<u64>,
    denominator: Option<u64>,
}

#[component]
pub fn KpiDetailPage() -> impl IntoView {
    let params = use_params_map();
    let kpi = Memo::new(move |_| {
        params
            .with(|p| p.get("kpi"))
            .and_then(|s| Kpi::from_slug(&s))
    });
    view! {
        <Guarded action=Action::ViewKpis>
            {move || match kpi.get() {
                Some(kpi) => view! { <Detail kpi=kpi /> }.into_any(),
                None => view! { <NotFound /> }.into_any(),
            }}
        </Guarded>
    }
}

#[component]
fn Detail(kpi: Kpi) -> impl IntoView {
    let state = use_app_state();
    let (scope, _) = use_scope("/kpi");
    let explanation = Memo::new(move |_| {
        let scope = scope.get();
        let filter = state.data.with(|d| scope.filter(d));
        let now = state.now.get();
        state.facts.with(|facts| {
            engine::explain(
                kpi,
                Inputs {
                    facts: &facts.0,
                    now,
                },
                &filter,
                scope.period,
            )
        })
    });
    let target = Memo::new(move |_| state.data.with(|d| d.kpi_settings().target(kpi)));
    let lines = Memo::new(move |_| {
        let lang = state.lang.get();
        let explanation = explanation.get();
        let calendar_less = |day: crate::domain::calendar::Date| day.to_string();
        state.tickets.with(|folded| {
            let tickets: HashMap<Id, usize> = folded
                .0
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id, i))
                .collect();
            let data = state.data.read();
            let describe = |item: &Item| -> (Option<String>, Option<Id>, String, String) {
                match item {
                    Item::Ticket(id) => {
                        let ticket = tickets.get(id).map(|i| &folded.0[*i]);
                        let (title, detail) = ticket.map_or_else(
                            || (id.to_string(), String::new()),
                            |t| {
                                let r = &t.registration;
                                (
                                    format!(
                                        "{} {}",
                                        customer_name(lang, &r.customer),
                                        mask_phone(&r.customer.phone)
                                    ),
                                    format!("{} · {}", kind_name(lang, r.kind), r.description),
                                )
                            },
                        );
                        (Some(format!("/tickets/{id}")), Some(*id), title, detail)
                    }
                    Item::Cost(id) => {
                        let line = data.costs.get(*id);
                        (
                            None,
                            None,
                            format!(
                                "{} {}",
                                Key::CostRecord.text(lang),
                                line.map(|l| cost_kind_name(lang, l.kind))
                                    .unwrap_or_default()
                            ),
                            line.map(|l| format!("{} {}", l.amount, l.note))
                                .unwrap_or_default(),
                        )
                    }
                    Item::Sales(id) => {
                        let sales = data.sales.get(*id);
                        (
                            None,
                            None,
                            format!(
                                "{} {}",
                                Key::SalesRecord.text(lang),
                                sales.map(|s| s.category.clone()).unwrap_or_default()
                            ),
                            sales
                                .map(|s| {
                                    format!("{}-{:02} · {}", s.month.year, s.month.month, s.units)
                                })
                                .unwrap_or_default(),
                        )
                    }
                    Item::Training(id) => {
                        let session = data.training.get(*id);
                        (
                            None,
                            None,
                            format!(
                                "{} {}",
                                Key::TrainingRecord.text(lang),
                                session.map(|s| s.title.clone()).unwrap_or_default()
                            ),
                            session.map(|s| s.planned.to_string()).unwrap_or_default(),
                        )
                    }
                }
            };
            let counted: Vec<Line> = explanation
                .counted
                .iter()
                .map(|(item, day, added)| {
                    let (href, ticket, title, detail) = describe(item);
                    let (numerator, denominator, note) = match added {
                        Added::Fully {
                            numerator,
                            denominator,
                        } => (
                            *numerator,
                            *denominator,
                            format!(
                                "{} {}",
                                Key::AddedColumn.text(lang),
                                added_text(lang, kpi, *numerator, *denominator)
                            ),
                        ),
                        Added::NumeratorAlreadyCounted { denominator } => (
                            0,
                            *denominator,
                            format!(
                                "{} {} · {}",
                                Key::AddedColumn.text(lang),
                                added_text(lang, kpi, 0, *denominator),
                                reason_text(lang, &Reason::SameCustomer)
                            ),
                        ),
                    };
                    Line {
                        href,
                        ticket,
                        title,
                        detail,
                        day: calendar_less(*day),
                        note,
                        numerator: Some(numerator),
                        denominator: Some(denominator),
                    }
                })
                .collect();
            let left_out: Vec<Line> = explanation
                .left_out
                .iter()
                .map(|(item, reason)| {
                    let (href, ticket, title, detail) = describe(item);
                    Line {
                        href,
                        ticket,
                        title,
                        detail,
                        day: String::new(),
                        note: reason_text(lang, reason),
                        numerator: None,
                        denominator: None,
                    }
                })
                .collect();
            (counted, left_out)
        })
    });
    let counted = Memo::new(move |_| lines.with(|l| l.0.clone()));
    let left_out = Memo::new(move |_| lines.with(|l| l.1.clone()));
    let back = move || format!("/kpi{}", scope.with(|s| s.query()));
    let value = move || explanation.with(|e| e.totals.value(kpi));
    let table = Signal::derive(move || {
        let lang = state.lang.get();
        let mut table = Table::new(
            [
                Key::RecordColumn,
                Key::DayColumn,
                Key::Numerator,
                Key::Denominator,
                Key::ReasonColumn,
            ]
            .into_iter()
            .map(|k| k.text(lang).to_string())
            .collect(),
        );
        table.headers.insert(1, "id".into());
        lines.with(|(counted, left_out)| {
            for line in counted.iter().chain(left_out) {
                table.push(vec![
                    Cell::Text(format!("{} {}", line.title, line.detail)),
                    line.ticket
                        .map_or(Cell::Empty, |id| Cell::Text(id.to_string())),
                    Cell::Text(line.day.clone()),
                    line.numerator
                        .map_or(Cell::Empty, |n| Cell::number(n as i64)),
                    line.denominator
                        .map_or(Cell::Empty, |d| Cell::number(d as i64)),
                    match line.numerator {
                        Some(_) => Cell::Empty,
                        None => Cell::Text(line.note.clone()),
                    },
                ]);
            }
        });
        table
    });
    let summary = move || {
        let lang = state.lang.get();
        explanation.with(|e| {
            vec![
                (numerator_label(lang, kpi), e.totals.numerator),
                (denominator_label(lang, kpi), e.totals.denominator),
            ]
        })
    };
    view! {
        <section class="panel kpi-detail" data-page="kpi-detail" data-kpi=kpi.slug()>
            <p><a class="button button--quiet" href=back>{"← "}{tr(Key::BackToDashboard)}</a></p>
            <h1>
                <span class="kpi-tile__code">{kpi.code()}</span>" "
                {move || kpi_name(state.lang.get(), kpi)}
            </h1>
            <p class="muted">{move || period_label(state.lang.get(), &scope.with(|s| s.period))}</p>
            <p class="kpi-detail__value" data-value=move || kpi.unit().shown(value()).map(|s| s.to_string())>
                {move || value_text_against(state.lang.get(), kpi, value(), target.get())}
                <span class="kpi-tile__standing">
                    {move || standing_name(state.lang.get(), kpi.standing(value(), target.get()))}
                    {move || target.get().map(|t| format!(" · {} {}", state.t(Key::TargetLabel), steps_text(state.lang.get(), kpi.unit(), t)))}
                </span>
            </p>
            <h2>{tr(Key::Formula)}</h2>
            <p class="kpi-detail__formula">{move || kpi_formula(state.lang.get(), kpi)}</p>
            <dl class="kpi-detail__terms">
                {move || {
                    let terms = summary();
                    let sum_only = kpi.aggregate() == Aggregate::Sum;
                    terms.into_iter().enumerate().filter(|(i, _)| !(sum_only && *i == 1)).map(|(i, (label, count))| {
                        let shown = match (i, kpi.unit()) {
                            (0, crate::domain::kpi::Unit::Fen) => crate::domain::money::Fen(count as i64).to_string(),
                            (0, crate::domain::kpi::Unit::Hours) => hours_text(state.lang.get(), count),
                            _ => count.to_string(),
                        };
                        view! {
                            <div class="kpi-detail__term" data-term=if i == 0 { "numerator" } else { "denominator" }>
                                <dt>{if i == 0 { tr(Key::Numerator)() } else { tr(Key::Denominator)() }}" · "{label}</dt>
                                <dd>{shown}</dd>
                            </div>
                        }
                    }).collect_view()
                }}
            </dl>
            <ExportButtons name=kpi.slug() table=table />
        </section>
        <section class="panel">
            <h2>{tr(Key::CountedItems)}" ("{move || counted.with(Vec::len)}")"</h2>
            <LineList lines=counted empty=Key::NothingCounted name="counted" />
        </section>
        <section class="panel">
            <h2>{tr(Key::LeftOutItems)}" ("{move || left_out.with(Vec::len)}")"</h2>
            <LineList lines=left_out empty=Key::NothingLeftOut name="left-out" />
        </section>
    }
}

/// What a counted item added, in the KPI's terms: "1 / 1", "0 / 1", "3.5 小时", "¥120.00".
fn added_text(lang: Lang, kpi: Kpi, numerator: u64, denominator: u64) -> String {
    use crate::domain::kpi::Unit;
    let amount = match kpi.unit() {
        Unit::Fen => crate::domain::money::Fen(numerator as i64).to_string(),
        Unit::Hours => hours_text(lang, numerator),
        Unit::Stars => format!("{numerator} ★"),
        _ => numerator.to_string(),
    };
    match kpi.aggregate() {
        Aggregate::Sum => amount,
        _ => format!("{amount} / {denominator}"),
    }
}

/// Milliseconds as hours in tenths, rounded half up.
fn hours_text(lang: Lang, ms: u64) -> String {
    use crate::domain::kpi::Unit;
    let tenths = Unit::Hours
        .shown(crate::domain::ratio::Ratio::of(ms, 1))
        .unwrap_or(0);
    steps_text(lang, Unit::Hours, tenths)
}

#[component]
fn LineList(lines: Memo<Vec<Line>>, empty: Key, name: &'static str) -> impl IntoView {
    let state = use_app_state();
    let count = move || lines.with(Vec::len);
    view! {
        <Show when=move || { count() != 0 } fallback=move || view! { <p class="muted">{tr(empty)}</p> }>
            <div class="kpi-lines" data-list=name>
                <VirtualList
                    len=Signal::derive(count)
                    row_height=ROW_HEIGHT
                    label=Signal::derive(move || state.t(empty).to_string())
                    row=move |index| {
                        let line = lines.with(|l| l.get(index).cloned());
                        line.map(|line| {
                            let body = view! {
                                <span class="kpi-line__main">
                                    <strong>{line.title}</strong>
                                    <span class="muted">{line.detail}</span>
                                </span>
                                <span class="kpi-line__day">{line.day}</span>
                                <span class="kpi-line__note">{line.note}</span>
                            };
                            match line.href {
                                Some(href) => view! { <a class="kpi-line" href=href data-ticket=line.ticket.map(|t| t.to_string())>{body}</a> }.into_any(),
                                None => view! { <div class="kpi-line">{body}</div> }.into_any(),
                            }
                        }).unwrap_or_else(|| ().into_any())
                    }
                />
            </div>
        </Show>
    }
}
