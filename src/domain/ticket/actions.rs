//! What a person can do to a ticket now: the commands the ticket screen offers, each mapped to the permission it
//! needs and to the event it records.
//!
//! Owns: `Command` (one per button of the ticket screen), `Command::action` (the permission), `Command::event` (a
//! command and what its form collected, `CommandDraft`, made into its checked event: the screens only collect),
//! `offered` (the commands the ticket's state and rules allow and the role may take) and `action_for` (the
//! permission an event needs, checked again when it is saved). Must not: hold the ticket's rules themselves — it
//! asks `Ticket::check` and `access::can`, so the buttons shown and the events accepted cannot disagree.

use crate::domain::access::{Action, Role, can};
use crate::domain::calendar::{Calendar, Date, Instant};
use crate::domain::error::{Checked, Field, FieldError, Problem};
use crate::domain::ids::Id;
use crate::domain::money::Fen;
use crate::domain::provider_inputs::ComplaintCause;
use crate::domain::slug::slugs;
use crate::domain::ticket::intake::{
    InformDraft, LineDraft, PromiseDraft, ReportDraft, check_future_time, check_quote, check_text,
};
use crate::domain::ticket::state::State;
use crate::domain::ticket::{
    Happening, Quote, QuoteLine, QuoteLineKind, ServiceReport, Signature, Ticket, Told,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Respond,
    Triage,
    Reject,
    Assign,
    Reassign,
    ScheduleVisit,
    Arrive,
    IssueQuote,
    AcceptQuote,
    DeclineQuote,
    Report,
    Resolve,
    Confirm,
    Close,
    Hold,
    Resume,
    Reopen,
    PlanFollowUp,
    RecordFollowUp,
    /// A complaint's promised day for its solution.
    Promise,
    /// A complaint's customer told the result.
    Inform,
    Void,
    Note,
}

slugs!(Command {
    Respond => "Respond",
    Triage => "Triage",
    Reject => "Reject",
    Assign => "Assign",
    Reassign => "Reassign",
    ScheduleVisit => "ScheduleVisit",
    Arrive => "Arrive",
    IssueQuote => "IssueQuote",
    AcceptQuote => "AcceptQuote",
    DeclineQuote => "DeclineQuote",
    Report => "Report",
    Resolve => "Resolve",
    Confirm => "Confirm",
    Close => "Close",
    Hold => "Hold",
    Resume => "Resume",
    Reopen => "Reopen",
    PlanFollowUp => "PlanFollowUp",
    RecordFollowUp => "RecordFollowUp",
    Promise => "Promise",
    Inform => "Inform",
    Void => "Void",
    Note => "Note",
});

impl Command {
    /// The permission the command needs.
    pub fn action(self) -> Action {
        action_for(&self.sample(0))
    }

    /// Whether the command needs a form (text, a time, lines, a person) rather than one tap.
    pub fn needs_form(self) -> bool {
        !matches!(
            self,
            Command::Arrive
                | Command::AcceptQuote
                | Command::Confirm
                | Command::Close
                | Command::Resume
                | Command::Triage
                | Command::Respond
        )
    }

    /// An event of this command with stand-in content: what `offered` checks the ticket against. The stand-ins
    /// are valid (text written, a one-line quote), so only the ticket's state and rules decide.
    pub fn sample(self, now: Instant) -> Happening {
        let text = || "·".to_string();
        let line = || QuoteLine {
            kind: QuoteLineKind::Labour,
            description: text(),
            quantity: 1,
            unit_price: Fen::ZERO,
        };
        let report = || ServiceReport {
            work_done: text(),
            lines: vec![line()],
            signed_by: text(),
            signature: Some(Signature {
                width: 1,
                height: 1,
                strokes: vec![vec![[0, 0], [1, 1]]],
            }),
        };
        match self {
            Command::Respond => Happening::Responded {
                note: String::new(),
            },
            Command::Triage => Happening::Triaged {
                note: String::new(),
            },
            Command::Reject => Happening::Rejected { reason: text() },
            Command::Assign => Happening::Assigned { engineer: Id::NIL },
            Command::Reassign => Happening::Reassigned {
                engineer: Id::NIL,
                reason: text(),
            },
            Command::ScheduleVisit => Happening::VisitScheduled { at: now },
            Command::Arrive => Happening::Arrived,
            Command::IssueQuote => Happening::QuoteIssued(Quote {
                lines: vec![line()],
            }),
            Command::AcceptQuote => Happening::QuoteAccepted,
            Command::DeclineQuote => Happening::QuoteDeclined { reason: text() },
            Command::Report => Happening::Reported(Box::new(report())),
            Command::Resolve => Happening::Resolved {
                solution: text(),
                report: Some(Box::new(report())),
            },
            Command::Confirm => Happening::Confirmed,
            Command::Close => Happening::Closed,
            Command::Hold => Happening::Held { reason: text() },
            Command::Resume => Happening::Resumed,
            Command::Reopen => Happening::Reopened { reason: text() },
            Command::PlanFollowUp => Happening::FollowUpPlanned {
                at: now,
                purpose: text(),
            },
            Command::RecordFollowUp => Happening::FollowUpDone { outcome: text() },
            Command::Promise => Happening::Promised {
                by: Date::from_days_since_epoch(0),
                note: String::new(),
            },
            Command::Inform => Happening::Informed {
                how: Told::Phone,
                cause: None,
                note: String::new(),
            },
            Command::Void => Happening::Voided {
                reason: text(),
                false_record: false,
            },
            Command::Note => Happening::Noted { text: text() },
        }
    }
}

