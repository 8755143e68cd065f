//! Satisfaction surveys end to end (R4): kiosk mode that cannot be left without a staff PIN, a 2-star answer that
//! marks a bad review, a survey link answered in a fresh browser whose receipt code is imported by the staff, and
//! the survey settings (an own aspect, a second response that replaces the first) with the list of responses.

use e2e::{
    Profile, Session, choose, click, console_errors, count, fill, is_at, set_value, shot, text_of,
    wait_for, wait_for_text, wait_gone,
};
use thirtyfour::prelude::*;

use super::create_admin;
use super::tickets::command;
use super::tickets::{store_log_entries, ticket_log_entries};

/// The administrator (PIN 2468) and four injected tickets; the fourth is resolved and closed. Returns its path.
pub(crate) async fn closed_ticket(session: &Session) -> String {
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "2468").await;
    let entries = ticket_log_entries(4, aftersales::domain::ids::Id::from_u128(0xE));
    store_log_entries(driver, &entries).await;
    let path = format!(
        "/tickets/{}",
        aftersales::domain::ids::Id::from_u128(0x1_0000_0003)
    );
    session.open(&path).await;
    wait_for(driver, "[data-page=ticket][data-state=Closed]").await;
    path
}

pub(crate) async fn tap_stars(driver: &WebDriver, question: &str, stars: u8) {
    click(driver, &format!("button[name={question}][value='{stars}']")).await;
}

#[tokio::test]
async fn kiosk_mode_shows_only_the_survey_until_a_staff_pin_and_a_two_star_answer_is_a_bad_review()
{
    let session = Session::start().await;
    let driver = &session.driver;
    let ticket = closed_ticket(&session).await;
    wait_for_text(driver, "[data-section=survey]", "尚未评价").await;
    // Started from low on the ticket page, the kiosk opens at its first question (issue 17: it opened at the end).
    driver
        .execute("window.scrollTo(0, document.body.scrollHeight);", vec![])
        .await
        .unwrap();
    click(driver, "button[name=start-kiosk]").await;
    wait_for(driver, "[data-page=kiosk]").await;
    wait_gone(driver, ".topbar").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let scrolled = driver
        .execute("return window.scrollY;", vec![])
        .await
        .unwrap()
        .json()
        .as_f64()
        .unwrap();
    assert_eq!(scrolled, 0.0, "the kiosk opens at its top");

    // No way out: another URL, back, a reload — the survey and nothing else.
    session.open("/org").await;
    wait_for(driver, "[data-page=kiosk]").await;
    driver.back().await.unwrap();
    wait_for(driver, "[data-page=kiosk]").await;
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=kiosk]").await;
    for other in [
        "[data-page=org]",
        "[data-page=tickets]",
        ".topbar__nav",
        "[data-page=ticket]",
    ] {
        assert!(
            count(driver, other).await == 0,
            "{other} is not reachable in kiosk mode"
        );
    }

    // Unanswered questions are marked and nothing is saved.
    click(driver, "button[name=submit-survey]").await;
    wait_for_text(driver, ".survey__problem", "请回答每一个问题").await;
    assert_eq!(
        count(driver, ".survey__question--missing").await,
        5,
        "three aspects, overall and solved"
    );
    // The customer may switch to English.
    click(driver, "button[name=language]").await;
    wait_for_text(driver, "[data-page=kiosk] h1", "How did we do?").await;
    click(driver, "button[name=language]").await;
    tap_stars(driver, "stars-0", 3).await;
    tap_stars(driver, "stars-1", 2).await;
    tap_stars(driver, "stars-2", 1).await;
    tap_stars(driver, "stars-overall", 2).await;
    click(driver, "button[name=solved][value=no]").await;
    // Every question answered: no mark and no "answer every question" is left (a review saw it stay).
    assert_eq!(count(driver, ".survey__question--missing").await, 0);
    assert_eq!(text_of(driver, ".survey__problem").await, "");
    fill(driver, "textarea[name=comment]", "等了三天才上门").await;
    shot(driver, "kiosk-survey").await;

    // The tap on submit to the thank-you, measured in the page.
    let tap_ms = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const t0 = performance.now();
             new MutationObserver((_, observer) => {
               if (document.querySelector('[data-thanks]')) { observer.disconnect(); done(performance.now() - t0); }
             }).observe(document.body, {childList: true, subtree: true});
             document.querySelector('button[name=submit-survey]').click();",
            vec![],
        )
        .await
        .unwrap()
        .json()
        .as_f64()
        .unwrap_or(-1.0);
    println!(
        "survey: tap on submit to the thank-you (answer stored in IndexedDB first): {tap_ms:.1} ms"
    );
    assert!(tap_ms >= 0.0, "the thank-you appeared");

    // Still locked after a reload, still thanking; the wrong PIN does not open it.
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=kiosk] [data-thanks]").await;
    click(driver, "button[name=kiosk-exit]").await;
    fill(driver, "input[name=kiosk-pin]", "0000").await;
    click(driver, "button[name=kiosk-unlock]").await;
    wait_for_text(driver, ".kiosk__pin .field__error", "PIN").await;
    wait_for(driver, "[data-page=kiosk]").await;
    fill(driver, "input[name=kiosk-pin]", "2468").await;
    click(driver, "button[name=kiosk-unlock]").await;

    // Back on the ticket: the response, flagged as a bad review, and kept.
    wait_for(driver, "[data-page=ticket]").await;
    assert!(is_at(driver, &ticket).await);
    wait_for(driver, "[data-survey][data-bad-review=true]").await;
    wait_for_text(driver, "[data-fact=comment]", "等了三天才上门").await;
    wait_for(driver, "[data-event=Surveyed]").await;
    wait_gone(driver, "button[name=start-kiosk]").await;
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-survey][data-bad-review=true]").await;
    shot(driver, "ticket-bad-review").await;

    // The bad review opened a follow-up (issue 17: it went nowhere); the supervisor finds it on their home screen,
    // calls the customer back and records it, and it leaves the home.
    wait_for(driver, "[data-follow-up=bad-review][data-done=false]").await;
    session.open("/users/new").await;
    fill(driver, "[data-page=user-form] input[name=name]", "许主管").await;
    choose(driver, "select[name=role]", "售后服务主管").await;
    click(driver, "button[name=save]").await;
    wait_for(driver, "[data-table=users] [data-user=许主管]").await;
    click(driver, "button[name=switch-user]").await;
    click(driver, ".chooser__user[data-user='许主管']").await;
    wait_for_text(driver, ".topbar__user", "许主管").await;
    session.open("/").await;
    wait_for(driver, "[data-page=home][data-role=Supervisor]").await;
    wait_for_text(driver, "[data-count=bad-reviews] dd", "1").await;
    shot(driver, "home-supervisor").await;
    click(driver, "[data-list=bad-reviews] [data-ticket]").await;
    wait_for(driver, "[data-page=ticket]").await;
    assert!(is_at(driver, &ticket).await);
    command(driver, "RecordFollowUp").await;
    fill(driver, "textarea[name=text]", "已致电致歉，约定周五复查").await;
    click(driver, "[data-form=RecordFollowUp] button[name=confirm]").await;
    wait_for(driver, "[data-follow-up=bad-review][data-done=true]").await;
    session.open("/").await;
    wait_for_text(driver, "[data-count=bad-reviews] dd", "0").await;
    wait_for(driver, "[data-list=bad-reviews] [data-empty=bad-reviews]").await;
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}

