//! The rules, pure: every decision the product makes, as plain data and functions.
//!
//! Must not: depend on a browser or UI crate, read the clock, draw randomness or do IO (`tests/native/tidy.rs` lists
//! the crates and keeps it so). Times, ids and salts are passed in.

pub mod access;
pub mod assessment;
pub mod calendar;
pub mod checklist;
pub mod clock;
pub mod conflicts;
pub mod contact;
pub mod corrective;
pub mod dataset;
pub mod error;
pub mod event_log;
pub mod fast_hash;
pub mod ids;
pub mod import;
pub mod inputs;
pub mod kpi;
pub mod money;
pub mod org;
pub mod penalties;
pub mod period;
pub mod period_report;
pub mod pin;
pub mod provider_inputs;
pub mod provider_reviews;
pub mod provider_statement;
pub mod random;
pub mod ratio;
pub mod receipt;
pub mod record;
pub mod retention;
pub mod sampling;
pub mod selection;
pub mod settings;
pub mod sla;
pub mod slug;
pub mod sorting;
pub mod standards;
pub mod survey;
pub mod survey_list;
pub mod text;
pub mod ticket;
