//! The checks of what intake, the quote form, the report form and the settings screen hand over (R2.3, R2.6,
//! R2.7, R3): every bad input named on its field, nothing built from it; good input built exactly.

use aftersales::domain::calendar::{Calendar, Date, Hours, Instant};
use aftersales::domain::error::{Field, FieldError, Problem};
use aftersales::domain::money::Fen;
use aftersales::domain::settings::{
    check_holiday, check_make_up_day, parse_office_hours, parse_target_amount,
};
use aftersales::domain::ticket::intake::{
    LineDraft, RegistrationDraft, ReportDraft, check_future_time, check_quote,
};
use aftersales::domain::ticket::{Channel, Kind, Priority, QuoteLineKind, Signature};

fn calendar() -> Calendar {
    Calendar::china_default()
}

/// 2026-03-10 10:00 +08:00.
fn now() -> Instant {
    calendar().instant(Date::parse("2026-03-10").unwrap(), 10 * 60)
}

fn good() -> RegistrationDraft {
    RegistrationDraft {
        name: " 张女士 ".into(),
        phone: "138 1234 1234".into(),
        address: "上海市浦东新区".into(),
        category: "空调".into(),
        model: "KF-35GW".into(),
        serial: "SN-0001".into(),
        purchase_date: "2025-03-11".into(),
        warranty_end: String::new(),
        description: "不制冷".into(),
        kind: Some(Kind::Repair),
        priority: Some(Priority::Normal),
        channel: Some(Channel::Phone),
        requested_visit: "2026-03-11T14:00".into(),
        unit: None,
        order_number: " 3120261105000017 ".into(),
    }
}

fn fields(problems: &[FieldError]) -> Vec<(Field, Problem)> {
    problems
        .iter()
        .map(|e| (e.field, e.problem.clone()))
        .collect()
}

#[test]
fn a_good_registration_is_normalised_and_its_warranty_follows_the_term() {
    let registration = good().check(now(), &calendar(), 12).unwrap();
    assert_eq!(registration.customer.name, "张女士");
    assert_eq!(registration.customer.phone, "13812341234");
    assert_eq!(registration.received_at, now());
    assert_eq!(registration.order_number, "3120261105000017", "trimmed");
    assert_eq!(
        registration.product.warranty_end,
        Date::parse("2026-03-10"),
        "12 months from 2025-03-11 end the day before the anniversary"
    );
    assert!(
        registration
            .product
            .in_warranty(Date::parse("2026-03-10").unwrap())
    );
    assert!(
        !registration
            .product
            .in_warranty(Date::parse("2026-03-11").unwrap())
    );
    assert_eq!(
        registration.requested_visit,
        calendar().parse_local("2026-03-11 14:00")
    );
}

#[test]
fn bad_intake_input_is_named_on_its_field_and_nothing_is_built() {
    let draft = RegistrationDraft {
        name: "  ".into(),
        phone: "12345".into(),
        purchase_date: "2026-03-11".into(),
        warranty_end: "2026-01-01".into(),
        requested_visit: "2026-03-10T09:00".into(),
        description: String::new(),
        kind: None,
        order_number: "9".repeat(41),
        ..good()
    };
    assert_eq!(
        fields(&draft.check(now(), &calendar(), 12).unwrap_err()),
        [
            (Field::Customer, Problem::Required),
            (Field::Phone, Problem::InvalidPhone),
            (Field::Description, Problem::Required),
            (Field::PurchaseDate, Problem::DateInFuture),
            (Field::WarrantyEnd, Problem::WarrantyEndsBeforePurchase),
            (Field::RequestedVisit, Problem::TimeInPast),
            (Field::OrderNumber, Problem::TooLong { max: 40 }),
            (Field::Kind, Problem::Required),
        ]
    );
}

#[test]
fn a_phone_of_letters_is_not_a_missing_phone() {
    let draft = RegistrationDraft {
        phone: "abc".into(),
        ..good()
    };
    assert_eq!(
        fields(&draft.check(now(), &calendar(), 12).unwrap_err()),
        [(Field::Phone, Problem::InvalidPhone)]
    );
}

fn line(kind: QuoteLineKind, description: &str, quantity: &str, price: &str) -> LineDraft {
    LineDraft {
        kind,
        description: description.into(),
        quantity: quantity.into(),
        unit_price: price.into(),
    }
}

#[test]
fn quote_lines_are_priced_in_fen_and_a_negative_or_unreadable_amount_is_refused() {
    let lines = check_quote(&[
        line(QuoteLineKind::Part, "压缩机电容", "2", "35.50"),
        line(QuoteLineKind::Labour, "工时", "1", "80"),
    ])
    .unwrap();
    assert_eq!(
        lines.iter().map(|l| l.unit_price).collect::<Vec<_>>(),
        [Fen(3550), Fen(8000)]
    );
    let problems = check_quote(&[
        line(QuoteLineKind::Part, "电容", "1", "-5"),
        line(QuoteLineKind::Travel, "", "0", "1.234"),
    ])
    .unwrap_err();
    assert_eq!(
        fields(&problems),
        [
            (Field::Line(0), Problem::NegativeAmount),
            (Field::Line(1), Problem::Required),
            (Field::Line(1), Problem::InvalidQuantity),
            (Field::Line(1), Problem::InvalidAmount),
        ]
    );
    assert_eq!(
        fields(&check_quote(&[]).unwrap_err()),
        [(Field::Record, Problem::Required)]
    );
}

