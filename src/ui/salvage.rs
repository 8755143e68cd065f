//! The screen for data this device cannot open (R9.2, R10): why, and a way out that loses as little as
//! possible — every part of what is stored that still reads, saved as an ordinary export file (the worker module
//! reads it: `sync::salvage`), to import on another device or here once the browser's data is cleared. Data written
//! by a newer version cannot be read here: the page says to reload (a newer version is cached) instead.
//!
//! Must not: change what is stored.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::sync::salvaged;
use crate::i18n::{self, Key};
use crate::jobs;
use crate::platform;
use crate::store::StoreError;
use crate::store::worker::ask;
use crate::ui::boot;
use crate::ui::routes::admin::data::DEVICE_NAME_PREF;
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn UnreadableData(error: StoreError) -> impl IntoView {
    let state = use_app_state();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let newer = matches!(error, StoreError::NewerSchema { .. });
    let reason = error.clone();
    let save = move |_| {
        busy.set(true);
        spawn_local(async move {
            let lang = state.lang.get_untracked();
            let result = async {
                let stored = boot::stored_as_is().await?;
                let at = platform::now_ms() as i64;
                let name = platform::read_pref(DEVICE_NAME_PREF).unwrap_or_default();
                let request = jobs::salvage_request(&stored, platform::device_id(), &name, at);
                let salvage = jobs::salvaged_of(&ask(request).await?)?;
                platform::download(
                    &format!("aftersales-salvage-{at}.json"),
                    &salvage.file,
                    "application/json",
                )
                .map_err(StoreError::Failed)?;
                Ok::<_, StoreError>(salvaged(lang, salvage.records, salvage.lost_parts))
            }
            .await;
            outcome.set(Some(result.map_err(|e| i18n::store_error(lang, &e))));
            busy.try_set(false);
        });
    };
    view! {
        <section class="panel panel--refusal" role="alert" data-page="unreadable">
            <p>{move || i18n::store_error(state.lang.get(), &reason)}</p>
            {match &error {
                StoreError::Corrupt(detail) => Some(view! {
                    <details class="muted">
                        <summary>{tr(Key::TechnicalDetail)}</summary>
                        <code>{detail.clone()}</code>
                    </details>
                }),
                _ => None,
            }}
            {match newer {
                true => view! {
                    <p>{tr(Key::NewerDataReload)}</p>
                    <button class="button button--primary" name="reload" on:click=|_| {
                        let _ = window().location().reload();
                    }>{tr(Key::Reload)}</button>
                }.into_any(),
                false => view! {
                    <p>{tr(Key::SalvageIntro)}</p>
                    <button class="button button--primary" name="salvage" disabled=busy on:click=save>
                        {tr(Key::SalvageData)}
                    </button>
                }.into_any(),
            }}
            {move || outcome.get().map(|outcome| match outcome {
                Ok(text) => view! { <p role="status" data-salvaged="">{text}</p> }.into_any(),
                Err(text) => view! { <p class="form__problem" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
}
