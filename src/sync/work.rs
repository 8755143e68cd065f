//! The worker module's file work (R9.2–R9.4, R11.3): writing an export and reading one into a preview, from the
//! bytes the store holds, so the page neither encodes the whole data nor decodes a file on its one thread.
//!
//! Owns: the requests and replies (`ExportRequest`, `Exported`, `ImportRequest`, `Previewed`, `ImportWrite`) and
//! `export` / `preview_import`, which `jobs` runs in the worker. Pure, so both are tested natively. Must not: touch
//! the browser or the store (what is stored arrives as bytes; `store::in_worker` reads and writes IndexedDB).

use crate::codec::{self, Codec, CodecError, Reader, Writer, codec_enum, codec_struct};
use crate::domain::calendar::Instant;
use crate::domain::dataset::Dataset;
use crate::domain::ids::DeviceId;
use crate::domain::import::{self, KindCount, Refused};
use crate::domain::selection::{Exporter, Selection, select};
use crate::domain::slug::slugs;
use crate::store::snapshot::{self, Encoded};
use crate::store::{CHUNK_RECORDS, CURRENT_SCHEMA, StoreError, StoreSource, Stored};

use super::conflicts::{self, Shown, show};
use super::crypt::Randomness;
use super::format::{self, DeviceInfo, FileProblem, Origin, parse_iso_utc};
use super::salvage::{Salvaged, salvage};

/// What the page asks for an export: where what is stored is found, who exports what, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    pub source: StoreSource,
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

/// Writes the export a request asks for, of what is stored (`stored`, the request's source resolved).
pub fn export(request: &ExportRequest, stored: &Stored) -> Result<Exported, StoreError> {
    export_reporting(request, stored, &mut |_| {})
}

/// `export`, telling `report` how far it is as it goes.
pub fn export_reporting(
    request: &ExportRequest,
    stored: &Stored,
    report: &mut dyn FnMut(Progress),
) -> Result<Exported, StoreError> {
    Ok(export_unsealed(request, stored, report)?.seal_here())
}

/// An export written up to its seal: the body, the header that describes it, and how to seal it — so the worker
/// module can have the browser take the body's checksum (a file of hundreds of MB: WebCrypto's native SHA-256
/// beside the wasm one's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsealed {
    body: String,
    header: format::Header,
    passphrase: Option<(String, Randomness)>,
    records: u64,
}

impl Unsealed {
    /// The bytes the checksum covers.
    pub fn body(&self) -> &[u8] {
        self.body.as_bytes()
    }

    /// The file, its checksum taken here.
    pub fn seal_here(self) -> Exported {
        use sha2::Digest;
        let sha256 = sha2::Sha256::digest(self.body()).into();
        self.seal(sha256)
    }

    /// The file, given the body's SHA-256 (encrypted, with a passphrase).
    pub fn seal(self, sha256: [u8; 32]) -> Exported {
        let file = match &self.passphrase {
            None => format::seal_with(self.body, self.header, sha256),
            Some((passphrase, random)) => {
                format::seal_encrypted_with(self.body, self.header, passphrase, *random, sha256)
            }
        };
        Exported {
            file: file.into_bytes(),
            records: self.records,
        }
    }
}

/// The export a request asks for, of what is stored, up to its seal; the last step reported is the seal's.
pub fn export_unsealed(
    request: &ExportRequest,
    stored: &Stored,
    report: &mut dyn FnMut(Progress),
) -> Result<Unsealed, StoreError> {
    let mut at = reporter(report);
    at(Stage::ReadingDevice, 0, 1);
    let data = decode(stored)?;
    at(Stage::Selecting, 0, 1);
    let calendar = data.service_settings().calendar;
    let records = select(&data, &request.selection, request.exporter, &calendar);
    drop(data);
    let origin = Origin {
        device: DeviceInfo {
            id: request.device,
            name: request.device_name.clone(),
        },
        exported_at: request.at,
        exported_by: request.by.clone(),
        selection: request.selection.clone(),
    };
    let records_count = records.len() as u64;
    let (body, header) = format::body_and_header_reporting(&origin, records, &mut |done, total| {
        at(Stage::WritingFile, done, total)
    });
    at(Stage::Sealing, 0, 1);
    Ok(Unsealed {
        body,
        header,
        passphrase: request.passphrase.clone(),
        records: records_count,
    })
}

/// What the page asks for an import's preview: where what is stored is found, and the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRequest {
    pub source: StoreSource,
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

/// A file read and merged, not yet stored: what it would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Previewed {
    pub origin: FileOrigin,
    pub counts: Vec<(String, KindCount)>,
    /// With the values of each field conflict.
    pub conflicts: Vec<Shown>,
    pub refused: Vec<Refused>,
}

/// What an import writes if the user says so (`store::Store::import`): kept where the merge was made — in the
/// worker module when it read IndexedDB itself, else sent to the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportWrite {
    /// What the store held, as snapshot chunks: the backup an undo restores.
    pub before: Vec<Vec<u8>>,
    /// The merged data's snapshot, its records first.
    pub after: snapshot::Encoded,
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

