//! Schema versions of stored data, and reading data written as JSON.
//!
//! Owns: `CURRENT_SCHEMA` and reading data written under a JSON schema. Schema 1 (`LAST_JSON_SCHEMA`) stored each
//! change as JSON text; from schema 2 on, changes are in the binary `codec` form. JSON data is read as the records'
//! serde form — no JSON schema came after 1, so there is no JSON step to run — and `Store::open` writes it back in
//! the current form. Must not: touch the backend.
//!
//! To change a stored layout: bump `codec::LAYOUT` and have the record's decoder read the new field only from that
//! schema on (`Reader::schema`, `codec_struct!`'s `field @ SINCE`), with a frozen fixture of the old bytes
//! (`tests/native/frozen.rs`). That is how every layout change since schema 2 was made; a step over the JSON text
//! would never run, as no data can be written as JSON again.

use crate::domain::dataset::{Change, Dataset};

use super::{StoreError, Stored};

/// The schema this code writes: the codec's layout (binary since schema 2).
pub const CURRENT_SCHEMA: u32 = crate::codec::LAYOUT;

/// The last schema that stored JSON text.
pub const LAST_JSON_SCHEMA: u32 = 1;

/// Decodes data stored as JSON (schema ≤ `LAST_JSON_SCHEMA`).
pub fn decode_json(stored: &Stored) -> Result<Dataset, StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    let text = |bytes: &[u8]| {
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| StoreError::Corrupt(e.to_string()))
    };
    let mut data = Dataset::default();
    for chunk in &stored.chunks {
        let changes: Vec<Change> = serde_json::from_str(&text(chunk)?).map_err(corrupt)?;
        for change in changes {
            data.apply(change);
        }
    }
    for (_, entry) in &stored.log {
        data.apply(serde_json::from_str::<Change>(&text(entry)?).map_err(corrupt)?);
    }
    Ok(data)
}
