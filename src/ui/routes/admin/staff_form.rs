//! Create, edit and delete a staff member: 工号 (unique), name, position, unit or provider, direct superior (no
//! loops), 正式 / 试用, phone. A person who still has direct reports cannot be deleted.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::access::Action;
use crate::domain::dataset::Change;
use crate::domain::error::Field;
use crate::domain::ids::Id;
use crate::domain::inputs::trainings_of;
use crate::domain::org::{
    Affiliation, CertificateDraft, Employment, Position, StaffDraft, staff_removal_problem,
};
use crate::i18n::{self, Key};
use crate::platform;
use crate::ui::components::form::{
    DeleteButton, FormActions, FormErrors, FormField, RecordProblem, SelectInput, TextInput,
    id_value, value_id,
};
use crate::ui::routes::{EditorRoute, deletion, query_id, remove, save, unit_options};
use crate::ui::state::{tr, use_app_state};

#[component]
pub fn StaffEditor() -> impl IntoView {
    view! {
        <EditorRoute
            action=Action::EditOrg
            exists=|data, id| data.staff.contains(id)
            form=|id| view! { <StaffForm id=id /> }.into_any()
        />
    }
}

fn affiliation_value(affiliation: Option<Affiliation>) -> String {
    match affiliation {
        None => String::new(),
        Some(Affiliation::Unit(id)) => format!("unit:{id}"),
        Some(Affiliation::Provider(id)) => format!("provider:{id}"),
    }
}

fn value_affiliation(value: &str) -> Option<Affiliation> {
    match value.split_once(':')? {
        ("unit", id) => id.parse().ok().map(Affiliation::Unit),
        ("provider", id) => id.parse().ok().map(Affiliation::Provider),
        _ => None,
    }
}

fn position_value(position: Position) -> String {
    position.slug().to_string()
}

fn employment_value(employment: Employment) -> String {
    employment.slug().to_string()
}

