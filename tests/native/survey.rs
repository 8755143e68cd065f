//! Satisfaction surveys (R4): template edits, a survey's required answers, the bad-review rule, one response per
//! ticket (or a recorded replacement), and receipt codes — round trip, typos, tampering, unknown and answered
//! tickets.

use std::sync::Arc;

use proptest::prelude::*;

use aftersales::domain::error::{Field, FieldError, Problem};
use aftersales::domain::ids::Id;
use aftersales::domain::receipt::{self, Receipt, ReceiptError};
use aftersales::domain::survey::{
    Aspect, LinkToken, Satisfaction, SecondResponse, SurveyDraft, SurveyLink, SurveyResponse,
    SurveyTemplate, Via,
};
use aftersales::domain::ticket::state::State;
use aftersales::domain::ticket::{Happening, Kind, Ticket, TicketEvent, TicketRefusal};

use crate::ticket::{TICKET, at, calendar, event, registration};

const ENGINEER: Id = Id::from_u128(0xE);

/// A repair in warranty, resolved at hour 27, with `more` events after.
fn resolved_with(more: Vec<TicketEvent>) -> Ticket {
    let mut events = vec![
        event(
            1,
            1,
            0,
            Happening::Registered(Arc::new(registration(Kind::Repair, "2027-06-01"))),
        ),
        event(
            2,
            1,
            1,
            Happening::Triaged {
                note: String::new(),
            },
        ),
        event(3, 1, 2, Happening::Assigned { engineer: ENGINEER }),
        event(4, 1, 26, Happening::Arrived),
        event(
            5,
            1,
            27,
            Happening::Resolved {
                solution: "更换电容".into(),
                report: None,
            },
        ),
    ];
    events.extend(more);
    Ticket::fold(&events, &calendar()).expect("registered")
}

fn response(overall: u8, satisfaction: Option<Satisfaction>, comment: &str) -> SurveyResponse {
    SurveyResponse {
        template_version: 1,
        ratings: vec![
            (Aspect::Attitude, 5),
            (Aspect::Skill, 4),
            (Aspect::Timeliness, 3),
        ],
        overall,
        solved: Some(overall > 2),
        satisfaction,
        comment: comment.into(),
        answered_at: at(28),
        via: Via::Receipt,
        replaces_earlier: false,
    }
}

fn surveyed(n: u128, hours: i64, response: SurveyResponse) -> TicketEvent {
    event(n, 1, hours, Happening::Surveyed(Box::new(response)))
}

fn link(seed: u8) -> SurveyLink {
    SurveyLink {
        token: LinkToken([seed; 16]),
        template: SurveyTemplate::default(),
    }
}

fn linked(n: u128, link: SurveyLink) -> TicketEvent {
    event(n, 1, 27, Happening::SurveyLinked(Box::new(link)))
}

fn problems(result: Result<SurveyTemplate, Vec<FieldError>>) -> Vec<(Field, Problem)> {
    result
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect()
}

#[test]
fn a_template_edit_bumps_the_version_and_refuses_bad_aspects() {
    let current = SurveyTemplate::default();
    let edited = SurveyTemplate {
        aspects: vec![Aspect::Attitude, Aspect::Other("  上门准时  ".into())],
        asks_satisfaction: true,
        ..current.clone()
    };
    let accepted = current.check_edit(edited).expect("a valid edit");
    assert_eq!(accepted.version, 2);
    assert_eq!(accepted.aspects[1], Aspect::Other("上门准时".into()));
    assert!(accepted.asks_satisfaction);
    let unchanged = SurveyTemplate {
        aspects: vec![Aspect::Attitude, Aspect::Other("上门准时 ".into())],
        ..accepted.clone()
    };
    assert_eq!(
        accepted.check_edit(unchanged),
        Ok(accepted.clone()),
        "saving without a change keeps the version"
    );

    let bad = SurveyTemplate {
        aspects: vec![
            Aspect::Skill,
            Aspect::Other(" ".into()),
            Aspect::Skill,
            Aspect::Other("一个非常非常非常非常非常非常非常非常长的名字".into()),
        ],
        ..current.clone()
    };
    assert_eq!(
        problems(current.check_edit(bad)),
        vec![
            (Field::Line(1), Problem::Required),
            (Field::Line(2), Problem::DuplicateName),
            (Field::Line(3), Problem::TooLong { max: 20 }),
        ]
    );
    let too_many = SurveyTemplate {
        aspects: (0..7).map(|i| Aspect::Other(format!("第{i}项"))).collect(),
        ..current.clone()
    };
    assert_eq!(
        problems(current.check_edit(too_many)),
        vec![(Field::Record, Problem::OutOfRange { min: 0, max: 6 })]
    );
}

