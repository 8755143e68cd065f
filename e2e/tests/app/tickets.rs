//! Service tickets end to end (R2, R3): a complaint by phone from intake to closure and its reopening as a
//! repeat, with bad input refused on the way; an out-of-warranty repair that cannot start before a quote is
//! accepted; the service report with a drawn signature and its print view; reload keeps everything.

use aftersales::codec::text::to_text;
use aftersales::codec::to_bytes;
use e2e::{
    Session, choose, click, console_errors, count, fill, into_view, local_time_in_days, set_value,
    shot, text_of, value_of, wait_for, wait_for_text, wait_gone,
};
use thirtyfour::prelude::*;

use super::{Person, add_unit, create_admin, fill_staff};

/// The administrator's org: a region with an engineer (no certificates), and an engineer login with a PIN.
async fn set_up_company(session: &Session) {
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "2468").await;
    add_unit(driver, "华东区", "区域", None).await;
    fill_staff(
        driver,
        &Person {
            number: "E001",
            name: "陈工",
            position: "工程师",
            unit: "华东区",
            superior: None,
        },
    )
    .await;
    wait_for(driver, "[data-staff=E001]").await;
    session.open("/users/new").await;
    fill(driver, "[data-page=user-form] input[name=name]", "陈工").await;
    choose(driver, "select[name=role]", "工程师").await;
    choose(driver, "select[name=staff]", "陈工").await;
    fill(driver, "input[name=pin]", "1357").await;
    fill(driver, "input[name=pin-confirm]", "1357").await;
    click(driver, "button[name=save]").await;
    wait_for(driver, "[data-table=users] [data-user=陈工]").await;
}

async fn switch_user(driver: &WebDriver, name: &str, pin: &str) {
    click(driver, "button[name=switch-user]").await;
    click(driver, &format!("button[data-user={name}]")).await;
    fill(driver, "input[name=pin]", pin).await;
    click(driver, "button[name=sign-in]").await;
    wait_for_text(driver, ".topbar__user", name).await;
}

pub(crate) struct Intake<'a> {
    pub(crate) phone: &'a str,
    pub(crate) name: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) purchase: &'a str,
    pub(crate) description: &'a str,
}

pub(crate) async fn fill_intake(session: &Session, ticket: &Intake<'_>) {
    let driver = &session.driver;
    session.open("/tickets/new").await;
    fill(driver, "input[name=phone]", ticket.phone).await;
    fill(driver, "input[name=customer]", ticket.name).await;
    fill(driver, "input[name=address]", "上海市浦东新区张江路 1 号").await;
    choose(driver, "select[name=kind]", ticket.kind).await;
    fill(driver, "input[name=category]", "空调").await;
    fill(driver, "input[name=model]", "KF-35GW").await;
    fill(driver, "input[name=serial]", "SN-778899").await;
    set_value(driver, "input[name=purchase-date]", ticket.purchase).await;
    fill(driver, "textarea[name=description]", ticket.description).await;
}

/// Taps a command of the ticket screen.
pub(crate) async fn command(driver: &WebDriver, name: &str) {
    click(driver, &format!("button[data-command={name}]")).await;
}

pub(crate) async fn state_is(driver: &WebDriver, state: &str) {
    wait_for(driver, &format!("[data-page=ticket][data-state={state}]")).await;
}

async fn ticket_count(driver: &WebDriver) -> String {
    text_of(driver, "[data-fact=ticket-count]").await
}

