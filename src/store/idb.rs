//! The IndexedDB backend: object stores `log` (auto-increment keys, one small `Uint8Array` per change), `snapshot`
//! (chunk index → `Uint8Array`) and `meta` (the schema version; the backup's schema and digest) — so a save is one
//! small write and a snapshot is a handful of large ones in one transaction — and, since structure version 2,
//! `backup` (the chunks stored before the last import) and `audit` (one entry per import or undo, auto-increment);
//! since 3, `quarantine` (parts that did not read, never removed). `meta` also keeps the snapshot's chunk count: a
//! chunk gone missing, or a value that is not bytes, is handed over as damaged (`Stored::damaged`), never a failed
//! load. A read-merge-write of the snapshot holds the Web
//! Lock `<database>.snapshot` (`store::lock`).
//! Data of schema 1 held JSON strings: read as their UTF-8 bytes.
//!
//! Must not: interpret the bytes it stores. Browser-only: calling it natively panics.

use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, TransactionMode};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

use super::quarantine::{Part, Unreadable, sorted};
use super::{Backend, BackendKind, Backup, NewSnapshot, StoreError, Stored, Unread};

pub const DATABASE: &str = "aftersales";
/// The IndexedDB structure version (object stores). The data's schema version is separate (`migrate`).
const DB_VERSION: u32 = 3;
const LOG: &str = "log";
const SNAPSHOT: &str = "snapshot";
const META: &str = "meta";
const BACKUP: &str = "backup";
const AUDIT: &str = "audit";
/// Since structure version 3: parts of the data that did not read, kept apart (`store::quarantine`), by key.
const QUARANTINE: &str = "quarantine";
const SCHEMA_KEY: &str = "schema_version";
/// In `meta`: how many chunks the snapshot was written with, so that a chunk gone missing is found (not in data
/// written before it).
const CHUNKS_KEY: &str = "chunks";
/// In `meta`: how many of the snapshot's first chunks hold no ticket event (`NewSnapshot::head`): opening reads them,
/// and the rest behind the first screen. Absent (data written before it, a backup restored): every chunk at once.
const HEAD_KEY: &str = "head_chunks";
/// In `meta`: one more at every snapshot write, so a read of the history's chunks after opening knows whether they
/// are still the snapshot's it opened.
const GENERATION_KEY: &str = "generation";
/// In `meta`: the KPI facts derived from the data, sealed with their source (`derived`); a snapshot write removes
/// them.
const DERIVED_KEY: &str = "derived";
/// In `meta`: the backup's schema (4 bytes, little-endian) and the digest of the snapshot the import wrote.
const BACKUP_KEY: &str = "backup";

pub struct IdbBackend {
    db: Database,
    name: String,
}

impl IdbBackend {
    /// Opens (creating or upgrading) the database. `on_other_tab_upgrade` runs when another tab needs a newer
    /// structure: this tab must let go (the app reloads).
    pub async fn open(
        database: &str,
        on_other_tab_upgrade: impl Fn() + 'static,
    ) -> Result<Self, StoreError> {
        let factory = Factory::new().map_err(unavailable)?;
        let mut request = factory
            .open(database, Some(DB_VERSION))
            .map_err(unavailable)?;
        request.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            let existing = db.store_names();
            for name in [LOG, AUDIT] {
                if !existing.iter().any(|n| n == name) {
                    let mut params = ObjectStoreParams::new();
                    params.auto_increment(true);
                    let _ = db.create_object_store(name, params);
                }
            }
            for name in [SNAPSHOT, META, BACKUP, QUARANTINE] {
                if !existing.iter().any(|n| n == name) {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
        });
        let mut db = request
            .await
            .map_err(|error| match is_version_error(&error) {
                // Upgraded by a newer version of the app: not a reason to fall back to an empty localStorage.
                true => StoreError::NewerSchema {
                    found: 0,
                    supported: super::CURRENT_SCHEMA,
                },
                false => unavailable(error),
            })?;
        db.on_version_change(move |_| on_other_tab_upgrade());
        Ok(IdbBackend {
            db,
            name: database.to_string(),
        })
    }

    /// Removes the whole database (tests, "clear all data").
    pub async fn delete(database: &str) -> Result<(), StoreError> {
        let factory = Factory::new().map_err(unavailable)?;
        factory
            .delete(database)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        Ok(())
    }

    pub fn close(&self) {
        self.db.close();
    }

