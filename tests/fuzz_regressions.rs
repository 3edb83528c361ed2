//! Inputs the fuzzers found (or that stand for what they look for), kept as regression tests:
//! every file in `tests/fixtures/fuzz/` is imported under each name a fuzz target uses, and
//! must give a report row, never a panic. `scripts/fuzz.sh` writes new crash inputs to
//! `fuzz/artifacts/`; once fixed, copy each here.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use aftermath::domain::import::{import_file, ImportOptions};

#[test]
fn every_kept_fuzz_input_imports_without_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 2,
        "the regression inputs are in {}",
        dir.display()
    );
    let opts = ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
    for path in inputs {
        let bytes = std::fs::read(&path).unwrap();
        for name in ["x.md", "x.json", "x.csv", "x.zip", "x.txt"] {
            let r = import_file(name, &bytes, &opts);
            assert!(!r.files.is_empty(), "{} as {name}", path.display());
        }
    }
}
