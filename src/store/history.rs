//! The tickets' history, read behind the first screen: a snapshot keeps every record first and the tickets' events
//! after them (`snapshot::Encoded`), so opening reads the records and the log (`Store::open_opening`) and leaves the
//! history's chunks to `History`, which fetches them in batches and decodes them a part of a chunk at a time into the
//! data — the page decides how many parts per slice of its main thread, and fetches the next batch while it decodes one
//! (`claim`, `fetch_batch`, `accept`: the backend's read and the decoding overlap).
//!
//! Events merge as a set, so the order they arrive in does not change the result: the data after the last chunk is
//! the data a whole read gives (a test holds them equal). A chunk that does not read goes to the quarantine like
//! any other part, before the history counts as read.
//!
//! Must not: decide when to read (the page does), or hand over data it has not finished as whole.

use std::collections::VecDeque;

use crate::domain::dataset::Dataset;

use super::quarantine::{Part, Unreadable};
use super::snapshot;
use super::{Backend, Store, StoreError, Unread};

/// Chunks fetched from the backend per read: ≈ 2 MB at 2,000 changes a chunk (one read of them is a short task).
pub const BATCH: usize = 10;

/// Changes decoded at one `decode_next`: about 9 ms on a slow tablet (a whole chunk is 2,000, 70 ms).
const CHANGES_AT_ONCE: usize = 250;

/// A batch of the history's chunks as the backend hands it over (`Backend::load_unread`): the chunks and the parts
/// that are not bytes or missing, or `None` when the snapshot was replaced since.
pub type Batch = Option<(Vec<Vec<u8>>, Vec<Unreadable>)>;

/// What is left of the tickets' history to read into the data.
#[derive(Debug)]
pub struct History {
    unread: Option<Unread>,
    schema: u32,
    /// Fetched and not decoded yet, each with its index: the first may be partly decoded (`cursor`).
    fetched: VecDeque<(usize, Vec<u8>)>,
    /// How far the first chunk fetched is decoded.
    cursor: snapshot::ChunkCursor,
    /// The next chunk to claim for a fetch.
    next: usize,
    /// A batch claimed and not accepted yet.
    claimed: Option<Unread>,
    decoded: usize,
    unreadable: Vec<Unreadable>,
}

/// Where reading the history stands after a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// One more chunk was read into the data.
    Read,
    /// Every chunk is read, and any that did not read is kept in the quarantine.
    Done,
    /// The snapshot was written anew since opening (another tab compacted, imported, anonymised): what is left of
    /// the old one is not read — read everything again instead (`Store::read`).
    Replaced,
}

impl History {
    /// The chunks `unread` of a snapshot written under `schema`; nothing to read for `None`.
    pub fn new(unread: Option<Unread>, schema: u32) -> History {
        let next = unread.as_ref().map_or(0, |u| u.from);
        History {
            unread: unread.filter(|u| u.from < u.to),
            schema,
            fetched: VecDeque::new(),
            cursor: snapshot::ChunkCursor::new(schema),
            next,
            claimed: None,
            decoded: 0,
            unreadable: Vec::new(),
        }
    }

    /// Every chunk of a snapshot to read, the head's already fetched (`head`, from index 0: `unread` are the ones
    /// after it), with the parts found damaged so far (`found`) kept with the history's at `finish`.
    pub fn with_head_fetched(
        unread: Unread,
        schema: u32,
        head: Vec<Vec<u8>>,
        found: Vec<Unreadable>,
    ) -> History {
        let next = unread.from;
        History {
            unread: Some(Unread { from: 0, ..unread }),
            schema,
            fetched: head.into_iter().enumerate().collect(),
            cursor: snapshot::ChunkCursor::new(schema),
            next,
            claimed: None,
            decoded: 0,
            unreadable: found,
        }
    }

    /// Nothing is left to read.
    pub fn is_read(&self) -> bool {
        self.unread.is_none()
    }

    /// Chunks read, of how many.
    pub fn progress(&self) -> (usize, usize) {
        let total = self.unread.as_ref().map_or(0, |u| u.to - u.from);
        (self.decoded, total.max(self.decoded))
    }

    /// Claims the next batch of chunks to fetch (`fetch_batch`), if any is left and none is claimed: the page may
    /// fetch it while it decodes the batch before, then hands it over with `accept`.
    pub fn claim(&mut self) -> Option<Unread> {
        let unread = self.unread.as_ref()?;
        if self.claimed.is_some() || self.next >= unread.to {
            return None;
        }
        let batch = Unread {
            generation: unread.generation,
            from: self.next,
            to: (self.next + BATCH).min(unread.to),
        };
        self.next = batch.to;
        self.claimed = Some(batch.clone());
        Some(batch)
    }

