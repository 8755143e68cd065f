//! A ticket command and what its form collected become its event in one place (`Command::event`): every command
//! with an empty form (what it asks for) and with a filled one (the event it records), as a table — and the
//! stand-in event the buttons are offered on (`Command::sample`) is of the same kind as the one recorded.

use aftersales::domain::calendar::{Calendar, Date};
use aftersales::domain::ids::Id;
use aftersales::domain::provider_inputs::ComplaintCause;
use aftersales::domain::ticket::actions::{Command, CommandContext, CommandDraft};
use aftersales::domain::ticket::intake::{LineDraft, ReportDraft};
use aftersales::domain::ticket::{QuoteLineKind, Signature, Told};
use expect_test::expect;

const NOW: i64 = 1_796_000_000_000;

fn filled() -> CommandDraft {
    CommandDraft {
        text: "客户不在家".into(),
        when: "2026-12-31T10:00".into(),
        engineer: Some(Id::from_u128(7)),
        quote: vec![LineDraft {
            description: "压缩机".into(),
            unit_price: "120.00".into(),
            ..LineDraft::new(QuoteLineKind::Part)
        }],
        false_record: true,
        promised_day: "2026-12-31".into(),
        told: Some(Told::Phone),
        cause: Some(Some(ComplaintCause::Late)),
        report: ReportDraft {
            work_done: "更换压缩机".into(),
            lines: Vec::new(),
            signed_by: "王女士".into(),
            signature: Some(Signature {
                width: 10,
                height: 10,
                strokes: vec![vec![[0, 0], [5, 5]]],
            }),
        },
    }
}

fn shown(
    result: Result<
        aftersales::domain::ticket::Happening,
        Vec<aftersales::domain::error::FieldError>,
    >,
) -> String {
    match result {
        Ok(what) => what.name().to_string(),
        Err(problems) => problems
            .iter()
            .map(|p| format!("{:?} {:?}", p.field, p.problem))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[test]
fn every_command_asks_for_what_it_needs_and_records_its_own_event() {
    let calendar = Calendar::china_default();
    let context = CommandContext {
        now: NOW,
        calendar: &calendar,
        promised: None,
    };
    let table: String = Command::ALL
        .iter()
        .map(|command| {
            let empty = shown(command.event(&CommandDraft::default(), context));
            let recorded = command.event(&filled(), context);
            assert_eq!(
                recorded.as_ref().map(|what| what.name()),
                Ok(command.sample(NOW).name()),
                "{command:?}: the event recorded is of the kind its button is offered on"
            );
            format!(
                "{:<15} {:<44} {}\n",
                format!("{command:?}"),
                empty,
                shown(recorded)
            )
        })
        .collect();
    expect![[r#"
        Respond         Responded                                    Responded
        Triage          Triaged                                      Triaged
        Reject          Text Required                                Rejected
        Assign          Engineer Required                            Assigned
        Reassign        Engineer Required, Text Required             Reassigned
        ScheduleVisit   When Required                                VisitScheduled
        Arrive          Arrived                                      Arrived
        IssueQuote      Record Required                              QuoteIssued
        AcceptQuote     QuoteAccepted                                QuoteAccepted
        DeclineQuote    Text Required                                QuoteDeclined
        Report          WorkDone Required, SignedBy Required, Signature SignatureMissing Reported
        Resolve         WorkDone Required, SignedBy Required, Signature SignatureMissing Resolved
        Confirm         Confirmed                                    Confirmed
        Close           Closed                                       Closed
        Hold            Text Required                                Held
        Resume          Resumed                                      Resumed
        Reopen          Text Required                                Reopened
        PlanFollowUp    When Required, Text Required                 FollowUpPlanned
        RecordFollowUp  Text Required                                FollowUpDone
        Promise         Date Required                                Promised
        Inform          Contact Required, Category Required          Informed
        Void            Text Required                                Voided
        Note            Text Required                                Noted
    "#]]
    .assert_eq(&table);
}

#[test]
fn a_resolution_without_its_own_solution_takes_the_work_done_and_a_moved_promise_asks_why() {
    let calendar = Calendar::china_default();
    let context = CommandContext {
        now: NOW,
        calendar: &calendar,
        promised: None,
    };
    let draft = CommandDraft {
        text: String::new(),
        ..filled()
    };
    match Command::Resolve.event(&draft, context) {
        Ok(aftersales::domain::ticket::Happening::Resolved { solution, report }) => {
            assert_eq!(solution, "更换压缩机");
            assert!(report.is_some());
        }
        other => panic!("{other:?}"),
    }
    let moved = CommandContext {
        promised: Date::parse("2026-12-20"),
        ..context
    };
    assert_eq!(
        shown(Command::Promise.event(&draft, moved)),
        "Text ReasonForChange"
    );
}
