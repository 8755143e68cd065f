//! Encrypting an export with a passphrase (R10.2), by a standard construction any tool can undo:
//!
//! - key = PBKDF2-HMAC-SHA256(passphrase as UTF-8, salt, `ITERATIONS`), 32 bytes (OWASP's 2023 figure);
//! - ciphertext = AES-256-GCM(key, nonce, body as UTF-8), with the 16-byte tag appended (as WebCrypto, Python's
//!   `cryptography` and OpenSSL's EVP write it), and no associated data;
//! - salt (16 bytes) and nonce (12 bytes), random per file, are in the header, base64;
//! - `key_check` = the first 8 bytes of HMAC-SHA256(key, "aftersales key check"), base64: tells a wrong passphrase
//!   from a damaged file (both fail the tag) without helping a guesser, who must still derive the key.
//!
//! The README shows the few lines of Python that decrypt a file; `tests/native/sync.rs` follows them step by step.
//! Owns: `encrypt` and `decrypt`. Must not: choose the salt or nonce (the caller passes random bytes in) or know
//! what the body holds.

use aes_gcm::aead::Aead;
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::format::{Encryption, FileProblem};
use crate::codec::text::{from_padded, to_padded};

/// PBKDF2 rounds: OWASP's recommendation for PBKDF2-HMAC-SHA256 (≈ 0.4 s in a browser, once per export or import).
pub const ITERATIONS: u32 = 600_000;
pub const CIPHER: &str = "AES-256-GCM";
pub const KDF: &str = "PBKDF2-HMAC-SHA256";
const KEY_CHECK_LABEL: &[u8] = b"aftersales key check";

/// The random bytes one encryption uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Randomness {
    pub salt: [u8; 16],
    pub nonce: [u8; 12],
}

/// How a passphrase is made a key.
fn key(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(passphrase.as_bytes(), salt, iterations)
}

fn key_check(key: &[u8; 32]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    mac.update(KEY_CHECK_LABEL);
    to_padded(&mac.finalize().into_bytes()[..8])
}

/// Encrypts `body` under `passphrase`: the header's description and the ciphertext as base64.
pub fn encrypt(body: &str, passphrase: &str, random: Randomness) -> (Encryption, String) {
    let key = key(passphrase, &random.salt, ITERATIONS);
    let cipher = Aes256Gcm::new_from_slice(&key).expect("a 32-byte key");
    let nonce = Nonce::from(random.nonce);
    let sealed = cipher
        .encrypt(&nonce, body.as_bytes())
        .expect("a body fits AES-GCM's limit");
    let encryption = Encryption {
        cipher: CIPHER.into(),
        kdf: KDF.into(),
        iterations: ITERATIONS,
        salt: to_padded(&random.salt),
        nonce: to_padded(&random.nonce),
        key_check: key_check(&key),
    };
    (encryption, to_padded(&sealed))
}

/// The most iterations a file may ask for: a damaged or hostile header must not make opening it take minutes.
pub const ITERATIONS_MAX: u32 = 2_000_000;

/// The body `ciphertext` holds, if `passphrase` is the one it was encrypted under.
pub fn decrypt(
    encryption: &Encryption,
    ciphertext: &str,
    passphrase: &str,
) -> Result<String, FileProblem> {
    let unknown = encryption.cipher != CIPHER
        || encryption.kdf != KDF
        || !(1..=ITERATIONS_MAX).contains(&encryption.iterations);
    let salt = from_padded(&encryption.salt);
    let nonce: Option<[u8; 12]> = from_padded(&encryption.nonce).and_then(|n| n.try_into().ok());
    let (false, Some(salt), Some(nonce)) = (unknown, salt, nonce) else {
        return Err(FileProblem::NotAnExport);
    };
    let key = key(passphrase, &salt, encryption.iterations);
    if key_check(&key) != encryption.key_check {
        return Err(FileProblem::WrongPassphrase);
    }
    let sealed = from_padded(ciphertext).ok_or(FileProblem::Checksum)?;
    let cipher = Aes256Gcm::new_from_slice(&key).expect("a 32-byte key");
    let body = cipher
        .decrypt(&Nonce::from(nonce), sealed.as_slice())
        .map_err(|_| FileProblem::Checksum)?;
    String::from_utf8(body).map_err(|_| FileProblem::Checksum)
}