#[tokio::test]
async fn a_survey_link_answered_in_another_browser_comes_back_as_a_receipt_code() {
    let session = Session::start().await;
    let driver = &session.driver;
    let ticket = closed_ticket(&session).await;
    click(driver, "button[name=survey-link]").await;
    let link = wait_for(driver, "[data-survey-link]")
        .await
        .attr("data-survey-link")
        .await
        .unwrap()
        .expect("the link");
    wait_for(driver, "[data-section=survey] svg.qr path").await;

    // The customer's phone: a fresh browser profile with no data of ours.
    let phone = Session::start().await;
    phone.driver.goto(&link).await.unwrap();
    wait_for(&phone.driver, "[data-page=survey-link] form.survey").await;
    assert!(
        count(&phone.driver, ".topbar").await == 0,
        "no staff screens on the customer's phone"
    );
    for question in ["stars-0", "stars-1", "stars-2", "stars-overall"] {
        tap_stars(&phone.driver, question, 5).await;
    }
    click(&phone.driver, "button[name=solved][value=yes]").await;
    click(&phone.driver, "button[name=submit-survey]").await;
    let code = text_of(&phone.driver, "[data-receipt]").await;
    wait_for(&phone.driver, "[data-page=survey-link] svg.qr path").await;
    shot(&phone.driver, "survey-receipt").await;
    assert!(code.len() >= 30, "a receipt code: {code}");
    phone.finish().await;

    // Back at the staff tablet: a typo is caught as a typo and nothing is recorded.
    session.open("/surveys/import").await;
    let mut typo: Vec<char> = code.chars().collect();
    typo[2] = if typo[2] == '7' { '8' } else { '7' };
    fill(
        driver,
        "textarea[name=receipt]",
        &typo.into_iter().collect::<String>(),
    )
    .await;
    click(driver, "button[name=import]").await;
    wait_for_text(driver, "[data-field=Receipt]", "回执码有误").await;

    let input = wait_for(driver, "textarea[name=receipt]").await;
    input.clear().await.unwrap();
    input.send_keys(code.to_lowercase()).await.unwrap();
    click(driver, "button[name=import]").await;
    wait_for(driver, "[data-page=ticket]").await;
    // A typed code carries no comment: the tablet says where one would be.
    wait_for_text(driver, ".toast", "不含留言").await;
    assert!(is_at(driver, &ticket).await);
    wait_for(driver, "[data-survey][data-bad-review=false]").await;
    wait_for_text(driver, "[data-fact=overall]", "★★★★★").await;
    // Answered, and a second answer would be refused: the link and its QR code are gone from the ticket.
    assert_eq!(count(driver, "[data-survey-link]").await, 0);

    // The same code again is reported as already imported.
    session.open("/surveys/import").await;
    fill(driver, "textarea[name=receipt]", &code).await;
    click(driver, "button[name=import]").await;
    wait_for_text(driver, "[data-field=Receipt]", "已导入过").await;
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}

