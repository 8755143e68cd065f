//! 新建工单 (intake, R2.1–R2.3): fast for an agent on the phone — the phone number first, a known customer and
//! their products offered at once, the warranty shown as soon as a date is typed, every problem next to its
//! field, and the form kept as a draft on this device if the agent leaves before saving.
//!
//! Must not: validate (`RegistrationDraft::check` does) or decide warranty (`Product::in_warranty`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::access::Action;
use crate::domain::calendar::{Date, Instant};
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::ticket::intake::RegistrationDraft;
use crate::domain::ticket::list::known_customer;
use crate::domain::ticket::number::next_in;
use crate::domain::ticket::{Channel, Happening, Kind, Priority, Product};
use crate::i18n::Key;
use crate::i18n::tickets::{channel_name, earlier_tickets, kind_name, priority_name};
use crate::platform;
use crate::ui::components::form::{
    FormActions, FormErrors, FormField, SelectInput, TextInput, id_value, value_id,
};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::{save, unit_options};
use crate::ui::state::{tr, use_app_state};

const DRAFT_PREF: &str = "intake_draft";

#[component]
pub fn NewTicketPage() -> impl IntoView {
    view! {
        <Guarded action=Action::RegisterTickets>
            <IntakeForm />
        </Guarded>
    }
}

/// The form's inputs, one signal each.
#[derive(Clone, Copy)]
struct Inputs {
    phone: RwSignal<String>,
    name: RwSignal<String>,
    address: RwSignal<String>,
    category: RwSignal<String>,
    model: RwSignal<String>,
    serial: RwSignal<String>,
    purchase_date: RwSignal<String>,
    warranty_end: RwSignal<String>,
    description: RwSignal<String>,
    kind: RwSignal<String>,
    priority: RwSignal<String>,
    channel: RwSignal<String>,
    requested_visit: RwSignal<String>,
    unit: RwSignal<String>,
    order_number: RwSignal<String>,
}

impl Inputs {
    fn new() -> Inputs {
        let blank = || RwSignal::new(String::new());
        Inputs {
            phone: blank(),
            name: blank(),
            address: blank(),
            category: blank(),
            model: blank(),
            serial: blank(),
            purchase_date: blank(),
            warranty_end: blank(),
            description: blank(),
            kind: blank(),
            priority: blank(),
            channel: blank(),
            requested_visit: blank(),
            unit: blank(),
            order_number: blank(),
        }
    }

    /// Shows `draft` in the form; a new form starts as a normal-priority phone call.
    fn load(&self, draft: &RegistrationDraft) {
        self.phone.set(draft.phone.clone());
        self.name.set(draft.name.clone());
        self.address.set(draft.address.clone());
        self.category.set(draft.category.clone());
        self.model.set(draft.model.clone());
        self.serial.set(draft.serial.clone());
        self.purchase_date.set(draft.purchase_date.clone());
        self.warranty_end.set(draft.warranty_end.clone());
        self.description.set(draft.description.clone());
        self.kind
            .set(draft.kind.map(|k| k.slug().to_string()).unwrap_or_default());
        self.priority.set(
            draft
                .priority
                .unwrap_or(Priority::Normal)
                .slug()
                .to_string(),
        );
        self.channel
            .set(draft.channel.unwrap_or(Channel::Phone).slug().to_string());
        self.requested_visit.set(draft.requested_visit.clone());
        self.unit.set(id_value(draft.unit));
        self.order_number.set(draft.order_number.clone());
    }

    /// The draft as typed so far (tracked: the draft is saved whenever it changes).
    fn draft(&self) -> RegistrationDraft {
        RegistrationDraft {
            name: self.name.get(),
            phone: self.phone.get(),
            address: self.address.get(),
            category: self.category.get(),
            model: self.model.get(),
            serial: self.serial.get(),
            purchase_date: self.purchase_date.get(),
            warranty_end: self.warranty_end.get(),
            description: self.description.get(),
            kind: Kind::from_slug(&self.kind.get()),
            priority: Priority::from_slug(&self.priority.get()),
            channel: Channel::from_slug(&self.channel.get()),
            requested_visit: self.requested_visit.get(),
            unit: value_id(&self.unit.get()),
            order_number: self.order_number.get(),
        }
    }

