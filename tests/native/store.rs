//! The store's log + snapshot semantics on the in-memory backend: append, reopen, compact, migrate (the JSON text of
//! schema 1 to the binary encoding, schema 2's schemes without outcome rules), and a full storage that refuses a write
//! without losing what was saved.

use crate::common::{block_on, fixture_org, id, person, third_quarter, unit, versioned};
use aftersales::codec::{self, Codec, Writer};
use aftersales::domain::assessment::cycle::Cycle;
use aftersales::domain::assessment::scheme::{Scheme, built_in};
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::org::{Position, UnitKind};
use aftersales::domain::record::Versioned;
use aftersales::store::memory::MemoryBackend;
use aftersales::store::quarantine::Part;
use aftersales::store::snapshot::encode_change;
use aftersales::store::{Backend, COMPACT_AFTER, CURRENT_SCHEMA, JsonHere, Store, StoreError};

fn open(backend: MemoryBackend) -> (Store<MemoryBackend>, Dataset) {
    block_on(Store::open(backend)).expect("the store opens")
}

fn save_all(
    store: &Store<MemoryBackend>,
    data: &mut Dataset,
    changes: impl IntoIterator<Item = Change>,
) {
    for change in changes {
        block_on(store.save(&change)).expect("saved");
        data.apply(change);
    }
}

#[test]
fn saved_changes_are_there_after_reopening() {
    let (store, mut data) = open(MemoryBackend::default());
    assert_eq!(data, Dataset::default());
    save_all(&store, &mut data, fixture_org().changes());
    let (_, reopened) = open(store.into_backend());
    assert_eq!(reopened, fixture_org());
}

#[test]
fn compaction_moves_the_log_into_the_snapshot_and_keeps_every_record() {
    let (store, mut data) = open(MemoryBackend::default());
    save_all(&store, &mut data, fixture_org().changes());
    let renamed = unit(3, "华东大区", UnitKind::Region, Some(2));
    let Change::Unit(mut renamed_v) = renamed else {
        unreachable!()
    };
    renamed_v.stamp.wall_ms = 1_000;
    save_all(&store, &mut data, [Change::Unit(renamed_v)]);

    block_on(store.compact(&data)).unwrap();
    let backend = store.into_backend();
    let stored = block_on(backend.load()).unwrap();
    assert!(stored.log.is_empty(), "the snapshot covers the whole log");
    assert_eq!(stored.schema_version, Some(CURRENT_SCHEMA));
    assert!(!stored.chunks.is_empty());

    let (store, reopened) = open(backend);
    assert_eq!(reopened.units.get(id(3)).unwrap().name, "华东大区");
    assert_eq!(reopened, data);

    // Saves after the compaction land in the log again and survive the next reopen.
    let mut data = reopened;
    save_all(
        &store,
        &mut data,
        [person(
            40,
            "S040",
            "新工程师",
            Position::Engineer,
            3,
            Some(12),
        )],
    );
    let (_, reopened) = open(store.into_backend());
    assert_eq!(reopened.staff.get(id(40)).unwrap().name, "新工程师");
}

#[test]
fn compaction_keeps_what_another_tab_wrote_to_the_log_meanwhile() {
    let (store, mut data) = open(MemoryBackend::default());
    save_all(&store, &mut data, fixture_org().changes());
    // Another tab appends straight to the same storage; this tab's `data` does not know about it.
    let other_tab = person(41, "S041", "另一标签页", Position::Engineer, 3, None);
    let backend = store.into_backend();
    block_on(backend.append(encode_change(&other_tab))).unwrap();
    let store = block_on(Store::open(backend)).unwrap().0;
    block_on(store.compact(&data)).unwrap();
    let (_, reopened) = open(store.into_backend());
    assert!(
        reopened.staff.contains(id(41)),
        "a record written by another tab survives compaction"
    );
}

#[test]
fn the_store_asks_for_compaction_after_enough_saves() {
    let (store, mut data) = open(MemoryBackend::default());
    for n in 0..COMPACT_AFTER as u128 {
        assert!(!store.needs_compaction());
        save_all(
            &store,
            &mut data,
            [unit(1000 + n, &format!("组{n}"), UnitKind::Team, None)],
        );
    }
    assert!(store.needs_compaction());
    block_on(store.compact(&data)).unwrap();
    assert!(!store.needs_compaction());
}

