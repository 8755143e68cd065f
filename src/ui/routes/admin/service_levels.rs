//! 服务时限设置 (R3.1, R3.2): the business calendar — 24×7 or office hours, working weekdays, public holidays
//! and make-up working days (调休) — and the SLA policy per kind and priority, the warranty term, the price list,
//! and how long customers' personal data is kept (R10.2: with how many tickets saving would anonymise now, and a
//! confirmation). Edited as one working copy and saved as one settings record (merged field by field).
//!
//! Must not: check values itself (`domain::settings` does) or compute deadlines.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::calendar::{Date, Hours};
use crate::domain::dataset::Change;
use crate::domain::error::{Field, FieldError, Problem};
use crate::domain::retention::parse_months;
use crate::domain::settings::{
    SETTINGS_ID, ServiceSettings, check_holiday, check_make_up_day, check_price_item,
    parse_office_hours, parse_target_amount, parse_warranty_months, target, target_parts,
};
use crate::domain::sla::Target;
use crate::domain::ticket::QuoteLineKind;
use crate::i18n::tickets::{
    anonymise_confirm, kind_name, line_kind_name, priority_name, would_anonymise_text,
};

use crate::i18n::{self, Key};
use crate::ui::components::form::{FormErrors, FormField, RecordProblem};
use crate::ui::components::guard::Guarded;
use crate::ui::components::lines::LineKindSelect;
use crate::ui::routes::save;
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn ServiceLevelsPage() -> impl IntoView {
    view! {
        <Guarded action=Action::EditServiceLevels>
            <ServiceLevelsForm />
        </Guarded>
    }
}

/// A target as two inputs: its unit and its amount.
#[derive(Clone, Copy)]
struct TargetInput {
    unit: RwSignal<String>,
    amount: RwSignal<String>,
}

impl TargetInput {
    fn new(value: Target) -> Self {
        let (unit, amount) = target_parts(value);
        TargetInput {
            unit: RwSignal::new(unit.to_string()),
            amount: RwSignal::new(amount.to_string()),
        }
    }

    fn read(&self, field: Field, problems: &mut Vec<FieldError>) -> Option<Target> {
        match parse_target_amount(&self.amount.get_untracked()) {
            Ok(amount) => target(&self.unit.get_untracked(), amount),
            Err(problem) => {
                problems.push(FieldError::new(field, problem));
                None
            }
        }
    }
}

#[component]
fn TargetField(input: TargetInput, name: &'static str) -> impl IntoView {
    let units = [
        ("clock_hours", Key::ClockHours),
        ("business_hours", Key::BusinessHoursUnit),
        ("working_days", Key::WorkingDays),
    ];
    view! {
        <span class="target-input">
            <input class="input input--short" name=format!("{name}-amount") inputmode="numeric" bind:value=input.amount />
            <select class="input" name=format!("{name}-unit") on:change=move |ev| input.unit.set(event_target_value(&ev))>
                {units.into_iter().map(|(value, key)| view! {
                    <option value=value prop:selected=move || input.unit.get() == value>{tr(key)}</option>
                }).collect_view()}
            </select>
        </span>
    }
}

