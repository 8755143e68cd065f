//! Versioned records and their field-by-field merge (R9.3).
//!
//! Owns: `Fields` (a record kind's fields, so it merges one field at a time; `record_fields!` writes it), `Write`
//! (when a field's value was written, and over which earlier write of it), `Versioned<T>` (a record with its id, the
//! write of each field and of its deletion flag, and the concurrent values it did not keep), `Collection<T>`, and
//! editing a record as a form does: only the fields it changed, each over the write the form showed.
//!
//! The merge, per field and for the deletion flag: the write with the greatest stamp holds the value (the device
//! id breaks ties), so two devices that changed *different* fields of a record both keep their change. A write made
//! over an older write of the field than another one was concurrent with it — its writer had not seen the other —
//! and the value that lost is kept beside the record as a `Sibling`, the conflict a supervisor sees. A write made
//! over a write at least as new as another *supersedes* it (its writer had seen it), and a later edit of the field
//! settles its siblings. A field's state is the set of its writes that no other supersedes (the greatest is the
//! value, the rest its siblings), merged as a set — union, then drop what is superseded — so merging is idempotent,
//! commutative and associative (`tests/native/merge.rs` proves it on random histories; superseding is transitive
//! because a write's stamp is always later than what it was made over). A deletion is a write of the flag, so a
//! deleted record never comes back from an older copy.
//!
//! Must not: know what a record means — validation is the caller's.

use std::any::Any;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::clock::Stamp;
use super::ids::Id;
use super::sorting;

/// A record kind's fields, in a fixed order: the unit of merging.
pub trait Fields: Clone + PartialEq + 'static {
    /// The fields' names, in order (an export and the conflicts list show them).
    const NAMES: &'static [&'static str];
    /// Whether field `field` holds the same value in both.
    fn same_field(&self, other: &Self, field: usize) -> bool;
    /// Copies field `field` from `other`.
    fn take_field(&mut self, other: &Self, field: usize);
    /// Field `field`'s value when it is a text (what a form shows of another tab's value); `None` for any other.
    fn field_text(&self, field: usize) -> Option<&str>;
}

/// `field_text` in `record_fields!`, for a field of any type: `(&FieldOf(&value)).text()` calls `TextField::text`
/// when the value is a `String` — a method found on the receiver as it is — and otherwise `AnyField::text`, found
/// only by taking one more reference (method lookup tries the receiver before its reference).
#[doc(hidden)]
pub struct FieldOf<'a, V>(pub &'a V);

#[doc(hidden)]
pub trait TextField<'a> {
    fn text(&self) -> Option<&'a str>;
}

impl<'a> TextField<'a> for FieldOf<'a, String> {
    fn text(&self) -> Option<&'a str> {
        Some(self.0)
    }
}

#[doc(hidden)]
pub trait AnyField<'a> {
    fn text(&self) -> Option<&'a str>;
}

impl<'a, V> AnyField<'a> for &FieldOf<'a, V> {
    fn text(&self) -> Option<&'a str> {
        None
    }
}

/// `record_fields!(Staff { number, name, … })`: the record kind's `Fields`, every field listed once. A field added
/// later goes last (`Versioned::upgraded` reads what was written before it).
macro_rules! record_fields {
    ($ty:ty { $($field:ident),+ $(,)? }) => {
        impl $crate::domain::record::Fields for $ty {
            const NAMES: &'static [&'static str] = &[$(stringify!($field)),+];
            #[allow(unused_assignments)]
            fn same_field(&self, other: &Self, field: usize) -> bool {
                let mut index = 0;
                $(
                    if field == index {
                        return self.$field == other.$field;
                    }
                    index += 1;
                )+
                true
            }
            #[allow(unused_assignments)]
            fn take_field(&mut self, other: &Self, field: usize) {
                let mut index = 0;
                $(
                    if field == index {
                        self.$field = other.$field.clone();
                        return;
                    }
                    index += 1;
                )+
            }
            #[allow(unused_assignments)]
            fn field_text(&self, field: usize) -> Option<&str> {
                #[allow(unused_imports)]
                use $crate::domain::record::{AnyField as _, FieldOf, TextField as _};
                let mut index = 0;
                $(
                    if field == index {
                        return (&FieldOf(&self.$field)).text();
                    }
                    index += 1;
                )+
                None
            }
        }
    };
}
pub(crate) use record_fields;