#[test]
fn a_full_storage_refuses_the_write_and_loses_nothing_already_saved() {
    let (store, mut data) = open(MemoryBackend::default());
    save_all(&store, &mut data, fixture_org().changes());
    let mut backend = store.into_backend();
    backend.set_capacity(Some(0));
    let (store, data) = open(backend);
    let refused = block_on(store.save(&unit(60, "装不下", UnitKind::Team, None)));
    assert_eq!(refused, Err(StoreError::Quota));
    assert_eq!(block_on(store.compact(&data)), Err(StoreError::Quota));
    let mut backend = store.into_backend();
    backend.set_capacity(None);
    let (_, reopened) = open(backend);
    assert_eq!(reopened, fixture_org());
}

/// A backend holding `changes` as schema 1 wrote them: JSON text, the first half in a snapshot chunk (a JSON
/// array), the rest in the log, and no schema version recorded (schema 1 data from before it was recorded).
fn schema_1_backend(changes: Vec<Change>) -> MemoryBackend {
    let backend = MemoryBackend::default();
    let (chunk, log) = changes.split_at(changes.len() / 2);
    block_on(backend.write_snapshot(aftersales::store::NewSnapshot {
        head: None,
        chunks: vec![serde_json::to_string(chunk).unwrap().into_bytes()],
        covers: 0,
        schema_version: 1,
        import: None,
    }))
    .unwrap();
    for change in log {
        block_on(backend.append(serde_json::to_string(change).unwrap().into_bytes())).unwrap();
    }
    backend
}

#[test]
fn json_data_of_schema_1_is_read_and_written_back_in_the_binary_encoding() {
    let backend = schema_1_backend(fixture_org().changes().collect());
    let (store, data) = block_on(Store::open(backend)).unwrap();
    assert_eq!(data, fixture_org());
    let backend = store.into_backend();
    let stored = block_on(backend.load()).unwrap();
    assert_eq!(stored.schema_version, Some(CURRENT_SCHEMA));
    assert!(stored.log.is_empty(), "the snapshot covers the JSON log");
    assert!(
        stored.chunks.iter().all(|c| c.first() != Some(&b'[')),
        "no JSON left"
    );
    let (_, again) = open(backend);
    assert_eq!(again, fixture_org());
}

#[test]
fn data_from_a_newer_app_is_refused_not_overwritten() {
    let (store, mut data) = open(MemoryBackend::default());
    save_all(&store, &mut data, fixture_org().changes());
    let (store, _) = block_on(Store::open_with(
        store.into_backend(),
        CURRENT_SCHEMA,
        &JsonHere,
    ))
    .unwrap();
    let refused = block_on(Store::open_with(store.into_backend(), 1, &JsonHere));
    assert!(matches!(
        refused,
        Err(StoreError::NewerSchema {
            found: CURRENT_SCHEMA,
            supported: 1
        })
    ));
}

#[test]
fn a_corrupt_log_entry_is_kept_apart_and_everything_else_opens() {
    let (store, mut data) = open(MemoryBackend::default());
    save_all(&store, &mut data, fixture_org().changes());
    let backend = store.into_backend();
    let mut cut = encode_change(&unit(9, "半条记录", UnitKind::Team, None));
    cut.truncate(cut.len() - 2);
    block_on(backend.append(cut.clone())).unwrap();
    let after = unit(10, "后来的组", UnitKind::Team, None);
    block_on(backend.append(encode_change(&after))).unwrap();

    let (store, opened) = open(backend);
    let mut expected = fixture_org();
    expected.apply(after);
    assert_eq!(opened, expected, "everything but the cut entry opens");
    let kept = block_on(store.quarantine()).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].bytes, cut, "kept exactly as it was stored");
    assert!(matches!(kept[0].part, Part::Log { .. }));
    assert_eq!(kept[0].error, "the data ends too early");

    // A compaction drops the entry from the log, not from the quarantine; opening again keeps it once.
    block_on(store.compact(&opened)).unwrap();
    let (store, reopened) = open(store.into_backend());
    assert_eq!(reopened, expected);
    assert_eq!(block_on(store.quarantine()).unwrap(), kept);
}

