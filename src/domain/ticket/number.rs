//! Ticket numbers (工单号) people can say on the phone, handed out by devices that never talk while they work.
//!
//! A number reads `YYMMDD-CCC-NN`: the local day the ticket was registered, the registering device's code and
//! the ticket's sequence on that device that day (two digits, more past 99), e.g. `261205-KMT-03`. Why this
//! shape: a central counter needs a server the product does not have, and a number drawn at random long enough
//! never to collide is too long to read out. A device code with a per-device sequence needs no coordination —
//! each device counts only its own tickets, which it always holds — and the day in front keeps the sequence
//! short and tells staff at a glance how old a ticket is. Two devices could be given the same code (three
//! letters, 5,832 codes: about one chance in 600 among ten devices); `shared_codes` finds that in the data so
//! the administrator can give one device another code (a device preference), and search shows both tickets.
//!
//! Owns: the code alphabet, a device's default code, checking a code typed by hand, the next number, and reading
//! a number back. Must not: store anything (the number is written into the ticket's registration at intake and
//! never changes) or know about the browser.

use crate::domain::calendar::Date;
use crate::domain::fast_hash::FastMap;
use crate::domain::ids::DeviceId;
use crate::domain::sorting;
use crate::domain::ticket::log::TicketLog;
use crate::domain::ticket::{Happening, TicketEvent};

/// Letters nobody confuses with a digit or with each other when read out (no B 8, G 6, I 1, L, O 0, Q, S 5, Z 2).
const ALPHABET: &[u8; 18] = b"ACDEFHJKMNPRTUVWXY";

/// The letters of a device code.
pub const CODE_LEN: usize = 3;

/// A device's code unless someone chose another: three letters from its id's random part.
pub fn default_code(device: DeviceId) -> String {
    let mut value = (device.as_u128() & u128::from(u64::MAX)) as u64;
    let mut code = String::with_capacity(CODE_LEN);
    for _ in 0..CODE_LEN {
        code.push(ALPHABET[(value % 18) as usize] as char);
        value /= 18;
    }
    code
}

/// A code typed by hand, in capitals, if it is three letters of the alphabet.
pub fn parse_code(typed: &str) -> Option<String> {
    let code = typed.trim().to_ascii_uppercase();
    (code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// The parts of a number: day, device code, sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts<'a> {
    pub day: &'a str,
    pub code: &'a str,
    pub sequence: u32,
}

/// A stored number read back into its parts (`None` for a ticket registered before numbers existed, or text
/// that is not a number).
pub fn parse(number: &str) -> Option<Parts<'_>> {
    let mut pieces = number.split('-');
    let (day, code, sequence) = (pieces.next()?, pieces.next()?, pieces.next()?);
    let well_formed = pieces.next().is_none()
        && day.len() == 6
        && day.bytes().all(|b| b.is_ascii_digit())
        && code.len() == CODE_LEN
        && sequence.len() >= 2
        && sequence.bytes().all(|b| b.is_ascii_digit());
    well_formed.then(|| Parts {
        day,
        code,
        sequence: sequence.parse().unwrap_or(0),
    })
}

fn day_key(day: Date) -> String {
    format!("{:02}{:02}{:02}", day.year() % 100, day.month(), day.day())
}

/// The number of the next ticket device `code` registers on `day`, given the numbers already handed out.
pub fn next<'a>(code: &str, day: Date, numbers: impl Iterator<Item = &'a str>) -> String {
    let key = day_key(day);
    let last = numbers
        .filter_map(parse)
        .filter(|parts| parts.day == key && parts.code == code)
        .map(|parts| parts.sequence)
        .max()
        .unwrap_or(0);
    format!("{key}-{code}-{:02}", last + 1)
}

/// The number a ticket's events register it under, with the registering event; `None` before numbers.
pub fn registered_number(events: &[TicketEvent]) -> Option<(&str, &TicketEvent)> {
    events.iter().find_map(|event| match &event.what {
        Happening::Registered(registration) if !registration.number.is_empty() => {
            Some((registration.number.as_str(), event))
        }
        _ => None,
    })
}

