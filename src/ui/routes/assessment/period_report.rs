//! 期间报告 (R5.5): the list of a kind's periods (month, quarter, year) with each report's state, and one period's
//! report laid out for leadership and for A4 — the KPIs with target, previous period, industry and trend; what the
//! tickets were about and the models repaired most; SLA breaches; bad reviews; the complaints analysed, with the
//! lessons and the corrective actions they opened; providers' fines; published grades; corrective actions — then
//! the manager's findings and proposals, saved as a draft and issued once the period is over. An issued report
//! shows its figures as issued, and says so when the data now says something else.
//!
//! Must not: compute a figure (`domain::period_report` does) or let an issued report change.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::domain::access::Action;
use crate::domain::corrective::Source;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::kpi::{Kpi, TargetStanding};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::period_report::{
    Figure, PeriodReport, REPORT_KINDS, ReportBody, ReportDraft, ReportInputs, TREND_PERIODS,
    compute, draft_id, draft_report, issued_id, issued_report,
};
use crate::export::{Cell, Table};
use crate::i18n::kpi::{
    change_text, kpi_name, period_label, standing_name, steps_text, value_text,
};
use crate::i18n::providers::cause_name;
use crate::i18n::quality::{action_summary, report_basis};
use crate::i18n::tickets::{kind_name, measure_name};
use crate::i18n::{self, Key, Lang};
use crate::ui::components::chart::Sparkline;
use crate::ui::components::export::ExportButtons;
use crate::ui::components::form::{FormErrors, FormField, RecordProblem};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::assessment::home::folded;
use crate::ui::routes::assessment::provider_assessment::today;
use crate::ui::routes::assessment::quality::{SourceActions, me};
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::service::dashboard::shown_cell;
use crate::ui::routes::{company_name, save_saying};
use crate::ui::state::{AppState, tr, use_app_state};

/// How many periods of a kind the list offers, newest first.
const LISTED_PERIODS: [(PeriodKind, usize); 3] = [
    (PeriodKind::Month, 12),
    (PeriodKind::Quarter, 8),
    (PeriodKind::Year, 3),
];

fn kind_slug(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Month => "month",
        PeriodKind::Quarter => "quarter",
        PeriodKind::Year => "year",
        PeriodKind::Week => "week",
    }
}

fn kind_key(kind: PeriodKind) -> Key {
    match kind {
        PeriodKind::Quarter => Key::Quarterly,
        PeriodKind::Year => Key::Yearly,
        _ => Key::Monthly,
    }
}

