//! The worker module's file work (SPEC R9.2–R9.4, R11.3): writing an export and reading one into a preview, from the
//! bytes the store holds, so the page neither encodes the whole data nor decodes a file on its one thread.
//!
//! Owns: the requests and replies (`ExportRequest`, `Exported`, `ImportRequest`, `Previewed`) and `export` /
//! `preview_import`, which `jobs` runs in the worker. Pure, so both are tested natively. Must not: touch the browser
//! or the store (the page reads and writes it).

use crate::codec::{self, Codec, CodecError, Reader, Writer, codec_enum, codec_struct};
use crate::domain::calendar::Instant;
use crate::domain::dataset::Dataset;
use crate::domain::ids::DeviceId;
use crate::domain::import::{self, KindCount, Refused};
use crate::domain::selection::{Exporter, Selection, select};
use crate::store::snapshot;
use crate::store::{CHUNK_RECORDS, CURRENT_SCHEMA, StoreError, Stored};

use super::conflicts::{self, Shown, show};
use super::crypt::Randomness;
use super::format::{self, DeviceInfo, FileProblem, Origin, parse_iso_utc};
use super::salvage::{Salvaged, salvage};

/// What the page asks for an export: what the store holds, who exports what, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    pub stored: Stored,
    pub device: DeviceId,
    pub device_name: String,
    pub at: Instant,
    pub by: String,
    pub exporter: Exporter,
    pub selection: Selection,
    /// With a passphrase, the body is encrypted (`crypt`), with these random bytes.
    pub passphrase: Option<(String, Randomness)>,
}

/// An export written: the file's bytes and how many records it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    pub file: Vec<u8>,
    pub records: u64,
}

/// Writes the export a request asks for.
pub fn export(request: &ExportRequest) -> Result<Exported, StoreError> {
    let data = decode(&request.stored)?;
    let calendar = data.service_settings().calendar;
    let records = select(&data, &request.selection, request.exporter, &calendar);
    let origin = Origin {
        device: DeviceInfo {
            id: request.device,
            name: request.device_name.clone(),
        },
        exported_at: request.at,
        exported_by: request.by.clone(),
        selection: request.selection.clone(),
    };
    let count = records.len() as u64;
    let file = match &request.passphrase {
        None => format::write(&origin, records),
        Some((passphrase, random)) => {
            format::write_encrypted(&origin, records, passphrase, *random)
        }
    };
    Ok(Exported {
        file: file.into_bytes(),
        records: count,
    })
}

/// What the page asks for an import's preview: what the store holds and the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRequest {
    pub stored: Stored,
    pub file: Vec<u8>,
    pub passphrase: Option<String>,
    pub now: Instant,
}

/// Where a file came from, as its header says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileOrigin {
    pub device: DeviceId,
    pub device_name: String,
    pub exported_at: Instant,
    pub exported_by: String,
    pub selection: Selection,
    pub encrypted: bool,
}

/// A file read and merged, not yet stored: what it would do, and the snapshots to write if the user says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Previewed {
    pub origin: FileOrigin,
    pub counts: Vec<(String, KindCount)>,
    /// With the values of each field conflict.
    pub conflicts: Vec<Shown>,
    pub refused: Vec<Refused>,
    /// What the store held, as snapshot chunks: the backup an undo restores.
    pub before: Vec<Vec<u8>>,
    /// The merged data's snapshot chunks.
    pub after: Vec<Vec<u8>>,
    /// The last log entry the merge read (the import's snapshot covers the log up to it).
    pub covers: u64,
    /// The digest of the snapshot the merge read (`store::digest`): the import is written only over that one.
    pub read: [u8; 32],
}

impl Previewed {
    /// Whether the file brings nothing this device does not have.
    pub fn nothing_new(&self) -> bool {
        self.totals().is_nothing_new()
    }

    /// The counts over every kind.
    pub fn totals(&self) -> KindCount {
        KindCount::sum(self.counts.iter().map(|(_, c)| c))
    }
}

/// Why an import cannot be previewed: the file, or what is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportProblem {
    File(FileProblem),
    Store(StoreError),
}

/// The steps of an import's preview, as the page shows its progress (SPEC R11.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStage {
    /// Checking the file and reading its records.
    ReadingFile,
    /// Reading what this device stores.
    ReadingDevice,
    /// Merging the file's records in.
    Merging,
    /// Preparing what the import would write.
    Preparing,
}

impl ImportStage {
    pub const ALL: [ImportStage; 4] = [
        ImportStage::ReadingFile,
        ImportStage::ReadingDevice,
        ImportStage::Merging,
        ImportStage::Preparing,
    ];
}

/// How far an import's preview is: its stage, and within it how many of how many (records, or 0 of 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportProgress {
    pub stage: ImportStage,
    pub done: u64,
    pub total: u64,
}

