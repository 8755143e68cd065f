//! Browser tests (wasm-bindgen-test in headless Chromium): the real store on the real IndexedDB and on the
//! localStorage fallback — round trip through log and snapshot, reopen, JSON text stored by schema 1 read and
//! written back in the binary encoding, and a full localStorage that refuses a write without losing what was
//! saved. Only compiled for wasm32 (`make test` runs it with `--test browser`).

#![cfg(target_arch = "wasm32")]

use aftersales::domain::clock::Stamp;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::org::{OrgUnit, UnitKind};
use aftersales::domain::record::Versioned;
use aftersales::store::idb::IdbBackend;
use aftersales::store::local::LocalBackend;
use aftersales::store::{Backend, CURRENT_SCHEMA, Store, StoreError};
use idb::{Factory, TransactionMode};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unit(n: u128, name: &str) -> Change {
    unit_at(n, name, 1_000 + n as u64)
}

fn unit_at(n: u128, name: &str, wall_ms: u64) -> Change {
    Change::Unit(Versioned {
        id: Id::from_u128(n),
        stamp: Stamp {
            wall_ms,
            counter: 0,
            device: DeviceId::from_u128(7),
        },
        deleted: false,
        history: None,
        body: OrgUnit {
            name: name.into(),
            kind: UnitKind::Team,
            parent: None,
        },
    })
}

async fn save_all<B: Backend>(store: &Store<B>, data: &mut Dataset, changes: Vec<Change>) {
    for change in changes {
        store.save(&change).await.expect("saved");
        data.apply(change);
    }
}

fn unique(name: &str) -> String {
    format!("{name}-{}", js_sys::Math::random().to_bits())
}

