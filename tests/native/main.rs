//! The native test suite, one binary: the domain's rules on data, the store over its in-memory backend, and the
//! tidy checks on the source tree. One binary links once (a dozen used to fill CI's disk with copies of the
//! same dependencies).

// The std sorts are turned away for the app's code size (clippy.toml, `domain::sorting`); a test's code is not shipped.
#![allow(clippy::disallowed_methods)]

mod access;
mod areas;
mod assessment;
mod assessment_cycle;
mod calendar;
mod checklist;
mod codec;
mod commands;
mod common;
mod conflicts;
mod corrective;
mod demo;
mod derived;
mod exchange;
mod export;
mod folded;
mod frozen;
mod history;
mod import;
mod intake;
mod kpi;
mod merge;
mod org;
mod period;
mod period_report;
mod provider_import;
mod provider_reviews;
mod provider_statement;
mod qr;
mod ratio;
mod retention;
mod sampling;
mod sla;
mod slugs;
mod sorting;
mod standards;
mod store;
mod survey;
mod sync;
mod ticket;
mod ticket_list;
mod ticket_state;
mod tidy;
mod training;