#[component]
fn StaffForm(id: Option<Id>) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    // What the form opened on: a save writes only the fields changed since (another tab's changes are kept).
    let opened = id.and_then(|id| {
        state
            .data
            .with_untracked(|d| d.staff.live_version(id).cloned())
    });
    let existing = opened.as_ref().map(|v| v.body.clone());
    let record_id = id.unwrap_or_else(platform::new_id);
    let text = |pick: fn(&crate::domain::org::Staff) -> String| {
        existing.as_ref().map(pick).unwrap_or_default()
    };
    let number = RwSignal::new(text(|s| s.number.clone()));
    let name = RwSignal::new(text(|s| s.name.clone()));
    let phone = RwSignal::new(text(|s| s.phone.clone()));
    let position = RwSignal::new(position_value(
        existing.as_ref().map_or(Position::Engineer, |s| s.position),
    ));
    let affiliation = RwSignal::new(affiliation_value(
        existing
            .as_ref()
            .map(|s| s.affiliation)
            .or_else(|| query_id("unit").map(Affiliation::Unit)),
    ));
    let superior = RwSignal::new(id_value(existing.as_ref().and_then(|s| s.superior)));
    let employment = RwSignal::new(employment_value(
        existing
            .as_ref()
            .map_or(Employment::Formal, |s| s.employment),
    ));
    let certificates = RwSignal::new(
        existing
            .as_ref()
            .map(|s| {
                s.certificates
                    .iter()
                    .map(|c| CertificateRow::new(&c.category, &c.number, &c.expires.to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let errors: FormErrors = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);

    let position_options = Signal::derive(move || {
        let lang = state.lang.get();
        Position::ALL
            .iter()
            .map(|p| {
                (
                    position_value(*p),
                    i18n::position_name(lang, *p).to_string(),
                )
            })
            .collect::<Vec<_>>()
    });
    let employment_options = Signal::derive(move || {
        let lang = state.lang.get();
        [Employment::Formal, Employment::Probation]
            .iter()
            .map(|e| {
                (
                    employment_value(*e),
                    i18n::employment_name(lang, *e).to_string(),
                )
            })
            .collect::<Vec<_>>()
    });
    let affiliation_options = Signal::derive(move || {
        let mut options = vec![(String::new(), state.t(Key::ChooseOne).to_string())];
        state.data.with(|d| {
            options.extend(
                unit_options(d)
                    .into_iter()
                    .map(|(id, label)| (format!("unit:{id}"), label)),
            );
            let lang = state.lang.get();
            let provider_label = state.t(Key::NavProviders);
            options.extend(d.providers.live().map(|(id, p)| {
                (
                    format!("provider:{id}"),
                    crate::i18n::labelled(lang, provider_label, &p.name),
                )
            }));
        });
        options
    });
    let superior_options = Signal::derive(move || {
        let mut options = vec![(String::new(), state.t(Key::NoSuperior).to_string())];
        state.data.with(|d| {
            options.extend(
                d.staff
                    .live()
                    .filter(|(sid, _)| *sid != record_id)
                    .map(|(sid, s)| (sid.to_string(), format!("{} {}", s.number, s.name))),
            );
        });
        options
    });

    let back = navigate.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = StaffDraft {
            number: number.get_untracked(),
            name: name.get_untracked(),
            position: Position::ALL
                .into_iter()
                .find(|p| position_value(*p) == position.get_untracked())
                .unwrap_or(Position::Other),
            affiliation: value_affiliation(&affiliation.get_untracked()),
            superior: value_id(&superior.get_untracked()),
            employment: match employment.get_untracked() == employment_value(Employment::Probation)
            {
                true => Employment::Probation,
                false => Employment::Formal,
            },
            phone: phone.get_untracked(),
            certificates: certificates
                .get_untracked()
                .iter()
                .map(CertificateRow::draft)
                .collect(),
        };
        match state.data.with_untracked(|d| draft.check(record_id, d)) {
            Err(problems) => errors.set(problems),
            Ok(staff) => {
                errors.set(Vec::new());
                let after = match staff.affiliation {
                    Affiliation::Unit(unit) => format!("/org?unit={unit}"),
                    Affiliation::Provider(_) => "/providers".to_string(),
                };
                let back = back.clone();
                save(
                    state,
                    Action::EditOrg,
                    Change::Staff(state.edited(record_id, opened.as_ref(), staff)),
                    saving,
                    move || back(&after, Default::default()),
                );
            }
        }
    };
    let delete = move || {
        let navigate = navigate.clone();
        let removal = state.data.with_untracked(|d| {
            deletion(
                state,
                staff_removal_problem(record_id, d),
                d.staff.live_version(record_id),
                Change::Staff,
            )
        });
        remove(state, Action::EditOrg, removal, errors, saving, move || {
            navigate("/org", Default::default())
        });
    };

    view! {
        <section class="panel" data-page="staff-form">
            <h1>{move || state.t(if id.is_some() { Key::EditStaff } else { Key::AddStaff })}</h1>
            <form class="form form--grid" on:submit=submit novalidate>
                <FormField label=Key::StaffNumber field=Field::Number errors=errors>
                    <TextInput name="number" value=number autofocus=true />
                </FormField>
                <FormField label=Key::StaffName field=Field::Name errors=errors>
                    <TextInput name="name" value=name />
                </FormField>
                <FormField label=Key::PositionLabel field=Field::Position errors=errors>
                    <SelectInput name="position" value=position options=position_options />
                </FormField>
                <FormField label=Key::Affiliation field=Field::Affiliation errors=errors>
                    <SelectInput name="affiliation" value=affiliation options=affiliation_options />
                </FormField>
                <FormField label=Key::Superior field=Field::Superior errors=errors>
                    <SelectInput name="superior" value=superior options=superior_options />
                </FormField>
                <FormField label=Key::EmploymentLabel field=Field::Employment errors=errors hint=Key::ProbationNote>
                    <SelectInput name="employment" value=employment options=employment_options />
                </FormField>
                <FormField label=Key::Phone field=Field::Phone errors=errors>
                    <TextInput name="phone" value=phone kind="tel" />
                </FormField>
                <Certificates rows=certificates errors=errors />
                <RecordProblem errors=errors />
                <FormActions saving=saving cancel_href="/org" />
            </form>
            <DeleteButton editing=id.is_some() on_delete=delete />
            {id.map(|person| view! { <Trainings person=person /> })}
        </section>
    }
}

/// The person's training record (R1.5, S15): each session they attended, with the certificate it gave them.
#[component]
fn Trainings(person: Id) -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        state.data.with(|d| {
            trainings_of(d, person)
                .into_iter()
                .map(|(_, t)| {
                    (
                        t.held.map(|h| h.to_string()).unwrap_or_default(),
                        t.title.clone(),
                        t.certificate
                            .as_ref()
                            .map(|c| format!("{} · {}", c.category, c.expires))
                            .unwrap_or_default(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="staff-trainings" data-list="trainings" aria-labelledby="trainings-title">
            <h2 id="trainings-title">{tr(Key::PersonTrainings)}</h2>
            <Show when=move || rows.with(|r| !r.is_empty())
                fallback=|| view! { <p class="muted" data-empty="trainings">{tr(Key::NoTrainingYet)}</p> }>
                <div class="table-wrap">
                    <table class="table">
                        <thead><tr>
                            <th>{tr(Key::HeldOn)}</th><th>{tr(Key::TrainingName)}</th><th>{tr(Key::CertificateGained)}</th>
                        </tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|(held, title, certificate)| view! {
                                <tr><td>{held}</td><td>{title}</td><td>{certificate}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// One certificate being edited; `key` keeps rows apart while they are added and removed.
#[derive(Clone, Copy)]
struct CertificateRow {
    key: u64,
    category: RwSignal<String>,
    number: RwSignal<String>,
    expires: RwSignal<String>,
}

impl CertificateRow {
    fn new(category: &str, number: &str, expires: &str) -> Self {
        CertificateRow {
            key: platform::next_key(),
            category: RwSignal::new(category.into()),
            number: RwSignal::new(number.into()),
            expires: RwSignal::new(expires.into()),
        }
    }

    fn draft(&self) -> CertificateDraft {
        CertificateDraft {
            category: self.category.get_untracked(),
            number: self.number.get_untracked(),
            expires: self.expires.get_untracked(),
        }
    }
}

/// 上岗证 (R1.5): product category, number, valid through; rows added and removed in place.
#[component]
fn Certificates(rows: RwSignal<Vec<CertificateRow>>, errors: FormErrors) -> impl IntoView {
    let state = use_app_state();
    let indexed = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <fieldset class="form__group form__wide" data-group="certificates">
            <legend>{tr(Key::Certificates)}</legend>
            <For each=indexed key=|(_, row)| row.key let:item>
                <div class="line-row" data-certificate=item.0>
                    <input class="input" name="certificate-category" placeholder=tr(Key::ProductCategory) bind:value=item.1.category />
                    <input class="input" name="certificate-number" placeholder=tr(Key::CertificateNumber) bind:value=item.1.number />
                    <input class="input" type="date" name="certificate-expires" title=tr(Key::ValidThrough) bind:value=item.1.expires />
                    // Run out: said beside it (dispatch warns about it too).
                    <span class="badge badge--danger" data-fact="certificate-expired"
                        class:hidden=move || {
                            let today = state.settings.with(|s| s.calendar.local_date(state.now.get()));
                            item.1.expires.with(|e| crate::domain::calendar::Date::parse(e).is_none_or(|d| d >= today))
                        }>
                        {tr(Key::CertificateExpired)}
                    </span>
                    <button type="button" class="button button--quiet" name="remove-certificate"
                        on:click=move |_| rows.update(|list| list.retain(|r| r.key != item.1.key))>
                        {tr(Key::Remove)}
                    </button>
                    <span class="field__error" role="alert" data-field=format!("Certificate({})", item.0)>
                        {move || errors.with(|list| list.iter().find(|e| e.field == Field::Certificate(item.0)).map(|e| i18n::problem(state.lang.get(), &e.problem)))}
                    </span>
                </div>
            </For>
            <button type="button" class="button" name="add-certificate"
                on:click=move |_| rows.update(|list| list.push(CertificateRow::new("", "", "")))>
                {tr(Key::AddCertificate)}
            </button>
        </fieldset>
    }
}
