//! 售后服务报告单 (R2.7): the engineer fills in the work done, the parts and fees, and hands the tablet to the
//! customer, who writes their name and signs; with `?resolve=1` the same report resolves the ticket. The printed
//! report looks like the paper form.
//!
//! Must not: make the event or check it (`Command::event`), or the ticket's state (`Ticket::check`, via `record`).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::domain::access::Action;
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::ticket::actions::{Command, CommandDraft};
use crate::domain::ticket::intake::{ReportDraft, report_lines_to_start};
use crate::domain::ticket::{Happening, Registration, ServiceReport, Signature};
use crate::i18n::Key;
use crate::i18n::tickets::{customer_address, customer_name, kind_name};
use crate::ui::components::form::{FormErrors, FormField, RecordProblem, TextInput};
use crate::ui::components::guard::Guarded;
use crate::ui::components::lines::{LineEditor, LineRow, LinesTable};
use crate::ui::components::signature::{SignaturePad, SignatureView};
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::service::ticket_detail::{command_event, record};
use crate::ui::routes::{company_name, staff_name};
use crate::ui::state::{tr, use_app_state};

fn param_id(name: &'static str) -> Memo<Option<Id>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name)).and_then(|t| t.parse().ok()))
}

#[component]
pub fn ReportFormPage() -> impl IntoView {
    let state = use_app_state();
    let id = param_id("id");
    view! {
        <Guarded action=Action::WorkTickets>
            {move || match id.get() {
                Some(id) if state.data.with_untracked(|d| d.tickets.contains_ticket(id)) => view! { <ReportForm id=id /> }.into_any(),
                _ => view! { <NotFound /> }.into_any(),
            }}
        </Guarded>
    }
}

#[component]
fn ReportForm(id: Id) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let resolve = use_query_map().with_untracked(|q| q.get("resolve").is_some());
    let ticket = state.ticket(id);
    let customer = ticket
        .as_ref()
        .map(|t| t.registration.customer.name.clone())
        .unwrap_or_default();
    let work_done = RwSignal::new(String::new());
    let solution = RwSignal::new(String::new());
    let signed_by = RwSignal::new(customer);
    let signature = RwSignal::new(None::<Signature>);
    // Out of warranty, the lines start as the customer accepted them.
    let lines = RwSignal::new(
        ticket
            .as_ref()
            .map(report_lines_to_start)
            .unwrap_or_default()
            .into_iter()
            .map(LineRow::new)
            .collect::<Vec<_>>(),
    );
    let errors: FormErrors = RwSignal::new(Vec::new());
    // Signed now: the "please sign" problem is no longer true.
    Effect::new(move |_| {
        if signature.with(Option::is_some) {
            errors.update(|list| list.retain(|e| e.field != Field::Signature));
        }
    });
    let busy = RwSignal::new(false);
    let out_of_warranty = ticket.as_ref().is_some_and(|t| t.out_of_warranty);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        // The screen only collects; the command makes its event (`Command::event`: the report checked, and a
        // resolution's solution the work done unless worded apart).
        let draft = CommandDraft {
            text: solution.get_untracked(),
            report: ReportDraft {
                work_done: work_done.get_untracked(),
                lines: lines.get_untracked().iter().map(LineRow::draft).collect(),
                signed_by: signed_by.get_untracked(),
                signature: signature.get_untracked(),
            },
            ..CommandDraft::default()
        };
        let command = if resolve {
            Command::Resolve
        } else {
            Command::Report
        };
        let what = match command_event(state, command, &draft, None) {
            Ok(what) => what,
            Err(problems) => {
                errors.set(problems);
                return;
            }
        };
        let navigate = navigate.clone();
        record(state, id, what, busy, errors, move || {
            navigate(&format!("/tickets/{id}"), Default::default())
        });
    };

    view! {
        <section class="panel" data-page="report-form">
            <h1>{move || state.t(if resolve { Key::ResolveWithReport } else { Key::ServiceReportTitle })}</h1>
            <p class="muted">{move || state.t(if out_of_warranty { Key::ReportChargedNote } else { Key::ReportFreeNote })}</p>
            // Two columns on a tablet on its side: what was done on the left, the customer's signature and the save
            // on the right, in view without a scroll (issue 17); one column upright.
            <form class="form report-form" on:submit=submit novalidate>
                <div class="report-form__work">
                    <FormField label=Key::WorkDone field=Field::WorkDone errors=errors required=true>
                        <textarea class="input" name="work-done" rows="3" bind:value=work_done></textarea>
                    </FormField>
                    {resolve.then(|| view! {
                        <FormField label=Key::Solution field=Field::Description errors=errors>
                            <textarea class="input" name="solution" rows="2" bind:value=solution
                                placeholder=tr(Key::SolutionSameAsWork)></textarea>
                        </FormField>
                    })}
                    <LineEditor rows=lines errors=errors />
                </div>
                <div class="report-form__sign">
                    <FormField label=Key::SignedBy field=Field::SignedBy errors=errors required=true>
                        <TextInput name="signed-by" value=signed_by />
                    </FormField>
                    <div class="field">
                        <span class="field__label">{tr(Key::CustomerSignature)}</span>
                        <SignaturePad signature=signature />
                        <span class="field__error" role="alert" data-field="Signature">
                            {move || errors.with(|list| list.iter().find(|e| e.field == Field::Signature).map(|e| crate::i18n::problem(state.lang.get(), &e.problem)))}
                        </span>
                    </div>
                    <RecordProblem errors=errors />
                    <div class="form__actions">
                        <button type="submit" class="button button--primary" name="save" disabled=move || busy.get()>
                            {tr(Key::Save)}
                        </button>
                        <a class="button" href=format!("/tickets/{id}")>{tr(Key::Cancel)}</a>
                    </div>
                </div>
            </form>
        </section>
    }
}