#[tokio::test]
async fn the_receipt_is_scanned_from_the_customers_phone_and_only_the_qr_carries_the_comment() {
    let camera = Profile::new();
    let video = camera.path().join("phone.y4m");
    let session = Session::start_with_camera(&video).await;
    let driver = &session.driver;
    let ticket = closed_ticket(&session).await;
    click(driver, "button[name=survey-link]").await;
    let link = wait_for(driver, "[data-survey-link]")
        .await
        .attr("data-survey-link")
        .await
        .unwrap()
        .expect("the link");

    // The customer answers on their phone and writes a comment: the code to read out stays short and says the
    // comment travels only in the QR code.
    let phone = Session::start().await;
    phone.driver.goto(&link).await.unwrap();
    for question in ["stars-0", "stars-1", "stars-2", "stars-overall"] {
        tap_stars(&phone.driver, question, 4).await;
    }
    click(&phone.driver, "button[name=solved][value=yes]").await;
    let comment = "师傅很准时，讲解也耐心";
    fill(&phone.driver, "textarea[name=comment]", comment).await;
    click(&phone.driver, "button[name=submit-survey]").await;
    let typed = text_of(&phone.driver, "[data-receipt]").await;
    assert_eq!(typed.replace('-', "").len(), 30, "{typed}");
    wait_for(&phone.driver, "[data-fact=comment-in-qr]").await;
    let scanned = wait_for(&phone.driver, "[data-page=survey-link] svg.qr")
        .await
        .attr("data-qr")
        .await
        .unwrap()
        .expect("the QR code's text");
    assert!(scanned.len() > typed.len() + 20, "{scanned}");
    shot(&phone.driver, "survey-receipt-with-comment").await;
    phone.finish().await;

    // The tablet's camera reads the phone's screen: imported at once, the comment with it.
    e2e::qr_video(&video, &scanned);
    session.open("/surveys/import").await;
    click(driver, "button[name=scan-receipt]").await;
    wait_for(driver, "[data-scanner] video").await;
    shot(driver, "receipt-scanner").await;
    wait_for(driver, "[data-page=ticket]").await;
    assert!(is_at(driver, &ticket).await);
    wait_for_text(driver, "[data-fact=comment]", comment).await;
    wait_for_text(driver, "[data-fact=overall]", "★★★★").await;
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}

/// Answers the kiosk survey on screen: `stars` for every star question there is, `level` for the satisfaction
/// question, then submits, waits for the thank-you (and again after a reload) and unlocks with the
/// administrator's PIN.
async fn answer_in_kiosk(driver: &WebDriver, stars: u8, level: &str) {
    click(driver, "button[name=start-kiosk]").await;
    wait_for(driver, "[data-page=kiosk] form.survey").await;
    let questions = driver
        .find_all(By::Css("[data-page=kiosk] fieldset[data-question]"))
        .await
        .unwrap();
    for question in questions {
        let name = question.attr("data-question").await.unwrap().unwrap();
        if name.starts_with("stars-") {
            tap_stars(driver, &name, stars).await;
        }
    }
    click(driver, &format!("button[name=satisfaction][value={level}]")).await;
    click(driver, "button[name=solved][value=yes]").await;
    click(driver, "button[name=submit-survey]").await;
    wait_for(driver, "[data-page=kiosk] [data-thanks]").await;
    // A reload keeps the thank-you, also when a second response could replace this one.
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=kiosk] [data-thanks]").await;
    click(driver, "button[name=kiosk-exit]").await;
    fill(driver, "input[name=kiosk-pin]", "2468").await;
    click(driver, "button[name=kiosk-unlock]").await;
    wait_for(driver, "[data-page=ticket]").await;
}

