//! The view state lives in the URL query: every page reads it with [`use_view`] and changes
//! it with [`set_view`], so any view is a permalink and back/forward work. The filter bar is
//! shared by the dashboard, the incident list and the report.

use super::state::use_state;
use crate::domain::view::{QuickRange, View};
use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The view shared by every page: the URL's, unless a filter change is being shown. A change
/// is shown at once and written to the URL after the frame is painted, so the frame that shows
/// it does not also pay for a history entry and a route match.
#[derive(Clone, Copy)]
struct SharedView {
    url: Memo<View>,
    /// The view being shown ahead of the URL.
    ahead: RwSignal<Option<View>>,
    /// URL updates queued and not yet made.
    queued: StoredValue<u32>,
    /// The location the last update wrote.
    written: StoredValue<String>,
}

fn view_of(location: &crate::web::route::Location) -> View {
    let pairs = crate::domain::route::query_pairs(&location.query);
    View::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Provides the shared view to `children` (the routes); must sit inside the router.
#[component]
pub fn ViewScope(children: Children) -> impl IntoView {
    let location = crate::web::route::use_location();
    provide_context(SharedView {
        url: Memo::new(move |_| location.with(view_of)),
        ahead: RwSignal::new(None),
        queued: StoredValue::new(0),
        written: StoredValue::new(String::new()),
    });
    children()
}

/// The current view: the URL's, or the change being applied.
pub fn use_view() -> Memo<View> {
    match use_context::<SharedView>() {
        Some(s) => Memo::new(move |_| s.ahead.get().unwrap_or_else(|| s.url.get())),
        None => {
            let location = crate::web::route::use_location();
            Memo::new(move |_| location.with(view_of))
        }
    }
}

/// Every incident prepared under the view's definitions: recomputed when the data or the
/// interval definition changes, not when a filter does.
pub fn use_prepared(view: Memo<View>) -> Memo<crate::domain::metrics::Prepared> {
    let state = use_state();
    // Everything that changes how durations are measured, and nothing else.
    let measured = Memo::new(move |_| view.with(|v| (v.resolve_from, v.include_planned)));
    Memo::new(move |_| {
        let (resolve_from, include_planned) = measured.get();
        let v = View {
            resolve_from,
            include_planned,
            ..View::default()
        };
        state
            .incidents
            .with(|all| crate::domain::dashboard::prepare(all, &v))
    })
}

/// The incidents the view's filters select, prepared: recomputed when a filter changes, not
/// when only the display does (trend period, heatmap window, sort). The dashboard's panels each
/// compute their part from it.
pub fn use_selection(view: Memo<View>) -> Memo<crate::domain::metrics::Prepared> {
    let state = use_state();
    let base = use_prepared(view);
    let filters = Memo::new(move |_| view.with(View::filters_only));
    Memo::new(move |_| {
        filters.with(|v| {
            base.with(|b| {
                state
                    .incidents
                    .with(|all| crate::domain::dashboard::select(all, b, v))
            })
        })
    })
}

/// Everything the dashboard shows for the URL's view, in one memo over `dashboard::compute`
/// (the printable report, which shows it all at once).
pub fn use_dashboard(view: Memo<View>) -> Memo<crate::domain::dashboard::Dashboard> {
    let state = use_state();
    let base = use_prepared(view);
    Memo::new(move |_| {
        let v = view.get();
        base.with(|b| {
            state
                .incidents
                .with(|all| crate::domain::dashboard::compute(all, b, &v, state.today))
        })
    })
}

/// A function that shows `view` on `page` (e.g. `/incidents`, the page it is called from): the
/// view changes at once, the URL after the frame is painted. `replace` keeps typing in the
/// search box out of the history.
pub fn use_set_view(page: &'static str) -> impl Fn(View, bool) + Copy + 'static {
    let shared = use_context::<SharedView>();
    move |view: View, replace: bool| {
        let url = crate::web::href(&format!("{page}{}", view.to_query()));
        let go = move || crate::web::route::navigate(&url, replace, false);
        let Some(shared) = shared else {
            go();
            return;
        };
        shared.ahead.set(Some(view));
        shared.queued.update_value(|n| *n += 1);
        let here = crate::web::current_location();
        crate::web::after_paint(move || {
            shared.queued.update_value(|n| *n = n.saturating_sub(1));
            // The user may have moved meanwhile (a link, back): then the URL is theirs. An
            // earlier change written from here is not a move.
            let now = crate::web::current_location();
            if now == here || shared.written.with_value(|w| *w == now) {
                go();
                shared.written.set_value(crate::web::current_location());
            }
            if shared.queued.get_value() == 0 {
                shared.ahead.set(None);
            }
        });
    }
}

/// Distinct values of a field across all incidents, for the filter menus.
fn choices(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut list: Vec<String> = values.filter(|v| !v.is_empty()).collect();
    crate::domain::order::sort_by(&mut list, |a, b| a.cmp(b));
    list.dedup();
    list
}

/// Applies an event from a control of the view written as markup (`data-view`: see
/// `View::set_control`) inside the element listening: buttons act on a click, the search box as
/// it is typed in (without a history entry per key), the others when changed.
pub fn on_control(
    ev: &web_sys::Event,
    view: Memo<View>,
    set: impl Fn(View, bool),
    today: NaiveDate,
) {
    let Some(el) = crate::web::event_closest(ev, "[data-view]") else {
        return;
    };
    let key = el.get_attribute("data-view").unwrap_or_default();
    let button = el.tag_name().eq_ignore_ascii_case("button");
    let acts = match ev.type_().as_str() {
        "click" => button,
        "input" => key == "q",
        "change" => !button && key != "q",
        _ => false,
    };
    if !acts {
        return;
    }
    let value = if button {
        el.get_attribute("data-value").unwrap_or_default()
    } else if el.get_attribute("type").as_deref() == Some("checkbox") {
        let checked = js_sys::Reflect::get(&el, &"checked".into()).is_ok_and(|c| c.is_truthy());
        if checked {
            el.get_attribute("value").unwrap_or_default()
        } else {
            String::new()
        }
    } else {
        js_sys::Reflect::get(&el, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let mut v = view.get_untracked();
    if v.set_control(&key, &value, today) {
        set(v, key == "q");
    } else if key.starts_with("hours_") {
        // Refused (business hours ending before they start): the menu shows the view again.
        // (Other controls that change nothing are left as they are: a space typed in the
        // search box changes nothing yet, and stays.)
        let _ = js_sys::Reflect::set(&el, &"value".into(), &JsValue::from_str(&v.control(&key)));
    }
}

/// Makes the controls of the view written as markup under `root` show `view` (after a change
/// made elsewhere: back and forward, a link, another control): values, ticks, pressed quick
/// picks, and "clear filters" hidden while nothing is filtered.
pub fn sync_controls(root: &web_sys::Element, view: &View, today: NaiveDate) {
    let Ok(list) = root.query_selector_all("[data-view]") else {
        return;
    };
    for i in 0..list.length() {
        let Some(el) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let key = el.get_attribute("data-view").unwrap_or_default();
        match key.as_str() {
            "range" => {
                let pressed = QuickRange::ALL.into_iter().any(|r| {
                    el.get_attribute("data-value").as_deref() == Some(r.key())
                        && view.quick_pressed(r, today)
                });
                let _ = el.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
            }
            "reset" => {
                let _ = if view.is_filtered() {
                    el.remove_attribute("hidden")
                } else {
                    el.set_attribute("hidden", "")
                };
            }
            _ => {
                let want = view.control(&key);
                // The search box as typed: the view holds it trimmed.
                let typed = js_sys::Reflect::get(&el, &"value".into())
                    .ok()
                    .and_then(|v| v.as_string());
                if key == "q" && typed.is_some_and(|t| t.trim() == want) {
                    continue;
                }
                let (property, value) = if el.get_attribute("type").as_deref() == Some("checkbox") {
                    ("checked", JsValue::from_bool(!want.is_empty()))
                } else {
                    ("value", JsValue::from_str(&want))
                };
                let now = js_sys::Reflect::get(&el, &property.into()).unwrap_or(JsValue::UNDEFINED);
                if now != value {
                    let _ = js_sys::Reflect::set(&el, &property.into(), &value);
                }
            }
        }
    }
}

/// Controls of the view written as markup inside an element: `node`'s element shows the
/// view's values (see [`sync_controls`]) whenever the view or `markup` changes, and the
/// returned handler ([`on_control`]) applies their events on `page`.
pub fn use_controls<E>(
    node: NodeRef<E>,
    markup: Memo<String>,
    page: &'static str,
) -> impl Fn(&web_sys::Event) + Copy + 'static
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + AsRef<web_sys::Element> + 'static,
{
    let state = use_state();
    let view = use_view();
    let set = use_set_view(page);
    Effect::new(move |_| {
        markup.track();
        let v = view.get();
        if let Some(el) = node.get() {
            sync_controls(el.as_ref(), &v, state.today);
        }
    });
    move |ev: &web_sys::Event| on_control(ev, view, set, state.today)
}

/// The filter bar: date range with quick picks, severity, service, tag, source, search. Its
/// controls are markup (`render::html::filter_controls`), rebuilt when the data's menus
/// change; the view's changes reach them through [`use_controls`].
#[component]
pub fn FilterBar(page: &'static str) -> impl IntoView {
    let state = use_state();
    let view = use_view();
    let menus = Memo::new(move |_| {
        state.incidents.with(|all| {
            (
                choices(all.iter().flat_map(|i| i.services.iter().cloned())),
                choices(all.iter().flat_map(|i| i.tags.iter().cloned())),
                choices(all.iter().map(|i| i.source.file.clone())),
            )
        })
    });
    // Written once; a change of the data's values rewrites the three menus' options only, so
    // that typing in the search box or a date keeps its place.
    let markup = Memo::new(move |_| {
        menus.with_untracked(|(services, tags, sources)| {
            crate::render::html::filter_controls(
                &view.get_untracked(),
                [services, tags, sources],
                state.today,
            )
        })
    });
    let form = NodeRef::<leptos::html::Form>::new();
    let handle = use_controls(form, markup, page);
    // On its first run too: the data may have changed since the markup was written.
    Effect::new(move |_| {
        menus.track();
        let Some(form) = form.get() else { return };
        menus.with(|(services, tags, sources)| {
            let v = view.get_untracked();
            for ((_, key), values) in crate::render::html::FILTER_MENUS
                .into_iter()
                .zip([services, tags, sources])
            {
                if let Ok(Some(select)) = form.query_selector(&format!("[data-view={key}]")) {
                    select.set_inner_html(&crate::render::html::menu_options(
                        values,
                        &v.control(key),
                    ));
                }
            }
        });
    });
    // On a phone the filters fold behind one button, so the figures come first.
    let open = RwSignal::new(false);
    let active = Memo::new(move |_| view.with(View::active_filters));
    view! {
        <div class="filter-bar" class:open=move || open.get()>
        <button type="button" class="filters-toggle" data-testid="filters-toggle" aria-controls="filters"
            aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            {move || match active.get() { 0 => "Filters".to_string(), n => format!("Filters ({n} active)") }}
        </button>
        <form class="filters" id="filters" data-testid="filters" role="search" node_ref=form
            on:submit=|ev| ev.prevent_default()
            on:change=move |ev| handle(&ev) on:input=move |ev| handle(&ev) on:click=move |ev| handle(&ev)
            inner_html=move || markup.get()>
        </form>
        </div>
    }
}
