//! What the user sees of the quarantine (`store::quarantine`): a banner over every screen while parts of the stored
//! data are kept apart unread or found missing — how many, that the rest opened — with the button that saves them to
//! a file for support and, for parts gone missing, the way to the import that restores them; once saved on this
//! device the banner goes, and the data exchange keeps it.
//!
//! Must not: change the quarantine (nothing removes a kept part).

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::i18n::{Key, sync::quarantined};
use crate::platform;
use crate::store::quarantine::{Unreadable, file};
use crate::ui::areas::rel_for;
use crate::ui::state::{tr, use_app_state};

/// The preference naming the quarantine last saved to a file (its parts' keys).
const SAVED_PREF: &str = "quarantine_saved";

fn signature(parts: &[Unreadable]) -> String {
    parts
        .iter()
        .map(Unreadable::key)
        .collect::<Vec<_>>()
        .join(",")
}

/// The quarantine's notice: on every screen until saved (`always = false`), or always while there is one (the data
/// exchange).
#[component]
pub fn QuarantineNotice(#[prop(optional)] always: bool) -> impl IntoView {
    let state = use_app_state();
    let saved_before = RwSignal::new(platform::read_pref(SAVED_PREF));
    let shown = move || {
        state.quarantined.with(|parts| {
            !parts.is_empty() && (always || saved_before.get() != Some(signature(parts)))
        })
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
                // Not kept (a full storage): the banner simply shows again on the next start.
                let _ = platform::write_pref(SAVED_PREF, &signature(&parts));
                saved_before.set(Some(signature(&parts)));
                state.notify(state.t(Key::QuarantineSaved));
            }
            Err(error) => {
                state.fail(error);
            }
        }
    };
    view! {
        <Show when=shown>
            <div class="banner banner--warning" role="alert" data-quarantine=move || state.quarantined.with(Vec::len)>
                <p>
                    {move || state.quarantined.with(|parts| {
                        let missing = parts.iter().filter(|p| p.is_missing()).count();
                        quarantined(
                            state.lang.get(),
                            parts.len() - missing,
                            missing,
                            parts.iter().map(|p| p.records_read).sum(),
                            state.can(Action::ImportData),
                        )
                    })}
                </p>
                <Show when=move || {
                    state.can(Action::ImportData)
                        && state.quarantined.with(|parts| parts.iter().any(Unreadable::is_missing))
                }>
                    <a class="button" href="/data" rel=rel_for("/data") data-restore>{tr(Key::QuarantineRestore)}</a>
                </Show>
                <button class="button" type="button" name="save-quarantine" on:click=save>{tr(Key::QuarantineSave)}</button>
            </div>
        </Show>
    }
}
