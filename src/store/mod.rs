//! Persistence: a log of small records plus chunked snapshots, like a database's WAL and checkpoint.
//!
//! Owns: the `Backend` trait (IndexedDB, localStorage and in-memory implementations), `Store` — open (read the
//! snapshot and the log after it, migrate if the schema is older), save one change (one small log record),
//! compact (write a new snapshot and drop the log it covers, in one step) — and `StoreError`. Must not: decide
//! what a change means (the domain does) or show anything (the UI turns a `StoreError` into a message).
//!
//! Every save is written before the app's state changes, so a failed write leaves both as they were.

pub mod derived;
pub mod history;
pub mod idb;
pub mod in_worker;
pub mod local;
pub mod lock;
pub mod memory;
pub mod migrate;
pub mod older;
pub mod quarantine;
pub mod snapshot;
pub mod worker;

use std::cell::{Cell, RefCell};

use crate::domain::dataset::{Change, Dataset};
use crate::domain::record::MergeOutcome;
use quarantine::Unreadable;

pub use migrate::{CURRENT_SCHEMA, LAST_JSON_SCHEMA};
pub use older::{JsonHere, OlderData};

/// Log records after which the next save triggers a compaction.
pub const COMPACT_AFTER: usize = 500;
/// Records per snapshot chunk: big enough that 100k records are ~50 writes, small enough for a quick parse.
pub const CHUNK_RECORDS: usize = 2_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage is full (QuotaExceededError).
    Quota,
    /// The storage cannot be opened at all (private mode, disabled, blocked).
    Unavailable(String),
    /// The data was written by a newer version of the app.
    NewerSchema { found: u32, supported: u32 },
    /// Stored data could not be read back.
    Corrupt(String),
    /// Any other failure, with the browser's words.
    Failed(String),
    /// Undoing the last import would lose what was saved after it.
    SavedSinceImport,
    /// The data was rewritten (another tab compacted, imported or anonymised) after an import was previewed: writing
    /// the preview's merge would lose that.
    ChangedSincePreview,
    /// There is no import to undo.
    NoImport,
}

/// Which implementation is in use; the UI warns when it is not IndexedDB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackendKind {
    IndexedDb,
    LocalStorage,
    Memory,
}

/// What a backend holds: bytes it does not interpret (the encoding of `schema_version`; JSON text up to
/// `LAST_JSON_SCHEMA`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stored {
    pub schema_version: Option<u32>,
    pub chunks: Vec<Vec<u8>>,
    /// Log entries written after the snapshot, by ascending sequence number.
    pub log: Vec<(u64, Vec<u8>)>,
    /// What the backend found but could not hand over as bytes — a value of another type, a chunk the snapshot's
    /// own count says is missing — for the quarantine (the parts that are bytes but do not decode are found later).
    pub damaged: Vec<Unreadable>,
    /// The snapshot's chunks of ticket history not read yet (`Backend::load_opening`): `chunks` holds the ones
    /// before them. `None` when every chunk is here.
    pub unread: Option<Unread>,
    /// The snapshot's generation (0 where none is kept: localStorage, data sent to the worker): with the log's
    /// sequence numbers it names what was read (`derived::Source`).
    pub generation: u64,
}

/// Chunks of a snapshot left to read, and which snapshot they belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    /// The snapshot's generation (one more at every snapshot write): a read of its chunks finds out when another
    /// tab or the worker has written a new one since.
    pub generation: u64,
    /// The chunk indices, `from..to`.
    pub from: usize,
    pub to: usize,
}

/// Where a job of the worker module finds what the store holds (R11.3): sent with the request (localStorage,
/// the tests), or read by the worker itself from the IndexedDB database of that name — then the page never carries
/// the whole data, neither to the worker nor back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreSource {
    Sent(Stored),
    IndexedDb { database: String },
}

