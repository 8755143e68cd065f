//! What a user does, end to end, in headless Chromium against the release build (`make dist` first).
//! Run one at a time (`--test-threads=1`): each starts its own server, chromedriver and browser profile.

// The std sorts are turned away for the app's code size (clippy.toml, `domain::sorting`); a test's code is not shipped.
#![allow(clippy::disallowed_methods)]

use std::time::{Duration, Instant};

use e2e::{
    Session, choose, click, console, console_errors, count, fill, shot, wait_for, wait_for_text,
    wait_gone,
};
use thirtyfour::prelude::*;

#[path = "app/assessment.rs"]
mod assessment;
#[path = "app/hardening.rs"]
mod hardening;
#[path = "app/kpis.rs"]
mod kpis;
#[path = "app/layout.rs"]
mod layout;
#[path = "app/opening.rs"]
mod opening;
#[path = "app/providers.rs"]
mod providers;
#[path = "app/quality.rs"]
mod quality;
#[path = "app/surveys.rs"]
mod surveys;
#[path = "app/sync.rs"]
mod sync;
#[path = "app/taps.rs"]
mod taps;
#[path = "app/tickets.rs"]
mod tickets;

/// First start: create the administrator (with a PIN if given), land on the ticket list, go to the org screen.
pub(crate) async fn create_admin(driver: &WebDriver, pin: &str) {
    wait_for(driver, "[data-page=welcome]").await;
    fill(driver, "input[name=pin]", pin).await;
    fill(driver, "input[name=pin-confirm]", pin).await;
    click(driver, "button[name=create-admin]").await;
    wait_for(driver, "[data-page=tickets]").await;
    click(driver, ".topbar__nav a[href='/org']").await;
    wait_for(driver, "[data-page=org]").await;
}

pub(crate) async fn add_unit(driver: &WebDriver, name: &str, kind: &str, parent: Option<&str>) {
    click(driver, "[data-action=add-unit]").await;
    fill(driver, "[data-page=unit-form] input[name=name]", name).await;
    choose(driver, "select[name=kind]", kind).await;
    if let Some(parent) = parent {
        choose(driver, "select[name=parent]", parent).await;
    }
    click(driver, "button[name=save]").await;
    wait_for_text(driver, ".tree__name", name).await;
}

pub(crate) struct Person<'a> {
    pub(crate) number: &'a str,
    pub(crate) name: &'a str,
    pub(crate) position: &'a str,
    pub(crate) unit: &'a str,
    pub(crate) superior: Option<&'a str>,
}

pub(crate) async fn fill_staff(driver: &WebDriver, person: &Person<'_>) {
    click(driver, "[data-action=add-staff]").await;
    fill(driver, "input[name=number]", person.number).await;
    fill(driver, "input[name=name]", person.name).await;
    choose(driver, "select[name=position]", person.position).await;
    choose(driver, "select[name=affiliation]", person.unit).await;
    if let Some(superior) = person.superior {
        choose(driver, "select[name=superior]", superior).await;
    }
    click(driver, "button[name=save]").await;
}

async fn staff_numbers(driver: &WebDriver) -> Vec<String> {
    let mut numbers = Vec::new();
    for row in driver
        .find_all(By::Css("[data-table=staff] tbody tr"))
        .await
        .unwrap()
    {
        numbers.push(row.attr("data-staff").await.unwrap().unwrap_or_default());
    }
    numbers
}