#[tokio::test]
async fn a_complaint_by_phone_goes_from_intake_to_closure_and_a_reopening_counts_as_a_repeat() {
    let session = Session::start().await;
    let driver = &session.driver;
    set_up_company(&session).await;

    // Bad input: not a phone number, a purchase date in the future, a visit time in the past. Nothing is saved.
    fill_intake(
        &session,
        &Intake {
            phone: "12345",
            name: "张女士",
            kind: "投诉",
            purchase: "2099-01-01",
            description: "维修后空调仍不制冷，要求上门核实",
        },
    )
    .await;
    let past = local_time_in_days(driver, -2).await;
    set_value(driver, "input[name=requested-visit]", &past).await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=Phone]", "不是有效的电话号码").await;
    wait_for_text(driver, "[data-field=PurchaseDate]", "日期不能晚于今天").await;
    wait_for_text(driver, "[data-field=RequestedVisit]", "时间不能早于现在").await;
    shot(driver, "intake-errors").await;

    // The draft survives leaving the page.
    session.open("/tickets").await;
    assert!(
        ticket_count(driver).await.contains('0'),
        "nothing was saved"
    );
    session.open("/tickets/new").await;
    wait_for(driver, "[data-fact=draft-restored]").await;
    assert_eq!(value_of(driver, "input[name=customer]").await, "张女士");

    fill(driver, "input[name=phone]", "138 1234 5678").await;
    set_value(driver, "input[name=purchase-date]", "2026-03-01").await;
    let tomorrow = local_time_in_days(driver, 2).await;
    set_value(driver, "input[name=requested-visit]", &tomorrow).await;
    wait_for_text(driver, "[data-fact=warranty]", "在保修期内").await;
    click(driver, "button[name=save]").await;
    state_is(driver, "Registered").await;
    wait_for_text(driver, "[data-fact=phone]", "138****5678").await;
    // A number to tell the customer: the day, this device's code, the first of the day; said in the toast.
    let number = text_of(driver, "[data-page=ticket] [data-fact=number]").await;
    let parts: Vec<&str> = number.split('-').collect();
    assert!(
        parts.len() == 3
            && parts[0].len() == 6
            && parts[1].len() == 3
            && parts[1].chars().all(|c| c.is_ascii_uppercase())
            && parts[2] == "01",
        "{number}"
    );
    wait_for_text(driver, ".toast", &number).await;
    assert_eq!(
        count(driver, "[data-action=reveal-phone]").await,
        0,
        "the administrator has no business with the customer's number"
    );
    wait_for(driver, "[data-clock=ComplaintVerification]").await;
    wait_for(driver, "[data-clock=FirstResponse] [data-standing=Running]").await;

    // Triage (verify the complaint), then assign: the engineer has no 空调 certificate, so the app asks first.
    command(driver, "Triage").await;
    state_is(driver, "Triaged").await;
    wait_for(
        driver,
        "[data-clock=ComplaintVerification] [data-standing=Met]",
    )
    .await;
    // Not solvable at once: the day promised to the customer (S9 四.2) — never one already past — which the
    // service levels then watch.
    command(driver, "Promise").await;
    set_value(driver, "input[name=day]", &past[..10]).await;
    click(driver, "[data-form=Promise] button[name=confirm]").await;
    wait_for_text(
        driver,
        "[data-form=Promise] [data-field=Date]",
        "日期不能早于今天",
    )
    .await;
    let promised = local_time_in_days(driver, 3).await;
    set_value(driver, "input[name=day]", &promised[..10]).await;
    fill(driver, "textarea[name=text]", "等备件到货").await;
    click(driver, "[data-form=Promise] button[name=confirm]").await;
    wait_for_text(driver, "[data-event=Promised]", &promised[..10]).await;
    wait_for(driver, "[data-clock=Promised] [data-standing=Running]").await;
    command(driver, "Assign").await;
    // Each engineer offered with what placed them: the region, the certificate, the open load.
    wait_for_text(
        driver,
        "select[name=engineer] option:nth-child(2)",
        "E001 陈工 · 无有效上岗证 · 在办 0",
    )
    .await;
    choose(driver, "select[name=engineer]", "陈工").await;
    click(driver, "[data-form=Assign] button[name=confirm]").await;
    let warning = driver.get_alert_text().await.unwrap();
    assert!(warning.contains("上岗证"), "{warning}");
    driver.accept_alert().await.unwrap();
    state_is(driver, "Assigned").await;
    wait_for_text(driver, "[data-fact=engineer]", "陈工").await;
    let ticket_url = driver.current_url().await.unwrap().to_string();

    // The engineer finds it under "my tickets", schedules the visit, arrives, resolves with a signed report.
    switch_user(driver, "陈工", "1357").await;
    // The engineer's home: the day's counts and the ticket to visit.
    session.open("/").await;
    wait_for(driver, "[data-page=home][data-role=Engineer]").await;
    wait_for_text(driver, "[data-count=to-visit] dd", "1").await;
    wait_for_text(driver, "[data-list=mine] [data-ticket]", "张女士").await;
    shot(driver, "home-engineer").await;
    // Nothing waits for a survey yet: the empty part says so and points to all of the engineer's tickets.
    let instead = wait_for(
        driver,
        "[data-empty=awaiting-survey] [data-action=look-instead]",
    )
    .await;
    assert_eq!(
        instead.attr("href").await.unwrap().as_deref(),
        Some("/tickets?mine=1&state=all")
    );
    session.open("/tickets").await;
    click(driver, "input[name=mine]").await;
    // The filter is in the URL: back from a ticket, the list is as it was left.
    wait_for(driver, "[data-ticket]").await;
    assert!(
        driver
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains("mine=1"),
        "the list's URL keeps its filter"
    );
    wait_for_text(driver, "[data-ticket]", "张女士").await;
    click(driver, "[data-ticket]").await;
    state_is(driver, "Assigned").await;
    // The assigned engineer calls the customer: one tap shows the number as a call link, and the timeline says so.
    wait_for_text(driver, "[data-fact=phone]", "138****5678").await;
    click(driver, "button[data-action=reveal-phone]").await;
    wait_for(driver, "a[data-fact=phone][href='tel:13812345678']").await;
    wait_for_text(driver, "[data-event=PhoneRevealed]", "陈工").await;
    driver.refresh().await.unwrap();
    wait_for(driver, "a[data-fact=phone][href='tel:13812345678']").await;
    assert_eq!(
        count(driver, "[data-event=PhoneRevealed]").await,
        1,
        "seeing it again records nothing more"
    );
    assert!(
        count(
            driver,
            "button[data-command=Close], button[data-command=Void]"
        )
        .await
            == 0,
        "an engineer may not close or void"
    );
    command(driver, "ScheduleVisit").await;
    set_value(driver, "input[name=when]", &tomorrow).await;
    click(driver, "[data-form=ScheduleVisit] button[name=confirm]").await;
    state_is(driver, "InProgress").await;
    command(driver, "Arrive").await;
    wait_for(driver, "[data-event=Arrived]").await;
    command(driver, "Resolve").await;
    wait_for(driver, "[data-page=report-form]").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=WorkDone]", "必填").await;
    wait_for_text(driver, "[data-field=Signature]", "请客户在框内签名").await;
    fill(
        driver,
        "textarea[name=work-done]",
        "检测冷媒压力，补充冷媒，更换电容",
    )
    .await;
    // A problem goes as soon as it is fixed (issue 17: "必填" stayed until the next save).
    wait_for_text(driver, "[data-field=WorkDone]", "").await;
    assert_eq!(text_of(driver, "[data-field=WorkDone]").await, "");
    fill(driver, "textarea[name=solution]", "补充冷媒后制冷恢复").await;
    click(driver, "button[name=add-line]").await;
    fill(driver, "input[name=line-description]", "启动电容").await;
    fill(driver, "input[name=line-price]", "35.50").await;
    let pad = wait_for(driver, ".signature__pad").await;
    into_view(driver, &pad).await;
    driver
        .action_chain()
        .move_to_element_with_offset(&pad, -120, 0)
        .click_and_hold()
        .move_by_offset(60, 25)
        .move_by_offset(60, -30)
        .move_by_offset(80, 20)
        .release()
        .perform()
        .await
        .unwrap();
    wait_for(driver, ".signature__pad[data-strokes='1']").await;
    assert_eq!(
        text_of(driver, "[data-field=Signature]").await,
        "",
        "signed now"
    );
    shot(driver, "report-form").await;
    click(driver, "button[name=save]").await;
    state_is(driver, "Resolved").await;
    wait_for(driver, "[data-clock=Resolution] [data-standing=Met]").await;

    // The printable report shows the work, the free in-warranty charge and the signature.
    click(driver, "[data-report] a").await;
    wait_for_text(driver, "[data-fact=work-done]", "更换电容").await;
    wait_for_text(driver, "[data-fact=solution]", "补充冷媒后制冷恢复").await;
    wait_for_text(driver, ".paper [data-fact=number]", &number).await;
    wait_for_text(driver, "[data-fact=total]", "35.50").await;
    wait_for_text(driver, "[data-fact=charge]", "0.00").await;
    wait_for(driver, ".paper .signature__view polyline").await;
    shot(driver, "report-print").await;

    // Back as the agent: the customer confirms, the ticket closes; a reload keeps it all.
    switch_user(driver, "管理员", "2468").await;
    driver.goto(&ticket_url).await.unwrap();
    command(driver, "Confirm").await;
    state_is(driver, "Confirmed").await;
    wait_for(driver, "[data-clock=Promised] [data-standing=Met]").await;
    // A complaint closes only once the customer was told the result (S9 四.4): the screen says so, and the form
    // needs how they were told.
    wait_for_text(
        driver,
        "[data-fact=result-untold]",
        "告知客户处理结果后才能关闭",
    )
    .await;
    assert_eq!(count(driver, "button[data-command=Close]").await, 0);
    command(driver, "Inform").await;
    click(driver, "[data-form=Inform] button[name=confirm]").await;
    wait_for_text(driver, "[data-form=Inform] [data-field=Contact]", "必填").await;
    choose(driver, "select[name=how]", "电话").await;
    choose(driver, "select[name=cause]", "服务质量差").await;
    click(driver, "[data-form=Inform] button[name=confirm]").await;
    wait_for_text(driver, "[data-event=Informed]", "服务质量差").await;
    assert_eq!(count(driver, "[data-fact=result-untold]").await, 0);
    command(driver, "Close").await;
    state_is(driver, "Closed").await;
    driver.refresh().await.unwrap();
    state_is(driver, "Closed").await;
    assert_eq!(text_of(driver, "[data-fact=reopen-count]").await, "0");

    // A follow-up call after the work (R2.9): a time in the past is refused, then planned and recorded.
    command(driver, "PlanFollowUp").await;
    set_value(driver, "input[name=when]", &past).await;
    fill(driver, "textarea[name=text]", "回访制冷效果").await;
    click(driver, "[data-form=PlanFollowUp] button[name=confirm]").await;
    wait_for_text(driver, "[data-field=When]", "时间不能早于现在").await;
    set_value(driver, "input[name=when]", &tomorrow).await;
    click(driver, "[data-form=PlanFollowUp] button[name=confirm]").await;
    wait_for_text(driver, "[data-fact=follow-ups]", "待回访").await;
    command(driver, "RecordFollowUp").await;
    fill(driver, "textarea[name=text]", "客户表示制冷正常").await;
    click(driver, "[data-form=RecordFollowUp] button[name=confirm]").await;
    wait_for_text(driver, "[data-fact=follow-ups]", "客户表示制冷正常").await;

    // The fix did not hold: reopening needs a reason and counts as a repeat.
    command(driver, "Reopen").await;
    click(driver, "[data-form=Reopen] button[name=confirm]").await;
    wait_for_text(driver, "[data-field=Text]", "必填").await;
    fill(driver, "textarea[name=text]", "一周后又不制冷").await;
    click(driver, "[data-form=Reopen] button[name=confirm]").await;
    state_is(driver, "InProgress").await;
    assert_eq!(text_of(driver, "[data-fact=reopen-count]").await, "1");
    shot(driver, "ticket-reopened").await;
    session.open("/tickets").await;
    wait_for_text(driver, "[data-ticket]", "重开过").await;
    // Found by its number, typed with or without the dashes.
    fill(
        driver,
        "input[name=search]",
        &number.replace('-', "").to_lowercase(),
    )
    .await;
    wait_for_text(driver, "[data-ticket] [data-fact=number]", &number).await;
    fill(driver, "input[name=search]", "").await;
    let timeline_events = [
        "Registered",
        "Triaged",
        "Assigned",
        "Resolved",
        "Closed",
        "Reopened",
    ];
    driver.goto(&ticket_url).await.unwrap();
    for event in timeline_events {
        wait_for(driver, &format!("[data-event={event}]")).await;
    }

    // The same customer calls again: the phone brings back her name, address and air conditioner.
    session.open("/tickets/new").await;
    fill(driver, "input[name=phone]", "13812345678").await;
    assert!(
        count(driver, "[data-fact=draft-restored]").await == 0,
        "a saved ticket leaves no draft behind"
    );
    wait_for_text(driver, "[data-fact=known-customer]", "张女士").await;
    click(driver, "button[name=use-customer]").await;
    click(driver, "button[name=use-product]").await;
    assert_eq!(value_of(driver, "input[name=serial]").await, "SN-778899");
    choose(driver, "select[name=kind]", "安装调试").await;
    fill(driver, "textarea[name=description]", "新买一台，需要安装").await;
    click(driver, "button[name=save]").await;
    state_is(driver, "Registered").await;
    wait_for_text(driver, "[data-fact=history]", "维修后空调仍不制冷").await;
    shot(driver, "ticket-history").await;

    let errors = console_errors(driver).await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    session.finish().await;
}

