//! The app's pages (ARCHITECTURE.md, "One page per area"): the service page (tickets, surveys, the KPIs), the
//! assessment page (绩效考核) and the administration page (the org, providers, users, settings, the KPI inputs and
//! targets) are three WebAssembly bundles sharing the IndexedDB data, so none downloads the others' screens. Each
//! bundle's `main` picks its page's `PAGE` (`routes::service`, `routes::assessment`, `routes::admin`, each beside its
//! screens); this module says which paths belong to which page (`PAGE_PATHS`, the one list the servers and the
//! service worker are checked against), applies the cross-page rule to every link, and holds what the pages share.
//!
//! Must not: hold screens (`routes`) or state (`state`).

use leptos::prelude::*;

use crate::ui::components::history::needs_history;
use crate::ui::state::KioskSession;

/// One page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Service,
    Assessment,
    Admin,
}

/// The paths that are not the service page's, each with everything under it, and the page they belong to: the
/// assessment page's, then the administration page's (rarely visited, set up once and kept, and the data exchange:
/// once a day, by file). Every other path is the service page's. This is the one table of the rule:
/// scripts/serve.py and public/sw.js hold a copy that a native test compares with it (`tests/native/areas.rs`).
pub const PAGE_PATHS: [(&str, Area); 7] = [
    ("/assessment", Area::Assessment),
    ("/org", Area::Admin),
    ("/providers", Area::Admin),
    ("/users", Area::Admin),
    ("/settings", Area::Admin),
    ("/inputs", Area::Admin),
    ("/data", Area::Admin),
];

impl Area {
    /// The page a path belongs to (`PAGE_PATHS`).
    pub fn of_path(path: &str) -> Area {
        let under = |prefix: &str| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        PAGE_PATHS
            .iter()
            .find(|(prefix, _)| under(prefix))
            .map_or(Area::Service, |(_, area)| *area)
    }

    /// The HTML file that is this page (what a server answers for any of its paths).
    pub fn html(self) -> &'static str {
        match self {
            Area::Service => "index.html",
            Area::Assessment => "assessment.html",
            Area::Admin => "admin.html",
        }
    }
}

/// Whether `path` (a query or fragment allowed) is another page's than the one showing it.
pub fn on_other_page(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    Area::of_path(path) != expect_context::<Page>().area
}

/// The cross-page rule, applied once for every link of the page: a click on a link to another page's path is taken
/// from the router, which would look for the path among this page's routes and find nothing, and the browser loads
/// that page instead. A link to this page's paths stays the router's (no reload). The listener runs in the capture
/// phase, before the router's own on the window; clicks the router leaves alone (another button, a modifier key, a
/// `target` or `download`, another origin) it leaves alone too. So no link has to remember the rule.
pub fn load_other_pages_on_click(area: Area) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let on_click =
        Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
            if event.default_prevented()
                || event.button() != 0
                || event.meta_key()
                || event.alt_key()
                || event.ctrl_key()
                || event.shift_key()
            {
                return;
            }
            let Some(link) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .and_then(|element| element.closest("a[href]").ok().flatten())
                .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
            else {
                return;
            };
            let location = window().location();
            let same_origin = location
                .origin()
                .is_ok_and(|origin| origin == link.origin());
            if !link.target().is_empty() || link.has_attribute("download") || !same_origin {
                return;
            }
            if Area::of_path(&link.pathname()) != area {
                event.prevent_default();
                let _ = location.assign(&link.href());
            }
        });
    let _ = document().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    // The listener lives as long as the page.
    on_click.forget();
}

/// What a page's bundle brings: which area it is, its routes, what it shows in kiosk mode and on a first start (no
/// users yet), and a screen for an outsider at a path of its own (no store, no sign-in), if the path is one.
#[derive(Clone, Copy)]
pub struct Page {
    pub area: Area,
    pub routes: fn() -> AnyView,
    pub kiosk: fn(KioskSession) -> AnyView,
    pub first_start: fn() -> AnyView,
    pub public: fn(&str) -> Option<AnyView>,
}

/// A first start: create the administrator (or load the demo, or go to the data screen to start from a file).
pub fn welcome() -> AnyView {
    use crate::ui::routes::welcome::Welcome;
    view! { <Welcome /> }.into_any()
}

/// A device locked into a survey belongs on the service page, which shows the survey.
pub fn leave_for_kiosk(_: KioskSession) -> AnyView {
    let _ = window().location().replace("/");
    ().into_any()
}

/// `screen`, shown once what it needs is there: `needs` is `components::history`'s `needs_history` or `needs_facts`.
pub fn after<V: IntoView + 'static>(
    needs: fn(ChildrenFn) -> AnyView,
    screen: fn() -> V,
) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || needs(std::sync::Arc::new(move || (move || screen()).into_any()))
}

/// `screen` once the tickets' history is read.
pub fn after_history<V: IntoView + 'static>(
    screen: fn() -> V,
) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    after(needs_history, screen)
}
