//! The router: the address as a signal ([`use_location`]), links inside the site followed
//! without a reload, back and forward, and [`navigate`]. Which page a path shows is
//! `domain::route`. A few dozen lines instead of leptos_router, whose generic routes and views
//! weighed about 13 KB of the first load; the app needs flat routes and the query, no more.

use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};

/// Where the page is: the path after the site's base (`/incidents`) and the query without
/// its `?`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub query: String,
}

thread_local! {
    static LOCATION: Cell<Option<RwSignal<Location>>> = const { Cell::new(None) };
}

/// The address bar's location.
fn read() -> Location {
    let location = web_sys::window().map(|w| w.location());
    let pathname = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let base = super::base_path();
    let path = pathname.strip_prefix(base.as_str()).unwrap_or(&pathname);
    Location {
        path: if path.is_empty() { "/" } else { path }.to_string(),
        query: search.trim_start_matches('?').to_string(),
    }
}

/// The location, kept current. The first call (in `App`) starts following links and
/// history; the app lives as long as the page, and so do the listeners.
pub fn use_location() -> RwSignal<Location> {
    if let Some(signal) = LOCATION.with(Cell::get) {
        return signal;
    }
    let signal = RwSignal::new(read());
    LOCATION.with(|l| l.set(Some(signal)));
    let _ = window_event_listener(leptos::ev::popstate, move |_| update(signal));
    let _ = window_event_listener(leptos::ev::click, follow_link);
    signal
}

fn update(signal: RwSignal<Location>) {
    let now = read();
    if signal.with_untracked(|l| *l != now) {
        signal.set(now);
    }
}

/// Shows `href` (a path under the site's base, with its query): a new history entry, or the
/// current one replaced; `scroll` goes to the top, as a new page does.
pub fn navigate(href: &str, replace: bool, scroll: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(href))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(href))
        };
    }
    if let Some(signal) = LOCATION.with(Cell::get) {
        update(signal);
    }
    if scroll {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// A click on a link to a page of this site (HTML or SVG `<a>`, plain left click, no other
/// target, not a download) is followed in the page; anything else is the browser's.
fn follow_link(ev: web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    let Some(link) = super::event_closest(&ev, "a[href]") else {
        return;
    };
    let target = link.get_attribute("target").unwrap_or_default();
    if !(target.is_empty() || target == "_self")
        || link.has_attribute("download")
        || link
            .get_attribute("rel")
            .is_some_and(|r| r.contains("external"))
    {
        return;
    }
    let (Some(window), Some(href)) = (web_sys::window(), link.get_attribute("href")) else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    // A place on this page (the skip link). The page's `<base>` would send the browser to
    // the site's root instead: move to it here.
    if let Some(id) = href.strip_prefix('#') {
        ev.prevent_default();
        if let Some(place) = document.get_element_by_id(id) {
            place.scroll_into_view();
            if let Ok(place) = place.dyn_into::<web_sys::HtmlElement>() {
                let _ = place.focus();
            }
        }
        return;
    }
    let base_uri = document.base_uri().ok().flatten().unwrap_or_default();
    let Ok(url) = web_sys::Url::new_with_base(&href, &base_uri) else {
        return;
    };
    let here = window.location();
    if here.origin().ok().as_deref() != Some(url.origin().as_str()) {
        return;
    }
    let path = url.pathname();
    let base = super::base_path();
    if !(path == base || path.starts_with(&format!("{base}/"))) {
        return;
    }
    // A place on this very page, written with its path: the browser scrolls to it.
    if !url.hash().is_empty()
        && here.pathname().ok().as_deref() == Some(path.as_str())
        && here.search().ok().as_deref() == Some(url.search().as_str())
    {
        return;
    }
    ev.prevent_default();
    navigate(
        &format!("{path}{}{}", url.search(), url.hash()),
        false,
        true,
    );
}
