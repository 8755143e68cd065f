//! Opening in two steps (issue 19): a snapshot keeps the records first and the tickets' history after them, opening
//! reads the records and the log, and the history read behind the first screen — chunk by chunk, in batches — adds
//! up to exactly what a whole read gives: also when a chunk is damaged or missing (it goes to the quarantine), when
//! the snapshot is replaced meanwhile (read again whole), and for a snapshot written before the split.

use crate::common::block_on;
use aftersales::codec;
use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::calendar::Calendar;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::store::history::{BATCH, History, Progress};
use aftersales::store::memory::MemoryBackend;
use aftersales::store::quarantine::Part;
use aftersales::store::snapshot::{self, Encoded};
use aftersales::store::{Backend, CURRENT_SCHEMA, JsonHere, NewSnapshot, Store, StoreError};

const NOW: i64 = 1_796_000_000_000;
/// Small chunks, so a small company's history spans many of them (and several batches).
const PER_CHUNK: usize = 40;

fn company(tickets: usize) -> Dataset {
    let mut data = Dataset::default();
    for change in generate(
        DemoSpec {
            seed: 11,
            tickets,
            now: NOW,
        },
        &Calendar::china_default(),
    ) {
        data.apply(change);
    }
    data
}

fn kinds_in(chunk: &[u8]) -> Vec<&'static str> {
    let changes: Vec<Change> = codec::from_bytes(chunk).expect("the chunk reads");
    changes.iter().map(Change::kind).collect()
}

/// A memory backend holding `encoded` as its snapshot (`head` as given), and then `log` saved after it.
pub(crate) fn stored(encoded: &Encoded, head: Option<usize>, log: &[Change]) -> MemoryBackend {
    let backend = MemoryBackend::default();
    block_on(backend.write_snapshot(NewSnapshot {
        chunks: encoded.chunks.clone(),
        head,
        covers: 0,
        schema_version: CURRENT_SCHEMA,
        import: None,
    }))
    .unwrap();
    for change in log {
        block_on(backend.append(snapshot::encode_change(change))).unwrap();
    }
    backend
}

fn open_opening(backend: MemoryBackend) -> (Store<MemoryBackend>, Dataset, History) {
    block_on(Store::open_opening(backend, CURRENT_SCHEMA, &JsonHere)).expect("the store opens")
}

/// What the quarantine holds, by part.
fn quarantined(store: &Store<MemoryBackend>) -> Vec<Part> {
    block_on(store.quarantine())
        .unwrap()
        .into_iter()
        .map(|u| u.part)
        .collect()
}

/// Damages a chunk: its second half lost.
fn halve(chunk: &mut Vec<u8>) {
    let half = chunk.len() / 2;
    chunk.truncate(half);
}

/// A few saves after the snapshot: a record and two events of tickets the snapshot holds.
fn saves_after(data: &Dataset) -> Vec<Change> {
    let mut saves: Vec<Change> = data
        .tickets
        .all_events()
        .take(2)
        .map(|event| {
            let mut later = event.clone();
            later.id =
                aftersales::domain::ids::Id::from_u128(0xfeed_0000 + later.stamp.counter as u128);
            later.stamp.wall_ms += 1;
            Change::TicketEvent(later)
        })
        .collect();
    let unit = data.units.versions().next().cloned().unwrap();
    saves.push(Change::Unit(unit));
    saves
}

#[test]
fn a_snapshot_keeps_every_record_before_the_tickets_history() {
    let data = company(120);
    let encoded = snapshot::encode(&data, PER_CHUNK);
    assert!(encoded.head > 0 && encoded.head < encoded.chunks.len());
    for (index, chunk) in encoded.chunks.iter().enumerate() {
        let kinds = kinds_in(chunk);
        match index < encoded.head {
            true => assert!(
                !kinds.contains(&"ticket_event"),
                "chunk {index} is a record chunk"
            ),
            false => assert!(
                kinds.iter().all(|k| *k == "ticket_event"),
                "chunk {index} is history"
            ),
        }
    }
    let decoded = snapshot::decode(&encoded.chunks, std::iter::empty(), CURRENT_SCHEMA).unwrap();
    assert_eq!(decoded, data);
}