#[component]
fn ServiceLevelsForm() -> impl IntoView {
    let state = use_app_state();
    let current = state.settings.get_untracked();
    // What the form shows, as it was stored: a save writes only the fields changed since (another device's changes
    // are kept); the form stays open, so each save moves it on to what it saved.
    let stored = move || {
        state.data.with_untracked(|d| {
            d.settings
                .version_or_defaults(SETTINGS_ID, ServiceSettings::default)
        })
    };
    let opened = StoredValue::new(stored());
    let calendar = RwSignal::new(current.calendar.clone());
    let (open_text, close_text) = match current.calendar.hours {
        Hours::Office {
            start_minute,
            end_minute,
        } => (clock_text(start_minute), clock_text(end_minute)),
        Hours::AllDay => ("09:00".to_string(), "18:00".to_string()),
    };
    let all_day = RwSignal::new(current.calendar.hours == Hours::AllDay);
    let opens = RwSignal::new(open_text);
    let closes = RwSignal::new(close_text);
    let first_response = TargetInput::new(current.policy.first_response);
    let verification = TargetInput::new(current.policy.complaint_verification);
    let default_resolution = TargetInput::new(current.policy.default_resolution);
    let on_site = RwSignal::new(current.policy.on_site_by_requested_time);
    let rules: Vec<(
        crate::domain::ticket::Kind,
        Option<crate::domain::ticket::Priority>,
        TargetInput,
    )> = current
        .policy
        .resolution
        .iter()
        .map(|r| (r.kind, r.priority, TargetInput::new(r.target)))
        .collect();
    let rules = StoredValue::new(rules);
    let warranty = RwSignal::new(current.warranty_months.to_string());
    let retention = RwSignal::new(match current.retention_months {
        0 => String::new(),
        months => months.to_string(),
    });
    // How many tickets, and platform reviews entered with a customer's details, saving would anonymise now (what is
    // due under the typed period).
    let banner_class = move || match would_anonymise_now(&retention) {
        true => "banner banner--warning",
        false => "banner",
    };
    let would_anonymise = Memo::new(move |_| match parse_months(&retention.get()) {
        Ok(months) if months > 0 => {
            let calendar = state.settings.with(|s| s.calendar.clone());
            let now = state.now.get();
            state.tickets.with(|t| {
                state.data.with(|data| {
                    let (tickets, reviews) =
                        crate::domain::retention::due_all(data, &t.0, months, &calendar, now);
                    (tickets.len(), reviews.len())
                })
            })
        }
        _ => (0, 0),
    });
    let prices = RwSignal::new(current.price_list.clone());
    let new_price_kind = RwSignal::new("Part".to_string());
    let new_price_name = RwSignal::new(String::new());
    let new_price = RwSignal::new(String::new());
    let price_errors: FormErrors = RwSignal::new(Vec::new());
    let new_holiday = RwSignal::new(String::new());
    let new_holiday_name = RwSignal::new(String::new());
    let new_make_up = RwSignal::new(String::new());
    let errors: FormErrors = RwSignal::new(Vec::new());
    let make_up_problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);

    let add_holiday = move |_| {
        let date = Date::parse(&new_holiday.get_untracked());
        let name = new_holiday_name.get_untracked();
        let problems = calendar.with_untracked(|c| check_holiday(c, date, &name));
        match (problems.is_empty(), date) {
            (true, Some(date)) => {
                calendar.update(|c| {
                    c.set_holiday(date, name.trim().to_string());
                });
                new_holiday.set(String::new());
                errors.set(Vec::new());
            }
            _ => errors.set(problems),
        }
    };
    let add_make_up = move |_| {
        let date = Date::parse(&new_make_up.get_untracked());
        let problems = calendar.with_untracked(|c| check_make_up_day(c, date));
        match (problems.into_iter().next(), date) {
            (None, Some(date)) => {
                calendar.update(|c| {
                    c.add_make_up_day(date);
                });
                new_make_up.set(String::new());
                make_up_problem.set(None);
            }
            (problem, _) => make_up_problem.set(problem.map(|e| e.problem)),
        }
    };

    let add_price = move |_| {
        let kind = QuoteLineKind::from_slug(&new_price_kind.get_untracked())
            .unwrap_or(QuoteLineKind::Part);
        let checked = prices.with_untracked(|list| {
            check_price_item(
                list,
                kind,
                &new_price_name.get_untracked(),
                &new_price.get_untracked(),
            )
        });
        match checked {
            Ok(item) => {
                prices.update(|list| list.push(item));
                new_price_name.set(String::new());
                new_price.set(String::new());
                price_errors.set(Vec::new());
            }
            Err(problems) => price_errors.set(problems),
        }
    };
    let price_error = move |field: Field| {
        price_errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| i18n::problem(state.lang.get(), &e.problem))
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let hours = match all_day.get_untracked() {
            true => Some(Hours::AllDay),
            false => parse_office_hours(&opens.get_untracked(), &closes.get_untracked())
                .map_err(|found| problems.extend(found))
                .ok(),
        };
        let first = first_response.read(Field::FirstResponse, &mut problems);
        let verify = verification.read(Field::Verification, &mut problems);
        let fallback = default_resolution.read(Field::DefaultResolution, &mut problems);
        let resolution: Vec<_> = rules.with_value(|rules| {
            rules
                .iter()
                .enumerate()
                .filter_map(|(index, (kind, priority, input))| {
                    Some(crate::domain::sla::ResolutionRule {
                        kind: *kind,
                        priority: *priority,
                        target: input.read(Field::Resolution(index), &mut problems)?,
                    })
                })
                .collect()
        });
        let months = parse_warranty_months(&warranty.get_untracked())
            .map_err(|problem| problems.push(problem))
            .ok();
        let retention_months = parse_months(&retention.get_untracked())
            .map_err(|problem| problems.push(problem))
            .ok();
        let (
            Some(hours),
            Some(first),
            Some(verify),
            Some(fallback),
            Some(months),
            Some(retention_months),
            true,
        ) = (
            hours,
            first,
            verify,
            fallback,
            months,
            retention_months,
            problems.is_empty(),
        )
        else {
            errors.set(problems);
            return;
        };
        let (tickets, reviews) = would_anonymise.get_untracked();
        if tickets + reviews > 0
            && !window()
                .confirm_with_message(&anonymise_confirm(
                    state.lang.get_untracked(),
                    tickets,
                    reviews,
                ))
                .unwrap_or(false)
        {
            return;
        }
        errors.set(Vec::new());
        let mut settings: ServiceSettings = state.settings.get_untracked();
        settings.calendar = calendar.get_untracked();
        settings.calendar.hours = hours;
        settings.policy.first_response = first;
        settings.policy.complaint_verification = verify;
        settings.policy.default_resolution = fallback;
        settings.policy.on_site_by_requested_time = on_site.get_untracked();
        settings.policy.resolution = resolution;
        settings.warranty_months = months;
        settings.price_list = prices.get_untracked();
        settings.retention_months = retention_months;
        save(
            state,
            Action::EditServiceLevels,
            Change::Settings(state.edited(SETTINGS_ID, Some(&opened.get_value()), settings)),
            saving,
            move || opened.set_value(stored()),
        );
    };

    let weekday_keys = [
        Key::Monday,
        Key::Tuesday,
        Key::Wednesday,
        Key::Thursday,
        Key::Friday,
        Key::Saturday,
        Key::Sunday,
    ];
    let error_of = move |field: Field| {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| i18n::problem(state.lang.get(), &e.problem))
        })
    };

    view! {
        <section class="panel" data-page="service-levels">
            <h1>{tr(Key::ServiceLevelSettings)}</h1>
            <form class="form" on:submit=submit novalidate>
                <fieldset class="form__group">
                    <legend>{tr(Key::BusinessHours)}</legend>
                    <label class="check">
                        <input type="checkbox" name="all-day" bind:checked=all_day />
                        {tr(Key::AllDayService)}
                    </label>
                    <Show when=move || !all_day.get()>
                        <div class="form form--grid">
                            <FormField label=Key::Opens field=Field::Opens errors=errors>
                                <input class="input" type="time" name="opens" bind:value=opens />
                            </FormField>
                            <FormField label=Key::Closes field=Field::Closes errors=errors>
                                <input class="input" type="time" name="closes" bind:value=closes />
                            </FormField>
                        </div>
                        <div class="weekdays">
                            {weekday_keys.into_iter().enumerate().map(|(day, key)| view! {
                                <label class="check">
                                    <input type="checkbox" name=format!("weekday-{day}")
                                        prop:checked=move || calendar.with(|c| c.working_weekdays[day])
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            calendar.update(|c| c.working_weekdays[day] = on);
                                        } />
                                    {tr(key)}
                                </label>
                            }).collect_view()}
                        </div>
                    </Show>
                </fieldset>
                <fieldset class="form__group" data-group="holidays">
                    <legend>{tr(Key::Holidays)}</legend>
                    <div class="line-row line-row--add">
                        <input class="input" type="date" name="holiday-date" bind:value=new_holiday />
                        <input class="input" name="holiday-name" placeholder=tr(Key::HolidayName) bind:value=new_holiday_name />
                        <button type="button" class="button" name="add-holiday" on:click=add_holiday>{tr(Key::Add)}</button>
                        <span class="field__error" role="alert" data-field="Date">{move || error_of(Field::Date).or_else(|| error_of(Field::Name))}</span>
                    </div>
                    <ul class="day-list">
                        {move || calendar.with(|c| c.holidays().clone()).into_iter().rev().map(|(date, name)| view! {
                            <li data-holiday=date.to_string()>
                                <span>{date.to_string()}" "{name}</span>
                                <button type="button" class="button button--quiet" name="remove-holiday"
                                    on:click=move |_| calendar.update(|c| c.remove_holiday(date))>{tr(Key::Remove)}</button>
                            </li>
                        }).collect_view()}
                    </ul>
                </fieldset>
                <fieldset class="form__group" data-group="make-up-days">
                    <legend>{tr(Key::MakeUpDays)}</legend>
                    <div class="line-row line-row--add">
                        <input class="input" type="date" name="make-up-date" bind:value=new_make_up />
                        <button type="button" class="button" name="add-make-up" on:click=add_make_up>{tr(Key::Add)}</button>
                        <span class="field__error" role="alert" data-field="MakeUpDate">{move || make_up_problem.get().map(|p| i18n::problem(state.lang.get(), &p))}</span>
                    </div>
                    <ul class="day-list">
                        {move || calendar.with(|c| c.make_up_days().clone()).into_iter().rev().map(|date| view! {
                            <li data-make-up=date.to_string()>
                                <span>{date.to_string()}</span>
                                <button type="button" class="button button--quiet" name="remove-make-up"
                                    on:click=move |_| calendar.update(|c| c.remove_make_up_day(date))>{tr(Key::Remove)}</button>
                            </li>
                        }).collect_view()}
                    </ul>
                </fieldset>
                <fieldset class="form__group" data-group="policy">
                    <legend>{tr(Key::SlaPolicy)}</legend>
                    <p class="field__hint" data-fact="working-days-meaning">{tr(Key::WorkingDaysMeaning)}</p>
                    <FormField label=Key::FirstResponseTarget field=Field::FirstResponse errors=errors>
                        <TargetField input=first_response name="first-response" />
                    </FormField>
                    <FormField label=Key::VerificationTarget field=Field::Verification errors=errors>
                        <TargetField input=verification name="verification" />
                    </FormField>
                    <label class="check">
                        <input type="checkbox" name="on-site" bind:checked=on_site />
                        {tr(Key::OnSiteByRequestedTime)}
                    </label>
                    {rules.with_value(|rules| rules.iter().enumerate().map(|(index, (kind, priority, input))| {
                        let (kind, priority, input) = (*kind, *priority, *input);
                        view! {
                            <div class="field" data-rule=index>
                                <span class="field__label">
                                    {tr(Key::ResolutionTarget)}" · "{move || kind_name(state.lang.get(), kind)}
                                    {move || priority.map(|p| format!(" · {}", priority_name(state.lang.get(), p)))}
                                </span>
                                <TargetField input=input name="resolution" />
                                <span class="field__error" role="alert" data-field=format!("Resolution({index})")>{move || error_of(Field::Resolution(index))}</span>
                            </div>
                        }
                    }).collect_view())}
                    <FormField label=Key::DefaultResolutionTarget field=Field::DefaultResolution errors=errors>
                        <TargetField input=default_resolution name="default-resolution" />
                    </FormField>
                    <FormField label=Key::WarrantyMonths field=Field::WarrantyMonths errors=errors>
                        <input class="input input--short" name="warranty-months" inputmode="numeric" bind:value=warranty />
                    </FormField>
                </fieldset>
                <fieldset class="form__group" data-group="price-list">
                    <legend>{tr(Key::PriceList)}</legend>
                    <div class="line-row">
                        <LineKindSelect name="price-kind" value=new_price_kind />
                        <input class="input" name="price-name" placeholder=tr(Key::LineDescription) bind:value=new_price_name />
                        <input class="input input--short" name="price-amount" inputmode="decimal" placeholder=tr(Key::UnitPriceYuan) bind:value=new_price />
                        <button type="button" class="button" name="add-price" on:click=add_price>{tr(Key::Add)}</button>
                        <span class="field__error" role="alert" data-field="PriceItem">
                            {move || price_error(Field::Name).or_else(|| price_error(Field::Price))}
                        </span>
                    </div>
                    <ul class="day-list">
                        {move || prices.get().into_iter().map(|item| {
                            let name = item.name.clone();
                            view! {
                                <li data-price=item.name.clone()>
                                    <span>{move || line_kind_name(state.lang.get(), item.kind)}" · "{item.name.clone()}" · "{item.unit_price.to_string()}</span>
                                    <button type="button" class="button button--quiet" name="remove-price"
                                        on:click=move |_| prices.update(|list| list.retain(|i| i.name != name))>{tr(Key::Remove)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
                <fieldset class="form__group" data-group="retention">
                    <legend>{tr(Key::PersonalData)}</legend>
                    <p class="muted">{tr(Key::RetentionIntro)}</p>
                    <FormField label=Key::RetentionMonths field=Field::RetentionMonths errors=errors>
                        <input class="input input--short" name="retention-months" inputmode="numeric" placeholder="0" bind:value=retention />
                    </FormField>
                    <p role="status" data-would-anonymise=move || would_anonymise.get().0.to_string()
                        data-would-anonymise-reviews=move || would_anonymise.get().1.to_string()
                        class=banner_class>
                        {move || match parse_months(&retention.get()) {
                            Err(error) => i18n::problem(state.lang.get(), &error.problem),
                            Ok(0) => state.t(Key::RetentionOff).to_string(),
                            Ok(_) => {
                                let (tickets, reviews) = would_anonymise.get();
                                would_anonymise_text(state.lang.get(), tickets, reviews)
                            }
                        }}
                    </p>
                </fieldset>
                <RecordProblem errors=errors />
                <div class="form__actions">
                    <button type="submit" class="button button--primary" name="save" disabled=move || saving.get()>{tr(Key::Save)}</button>
                    <a class="button" href="/settings">{tr(Key::Cancel)}</a>
                </div>
            </form>
        </section>
    }
}

fn clock_text(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Whether the retention banner warns: a period that is not one, or tickets that saving would anonymise.
fn would_anonymise_now(retention: &RwSignal<String>) -> bool {
    parse_months(&retention.get()).map_or(true, |months| months > 0)
}
