//! The customer's side of a survey (R4.2, R4.3): the form itself (big star buttons, readable at arm's length),
//! kiosk mode on the engineer's tablet, and the public survey page a link opens on the customer's own phone.
//!
//! Kiosk mode is a device-local lock (`AppState::kiosk`, kept in a preference): while it is set the shell shows
//! nothing but `KioskScreen` — whatever the URL, after back or a reload — until a staff PIN is entered. The public
//! page shows no staff data at all: everything it needs travels in the link's fragment.
//!
//! Must not: decide what a valid answer is (`SurveyDraft::check`) or what a ticket accepts (`Ticket::check`).

use leptos::prelude::*;

use crate::domain::access::{Action, Role, can};
use crate::domain::calendar::Instant;
use crate::domain::error::{Field, Problem};
use crate::domain::ids::Id;
use crate::domain::receipt::{self, Invitation, parse_link_fragment};
use crate::domain::survey::{
    COMMENT_MAX, Satisfaction, SecondResponse, SurveyDraft, SurveyResponse, SurveyTemplate, Via,
};
use crate::domain::ticket::Happening;
use crate::i18n::surveys::{aspect_name, satisfaction_name};
use crate::i18n::{self, Key, Lang};
use crate::platform;
use crate::qr::{QUIET_ZONE, QrCode};
use crate::ui::components::form::{FormErrors, clear_problem};
use crate::ui::components::user_chooser::counting_down;
use crate::ui::routes::service::ticket_detail::record;
use crate::ui::state::{KioskSession, PinPrompt, tr, use_app_state};

/// The survey questions of `template`; `done` gets the checked response.
#[component]
pub fn SurveyForm(
    template: SurveyTemplate,
    via: Via,
    busy: RwSignal<bool>,
    errors: FormErrors,
    done: Box<dyn Fn(SurveyResponse)>,
) -> impl IntoView {
    let state = use_app_state();
    let ratings: Vec<RwSignal<u8>> = template.aspects.iter().map(|_| RwSignal::new(0)).collect();
    let overall = RwSignal::new(0u8);
    let solved = RwSignal::new(None::<bool>);
    let satisfaction = RwSignal::new(None::<Satisfaction>);
    let comment = RwSignal::new(String::new());
    let check_template = template.clone();
    let signals = ratings.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = SurveyDraft {
            ratings: signals.iter().map(|s| s.get_untracked()).collect(),
            overall: overall.get_untracked(),
            solved: solved.get_untracked(),
            satisfaction: satisfaction.get_untracked(),
            comment: comment.get_untracked(),
        };
        match draft.check(&check_template, platform::now_ms() as Instant, via) {
            Ok(response) => done(response),
            Err(problems) => errors.set(problems),
        }
    };
    let rows = template
        .aspects
        .iter()
        .cloned()
        .zip(ratings)
        .enumerate()
        .map(|(index, (aspect, stars))| {
            let label = Signal::derive(move || aspect_name(state.lang.get(), &aspect));
            view! { <Stars label=label name=format!("stars-{index}") field=Field::Line(index) stars=stars errors=errors /> }
        })
        .collect_view();
    view! {
        <form class="survey" on:submit=submit novalidate>
            {rows}
            <Stars label=Signal::derive(move || tr(Key::SurveyOverall)().to_string()) name="stars-overall".into() field=Field::Overall stars=overall errors=errors />
            {template.asks_solved.then(|| view! {
                <Choice label=Key::SurveySolved field=Field::Solved errors=errors
                    values=&["yes", "no"]
                    name_of=|lang, v| if v == "yes" { Key::Yes.text(lang) } else { Key::No.text(lang) }
                    chosen=Signal::derive(move || solved.get().map(|s| if s { "yes" } else { "no" }))
                    pick=Box::new(move |v: &str| solved.set(Some(v == "yes"))) />
            })}
            {template.asks_satisfaction.then(|| view! {
                <Choice label=Key::SurveySatisfaction field=Field::Satisfaction errors=errors
                    values=&["satisfied", "fair", "dissatisfied"]
                    name_of=|lang, v| level_of(v).map(|s| satisfaction_name(lang, s)).unwrap_or_default()
                    chosen=Signal::derive(move || satisfaction.get().map(level_code))
                    pick=Box::new(move |v: &str| satisfaction.set(level_of(v))) />
            })}
            {template.asks_comment.then(|| view! {
                <label class="survey__question">
                    <span class="survey__label">{tr(Key::SurveyComment)}</span>
                    <textarea class="input survey__comment" name="comment" rows="3" bind:value=comment></textarea>
                    <span class="field__hint survey__count" data-count="comment"
                        class:field__error=move || comment.with(|c| c.chars().count() > COMMENT_MAX)>
                        {move || format!("{} / {COMMENT_MAX}", comment.with(|c| c.chars().count()))}
                    </span>
                </label>
            })}
            <Problems errors=errors />
            <button class="button button--primary survey__submit" type="submit" name="submit-survey" disabled=move || busy.get()>
                {tr(Key::SurveySubmit)}
            </button>
        </form>
    }
}

