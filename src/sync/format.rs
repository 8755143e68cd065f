//! The export file (R9.2): one JSON document with readable field names — a header that says what the file is
//! and a body of records — documented by `docs/export.schema.json`.
//!
//! ```text
//! {"header": {"format": "aftersales-export", "version": 1, "device": {…}, "exported_at": "…Z", "exported_by": …,
//!             "selection": {…}, "counts": {"unit": 3, …}, "sha256": "<hex of the body's bytes>"},
//!  "body": {"records": [{"kind": "unit", "id": …, "stamp": {…}, "body": {…}}, …]}}
//! ```
//!
//! The checksum is of the body exactly as it stands in the file (the bytes between `"body":` and the closing
//! brace), so a reader checks it before trusting a byte of it. An encrypted file has `"ciphertext"` (base64 of the
//! body encrypted, `crypt`) where the body was, and the header says how (`encryption`).
//!
//! Versioning: `version` changes with any change to what a file holds; a reader reads its own version and every
//! older one (an older layout is converted on reading, as the store does), and refuses a newer one, saying so,
//! rather than guess. Files of every released version are frozen in `tests/fixtures/export/`.
//!
//! Owns: the header and body types, writing a file, and reading one into checked parts with the reason when it
//! cannot be. Must not: decide what merging does (the domain) or touch the browser.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::crypt;
use crate::domain::calendar::{Date, Instant};
use crate::domain::dataset::Change;
use crate::domain::ids::DeviceId;
use crate::domain::selection::Selection;

/// What the `format` field of every export says.
pub const FORMAT: &str = "aftersales-export";
/// The format version this code writes (and the newest it reads). 2 added the service settings' retention period
/// and a ticket's anonymisation (a version-1 file reads as written: its settings without a period,
/// `Versioned::upgraded`); an app that reads only 1 says "update the app" for a 2 instead of refusing a record. 3
/// added a ticket's order number and the service providers' assessment (their inputs, the penalty rules, issued
/// statements): a version-2 file reads as written, its tickets without order numbers. 4 added a ticket's number
/// (工单号) and the phone reveal (a new event): a version-3 file reads as written, its tickets without numbers. 5
/// added the quality records (the standards checklist, self-assessments, sampling audits, corrective actions: new
/// kinds): a version-4 file reads as written. 6 added the period report (a new kind), a complaint's promised day
/// and its result told (new events) and a training session's attendees and certificate: a version-5 file reads as
/// written, its sessions without attendees listed.
pub const VERSION: u32 = 6;
/// The largest file read: a bound on what a bad file can make the reader allocate. A month of a 100,000-ticket
/// company exports to ~25 MB; the whole of it, with a year of history, to ~320 MB — over this bound, so such a
/// company exchanges periods (ARCHITECTURE.md, "Sync by files").
pub const MAX_FILE_BYTES: usize = 150 * 1024 * 1024;

/// Which device wrote the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    pub id: DeviceId,
    /// The name its users gave it ("前台平板").
    pub name: String,
}

/// How the body was encrypted (`crypt`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Encryption {
    /// "AES-256-GCM".
    pub cipher: String,
    /// "PBKDF2-HMAC-SHA256".
    pub kdf: String,
    pub iterations: u32,
    /// Base64 (standard alphabet, padded).
    pub salt: String,
    /// Base64 of the 12-byte nonce.
    pub nonce: String,
    /// Base64 of 8 bytes that tell a wrong passphrase from a damaged file (`crypt`).
    pub key_check: String,
}

/// What a file says of itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub device: DeviceInfo,
    /// When, in UTC: "2026-12-04T18:30:05.123Z".
    pub exported_at: String,
    /// The signed-in user who exported it.
    pub exported_by: String,
    pub selection: Selection,
    /// Records per kind (`Change::kind`).
    pub counts: BTreeMap<String, u64>,
    /// SHA-256 of the body's bytes (before encryption), lower-case hex.
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption: Option<Encryption>,
}

/// The data a file carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub records: Vec<Change>,
}

/// What the exporter says of the file besides its records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub device: DeviceInfo,
    pub exported_at: Instant,
    pub exported_by: String,
    pub selection: Selection,
}

