//! The first load's web entry point (bin `aftermath-web`): the app without the pages only the
//! whole app's bundle (`aftermath-full`) has. Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The first load's bundle: the pages opened most; the others load the whole app's bundle.
    aftermath::web::start(None);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("aftermath-web is the browser app's first-load bundle: build it with `trunk build` (see README). For the CLI, run `aftermath`.");
    std::process::exit(2);
}
