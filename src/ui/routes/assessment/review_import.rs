//! 导入平台评价 (R7.1): a platform's CSV export of its 1★ / 2★ reviews, read in the worker module (GBK or UTF-8,
//! quoted cells), its columns mapped once per platform (remembered on this device by the header's names), then a
//! preview — each row matched to its ticket by order number, else phone and address, or the reason it is not
//! imported — and one write of every row that is, or none.
//!
//! Must not: read the file on the page's thread (`platform_csv` runs in the worker) or decide what a row means
//! (`domain::provider_inputs::plan_import`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::access::Action;
use crate::domain::dataset::Change;
use crate::domain::provider_inputs::{
    ColumnRole, Match, PlannedRow, ReviewColumns, Skipped, imported_review_id, plan_import,
};
use crate::domain::provider_statement::input_reference;
use crate::i18n::providers::{
    COMMON_PLATFORMS, column_option, column_role_name, csv_problem_text, file_summary,
    import_button_text, imported_text, preview_counts, skipped_text,
};
use crate::i18n::{self, Key};
use crate::jobs;
use crate::platform;
use crate::platform_csv::{MAX_BYTES, RawTable};
use crate::store::worker::ask_with;
use crate::sync::work::Progress;
use crate::ui::components::file_drop::FileDrop;
use crate::ui::components::guard::Guarded;
use crate::ui::routes::assessment::provider_assessment::today;
use crate::ui::state::{tr, use_app_state};

const PLATFORMS_PREF: &str = "review_platforms";
/// How many rows to import the preview lists (the rest are counted).
const SHOWN_ROWS: usize = 200;

fn columns_pref(platform: &str) -> String {
    format!("review_columns.{platform}")
}

