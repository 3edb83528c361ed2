//! The frame every page shares: header with navigation, demo banner, footer, 404, about.

use super::state::{use_state, DataSource};
use leptos::prelude::*;

/// The main navigation: path, label, test id.
const NAV: [(&str, &str, &str); 7] = [
    ("/", "Dashboard", "nav-dashboard"),
    ("/incidents", "Incidents", "nav-incidents"),
    ("/archive", "By quarter", "nav-archive"),
    ("/report", "Report", "nav-report"),
    ("/import", "Import", "nav-import"),
    ("/review", "Review", "nav-review"),
    ("/about", "About", "nav-about"),
];

/// Product name and navigation (real URLs; the current page is marked for screen readers).
#[component]
pub fn Header(route: Memo<crate::domain::route::Route>) -> impl IntoView {
    view! {
        <a class="skip" href="#main">"Skip to content"</a>
        <header class="top">
            <a class="brand" href=format!("{}/", crate::web::base_path()) aria-label="Aftermath home">
                <span class="logo" aria-hidden="true">"▦"</span>
                " Aftermath"
            </a>
            <nav aria-label="Main">
                {NAV.iter().map(|(path, label, id)| view! {
                    <a href=crate::web::href(path) data-testid=*id
                        aria-current=move || route.with(|r| r.is_under(path)).then_some("page")>{*label}</a>
                }).collect_view()}
            </nav>
        </header>
    }
}

/// Import progress, confirmations and storage problems, on every page.
#[component]
pub fn StatusArea() -> impl IntoView {
    let state = use_state();
    view! {
        <super::import::ImportProgress/>
        {move || state.notice.get().map(|n| view! {
            <p class="banner notice" role="status" data-testid="notice">{n}" "
                <a href=crate::web::href("/import")>"Import report"</a>" · "<a href=crate::web::href("/review")>"Review"</a>
                " "<button type="button" class="link" aria-label="Dismiss" on:click=move |_| state.notice.set(None)>"×"</button>
            </p>
        })}
        {move || state.storage_error.get().map(|e| view! {
            <p class="banner error" role="alert" data-testid="storage-error">{e}</p>
        })}
    }
}

/// Says clearly when the numbers come from the demo archive.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let state = use_state();
    move || {
        let err = state.error.get();
        match (state.source.get(), err) {
            (_, Some(e)) => Some(
                view! { <p class="banner error" role="alert" data-testid="error-banner">{e}</p> }
                    .into_any(),
            ),
            (DataSource::Demo, None) => Some(
                view! {
                    <p class="banner demo" data-testid="demo-banner">
                        <strong>"Demo data."</strong>
                        " You are looking at a made-up archive. "
                        <a href=crate::web::href("/import")>"Import your own archive"</a>
                        " — it stays in this browser."
                    </p>
                }
                .into_any(),
            ),
            (DataSource::Published, None) => Some(
                view! {
                    <p class="banner published" data-testid="published-banner">
                        <strong>"Published postmortems."</strong>
                        " Read-only. You can "
                        <a href=crate::web::href("/import")>"open your own files"</a>
                        " here too: they stay in this browser and are shown instead of, never mixed with, the published data."
                    </p>
                }
                .into_any(),
            ),
            (DataSource::User, None) if super::published() => Some(
                view! {
                    <p class="banner published" data-testid="own-files-banner">
                        <strong>"Your own files."</strong>
                        " You are looking at files you opened here, stored only in this browser — not the published postmortems. "
                        <a href=crate::web::href("/import")>"Clear them"</a>
                        " to see the published data again."
                    </p>
                }
                .into_any(),
            ),
            _ => None,
        }
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="bottom">
            <p>
                <strong>"Your data never leaves this browser."</strong>
                " Aftermath has no server: files are read and analysed on your device."
            </p>
        </footer>
    }
}

