//! Priced lines (备件 / 工时费 / 交通费): the editor used by the quote and the service report, and the read-only
//! table with the total. Amounts are typed in yuan and kept in fen by the domain; nothing here does arithmetic
//! but the domain's.
//!
//! Must not: validate (`intake::check_lines` does).

use leptos::prelude::*;

use crate::domain::error::Field;
use crate::domain::money::Fen;
use crate::domain::settings::{PriceItem, price_of};
use crate::domain::ticket::intake::LineDraft;
use crate::domain::ticket::{QuoteLine, QuoteLineKind};
use crate::i18n::tickets::line_kind_name;
use crate::i18n::{self, Key};
use crate::platform;
use crate::ui::components::form::FormErrors;
use crate::ui::state::{tr, use_app_state};

/// One line being edited.
#[derive(Clone, Copy)]
pub struct LineRow {
    key: u64,
    kind: RwSignal<String>,
    description: RwSignal<String>,
    quantity: RwSignal<String>,
    unit_price: RwSignal<String>,
}

impl LineRow {
    pub fn new(draft: LineDraft) -> LineRow {
        LineRow {
            key: platform::next_key(),
            kind: RwSignal::new(draft.kind.slug().to_string()),
            description: RwSignal::new(draft.description),
            quantity: RwSignal::new(draft.quantity),
            unit_price: RwSignal::new(draft.unit_price),
        }
    }

    pub fn draft(&self) -> LineDraft {
        LineDraft {
            kind: QuoteLineKind::from_slug(&self.kind.get_untracked())
                .unwrap_or(QuoteLineKind::Part),
            description: self.description.get_untracked(),
            quantity: self.quantity.get_untracked(),
            unit_price: self.unit_price.get_untracked(),
        }
    }
}

/// Takes a typed description; one that names a price-list entry brings its kind and price along (R2.6: quotes
/// are priced from the list).
fn fill_from_price_list(row: LineRow, description: String) {
    let state = use_app_state();
    let item = state
        .settings
        .with_untracked(|s| price_of(&s.price_list, &description).cloned());
    row.description.set(description);
    if let Some(item) = item {
        row.kind.set(item.kind.slug().to_string());
        row.unit_price.set(item.unit_price.to_yuan_text());
    }
}

/// Adds a price-list entry as a line: into the last line while it is still blank, else as a new one.
fn add_from_price_list(rows: RwSignal<Vec<LineRow>>, item: &PriceItem) {
    let blank = rows.with_untracked(|list| {
        list.last()
            .filter(|row| {
                row.description.with_untracked(|d| d.trim().is_empty())
                    && row.unit_price.with_untracked(|p| p.trim().is_empty())
            })
            .copied()
    });
    let row = blank.unwrap_or_else(|| {
        let row = LineRow::new(LineDraft::new(item.kind));
        rows.update(|list| list.push(row));
        row
    });
    row.kind.set(item.kind.slug().to_string());
    row.description.set(item.name.clone());
    row.unit_price.set(item.unit_price.to_yuan_text());
}

