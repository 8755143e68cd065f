//! The shell: provides `AppState`, starts the store, and shows one of the gates — opening, failed, first start
//! (create the administrator), choose a user — or the header, navigation and routed screens.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Router};

use crate::domain::access::{Action, Role};
use crate::i18n::{self, Key};
use crate::platform;
use crate::store::{BackendKind, StoreError};
use crate::ui::areas::{Page, load_other_pages_on_click, on_other_page};
use crate::ui::boot;
use crate::ui::components::quarantine::QuarantineNotice;
use crate::ui::components::toast::ToastArea;
use crate::ui::components::underneath::UnderneathChoice;
use crate::ui::components::user_chooser::UserChooser;
use crate::ui::salvage::UnreadableData;
use crate::ui::state::{AppState, HistoryState, KioskSession, LoadState, tr, use_app_state};
use crate::ui::sync;

/// Which screen the shell shows.
#[derive(Clone, Debug, PartialEq)]
enum Gate {
    Opening,
    Failed(StoreError),
    FirstStart,
    ChooseUser,
    Signed,
    /// Kiosk mode: only the survey of one ticket.
    Kiosk(KioskSession),
}

/// The app of one page: `page` is the service page's or the assessment page's (`areas`).
#[component]
pub fn App(page: Page) -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    provide_context(page);
    // A page of its own for an outsider (the survey link on a customer's phone): no store, no staff data.
    let path = window().location().pathname().unwrap_or_default();
    if let Some(public) = (page.public)(&path) {
        return view! { <main class="main">{public}</main> }.into_any();
    }
    spawn_local(boot::start(state));
    load_other_pages_on_click(page.area);
    sync::listen(state);
    sync::follow_other_tabs(state);
    crate::ui::retention::keep(state);
    boot::register_service_worker();
    // Live SLA figures: time left and overdue move on while a screen stays open.
    set_interval(
        move || state.now.set(crate::platform::now_ms() as i64),
        std::time::Duration::from_secs(30),
    );
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        document().set_title(Key::AppTitle.text(lang));
    });
    view! {
        <Router>
            <Shell />
        </Router>
    }
    .into_any()
}

#[component]
fn Shell() -> impl IntoView {
    let state = use_app_state();
    let page = expect_context::<Page>();
    let location = leptos_router::hooks::use_location();
    let gate = Memo::new(move |_| match (state.load.get(), state.kiosk.get()) {
        (LoadState::Opening, _) => Gate::Opening,
        (LoadState::Failed(error), _) => Gate::Failed(error),
        (LoadState::Ready(_), Some(session)) => Gate::Kiosk(session),
        (LoadState::Ready(_), None) if state.data.with(|d| d.users.live_count() == 0) => {
            Gate::FirstStart
        }
        (LoadState::Ready(_), None)
            if state.choosing_user.get() || state.current_user().is_none() =>
        {
            Gate::ChooseUser
        }
        (LoadState::Ready(_), None) => Gate::Signed,
    });
    // A new screen starts at its top (issue 17: the chooser and the home opened scrolled down, where the page
    // before had been).
    Effect::new(move |before: Option<std::mem::Discriminant<Gate>>| {
        let now = std::mem::discriminant(&gate.get());
        if before.is_some_and(|before| before != now) {
            platform::scroll_to_top();
        }
        now
    });
    // Another person took the tablet: they start at their own home, not on the page the last one left open.
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |before: Option<Option<crate::domain::ids::Id>>| {
        let user = state.user.get();
        if let Some(Some(previous)) = before
            && user.is_some_and(|now| now != previous)
        {
            match on_other_page("/") {
                false => navigate("/", Default::default()),
                true => {
                    let _ = window().location().assign("/");
                }
            }
            platform::scroll_to_top();
        }
        user
    });
    view! {
        <Show when=move || !matches!(gate.get(), Gate::Kiosk(_))>
            <Header signed=Signal::derive(move || gate.get() == Gate::Signed) />
        </Show>
        <StorageWarning />
        // (The data exchange shows its own, with every part.)
        <Show when=move || {
            !matches!(gate.get(), Gate::Kiosk(_)) && !on_data_page(&location.pathname.get())
        }>
            <QuarantineNotice />
        </Show>
        // Whether the tickets' history is read yet, and where keeping the KPI facts beside the data stands, for the
        // benchmarks and tests that tell the first screen from the whole data.
        <main class="main" id="main" data-history=move || state.history.with(HistoryState::slug)
            data-derived=move || state.derivation.get().slug()>
            {move || match gate.get() {
                Gate::Opening => view! { <p class="main__status">{tr(Key::Loading)}</p> }.into_any(),
                Gate::Failed(error) => view! { <UnreadableData error /> }.into_any(),
                Gate::FirstStart => (page.first_start)(),
                Gate::ChooseUser => view! { <UserChooser /> }.into_any(),
                Gate::Signed => (page.routes)(),
                Gate::Kiosk(session) => (page.kiosk)(session),
            }}
        </main>
        <UnderneathChoice />
        <ToastArea />
    }
}

