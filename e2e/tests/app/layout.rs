//! The layout walk: every main screen of the demo company, in each role, on a tablet on its side (1024 × 768) and
//! held upright (768 × 1024). A screen fails when the page scrolls sideways, something sticks out of its panel,
//! or a control is under 44 × 44 px (R11.1) — what `layout_probe.js` checks, with its few exceptions said there.
//! With `SCREENSHOTS=dir` it also leaves a picture of each screen at each size (`make screenshots`).

use std::time::Duration;

use e2e::{DEMO_PIN, Session, click, shot, sign_in_as, wait_for, wait_gone};
use thirtyfour::prelude::*;

const PROBE: &str = include_str!("layout_probe.js");
const SIZES: [(u32, u32); 2] = [(1024, 768), (768, 1024)];

/// Sets the page's viewport to a tablet's, whatever the window.
async fn viewport(driver: &WebDriver, (width, height): (u32, u32)) {
    driver
        .cdp()
        .send_raw(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await
        .unwrap();
}

/// What the probe finds on the screen as it is now, at each size, each line prefixed with where.
async fn walk_here(driver: &WebDriver, screen: &str, problems: &mut Vec<String>) {
    for size in SIZES {
        viewport(driver, size).await;
        tokio::time::sleep(Duration::from_millis(250)).await;
        let script = format!("return ({PROBE});");
        let found = driver.execute(&script, Vec::new()).await.unwrap();
        let found: Vec<String> = found.convert().unwrap();
        problems.extend(
            found
                .into_iter()
                .map(|p| format!("{screen} at {}×{}: {p}", size.0, size.1)),
        );
        // A record's id becomes "id1", "id2"… in the order the walk meets them, so a refresh overwrites the same
        // files rather than adding new ones.
        let name = screen
            .trim_matches('/')
            .split('/')
            .map(|part| match is_record_id(part) {
                true => format!("id{}", id_number(part)),
                false => part.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/")
            .replace(['/', '?', '=', '&', ' ', '·'], "_");
        let name = if name.is_empty() { "home" } else { &name };
        shot(driver, &format!("{}x{}-{name}", size.0, size.1)).await;
    }
}

/// The record ids the walk has met, in order: a screenshot names an id by its place here.
static IDS_MET: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// 1 for the first id the walk meets, 2 for the next other one, …
fn id_number(id: &str) -> usize {
    let mut met = IDS_MET.lock().unwrap();
    match met.iter().position(|known| known == id) {
        Some(index) => index + 1,
        None => {
            met.push(id.to_string());
            met.len()
        }
    }
}

/// Whether a path segment is a record's id (a UUID: 8-4-4-4-12 hexadecimal digits).
fn is_record_id(part: &str) -> bool {
    part.len() == 36
        && part.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Opens a path and waits until the page has drawn it.
async fn open(session: &Session, path: &str) {
    session.open(path).await;
    wait_for(&session.driver, "main > :not(.main__status)").await;
    wait_gone(&session.driver, ".main__status").await;
    // The screens that read the tickets show once their history is read.
    wait_for(&session.driver, "main[data-history=read]").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
}

/// The target of the first link on `page` matching `css` (a record's own screen).
async fn first_link(session: &Session, page: &str, css: &str) -> Option<String> {
    open(session, page).await;
    hrefs(&session.driver, css).await.into_iter().next()
}

/// Where every link matching `css` on the screen leads, read in one step (a list the page renders again meanwhile,
/// as after the retention rule's rewrite, cannot leave a stale element in hand).
async fn hrefs(driver: &WebDriver, css: &str) -> Vec<String> {
    let found = driver
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map((a) => a.getAttribute('href')).filter(Boolean);",
            vec![css.into()],
        )
        .await
        .unwrap();
    found.convert().unwrap()
}

async fn sign_in(driver: &WebDriver, name: &str) {
    if driver.find(By::Css(".chooser__user")).await.is_err() {
        click(driver, "button[name=switch-user]").await;
    }
    sign_in_as(driver, name, DEMO_PIN).await;
}

#[tokio::test]
async fn every_main_screen_fits_a_tablet_either_way_up_with_44_px_targets() {
    let session = Session::start().await;
    let driver = &session.driver;
    let mut problems = Vec::new();
    session.open("/").await;
    click(driver, "button[name=load-demo]").await;
    wait_for(driver, ".chooser__user").await;
    walk_here(driver, "the user chooser", &mut problems).await;

    // The administrator reaches every screen; each record kind's own screen is walked through its first record.
    sign_in(driver, "管理员").await;
    let mut screens: Vec<String> = [
        "/",
        "/tickets",
        "/tickets/new",
        "/kpi",
        "/surveys",
        "/surveys/import",
        "/org",
        "/org/staff/new",
        "/providers",
        "/users",
        "/settings",
        "/settings/kpi",
        "/settings/service-levels",
        "/settings/surveys",
        "/data",
        "/inputs/sales",
        "/inputs/costs",
        "/inputs/training",
        "/assessment",
        "/assessment/schemes",
        "/assessment/schemes/new?from=b0",
        "/assessment/cycles/new",
        "/assessment/providers",
        "/assessment/providers/inputs",
        "/assessment/providers/import",
        "/assessment/providers/rules",
        "/assessment/quality",
        "/assessment/reports",
    ]
    .map(String::from)
    .to_vec();
    for (page, css) in [
        ("/tickets", "a.ticket-row"),
        ("/kpi", "a.kpi-tile__link"),
        ("/org", "[data-table=staff] a[href^='/org/staff/']"),
        ("/org", "a[href^='/org/units/']:not([href$='/new'])"),
        ("/users", "a[href^='/users/']:not([href$='/new'])"),
        ("/providers", "a[href^='/providers/']:not([href$='/new'])"),
        (
            "/assessment/providers",
            "a[href^='/assessment/providers/0']",
        ),
        (
            "/assessment/quality",
            "a[href^='/assessment/quality/self/']",
        ),
        (
            "/assessment/quality",
            "a[href^='/assessment/quality/audit/']",
        ),
        // The demo's issued report (the second row: last month) and a draft (the first: this month).
        (
            "/assessment/reports",
            "tr[data-status=issued] a[href^='/assessment/reports/']",
        ),
        (
            "/assessment/reports",
            "tr[data-status=open] a[href^='/assessment/reports/']",
        ),
    ] {
        let link = first_link(&session, page, css).await;
        screens.push(link.unwrap_or_else(|| panic!("{page} links to no {css}")));
    }
    // The demo's cycles: each board, a person's assessment there and the paper forms it offers.
    open(&session, "/assessment").await;
    let cycles = hrefs(driver, "a[href^='/assessment/cycles/0']").await;
    assert!(!cycles.is_empty(), "the demo has assessment cycles");
    for cycle in cycles {
        let assessment = first_link(&session, &cycle, "a[href^='/assessment/a/']")
            .await
            .expect("the cycle has assessments");
        open(&session, &assessment).await;
        let forms = hrefs(driver, "[data-action^=print-]").await;
        screens.extend([cycle, assessment]);
        screens.extend(forms);
    }
    let ticket = screens
        .iter()
        .find(|s| s.starts_with("/tickets/") && s.len() > 20)
        .cloned()
        .unwrap();
    screens.push(format!("{ticket}/report"));
    for screen in &screens {
        open(&session, screen).await;
        walk_here(driver, screen, &mut problems).await;
    }

    // Each other role on its home and the areas of its navigation: the top bar with its own set of links (and the
    // period reports for those who see quality).
    for name in ["王经理", "罗主管 · 华东区", "孙明工", "客服 林明", "孙人事"] {
        sign_in(driver, name).await;
        let nav = hrefs(driver, ".topbar__nav a").await;
        let mut walk: Vec<String> = nav
            .iter()
            .filter(|h| ["/", "/kpi", "/assessment", "/assessment/quality"].contains(&h.as_str()))
            .cloned()
            .collect();
        if nav.iter().any(|h| h == "/assessment/quality") {
            walk.push("/assessment/reports".into());
        }
        for href in &walk {
            open(&session, href).await;
            walk_here(driver, &format!("{name} {href}"), &mut problems).await;
        }
    }
    // The top bar in English, the longer language.
    click(driver, "button[name=language]").await;
    walk_here(driver, "孙人事 in English", &mut problems).await;

    assert!(
        problems.is_empty(),
        "{} layout problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    session.finish().await;
}
