//! What opening can show before the tickets' history is read: the KPI facts, derived from exactly what the store
//! holds and kept beside it (`Backend::write_derived`), so the dashboard opens from them at once (issue 19).
//!
//! A kept derivation names its source — the snapshot's generation and the log's sequence numbers — and the build that
//! derived it (a hash of the domain's and the codec's sources, `build.rs`). It is trusted only by the same build and
//! only for data read from that very source: a save, another tab's save, a compaction or an import makes it another
//! source, and it is derived again (by the worker module, off the page's thread: `jobs::derive_request`). Missing,
//! unreadable or stale, it is simply not used; nothing is ever lost by that, opening just waits for the history.
//!
//! Owns: `Source`, the sealed form (`seal`, `open`) and `derive`. Must not: decide a figure (`domain::kpi`), or be
//! trusted over the history — a test derives the facts again from the events and compares (`tests/native/derived.rs`).

use crate::codec::{self, Codec, Reader, Writer};
use crate::domain::kpi::facts::Facts;

use super::{CURRENT_SCHEMA, Stored, snapshot};

/// The build that derives: sealed in, and compared on opening.
pub const BUILD: &str = env!("AFTERSALES_DERIVATION");

/// The sealed form's first bytes (and its own layout's version).
const MAGIC: &[u8; 4] = b"ASD1";

/// What stored data was read: the snapshot's generation and the log entries' sequence numbers, ascending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    pub generation: u64,
    pub log: Vec<u64>,
}

impl Source {
    /// The source of what `stored` holds.
    pub fn of(stored: &Stored) -> Source {
        Source {
            generation: stored.generation,
            log: stored.log.iter().map(|(seq, _)| *seq).collect(),
        }
    }
}

/// `facts`, derived from `source` by this build, as the bytes a backend keeps.
pub fn seal(source: &Source, facts: &Facts) -> Vec<u8> {
    let mut out = Writer::default();
    out.raw(MAGIC);
    BUILD.to_string().encode(&mut out);
    source.generation.encode(&mut out);
    source.log.encode(&mut out);
    facts.encode(&mut out);
    out.into_bytes()
}

/// The build and the source `sealed` names, and its facts' bytes; `None` for bytes of another kind.
fn header(sealed: &[u8]) -> Option<(String, Source, &[u8])> {
    let mut input = Reader::new(sealed);
    if input.raw(MAGIC.len()).ok()? != MAGIC {
        return None;
    }
    let build = String::decode(&mut input).ok()?;
    let source = Source {
        generation: u64::decode(&mut input).ok()?,
        log: Vec::decode(&mut input).ok()?,
    };
    Some((build, source, input.rest()))
}

/// The source `sealed` was derived from (a backend compares it with what it holds before keeping it).
pub fn source_of(sealed: &[u8]) -> Option<Source> {
    header(sealed).map(|(_, source, _)| source)
}

/// Whether `sealed` was derived from exactly `source` by this build (its facts not read).
pub fn is_of(sealed: &[u8], source: &Source) -> bool {
    header(sealed).is_some_and(|(build, derived_from, _)| build == BUILD && derived_from == *source)
}

/// The facts `sealed` holds, if this build derived them from exactly `source`; `None` otherwise (another build, another
/// source, bytes that do not read).
pub fn open(sealed: &[u8], source: &Source) -> Option<Facts> {
    let (build, derived_from, facts) = header(sealed)?;
    match build == BUILD && derived_from == *source {
        true => codec::from_bytes(facts).ok(),
        false => None,
    }
}

/// The KPI facts of what `stored` holds, sealed with its source; `None` for data of an older layout (opening
/// migrates it and writes a new snapshot, which is then derived) or of a newer one.
pub fn derive(stored: &Stored) -> Option<Vec<u8>> {
    if stored.schema_version != Some(CURRENT_SCHEMA) {
        return None;
    }
    let log = stored
        .log
        .iter()
        .map(|(seq, entry)| (*seq, entry.as_slice()));
    let (data, _) = snapshot::decode_salvaging(&stored.chunks, log, CURRENT_SCHEMA);
    Some(seal(&Source::of(stored), &Facts::of_data(&data)))
}