#[test]
fn data_whose_stored_schema_was_lost_is_found_by_reading_it() {
    let (store, mut data) = open(MemoryBackend::default());
    save_all(&store, &mut data, fixture_org().changes());
    block_on(store.compact(&data)).unwrap();
    let backend = store.into_backend();
    backend.forget_schema();
    let (store, reopened) = open(backend);
    assert_eq!(reopened, fixture_org());
    assert!(store.recovered());
    let stored = block_on(store.into_backend().load()).unwrap();
    assert_eq!(
        stored.schema_version,
        Some(CURRENT_SCHEMA),
        "written back with its schema"
    );
}

/// The worker's protocol (`store::older`): what the page sends, the worker's answer and the page's reading of it
/// give the records the JSON holds — or, for JSON that is not, the reason as corrupt data.
#[test]
fn the_worker_reads_schema_1_json_into_the_records_it_holds() {
    use aftersales::store::older::{answer, dataset_of, request};
    let stored = block_on(schema_1_backend(fixture_org().changes().collect()).load()).unwrap();
    assert_eq!(dataset_of(&answer(&request(&stored, 1))), Ok(fixture_org()));

    let broken = aftersales::store::Stored {
        unread: None,
        generation: 0,
        schema_version: Some(1),
        chunks: vec![],
        log: vec![(1, b"{\"kind\":\"unit\"".to_vec())],
        damaged: Vec::new(),
    };
    assert!(matches!(
        dataset_of(&answer(&request(&broken, 1))),
        Err(StoreError::Corrupt(_))
    ));
    assert!(matches!(
        dataset_of(&answer(b"not a request")),
        Err(StoreError::Corrupt(_))
    ));
}

#[test]
fn replacing_everything_leaves_exactly_the_new_data_and_survives_a_reopen() {
    let (store, _) = block_on(Store::open(MemoryBackend::default())).unwrap();
    let org = fixture_org();
    for change in org.changes() {
        block_on(store.save(&change)).unwrap();
    }
    let mut other = Dataset::default();
    other.apply(unit(99, "演示公司", UnitKind::Company, None));
    block_on(store.replace_all(&other)).unwrap();
    assert_eq!(block_on(store.read()).unwrap(), other);
    let (_, reopened) = block_on(Store::open(store.into_backend())).unwrap();
    assert_eq!(reopened, other);
}

/// The bytes schema 2 wrote for a scheme record and for a cycle (which carries a copy of its scheme): the layouts
/// before a scheme had outcome rules — its eight fields, nothing after the grade scale.
fn schema_2_scheme_and_cycle(scheme: &Scheme, cycle: &Versioned<Cycle>) -> (Vec<u8>, Vec<u8>) {
    fn scheme_fields(scheme: &Scheme, out: &mut Writer) {
        scheme.name.encode(out);
        scheme.cadence.encode(out);
        scheme.yearly_from_quarters.encode(out);
        scheme.positions.encode(out);
        scheme.units.encode(out);
        scheme.indicators.encode(out);
        scheme.raters.encode(out);
        scheme.grades.encode(out);
    }
    let record = versioned(60, 60, scheme.clone());
    let mut first = Writer::default();
    first.byte(11); // Change::Scheme
    record.id.encode(&mut first);
    record.stamp.encode(&mut first);
    record.deleted.encode(&mut first);
    scheme_fields(scheme, &mut first);
    let mut second = Writer::default();
    second.byte(12); // Change::Cycle
    cycle.id.encode(&mut second);
    cycle.stamp.encode(&mut second);
    cycle.deleted.encode(&mut second);
    cycle.body.name.encode(&mut second);
    scheme_fields(&cycle.body.scheme, &mut second);
    cycle.body.period.encode(&mut second);
    cycle.body.appeal_days.encode(&mut second);
    cycle.body.plans_due.encode(&mut second);
    cycle.body.forms_due.encode(&mut second);
    cycle.body.results_due.encode(&mut second);
    (first.into_bytes(), second.into_bytes())
}

