//! The tickets folded once and then kept up to date edit by edit (`FoldedTickets::refolded`, issue 19) always equal
//! every ticket folded afresh from the events: after each batch of a demo company's changes arriving in any order
//! and size, for a copy of the log that went its own way, and on another calendar.

use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::calendar::Calendar;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ticket::log::FoldedTickets;
use proptest::prelude::*;

const NOW: i64 = 1_796_000_000_000;

fn demo_events(tickets: usize, seed: u64) -> Vec<Change> {
    generate(
        DemoSpec {
            seed,
            tickets,
            now: NOW,
        },
        &Calendar::china_default(),
    )
    .into_iter()
    .filter(|c| c.kind() == "ticket_event")
    .collect()
}

/// The fold kept up to date equals a fresh one, ticket for ticket, in the same order.
fn assert_current(folded: &FoldedTickets, data: &Dataset, calendar: &Calendar, when: &str) {
    let fresh = data.tickets.fold_all(calendar);
    assert_eq!(folded.len(), fresh.len(), "{when}: how many tickets");
    assert!(folded.iter().eq(fresh.iter()), "{when}: the tickets");
    assert!(folded.is_current(&data.tickets, calendar), "{when}");
}

#[test]
fn a_fold_kept_up_to_date_batch_by_batch_equals_a_fresh_fold() {
    let calendar = Calendar::china_default();
    let events = demo_events(300, 7);
    let mut data = Dataset::default();
    let mut folded = FoldedTickets::fold(&data.tickets, &calendar);
    // Batches of growing size: a registration and its later events may fall in different batches, and events
    // arrive before their ticket's registration (reversed within each batch).
    let mut rest = &events[..];
    let mut size = 1;
    while !rest.is_empty() {
        let (batch, after) = rest.split_at(size.min(rest.len()));
        for change in batch.iter().rev() {
            data.apply(change.clone());
        }
        folded = folded.refolded(&data.tickets, &calendar);
        assert_current(
            &folded,
            &data,
            &calendar,
            &format!("{} events left", after.len()),
        );
        rest = after;
        size = size * 2 + 1;
    }
    // An event already held changes nothing: the fold stays current without refolding.
    data.apply(events[0].clone());
    assert!(folded.is_current(&data.tickets, &calendar));
}

#[test]
fn a_copy_of_the_log_or_another_calendar_is_folded_afresh() {
    let calendar = Calendar::china_default();
    let events = demo_events(120, 11);
    let (first, second) = events.split_at(events.len() / 2);
    let mut data = Dataset::default();
    for change in first {
        data.apply(change.clone());
    }
    let folded = FoldedTickets::fold(&data.tickets, &calendar);
    // A copy that takes the second half: same revision numbers, other events.
    let mut copy = data.clone();
    for change in second {
        copy.apply(change.clone());
    }
    assert!(!folded.is_current(&copy.tickets, &calendar));
    let refolded = folded.clone().refolded(&copy.tickets, &calendar);
    assert_current(&refolded, &copy, &calendar, "the copy");
    // Another calendar: every clock runs on it.
    let other = Calendar::always(8 * 60);
    let refolded = folded.refolded(&data.tickets, &other);
    assert_current(&refolded, &data, &other, "another calendar");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn any_order_and_batching_ends_in_the_fresh_fold(seed in 0u64..1_000, cuts in proptest::collection::vec(1usize..40, 1..12)) {
        let calendar = Calendar::china_default();
        let mut events = demo_events(40, seed);
        // A shuffle by the seed: any arrival order.
        let mut rng = aftersales::domain::random::SplitMix64::new(seed);
        for i in (1..events.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            events.swap(i, j);
        }
        let mut data = Dataset::default();
        let mut folded = FoldedTickets::fold(&data.tickets, &calendar);
        let mut at = 0;
        for cut in cuts.iter().cycle() {
            if at >= events.len() {
                break;
            }
            let end = (at + cut).min(events.len());
            for change in &events[at..end] {
                data.apply(change.clone());
            }
            folded = folded.refolded(&data.tickets, &calendar);
            at = end;
            let fresh = data.tickets.fold_all(&calendar);
            prop_assert!(folded.iter().eq(fresh.iter()));
        }
    }
}