/// `/assessment/reports?kind=…`: the kind's last periods, newest first, each with its report's state.
#[component]
pub fn ReportListPage() -> impl IntoView {
    let state = use_app_state();
    let query = use_query_map();
    let kind = Memo::new(move |_| {
        let wanted = query.with(|q| q.get("kind"));
        REPORT_KINDS
            .into_iter()
            .find(|k| Some(kind_slug(*k)) == wanted.as_deref())
            .unwrap_or(PeriodKind::Month)
    });
    let rows = Memo::new(move |_| {
        let kind = kind.get();
        let count = LISTED_PERIODS
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(12, |(_, n)| *n);
        let today = today(state);
        let mut period = Period::containing(kind, today);
        let mut rows = Vec::new();
        state.data.with(|d| {
            for _ in 0..count {
                let report = issued_report(d, period)
                    .or_else(|| draft_report(d, period))
                    .cloned();
                rows.push((period, report));
                period = period.previous();
            }
        });
        rows
    });
    view! {
        <Guarded action=Action::ViewQuality>
            <section class="panel report-list" data-page="period-reports">
                <header class="section-head">
                    <h1>{tr(Key::PeriodReports)}</h1>
                    <a class="button" href="/assessment/quality">{tr(Key::Quality)}</a>
                </header>
                <p class="muted">{tr(Key::PeriodReportsIntro)}</p>
                <nav class="period-nav" aria-label=tr(Key::PeriodChoice)>
                    {REPORT_KINDS.into_iter().map(|k| view! {
                        <a class="button" class:button--primary=move || kind.get() == k
                            href=format!("/assessment/reports?kind={}", kind_slug(k)) data-period-kind=kind_slug(k)>
                            {tr(kind_key(k))}
                        </a>
                    }).collect_view()}
                </nav>
                <div class="table-wrap">
                    <table class="table" data-list="period-reports">
                        <thead><tr><th>{tr(Key::StatementPeriod)}</th><th>{tr(Key::StatementStatus)}</th></tr></thead>
                        <tbody>
                            {move || {
                                let lang = state.lang.get();
                                rows.get().into_iter().map(|(period, report)| {
                                    let status = match &report {
                                        Some(PeriodReport { issued: Some(issued), .. }) => format!(
                                            "{} · {} · {}",
                                            state.t(Key::ReportIssuedStatus),
                                            issued.by_name,
                                            state.local_time(issued.at)
                                        ),
                                        Some(_) => state.t(Key::ReportDraftStatus).to_string(),
                                        None => state.t(Key::ReportNotStarted).to_string(),
                                    };
                                    let issued = report.as_ref().is_some_and(|r| r.issued.is_some());
                                    view! {
                                        <tr data-period=period.key() data-status=if issued { "issued" } else { "open" }>
                                            <td><a href=format!("/assessment/reports/{}", period.key())>{period_label(lang, &period)}</a></td>
                                            <td>{status}</td>
                                        </tr>
                                    }
                                }).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </section>
        </Guarded>
    }
}

/// `/assessment/reports/:period`.
#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let period = Memo::new(move |_| {
        params
            .with(|p| p.get("period"))
            // Only a key as the app writes it (not "m2026-011"), for a year of this century.
            .and_then(|key| Period::from_key(&key).filter(|p| p.key() == key))
            .filter(|p| p.kind().is_some_and(|k| REPORT_KINDS.contains(&k)))
            .filter(|p| (2000..=2100).contains(&p.first_day().year()))
    });
    view! {
        <Guarded action=Action::ViewQuality>
            {move || match period.get() {
                Some(period) => view! { <ReportView period=period /> }.into_any(),
                None => view! { <NotFound /> }.into_any(),
            }}
        </Guarded>
    }
}

