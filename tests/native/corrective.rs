//! Corrective actions: opened with what, who and by when; overdue once past their day while open; closed only with
//! what was done, once.

use aftersales::domain::calendar::Date;
use aftersales::domain::corrective::{ActionDraft, Source, Status};
use aftersales::domain::error::{Field, Problem};
use aftersales::domain::ids::Id;

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn source() -> Source {
    Source::Clause {
        assessment: Id::from_u128(1),
        clause: "5.2.1.1".into(),
    }
}

#[test]
fn an_action_is_opened_checked_overdue_after_its_day_and_closed_once_with_a_note() {
    let today = day("2026-12-06");
    let refused = ActionDraft {
        what: "  ".into(),
        owner: None,
        due: "2026-12-05".into(),
    }
    .check(source(), today)
    .unwrap_err();
    let said: Vec<(Field, Problem)> = refused.into_iter().map(|e| (e.field, e.problem)).collect();
    assert_eq!(
        said,
        [
            (Field::Text, Problem::Required),
            (Field::Owner, Problem::Required),
            (Field::Due, Problem::DateInPast),
        ]
    );

    let action = ActionDraft {
        what: "商品包装补全企业信息".into(),
        owner: Some(Id::from_u128(7)),
        due: "2026-12-31".into(),
    }
    .check(source(), today)
    .unwrap();
    assert_eq!(action.status, Status::Open);
    let overdue: Vec<(&str, bool)> = ["2026-12-31", "2027-01-01"]
        .into_iter()
        .map(|d| (d, action.is_overdue(day(d))))
        .collect();
    assert_eq!(overdue, [("2026-12-31", false), ("2027-01-01", true)]);

    let without_note = action.close(" ", day("2027-01-02")).unwrap_err();
    assert_eq!(without_note[0].problem, Problem::Required);
    let closed = action.close("已更换包装印刷", day("2027-01-02")).unwrap();
    assert_eq!(
        closed.status,
        Status::Closed {
            on: day("2027-01-02"),
            note: "已更换包装印刷".into()
        }
    );
    assert!(
        !closed.is_overdue(day("2027-02-01")),
        "a closed action is never overdue"
    );
    assert_eq!(
        closed.close("再关一次", day("2027-01-03")).unwrap_err()[0].problem,
        Problem::AlreadyClosed
    );
}
