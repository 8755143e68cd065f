//! 工单详情: the registration, the SLA clocks (live), the quote, the service reports, follow-ups, conflicts, the
//! timeline of every event, and the commands the signed-in role may take in the ticket's current state — each
//! asking only for what its event needs.
//!
//! Must not: decide what is allowed (`ticket::actions::offered` and `Ticket::check` do), make a command's event of
//! what was typed (`Command::event` does: the forms only collect a `CommandDraft`), or hold ticket state of its own:
//! everything shown is derived from the folded ticket and its events.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::access::Action;
use crate::domain::calendar::{Date, Instant};
use crate::domain::contact::mask_phone;
use crate::domain::dataset::Change;
use crate::domain::error::{Checked, Field, FieldError, Problem};
use crate::domain::ids::Id;
use crate::domain::provider_inputs::ComplaintCause;
use crate::domain::sla::{ClockStanding, clocks};
use crate::domain::ticket::actions::{
    Command, CommandContext, CommandDraft, action_for, offered, steps_of, suggested_visit,
};
use crate::domain::ticket::dispatch::candidates;
use crate::domain::ticket::intake::LineDraft;
use crate::domain::ticket::list::customer_history;
use crate::domain::ticket::state::State;
use crate::domain::ticket::worklist::awaits_survey;
use crate::domain::ticket::{
    Happening, QuoteStatus, Registration, Ticket, TicketEvent, TicketRefusal, Told,
};
use crate::i18n::providers::cause_name;
use crate::i18n::tickets::{
    candidate_label, certificate_warning, channel_name, command_name, customer_address,
    customer_name, duration, kind_name, measure_name, priority_name, refusal, state_name,
    told_name,
};
use crate::i18n::{self, Key, Lang};
use crate::platform;
use crate::ui::components::form::{
    FormErrors, FormField, RecordProblem, SelectInput, id_value, value_id,
};
use crate::ui::components::lines::{LineEditor, LineRow, LinesTable};
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::service::surveys::SurveyPanel;
use crate::ui::routes::{route_id, staff_name, unit_name};
use crate::ui::state::{AppState, tr, use_app_state};

#[component]
pub fn TicketPage() -> impl IntoView {
    let state = use_app_state();
    let id = route_id();
    // The ticket shown, if it exists: a memo, so a save elsewhere in the data does not rebuild the screen (and
    // close a form being filled in).
    let shown = Memo::new(move |_| match id.get() {
        Some(Ok(id)) if state.data.with(|d| d.tickets.contains_ticket(id)) => Some(id),
        _ => None,
    });
    view! {
        <crate::ui::components::guard::Guarded action=Action::ViewTickets>
            {move || match shown.get() {
                Some(id) => view! { <TicketView id=id /> }.into_any(),
                None => view! { <NotFound /> }.into_any(),
            }}
        </crate::ui::components::guard::Guarded>
    }
}

/// `command`'s event from what its form collected, checked now, on the company's calendar: the one place the
/// screens turn a tap or a form into an event (`Command::event` holds the rule).
pub fn command_event(
    state: AppState,
    command: Command,
    draft: &CommandDraft,
    promised: Option<Date>,
) -> Checked<Happening> {
    state.settings.with_untracked(|s| {
        command.event(
            draft,
            CommandContext {
                now: platform::now_ms() as Instant,
                calendar: &s.calendar,
                promised,
            },
        )
    })
}

/// Records `what` on ticket `id` if the ticket's rules allow it now — with the steps it takes along
/// (`steps_of`: assigning an untriaged ticket triages it first), all checked before any is written; the refusal,
/// translated, otherwise. The steps are written in order; should a later one fail to be written, the earlier
/// stand (each is a whole step of the ticket), the toast says why and the form stays open to try again.
pub fn record(
    state: AppState,
    id: Id,
    what: Happening,
    busy: RwSignal<bool>,
    errors: FormErrors,
    after: impl FnOnce() + 'static,
) {
    // A second tap while the first is being saved (both in one frame, before the button is drawn disabled) saves
    // nothing more.
    if busy.get_untracked() {
        return;
    }
    let Some(ticket) = state.ticket(id) else {
        return;
    };
    let now = platform::now_ms() as Instant;
    let steps = steps_of(&ticket, what);
    if let Err(why) = ticket.check_all(&steps, now) {
        errors.set(vec![FieldError::new(
            Field::Record,
            Problem::TicketRefused(why),
        )]);
        return;
    }
    // Nothing was "saved" from the user's point of view when they looked at a phone number, and a customer
    // answering in the kiosk sees the thank-you, not a staff toast.
    let says_saved = !steps
        .iter()
        .any(|what| matches!(what, Happening::PhoneRevealed | Happening::Surveyed(_)));
    busy.set(true);
    spawn_local(async move {
        let mut saved = Ok(());
        for what in steps {
            let event = state.ticket_event(id, what);
            let action = action_for(&event.what);
            saved = state.commit(action, Change::TicketEvent(event)).await;
            if saved.is_err() {
                break;
            }
        }
        // The screen may have been rebuilt meanwhile (another tab's save): its signals are then gone, and
        // nothing here may touch them (`try_set`).
        busy.try_set(false);
        // On failure the toast already says why, and the form stays as typed.
        if saved.is_ok() {
            errors.try_set(Vec::new());
            if says_saved {
                state.notify(Key::Saved.text(state.lang.get_untracked()));
            }
            after();
        }
    });
}