#[component]
fn Header(signed: Signal<bool>) -> impl IntoView {
    let state = use_app_state();
    let user_label = move || {
        state.current_user().map(|(_, user)| {
            format!(
                "{} · {}",
                user.name,
                i18n::role_name(state.lang.get(), user.role)
            )
        })
    };
    view! {
        <header class="topbar">
            <a class="topbar__title" href="/">
                {tr(Key::AppTitle)}
            </a>
            <Show when=move || signed.get()>
                // Only what the role works with (each screen still checks its own permission).
                <nav class="topbar__nav" aria-label=tr(Key::MainNav)>
                    <Show when=move || matches!(state.role(), Some(Role::Engineer | Role::Agent | Role::Supervisor))>
                        <NavLink href="/" label=Key::Workbench />
                    </Show>
                    <Show when=move || state.can(Action::ViewTickets)>
                        <NavLink href="/tickets" label=Key::NavTickets />
                    </Show>
                    <Show when=move || state.can(Action::CollectSurveys)>
                        <NavLink href="/surveys" label=Key::NavSurveys />
                    </Show>
                    <NavLink href="/kpi" label=Key::NavKpis />
                    <NavLink href="/assessment" label=Key::NavAssessment />
                    <Show when=move || state.can(Action::ViewQuality)>
                        <NavLink href="/assessment/quality" label=Key::NavQuality />
                    </Show>
                    <Show when=move || state.can(Action::EditOrg)>
                        <NavLink href="/org" label=Key::NavOrg />
                    </Show>
                    <Show when=move || state.can(Action::EditProviders) || state.can(Action::ViewProviderFines)>
                        <NavLink href="/providers" label=Key::NavProviders />
                    </Show>
                    <Show when=move || state.can(Action::ManageUsers)>
                        <NavLink href="/users" label=Key::NavUsers />
                    </Show>
                    <NavLink href="/data" label=Key::NavData />
                    <NavLink href="/settings" label=Key::NavSettings />
                </nav>
            </Show>
            <div class="topbar__tools">
                <button
                    class="button button--quiet"
                    name="language"
                    lang=move || state.lang.get().other().code()
                    on:click=move |_| state.set_lang(state.lang.get_untracked().other())
                >
                    {tr(Key::LanguageSwitch)}
                </button>
                <Show when=move || signed.get()>
                    <button
                        class="button button--quiet topbar__user"
                        name="switch-user"
                        title=tr(Key::SwitchUser)
                        on:click=move |_| state.choosing_user.set(true)
                    >
                        <span class="topbar__user-name">{user_label}</span>
                    </button>
                </Show>
            </div>
        </header>
    }
}

/// Whether `path` is the data exchange itself (which shows the quarantine's notice in its page).
fn on_data_page(path: &str) -> bool {
    path == "/data"
}

/// A main-navigation link: routed in the page when the path is this page's (marked as the current one), else a
/// plain link, which loads the other page (`areas::load_other_pages_on_click`).
#[component]
fn NavLink(href: &'static str, label: Key) -> impl IntoView {
    match on_other_page(href) {
        // 质量 is current on its own screens and the period reports'; the assessment page's link on the rest of it.
        false if href == "/assessment" || href == "/assessment/quality" => {
            let location = leptos_router::hooks::use_location();
            let current = move || {
                location.pathname.with(|path| {
                    let quality = ["/assessment/quality", "/assessment/reports"]
                        .iter()
                        .any(|p| path.starts_with(p));
                    let here = match href {
                        "/assessment" => path.starts_with("/assessment") && !quality,
                        _ => quality,
                    };
                    here.then_some("page")
                })
            };
            view! { <a href=href aria-current=current>{tr(label)}</a> }.into_any()
        }
        // The home ("/") is current only on itself, not under every path.
        false => view! { <A href=href exact=href == "/">{tr(label)}</A> }.into_any(),
        true => view! { <a href=href>{tr(label)}</a> }.into_any(),
    }
}

/// The localStorage fallback is small: say so on every screen while it is in use.
#[component]
fn StorageWarning() -> impl IntoView {
    let state = use_app_state();
    view! {
        <Show when=move || state.load.get() == LoadState::Ready(BackendKind::LocalStorage)>
            <p class="banner banner--warning" role="alert">
                {tr(Key::LocalStorageWarning)}
                " "
                <a href="/data">{tr(Key::ExportBackup)}</a>
            </p>
        </Show>
    }
}
