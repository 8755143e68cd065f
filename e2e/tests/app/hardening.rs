//! A shared tablet nobody can break into or break (issue 15), each hole reproduced as it was reported: the kiosk's
//! staff exit under the chooser's back-off and returning to whoever started it; every tab following the kiosk
//! and a change of user, a stale tab refused; a full localStorage failing closed.

use aftersales::codec::text::to_text;
use aftersales::codec::to_bytes;
use aftersales::domain::access::{Role, User};
use aftersales::domain::clock::Stamp;
use aftersales::domain::dataset::Change;
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::pin::PinHash;
use aftersales::domain::record::Versioned;
use e2e::{
    Session, choose, click, count, fill, is_at, set_value, text_of, wait_for, wait_for_text,
    wait_gone,
};
use thirtyfour::prelude::*;

use super::assessment::as_user;
use super::surveys::closed_ticket;
use super::tickets::store_log_entries;
use super::{EMPTY_FILLER, FILL_LOCAL_STORAGE, add_unit};

/// A user with a PIN, as a log entry for `store_log_entries`.
fn user_entry(n: u128, name: &str, role: Role, pin: &str) -> String {
    let user = User {
        name: name.into(),
        role,
        staff: None,
        pin: Some(PinHash::new(pin, [n as u8; 16])),
    };
    let stamp = Stamp {
        wall_ms: 1_700_000_000_000,
        counter: n as u32,
        device: DeviceId::from_u128(9),
    };
    to_text(&to_bytes(&Change::User(Versioned::new(
        Id::from_u128(0xA000 + n),
        stamp,
        user,
    ))))
}

async fn try_kiosk_pin(driver: &WebDriver, pin: &str) {
    fill(driver, "input[name=kiosk-pin]", pin).await;
    click(driver, "button[name=kiosk-unlock]").await;
}

#[tokio::test]
async fn the_kiosk_exit_counts_wrong_pins_with_the_chooser_and_returns_to_whoever_started_it() {
    let session = Session::start().await;
    let driver = &session.driver;
    let ticket = closed_ticket(&session).await;
    store_log_entries(driver, &[user_entry(1, "孙明工", Role::Engineer, "1357")]).await;
    session.open(&ticket).await;
    as_user(driver, "孙明工", Some("1357")).await;
    session.open(&ticket).await;
    click(driver, "button[name=start-kiosk]").await;
    wait_for(driver, "[data-page=kiosk]").await;

    // The exit asks for the PIN of the engineer who started the kiosk; the administrator's PIN does not open it.
    click(driver, "button[name=kiosk-exit]").await;
    wait_for(driver, "[data-kiosk-staff='孙明工']").await;
    try_kiosk_pin(driver, "2468").await;
    wait_for_text(driver, ".kiosk__pin .field__error", "PIN 不正确").await;
    wait_for(driver, "[data-page=kiosk]").await;

    // Another staff member is chosen by name, and wrong PINs for them slow down as on the chooser.
    click(driver, "button[name=kiosk-other-staff]").await;
    choose(driver, "select[name=kiosk-staff]", "管理员").await;
    for _ in 0..3 {
        try_kiosk_pin(driver, "0000").await;
        wait_for_text(driver, ".kiosk__pin .field__error", "PIN 不正确").await;
    }
    try_kiosk_pin(driver, "0001").await;
    wait_for_text(driver, ".kiosk__pin .field__error", "秒后再试").await;
    // Locked: even the right PIN waits.
    try_kiosk_pin(driver, "2468").await;
    wait_for_text(driver, ".kiosk__pin .field__error", "秒后再试").await;
    wait_for(driver, "[data-page=kiosk]").await;

    // The engineer leaves with their own PIN and is the one signed in.
    choose(driver, "select[name=kiosk-staff]", "孙明工").await;
    try_kiosk_pin(driver, "1357").await;
    wait_for(driver, "[data-page=ticket]").await;
    assert!(is_at(driver, &ticket).await);
    wait_for_text(driver, ".topbar__user", "孙明工").await;

    // The administrator's wrong tries in the kiosk count on the chooser too: still locked there.
    click(driver, "button[name=switch-user]").await;
    click(driver, ".chooser__user[data-user='管理员']").await;
    fill(driver, "input[name=pin]", "2468").await;
    click(driver, "button[name=sign-in]").await;
    wait_for_text(driver, "[data-field=Pin]", "秒后再试").await;
    click(driver, "button[name=cancel-choose]").await;
    wait_for_text(driver, ".topbar__user", "孙明工").await;
    session.finish().await;
}

