//! The in-memory backend: the real store logic with nothing persisted beyond the value's life. Native tests and
//! benchmarks use it; an optional byte capacity makes it refuse writes like a full disk does.
//!
//! Must not: be chosen by the app in a browser (IndexedDB or localStorage are).

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::derived::{self, Source};
use super::quarantine::{Unreadable, sorted};
use super::{Backend, BackendKind, Backup, NewSnapshot, StoreError, Stored, Unread};

#[derive(Debug, Default)]
pub struct MemoryBackend {
    inner: RefCell<Inner>,
    capacity_bytes: Option<usize>,
}

#[derive(Debug, Default)]
struct Inner {
    schema_version: Option<u32>,
    chunks: Vec<Vec<u8>>,
    /// How many chunks the snapshot was written with, like the real backends keep: chunks `tamper` removes from the
    /// end are found missing.
    chunk_count: usize,
    /// How many of the first chunks hold no ticket event, when written so (`NewSnapshot::head`).
    head: Option<usize>,
    /// One more at every snapshot write.
    generation: u64,
    log: BTreeMap<u64, Vec<u8>>,
    next_seq: u64,
    backup: Option<Backup>,
    audit: Vec<Vec<u8>>,
    quarantine: BTreeMap<String, Vec<u8>>,
    /// Kept derived data (`derived`); a snapshot write drops it.
    derived: Option<Vec<u8>>,
}

impl Inner {
    fn bytes(&self) -> usize {
        self.chunks.iter().map(Vec::len).sum::<usize>()
            + self.log.values().map(Vec::len).sum::<usize>()
            + self
                .backup
                .as_ref()
                .map_or(0, |b| b.chunks.iter().map(Vec::len).sum::<usize>())
            + self.derived.as_ref().map_or(0, Vec::len)
    }
}

impl MemoryBackend {
    /// A backend that refuses any write that would take it past `bytes`.
    pub fn with_capacity(bytes: usize) -> Self {
        MemoryBackend {
            inner: RefCell::default(),
            capacity_bytes: Some(bytes),
        }
    }

    /// Makes the store full (or not) from now on.
    pub fn set_capacity(&mut self, bytes: Option<usize>) {
        self.capacity_bytes = bytes;
    }

    /// Changes the stored snapshot chunks and log entries in place, as a bad disk or a bug would (tests).
    pub fn tamper(&self, damage: impl FnOnce(&mut Vec<Vec<u8>>, &mut BTreeMap<u64, Vec<u8>>)) {
        let mut inner = self.inner.borrow_mut();
        let inner = &mut *inner;
        damage(&mut inner.chunks, &mut inner.log);
    }

    /// Forgets the stored schema version, as a lost index would (tests).
    pub fn forget_schema(&self) {
        self.inner.borrow_mut().schema_version = None;
    }

    fn fits(&self, bytes: usize) -> bool {
        self.capacity_bytes.is_none_or(|cap| bytes <= cap)
    }
}