#[tokio::test]
async fn an_out_of_warranty_repair_starts_only_after_the_customer_accepts_a_quote() {
    let session = Session::start().await;
    let driver = &session.driver;
    set_up_company(&session).await;
    fill_intake(
        &session,
        &Intake {
            phone: "021-6888 1234",
            name: "王先生",
            kind: "维修",
            purchase: "2020-05-01",
            description: "外机异响",
        },
    )
    .await;
    wait_for_text(driver, "[data-fact=warranty]", "已过保修期").await;
    click(driver, "button[name=save]").await;
    state_is(driver, "Registered").await;
    command(driver, "Triage").await;
    state_is(driver, "Triaged").await;
    command(driver, "Assign").await;
    choose(driver, "select[name=engineer]", "陈工").await;
    click(driver, "[data-form=Assign] button[name=confirm]").await;
    driver.accept_alert().await.unwrap();
    state_is(driver, "Assigned").await;
    let ticket_url = driver.current_url().await.unwrap().to_string();

    switch_user(driver, "陈工", "1357").await;
    driver.goto(&ticket_url).await.unwrap();
    wait_for(driver, "button[data-command=IssueQuote]").await;
    wait_gone(driver, "button[data-command=ScheduleVisit]").await;
    wait_gone(driver, "button[data-command=Arrive]").await;
    // The engineer is told why there is no visit to schedule yet.
    wait_for_text(driver, "[data-fact=quote-first]", "客户接受报价后").await;

    // A negative amount is refused on its line; nothing is issued.
    command(driver, "IssueQuote").await;
    fill(driver, "input[name=line-description]", "风扇电机").await;
    fill(driver, "input[name=line-price]", "-120").await;
    click(driver, "[data-form=IssueQuote] button[name=confirm]").await;
    wait_for_text(driver, "[data-field='Line(0)']", "金额不能为负数").await;
    assert!(
        count(driver, "[data-fact=quote]").await == 0,
        "no quote was issued"
    );
    fill(driver, "input[name=line-price]", "280").await;
    click(driver, "[data-form=IssueQuote] button[name=add-line]").await;
    let kinds = driver
        .find_all(By::Css("select[name=line-kind]"))
        .await
        .unwrap();
    kinds[1]
        .find(By::XPath(".//option[contains(., '工时费')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let descriptions = driver
        .find_all(By::Css("input[name=line-description]"))
        .await
        .unwrap();
    // The second line comes from the price list: its name brings the price (¥80.00 an hour).
    descriptions[1].send_keys("维修工时").await.unwrap();
    let prices = driver
        .find_all(By::Css("input[name=line-price]"))
        .await
        .unwrap();
    assert_eq!(
        prices[1].prop("value").await.unwrap().as_deref(),
        Some("80.00")
    );
    click(driver, "[data-form=IssueQuote] button[name=confirm]").await;
    wait_for(driver, "[data-fact=quote][data-quote=Issued]").await;
    wait_for_text(driver, "[data-fact=quote] [data-fact=total]", "360.00").await;
    wait_gone(driver, "button[data-command=ScheduleVisit]").await;

    command(driver, "AcceptQuote").await;
    wait_for(driver, "[data-fact=quote][data-quote=Accepted]").await;
    wait_gone(driver, "[data-fact=quote-first]").await;
    command(driver, "ScheduleVisit").await;
    let later = local_time_in_days(driver, 1).await;
    set_value(driver, "input[name=when]", &later).await;
    click(driver, "[data-form=ScheduleVisit] button[name=confirm]").await;
    state_is(driver, "InProgress").await;
    shot(driver, "quote-accepted").await;
    session.finish().await;
}

/// `count` tickets as stored log entries (`Change`s in the stored encoding, as base64 to pass to the page):
/// registered over the last 30 days, most triaged and assigned, every third resolved and closed.
pub(crate) fn ticket_log_entries(count: u64, engineer: aftersales::domain::ids::Id) -> Vec<String> {
    use aftersales::domain::calendar::Date;
    use aftersales::domain::clock::Stamp;
    use aftersales::domain::dataset::Change;
    use aftersales::domain::ids::{DeviceId, Id};
    use aftersales::domain::ticket::{
        Channel, Customer, Happening, Kind, Priority, Product, Registration, TicketEvent,
    };
    use std::sync::Arc;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let kinds = [
        Kind::Repair,
        Kind::Installation,
        Kind::Complaint,
        Kind::Consultation,
    ];
    let mut entries = Vec::new();
    for n in 0..count {
        let ticket = Id::from_u128(0x1_0000_0000 + u128::from(n));
        let received = now - 30 * 86_400_000 + (n as i64 * 2_591_000_000 / count as i64);
        let mut seq = 0u32;
        let mut push = |what: Happening, at: i64| {
            seq += 1;
            let event = TicketEvent {
                id: Id::from_u128((u128::from(n) << 16) + u128::from(seq) + (1 << 100)),
                ticket,
                stamp: Stamp {
                    wall_ms: at as u64,
                    counter: seq,
                    device: DeviceId::from_u128(7),
                },
                at,
                by: None,
                what,
            };
            entries.push(to_text(&to_bytes(&Change::TicketEvent(event))));
        };
        push(
            Happening::Registered(Arc::new(Registration {
                customer: Customer {
                    name: format!("客户{n:05}"),
                    phone: format!("139{:08}", n * 7919 % 100_000_000),
                    address: format!("上海市某路 {n} 号"),
                },
                product: Product {
                    category: "空调".into(),
                    model: format!("KF-{}", 26 + n % 50),
                    serial: format!("SN{n:07}"),
                    purchase_date: Date::parse("2025-06-01"),
                    warranty_end: Date::parse("2027-05-31"),
                },
                description: format!("第 {n} 号工单：空调不制冷"),
                kind: kinds[(n % 4) as usize],
                priority: Priority::Normal,
                channel: Channel::Phone,
                received_at: received,
                requested_visit: None,
                unit: None,
                order_number: String::new(),
                number: String::new(),
            })),
            received,
        );
        if n % 5 != 0 {
            push(
                Happening::Triaged {
                    note: String::new(),
                },
                received + 3_600_000,
            );
            push(Happening::Assigned { engineer }, received + 7_200_000);
        }
        if n % 3 == 0 && n % 5 != 0 {
            push(Happening::Arrived, received + 86_400_000);
            push(
                Happening::Resolved {
                    solution: "更换电容".into(),
                    report: None,
                },
                received + 90_000_000,
            );
            push(Happening::Closed, received + 100_000_000);
        }
    }
    entries
}

/// Writes log entries straight into the app's IndexedDB, as another device's import would have; the app reads
/// them on its next start.
pub(crate) async fn store_log_entries(driver: &WebDriver, entries: &[String]) {
    let stored = driver
        .execute_async(
            "const [entries, done] = [arguments[0], arguments[arguments.length - 1]];
             const open = indexedDB.open('aftersales');
             open.onsuccess = () => {
               const tx = open.result.transaction('log', 'readwrite');
               const log = tx.objectStore('log');
               for (const entry of entries) log.add(Uint8Array.from(atob(entry), (c) => c.charCodeAt(0)));
               tx.oncomplete = () => { open.result.close(); done(entries.length); };
               tx.onerror = () => done('error ' + tx.error);
             };",
            vec![serde_json::to_value(entries).unwrap()],
        )
        .await
        .unwrap();
    assert_eq!(stored.json().as_u64(), Some(entries.len() as u64));
}

#[tokio::test]
async fn ten_thousand_tickets_open_search_and_scroll_smoothly() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "").await;
    let entries = ticket_log_entries(10_000, aftersales::domain::ids::Id::from_u128(0xE));
    store_log_entries(driver, &entries).await;

    // Opening the app with them stored (on a screen of the service page that shows no ticket), then the list.
    let started = std::time::Instant::now();
    session.open("/surveys").await;
    wait_for(driver, "[data-page=surveys]").await;
    let open_ms = started.elapsed().as_millis();
    let first_render = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const t0 = performance.now();
             new MutationObserver((_, observer) => {
               if (document.querySelector('[data-ticket]')) { observer.disconnect(); done(performance.now() - t0); }
             }).observe(document.body, {childList: true, subtree: true});
             document.querySelector(\".topbar__nav a[href='/tickets']\").click();",
            vec![],
        )
        .await
        .unwrap();
    let first_render_ms = first_render.json().as_f64().unwrap_or(-1.0);
    wait_for_text(driver, "[data-fact=ticket-count]", "共 ").await;
    let open_count = text_of(driver, "[data-fact=ticket-count]").await;
    // 2,000 registered only + 8,000 triaged and assigned − the closed ones (n % 3 == 0, n % 5 != 0: 2,667).
    assert_eq!(open_count, "共 7333 张工单", "open tickets by default");
    let rows = count(driver, "[data-ticket]").await;
    assert!(
        (10..=80).contains(&rows),
        "only the rows in view are in the page: {rows}"
    );

    // Scrolling to the end shows the last rows, still only a window of them.
    let scroll_ms = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const list = document.querySelector('.virtual-list');
             const t0 = performance.now();
             list.scrollTop = list.scrollHeight;
             list.dispatchEvent(new Event('scroll'));
             requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));",
            vec![],
        )
        .await
        .unwrap()
        .json()
        .as_f64()
        .unwrap_or(-1.0);
    wait_for_text(driver, ".virtual-list", "客户00000").await;
    let rows = count(driver, "[data-ticket]").await;
    assert!((10..=80).contains(&rows), "{rows} rows in the page");

    // Search narrows to one customer; the masked phone is what the row shows.
    fill(driver, "input[name=search]", "SN0004243").await;
    wait_for_text(driver, "[data-fact=ticket-count]", "共 1 张工单").await;
    wait_for_text(driver, "[data-ticket]", "客户04243").await;
    let row = text_of(driver, "[data-ticket]").await;
    assert!(row.contains("139****"), "{row}");
    shot(driver, "ten-thousand").await;
    // A search that matches nothing offers to clear the filters: the list as it opens, the open tickets.
    fill(driver, "input[name=search]", "no such customer").await;
    wait_for_text(driver, "[data-empty=tickets]", "没有符合条件的工单").await;
    click(driver, "[data-empty=tickets] button[name=clear-filters]").await;
    wait_for_text(driver, "[data-fact=ticket-count]", "共 7333 张工单").await;
    assert_eq!(value_of(driver, "input[name=search]").await, "");
    println!(
        "10,000 tickets: app open with them stored {open_ms} ms (navigation to a ready page, includes load); \
         list first render {first_render_ms:.0} ms; scroll to the end {scroll_ms:.0} ms (two frames)"
    );
    session.finish().await;
}

