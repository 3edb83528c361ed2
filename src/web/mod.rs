//! Browser glue: the clock, fetching, reading dropped files. The only module that touches
//! web-sys/gloo; the UI calls these and the core never sees the browser.

use chrono::NaiveDate;

/// Today's date in the browser's local time zone: the only place the web app asks for "now".
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    let (y, m, day) = (d.get_full_year() as i32, d.get_month() + 1, d.get_date());
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// Fetches a same-site file as bytes; the error is a sentence for the user.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| {
        format!("could not load {url}: {}. If it is on another site, that site must allow cross-origin requests (CORS); download the file and drop it here instead.", fetch_error(&e))
    })?;
    if !response.ok() {
        return Err(format!(
            "could not load {url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .binary()
        .await
        .map_err(|e| format!("could not read {url}: {}", fetch_error(&e)))
}

/// A failed fetch as JavaScript says it (`TypeError: Failed to fetch`). Not through
/// `gloo_net::Error`'s `Display`, which would bring its JSON errors' texts and code into the
/// first load for a variant a binary fetch never gives.
fn fetch_error(e: &gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) if js.message.is_empty() => js.name.clone(),
        gloo_net::Error::JsError(js) => format!("{}: {}", js.name, js.message),
        gloo_net::Error::GlooError(text) => text.clone(),
        _ => "the answer could not be read".into(),
    }
}

/// A JavaScript error as a person reads it: `NotAllowedError: …` for an exception, the text of
/// a thrown string. Not `{:?}` of the value, which adds `JsValue(…)` and the stack.
pub fn js_text(e: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", ex.name(), ex.message());
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.to_string());
    }
    e.as_string()
        .unwrap_or_else(|| "an error the browser did not describe".into())
}

/// Reads a browser `File` into bytes.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("could not read {}: {}", file.name(), js_text(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The page's current path and query, to notice that the user moved (a link, back, forward).
pub fn current_location() -> String {
    web_sys::window()
        .map(|w| w.location())
        .map(|l| l.pathname().unwrap_or_default() + &l.search().unwrap_or_default())
        .unwrap_or_default()
}

