//! "导出 CSV" and "导出 Excel" under a table: the CSV is written here (a few lines); the spreadsheet is written by
//! the worker module (`jobs`), so its writer is not in the page's bundle. Either way the browser downloads a file
//! named after the table and the day.
//!
//! Must not: build the table (the screen hands it over) or format numbers (cells carry exact values).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::export::{Table, csv};
use crate::i18n::Key;
use crate::jobs;
use crate::platform;
use crate::store::worker::ask;
use crate::ui::state::{tr, use_app_state};

const CSV_TYPE: &str = "text/csv;charset=utf-8";
const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn ExportButtons(
    name: &'static str,
    #[prop(into)] table: Signal<Table>,
    /// The file's name without its extension, when the table and the day do not say enough (a statement names its
    /// provider, period and version).
    #[prop(optional, into)]
    file: Option<Signal<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let busy = RwSignal::new(false);
    let file_name = move |extension: &str| match file {
        Some(file) => format!("{}.{extension}", file.get_untracked()),
        None => {
            let today = state
                .settings
                .with_untracked(|s| s.calendar.local_date(platform::now_ms() as i64).to_string());
            format!("{name}-{today}.{extension}")
        }
    };
    let fail = move |reason: String| {
        state.fail(format!(
            "{}: {reason}",
            Key::ExportFailed.text(state.lang.get_untracked())
        ));
    };
    let export_csv = move |_| {
        let bytes = csv(&table.get_untracked());
        if let Err(reason) = platform::download(&file_name("csv"), &bytes, CSV_TYPE) {
            fail(reason);
        }
    };
    let export_xlsx = move |_| {
        let request = jobs::xlsx_request(&table.get_untracked(), name);
        busy.set(true);
        spawn_local(async move {
            let result = match ask(request).await {
                Ok(reply) => jobs::xlsx_of(&reply)
                    .and_then(|file| platform::download(&file_name("xlsx"), file, XLSX_TYPE)),
                Err(error) => Err(format!("{error:?}")),
            };
            busy.try_set(false);
            if let Err(reason) = result {
                fail(reason);
            }
        });
    };
    view! {
        <div class="export" data-export=name>
            <button class="button" name="export-csv" on:click=export_csv>{tr(Key::ExportCsv)}</button>
            <button class="button" name="export-xlsx" on:click=export_xlsx disabled=move || busy.get()>
                {move || match busy.get() {
                    true => state.t(Key::Exporting),
                    false => state.t(Key::ExportXlsx),
                }}
            </button>
        </div>
    }
}
