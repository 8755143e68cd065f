//! The assessment page's binary (绩效考核): the same app with the assessment area's routes, built as its own
//! bundle so that no page downloads the others' screens (ARCHITECTURE.md, "One page per area").

use aftersales::ui::{App, AppProps, routes};

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        App(AppProps {
            page: routes::assessment::PAGE,
        })
    });
}
