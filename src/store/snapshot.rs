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

/// The dataset the chunks and then the log entries add up to.
pub fn decode<'a>(
    chunks: &[Vec<u8>],
    log: impl Iterator<Item = &'a [u8]>,
) -> Result<Dataset, StoreError> {
    let mut data = Dataset::default();
    for chunk in chunks {
        let changes: Vec<Change> = codec::from_bytes(chunk).map_err(corrupt)?;
        for change in changes {
            data.apply(change);
        }
    }
    for entry in log {
        data.apply(decode_change(entry)?);
    }
    Ok(data)
}

pub fn encode_change(change: &Change) -> Vec<u8> {
    codec::to_bytes(change)
}

pub fn decode_change(entry: &[u8]) -> Result<Change, StoreError> {
    codec::from_bytes(entry).map_err(corrupt)
}

fn corrupt(error: CodecError) -> StoreError {
    StoreError::Corrupt(error.to_string())
}
