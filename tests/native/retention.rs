//! Customers' personal data kept no longer than the retention period (`domain::retention`, R10.2): what is
//! due and what is not, the figures unchanged by anonymising, and an anonymisation that merges like a deletion —
//! the personal data never comes back from an older copy, whatever order events arrive in.

use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::calendar::{Calendar, Date, Instant};
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::import::preview;
use aftersales::domain::kpi::Kpi;
use aftersales::domain::kpi::engine::{self, Filter, Inputs};
use aftersales::domain::kpi::facts::Facts;
use aftersales::domain::period::{Period, PeriodKind};
use aftersales::domain::retention::{PSEUDONYM_PREFIX, due};
use aftersales::domain::ticket::{Happening, Ticket, TicketEvent};

pub(crate) fn calendar() -> Calendar {
    Calendar::china_default()
}

pub(crate) fn at(day: &str) -> Instant {
    calendar().instant(Date::parse(day).unwrap(), 17 * 60)
}

/// The demo company's year up to 2026-11-28.
pub(crate) fn company() -> Dataset {
    let spec = DemoSpec {
        seed: 7,
        tickets: 1_500,
        now: at("2026-11-28"),
    };
    let mut data = Dataset::default();
    for change in generate(spec, &calendar()) {
        data.apply(change);
    }
    data
}

/// The anonymisations due on `day` with `months` of retention, as events of device `device`.
pub(crate) fn anonymisations(data: &Dataset, months: u32, day: &str, device: u128) -> Vec<Change> {
    let tickets = data.tickets.fold_all(&calendar());
    let now = at(day);
    due(&tickets, months, &calendar(), now)
        .into_iter()
        .enumerate()
        .map(|(n, (ticket, what))| {
            Change::TicketEvent(TicketEvent {
                id: Id::from_u128((device << 64) + n as u128),
                ticket,
                stamp: aftersales::domain::clock::Stamp {
                    wall_ms: now as u64,
                    counter: n as u32,
                    device: DeviceId::from_u128(device),
                },
                at: now,
                by: None,
                what,
            })
        })
        .collect()
}

/// Every KPI of every month of the demo year, as shown.
fn figures(data: &Dataset) -> Vec<Option<u64>> {
    let tickets = data.tickets.fold_all(&calendar());
    let facts = Facts::new(&tickets, data, &data.service_settings().policy, &calendar());
    let inputs = Inputs {
        facts: &facts,
        now: at("2026-11-28"),
    };
    let months: Vec<Period> = (0..12)
        .map(|m| {
            let day = Date::parse("2025-12-15").unwrap().add_months(m);
            Period::containing(PeriodKind::Month, day)
        })
        .collect();
    Kpi::ALL
        .iter()
        .flat_map(|kpi| {
            engine::totals(*kpi, inputs, &Filter::default(), &months)
                .into_iter()
                .map(|t| kpi.unit().shown(t.value(*kpi)))
        })
        .collect()
}

/// Every phone number, name and address the events of `tickets` hold, every report signer and signature, and every
/// survey comment.
fn personal_data(data: &Dataset, tickets: &[Id]) -> Vec<String> {
    let mut found = Vec::new();
    for event in tickets.iter().flat_map(|t| data.tickets.events(*t)) {
        match &event.what {
            Happening::Registered(r) => found.extend([
                r.customer.phone.clone(),
                r.customer.name.clone(),
                r.customer.address.clone(),
            ]),
            Happening::Resolved {
                report: Some(report),
                ..
            }
            | Happening::Reported(report)
                if report.signature.is_some() =>
            {
                found.push("a signature".into())
            }
            Happening::Surveyed(response) => found.push(response.comment.clone()),
            Happening::Resolved {
                report: Some(report),
                ..
            }
            | Happening::Reported(report) => found.push(report.signed_by.clone()),
            _ => {}
        }
    }
    found.retain(|text| !text.is_empty());
    found
}

/// The tickets anonymisations are of.
fn tickets_of(changes: &[Change]) -> Vec<Id> {
    changes
        .iter()
        .map(|change| match change {
            Change::TicketEvent(event) => event.ticket,
            other => panic!("{other:?}"),
        })
        .collect()
}