fn level_code(level: Satisfaction) -> &'static str {
    match level {
        Satisfaction::Satisfied => "satisfied",
        Satisfaction::FairlySatisfied => "fair",
        Satisfaction::Dissatisfied => "dissatisfied",
    }
}

fn level_of(code: &str) -> Option<Satisfaction> {
    Satisfaction::ALL
        .into_iter()
        .find(|s| level_code(*s) == code)
}

/// One question answered with one to five stars.
#[component]
fn Stars(
    label: Signal<String>,
    name: String,
    field: Field,
    stars: RwSignal<u8>,
    errors: FormErrors,
) -> impl IntoView {
    // Marked until answered: the mark goes as soon as the customer taps a star.
    let missing = move || stars.get() == 0 && errors.with(|e| e.iter().any(|e| e.field == field));
    view! {
        <fieldset class="survey__question" class:survey__question--missing=missing data-question=name.clone()>
            <legend class="survey__label">{label}</legend>
            <div class="stars" role="radiogroup">
                {(1..=5u8).map(|n| view! {
                    <button type="button" class="star" name=name.clone() value=n.to_string()
                        role="radio" aria-checked=move || (stars.get() == n).to_string()
                        class=("star--on", move || stars.get() >= n)
                        aria-label=n.to_string()
                        on:click=move |_| {
                            stars.set(n);
                            // Answered: its mark and, once none is left, "answer every question" go.
                            clear_problem(errors, field);
                        }>"★"</button>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// One question answered by choosing one of a few buttons.
#[component]
fn Choice(
    label: Key,
    field: Field,
    errors: FormErrors,
    values: &'static [&'static str],
    name_of: fn(Lang, &str) -> &'static str,
    chosen: Signal<Option<&'static str>>,
    pick: Box<dyn Fn(&str) + Send + Sync>,
) -> impl IntoView {
    let state = use_app_state();
    let pick = std::sync::Arc::new(pick);
    let missing =
        move || chosen.get().is_none() && errors.with(|e| e.iter().any(|e| e.field == field));
    view! {
        <fieldset class="survey__question" class:survey__question--missing=missing>
            <legend class="survey__label">{tr(label)}</legend>
            <div class="choices" role="radiogroup">
                {values.iter().map(|&value| {
                    let pick = pick.clone();
                    view! {
                        <button type="button" class="choice" name=format!("{field:?}").to_lowercase() value=value role="radio"
                            aria-checked=move || (chosen.get() == Some(value)).to_string()
                            on:click=move |_| {
                                pick(value);
                                clear_problem(errors, field);
                            }>{move || name_of(state.lang.get(), value)}</button>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// "Please answer every question" when something is missing; a comment over its limit, or the refusal when the
/// ticket would not take it, in their own words.
#[component]
fn Problems(errors: FormErrors) -> impl IntoView {
    let state = use_app_state();
    let text = move || {
        errors.with(|list| {
            match list
                .iter()
                .find(|e| e.field == Field::Record || e.field == Field::Text)
            {
                Some(e) => Some(i18n::problem(state.lang.get(), &e.problem)),
                None if list.is_empty() => None,
                None => Some(state.t(Key::SurveyAnswerAll).to_string()),
            }
        })
    };
    view! { <p class="survey__problem" role="alert">{text}</p> }
}

/// The survey's title, what it is about, and the language switch: the customer's only control besides the
/// questions.
#[component]
fn SurveyHeader(label: String) -> impl IntoView {
    let state = use_app_state();
    view! {
        <header class="kiosk__header">
            <h1>{tr(Key::SurveyTitle)}</h1>
            <button class="button button--quiet survey__language" type="button" name="language"
                on:click=move |_| state.set_lang(state.lang.get_untracked().other())>
                {tr(Key::LanguageSwitch)}
            </button>
        </header>
        <p class="kiosk__label">{label}</p>
    }
}

/// Kiosk mode: the survey of one ticket, then a thank-you, and nothing else until a staff PIN is entered.
#[component]
pub fn KioskScreen(session: KioskSession) -> impl IntoView {
    let state = use_app_state();
    let ticket = session.ticket;
    // The customer starts at the first question, whatever the ticket page's scroll was when the kiosk began, and
    // sees no staff message left over from before (a "saved" of the report).
    request_animation_frame(crate::platform::scroll_to_top);
    state.toast.set(None);
    let busy = RwSignal::new(false);
    let errors: FormErrors = RwSignal::new(Vec::new());
    let settings = state.data.with_untracked(|d| d.survey_settings());
    // After a reload the lock stays and the thank-you too, once this session has its answer — or the ticket
    // has its one response already and a second would be refused.
    let response = state.ticket(ticket).and_then(|t| t.survey);
    let submitted = RwSignal::new(response.is_some_and(|r| {
        r.answered_at >= session.since || settings.second_response == SecondResponse::Refuse
    }));
    let template = settings.template;
    let label = state
        .ticket(ticket)
        .map(|t| {
            format!(
                "{} {}",
                t.registration.product.category, t.registration.product.model
            )
        })
        .unwrap_or_default();
    let done = Box::new(move |response: SurveyResponse| {
        let answered = state.ticket(ticket).is_some_and(|t| t.survey.is_some());
        let response = settings.second_response.mark(answered, response);
        record(
            state,
            ticket,
            Happening::Surveyed(Box::new(response)),
            busy,
            errors,
            move || submitted.set(true),
        );
    });
    // A lock to no ticket here (its preference did not read, or the ticket is gone): locked all the same, with
    // nothing for a customer to answer.
    let survey = match state.ticket(ticket).is_some() {
        true => view! {
            {move || submitted.get().then(|| view! {
                <p class="kiosk__thanks" data-thanks="true" role="status">{tr(Key::SurveyThanks)}</p>
            })}
            <div class:hidden=move || submitted.get()>
                <SurveyForm template=template via=Via::Kiosk busy=busy errors=errors done=done />
            </div>
        }
        .into_any(),
        false => view! { <p class="kiosk__label" data-locked="true">{tr(Key::KioskNoTicket)}</p> }.into_any(),
    };
    view! {
        <section class="kiosk" data-page="kiosk">
            <SurveyHeader label=label />
            {survey}
            <KioskExit session=session />
        </section>
    }
}

/// Leaving kiosk mode: the PIN of the staff member who started it — or of another one, chosen by name — under the
/// same back-off as the user chooser (`AppState::check_pin`); the device then returns to that person, never to
/// whoever's PIN happened to match.
#[component]
fn KioskExit(session: KioskSession) -> impl IntoView {
    let state = use_app_state();
    let open = RwSignal::new(false);
    let pin = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    counting_down(problem);
    // No one chosen to leave as (the PIN typed is kept).
    let nobody = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    // Who may leave: whoever may hand out surveys (or administers), with a PIN.
    let staff: Vec<(Id, String)> = state.data.with_untracked(|d| {
        d.users
            .live()
            .filter(|(_, user)| {
                (can(user.role, Action::CollectSurveys) || user.role == Role::Admin)
                    && user.pin.is_some()
            })
            .map(|(id, user)| (id, user.name.clone()))
            .collect()
    });
    let starter = session.by.filter(|by| staff.iter().any(|(id, _)| id == by));
    let chosen = RwSignal::new(starter);
    let picking = RwSignal::new(starter.is_none());
    let ticket = session.ticket;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = chosen.get_untracked() else {
            nobody.set(true);
            return;
        };
        let typed = pin.get_untracked();
        pin.set(String::new());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let left = state
                .check_pin(id, &typed, PinPrompt::KioskExit)
                .await
                .and_then(|()| state.sign_in(id).map_err(|_| Problem::SignInNotKept));
            match left {
                Ok(()) => {
                    state.end_kiosk();
                    // Back to the ticket whose survey it was (to the start when the lock named none here).
                    let back = match state.ticket(ticket) {
                        Some(_) => format!("/tickets/{ticket}"),
                        None => "/".to_string(),
                    };
                    navigate(&back, Default::default());
                }
                Err(refused) => {
                    problem.try_set(Some(refused));
                }
            }
        });
    };
    let name_of = {
        let staff = staff.clone();
        move |id: Id| {
            staff
                .iter()
                .find(|(s, _)| *s == id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default()
        }
    };
    let choices = staff.clone();
    let pick = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        chosen.set(value.parse().ok());
        problem.set(None);
        nobody.set(false);
    };
    // Closing the prompt (a customer who tapped it by mistake): back to the survey, as it opened.
    let close = move |_| {
        open.set(false);
        pin.set(String::new());
        // A wait still running stays, counting down: the exit's wait is the device's, whoever opens it next.
        problem.update(|p| {
            if !matches!(p, Some(Problem::PinLocked { .. })) {
                *p = None;
            }
        });
        nobody.set(false);
        chosen.set(starter);
        picking.set(starter.is_none());
    };
    view! {
        <footer class="kiosk__footer">
            <Show when=move || open.get() fallback=move || view! {
                <button class="button button--quiet kiosk__staff" type="button" name="kiosk-exit" on:click=move |_| open.set(true)>
                    {tr(Key::KioskStaffExit)}
                </button>
            }>
                <form class="kiosk__pin" on:submit=submit.clone()>
                    {
                        let name_of = name_of.clone();
                        let choices = choices.clone();
                        move || match (picking.get(), choices.is_empty()) {
                            (_, true) => view! { <p class="field__hint">{tr(Key::KioskNoStaff)}</p> }.into_any(),
                            (false, false) => {
                                let name = chosen.get().map(&name_of).unwrap_or_default();
                                view! {
                                    <p class="kiosk__who">
                                        <span class="field__label">{tr(Key::KioskWho)}</span>
                                        " "
                                        <strong data-kiosk-staff=name.clone()>{name.clone()}</strong>
                                        " "
                                        <button class="button button--quiet" type="button" name="kiosk-other-staff"
                                            on:click=move |_| { picking.set(true); chosen.set(None); pin.set(String::new()); problem.set(None); }>
                                            {tr(Key::KioskOtherStaff)}
                                        </button>
                                    </p>
                                }.into_any()
                            }
                            (true, false) => {
                                let options = choices.iter().map(|(id, name)| {
                                    view! { <option value=id.to_string()>{name.clone()}</option> }
                                }).collect_view();
                                view! {
                                    <label class="field" class:field--invalid=move || nobody.get()>
                                        <span class="field__label">{tr(Key::KioskWho)}</span>
                                        <select class="input" name="kiosk-staff" on:change=pick>
                                            <option value="" selected=true>"—"</option>
                                            {options}
                                        </select>
                                        <span class="field__error" role="alert" data-field="kiosk-staff">
                                            {move || nobody.get().then(|| i18n::problem(state.lang.get(), &Problem::Required))}
                                        </span>
                                    </label>
                                }.into_any()
                            }
                        }
                    }
                    <label class="field">
                        <span class="field__label">{tr(Key::EnterPin)}</span>
                        <input class="input" type="password" name="kiosk-pin" inputmode="numeric" autocomplete="off" bind:value=pin />
                        <span class="field__error" role="alert">{move || problem.get().map(|p| i18n::problem(state.lang.get(), &p))}</span>
                    </label>
                    <div class="kiosk__actions">
                        <button class="button button--primary" type="submit" name="kiosk-unlock">{tr(Key::KioskUnlock)}</button>
                        <button class="button" type="button" name="kiosk-cancel" on:click=close>{tr(Key::Cancel)}</button>
                    </div>
                </form>
            </Show>
        </footer>
    }
}

/// The page a survey link opens on the customer's own device: the survey, then the receipt code and its QR code
/// to show or read out to the staff. Nothing is stored here but the last receipt, so a reload shows it again.
#[component]
pub fn PublicSurveyPage() -> impl IntoView {
    let fragment = window().location().hash().unwrap_or_default();
    let invitation = parse_link_fragment(&fragment);
    let busy = RwSignal::new(false);
    let errors: FormErrors = RwSignal::new(Vec::new());
    let Some(Invitation { link, label }) = invitation else {
        return view! {
            <section class="kiosk" data-page="survey-link">
                <p class="panel panel--refusal" role="alert">{tr(Key::SurveyLinkBroken)}</p>
            </section>
        }
        .into_any();
    };
    // The last receipt of this link (by its public id), so a reload shows it again.
    let receipt_pref = format!("receipt.{:02x?}", receipt::link_id(&link.token));
    // Kept as the typed code, a line break, the QR's code (one line: a receipt kept before the typed code was short).
    let code = RwSignal::new(platform::read_pref(&receipt_pref));
    let template = link.template.clone();
    let done = Box::new(move |response: SurveyResponse| {
        let kept = format!(
            "{}\n{}",
            receipt::typed_code(&link, &response),
            receipt::encode(&link, &response)
        );
        // Not kept (a full storage): the code is still shown now.
        let _ = platform::write_pref(&receipt_pref, &kept);
        code.set(Some(kept));
    });
    view! {
        <section class="kiosk" data-page="survey-link">
            <SurveyHeader label=label />
            {move || code.get().map(|kept| {
                let (typed, scanned) = kept.split_once('\n').unwrap_or((&kept, &kept));
                view! { <ReceiptCode typed=typed.to_string() scanned=scanned.to_string() /> }
            })}
            <div class:hidden=move || code.with(Option::is_some)>
                <SurveyForm template=template via=Via::Receipt busy=busy errors=errors done=done />
            </div>
        </section>
    }
    .into_any()
}

/// The receipt as a QR code for the staff's camera (everything, the comment too) and as the short code to read out
/// or type (all but the comment, which the page says when there is one).
#[component]
fn ReceiptCode(typed: String, scanned: String) -> impl IntoView {
    let comment_only_in_qr = typed != scanned;
    view! {
        <div class="receipt" role="status">
            <p class="kiosk__thanks">{tr(Key::SurveyThanks)}</p>
            <p>{tr(Key::ReceiptShowStaff)}</p>
            <QrImage text=scanned label=Key::ReceiptCode />
            {comment_only_in_qr.then(|| view! { <p class="receipt__note" data-fact="comment-in-qr">{tr(Key::ReceiptCommentInQr)}</p> })}
            // A group never breaks across lines, so the code reads out group by group.
            <p class="receipt__code" data-receipt="true">
                {receipt_groups(&typed).into_iter().map(|group| view! { <span class="receipt__group">{group}</span> }).collect_view()}
            </p>
        </div>
    }
}

/// A grouped code's groups, each with the hyphen that follows it (`ABCD-`, …, `XY`).
fn receipt_groups(code: &str) -> Vec<String> {
    let groups: Vec<&str> = code.split('-').collect();
    let last = groups.len().saturating_sub(1);
    groups
        .iter()
        .enumerate()
        .map(|(at, group)| match at == last {
            true => group.to_string(),
            false => format!("{group}-"),
        })
        .collect()
}

/// A QR code of `text` as an SVG, named for screen readers by `label`.
#[component]
pub fn QrImage(text: String, label: Key) -> impl IntoView {
    let code = QrCode::encode(&text);
    code.map(|code| {
        let side = code.size + 2 * QUIET_ZONE;
        view! {
            <svg class="qr" viewBox=format!("0 0 {side} {side}") role="img" aria-label=tr(label) data-qr=text>
                <rect width=side height=side fill="#fff" />
                <path d=code.svg_path() fill="#000" />
            </svg>
        }
    })
}