/// Regression (issue 17's attack review): a comma was dropped wherever it stood, so "50,00" priced a line at
/// ¥5,000.00. A comma only groups thousands; a decimal comma is refused.
#[test]
fn a_comma_in_an_amount_only_groups_thousands() {
    let read = |text: &str| Fen::parse_yuan(text).map(Fen::to_yuan_text);
    let table: Vec<(&str, Option<String>)> = [
        "1,200",
        "1，200.50",
        "12,345,678.90",
        "-1,000",
        "50,00",
        "1,5",
        "5,0000",
        ",500",
        "1,200,",
        "1,20.5",
        "1200",
    ]
    .into_iter()
    .map(|text| (text, read(text)))
    .collect();
    assert_eq!(
        table,
        [
            ("1,200", Some("1200.00".to_string())),
            ("1，200.50", Some("1200.50".to_string())),
            ("12,345,678.90", Some("12345678.90".to_string())),
            ("-1,000", Some("-1000.00".to_string())),
            ("50,00", None),
            ("1,5", None),
            ("5,0000", None),
            (",500", None),
            ("1,200,", None),
            ("1,20.5", None),
            ("1200", Some("1200.00".to_string())),
        ]
    );
}

#[test]
fn a_report_needs_the_work_done_a_name_and_a_signature_with_ink() {
    let dot = Signature {
        width: 600,
        height: 200,
        strokes: vec![vec![[10, 10]]],
    };
    let draft = ReportDraft {
        work_done: String::new(),
        lines: Vec::new(),
        signed_by: String::new(),
        signature: Some(dot),
    };
    assert_eq!(
        fields(&draft.check().unwrap_err()),
        [
            (Field::WorkDone, Problem::Required),
            (Field::SignedBy, Problem::Required),
            (Field::Signature, Problem::SignatureMissing),
        ]
    );
    let signed = ReportDraft {
        work_done: "更换电容".into(),
        signed_by: "张女士".into(),
        signature: Some(Signature {
            width: 600,
            height: 200,
            strokes: vec![vec![[10, 10], [50, 40]]],
        }),
        lines: vec![line(QuoteLineKind::Part, "电容", "1", "35")],
    };
    let report = signed.check().unwrap();
    assert_eq!(report.total(), Some(Fen(3500)));
    assert_eq!(report.charge(false), Some(Fen::ZERO), "free in warranty");
    assert_eq!(report.charge(true), Some(Fen(3500)));
}

#[test]
fn a_planned_time_must_be_a_time_and_not_in_the_past() {
    assert_eq!(
        check_future_time("2026-03-12T09:30", now(), &calendar()),
        Ok(calendar().parse_local("2026-03-12 09:30").unwrap())
    );
    assert_eq!(
        fields(&check_future_time("2026-03-09T09:30", now(), &calendar()).unwrap_err()),
        [(Field::When, Problem::TimeInPast)]
    );
    assert_eq!(
        fields(&check_future_time("next week", now(), &calendar()).unwrap_err()),
        [(Field::When, Problem::InvalidDateTime)]
    );
}

#[test]
fn calendar_settings_refuse_a_day_that_is_both_holiday_and_make_up_day_and_hours_that_close_early()
{
    let cal = calendar();
    let national_day = Date::parse("2026-10-01");
    let make_up = Date::parse("2026-09-20");
    assert_eq!(
        fields(&check_make_up_day(&cal, national_day)),
        [(Field::Date, Problem::DayIsHoliday)]
    );
    assert!(cal.make_up_days().contains(&make_up.unwrap()));
    assert_eq!(
        fields(&check_holiday(&cal, make_up, "加班")),
        [(Field::Date, Problem::DayIsMakeUpDay)]
    );
    assert_eq!(
        fields(&check_holiday(&cal, None, " ")),
        [
            (Field::Date, Problem::Required),
            (Field::Name, Problem::Required)
        ]
    );
    assert_eq!(
        parse_office_hours("08:30", "17:30"),
        Ok(Hours::Office {
            start_minute: 510,
            end_minute: 1050
        })
    );
    assert_eq!(
        fields(&parse_office_hours("18:00", "09:00").unwrap_err()),
        [(Field::Closes, Problem::ClosesBeforeOpening)]
    );
    assert_eq!(
        fields(&parse_office_hours("25:00", "").unwrap_err()),
        [
            (Field::Opens, Problem::InvalidTime),
            (Field::Closes, Problem::InvalidTime)
        ]
    );
    assert_eq!(parse_target_amount(" 24 "), Ok(24));
    assert!(parse_target_amount("0").is_err() && parse_target_amount("-3").is_err());
}