thread_local! {
    /// Work waiting for the next frame to be painted, in the order it was asked for.
    static AFTER_PAINT: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` once the next frame has been painted (an animation frame, then a task): work the
/// user does not see, kept out of the frame that shows a change. Everything asked for before
/// one frame shares one animation frame and one task.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let first = AFTER_PAINT.with(|q| {
        let mut q = q.borrow_mut();
        q.push(Box::new(f));
        q.len() == 1
    });
    if first {
        leptos::prelude::request_animation_frame(|| {
            // What was asked for before this frame; later asks wait for the next one.
            let due = AFTER_PAINT.with(|q| std::mem::take(&mut *q.borrow_mut()));
            leptos::prelude::set_timeout(
                move || {
                    for f in due {
                        f();
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    }
}

/// Watches whether an element is on screen (intersects the viewport); stops when dropped.
pub struct OnScreen {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for OnScreen {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `f(true)` when `el` comes on screen and `f(false)` when it leaves (the browser calls
/// once at the start, then on every change). `margin` grows the screen for this test, as a CSS
/// margin (`"0px 0px 200px 0px"`: up to 200 px below it counts). `None` when the browser
/// cannot watch.
pub fn watch_on_screen(
    el: &web_sys::Element,
    margin: &str,
    f: impl Fn(bool) + 'static,
) -> Option<OnScreen> {
    use wasm_bindgen::JsCast;
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
        move |entries: js_sys::Array| {
            // The last entry is the latest state.
            if let Ok(entry) = entries
                .pop()
                .dyn_into::<web_sys::IntersectionObserverEntry>()
            {
                f(entry.is_intersecting());
            }
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(margin);
    let observer = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    observer.observe(el);
    Some(OnScreen {
        observer,
        _callback: callback,
    })
}

/// Sets the document's title and its `<meta name="description">` (tabs, bookmarks, search
/// engines): one per page.
pub fn set_page_meta(title: &str, description: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    doc.set_title(title);
    if let Some(meta) = doc.query_selector("meta[name=description]").ok().flatten() {
        let _ = meta.set_attribute("content", description);
    }
}

/// An in-app link under the site's base path: `href("/incidents")` is `/postmortems/incidents`
/// on a site published under `/postmortems/` (the router matches under its base, but absolute
/// links are taken as written).
pub fn href(path: &str) -> String {
    format!("{}{}", base_path(), path)
}

/// The path prefix the site is served under (empty, or e.g. `/postmortems`): the path of the
/// page's base URL, which the page sets at run time (`index.html`) or a published static page
/// states; read once.
pub fn base_path() -> String {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|u| u.pathname())
            .unwrap_or_else(|| "/".into());
        base.trim_end_matches('/').to_string()
    })
    .clone()
}

/// The archive a published site opens on (`<meta name="aftermath-archive">`, written by
/// `aftermath publish`), relative to the base path; none on the app alone (it opens on the
/// demo).
pub fn published_archive() -> Option<String> {
    static ARCHIVE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    ARCHIVE
        .get_or_init(|| {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.query_selector("meta[name=aftermath-archive]")
                        .ok()
                        .flatten()
                })
                .and_then(|m| m.get_attribute("content"))
                .filter(|c| !c.trim().is_empty())
        })
        .clone()
}

/// The element an event happened in, or its nearest ancestor, that matches `selector`: how one
/// handler serves many elements (links, controls and buttons written as markup).
pub fn event_closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(selector).ok().flatten())
}

pub mod canvas;
pub mod files;
pub mod route;
pub mod store;
pub mod worker;

/// Starts the page: installs the panic hook (debug builds), takes the place of a published
/// static page, and mounts the app with `pages`, the pages only the whole app's bundle has
/// (`None` in the first load's bundle: see `domain::route::Route::in_first_load`).
pub fn start(pages: Option<crate::ui::WholeAppPages>) {
    // Opened from the first load's bundle at the site's root (`load_whole_app`): the address
    // to show, which the loader read from session storage.
    if let Some(w) = web_sys::window() {
        let open = js_sys::Reflect::get(&w, &"aftermathOpen".into())
            .ok()
            .and_then(|v| v.as_string())
            .filter(|o| o.starts_with(&format!("{}/", base_path())));
        if let Some(open) = open {
            let _ = w.history().and_then(|h| {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&open))
            });
        }
    }
    LOADED_AT.with(|l| *l.borrow_mut() = current_location());
    // Readable panic messages in debug builds; release builds leave the hook out (bundle size).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // A published static page (`aftermath publish`, `incidents/<id>/`) holds its text for
    // readers without JavaScript: the app takes its place, at the app's address for it
    // (without the folder's trailing slash).
    if let Some(page) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("static"))
    {
        page.remove();
        let base = base_path();
        if let Some(w) = web_sys::window() {
            let path = w.location().pathname().unwrap_or_default();
            if path.len() > base.len() + 1 && path.ends_with('/') {
                let _ = w.history().and_then(|h| {
                    h.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(path.trim_end_matches('/')),
                    )
                });
            }
        }
    }
    leptos::mount::mount_to_body(move || crate::ui::app(pages));
}

thread_local! {
    /// The address the page was loaded at (path and query).
    static LOADED_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Loads the whole app's bundle to show the current address, a page the first load's bundle
/// leaves out: the site's root is loaded in place of this page (every host serves it, while a
/// page's own address needs the host to serve `404.html` for it), with the address kept in
/// session storage for the loader (`scripts/post-build.mjs`) and [`start`]; without session
/// storage, the page is loaded again at its address. `false`, and nothing done, when this
/// bundle was loaded at this very address: the whole app's did not load, and loading again
/// would loop.
pub fn load_whole_app() -> bool {
    let here = current_location() + &hash();
    if LOADED_AT.with(|l| *l.borrow() == current_location()) {
        return false;
    }
    let Some(w) = web_sys::window() else {
        return false;
    };
    let kept = w
        .session_storage()
        .ok()
        .flatten()
        // With the time: the loader honours it for a minute only (a hop that never arrived
        // must not send a later visit to this page).
        .is_some_and(|s| {
            s.set_item(
                "aftermath-open",
                &format!("{}|{here}", js_sys::Date::now() as u64),
            )
            .is_ok()
        });
    if kept {
        w.location().replace(&href("/")).is_ok()
    } else {
        w.location().reload().is_ok()
    }
}

/// The address's fragment (`#…`), or nothing.
fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}