fn folded(data: &Dataset) -> Vec<Ticket> {
    data.tickets.fold_all(&calendar())
}

#[test]
fn only_customers_whose_every_ticket_closed_the_period_ago_are_due() {
    let data = company();
    let tickets = folded(&data);
    assert!(
        due(&tickets, 0, &calendar(), at("2030-01-01")).is_empty(),
        "0 keeps everything"
    );
    assert!(
        due(&tickets, 12, &calendar(), at("2026-11-28")).is_empty(),
        "nothing closed a year before the demo's first day"
    );
    let half_year = due(&tickets, 6, &calendar(), at("2026-11-28"));
    assert!(!half_year.is_empty());
    let today = calendar().local_date(at("2026-11-28"));
    for (id, _) in &half_year {
        let ticket = tickets.iter().find(|t| t.id == *id).unwrap();
        let closed = calendar().local_date(ticket.closed_at.unwrap());
        assert!(closed.add_months(6) <= today, "{id}");
    }
    // A customer with a ticket still open keeps all their tickets whole.
    let open_customers: Vec<&str> = tickets
        .iter()
        .filter(|t| t.state.is_open())
        .map(|t| t.registration.customer.phone.as_str())
        .collect();
    assert!(!open_customers.is_empty());
    for (id, _) in &due(&tickets, 1, &calendar(), at("2030-01-01")) {
        let ticket = tickets.iter().find(|t| t.id == *id).unwrap();
        assert!(!open_customers.contains(&ticket.registration.customer.phone.as_str()));
    }
}

#[test]
fn anonymising_removes_the_personal_data_and_leaves_every_figure_the_same() {
    let mut data = company();
    let before = figures(&data);
    let changes = anonymisations(&data, 1, "2030-01-01", 0xA);
    let anonymised = tickets_of(&changes);
    assert!(!personal_data(&data, &anonymised).is_empty());
    let comments = |data: &Dataset| {
        anonymised
            .iter()
            .flat_map(|t| data.tickets.events(*t))
            .filter(|e| matches!(&e.what, Happening::Surveyed(r) if !r.comment.is_empty()))
            .count()
    };
    assert!(comments(&data) > 0, "the demo's customers left comments");
    for change in changes {
        data.apply(change);
    }
    assert_eq!(figures(&data), before, "every KPI of every month");
    assert_eq!(comments(&data), 0, "their comments went with them");

    let after = folded(&data);
    let pseudonyms: Vec<&str> = after
        .iter()
        .filter(|t| anonymised.contains(&t.id))
        .map(|t| t.registration.customer.phone.as_str())
        .collect();
    assert!(pseudonyms.iter().all(|p| p.starts_with(PSEUDONYM_PREFIX)));
    let mut distinct = pseudonyms.clone();
    distinct.sort();
    distinct.dedup();
    assert!(
        distinct.len() < pseudonyms.len(),
        "a customer with several tickets has one pseudonym for all of them"
    );
    for ticket in after.iter().filter(|t| anonymised.contains(&t.id)) {
        assert!(ticket.anonymised, "{}", ticket.id);
    }
    let left = personal_data(&data, &anonymised);
    assert!(
        left.iter()
            .all(|text| text.starts_with(PSEUDONYM_PREFIX) || text.starts_with('#')),
        "{:?}",
        left.iter()
            .find(|text| !text.starts_with(PSEUDONYM_PREFIX) && !text.starts_with('#'))
    );
    assert!(
        due(&after, 1, &calendar(), at("2030-01-01")).is_empty(),
        "nothing is anonymised twice"
    );
}