/// A command's form as typed, for `Command::event`: whatever any command's form collects; each command reads what
/// it needs, and a one-tap command nothing (`CommandDraft::default()`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommandDraft {
    /// A reason, note, outcome or purpose; a resolution's solution (empty: the work done, as reported).
    pub text: String,
    /// A visit's or a follow-up's local time, as typed ("YYYY-MM-DDTHH:MM").
    pub when: String,
    /// The engineer chosen (assigning, reassigning).
    pub engineer: Option<Id>,
    /// A quote's lines.
    pub quote: Vec<LineDraft>,
    /// A voided ticket was a false record (S18).
    pub false_record: bool,
    /// A complaint's promised day, as typed ("YYYY-MM-DD").
    pub promised_day: String,
    /// A complaint's result: how the customer was told (`InformDraft`).
    pub told: Option<Told>,
    /// The cause found: `None` until chosen, `Some(None)` a cause other than the four of S18.
    pub cause: Option<Option<ComplaintCause>>,
    /// The service report (reporting, resolving).
    pub report: ReportDraft,
}

/// What a command's event is checked against besides its form.
#[derive(Clone, Copy, Debug)]
pub struct CommandContext<'a> {
    pub now: Instant,
    pub calendar: &'a Calendar,
    /// The day the complaint's solution is promised by so far: moving it asks why.
    pub promised: Option<Date>,
}

impl Command {
    /// The event this command records from `draft`, checked: the problems to show at the form's fields otherwise.
    /// Every command has an arm of its own, so a new one must say what it records before it compiles. Whether the
    /// ticket allows it now is `Ticket::check`'s, when it is saved.
    pub fn event(self, draft: &CommandDraft, context: CommandContext) -> Checked<Happening> {
        let text = || check_text(&draft.text);
        let when = || check_future_time(&draft.when, context.now, context.calendar);
        let engineer = || {
            draft
                .engineer
                .ok_or_else(|| vec![FieldError::new(Field::Engineer, Problem::Required)])
        };
        match self {
            Command::Respond => Ok(Happening::Responded {
                note: String::new(),
            }),
            Command::Triage => Ok(Happening::Triaged {
                note: String::new(),
            }),
            Command::Reject => text().map(|reason| Happening::Rejected { reason }),
            Command::Assign => engineer().map(|engineer| Happening::Assigned { engineer }),
            Command::Reassign => both(engineer(), text())
                .map(|(engineer, reason)| Happening::Reassigned { engineer, reason }),
            Command::ScheduleVisit => when().map(|at| Happening::VisitScheduled { at }),
            Command::Arrive => Ok(Happening::Arrived),
            Command::IssueQuote => {
                check_quote(&draft.quote).map(|lines| Happening::QuoteIssued(Quote { lines }))
            }
            Command::AcceptQuote => Ok(Happening::QuoteAccepted),
            Command::DeclineQuote => text().map(|reason| Happening::QuoteDeclined { reason }),
            Command::Report => draft
                .report
                .check()
                .map(|report| Happening::Reported(Box::new(report))),
            Command::Resolve => {
                // The solution is what was done unless worded apart; a problem of the work done is said once, at
                // the work done.
                let solution = match draft.text.trim().is_empty() {
                    true => Ok(None),
                    false => check_text(&draft.text).map(Some).map_err(|found| {
                        found
                            .into_iter()
                            .map(|e| FieldError::new(Field::Description, e.problem))
                            .collect()
                    }),
                };
                both(draft.report.check(), solution).map(|(report, solution)| Happening::Resolved {
                    solution: solution.unwrap_or_else(|| report.work_done.clone()),
                    report: Some(Box::new(report)),
                })
            }
            Command::Confirm => Ok(Happening::Confirmed),
            Command::Close => Ok(Happening::Closed),
            Command::Hold => text().map(|reason| Happening::Held { reason }),
            Command::Resume => Ok(Happening::Resumed),
            Command::Reopen => text().map(|reason| Happening::Reopened { reason }),
            Command::PlanFollowUp => {
                both(when(), text()).map(|(at, purpose)| Happening::FollowUpPlanned { at, purpose })
            }
            Command::RecordFollowUp => text().map(|outcome| Happening::FollowUpDone { outcome }),
            Command::Promise => PromiseDraft {
                day: draft.promised_day.clone(),
                note: draft.text.clone(),
            }
            .check(context.calendar.local_date(context.now), context.promised),
            Command::Inform => InformDraft {
                how: draft.told,
                cause: draft.cause,
                note: draft.text.clone(),
            }
            .check(),
            Command::Void => text().map(|reason| Happening::Voided {
                reason,
                false_record: draft.false_record,
            }),
            Command::Note => text().map(|text| Happening::Noted { text }),
        }
    }
}

