//! A `Table` as an Office Open XML spreadsheet (.xlsx): one sheet, the header row in bold and frozen, numbers as
//! numbers (a spreadsheet sums them), text as inline strings. The package is a ZIP with stored (uncompressed)
//! entries — every reader accepts it and the writer stays a page of code instead of a 237 KB crate.
//!
//! Must not: round or reformat a number (`Cell::number_text` writes the exact decimal) or touch the browser. It
//! runs in the worker module.

use super::{Cell, Table, defused};

/// The spreadsheet file of `table`, with `sheet` as the sheet's name.
pub fn write(table: &Table, sheet: &str) -> Vec<u8> {
    let mut zip = Zip::default();
    zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    zip.add("_rels/.rels", ROOT_RELS.as_bytes());
    zip.add("xl/workbook.xml", workbook(&sheet_name(sheet)).as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    zip.add("xl/worksheets/sheet1.xml", worksheet(table).as_bytes());
    zip.finish()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Style 0: normal; style 1: bold (the header row).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>"#;

fn workbook(sheet: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        escape(sheet)
    )
}

/// A sheet name as spreadsheets allow it: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    match cleaned.trim().is_empty() {
        true => "Sheet1".into(),
        false => cleaned,
    }
}

fn worksheet(table: &Table) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#,
    );
    let header: Vec<Cell> = table.headers.iter().cloned().map(Cell::Text).collect();
    for (index, row) in std::iter::once(&header).chain(&table.rows).enumerate() {
        let number = index + 1;
        xml.push_str(&format!(r#"<row r="{number}">"#));
        for (column, cell) in row.iter().enumerate() {
            let reference = format!("{}{number}", column_name(column));
            let style = if index == 0 { r#" s="1""# } else { "" };
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => xml.push_str(&format!(
                    r#"<c r="{reference}"{style} t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(&defused(text))
                )),
                Cell::Decimal { steps, places } => xml.push_str(&format!(
                    r#"<c r="{reference}"{style}><v>{}</v></c>"#,
                    Cell::number_text(*steps, *places)
                )),
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// A, B, …, Z, AA, AB, …
pub fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// XML text: the five special characters escaped, and characters XML 1.0 forbids (controls) left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A ZIP archive of stored entries (no compression), as APPNOTE 6.3 describes: local headers and data, then the
/// central directory and its end record. Times are the format's earliest (1980-01-01), so the same table gives the
/// same bytes.
#[derive(Default)]
struct Zip {
    bytes: Vec<u8>,
    directory: Vec<u8>,
    entries: u16,
}

impl Zip {
    fn add(&mut self, name: &str, data: &[u8]) {
        let offset = self.bytes.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let name = name.as_bytes();
        // Local file header.
        put32(&mut self.bytes, 0x0403_4b50);
        self.local_fields(crc, size, name.len() as u16);
        self.bytes.extend_from_slice(name);
        self.bytes.extend_from_slice(data);
        // Its central directory entry.
        let mut entry = Vec::new();
        put32(&mut entry, 0x0201_4b50);
        put16(&mut entry, 20); // made by: version 2.0
        put16(&mut entry, 20); // needed to extract
        put16(&mut entry, 0x0800); // flags: names are UTF-8
        put16(&mut entry, 0); // stored
        put16(&mut entry, 0); // time
        put16(&mut entry, 0x0021); // date: 1980-01-01
        put32(&mut entry, crc);
        put32(&mut entry, size);
        put32(&mut entry, size);
        put16(&mut entry, name.len() as u16);
        put16(&mut entry, 0); // extra
        put16(&mut entry, 0); // comment
        put16(&mut entry, 0); // disk
        put16(&mut entry, 0); // internal attributes
        put32(&mut entry, 0); // external attributes
        put32(&mut entry, offset);
        entry.extend_from_slice(name);
        self.directory.extend_from_slice(&entry);
        self.entries += 1;
    }

    fn local_fields(&mut self, crc: u32, size: u32, name_len: u16) {
        let out = &mut self.bytes;
        put16(out, 20); // needed to extract
        put16(out, 0x0800); // flags: names are UTF-8
        put16(out, 0); // stored
        put16(out, 0); // time
        put16(out, 0x0021); // date: 1980-01-01
        put32(out, crc);
        put32(out, size);
        put32(out, size);
        put16(out, name_len);
        put16(out, 0); // extra
    }

    fn finish(mut self) -> Vec<u8> {
        let start = self.bytes.len() as u32;
        let size = self.directory.len() as u32;
        self.bytes.extend_from_slice(&self.directory);
        put32(&mut self.bytes, 0x0605_4b50);
        put16(&mut self.bytes, 0); // this disk
        put16(&mut self.bytes, 0); // directory's disk
        put16(&mut self.bytes, self.entries);
        put16(&mut self.bytes, self.entries);
        put32(&mut self.bytes, size);
        put32(&mut self.bytes, start);
        put16(&mut self.bytes, 0); // comment
        self.bytes
    }
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// CRC-32 (IEEE 802.3, reflected, as ZIP uses it).
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}
