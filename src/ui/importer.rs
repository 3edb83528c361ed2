//! Runs an import from any way in (drop, picker, paste, URL): one file at a time through the
//! worker, with progress in the shared state and a cancel that stops before the next file.

use super::state::{AppState, Progress};
use crate::domain::import::ImportResult;
use crate::render::format::plural;
use crate::web::worker::{Client, Request, Response};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

/// One thing to import: a browser file (read when its turn comes) or bytes already in hand.
pub enum Input {
    File(web_sys::File),
    Bytes(Vec<u8>),
}

impl Input {
    fn size(&self) -> u64 {
        match self {
            Input::File(f) => f.size() as u64,
            Input::Bytes(b) => b.len() as u64,
        }
    }
}

thread_local! {
    /// The running import's worker; taking it out cancels the import.
    static RUNNING: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// Bumped by every start and cancel, so a stale loop stops.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// Starts importing `items` (name, input); an import already running is cancelled first.
pub fn start(state: AppState, items: Vec<(String, Input)>) {
    if items.is_empty() {
        return;
    }
    cancel(state);
    let mine = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    let client = Client::spawn();
    RUNNING.with(|r| *r.borrow_mut() = Some(client.clone()));
    let mut progress = Progress {
        files_total: items.len(),
        bytes_total: items.iter().map(|(_, i)| i.size()).sum(),
        ..Progress::default()
    };
    state.progress.set(Some(progress.clone()));
    state.notice.set(None);
    state.error.set(None);
    let current = move || GENERATION.with(Cell::get) == mine;
    leptos::task::spawn_local(async move {
        let mut result = ImportResult::default();
        for (name, input) in items {
            if !current() {
                return;
            }
            progress.current = name.clone();
            state.progress.set(Some(progress.clone()));
            let size = input.size();
            let bytes = match input {
                Input::Bytes(b) => Ok(b),
                Input::File(f) => crate::web::read_file(&f).await,
            };
            match bytes {
                Ok(bytes) => match client
                    .ask(Request::Import {
                        name: name.clone(),
                        bytes,
                        reference_date: state.today.to_string(),
                    })
                    .await
                {
                    Ok(Response::Imported(json)) => {
                        match serde_json::from_str::<ImportResult>(&json) {
                            Ok(one) => result.extend(one),
                            Err(e) => result.files.push(failed(
                                &name,
                                &format!("the worker's answer was unreadable ({e})"),
                            )),
                        }
                    }
                    Ok(Response::Html(_)) => {}
                    Err(e) if current() => result.files.push(failed(&name, &e)),
                    Err(_) => return,
                },
                Err(e) => result.files.push(failed(&name, &e)),
            }
            progress.files_done += 1;
            progress.bytes_done += size;
            if current() {
                state.progress.set(Some(progress.clone()));
            }
        }
        if !current() {
            return;
        }
        RUNNING.with(|r| r.borrow_mut().take());
        let files = result.files.len();
        let rejected = result
            .files
            .iter()
            .filter(|f| f.status == crate::domain::import::Status::Rejected)
            .count();
        let found = result.incidents.len();
        let updated = state.add_import(result);
        state.progress.set(None);
        let again = if updated > 0 {
            format!(" ({updated} already imported, updated)")
        } else {
            String::new()
        };
        state.notice.set(Some(format!(
            "Read {}: {} found{again}{}.",
            plural(files, "file"),
            plural(found, "incident"),
            if rejected > 0 {
                format!(", {} rejected (see the report)", plural(rejected, "file"))
            } else {
                String::new()
            }
        )));
    });
}

fn failed(name: &str, reason: &str) -> crate::domain::import::FileReport {
    crate::domain::import::FileReport {
        path: name.to_string(),
        format: "unknown".into(),
        status: crate::domain::import::Status::Rejected,
        incidents: 0,
        messages: vec![reason.to_string()],
    }
}

/// Cancels the running import, if any: nothing from it is added.
pub fn cancel(state: AppState) {
    let running = RUNNING.with(|r| r.borrow_mut().take()).is_some();
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
    if running {
        state.progress.set(None);
        state
            .notice
            .set(Some("Import cancelled: nothing was added.".into()));
    }
}
