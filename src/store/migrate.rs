//! Schema versions and migrations of stored data.
//!
//! Owns: `CURRENT_SCHEMA`, the list of migrations, and reading data written under an older schema. Schemas up to
//! `LAST_JSON_SCHEMA` stored each change as JSON text; from schema 2 on, changes are in the binary `codec`
//! form. Older data is read as JSON, upgraded by every JSON step after its schema (in order), and then held as
//! records — `Store::open` writes it back in the current form. Must not: touch the backend.
//!
//! To change a stored layout: bump `codec::LAYOUT` and have the record's decoder read the new field only from that
//! schema on (`Reader::schema`; a JSON-era change was a `Migration` that rewrites one change's JSON), with a test
//! holding data as the old version wrote it.

use serde_json::Value;

use crate::domain::dataset::{Change, Dataset};

use super::{StoreError, Stored};
use crate::domain::sorting;

/// The schema this code writes: the codec's layout (binary since schema 2).
pub const CURRENT_SCHEMA: u32 = crate::codec::LAYOUT;

/// The last schema that stored JSON text.
pub const LAST_JSON_SCHEMA: u32 = 1;

/// One JSON-era step: rewrites a stored change's JSON from schema `to - 1` to schema `to`.
#[derive(Clone, Copy)]
pub struct Migration {
    pub to: u32,
    pub upgrade: fn(&mut Value),
}

/// No JSON-era step was ever needed: schema 1 JSON reads as the records are.
pub const MIGRATIONS: &[Migration] = &[];

/// Decodes JSON data stored under schema `found` (≤ `LAST_JSON_SCHEMA`), applying every step after it in order.
pub fn decode_json(
    stored: &Stored,
    found: u32,
    migrations: &[Migration],
) -> Result<Dataset, StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    let text = |bytes: &[u8]| {
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| StoreError::Corrupt(e.to_string()))
    };
    let mut steps: Vec<&Migration> = migrations.iter().filter(|m| m.to > found).collect();
    sorting::by_key(&mut steps, |m| m.to);
    let mut values: Vec<Value> = Vec::new();
    for chunk in &stored.chunks {
        let chunk: Vec<Value> = serde_json::from_str(&text(chunk)?).map_err(corrupt)?;
        values.extend(chunk);
    }
    for (_, entry) in &stored.log {
        values.push(serde_json::from_str(&text(entry)?).map_err(corrupt)?);
    }
    let mut data = Dataset::default();
    for mut value in values {
        for step in &steps {
            (step.upgrade)(&mut value);
        }
        // Back to text and through `from_str`, like the export's import will read: `from_value` would compile a
        // second deserializer for every stored type for a path that runs once per upgrade.
        let text = serde_json::to_string(&value).map_err(corrupt)?;
        let change: Change = serde_json::from_str(&text).map_err(corrupt)?;
        data.apply(change);
    }
    Ok(data)
}
