//! The service providers' statements end to end (issue 16): the demo company's manager imports a platform's CSV
//! (GBK, with a row an unquoted comma broke and an order the tickets do not know) through the column mapping and
//! its preview, opens a provider's month — counted and excluded items, the total —, issues it, sees it stay as
//! issued when a complaint is entered late, corrects it with a reason, reads the XLSX back and looks at the print
//! view; an engineer sees nothing of it. Then bad input: files of the wrong kind or size, amounts that are
//! negative or not numbers — each refused with its reason, nothing saved. And a review entered with a customer's
//! phone loses it when the retention period runs out.

use std::path::{Path, PathBuf};

use calamine::Data;
use e2e::{
    DEMO_PIN, Profile, Session, choose, click, count, displayed, download_to, downloaded, fill,
    print_media, set_value, shot, text_of, wait_for, wait_for_text, wait_gone, xlsx_rows,
};
use thirtyfour::prelude::*;

async fn attr(driver: &WebDriver, css: &str, name: &str) -> String {
    wait_for(driver, css)
        .await
        .attr(name)
        .await
        .unwrap()
        .unwrap_or_default()
}

/// The demo's sample export, downloaded from the import screen, written again as GBK (what a platform's back
/// office gives on a Chinese Windows).
async fn sample_as_gbk(session: &Session, downloads: &Path) -> PathBuf {
    let driver = &session.driver;
    click(driver, "button[name=demo-sample]").await;
    let utf8 = std::fs::read_to_string(downloaded(downloads, "csv").await).unwrap();
    let text = utf8.trim_start_matches('\u{feff}');
    assert!(text.contains("找不到的订单") && text.contains("送货慢,安装也慢"));
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let path = downloads.join("jd-gbk.csv");
    std::fs::write(&path, &gbk).unwrap();
    path
}

