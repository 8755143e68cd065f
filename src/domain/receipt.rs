//! Receipt codes (R4.3): a survey answered on the customer's own phone, carried back to the staff device as a
//! short text (and QR code) with no server in between.
//!
//! A code is the response packed into bytes — the link it answers, the time, the ratings, the comment — then an
//! HMAC with the link's secret token (so a code answers only the ticket whose link was handed out and cannot be
//! forged), written in Crockford's base32 with a 6-character BCH checksum (the bech32 code: any 4 wrong or
//! swapped characters in a code of up to 89 are caught, so a typo is reported as a typo, not as tampering).
//!
//! Owns: `encode` (the QR's code) and `typed_code` (the short one to type), `Receipt::parse` (typos),
//! `Receipt::open` (authenticity and the answers), `find` (which ticket a code answers), and the survey link's
//! fragment (`link_fragment`, `parse_link_fragment`). Must not: record anything — the caller appends the
//! `Surveyed` event.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::calendar::{Instant, MINUTE_MS};
use super::survey::{
    Aspect, LinkToken, Satisfaction, SecondResponse, SurveyLink, SurveyResponse, SurveyTemplate,
    Via,
};
use super::ticket::Ticket;

/// Crockford's base32 alphabet: no I, L, O or U, so nothing reads as another character.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHECK_LEN: usize = 6;
const MAC_LEN: usize = 4;
const LINK_ID_LEN: usize = 4;
const FORMAT: u8 = 1;
/// Characters per group when a code is shown.
pub const GROUP: usize = 4;

/// Why a code was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptError {
    /// Not a receipt code at all: a character outside the alphabet, or far too short.
    Malformed,
    /// A character is wrong or two are swapped (the checksum does not match).
    Mistyped,
    /// No survey link handed out here has this code's link id.
    UnknownTicket,
    /// The checksum matches but the authentication does not: the code was altered or made up.
    NotAuthentic,
    /// The ticket already has this very response.
    AlreadyImported,
    /// The ticket already has a response and a second one is refused (R4.4).
    AlreadyAnswered,
}

/// The link id a code names: the first bytes of the token's hash, so the code does not reveal the token.
pub fn link_id(token: &LinkToken) -> [u8; LINK_ID_LEN] {
    let digest = Sha256::digest(token.0);
    [digest[0], digest[1], digest[2], digest[3]]
}

/// The receipt code of `response`, answering `link`, grouped for reading out (`ABCD-EFGH-…`): everything, the
/// comment too — what the QR code carries.
pub fn encode(link: &SurveyLink, response: &SurveyResponse) -> String {
    let mut bytes = link_id(&link.token).to_vec();
    let minutes = (response.answered_at.max(0) / MINUTE_MS).min(u32::MAX as i64) as u32;
    bytes.extend(minutes.to_be_bytes());
    let mut bits = BitWriter::default();
    bits.push(FORMAT as u32, 2);
    bits.push(response.ratings.len() as u32, 3);
    bits.push(response.overall as u32, 3);
    bits.push(
        match response.solved {
            None => 0,
            Some(true) => 1,
            Some(false) => 2,
        },
        2,
    );
    bits.push(
        match response.satisfaction {
            None => 0,
            Some(Satisfaction::Satisfied) => 1,
            Some(Satisfaction::FairlySatisfied) => 2,
            Some(Satisfaction::Dissatisfied) => 3,
        },
        2,
    );
    for (_, stars) in &response.ratings {
        bits.push(*stars as u32, 3);
    }
    bytes.extend(bits.finish());
    bytes.extend(response.comment.as_bytes());
    let mac = mac(&link.token, &bytes);
    bytes.extend(mac);
    let mut digits = to_base32(&bytes);
    let check = checksum(&digits);
    digits.extend(check);
    group(&digits)
}

