//! The snapshot format: a dataset as chunks of JSON arrays of changes, and back.
//!
//! Owns: encoding a `Dataset` into chunks and decoding chunks plus log entries into a `Dataset`. Pure, so it is
//! benchmarked natively (`make bench`). Must not: do IO.

use crate::domain::dataset::{Change, Dataset};

use super::StoreError;

/// Every version in `data` (tombstones included), `per_chunk` to a chunk.
pub fn encode(data: &Dataset, per_chunk: usize) -> Result<Vec<String>, StoreError> {
    let changes: Vec<Change> = data.changes().collect();
    changes
        .chunks(per_chunk.max(1))
        .map(|chunk| serde_json::to_string(chunk).map_err(|e| StoreError::Failed(e.to_string())))
        .collect()
}

/// The dataset the chunks and then the log entries add up to.
pub fn decode<'a>(
    chunks: &[String],
    log: impl Iterator<Item = &'a str>,
) -> Result<Dataset, StoreError> {
    let mut data = Dataset::default();
    for chunk in chunks {
        let changes: Vec<Change> =
            serde_json::from_str(chunk).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        for change in changes {
            data.apply(change);
        }
    }
    for entry in log {
        data.apply(decode_change(entry)?);
    }
    Ok(data)
}

pub fn decode_change(entry: &str) -> Result<Change, StoreError> {
    serde_json::from_str(entry).map_err(|e| StoreError::Corrupt(e.to_string()))
}
