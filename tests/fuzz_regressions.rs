//! Inputs the fuzzers found (or that stand for what they look for), kept as regression tests:
//! every file in `tests/fixtures/fuzz/<target>/` is run through that fuzz target exactly as
//! the fuzzer ran it (`aftermath::fuzzing::check`: the same wrapping, the same scaled-down
//! limits, the same invariants) and must pass without a panic. `scripts/fuzz.sh` writes new
//! crash inputs to `fuzz/artifacts/<target>/`; once fixed, copy each to the folder of its
//! target here.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use aftermath::fuzzing::{check, files, opts, Target};

#[test]
fn every_kept_fuzz_input_passes_its_target() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for folder in std::fs::read_dir(&dir).unwrap() {
        let folder = folder.unwrap().path();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let target = Target::from_name(&name)
            .unwrap_or_else(|| panic!("{}: not a fuzz target's name", folder.display()));
        for input in std::fs::read_dir(&folder).unwrap() {
            let input = input.unwrap().path();
            let bytes = std::fs::read(&input).unwrap();
            if let Err(broken) = check(target, &bytes) {
                panic!("{} ({name}): {broken}", input.display());
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 2, "the kept inputs are in {}", dir.display());
}

#[test]
fn the_targets_wrap_their_input_as_documented() {
    // The Statuspage target completes its first incident: given the rest of a good incident
    // it imports, so its inputs reach the reader, not the JSON parser's first error.
    let rest = br#""resolved_at":"2024-01-01T01:00:00Z"}"#;
    let wrapped = files(Target::Statuspage, rest);
    assert_eq!(wrapped.len(), 1);
    let (name, bytes) = &wrapped[0];
    let read = aftermath::domain::import::import_file(name, bytes, &opts());
    assert_eq!(read.incidents.len(), 1, "{:?}", read.files);
    assert_eq!(read.incidents[0].title, "x");
    assert_eq!(check(Target::Statuspage, rest), Ok(()));
    // A text target skips bytes that are not UTF-8; the zip target imports two files.
    assert!(files(Target::Prose, b"\xff").is_empty());
    assert_eq!(files(Target::Zip, b"").len(), 2);
    // Every target is found by its name, as the kept inputs' folders are.
    for t in Target::ALL {
        assert_eq!(Target::from_name(t.name()), Some(t));
    }
    // The codec's round trip holds for a real answer.
    let result = aftermath::domain::import::import_file(
        "a.csv",
        b"title,start,end\nDNS,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z\n",
        &opts(),
    );
    let bytes = aftermath::domain::codec::encode(&result);
    assert_eq!(check(Target::Codec, &bytes), Ok(()));
}