#[test]
fn schemes_stored_under_schema_2_open_with_the_seeds_outcome_rules_and_are_written_back() {
    let scheme = built_in().remove(2);
    let cycle = versioned(61, 61, third_quarter(built_in().remove(4)));
    let (scheme_bytes, cycle_bytes) = schema_2_scheme_and_cycle(&scheme, &cycle);
    // Read as this code writes, those bytes do not hold together: the schema they were written under matters.
    assert!(codec::from_bytes::<Change>(&cycle_bytes).is_err());
    let mut chunk = Writer::default();
    chunk.len(1);
    chunk.raw(&scheme_bytes);
    let backend = MemoryBackend::default();
    block_on(backend.write_snapshot(aftersales::store::NewSnapshot {
        head: None,
        chunks: vec![chunk.into_bytes()],
        covers: 0,
        schema_version: 2,
        import: None,
    }))
    .unwrap();
    block_on(backend.append(cycle_bytes)).unwrap();

    let (store, data) = open(backend);
    let opened = data.schemes.get(id(60)).expect("the scheme");
    assert_eq!(opened, &scheme);
    assert_eq!(opened.outcomes, None, "the seed's rules apply");
    assert_eq!(data.cycles.get(id(61)), Some(&cycle.body));
    let backend = store.into_backend();
    let stored = block_on(backend.load()).unwrap();
    assert_eq!(stored.schema_version, Some(CURRENT_SCHEMA));
    assert!(stored.log.is_empty(), "the snapshot covers the old log");
    let (_, again) = open(backend);
    assert_eq!(again, data);
}

// Imports (R9.3–R9.4): one all-or-nothing write with a backup, undone exactly, audited.

fn audit_line(what: aftersales::domain::import::Audited) -> Vec<u8> {
    codec::to_bytes(&aftersales::domain::import::AuditEntry {
        at: 1_764_900_000_000,
        by: "李主管".into(),
        what,
    })
}

fn imported() -> Vec<u8> {
    audit_line(aftersales::domain::import::Audited::Imported {
        file: "平板A-2026-12-04.json".into(),
        device: "平板A".into(),
        device_id: aftersales::domain::ids::DeviceId::from_u128(0xA),
        exported_at: 1_764_800_000_000,
        new: 2,
        updated: 1,
        unchanged: 9,
        conflicting: 0,
        refused: 0,
    })
}

/// A store holding the fixture org (part in the snapshot, part in the log), and the org with two more people.
fn before_an_import() -> (Store<MemoryBackend>, Dataset, Dataset) {
    let (store, mut data) = open(MemoryBackend::default());
    save_all(&store, &mut data, fixture_org().changes());
    block_on(store.compact(&data)).unwrap();
    save_all(
        &store,
        &mut data,
        [unit(5, "华北区", UnitKind::Region, Some(2))],
    );
    let mut merged = data.clone();
    for change in [
        person(41, "S041", "导入的工程师", Position::Engineer, 3, Some(12)),
        person(42, "S042", "另一位", Position::Engineer, 4, Some(13)),
    ] {
        merged.apply(change);
    }
    (store, data, merged)
}

fn chunks_of(data: &Dataset) -> Vec<Vec<u8>> {
    aftersales::store::snapshot::encode(data, 3).chunks
}

