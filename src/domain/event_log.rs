//! Events grouped by what they belong to (a ticket, an assessment), as the set they are: merging two devices'
//! histories is the union of their events (R9.3), so inserting is idempotent, commutative and
//! associative by construction.
//!
//! Owns: `LogEvent` (what the log needs of an event: its id, its owner, its stamp) and `EventLog` (each owner's events
//! kept in stamp order, so two logs holding the same events are equal whatever order they arrived in), with the
//! revision each owner last changed at, so a fold kept from the log can refold only what changed since
//! (`ticket::log::FoldedTickets`). Must not: decide whether an event may happen (the owner's fold does) or do IO.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::clock::Stamp;
use super::ids::Id;

/// An immutable event of one owner — but for data its owner's later events remove (a ticket's anonymisation).
pub trait LogEvent: Sized + Clone {
    fn id(&self) -> Id;
    /// The ticket or assessment it belongs to.
    fn owner(&self) -> Id;
    fn stamp(&self) -> Stamp;
    /// Whether this event removes data from its owner's other events.
    fn redacts(&self) -> bool {
        false
    }
    /// The event among an owner's `events` (in order) that says what is removed from all of them, if any: the
    /// first that `redacts`, so the same whatever order they arrived in.
    fn redaction(events: &[Self]) -> Option<&Self> {
        events.iter().find(|e| e.redacts())
    }
    /// Removes from this event what `by` (its owner's `redaction`) says must go; `true` if it changed.
    fn redact(&mut self, _by: &Self) -> bool {
        false
    }
}

/// Which log a revision counts in. Every log has its own and a copy gets a new one, so a fold kept from one log is
/// never taken for a fold of another (two copies that went different ways can hold the same revision numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lineage(u64);

static NEXT_LINEAGE: AtomicU64 = AtomicU64::new(1);

impl Lineage {
    fn new() -> Lineage {
        Lineage(NEXT_LINEAGE.fetch_add(1, Ordering::Relaxed))
    }
}

/// One owner's events, in order, and the log's revision when they last changed.
#[derive(Clone, Debug)]
struct Owned<E> {
    events: Vec<E>,
    revision: u64,
}

#[derive(Debug)]
pub struct EventLog<E> {
    by_owner: BTreeMap<Id, Owned<E>>,
    event_count: usize,
    /// The greatest stamp of an event held, kept as events arrive (finding it walked every event: 0.3 s at 100k
    /// tickets on a slow tablet, each time whole data was adopted).
    latest: Option<Stamp>,
    lineage: Lineage,
    /// Counts the changes: each owner changed keeps the count it was changed at.
    revision: u64,
}

impl<E> Default for EventLog<E> {
    fn default() -> Self {
        EventLog {
            by_owner: BTreeMap::new(),
            event_count: 0,
            latest: None,
            lineage: Lineage::new(),
            revision: 0,
        }
    }
}

impl<E: Clone> Clone for EventLog<E> {
    /// The same events, as a log of its own (a new lineage).
    fn clone(&self) -> Self {
        EventLog {
            by_owner: self.by_owner.clone(),
            event_count: self.event_count,
            latest: self.latest,
            lineage: Lineage::new(),
            revision: self.revision,
        }
    }
}

impl<E: PartialEq> PartialEq for EventLog<E> {
    /// Two logs are equal when they hold the same events (the count and latest stamp follow from them; revisions and lineage say
    /// how each log came to hold them, not what it holds).
    fn eq(&self, other: &Self) -> bool {
        self.by_owner.len() == other.by_owner.len()
            && self
                .by_owner
                .iter()
                .zip(&other.by_owner)
                .all(|((a, a_events), (b, b_events))| a == b && a_events.events == b_events.events)
    }
}

impl<E: Eq> Eq for EventLog<E> {}

impl<E: LogEvent> EventLog<E> {
    /// Adds `event` unless it is already held; `true` if it was new. An event never changes once written, so a
    /// copy has the same owner, stamp and id, and lands on itself in its owner's sorted events: no set of every
    /// id is needed (keeping one cost an eighth of opening 100k tickets in cache misses).
    ///
    /// An event is held as its owner's events make it (`LogEvent::redact`): an anonymised ticket's registration
    /// arriving again is held without the personal data, and an anonymisation arriving removes it from every event
    /// of its owner held.
    pub fn insert(&mut self, mut event: E) -> bool {
        let owned = self.by_owner.entry(event.owner()).or_insert_with(|| Owned {
            events: Vec::new(),
            revision: 0,
        });
        let events = &mut owned.events;
        let key = (event.stamp(), event.id());
        let at = events.partition_point(|e| (e.stamp(), e.id()) < key);
        if events.get(at).is_some_and(|e| (e.stamp(), e.id()) == key) {
            return false;
        }
        if let Some(by) = E::redaction(events) {
            event.redact(by);
        }
        let redacts = event.redacts();
        self.latest = self.latest.max(Some(key.0));
        events.insert(at, event);
        self.event_count += 1;
        self.revision += 1;
        owned.revision = self.revision;
        if redacts && let Some(by) = E::redaction(events).cloned() {
            for held in events.iter_mut() {
                held.redact(&by);
            }
        }
        true
    }

    /// One owner's events in stamp order (empty for an unknown owner).
    pub fn events(&self, owner: Id) -> &[E] {
        self.by_owner
            .get(&owner)
            .map_or(&[], |owned| owned.events.as_slice())
    }

    pub fn contains_owner(&self, owner: Id) -> bool {
        self.by_owner.contains_key(&owner)
    }

    /// Every event, owner by owner.
    pub fn all_events(&self) -> impl Iterator<Item = &E> + '_ {
        self.by_owner.values().flat_map(|owned| &owned.events)
    }

    /// Each owner with its events, in id order.
    pub fn owners(&self) -> impl Iterator<Item = (Id, &[E])> + '_ {
        self.by_owner
            .iter()
            .map(|(id, owned)| (*id, owned.events.as_slice()))
    }

    /// Each owner whose events changed after `revision` of this log, with its events, in id order.
    pub fn owners_changed_after(&self, revision: u64) -> impl Iterator<Item = (Id, &[E])> + '_ {
        self.by_owner
            .iter()
            .filter(move |(_, owned)| owned.revision > revision)
            .map(|(id, owned)| (*id, owned.events.as_slice()))
    }

    /// This log's identity: revisions are comparable only within one lineage.
    pub fn lineage(&self) -> Lineage {
        self.lineage
    }

    /// How many changes this log has had (each new event is one).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn event_count(&self) -> usize {
        self.event_count
    }

    /// The greatest stamp of an event held (`None` while empty).
    pub fn latest_stamp(&self) -> Option<Stamp> {
        self.latest
    }

    /// Drops up to `count` owners with their events, to drop a whole log no longer used a slice at a time (dropping
    /// 100k tickets' events at once is one long task); `true` while owners are left. Not for a log still in use: a
    /// merge never removes an event.
    pub fn drop_owners(&mut self, count: usize) -> bool {
        for _ in 0..count {
            let Some((_, owned)) = self.by_owner.pop_first() else {
                break;
            };
            self.event_count -= owned.events.len();
            self.revision += 1;
        }
        if self.by_owner.is_empty() {
            self.latest = None;
        }
        !self.by_owner.is_empty()
    }

    pub fn owner_count(&self) -> usize {
        self.by_owner.len()
    }
}
