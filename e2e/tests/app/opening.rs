//! Opening with a long history (issue 19): the records are read first and the first screen shows at once; the
//! tickets' history is read behind it in slices, while the screens that need it say how far reading is; then they
//! open with every ticket. Measured with the CPU throttled, so the reading lasts long enough to be seen.

use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::calendar::Calendar;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::Id;
use aftersales::domain::record::Versioned;
use aftersales::store::snapshot;
use e2e::{Session, console_errors, store_company, wait_for, wait_for_text, wait_for_tiles};
use thirtyfour::prelude::*;

/// Records, for each selector, the history's state (`main[data-history]`) when it first matched.
const SEEN_WATCH: &str = r#"
    window.__seen = {};
    window.__states = [];
    const watched = ['[data-page=schemes]', 'section[data-history=reading]', '[data-fact=ticket-count]'];
    new MutationObserver(() => {
        const state = document.querySelector('main')?.dataset.history;
        if (state && window.__states[window.__states.length - 1] !== state) { window.__states.push(state); }
        for (const css of watched) {
            if (!(css in window.__seen) && document.querySelector(css)) {
                window.__seen[css] = document.querySelector('main')?.dataset.history ?? null;
            }
        }
    }).observe(document, { childList: true, subtree: true, attributes: true });
"#;

async fn seen(driver: &WebDriver, css: &str) -> Option<String> {
    driver
        .execute(
            "return window.__seen[arguments[0]] ?? null;",
            vec![css.into()],
        )
        .await
        .unwrap()
        .json()
        .as_str()
        .map(str::to_string)
}

/// Waits (up to `seconds`: the CPU is throttled) until `css` matches.
async fn reached(driver: &WebDriver, css: &str, seconds: u64) {
    let found = driver
        .query(By::Css(css))
        .wait(
            std::time::Duration::from_secs(seconds),
            std::time::Duration::from_millis(100),
        )
        .first()
        .await;
    assert!(found.is_ok(), "{css} within {seconds} s");
}

/// Waits (up to a minute) until the history is read.
async fn history_read(driver: &WebDriver) {
    reached(driver, "main[data-history=read]", 60).await;
}

/// The demo company with 4,000 tickets stored as the app's snapshot (its administrator signed in), `watch` run in
/// every page from now on, and the CPU throttled 6×, so the history's reading lasts long enough to be seen: the
/// data, the chunks written and how many hold the records.
async fn company_throttled(session: &Session, now: i64, watch: &str) -> (Dataset, usize, usize) {
    let stored = store_company(
        session,
        generate(
            DemoSpec {
                tickets: 4_000,
                ..DemoSpec::company(now)
            },
            &Calendar::china_default(),
        ),
    )
    .await;
    e2e::on_every_page(&session.driver, watch).await;
    e2e::throttle_cpu(&session.driver, 6).await;
    stored
}

/// The time now, as the app reads it.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn the_first_screen_opens_before_the_history_and_the_screens_that_need_it_wait_for_it() {
    let session = Session::start().await;
    let driver = &session.driver;
    let (data, chunks, head) = company_throttled(&session, now(), SEEN_WATCH).await;
    assert!(chunks - head >= 10, "{chunks} chunks, {head} of records");

    // A screen that needs only the records (the assessment schemes) shows while the history is still read.
    session.open("/assessment/schemes").await;
    wait_for(driver, "[data-page=schemes]").await;
    assert_eq!(
        seen(driver, "[data-page=schemes]").await.as_deref(),
        Some("reading")
    );
    history_read(driver).await;
    assert!(
        driver.find(By::Css("[data-page=schemes]")).await.is_ok(),
        "still on the schemes"
    );

    // A screen that needs the tickets says how far reading is, then shows every ticket.
    session.open("/tickets?state=all").await;
    history_read(driver).await;
    let states = driver
        .execute("return window.__states;", vec![])
        .await
        .unwrap()
        .json()
        .clone();
    println!("the history's states on the ticket list: {states}");
    assert_eq!(
        seen(driver, "section[data-history=reading]")
            .await
            .as_deref(),
        Some("reading"),
        "the list waited for the history, saying so"
    );
    assert_eq!(
        seen(driver, "[data-fact=ticket-count]").await.as_deref(),
        Some("read"),
        "the list showed only once the history was read"
    );
    wait_for_text(
        driver,
        "[data-fact=ticket-count]",
        &format!("共 {} 张工单", data.tickets.owner_count()),
    )
    .await;
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}

/// Records, when the dashboard's tiles first show (all at once, from one set of facts), the history's state and the
/// kept facts'.
const TILES_WATCH: &str = r#"
    window.__tiles = null;
    new MutationObserver(() => {
        if (!window.__tiles && document.querySelector('.kpi-tile[data-kpi]')) {
            const main = document.querySelector('main');
            window.__tiles = { history: main?.dataset.history ?? null, derived: main?.dataset.derived ?? null };
        }
    }).observe(document, { childList: true, subtree: true, attributes: true });
"#;

/// The history's state and the kept facts' when the tiles first had their values.
async fn tiles_seen(driver: &WebDriver) -> (String, String) {
    reached(driver, ".kpi-tile[data-kpi]", 60).await;
    let state = driver
        .execute("return window.__tiles;", vec![])
        .await
        .unwrap()
        .json()
        .clone();
    let field = |name: &str| state[name].as_str().unwrap_or_default().to_string();
    (field("history"), field("derived"))
}

