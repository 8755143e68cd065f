//! Moving data between devices as files (R9.2–R9.4, R10.2): the export format, reading and checking a file,
//! and encrypting one with a passphrase. The merge itself is the domain's (`domain::record`, `Dataset::merge`).
//!
//! Pure (no browser crate), so every rule here is tested natively; the page runs it in the worker module (`jobs`).
//! Must not: touch the browser or the store.

pub mod conflicts;
pub mod crypt;
pub mod format;
pub mod salvage;
pub mod work;