#[tokio::test]
async fn an_own_aspect_and_a_replacing_second_response_from_the_settings_reach_the_survey_and_the_list()
 {
    let session = Session::start().await;
    let driver = &session.driver;
    let ticket = closed_ticket(&session).await;

    // The settings: an aspect without a name is refused on its row and nothing is saved.
    session.open("/settings/surveys").await;
    wait_for_text(driver, "[data-fact=template-version]", "v1").await;
    assert_eq!(
        count(driver, "li[data-aspect]").await,
        3,
        "the three built-in aspects"
    );
    click(driver, "button[name=add-aspect]").await;
    wait_for(driver, "li[data-aspect='3'] input[name=aspect-name]").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field='Line(3)']", "必填").await;
    wait_for_text(driver, "[data-fact=template-version]", "v1").await;

    // Named, with the satisfaction question and "a second response replaces the first": a new version, and
    // the preview beside the form is what the customer will see.
    fill(
        driver,
        "li[data-aspect='3'] input[name=aspect-name]",
        "上门准时",
    )
    .await;
    click(driver, "input[name=asks-satisfaction]").await;
    choose(driver, "select[name=second-response]", "替换第一份").await;
    wait_for(
        driver,
        "[data-section=preview] fieldset[data-question=stars-3]",
    )
    .await;
    wait_for(driver, "[data-section=preview] button[name=satisfaction]").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-fact=template-version]", "v2").await;
    shot(driver, "survey-settings").await;
    driver.refresh().await.unwrap();
    wait_for_text(driver, "[data-fact=template-version]", "v2").await;
    assert_eq!(
        count(driver, "li[data-aspect]").await,
        4,
        "kept after a reload"
    );
    assert_eq!(
        wait_for(driver, "li[data-aspect='3'] input[name=aspect-name]")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("上门准时")
    );

    // The kiosk asks the new aspect; 5 stars everywhere but 不满意 is a bad review all the same.
    session.open(&ticket).await;
    answer_in_kiosk(driver, 5, "dissatisfied").await;
    wait_for(driver, "[data-survey][data-bad-review=true]").await;
    wait_for_text(driver, "[data-section=survey]", "上门准时").await;

    // The list: one response, a bad review; an answered-from date after today leaves none.
    session.open("/surveys").await;
    wait_for_text(
        driver,
        "[data-fact=survey-summary]",
        "共 1 份评价 · 差评 1 份 · 总体平均 5.0 ★",
    )
    .await;
    wait_for(driver, "[data-page=surveys] [data-bad-review=true]").await;
    click(driver, "input[name=bad-only]").await;
    wait_for_text(driver, "[data-fact=survey-summary]", "共 1 份评价").await;
    set_value(driver, "input[name=from]", "2099-01-01").await;
    wait_for_text(driver, "[data-page=surveys]", "没有符合条件的评价").await;
    set_value(driver, "input[name=from]", "").await;
    wait_for_text(driver, "[data-fact=survey-summary]", "共 1 份评价").await;
    shot(driver, "survey-list").await;

    // A second response replaces the first (by the setting), which stays on the ticket as replaced.
    click(driver, "[data-page=surveys] a[data-ticket]").await;
    wait_for(driver, "[data-page=ticket]").await;
    assert!(is_at(driver, &ticket).await);
    answer_in_kiosk(driver, 4, "satisfied").await;
    wait_for(driver, "[data-survey][data-bad-review=false]").await;
    wait_for_text(driver, "[data-section=survey]", "已被替换的评价 × 1").await;
    session.open("/surveys").await;
    wait_for_text(
        driver,
        "[data-fact=survey-summary]",
        "共 1 份评价 · 差评 0 份 · 总体平均 4.0 ★",
    )
    .await;
    click(driver, "input[name=bad-only]").await;
    wait_for_text(driver, "[data-page=surveys]", "没有符合条件的评价").await;
    // The empty list's next step clears the filters.
    click(driver, "[data-empty=responses] button[name=clear-filters]").await;
    wait_for_text(driver, "[data-fact=survey-summary]", "共 1 份评价").await;
    let bad_only = wait_for(driver, "input[name=bad-only]").await;
    assert!(
        !bad_only.is_selected().await.unwrap(),
        "the bad-only filter is cleared"
    );
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}