/// Why a file cannot be read. Each is one message to the user (`i18n`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Larger than `MAX_FILE_BYTES`.
    TooLarge { bytes: usize },
    /// Not JSON text at all (another kind of file, or not UTF-8).
    NotJson,
    /// JSON that ends in the middle: the file was cut off (a copy that did not finish).
    Truncated,
    /// JSON, but not an export of this app (another program's file).
    NotAnExport,
    /// An export from a newer version of the app.
    NewerVersion { found: u32, supported: u32 },
    /// The body is not what the header's checksum says: changed or damaged after it was written.
    Checksum,
    /// The body is encrypted and no passphrase was given.
    Encrypted,
    /// The passphrase does not open it.
    WrongPassphrase,
    /// A record of a kind this version does not know (written by a newer version that kept the format version).
    UnknownKind { index: usize, kind: String },
    /// A record that does not hold together (its JSON or a domain check), with where and why.
    BadRecord {
        index: usize,
        kind: String,
        reason: String,
    },
    /// Importing it would leave no user on this device (every one deleted): nobody could sign in again.
    RemovesEveryUser,
}

/// A file read and checked, not yet merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub header: Header,
    pub records: Vec<Change>,
}

/// Records per kind.
pub fn counts(records: &[Change]) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for record in records {
        *counts.entry(record.kind().to_string()).or_insert(0) += 1;
    }
    counts
}

/// The body's text (compact JSON) and the header that describes it.
pub fn body_and_header(origin: &Origin, records: Vec<Change>) -> (String, Header) {
    let (body, mut header) = body_and_header_reporting(origin, records, &mut |_, _| {});
    header.sha256 = sha256_hex(body.as_bytes());
    (body, header)
}

/// The body's text and the header that describes it, its checksum not yet taken (`seal` takes it), telling `wrote`
/// (records written, of how many) as it goes. The same text as `Body`'s serialisation, written record by record.
pub fn body_and_header_reporting(
    origin: &Origin,
    records: Vec<Change>,
    wrote: &mut dyn FnMut(usize, usize),
) -> (String, Header) {
    let counts = counts(&records);
    let total = records.len();
    // About 350 bytes a record: one allocation instead of a dozen doublings of a file-sized buffer.
    let mut body = Vec::with_capacity(total.saturating_mul(350).saturating_add(16));
    body.extend_from_slice(b"{\"records\":[");
    for (index, record) in records.iter().enumerate() {
        if index % REPORT_EVERY == 0 {
            wrote(index, total);
        }
        if index > 0 {
            body.push(b',');
        }
        serde_json::to_writer(&mut body, record).expect("a record serialises");
    }
    body.extend_from_slice(b"]}");
    let body = String::from_utf8(body).expect("serde_json writes UTF-8");
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        device: origin.device.clone(),
        exported_at: iso_utc(origin.exported_at),
        exported_by: origin.exported_by.clone(),
        selection: origin.selection.clone(),
        counts,
        sha256: String::new(),
        encryption: None,
    };
    (body, header)
}

/// The whole file, unencrypted.
pub fn write(origin: &Origin, records: Vec<Change>) -> String {
    let (body, header) = body_and_header_reporting(origin, records, &mut |_, _| {});
    seal(body, header)
}

/// The whole file, its body encrypted under `passphrase` (`crypt`): the header stays readable.
pub fn write_encrypted(
    origin: &Origin,
    records: Vec<Change>,
    passphrase: &str,
    random: crypt::Randomness,
) -> String {
    let (body, header) = body_and_header_reporting(origin, records, &mut |_, _| {});
    seal_encrypted(body, header, passphrase, random)
}

/// The whole file of `body` and its `header`, with the body's checksum.
pub fn seal(body: String, header: Header) -> String {
    let sha256 = Sha256::digest(body.as_bytes()).into();
    seal_with(body, header, sha256)
}

/// `seal`, with the body's SHA-256 taken elsewhere (the worker module has the browser's WebCrypto take it).
pub fn seal_with(body: String, mut header: Header, sha256: [u8; 32]) -> String {
    header.sha256 = hex(&sha256);
    envelope(&header, "body", &body)
}

/// The whole file of `body` encrypted under `passphrase` and its `header`, with the plain body's checksum.
pub fn seal_encrypted(
    body: String,
    header: Header,
    passphrase: &str,
    random: crypt::Randomness,
) -> String {
    let sha256 = Sha256::digest(body.as_bytes()).into();
    seal_encrypted_with(body, header, passphrase, random, sha256)
}

/// `seal_encrypted`, with the plain body's SHA-256 taken elsewhere.
pub fn seal_encrypted_with(
    body: String,
    mut header: Header,
    passphrase: &str,
    random: crypt::Randomness,
    sha256: [u8; 32],
) -> String {
    header.sha256 = hex(&sha256);
    let (encryption, ciphertext) = crypt::encrypt(&body, passphrase, random);
    drop(body);
    header.encryption = Some(encryption);
    envelope(
        &header,
        "ciphertext",
        &serde_json::to_string(&ciphertext).expect("a string serialises"),
    )
}