    /// Reads a claimed batch from the backend: `None` when the snapshot was replaced since. Borrows nothing of
    /// the `History`, so it can run beside `decode_next`.
    pub async fn fetch_batch<B: Backend>(
        store: &Store<B>,
        batch: &Unread,
    ) -> Result<Batch, StoreError> {
        store.backend.load_unread(batch).await
    }

    /// Takes the claimed batch's chunks in: `Replaced` when the snapshot is not the one opened any more (nothing
    /// more is read), else `Read`.
    pub fn accept(&mut self, batch: Batch) -> Progress {
        let Some(claimed) = self.claimed.take() else {
            return Progress::Read;
        };
        match batch {
            None => {
                self.unread = None;
                self.fetched.clear();
                self.cursor = snapshot::ChunkCursor::new(self.schema);
                Progress::Replaced
            }
            Some((chunks, damaged)) => {
                self.unreadable.extend(damaged);
                // A missing chunk leaves the batch short: its place is counted, its absence kept as damage.
                self.decoded += (claimed.to - claimed.from).saturating_sub(chunks.len());
                self.fetched.extend(
                    chunks
                        .into_iter()
                        .enumerate()
                        .map(|(i, chunk)| (claimed.from + i, chunk)),
                );
                Progress::Read
            }
        }
    }

    /// Fetches the next batch when none is waiting (the one step that waits for the backend, without overlap):
    /// `Replaced` when the snapshot is not the one opened any more, else `Read`.
    pub async fn fetch<B: Backend>(&mut self, store: &Store<B>) -> Result<Progress, StoreError> {
        if self.unread.is_none() {
            return Ok(Progress::Done);
        }
        if !self.fetched.is_empty() {
            return Ok(Progress::Read);
        }
        match self.claim() {
            Some(batch) => {
                let loaded = Self::fetch_batch(store, &batch).await?;
                Ok(self.accept(loaded))
            }
            None => Ok(Progress::Read),
        }
    }

    /// Decodes a part of the fetched chunks into `data` (`CHANGES_AT_ONCE` changes, no waiting: the page calls it as
    /// often as a slice allows); `false` when none is fetched.
    pub fn decode_next(&mut self, data: &mut Dataset) -> bool {
        let Some((_, chunk)) = self.fetched.front() else {
            return false;
        };
        let damage = match self.cursor.read_some(chunk, CHANGES_AT_ONCE, data) {
            snapshot::ChunkRead::More => return true,
            snapshot::ChunkRead::Done => None,
            snapshot::ChunkRead::Damaged(error) => Some(error),
        };
        let read = self.cursor.read();
        self.cursor = snapshot::ChunkCursor::new(self.schema);
        let Some((index, chunk)) = self.fetched.pop_front() else {
            return false;
        };
        if let Some(error) = damage {
            self.unreadable.push(Unreadable {
                part: Part::Chunk {
                    index: index as u64,
                    schema: self.schema,
                },
                error: error.to_string(),
                records_read: read,
                found_at: 0,
                bytes: chunk,
            });
        }
        self.decoded += 1;
        true
    }

    /// Whether every chunk is fetched and decoded (then `finish` keeps what did not read).
    pub fn is_decoded(&self) -> bool {
        self.unread
            .as_ref()
            .is_none_or(|u| self.fetched.is_empty() && self.claimed.is_none() && self.next >= u.to)
    }

    /// Once every chunk is decoded: keeps the parts that did not read in the quarantine (refused when they cannot
    /// be kept — then the history does not count as read, so no snapshot is written without them).
    pub async fn finish<B: Backend>(&mut self, store: &Store<B>) -> Result<Progress, StoreError> {
        if !self.is_decoded() {
            return Ok(Progress::Read);
        }
        store
            .keep_unreadable(std::mem::take(&mut self.unreadable))
            .await?;
        self.unread = None;
        Ok(Progress::Done)
    }

    /// One step without slicing (tests, and opening where no first screen waits): fetch, decode a chunk, or finish.
    pub async fn read_next<B: Backend>(
        &mut self,
        store: &Store<B>,
        data: &mut Dataset,
    ) -> Result<Progress, StoreError> {
        if self.is_read() {
            return Ok(Progress::Done);
        }
        if self.fetch(store).await? == Progress::Replaced {
            return Ok(Progress::Replaced);
        }
        match self.decode_next(data) {
            true => Ok(Progress::Read),
            false => self.finish(store).await,
        }
    }
}
