//! The import page: pick files, watch progress, see one report row per file (format,
//! incidents, warnings or the rejection reason). Parsing runs in a Web Worker; nothing is
//! uploaded.

use super::state::use_state;
use crate::domain::import::{ImportResult, Status};
use crate::web::worker::{ImportEvent, ImportJob, ImportWorker};
use gloo_worker::{Spawnable, WorkerBridge};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Progress of the running import, as shown in the progress bar.
#[derive(Clone, Debug, Default, PartialEq)]
struct Progress {
    files_done: u32,
    files_total: u32,
    bytes_done: u64,
    bytes_total: u64,
    current: String,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_state();
    let progress = RwSignal::new(None::<Progress>);
    // The running worker; dropping it cancels the import (late messages are ignored).
    let bridge = StoredValue::new_local(None::<WorkerBridge<ImportWorker>>);
    let generation = StoredValue::new(0u32);

    let start = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        progress.set(Some(Progress {
            files_total: files.len() as u32,
            ..Progress::default()
        }));
        leptos::task::spawn_local(async move {
            let mut loaded = Vec::with_capacity(files.len());
            for file in &files {
                match crate::web::read_file(file).await {
                    Ok(bytes) => loaded.push((file.name(), bytes)),
                    Err(e) => state.error.set(Some(e)),
                }
            }
            if generation.get_value() != mine {
                return;
            }
            let worker = ImportWorker::spawner()
                .callback(move |event| {
                    if generation.get_value() != mine {
                        return;
                    }
                    match event {
                        ImportEvent::Progress {
                            files_done,
                            files_total,
                            bytes_done,
                            bytes_total,
                            current,
                        } => {
                            progress.set(Some(Progress {
                                files_done,
                                files_total,
                                bytes_done,
                                bytes_total,
                                current,
                            }));
                        }
                        ImportEvent::Done(json) => {
                            match serde_json::from_str::<ImportResult>(&json) {
                                Ok(result) => state.add_import(result),
                                Err(e) => state.error.set(Some(format!(
                                    "The import worker sent an unreadable result: {e}"
                                ))),
                            }
                            progress.set(None);
                            bridge.set_value(None);
                        }
                    }
                })
                .spawn(&format!("{}/worker.js", crate::web::base_path()));
            worker.send(ImportJob {
                files: loaded,
                reference_date: state.today.to_string(),
            });
            bridge.set_value(Some(worker));
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        start((0..list.length()).filter_map(|i| list.get(i)).collect());
    };
    let cancel = move |_| {
        generation.update_value(|g| *g += 1);
        bridge.set_value(None);
        progress.set(None);
    };
    view! {
        <section class="page" data-testid="page-import">
            <h1>"Import"</h1>
            <p>"Postmortems (Markdown or text, English or French), cState, Statuspage, Google Cloud or PagerDuty exports, CSV, Aftermath archives, or a zip of them. Files are read in this browser and never uploaded."</p>
            <label class="picker">
                <span>"Choose files…"</span>
                <input type="file" multiple=true data-testid="file-input" on:change=on_change/>
            </label>
            {move || progress.get().map(|p| {
                let pct = (p.bytes_done * 100).checked_div(p.bytes_total).unwrap_or(0);
                view! {
                    <div class="progress" data-testid="import-progress" role="status" aria-live="polite">
                        <progress max="100" value=pct.to_string()>{format!("{pct}%")}</progress>
                        <span>{format!("{} of {} files · {} of {} KB {}", p.files_done, p.files_total, p.bytes_done / 1024, p.bytes_total / 1024, p.current)}</span>
                        <button type="button" on:click=cancel data-testid="import-cancel">"Cancel"</button>
                    </div>
                }
            })}
            <Show when=move || !state.files.with(Vec::is_empty) fallback=|| view! {
                <p class="empty" data-testid="empty-import">"No files imported yet. The report will list every file with its format, the incidents found, and any warning or reason for rejection."</p>
            }>
                <ImportReport/>
            </Show>
        </section>
    }
}

/// One row per file read.
#[component]
fn ImportReport() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="table-wrap">
        <table data-testid="import-report">
            <caption>{move || {
                let files = state.files.get();
                let rejected = files.iter().filter(|f| f.status == Status::Rejected).count();
                format!("{} files, {} incidents, {} rejected", files.len(), files.iter().map(|f| f.incidents).sum::<usize>(), rejected)
            }}</caption>
            <thead><tr><th scope="col">"File"</th><th scope="col">"Format"</th><th scope="col">"Status"</th><th scope="col">"Incidents"</th><th scope="col">"Messages"</th></tr></thead>
            <tbody>
                {move || state.files.get().into_iter().map(|f| {
                    let status = match f.status { Status::Ok => "ok", Status::Warnings => "warnings", Status::Rejected => "rejected" };
                    view! {
                        <tr class=format!("st-{status}") data-testid="report-row">
                            <td class="src">{f.path}</td><td>{f.format}</td><td>{status}</td><td>{f.incidents}</td>
                            <td><ul>{f.messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
