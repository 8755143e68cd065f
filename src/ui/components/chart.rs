//! Charts drawn as SVG in `view!` (no charting library): a trend line over periods with its target,
//! and horizontal bars. Each chart carries its values as text too — an `aria-label` on the figure and a table a
//! screen reader reads (visually hidden) — so nobody needs to see the picture to get the numbers.
//!
//! Coordinates are whole numbers in a fixed view box; the SVG scales to its container. Must not: compute figures
//! (callers pass values already in shown steps, with their text).

use leptos::prelude::*;

/// One point of a trend: its axis label, its value in shown steps (`None` = no data) and that value as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    pub label: String,
    pub steps: Option<u64>,
    pub text: String,
}

const WIDTH: i64 = 720;
const HEIGHT: i64 = 240;
/// Room for the value axis's labels on the left and the target's on the right.
const LEFT: i64 = 72;
const RIGHT: i64 = 96;
const TOP: i64 = 24;
const BOTTOM: i64 = 36;

/// The value axis: a round step (1, 2 or 5 × a power of ten) giving at most five intervals up to the largest value
/// or target, and the top it reaches. Everything in shown steps.
fn axis(points: &[Point], target: Option<u64>) -> (i64, i64) {
    let largest = points
        .iter()
        .filter_map(|p| p.steps)
        .chain(target)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut power = 1u64;
    loop {
        for factor in [1, 2, 5] {
            let step = factor * power;
            if largest.div_ceil(step) <= 5 {
                return (step as i64, (largest.div_ceil(step) * step) as i64);
            }
        }
        power *= 10;
    }
}

