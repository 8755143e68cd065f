//! The few facts the app takes from the browser: the time, randomness, this device's id, and device-local
//! preferences (language, who is signed in, wrong-PIN counts) — things that belong to this tablet, not to the
//! synced data.
//!
//! Must not: hold rules (they are in `domain`) or store records (that is `store`). Natively (tests, benches) the
//! time comes from the system clock and local preferences are simply absent.

use crate::domain::ids::{DeviceId, Id};
use crate::store::StoreError;

const PREFIX: &str = "aftersales";

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    }
}

/// Runs `work`, and in the browser leaves its duration as the user-timing measure `name` (replacing the one
/// before), where DevTools' performance panel and `make bench` read it.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    #[cfg(target_arch = "wasm32")]
    {
        let performance = web_sys::window().and_then(|w| w.performance());
        let start = format!("{name}:start");
        if let Some(performance) = &performance {
            let _ = performance.mark(&start);
        }
        let result = work();
        if let Some(performance) = &performance {
            performance.clear_measures_with_measure_name(name);
            let _ = performance.measure_with_start_mark(name, &start);
            performance.clear_marks_with_mark_name(&start);
        }
        result
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        work()
    }
}

/// A monotonic clock in fractions of a millisecond (`performance.now()`), for summing the time spent in many slices
/// (`measure_total`); 0 natively.
pub fn precise_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        return performance.now();
    }
    0.0
}

/// Leaves `total_ms` as the user-timing measure `name`, ending now: time summed over many slices of work, where
/// `Timing` measures one stretch of it.
pub fn measure_total(name: &'static str, total_ms: f64) {
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, total_ms);
    #[cfg(target_arch = "wasm32")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        use wasm_bindgen::JsCast;
        let end = performance.now();
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"start".into(), &(end - total_ms).into());
        let _ = js_sys::Reflect::set(&options, &"end".into(), &end.into());
        let measure = js_sys::Reflect::get(&performance, &"measure".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(measure) = measure {
            performance.clear_measures_with_measure_name(name);
            let _ = measure.call2(&performance, &name.into(), &options);
        }
    }
}

/// A user-timing measure over work that awaits (`timed` for work that does not): started now, left as the measure
/// `name` when `end` is called.
pub struct Timing(&'static str);

impl Timing {
    pub fn start(name: &'static str) -> Timing {
        #[cfg(target_arch = "wasm32")]
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark(&format!("{name}:start"));
        }
        Timing(name)
    }

    pub fn end(self) {
        #[cfg(not(target_arch = "wasm32"))]
        let _ = self.0;
        #[cfg(target_arch = "wasm32")]
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let start = format!("{}:start", self.0);
            performance.clear_measures_with_measure_name(self.0);
            let _ = performance.measure_with_start_mark(self.0, &start);
            performance.clear_marks_with_mark_name(&start);
        }
    }
}

/// Cryptographically random bytes (the browser's `crypto.getRandomValues`).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the platform offers no random source");
    bytes
}

/// A new record id.
pub fn new_id() -> Id {
    Id::from_parts(now_ms(), random_bytes())
}

/// This browser profile's device id, created on first use and kept in localStorage.
pub fn device_id() -> DeviceId {
    let key = format!("{PREFIX}.device");
    if let Some(id) = read_local(&key).and_then(|text| text.parse().ok()) {
        return id;
    }
    let id = DeviceId::from_parts(now_ms(), random_bytes());
    // Not kept (a full or disabled storage): this page's id still stamps its writes uniquely.
    let _ = write_local(&key, &id.to_string());
    id
}

/// The preference listing the users recently signed in on this device, most recent first.
const RECENT_USERS_PREF: &str = "recent-users";
/// How many the chooser's "recent" group keeps.
const RECENT_USERS: usize = 4;

/// The users recently signed in on this device, most recent first (ids that no longer read are left out).
pub fn recent_users() -> Vec<Id> {
    read_pref(RECENT_USERS_PREF)
        .map(|text| text.split(',').filter_map(|id| id.parse().ok()).collect())
        .unwrap_or_default()
}

/// Puts `id` first among the recent users (not kept when the storage refuses: the list is a convenience).
pub fn note_recent_user(id: Id) {
    let mut recent = recent_users();
    recent.retain(|other| *other != id);
    recent.insert(0, id);
    recent.truncate(RECENT_USERS);
    let text: Vec<String> = recent.iter().map(Id::to_string).collect();
    let _ = write_pref(RECENT_USERS_PREF, &text.join(","));
}

/// The preference holding a device code chosen by hand.
pub const DEVICE_CODE_PREF: &str = "device-code";

/// This device's code in ticket numbers (`ticket::number`): the one chosen in the settings, else its default.
pub fn device_code() -> String {
    read_pref(DEVICE_CODE_PREF)
        .and_then(|typed| crate::domain::ticket::number::parse_code(&typed))
        .unwrap_or_else(|| crate::domain::ticket::number::default_code(device_id()))
}

