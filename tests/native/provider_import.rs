//! A platform's CSV export, read as real ones come (GBK or UTF-8 with a BOM, quoted commas and line breaks, a row
//! an unquoted comma broke) and planned row by row against the month of `provider_statement`'s company: matched by
//! order number, else by phone and address, or the reason the row is not imported.

use aftersales::domain::calendar::Date;
use aftersales::domain::dataset::Change;
use aftersales::domain::provider_inputs::{
    ColumnRole, InputDetail, Match, PlannedRow, ReviewColumns, Skipped, imported_review_id,
    plan_import,
};
use aftersales::platform_csv::{CsvProblem, MAX_BYTES, RawTable, read};

use crate::common::versioned;
use crate::provider_statement::{calendar, company};

/// 京东's export: the header, then a row per review. Line 5's text holds a quoted comma and a line break; line 7
/// an unquoted comma (one cell too many).
const EXPORT: &str = "订单编号,评价星级,评价内容,评价时间,收货人手机,收货地址\r\n\
JD-1003,1星,\"安装师傅迟到\",2026-11-09 18:20:11,138****0002,乙路2号\r\n\
JD-1006,2,服务一般,2026/11/19,138****0005,戊路5号\r\n\
,1,\"电话没人接，\n等了三天\",2026年11月16日,13800000006,己路 6 号\r\n\
JD-9999,1,找不到的订单,2026-11-20,13900000009,某处\r\n\
JD-1003,1星,\"安装师傅迟到\",2026-11-09 18:20:11,138****0002,乙路2号\r\n\
JD-1001,1,物流太慢,包装破损,2026-11-21,138****0001,甲路1号\r\n\
JD-1006,4,好评,2026-11-22,138****0005,戊路5号\r\n\
JD-1006,1,写错日期,2027-01-01,138****0005,戊路5号\r\n\
,2,同一客户两单,2026-11-23,13800000002,乙路2号\r\n\
\r\n";

fn table(bytes: &[u8]) -> RawTable {
    read(bytes, &mut |_, _| {}).expect("reads")
}

/// Each planned row as `line: outcome`.
fn outcomes(rows: &[PlannedRow]) -> String {
    rows.iter()
        .map(|row| {
            let outcome = match &row.outcome {
                Ok(input) => match &input.detail {
                    InputDetail::PlatformReview(r) => format!(
                        "import {} {}★ {} ticket T{} ({})",
                        input.day,
                        r.stars,
                        r.platform,
                        input.ticket.map_or(0, |t| t.as_u128() - 0x7000),
                        match row.matched {
                            Match::ByOrderNumber(_) => "order",
                            Match::ByPhoneAndAddress(_) => "phone+address",
                            _ => "-",
                        }
                    ),
                    _ => "?".into(),
                },
                Err(skipped) => format!("skip {skipped:?}"),
            };
            format!("{}: {outcome}\n", row.line)
        })
        .collect()
}

#[test]
fn a_gbk_export_and_a_utf8_one_with_a_bom_read_the_same() {
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(EXPORT);
    assert!(!unmappable);
    let from_gbk = table(&gbk);
    assert_eq!(from_gbk.encoding, "GBK");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), EXPORT.as_bytes()].concat();
    let from_utf8 = table(&with_bom);
    assert_eq!(from_utf8.encoding, "UTF-8");
    assert_eq!(from_gbk.header, from_utf8.header);
    assert_eq!(from_gbk.rows, from_utf8.rows);
    assert_eq!(
        from_gbk.header[0], "订单编号",
        "no BOM left in the first header"
    );
    // The quoted comma and line break stay in their cell; the broken row is set apart with its line.
    let (line, cells) = &from_gbk.rows[2];
    assert_eq!((*line, cells[2].as_str()), (4, "电话没人接，\n等了三天"));
    assert_eq!(from_gbk.misshapen, [(8, 7)]);
}

