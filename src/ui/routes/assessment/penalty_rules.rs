//! 负激励规则 (R7.3): the amounts of S18 and the year's bad-review rule, each set in force from its day until a
//! later one — so last year's statements still compute last year's way. Managers and administrators change them;
//! whoever sees fines reads them.
//!
//! Must not: check what is typed (`domain::penalties::PenaltyDraft`) or price anything.

use leptos::prelude::*;

use crate::domain::access::Action;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::penalties::{BadReviewChoice, PenaltyDraft, PenaltyRules, in_force};
use crate::domain::sorting;
use crate::i18n::Key;
use crate::i18n::providers::bad_review_rule_text;
use crate::ui::components::form::{FormField, TextInput};
use crate::ui::components::guard::Guarded;
use crate::ui::components::record_form::RecordForm;
use crate::ui::routes::assessment::provider_assessment::today;
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn PenaltyRulesPage() -> impl IntoView {
    let state = use_app_state();
    let form = RecordForm::new(Action::IssueStatements);
    let errors = form.errors;
    let seed = PenaltyDraft::of(&PenaltyRules::seed());
    let from = RwSignal::new(String::new());
    let false_record = RwSignal::new(seed.false_record.clone());
    let complaint = RwSignal::new(seed.complaint.clone());
    let peak = RwSignal::new(seed.peak_incident.clone());
    let choice = RwSignal::new(BadReviewChoice::PerReview);
    let per_review = RwSignal::new(String::new());
    let bands: RwSignal<Vec<(RwSignal<String>, RwSignal<String>)>> = RwSignal::new(Vec::new());
    let fill = move |draft: PenaltyDraft| {
        from.set(draft.from);
        false_record.set(draft.false_record);
        complaint.set(draft.complaint);
        peak.set(draft.peak_incident);
        choice.set(draft.choice);
        per_review.set(draft.per_review);
        bands.set(
            draft
                .bands
                .into_iter()
                .map(|(rate, amount)| (RwSignal::new(rate), RwSignal::new(amount)))
                .collect(),
        );
    };
    // A new set starts from the one in force today, from the first of next January.
    let start_new = move || {
        form.clear();
        let today = today(state);
        let (_, rules) = state.data.with_untracked(|d| in_force(d, today));
        let mut draft = PenaltyDraft::of(&rules);
        draft.from = format!("{}-01-01", today.year() + 1);
        fill(draft);
    };
    start_new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = PenaltyDraft {
            from: from.get_untracked(),
            false_record: false_record.get_untracked(),
            complaint: complaint.get_untracked(),
            peak_incident: peak.get_untracked(),
            choice: choice.get_untracked(),
            per_review: per_review.get_untracked(),
            bands: bands
                .get_untracked()
                .into_iter()
                .map(|(rate, amount)| (rate.get_untracked(), amount.get_untracked()))
                .collect(),
        };
        form.save_checked(|id, d| draft.check(id, d), Change::PenaltyRules, start_new);
    };
    let open = move |id: Id| {
        if let Some(record) = state
            .data
            .with_untracked(|d| d.penalty_rules.live_version(id).cloned())
        {
            fill(PenaltyDraft::of(&record.body));
            form.opened(record);
            crate::platform::scroll_to_top();
        }
    };
    let tombstone = move |id: Id| {
        state.data.with_untracked(|d| {
            d.penalty_rules
                .live_version(id)
                .map(|v| Change::PenaltyRules(state.tombstone(v)))
        })
    };
    let rows = Memo::new(move |_| {
        let mut rows: Vec<(Id, PenaltyRules)> = state.data.with(|d| {
            d.penalty_rules
                .live()
                .map(|(id, r)| (id, r.clone()))
                .collect()
        });
        sorting::by_key(&mut rows, |(_, rules)| std::cmp::Reverse(rules.from));
        rows
    });
    let in_force_today = Memo::new(move |_| state.data.with(|d| in_force(d, today(state)).0));
    let choice_radio = move |value: BadReviewChoice, label: Key| {
        view! {
            <label class="radio-choice">
                <input type="radio" name="bad-review-rule" value=value.slug().to_string()
                    prop:checked=move || choice.get() == value
                    on:change=move |_| choice.set(value) />
                <span>{tr(label)}</span>
            </label>
        }
    };
    view! {
        <Guarded action=Action::ViewProviderFines>
            <section class="panel" data-page="penalty-rules">
                <header class="panel__header">
                    <h1>{tr(Key::PenaltyRules)}</h1>
                    <div class="panel__actions">
                        <a class="button" href="/assessment/providers">{tr(Key::BackToProviders)}</a>
                    </div>
                </header>
                <p class="muted">{tr(Key::PenaltyRulesIntro)}</p>
                <div class="table-wrap">
                    <table class="table table--sentences" data-list="penalty-rules">
                        <thead><tr>
                            <th></th><th>{tr(Key::InForceFrom)}</th><th class="number">{tr(Key::FalseRecordFine)}</th>
                            <th class="number">{tr(Key::ComplaintFine)}</th><th class="number">{tr(Key::PeakFine)}</th>
                            <th>{tr(Key::BadReviewRule)}</th>
                        </tr></thead>
                        <tbody>
                            <Show when=move || in_force_today.get().is_none()>
                                <tr data-rules="seed">
                                    <td><span class="badge">{tr(Key::InForceNow)}</span></td>
                                    <td>{tr(Key::SeedRules)}</td>
                                    <td class="number">{PenaltyRules::seed().false_record.to_string()}</td>
                                    <td class="number">{PenaltyRules::seed().complaint.to_string()}</td>
                                    <td class="number">{PenaltyRules::seed().peak_incident.to_string()}</td>
                                    <td>{move || bad_review_rule_text(state.lang.get(), &PenaltyRules::seed().bad_reviews)}</td>
                                </tr>
                            </Show>
                            {move || rows.get().into_iter().map(|(id, rules)| view! {
                                <tr data-rules=rules.from.to_string()>
                                    <td>
                                        {(in_force_today.get() == Some(id)).then(|| view! { <span class="badge">{tr(Key::InForceNow)}</span> })}
                                        <Show when=move || state.can(Action::IssueStatements)>
                                            <button type="button" class="button" name="edit" on:click=move |_| open(id)>{tr(Key::Edit)}</button>
                                        </Show>
                                    </td>
                                    <td>{rules.from.to_string()}</td>
                                    <td class="number">{rules.false_record.to_string()}</td>
                                    <td class="number">{rules.complaint.to_string()}</td>
                                    <td class="number">{rules.peak_incident.to_string()}</td>
                                    <td>{bad_review_rule_text(state.lang.get(), &rules.bad_reviews)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <Show when=move || state.can(Action::IssueStatements)>
                    <h2>{move || match form.editing.with(Option::is_some) { true => tr(Key::EditRules)(), false => tr(Key::NewRules)() }}</h2>
                    <form class="form" on:submit=submit novalidate data-form="penalty-rules">
                        {form.notice(start_new)}
                        <FormField label=Key::InForceFrom field=Field::Date errors=errors required=true>
                            <TextInput name="from" value=from kind="date" />
                        </FormField>
                        <Show when=move || {
                            crate::domain::calendar::Date::parse(from.get().trim()).is_some_and(|day| day <= today(state))
                        }>
                            <p class="banner banner--warning form__wide" role="note" data-warning="rules-reach-back">{tr(Key::RulesReachBack)}</p>
                        </Show>
                        <FormField label=Key::FalseRecordFineYuan field=Field::FalseRecordFine errors=errors required=true>
                            <TextInput name="false-record" value=false_record decimal=true />
                        </FormField>
                        <FormField label=Key::ComplaintFineYuan field=Field::ComplaintFine errors=errors required=true>
                            <TextInput name="complaint" value=complaint decimal=true />
                        </FormField>
                        <FormField label=Key::PeakFineYuan field=Field::PeakFine errors=errors required=true>
                            <TextInput name="peak" value=peak decimal=true />
                        </FormField>
                        <fieldset class="field form__wide">
                            <legend class="field__label">{tr(Key::BadReviewRule)}</legend>
                            {choice_radio(BadReviewChoice::Unset, Key::BadReviewRuleUnset)}
                            {choice_radio(BadReviewChoice::PerReview, Key::BadReviewRulePerReview)}
                            {choice_radio(BadReviewChoice::RateBands, Key::BadReviewRuleBands)}
                        </fieldset>
                        <Show when=move || choice.get() == BadReviewChoice::PerReview>
                            <FormField label=Key::PerReviewFineYuan field=Field::PerReviewFine errors=errors required=true>
                                <TextInput name="per-review" value=per_review decimal=true />
                            </FormField>
                        </Show>
                        <Show when=move || choice.get() == BadReviewChoice::RateBands>
                            <div class="form__wide" data-section="bands">
                                <p class="field__hint">{tr(Key::BandsHint)}</p>
                                {move || bands.get().into_iter().enumerate().map(|(i, (rate, amount))| view! {
                                    <div class="form__row" data-band=i>
                                        <FormField label=Key::BandAbovePercent field=Field::Band(i) errors=errors>
                                            <TextInput name="band-rate" value=rate decimal=true />
                                        </FormField>
                                        <FormField label=Key::BandPerReviewYuan field=Field::BandFine(i) errors=errors>
                                            <TextInput name="band-amount" value=amount decimal=true />
                                        </FormField>
                                        <button type="button" class="button" name="remove-band"
                                            on:click=move |_| bands.update(|b| { if i < b.len() { b.remove(i); } })>
                                            {tr(Key::RemoveBand)}
                                        </button>
                                    </div>
                                }).collect_view()}
                                <span class="field__error" role="alert" data-field="Band(0)">
                                    {move || errors.with(|list| list.iter().find(|e| e.field == Field::Band(0) && bands.with(Vec::is_empty))
                                        .map(|e| crate::i18n::problem(state.lang.get(), &e.problem)))}
                                </span>
                                <button type="button" class="button" name="add-band"
                                    on:click=move |_| bands.update(|b| b.push((RwSignal::new(String::new()), RwSignal::new(String::new()))))>
                                    {tr(Key::AddBand)}
                                </button>
                            </div>
                        </Show>
                        {form.actions(tombstone, start_new)}
                    </form>
                </Show>
            </section>
        </Guarded>
    }
}