#[test]
fn opening_reads_the_records_first_and_the_history_behind_adds_up_to_a_whole_read() {
    let data = company(120);
    let encoded = snapshot::encode(&data, PER_CHUNK);
    let saves = saves_after(&data);
    let history_chunks = encoded.chunks.len() - encoded.head;
    let whole = block_on(Store::open(stored(&encoded, Some(encoded.head), &saves)))
        .unwrap()
        .1;

    let (store, mut opened, mut history) =
        open_opening(stored(&encoded, Some(encoded.head), &saves));
    // Every record is there at once, and of the tickets' events only the two saved after the snapshot.
    assert_eq!(opened.units, whole.units);
    assert_eq!(opened.users, whole.users);
    assert_eq!(opened.costs, whole.costs);
    assert_eq!(opened.assessments, whole.assessments);
    assert_eq!(opened.tickets.event_count(), 2);
    assert!(!history.is_read());
    assert_eq!(history.progress(), (0, history_chunks));

    let mut reads = 0;
    let mut last = 0;
    loop {
        match block_on(history.read_next(&store, &mut opened)).unwrap() {
            Progress::Read => reads += 1,
            Progress::Done => break,
            Progress::Replaced => panic!("nothing replaced the snapshot"),
        }
        let (read, of) = history.progress();
        assert!(read >= last && of == history_chunks, "{read} of {of}");
        last = read;
    }
    assert_eq!(reads, history_chunks, "one chunk a step");
    assert!(history.is_read());
    assert_eq!(opened, whole);
    assert!(block_on(store.quarantine()).unwrap().is_empty());
}

/// The page's order: the next batch is claimed and fetched before the one before it is decoded, so the backend's
/// read and the decoding overlap. A second claim waits for the first's `accept`; the chunks still add up to the
/// whole read, and a damaged chunk in the second batch is named by its own index.
#[test]
fn fetching_a_batch_while_the_one_before_is_decoded_reads_the_same_data() {
    let data = company(600);
    let encoded = snapshot::encode(&data, PER_CHUNK);
    let history_chunks = encoded.chunks.len() - encoded.head;
    assert!(
        history_chunks > 2 * BATCH,
        "more than two batches: {history_chunks}"
    );
    let damaged = encoded.head + BATCH + 3;
    let backend = stored(&encoded, Some(encoded.head), &[]);
    backend.tamper(|chunks, _| {
        halve(&mut chunks[damaged]);
    });
    let (store, mut opened, mut history) = open_opening(backend);

    let mut batch = history.claim().expect("a first batch");
    assert_eq!(history.claim(), None, "one batch claimed at a time");
    let mut loaded = block_on(History::fetch_batch(&store, &batch)).unwrap();
    let mut batches = 1;
    loop {
        assert_eq!(history.accept(loaded), Progress::Read);
        // The next batch is fetched before this one is decoded.
        let ahead = history.claim();
        if let Some(next) = &ahead {
            assert_eq!(next.from, batch.to, "batches follow each other");
            batch = next.clone();
        }
        let fetched = ahead.map(|next| block_on(History::fetch_batch(&store, &next)).unwrap());
        while history.decode_next(&mut opened) {}
        match fetched {
            Some(next) => {
                assert!(!history.is_decoded(), "a claimed batch is not decoded yet");
                loaded = next;
                batches += 1;
            }
            None => break,
        }
    }
    assert!(history.is_decoded());
    assert_eq!(history.progress(), (history_chunks, history_chunks));
    assert_eq!(block_on(history.finish(&store)).unwrap(), Progress::Done);
    assert_eq!(batches, history_chunks.div_ceil(BATCH));

    let parts = quarantined(&store);
    assert_eq!(
        parts,
        vec![Part::Chunk {
            index: damaged as u64,
            schema: CURRENT_SCHEMA
        }]
    );
    let mut chunks = encoded.chunks.clone();
    halve(&mut chunks[damaged]);
    let (salvaged, _) = snapshot::decode_salvaging(&chunks, std::iter::empty(), CURRENT_SCHEMA);
    assert_eq!(opened, salvaged);
}