/// `{"header": …, "<key>": <value>}` with `value` placed as it is (its bytes are what the checksum covers).
pub fn envelope(header: &Header, key: &str, value: &str) -> String {
    let header = serde_json::to_string_pretty(header).expect("a header serialises");
    let mut file = String::with_capacity(header.len() + key.len() + value.len() + 24);
    for part in [
        "{\n\"header\": ",
        &header,
        ",\n\"",
        key,
        "\": ",
        value,
        "\n}\n",
    ] {
        file.push_str(part);
    }
    file
}

/// The file's parts as found, before the checksum or the records are trusted.
#[derive(Deserialize)]
struct Envelope<'a> {
    header: Header,
    #[serde(borrow, default)]
    body: Option<&'a RawValue>,
    #[serde(default)]
    ciphertext: Option<String>,
}

/// Just enough of any JSON document to tell an export of ours (of any version) from something else.
#[derive(Deserialize)]
struct Identity {
    header: IdentityHeader,
}

#[derive(Deserialize)]
struct IdentityHeader {
    format: String,
    version: u32,
}

/// What a file holds before its body is read: its header, and the body's text or its ciphertext.
pub enum Opened<'a> {
    Plain { header: Header, body: &'a str },
    Encrypted { header: Header, ciphertext: String },
}

/// The longest device or exporter name a header may carry (the app's forms take far less).
pub const HEADER_TEXT_MAX: usize = 200;

/// The longest text a record may hold: the app's own longest field (`intake::TEXT_MAX`).
pub const RECORD_TEXT_MAX: usize = crate::domain::ticket::intake::TEXT_MAX;

/// The length in characters of the longest string in `json` (one record's text; escapes count as what they write).
fn longest_string(json: &str) -> usize {
    let (mut longest, mut current, mut inside, mut escaped) = (0, 0, false, false);
    for c in json.chars() {
        match (inside, escaped, c) {
            (false, _, '"') => (inside, current) = (true, 0),
            (false, _, _) => {}
            (true, true, _) => (escaped, current) = (false, current + 1),
            (true, false, '\\') => escaped = true,
            (true, false, '"') => {
                inside = false;
                longest = longest.max(current);
            }
            (true, false, _) => current += 1,
        }
    }
    longest
}

/// Reads a file's header, checking what it is before anything else: size, JSON, ours, version.
pub fn open(bytes: &[u8]) -> Result<Opened<'_>, FileProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotJson)?;
    let identity: Identity = match serde_json::from_str(text) {
        Ok(identity) => identity,
        Err(error) => return Err(json_problem(&error)),
    };
    if identity.header.format != FORMAT {
        return Err(FileProblem::NotAnExport);
    }
    if identity.header.version > VERSION {
        return Err(FileProblem::NewerVersion {
            found: identity.header.version,
            supported: VERSION,
        });
    }
    let envelope: Envelope = serde_json::from_str(text).map_err(|_| FileProblem::NotAnExport)?;
    // A device's name and an exporter's are short in every file this app writes; a huge one would be kept in the
    // audit for good.
    let long = |text: &str| text.chars().count() > HEADER_TEXT_MAX;
    if long(&envelope.header.device.name) || long(&envelope.header.exported_by) {
        return Err(FileProblem::NotAnExport);
    }
    match (
        envelope.body,
        envelope.ciphertext,
        &envelope.header.encryption,
    ) {
        (Some(body), None, None) => Ok(Opened::Plain {
            header: envelope.header,
            body: body.get(),
        }),
        (None, Some(ciphertext), Some(_)) => Ok(Opened::Encrypted {
            header: envelope.header,
            ciphertext,
        }),
        _ => Err(FileProblem::NotAnExport),
    }
}

/// Checks the body against the header's checksum, then reads its records one by one: a record of an unknown kind,
/// or one that does not read, is named with its place in the file.
pub fn read_body(header: Header, body: &str) -> Result<Parsed, FileProblem> {
    read_body_reporting(header, body, &mut |_, _| {})
}