/// One write of one field (or of the deletion flag).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Write {
    pub stamp: Stamp,
    /// The write of this field the writer saw and replaced. `None` for a record written whole — a new one, or one
    /// written before records merged field by field —, which replaces every older write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over: Option<Stamp>,
}

impl Write {
    /// A write of the whole record at `stamp`.
    pub const fn whole(stamp: Stamp) -> Write {
        Write { stamp, over: None }
    }

    /// Whether this write was made having seen `other`: it is later, and made over `other` or something newer.
    pub fn supersedes(&self, other: &Write) -> bool {
        self.stamp > other.stamp && self.over.is_none_or(|over| over >= other.stamp)
    }
}

/// A write of one field that lost to a concurrent write of the same field, kept so that it is seen (when its value
/// differs: `Versioned::conflicts`) and so that it still supersedes what it was made over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sibling<T> {
    /// Index into `Fields::NAMES`.
    pub field: u16,
    pub write: Write,
    /// The record as kept, with this field's concurrent value in place.
    pub body: T,
}

/// How a record's fields were written, where not all at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct History<T> {
    /// One write per field, in `Fields::NAMES` order, then the deletion flag's.
    pub writes: Vec<Write>,
    /// Concurrent values that lost, by field and stamp.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub siblings: Vec<Sibling<T>>,
}

/// One version of one record. A deletion is a write of `deleted` (a tombstone that keeps the last body, so
/// references still show a name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct Versioned<T> {
    pub id: Id,
    /// The latest write in it.
    pub stamp: Stamp,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    pub body: T,
    /// `None` while every field and the deletion flag were written at `stamp`, as one whole record, with nothing
    /// concurrent: most records, stored with no more than that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Box<History<T>>>,
}

/// What merging a version into a collection did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeOutcome {
    /// The id was new.
    Inserted,
    /// The record changed, and a conflict was found that was not listed before.
    Conflicted,
    /// The record changed.
    Updated,
    /// Nothing new: the collection had this version or a later one.
    Unchanged,
}

impl<T: Fields> Versioned<T> {
    /// A new record, written whole.
    pub fn new(id: Id, stamp: Stamp, body: T) -> Self {
        Versioned {
            id,
            stamp,
            deleted: false,
            body,
            history: None,
        }
    }

    /// Whether its history has a write for each field and the deletion flag and siblings only of fields there are:
    /// what reading stored bytes checks, so nothing indexes past the fields (the store's own data is written in
    /// canonical form; a file's records are held to `is_well_formed`).
    pub fn fits_its_kind(&self) -> bool {
        self.history.as_ref().is_none_or(|h| {
            h.writes.len() == T::NAMES.len() + 1
                && h.siblings
                    .iter()
                    .all(|s| usize::from(s.field) < T::NAMES.len())
        })
    }

    /// This version as its kind is now, if it was written when the kind had fewer fields: a field is only ever
    /// added at the end of `Fields::NAMES`, and a version written before has no write of it — it gets one at
    /// `Stamp::ORIGIN`, which any write replaces (its value is the field's default). Reading stored data and files
    /// calls this before checking the version.
    pub fn upgraded(mut self) -> Self {
        if let Some(history) = &mut self.history {
            let now = T::NAMES.len() + 1;
            if (1..now).contains(&history.writes.len()) {
                let flag = history.writes.pop().expect("a write at least");
                history.writes.resize(now - 1, Write::whole(Stamp::ORIGIN));
                history.writes.push(flag);
            }
        }
        self
    }

    /// The write that field `field` (or, at `T::NAMES.len()`, the deletion flag) holds.
    pub fn write(&self, field: usize) -> Write {
        match &self.history {
            Some(history) => history.writes[field],
            None => Write::whole(self.stamp),
        }
    }

    /// The concurrent values that lost, field by field.
    pub fn siblings(&self) -> &[Sibling<T>] {
        self.history.as_ref().map_or(&[], |h| h.siblings.as_slice())
    }