#[component]
fn ReportView(period: Period) -> impl IntoView {
    let state = use_app_state();
    let assessments = folded(state);
    // The manager's text: the issued report's once there is one, else the draft's.
    let stored = Memo::new(move |_| {
        state.data.with(|d| {
            issued_report(d, period)
                .or_else(|| draft_report(d, period))
                .cloned()
        })
    });
    // The report as the data says now: what a draft shows, and what an issued report is compared with.
    let now_says = Memo::new(move |_| {
        let settings = state.data.with(|d| d.kpi_settings());
        let now = state.now.get();
        state.settings.with(|service| {
            state.tickets.with(|tickets| {
                state.facts.with(|facts| {
                    assessments.with(|assessments| {
                        state.data.with(|data| {
                            compute(
                                ReportInputs {
                                    data,
                                    tickets: &tickets.0,
                                    facts: &facts.0,
                                    assessments: &assessments.0,
                                    settings: &settings,
                                    policy: &service.policy,
                                    calendar: &service.calendar,
                                    now,
                                },
                                period,
                            )
                        })
                    })
                })
            })
        })
    });
    let shown =
        Memo::new(
            move |_| match stored.with(|r| r.as_ref().and_then(|r| r.issued.clone())) {
                Some(issued) => issued.body,
                None => now_says.get(),
            },
        );
    let issued = Memo::new(move |_| stored.with(|r| r.as_ref().and_then(|r| r.issued.clone())));
    // Whether what the data says now differs from what was issued (the basis aside: the time it was computed).
    let changed_since = Memo::new(move |_| {
        issued.with(|issued| {
            issued.as_ref().is_some_and(|issued| {
                now_says.with(|now| {
                    let mut now = now.clone();
                    now.basis = issued.body.basis;
                    now != issued.body
                })
            })
        })
    });
    let table = Signal::derive(move || {
        let text = stored.get().unwrap_or_else(|| PeriodReport {
            period,
            findings: String::new(),
            proposals: String::new(),
            lessons: String::new(),
            issued: None,
        });
        report_table(state.lang.get(), &shown.get(), &text)
    });
    view! {
        <div class="no-print statement-nav">
            <a class="button" href=format!("/assessment/reports?kind={}", kind_slug(period.kind().unwrap_or(PeriodKind::Month)))>
                {tr(Key::PeriodReports)}
            </a>
            <nav class="period-nav" aria-label=tr(Key::PeriodChoice)>
                <a class="button" data-action="previous-period" href=format!("/assessment/reports/{}", period.previous().key())
                    aria-label=tr(Key::PreviousPeriod)>"‹"</a>
                <strong class="period-nav__label">{move || period_label(state.lang.get(), &period)}</strong>
                <a class="button" data-action="next-period" href=format!("/assessment/reports/{}", period.next().key())
                    aria-label=tr(Key::NextPeriod)>"›"</a>
            </nav>
        </div>
        <article class="paper report" data-page="period-report" data-period=period.key()
            data-status=move || if issued.with(Option::is_some) { "issued" } else { "draft" }>
            <p class="paper__company">{move || state.data.with(company_name)}</p>
            <h1 class="paper__title">{move || format!("{} · {}", state.t(Key::PeriodReportTitle), period_label(state.lang.get(), &period))}</h1>
            <p class="report__meta" data-fact="report-status">
                {move || match issued.get() {
                    Some(issued) => format!(
                        "{} · {} · {}",
                        state.t(Key::ReportIssuedStatus),
                        issued.by_name,
                        state.local_time(issued.at)
                    ),
                    None => state.t(Key::ReportDraftLong).to_string(),
                }}
                " · "
                {move || basis_text(state, &shown.get())}
            </p>
            <Show when=move || changed_since.get()>
                <p class="banner banner--info no-print" data-fact="changed-since">{tr(Key::ReportChangedSince)}</p>
            </Show>
            {move || shown.with(|body| sections(state, body))}
            <ComplaintsSection period=period shown=shown />
            <ActionsSection shown=shown />
            <TextSection period=period stored=stored issued=issued now_says=now_says />
            <div class="paper__actions no-print">
                <button type="button" class="button" name="print" on:click=move |_| { let _ = window().print(); }>
                    {tr(Key::Print)}
                </button>
                <ExportButtons name="period-report" table=table file=Signal::derive(move || {
                    let status = if issued.with(Option::is_some) { "issued" } else { "draft" };
                    format!("report-{}-{status}", period.key())
                }) />
            </div>
        </article>
    }
}

fn basis_text(state: AppState, body: &ReportBody) -> String {
    let basis = body.basis;
    report_basis(
        state.lang.get(),
        &state.local_time(basis.computed_at),
        basis.tickets,
        basis.events,
    )
}

/// A value of `kpi` from its sums, in the user's language ("—" without data).
fn figure_text(lang: Lang, kpi: Kpi, figure: Figure) -> String {
    value_text(lang, kpi, figure.value(kpi))
}

