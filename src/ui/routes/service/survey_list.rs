//! 满意度评价 list: every response in force, filtered by the day it was answered, the engineer and bad reviews,
//! with a summary line; each row opens its ticket. Links to the receipt import and the survey settings.
//!
//! Must not: decide what passes a filter or how the mean is rounded (`domain::survey_list` does).

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::calendar::Date;
use crate::domain::contact::mask_phone;
use crate::domain::ids::Id;
use crate::domain::survey::SurveyResponse;
use crate::domain::survey_list::{SurveyFilter, SurveySummary, select_responses};
use crate::domain::ticket::Ticket;
use crate::i18n::Key;
use crate::i18n::surveys::{star_text, survey_totals, via_name};
use crate::i18n::tickets::customer_name;
use crate::ui::components::form::{SelectInput, value_id};
use crate::ui::components::guard::Guarded;
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::routes::{staff_filter_options, staff_name};
use crate::ui::state::{tr, use_app_state};

/// Height of one row in pixels: the virtual list places rows by it.
const ROW_HEIGHT: u32 = 76;

#[component]
pub fn SurveyListPage() -> impl IntoView {
    let state = use_app_state();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let engineer = RwSignal::new(String::new());
    // `?bad=1`: the home's link to every bad review.
    let bad_only = RwSignal::new(
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get_str("bad") == Some("1")),
    );
    let filter = Memo::new(move |_| SurveyFilter {
        from: Date::parse(&from.get()),
        to: Date::parse(&to.get()),
        engineer: value_id(&engineer.get()),
        bad_reviews_only: bad_only.get(),
    });
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        state.settings.with(|settings| {
            state.tickets.with(|tickets| {
                select_responses(&tickets.0, &filter, &settings.calendar)
                    .into_iter()
                    .map(|(ticket, response)| (ticket.clone(), response.clone()))
                    .collect::<Vec<(Ticket, SurveyResponse)>>()
            })
        })
    });
    let summary =
        Memo::new(move |_| shown.with(|rows| SurveySummary::of(rows.iter().map(|(_, r)| r))));
    let engineer_options = move || staff_filter_options(state, Key::AnyEngineer);
    let summary_text = move || {
        let summary = summary.get();
        let SurveySummary {
            responses,
            bad_reviews,
            ..
        } = summary;
        let mean = summary
            .mean_overall_tenths()
            .map(|t| format!("{}.{} ★", t / 10, t % 10))
            .unwrap_or_else(|| "—".into());
        survey_totals(state.lang.get(), responses, bad_reviews, &mean)
    };
    let count = move || shown.with(Vec::len);
    view! {
        <Guarded action=Action::ViewTickets>
            <section class="panel panel--list" data-page="surveys">
                <header class="panel__header">
                    <h1>{tr(Key::SurveyResponses)}</h1>
                    <div class="panel__actions">
                        <Show when=move || state.can(Action::EditSurveys)>
                            <a class="button button--quiet" href="/settings/surveys">{tr(Key::SurveySettingsTitle)}</a>
                        </Show>
                        <Show when=move || state.can(Action::CollectSurveys)>
                            <a class="button button--primary" href="/surveys/import">{tr(Key::ImportReceipt)}</a>
                        </Show>
                    </div>
                </header>
                <div class="filters" role="search">
                    <label class="filters__date">
                        <span>{tr(Key::AnsweredFrom)}</span>
                        <input class="input" type="date" name="from" bind:value=from />
                    </label>
                    <label class="filters__date">
                        <span>{tr(Key::AnsweredTo)}</span>
                        <input class="input" type="date" name="to" bind:value=to />
                    </label>
                    <SelectInput name="engineer" value=engineer options=Signal::derive(engineer_options) label=Key::Engineer />
                    <label class="check">
                        <input type="checkbox" name="bad-only" bind:checked=bad_only />
                        {tr(Key::BadReviewsOnly)}
                    </label>
                </div>
                <p class="muted" data-fact="survey-summary" aria-live="polite">{summary_text}</p>
                <Show when=move || { count() != 0 } fallback=move || view! {
                    <div class="empty" data-empty="responses">
                        <p class="empty__text">{tr(Key::NoResponsesMatch)}</p>
                        <button class="button" type="button" name="clear-filters" on:click=move |_| {
                            from.set(String::new());
                            to.set(String::new());
                            engineer.set(String::new());
                            bad_only.set(false);
                        }>{tr(Key::ClearFilters)}</button>
                    </div>
                }>
                    <VirtualList
                        len=Signal::derive(count)
                        row_height=ROW_HEIGHT
                        label=Signal::derive(move || state.t(Key::SurveyResponses).to_string())
                        row=move |index| {
                            shown
                                .with(|rows| rows.get(index).cloned())
                                .map(|(ticket, response)| view! { <ResponseRow ticket=ticket response=response /> }.into_any())
                                .unwrap_or_else(|| ().into_any())
                        }
                    />
                </Show>
            </section>
        </Guarded>
    }
}

#[component]
fn ResponseRow(ticket: Ticket, response: SurveyResponse) -> impl IntoView {
    let state = use_app_state();
    let engineer: Option<Id> = ticket.assignee;
    let engineer = state.data.with_untracked(|d| staff_name(d, engineer));
    let answered = state
        .settings
        .with_untracked(|s| s.calendar.format_local(response.answered_at, ' '));
    let bad = response.is_bad_review();
    let customer = &ticket.registration.customer;
    let stars = star_text(response.overall);
    let via = response.via;
    view! {
        <a class="ticket-row" href=format!("/tickets/{}", ticket.id) data-ticket=ticket.id.to_string()
            data-bad-review=bad.to_string() class:ticket-row--overdue=bad>
            <span class="ticket-row__main">
                <strong class="ticket-row__customer">{customer_name(state.lang.get_untracked(), customer)}</strong>
                <span class="ticket-row__phone">{mask_phone(&customer.phone)}</span>
                <span class="ticket-row__text">{response.comment.clone()}</span>
            </span>
            <span class="ticket-row__meta">
                <span class="survey-row__stars" data-fact="overall">{stars}</span>
                {bad.then(|| view! { <span class="badge badge--danger">{tr(Key::BadReview)}</span> })}
                <span class="muted">{move || via_name(state.lang.get(), via)}</span>
            </span>
            <span class="ticket-row__side">
                <span class="muted">{answered}</span>
                <span class="muted">{engineer}</span>
            </span>
        </a>
    }
}
