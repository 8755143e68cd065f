//! Tablets that merge (R9.2–R9.4), in two browser profiles as two devices: a tablet exports, the office
//! previews (the counts shown) and imports, both devices' records are there, the same file again is "nothing new",
//! undo restores the office's data, a damaged file changes nothing, and an encrypted file refuses no passphrase and
//! a wrong one, then opens with the right one.

use std::path::Path;

use e2e::{
    Profile, Session, choose, click, console_errors, count, download_to, downloaded, fill, shot,
    text_of, wait_for, wait_for_text, wait_for_tiles, wait_gone,
};
use thirtyfour::prelude::*;

use super::{add_unit, create_admin};

/// Exports everything from the data screen (with a passphrase if given) and returns the downloaded file.
pub(crate) async fn export(
    session: &Session,
    downloads: &Path,
    passphrase: Option<&str>,
) -> std::path::PathBuf {
    let driver = &session.driver;
    for old in std::fs::read_dir(downloads).unwrap().flatten() {
        std::fs::remove_file(old.path()).unwrap();
    }
    session.open("/data").await;
    wait_for(driver, "[data-form=export]").await;
    fill(driver, "input[name=device-name]", "平板A").await;
    if let Some(passphrase) = passphrase {
        fill(driver, "input[name=passphrase]", passphrase).await;
        fill(driver, "input[name=passphrase-repeat]", passphrase).await;
    }
    click(driver, "button[name=export]").await;
    wait_for_text(driver, ".toast", "已导出").await;
    downloaded(downloads, "json").await
}

/// Chooses `file` on the data screen and asks for its preview.
pub(crate) async fn preview(session: &Session, file: &Path, passphrase: &str) {
    let driver = &session.driver;
    session.open("/data").await;
    let input = wait_for(driver, "input[name=file]").await;
    input.send_keys(file.display().to_string()).await.unwrap();
    wait_for_text(driver, "[data-file=chosen]", ".json").await;
    fill(driver, "input[name=import-passphrase]", passphrase).await;
    click(driver, "button[name=preview]").await;
}

async fn count_of(driver: &WebDriver, kind: &str, column: &str) -> String {
    text_of(
        driver,
        &format!("[data-table=import-counts] tr[data-kind={kind}] [data-count={column}]"),
    )
    .await
}

#[tokio::test]
async fn a_tablet_and_the_office_exchange_files_and_an_import_can_be_previewed_undone_and_refused()
{
    let tablet = Session::start().await;
    let office = Session::start().await;
    let downloads = Profile::new();
    download_to(&tablet.driver, downloads.path()).await;

    tablet.open("/").await;
    create_admin(&tablet.driver, "1357").await;
    add_unit(&tablet.driver, "平板上建的班组", "班组", None).await;
    let file = export(&tablet, downloads.path(), None).await;
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"format\": \"aftersales-export\"") && text.contains("平板上建的班组"));

    office.open("/").await;
    create_admin(&office.driver, "2468").await;
    add_unit(&office.driver, "办公室建的班组", "班组", None).await;
    let driver = &office.driver;

    // The preview counts what is new; nothing is written before the user says so.
    preview(&office, &file, "").await;
    wait_for(driver, "[data-section=preview]").await;
    assert_eq!(count_of(driver, "unit", "new").await, "1");
    assert_eq!(
        count_of(driver, "user", "new").await,
        "1",
        "the tablet's administrator"
    );
    driver
        .execute(
            "document.querySelector('[data-section=preview]').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    shot(driver, "data-import-preview").await;
    office.open("/org").await;
    wait_for(driver, "[data-page=org]").await;
    assert_eq!(
        count(driver, "[data-edit-unit=平板上建的班组]").await,
        0,
        "not before it is confirmed"
    );

    preview(&office, &file, "").await;
    click(driver, "button[name=apply-import]").await;
    wait_for_text(driver, ".toast", "已导入").await;
    wait_for_text(driver, "[data-table=import-audit]", "来自“平板A”").await;
    office.open("/org").await;
    wait_for(driver, "[data-edit-unit=平板上建的班组]").await;
    wait_for(driver, "[data-edit-unit=办公室建的班组]").await;

    // The same file again brings nothing; undo restores the office's data as it was.
    preview(&office, &file, "").await;
    wait_for(driver, "[data-nothing-new]").await;
    assert_eq!(count(driver, "button[name=apply-import]").await, 0);
    click(driver, "button[name=undo-import]").await;
    driver.accept_alert().await.unwrap();
    wait_for_text(driver, ".toast", "已撤销上次导入").await;
    office.open("/org").await;
    wait_for(driver, "[data-edit-unit=办公室建的班组]").await;
    wait_gone(driver, "[data-edit-unit=平板上建的班组]").await;

    // A damaged file changes nothing and says why.
    let damaged = downloads.path().join("damaged.json");
    std::fs::write(&damaged, text.replacen("平板上建的班组", "被改过的班组", 1)).unwrap();
    preview(&office, &damaged, "").await;
    wait_for_text(driver, "[data-problem=import]", "校验值不符").await;

    // An encrypted export: no passphrase, a wrong one, then the right one.
    let encrypted = export(&tablet, downloads.path(), Some("晚上八点在老地方见面")).await;
    assert!(
        !std::fs::read_to_string(&encrypted)
            .unwrap()
            .contains("平板上建的班组")
    );
    preview(&office, &encrypted, "").await;
    wait_for_text(driver, "[data-problem=import]", "已加密").await;
    preview(&office, &encrypted, "早上八点在老地方见面").await;
    wait_for_text(driver, "[data-problem=import]", "口令不正确").await;
    preview(&office, &encrypted, "晚上八点在老地方见面").await;
    wait_for(driver, "[data-section=preview]").await;
    assert_eq!(count_of(driver, "unit", "new").await, "1");

    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    tablet.finish().await;
    office.finish().await;
}