impl StoreSource {
    /// The IndexedDB database the worker must read before the job runs, if any.
    pub fn database(&self) -> Option<&str> {
        match self {
            StoreSource::Sent(_) => None,
            StoreSource::IndexedDb { database } => Some(database),
        }
    }

    /// What the store holds: as sent, or `read` (what the worker read from the database, or why it could not).
    pub fn resolve(self, read: Option<Result<Stored, StoreError>>) -> Result<Stored, StoreError> {
        match (self, read) {
            (StoreSource::Sent(stored), _) => Ok(stored),
            (StoreSource::IndexedDb { .. }, Some(read)) => read,
            (StoreSource::IndexedDb { database }, None) => Err(StoreError::Failed(format!(
                "the worker did not read the database {database}"
            ))),
        }
    }
}

impl Stored {
    fn log_pairs(&self) -> impl Iterator<Item = (u64, &[u8])> {
        self.log.iter().map(|(seq, entry)| (*seq, entry.as_slice()))
    }
}

/// The schema of data stored without one (its index was lost): the JSON era if the older reader reads it, else the
/// binary layout under which the fewest parts fail to read (the newest of equals).
async fn guess_schema(stored: &Stored, current: u32, older: &impl OlderData) -> u32 {
    if LAST_JSON_SCHEMA >= 1 && older.read(stored, LAST_JSON_SCHEMA).await.is_ok() {
        return LAST_JSON_SCHEMA;
    }
    (LAST_JSON_SCHEMA + 1..=current)
        .rev()
        .min_by_key(|schema| {
            snapshot::decode_salvaging(&stored.chunks, stored.log_pairs(), *schema)
                .1
                .len()
        })
        .unwrap_or(current)
}

/// A new snapshot: it replaces all chunks and removes every log entry with a sequence number ≤ `covers`. Without an
/// import step it also drops the backup of the last import (written after the import, the data is no longer the
/// import's: undoing would lose what was written since).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSnapshot {
    pub chunks: Vec<Vec<u8>>,
    /// How many of the first chunks hold no ticket event (`snapshot::Encoded::head`): opening reads them before the
    /// first screen and the rest behind it. `None` (a backup restored as it was kept): every chunk is read first.
    pub head: Option<usize>,
    pub covers: u64,
    pub schema_version: u32,
    /// An import or its undoing, written in the same all-or-nothing step (`None` for a compaction).
    pub import: Option<ImportStep>,
}

/// What an import (or undoing one) writes besides the snapshot (R9.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportStep {
    /// The backup kept from now on: what was stored before the import; `None` drops it (the import was undone).
    pub backup: Option<Backup>,
    /// One more line of the device's import audit (`domain::import::AuditEntry`, encoded).
    pub audit: Vec<u8>,
}

/// The data as it was stored before the last import, kept until the next import or until undone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub schema_version: u32,
    pub chunks: Vec<Vec<u8>>,
    /// SHA-256 of the snapshot the import wrote: undoing is safe while that is still exactly what is stored.
    pub after: [u8; 32],
}

/// SHA-256 of a snapshot's chunks, in order.
pub fn digest(chunks: &[Vec<u8>]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for chunk in chunks {
        hash.update((chunk.len() as u64).to_le_bytes());
        hash.update(chunk);
    }
    hash.finalize().into()
}

