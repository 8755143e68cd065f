//! How long customers' personal data is kept (R10.2, PIPL Art. 19): once every ticket of a customer has been
//! closed for the retention period the settings set, their tickets are anonymised — the name, phone and address,
//! the name and signature on the service reports and the comments of the surveys, removed
//! (`Happening::Anonymised`; the event log holds every event of the ticket without them from then on, on every
//! device).
//!
//! A customer is known by their phone number, as the KPIs know them (`contact::normalise_phone`): one customer's
//! tickets are anonymised together, and get one pseudonym for the phone and one per address, so every figure
//! counted per customer or household — bad reviews once per customer, repeat repairs — stays the same. The
//! pseudonym is made from the customer's first ticket id (random, so it says nothing about them): a run of zeros
//! and ten digits, which no real number starts with. A customer with a ticket still open, or closed too recently,
//! is kept whole: their data is still needed.
//!
//! A platform review entered by hand that found no ticket keeps the customer's phone and address itself (a review
//! that found one keeps neither: its ticket has them); it is anonymised the same way once the retention period
//! has run from its day (`provider_inputs_due`).
//!
//! Owns: `due`, `provider_inputs_due`. Pure: the page runs it on the folded tickets and writes what it returns. Must not: store or word
//! anything.

use std::collections::{BTreeMap, BTreeSet};

use super::calendar::{Calendar, Date, Instant};
use super::contact::normalise_phone;
use super::dataset::Dataset;
use super::error::{Field, FieldError, Problem};
use super::provider_inputs::{InputDetail, PlatformReview, ProviderInput, TicketFinder};
use sha2::{Digest, Sha256};

use super::clock::Stamp;
use super::ids::{DeviceId, Id};
use super::sorting;
use super::ticket::{Happening, Ticket, TicketEvent};

/// What no real phone number starts with: the pseudonyms' prefix.
pub const PSEUDONYM_PREFIX: &str = "00000";

/// The longest retention period the settings take: twenty years.
pub const MONTHS_MAX: u32 = 240;

/// The retention period as typed: empty or 0 keeps the data until a period is set; else 1 to `MONTHS_MAX` months.
pub fn parse_months(text: &str) -> Result<u32, FieldError> {
    // A Chinese keyboard often types full-width digits.
    let text: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    match text.trim() {
        "" => Ok(0),
        text => text
            .parse::<u32>()
            .ok()
            .filter(|m| *m <= MONTHS_MAX)
            .ok_or(FieldError::new(
                Field::RetentionMonths,
                Problem::OutOfRange {
                    min: 0,
                    max: MONTHS_MAX as i64,
                },
            )),
    }
}

/// The anonymisation events due at `now` with personal data kept `months` after a ticket's closing (0: kept until
/// a period is set), one per ticket not yet anonymised, in ticket id order. Each is the same wherever and however
/// often it is made — its id from the ticket and the pseudonyms, its stamp the day the ticket became due, by no
/// one — so two tabs or two devices applying the rule to the same data make one event, not two.
pub fn due_events(
    tickets: &[Ticket],
    months: u32,
    calendar: &Calendar,
    now: Instant,
) -> Vec<TicketEvent> {
    events_of(
        tickets,
        due(tickets, months, calendar, now),
        months,
        calendar,
    )
}

/// `due`'s anonymisations as the events that carry them out (see `due_events`).
pub fn events_of(
    tickets: &[Ticket],
    due: Vec<(Id, Happening)>,
    months: u32,
    calendar: &Calendar,
) -> Vec<TicketEvent> {
    due.into_iter()
        .map(|(id, what)| {
            let ticket = tickets
                .iter()
                .find(|t| t.id == id)
                .expect("a due ticket is one of them");
            let closed = ticket.closed_at.expect("a due ticket is closed");
            let at = calendar.instant(calendar.local_date(closed).add_months(months), 0);
            let mut hash = Sha256::new();
            hash.update(id.as_u128().to_le_bytes());
            if let Happening::Anonymised {
                customer,
                household,
            } = &what
            {
                hash.update(customer.as_bytes());
                hash.update([0]);
                hash.update(household.as_bytes());
            }
            let digest = hash.finalize();
            let bytes: [u8; 16] = digest[..16].try_into().expect("sixteen bytes");
            TicketEvent {
                id: Id::from_u128(u128::from_le_bytes(bytes)),
                ticket: id,
                stamp: Stamp {
                    wall_ms: at.max(0) as u64,
                    counter: 0,
                    device: DeviceId::from_u128(0),
                },
                at,
                by: None,
                what,
            }
        })
        .collect()
}