/// `read_body`, telling `read` (records read, of how many) as it goes.
pub fn read_body_reporting(
    header: Header,
    body: &str,
    read: &mut dyn FnMut(usize, usize),
) -> Result<Parsed, FileProblem> {
    if sha256_hex(body.as_bytes()) != header.sha256 {
        return Err(FileProblem::Checksum);
    }
    #[derive(Deserialize)]
    struct RawBody<'a> {
        #[serde(borrow)]
        records: Vec<&'a RawValue>,
    }
    #[derive(Deserialize)]
    struct KindOnly {
        kind: String,
    }
    let raw: RawBody = serde_json::from_str(body).map_err(|_| FileProblem::NotAnExport)?;
    let mut records = Vec::with_capacity(raw.records.len());
    for (index, record) in raw.records.iter().enumerate() {
        if index % REPORT_EVERY == 0 {
            read(index, raw.records.len());
        }
        let kind = serde_json::from_str::<KindOnly>(record.get())
            .map(|k| k.kind)
            .unwrap_or_default();
        if !crate::domain::dataset::KINDS.contains(&kind.as_str()) {
            return Err(FileProblem::UnknownKind { index, kind });
        }
        if longest_string(record.get()) > RECORD_TEXT_MAX {
            return Err(FileProblem::BadRecord {
                index,
                kind,
                reason: format!("a text longer than {RECORD_TEXT_MAX} characters"),
            });
        }
        match serde_json::from_str::<Change>(record.get()).map(Change::upgraded) {
            Ok(change) if !change.is_well_formed() => {
                return Err(FileProblem::BadRecord {
                    index,
                    kind,
                    reason: "its field writes do not hold together".into(),
                });
            }
            Ok(change) if !change.within_limits() => {
                return Err(FileProblem::BadRecord {
                    index,
                    kind,
                    reason: "a name or number longer than the app's forms take".into(),
                });
            }
            Ok(change) => records.push(change),
            Err(error) => {
                return Err(FileProblem::BadRecord {
                    index,
                    kind,
                    reason: error.to_string(),
                });
            }
        }
    }
    Ok(Parsed { header, records })
}

/// Reads an unencrypted file whole.
pub fn read(bytes: &[u8]) -> Result<Parsed, FileProblem> {
    read_with(bytes, None)
}

/// Reads a file whole, decrypting it with `passphrase` if it is encrypted.
pub fn read_with(bytes: &[u8], passphrase: Option<&str>) -> Result<Parsed, FileProblem> {
    read_reporting(bytes, passphrase, &mut |_, _| {})
}

/// How many records are read between two reports of progress.
pub const REPORT_EVERY: usize = 2_000;

/// `read_with`, telling `read` (records read, of how many) as it goes.
pub fn read_reporting(
    bytes: &[u8],
    passphrase: Option<&str>,
    read: &mut dyn FnMut(usize, usize),
) -> Result<Parsed, FileProblem> {
    match open(bytes)? {
        Opened::Plain { header, body } => read_body_reporting(header, body, read),
        Opened::Encrypted { header, ciphertext } => {
            let Some(passphrase) = passphrase else {
                return Err(FileProblem::Encrypted);
            };
            let encryption = header.encryption.clone().ok_or(FileProblem::NotAnExport)?;
            let body = crypt::decrypt(&encryption, &ciphertext, passphrase)?;
            read_body_reporting(header, &body, read)
        }
    }
}

fn json_problem(error: &serde_json::Error) -> FileProblem {
    match error.classify() {
        serde_json::error::Category::Eof => FileProblem::Truncated,
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            FileProblem::NotJson
        }
        serde_json::error::Category::Data => FileProblem::NotAnExport,
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes as lowercase hexadecimal.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// An instant as "2026-12-04T18:30:05.123Z".
pub fn iso_utc(at: Instant) -> String {
    const DAY_MS: i64 = 86_400_000;
    let date = Date::from_days_since_epoch(at.div_euclid(DAY_MS));
    let ms = at.rem_euclid(DAY_MS);
    format!(
        "{date}T{:02}:{:02}:{:02}.{:03}Z",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1_000 % 60,
        ms % 1_000
    )
}

/// The instant an `iso_utc` text names.
pub fn parse_iso_utc(text: &str) -> Option<Instant> {
    let (date, time) = text.strip_suffix('Z')?.split_once('T')?;
    let date = Date::parse(date)?;
    let (hms, ms) = time.split_once('.').unwrap_or((time, "0"));
    let mut parts = hms.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    let ms: i64 = ms.parse().ok()?;
    let valid = (0..24).contains(&h) && (0..60).contains(&m) && (0..60).contains(&s);
    valid
        .then(|| date.days_since_epoch() * 86_400_000 + h * 3_600_000 + m * 60_000 + s * 1_000 + ms)
}