    /// The concurrent values that lost and differ from the value kept: the conflicts a supervisor sees.
    pub fn conflicts(&self) -> impl Iterator<Item = &Sibling<T>> {
        self.siblings()
            .iter()
            .filter(|s| !s.body.same_field(&self.body, usize::from(s.field)))
    }

    /// Whether this version holds together as merging makes it: a write for each field and the deletion flag, the
    /// stamp the latest of them, siblings in order that no write of their field supersedes, each the body with only
    /// its own field different, and no history where every write is the whole record's. A version read from a
    /// file or from storage is checked with this before it is merged.
    pub fn is_well_formed(&self) -> bool {
        match &self.history {
            None => true,
            Some(_) => self.erased().is_well_formed(),
        }
    }

    /// This version as a form that showed it saves `edited` at `stamp`: the fields that differ from what it showed
    /// are written over what it showed, the others stay as they were (so another tab's or device's change to them
    /// since is kept when this merges).
    pub fn edited(&self, edited: T, stamp: Stamp) -> Versioned<T> {
        self.written(edited, None, stamp)
    }

    /// `edited`, with the deletion flag written `deleted` too when given.
    fn written(&self, edited: T, deleted: Option<bool>, stamp: Stamp) -> Versioned<T> {
        let mut parts = self.erased().into_parts();
        write_over(&mut parts, &self.body, Box::new(edited), deleted, stamp);
        Versioned::from_parts(self.id, parts.assemble())
    }

    /// The fields this version — a form's save, made by `edited` — changed over a write that no longer stands in
    /// `current` (the record here now: another tab or device wrote the field since the form opened), to another
    /// value than this one: the form's user must choose, rather than silently overwrite what someone else just
    /// saved. Indices into `Fields::NAMES`, and `Fields::NAMES.len()` (the deletion flag) when the record was
    /// deleted since the form opened: the form's save would otherwise go into a record nobody sees.
    pub fn changed_underneath(&self, current: &Versioned<T>) -> Vec<usize> {
        changed_underneath(&self.erased(), &current.erased())
    }

    /// This version — a form's save, made by `edited` — written over `current` (the record here now) instead of
    /// over what the form showed: the fields the form changed take its value, except those changed underneath
    /// (`changed_underneath`) when `keep_theirs`; every other field keeps `current`'s; stamped `stamp`, later than
    /// every write of `current`. A record deleted underneath stays deleted when `keep_theirs`, and is restored
    /// otherwise. What a form saves once its user has chosen: none of its writes is concurrent with `current`'s, so
    /// nothing becomes a conflict.
    pub fn rebased(&self, current: &Versioned<T>, keep_theirs: bool, stamp: Stamp) -> Versioned<T> {
        let (mine, theirs) = (self.erased(), current.erased());
        let taken = match keep_theirs {
            true => changed_underneath(&mine, &theirs),
            false => Vec::new(),
        };
        let mut body = current.body.clone_body();
        for field in written_over(&mine, &theirs) {
            if !taken.contains(&field) {
                body.take(&self.body, field);
            }
        }
        let restored = (current.deleted && !keep_theirs).then_some(false);
        let mut parts = theirs.into_parts();
        write_over(&mut parts, &current.body, body, restored, stamp);
        Versioned::from_parts(current.id, parts.assemble())
    }

    /// This version deleted at `stamp` (its last body kept).
    pub fn deleted_at(&self, stamp: Stamp) -> Versioned<T> {
        self.written(self.body.clone(), Some(true), stamp)
    }

    /// This version with the conflict on field `field` settled at `stamp`: the value of the write stamped `take` (the
    /// one kept, or a sibling's) written over every standing write of the field, so none of them is a conflict any
    /// more, wherever they arrive later. `None` if the field has no write stamped `take`.
    pub fn settled(&self, field: usize, take: Stamp, stamp: Stamp) -> Option<Versioned<T>> {
        if field >= T::NAMES.len() {
            return None;
        }
        let kept = self.write(field);
        let chosen = match kept.stamp == take {
            true => self.body.clone(),
            false => self
                .siblings()
                .iter()
                .find(|s| usize::from(s.field) == field && s.write.stamp == take)?
                .body
                .clone(),
        };
        let over = self
            .siblings()
            .iter()
            .filter(|s| usize::from(s.field) == field)
            .map(|s| s.write.stamp)
            .fold(kept.stamp, Stamp::max);
        let mut parts = self.erased().into_parts();
        parts.body.take(&chosen, field);
        parts.writes[field] = Write {
            stamp,
            over: Some(over),
        };
        Some(Versioned::from_parts(self.id, parts.assemble()))
    }

