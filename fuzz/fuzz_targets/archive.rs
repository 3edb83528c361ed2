//! The native archive reader: anything inside `{"aftermath": 1, "incidents": …}`.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut doc = br#"{"aftermath":1,"incidents":"#.to_vec();
    doc.extend_from_slice(data);
    doc.push(b'}');
    common::import("archive.json", &doc);
});
