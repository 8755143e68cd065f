//! Stored data that real devices hold, frozen: files written once by the released layouts, which the store must
//! keep opening whatever the code becomes (after automerge's compatibility tests).
//!
//! `tests/fixtures/stored/` holds every kind of record and every ticket and assessment event kind
//! (`codec::every_change`'s first `FROZEN_RECORDS` entries) as schema 2 stored them (the first binary layout: a
//! scheme had no outcome rules) and as schema 3 did, and the kinds schema 1 had (the org, users, settings, survey
//! settings and ticket events) as it stored them (JSON text, one snapshot chunk). They were written on 2026-12-04
//! and are never regenerated.
//!
//! **If a test here fails, do not fix the test or the files:** the change under test would make data that users
//! have unreadable. Teach the decoder the old layout instead (`Reader::schema`, `store::migrate`).
//!
//! `tests/fixtures/layout.txt` is different: it shows how this code writes each kind today, one line per kind, so
//! any layout change shows as a diff in review (`UPDATE_EXPECT=1` rewrites it — after a schema bump, with the old
//! layout frozen here first).

use aftersales::codec::to_bytes;
use aftersales::domain::assessment::cycle::AssessmentStep;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ticket::Happening;
use aftersales::store::memory::MemoryBackend;
use aftersales::store::{Backend, CURRENT_SCHEMA, NewSnapshot, Store};

use crate::codec::every_change;
use crate::common::block_on;

/// How many of `every_change`'s records the frozen files of schemas 1 to 3 hold: records appended to it later are
/// not in them.
const FROZEN_RECORDS: usize = 60;

/// How many the schema-4 file holds (it added a record written field by field).
const FROZEN_RECORDS_4: usize = 61;

/// How many the schema-5 file holds (written on 2026-12-05, before schema 6 gave a ticket its order number).
const FROZEN_RECORDS_5: usize = 63;

/// How many the schema-6 file holds (written on 2026-12-05, before schema 7 gave a ticket its number and the
/// phone reveal its event).
const FROZEN_RECORDS_6: usize = 68;

/// How many the schema-7 file holds (written on 2026-12-06, before schema 8 added the quality records: checklists,
/// self-assessments, sampling audits, corrective actions).
const FROZEN_RECORDS_7: usize = 69;

/// How many the schema-8 file holds (written on 2026-12-06, before schema 9 added the period report, a
/// complaint's promised date and the customer told of its result, and a training session's attendees).
const FROZEN_RECORDS_8: usize = 75;

/// The kinds of record schema 1 knew.
const SCHEMA_1_KINDS: [&str; 7] = [
    "unit",
    "staff",
    "provider",
    "user",
    "settings",
    "survey",
    "ticket_event",
];

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/stored/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The dataset the frozen records make, as a device holding them under `schema` had it.
fn frozen_dataset(schema: u32) -> Dataset {
    let mut data = Dataset::default();
    let count = match schema {
        4 => FROZEN_RECORDS_4,
        5 => FROZEN_RECORDS_5,
        6 => FROZEN_RECORDS_6,
        7 => FROZEN_RECORDS_7,
        8 => FROZEN_RECORDS_8,
        _ => FROZEN_RECORDS,
    };
    for mut change in every_change().into_iter().take(count) {
        if schema == 1 && !SCHEMA_1_KINDS.contains(&change.kind()) {
            continue;
        }
        if let Change::TicketEvent(event) = &mut change
            && let Happening::Registered(registration) = &mut event.what
        {
            let registration = std::sync::Arc::make_mut(registration);
            if schema < 6 {
                // Before schema 6 a ticket had no order number.
                registration.order_number.clear();
            }
            if schema < 7 {
                // Before schema 7 a ticket had no number.
                registration.number.clear();
            }
        }
        if schema < 7
            && let Change::KpiSettings(v) = &mut change
        {
            // Before schema 7 the KPI settings had no minimum sample.
            v.body.min_sample = None;
        }
        if schema < 3 {
            // Before schema 3 a scheme had no outcome rules of its own (the seed's applied).
            match &mut change {
                Change::Scheme(v) => v.body.outcomes = None,
                Change::Cycle(v) => v.body.scheme.outcomes = None,
                _ => {}
            }
        }
        data.apply(change);
    }
    data
}

/// Opens a store whose backend holds `chunk` as schema `schema` wrote it, and checks what it reads and that it is
/// written back at the current schema.
fn opens_as_written(chunk: Vec<u8>, schema: u32) {
    let backend = MemoryBackend::default();
    block_on(backend.write_snapshot(NewSnapshot {
        head: None,
        chunks: vec![chunk],
        covers: 0,
        schema_version: schema,
        import: None,
    }))
    .unwrap();
    let (store, data) = block_on(Store::open(backend)).expect("frozen data opens");
    assert_eq!(data, frozen_dataset(schema), "schema {schema}");
    let backend = store.into_backend();
    assert_eq!(
        block_on(backend.load()).unwrap().schema_version,
        Some(CURRENT_SCHEMA),
        "written back at the current schema"
    );
    let (_, reopened) = block_on(Store::open(backend)).unwrap();
    assert_eq!(
        reopened, data,
        "schema {schema}, reopened after the write-back"
    );
}

