//! Versioned records and their last-writer-wins merge.
//!
//! Owns: `Versioned<T>` (a record body with its id, clock stamp and tombstone flag) and `Collection<T>`, a map of
//! records that accepts versions from any device in any order and always keeps the one with the greatest stamp.
//! Applying the same versions in any order, any number of times, gives the same collection (idempotent,
//! commutative, associative). Must not: know what a record means — validation is the caller's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::clock::Stamp;
use super::ids::Id;

/// One version of one record. A deletion is a version with `deleted: true` (a tombstone), so it merges
/// like any edit and a deleted record never comes back from an older copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versioned<T> {
    pub id: Id,
    pub stamp: Stamp,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    pub body: T,
}

/// What applying a version did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied<T> {
    /// The id was new.
    Inserted,
    /// The version replaced an older one, which is returned.
    Replaced(Versioned<T>),
    /// The collection already held a newer version; the incoming one is returned.
    Ignored(Versioned<T>),
    /// The very same version was already there.
    Unchanged,
}

/// Records of one kind, by id, tombstones included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collection<T> {
    versions: BTreeMap<Id, Versioned<T>>,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            versions: BTreeMap::new(),
        }
    }
}

impl<T: Clone + PartialEq> Collection<T> {
    /// Keeps `incoming` if it is newer than what the collection has for its id.
    pub fn apply(&mut self, incoming: Versioned<T>) -> Applied<T> {
        match self.versions.get_mut(&incoming.id) {
            None => {
                self.versions.insert(incoming.id, incoming);
                Applied::Inserted
            }
            Some(current) if current.stamp == incoming.stamp => Applied::Unchanged,
            Some(current) if current.stamp > incoming.stamp => Applied::Ignored(incoming),
            Some(current) => Applied::Replaced(std::mem::replace(current, incoming)),
        }
    }

    /// The live (not deleted) body for `id`.
    pub fn get(&self, id: Id) -> Option<&T> {
        self.versions
            .get(&id)
            .filter(|v| !v.deleted)
            .map(|v| &v.body)
    }

    /// The current version for `id`, tombstone or not.
    pub fn version(&self, id: Id) -> Option<&Versioned<T>> {
        self.versions.get(&id)
    }

    pub fn contains(&self, id: Id) -> bool {
        self.get(id).is_some()
    }

    /// Live records in id order (= creation order, ids being v7).
    pub fn live(&self) -> impl Iterator<Item = (Id, &T)> {
        self.versions
            .values()
            .filter(|v| !v.deleted)
            .map(|v| (v.id, &v.body))
    }

    pub fn live_count(&self) -> usize {
        self.versions.values().filter(|v| !v.deleted).count()
    }

    /// Every current version, tombstones included: what a snapshot or an export must carry.
    pub fn versions(&self) -> impl Iterator<Item = &Versioned<T>> {
        self.versions.values()
    }

    pub fn len_with_tombstones(&self) -> usize {
        self.versions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeviceId;

    fn version(id: u128, wall_ms: u64, device: u128, body: &str) -> Versioned<String> {
        Versioned {
            id: Id::from_u128(id),
            stamp: Stamp {
                wall_ms,
                counter: 0,
                device: DeviceId::from_u128(device),
            },
            deleted: false,
            body: body.to_string(),
        }
    }

    #[test]
    fn the_greatest_stamp_wins_whatever_the_order() {
        let older = version(1, 10, 1, "old");
        let newer = version(1, 20, 1, "new");
        let same_time_other_device = version(1, 20, 2, "tie-break");

        let mut forward = Collection::default();
        for v in [older.clone(), newer.clone(), same_time_other_device.clone()] {
            forward.apply(v);
        }
        let mut backward = Collection::default();
        for v in [same_time_other_device, newer, older] {
            backward.apply(v);
        }
        assert_eq!(forward, backward);
        assert_eq!(
            forward.get(Id::from_u128(1)).map(String::as_str),
            Some("tie-break")
        );
    }

    #[test]
    fn a_tombstone_hides_the_record_and_an_older_copy_does_not_revive_it() {
        let mut records = Collection::default();
        records.apply(version(1, 10, 1, "alive"));
        let mut tombstone = version(1, 30, 1, "alive");
        tombstone.deleted = true;
        records.apply(tombstone);
        assert_eq!(
            records.apply(version(1, 20, 2, "stale edit")),
            Applied::Ignored(version(1, 20, 2, "stale edit"))
        );
        assert_eq!(records.get(Id::from_u128(1)), None);
        assert_eq!(records.live_count(), 0);
        assert_eq!(records.len_with_tombstones(), 1);
    }

    #[test]
    fn applying_the_same_version_twice_changes_nothing() {
        let mut records = Collection::default();
        assert_eq!(records.apply(version(1, 10, 1, "x")), Applied::Inserted);
        assert_eq!(records.apply(version(1, 10, 1, "x")), Applied::Unchanged);
        assert_eq!(records.live_count(), 1);
    }
}