/// The code to read out or type: the same answers without the comment, which only the QR code carries — 30
/// characters (8 groups) whatever the customer wrote, where a comment of a few words made the full code 100 and
/// more. A valid code in its own right (its authentication covers what it holds).
pub fn typed_code(link: &SurveyLink, response: &SurveyResponse) -> String {
    let without_comment = SurveyResponse {
        comment: String::new(),
        ..response.clone()
    };
    encode(link, &without_comment)
}

/// A code that passed its checksum: who it answers is not known yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    bytes: Vec<u8>,
}

impl Receipt {
    /// Reads a code as typed or pasted: case, spaces and hyphens do not matter, O reads as 0 and I or L as 1.
    pub fn parse(text: &str) -> Result<Receipt, ReceiptError> {
        let mut digits = Vec::with_capacity(text.len());
        for c in text.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' | '\n' | '\r' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            match ALPHABET.iter().position(|&a| a as char == c) {
                Some(value) => digits.push(value as u8),
                None => return Err(ReceiptError::Malformed),
            }
        }
        let min_bytes = LINK_ID_LEN + 4 + 2 + MAC_LEN;
        if digits.len() < (min_bytes * 8).div_ceil(5) + CHECK_LEN {
            return Err(ReceiptError::Malformed);
        }
        let (data, check) = digits.split_at(digits.len() - CHECK_LEN);
        if checksum(data) != check {
            return Err(ReceiptError::Mistyped);
        }
        let bytes = from_base32(data).ok_or(ReceiptError::Mistyped)?;
        Ok(Receipt { bytes })
    }

    pub fn link_id(&self) -> [u8; LINK_ID_LEN] {
        [self.bytes[0], self.bytes[1], self.bytes[2], self.bytes[3]]
    }

    /// The response, if the code was made with `link`'s token; `NotAuthentic` otherwise.
    pub fn open(&self, link: &SurveyLink) -> Result<SurveyResponse, ReceiptError> {
        let (body, tag) = self.bytes.split_at(self.bytes.len() - MAC_LEN);
        if link_id(&link.token) != self.link_id() || mac(&link.token, body) != tag {
            return Err(ReceiptError::NotAuthentic);
        }
        let minutes = u32::from_be_bytes([body[4], body[5], body[6], body[7]]);
        let mut bits = BitReader::new(&body[8..]);
        let format = bits.take(2).ok_or(ReceiptError::Malformed)?;
        let count = bits.take(3).ok_or(ReceiptError::Malformed)? as usize;
        if format != FORMAT as u32 || count != link.template.aspects.len() {
            return Err(ReceiptError::Malformed);
        }
        let overall = bits.take(3).ok_or(ReceiptError::Malformed)? as u8;
        let solved = match bits.take(2) {
            Some(0) => None,
            Some(1) => Some(true),
            Some(2) => Some(false),
            _ => return Err(ReceiptError::Malformed),
        };
        let satisfaction = match bits.take(2) {
            Some(0) => None,
            Some(1) => Some(Satisfaction::Satisfied),
            Some(2) => Some(Satisfaction::FairlySatisfied),
            Some(3) => Some(Satisfaction::Dissatisfied),
            _ => return Err(ReceiptError::Malformed),
        };
        let mut ratings = Vec::with_capacity(count);
        for aspect in &link.template.aspects {
            let stars = bits.take(3).ok_or(ReceiptError::Malformed)? as u8;
            ratings.push((aspect.clone(), stars));
        }
        let stars_ok = |s: u8| (1..=5).contains(&s);
        if !stars_ok(overall) || !ratings.iter().all(|(_, s)| stars_ok(*s)) {
            return Err(ReceiptError::Malformed);
        }
        let comment = String::from_utf8(body[8 + bits.bytes_read()..].to_vec())
            .map_err(|_| ReceiptError::Malformed)?;
        Ok(SurveyResponse {
            template_version: link.template.version,
            ratings,
            overall,
            solved,
            satisfaction,
            comment,
            answered_at: minutes as Instant * MINUTE_MS,
            via: Via::Receipt,
            replaces_earlier: false,
        })
    }
}