    fn fill_product(&self, product: &Product) {
        self.category.set(product.category.clone());
        self.model.set(product.model.clone());
        self.serial.set(product.serial.clone());
        self.purchase_date.set(
            product
                .purchase_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
        self.warranty_end.set(
            product
                .warranty_end
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
    }
}

/// A form nobody has typed into: a normal-priority phone call.
fn blank() -> RegistrationDraft {
    RegistrationDraft {
        priority: Some(Priority::Normal),
        channel: Some(Channel::Phone),
        ..RegistrationDraft::default()
    }
}

#[component]
fn IntakeForm() -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let kept: Option<RegistrationDraft> = platform::read_pref_value(DRAFT_PREF);
    let restored = RwSignal::new(kept.as_ref().is_some_and(|draft| *draft != blank()));
    let inputs = Inputs::new();
    inputs.load(&kept.unwrap_or_default());
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let saved = StoredValue::new(false);
    let draft_not_kept = RwSignal::new(false);

    // Keep what is typed, so leaving the page (a call comes in, the tablet sleeps) loses nothing — or say it is not.
    Effect::new(move |_| {
        let draft = inputs.draft();
        if !saved.get_value() {
            draft_not_kept.set(platform::write_pref_value(DRAFT_PREF, &draft).is_err());
        }
    });

    let known = Memo::new(move |_| {
        let phone = inputs.phone.get();
        state.tickets.with(|t| known_customer(&t.0, &phone))
    });
    let today = move || {
        state
            .settings
            .with(|s| s.calendar.local_date(state.now.get()))
    };
    let warranty = move || {
        let purchase = Date::parse(&inputs.purchase_date.get());
        let months = state.settings.with(|s| s.warranty_months);
        let end = Date::parse(&inputs.warranty_end.get())
            .or_else(|| purchase.map(|p| p.add_months(months).add_days(-1)))?;
        let product = Product {
            category: String::new(),
            model: String::new(),
            serial: String::new(),
            purchase_date: purchase,
            warranty_end: Some(end),
        };
        Some((product.in_warranty(today()), end))
    };

    let kind_options = Signal::derive(move || {
        let lang = state.lang.get();
        let mut options = vec![(String::new(), state.t(Key::ChooseOne).to_string())];
        options.extend(
            Kind::ALL
                .into_iter()
                .map(|k| (k.slug().to_string(), kind_name(lang, k).to_string())),
        );
        options
    });
    let priority_options = Signal::derive(move || {
        let lang = state.lang.get();
        Priority::ALL
            .into_iter()
            .map(|p| (p.slug().to_string(), priority_name(lang, p).to_string()))
            .collect::<Vec<_>>()
    });
    let channel_options = Signal::derive(move || {
        let lang = state.lang.get();
        Channel::ALL
            .into_iter()
            .map(|c| (c.slug().to_string(), channel_name(lang, c).to_string()))
            .collect::<Vec<_>>()
    });
    let unit_choices = Signal::derive(move || {
        let mut options = vec![(String::new(), state.t(Key::ChooseOne).to_string())];
        options.extend(state.data.with(unit_options));
        options
    });

    let back = navigate.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = platform::now_ms() as Instant;
        let draft = inputs.draft();
        let checked = state
            .settings
            .with_untracked(|s| draft.check(now, &s.calendar, s.warranty_months));
        match checked {
            Err(problems) => {
                errors.set(problems);
                // The first problem in view and focused (issue 17: the phone's was above the screen).
                platform::scroll_and_focus(".field--invalid");
            }
            Ok(mut registration) => {
                errors.set(Vec::new());
                let day = state
                    .settings
                    .with_untracked(|s| s.calendar.local_date(now));
                registration.number = state
                    .data
                    .with_untracked(|d| next_in(&d.tickets, &platform::device_code(), day));
                let ticket = platform::new_id();
                let number = registration.number.clone();
                let event =
                    state.ticket_event(ticket, Happening::Registered(Arc::new(registration)));
                let back = back.clone();
                save(
                    state,
                    Action::RegisterTickets,
                    Change::TicketEvent(event),
                    saving,
                    move || {
                        saved.set_value(true);
                        platform::remove_pref(DRAFT_PREF);
                        // The number to tell the customer on the phone.
                        state.notify(format!("{} {number}", state.t(Key::RegisteredAs)));
                        back(&format!("/tickets/{ticket}"), Default::default());
                    },
                );
            }
        }
    };
    let discard = move |_| {
        platform::remove_pref(DRAFT_PREF);
        inputs.load(&blank());
        errors.set(Vec::new());
        // The form is blank now: no draft left to speak of.
        restored.set(false);
    };