#[test]
fn an_import_keeps_a_backup_and_undoing_it_restores_the_data_exactly() {
    let (store, before, merged) = before_an_import();
    let covers = block_on(store.stored()).unwrap().log.last().unwrap().0;
    assert!(
        !block_on(store.can_undo_import()).unwrap(),
        "nothing imported yet"
    );
    block_on(store.import(
        chunks_of(&before),
        aftersales::store::snapshot::encode(&merged, 3),
        covers,
        read(&store),
        imported(),
    ))
    .unwrap();
    let (store, reopened) = open(store.into_backend());
    assert_eq!(reopened, merged);
    assert!(block_on(store.can_undo_import()).unwrap());

    let restored =
        block_on(store.undo_import(audit_line(aftersales::domain::import::Audited::Undone)))
            .unwrap();
    assert_eq!(restored, before);
    let (store, reopened) = open(store.into_backend());
    assert_eq!(reopened, before, "undone durably");
    assert!(
        !block_on(store.can_undo_import()).unwrap(),
        "one undo per import"
    );
    assert_eq!(
        block_on(store.undo_import(Vec::new())).err(),
        Some(StoreError::NoImport)
    );
    let audit: Vec<aftersales::domain::import::AuditEntry> = block_on(store.audit())
        .unwrap()
        .iter()
        .map(|bytes| codec::from_bytes(bytes).unwrap())
        .collect();
    let whats: Vec<&str> = audit
        .iter()
        .map(|e| match e.what {
            aftersales::domain::import::Audited::Imported { .. } => "imported",
            aftersales::domain::import::Audited::Undone => "undone",
            aftersales::domain::import::Audited::Anonymised { .. } => "anonymised",
        })
        .collect();
    assert_eq!(whats, ["imported", "undone"]);
}

#[test]
fn undoing_is_refused_once_something_was_saved_after_the_import() {
    let (store, before, merged) = before_an_import();
    let covers = block_on(store.stored()).unwrap().log.last().unwrap().0;
    block_on(store.import(
        chunks_of(&before),
        aftersales::store::snapshot::encode(&merged, 3),
        covers,
        read(&store),
        imported(),
    ))
    .unwrap();
    let mut data = merged.clone();
    save_all(
        &store,
        &mut data,
        [unit(6, "西北区", UnitKind::Region, Some(2))],
    );
    assert!(!block_on(store.can_undo_import()).unwrap());
    assert_eq!(
        block_on(store.undo_import(Vec::new())).err(),
        Some(StoreError::SavedSinceImport)
    );
    let (_, reopened) = open(store.into_backend());
    assert_eq!(reopened, data, "nothing was undone");
}

/// A saved change and the compaction that follows leave no backup behind: the data is no longer the import's, and
/// the cheap check (`Backend::undoable`: a backup and an empty log) stays true to that after the log is folded in.
#[test]
fn a_snapshot_written_after_an_import_drops_its_backup() {
    let (store, before, merged) = before_an_import();
    let covers = block_on(store.stored()).unwrap().log.last().unwrap().0;
    block_on(store.import(
        chunks_of(&before),
        aftersales::store::snapshot::encode(&merged, 3),
        covers,
        read(&store),
        imported(),
    ))
    .unwrap();
    let mut data = merged.clone();
    save_all(
        &store,
        &mut data,
        [unit(6, "西北区", UnitKind::Region, Some(2))],
    );
    block_on(store.compact(&data)).unwrap();
    assert!(block_on(store.stored()).unwrap().log.is_empty());
    assert!(!block_on(store.can_undo_import()).unwrap());
    let backend = store.into_backend();
    assert_eq!(block_on(backend.load_backup()).unwrap(), None);
    let (store, reopened) = open(backend);
    assert_eq!(reopened, data);
    assert_eq!(
        block_on(store.undo_import(Vec::new())).err(),
        Some(StoreError::NoImport)
    );
}

#[test]
fn an_import_that_does_not_fit_changes_nothing() {
    let (store, before, merged) = before_an_import();
    let covers = block_on(store.stored()).unwrap().log.last().unwrap().0;
    let mut backend = store.into_backend();
    backend.set_capacity(Some(1_000));
    let store = block_on(Store::open(backend)).unwrap().0;
    assert_eq!(
        block_on(store.import(
            chunks_of(&before),
            aftersales::store::snapshot::encode(&merged, 3),
            covers,
            read(&store),
            imported()
        ))
        .err(),
        Some(StoreError::Quota)
    );
    let mut backend = store.into_backend();
    backend.set_capacity(None);
    let (store, reopened) = open(backend);
    assert_eq!(reopened, before);
    assert!(block_on(store.audit()).unwrap().is_empty());
}

