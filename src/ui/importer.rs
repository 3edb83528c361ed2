//! Runs an import from any way in (drop, picker, paste, URL) in the import worker: the files
//! go to the worker as handles (it reads, parses and saves them), progress comes back as it
//! reads, the result comes back encoded and is decoded between frames; cancel terminates the
//! worker at once.

use super::state::{AppState, Progress};
use crate::domain::codec::Decoder;
use crate::domain::import::{ImportResult, Status};
use crate::render::format::plural;
use crate::web::worker::{self, next_frame, Client};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub use crate::web::worker::Item as Input;

/// Incidents decoded between two looks at the clock.
const STEP: usize = 250;
/// Main-thread work per frame while decoding, in milliseconds (a frame at 60 Hz is 16.7).
const BUDGET_MS: f64 = 12.0;

thread_local! {
    /// The running import's worker; taking it out cancels the import.
    static RUNNING: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// Bumped by every start and cancel, so a stale import stops.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// Decodes an encoded result in slices of about [`BUDGET_MS`], a frame apart, so that the
/// page keeps drawing while a large import arrives.
async fn decode(bytes: &[u8], current: impl Fn() -> bool) -> Result<Option<ImportResult>, String> {
    let (mut decoder, files) = Decoder::new(bytes)?;
    let mut incidents = Vec::with_capacity(decoder.remaining());
    let mut began = js_sys::Date::now();
    while decoder.remaining() > 0 {
        incidents.extend(decoder.next_slice(STEP)?);
        if decoder.remaining() > 0 && js_sys::Date::now() - began > BUDGET_MS {
            next_frame().await;
            if !current() {
                return Ok(None);
            }
            began = js_sys::Date::now();
        }
    }
    Ok(Some(ImportResult { files, incidents }))
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
    let client = match worker::import_worker() {
        Ok(c) => c,
        Err(e) => {
            state
                .error
                .set(Some(format!("The import could not start: {e}")));
            return;
        }
    };
    RUNNING.with(|r| *r.borrow_mut() = Some(client.clone()));
    // The worker tells the sizes (asking a picked folder's files for theirs here would hold
    // the page up).
    let start = Progress {
        files_total: items.len(),
        current: items.first().map(|(n, _)| n.clone()).unwrap_or_default(),
        ..Progress::default()
    };
    state.progress.set(Some(start.clone()));
    state.notice.set(None);
    state.error.set(None);
    let current = move || GENERATION.with(Cell::get) == mine;
    leptos::task::spawn_local(async move {
        // Not before the saved data is restored: until then the next batch number is unknown
        // (a save could overwrite a saved import), and the restore would replace this import.
        while !state.restored.get_value() {
            next_frame().await;
            if !current() {
                return;
            }
        }
        let seq = state.take_batch_number();
        let on_progress = {
            let start = start.clone();
            move |p: worker::Progress| {
                if current() {
                    state.progress.set(Some(Progress {
                        files_done: p.index,
                        bytes_done: p.done as u64,
                        bytes_total: p.total as u64,
                        current: p.name,
                        ..start.clone()
                    }));
                }
            }
        };
        let saver = client.clone();
        // Counted until the worker says the batch is written, or the worker is stopped.
        let added = Rc::new(Cell::new(false));
        let batch = BatchSave {
            _writing: state.writing(),
            added: added.clone(),
            answered: false,
            state,
        };
        let on_saved = move |done: Result<(), String>| {
            let mut batch = batch;
            batch.answered = true;
            // The worker's last word for this import: it can go.
            saver.terminate();
            state.saved(done);
        };
        let answer = client
            .import(items, seq, state.today, on_progress, on_saved)
            .await;
        if !current() {
            return;
        }
        let decoded = match answer {
            Ok(bytes) => decode(&bytes, current).await,
            Err(e) => Err(e),
        };
        if !current() {
            return;
        }
        RUNNING.with(|r| r.borrow_mut().take());
        state.progress.set(None);
        let result = match decoded {
            Ok(Some(result)) => result,
            Ok(None) => return,
            Err(e) => {
                client.terminate();
                state
                    .error
                    .set(Some(format!("The import failed: {e}. Nothing was added.")));
                return;
            }
        };
        let files = result.files.len();
        let rejected = result
            .files
            .iter()
            .filter(|f| f.status == Status::Rejected)
            .count();
        let found = result.incidents.len();
        let warned = result
            .files
            .iter()
            .filter(|f| f.status == Status::Warnings)
            .count();
        let updated = state.add_import(result);
        added.set(true);
        if seq == 0 {
            // Saving is off in this tab: the import lives in this tab only.
            state.unsaved.set(true);
        }
        let again = if updated > 0 {
            format!(" ({updated} already imported, updated)")
        } else {
            String::new()
        };
        let mut problems = Vec::new();
        if warned > 0 {
            problems.push(format!("{} with warnings", plural(warned, "file")));
        }
        if rejected > 0 {
            problems.push(format!("{} rejected", plural(rejected, "file")));
        }
        state.notice.set(Some(format!(
            "Read {}: {} found{again}{}.",
            plural(files, "file"),
            plural(found, "incident"),
            if problems.is_empty() {
                String::new()
            } else {
                format!(", {} (see the report)", problems.join(", "))
            }
        )));
    });
}

/// Cancels the running import, if any: the worker stops at once and nothing is added.
pub fn cancel(state: AppState) {
    let running = RUNNING.with(|r| r.borrow_mut().take());
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
    if let Some(client) = running {
        client.terminate();
        state.progress.set(None);
        state
            .notice
            .set(Some("Import cancelled: nothing was added.".into()));
    }
}

/// An import's batch until the worker says it is written: counted as a write under way; when
/// its result was added to the page but the worker never answered (it failed, or was
/// stopped), the tab holds something unsaved.
struct BatchSave {
    _writing: super::state::Writing,
    added: Rc<Cell<bool>>,
    answered: bool,
    state: AppState,
}

impl Drop for BatchSave {
    fn drop(&mut self) {
        if self.added.get() && !self.answered {
            self.state.unsaved.set(true);
        }
    }
}
