//! The worker module (DESIGN.md "Keeping the bundle small"): heavy, rarely used work runs here, in its own wasm
//! loaded on first use, so the page's bundle does not carry it: reading data stored under an older schema (JSON)
//! and writing spreadsheets — `aftersales::jobs::answer`, pure and natively tested; this file only passes bytes.
//!
//! Protocol: posts "ready" once started; each message is a `Uint8Array` request, answered with one `Uint8Array`,
//! before which a long job may post progress messages (text: `sync::work::ImportProgress`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::Uint8Array;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replier = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // A request alone, or [request, file] where a file travels with it (an import's, read here).
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
        let progress = replier.clone();
        let (answer, file_out) = aftersales::jobs::answer_with_files(&request, file, &mut |text| {
            let _ = progress.post_message(&JsValue::from_str(text));
        });
        let answer = Uint8Array::from(answer.as_slice());
        // A file answered (an export) goes as a Blob beside the answer.
        let blob = file_out.and_then(|bytes| {
            let parts = js_sys::Array::of1(&Uint8Array::from(bytes.as_slice()));
            web_sys::Blob::new_with_u8_array_sequence(&parts).ok()
        });
        match blob {
            Some(blob) => {
                let _ = replier.post_message(&js_sys::Array::of2(&answer, &blob));
            }
            None => {
                let _ = replier.post_message(&answer);
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// Natively there is no worker: the logic it runs is tested in the main package.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