/// The report's parts up to the complaints, as issued or as the data says now.
fn sections(state: AppState, body: &ReportBody) -> AnyView {
    let lang = state.lang.get();
    let kpi_rows = body
        .kpis
        .iter()
        .map(|line| {
            let kpi = line.kpi;
            let unit = kpi.unit();
            let current = line.current().value(kpi);
            let standing = line.standing();
            let tone = match standing {
                TargetStanding::Met => "kpi-met",
                TargetStanding::Missed => "kpi-missed",
                _ => "",
            };
            let change = kpi
                .change(current, line.previous().value(kpi))
                .map(|delta| change_text(lang, unit, delta))
                .unwrap_or_default();
            let steps_of = |steps: Option<u64>| steps.map(|s| steps_text(lang, unit, s)).unwrap_or_default();
            let periods = body.period.trailing(TREND_PERIODS);
            let values: Vec<Option<u64>> = line.trend.iter().map(|f| unit.shown(f.value(kpi))).collect();
            let spoken = periods
                .iter()
                .zip(&line.trend)
                .map(|(p, f)| format!("{} {}", period_label(lang, p), figure_text(lang, kpi, *f)))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr data-kpi=kpi.slug()>
                    <th scope="row">{kpi.code()}" "{kpi_name(lang, kpi)}</th>
                    <td class=format!("number {tone}") data-fact="current">{figure_text(lang, kpi, line.current())}</td>
                    <td class="number">{steps_of(line.target)}</td>
                    <td>{standing_name(lang, standing)}</td>
                    <td class="number">{figure_text(lang, kpi, line.previous())}</td>
                    <td class="number">{change}</td>
                    <td class="number">{steps_of(line.industry)}</td>
                    <td><Sparkline values=values label=spoken /></td>
                </tr>
            }
        })
        .collect_view();
    let count_rows = |rows: Vec<(String, u32)>, list: &'static str| {
        let empty = rows.is_empty();
        view! {
            <table class="paper__grid paper__grid--lines" data-table=list>
                <tbody>
                    {rows.into_iter().map(|(label, count)| view! {
                        <tr><td>{label}</td><td class="number">{count}</td></tr>
                    }).collect_view()}
                    {empty.then(|| view! { <tr><td colspan="2" class="muted">{tr(Key::NothingInPeriod)}</td></tr> })}
                </tbody>
            </table>
        }
    };
    let kinds = body
        .kinds
        .iter()
        .map(|(k, n)| (kind_name(lang, *k).to_string(), *n))
        .collect();
    let breach_counts = body
        .breach_counts
        .iter()
        .map(|(m, n)| (measure_name(lang, *m).to_string(), *n))
        .collect();
    let total_breaches: u32 = body.breach_counts.iter().map(|(_, n)| n).sum();
    let breaches = body
        .breaches
        .iter()
        .map(|b| {
            let done = b
                .done_at
                .map(|d| state.local_time(d))
                .unwrap_or_else(|| state.t(Key::NotDoneYet).to_string());
            view! {
                <tr>
                    <td><a class="link--touch" href=format!("/tickets/{}", b.ticket)>{ticket_label(&b.number, b.ticket)}</a></td>
                    <td>{measure_name(lang, b.measure)}</td>
                    <td>{state.local_time(b.deadline)}</td>
                    <td>{done}</td>
                </tr>
            }
        })
        .collect_view();
    let bad_reviews = body
        .bad_reviews
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td><a class="link--touch" href=format!("/tickets/{}", r.ticket)>{ticket_label(&r.number, r.ticket)}</a></td>
                    <td class="number">{format!("{}★", r.overall)}</td>
                    <td>{r.engineer.clone()}</td>
                    <td>{state.local_time(r.answered_at)}</td>
                </tr>
            }
        })
        .collect_view();
    let fines: Vec<(String, String, String)> = body
        .fines
        .iter()
        .map(|f| {
            (
                f.provider.clone(),
                period_label(lang, &f.period),
                f.total.to_string(),
            )
        })
        .collect();
    let fines_total = body
        .fines
        .iter()
        .try_fold(crate::domain::money::Fen::ZERO, |sum, f| {
            sum.checked_add(f.total)
        })
        .map(|f| f.to_string())
        .unwrap_or_default();
    let outcomes: Vec<(String, String)> = body
        .outcomes
        .iter()
        .map(|o| {
            let grades = o
                .grades
                .iter()
                .map(|(g, n)| format!("{g} {n}"))
                .collect::<Vec<_>>();
            (o.cycle.clone(), i18n::listed(lang, &grades))
        })
        .collect();
    view! {
        <section data-section="kpis">
            <h2>{tr(Key::ReportKpis)}</h2>
            <div class="table-wrap">
                <table class="paper__grid report__kpis" data-table="report-kpis">
                    <thead><tr>
                        <th>{tr(Key::KpiColumn)}</th><th>{tr(Key::ThisPeriod)}</th><th>{tr(Key::TargetLabel)}</th>
                        <th>{tr(Key::KpiStanding)}</th><th>{tr(Key::PreviousPeriodShort)}</th><th>{tr(Key::VsPrevious)}</th>
                        <th>{tr(Key::IndustryLabel)}</th><th>{tr(Key::TrendColumn)}</th>
                    </tr></thead>
                    <tbody>{kpi_rows}</tbody>
                </table>
            </div>
        </section>
        <section data-section="tickets" class="report__pair">
            <div>
                <h2>{tr(Key::ReportKinds)}</h2>
                {count_rows(kinds, "report-kinds")}
            </div>
            <div>
                <h2>{tr(Key::ReportRepairs)}</h2>
                <p class="paper__note">{tr(Key::ReportRepairsNote)}</p>
                {count_rows(body.repairs.clone(), "report-repairs")}
            </div>
        </section>
        <section data-section="breaches">
            <h2>{tr(Key::ReportBreaches)}" (" <span data-fact="breach-count">{total_breaches}</span> ")"</h2>
            {count_rows(breach_counts, "report-breach-counts")}
            {(!body.breaches.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="paper__grid paper__grid--lines" data-table="report-breaches">
                        <thead><tr><th>{tr(Key::TicketNumber)}</th><th>{tr(Key::SlaMeasure)}</th><th>{tr(Key::Deadline)}</th><th>{tr(Key::DoneAt)}</th></tr></thead>
                        <tbody>{breaches}</tbody>
                    </table>
                </div>
            })}
            {(total_breaches as usize > body.breaches.len()).then(|| view! { <p class="paper__note">{tr(Key::FirstListedOnly)}</p> })}
        </section>
        <section data-section="bad-reviews">
            <h2>{tr(Key::ReportBadReviews)}" (" <span data-fact="bad-review-count">{body.bad_review_count}</span> ")"</h2>
            {(!body.bad_reviews.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="paper__grid paper__grid--lines" data-table="report-bad-reviews">
                        <thead><tr><th>{tr(Key::TicketNumber)}</th><th>{tr(Key::Stars)}</th><th>{tr(Key::Engineer)}</th><th>{tr(Key::AnsweredAt)}</th></tr></thead>
                        <tbody>{bad_reviews}</tbody>
                    </table>
                </div>
            })}
        </section>
        <section data-section="fines">
            <h2>{tr(Key::ReportFines)}</h2>
            <table class="paper__grid paper__grid--lines" data-table="report-fines">
                <tbody>
                    {fines.is_empty().then(|| view! { <tr><td colspan="3" class="muted">{tr(Key::NothingInPeriod)}</td></tr> })}
                    {fines.into_iter().map(|(provider, period, total)| view! {
                        <tr><td>{provider}</td><td>{period}</td><td class="number">{total}</td></tr>
                    }).collect_view()}
                    {(!body.fines.is_empty()).then(|| view! {
                        <tr><th colspan="2">{tr(Key::Total)}</th><td class="number" data-fact="fines-total">{fines_total}</td></tr>
                    })}
                </tbody>
            </table>
        </section>
        <section data-section="outcomes">
            <h2>{tr(Key::ReportOutcomes)}</h2>
            <table class="paper__grid paper__grid--lines" data-table="report-outcomes">
                <tbody>
                    {outcomes.is_empty().then(|| view! { <tr><td colspan="2" class="muted">{tr(Key::NothingInPeriod)}</td></tr> })}
                    {outcomes.into_iter().map(|(cycle, grades)| view! {
                        <tr><td>{cycle}</td><td>{grades}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}

/// A ticket as the report names it: its number, or the start of its id for one registered before numbers.
fn ticket_label(number: &str, ticket: crate::domain::ids::Id) -> String {
    match number.is_empty() {
        true => ticket.to_string().chars().take(8).collect(),
        false => number.to_string(),
    }
}

/// The complaints analysed (S9 四.4): the figures, by cause, product and unit; the lessons (in the manager's text
/// below) and the corrective actions opened from this analysis.
#[component]
fn ComplaintsSection(period: Period, shown: Memo<ReportBody>) -> impl IntoView {
    let state = use_app_state();
    let lang = move || state.lang.get();
    view! {
        <section data-section="complaints">
            <h2>{tr(Key::ReportComplaints)}</h2>
            {move || shown.with(|body| {
                let c = &body.complaints;
                let facts = [
                    (Key::ComplaintsReceived, c.received, "received"),
                    (Key::ComplaintsRejected, c.rejected, "rejected"),
                    (Key::ComplaintsVerifiedLate, c.verified_late, "verified-late"),
                    (Key::ComplaintsPromised, c.promised, "promised"),
                    (Key::ComplaintsPromiseBroken, c.promise_broken, "promise-broken"),
                    (Key::ComplaintsTold, c.told, "told"),
                    (Key::ComplaintsUntold, c.untold, "untold"),
                ];
                let causes: Vec<String> = c
                    .by_cause
                    .iter()
                    .map(|(cause, n)| {
                        let name = match cause {
                            Some(cause) => cause_name(lang(), *cause),
                            None => state.t(Key::CauseOther),
                        };
                        format!("{name} {n}")
                    })
                    .collect();
                let listed = |rows: &[(String, u32)]| {
                    let items: Vec<String> = rows.iter().map(|(l, n)| format!("{l} {n}")).collect();
                    match items.is_empty() {
                        true => "—".to_string(),
                        false => i18n::listed(lang(), &items),
                    }
                };
                view! {
                    <table class="paper__grid" data-table="report-complaints">
                        <tbody>
                            {facts.into_iter().map(|(key, n, fact)| view! {
                                <tr><th>{tr(key)}</th><td class="number" data-fact=fact>{n}</td></tr>
                            }).collect_view()}
                            <tr><th>{tr(Key::ByCause)}</th><td data-fact="by-cause">{match causes.is_empty() { true => "—".to_string(), false => i18n::listed(lang(), &causes) }}</td></tr>
                            <tr><th>{tr(Key::ByProduct)}</th><td>{listed(&c.by_category)}</td></tr>
                            <tr><th>{tr(Key::ByUnit)}</th><td>{listed(&c.by_unit)}</td></tr>
                        </tbody>
                    </table>
                }
            })}
            <h3>{tr(Key::ImprovementMeasures)}</h3>
            <div class="actions-form">
                <SourceActions source=Source::ComplaintAnalysis { period } what=String::new() />
            </div>
        </section>
    }
}

/// The corrective actions open when the report was computed, the overdue first, and how many closed within it.
#[component]
fn ActionsSection(shown: Memo<ReportBody>) -> impl IntoView {
    let state = use_app_state();
    view! {
        <section data-section="actions">
            <h2>{tr(Key::CorrectiveActions)}</h2>
            {move || shown.with(|body| {
                let overdue = body.open_actions.iter().filter(|a| a.overdue).count();
                view! {
                    <p class="paper__note" data-fact="actions-summary">
                        {action_summary(state.lang.get(), body.open_actions.len(), overdue, body.actions_closed)}
                    </p>
                    <table class="paper__grid paper__grid--lines" data-table="report-actions">
                        <thead><tr><th>{tr(Key::WhatToDo)}</th><th>{tr(Key::Owner)}</th><th>{tr(Key::DueDay)}</th><th>{tr(Key::StatusLabel)}</th></tr></thead>
                        <tbody>
                            {body.open_actions.iter().map(|a| view! {
                                <tr data-overdue=a.overdue.to_string()>
                                    <td>{a.what.clone()}</td>
                                    <td>{a.owner.clone()}</td>
                                    <td class="number">{a.due.to_string()}</td>
                                    <td>{a.overdue.then(|| view! { <span class="badge badge--danger">{tr(Key::OverdueAction)}</span> })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </section>
    }
}

/// The manager's text: written and saved as a draft, then issued with the figures; once issued, shown as issued.
#[component]
fn TextSection(
    period: Period,
    stored: Memo<Option<PeriodReport>>,
    issued: Memo<Option<Box<crate::domain::period_report::Issued>>>,
    now_says: Memo<ReportBody>,
) -> impl IntoView {
    let state = use_app_state();
    let initial = stored.get_untracked();
    let findings = RwSignal::new(
        initial
            .as_ref()
            .map(|r| r.findings.clone())
            .unwrap_or_default(),
    );
    let proposals = RwSignal::new(
        initial
            .as_ref()
            .map(|r| r.proposals.clone())
            .unwrap_or_default(),
    );
    let lessons = RwSignal::new(
        initial
            .as_ref()
            .map(|r| r.lessons.clone())
            .unwrap_or_default(),
    );
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let draft = move || ReportDraft {
        findings: findings.get_untracked(),
        proposals: proposals.get_untracked(),
        lessons: lessons.get_untracked(),
    };
    // The draft as this form opened it (or last saved it): a save over a draft another tab or device changed
    // since asks which text stays (`routes::save_saying`), rather than dropping the other's silently.
    let opened = StoredValue::new(
        state
            .data
            .with_untracked(|d| d.period_reports.version(draft_id(period)).cloned()),
    );
    let issued_now = move || {
        state
            .data
            .with_untracked(|d| issued_report(d, period).cloned())
    };
    let save_draft = move |_| match draft().check(period, issued_now().as_ref()) {
        Ok(report) => {
            errors.set(Vec::new());
            let id = draft_id(period);
            let change =
                Change::PeriodReport(state.edited(id, opened.get_value().as_ref(), report));
            let after = move || {
                opened.set_value(
                    state
                        .data
                        .with_untracked(|d| d.period_reports.version(id).cloned()),
                );
            };
            save_saying(
                state,
                Action::WriteReports,
                change,
                saving,
                Key::ReportSaved,
                after,
            );
        }
        Err(problems) => errors.set(problems),
    };
    let issue = move |_| {
        let today = today(state);
        let now = state.now.get_untracked();
        let by = me(state).map_or((None, String::new()), |(id, name)| (Some(id), name));
        let issued = draft().issue(
            issued_now().as_ref(),
            now_says.get_untracked(),
            by,
            now,
            today,
        );
        match issued {
            Err(problems) => errors.set(problems),
            Ok(report) => {
                let asked = window()
                    .confirm_with_message(state.t(Key::ConfirmIssueReport))
                    .unwrap_or(false);
                // Another tab may have issued it while the question was open: written once, never over.
                if asked && issued_now().is_some() {
                    errors.set(vec![crate::domain::error::FieldError::new(
                        Field::Record,
                        crate::domain::error::Problem::ReportIssued,
                    )]);
                } else if asked {
                    errors.set(Vec::new());
                    let change =
                        Change::PeriodReport(state.edited(issued_id(period), None, report));
                    save_saying(
                        state,
                        Action::WriteReports,
                        change,
                        saving,
                        Key::ReportIssuedToast,
                        || {},
                    );
                }
            }
        }
    };
    let text_of = move |pick: fn(&PeriodReport) -> &String| {
        stored.with(|r| r.as_ref().map(|r| pick(r).clone()).unwrap_or_default())
    };
    view! {
        <section data-section="text">
            <h2>{tr(Key::FindingsAndProposals)}</h2>
            {move || match issued.with(Option::is_some) {
                true => view! {
                    <h3>{tr(Key::Findings)}</h3>
                    <p class="report__text" data-fact="findings">{text_of(|r| &r.findings)}</p>
                    <h3>{tr(Key::Proposals)}</h3>
                    <p class="report__text" data-fact="proposals">{text_of(|r| &r.proposals)}</p>
                    <h3>{tr(Key::ComplaintLessons)}</h3>
                    <p class="report__text" data-fact="lessons">{text_of(|r| &r.lessons)}</p>
                    <div class="paper__signatures">
                        <span>{tr(Key::SignedManager)}" " <span class="paper__line"></span></span>
                        <span>{tr(Key::SignedDate)}" " <span class="paper__line"></span></span>
                    </div>
                }.into_any(),
                false => view! {
                    // Printed as typed so far; the form itself is not printed.
                    <div class="print-only">
                        <p class="report__text">{move || findings.get()}</p>
                        <p class="report__text">{move || proposals.get()}</p>
                    </div>
                    <form class="form report-form" on:submit=|ev| ev.prevent_default() novalidate>
                        <Show when=move || state.can(Action::WriteReports)
                            fallback=|| view! { <p class="muted">{tr(Key::ReportTextManagersOnly)}</p> }>
                            <FormField label=Key::Findings field=Field::Findings errors=errors required=true>
                                <textarea class="input" name="findings" rows="4" bind:value=findings></textarea>
                            </FormField>
                            <FormField label=Key::Proposals field=Field::Proposals errors=errors required=true>
                                <textarea class="input" name="proposals" rows="4" bind:value=proposals></textarea>
                            </FormField>
                            <FormField label=Key::ComplaintLessons field=Field::Lessons errors=errors>
                                <textarea class="input" name="lessons" rows="3" bind:value=lessons></textarea>
                            </FormField>
                            <RecordProblem errors=errors />
                            <div class="form__actions">
                                <button type="button" class="button" name="save-report" on:click=save_draft disabled=move || saving.get()>
                                    {tr(Key::SaveDraft)}
                                </button>
                                <button type="button" class="button button--primary" name="issue-report" on:click=issue disabled=move || saving.get()>
                                    {tr(Key::IssueReport)}
                                </button>
                            </div>
                            <p class="muted">{tr(Key::IssueReportHint)}</p>
                        </Show>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

/// The report as a spreadsheet: one row per figure — its part, what it is, the value, and for a KPI its target,
/// previous period and industry average (money in yuan) — then the manager's text as saved. Numbers stay numbers.
fn report_table(lang: Lang, body: &ReportBody, text: &PeriodReport) -> Table {
    let mut table = Table::new(
        [
            Key::ReportPart,
            Key::KpiColumn,
            Key::ThisPeriod,
            Key::TargetLabel,
            Key::PreviousPeriodShort,
            Key::IndustryLabel,
        ]
        .iter()
        .map(|k| k.text(lang).to_string())
        .collect(),
    );
    let part = |key: Key| Cell::Text(key.text(lang).to_string());
    for line in &body.kpis {
        let kpi = line.kpi;
        let unit = kpi.unit();
        table.push(vec![
            part(Key::ReportKpis),
            Cell::Text(format!("{} {}", kpi.code(), kpi_name(lang, kpi))),
            shown_cell(unit, unit.shown(line.current().value(kpi))),
            shown_cell(unit, line.target),
            shown_cell(unit, unit.shown(line.previous().value(kpi))),
            shown_cell(unit, line.industry),
        ]);
    }
    let mut count = |key: Key, label: String, n: u32| {
        table.push(vec![
            part(key),
            Cell::Text(label),
            Cell::number(i64::from(n)),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    };
    for (kind, n) in &body.kinds {
        count(Key::ReportKinds, kind_name(lang, *kind).to_string(), *n);
    }
    for (model, n) in &body.repairs {
        count(Key::ReportRepairs, model.clone(), *n);
    }
    for (measure, n) in &body.breach_counts {
        count(
            Key::ReportBreaches,
            measure_name(lang, *measure).to_string(),
            *n,
        );
    }
    count(
        Key::ReportBadReviews,
        Key::ReportBadReviews.text(lang).to_string(),
        body.bad_review_count,
    );
    let c = &body.complaints;
    for (key, n) in [
        (Key::ComplaintsReceived, c.received),
        (Key::ComplaintsRejected, c.rejected),
        (Key::ComplaintsVerifiedLate, c.verified_late),
        (Key::ComplaintsPromised, c.promised),
        (Key::ComplaintsPromiseBroken, c.promise_broken),
        (Key::ComplaintsTold, c.told),
        (Key::ComplaintsUntold, c.untold),
    ] {
        count(Key::ReportComplaints, key.text(lang).to_string(), n);
    }
    for (cause, n) in &c.by_cause {
        let name = match cause {
            Some(cause) => cause_name(lang, *cause),
            None => Key::CauseOther.text(lang),
        };
        count(Key::ByCause, name.to_string(), *n);
    }
    for fine in &body.fines {
        table.push(vec![
            part(Key::ReportFines),
            Cell::Text(format!(
                "{} {}",
                fine.provider,
                period_label(lang, &fine.period)
            )),
            Cell::Decimal {
                steps: fine.total.0,
                places: 2,
            },
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    for outcome in &body.outcomes {
        for (grade, n) in &outcome.grades {
            table.push(vec![
                part(Key::ReportOutcomes),
                Cell::Text(format!("{} {grade}", outcome.cycle)),
                Cell::number(i64::from(*n)),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]);
        }
    }
    for action in &body.open_actions {
        table.push(vec![
            part(Key::CorrectiveActions),
            Cell::Text(format!(
                "{} · {} · {}",
                action.what, action.owner, action.due
            )),
            Cell::Text(match action.overdue {
                true => Key::OverdueAction.text(lang).to_string(),
                false => String::new(),
            }),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    for (key, words) in [
        (Key::Findings, &text.findings),
        (Key::Proposals, &text.proposals),
        (Key::ComplaintLessons, &text.lessons),
    ] {
        table.push(vec![
            part(Key::FindingsAndProposals),
            part(key),
            Cell::Text(words.clone()),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    table
}
