//! Helpers shared by the native integration tests (included with `mod common;`).
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use aftermath::domain::import::{import_file, ImportOptions, ImportResult};
use aftermath::domain::model::Incident;
use std::path::PathBuf;

/// The fixed "today" every test uses, so year inference is reproducible.
pub fn opts() -> ImportOptions {
    ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
}

pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Imports one fixture file by its path relative to `tests/fixtures`.
pub fn import(rel: &str) -> ImportResult {
    let bytes = std::fs::read(fixture(rel)).unwrap();
    import_file(rel, &bytes, &opts())
}

/// The only incident of a one-incident file.
pub fn one(rel: &str) -> Incident {
    let r = import(rel);
    assert_eq!(r.incidents.len(), 1, "{rel}: {:?}", r.files);
    r.incidents.into_iter().next().unwrap()
}

pub fn ts(s: &Option<aftermath::domain::stamp::Stamp>) -> Option<String> {
    s.map(|s| s.to_string())
}

pub fn ttr(inc: &Incident) -> Option<i64> {
    aftermath::domain::metrics::durations(inc, &Default::default()).ttr_secs
}
