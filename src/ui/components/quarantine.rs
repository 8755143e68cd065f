//! What the user sees of the quarantine (`store::quarantine`): a banner over every screen while parts of the stored
//! data are kept apart unread or found missing — how many, that the rest opened — with the button that saves the
//! kept parts to a file for support and, for parts gone missing, the way to the import that restores them and the
//! button that says they were (only for whoever may import). Once dealt with on this device the banner goes; the
//! data exchange keeps it.
//!
//! Must not: change the quarantine (nothing removes a kept part).

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::i18n::{Key, sync::quarantined};
use crate::platform;
use crate::store::quarantine::{Unreadable, file};
use crate::ui::state::{tr, use_app_state};

/// The preference naming the parts someone dealt with on this device, by key (comma-separated): kept parts saved
/// to a file, missing parts marked restored by someone who may import.
const HANDLED_PREF: &str = "quarantine_saved";

fn handled_keys() -> Vec<String> {
    platform::read_pref(HANDLED_PREF)
        .map(|text| text.split(',').map(str::to_string).collect())
        .unwrap_or_default()
}

/// The quarantine's notice: on every screen while it holds a part nobody dealt with here; on the data exchange
/// (`on_data_page`) always, with every part — and the restore there scrolls to the import instead of linking to it.
#[component]
pub fn QuarantineNotice(#[prop(optional)] on_data_page: bool) -> impl IntoView {
    let state = use_app_state();
    let handled = RwSignal::new(handled_keys());
    // What the banner speaks of — every part on the data page, else those nobody dealt with here: how many are kept,
    // how many missing, and the records read from the kept ones up to their damage.
    let counts = move || {
        state.quarantined.with(|parts| {
            handled.with(|keys| {
                parts
                    .iter()
                    .filter(|part| on_data_page || !keys.contains(&part.key()))
                    .fold((0, 0, 0), |(kept, missing, read), part| {
                        match part.is_missing() {
                            true => (kept, missing + 1, read),
                            false => (kept + 1, missing, read + part.records_read),
                        }
                    })
            })
        })
    };
    // Dealt with: the banner goes on this device (not kept, with a full storage: it shows again on the next start).
    let handle = move |parts: Vec<Unreadable>| {
        handled.update(|keys| keys.extend(parts.iter().map(Unreadable::key)));
        let _ = platform::write_pref(HANDLED_PREF, &handled.with_untracked(|keys| keys.join(",")));
    };
    let save = move |_| {
        let parts = state.quarantined.get_untracked();
        let at = platform::now_ms();
        match platform::download(
            &format!("aftersales-quarantine-{at}.json"),
            file(&parts).as_bytes(),
            "application/json",
        ) {
            Ok(()) => {
                handle(parts.into_iter().filter(|p| !p.is_missing()).collect());
                state.notify(state.t(Key::QuarantineSaved));
            }
            Err(error) => {
                state.fail(error);
            }
        }
    };
    let restored =
        move |_| {
            handle(state.quarantined.with_untracked(|parts| {
                parts.iter().filter(|p| p.is_missing()).cloned().collect()
            }));
            state.notify(state.t(Key::QuarantineRestoredNoted));
        };
    let to_import = move |_| {
        if let Some(form) = document()
            .query_selector("[data-form=import]")
            .ok()
            .flatten()
        {
            form.scroll_into_view();
        }
    };
    view! {
        {move || {
            let (kept, missing, records_read) = counts();
            let can_import = state.can(Action::ImportData);
            let restore = (missing > 0 && can_import).then(|| match on_data_page {
                true => view! {
                    <button class="button" type="button" name="restore" on:click=to_import>{tr(Key::QuarantineRestore)}</button>
                }.into_any(),
                false => view! {
                    <a class="button" href="/data#import" data-restore>{tr(Key::QuarantineRestore)}</a>
                }.into_any(),
            });
            (kept + missing > 0).then(|| view! {
                <div class="banner banner--warning" role="alert" data-quarantine=kept + missing>
                    <p>{quarantined(state.lang.get(), kept, missing, records_read, can_import)}</p>
                    <div class="banner__actions">
                        {restore}
                        {(missing > 0 && can_import).then(|| view! {
                            <button class="button" type="button" name="restored" on:click=restored>{tr(Key::QuarantineRestoredDone)}</button>
                        })}
                        {(kept > 0).then(|| view! {
                            <button class="button" type="button" name="save-quarantine" on:click=save>{tr(Key::QuarantineSave)}</button>
                        })}
                    </div>
                </div>
            })
        }}
    }
}
