//! Quality management end to end (issue 18): the demo company's manager fills the standards checklist with one
//! clause not conforming, one sampled at 80 % and one not applicable, finishes it and reads the score and stars
//! as computed by hand; opens a corrective action for the clause that fell short and finds it on their home
//! screen; draws a sample of an engineer's closed tickets, reviews two of them (one finding), reads the sample's
//! conformity and the quality KPI with its tickets, and after a reload everything is still there. Bad input — finishing with a clause not assessed, a
//! review with no verdict, closing an action without saying what was done — is refused with its reason.

use e2e::{Session, choose, click, fill, shot, text_of, wait_for, wait_for_text};
use thirtyfour::prelude::*;

/// The first engineer in the new audit's list.
async fn first_engineer(driver: &WebDriver) {
    driver
        .execute(
            "const s = document.querySelector('select[name=auditee]'); s.selectedIndex = 1;
             s.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![],
        )
        .await
        .unwrap();
}

/// The finding of the clause numbered `number`.
async fn find(driver: &WebDriver, number: &str, label: &str) {
    choose(
        driver,
        &format!("tr[data-clause='{number}'] select[name=finding]"),
        label,
    )
    .await;
}

#[tokio::test]
async fn a_checklist_scored_by_hand_a_corrective_action_on_its_owners_home_and_a_sample_reviewed() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.demo_as_manager().await;

    // The quality page is in the navigation.
    session.open("/assessment").await;
    click(driver, ".topbar__nav a[href='/assessment/quality']").await;
    wait_for(driver, "[data-page=quality]").await;
    click(driver, "button[name=start-self-assessment]").await;
    wait_for(driver, "[data-page=self-assessment][data-finished=false]").await;
    let clauses = driver.find_all(By::Css("tr[data-clause]")).await.unwrap();
    let mut numbers = Vec::new();
    for row in &clauses {
        numbers.push(row.attr("data-clause").await.unwrap().unwrap());
    }
    assert!(numbers.contains(&"5.2.1.1".to_string()) && numbers.contains(&"5.1.7.2".to_string()));

    // Finishing with nothing assessed is refused, on the first clause.
    click(driver, "button[name=finish]").await;
    wait_for_text(driver, "[data-field='Line(0)']", "必填").await;

    for number in &numbers {
        let label = match number.as_str() {
            "5.2.1.1" => "不符合",
            "5.2.4.3" => "抽查",
            "5.1.7.3" => "不适用",
            _ => "符合",
        };
        find(driver, number, label).await;
    }
    fill(driver, "tr[data-clause='5.2.4.3'] input[name=checked]", "5").await;
    fill(
        driver,
        "tr[data-clause='5.2.4.3'] input[name=not-conforming]",
        "1",
    )
    .await;
    fill(
        driver,
        "tr[data-clause='5.2.1.1'] input[name=evidence]",
        "包装缺少厂址",
    )
    .await;
    // Hand computed: 58 points, 3 not applicable → 55; lost 4 + 4 × 1/5 → 50.2 earned; 50.2 / 55 = 91.27 → ★★★★.
    wait_for_text(driver, "[data-table=score] [data-fact=total]", "91.27").await;
    click(driver, "button[name=finish]").await;
    wait_for(driver, "[data-page=self-assessment][data-finished=true]").await;
    assert_eq!(
        text_of(driver, "[data-table=score] [data-fact=total]").await,
        "91.27"
    );
    assert!(
        text_of(driver, "[data-table=score] [data-fact=band]")
            .await
            .contains("★★★★ 4 星")
    );
    assert_eq!(
        text_of(driver, "tr[data-clause='5.2.4.3'] [data-fact=earned]").await,
        "3.2"
    );
    shot(driver, "quality-self-assessment").await;

    // The clauses that lost points, each offering a corrective action; the manager owns this one.
    wait_for(
        driver,
        "[data-section=shortfalls] li[data-clause='5.2.1.1']",
    )
    .await;
    wait_for(
        driver,
        "[data-section=shortfalls] li[data-clause='5.2.4.3']",
    )
    .await;
    let form = "li[data-clause='5.2.1.1'] form[name=new-action]";
    click(driver, &format!("{form} button[name=open-action]")).await;
    wait_for_text(driver, &format!("{form} [data-field=Owner]"), "必填").await;
    choose(driver, &format!("{form} select[name=owner]"), "王经理").await;
    click(driver, &format!("{form} button[name=open-action]")).await;
    let action_id = wait_for(
        driver,
        "li[data-clause='5.2.1.1'] [data-action]:has([data-status=open])",
    )
    .await
    .attr("data-action")
    .await
    .unwrap()
    .unwrap();

    // On the owner's home (a manager's is the dashboard).
    session.open("/").await;
    wait_for(driver, "[data-page=kpi-dashboard]").await;
    wait_for_text(driver, "[data-section=my-actions] [data-action]", "5.2.1.1").await;
    shot(driver, "quality-my-actions").await;

    // A sample of an engineer's tickets closed last month (the month chosen by default).
    session.open("/assessment/quality").await;
    wait_for(driver, "form[name=new-audit]").await;
    click(driver, "button[name=draw]").await;
    wait_for_text(driver, "form[name=new-audit] [data-field=Owner]", "必填").await;
    first_engineer(driver).await;
    let value = |css: &'static str| async move {
        driver
            .execute(
                &format!("return document.querySelector('{css}').value"),
                vec![],
            )
            .await
            .unwrap()
            .json()
            .as_str()
            .unwrap()
            .to_string()
    };
    let engineer = value("select[name=auditee]").await;
    let month = value("select[name=month]").await;
    fill(driver, "input[name=size]", "5").await;
    fill(driver, "input[name=seed]", "20261130").await;
    click(driver, "button[name=draw]").await;
    wait_for(driver, "[data-page=audit][data-finished=false]").await;
    let sampled = driver.find_all(By::Css("li.sampled")).await.unwrap();
    assert_eq!(sampled.len(), 5);
    let first = sampled[0].attr("data-ticket").await.unwrap().unwrap();
    let second = sampled[1].attr("data-ticket").await.unwrap().unwrap();

    // A review with no verdict is refused; then one conforms and one does not.
    let at = |ticket: &str, css: &str| format!("li[data-ticket='{ticket}'] {css}");
    click(driver, &at(&first, "button[name=save-review]")).await;
    wait_for_text(driver, &at(&first, "[data-field=Kind]"), "必填").await;
    click(driver, &at(&first, "button[name=conforms]")).await;
    click(driver, &at(&first, "button[name=save-review]")).await;
    wait_for(
        driver,
        &format!("li[data-ticket='{first}'][data-reviewed=true]"),
    )
    .await;
    click(driver, &at(&second, "button[name=not-conforms]")).await;
    click(driver, &at(&second, "button[name=save-review]")).await;
    wait_for_text(driver, &at(&second, "[data-field=Cause]"), "必填").await;
    choose(
        driver,
        &at(&second, "select[name=finding-kind]"),
        "记录不完整",
    )
    .await;
    fill(driver, &at(&second, "input[name=note]"), "缺少故障描述").await;
    click(driver, &at(&second, "button[name=save-review]")).await;
    wait_for_text(driver, &at(&second, "[data-fact=verdict]"), "记录不完整").await;
    // Two reviewed, one conforming: 50 %.
    wait_for_text(driver, "[data-table=audit-facts]", "50.00%").await;
    wait_for_text(driver, "[data-table=audit-facts]", "2 / 5").await;
    // The quality KPI (K14) counts both reviews on the engineer's tickets, the finding the latest verdict there is.
    session
        .open(&format!(
            "/kpi/sample_conformity?p={month}&staff={engineer}"
        ))
        .await;
    wait_for(driver, "[data-page=kpi-detail][data-kpi=sample_conformity]").await;
    wait_for(
        driver,
        &format!("[data-list=counted] [data-ticket='{first}']"),
    )
    .await;
    wait_for(
        driver,
        &format!("[data-list=counted] [data-ticket='{second}']"),
    )
    .await;
    let shown: u64 = wait_for(driver, ".kpi-detail__value")
        .await
        .attr("data-value")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        shown < 1000,
        "a finding keeps the rate under 100 %: {shown}"
    );
    shot(driver, "quality-kpi").await;
    driver.back().await.unwrap();
    wait_for(driver, "[data-page=audit]").await;
    // Finishing with three not reviewed is refused.
    click(driver, "button[name=finish-audit]").await;
    wait_for_text(driver, "[data-section=sample] [data-field=Record]", "必填").await;
    shot(driver, "quality-audit").await;

    // After a reload all of it is there.
    driver.refresh().await.unwrap();
    wait_for_text(driver, "[data-table=audit-facts]", "2 / 5").await;
    session.open("/assessment/quality").await;
    wait_for_text(
        driver,
        "[data-table=self-assessments] [data-fact=total]",
        "91.27",
    )
    .await;
    wait_for_text(
        driver,
        "[data-table=audits] [data-fact=conformity]",
        "50.00%",
    )
    .await;

    // A new draw of the same engineer and month is refused while this one is under way.
    first_engineer(driver).await;
    click(driver, "button[name=draw]").await;
    wait_for_text(
        driver,
        "form[name=new-audit] [data-field=Record]",
        "尚未完成",
    )
    .await;

    // The action is closed from the list, only with what was done.
    let action = format!("[data-section=actions] [data-action='{action_id}']");
    let action = action.as_str();
    click(driver, &format!("{action} button[name=close-action]")).await;
    click(
        driver,
        &format!("{action} form[name=close-action] button[name=save]"),
    )
    .await;
    wait_for_text(driver, &format!("{action} [data-field=Text]"), "必填").await;
    fill(
        driver,
        &format!("{action} input[name=note]"),
        "已更换包装印刷",
    )
    .await;
    click(
        driver,
        &format!("{action} form[name=close-action] button[name=save]"),
    )
    .await;
    wait_for(driver, &format!("{action} [data-status=closed]")).await;
    session.open("/").await;
    wait_for(driver, "[data-page=kpi-dashboard]").await;
    assert_eq!(e2e::count(driver, "[data-section=my-actions]").await, 0);
}