#[tokio::test]
async fn the_calendar_and_the_sla_policy_are_edited_checked_and_kept() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    create_admin(driver, "").await;
    click(driver, ".topbar__nav a[href='/settings']").await;
    click(driver, "[data-action=service-levels]").await;
    wait_for(driver, "[data-page=service-levels]").await;
    wait_for(driver, "[data-holiday='2026-10-01']").await;
    wait_for(driver, "[data-make-up='2026-09-20']").await;

    // Bad input: a day that is already a holiday as a make-up day, hours that close before they open, a zero target.
    set_value(driver, "input[name=make-up-date]", "2026-10-01").await;
    click(driver, "button[name=add-make-up]").await;
    wait_for_text(driver, "[data-field=MakeUpDate]", "这一天已是节假日").await;
    set_value(driver, "input[name=opens]", "18:00").await;
    set_value(driver, "input[name=closes]", "09:00").await;
    fill(driver, "input[name=first-response-amount]", "0").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, "[data-field=Closes]", "下班时间须晚于上班时间").await;
    wait_for_text(driver, "[data-field=FirstResponse]", "须为 1–8760 的整数").await;

    // The price list refuses a negative price and takes a new part.
    fill(driver, "input[name=price-name]", "启动电容").await;
    fill(driver, "input[name=price-amount]", "-35").await;
    click(driver, "button[name=add-price]").await;
    wait_for_text(driver, "[data-field=PriceItem]", "金额不能为负数").await;
    fill(driver, "input[name=price-amount]", "35.50").await;
    click(driver, "button[name=add-price]").await;
    wait_for_text(driver, "[data-price=启动电容]", "35.50").await;

    // Good input: a company holiday, office hours, first response within 4 clock hours.
    set_value(driver, "input[name=holiday-date]", "2026-12-07").await;
    fill(driver, "input[name=holiday-name]", "公司庆典").await;
    click(driver, "button[name=add-holiday]").await;
    wait_for_text(driver, "[data-holiday='2026-12-07']", "公司庆典").await;
    set_value(driver, "input[name=opens]", "08:30").await;
    set_value(driver, "input[name=closes]", "17:30").await;
    fill(driver, "input[name=first-response-amount]", "4").await;
    click(driver, "button[name=save]").await;
    wait_for_text(driver, ".toast", "已保存").await;
    shot(driver, "service-levels").await;

    driver.refresh().await.unwrap();
    wait_for_text(driver, "[data-holiday='2026-12-07']", "公司庆典").await;
    assert_eq!(
        value_of(driver, "input[name=first-response-amount]").await,
        "4"
    );
    wait_for(driver, "[data-price=启动电容]").await;
    assert_eq!(value_of(driver, "input[name=opens]").await, "08:30");
    assert_eq!(value_of(driver, "input[name=closes]").await, "17:30");
    session.finish().await;
}