    /// Merges `incoming` (a version of the same record) into this one.
    pub fn merge(&mut self, incoming: &Versioned<T>) -> MergeOutcome {
        if self.history.is_none() && incoming.history.is_none() {
            // Both written whole: the later one replaces the other entirely (it supersedes every older write).
            return match incoming.stamp > self.stamp {
                true => {
                    *self = incoming.clone();
                    MergeOutcome::Updated
                }
                false => MergeOutcome::Unchanged,
            };
        }
        match merge_erased(&self.erased(), &incoming.erased()) {
            (MergeOutcome::Unchanged, _) => MergeOutcome::Unchanged,
            (applied, merged) => {
                *self = Versioned::from_parts(self.id, merged);
                applied
            }
        }
    }

    /// This version with its body seen as `dyn Body`, for the merge's one compiled copy.
    fn erased(&self) -> Erased<'_> {
        let fields = T::NAMES.len();
        Erased {
            fields,
            stamp: self.stamp,
            deleted: self.deleted,
            body: &self.body,
            writes: match &self.history {
                Some(history) => history.writes.clone(),
                None => vec![Write::whole(self.stamp); fields + 1],
            },
            siblings: self
                .siblings()
                .iter()
                .map(|s| (s.field, s.write, &s.body as &dyn Body))
                .collect(),
        }
    }

    /// A version from a merge's or an edit's parts (their bodies are this kind's: `Body` only ever holds them).
    fn from_parts(id: Id, parts: Parts) -> Versioned<T> {
        let body = |b: Box<dyn Body>| -> T {
            *(b as Box<dyn Any>)
                .downcast::<T>()
                .expect("a record's parts hold its own kind")
        };
        let history = match parts.whole {
            true => None,
            false => Some(Box::new(History {
                writes: parts.writes,
                siblings: parts
                    .siblings
                    .into_iter()
                    .map(|(field, write, value)| Sibling {
                        field,
                        write,
                        body: body(value),
                    })
                    .collect(),
            })),
        };
        Versioned {
            id,
            stamp: parts.stamp,
            deleted: parts.deleted,
            body: body(parts.body),
            history,
        }
    }
}

// The merge, an edit's canonical form and the well-formedness check, compiled once for every record kind (a copy
// per kind cost each page ~18 KiB): bodies are `dyn Body`, and only the few operations on fields are per kind.

/// A record body seen without its kind: what merging needs of it.
/// The fields `mine` wrote that `current` holds neither as it is nor superseded: when `mine` is a form's save
/// (made by `Versioned::edited`) and `current` the record here now, the fields the form changed.
fn written_over(mine: &Erased, current: &Erased) -> Vec<usize> {
    (0..mine.fields)
        .filter(|&field| {
            let (written, there) = (mine.writes[field], current.writes[field]);
            there.stamp != written.stamp && !there.supersedes(&written)
        })
        .collect()
}

/// A device's write over `parts` (a record that showed `shown`): every field of `body` that differs from `shown`
/// written at `stamp` over the write it replaces, the deletion flag too when `deleted` is given; `body` becomes the
/// record's (one compiled copy for every kind: `Versioned::edited`, `deleted_at`, `rebased`).
fn write_over(
    parts: &mut Parts,
    shown: &dyn Body,
    body: Box<dyn Body>,
    deleted: Option<bool>,
    stamp: Stamp,
) {
    let flag = parts.fields;
    for (field, write) in parts.writes.iter_mut().enumerate().take(flag) {
        if !body.same(shown, field) {
            *write = Write {
                stamp,
                over: Some(write.stamp),
            };
        }
    }
    if let Some(deleted) = deleted {
        parts.writes[flag] = Write {
            stamp,
            over: Some(parts.writes[flag].stamp),
        };
        parts.deleted = deleted;
    }
    parts.body = body;
}