#[tokio::test]
async fn a_platform_csv_through_the_mapping_to_an_issued_statement_exported_and_printed() {
    let session = Session::start().await;
    let driver = &session.driver;
    let downloads = Profile::new();
    download_to(driver, downloads.path()).await;
    session.demo_as_manager().await;

    // The assessment page leads to the providers; last month is shown.
    session.open("/assessment").await;
    click(driver, "[data-action=providers-assessed]").await;
    wait_for(driver, "[data-table=providers-assessed]").await;
    assert_eq!(
        count(driver, "[data-table=providers-assessed] tbody tr").await,
        2
    );
    // 安家 had a serious complaint: flagged for disqualification.
    wait_for_text(
        driver,
        "tr[data-provider='安家维修服务中心'] [data-fact=disqualification]",
        "建议取消资格",
    )
    .await;
    shot(driver, "providers-overview").await;

    // Import the platform's file: GBK, mapped by its header's words, previewed row by row.
    click(driver, "[data-action=import-reviews]").await;
    wait_for(driver, "[data-page=review-import]").await;
    let file = sample_as_gbk(&session, downloads.path()).await;
    assert_eq!(
        wait_for(driver, "input[name=platform]")
            .await
            .value()
            .await
            .unwrap()
            .as_deref(),
        Some("京东")
    );
    wait_for(driver, "input[name=file]")
        .await
        .send_keys(file.display().to_string())
        .await
        .unwrap();
    wait_for_text(driver, "[data-file=chosen]", "jd-gbk.csv").await;
    click(driver, "button[name=read-file]").await;
    wait_for_text(driver, "[data-section=mapping]", "GBK").await;
    wait_for(driver, "[data-section=review-preview]").await;
    assert_eq!(count(driver, "[data-skipped=no-ticket]").await, 1);
    assert_eq!(count(driver, "[data-skipped=misshapen]").await, 1);
    wait_for_text(
        driver,
        "[data-skipped=misshapen]",
        "这一行有 7 列，表头有 6 列",
    )
    .await;
    let ready = count(driver, "[data-table=rows-to-import] tr[data-ready]").await;
    // How many of the month's reviews the sample holds depends on the day the demo was generated (its tickets'
    // times, and so their ids, follow the clock): 7 to 12 seen. The delivery review is always one of them.
    assert!(ready >= 3, "{ready} rows to import");
    shot(driver, "review-import-preview").await;
    click(driver, "button[name=import-reviews]").await;
    let imported: usize = attr(driver, "[data-imported]", "data-imported")
        .await
        .parse()
        .unwrap();
    assert_eq!(imported, ready);

    // The same export again, under another name for the platform: nothing new, each row says so and under which
    // name it was imported.
    fill(driver, "input[name=platform]", "JD").await;
    wait_for(driver, "input[name=file]")
        .await
        .send_keys(file.display().to_string())
        .await
        .unwrap();
    click(driver, "button[name=read-file]").await;
    wait_for(driver, "[data-section=review-preview]").await;
    assert_eq!(
        count(driver, "[data-table=rows-to-import] tr[data-ready]").await,
        0
    );
    assert!(count(driver, "[data-skipped=already-imported]").await >= ready);
    wait_for_text(driver, "[data-skipped=already-imported]", "平台记为“京东”").await;

    // A provider whose month now has reviews excluded: its statement has the platform's reviews counted, the
    // system's they duplicate excluded with the rule, and the total.
    session.open("/assessment/providers").await;
    wait_for(driver, "[data-table=providers-assessed]").await;
    let provider = driver
        .execute(
            "const row = [...document.querySelectorAll('[data-table=providers-assessed] tbody tr')]
                .find((r) => r.querySelector('[data-fact=excluded]').textContent.trim() !== '0');
             return row ? row.dataset.provider : null;",
            vec![],
        )
        .await
        .unwrap()
        .json()
        .as_str()
        .expect("a provider with excluded reviews after the import")
        .to_string();
    let row = format!("tr[data-provider='{provider}']");
    let row = row.as_str();
    let fines = text_of(driver, &format!("{row} [data-fact=fines]")).await;
    click(driver, &format!("{row} th a")).await;
    wait_for(driver, "[data-page=provider-statement][data-status=draft]").await;
    wait_for_text(driver, "[data-table=statement-lines]", "京东").await;
    wait_for_text(driver, "[data-table=statement-lines]", "投诉").await;
    wait_for_text(driver, "[data-table=statement-excluded]", "以网页差评为准").await;
    assert_eq!(text_of(driver, "[data-fact=total]").await, fines);
    shot(driver, "provider-statement-draft").await;

    // Issued: fixed, by whom and when.
    click(driver, "button[name=issue]").await;
    click(driver, "button[name=confirm-issue]").await;
    wait_for(driver, "[data-page=provider-statement][data-status=issued]").await;
    wait_for_text(driver, "[data-fact=status]", "王经理").await;
    wait_for_text(driver, "[data-fact=issuer]", "王经理").await;
    assert_eq!(count(driver, "[data-section=versions] li").await, 1);
    let issued_total = text_of(driver, "[data-fact=total]").await;

    // A complaint entered afterwards changes the draft, not the issued statement.
    let period = driver
        .current_url()
        .await
        .unwrap()
        .path()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let day = format!("{}-15", &period[1..8]);
    session
        .open(&format!("/assessment/providers/inputs?p={period}"))
        .await;
    choose(driver, "select[name=kind]", "投诉").await;
    choose(driver, "select[name=provider]", &provider).await;
    set_value(driver, "input[name=day]", &day).await;
    choose(driver, "select[name=cause]", "服务质量差").await;
    fill(driver, "textarea[name=text]", "空调安装后漏水").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-list=provider-inputs]", "空调安装后漏水").await;
    // The imported reviews lead to their tickets.
    assert!(count(driver, "[data-list=provider-inputs] a[href^='/tickets/']").await >= ready);
    session.open("/assessment/providers").await;
    wait_for_text(
        driver,
        &format!("{row} [data-fact=status]"),
        "之后数据有变化",
    )
    .await;
    click(driver, &format!("{row} th a")).await;
    wait_for(driver, "[data-page=provider-statement][data-status=issued]").await;
    wait_for(driver, "[data-fact=changed-since-issue]").await;
    assert_eq!(text_of(driver, "[data-fact=total]").await, issued_total);
    // Still so after a reload.
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=provider-statement][data-status=issued]").await;
    assert_eq!(text_of(driver, "[data-fact=total]").await, issued_total);

    // A correction needs its reason, asked before the confirmation; which names the total to be signed; then it
    // is version 2, with the complaint, and says what it corrects.
    click(driver, "button[name=issue]").await;
    wait_for_text(driver, "[data-error=issue]", "请写明更正原因").await;
    assert_eq!(count(driver, "button[name=confirm-issue]").await, 0);
    fill(driver, "textarea[name=correction-reason]", "漏录一条投诉").await;
    click(driver, "button[name=issue]").await;
    wait_for_text(
        driver,
        "[data-fact=confirm-total]",
        &format!("现行版本为 {issued_total}"),
    )
    .await;
    click(driver, "button[name=confirm-issue]").await;
    wait_for_text(driver, "[data-fact=corrects]", "更正第 1 版：漏录一条投诉").await;
    wait_for(driver, "[data-section=versions] li[data-version='2']").await;
    wait_for_text(driver, "[data-fact=status]", "第 2 版").await;
    wait_for_text(driver, "[data-table=statement-lines]", "空调安装后漏水").await;
    let corrected_total = text_of(driver, "[data-fact=total]").await;
    assert_ne!(corrected_total, issued_total);
    shot(driver, "provider-statement-issued").await;

    // The spreadsheet holds the same items and total.
    click(
        driver,
        "[data-export=provider-statement] button[name=export-xlsx]",
    )
    .await;
    let rows = xlsx_rows(&downloaded(downloads.path(), "xlsx").await);
    assert_eq!(rows[0][0], Data::String("部分".into()));
    let total_row = rows
        .iter()
        .find(|r| r[0] == Data::String("合计".into()))
        .expect("the total's row");
    let yuan: f64 = corrected_total
        .trim_start_matches('¥')
        .replace(',', "")
        .parse()
        .unwrap();
    assert_eq!(total_row[6], Data::Float(yuan));
    assert!(
        rows.iter()
            .any(|r| r[2] == Data::String("投诉：服务质量差".into()))
    );

    // The print view: the form alone, no navigation or buttons.
    print_media(driver, true).await;
    for hidden in [".topbar", "button[name=print]", "[data-section=issue]"] {
        assert!(!displayed(driver, hidden).await, "{hidden} is not printed");
    }
    assert!(displayed(driver, "[data-table=statement-lines]").await);
    shot(driver, "provider-statement-print").await;
    print_media(driver, false).await;

    // The statement's period navigation stays on statements: the month before, then its last week.
    let here = driver.current_url().await.unwrap().path().to_string();
    click(driver, "[data-action=previous-period]").await;
    let mut before = here.clone();
    for _ in 0..100 {
        before = driver.current_url().await.unwrap().path().to_string();
        if before != here {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    wait_for(driver, "[data-page=provider-statement]").await;
    assert_ne!(before, here);
    assert_eq!(
        before.rsplit_once('/').unwrap().0,
        here.rsplit_once('/').unwrap().0
    );
    click(driver, "[data-period-kind=week]").await;
    wait_for(driver, "[data-fact=week-note]").await;

    // An engineer sees nothing of a provider's fines.
    driver
        .execute(
            "document.querySelector('button[name=switch-user]').click();",
            vec![],
        )
        .await
        .unwrap();
    // The chooser groups its users by role: the first engineer, with the demo PIN.
    click(driver, "[data-group=Engineer] .chooser__user").await;
    fill(driver, ".chooser__pin input[name=pin]", DEMO_PIN).await;
    click(driver, "button[name=sign-in]").await;
    wait_gone(driver, ".chooser").await;
    session.open("/assessment").await;
    wait_for(driver, "[data-page=assessment]").await;
    assert_eq!(count(driver, "[data-action=providers-assessed]").await, 0);
    session.open("/assessment/providers").await;
    wait_for(driver, "[data-refused]").await;
    assert_eq!(count(driver, "[data-table=providers-assessed]").await, 0);
    session.finish().await;
}

#[tokio::test]
async fn files_of_the_wrong_kind_or_size_and_bad_amounts_are_refused_and_nothing_is_saved() {
    let session = Session::start().await;
    let driver = &session.driver;
    let files = Profile::new();
    session.demo_as_manager().await;
    session.open("/assessment/providers/import").await;
    wait_for(driver, "[data-page=review-import]").await;
    fill(driver, "input[name=platform]", "天猫").await;
    let choose_file = |name: &str, bytes: Vec<u8>| {
        let path = files.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let read = |path: PathBuf| async move {
        wait_for(driver, "input[name=file]")
            .await
            .send_keys(path.display().to_string())
            .await
            .unwrap();
        click(driver, "button[name=read-file]").await;
    };
    // Empty.
    read(choose_file("empty.csv", Vec::new())).await;
    wait_for_text(driver, "[data-problem=review-file]", "文件是空的").await;
    // A spreadsheet, not text.
    read(choose_file("book.csv", b"PK\x03\x04 a workbook".to_vec())).await;
    wait_for_text(driver, "[data-problem=review-file]", "不是 CSV 文本文件").await;
    // 50 MB: refused at once, without reading it.
    read(choose_file("huge.csv", vec![b'a'; 50 * 1024 * 1024])).await;
    wait_for_text(driver, "[data-problem=review-file]", "文件有 50 MB").await;
    // Another shape: the columns cannot be mapped, nothing to import.
    read(choose_file(
        "other.csv",
        "商品,库存,仓库\r\n空调,12,上海\r\n".as_bytes().to_vec(),
    ))
    .await;
    wait_for(driver, "[data-missing=columns]").await;
    assert_eq!(count(driver, "button[name=import-reviews]").await, 0);
    shot(driver, "review-import-other-shape").await;

    // Penalty rules: a negative fine and one that is not a number are refused; nothing is saved.
    session.open("/assessment/providers/rules").await;
    wait_for(driver, "[data-form=penalty-rules]").await;
    let before = count(driver, "[data-list=penalty-rules] tbody tr").await;
    fill(driver, "input[name=false-record]", "-1000").await;
    fill(driver, "input[name=complaint]", "两千").await;
    click(driver, "[data-form=penalty-rules] button[name=save]").await;
    wait_for_text(driver, "[data-field=FalseRecordFine]", "金额不能为负数").await;
    wait_for_text(driver, "[data-field=ComplaintFine]", "金额须为数字").await;
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-list=penalty-rules]").await;
    assert_eq!(
        count(driver, "[data-list=penalty-rules] tbody tr").await,
        before
    );

    // A review needs its stars and its day (no day in the future); a complaint says what happened.
    session.open("/assessment/providers/inputs").await;
    wait_for(driver, "[data-list=provider-inputs]").await;
    let entered = count(driver, "[data-list=provider-inputs] tbody tr").await;
    choose(driver, "select[name=provider]", "速修家电服务公司").await;
    fill(driver, "input[name=platform]", "京东").await;
    fill(driver, "input[name=order-number]", "JD-1").await;
    set_value(driver, "input[name=day]", "2099-01-01").await;
    click(driver, "[data-form=provider-input] button[name=save]").await;
    wait_for_text(driver, "[data-field=Stars]", "必填").await;
    wait_for_text(driver, "[data-field=Date]", "不能晚于今天").await;
    choose(driver, "select[name=kind]", "投诉").await;
    choose(driver, "select[name=cause]", "服务质量差").await;
    click(driver, "[data-form=provider-input] button[name=save]").await;
    wait_for_text(driver, "[data-field=Text]", "必填").await;
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-list=provider-inputs]").await;
    assert_eq!(
        count(driver, "[data-list=provider-inputs] tbody tr").await,
        entered
    );
    session.finish().await;
}