/// The paper-like report of one visit, with a print button.
#[component]
pub fn ReportPrintPage() -> impl IntoView {
    let state = use_app_state();
    let id = param_id("id");
    let event = param_id("event");
    let found = Memo::new(move |_| {
        let (id, event) = (id.get()?, event.get()?);
        let found = state
            .data
            .with(|d| d.tickets.events(id).iter().find(|e| e.id == event).cloned())?;
        let (report, solution): (ServiceReport, String) = match found.what {
            Happening::Reported(report) => (*report, String::new()),
            Happening::Resolved {
                report: Some(report),
                solution,
            } => (*report, solution),
            _ => return None,
        };
        Some((id, found.at, solution, report))
    });
    view! {
        <Guarded action=Action::ViewTickets>
            {move || match (found.get(), state.ticket(id.get().unwrap_or(Id::NIL))) {
                (Some((id, at, solution, report)), Some(ticket)) => {
                    let r = Registration::clone(&ticket.registration);
                    let when = state.local_time(at);
                    let engineer = state.data.with(|d| staff_name(d, ticket.assignee));
                    let engineer_signed = engineer.clone();
                    let company = state.data.with(company_name);
                    let charge = report.charge(ticket.out_of_warranty);
                    view! {
                        <article class="paper" data-page="report-print">
                            <p class="paper__company" data-fact="company">{company}</p>
                            <h1 class="paper__title">{tr(Key::ServiceReportTitle)}</h1>
                            <p class="paper__number" data-fact="number">
                                {(!r.number.is_empty()).then(|| format!("{} {}", state.t(Key::TicketNumber), r.number))}
                            </p>
                            <table class="paper__grid">
                                <tr><th>{tr(Key::CustomerName)}</th><td>{customer_name(state.lang.get_untracked(), &r.customer)}</td>
                                    <th>{tr(Key::CustomerPhone)}</th><td>{match r.customer.is_anonymous() {
                                        true => "—".to_string(),
                                        false => r.customer.phone.clone(),
                                    }}</td></tr>
                                <tr><th>{tr(Key::Address)}</th><td colspan="3">{customer_address(state.lang.get_untracked(), &r.customer)}</td></tr>
                                <tr><th>{tr(Key::Product)}</th><td>{format!("{} {}", r.product.category, r.product.model)}</td>
                                    <th>{tr(Key::Serial)}</th><td>{r.product.serial.clone()}</td></tr>
                                <tr><th>{tr(Key::Kind)}</th><td>{move || kind_name(state.lang.get(), r.kind)}</td>
                                    <th>{tr(Key::Warranty)}</th><td>{move || state.t(if ticket.out_of_warranty { Key::OutOfWarranty } else { Key::InWarranty })}</td></tr>
                                <tr><th>{tr(Key::Description)}</th><td colspan="3">{r.description.clone()}</td></tr>
                                <tr><th>{tr(Key::WorkDone)}</th><td colspan="3" data-fact="work-done">{report.work_done.clone()}</td></tr>
                                {(!solution.is_empty()).then(|| view! {
                                    <tr><th>{tr(Key::Solution)}</th><td colspan="3" data-fact="solution">{solution.clone()}</td></tr>
                                })}
                                <tr><th>{tr(Key::Assignee)}</th><td>{engineer}</td>
                                    <th>{tr(Key::VisitDate)}</th><td>{when}</td></tr>
                            </table>
                            <LinesTable lines=report.lines.clone() charge=charge.unwrap_or_default() />
                            <div class="paper__signatures">
                                <div class="paper__sign">
                                    <span>{tr(Key::EngineerSignature)}" "{engineer_signed}</span>
                                    <span class="paper__line"></span>
                                </div>
                                <div class="paper__sign">
                                    <span>{tr(Key::CustomerConfirmation)}" "{report.signed_by.clone()}</span>
                                    {report.signature.clone().map(|s| view! { <SignatureView signature=s /> })}
                                </div>
                            </div>
                            <div class="paper__actions no-print">
                                <button type="button" class="button button--primary" name="print" on:click=move |_| { let _ = window().print(); }>
                                    {tr(Key::Print)}
                                </button>
                                <a class="button" href=format!("/tickets/{id}")>{tr(Key::BackToTicket)}</a>
                            </div>
                        </article>
                    }.into_any()
                }
                _ => view! { <NotFound /> }.into_any(),
            }}
        </Guarded>
    }
}