/// Issue 17: the draft banner outlived "清空重填". Discarding a restored draft empties the form and the banner goes,
/// also after a reload.
#[tokio::test]
async fn a_discarded_draft_leaves_a_blank_form_and_no_banner() {
    let session = Session::start().await;
    let driver = &session.driver;
    session.open("/").await;
    super::create_admin(driver, "2468").await;
    session.open("/tickets/new").await;
    fill(driver, "input[name=customer]", "张女士").await;
    session.open("/tickets").await;
    session.open("/tickets/new").await;
    wait_for(driver, "[data-fact=draft-restored]").await;
    assert_eq!(value_of(driver, "input[name=customer]").await, "张女士");
    click(driver, "button[name=discard-draft]").await;
    wait_gone(driver, "[data-fact=draft-restored]").await;
    assert_eq!(value_of(driver, "input[name=customer]").await, "");
    driver.refresh().await.unwrap();
    wait_for(driver, "[data-page=ticket-new]").await;
    assert_eq!(count(driver, "[data-fact=draft-restored]").await, 0);
    session.finish().await;
}

/// The demo company; its agent registers a repair for a new customer and is on the ticket, registered.
async fn agent_registers_a_repair(session: &Session, phone: &str, customer: &str, what: &str) {
    let driver = &session.driver;
    session.open("/").await;
    click(driver, "button[name=load-demo]").await;
    wait_for(driver, ".chooser__user").await;
    e2e::sign_in_as(driver, "客服 林明", e2e::DEMO_PIN).await;
    session.open("/tickets/new").await;
    fill(driver, "input[name=phone]", phone).await;
    fill(driver, "input[name=customer]", customer).await;
    choose(driver, "select[name=kind]", "维修").await;
    fill(driver, "textarea[name=description]", what).await;
    click(driver, "button[name=save]").await;
    wait_for(driver, "[data-page=ticket][data-state=Registered]").await;
}