    /// What is stored: every chunk of the snapshot, or (`opening`) only the ones before its ticket history, the rest
    /// named in `Stored::unread`.
    async fn load_reading(&self, opening: bool) -> Result<Stored, StoreError> {
        let tx = self
            .db
            .transaction(&[LOG, SNAPSHOT, META], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let meta = tx.object_store(META).map_err(failed)?;
        let Meta {
            schema_version,
            chunks: chunk_count,
            head,
            generation,
        } = read_meta(&meta).await?;
        let schema = schema_version.unwrap_or(super::CURRENT_SCHEMA);
        // Read in two steps only when the snapshot says where its history begins and how many chunks it has.
        let split = match (opening, head, chunk_count) {
            (true, Some(head), Some(count)) if head < count => {
                Some((head as usize, count as usize))
            }
            _ => None,
        };
        let mut damaged = Vec::new();
        let (indices, chunks) =
            read_chunks_in(&tx, split.map(|(head, _)| 0..head), schema, &mut damaged).await?;
        let expected = match split {
            Some((head, _)) => Some(head as u64),
            None => chunk_count,
        };
        damaged.extend(super::quarantine::missing_chunks(
            &indices, expected, schema, &chunks,
        ));
        let log = self.read_log_in(&tx, schema, &mut damaged).await?;
        tx.await.map_err(failed)?;
        Ok(Stored {
            schema_version,
            chunks,
            log,
            damaged,
            unread: split.map(|(head, count)| Unread {
                generation,
                from: head,
                to: count,
            }),
            generation,
        })
    }

    /// The log's entries; one whose key is not a number or whose value is not bytes goes to `damaged` instead.
    async fn read_log_in(
        &self,
        tx: &idb::Transaction,
        schema: u32,
        damaged: &mut Vec<Unreadable>,
    ) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let log = tx.object_store(LOG).map_err(failed)?;
        let keys = log
            .get_all_keys(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let values = log
            .get_all(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let mut entries = Vec::with_capacity(values.len());
        for (key, value) in keys.into_iter().zip(values) {
            match (as_seq(&key), as_bytes(value.clone())) {
                (Ok(seq), Ok(bytes)) => entries.push((seq, bytes)),
                (seq, _) => damaged.push(Unreadable::not_bytes(
                    Part::Log {
                        seq: seq.unwrap_or(0),
                        schema,
                    },
                    format!("{} = {}", describe(&key), describe(&value)),
                )),
            }
        }
        Ok(entries)
    }
}

impl Backend for IdbBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::IndexedDb
    }

    fn database(&self) -> Option<&str> {
        Some(&self.name)
    }

    async fn load(&self) -> Result<Stored, StoreError> {
        self.load_reading(false).await
    }

    async fn load_opening(&self) -> Result<Stored, StoreError> {
        self.load_reading(true).await
    }

