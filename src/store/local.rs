//! The localStorage fallback, for browsers where IndexedDB is missing or refuses (some private modes). Same
//! interface; much smaller (about 5 MB), which the UI warns about.
//!
//! Layout under a prefix `p`: `p.meta` = `"<schema> <generation> <chunks> <next_seq>"` and, once an import was
//! written, `" <audits> <backup generation> <backup schema> <backup chunks> <digest hex>"` (a backup of `-`: none;
//! schema 1 wrote the first four as a JSON object, still read), `p.snap.<generation>.<i>` = chunk i,
//! `p.log.<seq>` = one log entry, `p.backup.<generation>.<i>` = a backup chunk, `p.audit.<n>` = an audit entry, each
//! as `~` and the bytes in base64 (schema 1 stored JSON text, read as its UTF-8 bytes). A snapshot (with its
//! backup and audit entry) is written under a new generation and becomes current only when `p.meta` is rewritten —
//! one `setItem`, the commit point — so a full storage halfway through leaves the old snapshot in force. A new
//! generation is always above every generation found under the prefix, so nothing stored is ever overwritten; if
//! `p.meta` is lost, the newest complete generation, the log and the audit are found by their keys (the store then
//! reads them by trying: `Store::recovered`). `p.quarantine.<key>` = a part that did not read (`store::quarantine`),
//! never removed. A chunk `p.meta` counts that is not there, or an entry that is not base64, is handed over as damaged
//! (`Stored::damaged`), never a failed load. Must not: interpret what it stores.

use web_sys::Storage;

use crate::codec::text::{from_text, to_text};

use super::idb::is_quota_error;
use super::quarantine::{MAX_MISSING, Part, Unreadable, missing_chunks, sorted};
use super::{Backend, BackendKind, Backup, NewSnapshot, StoreError, Stored};
use crate::domain::sorting;

pub struct LocalBackend {
    storage: Storage,
    prefix: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Meta {
    schema_version: Option<u32>,
    generation: u64,
    chunks: usize,
    next_seq: u64,
    audits: usize,
    backup: Option<BackupMeta>,
}

/// Where the backup is: its chunks' generation and count, its schema, the digest of the import's snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
struct BackupMeta {
    generation: u64,
    schema_version: u32,
    chunks: usize,
    after: [u8; 32],
}

impl Meta {
    fn to_text(&self) -> String {
        let schema = self
            .schema_version
            .map_or_else(|| "-".to_string(), |v| v.to_string());
        let base = format!(
            "{schema} {} {} {}",
            self.generation, self.chunks, self.next_seq
        );
        match (&self.backup, self.audits) {
            (None, 0) => base,
            (None, audits) => format!("{base} {audits} - - - -"),
            (Some(b), audits) => {
                let hex: String = b.after.iter().map(|x| format!("{x:02x}")).collect();
                format!(
                    "{base} {audits} {} {} {} {hex}",
                    b.generation, b.schema_version, b.chunks
                )
            }
        }
    }

