//! The JSON export readers behind a Statuspage envelope: any incident objects.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut doc = br#"{"page":{"id":"p"},"incidents":[{"name":"x","impact":"major","created_at":"2024-01-01T00:00:00Z","#.to_vec();
    doc.extend_from_slice(data);
    doc.extend_from_slice(b"]}");
    common::import("incidents.json", &doc);
});
