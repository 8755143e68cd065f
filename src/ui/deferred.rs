//! A value derived from signals, computed in a task of its own after the change that asks for it. A `Memo` computes
//! in the task of the change, so every figure one change touches — the dashboard's tiles, trend, ranking and aspects
//! over 100,000 tickets — is computed and rendered in one long task that freezes the page for their sum. Each
//! `deferred` value takes a task of its own instead (R11.3: no frozen frame), and the screen shows the last value
//! meanwhile, saying it is being recomputed (`Deferred::current`).
//!
//! Must not: compute anything itself (its caller's function does), or hand out a value as current when newer inputs
//! were asked for since: a computation asked before the last change is dropped, not shown.

use std::any::Any;
use std::marker::PhantomData;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

/// A computed value, type-erased so that the effect and the task below are compiled once, not per use.
type Value = Box<dyn Any + Send + Sync>;

/// The last value computed and whether it is of the inputs asked for last. `Copy`, like a signal.
pub struct Deferred<T: Send + Sync + 'static> {
    /// How many computations were asked for.
    asked: RwSignal<u64>,
    /// The last value computed (a `T`), with the number of the computation that computed it.
    done: RwSignal<Option<(u64, Value)>>,
    value: PhantomData<fn() -> T>,
}

impl<T: Send + Sync + 'static> Clone for Deferred<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Deferred<T> {}

impl<T: Send + Sync + 'static> Deferred<T> {
    /// Whether the value is of the inputs as they are now (false before the first value, and while recomputing).
    pub fn current(&self) -> bool {
        let asked = self.asked.get();
        self.done
            .with(|done| done.as_ref().is_some_and(|(of, _)| *of == asked))
    }

    /// Reads the last value computed (`None` before the first), current or not.
    pub fn with<R>(&self, read: impl FnOnce(Option<&T>) -> R) -> R {
        self.done
            .with(|done| read(done.as_ref().and_then(|(_, value)| value.downcast_ref())))
    }
}

/// `compute(inputs())`, computed again in a task of its own whenever what `inputs` reads changes. `inputs` is
/// tracked; `compute` is not (it works on what `inputs` handed it: a consistent snapshot even if the signals change
/// before it runs).
pub fn deferred<I: 'static, T: Send + Sync + 'static>(
    inputs: impl Fn() -> I + 'static,
    compute: impl Fn(I) -> T + 'static,
) -> Deferred<T> {
    let compute = Rc::new(compute);
    let (asked, done) = keep(Box::new(move || {
        let inputs = inputs();
        let compute = Rc::clone(&compute);
        Box::new(move || Box::new(compute(inputs)) as Value)
    }));
    Deferred {
        asked,
        done,
        value: PhantomData,
    }
}

/// The effect behind `deferred`: `ask` reads the inputs (tracked) and hands back their computation, which runs in
/// a task of its own unless asked again meanwhile.
#[allow(clippy::type_complexity)]
fn keep(
    ask: Box<dyn Fn() -> Box<dyn FnOnce() -> Value>>,
) -> (RwSignal<u64>, RwSignal<Option<(u64, Value)>>) {
    let asked = RwSignal::new(0_u64);
    let done = RwSignal::new(None);
    Effect::new(move |_| {
        let computation = ask();
        let Some(number) = asked.try_get_untracked().map(|n| n + 1) else {
            return;
        };
        asked.set(number);
        spawn_local(async move {
            crate::ui::yield_now().await;
            // Asked again meanwhile (that computation has its own task), or the screen is gone.
            if asked.try_get_untracked() != Some(number) {
                return;
            }
            let value = computation();
            done.try_set(Some((number, value)));
        });
    });
    (asked, done)
}