/// Every ticket's number with the device that registered it (tickets from before numbers are left out).
pub fn numbers(tickets: &TicketLog) -> impl Iterator<Item = (&str, DeviceId)> + '_ {
    tickets.owners().filter_map(|(_, events)| {
        registered_number(events).map(|(number, event)| (number, event.stamp.device))
    })
}

/// The number the next ticket device `code` registers on `day` gets.
pub fn next_in(tickets: &TicketLog, code: &str, day: Date) -> String {
    next(code, day, numbers(tickets).map(|(number, _)| number))
}

/// Whether tickets of a device other than `device` carry `code`: that device hands out (or handed out) the same
/// numbers.
pub fn used_elsewhere<'a>(
    mut numbered: impl Iterator<Item = (&'a str, DeviceId)>,
    code: &str,
    device: DeviceId,
) -> bool {
    numbered.any(|(number, by)| by != device && parse(number).is_some_and(|p| p.code == code))
}

/// Device codes found on tickets of more than one device (`(code, device)` per registration): two tablets that
/// would hand out the same numbers.
pub fn shared_codes<'a>(numbered: impl Iterator<Item = (&'a str, DeviceId)>) -> Vec<String> {
    let mut devices: FastMap<&str, Vec<DeviceId>> = FastMap::default();
    for (number, device) in numbered {
        if let Some(parts) = parse(number) {
            let seen = devices.entry(parts.code).or_default();
            if !seen.contains(&device) {
                seen.push(device);
            }
        }
    }
    let mut shared: Vec<String> = devices
        .into_iter()
        .filter(|(_, seen)| seen.len() > 1)
        .map(|(code, _)| code.to_string())
        .collect();
    sorting::natural(&mut shared);
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_codes_use_the_alphabet_and_differ_by_device() {
        let a = default_code(DeviceId::from_u128(
            0x0190_0000_0000_7000_8000_0000_0000_0001,
        ));
        let b = default_code(DeviceId::from_u128(
            0x0190_0000_0000_7000_8000_0000_0000_0002,
        ));
        assert_eq!(a.len(), 3);
        assert_ne!(a, b);
        assert!(parse_code(&a).is_some());
    }

    #[test]
    fn the_sequence_counts_the_devices_tickets_of_the_day() {
        let day = Date::parse("2026-12-05").unwrap();
        let numbers = [
            "261205-KMT-01",
            "261205-KMT-02",
            "261205-ACD-07",
            "261204-KMT-09",
            "",
        ];
        assert_eq!(next("KMT", day, numbers.into_iter()), "261205-KMT-03");
        assert_eq!(next("ACD", day, numbers.into_iter()), "261205-ACD-08");
        assert_eq!(next("XYW", day, numbers.into_iter()), "261205-XYW-01");
        let many = ["261205-KMT-99"];
        assert_eq!(next("KMT", day, many.into_iter()), "261205-KMT-100");
        assert_eq!(parse("261205-KMT-100").map(|p| p.sequence), Some(100));
    }

    #[test]
    fn a_code_on_two_devices_is_found() {
        let a = DeviceId::from_u128(1);
        let b = DeviceId::from_u128(2);
        let numbered = [
            ("261205-KMT-01", a),
            ("261205-KMT-02", a),
            ("261205-ACD-01", b),
            ("261206-KMT-01", b),
        ];
        assert_eq!(shared_codes(numbered.into_iter()), ["KMT"]);
        assert!(used_elsewhere(numbered.into_iter(), "KMT", a));
        assert!(used_elsewhere(numbered.into_iter(), "ACD", a));
        assert!(!used_elsewhere(numbered.into_iter(), "ACD", b));
        assert!(!used_elsewhere(numbered.into_iter(), "XYW", a));
    }

    #[test]
    fn typed_codes_are_capitals_of_the_alphabet() {
        assert_eq!(parse_code(" kmt "), Some("KMT".into()));
        assert_eq!(parse_code("KM0"), None, "a digit");
        assert_eq!(parse_code("KMTA"), None);
        assert_eq!(parse_code("KOT"), None, "O reads as zero");
    }
}
