//! Aftersales — after-sales service and performance assessment in one offline web page.
//!
//! The codemap in brief (ARCHITECTURE.md has it whole; which module may name which is pinned by
//! `tests/native/tidy.rs`):
//! - `domain` — every rule, pure and natively tested: tickets and their SLA clocks on the business calendar, surveys,
//!   KPIs, assessment and 360° scoring, providers' statements, quality, versioned records and their merge, the org,
//!   access and PINs. Names no other module and no browser crate.
//! - `codec` — the stored encoding: a compact positional binary form of every record (pure, natively tested).
//! - `store` — persistence: a log of small records plus chunked snapshots, behind one `Backend` trait with
//!   IndexedDB, localStorage and in-memory implementations; schema versions, and reading schema 1 JSON.
//! - `sync` — moving data between devices as files: the export format, reading and checking one (pure).
//! - `demo` — the demo company: a year of generated data from a seed (pure; the benchmarks scale it).
//! - `export` — tables as CSV and as XLSX spreadsheets (pure; the XLSX writer runs in the worker module).
//! - `jobs` — what the page asks the worker module, as bytes (pure).
//! - `platform_csv` — an e-commerce platform's CSV export read into rows: GBK or UTF-8, quoted cells (pure; run in
//!   the worker module).
//! - `i18n` — the typed zh-CN / en message catalogue.
//! - `qr` — QR codes drawn by hand (pure; the UI wraps its path in an `<svg>`).
//! - `platform` — the few browser facts the rest needs (now, randomness, device id, local settings).
//! - `ui` — the Leptos app: shell, the pages (`areas`), each page's screens in its folder of `routes`, components.
//!   Reads the domain through `AppState`. The three binaries in `src/bin/` mount it, one per page.

pub mod codec;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod jobs;
pub mod platform;
pub mod platform_csv;
pub mod qr;
pub mod store;
pub mod sync;
pub mod ui;
