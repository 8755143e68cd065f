//! The staff's side of surveys: the survey panel of a ticket (the response, a bad review, kiosk mode, the survey
//! link with its QR code) and the receipt import (R4.3).
//!
//! Must not: decide anything — `receipt::find` says which ticket a code answers, `Ticket::check` whether it takes it.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::error::{Field, FieldError, Problem};
use crate::domain::receipt::{self, Invitation, Receipt, link_fragment};
use crate::domain::survey::{LinkToken, SecondResponse, SurveyLink};
use crate::domain::ticket::{Happening, Ticket};
use crate::i18n::surveys::{aspect_name, satisfaction_name, star_text, via_name};
use crate::i18n::{Key, Lang};
use crate::platform;
use crate::ui::components::form::{FormErrors, FormField, RecordProblem};
use crate::ui::components::guard::Guarded;
use crate::ui::components::own_pin::OwnPinForm;
use crate::ui::components::qr_scanner::QrScanner;
use crate::ui::routes::service::survey::QrImage;
use crate::ui::routes::service::ticket_detail::record;
use crate::ui::state::{tr, use_app_state};

/// The survey part of the ticket screen. Rebuilt with the ticket, so its texts are plain strings in `lang`.
#[component]
pub fn SurveyPanel(ticket: Ticket, lang: Lang) -> impl IntoView {
    let state = use_app_state();
    let id = ticket.id;
    let busy = RwSignal::new(false);
    let errors: FormErrors = RwSignal::new(Vec::new());
    let t = move |key: Key| key.text(lang);
    let response = ticket.survey.clone().map(|r| {
        let bad = r.is_bad_review();
        view! {
            <dl class="facts survey__result" data-survey="true" data-bad-review=bad.to_string()>
                <dt>{t(Key::SurveyOverall)}</dt>
                <dd data-fact="overall">{star_text(r.overall)}{bad.then(|| view! { " " <span class="badge badge--danger">{t(Key::BadReview)}</span> })}</dd>
                {r.ratings.iter().map(|(aspect, n)| view! { <dt>{aspect_name(lang, aspect)}</dt><dd>{star_text(*n)}</dd> }).collect_view()}
                {r.solved.map(|s| view! { <dt>{t(Key::SurveySolved)}</dt><dd>{t(if s { Key::Yes } else { Key::No })}</dd> })}
                {r.satisfaction.map(|s| view! { <dt>{t(Key::SurveySatisfaction)}</dt><dd>{satisfaction_name(lang, s)}</dd> })}
                {(!r.comment.is_empty()).then(|| view! { <dt>{t(Key::SurveyComment)}</dt><dd data-fact="comment">{r.comment.clone()}</dd> })}
                <dt>{t(Key::AnsweredAt)}</dt><dd>{format!("{} · {}", state.local_time(r.answered_at), via_name(lang, r.via))}</dd>
            </dl>
        }
    });
    let replaced = ticket.replaced_surveys.len();
    let settings = state.data.with_untracked(|d| d.survey_settings());
    let open_to_survey = ticket.work_done()
        && (ticket.survey.is_none() || settings.second_response == SecondResponse::Replace);
    // The link to answer on the customer's phone, while the ticket still takes an answer (once answered, and a
    // second answer is refused, it would only lead to a refusal).
    let link = ticket.survey_links.last().cloned().filter(|_| open_to_survey).map(|link| {
        let r = &ticket.registration;
        let invitation = Invitation {
            link,
            label: format!("{} {}", r.product.category, r.product.model),
        };
        let origin = window().location().origin().unwrap_or_default();
        let url = format!("{origin}/survey#{}", link_fragment(&invitation));
        view! {
            <div class="survey-link">
                <QrImage text=url.clone() label=Key::SurveyLinkAction />
                <p><a href=url.clone() data-survey-link=url.clone() target="_blank" rel="noopener">{url.clone()}</a></p>
                <p class="field__hint">{t(Key::SurveyLinkHint)}</p>
            </div>
        }
    });
    let has_link = link.is_some();
    // Without a PIN of their own the user sets one right here, and the kiosk starts once it is saved.
    let setting_pin = RwSignal::new(false);
    let enter_kiosk = move || {
        if state.start_kiosk(id).is_err() {
            state.fail(state.t(Key::KioskNotLocked).into());
        }
    };
    let start_kiosk = move |_| {
        let has_pin = state.current_user().is_some_and(|(_, u)| u.pin.is_some());
        match has_pin {
            true => enter_kiosk(),
            false => {
                setting_pin.set(true);
                platform::scroll_and_focus("[data-form=own-pin]");
            }
        }
    };
    let make_link = move |_| {
        let link = SurveyLink {
            token: LinkToken(platform::random_bytes::<16>()),
            template: settings.template.clone(),
        };
        record(
            state,
            id,
            Happening::SurveyLinked(Box::new(link)),
            busy,
            errors,
            || {},
        );
    };
    view! {
        <section class="ticket__section" data-section="survey">
            <h2>{t(Key::SurveySection)}</h2>
            {match response {
                Some(view) => view.into_any(),
                None => view! { <p class="field__hint">{t(Key::NoSurveyYet)}</p> }.into_any(),
            }}
            {(replaced > 0).then(|| view! { <p class="field__hint">{format!("{} × {replaced}", t(Key::ReplacedSurvey))}</p> })}
            {link}
            <RecordProblem errors=errors />
            <Show when=move || open_to_survey && state.can(Action::CollectSurveys)>
                <div class="form__actions">
                    <button class="button button--primary" type="button" name="start-kiosk" on:click=start_kiosk>{t(Key::StartKiosk)}</button>
                    {(!has_link).then(|| view! {
                        <button class="button" type="button" name="survey-link" disabled=move || busy.get() on:click=make_link.clone()>{t(Key::SurveyLinkAction)}</button>
                    })}
                    <a class="button button--quiet" href="/surveys/import">{t(Key::ImportReceipt)}</a>
                </div>
                <Show when=move || setting_pin.get()>
                    <OwnPinForm intro=Key::KioskPinIntro
                        done=move |()| { setting_pin.set(false); enter_kiosk(); }
                        cancel=move |()| setting_pin.set(false) />
                </Show>
            </Show>
        </section>
    }
}