/// The steps of the worker's long jobs, as the page shows their progress (R11.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Checking the file and reading its records.
    ReadingFile,
    /// Reading what this device stores.
    ReadingDevice,
    /// Merging the file's records in.
    Merging,
    /// Preparing what the import would write.
    Preparing,
    /// Choosing the records the export carries.
    Selecting,
    /// Writing the records as the file's JSON.
    WritingFile,
    /// The file's checksum (and its encryption, with a passphrase).
    Sealing,
}

slugs!(Stage {
    ReadingFile => "ReadingFile",
    ReadingDevice => "ReadingDevice",
    Merging => "Merging",
    Preparing => "Preparing",
    Selecting => "Selecting",
    WritingFile => "WritingFile",
    Sealing => "Sealing",
});

impl Stage {
    /// Every stage, as the progress messages number them.
    const NUMBERED: [Stage; 7] = [
        Stage::ReadingFile,
        Stage::ReadingDevice,
        Stage::Merging,
        Stage::Preparing,
        Stage::Selecting,
        Stage::WritingFile,
        Stage::Sealing,
    ];
    /// An import's preview, step by step.
    pub const IMPORT: [Stage; 4] = [
        Stage::ReadingFile,
        Stage::ReadingDevice,
        Stage::Merging,
        Stage::Preparing,
    ];
    /// An export, step by step.
    pub const EXPORT: [Stage; 4] = [
        Stage::ReadingDevice,
        Stage::Selecting,
        Stage::WritingFile,
        Stage::Sealing,
    ];

    /// Which step of `steps` it is (from 1), and of how many.
    pub fn step_of(self, steps: &[Stage]) -> (usize, usize) {
        let step = steps.iter().position(|s| *s == self).unwrap_or(0) + 1;
        (step, steps.len())
    }
}

/// How far a long job is: its stage, and within it how many of how many (records, or 0 of 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

impl Progress {
    /// As the worker posts it between the request and the reply: "progress:<stage>:<done>:<total>".
    pub fn message(&self) -> String {
        let stage = Stage::NUMBERED
            .iter()
            .position(|s| *s == self.stage)
            .unwrap_or(0);
        format!("progress:{stage}:{}:{}", self.done, self.total)
    }

    /// A message of the worker's, if it is a progress report.
    pub fn parse(message: &str) -> Option<Progress> {
        let mut parts = message.strip_prefix("progress:")?.split(':');
        let stage = *Stage::NUMBERED.get(parts.next()?.parse::<usize>().ok()?)?;
        Some(Progress {
            stage,
            done: parts.next()?.parse().ok()?,
            total: parts.next()?.parse().ok()?,
        })
    }
}

/// Tells `report` a stage and its count.
fn reporter(report: &mut dyn FnMut(Progress)) -> impl FnMut(Stage, usize, usize) + '_ {
    move |stage, done, total| {
        report(Progress {
            stage,
            done: done as u64,
            total: total as u64,
        })
    }
}

/// Reads, checks and merges a file into what is stored (`stored`, the request's source resolved), writing nothing.
pub fn preview_import(
    request: &ImportRequest,
    stored: &Stored,
) -> Result<(Previewed, ImportWrite), ImportProblem> {
    preview_import_reporting(request, stored, &mut |_| {})
}

/// `preview_import`, telling `report` how far it is as it goes.
pub fn preview_import_reporting(
    request: &ImportRequest,
    stored: &Stored,
    report: &mut dyn FnMut(Progress),
) -> Result<(Previewed, ImportWrite), ImportProblem> {
    let mut at = reporter(report);
    at(Stage::ReadingFile, 0, 1);
    let parsed = format::read_reporting(
        &request.file,
        request.passphrase.as_deref(),
        &mut |done, total| at(Stage::ReadingFile, done, total),
    )
    .map_err(ImportProblem::File)?;
    let header = parsed.header;
    let exported_at =
        parse_iso_utc(&header.exported_at).ok_or(ImportProblem::File(FileProblem::NotAnExport))?;
    at(Stage::ReadingDevice, 0, 1);
    let current = decode(stored).map_err(ImportProblem::Store)?;
    let calendar = current.service_settings().calendar;
    let preview = import::preview_reporting(
        &current,
        parsed.records,
        &calendar,
        request.now.max(0) as u64,
        &mut |done, total| at(Stage::Merging, done, total),
    );
    at(Stage::Preparing, 0, 1);
    if current.users.live_count() > 0 && preview.merged.users.live_count() == 0 {
        return Err(ImportProblem::File(FileProblem::RemovesEveryUser));
    }
    let previewed = Previewed {
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
    };
    let write = ImportWrite {
        // What was stored is the backup: the stored snapshot as it is when nothing was logged after it (the usual
        // case: saves are compacted, and an import's own snapshot covers the log), else re-encoded with the log.
        before: match stored.log.is_empty() {
            true => stored.chunks.clone(),
            false => snapshot::encode(&current, CHUNK_RECORDS).chunks,
        },
        after: snapshot::encode(&preview.merged, CHUNK_RECORDS),
        covers: stored.log.last().map_or(0, |(seq, _)| *seq),
        read: crate::store::digest(&stored.chunks),
    };
    Ok((previewed, write))
}

