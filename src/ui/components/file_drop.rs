//! A file chosen or dropped: the drop zone with its hidden file input and the chosen file's name and size. The
//! screen holds the file (`web_sys::File` stays on the page's thread) and is told when another one is picked.
//!
//! Must not: read the file (the worker module does) or judge it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Key;
use crate::ui::state::tr;

/// The drop zone: `file` is set to the file chosen or dropped, and `picked` runs after (to clear what was shown of
/// the last one).
#[component]
pub fn FileDrop(
    file: RwSignal<Option<web_sys::File>, LocalStorage>,
    /// The input's `accept`.
    accept: &'static str,
    /// What the zone says.
    text: Key,
    picked: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let take = move |files: Option<web_sys::FileList>| {
        if let Some(chosen) = files.and_then(|files| files.get(0)) {
            file.set(Some(chosen));
            picked();
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        take(input.and_then(|input| input.files()));
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        take(ev.data_transfer().and_then(|d| d.files()));
    };
    // Once the screen lets the file go (imported, or read and done with), the input forgets it too: the same file
    // chosen again is a change the browser reports.
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if file.with(Option::is_none)
            && let Some(input) = input.get()
        {
            input.set_value("");
        }
    });
    let label = move || {
        file.with(|f| {
            f.as_ref()
                .map(|f| format!("{} · {} KB", f.name(), (f.size() as u64).div_ceil(1024)))
        })
    };
    view! {
        <label class="dropzone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <span class="dropzone__text">{tr(text)}</span>
            <input class="dropzone__input" type="file" name="file" accept=accept node_ref=input on:change=on_file />
            <span class="dropzone__file" data-file="chosen">{label}</span>
        </label>
    }
}