#[test]
fn month_arithmetic_clamps_to_the_month_and_crosses_years() {
    let d = |s| Date::parse(s).unwrap();
    assert_eq!(d("2026-01-31").add_months(1), d("2026-02-28"));
    assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
    assert_eq!(d("2025-11-15").add_months(3), d("2026-02-15"));
    assert_eq!(d("2025-03-11").add_months(24), d("2027-03-11"));
}

#[test]
fn the_price_list_takes_new_named_items_at_a_price_that_is_not_negative() {
    use aftersales::domain::settings::{ServiceSettings, check_price_item, price_of};
    let list = ServiceSettings::default().price_list;
    assert_eq!(
        price_of(&list, " 维修工时 ").map(|i| (i.kind, i.unit_price)),
        Some((QuoteLineKind::Labour, Fen(8000))),
        "the shipped fee standard has an hour of labour"
    );
    let item = check_price_item(&list, QuoteLineKind::Part, " 启动电容 ", "35.5").unwrap();
    assert_eq!(
        (item.name.as_str(), item.unit_price),
        ("启动电容", Fen(3550))
    );
    assert_eq!(
        fields(&check_price_item(&list, QuoteLineKind::Part, "维修工时", "-1").unwrap_err()),
        [
            (Field::Name, Problem::DuplicateName),
            (Field::Price, Problem::NegativeAmount)
        ]
    );
    assert_eq!(
        fields(&check_price_item(&list, QuoteLineKind::Travel, "", "abc").unwrap_err()),
        [
            (Field::Name, Problem::Required),
            (Field::Price, Problem::InvalidAmount)
        ]
    );
    assert_eq!(Fen(123_450).to_yuan_text(), "1234.50");
    assert_eq!(Fen::parse_yuan(&Fen(-5).to_yuan_text()), Some(Fen(-5)));
}

/// The last few kinds of bad input (issue 15), each refused on its field with the bound in the message: an amount
/// no department means, a name that shows nothing, a direction override in a name, a date from another era.
#[test]
fn implausible_amounts_invisible_names_and_dates_from_another_era_are_refused() {
    use aftersales::domain::settings::{ServiceSettings, check_price_item};
    use aftersales::i18n::{Lang, problem};
    let list = ServiceSettings::default().price_list;
    let huge = "90000000000000000.00";
    let too_large = Problem::AmountTooLarge {
        max: Fen::PRICE_MAX,
    };
    assert_eq!(
        fields(&check_price_item(&list, QuoteLineKind::Part, "电容", huge).unwrap_err()),
        [(Field::Price, too_large.clone())]
    );
    assert_eq!(
        fields(&check_quote(&[line(QuoteLineKind::Part, "电容", "1", "1000000.01")]).unwrap_err()),
        [(Field::Line(0), too_large.clone())]
    );
    assert!(check_quote(&[line(QuoteLineKind::Part, "电容", "1", "1000000.00")]).is_ok());
    assert_eq!(
        problem(Lang::Zh, &too_large),
        "金额过大：不能超过 ¥1,000,000.00"
    );

    let invisible = RegistrationDraft {
        name: "\u{200B}\u{200B}\u{FEFF}".into(),
        purchase_date: "0001-01-01".into(),
        ..good()
    };
    assert_eq!(
        fields(&invisible.check(now(), &calendar(), 12).unwrap_err()),
        [
            (Field::Customer, Problem::Required),
            (Field::PurchaseDate, Problem::DateOutOfRange),
        ]
    );
    assert_eq!(
        problem(Lang::Zh, &Problem::DateOutOfRange),
        "日期须在 1990-01-01 至 2099-12-31 之间"
    );
    let overridden = RegistrationDraft {
        name: "张\u{202E}女士".into(),
        ..good()
    };
    let registration = overridden.check(now(), &calendar(), 12).unwrap();
    assert_eq!(
        registration.customer.name, "张女士",
        "the override is taken out"
    );
}

/// The warranty term the service levels take: 1 to 120 months, whole; anything else names the field and the range.
#[test]
fn the_warranty_term_is_one_to_a_hundred_and_twenty_whole_months() {
    use aftersales::domain::settings::parse_warranty_months;
    let range = FieldError::new(
        Field::WarrantyMonths,
        Problem::OutOfRange { min: 1, max: 120 },
    );
    for (typed, expected) in [
        ("12", Ok(12)),
        (" 1 ", Ok(1)),
        ("120", Ok(120)),
        ("0", Err(range.clone())),
        ("121", Err(range.clone())),
        ("1.5", Err(range.clone())),
        ("", Err(range.clone())),
    ] {
        assert_eq!(parse_warranty_months(typed), expected, "{typed:?}");
    }
}