/// Renames unit `from` to `to` on the org screen.
async fn rename_unit(session: &Session, from: &str, to: &str) {
    let driver = &session.driver;
    session.open("/org").await;
    click(driver, &format!("[data-edit-unit='{from}']")).await;
    fill(driver, "[data-page=unit-form] input[name=name]", to).await;
    click(driver, "button[name=save]").await;
    wait_for(driver, &format!("[data-edit-unit='{to}']")).await;
}

/// Imports `file` on the data screen and waits for it to be written.
pub(crate) async fn import(session: &Session, file: &Path) {
    preview(session, file, "").await;
    wait_for(&session.driver, "[data-section=preview]").await;
    click(&session.driver, "button[name=apply-import]").await;
    wait_for_text(&session.driver, ".toast", "已导入").await;
}

#[tokio::test]
async fn a_unit_renamed_on_both_devices_is_a_conflict_with_both_names_and_the_supervisor_settles_it()
 {
    let tablet = Session::start().await;
    let office = Session::start().await;
    let downloads = Profile::new();
    download_to(&tablet.driver, downloads.path()).await;
    download_to(&office.driver, downloads.path()).await;

    office.open("/").await;
    create_admin(&office.driver, "2468").await;
    add_unit(&office.driver, "华东服务站", "班组", None).await;
    tablet.open("/").await;
    create_admin(&tablet.driver, "1357").await;
    let file = export(&office, downloads.path(), None).await;
    import(&tablet, &file).await;

    // Both rename the same unit offline; the office's rename is the later one.
    rename_unit(&tablet, "华东服务站", "华东服务站（平板）").await;
    rename_unit(&office, "华东服务站", "华东服务站（办公室）").await;
    let file = export(&tablet, downloads.path(), None).await;
    let driver = &office.driver;
    preview(&office, &file, "").await;
    wait_for(driver, "[data-section=preview] [data-conflict=unit]").await;
    assert_eq!(count_of(driver, "unit", "conflicting").await, "1");
    let kept = text_of(driver, "[data-section=preview] [data-value=kept]").await;
    let other = text_of(driver, "[data-section=preview] [data-value=other]").await;
    assert!(kept.contains("华东服务站（办公室）"), "{kept}");
    assert!(other.contains("华东服务站（平板）"), "{other}");
    click(driver, "button[name=apply-import]").await;
    wait_for_text(driver, ".toast", "已导入").await;

    // The conflicts screen lists it with both names; using the other settles it, here and, after the next
    // exchange, on the tablet.
    click(driver, "[data-section=conflicts] a").await;
    wait_for(
        driver,
        "[data-page=conflicts] [data-list=record-conflicts] [data-conflict=unit]",
    )
    .await;
    shot(driver, "data-conflicts").await;
    click(driver, "[data-conflict=unit] button[name=use-other-value]").await;
    wait_for_text(driver, ".toast", "冲突已处理").await;
    wait_for(driver, "[data-no-conflicts]").await;
    office.open("/org").await;
    wait_for(driver, "[data-edit-unit='华东服务站（平板）']").await;

    let settled = export(&office, downloads.path(), None).await;
    import(&tablet, &settled).await;
    tablet.open("/data/conflicts").await;
    wait_for(&tablet.driver, "[data-no-conflicts]").await;
    tablet.open("/org").await;
    wait_for(&tablet.driver, "[data-edit-unit='华东服务站（平板）']").await;

    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    assert_eq!(console_errors(&tablet.driver).await, Vec::<String>::new());
    tablet.finish().await;
    office.finish().await;
}