/// A ticket's command form as it is being filled in: which command is open, its text, whether a save runs, its
/// problems. Kept by the ticket's screen, so a change to the ticket saved in another tab (which redraws the screen)
/// leaves the form open with what was typed.
#[derive(Clone, Copy)]
struct CommandInProgress {
    open: RwSignal<Option<Command>>,
    text: RwSignal<String>,
    busy: RwSignal<bool>,
    errors: FormErrors,
}

#[component]
fn TicketView(id: Id) -> impl IntoView {
    let state = use_app_state();
    let draft = CommandInProgress {
        open: RwSignal::new(None),
        text: RwSignal::new(String::new()),
        busy: RwSignal::new(false),
        errors: RwSignal::new(Vec::new()),
    };
    let ticket = Memo::new(move |_| state.ticket(id));
    let events = Memo::new(move |_| state.data.with(|d| d.tickets.events(id).to_vec()));
    let when = move |at: Instant| state.local_time(at);

    move || {
        let Some(t) = ticket.get() else {
            return view! { <NotFound /> }.into_any();
        };
        // The whole view is rebuilt when the ticket or the language changes, so its texts are plain strings.
        let lang = state.lang.get();
        let r = Registration::clone(&t.registration);
        // A fact not known yet reads "—", never a blank.
        let or_dash = |text: String| {
            if text.is_empty() {
                "—".to_string()
            } else {
                text
            }
        };
        let engineer = or_dash(state.data.with(|d| staff_name(d, t.assignee)));
        let unit = or_dash(state.data.with(|d| unit_name(d, r.unit)));
        // The visit last booked, while the work is still ahead.
        let booked = t
            .state
            .being_worked_on()
            .then(|| {
                events.with(|all| {
                    crate::domain::ticket::in_order(all)
                        .into_iter()
                        .rev()
                        .find_map(|e| match e.what {
                            Happening::VisitScheduled { at } => Some(at),
                            _ => None,
                        })
                })
            })
            .flatten();
        let survey_next = awaits_survey(&t, state.now.get_untracked());
        view! {
            <section class="panel ticket" data-page="ticket" data-state=t.state.slug().to_string()>
                <header class="panel__header">
                    <h1>
                        {kind_name(lang, r.kind)}" · "{customer_name(lang, &r.customer)}
                    </h1>
                    <span class="badge badge--large" data-fact="state">{state_name(lang, t.state)}</span>
                </header>
                {(!r.number.is_empty()).then(|| view! {
                    <p class="ticket__number">{Key::TicketNumber.text(lang)}" "<strong data-fact="number">{r.number.clone()}</strong></p>
                })}
                // The next action first, above the details (issue 17: it was below the history, a scroll away) — on
                // a resolved ticket without an answer, that is the survey.
                <Commands ticket=t.clone() draft=draft />
                {survey_next.then(|| view! { <div class="ticket__next"><SurveyPanel ticket=t.clone() lang=lang /></div> })}
                <dl class="facts">
                    <dt>{Key::CustomerPhone.text(lang)}</dt><dd><Phone ticket=t.clone() events=events /></dd>
                    <dt>{Key::Address.text(lang)}</dt><dd>{customer_address(lang, &r.customer)}</dd>
                    <dt>{Key::Channel.text(lang)}</dt><dd>{channel_name(lang, r.channel)}</dd>
                    {(!r.order_number.is_empty()).then(|| view! {
                        <dt>{Key::OrderNumber.text(lang)}</dt><dd data-fact="order-number">{r.order_number.clone()}</dd>
                    })}
                    <dt>{Key::SortPriority.text(lang)}</dt><dd>{priority_name(lang, r.priority)}</dd>
                    <dt>{Key::ReceivedAt.text(lang)}</dt><dd>{when(r.received_at)}</dd>
                    <dt>{Key::Product.text(lang)}</dt>
                    <dd>{format!("{} {} {}", r.product.category, r.product.model, r.product.serial)}</dd>
                    <dt>{Key::Warranty.text(lang)}</dt>
                    <dd data-fact="warranty">{match (t.out_of_warranty, r.product.warranty_end) {
                        (false, Some(end)) => format!("{} {end}", Key::InWarrantyUntil.text(lang)),
                        (true, Some(end)) => format!("{} {end}", Key::OutOfWarrantySince.text(lang)),
                        (_, None) => Key::WarrantyUnknownShort.text(lang).to_string(),
                    }}</dd>
                    <dt>{Key::Assignee.text(lang)}</dt><dd data-fact="engineer">{engineer}</dd>
                    <dt>{Key::Unit.text(lang)}</dt><dd>{unit}</dd>
                    <dt>{Key::RequestedVisit.text(lang)}</dt><dd>{r.requested_visit.map(when).unwrap_or_else(|| "—".into())}</dd>
                    {booked.map(|at| view! {
                        <dt>{Key::VisitBooked.text(lang)}</dt><dd data-fact="visit">{when(at)}</dd>
                    })}
                    <dt>{Key::ReopenCount.text(lang)}</dt><dd data-fact="reopen-count">{t.reopen_count}</dd>
                </dl>
                <p class="ticket__description">{r.description.clone()}</p>
                <Show when=move || state.can(crate::domain::access::Action::EditKpiInputs)>
                    <p><a class="button" data-action="add-cost" href=format!("/inputs/costs?ticket={id}")>{tr(Key::AddCost)}</a></p>
                </Show>
                // A complaint about a provider's work is entered against the provider (S18 2.2), from its ticket.
                {state.data.with_untracked(|d| crate::domain::provider_inputs::provider_of(&t, d)).map(|_| view! {
                    <Show when=move || state.can(crate::domain::access::Action::EnterProviderInputs)>
                        <p><a class="button" data-action="provider-complaint"
                            href=format!("/assessment/providers/inputs?ticket={id}")>
                            {tr(Key::EnterProviderComplaint)}</a></p>
                    </Show>
                })}
                <Clocks id=id />
                <Conflicts ticket=t.clone() events=events />
                <QuoteView ticket=t.clone() />
                <Reports ticket=t.clone() events=events />
                <FollowUps ticket=t.clone() />
                {(!survey_next).then(|| view! { <SurveyPanel ticket=t.clone() lang=lang /> })}
                <History ticket=t.clone() />
                <Timeline events=events />
            </section>
        }
        .into_any()
    }
}

