//! The ticket state machine (R2.4) as a grid: every (state, step) pair, the next state or "-" where the step is
//! refused. A change to the table shows up here as a diff.

use aftersales::domain::ticket::state::{IllegalStep, State, Step, next_state};
use expect_test::expect;

fn short(state: State) -> &'static str {
    match state {
        State::Registered => "登记",
        State::Triaged => "受理",
        State::Assigned => "派工",
        State::InProgress => "处理",
        State::Resolved => "解决",
        State::Confirmed => "确认",
        State::Closed => "关闭",
        State::OnHold => "挂起",
        State::Voided => "作废",
    }
}

#[test]
fn every_state_and_step() {
    let mut grid = format!("{:<10}", "");
    for step in Step::ALL {
        grid += &format!("{:>9}", format!("{step:?}"));
    }
    grid += "\n";
    for state in State::ALL {
        grid += &format!("{:<10}", format!("{state:?}"));
        for step in Step::ALL {
            // A ticket on hold was in progress before.
            let held_from = (state == State::OnHold).then_some(State::InProgress);
            let cell = match next_state(state, held_from, step) {
                Ok(next) => short(next),
                Err(IllegalStep { state: s, step: t }) => {
                    assert_eq!(
                        (s, t),
                        (state, step),
                        "the refusal names the state and the step"
                    );
                    "-"
                }
            };
            grid += &format!("{:>8}", cell);
        }
        grid += "\n";
    }
    expect![[r#"
                     Triage   Reject   Assign Reassign     Work  Resolve  Confirm    Close     Hold   Resume   Reopen     Void
        Registered      受理      关闭       -       -       -       -       -       -      挂起       -       -      作废
        Triaged          -       -      派工       -       -       -       -       -      挂起       -       -      作废
        Assigned         -       -       -      派工      处理       -       -       -      挂起       -       -      作废
        InProgress       -       -       -      派工      处理      解决       -       -      挂起       -       -      作废
        Resolved         -       -       -       -       -       -      确认      关闭       -       -      处理      作废
        Confirmed        -       -       -       -       -       -       -      关闭       -       -      处理      作废
        Closed           -       -       -       -       -       -       -       -       -       -      处理      作废
        OnHold           -       -       -       -       -       -       -       -       -      处理       -      作废
        Voided           -       -       -       -       -       -       -       -       -       -       -       -
    "#]]
    .assert_eq(&grid);
}

#[test]
fn only_closed_and_voided_tickets_are_no_longer_open() {
    let open: Vec<State> = State::ALL.into_iter().filter(|s| s.is_open()).collect();
    assert_eq!(open.len(), State::ALL.len() - 2);
    assert!(!State::Closed.is_open() && !State::Voided.is_open());
}

#[test]
fn resuming_returns_to_where_the_ticket_was() {
    for before in [
        State::Registered,
        State::Triaged,
        State::Assigned,
        State::InProgress,
    ] {
        let held = next_state(before, None, Step::Hold).unwrap();
        assert_eq!(held, State::OnHold);
        assert_eq!(next_state(held, Some(before), Step::Resume), Ok(before));
    }
    assert!(
        next_state(State::OnHold, None, Step::Resume).is_err(),
        "nothing to return to"
    );
}
