//! The snapshot format: a dataset as chunks of encoded changes (`codec`), and back.
//!
//! Owns: encoding a `Dataset` into chunks and decoding chunks plus log entries into a `Dataset` — strictly (a part
//! that does not read fails the whole), or salvaging (every part that reads, and the ones that do not as
//! `quarantine::Unreadable`). Pure, so it is benchmarked natively (`make bench`). Must not: do IO.

use crate::codec::{self, Codec, CodecError, Reader};
use crate::domain::dataset::{Change, Dataset};

use super::StoreError;
use super::quarantine::{Part, Unreadable};

/// A dataset encoded as snapshot chunks: first the `head` chunks — every record and assessment event, what each
/// page's first screen may read — then the tickets' history (their events, ticket by ticket), which opening reads
/// in slices behind the first screen (`store::history`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Encoded {
    pub chunks: Vec<Vec<u8>>,
    /// How many of the first chunks hold no ticket event.
    pub head: usize,
}

/// Every version in `data` (tombstones included), `per_chunk` to a chunk: the records first, then the tickets'
/// events from a chunk of their own on.
pub fn encode(data: &Dataset, per_chunk: usize) -> Encoded {
    let per_chunk = per_chunk.max(1);
    let (history, head): (Vec<Change>, Vec<Change>) = data
        .changes()
        .partition(|change| matches!(change, Change::TicketEvent(_)));
    let mut chunks: Vec<Vec<u8>> = head.chunks(per_chunk).map(codec::slice_to_bytes).collect();
    let head = chunks.len();
    chunks.extend(history.chunks(per_chunk).map(codec::slice_to_bytes));
    Encoded { chunks, head }
}

/// The dataset the chunks and then the log entries add up to, written under stored schema `schema` (a binary one).
pub fn decode<'a>(
    chunks: &[Vec<u8>],
    log: impl Iterator<Item = &'a [u8]>,
    schema: u32,
) -> Result<Dataset, StoreError> {
    let mut data = Dataset::default();
    for chunk in chunks {
        let changes: Vec<Change> =
            codec::from_bytes_written_under(chunk, schema).map_err(corrupt)?;
        for change in changes {
            data.apply(change);
        }
    }
    for entry in log {
        data.apply(codec::from_bytes_written_under(entry, schema).map_err(corrupt)?);
    }
    Ok(data)
}

/// What opening reads: every change of every chunk and log entry that reads, in order; a chunk damaged part-way
/// gives the changes before the damage. Each part that does not read whole is returned as it is stored.
pub fn decode_salvaging<'a>(
    chunks: &[Vec<u8>],
    log: impl Iterator<Item = (u64, &'a [u8])>,
    schema: u32,
) -> (Dataset, Vec<Unreadable>) {
    let mut data = Dataset::default();
    let mut unreadable = Vec::new();
    for (index, chunk) in chunks.iter().enumerate() {
        let (read, damage) = read_chunk(chunk, schema, &mut data);
        if let Some(error) = damage {
            unreadable.push(Unreadable {
                part: Part::Chunk {
                    index: index as u64,
                    schema,
                },
                error: error.to_string(),
                records_read: read,
                found_at: 0,
                bytes: chunk.clone(),
            });
        }
    }
    for (seq, entry) in log {
        match codec::from_bytes_written_under::<Change>(entry, schema) {
            Ok(change) => {
                data.apply(change);
            }
            Err(error) => unreadable.push(Unreadable {
                part: Part::Log { seq, schema },
                error: error.to_string(),
                records_read: 0,
                found_at: 0,
                bytes: entry.to_vec(),
            }),
        }
    }
    (data, unreadable)
}

/// Applies the changes of one chunk to `data` up to any damage: how many it read, and the damage if any.
pub(super) fn read_chunk(
    chunk: &[u8],
    schema: u32,
    data: &mut Dataset,
) -> (u64, Option<CodecError>) {
    let mut cursor = ChunkCursor::new(schema);
    match cursor.read_some(chunk, usize::MAX, data) {
        ChunkRead::More | ChunkRead::Done => (cursor.read(), None),
        ChunkRead::Damaged(error) => (cursor.read(), Some(error)),
    }
}

/// Where the decoding of one chunk stands, so a chunk can be read a part at a time (`read_some`): a whole chunk of
/// 2,000 changes takes 70 ms on a slow tablet, more than a slice of the page's time.
#[derive(Debug)]
pub(super) struct ChunkCursor {
    schema: u32,
    /// Bytes of the chunk read so far.
    offset: usize,
    /// Changes left to read, once the chunk's count is read.
    left: Option<usize>,
    read: u64,
}

/// What a `ChunkCursor::read_some` came to.
#[derive(Debug)]
pub(super) enum ChunkRead {
    /// Changes are left to read.
    More,
    /// The whole chunk is read.
    Done,
    /// The chunk does not read on from here (what read before is applied).
    Damaged(CodecError),
}

impl ChunkCursor {
    pub(super) fn new(schema: u32) -> ChunkCursor {
        ChunkCursor {
            schema,
            offset: 0,
            left: None,
            read: 0,
        }
    }

    /// How many changes were applied.
    pub(super) fn read(&self) -> u64 {
        self.read
    }

    /// Applies up to `most` more changes of `chunk` (the same bytes at every call) to `data`.
    pub(super) fn read_some(&mut self, chunk: &[u8], most: usize, data: &mut Dataset) -> ChunkRead {
        let mut input =
            Reader::written_under(chunk.get(self.offset..).unwrap_or_default(), self.schema);
        let left = match self.left {
            Some(left) => left,
            None => match input.len() {
                Ok(count) => count,
                Err(error) => return ChunkRead::Damaged(error),
            },
        };
        let now = left.min(most);
        for _ in 0..now {
            match Change::decode(&mut input) {
                Ok(change) => {
                    data.apply(change);
                    self.read += 1;
                }
                Err(error) => return ChunkRead::Damaged(error),
            }
        }
        self.left = Some(left - now);
        self.offset = chunk.len() - input.rest().len();
        match (left > now, input.is_empty()) {
            (true, _) => ChunkRead::More,
            (false, true) => ChunkRead::Done,
            (false, false) => ChunkRead::Damaged(CodecError::Trailing),
        }
    }
}

pub fn encode_change(change: &Change) -> Vec<u8> {
    codec::to_bytes(change)
}

fn corrupt(error: CodecError) -> StoreError {
    StoreError::Corrupt(error.to_string())
}
