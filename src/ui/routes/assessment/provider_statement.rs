//! 服务商负激励结算单 (R7.4): one provider's week or month laid out like the paper form — the figures, each item with
//! its clause and amount, each excluded bad review with the rule that excluded it and what it was merged into, the
//! total, signature lines — drafted from the data as it stands, then issued (by whom and when; never changed), and
//! corrected only by a new version that names the old and why. Printed on A4 and exported as CSV or XLSX.
//!
//! Must not: compute what it shows (`domain::provider_statement`) or let an issued statement change.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::domain::access::Action;
use crate::domain::dataset::Change;
use crate::domain::ids::Id;
use crate::domain::period::Period;
use crate::domain::provider_statement::{
    Excluded, ItemSource, Line, Statement, StatementBody, check_issue, current, issued,
    statement_id,
};
use crate::export::{Cell, Table};
use crate::i18n::kpi::period_label;
use crate::i18n::providers::{
    confirm_total, corrects_text, issued_meanwhile, issued_status, item_clause, item_text,
    priced_text, rate_text, rule_text, version_label,
};
use crate::i18n::{self, Key, Lang};
use crate::platform;
use crate::ui::components::export::ExportButtons;
use crate::ui::components::guard::Guarded;
use crate::ui::routes::assessment::provider_assessment::{
    PeriodLink, PeriodNav, provider_facts, today,
};
use crate::ui::routes::not_found::NotFound;
use crate::ui::state::{AppState, tr, use_app_state};

#[component]
pub fn ProviderStatementPage() -> impl IntoView {
    let params = use_params_map();
    let provider = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<Id>().ok())
    });
    let period = Memo::new(move |_| {
        params
            .with(|p| p.get("period"))
            .and_then(|key| Period::from_key(&key))
            .filter(|p| matches!(p, Period::Week { .. } | Period::Month { .. }))
    });
    view! {
        <Guarded action=Action::ViewProviderFines>
            {move || match (provider.get(), period.get()) {
                (Some(provider), Some(_)) => view! { <StatementView provider=provider period=period /> }.into_any(),
                _ => view! { <NotFound /> }.into_any(),
            }}
        </Guarded>
    }
}

/// What the page shows: an issued version, or the draft as the data stands.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Draft(StatementBody),
    Issued {
        id: Id,
        statement: Box<Statement>,
        /// Whether a later version corrects it.
        corrected: bool,
        /// Whether the data now says something else.
        changed: bool,
    },
}

