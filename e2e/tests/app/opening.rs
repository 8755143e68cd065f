//! Opening with a long history (issue 19): the records are read first and the first screen shows at once; the
//! tickets' history is read behind it in slices, while the screens that need it say how far reading is; then they
//! open with every ticket. Measured with the CPU throttled, so the reading lasts long enough to be seen.

use aftersales::demo::{DemoSpec, generate};
use aftersales::domain::calendar::Calendar;
use e2e::{Session, console_errors, store_company, wait_for, wait_for_text};
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

/// Waits (up to a minute: the CPU is throttled) until the history is read.
async fn history_read(driver: &WebDriver) {
    driver
        .query(By::Css("main[data-history=read]"))
        .wait(
            std::time::Duration::from_secs(60),
            std::time::Duration::from_millis(100),
        )
        .first()
        .await
        .expect("the history is read within a minute");
}

#[tokio::test]
async fn the_first_screen_opens_before_the_history_and_the_screens_that_need_it_wait_for_it() {
    let session = Session::start().await;
    let driver = &session.driver;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let (data, chunks, head) = store_company(
        &session,
        generate(
            DemoSpec {
                tickets: 4_000,
                ..DemoSpec::company(now)
            },
            &Calendar::china_default(),
        ),
    )
    .await;
    assert!(chunks - head >= 10, "{chunks} chunks, {head} of records");
    let cdp = driver.cdp();
    cdp.send_raw(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": SEEN_WATCH }),
    )
    .await
    .unwrap();
    cdp.send_raw(
        "Emulation.setCPUThrottlingRate",
        serde_json::json!({ "rate": 6 }),
    )
    .await
    .unwrap();

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
