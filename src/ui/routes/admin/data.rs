//! 数据交换 (R9.2–R9.4): export this device's data — everything, a period, a unit and below, or the surveys;
//! encrypted on request — and, for supervisors and up, import a file: previewed first (per kind new / updated /
//! unchanged / conflicting, the conflicts, the refused records), then written in one step; undo the last import;
//! the device's import audit. The work over the whole data runs in the worker module (`sync::work`).
//!
//! Must not: decide what a file holds or what merging does (`sync`, `domain::import`, `domain::selection`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::access::Action;
use crate::domain::error::Field;
use crate::domain::import::{AuditEntry, Audited};
use crate::domain::selection::{ExportDraft, Exporter, Selection};
use crate::i18n::sync::{
    audit_anonymised, audit_imported, exported, file_problem, import_origin, imported, kind_name,
    refused_line, refusing, work_progress,
};
use crate::i18n::{self, Key, Lang};
use crate::jobs;
use crate::platform;
use crate::store::StoreError;
use crate::store::worker::{WorkerSession, ask_with};
use crate::sync::crypt::Randomness;
use crate::sync::format::{FileProblem, MAX_FILE_BYTES};
use crate::sync::work::{ExportRequest, ImportProblem, ImportRequest, Previewed, Progress, Stage};
use crate::ui::components::file_drop::FileDrop;
use crate::ui::components::form::{
    FormErrors, FormField, SelectInput, TextInput, id_value, value_id,
};
use crate::ui::components::guard::Guarded;
use crate::ui::components::quarantine::QuarantineNotice;
use crate::ui::routes::admin::conflicts::{CONFLICTS_PATH, ConflictItem};
use crate::ui::routes::unit_options;
use crate::ui::state::{AppState, PendingImport, tr, use_app_state};

/// The device-local name of this device, shown in every file it exports.
pub const DEVICE_NAME_PREF: &str = "device_name";

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_app_state();
    view! {
        <Guarded action=Action::ExportData>
            <section class="panel" data-page="data">
                <h1>{tr(Key::DataTitle)}</h1>
                <p class="muted">{tr(Key::DataIntro)}</p>
                <QuarantineNotice on_data_page=true />
                <ExportPanel />
                <Show when=move || state.can(Action::ImportData)>
                    <ImportPanel />
                    <section class="panel__section" data-section="conflicts">
                        <h2>{tr(Key::ConflictsTitle)}</h2>
                        <p><a class="button" href=CONFLICTS_PATH data-action="conflicts">{tr(Key::ConflictsLink)}</a></p>
                    </section>
                </Show>
            </section>
        </Guarded>
    }
}

/// A first start on the administration page's `/data`: setting the device up from another device's export (the
/// office's), instead of creating an administrator. Once imported, the file's people choose who they are.
#[component]
pub fn FirstImport() -> impl IntoView {
    view! {
        <section class="panel" data-page="first-import">
            <h1>{tr(Key::StartFromFileTitle)}</h1>
            <p class="muted">{tr(Key::StartFromFileIntro)}</p>
            <ImportPanel />
            <p><a class="button button--quiet" href="/">{tr(Key::CreateAdminInstead)}</a></p>
        </section>
    }
}

fn default_device_name(lang: Lang) -> String {
    let id = platform::device_id().to_string();
    crate::i18n::sync::default_device_name(lang, id.get(24..28).unwrap_or(&id))
}

