//! Leptos components. They only wire signals and memos to core functions: no metric is
//! computed here, and no browser API is called except through `crate::web`.

pub mod dashboard;
mod import;
mod incidents;
mod shell;
pub mod state;

use crate::domain::import::read_archive;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use state::{AppState, DataSource};

/// The whole app: state, router, shell.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(crate::web::today());
    provide_context(state);
    load_demo(state);
    let base = crate::web::base_path();
    view! {
        <Router base=base>
            <shell::Header/>
            <main id="main" tabindex="-1">
                <shell::DemoBanner/>
                <Routes fallback=|| view! { <shell::NotFound/> }>
                    <Route path=path!("/") view=dashboard::Dashboard/>
                    <Route path=path!("/incidents") view=incidents::IncidentList/>
                    <Route path=path!("/incidents/:id") view=incidents::IncidentPage/>
                    <Route path=path!("/import") view=import::ImportPage/>
                    <Route path=path!("/about") view=shell::About/>
                </Routes>
            </main>
            <shell::Footer/>
        </Router>
    }
}

/// The archive a publisher built into the site (`AFTERMATH_ARCHIVE=archive.json trunk build`),
/// relative to the site's base path; without it the site opens on the demo.
const PUBLISHED_ARCHIVE: Option<&str> = option_env!("AFTERMATH_ARCHIVE");

/// Loads the published archive, or the demo archive that ships with the site, unless the user
/// already has data.
fn load_demo(state: AppState) {
    state.loading.set(true);
    let (path, source) = match PUBLISHED_ARCHIVE {
        Some(p) => (p, DataSource::Published),
        None => ("demo/archive.json", DataSource::Demo),
    };
    leptos::task::spawn_local(async move {
        let url = format!(
            "{}/{}",
            crate::web::base_path(),
            path.trim_start_matches('/')
        );
        match crate::web::fetch_bytes(&url).await {
            Ok(bytes) => match read_archive(&bytes) {
                Ok(archive) if state.source.get_untracked() == DataSource::Empty => {
                    // The demo is not the user's import: the import report stays empty.
                    state.incidents.set(archive.incidents);
                    state.source.set(source);
                }
                Ok(_) => {}
                Err(e) => state
                    .error
                    .set(Some(format!("The archive {path} could not be read: {e}"))),
            },
            Err(e) => state.error.set(Some(e)),
        }
        state.loading.set(false);
    });
}
