//! A way out when this device's data cannot be opened (R9.2; the unreadable-data screen): every part the store
//! holds — each snapshot chunk and each log entry — is read on its own, and what reads is written as an ordinary
//! export file, which another device (or this one, once cleared) imports. One damaged part costs only itself.
//!
//! Owns: `Salvaged` and `salvage`, run in the worker module. Must not: touch the browser or write the store.

use crate::domain::calendar::Instant;
use crate::domain::dataset::Dataset;
use crate::domain::ids::DeviceId;
use crate::domain::selection::Selection;
use crate::store::migrate::{LAST_JSON_SCHEMA, decode_json};
use crate::store::{CURRENT_SCHEMA, StoreError, Stored, snapshot};

use super::format::{self, DeviceInfo, Origin};

/// What could be read, as an export file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Salvaged {
    pub file: Vec<u8>,
    /// Records and events read.
    pub records: u64,
    /// Parts (snapshot chunks, log entries) that did not read.
    pub lost_parts: u64,
}

/// Reads every part of `stored` on its own and writes what reads as an export of device `device` at `at`. Data of a
/// newer schema is refused: this code cannot know its layout.
pub fn salvage(
    stored: &Stored,
    device: DeviceId,
    device_name: &str,
    at: Instant,
) -> Result<Salvaged, StoreError> {
    let schema = stored.schema_version.unwrap_or(CURRENT_SCHEMA);
    if schema > CURRENT_SCHEMA {
        return Err(StoreError::NewerSchema {
            found: schema,
            supported: CURRENT_SCHEMA,
        });
    }
    let read = |chunks: Vec<Vec<u8>>, log: Vec<(u64, Vec<u8>)>| -> Option<Dataset> {
        let part = Stored {
            schema_version: Some(schema),
            chunks,
            log,
            damaged: Vec::new(),
            unread: None,
            generation: 0,
        };
        match schema <= LAST_JSON_SCHEMA {
            true => decode_json(&part).ok(),
            false => snapshot::decode(
                &part.chunks,
                part.log.iter().map(|(_, e)| e.as_slice()),
                schema,
            )
            .ok(),
        }
    };
    let mut data = Dataset::default();
    let mut lost_parts = stored.damaged.len() as u64;
    let parts = stored
        .chunks
        .iter()
        .map(|chunk| read(vec![chunk.clone()], Vec::new()))
        .chain(
            stored
                .log
                .iter()
                .map(|entry| read(Vec::new(), vec![entry.clone()])),
        );
    for part in parts {
        match part {
            Some(part) => data.merge(&part),
            None => lost_parts += 1,
        }
    }
    let records: Vec<_> = data.changes().collect();
    let origin = Origin {
        device: DeviceInfo {
            id: device,
            name: device_name.to_string(),
        },
        exported_at: at,
        exported_by: String::new(),
        selection: Selection::All,
    };
    Ok(Salvaged {
        records: records.len() as u64,
        file: format::write(&origin, records).into_bytes(),
        lost_parts,
    })
}
