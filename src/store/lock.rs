//! A Web Lock held while work runs (`navigator.locks`, in a page and in the worker module alike): every tab of the
//! app and the worker take the same named lock around a read-merge-write of the snapshot, so two of them never
//! interleave one (two tabs compacting in the same instant would otherwise each write a snapshot missing what the
//! other just wrote).
//!
//! Owns: `Held` and `acquire`. Must not: know what the work is. Where the browser has no lock manager the work runs
//! unlocked, as before there were locks; natively there is none. Not generic over the work, so holding the lock
//! costs the bundle one small function, not a copy per caller.

/// A held lock, let go when dropped (or nothing, where there is no lock manager).
#[derive(Default)]
pub struct Held {
    #[cfg(target_arch = "wasm32")]
    release: Option<js_sys::Function>,
}

impl Drop for Held {
    fn drop(&mut self) {
        #[cfg(target_arch = "wasm32")]
        if let Some(release) = self.release.take() {
            let _ = release.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}

/// Waits for the exclusive Web Lock `name` and holds it until the returned `Held` is dropped.
pub async fn acquire(name: &str) -> Held {
    #[cfg(target_arch = "wasm32")]
    {
        Held {
            release: request(name).await,
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        Held::default()
    }
}

/// Waits for lock `name` and returns the function that lets it go; `None` without a lock manager.
#[cfg(target_arch = "wasm32")]
async fn request(name: &str) -> Option<js_sys::Function> {
    use std::cell::RefCell;
    use std::rc::Rc;

    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    let request: Function = Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into()
        .ok()?;
    // The lock is held until the promise the callback returns settles: its resolve function is the release.
    let release: Rc<RefCell<Option<Function>>> = Rc::default();
    let mut granted: Option<Function> = None;
    let acquired = Promise::new(&mut |resolve, _| granted = Some(resolve));
    let granted = granted?;
    let slot = release.clone();
    let callback = Closure::once_into_js(move |_lock: JsValue| -> Promise {
        let held = Promise::new(&mut |resolve, _| *slot.borrow_mut() = Some(resolve));
        let _ = granted.call0(&JsValue::NULL);
        held
    });
    request
        .call2(&locks, &JsValue::from_str(name), &callback)
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(acquired).await.ok()?;
    release.borrow_mut().take()
}