/// Brings the top of the page into view (a form above a list, opened from a row far below).
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Brings the first element `selector` matches into view once the page has drawn it (what just appeared below
/// the fold on a tablet, or the first field a save found a problem with).
pub fn scroll_into_view(selector: &'static str) {
    reveal(selector, false);
}

/// `scroll_into_view`, then the keyboard's focus on the element's first field (a save's first problem).
pub fn scroll_and_focus(selector: &'static str) {
    reveal(selector, true);
}

fn reveal(selector: &'static str, focus: bool) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let show = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
        {
            element.scroll_into_view();
            if focus
                && let Some(field) = element
                    .query_selector("input, select, textarea")
                    .ok()
                    .flatten()
                    .and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = field.focus();
            }
        }
    });
    let _ = window.request_animation_frame(show.unchecked_ref());
}

/// A device-local preference (not synced).
pub fn read_pref(name: &str) -> Option<String> {
    read_local(&format!("{PREFIX}.pref.{name}"))
}

/// Keeps a device-local preference; `Err` when the browser refused (its storage is full or off): a caller whose
/// preference is a security state (the kiosk lock, the signed-in user, wrong-PIN counts) must then fail closed.
pub fn write_pref(name: &str, value: &str) -> Result<(), StoreError> {
    write_local(&format!("{PREFIX}.pref.{name}"), value)
}

/// The full localStorage key of preference `name` (a `storage` event names it when another tab changed it).
pub fn pref_key(name: &str) -> String {
    format!("{PREFIX}.pref.{name}")
}

/// A preference holding a record (a draft, the PIN attempts), in its stored encoding as base64. A value that
/// does not read back (written by an older version) is as if there were none.
pub fn read_pref_value<T: crate::codec::Codec>(name: &str) -> Option<T> {
    let text = read_pref(name)?;
    let bytes = crate::codec::text::from_text(&text)?;
    crate::codec::from_bytes(&bytes).ok()
}

pub fn write_pref_value<T: crate::codec::Codec>(name: &str, value: &T) -> Result<(), StoreError> {
    write_pref(
        name,
        &crate::codec::text::to_text(&crate::codec::to_bytes(value)),
    )
}

pub fn remove_pref(name: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&format!("{PREFIX}.pref.{name}"));
    }
}

fn read_local(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

fn write_local(key: &str, value: &str) -> Result<(), StoreError> {
    let storage =
        local_storage().ok_or_else(|| StoreError::Unavailable("no localStorage".into()))?;
    storage
        .set_item(key, value)
        .map_err(|error| match crate::store::idb::is_quota_error(&error) {
            true => StoreError::Quota,
            false => StoreError::Failed(format!("{error:?}")),
        })
}

fn local_storage() -> Option<web_sys::Storage> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()?.local_storage().ok().flatten()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// A number unique in this page's life: keys for rows added to a form before they have ids.
pub fn next_key() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Hands `bytes` to the browser as a downloaded file called `name` (a Blob and a link clicked for the user).
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    download_blob(name, &blob)
}

/// Hands `blob` to the browser as a downloaded file called `name` (a link to it clicked for the user).
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "not a link")?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The click has started the download; the URL can go once the browser has surely read it.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// `blob` as a file the system's share sheet takes (`navigator.share` with files: tablets and phones), or `None`
/// where the browser offers none (most desktops), so the caller offers the download alone.
pub fn shareable_file(
    name: &str,
    blob: &web_sys::Blob,
    mime: &str,
) -> Option<wasm_bindgen::JsValue> {
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let navigator = window.navigator();
    let can_share: Function = Reflect::get(&navigator, &"canShare".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let file_type: Function = Reflect::get(&window, &"File".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &mime.into()).ok()?;
    let parts = Array::of1(blob);
    let file = Reflect::construct(&file_type, &Array::of3(&parts, &name.into(), &options)).ok()?;
    let data = Object::new();
    Reflect::set(&data, &"files".into(), &Array::of1(&file)).ok()?;
    can_share
        .call1(&navigator, &data)
        .ok()?
        .as_bool()?
        .then_some(data.into())
}

/// Opens the share sheet with `data` (`shareable_file`'s). Closing the sheet without choosing is not a failure.
pub async fn share(data: &wasm_bindgen::JsValue) -> Result<(), String> {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::JsCast;
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let share: Function = Reflect::get(&navigator, &"share".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("no share")?;
    let promise: Promise = share
        .call1(&navigator, data)
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "no promise")?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(error) => {
            let name = Reflect::get(&error, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            match name.as_deref() {
                Some("AbortError") => Ok(()),
                _ => Err(format!("{error:?}")),
            }
        }
    }
}
