//! Bytes as text where only text can be stored (localStorage, the device's preferences): base64 (RFC 4648,
//! standard alphabet, no padding), by hand — a dozen lines where a crate would cost kilobytes.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn to_text(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let bits = group
            .iter()
            .enumerate()
            .fold(0u32, |bits, (i, &b)| bits | u32::from(b) << (16 - 8 * i));
        for i in 0..=group.len() {
            text.push(char::from(ALPHABET[(bits >> (18 - 6 * i) & 63) as usize]));
        }
    }
    text
}

/// The bytes `text` encodes; `None` for a character outside the alphabet or a length no encoding has.
pub fn from_text(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for group in text.as_bytes().chunks(4) {
        let mut bits = 0u32;
        for (i, &c) in group.iter().enumerate() {
            let value = ALPHABET.iter().position(|&a| a == c)? as u32;
            bits |= value << (18 - 6 * i);
        }
        for i in 0..group.len() - 1 {
            bytes.push((bits >> (16 - 8 * i)) as u8);
        }
    }
    Some(bytes)
}

/// Base64 with padding, as other tools read it (an export's ciphertext, salt and nonce), table-driven: a 60 MB body
/// is 80 million characters.
pub fn to_padded(bytes: &[u8]) -> String {
    let mut text = to_text(bytes);
    while !text.len().is_multiple_of(4) {
        text.push('=');
    }
    text
}

/// The bytes padded base64 `text` encodes; `None` for anything else.
pub fn from_padded(text: &str) -> Option<Vec<u8>> {
    const INVALID: u8 = 0xff;
    let mut values = [INVALID; 256];
    for (value, &c) in ALPHABET.iter().enumerate() {
        values[usize::from(c)] = value as u8;
    }
    let text = text.as_bytes();
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let padding = text.iter().rev().take_while(|&&c| c == b'=').count();
    if padding > 2 {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    for group in text.chunks(4) {
        let mut bits = 0u32;
        for (i, &c) in group.iter().enumerate() {
            let value = match c {
                b'=' => 0,
                c => values[usize::from(c)],
            };
            if value == INVALID {
                return None;
            }
            bits |= u32::from(value) << (18 - 6 * i);
        }
        bytes.extend_from_slice(&bits.to_be_bytes()[1..]);
    }
    // '=' only at the very end (counted above), each standing for one byte that is not there.
    if text[..text.len() - padding].contains(&b'=') {
        return None;
    }
    bytes.truncate(bytes.len() - padding);
    Some(bytes)
}
