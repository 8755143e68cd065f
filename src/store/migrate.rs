//! Schema versions and migrations of stored data.
//!
//! Owns: `CURRENT_SCHEMA`, the list of migrations, and decoding stored data written under an older schema by
//! upgrading each stored change (as JSON) step by step. Must not: touch the backend — `Store::open` writes the
//! migrated snapshot.
//!
//! To change the stored shape of a record: bump `CURRENT_SCHEMA`, add a `Migration { to: N, upgrade }` that
//! rewrites one change's JSON from N-1 to N, and add a test with data as version N-1 wrote it.

use serde_json::Value;

use crate::domain::dataset::{Change, Dataset};

use super::{StoreError, Stored};

pub const CURRENT_SCHEMA: u32 = 1;

/// One step: rewrites a stored change from schema `to - 1` to schema `to`.
#[derive(Clone, Copy)]
pub struct Migration {
    pub to: u32,
    pub upgrade: fn(&mut Value),
}

/// Version 1 is the first schema: nothing to migrate yet.
pub const MIGRATIONS: &[Migration] = &[];

/// Decodes data stored under schema `found`, applying every migration after it in order.
pub fn decode_migrating(
    stored: &Stored,
    found: u32,
    migrations: &[Migration],
) -> Result<Dataset, StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    let mut steps: Vec<&Migration> = migrations.iter().filter(|m| m.to > found).collect();
    steps.sort_by_key(|m| m.to);
    let mut values: Vec<Value> = Vec::new();
    for chunk in &stored.chunks {
        let chunk: Vec<Value> = serde_json::from_str(chunk).map_err(corrupt)?;
        values.extend(chunk);
    }
    for (_, entry) in &stored.log {
        values.push(serde_json::from_str(entry).map_err(corrupt)?);
    }
    let mut data = Dataset::default();
    for mut value in values {
        for step in &steps {
            (step.upgrade)(&mut value);
        }
        // Back to text and through `from_str`, like every other read: `from_value` would compile a second
        // deserializer for every stored type (about 30 KB of wasm) for a path that runs once per upgrade.
        let text = serde_json::to_string(&value).map_err(corrupt)?;
        let change: Change = serde_json::from_str(&text).map_err(corrupt)?;
        data.apply(change);
    }
    Ok(data)
}
