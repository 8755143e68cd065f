//! The KPI facts kept beside the stored data (`store::derived`, issue 19): what the worker module derives from what is
//! stored equals the facts folded from the events, and opening hands them over only for exactly the data they were
//! derived from by this build — a save, a compaction, another build, damaged bytes or a part of the history found
//! missing, and they are not used.

use crate::common::block_on;
use aftersales::codec;
use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::calendar::Calendar;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::kpi::facts::Facts;
use aftersales::domain::ticket::log::FoldedTickets;
use aftersales::store::derived::{self, Source};
use aftersales::store::memory::MemoryBackend;
use aftersales::store::snapshot;
use aftersales::store::{Backend, CURRENT_SCHEMA, JsonHere, NewSnapshot, Store};

const NOW: i64 = 1_796_000_000_000;
const PER_CHUNK: usize = 40;
/// The last ticket events, saved after the snapshot (in the log).
const LOGGED: usize = 60;

/// A demo company's changes, the last `LOGGED` ticket events apart.
fn company() -> (Vec<Change>, Vec<Change>) {
    let changes = generate(
        DemoSpec {
            seed: 7,
            tickets: 240,
            now: NOW,
        },
        &Calendar::china_default(),
    );
    let events = changes
        .iter()
        .filter(|c| matches!(c, Change::TicketEvent(_)))
        .count();
    let mut seen = 0;
    changes.into_iter().partition(|change| {
        let is_event = matches!(change, Change::TicketEvent(_));
        seen += usize::from(is_event);
        !is_event || seen <= events - LOGGED
    })
}

fn dataset(changes: &[Change]) -> Dataset {
    let mut data = Dataset::default();
    for change in changes {
        data.apply(change.clone());
    }
    data
}

/// A memory backend holding a snapshot of `before` (records first, the history after) and `log` saved after it.
fn stored(before: &Dataset, log: &[Change]) -> MemoryBackend {
    let encoded = snapshot::encode(before, PER_CHUNK);
    crate::history::stored(&encoded, Some(encoded.head), log)
}

/// Derives as the worker module does: from what the backend holds, kept if it still holds that.
fn derive_and_keep(backend: &MemoryBackend) -> bool {
    let sealed = derived::derive(&block_on(backend.load()).unwrap()).expect("current data derives");
    block_on(backend.write_derived(sealed)).unwrap()
}

fn open(backend: MemoryBackend) -> Store<MemoryBackend> {
    let (store, _, history) =
        block_on(Store::open_opening(backend, CURRENT_SCHEMA, &JsonHere)).expect("the store opens");
    assert!(!history.is_read(), "opened in two steps");
    store
}

/// The facts the page folds from the events (`AppState::facts`).
fn folded_facts(data: &Dataset) -> Facts {
    let settings = data.service_settings();
    let folded = FoldedTickets::fold(&data.tickets, &settings.calendar);
    Facts::new(&folded, data, &settings.policy, &settings.calendar)
}

#[test]
fn the_kept_facts_are_those_folded_from_every_event_snapshot_and_log() {
    let (snapshotted, logged) = company();
    let whole = dataset(&[snapshotted.clone(), logged.clone()].concat());
    let backend = stored(&dataset(&snapshotted), &logged);
    assert!(derive_and_keep(&backend));

    let store = open(backend);
    let kept = block_on(store.kept_facts()).expect("kept for exactly this data");
    assert!(block_on(store.keeps_facts_of_opened()));
    assert_eq!(kept, folded_facts(&whole));
    // The log's events count: without them the facts differ (so the comparison above could fail).
    assert_ne!(kept, folded_facts(&dataset(&snapshotted)));
    assert!(kept.rows.len() > 200);
}

#[test]
fn kept_facts_are_not_used_once_the_store_holds_anything_else() {
    let (snapshotted, logged) = company();
    let (first, later) = logged.split_at(LOGGED / 2);
    let backend = stored(&dataset(&snapshotted), first);
    let sealed = derived::derive(&block_on(backend.load()).unwrap()).unwrap();

    // A save after the derivation: the derivation is not kept, and one kept before is not used.
    block_on(backend.write_derived(sealed.clone())).unwrap();
    block_on(backend.append(snapshot::encode_change(&later[0]))).unwrap();
    assert!(!block_on(backend.write_derived(sealed.clone())).unwrap());
    let store = open(backend);
    assert_eq!(block_on(store.kept_facts()), None);
    assert!(!block_on(store.keeps_facts_of_opened()));

    // A snapshot written since (a compaction, an import) drops what was kept.
    let backend = store.into_backend();
    assert!(derive_and_keep(&backend));
    block_on(backend.write_snapshot(NewSnapshot {
        chunks: snapshot::encode(&dataset(&snapshotted), PER_CHUNK).chunks,
        head: None,
        covers: 1_000,
        schema_version: CURRENT_SCHEMA,
        import: None,
    }))
    .unwrap();
    assert_eq!(block_on(backend.load_derived()).unwrap(), None);
}