#[test]
fn bad_files_are_refused_with_their_reason() {
    let mut none = |_, _| {};
    assert_eq!(read(b"", &mut none), Err(CsvProblem::Empty));
    assert_eq!(read(b"\r\n \r\n", &mut none), Err(CsvProblem::Empty));
    assert_eq!(
        read("订单编号,星级\r\n".as_bytes(), &mut none),
        Err(CsvProblem::NoRows)
    );
    assert_eq!(
        read(b"PK\x03\x04 a workbook", &mut none),
        Err(CsvProblem::NotText)
    );
    assert_eq!(
        read(b"\x89PNG\r\n\x1a\n\0\0", &mut none),
        Err(CsvProblem::NotText)
    );
    // Bytes that are neither UTF-8 nor GBK: the encoding is named, not the file called a picture.
    assert_eq!(
        read(b"a,b\r\n\xff\xfe\xff,1\r\n", &mut none),
        Err(CsvProblem::UnknownEncoding)
    );
    // Old Mac line ends (CR only) number the lines as any other.
    let cr = table(b"a,b\r1,x\r2,y\r");
    assert_eq!(
        cr.rows.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
        [2, 3]
    );
    let large = vec![b'a'; MAX_BYTES + 1];
    assert_eq!(
        read(&large, &mut none),
        Err(CsvProblem::TooLarge {
            bytes: MAX_BYTES + 1,
            max: MAX_BYTES
        })
    );
    // Progress is reported as bytes read, ending at the whole.
    let mut reports = Vec::new();
    let many: String = std::iter::once("a,b\n".to_string())
        .chain((0..5_000).map(|i| format!("{i},x\n")))
        .collect();
    read(many.as_bytes(), &mut |done, total| {
        reports.push((done, total))
    })
    .unwrap();
    assert!(reports.len() >= 3, "{reports:?}");
    assert_eq!(
        reports.last(),
        Some(&(many.len() as u64, many.len() as u64))
    );
}

