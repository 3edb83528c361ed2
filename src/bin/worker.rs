//! The import Web Worker's entry point (wasm32): registers `aftermath::web::worker::ImportWorker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo_worker::Registrable;
    console_error_panic_hook::set_once();
    aftermath::web::worker::ImportWorker::registrar().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("`worker` is the browser app's import Web Worker; it only runs in a browser.");
    std::process::exit(2);
}