/// One storage implementation. Futures are not `Send`: the app runs on the browser's one thread.
#[allow(async_fn_in_trait)]
pub trait Backend {
    fn kind(&self) -> BackendKind;
    /// The IndexedDB database it stores in, which the worker module can open itself; `None` for the others.
    fn database(&self) -> Option<&str> {
        None
    }
    async fn load(&self) -> Result<Stored, StoreError>;
    /// What opening needs before the first screen: as `load`, without the snapshot's chunks of ticket history when
    /// it was written with them apart (`Stored::unread` says which). By default everything.
    async fn load_opening(&self) -> Result<Stored, StoreError> {
        self.load().await
    }
    /// Chunks `unread.from..unread.to` of snapshot `unread.generation` as `load` hands them over (the parts that
    /// are not bytes, or missing, as damaged) — `None` when that snapshot was replaced since.
    async fn load_unread(
        &self,
        unread: &Unread,
    ) -> Result<Option<(Vec<Vec<u8>>, Vec<Unreadable>)>, StoreError> {
        let _ = unread;
        Ok(None)
    }
    /// What is kept derived from the data (`derived`): bytes whose source `derived::open` checks. `None` where
    /// nothing is kept — this backend keeps nothing (localStorage: its data is small enough to read whole).
    async fn load_derived(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(None)
    }
    /// Keeps `sealed` (`derived::seal`) if the store still holds exactly what it was derived from (its
    /// `derived::Source`), checked in the same transaction; `false` when it does not (it changed meanwhile: the
    /// next derivation will catch up) or this backend keeps nothing. A snapshot write drops what was kept.
    async fn write_derived(&self, sealed: Vec<u8>) -> Result<bool, StoreError> {
        let _ = sealed;
        Ok(false)
    }
    /// Appends one entry durably and returns its sequence number (greater than every earlier one).
    async fn append(&self, entry: Vec<u8>) -> Result<u64, StoreError>;
    /// Writes `snapshot` (with its import step) all at once or not at all.
    async fn write_snapshot(&self, snapshot: NewSnapshot) -> Result<(), StoreError>;
    /// The backup the last import kept, if any.
    async fn load_backup(&self) -> Result<Option<Backup>, StoreError>;
    /// Whether a backup is kept and nothing was logged since the snapshot: cheap (no chunk is read), so a screen may
    /// ask after every change. A snapshot written without an import step drops the backup, so this is exactly
    /// "the snapshot is the last import's and nothing was saved since".
    async fn undoable(&self) -> Result<bool, StoreError>;
    /// The import audit, oldest first.
    async fn load_audit(&self) -> Result<Vec<Vec<u8>>, StoreError>;
    /// Keeps `parts` in the quarantine, apart from the data: a part kept before stays as it was; nothing ever
    /// removes one (a snapshot write does not touch them).
    async fn keep_unreadable(&self, parts: &[Unreadable]) -> Result<(), StoreError>;
    /// Everything in the quarantine, in the order it was found.
    async fn quarantine(&self) -> Result<Vec<Unreadable>, StoreError>;
    /// Waits for this store's snapshot lock, which every tab and the worker module share (Web Locks), and holds it
    /// until the returned guard is dropped: a read-merge-write of the snapshot is then never interleaved with
    /// another's. Without a lock manager (native tests, old browsers) nothing is held.
    async fn lock_snapshot(&self) -> lock::Held {
        lock::Held::default()
    }
}

/// The store the app talks to.
pub struct Store<B> {
    backend: B,
    last_seq: Cell<u64>,
    log_len: Cell<usize>,
    /// The stored schema was missing (a lost index) and was found by reading the data.
    recovered: Cell<bool>,
    /// What opening read, when it left the history for later: the source kept derived data must name
    /// (`kept_facts`).
    opened: RefCell<Option<derived::Source>>,
    /// A part of what was stored was found missing or unreadable (and kept in the quarantine): the data read is not
    /// the data the kept facts were derived from, whatever source they name.
    lost: Cell<bool>,
}

impl<B: Backend> Store<B> {
    /// Opens the store at the app's schema version, reading older (JSON) data in this thread: tests and
    /// benchmarks. The app passes `worker::InWorker` to `open_with`, which keeps the JSON reader out of its bundle.
    pub async fn open(backend: B) -> Result<(Self, Dataset), StoreError> {
        Self::open_with(backend, CURRENT_SCHEMA, &JsonHere).await
    }

    /// Opens the store, having `older` read data of an older schema (then written back at `current`), and
    /// refusing data from a newer version.
    pub async fn open_with(
        backend: B,
        current: u32,
        older: &impl OlderData,
    ) -> Result<(Self, Dataset), StoreError> {
        let (store, mut data, mut history) = Self::open_opening(backend, current, older).await?;
        store.read_history(&mut history, &mut data).await?;
        Ok((store, data))
    }

