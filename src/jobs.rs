//! What the page can ask the worker module (`worker/`) to do, as bytes: a tag byte, then the job's own request.
//! Today: read data of an older schema (`store::older`), write a table as an XLSX spreadsheet (`export::xlsx`),
//! generate the demo company (`demo`), write an export file, preview an import and list the conflicts
//! (`sync::work`, `sync::conflicts`), and save what still reads of data that does not open (`sync::salvage`).
//! Pure, so every job is tested natively; the worker's `main` only passes bytes to `answer`.
//!
//! Must not: touch the browser.

use crate::codec;
use crate::demo::{self, DemoSpec};
use crate::domain::calendar::Calendar;
use crate::domain::calendar::Instant;
use crate::domain::dataset::Change;
use crate::domain::ids::DeviceId;
use crate::export::{Table, xlsx};
use crate::store::{StoreError, Stored, older};
use crate::sync::conflicts::Shown;
use crate::sync::salvage::Salvaged;
use crate::sync::work::{self, ExportRequest, Exported, ImportProblem, ImportRequest, Previewed};

const OLDER_DATA: u8 = 0;
const XLSX: u8 = 1;
const DEMO: u8 = 2;
const EXPORT: u8 = 3;
const IMPORT: u8 = 4;
const CONFLICTS: u8 = 5;
const SALVAGE: u8 = 6;

/// The worker's side: the answer to one request.
pub fn answer(request: &[u8]) -> Vec<u8> {
    answer_reporting(request, &mut |_| {})
}

/// The worker's side when files travel beside the request, as `Blob`s the page never copies (an export or an import
/// file is as large as the whole data): `file`, the chosen file's bytes for an import (read in the worker); the
/// answer, and for an export the file apart from it (its `Exported::file` left empty). Progress is posted with
/// `post` before the answer.
pub fn answer_with_files(
    request: &[u8],
    file: Option<Vec<u8>>,
    post: &mut dyn FnMut(&str),
) -> (Vec<u8>, Option<Vec<u8>>) {
    match request.split_first() {
        Some((&EXPORT, rest)) => work::answer_export_apart(rest),
        Some((&IMPORT, rest)) => (work::answer_import_with(rest, file, post), None),
        _ => (answer_reporting(request, post), None),
    }
}

/// `answer`, posting progress messages (text; `sync::work::ImportProgress`) with `post` before the answer.
pub fn answer_reporting(request: &[u8], post: &mut dyn FnMut(&str)) -> Vec<u8> {
    match request.split_first() {
        Some((&OLDER_DATA, rest)) => older::answer(rest),
        Some((&XLSX, rest)) => match codec::from_bytes::<(String, Table)>(rest) {
            Ok((sheet, table)) => {
                let mut reply = vec![0];
                reply.extend(xlsx::write(&table, &sheet));
                reply
            }
            Err(error) => failure(&error.to_string()),
        },
        Some((&DEMO, rest)) => match codec::from_bytes::<((u64, u64), (i64, Calendar))>(rest) {
            Ok(((seed, tickets), (now, calendar))) => {
                let spec = DemoSpec {
                    seed,
                    tickets: tickets as usize,
                    now,
                };
                let mut reply = vec![0];
                reply.extend(codec::slice_to_bytes(&demo::generate(spec, &calendar)));
                reply
            }
            Err(error) => failure(&error.to_string()),
        },
        Some((&EXPORT, rest)) => work::answer_export(rest),
        Some((&IMPORT, rest)) => work::answer_import(rest, post),
        Some((&CONFLICTS, rest)) => work::answer_conflicts(rest),
        Some((&SALVAGE, rest)) => work::answer_salvage(rest),
        _ => failure("unknown job"),
    }
}

fn failure(reason: &str) -> Vec<u8> {
    let mut reply = vec![1];
    reply.extend(reason.as_bytes());
    reply
}

/// Reading older data: `older::request`'s bytes, tagged.
pub fn older_data(request: Vec<u8>) -> Vec<u8> {
    let mut out = vec![OLDER_DATA];
    out.extend(request);
    out
}

/// Writing `table` as a spreadsheet with one sheet called `sheet`.
pub fn xlsx_request(table: &Table, sheet: &str) -> Vec<u8> {
    let mut out = vec![XLSX];
    out.extend(codec::to_bytes(&(sheet.to_string(), table.clone())));
    out
}

/// The spreadsheet's bytes in the worker's reply to `xlsx_request`, or why there are none.
pub fn xlsx_of(reply: &[u8]) -> Result<&[u8], String> {
    match reply.split_first() {
        Some((0, file)) => Ok(file),
        Some((_, reason)) => Err(String::from_utf8_lossy(reason).into_owned()),
        None => Err("empty reply".into()),
    }
}

/// Generating the demo company of `spec` on `calendar`.
pub fn demo_request(spec: DemoSpec, calendar: &Calendar) -> Vec<u8> {
    let mut out = vec![DEMO];
    out.extend(codec::to_bytes(&(
        (spec.seed, spec.tickets as u64),
        (spec.now, calendar.clone()),
    )));
    out
}

/// The demo company's records in the worker's reply to `demo_request`.
pub fn demo_of(reply: &[u8]) -> Result<Vec<Change>, String> {
    match reply.split_first() {
        Some((0, changes)) => codec::from_bytes(changes).map_err(|e| e.to_string()),
        Some((_, reason)) => Err(String::from_utf8_lossy(reason).into_owned()),
        None => Err("empty reply".into()),
    }
}

/// Writing an export.
pub fn export_request(request: &ExportRequest) -> Vec<u8> {
    let mut out = vec![EXPORT];
    out.extend(codec::to_bytes(request));
    out
}

/// The file in the worker's reply to `export_request`.
pub fn exported_of(reply: &[u8]) -> Result<Exported, StoreError> {
    work::read_reply(reply)
}

/// Previewing an import.
pub fn import_request(request: &ImportRequest) -> Vec<u8> {
    let mut out = vec![IMPORT];
    out.extend(codec::to_bytes(request));
    out
}

/// The preview in the worker's reply to `import_request`.
pub fn previewed_of(reply: &[u8]) -> Result<Previewed, ImportProblem> {
    work::read_reply(reply)
}

/// Listing the conflicts in what the store holds.
pub fn conflicts_request(stored: &Stored) -> Vec<u8> {
    let mut out = vec![CONFLICTS];
    out.extend(codec::to_bytes(stored));
    out
}

/// The conflicts in the worker's reply to `conflicts_request`.
pub fn conflicts_of(reply: &[u8]) -> Result<Vec<Shown>, StoreError> {
    work::read_reply(reply)
}

/// Saving what reads of `stored` as an export of this device (`device`, called `name`) at `at`.
pub fn salvage_request(stored: &Stored, device: DeviceId, name: &str, at: Instant) -> Vec<u8> {
    let mut out = vec![SALVAGE];
    out.extend(codec::to_bytes(&(
        stored.clone(),
        (device, (name.to_string(), at)),
    )));
    out
}

/// The file in the worker's reply to `salvage_request`.
pub fn salvaged_of(reply: &[u8]) -> Result<Salvaged, StoreError> {
    work::read_reply(reply)
}
