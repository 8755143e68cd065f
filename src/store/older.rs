//! Data stored under an older schema (JSON text, schemas ≤ `LAST_JSON_SCHEMA`): how `Store::open` has it read.
//!
//! Reading JSON needs serde's deserializers for every record — a quarter of the app's code — for a path that runs
//! once per device. So the app has it read in the worker module (`store::worker`, `worker/`), loaded only then;
//! native tests and benchmarks read it here (`JsonHere`). The worker and the page speak `request` / `answer` /
//! `dataset_of`, in the stored encoding. Must not: touch the backend.

use crate::codec::{self, CodecError};
use crate::domain::dataset::{Change, Dataset};

use super::migrate;
use super::{StoreError, Stored};

/// Reads data stored under schema `found` (JSON) into records.
#[allow(async_fn_in_trait)]
pub trait OlderData {
    async fn read(&self, stored: &Stored, found: u32) -> Result<Dataset, StoreError>;
}

/// Reads it in this thread.
pub struct JsonHere;

impl OlderData for JsonHere {
    async fn read(&self, stored: &Stored, _found: u32) -> Result<Dataset, StoreError> {
        migrate::decode_json(stored)
    }
}

/// What the page sends the worker: the schema and the stored bytes.
pub fn request(stored: &Stored, found: u32) -> Vec<u8> {
    let log: Vec<Vec<u8>> = stored.log.iter().map(|(_, e)| e.clone()).collect();
    codec::to_bytes(&(found, (stored.chunks.clone(), log)))
}

/// The worker's side: the records a request's data holds (as `Change`s in the stored encoding, after a 0), or
/// why it could not be read (a 1 and the reason).
pub fn answer(request: &[u8]) -> Vec<u8> {
    let read = codec::from_bytes::<(u32, (Vec<Vec<u8>>, Vec<Vec<u8>>))>(request)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
        .and_then(|(found, (chunks, log))| {
            let stored = Stored {
                schema_version: Some(found),
                chunks,
                log: log
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| (i as u64, e))
                    .collect(),
                damaged: Vec::new(),
                unread: None,
                generation: 0,
            };
            migrate::decode_json(&stored)
        });
    match read {
        Ok(data) => {
            let changes: Vec<Change> = data.changes().collect();
            let mut reply = vec![0];
            reply.extend(codec::slice_to_bytes(&changes));
            reply
        }
        Err(error) => {
            let mut reply = vec![1];
            reply.extend(format!("{error:?}").into_bytes());
            reply
        }
    }
}

/// The page's side: the dataset in the worker's reply, or its reason as a corrupt-data error.
pub fn dataset_of(reply: &[u8]) -> Result<Dataset, StoreError> {
    match reply.split_first() {
        Some((0, changes)) => {
            let changes: Vec<Change> = codec::from_bytes(changes)
                .map_err(|e: CodecError| StoreError::Corrupt(e.to_string()))?;
            let mut data = Dataset::default();
            for change in changes {
                data.apply(change);
            }
            Ok(data)
        }
        Some((1, reason)) => Err(StoreError::Corrupt(
            String::from_utf8_lossy(reason).into_owned(),
        )),
        _ => Err(StoreError::Failed("no answer from the worker".into())),
    }
}
