//! The app's shared state: one `Copy` struct of signals, provided through context.
//!
//! The imported incidents are kept as read; the user's corrections are a separate layer
//! (`edits`), and `incidents` — what every view shows — is a memo of one applied to the other.

use crate::domain::codec;
use crate::domain::edits::Edits;
use crate::domain::export::{merge_batches, Removal, SavedPart};
use crate::domain::import::{FileReport, ImportResult};
use crate::domain::model::Incident;
use crate::web::store::Stored;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::sync::Arc;

/// A list of incidents shared without copying: the memo of what the views show holds the
/// same list as the imports when there are no edits. Two lists are equal when they are the
/// same list (a memo compares by pointer, not 100,000 incidents).
#[derive(Clone, Debug, Default)]
pub struct Incidents(Arc<Vec<Incident>>);

impl Incidents {
    pub fn new(list: Vec<Incident>) -> Self {
        Incidents(Arc::new(list))
    }

    /// The list, to change: copied only when shared.
    pub fn make_mut(&mut self) -> &mut Vec<Incident> {
        Arc::make_mut(&mut self.0)
    }
}

impl std::ops::Deref for Incidents {
    type Target = Vec<Incident>;
    fn deref(&self) -> &Vec<Incident> {
        &self.0
    }
}

impl PartialEq for Incidents {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Where the incidents on screen came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// Nothing loaded yet.
    Empty,
    /// The embedded demo archive.
    Demo,
    /// The archive of a published site (`aftermath publish`).
    Published,
    /// Files the user imported (saved in this browser).
    User,
}

/// Progress of a running import, as the progress bar shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub current: String,
}

/// Shared state of the app.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Incidents as imported (never edited in place).
    pub imported: RwSignal<Incidents>,
    /// The user's corrections.
    pub edits: RwSignal<Edits>,
    /// What the views show: `edits` applied to `imported`.
    pub incidents: Memo<Incidents>,
    pub files: RwSignal<Vec<FileReport>>,
    pub source: RwSignal<DataSource>,
    /// A loading or import error to show, in words.
    pub error: RwSignal<Option<String>>,
    /// A storage problem (quota, private mode): shown until the next successful save.
    pub storage_error: RwSignal<Option<String>>,
    /// A short confirmation ("Imported 12 incidents from 3 files").
    pub notice: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
    pub progress: RwSignal<Option<Progress>>,
    /// The browser's today, read once at start.
    pub today: NaiveDate,
    /// The number the next import batch is saved under (batches are saved in order).
    pub next_batch: StoredValue<u64>,
    /// Files removed from earlier batches.
    pub removals: StoredValue<Vec<Removal>>,
    /// What stays said about storage after a successful save: saved data that could not be
    /// restored. None when all is well.
    pub storage_note: StoredValue<Option<String>>,
    /// Nothing is written in this tab (edits, removals, import batches): set when the saved
    /// data could not be listed or its edits and removals could not be read, so that nothing
    /// there is overwritten.
    pub saving_off: StoredValue<bool>,
    /// The saved data was restored (or found missing or unreadable): imports wait for it.
    pub restored: StoredValue<bool>,
    /// Writes to storage under way (see [`AppState::writing`]): loading the page again now
    /// would cut them.
    pub writes: RwSignal<u32>,
    /// Something of this tab's is not saved (saving is off, or a save failed): loading the page
    /// again would lose it.
    pub unsaved: RwSignal<bool>,
}

/// A write to storage under way, counted in [`AppState::writes`] until it is dropped (when the
/// write ends, or when whatever waited for it is gone, e.g. a stopped worker).
pub struct Writing(AppState);

impl Drop for Writing {
    fn drop(&mut self) {
        self.0.writes.update(|n| *n = n.saturating_sub(1));
    }
}

impl AppState {
    pub fn new(today: NaiveDate) -> Self {
        let imported = RwSignal::new(Incidents::default());
        let edits = RwSignal::new(Edits::default());
        let incidents = Memo::new(move |_| {
            edits.with(|e| {
                imported.with(|all| {
                    if e.is_empty() {
                        all.clone()
                    } else {
                        Incidents::new(e.apply(all))
                    }
                })
            })
        });
        AppState {
            imported,
            edits,
            incidents,
            files: RwSignal::new(Vec::new()),
            source: RwSignal::new(DataSource::Empty),
            error: RwSignal::new(None),
            storage_error: RwSignal::new(None),
            notice: RwSignal::new(None),
            loading: RwSignal::new(false),
            progress: RwSignal::new(None),
            today,
            next_batch: StoredValue::new(1),
            removals: StoredValue::new(Vec::new()),
            storage_note: StoredValue::new(None),
            saving_off: StoredValue::new(false),
            restored: StoredValue::new(false),
            writes: RwSignal::new(0),
            unsaved: RwSignal::new(false),
        }
    }