/// `Versioned::changed_underneath` on the erased forms (one compiled copy for every kind): of the fields the
/// save changed, those written since in `current`, over what the form saw, to another value; then the deletion
/// flag's index if `current` was deleted since.
fn changed_underneath(mine: &Erased, current: &Erased) -> Vec<usize> {
    let flag = mine.fields;
    let (written, there) = (mine.writes[flag], current.writes[flag]);
    // Deleted by a write the save did not see (a save that restores the record was made over it).
    let deleted_since = current.deleted
        && !mine.deleted
        && there.stamp != written.stamp
        && !written.supersedes(&there);
    written_over(mine, current)
        .into_iter()
        .filter(|&field| {
            mine.writes[field]
                .over
                .is_some_and(|seen| current.writes[field].stamp != seen)
                && !current.body.same(mine.body, field)
        })
        .chain(deleted_since.then_some(flag))
        .collect()
}

trait Body: Any {
    fn clone_body(&self) -> Box<dyn Body>;
    /// Whether field `field` is the same in `other` (a body of the same kind).
    fn same(&self, other: &dyn Body, field: usize) -> bool;
    /// Copies field `field` from `other` (a body of the same kind).
    fn take(&mut self, other: &dyn Body, field: usize);
}

impl<T: Fields> Body for T {
    fn clone_body(&self) -> Box<dyn Body> {
        Box::new(self.clone())
    }
    fn same(&self, other: &dyn Body, field: usize) -> bool {
        (other as &dyn Any)
            .downcast_ref::<T>()
            .is_some_and(|other| self.same_field(other, field))
    }
    fn take(&mut self, other: &dyn Body, field: usize) {
        if let Some(other) = (other as &dyn Any).downcast_ref::<T>() {
            self.take_field(other, field);
        }
    }
}

/// A version borrowed without its kind.
struct Erased<'a> {
    fields: usize,
    stamp: Stamp,
    deleted: bool,
    body: &'a dyn Body,
    /// Every field's write, then the deletion flag's.
    writes: Vec<Write>,
    siblings: Vec<(u16, Write, &'a dyn Body)>,
}

/// A sibling's parts: its field, its write, the body holding its value.
type OwnedSibling = (u16, Write, Box<dyn Body>);

/// A version's parts, owned, without its kind.
struct Parts {
    fields: usize,
    stamp: Stamp,
    deleted: bool,
    body: Box<dyn Body>,
    writes: Vec<Write>,
    siblings: Vec<OwnedSibling>,
    /// Every write the whole record's and no sibling: stored without history.
    whole: bool,
}

impl Erased<'_> {
    fn into_parts(self) -> Parts {
        Parts {
            fields: self.fields,
            stamp: self.stamp,
            deleted: self.deleted,
            body: self.body.clone_body(),
            writes: self.writes,
            siblings: self
                .siblings
                .into_iter()
                .map(|(field, write, body)| (field, write, body.clone_body()))
                .collect(),
            whole: false,
        }
    }

    /// Whether this is already its canonical form (`Parts::assemble` would change nothing).
    fn is_well_formed(&self) -> bool {
        let keys: Vec<(u16, Write)> = self.siblings.iter().map(|(f, w, _)| (*f, *w)).collect();
        canonical_form(self.fields, &self.writes, &keys).is_some_and(|form| {
            form.stamp == self.stamp
                && form.kept.iter().copied().eq(0..keys.len())
                && !(form.whole && keys.is_empty())
        }) && self.siblings.iter().all(|(field, _, body)| {
            (0..self.fields).all(|f| f == usize::from(*field) || body.same(self.body, f))
        })
    }

    /// The conflicts: siblings whose value differs from the body's, as (field, write).
    fn conflicts(&self) -> Vec<(u16, Write)> {
        self.siblings
            .iter()
            .filter(|(field, _, body)| !body.same(self.body, usize::from(*field)))
            .map(|(field, write, _)| (*field, *write))
            .collect()
    }

    /// Whether `other` is this very version.
    fn same_as(&self, other: &Erased) -> bool {
        let same_body = |a: &dyn Body, b: &dyn Body| (0..self.fields).all(|f| a.same(b, f));
        self.stamp == other.stamp
            && self.deleted == other.deleted
            && self.writes == other.writes
            && same_body(self.body, other.body)
            && self.siblings.len() == other.siblings.len()
            && self
                .siblings
                .iter()
                .zip(&other.siblings)
                .all(|(a, b)| a.0 == b.0 && a.1 == b.1 && same_body(a.2, b.2))
    }
}