/// A line over periods: a dot and its value per period, gaps where there is no data, the target dashed.
#[component]
pub fn TrendChart(
    points: Signal<Vec<Point>>,
    #[prop(into)] target: Signal<Option<u64>>,
    #[prop(into)] target_text: Signal<String>,
    #[prop(into)] title: Signal<String>,
    /// A value of the axis as text, in the figure's unit.
    #[prop(into)]
    tick_text: Callback<u64, String>,
) -> impl IntoView {
    let layout = Memo::new(move |_| {
        let points = points.get();
        let (tick, top) = axis(&points, target.get());
        let count = points.len().max(1) as i64;
        let step = (WIDTH - LEFT - RIGHT) / count;
        let x = move |i: usize| LEFT + step * i as i64 + step / 2;
        let y = move |steps: u64| TOP + (HEIGHT - TOP - BOTTOM) * (top - steps as i64) / top;
        let dots: Vec<(i64, Option<i64>, String, String)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (x(i), p.steps.map(y), p.label.clone(), p.text.clone()))
            .collect();
        // Consecutive points with data are joined; a period without data breaks the line.
        let mut path = String::new();
        let mut joined = false;
        for (cx, cy, _, _) in &dots {
            match cy {
                Some(cy) => {
                    path.push_str(&format!("{}{cx} {cy} ", if joined { "L" } else { "M" }));
                    joined = true;
                }
                None => joined = false,
            }
        }
        let target_y = target.get().map(y);
        let ticks: Vec<(i64, u64)> = (0..=top / tick)
            .map(|i| (y((i * tick) as u64), (i * tick) as u64))
            .collect();
        (dots, path, target_y, ticks)
    });
    let label = move || {
        let values: Vec<String> = points
            .get()
            .iter()
            .map(|p| format!("{} {}", p.label, p.text))
            .collect();
        format!("{}: {}", title.get(), values.join(", "))
    };
    view! {
        <figure class="chart" aria-label=label>
            <svg class="chart__svg" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-hidden="true">
                // The value axis: a line per round value, labelled on the left.
                {move || layout.get().3.into_iter().map(|(ty, value)| view! {
                    <line class="chart__grid" x1=LEFT x2=WIDTH - RIGHT y1=ty y2=ty />
                    <text class="chart__axis-label" x=LEFT - 8 y=ty + 5 text-anchor="end">{tick_text.run(value)}</text>
                }).collect_view()}
                // The target beyond the line's right end, where no value label can be.
                {move || layout.get().2.map(|ty| view! {
                    <line class="chart__target" x1=LEFT x2=WIDTH - RIGHT y1=ty y2=ty />
                    <text class="chart__target-label" x=WIDTH - RIGHT + 6 y=ty + 5 text-anchor="start">{target_text.get()}</text>
                })}
                <line class="chart__axis" x1=LEFT x2=WIDTH - RIGHT y1=HEIGHT - BOTTOM y2=HEIGHT - BOTTOM />
                <path class="chart__line" d=move || layout.get().1 />
                {move || {
                    let target_y = layout.get().2;
                    layout.get().0.into_iter().map(|(cx, cy, tick, text)| view! {
                        <text class="chart__tick" x=cx y=HEIGHT - BOTTOM + 22 text-anchor="middle">{tick}</text>
                        {cy.map(|cy| {
                            // A label that would sit on the target line goes under its dot instead.
                            let above = cy - 10;
                            let crosses = target_y.is_some_and(|ty| (above - 14..=above + 4).contains(&ty));
                            let label_y = if crosses { cy + 22 } else { above };
                            view! {
                                <circle class="chart__dot" cx=cx cy=cy r="5" />
                                <text class="chart__value" x=cx y=label_y text-anchor="middle">{text}</text>
                            }
                        })}
                    }).collect_view()
                }}
            </svg>
            <table class="visually-hidden">
                <caption>{move || title.get()}</caption>
                <tbody>
                    {move || points.get().into_iter().map(|p| view! {
                        <tr><th scope="row">{p.label}</th><td>{p.text}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

/// One bar: its label, its length in shown steps, the value as text, an optional link and a tone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub steps: u64,
    pub text: String,
    pub href: Option<String>,
    /// A modifier of `.bars__fill` (`good`, `bad`, or empty).
    pub tone: &'static str,
}

/// Horizontal bars, longest = the largest value (or `full`, e.g. 5 stars or 100 %).
#[component]
pub fn BarChart(
    bars: Signal<Vec<Bar>>,
    #[prop(into)] full: Signal<Option<u64>>,
    #[prop(into)] title: Signal<String>,
) -> impl IntoView {
    let longest = move || {
        let bars = bars.get();
        full.get()
            .or_else(|| bars.iter().map(|b| b.steps).max())
            .unwrap_or(1)
            .max(1)
    };
    view! {
        <figure class="bars" aria-label=move || title.get()>
            <ul class="bars__list">
                {move || {
                    let longest = longest();
                    bars.get().into_iter().map(|bar| {
                        // A bar of nothing is no bar (a sliver would read as "a few"); anything else shows at least a sliver.
                        let percent = match bar.steps {
                            0 => 0,
                            steps => (steps.min(longest) * 100 / longest).max(1),
                        };
                        let name = match bar.href {
                            Some(href) => view! { <a href=href>{bar.label}</a> }.into_any(),
                            None => view! { <span>{bar.label}</span> }.into_any(),
                        };
                        view! {
                            <li class="bars__row">
                                <span class="bars__label">{name}</span>
                                <span class="bars__track">
                                    <span class=format!("bars__fill bars__fill--{}", bar.tone)
                                        style:width=format!("{percent}%")></span>
                                </span>
                                <span class="bars__value">{bar.text}</span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </figure>
    }
}

/// A small trend in a table's cell: the values over periods as a line (gaps where there is none), the last one
/// marked; `label` says them all for a screen reader and a tooltip.
#[component]
pub fn Sparkline(values: Vec<Option<u64>>, label: String) -> impl IntoView {
    const W: i64 = 120;
    const H: i64 = 32;
    const PAD: i64 = 4;
    let largest = values.iter().flatten().copied().max().unwrap_or(0).max(1) as i64;
    let count = values.len().max(2) as i64;
    let x = move |i: usize| PAD + (W - 2 * PAD) * i as i64 / (count - 1);
    let y = move |v: u64| H - PAD - (H - 2 * PAD) * v as i64 / largest;
    let mut path = String::new();
    let mut joined = false;
    for (i, value) in values.iter().enumerate() {
        match value {
            Some(v) => {
                path.push_str(&format!(
                    "{}{} {} ",
                    if joined { "L" } else { "M" },
                    x(i),
                    y(*v)
                ));
                joined = true;
            }
            None => joined = false,
        }
    }
    let last = values
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, v)| v.map(|v| (x(i), y(v))));
    let title = label.clone();
    view! {
        <svg class="sparkline" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label>
            <title>{title}</title>
            <path class="sparkline__line" d=path />
            {last.map(|(cx, cy)| view! { <circle class="sparkline__dot" cx=cx cy=cy r="3" /> })}
        </svg>
    }
}