    /// Reads what is left of `history` into `data` at once — or everything again, when the snapshot was replaced
    /// meanwhile.
    pub async fn read_history(
        &self,
        history: &mut history::History,
        data: &mut Dataset,
    ) -> Result<(), StoreError> {
        loop {
            match history.read_next(self, data).await? {
                history::Progress::Read => continue,
                history::Progress::Done => return Ok(()),
                history::Progress::Replaced => {
                    *data = self.read().await?;
                    return Ok(());
                }
            }
        }
    }

    /// Opens the store as `open_with` does, reading the tickets' history only as far as the first screen needs:
    /// the data without the snapshot's ticket history, and that history to read into it behind the first screen
    /// (`history::History`; nothing left for data of an older layout, which is read whole and written back).
    pub async fn open_opening(
        backend: B,
        current: u32,
        older: &impl OlderData,
    ) -> Result<(Self, Dataset, history::History), StoreError> {
        let stored = backend.load_opening().await?;
        let is_empty = stored.chunks.is_empty() && stored.log.is_empty();
        let (found, recovered) = match stored.schema_version {
            Some(found) => (found, false),
            None if is_empty => (current, false),
            None => (guess_schema(&stored, current, older).await, true),
        };
        if found > current {
            return Err(StoreError::NewerSchema {
                found,
                supported: current,
            });
        }
        let last_seq = stored.log.last().map_or(0, |(seq, _)| *seq);
        let log_len = stored.log.len();
        let needs_migration = found < current;
        let store = Store {
            backend,
            last_seq: Cell::new(last_seq),
            log_len: Cell::new(log_len),
            recovered: Cell::new(recovered),
            lost: Cell::new(false),
            opened: RefCell::new(match (&stored.unread, found == current) {
                (Some(_), true) => Some(derived::Source::of(&stored)),
                _ => None,
            }),
        };
        // Only data of this layout is read in two steps; older data is read whole first, then written back.
        let stored = match (&stored.unread, found == current) {
            (Some(_), false) => store.backend.load().await?,
            _ => stored,
        };
        let mut data = match found <= LAST_JSON_SCHEMA {
            false => store.salvaging(&stored, found).await?,
            true => older.read(&stored, found).await?,
        };
        let mut history = history::History::new(stored.unread, found);
        if needs_migration || stored.schema_version.is_none() {
            // Written back whole: never a snapshot without the history.
            store.read_history(&mut history, &mut data).await?;
            store.write_snapshot_of(&data, current).await?;
        }
        Ok((store, data, history))
    }

    /// The KPI facts kept beside the data opening read (`derived`), when they were derived from exactly that by this
    /// build (the page's own edits since make them another data's: it forgets them). `None` when nothing or something
    /// else is kept, or the history was read whole at opening (then nothing waits for it).
    pub async fn kept_facts(&self) -> Option<crate::domain::kpi::facts::Facts> {
        if self.lost_parts() {
            return None;
        }
        let source = self.opened.borrow().clone()?;
        let sealed = self.backend.load_derived().await.ok()??;
        crate::platform::timed("derived:decode", || derived::open(&sealed, &source))
    }

    /// Whether the facts kept are those of the data opening read (or nothing is to be kept for it: it was read whole
    /// at opening); their bytes are compared, not decoded.
    pub async fn keeps_facts_of_opened(&self) -> bool {
        let Some(source) = self.opened.borrow().clone() else {
            return true;
        };
        if self.lost_parts() {
            return false;
        }
        match self.backend.load_derived().await {
            Ok(Some(sealed)) => derived::is_of(&sealed, &source),
            _ => false,
        }
    }

    /// The IndexedDB database the store is in (the worker module opens it itself), if it is one.
    pub fn database(&self) -> Option<&str> {
        self.backend.database()
    }