impl Parts {
    /// The one canonical form (`canonical_form`; each sibling the body with only its own field different).
    fn assemble(mut self) -> Parts {
        let keys: Vec<(u16, Write)> = self.siblings.iter().map(|(f, w, _)| (*f, *w)).collect();
        let form = canonical_form(self.fields, &self.writes, &keys).expect("writes of every field");
        let mut siblings: Vec<Option<OwnedSibling>> = std::mem::take(&mut self.siblings)
            .into_iter()
            .map(Some)
            .collect();
        // Each sibling is the body with its own field's value: the same whatever order things arrived in.
        self.siblings = form
            .kept
            .iter()
            .filter_map(|&i| siblings[i].take())
            .map(|(field, write, value)| {
                let mut canonical = self.body.clone_body();
                canonical.take(&*value, usize::from(field));
                (field, write, canonical)
            })
            .collect();
        self.stamp = form.stamp;
        self.whole = form.whole && self.siblings.is_empty();
        self
    }

    fn view(&self) -> Erased<'_> {
        Erased {
            fields: self.fields,
            stamp: self.stamp,
            deleted: self.deleted,
            body: &*self.body,
            writes: self.writes.clone(),
            siblings: self
                .siblings
                .iter()
                .map(|(f, w, b)| (*f, *w, &**b))
                .collect(),
        }
    }
}

/// Merges two versions of one record: what it did, and the merged version's parts.
fn merge_erased(mine: &Erased, theirs: &Erased) -> (MergeOutcome, Parts) {
    let fields = mine.fields;
    let mut body = mine.body.clone_body();
    let mut writes = Vec::with_capacity(fields + 1);
    let mut siblings = Vec::new();
    for field in 0..fields {
        let mut heads: Vec<(Write, &dyn Body)> = Vec::new();
        for side in [mine, theirs] {
            heads.push((side.writes[field], side.body));
            heads.extend(
                side.siblings
                    .iter()
                    .filter(|(f, _, _)| usize::from(*f) == field)
                    .map(|(_, write, value)| (*write, *value)),
            );
        }
        sorting::by_key(&mut heads, |(write, _)| write.stamp);
        heads.dedup_by_key(|(write, _)| write.stamp);
        let standing: Vec<Write> = heads.iter().map(|(write, _)| *write).collect();
        heads.retain(|(write, _)| !standing.iter().any(|other| other.supersedes(write)));
        let (write, value) = heads
            .pop()
            .expect("the greatest write is superseded by none");
        body.take(value, field);
        writes.push(write);
        // Every write left standing is kept, even one whose value is the winner's (two devices that typed the
        // same): it still supersedes the older writes it was made over, wherever they arrive later.
        siblings.extend(
            heads
                .into_iter()
                .map(|(write, value)| (field as u16, write, value.clone_body())),
        );
    }
    let (deleted, flag) = match theirs.writes[fields].stamp > mine.writes[fields].stamp {
        true => (theirs.deleted, theirs.writes[fields]),
        false => (mine.deleted, mine.writes[fields]),
    };
    writes.push(flag);
    let merged = Parts {
        fields,
        stamp: mine.stamp,
        deleted,
        body,
        writes,
        siblings,
        whole: false,
    }
    .assemble();
    let view = merged.view();
    let applied = match (mine.same_as(&view), &mine.conflicts()) {
        (true, _) => MergeOutcome::Unchanged,
        (false, before) if view.conflicts().iter().any(|c| !before.contains(c)) => {
            MergeOutcome::Conflicted
        }
        (false, _) => MergeOutcome::Updated,
    };
    (applied, merged)
}

/// A version's canonical form, from its writes and its siblings' (field, write): the stamp (the latest write), the
/// siblings kept (in order, each (field, stamp) once, none a write of its field supersedes), and whether every write
/// is the whole record's. `None` if the writes are not one per field and the deletion flag.
struct Form {
    stamp: Stamp,
    kept: Vec<usize>,
    whole: bool,
}

