//! The KPIs end to end (issue 5): a first start loads the demo company → the dashboard shows every KPI with a
//! value → 一次修复率 opens its explanation with the tickets behind it, one of which opens → the explanation is
//! exported as XLSX, and the file, read with a spreadsheet library, holds the same numbers → a reload keeps the
//! period; the demo company is cleared again from the settings.

use calamine::Data;
use e2e::{
    DEMO_PIN, Profile, Session, click, console_errors, count, download_to, downloaded, is_at, shot,
    sign_in_as, step_period, text_of, wait_for, wait_for_text, wait_for_tiles, xlsx_rows,
};
use thirtyfour::prelude::*;

async fn attribute(driver: &WebDriver, css: &str, name: &str) -> Option<String> {
    wait_for(driver, css).await.attr(name).await.unwrap()
}

#[tokio::test]
async fn the_demo_company_s_dashboard_explains_first_time_fix_and_exports_it_as_a_spreadsheet() {
    let session = Session::start().await;
    let driver = &session.driver;
    let downloads = Profile::new();
    download_to(driver, downloads.path()).await;
    session.open("/").await;
    wait_for(driver, "[data-page=demo-offer]").await;
    click(driver, "button[name=load-demo]").await;
    // The demo's people, each with the demo PIN the chooser names.
    wait_for_text(driver, ".chooser__user[data-user='王经理']", "1234").await;
    sign_in_as(driver, "王经理", DEMO_PIN).await;
    // A manager starts on the dashboard, at its own address, so the navigation marks it.
    wait_for(driver, "[data-page=kpi-dashboard]").await;
    assert!(is_at(driver, "/kpi").await);
    wait_for(driver, ".topbar__nav a[href='/kpi'][aria-current=page]").await;
    wait_for_tiles(driver).await;
    assert_eq!(count(driver, ".kpi-tile").await, 22);

    // While a step recomputes, the figures before stay, marked busy, and every tile's link keeps to the period of the
    // figures shown (the stepper already names the new one): a tap opens the explanation of the number tapped.
    let seen = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const tiles = document.querySelector('.kpi-tiles');
             const before = tiles.dataset.period;
             const seen = [];
             const observer = new MutationObserver(() => {
               const tile = document.querySelector('.kpi-tile__link');
               if (!tile) return;
               const link = new URL(tile.href);
               seen.push([tiles.getAttribute('aria-busy'), tiles.dataset.period, link.searchParams.get('p')]);
               if (tiles.getAttribute('aria-busy') === 'false' && tiles.dataset.period !== before) {
                 observer.disconnect();
                 done(seen);
               }
             });
             observer.observe(tiles, { attributes: true, childList: true, subtree: true });
             document.querySelector('button[name=previous-period]').click();",
            vec![],
        )
        .await
        .unwrap();
    let seen: Vec<(String, String, String)> = serde_json::from_value(seen.json().clone()).unwrap();
    assert!(seen.iter().any(|(busy, ..)| busy == "true"), "{seen:?}");
    assert!(
        seen.iter().all(|(_, shown, linked)| shown == linked),
        "a tile linked to another period than its figure's: {seen:?}"
    );
    step_period(driver, "next-period").await;

    // Last month is a whole month of the demo year: every KPI has a value.
    let period = step_period(driver, "previous-period").await;
    let tiles = driver.find_all(By::Css(".kpi-tile")).await.unwrap();
    let mut without_value = Vec::new();
    for tile in &tiles {
        let kpi = tile.attr("data-kpi").await.unwrap().unwrap_or_default();
        let value = tile
            .find(By::Css(".kpi-tile__value"))
            .await
            .unwrap()
            .attr("data-value")
            .await
            .unwrap();
        if value.is_none() {
            without_value.push(kpi);
        }
    }
    assert!(
        without_value.is_empty(),
        "no value in {period}: {without_value:?}"
    );
    let tile_value = attribute(
        driver,
        "[data-kpi=first_time_fix] .kpi-tile__value",
        "data-value",
    )
    .await
    .unwrap();
    shot(driver, "kpi-dashboard").await;
    // In English too: the names, the period and the units follow the language.
    click(driver, "button[name=language]").await;
    wait_for_text(driver, "[data-page=kpi-dashboard] h1", "KPI dashboard").await;
    wait_for_text(driver, "[data-kpi=first_time_fix]", "First-time fix").await;
    shot(driver, "kpi-dashboard-en").await;
    click(driver, "button[name=language]").await;
    wait_for_text(driver, "[data-page=kpi-dashboard] h1", "指标看板").await;

    // The service levels' link lists the tickets past one (the list's "overdue only" already ticked).
    click(driver, "[data-action=overdue-tickets]").await;
    wait_for(driver, "[data-page=tickets]").await;
    assert!(
        wait_for(driver, "input[name=overdue]")
            .await
            .is_selected()
            .await
            .unwrap(),
        "overdue only"
    );
    wait_for(driver, ".ticket-row--overdue").await;
    driver.back().await.unwrap();
    wait_for(driver, "[data-page=kpi-dashboard]").await;

    // 一次修复率 explains itself: the tickets counted, each a link to its ticket.
    click(driver, "[data-kpi=first_time_fix] a").await;
    wait_for(driver, "[data-page=kpi-detail][data-kpi=first_time_fix]").await;
    assert_eq!(
        attribute(driver, ".kpi-detail__value", "data-value")
            .await
            .as_deref(),
        Some(tile_value.as_str())
    );
    let numerator: u64 = text_of(driver, "[data-term=numerator] dd")
        .await
        .parse()
        .unwrap();
    let denominator: u64 = text_of(driver, "[data-term=denominator] dd")
        .await
        .parse()
        .unwrap();
    assert!(
        numerator > 0 && numerator <= denominator,
        "{numerator}/{denominator}"
    );
    wait_for(driver, "[data-list=counted] [data-ticket]").await;
    wait_for_text(driver, "h2", &format!("计入的记录 ({denominator})")).await;
    shot(driver, "kpi-detail").await;

    // The explanation as a spreadsheet: one row per record, numbers as numbers, summing to the figure.
    click(driver, "[data-page=kpi-detail] button[name=export-xlsx]").await;
    let file = downloaded(downloads.path(), "xlsx").await;
    let rows = xlsx_rows(&file);
    assert_eq!(rows[0][3], Data::String("分子".into()));
    let sum = |column: usize| -> f64 {
        rows[1..]
            .iter()
            .filter_map(|r| match r.get(column) {
                Some(Data::Float(n)) => Some(*n),
                _ => None,
            })
            .sum()
    };
    assert_eq!(sum(3), numerator as f64, "numerators in the file");
    assert_eq!(sum(4), denominator as f64, "denominators in the file");

    // A counted ticket opens.
    click(driver, "[data-list=counted] [data-ticket]").await;
    wait_for(driver, "[data-page=ticket]").await;
    driver.back().await.unwrap();
    wait_for(driver, "[data-page=kpi-detail]").await;

    // A reload keeps the period (it is in the URL) and the figure.
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=kpi-detail]").await;
    assert_eq!(
        attribute(driver, ".kpi-detail__value", "data-value")
            .await
            .as_deref(),
        Some(tile_value.as_str())
    );
    let url = driver.current_url().await.unwrap();
    assert!(url.as_str().contains(&format!("p={period}")), "{url}");

    // A filter in the address opens the filters' panel with the screen: one kind's figures never pass for all.
    session.open(&format!("/kpi?p={period}&kind=Repair")).await;
    wait_for_tiles(driver).await;
    wait_for(driver, "details.kpi-scope__filters[open]").await;
    session.open(&format!("/kpi?p={period}")).await;
    wait_for_tiles(driver).await;
    assert_eq!(count(driver, "details.kpi-scope__filters[open]").await, 0);

    // The demo company is cleared again (as the administrator): back to the first start.
    click(driver, "button[name=switch-user]").await;
    sign_in_as(driver, "管理员", DEMO_PIN).await;
    session.open("/settings").await;
    wait_for(driver, "[data-page=demo-clear]").await;
    click(driver, "button[name=clear-demo]").await;
    driver.accept_alert().await.unwrap();
    wait_for(driver, "[data-page=welcome]").await;
    session.open("/").await;
    wait_for(driver, "[data-page=welcome]").await;

    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}

