//! The import Web Worker's entry point (wasm32): answers the page (`aftermath::web::worker`).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    aftermath::web::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("`worker` is the browser app's import Web Worker; it only runs in a browser.");
    std::process::exit(2);
}