fn canonical_form(fields: usize, writes: &[Write], siblings: &[(u16, Write)]) -> Option<Form> {
    if writes.len() != fields + 1 || siblings.iter().any(|(f, _)| usize::from(*f) >= fields) {
        return None;
    }
    let stamp = writes.iter().map(|w| w.stamp).max()?;
    let mut kept: Vec<usize> = (0..siblings.len())
        .filter(|&i| {
            let (field, write) = siblings[i];
            !writes[usize::from(field)].supersedes(&write)
        })
        .collect();
    sorting::by_key(&mut kept, |&i| (siblings[i].0, siblings[i].1.stamp));
    kept.dedup_by_key(|i| (siblings[*i].0, siblings[*i].1.stamp));
    let whole = writes.iter().all(|w| *w == Write::whole(stamp));
    Some(Form { stamp, kept, whole })
}

/// Keeps `latest` the greater of itself and `stamp` (once, not in each kind's `Collection::apply`).
#[inline(never)]
fn keep_latest(latest: &mut Option<Stamp>, stamp: Stamp) {
    if latest.is_none_or(|held| held < stamp) {
        *latest = Some(stamp);
    }
}

/// Records of one kind, by id, tombstones included.
#[derive(Clone, Debug)]
pub struct Collection<T> {
    versions: BTreeMap<Id, Versioned<T>>,
    /// The greatest stamp a version held here has had, kept as they arrive (walking every record for it was a
    /// 20 ms task on a slow tablet each time whole data was adopted).
    latest: Option<Stamp>,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            versions: BTreeMap::new(),
            latest: None,
        }
    }
}

impl<T: PartialEq> PartialEq for Collection<T> {
    /// Equal when they hold the same versions (the latest stamp says how they came to hold them).
    fn eq(&self, other: &Self) -> bool {
        self.versions == other.versions
    }
}

impl<T: Eq> Eq for Collection<T> {}

impl<T: Fields> Collection<T> {
    /// Merges `incoming` into what the collection has for its id.
    pub fn apply(&mut self, incoming: Versioned<T>) -> MergeOutcome {
        let (applied, held) = match self.versions.get_mut(&incoming.id) {
            None => {
                let stamp = incoming.stamp;
                self.versions.insert(incoming.id, incoming);
                (MergeOutcome::Inserted, stamp)
            }
            Some(current) => (current.merge(&incoming), current.stamp),
        };
        keep_latest(&mut self.latest, held);
        applied
    }

