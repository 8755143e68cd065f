//! Stable record ids and device ids.
//!
//! Owns: the `Id` and `DeviceId` types, how they are built from a time and random bytes, and their text form.
//! Must not: read the clock or a random source itself — the caller (the app shell) passes both in, so the
//! domain stays pure and tests are deterministic.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A record's id: a UUID v7, so ids sort by creation time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(Uuid);

/// The id of one browser profile (one device). Created once, kept locally, never synced as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DeviceId(Uuid);

impl Id {
    /// Builds a v7 id from a Unix time in milliseconds and ten random bytes.
    pub fn from_parts(unix_ms: u64, random: [u8; 10]) -> Self {
        Id(uuid::Builder::from_unix_timestamp_millis(unix_ms, &random).into_uuid())
    }

    /// The id made from `parts` (a tag naming what it identifies, then what makes it that one): the same on every
    /// device, so two devices writing "the same" record (a period's report, a provider's statement) write one.
    pub fn derived(parts: &[&[u8]]) -> Self {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        for part in parts {
            hash.update(part);
        }
        let digest = hash.finalize();
        let mut random = [0u8; 10];
        random.copy_from_slice(&digest[..10]);
        Id::from_parts(0, random)
    }

    /// No record: stands in where an id is asked for but none exists yet (checking an event before it is made).
    pub const NIL: Id = Id(Uuid::nil());

    /// A fixed id for tests and fixtures; with `as_u128`, the stored form.
    pub const fn from_u128(value: u128) -> Self {
        Id(Uuid::from_u128(value))
    }

    pub const fn as_u128(self) -> u128 {
        self.0.as_u128()
    }
}

impl DeviceId {
    pub fn from_parts(unix_ms: u64, random: [u8; 10]) -> Self {
        DeviceId(Id::from_parts(unix_ms, random).0)
    }

    pub const fn from_u128(value: u128) -> Self {
        DeviceId(Uuid::from_u128(value))
    }

    pub const fn as_u128(self) -> u128 {
        self.0.as_u128()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for Id {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Id)
    }
}

impl FromStr for DeviceId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(DeviceId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation_time_and_round_trip_as_text() {
        let early = Id::from_parts(1_700_000_000_000, [9; 10]);
        let late = Id::from_parts(1_700_000_000_001, [0; 10]);
        assert!(early < late);
        assert_eq!(early.to_string().parse::<Id>().unwrap(), early);
        assert!("not-an-id".parse::<Id>().is_err());
    }
}
