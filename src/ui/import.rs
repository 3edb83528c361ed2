//! The import page: every way in (drop anywhere, pick files or a folder, paste, a URL), the
//! progress bar, the per-file report with "remove", exports, and "clear everything".

use super::importer::{self, Input};
use super::state::{use_state, AppState, DataSource};
use crate::domain::import::Status;
use crate::domain::metrics::Definitions;
use crate::domain::model::Incident;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn picked(ev: &leptos::ev::Event) -> Vec<(String, Input)> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let Some(list) = input.files() else {
        return Vec::new();
    };
    let mut items: Vec<(String, Input)> = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| {
            // Files picked from a folder carry their relative path.
            let rel = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                .ok()
                .and_then(|v| v.as_string())
                .filter(|p| !p.is_empty());
            (rel.unwrap_or_else(|| f.name()), Input::File(f))
        })
        .filter(|(name, _)| !name.rsplit('/').next().unwrap_or_default().starts_with('.'))
        .collect();
    crate::domain::order::sort_by(&mut items, |a, b| a.0.cmp(&b.0));
    input.set_value("");
    items
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_state();
    // A worker compiled while the user picks files: the import starts at once.
    Effect::new(|_| crate::web::worker::prepare_import_worker());
    view! {
        <section class="page" data-testid="page-import">
            <super::Meta title="Import" description="Import postmortems, status-page exports, CSV, JSON or zip archives; everything stays in this browser."/>
            <h1>"Import"</h1>
            <p>{format!("Reads {}. Files are read in this browser and never uploaded.", crate::domain::import::formats_sentence())}</p>
            <div class="ways">
                <div class="dropzone" data-testid="dropzone">
                    <p><strong>"Drop files or folders anywhere on this page"</strong>" — or:"</p>
                    <label class="picker">
                        <span>"Choose files…"</span>
                        <input type="file" multiple=true data-testid="file-input" on:change=move |ev| importer::start(state, picked(&ev))/>
                    </label>
                    " "
                    <label class="picker">
                        <span>"Choose a folder…"</span>
                        <input type="file" multiple=true prop:webkitdirectory=true data-testid="folder-input" on:change=move |ev| importer::start(state, picked(&ev))/>
                    </label>
                </div>
                <PasteBox/>
                <UrlBox/>
            </div>
            <Show when=move || !state.files.with(Vec::is_empty) fallback=|| view! {
                <p class="empty" data-testid="empty-import">"No files imported yet. The report will list every file with its format, the incidents found, and any warning or reason for rejection."</p>
            }>
                <ImportReport/>
            </Show>
            <Exports/>
        </section>
    }
}

#[component]
fn PasteBox() -> impl IntoView {
    let state = use_state();
    let text = RwSignal::new(String::new());
    let name = RwSignal::new("pasted.md".to_string());
    let go = move |_| {
        let body = text.get_untracked();
        if body.trim().is_empty() {
            return;
        }
        // A pasted JSON document keeps a .json name so it is read as JSON.
        let mut file = name.get_untracked().trim().to_string();
        if file.is_empty() {
            file = "pasted.md".into();
        }
        if body.trim_start().starts_with(['{', '[']) && file == "pasted.md" {
            file = "pasted.json".into();
        }
        importer::start(state, vec![(file, Input::Bytes(body.into_bytes()))]);
        text.set(String::new());
    };
    view! {
        <details class="way">
            <summary>"Paste text or JSON"</summary>
            <label for="paste-text">"A postmortem, a CSV, or a JSON export"</label>
            <textarea id="paste-text" rows="8" data-testid="paste-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <label>"Name it "<input type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) data-testid="paste-name"/></label>
            " "<button type="button" on:click=go data-testid="paste-import">"Import pasted text"</button>
        </details>
    }
}