#[tokio::test]
async fn a_retention_period_anonymises_the_customers_it_covers_and_stays_so_after_a_reload() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.demo_as_manager().await;
    // A manager's home is the dashboard.
    wait_for(driver, "[data-page=kpi-dashboard]").await;

    session.open("/settings/service-levels").await;
    wait_for(driver, "[data-group=retention]").await;
    wait_for(driver, "[data-would-anonymise='0']").await;
    // Not a number of months: refused, nothing saved.
    fill(driver, "input[name=retention-months]", "3年").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=RetentionMonths]", "240").await;

    fill(driver, "input[name=retention-months]", "6").await;
    let banner = wait_for(
        driver,
        "[data-group=retention] [data-would-anonymise]:not([data-would-anonymise='0'])",
    )
    .await;
    let due: usize = banner
        .attr("data-would-anonymise")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    shot(driver, "settings-retention").await;
    // Asked first: declining saves nothing.
    click(driver, "button[name=save]").await;
    driver.dismiss_alert().await.unwrap();
    click(driver, "button[name=save]").await;
    driver.accept_alert().await.unwrap();
    wait_for_text(driver, ".toast", &format!("已匿名化 {due} 张工单")).await;

    for reload in [false, true] {
        if reload {
            driver.refresh().await.unwrap();
        }
        session.open("/tickets").await;
        wait_for(driver, "[data-page=tickets]").await;
        choose(driver, "select[name=state]", "全部状态").await;
        choose(driver, "select[name=sort]", "最早在前").await;
        wait_for_text(driver, ".ticket-row__customer", "（已匿名）").await;
    }
    session.open("/settings/service-levels").await;
    wait_for(driver, "[data-would-anonymise='0']").await;
    session.open("/data").await;
    wait_for_text(
        driver,
        "[data-table=import-audit]",
        &format!("{due} 张工单的客户个人信息已匿名化"),
    )
    .await;
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}

#[tokio::test]
async fn a_new_tablet_starts_from_the_offices_file_and_its_people_sign_in() {
    let office = Session::start().await;
    let tablet = Session::start().await;
    let downloads = Profile::new();
    download_to(&office.driver, downloads.path()).await;
    office.open("/").await;
    create_admin(&office.driver, "2468").await;
    add_unit(&office.driver, "华东服务站", "班组", None).await;
    let file = export(&office, downloads.path(), None).await;

    // A new tablet: no administrator to create — it starts from the file.
    let driver = &tablet.driver;
    tablet.open("/").await;
    wait_for(driver, "[data-page=start-from-file]").await;
    click(driver, "[data-action=start-from-file]").await;
    wait_for(driver, "[data-page=first-import]").await;
    shot(driver, "data-first-import").await;
    let input = wait_for(driver, "input[name=file]").await;
    input.send_keys(file.display().to_string()).await.unwrap();
    wait_for_text(driver, "[data-file=chosen]", ".json").await;
    click(driver, "button[name=preview]").await;
    wait_for(driver, "[data-section=preview]").await;
    assert_eq!(count_of(driver, "user", "new").await, "1");
    click(driver, "button[name=apply-import]").await;
    // The office's administrator, with the office's PIN, is who signs in here.
    wait_for(driver, ".chooser__user").await;
    click(driver, ".chooser__user").await;
    fill(driver, "input[name=pin]", "2468").await;
    click(driver, "button[name=sign-in]").await;
    // (The PIN is checked asynchronously: signed in before the page is left.)
    wait_for(driver, ".topbar__user").await;
    tablet.open("/org").await;
    wait_for(driver, "[data-edit-unit='华东服务站']").await;
    tablet.open("/data").await;
    wait_for_text(driver, "[data-table=import-audit]", "（首次启动）").await;

    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    office.finish().await;
    tablet.finish().await;
}

