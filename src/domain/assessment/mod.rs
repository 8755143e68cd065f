//! Performance assessment (R6, 绩效考核): schemes and their weighted indicator sheets, scoring rules, the 360°
//! composite, grades, and the yearly result from quarters — pure, every figure exact and explained.
//!
//! Must not: read storage, the clock or the UI; the KPI figures an indicator needs are passed in.

pub mod board;
pub mod composite;
pub mod cycle;
pub mod cycle_draft;
pub mod exact;
pub mod grade;
pub mod history;
pub mod kpi_source;
pub mod moves;
pub mod outcome;
pub mod roster;
pub mod rule;
pub mod scheme;
pub mod scheme_draft;
pub mod sheet;
