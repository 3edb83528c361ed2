//! The zip reader: bytes that start like a zip.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut doc = b"PK\x03\x04".to_vec();
    doc.extend_from_slice(data);
    common::import("bundle.zip", &doc);
    common::import("raw.zip", data);
});
