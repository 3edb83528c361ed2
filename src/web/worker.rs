//! The import Web Worker: files go in as bytes, progress events and one result come out.
//!
//! Parsing every format links all importers (YAML, TOML, CSV, zip, prose); keeping them in the
//! worker keeps the first page load small and the tab responsive during a large import.
//! Messages cross the worker boundary with gloo-worker's bincode codec, so the result travels
//! as JSON text (the model's optional fields are not bincode-friendly).

use crate::domain::import::{import_file, ImportOptions, ImportResult};
use chrono::NaiveDate;
use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

/// One import job: the files and "today" for year inference.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImportJob {
    pub files: Vec<(String, Vec<u8>)>,
    /// `YYYY-MM-DD`.
    pub reference_date: String,
}

/// What the worker reports.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ImportEvent {
    /// After each file.
    Progress {
        files_done: u32,
        files_total: u32,
        bytes_done: u64,
        bytes_total: u64,
        current: String,
    },
    /// The whole result, as the JSON of an `ImportResult`.
    Done(String),
}

/// The worker.
pub struct ImportWorker;

impl Worker for ImportWorker {
    type Message = ();
    type Input = ImportJob;
    type Output = ImportEvent;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        ImportWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, job: Self::Input, id: HandlerId) {
        let reference =
            NaiveDate::parse_from_str(&job.reference_date, "%Y-%m-%d").unwrap_or_default();
        let opts = ImportOptions::new(reference);
        let files_total = u32::try_from(job.files.len()).unwrap_or(u32::MAX);
        let bytes_total: u64 = job.files.iter().map(|(_, b)| b.len() as u64).sum();
        let mut bytes_done = 0u64;
        let mut result = ImportResult::default();
        for (i, (name, bytes)) in job.files.iter().enumerate() {
            result.extend(import_file(name, bytes, &opts));
            bytes_done += bytes.len() as u64;
            scope.respond(
                id,
                ImportEvent::Progress {
                    files_done: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    files_total,
                    bytes_done,
                    bytes_total,
                    current: name.clone(),
                },
            );
        }
        let json = serde_json::to_string(&result)
            .unwrap_or_else(|_| "{\"files\":[],\"incidents\":[]}".into());
        scope.respond(id, ImportEvent::Done(json));
    }
}