#[component]
fn StatementView(provider: Id, period: Memo<Option<Period>>) -> impl IntoView {
    let state = use_app_state();
    let query = use_query_map();
    let facts = provider_facts(state);
    let period = Memo::new(move |_| period.get().expect("a period"));
    let name = Memo::new(move |_| {
        state
            .data
            .with(|d| d.providers.get(provider).map(|p| p.name.clone()))
    });
    let draft = Memo::new(move |_| {
        let facts = facts.get();
        state.tickets.with(|tickets| {
            state
                .data
                .with(|d| facts.0.statement(d, &tickets.0, provider, period.get()))
        })
    });
    let versions = Memo::new(move |_| {
        state.data.with(|d| {
            issued(d, provider, period.get())
                .into_iter()
                .map(|(id, s)| (id, s.clone()))
                .collect::<Vec<_>>()
        })
    });
    let shown = Memo::new(move |_| {
        let wanted: Option<Id> = query.with(|q| q.get("v")).and_then(|v| v.parse().ok());
        let current_id = state
            .data
            .with(|d| current(d, provider, period.get()).map(|(id, _)| id));
        let pick = wanted.or(current_id);
        versions.with(
            |all| match pick.and_then(|id| all.iter().find(|(v, _)| *v == id)) {
                Some((id, statement)) => Shown::Issued {
                    id: *id,
                    corrected: all.iter().any(|(_, s)| s.corrects == Some(*id)),
                    changed: draft.with(|d| d.differs_from(&statement.body)),
                    statement: Box::new(statement.clone()),
                },
                None => Shown::Draft(draft.get()),
            },
        )
    });
    let periodic = Memo::new(move |_| Some(period.get()));
    let table = Signal::derive(move || {
        let lang = state.lang.get();
        let provider = name.get().unwrap_or_default();
        shown.with(|s| match s {
            Shown::Draft(body) => {
                statement_table(lang, body, &provider, Key::StatementDraftLong.text(lang))
            }
            Shown::Issued { statement, .. } => statement_table(
                lang,
                &statement.body,
                &provider,
                &format!(
                    "{} · {} · {}",
                    version_label(lang, statement.version),
                    statement.issuer_name,
                    state.local_time(statement.issued_at)
                ),
            ),
        })
    });
    view! {
        {move || match name.get() {
            None => view! { <NotFound /> }.into_any(),
            Some(_) => view! {
                <div class="no-print statement-nav">
                    <a class="button" href=move || format!("/assessment/providers?p={}", period.get().key())>{tr(Key::BackToProviders)}</a>
                    <PeriodNav period=Memo::new(move |_| periodic.get().expect("a period")) link=PeriodLink::Path(provider) />
                </div>
                <article class="paper statement" data-page="provider-statement"
                    data-status=move || shown.with(|s| match s { Shown::Draft(_) => "draft", Shown::Issued { .. } => "issued" })>
                    {move || shown.with(|s| paper(state, name.get().unwrap_or_default(), s))}
                    <div class="paper__actions no-print">
                        <button type="button" class="button" name="print" on:click=move |_| { let _ = window().print(); }>
                            {tr(Key::Print)}
                        </button>
                        <ExportButtons name="provider-statement" table=table file=Signal::derive(move || {
                            let version = shown.with(|s| match s {
                                Shown::Draft(_) => "draft".to_string(),
                                Shown::Issued { statement, .. } => format!("v{}", statement.version),
                            });
                            format!("statement-{}-{}-{version}", name.get().unwrap_or_default(), period.get().key())
                        }) />
                    </div>
                </article>
                <IssuePanel provider=provider period=period draft=draft shown=shown name=name />
                {move || {
                    let all = versions.get();
                    (!all.is_empty()).then(|| view! {
                        <section class="panel no-print" data-section="versions">
                            <h2>{tr(Key::StatementVersions)}</h2>
                            <ul class="plain-list">
                                {all.into_iter().map(|(id, s)| {
                                    let href = format!("/assessment/providers/{provider}/{}?v={id}", period.get().key());
                                    let when = state.local_time(s.issued_at);
                                    view! {
                                        <li data-version=s.version>
                                            <a class="link--touch" href=href>{move || version_label(state.lang.get(), s.version)}</a>
                                            " · " {s.issuer_name.clone()} " · " {when}
                                            {(!s.reason.is_empty()).then(|| format!(" · {}", s.reason))}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    })
                }}
            }.into_any(),
        }}
    }
}

/// The form itself.
fn paper(state: AppState, name: String, shown: &Shown) -> AnyView {
    let lang = state.lang.get();
    let (body, status) = match shown {
        Shown::Draft(body) => (body, state.t(Key::StatementDraftLong).to_string()),
        Shown::Issued {
            statement,
            corrected,
            ..
        } => (
            &statement.body,
            issued_status(
                lang,
                statement.version,
                &statement.issuer_name,
                &state.local_time(statement.issued_at),
                *corrected,
            ),
        ),
    };
    let correction = match shown {
        Shown::Issued { statement, .. } if statement.corrects.is_some() => Some(corrects_text(
            lang,
            statement.version.saturating_sub(1),
            &statement.reason,
        )),
        _ => None,
    };
    let mut facts: Vec<(Key, String, &'static str)> = vec![
        (Key::ProviderName, name, "provider"),
        (
            Key::StatementPeriod,
            period_label(lang, &body.period),
            "period",
        ),
        (Key::StatementStatus, status, "status"),
        (
            Key::RulesInForce,
            match body.seed_rules {
                true => state.t(Key::SeedRules).to_string(),
                false => i18n::labelled(
                    lang,
                    state.t(Key::InForceFrom),
                    &body.rules.from.to_string(),
                ),
            },
            "rules",
        ),
        (
            Key::CompletedTickets,
            body.completed.to_string(),
            "completed",
        ),
        (
            Key::BadReviewsCounted,
            body.counted_bad_reviews().to_string(),
            "counted",
        ),
        (
            Key::BadReviewsExcluded,
            body.excluded.len().to_string(),
            "excluded",
        ),
        (
            Key::BadReviewRate,
            rate_text(body.bad_review_rate()),
            "rate",
        ),
        (
            Key::BadReviewPricing,
            priced_text(lang, &body.rules.bad_reviews, body.band.as_ref()),
            "pricing",
        ),
        (Key::Complaints, body.complaints().to_string(), "complaints"),
    ];
    if let Some(correction) = correction {
        facts.push((Key::CorrectsVersion, correction, "corrects"));
    }
    let lines = body.lines.clone();
    let excluded = body.excluded.clone();
    let reference_of = {
        let all: Vec<Line> = body
            .lines
            .iter()
            .cloned()
            .chain(body.excluded.iter().map(|e| e.review.clone()))
            .collect();
        move |source: ItemSource| {
            all.iter()
                .find(|l| l.source == source)
                .map(|l| format!("{} {}", l.day, l.reference))
                .unwrap_or_default()
        }
    };
    let total = body.total;
    let disqualified = body.disqualification();
    // A week's bad-review rate rests on a week's few tickets: the form says the rule was applied to the week alone.
    let is_week = matches!(body.period, Period::Week { .. });
    let week_by_rate = is_week
        && matches!(
            body.rules.bad_reviews,
            crate::domain::penalties::BadReviewRule::RateBands(_)
        );
    let (issuer, issued_on) = match shown {
        Shown::Issued { statement, .. } => (
            statement.issuer_name.clone(),
            state
                .local_time(statement.issued_at)
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_string(),
        ),
        Shown::Draft(_) => (String::new(), "________".to_string()),
    };
    let changed = matches!(
        shown,
        Shown::Issued {
            changed: true,
            corrected: false,
            ..
        }
    );
    view! {
        <h1 class="paper__title">{tr(Key::StatementTitle)}</h1>
        {changed.then(|| view! {
            <p class="banner banner--warning no-print" role="status" data-fact="changed-since-issue">{tr(Key::ChangedSinceIssueNote)}</p>
        })}
        <table class="paper__grid" data-table="statement-facts">
            {facts.chunks(2).map(|pair| view! {
                <tr>{pair.iter().map(|(label, value, fact)| view! {
                    <th>{tr(*label)}</th><td data-fact=*fact>{value.clone()}</td>
                }).collect_view()}</tr>
            }).collect_view()}
        </table>
        <h2>{tr(Key::StatementItems)}</h2>
        {match lines.is_empty() {
            true => view! { <p class="muted empty" data-empty="lines">{tr(Key::NoStatementItems)}</p> }.into_any(),
            false => view! {
                <table class="paper__grid paper__grid--lines" data-table="statement-lines">
                    <thead><tr>
                        <th>"#"</th><th>{tr(Key::Date)}</th><th>{tr(Key::StatementItem)}</th><th>{tr(Key::Clause)}</th>
                        <th>{tr(Key::OrderOrCustomer)}</th><th>{tr(Key::Detail)}</th><th class="number">{tr(Key::Amount)}</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().enumerate().map(|(i, line)| view! {
                            <tr data-line=i + 1>
                                <td>{i + 1}</td><td>{line.day.to_string()}</td><td>{item_text(lang, &line.item)}</td>
                                <td>{item_clause(&line.item)}</td><td>{line.reference}</td><td>{line.detail}</td>
                                <td class="number">{line.amount.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
        <table class="paper__grid" data-table="statement-total">
            <tr><th>{tr(Key::StatementTotal)}</th><td class="number" data-fact="total">{total.to_string()}</td></tr>
            {disqualified.then(|| view! {
                <tr><th>{tr(Key::Disqualification)}</th><td data-fact="disqualification">{tr(Key::DisqualificationNote)}</td></tr>
            })}
        </table>
        {(!excluded.is_empty()).then(|| view! {
            <h2>{tr(Key::ExcludedReviews)}</h2>
            <table class="paper__grid paper__grid--lines" data-table="statement-excluded">
                <thead><tr>
                    <th>{tr(Key::Date)}</th><th>{tr(Key::StatementItem)}</th><th>{tr(Key::OrderOrCustomer)}</th>
                    <th>{tr(Key::ExcludedBy)}</th><th>{tr(Key::MergedInto)}</th><th>{tr(Key::Reason)}</th>
                </tr></thead>
                <tbody>
                    {excluded.into_iter().map(|Excluded { review, rule, into, reason }| view! {
                        <tr data-rule=rule.clause()>
                            <td>{review.day.to_string()}</td><td>{item_text(lang, &review.item)}</td><td>{review.reference}</td>
                            <td>{rule_text(lang, rule)}</td><td>{into.map(reference_of.clone()).unwrap_or_default()}</td>
                            <td>{reason}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {is_week.then(|| view! {
            <p class="paper__note" data-fact="week-note">
                {tr(Key::WeekStatementNote)}
                {week_by_rate.then(|| view! { " " <span data-fact="week-rate-note">{tr(Key::WeekRateNote)}</span> })}
            </p>
        })}
        // An issued statement names who issued it and when; the signatures themselves are by hand, on paper.
        <div class="paper__sign" data-fact="signatures">
            <span>{i18n::labelled(lang, state.t(Key::SignedProvider), "________")}</span>
            <span data-fact="issuer">{i18n::labelled(lang, state.t(Key::SignedIssuer), &format!("{issuer} ________"))}</span>
            <span data-fact="issued-on">{i18n::labelled(lang, state.t(Key::SignedDate), &issued_on)}</span>
        </div>
    }
    .into_any()
}

/// Issuing the draft, or correcting the issued statement with a reason.
#[component]
fn IssuePanel(
    provider: Id,
    period: Memo<Period>,
    draft: Memo<StatementBody>,
    shown: Memo<Shown>,
    name: Memo<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let confirming = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    // The version the confirmation was asked about: another tab or device issuing one meanwhile is not corrected
    // by a reason written for the one before.
    let confirmed_against = RwSignal::new(None::<Id>);
    let navigate = StoredValue::new_local(use_navigate());
    let current_issue = Memo::new(move |_| {
        state
            .data
            .with(|d| current(d, provider, period.get()).map(|(id, s)| (id, s.version)))
    });
    let issue = move |_| {
        let lang = state.lang.get_untracked();
        let Some((user_id, user)) = state.current_user() else {
            return;
        };
        let corrects = current_issue.get_untracked();
        if let Some((_, version)) = corrects
            && corrects.map(|(id, _)| id) != confirmed_against.get_untracked()
        {
            confirming.set(false);
            error.set(Some(issued_meanwhile(lang, version)));
            return;
        }
        let version = corrects.map_or(1, |(_, v)| v + 1);
        let statement = Statement {
            body: draft.get_untracked(),
            provider_name: name.get_untracked().unwrap_or_default(),
            version,
            corrects: corrects.map(|(id, _)| id),
            reason: crate::domain::text::cleaned(&reason.get_untracked()),
            issued_by: Some(user_id),
            issuer_name: user.name,
            issued_at: platform::now_ms() as i64,
        };
        let id = statement_id(provider, period.get_untracked(), version);
        if let Err(problem) = state
            .data
            .with_untracked(|d| check_issue(id, &statement, d, today(state)))
        {
            // Back to the form, with what to put right.
            confirming.set(false);
            error.set(Some(match (&problem, corrects.is_some()) {
                (crate::domain::error::Problem::Required, true) => {
                    state.t(Key::CorrectionNeedsReason).to_string()
                }
                _ => i18n::problem(lang, &problem),
            }));
            return;
        }
        let change = Change::Statement(state.edited(id, None, statement));
        saving.set(true);
        spawn_local(async move {
            let result = state.commit(Action::IssueStatements, change).await;
            saving.try_set(false);
            match result {
                Ok(()) => {
                    confirming.set(false);
                    reason.set(String::new());
                    error.set(None);
                    state.notify(state.t(Key::StatementIssuedToast).to_string());
                    let url = format!(
                        "/assessment/providers/{provider}/{}",
                        period.get_untracked().key()
                    );
                    navigate.with_value(|navigate| navigate(&url, Default::default()));
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };
    view! {
        <Show when=move || state.can(Action::IssueStatements)>
            <section class="panel no-print" data-section="issue">
                {move || match (current_issue.get(), shown.with(|s| matches!(s, Shown::Draft(_)))) {
                    (None, _) => view! {
                        <p class="muted">{tr(Key::IssueIntro)}</p>
                    }.into_any(),
                    (Some(_), _) => view! {
                        <p class="muted">{tr(Key::CorrectIntro)}</p>
                        <label class="field">
                            <span class="field__label">{tr(Key::CorrectionReason)}</span>
                            <textarea class="input" name="correction-reason" rows="2" prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        </label>
                    }.into_any(),
                }}
                {move || error.get().map(|e| view! { <p class="field__error" role="alert" data-error="issue">{e}</p> })}
                <Show when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="button button--primary" name="issue"
                            on:click=move |_| {
                                // A correction's reason first: the confirmation is for what will be signed.
                                if current_issue.get_untracked().is_some()
                                    && crate::domain::text::cleaned(&reason.get_untracked()).is_empty()
                                {
                                    error.set(Some(state.t(Key::CorrectionNeedsReason).to_string()));
                                    return;
                                }
                                error.set(None);
                                confirmed_against.set(current_issue.get_untracked().map(|(id, _)| id));
                                confirming.set(true);
                            }>
                            {move || match current_issue.get() { None => tr(Key::IssueStatement)(), Some(_) => tr(Key::IssueCorrection)() }}
                        </button>
                    }>
                    <div class="confirm" role="alertdialog" aria-labelledby="issue-confirm">
                        <p id="issue-confirm">
                            {tr(Key::IssueConfirm)} " "
                            <strong data-fact="confirm-total">{move || {
                                let total = draft.with(|d| d.total);
                                let issued = current_issue.get().and_then(|(id, _)| state.data.with(|d| d.statements.get(id).map(|s| s.body.total)));
                                confirm_total(state.lang.get(), total, issued)
                            }}</strong>
                        </p>
                        <button type="button" class="button button--primary" name="confirm-issue"
                            disabled=move || saving.get() on:click=issue>{tr(Key::ConfirmIssue)}</button>
                        <button type="button" class="button" name="cancel-issue" on:click=move |_| confirming.set(false)>
                            {tr(Key::Cancel)}
                        </button>
                    </div>
                </Show>
            </section>
        </Show>
    }
}

/// The statement as a file, top to bottom as on paper: whose and which period, the items, the total, then the
/// excluded reviews.
fn statement_table(lang: Lang, body: &StatementBody, provider: &str, status: &str) -> Table {
    let mut table = Table::new(
        [
            Key::Section,
            Key::Date,
            Key::StatementItem,
            Key::Clause,
            Key::OrderOrCustomer,
            Key::Detail,
            Key::AmountYuan,
        ]
        .into_iter()
        .map(|k| k.text(lang).to_string())
        .collect(),
    );
    for (label, value) in [
        (Key::ProviderName, provider.to_string()),
        (Key::StatementPeriod, period_label(lang, &body.period)),
        (Key::StatementStatus, status.to_string()),
    ] {
        table.push(vec![
            Cell::Text(label.text(lang).into()),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Text(value),
            Cell::Empty,
        ]);
    }
    let items = Key::StatementItems.text(lang).to_string();
    for line in &body.lines {
        table.push(vec![
            Cell::Text(items.clone()),
            Cell::Text(line.day.to_string()),
            Cell::Text(item_text(lang, &line.item)),
            Cell::Text(item_clause(&line.item).into()),
            Cell::Text(line.reference.clone()),
            Cell::Text(line.detail.clone()),
            Cell::Decimal {
                steps: line.amount.0,
                places: 2,
            },
        ]);
    }
    table.push(vec![
        Cell::Text(Key::StatementTotal.text(lang).into()),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Decimal {
            steps: body.total.0,
            places: 2,
        },
    ]);
    let excluded = Key::ExcludedReviews.text(lang).to_string();
    for e in &body.excluded {
        table.push(vec![
            Cell::Text(excluded.clone()),
            Cell::Text(e.review.day.to_string()),
            Cell::Text(item_text(lang, &e.review.item)),
            Cell::Text(rule_text(lang, e.rule)),
            Cell::Text(e.review.reference.clone()),
            Cell::Text(e.reason.clone()),
            Cell::Empty,
        ]);
    }
    table
}
