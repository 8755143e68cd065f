//! One sampling audit (抽检, R5.4): whose tickets, which month, the size and seed it was drawn with, and each
//! sampled ticket with the reviewer's verdict — conforming, or what was wrong and a note — saved one by one; a
//! non-conforming ticket can open a corrective action; the audit is finished once every ticket is reviewed.
//!
//! Must not: draw, check or compute the conformity (`domain::sampling`).

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::corrective::Source;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::sampling::{self, Audit, FindingKind, ReviewDraft};
use crate::i18n::kpi::period_label;
use crate::i18n::providers::rate_text;
use crate::i18n::quality::{finding_kind_name, sample_size_text};
use crate::i18n::{self, Key};
use crate::ui::components::form::{FormErrors, FormField, RecordProblem, TextInput};
use crate::ui::components::guard::Guarded;
use crate::ui::routes::assessment::quality::{SourceActions, auditee_name, progress_key};
use crate::ui::routes::not_found::NotFound;
use crate::ui::routes::{route_id, save_saying};
use crate::ui::state::{AppState, tr, use_app_state};

#[component]
pub fn AuditPage() -> impl IntoView {
    let state = use_app_state();
    let id = route_id();
    let audit = Memo::new(move |_| {
        let id = id.get()?.ok()?;
        state
            .data
            .with(|d| d.audits.live_version(id).map(|v| (id, v.body.clone())))
    });
    view! {
        <Guarded action=Action::ViewQuality>
            {move || match audit.get() {
                None => view! { <NotFound /> }.into_any(),
                Some((id, audit)) => view! { <AuditView id=id audit=audit /> }.into_any(),
            }}
        </Guarded>
    }
}

/// Saves `audit` over the stored version.
fn save(state: AppState, id: Id, audit: Audit, toast: Key) {
    let Some(opened) = state
        .data
        .with_untracked(|d| d.audits.live_version(id).cloned())
    else {
        return;
    };
    let change = Change::Audit(state.edited(id, Some(&opened), audit));
    save_saying(
        state,
        Action::ManageQuality,
        change,
        RwSignal::new(false),
        toast,
        || {},
    );
}

