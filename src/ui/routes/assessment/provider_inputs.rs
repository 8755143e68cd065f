//! 服务商考评录入 (R7.1): what a supervisor enters against a provider for a period — platform reviews of 1 or 2 stars
//! (one by one here; a platform's export through the import screen), complaints with their cause and the serious
//! flag, and peak-event incidents — as a form above the period's list. A platform review opened from the list is
//! where the supervisor records that it is about something other than the service (2.1.5.1) and why.
//!
//! Must not: check what is typed (`domain::provider_inputs::InputDraft`) or decide what counts.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::access::Action;
use crate::domain::calendar::Date;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::provider_inputs::{
    ComplaintCause, InputDetail, InputDraft, InputKind, PeakEvent, ReviewedWork, TicketFinder,
    provider_of,
};
use crate::domain::provider_statement::{current, input_reference};
use crate::domain::retention::PSEUDONYM_PREFIX;
use crate::domain::ticket::Ticket;
use crate::i18n::Key;
use crate::i18n::providers::{
    cause_name, input_kind_name, issued_period_note, peak_event_name, reviewed_work_name,
};
use crate::ui::components::form::{FormField, SelectInput, TextInput, id_value, value_id};
use crate::ui::components::guard::Guarded;
use crate::ui::components::record_form::RecordForm;
use crate::ui::routes::assessment::provider_assessment::{
    PeriodLink, PeriodNav, period_from_query, today,
};

const INPUTS_PATH: &str = "/assessment/providers/inputs";
use crate::domain::sorting;
use crate::ui::routes::query_id;
use crate::ui::state::{tr, use_app_state};

fn kind_value(kind: InputKind) -> String {
    kind.slug().to_string()
}

fn peak_value(event: &PeakEvent) -> &'static str {
    match event {
        PeakEvent::June18 => "june18",
        PeakEvent::Double11 => "double11",
        PeakEvent::Other(_) => "other",
    }
}

/// One item of the period's list, as shown.
#[derive(Clone, PartialEq)]
struct InputRow {
    id: Id,
    day: String,
    provider: String,
    what: String,
    reference: String,
    ticket: Option<Id>,
    text: String,
}

