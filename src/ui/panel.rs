//! Dashboard panels that keep off-screen work out of the frame. Each panel computes its part of
//! the dashboard from the shared selection: at once while it is on screen, and right after the
//! frame is painted while it is not. A filter change then pays, in the frame that shows it, for
//! what the user can see; a panel below the fold is current a frame later, long before it can
//! be scrolled to, and says `aria-busy` meanwhile.

use crate::domain::metrics::Prepared;
use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Sets `on_screen` while the element `node` refers to intersects the viewport. It starts true,
/// so the first render fills every panel.
pub fn watch<E>(node: NodeRef<E>, on_screen: RwSignal<bool>)
where
    E: ElementType,
    E::Output: JsCast + Clone + AsRef<web_sys::Element> + 'static,
{
    watch_near(node, on_screen, "0px");
}

/// Like [`watch`], with the screen grown by `margin` (a CSS margin): true a little before the
/// element scrolls in.
pub fn watch_near<E>(node: NodeRef<E>, on_screen: RwSignal<bool>, margin: &'static str)
where
    E: ElementType,
    E::Output: JsCast + Clone + AsRef<web_sys::Element> + 'static,
{
    let watcher = StoredValue::new_local(None::<crate::web::OnScreen>);
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let w = crate::web::watch_on_screen(el.as_ref(), margin, move |seen| {
                on_screen.try_set(seen);
            });
            watcher.set_value(w);
        }
    });
}

/// One panel's part of the dashboard: `part` of `selection`, recomputed at once while
/// `on_screen` and after the next paint otherwise (or as soon as it comes on screen). What
/// `part` reads besides the selection (the trend period, say) it tracks as usual. The second
/// signal is true while an off-screen panel waits.
pub fn use_part<T>(
    selection: Memo<Prepared>,
    on_screen: RwSignal<bool>,
    part: impl Fn(&Prepared) -> T + Send + Sync + 'static,
) -> (Memo<T>, RwSignal<bool>)
where
    T: PartialEq + Send + Sync + 'static,
{
    let (gate, waiting) = gate(selection, on_screen);
    let memo = Memo::new(move |_| {
        gate.track();
        selection.with_untracked(|s| part(s))
    });
    (memo, waiting)
}

/// What [`use_part`] does that does not depend on the part's type (compiled once, not once per
/// panel): a trigger notified when the part should be recomputed, and whether it waits.
fn gate(selection: Memo<Prepared>, on_screen: RwSignal<bool>) -> (Trigger, RwSignal<bool>) {
    let gate = Trigger::new();
    let waiting = RwSignal::new(false);
    let release = move || {
        // The panel may be gone by then.
        if waiting.try_get_untracked() == Some(true) {
            waiting.set(false);
            gate.notify();
        }
    };
    Effect::new(move |first: Option<()>| {
        selection.track();
        // The first selection is read by the memo itself.
        if first.is_none() {
            return;
        }
        if on_screen.get_untracked() {
            gate.notify();
        } else if !waiting.get_untracked() {
            waiting.set(true);
            crate::web::after_paint(release);
        }
    });
    Effect::new(move |_| {
        if on_screen.get() {
            release();
        }
    });
    (gate, waiting)
}
