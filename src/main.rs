//! Web entry point: installs the panic hook and mounts the app. Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
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
        let base = aftermath::web::base_path();
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
    leptos::mount::mount_to_body(aftermath::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("aftermath-web is the browser app: build it with `trunk build` (see README). For the CLI, run `aftermath`.");
    std::process::exit(2);
}