#[wasm_bindgen_test]
async fn indexeddb_keeps_log_and_snapshot_across_reopening() {
    let name = unique("aftersales-test");
    let backend = IdbBackend::open(&name, || {})
        .await
        .expect("IndexedDB opens");
    let (store, mut data) = Store::open(backend).await.unwrap();
    assert_eq!(data, Dataset::default());
    save_all(
        &store,
        &mut data,
        (1..=30).map(|n| unit(n, &format!("组{n}"))).collect(),
    )
    .await;
    store.compact(&data).await.unwrap();
    save_all(
        &store,
        &mut data,
        vec![unit(31, "压缩后新增"), unit_at(5, "改名的组5", 9_000)],
    )
    .await;
    store.into_backend().close();

    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    let stored = backend.load().await.unwrap();
    assert_eq!(
        stored.log.len(),
        2,
        "two saves after the snapshot are in the log"
    );
    assert_eq!(stored.schema_version, Some(CURRENT_SCHEMA));
    let (store, reopened) = Store::open(backend).await.unwrap();
    assert_eq!(reopened, data);
    assert_eq!(
        reopened.units.get(Id::from_u128(5)).unwrap().name,
        "改名的组5"
    );
    store.into_backend().close();
    IdbBackend::delete(&name).await.unwrap();
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear_prefix(prefix: &str) {
    let storage = local_storage();
    let keys: Vec<String> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for key in keys {
        storage.remove_item(&key).unwrap();
    }
}

#[wasm_bindgen_test]
async fn the_localstorage_fallback_keeps_log_and_snapshot_across_reopening() {
    let prefix = unique("aftersales-test");
    let (store, mut data) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    save_all(
        &store,
        &mut data,
        (1..=10).map(|n| unit(n, &format!("组{n}"))).collect(),
    )
    .await;
    store.compact(&data).await.unwrap();
    save_all(&store, &mut data, vec![unit(11, "压缩后新增")]).await;

    let (_, reopened) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    assert_eq!(reopened, data);
    let stored = LocalBackend::open(&prefix).unwrap().load().await.unwrap();
    assert_eq!(stored.log.len(), 1);
    clear_prefix(&prefix);
}

#[wasm_bindgen_test]
async fn a_full_localstorage_refuses_the_save_and_keeps_what_was_saved() {
    let prefix = unique("aftersales-test");
    let (store, mut data) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    save_all(&store, &mut data, vec![unit(1, "已保存的组")]).await;

    // Fill the browser's localStorage (about 5 MB per origin) until it refuses.
    let filler = format!("{prefix}-filler");
    let block = "x".repeat(256 * 1024);
    let storage = local_storage();
    let mut blocks = 0;
    while storage
        .set_item(&format!("{filler}.{blocks}"), &block)
        .is_ok()
    {
        blocks += 1;
        assert!(blocks < 400, "localStorage never filled up");
    }
    let small = "y".repeat(1024);
    let mut smalls = 0;
    while storage
        .set_item(&format!("{filler}.s{smalls}"), &small)
        .is_ok()
    {
        smalls += 1;
    }

    let refused = store.save(&unit(2, &"装不下".repeat(200))).await;
    assert_eq!(refused, Err(StoreError::Quota));
    let mut too_big = data.clone();
    too_big.apply(unit(3, &"大".repeat(20_000)));
    assert_eq!(
        store.compact(&too_big).await,
        Err(StoreError::Quota),
        "a snapshot that does not fit is refused whole"
    );

    clear_prefix(&filler);
    let (_, reopened) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    assert_eq!(
        reopened, data,
        "nothing saved before was lost, nothing refused was half-saved"
    );
    clear_prefix(&prefix);
}

fn schema_1_changes() -> Vec<Change> {
    vec![
        unit(1, "华东大区"),
        unit(2, "上海站"),
        unit_at(1, "华东区", 5_000),
    ]
}

fn expected(changes: Vec<Change>) -> Dataset {
    let mut data = Dataset::default();
    for change in changes {
        data.apply(change);
    }
    data
}

#[wasm_bindgen_test]
async fn indexeddb_json_of_schema_1_is_read_and_written_back_as_bytes() {
    let name = unique("aftersales-test");
    IdbBackend::open(&name, || {}).await.unwrap().close();
    // What the app of schema 1 wrote: JSON strings in the log and the schema number in meta.
    let db = raw_database(&name).await;
    let tx = db
        .transaction(&["log", "meta"], TransactionMode::ReadWrite)
        .unwrap();
    let log = tx.object_store("log").unwrap();
    for change in schema_1_changes() {
        let json = serde_json::to_string(&change).unwrap();
        log.add(&JsValue::from_str(&json), None)
            .unwrap()
            .await
            .unwrap();
    }
    tx.object_store("meta")
        .unwrap()
        .put(
            &JsValue::from_f64(1.0),
            Some(&JsValue::from_str("schema_version")),
        )
        .unwrap()
        .await
        .unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();

    let (store, data) = Store::open(IdbBackend::open(&name, || {}).await.unwrap())
        .await
        .unwrap();
    assert_eq!(data, expected(schema_1_changes()));
    let backend = store.into_backend();
    let stored = backend.load().await.unwrap();
    assert_eq!(stored.schema_version, Some(CURRENT_SCHEMA));
    assert!(stored.log.is_empty(), "the JSON log is now in the snapshot");
    let (store, again) = Store::open(backend).await.unwrap();
    assert_eq!(again, data);
    store.into_backend().close();
    IdbBackend::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn localstorage_json_of_schema_1_is_read_and_written_back_as_bytes() {
    let prefix = unique("aftersales-test");
    let storage = local_storage();
    storage
        .set_item(
            &format!("{prefix}.meta"),
            r#"{"schema_version":1,"generation":0,"chunks":0,"next_seq":3}"#,
        )
        .unwrap();
    for (seq, change) in schema_1_changes().iter().enumerate() {
        let json = serde_json::to_string(change).unwrap();
        storage
            .set_item(&format!("{prefix}.log.{}", seq + 1), &json)
            .unwrap();
    }
    let (_, data) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    assert_eq!(data, expected(schema_1_changes()));
    let meta = storage
        .get_item(&format!("{prefix}.meta"))
        .unwrap()
        .unwrap();
    assert!(
        meta.starts_with(&format!("{CURRENT_SCHEMA} ")),
        "meta in the current form: {meta}"
    );
    let (_, again) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    assert_eq!(again, data);
    clear_prefix(&prefix);
}

/// An import (R9.4) on the store: written with a backup and an audit line, reopened, undone exactly, audited.
/// `backends` are three openings of the same storage, taken in turn, and given back.
async fn import_then_undo<B: Backend>(mut backends: Vec<B>) -> Vec<B> {
    let mut used = Vec::new();
    let (store, mut before) = Store::open(backends.remove(0)).await.unwrap();
    save_all(
        &store,
        &mut before,
        (1..=5).map(|n| unit(n, &format!("组{n}"))).collect(),
    )
    .await;
    let mut after = before.clone();
    after.apply(unit(6, "导入的组"));
    after.apply(unit_at(2, "导入改名", 9_000));
    let covers = store.stored().await.unwrap().log.last().unwrap().0;
    let encode = |d: &Dataset| aftersales::store::snapshot::encode(d, 2).chunks;
    store
        .import(
            encode(&before),
            aftersales::store::snapshot::encode(&after, 2),
            covers,
            aftersales::store::digest(&store.stored().await.unwrap().chunks),
            vec![1, 2, 3],
        )
        .await
        .unwrap();
    used.push(store.into_backend());
    let (store, reopened) = Store::open(backends.remove(0)).await.unwrap();
    assert_eq!(reopened, after);
    assert!(store.can_undo_import().await.unwrap());
    assert_eq!(store.undo_import(vec![4]).await.unwrap(), before);
    used.push(store.into_backend());
    let (store, reopened) = Store::open(backends.remove(0)).await.unwrap();
    assert_eq!(reopened, before, "undone durably");
    assert!(!store.can_undo_import().await.unwrap());
    assert_eq!(store.audit().await.unwrap(), vec![vec![1, 2, 3], vec![4]]);

    // Another import, then a save and the compaction after it: the backup goes with the first snapshot written
    // after the import, and the cheap check says so without reading a chunk.
    let covers = store
        .stored()
        .await
        .unwrap()
        .log
        .last()
        .map_or(0, |(seq, _)| *seq);
    store
        .import(
            encode(&before),
            aftersales::store::snapshot::encode(&after, 2),
            covers,
            aftersales::store::digest(&store.stored().await.unwrap().chunks),
            vec![5],
        )
        .await
        .unwrap();
    assert!(store.can_undo_import().await.unwrap());
    let mut data = after.clone();
    save_all(&store, &mut data, vec![unit(7, "之后的组")]).await;
    assert!(!store.can_undo_import().await.unwrap());
    store.compact(&data).await.unwrap();
    assert!(!store.can_undo_import().await.unwrap());
    let backend = store.into_backend();
    assert!(backend.load_backup().await.unwrap().is_none());
    used.push(backend);
    used
}

#[wasm_bindgen_test]
async fn indexeddb_keeps_a_backup_for_undoing_an_import() {
    let name = unique("aftersales-test");
    {
        // A database of structure version 1 (before imports) is upgraded when opened.
        let factory = Factory::new().unwrap();
        let mut request = factory.open(&name, Some(1)).unwrap();
        request.on_upgrade_needed(|event| {
            use idb::DatabaseEvent;
            let db = event.database().unwrap();
            let mut params = idb::ObjectStoreParams::new();
            params.auto_increment(true);
            db.create_object_store("log", params).unwrap();
            db.create_object_store("snapshot", idb::ObjectStoreParams::new())
                .unwrap();
            db.create_object_store("meta", idb::ObjectStoreParams::new())
                .unwrap();
        });
        request.await.unwrap().close();
    }
    let mut backends = Vec::new();
    for _ in 0..3 {
        backends.push(IdbBackend::open(&name, || {}).await.unwrap());
    }
    for backend in import_then_undo(backends).await {
        backend.close();
    }
    IdbBackend::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_localstorage_fallback_keeps_a_backup_for_undoing_an_import() {
    let prefix = unique("aftersales-test");
    import_then_undo(
        (0..3)
            .map(|_| LocalBackend::open(&prefix).unwrap())
            .collect(),
    )
    .await;
    clear_prefix(&prefix);
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Two tabs compacting at once (issue 15): a compaction waits for the snapshot lock another tab (here: this test)
/// holds, and writes only once it is let go — so the read-merge-write of one never interleaves with another's.
#[wasm_bindgen_test]
async fn a_compaction_waits_for_the_snapshot_lock_another_tab_holds() {
    use std::cell::Cell;
    use std::rc::Rc;
    let name = unique("aftersales-test-lock");
    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    let (store, mut data) = Store::open(backend).await.unwrap();
    save_all(&store, &mut data, vec![unit(1, "甲组"), unit(2, "乙组")]).await;

    let holding = Rc::new(Cell::new(false));
    let released = Rc::new(Cell::new(false));
    let compacted = Rc::new(Cell::new(false));
    let compacted_while_held = Rc::new(Cell::new(None));
    {
        let (holding, released, compacted, seen) = (
            holding.clone(),
            released.clone(),
            compacted.clone(),
            compacted_while_held.clone(),
        );
        let lock = format!("{name}.snapshot");
        wasm_bindgen_futures::spawn_local(async move {
            let held = aftersales::store::lock::acquire(&lock).await;
            holding.set(true);
            sleep(400).await;
            seen.set(Some(compacted.get()));
            drop(held);
            released.set(true);
        });
    }
    while !holding.get() {
        sleep(10).await;
    }
    let store = Rc::new(store);
    {
        let (store, data, compacted) = (store.clone(), data.clone(), compacted.clone());
        wasm_bindgen_futures::spawn_local(async move {
            store.compact(&data).await.unwrap();
            compacted.set(true);
        });
    }
    for _ in 0..300 {
        if released.get() && compacted.get() {
            break;
        }
        sleep(10).await;
    }
    assert_eq!(
        compacted_while_held.get(),
        Some(false),
        "nothing written while the lock was held"
    );
    assert!(compacted.get(), "written once it was let go");
    let stored = store.stored().await.unwrap();
    assert!(stored.log.is_empty() && !stored.chunks.is_empty());
    let Ok(store) = Rc::try_unwrap(store) else {
        panic!("the compaction let go of the store");
    };
    store.into_backend().close();
    IdbBackend::delete(&name).await.unwrap();
}

/// One log entry cut short in IndexedDB: everything else opens, the entry is kept in the quarantine as it was, and
/// a compaction (which drops it from the log) leaves the quarantine as it is.
#[wasm_bindgen_test]
async fn indexeddb_keeps_an_unreadable_entry_apart_and_opens_the_rest() {
    let name = unique("aftersales-test-quarantine");
    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    let (store, mut data) = Store::open(backend).await.unwrap();
    save_all(&store, &mut data, vec![unit(1, "甲组"), unit(2, "乙组")]).await;
    let backend = store.into_backend();
    let mut cut = aftersales::store::snapshot::encode_change(&unit(3, "半条"));
    cut.truncate(cut.len() - 3);
    backend.append(cut.clone()).await.unwrap();
    backend.close();

    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    let (store, opened) = Store::open(backend).await.unwrap();
    assert_eq!(opened, data);
    let kept = store.quarantine().await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].bytes, cut);
    store.compact(&opened).await.unwrap();
    let backend = store.into_backend();
    backend.close();
    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    let (store, reopened) = Store::open(backend).await.unwrap();
    assert_eq!(reopened, data);
    assert_eq!(store.quarantine().await.unwrap(), kept);
    store.into_backend().close();
    IdbBackend::delete(&name).await.unwrap();
}

/// The localStorage fallback's meta key lost after a compaction (issue 15): the snapshot and the log are found by
/// their keys and open, and the next snapshot is written under a new generation, never over the old chunks.
#[wasm_bindgen_test]
async fn the_localstorage_fallback_recovers_from_a_lost_meta_key_without_overwriting() {
    let prefix = unique("aftersales-test-meta");
    let (store, mut data) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    save_all(&store, &mut data, vec![unit(1, "甲组"), unit(2, "乙组")]).await;
    store.compact(&data).await.unwrap();
    save_all(&store, &mut data, vec![unit(3, "丙组")]).await;
    let storage = local_storage();
    let snapshot_keys = || -> Vec<String> {
        (0..storage.length().unwrap())
            .filter_map(|i| storage.key(i).unwrap())
            .filter(|k| k.starts_with(&format!("{prefix}.snap.")))
            .collect()
    };
    let old_keys = snapshot_keys();
    assert!(!old_keys.is_empty(), "a snapshot is stored");
    storage.remove_item(&format!("{prefix}.meta")).unwrap();

    let (store, reopened) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    assert_eq!(reopened, data, "not a brand-new device");
    assert!(store.recovered());
    let rewritten = snapshot_keys();
    assert!(
        rewritten.iter().all(|key| !old_keys.contains(key)),
        "the snapshot written back is a new generation: {old_keys:?} then {rewritten:?}"
    );
    save_all(&store, &mut data.clone(), vec![unit(4, "丁组")]).await;
    let (_, again) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    assert_eq!(again.units.live_count(), 4);
    clear_prefix(&prefix);
}

/// Six units in a snapshot of three chunks, each written straight through `backend` (issue 15: a chunk deleted by
/// hand lost its records without a word): the units, and the chunks' records.
async fn six_units_in_three_chunks<B: Backend>(backend: &B) -> Vec<Change> {
    six_units_in_three_chunks_with_head(backend, None).await
}

/// `six_units_in_three_chunks`, stated to have `head` chunks of records.
async fn six_units_in_three_chunks_with_head<B: Backend>(
    backend: &B,
    head: Option<usize>,
) -> Vec<Change> {
    let units: Vec<Change> = (1..=6).map(|n| unit(n, &format!("组{n}"))).collect();
    backend
        .write_snapshot(aftersales::store::NewSnapshot {
            head,
            chunks: aftersales::store::snapshot::encode(&expected(units.clone()), 2).chunks,
            covers: 0,
            schema_version: CURRENT_SCHEMA,
            import: None,
        })
        .await
        .unwrap();
    units
}

/// Where each kept part was, as a line to compare.
fn kinds_of(parts: &[aftersales::store::quarantine::Unreadable]) -> Vec<String> {
    use aftersales::store::quarantine::Part;
    parts
        .iter()
        .map(|p| match p.part {
            Part::Chunk { index, .. } => format!("chunk {index}"),
            Part::Log { seq, .. } => format!("log {seq}"),
            Part::Missing { index, .. } => format!("missing chunk {index}"),
        })
        .collect()
}

/// Database `name` opened as devtools (or another program) would, past the store.
async fn raw_database(name: &str) -> idb::Database {
    Factory::new()
        .unwrap()
        .open(name, None)
        .unwrap()
        .await
        .unwrap()
}

/// Deletes snapshot chunk `index` straight from the database, as by hand.
async fn delete_chunk(db: &idb::Database, index: u32) {
    let tx = db
        .transaction(&["snapshot"], TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store("snapshot")
        .unwrap()
        .delete(JsValue::from_f64(index.into()))
        .unwrap()
        .await
        .unwrap();
    tx.commit().unwrap().await.unwrap();
}

/// IndexedDB: a snapshot chunk deleted, a log value that is `null`, a log entry under a string key (issue 15: each
/// made the whole store fail to open, or lost records silently) — the rest opens, each is in the quarantine, and a
/// compaction and a reopen keep it that way.
#[wasm_bindgen_test]
async fn indexeddb_finds_a_missing_chunk_and_values_that_are_not_bytes() {
    let name = unique("aftersales-test-missing");
    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    let units = six_units_in_three_chunks(&backend).await;
    backend.close();
    let db = raw_database(&name).await;
    let tx = db
        .transaction(&["log", "snapshot"], TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store("snapshot")
        .unwrap()
        .delete(JsValue::from_f64(1.0))
        .unwrap()
        .await
        .unwrap();
    let log = tx.object_store("log").unwrap();
    log.add(&JsValue::NULL, None).unwrap().await.unwrap();
    log.put(&JsValue::from_f64(5.0), Some(&JsValue::from_str("x")))
        .unwrap()
        .await
        .unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();

    let left = [&units[..2], &units[4..]].concat();
    let (store, opened) = Store::open(IdbBackend::open(&name, || {}).await.unwrap())
        .await
        .expect("the store opens");
    assert_eq!(opened, expected(left.clone()));
    let kept = store.quarantine().await.unwrap();
    assert_eq!(kinds_of(&kept), ["missing chunk 1", "log 0", "log 1"]);
    assert_eq!(kept[1].bytes, b"\"x\" = 5".to_vec(), "kept as it was");
    assert_eq!(kept[2].bytes, b"1 = null".to_vec());
    store.compact(&opened).await.unwrap();
    store.into_backend().close();
    let (store, reopened) = Store::open(IdbBackend::open(&name, || {}).await.unwrap())
        .await
        .unwrap();
    assert_eq!(reopened, expected(left));
    assert_eq!(store.quarantine().await.unwrap(), kept);
    store.into_backend().close();
    IdbBackend::delete(&name).await.unwrap();
}

/// The localStorage fallback: a snapshot chunk's key removed and a log entry that is not base64 — the rest opens,
/// and both are in the quarantine.
#[wasm_bindgen_test]
async fn the_localstorage_fallback_finds_a_missing_chunk_and_an_entry_that_is_not_base64() {
    let prefix = unique("aftersales-test-missing");
    let backend = LocalBackend::open(&prefix).unwrap();
    let units = six_units_in_three_chunks(&backend).await;
    let storage = local_storage();
    let middle = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .find(|k| k.starts_with(&format!("{prefix}.snap.")) && k.ends_with(".1"))
        .expect("chunk 1 is stored");
    storage.remove_item(&middle).unwrap();
    storage
        .set_item(&format!("{prefix}.log.9"), "~not base64!")
        .unwrap();

    let (store, opened) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .expect("the store opens");
    assert_eq!(opened, expected([&units[..2], &units[4..]].concat()));
    let kept = store.quarantine().await.unwrap();
    assert_eq!(kinds_of(&kept), ["missing chunk 1", "log 9"]);
    assert_eq!(kept[1].bytes, b"~not base64!".to_vec());
    clear_prefix(&prefix);
}

/// Stored numbers an attacker or a bad disk changed (issue 15's attacker): a chunk count of 10^12 or one that is a
/// string, a schema of 0, a quarantine entry that is a number — the store opens at once, finds the gap, reads the
/// schema by trying, and the quarantine still lists what it keeps.
#[wasm_bindgen_test]
async fn indexeddb_opens_through_damaged_counts_and_schema_and_a_damaged_quarantine_entry() {
    let name = unique("aftersales-test-meta-damage");
    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    let units = six_units_in_three_chunks(&backend).await;
    backend.close();
    let db = raw_database(&name).await;
    let put = |store: &'static str, value: JsValue, key: JsValue| {
        let tx = db
            .transaction(&[store], TransactionMode::ReadWrite)
            .unwrap();
        async move {
            tx.object_store(store)
                .unwrap()
                .put(&value, Some(&key))
                .unwrap()
                .await
                .unwrap();
            tx.commit().unwrap().await.unwrap();
        }
    };
    put("meta", JsValue::from_f64(1e12), JsValue::from_str("chunks")).await;
    put(
        "quarantine",
        JsValue::from_f64(42.0),
        JsValue::from_str("x"),
    )
    .await;
    delete_chunk(&db, 1).await;

    let left = expected([&units[..2], &units[4..]].concat());
    let (store, opened) = Store::open(IdbBackend::open(&name, || {}).await.unwrap())
        .await
        .unwrap();
    assert_eq!(opened, left);
    let kept = store.quarantine().await.unwrap();
    assert_eq!(kept.len(), aftersales::store::quarantine::MAX_MISSING);
    assert!(kept.iter().all(|part| part.is_missing()));
    store.into_backend().close();

    // Written again (the count true), then a string count and a schema of 0: the gap is still found.
    let (store, _) = Store::open(IdbBackend::open(&name, || {}).await.unwrap())
        .await
        .unwrap();
    let backend = store.into_backend();
    six_units_in_three_chunks(&backend).await;
    backend.close();
    put("meta", JsValue::from_str("3"), JsValue::from_str("chunks")).await;
    put(
        "meta",
        JsValue::from_f64(0.0),
        JsValue::from_str("schema_version"),
    )
    .await;
    delete_chunk(&db, 1).await;
    db.close();
    let (store, opened) = Store::open(IdbBackend::open(&name, || {}).await.unwrap())
        .await
        .unwrap();
    assert_eq!(opened, left);
    assert!(store.recovered(), "the schema found by reading");
    assert!(kinds_of(&store.quarantine().await.unwrap()).contains(&"missing chunk 1".to_string()));
    store.into_backend().close();
    IdbBackend::delete(&name).await.unwrap();
}

/// The localStorage fallback's meta damaged (a stray character, a chunk count of two billion): the store opens —
/// from the keys, or following the count no further than `MAX_MISSING` missing chunks.
#[wasm_bindgen_test]
async fn the_localstorage_fallback_opens_through_a_damaged_meta() {
    let prefix = unique("aftersales-test-meta-damage");
    let units = six_units_in_three_chunks(&LocalBackend::open(&prefix).unwrap()).await;
    let storage = local_storage();
    let meta = storage
        .get_item(&format!("{prefix}.meta"))
        .unwrap()
        .unwrap();
    let mut fields: Vec<String> = meta.split(' ').map(str::to_string).collect();
    fields[2] = "2000000000".into();
    storage
        .set_item(&format!("{prefix}.meta"), &fields.join(" "))
        .unwrap();
    let (store, opened) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    assert_eq!(opened, expected(units.clone()));
    assert_eq!(
        store.quarantine().await.unwrap().len(),
        aftersales::store::quarantine::MAX_MISSING
    );
    storage
        .set_item(&format!("{prefix}.meta"), &format!("{meta}x"))
        .unwrap();
    let (store, opened) = Store::open(LocalBackend::open(&prefix).unwrap())
        .await
        .unwrap();
    assert_eq!(opened, expected(units));
    assert!(store.recovered());
    clear_prefix(&prefix);
}

/// A database a newer version of the app upgraded (issue 15's attacker: the app fell back to an empty localStorage
/// and offered a first start): opening it says so, and nothing is written.
#[wasm_bindgen_test]
async fn an_indexeddb_of_a_newer_structure_is_named_newer_not_taken_for_missing() {
    let name = unique("aftersales-test-newer");
    IdbBackend::open(&name, || {}).await.unwrap().close();
    Factory::new()
        .unwrap()
        .open(&name, Some(99))
        .unwrap()
        .await
        .unwrap()
        .close();
    assert!(matches!(
        IdbBackend::open(&name, || {}).await.map(|_| ()),
        Err(StoreError::NewerSchema { found: 0, .. })
    ));
    IdbBackend::delete(&name).await.unwrap();
}

/// Opening in two steps on the real IndexedDB (issue 19): the snapshot's records and the log first, the tickets'
/// history after — in batches, adding up to a whole read; a history chunk gone missing is found and kept apart; and
/// a snapshot written meanwhile (another tab's compaction) is noticed, so nothing of the old one is mixed in.
#[wasm_bindgen_test]
async fn indexeddb_reads_the_history_behind_the_records_and_notices_a_new_snapshot() {
    use aftersales::store::history::Progress;
    let name = unique("aftersales-test-history");
    let mut data = Dataset::default();
    for change in aftersales::demo::generate(
        aftersales::demo::DemoSpec {
            seed: 3,
            tickets: 40,
            now: 1_796_000_000_000,
        },
        &aftersales::domain::calendar::Calendar::china_default(),
    ) {
        data.apply(change);
    }
    let encoded = aftersales::store::snapshot::encode(&data, 10);
    let history_chunks = encoded.chunks.len() - encoded.head;
    assert!(history_chunks > 10, "more than one batch: {history_chunks}");
    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    backend
        .write_snapshot(aftersales::store::NewSnapshot {
            chunks: encoded.chunks.clone(),
            head: Some(encoded.head),
            covers: 0,
            schema_version: CURRENT_SCHEMA,
            import: None,
        })
        .await
        .unwrap();
    let later = unit(900, "快照后新增");
    backend
        .append(aftersales::store::snapshot::encode_change(&later))
        .await
        .unwrap();
    let opening = backend.load_opening().await.unwrap();
    assert_eq!(opening.chunks, encoded.chunks[..encoded.head].to_vec());
    assert_eq!(opening.log.len(), 1);
    let unread = opening.unread.clone().expect("the history is left");
    assert_eq!(
        (unread.from, unread.to),
        (encoded.head, encoded.chunks.len())
    );
    assert_eq!(
        backend.load().await.unwrap().chunks,
        encoded.chunks,
        "load reads all"
    );

    let mut whole = data.clone();
    whole.apply(later.clone());
    let (store, mut opened, mut history) = open_opening(backend).await;
    assert_eq!(opened.tickets.event_count(), 0);
    assert_eq!(opened.units, whole.units);
    assert_eq!(history.progress(), (0, history_chunks));
    store.read_history(&mut history, &mut opened).await.unwrap();
    assert_eq!(opened, whole);
    assert!(store.quarantine().await.unwrap().is_empty());

    // Another tab compacts while the history is read: the next batch finds the snapshot replaced.
    let (store, mut opened, mut history) = open_opening(store.into_backend()).await;
    assert_eq!(
        history.read_next(&store, &mut opened).await.unwrap(),
        Progress::Read
    );
    store.compact(&whole).await.unwrap();
    let step = loop {
        match history.read_next(&store, &mut opened).await.unwrap() {
            Progress::Read => continue,
            other => break other,
        }
    };
    assert_eq!(step, Progress::Replaced);
    store.into_backend().close();

    // The history's first chunk (of the compaction's snapshot) deleted by hand: found missing, kept apart, the rest
    // read.
    let stored_head = {
        let backend = IdbBackend::open(&name, || {}).await.unwrap();
        let head = backend.load_opening().await.unwrap().chunks.len();
        backend.close();
        head
    };
    let db = raw_database(&name).await;
    let tx = db
        .transaction(&["snapshot"], TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store("snapshot")
        .unwrap()
        .delete(JsValue::from_f64(stored_head as f64))
        .unwrap()
        .await
        .unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();
    let (store, mut opened, mut history) =
        open_opening(IdbBackend::open(&name, || {}).await.unwrap()).await;
    store.read_history(&mut history, &mut opened).await.unwrap();
    assert_eq!(
        kinds_of(&store.quarantine().await.unwrap()),
        [format!("missing chunk {stored_head}")]
    );
    assert!(opened.tickets.event_count() < whole.tickets.event_count());
    assert_eq!(opened.units, whole.units);
    store.into_backend().close();
    IdbBackend::delete(&name).await.unwrap();
}

/// A snapshot whose stated head is wrong (records in what it calls the history: written by hand, or by a tool):
/// nothing is lost — every chunk is read, the ones after the head behind the first screen.
#[wasm_bindgen_test]
async fn indexeddb_reads_every_chunk_when_the_head_is_wrong() {
    let name = unique("aftersales-test-head");
    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    let units = six_units_in_three_chunks_with_head(&backend, Some(1)).await;
    let (store, mut opened, mut history) = open_opening(backend).await;
    assert_eq!(opened.units.live_count(), 2, "the head's chunk first");
    assert_eq!(history.progress(), (0, 2));
    store.read_history(&mut history, &mut opened).await.unwrap();
    assert_eq!(opened, expected(units));
    store.into_backend().close();
    IdbBackend::delete(&name).await.unwrap();
}

/// Opens the store in two steps (`Store::open_opening`): the data before its history, and the history to read.
async fn open_opening<B: Backend>(
    backend: B,
) -> (Store<B>, Dataset, aftersales::store::history::History) {
    Store::open_opening(backend, CURRENT_SCHEMA, &aftersales::store::JsonHere)
        .await
        .unwrap()
}

/// The KPI facts kept beside the data (issue 19) on the real IndexedDB: kept only while it holds what they were
/// derived from, handed over at opening for exactly that, dropped by a snapshot write; a value that is not bytes
/// where they are kept is as if none were.
#[wasm_bindgen_test]
async fn indexeddb_keeps_derived_facts_only_for_the_data_they_were_derived_from() {
    use aftersales::domain::kpi::facts::Facts;
    use aftersales::store::derived;
    let name = unique("aftersales-test-derived");
    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    let units = six_units_in_three_chunks_with_head(&backend, Some(1)).await;
    backend
        .append(aftersales::store::snapshot::encode_change(&unit(7, "组7")))
        .await
        .unwrap();
    let stored = backend.load().await.unwrap();
    let sealed = derived::derive(&stored).unwrap();
    assert!(backend.write_derived(sealed.clone()).await.unwrap());

    let (store, _, _) = open_opening(backend).await;
    let whole = expected([units.clone(), vec![unit(7, "组7")]].concat());
    assert_eq!(store.kept_facts().await, Some(Facts::of_data(&whole)));
    assert!(store.keeps_facts_of_opened().await);

    // A save after the derivation: not kept, and not handed over at the next opening.
    store.save(&unit(8, "组8")).await.unwrap();
    let backend = store.into_backend();
    assert!(!backend.write_derived(sealed).await.unwrap());
    let (store, _, _) = open_opening(backend).await;
    assert!(!store.keeps_facts_of_opened().await);
    assert_eq!(store.kept_facts().await, None);

    // Derived again, then a compaction: what was kept goes with the snapshot it was derived from.
    let backend = store.into_backend();
    let sealed = derived::derive(&backend.load().await.unwrap()).unwrap();
    assert!(backend.write_derived(sealed).await.unwrap());
    assert!(backend.load_derived().await.unwrap().is_some());
    let (store, whole, mut history) = open_opening(backend).await;
    let mut whole = whole;
    store.read_history(&mut history, &mut whole).await.unwrap();
    store.compact(&whole).await.unwrap();
    let backend = store.into_backend();
    assert_eq!(backend.load_derived().await.unwrap(), None);
    backend.close();

    // Not bytes (written by hand, or by a tool): as if nothing were kept.
    let db = raw_database(&name).await;
    let tx = db
        .transaction(&["meta"], TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store("meta")
        .unwrap()
        .put(
            &JsValue::from_str("derived?"),
            Some(&JsValue::from_str("derived")),
        )
        .unwrap()
        .await
        .unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();
    let backend = IdbBackend::open(&name, || {}).await.unwrap();
    assert_eq!(backend.load_derived().await.unwrap(), None);
    backend.close();
    IdbBackend::delete(&name).await.unwrap();
}

/// Lets a microtask run: the effects a signal's change scheduled, not yet the tasks they queued.
async fn microtask() {
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await;
}

#[wasm_bindgen_test]
async fn a_deferred_value_is_computed_in_a_task_of_its_own_and_only_for_the_inputs_asked_last() {
    use aftersales::ui::deferred::deferred;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.set();
    let input = RwSignal::new(1_u32);
    let computed = Rc::new(RefCell::new(Vec::new()));
    let doubled = deferred(move || input.get(), {
        let computed = computed.clone();
        move |n| {
            computed.borrow_mut().push(n);
            n * 2
        }
    });
    let value = move || doubled.with(|v| v.copied());

    // Not computed in the task that made it: nothing yet, and said so.
    microtask().await;
    assert_eq!((value(), doubled.current()), (None, false));
    aftersales::ui::yield_now().await;
    assert_eq!((value(), doubled.current()), (Some(2), true));

    // Two changes, each seen by the effect before either's task runs: the first's computation is dropped; the last
    // value stays shown, not current, until the newer one is there.
    input.set(5);
    microtask().await;
    input.set(6);
    microtask().await;
    assert_eq!((value(), doubled.current()), (Some(2), false));
    aftersales::ui::yield_now().await;
    aftersales::ui::yield_now().await;
    assert_eq!((value(), doubled.current()), (Some(12), true));
    assert_eq!(
        *computed.borrow(),
        vec![1, 6],
        "the computation for 5 was dropped"
    );
    drop(owner);
}