/// 导入回执码: a code typed or pasted; the response is recorded on the ticket it answers.
#[component]
pub fn ReceiptImportPage() -> impl IntoView {
    let state = use_app_state();
    let code = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let errors: FormErrors = RwSignal::new(Vec::new());
    let navigate = leptos_router::hooks::use_navigate();
    let scanning = RwSignal::new(false);
    let import = move || {
        let refuse = |error| {
            errors.set(vec![FieldError::new(
                Field::Receipt,
                Problem::Receipt(error),
            )])
        };
        let receipt = match Receipt::parse(&code.get_untracked()) {
            Ok(receipt) => receipt,
            Err(error) => return refuse(error),
        };
        let second = state
            .data
            .with_untracked(|d| d.survey_settings().second_response);
        let found = state.tickets.with_untracked(|tickets| {
            receipt::find(&receipt, tickets.0.iter(), second).map(|(t, r)| (t.id, r))
        });
        match found {
            Ok((ticket, response)) => {
                let navigate = navigate.clone();
                // No comment came with it: perhaps there was none, perhaps it was typed and the QR code still has it.
                let asks_comment = state
                    .data
                    .with_untracked(|d| d.survey_settings().template.asks_comment);
                let imported = match response.comment.is_empty() && asks_comment {
                    true => Key::ReceiptImportedNoComment,
                    false => Key::ReceiptImported,
                };
                record(
                    state,
                    ticket,
                    Happening::Surveyed(Box::new(response)),
                    busy,
                    errors,
                    move || {
                        state.notify(state.t(imported));
                        navigate(&format!("/tickets/{ticket}"), Default::default());
                    },
                );
            }
            Err(error) => refuse(error),
        }
    };
    let submit = {
        let import = import.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            import();
        }
    };
    // A code read by the camera is imported at once; what is not a receipt code keeps the camera looking.
    let found = Callback::new(move |text: String| {
        if Receipt::parse(&text).is_err() {
            return false;
        }
        scanning.set(false);
        code.set(text);
        import();
        true
    });
    view! {
        <Guarded action=Action::CollectSurveys>
            <section class="panel" data-page="receipt-import">
                <h1>{tr(Key::ImportReceipt)}</h1>
                <Show
                    when=move || scanning.get()
                    fallback=move || view! {
                        <button type="button" class="button button--primary" name="scan-receipt" on:click=move |_| scanning.set(true)>
                            {tr(Key::ScanReceipt)}
                        </button>
                    }
                >
                    <QrScanner found=found close=Callback::new(move |()| scanning.set(false)) />
                </Show>
                <form on:submit=submit.clone() novalidate>
                    <FormField label=Key::ReceiptCode field=Field::Receipt errors=errors hint=Key::ImportReceiptHint required=true>
                        <textarea class="input receipt__input" name="receipt" rows="3" autocomplete="off" spellcheck="false" bind:value=code></textarea>
                    </FormField>
                    <RecordProblem errors=errors />
                    <div class="form__actions">
                        <button class="button button--primary" type="submit" name="import" disabled=move || busy.get()>{tr(Key::ImportReceipt)}</button>
                    </div>
                </form>
            </section>
        </Guarded>
    }
}
