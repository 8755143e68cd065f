//! 质量管理 (R8, R5.4, R8.2): the standards self-assessments made so far and a new one started from the checklist
//! in force; the sampling audits with a new draw (whom, which month, how many, the seed); every corrective action
//! with its owner, due day and status, closed with what was done. `MyActions` is the owner's list on their home.
//!
//! Must not: score, draw or check anything (`domain::checklist`, `sampling`, `corrective` do).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::access::Action;
use crate::domain::checklist::{SEED_CHECKLIST_ID, SelfAssessment};
use crate::domain::corrective::{ActionDraft, CorrectiveAction, Source, Status};
use crate::domain::dataset::{Change, Dataset};
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::org::Position;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::sampling::{self, Audit, AuditDraft, Auditee};
use crate::domain::sorting;
use crate::i18n::kpi::period_label;
use crate::i18n::providers::rate_text;
use crate::i18n::quality::{band_text, sample_size_text};
use crate::i18n::{self, Key};
use crate::platform;
use crate::ui::components::form::{
    FormErrors, FormField, RecordProblem, SelectInput, TextInput, id_value, value_id,
};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::assessment::provider_assessment::today;
use crate::ui::routes::save_saying;
use crate::ui::state::{AppState, tr, use_app_state};

#[component]
pub fn QualityPage() -> impl IntoView {
    view! {
        <Guarded action=Action::ViewQuality>
            <section class="panel" data-page="quality">
                <header class="section-head">
                    <h1>{tr(Key::Quality)}</h1>
                    <nav class="facts__buttons">
                        <a class="button" href="/assessment/quality/checklist" data-action="checklist">{tr(Key::ChecklistTitle)}</a>
                        <a class="button" href="/assessment/reports" data-action="period-reports">{tr(Key::PeriodReports)}</a>
                    </nav>
                </header>
                <p class="muted">{tr(Key::QualityIntro)}</p>
            </section>
            <SelfAssessmentList />
            <AuditList />
            <section class="panel" data-section="actions">
                <h2>{tr(Key::CorrectiveActions)}</h2>
                <ActionList mine_only=false />
            </section>
        </Guarded>
    }
}

/// The signed-in user's id and name.
pub fn me(state: AppState) -> Option<(Id, String)> {
    state.current_user().map(|(id, user)| (id, user.name))
}