#[test]
fn an_anonymisation_merges_like_a_deletion_in_any_order_and_an_older_copy_never_brings_the_data_back()
 {
    let original = company();
    let mut tablet = original.clone();
    let on_tablet = anonymisations(&tablet, 1, "2030-01-01", 0xA);
    for change in on_tablet.clone() {
        tablet.apply(change);
    }
    // The office anonymised the same tickets at the same time, with its own events.
    let on_office = anonymisations(&original, 1, "2030-01-01", 0xB);
    let mut office = original.clone();
    for change in on_office.clone() {
        office.apply(change);
    }
    let now = 1_900_000_000_000;
    // The office's older copy — every event as it was written, personal data and all — reaches the tablet.
    let older = preview(&tablet, original.changes().collect(), &calendar(), now);
    assert!(older.refused.is_empty(), "{:?}", older.refused.first());
    assert!(older.nothing_new());
    assert_eq!(older.merged, tablet);

    // Both ways, both anonymisations, in every order: the same data, without the personal data.
    let at_office = preview(&office, tablet.changes().collect(), &calendar(), now).merged;
    let at_tablet = preview(&tablet, office.changes().collect(), &calendar(), now).merged;
    assert_eq!(at_office, at_tablet);
    let mut reversed = Dataset::default();
    let mut everything: Vec<Change> = original
        .changes()
        .chain(on_tablet)
        .chain(on_office)
        .collect();
    everything.reverse();
    for change in everything {
        reversed.apply(change);
    }
    assert_eq!(
        reversed, at_office,
        "anonymisations first, registrations after"
    );
    let anonymised = tickets_of(&anonymisations(&original, 1, "2030-01-01", 0xC));
    assert_eq!(
        personal_data(&at_office, &anonymised),
        personal_data(&tablet, &anonymised),
        "pseudonyms only"
    );
    assert!(
        personal_data(&at_office, &anonymised)
            .iter()
            .all(|text| text.starts_with(PSEUDONYM_PREFIX) || text.starts_with('#'))
    );
}

/// The rule's events are the same wherever and however often they are made: two devices (or tabs) applying it to the
/// same data make one event per ticket between them, and merging changes nothing.
#[test]
fn the_same_data_gives_the_same_anonymisation_events_everywhere() {
    use aftersales::domain::retention::due_events;
    let data = company();
    let tickets = folded(&data);
    let here = due_events(&tickets, 6, &calendar(), at("2026-11-28"));
    let there: Vec<_> = due_events(&tickets, 6, &calendar(), at("2026-12-20"))
        .into_iter()
        .filter(|e| here.iter().any(|h| h.ticket == e.ticket))
        .collect();
    assert!(!here.is_empty());
    assert!(
        here == there,
        "weeks later the same tickets' events are the same events"
    );
    let mut a = data.clone();
    let mut b = data.clone();
    for event in &here {
        a.apply(Change::TicketEvent(event.clone()));
        b.apply(Change::TicketEvent(event.clone()));
    }
    let merged = preview(&a, b.changes().collect(), &calendar(), 1_900_000_000_000);
    assert!(merged.nothing_new());
    assert_eq!(
        merged.merged.tickets.event_count(),
        data.tickets.event_count() + here.len(),
        "one event per ticket"
    );
}

#[test]
fn the_period_is_typed_in_months_full_width_digits_too() {
    use aftersales::domain::retention::parse_months;
    assert_eq!(parse_months(""), Ok(0));
    assert_eq!(parse_months(" 36 "), Ok(36));
    assert_eq!(parse_months("１２"), Ok(12));
    for bad in ["-1", "241", "abc", "2.5", "3年"] {
        assert!(parse_months(bad).is_err(), "{bad}");
    }
}

/// An anonymised ticket takes notes only: there is no one left to visit, call back or survey.
#[test]
fn an_anonymised_ticket_takes_notes_only() {
    use aftersales::domain::ticket::TicketRefusal;
    let mut data = company();
    for change in anonymisations(&data, 1, "2030-01-01", 0xA) {
        data.apply(change);
    }
    let ticket = folded(&data)
        .into_iter()
        .find(|t| t.anonymised)
        .expect("an anonymised ticket");
    let now = at("2030-01-02");
    assert_eq!(
        ticket.check(
            &Happening::Reopened {
                reason: "客户来电".into()
            },
            now
        ),
        Err(TicketRefusal::Anonymised)
    );
    assert_eq!(
        ticket.check(
            &Happening::Noted {
                text: "归档".into()
            },
            now
        ),
        Ok(())
    );
}