    /// The greatest stamp a version held here has had (`None` while empty): at least every stamp held, so a
    /// device's clock moved past it is past every record.
    pub fn latest_stamp(&self) -> Option<Stamp> {
        self.latest
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

    /// The current version for `id` unless it is deleted: what an editor opens on.
    pub fn live_version(&self, id: Id) -> Option<&Versioned<T>> {
        self.versions.get(&id).filter(|v| !v.deleted)
    }

    /// The version of a record that exists from the start with `defaults` (the one settings record of a kind), as a
    /// form opens on it: the stored one, or the defaults as written before any write (`Stamp::ORIGIN`), so a first
    /// edit writes only the fields it changes.
    pub fn version_or_defaults(&self, id: Id, defaults: impl FnOnce() -> T) -> Versioned<T> {
        self.live_version(id)
            .cloned()
            .unwrap_or_else(|| Versioned::new(id, Stamp::ORIGIN, defaults()))
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

    #[derive(Clone, Debug, PartialEq, Eq)]
    struct Person {
        name: String,
        phone: String,
    }
    record_fields!(Person { name, phone });

    fn stamp(wall_ms: u64, device: u128) -> Stamp {
        Stamp {
            wall_ms,
            counter: 0,
            device: DeviceId::from_u128(device),
        }
    }

    fn person(name: &str, phone: &str) -> Person {
        Person {
            name: name.into(),
            phone: phone.into(),
        }
    }

    fn created() -> Versioned<Person> {
        Versioned::new(
            Id::from_u128(1),
            stamp(10, 1),
            person("张三", "13800000000"),
        )
    }

    #[test]
    fn the_greatest_stamp_wins_whatever_the_order() {
        let older = created();
        let newer = Versioned::new(older.id, stamp(20, 1), person("new", "1"));
        let tie = Versioned::new(older.id, stamp(20, 2), person("tie-break", "2"));
        let mut forward = Collection::default();
        for v in [older.clone(), newer.clone(), tie.clone()] {
            forward.apply(v);
        }
        let mut backward = Collection::default();
        for v in [tie, newer, older] {
            backward.apply(v);
        }
        assert_eq!(forward, backward);
        assert_eq!(forward.get(Id::from_u128(1)).unwrap().name, "tie-break");
    }

    #[test]
    fn edits_of_different_fields_on_two_devices_both_survive() {
        let base = created();
        let renamed = base.edited(person("张三丰", "13800000000"), stamp(20, 1));
        let new_phone = base.edited(person("张三", "13900000000"), stamp(30, 2));
        for (first, second) in [(&renamed, &new_phone), (&new_phone, &renamed)] {
            let mut merged = base.clone();
            merged.merge(first);
            assert_eq!(merged.merge(second), MergeOutcome::Updated);
            assert_eq!(merged.body, person("张三丰", "13900000000"));
            assert!(merged.siblings().is_empty());
            assert_eq!(merged.stamp, stamp(30, 2));
        }
    }

    #[test]
    fn the_same_field_edited_on_both_keeps_the_later_and_lists_the_other() {
        let base = created();
        let a = base.edited(person("张三丰", "13800000000"), stamp(20, 1));
        let b = base.edited(person("张叁", "13800000000"), stamp(30, 2));
        let mut merged = a.clone();
        assert_eq!(merged.merge(&b), MergeOutcome::Conflicted);
        let mut other_way = b.clone();
        other_way.merge(&a);
        assert_eq!(merged, other_way);
        assert_eq!(merged.body.name, "张叁");
        let sibling = &merged.siblings()[0];
        assert_eq!((sibling.field, sibling.body.name.as_str()), (0, "张三丰"));
        assert_eq!(sibling.write.stamp, stamp(20, 1));

        // A later edit of the field, made having seen the conflict, settles it everywhere.
        let settled = merged.edited(person("张三丰", "13800000000"), stamp(40, 2));
        let mut elsewhere = a.clone();
        elsewhere.merge(&settled);
        elsewhere.merge(&b);
        assert_eq!(elsewhere, settled);
        assert!(settled.siblings().is_empty());
        assert_eq!(settled.body.name, "张三丰");
    }

    #[test]
    fn an_edit_made_having_seen_another_is_no_conflict() {
        let first = created().edited(person("李四", "13800000000"), stamp(20, 1));
        let second = first.edited(person("王五", "13800000000"), stamp(30, 2));
        let mut merged = first.clone();
        assert_eq!(merged.merge(&second), MergeOutcome::Updated);
        assert!(merged.siblings().is_empty());
        assert_eq!(merged, second);
    }

    #[test]
    fn a_tombstone_hides_the_record_and_an_older_copy_does_not_revive_it() {
        let mut records = Collection::default();
        let alive = created();
        records.apply(alive.clone());
        records.apply(alive.deleted_at(stamp(30, 1)));
        let stale = alive.edited(person("stale edit", "13800000000"), stamp(20, 2));
        assert_eq!(records.apply(stale), MergeOutcome::Updated);
        assert_eq!(records.get(Id::from_u128(1)), None);
        assert_eq!(records.live_count(), 0);
        assert_eq!(records.len_with_tombstones(), 1);
        // A whole older version changes nothing at all.
        assert_eq!(records.apply(alive), MergeOutcome::Unchanged);
    }

    #[test]
    fn applying_the_same_version_twice_changes_nothing() {
        let mut records = Collection::default();
        let edited = created().edited(person("x", "1"), stamp(20, 1));
        assert_eq!(records.apply(edited.clone()), MergeOutcome::Inserted);
        assert_eq!(records.apply(edited), MergeOutcome::Unchanged);
        assert_eq!(records.live_count(), 1);
    }

    #[test]
    fn a_record_edited_to_what_it_was_has_no_history_beyond_its_writes() {
        let same = created().edited(person("张三", "13800000000"), stamp(20, 1));
        assert_eq!(same, created(), "nothing changed, nothing written");
    }
}