    /// Keeps `sealed` beside the data if it still holds what it was derived from (`Backend::write_derived`).
    pub async fn keep_derived(&self, sealed: Vec<u8>) -> Result<bool, StoreError> {
        self.backend.write_derived(sealed).await
    }

    /// What `stored` (of binary schema `schema`) holds, every part that reads; the parts that do not are kept in
    /// the quarantine first, so no later snapshot can drop them. Refused when they cannot be kept.
    async fn salvaging(&self, stored: &Stored, schema: u32) -> Result<Dataset, StoreError> {
        let (data, mut unreadable) = crate::platform::timed("store:decode", || {
            snapshot::decode_salvaging(&stored.chunks, stored.log_pairs(), schema)
        });
        unreadable.extend(stored.damaged.iter().cloned());
        self.keep_unreadable(unreadable).await?;
        Ok(data)
    }

    /// Keeps `parts` (found now) in the quarantine; refused when they cannot be kept.
    async fn keep_unreadable(&self, mut parts: Vec<Unreadable>) -> Result<(), StoreError> {
        if parts.is_empty() {
            return Ok(());
        }
        self.lost.set(true);
        let now = crate::platform::now_ms();
        parts.iter_mut().for_each(|part| part.found_at = now);
        self.backend.keep_unreadable(&parts).await
    }

    /// Whether a part of what was stored was found missing or unreadable since opening (kept in the quarantine): kept
    /// facts are then not trusted (`kept_facts`), and derived again from what reads.
    pub fn lost_parts(&self) -> bool {
        self.lost.get()
    }

    /// Whether opening found the data without its stored schema (a lost index) and read it by trying.
    pub fn recovered(&self) -> bool {
        self.recovered.get()
    }

    /// The parts of what was stored that did not read, kept apart (oldest first).
    pub async fn quarantine(&self) -> Result<Vec<Unreadable>, StoreError> {
        self.backend.quarantine().await
    }

    /// A store over `backend` that has not read it: for the worker module, which writes an import it previewed
    /// (`Store::import` checks what is stored itself).
    pub fn writing_only(backend: B) -> Self {
        Store {
            backend,
            last_seq: Cell::new(0),
            log_len: Cell::new(0),
            recovered: Cell::new(false),
            opened: RefCell::new(None),
            lost: Cell::new(false),
        }
    }

    pub fn kind(&self) -> BackendKind {
        self.backend.kind()
    }

    /// Reads everything stored again (another tab saved something).
    pub async fn read(&self) -> Result<Dataset, StoreError> {
        let stored = self.backend.load().await?;
        self.note_log_of(&stored);
        self.salvaging(&stored, CURRENT_SCHEMA).await
    }

    /// Reads everything stored a part at a time, for a page that keeps showing the data it has meanwhile (a whole
    /// re-read): the log now, and every chunk of the snapshot — the records' ones fetched with it — left to the
    /// `History` returned, for the caller to decode in slices (the records' chunks alone are a 0.1 s task at 100k
    /// tickets on a slow tablet); all of it now where nothing is split (no head, another layout).
    pub async fn read_in_two_steps(&self) -> Result<(Dataset, history::History), StoreError> {
        let stored = self.backend.load_opening().await?;
        let unread = match (&stored.unread, stored.schema_version) {
            (Some(unread), Some(CURRENT_SCHEMA)) => unread.clone(),
            _ => {
                return Ok((
                    self.read().await?,
                    history::History::new(None, CURRENT_SCHEMA),
                ));
            }
        };
        self.note_log_of(&stored);
        // Changes merge in any order: the log's now, the chunks' after.
        let (data, mut found) = snapshot::decode_salvaging(&[], stored.log_pairs(), CURRENT_SCHEMA);
        found.extend(stored.damaged);
        let history =
            history::History::with_head_fetched(unread, CURRENT_SCHEMA, stored.chunks, found);
        Ok((data, history))
    }

