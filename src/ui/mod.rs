//! Leptos components. They only wire signals and memos to core functions: no metric is
//! computed here, and no browser API is called except through `crate::web`.

mod archive;
pub mod dashboard;
mod filters;
mod import;
mod importer;
mod incidents;
mod panel;
mod report;
mod review;
mod shell;
pub mod state;

use crate::domain::route::Route;
use leptos::prelude::*;
use state::{AppState, DataSource};

/// The pages only the whole app's bundle shows ([`whole_app_pages`]; see
/// `domain::route::Route::in_first_load`).
pub type WholeAppPages = fn(&Route) -> AnyView;

/// The whole app: state, router, shell. `pages` shows the pages the first load's bundle leaves
/// out; without it (that bundle), opening one loads the page again with the whole app.
pub fn app(pages: Option<WholeAppPages>) -> impl IntoView {
    let state = AppState::new(crate::web::today());
    provide_context(state);
    start(state);
    let location = crate::web::route::use_location();
    // The page changes with the path only: a new query (a filter) keeps the page.
    let route = Memo::new(move |_| location.with(|l| Route::of_path(&l.path)));
    view! {
        <shell::Header route=route/>
        <main id="main" tabindex="-1">
            <shell::DemoBanner/>
            <shell::StatusArea/>
            <filters::ViewScope>
                {move || match route.get() {
                    Route::Dashboard => view! { <dashboard::Dashboard/> }.into_any(),
                    Route::Incidents => view! { <incidents::IncidentList/> }.into_any(),
                    Route::Incident(id) => view! { <incidents::IncidentPage id=id/> }.into_any(),
                    Route::NotFound => view! { <shell::NotFound/> }.into_any(),
                    other => match pages {
                        Some(show) => show(&other),
                        None => view! { <shell::OpeningWholeApp/> }.into_any(),
                    },
                }}
            </filters::ViewScope>
        </main>
        <shell::Footer/>
        <shell::DropOverlay/>
    }
}

/// The pages of the whole app's bundle that the first load's leaves out (the other routes
/// show as not found: `app` shows them itself).
pub fn whole_app_pages(route: &Route) -> AnyView {
    match route {
        Route::Import => view! { <import::ImportPage/> }.into_any(),
        Route::Review => view! { <review::ReviewPage/> }.into_any(),
        Route::Report => view! { <report::ReportPage/> }.into_any(),
        Route::Archive => view! { <archive::ArchivePage/> }.into_any(),
        Route::About => view! { <shell::About/> }.into_any(),
        _ => view! { <shell::NotFound/> }.into_any(),
    }
}

/// Whether this is a published site (it opens on a publisher's archive: see
/// `web::published_archive`).
pub fn published() -> bool {
    crate::web::published_archive().is_some()
}

/// Sets a page's title and description (one per page, for tabs, bookmarks and search engines).
#[component]
pub fn Meta(#[prop(into)] title: String, #[prop(into)] description: String) -> impl IntoView {
    view! {
        {crate::web::set_page_meta(&format!("{title} · Aftermath"), &description)}
    }
}

/// Restores the user's saved data; without any, loads the published or demo archive.
fn start(state: AppState) {
    state.loading.set(true);
    leptos::task::spawn_local(async move {
        if !state.restore().await {
            load_demo(state);
        } else {
            state.loading.set(false);
        }
    });
}

/// Loads the published archive, or the demo archive that ships with the site, unless the user
/// already has data.
fn load_demo(state: AppState) {
    let (path, source) = match crate::web::published_archive() {
        Some(p) => (p, DataSource::Published),
        None => ("demo/archive.bin".to_string(), DataSource::Demo),
    };
    leptos::task::spawn_local(async move {
        let url = format!(
            "{}/{}",
            crate::web::base_path(),
            path.trim_start_matches('/')
        );
        match crate::web::fetch_bytes(&url).await {
            // The binary form of `domain::codec` (the page has no JSON reader).
            Ok(bytes) => match crate::domain::codec::decode(&bytes) {
                Ok(archive) if state.source.get_untracked() == DataSource::Empty => {
                    // The demo is not the user's import: the import report stays empty.
                    state
                        .imported
                        .set(self::state::Incidents::new(archive.incidents));
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