#[component]
fn UrlBox() -> impl IntoView {
    let state = use_state();
    let url = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = url.get_untracked().trim().to_string();
        if address.is_empty() {
            return;
        }
        busy.set(true);
        state.error.set(None);
        leptos::task::spawn_local(async move {
            match crate::web::fetch_bytes(&address).await {
                Ok(bytes) => {
                    let name = address
                        .split(['?', '#'])
                        .next()
                        .and_then(|p| p.trim_end_matches('/').rsplit('/').next())
                        .filter(|n| !n.is_empty())
                        .unwrap_or("download")
                        .to_string();
                    importer::start(state, vec![(name, Input::Bytes(bytes))]);
                }
                Err(e) => state.error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <details class="way">
            <summary>"Load from a URL"</summary>
            <form on:submit=go>
                <label for="import-url">"Address of a file (the site must allow cross-origin requests)"</label>
                <input id="import-url" type="url" placeholder="https://status.example.com/incidents.json" prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) data-testid="url-input"/>
                " "<button type="submit" disabled=move || busy.get() data-testid="url-load">{move || if busy.get() { "Loading…" } else { "Load" }}</button>
            </form>
        </details>
    }
}

/// The progress bar of the running import, with cancel (shown on every page).
#[component]
pub fn ImportProgress() -> impl IntoView {
    let state = use_state();
    move || {
        state.progress.get().map(|p| {
            let pct = (p.bytes_done * 100).checked_div(p.bytes_total).unwrap_or(0);
            view! {
                <div class="progress" data-testid="import-progress" role="status" aria-live="polite">
                    <progress max="100" value=pct.to_string() aria-label="Import progress">{format!("{pct}%")}</progress>
                    <span>{if p.bytes_total > 0 {
                        format!("{} of {} files · {} of {} · {}", p.files_done, p.files_total, crate::render::format::bytes(p.bytes_done), crate::render::format::bytes(p.bytes_total), p.current)
                    } else {
                        format!("{} of {} files · {}", p.files_done, p.files_total, p.current)
                    }}</span>
                    <button type="button" on:click=move |_| importer::cancel(state) data-testid="import-cancel">"Cancel"</button>
                </div>
            }
        })
    }
}

/// Lines of the report per page.
const REPORT_PAGE: usize = 50;
/// Files listed inside one group line.
const GROUP_LISTED: usize = 100;

use crate::render::html::ReportLine as Shown;

/// One line per file read, with "remove"; rejections alike in one folder or zip as one line
/// that opens; a page of lines at a time; a switch to see only problems.
#[component]
fn ImportReport() -> impl IntoView {
    use crate::domain::import::report::{self, Line};
    let state = use_state();
    let only_problems = RwSignal::new(false);
    let page = RwSignal::new(0usize);
    let lines = Memo::new(move |_| {
        let problems = only_problems.get();
        state.files.with(|files| {
            let all = report::lines(files, problems);
            let total = all.len();
            let shown: Vec<Shown> = all
                .into_iter()
                .skip(page.get() * REPORT_PAGE)
                .take(REPORT_PAGE)
                .map(|line| match line {
                    Line::File(f) => Shown::File(f.clone()),
                    Line::Group { ref files, .. } => Shown::Group {
                        summary: line.summary().unwrap_or_default(),
                        files: files
                            .iter()
                            .take(GROUP_LISTED)
                            .map(|f| (*f).clone())
                            .collect(),
                        more: files.len().saturating_sub(GROUP_LISTED),
                    },
                })
                .collect();
            (shown, total)
        })
    });
    let pages = move || lines.with(|(_, total)| total.div_ceil(REPORT_PAGE).max(1));
    // A shorter report (a filter, a removal) never leaves the page past its end.
    Effect::new(move |_| {
        let last = pages() - 1;
        if page.get_untracked() > last {
            page.set(last);
        }
    });
    // The rows are one string (`render::html::report_rows`); a "Remove" button names its file.
    let remove = move |ev: leptos::ev::MouseEvent| {
        let path = crate::web::event_closest(&ev, "button[data-path]")
            .and_then(|b| b.get_attribute("data-path"));
        if let Some(path) = path {
            if crate::web::files::confirm(&format!("Remove the incidents read from {path}?")) {
                state.remove_file(&path);
            }
        }
    };
    view! {
        <div class="report-tools">
            <label><input type="checkbox" data-testid="report-problems-only"
                prop:checked=move || only_problems.get()
                on:change=move |ev| { only_problems.set(event_target_checked(&ev)); page.set(0); }/>" Show only problems"</label>
            <Show when=move || { pages() > 1 }>
                <span class="pager">
                    <button type="button" class="small" data-testid="report-prev" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"← Previous"</button>
                    <span data-testid="report-page" aria-live="polite">{move || format!("Page {} of {}", page.get() + 1, pages())}</span>
                    <button type="button" class="small" data-testid="report-next" disabled=move || { page.get() + 1 >= pages() } on:click=move |_| page.update(|p| *p += 1)>"Next →"</button>
                </span>
            </Show>
        </div>
        <div class="table-wrap">
        <table data-testid="import-report">
            <caption>{move || {
                state.files.with(|files| {
                    let rejected = files.iter().filter(|f| f.status == Status::Rejected).count();
                    let warned = files.iter().filter(|f| f.status == Status::Warnings).count();
                    format!("{}, {}, {} with warnings, {} rejected", report::thousands(files.len()) + if files.len() == 1 { " file" } else { " files" }, crate::render::format::plural(files.iter().map(|f| f.incidents).sum::<usize>(), "incident"), report::thousands(warned), report::thousands(rejected))
                })
            }}</caption>
            <thead><tr><th scope="col">"File"</th><th scope="col">"Format"</th><th scope="col">"Status"</th><th scope="col">"Incidents"</th><th scope="col">"Messages"</th><th scope="col"><span class="sr">"Actions"</span></th></tr></thead>
            <tbody on:click=remove inner_html=move || lines.with(|(shown, _)| crate::render::html::report_rows(shown))></tbody>
        </table>
        </div>
    }
}

/// Downloads and "clear everything".
#[component]
fn Exports() -> impl IntoView {
    let state = use_state();
    let fail = move |r: Result<(), String>| {
        if let Err(e) = r {
            state.error.set(Some(format!("The export failed: {e}")));
        }
    };
    let archive = move |_| {
        let json = state
            .incidents
            .with(|all| crate::domain::import::to_archive_json(all, None));
        fail(crate::web::files::download_text(
            "aftermath-archive.json",
            "application/json",
            &json,
        ));
    };
    // Every incident, under the default definitions.
    let csv = move |name: &str, write: fn(&[&Incident], &Definitions) -> String| {
        let defs = Definitions::default();
        let text = state.incidents.with(|all| {
            let refs: Vec<&Incident> = all.iter().collect();
            write(&refs, &defs)
        });
        fail(crate::web::files::download_text(name, "text/csv", &text));
    };
    let incidents_csv = move |_| {
        csv(
            "aftermath-incidents.csv",
            crate::domain::export::incidents_csv,
        )
    };
    let metrics_csv = move |_| {
        csv("aftermath-metrics.csv", |refs, defs| {
            crate::domain::export::metrics_csv(&crate::domain::metrics::stats(refs, defs))
        })
    };
    let clear = move |_| {
        if crate::web::files::confirm("Delete every imported incident and every edit from this browser? Export an archive first to keep them.") {
            clear_all(state);
        }
    };
    view! {
        <Show when=move || !state.incidents.with(|all| all.is_empty())>
            <section class="panel" data-testid="exports">
                <h2>"Export"</h2>
                <p>"The archive keeps everything, edits included, and imports back exactly. The CSV files here hold every incident under the default definitions; "<a href=crate::web::href("/")>"the dashboard"</a>" exports the view you filtered, and its charts. The printable report is on "<a href=crate::web::href("/report")>"the report page"</a>"."</p>
                <div class="buttons">
                    <button type="button" on:click=archive data-testid="export-archive">"Archive (JSON)"</button>
                    <button type="button" on:click=incidents_csv data-testid="export-incidents-csv">"All incidents (CSV)"</button>
                    <button type="button" on:click=metrics_csv data-testid="export-metrics-csv">"All metrics (CSV)"</button>
                </div>
            </section>
        </Show>
        // Also with nothing on screen: saved data that could not be restored is deleted here.
        <Show when=move || state.source.get() == DataSource::User || state.storage_error.with(Option::is_some)>
            <section class="panel" data-testid="start-over">
                <h2>"Start over"</h2>
                <button type="button" class="danger" on:click=clear data-testid="clear-all">"Clear everything…"</button>
            </section>
        </Show>
    }
}

fn clear_all(state: AppState) {
    importer::cancel(state);
    // Says "cleared" once the browser's storage is (a reload before would bring it back).
    state.clear();
}
