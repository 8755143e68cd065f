//! "Who is using this tablet?": the local users — those recently signed in on this device first, then by role, with
//! a search once there are many; choosing one signs in, after their PIN if they have one, asked right under the
//! tapped name. Wrong PINs count per user on this device and the wait grows (`AppState::check_pin`, shared with the
//! kiosk's exit); the wait shown counts down (`counting_down`, also the kiosk's). Whoever is signed in also sets or
//! changes their own PIN here (`own_pin`).

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::access::Role;
use crate::domain::error::Problem;
use crate::domain::ids::Id;
use crate::domain::sorting;
use crate::i18n::{self, Key};
use crate::platform;
use crate::ui::components::form::TextInput;
use crate::ui::components::own_pin::OwnPinForm;
use crate::ui::state::{PinPrompt, tr, use_app_state};

#[component]
pub fn UserChooser() -> impl IntoView {
    let state = use_app_state();
    let chosen: RwSignal<Option<Id>> = RwSignal::new(None);
    let pin = RwSignal::new(String::new());
    let problem: RwSignal<Option<Problem>> = RwSignal::new(None);
    counting_down(problem);
    let users = Memo::new(move |_| {
        state.data.with(|data| {
            let mut users = data
                .users
                .live()
                .map(|(id, u)| Listed {
                    id,
                    name: u.name.clone(),
                    role: u.role,
                    has_pin: u.pin.is_some(),
                    demo_pin: crate::demo::has_demo_pin(u),
                })
                .collect::<Vec<_>>();
            sorting::by(&mut users, |a, b| (a.role, &a.name).cmp(&(b.role, &b.name)));
            users
        })
    });
    let search = RwSignal::new(String::new());
    let recent = platform::recent_users();
    // The groups shown: recent users first, then each role's; a search shows the matches alone.
    let groups = Memo::new(move |_| {
        let needle = search.get().trim().to_lowercase();
        users.with(|all| group(all, &recent, &needle))
    });
    let can_cancel = move || state.current_user().is_some();
    let own_pin = RwSignal::new(false);

    let choose = move |id: Id, has_pin: bool| {
        problem.set(None);
        pin.set(String::new());
        match has_pin {
            false => {
                if state.sign_in(id).is_err() {
                    chosen.set(Some(id));
                    problem.set(Some(Problem::SignInNotKept));
                }
            }
            true => {
                chosen.set(Some(id));
                // The prompt opens under the name: in view, ready to type.
                // The name and its prompt together, below the top bar.
                platform::scroll_and_focus(".chooser__users li:has(.chooser__pin)");
            }
        }
    };
    let submit_pin = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = chosen.get_untracked() else {
            return;
        };
        let typed = pin.get_untracked();
        pin.set(String::new());
        leptos::task::spawn_local(async move {
            let signed = state
                .check_pin(id, &typed, PinPrompt::Chooser)
                .await
                .and_then(|()| state.sign_in(id).map_err(|_| Problem::SignInNotKept));
            problem.try_set(signed.err());
        });
    };

    // The PIN prompt, under the tapped name.
    let pin_form = move |id: Id| {
        view! {
            <Show when=move || chosen.get() == Some(id)>
                <form class="chooser__pin form" on:submit=submit_pin>
                    <label class="field" class:field--invalid=move || problem.get().is_some()>
                        <span class="field__label">
                            {tr(Key::EnterPin)}
                            " · "
                            <strong data-pin-for>{move || users.with(|all| all.iter().find(|u| u.id == id).map(|u| u.name.clone()))}</strong>
                        </span>
                        <TextInput name="pin" value=pin kind="password" numeric=true autofocus=true />
                        <span class="field__error" role="alert" data-field="Pin">
                            {move || problem.get().map(|p| i18n::problem(state.lang.get(), &p))}
                        </span>
                    </label>
                    <button type="submit" class="button button--primary" name="sign-in">
                        {tr(Key::SignIn)}
                    </button>
                </form>
            </Show>
        }
    };
    let many = move || users.with(|all| all.len() > SEARCH_FROM);

    view! {
        <section class="chooser panel" aria-labelledby="chooser-title">
            <h1 id="chooser-title">{tr(Key::WhoIsUsing)}</h1>
            {move || state.current_user().map(|(_, user)| {
                let has_pin = user.pin.is_some();
                view! {
                    <div class="chooser__me" data-fact="signed-in">
                        <span>{tr(Key::SignedInAs)}" · "<strong>{user.name.clone()}</strong></span>
                        <button type="button" class="button" name="own-pin" aria-expanded=move || own_pin.get().to_string()
                            on:click=move |_| {
                                own_pin.update(|open| *open = !*open);
                                platform::scroll_and_focus("[data-form=own-pin]");
                            }>
                            {tr(if has_pin { Key::ChangeOwnPin } else { Key::SetOwnPin })}
                        </button>
                    </div>
                }
            })}
            <Show when=move || own_pin.get()>
                <OwnPinForm intro=Key::OwnPinIntro done=move |()| own_pin.set(false) cancel=move |()| own_pin.set(false) />
            </Show>
            <Show when=many>
                <input class="input chooser__search" type="search" name="user-search" bind:value=search
                    placeholder=tr(Key::SearchUsers) aria-label=tr(Key::SearchUsers) />
            </Show>
            {move || groups.get().into_iter().map(|(title, members)| view! {
                <section class="chooser__group" data-group=title.slug()>
                    <h2 class="chooser__heading">{move || title.name(state.lang.get())}</h2>
                    <ul class="chooser__users">
                        {members.into_iter().map(|user| {
                            let Listed { id, name, role, has_pin, demo_pin } = user;
                            view! {
                                <li>
                                    <button
                                        class="chooser__user button"
                                        class:chooser__user--chosen=move || chosen.get() == Some(id)
                                        data-user=name.clone()
                                        aria-expanded=move || (has_pin && chosen.get() == Some(id)).to_string()
                                        on:click=move |_| choose(id, has_pin)
                                    >
                                        <span class="chooser__name">{name.clone()}</span>
                                        <span class="chooser__role">
                                            {move || i18n::role_name(state.lang.get(), role)}
                                            {demo_pin.then(|| view! { " · " <span class="chooser__demo-pin">{tr(Key::DemoPin)}</span> })}
                                        </span>
                                    </button>
                                    {pin_form(id)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
            <Show when=move || groups.with(Vec::is_empty)>
                <p class="muted empty" data-fact="no-user-matches">{tr(Key::NoUserMatches)}</p>
            </Show>
            <Show when=can_cancel>
                <button class="button" name="cancel-choose" on:click=move |_| state.choosing_user.set(false)>
                    {tr(Key::Cancel)}
                </button>
            </Show>
        </section>
    }
}

/// Above this many users the chooser offers a search.
const SEARCH_FROM: usize = 8;

/// A user as the chooser lists them.
#[derive(Clone, Debug, PartialEq)]
struct Listed {
    id: Id,
    name: String,
    role: Role,
    has_pin: bool,
    demo_pin: bool,
}

/// A group's heading.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Title {
    Recent,
    Role(Role),
    Matches,
}

impl Title {
    fn name(self, lang: i18n::Lang) -> &'static str {
        match self {
            Title::Recent => Key::RecentUsers.text(lang),
            Title::Role(role) => i18n::role_name(lang, role),
            Title::Matches => Key::UserMatches.text(lang),
        }
    }

    fn slug(self) -> String {
        match self {
            Title::Recent => "recent".into(),
            Title::Role(role) => role.slug().to_string(),
            Title::Matches => "matches".into(),
        }
    }
}

/// The chooser's groups: a search's matches alone; else the recent users (on this device, most recent first), then
/// everyone else by role.
fn group(all: &[Listed], recent: &[Id], needle: &str) -> Vec<(Title, Vec<Listed>)> {
    if !needle.is_empty() {
        let matches: Vec<Listed> = all
            .iter()
            .filter(|u| u.name.to_lowercase().contains(needle))
            .cloned()
            .collect();
        return match matches.is_empty() {
            true => Vec::new(),
            false => vec![(Title::Matches, matches)],
        };
    }
    let mut groups = Vec::new();
    let recent_users: Vec<Listed> = recent
        .iter()
        .filter_map(|id| all.iter().find(|u| u.id == *id).cloned())
        .collect();
    // A short list needs no "recent" group: everyone is in view.
    let show_recent = all.len() > SEARCH_FROM && !recent_users.is_empty();
    for role in Role::ALL {
        let members: Vec<Listed> = all
            .iter()
            .filter(|u| u.role == role && !(show_recent && recent.contains(&u.id)))
            .cloned()
            .collect();
        if !members.is_empty() {
            groups.push((Title::Role(role), members));
        }
    }
    if show_recent {
        groups.insert(0, (Title::Recent, recent_users));
    }
    groups
}

/// While `problem` is a PIN back-off, takes a second off its wait every second and clears it when the wait is over:
/// the number a PIN prompt shows is always the time left.
pub fn counting_down(problem: RwSignal<Option<Problem>>) {
    Effect::new(move || {
        if let Some(Problem::PinLocked { wait_ms }) = problem.get() {
            let tick = move || {
                // (`try_update`: the prompt may be gone by then.)
                problem.try_update(|shown| {
                    if *shown == Some(Problem::PinLocked { wait_ms }) {
                        *shown = (wait_ms > 1000).then(|| Problem::PinLocked {
                            wait_ms: wait_ms - 1000,
                        });
                    }
                });
            };
            set_timeout(tick, Duration::from_secs(1));
        }
    });
}