/// The anonymisations due at `now` with personal data kept `months` after a ticket's closing (0: kept until a
/// period is set): each ticket not yet anonymised with its `Happening::Anonymised`, in ticket id order.
pub fn due(
    tickets: &[Ticket],
    months: u32,
    calendar: &Calendar,
    now: Instant,
) -> Vec<(Id, Happening)> {
    due_keeping(tickets, months, calendar, now, &BTreeSet::new())
}

/// `due`, but for the customers whose phone is in `kept` (`kept_by_reviews`: their hand-entered reviews are not
/// all due yet), whose tickets wait for them.
pub fn due_keeping(
    tickets: &[Ticket],
    months: u32,
    calendar: &Calendar,
    now: Instant,
    kept: &BTreeSet<String>,
) -> Vec<(Id, Happening)> {
    if months == 0 {
        return Vec::new();
    }
    let today = calendar.local_date(now);
    let expired = |ticket: &Ticket| {
        !ticket.state.is_open()
            && ticket
                .closed_at
                .is_some_and(|closed| calendar.local_date(closed).add_months(months) <= today)
    };
    let mut customers: BTreeMap<String, Vec<&Ticket>> = BTreeMap::new();
    for ticket in tickets.iter().filter(|t| !t.anonymised) {
        customers
            .entry(normalise_phone(&ticket.registration.customer.phone))
            .or_default()
            .push(ticket);
    }
    let mut due = Vec::new();
    for (phone, mut theirs) in customers {
        if !theirs.iter().all(|t| expired(t)) || kept.contains(&phone) {
            continue;
        }
        sorting::by_key(&mut theirs, |t| (t.registration.received_at, t.id));
        let first = theirs
            .iter()
            .map(|t| t.id)
            .min()
            .expect("a customer has a ticket");
        let customer = format!("{PSEUDONYM_PREFIX}{:010}", first.as_u128() % 10_000_000_000);
        let mut addresses: Vec<&str> = Vec::new();
        for ticket in theirs {
            let address = ticket.registration.customer.address.trim();
            let household = match addresses.iter().position(|a| *a == address) {
                Some(at) => at + 1,
                None => {
                    addresses.push(address);
                    addresses.len()
                }
            };
            due.push((
                ticket.id,
                Happening::Anonymised {
                    customer: customer.clone(),
                    household: format!("#{household}"),
                },
            ));
        }
    }
    sorting::by_key(&mut due, |(id, _)| *id);
    due
}

/// The hand-entered platform reviews still holding a customer's phone or address and tied to no ticket, by
/// customer (normalised phone, else the address): a customer is anonymised when all of theirs are due.
fn untied_reviews<'a>(
    data: &'a Dataset,
    finder: &TicketFinder,
) -> BTreeMap<String, Vec<(Id, &'a PlatformReview, &'a ProviderInput)>> {
    let mut customers: BTreeMap<String, Vec<(Id, &PlatformReview, &ProviderInput)>> =
        BTreeMap::new();
    for (id, input) in data.provider_inputs.live() {
        let InputDetail::PlatformReview(review) = &input.detail else {
            continue;
        };
        let held = (!review.phone.is_empty() && !review.phone.starts_with(PSEUDONYM_PREFIX))
            || (!review.address.is_empty() && !review.address.starts_with('#'));
        let tied = input.ticket.is_some()
            || finder
                .find(&review.order_number, &review.phone, &review.address)
                .ticket()
                .is_some();
        if held && !tied {
            let customer = match normalise_phone(&review.phone) {
                phone if phone.is_empty() => super::contact::address_key(&review.address),
                phone => phone,
            };
            customers
                .entry(customer)
                .or_default()
                .push((id, review, input));
        }
    }
    customers
}

/// The customers (by normalised phone) whose tickets wait for their hand-entered reviews: some of those are not
/// due yet. Anonymising the tickets first would part a customer's ticket from their review (2.1.5.3).
fn kept_by_reviews(
    data: &Dataset,
    finder: &TicketFinder,
    months: u32,
    today: Date,
) -> BTreeSet<String> {
    untied_reviews(data, finder)
        .into_iter()
        .filter(|(_, theirs)| {
            theirs
                .iter()
                .any(|(_, _, input)| input.day.add_months(months) > today)
        })
        .map(|(customer, _)| customer)
        .collect()
}