#[test]
fn the_fixture_holds_every_kind_of_record_and_event() {
    let changes: Vec<Change> = every_change().into_iter().take(FROZEN_RECORDS).collect();
    let kinds: std::collections::BTreeSet<String> = changes.iter().map(kind_name).collect();
    // 14 record kinds; the two event kinds are counted by their happening / step below.
    assert_eq!(
        kinds
            .iter()
            .filter(|k| !k.contains(':') && !k.contains('+'))
            .count(),
        12,
        "{kinds:?}"
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| k.starts_with("ticket_event:"))
            .count(),
        24
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| k.starts_with("assessment_event:"))
            .count(),
        17
    );
}

#[test]
fn schema_1_json_as_stored_opens() {
    opens_as_written(fixture("schema-1.json"), 1);
}

#[test]
fn schema_2_binary_as_stored_opens() {
    opens_as_written(fixture("schema-2.bin"), 2);
}

#[test]
fn schema_3_binary_as_stored_opens() {
    opens_as_written(fixture("schema-3.bin"), 3);
}

#[test]
fn schema_4_binary_as_stored_opens() {
    opens_as_written(fixture("schema-4.bin"), 4);
}

#[test]
fn schema_5_binary_as_stored_opens() {
    opens_as_written(fixture("schema-5.bin"), 5);
}

#[test]
fn schema_6_binary_as_stored_opens() {
    opens_as_written(fixture("schema-6.bin"), 6);
}

#[test]
fn schema_7_binary_as_stored_opens() {
    opens_as_written(fixture("schema-7.bin"), 7);
}

#[test]
fn schema_8_binary_as_stored_opens() {
    opens_as_written(fixture("schema-8.bin"), 8);
}

/// Schema 4's service settings had four fields; a version written field by field then has four field writes. It
/// opens with the retention period (added by schema 5) unset, its conflict kept, and a later edit of the new field
/// on another device merges with it like any field's.
#[test]
fn schema_4_settings_written_field_by_field_open_with_the_field_added_since() {
    use aftersales::domain::clock::Stamp;
    use aftersales::domain::ids::DeviceId;
    use aftersales::domain::settings::SETTINGS_ID;
    let backend = MemoryBackend::default();
    block_on(backend.write_snapshot(NewSnapshot {
        head: None,
        chunks: vec![fixture("schema-4-settings.bin")],
        covers: 0,
        schema_version: 4,
        import: None,
    }))
    .unwrap();
    let (_, data) = block_on(Store::open(backend)).expect("frozen data opens");
    let version = data.settings.version(SETTINGS_ID).unwrap();
    assert!(version.is_well_formed());
    assert_eq!(version.body.warranty_months, 24, "the later write kept");
    assert_eq!(version.body.retention_months, 0);
    let conflicts: Vec<u32> = version
        .conflicts()
        .map(|s| s.body.warranty_months)
        .collect();
    assert_eq!(conflicts, [6], "the concurrent value still listed");

    let mut body = version.body.clone();
    body.retention_months = 36;
    let later = version.edited(
        body,
        Stamp {
            wall_ms: 1_800_000_000_000,
            counter: 0,
            device: DeviceId::from_u128(0xD),
        },
    );
    let mut merged = version.clone();
    merged.merge(&later);
    assert_eq!(merged.body.retention_months, 36);
    assert_eq!(merged.body.warranty_months, 24);
    assert!(merged.is_well_formed());
}

/// A kind's name, with the happening or step for events.
fn kind_name(change: &Change) -> String {
    match change {
        Change::TicketEvent(e) => format!("ticket_event:{}", e.what.name()),
        Change::AssessmentEvent(e) => format!("assessment_event:{}", step_name(&e.what)),
        other => {
            let debug = format!("{other:?}");
            let name = debug.split('(').next().unwrap_or_default();
            match debug.contains("history: Some") {
                true => format!("{name}+field_writes"),
                false => name.to_string(),
            }
        }
    }
}

fn step_name(step: &AssessmentStep) -> String {
    let debug = format!("{step:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_string()
}

/// How this code writes each kind today: the first record of each kind, in hex.
#[test]
fn the_layout_of_every_kind_shows_as_a_diff() {
    let mut lines = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for change in every_change() {
        let name = kind_name(&change);
        if seen.insert(name.clone()) {
            let hex: String = to_bytes(&change)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            lines.push(format!("{name} {hex}"));
        }
    }
    expect_test::expect_file!["../fixtures/layout.txt"].assert_eq(&(lines.join("\n") + "\n"));
}
