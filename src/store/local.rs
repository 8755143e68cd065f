//! The localStorage fallback, for browsers where IndexedDB is missing or refuses (some private modes). Same
//! interface; much smaller (about 5 MB), which the UI warns about.
//!
//! Layout under a prefix `p`: `p.meta` = `"<schema> <generation> <chunks> <next_seq>"` (schema 1 wrote it as a
//! JSON object, still read), `p.snap.<generation>.<i>` = chunk i, `p.log.<seq>` = one log entry, each as `~`
//! and the bytes in base64 (schema 1 stored JSON text, read as its UTF-8 bytes). A snapshot is written under a
//! new generation and becomes current only when `p.meta` is rewritten — one `setItem`, the commit point — so a
//! full storage halfway through leaves the old snapshot in force. Must not: interpret what it stores.

use web_sys::Storage;

use crate::codec::text::{from_text, to_text};

use super::idb::is_quota_error;
use super::{Backend, BackendKind, NewSnapshot, StoreError, Stored};

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
}

impl Meta {
    fn to_text(&self) -> String {
        let schema = self
            .schema_version
            .map_or_else(|| "-".to_string(), |v| v.to_string());
        format!(
            "{schema} {} {} {}",
            self.generation, self.chunks, self.next_seq
        )
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
            });
        }
        let mut parts = text.split(' ');
        let schema_version = match parts.next()? {
            "-" => None,
            v => Some(v.parse().ok()?),
        };
        Some(Meta {
            schema_version,
            generation: parts.next()?.parse().ok()?,
            chunks: parts.next()?.parse().ok()?,
            next_seq: parts.next()?.parse().ok()?,
        })
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
            None => Ok(Meta::default()),
            Some(text) => Meta::parse(&text)
                .ok_or_else(|| StoreError::Corrupt(format!("unreadable {}", self.key("meta")))),
        }
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

    fn log_entries(&self) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
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
                entries.push((seq, entry_bytes(&key, entry)?));
            }
        }
        entries.sort_by_key(|(seq, _)| *seq);
        Ok(entries)
    }

    fn chunk_key(&self, generation: u64, index: usize) -> String {
        self.key(&format!("snap.{generation}.{index}"))
    }
}

impl Backend for LocalBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::LocalStorage
    }

    async fn load(&self) -> Result<Stored, StoreError> {
        let meta = self.meta()?;
        let chunks = (0..meta.chunks)
            .map(|i| {
                let key = self.chunk_key(meta.generation, i);
                let text = self
                    .get(&key)?
                    .ok_or_else(|| StoreError::Corrupt(format!("missing {key}")))?;
                entry_bytes(&key, text)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Stored {
            schema_version: meta.schema_version,
            chunks,
            log: self.log_entries()?,
        })
    }

    async fn append(&self, entry: Vec<u8>) -> Result<u64, StoreError> {
        let mut meta = self.meta()?;
        let seq = meta
            .next_seq
            .max(self.log_entries()?.last().map_or(0, |(s, _)| *s))
            + 1;
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
        let generation = old.generation + 1;
        for (index, chunk) in snapshot.chunks.iter().enumerate() {
            if let Err(error) = self.set(&self.chunk_key(generation, index), &entry_text(chunk)) {
                (0..=index).for_each(|i| self.remove(&self.chunk_key(generation, i)));
                return Err(error);
            }
        }
        let meta = Meta {
            schema_version: Some(snapshot.schema_version),
            generation,
            chunks: snapshot.chunks.len(),
            next_seq: old.next_seq.max(snapshot.covers),
        };
        if let Err(error) = self.set_meta(&meta) {
            (0..snapshot.chunks.len()).for_each(|i| self.remove(&self.chunk_key(generation, i)));
            return Err(error);
        }
        (0..old.chunks).for_each(|i| self.remove(&self.chunk_key(old.generation, i)));
        for (seq, _) in self.log_entries()? {
            if seq <= snapshot.covers {
                self.remove(&self.key(&format!("log.{seq}")));
            }
        }
        Ok(())
    }
}