/// A page only the whole app's bundle has, opened in the first load's: the page loads again
/// with the whole app, once an import under way is done and saved (loading cuts what is not
/// yet written). When something of this tab's could not be saved, loading would lose it: the
/// user decides.
#[component]
pub fn OpeningWholeApp() -> impl IntoView {
    let state = use_state();
    let failed = RwSignal::new(false);
    let go = RwSignal::new(false);
    let busy = move || state.progress.with(Option::is_some) || state.writes.get() > 0;
    let held = move || state.unsaved.get() && !go.get();
    Effect::new(move |_| {
        if !busy() && !held() && !failed.get_untracked() && !crate::web::load_whole_app() {
            failed.set(true);
        }
    });
    view! {
        <section class="page empty" data-testid="opening-whole-app">
            <p role="status">{move || if failed.get() {
                "This page could not be opened: the app's other part did not load. Check the connection and reload the page."
            } else if busy() {
                "This page opens once the import is saved."
            } else if held() {
                "Opening this page loads the app again, and what you imported in this tab could not be saved in this browser: it would be lost."
            } else {
                "Opening…"
            }}</p>
            <Show when=move || held() && !busy()>
                <p><button type="button" data-testid="open-anyway" on:click=move |_| go.set(true)>"Open anyway"</button>
                    " "<a href=crate::web::href("/")>"Back to the dashboard"</a></p>
            </Show>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page empty" data-testid="not-found">
            <super::Meta title="Page not found" description="This address does not match a page of this Aftermath site."/>
            <h1>"Page not found"</h1>
            <p>"This address does not match a page. "<a href=crate::web::href("/")>"Go to the dashboard"</a>"."</p>
        </section>
    }
}

#[component]
pub fn About() -> impl IntoView {
    view! {
        <section class="page" data-testid="page-about">
            <super::Meta title="About" description="What Aftermath reads, how it computes incident metrics honestly, and how the heatmap reads."/>
            <h1>"About Aftermath"</h1>
            <p>
                "Aftermath reads incident archives — postmortems in Markdown or plain text (English or French), "
                "status-page exports (cState, Statuspage, Google Cloud), PagerDuty incidents, CSV and zip bundles — "
                "and computes time to detect and time to resolve, severity trends and a trailing-weeks heatmap."
            </p>
            <h2>"Honest numbers"</h2>
            <ul>
                <li>"Incident durations are skewed: the median is the headline, with p90, mean and n beside it."</li>
                <li>"What cannot be computed shows as n/a with the reason, never as 0."</li>
                <li>"Fields the importer guessed are marked as inferred."</li>
            </ul>
            <h2>"Heatmap"</h2>
            <p>"Larger boxes are longer incidents, darker boxes are higher-impact ones."</p>
        </section>
    }
}

/// A full-window drop target: files and whole folders dropped on any page are imported.
#[component]
pub fn DropOverlay() -> impl IntoView {
    use crate::web::files::{dropped_files, take_dropped};
    use leptos::ev;
    let state = use_state();
    let dragging = RwSignal::new(false);
    let carries_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer().is_some_and(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
    };
    // The listeners live as long as the app (the component is mounted once, at the root).
    let _ = window_event_listener(ev::dragover, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
            if !dragging.get_untracked() {
                crate::web::worker::prepare_import_worker();
            }
            dragging.set(true);
        }
    });
    let _ = window_event_listener(ev::dragleave, move |ev| {
        // Leaving the window (not just moving between elements).
        if ev.client_x() <= 0 && ev.client_y() <= 0 {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(ev::drop, move |ev| {
        dragging.set(false);
        let Some(dt) = ev.data_transfer() else { return };
        let dropped = take_dropped(&dt);
        if dropped.is_empty() {
            return;
        }
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            let (files, problems) = dropped_files(dropped).await;
            if !problems.is_empty() {
                state.error.set(Some(problems.join("; ")));
            }
            let items = files
                .into_iter()
                .map(|(name, f)| (name, super::importer::Input::File(f)))
                .collect();
            super::importer::start(state, items);
        });
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
                <p>"Drop files, folders or zips to import them. They stay in this browser."</p>
            </div>
        </Show>
    }
}