/// The platform reviews whose customer's phone or address is still held `months` after the review's day (0: kept
/// until a period is set), each with its body anonymised, in id order — given the tickets' anonymisations due in
/// the same run (`due_keeping` with `kept_by_reviews`). A review tied to its ticket (by id, or found now by order
/// number, else phone and address) keeps neither: the ticket has them. The others go by customer, once all of a
/// customer's are due and none of the customer's tickets is kept: they take the pseudonym of the customer's
/// tickets anonymised now (and their household numbers, by address), else one of their own from the first
/// review's id — so every figure counted per customer stays the same.
fn provider_inputs_due(
    data: &Dataset,
    tickets: &[Ticket],
    finder: &TicketFinder,
    due_tickets: &[(Id, Happening)],
    months: u32,
    today: Date,
) -> Vec<(Id, ProviderInput)> {
    let mut due: Vec<(Id, ProviderInput)> = Vec::new();
    let is_due = |input: &ProviderInput| input.day.add_months(months) <= today;
    // Tied reviews, each on its own.
    for (id, input) in data.provider_inputs.live() {
        let InputDetail::PlatformReview(review) = &input.detail else {
            continue;
        };
        let held = !review.phone.is_empty() || !review.address.is_empty();
        let ticket = input.ticket.or_else(|| {
            finder
                .find(&review.order_number, &review.phone, &review.address)
                .ticket()
        });
        if let Some(ticket) = ticket
            && held
            && is_due(input)
        {
            let mut input = input.clone();
            input.ticket = Some(ticket);
            if let InputDetail::PlatformReview(review) = &mut input.detail {
                review.phone.clear();
                review.address.clear();
            }
            due.push((id, input));
        }
    }
    // The customers' tickets anonymised now: their pseudonym, and each address's household.
    let anonymised_now: BTreeMap<Id, (&str, &str)> = due_tickets
        .iter()
        .filter_map(|(id, what)| match what {
            Happening::Anonymised {
                customer,
                household,
            } => Some((*id, (customer.as_str(), household.as_str()))),
            _ => None,
        })
        .collect();
    let mut of_tickets: BTreeMap<String, (String, Vec<(String, String)>)> = BTreeMap::new();
    let mut kept_tickets: BTreeSet<String> = BTreeSet::new();
    for ticket in tickets.iter().filter(|t| !t.anonymised) {
        let phone = normalise_phone(&ticket.registration.customer.phone);
        match anonymised_now.get(&ticket.id) {
            Some((customer, household)) => {
                let entry = of_tickets
                    .entry(phone)
                    .or_insert_with(|| (customer.to_string(), Vec::new()));
                entry.1.push((
                    ticket.registration.customer.address.trim().to_string(),
                    household.to_string(),
                ));
            }
            None => {
                kept_tickets.insert(phone);
            }
        }
    }
    for (customer, theirs) in untied_reviews(data, finder) {
        if !theirs.iter().all(|(_, _, input)| is_due(input)) || kept_tickets.contains(&customer) {
            continue;
        }
        let (pseudonym, mut households) = match of_tickets.get(&customer) {
            Some((pseudonym, households)) => (pseudonym.clone(), households.clone()),
            None => (
                format!(
                    "{PSEUDONYM_PREFIX}{:010}",
                    theirs[0].0.as_u128() % 10_000_000_000
                ),
                Vec::new(),
            ),
        };
        for (id, review, input) in theirs {
            let address = review.address.trim().to_string();
            let household = match households.iter().find(|(a, _)| *a == address) {
                Some((_, household)) => household.clone(),
                None => {
                    let household = format!("#{}", households.len() + 1);
                    households.push((address, household.clone()));
                    household
                }
            };
            let mut input = input.clone();
            if let InputDetail::PlatformReview(review) = &mut input.detail {
                review.phone = match review.phone.is_empty() {
                    true => String::new(),
                    false => pseudonym.clone(),
                };
                review.address = match review.address.is_empty() {
                    true => String::new(),
                    false => household,
                };
            }
            due.push((id, input));
        }
    }
    sorting::by_key(&mut due, |(id, _)| *id);
    due
}

/// What the retention rule anonymises in one run: each ticket with its anonymisation, and each review as it becomes.
pub type DueAll = (Vec<(Id, Happening)>, Vec<(Id, ProviderInput)>);

/// Everything the retention rule anonymises at `now`: the tickets' anonymisations (waiting for their customers'
/// reviews) and the reviews as they become (with those tickets' pseudonyms).
pub fn due_all(
    data: &Dataset,
    tickets: &[Ticket],
    months: u32,
    calendar: &Calendar,
    now: Instant,
) -> DueAll {
    // Most devices hold no hand-entered reviews, or no period is set: the tickets alone, with no index built.
    if months == 0 || data.provider_inputs.live_count() == 0 {
        return (due(tickets, months, calendar, now), Vec::new());
    }
    let today = calendar.local_date(now);
    let finder = TicketFinder::new(tickets);
    let kept = kept_by_reviews(data, &finder, months, today);
    let due_tickets = due_keeping(tickets, months, calendar, now, &kept);
    let reviews = provider_inputs_due(data, tickets, &finder, &due_tickets, months, today);
    (due_tickets, reviews)
}