/// The ticket a code answers and the response it carries, marked as `second` (the R4.4 setting) says.
pub fn find<'a>(
    receipt: &Receipt,
    tickets: impl IntoIterator<Item = &'a Ticket>,
    second: SecondResponse,
) -> Result<(&'a Ticket, SurveyResponse), ReceiptError> {
    let wanted = receipt.link_id();
    let mut known = false;
    for ticket in tickets {
        for link in &ticket.survey_links {
            if link_id(&link.token) != wanted {
                continue;
            }
            known = true;
            let Ok(response) = receipt.open(link) else {
                continue;
            };
            return match &ticket.survey {
                Some(current) if *current == response => Err(ReceiptError::AlreadyImported),
                // The short code was typed first, now the QR code brings the same answers with their comment:
                // the comment completes that response (whatever the second-response setting says).
                Some(current) if completes(current, &response) => Ok((
                    ticket,
                    SurveyResponse {
                        replaces_earlier: true,
                        ..response
                    },
                )),
                Some(_) if second == SecondResponse::Refuse => Err(ReceiptError::AlreadyAnswered),
                answered => Ok((ticket, second.mark(answered.is_some(), response))),
            };
        }
    }
    Err(match known {
        true => ReceiptError::NotAuthentic,
        false => ReceiptError::UnknownTicket,
    })
}

/// Whether `scanned` is `typed` with the comment the typed code leaves out: the same answers, at the same minute,
/// from the same receipt.
fn completes(typed: &SurveyResponse, scanned: &SurveyResponse) -> bool {
    typed.via == Via::Receipt
        && typed.comment.is_empty()
        && !scanned.comment.is_empty()
        && *typed
            == SurveyResponse {
                comment: String::new(),
                replaces_earlier: typed.replaces_earlier,
                ..scanned.clone()
            }
}

fn mac(token: &LinkToken, bytes: &[u8]) -> [u8; MAC_LEN] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&token.0).expect("HMAC takes any key");
    mac.update(bytes);
    let tag = mac.finalize().into_bytes();
    [tag[0], tag[1], tag[2], tag[3]]
}

/// Bytes as 5-bit digits, most significant first, the last digit padded with zero bits.
fn to_base32(bytes: &[u8]) -> Vec<u8> {
    let mut digits = Vec::with_capacity((bytes.len() * 8).div_ceil(5));
    let mut buffer = 0u32;
    let mut held = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | byte as u32;
        held += 8;
        while held >= 5 {
            held -= 5;
            digits.push(((buffer >> held) & 31) as u8);
        }
    }
    if held > 0 {
        digits.push(((buffer << (5 - held)) & 31) as u8);
    }
    digits
}

/// The inverse of `to_base32`; `None` if the padding bits are not zero (a changed last digit).
fn from_base32(digits: &[u8]) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(digits.len() * 5 / 8);
    let mut buffer = 0u32;
    let mut held = 0;
    for &digit in digits {
        buffer = (buffer << 5) | digit as u32;
        held += 5;
        if held >= 8 {
            held -= 8;
            bytes.push((buffer >> held) as u8);
        }
    }
    match held < 5 && buffer & ((1 << held) - 1) == 0 {
        true => Some(bytes),
        false => None,
    }
}

/// The bech32 BCH code over GF(32) (BIP-173): six check digits.
fn polymod(digits: impl IntoIterator<Item = u8>) -> u32 {
    const GENERATOR: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut check = 1u32;
    for digit in digits {
        let top = check >> 25;
        check = ((check & 0x1ff_ffff) << 5) ^ digit as u32;
        for (i, g) in GENERATOR.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                check ^= g;
            }
        }
    }
    check
}

fn checksum(data: &[u8]) -> Vec<u8> {
    let value = polymod(data.iter().copied().chain([0; CHECK_LEN])) ^ 1;
    (0..CHECK_LEN)
        .map(|i| ((value >> (5 * (CHECK_LEN - 1 - i))) & 31) as u8)
        .collect()
}