/// Both checked values, or every problem of either.
fn both<A, B>(a: Checked<A>, b: Checked<B>) -> Checked<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => Err(a.err().into_iter().chain(b.err()).flatten().collect()),
    }
}

/// The commands `role` may take on `ticket` at `now`, in the order of `Command::ALL`. "Respond" is offered only
/// until someone has answered, so that the button that stops the first-response clock goes away once it has.
/// "Assign" is offered on a ticket not yet triaged to whoever may triage it too (`steps_of`).
pub fn offered(ticket: &Ticket, role: Role, now: Instant) -> Vec<Command> {
    Command::ALL
        .into_iter()
        .filter(|command| can(role, command.action()))
        .filter(|command| *command != Command::Respond || ticket.first_response_at.is_none())
        .filter(|command| {
            let steps = steps_of(ticket, command.sample(now));
            steps.iter().all(|what| can(role, action_for(what)))
                && ticket.check_all(&steps, now).is_ok()
        })
        .collect()
}

/// The events that record `what` on `ticket`: assigning a ticket that is only registered triages it first, so
/// triage and dispatch are one form, not two (issue 17), and both steps stay on the timeline. They are checked
/// together (`Ticket::check_all`) before any is written.
pub fn steps_of(ticket: &Ticket, what: Happening) -> Vec<Happening> {
    match what {
        Happening::Assigned { .. } if ticket.state == State::Registered => vec![
            Happening::Triaged {
                note: String::new(),
            },
            what,
        ],
        what => vec![what],
    }
}

/// The permission an event needs.
pub fn action_for(what: &Happening) -> Action {
    match what {
        Happening::Registered(_) | Happening::Noted { .. } => Action::RegisterTickets,
        Happening::Anonymised { .. } => Action::ApplyRetention,
        Happening::Responded { .. }
        | Happening::Triaged { .. }
        | Happening::Rejected { .. }
        | Happening::Promised { .. }
        | Happening::Informed { .. } => Action::TriageTickets,
        Happening::Assigned { .. } | Happening::Reassigned { .. } => Action::DispatchTickets,
        Happening::VisitScheduled { .. }
        | Happening::Arrived
        | Happening::QuoteIssued(_)
        | Happening::QuoteAccepted
        | Happening::QuoteDeclined { .. }
        | Happening::Reported(_)
        | Happening::Resolved { .. } => Action::WorkTickets,
        Happening::Held { .. } | Happening::Resumed => Action::HoldTickets,
        Happening::FollowUpPlanned { .. } | Happening::FollowUpDone { .. } => {
            Action::FollowUpTickets
        }
        Happening::Confirmed | Happening::Closed | Happening::Reopened { .. } => {
            Action::CloseTickets
        }
        Happening::Voided { .. } => Action::VoidTickets,
        Happening::SurveyLinked(_) | Happening::Surveyed(_) => Action::CollectSurveys,
        Happening::PhoneRevealed => Action::CallCustomers,
    }
}

/// The visit time the schedule form proposes: the time the customer asked for, while it is still ahead; else one
/// business hour from now (the calendar's hours), on the hour.
pub fn suggested_visit(ticket: &Ticket, calendar: &Calendar, now: Instant) -> Instant {
    const HOUR_MS: i64 = 3_600_000;
    match ticket.registration.requested_visit {
        Some(asked) if asked > now => asked,
        _ => {
            let soon = calendar.add_business_ms(now, HOUR_MS);
            let midnight = calendar.instant(calendar.local_date(soon), 0);
            midnight + (soon - midnight + HOUR_MS - 1).div_euclid(HOUR_MS) * HOUR_MS
        }
    }
}

/// Whether a user with `role` (and staff record `staff`) may see `ticket`'s full phone number: whoever serves
/// customers, an engineer only on a ticket assigned to them; never once the customer's data is anonymised.
pub fn may_reveal_phone(ticket: &Ticket, role: Role, staff: Option<Id>) -> bool {
    let works_it = match role {
        Role::Engineer => staff.is_some() && ticket.assignee == staff,
        _ => true,
    };
    can(role, Action::CallCustomers) && works_it && !ticket.anonymised
}

/// Whether `user` has already revealed the phone on this ticket: they then see it without another event.
pub fn phone_revealed_to(events: &[crate::domain::ticket::TicketEvent], user: Option<Id>) -> bool {
    user.is_some()
        && events
            .iter()
            .any(|e| e.by == user && matches!(e.what, Happening::PhoneRevealed))
}
