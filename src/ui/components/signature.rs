//! The customer's signature pad: drawn with a finger, a stylus or a mouse (pointer events), kept as strokes of
//! points and shown as SVG — the same drawing on screen, in the stored report and on paper.
//!
//! Must not: judge whether a signature is enough (`Signature::has_ink`, checked by the report draft).

use leptos::prelude::*;

use crate::domain::ticket::Signature;
use crate::i18n::Key;
use crate::ui::state::tr;

/// The drawing's own coordinate box; the pad scales to its width on screen.
pub const PAD_WIDTH: u16 = 600;
pub const PAD_HEIGHT: u16 = 200;

#[component]
pub fn SignaturePad(signature: RwSignal<Option<Signature>>) -> impl IntoView {
    let pad = NodeRef::<leptos::svg::Svg>::new();
    let drawing = RwSignal::new(false);
    let point = move |ev: &leptos::ev::PointerEvent| -> Option<[i16; 2]> {
        let element = pad.get_untracked()?;
        let width = element.client_width().max(1);
        let height = element.client_height().max(1);
        let x = ev.offset_x() * i32::from(PAD_WIDTH) / width;
        let y = ev.offset_y() * i32::from(PAD_HEIGHT) / height;
        Some([
            x.clamp(0, i32::from(PAD_WIDTH)) as i16,
            y.clamp(0, i32::from(PAD_HEIGHT)) as i16,
        ])
    };
    let down = move |ev: leptos::ev::PointerEvent| {
        ev.prevent_default();
        if let Some(element) = pad.get_untracked() {
            let _ = element.set_pointer_capture(ev.pointer_id());
        }
        let Some(p) = point(&ev) else { return };
        drawing.set(true);
        signature.update(|s| {
            s.get_or_insert_with(|| Signature {
                width: PAD_WIDTH,
                height: PAD_HEIGHT,
                strokes: Vec::new(),
            })
            .strokes
            .push(vec![p]);
        });
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        ev.prevent_default();
        let Some(p) = point(&ev) else { return };
        signature.update(|s| {
            if let Some(stroke) = s.as_mut().and_then(|s| s.strokes.last_mut())
                && stroke.last() != Some(&p)
            {
                stroke.push(p);
            }
        });
    };
    let up = move |_| drawing.set(false);
    view! {
        <div class="signature">
            <svg
                class="signature__pad"
                node_ref=pad
                viewBox=format!("0 0 {PAD_WIDTH} {PAD_HEIGHT}")
                role="img"
                aria-label=tr(Key::SignHere)
                data-strokes=move || signature.with(|s| s.as_ref().map_or(0, |s| s.strokes.len()))
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
                on:pointerleave=up
            >
                <SignatureStrokes signature=Signal::derive(move || signature.get()) />
            </svg>
            <div class="signature__tools">
                <span class="muted">{tr(Key::SignHere)}</span>
                <button type="button" class="button button--quiet" name="clear-signature"
                    on:click=move |_| signature.set(None)>
                    {tr(Key::ClearSignature)}
                </button>
            </div>
        </div>
    }
}

/// The strokes as SVG polylines, inside an `<svg>` whose viewBox is the signature's box.
#[component]
pub fn SignatureStrokes(signature: Signal<Option<Signature>>) -> impl IntoView {
    move || {
        signature.get().map(|s| {
            s.strokes
                .into_iter()
                .map(|stroke| {
                    let points = stroke
                        .iter()
                        .map(|[x, y]| format!("{x},{y}"))
                        .collect::<Vec<_>>()
                        .join(" ");
                    view! { <polyline class="signature__stroke" points=points /> }
                })
                .collect_view()
        })
    }
}

/// A stored signature, read-only (reports, print).
#[component]
pub fn SignatureView(signature: Signature) -> impl IntoView {
    let viewbox = format!("0 0 {} {}", signature.width, signature.height);
    view! {
        <svg class="signature__view" viewBox=viewbox role="img" aria-label="signature">
            <SignatureStrokes signature=Signal::derive(move || Some(signature.clone())) />
        </svg>
    }
}
