//! The quarantine: parts of what is stored that do not read — a snapshot chunk cut short, a log entry with a bad
//! byte or a value that is not bytes at all, a snapshot chunk that is missing — kept exactly as they were, apart from the data, so that one bad byte costs only the part it is in (the
//! rest opens) and nothing that might still be recovered is overwritten or compacted away.
//!
//! Owns: `Unreadable` (a part that did not read, with where it was and what the decoder said), its stored encoding
//! and key, and the file a user saves it to for support. Must not: decide what a part means or show anything (the
//! UI words the count; the decoder's own words go only into the file).

use crate::codec::text::to_text;
use crate::codec::{self, codec_enum, codec_struct};
use crate::domain::sorting;

/// Where an unreadable part was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Chunk `index` of the snapshot, written under stored schema `schema`.
    Chunk { index: u64, schema: u32 },
    /// The log entry with sequence number `seq`, written under stored schema `schema`.
    Log { seq: u64, schema: u32 },
    /// Chunk `index` of the snapshot, which the snapshot's own count says was written, is not there (deleted by
    /// hand, a storage that lost it): its records are gone from this device.
    Missing { index: u64, schema: u32 },
}

/// A part of what was stored that did not read, as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub part: Part,
    /// The decoder's words (for support, in English; never the sentence a user reads).
    pub error: String,
    /// Records read from the part before the damage (they are in the opened data).
    pub records_read: u64,
    /// When this device found it (ms since the epoch); 0 until it is kept.
    pub found_at: u64,
    /// The part's bytes, exactly as stored (a value that was not bytes: its text; a missing chunk: the SHA-256 of
    /// the snapshot's other chunks, which says which snapshot it was missing from).
    pub bytes: Vec<u8>,
}

codec_enum!(Part {
    0 => Chunk { index, schema },
    1 => Log { seq, schema },
    2 => Missing { index, schema }
});
codec_struct!(Unreadable {
    part,
    error,
    records_read,
    found_at,
    bytes
});

impl Unreadable {
    /// The key it is kept under: the hex SHA-256 of where it was and its bytes, so finding the same part again
    /// (every time the store opens until a compaction drops it) keeps it once.
    pub fn key(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        hash.update(codec::to_bytes(&self.part));
        hash.update(&self.bytes);
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// As kept in the backend.
    pub fn to_stored(&self) -> Vec<u8> {
        codec::to_bytes(self)
    }

    pub fn from_stored(bytes: &[u8]) -> Option<Unreadable> {
        codec::from_bytes(bytes).ok()
    }

    /// A part the backend found but cannot hand over as bytes (a value of another type, text that is not base64),
    /// kept as `text`, what it was.
    pub fn not_bytes(part: Part, text: String) -> Unreadable {
        Unreadable {
            part,
            error: "the stored value is not bytes".into(),
            records_read: 0,
            found_at: 0,
            bytes: text.into_bytes(),
        }
    }

    /// Whether the part is gone rather than kept (its records cannot be found on this device).
    pub fn is_missing(&self) -> bool {
        matches!(self.part, Part::Missing { .. })
    }
}

/// At most this many missing chunks are reported (a count in meta far above what was ever written is damage of its
/// own, not thousands of lost chunks).
pub const MAX_MISSING: usize = 64;

/// The chunks missing from a snapshot whose chunks are stored under `indices`, which was written with `count` of
/// them — or, when the count is not known (data written before it was kept, a damaged value), at least up to the
/// highest index stored: each as a `Part::Missing` of `schema`, at most `MAX_MISSING`.
pub fn missing_chunks(
    indices: &[u64],
    count: Option<u64>,
    schema: u32,
    present: &[Vec<u8>],
) -> Vec<Unreadable> {
    let highest = indices
        .iter()
        .filter(|i| **i < u64::MAX)
        .max()
        .map_or(0, |i| i + 1);
    let count = count.unwrap_or(highest).max(highest);
    missing_between(indices, 0..count, schema, present)
}

/// The chunks of `range` not among `indices` (at most `MAX_MISSING`), as `missing_chunks` names them.
pub fn missing_between(
    indices: &[u64],
    range: std::ops::Range<u64>,
    schema: u32,
    present: &[Vec<u8>],
) -> Vec<Unreadable> {
    let missing: Vec<u64> = range
        .filter(|i| !indices.contains(i))
        .take(MAX_MISSING)
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let others = super::digest(present).to_vec();
    missing
        .into_iter()
        .map(|index| Unreadable {
            part: Part::Missing { index, schema },
            error: "the snapshot chunk is missing".into(),
            records_read: 0,
            found_at: 0,
            bytes: others.clone(),
        })
        .collect()
}

/// Kept parts in the order they were found (then by where they were).
pub fn sorted(mut parts: Vec<Unreadable>) -> Vec<Unreadable> {
    sorting::by_key(&mut parts, |p| {
        let (kind, number) = match p.part {
            Part::Chunk { index, .. } | Part::Missing { index, .. } => (0, index),
            Part::Log { seq, .. } => (1, seq),
        };
        (p.found_at, kind, number)
    });
    parts
}

/// The file a user saves the quarantine to, for support: JSON, one object per part, the bytes in base64.
pub fn file(parts: &[Unreadable]) -> String {
    let items: Vec<String> = parts
        .iter()
        .map(|part| {
            let (kind, number, schema) = match part.part {
                Part::Chunk { index, schema } => ("snapshot-chunk", index, schema),
                Part::Log { seq, schema } => ("log-entry", seq, schema),
                Part::Missing { index, schema } => ("missing-snapshot-chunk", index, schema),
            };
            format!(
                "{{\"part\":\"{kind}\",\"number\":{number},\"schema\":{schema},\"error\":{},\"records_read\":{},\"found_at\":{},\"bytes_base64\":\"{}\"}}",
                json_string(&part.error),
                part.records_read,
                part.found_at,
                to_text(&part.bytes),
            )
        })
        .collect();
    format!(
        "{{\"format\":\"aftersales-quarantine\",\"version\":1,\"parts\":[\n{}\n]}}\n",
        items.join(",\n")
    )
}

fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
