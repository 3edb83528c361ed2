//! The CSV reader under a header with every known column.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut doc = b"title,start,end,detected,severity,services,kind,duration,tags\n".to_vec();
    doc.extend_from_slice(data);
    common::import("incidents.csv", &doc);
});