/// The customer's phone: masked, with one tap to show it for whoever works the ticket (recorded in the timeline),
/// then a `tel:` link. Whoever revealed it before sees it at once.
#[component]
fn Phone(ticket: Ticket, events: Memo<Vec<TicketEvent>>) -> impl IntoView {
    let state = use_app_state();
    let id = ticket.id;
    let phone = ticket.registration.customer.phone.clone();
    let may = move || {
        state.current_user().is_some_and(|(_, user)| {
            crate::domain::ticket::actions::may_reveal_phone(&ticket, user.role, user.staff)
        })
    };
    let revealed = move || {
        events.with(|events| {
            crate::domain::ticket::actions::phone_revealed_to(events, state.user.get())
        })
    };
    let busy = RwSignal::new(false);
    let errors = FormErrors::default();
    let reveal = move |_| {
        record(state, id, Happening::PhoneRevealed, busy, errors, || {});
    };
    move || {
        match (may(), revealed()) {
        (true, true) => view! {
            <a class="button button--call" data-fact="phone" data-revealed="true" href=format!("tel:{phone}")>
                {format!("{} {phone}", state.t(Key::CallCustomer))}
            </a>
        }
        .into_any(),
        (true, false) => view! {
            <span data-fact="phone">{mask_phone(&phone)}</span>" "
            <button type="button" class="button" data-action="reveal-phone" disabled=move || busy.get()
                on:click=reveal>{tr(Key::RevealPhone)}</button>
            <RecordProblem errors=errors />
        }
        .into_any(),
        (false, _) => view! { <span data-fact="phone">{mask_phone(&phone)}</span> }.into_any(),
    }
    }
}