#[tokio::test]
async fn org_and_staff_survive_a_reload_with_the_chosen_language() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "2468").await;

    add_unit(driver, "星河电器", "公司", None).await;
    add_unit(driver, "华东区", "区域", Some("星河电器")).await;
    let supervisor = Person {
        number: "S001",
        name: "李主管",
        position: "主管",
        unit: "华东区",
        superior: None,
    };
    fill_staff(driver, &supervisor).await;
    wait_for(driver, "[data-staff=S001]").await;
    let engineer = Person {
        number: "S002",
        name: "陈工",
        position: "工程师",
        unit: "华东区",
        superior: Some("李主管"),
    };
    fill_staff(driver, &engineer).await;
    wait_for(driver, "[data-staff=S002]").await;

    // Bad input: a duplicate staff number and an empty name are refused next to their fields; nothing is saved.
    let duplicate = Person {
        number: "S001",
        name: "",
        position: "工程师",
        unit: "华东区",
        superior: None,
    };
    fill_staff(driver, &duplicate).await;
    wait_for_text(driver, "[data-field=Number]", "工号 S001 已被其他人员使用").await;
    wait_for_text(driver, "[data-field=Name]", "必填").await;
    shot(driver, "staff-form-errors").await;
    assert!(
        driver.find(By::Css("[data-page=staff-form]")).await.is_ok(),
        "the form stays open with what was typed"
    );
    session.open("/org").await;
    wait_for(driver, "[data-staff=S002]").await;
    assert_eq!(staff_numbers(driver).await, ["S001", "S002"]);
    shot(driver, "org").await;

    // A superior that would close a loop: 李主管 reporting to 陈工, who reports to 李主管.
    click(driver, "[data-staff=S001] a").await;
    choose(driver, "select[name=superior]", "陈工").await;
    click(driver, "button[name=save]").await;
    wait_for_text(
        driver,
        "[data-field=Superior]",
        "会形成循环上下级：李主管 → 陈工 → 李主管",
    )
    .await;

    // Switch to English; a reload keeps the language, the user and the data.
    click(driver, "button[name=language]").await;
    wait_for_text(driver, ".topbar__nav", "Organisation").await;
    driver.refresh().await.unwrap();
    wait_for_text(driver, ".topbar__nav", "Organisation").await;
    session.open("/org").await;
    wait_for(driver, "[data-staff=S002]").await;
    assert_eq!(staff_numbers(driver).await, ["S001", "S002"]);
    wait_for_text(driver, "[data-staff=S002]", "李主管").await;
    wait_for_text(driver, ".tree", "华东区").await;
    assert_eq!(
        driver
            .find(By::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("en")
    );

    let errors = console_errors(driver).await;
    assert!(
        errors.is_empty(),
        "the console shows errors (a CSP violation would be one): {errors:?}"
    );
    session.finish().await;
}

pub(crate) async fn wait_for_service_worker(driver: &WebDriver) {
    let started = Instant::now();
    loop {
        let controlled = driver
            .execute(
                "return !!navigator.serviceWorker && !!navigator.serviceWorker.controller;",
                vec![],
            )
            .await
            .unwrap();
        if controlled.json().as_bool() == Some(true) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "no service worker took control:\n{}",
            console(driver).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Whether the page was loaded again since `mark_page` (a routed step keeps the window's state; loading drops it).
async fn page_kept(driver: &WebDriver) -> bool {
    driver
        .execute("return window.__marked === true;", vec![])
        .await
        .unwrap()
        .json()
        .as_bool()
        .unwrap()
}

async fn mark_page(driver: &WebDriver) {
    driver
        .execute("window.__marked = true;", vec![])
        .await
        .unwrap();
}

/// The cross-page rule (`areas::load_other_pages_on_click`): a link to a path of the same page is routed without
/// loading anything, a link to another page's path loads that page — from the main navigation and from a screen.
#[tokio::test]
async fn a_link_within_a_page_is_routed_and_one_to_another_page_loads_it() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "").await;
    // The administration page: the users' list is its own.
    mark_page(driver).await;
    click(driver, ".topbar__nav a[href='/users']").await;
    wait_for(driver, "[data-page=users]").await;
    assert!(
        page_kept(driver).await,
        "a link within the page loaded it again"
    );
    // The dashboard is the service page's.
    click(driver, ".topbar__nav a[href='/kpi']").await;
    wait_for(driver, "[data-page=kpi-dashboard]").await;
    assert!(
        !page_kept(driver).await,
        "the service page's path was routed within the administration page"
    );
    // A screen's link to the administration page's sales figures loads that page and its screen.
    mark_page(driver).await;
    click(driver, "[data-page=kpi-dashboard] a[href='/inputs/sales']").await;
    wait_for(driver, "[data-page=sales]").await;
    assert!(!page_kept(driver).await);
    assert!(e2e::is_at(driver, "/inputs/sales").await);
    // Back in the browser's history lands on the dashboard again.
    driver.back().await.unwrap();
    wait_for(driver, "[data-page=kpi-dashboard]").await;
    assert!(
        console_errors(driver).await.is_empty(),
        "{}",
        console(driver).await
    );
}

#[tokio::test]
async fn after_the_first_visit_the_app_starts_and_saves_with_the_server_gone() {
    let mut session = Session::start().await;
    session.open("/").await;
    create_admin(&session.driver, "").await;
    wait_for_service_worker(&session.driver).await;

    session.server.stop();
    let driver = &session.driver;
    session.open("/org").await;
    wait_for(driver, "[data-page=org]").await;
    add_unit(driver, "离线新增的单元", "班组", None).await;
    driver.refresh().await.unwrap();
    wait_for_text(driver, ".tree__name", "离线新增的单元").await;

    // A deep link also opens offline (the service worker answers any route with the app).
    session.open("/settings").await;
    wait_for_text(driver, "[data-fact=storage]", "IndexedDB").await;
    // The browser's answer to navigator.storage.persist() is shown, whichever it was.
    let persistence = wait_for(driver, "[data-fact=persistence]")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        ["已获准", "未获准", "无法查询"]
            .iter()
            .any(|answer| persistence.contains(answer)),
        "{persistence}"
    );

    // The org and the settings are on the administration page, the assessment screens on a page of their own: the
    // main navigation loads it, also offline, with the same data (the unit added offline is a pilot unit a scheme
    // may name), and its navigation leads back.
    click(driver, ".topbar__nav a[href='/assessment']").await;
    wait_for(driver, "[data-page=assessment]").await;
    click(driver, "[data-action=schemes]").await;
    click(driver, "[data-action=new-scheme]").await;
    click(driver, "details.field summary").await;
    wait_for(driver, "[data-unit='离线新增的单元']").await;
    click(driver, ".topbar__nav a[href='/org']").await;
    wait_for_text(driver, ".tree__name", "离线新增的单元").await;
    // The service page, too (the org is on the administration page): the tickets list, offline.
    click(driver, ".topbar__nav a[href='/tickets']").await;
    wait_for(driver, "[data-page=tickets]").await;
    assert!(
        console_errors(driver).await.is_empty(),
        "{}",
        console(driver).await
    );
    session.finish().await;
}