#[test]
fn kept_facts_of_another_build_or_damaged_are_not_used() {
    let (snapshotted, logged) = company();
    let backend = stored(&dataset(&snapshotted), &logged);
    let stored_now = block_on(backend.load()).unwrap();
    let source = Source::of(&stored_now);
    let sealed = derived::derive(&stored_now).unwrap();
    assert!(derived::open(&sealed, &source).is_some());

    // Another build: the build's name is sealed right after the four bytes of the kind.
    let mut other_build = sealed.clone();
    let last_of_name = 4 + 1 + derived::BUILD.len() - 1;
    other_build[last_of_name] ^= 1;
    assert!(derived::open(&other_build, &source).is_none());
    assert!(!derived::is_of(&other_build, &source));

    // Another source.
    let other = Source {
        generation: source.generation + 1,
        ..source.clone()
    };
    assert!(derived::open(&sealed, &other).is_none());

    // Damaged: cut short anywhere, or not ours at all.
    for cut in [0, 3, 10, sealed.len() / 2, sealed.len() - 1] {
        assert!(
            derived::open(&sealed[..cut], &source).is_none(),
            "cut at {cut}"
        );
    }
    assert!(derived::open(b"not derived data", &source).is_none());

    // Damaged inside the facts, where the bytes may still decode to other figures: the digest sealed with them
    // tells. Every one of a spread of single-bit flips past the header is refused.
    let header = sealed.len() - codec::to_bytes(&derived::open(&sealed, &source).unwrap()).len();
    for at in (header..sealed.len()).step_by((sealed.len() - header) / 64) {
        let mut flipped = sealed.clone();
        flipped[at] ^= 2;
        assert!(
            derived::open(&flipped, &source).is_none(),
            "a flip at {at} of {}",
            sealed.len()
        );
    }
    // Sealed by the layout before the digest: another kind of bytes, derived again.
    let mut first_layout = sealed.clone();
    first_layout[..4].copy_from_slice(b"ASD1");
    assert!(derived::open(&first_layout, &source).is_none());
}

#[test]
fn kept_facts_are_not_trusted_once_a_part_of_the_history_is_found_missing() {
    let (snapshotted, logged) = company();
    let whole = dataset(&[snapshotted.clone(), logged.clone()].concat());
    let backend = stored(&dataset(&snapshotted), &logged);
    assert!(derive_and_keep(&backend));
    // The history's last chunk lost after the facts were kept: the source they name (generation, log) is unchanged.
    backend.tamper(|chunks, _| {
        chunks.pop();
    });
    let (store, mut data, mut history) =
        block_on(Store::open_opening(backend, CURRENT_SCHEMA, &JsonHere)).unwrap();
    // Before the history is read nothing tells (the first screen may show them) ...
    assert_eq!(block_on(store.kept_facts()), Some(folded_facts(&whole)));
    // ... once it is read and a part found missing, they are another data's.
    block_on(store.read_history(&mut history, &mut data)).unwrap();
    assert!(store.lost_parts());
    assert_eq!(block_on(store.kept_facts()), None);
    assert!(!block_on(store.keeps_facts_of_opened()));
    assert_ne!(
        folded_facts(&data),
        folded_facts(&whole),
        "the chunk held events"
    );
    // Derived again (the worker), they are the facts of what reads.
    let backend = store.into_backend();
    assert!(derive_and_keep(&backend));
    let sealed = block_on(backend.load_derived()).unwrap().expect("kept");
    let source = Source::of(&block_on(backend.load()).unwrap());
    assert_eq!(derived::open(&sealed, &source), Some(folded_facts(&data)));
}

#[test]
fn data_of_an_older_layout_is_not_derived() {
    let (snapshotted, _) = company();
    let backend = stored(&dataset(&snapshotted), &[]);
    let mut older = block_on(backend.load()).unwrap();
    older.schema_version = Some(CURRENT_SCHEMA - 1);
    assert_eq!(derived::derive(&older), None);
}