#[tokio::test]
async fn entering_the_kiosk_or_switching_user_reaches_every_tab_and_a_tab_left_behind_cannot_save()
{
    let session = Session::start().await;
    let driver = &session.driver;
    let ticket = closed_ticket(&session).await;
    store_log_entries(driver, &[user_entry(1, "孙明工", Role::Engineer, "1357")]).await;
    session.open(&ticket).await;
    wait_for(driver, "button[name=start-kiosk]").await;
    let first = driver.window().await.unwrap();

    // A second tab, on the administration page.
    let second = driver.new_tab().await.unwrap();
    driver.switch_to_window(second.clone()).await.unwrap();
    session.open("/org").await;
    wait_for(driver, "[data-page=org]").await;

    // Switching user in the first tab: the second follows.
    driver.switch_to_window(first.clone()).await.unwrap();
    as_user(driver, "孙明工", Some("1357")).await;
    driver.switch_to_window(second.clone()).await.unwrap();
    wait_for_text(driver, ".topbar__user", "孙明工").await;

    // The kiosk in the first tab: the second shows the survey and nothing of the staff screens.
    driver.switch_to_window(first.clone()).await.unwrap();
    session.open(&ticket).await;
    click(driver, "button[name=start-kiosk]").await;
    wait_for(driver, "[data-page=kiosk]").await;
    driver.switch_to_window(second.clone()).await.unwrap();
    wait_for(driver, "[data-page=kiosk]").await;
    assert_eq!(count(driver, "[data-page=org]").await, 0);
    assert_eq!(count(driver, ".topbar").await, 0);

    // Leaving the kiosk in the second tab (as the engineer) frees the first as well.
    click(driver, "button[name=kiosk-exit]").await;
    try_kiosk_pin(driver, "1357").await;
    wait_for(driver, "[data-page=ticket]").await;
    driver.switch_to_window(first.clone()).await.unwrap();
    wait_gone(driver, "[data-page=kiosk]").await;
    wait_for_text(driver, ".topbar__user", "孙明工").await;

    // A tab the news did not reach (the lock written where this tab's storage event cannot tell it): its next save
    // is refused, nothing is written, and it catches up with the device.
    as_user(driver, "管理员", Some("2468")).await;
    session.open("/org").await;
    add_unit(driver, "甲组", "班组", None).await;
    let lock = format!(
        "{} {} {}",
        Id::from_u128(0x1_0000_0003),
        1_700_000_000_000u64,
        Id::from_u128(0xA001)
    );
    driver
        .execute(
            "localStorage.setItem('aftersales.pref.kiosk', arguments[0]);",
            vec![serde_json::json!(lock)],
        )
        .await
        .unwrap();
    click(driver, "[data-action=add-unit]").await;
    fill(driver, "[data-page=unit-form] input[name=name]", "乙组").await;
    click(driver, "button[name=save]").await;
    // (The administration page then hands the locked device to the service page's survey.)
    wait_for(driver, "[data-page=kiosk]").await;
    driver
        .execute("localStorage.removeItem('aftersales.pref.kiosk');", vec![])
        .await
        .unwrap();
    session.open("/org").await;
    wait_for_text(driver, ".tree__name", "甲组").await;
    let tree = text_of(driver, ".tree").await;
    assert!(
        !tree.contains("乙组"),
        "the refused save wrote nothing: {tree}"
    );
    session.finish().await;
}