#[test]
fn a_snapshot_replaced_while_the_history_is_read_is_read_again_whole() {
    let data = company(120);
    let encoded = snapshot::encode(&data, PER_CHUNK);
    let (store, mut opened, mut history) = open_opening(stored(&encoded, Some(encoded.head), &[]));
    assert_eq!(
        block_on(history.read_next(&store, &mut opened)).unwrap(),
        Progress::Read
    );
    // Another tab compacts: the snapshot is written anew (here with one more unit).
    let mut theirs = data.clone();
    theirs.apply(saves_after(&data).pop().unwrap());
    block_on(store.compact(&theirs)).unwrap();
    // The batch fetched before is still read; the next fetch finds the snapshot replaced.
    let replaced = loop {
        match block_on(history.read_next(&store, &mut opened)).unwrap() {
            Progress::Read => continue,
            other => break other,
        }
    };
    assert_eq!(replaced, Progress::Replaced);
    assert!(
        history.is_read(),
        "nothing more is read of the old snapshot"
    );

    let (store, mut opened, mut history) = open_opening(stored(&encoded, Some(encoded.head), &[]));
    block_on(history.read_next(&store, &mut opened)).unwrap();
    block_on(store.compact(&theirs)).unwrap();
    block_on(store.read_history(&mut history, &mut opened)).unwrap();
    assert_eq!(opened, theirs, "read again whole");
}

#[test]
fn a_damaged_or_missing_history_chunk_goes_to_the_quarantine_and_the_rest_reads() {
    let data = company(120);
    let encoded = snapshot::encode(&data, PER_CHUNK);
    let damaged = encoded.head + 1;
    let last = encoded.chunks.len() - 1;
    let backend = stored(&encoded, Some(encoded.head), &[]);
    backend.tamper(|chunks, _| {
        halve(&mut chunks[damaged]);
        chunks.truncate(last);
    });
    let (store, mut opened, mut history) = open_opening(backend);
    block_on(store.read_history(&mut history, &mut opened)).unwrap();

    let parts = quarantined(&store);
    assert_eq!(
        parts,
        vec![
            Part::Chunk {
                index: damaged as u64,
                schema: CURRENT_SCHEMA
            },
            Part::Missing {
                index: last as u64,
                schema: CURRENT_SCHEMA
            },
        ]
    );
    // What did read is what a whole salvaging read of the same bytes gives.
    let mut chunks = encoded.chunks.clone();
    halve(&mut chunks[damaged]);
    chunks.truncate(last);
    let (salvaged, _) = snapshot::decode_salvaging(&chunks, std::iter::empty(), CURRENT_SCHEMA);
    assert_eq!(opened, salvaged);
    assert!(opened.tickets.event_count() < data.tickets.event_count());
}

#[test]
fn a_snapshot_written_without_a_head_is_read_whole_at_opening() {
    let data = company(60);
    let encoded = snapshot::encode(&data, PER_CHUNK);
    let (_, opened, history) = open_opening(stored(&encoded, None, &[]));
    assert!(history.is_read());
    assert_eq!(history.progress(), (0, 0));
    assert_eq!(opened, data);
}

#[test]
fn a_snapshot_the_store_writes_keeps_its_history_apart() {
    let data = company(60);
    let (store, _) = block_on(Store::open(MemoryBackend::default())).unwrap();
    block_on(store.replace_all(&data)).unwrap();
    let stored = block_on(store.into_backend().load_opening()).unwrap();
    let unread = stored.unread.expect("the history is left for later");
    assert_eq!(unread.from, stored.chunks.len());
    assert!(unread.to > unread.from);
    assert!(
        stored
            .chunks
            .iter()
            .all(|chunk| !kinds_in(chunk).contains(&"ticket_event"))
    );
}

#[test]
fn a_history_with_nothing_left_reports_done() {
    let mut history = History::new(None, CURRENT_SCHEMA);
    let (store, mut data) = block_on(Store::open(MemoryBackend::default())).unwrap();
    assert!(history.is_read());
    assert_eq!(
        block_on(history.read_next(&store, &mut data)),
        Ok::<_, StoreError>(Progress::Done)
    );
}

