//! The whole app's web entry point (bin `aftermath-full`): every page, including those the
//! first load's bundle (`aftermath-web`) leaves out. The page loads it when one of them is
//! opened (see `domain::route::Route::in_first_load`).

#[cfg(target_arch = "wasm32")]
fn main() {
    aftermath::web::start(Some(aftermath::ui::whole_app_pages));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("aftermath-full is the browser app's whole bundle: build it with `trunk build` (see README). For the CLI, run `aftermath`.");
    std::process::exit(2);
}
