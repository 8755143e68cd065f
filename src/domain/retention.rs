//! How long customers' personal data is kept (SPEC R10.2, PIPL Art. 19): once every ticket of a customer has been
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

use std::collections::BTreeMap;

use super::calendar::{Calendar, Date, Instant};
use super::contact::normalise_phone;
use super::dataset::Dataset;
use super::error::{Field, FieldError, Problem};
use super::provider_inputs::{InputDetail, PlatformReview, ProviderInput, TicketFinder};
use sha2::{Digest, Sha256};

use super::clock::Stamp;
use super::ids::{DeviceId, Id};
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
    due(tickets, months, calendar, now)
        .into_iter()
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
    for mut theirs in customers.into_values() {
        if !theirs.iter().all(|t| expired(t)) {
            continue;
        }
        theirs.sort_by_key(|t| (t.registration.received_at, t.id));
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
    due.sort_by_key(|(id, _)| *id);
    due
}

/// The platform reviews whose customer's phone or address is still held `months` after the review's day (0: kept
/// until a period is set), each with its body anonymised, in id order: a review that finds its ticket among
/// `tickets` (by order number, else phone and address) is tied to it and keeps neither — the ticket has them, and
/// its own retention removes them there; the rest get one pseudonym per phone among them (from the first review's
/// id) and one per address of that phone, as tickets do, so a customer's reviews still count once. Few reviews are
/// entered by hand without a ticket: they are paired by scanning, and the tickets indexed only when one is due.
pub fn provider_inputs_due(
    data: &Dataset,
    tickets: &[Ticket],
    months: u32,
    today: Date,
) -> Vec<(Id, ProviderInput)> {
    let due: Vec<(Id, &PlatformReview, &ProviderInput)> = data
        .provider_inputs
        .live()
        .filter_map(|(id, input)| match &input.detail {
            InputDetail::PlatformReview(review)
                if months > 0
                    && input.day.add_months(months) <= today
                    && ((!review.phone.is_empty()
                        && !review.phone.starts_with(PSEUDONYM_PREFIX))
                        || (!review.address.is_empty() && !review.address.starts_with('#'))) =>
            {
                Some((id, review, input))
            }
            _ => None,
        })
        .collect();
    if due.is_empty() {
        return Vec::new();
    }
    let finder = TicketFinder::new(tickets);
    let ticket_of = |review: &PlatformReview, input: &ProviderInput| {
        input.ticket.or_else(|| {
            finder
                .find(&review.order_number, &review.phone, &review.address)
                .ticket()
        })
    };
    let customer = |review: &PlatformReview| normalise_phone(&review.phone);
    due.iter()
        .map(|&(id, review, input)| {
            let ticket = ticket_of(review, input);
            let (phone, address) = match ticket {
                Some(_) => (String::new(), String::new()),
                None => {
                    // Their other reviews without a ticket, in id order: the first names the pseudonym, and each
                    // new address the next household number.
                    let theirs: Vec<&PlatformReview> = due
                        .iter()
                        .filter(|(_, r, i)| {
                            customer(r) == customer(review) && ticket_of(r, i).is_none()
                        })
                        .map(|(_, r, _)| *r)
                        .collect();
                    let first = due
                        .iter()
                        .find(|(_, r, _)| customer(r) == customer(review))
                        .map_or(id, |(first, _, _)| *first);
                    let mut addresses: Vec<String> = Vec::new();
                    for other in &theirs {
                        let key = super::contact::address_key(&other.address);
                        if !addresses.contains(&key) {
                            addresses.push(key);
                        }
                    }
                    let own = super::contact::address_key(&review.address);
                    let household = addresses.iter().position(|a| *a == own).unwrap_or(0) + 1;
                    (
                        match review.phone.is_empty() {
                            true => String::new(),
                            false => {
                                format!(
                                    "{PSEUDONYM_PREFIX}{:010}",
                                    first.as_u128() % 10_000_000_000
                                )
                            }
                        },
                        match review.address.is_empty() {
                            true => String::new(),
                            false => format!("#{household}"),
                        },
                    )
                }
            };
            let mut input = input.clone();
            input.ticket = ticket;
            if let InputDetail::PlatformReview(review) = &mut input.detail {
                review.phone = phone;
                review.address = address;
            }
            (id, input)
        })
        .collect()
}