#[test]
fn each_row_is_matched_to_its_ticket_or_says_why_not() {
    let data = company();
    let tickets = data.tickets.fold_all(&calendar());
    let raw = table(EXPORT.as_bytes());
    let columns = ReviewColumns::guess(&raw.header);
    assert_eq!(columns.missing(), []);
    assert_eq!(columns.of(ColumnRole::Text), Some(2));
    let plan_from = |platform: &str, data: &aftersales::domain::dataset::Dataset| {
        plan_import(
            &raw.rows,
            &raw.misshapen,
            raw.header.len(),
            &columns,
            platform,
            &tickets,
            data,
            Date::parse("2026-12-05").unwrap(),
        )
    };
    let plan = |data: &aftersales::domain::dataset::Dataset| plan_from("京东", data);
    let rows = plan(&data);
    expect_test::expect![[r#"
        2: import 2026-11-09 1★ 京东 ticket T3 (order)
        3: import 2026-11-19 2★ 京东 ticket T6 (order)
        4: import 2026-11-16 1★ 京东 ticket T18 (phone+address)
        6: skip NoTicket
        7: skip RepeatedInFile { line: 2 }
        8: skip Misshapen { cells: 7, expected: 6 }
        9: skip Invalid([(Stars, NotABadReview { stars: 4 })])
        10: skip Invalid([(Date, DateInFuture)])
        11: skip Ambiguous { count: 2 }
    "#]]
    .assert_eq(&outcomes(&rows));
    // A matched row keeps none of the customer's details (the ticket has them).
    let Ok(input) = &rows[0].outcome else {
        panic!()
    };
    let InputDetail::PlatformReview(review) = &input.detail else {
        panic!()
    };
    assert_eq!((review.phone.as_str(), review.address.as_str()), ("", ""));

    // Imported, the same file again brings nothing new.
    let mut after = data.clone();
    for (n, row) in rows.iter().enumerate() {
        if let Ok(input) = &row.outcome {
            after.apply(Change::ProviderInput(versioned(
                0x9000 + n as u128,
                5,
                input.clone(),
            )));
        }
    }
    // Two tabs importing the same file at once write the same records, not two of each.
    let mut twice = data.clone();
    for stamp_ms in [5, 6] {
        for row in &rows {
            if let Ok(input) = &row.outcome {
                let mut record = versioned(0, stamp_ms, input.clone());
                record.id = imported_review_id(input);
                twice.apply(Change::ProviderInput(record));
            }
        }
    }
    assert_eq!(
        twice.provider_inputs.live_count(),
        data.provider_inputs.live_count() + rows.iter().filter(|r| r.outcome.is_ok()).count()
    );
    let already = |platform: &str| {
        Err(Skipped::AlreadyImported {
            platform: platform.into(),
        })
    };
    let again = plan(&after);
    assert!(again.iter().all(|r| r.outcome.is_err()));
    // The three imported, and line 7 (line 2 again).
    assert_eq!(
        again
            .iter()
            .filter(|r| r.outcome == already("京东"))
            .count(),
        4
    );
    // Nor does it under another name for the same platform: each row says which name it was stored under.
    let renamed = plan_from("JD", &after);
    assert!(renamed.iter().all(|r| r.outcome.is_err()));
    assert_eq!(
        renamed
            .iter()
            .filter(|r| r.outcome == already("京东"))
            .count(),
        4
    );
}

#[test]
fn a_mapping_is_remembered_by_the_header_s_names() {
    let header: Vec<String> = ["Order ID", "Rating", "Comment", "Date", "Mobile", "Ship to"]
        .map(String::from)
        .to_vec();
    let guessed = ReviewColumns::guess(&header);
    assert_eq!(guessed.missing(), []);
    let names = guessed.names(&header);
    // Next month's export has its columns in another order: the names still find them.
    let reordered: Vec<String> = ["Date", "Comment", "Rating", "Order ID", "Ship to", "Mobile"]
        .map(String::from)
        .to_vec();
    let again = ReviewColumns::from_names(&names, &reordered);
    assert_eq!(again.of(ColumnRole::OrderNumber), Some(3));
    assert_eq!(again.of(ColumnRole::Stars), Some(2));
    // A column the export no longer has is left to be chosen.
    let fewer: Vec<String> = ["Date", "Comment", "Rating"].map(String::from).to_vec();
    assert_eq!(
        ReviewColumns::from_names(&names, &fewer).missing(),
        [ColumnRole::Phone, ColumnRole::Address]
    );
}

#[test]
fn a_day_is_read_as_platforms_write_it_and_nothing_else() {
    use aftersales::domain::provider_inputs::parse_loose_day;
    for text in [
        "2026-11-05",
        "2026/11/5 10:23:11",
        "2026.11.05",
        "2026年11月5日",
        " 2026-11-05T08:00 ",
    ] {
        assert_eq!(parse_loose_day(text), Date::parse("2026-11-05"), "{text}");
    }
    for text in [
        "-2026-11-05",
        "2026-11",
        "05/11/2026x",
        "2026-13-01",
        "",
        "明天",
    ] {
        assert_eq!(parse_loose_day(text), None, "{text}");
    }
}

#[test]
fn the_worker_tells_an_empty_file_from_one_it_could_not_read() {
    let ask = |file: Option<Vec<u8>>| {
        let answer = aftersales::jobs::answer_in_worker(
            &aftersales::jobs::platform_csv_request(),
            None,
            file,
            &mut |_| {},
        );
        aftersales::jobs::platform_csv_of(&answer.reply)
            .unwrap()
            .map(|t| t.rows.len())
    };
    assert_eq!(ask(Some(Vec::new())), Err(CsvProblem::Empty));
    // The browser read nothing (the file changed or went after it was chosen): not called empty.
    assert_eq!(ask(None), Err(CsvProblem::FileGone));
    assert_eq!(
        ask(Some(EXPORT.as_bytes().to_vec())).map(|n| n > 5),
        Ok(true)
    );
}