#[component]
fn ExportPanel() -> impl IntoView {
    let state = use_app_state();
    let device_name = RwSignal::new(
        platform::read_pref(DEVICE_NAME_PREF)
            .unwrap_or_else(|| default_device_name(state.lang.get_untracked())),
    );
    let selection = RwSignal::new("all".to_string());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let passphrase = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors: FormErrors = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<Progress>);
    // The last export, where the browser can hand it to the share sheet (on a tablet: mail, chat, a drive).
    let shareable: RwSignal<Option<wasm_bindgen::JsValue>, LocalStorage> =
        RwSignal::new_local(None);
    let selections = Signal::derive(move || {
        [
            ("all", Key::SelectionAll),
            ("period", Key::SelectionPeriod),
            ("unit", Key::SelectionUnit),
            ("surveys", Key::SelectionSurveys),
        ]
        .into_iter()
        .map(|(value, key)| (value.to_string(), state.t(key).to_string()))
        .collect::<Vec<_>>()
    });
    let units = Signal::derive(move || {
        let mut options = vec![(String::new(), state.t(Key::NotGiven).to_string())];
        options.extend(state.data.with(unit_options));
        options
    });
    let export = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ExportDraft {
            selection: selection.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            unit: value_id(&unit.get_untracked()),
            passphrase: passphrase.get_untracked(),
            repeat: repeat.get_untracked(),
        };
        let (chosen, passphrase) = match draft.check() {
            Err(problems) => return errors.set(problems),
            Ok(checked) => checked,
        };
        errors.set(Vec::new());
        let Some((user_id, user)) = state.current_user() else {
            return;
        };
        let name = match device_name.get_untracked().trim() {
            "" => default_device_name(state.lang.get_untracked()),
            name => name.to_string(),
        };
        // Not kept (a full storage): the export still carries the name typed now.
        let _ = platform::write_pref(DEVICE_NAME_PREF, &name);
        busy.set(true);
        progress.set(None);
        shareable.set(None);
        spawn_local(async move {
            let result =
                write_export(state, name, user_id, user, chosen, passphrase, progress).await;
            busy.try_set(false);
            match result {
                Ok((count, share)) => {
                    shareable.set(share);
                    state.notify(exported(state.lang.get_untracked(), count));
                }
                Err(reason) => {
                    state.fail(reason);
                }
            }
        });
    };
    view! {
        <form class="form panel__section" data-form="export" on:submit=export novalidate>
            <h2>{tr(Key::ExportTitle)}</h2>
            <p class="muted">{tr(Key::ExportIntro)}</p>
            <FormField label=Key::DeviceName field=Field::Name errors=errors>
                <TextInput name="device-name" value=device_name />
            </FormField>
            <label class="field">
                <span class="field__label">{tr(Key::ExportSelection)}</span>
                <SelectInput name="selection" value=selection options=selections />
            </label>
            <Show when=move || selection.get() == "period">
                <div class="form__row">
                    <FormField label=Key::ExportFirstDay field=Field::PeriodFrom errors=errors>
                        <TextInput name="from" value=from kind="date" />
                    </FormField>
                    <FormField label=Key::ExportLastDay field=Field::PeriodTo errors=errors>
                        <TextInput name="to" value=to kind="date" />
                    </FormField>
                </div>
            </Show>
            <Show when=move || selection.get() == "unit">
                <FormField label=Key::Unit field=Field::Unit errors=errors>
                    <SelectInput name="unit" value=unit options=units />
                </FormField>
            </Show>
            <div class="form__row form__row--top">
                <FormField label=Key::Passphrase field=Field::Passphrase errors=errors hint=Key::PassphraseHint>
                    <TextInput name="passphrase" value=passphrase kind="password" />
                </FormField>
                <FormField label=Key::PassphraseRepeat field=Field::PassphraseConfirm errors=errors>
                    <TextInput name="passphrase-repeat" value=repeat kind="password" />
                </FormField>
            </div>
            {move || match (busy.get(), progress.get()) {
                (true, Some(at)) => view! { <ProgressView at steps=&Stage::EXPORT /> }.into_any(),
                _ => ().into_any(),
            }}
            <div class="form__actions">
                <button type="submit" class="button button--primary" name="export" disabled=move || busy.get()>
                    {move || match busy.get() {
                        true => state.t(Key::Exporting),
                        false => state.t(Key::ExportFile),
                    }}
                </button>
                {move || shareable.get().map(|data| {
                    let share = move |_| {
                        let data = data.clone();
                        spawn_local(async move {
                            if let Err(reason) = platform::share(&data).await {
                                state.fail(format!("{}: {reason}", state.t(Key::ShareFailed)));
                            }
                        });
                    };
                    view! { <button type="button" class="button" name="share-export" on:click=share>{tr(Key::ShareExport)}</button> }
                })}
            </div>
        </form>
    }
}