#[tokio::test]
async fn with_local_storage_full_the_kiosk_refuses_to_start_and_no_pin_try_goes_uncounted() {
    let session = Session::start().await;
    let driver = &session.driver;
    let ticket = closed_ticket(&session).await;
    driver.execute(FILL_LOCAL_STORAGE, vec![]).await.unwrap();

    // The lock cannot be kept: the kiosk does not start (a reload would have shown the staff screens).
    click(driver, "button[name=start-kiosk]").await;
    wait_for_text(driver, ".toast--error", "无法锁定为评价模式").await;
    assert_eq!(count(driver, "[data-page=kiosk]").await, 0);
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=ticket]").await;
    assert_eq!(count(driver, "[data-page=kiosk]").await, 0);

    // Wrong PINs that cannot be counted are refused unchecked — the right one too, so guessing costs the same.
    click(driver, "button[name=switch-user]").await;
    click(driver, ".chooser__user[data-user='管理员']").await;
    for pin in ["0000", "1111", "2222", "3333", "4444", "2468"] {
        fill(driver, "input[name=pin]", pin).await;
        click(driver, "button[name=sign-in]").await;
        wait_for_text(driver, "[data-field=Pin]", "无法记录 PIN 尝试次数").await;
    }
    assert_eq!(count(driver, ".topbar__user").await, 0, "still choosing");

    // With space again, the right PIN signs in and the kiosk locks.
    driver.execute(EMPTY_FILLER, vec![]).await.unwrap();
    fill(driver, "input[name=pin]", "2468").await;
    click(driver, "button[name=sign-in]").await;
    wait_for_text(driver, ".topbar__user", "管理员").await;
    session.open(&ticket).await;
    click(driver, "button[name=start-kiosk]").await;
    wait_for(driver, "[data-page=kiosk]").await;
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=kiosk]").await;
    session.finish().await;
}

#[tokio::test]
async fn one_unreadable_log_entry_is_kept_apart_and_everything_else_opens() {
    use aftersales::store::snapshot::encode_change;
    let session = Session::start().await;
    let driver = &session.driver;
    let ticket = closed_ticket(&session).await;
    // A log entry cut short, as a bad disk or a crash mid-write leaves it.
    let mut cut = encode_change(&Change::User(Versioned::new(
        Id::from_u128(0xB001),
        Stamp {
            wall_ms: 1_700_000_000_000,
            counter: 1,
            device: DeviceId::from_u128(9),
        },
        User {
            name: "半条记录".into(),
            role: Role::Engineer,
            staff: None,
            pin: None,
        },
    )));
    cut.truncate(cut.len() - 3);
    store_log_entries(driver, &[to_text(&cut)]).await;

    // Everything else opens, with a banner in Chinese that counts what was kept apart.
    session.open(&ticket).await;
    wait_for(driver, "[data-page=ticket][data-state=Closed]").await;
    wait_for_text(driver, "[data-quarantine='1']", "1 个部分无法读取").await;
    let banner = text_of(driver, "[data-quarantine]").await;
    assert!(
        !banner.contains("ends too early"),
        "no English inside: {banner}"
    );
    e2e::shot(driver, "quarantine-banner").await;

    // Saved for support as a file holding the bytes as they were; then the banner goes, the data page keeps it.
    let downloads = e2e::Profile::new();
    e2e::download_to(driver, downloads.path()).await;
    click(driver, "button[name=save-quarantine]").await;
    let file = e2e::downloaded(downloads.path(), "json").await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("\"format\":\"aftersales-quarantine\""),
        "{saved}"
    );
    assert!(saved.contains(&to_text(&cut)), "the bytes as stored");
    wait_gone(driver, ".banner[data-quarantine]").await;
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=ticket]").await;
    assert_eq!(count(driver, "[data-quarantine]").await, 0);
    session.open("/data").await;
    wait_for(driver, "[data-page=data] [data-quarantine='1']").await;
    session.finish().await;
}

#[tokio::test]
async fn a_survey_comment_over_its_limit_is_named_not_taken_for_a_missing_answer() {
    let session = Session::start().await;
    let driver = &session.driver;
    closed_ticket(&session).await;
    click(driver, "button[name=start-kiosk]").await;
    wait_for(driver, "[data-page=kiosk]").await;
    for question in ["stars-0", "stars-1", "stars-2", "stars-overall"] {
        click(driver, &format!("button[name={question}][value='4']")).await;
    }
    click(driver, "button[name=solved][value=yes]").await;
    fill(driver, "textarea[name=comment]", "好").await;
    wait_for_text(driver, "[data-count=comment]", "1 / 200").await;
    // Past the textarea's own limit (as a paste or an old browser could), the refusal says why.
    set_value(driver, "textarea[name=comment]", &"很".repeat(201)).await;
    wait_for_text(driver, "[data-count=comment]", "201 / 200").await;
    click(driver, "button[name=submit-survey]").await;
    wait_for_text(driver, ".survey__problem", "最多 200 个字").await;
    assert_eq!(count(driver, "[data-thanks]").await, 0, "nothing saved");
    session.finish().await;
}