#[test]
fn entries_another_tab_saved_during_an_import_stay() {
    let (store, before, merged) = before_an_import();
    let covers = block_on(store.stored()).unwrap().log.last().unwrap().0;
    let other_tab = person(43, "S043", "另一标签页", Position::Engineer, 3, None);
    let backend = store.into_backend();
    block_on(backend.append(encode_change(&other_tab))).unwrap();
    let store = block_on(Store::open(backend)).unwrap().0;
    block_on(store.import(
        chunks_of(&before),
        aftersales::store::snapshot::encode(&merged, 3),
        covers,
        read(&store),
        imported(),
    ))
    .unwrap();
    let (_, reopened) = open(store.into_backend());
    assert!(reopened.staff.contains(id(43)), "the other tab's save");
    assert!(reopened.staff.contains(id(41)), "the import");
}

/// Anonymising (R10.2) leaves nothing stored holding what it removed: not the snapshot, not the log, not the
/// backup of the last import — which it drops, so that import can no longer be undone — and says so in the audit.
#[test]
fn anonymising_rewrites_everything_stored_and_drops_the_import_backup() {
    use aftersales::domain::ticket::Happening;
    let company = crate::retention::company();
    let (store, mut data) = open(MemoryBackend::default());
    save_all(&store, &mut data, company.changes().take(50));
    let covers = block_on(store.stored()).unwrap().log.last().unwrap().0;
    block_on(store.import(
        chunks_of(&data),
        aftersales::store::snapshot::encode(&company, 3),
        covers,
        read(&store),
        imported(),
    ))
    .unwrap();
    let (store, mut data) = open(store.into_backend());
    assert!(block_on(store.can_undo_import()).unwrap());
    let calendar = crate::retention::calendar();
    let changes: Vec<Change> = aftersales::domain::retention::due_events(
        &data.tickets.fold_all(&calendar),
        1,
        &calendar,
        crate::retention::at("2030-01-01"),
    )
    .into_iter()
    .map(Change::TicketEvent)
    .collect();
    let phones: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::TicketEvent(e) => data.tickets.fold(e.ticket, &crate::retention::calendar()),
            _ => None,
        })
        .map(|t| t.registration.customer.phone.clone())
        .collect();
    assert!(!phones.is_empty());
    for change in changes.clone() {
        data.apply(change);
    }
    let audit = |tickets| audit_line(aftersales::domain::import::Audited::Anonymised { tickets });
    assert_eq!(
        block_on(store.anonymise(changes.clone(), audit)).unwrap() as usize,
        phones.len()
    );
    // Another tab applying the rule to the same data makes the same events: nothing new, nothing written.
    let audits = block_on(store.audit()).unwrap().len();
    assert_eq!(block_on(store.anonymise(changes, audit)).unwrap(), 0);
    assert_eq!(
        block_on(store.audit()).unwrap().len(),
        audits,
        "one audit line"
    );

    let stored = block_on(store.stored()).unwrap();
    let bytes: Vec<u8> = stored
        .chunks
        .iter()
        .chain(stored.log.iter().map(|(_, e)| e))
        .flatten()
        .copied()
        .collect();
    let holds = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(
        phones.iter().all(|phone| !holds(phone)),
        "no phone of theirs is stored"
    );
    assert!(!block_on(store.can_undo_import()).unwrap());
    let backend = store.into_backend();
    assert_eq!(
        block_on(backend.load_backup()).unwrap(),
        None,
        "the backup held them"
    );
    let (store, reopened) = open(backend);
    assert_eq!(reopened, data);
    assert!(
        reopened
            .tickets
            .all_events()
            .any(|e| matches!(e.what, Happening::Anonymised { .. }))
    );
    let last: aftersales::domain::import::AuditEntry =
        codec::from_bytes(block_on(store.audit()).unwrap().last().unwrap()).unwrap();
    assert!(
        matches!(last.what, aftersales::domain::import::Audited::Anonymised { tickets } if tickets as usize == phones.len())
    );
}

/// The digest of the snapshot `store` holds now: what a preview read.
fn read(store: &Store<MemoryBackend>) -> [u8; 32] {
    aftersales::store::digest(&block_on(store.stored()).unwrap().chunks)
}