impl Backend for MemoryBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Memory
    }

    async fn load(&self) -> Result<Stored, StoreError> {
        let inner = self.inner.borrow();
        let schema = inner.schema_version.unwrap_or(super::CURRENT_SCHEMA);
        Ok(Stored {
            schema_version: inner.schema_version,
            chunks: inner.chunks.clone(),
            log: inner.log.iter().map(|(k, v)| (*k, v.clone())).collect(),
            damaged: super::quarantine::missing_chunks(
                &(0..inner.chunks.len() as u64).collect::<Vec<_>>(),
                Some(inner.chunk_count as u64),
                schema,
                &inner.chunks,
            ),
            unread: None,
            generation: inner.generation,
        })
    }

    async fn load_opening(&self) -> Result<Stored, StoreError> {
        let mut stored = self.load().await?;
        let inner = self.inner.borrow();
        let Some(head) = inner.head.filter(|head| *head < inner.chunk_count) else {
            return Ok(stored);
        };
        let schema = inner.schema_version.unwrap_or(super::CURRENT_SCHEMA);
        stored.chunks.truncate(head);
        let indices: Vec<u64> = (0..stored.chunks.len() as u64).collect();
        stored.damaged =
            super::quarantine::missing_between(&indices, 0..head as u64, schema, &stored.chunks);
        stored.unread = Some(Unread {
            generation: inner.generation,
            from: head,
            to: inner.chunk_count,
        });
        Ok(stored)
    }

    async fn load_unread(
        &self,
        unread: &Unread,
    ) -> Result<Option<(Vec<Vec<u8>>, Vec<Unreadable>)>, StoreError> {
        let inner = self.inner.borrow();
        if inner.generation != unread.generation {
            return Ok(None);
        }
        let present = unread.to.min(inner.chunks.len()).max(unread.from);
        let chunks = inner.chunks[unread.from..present].to_vec();
        let schema = inner.schema_version.unwrap_or(super::CURRENT_SCHEMA);
        let indices: Vec<u64> = (unread.from as u64..present as u64).collect();
        let missing = super::quarantine::missing_between(
            &indices,
            unread.from as u64..unread.to as u64,
            schema,
            &chunks,
        );
        Ok(Some((chunks, missing)))
    }

    async fn append(&self, entry: Vec<u8>) -> Result<u64, StoreError> {
        let mut inner = self.inner.borrow_mut();
        if !self.fits(inner.bytes() + entry.len()) {
            return Err(StoreError::Quota);
        }
        inner.next_seq += 1;
        let seq = inner.next_seq;
        inner.log.insert(seq, entry);
        Ok(seq)
    }

    async fn write_snapshot(&self, snapshot: NewSnapshot) -> Result<(), StoreError> {
        let mut inner = self.inner.borrow_mut();
        let kept_log: usize = inner
            .log
            .range(snapshot.covers + 1..)
            .map(|(_, v)| v.len())
            .sum();
        let backup = match &snapshot.import {
            Some(step) => step.backup.clone(),
            None => None,
        };
        let new_bytes = snapshot.chunks.iter().map(Vec::len).sum::<usize>()
            + kept_log
            + backup
                .as_ref()
                .map_or(0, |b| b.chunks.iter().map(Vec::len).sum::<usize>());
        if !self.fits(new_bytes) {
            return Err(StoreError::Quota);
        }
        inner.chunk_count = snapshot.chunks.len();
        inner.head = snapshot.head;
        inner.generation += 1;
        inner.chunks = snapshot.chunks;
        inner.log = inner.log.split_off(&(snapshot.covers + 1));
        inner.schema_version = Some(snapshot.schema_version);
        inner.backup = backup;
        inner.derived = None;
        if let Some(step) = snapshot.import {
            inner.audit.push(step.audit);
        }
        Ok(())
    }

    async fn load_derived(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.inner.borrow().derived.clone())
    }

    async fn write_derived(&self, sealed: Vec<u8>) -> Result<bool, StoreError> {
        let mut inner = self.inner.borrow_mut();
        let holds = Source {
            generation: inner.generation,
            log: inner.log.keys().copied().collect(),
        };
        if derived::source_of(&sealed) != Some(holds) {
            return Ok(false);
        }
        let kept = inner.derived.as_ref().map_or(0, Vec::len);
        if !self.fits(inner.bytes() - kept + sealed.len()) {
            return Err(StoreError::Quota);
        }
        inner.derived = Some(sealed);
        Ok(true)
    }

    async fn undoable(&self) -> Result<bool, StoreError> {
        let inner = self.inner.borrow();
        Ok(inner.backup.is_some() && inner.log.is_empty())
    }

    async fn load_backup(&self) -> Result<Option<Backup>, StoreError> {
        Ok(self.inner.borrow().backup.clone())
    }

    async fn load_audit(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        Ok(self.inner.borrow().audit.clone())
    }

    async fn keep_unreadable(&self, parts: &[Unreadable]) -> Result<(), StoreError> {
        let mut inner = self.inner.borrow_mut();
        for part in parts {
            inner
                .quarantine
                .entry(part.key())
                .or_insert_with(|| part.to_stored());
        }
        Ok(())
    }

    async fn quarantine(&self) -> Result<Vec<Unreadable>, StoreError> {
        Ok(sorted(
            self.inner
                .borrow()
                .quarantine
                .values()
                .filter_map(|bytes| Unreadable::from_stored(bytes))
                .collect(),
        ))
    }
}