#[tokio::test]
async fn sales_costs_training_and_targets_are_entered_checked_kept_and_counted() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    crate::create_admin(driver, "").await;

    // Units sold: a typo is refused on its field and nothing is saved; the corrected figure is listed.
    session.open("/inputs/sales").await;
    wait_for(driver, "[data-page=sales]").await;
    e2e::fill(driver, "input[name=category]", "空调").await;
    e2e::set_value(driver, "input[name=month]", "2026-10").await;
    e2e::fill(driver, "input[name=units]", "12a").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=Units]", "请输入不带小数的数字").await;
    assert_eq!(count(driver, "[data-list=sales] tbody tr").await, 0);
    e2e::fill(driver, "input[name=units]", "1200").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-list=sales] tbody", "1200").await;
    // A second figure for the same category and month is refused; the one there is opened and changed instead.
    e2e::fill(driver, "input[name=units]", "5").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=Category]", "已有同名记录").await;
    click(driver, "[data-list=sales] button[name=edit]").await;
    assert_eq!(e2e::value_of(driver, "input[name=units]").await, "1200");
    e2e::fill(driver, "input[name=units]", "1300").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-list=sales] tbody", "1300").await;
    assert_eq!(count(driver, "[data-list=sales] tbody tr").await, 1);

    // A cost line: a negative amount is refused; ¥120.50 is kept and totalled.
    click(driver, "a[href='/inputs/costs']").await;
    wait_for(driver, "[data-page=costs]").await;
    // The form starts on today in the company's time zone (the dashboard's "this month").
    let today = e2e::value_of(driver, "input[name=day]").await;
    e2e::fill(driver, "input[name=amount]", "-5").await;
    click(driver, "button[name=save]").await;
    wait_for(driver, "[data-field=Price]:not(:empty)").await;
    // A ticket reference that names no ticket is refused at its field, not saved unlinked.
    e2e::set_value(driver, "input[name=amount]", "7").await;
    e2e::set_value(driver, "input[name=ticket]", "261207-XYZ-99").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=Record]", "没有这个工单号").await;
    assert_eq!(count(driver, "[data-list=costs] tbody tr").await, 0);
    e2e::set_value(driver, "input[name=ticket]", "").await;
    // (set, not typed: the toast of the last save may cover the lower fields)
    e2e::set_value(driver, "input[name=amount]", "120.5").await;
    e2e::set_value(driver, "input[name=note]", "差旅").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-fact=cost-total]", "¥120.50").await;
    // A line saved by mistake is opened and removed (after a confirmation): the total is as before.
    e2e::set_value(driver, "input[name=amount]", "10").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-fact=cost-total]", "¥130.50").await;
    assert_eq!(count(driver, "[data-list=costs] tbody tr").await, 2);
    let newest = "[data-list=costs] tbody tr:nth-child(2) button[name=edit]";
    let line_of_ten = match e2e::text_of(driver, "[data-list=costs] tbody tr:nth-child(1)")
        .await
        .contains("¥10.00")
    {
        true => "[data-list=costs] tbody tr:nth-child(1) button[name=edit]",
        false => newest,
    };
    click(driver, line_of_ten).await;
    assert_eq!(e2e::value_of(driver, "input[name=amount]").await, "10.00");
    click(driver, "button[name=delete]").await;
    driver.accept_alert().await.unwrap();
    wait_for_text(driver, ".toast", "已删除").await;
    wait_for_text(driver, "[data-fact=cost-total]", "¥120.50").await;
    assert_eq!(count(driver, "[data-list=costs] tbody tr").await, 1);

    // A training session planned and held today.
    click(driver, "a[href='/inputs/training']").await;
    wait_for(driver, "[data-page=training]").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=Name]", "必填").await;
    e2e::set_value(driver, "input[name=title]", "新品培训").await;
    e2e::set_value(driver, "input[name=planned]", &today).await;
    e2e::set_value(driver, "input[name=held]", &today).await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-list=training] tbody", "新品培训").await;

    // A target typed wrong is refused; 92.5 is kept and shown on the dashboard.
    session.open("/settings/kpi").await;
    wait_for(driver, "[data-page=kpi-targets]").await;
    e2e::fill(driver, "input[name=target-satisfaction]", "9x").await;
    click(driver, "button[name=save]").await;
    wait_for_text(
        driver,
        "[data-kpi=satisfaction] .field__error",
        "最多 1 位小数",
    )
    .await;
    e2e::fill(driver, "input[name=target-satisfaction]", "92.5").await;
    click(driver, "button[name=save]").await;
    wait_for(driver, ".toast").await;

    // After a reload, the dashboard counts them: this month's total cost and training, the new target. It opens
    // on the last whole month (issue 17: the 4 days so far against 30 misled); this month is one step on.
    driver.refresh().await.unwrap();
    session.open("/kpi").await;
    wait_for(driver, "[data-page=kpi-dashboard]").await;
    assert_eq!(
        step_period(driver, "next-period").await,
        format!("m{}", &today[..7])
    );
    assert_eq!(
        attribute(
            driver,
            "[data-kpi=cost_total] .kpi-tile__value",
            "data-value"
        )
        .await
        .as_deref(),
        Some("12050")
    );
    assert_eq!(
        attribute(
            driver,
            "[data-kpi=training_completion] .kpi-tile__value",
            "data-value"
        )
        .await
        .as_deref(),
        Some("1000")
    );
    wait_for_text(driver, "[data-kpi=satisfaction]", "目标 ≥ 92.5%").await;
    shot(driver, "kpi-inputs-counted").await;
    // The targets are on the administration page: the dashboard's link loads it, with the target kept, and the
    // browser's back button returns to the dashboard.
    click(driver, "[data-page=kpi-dashboard] a[href='/settings/kpi']").await;
    wait_for(driver, "[data-page=kpi-targets]").await;
    assert_eq!(
        e2e::value_of(driver, "input[name=target-satisfaction]").await,
        "92.5"
    );
    driver.back().await.unwrap();
    wait_for(driver, "[data-page=kpi-dashboard]").await;
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}