/// Has the worker module write the export and offers it as a download: the number of records and the file for the
/// share sheet where the browser has one, or why not.
async fn write_export(
    state: AppState,
    device_name: String,
    user_id: crate::domain::ids::Id,
    user: crate::domain::access::User,
    selection: Selection,
    passphrase: Option<String>,
    progress: RwSignal<Option<Progress>>,
) -> Result<(u64, Option<wasm_bindgen::JsValue>), String> {
    let lang = state.lang.get_untracked();
    let source = state.store_source(Action::ExportData).await?;
    let at = platform::now_ms() as i64;
    let request = ExportRequest {
        source,
        device: platform::device_id(),
        device_name: device_name.clone(),
        at,
        by: user.name.clone(),
        exporter: Exporter {
            role: user.role,
            user: user_id,
            staff: user.staff,
        },
        selection,
        passphrase: passphrase.map(|p| {
            (
                p,
                Randomness {
                    salt: platform::random_bytes(),
                    nonce: platform::random_bytes(),
                },
            )
        }),
    };
    let failed = |reason: String| format!("{}: {reason}", Key::ExportFailed.text(lang));
    let (reply, file) = ask_with(jobs::export_request(&request), None, move |message| {
        if let Some(at) = Progress::parse(&message) {
            progress.set(Some(at));
        }
    })
    .await
    .map_err(|e| failed(i18n::store_error(lang, &e)))?;
    let exported = jobs::exported_of(&reply).map_err(|e| failed(i18n::store_error(lang, &e)))?;
    let file = file.ok_or_else(|| failed("no file".into()))?;
    let day = state
        .settings
        .with_untracked(|s| s.calendar.local_date(at).to_string());
    let file_name = format!("aftersales-{}-{day}.json", file_safe(&device_name));
    platform::download_blob(&file_name, &file).map_err(failed)?;
    let share = platform::shareable_file(&file_name, &file, "application/json");
    Ok((exported.records, share))
}

/// A device name as part of a file name: letters, digits and CJK kept, everything else a dash.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| match c.is_alphanumeric() {
            true => c,
            false => '-',
        })
        .collect()
}

/// What the import panel shows: where the import stands.
#[derive(Clone)]
enum ImportPanel {
    /// Choosing a file.
    Choosing,
    /// The worker is reading and merging it.
    Reading,
    /// The preview, waiting for the user's word; the file's name.
    Previewed(std::sync::Arc<Previewed>, String),
    /// Writing it.
    Writing,
}

