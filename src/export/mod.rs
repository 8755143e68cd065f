//! Tables as files (R9.5: reports export as CSV and XLSX): a `Table` of typed cells — text, whole numbers, exact
//! decimals — written as CSV here and as a real spreadsheet in `xlsx` (run in the worker module, off the page's
//! bundle). Pure: bytes in, bytes out.
//!
//! Owns: `Table`, `Cell`, `csv`, the table's encoding for the trip to the worker. Must not: know what a table
//! holds (the screens build them) or touch the browser.

pub mod xlsx;

use crate::codec::{Codec, CodecError, Reader, Writer};

/// One cell. Numbers stay exact: a decimal is its integer steps and the number of places.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    /// `steps / 10^places`, e.g. 953 with 1 place is 95.3.
    Decimal {
        steps: i64,
        places: u32,
    },
}

impl Cell {
    pub fn number(value: i64) -> Cell {
        Cell::Decimal {
            steps: value,
            places: 0,
        }
    }

    /// The number as written in a file: "95.3", "-0.05", "12".
    pub fn number_text(steps: i64, places: u32) -> String {
        let sign = if steps < 0 { "-" } else { "" };
        let magnitude = steps.unsigned_abs();
        match places {
            0 => format!("{sign}{magnitude}"),
            _ => {
                let scale = 10u64.pow(places);
                format!(
                    "{sign}{}.{:0width$}",
                    magnitude / scale,
                    magnitude % scale,
                    width = places as usize
                )
            }
        }
    }
}

/// A header row and rows of cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(headers: Vec<String>) -> Table {
        Table {
            headers,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

/// RFC 4180 CSV in UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese right), CRLF line ends.
/// A text that a spreadsheet would take for a formula (= + - @ at the start) is prefixed with an apostrophe.
pub fn csv(table: &Table) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: Vec<String>| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(table.headers.iter().map(|h| quoted(h)).collect());
    for row in &table.rows {
        line(
            row.iter()
                .map(|cell| match cell {
                    Cell::Empty => String::new(),
                    Cell::Text(text) => quoted(&defused(text)),
                    Cell::Decimal { steps, places } => Cell::number_text(*steps, *places),
                })
                .collect(),
        );
    }
    out.into_bytes()
}

fn quoted(text: &str) -> String {
    match text.contains([',', '"', '\n', '\r']) {
        true => format!("\"{}\"", text.replace('"', "\"\"")),
        false => text.to_string(),
    }
}

/// Text that cannot run as a formula when a spreadsheet opens the file.
pub fn defused(text: &str) -> String {
    match text.starts_with(['=', '+', '-', '@']) {
        true => format!("'{text}"),
        false => text.to_string(),
    }
}

impl Codec for Cell {
    fn encode(&self, out: &mut Writer) {
        match self {
            Cell::Empty => out.byte(0),
            Cell::Text(text) => {
                out.byte(1);
                text.encode(out);
            }
            Cell::Decimal { steps, places } => {
                out.byte(2);
                steps.encode(out);
                places.encode(out);
            }
        }
    }

    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        match u8::decode(input)? {
            0 => Ok(Cell::Empty),
            1 => Ok(Cell::Text(String::decode(input)?)),
            2 => Ok(Cell::Decimal {
                steps: i64::decode(input)?,
                places: u32::decode(input)?.min(9),
            }),
            tag => Err(CodecError::BadTag {
                type_name: "Cell",
                tag,
            }),
        }
    }
}

impl Codec for Table {
    fn encode(&self, out: &mut Writer) {
        self.headers.encode(out);
        self.rows.encode(out);
    }

    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok(Table {
            headers: Codec::decode(input)?,
            rows: Codec::decode(input)?,
        })
    }
}
