//! Any bytes, any claimed file name: the importer must return a report, never panic.
#![no_main]
use aftermath::domain::import::{import_file, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(today) = chrono::NaiveDate::from_ymd_opt(2026, 11, 21) else { return };
    let opts = ImportOptions::new(today);
    for name in ["x.md", "x.json", "x.csv", "x.zip", "x.txt"] {
        let r = import_file(name, data, &opts);
        assert!(!r.files.is_empty());
    }
});
