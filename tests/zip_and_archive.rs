//! Zip bundles (nested folders, skipped entries, a failing member, a bomb) and the native
//! archive's lossless round trip.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use aftermath::domain::import::{import_file, to_archive_json, Limits, Status};
use common::*;
use std::io::Write;

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn zip_reads_nested_files_and_skips_junk() {
    let md = std::fs::read(fixture("cstate/2024-03-05-queue-stall.md")).unwrap();
    let pd = std::fs::read(fixture("pagerduty/incidents.json")).unwrap();
    let bytes = zip_of(&[
        ("export/status/queue.md", &md),
        ("export/pd/incidents.json", &pd),
        ("export/broken.json", b"{\"incidents\": ["),
        ("__MACOSX/export/._queue.md", b"junk"),
        ("export/.DS_Store", b"junk"),
    ]);
    let r = import_file("bundle.zip", &bytes, &opts());
    let paths: Vec<&str> = r.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "bundle.zip!/export/broken.json",
            "bundle.zip!/export/pd/incidents.json",
            "bundle.zip!/export/status/queue.md"
        ]
    );
    assert_eq!(
        r.files[0].status,
        Status::Rejected,
        "a broken member is rejected by name"
    );
    assert_eq!(r.incidents.len(), 4, "the rest still imports");
}

#[test]
fn zip_bomb_stops_at_the_cap() {
    let zeros = vec![b'a'; 2 * 1024 * 1024];
    let bytes = zip_of(&[("a.md", &zeros), ("b.md", &zeros), ("c.md", &zeros)]);
    assert!(bytes.len() < 100_000, "highly compressible");
    let mut o = opts();
    o.limits = Limits {
        max_zip_total_bytes: 3 * 1024 * 1024,
        ..Limits::default()
    };
    let r = import_file("bomb.zip", &bytes, &o);
    let b = &r.files[1];
    assert_eq!(b.path, "bomb.zip!/b.md");
    assert_eq!(b.status, Status::Rejected);
    assert!(b.messages[0].contains("zip bomb"), "{:?}", b.messages);
    // The entry after is listed as not read, not dropped.
    let c = &r.files[2];
    assert_eq!(c.path, "bomb.zip!/c.md");
    assert_eq!(
        c.messages,
        ["not read: the zip had already inflated past its 3 MB limit"]
    );
    assert_eq!(
        c.reason.as_deref(),
        Some("not reached: the zip's limit was spent")
    );
}

#[test]
fn an_entry_too_large_is_refused_alone_and_its_siblings_are_read() {
    let good = std::fs::read(fixture("cstate/2024-03-05-queue-stall.md")).unwrap();
    let bomb = vec![b'a'; 3 * 1024 * 1024];
    let bytes = zip_of(&[("a.md", &good), ("b-bomb.md", &bomb), ("c.md", &good)]);
    let mut o = opts();
    o.limits = Limits {
        max_file_bytes: 1024 * 1024,
        max_zip_total_bytes: 4 * 1024 * 1024,
        ..Limits::default()
    };
    let r = import_file("mixed.zip", &bytes, &o);
    let rows: Vec<(&str, Status)> = r
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.status))
        .collect();
    assert_eq!(
        rows,
        [
            ("mixed.zip!/a.md", Status::Ok),
            ("mixed.zip!/b-bomb.md", Status::Rejected),
            ("mixed.zip!/c.md", Status::Ok)
        ]
    );
    assert_eq!(
        r.files[1].messages,
        ["inflates past the 1 MB a single file may be (possible zip bomb); the other entries are still read"]
    );
    assert_eq!(r.incidents.len(), 2, "one incident from each good entry");
}

#[test]
fn not_a_zip_after_all() {
    let r = import_file("fake.zip", b"PK\x03\x04garbage", &opts());
    assert_eq!(r.files[0].status, Status::Rejected);
    assert!(r.files[0].messages[0].contains("not a readable zip"));
}

#[test]
fn native_archive_round_trip_is_lossless() {
    let mut all = Vec::new();
    for rel in [
        "cstate/2024-03-05-queue-stall.md",
        "statuspage/incidents.json",
        "frontmatter/2022-11-03-panne-paiement.md",
        "csv/void-style.csv",
    ] {
        all.extend(import(rel).incidents);
    }
    all[0].excluded = true; // a user edit must survive
    let json = to_archive_json(&all, Some("t"));
    let back = import_file("archive.json", json.as_bytes(), &opts());
    assert_eq!(back.files[0].format, "aftermath");
    assert_eq!(back.files[0].status, Status::Ok);
    assert_eq!(back.incidents, all);
    assert_eq!(
        to_archive_json(&back.incidents, Some("t")),
        json,
        "byte-identical re-export"
    );
}

#[test]
fn newer_archive_version_is_refused() {
    let r = import_file(
        "future.json",
        br#"{"aftermath": 9, "incidents": []}"#,
        &opts(),
    );
    assert_eq!(r.files[0].status, Status::Rejected);
    assert!(r.files[0].messages[0].contains("newer"));
}

#[test]
fn reimport_does_not_duplicate() {
    let mut r = import("pagerduty/incidents.json");
    r.extend(import("pagerduty/incidents.json"));
    assert_eq!(r.incidents.len(), 6);
    assert_eq!(r.dedup(), 3);
}