/// An import previewed before another tab rewrote the data (its compaction, its anonymisation, its own import) is
/// refused at apply, changing nothing: writing the preview's merge would lose what that tab wrote.
#[test]
fn an_import_previewed_before_another_tab_rewrote_the_data_is_refused() {
    let (store, before, merged) = before_an_import();
    let covers = block_on(store.stored()).unwrap().log.last().unwrap().0;
    let previewed = read(&store);
    // The other tab: a save, then its compaction.
    let mut data = before.clone();
    save_all(
        &store,
        &mut data,
        [unit(8, "另一标签页的组", UnitKind::Region, Some(2))],
    );
    block_on(store.compact(&data)).unwrap();
    assert_eq!(
        block_on(store.import(
            chunks_of(&before),
            aftersales::store::snapshot::encode(&merged, 3),
            covers,
            previewed,
            imported()
        ))
        .err(),
        Some(StoreError::ChangedSincePreview)
    );
    let (store, reopened) = open(store.into_backend());
    assert_eq!(
        reopened, data,
        "the other tab's work is kept, the stale merge not written"
    );
    assert!(block_on(store.audit()).unwrap().is_empty());
}

/// A small deterministic generator for the corruptions (xorshift64*).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// The store's reader fed random corruptions of a real snapshot and log (the demo company's first 200 tickets):
/// truncated parts, flipped bytes, removed chunks and entries. Every time, the store opens; every part left intact
/// is in what opened; every part that does not read is kept in the quarantine exactly as it was stored; and after a
/// compaction and a reopen, the quarantine still holds it and nothing that opened is gone.
#[test]
fn random_corruptions_open_what_reads_and_keep_the_rest_unchanged() {
    use aftersales::demo::{DemoSpec, generate};
    use aftersales::domain::calendar::Calendar;
    let spec = DemoSpec {
        tickets: 200,
        ..DemoSpec::company(1_767_225_600_000)
    };
    let changes = generate(spec, &Calendar::china_default());
    let (in_snapshot, in_log) = changes.split_at(changes.len() - 60);
    let mut snapshot_data = Dataset::default();
    for change in in_snapshot {
        snapshot_data.apply(change.clone());
    }
    let chunks = aftersales::store::snapshot::encode(&snapshot_data, 150).chunks;
    assert!(chunks.len() >= 4, "several chunks: {}", chunks.len());
    let log: Vec<Vec<u8>> = in_log.iter().map(encode_change).collect();

    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut quarantined_runs = 0;
    for run in 0..80 {
        let backend = MemoryBackend::default();
        block_on(backend.write_snapshot(aftersales::store::NewSnapshot {
            head: None,
            chunks: chunks.clone(),
            covers: 0,
            schema_version: CURRENT_SCHEMA,
            import: None,
        }))
        .unwrap();
        for entry in &log {
            block_on(backend.append(entry.clone())).unwrap();
        }
        let mut damaged_chunks = Vec::new();
        let mut damaged_log = Vec::new();
        let mut removed_chunk = None;
        backend.tamper(|chunks, log| {
            for _ in 0..1 + dice.below(3) {
                let in_chunk = dice.below(2) == 0;
                let how = dice.below(3);
                let target: &mut Vec<u8> = match in_chunk {
                    true => {
                        let i = dice.below(chunks.len());
                        damaged_chunks.push(i);
                        &mut chunks[i]
                    }
                    false => {
                        let seq = *log.keys().nth(dice.below(log.len())).unwrap();
                        damaged_log.push(seq);
                        log.get_mut(&seq).unwrap()
                    }
                };
                if target.is_empty() {
                    continue;
                }
                match how {
                    0 => {
                        let keep = dice.below(target.len());
                        target.truncate(keep);
                    }
                    1 => {
                        let at = dice.below(target.len());
                        target[at] ^= 1 << dice.below(8);
                    }
                    _ => target.clear(),
                }
            }
            // A removed key: a whole chunk or entry gone now and then.
            if dice.below(4) == 0 {
                let seq = *log.keys().nth(dice.below(log.len())).unwrap();
                log.remove(&seq);
            }
            if dice.below(4) == 0 && !damaged_chunks.contains(&(chunks.len() - 1)) {
                chunks.pop();
                removed_chunk = Some(chunks.len() as u64);
            }
        });
        let stored = block_on(backend.load()).unwrap();

        let (store, opened) = block_on(Store::open(backend))
            .unwrap_or_else(|e| panic!("run {run}: the store did not open: {e:?}"));
        // Every intact part is in what opened: applying them all again changes nothing.
        let mut with = opened.clone();
        for (i, chunk) in stored.chunks.iter().enumerate() {
            if !damaged_chunks.contains(&i) {
                let part: Vec<Change> = codec::from_bytes(chunk).unwrap();
                part.into_iter().for_each(|change| {
                    with.apply(change);
                });
            }
        }
        for (seq, entry) in &stored.log {
            if !damaged_log.contains(seq) {
                with.apply(codec::from_bytes::<Change>(entry).unwrap());
            }
        }
        assert!(
            with == opened,
            "run {run}: every intact part is in what opened"
        );
        // What did not read is kept, byte for byte.
        let kept = block_on(store.quarantine()).unwrap();
        let missing: Vec<u64> = kept
            .iter()
            .filter_map(|part| match part.part {
                Part::Missing { index, .. } => Some(index),
                _ => None,
            })
            .collect();
        assert_eq!(
            missing,
            Vec::from_iter(removed_chunk),
            "run {run}: a removed chunk is found missing"
        );
        for part in kept.iter().filter(|part| !part.is_missing()) {
            let original = match part.part {
                Part::Chunk { index, .. } => &stored.chunks[index as usize],
                Part::Log { seq, .. } => &stored.log.iter().find(|(s, _)| *s == seq).unwrap().1,
                Part::Missing { .. } => unreachable!(),
            };
            assert_eq!(&part.bytes, original, "run {run}: kept as stored");
        }
        if !kept.is_empty() {
            quarantined_runs += 1;
        }
        // A compaction and a reopen: the quarantine stays, nothing that opened is lost.
        block_on(store.compact(&opened)).unwrap();
        let (store, reopened) = open(store.into_backend());
        assert_eq!(
            reopened, opened,
            "run {run}: the compaction kept what opened"
        );
        assert_eq!(block_on(store.quarantine()).unwrap(), kept, "run {run}");
    }
    assert!(
        quarantined_runs > 40,
        "most runs damage something that does not read: {quarantined_runs}"
    );
}