impl ImportProgress {
    /// As the worker posts it between the request and the reply: "progress:<stage>:<done>:<total>".
    pub fn message(&self) -> String {
        let stage = ImportStage::ALL
            .iter()
            .position(|s| *s == self.stage)
            .unwrap_or(0);
        format!("progress:{stage}:{}:{}", self.done, self.total)
    }

    /// A message of the worker's, if it is a progress report.
    pub fn parse(message: &str) -> Option<ImportProgress> {
        let mut parts = message.strip_prefix("progress:")?.split(':');
        let stage = *ImportStage::ALL.get(parts.next()?.parse::<usize>().ok()?)?;
        Some(ImportProgress {
            stage,
            done: parts.next()?.parse().ok()?,
            total: parts.next()?.parse().ok()?,
        })
    }
}

/// Reads, checks and merges a file into what is stored, writing nothing.
pub fn preview_import(request: &ImportRequest) -> Result<Previewed, ImportProblem> {
    preview_import_reporting(request, &mut |_| {})
}

/// `preview_import`, telling `report` how far it is as it goes.
pub fn preview_import_reporting(
    request: &ImportRequest,
    report: &mut dyn FnMut(ImportProgress),
) -> Result<Previewed, ImportProblem> {
    let mut at = |stage, done: usize, total: usize| {
        report(ImportProgress {
            stage,
            done: done as u64,
            total: total as u64,
        })
    };
    at(ImportStage::ReadingFile, 0, 1);
    let parsed = format::read_reporting(
        &request.file,
        request.passphrase.as_deref(),
        &mut |done, total| at(ImportStage::ReadingFile, done, total),
    )
    .map_err(ImportProblem::File)?;
    let header = parsed.header;
    let exported_at =
        parse_iso_utc(&header.exported_at).ok_or(ImportProblem::File(FileProblem::NotAnExport))?;
    at(ImportStage::ReadingDevice, 0, 1);
    let current = decode(&request.stored).map_err(ImportProblem::Store)?;
    let calendar = current.service_settings().calendar;
    let preview = import::preview_reporting(
        &current,
        parsed.records,
        &calendar,
        request.now.max(0) as u64,
        &mut |done, total| at(ImportStage::Merging, done, total),
    );
    at(ImportStage::Preparing, 0, 1);
    if current.users.live_count() > 0 && preview.merged.users.live_count() == 0 {
        return Err(ImportProblem::File(FileProblem::RemovesEveryUser));
    }
    Ok(Previewed {
        origin: FileOrigin {
            device: header.device.id,
            device_name: header.device.name,
            exported_at,
            exported_by: header.exported_by,
            selection: header.selection,
            encrypted: header.encryption.is_some(),
        },
        counts: preview
            .counts
            .iter()
            .map(|(kind, count)| (kind.to_string(), *count))
            .collect(),
        conflicts: show(&preview.merged, preview.conflicts),
        refused: preview.refused,
        before: snapshot::encode(&current, CHUNK_RECORDS),
        after: snapshot::encode(&preview.merged, CHUNK_RECORDS),
        covers: request.stored.log.last().map_or(0, |(seq, _)| *seq),
        read: crate::store::digest(&request.stored.chunks),
    })
}

/// The dataset stored bytes hold (the current schema: the page opened the store, so older data was migrated).
pub(crate) fn decode(stored: &Stored) -> Result<Dataset, StoreError> {
    let log = stored.log.iter().map(|(_, entry)| entry.as_slice());
    snapshot::decode(
        &stored.chunks,
        log,
        stored.schema_version.unwrap_or(CURRENT_SCHEMA),
    )
}

// The requests and replies as bytes between the page and the worker.

impl Codec for Stored {
    fn encode(&self, out: &mut Writer) {
        self.schema_version.encode(out);
        self.chunks.encode(out);
        self.log.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(Stored {
            schema_version: Codec::decode(input)?,
            chunks: Codec::decode(input)?,
            log: Codec::decode(input)?,
        })
    }
}

impl Codec for Randomness {
    fn encode(&self, out: &mut Writer) {
        out.raw(&self.salt);
        out.raw(&self.nonce);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(Randomness {
            salt: input.array()?,
            nonce: input.array()?,
        })
    }
}

