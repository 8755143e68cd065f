//! The KPIs' other inputs, a screen each (R5: K7/K8 per units sold, K11, K12): 销量 (units sold per product
//! category and month), 成本 (cost lines, optionally of a ticket: the ticket screen links here with it filled in)
//! and 培训 (sessions planned and held, who attended, the certificate each attendee gains). Each is a form above the list of records; a record opens in the form to
//! be changed or removed.
//!
//! Must not: check what is typed (`domain::inputs`' drafts do) or compute figures.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::inputs::{CostDraft, CostKind, SalesDraft, TrainingDraft, certified};
use crate::domain::kpi::engine::Filter;
use crate::domain::money::Fen;
use crate::domain::org::Affiliation;
use crate::domain::sorting;
use crate::i18n::kpi::cost_kind_name;
use crate::i18n::{self, Key};
use crate::platform;
use crate::ui::components::form::{
    FormField, SelectInput, TextInput, clear_problem, id_value, value_id,
};
use crate::ui::components::guard::Guarded;
use crate::ui::components::record_form::RecordForm;
use crate::ui::routes::assessment::provider_assessment::today;
use crate::ui::routes::{query_id, unit_name, unit_options};
use crate::ui::state::{tr, use_app_state};

/// Links between the three screens and back to the dashboard.
#[component]
fn InputsNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, key: Key| {
        view! { <a class="button" class:button--primary=current == href href=href>{tr(key)}</a> }
    };
    view! {
        <nav class="facts__buttons inputs-nav" aria-label=tr(Key::KpiInputs)>
            <a class="button" href="/kpi">{tr(Key::BackToDashboard)}</a>
            {link("/inputs/sales", Key::SalesTitle)}
            {link("/inputs/costs", Key::CostsTitle)}
            {link("/inputs/training", Key::TrainingTitle)}
        </nav>
    }
}

/// The units as select options, after "not given".
fn unit_choices(state: crate::ui::state::AppState) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), state.t(Key::NotGiven).to_string())];
    options.extend(state.data.with(unit_options));
    options
}

/// The button that opens a listed record in the form.
fn edit_button(open: impl Fn(Id) + Copy + Send + Sync + 'static, id: Id) -> impl IntoView {
    view! { <button class="button button--quiet" name="edit" on:click=move |_| open(id)>{tr(Key::Edit)}</button> }
}