#[tokio::test]
async fn a_role_without_the_right_cannot_reach_the_staff_editor() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "2468").await;

    // The administrator adds an engineer login with a PIN.
    click(driver, "a[href='/users']").await;
    click(driver, "[data-action=add-user]").await;
    fill(driver, "[data-page=user-form] input[name=name]", "陈工").await;
    choose(driver, "select[name=role]", "工程师").await;
    fill(driver, "input[name=pin]", "12").await;
    fill(driver, "input[name=pin-confirm]", "12").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=Pin]", "PIN 须为 4–8 位数字").await;
    fill(driver, "input[name=pin]", "1357").await;
    fill(driver, "input[name=pin-confirm]", "1357").await;
    click(driver, "button[name=save]").await;
    wait_for(driver, "[data-table=users] [data-user=陈工]").await;

    // Switch to the engineer: a wrong PIN is refused, the right one signs in.
    click(driver, "button[name=switch-user]").await;
    click(driver, "button[data-user=陈工]").await;
    fill(driver, "input[name=pin]", "0000").await;
    click(driver, "button[name=sign-in]").await;
    wait_for_text(driver, "[data-field=Pin]", "PIN 不正确").await;
    fill(driver, "input[name=pin]", "1357").await;
    click(driver, "button[name=sign-in]").await;
    wait_for_text(driver, ".topbar__user", "陈工").await;
    shot(driver, "engineer-org").await;

    // No users link, no add buttons; typing the editor's address shows a refusal, not the form.
    assert!(count(driver, "a[href='/users']").await == 0);
    session.open("/org").await;
    wait_for(driver, "[data-page=org]").await;
    assert!(count(driver, "[data-action=add-staff], [data-action=add-unit]").await == 0);
    for path in ["/org/staff/new", "/users/new", "/org/units/new"] {
        session.open(path).await;
        wait_for(driver, "[data-refused]").await;
        wait_gone(driver, "input[name=number], input[name=name]").await;
    }
    shot(driver, "refused").await;

    // Reload: still the engineer (the choice is kept on this tablet), still refused.
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-refused]").await;
    wait_for_text(driver, ".topbar__user", "陈工").await;
    session.finish().await;
}

#[tokio::test]
async fn a_first_start_with_mismatched_pins_saves_nothing() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    wait_for(driver, "[data-page=welcome]").await;
    fill(driver, "input[name=name]", "").await;
    fill(driver, "input[name=pin]", "1234").await;
    fill(driver, "input[name=pin-confirm]", "4321").await;
    click(driver, "button[name=create-admin]").await;
    wait_for_text(driver, "[data-field=Name]", "必填").await;
    wait_for_text(driver, "[data-field=PinConfirm]", "两次输入的 PIN 不一致").await;
    shot(driver, "welcome-errors").await;
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=welcome]").await;
    session.finish().await;
}

/// Fills this origin's localStorage until it refuses; returns how many keys it wrote.
pub(crate) const FILL_LOCAL_STORAGE: &str = r#"
    let count = 0;
    const block = "x".repeat(256 * 1024);
    try { for (;;) { localStorage.setItem("filler." + count, block); count++; } } catch (e) {}
    for (const size of [512, 16, 1]) {
        const small = "y".repeat(size);
        try { for (;;) { localStorage.setItem("filler." + count, small); count++; } } catch (e) {}
    }
    return count;
