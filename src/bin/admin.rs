//! The administration page's binary (the org, providers, users, settings, the KPI inputs and targets): the same app
//! with the administration area's routes, built as its own bundle so that the service page, used every day on the
//! tablets, does not download these screens (ARCHITECTURE.md, "One page per area").

use aftersales::ui::{App, AppProps, routes};

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        App(AppProps {
            page: routes::admin::PAGE,
        })
    });
}