fn group(digits: &[u8]) -> String {
    let mut text = String::with_capacity(digits.len() * 5 / 4);
    for (i, digit) in digits.iter().enumerate() {
        if i > 0 && i % GROUP == 0 {
            text.push('-');
        }
        text.push(ALPHABET[*digit as usize] as char);
    }
    text
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    fn push(&mut self, value: u32, width: u32) {
        for i in (0..width).rev() {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let bit = ((value >> i) & 1) as u8;
            let last = self.bytes.len() - 1;
            self.bytes[last] |= bit << (7 - self.used % 8);
            self.used += 1;
        }
    }

    fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    used: usize,
}

impl<'a> BitReader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        BitReader { bytes, used: 0 }
    }

    fn take(&mut self, width: usize) -> Option<u32> {
        let mut value = 0;
        for _ in 0..width {
            let byte = self.bytes.get(self.used / 8)?;
            value = (value << 1) | ((byte >> (7 - self.used % 8)) & 1) as u32;
            self.used += 1;
        }
        Some(value)
    }

    /// Whole bytes consumed, the last partly used one included.
    fn bytes_read(&self) -> usize {
        self.used.div_ceil(8)
    }
}

/// What a survey link carries to the customer's device: the token, the template and a label for the ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub link: SurveyLink,
    /// What the customer is asked about (e.g. the product and the day of the service); no staff data.
    pub label: String,
}

/// The URL fragment (after `#`) of a survey link: `k=<token>&v=<version>&a=<aspects>&q=<questions>&t=<label>`.
pub fn link_fragment(invitation: &Invitation) -> String {
    let template = &invitation.link.template;
    let aspects: Vec<String> = template
        .aspects
        .iter()
        .map(|aspect| match aspect {
            Aspect::Attitude => "A".to_string(),
            Aspect::Skill => "S".to_string(),
            Aspect::Timeliness => "T".to_string(),
            Aspect::Other(name) => format!("O{}", percent_encode(name)),
        })
        .collect();
    let questions: String = [
        (template.asks_solved, 's'),
        (template.asks_satisfaction, 'l'),
        (template.asks_comment, 'c'),
    ]
    .iter()
    .filter(|(asked, _)| *asked)
    .map(|(_, code)| *code)
    .collect();
    let token: String = to_base32(&invitation.link.token.0)
        .iter()
        .map(|d| ALPHABET[*d as usize] as char)
        .collect();
    format!(
        "k={token}&v={}&a={}&q={questions}&t={}",
        template.version,
        aspects.join("."),
        percent_encode(&invitation.label)
    )
}

/// The invitation in a survey link's fragment, or `None` if the link is damaged.
pub fn parse_link_fragment(fragment: &str) -> Option<Invitation> {
    let fragment = fragment.trim_start_matches('#');
    let field = |key: &str| {
        fragment
            .split('&')
            .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
    };
    let digits: Vec<u8> = field("k")?
        .bytes()
        .map(|c| ALPHABET.iter().position(|&a| a == c).map(|d| d as u8))
        .collect::<Option<_>>()?;
    let token: [u8; 16] = from_base32(&digits)?.try_into().ok()?;
    let aspects = match field("a")? {
        "" => Vec::new(),
        list => list
            .split('.')
            .map(|code| match code {
                "A" => Some(Aspect::Attitude),
                "S" => Some(Aspect::Skill),
                "T" => Some(Aspect::Timeliness),
                other => Some(Aspect::Other(percent_decode(other.strip_prefix('O')?)?)),
            })
            .collect::<Option<Vec<_>>>()?,
    };
    let questions = field("q")?;
    Some(Invitation {
        link: SurveyLink {
            token: LinkToken(token),
            template: SurveyTemplate {
                version: field("v")?.parse().ok()?,
                aspects,
                asks_solved: questions.contains('s'),
                asks_satisfaction: questions.contains('l'),
                asks_comment: questions.contains('c'),
            },
        },
        label: percent_decode(field("t").unwrap_or(""))?,
    })
}

/// Every byte but unreserved ASCII as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}
