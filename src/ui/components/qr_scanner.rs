//! Reading a QR code with the tablet's camera (R4.3: the receipt on the customer's phone, issue 17): the back
//! camera's picture in view, a frame looked at four times a second — by the browser's own `BarcodeDetector`
//! where it has one, otherwise by the QR reader in the worker module (`jobs::qr_frame_request`) — until a code is
//! read. Typing stays the way when there is no camera or it is refused: the problem says so, in words.
//!
//! Owns: the camera while it is open (let go when the scanner closes or a code is read) and the frames. Must not:
//! know what a code means (`found` decides whether to go on looking) or keep anything.

use std::time::Duration;

use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream};

use crate::i18n::Key;
use crate::jobs;
use crate::store::worker::WorkerSession;
use crate::ui::state::tr;

/// The widest frame read: a receipt held up to the camera is still many pixels per module, and a small frame is
/// quick to send and to read.
const FRAME_WIDTH: u32 = 640;
const EVERY: Duration = Duration::from_millis(250);

/// The camera's picture with a close button. `found` gets each code read and answers whether to stop looking
/// (a code that is not the one wanted keeps the camera on); `close` is the user's way out.
#[component]
pub fn QrScanner(found: Callback<String, bool>, close: Callback<()>) -> impl IntoView {
    let video = NodeRef::<leptos::html::Video>::new();
    // Why the camera cannot read at all (then its picture goes), and a code read that was not the one wanted.
    let failed = RwSignal::new(None::<Key>);
    let not_wanted = RwSignal::new(false);
    let looking = RwSignal::new(true);
    let found = Callback::new(move |text: String| {
        let wanted = found.run(text);
        let _ = not_wanted.try_set(!wanted);
        wanted
    });
    video.on_load(move |element| {
        let element: HtmlVideoElement = element;
        leptos::task::spawn_local(async move {
            if let Err(key) = scan(&element, looking, found).await {
                let _ = failed.try_set(Some(key));
            }
        });
    });
    view! {
        <div class="scanner" data-scanner="true">
            <video class="scanner__view" class:hidden=move || failed.get().is_some() node_ref=video
                autoplay=true muted=true playsinline=true aria-label=tr(Key::ScanReceiptView)></video>
            {move || match failed.get() {
                Some(key) => view! { <p class="field__error" role="alert" data-problem="camera">{tr(key)}</p> }.into_any(),
                None => view! {
                    <p class="field__hint" role="status">
                        {move || tr(if not_wanted.get() { Key::ScanNotAReceipt } else { Key::ScanReceiptHint })()}
                    </p>
                }.into_any(),
            }}
            <button type="button" class="button" name="close-scanner" on:click=move |_| {
                looking.set(false);
                close.run(());
            }>{tr(Key::ScanReceiptStop)}</button>
        </div>
    }
}

/// Opens the camera into `video` and reads frames while `looking` (and the scanner is there); lets the camera go
/// at the end, whatever the way out.
async fn scan(
    video: &HtmlVideoElement,
    looking: RwSignal<bool>,
    found: Callback<String, bool>,
) -> Result<(), Key> {
    let stream = open_camera().await.map_err(|_| Key::ScanReceiptNoCamera)?;
    video.set_src_object(Some(&stream));
    let result = read_frames(video, looking, found).await;
    for track in stream.get_tracks() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
    video.set_src_object(None);
    result
}

async fn read_frames(
    video: &HtmlVideoElement,
    looking: RwSignal<bool>,
    found: Callback<String, bool>,
) -> Result<(), Key> {
    let detector = barcode_detector();
    let worker = match detector {
        Some(_) => None,
        None => Some(
            WorkerSession::start()
                .await
                .map_err(|_| Key::ScanReceiptNoReader)?,
        ),
    };
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(|_| Key::ScanReceiptNoReader)?
        .unchecked_into();
    // Until the scanner is closed (its signal then reads `false`, or is gone with it).
    while looking.try_get_untracked() == Some(true) {
        sleep(EVERY).await;
        let text = match (&detector, &worker) {
            (Some(detector), _) => detect(detector, video).await,
            (None, Some(worker)) => match grey_frame(video, &canvas) {
                Some((width, height, grey)) => worker
                    .ask(jobs::qr_frame_request(width, height, &grey), None, |_| {})
                    .await
                    .ok()
                    .and_then(|(reply, _)| jobs::qr_frame_text(&reply)),
                None => None,
            },
            (None, None) => None,
        };
        if let Some(text) = text
            && looking.try_get_untracked() == Some(true)
            && found.try_run(text) == Some(true)
        {
            break;
        }
    }
    Ok(())
}

/// The back camera (or the only one), asked for with the browser's own prompt.
async fn open_camera() -> Result<MediaStream, JsValue> {
    let devices = window().navigator().media_devices()?;
    let facing = Object::new();
    Reflect::set(&facing, &"ideal".into(), &"environment".into())?;
    let video = Object::new();
    Reflect::set(&video, &"facingMode".into(), &facing)?;
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_video(&video);
    let stream = JsFuture::from(devices.get_user_media_with_constraints(&constraints)?).await?;
    Ok(stream.unchecked_into())
}

/// The browser's QR reader, where it has one that reads QR codes.
fn barcode_detector() -> Option<JsValue> {
    let constructor: Function = Reflect::get(&js_sys::global(), &"BarcodeDetector".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    Reflect::set(&options, &"formats".into(), &Array::of1(&"qr_code".into())).ok()?;
    Reflect::construct(&constructor, &Array::of1(&options)).ok()
}

/// What the browser's reader reads in the video's current frame.
async fn detect(detector: &JsValue, video: &HtmlVideoElement) -> Option<String> {
    let detect: Function = Reflect::get(detector, &"detect".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = detect.call1(detector, video).ok()?.dyn_into().ok()?;
    let codes: Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    let first = codes.get(0);
    match first.is_undefined() {
        true => None,
        false => Reflect::get(&first, &"rawValue".into()).ok()?.as_string(),
    }
}

/// The video's current frame, at most `FRAME_WIDTH` wide, one grey byte per pixel (integer luma weights).
fn grey_frame(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<(u32, u32, Vec<u8>)> {
    let (width, height) = (video.video_width(), video.video_height());
    if width == 0 || height == 0 {
        return None;
    }
    let frame_width = width.min(FRAME_WIDTH);
    let frame_height = height * frame_width / width;
    canvas.set_width(frame_width);
    canvas.set_height(frame_height);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let (w, h) = (f64::from(frame_width), f64::from(frame_height));
    context
        .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w, h)
        .ok()?;
    let rgba = context.get_image_data(0.0, 0.0, w, h).ok()?.data();
    let grey = rgba
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
        .collect();
    Some((frame_width, frame_height, grey))
}

async fn sleep(duration: Duration) {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            duration.as_millis() as i32,
        );
    });
    let _ = JsFuture::from(promise).await;
}