    /// Takes the log as a read found it: its last sequence number, and its length (another writer — a tab's
    /// compaction, the worker's import — may have dropped entries).
    fn note_log_of(&self, stored: &Stored) {
        let last = stored.log.last().map_or(0, |(seq, _)| *seq);
        self.last_seq.set(self.last_seq.get().max(last));
        self.log_len.set(stored.log.len());
    }

    /// The sequence number of the last log entry this store read or wrote: a save made while something was being
    /// read shows as a change of it.
    pub fn last_seq(&self) -> u64 {
        self.last_seq.get()
    }

    /// Writes one change to the log. Only after this succeeds may the caller apply it to its state.
    pub async fn save(&self, change: &Change) -> Result<(), StoreError> {
        let seq = self.backend.append(snapshot::encode_change(change)).await?;
        self.last_seq.set(seq);
        self.log_len.set(self.log_len.get() + 1);
        Ok(())
    }

    pub fn needs_compaction(&self) -> bool {
        self.log_len.get() >= COMPACT_AFTER
    }

    /// Writes a snapshot of `data` and drops the log it covers. What is stored now — the snapshot and log entries
    /// another tab wrote meanwhile — is read first and merged in (merging is idempotent), so nothing written
    /// elsewhere is dropped.
    pub async fn compact(&self, data: &Dataset) -> Result<(), StoreError> {
        self.compact_adding(|merged| merged.merge(data)).await
    }

    /// `compact`, with `add` putting this tab's data (and whatever it writes with it) into what is stored, once that
    /// is read: the caller lends its data only for that moment, without a copy.
    pub async fn compact_adding(&self, add: impl FnOnce(&mut Dataset)) -> Result<(), StoreError> {
        let _held = self.backend.lock_snapshot().await;
        let stored = self.backend.load().await?;
        let mut merged = self.salvaging(&stored, CURRENT_SCHEMA).await?;
        add(&mut merged);
        if let Some((seq, _)) = stored.log.last() {
            self.last_seq.set(self.last_seq.get().max(*seq));
        }
        self.write_snapshot_of(&merged, CURRENT_SCHEMA).await
    }

    /// Makes `data` everything this device stores: a snapshot of exactly it, covering every log entry stored now
    /// (loading the demo company on a first start; clearing the device with an empty dataset).
    pub async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError> {
        let _held = self.backend.lock_snapshot().await;
        let stored = self.backend.load().await?;
        if let Some((seq, _)) = stored.log.last() {
            self.last_seq.set(self.last_seq.get().max(*seq));
        }
        self.write_snapshot_of(data, CURRENT_SCHEMA).await
    }

    async fn write_snapshot_of(
        &self,
        data: &Dataset,
        schema_version: u32,
    ) -> Result<(), StoreError> {
        let encoded = snapshot::encode(data, CHUNK_RECORDS);
        let covers = self.last_seq.get();
        self.backend
            .write_snapshot(NewSnapshot {
                chunks: encoded.chunks,
                head: Some(encoded.head),
                covers,
                schema_version,
                import: None,
            })
            .await?;
        self.log_len.set(0);
        Ok(())
    }