#[component]
fn Clocks(id: Id) -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        let now = state.now.get();
        let ticket = state.ticket(id)?;
        Some(
            state
                .settings
                .with(|s| clocks(&ticket, &s.policy, &s.calendar, now)),
        )
    });
    let when = move |at: Instant| state.local_time(at);
    view! {
        <section class="ticket__section" aria-labelledby="clocks-title">
            <h2 id="clocks-title">{tr(Key::ServiceLevels)}</h2>
            <p class="field__hint" data-fact="working-days-meaning">{tr(Key::WorkingDaysMeaning)}</p>
            <div class="table-wrap">
                <table class="table" data-table="clocks">
                    <thead><tr>
                        <th>{tr(Key::Measure)}</th>
                        <th>{tr(Key::Deadline)}</th>
                        <th>{tr(Key::Standing)}</th>
                    </tr></thead>
                    <tbody>
                        {move || rows.get().unwrap_or_default().into_iter().map(|clock| {
                            let lang = state.lang.get();
                            let (class, text) = match clock.standing {
                                ClockStanding::Met { .. } => ("sla", state.t(Key::SlaMet).to_string()),
                                ClockStanding::Breached { late_ms } => ("sla sla--late", format!("{} {}", state.t(Key::LateBy), duration(lang, late_ms))),
                                ClockStanding::Running { left_ms } => ("sla", format!("{} {}", state.t(Key::TimeLeft), duration(lang, left_ms))),
                                ClockStanding::Overdue { by_ms } => ("sla sla--late", format!("{} {}", state.t(Key::OverdueBy), duration(lang, by_ms))),
                                ClockStanding::Paused { left_ms } => ("sla sla--paused", format!("{} {}", state.t(Key::Paused), duration(lang, left_ms))),
                            };
                            view! {
                                <tr data-clock=clock.measure.slug().to_string()>
                                    <td>{measure_name(lang, clock.measure)}</td>
                                    <td>{when(clock.deadline)}</td>
                                    <td><span class=class data-standing=standing_name(clock.standing)>{text}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Conflicts(ticket: Ticket, events: Memo<Vec<TicketEvent>>) -> impl IntoView {
    let state = use_app_state();
    (!ticket.conflicts.is_empty()).then(|| {
        let conflicts = ticket.conflicts.clone();
        view! {
            <section class="ticket__section banner banner--warning" data-fact="conflicts" role="alert">
                <h2>{tr(Key::ConflictsTitle)}</h2>
                <p>{tr(Key::ConflictsExplained)}</p>
                <ul>
                    {conflicts.into_iter().map(|conflict| {
                        let event = events.with(|list| list.iter().find(|e| e.id == conflict.event).cloned());
                        let who = event.as_ref().and_then(|e| e.by);
                        let at = event.as_ref().map(|e| e.at);
                        view! {
                            <li>
                                {move || at.map(|at| state.local_time(at)).unwrap_or_default()}
                                " · "{move || user_name(state, who)}" · "
                                {move || refusal(state.lang.get(), &conflict.refusal)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

fn user_name(state: AppState, user: Option<Id>) -> String {
    user.and_then(|id| {
        state
            .data
            .with(|d| d.users.version(id).map(|v| v.body.name.clone()))
    })
    .unwrap_or_default()
}

#[component]
fn QuoteView(ticket: Ticket) -> impl IntoView {
    let state = use_app_state();
    ticket.quote.clone().map(|quote| {
        let status = ticket.quote_status;
        view! {
            <section class="ticket__section" data-fact="quote" data-quote=status.slug().to_string()>
                <h2>{tr(Key::Quote)}" · "{move || state.t(match status {
                    QuoteStatus::Issued => Key::QuoteWaiting,
                    QuoteStatus::Accepted => Key::QuoteAccepted,
                    QuoteStatus::Declined => Key::QuoteDeclined,
                    QuoteStatus::None => Key::Quote,
                })}</h2>
                <LinesTable lines=quote.lines.clone() />
            </section>
        }
    })
}

#[component]
fn Reports(ticket: Ticket, events: Memo<Vec<TicketEvent>>) -> impl IntoView {
    let state = use_app_state();
    (!ticket.reports.is_empty()).then(|| {
        let id = ticket.id;
        let reports = ticket.reports.clone();
        view! {
            <section class="ticket__section" data-fact="reports">
                <h2>{tr(Key::ServiceReports)}</h2>
                <ul class="plain-list">
                    {reports.into_iter().map(|event_id| {
                        let event = events.with_untracked(|list| list.iter().find(|e| e.id == event_id).cloned());
                        let at = event.as_ref().map(|e| e.at).unwrap_or_default();
                        let work = event.as_ref().and_then(|e| match &e.what {
                            Happening::Reported(report) | Happening::Resolved { report: Some(report), .. } => Some(report.work_done.clone()),
                            _ => None,
                        }).unwrap_or_default();
                        view! {
                            <li data-report=event_id.to_string()>
                                <a href=format!("/tickets/{id}/reports/{event_id}")>
                                    {move || state.local_time(at)}" · "{work.clone()}
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn FollowUps(ticket: Ticket) -> impl IntoView {
    let state = use_app_state();
    let when = move |at: Instant| state.local_time(at);
    (!ticket.follow_ups.is_empty()).then(|| {
        view! {
            <section class="ticket__section" data-fact="follow-ups">
                <h2>{tr(Key::FollowUps)}</h2>
                <ul class="plain-list">
                    {ticket.follow_ups.clone().into_iter().map(|f| view! {
                        <li data-follow-up=if f.after_bad_review { "bad-review" } else { "planned" }
                            data-done=f.done_at.is_some().to_string()>
                            {when(f.planned_for)}" · "
                            {match f.after_bad_review {
                                true => view! { <span class="badge badge--danger">{tr(Key::BadReviewFollowUp)}</span> }.into_any(),
                                false => f.purpose.clone().into_any(),
                            }}
                            " · "
                            {match (f.done_at, f.outcome.clone()) {
                                (Some(done), Some(outcome)) => format!("{} {} · {outcome}", state.t(Key::DoneAt), when(done)),
                                _ => state.t(Key::Planned).to_string(),
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The customer's other tickets (R2.3: the customer record keeps the service history), newest first.
#[component]
fn History(ticket: Ticket) -> impl IntoView {
    let state = use_app_state();
    let phone = ticket.registration.customer.phone.clone();
    let others = Memo::new(move |_| {
        state.tickets.with(|all| {
            customer_history(&all.0, &phone)
                .into_iter()
                .filter(|t| t.id != ticket.id)
                .map(|t| {
                    (
                        t.id,
                        t.registration.received_at,
                        t.registration.kind,
                        t.state,
                        t.registration.description.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let others = others.get();
        (!others.is_empty()).then(|| {
            let lang = state.lang.get();
            view! {
                <section class="ticket__section" data-fact="history">
                    <h2>{tr(Key::ServiceHistory)}</h2>
                    <ul class="plain-list">
                        {others.into_iter().map(|(id, at, kind, ticket_state, description)| view! {
                            <li>
                                <a href=format!("/tickets/{id}")>
                                    {state.local_time(at)}" · "
                                    {kind_name(lang, kind)}" · "{state_name(lang, ticket_state)}" · "{description}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

#[component]
fn Timeline(events: Memo<Vec<TicketEvent>>) -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="ticket__section" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{tr(Key::Timeline)}</h2>
            <ol class="timeline" data-fact="timeline">
                {move || events.get().into_iter().map(|event| {
                    let lang = state.lang.get();
                    let at = state.local_time(event.at);
                    view! {
                        <li class="timeline__item" data-event=event.what.name()>
                            <span class="timeline__when">{at}</span>
                            <span class="timeline__who">{user_name(state, event.by)}</span>
                            <span class="timeline__what">{describe(state, lang, &event.what)}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// One line of the timeline in the user's language.
fn describe(state: AppState, lang: Lang, what: &Happening) -> String {
    let name = |id: Id| state.data.with(|d| staff_name(d, Some(id)));
    let when = |at: Instant| state.local_time(at);
    let t = |key: Key| key.text(lang);
    match what {
        Happening::Registered(r) => {
            format!("{} · {}", t(Key::EventRegistered), kind_name(lang, r.kind))
        }
        Happening::Responded { .. } => t(Key::EventResponded).into(),
        Happening::Triaged { .. } => t(Key::EventTriaged).into(),
        Happening::Rejected { reason } => i18n::labelled(lang, t(Key::EventRejected), reason),
        Happening::Assigned { engineer } => {
            format!("{} → {}", t(Key::EventAssigned), name(*engineer))
        }
        Happening::Reassigned { engineer, reason } => {
            let assigned = format!("{} → {}", t(Key::EventReassigned), name(*engineer));
            i18n::with_reason(lang, &assigned, reason)
        }
        Happening::VisitScheduled { at } => {
            format!("{} {}", t(Key::EventVisitScheduled), when(*at))
        }
        Happening::Arrived => t(Key::EventArrived).into(),
        Happening::QuoteIssued(quote) => format!(
            "{} {}",
            t(Key::EventQuoteIssued),
            quote.total().map(|f| f.to_string()).unwrap_or_default()
        ),
        Happening::QuoteAccepted => t(Key::QuoteAccepted).into(),
        Happening::QuoteDeclined { reason } => i18n::labelled(lang, t(Key::QuoteDeclined), reason),
        Happening::Resolved { solution, .. } => {
            i18n::labelled(lang, t(Key::EventResolved), solution)
        }
        Happening::Reported(report) => {
            i18n::labelled(lang, t(Key::EventReported), &report.work_done)
        }
        Happening::FollowUpPlanned { at, purpose } => {
            format!("{} {} · {purpose}", t(Key::EventFollowUpPlanned), when(*at))
        }
        Happening::FollowUpDone { outcome } => {
            i18n::labelled(lang, t(Key::EventFollowUpDone), outcome)
        }
        Happening::Confirmed => t(Key::EventConfirmed).into(),
        Happening::Closed => t(Key::EventClosed).into(),
        Happening::Held { reason } => i18n::labelled(lang, t(Key::EventHeld), reason),
        Happening::Resumed => t(Key::EventResumed).into(),
        Happening::Reopened { reason } => i18n::labelled(lang, t(Key::EventReopened), reason),
        Happening::Voided {
            reason,
            false_record,
        } => {
            let voided = i18n::labelled(lang, t(Key::EventVoided), reason);
            match *false_record {
                true => voided + t(Key::FalseRecordMark),
                false => voided,
            }
        }
        Happening::Noted { text } => i18n::labelled(lang, t(Key::EventNoted), text),
        Happening::Anonymised { .. } => t(Key::EventAnonymised).into(),
        Happening::PhoneRevealed => t(Key::EventPhoneRevealed).into(),
        Happening::Promised { by, note } => {
            let promised = format!("{} {by}", t(Key::EventPromised));
            match note.is_empty() {
                true => promised,
                false => i18n::labelled(lang, &promised, note),
            }
        }
        Happening::Informed { how, cause, note } => {
            let cause = match cause {
                Some(cause) => crate::i18n::providers::cause_name(lang, *cause),
                None => t(Key::CauseOther),
            };
            let told = i18n::with_reason(lang, t(Key::EventInformed), told_name(lang, *how));
            let told = i18n::labelled(lang, &told, &format!("{} {cause}", t(Key::CauseFound)));
            match note.is_empty() {
                true => told,
                false => format!("{told} · {note}"),
            }
        }
        Happening::SurveyLinked(_) => t(Key::EventSurveyLinked).into(),
        Happening::Surveyed(response) => format!(
            "{} {}★{}",
            t(Key::EventSurveyed),
            response.overall,
            match response.is_bad_review() {
                true => t(Key::BadReviewMark),
                false => "",
            }
        ),
    }
}

/// The buttons of the commands the role may take now, and the small form of the one chosen.
#[component]
fn Commands(ticket: Ticket, draft: CommandInProgress) -> impl IntoView {
    let state = use_app_state();
    let id = ticket.id;
    let CommandInProgress {
        open,
        text,
        busy,
        errors,
    } = draft;
    let available = Memo::new(move |_| {
        let now = state.now.get();
        match (state.role(), state.ticket(id)) {
            (Some(role), Some(ticket)) => offered(&ticket, role, now),
            _ => Vec::new(),
        }
    });
    // Dispatched, out of warranty, no quote accepted: whoever would schedule the visit is told why they cannot yet.
    let quote_first = Memo::new(move |_| {
        state.ticket(id).is_some_and(|ticket| {
            ticket.state == State::Assigned
                && ticket.visit_waits_for_quote()
                && state.can(action_for(&Happening::Arrived))
        })
    });
    // The form open here is no longer possible after a change saved elsewhere (another tab voided or held the
    // ticket): it closes and says why, rather than vanishing or refusing only on save. (Not while this form's own
    // save runs: that closes it itself.)
    Effect::new(move |_| {
        if busy.get() {
            return;
        }
        if let Some(command) = open.get()
            && !available.with(|offered| offered.contains(&command))
        {
            open.set(None);
            state.fail(state.t(Key::CommandNoLongerPossible).to_string());
        }
    });
    // A solved complaint: whoever would close it is told it waits for the customer to be told the result.
    let result_untold = Memo::new(move |_| {
        state.ticket(id).is_some_and(|ticket| {
            ticket.work_done()
                && ticket.state != State::Closed
                && ticket.result_untold()
                && state.can(action_for(&Happening::Closed))
        })
    });
    let navigate = leptos_router::hooks::use_navigate();
    let tap = move |command: Command| {
        errors.set(Vec::new());
        match command {
            Command::Report | Command::Resolve => {
                let resolve = if command == Command::Resolve {
                    "?resolve=1"
                } else {
                    ""
                };
                navigate(
                    &format!("/tickets/{id}/report{resolve}"),
                    Default::default(),
                );
            }
            command if command.needs_form() => {
                // Another command's form starts empty; the same one keeps what was typed.
                if open.get_untracked() != Some(command) {
                    text.set(String::new());
                }
                open.set(Some(command));
            }
            // One tap: the command's event needs nothing typed.
            command => match command_event(state, command, &CommandDraft::default(), None) {
                Ok(what) => record(state, id, what, busy, errors, move || {
                    open.try_set(None);
                }),
                Err(problems) => errors.set(problems),
            },
        }
    };
    view! {
        <section class="ticket__section ticket__commands" aria-labelledby="commands-title"
            class:hidden=move || available.with(Vec::is_empty)>
            <h2 id="commands-title">{tr(Key::Actions)}</h2>
            <div class="commands" data-fact="commands">
                <For each=move || available.get() key=|c| *c let:command>
                    <button type="button" class="button" class:button--primary=move || open.get() == Some(command)
                        data-command=command.slug().to_string() disabled=move || busy.get()
                        on:click={
                            let tap = tap.clone();
                            move |_| tap(command)
                        }>
                        {move || command_name(state.lang.get(), command)}
                    </button>
                </For>
            </div>
            // Why there is no visit to schedule yet (out of warranty: the quote comes first).
            <Show when=move || quote_first.get()>
                <p class="muted" data-fact="quote-first">{move || refusal(state.lang.get(), &TicketRefusal::QuoteNotAccepted)}</p>
            </Show>
            <Show when=move || result_untold.get()>
                <p class="muted" data-fact="result-untold">{move || refusal(state.lang.get(), &TicketRefusal::ResultNotTold)}</p>
            </Show>
            {move || open.get().map(|command| view! { <CommandForm id=id command=command open=open text=text busy=busy errors=errors /> })}
            <RecordProblem errors=errors />
        </section>
    }
}

#[component]
fn CommandForm(
    id: Id,
    command: Command,
    open: RwSignal<Option<Command>>,
    /// The form's text, kept by the ticket's screen (`CommandInProgress`).
    text: RwSignal<String>,
    busy: RwSignal<bool>,
    errors: FormErrors,
) -> impl IntoView {
    let state = use_app_state();
    // A visit starts from a proposed time (`suggested_visit`), so scheduling is one tap when it suits.
    let time = RwSignal::new(match command {
        Command::ScheduleVisit => state
            .ticket(id)
            .map(|ticket| {
                let now = platform::now_ms() as Instant;
                state.settings.with_untracked(|s| {
                    s.calendar
                        .format_local(suggested_visit(&ticket, &s.calendar, now), 'T')
                })
            })
            .unwrap_or_default(),
        _ => String::new(),
    });
    let engineer = RwSignal::new(String::new());
    let false_record = RwSignal::new(false);
    // A complaint's promise and result told (`PromiseDraft`, `InformDraft`): the day, how and the cause.
    // A promise already made is the form's start: moving it asks why.
    let promised = state.ticket(id).and_then(|t| t.promised_by);
    let day = RwSignal::new(promised.map(|d| d.to_string()).unwrap_or_default());
    let how = RwSignal::new(String::new());
    let cause = RwSignal::new(String::new());
    let complaint_form = matches!(command, Command::Promise | Command::Inform);
    let lines = RwSignal::new(vec![LineRow::new(LineDraft::new(
        crate::domain::ticket::QuoteLineKind::Part,
    ))]);
    let needs_text = !matches!(
        command,
        Command::Assign
            | Command::ScheduleVisit
            | Command::IssueQuote
            | Command::Promise
            | Command::Inform
    );
    let needs_time = matches!(command, Command::ScheduleVisit | Command::PlanFollowUp);
    let needs_engineer = matches!(command, Command::Assign | Command::Reassign);
    // The best fit first (`dispatch::candidates`), each with what put them there.
    let engineers = Signal::derive(move || {
        let lang = state.lang.get();
        let mut options = vec![(String::new(), state.t(Key::ChooseOne).to_string())];
        let Some(ticket) = state.ticket(id) else {
            return options;
        };
        let today = state
            .settings
            .with(|s| s.calendar.local_date(state.now.get()));
        state.tickets.with(|all| {
            state.data.with(|d| {
                options.extend(candidates(&ticket, &all.0, d, today).into_iter().map(|c| {
                    let name = d
                        .staff
                        .get(c.staff)
                        .map(|s| format!("{} {}", s.number, s.name))
                        .unwrap_or_default();
                    (id_value(Some(c.staff)), candidate_label(lang, &name, &c))
                }))
            })
        });
        options
    });
    // Dispatch starts from the best fit, so sending them is one tap; anyone else is one choice away.
    if command == Command::Assign
        && let Some((best, _)) = engineers.with_untracked(|options| options.get(1).cloned())
    {
        engineer.set(best);
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        // The form only collects; the command makes its event of what was typed (`Command::event`).
        let draft = CommandDraft {
            text: text.get_untracked(),
            when: time.get_untracked(),
            engineer: value_id(&engineer.get_untracked()),
            quote: lines.with_untracked(|rows| rows.iter().map(LineRow::draft).collect()),
            false_record: false_record.get_untracked(),
            promised_day: day.get_untracked(),
            told: how
                .with_untracked(|v| v.parse::<usize>().ok())
                .and_then(|i| Told::ALL.get(i).copied()),
            // Chosen: one of the four, or another cause.
            cause: cause.with_untracked(|v| match v.as_str() {
                "" => None,
                "other" => Some(None),
                v => v
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| ComplaintCause::ALL.get(i).copied())
                    .map(Some),
            }),
            report: Default::default(),
        };
        let what = match command_event(state, command, &draft, promised) {
            Ok(what) => what,
            Err(problems) => {
                errors.set(problems);
                return;
            }
        };
        if let Happening::Assigned { engineer } | Happening::Reassigned { engineer, .. } = &what
            && !certificate_confirmed(state, id, *engineer)
        {
            return;
        }
        record(state, id, what, busy, errors, move || {
            text.try_set(String::new());
            open.try_set(None);
        });
    };
    view! {
        <form class="form command-form" data-form=command.slug().to_string() on:submit=submit novalidate>
            <h3>{move || command_name(state.lang.get(), command)}</h3>
            {needs_engineer.then(|| view! {
                <FormField label=Key::Assignee field=Field::Engineer errors=errors>
                    <SelectInput name="engineer" value=engineer options=engineers />
                </FormField>
            })}
            {needs_time.then(|| view! {
                <FormField label=Key::When field=Field::When errors=errors>
                    <input class="input" type="datetime-local" name="when" bind:value=time />
                </FormField>
            })}
            {(command == Command::Promise).then(|| view! {
                <FormField label=Key::PromisedBy field=Field::Date errors=errors>
                    <input class="input" type="date" name="day" bind:value=day />
                </FormField>
            })}
            {(command == Command::Inform).then(|| view! {
                <FormField label=Key::ToldHow field=Field::Contact errors=errors>
                    <SelectInput name="how" value=how options=Signal::derive(move || {
                        let lang = state.lang.get();
                        std::iter::once((String::new(), state.t(Key::ChooseOne).to_string()))
                            .chain(Told::ALL.iter().enumerate().map(|(i, t)| (i.to_string(), told_name(lang, *t).to_string())))
                            .collect::<Vec<_>>()
                    }) />
                </FormField>
                <FormField label=Key::CauseFound field=Field::Category errors=errors>
                    <SelectInput name="cause" value=cause options=Signal::derive(move || {
                        let lang = state.lang.get();
                        std::iter::once((String::new(), state.t(Key::ChooseOne).to_string()))
                            .chain(ComplaintCause::ALL.iter().enumerate()
                                .map(|(i, c)| (i.to_string(), cause_name(lang, *c).to_string())))
                            .chain(std::iter::once(("other".to_string(), state.t(Key::CauseOther).to_string())))
                            .collect::<Vec<_>>()
                    }) />
                </FormField>
            })}
            {complaint_form.then(|| view! {
                <FormField label=Key::Note field=Field::Text errors=errors>
                    <textarea class="input" name="text" rows="2" bind:value=text></textarea>
                </FormField>
            })}
            {(command == Command::IssueQuote).then(|| view! { <LineEditor rows=lines errors=errors /> })}
            {needs_text.then(|| view! {
                <FormField label=text_label(command) field=Field::Text errors=errors>
                    <textarea class="input" name="text" rows="2" bind:value=text></textarea>
                </FormField>
            })}
            {(command == Command::Void).then(|| view! {
                <label class="check">
                    <input type="checkbox" name="false-record" bind:checked=false_record />
                    {tr(Key::FalseRecord)}
                </label>
            })}
            <div class="form__actions">
                <button type="submit" class="button button--primary" name="confirm" disabled=move || busy.get()>
                    {tr(Key::Confirm)}
                </button>
                <button type="button" class="button" name="cancel" on:click=move |_| { errors.set(Vec::new()); text.set(String::new()); open.set(None) }>
                    {tr(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}

fn text_label(command: Command) -> Key {
    match command {
        Command::PlanFollowUp => Key::Purpose,
        Command::RecordFollowUp => Key::Outcome,
        Command::Note => Key::Note,
        _ => Key::Reason,
    }
}

/// R1.5: sending someone without a valid certificate for the product's category asks first.
fn certificate_confirmed(state: AppState, ticket: Id, engineer: Id) -> bool {
    let Some(t) = state.ticket(ticket) else {
        return false;
    };
    let today = state
        .settings
        .with_untracked(|s| s.calendar.local_date(platform::now_ms() as Instant));
    let warning = state.data.with_untracked(|d| {
        d.staff.get(engineer).and_then(|s| {
            s.certificate_warning(&t.registration.product.category, today)
                .map(|w| (s.name.clone(), w))
        })
    });
    match warning {
        None => true,
        Some((name, warning)) => window()
            .confirm_with_message(&certificate_warning(
                state.lang.get_untracked(),
                &name,
                &warning,
            ))
            .unwrap_or(false),
    }
}

fn standing_name(standing: ClockStanding) -> &'static str {
    match standing {
        ClockStanding::Met { .. } => "Met",
        ClockStanding::Breached { .. } => "Breached",
        ClockStanding::Running { .. } => "Running",
        ClockStanding::Overdue { .. } => "Overdue",
        ClockStanding::Paused { .. } => "Paused",
    }
}
