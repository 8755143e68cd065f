//! The service ticket's state machine (R2.4): 已登记 → 已受理 → 已派工 → 处理中 → 已解决 → 已确认 → 已关闭, with
//! 挂起 (on hold: the SLA clock stops; resuming returns to where it was), 转派 (reassign), 重开 (reopen: counts
//! against first-time fix) and 作废 (void).
//!
//! Owns: `State`, `Step` (what a person does to a ticket) and `next_state`, the whole transition table in one
//! `match`. Must not: know who may take a step (that is `access`) or what else a step needs (an accepted quote,
//! a reason) — the ticket's fold checks those on top of this table.

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// 已登记
    Registered,
    /// 已受理 (a complaint: verified as valid)
    Triaged,
    /// 已派工
    Assigned,
    /// 处理中 (visit scheduled, arrived, working)
    InProgress,
    /// 已解决
    Resolved,
    /// 已确认 (by the customer)
    Confirmed,
    /// 已关闭
    Closed,
    /// 挂起 (waiting for parts or the customer)
    OnHold,
    /// 作废
    Voided,
}

slugs!(State {
    Registered => "Registered",
    Triaged => "Triaged",
    Assigned => "Assigned",
    InProgress => "InProgress",
    Resolved => "Resolved",
    Confirmed => "Confirmed",
    Closed => "Closed",
    OnHold => "OnHold",
    Voided => "Voided",
});

impl State {
    /// Still needs work or a decision (SLA clocks run, lists show it as open).
    pub fn is_open(self) -> bool {
        !matches!(self, State::Closed | State::Voided)
    }

    /// Not yet resolved: what the ticket list calls open (a resolved ticket waits for the customer, not for work).
    pub fn being_worked_on(self) -> bool {
        !matches!(
            self,
            State::Resolved | State::Confirmed | State::Closed | State::Voided
        )
    }
}

/// What a person does to a ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 受理 — for a complaint, verified as valid.
    Triage,
    /// 投诉核实不成立 — a complaint rejected with a reason; the ticket closes.
    Reject,
    /// 派工
    Assign,
    /// 转派
    Reassign,
    /// 开始处理 — a visit scheduled or the engineer on site; again for a further visit.
    Work,
    /// 解决 — the solution recorded.
    Resolve,
    /// 客户确认
    Confirm,
    /// 关闭
    Close,
    /// 挂起
    Hold,
    /// 恢复
    Resume,
    /// 重开 — the fix did not hold.
    Reopen,
    /// 作废
    Void,
}

slugs!(Step {
    Triage => "Triage",
    Reject => "Reject",
    Assign => "Assign",
    Reassign => "Reassign",
    Work => "Work",
    Resolve => "Resolve",
    Confirm => "Confirm",
    Close => "Close",
    Hold => "Hold",
    Resume => "Resume",
    Reopen => "Reopen",
    Void => "Void",
});

/// A step that the ticket's state does not allow; names both, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IllegalStep {
    pub state: State,
    pub step: Step,
}

/// The state after `step`, or why not. `held_from` is the state a ticket on hold returns to.
pub fn next_state(
    state: State,
    held_from: Option<State>,
    step: Step,
) -> Result<State, IllegalStep> {
    use State::*;
    use Step::*;
    let next = match (state, step) {
        (Voided, _) => None,
        (_, Void) => Some(Voided),
        (OnHold, Resume) => held_from.filter(|s| *s != OnHold),
        (OnHold, _) => None,
        (Registered | Triaged | Assigned | InProgress, Hold) => Some(OnHold),
        (Registered, Triage) => Some(Triaged),
        (Registered, Reject) => Some(Closed),
        (Triaged, Assign) => Some(Assigned),
        (Assigned | InProgress, Reassign) => Some(Assigned),
        (Assigned | InProgress, Work) => Some(InProgress),
        (InProgress, Resolve) => Some(Resolved),
        (Resolved, Confirm) => Some(Confirmed),
        (Resolved | Confirmed, Close) => Some(Closed),
        (Resolved | Confirmed | Closed, Reopen) => Some(InProgress),
        _ => None,
    };
    next.ok_or(IllegalStep { state, step })
}