/// The values of the dashboard's tiles, in order.
async fn tile_values(session: &Session) -> Vec<String> {
    let driver = &session.driver;
    session.open("/kpi").await;
    wait_for(driver, "[data-page=kpi-dashboard]").await;
    wait_for_tiles(driver).await;
    let tiles = driver.find_all(By::Css(".kpi-tile")).await.unwrap();
    let mut values = Vec::new();
    for tile in tiles {
        let kpi = tile.attr("data-kpi").await.unwrap().unwrap_or_default();
        let value = tile
            .find(By::Css(".kpi-tile__value"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        values.push(format!("{kpi} {value}"));
    }
    values
}

/// The number of tickets the list shows in every state.
async fn all_tickets(session: &Session) -> String {
    let driver = &session.driver;
    session.open("/tickets").await;
    wait_for(driver, "[data-page=tickets]").await;
    choose(driver, "select[name=state]", "全部状态").await;
    text_of(driver, "[data-fact=ticket-count]").await
}

#[tokio::test]
async fn a_day_offline_on_a_tablet_and_at_the_office_ends_in_the_same_tickets_figures_and_conflict()
{
    use super::surveys::tap_stars;
    use super::tickets::{
        Intake, command, fill_intake, state_is, store_log_entries, ticket_log_entries,
    };
    let office = Session::start().await;
    let mut tablet = Session::start().await;
    let downloads = Profile::new();
    download_to(&office.driver, downloads.path()).await;
    download_to(&tablet.driver, downloads.path()).await;
    let ticket = |n: u128| {
        format!(
            "/tickets/{}",
            aftersales::domain::ids::Id::from_u128(0x1_0000_0000 + n)
        )
    };

    // The office: its administrator and four tickets (the first only registered, the last closed).
    office.open("/").await;
    create_admin(&office.driver, "2468").await;
    store_log_entries(
        &office.driver,
        &ticket_log_entries(4, aftersales::domain::ids::Id::from_u128(0xE)),
    )
    .await;
    office.open(&ticket(3)).await;
    state_is(&office.driver, "Closed").await;
    let morning = export(&office, downloads.path(), None).await;

    // The tablet starts from the office's file, hands the closed ticket's customer a survey link, and goes offline.
    let driver = &tablet.driver;
    tablet.open("/data").await;
    wait_for(driver, "[data-page=first-import]").await;
    import(&tablet, &morning).await;
    click(driver, ".chooser__user").await;
    fill(driver, "input[name=pin]", "2468").await;
    click(driver, "button[name=sign-in]").await;
    wait_for(driver, ".topbar__user").await;
    tablet.open(&ticket(3)).await;
    click(driver, "button[name=survey-link]").await;
    let link = wait_for(driver, "[data-survey-link]")
        .await
        .attr("data-survey-link")
        .await
        .unwrap()
        .expect("the link");
    let phone = Session::start().await;
    phone.driver.goto(&link).await.unwrap();
    wait_for(&phone.driver, "[data-page=survey-link] form.survey").await;
    for question in ["stars-0", "stars-1", "stars-2", "stars-overall"] {
        tap_stars(&phone.driver, question, 4).await;
    }
    click(&phone.driver, "button[name=solved][value=yes]").await;
    click(&phone.driver, "button[name=submit-survey]").await;
    let receipt = text_of(&phone.driver, "[data-receipt]").await;
    phone.finish().await;
    super::wait_for_service_worker(driver).await;
    tablet.server.stop();

    // Offline all day: a new ticket registered, the first one triaged.
    fill_intake(
        &tablet,
        &Intake {
            phone: "13812345678",
            name: "离线客户",
            kind: "维修",
            purchase: "2026-03-01",
            description: "平板离线登记：洗衣机不排水",
        },
    )
    .await;
    click(driver, "button[name=save]").await;
    state_is(driver, "Registered").await;
    tablet.open(&ticket(0)).await;
    command(driver, "Triage").await;
    state_is(driver, "Triaged").await;

    // Meanwhile the office triages the same ticket: only one of the two can apply.
    office.open(&ticket(0)).await;
    command(&office.driver, "Triage").await;
    state_is(&office.driver, "Triaged").await;

    // Evening: the tablet's file to the office (previewed, then imported), the office's back to the tablet.
    let evening = export(&tablet, downloads.path(), None).await;
    preview(&office, &evening, "").await;
    wait_for(&office.driver, "[data-section=preview]").await;
    assert_eq!(
        count_of(&office.driver, "ticket_event", "new").await,
        "3",
        "registered, triaged, the link"
    );
    click(&office.driver, "button[name=apply-import]").await;
    wait_for_text(&office.driver, ".toast", "已导入").await;
    // The receipt of the link the tablet handed out is accepted at the office.
    office.open("/surveys/import").await;
    fill(&office.driver, "textarea[name=receipt]", &receipt).await;
    click(&office.driver, "button[name=import]").await;
    wait_for(&office.driver, "[data-page=ticket] [data-survey]").await;
    let back = export(&office, downloads.path(), None).await;
    import(&tablet, &back).await;

    // Both hold the same: the tickets, the conflict on the first, the figures.
    assert_eq!(all_tickets(&tablet).await, all_tickets(&office).await);
    assert!(
        all_tickets(&office).await.contains('5'),
        "{}",
        all_tickets(&office).await
    );
    for session in [&tablet, &office] {
        session.open(&ticket(0)).await;
        wait_for(&session.driver, "[data-fact=conflicts] li").await;
        session.open("/data/conflicts").await;
        wait_for(
            &session.driver,
            "[data-list=ticket-conflicts] [data-conflict=ticket]",
        )
        .await;
        session.open(&ticket(3)).await;
        wait_for_text(&session.driver, "[data-fact=overall]", "★★★★").await;
    }
    shot(driver, "data-conflicts-ticket").await;
    assert_eq!(tile_values(&tablet).await, tile_values(&office).await);

    // The same file again brings nothing.
    preview(&tablet, &back, "").await;
    wait_for(driver, "[data-nothing-new]").await;

    assert_eq!(console_errors(&office.driver).await, Vec::<String>::new());
    tablet.finish().await;
    office.finish().await;
}

/// A file that refuses thousands of records (a device that set the same company up on its own) keeps the preview
/// usable: the decision comes right after the counts, the refused are counted, and only the first 50 are listed.
#[tokio::test]
async fn a_preview_that_refuses_many_records_lists_fifty_counts_the_rest_and_keeps_the_decision_first()
 {
    use aftersales::demo::{DemoSpec, generate};
    use aftersales::domain::calendar::Calendar;
    use aftersales::domain::dataset::Change;
    use aftersales::domain::ids::DeviceId;
    use aftersales::domain::selection::Selection;
    use aftersales::sync::format::{self, DeviceInfo, Origin};

    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "2468").await;

    // The demo's units (new here), and its ticket events stamped two days ahead of this device's clock (refused).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let changes = generate(
        DemoSpec {
            tickets: 40,
            ..DemoSpec::company(now)
        },
        &Calendar::china_default(),
    );
    let units: Vec<Change> = changes
        .iter()
        .filter(|c| c.kind() == "unit")
        .cloned()
        .collect();
    let ahead: Vec<Change> = changes
        .into_iter()
        .filter_map(|c| match c {
            Change::TicketEvent(mut event) => {
                event.stamp.wall_ms = now as u64 + 2 * 86_400_000;
                Some(Change::TicketEvent(event))
            }
            _ => None,
        })
        .collect();
    let refused = ahead.len();
    assert!(refused > 100, "more than the 50 listed: {refused}");
    let origin = Origin {
        device: DeviceInfo {
            id: DeviceId::from_u128(0x005E_C04D),
            name: "另一台平板".into(),
        },
        exported_at: now,
        exported_by: "陈工".into(),
        selection: Selection::All,
    };
    let folder = std::env::temp_dir().join(format!("aftersales-refused-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("ahead.json");
    std::fs::write(
        &file,
        format::write(&origin, units.iter().cloned().chain(ahead).collect()),
    )
    .unwrap();

    preview(&session, &file, "").await;
    let heading = wait_for(driver, "[data-refused-count]").await;
    assert_eq!(
        heading.attr("data-refused-count").await.unwrap(),
        Some(refused.to_string())
    );
    assert_eq!(
        count(driver, "[data-list=refused] li[data-refused]").await,
        50
    );
    let unlisted = wait_for(driver, "[data-refused-unlisted]").await;
    assert_eq!(
        unlisted.attr("data-refused-unlisted").await.unwrap(),
        Some((refused - 50).to_string())
    );
    assert!(
        unlisted
            .text()
            .await
            .unwrap()
            .contains(&format!("另有 {} 条未列出", refused - 50))
    );
    // The decision is above the lists, where the counts end.
    let apply = wait_for(driver, "button[name=apply-import]").await;
    let list = wait_for(driver, "[data-list=refused]").await;
    assert!(apply.rect().await.unwrap().y < list.rect().await.unwrap().y);
    shot(driver, "import-many-refused").await;

    click(driver, "button[name=apply-import]").await;
    wait_for_text(driver, ".toast", "已导入").await;
    wait_for_text(
        driver,
        "[data-table=import-audit]",
        &format!("未导入 {refused}"),
    )
    .await;
    let _ = std::fs::remove_dir_all(&folder);
    session.finish().await;
}
