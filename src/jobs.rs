//! What the page can ask the worker module (`worker/`) to do, as bytes: a tag byte, then the job's own request.
//! Today: read data of an older schema (`store::older`), write a table as an XLSX spreadsheet (`export::xlsx`),
//! generate the demo company (`demo`), write an export file, preview an import and list the conflicts
//! (`sync::work`, `sync::conflicts`), save what still reads of data that does not open (`sync::salvage`), and
//! write the import it previewed; read a platform's CSV export (`platform_csv`); read a QR code in a camera frame
//! (`qr::read`); derive the KPI facts of what is stored and keep them beside it (`store::derived`). Pure, so every job is tested natively; what is stored arrives as bytes — sent by
//! the page, or read from IndexedDB by `store::in_worker`, which also writes an import there.
//!
//! Must not: touch the browser.

use crate::codec;
use crate::demo::{self, DemoSpec};
use crate::domain::calendar::Calendar;
use crate::domain::calendar::Instant;
use crate::domain::dataset::Change;
use crate::domain::ids::DeviceId;
use crate::export::{Table, xlsx};
use crate::platform_csv::{self, CsvProblem, RawTable};
use crate::store::{StoreError, StoreSource, Stored, older};
use crate::sync::conflicts::Shown;
use crate::sync::salvage::Salvaged;
use crate::sync::work::{
    self, ExportRequest, Exported, ImportProblem, ImportRequest, ImportWrite, Previewed, Unsealed,
};

const OLDER_DATA: u8 = 0;
const XLSX: u8 = 1;
const DEMO: u8 = 2;
const EXPORT: u8 = 3;
const IMPORT: u8 = 4;
const CONFLICTS: u8 = 5;
const SALVAGE: u8 = 6;
const WRITE_IMPORT: u8 = 7;
const PLATFORM_CSV: u8 = 8;
const QR_FRAME: u8 = 9;
const DERIVE: u8 = 10;

/// A job's answer in the worker: the reply, a file beside it (an export's, posted as a `Blob` the page never
/// copies), and an import's write kept in the worker until the user applies it (`write_import_request`).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub reply: Vec<u8>,
    pub file: Option<Vec<u8>>,
    pub kept: Option<ImportWrite>,
}

/// The worker's side: the answer to one request whose store, if any, was sent with it (the tests; localStorage).
pub fn answer(request: &[u8]) -> Vec<u8> {
    answer_in_worker(request, None, None, &mut |_| {}).reply
}

/// The IndexedDB database a request needs read before it runs (`store::in_worker` reads it), if any: an export's,
/// an import's or the conflicts list's when the page names its database instead of sending what is stored.
pub fn database_to_read(request: &[u8]) -> Option<String> {
    let source = match request.split_first()? {
        (&EXPORT | &IMPORT | &CONFLICTS | &DERIVE, rest) => rest,
        _ => return None,
    };
    // The source comes first in each of these requests (`StoreSource`'s tag 1 and the database's name): only the
    // name is decoded, never sent bytes.
    match source.split_first()? {
        (1, name) => {
            use crate::codec::Codec;
            String::decode(&mut codec::Reader::new(name)).ok()
        }
        _ => None,
    }
}