/// Every tile's KPI and shown value, in order.
async fn tile_values(driver: &WebDriver) -> Vec<(String, String)> {
    let mut values = Vec::new();
    for tile in driver.find_all(By::Css("[data-kpi]")).await.unwrap() {
        let kpi = tile.attr("data-kpi").await.unwrap().unwrap_or_default();
        let value = match tile.find(By::Css(".kpi-tile__value")).await {
            Ok(value) => value.attr("data-value").await.unwrap().unwrap_or_default(),
            Err(_) => continue,
        };
        values.push((kpi, value));
    }
    values
}

/// The last day of the month before the one `now` is in (the company's time).
fn last_month(now: i64) -> aftersales::domain::calendar::Date {
    let today = Calendar::china_default().local_date(now);
    today.add_days(-i64::from(today.day()))
}

/// Waits (up to two minutes: the CPU is throttled) until the worker kept the facts of what is stored.
async fn facts_kept(driver: &WebDriver) {
    reached(driver, "main[data-derived=kept]", 120).await;
}

#[tokio::test]
async fn the_dashboard_opens_from_the_facts_kept_with_the_data_and_never_from_stale_ones() {
    let session = Session::start().await;
    let driver = &session.driver;
    let now = now();
    let (data, _, _) = company_throttled(&session, now, TILES_WATCH).await;

    // Nothing kept yet: the dashboard waits for the history and folds the facts; once the data is quiet, the worker
    // derives them from what is stored and keeps them.
    session.open("/kpi").await;
    assert_eq!(tiles_seen(driver).await.0, "read");
    let folded = tile_values(driver).await;
    assert!(folded.len() >= 21, "{folded:?}");
    facts_kept(driver).await;

    // Opened again: the tiles show from the kept facts while the history is still read — the same figures.
    session.open("/kpi").await;
    assert_eq!(
        tiles_seen(driver).await,
        ("reading".to_string(), "used".to_string())
    );
    assert_eq!(tile_values(driver).await, folded);
    history_read(driver).await;
    wait_for_tiles(driver).await;
    assert_eq!(
        tile_values(driver).await,
        folded,
        "unchanged by the history"
    );

    // Another tab saves a cost line of last month (the month the dashboard shows) into the log: what is kept is
    // another data's now, so the dashboard waits for the history again rather than show stale figures.
    let line = data
        .costs
        .versions()
        .find(|v| {
            let (day, shown) = (v.body.day, last_month(now));
            !v.deleted && (day.year(), day.month()) == (shown.year(), shown.month())
        })
        .expect("the company has costs last month")
        .clone();
    let mut body = line.body.clone();
    body.amount = aftersales::domain::money::Fen(body.amount.0 + 9_876_543);
    let mut stamp = line.stamp;
    stamp.wall_ms += 1;
    let saved = Change::Cost(Versioned::new(Id::from_u128(0xc057_0019), stamp, body));
    let appended = driver
        .execute_async(
            "const [bytes, done] = arguments;
             const open = indexedDB.open('aftersales');
             open.onsuccess = () => {
               const tx = open.result.transaction(['log'], 'readwrite');
               tx.objectStore('log').add(new Uint8Array(bytes));
               tx.oncomplete = () => { open.result.close(); done('added'); };
               tx.onerror = () => done('error ' + tx.error);
             };",
            vec![serde_json::json!(snapshot::encode_change(&saved))],
        )
        .await
        .unwrap();
    assert_eq!(appended.json().as_str(), Some("added"));
    session.open("/kpi").await;
    // Not shown from the kept facts (`stale` when the dashboard asked for them before the history was read, `idle`
    // when the history was read first): the tiles waited for the history.
    let (history, derived) = tiles_seen(driver).await;
    assert_eq!(history, "read", "stale facts are not shown");
    assert_ne!(derived, "used", "stale facts are not shown");
    let with_cost = tile_values(driver).await;
    assert_ne!(with_cost, folded, "the cost line counts");
    facts_kept(driver).await;
    session.open("/kpi").await;
    assert_eq!(tiles_seen(driver).await.1, "used");
    assert_eq!(tile_values(driver).await, with_cost);
    history_read(driver).await;

    // The history's last chunk lost (a bad disk) after the facts were kept: they name the same snapshot and log, so
    // the first screen shows them; once the history is read and the loss found, the figures are folded from what
    // reads, and the worker keeps the facts of that — the next opening shows the same figures.
    let deleted = driver
        .execute_async(
            "const done = arguments[0];
             const open = indexedDB.open('aftersales');
             open.onsuccess = () => {
               const tx = open.result.transaction(['snapshot', 'meta'], 'readwrite');
               const count = tx.objectStore('meta').get('chunks');
               count.onsuccess = () => tx.objectStore('snapshot').delete(count.result - 1);
               tx.oncomplete = () => { open.result.close(); done('deleted'); };
               tx.onerror = () => done('error ' + tx.error);
             };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(deleted.json().as_str(), Some("deleted"));
    session.open("/kpi").await;
    assert_eq!(tiles_seen(driver).await.1, "used");
    history_read(driver).await;
    reached(
        driver,
        "main[data-history=read]:not([data-derived=used])",
        60,
    )
    .await;
    wait_for_tiles(driver).await;
    let after_loss = tile_values(driver).await;
    facts_kept(driver).await;
    session.open("/kpi").await;
    assert_eq!(tiles_seen(driver).await.1, "used");
    assert_eq!(tile_values(driver).await, after_loss);
    history_read(driver).await;
    wait_for_tiles(driver).await;
    assert_eq!(tile_values(driver).await, after_loss, "what reads, as kept");
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}
