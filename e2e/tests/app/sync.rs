//! Tablets that merge (SPEC R9.2–R9.4), in two browser profiles as two devices: a tablet exports, the office
//! previews (the counts shown) and imports, both devices' records are there, the same file again is "nothing new",
//! undo restores the office's data, a damaged file changes nothing, and an encrypted file refuses no passphrase and
//! a wrong one, then opens with the right one.

use std::path::Path;

use e2e::{
    Profile, Session, click, console_errors, count, download_to, downloaded, fill, shot, text_of,
    wait_for, wait_for_text, wait_gone,
};
use thirtyfour::prelude::*;

use super::{add_unit, create_admin};

/// Exports everything from the data screen (with a passphrase if given) and returns the downloaded file.
async fn export(
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
async fn preview(session: &Session, file: &Path, passphrase: &str) {
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
