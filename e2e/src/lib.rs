//! The end-to-end harness: serves the release build (`dist/`) from a small static server that can be cut to
//! simulate going offline, starts chromedriver, and drives headless Chromium with a fresh profile per browser.
//!
//! Must not: reach anything but 127.0.0.1, or download a driver (thirtyfour's `manager` feature is off).

pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use thirtyfour::common::capabilities::chromium::ChromiumLikeCapabilities;
use thirtyfour::prelude::*;

pub use server::StaticServer;

/// Where the release build is.
pub fn dist_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist")
}

/// A chromedriver process on a free local port; killed when dropped.
pub struct Chromedriver {
    child: Child,
    pub url: String,
}

impl Chromedriver {
    pub async fn start() -> Chromedriver {
        let port = free_port();
        let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (make test installs Debian's chromium-driver)");
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Chromedriver { child, url }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser profile directory, removed when dropped.
pub struct Profile(PathBuf);

impl Profile {
    pub fn new() -> Profile {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "aftersales-e2e-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Profile(dir)
    }
}

impl Profile {
    /// The directory (also usable as a scratch directory that goes with the test).
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Default for Profile {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Headless Chromium with the flags this machine needs (root, no network but loopback).
pub async fn browser(driver: &Chromedriver, profile: &Profile) -> WebDriver {
    browser_with(driver, profile, &[]).await
}

/// A Chromium session with `extra` command-line switches (a fake camera).
pub async fn browser_with(driver: &Chromedriver, profile: &Profile, extra: &[String]) -> WebDriver {
    let mut caps = DesiredCapabilities::chrome();
    if let Ok(binary) = std::env::var("CHROMIUM") {
        caps.set_binary(&binary).unwrap();
    } else if Path::new("/usr/bin/chromium").exists() {
        caps.set_binary("/usr/bin/chromium").unwrap();
    }
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--lang=zh-CN",
    ] {
        caps.add_arg(arg).unwrap();
    }
    for arg in extra {
        caps.add_arg(arg).unwrap();
    }
    // A tablet on its side by default; WINDOW_SIZE=768,1024 looks at one held upright.
    let size = std::env::var("WINDOW_SIZE").unwrap_or_else(|_| "1024,768".into());
    caps.add_arg(&format!("--window-size={size}")).unwrap();
    caps.add_arg(&format!("--user-data-dir={}", profile.0.display()))
        .unwrap();
    caps.set("goog:loggingPrefs", serde_json::json!({ "browser": "ALL" }))
        .unwrap();
    WebDriver::new(&driver.url, caps)
        .await
        .expect("a Chromium session starts")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits up to ten seconds for an element.
pub async fn wait_for(driver: &WebDriver, css: &str) -> WebElement {
    driver
        .query(By::Css(css))
        .wait(Duration::from_secs(10), Duration::from_millis(50))
        .first()
        .await
        .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
}

/// Sends `method` with `params` to the browser over DevTools' protocol.
pub async fn devtools(driver: &WebDriver, method: &str, params: serde_json::Value) {
    driver.cdp().send_raw(method, params).await.unwrap();
}

/// Runs `script` at the start of every page the browser loads from now on.
pub async fn on_every_page(driver: &WebDriver, script: &str) {
    let params = serde_json::json!({ "source": script });
    devtools(driver, "Page.addScriptToEvaluateOnNewDocument", params).await;
}

/// Slows the browser's CPU `rate` times (1: full speed), as a slower device would run the page.
pub async fn throttle_cpu(driver: &WebDriver, rate: u32) {
    let params = serde_json::json!({ "rate": rate });
    devtools(driver, "Emulation.setCPUThrottlingRate", params).await;
}

/// Waits until the KPI dashboard's tiles show the figures of its scope as it is now (each part of the dashboard is
/// computed in a task of its own after a change, the last figures shown meanwhile with `aria-busy`), and returns the
/// period they are of.
pub async fn wait_for_tiles(driver: &WebDriver) -> String {
    let list = wait_for(driver, ".kpi-tiles[aria-busy=false][data-period]").await;
    list.attr("data-period").await.unwrap().unwrap_or_default()
}

/// Clicks the dashboard's `button` (previous-period, next-period), waits until its tiles show the figures of the
/// period it stepped to, and returns that period.
pub async fn step_period(driver: &WebDriver, button: &str) -> String {
    let stepper = ".kpi-scope__period[data-period]";
    let period = || async {
        let element = wait_for(driver, stepper).await;
        element
            .attr("data-period")
            .await
            .unwrap()
            .unwrap_or_default()
    };
    let before = period().await;
    click(driver, &format!("button[name={button}]")).await;
    let started = Instant::now();
    let mut now = period().await;
    while now == before {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{button} did not step from {before}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        now = period().await;
    }
    wait_for(
        driver,
        &format!(".kpi-tiles[aria-busy=false][data-period='{now}']"),
    )
    .await;
    now
}

/// Waits until `css` matches an element whose text contains `text`.
pub async fn wait_for_text(driver: &WebDriver, css: &str, text: &str) -> WebElement {
    wait_for_text_within(driver, css, text, Duration::from_secs(10)).await
}

/// `wait_for_text`, for work that takes longer than ten seconds (a benchmark's 100k tickets at 4x CPU).
pub async fn wait_for_text_within(
    driver: &WebDriver,
    css: &str,
    text: &str,
    limit: Duration,
) -> WebElement {
    let started = Instant::now();
    loop {
        for element in driver.find_all(By::Css(css)).await.unwrap_or_default() {
            if element.text().await.unwrap_or_default().contains(text) {
                return element;
            }
        }
        if started.elapsed() > limit {
            let body = driver
                .find(By::Css("body"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap_or_default();
            let log = console(driver).await;
            panic!("no {css} containing {text:?}; the page says:\n{body}\nconsole:\n{log}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until nothing matches `css`.
pub async fn wait_gone(driver: &WebDriver, css: &str) {
    let started = Instant::now();
    while !driver
        .find_all(By::Css(css))
        .await
        .unwrap_or_default()
        .is_empty()
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{css} is still there"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Empties an input the way a person does (select all, delete — so the page sees input events) and types `text`.
pub async fn fill(driver: &WebDriver, css: &str, text: &str) {
    let input = wait_for(driver, css).await;
    into_view(driver, &input).await;
    input.click().await.unwrap();
    input.send_keys(Key::Control + "a").await.unwrap();
    input.send_keys(Key::Backspace).await.unwrap();
    if !text.is_empty() {
        input.send_keys(text).await.unwrap();
    }
}

/// Chooses the option of a select whose visible text contains `text`.
pub async fn choose(driver: &WebDriver, css: &str, text: &str) {
    let select = wait_for(driver, css).await;
    into_view(driver, &select).await;
    let option = select.find_all(By::Css("option")).await.unwrap();
    for candidate in option {
        if candidate.text().await.unwrap().contains(text) {
            candidate.click().await.unwrap();
            return;
        }
    }
    panic!("{css} has no option containing {text:?}");
}

/// The browser console so far, as (level, message).
async fn log_entries(driver: &WebDriver) -> Vec<(String, String)> {
    let entries = driver.browser_log().await.unwrap_or_default();
    entries.into_iter().map(|e| (e.level, e.message)).collect()
}

/// The browser console so far, one line per entry (for failure messages).
pub async fn console(driver: &WebDriver) -> String {
    let lines: Vec<String> = log_entries(driver)
        .await
        .into_iter()
        .map(|(level, message)| format!("{level} {message}"))
        .collect();
    lines.join("\n")
}

/// Console entries at SEVERE level, which a healthy page has none of.
pub async fn console_errors(driver: &WebDriver) -> Vec<String> {
    let entries = log_entries(driver).await;
    entries
        .into_iter()
        .filter(|(level, _)| level == "SEVERE")
        .map(|(_, message)| message)
        .collect()
}

/// Saves a screenshot as `$SCREENSHOTS/<name>.png` when that variable names a folder (for looking at the
/// result as a user would); does nothing otherwise.
pub async fn shot(driver: &WebDriver, name: &str) {
    if let Ok(dir) = std::env::var("SCREENSHOTS") {
        let _ = std::fs::create_dir_all(&dir);
        driver
            .screenshot(&Path::new(&dir).join(format!("{name}.png")))
            .await
            .unwrap();
    }
}

/// One test's world: the app served from `dist/`, a chromedriver, a fresh browser profile and the browser.
pub struct Session {
    pub server: StaticServer,
    pub driver: WebDriver,
    _chromedriver: Chromedriver,
    _profile: Profile,
}

impl Session {
    /// Starts everything; nothing is loaded yet.
    pub async fn start() -> Session {
        let server = StaticServer::start(&dist_dir());
        let chromedriver = Chromedriver::start().await;
        let profile = Profile::new();
        let driver = browser(&chromedriver, &profile).await;
        Session {
            server,
            driver,
            _chromedriver: chromedriver,
            _profile: profile,
        }
    }

    /// Starts everything with a camera that films `video` (a Y4M file, read when the page opens the camera, so
    /// it may be written after the start) and lets the page use it without asking.
    pub async fn start_with_camera(video: &Path) -> Session {
        let server = StaticServer::start(&dist_dir());
        let chromedriver = Chromedriver::start().await;
        let profile = Profile::new();
        let camera = [
            "--use-fake-ui-for-media-stream".to_string(),
            "--use-fake-device-for-media-stream".to_string(),
            format!("--use-file-for-fake-video-capture={}", video.display()),
        ];
        let driver = browser_with(&chromedriver, &profile, &camera).await;
        Session {
            server,
            driver,
            _chromedriver: chromedriver,
            _profile: profile,
        }
    }

    /// Opens a path of the app.
    pub async fn open(&self, path: &str) {
        self.driver.goto(self.server.url(path)).await.unwrap();
    }

    /// A first start with the demo company, signed in as its manager 王经理 (the demo PIN).
    pub async fn demo_as_manager(&self) {
        let driver = &self.driver;
        self.open("/").await;
        wait_for(driver, "[data-page=demo-offer]").await;
        click(driver, "button[name=load-demo]").await;
        wait_for(driver, ".chooser__user[data-user='王经理']").await;
        sign_in_as(driver, "王经理", DEMO_PIN).await;
    }

    /// Ends the browser session cleanly (before its driver and profile go).
    pub async fn finish(self) {
        let Session { driver, .. } = self;
        driver.quit().await.unwrap();
    }
}

/// Waits for an element and clicks it.
pub async fn click(driver: &WebDriver, css: &str) {
    let element = wait_for(driver, css).await;
    into_view(driver, &element).await;
    element
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

/// Scrolls an element to the middle of the window, as a person brings what they are about to tap into view.
/// WebDriver's own scrolling puts it at the window's top edge, under the top bar that stays there, and the click
/// would land on the bar.
pub async fn into_view(driver: &WebDriver, element: &WebElement) {
    driver
        .execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
            vec![element.to_json().unwrap()],
        )
        .await
        .unwrap();
}

/// Sets an input's value as a script would and tells the page (an `input` and a `change` event): how date and
/// time inputs are filled, since typing into them depends on the browser's locale.
pub async fn set_value(driver: &WebDriver, css: &str, value: &str) {
    wait_for(driver, css).await;
    driver
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1];
             el.dispatchEvent(new Event('input', {bubbles: true}));
             el.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![css.into(), value.into()],
        )
        .await
        .unwrap();
}

/// A `datetime-local` value `days` from now (negative: in the past), in the browser's own clock.
pub async fn local_time_in_days(driver: &WebDriver, days: i64) -> String {
    let value = driver
        .execute(
            "const d = new Date(Date.now() + arguments[0] * 86400000);
             const p = n => String(n).padStart(2, '0');
             return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;",
            vec![days.into()],
        )
        .await
        .unwrap();
    value.json().as_str().unwrap_or_default().to_string()
}

/// The text of the first element matching `css` (waiting for it).
pub async fn text_of(driver: &WebDriver, css: &str) -> String {
    wait_for(driver, css).await.text().await.unwrap()
}

/// The current value of an input (waiting for it).
pub async fn value_of(driver: &WebDriver, css: &str) -> String {
    wait_for(driver, css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// How many elements match `css` now (no waiting: for asserting that something is absent or how many rows are
/// rendered).
pub async fn count(driver: &WebDriver, css: &str) -> usize {
    driver.find_all(By::Css(css)).await.unwrap().len()
}

/// Whether the page shown is `path` (the end of the current URL).
pub async fn is_at(driver: &WebDriver, path: &str) -> bool {
    driver.current_url().await.unwrap().as_str().ends_with(path)
}

/// Where the browser saves downloads in this test.
pub async fn download_to(driver: &WebDriver, dir: &Path) {
    driver
        .cdp()
        .send_raw(
            "Browser.setDownloadBehavior",
            serde_json::json!({ "behavior": "allow", "downloadPath": dir.display().to_string() }),
        )
        .await
        .expect("downloads allowed");
}

/// Waits up to twenty seconds for a finished download whose name ends with `extension`.
pub async fn downloaded(dir: &Path, extension: &str) -> PathBuf {
    for _ in 0..200 {
        let found = std::fs::read_dir(dir).ok().and_then(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|e| e == extension))
        });
        // Found, and written out: not empty, and the same length twice over (a slow machine lags the rename).
        if let Some(path) = found {
            let length = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            tokio::time::sleep(Duration::from_millis(100)).await;
            if length > 0 && std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) == length {
                return path;
            }
            continue;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no .{extension} was downloaded to {}", dir.display());
}

/// The first sheet of a spreadsheet file, read with a spreadsheet library: its rows of typed cells.
pub fn xlsx_rows(file: &Path) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let bytes = std::fs::read(file).expect("the file");
    let mut workbook: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid spreadsheet");
    let sheet = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&sheet).expect("its first sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

/// The demo company's users' PIN (the chooser says it beside each of them).
pub const DEMO_PIN: &str = "1234";

/// Chooses `name` in the "who is using this tablet" chooser and types their PIN under it.
pub async fn sign_in_as(driver: &WebDriver, name: &str, pin: &str) {
    click(driver, &format!(".chooser__user[data-user='{name}']")).await;
    fill(driver, ".chooser__pin input[name=pin]", pin).await;
    click(driver, "button[name=sign-in]").await;
    wait_for_text(driver, ".topbar__user", name).await;
}

/// Writes a Y4M video (what Chromium's fake camera plays, in a loop) of `text`'s QR code, black on white, as a
/// phone's screen held up to the tablet's camera would show it: 640 × 480, a few frames.
pub fn qr_video(path: &Path, text: &str) {
    let code = aftersales::qr::QrCode::encode(text).expect("a QR code holds the text");
    let (width, height) = (640usize, 480usize);
    let side = code.size + 2 * aftersales::qr::QUIET_ZONE;
    let scale = (height - 40) / side;
    let (left, top) = ((width - side * scale) / 2, (height - side * scale) / 2);
    let mut luma = vec![235u8; width * height];
    for y in 0..side * scale {
        for x in 0..side * scale {
            let (mx, my) = (x / scale, y / scale);
            let q = aftersales::qr::QUIET_ZONE;
            let dark = mx >= q
                && my >= q
                && mx - q < code.size
                && my - q < code.size
                && code.dark(mx - q, my - q);
            luma[(top + y) * width + left + x] = if dark { 20 } else { 250 };
        }
    }
    let chroma = vec![128u8; (width / 2) * (height / 2)];
    let mut video = format!("YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n").into_bytes();
    for _ in 0..10 {
        video.extend_from_slice(b"FRAME\n");
        video.extend_from_slice(&luma);
        video.extend_from_slice(&chroma);
        video.extend_from_slice(&chroma);
    }
    std::fs::write(path, video).expect("the video is written");
}

/// Shows the page as printed (`true`, the print style sheet's rules apply) or on screen again (`false`).
pub async fn print_media(driver: &WebDriver, print: bool) {
    let media = if print { "print" } else { "" };
    driver
        .cdp()
        .send_raw(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "media": media }),
        )
        .await
        .unwrap();
}

/// Whether the first element matching `css` (waited for) is displayed.
pub async fn displayed(driver: &WebDriver, css: &str) -> bool {
    wait_for(driver, css).await.is_displayed().await.unwrap()
}

/// Stores `data` in the session's IndexedDB as the app's own snapshot write does (records first, then the tickets'
/// history: `snapshot::encode`, with its chunk count and where the history begins), replacing what was stored,
/// and signs `user` in on the device. The app must have created its database (a first visit). Returns the chunks
/// written and how many of them hold the records.
pub async fn store_snapshot(
    session: &Session,
    data: &aftersales::domain::dataset::Dataset,
    user: aftersales::domain::ids::Id,
) -> (usize, usize) {
    use aftersales::store::{CHUNK_RECORDS, CURRENT_SCHEMA, snapshot};
    let encoded = snapshot::encode(data, CHUNK_RECORDS);
    let mut file = Vec::new();
    for chunk in &encoded.chunks {
        file.extend((chunk.len() as u32).to_le_bytes());
        file.extend(chunk);
    }
    // Served by the session's server, fetched by the page: megabytes do not go through WebDriver's JSON.
    static FILES: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "snapshot-{}-{}.bin",
        std::process::id(),
        FILES.fetch_add(1, Ordering::Relaxed)
    );
    let path = dist_dir().join(&name);
    std::fs::write(&path, file).unwrap();
    let stored = session
        .driver
        .execute_async(
            "const [url, schema, head, user, done] = arguments;
             localStorage.setItem('aftersales.pref.user', user);
             fetch(url).then((r) => r.arrayBuffer()).then((buffer) => {
               const view = new DataView(buffer);
               const chunks = [];
               for (let at = 0; at < buffer.byteLength;) {
                 const length = view.getUint32(at, true);
                 chunks.push(new Uint8Array(buffer.slice(at + 4, at + 4 + length)));
                 at += 4 + length;
               }
               const open = indexedDB.open('aftersales');
               open.onsuccess = () => {
                 const db = open.result;
                 const tx = db.transaction(['snapshot', 'log', 'meta'], 'readwrite');
                 tx.objectStore('snapshot').clear();
                 tx.objectStore('log').clear();
                 chunks.forEach((chunk, i) => tx.objectStore('snapshot').put(chunk, i));
                 const meta = tx.objectStore('meta');
                 meta.put(schema, 'schema_version');
                 meta.put(chunks.length, 'chunks');
                 meta.put(head, 'head_chunks');
                 tx.oncomplete = () => { db.close(); done(chunks.length); };
                 tx.onerror = () => done('error ' + tx.error);
               };
             });",
            vec![
                format!("/{name}").into(),
                CURRENT_SCHEMA.into(),
                encoded.head.into(),
                user.to_string().into(),
            ],
        )
        .await
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(stored.json().as_u64(), Some(encoded.chunks.len() as u64));
    (encoded.chunks.len(), encoded.head)
}

/// A company's records (`changes`, as the demo generator makes them) stored as the app's snapshot on a first visit,
/// with its administrator signed in: the data, the chunks written and how many hold the records.
pub async fn store_company(
    session: &Session,
    changes: Vec<aftersales::domain::dataset::Change>,
) -> (aftersales::domain::dataset::Dataset, usize, usize) {
    let mut data = aftersales::domain::dataset::Dataset::default();
    for change in changes {
        data.apply(change);
    }
    let admin = data
        .users
        .live()
        .find(|(_, u)| u.role == aftersales::domain::access::Role::Admin)
        .map(|(id, _)| id)
        .expect("the company has an administrator");
    // The app creates its database on the first visit; then the data goes in as one snapshot.
    session.open("/").await;
    wait_for(&session.driver, "[data-page=welcome]").await;
    let (chunks, head) = store_snapshot(session, &data, admin).await;
    (data, chunks, head)
}