    view! {
        <section class="panel" data-page="ticket-new">
            <h1>{tr(Key::NewTicket)}</h1>
            <Show when=move || restored.get()>
                <p class="banner banner--info" data-fact="draft-restored">
                    {tr(Key::DraftRestored)}
                    <button type="button" class="button button--quiet" name="discard-draft" on:click=discard>
                        {tr(Key::DiscardDraft)}
                    </button>
                </p>
            </Show>
            <Show when=move || draft_not_kept.get()>
                <p class="banner banner--warning" role="alert" data-fact="draft-not-kept">{tr(Key::DraftNotKept)}</p>
            </Show>
            <form class="form form--grid" on:submit=submit novalidate>
                <FormField label=Key::CustomerPhone field=Field::Phone errors=errors required=true>
                    <TextInput name="phone" value=inputs.phone kind="tel" autofocus=true />
                </FormField>
                <div class="form__wide" aria-live="polite">
                    {move || known.get().map(|known| {
                        let customer = known.customer.clone();
                        let products = known.products.clone();
                        view! {
                            <div class="known-customer" data-fact="known-customer">
                                <p>
                                    <strong>{customer.name.clone()}</strong>
                                    " · "{customer.address.clone()}" · "
                                    {move || earlier_tickets(state.lang.get(), known.tickets)}
                                    " "
                                    <button type="button" class="button" name="use-customer" on:click=move |_| {
                                        inputs.name.set(customer.name.clone());
                                        inputs.address.set(customer.address.clone());
                                    }>{tr(Key::UseCustomer)}</button>
                                </p>
                                <div class="known-customer__products">
                                    {products.into_iter().map(|product| {
                                        let label = format!("{} {} {}", product.category, product.model, product.serial);
                                        view! {
                                            <button type="button" class="button button--quiet" name="use-product"
                                                on:click=move |_| inputs.fill_product(&product)>{label}</button>
                                        }
                                    }).collect_view()}
                                </div>
                            </div>
                        }
                    })}
                </div>
                <FormField label=Key::CustomerName field=Field::Customer errors=errors required=true>
                    <TextInput name="customer" value=inputs.name />
                </FormField>
                <FormField label=Key::Address field=Field::Address errors=errors>
                    <TextInput name="address" value=inputs.address />
                </FormField>
                <FormField label=Key::Kind field=Field::Kind errors=errors required=true>
                    <SelectInput name="kind" value=inputs.kind options=kind_options />
                </FormField>
                <FormField label=Key::SortPriority field=Field::Priority errors=errors>
                    <SelectInput name="priority" value=inputs.priority options=priority_options />
                </FormField>
                // What happened comes right after who and how urgent (issue 17: it was a scroll below the
                // administrative fields); the channel, order and unit after it.
                <FormField label=Key::ProductCategory field=Field::Category errors=errors>
                    <TextInput name="category" value=inputs.category />
                </FormField>
                <FormField label=Key::Description field=Field::Description errors=errors required=true>
                    <textarea class="input form__wide" name="description" rows="3" bind:value=inputs.description></textarea>
                </FormField>
                <FormField label=Key::Channel field=Field::Channel errors=errors>
                    <SelectInput name="channel" value=inputs.channel options=channel_options />
                </FormField>
                <FormField label=Key::OrderNumber field=Field::OrderNumber errors=errors hint=Key::OrderNumberHint>
                    <TextInput name="order-number" value=inputs.order_number />
                </FormField>
                <FormField label=Key::Unit field=Field::Unit errors=errors>
                    <SelectInput name="unit" value=inputs.unit options=unit_choices />
                </FormField>
                <FormField label=Key::Model field=Field::Model errors=errors>
                    <TextInput name="model" value=inputs.model />
                </FormField>
                <FormField label=Key::Serial field=Field::Serial errors=errors>
                    <TextInput name="serial" value=inputs.serial />
                </FormField>
                <FormField label=Key::PurchaseDate field=Field::PurchaseDate errors=errors>
                    <TextInput name="purchase-date" value=inputs.purchase_date kind="date" />
                </FormField>
                <FormField label=Key::WarrantyEnd field=Field::WarrantyEnd errors=errors hint=Key::WarrantyEndHint>
                    <TextInput name="warranty-end" value=inputs.warranty_end kind="date" />
                </FormField>
                <p class="form__wide warranty" data-fact="warranty" aria-live="polite">
                    {move || match warranty() {
                        None => state.t(Key::WarrantyUnknown).to_string(),
                        Some((true, end)) => format!("{} {end}", state.t(Key::InWarrantyUntil)),
                        Some((false, end)) => format!("{} {end}", state.t(Key::OutOfWarrantySince)),
                    }}
                </p>
                <FormField label=Key::RequestedVisit field=Field::RequestedVisit errors=errors>
                    <TextInput name="requested-visit" value=inputs.requested_visit kind="datetime-local" />
                </FormField>
                <FormActions saving=saving cancel_href="/tickets" />
            </form>
        </section>
    }
}