/// The platforms this device has imported from, most recent first.
fn remembered_platforms() -> Vec<String> {
    platform::read_pref(PLATFORMS_PREF)
        .map(|text| {
            text.lines()
                .map(str::to_string)
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The platform names to offer: this device's imports first, then those of stored reviews, then the common ones.
fn known_platforms(state: crate::ui::state::AppState) -> Vec<String> {
    let mut names = remembered_platforms();
    state.data.with_untracked(|data| {
        for (_, input) in data.provider_inputs.live() {
            if let crate::domain::provider_inputs::InputDetail::PlatformReview(review) =
                &input.detail
            {
                names.push(review.platform.clone());
            }
        }
    });
    names.extend(COMMON_PLATFORMS.iter().map(|p| p.to_string()));
    let mut seen = std::collections::HashSet::new();
    names.retain(|name| seen.insert(name.clone()));
    names
}

/// The mapping remembered for `platform`, as header names.
fn remembered_columns(platform: &str) -> Vec<(ColumnRole, String)> {
    let Some(text) = platform::read_pref(&columns_pref(platform)) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let (role, name) = line.split_once('\t')?;
            let role = ColumnRole::from_slug(role)?;
            Some((role, name.to_string()))
        })
        .collect()
}

/// Remembers `platform` and its mapping (a device preference: failing to keep it loses nothing but the convenience).
fn remember(platform: &str, names: &[(ColumnRole, String)]) {
    let mut platforms = remembered_platforms();
    platforms.retain(|p| p != platform);
    platforms.insert(0, platform.to_string());
    let _ = platform::write_pref(PLATFORMS_PREF, &platforms.join("\n"));
    let text: Vec<String> = names
        .iter()
        .map(|(r, n)| format!("{}\t{n}", r.slug()))
        .collect();
    let _ = platform::write_pref(&columns_pref(platform), &text.join("\n"));
}

/// Where the platform export's import stands: a file to choose, read in the worker, its columns to map, done.
#[derive(Clone, Debug, PartialEq)]
enum ReviewImport {
    Choosing,
    Reading(Option<Progress>),
    Mapping(Arc<RawTable>),
    Done(usize),
}

#[component]
pub fn ReviewImportPage() -> impl IntoView {
    let state = use_app_state();
    let platform_name = RwSignal::new(
        remembered_platforms()
            .into_iter()
            .next()
            .unwrap_or_default(),
    );
    let file = RwSignal::new_local(None::<web_sys::File>);
    let step = RwSignal::new(ReviewImport::Choosing);
    let problem = RwSignal::new(None::<String>);
    let columns = RwSignal::new(ReviewColumns::default());
    let saving = RwSignal::new(false);
    let picked = move || {
        problem.set(None);
        step.set(ReviewImport::Choosing);
    };
    let read = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        if platform_name.get_untracked().trim().is_empty() {
            problem.set(Some(state.t(Key::NamePlatformFirst).to_string()));
            return;
        }
        let Some(chosen) = file.get_untracked() else {
            problem.set(Some(state.t(Key::ChooseCsvFirst).to_string()));
            return;
        };
        // Too large to be a month of reviews: said at once, without reading it.
        let bytes = chosen.size() as usize;
        if bytes > MAX_BYTES {
            problem.set(Some(csv_problem_text(
                lang,
                &crate::platform_csv::CsvProblem::TooLarge {
                    bytes,
                    max: MAX_BYTES,
                },
            )));
            return;
        }
        problem.set(None);
        step.set(ReviewImport::Reading(None));
        spawn_local(async move {
            let blob: web_sys::Blob = chosen.into();
            let reply = ask_with(jobs::platform_csv_request(), Some(blob), move |message| {
                if let Some(at) = Progress::parse(&message) {
                    step.set(ReviewImport::Reading(Some(at)));
                }
            })
            .await;
            let table = match reply {
                Err(error) => Err(i18n::store_error(lang, &error)),
                Ok((reply, _)) => match jobs::platform_csv_of(&reply) {
                    Err(reason) => Err(reason),
                    Ok(Err(problem)) => Err(csv_problem_text(lang, &problem)),
                    Ok(Ok(table)) => Ok(table),
                },
            };
            match table {
                Err(reason) => {
                    problem.set(Some(reason));
                    step.set(ReviewImport::Choosing);
                }
                Ok(table) => {
                    let remembered = remembered_columns(platform_name.get_untracked().trim());
                    columns.set(match remembered.is_empty() {
                        true => ReviewColumns::guess(&table.header),
                        false => ReviewColumns::from_names(&remembered, &table.header),
                    });
                    step.set(ReviewImport::Mapping(Arc::new(table)));
                    platform::scroll_into_view("[data-section=mapping]");
                }
            }
        });
    };
    let table = Memo::new(move |_| match step.get() {
        ReviewImport::Mapping(table) => Some(table),
        _ => None,
    });
    let plan = Memo::new(move |_| {
        let table = table.get()?;
        let columns = columns.get();
        if !columns.missing().is_empty() {
            return None;
        }
        let platform = platform_name.get();
        let today = today(state);
        Some(state.tickets.with(|tickets| {
            state.data.with(|data| {
                plan_import(
                    &table.rows,
                    &table.misshapen,
                    table.header.len(),
                    &columns,
                    &platform,
                    &tickets.0,
                    data,
                    today,
                )
            })
        }))
    });
    let import = move |_| {
        let Some(rows) = plan.get_untracked() else {
            return;
        };
        let Some(table) = table.get_untracked() else {
            return;
        };
        let changes: Vec<Change> = rows
            .into_iter()
            .filter_map(|row| row.outcome.ok())
            .map(|input| {
                Change::ProviderInput(state.edited(imported_review_id(&input), None, input))
            })
            .collect();
        if changes.is_empty() {
            return;
        }
        let count = changes.len();
        let platform = platform_name.get_untracked().trim().to_string();
        saving.set(true);
        spawn_local(async move {
            let result = state.commit_all(Action::EnterProviderInputs, changes).await;
            saving.try_set(false);
            if result.is_ok() {
                remember(&platform, &columns.get_untracked().names(&table.header));
                step.set(ReviewImport::Done(count));
                file.set(None);
                platform::scroll_into_view("[data-imported]");
            }
        });
    };
    view! {
        <Guarded action=Action::EnterProviderInputs>
            <section class="panel" data-page="review-import">
                <header class="panel__header">
                    <h1>{tr(Key::ImportPlatformReviews)}</h1>
                    <div class="panel__actions">
                        <a class="button" href="/assessment/providers/inputs">{tr(Key::ProviderInputs)}</a>
                        <a class="button" href="/assessment/providers">{tr(Key::BackToProviders)}</a>
                    </div>
                </header>
                <p class="muted">{tr(Key::ReviewImportIntro)}</p>
                <Show when=move || state.data.with(crate::demo::is_demo)>
                    <p class="banner" data-section="demo-sample">
                        {tr(Key::DemoSampleIntro)} " "
                        <button type="button" class="button" name="demo-sample" on:click=move |_| {
                            let month = crate::domain::period::Period::containing(
                                crate::domain::period::PeriodKind::Month,
                                today(state),
                            )
                            .previous();
                            let calendar = state.settings.with_untracked(|s| s.calendar.clone());
                            let file = state.tickets.with_untracked(|t| {
                                state.data.with_untracked(|d| crate::demo::platform_review_sample(d, &t.0, &calendar, month))
                            });
                            platform_name.set(crate::demo::DEMO_PLATFORM.into());
                            if let Err(reason) = platform::download(&format!("jd-reviews-{}.csv", month.key()), file.as_bytes(), "text/csv;charset=utf-8") {
                                problem.set(Some(reason));
                            }
                        }>{tr(Key::DemoSampleDownload)}</button>
                    </p>
                </Show>
                <form class="form" on:submit=read novalidate data-form="review-file">
                    <label class="field">
                        <span class="field__label">{tr(Key::Platform)}</span>
                        <input class="input" name="platform" list="known-platforms" autocomplete="off"
                            bind:value=platform_name />
                        <datalist id="known-platforms">
                            {known_platforms(state).into_iter().map(|p| view! { <option value=p /> }).collect_view()}
                        </datalist>
                        <span class="field__hint">{tr(Key::PlatformHint)}</span>
                    </label>
                    <FileDrop file=file accept=".csv,text/csv,text/plain" text=Key::ChooseOrDropCsv picked=picked />
                    <p class="form__problem" role="alert" data-problem="review-file">{move || problem.get()}</p>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary" name="read-file"
                            disabled=move || matches!(step.get(), ReviewImport::Reading(_))>{tr(Key::ReadFile)}</button>
                    </div>
                </form>
                {move || match step.get() {
                    ReviewImport::Choosing => ().into_any(),
                    ReviewImport::Reading(at) => view! {
                        <div class="progress" role="status" data-progress="csv">
                            <span>{tr(Key::ReadingCsv)}</span>
                            <progress max=at.map_or(1, |a| a.total.max(1)) value=at.map_or(0, |a| a.done)></progress>
                        </div>
                    }.into_any(),
                    ReviewImport::Done(count) => view! {
                        <p class="banner banner--ok" role="status" data-imported=count>
                            {move || imported_text(state.lang.get(), count)}
                            " "
                            <a href="/assessment/providers">{tr(Key::BackToProviders)}</a>
                        </p>
                    }.into_any(),
                    ReviewImport::Mapping(table) => view! {
                        <Mapping table=table columns=columns />
                        {move || match plan.get() {
                            None => view! { <p class="muted" data-missing="columns">{tr(Key::MapRequiredColumns)}</p> }.into_any(),
                            Some(rows) => view! {
                                <Preview rows=rows />
                                <div class="form__actions">
                                    <button type="button" class="button button--primary" name="import-reviews"
                                        disabled=move || saving.get() || plan.with(|p| p.as_ref().is_none_or(|r| r.iter().all(|r| r.outcome.is_err())))
                                        on:click=import>
                                        {move || import_button_text(state.lang.get(), plan.with(|p| p.as_ref().map_or(0, |r| r.iter().filter(|r| r.outcome.is_ok()).count())))}
                                    </button>
                                </div>
                            }.into_any(),
                        }}
                    }.into_any(),
                }}
            </section>
        </Guarded>
    }
}

