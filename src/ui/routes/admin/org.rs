//! 组织与人员: the unit tree beside the staff of the chosen unit (and its sub-units). Editing links appear only
//! for roles that may edit the org.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::access::Action;
use crate::domain::contact::mask_phone;
use crate::domain::ids::Id;
use crate::domain::org::{Affiliation, Employment, unit_ancestors, unit_tree};
use crate::i18n::{self, Key};
use crate::ui::components::link::MaybeLink;
use crate::ui::routes::{staff_name, unit_name};
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn OrgPage() -> impl IntoView {
    let state = use_app_state();
    let query = use_query_map();
    let selected = Memo::new(move |_| {
        query
            .with(|q| q.get("unit"))
            .and_then(|text| text.parse::<Id>().ok())
    });
    let can_edit = move || state.can(Action::EditOrg);

    let tree = Memo::new(move |_| {
        state.data.with(|data| {
            unit_tree(data)
                .into_iter()
                .filter_map(|row| {
                    let unit = data.units.get(row.id)?;
                    Some((row.id, row.depth, unit.name.clone(), unit.kind))
                })
                .collect::<Vec<_>>()
        })
    });

    let staff_rows = Memo::new(move |_| {
        let chosen = selected.get();
        state.data.with(|data| {
            let in_scope = |affiliation: Affiliation| match (chosen, affiliation) {
                (None, _) => true,
                (Some(unit), Affiliation::Unit(member_of)) => {
                    member_of == unit || unit_ancestors(member_of, data).contains(&unit)
                }
                (Some(_), Affiliation::Provider(_)) => false,
            };
            data.staff
                .live()
                .filter(|(_, s)| in_scope(s.affiliation))
                .map(|(id, s)| {
                    let belongs = match s.affiliation {
                        Affiliation::Unit(unit) => unit_name(data, Some(unit)),
                        Affiliation::Provider(p) => data
                            .providers
                            .version(p)
                            .map(|v| v.body.name.clone())
                            .unwrap_or_default(),
                    };
                    (id, s.clone(), belongs, staff_name(data, s.superior))
                })
                .collect::<Vec<_>>()
        })
    });

    let new_unit_href = move || match selected.get() {
        Some(parent) => format!("/org/units/new?parent={parent}"),
        None => "/org/units/new".to_string(),
    };
    let new_staff_href = move || match selected.get() {
        Some(unit) => format!("/org/staff/new?unit={unit}"),
        None => "/org/staff/new".to_string(),
    };

    view! {
        <div class="org" data-page="org">
            <section class="panel org__units" aria-labelledby="units-title">
                <header class="panel__header">
                    <h2 id="units-title">{tr(Key::Units)}</h2>
                    <Show when=can_edit>
                        <a class="button button--primary" href=new_unit_href data-action="add-unit">
                            {tr(Key::AddUnit)}
                        </a>
                    </Show>
                </header>
                <Show when=move || !tree.get().is_empty() fallback=move || view! { <p class="muted empty">{tr(Key::NoUnitsYet)}</p> }>
                    <ul class="tree">
                        <li class="tree__row" class:tree__row--selected=move || selected.get().is_none()>
                            <a class="tree__link" href="/org">{tr(Key::AllStaff)}</a>
                        </li>
                        <For each=move || tree.get() key=|row| row.clone() let:row>
                            <li
                                class="tree__row"
                                class:tree__row--selected=move || selected.get() == Some(row.0)
                                data-depth=row.1
                            >
                                <a class=format!("tree__link tree__link--depth-{}", row.1.min(6)) href=format!("/org?unit={}", row.0)>
                                    <span class="tree__name">{row.2.clone()}</span>
                                    <span class="badge">{move || i18n::unit_kind_name(state.lang.get(), row.3)}</span>
                                </a>
                                <Show when=can_edit>
                                    <a class="button button--quiet tree__edit" href=format!("/org/units/{}", row.0) data-edit-unit=row.2.clone()>
                                        {tr(Key::Edit)}
                                    </a>
                                </Show>
                            </li>
                        </For>
                    </ul>
                </Show>
            </section>
            <section class="panel org__staff" aria-labelledby="staff-title">
                <header class="panel__header">
                    <h2 id="staff-title">
                        {tr(Key::Staff)}
                        {move || selected.get().map(|unit| format!(" · {}", state.data.with(|d| unit_name(d, Some(unit)))))}
                    </h2>
                    <Show when=move || can_edit() && !tree.get().is_empty()>
                        <a class="button button--primary" href=new_staff_href data-action="add-staff">
                            {tr(Key::AddStaff)}
                        </a>
                    </Show>
                </header>
                <Show when=move || !staff_rows.get().is_empty() fallback=move || view! { <p class="muted empty">{tr(Key::NoStaffHere)}</p> }>
                    <div class="table-wrap">
                        <table class="table" data-table="staff">
                            <thead>
                                <tr>
                                    <th>{tr(Key::StaffNumber)}</th>
                                    <th>{tr(Key::StaffName)}</th>
                                    <th>{tr(Key::PositionLabel)}</th>
                                    <th>{tr(Key::Affiliation)}</th>
                                    <th>{tr(Key::Superior)}</th>
                                    <th>{tr(Key::EmploymentLabel)}</th>
                                    <th>{tr(Key::Phone)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || staff_rows.get() key=|row| (row.0, row.1.clone(), row.2.clone(), row.3.clone()) let:row>
                                    <tr data-staff=row.1.number.clone()>
                                        <td>{row.1.number.clone()}</td>
                                        <td>
                                            <MaybeLink href=format!("/org/staff/{}", row.0) text=row.1.name.clone() linked=Signal::derive(can_edit) />
                                        </td>
                                        <td>{move || i18n::position_name(state.lang.get(), row.1.position)}</td>
                                        <td>{row.2.clone()}</td>
                                        <td>{row.3.clone()}</td>
                                        <td>
                                            <span class="badge" class:badge--warning=row.1.employment == Employment::Probation>
                                                {move || i18n::employment_name(state.lang.get(), row.1.employment)}
                                            </span>
                                        </td>
                                        <td>{if row.1.phone.is_empty() { String::new() } else { mask_phone(&row.1.phone) }}</td>
                                    </tr>
                                </For>
                            </tbody>
                        </table>
                    </div>
                </Show>
            </section>
        </div>
    }
}