    /// The number for a new import batch; 0 (the worker saves nothing) when saving is off.
    pub fn take_batch_number(&self) -> u64 {
        if self.saving_off.get_value() {
            return 0;
        }
        let n = self.next_batch.get_value();
        self.next_batch.set_value(n + 1);
        n
    }

    /// Adds an import's result: it replaces the demo or published archive, and merges with the
    /// user's earlier imports (duplicates by id merge: the new version replaces the old one).
    /// The import worker has saved it already. Returns how many of the new incidents were
    /// already imported.
    pub fn add_import(&self, result: ImportResult) -> usize {
        // The demo and a published archive are replaced, never mixed with the visitor's files.
        let replace = self.source.get_untracked() != DataSource::User;
        if replace {
            self.edits.set(Edits::default());
            let mut fresh = result;
            fresh.dedup();
            self.imported.set(Incidents::new(fresh.incidents));
            self.files.set(fresh.files);
            self.source.set(DataSource::User);
            self.save_edits();
            return 0;
        }
        let mut updated = 0;
        self.imported.update(|all| {
            let known: rustc_hash::FxHashSet<&str> = all.iter().map(|i| i.id.as_str()).collect();
            let mut seen = rustc_hash::FxHashSet::default();
            updated = result
                .incidents
                .iter()
                .filter(|i| known.contains(i.id.as_str()) && seen.insert(i.id.as_str()))
                .count();
            drop(known);
            let list = all.make_mut();
            let mut merged = ImportResult {
                files: Vec::new(),
                incidents: std::mem::take(list),
            };
            merged.extend(ImportResult {
                files: Vec::new(),
                incidents: result.incidents,
            });
            merged.dedup();
            *list = merged.incidents;
        });
        let paths: rustc_hash::FxHashSet<String> =
            result.files.iter().map(|f| f.path.clone()).collect();
        self.files.update(|files| {
            files.retain(|f| !paths.contains(&f.path));
            files.extend(result.files);
        });
        updated
    }

    /// Changes the edits and saves them.
    pub fn edit(&self, change: impl FnOnce(&mut Edits)) {
        self.edits.update(change);
        self.save_edits();
    }

    /// Removes one file's incidents (and, for a zip, every file inside it) and its report row.
    pub fn remove_file(&self, path: &str) {
        let removal = Removal {
            path: path.to_string(),
            before: self.next_batch.get_value(),
        };
        self.imported.update(|all| {
            all.make_mut().retain(|i| !removal.drops(0, &i.source.file));
        });
        self.files
            .update(|files| files.retain(|f| !removal.drops(0, &f.path)));
        self.removals.update_value(|r| r.push(removal));
        self.save_removals();
    }

    /// Saves the list of removed files (unless saving is off in this tab).
    fn save_removals(&self) {
        if self.saving_off.get_value() {
            return;
        }
        let bytes = self.removals.with_value(|r| codec::encode_removals(r));
        let state = *self;
        let writing = self.writing();
        leptos::task::spawn_local(async move {
            state.saved(crate::web::store::save(crate::web::store::REMOVALS, &bytes).await);
            drop(writing);
        });
    }

    /// Forgets everything the user imported and edited, here and in storage.
    pub fn clear(&self) {
        self.imported.set(Incidents::default());
        self.edits.set(Edits::default());
        self.files.set(Vec::new());
        self.source.set(DataSource::Empty);
        self.removals.set_value(Vec::new());
        let state = *self;
        let writing = self.writing();
        leptos::task::spawn_local(async move {
            let _writing = writing;
            match crate::web::store::clear().await {
                Ok(()) => {
                    // What could not be restored is gone too: saving works again.
                    state.saving_off.set_value(false);
                    state.storage_note.set_value(None);
                    state.storage_error.set(None);
                    state
                        .notice
                        .set(Some("Everything was cleared from this browser.".into()));
                }
                Err(e) => state.storage_error.set(Some(format!(
                    "The saved data could not be deleted from this browser: {e}."
                ))),
            }
        });
    }

