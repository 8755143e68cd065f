//! The worker module (DESIGN.md "Keeping the bundle small"): heavy, rarely used work runs here, in its own wasm
//! loaded on first use, so the page's bundle does not carry it: reading data stored under an older schema (JSON)
//! and writing spreadsheets — `aftersales::jobs::answer`, pure and natively tested; this file only passes bytes.
//!
//! Protocol: posts "ready" once started; each message is a `Uint8Array` request, answered with one `Uint8Array`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::Uint8Array;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replier = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let request = Uint8Array::new(&event.data()).to_vec();
        let answer = aftersales::jobs::answer(&request);
        let _ = replier.post_message(&Uint8Array::from(answer.as_slice()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// Natively there is no worker: the logic it runs is tested in the main package.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