    /// The meta record as this version writes it, or as schema 1 wrote it (a JSON object of the same fields).
    fn parse(text: &str) -> Option<Meta> {
        if text.starts_with('{') {
            let number = |key: &str| -> Option<u64> {
                let at = text.find(&format!("\"{key}\":"))? + key.len() + 3;
                let digits: String = text[at..]
                    .trim_start()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse().ok()
            };
            return Some(Meta {
                schema_version: number("schema_version").map(|v| v as u32),
                generation: number("generation")?,
                chunks: number("chunks")? as usize,
                next_seq: number("next_seq")?,
                ..Meta::default()
            });
        }
        let mut parts = text.split(' ');
        let schema_version = match parts.next()? {
            "-" => None,
            v => Some(v.parse().ok()?),
        };
        let mut meta = Meta {
            schema_version,
            generation: parts.next()?.parse().ok()?,
            chunks: parts.next()?.parse().ok()?,
            next_seq: parts.next()?.parse().ok()?,
            audits: 0,
            backup: None,
        };
        let Some(audits) = parts.next() else {
            return Some(meta);
        };
        meta.audits = audits.parse().ok()?;
        let rest: Vec<&str> = parts.collect();
        meta.backup = match rest.as_slice() {
            ["-", "-", "-", "-"] => None,
            [generation, schema, chunks, hex] if hex.len() == 64 => {
                let mut after = [0u8; 32];
                for (i, byte) in after.iter_mut().enumerate() {
                    *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
                }
                Some(BackupMeta {
                    generation: generation.parse().ok()?,
                    schema_version: schema.parse().ok()?,
                    chunks: chunks.parse().ok()?,
                    after,
                })
            }
            _ => return None,
        };
        Some(meta)
    }
}

/// An entry as stored: `~` and base64.
fn entry_text(bytes: &[u8]) -> String {
    format!("~{}", to_text(bytes))
}

/// A stored entry's bytes: base64 after `~`, else (schema 1) the JSON text itself.
fn entry_bytes(key: &str, text: String) -> Result<Vec<u8>, StoreError> {
    match text.strip_prefix('~') {
        Some(encoded) => {
            from_text(encoded).ok_or_else(|| StoreError::Corrupt(format!("{key} is not base64")))
        }
        None => Ok(text.into_bytes()),
    }
}

impl LocalBackend {
    pub fn open(prefix: &str) -> Result<Self, StoreError> {
        let window =
            web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
        let storage = window
            .local_storage()
            .map_err(|_| StoreError::Unavailable("localStorage refused".into()))?
            .ok_or_else(|| StoreError::Unavailable("no localStorage".into()))?;
        Ok(LocalBackend {
            storage,
            prefix: prefix.to_string(),
        })
    }

    fn key(&self, suffix: &str) -> String {
        format!("{}.{suffix}", self.prefix)
    }

    fn meta(&self) -> Result<Meta, StoreError> {
        match self.get(&self.key("meta"))? {
            None => self.meta_from_keys(),
            // Unreadable: rebuilt from the keys, as when it is missing (the schema then found by reading).
            Some(text) => Meta::parse(&text).map_or_else(|| self.meta_from_keys(), Ok),
        }
    }

    /// Every key under the prefix, without it.
    fn suffixes(&self) -> Result<Vec<String>, StoreError> {
        let count = self
            .storage
            .length()
            .map_err(|_| StoreError::Failed("cannot list keys".into()))?;
        let prefix = self.key("");
        Ok((0..count)
            .filter_map(|index| self.storage.key(index).ok().flatten())
            .filter_map(|key| key.strip_prefix(&prefix).map(str::to_string))
            .collect())
    }

    /// The generations that have chunks stored, each with its chunk indices.
    fn generations(&self) -> Result<std::collections::BTreeMap<u64, Vec<usize>>, StoreError> {
        let mut found: std::collections::BTreeMap<u64, Vec<usize>> = Default::default();
        for suffix in self.suffixes()? {
            let Some((generation, index)) = suffix
                .strip_prefix("snap.")
                .and_then(|rest| rest.split_once('.'))
            else {
                continue;
            };
            if let (Ok(generation), Ok(index)) = (generation.parse(), index.parse()) {
                found.entry(generation).or_default().push(index);
            }
        }
        Ok(found)
    }

    /// The meta record rebuilt from the keys when it is missing: the newest generation whose chunks run 0, 1, …
    /// without a gap (schema unknown), the audit entries there are, the log's highest number. Nothing found: empty.
    fn meta_from_keys(&self) -> Result<Meta, StoreError> {
        // (A generation has tens of chunks: no sort, whose code would be one more copy in every page.)
        let complete = |indices: &Vec<usize>| (0..indices.len()).all(|i| indices.contains(&i));
        let snapshot = self
            .generations()?
            .into_iter()
            .rev()
            .find(|(_, indices)| complete(indices));
        let suffixes = self.suffixes()?;
        let audits = (0..)
            .take_while(|i| suffixes.iter().any(|s| *s == format!("audit.{i}")))
            .count();
        let next_seq = suffixes
            .iter()
            .filter_map(|s| s.strip_prefix("log.")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        Ok(Meta {
            schema_version: None,
            generation: snapshot.as_ref().map_or(0, |(g, _)| *g),
            chunks: snapshot.map_or(0, |(_, indices)| indices.len()),
            next_seq,
            audits,
            backup: None,
        })
    }

    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage
            .get_item(key)
            .map_err(|_| StoreError::Failed(format!("cannot read {key}")))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage
            .set_item(key, value)
            .map_err(|e| match is_quota_error(&e) {
                true => StoreError::Quota,
                false => StoreError::Failed(format!("cannot write {key}")),
            })
    }

