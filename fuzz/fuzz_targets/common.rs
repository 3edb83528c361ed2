//! Shared by the fuzz targets: import options with limits scaled down, so that each run is
//! quick and libFuzzer reaches thousands of executions per second.
use aftermath::domain::import::{ImportOptions, Limits};

pub fn opts() -> ImportOptions {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    ImportOptions {
        limits: Limits {
            max_file_bytes: 1 << 20,
            max_zip_entries: 64,
            max_zip_total_bytes: 4 << 20,
            max_zip_depth: 2,
        },
        ..ImportOptions::new(today)
    }
}

/// Imports and checks the one invariant every importer keeps: a report row per file.
pub fn import(name: &str, bytes: &[u8]) {
    let r = aftermath::domain::import::import_file(name, bytes, &opts());
    assert!(!r.files.is_empty());
}
