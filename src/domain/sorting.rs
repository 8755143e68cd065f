//! Sorting compiled once: every list the app sorts goes through here rather than through `slice::sort_by` and its
//! kin.
//!
//! Why: the standard library's sorts are generic over the element *and* the comparison, so each call site with its
//! own closure compiles its own copy of driftsort or ipnsort (2–3 KB of WebAssembly each). The service page had 291
//! such functions, 131 KB of code before wasm-opt — more than any screen (issue 19). Here the work is done once, on
//! indices with the comparison behind a `dyn`: a stable bottom-up merge sort of `u32` positions, then the items
//! moved into that order in place. What stays generic per call site is a few lines.
//!
//! Owns: `by`, `by_key`, `by_cached_key`, `natural` — all stable (equal items keep their order), whatever the name
//! of the `std` method they replace. Must not: be used where a sort runs millions of times a second on tiny slices
//! (none does in this app); `clippy.toml` turns the `std` sorts away everywhere else.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably.
pub fn by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    move_into(items, order);
}

/// Sorts `items` by the key each one gives, stably; the key is computed at each comparison (cheap keys: fields,
/// tuples of fields).
pub fn by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by the key each one gives, stably, computing each key once (keys that cost: names looked up,
/// text built).
pub fn by_cached_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    if items.len() < 2 {
        return;
    }
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = stable_order(items.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    move_into(items, order);
}

/// Sorts `items` in their own order, stably.
pub fn natural<T: Ord>(items: &mut [T]) {
    by(items, T::cmp);
}

/// Below this length a run is sorted by insertion before the merges.
const RUN: usize = 16;

/// The positions `0..len` in the order `compare` puts them, equal ones in their first order: the one compiled sort.
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    assert!(
        u32::try_from(len).is_ok(),
        "a list of more than 4 billion items"
    );
    let mut order: Vec<u32> = (0..len as u32).collect();
    for start in (0..len).step_by(RUN) {
        let end = (start + RUN).min(len);
        for i in start + 1..end {
            let mut j = i;
            while j > start
                && compare(order[j - 1] as usize, order[j] as usize) == Ordering::Greater
            {
                order.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    let mut merged = vec![0u32; len];
    let mut width = RUN;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            merge(
                &order[start..middle],
                &order[middle..end],
                &mut merged[start..end],
                compare,
            );
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Merges two ordered runs into `out`, the left one first among equals.
fn merge(
    left: &[u32],
    right: &[u32],
    out: &mut [u32],
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) {
    // Already in order (a list sorted before, or nearly): a copy.
    if right.is_empty()
        || left.is_empty()
        || compare(left[left.len() - 1] as usize, right[0] as usize) != Ordering::Greater
    {
        out[..left.len()].copy_from_slice(left);
        out[left.len()..].copy_from_slice(right);
        return;
    }
    let (mut i, mut j) = (0, 0);
    for slot in out.iter_mut() {
        let take_left = j == right.len()
            || (i < left.len()
                && compare(left[i] as usize, right[j] as usize) != Ordering::Greater);
        if take_left {
            *slot = left[i];
            i += 1;
        } else {
            *slot = right[j];
            j += 1;
        }
    }
}

/// Puts `items` in `order` (position `i` receives the item that was at `order[i]`), in place: each cycle of the
/// permutation walked once with swaps.
fn move_into<T>(items: &mut [T], mut order: Vec<u32>) {
    for start in 0..items.len() {
        let mut current = start;
        loop {
            let source = order[current] as usize;
            // Marked done: a later start on this cycle stops at once.
            order[current] = current as u32;
            if source == start {
                break;
            }
            items.swap(current, source);
            current = source;
        }
    }
}