#[test]
fn a_survey_needs_every_rating_and_the_questions_its_template_asks() {
    let template = SurveyTemplate {
        asks_satisfaction: true,
        ..SurveyTemplate::default()
    };
    let draft = SurveyDraft {
        ratings: vec![5, 0, 6],
        overall: 0,
        ..SurveyDraft::default()
    };
    let missing: Vec<Field> = draft
        .check(&template, at(28), Via::Kiosk)
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        missing,
        vec![
            Field::Line(1),
            Field::Line(2),
            Field::Overall,
            Field::Solved,
            Field::Satisfaction
        ]
    );
    let answered = SurveyDraft {
        ratings: vec![5, 4, 3],
        overall: 4,
        solved: Some(true),
        satisfaction: Some(Satisfaction::FairlySatisfied),
        comment: "  师傅很专业 ".into(),
    }
    .check(&template, at(28), Via::Kiosk)
    .expect("complete");
    assert_eq!(answered.comment, "师傅很专业");
    assert_eq!(answered.ratings[2], (Aspect::Timeliness, 3));
    assert_eq!(answered.template_version, 1);
}

#[test]
fn a_bad_review_is_one_or_two_stars_overall_or_dissatisfied() {
    let table: Vec<String> = (1..=5)
        .flat_map(|stars| {
            [
                None,
                Some(Satisfaction::FairlySatisfied),
                Some(Satisfaction::Dissatisfied),
            ]
            .into_iter()
            .map(move |level| {
                let bad = response(stars, level, "").is_bad_review();
                format!("{stars}★ {level:?}: {}", if bad { "差评" } else { "-" })
            })
        })
        .collect();
    expect_test::expect![[r#"
        1★ None: 差评
        1★ Some(FairlySatisfied): 差评
        1★ Some(Dissatisfied): 差评
        2★ None: 差评
        2★ Some(FairlySatisfied): 差评
        2★ Some(Dissatisfied): 差评
        3★ None: -
        3★ Some(FairlySatisfied): -
        3★ Some(Dissatisfied): 差评
        4★ None: -
        4★ Some(FairlySatisfied): -
        4★ Some(Dissatisfied): 差评
        5★ None: -
        5★ Some(FairlySatisfied): -
        5★ Some(Dissatisfied): 差评
    "#]]
    .assert_eq(&(table.join("\n") + "\n"));
}

#[test]
fn one_response_per_ticket_a_second_is_a_conflict_unless_it_replaces_the_first() {
    let open = resolved_with(vec![]);
    assert!(
        open.check(
            &Happening::Surveyed(Box::new(response(2, None, ""))),
            at(28)
        )
        .is_ok()
    );

    // Two responses recorded offline on two devices: the later one is kept and reported, not applied.
    let twice = resolved_with(vec![
        surveyed(6, 28, response(2, None, "太慢")),
        surveyed(7, 29, response(5, None, "")),
    ]);
    assert_eq!(twice.survey.as_ref().map(|s| s.overall), Some(2));
    assert!(twice.bad_review());
    assert_eq!(twice.conflicts.len(), 1);
    assert_eq!(twice.conflicts[0].refusal, TicketRefusal::AlreadySurveyed);

    // By setting, a second response replaces the first, which stays in the record.
    let replacing = SurveyResponse {
        replaces_earlier: true,
        ..response(5, None, "")
    };
    let replaced = resolved_with(vec![
        surveyed(6, 28, response(2, None, "太慢")),
        surveyed(7, 29, replacing),
    ]);
    assert_eq!(replaced.survey.as_ref().map(|s| s.overall), Some(5));
    assert!(!replaced.bad_review());
    assert_eq!(replaced.replaced_surveys.len(), 1);
    assert_eq!(replaced.replaced_surveys[0].comment, "太慢");
    assert!(replaced.conflicts.is_empty());

    // Not before the work is done, and stars stay within 1–5.
    let before = Ticket::fold(
        &[event(
            1,
            1,
            0,
            Happening::Registered(Arc::new(registration(Kind::Repair, "2027-06-01"))),
        )],
        &calendar(),
    )
    .unwrap();
    assert_eq!(
        before.check(&Happening::Surveyed(Box::new(response(5, None, ""))), at(1)),
        Err(TicketRefusal::NotWhile(State::Registered))
    );
    assert_eq!(
        open.check(
            &Happening::Surveyed(Box::new(response(6, None, ""))),
            at(28)
        ),
        Err(TicketRefusal::BadSurvey)
    );
    assert_eq!(TICKET, open.id);
}

#[test]
fn a_receipt_code_carries_the_response_back_to_its_ticket() {
    let answer = response(2, None, "等了三天");
    let code = receipt::encode(&link(7), &answer);
    let plain = response(5, None, "");
    let short = receipt::encode(&link(7), &plain);
    // Short enough to read out: 30 characters in groups of four without a comment.
    assert_eq!(short.replace('-', "").len(), 30, "{short}");
    assert!(short.split('-').all(|g| g.len() <= 4));

    let ticket = resolved_with(vec![linked(6, link(7))]);
    let others = [resolved_with(vec![linked(6, link(8))])];
    let parsed = Receipt::parse(&code.to_lowercase().replace('-', " ")).expect("parses");
    let (found, imported) = receipt::find(
        &parsed,
        others.iter().chain([&ticket]),
        SecondResponse::Refuse,
    )
    .expect("found");
    assert_eq!(found.id, ticket.id);
    assert_eq!(imported, answer);

    // Already answered: the same receipt again, or another response when a second one is refused.
    let answered = resolved_with(vec![linked(6, link(7)), surveyed(7, 28, answer.clone())]);
    assert_eq!(
        receipt::find(&parsed, [&answered], SecondResponse::Refuse).err(),
        Some(ReceiptError::AlreadyImported)
    );
    let other = Receipt::parse(&short).unwrap();
    assert_eq!(
        receipt::find(&other, [&answered], SecondResponse::Refuse).err(),
        Some(ReceiptError::AlreadyAnswered)
    );
    let (_, replacing) =
        receipt::find(&other, [&answered], SecondResponse::Replace).expect("replaces");
    assert!(replacing.replaces_earlier);

    // A code for a link handed out nowhere here.
    let stranger = Receipt::parse(&receipt::encode(&link(9), &plain)).unwrap();
    assert_eq!(
        receipt::find(&stranger, [&ticket], SecondResponse::Refuse).err(),
        Some(ReceiptError::UnknownTicket)
    );
    // Not a code at all.
    assert_eq!(
        Receipt::parse("HELLO!").err(),
        Some(ReceiptError::Malformed)
    );
    assert_eq!(Receipt::parse("ABCD").err(), Some(ReceiptError::Malformed));
}

/// The code the customer reads out leaves the comment to the QR code: 30 characters however much they wrote.
#[test]
fn the_typed_code_is_short_and_carries_everything_but_the_comment() {
    let comment = "师傅很准时，讲解也耐心，就是上门前电话没打通，希望以后提前发短信";
    let answer = response(4, Some(Satisfaction::Satisfied), comment);
    let (full, typed) = (
        receipt::encode(&link(7), &answer),
        receipt::typed_code(&link(7), &answer),
    );
    assert_eq!(typed.replace('-', "").len(), 30, "{typed}");
    assert!(full.replace('-', "").len() > 150, "{full}");
    let ticket = resolved_with(vec![linked(6, link(7))]);
    let open = |code: &str| {
        let receipt = Receipt::parse(code).expect("parses");
        receipt::find(&receipt, [&ticket], SecondResponse::Refuse)
            .expect("found")
            .1
    };
    assert_eq!(open(&full), answer);
    let without_comment = SurveyResponse {
        comment: String::new(),
        ..answer.clone()
    };
    assert_eq!(open(&typed), without_comment);

    // Typed first, then the QR code scanned: the comment completes the same response, even where a second response
    // is refused; scanned again, it was imported already. Another answer is still a second response.
    let typed_in = resolved_with(vec![
        linked(6, link(7)),
        surveyed(7, 28, without_comment.clone()),
    ]);
    let full = Receipt::parse(&full).unwrap();
    let (_, completed) =
        receipt::find(&full, [&typed_in], SecondResponse::Refuse).expect("completes");
    assert!(completed.replaces_earlier);
    assert_eq!(completed.comment, comment);
    let completed_in = resolved_with(vec![
        linked(6, link(7)),
        surveyed(7, 28, without_comment),
        surveyed(8, 29, completed),
    ]);
    assert_eq!(completed_in.survey.as_ref().unwrap().comment, comment);
    let other = response(2, Some(Satisfaction::Dissatisfied), "不满意");
    let other = Receipt::parse(&receipt::encode(&link(7), &other)).unwrap();
    assert_eq!(
        receipt::find(&other, [&typed_in], SecondResponse::Refuse).err(),
        Some(ReceiptError::AlreadyAnswered)
    );
}

#[test]
fn a_forged_code_with_a_valid_checksum_is_not_authentic() {
    // Someone who knows the format but not the token re-encodes 5 stars under the ticket's link id: the
    // checksum is right, the authentication is not.
    let real = link(7);
    let forger = SurveyLink {
        token: LinkToken([1; 16]),
        template: SurveyTemplate::default(),
    };
    let forged_bytes_link = receipt::encode(&forger, &response(5, None, ""));
    let forged = Receipt::parse(&forged_bytes_link).unwrap();
    assert_eq!(forged.open(&real).err(), Some(ReceiptError::NotAuthentic));
    let ticket = resolved_with(vec![linked(6, real)]);
    // Its link id is the forger's own, so it names no ticket here either way.
    assert_eq!(
        receipt::find(&forged, [&ticket], SecondResponse::Refuse).err(),
        Some(ReceiptError::UnknownTicket)
    );
}

const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every single-character change and every swap of two neighbouring characters is caught as a typo.
    #[test]
    fn every_typo_is_caught(
        overall in 1u8..=5,
        stars in proptest::collection::vec(1u8..=5, 3),
        solved in proptest::option::of(any::<bool>()),
        comment in "[a-z 好差评]{0,12}",
        seed in any::<u8>(),
        minutes in 0i64..5_000_000,
    ) {
        let template = SurveyTemplate::default();
        let answer = SurveyResponse {
            template_version: 1,
            ratings: template.aspects.iter().cloned().zip(stars).collect(),
            overall,
            solved,
            satisfaction: None,
            comment,
            answered_at: minutes * 60_000,
            via: Via::Receipt,
            replaces_earlier: false,
        };
        let link = SurveyLink { token: LinkToken([seed; 16]), template };
        let code: Vec<char> = receipt::encode(&link, &answer).chars().filter(|c| *c != '-').collect();
        let round_trip = Receipt::parse(&code.iter().collect::<String>()).unwrap().open(&link).unwrap();
        prop_assert_eq!(round_trip, answer);
        for position in 0..code.len() {
            for replacement in ALPHABET.chars().filter(|c| *c != code[position]) {
                let mut typo = code.clone();
                typo[position] = replacement;
                let text: String = typo.into_iter().collect();
                prop_assert_eq!(Receipt::parse(&text).err(), Some(ReceiptError::Mistyped), "{}", text);
            }
            if position + 1 < code.len() && code[position] != code[position + 1] {
                let mut swapped = code.clone();
                swapped.swap(position, position + 1);
                let text: String = swapped.into_iter().collect();
                prop_assert_eq!(Receipt::parse(&text).err(), Some(ReceiptError::Mistyped), "{}", text);
            }
        }
    }
}

#[test]
fn a_survey_link_carries_its_token_template_and_label() {
    let invitation = receipt::Invitation {
        link: SurveyLink {
            token: LinkToken([0xA5; 16]),
            template: SurveyTemplate {
                version: 3,
                aspects: vec![Aspect::Skill, Aspect::Other("上门准时 & 整洁".into())],
                asks_solved: false,
                asks_satisfaction: true,
                asks_comment: true,
            },
        },
        label: "空调 KF-35GW · 2026-11-29".into(),
    };
    let fragment = receipt::link_fragment(&invitation);
    assert!(fragment.is_ascii(), "{fragment}");
    assert_eq!(
        receipt::parse_link_fragment(&format!("#{fragment}")),
        Some(invitation)
    );
    assert_eq!(receipt::parse_link_fragment("#k=ZZZ&v=1&a=&q="), None);
    assert_eq!(receipt::parse_link_fragment(""), None);
}

/// Five answered tickets and one without a response: which rows each filter keeps, newest answer first, and the
/// summary line (mean overall in tenths, rounded half up).
#[test]
fn the_response_list_filters_by_period_engineer_and_bad_reviews() {
    use aftersales::domain::calendar::Date;
    use aftersales::domain::survey_list::{SurveyFilter, SurveySummary, select_responses};
    const OTHER: Id = Id::from_u128(0xF);
    // (ticket, engineer, hours after 2025-11-28 10:00 the customer answered, overall stars, satisfaction)
    let fixture: [(u128, Id, i64, u8, Option<Satisfaction>); 5] = [
        (1, ENGINEER, 28, 5, None),
        (2, ENGINEER, 28 + 24, 2, None),
        (3, OTHER, 28 + 48, 4, Some(Satisfaction::Dissatisfied)),
        (4, OTHER, 28 + 72, 5, Some(Satisfaction::Satisfied)),
        (5, ENGINEER, 28 + 96, 4, None),
    ];
    let mut tickets: Vec<Ticket> = fixture
        .iter()
        .map(|&(n, engineer, hours, overall, satisfaction)| {
            let answer = SurveyResponse {
                answered_at: at(hours),
                ..response(overall, satisfaction, "")
            };
            let mut ticket = resolved_with(vec![surveyed(6, hours, answer)]);
            ticket.id = Id::from_u128(n);
            ticket.assignee = Some(engineer);
            ticket
        })
        .collect();
    let mut unanswered = resolved_with(vec![]);
    unanswered.id = Id::from_u128(6);
    tickets.push(unanswered);
    let day = |text| Date::parse(text);
    let cases = [
        ("all", SurveyFilter::default()),
        (
            "from 11-30 to 12-01",
            SurveyFilter {
                from: day("2025-11-30"),
                to: day("2025-12-01"),
                ..Default::default()
            },
        ),
        (
            "engineer E",
            SurveyFilter {
                engineer: Some(ENGINEER),
                ..Default::default()
            },
        ),
        (
            "bad reviews",
            SurveyFilter {
                bad_reviews_only: true,
                ..Default::default()
            },
        ),
        (
            "bad reviews of E",
            SurveyFilter {
                engineer: Some(ENGINEER),
                bad_reviews_only: true,
                ..Default::default()
            },
        ),
        (
            "none in 2026",
            SurveyFilter {
                from: day("2026-01-01"),
                ..Default::default()
            },
        ),
    ];
    let table: String = cases
        .iter()
        .map(|(name, filter)| {
            let rows = select_responses(&tickets, filter, &calendar());
            let summary = SurveySummary::of(rows.iter().map(|(_, r)| *r));
            let ids: Vec<String> = rows
                .iter()
                .map(|(t, _)| t.id.to_string()[34..].to_string())
                .collect();
            format!(
                "{name:<20} tickets {:<16} responses {} bad {} mean {:?}\n",
                ids.join(","),
                summary.responses,
                summary.bad_reviews,
                summary.mean_overall_tenths()
            )
        })
        .collect();
    expect_test::expect![[r#"
        all                  tickets 05,04,03,02,01   responses 5 bad 2 mean Some(40)
        from 11-30 to 12-01  tickets 03,02            responses 2 bad 2 mean Some(30)
        engineer E           tickets 05,02,01         responses 3 bad 1 mean Some(37)
        bad reviews          tickets 03,02            responses 2 bad 2 mean Some(30)
        bad reviews of E     tickets 02               responses 1 bad 1 mean Some(20)
        none in 2026         tickets                  responses 0 bad 0 mean None
    "#]]
    .assert_eq(&table);
}
