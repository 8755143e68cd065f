//! The worker module (ARCHITECTURE.md, "One worker module"): heavy, rarely used work runs here, in its own wasm
//! loaded on first use, so the page's bundle does not carry it and the page's thread is never held by it — reading
//! data stored under an older schema, writing spreadsheets and export files, previewing and writing imports.
//! `aftersales::store::in_worker::answer` does the work (reading and writing IndexedDB where a job names it; the
//! rest is `aftersales::jobs`, pure and natively tested); this file only passes messages.
//!
//! Protocol: posts "ready" once started; each message is a `Uint8Array` request, or `[request, file]` where a file
//! (a `Blob`) travels beside it; each is answered with one `Uint8Array`, or `[answer, file]` where a file (an
//! export's) travels back as a `Blob`; before the answer a long job may post progress messages (text:
//! `sync::work::ImportProgress`). The page sends one request at a time; an import's preview is followed, on the
//! same worker, by the request to write it.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::Uint8Array;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replier = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let (request, file) = match data.dyn_ref::<js_sys::Array>() {
            Some(parts) => (
                Uint8Array::new(&parts.get(0)).to_vec(),
                parts
                    .get(1)
                    .dyn_into::<web_sys::Blob>()
                    .ok()
                    .and_then(|blob| {
                        web_sys::FileReaderSync::new()
                            .ok()?
                            .read_as_array_buffer(&blob)
                            .ok()
                    })
                    .map(|buffer| Uint8Array::new(&buffer).to_vec()),
            ),
            None => (Uint8Array::new(&data).to_vec(), None),
        };
        let replier = replier.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let progress = replier.clone();
            let answer = aftersales::store::in_worker::answer(request, file, &mut |text: &str| {
                let _ = progress.post_message(&JsValue::from_str(text));
            })
            .await;
            let reply = Uint8Array::from(answer.reply.as_slice());
            let blob = answer.file.and_then(|bytes| {
                // A view, not a copy: the Blob copies the bytes when made, before the wasm memory can move.
                let view = unsafe { Uint8Array::view(&bytes) };
                let parts = js_sys::Array::of1(&view);
                web_sys::Blob::new_with_u8_array_sequence(&parts).ok()
            });
            let _ = match blob {
                Some(blob) => replier.post_message(&js_sys::Array::of2(&reply, &blob)),
                None => replier.post_message(&reply),
            };
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// Natively there is no worker: the logic it runs is tested in the main package.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