/// The dataset stored bytes hold (the current schema: the page opened the store, so older data was migrated): every
/// part that reads — the page kept any that does not in the quarantine when it opened the store.
pub(crate) fn decode(stored: &Stored) -> Result<Dataset, StoreError> {
    let log = stored
        .log
        .iter()
        .map(|(seq, entry)| (*seq, entry.as_slice()));
    let schema = stored.schema_version.unwrap_or(CURRENT_SCHEMA);
    Ok(snapshot::decode_salvaging(&stored.chunks, log, schema).0)
}

// The requests and replies as bytes between the page and the worker.

impl Codec for Stored {
    fn encode(&self, out: &mut Writer) {
        self.schema_version.encode(out);
        self.chunks.encode(out);
        self.log.encode(out);
        self.damaged.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(Stored {
            schema_version: Codec::decode(input)?,
            chunks: Codec::decode(input)?,
            log: Codec::decode(input)?,
            damaged: Codec::decode(input)?,
            unread: None,
            generation: 0,
        })
    }
}

impl Codec for StoreSource {
    fn encode(&self, out: &mut Writer) {
        match self {
            StoreSource::Sent(stored) => {
                0u8.encode(out);
                stored.encode(out);
            }
            StoreSource::IndexedDb { database } => {
                1u8.encode(out);
                database.encode(out);
            }
        }
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        match u8::decode(input)? {
            0 => Ok(StoreSource::Sent(Codec::decode(input)?)),
            1 => Ok(StoreSource::IndexedDb {
                database: Codec::decode(input)?,
            }),
            tag => Err(CodecError::BadTag {
                type_name: "StoreSource",
                tag,
            }),
        }
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
    source,
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
    source,
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
    refused
});
codec_struct!(Encoded { chunks, head });
codec_struct!(ImportWrite {
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

/// The worker's side of an export up to its seal (`Unsealed::seal`, then `sealed`), or the reply saying why not.
/// `read`: what the worker read from the request's IndexedDB database, if it names one. Progress is posted with
/// `post`.
pub fn answer_export(
    request: &[u8],
    read: Option<Result<Stored, StoreError>>,
    post: &mut dyn FnMut(&str),
) -> Result<Unsealed, Vec<u8>> {
    codec::from_bytes::<ExportRequest>(request)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
        .and_then(|request| {
            let stored = request.source.clone().resolve(read)?;
            export_unsealed(&request, &stored, &mut |progress| post(&progress.message()))
        })
        .map_err(|error| reply::<Exported, StoreError>(Err(error)))
}

/// The worker's answer to an export: the reply (how many records; `Exported::file` left empty) and the file apart
/// from it, which the page hands to the browser as it comes, without copying it through its own memory.
pub fn sealed(exported: Exported) -> (Vec<u8>, Vec<u8>) {
    let Exported { file, records } = exported;
    let answer = Exported {
        file: Vec::new(),
        records,
    };
    (reply::<Exported, StoreError>(Ok(answer)), file)
}

/// The worker's side of an import's preview, posting its progress with `post`: the reply (the preview, with what
/// to write when the store's bytes were sent) and, when the worker read IndexedDB itself, what to write kept apart
/// (it stays in the worker until the user applies or cancels). `file`: the file's bytes apart from the request (the
/// request's own empty); `read`: what the worker read from the request's database.
pub fn answer_import(
    request: &[u8],
    read: Option<Result<Stored, StoreError>>,
    file: Option<Vec<u8>>,
    post: &mut dyn FnMut(&str),
) -> (Vec<u8>, Option<ImportWrite>) {
    let result = codec::from_bytes::<ImportRequest>(request)
        .map_err(|e| ImportProblem::Store(StoreError::Corrupt(e.to_string())))
        .and_then(|mut request| {
            if let Some(file) = file {
                request.file = file;
            }
            let in_worker = request.source.database().is_some();
            let stored = request.source.clone().resolve(read)?;
            let (previewed, write) =
                preview_import_reporting(&request, &stored, &mut |progress| {
                    post(&progress.message())
                })?;
            Ok(match in_worker {
                true => ((previewed, None), Some(write)),
                false => ((previewed, Some(write)), None),
            })
        });
    match result {
        Ok((answer, kept)) => (reply::<_, ImportProblem>(Ok(answer)), kept),
        Err(problem) => (
            reply::<(Previewed, Option<ImportWrite>), _>(Err(problem)),
            None,
        ),
    }
}

/// The worker's side of the conflicts screen: every conflict in what the store holds, shown.
pub fn answer_conflicts(request: &[u8], read: Option<Result<Stored, StoreError>>) -> Vec<u8> {
    reply(
        codec::from_bytes::<StoreSource>(request)
            .map_err(|e| StoreError::Corrupt(e.to_string()))
            .and_then(|source| source.resolve(read))
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
pub fn reply<T: Codec, E: Codec>(result: Result<T, E>) -> Vec<u8> {
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
