//! The service page's binary (tickets, surveys, the KPIs: what the tablets use every day): installs the panic hook
//! and mounts the app with the service area's routes. Everything else lives in the library.

use aftersales::ui::{App, AppProps, routes};

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        App(AppProps {
            page: routes::service::PAGE,
        })
    });
}