    /// Counts a write to storage until the returned guard is dropped.
    pub fn writing(&self) -> Writing {
        self.writes.update(|n| *n += 1);
        Writing(*self)
    }

    /// Notes how a save went: a failure stays on screen until a save succeeds (what could not
    /// be restored stays said).
    pub fn saved(&self, done: Result<(), String>) {
        match done {
            Ok(()) => self.storage_error.set(self.storage_note.get_value()),
            Err(e) => {
                self.unsaved.set(true);
                self.storage_error.set(Some(format!(
                    "Your data could not be saved in this browser: {e}. It stays here until this tab closes; export an archive to keep it."
                )))
            }
        }
    }

    /// Saves the user's edits (imports are saved by the import worker, batch by batch; the
    /// demo and a published archive are never saved).
    pub fn save_edits(&self) {
        if self.source.get_untracked() != DataSource::User || self.saving_off.get_value() {
            return;
        }
        let bytes = self.edits.with_untracked(codec::encode_edits);
        let state = *self;
        let writing = self.writing();
        leptos::task::spawn_local(async move {
            state.saved(crate::web::store::save(crate::web::store::EDITS, &bytes).await);
            drop(writing);
        });
    }

    /// Restores saved data; `false` when there is nothing of the visitor's to show or to keep
    /// (none saved, or none readable and no edits or removals: the demo or published archive
    /// opens). What could not be read is said and left as it is.
    pub async fn restore(&self) -> bool {
        let restored = self.restore_saved().await;
        self.restored.set_value(true);
        restored
    }

    async fn restore_saved(&self) -> bool {
        let (loaded, next) = load_saved().await;
        // Even when a saved import cannot be read, new imports are numbered after it, so that
        // they never overwrite it; when the saved imports cannot even be listed, or the edits
        // and removals cannot be read, nothing is saved in this tab.
        match next {
            Some(n) => self.next_batch.set_value(n),
            None => self.saving_off.set_value(true),
        }
        let note = |text: String| {
            self.storage_note.set_value(Some(text.clone()));
            self.storage_error.set(Some(text));
        };
        match loaded {
            Ok(Some(Loaded {
                batches,
                removals,
                edits,
                unread,
                converted,
                imports,
            })) => {
                let merged = merge_batches(batches, &removals);
                let nothing = merged.incidents.is_empty() && merged.files.is_empty();
                if !unread.is_empty() {
                    note(if nothing {
                        format!(
                            "Your saved imports could not be restored: {}. They were left as they are; what you import now is saved apart from them.",
                            unread.join(", ")
                        )
                    } else {
                        format!(
                            "Part of your saved data could not be restored: {}. It was left as it is; everything else is here, and what you import now is saved apart from it.",
                            unread.join(", ")
                        )
                    });
                }
                if nothing && edits.is_empty() && removals.is_empty() {
                    // Nothing to show or keep (every saved file removed, or none readable):
                    // the app opens as the first time; new imports are numbered after the
                    // saved ones, so an unreadable one stays as it is.
                    self.removals.set_value(removals);
                    return false;
                }
                // The visitor's own data, even when none of it could be read: their edits and
                // removals stay theirs, and a new import is added to them, never replacing
                // (and so never overwriting) what is saved.
                self.removals.set_value(removals);
                self.imported.set(Incidents::new(merged.incidents));
                self.files.set(merged.files);
                self.edits.set(edits);
                self.source.set(DataSource::User);
                if converted {
                    self.save_edits();
                    self.save_removals();
                }
                if let Some(bytes) = imports.filter(|_| !self.saving_off.get_value()) {
                    let state = *self;
                    let writing = self.writing();
                    leptos::task::spawn_local(async move {
                        state.saved(
                            crate::web::store::save(crate::web::store::IMPORTS, &bytes).await,
                        );
                        drop(writing);
                    });
                }
                true
            }
            Ok(None) => false,
            Err(e) => {
                self.saving_off.set_value(true);
                note(e);
                false
            }
        }
    }
}