/// Regression (issue 17's attack review): two taps on a confirm button in one frame — before the button is drawn
/// disabled — recorded the dispatch twice (two triages, two assignments, the certificate question asked twice).
/// The second tap now saves nothing.
#[tokio::test]
async fn a_double_tap_dispatches_once() {
    let session = Session::start().await;
    let driver = &session.driver;
    agent_registers_a_repair(&session, "13900001111", "钱先生", "洗衣机不排水").await;
    click(driver, "button[data-command=Assign]").await;
    let confirm = wait_for(driver, "[data-form=Assign] button[name=confirm]").await;
    // (A certificate question stops the script at the first tap: WebDriver then answers with the dialog open.)
    let _ = driver
        .execute(
            "arguments[0].click(); arguments[0].click();",
            vec![confirm.to_json().unwrap()],
        )
        .await;
    // A certificate question, if the best fit lacks one, is asked once and answered yes.
    if driver.get_alert_text().await.is_ok() {
        driver.accept_alert().await.unwrap();
    }
    wait_for(driver, "[data-page=ticket][data-state=Assigned]").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(
        driver.get_alert_text().await.is_err(),
        "the certificate question was asked twice"
    );
    assert_eq!(count(driver, "[data-event=Triaged]").await, 1);
    assert_eq!(count(driver, "[data-event=Assigned]").await, 1);
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}