#[component]
fn AuditView(id: Id, audit: Audit) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang.get_untracked();
    let who = state
        .data
        .with_untracked(|d| auditee_name(d, audit.auditee));
    let editable = move || !audit.finished && state.can(Action::ManageQuality);
    let finish_errors: FormErrors = RwSignal::new(Vec::new());
    let stored = StoredValue::new(audit.clone());
    let finish = move |_| match sampling::finish(&stored.get_value()) {
        Err(problems) => finish_errors.set(problems),
        Ok(done) => save(state, id, done, Key::AuditFinished),
    };
    let facts = [
        (Key::Auditee, who),
        (Key::Period, period_label(lang, &audit.period)),
        (Key::SampleSizeLabel, sample_size_text(lang, audit.size)),
        (Key::Seed, audit.seed.to_string()),
        (Key::PopulationLabel, audit.population.to_string()),
        (Key::Reviewer, audit.reviewer_name.clone()),
        (
            Key::Reviewed,
            format!(
                "{} / {}",
                audit.sample.len() - audit.unreviewed(),
                audit.sample.len()
            ),
        ),
        (Key::Conformity, rate_text(audit.conformity())),
    ];
    let finished = audit.finished;
    view! {
        <div class="no-print statement-nav">
            <a class="button" href="/assessment/quality">{tr(Key::BackToQuality)}</a>
        </div>
        <section class="panel" data-page="audit" data-finished=finished.to_string()>
            <h1>{tr(Key::Audits)}</h1>
            <table class="paper__grid" data-table="audit-facts">
                {facts.chunks(2).map(|pair| view! {
                    <tr>{pair.iter().map(|(label, value)| view! { <th>{tr(*label)}</th><td>{value.clone()}</td> }).collect_view()}</tr>
                }).collect_view()}
            </table>
            <p class="muted">{tr(progress_key(finished))}</p>
        </section>
        <section class="panel" data-section="sample">
            <h2>{tr(Key::SampledTickets)}</h2>
            <ul class="plain-list">
                {audit.sample.iter().map(|ticket| view! { <SampledTicket id=id audit=audit.clone() ticket=*ticket editable=editable() /> }).collect_view()}
            </ul>
            <Show when=editable>
                <RecordProblem errors=finish_errors />
                <div class="form__actions">
                    <button type="button" class="button button--primary" name="finish-audit" on:click=finish>{tr(Key::FinishAudit)}</button>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn SampledTicket(id: Id, audit: Audit, ticket: Id, editable: bool) -> impl IntoView {
    let state = use_app_state();
    let folded = state.ticket(ticket);
    let number = folded
        .as_ref()
        .map(|t| t.registration.number.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| ticket.to_string());
    let closed = folded
        .as_ref()
        .and_then(|t| t.closed_at)
        .map(|at| state.local_time(at))
        .unwrap_or_default();
    let summary = folded
        .as_ref()
        .map(|t| {
            format!(
                "{} · {}",
                t.registration.product.category, t.registration.description
            )
        })
        .unwrap_or_default();
    let review = audit.review_of(ticket).cloned();
    let conforming = RwSignal::new(review.as_ref().map(|r| r.conforming));
    let kind = RwSignal::new(review.as_ref().and_then(|r| r.kind));
    let note = RwSignal::new(review.as_ref().map(|r| r.note.clone()).unwrap_or_default());
    let editing = RwSignal::new(review.is_none() && editable);
    let errors: FormErrors = RwSignal::new(Vec::new());
    let stored = StoredValue::new(audit);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ReviewDraft {
            conforming: conforming.get_untracked(),
            kind: kind.get_untracked(),
            note: note.get_untracked(),
        };
        let audit = stored.get_value();
        match draft.check(&audit, ticket) {
            Err(problems) => errors.set(problems),
            Ok(review) => {
                errors.set(Vec::new());
                save(state, id, audit.with_review(review), Key::ReviewSaved);
            }
        }
    };
    let href = format!("/tickets/{ticket}");
    let verdict = review.clone().map(|r| {
        let lang = state.lang.get_untracked();
        match r.conforming {
            true => state.t(Key::ConformsVerdict).to_string(),
            false => i18n::labelled(
                lang,
                state.t(Key::NotConformsVerdict),
                &format!(
                    "{} {}",
                    r.kind
                        .map(|k| finding_kind_name(lang, k))
                        .unwrap_or_default(),
                    r.note
                ),
            ),
        }
    });
    let non_conforming = review.as_ref().is_some_and(|r| !r.conforming);
    let what = format!(
        "{number} {}",
        review.as_ref().map(|r| r.note.clone()).unwrap_or_default()
    );
    view! {
        <li class="sampled" data-ticket=ticket.to_string() data-reviewed=review.is_some().to_string()>
            <p>
                <a class="link--touch" href=href.clone()><strong>{number}</strong></a>
                " "{summary}" · "{tr(Key::ClosedOn)}" "{closed}
            </p>
            <p data-fact="verdict">{verdict.unwrap_or_else(|| state.t(Key::NotReviewedYet).to_string())}
                {(editable && review.is_some()).then(|| view! {
                    " "<button type="button" class="button button--quiet" name="change-review" on:click=move |_| editing.set(true)>{tr(Key::Edit)}</button>
                })}
            </p>
            <Show when=move || editing.get()>
                <form class="form form__row" name="review" on:submit=submit novalidate>
                    <div class="segmented" role="group" aria-label=tr(Key::Finding)>
                        <button type="button" class="button" name="conforms" aria-pressed=move || (conforming.get() == Some(true)).to_string()
                            on:click=move |_| conforming.set(Some(true))>{tr(Key::ConformsVerdict)}</button>
                        <button type="button" class="button" name="not-conforms" aria-pressed=move || (conforming.get() == Some(false)).to_string()
                            on:click=move |_| conforming.set(Some(false))>{tr(Key::NotConformsVerdict)}</button>
                    </div>
                    <span class="field__error" role="alert" data-field="Kind">{move || errors.with(|l| l.iter().find(|e| e.field == Field::Kind).map(|e| i18n::problem(state.lang.get(), &e.problem)))}</span>
                    <Show when=move || conforming.get() == Some(false)>
                        <FormField label=Key::FindingKindLabel field=Field::Cause errors=errors required=true>
                            <select class="input" name="finding-kind" on:change=move |ev| {
                                let value = event_target_value(&ev);
                                kind.set(FindingKind::from_slug(&value));
                            }>
                                <option value="" prop:selected=move || kind.get().is_none()>"—"</option>
                                {FindingKind::ALL.into_iter().map(|k| view! {
                                    <option value=k.slug().to_string() prop:selected=move || kind.get() == Some(k)>{move || finding_kind_name(state.lang.get(), k)}</option>
                                }).collect_view()}
                            </select>
                        </FormField>
                    </Show>
                    <FormField label=Key::Note field=Field::Text errors=errors>
                        <TextInput name="note" value=note />
                    </FormField>
                    <RecordProblem errors=errors />
                    <div class="form__actions">
                        <button type="submit" class="button button--primary" name="save-review">{tr(Key::Save)}</button>
                    </div>
                </form>
            </Show>
            {non_conforming.then(|| view! { <SourceActions source=Source::Audit { audit: id, ticket } what=what /> })}
        </li>
    }
}