#[component]
pub fn LineEditor(rows: RwSignal<Vec<LineRow>>, errors: FormErrors) -> impl IntoView {
    let state = use_app_state();
    let indexed = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <fieldset class="form__group" data-group="lines">
            <legend>{tr(Key::PricedLines)}</legend>
            <For each=indexed key=|(index, row)| (*index, row.key) let:item>
                <div class="line-row" data-line=item.0>
                    <LineKindSelect name="line-kind" value=item.1.kind />
                    <input class="input" name="line-description" list="price-list" placeholder=tr(Key::LineDescription)
                        prop:value=move || item.1.description.get()
                        on:input=move |ev| fill_from_price_list(item.1, event_target_value(&ev)) />
                    <input class="input input--short" name="line-quantity" inputmode="numeric" aria-label=tr(Key::Quantity) bind:value=item.1.quantity />
                    <input class="input input--short" name="line-price" inputmode="decimal" placeholder=tr(Key::UnitPriceYuan) bind:value=item.1.unit_price />
                    <button type="button" class="button button--quiet" name="remove-line"
                        on:click=move |_| {
                            rows.update(|list| list.retain(|r| r.key != item.1.key));
                            // A line's problem names its place: after a removal it would point at another line.
                            errors.update(|list| list.retain(|e| !matches!(e.field, Field::Line(_))));
                        }>
                        {tr(Key::Remove)}
                    </button>
                    <span class="field__error" role="alert" data-field=format!("Line({})", item.0)>
                        {move || errors.with(|list| list.iter().find(|e| e.field == Field::Line(item.0)).map(|e| i18n::problem(state.lang.get(), &e.problem)))}
                    </span>
                </div>
            </For>
            <datalist id="price-list">
                {move || state.settings.with(|s| s.price_list.iter().map(|item| view! {
                    <option value=item.name.clone()>{format!("{} {}", line_kind_name(state.lang.get(), item.kind), item.unit_price)}</option>
                }).collect_view())}
            </datalist>
            // The price list, one tap a line (issue 17: a part was priced only when its name was typed exactly).
            <div class="price-picks" role="group" aria-label=tr(Key::AddFromPriceList)
                class:hidden=move || state.settings.with(|s| s.price_list.is_empty())>
                <span class="price-picks__label">{tr(Key::AddFromPriceList)}</span>
                {move || state.settings.with(|s| s.price_list.iter().map(|item| {
                    let picked = item.clone();
                    view! {
                        <button type="button" class="button button--chip" name="pick-price" data-item=item.name.clone()
                            on:click=move |_| add_from_price_list(rows, &picked)>
                            {format!("+ {} ¥{}", item.name, item.unit_price.to_yuan_text())}
                        </button>
                    }
                }).collect_view())}
            </div>
            <button type="button" class="button" name="add-line"
                on:click=move |_| rows.update(|list| list.push(LineRow::new(LineDraft::new(QuoteLineKind::Part))))>
                {tr(Key::AddLine)}
            </button>
        </fieldset>
    }
}

/// Part, labour or travel; `value` holds the kind's name (`"Part"`).
#[component]
pub fn LineKindSelect(name: &'static str, value: RwSignal<String>) -> impl IntoView {
    let state = use_app_state();
    view! {
        <select class="input" name=name aria-label=tr(Key::LineKind)
            on:change=move |ev| value.set(event_target_value(&ev))>
            {QuoteLineKind::ALL.into_iter().map(|kind| {
                let option = kind.slug().to_string();
                let chosen = option.clone();
                view! {
                    <option value=option prop:selected=move || value.get() == chosen>
                        {move || line_kind_name(state.lang.get(), kind)}
                    </option>
                }
            }).collect_view()}
        </select>
    }
}

/// Lines with quantity, unit price and amount, and the total.
#[component]
pub fn LinesTable(lines: Vec<QuoteLine>, #[prop(optional)] charge: Option<Fen>) -> impl IntoView {
    let state = use_app_state();
    let total = crate::domain::ticket::Quote {
        lines: lines.clone(),
    }
    .total();
    view! {
        <div class="table-wrap">
            <table class="table" data-table="lines">
                <thead><tr>
                    <th>{tr(Key::LineKind)}</th>
                    <th>{tr(Key::LineDescription)}</th>
                    <th class="number">{tr(Key::Quantity)}</th>
                    <th class="number">{tr(Key::UnitPrice)}</th>
                    <th class="number">{tr(Key::Amount)}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|line| {
                        let amount = line.unit_price.checked_mul(line.quantity).map(|f| f.to_string()).unwrap_or_default();
                        view! {
                            <tr>
                                <td>{move || line_kind_name(state.lang.get(), line.kind)}</td>
                                <td>{line.description.clone()}</td>
                                <td class="number">{line.quantity}</td>
                                <td class="number">{line.unit_price.to_string()}</td>
                                <td class="number">{amount}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th colspan="4">{tr(Key::Total)}</th>
                        <td class="number" data-fact="total">{total.map(|f| f.to_string()).unwrap_or_default()}</td>
                    </tr>
                    {charge.map(|charge| view! {
                        <tr>
                            <th colspan="4">{tr(Key::Charged)}</th>
                            <td class="number" data-fact="charge">{charge.to_string()}</td>
                        </tr>
                    })}
                </tfoot>
            </table>
        </div>
    }
}