    fn remove(&self, key: &str) {
        let _ = self.storage.remove_item(key);
    }

    fn set_meta(&self, meta: &Meta) -> Result<(), StoreError> {
        self.set(&self.key("meta"), &meta.to_text())
    }

    /// The log's entries as stored text, by ascending sequence number.
    fn log_texts(&self) -> Result<Vec<(u64, String)>, StoreError> {
        let log_prefix = self.key("log.");
        let count = self
            .storage
            .length()
            .map_err(|_| StoreError::Failed("cannot list keys".into()))?;
        let mut entries = Vec::new();
        for index in 0..count {
            let Some(key) = self.storage.key(index).ok().flatten() else {
                continue;
            };
            let Some(seq) = key
                .strip_prefix(&log_prefix)
                .and_then(|s| s.parse::<u64>().ok())
            else {
                continue;
            };
            if let Some(entry) = self.get(&key)? {
                entries.push((seq, entry));
            }
        }
        sorting::by_key(&mut entries, |(seq, _)| *seq);
        Ok(entries)
    }

    /// The highest sequence number in the log, or 0.
    fn last_seq(&self) -> Result<u64, StoreError> {
        Ok(self.log_texts()?.last().map_or(0, |(seq, _)| *seq))
    }

    fn chunk_key(&self, generation: u64, index: usize) -> String {
        self.key(&format!("snap.{generation}.{index}"))
    }

    fn backup_key(&self, generation: u64, index: usize) -> String {
        self.key(&format!("backup.{generation}.{index}"))
    }

    fn audit_key(&self, index: usize) -> String {
        self.key(&format!("audit.{index}"))
    }

