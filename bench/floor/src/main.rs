//! The floor of a first start: a bare Leptos 0.8 app with the router and IndexedDB, built as the app is (`make
//! bench` builds it with trunk into target/dist-floor and scores it with Lighthouse beside the app's pages, so the
//! app's figures read as a ratio to what any Leptos app of this shape costs). Must not: grow into anything more
//! than a router, one IndexedDB read and a line of text, or the floor stops being one.

use idb::DatabaseEvent;
use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

/// How many records the floor's database holds (it creates the database on a first start, so 0 then).
async fn stored_records() -> Result<u32, String> {
    read_count().await.map_err(|error| error.to_string())
}

async fn read_count() -> Result<u32, idb::Error> {
    let mut request = idb::Factory::new()?.open("floor", Some(1))?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            let _ = db.create_object_store("records", idb::ObjectStoreParams::new());
        }
    });
    let db = request.await?;
    let tx = db.transaction(&["records"], idb::TransactionMode::ReadOnly)?;
    let count = tx.object_store("records")?.count(None)?.await?;
    Ok(count)
}

#[component]
fn Home() -> impl IntoView {
    let stored = LocalResource::new(stored_records);
    view! {
        <h1>"Aftersales floor"</h1>
        <p data-page="welcome">
            {move || stored.read().as_ref().map(|count| match count {
                Ok(count) => format!("{count} records stored"),
                Err(error) => format!("IndexedDB: {error}"),
            })}
        </p>
        <A href="/about">"About"</A>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/about") view=|| view! { <p>"A bare Leptos app."</p> } />
                </Routes>
            </Router>
        }
    });
}
