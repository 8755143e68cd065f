//! An e-commerce platform's CSV export read into rows (R7.1): the text's encoding found (a byte-order mark, else
//! UTF-8 if it is valid, else GBK — what Excel and the platforms' back offices write in China), the records split
//! by a CSV reader (quoted commas and line breaks, doubled quotes), the first non-empty record as the header, and
//! every record whose cell count does not match the header set aside with its line. Pure; run in the worker
//! module (`jobs`), so neither the CSV reader nor the GBK tables are in the page's bundle.
//!
//! Owns: `RawTable`, `CsvProblem`, `read`. Must not: decide what a row means (`domain::provider_inputs` maps the
//! columns and checks each row) or touch the browser.

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::codec::{Codec, CodecError, Reader, Writer};

/// The largest file read: a platform's month of bad reviews is kilobytes; more than this is the wrong file.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most rows read.
pub const MAX_ROWS: usize = 200_000;
/// Progress is reported every this many records.
const REPORT_EVERY: usize = 2_000;

/// A file's header and rows as text, with the rows that do not fit the header apart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawTable {
    /// How the text was encoded: "UTF-8" or "GBK".
    pub encoding: String,
    pub header: Vec<String>,
    /// (the line the row starts on, its cells).
    pub rows: Vec<(u64, Vec<String>)>,
    /// (the line, how many cells it had).
    pub misshapen: Vec<(u64, usize)>,
}

/// Why a file gives no rows at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvProblem {
    Empty,
    TooLarge {
        bytes: usize,
        max: usize,
    },
    /// Not text: a spreadsheet, a picture (NUL bytes, or a ZIP's signature).
    NotText,
    /// Text in neither UTF-8 nor GBK (nor UTF-16 with its mark).
    UnknownEncoding,
    /// A header and nothing under it.
    NoRows,
    TooManyRows {
        max: usize,
    },
    /// The CSV reader gave up (the reason in its words).
    Unreadable {
        line: u64,
        reason: String,
    },
    /// The browser could not read the chosen file at all: changed, moved or deleted since it was chosen.
    FileGone,
}

/// Reads `bytes` as a CSV file; `report(done, total)` is told how many bytes are read, now and then.
pub fn read(bytes: &[u8], report: &mut dyn FnMut(u64, u64)) -> Result<RawTable, CsvProblem> {
    if bytes.is_empty() {
        return Err(CsvProblem::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(CsvProblem::TooLarge {
            bytes: bytes.len(),
            max: MAX_BYTES,
        });
    }
    let (text, encoding) = decode(bytes)?;
    let total = text.len() as u64;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = RawTable {
        encoding: encoding.into(),
        ..RawTable::default()
    };
    let mut record = csv::StringRecord::new();
    let mut count = 0usize;
    let (mut lines_before, mut counted_to) = (0u64, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                return Err(CsvProblem::Unreadable {
                    line: error.position().map_or(0, |p| p.line()),
                    reason: error.to_string(),
                });
            }
        }
        // The line the record starts on, counted here (the reader's own count can run a line behind): the
        // line breaks before its first byte, plus one.
        let mut start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(text.len());
        // The position can be that of the line break ending the record before.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        lines_before += memchr_count(&text.as_bytes()[counted_to..start]);
        counted_to = start;
        let line = lines_before + 1;
        count += 1;
        if count.is_multiple_of(REPORT_EVERY) {
            report(reader.position().byte(), total);
        }
        let cells: Vec<String> = record.iter().map(|cell| cell.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if table.header.is_empty() {
            table.header = cells;
            continue;
        }
        if cells.len() != table.header.len() {
            table.misshapen.push((line, cells.len()));
            continue;
        }
        if table.rows.len() == MAX_ROWS {
            return Err(CsvProblem::TooManyRows { max: MAX_ROWS });
        }
        table.rows.push((line, cells));
    }
    report(total, total);
    match table.header.is_empty() {
        true => Err(CsvProblem::Empty),
        false if table.rows.is_empty() && table.misshapen.is_empty() => Err(CsvProblem::NoRows),
        false => Ok(table),
    }
}

/// How many line breaks `bytes` holds: a line feed, or a carriage return not followed by one (old Mac files).
fn memchr_count(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count() as u64
}

/// The text and its encoding's name.
fn decode(bytes: &[u8]) -> Result<(String, &'static str), CsvProblem> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(CsvProblem::NotText);
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return match had_errors || text.contains('\0') {
            true => Err(CsvProblem::NotText),
            false => Ok((text.into_owned(), name_of(encoding))),
        };
    }
    if bytes.contains(&0) {
        return Err(CsvProblem::NotText);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), "UTF-8")),
        Err(_) => {
            let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
            match had_errors {
                true => Err(CsvProblem::UnknownEncoding),
                false => Ok((text.into_owned(), "GBK")),
            }
        }
    }
}

fn name_of(encoding: &'static Encoding) -> &'static str {
    match encoding == UTF_8 {
        true => "UTF-8",
        false => encoding.name(),
    }
}

// The trip back from the worker.
impl Codec for RawTable {
    fn encode(&self, out: &mut Writer) {
        self.encoding.encode(out);
        self.header.encode(out);
        self.rows.encode(out);
        out.varint(self.misshapen.len() as u64);
        for (line, cells) in &self.misshapen {
            line.encode(out);
            (*cells as u64).encode(out);
        }
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let encoding = Codec::decode(input)?;
        let header = Codec::decode(input)?;
        let rows = Codec::decode(input)?;
        let count = input.len()?;
        let mut misshapen = Vec::with_capacity(count.min(1_024));
        for _ in 0..count {
            let line: u64 = Codec::decode(input)?;
            let cells: u64 = Codec::decode(input)?;
            misshapen.push((line, cells as usize));
        }
        Ok(RawTable {
            encoding,
            header,
            rows,
            misshapen,
        })
    }
}

impl Codec for CsvProblem {
    fn encode(&self, out: &mut Writer) {
        match self {
            CsvProblem::Empty => out.byte(0),
            CsvProblem::TooLarge { bytes, max } => {
                out.byte(1);
                (*bytes as u64).encode(out);
                (*max as u64).encode(out);
            }
            CsvProblem::NotText => out.byte(2),
            CsvProblem::NoRows => out.byte(3),
            CsvProblem::TooManyRows { max } => {
                out.byte(4);
                (*max as u64).encode(out);
            }
            CsvProblem::UnknownEncoding => out.byte(6),
            CsvProblem::FileGone => out.byte(7),
            CsvProblem::Unreadable { line, reason } => {
                out.byte(5);
                line.encode(out);
                reason.encode(out);
            }
        }
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let number = |input: &mut Reader<'_>| -> Result<usize, CodecError> {
            Ok(<u64 as Codec>::decode(input)? as usize)
        };
        Ok(match input.byte()? {
            0 => CsvProblem::Empty,
            1 => CsvProblem::TooLarge {
                bytes: number(input)?,
                max: number(input)?,
            },
            2 => CsvProblem::NotText,
            3 => CsvProblem::NoRows,
            4 => CsvProblem::TooManyRows {
                max: number(input)?,
            },
            5 => CsvProblem::Unreadable {
                line: Codec::decode(input)?,
                reason: Codec::decode(input)?,
            },
            6 => CsvProblem::UnknownEncoding,
            7 => CsvProblem::FileGone,
            tag => {
                return Err(CodecError::BadTag {
                    type_name: "CsvProblem",
                    tag,
                });
            }
        })
    }
}