    /// Adds the anonymisation `events` (R10.2, `domain::retention`) to what is stored and writes it all as the
    /// snapshot (the merge holds every event as the anonymisations make it), drops the backup of the last import —
    /// it holds the personal data — and adds `audit(n)` to the audit list, in one write: after it, nothing this
    /// device stores holds what was removed. `n` is how many of the events were new; with none (another tab got
    /// there first: the events are the same wherever made) nothing is written. Returns `n`.
    pub async fn anonymise(
        &self,
        events: Vec<Change>,
        audit: impl FnOnce(u64) -> Vec<u8>,
    ) -> Result<u64, StoreError> {
        let _held = self.backend.lock_snapshot().await;
        let stored = self.backend.load().await?;
        let mut merged = self.salvaging(&stored, CURRENT_SCHEMA).await?;
        let new = events
            .into_iter()
            .filter(|event| merged.apply(event.clone()) == MergeOutcome::Inserted)
            .count() as u64;
        if new == 0 {
            return Ok(0);
        }
        if let Some((seq, _)) = stored.log.last() {
            self.last_seq.set(self.last_seq.get().max(*seq));
        }
        let encoded = snapshot::encode(&merged, CHUNK_RECORDS);
        self.backend
            .write_snapshot(NewSnapshot {
                chunks: encoded.chunks,
                head: Some(encoded.head),
                covers: self.last_seq.get(),
                schema_version: CURRENT_SCHEMA,
                import: Some(ImportStep {
                    backup: None,
                    audit: audit(new),
                }),
            })
            .await?;
        self.log_len.set(0);
        Ok(new)
    }

    /// What is stored, as it is: the bytes an import's merge starts from (read in the worker module, so the page
    /// does not decode them twice).
    pub async fn stored(&self) -> Result<Stored, StoreError> {
        self.backend.load().await
    }

    /// Where the worker module finds what is stored: it reads an IndexedDB database itself; any other backend's
    /// bytes are read here and sent.
    pub async fn source(&self) -> Result<StoreSource, StoreError> {
        match self.backend.database() {
            Some(database) => Ok(StoreSource::IndexedDb {
                database: database.to_string(),
            }),
            None => Ok(StoreSource::Sent(self.backend.load().await?)),
        }
    }

    /// Writes an import (R9.3–R9.4) in one all-or-nothing step: `after` (the merged data's snapshot chunks)
    /// becomes the snapshot, covering the log up to `covers` (what the merge read; later entries of another tab
    /// stay and are merged on the next read); `before` (what was stored, as snapshot chunks) is kept as the backup
    /// the import can be undone to; `audit` is added to the audit list. Refused, changing nothing, when the snapshot
    /// is no longer the one the merge read (`read`, its `digest`): another tab rewrote it since, and writing the
    /// merge would lose that.
    pub async fn import(
        &self,
        before: Vec<Vec<u8>>,
        after: snapshot::Encoded,
        covers: u64,
        read: [u8; 32],
        audit: Vec<u8>,
    ) -> Result<(), StoreError> {
        let _held = self.backend.lock_snapshot().await;
        let stored = self.backend.load().await?;
        if digest(&stored.chunks) != read {
            return Err(StoreError::ChangedSincePreview);
        }
        // The log entries the import's snapshot drops: any that does not read is kept apart first.
        let dropped = Stored {
            schema_version: stored.schema_version,
            chunks: Vec::new(),
            log: stored
                .log
                .into_iter()
                .filter(|(seq, _)| *seq <= covers)
                .collect(),
            damaged: stored.damaged,
            unread: None,
            generation: stored.generation,
        };
        self.salvaging(&dropped, CURRENT_SCHEMA).await?;
        let backup = Backup {
            schema_version: CURRENT_SCHEMA,
            after: digest(&after.chunks),
            chunks: before,
        };
        self.backend
            .write_snapshot(NewSnapshot {
                chunks: after.chunks,
                head: Some(after.head),
                covers,
                schema_version: CURRENT_SCHEMA,
                import: Some(ImportStep {
                    backup: Some(backup),
                    audit,
                }),
            })
            .await?;
        self.last_seq.set(self.last_seq.get().max(covers));
        self.log_len.set(0);
        Ok(())
    }

    /// Whether the last import can be undone: a backup is kept and nothing was saved since the import.
    pub async fn can_undo_import(&self) -> Result<bool, StoreError> {
        self.backend.undoable().await
    }

