//! 冲突 (R9.3): what merging could not settle silently, in one place — records whose same field two devices
//! changed (the value kept and the other, each settled here by keeping it or using the other), and the events of
//! open tickets that do not fit where the merged history puts them (a link to the ticket, where the next step
//! settles it). Also the one way a conflict is shown (`ConflictItem`), which the import preview uses too.
//!
//! Must not: decide what a conflict is or how it settles (`domain::conflicts`), or read the whole data on the page's
//! thread (the worker module lists them: `sync::conflicts`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::access::Action;
use crate::domain::clock::Stamp;
use crate::domain::conflicts::settle;
use crate::domain::ids::Id;
use crate::domain::import::Found;
use crate::i18n::sync::{conflict_value, field_conflict, field_name, kind_name, ticket_conflict};
use crate::i18n::{self, Key};
use crate::jobs;
use crate::store::worker::ask;
use crate::sync::conflicts::Shown;
use crate::ui::components::guard::Guarded;
use crate::ui::state::{AppState, tr, use_app_state};

/// Where the screen is.
pub const CONFLICTS_PATH: &str = "/data/conflicts";

/// What the screen shows.
#[derive(Clone)]
enum Listing {
    Reading,
    Listed(Vec<Shown>),
    Failed(String),
}

#[component]
pub fn ConflictsPage() -> impl IntoView {
    let state = use_app_state();
    let listing = RwSignal::new(Listing::Reading);
    // Listed again whenever the data changes: a settled conflict leaves, an import's arrive.
    Effect::new(move |_| {
        state.data.track();
        spawn_local(async move { listing.set(list(state).await) });
    });
    view! {
        <Guarded action=Action::ImportData>
            <section class="panel" data-page="conflicts">
                <p><a class="button button--quiet" href="/data">{"← "}{tr(Key::DataTitle)}</a></p>
                <h1>{tr(Key::ConflictsTitle)}</h1>
                <p class="muted">{tr(Key::ConflictsIntro)}</p>
                {move || match listing.get() {
                    Listing::Reading => view! { <p role="status">{tr(Key::ReadingConflicts)}</p> }.into_any(),
                    Listing::Failed(reason) => view! { <p class="form__problem" role="alert">{reason}</p> }.into_any(),
                    Listing::Listed(all) if all.is_empty() => view! {
                        <p class="banner" role="status" data-no-conflicts="">{tr(Key::NoConflicts)}</p>
                    }.into_any(),
                    Listing::Listed(all) => {
                        let (records, tickets): (Vec<Shown>, Vec<Shown>) =
                            all.into_iter().partition(|s| matches!(s.found, Found::Field { .. }));
                        view! {
                            {(!records.is_empty()).then(|| view! {
                                <h2>{tr(Key::RecordConflicts)}</h2>
                                <ul class="conflicts" data-list="record-conflicts">
                                    {records.into_iter().map(|shown| view! { <ConflictItem shown settling=true /> }).collect_view()}
                                </ul>
                            })}
                            {(!tickets.is_empty()).then(|| view! {
                                <h2>{tr(Key::TicketConflicts)}</h2>
                                <ul class="conflicts" data-list="ticket-conflicts">
                                    {tickets.into_iter().map(|shown| view! { <ConflictItem shown settling=true /> }).collect_view()}
                                </ul>
                            })}
                        }.into_any()
                    }
                }}
            </section>
        </Guarded>
    }
}

/// Has the worker module list the conflicts in what is stored.
async fn list(state: AppState) -> Listing {
    let lang = state.lang.get_untracked();
    let source = match state.store_source(Action::ImportData).await {
        Ok(source) => source,
        Err(reason) => return Listing::Failed(reason),
    };
    match ask(jobs::conflicts_request(&source)).await {
        Ok(reply) => match jobs::conflicts_of(&reply) {
            Ok(all) => Listing::Listed(all),
            Err(error) => Listing::Failed(i18n::store_error(lang, &error)),
        },
        Err(error) => Listing::Failed(i18n::store_error(lang, &error)),
    }
}

/// One conflict: what it is, the two values of a field conflict, and — where `settling` — what can be done.
#[component]
pub fn ConflictItem(shown: Shown, settling: bool) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang.get_untracked();
    match shown.found {
        Found::Field {
            kind,
            id,
            label,
            field,
            kept,
            other,
        } => {
            let busy = RwSignal::new(false);
            let (record_kind, record_field) = (kind.clone(), field.clone());
            let settle_with = move |take| {
                let kind = record_kind.clone();
                let field = record_field.clone();
                move |_| {
                    let change = state.data.with_untracked(|data| {
                        settle(data, &kind, id, &field, take, state.next_stamp())
                    });
                    let Some(change) = change else {
                        return;
                    };
                    busy.set(true);
                    spawn_local(async move {
                        if state.commit(Action::ImportData, change).await.is_ok() {
                            state.notify(Key::ConflictSettled.text(state.lang.get_untracked()));
                        }
                        busy.try_set(false);
                    });
                }
            };
            let href = record_href(&kind, id);
            view! {
                <li class="conflict" data-conflict=kind.clone() data-field=field.clone()>
                    <p class="conflict__what">
                        {field_conflict(lang, &kind_name(lang, &kind), &label, &field_name(lang, &field))}
                    </p>
                    <dl class="conflict__values">
                        <dt>{tr(Key::KeptValue)}</dt>
                        <dd data-value="kept">{written(lang, state, &shown.kept_value, kept)}</dd>
                        <dt>{tr(Key::OtherValue)}</dt>
                        <dd data-value="other">{written(lang, state, &shown.other_value, other)}</dd>
                    </dl>
                    {settling.then(|| view! {
                        <div class="form__actions">
                            <button class="button" name="keep-value" disabled=busy on:click=settle_with(kept)>{tr(Key::KeepThisValue)}</button>
                            <button class="button" name="use-other-value" disabled=busy on:click=settle_with(other)>{tr(Key::UseOtherValue)}</button>
                            {href.map(|href| view! {
                                <a class="button button--quiet" href=href.clone()>{tr(Key::OpenRecord)}</a>
                            })}
                        </div>
                    })}
                </li>
            }
            .into_any()
        }
        Found::Ticket {
            ticket,
            label,
            event_stamp,
            refusal,
            ..
        } => {
            let href = format!("/tickets/{ticket}");
            view! {
                <li class="conflict" data-conflict="ticket" data-ticket=ticket.to_string()>
                    <p class="conflict__what">
                        {ticket_conflict(lang, &label, &state.local_time(event_stamp.wall_ms as i64), &i18n::tickets::refusal(lang, &refusal))}
                    </p>
                    {settling.then(|| view! {
                        <div class="form__actions">
                            <a class="button" href=href.clone()>{tr(Key::OpenTicket)}</a>
                        </div>
                    })}
                </li>
            }
            .into_any()
        }
    }
}

/// The screen that edits a record of kind `kind`, where there is one.
fn record_href(kind: &str, id: Id) -> Option<String> {
    match kind {
        "unit" => Some(format!("/org/units/{id}")),
        "staff" => Some(format!("/org/staff/{id}")),
        "provider" => Some(format!("/providers/{id}")),
        "user" => Some(format!("/users/{id}")),
        _ => None,
    }
}

/// A value with when and on which device it was written.
fn written(lang: crate::i18n::Lang, state: AppState, value: &str, stamp: Stamp) -> String {
    let device = stamp.device.to_string();
    conflict_value(
        lang,
        value,
        &state.local_time(stamp.wall_ms as i64),
        stamp.device == crate::platform::device_id(),
        device.get(24..28).unwrap_or(&device),
    )
}
