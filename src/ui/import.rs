//! The import page: pick files, see one report row per file (format, incidents, warnings or
//! the rejection reason). Reading happens in the browser; nothing is uploaded.

use super::state::use_state;
use crate::domain::import::{import_file, ImportOptions, ImportResult, Status};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_state();
    let busy = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let opts = ImportOptions::new(state.today);
            let mut result = ImportResult::default();
            for file in files {
                match crate::web::read_file(&file).await {
                    Ok(bytes) => { let _ = (&bytes, &opts); /* SIZE EXPERIMENT */ }
                    Err(e) => state.error.set(Some(e)),
                }
            }
            state.add_import(result);
            busy.set(false);
        });
    };
    view! {
        <section class="page" data-testid="page-import">
            <h1>"Import"</h1>
            <p>"Postmortems (Markdown or text, English or French), cState, Statuspage, Google Cloud or PagerDuty exports, CSV, Aftermath archives, or a zip of them. Files are read in this browser and never uploaded."</p>
            <label class="picker">
                <span>"Choose files…"</span>
                <input type="file" multiple=true data-testid="file-input" on:change=on_change/>
            </label>
            {move || busy.get().then(|| view! { <p aria-live="polite">"Reading files…"</p> })}
            <Show when=move || !state.files.with(Vec::is_empty) fallback=|| view! {
                <p class="empty" data-testid="empty-import">"No files imported yet. The report will list every file with its format, the incidents found, and any warning or reason for rejection."</p>
            }>
                <div class="table-wrap">
                <table data-testid="import-report">
                    <thead><tr><th scope="col">"File"</th><th scope="col">"Format"</th><th scope="col">"Status"</th><th scope="col">"Incidents"</th><th scope="col">"Messages"</th></tr></thead>
                    <tbody>
                        {move || state.files.get().into_iter().map(|f| {
                            let status = match f.status { Status::Ok => "ok", Status::Warnings => "warnings", Status::Rejected => "rejected" };
                            view! {
                                <tr class=format!("st-{status}")>
                                    <td class="src">{f.path}</td><td>{f.format}</td><td>{status}</td><td>{f.incidents}</td>
                                    <td><ul>{f.messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </Show>
        </section>
    }
}