    /// Restores what was stored before the last import, exactly, and adds `audit` to the audit list; refused when
    /// something was saved since (undoing would lose it) or there is nothing to undo.
    pub async fn undo_import(&self, audit: Vec<u8>) -> Result<Dataset, StoreError> {
        let _held = self.backend.lock_snapshot().await;
        let backup = self
            .backend
            .load_backup()
            .await?
            .ok_or(StoreError::NoImport)?;
        let stored = self.backend.load().await?;
        if !stored.log.is_empty() || digest(&stored.chunks) != backup.after {
            return Err(StoreError::SavedSinceImport);
        }
        let data = snapshot::decode(&backup.chunks, std::iter::empty(), backup.schema_version)?;
        let covers = stored.log.last().map_or(0, |(seq, _)| *seq);
        self.backend
            .write_snapshot(NewSnapshot {
                chunks: backup.chunks,
                head: None,
                covers,
                schema_version: backup.schema_version,
                import: Some(ImportStep {
                    backup: None,
                    audit,
                }),
            })
            .await?;
        self.log_len.set(0);
        Ok(data)
    }

    /// This device's import audit, oldest first (`domain::import::AuditEntry`, encoded).
    pub async fn audit(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        self.backend.load_audit().await
    }
}

/// The backend chosen at start: IndexedDB, or localStorage where IndexedDB is missing or refuses.
pub enum AnyBackend {
    IndexedDb(idb::IdbBackend),
    LocalStorage(local::LocalBackend),
    Memory(memory::MemoryBackend),
}

/// Runs `$call` on whichever backend `$self` is, named `$b` in it: one line per method of `AnyBackend`.
macro_rules! on_backend {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            AnyBackend::IndexedDb($b) => $call,
            AnyBackend::LocalStorage($b) => $call,
            AnyBackend::Memory($b) => $call,
        }
    };
}

impl Backend for AnyBackend {
    fn kind(&self) -> BackendKind {
        on_backend!(self, b => b.kind())
    }

    fn database(&self) -> Option<&str> {
        on_backend!(self, b => b.database())
    }

    async fn load(&self) -> Result<Stored, StoreError> {
        on_backend!(self, b => b.load().await)
    }

    async fn load_opening(&self) -> Result<Stored, StoreError> {
        on_backend!(self, b => b.load_opening().await)
    }

    async fn load_unread(
        &self,
        unread: &Unread,
    ) -> Result<Option<(Vec<Vec<u8>>, Vec<Unreadable>)>, StoreError> {
        on_backend!(self, b => b.load_unread(unread).await)
    }

    async fn load_derived(&self) -> Result<Option<Vec<u8>>, StoreError> {
        on_backend!(self, b => b.load_derived().await)
    }

    async fn write_derived(&self, sealed: Vec<u8>) -> Result<bool, StoreError> {
        on_backend!(self, b => b.write_derived(sealed).await)
    }

    async fn append(&self, entry: Vec<u8>) -> Result<u64, StoreError> {
        on_backend!(self, b => b.append(entry).await)
    }

    async fn write_snapshot(&self, snapshot: NewSnapshot) -> Result<(), StoreError> {
        on_backend!(self, b => b.write_snapshot(snapshot).await)
    }

    async fn load_backup(&self) -> Result<Option<Backup>, StoreError> {
        on_backend!(self, b => b.load_backup().await)
    }

    async fn undoable(&self) -> Result<bool, StoreError> {
        on_backend!(self, b => b.undoable().await)
    }

    async fn load_audit(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        on_backend!(self, b => b.load_audit().await)
    }

    async fn keep_unreadable(&self, parts: &[Unreadable]) -> Result<(), StoreError> {
        on_backend!(self, b => b.keep_unreadable(parts).await)
    }

    async fn quarantine(&self) -> Result<Vec<Unreadable>, StoreError> {
        on_backend!(self, b => b.quarantine().await)
    }

    async fn lock_snapshot(&self) -> lock::Held {
        on_backend!(self, b => b.lock_snapshot().await)
    }
}

impl<B> Store<B> {
    /// Gives the backend back (tests reopen a store from the same backend).
    pub fn into_backend(self) -> B {
        self.backend
    }
}
