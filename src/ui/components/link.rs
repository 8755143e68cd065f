//! A name that is a link for those who may follow it and plain text for everyone else.

use leptos::prelude::*;

#[component]
pub fn MaybeLink(href: String, text: String, #[prop(into)] linked: Signal<bool>) -> impl IntoView {
    move || match linked.get() {
        true => view! { <a href=href.clone()>{text.clone()}</a> }.into_any(),
        false => text.clone().into_any(),
    }
}