#[component]
fn SelfAssessmentList() -> impl IntoView {
    let state = use_app_state();
    let navigate = StoredValue::new(use_navigate());
    let rows = Memo::new(move |_| {
        state.data.with(|d| {
            let mut rows: Vec<(Id, SelfAssessment)> = d
                .self_assessments
                .live()
                .map(|(id, a)| (id, a.clone()))
                .collect();
            sorting::by(&mut rows, |a, b| b.1.day.cmp(&a.1.day).then(b.0.cmp(&a.0)));
            rows
        })
    });
    let start = move |_| {
        let Some((user, name)) = me(state) else {
            return;
        };
        let list = state.data.with_untracked(Dataset::checklist);
        let assessment = SelfAssessment::start(SEED_CHECKLIST_ID, &list, today(state), user, &name);
        let id = platform::new_id();
        let change = Change::SelfAssessment(state.edited(id, None, assessment));
        let open = move || {
            navigate.with_value(|n| {
                n(
                    &format!("/assessment/quality/self/{id}"),
                    Default::default(),
                )
            })
        };
        save_saying(
            state,
            Action::ManageQuality,
            change,
            RwSignal::new(false),
            Key::Saved,
            open,
        );
    };
    view! {
        <section class="panel" data-section="self-assessments">
            <header class="panel__header">
                <h2>{tr(Key::SelfAssessments)}</h2>
                <Show when=move || state.can(Action::ManageQuality)>
                    <div class="panel__actions">
                        <button type="button" class="button button--primary" name="start-self-assessment" on:click=start>
                            {tr(Key::StartSelfAssessment)}
                        </button>
                    </div>
                </Show>
            </header>
            {move || {
                let rows = rows.get();
                match rows.is_empty() {
                    true => view! { <p class="empty" data-empty="self-assessments">{tr(Key::NoSelfAssessments)}</p> }.into_any(),
                    false => view! {
                        <table class="table table--wrap" data-table="self-assessments">
                            <thead><tr>
                                <th>{tr(Key::Date)}</th><th>{tr(Key::ChecklistVersion)}</th><th>{tr(Key::Assessor)}</th>
                                <th class="num">{tr(Key::ScoreTotal)}</th><th>{tr(Key::BandLabel)}</th><th>{tr(Key::StatusLabel)}</th><th></th>
                            </tr></thead>
                            <tbody>
                                {
                                // Each finished assessment compares with the finished one before it.
                                let earlier: Vec<Option<Id>> = rows.iter().enumerate().map(|(i, (_, a))| {
                                    rows.iter().skip(i + 1).find(|(_, b)| b.finished && a.finished).map(|(id, _)| *id)
                                }).collect();
                                rows.into_iter().zip(earlier).map(|((id, a), earlier)| {
                                    let score = a.score();
                                    let total = score.total.map(|t| t.shown().to_string()).unwrap_or_else(|| "—".into());
                                    let band = score.band;
                                    let finished = a.finished;
                                    view! {
                                        <tr data-row=id.to_string()>
                                            <td><a class="link--touch" href=format!("/assessment/quality/self/{id}")>{a.day.to_string()}</a></td>
                                            <td>{format!("{} v{}", a.name, a.version)}</td>
                                            <td>{a.assessor_name.clone()}</td>
                                            <td class="num" data-fact="total">{total}</td>
                                            <td data-fact="band">{move || band.map(|b| band_text(state.lang.get(), b)).unwrap_or_default()}</td>
                                            <td>{tr(progress_key(finished))}</td>
                                            <td>{earlier.map(|before| view! {
                                                <a class="link--touch" data-action="compare" href=format!("/assessment/quality/compare?a={before}&b={id}")>{tr(Key::CompareWithEarlier)}</a>
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            }}
        </section>
    }
}

/// A self-assessment's or an audit's progress in a word.
pub fn progress_key(finished: bool) -> Key {
    match finished {
        true => Key::FinishedState,
        false => Key::UnderWay,
    }
}

/// The auditee a choice of the new-audit form names: an engineer's id, `unit:…` or `provider:…`.
fn auditee_of(value: &str) -> Option<Auditee> {
    match value.split_once(':') {
        Some(("unit", id)) => id.parse().ok().map(Auditee::Unit),
        Some(("provider", id)) => id.parse().ok().map(Auditee::Provider),
        _ => value_id(value).map(Auditee::Engineer),
    }
}

/// Whom an audit is of, by name.
pub fn auditee_name(data: &Dataset, auditee: Auditee) -> String {
    match auditee {
        Auditee::Engineer(id) => data.staff.get(id).map(|s| s.name.clone()),
        Auditee::Unit(id) => data.units.get(id).map(|u| u.name.clone()),
        Auditee::Provider(id) => data.providers.get(id).map(|p| p.name.clone()),
    }
    .unwrap_or_else(|| "—".into())
}

/// The last twelve months, newest first, as (key, label).
fn recent_months(state: AppState) -> Vec<(String, String)> {
    let lang = state.lang.get();
    let mut month = Period::containing(PeriodKind::Month, today(state));
    let mut out = Vec::new();
    for _ in 0..12 {
        out.push((month.key(), period_label(lang, &month)));
        month = month.previous();
    }
    out
}

#[component]
fn AuditList() -> impl IntoView {
    let state = use_app_state();
    let navigate = StoredValue::new(use_navigate());
    let errors: FormErrors = RwSignal::new(Vec::new());
    let rows = Memo::new(move |_| {
        state.data.with(|d| {
            let mut rows: Vec<(Id, Audit, String)> = d
                .audits
                .live()
                .map(|(id, a)| (id, a.clone(), auditee_name(d, a.auditee)))
                .collect();
            sorting::by(&mut rows, |a, b| {
                b.1.period
                    .first_day()
                    .cmp(&a.1.period.first_day())
                    .then(b.0.cmp(&a.0))
            });
            rows
        })
    });
    let auditee = RwSignal::new(String::new());
    let month = RwSignal::new(String::new());
    let size = RwSignal::new("10%".to_string());
    let seed =
        RwSignal::new((u32::from_le_bytes(platform::random_bytes::<4>()) % 1_000_000).to_string());
    // Whom to audit: an engineer (first, by number), a unit with the units below it, or an outside provider.
    let auditees = Signal::derive(move || {
        let mut options = vec![(String::new(), "—".to_string())];
        let lang = state.lang.get();
        state.data.with(|d| {
            let mut staff: Vec<(String, String)> = d
                .staff
                .live()
                .filter(|(_, s)| matches!(s.position, Position::Engineer | Position::Specialist))
                .map(|(id, s)| (id_value(Some(id)), format!("{} {}", s.number, s.name)))
                .collect();
            sorting::natural(&mut staff);
            options.extend(staff);
            let mut units: Vec<(String, String)> = d
                .units
                .live()
                .map(|(id, u)| {
                    let label = i18n::labelled(lang, Key::Unit.text(lang), &u.name);
                    (format!("unit:{id}"), label)
                })
                .collect();
            sorting::by(&mut units, |a, b| a.1.cmp(&b.1));
            options.extend(units);
            let mut providers: Vec<(String, String)> = d
                .providers
                .live()
                .map(|(id, p)| {
                    let label = i18n::labelled(lang, Key::Providers.text(lang), &p.name);
                    (format!("provider:{id}"), label)
                })
                .collect();
            sorting::by(&mut providers, |a, b| a.1.cmp(&b.1));
            options.extend(providers);
        });
        options
    });
    let months = Signal::derive(move || recent_months(state));
    Effect::new(move |_| {
        if month.with_untracked(String::is_empty)
            && let Some((key, _)) = months.get().into_iter().nth(1)
        {
            month.set(key);
        }
    });
    let draw = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((user, name)) = me(state) else {
            return;
        };
        let period = Period::from_key(&month.get_untracked())
            .unwrap_or_else(|| Period::containing(PeriodKind::Month, today(state)).previous());
        let who = auditee_of(&auditee.get_untracked());
        let draft = AuditDraft {
            auditee: who,
            period,
            size: size.get_untracked(),
            seed: seed.get_untracked().trim().parse().unwrap_or(0),
        };
        let checked = state.tickets.with_untracked(|tickets| {
            state.data.with_untracked(|d| {
                let calendar = d.service_settings().calendar;
                let population = who
                    .map(|who| sampling::population(&tickets.0, who, period, d, &calendar))
                    .unwrap_or_default();
                draft.check(&population, d.audits.live().map(|(_, a)| a), user, &name)
            })
        });
        match checked {
            Err(problems) => errors.set(problems),
            Ok(audit) => {
                errors.set(Vec::new());
                let id = platform::new_id();
                let change = Change::Audit(state.edited(id, None, audit));
                let open = move || {
                    let url = format!("/assessment/quality/audit/{id}");
                    navigate.with_value(|n| n(&url, Default::default()))
                };
                let saving = RwSignal::new(false);
                save_saying(
                    state,
                    Action::ManageQuality,
                    change,
                    saving,
                    Key::Saved,
                    open,
                );
            }
        }
    };
    view! {
        <section class="panel" data-section="audits">
            <h2>{tr(Key::Audits)}</h2>
            <Show when=move || state.can(Action::ManageQuality)>
                <form class="form form__row form__row--top" name="new-audit" on:submit=draw novalidate>
                    <FormField label=Key::Auditee field=Field::Owner errors=errors required=true>
                        <SelectInput name="auditee" value=auditee options=auditees />
                    </FormField>
                    <FormField label=Key::AuditMonth field=Field::PeriodFrom errors=errors>
                        <SelectInput name="month" value=month options=months />
                    </FormField>
                    <FormField label=Key::SampleSizeLabel field=Field::SampleSize errors=errors hint=Key::SampleSizeHint>
                        <TextInput name="size" value=size />
                    </FormField>
                    <FormField label=Key::Seed field=Field::Number errors=errors hint=Key::SeedHint>
                        <TextInput name="seed" value=seed numeric=true />
                    </FormField>
                    <RecordProblem errors=errors />
                    <div class="form__actions">
                        <button type="submit" class="button button--primary" name="draw">{tr(Key::DrawSample)}</button>
                    </div>
                </form>
            </Show>
            {move || {
                let rows = rows.get();
                match rows.is_empty() {
                    true => view! { <p class="empty" data-empty="audits">{tr(Key::NoAudits)}</p> }.into_any(),
                    false => view! {
                        <table class="table table--wrap" data-table="audits">
                            <thead><tr>
                                <th>{tr(Key::Period)}</th><th>{tr(Key::Auditee)}</th><th>{tr(Key::SampleSizeLabel)}</th>
                                <th class="num">{tr(Key::Reviewed)}</th><th class="num">{tr(Key::Conformity)}</th><th>{tr(Key::StatusLabel)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(id, a, who)| {
                                    let reviewed = format!("{} / {}", a.sample.len() - a.unreviewed(), a.sample.len());
                                    let conformity = rate_text(a.conformity());
                                    let period = a.period;
                                    let size = a.size;
                                    let finished = a.finished;
                                    view! {
                                        <tr data-row=id.to_string()>
                                            <td><a class="link--touch" href=format!("/assessment/quality/audit/{id}")>{move || period_label(state.lang.get(), &period)}</a></td>
                                            <td>{who}</td>
                                            <td>{move || sample_size_text(state.lang.get(), size)}</td>
                                            <td class="num">{reviewed}</td>
                                            <td class="num" data-fact="conformity">{conformity}</td>
                                            <td>{tr(progress_key(finished))}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            }}
        </section>
    }
}

/// Where an action came from, in words.
fn source_text(state: AppState, data: &Dataset, source: &Source) -> String {
    let lang = state.lang.get();
    match source {
        Source::Clause { assessment, clause } => {
            let day = data
                .self_assessments
                .get(*assessment)
                .map(|a| a.day.to_string())
                .unwrap_or_default();
            i18n::labelled(
                lang,
                state.t(Key::SelfAssessments),
                &format!("{day} {clause}"),
            )
        }
        Source::Audit { audit, ticket } => {
            let number = data
                .tickets
                .events(*ticket)
                .iter()
                .find_map(|e| match &e.what {
                    crate::domain::ticket::Happening::Registered(r) => Some(r.number.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let period = data
                .audits
                .get(*audit)
                .map(|a| period_label(lang, &a.period))
                .unwrap_or_default();
            i18n::labelled(lang, state.t(Key::Audits), &format!("{period} {number}"))
        }
        Source::ComplaintAnalysis { period } => period_label(lang, period),
    }
}

/// Every corrective action (or the signed-in user's own), open ones first by due day; each open one can be closed
/// by its owner or a quality manager, with what was done.
#[component]
pub fn ActionList(mine_only: bool) -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        let me = state.current_user().map(|(id, _)| id);
        state.data.with(|d| {
            let mut rows: Vec<(Id, CorrectiveAction)> = d
                .corrective_actions
                .live()
                .filter(|(_, a)| !mine_only || (Some(a.owner) == me && a.status == Status::Open))
                .map(|(id, a)| (id, a.clone()))
                .collect();
            sorting::by_key(&mut rows, |(id, a)| (a.status != Status::Open, a.due, *id));
            rows
        })
    });
    view! {
        {move || {
            let rows = rows.get();
            match rows.is_empty() {
                true => (!mine_only).then(|| view! { <p class="empty" data-empty="actions">{tr(Key::NoCorrectiveActions)}</p> }).into_any(),
                false => view! {
                    <ul class="plain-list action-list" data-list=if mine_only { "my-actions" } else { "actions" }>
                        {rows.into_iter().map(|(id, action)| view! { <ActionRow id=id action=action /> }).collect_view()}
                    </ul>
                }.into_any(),
            }
        }}
    }
}

#[component]
pub fn ActionRow(id: Id, action: CorrectiveAction) -> impl IntoView {
    let state = use_app_state();
    let today_is = today(state);
    let overdue = action.is_overdue(today_is);
    let owner = state.data.with_untracked(|d| {
        d.users
            .get(action.owner)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| "—".into())
    });
    let source = state
        .data
        .with_untracked(|d| source_text(state, d, &action.source));
    let is_open = action.status == Status::Open;
    let owner_id = action.owner;
    let may_close = move || {
        is_open
            && (state.can(Action::ManageQuality)
                || state.current_user().is_some_and(|(me, _)| me == owner_id))
    };
    let closing = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let errors: FormErrors = RwSignal::new(Vec::new());
    let stored = StoredValue::new(action.clone());
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let action = stored.get_value();
        match action.close(&note.get_untracked(), today(state)) {
            Err(problems) => errors.set(problems),
            Ok(closed) => {
                let opened = state
                    .data
                    .with_untracked(|d| d.corrective_actions.live_version(id).cloned());
                let change = Change::CorrectiveAction(state.edited(id, opened.as_ref(), closed));
                // The owner closes their own; anyone else needs to manage quality.
                let permission = match state.can(Action::ManageQuality) {
                    true => Action::ManageQuality,
                    false => Action::CloseOwnActions,
                };
                save_saying(
                    state,
                    permission,
                    change,
                    saving,
                    Key::CorrectiveActionClosed,
                    || {},
                );
            }
        }
    };
    let status = action.status.clone();
    view! {
        <li class="action-item" data-action=id.to_string() data-overdue=overdue.to_string()>
            <div class="action-item__what"><strong>{action.what.clone()}</strong></div>
            <div class="action-item__facts muted">
                {tr(Key::Owner)}" "{owner}" · "{tr(Key::DueDay)}" "{action.due.to_string()}" · "{source}
            </div>
            <div>
                {match status {
                    Status::Open if overdue => view! { <span class="badge badge--danger" data-status="overdue">{tr(Key::OverdueAction)}</span> }.into_any(),
                    Status::Open => view! { <span class="badge" data-status="open">{tr(Key::OpenAction)}</span> }.into_any(),
                    Status::Closed { on, note } => view! {
                        <span class="badge badge--ok" data-status="closed">{tr(Key::ClosedAction)}" "{on.to_string()}</span>
                        " "<span>{note}</span>
                    }.into_any(),
                }}
            </div>
            <Show when=may_close>
                <Show when=move || closing.get() fallback=move || view! {
                    <button type="button" class="button" name="close-action" on:click=move |_| closing.set(true)>{tr(Key::CloseAction)}</button>
                }>
                    <form class="form form__row" name="close-action" on:submit=close novalidate>
                        <FormField label=Key::WhatWasDone field=Field::Text errors=errors required=true>
                            <TextInput name="note" value=note autofocus=true />
                        </FormField>
                        <RecordProblem errors=errors />
                        <div class="form__actions">
                            <button type="submit" class="button button--primary" name="save">{tr(Key::CloseAction)}</button>
                            <button type="button" class="button" name="cancel" on:click=move |_| closing.set(false)>{tr(Key::Cancel)}</button>
                        </div>
                    </form>
                </Show>
            </Show>
        </li>
    }
}

/// The signed-in user's open corrective actions, for their home screen (nothing when there are none).
#[component]
pub fn MyActions() -> impl IntoView {
    let state = use_app_state();
    let any = Memo::new(move |_| {
        let me = state.current_user().map(|(id, _)| id);
        state.data.with(|d| {
            d.corrective_actions
                .live()
                .any(|(_, a)| Some(a.owner) == me && a.status == Status::Open)
        })
    });
    view! {
        <Show when=move || any.get()>
            <section class="panel" data-section="my-actions">
                <h2>{tr(Key::MyCorrectiveActions)}</h2>
                <ActionList mine_only=true />
            </section>
        </Show>
    }
}

/// A new corrective action from `source`: what (pre-filled), the owner (a user), the due day.
#[component]
pub fn NewActionForm(source: Source, what: String) -> impl IntoView {
    let state = use_app_state();
    let errors: FormErrors = RwSignal::new(Vec::new());
    let what = RwSignal::new(what);
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(today(state).add_days(30).to_string());
    let saving = RwSignal::new(false);
    let users = Signal::derive(move || {
        let mut options = vec![(String::new(), "—".to_string())];
        state.data.with(|d| {
            let mut users: Vec<(String, String)> = d
                .users
                .live()
                .map(|(id, u)| (id_value(Some(id)), u.name.clone()))
                .collect();
            sorting::by(&mut users, |a, b| a.1.cmp(&b.1));
            options.extend(users);
        });
        options
    });
    let source = StoredValue::new(source);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ActionDraft {
            what: what.get_untracked(),
            owner: value_id(&owner.get_untracked()),
            due: due.get_untracked(),
        };
        match draft.check(source.get_value(), today(state)) {
            Err(problems) => errors.set(problems),
            Ok(action) => {
                errors.set(Vec::new());
                let change =
                    Change::CorrectiveAction(state.edited(platform::new_id(), None, action));
                let (action, done) = (Action::ManageQuality, Key::CorrectiveActionOpened);
                save_saying(state, action, change, saving, done, || {});
            }
        }
    };
    view! {
        <form class="form form__row" name="new-action" on:submit=submit novalidate>
            <FormField label=Key::WhatToDo field=Field::Text errors=errors required=true>
                <TextInput name="what" value=what />
            </FormField>
            <FormField label=Key::Owner field=Field::Owner errors=errors required=true>
                <SelectInput name="owner" value=owner options=users />
            </FormField>
            <FormField label=Key::DueDay field=Field::Due errors=errors required=true>
                <TextInput name="due" value=due kind="date" />
            </FormField>
            <div class="form__actions">
                <button type="submit" class="button button--primary" name="open-action" disabled=move || saving.get()>
                    {tr(Key::OpenCorrectiveAction)}
                </button>
            </div>
        </form>
    }
}

/// The corrective actions opened from `source` (a clause, an audit finding), and a form to open another for those
/// who manage quality; `what` pre-fills it.
#[component]
pub fn SourceActions(source: Source, what: String) -> impl IntoView {
    let state = use_app_state();
    let opened = {
        let source = source.clone();
        Memo::new(move |_| state.data.with(|d| actions_from(d, &source)))
    };
    view! {
        <ul class="plain-list">
            {move || opened.get().into_iter().map(|(id, action)| view! { <ActionRow id=id action=action /> }).collect_view()}
        </ul>
        <Show when=move || state.can(Action::ManageQuality)>
            <NewActionForm source=source.clone() what=what.clone() />
        </Show>
    }
}

/// The actions already opened from `source`.
fn actions_from(data: &Dataset, source: &Source) -> Vec<(Id, CorrectiveAction)> {
    data.corrective_actions
        .live()
        .filter(|(_, a)| a.source == *source)
        .map(|(id, a)| (id, a.clone()))
        .collect()
}
