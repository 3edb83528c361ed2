//! The committed demo archive is exactly what the generator writes (regenerate with
//! `cargo run --example make_demo > public/demo/archive.json` and
//! `cargo run --example make_demo -- --bin > public/demo/archive.bin`).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use aftermath::domain::demo::demo_archive;
use aftermath::domain::import::{read_archive, to_archive_json, ImportResult};

#[test]
fn committed_demo_matches_generator() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/demo/archive.json");
    let committed = std::fs::read_to_string(path).unwrap();
    let generated = to_archive_json(
        &demo_archive(),
        Some("Aftermath demo archive (made-up data)"),
    );
    assert_eq!(
        committed.trim_end(),
        generated,
        "run: cargo run --example make_demo > public/demo/archive.json"
    );
    let archive = read_archive(committed.as_bytes()).unwrap();
    assert_eq!(archive.incidents.len(), 300);
    // What the page opens: the same incidents in the binary form.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/demo/archive.bin");
    let bin = std::fs::read(path).unwrap();
    assert_eq!(
        bin,
        aftermath::domain::codec::encode(&ImportResult {
            incidents: demo_archive(),
            ..ImportResult::default()
        }),
        "run: cargo run --example make_demo -- --bin > public/demo/archive.bin"
    );
    assert_eq!(
        aftermath::domain::codec::decode(&bin).unwrap().incidents,
        archive.incidents
    );
}
