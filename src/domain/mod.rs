//! The rules, pure: every decision the product makes, as plain data and functions.
//!
//! Must not: name leptos, web_sys, js_sys, wasm_bindgen or gloo, read the clock, draw randomness or do IO.
//! Times, ids and salts are passed in. `tests/tidy.rs` keeps it so.

pub mod access;
pub mod calendar;
pub mod clock;
pub mod contact;
pub mod dataset;
pub mod error;
pub mod ids;
pub mod money;
pub mod org;
pub mod pin;
pub mod record;
pub mod sla;
pub mod ticket;
pub mod ticket_state;