/// The worker's side of one request: `read`, what the worker read of the database `database_to_read` named; `file`,
/// a file that travelled beside the request (an import's); progress messages (text: `sync::work::Progress`)
/// posted with `post` before the answer.
pub fn answer_in_worker(
    request: &[u8],
    read: Option<Result<Stored, StoreError>>,
    file: Option<Vec<u8>>,
    post: &mut dyn FnMut(&str),
) -> Answer {
    let reply = |reply| Answer {
        reply,
        ..Answer::default()
    };
    match request.split_first() {
        Some((&OLDER_DATA, rest)) => reply(older::answer(rest)),
        Some((&XLSX, rest)) => reply(match codec::from_bytes::<(String, Table)>(rest) {
            Ok((sheet, table)) => {
                let mut reply = vec![0];
                reply.extend(xlsx::write(&table, &sheet));
                reply
            }
            Err(error) => failure(&error.to_string()),
        }),
        Some((&DEMO, rest)) => reply(
            match codec::from_bytes::<((u64, u64), (i64, Calendar))>(rest) {
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
        ),
        Some((&EXPORT, rest)) => match work::answer_export(rest, read, post) {
            Ok(unsealed) => export_answer(unsealed.seal_here()),
            Err(refused) => reply(refused),
        },
        Some((&IMPORT, rest)) => {
            let (reply, kept) = work::answer_import(rest, read, file, post);
            Answer {
                reply,
                file: None,
                kept,
            }
        }
        Some((&CONFLICTS, rest)) => reply(work::answer_conflicts(rest, read)),
        Some((&SALVAGE, rest)) => reply(work::answer_salvage(rest)),
        Some((&PLATFORM_CSV, _)) => reply(platform_csv_reply(file.as_deref(), post)),
        Some((&QR_FRAME, rest)) => reply(qr_frame_reply(rest)),
        // Needs the database to write to: only `store::in_worker` answers it.
        Some((&DERIVE, _)) => reply(derived_reply(Err(StoreError::Failed(
            "deriving needs the database".into(),
        )))),
        Some((&WRITE_IMPORT, _)) => reply(written_reply(Err(StoreError::Failed(
            "no import was previewed in this worker".into(),
        )))),
        _ => reply(failure("unknown job")),
    }
}

/// Asks the worker to look for a QR code in a camera frame of `width` × `height` grey pixels (one byte each).
pub fn qr_frame_request(width: u32, height: u32, grey: &[u8]) -> Vec<u8> {
    let mut request = Vec::with_capacity(9 + grey.len());
    request.push(QR_FRAME);
    request.extend(width.to_le_bytes());
    request.extend(height.to_le_bytes());
    request.extend_from_slice(grey);
    request
}

/// The text of the QR code read in the frame, or nothing (an empty reply) when none could be read.
fn qr_frame_reply(rest: &[u8]) -> Vec<u8> {
    let size = |at: usize| -> Option<usize> {
        let bytes: [u8; 4] = rest.get(at..at + 4)?.try_into().ok()?;
        Some(u32::from_le_bytes(bytes) as usize)
    };
    let (Some(width), Some(height)) = (size(0), size(4)) else {
        return Vec::new();
    };
    crate::qr::read(width, height, &rest[8..])
        .map(String::into_bytes)
        .unwrap_or_default()
}

/// What the worker read in a frame (`qr_frame_request`), if it read a code.
pub fn qr_frame_text(reply: &[u8]) -> Option<String> {
    match reply {
        [] => None,
        text => String::from_utf8(text.to_vec()).ok(),
    }
}

/// A platform's CSV file read into rows: `[0]` and the table, or `[1]` and why not; progress as the file's bytes read
/// (`sync::work::Progress`, stage `ReadingFile`).
fn platform_csv_reply(file: Option<&[u8]>, post: &mut dyn FnMut(&str)) -> Vec<u8> {
    let mut report = |done: u64, total: u64| {
        post(
            &work::Progress {
                stage: work::Stage::ReadingFile,
                done,
                total,
            }
            .message(),
        )
    };
    // No bytes at all (not an empty file): the browser could not read what was chosen.
    let Some(file) = file else {
        return [vec![1], codec::to_bytes(&CsvProblem::FileGone)].concat();
    };
    match platform_csv::read(file, &mut report) {
        Ok(table) => [vec![0], codec::to_bytes(&table)].concat(),
        Err(problem) => [vec![1], codec::to_bytes(&problem)].concat(),
    }
}

/// Reading a platform's CSV export: the file travels beside the request.
pub fn platform_csv_request() -> Vec<u8> {
    vec![PLATFORM_CSV]
}

/// The rows of the worker's reply to `platform_csv_request`, or why there are none.
pub fn platform_csv_of(reply: &[u8]) -> Result<Result<RawTable, CsvProblem>, String> {
    match reply.split_first() {
        Some((0, table)) => codec::from_bytes(table).map(Ok).map_err(|e| e.to_string()),
        Some((1, problem)) => codec::from_bytes(problem)
            .map(Err)
            .map_err(|e| e.to_string()),
        _ => Err("empty reply".into()),
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

/// Whether `request` asks for an export.
pub fn is_export(request: &[u8]) -> bool {
    request.first() == Some(&EXPORT)
}

/// An export's request (`is_export`) written up to its seal (`store::in_worker` has the browser's WebCrypto take the
/// checksum): the unsealed export, or the reply saying why there is none.
pub fn export_unsealed(
    request: &[u8],
    read: Option<Result<Stored, StoreError>>,
    post: &mut dyn FnMut(&str),
) -> Result<Unsealed, Vec<u8>> {
    match request.split_first() {
        Some((&EXPORT, rest)) => work::answer_export(rest, read, post),
        _ => Err(failure("not an export")),
    }
}

/// The answer to an export, once sealed (`Unsealed::seal`).
pub fn export_answer(exported: Exported) -> Answer {
    let (reply, file) = work::sealed(exported);
    Answer {
        reply,
        file: Some(file),
        kept: None,
    }
}

/// Writing the import the same worker previewed (kept there: `Answer::kept`) into the IndexedDB database
/// `database`, with `audit` (an encoded `domain::import::AuditEntry`) as its audit line.
pub fn write_import_request(database: &str, audit: Vec<u8>) -> Vec<u8> {
    let mut out = vec![WRITE_IMPORT];
    out.extend(codec::to_bytes(&(database.to_string(), audit)));
    out
}

/// The database and the audit line of a `write_import_request`, if `request` is one.
pub fn write_import_of(request: &[u8]) -> Option<(String, Vec<u8>)> {
    match request.split_first()? {
        (&WRITE_IMPORT, rest) => codec::from_bytes(rest).ok(),
        _ => None,
    }
}

/// Deriving the KPI facts of what the IndexedDB database `database` holds and keeping them beside it
/// (`store::derived`; `store::in_worker` reads, derives and writes).
pub fn derive_request(database: &str) -> Vec<u8> {
    let mut out = vec![DERIVE];
    out.extend(codec::to_bytes(&StoreSource::IndexedDb {
        database: database.to_string(),
    }));
    out
}

pub fn is_derive(request: &[u8]) -> bool {
    request.first() == Some(&DERIVE)
}

/// The worker's reply to a `derive_request`: kept (`true`), not kept because the data changed meanwhile or is of
/// another layout (`false`), or why it failed.
pub fn derived_reply(result: Result<bool, StoreError>) -> Vec<u8> {
    work::reply(result)
}

/// What the worker answered to a `derive_request` (`derived_reply`).
pub fn derived_of(reply: &[u8]) -> Result<bool, StoreError> {
    work::read_reply::<bool, StoreError>(reply)
}

/// The worker's reply to a `write_import_request`: written, or why not.
pub fn written_reply(result: Result<(), StoreError>) -> Vec<u8> {
    work::reply(result.map(|()| true))
}

/// Whether the worker wrote the import (its reply to `write_import_request`).
pub fn written_of(reply: &[u8]) -> Result<(), StoreError> {
    work::read_reply::<bool, StoreError>(reply).map(|_| ())
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

/// The preview in the worker's reply to `import_request`, with what to write when the store's bytes were sent
/// (`None`: the worker keeps it, and writes it on `write_import_request`).
pub fn previewed_of(reply: &[u8]) -> Result<(Previewed, Option<ImportWrite>), ImportProblem> {
    work::read_reply(reply)
}

/// Listing the conflicts in what the store holds.
pub fn conflicts_request(source: &StoreSource) -> Vec<u8> {
    let mut out = vec![CONFLICTS];
    out.extend(codec::to_bytes(source));
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