#[test]
fn a_re_read_in_two_steps_gives_what_a_whole_read_gives() {
    // What the page re-reads after an import's write or another tab's compaction (`AppState::reread`): the log
    // first, then every chunk, the records' ones too, step by step — equal to a whole read, log included.
    let data = company(120);
    let encoded = snapshot::encode(&data, PER_CHUNK);
    let later = company(130);
    let (_, new_ticket) = later
        .tickets
        .owners()
        .find(|(owner, _)| !data.tickets.contains_owner(*owner))
        .expect("a ticket the snapshot does not hold");
    let logged: Vec<Change> = new_ticket
        .iter()
        .map(|event| Change::TicketEvent(event.clone()))
        .collect();
    assert!(
        !logged.is_empty(),
        "the log holds something the snapshot does not"
    );
    let (store, _, _) = open_opening(stored(&encoded, Some(encoded.head), &logged));

    let (mut reread, mut history) = block_on(store.read_in_two_steps()).unwrap();
    assert!(!history.is_read(), "the history is left for later");
    assert_eq!(reread.tickets.event_count(), logged.len(), "the log only");
    assert_eq!(
        reread.units.versions().count(),
        0,
        "the records are left too"
    );
    let mut steps = 0;
    while block_on(history.read_next(&store, &mut reread)).unwrap() == Progress::Read {
        steps += 1;
    }
    assert!(steps > 1, "read a chunk at a time");
    assert_eq!(reread, block_on(store.read()).unwrap());
    assert!(store.last_seq() >= logged.len() as u64);

    // A records' chunk that does not read: the rest reads, and it goes to the quarantine as a whole read sends it.
    let backend = stored(&encoded, Some(encoded.head), &logged);
    backend.tamper(|chunks, _| halve(&mut chunks[0]));
    let (store, _, _) = open_opening(backend);
    assert_eq!(
        quarantined(&store),
        vec![Part::Chunk {
            index: 0,
            schema: CURRENT_SCHEMA
        }]
    );
    let (mut reread, mut history) = block_on(store.read_in_two_steps()).unwrap();
    while block_on(history.read_next(&store, &mut reread)).unwrap() == Progress::Read {}
    let mut chunks = encoded.chunks.clone();
    halve(&mut chunks[0]);
    let logged_pairs: Vec<(u64, Vec<u8>)> = logged
        .iter()
        .enumerate()
        .map(|(i, change)| (i as u64 + 1, snapshot::encode_change(change)))
        .collect();
    let (salvaged, _) = snapshot::decode_salvaging(
        &chunks,
        logged_pairs
            .iter()
            .map(|(seq, bytes)| (*seq, bytes.as_slice())),
        CURRENT_SCHEMA,
    );
    assert!(
        reread == salvaged,
        "what reads is what a whole salvaging read gives"
    );
    assert_eq!(
        quarantined(&store),
        vec![Part::Chunk {
            index: 0,
            schema: CURRENT_SCHEMA
        }],
        "kept, once"
    );

    // Nothing split (a snapshot written without a head): all of it at once.
    let (store, _, _) = open_opening(stored(&encoded, None, &[]));
    let (whole, history) = block_on(store.read_in_two_steps()).unwrap();
    assert!(history.is_read());
    assert_eq!(whole, data);
}

/// At the stored chunk size a chunk is decoded a part at a time (so a slice of the page's time is not overrun by a
/// whole chunk): parts add up to the whole chunk, and a chunk damaged halfway — after several parts read — keeps
/// what read before the damage, the same as a whole salvaging read, with the same count of changes read.
#[test]
fn a_chunk_read_a_part_at_a_time_reads_as_a_whole_one_also_when_damaged_halfway() {
    let data = company(600);
    let encoded = snapshot::encode(&data, aftersales::store::CHUNK_RECORDS);
    assert!(
        encoded.chunks.len() >= encoded.head + 2,
        "the history spans two chunks"
    );
    let damaged = encoded.head;
    let backend = stored(&encoded, Some(encoded.head), &[]);
    backend.tamper(|chunks, _| halve(&mut chunks[damaged]));
    let (store, mut opened, mut history) = open_opening(backend);
    block_on(store.read_history(&mut history, &mut opened)).unwrap();

    let mut chunks = encoded.chunks.clone();
    halve(&mut chunks[damaged]);
    let (salvaged, expected) =
        snapshot::decode_salvaging(&chunks, std::iter::empty(), CURRENT_SCHEMA);
    assert!(
        opened == salvaged,
        "what read is what a whole salvaging read gives"
    );
    let found = block_on(store.quarantine()).unwrap();
    let counts = |parts: &[aftersales::store::quarantine::Unreadable]| {
        parts
            .iter()
            .map(|u| (u.part.clone(), u.records_read))
            .collect::<Vec<_>>()
    };
    assert_eq!(counts(&found), counts(&expected));
    assert!(
        found[0].records_read > 500,
        "the damage comes after several parts: {}",
        found[0].records_read
    );

    // Undamaged, the parts add up to the whole data.
    let (store, mut whole, mut history) = open_opening(stored(&encoded, Some(encoded.head), &[]));
    block_on(store.read_history(&mut history, &mut whole)).unwrap();
    assert!(whole == data, "the parts read add up to the whole data");
}
