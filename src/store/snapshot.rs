//! The snapshot format: a dataset as chunks of encoded changes (`codec`), and back.
//!
//! Owns: encoding a `Dataset` into chunks and decoding chunks plus log entries into a `Dataset`. Pure, so it is
//! benchmarked natively (`make bench`). Must not: do IO.

use crate::codec::{self, CodecError};
use crate::domain::dataset::{Change, Dataset};

use super::StoreError;

/// Every version in `data` (tombstones included), `per_chunk` to a chunk.
pub fn encode(data: &Dataset, per_chunk: usize) -> Vec<Vec<u8>> {
    let changes: Vec<Change> = data.changes().collect();
    changes
        .chunks(per_chunk.max(1))
        .map(codec::slice_to_bytes)
        .collect()
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

pub fn encode_change(change: &Change) -> Vec<u8> {
    codec::to_bytes(change)
}

fn corrupt(error: CodecError) -> StoreError {
    StoreError::Corrupt(error.to_string())
}
