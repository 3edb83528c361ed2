//! Web entry point: installs the panic hook and mounts the app. Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    // Readable panic messages in debug builds; release builds leave the hook out (bundle size).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(aftermath::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("aftermath-web is the browser app: build it with `trunk build` (see README). For the CLI, run `aftermath`.");
    std::process::exit(2);
}