#[component]
pub fn SalesPage() -> impl IntoView {
    let state = use_app_state();
    let category = RwSignal::new(String::new());
    let month = RwSignal::new(String::new());
    let units = RwSignal::new(String::new());
    let form = RecordForm::new(Action::EditKpiInputs);
    let errors = form.errors;
    let reset = move || {
        form.clear();
        units.set(String::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = SalesDraft {
            category: category.get_untracked(),
            month: month.get_untracked(),
            units: units.get_untracked(),
        };
        form.save_checked(|id, d| draft.check(id, d), Change::Sales, reset);
    };
    let rows = Memo::new(move |_| {
        let mut rows: Vec<(Id, String, String, u32)> = state.data.with(|d| {
            d.sales
                .live()
                .map(|(id, s)| {
                    (
                        id,
                        format!("{}-{:02}", s.month.year, s.month.month),
                        s.category.clone(),
                        s.units,
                    )
                })
                .collect()
        });
        sorting::by(&mut rows, |a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        rows
    });
    let open = move |id: Id| {
        if let Some(record) = state
            .data
            .with_untracked(|d| d.sales.live_version(id).cloned())
        {
            let s = record.body.clone();
            category.set(s.category);
            month.set(format!("{}-{:02}", s.month.year, s.month.month));
            units.set(s.units.to_string());
            form.opened(record);
        }
    };
    let tombstone = move |id: Id| {
        state.data.with_untracked(|d| {
            d.sales
                .live_version(id)
                .map(|v| Change::Sales(state.tombstone(v)))
        })
    };
    let categories = move || state.facts.with(|f| f.0.categories.clone());
    view! {
        <Guarded action=Action::EditKpiInputs>
            <section class="panel" data-page="sales">
                <InputsNav current="/inputs/sales" />
                <h1>{tr(Key::SalesTitle)}</h1>
                <p class="muted">{tr(Key::SalesIntro)}</p>
                <form class="form form--row" on:submit=submit novalidate>
                    {form.notice(reset)}
                    <FormField label=Key::ProductCategory field=Field::Category errors=errors required=true>
                        <input class="input" name="category" list="categories" bind:value=category />
                        <datalist id="categories">
                            {move || categories().into_iter().map(|c| view! { <option value=c /> }).collect_view()}
                        </datalist>
                    </FormField>
                    <FormField label=Key::MonthLabel field=Field::Date errors=errors required=true>
                        <TextInput name="month" value=month kind="month" />
                    </FormField>
                    <FormField label=Key::UnitsSold field=Field::Units errors=errors required=true>
                        <TextInput name="units" value=units numeric=true />
                    </FormField>
                    {form.actions(tombstone, reset)}
                </form>
                <div class="table-wrap">
                    <table class="table" data-list="sales">
                        <thead><tr><th>{tr(Key::MonthLabel)}</th><th>{tr(Key::ProductCategory)}</th><th>{tr(Key::UnitsSold)}</th><th></th></tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|(id, month, category, units)| view! {
                                <tr>
                                    <td>{month}</td><td>{category}</td><td class="number">{units}</td>
                                    <td>{edit_button(open, id)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        </Guarded>
    }
}

/// One cost line as listed.
#[derive(Clone, Debug, PartialEq)]
struct CostRow {
    id: Id,
    day: String,
    kind: String,
    amount: Fen,
    unit: String,
    /// The ticket's id and what to call it (its number, else "open ticket").
    ticket: Option<(Id, Option<String>)>,
    note: String,
}

#[component]
pub fn CostsPage() -> impl IntoView {
    let state = use_app_state();
    let today = move || {
        state
            .settings
            .with_untracked(|s| s.calendar.local_date(platform::now_ms() as i64).to_string())
    };
    let day = RwSignal::new(today());
    let kind = RwSignal::new(CostKind::Parts.slug().to_string());
    let amount = RwSignal::new(String::new());
    // A link from a ticket fills in its number (what people read), else its id.
    let reference = move |ticket: Option<Id>| {
        ticket.map_or_else(String::new, |t| {
            state.data.with_untracked(|d| {
                d.tickets
                    .number_of(t)
                    .map_or_else(|| t.to_string(), str::to_string)
            })
        })
    };
    let ticket = RwSignal::new(reference(query_id("ticket")));
    let unit = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let form = RecordForm::new(Action::EditKpiInputs);
    let errors = form.errors;
    let reset = move || {
        form.clear();
        amount.set(String::new());
        note.set(String::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = CostDraft {
            day: day.get_untracked(),
            kind: CostKind::from_slug(&kind.get_untracked()).unwrap_or(CostKind::Other),
            amount: amount.get_untracked(),
            ticket: ticket.get_untracked(),
            unit: value_id(&unit.get_untracked()),
            note: note.get_untracked(),
        };
        form.save_checked(|_, d| draft.check(d), Change::Cost, reset);
    };
    let rows = Memo::new(move |_| {
        let lang = state.lang.get();
        let mut rows: Vec<CostRow> = state.data.with(|d| {
            d.costs
                .live()
                .map(|(id, c)| CostRow {
                    id,
                    day: c.day.to_string(),
                    kind: cost_kind_name(lang, c.kind).to_string(),
                    amount: c.amount,
                    unit: unit_name(d, c.unit),
                    ticket: c
                        .ticket
                        .map(|t| (t, d.tickets.number_of(t).map(str::to_string))),
                    note: c.note.clone(),
                })
                .collect()
        });
        sorting::by(&mut rows, |a, b| b.day.cmp(&a.day).then(a.id.cmp(&b.id)));
        rows
    });
    let open = move |id: Id| {
        if let Some(record) = state
            .data
            .with_untracked(|d| d.costs.live_version(id).cloned())
        {
            let c = record.body.clone();
            day.set(c.day.to_string());
            kind.set(c.kind.slug().to_string());
            amount.set(c.amount.to_yuan_text());
            ticket.set(reference(c.ticket));
            unit.set(id_value(c.unit));
            note.set(c.note);
            form.opened(record);
        }
    };
    let tombstone = move |id: Id| {
        state.data.with_untracked(|d| {
            d.costs
                .live_version(id)
                .map(|v| Change::Cost(state.tombstone(v)))
        })
    };
    let kinds = Signal::derive(move || {
        let lang = state.lang.get();
        CostKind::ALL
            .into_iter()
            .map(|k| (k.slug().to_string(), cost_kind_name(lang, k).to_string()))
            .collect::<Vec<_>>()
    });
    let units = Signal::derive(move || unit_choices(state));
    let total = move || {
        rows.with(|r| {
            r.iter()
                .fold(Fen::ZERO, |sum, r| sum.checked_add(r.amount).unwrap_or(sum))
        })
    };
    view! {
        <Guarded action=Action::EditKpiInputs>
            <section class="panel" data-page="costs">
                <InputsNav current="/inputs/costs" />
                <h1>{tr(Key::CostsTitle)}</h1>
                <p class="muted">{tr(Key::CostsIntro)}</p>
                <form class="form form--row" on:submit=submit novalidate>
                    {form.notice(reset)}
                    <FormField label=Key::DayColumn field=Field::Date errors=errors required=true>
                        <TextInput name="day" value=day kind="date" />
                    </FormField>
                    <FormField label=Key::LineKind field=Field::Kind errors=errors>
                        <SelectInput name="kind" value=kind options=kinds />
                    </FormField>
                    <FormField label=Key::AmountYuan field=Field::Price errors=errors required=true>
                        <TextInput name="amount" value=amount />
                    </FormField>
                    <FormField label=Key::Unit field=Field::Unit errors=errors>
                        <SelectInput name="unit" value=unit options=units />
                    </FormField>
                    <FormField label=Key::TicketReference field=Field::Record errors=errors hint=Key::TicketReferenceHint>
                        <TextInput name="ticket" value=ticket />
                    </FormField>
                    <FormField label=Key::NoteLabel field=Field::Text errors=errors>
                        <TextInput name="note" value=note />
                    </FormField>
                    {form.actions(tombstone, reset)}
                </form>
                <p data-fact="cost-total">{tr(Key::TotalLabel)}" "{move || total().to_string()}</p>
                <div class="table-wrap">
                    <table class="table" data-list="costs">
                        <thead><tr>
                            <th>{tr(Key::DayColumn)}</th><th>{tr(Key::LineKind)}</th><th>{tr(Key::AmountYuan)}</th>
                            <th>{tr(Key::Unit)}</th><th>{tr(Key::TicketReference)}</th><th>{tr(Key::NoteLabel)}</th><th></th>
                        </tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().take(500).map(|CostRow { id, day, kind, amount, unit, ticket, note }| view! {
                                <tr>
                                    <td>{day}</td><td>{kind}</td><td class="number">{amount.to_string()}</td><td>{unit}</td>
                                    <td>{ticket.map(|(t, number)| view! { <a class="link--touch" href=format!("/tickets/{t}")>{number.unwrap_or_else(|| state.t(Key::OpenTicket).to_string())}</a> })}</td>
                                    <td>{note}</td>
                                    <td>{edit_button(open, id)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <Show when=move || { rows.with(Vec::len) > 500 }>
                    <p class="muted">{tr(Key::NewestShown)}</p>
                </Show>
            </section>
        </Guarded>
    }
}

#[component]
pub fn TrainingPage() -> impl IntoView {
    let state = use_app_state();
    let title = RwSignal::new(String::new());
    let planned = RwSignal::new(String::new());
    let held = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let attendees = RwSignal::new(String::new());
    let attended = RwSignal::new(Vec::<Id>::new());
    let category = RwSignal::new(String::new());
    let expires = RwSignal::new(String::new());
    let form = RecordForm::new(Action::EditKpiInputs);
    let errors = form.errors;
    let reset = move || {
        form.clear();
        title.set(String::new());
        held.set(String::new());
        attendees.set(String::new());
        attended.set(Vec::new());
        category.set(String::new());
        expires.set(String::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.saving.get_untracked() {
            return;
        }
        let draft = TrainingDraft {
            title: title.get_untracked(),
            planned: planned.get_untracked(),
            held: held.get_untracked(),
            unit: value_id(&unit.get_untracked()),
            attendees: attendees.get_untracked(),
            attended: attended.get_untracked(),
            category: category.get_untracked(),
            expires: expires.get_untracked(),
        };
        let today = today(state);
        match state.data.with_untracked(|d| draft.check(d, today)) {
            // A session that gives a certificate adds it to each attendee's record: all saved together or none.
            Ok(session) if session.certificate.is_some() => {
                let opened = form.editing.get_untracked();
                let id = opened.as_ref().map_or_else(platform::new_id, |v| v.id);
                let mut changes: Vec<Change> = state.data.with_untracked(|d| {
                    session
                        .attended
                        .iter()
                        .filter_map(|person| {
                            let version = d.staff.live_version(*person)?;
                            let renewed = certified(id, &session, &version.body, *person)?;
                            Some(Change::Staff(state.edited(*person, Some(version), renewed)))
                        })
                        .collect()
                });
                changes.push(Change::Training(state.edited(id, opened.as_ref(), session)));
                form.saving.set(true);
                leptos::task::spawn_local(async move {
                    let saved = state.commit_all(Action::EditKpiInputs, changes).await;
                    form.saving.try_set(false);
                    if saved.is_ok() {
                        state.notify(Key::Saved.text(state.lang.get_untracked()));
                        reset();
                    }
                });
            }
            _ => form.save_checked(|_, d| draft.check(d, today), Change::Training, reset),
        }
    };
    let rows = Memo::new(move |_| {
        let mut rows: Vec<(Id, String, String, String, String, u32)> = state.data.with(|d| {
            d.training
                .live()
                .map(|(id, t)| {
                    (
                        id,
                        t.planned.to_string(),
                        t.title.clone(),
                        t.held.map(|h| h.to_string()).unwrap_or_default(),
                        unit_name(d, t.unit),
                        t.attendance(),
                    )
                })
                .collect()
        });
        sorting::by(&mut rows, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        rows
    });
    let open = move |id: Id| {
        if let Some(record) = state
            .data
            .with_untracked(|d| d.training.live_version(id).cloned())
        {
            let t = record.body.clone();
            title.set(t.title);
            planned.set(t.planned.to_string());
            held.set(t.held.map(|h| h.to_string()).unwrap_or_default());
            unit.set(id_value(t.unit));
            attendees.set(match t.attended.is_empty() {
                true => t.attendees.to_string(),
                false => String::new(),
            });
            attended.set(t.attended);
            category.set(
                t.certificate
                    .as_ref()
                    .map(|c| c.category.clone())
                    .unwrap_or_default(),
            );
            expires.set(
                t.certificate
                    .map(|c| c.expires.to_string())
                    .unwrap_or_default(),
            );
            form.opened(record);
        }
    };
    let tombstone = move |id: Id| {
        state.data.with_untracked(|d| {
            d.training
                .live_version(id)
                .map(|v| Change::Training(state.tombstone(v)))
        })
    };
    let units = Signal::derive(move || unit_choices(state));
    // Who may have attended: the chosen unit's own staff (with its units' below; everyone without a unit chosen).
    // Those already ticked stay listed whatever the unit.
    let people = Memo::new(move |_| {
        let chosen = value_id(&unit.get());
        let ticked = attended.get();
        state.data.with(|d| {
            let within = chosen.map(|u| Filter::unit_and_below(u, d));
            let mut people: Vec<(Id, String)> = d
                .staff
                .live()
                .filter(|(id, s)| {
                    ticked.contains(id)
                        || match (&within, &s.affiliation) {
                            (None, _) => true,
                            (Some(within), Affiliation::Unit(u)) => within.contains(u),
                            (Some(_), Affiliation::Provider(_)) => false,
                        }
                })
                .map(|(id, s)| (id, format!("{} {}", s.number, s.name)))
                .collect();
            sorting::by(&mut people, |a, b| a.1.cmp(&b.1));
            people
        })
    });
    let attended_problem = move || {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == Field::Staff)
                .map(|e| i18n::problem(state.lang.get(), &e.problem))
        })
    };
    view! {
        <Guarded action=Action::EditKpiInputs>
            <section class="panel" data-page="training">
                <InputsNav current="/inputs/training" />
                <h1>{tr(Key::TrainingTitle)}</h1>
                <p class="muted">{tr(Key::TrainingIntro)}</p>
                <form class="form form--row" on:submit=submit novalidate>
                    {form.notice(reset)}
                    <FormField label=Key::TrainingName field=Field::Name errors=errors required=true>
                        <TextInput name="title" value=title />
                    </FormField>
                    <FormField label=Key::PlannedOn field=Field::Date errors=errors required=true>
                        <TextInput name="planned" value=planned kind="date" />
                    </FormField>
                    <FormField label=Key::HeldOn field=Field::When errors=errors>
                        <TextInput name="held" value=held kind="date" />
                    </FormField>
                    <FormField label=Key::Unit field=Field::Unit errors=errors>
                        <SelectInput name="unit" value=unit options=units />
                    </FormField>
                    <FormField label=Key::Attendees field=Field::Units errors=errors hint=Key::AttendeesHint>
                        <TextInput name="attendees" value=attendees numeric=true />
                    </FormField>
                    <fieldset class="form__wide attendees" class:field--invalid=move || attended_problem().is_some()>
                        <legend>{move || format!("{} ({})", state.t(Key::AttendedBy), attended.with(Vec::len))}</legend>
                        <ul class="attendees__list" data-list="attended">
                            {move || people.get().into_iter().map(|(person, name)| view! {
                                <li>
                                    <label class="check">
                                        <input type="checkbox" name="attended" value=person.to_string()
                                            prop:checked=move || attended.with(|a| a.contains(&person))
                                            on:change=move |_| {
                                                clear_problem(errors, Field::Staff);
                                                attended.update(|a| match a.iter().position(|p| *p == person) {
                                                    Some(at) => { a.remove(at); }
                                                    None => a.push(person),
                                                });
                                            } />
                                        {name}
                                    </label>
                                </li>
                            }).collect_view()}
                        </ul>
                        <span class="field__error" role="alert" data-field="Staff">{attended_problem}</span>
                    </fieldset>
                    <FormField label=Key::CertificateGiven field=Field::Category errors=errors hint=Key::CertificateGivenHint>
                        <TextInput name="certificate" value=category />
                    </FormField>
                    <FormField label=Key::CertificateExpires field=Field::PeriodTo errors=errors>
                        <TextInput name="expires" value=expires kind="date" />
                    </FormField>
                    {form.actions(tombstone, reset)}
                </form>
                <div class="table-wrap">
                    <table class="table" data-list="training">
                        <thead><tr>
                            <th>{tr(Key::PlannedOn)}</th><th>{tr(Key::TrainingName)}</th><th>{tr(Key::HeldOn)}</th>
                            <th>{tr(Key::Unit)}</th><th>{tr(Key::Attendees)}</th><th></th>
                        </tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|(id, planned, title, held, unit, attendees)| view! {
                                <tr>
                                    <td>{planned}</td><td>{title}</td><td>{held}</td><td>{unit}</td><td class="number">{attendees}</td>
                                    <td>{edit_button(open, id)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        </Guarded>
    }
}
