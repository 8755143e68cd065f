//! Events grouped by what they belong to (a ticket, an assessment), as the set they are: merging two devices'
//! histories is the union of their events (DESIGN.md "Data"), so inserting is idempotent, commutative and
//! associative by construction.
//!
//! Owns: `LogEvent` (what the log needs of an event: its id, its owner, its stamp) and `EventLog` (each owner's events
//! kept in stamp order, so two logs holding the same events are equal whatever order they arrived in). Must not:
//! decide whether an event may happen (the owner's fold does) or do IO.

use std::collections::BTreeMap;

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

#[derive(Clone, Debug)]
pub struct EventLog<E> {
    by_owner: BTreeMap<Id, Vec<E>>,
    event_count: usize,
}

impl<E> Default for EventLog<E> {
    fn default() -> Self {
        EventLog {
            by_owner: BTreeMap::new(),
            event_count: 0,
        }
    }
}

impl<E: PartialEq> PartialEq for EventLog<E> {
    /// Two logs are equal when they hold the same events (the count follows from them).
    fn eq(&self, other: &Self) -> bool {
        self.by_owner == other.by_owner
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
        let events = self.by_owner.entry(event.owner()).or_default();
        let key = (event.stamp(), event.id());
        let at = events.partition_point(|e| (e.stamp(), e.id()) < key);
        if events.get(at).is_some_and(|e| (e.stamp(), e.id()) == key) {
            return false;
        }
        if let Some(by) = E::redaction(events) {
            event.redact(by);
        }
        let redacts = event.redacts();
        events.insert(at, event);
        self.event_count += 1;
        if redacts && let Some(by) = E::redaction(events).cloned() {
            for held in events.iter_mut() {
                held.redact(&by);
            }
        }
        true
    }

    /// One owner's events in stamp order (empty for an unknown owner).
    pub fn events(&self, owner: Id) -> &[E] {
        self.by_owner.get(&owner).map_or(&[], Vec::as_slice)
    }

    pub fn contains_owner(&self, owner: Id) -> bool {
        self.by_owner.contains_key(&owner)
    }

    /// Every event, owner by owner.
    pub fn all_events(&self) -> impl Iterator<Item = &E> + '_ {
        self.by_owner.values().flatten()
    }

    /// Each owner with its events, in id order.
    pub fn owners(&self) -> impl Iterator<Item = (Id, &[E])> + '_ {
        self.by_owner
            .iter()
            .map(|(id, events)| (*id, events.as_slice()))
    }

    pub fn event_count(&self) -> usize {
        self.event_count
    }

    pub fn owner_count(&self) -> usize {
        self.by_owner.len()
    }
}