"#;

pub(crate) const EMPTY_FILLER: &str = r#"
    Object.keys(localStorage).filter((k) => k.startsWith("filler.")).forEach((k) => localStorage.removeItem(k));
"#;

#[tokio::test]
async fn without_indexeddb_the_app_warns_and_a_full_storage_refuses_an_edit_without_losing_data() {
    let session = Session::start().await;
    let driver = &session.driver;
    // As in a private window that refuses IndexedDB.
    driver
        .cdp()
        .send_raw(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": "Object.defineProperty(window, 'indexedDB', { value: undefined });" }),
        )
        .await
        .unwrap();
    session.open("/").await;
    wait_for_text(driver, ".banner--warning", "localStorage").await;
    create_admin(driver, "").await;
    add_unit(driver, "甲组", "班组", None).await;

    let written = driver.execute(FILL_LOCAL_STORAGE, vec![]).await.unwrap();
    assert!(
        written.json().as_u64().unwrap_or(0) > 0,
        "the filler wrote something"
    );
    click(driver, "[data-action=add-unit]").await;
    fill(driver, "[data-page=unit-form] input[name=name]", "乙组").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, ".toast--error", "存储空间已满，这次修改没有保存").await;
    shot(driver, "quota").await;
    assert!(
        driver.find(By::Css("[data-page=unit-form]")).await.is_ok(),
        "the form stays open, nothing is lost"
    );
    // The message's "export a backup" leads to the export.
    click(driver, ".toast--error .toast__link").await;
    wait_for(driver, "[data-page=data] button[name=export]").await;

    driver.execute(EMPTY_FILLER, vec![]).await.unwrap();
    session.open("/org").await;
    wait_for_text(driver, ".tree__name", "甲组").await;
    let names = driver
        .find(By::Css(".tree"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !names.contains("乙组"),
        "the refused unit was not half-saved: {names}"
    );
    wait_for_text(
        driver,
        "[data-fact=storage], .banner--warning",
        "localStorage",
    )
    .await;
    session.finish().await;
}

#[tokio::test]
async fn a_save_in_one_tab_shows_in_the_other_and_both_keep_saving() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "").await;
    add_unit(driver, "第一个标签页的单元", "班组", None).await;
    let first = driver.window().await.unwrap();

    let second = driver.new_tab().await.unwrap();
    driver.switch_to_window(second.clone()).await.unwrap();
    session.open("/org").await;
    wait_for_text(driver, ".tree__name", "第一个标签页的单元").await;

    driver.switch_to_window(first).await.unwrap();
    add_unit(driver, "之后新增", "班组", None).await;
    driver.switch_to_window(second).await.unwrap();
    wait_for_text(driver, ".tree__name", "之后新增").await;
    add_unit(driver, "第二个标签页的单元", "班组", None).await;

    driver.refresh().await.unwrap();
    let tree = wait_for_text(driver, ".tree", "第二个标签页的单元")
        .await
        .text()
        .await
        .unwrap();
    for name in ["第一个标签页的单元", "之后新增", "第二个标签页的单元"] {
        assert!(
            tree.contains(name),
            "{name} is missing after a reload: {tree}"
        );
    }
    session.finish().await;
}

#[tokio::test]
async fn providers_with_their_engineers_and_removals_that_are_refused_or_confirmed() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "").await;
    add_unit(driver, "华南区", "区域", None).await;

    // A provider: a phone that is not one is refused next to the field; the list masks the number.
    click(driver, "a[href='/providers']").await;
    click(driver, "[data-action=add-provider]").await;
    fill(
        driver,
        "[data-page=provider-form] input[name=name]",
        "顺达安装",
    )
    .await;
    fill(driver, "input[name=contact]", "孙经理").await;
    fill(driver, "input[name=phone]", "12345").await;
    choose(driver, "select[name=region]", "华南区").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=Phone]", "不是有效的电话号码").await;
    fill(driver, "input[name=phone]", "138-1234-5678").await;
    click(driver, "button[name=save]").await;
    let row = wait_for(driver, "[data-provider=顺达安装]").await;
    let text = row.text().await.unwrap();
    assert!(
        text.contains("138****5678") && !text.contains("1234"),
        "the phone is masked: {text}"
    );

    // One of its engineers is staff affiliated with the provider.
    session.open("/org").await;
    let engineer = Person {
        number: "P001",
        name: "王师傅",
        position: "工程师",
        unit: "顺达安装",
        superior: None,
    };
    fill_staff(driver, &engineer).await;
    wait_for_text(driver, "[data-provider=顺达安装] td.number", "1").await;

    // Removing the provider is refused while it has engineers; removing an empty unit asks, then happens.
    click(driver, "[data-provider=顺达安装] a").await;
    click(driver, "button[name=delete]").await;
    wait_for_text(driver, "[data-field=Record]", "该服务商还有 1 名工程师").await;
    session.open("/org").await;
    click(driver, "[data-edit-unit=华南区]").await;
    click(driver, "button[name=delete]").await;
    driver.accept_alert().await.unwrap();
    wait_for(driver, "[data-page=org]").await;
    wait_gone(driver, "[data-edit-unit=华南区]").await;
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=org]").await;
    wait_gone(driver, "[data-edit-unit=华南区]").await;
    session.finish().await;
}

