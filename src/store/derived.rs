//! What opening can show before the tickets' history is read: the KPI facts, derived from exactly what the store
//! holds and kept beside it (`Backend::write_derived`), so the dashboard opens from them at once (issue 19).
//!
//! A kept derivation names its source — the snapshot's generation and the log's sequence numbers — and the build that
//! derived it (a hash of the domain's and the codec's sources, `build.rs`), and carries a digest of its facts' bytes.
//! It is trusted only by the same build, only for data read from that very source (a save, another tab's save, a
//! compaction or an import makes it another source, and it is derived again — by the worker module, off the page's
//! thread: `jobs::derive_request`), only when its bytes are those sealed, and only while the data read whole (a
//! part of the snapshot found missing or unreadable makes what was read another data: `Store::lost_parts`).
//! Missing, unreadable, damaged or stale, it is simply not used; nothing is ever lost by that, opening just waits
//! for the history.
//!
//! Owns: `Source`, the sealed form (`seal`, `open`) and `derive`. Must not: decide a figure (`domain::kpi`), or be
//! trusted over the history — a test derives the facts again from the events and compares (`tests/native/derived.rs`).

use std::hash::Hasher;

use crate::codec::{self, Codec, Reader, Writer};
use crate::domain::fast_hash::FxHasher;
use crate::domain::kpi::facts::Facts;

use super::{CURRENT_SCHEMA, Stored, snapshot};

/// The build that derives: sealed in, and compared on opening.
pub const BUILD: &str = env!("AFTERSALES_DERIVATION");

/// The sealed form's first bytes (and its own layout's version: 2 added the digest; a version 1 reads as another kind
/// of bytes, so it is derived again).
const MAGIC: &[u8; 4] = b"ASD2";

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
    let facts = codec::to_bytes(facts);
    digest(&facts).encode(&mut out);
    out.raw(&facts);
    out.into_bytes()
}

/// A digest of the facts' bytes, so that damaged bytes that still decode are not trusted: any change within one
/// 8-byte word changes it (each step of the hash is a bijection of its state). Not against tampering: whoever
/// can write the store can write a matching digest.
fn digest(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

/// The build and the source `sealed` names, the digest sealed with its facts, and the facts' bytes; `None` for bytes
/// of another kind.
fn header(sealed: &[u8]) -> Option<(String, Source, u64, &[u8])> {
    let mut input = Reader::new(sealed);
    if input.raw(MAGIC.len()).ok()? != MAGIC {
        return None;
    }
    let build = String::decode(&mut input).ok()?;
    let source = Source {
        generation: u64::decode(&mut input).ok()?,
        log: Vec::decode(&mut input).ok()?,
    };
    let digest = u64::decode(&mut input).ok()?;
    Some((build, source, digest, input.rest()))
}

/// The source `sealed` was derived from (a backend compares it with what it holds before keeping it).
pub fn source_of(sealed: &[u8]) -> Option<Source> {
    header(sealed).map(|(_, source, ..)| source)
}

/// Whether `sealed` was derived from exactly `source` by this build (its facts not read).
pub fn is_of(sealed: &[u8], source: &Source) -> bool {
    header(sealed)
        .is_some_and(|(build, derived_from, ..)| build == BUILD && derived_from == *source)
}

/// The facts `sealed` holds, if this build derived them from exactly `source` and they are the bytes sealed; `None`
/// otherwise (another build, another source, damaged bytes, bytes that do not read).
pub fn open(sealed: &[u8], source: &Source) -> Option<Facts> {
    let (build, derived_from, sealed_digest, facts) = header(sealed)?;
    match build == BUILD && derived_from == *source && digest(facts) == sealed_digest {
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