#[component]
fn ImportPanel() -> impl IntoView {
    let state = use_app_state();
    // Reached as `/data#import` (the quarantine's "import a file to restore"): in view once it is there.
    let import_form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move || {
        if let Some(form) = import_form.get()
            && window()
                .location()
                .hash()
                .is_ok_and(|hash| hash == "#import")
        {
            form.scroll_into_view();
        }
    });
    // The chosen file as the browser holds it: the worker module reads it (it may be as large as the whole data).
    let file: RwSignal<Option<web_sys::File>, LocalStorage> = RwSignal::new_local(None);
    let passphrase = RwSignal::new(String::new());
    let step = RwSignal::new(ImportPanel::Choosing);
    // The previewed import's merge, until it is written or given up (dropping it ends the worker that holds it).
    let pending = StoredValue::new_local(None::<PendingImport>);
    let progress = RwSignal::new(None::<Progress>);
    let problem = RwSignal::new(None::<String>);
    let audit = RwSignal::new(Vec::<AuditEntry>::new());
    let undoable = RwSignal::new(false);
    let refresh_audit = move || {
        spawn_local(async move {
            audit.set(state.import_audit().await);
            undoable.set(state.can_undo_import().await);
        })
    };
    refresh_audit();
    // Another save (here or in another tab) ends the chance to undo: ask again whenever the data changes.
    Effect::new(move |_| {
        state.data.track();
        spawn_local(async move { undoable.set(state.can_undo_import().await) });
    });

    // A file chosen or dropped is the one the preview reads.
    let picked = move || {
        problem.set(None);
        pending.set_value(None);
        step.set(ImportPanel::Choosing);
    };
    let preview = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(chosen) = file.get_untracked() else {
            problem.set(Some(state.t(Key::ChooseAFile).to_string()));
            return;
        };
        // Too large to be one of ours: said at once, without reading it.
        let bytes = chosen.size() as usize;
        if bytes > MAX_FILE_BYTES {
            let lang = state.lang.get_untracked();
            problem.set(Some(file_problem(lang, &FileProblem::TooLarge { bytes })));
            return;
        }
        let passphrase = Some(passphrase.get_untracked()).filter(|p| !p.is_empty());
        step.set(ImportPanel::Reading);
        progress.set(None);
        problem.set(None);
        pending.set_value(None);
        spawn_local(async move {
            let name = chosen.name();
            match read_import(state, chosen, passphrase, progress).await {
                Ok((previewed, write)) => {
                    pending.set_value(Some(write));
                    step.set(ImportPanel::Previewed(std::sync::Arc::new(previewed), name));
                    // The preview opens below the form: brought into view, with its confirm button.
                    request_animation_frame(|| {
                        if let Some(preview) = document()
                            .query_selector("[data-section=preview]")
                            .ok()
                            .flatten()
                        {
                            preview.scroll_into_view();
                        }
                    });
                }
                Err(reason) => {
                    problem.set(Some(reason));
                    step.set(ImportPanel::Choosing);
                }
            }
        });
    };
    let apply = move |_| {
        let ImportPanel::Previewed(previewed, name) = step.get_untracked() else {
            return;
        };
        let Some(write) = pending.try_update_value(Option::take).flatten() else {
            return;
        };
        // On a first start nobody is signed in: the audit says the device was set up from the file.
        let by = state.current_user().map_or_else(
            || {
                Key::FirstStartImporter
                    .text(state.lang.get_untracked())
                    .to_string()
            },
            |(_, user)| user.name,
        );
        let totals = previewed.totals();
        let entry = AuditEntry {
            at: platform::now_ms() as i64,
            by,
            what: Audited::Imported {
                file: name,
                device: previewed.origin.device_name.clone(),
                device_id: previewed.origin.device,
                exported_at: previewed.origin.exported_at,
                new: totals.new,
                updated: totals.updated,
                unchanged: totals.unchanged,
                conflicting: totals.conflicting,
                refused: previewed.refused.len() as u64,
            },
        };
        step.set(ImportPanel::Writing);
        spawn_local(async move {
            match state.import(write, entry).await {
                Ok(()) => {
                    let text = imported(
                        state.lang.get_untracked(),
                        totals.new,
                        totals.updated,
                        totals.conflicting,
                    );
                    let link =
                        (totals.conflicting > 0).then_some((CONFLICTS_PATH, Key::ConflictsLink));
                    state.notify_with(text, link);
                    file.set(None);
                    passphrase.set(String::new());
                    step.set(ImportPanel::Choosing);
                    refresh_audit();
                }
                Err(reason) => {
                    problem.set(Some(reason));
                    step.set(ImportPanel::Choosing);
                }
            }
        });
    };
    let undo = move |_| {
        let lang = state.lang.get_untracked();
        if !window()
            .confirm_with_message(Key::UndoImportConfirm.text(lang))
            .unwrap_or(false)
        {
            return;
        }
        let Some((_, user)) = state.current_user() else {
            return;
        };
        let entry = AuditEntry {
            at: platform::now_ms() as i64,
            by: user.name,
            what: Audited::Undone,
        };
        spawn_local(async move {
            if state.undo_import(entry).await.is_ok() {
                state.notify(Key::ImportUndone.text(state.lang.get_untracked()));
            }
            refresh_audit();
        });
    };
    view! {
        <form class="form panel__section" data-form="import" id="import" node_ref=import_form on:submit=preview novalidate>
            <h2>{tr(Key::ImportTitle)}</h2>
            <p class="muted">{tr(Key::ImportIntro)}</p>
            <FileDrop file=file accept=".json,application/json" text=Key::ChooseOrDropFile picked=picked />
            <label class="field">
                <span class="field__label">{tr(Key::ImportPassphrase)}</span>
                <TextInput name="import-passphrase" value=passphrase kind="password" />
            </label>
            <p class="form__problem" role="alert" data-problem="import">{move || problem.get()}</p>
            {move || match (step.get(), progress.get()) {
                (ImportPanel::Reading, Some(at)) => view! { <ProgressView at steps=&Stage::IMPORT /> }.into_any(),
                _ => ().into_any(),
            }}
            <div class="form__actions">
                <button
                    type="submit"
                    class="button button--primary"
                    name="preview"
                    disabled=move || matches!(step.get(), ImportPanel::Reading | ImportPanel::Writing)
                >
                    {move || match step.get() {
                        ImportPanel::Reading => state.t(Key::ReadingFile),
                        _ => state.t(Key::PreviewImport),
                    }}
                </button>
            </div>
        </form>
        {move || match step.get() {
            ImportPanel::Previewed(previewed, _) => view! {
                <PreviewView previewed=previewed apply=apply cancel=move |_| { pending.set_value(None); step.set(ImportPanel::Choosing) } />
            }.into_any(),
            ImportPanel::Writing => view! { <p class="panel__section" role="status">{tr(Key::WritingImport)}</p> }.into_any(),
            _ => ().into_any(),
        }}
        <section class="panel__section" data-section="audit">
            <h2>{tr(Key::ImportAudit)}</h2>
            <Show when=move || undoable.get()>
                <button class="button" name="undo-import" on:click=undo>{tr(Key::UndoImport)}</button>
            </Show>
            {move || {
                let lang = state.lang.get();
                match audit.with(Vec::is_empty) {
                    true => view! { <p class="muted empty">{tr(Key::NoImportsYet)}</p> }.into_any(),
                    false => view! {
                        <div class="table-wrap">
                            <table class="table" data-table="import-audit">
                                <tbody>
                                    {audit.get().into_iter().map(|entry| view! {
                                        <tr>
                                            <td>{state.local_time(entry.at)}</td>
                                            <td>{entry.by.clone()}</td>
                                            <td>{audit_text(lang, state, &entry.what)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            }}
        </section>
    }
}

/// Has the worker module read the file and merge it into what is stored: the preview and its merge (kept in that
/// worker where it read IndexedDB itself), or why not.
async fn read_import(
    state: AppState,
    file: web_sys::File,
    passphrase: Option<String>,
    progress: RwSignal<Option<Progress>>,
) -> Result<(Previewed, PendingImport), String> {
    let lang = state.lang.get_untracked();
    let source = state.store_source(Action::ImportData).await?;
    let database = source.database().map(str::to_string);
    // The file goes to the worker module as it is; the request carries no copy of it.
    let request = ImportRequest {
        source,
        file: Vec::new(),
        passphrase,
        now: platform::now_ms() as i64,
    };
    let file: web_sys::Blob = file.into();
    let worker = WorkerSession::start()
        .await
        .map_err(|e| i18n::store_error(lang, &e))?;
    let (reply, _) = worker
        .ask(jobs::import_request(&request), Some(file), move |message| {
            if let Some(at) = Progress::parse(&message) {
                progress.set(Some(at));
            }
        })
        .await
        .map_err(|e| i18n::store_error(lang, &e))?;
    let (previewed, write) = jobs::previewed_of(&reply).map_err(|problem| match problem {
        ImportProblem::File(problem) => file_problem(lang, &problem),
        ImportProblem::Store(error) => i18n::store_error(lang, &error),
    })?;
    let pending = match (write, database) {
        (Some(write), _) => PendingImport::Here(write),
        (None, Some(database)) => PendingImport::InWorker { worker, database },
        (None, None) => {
            return Err(i18n::store_error(
                lang,
                &StoreError::Failed("the worker kept the import of sent data".into()),
            ));
        }
    };
    Ok((previewed, pending))
}

/// How far the worker is with an export or an import's preview (R11.3): the step of `steps`, and a bar.
#[component]
fn ProgressView(at: Progress, steps: &'static [Stage]) -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="progress" role="status" data-progress=at.stage.slug().to_string()>
            <span>{move || work_progress(state.lang.get(), &at, steps)}</span>
            <progress max=at.total.max(1) value=at.done></progress>
        </div>
    }
}

#[component]
fn PreviewView(
    previewed: std::sync::Arc<Previewed>,
    apply: impl Fn(leptos::ev::MouseEvent) + 'static,
    cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang.get_untracked();
    let origin = &previewed.origin;
    let from = import_origin(
        lang,
        &origin.device_name,
        &state.local_time(origin.exported_at),
        &origin.exported_by,
        &selection_text(lang, state, &origin.selection),
        origin.encrypted,
    );
    let nothing_new = previewed.nothing_new();
    let rows: Vec<_> = previewed
        .counts
        .iter()
        .filter(|(_, c)| c.total() > 0)
        .map(|(kind, c)| {
            view! {
                <tr data-kind=kind.clone()>
                    <td>{kind_name(lang, kind)}</td>
                    <td class="number" data-count="new">{c.new}</td>
                    <td class="number" data-count="updated">{c.updated}</td>
                    <td class="number" data-count="unchanged">{c.unchanged}</td>
                    <td class="number" data-count="conflicting">{c.conflicting}</td>
                </tr>
            }
        })
        .collect();
    let conflicts: Vec<_> = previewed
        .conflicts
        .iter()
        .cloned()
        .map(|shown| view! { <ConflictItem shown settling=false /> })
        .collect();
    let refused_count = previewed.refused.len();
    let refused: Vec<_> = previewed
        .refused
        .iter()
        .take(REFUSED_LISTED)
        .map(|r| {
            let text = refused_line(
                lang,
                r.index,
                &kind_name(lang, &r.kind),
                refusing(lang, r.reason),
            );
            view! { <li data-refused="">{text}</li> }
        })
        .collect();
    let unlisted = refused_count.saturating_sub(REFUSED_LISTED);
    let has_conflicts = !conflicts.is_empty();
    let has_refused = !refused.is_empty();
    view! {
        <section class="panel__section import-preview" data-section="preview">
            <h2>{tr(Key::ImportPreview)}</h2>
            <p data-origin="">{from}</p>
            {match (nothing_new, has_refused) {
                (true, false) => view! { <p class="banner" role="status" data-nothing-new="">{tr(Key::NothingNew)}</p> }.into_any(),
                (true, true) => view! { <p class="banner banner--warning" role="status" data-nothing-new="">{tr(Key::NothingToImport)}</p> }.into_any(),
                (false, _) => ().into_any(),
            }}
            <div class="table-wrap">
                <table class="table" data-table="import-counts">
                    <thead><tr>
                        <th>{tr(Key::RecordKind)}</th>
                        <th class="number">{tr(Key::CountNew)}</th>
                        <th class="number">{tr(Key::CountUpdated)}</th>
                        <th class="number">{tr(Key::CountUnchanged)}</th>
                        <th class="number">{tr(Key::CountConflicting)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            // The decision right after the counts: the lists below can be long.
            <div class="form__actions">
                {(!nothing_new).then(|| view! {
                    <button class="button button--primary" name="apply-import" on:click=apply>{tr(Key::ApplyImport)}</button>
                })}
                <button class="button" name="cancel-import" on:click=cancel>{tr(Key::Cancel)}</button>
            </div>
            {has_conflicts.then(|| view! {
                <h3>{tr(Key::ImportConflicts)}</h3>
                <ul class="conflicts" data-list="conflicts">{conflicts}</ul>
            })}
            {has_refused.then(|| view! {
                <h3 data-refused-count=refused_count>
                    {i18n::labelled(lang, Key::ImportRefused.text(lang), &refused_count.to_string())}
                </h3>
                <ul class="import-preview__list" data-list="refused">
                    {refused}
                    {(unlisted > 0).then(|| view! {
                        <li data-refused-unlisted=unlisted>{i18n::sync::more_not_listed(lang, unlisted)}</li>
                    })}
                </ul>
            })}
        </section>
    }
}

/// Records not imported listed one by one in a preview; the rest are counted (a file from a device that set up
/// the same company on its own can refuse thousands).
const REFUSED_LISTED: usize = 50;

/// What a selection holds, in words.
fn selection_text(lang: Lang, state: AppState, selection: &Selection) -> String {
    match selection {
        Selection::All => Key::SelectionAll.text(lang).to_string(),
        Selection::Surveys => Key::SelectionSurveys.text(lang).to_string(),
        Selection::Period { from, to } => {
            format!("{} {from} – {to}", Key::SelectionPeriod.text(lang))
        }
        Selection::Unit { unit } => {
            let name = state
                .data
                .with_untracked(|d| d.units.version(*unit).map(|v| v.body.name.clone()))
                .unwrap_or_else(|| id_value(Some(*unit)));
            i18n::labelled(lang, Key::SelectionUnit.text(lang), &name)
        }
    }
}

/// A line of the import audit, in words.
fn audit_text(lang: Lang, state: AppState, what: &Audited) -> String {
    match what {
        Audited::Imported {
            file,
            device,
            exported_at,
            new,
            updated,
            conflicting,
            refused,
            ..
        } => audit_imported(
            lang,
            file,
            device,
            &state.local_time(*exported_at),
            *new,
            *updated,
            *conflicting,
            *refused,
        ),
        Audited::Undone => Key::ImportUndone.text(lang).to_string(),
        Audited::Anonymised { tickets } => audit_anonymised(lang, *tickets),
    }
}