/// What the browser saved.
struct Loaded {
    /// The import batches (the record of an earlier version, `imports`, read as the first).
    batches: Vec<(u64, ImportResult)>,
    removals: Vec<Removal>,
    edits: Edits,
    /// The batches that could not be read.
    unread: Vec<String>,
    /// Whether the edits or removals were saved as JSON by an earlier version (they are then
    /// saved again in this version's form).
    converted: bool,
    /// The `imports` record of an earlier version, converted and read: saved back in this
    /// version's form, so that it is converted once.
    imports: Option<Vec<u8>>,
}

/// The saved data, and the number the next import batch takes (after every saved one, read or
/// not; none when the saved batches could not be listed).
async fn load_saved() -> (Result<Option<Loaded>, String>, Option<u64>) {
    let stored = crate::web::store::load_batches().await;
    let next = stored
        .as_ref()
        .ok()
        .map(|b| b.iter().map(|(seq, _)| seq + 1).max().unwrap_or(1));
    (read_saved(stored).await, next)
}

async fn read_saved(
    stored: Result<Vec<crate::web::store::StoredBatch>, String>,
) -> Result<Option<Loaded>, String> {
    use crate::web::store::{load, EDITS, IMPORTS, REMOVALS};
    let unavailable = |e: String| {
        format!(
            "This browser's storage is not available: {e}. Imports will last until the tab closes; export an archive to keep them."
        )
    };
    let unreadable = |e: String| {
        format!(
            "Your saved data could not be restored: {e}. It was left as it is, and nothing is saved in this tab so that it stays so: export an archive to keep what you import."
        )
    };
    let stored = stored.map_err(unavailable)?;
    let legacy = load(IMPORTS).await.map_err(unavailable)?;
    if legacy.is_none() && stored.is_empty() {
        return Ok(None);
    }
    // A part saved by this version or converted from an earlier one's JSON, or none saved.
    let part = |key: &'static str, part: SavedPart| async move {
        match load(key).await.map_err(unavailable)? {
            Some(record) => bytes_of(record, part).await.map(Some).map_err(unreadable),
            None => Ok(None),
        }
    };
    let edits = part(EDITS, SavedPart::Edits).await?;
    let removals = part(REMOVALS, SavedPart::Removals).await?;
    let converted = [&edits, &removals]
        .iter()
        .any(|p| p.as_ref().is_some_and(|(_, from_json)| *from_json));
    let edits = match edits {
        Some((bytes, _)) => codec::decode_edits(&bytes)
            .map_err(|e| unreadable(format!("the saved edits are unreadable ({e})")))?,
        None => Edits::default(),
    };
    let removals = match removals {
        Some((bytes, _)) => codec::decode_removals(&bytes)
            .map_err(|e| unreadable(format!("the list of removed files is unreadable ({e})")))?,
        None => Vec::new(),
    };
    let mut batches = Vec::with_capacity(stored.len() + 1);
    // An unreadable batch is left where it is and named; the others are restored.
    let mut unread = Vec::new();
    let mut imports = None;
    if let Some(record) = legacy {
        let read = match bytes_of(record, SavedPart::Imports).await {
            Ok((bytes, from_json)) => {
                codec::decode(&bytes).map(|r| (r, from_json.then_some(bytes)))
            }
            Err(e) => Err(e),
        };
        match read {
            Ok((result, converted)) => {
                batches.push((0, result));
                imports = converted;
            }
            Err(e) => unread.push(format!("the import saved by an earlier version ({e})")),
        }
    }
    for (seq, bytes) in stored {
        match bytes.and_then(|b| crate::domain::codec::decode(&b).map_err(|e| e.to_string())) {
            Ok(result) => batches.push((seq, result)),
            Err(e) => unread.push(format!("import {seq} ({e})")),
        }
    }
    Ok(Some(Loaded {
        batches,
        removals,
        edits,
        unread,
        converted,
        imports,
    }))
}

/// A record as bytes in this version's form, and whether it was converted from the JSON an
/// earlier version saved (in a worker: the page reads no JSON).
async fn bytes_of(record: Stored, part: SavedPart) -> Result<(Vec<u8>, bool), String> {
    match record {
        Stored::Bytes(bytes) => Ok((bytes, false)),
        Stored::Text(text) => crate::web::worker::convert_saved_json(part, text)
            .await
            .map(|bytes| (bytes, true)),
    }
}

/// The state from context (provided by `App`).
pub fn use_state() -> AppState {
    use_context::<AppState>().unwrap_or_else(|| AppState::new(crate::web::today()))
}
