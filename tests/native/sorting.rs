//! The one compiled sort (`domain::sorting`, issue 19): for any list it gives what the standard library's stable
//! sort gives — the same order, equal items in their first order — at every length around its run and merge
//! boundaries, and for lists already sorted, reversed and all equal.

use aftersales::domain::sorting;
use proptest::prelude::*;

/// Items that compare by `key` alone, so stability shows: `seq` is their first position.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Item {
    key: u8,
    seq: usize,
}

fn items(keys: &[u8]) -> Vec<Item> {
    keys.iter()
        .enumerate()
        .map(|(seq, &key)| Item { key, seq })
        .collect()
}

/// What the standard library's stable sort gives (the reference this module must match).
fn reference(keys: &[u8]) -> Vec<Item> {
    let mut expected = items(keys);
    expected.sort_by_key(|i| i.key);
    expected
}

#[test]
fn every_shape_of_list_sorts_as_the_standard_stable_sort_does() {
    // Lengths around the insertion runs (16) and each merge width, in four shapes.
    for len in [
        0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 257, 1000,
    ] {
        let shapes: [(&str, Vec<u8>); 4] = [
            ("ascending", (0..len).map(|i| (i / 3) as u8).collect()),
            (
                "descending",
                (0..len).map(|i| (255 - i / 4) as u8).collect(),
            ),
            ("all equal", vec![7; len]),
            ("zigzag", (0..len).map(|i| ((i * 37) % 11) as u8).collect()),
        ];
        for (shape, keys) in shapes {
            let mut sorted = items(&keys);
            sorting::by_key(&mut sorted, |i| i.key);
            assert_eq!(sorted, reference(&keys), "{shape}, {len} items");
            let mut cached = items(&keys);
            sorting::by_cached_key(&mut cached, |i| i.key);
            assert_eq!(
                cached,
                reference(&keys),
                "{shape}, {len} items, cached keys"
            );
        }
    }
}

#[test]
fn natural_and_reversed_orders() {
    let mut words = vec!["丙", "甲", "b", "a", "乙", "a"];
    sorting::natural(&mut words);
    assert_eq!(words, ["a", "a", "b", "丙", "乙", "甲"]);
    let mut numbers = vec![3, 1, 2];
    sorting::by(&mut numbers, |a, b| b.cmp(a));
    assert_eq!(numbers, [3, 2, 1]);
}

proptest! {
    #[test]
    fn any_list_sorts_as_the_standard_stable_sort_does(keys in proptest::collection::vec(0u8..12, 0..600)) {
        let mut sorted = items(&keys);
        sorting::by(&mut sorted, |a, b| a.key.cmp(&b.key));
        prop_assert_eq!(sorted, reference(&keys));
    }
}
