//! The app's shared state: one `Copy` struct of signals, provided through context.

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
    /// Files the user imported.
    User,
}

/// Shared state of the app.
#[derive(Clone, Copy)]
pub struct AppState {
    pub incidents: RwSignal<Vec<Incident>>,
    pub files: RwSignal<Vec<FileReport>>,
    pub source: RwSignal<DataSource>,
    /// A loading or import error to show, in words.
    pub error: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
    /// The browser's today, read once at start.
    pub today: NaiveDate,
}

impl AppState {
    pub fn new(today: NaiveDate) -> Self {
        AppState {
            incidents: RwSignal::new(Vec::new()),
            files: RwSignal::new(Vec::new()),
            source: RwSignal::new(DataSource::Empty),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            today,
        }
    }

    /// Replaces the demo (or adds to the user's data) with an import's result; duplicates by id merge.
    pub fn add_import(&self, result: ImportResult) {
        // The demo and a published archive are replaced, never mixed with the visitor's files.
        let from_demo = matches!(
            self.source.get_untracked(),
            DataSource::Demo | DataSource::Published
        );
        let mut merged = ImportResult::default();
        if !from_demo {
            merged.incidents = self.incidents.get_untracked();
            merged.files = self.files.get_untracked();
        }
        merged.extend(result);
        merged.dedup();
        self.incidents.set(merged.incidents);
        self.files.set(merged.files);
        self.source.set(DataSource::User);
    }
}

/// The state from context (provided by `App`).
pub fn use_state() -> AppState {
    use_context::<AppState>().unwrap_or_else(|| AppState::new(crate::web::today()))
}