#[component]
pub fn ProviderInputsPage() -> impl IntoView {
    let state = use_app_state();
    let period = period_from_query(state);
    let form = RecordForm::new(Action::EnterProviderInputs);
    let errors = form.errors;
    // Opened from a ticket (登记服务商投诉): a complaint about it, against its engineer's provider.
    let from_ticket = query_id("ticket").filter(|id| {
        state
            .tickets
            .with_untracked(|t| t.0.iter().any(|ticket| ticket.id == *id))
    });
    let ticket_provider = from_ticket.and_then(|id| {
        state.tickets.with_untracked(|t| {
            let ticket = t.0.iter().find(|ticket| ticket.id == id)?;
            state.data.with_untracked(|d| provider_of(ticket, d))
        })
    });
    let kind = RwSignal::new(kind_value(match from_ticket {
        Some(_) => InputKind::Complaint,
        None => InputKind::PlatformReview,
    }));
    let provider = RwSignal::new(id_value(ticket_provider));
    // Items are entered the day they come in; one dated outside the period on screen takes the list to its period.
    let day = RwSignal::new(today(state).to_string());
    let navigate = StoredValue::new_local(use_navigate());
    let text = RwSignal::new(String::new());
    let platform_name = RwSignal::new(String::new());
    let order_number = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let stars = RwSignal::new(String::new());
    let reviewed = RwSignal::new(ReviewedWork::Installation.slug().to_string());
    let not_about = RwSignal::new(String::new());
    let cause = RwSignal::new(String::new());
    let serious = RwSignal::new(false);
    let event = RwSignal::new(String::new());
    let event_name = RwSignal::new(String::new());
    let ticket = RwSignal::new(from_ticket);
    let selected_kind = move || {
        InputKind::ALL
            .into_iter()
            .find(|k| kind_value(*k) == kind.get())
            .unwrap_or(InputKind::PlatformReview)
    };
    let reset = move || {
        form.clear();
        for field in [
            text,
            order_number,
            phone,
            address,
            stars,
            not_about,
            event_name,
        ] {
            field.set(String::new());
        }
        serious.set(false);
        ticket.set(None);
    };
    // The provider's statements already issued for the day's week or month: the item changes them only through a
    // correction, which the form says before it is saved.
    let issued_for_day = Memo::new(move |_| {
        let provider = value_id(&provider.get())?;
        let day = Date::parse(day.get().trim())?;
        state.data.with(|data| {
            [PeriodKind::Week, PeriodKind::Month]
                .into_iter()
                .map(|kind| Period::containing(kind, day))
                .find(|p| current(data, provider, *p).is_some())
        })
    });
    // Leaving an item unsaved starts afresh: nothing of it stays in the form.
    let cancel = move || {
        reset();
        provider.set(String::new());
        cause.set(String::new());
        event.set(String::new());
        day.set(today(state).to_string());
    };
    let stars_options = Signal::derive(move || {
        vec![
            (String::new(), state.t(Key::ChooseStars).to_string()),
            ("1".to_string(), "1★".to_string()),
            ("2".to_string(), "2★".to_string()),
        ]
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input_kind = selected_kind();
        // A review's order number finds its ticket (and with it the work it was).
        let found = match input_kind {
            InputKind::PlatformReview => state.tickets.with_untracked(|t| {
                TicketFinder::new(t.0.iter())
                    .find(
                        &order_number.get_untracked(),
                        &phone.get_untracked(),
                        &address.get_untracked(),
                    )
                    .ticket()
            }),
            _ => None,
        };
        let tied = ticket.get_untracked().or(found);
        let ticket_provider = tied.and_then(|id| {
            state.tickets.with_untracked(|t| {
                let ticket = t.0.iter().find(|ticket| ticket.id == id)?;
                state.data.with_untracked(|d| provider_of(ticket, d))
            })
        });
        let draft = InputDraft {
            provider: value_id(&provider.get_untracked()),
            day: day.get_untracked(),
            ticket: tied,
            ticket_provider,
            text: text.get_untracked(),
            platform: platform_name.get_untracked(),
            order_number: order_number.get_untracked(),
            phone: phone.get_untracked(),
            address: address.get_untracked(),
            stars: stars.get_untracked(),
            reviewed: ReviewedWork::from_slug(&reviewed.get_untracked()),
            not_about_service: not_about.get_untracked(),
            cause: ComplaintCause::from_slug(&cause.get_untracked()),
            serious: serious.get_untracked(),
            event: match event.get_untracked().as_str() {
                "june18" => Some(PeakEvent::June18),
                "double11" => Some(PeakEvent::Double11),
                "other" => Some(PeakEvent::Other(event_name.get_untracked())),
                _ => None,
            },
        };
        let today = today(state);
        let saved_day = Date::parse(draft.day.trim());
        form.save_checked(
            |_, d| draft.check(input_kind, today, d),
            Change::ProviderInput,
            move || {
                reset();
                let shown = period.get_untracked();
                if let Some(saved_day) = saved_day
                    && !shown.contains(saved_day)
                {
                    let kind = shown.kind().unwrap_or(PeriodKind::Month);
                    let href =
                        PeriodLink::Query(INPUTS_PATH).href(Period::containing(kind, saved_day));
                    navigate.with_value(|navigate| navigate(&href, Default::default()));
                }
            },
        );
    };
    let open = move |id: Id| {
        let Some(record) = state
            .data
            .with_untracked(|d| d.provider_inputs.live_version(id).cloned())
        else {
            return;
        };
        let draft = InputDraft::of(&record.body);
        kind.set(kind_value(record.body.kind()));
        provider.set(id_value(draft.provider));
        day.set(draft.day);
        text.set(draft.text);
        platform_name.set(draft.platform);
        order_number.set(draft.order_number);
        phone.set(draft.phone);
        address.set(draft.address);
        stars.set(draft.stars);
        if let Some(work) = draft.reviewed {
            reviewed.set(work.slug().to_string());
        }
        not_about.set(draft.not_about_service);
        cause.set(
            draft
                .cause
                .map(|c| c.slug().to_string())
                .unwrap_or_default(),
        );
        serious.set(draft.serious);
        event.set(
            draft
                .event
                .as_ref()
                .map(peak_value)
                .unwrap_or_default()
                .into(),
        );
        event_name.set(match &draft.event {
            Some(PeakEvent::Other(name)) => name.clone(),
            _ => String::new(),
        });
        ticket.set(draft.ticket);
        form.opened(record);
        crate::platform::scroll_to_top();
    };
    let tombstone = move |id: Id| {
        state.data.with_untracked(|d| {
            d.provider_inputs
                .live_version(id)
                .map(|v| Change::ProviderInput(state.tombstone(v)))
        })
    };
    let providers = Signal::derive(move || {
        let mut options = vec![(String::new(), state.t(Key::ChooseProvider).to_string())];
        state.data.with(|d| {
            let mut live: Vec<(String, String)> = d
                .providers
                .live()
                .map(|(id, p)| (id.to_string(), p.name.clone()))
                .collect();
            sorting::by(&mut live, |a, b| a.1.cmp(&b.1));
            options.extend(live);
        });
        options
    });
    let kinds = Signal::derive(move || {
        let lang = state.lang.get();
        InputKind::ALL
            .into_iter()
            .map(|k| (kind_value(k), input_kind_name(lang, k).to_string()))
            .collect::<Vec<_>>()
    });
    let works = Signal::derive(move || {
        let lang = state.lang.get();
        ReviewedWork::ALL
            .into_iter()
            .map(|w| {
                (
                    w.slug().to_string(),
                    reviewed_work_name(lang, w).to_string(),
                )
            })
            .collect::<Vec<_>>()
    });
    let causes = Signal::derive(move || {
        let lang = state.lang.get();
        let mut options = vec![(String::new(), state.t(Key::ChooseCause).to_string())];
        options.extend(
            ComplaintCause::ALL
                .into_iter()
                .map(|c| (c.slug().to_string(), cause_name(lang, c).to_string())),
        );
        options
    });
    let events = Signal::derive(move || {
        let lang = state.lang.get();
        vec![
            (String::new(), state.t(Key::ChooseEvent).to_string()),
            ("june18".into(), peak_event_name(lang, &PeakEvent::June18)),
            (
                "double11".into(),
                peak_event_name(lang, &PeakEvent::Double11),
            ),
            ("other".into(), state.t(Key::OtherEvent).to_string()),
        ]
    });
    let rows = Memo::new(move |_| {
        let period = period.get();
        let lang = state.lang.get();
        let mut rows: Vec<InputRow> = state.data.with(|d| {
            // The tickets the period's items are tied to, found in one pass over all.
            let tied: std::collections::HashSet<Id> = d
                .provider_inputs
                .live()
                .filter(|(_, input)| period.contains(input.day))
                .filter_map(|(_, input)| input.ticket)
                .collect();
            let tickets: std::collections::HashMap<Id, Ticket> = state.tickets.with(|t| {
                t.0.iter()
                    .filter(|t| tied.contains(&t.id))
                    .map(|t| (t.id, t.clone()))
                    .collect()
            });
            d.provider_inputs
                .live()
                .filter(|(_, input)| period.contains(input.day))
                .map(|(id, input)| {
                    let provider = d
                        .providers
                        .get(input.provider)
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    let what = match &input.detail {
                        InputDetail::PlatformReview(review) => format!(
                            "{} · {} · {}★{}",
                            input_kind_name(lang, InputKind::PlatformReview),
                            review.platform,
                            review.stars,
                            match &review.not_about_service {
                                Some(reason) =>
                                    crate::i18n::providers::not_about_service_mark(lang, reason),
                                None => String::new(),
                            }
                        ),
                        InputDetail::Complaint { cause, serious } => format!(
                            "{} · {}{}",
                            input_kind_name(lang, InputKind::Complaint),
                            cause_name(lang, *cause),
                            if *serious {
                                state.t(Key::SeriousMark)
                            } else {
                                ""
                            }
                        ),
                        InputDetail::PeakIncident { event } => format!(
                            "{} · {}",
                            input_kind_name(lang, InputKind::PeakIncident),
                            peak_event_name(lang, event)
                        ),
                    };
                    let ticket = input.ticket;
                    let reference = input_reference(input, ticket.and_then(|t| tickets.get(&t)));
                    InputRow {
                        id,
                        day: input.day.to_string(),
                        provider,
                        what,
                        reference,
                        ticket,
                        text: input.text.clone(),
                    }
                })
                .collect()
        });
        sorting::by(&mut rows, |a, b| {
            b.day
                .cmp(&a.day)
                .then(a.provider.cmp(&b.provider))
                .then(a.id.cmp(&b.id))
        });
        rows
    });
    // The text says what happened: a complaint or an incident must, a review may be stars alone.
    let text_area = move || {
        view! {
            <textarea class="input" name="text" rows="2" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
        }
    };
    let is = move |k: InputKind| move || selected_kind() == k;
    view! {
        <Guarded action=Action::EnterProviderInputs>
            <section class="panel" data-page="provider-inputs">
                <header class="panel__header">
                    <h1>{tr(Key::ProviderInputs)}</h1>
                    <div class="panel__actions">
                        <a class="button" href=move || format!("/assessment/providers?p={}", period.get().key())>{tr(Key::BackToProviders)}</a>
                        <a class="button" href="/assessment/providers/import" data-action="import-reviews">{tr(Key::ImportPlatformReviews)}</a>
                    </div>
                </header>
                <p class="muted">{tr(Key::ProviderInputsIntro)}</p>
                <form class="form form--row" on:submit=submit novalidate data-form="provider-input">
                    {form.notice(cancel)}
                    <FormField label=Key::InputKind field=Field::Kind errors=errors required=true>
                        <SelectInput name="kind" value=kind options=kinds />
                    </FormField>
                    <FormField label=Key::ProviderName field=Field::Provider errors=errors required=true>
                        <SelectInput name="provider" value=provider options=providers />
                    </FormField>
                    <FormField label=Key::Date field=Field::Date errors=errors required=true>
                        <TextInput name="day" value=day kind="date" />
                    </FormField>
                    {move || issued_for_day.get().map(|issued| view! {
                        <p class="banner banner--warning form__wide" role="note" data-warning="issued-period">
                            {issued_period_note(state.lang.get(), &issued)}
                        </p>
                    })}
                    <Show when=is(InputKind::PlatformReview)>
                        <FormField label=Key::Platform field=Field::Platform errors=errors required=true>
                            <TextInput name="platform" value=platform_name />
                        </FormField>
                        <FormField label=Key::Stars field=Field::Stars errors=errors required=true>
                            <SelectInput name="stars" value=stars options=stars_options />
                        </FormField>
                        <FormField label=Key::OrderNumber field=Field::OrderNumber errors=errors>
                            <TextInput name="order-number" value=order_number />
                        </FormField>
                        // Anonymised by the retention rule: the pseudonyms stay as they are, unseen.
                        // Tied to its ticket without details of its own: the customer is the ticket's.
                        <Show when=move || !(ticket.get().is_some() && phone.with(String::is_empty) && address.with(String::is_empty))
                            fallback=|| view! { <p class="field muted" data-fact="customer-of-ticket">{tr(Key::CustomerOfTicket)}</p> }>
                        <Show when=move || !phone.with(|p| p.starts_with(PSEUDONYM_PREFIX))
                            fallback=|| view! { <p class="field muted" data-fact="anonymised">{tr(Key::CustomerAnonymised)}</p> }>
                            <FormField label=Key::Phone field=Field::Phone errors=errors>
                                <TextInput name="phone" value=phone kind="tel" />
                            </FormField>
                            <FormField label=Key::Address field=Field::Address errors=errors>
                                <TextInput name="address" value=address />
                            </FormField>
                        </Show>
                        </Show>
                        <FormField label=Key::ReviewedWork field=Field::Kind errors=errors>
                            <SelectInput name="reviewed" value=reviewed options=works />
                        </FormField>
                        <FormField label=Key::NotAboutServiceReason field=Field::Reason errors=errors hint=Key::NotAboutServiceHint>
                            <TextInput name="not-about-service" value=not_about />
                        </FormField>
                    </Show>
                    <Show when=is(InputKind::Complaint)>
                        <FormField label=Key::ComplaintCause field=Field::Cause errors=errors required=true>
                            <SelectInput name="cause" value=cause options=causes />
                        </FormField>
                        <label class="field field--check">
                            <input type="checkbox" name="serious" bind:checked=serious />
                            <span>{tr(Key::SeriousCase)}</span>
                        </label>
                    </Show>
                    <Show when=is(InputKind::PeakIncident)>
                        <FormField label=Key::PeakEvent field=Field::Event errors=errors required=true>
                            <SelectInput name="event" value=event options=events />
                        </FormField>
                        <Show when=move || event.get() == "other">
                            <FormField label=Key::EventName field=Field::Event errors=errors>
                                <TextInput name="event-name" value=event_name />
                            </FormField>
                        </Show>
                    </Show>
                    <Show when=is(InputKind::PlatformReview)
                        fallback=move || view! {
                            <FormField label=Key::InputText field=Field::Text errors=errors required=true>{text_area()}</FormField>
                        }>
                        <FormField label=Key::InputText field=Field::Text errors=errors>{text_area()}</FormField>
                    </Show>
                    <Show when=move || ticket.get().is_some()>
                        <p class="field form__wide" data-fact="linked-ticket">
                            <span class="field__label">{tr(Key::LinkedTicket)}</span>
                            <a href=move || format!("/tickets/{}", ticket.get().map(|t| t.to_string()).unwrap_or_default())>
                                {tr(Key::OpenTicket)}</a>
                            " "
                            <button type="button" class="button" name="unlink-ticket" on:click=move |_| ticket.set(None)>
                                {tr(Key::UnlinkTicket)}</button>
                        </p>
                    </Show>
                    {form.actions(tombstone, cancel)}
                </form>
                <PeriodNav period=period link=PeriodLink::Query(INPUTS_PATH) />
                {move || match rows.with(Vec::is_empty) {
                    true => view! { <p class="muted empty" data-empty="provider-inputs">{tr(Key::NoInputsInPeriod)}</p> }.into_any(),
                    false => view! {
                        <div class="table-wrap">
                            <table class="table table--sentences" data-list="provider-inputs">
                                <thead><tr>
                                    <th></th><th>{tr(Key::Date)}</th><th>{tr(Key::ProviderName)}</th><th>{tr(Key::InputKind)}</th>
                                    <th>{tr(Key::OrderOrCustomer)}</th><th>{tr(Key::InputText)}</th><th>{tr(Key::LinkedTicket)}</th>
                                </tr></thead>
                                <tbody>
                                    {move || rows.get().into_iter().map(|InputRow { id, day, provider, what, reference, ticket, text }| view! {
                                        <tr data-input=id.to_string() class:row--editing=move || form.editing.with(|e| e.as_ref().is_some_and(|v| v.id == id))>
                                            <td><button type="button" class="button" name="edit" on:click=move |_| open(id)>{tr(Key::Edit)}</button></td>
                                            <td>{day}</td><td>{provider}</td><td>{what}</td><td>{reference}</td><td>{text}</td>
                                            <td>{ticket.map(|t| view! { <a href=format!("/tickets/{t}")>{tr(Key::OpenTicket)}</a> })}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }}
            </section>
        </Guarded>
    }
}
