//! Staff PINs on a shared tablet (R10.1): format, salted hashing, and the growing delay after wrong tries.
//!
//! Owns: what a valid PIN is, `PinHash` (PBKDF2-HMAC-SHA256 with a per-user salt — the PIN itself is never
//! stored), and the back-off schedule. Must not: generate randomness or read the clock; the caller passes the
//! salt and the times in.

use serde::{Deserialize, Serialize};
use sha2::Sha256;

pub const PIN_MIN_DIGITS: usize = 4;
pub const PIN_MAX_DIGITS: usize = 8;
/// Enough to make each guess cost tens of milliseconds in a browser; a 4-digit PIN is still a PIN —
/// the README states the honest limit.
pub const PBKDF2_ROUNDS: u32 = 60_000;
/// The most rounds a hash may ask for before it is refused unchecked (ten times today's).
pub const MAX_ROUNDS: u32 = 10 * PBKDF2_ROUNDS;
/// Wrong tries allowed before the delay starts.
pub const FREE_TRIES: u32 = 3;
pub const MAX_DELAY_MS: u64 = 5 * 60 * 1000;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PinHash {
    /// Hex of 16 random bytes.
    pub salt: String,
    pub rounds: u32,
    /// Hex of the 32-byte derived key.
    pub hash: String,
}

pub fn is_valid_pin(pin: &str) -> bool {
    (PIN_MIN_DIGITS..=PIN_MAX_DIGITS).contains(&pin.len())
        && pin.bytes().all(|b| b.is_ascii_digit())
}

impl PinHash {
    pub fn new(pin: &str, salt: [u8; 16]) -> Self {
        let salt = hex(&salt);
        let hash = derive(pin, &salt, PBKDF2_ROUNDS);
        PinHash {
            salt,
            rounds: PBKDF2_ROUNDS,
            hash,
        }
    }

    /// Compares in constant time with respect to where the first difference is. A hash of more rounds than this
    /// version makes (`MAX_ROUNDS`: a crafted file's, which would freeze the device) matches nothing.
    pub fn matches(&self, pin: &str) -> bool {
        if self.rounds > MAX_ROUNDS {
            return false;
        }
        let candidate = derive(pin, &self.salt, self.rounds);
        candidate.len() == self.hash.len()
            && candidate
                .bytes()
                .zip(self.hash.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }
}

fn derive(pin: &str, salt_hex: &str, rounds: u32) -> String {
    let key = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(pin.as_bytes(), salt_hex.as_bytes(), rounds);
    hex(&key)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Wrong tries so far for one user on this device, and when the last one was.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinAttempts {
    pub failures: u32,
    pub last_failure_ms: u64,
}

impl PinAttempts {
    /// How long after the last failure the next try must wait: none for the first three wrong tries, then 5 s,
    /// doubling with each further one, at most five minutes.
    pub fn delay_ms(&self) -> u64 {
        match self.failures.checked_sub(FREE_TRIES + 1) {
            None => 0,
            Some(extra) => 5_000u64
                .saturating_mul(1u64 << extra.min(20))
                .min(MAX_DELAY_MS),
        }
    }

    /// Milliseconds still to wait at `now_ms` (0 when a try is allowed); never more than the delay, so a failure
    /// stamped by a clock that ran ahead locks no longer than one made now.
    pub fn wait_ms(&self, now_ms: u64) -> u64 {
        (self.last_failure_ms.min(now_ms) + self.delay_ms()).saturating_sub(now_ms)
    }

    pub fn failed(self, now_ms: u64) -> Self {
        PinAttempts {
            failures: self.failures.saturating_add(1),
            last_failure_ms: now_ms,
        }
    }

    /// As kept on the device: always `STORED_WIDTH` characters, so a count rewritten in a full storage takes no
    /// more room than it did (a place kept while there was room can always be written again).
    pub fn to_stored(self) -> String {
        format!("{:010} {:020}", self.failures, self.last_failure_ms)
    }

    /// The count kept as `text`; a text that does not read (damaged, or from another version) as no free try
    /// left — the next wrong one waits — never as a fresh start.
    pub fn from_stored(text: &str) -> PinAttempts {
        let read = text.split_once(' ').and_then(|(failures, last)| {
            Some(PinAttempts {
                failures: failures.parse().ok()?,
                last_failure_ms: last.parse().ok()?,
            })
        });
        read.unwrap_or(PinAttempts {
            failures: FREE_TRIES,
            last_failure_ms: 0,
        })
    }
}

/// The length of `PinAttempts::to_stored`.
pub const STORED_WIDTH: usize = 31;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_format() {
        for (pin, ok) in [
            ("1234", true),
            ("12345678", true),
            ("123", false),
            ("123456789", false),
            ("12a4", false),
            ("", false),
        ] {
            assert_eq!(is_valid_pin(pin), ok, "{pin:?}");
        }
    }

    #[test]
    fn a_hash_matches_its_pin_only_and_differs_by_salt() {
        let hash = PinHash::new("2468", [7; 16]);
        assert!(hash.matches("2468"));
        assert!(!hash.matches("2469"));
        assert!(!hash.hash.contains("2468"));
        assert_ne!(PinHash::new("2468", [8; 16]).hash, hash.hash);
    }

    #[test]
    fn wrong_tries_slow_down_more_and_more() {
        let mut attempts = PinAttempts::default();
        let mut delays = Vec::new();
        for _ in 0..12 {
            attempts = attempts.failed(1_000);
            delays.push(attempts.delay_ms());
        }
        assert_eq!(
            delays,
            [
                0, 0, 0, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000
            ]
        );
        assert_eq!(attempts.wait_ms(1_000 + 100_000), 200_000);
        assert_eq!(attempts.wait_ms(1_000 + 400_000), 0);
        // A clock that ran a day ahead when the tries failed (the attacker's review): the wait is the delay, not
        // the day.
        let ahead = PinAttempts::default()
            .failed(86_400_000)
            .failed(86_400_000)
            .failed(86_400_000)
            .failed(86_400_000);
        assert_eq!(ahead.wait_ms(1_000), 5_000);
        // A count at its end stays there (no wrap to free tries).
        let most = PinAttempts {
            failures: u32::MAX,
            last_failure_ms: 0,
        };
        assert_eq!(most.failed(1_000).failures, u32::MAX);
        assert_eq!(most.failed(1_000).wait_ms(1_000), MAX_DELAY_MS);
    }

    #[test]
    fn a_hash_asking_for_more_rounds_than_this_version_makes_matches_nothing_unchecked() {
        let mut crafted = PinHash::new("2468", [7; 16]);
        crafted.rounds = 4_000_000_000;
        // (Hashed, it would take hours: the test would not end.)
        assert!(!crafted.matches("2468"));
    }

    #[test]
    fn the_stored_count_is_fixed_width_and_a_damaged_one_leaves_no_free_try() {
        for attempts in [
            PinAttempts::default(),
            PinAttempts {
                failures: u32::MAX,
                last_failure_ms: u64::MAX,
            },
            PinAttempts::default().failed(1_764_000_000_000),
        ] {
            let text = attempts.to_stored();
            assert_eq!(text.len(), STORED_WIDTH, "{text}");
            assert_eq!(PinAttempts::from_stored(&text), attempts);
        }
        for damaged in ["", "AQID", "3", "x 5"] {
            let read = PinAttempts::from_stored(damaged);
            assert_eq!(read.delay_ms(), 0, "{damaged:?}: this try is allowed");
            assert_eq!(
                read.failed(0).delay_ms(),
                5_000,
                "{damaged:?}: a wrong one waits"
            );
        }
    }
}