/// Data the app stored before its binary encoding (schema 1: JSON text in IndexedDB) opens as before: it is read
/// in the worker module (its JSON reader is not in the page's bundle), shown, and written back as bytes.
#[tokio::test]
async fn data_stored_as_json_by_schema_1_opens_through_the_worker_and_is_written_back_as_bytes() {
    use aftersales::domain::access::{Role, User};
    use aftersales::domain::clock::Stamp;
    use aftersales::domain::dataset::Change;
    use aftersales::domain::ids::{DeviceId, Id};
    use aftersales::domain::org::{OrgUnit, UnitKind};
    use aftersales::domain::record::Versioned;
    fn version<T>(n: u128, body: T) -> Versioned<T> {
        Versioned {
            id: Id::from_u128(n),
            stamp: Stamp {
                wall_ms: 1_700_000_000_000 + n as u64,
                counter: 0,
                device: DeviceId::from_u128(9),
            },
            deleted: false,
            history: None,
            body,
        }
    }
    let changes = [
        Change::User(version(
            1,
            User {
                name: "老版本管理员".into(),
                role: Role::Admin,
                staff: None,
                pin: None,
            },
        )),
        Change::Unit(version(
            2,
            OrgUnit {
                name: "旧数据华东大区".into(),
                kind: UnitKind::Region,
                parent: None,
            },
        )),
    ];
    let json: Vec<String> = changes
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();

    let session = Session::start().await;
    let driver = &session.driver;
    // A page of the same origin that does not start the app: the database is written as schema 1 left it.
    session.open("/manifest.webmanifest").await;
    let written = driver
        .execute_async(
            "const [entries, done] = [arguments[0], arguments[arguments.length - 1]];
             const open = indexedDB.open('aftersales', 1);
             open.onupgradeneeded = () => {
               const db = open.result;
               db.createObjectStore('log', {autoIncrement: true});
               db.createObjectStore('snapshot');
               db.createObjectStore('meta');
             };
             open.onsuccess = () => {
               const tx = open.result.transaction(['log', 'meta'], 'readwrite');
               for (const entry of entries) tx.objectStore('log').add(entry);
               tx.objectStore('meta').put(1, 'schema_version');
               tx.oncomplete = () => { open.result.close(); done('ok'); };
               tx.onerror = () => done('error ' + tx.error);
             };",
            vec![serde_json::to_value(&json).unwrap()],
        )
        .await
        .unwrap();
    assert_eq!(written.json().as_str(), Some("ok"));

    session.open("/").await;
    wait_for_text(driver, "[data-user]", "老版本管理员").await;
    click(driver, "[data-user]").await;
    wait_for(driver, "[data-page=tickets]").await;
    click(driver, ".topbar__nav a[href='/org']").await;
    wait_for_text(driver, ".tree__name", "旧数据华东大区").await;

    // Written back: the current schema in meta, the records in the snapshot as bytes, no JSON left.
    let stored = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const open = indexedDB.open('aftersales');
             open.onsuccess = () => {
               const tx = open.result.transaction(['log', 'snapshot', 'meta'], 'readonly');
               const schema = tx.objectStore('meta').get('schema_version');
               const chunks = tx.objectStore('snapshot').getAll();
               const log = tx.objectStore('log').getAll();
               tx.oncomplete = () => {
                 const all = [...chunks.result, ...log.result];
                 done([schema.result, chunks.result.length, all.every((v) => v instanceof Uint8Array)]);
                 open.result.close();
               };
             };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        stored.json(),
        &serde_json::json!([aftersales::store::CURRENT_SCHEMA, 1, true])
    );
    driver.refresh().await.unwrap();
    wait_for_text(driver, ".tree__name", "旧数据华东大区").await;
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}