    async fn load_unread(
        &self,
        unread: &Unread,
    ) -> Result<Option<(Vec<Vec<u8>>, Vec<Unreadable>)>, StoreError> {
        let tx = self
            .db
            .transaction(&[SNAPSHOT, META], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let meta = tx.object_store(META).map_err(failed)?;
        let stored = read_meta(&meta).await?;
        if stored.generation != unread.generation {
            tx.await.map_err(failed)?;
            return Ok(None);
        }
        let schema = stored.schema_version.unwrap_or(super::CURRENT_SCHEMA);
        let mut damaged = Vec::new();
        let (indices, chunks) =
            read_chunks_in(&tx, Some(unread.from..unread.to), schema, &mut damaged).await?;
        tx.await.map_err(failed)?;
        damaged.extend(super::quarantine::missing_between(
            &indices,
            unread.from as u64..unread.to as u64,
            schema,
            &chunks,
        ));
        Ok(Some((chunks, damaged)))
    }

    async fn load_derived(&self) -> Result<Option<Vec<u8>>, StoreError> {
        let tx = self
            .db
            .transaction(&[META], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let value = tx
            .object_store(META)
            .map_err(failed)?
            .get(JsValue::from_str(DERIVED_KEY))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        tx.await.map_err(failed)?;
        // Anything but bytes is not a derivation of this app's: as if none were kept.
        Ok(value.and_then(|v| v.dyn_into::<Uint8Array>().ok().map(|a| a.to_vec())))
    }

    async fn write_derived(&self, sealed: Vec<u8>) -> Result<bool, StoreError> {
        let Some(source) = super::derived::source_of(&sealed) else {
            return Ok(false);
        };
        let tx = self
            .db
            .transaction(&[LOG, META], TransactionMode::ReadWrite)
            .map_err(failed)?;
        let meta = tx.object_store(META).map_err(failed)?;
        let generation = read_meta(&meta).await?.generation;
        let keys = tx
            .object_store(LOG)
            .map_err(failed)?
            .get_all_keys(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let log: Vec<u64> = keys.iter().filter_map(|key| as_seq(key).ok()).collect();
        if generation != source.generation || log != source.log || log.len() != keys.len() {
            finish(tx).await?;
            return Ok(false);
        }
        meta.put(
            &Uint8Array::from(sealed.as_slice()),
            Some(&JsValue::from_str(DERIVED_KEY)),
        )
        .map_err(write_error)?
        .await
        .map_err(write_error)?;
        finish(tx).await?;
        Ok(true)
    }

    async fn append(&self, entry: Vec<u8>) -> Result<u64, StoreError> {
        let tx = self
            .db
            .transaction(&[LOG], TransactionMode::ReadWrite)
            .map_err(failed)?;
        let log = tx.object_store(LOG).map_err(failed)?;
        let key = log
            .add(&Uint8Array::from(entry.as_slice()), None)
            .map_err(write_error)?
            .await
            .map_err(write_error)?;
        finish(tx).await?;
        as_seq(&key)
    }

    async fn write_snapshot(&self, snapshot: NewSnapshot) -> Result<(), StoreError> {
        // Every snapshot write touches the backup: an import's keeps its own, any other drops the last one.
        let stores: &[&str] = match snapshot.import {
            Some(_) => &[LOG, SNAPSHOT, META, BACKUP, AUDIT],
            None => &[LOG, SNAPSHOT, META, BACKUP],
        };
        let tx = self
            .db
            .transaction(stores, TransactionMode::ReadWrite)
            .map_err(failed)?;
        let chunks = tx.object_store(SNAPSHOT).map_err(failed)?;
        chunks
            .clear()
            .map_err(write_error)?
            .await
            .map_err(write_error)?;
        for (index, chunk) in snapshot.chunks.iter().enumerate() {
            let key = JsValue::from_f64(index as f64);
            chunks
                .put(&Uint8Array::from(chunk.as_slice()), Some(&key))
                .map_err(write_error)?
                .await
                .map_err(write_error)?;
        }
        if snapshot.covers > 0 {
            let covered =
                KeyRange::upper_bound(&JsValue::from_f64(snapshot.covers as f64), Some(false))
                    .map_err(failed)?;
            let log = tx.object_store(LOG).map_err(failed)?;
            log.delete(covered)
                .map_err(write_error)?
                .await
                .map_err(write_error)?;
        }
        let meta = tx.object_store(META).map_err(failed)?;
        let generation = read_meta(&meta).await?.generation;
        let numbers = [
            (SCHEMA_KEY, snapshot.schema_version as f64),
            (CHUNKS_KEY, snapshot.chunks.len() as f64),
            (GENERATION_KEY, (generation + 1) as f64),
        ];
        for (key, number) in numbers {
            meta.put(&JsValue::from_f64(number), Some(&JsValue::from_str(key)))
                .map_err(write_error)?
                .await
                .map_err(write_error)?;
        }
        // Derived from the snapshot this one replaces: derived again from the new one.
        meta.delete(JsValue::from_str(DERIVED_KEY))
            .map_err(write_error)?
            .await
            .map_err(write_error)?;
        let head = JsValue::from_str(HEAD_KEY);
        match snapshot.head {
            Some(chunks) => {
                meta.put(&JsValue::from_f64(chunks as f64), Some(&head))
                    .map_err(write_error)?
                    .await
                    .map_err(write_error)?;
            }
            None => {
                meta.delete(head)
                    .map_err(write_error)?
                    .await
                    .map_err(write_error)?;
            }
        }
        let backup = tx.object_store(BACKUP).map_err(failed)?;
        backup
            .clear()
            .map_err(write_error)?
            .await
            .map_err(write_error)?;
        let key = JsValue::from_str(BACKUP_KEY);
        if snapshot.import.is_none() {
            meta.delete(key.clone())
                .map_err(write_error)?
                .await
                .map_err(write_error)?;
        }
        if let Some(step) = snapshot.import {
            match step.backup {
                Some(kept) => {
                    for (index, chunk) in kept.chunks.iter().enumerate() {
                        backup
                            .put(
                                &Uint8Array::from(chunk.as_slice()),
                                Some(&JsValue::from_f64(index as f64)),
                            )
                            .map_err(write_error)?
                            .await
                            .map_err(write_error)?;
                    }
                    let mut about = kept.schema_version.to_le_bytes().to_vec();
                    about.extend_from_slice(&kept.after);
                    meta.put(&Uint8Array::from(about.as_slice()), Some(&key))
                        .map_err(write_error)?
                        .await
                        .map_err(write_error)?;
                }
                None => {
                    meta.delete(key)
                        .map_err(write_error)?
                        .await
                        .map_err(write_error)?;
                }
            }
            let audit = tx.object_store(AUDIT).map_err(failed)?;
            audit
                .add(&Uint8Array::from(step.audit.as_slice()), None)
                .map_err(write_error)?
                .await
                .map_err(write_error)?;
        }
        finish(tx).await
    }

    async fn load_backup(&self) -> Result<Option<Backup>, StoreError> {
        let tx = self
            .db
            .transaction(&[META, BACKUP], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let about = tx
            .object_store(META)
            .map_err(failed)?
            .get(JsValue::from_str(BACKUP_KEY))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let Some(about) = about else {
            return Ok(None);
        };
        let about = as_bytes(about)?;
        let (schema, after) = about
            .split_first_chunk::<4>()
            .and_then(|(schema, after)| Some((*schema, <[u8; 32]>::try_from(after).ok()?)))
            .ok_or_else(|| StoreError::Corrupt("the backup's description".into()))?;
        let chunks = all_bytes_in(&tx, BACKUP).await?;
        tx.await.map_err(failed)?;
        Ok(Some(Backup {
            schema_version: u32::from_le_bytes(schema),
            chunks,
            after,
        }))
    }

    async fn undoable(&self) -> Result<bool, StoreError> {
        let tx = self
            .db
            .transaction(&[META, LOG], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let backup = tx
            .object_store(META)
            .map_err(failed)?
            .get(JsValue::from_str(BACKUP_KEY))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let logged = tx
            .object_store(LOG)
            .map_err(failed)?
            .count(None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        tx.await.map_err(failed)?;
        Ok(backup.is_some() && logged == 0)
    }

    async fn load_audit(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        let tx = self
            .db
            .transaction(&[AUDIT], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let entries = all_bytes_in(&tx, AUDIT).await?;
        tx.await.map_err(failed)?;
        Ok(entries)
    }

    async fn keep_unreadable(&self, parts: &[Unreadable]) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[QUARANTINE], TransactionMode::ReadWrite)
            .map_err(failed)?;
        let kept = tx.object_store(QUARANTINE).map_err(failed)?;
        for part in parts {
            let key = JsValue::from_str(&part.key());
            let known = kept
                .count(Some(idb::Query::Key(key.clone())))
                .map_err(failed)?
                .await
                .map_err(failed)?;
            if known == 0 {
                kept.put(&Uint8Array::from(part.to_stored().as_slice()), Some(&key))
                    .map_err(write_error)?
                    .await
                    .map_err(write_error)?;
            }
        }
        finish(tx).await
    }

    async fn quarantine(&self) -> Result<Vec<Unreadable>, StoreError> {
        let tx = self
            .db
            .transaction(&[QUARANTINE], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let entries = tx
            .object_store(QUARANTINE)
            .map_err(failed)?
            .get_all(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        tx.await.map_err(failed)?;
        // A kept part itself damaged is left out: the rest of the quarantine still shows.
        Ok(sorted(
            entries
                .into_iter()
                .filter_map(|value| Unreadable::from_stored(&as_bytes(value).ok()?))
                .collect(),
        ))
    }

    async fn lock_snapshot(&self) -> super::lock::Held {
        super::lock::acquire(&format!("{}.snapshot", self.name)).await
    }
}

/// Commits and waits; an aborted transaction (a full disk aborts at commit) is an error, never a silent loss.
async fn finish(tx: idb::Transaction) -> Result<(), StoreError> {
    let raw = web_sys::IdbTransaction::from(tx.commit().map_err(write_error)?);
    let committed = idb::Transaction::from(raw.clone()).await;
    // Why it aborted is known only once it has (a full disk: QuotaExceededError).
    let reason = || raw.error().map(dom_error);
    match committed {
        Ok(result) if result.is_committed() => Ok(()),
        Ok(_) => Err(reason().unwrap_or_else(|| StoreError::Failed("transaction aborted".into()))),
        Err(error) => Err(reason().unwrap_or_else(|| write_error(error))),
    }
}

/// Every value of object store `name`, as bytes, in key order.
async fn all_bytes_in(tx: &idb::Transaction, name: &str) -> Result<Vec<Vec<u8>>, StoreError> {
    tx.object_store(name)
        .map_err(failed)?
        .get_all(None, None)
        .map_err(failed)?
        .await
        .map_err(failed)?
        .into_iter()
        .map(as_bytes)
        .collect()
}

/// The numbers `meta` keeps about the snapshot.
struct Meta {
    /// None for 0 (also what a negative number or NaN becomes): the store finds it by reading.
    schema_version: Option<u32>,
    chunks: Option<u64>,
    head: Option<u64>,
    /// 0 before generations were kept.
    generation: u64,
}

async fn read_meta(meta: &idb::ObjectStore) -> Result<Meta, StoreError> {
    let number_at = |key: &str| {
        let request = meta.get(JsValue::from_str(key));
        async move {
            let value = request.map_err(failed)?.await.map_err(failed)?;
            Ok::<_, StoreError>(value.and_then(|v| v.as_f64()).map(|v| v as u64))
        }
    };
    Ok(Meta {
        schema_version: number_at(SCHEMA_KEY)
            .await?
            .map(|v| v as u32)
            .filter(|v| *v > 0),
        chunks: number_at(CHUNKS_KEY).await?,
        head: number_at(HEAD_KEY).await?,
        generation: number_at(GENERATION_KEY).await?.unwrap_or(0),
    })
}

/// The snapshot's chunks (those of `range`, or all) with their indices; a value that is not bytes goes to `damaged`.
async fn read_chunks_in(
    tx: &idb::Transaction,
    range: Option<std::ops::Range<usize>>,
    schema: u32,
    damaged: &mut Vec<Unreadable>,
) -> Result<(Vec<u64>, Vec<Vec<u8>>), StoreError> {
    let snapshot = tx.object_store(SNAPSHOT).map_err(failed)?;
    let query = match range {
        None => None,
        Some(range) => Some(
            KeyRange::bound(
                &JsValue::from_f64(range.start as f64),
                &JsValue::from_f64(range.end as f64),
                Some(false),
                Some(true),
            )
            .map_err(failed)?
            .into(),
        ),
    };
    let keys = snapshot
        .get_all_keys(query.clone(), None)
        .map_err(failed)?
        .await
        .map_err(failed)?;
    let values = snapshot
        .get_all(query, None)
        .map_err(failed)?
        .await
        .map_err(failed)?;
    let mut chunks = Vec::with_capacity(values.len());
    let mut indices = Vec::with_capacity(values.len());
    for (key, value) in keys.into_iter().zip(values) {
        let index = key.as_f64().map_or(u64::MAX, |k| k as u64);
        indices.push(index);
        match as_bytes(value.clone()) {
            Ok(bytes) => chunks.push(bytes),
            Err(_) => damaged.push(Unreadable::not_bytes(
                Part::Chunk { index, schema },
                describe(&value),
            )),
        }
    }
    Ok((indices, chunks))
}

/// A stored value as text, for the quarantine: its JSON, else what JavaScript makes of it.
fn describe(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

fn as_seq(key: &JsValue) -> Result<u64, StoreError> {
    key.as_f64()
        .map(|k| k as u64)
        .ok_or_else(|| StoreError::Corrupt("log key is not a number".into()))
}

/// A stored value's bytes: a `Uint8Array`, or (schema 1) a JSON string as UTF-8.
fn as_bytes(value: JsValue) -> Result<Vec<u8>, StoreError> {
    match value.as_string() {
        Some(text) => Ok(text.into_bytes()),
        None => value
            .dyn_into::<Uint8Array>()
            .map(|array| array.to_vec())
            .map_err(|_| StoreError::Corrupt("stored value is neither bytes nor text".into())),
    }
}

fn dom_error(error: web_sys::DomException) -> StoreError {
    match error.name().as_str() {
        "QuotaExceededError" => StoreError::Quota,
        name => StoreError::Failed(format!("{name}: {}", error.message())),
    }
}

fn write_error(error: idb::Error) -> StoreError {
    match &error {
        idb::Error::DomException(dom) => dom_error(dom.clone()),
        other => {
            let text = other.to_string();
            match text.contains("QuotaExceeded") {
                true => StoreError::Quota,
                false => StoreError::Failed(text),
            }
        }
    }
}

fn failed(error: idb::Error) -> StoreError {
    write_error(error)
}

/// Whether opening failed because the database has a newer structure version than this code knows.
fn is_version_error(error: &idb::Error) -> bool {
    match error {
        idb::Error::DomException(dom) => dom.name() == "VersionError",
        other => other.to_string().contains("VersionError"),
    }
}

fn unavailable(error: idb::Error) -> StoreError {
    StoreError::Unavailable(error.to_string())
}

/// Whether a JS value is a DOMException named QuotaExceededError (used by the localStorage backend too).
pub fn is_quota_error(value: &JsValue) -> bool {
    value
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22)
}