/// The missing chunks a backend reports (issue 15's attacker: a count of 10^12 in meta froze the app hashing every
/// chunk per missing index; a count that does not read disabled the check): a gap below the highest chunk stored is
/// found with or without the count, and at most `MAX_MISSING` are reported.
#[test]
fn missing_chunks_are_found_by_the_count_or_by_the_gaps_and_capped() {
    use aftersales::store::quarantine::{MAX_MISSING, Part, missing_chunks};
    let present = vec![vec![1u8], vec![2u8]];
    let missing = |indices: &[u64], count: Option<u64>| -> Vec<u64> {
        missing_chunks(indices, count, CURRENT_SCHEMA, &present)
            .iter()
            .map(|part| match part.part {
                Part::Missing { index, .. } => index,
                _ => unreachable!(),
            })
            .collect()
    };
    assert_eq!(missing(&[0, 1, 2], Some(3)), Vec::<u64>::new());
    assert_eq!(missing(&[0, 2], Some(3)), [1]);
    assert_eq!(missing(&[0, 1], Some(4)), [2, 3], "lost at the end");
    assert_eq!(missing(&[0, 2], None), [1], "no count: the gap");
    assert_eq!(
        missing(&[0, 3], Some(2)),
        [1, 2],
        "a count below what is stored"
    );
    assert_eq!(missing(&[0, 1], Some(u64::MAX)).len(), MAX_MISSING);
    assert_eq!(
        missing(&[0, u64::MAX], None),
        Vec::<u64>::new(),
        "a key that is no index"
    );
    let parts = missing_chunks(&[0], Some(3), CURRENT_SCHEMA, &present);
    assert!(
        parts
            .windows(2)
            .all(|w| w[0].bytes == w[1].bytes && w[0].key() != w[1].key())
    );
}