/// A review's text as the preview lists it: its first 40 characters (the whole in the cell's title).
fn short_text(text: &str) -> String {
    const SHOWN: usize = 40;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// A select per column role, over the file's header.
#[component]
fn Mapping(table: Arc<RawTable>, columns: RwSignal<ReviewColumns>) -> impl IntoView {
    let state = use_app_state();
    let header = table.header.clone();
    let sample = table
        .rows
        .first()
        .map(|(_, cells)| cells.clone())
        .unwrap_or_default();
    view! {
        <section class="panel__section" data-section="mapping">
            <h2>{tr(Key::ColumnMapping)}</h2>
            <p class="muted">{move || file_summary(state.lang.get(), &table.encoding, table.rows.len() + table.misshapen.len())}</p>
            <div class="form form--row">
                {ColumnRole::ALL.into_iter().map(|role| {
                    let header = header.clone();
                    let sample = sample.clone();
                    view! {
                        <label class="field">
                            <span class="field__label">{move || column_role_name(state.lang.get(), role)}</span>
                            <select class="input" name=format!("column-{}", role.slug().to_lowercase())
                                on:change=move |ev| {
                                    let value = event_target_value(&ev).parse::<usize>().ok();
                                    columns.update(|c| c.set(role, value));
                                }>
                                <option value="" selected=move || columns.with(|c| c.of(role).is_none())>{tr(Key::NotInFile)}</option>
                                {header.iter().enumerate().map(|(i, name)| {
                                    let example = sample.get(i).cloned().unwrap_or_default();
                                    view! {
                                        <option value=i.to_string() selected=move || columns.with(|c| c.of(role) == Some(i))>
                                            {column_option(state.lang.get_untracked(), name, &example.chars().take(16).collect::<String>())}
                                        </option>
                                    }
                                }).collect_view()}
                            </select>
                        </label>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

/// What importing would do: the counts, the rows not imported with why, and the rows that are.
#[component]
fn Preview(rows: Vec<PlannedRow>) -> impl IntoView {
    let state = use_app_state();
    let ready: Vec<&PlannedRow> = rows.iter().filter(|r| r.outcome.is_ok()).collect();
    let skipped: Vec<PlannedRow> = rows
        .iter()
        .filter(|r| r.outcome.is_err())
        .cloned()
        .collect();
    let ready_count = ready.len();
    let skipped_count = skipped.len();
    let shown: Vec<PlannedRow> = ready.into_iter().take(SHOWN_ROWS).cloned().collect();
    // The matched tickets of the rows shown: a row matched by phone and address keeps no customer details itself.
    let matched: std::collections::HashSet<_> = shown
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok().and_then(|i| i.ticket))
        .collect();
    let tickets: std::collections::HashMap<_, crate::domain::ticket::Ticket> =
        state.tickets.with_untracked(|t| {
            t.0.iter()
                .filter(|t| matched.contains(&t.id))
                .map(|t| (t.id, t.clone()))
                .collect()
        });
    let lang = state.lang.get_untracked();
    let provider_name = move |id| {
        state.data.with_untracked(|d| {
            d.providers
                .get(id)
                .map(|p| p.name.clone())
                .unwrap_or_default()
        })
    };
    let matched_text = move |m: &Match| match m {
        Match::ByOrderNumber(_) => state.t(Key::MatchedByOrder).to_string(),
        Match::ByPhoneAndAddress(_) => state.t(Key::MatchedByCustomer).to_string(),
        _ => String::new(),
    };
    view! {
        <section class="panel__section" data-section="review-preview">
            <h2>{tr(Key::ImportPreview)}</h2>
            <p data-fact="preview-counts">{preview_counts(lang, ready_count, skipped_count)}</p>
            {(!skipped.is_empty()).then(|| view! {
                <h3>{tr(Key::RowsNotImported)}</h3>
                <div class="table-wrap">
                    <table class="table table--sentences" data-table="rows-not-imported">
                        <thead><tr><th>{tr(Key::Line)}</th><th>{tr(Key::Reason)}</th></tr></thead>
                        <tbody>
                            {skipped.into_iter().map(|row| {
                                let why = match &row.outcome {
                                    Err(skipped) => skipped_text(lang, skipped),
                                    Ok(_) => String::new(),
                                };
                                let kind = match &row.outcome {
                                    Err(Skipped::Misshapen { .. }) => "misshapen",
                                    Err(Skipped::Invalid(_)) => "invalid",
                                    Err(Skipped::NoTicket) => "no-ticket",
                                    Err(Skipped::Ambiguous { .. }) => "ambiguous",
                                    Err(Skipped::NotAProvidersTicket) => "not-a-provider",
                                    Err(Skipped::AlreadyImported { .. }) => "already-imported",
                                    Err(Skipped::RepeatedInFile { .. }) => "repeated",
                                    Ok(_) => "",
                                };
                                view! { <tr data-line=row.line data-skipped=kind><td>{row.line}</td><td>{why}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {(!shown.is_empty()).then(|| view! {
                <h3>{tr(Key::RowsToImport)}</h3>
                <div class="table-wrap">
                    <table class="table table--sentences" data-table="rows-to-import">
                        <thead><tr>
                            <th>{tr(Key::Line)}</th><th>{tr(Key::Date)}</th><th>{tr(Key::Stars)}</th>
                            <th>{tr(Key::OrderOrCustomer)}</th><th>{tr(Key::MatchedTicket)}</th><th>{tr(Key::ProviderName)}</th>
                            <th>{move || column_role_name(state.lang.get(), ColumnRole::Text)}</th>
                        </tr></thead>
                        <tbody>
                            {shown.into_iter().map(|row| {
                                let Ok(input) = &row.outcome else { return ().into_any() };
                                let stars = match &input.detail {
                                    crate::domain::provider_inputs::InputDetail::PlatformReview(r) => r.stars,
                                    _ => 0,
                                };
                                let reference = input_reference(input, input.ticket.and_then(|t| tickets.get(&t)));
                                view! {
                                    <tr data-line=row.line data-ready="true">
                                        <td>{row.line}</td><td>{input.day.to_string()}</td><td>{format!("{stars}★")}</td>
                                        <td>{reference}</td><td>{matched_text(&row.matched)}</td><td>{provider_name(input.provider)}</td>
                                        <td class="cell--text" title=input.text.clone()>{short_text(&input.text)}</td>
                                    </tr>
                                }.into_any()
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(ready_count > SHOWN_ROWS).then(|| view! { <p class="muted">{tr(Key::MoreRowsNotShown)}</p> })}
                <p class="muted" data-hint="not-about-service">{tr(Key::NotAboutServiceAfterImport)}</p>
            })}
        </section>
    }
}
