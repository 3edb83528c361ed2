//! The app's shared state: one `Copy` struct of signals, provided through context.
//!
//! The imported incidents are kept as read; the user's corrections are a separate layer
//! (`edits`), and `incidents` — what every view shows — is a memo of one applied to the other.

use crate::domain::edits::Edits;
use crate::domain::export::Saved;
use crate::domain::import::{FileReport, ImportResult};
use crate::domain::model::Incident;
use chrono::NaiveDate;
use leptos::prelude::*;

/// Where the incidents on screen came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// Nothing loaded yet.
    Empty,
    /// The embedded demo archive.
    Demo,
    /// The archive a publisher built into this site (`AFTERMATH_ARCHIVE` at build time).
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
    pub imported: RwSignal<Vec<Incident>>,
    /// The user's corrections.
    pub edits: RwSignal<Edits>,
    /// What the views show: `edits` applied to `imported`.
    pub incidents: Memo<Vec<Incident>>,
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
}

impl AppState {
    pub fn new(today: NaiveDate) -> Self {
        let imported = RwSignal::new(Vec::<Incident>::new());
        let edits = RwSignal::new(Edits::default());
        let incidents = Memo::new(move |_| {
            edits.with(|e| {
                imported.with(|all| {
                    if e.is_empty() {
                        all.clone()
                    } else {
                        e.apply(all)
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
        }
    }

    /// Adds an import's result: it replaces the demo or published archive, and merges with the
    /// user's earlier imports (duplicates by id merge: the new version replaces the old one).
    /// Saved in the browser. Returns how many of the new incidents were already imported.
    pub fn add_import(&self, result: ImportResult) -> usize {
        // The demo and a published archive are replaced, never mixed with the visitor's files.
        let replace = self.source.get_untracked() != DataSource::User;
        let mut merged = ImportResult::default();
        if !replace {
            merged.incidents = self.imported.get_untracked();
            merged.files = self.files.get_untracked();
        } else {
            self.edits.set(Edits::default());
        }
        let known: std::collections::BTreeSet<&str> =
            merged.incidents.iter().map(|i| i.id.as_str()).collect();
        let mut seen = std::collections::BTreeSet::new();
        let updated = result
            .incidents
            .iter()
            .filter(|i| known.contains(i.id.as_str()) && seen.insert(i.id.as_str()))
            .count();
        drop(known);
        merged.extend(result);
        merged.dedup();
        self.imported.set(merged.incidents);
        self.files.set(merged.files);
        self.source.set(DataSource::User);
        self.save(true);
        updated
    }

    /// Changes the edits and saves them.
    pub fn edit(&self, change: impl FnOnce(&mut Edits)) {
        self.edits.update(change);
        self.save(false);
    }

    /// Removes one file's incidents (and, for a zip, every file inside it) and its report row.
    pub fn remove_file(&self, path: &str) {
        let inside = format!("{path}!/");
        let from_file = |f: &str| f == path || f.starts_with(&inside);
        self.imported
            .update(|all| all.retain(|i| !from_file(&i.source.file)));
        self.files
            .update(|files| files.retain(|f| !from_file(&f.path)));
        self.save(true);
    }

    /// Forgets everything the user imported and edited, here and in storage.
    pub fn clear(&self) {
        self.imported.set(Vec::new());
        self.edits.set(Edits::default());
        self.files.set(Vec::new());
        self.source.set(DataSource::Empty);
        let state = *self;
        leptos::task::spawn_local(async move {
            match crate::web::store::clear().await {
                Ok(()) => state.storage_error.set(None),
                Err(e) => state.storage_error.set(Some(format!(
                    "The saved data could not be deleted from this browser: {e}."
                ))),
            }
        });
    }

    /// Saves the user's edits and, with `imports`, the imported incidents too (the demo and a
    /// published archive are never saved).
    pub fn save(&self, imports: bool) {
        use crate::web::store::{EDITS, IMPORTS};
        if self.source.get_untracked() != DataSource::User {
            return;
        }
        let imports_json = imports.then(|| {
            self.imported
                .with_untracked(|i| self.files.with_untracked(|f| Saved::imports_json(i, f)))
        });
        let edits_json = self.edits.with_untracked(Saved::edits_json);
        let state = *self;
        leptos::task::spawn_local(async move {
            let mut done = Ok(());
            if let Some(json) = imports_json {
                done = crate::web::store::save(IMPORTS, &json).await;
            }
            if done.is_ok() {
                done = crate::web::store::save(EDITS, &edits_json).await;
            }
            match done {
                Ok(()) => state.storage_error.set(None),
                Err(e) => state.storage_error.set(Some(format!(
                    "Your data could not be saved in this browser: {e}. It stays here until this tab closes; export an archive to keep it."
                ))),
            }
        });
    }

    /// Restores saved data; `false` when there was none (or it could not be read: then the
    /// error is shown and the stored data is left as it is).
    pub async fn restore(&self) -> bool {
        use crate::web::store::{load, EDITS, IMPORTS};
        let loaded = match load(IMPORTS).await {
            Ok(Some(imports)) => load(EDITS).await.map(|edits| Some((imports, edits))),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        match loaded {
            Ok(Some((imports, edits))) => match Saved::from_parts(&imports, edits.as_deref()) {
                Ok(saved) if !saved.incidents.is_empty() || !saved.files.is_empty() => {
                    self.imported.set(saved.incidents);
                    self.files.set(saved.files);
                    self.edits.set(saved.edits);
                    self.source.set(DataSource::User);
                    true
                }
                Ok(_) => false,
                Err(e) => {
                    self.storage_error
                        .set(Some(format!("Your saved data could not be restored: {e}.")));
                    false
                }
            },
            Ok(None) => false,
            Err(e) => {
                self.storage_error.set(Some(format!(
                    "This browser's storage is not available: {e}. Imports will last until the tab closes."
                )));
                false
            }
        }
    }
}

/// The state from context (provided by `App`).
pub fn use_state() -> AppState {
    use_context::<AppState>().unwrap_or_else(|| AppState::new(crate::web::today()))
}
