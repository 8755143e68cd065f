//! A list that renders only the rows in view (plus a few either side), so ten thousand rows cost what thirty do.
//! Rows have one fixed height; the list scrolls itself and keeps its position while the data changes.
//!
//! Sizes are set through the CSSOM (`style:height`), not `style="…"` attributes, which the Content-Security-Policy
//! blocks. Must not: know what a row shows — `row(index)` draws it.

use leptos::prelude::*;

/// Rows drawn beyond the visible ones on each side, so a fast flick does not show blanks.
const OVERSCAN: u32 = 6;
/// Until the list has measured itself: a tablet's height.
const ASSUMED_HEIGHT: u32 = 800;

#[component]
pub fn VirtualList<R>(
    len: Signal<usize>,
    row_height: u32,
    label: Signal<String>,
    row: R,
    /// Where the list is scrolled to, kept by the caller: the list starts there (coming back to a list) and keeps
    /// it up to date.
    #[prop(optional)]
    position: Option<RwSignal<u32>>,
) -> impl IntoView
where
    R: Fn(usize) -> AnyView + Clone + Send + Sync + 'static,
{
    let scroll_top = RwSignal::new(position.map_or(0, |p| p.get_untracked()));
    let viewport = RwSignal::new(ASSUMED_HEIGHT);
    let container = NodeRef::<leptos::html::Div>::new();
    let window = Memo::new(move |_| {
        let first = (scroll_top.get() / row_height).saturating_sub(OVERSCAN) as usize;
        let visible = (viewport.get() / row_height + 2 * OVERSCAN + 1) as usize;
        let len = len.get();
        let first = first.min(len);
        (first, (first + visible).min(len))
    });
    let on_scroll = move |_| {
        if let Some(element) = container.get_untracked() {
            let top = element.scroll_top().max(0) as u32;
            scroll_top.set(top);
            if let Some(position) = position {
                position.set(top);
            }
            viewport.set(element.client_height().max(1) as u32);
        }
    };
    Effect::new(move |_| {
        if let Some(element) = container.get() {
            viewport.set(element.client_height().max(row_height as i32) as u32);
            // Back where it was (the rows are sized by then: the body's height is set with the list).
            let top = scroll_top.get_untracked();
            if top > 0 {
                element.set_scroll_top(top as i32);
            }
        }
    });
    view! {
        <div class="virtual-list" node_ref=container on:scroll=on_scroll role="list"
            aria-label=move || label.get() aria-rowcount=move || len.get() data-rows=move || len.get()>
            <div class="virtual-list__body" style:height=move || format!("{}px", len.get() as u32 * row_height)>
                <div class="virtual-list__window"
                    style:transform=move || format!("translateY({}px)", window.get().0 as u32 * row_height)>
                    <For each=move || { let (a, b) = window.get(); a..b } key=|index| *index let:index>
                        <div class="virtual-list__row" role="listitem" style:height=format!("{row_height}px")>
                            {
                                let row = row.clone();
                                move || row(index)
                            }
                        </div>
                    </For>
                </div>
            </div>
        </div>
    }
}