/// Issue 17 dead ends 2 and 3: a user without a PIN starts the kiosk — the app asks them to set their own PIN right
/// there and the kiosk starts once it is saved; it ends with that PIN. In the chooser they change it (the current one
/// first), and the PIN prompt opens under the tapped name, in view and focused.
#[tokio::test]
async fn a_user_without_a_pin_sets_one_at_the_kiosk_and_changes_it_in_the_chooser() {
    let session = Session::start().await;
    let driver = &session.driver;
    let ticket = closed_ticket(&session).await;
    session.open("/users/new").await;
    fill(driver, "[data-page=user-form] input[name=name]", "周客服").await;
    choose(driver, "select[name=role]", "客服").await;
    click(driver, "button[name=save]").await;
    wait_for(driver, "[data-table=users] [data-user=周客服]").await;
    click(driver, "button[name=switch-user]").await;
    click(driver, ".chooser__user[data-user='周客服']").await;
    wait_for_text(driver, ".topbar__user", "周客服").await;

    // The kiosk needs a PIN to end: the form to set one opens at the button, in view, and refuses a mismatch.
    session.open(&ticket).await;
    click(driver, "button[name=start-kiosk]").await;
    wait_for(driver, "[data-form=own-pin]").await;
    assert_eq!(
        count(driver, "[data-form=own-pin] input[name=current-pin]").await,
        0,
        "no current PIN to ask for"
    );
    in_view_and_focused(driver, "[data-form=own-pin] input[name=new-pin]").await;
    fill(driver, "input[name=new-pin]", "5791").await;
    fill(driver, "input[name=new-pin-confirm]", "5792").await;
    click(driver, "button[name=save-own-pin]").await;
    wait_for_text(driver, "[data-field=PinConfirm]", "两次输入的 PIN 不一致").await;
    assert_eq!(count(driver, "[data-page=kiosk]").await, 0);
    fill(driver, "input[name=new-pin-confirm]", "5791").await;
    click(driver, "button[name=save-own-pin]").await;
    wait_for(driver, "[data-page=kiosk]").await;
    click(driver, "button[name=kiosk-exit]").await;
    fill(driver, "input[name=kiosk-pin]", "5791").await;
    click(driver, "button[name=kiosk-unlock]").await;
    wait_for(driver, "[data-page=ticket]").await;

    // In the chooser: a wrong current PIN changes nothing; the right one does.
    click(driver, "button[name=switch-user]").await;
    wait_for_text(driver, "[data-fact=signed-in]", "周客服").await;
    click(driver, "button[name=own-pin]").await;
    fill(driver, "input[name=current-pin]", "0000").await;
    fill(driver, "input[name=new-pin]", "8642").await;
    fill(driver, "input[name=new-pin-confirm]", "8642").await;
    click(driver, "button[name=save-own-pin]").await;
    wait_for_text(driver, "[data-field=CurrentPin]", "PIN 不正确").await;
    fill(driver, "input[name=current-pin]", "5791").await;
    click(driver, "button[name=save-own-pin]").await;
    wait_for_text(driver, ".toast", "PIN 已保存").await;
    wait_gone(driver, "[data-form=own-pin]").await;
    shot(driver, "chooser-signed-in").await;

    // Switching back to them: the prompt right under their name; the old PIN no longer opens, the new one does.
    click(driver, ".chooser__user[data-user='周客服']").await;
    let prompt = ".chooser__user[data-user='周客服'] + .chooser__pin input[name=pin]";
    in_view_and_focused(driver, prompt).await;
    fill(driver, prompt, "5791").await;
    click(driver, "button[name=sign-in]").await;
    wait_for_text(driver, "[data-field=Pin]", "PIN 不正确").await;
    fill(driver, prompt, "8642").await;
    click(driver, "button[name=sign-in]").await;
    wait_gone(driver, ".chooser").await;
    wait_for_text(driver, ".topbar__user", "周客服").await;
    driver.refresh().await.unwrap();
    wait_for_text(driver, ".topbar__user", "周客服").await;
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}

/// Fails unless the element is inside the viewport and has the focus.
async fn in_view_and_focused(driver: &WebDriver, css: &str) {
    wait_for(driver, css).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let seen = driver
        .execute(
            "const e = document.querySelector(arguments[0]); const r = e.getBoundingClientRect();
             return [r.top >= 0 && r.bottom <= window.innerHeight, document.activeElement === e];",
            vec![serde_json::Value::String(css.into())],
        )
        .await
        .unwrap()
        .json()
        .clone();
    assert_eq!(
        seen,
        serde_json::json!([true, true]),
        "{css}: in view, focused"
    );
}
