//! Tables as files (R9.5): the CSV byte for byte; the XLSX opened by an independent spreadsheet reader (calamine)
//! with its text and numbers read back exactly; the worker's jobs answered as the page will ask them.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::calendar::{Calendar, Date};
use aftersales::export::xlsx::{column_name, crc32, write};
use aftersales::export::{Cell, Table, csv};
use aftersales::jobs;

fn table() -> Table {
    let mut table = Table::new(vec![
        "指标".into(),
        "数值".into(),
        "分子".into(),
        "note".into(),
    ]);
    table.push(vec![
        Cell::Text("一次修复率".into()),
        Cell::Decimal {
            steps: 953,
            places: 1,
        },
        Cell::number(412),
        Cell::Text("含逗号, 和 \"引号\"".into()),
    ]);
    table.push(vec![
        Cell::Text("=SUM(A1)".into()),
        Cell::Decimal {
            steps: -5,
            places: 2,
        },
        Cell::Empty,
        Cell::Text("<&>".into()),
    ]);
    table
}

#[test]
fn a_table_as_csv_quotes_what_needs_it_and_defuses_formulas() {
    let bytes = csv(&table());
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(
        text,
        "\u{feff}指标,数值,分子,note\r\n\
         一次修复率,95.3,412,\"含逗号, 和 \"\"引号\"\"\"\r\n\
         '=SUM(A1),-0.05,,<&>\r\n"
    );
}

#[test]
fn a_table_as_xlsx_reads_back_in_a_spreadsheet_library_with_typed_numbers() {
    let bytes = write(&table(), "指标看板");
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a valid xlsx");
    assert_eq!(workbook.sheet_names(), vec!["指标看板".to_string()]);
    let range = workbook.worksheet_range("指标看板").expect("the sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][0], Data::String("指标".into()));
    assert_eq!(rows[1][0], Data::String("一次修复率".into()));
    // Numbers are numbers (a spreadsheet sums them), read back exactly as written.
    assert_eq!(rows[1][1], Data::Float(95.3));
    assert_eq!(rows[1][2], Data::Float(412.0));
    assert_eq!(rows[1][3], Data::String("含逗号, 和 \"引号\"".into()));
    assert_eq!(rows[2][0], Data::String("'=SUM(A1)".into()));
    assert_eq!(rows[2][1], Data::Float(-0.05));
    assert_eq!(rows[2][2], Data::Empty);
    assert_eq!(rows[2][3], Data::String("<&>".into()));
}

#[test]
fn the_zip_and_sheet_details_follow_their_standards() {
    // The CRC-32 check value of the standard's test string.
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    let names: Vec<String> = [0, 25, 26, 51, 701, 702]
        .into_iter()
        .map(column_name)
        .collect();
    assert_eq!(names, ["A", "Z", "AA", "AZ", "ZZ", "AAA"]);
    // The same table gives the same bytes (no clock in the file).
    assert_eq!(write(&table(), "x"), write(&table(), "x"));
}

#[test]
fn the_worker_answers_the_jobs_the_page_sends() {
    let reply = jobs::answer(&jobs::xlsx_request(&table(), "kpi"));
    let file = jobs::xlsx_of(&reply).expect("a spreadsheet");
    assert_eq!(file, write(&table(), "kpi").as_slice());
    let calendar = Calendar::china_default();
    let spec = DemoSpec {
        tickets: 40,
        ..DemoSpec::company(calendar.instant(Date::parse("2026-11-28").unwrap(), 600))
    };
    let reply = jobs::answer(&jobs::demo_request(spec, &calendar));
    assert_eq!(jobs::demo_of(&reply), Ok(generate(spec, &calendar)));
    let nonsense = jobs::answer(&[200, 1, 2]);
    assert_eq!(jobs::xlsx_of(&nonsense), Err("unknown job".into()));
    assert!(jobs::xlsx_of(&jobs::answer(&[1, 0xff])).is_err());
}