/// Regression (issue 17's attack review): a change to a ticket saved in another tab closed the command form being
/// filled in here — losing its text, and panicking when the cursor was in it. Now the form stays with what was
/// typed; when the change makes the command impossible, the form closes and says so.
#[tokio::test]
async fn a_command_form_outlives_another_tabs_change_and_says_when_it_is_no_longer_possible() {
    let session = Session::start().await;
    let driver = &session.driver;
    agent_registers_a_repair(&session, "13900002222", "孔先生", "冰箱异响").await;
    let ticket = driver.current_url().await.unwrap().path().to_string();
    let first = driver.window().await.unwrap();

    // Tab A: a note half typed, the cursor still in it.
    command(driver, "Note").await;
    fill(
        driver,
        "[data-form=Note] textarea[name=text]",
        "客户下午在家",
    )
    .await;
    // Tab B adds its own note to the same ticket.
    let second = driver.new_tab().await.unwrap();
    driver.switch_to_window(second.clone()).await.unwrap();
    session.open(&ticket).await;
    command(driver, "Note").await;
    fill(
        driver,
        "[data-form=Note] textarea[name=text]",
        "已电话确认地址",
    )
    .await;
    click(driver, "[data-form=Note] button[name=confirm]").await;
    wait_gone(driver, "[data-form=Note]").await;
    // Back in tab A: the other note is on the timeline, and the form is still open with what was typed.
    driver.switch_to_window(first.clone()).await.unwrap();
    wait_for_text(driver, "[data-page=ticket]", "已电话确认地址").await;
    assert_eq!(
        value_of(driver, "[data-form=Note] textarea[name=text]").await,
        "客户下午在家"
    );
    // Tab A opens the dispatch form; tab B dispatches first: A's form closes and says why.
    command(driver, "Assign").await;
    wait_for(driver, "[data-form=Assign]").await;
    driver.switch_to_window(second).await.unwrap();
    command(driver, "Assign").await;
    click(driver, "[data-form=Assign] button[name=confirm]").await;
    if driver.get_alert_text().await.is_ok() {
        driver.accept_alert().await.unwrap();
    }
    wait_for(driver, "[data-page=ticket][data-state=Assigned]").await;
    driver.switch_to_window(first).await.unwrap();
    wait_for(driver, "[data-page=ticket][data-state=Assigned]").await;
    wait_gone(driver, "[data-form=Assign]").await;
    wait_for_text(driver, ".toast", "刚在别处被更改").await;
    assert_eq!(console_errors(driver).await, Vec::<String>::new());
    session.finish().await;
}