#[tokio::test]
async fn a_review_entered_with_the_customer_s_phone_is_anonymised_when_the_retention_period_runs_out()
 {
    let session = Session::start().await;
    let driver = &session.driver;
    session.demo_as_manager().await;
    // A review of eight months ago, by a customer no ticket knows: it keeps their phone, masked on screen.
    let (period, day): (String, String) = {
        let value = driver
            .execute(
                "const d = new Date(); d.setDate(1); d.setMonth(d.getMonth() - 8);
                 const m = String(d.getMonth() + 1).padStart(2, '0');
                 return [`m${d.getFullYear()}-${m}`, `${d.getFullYear()}-${m}-10`];",
                vec![],
            )
            .await
            .unwrap()
            .json()
            .clone();
        (
            value[0].as_str().unwrap().into(),
            value[1].as_str().unwrap().into(),
        )
    };
    let inputs = format!("/assessment/providers/inputs?p={period}");
    session.open(&inputs).await;
    wait_for(driver, "[data-form=provider-input]").await;
    choose(driver, "select[name=provider]", "速修家电服务公司").await;
    set_value(driver, "input[name=day]", &day).await;
    fill(driver, "input[name=platform]", "京东").await;
    choose(driver, "select[name=stars]", "1★").await;
    fill(driver, "input[name=phone]", "13912345678").await;
    fill(driver, "input[name=address]", "新华路 18 号").await;
    click(driver, "[data-form=provider-input] button[name=save]").await;
    wait_for_text(driver, "[data-list=provider-inputs]", "139****5678").await;

    // Six months' retention: the tickets due and the review are anonymised, and say so.
    session.open("/settings/service-levels").await;
    wait_for(driver, "[data-group=retention]").await;
    fill(driver, "input[name=retention-months]", "6").await;
    click(driver, "button[name=save]").await;
    driver.accept_alert().await.unwrap();
    wait_for_text(driver, ".toast", "1 条平台评价").await;
    for reload in [false, true] {
        if reload {
            driver.refresh().await.unwrap();
        }
        session.open(&inputs).await;
        wait_for(driver, "[data-list=provider-inputs]").await;
        let list = text_of(driver, "[data-list=provider-inputs]").await;
        assert!(list.contains("京东 · 1★"), "{list}");
        assert!(!list.contains("5678"), "{list}");
    }
    session.finish().await;
}