codec_struct!(ExportRequest {
    stored,
    device,
    device_name,
    at,
    by,
    exporter,
    selection,
    passphrase
});
codec_struct!(Exported { file, records });
codec_struct!(ImportRequest {
    stored,
    file,
    passphrase,
    now
});
codec_struct!(FileOrigin {
    device,
    device_name,
    exported_at,
    exported_by,
    selection,
    encrypted
});
codec_struct!(Previewed {
    origin,
    counts,
    conflicts,
    refused,
    before,
    after,
    covers,
    read
});
codec_enum!(FileProblem {
    0 => TooLarge { bytes },
    1 => NotJson(),
    2 => Truncated(),
    3 => NotAnExport(),
    4 => NewerVersion { found, supported },
    5 => Checksum(),
    6 => Encrypted(),
    7 => WrongPassphrase(),
    8 => UnknownKind { index, kind },
    9 => BadRecord { index, kind, reason },
    10 => RemovesEveryUser(),
});
codec_enum!(StoreError {
    0 => Quota(),
    1 => Unavailable(detail),
    2 => NewerSchema { found, supported },
    3 => Corrupt(detail),
    4 => Failed(detail),
    5 => SavedSinceImport(),
    6 => NoImport(),
    7 => ChangedSincePreview(),
});
codec_enum!(ImportProblem { 0 => File(problem), 1 => Store(error) });
codec_struct!(Salvaged {
    file,
    records,
    lost_parts
});
codec_struct!(Shown {
    found,
    kept_value,
    other_value
});

/// The worker's side of an export: the file, or why not (`reply`).
pub fn answer_export(request: &[u8]) -> Vec<u8> {
    reply(
        codec::from_bytes::<ExportRequest>(request)
            .map_err(|e| StoreError::Corrupt(e.to_string()))
            .and_then(|request| export(&request)),
    )
}

/// The worker's side of an import's preview, posting its progress with `post`.
pub fn answer_import(request: &[u8], post: &mut dyn FnMut(&str)) -> Vec<u8> {
    answer_import_with(request, None, post)
}

/// `answer_import`, with the file's bytes apart from the request when `file` is given (the request's own empty).
pub fn answer_import_with(
    request: &[u8],
    file: Option<Vec<u8>>,
    post: &mut dyn FnMut(&str),
) -> Vec<u8> {
    reply(
        codec::from_bytes::<ImportRequest>(request)
            .map_err(|e| ImportProblem::Store(StoreError::Corrupt(e.to_string())))
            .and_then(|mut request| {
                if let Some(file) = file {
                    request.file = file;
                }
                preview_import_reporting(&request, &mut |progress| post(&progress.message()))
            }),
    )
}

/// The worker's side of an export, with the file apart from the answer (`Exported::file` left empty): the page
/// hands it to the browser as it comes, without copying it through its own memory.
pub fn answer_export_apart(request: &[u8]) -> (Vec<u8>, Option<Vec<u8>>) {
    let result = codec::from_bytes::<ExportRequest>(request)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
        .and_then(|request| export(&request));
    match result {
        Ok(mut exported) => {
            let file = std::mem::take(&mut exported.file);
            (reply::<Exported, StoreError>(Ok(exported)), Some(file))
        }
        Err(error) => (reply::<Exported, StoreError>(Err(error)), None),
    }
}

/// The worker's side of the conflicts screen: every conflict in what the store holds, shown.
pub fn answer_conflicts(request: &[u8]) -> Vec<u8> {
    reply(
        codec::from_bytes::<Stored>(request)
            .map_err(|e| StoreError::Corrupt(e.to_string()))
            .and_then(|stored| conflicts::list(&stored)),
    )
}

/// The worker's side of a salvage: what of the stored parts reads, as an export file.
pub fn answer_salvage(request: &[u8]) -> Vec<u8> {
    reply(
        codec::from_bytes::<(Stored, (DeviceId, (String, Instant)))>(request)
            .map_err(|e| StoreError::Corrupt(e.to_string()))
            .and_then(|(stored, (device, (name, at)))| salvage(&stored, device, &name, at)),
    )
}

/// A result as bytes: 0 and the value, or 1 and the error.
fn reply<T: Codec, E: Codec>(result: Result<T, E>) -> Vec<u8> {
    codec::to_bytes(&match result {
        Ok(value) => (0u8, codec::to_bytes(&value)),
        Err(error) => (1u8, codec::to_bytes(&error)),
    })
}

/// The page's side: the value or the error a reply holds.
pub fn read_reply<T: Codec, E: Codec + From<StoreError>>(bytes: &[u8]) -> Result<T, E> {
    let unreadable = |e: CodecError| E::from(StoreError::Failed(format!("worker reply: {e}")));
    match codec::from_bytes::<(u8, Vec<u8>)>(bytes).map_err(unreadable)? {
        (0, value) => codec::from_bytes(&value).map_err(unreadable),
        (_, error) => Err(codec::from_bytes(&error).map_err(unreadable)?),
    }
}

impl From<StoreError> for ImportProblem {
    fn from(error: StoreError) -> Self {
        ImportProblem::Store(error)
    }
}