    /// The bytes stored under `key`, which must be there.
    fn bytes(&self, key: &str) -> Result<Vec<u8>, StoreError> {
        let text = self
            .get(key)?
            .ok_or_else(|| StoreError::Corrupt(format!("missing {key}")))?;
        entry_bytes(key, text)
    }
}

impl Backend for LocalBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::LocalStorage
    }

    async fn load(&self) -> Result<Stored, StoreError> {
        let meta = self.meta()?;
        let schema = meta.schema_version.unwrap_or(super::CURRENT_SCHEMA);
        let mut chunks = Vec::new();
        let mut damaged = Vec::new();
        // The chunks found (by index), and how far the count was followed: not past `MAX_MISSING` missing ones (a
        // count far above what was written is damage of its own).
        let (mut found, mut looked, mut missing) = (Vec::new(), 0, 0);
        while looked < meta.chunks && missing < MAX_MISSING {
            let key = self.chunk_key(meta.generation, looked);
            let part = Part::Chunk {
                index: looked as u64,
                schema,
            };
            match self.get(&key)? {
                None => missing += 1,
                Some(text) => {
                    found.push(looked as u64);
                    match entry_bytes(&key, text.clone()) {
                        Ok(bytes) => chunks.push(bytes),
                        Err(_) => damaged.push(Unreadable::not_bytes(part, text)),
                    }
                }
            }
            looked += 1;
        }
        damaged.extend(missing_chunks(&found, Some(looked as u64), schema, &chunks));
        let mut log = Vec::new();
        for (seq, text) in self.log_texts()? {
            match entry_bytes("", text.clone()) {
                Ok(bytes) => log.push((seq, bytes)),
                Err(_) => damaged.push(Unreadable::not_bytes(Part::Log { seq, schema }, text)),
            }
        }
        Ok(Stored {
            schema_version: meta.schema_version,
            chunks,
            log,
            damaged,
            unread: None,
            generation: 0,
        })
    }

    async fn append(&self, entry: Vec<u8>) -> Result<u64, StoreError> {
        let mut meta = self.meta()?;
        let seq = meta
            .next_seq
            .max(self.last_seq()?)
            .checked_add(1)
            .ok_or_else(|| StoreError::Corrupt("the log's numbers ran out".into()))?;
        self.set(&self.key(&format!("log.{seq}")), &entry_text(&entry))?;
        meta.next_seq = seq;
        if let Err(error) = self.set_meta(&meta) {
            self.remove(&self.key(&format!("log.{seq}")));
            return Err(error);
        }
        Ok(seq)
    }

    async fn write_snapshot(&self, snapshot: NewSnapshot) -> Result<(), StoreError> {
        let old = self.meta()?;
        // Above every generation stored, the current one or any other: nothing is overwritten.
        let newest = self.generations()?.keys().next_back().copied().unwrap_or(0);
        let generation = old.generation.max(newest) + 1;
        // Everything new is written under keys nothing reads yet; on a failure it is removed again.
        let mut written: Vec<String> = Vec::new();
        let mut write = |key: String, bytes: &[u8]| -> Result<(), StoreError> {
            self.set(&key, &entry_text(bytes))?;
            written.push(key);
            Ok(())
        };
        let mut meta = Meta {
            schema_version: Some(snapshot.schema_version),
            generation,
            chunks: snapshot.chunks.len(),
            next_seq: old.next_seq.max(snapshot.covers),
            audits: old.audits,
            backup: None,
        };
        let mut result = snapshot
            .chunks
            .iter()
            .enumerate()
            .try_for_each(|(index, chunk)| write(self.chunk_key(generation, index), chunk));
        if let (Ok(()), Some(step)) = (&result, &snapshot.import) {
            meta.backup = step.backup.as_ref().map(|b| BackupMeta {
                generation,
                schema_version: b.schema_version,
                chunks: b.chunks.len(),
                after: b.after,
            });
            result = step
                .backup
                .iter()
                .flat_map(|b| b.chunks.iter().enumerate())
                .try_for_each(|(index, chunk)| write(self.backup_key(generation, index), chunk))
                .and_then(|()| write(self.audit_key(old.audits), &step.audit));
            meta.audits = old.audits + 1;
        }
        let result = result.and_then(|()| self.set_meta(&meta));
        if let Err(error) = result {
            written.iter().for_each(|key| self.remove(key));
            return Err(error);
        }
        (0..old.chunks).for_each(|i| self.remove(&self.chunk_key(old.generation, i)));
        if let Some(kept) = &old.backup {
            (0..kept.chunks).for_each(|i| self.remove(&self.backup_key(kept.generation, i)));
        }
        for (seq, _) in self.log_texts()? {
            if seq <= snapshot.covers {
                self.remove(&self.key(&format!("log.{seq}")));
            }
        }
        Ok(())
    }

    async fn load_backup(&self) -> Result<Option<Backup>, StoreError> {
        let Some(kept) = self.meta()?.backup else {
            return Ok(None);
        };
        let chunks = (0..kept.chunks)
            .map(|i| self.bytes(&self.backup_key(kept.generation, i)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(Backup {
            schema_version: kept.schema_version,
            chunks,
            after: kept.after,
        }))
    }

    async fn undoable(&self) -> Result<bool, StoreError> {
        Ok(self.meta()?.backup.is_some() && self.log_texts()?.is_empty())
    }

    async fn load_audit(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        (0..self.meta()?.audits)
            .map(|i| self.bytes(&self.audit_key(i)))
            .collect()
    }

    async fn keep_unreadable(&self, parts: &[Unreadable]) -> Result<(), StoreError> {
        for part in parts {
            let key = self.key(&format!("quarantine.{}", part.key()));
            if self.get(&key)?.is_none() {
                self.set(&key, &entry_text(&part.to_stored()))?;
            }
        }
        Ok(())
    }

    async fn quarantine(&self) -> Result<Vec<Unreadable>, StoreError> {
        let mut parts = Vec::new();
        for suffix in self.suffixes()? {
            if suffix.starts_with("quarantine.") {
                let key = self.key(&suffix);
                // A kept part itself damaged is left out: the rest of the quarantine still shows.
                parts.extend(
                    self.bytes(&key)
                        .ok()
                        .and_then(|bytes| Unreadable::from_stored(&bytes)),
                );
            }
        }
        Ok(sorted(parts))
    }

    async fn lock_snapshot(&self) -> super::lock::Held {
        super::lock::acquire(&format!("{}.snapshot", self.prefix)).await
    }
}
